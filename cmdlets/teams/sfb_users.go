package teams

import (
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// Get-CsUser (Skype for Business Server) and Get-CsTenant (Teams): the
// emulated directory and tenant as those cmdlets show them.

// sfbUserProps are the properties of a Get-CsUser object that csemu
// models, in the order the real object shows them (Get-CsUser.md: "the
// Skype for Business Server policies that have been assigned to a user").
var sfbUserProps = []string{"Identity", "SipAddress", "DisplayName", "UserPrincipalName", "Enabled",
	"EnterpriseVoiceEnabled", "LineURI", "ConferencingPolicy", "ExternalAccessPolicy"}

// sfbUserCmdlets returns Get-CsUser and Get-CsTenant.
func (h *Holder) sfbUserCmdlets() []*cmdlets.Cmdlet {
	return []*cmdlets.Cmdlet{
		{Name: "Get-CsUser", Module: "SkypeForBusiness", Doc: "https://learn.microsoft.com/powershell/module/skype/get-csuser",
			Synopsis: "Returns the users of the emulated directory as Skype for Business Server shows them, with their conferencing and external access policies.",
			Params: []*cmdlets.ParamDef{
				help(byName(pipe(p("Identity", "string", 0))), "A SIP address, user principal name, display name (wildcards allowed) or distinguished name."),
				p("Credential", "object", -1), p("DomainController", "string", -1),
				help(p("Filter", "string", -1), "A filter on the properties of the user objects, such as {ConferencingPolicy -eq $null}."),
				p("OnOfficeCommunicationServer", "switch", -1), p("OnLyncServer", "switch", -1), p("OnModernServer", "switch", -1),
				p("OU", "string", -1), p("ResultSize", "object", -1), p("LdapFilter", "string", -1), p("UnAssignedUser", "switch", -1),
			},
			Examples: []string{"Get-CsUser", "Get-CsUser -Identity 'Ken Myer'", "Get-CsUser -Filter {ConferencingPolicy -eq $null} | Grant-CsConferencingPolicy -PolicyName Sales"},
			Refused: refused("Get-CsUser", "the emulated directory has no Active Directory attributes, organizational units or server versions",
				"LdapFilter", "OU", "OnOfficeCommunicationServer", "OnLyncServer", "UnAssignedUser"),
			Process: h.handler(getSfbUser)},
		{Name: "Get-CsTenant", Module: "MicrosoftTeams", Doc: "https://learn.microsoft.com/powershell/module/teams/get-cstenant",
			Synopsis: "Returns the emulated tenant: its ID, display name and the domains of its users.",
			Params:   []*cmdlets.ParamDef{p("Filter", "string", -1), p("DomainController", "string", -1), p("Identity", "string", 0), p("ResultSize", "int", -1)},
			Process:  h.handler(getTenant)},
	}
}

// getSfbUser is Get-CsUser.
func getSfbUser(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	var filter *userFilter
	if raw := c.String("Filter"); strings.TrimSpace(raw) != "" {
		if filter, err = parseFilter(raw, sfbUserProps, sfbUserProperty); err != nil {
			return c.Fail("InvalidFilter", cmdlets.InvalidArgument, "%s", err.Error())
		}
	}
	limit := -1
	if c.Has("ResultSize") && c.Arg("ResultSize") != nil && !strings.EqualFold(c.String("ResultSize"), "Unlimited") {
		if limit, err = parseResultSize(c.String("ResultSize")); err != nil {
			return c.Fail("CannotConvertArgument", cmdlets.InvalidArgument, "%s", err.Error())
		}
	}
	id := strings.TrimSpace(c.String("Identity"))
	n := 0
	for u := range t.Users() {
		if limit >= 0 && n >= limit {
			break
		}
		if id != "" && !sfbIdentityMatches(u, id) || filter != nil && !filter.match(t, u) {
			continue
		}
		n++
		if err := c.Write(sfbUserObject(u)); err != nil {
			return err
		}
	}
	if id != "" && n == 0 && !value.HasWildcard(id) {
		return c.Errorf("UserNotFound", cmdlets.ObjectNotFound, id, "Management object not found for identity %q.", id)
	}
	return nil
}

// sfbIdentityMatches reports whether the -Identity of Get-CsUser names u:
// its SIP address, user principal name, distinguished name, or display
// name, which may hold wildcards (Get-CsUser.md, -Identity).
func sfbIdentityMatches(u *state.User, id string) bool {
	switch {
	case strings.EqualFold(userID(id), u.UPN), strings.EqualFold(id, sfbDN(u)):
		return true
	case value.HasWildcard(id):
		return value.Like(u.DisplayName, id, false)
	}
	return strings.EqualFold(id, u.DisplayName)
}

// sfbUserObject is the object Get-CsUser writes for u.
func sfbUserObject(u *state.User) *value.Object {
	vals := make([]any, len(sfbUserProps))
	for i, name := range sfbUserProps {
		vals[i], _ = sfbUserProperty(nil, u, name)
	}
	o := value.NewObjectOf([]string{"Microsoft.Rtc.Management.ADConnect.Schema.OCSADUser"}, sfbUserProps, vals)
	o.DefaultDisplay = sfbUserProps
	return o
}

// sfbUserProperty is property name of u's Get-CsUser object.
func sfbUserProperty(_ *state.Tenant, u *state.User, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "identity":
		return sfbDN(u), true
	case "sipaddress":
		return "sip:" + u.UPN, true
	case "displayname":
		return u.DisplayName, true
	case "userprincipalname":
		return u.UPN, true
	case "enabled":
		return u.Enabled, true
	case "enterprisevoiceenabled":
		return false, true
	case "lineuri":
		return "", true
	case "conferencingpolicy":
		return emptyNil(u.Policy("ConferencingPolicy")), true
	case "externalaccesspolicy":
		return emptyNil(u.Policy("SfbExternalAccessPolicy")), true
	}
	return nil, false
}

// sfbDN is the distinguished name csemu gives a user in the emulated
// Active Directory: CN=<display name>,CN=Users,DC=<domain parts>.
func sfbDN(u *state.User) string {
	var b strings.Builder
	b.WriteString("CN=")
	name := u.DisplayName
	if name == "" {
		name = displayNameOf(u.UPN)
	}
	for _, r := range name {
		if strings.ContainsRune(`,\#+<>;"=`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteString(",CN=Users")
	_, domain, _ := strings.Cut(u.UPN, "@")
	for _, part := range strings.Split(domain, ".") {
		if part != "" {
			b.WriteString(",DC=" + part)
		}
	}
	return b.String()
}

// isDN reports whether a user identity is a distinguished name.
func isDN(id string) bool {
	return len(id) > 3 && strings.EqualFold(id[:3], "CN=")
}

// dnIndex maps the distinguished names of the directory's users to them,
// rebuilt when the directory changes, so that Get-CsUser | Grant-... does
// not scan the directory once per user.
type dnIndex struct {
	t       *state.Tenant
	users   int
	changes int
	byDN    map[string]string // lower-case DN -> UPN
}

// user returns the user whose distinguished name is dn.
func (x *dnIndex) user(t *state.Tenant, dn string) (*state.User, bool) {
	if x.t != t || x.users != t.NumUsers() || x.changes != t.NumChanges() {
		x.byDN = make(map[string]string, t.NumUsers())
		for u := range t.Users() {
			x.byDN[strings.ToLower(sfbDN(u))] = u.UPN
		}
		x.t, x.users, x.changes = t, t.NumUsers(), t.NumChanges()
	}
	upn, ok := x.byDN[strings.ToLower(dn)]
	if !ok {
		return nil, false
	}
	return t.User(upn)
}

// lookupUser returns the user that id names: a user principal name, a
// sip: address, an object ID or a distinguished name.
func (c call) lookupUser(t *state.Tenant, id string) (*state.User, bool) {
	id = userID(id)
	if isDN(id) {
		return c.h.dns.user(t, id)
	}
	return t.User(id)
}

// getTenant is Get-CsTenant: the emulated tenant has no ID of its own, so
// it shows the all-zero GUID that Connect-MicrosoftTeams reports offline;
// its domains are those of its users.
func getTenant(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	var domains []any
	seen := map[string]bool{}
	for u := range t.Users() {
		_, d, ok := strings.Cut(u.UPN, "@")
		if ok && d != "" && !seen[strings.ToLower(d)] {
			seen[strings.ToLower(d)] = true
			domains = append(domains, d)
		}
	}
	name := "csemu emulated tenant"
	if len(domains) > 0 {
		name = value.ToString(domains[0])
	}
	o := value.NewObjectOf([]string{"Microsoft.Rtc.Management.ADConnect.Schema.TenantObject"},
		[]string{"TenantId", "DisplayName", "VerifiedDomains", "SipDomain", "TeamsUpgradeEffectiveMode"},
		[]any{"00000000-0000-0000-0000-000000000000", name, &value.Array{Items: domains, List: true},
			&value.Array{Items: append([]any(nil), domains...), List: true}, "TeamsOnly"})
	return c.Write(o)
}

// refused lists parameters of cmdlet that the emulation refuses with
// [NotImplemented] ("cmdlet -Param is not emulated: why") when given.
func refused(cmdlet, why string, params ...string) []cmdlets.RefusedParam {
	out := make([]cmdlets.RefusedParam, len(params))
	for i, p := range params {
		out[i] = cmdlets.RefusedParam{Cmdlet: cmdlet, Param: p, When: cmdlets.RefusedGiven, What: cmdlet + " -" + p, Why: why}
	}
	return out
}
