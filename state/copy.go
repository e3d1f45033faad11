package state

import "slices"

// Clone returns a deep copy of t that belongs to no store: what a script
// does to the copy leaves t as it is (a dry run, an import under -WhatIf).
// The copy has no uncommitted changes of its own to report: its Dirty
// marks are those a fresh tenant would have after its contents were put.
func (t *Tenant) Clone() *Tenant {
	c := newTenant()
	for _, k := range t.Kinds() {
		for _, o := range t.Objects(k) {
			_ = c.PutObject(o.Clone()) // valid in t, so valid in c
		}
	}
	for _, g := range t.groups.slice() {
		_ = c.PutGroup(&Group{ID: g.ID, DisplayName: g.DisplayName})
	}
	for u := range t.Users() {
		_ = c.PutUser(u.Clone())
	}
	for k, l := range t.assign {
		c.assign[k] = slices.Clone(l)
	}
	for k, g := range t.grants {
		c.grants[k] = g
	}
	for _, b := range t.batches.slice() {
		cp := *b
		cp.rec = recHdr{}
		cp.Users = slices.Clone(b.Users)
		_ = c.PutBatch(&cp)
	}
	t.changes.each(0, func(_ int, ch *Change) bool {
		c.changes.append(*ch)
		return true
	})
	return c
}

// Reset empties t to what a new tenant holds, the Global default
// configurations and policies and no directory, keeping its change log.
func (t *Tenant) Reset() {
	for _, k := range t.Kinds() {
		for _, o := range t.Objects(k) {
			t.DeleteObject(k, o.Identity)
		}
	}
	var upns []string
	for u := range t.Users() {
		upns = append(upns, u.UPN)
	}
	for _, upn := range upns {
		t.DeleteUser(upn)
	}
	for _, g := range t.Groups() {
		t.DeleteGroup(g.ID)
	}
	for _, ga := range t.GroupAssignments("") {
		t.RemoveGroupAssignment(ga.GroupID, ga.PolicyType)
	}
	for _, g := range t.TenantGrants() {
		t.SetTenantGrant(g.PolicyType, "")
	}
	objs, err := DefaultObjects()
	if err != nil {
		panic(err) // the embedded defaults are tested
	}
	for _, o := range objs {
		_ = t.PutObject(o)
	}
}
