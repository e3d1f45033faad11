package state

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// backend opens a store for the contract test and reopens it after a
// commit, as a new process would.
type backend struct {
	name   string
	open   func(t *testing.T) Store
	reopen func(t *testing.T, s Store) Store
}

func backends() []backend {
	return []backend{
		{
			name: "memory",
			open: func(*testing.T) Store { return NewMemory() },
			reopen: func(_ *testing.T, s Store) Store {
				return s
			},
		},
		{
			name: "bolt",
			open: func(t *testing.T) Store {
				s, err := Open(filepath.Join(t.TempDir(), "sub", "tenant.db"), Options{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			},
			reopen: func(t *testing.T, s Store) Store {
				path := s.(*BoltStore).Path()
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				s2, err := Open(path, Options{MustExist: true})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s2.Close() })
				return s2
			},
		},
	}
}

// contractCase changes a tenant and checks it, before the commit and
// again after reloading it.
type contractCase struct {
	name   string
	change func(t *testing.T, tn *Tenant)
	check  func(t *testing.T, tn *Tenant)
}

var t0 = time.Date(2026, 11, 22, 10, 30, 0, 123456789, time.UTC)

func TestContract(t *testing.T) {
	for _, b := range backends() {
		for _, c := range contractCases() {
			t.Run(b.name+"/"+c.name, func(t *testing.T) {
				s := b.open(t)
				tn, err := s.Load()
				if err != nil {
					t.Fatal(err)
				}
				c.change(t, tn)
				c.check(t, tn)
				if err := s.Commit(tn); err != nil {
					t.Fatal(err)
				}
				if tn.Dirty() {
					t.Fatal("tenant still dirty after commit")
				}
				c.check(t, tn)
				s = b.reopen(t, s)
				tn2, err := s.Load()
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, tn2)
			})
		}
	}
}

func identities(objs []*Object) []string {
	var ids []string
	for _, o := range objs {
		ids = append(ids, o.Identity)
	}
	return ids
}

func upns(tn *Tenant) []string {
	var out []string
	for u := range tn.Users() {
		out = append(out, u.UPN)
	}
	return out
}

func ranks(l []GroupAssignment) []string {
	var out []string
	for _, a := range l {
		out = append(out, a.GroupID+":"+string(rune('0'+a.Rank)))
	}
	return out
}

func contractCases() []contractCase {
	return []contractCase{
		{
			name:   "defaults",
			change: func(*testing.T, *Tenant) {},
			check: func(t *testing.T, tn *Tenant) {
				want := []string{KindAccessEdgeConfiguration, KindConferencingPolicy, KindExternalAccessPolicy,
					KindMeetingConfiguration, KindSfbExternalAccessPolicy, KindTeamsAcsFederationConfiguration,
					KindTeamsAppPermissionPolicy, KindTeamsMeetingConfiguration, KindTeamsMeetingPolicy,
					KindTenantFederationConfiguration}
				if got := tn.Kinds(); !slices.Equal(got, want) {
					t.Errorf("kinds %v, want %v", got, want)
				}
				g, ok := tn.Object(KindTeamsMeetingPolicy, "global")
				if !ok {
					t.Fatal("no Global TeamsMeetingPolicy")
				}
				if g.Props[0].Name != "AIInterpreter" || g.Props[0].Value != "Enabled" {
					t.Errorf("first property %+v", g.Props[0])
				}
				if v, _ := g.Get("mediabitratekb"); v != int64(50000) {
					t.Errorf("MediaBitRateKb = %#v", v)
				}
				if v, _ := g.Get("BlockedAnonymousJoinClientTypes"); !reflect.DeepEqual(v, []any{}) {
					t.Errorf("BlockedAnonymousJoinClientTypes = %#v", v)
				}
				if tn.NumUsers() != 0 || len(tn.Groups()) != 0 || tn.NumChanges() != 0 {
					t.Error("a new tenant has a directory or a change log")
				}
			},
		},
		{
			name: "objects",
			change: func(t *testing.T, tn *Tenant) {
				g, _ := tn.Object(KindTeamsMeetingPolicy, "Global")
				for _, id := range []string{"Tag:Sales", "Tag:Legal", "Tag:HR"} {
					o := g.Clone()
					o.Identity = id
					if err := tn.PutObject(o); err != nil {
						t.Fatal(err)
					}
				}
				// Replace through a clone: keeps its position.
				s, _ := tn.Object(KindTeamsMeetingPolicy, "TAG:SALES")
				c := s.Clone()
				c.Set("AllowAnonymousUsersToJoinMeeting", false)
				c.Set("Description", "sales")
				c.Set("Ratio", 0.5)
				c.Set("Count", 3)
				c.Set("Domains", []string{"a.test", "b.test"})
				c.Set("Nested", &Object{Kind: KindAllowedDomain, Identity: "x", Props: []Prop{{"Domain", "x.test"}, {"Inner", []any{int64(1), nil, true}}}})
				if err := tn.PutObject(c); err != nil {
					t.Fatal(err)
				}
				// Change in place.
				l, _ := tn.Object(KindTeamsMeetingPolicy, "tag:legal")
				l.Set("AutoAdmittedUsers", "EveryoneInSameAndFederatedCompany")
				tn.PutObject(l)
				if !tn.DeleteObject(KindTeamsMeetingPolicy, "tag:hr") || tn.DeleteObject(KindTeamsMeetingPolicy, "tag:hr") {
					t.Error("DeleteObject")
				}
				if err := tn.PutObject(&Object{Kind: KindTeamsMeetingPolicy}); err == nil {
					t.Error("PutObject without identity succeeded")
				}
				tn.PutObject(&Object{Kind: KindAllowedDomain, Identity: "contoso.com", Props: []Prop{{"Domain", "contoso.com"}}})
			},
			check: func(t *testing.T, tn *Tenant) {
				if got := identities(tn.Objects(KindTeamsMeetingPolicy)); !slices.Equal(got, []string{"Global", "Tag:Sales", "Tag:Legal"}) {
					t.Errorf("order %v", got)
				}
				s, ok := tn.Object(KindTeamsMeetingPolicy, "tag:sales")
				if !ok {
					t.Fatal("no Tag:Sales")
				}
				g, _ := tn.Object(KindTeamsMeetingPolicy, "Global")
				if len(s.Props) != len(g.Props)+5 || s.Props[0].Name != "AIInterpreter" {
					t.Errorf("Tag:Sales has %d properties, Global %d", len(s.Props), len(g.Props))
				}
				want := map[string]any{
					"AllowAnonymousUsersToJoinMeeting": false,
					"description":                      "sales",
					"Ratio":                            0.5,
					"Count":                            int64(3),
					"Domains":                          []any{"a.test", "b.test"},
				}
				for k, w := range want {
					if v, _ := s.Get(k); !reflect.DeepEqual(v, w) {
						t.Errorf("%s = %#v, want %#v", k, v, w)
					}
				}
				n, _ := s.Get("Nested")
				no, _ := n.(*Object)
				if no == nil || no.Kind != KindAllowedDomain || no.Identity != "x" {
					t.Fatalf("Nested = %#v", n)
				}
				if v, _ := no.Get("Inner"); !reflect.DeepEqual(v, []any{int64(1), nil, true}) {
					t.Errorf("Inner = %#v", v)
				}
				if v, _ := g.Get("AllowAnonymousUsersToJoinMeeting"); v != true {
					t.Error("changing a clone changed Global")
				}
				l, _ := tn.Object(KindTeamsMeetingPolicy, "Tag:Legal")
				if v, _ := l.Get("AutoAdmittedUsers"); v != "EveryoneInSameAndFederatedCompany" {
					t.Errorf("in-place change lost: %v", v)
				}
				if _, ok := tn.Object(KindTeamsMeetingPolicy, "Tag:HR"); ok {
					t.Error("deleted object is back")
				}
				if len(tn.Objects(KindAllowedDomain)) != 1 {
					t.Error("AllowedDomain missing")
				}
			},
		},
		{
			name: "users",
			change: func(t *testing.T, tn *Tenant) {
				for _, u := range []*User{
					{UPN: "ann@x.test", DisplayName: "Ann", Department: "Sales", ObjectID: "id-ann", Enabled: true, Licenses: []string{"E5", "TeamsPremium"}},
					{UPN: "bob@x.test", DisplayName: "Bob", ObjectID: "id-bob"},
					{UPN: "cy@x.test", DisplayName: "Cy", ObjectID: "id-cy"},
					{UPN: "dee@x.test", DisplayName: "Dee"},
				} {
					if err := tn.PutUser(u); err != nil {
						t.Fatal(err)
					}
				}
				a, _ := tn.User("ANN@x.test")
				a.SetPolicy("TeamsMeetingPolicy", "Tag:Sales")
				a.SetPolicy("ExternalAccessPolicy", "Tag:Fed")
				a.SetPolicy("ExternalAccessPolicy", "")
				tn.PutUser(a)
				// Replace through a copy: keeps position.
				b, _ := tn.User("id-bob")
				c := b.Clone()
				c.Department = "Legal"
				tn.PutUser(c)
				// Rename in place.
				cy, _ := tn.User("cy@x.test")
				cy.UPN = "cyrus@x.test"
				if err := tn.PutUser(cy); err != nil {
					t.Fatal(err)
				}
				// Rename onto another user fails.
				d, _ := tn.User("dee@x.test")
				d.UPN = "ann@x.test"
				if err := tn.PutUser(d); !errors.Is(err, ErrExists) {
					t.Errorf("rename onto ann: %v", err)
				}
				d.UPN = "dee@x.test"
				if !tn.DeleteUser("DEE@x.test") || tn.DeleteUser("dee@x.test") {
					t.Error("DeleteUser")
				}
				tn.PutUser(&User{UPN: "eve@x.test"})
			},
			check: func(t *testing.T, tn *Tenant) {
				if got := upns(tn); !slices.Equal(got, []string{"ann@x.test", "bob@x.test", "cyrus@x.test", "eve@x.test"}) {
					t.Errorf("users %v", got)
				}
				if tn.NumUsers() != 4 {
					t.Errorf("NumUsers %d", tn.NumUsers())
				}
				a, ok := tn.User("id-ANN")
				if !ok || a.UPN != "ann@x.test" || !a.Enabled || !slices.Equal(a.Licenses, []string{"E5", "TeamsPremium"}) {
					t.Fatalf("ann = %+v", a)
				}
				if a.Policy("teamsmeetingpolicy") != "Tag:Sales" || a.Policy("ExternalAccessPolicy") != "" || len(a.Direct) != 1 {
					t.Errorf("ann direct = %+v", a.Direct)
				}
				if b, _ := tn.User("bob@x.test"); b.Department != "Legal" {
					t.Errorf("bob = %+v", b)
				}
				if _, ok := tn.User("cy@x.test"); ok {
					t.Error("old UPN still found")
				}
				if c, ok := tn.User("id-cy"); !ok || c.UPN != "cyrus@x.test" {
					t.Error("renamed user not found by object ID")
				}
				if _, ok := tn.User("dee@x.test"); ok {
					t.Error("deleted user found")
				}
			},
		},
		{
			name: "groups",
			change: func(t *testing.T, tn *Tenant) {
				for _, g := range []*Group{{ID: "g-sales", DisplayName: "Sales"}, {ID: "g-all", DisplayName: "All"}, {ID: "g-old"}} {
					tn.PutGroup(g)
				}
				tn.PutUser(&User{UPN: "a@x.test", Groups: []string{"g-sales", "g-all"}})
				tn.PutUser(&User{UPN: "b@x.test", Groups: []string{"G-ALL"}})
				tn.PutUser(&User{UPN: "c@x.test", Groups: []string{"g-sales"}})
				tn.PutUser(&User{UPN: "d@x.test", Groups: []string{"g-all"}})
				c, _ := tn.User("c@x.test")
				c.Groups = append(c.Groups, "g-all")
				tn.PutUser(c)
				a, _ := tn.User("a@x.test")
				a.Groups = []string{"g-all"}
				tn.PutUser(a)
				tn.DeleteUser("d@x.test")
				g, _ := tn.Group("G-SALES")
				g.DisplayName = "Sales team"
				tn.PutGroup(g)
				if !tn.DeleteGroup("g-old") {
					t.Error("DeleteGroup")
				}
			},
			check: func(t *testing.T, tn *Tenant) {
				var ids []string
				for _, g := range tn.Groups() {
					ids = append(ids, g.ID+"="+g.DisplayName)
				}
				if !slices.Equal(ids, []string{"g-sales=Sales team", "g-all=All"}) {
					t.Errorf("groups %v", ids)
				}
				members := func(id string) []string {
					var out []string
					for _, u := range tn.GroupMembers(id) {
						out = append(out, u.UPN)
					}
					return out
				}
				if got := members("g-all"); !slices.Equal(got, []string{"a@x.test", "b@x.test", "c@x.test"}) {
					t.Errorf("g-all members %v", got)
				}
				if got := members("G-Sales"); !slices.Equal(got, []string{"c@x.test"}) {
					t.Errorf("g-sales members %v", got)
				}
				if c, _ := tn.User("c@x.test"); !c.InGroup("G-ALL") {
					t.Error("InGroup")
				}
			},
		},
		{
			name: "group assignment ranks",
			change: func(t *testing.T, tn *Tenant) {
				add := func(g string, rank int, want int) {
					t.Helper()
					got, err := tn.AddGroupAssignment(GroupAssignment{GroupID: g, PolicyType: "TeamsMeetingPolicy", PolicyName: "P-" + g, Rank: rank, CreatedTime: t0, CreatedBy: "admin@x.test"})
					if err != nil || got != want {
						t.Errorf("add %s at %d: rank %d, %v; want %d", g, rank, got, err, want)
					}
				}
				add("A", 0, 1)  // missing rank appends
				add("B", 0, 2)  //
				add("C", 1, 1)  // inserting at 1 shifts the others down
				add("D", 99, 4) // beyond the end appends
				add("E", 2, 2)  // C E A B D
				if _, err := tn.AddGroupAssignment(GroupAssignment{GroupID: "a", PolicyType: "teamsmeetingpolicy", PolicyName: "x"}); !errors.Is(err, ErrExists) {
					t.Errorf("duplicate: %v", err)
				}
				if !tn.RemoveGroupAssignment("a", "TEAMSMEETINGPOLICY") || tn.RemoveGroupAssignment("zz", "TeamsMeetingPolicy") {
					t.Error("RemoveGroupAssignment")
				}
				tn.AddGroupAssignment(GroupAssignment{GroupID: "A", PolicyType: "ExternalAccessPolicy", PolicyName: "Fed"})
				tn.AddGroupAssignment(GroupAssignment{GroupID: "X", PolicyType: "TeamsCallingPolicy", PolicyName: "C"})
				tn.RemoveGroupAssignment("X", "TeamsCallingPolicy")
			},
			check: func(t *testing.T, tn *Tenant) {
				l := tn.GroupAssignments("teamsmeetingpolicy")
				if got := ranks(l); !slices.Equal(got, []string{"C:1", "E:2", "B:3", "D:4"}) {
					t.Errorf("ranks %v", got)
				}
				if l[0].PolicyName != "P-C" || !l[0].CreatedTime.Equal(t0) || l[0].CreatedBy != "admin@x.test" {
					t.Errorf("first = %+v", l[0])
				}
				if got := ranks(tn.GroupAssignments("")); !slices.Equal(got, []string{"A:1", "C:1", "E:2", "B:3", "D:4"}) {
					t.Errorf("all %v", got)
				}
				if a, ok := tn.GroupAssignment("b", "TeamsMeetingPolicy"); !ok || a.Rank != 3 {
					t.Errorf("GroupAssignment b = %+v %v", a, ok)
				}
				if len(tn.GroupAssignments("TeamsCallingPolicy")) != 0 {
					t.Error("removed type still has assignments")
				}
			},
		},
		{
			name: "tenant grants",
			change: func(t *testing.T, tn *Tenant) {
				tn.SetTenantGrant("TeamsMeetingPolicy", "Tag:All")
				if old := tn.SetTenantGrant("teamsmeetingpolicy", "Tag:AllNew"); old != "Tag:All" {
					t.Errorf("old %q", old)
				}
				tn.SetTenantGrant("ExternalAccessPolicy", "Tag:Fed")
				tn.SetTenantGrant("ExternalAccessPolicy", "")
				tn.SetTenantGrant("TeamsAppPermissionPolicy", "Tag:Apps")
			},
			check: func(t *testing.T, tn *Tenant) {
				if g := tn.TenantGrant("TEAMSMEETINGPOLICY"); g != "Tag:AllNew" {
					t.Errorf("grant %q", g)
				}
				if g := tn.TenantGrant("ExternalAccessPolicy"); g != "" {
					t.Errorf("cleared grant %q", g)
				}
				if got := tn.TenantGrants(); len(got) != 2 || got[0].PolicyType != "TeamsAppPermissionPolicy" {
					t.Errorf("grants %+v", got)
				}
			},
		},
		{
			name: "change log",
			change: func(t *testing.T, tn *Tenant) {
				add := func(i int, kind, id, prop, old, new string) {
					tn.AppendChange(Change{Time: t0.Add(time.Duration(i) * time.Second), Cmdlet: "Set-CsTeamsMeetingPolicy", File: "s.ps1", Line: i, Kind: kind, Identity: id, Property: prop, Old: old, New: new})
				}
				add(1, "TeamsMeetingPolicy", "Global", "AllowAnonymousUsersToJoinMeeting", "True", "False")
				add(2, "TeamsMeetingPolicy", "Tag:Sales", "AutoAdmittedUsers", "EveryoneInCompany", "Everyone")
				if c, ok := tn.LastChange("teamsmeetingpolicy", "GLOBAL", "allowanonymoususerstojoinmeeting"); !ok || c.Line != 1 {
					t.Errorf("LastChange = %+v", c)
				}
				add(3, "TeamsMeetingPolicy", "global", "AllowAnonymousUsersToJoinMeeting", "False", "True")
				add(4, "User", "ann@x.test", "TeamsMeetingPolicy", "", "Tag:Sales")
				add(5, "TeamsMeetingPolicy", "Global", "LobbyChat", "", "Enabled")
			},
			check: func(t *testing.T, tn *Tenant) {
				if tn.NumChanges() != 5 {
					t.Fatalf("%d changes", tn.NumChanges())
				}
				last := tn.Changes(2)
				if len(last) != 2 || last[0].Line != 4 || last[1].Line != 5 {
					t.Errorf("Changes(2) = %+v", last)
				}
				if all := tn.Changes(0); len(all) != 5 || all[0].Line != 1 || !all[0].Time.Equal(t0.Add(time.Second)) {
					t.Errorf("Changes(0) = %+v", all)
				}
				c, ok := tn.LastChange("TeamsMeetingPolicy", "Global", "AllowAnonymousUsersToJoinMeeting")
				if !ok || c.Line != 3 || c.Old != "False" || c.New != "True" || c.Cmdlet != "Set-CsTeamsMeetingPolicy" || c.File != "s.ps1" {
					t.Errorf("LastChange = %+v", c)
				}
				if _, ok := tn.LastChange("TeamsMeetingPolicy", "Global", "Nope"); ok {
					t.Error("LastChange of an unchanged property")
				}
			},
		},
		{
			name: "batch operations",
			change: func(t *testing.T, tn *Tenant) {
				tn.PutBatch(&BatchOperation{ID: "op-1", OperationName: "grant", OverallStatus: "Completed", CreatedBy: "admin", CreatedTime: t0, CompletedTime: t0.Add(time.Minute), CompletedCount: 2, ErrorCount: 1,
					Users: []BatchUserState{{ID: "ann@x.test", State: "Completed", Result: "Success"}, {ID: "zed@x.test", State: "Completed", Result: "User not found"}}})
				tn.PutBatch(&BatchOperation{ID: "op-2", OverallStatus: "NotStarted", CreatedTime: t0})
				op, _ := tn.Batch("OP-2")
				op.OverallStatus = "InProgress"
				tn.PutBatch(op)
			},
			check: func(t *testing.T, tn *Tenant) {
				ops := tn.Batches()
				if len(ops) != 2 || ops[0].ID != "op-1" || ops[1].OverallStatus != "InProgress" {
					t.Fatalf("batches %+v", ops)
				}
				o := ops[0]
				if !o.CompletedTime.Equal(t0.Add(time.Minute)) || o.ErrorCount != 1 || o.CompletedCount != 2 || len(o.Users) != 2 || o.Users[1].Result != "User not found" {
					t.Errorf("op-1 = %+v", o)
				}
				if _, ok := tn.Batch("nope"); ok {
					t.Error("Batch(nope)")
				}
			},
		},
	}
}

func TestCommitWritesOnlyChanges(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			writes := func() (int, int) {
				switch s := s.(type) {
				case *BoltStore:
					return s.writes, s.commits
				case *MemStore:
					return s.writes, s.commits
				}
				panic("unknown store")
			}
			tn, _ := s.Load()
			for i := range 100 {
				tn.PutUser(&User{UPN: string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@x.test"})
			}
			if err := s.Commit(tn); err != nil {
				t.Fatal(err)
			}
			if w, _ := writes(); w != 100 {
				t.Errorf("first commit: %d writes, want 100", w)
			}
			_, commits := writes()
			if err := s.Commit(tn); err != nil {
				t.Fatal(err)
			}
			if _, c := writes(); c != commits {
				t.Error("a commit without changes wrote")
			}
			u, _ := tn.User("ba@x.test")
			u.SetPolicy("TeamsMeetingPolicy", "Tag:Sales")
			tn.PutUser(u)
			tn.PutUser(u) // twice: still one write
			tn.AppendChange(Change{Kind: "User", Identity: u.UPN, Property: "TeamsMeetingPolicy", New: "Tag:Sales"})
			tn.SetTenantGrant("ExternalAccessPolicy", "Tag:Fed")
			if err := s.Commit(tn); err != nil {
				t.Fatal(err)
			}
			if w, _ := writes(); w != 3 {
				t.Errorf("third commit: %d writes, want 3", w)
			}
		})
	}
}

func TestObjectSet(t *testing.T) {
	o := &Object{Kind: "K", Identity: "Global"}
	o.Set("B", 1)
	o.Set("A", float32(0.5))
	o.Set("b", uint16(2))
	o.Set("L", []string{"x"})
	if !reflect.DeepEqual(o.Props, []Prop{{"B", int64(2)}, {"A", 0.5}, {"L", []any{"x"}}}) {
		t.Errorf("props %#v", o.Props)
	}
	if !o.Delete("a") || o.Has("A") || o.Delete("A") {
		t.Error("Delete")
	}
	c := o.Clone()
	c.Props[1].Value.([]any)[0] = "y"
	if v, _ := o.Get("L"); v.([]any)[0] != "x" {
		t.Error("Clone shares lists")
	}
	s := NewMemory()
	if err := s.Commit(NewTenant()); err == nil {
		t.Error("committed a tenant that was not loaded from the store")
	}
	tn, _ := s.Load()
	o.Set("Bad", struct{}{})
	tn.PutObject(o)
	if err := s.Commit(tn); err == nil || !tn.Dirty() || !strings.Contains(err.Error(), "unsupported value type struct {}") {
		t.Errorf("commit of an unsupported value: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		db   string
		env  func(string) string
		want string
	}{
		{"flag.db", env("CSEMU_DB", "/e.db", "HOME", "/h"), "flag.db"},
		{"", env("CSEMU_DB", "/e.db", "XDG_DATA_HOME", "/x", "HOME", "/h"), "/e.db"},
		{"", env("XDG_DATA_HOME", "/x", "HOME", "/h"), "/x/csemu/tenant.db"},
		{"", env("XDG_DATA_HOME", "rel", "HOME", "/h"), "/h/.local/share/csemu/tenant.db"},
		{"", env("HOME", "/h"), "/h/.local/share/csemu/tenant.db"},
	}
	for _, tt := range tests {
		got, err := DefaultPath(tt.db, tt.env)
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("DefaultPath(%q) = %q, %v; want %q", tt.db, got, err, tt.want)
		}
	}
	if _, err := DefaultPath("", env()); err == nil {
		t.Error("no HOME: no error")
	}
}

func TestUsersChangedWhileIterating(t *testing.T) {
	tn := NewTenant()
	for i := range 300 {
		tn.PutUser(&User{UPN: "u" + strconv.Itoa(i) + "@x.test"})
	}
	seen := map[string]bool{}
	for u := range tn.Users() {
		if seen[u.UPN] {
			t.Fatalf("%s visited twice", u.UPN)
		}
		seen[u.UPN] = true
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(u.UPN, "u"), "@x.test"))
		if n%3 == 0 && n+1 < 300 {
			tn.DeleteUser("u" + strconv.Itoa(n+1) + "@x.test") // not visited yet
		}
		if n < 5 {
			tn.PutUser(&User{UPN: "new" + strconv.Itoa(n) + "@x.test"})
		}
	}
	if len(seen) != 200 || tn.NumUsers() != 203 {
		t.Errorf("visited %d, %d users", len(seen), tn.NumUsers())
	}
	// Deleting afterwards compacts; order is kept.
	for i := 0; i < 300; i += 3 {
		tn.DeleteUser("u" + strconv.Itoa(i) + "@x.test")
	}
	got := upns(tn)
	if len(got) != 103 || got[0] != "u2@x.test" || got[len(got)-1] != "new3@x.test" {
		t.Errorf("after deletes: %d users, %v ... %v", len(got), got[0], got[len(got)-1])
	}
}
