package plan_test

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/plan"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/state"
)

var testNow = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

// baseTenant is the tenant the scripts run on: the Global defaults, a
// meeting policy NoAcs that blocks Azure Communication Services clients
// (BlockedAnonymousJoinClientTypes, as Set-CsTeamsMeetingPolicy documents
// it), a policy Open, groups sales and legal with two assignments of
// TeamsMeetingPolicy (sales rank 1, legal rank 2), seven members of sales
// and three users of no group.
func baseTenant(t *testing.T) *state.Tenant {
	t.Helper()
	tn := state.NewTenant()
	for _, id := range []string{"Tag:NoAcs", "Tag:Open"} {
		o, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
		o.Identity = id
		if id == "Tag:NoAcs" {
			o.Set("BlockedAnonymousJoinClientTypes", []any{"Acs"})
		}
		must(t, tn.PutObject(o))
	}
	must(t, tn.PutGroup(&state.Group{ID: "sales", DisplayName: "Sales"}))
	must(t, tn.PutGroup(&state.Group{ID: "legal", DisplayName: "Legal"}))
	for _, g := range []string{"sales", "legal"} {
		if _, err := tn.AddGroupAssignment(state.GroupAssignment{GroupID: g, PolicyType: "TeamsMeetingPolicy", PolicyName: "Open"}); err != nil {
			t.Fatal(err)
		}
	}
	// added out of name order, so that sorted examples are a test
	for _, n := range []int{6, 2, 7, 1, 5, 3, 4} {
		must(t, tn.PutUser(&state.User{UPN: fmt.Sprintf("s%d@contoso.com", n), DisplayName: fmt.Sprintf("S %d", n), Groups: []string{"sales"}, Enabled: true}))
	}
	for _, n := range []int{1, 2, 3} {
		must(t, tn.PutUser(&state.User{UPN: fmt.Sprintf("g%d@contoso.com", n), DisplayName: fmt.Sprintf("G %d", n), Enabled: true}))
	}
	return tn
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// run runs script as deploy.ps1 on a copy of before, as csemu plan does,
// and returns the copy and the change log index where the run started.
func run(t *testing.T, before *state.Tenant, script string) (*state.Tenant, int) {
	t.Helper()
	after := before.Clone()
	from := after.NumChanges()
	var out, errw bytes.Buffer
	h := teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return after, nil }})
	s := cmdlets.NewSession(append([]cmdlets.Option{
		cmdlets.WithIO(strings.NewReader(""), &out, &errw),
		cmdlets.WithClock(&cmdlets.FixedClock{T: testNow}),
	}, h.Options()...)...)
	if _, err := s.Run(context.Background(), "deploy.ps1", script, nil); err != nil || errw.Len() > 0 {
		t.Fatalf("script failed: %v %s", err, errw.String())
	}
	return after, from
}

func at(line int, cmdlet string) plan.Location {
	return plan.Location{File: "deploy.ps1", Line: line, Cmdlet: cmdlet}
}

// find returns the change of the object.
func find(cs []plan.ObjectChange, kind, id string) *plan.ObjectChange {
	for i := range cs {
		if cs[i].Kind == kind && cs[i].Identity == id {
			return &cs[i]
		}
	}
	return nil
}

func prop(c *plan.ObjectChange, name string) *plan.PropChange {
	for i := range c.Props {
		if c.Props[i].Name == name {
			return &c.Props[i]
		}
	}
	return nil
}

func TestDiff(t *testing.T) {
	const (
		newP   = "New-CsTeamsMeetingPolicy"
		setP   = "Set-CsTeamsMeetingPolicy"
		grantP = "Grant-CsTeamsMeetingPolicy"
	)
	tests := []struct {
		name   string
		script string
		// want lists the changes the script makes, in order; each prop
		// listed must be there as given (a created object's other
		// properties are not listed here).
		want      []plan.ObjectChange
		unchanged int
	}{
		{
			// New-CsTeamsMeetingPolicy creates a policy with the given
			// settings (Microsoft Learn, New-CsTeamsMeetingPolicy).
			name:   "policy created",
			script: "New-CsTeamsMeetingPolicy -Identity Webinars -AutoAdmittedUsers Everyone",
			want: []plan.ObjectChange{{Kind: "TeamsMeetingPolicy", Identity: "Tag:Webinars", Action: plan.Create,
				Lines: []plan.Location{at(1, newP)},
				Props: []plan.PropChange{{Name: "AutoAdmittedUsers", New: "Everyone", OldAbsent: true, Lines: []plan.Location{at(1, newP)}}}}},
		},
		{
			// a property set twice: its final value and both lines
			name:   "property set twice",
			script: "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly",
			want: []plan.ObjectChange{{Kind: "TeamsMeetingPolicy", Identity: "Global", Action: plan.Update, Props: []plan.PropChange{
				{Name: "AutoAdmittedUsers", Old: "EveryoneInCompany", New: "OrganizerOnly", Lines: []plan.Location{at(1, setP), at(3, setP)}},
				{Name: "AllowAnonymousUsersToJoinMeeting", Old: "True", New: "False", Lines: []plan.Location{at(2, setP)}},
			}}},
		},
		{
			// set and set back: no change, two writes that changed nothing
			name:      "set and set back",
			script:    "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompany",
			unchanged: 2,
		},
		{
			// a Set- to the value already there and a grant of the policy
			// the user already has change nothing
			name:   "unchanged writes",
			script: "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompany\nGrant-CsTeamsMeetingPolicy -Identity g1@contoso.com -PolicyName Open\nGrant-CsTeamsMeetingPolicy -Identity g1@contoso.com -PolicyName Open",
			want: []plan.ObjectChange{{Kind: "User", Identity: "g1@contoso.com", Action: plan.Update, Props: []plan.PropChange{
				{Name: "TeamsMeetingPolicy", New: "Open", OldAbsent: true, Lines: []plan.Location{at(2, grantP)}}}}},
			unchanged: 2,
		},
		{
			// Remove-CsTeamsMeetingPolicy removes the policy (Microsoft
			// Learn, Remove-CsTeamsMeetingPolicy); the assignments of a
			// deleted custom policy go with it, the groups' first, as
			// the Teams cmdlets remove them
			name:   "policy removed with its assignments",
			script: "\nRemove-CsTeamsMeetingPolicy -Identity Open",
			want: []plan.ObjectChange{
				{Kind: "GroupPolicyAssignment", Identity: "sales TeamsMeetingPolicy", Action: plan.Remove, Lines: []plan.Location{at(2, "Remove-CsTeamsMeetingPolicy")}},
				{Kind: "GroupPolicyAssignment", Identity: "legal TeamsMeetingPolicy", Action: plan.Remove, Lines: []plan.Location{at(2, "Remove-CsTeamsMeetingPolicy")}},
				{Kind: "TeamsMeetingPolicy", Identity: "Tag:Open", Action: plan.Remove, Lines: []plan.Location{at(2, "Remove-CsTeamsMeetingPolicy")}},
			},
		},
		{
			name:   "policy removed",
			script: "Remove-CsTeamsMeetingPolicy -Identity NoAcs",
			want: []plan.ObjectChange{{Kind: "TeamsMeetingPolicy", Identity: "Tag:NoAcs", Action: plan.Remove,
				Lines: []plan.Location{at(1, "Remove-CsTeamsMeetingPolicy")}}},
		},
		{
			// Grant-CsTeamsMeetingPolicy -Group -Rank 1 inserts the
			// assignment at rank 1; the others move down one rank
			// (Microsoft Learn, Grant-CsTeamsMeetingPolicy: -Rank; "Assign
			// policies to groups": the ranks of a type run 1..n)
			name:   "group assignment inserted above others",
			script: "Grant-CsTeamsMeetingPolicy -Group hr -PolicyName NoAcs -Rank 1",
			want: []plan.ObjectChange{
				{Kind: "Group", Identity: "hr", Action: plan.Create, Lines: []plan.Location{at(1, grantP)}},
				{Kind: "GroupPolicyAssignment", Identity: "hr TeamsMeetingPolicy", Action: plan.Create, Lines: []plan.Location{at(1, grantP)}, Props: []plan.PropChange{
					{Name: "PolicyName", New: "NoAcs", OldAbsent: true, Lines: []plan.Location{at(1, grantP)}},
					{Name: "Rank", New: "1", OldAbsent: true, Lines: []plan.Location{at(1, grantP)}},
				}},
				{Kind: "GroupPolicyAssignment", Identity: "legal TeamsMeetingPolicy", Action: plan.Update, Props: []plan.PropChange{
					{Name: "Rank", Old: "2", New: "3", Lines: []plan.Location{at(1, grantP)}}}},
				{Kind: "GroupPolicyAssignment", Identity: "sales TeamsMeetingPolicy", Action: plan.Update, Props: []plan.PropChange{
					{Name: "Rank", Old: "1", New: "2", Lines: []plan.Location{at(1, grantP)}}}},
			},
		},
		{
			// Grant-CsTeamsMeetingPolicy -Global grants the policy to the
			// whole tenant (Microsoft Learn, Grant-CsTeamsMeetingPolicy)
			name:   "tenant-wide grant",
			script: "Grant-CsTeamsMeetingPolicy -Global -PolicyName NoAcs",
			want: []plan.ObjectChange{{Kind: "TenantGrant", Identity: "TeamsMeetingPolicy", Action: plan.Create, Lines: []plan.Location{at(1, grantP)},
				Props: []plan.PropChange{{Name: "PolicyName", New: "NoAcs", OldAbsent: true, Lines: []plan.Location{at(1, grantP)}}}}},
		},
		{
			name:   "users created, removed and added to a group",
			script: "New-EmuUser -UserPrincipalName zoe@contoso.com -DisplayName 'Zoe Park' -Department Legal -License TeamsPremium\nRemove-EmuUser -Identity g3@contoso.com\nAdd-EmuGroupMember -Group legal -Member g2@contoso.com",
			want: []plan.ObjectChange{
				{Kind: "User", Identity: "zoe@contoso.com", Action: plan.Create, Lines: []plan.Location{at(1, "New-EmuUser")}, Props: []plan.PropChange{
					{Name: "DisplayName", New: "Zoe Park", OldAbsent: true},
					{Name: "Department", New: "Legal", OldAbsent: true},
					{Name: "Licenses", New: "{TeamsPremium}", OldAbsent: true},
				}},
				{Kind: "User", Identity: "g3@contoso.com", Action: plan.Remove, Lines: []plan.Location{at(2, "Remove-EmuUser")}},
				{Kind: "User", Identity: "g2@contoso.com", Action: plan.Update, Props: []plan.PropChange{
					{Name: "Groups", New: "{legal}", OldAbsent: true, Lines: []plan.Location{at(3, "Add-EmuGroupMember")}}}},
			},
		},
		{
			// granting a group the policy it has, at the rank it has,
			// changes nothing; -WhatIf writes nothing at all
			name:      "group grant of the same policy, and -WhatIf",
			script:    "Grant-CsTeamsMeetingPolicy -Group sales -PolicyName Open\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompany -WhatIf",
			unchanged: 1,
		},
		{
			// adding a member twice: the second changes nothing
			name:   "member added twice",
			script: "Add-EmuGroupMember -Group legal -Member g2@contoso.com\nAdd-EmuGroupMember -Group legal -Member g2@contoso.com",
			want: []plan.ObjectChange{{Kind: "User", Identity: "g2@contoso.com", Action: plan.Update, Props: []plan.PropChange{
				{Name: "Groups", New: "{legal}", OldAbsent: true, Lines: []plan.Location{at(1, "Add-EmuGroupMember")}}}}},
			unchanged: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := baseTenant(t)
			after, from := run(t, before, tc.script)
			got, unchanged := plan.Diff(before, after, plan.DiffOptions{FromChange: from})
			if unchanged != tc.unchanged {
				t.Errorf("unchanged = %d, want %d", unchanged, tc.unchanged)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d changes, want %d:\n%+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Kind != w.Kind || g.Identity != w.Identity || g.Action != w.Action || !reflect.DeepEqual(g.Lines, w.Lines) {
					t.Errorf("change %d = %s %s[%s] %v, want %s %s[%s] %v", i, g.Action, g.Kind, g.Identity, g.Lines, w.Action, w.Kind, w.Identity, w.Lines)
					continue
				}
				if w.Action == plan.Update && len(g.Props) != len(w.Props) {
					t.Errorf("%s: props %+v, want %+v", w.Identity, g.Props, w.Props)
					continue
				}
				for j, wp := range w.Props {
					gp := prop(&g, wp.Name)
					if gp == nil {
						t.Errorf("%s: no property %s in %+v", w.Identity, wp.Name, g.Props)
						continue
					}
					if w.Action == plan.Update && g.Props[j].Name != wp.Name {
						t.Errorf("%s: property %d is %s, want %s", w.Identity, j, g.Props[j].Name, wp.Name)
					}
					if w.Action == plan.Create && wp.Lines == nil {
						wp.Lines = gp.Lines // not what this case tests
					}
					if !reflect.DeepEqual(*gp, wp) {
						t.Errorf("%s.%s = %+v, want %+v", w.Identity, wp.Name, *gp, wp)
					}
				}
			}
		})
	}
}

// A diff of two tenants with no script between them: objects sorted by
// kind, then identity, and no lines.
func TestDiffTwoTenants(t *testing.T) {
	a := baseTenant(t)
	b := a.Clone()
	o, _ := b.Object("TeamsMeetingPolicy", "Tag:Open")
	o.Set("AutoAdmittedUsers", "Everyone")
	o.Delete("AllowAnonymousUsersToStartMeeting")
	must(t, b.PutObject(o))
	b.DeleteObject("TeamsMeetingPolicy", "Tag:NoAcs")
	u, _ := b.User("s1@contoso.com")
	u.DisplayName = "Sam One"
	must(t, b.PutUser(u))
	must(t, b.PutGroup(&state.Group{ID: "hr"}))
	b.SetTenantGrant("TeamsMeetingPolicy", "Open")
	b.RemoveGroupAssignment("sales", "TeamsMeetingPolicy")

	got, unchanged := plan.Diff(a, b, plan.DiffOptions{FromChange: -1})
	if unchanged != 0 {
		t.Errorf("unchanged = %d", unchanged)
	}
	var order []string
	for _, c := range got {
		order = append(order, c.Action.Symbol()+c.Kind+"["+c.Identity+"]")
		if c.Lines != nil {
			t.Errorf("%s has lines %v", c.Identity, c.Lines)
		}
	}
	want := []string{
		"+Group[hr]",
		"-GroupPolicyAssignment[sales TeamsMeetingPolicy]",
		"~GroupPolicyAssignment[legal TeamsMeetingPolicy]",
		"-TeamsMeetingPolicy[Tag:NoAcs]",
		"~TeamsMeetingPolicy[Tag:Open]",
		"+TenantGrant[TeamsMeetingPolicy]",
		"~User[s1@contoso.com]",
	}
	// sorted by kind then identity: legal before sales
	want[1], want[2] = want[2], want[1]
	if !reflect.DeepEqual(order, want) {
		t.Errorf("order:\n%v\nwant\n%v", order, want)
	}
	open := find(got, "TeamsMeetingPolicy", "Tag:Open")
	if p := prop(open, "AutoAdmittedUsers"); p == nil || p.Old != "EveryoneInCompany" || p.New != "Everyone" {
		t.Errorf("AutoAdmittedUsers: %+v", p)
	}
	if p := prop(open, "AllowAnonymousUsersToStartMeeting"); p == nil || !p.NewAbsent || p.OldAbsent {
		t.Errorf("removed property: %+v", p)
	}
	if p := prop(find(got, "User", "s1@contoso.com"), "DisplayName"); p == nil || p.Old != "S 1" || p.New != "Sam One" {
		t.Errorf("DisplayName: %+v", p)
	}
}

// Diff of a tenant with itself is empty.
func TestDiffSame(t *testing.T) {
	a := baseTenant(t)
	if got, n := plan.Diff(a, a.Clone(), plan.DiffOptions{FromChange: -1}); len(got) != 0 || n != 0 {
		t.Errorf("got %+v, %d", got, n)
	}
}

// A policy removed and created again with another setting is an update
// that names both lines.
func TestDiffRecreated(t *testing.T) {
	before := baseTenant(t)
	after, from := run(t, before, "Remove-CsTeamsMeetingPolicy -Identity NoAcs\nNew-CsTeamsMeetingPolicy -Identity NoAcs -AutoAdmittedUsers Everyone")
	got, _ := plan.Diff(before, after, plan.DiffOptions{FromChange: from})
	if len(got) != 1 || got[0].Action != plan.Update {
		t.Fatalf("got %+v", got)
	}
	want := []plan.Location{at(1, "Remove-CsTeamsMeetingPolicy"), at(2, "New-CsTeamsMeetingPolicy")}
	if !reflect.DeepEqual(got[0].Lines, want) {
		t.Errorf("lines %v, want %v", got[0].Lines, want)
	}
	// BlockedAnonymousJoinClientTypes back to the default, empty list;
	// AutoAdmittedUsers set by the New- line
	if p := prop(&got[0], "BlockedAnonymousJoinClientTypes"); p == nil || p.Old != "{Acs}" || p.New != "{}" {
		t.Errorf("BlockedAnonymousJoinClientTypes: %+v", p)
	}
	if p := prop(&got[0], "AutoAdmittedUsers"); p == nil || p.New != "Everyone" || !reflect.DeepEqual(p.Lines, want[1:]) {
		t.Errorf("AutoAdmittedUsers: %+v", p)
	}
}
