package state

import (
	"errors"
	"fmt"
	"github.com/csemu/csemu/state/fold"
	"iter"
	"slices"
	"strings"
)

// User is a directory user.
//
// Users returned by a [Tenant] belong to it: after changing one, pass it
// to [Tenant.PutUser] so that the change is saved and the indexes follow.
type User struct {
	UPN         string
	DisplayName string
	Department  string
	ObjectID    string
	Licenses    []string
	Groups      []string // IDs of the groups the user is a direct member of
	Enabled     bool
	Direct      []DirectPolicy // policies assigned to the user directly

	rec      recHdr
	idxID    string   // lower ObjectID as indexed
	idxGroup []string // lower group IDs as indexed
}

// DirectPolicy is a policy assigned directly to a user.
type DirectPolicy struct {
	PolicyType string
	PolicyName string
}

func (u *User) hdr() *recHdr { return &u.rec }

// Policy returns the name of the policy of policyType assigned directly to
// u, or "".
func (u *User) Policy(policyType string) string {
	for _, d := range u.Direct {
		if strings.EqualFold(d.PolicyType, policyType) {
			return d.PolicyName
		}
	}
	return ""
}

// SetPolicy assigns the policy name of policyType directly to u; "" removes
// the assignment. It returns the previous name.
func (u *User) SetPolicy(policyType, name string) (old string) {
	for i, d := range u.Direct {
		if strings.EqualFold(d.PolicyType, policyType) {
			old = d.PolicyName
			if name == "" {
				u.Direct = slices.Delete(u.Direct, i, i+1)
			} else {
				u.Direct[i].PolicyName = name
			}
			return old
		}
	}
	if name != "" {
		u.Direct = append(u.Direct, DirectPolicy{PolicyType: policyType, PolicyName: name})
	}
	return ""
}

// InGroup reports whether u is a direct member of the group id.
func (u *User) InGroup(id string) bool {
	for _, g := range u.Groups {
		if strings.EqualFold(g, id) {
			return true
		}
	}
	return false
}

// Clone returns a copy of u that shares nothing with it and belongs to no
// tenant.
func (u *User) Clone() *User {
	c := &User{
		UPN: u.UPN, DisplayName: u.DisplayName, Department: u.Department,
		ObjectID: u.ObjectID, Enabled: u.Enabled,
		Licenses: slices.Clone(u.Licenses),
		Groups:   slices.Clone(u.Groups),
		Direct:   slices.Clone(u.Direct),
	}
	return c
}

// Group is a directory group.
type Group struct {
	ID          string
	DisplayName string

	rec recHdr
}

func (g *Group) hdr() *recHdr { return &g.rec }

// User returns the user whose UPN, or else ObjectID, is id, compared
// case-insensitively.
func (t *Tenant) User(id string) (*User, bool) {
	if u, ok := fold.Lookup(t.users.byKey, id); ok {
		return u, true
	}
	return fold.Lookup(t.byObjectID, id)
}

// Users yields the users in creation order without copying them. A user
// deleted during the iteration is skipped; one added is not visited.
func (t *Tenant) Users() iter.Seq[*User] { return t.users.all() }

// NumUsers returns the number of users.
func (t *Tenant) NumUsers() int { return t.users.len() }

// PutUser creates u or replaces the user with the same UPN, which keeps its
// position. It also records a change made to u in place, including a new
// UPN, which must not belong to another user.
func (t *Tenant) PutUser(u *User) error {
	if u == nil || u.UPN == "" {
		return errors.New("user needs a UPN")
	}
	prev, replaced, err := t.users.put(u, lower(u.UPN))
	if err != nil {
		return fmt.Errorf("user %q: %w", u.UPN, err)
	}
	switch {
	case prev == u:
		t.reindexUser(u)
	case replaced:
		t.unindexUser(prev)
		t.indexUser(u)
	default:
		t.indexUser(u)
	}
	return nil
}

// reindexUser updates the indexes of a user changed in place.
func (t *Tenant) reindexUser(u *User) {
	if id := lower(u.ObjectID); id != u.idxID {
		if u.idxID != "" && t.byObjectID[u.idxID] == u {
			delete(t.byObjectID, u.idxID)
		}
		u.idxID = ""
		if id != "" {
			u.idxID = id
			t.byObjectID[id] = u
		}
	}
	same := len(u.Groups) == len(u.idxGroup)
	for i := 0; same && i < len(u.Groups); i++ {
		same = lower(u.Groups[i]) == u.idxGroup[i]
	}
	if !same {
		t.unindexGroups(u)
		t.indexGroups(u)
	}
}

// DeleteUser removes the user whose UPN is upn and reports whether it
// existed.
func (t *Tenant) DeleteUser(upn string) bool {
	u, ok := t.users.get(lower(upn))
	if !ok {
		return false
	}
	t.unindexUser(u)
	t.users.del(u.rec.key)
	return true
}

func (t *Tenant) unindexUser(u *User) {
	if u.idxID != "" && t.byObjectID[u.idxID] == u {
		delete(t.byObjectID, u.idxID)
	}
	u.idxID = ""
	t.unindexGroups(u)
}

func (t *Tenant) unindexGroups(u *User) {
	for _, g := range u.idxGroup {
		if m := t.members[g]; m != nil {
			delete(m, u)
			if len(m) == 0 {
				delete(t.members, g)
			}
		}
	}
	u.idxGroup = nil
}

func (t *Tenant) indexUser(u *User) {
	if u.ObjectID != "" {
		u.idxID = lower(u.ObjectID)
		t.byObjectID[u.idxID] = u
	}
	t.indexGroups(u)
}

func (t *Tenant) indexGroups(u *User) {
	if len(u.Groups) == 0 {
		return
	}
	u.idxGroup = make([]string, len(u.Groups))
	for i, g := range u.Groups {
		k := lower(g)
		u.idxGroup[i] = k
		m := t.members[k]
		if m == nil {
			m = make(map[*User]struct{})
			t.members[k] = m
		}
		m[u] = struct{}{}
	}
}

// GroupMembers returns the direct members of the group id in creation
// order.
func (t *Tenant) GroupMembers(id string) []*User {
	m := t.members[lower(id)]
	out := make([]*User, 0, len(m))
	for u := range m {
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b *User) int {
		switch {
		case a.rec.seq < b.rec.seq:
			return -1
		case a.rec.seq > b.rec.seq:
			return 1
		}
		return 0
	})
	return out
}

// Group returns the group whose ID is id, compared case-insensitively.
func (t *Tenant) Group(id string) (*Group, bool) { return fold.Lookup(t.groups.byKey, id) }

// Groups returns the groups in creation order.
func (t *Tenant) Groups() []*Group { return t.groups.slice() }

// PutGroup creates g or replaces the group with the same ID.
func (t *Tenant) PutGroup(g *Group) error {
	if g == nil || g.ID == "" {
		return errors.New("group needs an ID")
	}
	if _, _, err := t.groups.put(g, lower(g.ID)); err != nil {
		return fmt.Errorf("group %q: %w", g.ID, err)
	}
	return nil
}

// DeleteGroup removes the group id and reports whether it existed. Users
// keep the ID in their Groups; group assignments are not touched.
func (t *Tenant) DeleteGroup(id string) bool {
	_, ok := t.groups.del(lower(id))
	return ok
}
