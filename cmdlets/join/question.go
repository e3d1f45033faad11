package join

import (
	"strings"
	"time"

	"github.com/csemu/csemu/state"
)

// Outcomes of a question.
const (
	// Admitted: the participant bypasses the lobby.
	Admitted = "Admitted"
	// Lobby: the participant waits to be admitted.
	Lobby = "Lobby"
	// VerificationRequired: the participant must verify with an email
	// code first.
	VerificationRequired = "VerificationRequired"
	// Blocked: the participant cannot join.
	Blocked = "Blocked"
	// NotSupported: the scenario does not exist for that client.
	NotSupported = "NotSupported"
	// Unknown: outside the model.
	Unknown = "Unknown"
)

// Services, client types and meeting types, in their canonical spelling.
const (
	ServiceTeams = "Teams"
	ServiceSkype = "SkypeForBusinessServer"

	ClientTeams = "Teams"
	ClientAcs   = "Acs"

	MeetingRegular   = "Meeting"
	MeetingChannel   = "ChannelMeeting"
	MeetingWebinar   = "Webinar"
	MeetingTownHall  = "TownHall"
	MeetingLiveEvent = "LiveEvent"
	MeetingGroupCall = "GroupCall"
)

// Services, ClientTypes and MeetingTypes list the values a [Question]
// takes, in the order help shows them.
var (
	Services     = []string{ServiceTeams, ServiceSkype}
	ClientTypes  = []string{ClientTeams, ClientAcs}
	MeetingTypes = []string{MeetingRegular, MeetingChannel, MeetingWebinar, MeetingTownHall, MeetingLiveEvent, MeetingGroupCall}
)

// PropagationDelay is how long the live service may take to apply a
// changed setting.
const PropagationDelay = 24 * time.Hour

// Question is what is asked about an anonymous participant: the service
// that hosts the meeting, the participant's client, the kind of meeting,
// whether the participant verified with an email one-time passcode and
// whether a signed-in Teams user is already in the meeting. Empty fields
// take their defaults (Teams, Teams, Meeting); values are compared
// case-insensitively.
type Question struct {
	Service     string
	ClientType  string
	MeetingType string
	Verified    bool
	// TeamsUserAbsent is set when no signed-in Teams user is in the
	// meeting yet (-TeamsUserPresent:$false).
	TeamsUserAbsent bool

	// ParticipantDomain is the domain of a participant signed in to
	// another organization (external-and-app-rules.md, section A); empty
	// for an unauthenticated participant.
	ParticipantDomain string
	// RemoteDeniesUs is set when the participant's tenant does not allow
	// ours, or the participant's own policy does not allow external
	// access (-RemoteAllowsUs:$false); RemoteStated when the question says
	// either way (-RemoteAllowsUs given), else csemu assumes it does.
	RemoteDeniesUs, RemoteStated bool
	// ParticipantTenantIsTrial: the participant's tenant has only trial
	// licences.
	ParticipantTenantIsTrial bool
}

// canonical returns q with every field in its canonical spelling.
func (q Question) canonical() Question {
	q.Service = canonical(q.Service, Services, ServiceTeams)
	q.ClientType = canonical(q.ClientType, ClientTypes, ClientTeams)
	q.MeetingType = canonical(q.MeetingType, MeetingTypes, MeetingRegular)
	q.ParticipantDomain = strings.TrimSpace(q.ParticipantDomain)
	return q
}

// canonical returns v in the spelling of the matching allowed value, def
// when v is empty.
func canonical(v string, allowed []string, def string) string {
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return a
		}
	}
	return v
}

// Answer is the answer to a [Question] for one organizer: the properties
// of an AnonymousJoinResult but the organizer. Answers that an [Evaluator]
// shares among organizers must not be changed.
type Answer struct {
	Service, ClientType, MeetingType string
	// ParticipantKind is who the participant counts as: Anonymous, or
	// External for a person of a federated organization (section A of
	// external-and-app-rules.md).
	ParticipantKind string
	// Allowed: the participant gets into the meeting, directly or after
	// the lobby.
	Allowed bool
	Outcome string
	// DecidedBy names the one setting that decided, as
	// Kind[Identity].Property, or the input (ClientType, MeetingType,
	// TeamsUserPresent) for service limits.
	DecidedBy string
	// PolicyName and PolicySource are the organizer's effective policy
	// and where it comes from (Direct, Group, Tenant, Global).
	PolicyName, PolicySource string
	// Chat and AppInteraction are what the participant can use in the
	// meeting; both are false when Allowed is.
	Chat, AppInteraction bool
	// Reasons lists every rule evaluated, in order, with the value read
	// and where it comes from; Warnings what may still surprise.
	Reasons, Warnings []string

	shared bool
}

// Shared reports whether the evaluator gives the answer to every organizer
// who asks the same question under the same policy, rather than to one.
func (a *Answer) Shared() bool { return a.shared }

// Setting names one setting that a rule reads: a property of a stored
// object, or an assignment (kind User, Group or Tenant, identity the user,
// group or Global, property the policy type).
type Setting struct {
	Kind, Identity, Property string
}

// String writes the setting as Kind[Identity].Property.
func (r Setting) String() string {
	return r.Kind + "[" + r.Identity + "]." + r.Property
}

// Evaluate answers q for the organizer with user principal name organizer
// on tenant t at time now. To answer for many organizers, use one
// [Evaluator].
func Evaluate(t *state.Tenant, now time.Time, organizer string, q Question) *Answer {
	return NewEvaluator(t, now).Evaluate(organizer, q)
}

// Evaluator answers questions on one tenant. Organizers who ask the same
// question under the same effective policy, through a group or tenant-wide
// assignment or Global, and hold the same licences that the rules read
// share one answer, so that asking for every user of a large directory
// costs one evaluation per distinct case. An evaluator sees the tenant as
// it was when made: see [Evaluator.At].
type Evaluator struct {
	t         *state.Tenant
	changes   int
	since     time.Time // when the shared answers were worked out
	now       time.Time
	resolvers map[string]*Resolver
	shared    map[sharedKey]*Answer
}

// sharedKey is what an answer depends on besides the tenant and the clock.
type sharedKey struct {
	q        Question
	premium  bool
	policy   Effective
	external Effective // the ExternalAccessPolicy, when q names a domain
}

// NewEvaluator returns an evaluator of the tenant t at time now.
func NewEvaluator(t *state.Tenant, now time.Time) *Evaluator {
	return &Evaluator{t: t, changes: t.NumChanges(), since: now, now: now, resolvers: map[string]*Resolver{}, shared: map[sharedKey]*Answer{}}
}

// At returns an evaluator of tenant t at time now: e itself, moved to now,
// while it still answers for them (the same tenant with no change since,
// and a clock that has neither gone back nor moved on by a second, since
// the warnings tell the age of changes), else a new one. e may be nil.
func (e *Evaluator) At(t *state.Tenant, now time.Time) *Evaluator {
	if e == nil || e.t != t || e.changes != t.NumChanges() || now.Before(e.since) || now.Sub(e.since) >= time.Second {
		return NewEvaluator(t, now)
	}
	e.now = now
	return e
}

// resolver returns the evaluator's resolver of a policy type.
func (e *Evaluator) resolver(policyType string) *Resolver {
	r := e.resolvers[policyType]
	if r == nil {
		r = NewResolver(e.t, policyType)
		e.resolvers[policyType] = r
	}
	return r
}

// Evaluate answers q for the organizer with user principal name
// organizer. An organizer who is not in the directory is evaluated with
// the tenant default policy and no licences, with a warning.
func (e *Evaluator) Evaluate(organizer string, q Question) *Answer {
	q = q.canonical()
	u, found := e.t.User(organizer)
	policyType := PolicyTeamsMeeting
	if q.Service == ServiceSkype {
		policyType = PolicyConferencing
	}
	eff := e.resolver(policyType).Resolve(u)
	// Organizers who share the inputs share the answer; a direct
	// assignment or a missing organizer is named in it, so those are
	// worked out alone.
	shared := found && eff.Source != SourceDirect
	key := sharedKey{q: q, premium: found && HasLicense(u, LicenseTeamsPremium), policy: eff}
	if q.ParticipantDomain != "" && q.Service == ServiceTeams {
		key.external = e.resolver(PolicyExternalAccess).Resolve(u)
		shared = shared && key.external.Source != SourceDirect
	}
	if shared {
		if a, ok := e.shared[key]; ok {
			return a
		}
	}
	ev := &evaluation{t: e.t, now: e.now, resolved: eff, external: key.external}
	if !found {
		ev.warn("The organizer %q is not in the directory; csemu evaluated the tenant default policy and no licenses.", organizer)
	}
	var a *Answer
	if q.Service == ServiceSkype && q.ParticipantDomain != "" {
		a = ev.skypeExternal(q)
	} else if q.Service == ServiceSkype {
		a = ev.skype(u, q)
	} else {
		a = ev.teams(u, q)
	}
	if shared {
		a.shared = true
		e.shared[key] = a
	}
	return a
}
