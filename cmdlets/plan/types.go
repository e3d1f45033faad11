package plan

// Plan is what a script would do to a tenant.
type Plan struct {
	// Script is the script file the plan is of ("" for a diff of two
	// tenants); Before and After name the tenants of a diff.
	Script        string
	Before, After string
	// Changes are grouped by object, in the order the script first
	// changed each (for a diff of two tenants: kinds, then identities).
	Changes []ObjectChange
	// Unchanged counts the writes that set a value already there.
	Unchanged int
	// Questions are the questions the impact pass asked every organizer.
	Questions []Question
	// Organizers is how many organizers the impact pass asked about.
	Organizers int
	// Impact groups the (organizer, question) pairs whose answer changed.
	Impact []ImpactGroup
	// Affected is how many distinct organizers have at least one changed
	// answer (an organizer can be in a group for each question, so it is
	// not the sum of the groups' counts).
	Affected int
	// Findings are the lint findings of the script.
	Findings []Finding
	// Failed is set when the script stopped with an uncaught error: the
	// changes are those made up to it.
	Failed *Failure
	// Atomic says the run was all or nothing (--atomic): with Failed set,
	// nothing would be applied.
	Atomic bool
}

// Changed reports whether the plan changes anything.
func (p *Plan) Changed() bool { return len(p.Changes) > 0 && !(p.Atomic && p.Failed != nil) }

// Action is what happens to an object.
type Action string

// The actions of an [ObjectChange], shown as +, ~ and -.
const (
	Create Action = "create"
	Update Action = "update"
	Remove Action = "remove"
)

// Symbol is the action's sign: + create, ~ update, - remove.
func (a Action) Symbol() string {
	switch a {
	case Create:
		return "+"
	case Remove:
		return "-"
	}
	return "~"
}

// ObjectChange is what happened to one object: a policy or configuration
// (Kind is its kind: TeamsMeetingPolicy), a user (Kind "User", Identity
// its UPN), a group ("Group", its ID), a group policy assignment
// ("GroupPolicyAssignment", Identity "<group ID> <policy type>") or a
// tenant-wide grant ("TenantGrant", Identity the policy type).
type ObjectChange struct {
	Kind     string
	Identity string
	Action   Action
	// Props are the properties that changed, in the order the script
	// first changed them. A user's direct policies are properties named
	// after the policy type; its licences "Licenses" and its groups
	// "Groups"; an assignment's "PolicyName" and "Rank".
	Props []PropChange
	// Lines are the script lines that created or removed the object.
	Lines []Location
}

// PropChange is one property's change: its value before and after the
// script (as state.Text shows a value; "" with Absent for none) and every
// script line that set it, in order.
type PropChange struct {
	Name     string
	Old, New string
	// OldAbsent and NewAbsent say the property had, or has, no value at
	// all (a created object's properties are absent before).
	OldAbsent, NewAbsent bool
	Lines                []Location
}

// Location is where a script made a change.
type Location struct {
	File   string
	Line   int
	Cmdlet string
}

// Question is one Test-AnonymousJoin question the impact pass asks.
type Question struct {
	ClientType  string // Teams, Acs
	MeetingType string // Meeting, Webinar, TownHall
}

// ImpactGroup is a set of organizers whose answer to one question changed
// the same way for the same reason.
type ImpactGroup struct {
	Question Question
	// Before and After are the outcomes (Admitted, Lobby, Blocked, ...).
	Before, After string
	// DecidedBy is the setting that decided the new answer, as
	// Test-AnonymousJoin names it.
	DecidedBy string
	// Cause is the script line that last set the deciding setting, when
	// the script set it.
	Cause *Location
	// Count is how many organizers are in the group; Examples are up to
	// five of them, sorted.
	Count    int
	Examples []string
}

// Finding is a lint finding of the script.
type Finding struct {
	File     string
	Line     int
	Column   int
	Severity string
	Code     string
	Message  string
}

// Failure is where a script stopped.
type Failure struct {
	File    string
	Line    int
	Column  int
	Message string
}
