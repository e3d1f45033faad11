package teams_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/csemu/csemu/cmdlets/teams"
	"regexp"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// csFamily names the cmdlets of one kind of object.
type csFamily struct {
	kind   string
	prefix string // module qualifier of the cmdlet names
	noun   string
	// a Boolean setting and its Global default, to change and read back
	flag    string
	flagDef bool
	// policy: New-, Remove- and Grant- exist
	policy bool
	// resets: Remove- of Global resets it instead of failing
	resets bool
}

var csFamilies = []csFamily{
	{state.KindTeamsMeetingPolicy, "", "CsTeamsMeetingPolicy", "AllowAnonymousUsersToJoinMeeting", true, true, false},
	{state.KindExternalAccessPolicy, "", "CsExternalAccessPolicy", "EnableFederationAccess", true, true, true},
	{state.KindTeamsAppPermissionPolicy, "", "CsTeamsAppPermissionPolicy", "", false, true, false},
	{state.KindConferencingPolicy, "", "CsConferencingPolicy", "AllowAnonymousParticipantsInMeetings", true, true, true},
	{state.KindSfbExternalAccessPolicy, `SkypeForBusiness\`, "CsExternalAccessPolicy", "EnableOutsideAccess", false, true, true},
	{state.KindTeamsMeetingConfiguration, "", "CsTeamsMeetingConfiguration", "DisableAnonymousJoin", false, false, false},
	{state.KindTenantFederationConfiguration, "", "CsTenantFederationConfiguration", "AllowTeamsConsumer", true, false, false},
	{state.KindTeamsAcsFederationConfiguration, "", "CsTeamsAcsFederationConfiguration", "HideBannerForAllowedAcsUsers", false, false, false},
	{state.KindAccessEdgeConfiguration, "", "CsAccessEdgeConfiguration", "AllowAnonymousUsers", false, false, false},
	{state.KindMeetingConfiguration, "", "CsMeetingConfiguration", "AdmitAnonymousUsersByDefault", true, false, false},
}

func (f csFamily) cmd(verb string) string { return f.prefix + verb + "-" + f.noun }

// runCs runs a script on a fresh in-memory tenant and returns its output,
// its error stream and the tenant it loaded (nil if no cmdlet loaded it).
func runCs(t *testing.T, script string) (string, string, *state.Tenant) {
	t.Helper()
	var out, errb bytes.Buffer
	s, h := newHolderSession("", &out, &errb, teams.Config{})
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
		t.Fatalf("script:\n%s\nerror: %v", script, err)
	}
	tn, _ := h.Loaded()
	return out.String(), errb.String(), tn
}

// TestFormatListShowsEveryProperty checks that Get- shows every property of
// the Global object, in Format-List and by member access.
func TestFormatListShowsEveryProperty(t *testing.T) {
	for _, f := range csFamilies {
		t.Run(f.cmd("Get"), func(t *testing.T) {
			def, ok := state.DefaultObject(f.kind)
			if !ok {
				t.Fatalf("no defaults for %s", f.kind)
			}
			out, errs, _ := runCs(t, f.cmd("Get")+" -Identity Global | Format-List | Out-String -Width 500")
			if errs != "" {
				t.Fatalf("stderr: %s", errs)
			}
			shown := map[string]bool{}
			for _, line := range strings.Split(out, "\n") {
				if name, _, ok := strings.Cut(line, " : "); ok {
					shown[strings.TrimSpace(name)] = true
				}
			}
			if !shown["Identity"] {
				t.Errorf("no Identity line in:\n%s", out)
			}
			for _, p := range def.Props {
				if !shown[p.Name] {
					t.Errorf("Format-List does not show %s", p.Name)
				}
			}
			for name := range shown {
				if name != "Identity" && name != "Description" && !def.Has(name) {
					t.Errorf("Format-List shows %s, which the defaults lack", name)
				}
			}
			if f.flag == "" {
				return
			}
			out, _, _ = runCs(t, fmt.Sprintf("(%s -Identity Global).%s", f.cmd("Get"), f.flag))
			if want := fmt.Sprintf("%v\n", boolText(f.flagDef)); out != want {
				t.Errorf("(%s).%s = %q, want %q", f.cmd("Get"), f.flag, out, want)
			}
		})
	}
}

func boolText(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// TestSetThenGet changes a Boolean setting of every family's Global object
// and reads it back in the same run; the change log records it.
func TestSetThenGet(t *testing.T) {
	for _, f := range csFamilies {
		if f.flag == "" {
			continue
		}
		t.Run(f.cmd("Set"), func(t *testing.T) {
			script := fmt.Sprintf("%s -Identity Global -%s $%v\n(%s).%s\n", f.cmd("Set"), f.flag, !f.flagDef, f.cmd("Get"), f.flag)
			out, errs, tn := runCs(t, script)
			// warnings about the value (another setting makes it moot) are
			// not this test's business
			if errs = regexp.MustCompile(`(?m)^WARNING: .*\n`).ReplaceAllString(errs, ""); errs != "" {
				t.Fatalf("stderr: %s", errs)
			}
			if want := boolText(!f.flagDef) + "\n"; out != want {
				t.Errorf("stdout %q, want %q", out, want)
			}
			o, ok := tn.Object(f.kind, "Global")
			if !ok {
				t.Fatal("no Global object")
			}
			if v, _ := o.Get(f.flag); v != !f.flagDef {
				t.Errorf("stored %s = %v", f.flag, v)
			}
			changes := tn.Changes(0)
			want := state.Change{Time: changes[0].Time, Cmdlet: strings.TrimPrefix(f.cmd("Set"), f.prefix), File: "t.ps1", Line: 1,
				Kind: f.kind, Identity: "Global", Property: f.flag, Old: boolText(f.flagDef), New: boolText(!f.flagDef)}
			if len(changes) != 1 || changes[0] != want {
				t.Errorf("changes %+v, want [%+v]", changes, want)
			}
		})
	}
}

// TestGetPipedToSetChangesNothing pipes every object into its Set- cmdlet
// (-Instance): writing back an unchanged copy records no change.
func TestGetPipedToSetChangesNothing(t *testing.T) {
	for _, f := range csFamilies {
		t.Run(f.cmd("Set"), func(t *testing.T) {
			_, errs, tn := runCs(t, f.cmd("Get")+" | "+f.cmd("Set"))
			if errs != "" {
				t.Fatalf("stderr: %s", errs)
			}
			if n := tn.NumChanges(); n != 0 {
				t.Errorf("%d changes: %+v", n, tn.Changes(0))
			}
		})
	}
}

// TestWhatIfChangesNothing runs each family's changing cmdlets with -WhatIf:
// the tenant records no change and its objects stay as they were.
func TestWhatIfChangesNothing(t *testing.T) {
	for _, f := range csFamilies {
		t.Run(f.cmd("Set"), func(t *testing.T) {
			var script strings.Builder
			if f.flag != "" {
				fmt.Fprintf(&script, "%s -Identity Global -%s $%v -WhatIf\n", f.cmd("Set"), f.flag, !f.flagDef)
			}
			if f.policy {
				fmt.Fprintf(&script, "%s -Identity WhatIfOnly -WhatIf\n", f.cmd("New"))
			}
			if f.resets {
				fmt.Fprintf(&script, "%s -Identity Global -WhatIf\n", f.cmd("Remove"))
			}
			if script.Len() == 0 {
				t.Skip("no setting to change")
			}
			fmt.Fprintf(&script, "%s | Out-Null\n", f.cmd("Get"))
			out, errs, tn := runCs(t, script.String())
			if errs != "" {
				t.Fatalf("stderr: %s", errs)
			}
			if !strings.HasPrefix(out, "What if: ") {
				t.Errorf("stdout %q, want What if: lines", out)
			}
			if n := tn.NumChanges(); n != 0 {
				t.Errorf("%d changes: %+v", n, tn.Changes(0))
			}
			if _, ok := tn.Object(f.kind, "Tag:WhatIfOnly"); ok {
				t.Error("New- -WhatIf created the object")
			}
			def, _ := state.DefaultObject(f.kind)
			o, _ := tn.Object(f.kind, "Global")
			if got, want := fmt.Sprint(o.Props), fmt.Sprint(def.Props); got != want {
				t.Errorf("Global changed:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestRemoveGlobal: the Skype for Business policies and the external access
// policy reset Global to its defaults; the Teams policies refuse.
func TestRemoveGlobal(t *testing.T) {
	for _, f := range csFamilies {
		if !f.policy {
			continue
		}
		t.Run(f.cmd("Remove"), func(t *testing.T) {
			var script strings.Builder
			if f.flag != "" {
				fmt.Fprintf(&script, "%s -Identity Global -%s $%v\n", f.cmd("Set"), f.flag, !f.flagDef)
			}
			fmt.Fprintf(&script, "%s -Identity Global -Description changed\n", f.cmd("Set"))
			fmt.Fprintf(&script, "%s -Identity Global\n", f.cmd("Remove"))
			fmt.Fprintf(&script, "@(%s).Count\n", f.cmd("Get"))
			out, errs, tn := runCs(t, script.String())
			if out != "1\n" {
				t.Errorf("stdout %q, want the Global object only", out)
			}
			o, _ := tn.Object(f.kind, "Global")
			desc, _ := o.Get("Description")
			if f.resets {
				if errs != "" {
					t.Errorf("stderr: %s", errs)
				}
				def, _ := state.DefaultObject(f.kind)
				if got, want := fmt.Sprint(o.Props), fmt.Sprint(def.Props); got != want {
					t.Errorf("Global after Remove-:\n%s\nwant the defaults\n%s", got, want)
				}
				return
			}
			want := fmt.Sprintf("t.ps1:%d:1: %s: The global %s cannot be removed. Use %s -Identity Global to change its settings.\n",
				strings.Count(script.String(), "\n")-1, f.cmd("Remove"), strings.TrimPrefix(f.noun, "Cs"), f.cmd("Set"))
			if errs != want {
				t.Errorf("stderr %q, want %q", errs, want)
			}
			if desc != "changed" {
				t.Errorf("Description = %v after a refused Remove-", desc)
			}
		})
	}
}

// TestIdentityForms checks which -Identity forms each kind accepts, and
// the stored identity each gives.
func TestIdentityForms(t *testing.T) {
	tests := []struct {
		family string // Get- cmdlet
		input  string
		want   string // stored identity, or the error text
	}{
		{"Get-CsTeamsMeetingPolicy", "Global", "Global"},
		{"Get-CsTeamsMeetingPolicy", "global", "Global"},
		{"Get-CsTeamsMeetingPolicy", "Tag:Global", "Global"},
		{"Get-CsTeamsMeetingPolicy", "Tag:Sales", "Tag:Sales"},
		{"Get-CsTeamsMeetingPolicy", "tag:sales", "Tag:sales"},
		{"Get-CsTeamsMeetingPolicy", "Sales", "Tag:Sales"},
		{"Get-CsTeamsMeetingPolicy", " Sales ", "Tag:Sales"},
		{"Get-CsTeamsMeetingPolicy", "site:Redmond", `"site:Redmond" is not a valid identity: use Global, Tag:<Name> or <Name>`},
		{"Get-CsTeamsMeetingPolicy", "Tag:", `"Tag:" is not a valid identity: use Global, Tag:<Name> or <Name>`},
		{"Get-CsTeamsMeetingPolicy", "", "the identity is empty"},
		{"Get-CsConferencingPolicy", "site:Redmond", "site:Redmond"},
		{"Get-CsConferencingPolicy", "SITE:Redmond", "site:Redmond"},
		{"Get-CsConferencingPolicy", "Sales", "Tag:Sales"},
		{"Get-CsConferencingPolicy", "service:Redmond", `"service:Redmond" is not a valid identity: use Global, site:<SiteName>, Tag:<Name> or <Name>`},
		{`SkypeForBusiness\Get-CsExternalAccessPolicy`, "site:Redmond", "site:Redmond"},
		{"Get-CsExternalAccessPolicy", "site:Redmond", `"site:Redmond" is not a valid identity: use Global, Tag:<Name> or <Name>`},
		{"Get-CsMeetingConfiguration", "site:Redmond", "site:Redmond"},
		{"Get-CsMeetingConfiguration", "Tag:Redmond", `"Tag:Redmond" is not a valid identity: use Global or site:<SiteName>`},
		{"Get-CsTeamsMeetingConfiguration", "GLOBAL", "Global"},
		{"Get-CsTeamsMeetingConfiguration", "Tag:Global", `"Tag:Global" is not a valid identity: the only valid identity is Global`},
		{"Get-CsAccessEdgeConfiguration", "site:Redmond", `"site:Redmond" is not a valid identity: the only valid identity is Global`},
		{"Get-CsTeamsAcsFederationConfiguration", "Sales", `"Sales" is not a valid identity: the only valid identity is Global`},
		{"Get-CsTenantFederationConfiguration", "Tag:x", `"Tag:x" is not a valid identity: the only valid identity is Global`},
	}
	for _, tc := range tests {
		t.Run(tc.family+" "+tc.input, func(t *testing.T) {
			script := fmt.Sprintf("%s -Identity '%s'", tc.family, tc.input)
			out, errs, _ := runCs(t, script)
			if strings.HasPrefix(tc.want, `"`) || strings.HasPrefix(tc.want, "the ") {
				want := fmt.Sprintf("t.ps1:1:1: %s: %s\n", tc.family[strings.LastIndexByte(tc.family, '\\')+1:], tc.want)
				if errs != want || out != "" {
					t.Errorf("stdout %q stderr %q, want the error %q", out, errs, want)
				}
				return
			}
			// a valid identity that does not exist is reported under its
			// stored form, Global exists
			if tc.want == "Global" {
				if errs != "" || !strings.Contains(out, "Identity") {
					t.Errorf("stdout %q stderr %q", out, errs)
				}
				return
			}
			re := regexp.MustCompile(`Cannot find "[A-Za-z]+" "` + regexp.QuoteMeta(tc.want) + `" because it does not exist\.`)
			if !re.MatchString(errs) {
				t.Errorf("stderr %q, want a not-found error for %q", errs, tc.want)
			}
		})
	}
}

// TestGrantTargets covers the assignment targets of Grant-: a user (by UPN,
// sip: address or object ID), a group, the tenant, and their removal.
func TestGrantTargets(t *testing.T) {
	_, errs, tn := runCs(t, `New-CsTeamsMeetingPolicy -Identity Sales | Out-Null
New-CsTeamsMeetingPolicy -Identity Other | Out-Null
Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Sales
Grant-CsTeamsMeetingPolicy -Identity sip:ANN@contoso.com -PolicyName Other
$id = (Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Sales -PassThru).Identity
Grant-CsTeamsMeetingPolicy -Identity $id -PolicyName $null
Grant-CsTeamsMeetingPolicy -Group g1 -PolicyName Sales
Grant-CsTeamsMeetingPolicy -Group g2 -PolicyName Other -Rank 1
Grant-CsTeamsMeetingPolicy -Group g1 -PolicyName Other
Grant-CsTeamsMeetingPolicy -PolicyName Sales -Global
Grant-CsTeamsMeetingPolicy -PolicyName Global -Global
Grant-CsTeamsMeetingPolicy -Group g3 -PolicyName Sales -Rank 0
Grant-CsTeamsMeetingPolicy -Identity cy@contoso.com -PolicyName tag:SALES
`)
	wantErr := "t.ps1:12:1: Grant-CsTeamsMeetingPolicy: Cannot set the rank of the assignment to 0: the rank must be 1 or greater.\n"
	if errs != wantErr {
		t.Errorf("stderr %q, want %q", errs, wantErr)
	}
	ann, _ := tn.User("ann@contoso.com")
	bob, _ := tn.User("bob@contoso.com")
	if ann == nil || bob == nil {
		t.Fatal("users not created")
	}
	if got := ann.Policy("TeamsMeetingPolicy"); got != "Other" {
		t.Errorf("ann: %q, want Other (granted through her sip: address)", got)
	}
	if cy, _ := tn.User("cy@contoso.com"); cy == nil || cy.Policy("TeamsMeetingPolicy") != "Sales" {
		t.Errorf("cy: %+v, want Sales as the policy spells it", cy)
	}
	if got := bob.Policy("TeamsMeetingPolicy"); got != "" {
		t.Errorf("bob: %q, want none (removed through his object ID)", got)
	}
	var got []string
	for _, ga := range tn.GroupAssignments("TeamsMeetingPolicy") {
		got = append(got, fmt.Sprintf("%s=%s@%d", ga.GroupID, ga.PolicyName, ga.Rank))
	}
	if strings.Join(got, " ") != "g2=Other@1 g1=Other@2" {
		t.Errorf("group assignments %v", got)
	}
	if g := tn.TenantGrant("TeamsMeetingPolicy"); g != "" {
		t.Errorf("tenant grant %q, want none after granting Global", g)
	}
	if _, ok := tn.Group("g3"); ok {
		t.Error("a refused group grant created the group")
	}
}

// TestGrantWhatIfCreatesNothing: -WhatIf ($WhatIfPreference) on a Grant- to
// a user or group that the directory lacks must not create it.
func TestGrantWhatIfCreatesNothing(t *testing.T) {
	out, errs, tn := runCs(t, `New-CsTeamsMeetingPolicy -Identity Sales | Out-Null
New-CsConferencingPolicy -Identity Conf | Out-Null
Grant-CsConferencingPolicy -Identity zed@contoso.com -PolicyName Conf -WhatIf
$WhatIfPreference = $true
Grant-CsTeamsMeetingPolicy -Identity amy@contoso.com -PolicyName Sales
Grant-CsTeamsMeetingPolicy -Group newgroup -PolicyName Sales
Grant-CsTeamsMeetingPolicy -PolicyName Sales -Global
`)
	want := `What if: Performing the operation "Grant-CsConferencingPolicy" on target "zed@contoso.com".
What if: Performing the operation "Grant-CsTeamsMeetingPolicy" on target "amy@contoso.com".
What if: Performing the operation "Grant-CsTeamsMeetingPolicy" on target "newgroup".
What if: Performing the operation "Grant-CsTeamsMeetingPolicy" on target "Global".
`
	if out != want || errs != "" {
		t.Errorf("stdout:\n%s\nstderr:\n%s\nwant stdout:\n%s", out, errs, want)
	}
	if n := tn.NumUsers(); n != 0 {
		t.Errorf("%d users created", n)
	}
	if len(tn.Groups()) != 0 || len(tn.GroupAssignments("")) != 0 || tn.TenantGrant("TeamsMeetingPolicy") != "" {
		t.Errorf("groups %v, assignments %v, tenant grant %q", tn.Groups(), tn.GroupAssignments(""), tn.TenantGrant("TeamsMeetingPolicy"))
	}
	for _, c := range tn.Changes(0) {
		if c.Cmdlet != "New-CsTeamsMeetingPolicy" && c.Cmdlet != "New-CsConferencingPolicy" {
			t.Errorf("change under -WhatIf: %+v", c)
		}
	}
}

// TestGrantStrictWhatIf: with a strict directory, a missing user or group is
// an error even under -WhatIf, and a $null grant to a missing group too.
func TestGrantStrictWhatIf(t *testing.T) {
	var out, errb bytes.Buffer
	s := cmdlets.NewSession(append([]cmdlets.Option{cmdlets.WithIO(strings.NewReader(""), &out, &errb)},
		teams.NewHolder(teams.Config{Strict: true}).Options()...)...)
	script := `New-CsConferencingPolicy -Identity Conf | Out-Null
Grant-CsConferencingPolicy -Identity zed@contoso.com -PolicyName Conf -WhatIf
New-CsTeamsMeetingPolicy -Identity Sales | Out-Null
$WhatIfPreference = $true
Grant-CsTeamsMeetingPolicy -Group nogroup -PolicyName Sales
`
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
		t.Fatal(err)
	}
	want := `t.ps1:2:1: Grant-CsConferencingPolicy: Management object not found for identity "zed@contoso.com".
t.ps1:5:1: Grant-CsTeamsMeetingPolicy: [NotFound] : group "nogroup" was not found
`
	if out.String() != "" || errb.String() != want {
		t.Errorf("stdout %q\nstderr:\n%s\nwant:\n%s", out.String(), errb.String(), want)
	}
}
