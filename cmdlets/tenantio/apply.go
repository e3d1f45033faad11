package tenantio

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/csemu/csemu/state"
)

// ApplyOptions control [Apply].
type ApplyOptions struct {
	// Now is the time of the change log entries.
	Now time.Time
	// Cmdlet names the change log entries (Import-EmuTenant).
	Cmdlet string
	// Replace starts from a new tenant (the Global defaults and no
	// directory) instead of merging into t.
	Replace bool
	// NewID makes the object ID of a user or group that the export names
	// without one.
	NewID func() string
}

// Summary is what an import did to one kind: objects imported (new),
// updated, unchanged, removed (Ensure = "Absent") and skipped, the
// properties the export lacks (they keep the tenant's value), and notes.
type Summary struct {
	Kind      string
	Imported  int
	Updated   int
	Unchanged int
	Removed   int
	Skipped   int
	// NotInExport lists the properties that objects of the kind have and
	// the export does not give, or holds "(the whole kind)" when the
	// export has no place for the kind.
	NotInExport []string
	// Notes say why objects were skipped, and other things to know.
	Notes []string
}

// Line is the summary as one line for the host.
func (s *Summary) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d imported, %d updated, %d unchanged", s.Kind, s.Imported, s.Updated, s.Unchanged)
	if s.Removed > 0 {
		fmt.Fprintf(&b, ", %d removed", s.Removed)
	}
	fmt.Fprintf(&b, ", %d skipped", s.Skipped)
	switch {
	case slices.Contains(s.NotInExport, wholeKind):
		b.WriteString("; not in the export")
	case len(s.NotInExport) > 0:
		fmt.Fprintf(&b, "; %d %s not in the export (%s)", len(s.NotInExport), plural(len(s.NotInExport), "property", "properties"), short(s.NotInExport, 4))
	}
	for _, n := range s.Notes {
		b.WriteString("; ")
		b.WriteString(n)
	}
	return b.String()
}

const wholeKind = "(the whole kind)"

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// short lists up to n names and how many more there are.
func short(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(", and %d more", len(names)-n)
}

// applier merges a snapshot into a tenant.
type applier struct {
	t       *state.Tenant
	o       ApplyOptions
	sums    map[string]*Summary
	order   []string
	missing map[string]map[string]bool // kind -> lower property -> seen
	groups  map[string]string          // lower display name -> group ID
	direct  []Direct                   // scratch space of user
}

func (a *applier) sum(kind string) *Summary {
	k := strings.ToLower(kind)
	s := a.sums[k]
	if s == nil {
		s = &Summary{Kind: kind}
		a.sums[k] = s
		a.order = append(a.order, k)
	}
	return s
}

func (a *applier) change(at Origin, kind, identity, property string, old, new any) {
	a.t.AppendChange(state.Change{
		Time: a.o.Now.UTC(), Cmdlet: a.o.Cmdlet, File: at.File, Line: at.Line, At: at.Path,
		Kind: kind, Identity: identity, Property: property, Old: text(old), New: text(new),
	})
}

func text(v any) string {
	if v == nil {
		return ""
	}
	return state.Text(v)
}

// Apply merges snap into t and returns the summary, one entry per kind in
// the order the snapshot first names it. Every value that changes is
// recorded in t's change log with its origin. Apply reads everything
// before it changes anything it cannot undo: a snapshot that [Read]
// returned applies whole.
func Apply(t *state.Tenant, snap *Snapshot, o ApplyOptions) []*Summary {
	a := &applier{t: t, o: o, sums: map[string]*Summary{}, missing: map[string]map[string]bool{}, groups: map[string]string{}}
	if o.Cmdlet == "" {
		a.o.Cmdlet = "Import-EmuTenant"
	}
	if o.Replace {
		t.Reset()
		t.AppendChange(state.Change{Time: o.Now.UTC(), Cmdlet: a.o.Cmdlet, Kind: "Tenant", Identity: "Global", New: "reset to the Global defaults (-Replace)"})
	}
	for _, g := range t.Groups() {
		if g.DisplayName != "" {
			a.groups[strings.ToLower(g.DisplayName)] = g.ID
		}
	}
	for _, it := range snap.Objects {
		a.object(it)
	}
	for _, u := range snap.Users {
		a.user(u)
	}
	for _, m := range snap.Members {
		a.member(m)
	}
	a.assignments(snap.Assignments)
	for _, g := range snap.Grants {
		a.grant(g)
	}
	given := map[string]bool{}
	for _, it := range snap.Objects {
		given[strings.ToLower(it.Kind)] = true
	}
	for _, n := range snap.Notes {
		s := a.sum(n.Kind)
		if !n.Skipped && given[strings.ToLower(n.Kind)] {
			// a remark on a kind the export has (kept, not read)
			addNote(s, n.Reason)
			continue
		}
		if n.Skipped {
			s.Skipped += max(n.Count, 1)
			if !slices.Contains(s.Notes, n.Reason) {
				s.Notes = append(s.Notes, n.Reason)
			}
			continue
		}
		if !slices.Contains(s.NotInExport, wholeKind) {
			s.NotInExport = append([]string{wholeKind}, s.NotInExport...)
		}
		if n.Reason != "" && !slices.Contains(s.Notes, n.Reason) {
			s.Notes = append(s.Notes, n.Reason)
		}
	}
	out := make([]*Summary, 0, len(a.order))
	for _, k := range a.order {
		out = append(out, a.sums[k])
	}
	return out
}

// object applies one configuration or policy object.
func (a *applier) object(it *Item) {
	s := a.sum(it.Kind)
	if it.Identity == "" {
		s.Skipped++
		addNote(s, fmt.Sprintf("an object without an identity (%s)", it.Origin))
		return
	}
	cur, exists := a.t.Object(it.Kind, it.Identity)
	if it.Absent {
		switch {
		case !exists:
			s.Unchanged++
		case strings.EqualFold(it.Identity, "Global"):
			s.Skipped++
			addNote(s, fmt.Sprintf("the Global instance cannot be removed (Ensure = \"Absent\" at %s)", it.Origin))
		default:
			a.t.DeleteObject(it.Kind, it.Identity)
			a.change(it.Origin, it.Kind, cur.Identity, "", "exists", "removed")
			s.Removed++
		}
		return
	}
	o := cur
	if !exists {
		if def, ok := state.DefaultObject(it.Kind); ok {
			o = def.Clone()
		} else {
			o = &state.Object{Kind: it.Kind}
		}
		o.Identity = it.Identity
	}
	given := make(map[string]bool, len(it.Props))
	changed := false
	for _, p := range it.Props {
		given[strings.ToLower(p.Name)] = true
		old, had := o.Get(p.Name)
		if had && state.Equal(old, p.Value) {
			if exists {
				// the export confirms the value: it now comes from there
				a.change(p.Origin, it.Kind, o.Identity, p.Name, old, p.Value)
			}
			continue
		}
		o.Set(p.Name, p.Value)
		changed = true
		if exists {
			a.change(p.Origin, it.Kind, o.Identity, p.Name, old, p.Value)
		}
	}
	miss := a.missing[strings.ToLower(it.Kind)]
	if miss == nil {
		miss = map[string]bool{}
		a.missing[strings.ToLower(it.Kind)] = miss
	}
	for _, p := range o.Props {
		if !given[strings.ToLower(p.Name)] && !miss[strings.ToLower(p.Name)] {
			miss[strings.ToLower(p.Name)] = true
			s.NotInExport = append(s.NotInExport, p.Name)
		}
	}
	switch {
	case !exists:
		if err := a.t.PutObject(o); err != nil {
			s.Skipped++
			addNote(s, fmt.Sprintf("%s: %v", it.Origin, err))
			return
		}
		a.change(it.Origin, it.Kind, o.Identity, "", nil, "created")
		for _, p := range it.Props {
			a.change(p.Origin, it.Kind, o.Identity, p.Name, nil, p.Value)
		}
		s.Imported++
	case changed:
		if err := a.t.PutObject(o); err != nil {
			s.Skipped++
			addNote(s, fmt.Sprintf("%s: %v", it.Origin, err))
			return
		}
		s.Updated++
	default:
		s.Unchanged++
	}
}

func addNote(s *Summary, n string) {
	if len(s.Notes) < 20 && !slices.Contains(s.Notes, n) {
		s.Notes = append(s.Notes, n)
	}
}

// user applies one directory user.
func (a *applier) user(ui *UserItem) {
	s := a.sum("User")
	upn := strings.TrimSpace(ui.UPN)
	if upn == "" {
		s.Skipped++
		addNote(s, fmt.Sprintf("a user without a UserPrincipalName (%s)", ui.Origin))
		return
	}
	u, exists := a.t.User(upn)
	if exists {
		u = u.Clone()
	} else {
		u = &state.User{UPN: upn, Enabled: true, ObjectID: ui.ObjectID}
		if u.ObjectID == "" && a.o.NewID != nil {
			u.ObjectID = a.o.NewID()
		}
	}
	changed := false
	set := func(field string, cur *string, v string) {
		if ui.Has[field] && *cur != v {
			if exists {
				a.change(ui.Origin, "User", u.UPN, field, *cur, v)
			}
			*cur = v
			changed = true
		}
	}
	set("DisplayName", &u.DisplayName, ui.DisplayName)
	set("Department", &u.Department, ui.Department)
	if ui.ObjectID != "" && exists && !strings.EqualFold(u.ObjectID, ui.ObjectID) {
		if other, taken := a.t.User(ui.ObjectID); taken && other.UPN != u.UPN {
			addNote(s, fmt.Sprintf("%s: the object ID %s of %s belongs to %s; kept %s", ui.Origin, ui.ObjectID, upn, other.UPN, u.ObjectID))
		} else {
			a.change(ui.Origin, "User", u.UPN, "ObjectId", u.ObjectID, ui.ObjectID)
			u.ObjectID = ui.ObjectID
			changed = true
		}
	}
	if ui.Has["Licenses"] && !slices.Equal(u.Licenses, ui.Licenses) {
		if exists {
			a.change(ui.Origin, "User", u.UPN, "Licenses", strings.Join(u.Licenses, ";"), strings.Join(ui.Licenses, ";"))
		}
		u.Licenses = slices.Clone(ui.Licenses)
		changed = true
	}
	if ui.Has["Groups"] {
		for _, g := range ui.Groups {
			id := a.groupID(g, "", ui.Origin)
			if !u.InGroup(id) {
				u.Groups = append(u.Groups, id)
				changed = true
				if exists {
					a.change(ui.Origin, "Group", id, "Member", nil, u.UPN)
				}
			}
		}
	}
	if !exists && len(ui.Direct) > 0 {
		u.Direct = make([]state.DirectPolicy, 0, len(ui.Direct))
	}
	direct := a.direct[:0]
	for _, d := range ui.Direct {
		if old := u.Policy(d.PolicyType); !strings.EqualFold(old, d.PolicyName) {
			u.SetPolicy(d.PolicyType, d.PolicyName)
			changed = true
			if exists {
				direct = append(direct, Direct{PolicyType: d.PolicyType, PolicyName: old, Origin: d.Origin})
			}
		}
	}
	a.direct = direct
	if exists && !changed {
		s.Unchanged++
		return
	}
	if err := a.t.PutUser(u); err != nil {
		s.Skipped++
		addNote(s, fmt.Sprintf("%s: %v", ui.Origin, err))
		return
	}
	if exists {
		s.Updated++
	} else {
		// one entry for a new user and all it was given: the direct
		// policies on the user's line are traced to that line
		s.Imported++
		a.change(ui.Origin, "User", u.UPN, "", nil, "created")
		for _, g := range u.Groups {
			a.change(ui.Origin, "Group", g, "Member", nil, u.UPN)
		}
	}
	for _, d := range direct {
		a.change(d.Origin, "User", u.UPN, d.PolicyType, d.PolicyName, u.Policy(d.PolicyType))
	}
}

// groupID returns the ID of the group named by ID or display name,
// creating the group when the directory lacks it.
func (a *applier) groupID(idOrName, name string, at Origin) string {
	idOrName = strings.TrimSpace(idOrName)
	if g, ok := a.t.Group(idOrName); ok {
		if name != "" && g.DisplayName != name {
			a.change(at, "Group", g.ID, "DisplayName", g.DisplayName, name)
			g.DisplayName = name
			_ = a.t.PutGroup(g)
			a.groups[strings.ToLower(name)] = g.ID
		}
		return g.ID
	}
	if id, ok := a.groups[strings.ToLower(idOrName)]; ok {
		return id
	}
	g := &state.Group{ID: idOrName, DisplayName: name}
	if !state.IsGUID(idOrName) {
		// a display name: the group gets an ID of its own
		g.DisplayName = idOrName
		if a.o.NewID != nil {
			g.ID = a.o.NewID()
		}
	}
	if err := a.t.PutGroup(g); err != nil {
		return idOrName
	}
	if g.DisplayName != "" {
		a.groups[strings.ToLower(g.DisplayName)] = g.ID
	}
	a.sum("Group").Imported++
	a.change(at, "Group", g.ID, "", nil, "created")
	return g.ID
}

// member applies one group membership.
func (a *applier) member(m Member) {
	s := a.sum("GroupMember")
	upn := strings.TrimSpace(m.UPN)
	if strings.TrimSpace(m.Group) == "" {
		s.Skipped++
		addNote(s, fmt.Sprintf("a row without a group (%s)", m.Origin))
		return
	}
	id := a.groupID(m.Group, m.GroupName, m.Origin)
	if upn == "" {
		return // the group alone
	}
	u, ok := a.t.User(upn)
	if !ok {
		u = &state.User{UPN: upn, Enabled: true}
		if a.o.NewID != nil {
			u.ObjectID = a.o.NewID()
		}
		a.sum("User").Imported++
		a.change(m.Origin, "User", upn, "", nil, "created")
	} else if u.InGroup(id) {
		s.Unchanged++
		return
	} else {
		u = u.Clone()
	}
	u.Groups = append(u.Groups, id)
	if err := a.t.PutUser(u); err != nil {
		s.Skipped++
		addNote(s, fmt.Sprintf("%s: %v", m.Origin, err))
		return
	}
	a.change(m.Origin, "Group", id, "Member", nil, u.UPN)
	s.Imported++
}

// assignments applies the group policy assignments, by policy type in
// the order of their ranks.
func (a *applier) assignments(list []GroupAssignment) {
	if len(list) == 0 {
		return
	}
	s := a.sum("GroupPolicyAssignment")
	sorted := slices.Clone(list)
	sort.SliceStable(sorted, func(i, j int) bool {
		ti, tj := strings.ToLower(sorted[i].PolicyType), strings.ToLower(sorted[j].PolicyType)
		if ti != tj {
			return ti < tj
		}
		ri, rj := sorted[i].Rank, sorted[j].Rank
		if ri <= 0 {
			ri = 1 << 30
		}
		if rj <= 0 {
			rj = 1 << 30
		}
		return ri < rj
	})
	for _, ga := range sorted {
		if strings.TrimSpace(ga.PolicyType) == "" || (ga.GroupID == "" && ga.GroupName == "") {
			s.Skipped++
			addNote(s, fmt.Sprintf("an assignment without a group or a policy type (%s)", ga.Origin))
			continue
		}
		ref := ga.GroupID
		if ref == "" {
			ref = ga.GroupName
		}
		id := a.groupID(ref, ga.GroupName, ga.Origin)
		name := policyName(ga.PolicyName)
		old, had := a.t.GroupAssignment(id, ga.PolicyType)
		if had && strings.EqualFold(old.PolicyName, name) && (ga.Rank <= 0 || old.Rank == ga.Rank) {
			s.Unchanged++
			continue
		}
		if had {
			a.t.RemoveGroupAssignment(id, ga.PolicyType)
		}
		created := ga.CreatedTime
		if created.IsZero() {
			created = a.o.Now.UTC()
		}
		rank, err := a.t.AddGroupAssignment(state.GroupAssignment{
			GroupID: id, PolicyType: ga.PolicyType, PolicyName: name, Rank: ga.Rank,
			CreatedTime: created, CreatedBy: ga.CreatedBy,
		})
		if err != nil {
			s.Skipped++
			addNote(s, fmt.Sprintf("%s: %v", ga.Origin, err))
			continue
		}
		if ga.Rank > 0 && rank != ga.Rank {
			addNote(s, fmt.Sprintf("%s: rank %d of %s became %d (ranks of a policy type are 1..n)", ga.Origin, ga.Rank, ga.PolicyType, rank))
		}
		a.change(ga.Origin, "Group", id, ga.PolicyType, old.PolicyName, name)
		if had {
			s.Updated++
		} else {
			s.Imported++
		}
	}
}

// grant applies one tenant-wide grant.
func (a *applier) grant(g TenantGrant) {
	s := a.sum("TenantPolicyGrant")
	if strings.TrimSpace(g.PolicyType) == "" {
		s.Skipped++
		addNote(s, fmt.Sprintf("a grant without a policy type (%s)", g.Origin))
		return
	}
	name := policyName(g.PolicyName)
	old := a.t.SetTenantGrant(g.PolicyType, name)
	if strings.EqualFold(old, name) {
		s.Unchanged++
		return
	}
	a.change(g.Origin, "Tenant", "Global", g.PolicyType, old, name)
	if old == "" {
		s.Imported++
	} else {
		s.Updated++
	}
}
