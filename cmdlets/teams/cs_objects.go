package teams

import (
	"fmt"
	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// family describes one kind of configuration or policy object and the
// Get-, Set-, New-, Remove- and Grant- cmdlets that manage it.
type family struct {
	kind      string // kind in package state
	noun      string // "CsTeamsMeetingPolicy"
	qualifier string // "SkypeForBusiness\\" for the Skype for Business Server variant of a shared noun
	form      identityForm
	typeName  string // the type name Get- objects carry
	// policyType names the policy in assignments; "" for configurations.
	policyType string
	// lead lists the properties shown right after Identity, in the real
	// object's order; the others follow in stored order.
	lead []string
	// resetGlobal: Remove- of Global resets it to the defaults (Skype for
	// Business, external access) instead of refusing (Teams).
	resetGlobal bool
	// configAPI: Grant- reports a missing policy as the ConfigAPI-based
	// cmdlets do ([ClientError] : "X" not found).
	configAPI bool
	// groups: Grant- can assign to groups and the whole tenant.
	groups bool
	// globalFixed are the settings the Global instance keeps at one value
	// ("" for empty): only custom policies change them.
	globalFixed map[string]string
	// convert converts the value of a Set- or New- parameter (by lower-case
	// name) where the documented type is a class csemu models, such as the
	// catalogue app lists of the app permission policies.
	convert map[string]func(c call, param string, v any) (any, error)
	// show converts a stored property (by lower-case name) to what Get-
	// writes, where the stored forms differ from the real object's.
	show map[string]func(name string, v any) any
}

// families lists the objects the Teams and Skype for Business cmdlets
// manage. Their cmdlets' parameters come from csCmdletFacts.
func families() []*family {
	return []*family{
		{kind: state.KindTeamsMeetingPolicy, noun: "CsTeamsMeetingPolicy", form: tagOrGlobal, policyType: "TeamsMeetingPolicy", groups: true,
			typeName: "Microsoft.Teams.Policy.Administration.Cmdlets.Core.MeetingPolicy",
			lead: []string{"Description", "AllowChannelMeetingScheduling", "AllowMeetNow", "AllowPrivateMeetNow", "MeetingChatEnabledType",
				"LiveCaptionsEnabledType", "AllowIPVideo", "AllowAnonymousUsersToDialOut", "AllowAnonymousUsersToStartMeeting",
				"AllowPrivateMeetingScheduling", "AutoAdmittedUsers", "AllowCloudRecording", "AllowOutlookAddIn", "AllowPowerPointSharing",
				"AllowParticipantGiveRequestControl", "AllowExternalParticipantGiveRequestControl", "AllowSharedNotes", "AllowWhiteboard",
				"AllowTranscription", "MediaBitRateKb", "ScreenSharingMode", "AllowPSTNUsersToBypassLobby", "AllowOrganizersToOverrideLobbySettings"}},
		{kind: state.KindExternalAccessPolicy, noun: "CsExternalAccessPolicy", form: tagOrGlobal, policyType: "ExternalAccessPolicy", groups: true,
			typeName: "Microsoft.Rtc.Management.WritableConfig.Policy.ExternalAccess.ExternalAccessPolicy", lead: []string{"Description"},
			resetGlobal: true, configAPI: true,
			// Set-CsExternalAccessPolicy.md: "In Global (default) policy
			// CommunicationWithExternalOrgs can only be set to
			// OrganizationDefault and cannot be changed"; the domain lists
			// "can be modified only in custom policy"
			globalFixed: map[string]string{"CommunicationWithExternalOrgs": "OrganizationDefault", "AllowedExternalDomains": "", "BlockedExternalDomains": ""}},
		{kind: state.KindTeamsAppPermissionPolicy, noun: "CsTeamsAppPermissionPolicy", form: tagOrGlobal, policyType: "TeamsAppPermissionPolicy", groups: true,
			typeName: "Microsoft.Teams.Policy.Administration.Cmdlets.Core.AppPermissionPolicy", lead: []string{"Description"},
			convert: map[string]func(c call, param string, v any) (any, error){
				"defaultcatalogapps": catalogApps, "globalcatalogapps": catalogApps, "privatecatalogapps": catalogApps},
			show: map[string]func(name string, v any) any{
				"defaultcatalogapps": catalogAppsPS, "globalcatalogapps": catalogAppsPS, "privatecatalogapps": catalogAppsPS}},
		{kind: state.KindConferencingPolicy, noun: "CsConferencingPolicy", form: siteOrTag, policyType: "ConferencingPolicy",
			typeName: "Microsoft.Rtc.Management.WritableConfig.Policy.Meeting.MeetingPolicy", lead: []string{"Description"}, resetGlobal: true},
		{kind: state.KindSfbExternalAccessPolicy, noun: "CsExternalAccessPolicy", qualifier: `SkypeForBusiness\`, form: siteOrTag,
			policyType: "SfbExternalAccessPolicy", typeName: "Microsoft.Rtc.Management.WritableConfig.Policy.ExternalAccess.ExternalAccessPolicy",
			lead: []string{"Description"}, resetGlobal: true},
		{kind: state.KindTeamsMeetingConfiguration, noun: "CsTeamsMeetingConfiguration", form: globalOnly,
			typeName: "Microsoft.Teams.Policy.Administration.Cmdlets.Core.TeamsMeetingConfiguration"},
		{kind: state.KindTenantFederationConfiguration, noun: "CsTenantFederationConfiguration", form: globalOnly,
			typeName: "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.TenantFederationSettings"},
		{kind: state.KindTeamsAcsFederationConfiguration, noun: "CsTeamsAcsFederationConfiguration", form: globalOnly,
			typeName: "Microsoft.Teams.Policy.Administration.Cmdlets.Core.TeamsAcsFederationConfiguration"},
		{kind: state.KindAccessEdgeConfiguration, noun: "CsAccessEdgeConfiguration", form: globalOnly,
			typeName: "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AccessEdgeConfiguration"},
		{kind: state.KindMeetingConfiguration, noun: "CsMeetingConfiguration", form: siteOnly,
			typeName: "Microsoft.Rtc.Management.WritableConfig.Settings.UserServices.MeetingConfiguration"},
	}
}

// label is how messages name the kind ("TeamsMeetingPolicy").
func (f *family) label() string { return strings.TrimPrefix(f.noun, "Cs") }

// notSettable are the parameters of Set- and New- that are not properties.
var notSettable = map[string]bool{
	"identity": true, "instance": true, "tenant": true, "force": true, "inmemory": true, "passthru": true,
	"domaincontroller": true, "localstore": true, "msftinternalprocessingmode": true, "filter": true,
	"whatif": true, "confirm": true, "usedefaultrouting": true, "usednssrvrouting": true,
}

// psObject returns the object Get- writes for a stored object.
func (f *family) psObject(o *state.Object) *value.Object {
	out := value.NewObject(f.typeName)
	out.Set("Identity", o.Identity)
	for _, name := range f.lead {
		v, ok := o.Get(name)
		if !ok && name != "Description" {
			continue
		}
		out.Set(name, f.toPS(name, v))
	}
	for _, p := range o.Props {
		if _, done := out.Get(p.Name); done {
			continue
		}
		out.Set(p.Name, f.toPS(p.Name, p.Value))
	}
	decorateEdge(out) // federation objects show as {Domain=contoso.com}
	return out
}

// toPS converts the stored property name to what Get- writes.
func (f *family) toPS(name string, v any) any {
	if show := f.show[strings.ToLower(name)]; show != nil {
		return show(name, v)
	}
	return toPS(v)
}

// identity reads and normalizes -Identity (or the Identity of -Instance),
// defaulting to Global.
func (f *family) identity(c call) (string, error) {
	id := "Global"
	switch {
	case c.Has("Identity") && c.Arg("Identity") != nil:
		id = c.String("Identity")
	case c.Has("Instance"):
		o, ok := c.Arg("Instance").(*value.Object)
		var v any
		if ok {
			v, ok = o.Get("Identity")
		}
		if !ok || v == nil {
			return "", c.Fail("InvalidInstance", cmdlets.InvalidArgument, "the -Instance object has no Identity: pass an object that Get-%s returns", f.noun)
		}
		id = value.ToString(v)
	}
	norm, msg := normalizeIdentity(f.form, id)
	if msg != "" {
		return "", c.Fail("InvalidIdentity", cmdlets.InvalidArgument, "%s", msg)
	}
	return norm, nil
}

// notFound writes the error for a missing object.
func (f *family) notFound(c call, id string) error {
	return c.Errorf("ObjectNotFound", cmdlets.ObjectNotFound, id, "Cannot find %q %q because it does not exist.", f.label(), id)
}

func (f *family) get(c call) error {
	return writeObjects(c, f.kind, func() (string, error) { return f.identity(c) },
		func(id string) error { return f.notFound(c, id) }, f.psObject)
}

// writeObjects is the body of a Get- cmdlet: it writes the object that
// -Identity names (identity returns its stored form), or else every object
// of kind whose identity matches the -Filter wildcard.
func writeObjects(c call, kind string, identity func() (string, error), notFound func(id string) error, show func(*state.Object) *value.Object) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	if c.Has("Identity") && c.Arg("Identity") != nil {
		id, err := identity()
		if err != nil {
			return err
		}
		o, ok := t.Object(kind, id)
		if !ok {
			return notFound(id)
		}
		return c.Write(show(o))
	}
	filter := c.String("Filter")
	for _, o := range t.Objects(kind) {
		if filter != "" && !value.Like(o.Identity, filter, false) {
			continue
		}
		if err := c.Write(show(o)); err != nil {
			return err
		}
	}
	return nil
}

// settings returns the property values a Set- or New- call gives, checked
// and converted, in the order of the cmdlet's parameters.
func (f *family) settings(c call) ([]state.Prop, error) {
	var out []state.Prop
	for _, p := range c.Command().Params {
		ln := strings.ToLower(p.Name)
		if notSettable[ln] {
			continue
		}
		v, ok := c.Lookup(ln)
		if !ok {
			continue
		}
		if p.IsSwitch() {
			v = value.ToBool(v)
		}
		if conv := f.convert[ln]; conv != nil {
			cv, err := conv(c, p.Name, v)
			if err != nil {
				return nil, err
			}
			out = append(out, state.Prop{Name: p.Name, Value: cv})
			continue
		}
		cv, err := checkDocumented(p, v)
		if err != nil {
			return nil, c.Fail("InvalidValue", cmdlets.InvalidArgument, "%s", err.Error())
		}
		out = append(out, state.Prop{Name: p.Name, Value: cv})
	}
	return out, nil
}

// apply sets props on o, recording each change; with dry set it only
// lists them. It returns the descriptions of what changed.
func (f *family) apply(c call, t *state.Tenant, o *state.Object, props []state.Prop, dry bool) []string {
	var changed []string
	for _, p := range props {
		old, _ := o.Get(p.Name)
		nv, edited := applyListEdit(old, p.Value)
		if !edited {
			nv = fromPS(p.Value)
			if a, ok := nv.([]any); ok && a == nil {
				nv = []any{}
			}
		}
		if sameStored(old, nv) {
			if !dry {
				t.NoteUnchanged()
			}
			continue
		}
		changed = append(changed, fmt.Sprintf("%s: %s -> %s", p.Name, join.ShowValue(old), join.ShowValue(nv)))
		if dry {
			continue
		}
		o.Set(p.Name, nv)
		c.recordChange(t, f.kind, o.Identity, p.Name, old, nv)
	}
	return changed
}

// withInstance lets a Set- cmdlet take the object to change from the
// pipeline (Get-X | Set-X -Setting value) as -Instance, in a parameter set
// of its own, also where the documentation lists no -Instance.
func withInstance(cmd *cmdlets.Cmdlet) {
	for _, p := range cmd.Params {
		if len(p.Sets) == 1 && p.Sets[0] == "__AllParameterSets" {
			p.Sets = nil
		}
	}
	if p := cmd.Param("Identity"); p != nil && len(p.Sets) == 0 {
		p.Sets = []string{"Identity"}
	}
	inst := cmd.Param("Instance")
	if inst == nil {
		inst = &cmdlets.ParamDef{Name: "Instance", Type: "object", Position: -1, DotNet: "System.Management.Automation.PSObject"}
		cmd.Params = append(cmd.Params, inst)
	}
	inst.Sets, inst.Pipeline = []string{"Instance"}, true
	if cmd.DefaultSet == "" {
		cmd.DefaultSet = "Identity"
	}
}

// instanceProps returns the properties of an -Instance object that differ
// from what is stored, so that Set- -Instance writes the edited copy back.
func instanceProps(c call, o *state.Object) []state.Prop {
	inst, ok := c.Arg("Instance").(*value.Object)
	if !ok {
		return nil
	}
	var out []state.Prop
	for _, p := range inst.Props() {
		if strings.EqualFold(p.Name, "Identity") || !o.Has(p.Name) && !strings.EqualFold(p.Name, "Description") {
			continue
		}
		v, _ := inst.Get(p.Name)
		out = append(out, state.Prop{Name: p.Name, Value: v})
	}
	return out
}

// existing loads the tenant and returns the object that -Identity (or
// -Instance) names; a missing one is reported and o is nil.
func (f *family) existing(c call) (t *state.Tenant, o *state.Object, err error) {
	t, err = c.Tenant()
	if err != nil {
		return nil, nil, err
	}
	id, err := f.identity(c)
	if err != nil {
		return nil, nil, err
	}
	o, ok := t.Object(f.kind, id)
	if !ok {
		return nil, nil, f.notFound(c, id)
	}
	return t, o, nil
}

// givenProps returns the settings of a Set- call: those of -Instance that
// differ from o (flagged in fromInstance), then the named ones, which win.
func (f *family) givenProps(c call, o *state.Object) (props []state.Prop, fromInstance map[string]bool, err error) {
	props, err = f.settings(c)
	if err != nil {
		return nil, nil, err
	}
	fromInstance = map[string]bool{}
	if c.Has("Instance") {
		given := map[string]bool{}
		for _, p := range props {
			given[strings.ToLower(p.Name)] = true
		}
		var merged []state.Prop
		for _, p := range instanceProps(c, o) {
			if !given[strings.ToLower(p.Name)] {
				if conv := f.convert[strings.ToLower(p.Name)]; conv != nil {
					cv, err := conv(c, p.Name, p.Value)
					if err != nil {
						return nil, nil, err
					}
					p.Value = cv
				}
				merged = append(merged, p)
				fromInstance[strings.ToLower(p.Name)] = true
			}
		}
		props = append(merged, props...)
	}
	return props, fromInstance, nil
}

func (f *family) set(c call) error {
	t, o, err := f.existing(c)
	if o == nil {
		return err
	}
	id := o.Identity
	props, _, err := f.givenProps(c, o)
	if err != nil {
		return err
	}
	if refused, err := f.checkGlobalFixed(c, id, props); refused {
		return err
	}
	if !c.ShouldProcess(id, c.Command().Name) {
		for _, line := range f.apply(c, t, o, props, true) {
			c.WhatIfDetail(line)
		}
		return nil
	}
	if len(f.apply(c, t, o, props, false)) > 0 {
		if err := t.PutObject(o); err != nil {
			return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
		}
	}
	if c.Bool("PassThru") {
		return c.Write(f.psObject(o))
	}
	return nil
}

// checkGlobalFixed refuses a change of a setting the Global instance
// keeps fixed: it reports the error and whether it refused.
func (f *family) checkGlobalFixed(c call, id string, props []state.Prop) (bool, error) {
	if id != "Global" {
		return false, nil
	}
	for _, p := range props {
		want, fixed := f.globalFixed[p.Name]
		if !fixed {
			continue
		}
		got := ""
		if p.Value != nil {
			got = value.ToString(p.Value)
		}
		if !strings.EqualFold(got, want) {
			if want == "" {
				return true, c.Errorf("GlobalSettingFixed", cmdlets.InvalidOperation, id, "[ClientError] : %s can be set only in a custom policy, not in the Global policy", p.Name)
			}
			return true, c.Errorf("GlobalSettingFixed", cmdlets.InvalidOperation, id, "[ClientError] : %s of the Global policy can only be %s", p.Name, want)
		}
	}
	return false, nil
}

func (f *family) newObject(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	id, err := f.identity(c)
	if err != nil {
		return err
	}
	if _, exists := t.Object(f.kind, id); exists || id == "Global" {
		return c.Errorf("ObjectAlreadyExists", cmdlets.ResourceExists, id, "Cannot create %q %q because it already exists.", f.label(), id)
	}
	props, err := f.settings(c)
	if err != nil {
		return err
	}
	o, ok := state.DefaultObject(f.kind)
	if !ok {
		return c.Fail("NoDefaults", cmdlets.InvalidOperation, "no defaults for %s", f.label())
	}
	o.Identity = id
	if !c.ShouldProcess(id, c.Command().Name) {
		return nil
	}
	c.recordChange(t, f.kind, id, "", nil, "created")
	f.apply(c, t, o, props, false)
	if err := t.PutObject(o); err != nil {
		return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	return c.Write(f.psObject(o))
}

func (f *family) remove(c call) error {
	t, o, err := f.existing(c)
	if o == nil {
		return err
	}
	id := o.Identity
	if id == "Global" {
		if !f.resetGlobal {
			return c.Errorf("CannotRemoveGlobal", cmdlets.InvalidOperation, id,
				"The global %s cannot be removed. Use Set-%s -Identity Global to change its settings.", f.label(), f.noun)
		}
		def, _ := state.DefaultObject(f.kind)
		var props []state.Prop
		for _, p := range o.Props {
			dv, _ := def.Get(p.Name)
			props = append(props, state.Prop{Name: p.Name, Value: toPS(dv)})
		}
		if !c.ShouldProcess(id, c.Command().Name) {
			return nil
		}
		f.apply(c, t, o, props, false)
		for _, p := range props {
			if !def.Has(p.Name) {
				o.Delete(p.Name) // a property the defaults lack, such as a Description set later
			}
		}
		c.Verbose("the Global %s was reset to its default values", f.label())
		return t.PutObject(o)
	}
	if !c.ShouldProcess(id, c.Command().Name) {
		return nil
	}
	if f.policyType != "" {
		f.unassign(c, t, policyName(id))
	}
	t.DeleteObject(f.kind, id)
	c.recordChange(t, f.kind, id, "", "created", "removed")
	return nil
}

// unassign removes every assignment of the policy name, as the service
// does when a custom policy is deleted, and warns how many there were.
func (f *family) unassign(c call, t *state.Tenant, name string) {
	users := 0
	var changed []*state.User
	for u := range t.Users() {
		if strings.EqualFold(u.Policy(f.policyType), name) {
			changed = append(changed, u)
		}
	}
	for _, u := range changed {
		u.SetPolicy(f.policyType, "")
		_ = t.PutUser(u)
		c.recordChange(t, "User", u.UPN, f.policyType, name, nil)
		users++
	}
	groups := 0
	for _, ga := range t.GroupAssignments(f.policyType) {
		if strings.EqualFold(ga.PolicyName, name) {
			t.RemoveGroupAssignment(ga.GroupID, f.policyType)
			c.recordChange(t, "Group", ga.GroupID, f.policyType, name, nil)
			groups++
		}
	}
	tenant := false
	if strings.EqualFold(t.TenantGrant(f.policyType), name) {
		t.SetTenantGrant(f.policyType, "")
		c.recordChange(t, "Tenant", "Global", f.policyType, name, nil)
		tenant = true
	}
	if users+groups > 0 || tenant {
		msg := fmt.Sprintf("The policy %q was assigned to %d user(s) and %d group(s)", name, users, groups)
		if tenant {
			msg += " and to the whole tenant"
		}
		c.Verbose("%s; those assignments were removed and the users now get the next policy in precedence.", msg)
	}
}
