package join

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// Participant kinds (external-and-app-rules.md, section A): a person
// signed in to another organization joins as External only when both
// organizations allow each other and both people's policies allow external
// access; otherwise as Anonymous.
const (
	KindAnonymous = "Anonymous"
	KindExternal  = "External"
)

// ParticipantKinds lists the participant kinds.
var ParticipantKinds = []string{KindAnonymous, KindExternal}

// The values of ExternalAccessPolicy.CommunicationWithExternalOrgs
// (Set-CsExternalAccessPolicy).
const (
	orgDefault     = "OrganizationDefault"
	allowAllExt    = "AllowAllExternalDomains"
	allowSpecific  = "AllowSpecificExternalDomains"
	blockSpecific  = "BlockSpecificExternalDomains"
	blockAllExt    = "BlockAllExternalDomains"
	allowAllKnown  = "AllowAllKnownDomains"
	trialBlocked   = "Blocked"
	remoteAllowsUs = "RemoteAllowsUs"
)

// participantKind applies rules 1 to 6 of section A to a participant of
// q.ParticipantDomain: F is the tenant's TenantFederationConfiguration, X
// the organizer's effective ExternalAccessPolicy. It returns Anonymous or
// External, or "" when a setting holds a value outside the model (the
// outcome is then Unknown).
func (e *evaluation) participantKind(u *state.User, q Question) string {
	d := q.ParticipantDomain
	f := e.object(state.KindTenantFederationConfiguration, "Global")

	// Rule 1: federation on at all.
	fed := e.read(f, "AllowFederatedUsers")
	if !truth(fed) {
		e.reason("Section A rule 1 (federation): %s: users are blocked from every external domain, whatever the domain lists and external access policies say.",
			e.shown(f, "AllowFederatedUsers", fed))
		return e.anonymous(d, by(f, "AllowFederatedUsers"))
	}
	e.reason("Section A rule 1 (federation): %s.", e.shown(f, "AllowFederatedUsers", fed))

	// Rule 2: trial tenants.
	if q.ParticipantTenantIsTrial {
		trial := e.read(f, "ExternalAccessWithTrialTenants")
		if tv := state.Text(trial); trial == nil || tv == "" || strings.EqualFold(tv, trialBlocked) {
			list := e.read(f, "AllowedTrialTenantDomains")
			if domainListed(list, d) {
				e.reason("Section A rule 2 (trial tenants): %s, but %s lists %s.", e.shown(f, "ExternalAccessWithTrialTenants", trial),
					e.shownDomains(f, "AllowedTrialTenantDomains", list), d)
			} else {
				e.reason("Section A rule 2 (trial tenants): %s and %s does not list %s: people of a trial-only tenant are not federated.",
					e.shown(f, "ExternalAccessWithTrialTenants", trial), e.shownDomains(f, "AllowedTrialTenantDomains", list), d)
				return e.anonymous(d, by(f, "ExternalAccessWithTrialTenants"))
			}
		} else {
			e.reason("Section A rule 2 (trial tenants): %s: trial tenants are federated like any other.", e.shown(f, "ExternalAccessWithTrialTenants", trial))
		}
	}

	// Rule 3: the organizer's external access policy.
	x, _ := e.policyOf(u, e.external, state.KindExternalAccessPolicy, PolicyExternalAccess)
	enabled := e.read(x, "EnableFederationAccess")
	if !truth(enabled) {
		e.reason("Section A rule 3 (organizer's policy): %s: the organizer cannot meet people of other organizations as such.", e.shown(x, "EnableFederationAccess", enabled))
		return e.anonymous(d, by(x, "EnableFederationAccess"))
	}
	e.reason("Section A rule 3 (organizer's policy): %s.", e.shown(x, "EnableFederationAccess", enabled))

	// Rule 4: which domain list applies.
	decider, ok := e.rule4Domains(f, x, d)
	if !ok {
		return ""
	}
	if decider != "" {
		return e.anonymous(d, decider)
	}

	// Rule 5: the other side.
	switch {
	case q.RemoteDeniesUs:
		e.reason("Section A rule 5 (the other organization): the question says that %s does not allow this organization, or the participant's policy does not allow external access (-RemoteAllowsUs $false).", d)
		return e.anonymous(d, remoteAllowsUs)
	case q.RemoteStated:
		e.reason("Section A rule 5 (the other organization): the question says that %s allows this organization and the participant's policy allows external access (-RemoteAllowsUs $true).", d)
	default:
		e.reason("Section A rule 5 (the other organization): assumed that %s allows this organization and the participant's policy allows external access.", d)
		e.warn("csemu cannot see the tenant of %s: it assumed that it allows this organization and that the participant's policy allows external access; give -RemoteAllowsUs $false to ask the other case.", d)
	}

	// Rule 6.
	e.reason("Section A rule 6: both organizations allow each other, so the participant joins as External, shown \"(External)\" in the meeting.")
	return KindExternal
}

// anonymous records that the setting by made the participant of domain d
// count as anonymous, before the anonymous-join rules follow.
func (e *evaluation) anonymous(d, by string) string {
	e.reason("Section A: the participant from %s counts as Anonymous (decided by %s); the anonymous-join rules follow.", d, by)
	return KindAnonymous
}

// rule4Domains applies rule 4 of section A: with CommunicationWithExternalOrgs
// OrganizationDefault the tenant's lists decide, any other value replaces
// them for the organizer. It returns the setting that makes the
// participant anonymous, "" when the domain passes, and ok false when the
// policy holds a value outside the model.
func (e *evaluation) rule4Domains(f, x *state.Object, d string) (string, bool) {
	const comm = "CommunicationWithExternalOrgs"
	mode := e.read(x, comm)
	text := state.Text(mode)
	if mode == nil || text == "" {
		text = orgDefault // the Global policy's fixed value
	}
	switch {
	case strings.EqualFold(text, orgDefault):
		e.reason("Section A rule 4 (domains): %s: the tenant's federation lists decide.", e.shown(x, comm, mode))
		return e.tenantDomains(f, d), true
	case strings.EqualFold(text, allowAllExt):
		e.reason("Section A rule 4 (domains): %s: the organizer may meet every external domain; the tenant's AllowedDomains and BlockedDomains are not read for this organizer.", e.shown(x, comm, mode))
		return "", true
	case strings.EqualFold(text, allowSpecific):
		list := e.read(x, "AllowedExternalDomains")
		if domainListed(list, d) {
			e.reason("Section A rule 4 (domains): %s and %s lists %s.", e.shown(x, comm, mode), e.shownDomains(x, "AllowedExternalDomains", list), d)
			return "", true
		}
		e.reason("Section A rule 4 (domains): %s and %s does not list %s.", e.shown(x, comm, mode), e.shownDomains(x, "AllowedExternalDomains", list), d)
		return by(x, "AllowedExternalDomains"), true
	case strings.EqualFold(text, blockSpecific):
		list := e.read(x, "BlockedExternalDomains")
		if domainListed(list, d) {
			e.reason("Section A rule 4 (domains): %s and %s lists %s.", e.shown(x, comm, mode), e.shownDomains(x, "BlockedExternalDomains", list), d)
			return by(x, "BlockedExternalDomains"), true
		}
		e.reason("Section A rule 4 (domains): %s and %s does not list %s.", e.shown(x, comm, mode), e.shownDomains(x, "BlockedExternalDomains", list), d)
		return "", true
	case strings.EqualFold(text, blockAllExt):
		e.reason("Section A rule 4 (domains): %s: the organizer may meet no external domain.", e.shown(x, comm, mode))
		return by(x, comm), true
	}
	e.reason("Section A rule 4 (domains): %s is not a value csemu knows (OrganizationDefault, AllowAllExternalDomains, AllowSpecificExternalDomains, BlockSpecificExternalDomains, BlockAllExternalDomains).",
		e.shown(x, comm, mode))
	e.decide(Unknown, by(x, comm))
	return "", false
}

// tenantDomains applies the tenant's lists (rule 4, OrganizationDefault):
// an allow list must list d exactly (BlockedDomains is then not read);
// with AllowAllKnownDomains d must not be on BlockedDomains, nor, with
// BlockAllSubdomains, under a domain on it.
func (e *evaluation) tenantDomains(f *state.Object, d string) string {
	allowed := e.read(f, "AllowedDomains")
	if list, ok := allowListDomains(allowed); ok {
		shown := e.shownText(f, "AllowedDomains", "an allow list of "+domainsShown(list))
		if domainIn(list, d) {
			e.reason("Section A rule 4 (tenant lists): %s lists %s; BlockedDomains is not read with an allow list.", shown, d)
			return ""
		}
		e.reason("Section A rule 4 (tenant lists): %s does not list %s.", shown, d)
		return by(f, "AllowedDomains")
	}
	blocked := e.read(f, "BlockedDomains")
	sub := e.read(f, "BlockAllSubdomains")
	list := domainsOf(blocked)
	allShown := e.shownText(f, "AllowedDomains", allowAllKnown)
	if domainIn(list, d) {
		e.reason("Section A rule 4 (tenant lists): %s, but %s lists %s.", allShown, e.shownDomains(f, "BlockedDomains", blocked), d)
		return by(f, "BlockedDomains")
	}
	if truth(sub) {
		for _, b := range list {
			if isSubdomain(d, b) {
				e.reason("Section A rule 4 (tenant lists): %s, %s lists %s, and %s blocks its subdomains, %s among them.",
					allShown, e.shownDomains(f, "BlockedDomains", blocked), b, e.shown(f, "BlockAllSubdomains", sub), d)
				return by(f, "BlockAllSubdomains")
			}
		}
	}
	e.reason("Section A rule 4 (tenant lists): %s and %s does not block %s (%s).", allShown, e.shownDomains(f, "BlockedDomains", blocked), d,
		e.shown(f, "BlockAllSubdomains", sub))
	return ""
}

// skypeExternal answers a question about a person of another organization
// for Skype for Business Server, which section A does not cover.
func (e *evaluation) skypeExternal(q Question) *Answer {
	e.reason("Section A covers Teams meetings only; csemu does not model people of other organizations joining a Skype for Business Server meeting.")
	e.decide(Unknown, "Service")
	return e.answer(q, "", "", false, false)
}

// externalLobby is the lobby rule for an External participant: a town hall
// admits; AutoAdmittedUsers Everyone or EveryoneInSameAndFederatedCompany
// admits; any other value sends the participant to the lobby.
func (m *teamsMeeting) externalLobby() {
	if m.q.MeetingType == MeetingTownHall {
		m.reason("Lobby (External): a town hall has no lobby.")
		m.decide(Admitted, "MeetingType")
		return
	}
	admitted := m.read(m.p, "AutoAdmittedUsers")
	v := state.Text(admitted)
	if strings.EqualFold(v, "Everyone") || strings.EqualFold(v, "EveryoneInSameAndFederatedCompany") {
		m.reason("Lobby (External): %s: a participant of a federated organization bypasses the lobby.", m.shown(m.p, "AutoAdmittedUsers", admitted))
		m.decide(Admitted, by(m.p, "AutoAdmittedUsers"))
		return
	}
	m.reason("Lobby (External): %s: a participant of a federated organization waits in the lobby until admitted.", m.shown(m.p, "AutoAdmittedUsers", admitted))
	m.decide(Lobby, by(m.p, "AutoAdmittedUsers"))
}

// externalCapabilities tells what an External participant can use: the
// chat follows MeetingChatEnabledType (EnabledExceptAnonymous keeps it,
// section A); the apps are not subject to
// DisableAppInteractionForAnonymousUsers, which the
// Set-CsTeamsMeetingConfiguration page describes as whether anonymous
// users can interact with apps. Nor is there a CAPTCHA warning:
// CaptchaVerificationForMeetingJoin names anonymous users and untrusted
// organizations, and an External participant's organization is federated.
func (m *teamsMeeting) externalCapabilities() (chat, apps bool) {
	chatType := state.Text(m.valueOf(m.p, "MeetingChatEnabledType"))
	chat = !(m.q.ClientType == ClientAcs && m.q.MeetingType == MeetingChannel) && !strings.EqualFold(chatType, "Disabled")
	return chat, true
}

// explainExternalCapabilities gives the capabilities' reason.
func (m *teamsMeeting) explainExternalCapabilities() {
	if m.q.ClientType == ClientAcs && m.q.MeetingType == MeetingChannel {
		m.reason("Capabilities (External): an Azure Communication Services client has no chat in a channel meeting.")
		return
	}
	chatType := m.valueOf(m.p, "MeetingChatEnabledType")
	m.reason("Capabilities (External): %s (EnabledExceptAnonymous does not remove an External participant's chat); DisableAppInteractionForAnonymousUsers is about anonymous participants only.",
		m.shown(m.p, "MeetingChatEnabledType", chatType))
}

// shownText is shown with the value written as text.
func (e *evaluation) shownText(o *state.Object, property, text string) string {
	ref := Setting{o.Kind, o.Identity, property}
	return ref.String() + " = " + text + " (" + e.origin(ref) + ")"
}

// shownDomains is shown for a list of domains.
func (e *evaluation) shownDomains(o *state.Object, property string, v any) string {
	if v == nil {
		return e.shownText(o, property, "$null")
	}
	return e.shownText(o, property, domainsShown(domainsOf(v)))
}

// domainsShown writes a list of domains for a reason.
func domainsShown(list []string) string {
	if len(list) == 0 {
		return "(none)"
	}
	return "(" + strings.Join(list, ", ") + ")"
}

// allowListDomains returns the domains of a stored AllowedDomains value,
// and whether it is an allow list: an AllowList object (see
// state.AllowList), or a plain list. AllowAllKnownDomains is not.
func allowListDomains(v any) ([]string, bool) {
	switch x := v.(type) {
	case *state.Object:
		if !strings.EqualFold(x.Kind, "AllowList") {
			return nil, false
		}
		list, _ := x.Get("AllowedDomain")
		return domainsOf(list), true
	case []any:
		return domainsOf(x), true
	}
	return nil, false
}

// domainsOf returns the domains of a stored list: DomainPattern objects,
// strings, or one string of comma-separated domains.
func domainsOf(v any) []string {
	var out []string
	for _, it := range listItems(v) {
		switch x := it.(type) {
		case *state.Object:
			if dv, ok := x.Get("Domain"); ok {
				if s := strings.TrimSpace(state.Text(dv)); s != "" {
					out = append(out, s)
				}
			}
		default:
			if s := strings.TrimSpace(state.Text(x)); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// domainListed reports whether a stored list of domains holds d.
func domainListed(v any, d string) bool { return domainIn(domainsOf(v), d) }

// domainIn reports whether list holds d, compared case-insensitively.
func domainIn(list []string, d string) bool {
	for _, x := range list {
		if strings.EqualFold(x, d) {
			return true
		}
	}
	return false
}

// isSubdomain reports whether d lies under the domain parent
// (sales.fabrikam.com under fabrikam.com).
func isSubdomain(d, parent string) bool {
	d, parent = strings.ToLower(d), strings.ToLower(parent)
	return parent != "" && strings.HasSuffix(d, "."+parent)
}
