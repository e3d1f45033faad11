package join

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// teamsMeeting is one evaluation of the Teams rules (anonymous-join-rules.md,
// "Teams"): P is the organizer's effective TeamsMeetingPolicy, C the
// tenant's TeamsMeetingConfiguration.
type teamsMeeting struct {
	*evaluation
	q Question
	u *state.User // nil: the organizer is not in the directory
	p *state.Object
	c *state.Object
}

// teams answers q under the Teams rules. Each rule returns true when it
// decides the outcome; rule 6 only tells what the participant can use.
func (e *evaluation) teams(u *state.User, q Question) *Answer {
	if q.ParticipantDomain != "" {
		// section A of external-and-app-rules.md: who the participant
		// counts as comes first
		e.kind = e.participantKind(u, q)
		if e.kind == "" {
			p, source := e.policy(u, state.KindTeamsMeetingPolicy, PolicyTeamsMeeting)
			return e.answer(q, p.Identity, source, false, false)
		}
	}
	p, source := e.policy(u, state.KindTeamsMeetingPolicy, PolicyTeamsMeeting)
	m := &teamsMeeting{evaluation: e, q: q, u: u, p: p, c: e.object(state.KindTeamsMeetingConfiguration, "Global")}
	chat, apps := true, true
	if e.kind == KindExternal {
		if !m.rule1ServiceLimits() {
			m.reason("Rules 2 and 3 (blocked client types, unverified join) do not apply to a participant from a federated organization.")
			chat, apps = m.externalCapabilities()
			if !m.rule4AcsNeedsTeamsUser() {
				m.externalLobby()
			}
			m.explainExternalCapabilities()
		}
		return e.answer(q, p.Identity, source, chat, apps)
	}
	if !m.rule1ServiceLimits() && !m.rule2BlockedClientTypes() && !m.rule3UnverifiedJoin() {
		chat, apps = m.rule6Capabilities()
		if !m.rule4AcsNeedsTeamsUser() {
			m.rule5Lobby()
		}
		m.explainCapabilities()
	}
	return e.answer(q, p.Identity, source, chat, apps)
}

// by names a setting of o as DecidedBy does.
func by(o *state.Object, property string) string {
	return Setting{o.Kind, o.Identity, property}.String()
}

// rule1ServiceLimits: scenarios that do not exist for a client.
func (m *teamsMeeting) rule1ServiceLimits() bool {
	client, meeting := m.q.ClientType, m.q.MeetingType
	switch {
	case client == ClientAcs && (meeting == MeetingLiveEvent || meeting == MeetingGroupCall):
		m.reason("Rule 1 (service limits): Azure Communication Services clients cannot join a %s anonymously.", meeting)
		m.decide(NotSupported, "MeetingType")
		return true
	case client == ClientTeams && meeting == MeetingGroupCall:
		m.reason("Rule 1 (service limits): anonymous users join meetings by link; a group call has no anonymous join.")
		m.decide(NotSupported, "MeetingType")
		return true
	case client == ClientTeams && meeting == MeetingLiveEvent:
		m.reason("Rule 1 (service limits): live events have their own settings, which csemu does not model.")
		m.decide(Unknown, "MeetingType")
		return true
	}
	m.reason("Rule 1 (service limits): a %s client can join a %s.", client, meeting)
	if client == ClientAcs && meeting == MeetingWebinar {
		m.warn("Presenter and attendee roles of a webinar are not enforced for Azure Communication Services clients.")
	}
	return false
}

// rule2BlockedClientTypes: P.BlockedAnonymousJoinClientTypes lists the
// client (compared case-insensitively).
func (m *teamsMeeting) rule2BlockedClientTypes() bool {
	const setting = "BlockedAnonymousJoinClientTypes"
	blocked := m.read(m.p, setting)
	for _, it := range listItems(blocked) {
		if strings.EqualFold(state.Text(it), m.q.ClientType) {
			m.reason("Rule 2 (blocked client types): %s lists %s: blocked.", m.shown(m.p, setting, blocked), m.q.ClientType)
			m.decide(Blocked, by(m.p, setting))
			return true
		}
	}
	m.reason("Rule 2 (blocked client types): %s does not list %s.", m.shown(m.p, setting, blocked), m.q.ClientType)
	return false
}

// rule3UnverifiedJoin: unverified join needs C.DisableAnonymousJoin off and
// P.AllowAnonymousUsersToJoinMeeting on; otherwise only the email one-time
// passcode path is left.
func (m *teamsMeeting) rule3UnverifiedJoin() bool {
	disable := m.read(m.c, "DisableAnonymousJoin")
	allow := m.read(m.p, "AllowAnonymousUsersToJoinMeeting")
	orgOff := truth(disable)
	if !orgOff && truth(allow) {
		m.reason("Rule 3 (unverified join): %s and %s: unverified join is allowed.", m.shown(m.c, "DisableAnonymousJoin", disable), m.shown(m.p, "AllowAnonymousUsersToJoinMeeting", allow))
		return false
	}
	m.reason("Rule 3 (unverified join): %s and %s: unverified join is off.", m.shown(m.c, "DisableAnonymousJoin", disable), m.shown(m.p, "AllowAnonymousUsersToJoinMeeting", allow))
	method := m.read(m.p, "AnonymousUserAuthenticationMethod")
	premium := m.u != nil && HasLicense(m.u, LicenseTeamsPremium)
	m.reason("Rule 3 (verified join): %s, organizer holds TeamsPremium: %v, meeting type %s.",
		m.shown(m.p, "AnonymousUserAuthenticationMethod", method), premium, m.q.MeetingType)
	if !PasscodePathOpen(method, premium, m.q.MeetingType) {
		decider := by(m.p, "AllowAnonymousUsersToJoinMeeting")
		if orgOff {
			decider = by(m.c, "DisableAnonymousJoin")
		}
		m.reason("Rule 3: no email one-time passcode path: blocked.")
		m.decide(Blocked, decider)
		return true
	}
	m.warn("The email one-time passcode path is a preview feature, and Microsoft's documents disagree on how it combines with DisableAnonymousJoin; csemu offers it whenever unverified join is off (rule 3 of its rules).")
	if !m.q.Verified {
		m.reason("Rule 3: the participant must verify with an email one-time passcode first.")
		m.decide(VerificationRequired, by(m.p, "AnonymousUserAuthenticationMethod"))
		return true
	}
	m.reason("Rule 3: the participant verified with an email one-time passcode.")
	return false
}

// rule4AcsNeedsTeamsUser: an Azure Communication Services client is not
// admitted before a signed-in Teams user joins.
func (m *teamsMeeting) rule4AcsNeedsTeamsUser() bool {
	if m.q.ClientType != ClientAcs {
		return false
	}
	if m.q.TeamsUserAbsent {
		m.reason("Rule 4 (ACS needs a Teams user): no signed-in Teams user is in the meeting yet, so the client waits.")
		m.decide(Lobby, "TeamsUserPresent")
		return true
	}
	m.reason("Rule 4 (ACS needs a Teams user): a signed-in Teams user is in the meeting.")
	return false
}

// rule5Lobby: a town hall has no lobby; otherwise P.AutoAdmittedUsers
// Everyone admits, any other value sends the participant to the lobby.
func (m *teamsMeeting) rule5Lobby() {
	if m.q.MeetingType == MeetingTownHall {
		m.reason("Rule 5 (lobby): a town hall has no lobby.")
		m.decide(Admitted, "MeetingType")
		return
	}
	admitted := m.read(m.p, "AutoAdmittedUsers")
	if !BypassesLobby(admitted) {
		m.reason("Rule 5 (lobby): %s: anonymous participants wait in the lobby until admitted.", m.shown(m.p, "AutoAdmittedUsers", admitted))
		m.decide(Lobby, by(m.p, "AutoAdmittedUsers"))
		return
	}
	m.reason("Rule 5 (lobby): %s: the participant bypasses the lobby.", m.shown(m.p, "AutoAdmittedUsers", admitted))
	m.decide(Admitted, by(m.p, "AutoAdmittedUsers"))
	if start := m.valueOf(m.p, "AllowAnonymousUsersToStartMeeting"); !truth(start) {
		m.warn("The participant waits in the lobby until a signed-in participant has started the meeting (%s).", m.shown(m.p, "AllowAnonymousUsersToStartMeeting", start))
	}
}

// rule6Capabilities tells whether the participant can use the meeting chat
// and the apps in the meeting; it does not change the outcome. It also
// warns of the CAPTCHA.
func (m *teamsMeeting) rule6Capabilities() (chat, apps bool) {
	chatType := state.Text(m.valueOf(m.p, "MeetingChatEnabledType"))
	chat = !(m.q.ClientType == ClientAcs && m.q.MeetingType == MeetingChannel) &&
		!strings.EqualFold(chatType, "Disabled") && !strings.EqualFold(chatType, "EnabledExceptAnonymous")
	apps = !truth(m.valueOf(m.c, "DisableAppInteractionForAnonymousUsers"))
	if captcha := m.valueOf(m.p, "CaptchaVerificationForMeetingJoin"); m.q.ClientType == ClientTeams && m.q.MeetingType != MeetingTownHall &&
		strings.EqualFold(state.Text(captcha), "AnonymousUsersAndUntrustedOrganizations") {
		m.warn("The participant must pass a CAPTCHA before joining (%s).", m.shown(m.p, "CaptchaVerificationForMeetingJoin", captcha))
	}
	return chat, apps
}

// explainCapabilities gives rule 6's reason, after the outcome.
func (m *teamsMeeting) explainCapabilities() {
	if m.q.ClientType == ClientAcs && m.q.MeetingType == MeetingChannel {
		m.reason("Rule 6 (capabilities): an Azure Communication Services client has no chat in a channel meeting.")
		return
	}
	chatType := state.Text(m.valueOf(m.p, "MeetingChatEnabledType"))
	m.reason("Rule 6 (capabilities): MeetingChatEnabledType = %s; %s.", chatType,
		m.shown(m.c, "DisableAppInteractionForAnonymousUsers", m.valueOf(m.c, "DisableAppInteractionForAnonymousUsers")))
}
