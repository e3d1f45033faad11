package plan

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/csemu/csemu/state"
)

// DiffOptions says how to trace a diff to a script.
type DiffOptions struct {
	// FromChange is the index in after's change log where the script's
	// run starts: the entries from there on name the lines of each
	// change. -1 is a diff of two unrelated tenants: no lines.
	FromChange int
}

// Diff returns every difference between two tenants, grouped by object:
// the configurations and policies of every kind (a created one lists all
// its properties, a changed one each property that differs, a removed one
// none), the users (DisplayName, Department, Licenses, Groups and each
// direct policy, by its policy type), the groups (DisplayName), the group
// policy assignments (PolicyName and Rank: a rank shifted by an
// assignment inserted above it is a change too) and the tenant-wide
// grants (PolicyName). Values are as [state.Text] shows them; a user's
// empty field or list is absent. Batch operation records are not
// compared.
//
// Objects come in the order the script first touched them, then the ones
// that differ without a log entry, sorted by kind and identity. unchanged
// counts the writes that set a value already there ([state.Tenant.Unchanged]
// of after, when o.FromChange is not -1) and the log entries whose effect
// was undone later in the script (a property set and set back, an object
// created and removed).
func Diff(before, after *state.Tenant, o DiffOptions) (changes []ObjectChange, unchanged int) {
	sl := readLog(after, o.FromChange)
	d := &differ{sl: sl}
	d.objects(before, after)
	d.users(before, after)
	d.groups(before, after)
	d.assignments(before, after)
	d.grants(before, after)

	// lines, then order
	for i := range d.out {
		d.attribute(&d.out[i].ObjectChange)
	}
	slices.SortStableFunc(d.out, func(a, b keyed) int {
		ta, tb := sl.objects[a.key], sl.objects[b.key]
		switch {
		case ta != nil && tb != nil:
			return cmp.Compare(ta.first, tb.first)
		case ta != nil:
			return -1
		case tb != nil:
			return 1
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.key.id, b.key.id); c != 0 {
			return c
		}
		return cmp.Compare(a.Identity, b.Identity)
	})
	changes = make([]ObjectChange, len(d.out))
	for i, k := range d.out {
		changes[i] = k.ObjectChange
	}
	if o.FromChange >= 0 {
		unchanged = after.Unchanged()
	}
	for _, t := range sl.objects {
		if !t.matched {
			unchanged += t.writes
		}
		for _, p := range t.props {
			if !p.matched {
				unchanged += p.writes
			}
		}
	}
	return changes, unchanged
}

// keyed is an object change with the key of its log entries.
type keyed struct {
	ObjectChange
	key objKey
}

type differ struct {
	sl  *scriptLog
	out []keyed
}

func (d *differ) add(key objKey, c ObjectChange) {
	d.out = append(d.out, keyed{c, key})
}

// attribute names the script lines of c and its properties and orders the
// properties of an update as the script first set them.
func (d *differ) attribute(c *ObjectChange) {
	k := objKey{c.Kind, lower(c.Identity)} // an assignment's: "<group> <type>"
	t := d.sl.objects[k]
	for i := range c.Props {
		p := &c.Props[i]
		if pt := t.findProp(p.Name); pt != nil && len(pt.lines) > 0 {
			p.Lines = slices.Clone(pt.lines)
			pt.matched = true
		} else if c.Kind == KindGroupPolicyAssignment && p.Name == "Rank" {
			// shifted by an assignment of the type added or removed
			_, typ, _ := strings.Cut(c.Identity, " ")
			p.Lines = slices.Clone(d.sl.rankLines[lower(typ)])
		}
	}
	if t == nil {
		return
	}
	t.matched = true
	if c.Action != Update {
		c.Lines = slices.Clone(t.lines)
		if len(c.Lines) == 0 {
			for _, p := range t.props {
				for _, l := range p.lines {
					c.Lines = addLine(c.Lines, l)
				}
			}
		}
		for _, p := range t.props {
			p.matched = true // the object's creation or removal covers them
		}
		if c.Action == Create && (c.Kind == KindUser || c.Kind == KindGroup) {
			// a new user's or group's values come from the line that
			// made it (New-EmuUser -Group -License), when no later line
			// set them
			for i := range c.Props {
				if len(c.Props[i].Lines) == 0 {
					c.Props[i].Lines = slices.Clone(c.Lines)
				}
			}
		}
		return
	}
	// an update: the lines that removed and created it again, if any,
	// and the properties the script set first, in its order
	c.Lines = slices.Clone(t.lines)
	order := func(name string) int {
		for i, p := range t.props {
			if strings.EqualFold(p.name, name) {
				return i
			}
		}
		return len(t.props)
	}
	slices.SortStableFunc(c.Props, func(a, b PropChange) int { return cmp.Compare(order(a.Name), order(b.Name)) })
}

// objects compares the configurations and policies of every kind.
func (d *differ) objects(before, after *state.Tenant) {
	kinds := after.Kinds()
	for _, k := range before.Kinds() {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, kind := range kinds {
		for _, a := range after.Objects(kind) {
			b, ok := before.Object(kind, a.Identity)
			key := objKey{kind, lower(a.Identity)}
			if !ok {
				c := ObjectChange{Kind: kind, Identity: a.Identity, Action: Create}
				for _, p := range a.Props {
					c.Props = append(c.Props, PropChange{Name: p.Name, New: state.Text(p.Value), OldAbsent: true})
				}
				d.add(key, c)
				continue
			}
			var props []PropChange
			for _, p := range a.Props {
				old, had := b.Get(p.Name)
				switch {
				case !had:
					props = append(props, PropChange{Name: p.Name, New: state.Text(p.Value), OldAbsent: true})
				case !state.Equal(old, p.Value):
					props = append(props, PropChange{Name: p.Name, Old: state.Text(old), New: state.Text(p.Value)})
				}
			}
			for _, p := range b.Props {
				if !a.Has(p.Name) {
					props = append(props, PropChange{Name: p.Name, Old: state.Text(p.Value), NewAbsent: true})
				}
			}
			if len(props) > 0 {
				d.add(key, ObjectChange{Kind: kind, Identity: a.Identity, Action: Update, Props: props})
			}
		}
		for _, b := range before.Objects(kind) {
			if _, ok := after.Object(kind, b.Identity); !ok {
				d.add(objKey{kind, lower(b.Identity)}, ObjectChange{Kind: kind, Identity: b.Identity, Action: Remove})
			}
		}
	}
}

// userByUPN returns the user of t whose UPN is upn; [state.Tenant.User]
// also matches an object ID, which is another user here.
func userByUPN(t *state.Tenant, upn string) (*state.User, bool) {
	u, ok := t.User(upn)
	if !ok || (u.UPN != upn && !strings.EqualFold(u.UPN, upn)) {
		return nil, false
	}
	return u, true
}

// users compares the directory users. An unchanged user costs a lookup
// and a comparison of its fields, without allocating.
func (d *differ) users(before, after *state.Tenant) {
	matched := 0
	for a := range after.Users() {
		b, ok := userByUPN(before, a.UPN)
		if !ok {
			c := ObjectChange{Kind: KindUser, Identity: a.UPN, Action: Create}
			c.Props = userProps(nil, a)
			d.add(objKey{KindUser, lower(a.UPN)}, c)
			continue
		}
		matched++
		if sameUser(b, a) {
			continue
		}
		d.add(objKey{KindUser, lower(a.UPN)}, ObjectChange{Kind: KindUser, Identity: a.UPN, Action: Update, Props: userProps(b, a)})
	}
	if matched == before.NumUsers() {
		return // every user of before is in after
	}
	for b := range before.Users() {
		if _, ok := userByUPN(after, b.UPN); !ok {
			d.add(objKey{KindUser, lower(b.UPN)}, ObjectChange{Kind: KindUser, Identity: b.UPN, Action: Remove})
		}
	}
}

func sameUser(b, a *state.User) bool {
	if a.DisplayName != b.DisplayName || a.Department != b.Department ||
		!slices.Equal(a.Licenses, b.Licenses) || !slices.Equal(a.Groups, b.Groups) ||
		len(a.Direct) != len(b.Direct) {
		return false
	}
	for _, p := range a.Direct {
		if b.Policy(p.PolicyType) != p.PolicyName {
			return false
		}
	}
	return true
}

// userProps lists the fields of a user that differ from b (nil: a created
// user, whose fields that have a value are all listed).
func userProps(b, a *state.User) []PropChange {
	var out []PropChange
	field := func(name, old, new string) {
		if old != new {
			out = append(out, PropChange{Name: name, Old: old, New: new, OldAbsent: old == "", NewAbsent: new == ""})
		}
	}
	if b == nil {
		b = &state.User{}
	}
	field("DisplayName", b.DisplayName, a.DisplayName)
	field("Department", b.Department, a.Department)
	field("Licenses", listText(b.Licenses), listText(a.Licenses))
	field("Groups", listText(b.Groups), listText(a.Groups))
	for _, p := range a.Direct {
		field(p.PolicyType, b.Policy(p.PolicyType), p.PolicyName)
	}
	for _, p := range b.Direct {
		if a.Policy(p.PolicyType) == "" {
			field(p.PolicyType, p.PolicyName, "")
		}
	}
	return out
}

// listText shows a list as state.Text does, "" when empty.
func listText(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return "{" + strings.Join(l, ", ") + "}"
}

// groups compares the directory groups.
func (d *differ) groups(before, after *state.Tenant) {
	for _, a := range after.Groups() {
		key := objKey{KindGroup, lower(a.ID)}
		b, ok := before.Group(a.ID)
		switch {
		case !ok:
			c := ObjectChange{Kind: KindGroup, Identity: a.ID, Action: Create}
			if a.DisplayName != "" {
				c.Props = []PropChange{{Name: "DisplayName", New: a.DisplayName, OldAbsent: true}}
			}
			d.add(key, c)
		case a.DisplayName != b.DisplayName:
			d.add(key, ObjectChange{Kind: KindGroup, Identity: a.ID, Action: Update, Props: []PropChange{{
				Name: "DisplayName", Old: b.DisplayName, New: a.DisplayName, OldAbsent: b.DisplayName == "", NewAbsent: a.DisplayName == ""}}})
		}
	}
	for _, b := range before.Groups() {
		if _, ok := after.Group(b.ID); !ok {
			d.add(objKey{KindGroup, lower(b.ID)}, ObjectChange{Kind: KindGroup, Identity: b.ID, Action: Remove})
		}
	}
}

// assignments compares the group policy assignments.
func (d *differ) assignments(before, after *state.Tenant) {
	bs := before.GroupAssignments("")
	prev := make(map[string]state.GroupAssignment, len(bs))
	for _, b := range bs {
		prev[assignKey(b.GroupID, b.PolicyType)] = b
	}
	seen := make(map[string]bool, len(bs))
	for _, a := range after.GroupAssignments("") {
		k := assignKey(a.GroupID, a.PolicyType)
		id := a.GroupID + " " + a.PolicyType
		key := objKey{KindGroupPolicyAssignment, k}
		b, ok := prev[k]
		if !ok {
			d.add(key, ObjectChange{Kind: KindGroupPolicyAssignment, Identity: id, Action: Create, Props: []PropChange{
				{Name: "PolicyName", New: a.PolicyName, OldAbsent: true},
				{Name: "Rank", New: strconv.Itoa(a.Rank), OldAbsent: true},
			}})
			continue
		}
		seen[k] = true
		var props []PropChange
		if a.PolicyName != b.PolicyName {
			props = append(props, PropChange{Name: "PolicyName", Old: b.PolicyName, New: a.PolicyName})
		}
		if a.Rank != b.Rank {
			props = append(props, PropChange{Name: "Rank", Old: strconv.Itoa(b.Rank), New: strconv.Itoa(a.Rank)})
		}
		if len(props) > 0 {
			d.add(key, ObjectChange{Kind: KindGroupPolicyAssignment, Identity: id, Action: Update, Props: props})
		}
	}
	for _, b := range bs {
		k := assignKey(b.GroupID, b.PolicyType)
		if !seen[k] {
			d.add(objKey{KindGroupPolicyAssignment, k}, ObjectChange{Kind: KindGroupPolicyAssignment, Identity: b.GroupID + " " + b.PolicyType, Action: Remove})
		}
	}
}

// grants compares the tenant-wide grants.
func (d *differ) grants(before, after *state.Tenant) {
	for _, a := range after.TenantGrants() {
		key := objKey{KindTenantGrant, lower(a.PolicyType)}
		old := before.TenantGrant(a.PolicyType)
		switch {
		case old == "":
			d.add(key, ObjectChange{Kind: KindTenantGrant, Identity: a.PolicyType, Action: Create, Props: []PropChange{{Name: "PolicyName", New: a.PolicyName, OldAbsent: true}}})
		case old != a.PolicyName:
			d.add(key, ObjectChange{Kind: KindTenantGrant, Identity: a.PolicyType, Action: Update, Props: []PropChange{{Name: "PolicyName", Old: old, New: a.PolicyName}}})
		}
	}
	for _, b := range before.TenantGrants() {
		if after.TenantGrant(b.PolicyType) == "" {
			d.add(objKey{KindTenantGrant, lower(b.PolicyType)}, ObjectChange{Kind: KindTenantGrant, Identity: b.PolicyType, Action: Remove})
		}
	}
}
