package cmdlets

import (
	"fmt"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// Test-AnonymousJoin answers: can an anonymous participant join a meeting
// that this organizer organizes, from this client, and which setting
// decides it? It implements the rules of the reference
// anonymous-join-rules.md, which decides where Microsoft's documents
// disagree.

// Outcomes of Test-AnonymousJoin.
const (
	outcomeAdmitted     = "Admitted"
	outcomeLobby        = "Lobby"
	outcomeVerification = "VerificationRequired"
	outcomeBlocked      = "Blocked"
	outcomeNotSupported = "NotSupported"
	outcomeUnknown      = "Unknown"
)

// propagationDelay is how long the live service may take to apply a
// changed setting.
const propagationDelay = 24 * time.Hour

func whatIfCmdlets() []*Cmdlet {
	return []*Cmdlet{{
		Name: "Test-AnonymousJoin", Module: "csemu",
		Synopsis: "Tells whether an anonymous participant can join a meeting of an organizer, how, and which setting decides it.",
		Description: `Test-AnonymousJoin evaluates the tenant's settings as the Teams or Skype for Business Server service would for an
    anonymous participant (not signed in, or from an untrusted organization) who joins a meeting that the organizer
    organizes. It resolves the organizer's effective policy (direct assignment, then the best-ranked group assignment
    among the groups the organizer is a direct member of, then the policy granted with -Global, then Global) and
    applies the rules in order: service limits, blocked client types, unverified join (org switch and policy), the
    email one-time passcode path, the ACS wait for a Teams user, and the lobby.

    Outcomes: Admitted (bypasses the lobby), Lobby (waits to be admitted), VerificationRequired (must verify by
    email code first), Blocked, NotSupported (the scenario does not exist for that client), Unknown (outside the
    model). DecidedBy names the one setting that decided, as Object[Identity].Property. Reasons lists every rule
    evaluated with the value read and the script line that last set it; Warnings lists what may still surprise:
    changes younger than 24 hours, CAPTCHA, preview features and points where Microsoft's documents disagree.`,
		Params: []*ParamDef{
			help(alias(byName(mand(p("Organizer", "string", 0))), "UserPrincipalName"),
				"The UPN of the organizer; binds from the pipeline by property name UserPrincipalName (Get-CsOnlineUser | Test-AnonymousJoin)."),
			help(values(p("ClientType", "string", -1), "Teams", "Acs"), "The anonymous participant's client: the Teams client or an Azure Communication Services app (default Teams)."),
			help(values(p("MeetingType", "string", -1), "Meeting", "ChannelMeeting", "Webinar", "TownHall", "LiveEvent", "GroupCall"), "The kind of meeting (default Meeting)."),
			help(values(p("Service", "string", -1), "Teams", "SkypeForBusinessServer"), "Which service hosts the meeting (default Teams)."),
			{Name: "Verified", Type: "switch", Position: -1, Help: "The participant completes the email one-time passcode."},
			{Name: "TeamsUserPresent", Type: "bool", Position: -1, Help: "A signed-in Teams user is already in the meeting (default $true)."},
		},
		Examples: []string{
			"Test-AnonymousJoin -Organizer ann@contoso.com",
			"Test-AnonymousJoin ann@contoso.com -ClientType Acs -MeetingType Webinar | Format-List",
			"Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs | Where-Object { -not $_.Allowed }",
			"Test-AnonymousJoin ann@contoso.com -Service SkypeForBusinessServer",
		},
		Process: testAnonymousJoin,
	}}
}

// settingRef names one setting that a rule read.
type settingRef struct {
	kind, identity, property string
}

func (r settingRef) String() string {
	return r.kind + "[" + r.identity + "]." + r.property
}

// joinEval is one evaluation of Test-AnonymousJoin.
type joinEval struct {
	c         *Call
	t         *state.Tenant
	now       time.Time
	reasons   []string
	warnings  []string
	path      []settingRef // settings on the deciding path, in order
	outcome   string
	decidedBy string
	resolved  effectivePolicy // the organizer's effective policy
}

// read returns a setting's value and records it on the deciding path.
func (e *joinEval) read(o *state.Object, property string) any {
	e.path = append(e.path, settingRef{o.Kind, o.Identity, property})
	v, _ := o.Get(property)
	return v
}

// shown describes a setting and its value for Reasons: the value and the
// script line that last set it, or that it is the default.
func (e *joinEval) shown(o *state.Object, property string, v any) string {
	ref := settingRef{o.Kind, o.Identity, property}
	return fmt.Sprintf("%s = %s (%s)", ref, showText(v), e.origin(ref))
}

// origin tells where a setting's value comes from.
func (e *joinEval) origin(ref settingRef) string {
	ch, ok := e.t.LastChange(ref.kind, ref.identity, ref.property)
	if !ok {
		if ref.property == "" {
			return "default"
		}
		if ch, ok = e.t.LastChange(ref.kind, ref.identity, ""); ok {
			return "default of the policy created by " + changeWhere(ch)
		}
		return "default"
	}
	return "set by " + changeWhere(ch)
}

// changeWhere renders where a change was made: file:line and cmdlet.
func changeWhere(ch *state.Change) string {
	where := ch.Cmdlet
	if ch.File != "" {
		where = fmt.Sprintf("%s at %s:%d", ch.Cmdlet, ch.File, ch.Line)
	} else if ch.Line > 0 {
		where = fmt.Sprintf("%s at line %d", ch.Cmdlet, ch.Line)
	}
	return where
}

func (e *joinEval) reason(format string, args ...any) {
	e.reasons = append(e.reasons, fmt.Sprintf(format, args...))
}

func (e *joinEval) warn(format string, args ...any) {
	e.warnings = append(e.warnings, fmt.Sprintf(format, args...))
}

func (e *joinEval) decide(outcome, by string) {
	e.outcome, e.decidedBy = outcome, by
}

// recentChanges warns about the settings on the deciding path that changed
// less than 24 hours ago by the emulated clock.
func (e *joinEval) recentChanges() {
	seen := map[settingRef]bool{}
	for _, ref := range e.path {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		ch, ok := e.t.LastChange(ref.kind, ref.identity, ref.property)
		if !ok {
			continue
		}
		age := e.now.Sub(ch.Time)
		if age < 0 || age >= propagationDelay {
			continue
		}
		name := ref.String()
		if ref.kind == "User" || ref.kind == "Group" || ref.kind == "Tenant" {
			name = fmt.Sprintf("The %s assignment of %s %s", ref.property, strings.ToLower(ref.kind), ref.identity)
			if ref.kind == "Tenant" {
				name = fmt.Sprintf("The tenant-wide %s grant", ref.property)
			}
		}
		e.warn("%s changed %s ago (%s); the live service may take up to 24 hours to apply it, so real meetings may still behave as before.",
			name, ageText(age), changeWhere(ch))
	}
}

// ageText renders a duration the way a person would say it.
func ageText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	default:
		return plural(int(d/time.Hour), "hour")
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// canonical returns v in the spelling of the matching allowed value.
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

func testAnonymousJoin(c *Call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	organizer := strings.TrimSpace(c.String("Organizer"))
	if len(organizer) > 4 && strings.EqualFold(organizer[:4], "sip:") {
		organizer = organizer[4:]
	}
	q := joinQuery{
		clientType:  canonical(c.String("ClientType"), []string{"Teams", "Acs"}, "Teams"),
		meetingType: canonical(c.String("MeetingType"), []string{"Meeting", "ChannelMeeting", "Webinar", "TownHall", "LiveEvent", "GroupCall"}, "Meeting"),
		service:     canonical(c.String("Service"), []string{"Teams", "SkypeForBusinessServer"}, "Teams"),
		verified:    c.Bool("Verified"),
		present:     true,
	}
	if c.Has("TeamsUserPresent") {
		q.present = c.Bool("TeamsUserPresent")
	}
	now := c.s.clock.Now()
	cache := joinCacheOf(c, t, now)
	u, found := t.User(organizer)
	policyType := "TeamsMeetingPolicy"
	if q.service == "SkypeForBusinessServer" {
		policyType = "ConferencingPolicy"
	}
	eff := cache.resolver(t, policyType).resolve(u)
	q.policy = eff
	q.premium = found && hasLicense(u, "TeamsPremium")
	// Organizers who share the inputs share the answer; a direct assignment
	// or a missing organizer is named in it, so those are worked out alone.
	shared := found && eff.Source != sourceDirect
	if shared {
		if r, ok := cache.entries[q]; ok {
			return c.Write(r.object(organizer))
		}
	}
	e := &joinEval{c: c, t: t, now: now, resolved: eff}
	if !found {
		e.warn("The organizer %q is not in the directory; csemu evaluated the tenant default policy and no licenses.", organizer)
	}
	var r *joinAnswer
	if q.service == "SkypeForBusinessServer" {
		r = e.skype(u, q.clientType, q.meetingType)
	} else {
		r = e.teams(u, q.clientType, q.meetingType, q.verified, q.present)
	}
	if shared {
		cache.entries[q] = r
	}
	return c.Write(r.object(organizer))
}

// joinQuery is what an answer depends on besides the tenant and the clock.
type joinQuery struct {
	service, clientType, meetingType string
	verified, present, premium       bool
	policy                           effectivePolicy
}

// joinCache keeps the answers of one Test-AnonymousJoin pipeline, which
// asks the same question for every organizer it gets. It is dropped when
// the tenant changes or the clock moves on by a second (the warnings tell
// the age of changes).
type joinCache struct {
	t         *state.Tenant
	changes   int
	at        time.Time
	resolvers map[string]*policyResolver
	entries   map[joinQuery]*joinAnswer
}

func joinCacheOf(c *Call, t *state.Tenant, now time.Time) *joinCache {
	jc, _ := c.State.(*joinCache)
	if jc == nil || jc.t != t || jc.changes != t.NumChanges() || now.Before(jc.at) || now.Sub(jc.at) >= time.Second {
		jc = &joinCache{t: t, changes: t.NumChanges(), at: now, resolvers: map[string]*policyResolver{}, entries: map[joinQuery]*joinAnswer{}}
		c.State = jc
	}
	return jc
}

func (jc *joinCache) resolver(t *state.Tenant, policyType string) *policyResolver {
	r := jc.resolvers[policyType]
	if r == nil {
		r = newPolicyResolver(t, policyType)
		jc.resolvers[policyType] = r
	}
	return r
}

// joinAnswer is an AnonymousJoinResult without its organizer.
type joinAnswer struct {
	service, clientType, meetingType string
	allowed                          bool
	outcome, decidedBy               string
	policy, source                   string
	chat, apps                       bool
	reasons, warnings                []any
}

// joinResultProps are the properties of an AnonymousJoinResult, in order.
var joinResultProps = []string{"Organizer", "Service", "ClientType", "MeetingType", "Allowed", "Outcome", "DecidedBy",
	"PolicyName", "PolicySource", "Chat", "AppInteraction", "Reasons", "Warnings"}

// joinResultView is the default table of an AnonymousJoinResult.
var joinResultView = []string{"Organizer", "Allowed", "Outcome", "DecidedBy"}

// object returns the AnonymousJoinResult for organizer.
func (r *joinAnswer) object(organizer string) *value.Object {
	o := value.NewObjectOf([]string{"AnonymousJoinResult"}, joinResultProps, []any{
		organizer, r.service, r.clientType, r.meetingType, r.allowed, r.outcome, r.decidedBy, r.policy, r.source, r.chat, r.apps,
		&value.Array{Items: append([]any(nil), r.reasons...), Elem: value.TString},
		&value.Array{Items: append([]any(nil), r.warnings...), Elem: value.TString},
	})
	o.DefaultDisplay = joinResultView
	return o
}

// result ends the evaluation: it adds the warnings about recent changes
// and returns the answer.
func (e *joinEval) result(service, clientType, meetingType, policy, source string, chat, apps bool) *joinAnswer {
	allowed := e.outcome == outcomeAdmitted || e.outcome == outcomeLobby
	if !allowed {
		chat, apps = false, false
	}
	e.recentChanges()
	return &joinAnswer{service: service, clientType: clientType, meetingType: meetingType, allowed: allowed,
		outcome: e.outcome, decidedBy: e.decidedBy, policy: policy, source: source, chat: chat, apps: apps,
		reasons: strings2any(e.reasons), warnings: strings2any(e.warnings)}
}

func strings2any(items []string) []any {
	out := make([]any, len(items))
	for i, s := range items {
		out[i] = s
	}
	return out
}

// object returns a stored object, or its defaults when the tenant lacks it.
func (e *joinEval) object(kind, identity string) *state.Object {
	if o, ok := e.t.Object(kind, identity); ok {
		return o
	}
	o, ok := state.DefaultObject(kind)
	if !ok {
		o = &state.Object{Kind: kind}
	}
	o.Identity = identity
	return o
}

// policy resolves the organizer's effective policy and explains it.
func (e *joinEval) policy(u *state.User, kind, policyType string) (*state.Object, string) {
	eff := e.resolved
	switch eff.Source {
	case sourceDirect:
		e.path = append(e.path, settingRef{"User", u.UPN, policyType})
		e.reason("Policy: %s %s is assigned directly to %s (%s).", policyType, eff.Identity, u.UPN, e.origin(settingRef{"User", u.UPN, policyType}))
	case sourceGroup:
		e.path = append(e.path, settingRef{"Group", eff.GroupID, policyType})
		e.reason("Policy: %s %s comes from group %s at rank %d, the best rank among the organizer's groups (%s).",
			policyType, eff.Identity, eff.GroupID, eff.Rank, e.origin(settingRef{"Group", eff.GroupID, policyType}))
	case sourceTenant:
		e.path = append(e.path, settingRef{"Tenant", "Global", policyType})
		e.reason("Policy: %s %s is granted to the whole tenant with -Global (%s).", policyType, eff.Identity, e.origin(settingRef{"Tenant", "Global", policyType}))
	default:
		e.reason("Policy: the organizer has no %s assigned directly, by group or tenant-wide, so Global applies.", policyType)
	}
	o, ok := e.t.Object(kind, eff.Identity)
	if !ok {
		e.warn("The %s %s assigned to the organizer does not exist; csemu evaluated Global.", policyType, eff.Identity)
		o = e.object(kind, "Global")
		eff.Identity, eff.Source = "Global", sourceGlobal
	}
	return o, string(eff.Source)
}

func (e *joinEval) teams(u *state.User, clientType, meetingType string, verified, present bool) *joinAnswer {
	p, source := e.policy(u, state.KindTeamsMeetingPolicy, "TeamsMeetingPolicy")
	cfg := e.object(state.KindTeamsMeetingConfiguration, "Global")
	chat, apps := true, true
	finish := func() *joinAnswer {
		return e.result("Teams", clientType, meetingType, p.Identity, source, chat, apps)
	}

	// 1. service limits
	switch {
	case clientType == "Acs" && (meetingType == "LiveEvent" || meetingType == "GroupCall"):
		e.reason("Rule 1 (service limits): Azure Communication Services clients cannot join a %s anonymously.", meetingType)
		e.decide(outcomeNotSupported, "MeetingType")
		return finish()
	case clientType == "Teams" && meetingType == "GroupCall":
		e.reason("Rule 1 (service limits): anonymous users join meetings by link; a group call has no anonymous join.")
		e.decide(outcomeNotSupported, "MeetingType")
		return finish()
	case clientType == "Teams" && meetingType == "LiveEvent":
		e.reason("Rule 1 (service limits): live events have their own settings, which csemu does not model.")
		e.decide(outcomeUnknown, "MeetingType")
		return finish()
	}
	e.reason("Rule 1 (service limits): a %s client can join a %s.", clientType, meetingType)
	if clientType == "Acs" && meetingType == "Webinar" {
		e.warn("Presenter and attendee roles of a webinar are not enforced for Azure Communication Services clients.")
	}

	// 2. blocked client types
	blocked := e.read(p, "BlockedAnonymousJoinClientTypes")
	isBlocked := false
	for _, it := range listItems(blocked) {
		if strings.EqualFold(changeText(it), clientType) {
			isBlocked = true
		}
	}
	if isBlocked {
		e.reason("Rule 2 (blocked client types): %s lists %s: blocked.", e.shown(p, "BlockedAnonymousJoinClientTypes", blocked), clientType)
		e.decide(outcomeBlocked, settingRef{p.Kind, p.Identity, "BlockedAnonymousJoinClientTypes"}.String())
		return finish()
	}
	e.reason("Rule 2 (blocked client types): %s does not list %s.", e.shown(p, "BlockedAnonymousJoinClientTypes", blocked), clientType)

	// 3. unverified join: the org switch and the organizer's policy
	disable := e.read(cfg, "DisableAnonymousJoin")
	allow := e.read(p, "AllowAnonymousUsersToJoinMeeting")
	orgOff := value.ToBool(disable)
	policyOff := !value.ToBool(allow)
	if orgOff || policyOff {
		e.reason("Rule 3 (unverified join): %s and %s: unverified join is off.", e.shown(cfg, "DisableAnonymousJoin", disable), e.shown(p, "AllowAnonymousUsersToJoinMeeting", allow))
		method := e.read(p, "AnonymousUserAuthenticationMethod")
		premium := u != nil && hasLicense(u, "TeamsPremium")
		otp := strings.EqualFold(changeText(method), "OneTimePasscode") && premium && (meetingType == "Meeting" || meetingType == "ChannelMeeting")
		e.reason("Rule 3 (verified join): %s, organizer holds TeamsPremium: %v, meeting type %s.",
			e.shown(p, "AnonymousUserAuthenticationMethod", method), premium, meetingType)
		if !otp {
			by := settingRef{p.Kind, p.Identity, "AllowAnonymousUsersToJoinMeeting"}
			if orgOff {
				by = settingRef{cfg.Kind, cfg.Identity, "DisableAnonymousJoin"}
			}
			e.reason("Rule 3: no email one-time passcode path: blocked.")
			e.decide(outcomeBlocked, by.String())
			return finish()
		}
		e.warn("The email one-time passcode path is a preview feature, and Microsoft's documents disagree on how it combines with DisableAnonymousJoin; csemu offers it whenever unverified join is off (rule 3 of its rules).")
		if !verified {
			e.reason("Rule 3: the participant must verify with an email one-time passcode first.")
			e.decide(outcomeVerification, settingRef{p.Kind, p.Identity, "AnonymousUserAuthenticationMethod"}.String())
			return finish()
		}
		e.reason("Rule 3: the participant verified with an email one-time passcode.")
	} else {
		e.reason("Rule 3 (unverified join): %s and %s: unverified join is allowed.", e.shown(cfg, "DisableAnonymousJoin", disable), e.shown(p, "AllowAnonymousUsersToJoinMeeting", allow))
	}

	// 6. capabilities (they do not change the outcome)
	chatType := changeText(e.valueOf(p, "MeetingChatEnabledType"))
	switch {
	case clientType == "Acs" && meetingType == "ChannelMeeting":
		chat = false
	case strings.EqualFold(chatType, "Disabled"), strings.EqualFold(chatType, "EnabledExceptAnonymous"):
		chat = false
	}
	apps = !value.ToBool(e.valueOf(cfg, "DisableAppInteractionForAnonymousUsers"))
	if captcha := e.valueOf(p, "CaptchaVerificationForMeetingJoin"); clientType == "Teams" && meetingType != "TownHall" &&
		strings.EqualFold(changeText(captcha), "AnonymousUsersAndUntrustedOrganizations") {
		e.warn("The participant must pass a CAPTCHA before joining (%s).", e.shown(p, "CaptchaVerificationForMeetingJoin", captcha))
	}

	// 4. an ACS client waits for a Teams user
	if clientType == "Acs" && !present {
		e.reason("Rule 4 (ACS needs a Teams user): no signed-in Teams user is in the meeting yet, so the client waits.")
		e.decide(outcomeLobby, "TeamsUserPresent")
		return e.capabilities(finish, chatType, clientType, meetingType, cfg)
	}
	if clientType == "Acs" {
		e.reason("Rule 4 (ACS needs a Teams user): a signed-in Teams user is in the meeting.")
	}

	// 5. lobby
	if meetingType == "TownHall" {
		e.reason("Rule 5 (lobby): a town hall has no lobby.")
		e.decide(outcomeAdmitted, "MeetingType")
		return e.capabilities(finish, chatType, clientType, meetingType, cfg)
	}
	admitted := e.read(p, "AutoAdmittedUsers")
	by := settingRef{p.Kind, p.Identity, "AutoAdmittedUsers"}.String()
	if strings.EqualFold(changeText(admitted), "Everyone") {
		e.reason("Rule 5 (lobby): %s: the participant bypasses the lobby.", e.shown(p, "AutoAdmittedUsers", admitted))
		e.decide(outcomeAdmitted, by)
		if start := e.valueOf(p, "AllowAnonymousUsersToStartMeeting"); !value.ToBool(start) {
			e.warn("The participant waits in the lobby until a signed-in participant has started the meeting (%s).", e.shown(p, "AllowAnonymousUsersToStartMeeting", start))
		}
	} else {
		e.reason("Rule 5 (lobby): %s: anonymous participants wait in the lobby until admitted.", e.shown(p, "AutoAdmittedUsers", admitted))
		e.decide(outcomeLobby, by)
	}
	return e.capabilities(finish, chatType, clientType, meetingType, cfg)
}

// capabilities explains rule 6 and builds the result.
func (e *joinEval) capabilities(finish func() *joinAnswer, chatType, clientType, meetingType string, cfg *state.Object) *joinAnswer {
	switch {
	case clientType == "Acs" && meetingType == "ChannelMeeting":
		e.reason("Rule 6 (capabilities): an Azure Communication Services client has no chat in a channel meeting.")
	default:
		e.reason("Rule 6 (capabilities): MeetingChatEnabledType = %s; %s.", chatType, e.shown(cfg, "DisableAppInteractionForAnonymousUsers", e.valueOf(cfg, "DisableAppInteractionForAnonymousUsers")))
	}
	return finish()
}

// valueOf returns a setting's value without putting it on the deciding
// path (capabilities and warnings do not decide the outcome).
func (e *joinEval) valueOf(o *state.Object, property string) any {
	v, _ := o.Get(property)
	return v
}

func listItems(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	case string:
		// a single string, possibly comma-separated
		var out []any
		for _, s := range strings.Split(x, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return []any{v}
}

func hasLicense(u *state.User, license string) bool {
	for _, l := range u.Licenses {
		if strings.EqualFold(l, license) {
			return true
		}
	}
	return false
}

func (e *joinEval) skype(u *state.User, clientType, meetingType string) *joinAnswer {
	p, source := e.policy(u, state.KindConferencingPolicy, "ConferencingPolicy")
	edge := e.object(state.KindAccessEdgeConfiguration, "Global")
	mc := e.object(state.KindMeetingConfiguration, "Global")
	finish := func() *joinAnswer {
		return e.result("SkypeForBusinessServer", clientType, meetingType, p.Identity, source, true, false)
	}
	if clientType == "Acs" {
		e.reason("Rule 1: Azure Communication Services clients cannot join Skype for Business Server meetings.")
		e.decide(outcomeNotSupported, "ClientType")
		return finish()
	}
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
		if !value.ToBool(v) {
			e.reason("%s: %s: blocked.", ch.rule, e.shown(ch.o, ch.prop, v))
			e.decide(outcomeBlocked, settingRef{ch.o.Kind, ch.o.Identity, ch.prop}.String())
			return finish()
		}
		e.reason("%s: %s.", ch.rule, e.shown(ch.o, ch.prop, v))
	}
	admit := e.read(mc, "AdmitAnonymousUsersByDefault")
	by := settingRef{mc.Kind, mc.Identity, "AdmitAnonymousUsersByDefault"}.String()
	if value.ToBool(admit) {
		e.reason("Rule 5 (meeting defaults): %s: admitted.", e.shown(mc, "AdmitAnonymousUsersByDefault", admit))
		e.decide(outcomeAdmitted, by)
	} else {
		e.reason("Rule 5 (meeting defaults): %s: the participant waits in the lobby.", e.shown(mc, "AdmitAnonymousUsersByDefault", admit))
		e.decide(outcomeLobby, by)
	}
	e.reason("Skype for Business Server meetings have no Teams apps; chat is the meeting's instant messaging.")
	return finish()
}
