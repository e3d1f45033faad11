package teams

import (
	"github.com/csemu/csemu/cmdlets"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// grant is Grant-Cs*Policy: it assigns a policy to a user (-Identity), a
// group (-Group, -Rank) or the whole tenant (-Global). A $null or empty
// -PolicyName removes the assignment.
func (f *family) grant(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	toGroup := f.groups && c.Has("Group")
	toTenant := f.groups && c.Bool("Global")
	toUser := c.Has("Identity") && !toGroup && !toTenant
	if !toGroup && !toTenant && !toUser {
		return c.Fail("MissingTarget", cmdlets.InvalidArgument, "Specify the user to grant the policy to with -Identity%s.", map[bool]string{true: ", a group with -Group, or the whole tenant with -Global", false: ""}[f.groups])
	}
	raw := ""
	if v := c.Arg("PolicyName"); v != nil {
		raw = strings.TrimSpace(value.ToString(v))
	}
	name := ""
	if raw != "" {
		id, msg := normalizeIdentity(f.form, raw)
		if msg != "" {
			return c.Fail("InvalidPolicyName", cmdlets.InvalidArgument, "%s", msg)
		}
		switch {
		case id == "Global" && toTenant:
			// granting Global to the tenant clears the tenant-wide grant
		case id == "Global" || strings.HasPrefix(id, "site:"):
			return c.Errorf("NotUserPolicy", cmdlets.InvalidArgument, raw, "Policy %q is not a user policy. You can assign only a user policy to a specific user.", id)
		default:
			o, ok := t.Object(f.kind, id)
			if !ok {
				if f.configAPI {
					return c.Errorf("PolicyNotFound", cmdlets.ObjectNotFound, raw, "[ClientError] : %q not found", policyName(id))
				}
				return c.Errorf("PolicyNotFound", cmdlets.ObjectNotFound, raw, "Policy %q is not a user policy. You can assign only a user policy to a specific user.", policyName(id))
			}
			name = policyName(o.Identity) // as the policy spells it, not as typed
		}
	}
	switch {
	case toTenant:
		if !c.ShouldProcess("Global", c.Command().Name) {
			return nil
		}
		old := t.SetTenantGrant(f.policyType, name)
		if !strings.EqualFold(old, name) {
			c.recordChange(t, "Tenant", "Global", f.policyType, old, name)
		} else {
			t.NoteUnchanged()
		}
		return nil
	case toGroup:
		return f.grantGroup(c, t, name)
	}
	// a user that cannot be created is an error even under -WhatIf; one
	// that can is created only when the change is made
	id := userID(c.String("Identity"))
	target := id
	if u, ok := c.lookupUser(t, id); ok {
		target = u.UPN
	} else if id == "" || c.h.strict {
		_, err := ensureUser(c, t, id, false)
		return err
	}
	if !c.ShouldProcess(target, c.Command().Name) {
		return nil
	}
	u, err := ensureUser(c, t, id, true)
	if u == nil {
		return err
	}
	old := u.SetPolicy(f.policyType, name)
	if old != name {
		if err := t.PutUser(u); err != nil {
			return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
		}
		c.recordChange(t, "User", u.UPN, f.policyType, old, name)
	} else {
		t.NoteUnchanged()
	}
	if c.Bool("PassThru") {
		return c.Write(userObject(t, u))
	}
	return nil
}

// grantGroup assigns the policy to a group at -Rank (the end when not
// given), replacing the group's assignment of this policy type.
func (f *family) grantGroup(c call, t *state.Tenant, name string) error {
	if !groupAssignable(f.policyType) {
		return c.Errorf("GroupAssignmentNotSupported", cmdlets.InvalidOperation, c.String("Group"),
			"Group policy assignment is not supported for the policy type %q. Assign the policy to users with -Identity.", f.policyType)
	}
	_, err := f.assignGroup(c, t, c.String("Group"), name, true)
	return err
}

// maxGroupsPerType is the service's limit of groups per policy type.
const maxGroupsPerType = 64

// assignGroup assigns the policy name to a group (its ID or display name)
// at -Rank, the end when not given, shifting the assignments at that rank
// and below down by one: the one path of Grant-Cs*Policy -Group and
// New-CsGroupPolicyAssignment. A group's assignment of the same type is
// replaced, keeping its rank unless -Rank says otherwise, when replace is
// set (Grant-); otherwise it is an error (New-). An empty name removes
// the group's assignment. It returns the assignment made, if any.
func (f *family) assignGroup(c call, t *state.Tenant, group, name string, replace bool) (*state.GroupAssignment, error) {
	rank := c.Int("Rank", 0)
	if c.Has("Rank") && rank < 1 {
		return nil, c.Fail("InvalidRank", cmdlets.InvalidArgument, "Cannot set the rank of the assignment to %d: the rank must be 1 or greater.", rank)
	}
	// as for users: -WhatIf does not create a missing group
	target := strings.TrimSpace(group)
	if g, ok := findGroup(t, target); ok {
		target = g.ID
	} else if target == "" || name == "" || c.h.strict {
		_, err := ensureGroup(c, t, target, false)
		return nil, err
	}
	old, had := t.GroupAssignment(target, f.policyType)
	switch {
	case had && !replace:
		return nil, c.Errorf("AssignmentExists", cmdlets.ResourceExists, target,
			"Group %q already has a %s assignment (%q at rank %d). Remove it with Remove-CsGroupPolicyAssignment first, or replace it with Grant-Cs%s -Group.",
			target, f.policyType, old.PolicyName, old.Rank, f.policyType)
	case !had && name != "" && len(t.GroupAssignments(f.policyType)) >= maxGroupsPerType:
		return nil, c.Errorf("LimitExceeded", cmdlets.LimitsExceeded, target, "Cannot assign a %s to group %q: a policy type can be assigned to at most %d groups.", f.policyType, target, maxGroupsPerType)
	}
	if !c.ShouldProcess(target, c.Command().Name) {
		return nil, nil
	}
	g, err := ensureGroup(c, t, group, name != "")
	if g == nil {
		return nil, err
	}
	oldName := ""
	if had {
		if !c.Has("Rank") {
			rank = old.Rank
		}
		t.RemoveGroupAssignment(g.ID, f.policyType)
		oldName = old.PolicyName
	}
	if name == "" {
		if had {
			c.recordChange(t, "Group", g.ID, f.policyType, old.PolicyName, nil)
		}
		return nil, nil
	}
	got, err := t.AddGroupAssignment(state.GroupAssignment{GroupID: g.ID, PolicyType: f.policyType, PolicyName: name, Rank: rank,
		CreatedTime: c.Now().UTC(), CreatedBy: "csemu"})
	if err != nil {
		return nil, c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	c.recordChange(t, "Group", g.ID, f.policyType, oldName, name)
	if rank > got {
		c.Verbose("there are only %d %s group assignments: the new one is at rank %d", got, f.policyType, got)
	}
	c.Verbose("assigned %s %q to group %q at rank %d", f.policyType, name, g.ID, got)
	a, _ := t.GroupAssignment(g.ID, f.policyType)
	return &a, nil
}

// groupAssignable reports whether policies of the type can be assigned to
// groups; app permission policies cannot (policy-assignment-overview, May
// 2023).
func groupAssignable(policyType string) bool { return policyType != "TeamsAppPermissionPolicy" }

// ensureUser returns the directory user that id names (UPN, sip: address
// or object ID). A missing user is created on the fly with a verbose
// message when create is set, unless the directory is strict; otherwise
// it is the service's not-found error, and the user is nil.
func ensureUser(c call, t *state.Tenant, id string, create bool) (*state.User, error) {
	id = userID(id)
	if u, ok := c.lookupUser(t, id); ok {
		return u, nil
	}
	if id == "" || !create || c.h.strict || isDN(id) {
		return nil, c.Errorf("UserNotFound", cmdlets.ObjectNotFound, id, "Management object not found for identity %q.", id)
	}
	u := &state.User{UPN: id, DisplayName: displayNameOf(id), ObjectID: c.NewID(), Enabled: true}
	if err := t.PutUser(u); err != nil {
		return nil, c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	c.recordChange(t, "User", u.UPN, "", nil, "created")
	c.Verbose("user %q is not in the directory; created it (run with --strict to make this an error)", id)
	u, _ = t.User(id)
	return u, nil
}

// ensureGroup returns the group that id names (ID or display name),
// creating a missing one like ensureUser.
func ensureGroup(c call, t *state.Tenant, id string, create bool) (*state.Group, error) {
	id = strings.TrimSpace(id)
	if g, ok := findGroup(t, id); ok {
		return g, nil
	}
	if id == "" || !create || c.h.strict {
		return nil, c.Errorf("GroupNotFound", cmdlets.ObjectNotFound, id, "[NotFound] : group %q was not found", id)
	}
	g := &state.Group{ID: id, DisplayName: displayNameOf(id)}
	if err := t.PutGroup(g); err != nil {
		return nil, c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	c.recordChange(t, "Group", id, "", nil, "created")
	c.Verbose("group %q is not in the directory; created it (run with --strict to make this an error)", id)
	g, _ = t.Group(id)
	return g, nil
}

// userID returns the user identity id names, without spaces around it or
// a sip: prefix.
func userID(id string) string {
	id = strings.TrimSpace(id)
	if len(id) > 4 && strings.EqualFold(id[:4], "sip:") {
		id = id[4:]
	}
	return id
}

// findGroup returns the group whose ID or display name is id.
func findGroup(t *state.Tenant, id string) (*state.Group, bool) {
	if g, ok := t.Group(id); ok {
		return g, true
	}
	for _, g := range t.Groups() {
		if strings.EqualFold(g.DisplayName, id) {
			return g, true
		}
	}
	return nil, false
}

// displayNameOf makes a display name from a UPN or group name.
func displayNameOf(id string) string {
	name, _, _ := strings.Cut(id, "@")
	return name
}

// policyTypes are the policy types the directory assigns, in the order
// Get-CsOnlineUser shows them.
var policyTypes = []string{"TeamsMeetingPolicy", "ExternalAccessPolicy", "TeamsAppPermissionPolicy", "ConferencingPolicy"}

// userObject returns the object Get-CsOnlineUser writes for u. Like the
// real cmdlet it shows the policies assigned directly to the user only.
func userObject(t *state.Tenant, u *state.User) *value.Object {
	lic := make([]any, len(u.Licenses))
	for i, l := range u.Licenses {
		lic[i] = l
	}
	groups := make([]any, len(u.Groups))
	for i, g := range u.Groups {
		groups[i] = g
	}
	values := make([]any, 0, len(userProps))
	values = append(values, u.ObjectID, u.UPN, u.DisplayName, emptyNil(u.Department), "sip:"+u.UPN, u.Enabled, u.Enabled,
		&value.Array{Items: lic, List: true}, &value.Array{Items: groups, List: true})
	for _, pt := range policyTypes {
		values = append(values, emptyNil(u.Policy(pt)))
	}
	o := value.NewObjectOf([]string{"Deserialized.Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.GetCsOnlineUser", "Deserialized.System.Object"},
		userProps, values)
	o.DefaultDisplay = userView
	return o
}

// userProps are the properties of a Get-CsOnlineUser object, in order.
var userProps = append([]string{"Identity", "UserPrincipalName", "DisplayName", "Department", "SipAddress", "Enabled",
	"AccountEnabled", "AssignedPlan", "MemberOf"}, policyTypes...)

// userView is the default table of a Get-CsOnlineUser object.
var userView = []string{"UserPrincipalName", "DisplayName", "Department", "TeamsMeetingPolicy"}

func emptyNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
