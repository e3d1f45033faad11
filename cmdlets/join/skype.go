package join

import (
	"github.com/csemu/csemu/state"
)

// skype answers q under the Skype for Business Server rules
// (anonymous-join-rules.md, "Skype for Business Server"): the Edge, the
// organizer's conferencing policy, then the meeting configuration.
func (e *evaluation) skype(u *state.User, q Question) *Answer {
	p, source := e.policy(u, state.KindConferencingPolicy, PolicyConferencing)
	edge := e.object(state.KindAccessEdgeConfiguration, "Global")
	mc := e.object(state.KindMeetingConfiguration, "Global")
	finish := func() *Answer { return e.answer(q, p.Identity, source, true, false) }

	// 1. no Azure Communication Services clients
	if q.ClientType == ClientAcs {
		e.reason("Rule 1: Azure Communication Services clients cannot join Skype for Business Server meetings.")
		e.decide(NotSupported, "ClientType")
		return finish()
	}
	// 2 to 4. the Edge and the organizer's policy must each let them in
	checks := []struct {
		o    *state.Object
		prop string
		rule string
	}{
		{edge, "AllowOutsideUsers", "Rule 2 (Edge: users outside the network)"},
		{edge, "AllowAnonymousUsers", "Rule 3 (Edge: anonymous users)"},
		{p, "AllowAnonymousParticipantsInMeetings", "Rule 4 (organizer's conferencing policy)"},
	}
	for _, ch := range checks {
		v := e.read(ch.o, ch.prop)
		if !truth(v) {
			e.reason("%s: %s: blocked.", ch.rule, e.shown(ch.o, ch.prop, v))
			e.decide(Blocked, by(ch.o, ch.prop))
			return finish()
		}
		e.reason("%s: %s.", ch.rule, e.shown(ch.o, ch.prop, v))
	}
	// 5. the meeting configuration admits them or sends them to the lobby
	admit := e.read(mc, "AdmitAnonymousUsersByDefault")
	if truth(admit) {
		e.reason("Rule 5 (meeting defaults): %s: admitted.", e.shown(mc, "AdmitAnonymousUsersByDefault", admit))
		e.decide(Admitted, by(mc, "AdmitAnonymousUsersByDefault"))
	} else {
		e.reason("Rule 5 (meeting defaults): %s: the participant waits in the lobby.", e.shown(mc, "AdmitAnonymousUsersByDefault", admit))
		e.decide(Lobby, by(mc, "AdmitAnonymousUsersByDefault"))
	}
	e.reason("Skype for Business Server meetings have no Teams apps; chat is the meeting's instant messaging.")
	return finish()
}
