package state

import (
	"errors"
	"fmt"
	"github.com/csemu/csemu/state/fold"
	"sort"
	"strings"
)

// ErrExists is wrapped by the [Tenant] methods that refuse to overwrite
// (a rename onto another record, a second group assignment of a type);
// ErrNotFound is for callers to report missing records alike.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
)

// Tenant is the emulated tenant held in memory during a run. Every change
// goes through its methods, which record what changed so that
// [Store.Commit] writes only that. A Tenant is not safe for concurrent use.
type Tenant struct {
	kinds map[string]*list[*Object]

	users      list[*User]
	byObjectID map[string]*User
	members    map[string]map[*User]struct{} // lower group id -> direct members

	groups list[*Group]

	assign      map[string][]GroupAssignment // lower policy type -> sorted by rank
	dirtyAssign map[string]bool

	grants      map[string]TenantGrant // lower policy type
	dirtyGrants map[string]bool

	batches list[*BatchOperation]

	changes      changeLog
	savedChanges int
	lastChange   map[changeKey]*Change // built on first use
	unchanged    int                   // writes that changed nothing, see NoteUnchanged

	origin Store // the store it was loaded from
}

// NewTenant returns a tenant with the Global default configurations and
// policies and an empty directory, as a new tenant file starts. It belongs
// to no store: a tenant to commit comes from [Store.Load].
func NewTenant() *Tenant {
	t := newTenant()
	objs, err := DefaultObjects()
	if err != nil {
		// The embedded file is tested; this is a programmer error.
		panic(err)
	}
	for _, o := range objs {
		if err := t.PutObject(o); err != nil {
			panic(err)
		}
	}
	return t
}

func newTenant() *Tenant {
	return &Tenant{
		kinds:       make(map[string]*list[*Object]),
		byObjectID:  make(map[string]*User),
		members:     make(map[string]map[*User]struct{}),
		assign:      make(map[string][]GroupAssignment),
		dirtyAssign: make(map[string]bool),
		grants:      make(map[string]TenantGrant),
		dirtyGrants: make(map[string]bool),
	}
}

func lower(s string) string { return strings.ToLower(s) }

// Dirty reports whether t has changes that are not committed.
func (t *Tenant) Dirty() bool {
	for _, l := range t.kinds {
		if l.isDirty() {
			return true
		}
	}
	return t.users.isDirty() || t.groups.isDirty() || t.batches.isDirty() ||
		len(t.dirtyAssign) > 0 || len(t.dirtyGrants) > 0 || t.changes.n > t.savedChanges
}

// markClean forgets the change marks after a successful commit.
func (t *Tenant) markClean() {
	for _, l := range t.kinds {
		l.clean()
	}
	t.users.clean()
	t.groups.clean()
	t.batches.clean()
	clear(t.dirtyAssign)
	clear(t.dirtyGrants)
	t.savedChanges = t.changes.n
}

// Object returns the object of kind with the identity, compared
// case-insensitively.
func (t *Tenant) Object(kind, identity string) (*Object, bool) {
	l := t.kinds[kind]
	if l == nil {
		return nil, false
	}
	return fold.Lookup(l.byKey, identity)
}

// Objects returns the objects of kind in creation order.
func (t *Tenant) Objects(kind string) []*Object {
	l := t.kinds[kind]
	if l == nil {
		return nil
	}
	return l.slice()
}

// Kinds returns the kinds that have objects, sorted.
func (t *Tenant) Kinds() []string {
	var ks []string
	for k, l := range t.kinds {
		if l.len() > 0 {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

// PutObject creates o or replaces the object of the same kind and identity,
// which keeps its position. It also records a change made to o in place.
func (t *Tenant) PutObject(o *Object) error {
	if o == nil || o.Kind == "" || o.Identity == "" {
		return errors.New("object needs a kind and an identity")
	}
	if strings.IndexByte(o.Kind, 0) >= 0 {
		return fmt.Errorf("invalid kind %q", o.Kind)
	}
	l := t.kinds[o.Kind]
	if l == nil {
		l = &list[*Object]{}
		t.kinds[o.Kind] = l
	}
	// An object renamed in place is stored under its old kind's list.
	if o.rec.seq != 0 {
		for _, ol := range t.kinds {
			if ol != l && ol.stored(o) {
				ol.del(o.rec.key)
				break
			}
		}
	}
	if _, _, err := l.put(o, lower(o.Identity)); err != nil {
		return fmt.Errorf("%s %q: %w", o.Kind, o.Identity, err)
	}
	return nil
}

// DeleteObject removes the object of kind with the identity and reports
// whether it existed.
func (t *Tenant) DeleteObject(kind, identity string) bool {
	l := t.kinds[kind]
	if l == nil {
		return false
	}
	_, ok := l.del(lower(identity))
	return ok
}

// TenantGrant is a policy granted to the whole tenant with
// Grant-Cs*Policy -Global.
type TenantGrant struct {
	PolicyType string
	PolicyName string
}

// SetTenantGrant grants the policy name of policyType to the whole tenant;
// "" clears the grant. It returns the previous name.
func (t *Tenant) SetTenantGrant(policyType, name string) (old string) {
	k := lower(policyType)
	old = t.grants[k].PolicyName
	if old == name {
		return old
	}
	if name == "" {
		delete(t.grants, k)
	} else {
		t.grants[k] = TenantGrant{PolicyType: policyType, PolicyName: name}
	}
	t.dirtyGrants[k] = true
	return old
}

// TenantGrant returns the policy name granted to the whole tenant for
// policyType, or "".
func (t *Tenant) TenantGrant(policyType string) string {
	g, _ := fold.Lookup(t.grants, policyType)
	return g.PolicyName
}

// TenantGrants returns every tenant-wide grant, sorted by policy type.
func (t *Tenant) TenantGrants() []TenantGrant {
	out := make([]TenantGrant, 0, len(t.grants))
	for _, g := range t.grants {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return lower(out[i].PolicyType) < lower(out[j].PolicyType) })
	return out
}
