package plan

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// Kinds of the objects a plan lists besides the stored configurations and
// policies.
const (
	KindUser                  = "User"
	KindGroup                 = "Group"
	KindGroupPolicyAssignment = "GroupPolicyAssignment"
	KindTenantGrant           = "TenantGrant"
)

// objKey names an object of the diff: its kind and its lower-case
// identity.
type objKey struct{ kind, id string }

// propTouch is what the script did to one property: the lines that set
// it, in order, and how many log entries did.
type propTouch struct {
	name    string
	lines   []Location
	writes  int
	matched bool // a PropChange lists it
}

// touch is what the script did to one object.
type touch struct {
	first   int // index of the first log entry that touched it
	lines   []Location
	writes  int // entries of the object itself (created, removed)
	props   []*propTouch
	matched bool // an ObjectChange lists it
}

func (t *touch) prop(name string) *propTouch {
	for _, p := range t.props {
		if strings.EqualFold(p.name, name) {
			return p
		}
	}
	p := &propTouch{name: name}
	t.props = append(t.props, p)
	return p
}

func (t *touch) findProp(name string) *propTouch {
	if t == nil {
		return nil
	}
	for _, p := range t.props {
		if strings.EqualFold(p.name, name) {
			return p
		}
	}
	return nil
}

// scriptLog indexes the change log entries a script made: which objects
// and properties each touched, and the last entry of each setting, as the
// impact pass names causes.
type scriptLog struct {
	objects map[objKey]*touch
	// rankLines are the lines that changed group assignments of a policy
	// type (lower-case), which shift the ranks of the others.
	rankLines map[string][]Location
	// last is the last entry of each setting: kind, identity, property,
	// lower-case, as join names them.
	last map[setting]logEntry
	// members are the Add-EmuGroupMember entries: lower group ID and UPN.
	members map[[2]string]logEntry
}

type setting struct{ kind, id, prop string }

type logEntry struct {
	index int
	loc   Location
}

func loc(c *state.Change) Location {
	return Location{File: c.File, Line: c.Line, Cmdlet: c.Cmdlet}
}

// addLine appends l unless it is the last line already there: a loop that
// sets a property on every pass names its line once.
func addLine(ls []Location, l Location) []Location {
	for _, x := range ls {
		if x == l {
			return ls
		}
	}
	return append(ls, l)
}

// readLog indexes after's change log from entry from on; from < 0 (a diff
// of two unrelated tenants) indexes nothing.
func readLog(after *state.Tenant, from int) *scriptLog {
	sl := &scriptLog{
		objects:   map[objKey]*touch{},
		rankLines: map[string][]Location{},
		last:      map[setting]logEntry{},
		members:   map[[2]string]logEntry{},
	}
	n := after.NumChanges()
	if from < 0 || from >= n {
		return sl
	}
	for i, c := range after.Changes(n - from) {
		idx := from + i
		l := loc(&c)
		sl.last[setting{lower(c.Kind), lower(c.Identity), lower(c.Property)}] = logEntry{idx, l}
		get := func(k objKey) *touch {
			t := sl.objects[k]
			if t == nil {
				t = &touch{first: idx}
				sl.objects[k] = t
			}
			return t
		}
		switch c.Kind {
		case "BatchOperation":
			// the record of a batch; its users' changes have entries of
			// their own
		case "User":
			t := get(objKey{KindUser, lower(c.Identity)})
			if c.Property == "" {
				t.lines = addLine(t.lines, l)
				t.writes++
			} else {
				p := t.prop(c.Property)
				p.lines = addLine(p.lines, l)
				p.writes++
			}
		case "Tenant":
			t := get(objKey{KindTenantGrant, lower(c.Property)})
			p := t.prop("PolicyName")
			p.lines = addLine(p.lines, l)
			p.writes++
		case "Group":
			switch c.Property {
			case "":
				t := get(objKey{KindGroup, lower(c.Identity)})
				t.lines = addLine(t.lines, l)
				t.writes++
			case "Member":
				sl.members[[2]string{lower(c.Identity), lower(c.New)}] = logEntry{idx, l}
				t := get(objKey{KindUser, lower(c.New)})
				p := t.prop("Groups")
				p.lines = addLine(p.lines, l)
				p.writes++
			default:
				t := get(objKey{KindGroupPolicyAssignment, assignKey(c.Identity, c.Property)})
				t.writes++
				for _, name := range []string{"PolicyName", "Rank"} {
					p := t.prop(name)
					p.lines = addLine(p.lines, l)
				}
				pt := lower(c.Property)
				sl.rankLines[pt] = addLine(sl.rankLines[pt], l)
			}
		default:
			t := get(objKey{c.Kind, lower(c.Identity)})
			if c.Property == "" {
				t.lines = addLine(t.lines, l)
				t.writes++
			} else {
				p := t.prop(c.Property)
				p.lines = addLine(p.lines, l)
				p.writes++
			}
		}
	}
	return sl
}

func assignKey(groupID, policyType string) string {
	return lower(groupID) + " " + lower(policyType)
}

func lower(s string) string { return strings.ToLower(s) }
