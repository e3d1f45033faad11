package plan_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/cmdlets/plan"
	"github.com/csemu/csemu/state"
	"github.com/csemu/csemu/state/statetest"
)

// The outcomes below follow the rules of Test-AnonymousJoin
// (anonymous-join-rules.md): rule 2, a client type listed in
// BlockedAnonymousJoinClientTypes is Blocked; rule 5, a town hall has no
// lobby (Admitted), otherwise AutoAdmittedUsers Everyone admits and any
// other value sends to the lobby. The Global default of AutoAdmittedUsers
// is EveryoneInCompany (Microsoft Learn, Set-CsTeamsMeetingPolicy).
func TestImpact(t *testing.T) {
	sales := []string{"s1@contoso.com", "s2@contoso.com", "s3@contoso.com", "s4@contoso.com", "s5@contoso.com"}
	others := []string{"g1@contoso.com", "g2@contoso.com", "g3@contoso.com"}
	grant := &plan.Location{File: "deploy.ps1", Line: 2, Cmdlet: "Grant-CsTeamsMeetingPolicy"}
	set := &plan.Location{File: "deploy.ps1", Line: 1, Cmdlet: "Set-CsTeamsMeetingPolicy"}
	const noAcs = "TeamsMeetingPolicy[Tag:NoAcs].BlockedAnonymousJoinClientTypes"
	const globalAdmit = "TeamsMeetingPolicy[Global].AutoAdmittedUsers"
	const disabled = "TeamsMeetingConfiguration[Global].DisableAnonymousJoin"
	setConf := &plan.Location{File: "deploy.ps1", Line: 1, Cmdlet: "Set-CsTeamsMeetingConfiguration"}
	all5 := []string{"g1@contoso.com", "g2@contoso.com", "g3@contoso.com", "s1@contoso.com", "s2@contoso.com"}
	group := func(client, meeting, before, after, by string, cause *plan.Location, count int, ex []string) plan.ImpactGroup {
		return plan.ImpactGroup{Question: plan.Question{ClientType: client, MeetingType: meeting}, Before: before, After: after,
			DecidedBy: by, Cause: cause, Count: count, Examples: ex}
	}
	tests := []struct {
		name   string
		script string
		want   []plan.ImpactGroup
	}{
		{
			// sales has Open at rank 1; NoAcs at rank 1 now wins for its
			// seven members: Acs is blocked for every meeting type
			name:   "policy blocking Acs granted to a group",
			script: "\nGrant-CsTeamsMeetingPolicy -Group sales -PolicyName NoAcs",
			want: []plan.ImpactGroup{
				group("Acs", "Meeting", "Lobby", "Blocked", noAcs, grant, 7, sales),
				group("Acs", "Webinar", "Lobby", "Blocked", noAcs, grant, 7, sales),
				group("Acs", "TownHall", "Admitted", "Blocked", noAcs, grant, 7, sales),
			},
		},
		{
			// only the users of no group have the Global policy
			name:   "Global admits everyone",
			script: "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone",
			want: []plan.ImpactGroup{
				group("Teams", "Meeting", "Lobby", "Admitted", globalAdmit, set, 3, others),
				group("Teams", "Webinar", "Lobby", "Admitted", globalAdmit, set, 3, others),
				group("Acs", "Meeting", "Lobby", "Admitted", globalAdmit, set, 3, others),
				group("Acs", "Webinar", "Lobby", "Admitted", globalAdmit, set, 3, others),
			},
		},
		{
			// rule 3: DisableAnonymousJoin in the tenant configuration
			// blocks unverified join for every organizer; none holds
			// Teams Premium, so no verified path is left
			name:   "anonymous join disabled for the tenant",
			script: "Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $true",
			want: []plan.ImpactGroup{
				group("Teams", "Meeting", "Lobby", "Blocked", disabled, setConf, 10, all5),
				group("Teams", "Webinar", "Lobby", "Blocked", disabled, setConf, 10, all5),
				group("Teams", "TownHall", "Admitted", "Blocked", disabled, setConf, 10, all5),
				group("Acs", "Meeting", "Lobby", "Blocked", disabled, setConf, 10, all5),
				group("Acs", "Webinar", "Lobby", "Blocked", disabled, setConf, 10, all5),
				group("Acs", "TownHall", "Admitted", "Blocked", disabled, setConf, 10, all5),
			},
		},
		{
			// rule 3 again, with the sales group moved to NoAcs by the
			// same script: where the tenant's configuration decides (every
			// Teams client answer), its line is the cause, not the
			// grant's, although the sales members' policy changed too;
			// for Acs, rule 2 (NoAcs's blocked client types) comes first
			// for sales and is the grant's
			name:   "anonymous join disabled while a group's policy changes",
			script: "Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $true\nGrant-CsTeamsMeetingPolicy -Group sales -PolicyName NoAcs",
			want: []plan.ImpactGroup{
				group("Teams", "Meeting", "Lobby", "Blocked", disabled, setConf, 10, all5),
				group("Teams", "Webinar", "Lobby", "Blocked", disabled, setConf, 10, all5),
				group("Teams", "TownHall", "Admitted", "Blocked", disabled, setConf, 10, all5),
				group("Acs", "Meeting", "Lobby", "Blocked", noAcs, grant, 7, sales),
				group("Acs", "Webinar", "Lobby", "Blocked", noAcs, grant, 7, sales),
				group("Acs", "TownHall", "Admitted", "Blocked", noAcs, grant, 7, sales),
				group("Acs", "Meeting", "Lobby", "Blocked", disabled, setConf, 3, others),
				group("Acs", "Webinar", "Lobby", "Blocked", disabled, setConf, 3, others),
				group("Acs", "TownHall", "Admitted", "Blocked", disabled, setConf, 3, others),
			},
		},
		{
			// set and set back: nothing changes
			name:   "no change",
			script: "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompany",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := baseTenant(t)
			after, from := run(t, before, tc.script)
			got, n := plan.Impact(before, after, testNow, plan.DefaultQuestions(), from)
			if n != 10 {
				t.Errorf("organizers = %d, want 10", n)
			}
			if (len(got) > 0 || len(tc.want) > 0) && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", show(got), show(tc.want))
			}
		})
	}
}

func show(gs []plan.ImpactGroup) string {
	s := ""
	for _, g := range gs {
		cause := "<nil>"
		if g.Cause != nil {
			cause = fmt.Sprintf("%+v", *g.Cause)
		}
		s += fmt.Sprintf("%+v %s->%s %s cause=%s %d %v\n", g.Question, g.Before, g.After, g.DecidedBy, cause, g.Count, g.Examples)
	}
	return s
}

// Groups are sorted by count, most first; a membership line is the cause
// for the organizer it added, and a user the script created is answered
// before the script as an organizer outside the directory.
func TestImpactOrderAndCauses(t *testing.T) {
	before := baseTenant(t)
	after, from := run(t, before, "Add-EmuGroupMember -Group sales -Member g1@contoso.com\nSet-CsTeamsMeetingPolicy -Identity Open -AutoAdmittedUsers Everyone\nNew-EmuUser -UserPrincipalName new@contoso.com")
	got, n := plan.Impact(before, after, testNow, []plan.Question{{ClientType: "Teams", MeetingType: "Meeting"}, {ClientType: "Skype", MeetingType: "Meeting"}}, from)
	if n != 11 {
		t.Errorf("organizers = %d, want 11", n)
	}
	open := "TeamsMeetingPolicy[Tag:Open].AutoAdmittedUsers"
	q := plan.Question{ClientType: "Teams", MeetingType: "Meeting"}
	want := []plan.ImpactGroup{
		{Question: q, Before: "Lobby", After: "Admitted", DecidedBy: open, Cause: &plan.Location{File: "deploy.ps1", Line: 2, Cmdlet: "Set-CsTeamsMeetingPolicy"},
			Count: 7, Examples: []string{"s1@contoso.com", "s2@contoso.com", "s3@contoso.com", "s4@contoso.com", "s5@contoso.com"}},
		{Question: q, Before: "Lobby", After: "Admitted", DecidedBy: open, Cause: &plan.Location{File: "deploy.ps1", Line: 1, Cmdlet: "Add-EmuGroupMember"},
			Count: 1, Examples: []string{"g1@contoso.com"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", show(got), show(want))
	}
}

// Build asks the default questions and ties the diff and the impact.
func TestBuild(t *testing.T) {
	before := baseTenant(t)
	after, from := run(t, before, "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone")
	p := plan.Build(before, after, plan.BuildOptions{Script: "deploy.ps1", Now: testNow, FromChange: from})
	// the three organizers with the Global policy, each in four groups
	if p.Script != "deploy.ps1" || len(p.Questions) != 6 || p.Organizers != 10 || p.Affected != 3 || p.Unchanged != 1 || len(p.Changes) != 1 || len(p.Impact) != 4 || !p.Changed() {
		t.Errorf("plan: %+v", p)
	}
	if !reflect.DeepEqual(p.Questions, plan.DefaultQuestions()) {
		t.Errorf("questions %v", p.Questions)
	}
	p = plan.Build(before, before.Clone(), plan.BuildOptions{Now: testNow, FromChange: -1, Questions: []plan.Question{{ClientType: "acs", MeetingType: "townhall"}, {ClientType: "Acs", MeetingType: "TownHall"}, {ClientType: "Fax"}}})
	if p.Changed() || len(p.Impact) != 0 || !reflect.DeepEqual(p.Questions, []plan.Question{{ClientType: "Acs", MeetingType: "TownHall"}}) {
		t.Errorf("plan: %+v", p)
	}
}

func TestAskable(t *testing.T) {
	for _, tc := range []struct {
		in   plan.Question
		want plan.Question
		ok   bool
	}{
		{plan.Question{}, plan.Question{ClientType: "Teams", MeetingType: "Meeting"}, true},
		{plan.Question{ClientType: "ACS", MeetingType: "groupcall"}, plan.Question{ClientType: "Acs", MeetingType: "GroupCall"}, true},
		{plan.Question{ClientType: "Skype"}, plan.Question{ClientType: "Skype", MeetingType: "Meeting"}, false},
	} {
		got, ok := plan.Askable(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Askable(%+v) = %+v, %v", tc.in, got, ok)
		}
	}
}

// The impact pass asks once per class of organizers; its counts are those
// of asking join for every organizer, one by one, on both tenants.
func TestImpactMatchesEvaluator(t *testing.T) {
	before := state.NewTenant()
	if err := statetest.Directory(before, 600); err != nil {
		t.Fatal(err)
	}
	after, from := run(t, before, `
New-CsTeamsMeetingPolicy -Identity NoAcs -BlockedAnonymousJoinClientTypes Acs
Set-CsTeamsMeetingPolicy -Identity P3 -AutoAdmittedUsers Everyone
Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false
Grant-CsTeamsMeetingPolicy -Group sales -PolicyName NoAcs -Rank 1
Grant-CsTeamsMeetingPolicy -Identity user7@contoso.com -PolicyName P2
Grant-CsTeamsMeetingPolicy -Identity user50@contoso.com -PolicyName $null
Grant-CsTeamsMeetingPolicy -Global -PolicyName $null
Add-EmuGroupMember -Group legal -Member user10@contoso.com
New-EmuUser -UserPrincipalName new@contoso.com -Group support -License TeamsPremium
Remove-EmuUser -Identity user11@contoso.com
`)
	type key struct {
		q                 plan.Question
		before, after, by string
	}
	want := map[key]int{}
	affected := 0
	for u := range after.Users() {
		changed := false
		for _, q := range plan.DefaultQuestions() {
			jq := join.Question{ClientType: q.ClientType, MeetingType: q.MeetingType}
			b := join.Evaluate(before, testNow, u.UPN, jq)
			a := join.Evaluate(after, testNow, u.UPN, jq)
			if a.Outcome != b.Outcome {
				want[key{q, b.Outcome, a.Outcome, a.DecidedBy}]++
				changed = true
			}
		}
		if changed {
			affected++
		}
	}
	if p := plan.Build(before, after, plan.BuildOptions{Now: testNow, FromChange: from}); p.Affected != affected {
		t.Errorf("Affected = %d, want %d", p.Affected, affected)
	}
	groups, _ := plan.Impact(before, after, testNow, plan.DefaultQuestions(), from)
	got := map[key]int{}
	for _, g := range groups {
		got[key{g.Question, g.Before, g.After, g.DecidedBy}] += g.Count
		if len(g.Examples) != min(g.Count, plan.MaxExamples) || !slices.IsSorted(g.Examples) {
			t.Errorf("examples %v of %d", g.Examples, g.Count)
		}
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// Direct grants on two lines: the same change of answer, two causes, so
// two groups of one organizer each.
func TestImpactDirectGrants(t *testing.T) {
	before := baseTenant(t)
	after, from := run(t, before, "Grant-CsTeamsMeetingPolicy -Identity g2@contoso.com -PolicyName NoAcs\nGrant-CsTeamsMeetingPolicy -Identity g1@contoso.com -PolicyName NoAcs")
	got, _ := plan.Impact(before, after, testNow, []plan.Question{{ClientType: "Acs", MeetingType: "Meeting"}}, from)
	q := plan.Question{ClientType: "Acs", MeetingType: "Meeting"}
	by := "TeamsMeetingPolicy[Tag:NoAcs].BlockedAnonymousJoinClientTypes"
	want := []plan.ImpactGroup{
		{Question: q, Before: "Lobby", After: "Blocked", DecidedBy: by, Cause: &plan.Location{File: "deploy.ps1", Line: 1, Cmdlet: "Grant-CsTeamsMeetingPolicy"}, Count: 1, Examples: []string{"g2@contoso.com"}},
		{Question: q, Before: "Lobby", After: "Blocked", DecidedBy: by, Cause: &plan.Location{File: "deploy.ps1", Line: 2, Cmdlet: "Grant-CsTeamsMeetingPolicy"}, Count: 1, Examples: []string{"g1@contoso.com"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", show(got), show(want))
	}
}
