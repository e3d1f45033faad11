package tenantio

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

func ids() func() string {
	n := 0
	return func() string {
		n++
		return fmt.Sprintf("00000000-0000-0000-0000-%012d", n)
	}
}

var applyNow = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func origin(file string, line int, path string) Origin {
	return Origin{File: file, Line: line, Path: path}
}

// The general rules of exports.md: a new policy starts from the Global
// defaults and takes the export's values; unknown properties are kept;
// the properties the export lacks are listed as not in the export; every
// value is recorded with where it came from.
func TestApplyObjects(t *testing.T) {
	tn := state.NewTenant()
	const file = "Get-CsTeamsMeetingPolicy.json"
	snap := &Snapshot{Objects: []*Item{
		{Kind: state.KindTeamsMeetingPolicy, Identity: "Tag:No Anon", Origin: origin(file, 0, "$[0]"), Props: []Prop{
			{Name: "AllowAnonymousUsersToJoinMeeting", Value: false, Origin: origin(file, 0, "$[0].AllowAnonymousUsersToJoinMeeting")},
			{Name: "SomeFutureSetting", Value: "On", Origin: origin(file, 0, "$[0].SomeFutureSetting")},
		}},
		{Kind: state.KindTeamsMeetingPolicy, Identity: "Global", Origin: origin(file, 0, "$[1]"), Props: []Prop{
			{Name: "AutoAdmittedUsers", Value: "EveryoneInCompanyExcludingGuests", Origin: origin(file, 0, "$[1].AutoAdmittedUsers")},
			{Name: "AllowAnonymousUsersToJoinMeeting", Value: true, Origin: origin(file, 0, "$[1].AllowAnonymousUsersToJoinMeeting")},
		}},
	}}
	sums := Apply(tn, snap, ApplyOptions{Now: applyNow, NewID: ids()})
	if len(sums) != 1 || sums[0].Kind != state.KindTeamsMeetingPolicy {
		t.Fatalf("summaries = %+v", sums)
	}
	s := sums[0]
	if s.Imported != 1 || s.Updated != 1 || s.Unchanged != 0 || s.Skipped != 0 {
		t.Errorf("counts = %+v, want 1 imported (Tag:No Anon), 1 updated (Global)", s)
	}
	p, ok := tn.Object(state.KindTeamsMeetingPolicy, "tag:no anon")
	if !ok {
		t.Fatal("Tag:No Anon not created")
	}
	if v, _ := p.Get("AllowAnonymousUsersToJoinMeeting"); v != false {
		t.Errorf("AllowAnonymousUsersToJoinMeeting = %v", v)
	}
	if v, _ := p.Get("SomeFutureSetting"); v != "On" {
		t.Errorf("an unknown property is kept: got %v", v)
	}
	def, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
	if v, _ := p.Get("AutoAdmittedUsers"); v != mustGet(def, "AutoAdmittedUsers") {
		t.Errorf("a property the export lacks keeps the default: got %v", v)
	}
	if !slices.Contains(s.NotInExport, "AllowMeetNow") {
		t.Errorf("NotInExport lacks AllowMeetNow: %v", s.NotInExport)
	}
	if slices.Contains(s.NotInExport, "AllowAnonymousUsersToJoinMeeting") {
		t.Errorf("NotInExport lists a property the export has: %v", s.NotInExport)
	}
	ch, ok := tn.LastChange(state.KindTeamsMeetingPolicy, "Global", "AutoAdmittedUsers")
	if !ok || ch.Cmdlet != "Import-EmuTenant" || ch.File != file || ch.At != "$[1].AutoAdmittedUsers" || ch.New != "EveryoneInCompanyExcludingGuests" {
		t.Errorf("change of Global.AutoAdmittedUsers = %+v", ch)
	}
	if ch, ok := tn.LastChange(state.KindTeamsMeetingPolicy, "Tag:No Anon", "AllowAnonymousUsersToJoinMeeting"); !ok || ch.At != "$[0].AllowAnonymousUsersToJoinMeeting" {
		t.Errorf("change of the new policy's value = %+v, %v", ch, ok)
	}
	// the same snapshot again changes nothing
	sums = Apply(tn, snap, ApplyOptions{Now: applyNow})
	if s := sums[0]; s.Imported != 0 || s.Updated != 0 || s.Unchanged != 2 {
		t.Errorf("second import = %+v, want 2 unchanged", s)
	}
	if !strings.Contains(sums[0].Line(), "TeamsMeetingPolicy: 0 imported, 0 updated, 2 unchanged, 0 skipped; ") {
		t.Errorf("line = %q", sums[0].Line())
	}
}

func mustGet(o *state.Object, name string) any {
	v, _ := o.Get(name)
	return v
}

// Microsoft365DSC's Ensure = "Absent": the policy must not exist; the
// Global instance cannot be removed.
func TestApplyAbsent(t *testing.T) {
	tn := state.NewTenant()
	p := &state.Object{Kind: state.KindTeamsMeetingPolicy, Identity: "Tag:Old"}
	if err := tn.PutObject(p); err != nil {
		t.Fatal(err)
	}
	sums := Apply(tn, &Snapshot{Objects: []*Item{
		{Kind: state.KindTeamsMeetingPolicy, Identity: "Tag:Old", Absent: true, Origin: origin("M365TenantConfig.ps1", 12, "")},
		{Kind: state.KindTeamsMeetingPolicy, Identity: "Tag:Never", Absent: true},
		{Kind: state.KindTeamsMeetingPolicy, Identity: "Global", Absent: true},
	}}, ApplyOptions{Now: applyNow})
	if _, ok := tn.Object(state.KindTeamsMeetingPolicy, "Tag:Old"); ok {
		t.Error("Tag:Old not removed")
	}
	s := sums[0]
	if s.Removed != 1 || s.Unchanged != 1 || s.Skipped != 1 {
		t.Errorf("counts = %+v", s)
	}
	if _, ok := tn.Object(state.KindTeamsMeetingPolicy, "Global"); !ok {
		t.Error("Global removed")
	}
	ch, _ := tn.LastChange(state.KindTeamsMeetingPolicy, "Tag:Old", "")
	if ch == nil || ch.Line != 12 || ch.New != "removed" {
		t.Errorf("removal change = %+v", ch)
	}
}

// Users with direct assignments, group members by group name, and group
// assignments with rank (exports.md section 5).
func TestApplyDirectory(t *testing.T) {
	tn := state.NewTenant()
	const users, members, assigns = "users.csv", "members.csv", "assignments.csv"
	snap := &Snapshot{
		Users: []*UserItem{
			{UPN: "ann@contoso.com", DisplayName: "Ann", Has: map[string]bool{"DisplayName": true},
				Direct: []Direct{{PolicyType: "TeamsMeetingPolicy", PolicyName: "NoAnon", Origin: origin(users, 2, "TeamsMeetingPolicy")}}, Origin: origin(users, 2, "")},
			{UPN: "bob@contoso.com", Origin: origin(users, 3, "")},
		},
		Members: []Member{
			{Group: "Sales", UPN: "bob@contoso.com", Origin: origin(members, 2, "")},
			{Group: "Sales", UPN: "cy@contoso.com", Origin: origin(members, 3, "")},
		},
		Assignments: []GroupAssignment{
			{GroupName: "Sales", PolicyType: "TeamsMeetingPolicy", PolicyName: "Tag:Sales", Rank: 2, Origin: origin(assigns, 3, "")},
			{GroupID: "11111111-2222-3333-4444-555555555555", PolicyType: "TeamsMeetingPolicy", PolicyName: "Exec", Rank: 1, Origin: origin(assigns, 2, "")},
		},
	}
	Apply(tn, snap, ApplyOptions{Now: applyNow, NewID: ids()})
	ann, ok := tn.User("ann@contoso.com")
	if !ok || ann.DisplayName != "Ann" || ann.Policy("TeamsMeetingPolicy") != "NoAnon" || ann.ObjectID == "" {
		t.Fatalf("ann = %+v", ann)
	}
	// a new user is one change log entry, at the line that gave the user
	// and its direct policies
	ch, ok := tn.LastChange("User", "ann@contoso.com", "")
	if !ok || ch.File != users || ch.Line != 2 || ch.New != "created" {
		t.Errorf("origin of ann = %+v", ch)
	}
	// a changed direct policy of an existing user is an entry of its own
	snap2 := &Snapshot{Users: []*UserItem{{UPN: "ann@contoso.com",
		Direct: []Direct{{PolicyType: "TeamsMeetingPolicy", PolicyName: "AllOn", Origin: origin("users2.csv", 7, "TeamsMeetingPolicy")}}}}}
	Apply(tn, snap2, ApplyOptions{Now: applyNow})
	ch, ok = tn.LastChange("User", "ann@contoso.com", "TeamsMeetingPolicy")
	if !ok || ch.File != "users2.csv" || ch.Line != 7 || ch.At != "TeamsMeetingPolicy" || ch.Old != "NoAnon" || ch.New != "AllOn" {
		t.Errorf("origin of ann's changed direct policy = %+v", ch)
	}
	cy, ok := tn.User("cy@contoso.com")
	if !ok {
		t.Fatal("a member the users file lacks is created")
	}
	if len(cy.Groups) != 1 {
		t.Fatalf("cy's groups = %v", cy.Groups)
	}
	g, ok := tn.Group(cy.Groups[0])
	if !ok || g.DisplayName != "Sales" {
		t.Errorf("group of cy = %+v", g)
	}
	list := tn.GroupAssignments("TeamsMeetingPolicy")
	if len(list) != 2 || list[0].GroupID != "11111111-2222-3333-4444-555555555555" || list[0].PolicyName != "Exec" ||
		list[1].GroupID != g.ID || list[1].PolicyName != "Sales" || list[1].Rank != 2 {
		t.Errorf("group assignments = %+v", list)
	}
}

// -Replace starts from a new tenant: what the export lacks is gone.
func TestApplyReplace(t *testing.T) {
	tn := state.NewTenant()
	tn.PutObject(&state.Object{Kind: state.KindTeamsMeetingPolicy, Identity: "Tag:Stale"})
	tn.PutUser(&state.User{UPN: "old@contoso.com"})
	tn.SetTenantGrant("TeamsMeetingPolicy", "Stale")
	global, _ := tn.Object(state.KindTeamsMeetingPolicy, "Global")
	global.Set("AllowAnonymousUsersToJoinMeeting", false)
	tn.PutObject(global)
	Apply(tn, &Snapshot{Users: []*UserItem{{UPN: "new@contoso.com"}}}, ApplyOptions{Now: applyNow, Replace: true})
	if _, ok := tn.Object(state.KindTeamsMeetingPolicy, "Tag:Stale"); ok {
		t.Error("Tag:Stale kept")
	}
	if _, ok := tn.User("old@contoso.com"); ok {
		t.Error("old user kept")
	}
	if tn.TenantGrant("TeamsMeetingPolicy") != "" {
		t.Error("tenant grant kept")
	}
	g, _ := tn.Object(state.KindTeamsMeetingPolicy, "Global")
	if v, _ := g.Get("AllowAnonymousUsersToJoinMeeting"); v != true {
		t.Errorf("Global not back to its default: %v", v)
	}
	if _, ok := tn.User("new@contoso.com"); !ok {
		t.Error("new user not imported")
	}
}

// Notes: a kind the export has no place for is "not in the export"; a
// skipped resource counts as skipped with its reason.
func TestApplyNotes(t *testing.T) {
	tn := state.NewTenant()
	sums := Apply(tn, &Snapshot{Notes: []Note{
		{Kind: state.KindTeamsMeetingConfiguration, Reason: "ScubaGear's export has no meeting configuration"},
		{Kind: "EXOMailboxSettings", Reason: "not a Teams setting", Skipped: true},
		{Kind: "EXOMailboxSettings", Reason: "not a Teams setting", Skipped: true},
		{Kind: "SPOSite", Reason: "skipped 3 resources", Skipped: true, Count: 3},
	}}, ApplyOptions{Now: applyNow})
	if len(sums) != 3 {
		t.Fatalf("summaries = %+v", sums)
	}
	if got := sums[0].Line(); !strings.Contains(got, "not in the export") || !strings.Contains(got, "no meeting configuration") {
		t.Errorf("line = %q", got)
	}
	if sums[1].Skipped != 2 || len(sums[1].Notes) != 1 {
		t.Errorf("skipped = %+v", sums[1])
	}
	if sums[2].Skipped != 3 {
		t.Errorf("a note of 3 skipped resources counts %d", sums[2].Skipped)
	}
}
