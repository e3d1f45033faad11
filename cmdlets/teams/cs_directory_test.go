package teams

import (
	"bytes"
	"context"
	"fmt"
	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// dirUser is a user of the seed tenant.
type dirUser struct {
	upn, name, dept string
	groups          []string
	licenses        []string
	enabled         bool
	direct          map[string]string
}

// seedUsers are the users of the seed tenant, in creation order. Their
// object IDs are 00000000-0000-4000-8000-0000000000a1, a2, ...
var seedUsers = []dirUser{
	{"ann@contoso.com", "Ann Lee", "Sales", []string{"Sales", "Managers"}, []string{"TeamsPremium"}, true, map[string]string{"TeamsMeetingPolicy": "Open"}},
	{"bob@contoso.com", "Bob Stone", "Eng", []string{"Eng"}, nil, true, nil},
	{"cara@contoso.com", "Cara Diaz", "Sales", []string{"Sales"}, nil, true, map[string]string{"ExternalAccessPolicy": "NoFed"}},
	{"dan@contoso.com", "Dan Wu", "", nil, nil, false, nil},
	{"eve_fabrikam.com#EXT#@contoso.com", "Eve Guest", "", []string{"Eng", "Sales"}, nil, true, nil},
}

func seedObjectID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-0000000000a%d", i+1) }

// seedTenant returns a tenant with the seed users, the groups Sales, Eng
// and Managers, and the policies TeamsMeetingPolicy Open, Closed and
// Lobby, ExternalAccessPolicy NoFed and TeamsAppPermissionPolicy Apps.
func seedTenant(t testing.TB) *state.Tenant {
	t.Helper()
	tn := state.NewTenant()
	for _, g := range []string{"Sales", "Eng", "Managers"} {
		if err := tn.PutGroup(&state.Group{ID: g, DisplayName: g + " team"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []struct{ kind, id string }{
		{state.KindTeamsMeetingPolicy, "Tag:Open"}, {state.KindTeamsMeetingPolicy, "Tag:Closed"}, {state.KindTeamsMeetingPolicy, "Tag:Lobby"},
		{state.KindExternalAccessPolicy, "Tag:NoFed"}, {state.KindTeamsAppPermissionPolicy, "Tag:Apps"},
	} {
		o, ok := state.DefaultObject(p.kind)
		if !ok {
			t.Fatalf("no defaults for %s", p.kind)
		}
		o.Identity = p.id
		if err := tn.PutObject(o); err != nil {
			t.Fatal(err)
		}
	}
	for i, su := range seedUsers {
		u := &state.User{UPN: su.upn, DisplayName: su.name, Department: su.dept, ObjectID: seedObjectID(i),
			Groups: su.groups, Licenses: su.licenses, Enabled: su.enabled}
		for pt, n := range su.direct {
			u.SetPolicy(pt, n)
		}
		if err := tn.PutUser(u); err != nil {
			t.Fatal(err)
		}
	}
	return tn
}

// runDir runs script on tn and returns its standard output and error
// stream. strict makes missing users and groups errors.
func runDir(t testing.TB, tn *state.Tenant, script string, strict bool) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	n := 0
	h := NewHolder(Config{Load: func() (*state.Tenant, error) { return tn, nil }, Strict: strict})
	s := cmdlets.NewSession(append([]cmdlets.Option{
		cmdlets.WithIO(strings.NewReader(""), &out, &errb),
		cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)}),
		cmdlets.WithIDs(func() string { n++; return fmt.Sprintf("00000000-0000-4000-9000-%012d", n) }),
		cmdlets.WithEnv(func(string) (string, bool) { return "", false }),
	}, h.Options()...)...)
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String()
}

// dirCase is one script run on the seed tenant: its exact output and
// exact error stream.
type dirCase struct {
	name   string
	script string
	out    string
	errs   string
	strict bool
}

func runDirCases(t *testing.T, cases []dirCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs := runDir(t, seedTenant(t), c.script, c.strict)
			if out != c.out {
				t.Errorf("script:\n%s\nstdout:\n%s\nwant:\n%s\nstderr: %s", c.script, out, c.out, errs)
			}
			if errs != c.errs {
				t.Errorf("script:\n%s\nstderr:\n%q\nwant:\n%q", c.script, errs, c.errs)
			}
		})
	}
}

func TestUserFilter(t *testing.T) {
	tests := []struct {
		filter string
		want   string // UPN local parts, comma-separated
	}{
		{`{Department -eq 'Sales'}`, "ann,cara"},
		{`"Department -eq 'sales'"`, "ann,cara"},
		{`{department -EQ "Sales"}`, "ann,cara"},
		{`{Department -eq Sales}`, "ann,cara"},
		{`{Department -ne 'Sales'}`, "bob,dan,eve_fabrikam.com#EXT#"},
		{`{DisplayName -like 'B*'}`, "bob"},
		{`{DisplayName -notlike '*a*'}`, "bob,eve_fabrikam.com#EXT#"},
		{`{Department -eq $null}`, "dan,eve_fabrikam.com#EXT#"},
		{`{Department -ne $null}`, "ann,bob,cara"},
		{`{TeamsMeetingPolicy -eq 'Open'}`, "ann"},
		{`{TeamsMeetingPolicy -eq 'Tag:open'}`, "ann"},
		{`{Enabled -eq $false}`, "dan"},
		{`{AccountEnabled -eq 'True' -and Department -eq 'Eng'}`, "bob"},
		{`{Department -eq 'Sales' -and ExternalAccessPolicy -ne $null}`, "cara"},
		{`{Department -eq 'Eng' -or Department -eq 'Sales'}`, "ann,bob,cara"},
		{`{-not (Department -eq 'Sales')}`, "bob,dan,eve_fabrikam.com#EXT#"},
		{`'!(Department -eq ''Sales'') -and Enabled -eq $true'`, "bob,eve_fabrikam.com#EXT#"},
		{`{MemberOf -eq 'Managers'}`, "ann"},
		{`{MemberOf -ne 'Sales'}`, "bob,dan"},
		{`{MemberOf -eq $null}`, "dan"},
		{`{AssignedPlan -like 'Teams*'}`, "ann"},
		{`{UserPrincipalName -gt 'c'}`, "cara,dan,eve_fabrikam.com#EXT#"},
		{`{UserPrincipalName -le 'bob@contoso.com'}`, "ann,bob"},
		{`"(Department -eq 'Sales' -or Department -eq 'Eng') -and DisplayName -like '*o*'"`, "bob"},
		// -and binds tighter than -or
		{`{Department -eq 'Eng' -or Department -eq 'Sales' -and DisplayName -like 'C*'}`, "bob,cara"},
		{`{UserPrincipalName -like '*#EXT#*'}`, "eve_fabrikam.com#EXT#"},
		{`{Identity -eq '00000000-0000-4000-8000-0000000000a2'}`, "bob"},
		{`{DisplayName -eq 'Ann''s'}`, ""},
		{`{DisplayName -eq "Ann Lee"}`, "ann"},
		{`{SipAddress -eq 'sip:cara@contoso.com'}`, "cara"},
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			script := "Get-CsOnlineUser -Filter " + tc.filter + " | ForEach-Object { $_.UserPrincipalName.Split('@')[0] }"
			out, errs := runDir(t, seedTenant(t), script, false)
			if errs != "" {
				t.Fatalf("stderr: %s", errs)
			}
			if got := strings.Join(strings.Fields(out), ","); got != tc.want {
				t.Errorf("-Filter %s: got %q, want %q", tc.filter, got, tc.want)
			}
		})
	}
}

func TestUserFilterErrors(t *testing.T) {
	props := strings.Join(userPropertyNames(state.NewTenant()), ", ")
	tests := []struct{ filter, msg string }{
		{`"Department -eq"`, `Invalid filter "Department -eq": expected a value after -eq, found the end of the filter at position 15`},
		{`"Department 'Sales'"`, `Invalid filter "Department 'Sales'": expected a comparison operator (-eq, -ne, -like, -notlike, -gt, -ge, -lt, -le) after Department, found "Sales" at position 12`},
		{`{Department -contains 'x'}`, `Invalid filter "Department -contains 'x'": expected a comparison operator (-eq, -ne, -like, -notlike, -gt, -ge, -lt, -le) after Department, found "-contains" at position 12`},
		{`{Department}`, `Invalid filter "Department": expected a comparison operator (-eq, -ne, -like, -notlike, -gt, -ge, -lt, -le) after Department, found the end of the filter at position 11`},
		{`{Foo -eq 1}`, `Invalid filter "Foo -eq 1": unknown property "Foo" (the user object has ` + props + `) at position 1`},
		{`"(Department -eq 'x'"`, `Invalid filter "(Department -eq 'x'": the parenthesis opened here is not closed at position 1`},
		{`"(Department -eq 'x' 'y')"`, `Invalid filter "(Department -eq 'x' 'y')": expected ')', found "y" at position 21`},
		{`"Department -eq 'x"`, `Invalid filter "Department -eq 'x": the string that starts here is not closed at position 16`},
		{`{Department -eq 'x' Sales}`, `Invalid filter "Department -eq 'x' Sales": unexpected "Sales"; join comparisons with -and or -or at position 20`},
		{`"Department -eq 'x')"`, `Invalid filter "Department -eq 'x')": unexpected ")"; join comparisons with -and or -or at position 19`},
		{`{Department -eq 'x' -and}`, `Invalid filter "Department -eq 'x' -and": expected a property name, found the end of the filter at position 24`},
		{`{Department -eq $dept}`, `Invalid filter "Department -eq $dept": variables are not expanded in a filter: use a double-quoted string, -Filter "Department -eq '$dept'" at position 16`},
		{`"-and Department -eq 1"`, `Invalid filter "-and Department -eq 1": expected a property name, found the operator "-and" at position 1`},
		{`{Department -eq -or}`, `Invalid filter "Department -eq -or": expected a value after -eq, found the operator "-or" at position 16`},
		{`"'Sales' -eq Department"`, `Invalid filter "'Sales' -eq Department": expected a property name, found the string "Sales" at position 1`},
		{`")"`, `Invalid filter ")": expected a property name, found ')' at position 1`},
		{`{Dept.Name -eq 1}`, `Invalid filter "Dept.Name -eq 1": expected a property name, found "Dept.Name" at position 1`},
		{`"{}"`, `Invalid filter "": the filter is empty at position 1`},
		{`{Department -eq 'x' -and -not}`, `Invalid filter "Department -eq 'x' -and -not": expected a property name, found the end of the filter at position 29`},
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			out, errs := runDir(t, seedTenant(t), "Get-CsOnlineUser -Filter "+tc.filter+"; 'next'", false)
			if out != "next\n" {
				t.Errorf("stdout %q: a bad filter stops only its statement and outputs nothing", out)
			}
			if want := "t.ps1:1:1: Get-CsOnlineUser: " + tc.msg + "\n"; errs != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errs, want)
			}
		})
	}
}

// TestUserPropertyMatchesObject checks that the properties the filter reads
// are those of the objects Get-CsOnlineUser writes.
func TestUserPropertyMatchesObject(t *testing.T) {
	tn := seedTenant(t)
	for u := range tn.Users() {
		o := userObject(tn, u)
		for _, name := range o.Names() {
			want, _ := o.Get(name)
			got, ok := userProperty(tn, u, name)
			if !ok {
				t.Errorf("%s: no property %s", u.UPN, name)
				continue
			}
			if filterText(got) != filterText(plain(want)) {
				t.Errorf("%s.%s = %q, the object has %q", u.UPN, name, filterText(got), filterText(plain(want)))
			}
		}
	}
}

func plain(v any) any {
	if a, ok := v.(*value.Array); ok {
		out := make([]string, len(a.Items))
		for i, it := range a.Items {
			out[i] = value.ToString(it)
		}
		return out
	}
	return v
}

func TestGetCsOnlineUser(t *testing.T) {
	runDirCases(t, []dirCase{
		{name: "table", script: "Get-CsOnlineUser -ResultSize 3 | Out-String",
			out: "\nUserPrincipalName DisplayName Department TeamsMeetingPolicy\n" +
				"----------------- ----------- ---------- ------------------\n" +
				"ann@contoso.com   Ann Lee     Sales      Open\n" +
				"bob@contoso.com   Bob Stone   Eng        \n" +
				"cara@contoso.com  Cara Diaz   Sales      \n\n\n"},
		{name: "by upn", script: "(Get-CsOnlineUser -Identity bob@contoso.com).Identity", out: "00000000-0000-4000-8000-0000000000a2\n"},
		{name: "positional", script: "(Get-CsOnlineUser bob@contoso.com).DisplayName", out: "Bob Stone\n"},
		{name: "by sip", script: "(Get-CsOnlineUser -Identity sip:CARA@contoso.com).DisplayName", out: "Cara Diaz\n"},
		{name: "by object id", script: "(Get-CsOnlineUser -Identity 00000000-0000-4000-8000-0000000000A4).UserPrincipalName", out: "dan@contoso.com\n"},
		{name: "by alias", script: "(Get-CsOnlineUser -Identity ann).UserPrincipalName", out: "ann@contoso.com\n"},
		{name: "identity and filter", script: "@(Get-CsOnlineUser -Identity ann@contoso.com -Filter {Department -eq 'Eng'}).Count", out: "0\n"},
		{name: "not found", script: "Get-CsOnlineUser -Identity zed@contoso.com; 'after'", out: "after\n",
			errs: "t.ps1:1:1: Get-CsOnlineUser: [NotFound] : userId was not found (identity \"zed@contoso.com\")\n"},
		{name: "not found stop", script: "try { Get-CsOnlineUser -Identity zed@contoso.com -ErrorAction Stop } catch { 'caught: ' + $_.FullyQualifiedErrorId }",
			out: "caught: UserNotFound,Get-CsOnlineUser\n"},
		{name: "result size", script: "Get-CsOnlineUser -ResultSize 2 | % UserPrincipalName", out: "ann@contoso.com\nbob@contoso.com\n"},
		{name: "result size with filter", script: "Get-CsOnlineUser -Filter {Department -eq 'Sales'} -ResultSize 1 | % UserPrincipalName", out: "ann@contoso.com\n"},
		{name: "result size unlimited", script: "@(Get-CsOnlineUser -ResultSize Unlimited).Count", out: "5\n"},
		{name: "result size 0", script: "@(Get-CsOnlineUser -ResultSize 0).Count", out: "0\n"},
		{name: "result size bad", script: "Get-CsOnlineUser -ResultSize lots",
			errs: "t.ps1:1:1: Get-CsOnlineUser: Cannot bind parameter 'ResultSize'. Cannot convert value \"lots\" to type \"System.UInt32\". Error: \"Input string was not in a correct format.\"\n"},
		{name: "result size negative", script: "Get-CsOnlineUser -ResultSize -3",
			errs: "t.ps1:1:1: Get-CsOnlineUser: Cannot bind parameter 'ResultSize'. Cannot convert value \"-3\" to type \"System.UInt32\". Error: \"Value was either too large or too small for a UInt32.\"\n"},
		{name: "account type guest", script: "Get-CsOnlineUser -AccountType guest | % DisplayName", out: "Eve Guest\n"},
		{name: "account type user", script: "@(Get-CsOnlineUser -AccountType User).Count", out: "4\n"},
		{name: "account type resource", script: "@(Get-CsOnlineUser -AccountType ResourceAccount).Count", out: "0\n"},
		{name: "account type bad", script: "Get-CsOnlineUser -AccountType Robot",
			errs: "t.ps1:1:1: Get-CsOnlineUser: Cannot validate argument on parameter 'AccountType'. The argument \"Robot\" does not belong to the set \"User,ResourceAccount,Guest,SfBOnPremUser,IneligibleUser\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.\n"},
		{name: "sort", script: "Get-CsOnlineUser -Sort DisplayName -Filter {Department -ne $null} | % DisplayName", out: "Ann Lee\nBob Stone\nCara Diaz\n"},
		{name: "sort desc", script: "Get-CsOnlineUser -Sort 'DisplayName desc' -ResultSize 2 | % DisplayName", out: "Eve Guest\nDan Wu\n"},
		{name: "sort bad property", script: "Get-CsOnlineUser -Sort Color",
			errs: "t.ps1:1:1: Get-CsOnlineUser: -Sort: the user object has no property \"Color\"; it has " + strings.Join(userPropertyNames(state.NewTenant()), ", ") + "\n"},
		{name: "sort bad direction", script: "Get-CsOnlineUser -Sort 'DisplayName up'",
			errs: "t.ps1:1:1: Get-CsOnlineUser: -Sort \"DisplayName up\": the direction must be asc or desc\n"},
		{name: "sort too many words", script: "Get-CsOnlineUser -Sort 'a b c'",
			errs: "t.ps1:1:1: Get-CsOnlineUser: -Sort \"a b c\": use a property name, optionally followed by asc or desc\n"},
		{name: "properties", script: "(Get-CsOnlineUser ann@contoso.com -Properties Department,MemberOf).psobject.Properties.Name -join ','",
			out: "Identity,UserPrincipalName,DisplayName,Department,AccountEnabled,MemberOf\n"},
		{name: "properties bad", script: "Get-CsOnlineUser -Properties Color",
			errs: "t.ps1:1:1: Get-CsOnlineUser: -Properties: the user object has no property \"Color\"; it has " + strings.Join(userPropertyNames(state.NewTenant()), ", ") + "\n"},
		{name: "skip user policies", script: "(Get-CsOnlineUser ann@contoso.com -SkipUserPolicies).psobject.Properties.Name -join ','",
			out: "Identity,UserPrincipalName,DisplayName,Department,SipAddress,Enabled,AccountEnabled,AssignedPlan,MemberOf\n"},
		{name: "soft deleted", script: "@(Get-CsOnlineUser -SoftDeletedUser).Count", out: "0\n"},
		{name: "only direct policies", script: "(Get-CsOnlineUser eve_fabrikam.com#EXT#@contoso.com).TeamsMeetingPolicy -eq $null", out: "True\n"},
		{name: "pipe into grant", script: "Get-CsOnlineUser -Filter {Department -eq 'Sales'} | Grant-CsTeamsMeetingPolicy -PolicyName Closed\n" +
			"Get-CsOnlineUser | % { '{0}={1}' -f $_.UserPrincipalName, $_.TeamsMeetingPolicy }",
			out: "ann@contoso.com=Closed\nbob@contoso.com=\ncara@contoso.com=Closed\ndan@contoso.com=\neve_fabrikam.com#EXT#@contoso.com=\n"},
		{name: "pipe into select first", script: "Get-CsOnlineUser | Select-Object -First 1 | % UserPrincipalName", out: "ann@contoso.com\n"},
	})
}

func TestEffectivePolicyPrecedence(t *testing.T) {
	const pt = "TeamsMeetingPolicy"
	tn := seedTenant(t)
	user := func(upn string) *state.User {
		u, ok := tn.User(upn)
		if !ok {
			t.Fatalf("no user %s", upn)
		}
		return u
	}
	check := func(step string, u *state.User, want join.Effective) {
		t.Helper()
		if got := join.Resolve(tn, u, pt); got != want {
			t.Errorf("%s: %s: got %+v, want %+v", step, upnOf(u), got, want)
		}
		if got := join.NewResolver(tn, pt).Resolve(u); got != want {
			t.Errorf("%s: resolver: %s: got %+v, want %+v", step, upnOf(u), got, want)
		}
	}
	global := join.Effective{Identity: "Global", Name: "Global", Source: join.SourceGlobal}
	check("nothing assigned", user("bob@contoso.com"), global)
	check("outside the directory", nil, global)

	tn.SetTenantGrant(pt, "Lobby")
	tenant := join.Effective{Identity: "Tag:Lobby", Name: "Lobby", Source: join.SourceTenant}
	check("tenant grant", user("bob@contoso.com"), tenant)
	check("tenant grant, outside the directory", nil, tenant)

	if _, err := tn.AddGroupAssignment(state.GroupAssignment{GroupID: "Eng", PolicyType: pt, PolicyName: "Closed"}); err != nil {
		t.Fatal(err)
	}
	check("group beats tenant", user("bob@contoso.com"), join.Effective{Identity: "Tag:Closed", Name: "Closed", Source: join.SourceGroup, GroupID: "Eng", Rank: 1})
	check("direct beats group", user("ann@contoso.com"), join.Effective{Identity: "Tag:Open", Name: "Open", Source: join.SourceDirect})

	// eve is in Eng and Sales: the best rank wins, whatever the order of
	// her groups
	if _, err := tn.AddGroupAssignment(state.GroupAssignment{GroupID: "Sales", PolicyType: pt, PolicyName: "Lobby", Rank: 1}); err != nil {
		t.Fatal(err)
	}
	eve := user("eve_fabrikam.com#EXT#@contoso.com")
	check("best rank", eve, join.Effective{Identity: "Tag:Lobby", Name: "Lobby", Source: join.SourceGroup, GroupID: "Sales", Rank: 1})
	tn.RemoveGroupAssignment("Sales", pt)
	check("renumbered after remove", eve, join.Effective{Identity: "Tag:Closed", Name: "Closed", Source: join.SourceGroup, GroupID: "Eng", Rank: 1})

	// a group the user is not a direct member of does not count
	if _, err := tn.AddGroupAssignment(state.GroupAssignment{GroupID: "Managers", PolicyType: pt, PolicyName: "Lobby", Rank: 1}); err != nil {
		t.Fatal(err)
	}
	check("not a member", user("bob@contoso.com"), join.Effective{Identity: "Tag:Closed", Name: "Closed", Source: join.SourceGroup, GroupID: "Eng", Rank: 2})
	check("other policy types", user("cara@contoso.com"), tenant)
	if got := join.Resolve(tn, user("cara@contoso.com"), "ExternalAccessPolicy"); got.Source != join.SourceDirect || got.Name != "NoFed" {
		t.Errorf("cara ExternalAccessPolicy: %+v", got)
	}

	tn.SetTenantGrant(pt, "")
	check("tenant grant cleared", user("dan@contoso.com"), global)
}

func upnOf(u *state.User) string {
	if u == nil {
		return "<nil>"
	}
	return u.UPN
}

// TestPrecedenceScript follows one user through every source with the
// cmdlets, reading Get-CsUserPolicyAssignment and the what-if resolver.
func TestPrecedenceScript(t *testing.T) {
	tn := seedTenant(t)
	steps := []struct {
		script string
		out    string // Get-CsUserPolicyAssignment for bob, as "name|sources"
		source join.Source
		name   string
	}{
		{"", "", join.SourceGlobal, "Global"},
		{"Grant-CsTeamsMeetingPolicy -PolicyName Lobby -Global", "", join.SourceTenant, "Lobby"},
		{"New-CsGroupPolicyAssignment -GroupId Eng -PolicyType TeamsMeetingPolicy -PolicyName Closed", "Closed|Group:Closed:Eng", join.SourceGroup, "Closed"},
		{"Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Open", "Open|Direct:Open:,Group:Closed:Eng", join.SourceDirect, "Open"},
		{"Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName $null", "Closed|Group:Closed:Eng", join.SourceGroup, "Closed"},
		{"Remove-CsGroupPolicyAssignment -GroupId Eng -PolicyType TeamsMeetingPolicy", "", join.SourceTenant, "Lobby"},
		{"Grant-CsTeamsMeetingPolicy -PolicyName Global -Global", "", join.SourceGlobal, "Global"},
	}
	const show = "\nGet-CsUserPolicyAssignment -Identity bob@contoso.com -PolicyType TeamsMeetingPolicy | % { $_.PolicyName + '|' + (($_.PolicySource | % { '{0}:{1}:{2}' -f $_.AssignmentType, $_.PolicyName, $_.Reference }) -join ',') }"
	for _, st := range steps {
		out, errs := runDir(t, tn, st.script+show, false)
		if errs != "" {
			t.Fatalf("%s: stderr: %s", st.script, errs)
		}
		if want := st.out; strings.TrimSuffix(out, "\n") != want {
			t.Errorf("after %q: Get-CsUserPolicyAssignment gives %q, want %q", st.script, out, want)
		}
		u, _ := tn.User("bob@contoso.com")
		if got := join.Resolve(tn, u, "TeamsMeetingPolicy"); got.Source != st.source || got.Name != st.name {
			t.Errorf("after %q: effective %+v, want %s from %s", st.script, got, st.name, st.source)
		}
	}
}

func TestGetCsUserPolicyAssignment(t *testing.T) {
	setup := "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Closed\n" +
		"New-CsGroupPolicyAssignment -GroupId Eng -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Rank 1\n" +
		"New-CsGroupPolicyAssignment -GroupId Eng -PolicyType ExternalAccessPolicy -PolicyName NoFed\n"
	runDirCases(t, []dirCase{
		{name: "direct and group", script: setup + "Get-CsUserPolicyAssignment -Identity ann@contoso.com | Out-String",
			out: "\nPolicyType         PolicyName PolicySource\n" +
				"----------         ---------- ------------\n" +
				"TeamsMeetingPolicy Open       {Open, Closed}\n\n\n"},
		{name: "sources", script: setup + "Get-CsUserPolicyAssignment -Identity ann@contoso.com -PolicyType TeamsMeetingPolicy | Select-Object -ExpandProperty PolicySource | Out-String",
			out: "\nAssignmentType PolicyName Reference\n" +
				"-------------- ---------- ---------\n" +
				"Direct         Open       \n" +
				"Group          Closed     Sales\n\n\n"},
		{name: "best rank first", script: setup + "Get-CsUserPolicyAssignment -Identity eve_fabrikam.com#EXT#@contoso.com | % { '{0}={1} {2}' -f $_.PolicyType, $_.PolicyName, (($_.PolicySource | % Reference) -join ',') }",
			out: "TeamsMeetingPolicy=Lobby Eng,Sales\nExternalAccessPolicy=NoFed Eng\n"},
		{name: "by object id", script: setup + "Get-CsUserPolicyAssignment -Identity 00000000-0000-4000-8000-0000000000a3 | % { $_.PolicyType + '=' + $_.PolicyName }",
			out: "TeamsMeetingPolicy=Closed\nExternalAccessPolicy=NoFed\n"},
		{name: "from the pipeline", script: setup + "Get-CsOnlineUser bob@contoso.com | Get-CsUserPolicyAssignment | % PolicyName",
			out: "Lobby\nNoFed\n"},
		{name: "nothing assigned", script: "@(Get-CsUserPolicyAssignment -Identity dan@contoso.com).Count", out: "0\n"},
		{name: "nothing assigned verbose", script: "Get-CsUserPolicyAssignment -Identity dan@contoso.com -PolicyType TeamsMeetingPolicy -Verbose",
			errs: "VERBOSE: dan@contoso.com has no TeamsMeetingPolicy assigned directly or by group; the tenant default Global applies\n"},
		{name: "not found", script: "Get-CsUserPolicyAssignment -Identity zed@contoso.com",
			errs: "t.ps1:1:1: Get-CsUserPolicyAssignment: [NotFound] : userId was not found (identity \"zed@contoso.com\")\n"},
		{name: "type not modeled", script: "Get-CsUserPolicyAssignment -Identity ann@contoso.com -PolicyType teamscallingpolicy",
			errs: "t.ps1:1:1: Get-CsUserPolicyAssignment: [NotImplemented] policy type \"TeamsCallingPolicy\" is not emulated: csemu models TeamsMeetingPolicy, ExternalAccessPolicy and TeamsAppPermissionPolicy\n"},
		{name: "type unknown", script: "Get-CsUserPolicyAssignment -Identity ann@contoso.com -PolicyType MeetingPolicyX",
			errs: "t.ps1:1:1: Get-CsUserPolicyAssignment: \"MeetingPolicyX\" is not a policy type. The policy types csemu models are TeamsMeetingPolicy, ExternalAccessPolicy and TeamsAppPermissionPolicy.\n"},
	})
}

func TestGroupPolicyAssignment(t *testing.T) {
	const ranks = "\nGet-CsGroupPolicyAssignment -PolicyType TeamsMeetingPolicy | % { '{0}={1}' -f $_.GroupId, $_.Rank }"
	add := func(group, rank string) string {
		s := "New-CsGroupPolicyAssignment -GroupId " + group + " -PolicyType TeamsMeetingPolicy -PolicyName Closed"
		if rank != "" {
			s += " -Rank " + rank
		}
		return s + "\n"
	}
	runDirCases(t, []dirCase{
		{name: "append", script: add("G1", "") + add("G2", "") + add("G3", "") + ranks, out: "G1=1\nG2=2\nG3=3\n"},
		{name: "insert at 1", script: add("G1", "") + add("G2", "") + add("G3", "1") + ranks, out: "G3=1\nG1=2\nG2=3\n"},
		{name: "insert in the middle", script: add("G1", "") + add("G2", "") + add("G3", "2") + ranks, out: "G1=1\nG3=2\nG2=3\n"},
		{name: "rank beyond the end appends", script: add("G1", "") + add("G2", "9") + ranks, out: "G1=1\nG2=2\n"},
		{name: "remove middle", script: add("G1", "") + add("G2", "") + add("G3", "") +
			"Remove-CsGroupPolicyAssignment -GroupId G2 -PolicyType TeamsMeetingPolicy" + ranks, out: "G1=1\nG3=2\n"},
		{name: "remove first", script: add("G1", "") + add("G2", "") + add("G3", "") +
			"Remove-CsGroupPolicyAssignment -GroupId G1 -PolicyType TeamsMeetingPolicy" + ranks, out: "G2=1\nG3=2\n"},
		{name: "types are ranked apart", script: add("G1", "") +
			"New-CsGroupPolicyAssignment -GroupId G2 -PolicyType ExternalAccessPolicy -PolicyName NoFed -Rank 1\n" + add("G2", "1") +
			"Get-CsGroupPolicyAssignment | % { '{0} {1}={2}' -f $_.PolicyType, $_.GroupId, $_.Rank }",
			out: "ExternalAccessPolicy G2=1\nTeamsMeetingPolicy G2=1\nTeamsMeetingPolicy G1=2\n"},
		{name: "table", script: add("Sales", "") + "Get-CsGroupPolicyAssignment | Out-String",
			out: "\nGroupId PolicyType         PolicyName Rank\n" +
				"------- ----------         ---------- ----\n" +
				"Sales   TeamsMeetingPolicy Closed        1\n\n\n"},
		{name: "list", script: add("Sales", "") + "Get-CsGroupPolicyAssignment -GroupId 'Sales team' | Format-List * | Out-String",
			out: "\nGroupId     : Sales\nPolicyType  : TeamsMeetingPolicy\nPolicyName  : Closed\nRank        : 1\nCreatedTime : 3/4/2026 5:06:07 AM\nCreatedBy   : csemu\n\n\n"},
		{name: "by group", script: add("Sales", "") + add("Eng", "") + "Get-CsGroupPolicyAssignment -GroupId eng | % PolicyName", out: "Closed\n"},
		{name: "policy name spelled as stored", script: "New-CsGroupPolicyAssignment -GroupId Eng -PolicyType TeamsMeetingPolicy -PolicyName tag:CLOSED -PassThru | % { $_.PolicyName + ' ' + $_.Rank }",
			out: "Closed 1\n"},
		{name: "missing group created", script: "New-CsGroupPolicyAssignment -GroupId NewGroup -PolicyType TeamsMeetingPolicy -PolicyName Closed -Verbose",
			errs: "VERBOSE: group \"NewGroup\" is not in the directory; created it (run with --strict to make this an error)\n" +
				"VERBOSE: assigned TeamsMeetingPolicy \"Closed\" to group \"NewGroup\" at rank 1\n"},
		{name: "whatif", script: "New-CsGroupPolicyAssignment -GroupId NewGroup -PolicyType TeamsMeetingPolicy -PolicyName Closed -WhatIf\n@(Get-CsGroupPolicyAssignment).Count",
			out: "What if: Performing the operation \"New-CsGroupPolicyAssignment\" on target \"NewGroup\".\n0\n"},
		{name: "strict missing group", strict: true, script: "New-CsGroupPolicyAssignment -GroupId NewGroup -PolicyType TeamsMeetingPolicy -PolicyName Closed",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: [NotFound] : group \"NewGroup\" was not found\n"},
		{name: "second of a type", script: add("Sales", "") + "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Lobby",
			errs: "t.ps1:2:1: New-CsGroupPolicyAssignment: Group \"Sales\" already has a TeamsMeetingPolicy assignment (\"Closed\" at rank 1). Remove it with Remove-CsGroupPolicyAssignment first, or replace it with Grant-CsTeamsMeetingPolicy -Group.\n"},
		{name: "missing policy", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Nope",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: Provided policy name is not valid: TeamsMeetingPolicy \"Nope\" does not exist\n"},
		{name: "policy of another type", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType ExternalAccessPolicy -PolicyName Closed",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: Provided policy name is not valid: ExternalAccessPolicy \"Closed\" does not exist\n"},
		{name: "global", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Global",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: Policy \"Global\" cannot be assigned to a group: every user without another assignment already gets it.\n"},
		{name: "bad policy identity", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName site:Paris",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: \"site:Paris\" is not a valid identity: use Global, Tag:<Name> or <Name>\n"},
		{name: "rank 0", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Closed -Rank 0",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: Cannot set the rank of the assignment to 0: the rank must be 1 or greater.\n"},
		{name: "app permission policy", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsAppPermissionPolicy -PolicyName Apps",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: Group policy assignment is not supported for the policy type \"TeamsAppPermissionPolicy\". Assign the policy to users with Grant-CsTeamsAppPermissionPolicy -Identity or New-CsBatchPolicyAssignmentOperation.\n"},
		{name: "excluded type not modeled", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType teamsupgradepolicy -PolicyName X",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: Group policy assignment is not supported for the policy type \"TeamsUpgradePolicy\". Assign the policy to users with Grant-CsTeamsUpgradePolicy -Identity or New-CsBatchPolicyAssignmentOperation.\n"},
		{name: "type not modeled", script: "New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMessagingPolicy -PolicyName X",
			errs: "t.ps1:1:1: New-CsGroupPolicyAssignment: [NotImplemented] policy type \"TeamsMessagingPolicy\" is not emulated: csemu models TeamsMeetingPolicy, ExternalAccessPolicy and TeamsAppPermissionPolicy\n"},
		{name: "get unknown group", script: "Get-CsGroupPolicyAssignment -GroupId Nobody",
			errs: "t.ps1:1:1: Get-CsGroupPolicyAssignment: [NotFound] : group \"Nobody\" was not found\n"},
		{name: "get unknown type", script: "Get-CsGroupPolicyAssignment -PolicyType Nope",
			errs: "t.ps1:1:1: Get-CsGroupPolicyAssignment: \"Nope\" is not a policy type. The policy types csemu models are TeamsMeetingPolicy, ExternalAccessPolicy and TeamsAppPermissionPolicy.\n"},
		{name: "remove missing", script: "Remove-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy",
			errs: "t.ps1:1:1: Remove-CsGroupPolicyAssignment: [NotFound] : group \"Sales\" has no TeamsMeetingPolicy assignment\n"},
		{name: "remove by display name", script: add("Sales", "") + "Remove-CsGroupPolicyAssignment -GroupId 'Sales team' -PolicyType TeamsMeetingPolicy -PassThru\n@(Get-CsGroupPolicyAssignment).Count",
			out: "True\n0\n"},
		{name: "remove whatif", script: add("Sales", "") + "Remove-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -WhatIf\n@(Get-CsGroupPolicyAssignment).Count",
			out: "What if: Performing the operation \"Remove-CsGroupPolicyAssignment\" on target \"Sales\".\n1\n"},
		{name: "change log", script: add("Sales", "") + "Remove-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy\nGet-EmuChange | % Change",
			out: "Group Sales TeamsMeetingPolicy: Closed\nGroup Sales TeamsMeetingPolicy: Closed -> (none)\n"},
	})
}

func TestGroupAssignmentLimit(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= maxGroupsPerType+1; i++ {
		fmt.Fprintf(&b, "New-CsGroupPolicyAssignment -GroupId G%d -PolicyType TeamsMeetingPolicy -PolicyName Closed\n", i)
	}
	b.WriteString("@(Get-CsGroupPolicyAssignment).Count")
	out, errs := runDir(t, seedTenant(t), b.String(), false)
	if out != "64\n" {
		t.Errorf("stdout %q, want 64", out)
	}
	if want := "t.ps1:65:1: New-CsGroupPolicyAssignment: Cannot assign a TeamsMeetingPolicy to group \"G65\": a policy type can be assigned to at most 64 groups.\n"; errs != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errs, want)
	}
}

func TestBatchPolicyAssignment(t *testing.T) {
	const state = "\nGet-CsOnlineUser | % { '{0}={1}' -f $_.UserPrincipalName.Split('@')[0], $_.TeamsMeetingPolicy }"
	runDirCases(t, []dirCase{
		{name: "applied at once", script: "$op = New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName lobby -Identity bob@contoso.com,sip:cara@contoso.com,00000000-0000-4000-8000-0000000000a4 -OperationName Lobby\n$op.OperationId" + state,
			out: "00000000-0000-4000-9000-000000000001\nann=Open\nbob=Lobby\ncara=Lobby\ndan=Lobby\neve_fabrikam.com#EXT#=\n"},
		{name: "output", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity bob@contoso.com | Out-String",
			out: "\nOperationId\n-----------\n00000000-0000-4000-9000-000000000001\n\n\n"},
		{name: "get one", script: "$op = New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity bob@contoso.com,BOB@contoso.com,ann@contoso.com -OperationName Lobby\n" +
			"$o = Get-CsBatchPolicyAssignmentOperation -Identity $op\n" +
			"'{0} {1} {2} completed={3} errors={4}' -f $o.OperationId, $o.OperationName, $o.OverallStatus, $o.CompletedCount, $o.ErrorCount\n" +
			"$o.UserState | % { '{0} {1} {2}' -f $_.Id, $_.State, $_.Result }",
			out: "00000000-0000-4000-9000-000000000001 Lobby Completed completed=2 errors=0\nbob@contoso.com Completed Success\nann@contoso.com Completed Success\n"},
		{name: "get by operation id alias", script: "$op = New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity bob@contoso.com\n" +
			"(Get-CsBatchPolicyAssignmentOperation -OperationId $op.OperationId).OverallStatus", out: "Completed\n"},
		{name: "list and status", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity bob@contoso.com -OperationName one | Out-Null\n" +
			"New-CsBatchPolicyAssignmentOperation -PolicyType ExternalAccessPolicy -PolicyName NoFed -Identity bob@contoso.com -OperationName two | Out-Null\n" +
			"Get-CsBatchPolicyAssignmentOperation | Out-String\n@(Get-CsBatchPolicyAssignmentOperation -Status inprogress).Count\n@(Get-CsBatchPolicyAssignmentOperation -Status Completed).Count",
			out: "\nOperationId                          OperationName OverallStatus ErrorCount\n" +
				"-----------                          ------------- ------------- ----------\n" +
				"00000000-0000-4000-9000-000000000001 one           Completed              0\n" +
				"00000000-0000-4000-9000-000000000002 two           Completed              0\n\n\n0\n2\n"},
		{name: "empty name removes", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName '' -Identity ann@contoso.com | Out-Null\n" +
			"New-CsBatchPolicyAssignmentOperation -PolicyType ExternalAccessPolicy -PolicyName $null -Identity cara@contoso.com | Out-Null\n" +
			"Get-CsOnlineUser -Filter {TeamsMeetingPolicy -ne $null -or ExternalAccessPolicy -ne $null} | % UserPrincipalName",
			out: ""},
		{name: "unknown users", script: "$op = New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity 11111111-2222-4333-8444-555555555555,bob@contoso.com -Verbose\n" +
			"$o = Get-CsBatchPolicyAssignmentOperation -Identity $op\n$o.ErrorCount\n$o.UserState | % { '{0}: {1}' -f $_.Id, $_.Result }",
			out:  "1\n11111111-2222-4333-8444-555555555555: UserNotFound: userId was not found\nbob@contoso.com: Success\n",
			errs: "VERBOSE: batch 00000000-0000-4000-9000-000000000001: 1 of 2 user(s) failed; see Get-CsBatchPolicyAssignmentOperation -Identity 00000000-0000-4000-9000-000000000001\n"},
		{name: "missing user created", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity new@contoso.com | Out-Null\n(Get-CsOnlineUser new@contoso.com).TeamsMeetingPolicy",
			out: "Lobby\n"},
		{name: "strict missing user", strict: true, script: "$op = New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity new@contoso.com -WarningAction SilentlyContinue\n(Get-CsBatchPolicyAssignmentOperation -Identity $op).UserState.Result",
			out: "UserNotFound: userId was not found\n"},
		{name: "missing policy", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Nope -Identity bob@contoso.com\n@(Get-CsBatchPolicyAssignmentOperation).Count",
			out:  "0\n",
			errs: "t.ps1:1:1: New-CsBatchPolicyAssignmentOperation: Provided policy name is not valid\n"},
		{name: "global policy name", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Global -Identity bob@contoso.com",
			errs: "t.ps1:1:1: New-CsBatchPolicyAssignmentOperation: Provided policy name is not valid\n"},
		{name: "missing policy stop", script: "try { New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Nope -Identity bob@contoso.com -ErrorAction Stop } catch { $_.FullyQualifiedErrorId + ' ' + $_.CategoryInfo.Category }",
			out: "ClientError,New-CsBatchPolicyAssignmentOperation InvalidOperation\n"},
		{name: "app permission policy", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsAppPermissionPolicy -PolicyName Apps -Identity bob@contoso.com | Out-Null\n(Get-CsOnlineUser bob@contoso.com).TeamsAppPermissionPolicy",
			out: "Apps\n"},
		{name: "type not modeled", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TenantDialPlan -PolicyName X -Identity bob@contoso.com",
			errs: "t.ps1:1:1: New-CsBatchPolicyAssignmentOperation: [NotImplemented] policy type \"TenantDialPlan\" is not emulated: csemu models TeamsMeetingPolicy, ExternalAccessPolicy and TeamsAppPermissionPolicy\n"},
		{name: "no users", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity ' '",
			errs: "t.ps1:1:1: New-CsBatchPolicyAssignmentOperation: -Identity names no users\n"},
		{name: "too many users", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity (1..5001 | % { \"u$_@contoso.com\" })",
			errs: "t.ps1:1:1: New-CsBatchPolicyAssignmentOperation: A batch can assign a policy to at most 5000 users; this one names 5001. Split it into several batches.\n"},
		{name: "whatif", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity bob@contoso.com -WhatIf\n@(Get-CsBatchPolicyAssignmentOperation).Count",
			out: "What if: Performing the operation \"New-CsBatchPolicyAssignmentOperation\" on target \"1 user(s)\".\n0\n"},
		{name: "get missing", script: "Get-CsBatchPolicyAssignmentOperation -Identity nope",
			errs: "t.ps1:1:1: Get-CsBatchPolicyAssignmentOperation: [NotFound] : batch operation \"nope\" was not found\n"},
		{name: "bad status", script: "Get-CsBatchPolicyAssignmentOperation -Status Done",
			errs: "t.ps1:1:1: Get-CsBatchPolicyAssignmentOperation: -Status \"Done\": the status must be one of NotStarted, InProgress, Completed\n"},
		{name: "change log", script: "New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Lobby -Identity ann@contoso.com,bob@contoso.com | Out-Null\nGet-EmuChange | % Change",
			out: "User ann@contoso.com TeamsMeetingPolicy: Open -> Lobby\nUser bob@contoso.com TeamsMeetingPolicy: Lobby\nBatchOperation 00000000-0000-4000-9000-000000000001 OverallStatus: Completed\n"},
	})
}

func TestEmuCmdlets(t *testing.T) {
	runDirCases(t, []dirCase{
		{name: "new user", script: "New-EmuUser -UserPrincipalName zoe@contoso.com -DisplayName 'Zoe Park' -Department Legal -Group Legal,Sales -License TeamsPremium | Format-List UserPrincipalName, Identity, DisplayName, Department, MemberOf, AssignedPlan | Out-String",
			out: "\nUserPrincipalName : zoe@contoso.com\nIdentity          : 00000000-0000-4000-9000-000000000001\nDisplayName       : Zoe Park\n" +
				"Department        : Legal\nMemberOf          : {Legal, Sales}\nAssignedPlan      : {TeamsPremium}\n\n\n"},
		{name: "new user defaults", script: "$u = New-EmuUser zoe@contoso.com\n$u.DisplayName; $u.Enabled; $u.MemberOf.Count", out: "zoe\nTrue\n0\n"},
		{name: "new user group created", script: "New-EmuUser zoe@contoso.com -Group Legal -Verbose | Out-Null\n(Get-CsOnlineUser -Filter {MemberOf -eq 'Legal'}).UserPrincipalName",
			out: "zoe@contoso.com\n", errs: "VERBOSE: created group \"Legal\"\n"},
		{name: "new user group by display name", script: "(New-EmuUser zoe@contoso.com -Group 'Sales team').MemberOf", out: "Sales\n"},
		{name: "new user object id", script: "New-EmuUser zoe@contoso.com -ObjectId 11111111-2222-4333-8444-555555555555 | Out-Null\n(Get-CsOnlineUser 11111111-2222-4333-8444-555555555555).UserPrincipalName",
			out: "zoe@contoso.com\n"},
		{name: "new users from csv", script: "@'\nUserPrincipalName,DisplayName,Department,Group,License\nzoe@contoso.com,Zoe Park,Legal,Legal;Sales,TeamsPremium\nyan@contoso.com,Yan Li,Legal,,\n'@ | ConvertFrom-Csv | New-EmuUser | % { '{0}|{1}|{2}|{3}' -f $_.DisplayName, $_.Department, ($_.MemberOf -join ';'), ($_.AssignedPlan -join ';') }",
			out: "Zoe Park|Legal|Legal;Sales|TeamsPremium\nYan Li|Legal||\n"},
		{name: "new user exists", script: "New-EmuUser ANN@contoso.com",
			errs: "t.ps1:1:1: New-EmuUser: A user with UserPrincipalName \"ann@contoso.com\" already exists (object ID 00000000-0000-4000-8000-0000000000a1).\n"},
		{name: "new user bad upn", script: "New-EmuUser zoe",
			errs: "t.ps1:1:1: New-EmuUser: \"zoe\" is not a valid UserPrincipalName: use name@domain\n"},
		{name: "new user bad object id", script: "New-EmuUser zoe@contoso.com -ObjectId 42",
			errs: "t.ps1:1:1: New-EmuUser: -ObjectId \"42\" is not a GUID\n"},
		{name: "new user object id taken", script: "New-EmuUser zoe@contoso.com -ObjectId 00000000-0000-4000-8000-0000000000a1",
			errs: "t.ps1:1:1: New-EmuUser: The object ID 00000000-0000-4000-8000-0000000000a1 already belongs to \"ann@contoso.com\".\n"},
		{name: "new user whatif", script: "New-EmuUser zoe@contoso.com -WhatIf\n@(Get-CsOnlineUser).Count",
			out: "What if: Performing the operation \"New-EmuUser\" on target \"zoe@contoso.com\".\n5\n"},
		{name: "remove user", script: "Remove-EmuUser bob@contoso.com\nRemove-EmuUser -Identity 00000000-0000-4000-8000-0000000000a3\nGet-CsOnlineUser | % UserPrincipalName",
			out: "ann@contoso.com\ndan@contoso.com\neve_fabrikam.com#EXT#@contoso.com\n"},
		{name: "remove users from the pipeline", script: "Get-CsOnlineUser -Filter {Department -eq 'Sales'} | Remove-EmuUser\n[pscustomobject]@{UserPrincipalName='dan@contoso.com'} | Remove-EmuUser\nGet-CsOnlineUser | % UserPrincipalName",
			out: "bob@contoso.com\neve_fabrikam.com#EXT#@contoso.com\n"},
		{name: "remove missing", script: "Remove-EmuUser zed@contoso.com",
			errs: "t.ps1:1:1: Remove-EmuUser: [NotFound] : userId was not found (identity \"zed@contoso.com\")\n"},
		{name: "add members", script: "Add-EmuGroupMember -Group Managers -Member bob@contoso.com,ann@contoso.com -Verbose\nGet-CsOnlineUser -Filter {MemberOf -eq 'Managers'} | % UserPrincipalName",
			out: "ann@contoso.com\nbob@contoso.com\n", errs: "VERBOSE: ann@contoso.com is already a member of \"Managers\"\n"},
		{name: "add members from the pipeline", script: "Get-CsOnlineUser -Filter {Department -eq 'Sales'} | Add-EmuGroupMember -Group Eng\nGet-CsOnlineUser -Filter {MemberOf -eq 'Eng'} | % UserPrincipalName",
			out: "ann@contoso.com\nbob@contoso.com\ncara@contoso.com\neve_fabrikam.com#EXT#@contoso.com\n"},
		{name: "add members created", script: "Add-EmuGroupMember -Group Legal -Member zoe@contoso.com -Verbose\n(Get-CsOnlineUser zoe@contoso.com).MemberOf",
			out: "Legal\n",
			errs: "VERBOSE: group \"Legal\" is not in the directory; created it (run with --strict to make this an error)\n" +
				"VERBOSE: user \"zoe@contoso.com\" is not in the directory; created it (run with --strict to make this an error)\n"},
		{name: "add members strict group", strict: true, script: "Add-EmuGroupMember -Group Legal -Member ann@contoso.com",
			errs: "t.ps1:1:1: Add-EmuGroupMember: [NotFound] : group \"Legal\" was not found\n"},
		{name: "add members strict user", strict: true, script: "Add-EmuGroupMember -Group Eng -Member zoe@contoso.com,ann@contoso.com\n(Get-CsOnlineUser ann@contoso.com).MemberOf -join ','",
			out:  "Sales,Managers,Eng\n",
			errs: "t.ps1:1:1: Add-EmuGroupMember: Management object not found for identity \"zoe@contoso.com\".\n"},
		{name: "changes", script: "New-EmuUser zoe@contoso.com -Group Legal | Out-Null\nAdd-EmuGroupMember -Group Eng -Member zoe@contoso.com\nRemove-EmuUser zoe@contoso.com\n" +
			"Get-EmuChange | % { '{0} {1} {2} {3} {4} [{5}] [{6}] [{7}]' -f $_.Time.ToString('s'), $_.Script, $_.Cmdlet, $_.Kind, $_.Identity, $_.Property, $_.OldValue, $_.NewValue }",
			out: "2026-03-04T05:06:07 t.ps1:1 New-EmuUser Group Legal [] [] [created]\n" +
				"2026-03-04T05:06:07 t.ps1:1 New-EmuUser User zoe@contoso.com [] [] [created]\n" +
				"2026-03-04T05:06:07 t.ps1:2 Add-EmuGroupMember Group Eng [Member] [] [zoe@contoso.com]\n" +
				"2026-03-04T05:06:07 t.ps1:3 Remove-EmuUser User zoe@contoso.com [] [created] [removed]\n"},
		{name: "changes table", script: "Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Closed\nGet-EmuChange | Out-String",
			out: "\nTime                Script  Cmdlet                     Change\n" +
				"----                ------  ------                     ------\n" +
				"3/4/2026 5:06:07 AM t.ps1:1 Grant-CsTeamsMeetingPolicy User bob@contoso.com TeamsMeetingPolicy: Closed\n\n\n"},
		{name: "changes last", script: "Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Closed\nGrant-CsTeamsMeetingPolicy -Identity cara@contoso.com -PolicyName Closed\nGet-EmuChange -Last 1 | % Identity\n@(Get-EmuChange -Last 0).Count",
			out: "cara@contoso.com\n0\n"},
		{name: "changes identity", script: "Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Closed\nGrant-CsTeamsMeetingPolicy -Identity cara@contoso.com -PolicyName Closed\nGet-EmuChange c* | % Identity",
			out: "cara@contoso.com\n"},
		{name: "changes last negative", script: "Get-EmuChange -Last -1",
			errs: "t.ps1:1:1: Get-EmuChange: -Last -1: the count must be 0 or more\n"},
	})
}

// TestDirectoryErrorsAreRecords checks that every error is an error record
// that try/catch sees with its ID, and that -ErrorAction SilentlyContinue
// hides the non-terminating ones.
func TestDirectoryErrorsAreRecords(t *testing.T) {
	runDirCases(t, []dirCase{
		{name: "silently", script: "Get-CsOnlineUser zed@contoso.com -ErrorAction SilentlyContinue\nRemove-EmuUser zed@contoso.com -ea 0\n$Error.Count", out: "2\n"},
		{name: "filter caught", script: "try { Get-CsOnlineUser -Filter 'x' } catch { $_.FullyQualifiedErrorId }", out: "InvalidFilter,Get-CsOnlineUser\n"},
		{name: "exists caught", script: "try { New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Closed; New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Closed -ea Stop } catch { $_.FullyQualifiedErrorId }",
			out: "AssignmentExists,New-CsGroupPolicyAssignment\n"},
	})
}

// TestAcrossRuns commits a directory to a store and reads it back in a
// second session.
func TestAcrossRuns(t *testing.T) {
	store := state.NewMemory()
	tn, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, errs := runDir(t, tn, "New-EmuUser ann@contoso.com -Group Sales | Out-Null\nNew-CsTeamsMeetingPolicy -Identity Open | Out-Null\n"+
		"New-CsGroupPolicyAssignment -GroupId Sales -PolicyType TeamsMeetingPolicy -PolicyName Open\n"+
		"New-CsBatchPolicyAssignmentOperation -PolicyType TeamsMeetingPolicy -PolicyName Open -Identity ann@contoso.com | Out-Null", false)
	if errs != "" {
		t.Fatalf("stderr: %s", errs)
	}
	if err := store.Commit(tn); err != nil {
		t.Fatal(err)
	}
	tn2, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	out, errs := runDir(t, tn2, "(Get-CsOnlineUser ann@contoso.com).MemberOf\nGet-CsGroupPolicyAssignment | % PolicyName\n"+
		"(Get-CsBatchPolicyAssignmentOperation).OperationId\n(Get-CsUserPolicyAssignment -Identity ann@contoso.com).PolicySource.AssignmentType -join ','\n@(Get-EmuChange).Count", false)
	if errs != "" {
		t.Fatalf("stderr: %s", errs)
	}
	if want := "Sales\nOpen\n00000000-0000-4000-9000-000000000002\nDirect,Group\n6\n"; out != want {
		t.Errorf("second run:\n%s\nwant:\n%s", out, want)
	}
}

// bigTenant returns a tenant with n users in 100 groups, a third of them
// with a direct assignment, and 50 group assignments.
func bigTenant(tb testing.TB, n int) *state.Tenant {
	tb.Helper()
	tn := state.NewTenant()
	for _, name := range []string{"Open", "Closed"} {
		o, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
		o.Identity = "Tag:" + name
		if err := tn.PutObject(o); err != nil {
			tb.Fatal(err)
		}
	}
	for g := 0; g < 100; g++ {
		if err := tn.PutGroup(&state.Group{ID: fmt.Sprintf("g%d", g)}); err != nil {
			tb.Fatal(err)
		}
		if g%2 == 0 {
			if _, err := tn.AddGroupAssignment(state.GroupAssignment{GroupID: fmt.Sprintf("g%d", g), PolicyType: "TeamsMeetingPolicy", PolicyName: "Closed"}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	depts := []string{"Sales", "Eng", "Legal", "Ops"}
	for i := 0; i < n; i++ {
		u := &state.User{UPN: fmt.Sprintf("user%d@contoso.com", i), DisplayName: fmt.Sprintf("User %d", i), Department: depts[i%4],
			ObjectID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Enabled: true,
			Groups: []string{fmt.Sprintf("g%d", i%100), fmt.Sprintf("g%d", (i*7)%100)}}
		if i%3 == 0 {
			u.SetPolicy("TeamsMeetingPolicy", "Open")
		}
		if err := tn.PutUser(u); err != nil {
			tb.Fatal(err)
		}
	}
	return tn
}

// TestResolverMatchesOneOff checks the indexed resolver against the
// one-off resolution on every user of a big tenant.
func TestResolverMatchesOneOff(t *testing.T) {
	tn := bigTenant(t, 2000)
	tn.SetTenantGrant("TeamsMeetingPolicy", "Open")
	r := join.NewResolver(tn, "TeamsMeetingPolicy")
	counts := map[join.Source]int{}
	for u := range tn.Users() {
		got := r.Resolve(u)
		// the definition: direct, else the smallest rank among the
		// user's groups, else tenant, else Global
		want := join.Effective{Identity: "Tag:Open", Name: "Open", Source: join.SourceTenant}
		if n := u.Policy("TeamsMeetingPolicy"); n != "" {
			want = join.Effective{Identity: "Tag:" + n, Name: n, Source: join.SourceDirect}
		} else {
			best := 0
			for _, a := range tn.GroupAssignments("TeamsMeetingPolicy") {
				if u.InGroup(a.GroupID) && (best == 0 || a.Rank < best) {
					best = a.Rank
					want = join.Effective{Identity: "Tag:" + a.PolicyName, Name: a.PolicyName, Source: join.SourceGroup, GroupID: a.GroupID, Rank: a.Rank}
				}
			}
		}
		if got != want {
			t.Fatalf("%s: got %+v, want %+v", u.UPN, got, want)
		}
		counts[got.Source]++
	}
	if counts[join.SourceDirect] == 0 || counts[join.SourceGroup] == 0 || counts[join.SourceTenant] == 0 {
		t.Errorf("the tenant does not exercise every source: %v", counts)
	}
}

func BenchmarkResolveEffectivePolicy(b *testing.B) {
	tn := bigTenant(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		r := join.NewResolver(tn, "TeamsMeetingPolicy")
		for u := range tn.Users() {
			_ = r.Resolve(u)
		}
	}
}

func BenchmarkGetCsOnlineUserFilter(b *testing.B) {
	tn := bigTenant(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		out, errs := runDir(b, tn, "@(Get-CsOnlineUser -Filter {Department -eq 'Sales' -and TeamsMeetingPolicy -eq $null}).Count", false)
		if errs != "" || out != "16666\n" {
			b.Fatalf("out %q errs %q", out, errs)
		}
	}
}
