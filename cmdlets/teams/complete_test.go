package teams

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// completionTenant builds a small tenant: two meeting policies, users and
// a group.
func completionFixture(t testing.TB) *state.Tenant {
	t.Helper()
	tn := state.NewTenant()
	for _, id := range []string{"Tag:Sales", "Tag:Night Shift"} {
		o, ok := state.DefaultObject(state.KindTeamsMeetingPolicy)
		if !ok {
			t.Fatal("no default TeamsMeetingPolicy")
		}
		o.Identity = id
		if err := tn.PutObject(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, upn := range []string{"ann@contoso.com", "Andy@contoso.com", "bob@contoso.com"} {
		if err := tn.PutUser(&state.User{UPN: upn, Enabled: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tn.PutGroup(&state.Group{ID: "sales", DisplayName: "Sales"}); err != nil {
		t.Fatal(err)
	}
	return tn
}

func completionSession(t testing.TB, tn *state.Tenant) *cmdlets.Session {
	t.Helper()
	s, _ := completionHolder(t, tn)
	return s
}

// completionHolder returns a session with the Teams cmdlets and a
// function, whose completion finds the tenant tn.
func completionHolder(t testing.TB, tn *state.Tenant) (*cmdlets.Session, *Holder) {
	t.Helper()
	h := NewHolder(Config{Peek: func() *state.Tenant { return tn }})
	s := cmdlets.NewSession(h.Options()...)
	setup := "function Get-Thing { param([string]$Name, [switch]$Force, [ValidateSet('Red','Green')]$Color) }\n$myVariable = 1\n"
	if _, err := s.RunInGlobal(context.Background(), "", setup); err != nil {
		t.Fatal(err)
	}
	return s, h
}

func TestComplete(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"notes.txt", "nothing.ps1", "other.txt", "with space.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "nested"), 0o700); err != nil {
		t.Fatal(err)
	}
	s := completionSession(t, completionFixture(t))
	tests := []struct {
		line string // the cursor is at ‸, or at the end
		want []string
		// start is where the replaced word starts (-1: where the last
		// word of the line starts)
		start int
		// contains is set when want lists only some of the items
		contains bool
	}{
		{line: "Set-CsTeamsMeet", want: []string{"Set-CsTeamsMeetingConfiguration", "Set-CsTeamsMeetingPolicy"}, start: 0},
		{line: "set-csteamsmeetingp", want: []string{"Set-CsTeamsMeetingPolicy"}, start: 0},
		{line: "GCM", want: []string{"gcm"}, start: 0},
		{line: "get-th", want: []string{"Get-Thing"}, start: 0},
		{line: "Get-*MeetingPol", want: []string{"Get-CsTeamsMeetingPolicy"}, start: 0},
		{line: `SkypeForBusiness\Get-CsExt`, want: []string{`SkypeForBusiness\Get-CsExternalAccessPolicy`}, start: 0},
		{line: "Set-CsTeamsMeetingPolicy -AllowAnon", start: -1,
			want: []string{"-AllowAnonymousUsersToDialOut", "-AllowAnonymousUsersToJoinMeeting", "-AllowAnonymousUsersToStartMeeting"}},
		{line: "Set-CsTeamsMeetingPolicy -Verb", want: []string{"-Verbose"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy -WhatI", want: []string{"-WhatIf"}, start: -1},
		{line: "Get-Thing -F", want: []string{"-Force"}, start: -1},
		{line: "Get-Thing -Color ", want: []string{"Red", "Green"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy -AutoAdmittedUsers Ev", start: -1,
			want: []string{"EveryoneInCompany", "EveryoneInSameAndFederatedCompany", "Everyone", "EveryoneInCompanyExcludingGuests"}},
		{line: "Set-CsTeamsMeetingPolicy -AutoAdmittedUsers:ever", start: len("Set-CsTeamsMeetingPolicy -AutoAdmittedUsers:"),
			want: []string{"EveryoneInCompany", "EveryoneInSameAndFederatedCompany", "Everyone", "EveryoneInCompanyExcludingGuests"}},
		{line: "Set-CsTeamsMeetingPolicy -AutoAdm Org", want: []string{"OrganizerOnly"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting ", want: []string{"$true", "$false"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy -Identity Tag:", want: []string{"Tag:Sales", "'Tag:Night Shift'"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy -Identity ", want: []string{"Global", "Tag:Sales", "'Tag:Night Shift'"}, start: -1},
		{line: "Get-CsTeamsMeetingPolicy -Identity 'tag:n", want: []string{"'Tag:Night Shift'"}, start: -1},
		{line: "Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName ", want: []string{"Sales", "'Night Shift'"}, start: -1},
		{line: "Grant-CsTeamsMeetingPolicy -Identity a", want: []string{"Andy@contoso.com", "ann@contoso.com"}, start: -1},
		{line: "Grant-CsTeamsMeetingPolicy A", want: []string{"Andy@contoso.com", "ann@contoso.com"}, start: -1},
		{line: "Grant-CsTeamsMeetingPolicy ann@contoso.com S", want: []string{"Sales"}, start: -1},
		{line: "Grant-CsTeamsMeetingPolicy -Group ", want: []string{"sales"}, start: -1},
		{line: "Test-AnonymousJoin -Organizer b", want: []string{"bob@contoso.com"}, start: -1},
		{line: "Test-AnonymousJoin -ClientType ", want: []string{"Teams", "Acs"}, start: -1},
		{line: "Get-CsOnlineUser -Identity bo", want: []string{"bob@contoso.com"}, start: -1},
		{line: "New-CsGroupPolicyAssignment -GroupId sales -PolicyType TeamsMeetingPolicy -PolicyName S", want: []string{"Sales"}, start: -1},
		{line: "Get-CsTeamsMeetingPolicy | ForEach-Object { Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJ", want: []string{"-AllowAnonymousUsersToJoinMeeting"}, start: -1},
		{line: "if ($true) {\n  Grant-CsTeamsMeetingPolicy -PolicyName s", want: []string{"Sales"}, start: -1},
		{line: "$p = Get-CsTeamsMeetingPol", want: []string{"Get-CsTeamsMeetingPolicy"}, start: -1},
		{line: "Write-Output (Get-CsTeamsMeetingPolicy -Ident", want: []string{"-Identity"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy -Identity a,Tag:S", want: []string{"Tag:Sales"}, start: len("Set-CsTeamsMeetingPolicy -Identity a,")},
		{line: "$myv", want: []string{"$myVariable"}, start: 0},
		{line: "Write-Output \"value: $myV", want: []string{"$myVariable"}, start: len("Write-Output \"value: ")},
		{line: "$global:myv", want: []string{"$global:myVariable"}, start: 0},
		{line: "Get-Thing @myv", want: []string{"@myVariable"}, start: -1},
		{line: "Set-CsTeamsMeetingPolicy ‸ -Identity Global", want: []string{"Global", "Tag:Sales", "'Tag:Night Shift'"}, start: len("Set-CsTeamsMeetingPolicy ")},
		{line: "Get-Content " + dir + "/no", want: []string{dir + "/notes.txt", dir + "/nothing.ps1"}, start: -1},
		{line: "Get-Content " + dir + "/w", want: []string{"'" + dir + "/with space.txt'"}, start: -1},
		{line: "Get-Content '" + dir + "/ne", want: []string{"'" + dir + "/nested/'"}, start: -1},
		{line: dir + "/nothing", want: []string{dir + "/nothing.ps1"}, start: 0},
		{line: "Get-NoSuchThing x" + dir, want: nil, start: -1},
		{line: "'unclosed string Set-Cs", want: nil, start: 0},
		{line: "# a comment Set-Cs", want: nil, start: len("# a comment Set-Cs")},
	}
	for _, tc := range tests {
		t.Run(strings.ReplaceAll(tc.line, dir, "DIR"), func(t *testing.T) {
			line, cursor := tc.line, len(tc.line)
			if i := strings.Index(line, "‸"); i >= 0 {
				line, cursor = line[:i]+line[i+len("‸"):], i
			}
			start, items := s.Complete(line, cursor)
			wantStart := tc.start
			if wantStart < 0 {
				wantStart = strings.LastIndexAny(line[:cursor], " \n") + 1
			}
			if start != wantStart {
				t.Errorf("start = %d, want %d", start, wantStart)
			}
			if tc.contains {
				for _, w := range tc.want {
					if !slices.Contains(items, w) {
						t.Errorf("items %q lack %q", items, w)
					}
				}
				return
			}
			if !slices.Equal(items, tc.want) {
				t.Errorf("items = %q\nwant    %q", items, tc.want)
			}
		})
	}
}

// TestCompleteManyUsers checks that a completion of many users keeps the
// first and last match, so that their common prefix is that of all.
func TestCompleteManyUsers(t *testing.T) {
	tn := state.NewTenant()
	for i := range 500 {
		if err := tn.PutUser(&state.User{UPN: fmt.Sprintf("ab%03d@contoso.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tn.PutUser(&state.User{UPN: "ac@contoso.com"}); err != nil {
		t.Fatal(err)
	}
	s := completionSession(t, tn)
	line := "Grant-CsTeamsMeetingPolicy -Identity a"
	_, items := s.Complete(line, len(line))
	if len(items) != maxCompletions || items[0] != "ab000@contoso.com" || items[len(items)-1] != "ac@contoso.com" {
		t.Fatalf("got %d items %q ... %q", len(items), items[0], items[len(items)-1])
	}
	// a user added later is found: the index follows the directory
	if err := tn.PutUser(&state.User{UPN: "ad@contoso.com"}); err != nil {
		t.Fatal(err)
	}
	line = "Grant-CsTeamsMeetingPolicy -Identity AD"
	if _, items = s.Complete(line, len(line)); !slices.Equal(items, []string{"ad@contoso.com"}) {
		t.Fatalf("after PutUser: %q", items)
	}
}

// TestCompleteNoPanic completes at every offset of tricky input.
func TestCompleteNoPanic(t *testing.T) {
	s := completionSession(t, completionFixture(t))
	inputs := []string{
		"@'\nSet-Cs\n'@ | Get-C", "\"a `\" $(Get-Cs", "<# x #> Get-Cs -", "a ` \nb -", "}}}) Set-", "((({ -",
		"-", "$", "@", "'", "\"", "Set-CsTeamsMeetingPolicy -Identity:'Tag:", "& 'Get-CsTeamsMeetingPolicy' -I",
		"Get-Thing -Name:", "Set-CsTeamsMeetingPolicy -AutoAdmittedUsers ''", "ü$ü-ü", "a;b|c&&d||e",
	}
	for _, in := range inputs {
		for i := 0; i <= len(in); i++ {
			start, items := s.Complete(in, i)
			if start < 0 || start > i {
				t.Errorf("Complete(%q, %d): start %d", in, i, start)
			}
			_ = items
		}
	}
}

func BenchmarkCompleteUPN(b *testing.B) {
	tn := state.NewTenant()
	for i := range 100_000 {
		if err := tn.PutUser(&state.User{UPN: fmt.Sprintf("user%06d@contoso.com", i), Enabled: true}); err != nil {
			b.Fatal(err)
		}
	}
	s := completionSession(b, tn)
	line := "Grant-CsTeamsMeetingPolicy -Identity user0421"
	s.Complete(line, len(line)) // builds the index, once per directory
	b.ReportAllocs()
	for b.Loop() {
		_, items := s.Complete(line, len(line))
		if len(items) != 100 {
			b.Fatalf("%d items", len(items))
		}
	}
}

// BenchmarkCompleteFirstUPN includes building the index of 100,000 users,
// which the first completion of a user after a change pays.
func BenchmarkCompleteFirstUPN(b *testing.B) {
	tn := state.NewTenant()
	for i := range 100_000 {
		if err := tn.PutUser(&state.User{UPN: fmt.Sprintf("user%06d@contoso.com", i), Enabled: true}); err != nil {
			b.Fatal(err)
		}
	}
	s, h := completionHolder(b, tn)
	line := "Grant-CsTeamsMeetingPolicy -Identity user0421"
	b.ReportAllocs()
	for b.Loop() {
		h.upns = upnIndex{}
		s.Complete(line, len(line))
	}
}

func BenchmarkCompleteCommand(b *testing.B) {
	s := completionSession(b, completionFixture(b))
	line := "Get-CsTeamsMeetingPolicy | Set-CsTeamsMeet"
	b.ReportAllocs()
	for b.Loop() {
		s.Complete(line, len(line))
	}
}

func BenchmarkCompleteValue(b *testing.B) {
	s := completionSession(b, completionFixture(b))
	line := "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Ev"
	b.ReportAllocs()
	for b.Loop() {
		s.Complete(line, len(line))
	}
}

// TestCompleteWithoutTenant: without a tenant at hand, a parameter that
// takes identities or users offers nothing (not file names).
func TestCompleteWithoutTenant(t *testing.T) {
	s := cmdlets.NewSession(NewHolder(Config{Peek: func() *state.Tenant { return nil }}).Options()...)
	for _, line := range []string{"Set-CsTeamsMeetingPolicy -Identity ", "Grant-CsTeamsMeetingPolicy -Identity ", "Grant-CsTeamsMeetingPolicy -PolicyName "} {
		if _, items := s.Complete(line, len(line)); len(items) != 0 {
			t.Errorf("%q: %q", line, items)
		}
	}
}
