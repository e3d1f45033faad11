package join

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// Policy types the rules resolve.
const (
	PolicyTeamsMeeting = "TeamsMeetingPolicy"
	PolicyConferencing = "ConferencingPolicy"
	// PolicyExternalAccess is the Teams external access policy, which
	// section A of external-and-app-rules.md reads.
	PolicyExternalAccess = "ExternalAccessPolicy"
)

// Source says where a user's effective policy comes from.
type Source string

// The sources of an effective policy, from the strongest.
const (
	SourceDirect Source = "Direct" // assigned to the user
	SourceGroup  Source = "Group"  // assigned to a group the user is a direct member of
	SourceTenant Source = "Tenant" // granted to the whole tenant with Grant-... -Global
	SourceGlobal Source = "Global" // the Global instance
)

// Effective is the policy of one type that applies to a user, and where
// it comes from.
type Effective struct {
	Identity string // "Global" or "Tag:Name"
	Name     string // "Global" or "Name", as assignments name it
	Source   Source
	GroupID  string // the group, for SourceGroup
	Rank     int    // the group assignment's rank, for SourceGroup
}

// Resolver resolves the effective policies of one policy type (semantics
// §4): a direct assignment wins; then the group assignment with the best
// rank among the groups the user is a direct member of (nested groups are
// not expanded); then the policy granted to the whole tenant; then the
// Global instance.
//
// It indexes the type's group assignments once, so resolving costs one map
// lookup per group of the user. It sees the tenant as it was when made:
// make a new one after assignments or grants change.
type Resolver struct {
	policyType string
	byGroup    map[string]state.GroupAssignment // by lower-case group ID
	tenant     string
}

// NewResolver returns a resolver for policyType on t.
func NewResolver(t *state.Tenant, policyType string) *Resolver {
	r := &Resolver{policyType: policyType, tenant: t.TenantGrant(policyType)}
	if as := t.GroupAssignments(policyType); len(as) > 0 {
		r.byGroup = make(map[string]state.GroupAssignment, len(as))
		for _, a := range as {
			r.byGroup[strings.ToLower(a.GroupID)] = a
		}
	}
	return r
}

// Resolve returns the effective policy of u; a nil u (someone outside the
// directory) gets the tenant default.
func (r *Resolver) Resolve(u *state.User) Effective {
	if u != nil {
		if n := u.Policy(r.policyType); n != "" {
			return named(n, SourceDirect)
		}
		if a, ok := r.bestGroup(u); ok {
			e := named(a.PolicyName, SourceGroup)
			e.GroupID, e.Rank = a.GroupID, a.Rank
			return e
		}
	}
	if r.tenant != "" {
		return named(r.tenant, SourceTenant)
	}
	return Effective{Identity: "Global", Name: "Global", Source: SourceGlobal}
}

// bestGroup returns the best-ranked assignment among u's groups.
func (r *Resolver) bestGroup(u *state.User) (state.GroupAssignment, bool) {
	var best state.GroupAssignment
	found := false
	if r.byGroup == nil {
		return best, false
	}
	for _, g := range u.Groups {
		a, ok := r.byGroup[strings.ToLower(g)]
		if ok && (!found || a.Rank < best.Rank) {
			best, found = a, true
		}
	}
	return best, found
}

// GroupSources returns the assignments of u's groups, best rank first.
func (r *Resolver) GroupSources(u *state.User) []state.GroupAssignment {
	var out []state.GroupAssignment
	if u == nil || r.byGroup == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, g := range u.Groups {
		k := strings.ToLower(g)
		if a, ok := r.byGroup[k]; ok && !seen[k] {
			seen[k] = true
			i := len(out)
			for i > 0 && out[i-1].Rank > a.Rank {
				i--
			}
			out = append(out, state.GroupAssignment{})
			copy(out[i+1:], out[i:])
			out[i] = a
		}
	}
	return out
}

// named is the effective policy name from source.
func named(name string, source Source) Effective {
	if strings.EqualFold(name, "Global") {
		return Effective{Identity: "Global", Name: "Global", Source: source}
	}
	return Effective{Identity: "Tag:" + name, Name: name, Source: source}
}

// Resolve returns the effective policy of policyType for u (nil: someone
// outside the directory). To resolve many users, make one [Resolver].
func Resolve(t *state.Tenant, u *state.User, policyType string) Effective {
	return NewResolver(t, policyType).Resolve(u)
}
