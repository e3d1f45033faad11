package tenantio

import (
	"slices"

	"github.com/csemu/csemu/cmdlets"

	"github.com/csemu/csemu/state"
)

// roundTripFormats are the formats of the round-trip property test.
// CsJson carries the whole tenant; a Microsoft365DSC configuration carries
// what its resources hold (exports.md section 3), so its round trip is
// compared on that part of the tenant.
func roundTripFormats() []roundTripFormat {
	return []roundTripFormat{
		{format: FormatCsJSON},
		{format: FormatClixml,
			write: WriteOptions{EncodeClixml: func(objs []any) (string, error) { return cmdlets.FormatClixml(objs, 15) }},
			read:  Options{DecodeClixml: cmdlets.ParseClixml}},
		{format: FormatDSC, scope: dscPart},
	}
}

// dscPart is the part of a tenant that a Microsoft365DSC configuration
// holds: the objects of the kinds that have a resource, users' direct
// policies (TeamsUserPolicyAssignment) and group policy assignments
// (TeamsGroupPolicyAssignment, which names the group by ID and name).
func dscPart(t *state.Tenant) *state.Tenant {
	out := state.NewTenant()
	kinds := []string{state.KindTeamsMeetingPolicy, state.KindTeamsMeetingConfiguration, state.KindTenantFederationConfiguration,
		state.KindExternalAccessPolicy, state.KindTeamsAppPermissionPolicy, KindTeamsOrgWideAppSettings, KindM365TeamsApp}
	for _, k := range t.Kinds() {
		if !slices.Contains(kinds, k) {
			continue
		}
		for _, o := range t.Objects(k) {
			out.PutObject(o.Clone())
		}
	}
	for u := range t.Users() {
		if len(u.Direct) > 0 {
			out.PutUser(&state.User{UPN: u.UPN, Enabled: true, Direct: slices.Clone(u.Direct)})
		}
	}
	for _, ga := range t.GroupAssignments("") {
		if _, ok := out.Group(ga.GroupID); !ok {
			g, _ := t.Group(ga.GroupID)
			out.PutGroup(&state.Group{ID: g.ID, DisplayName: g.DisplayName})
		}
		out.AddGroupAssignment(ga)
	}
	return out
}
