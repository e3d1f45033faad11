package cmdlets

import "github.com/csemu/csemu/state"

// whatIfEffective is an organizer's effective policy and where it comes from.
type whatIfEffective struct {
	Identity string // "Global", "Tag:Name"
	Source   string // Direct, Group, Tenant, Global
	GroupID  string
	Rank     int
}

// whatIfPolicy resolves the effective policy of u (nil: not in the
// directory): direct > best group rank > tenant grant > Global.
func whatIfPolicy(t *state.Tenant, u *state.User, policyType string, groups bool) whatIfEffective {
	if u != nil {
		if n := u.Policy(policyType); n != "" {
			return whatIfEffective{Identity: "Tag:" + n, Source: "Direct"}
		}
		if groups && len(u.Groups) > 0 {
			best := whatIfEffective{}
			for _, ga := range t.GroupAssignments(policyType) {
				if u.InGroup(ga.GroupID) && (best.Source == "" || ga.Rank < best.Rank) {
					best = whatIfEffective{Identity: "Tag:" + ga.PolicyName, Source: "Group", GroupID: ga.GroupID, Rank: ga.Rank}
				}
			}
			if best.Source != "" {
				return best
			}
		}
	}
	if groups {
		if n := t.TenantGrant(policyType); n != "" {
			return whatIfEffective{Identity: "Tag:" + n, Source: "Tenant"}
		}
	}
	return whatIfEffective{Identity: "Global", Source: "Global"}
}
