package state

import "testing"

// A clone is a deep copy: changing it leaves the original as it was.
func TestClone(t *testing.T) {
	tn := NewTenant()
	tn.PutGroup(&Group{ID: "g1", DisplayName: "Sales"})
	tn.PutUser(&User{UPN: "ann@contoso.com", ObjectID: "id-ann", Groups: []string{"g1"}, Direct: []DirectPolicy{{"TeamsMeetingPolicy", "A"}}})
	tn.AddGroupAssignment(GroupAssignment{GroupID: "g1", PolicyType: "TeamsMeetingPolicy", PolicyName: "A"})
	tn.SetTenantGrant("TeamsMeetingPolicy", "A")
	tn.AppendChange(Change{Cmdlet: "x", Kind: "User", Identity: "ann@contoso.com"})
	c := tn.Clone()
	g, _ := c.Object(KindTeamsMeetingPolicy, "Global")
	g.Set("AllowAnonymousUsersToJoinMeeting", false)
	c.PutObject(g)
	u, _ := c.User("id-ann")
	u.SetPolicy("TeamsMeetingPolicy", "B")
	c.PutUser(u)
	c.RemoveGroupAssignment("g1", "TeamsMeetingPolicy")
	c.SetTenantGrant("TeamsMeetingPolicy", "")
	c.AppendChange(Change{Cmdlet: "y"})

	if len(c.GroupMembers("g1")) != 1 {
		t.Error("the clone lost the group index")
	}
	og, _ := tn.Object(KindTeamsMeetingPolicy, "Global")
	if v, _ := og.Get("AllowAnonymousUsersToJoinMeeting"); v != true {
		t.Error("changing the clone's object changed the original")
	}
	ou, _ := tn.User("ann@contoso.com")
	if ou.Policy("TeamsMeetingPolicy") != "A" {
		t.Error("changing the clone's user changed the original")
	}
	if len(tn.GroupAssignments("")) != 1 || tn.TenantGrant("TeamsMeetingPolicy") != "A" || tn.NumChanges() != 1 {
		t.Error("changing the clone's assignments, grants or log changed the original")
	}
}

// Reset leaves what a new tenant holds, and the change log.
func TestReset(t *testing.T) {
	tn := NewTenant()
	tn.PutObject(&Object{Kind: KindTeamsMeetingPolicy, Identity: "Tag:X"})
	tn.PutGroup(&Group{ID: "g1"})
	tn.PutUser(&User{UPN: "ann@contoso.com", Groups: []string{"g1"}})
	tn.AddGroupAssignment(GroupAssignment{GroupID: "g1", PolicyType: "TeamsMeetingPolicy", PolicyName: "X"})
	tn.SetTenantGrant("TeamsMeetingPolicy", "X")
	tn.AppendChange(Change{Cmdlet: "x"})
	tn.Reset()
	fresh := NewTenant()
	if got, want := len(tn.Kinds()), len(fresh.Kinds()); got != want {
		t.Errorf("kinds = %d, want %d", got, want)
	}
	if _, ok := tn.Object(KindTeamsMeetingPolicy, "Tag:X"); ok {
		t.Error("Tag:X kept")
	}
	if tn.NumUsers() != 0 || len(tn.Groups()) != 0 || len(tn.GroupAssignments("")) != 0 || len(tn.TenantGrants()) != 0 {
		t.Error("directory, assignments or grants kept")
	}
	if tn.NumChanges() != 1 {
		t.Error("the change log was not kept")
	}
	// a reset tenant saves and loads as a new one
	m := NewMemory()
	lt, err := m.Load()
	if err != nil {
		t.Fatal(err)
	}
	lt.PutUser(&User{UPN: "a@b.c"})
	lt.PutObject(&Object{Kind: KindTeamsMeetingPolicy, Identity: "Tag:Y"})
	if err := m.Commit(lt); err != nil {
		t.Fatal(err)
	}
	lt.Reset()
	if err := m.Commit(lt); err != nil {
		t.Fatal(err)
	}
	back, err := m.Load()
	if err != nil {
		t.Fatal(err)
	}
	if back.NumUsers() != 0 {
		t.Error("users back after reset")
	}
	if _, ok := back.Object(KindTeamsMeetingPolicy, "Tag:Y"); ok {
		t.Error("Tag:Y back after reset")
	}
	if _, ok := back.Object(KindTeamsMeetingPolicy, "Global"); !ok {
		t.Error("Global missing after reset")
	}
}

// Equal compares stored values by type and value, lists and nested objects
// item by item.
func TestEqual(t *testing.T) {
	list := func(d ...string) *Object { return AllowList(d) }
	for _, c := range []struct {
		a, b any
		want bool
	}{
		{nil, nil, true},
		{true, true, true},
		{int64(1), 1.0, false}, // another type
		{"a", "A", false},
		{[]any{"a", int64(2)}, []any{"a", int64(2)}, true},
		{[]any{"a"}, []any{"a", "b"}, false},
		{list("contoso.com"), list("contoso.com"), true},
		{list("contoso.com"), list("fabrikam.com"), false},
		{list(), []any{}, false},
	} {
		if got := Equal(c.a, c.b); got != c.want {
			t.Errorf("Equal(%#v, %#v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
