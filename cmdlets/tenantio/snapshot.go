package tenantio

import (
	"fmt"
	"strings"
	"time"
)

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// Format names an export format.
type Format string

// The formats [Read] knows; FormatAuto recognises the format from the
// content.
const (
	FormatAuto   Format = "Auto"
	FormatCsJSON Format = "CsJson"
	FormatClixml Format = "Clixml"
	FormatDSC    Format = "M365DSC"
	FormatScuba  Format = "ScubaGear"
	FormatCSV    Format = "Csv"
)

// Formats lists the formats in the order -Format shows them.
func Formats() []Format {
	return []Format{FormatAuto, FormatCsJSON, FormatClixml, FormatDSC, FormatScuba, FormatCSV}
}

// ParseFormat returns the format named s, compared case-insensitively.
func ParseFormat(s string) (Format, bool) {
	for _, f := range Formats() {
		if equalFold(string(f), s) {
			return f, true
		}
	}
	return "", false
}

// Origin is where an imported value came from: the file, and the line
// (text formats), the JSON path ($[3].AllowAnonymousUsersToJoinMeeting)
// or the XML element. Line is 0 when the format has no lines to give.
type Origin struct {
	File string
	Line int
	Path string
}

// String is the origin as messages show it: "file:line" or "file path".
func (o Origin) String() string {
	switch {
	case o.Line > 0 && o.Path != "":
		return fmt.Sprintf("%s:%d %s", o.File, o.Line, o.Path)
	case o.Line > 0:
		return fmt.Sprintf("%s:%d", o.File, o.Line)
	case o.Path != "":
		return o.File + " " + o.Path
	}
	return o.File
}

// Snapshot is what a set of export files holds, in the order the files
// give it.
type Snapshot struct {
	Objects []*Item
	Users   []*UserItem
	// Members are group memberships given apart from the users (a CSV of
	// GroupId and UserPrincipalName).
	Members []Member
	// Assignments are group policy assignments.
	Assignments []GroupAssignment
	// Grants are policies granted to the whole tenant
	// (Grant-Cs*Policy -Global), which csemu's own exports carry.
	Grants []TenantGrant
	// Notes are what the files lack or hold that is not imported, for the
	// summary: a kind the format has no place for, a resource type that
	// is not a tenant setting csemu knows.
	Notes []Note
}

// Item is one configuration or policy object of an export.
type Item struct {
	Kind     string
	Identity string
	Origin   Origin // where the object starts
	Props    []Prop
	// Absent says the object must not exist (Microsoft365DSC's
	// Ensure = "Absent").
	Absent bool
}

// Prop is one property value of an [Item], in the tenant's stored form
// (nil, bool, int64, float64, string, []any or *state.Object; see
// [state.Object]).
type Prop struct {
	Name   string
	Value  any
	Origin Origin
}

// Set appends or replaces the property name.
func (it *Item) Set(name string, v any, at Origin) {
	for i := range it.Props {
		if equalFold(it.Props[i].Name, name) {
			it.Props[i] = Prop{Name: it.Props[i].Name, Value: v, Origin: at}
			return
		}
	}
	it.Props = append(it.Props, Prop{Name: name, Value: v, Origin: at})
}

// Get returns the value of the property name.
func (it *Item) Get(name string) (any, bool) {
	for _, p := range it.Props {
		if equalFold(p.Name, name) {
			return p.Value, true
		}
	}
	return nil, false
}

// UserItem is one directory user of an export. Fields the export does
// not give are left as they are on an existing user: Has says which it
// gives ("DisplayName", "Department", "Licenses", "Groups").
type UserItem struct {
	UPN         string
	DisplayName string
	Department  string
	ObjectID    string
	Licenses    []string
	Groups      []string
	// Direct are the directly assigned policies the export gives; a
	// policy type with an empty name removes a direct assignment (an
	// empty cell in a CSV column of that policy type).
	Direct []Direct
	Has    map[string]bool
	Origin Origin
}

// Direct is a directly assigned policy of a [UserItem].
type Direct struct {
	PolicyType string
	PolicyName string
	Origin     Origin
}

// Member makes a user a direct member of a group. Group is the group's
// ID or, when the file names groups by name, its display name.
//
// A member without a UPN only makes sure the group exists.
type Member struct {
	Group string
	// GroupName is the group's display name, when the file gives it
	// beside an ID.
	GroupName string
	UPN       string
	Origin    Origin
}

// GroupAssignment is a group policy assignment of an export. Rank 0
// means the export gives none (the assignment goes last).
type GroupAssignment struct {
	GroupID    string
	GroupName  string // the display name, when the export gives it
	PolicyType string
	PolicyName string
	Rank       int
	CreatedBy  string
	// CreatedTime is when the assignment was made; zero: at the import.
	CreatedTime time.Time
	Origin      Origin
}

// TenantGrant is a policy granted to the whole tenant; an empty
// PolicyName clears the grant.
type TenantGrant struct {
	PolicyType string
	PolicyName string
	Origin     Origin
}

// Note is something the summary reports about a kind: lacking from the
// export, or skipped with a reason.
type Note struct {
	Kind   string
	Reason string
	Origin Origin
	// Skipped says the export had it and it was not imported; otherwise
	// the kind is not in the export at all, or, for a kind the snapshot
	// has objects of, the note is a remark on them.
	Skipped bool
	// Count is how many things a skipped note stands for (0 counts as 1).
	Count int
}

// merge appends the contents of o to s.
func (s *Snapshot) merge(o *Snapshot) {
	s.Objects = append(s.Objects, o.Objects...)
	s.Users = append(s.Users, o.Users...)
	s.Members = append(s.Members, o.Members...)
	s.Assignments = append(s.Assignments, o.Assignments...)
	s.Grants = append(s.Grants, o.Grants...)
	s.Notes = append(s.Notes, o.Notes...)
}
