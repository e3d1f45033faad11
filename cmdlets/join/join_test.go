package join

import (
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// The cases below restate ../shared/reference/anonymous-join-rules.md, rule
// by rule: each names the rule it checks. Tenants are built in Go, so the
// whole table runs in microseconds; the script-level tests of
// Test-AnonymousJoin in package teams run the same questions through the
// cmdlets.

var t0 = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

// world is a tenant under construction and the clock of the question.
type world struct {
	t   *state.Tenant
	now time.Time
}

func newWorld() *world { return &world{t: state.NewTenant(), now: t0} }

func (w *world) user(upn string, licenses ...string) *world {
	w.t.PutUser(&state.User{UPN: upn, ObjectID: "oid-" + upn, Enabled: true, Licenses: licenses})
	return w
}

func (w *world) member(upn string, groups ...string) *world {
	u, _ := w.t.User(upn)
	u.Groups = append(u.Groups, groups...)
	w.t.PutUser(u)
	return w
}

// set changes a property of the object kind[identity], creating a policy
// from its defaults when the tenant lacks it.
func (w *world) set(kind, identity, property string, v any) *world {
	o, ok := w.t.Object(kind, identity)
	if !ok {
		o, _ = state.DefaultObject(kind)
		o.Identity = identity
	}
	o.Set(property, v)
	w.t.PutObject(o)
	return w
}

func (w *world) meeting(identity, property string, v any) *world {
	return w.set(state.KindTeamsMeetingPolicy, identity, property, v)
}

func (w *world) config(property string, v any) *world {
	return w.set(state.KindTeamsMeetingConfiguration, "Global", property, v)
}

func (w *world) grant(upn, policyType, name string) *world {
	u, _ := w.t.User(upn)
	u.SetPolicy(policyType, name)
	w.t.PutUser(u)
	return w
}

func (w *world) groupGrant(group, policyType, name string, rank int) *world {
	w.t.AddGroupAssignment(state.GroupAssignment{GroupID: group, PolicyType: policyType, PolicyName: name, Rank: rank})
	return w
}

// changed records that a script changed a setting age before the question.
func (w *world) changed(kind, identity, property string, age time.Duration) *world {
	w.t.AppendChange(state.Change{Time: w.now.Add(-age), Cmdlet: "Set-Cs" + kind, File: "deploy.ps1", Line: 7,
		Kind: kind, Identity: identity, Property: property, New: "x"})
	return w
}

type ruleCase struct {
	name      string
	w         *world
	organizer string // ann@contoso.com when empty
	q         Question
	allowed   bool
	outcome   string
	decidedBy string
	policy    string
	source    string
	chat      *bool
	apps      *bool
	warn      []string // one substring per expected warning; nil: not checked
	reason    string   // a substring of one reason
}

var (
	yes = func() *bool { b := true; return &b }()
	no  = func() *bool { b := false; return &b }()
)

const (
	ann    = "ann@contoso.com"
	global = state.KindTeamsMeetingPolicy + "[Global]."
)

func plain() *world   { return newWorld().user(ann) }
func premium() *world { return newWorld().user(ann, LicenseTeamsPremium) }

var ruleCases = []ruleCase{
	// "Defaults of a new tenant": a Teams participant is allowed and waits
	// in the lobby (AutoAdmittedUsers EveryoneInCompany).
	{name: "defaults: Teams client lobby", w: plain(), allowed: true, outcome: Lobby, decidedBy: global + "AutoAdmittedUsers",
		policy: "Global", source: "Global", chat: yes, apps: yes, warn: []string{}},
	{name: "defaults: ACS client lobby", w: plain(), q: Question{ClientType: "Acs"}, allowed: true, outcome: Lobby, warn: []string{}},
	{name: "inputs: ACS in capitals", w: plain(), q: Question{ClientType: "ACS"}, allowed: true, outcome: Lobby},

	// Rule 1: service limits.
	{name: "rule 1: ACS live event", w: plain(), q: Question{ClientType: "Acs", MeetingType: "LiveEvent"}, outcome: NotSupported, decidedBy: "MeetingType", chat: no, apps: no},
	{name: "rule 1: ACS group call", w: plain(), q: Question{ClientType: "Acs", MeetingType: "GroupCall"}, outcome: NotSupported, decidedBy: "MeetingType"},
	{name: "rule 1: Teams group call", w: plain(), q: Question{MeetingType: "GroupCall"}, outcome: NotSupported, decidedBy: "MeetingType"},
	{name: "rule 1: Teams live event is outside the model", w: plain(), q: Question{MeetingType: "LiveEvent"}, outcome: Unknown, decidedBy: "MeetingType"},

	// Rule 2: blocked client types, compared case-insensitively.
	{name: "rule 2: ACS blocked", w: plain().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Acs"}), q: Question{ClientType: "Acs"},
		outcome: Blocked, decidedBy: global + "BlockedAnonymousJoinClientTypes", chat: no, apps: no},
	{name: "rule 2: ACS blocked, Teams joins", w: plain().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Acs"}), allowed: true, outcome: Lobby},
	{name: "rule 2: both blocked, Teams", w: plain().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Acs", "Teams"}),
		outcome: Blocked, decidedBy: global + "BlockedAnonymousJoinClientTypes"},
	{name: "rule 2: both blocked, ACS spelled ACS", w: plain().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Teams", "ACS"}), q: Question{ClientType: "Acs"},
		outcome: Blocked},
	{name: "rule 2: a comma-separated string", w: plain().meeting("Global", "BlockedAnonymousJoinClientTypes", "Teams, acs"), q: Question{ClientType: "Acs"},
		outcome: Blocked},

	// Rule 3: unverified join, then the email one-time passcode path.
	{name: "rule 3: org switch off", w: plain().config("DisableAnonymousJoin", true), outcome: Blocked,
		decidedBy: state.KindTeamsMeetingConfiguration + "[Global].DisableAnonymousJoin"},
	{name: "rule 3: policy off", w: plain().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false), outcome: Blocked,
		decidedBy: global + "AllowAnonymousUsersToJoinMeeting"},
	{name: "rule 3: both off, the org setting decides", w: plain().config("DisableAnonymousJoin", true).meeting("Global", "AllowAnonymousUsersToJoinMeeting", false),
		outcome: Blocked, decidedBy: state.KindTeamsMeetingConfiguration + "[Global].DisableAnonymousJoin"},
	{name: "rule 3: passcode with Premium", w: premium().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false),
		outcome: VerificationRequired, decidedBy: global + "AnonymousUserAuthenticationMethod", chat: no, apps: no, warn: []string{"preview feature"}},
	{name: "rule 3: passcode verified goes on to the lobby", w: premium().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false), q: Question{Verified: true},
		allowed: true, outcome: Lobby, decidedBy: global + "AutoAdmittedUsers", reason: "verified with an email one-time passcode"},
	{name: "rule 3: passcode with the org switch off", w: premium().config("DisableAnonymousJoin", true), outcome: VerificationRequired},
	{name: "rule 3: passcode in a channel meeting", w: premium().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false), q: Question{MeetingType: "ChannelMeeting"},
		outcome: VerificationRequired},
	{name: "rule 3: passcode needs Premium", w: plain().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false), q: Question{Verified: true},
		outcome: Blocked, decidedBy: global + "AllowAnonymousUsersToJoinMeeting"},
	{name: "rule 3: passcode not for webinars", w: premium().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false), q: Question{MeetingType: "Webinar", Verified: true},
		outcome: Blocked},
	{name: "rule 3: passcode not for town halls", w: premium().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false), q: Question{MeetingType: "TownHall"},
		outcome: Blocked},
	{name: "rule 3: method None", w: premium().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false).meeting("Global", "AnonymousUserAuthenticationMethod", "None"),
		q: Question{Verified: true}, outcome: Blocked, decidedBy: global + "AllowAnonymousUsersToJoinMeeting"},

	// Rule 4: an ACS client waits for a Teams user.
	{name: "rule 4: ACS, no Teams user yet", w: plain(), q: Question{ClientType: "Acs", TeamsUserAbsent: true}, allowed: true, outcome: Lobby, decidedBy: "TeamsUserPresent"},
	{name: "rule 4: the Teams client does not wait", w: plain().meeting("Global", "AutoAdmittedUsers", "Everyone").meeting("Global", "AllowAnonymousUsersToStartMeeting", true),
		q: Question{TeamsUserAbsent: true}, allowed: true, outcome: Admitted},

	// Rule 5: lobby.
	{name: "rule 5: Everyone bypasses the lobby", w: plain().meeting("Global", "AutoAdmittedUsers", "Everyone"), allowed: true, outcome: Admitted,
		decidedBy: global + "AutoAdmittedUsers", warn: []string{"until a signed-in participant has started the meeting"}},
	{name: "rule 5: Everyone with anonymous start", w: plain().meeting("Global", "AutoAdmittedUsers", "Everyone").meeting("Global", "AllowAnonymousUsersToStartMeeting", true),
		allowed: true, outcome: Admitted, warn: []string{}},
	{name: "rule 5: federated companies still lobby anonymous users", w: plain().meeting("Global", "AutoAdmittedUsers", "EveryoneInSameAndFederatedCompany"),
		allowed: true, outcome: Lobby},
	{name: "rule 5: organizer only", w: plain().meeting("Global", "AutoAdmittedUsers", "OrganizerOnly"), q: Question{ClientType: "Acs"}, allowed: true, outcome: Lobby},
	{name: "rule 5: town hall has no lobby", w: plain(), q: Question{MeetingType: "TownHall"}, allowed: true, outcome: Admitted, decidedBy: "MeetingType"},

	// Rule 6: capabilities.
	{name: "rule 6: chat except anonymous", w: plain().meeting("Global", "MeetingChatEnabledType", "EnabledExceptAnonymous"), allowed: true, chat: no, apps: yes},
	{name: "rule 6: chat disabled", w: plain().meeting("Global", "MeetingChatEnabledType", "Disabled"), allowed: true, chat: no},
	{name: "rule 6: ACS in a channel meeting has no chat", w: plain(), q: Question{ClientType: "Acs", MeetingType: "ChannelMeeting"}, allowed: true, outcome: Lobby, chat: no, apps: yes},
	{name: "rule 6: Teams in a channel meeting has chat", w: plain(), q: Question{MeetingType: "ChannelMeeting"}, allowed: true, chat: yes},
	{name: "rule 6: app interaction off", w: plain().config("DisableAppInteractionForAnonymousUsers", true), allowed: true, chat: yes, apps: no},

	// Warnings.
	{name: "warning: CAPTCHA for the Teams client", w: plain().meeting("Global", "CaptchaVerificationForMeetingJoin", "AnonymousUsersAndUntrustedOrganizations"),
		allowed: true, warn: []string{"CAPTCHA"}},
	{name: "warning: no CAPTCHA for ACS", w: plain().meeting("Global", "CaptchaVerificationForMeetingJoin", "AnonymousUsersAndUntrustedOrganizations"),
		q: Question{ClientType: "Acs"}, allowed: true, warn: []string{}},
	{name: "warning: no CAPTCHA in a town hall", w: plain().meeting("Global", "CaptchaVerificationForMeetingJoin", "AnonymousUsersAndUntrustedOrganizations"),
		q: Question{MeetingType: "TownHall"}, allowed: true, warn: []string{}},
	{name: "warning: ACS webinar roles", w: plain(), q: Question{ClientType: "Acs", MeetingType: "Webinar"}, allowed: true, outcome: Lobby, warn: []string{"roles"}},
	{name: "warning: organizer not in the directory", w: newWorld(), organizer: "zed@contoso.com", allowed: true, outcome: Lobby,
		policy: "Global", source: "Global", warn: []string{"not in the directory"}},
	{name: "warning: a change 1 hour old on the deciding path", w: plain().changed(state.KindTeamsMeetingPolicy, "Global", "AutoAdmittedUsers", time.Hour),
		allowed: true, outcome: Lobby, warn: []string{"TeamsMeetingPolicy[Global].AutoAdmittedUsers changed 1 hour ago (Set-CsTeamsMeetingPolicy at deploy.ps1:7)"}},
	{name: "warning: a change 25 hours old", w: plain().changed(state.KindTeamsMeetingPolicy, "Global", "AutoAdmittedUsers", 25*time.Hour),
		allowed: true, warn: []string{}, reason: "set by Set-CsTeamsMeetingPolicy at deploy.ps1:7"},
	{name: "warning: a change off the deciding path", w: plain().changed(state.KindTeamsMeetingPolicy, "Global", "AllowTranscription", time.Minute),
		allowed: true, warn: []string{}},

	// Policy resolution: direct > best group rank > tenant-wide > Global.
	{name: "policy: direct beats group and tenant", w: groups().grant(ann, PolicyTeamsMeeting, "Direct"), policy: "Tag:Direct", source: "Direct",
		outcome: Blocked, decidedBy: "TeamsMeetingPolicy[Tag:Direct].AllowAnonymousUsersToJoinMeeting"},
	{name: "policy: best group rank", w: groups(), allowed: true, policy: "Tag:Open", source: "Group", outcome: Admitted, reason: "group sales at rank 1"},
	{name: "policy: tenant-wide when no group applies", w: groups().user("bob@contoso.com"), organizer: "bob@contoso.com", allowed: true,
		policy: "Tag:Tenant", source: "Tenant", outcome: Lobby, decidedBy: "TeamsMeetingPolicy[Tag:Tenant].AutoAdmittedUsers"},
	{name: "policy: missing organizer gets the tenant grant", w: groups(), organizer: "zed@contoso.com", allowed: true, policy: "Tag:Tenant", source: "Tenant",
		warn: []string{"not in the directory"}},
	{name: "policy: an assigned policy that does not exist is Global", w: plain().grant(ann, PolicyTeamsMeeting, "Gone"), allowed: true, policy: "Global", source: "Global",
		warn: []string{"does not exist"}},
	{name: "policy: a young group assignment warns", w: groups().changed("Group", "sales", PolicyTeamsMeeting, time.Hour), allowed: true, source: "Group",
		warn: []string{"TeamsMeetingPolicy assignment of group sales"}},

	// Skype for Business Server.
	{name: "skype: the Edge blocks anonymous users by default", w: plain(), q: Question{Service: ServiceSkype}, outcome: Blocked,
		decidedBy: "AccessEdgeConfiguration[Global].AllowAnonymousUsers", policy: "Global", source: "Global"},
	{name: "skype rule 1: ACS", w: plain(), q: Question{Service: ServiceSkype, ClientType: "Acs"}, outcome: NotSupported, decidedBy: "ClientType"},
	{name: "skype rule 2: outside users off", w: skypeOpen().set(state.KindAccessEdgeConfiguration, "Global", "AllowOutsideUsers", false),
		q: Question{Service: ServiceSkype}, outcome: Blocked, decidedBy: "AccessEdgeConfiguration[Global].AllowOutsideUsers"},
	{name: "skype rule 4: the organizer's conferencing policy",
		w: skypeOpen().set(state.KindConferencingPolicy, "Tag:NoAnon", "AllowAnonymousParticipantsInMeetings", false).grant(ann, PolicyConferencing, "NoAnon"),
		q: Question{Service: ServiceSkype}, outcome: Blocked, decidedBy: "ConferencingPolicy[Tag:NoAnon].AllowAnonymousParticipantsInMeetings", policy: "Tag:NoAnon", source: "Direct"},
	{name: "skype rule 5: admitted", w: skypeOpen(), q: Question{Service: ServiceSkype}, allowed: true, outcome: Admitted,
		decidedBy: "MeetingConfiguration[Global].AdmitAnonymousUsersByDefault", chat: yes, apps: no, warn: []string{}},
	{name: "skype rule 5: lobby", w: skypeOpen().set(state.KindMeetingConfiguration, "Global", "AdmitAnonymousUsersByDefault", false),
		q: Question{Service: ServiceSkype}, allowed: true, outcome: Lobby, decidedBy: "MeetingConfiguration[Global].AdmitAnonymousUsersByDefault"},
}

// groups gives ann two groups with ranked assignments and a tenant-wide
// grant, and a policy to grant directly.
func groups() *world {
	w := newWorld().user(ann).member(ann, "sales", "legal").
		meeting("Tag:Open", "AutoAdmittedUsers", "Everyone").meeting("Tag:Open", "AllowAnonymousUsersToStartMeeting", true).
		meeting("Tag:Lobby", "AutoAdmittedUsers", "OrganizerOnly").
		meeting("Tag:Direct", "AllowAnonymousUsersToJoinMeeting", false).
		meeting("Tag:Tenant", "Description", "tenant-wide").
		groupGrant("legal", PolicyTeamsMeeting, "Lobby", 0).groupGrant("sales", PolicyTeamsMeeting, "Open", 1)
	w.t.SetTenantGrant(PolicyTeamsMeeting, "Tenant")
	return w
}

// skypeOpen lets anonymous users cross the Edge.
func skypeOpen() *world {
	return plain().set(state.KindAccessEdgeConfiguration, "Global", "AllowAnonymousUsers", true)
}

func TestRules(t *testing.T) {
	for _, c := range ruleCases {
		t.Run(c.name, func(t *testing.T) {
			organizer := c.organizer
			if organizer == "" {
				organizer = ann
			}
			a := Evaluate(c.w.t, c.w.now, organizer, c.q)
			check := func(what, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q\nreasons:\n  %s", what, got, want, strings.Join(a.Reasons, "\n  "))
				}
			}
			if a.Allowed != c.allowed {
				t.Errorf("Allowed = %v, want %v (outcome %s by %s)", a.Allowed, c.allowed, a.Outcome, a.DecidedBy)
			}
			if (a.Outcome == Admitted || a.Outcome == Lobby) != a.Allowed {
				t.Errorf("Allowed = %v does not match outcome %s", a.Allowed, a.Outcome)
			}
			if !a.Allowed && (a.Chat || a.AppInteraction) {
				t.Errorf("capabilities of a participant who is not allowed: chat %v, apps %v", a.Chat, a.AppInteraction)
			}
			check("Outcome", a.Outcome, c.outcome)
			check("DecidedBy", a.DecidedBy, c.decidedBy)
			check("PolicyName", a.PolicyName, c.policy)
			check("PolicySource", a.PolicySource, c.source)
			if c.chat != nil && a.Chat != *c.chat {
				t.Errorf("Chat = %v, want %v", a.Chat, *c.chat)
			}
			if c.apps != nil && a.AppInteraction != *c.apps {
				t.Errorf("AppInteraction = %v, want %v", a.AppInteraction, *c.apps)
			}
			if c.warn != nil {
				if len(a.Warnings) != len(c.warn) {
					t.Errorf("%d warnings, want %d:\n  %s", len(a.Warnings), len(c.warn), strings.Join(a.Warnings, "\n  "))
				}
				for _, w := range c.warn {
					if !containsPart(a.Warnings, w) {
						t.Errorf("no warning contains %q:\n  %s", w, strings.Join(a.Warnings, "\n  "))
					}
				}
			}
			if c.reason != "" && !containsPart(a.Reasons, c.reason) {
				t.Errorf("no reason contains %q:\n  %s", c.reason, strings.Join(a.Reasons, "\n  "))
			}
			if len(a.Reasons) == 0 {
				t.Errorf("no reasons")
			}
		})
	}
}

func containsPart(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// The reasons name the rules in the order the reference applies them.
func TestReasonsFollowTheRules(t *testing.T) {
	a := Evaluate(plain().t, t0, ann, Question{ClientType: "Acs"})
	want := []string{"Policy:", "Rule 1 ", "Rule 2 ", "Rule 3 ", "Rule 4 ", "Rule 5 ", "Rule 6 "}
	if len(a.Reasons) != len(want) {
		t.Fatalf("reasons:\n  %s", strings.Join(a.Reasons, "\n  "))
	}
	for i, w := range want {
		if !strings.HasPrefix(a.Reasons[i], w) {
			t.Errorf("reason %d = %q, want it to start with %q", i, a.Reasons[i], w)
		}
	}
}

// Organizers under the same group policy share one answer; a direct
// assignment is worked out alone, since its reasons name the user.
func TestEvaluatorShares(t *testing.T) {
	w := groups().user("bob@contoso.com").member("bob@contoso.com", "sales").user("cy@contoso.com").grant("cy@contoso.com", PolicyTeamsMeeting, "Open")
	e := NewEvaluator(w.t, t0)
	a1, a2 := e.Evaluate(ann, Question{}), e.Evaluate("bob@contoso.com", Question{})
	if a1 != a2 {
		t.Errorf("members of one group got different answers")
	}
	if e.Evaluate(ann, Question{ClientType: "Acs"}) == a1 {
		t.Errorf("another question got the same answer")
	}
	c1, c2 := e.Evaluate("cy@contoso.com", Question{}), e.Evaluate("cy@contoso.com", Question{})
	if c1 == c2 || !containsPart(c1.Reasons, "assigned directly to cy@contoso.com") {
		t.Errorf("direct assignments must be answered alone, naming the user: %q", c1.Reasons)
	}
}

// An evaluator is reused while the tenant and the clock stand still, and
// made anew after a change or when the clock moves by a second.
func TestEvaluatorAt(t *testing.T) {
	w := plain()
	e := NewEvaluator(w.t, t0)
	if e.At(w.t, t0.Add(500*time.Millisecond)) != e {
		t.Errorf("not reused within the second")
	}
	if e.At(w.t, t0.Add(time.Second)) == e {
		t.Errorf("reused a second later")
	}
	if e.At(w.t, t0.Add(-time.Millisecond)) == e {
		t.Errorf("reused with the clock moved back")
	}
	if e.At(state.NewTenant(), t0) == e {
		t.Errorf("reused on another tenant")
	}
	w.changed(state.KindTeamsMeetingPolicy, "Global", "AutoAdmittedUsers", 0)
	if e.At(w.t, t0) == e {
		t.Errorf("reused after a change")
	}
	var none *Evaluator
	if none.At(w.t, t0) == nil {
		t.Errorf("a nil evaluator gives none")
	}
}

// Rule 5 and rule 3 rest on these facts; lint asks them too.
func TestFacts(t *testing.T) {
	if !BypassesLobby("everyone") || BypassesLobby("EveryoneInCompany") || BypassesLobby(nil) {
		t.Errorf("BypassesLobby: only Everyone bypasses the lobby")
	}
	for _, c := range []struct {
		method  any
		premium bool
		meeting string
		want    bool
	}{
		{"OneTimePasscode", true, MeetingRegular, true},
		{"onetimepasscode", true, MeetingChannel, true},
		{"OneTimePasscode", false, MeetingRegular, false},
		{"OneTimePasscode", true, MeetingWebinar, false},
		{"None", true, MeetingRegular, false},
	} {
		if got := PasscodePathOpen(c.method, c.premium, c.meeting); got != c.want {
			t.Errorf("PasscodePathOpen(%v, %v, %s) = %v, want %v", c.method, c.premium, c.meeting, got, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	w := groups()
	u, _ := w.t.User(ann)
	if got := Resolve(w.t, u, PolicyTeamsMeeting); got != (Effective{Identity: "Tag:Open", Name: "Open", Source: SourceGroup, GroupID: "sales", Rank: 1}) {
		t.Errorf("Resolve = %+v", got)
	}
	if got := Resolve(w.t, nil, PolicyTeamsMeeting); got.Source != SourceTenant {
		t.Errorf("someone outside the directory: %+v, want the tenant grant", got)
	}
	r := NewResolver(w.t, PolicyTeamsMeeting)
	srcs := r.GroupSources(u)
	if len(srcs) != 2 || srcs[0].GroupID != "sales" || srcs[1].GroupID != "legal" {
		t.Errorf("GroupSources = %+v, want sales then legal", srcs)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	w := groups()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(w.t, t0, ann, Question{ClientType: "Acs"})
	}
}

// A value an import set is traced to its file and line or JSON path
// (issue: "imported from Get-CsTeamsMeetingPolicy.json
// $[3].AllowAnonymousUsersToJoinMeeting"), and an imported value raises
// no 24-hour warning: it is what the live tenant already has.
func TestImportedOrigin(t *testing.T) {
	tn := state.NewTenant()
	g, _ := tn.Object(state.KindTeamsMeetingPolicy, "Global")
	g.Set("AllowAnonymousUsersToJoinMeeting", false)
	tn.PutObject(g)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	tn.AppendChange(state.Change{Time: now.Add(-time.Hour), Cmdlet: ImportCmdlet, File: "Get-CsTeamsMeetingPolicy.json", Line: 4,
		At: "$[0].AllowAnonymousUsersToJoinMeeting", Kind: state.KindTeamsMeetingPolicy, Identity: "Global",
		Property: "AllowAnonymousUsersToJoinMeeting", Old: "True", New: "False"})
	tn.PutUser(&state.User{UPN: "ann@contoso.com"})
	ans := Evaluate(tn, now, "ann@contoso.com", Question{ClientType: "Teams", MeetingType: "Meeting"})
	want := "(imported from Get-CsTeamsMeetingPolicy.json:4 $[0].AllowAnonymousUsersToJoinMeeting)"
	found := false
	for _, r := range ans.Reasons {
		found = found || strings.Contains(r, want)
	}
	if !found {
		t.Errorf("Reasons lack %q: %q", want, ans.Reasons)
	}
	for _, w := range ans.Warnings {
		if strings.Contains(w, "24 hours") {
			t.Errorf("an imported value gave a 24-hour warning: %q", w)
		}
	}
}
