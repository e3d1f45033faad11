package join

import (
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// The cases below restate section A of
// ../shared/reference/external-and-app-rules.md ("A signed-in person from
// another organization"), rule by rule: each names the rule it checks. F
// is TenantFederationConfiguration[Global], X the organizer's effective
// ExternalAccessPolicy.

const (
	fab     = "fabrikam.com"
	fedCfg  = state.KindTenantFederationConfiguration + "[Global]."
	extTag  = state.KindExternalAccessPolicy + "[Tag:Partners]."
	extGlob = state.KindExternalAccessPolicy + "[Global]."
)

func (w *world) fed(property string, v any) *world {
	return w.set(state.KindTenantFederationConfiguration, "Global", property, v)
}

// partners gives ann the external access policy Partners directly, with
// its CommunicationWithExternalOrgs and a domain list.
func (w *world) partners(mode string, list string, domains ...any) *world {
	w.set(state.KindExternalAccessPolicy, "Tag:Partners", "CommunicationWithExternalOrgs", mode)
	if list != "" {
		w.set(state.KindExternalAccessPolicy, "Tag:Partners", list, domains)
	}
	return w.grant(ann, PolicyExternalAccess, "Partners")
}

// from asks about a participant of domain d whose organization allows ours
// (-RemoteAllowsUs $true given, so that no warning is added).
func from(d string) Question { return Question{ParticipantDomain: d, RemoteStated: true} }

type extCase struct {
	name      string
	w         *world
	q         Question
	kind      string // ParticipantKind
	outcome   string
	decidedBy string
	chat      *bool
	apps      *bool
	reason    string   // a substring of one reason
	warn      []string // one substring per expected warning; nil: not checked
}

var extCases = []extCase{
	// Inputs: without -ParticipantDomain the participant is an
	// unauthenticated, anonymous one, as before.
	{name: "inputs: no domain is an anonymous participant", w: plain(), kind: KindAnonymous, outcome: Lobby, decidedBy: global + "AutoAdmittedUsers"},

	// Rule 6 on a new tenant: federation is on, AllowAllKnownDomains, the
	// Global external access policy allows federation: External. The
	// lobby rule for External: EveryoneInCompany (the default) sends the
	// participant to the lobby.
	{name: "rule 6: a new tenant federates with any domain", w: plain(), q: from(fab), kind: KindExternal, outcome: Lobby,
		decidedBy: global + "AutoAdmittedUsers", chat: yes, apps: yes, warn: []string{}, reason: "joins as External"},

	// Rule 1: AllowFederatedUsers off makes everyone anonymous, whatever
	// the lists and policies say; the anonymous-join rules then decide.
	{name: "rule 1: federation off", w: plain().fed("AllowFederatedUsers", false), q: from(fab), kind: KindAnonymous, outcome: Lobby,
		decidedBy: global + "AutoAdmittedUsers", reason: "counts as Anonymous (decided by " + fedCfg + "AllowFederatedUsers)"},
	{name: "rule 1: federation off, even with the domain on the allow list",
		w: plain().fed("AllowFederatedUsers", false).fed("AllowedDomains", state.AllowList([]string{fab})), q: from(fab), kind: KindAnonymous,
		reason: "decided by " + fedCfg + "AllowFederatedUsers"},
	{name: "rule 1: then the anonymous-join rules block", w: plain().fed("AllowFederatedUsers", false).config("DisableAnonymousJoin", true),
		q: from(fab), kind: KindAnonymous, outcome: Blocked, decidedBy: "TeamsMeetingConfiguration[Global].DisableAnonymousJoin"},

	// Rule 2: trial tenants. ExternalAccessWithTrialTenants Blocked is
	// the default, and an unset value counts as Blocked.
	{name: "rule 2: trial tenant blocked by default", w: plain(), q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true},
		kind: KindAnonymous, outcome: Lobby, reason: "decided by " + fedCfg + "ExternalAccessWithTrialTenants"},
	{name: "rule 2: unset counts as Blocked", w: plain().fed("ExternalAccessWithTrialTenants", nil),
		q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true}, kind: KindAnonymous,
		reason: "decided by " + fedCfg + "ExternalAccessWithTrialTenants"},
	{name: "rule 2: empty counts as Blocked", w: plain().fed("ExternalAccessWithTrialTenants", ""),
		q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true}, kind: KindAnonymous,
		reason: "decided by " + fedCfg + "ExternalAccessWithTrialTenants"},
	{name: "rule 2: allowed in any spelling", w: plain().fed("ExternalAccessWithTrialTenants", "allowed"),
		q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true}, kind: KindExternal},
	{name: "rule 2: trial tenants allowed", w: plain().fed("ExternalAccessWithTrialTenants", "Allowed"),
		q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true}, kind: KindExternal},
	{name: "rule 2: blocked, but the domain is on AllowedTrialTenantDomains", w: plain().fed("AllowedTrialTenantDomains", []any{"Fabrikam.com"}),
		q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true}, kind: KindExternal},
	{name: "rule 2: another domain on AllowedTrialTenantDomains", w: plain().fed("AllowedTrialTenantDomains", []any{"northwind.com"}),
		q: Question{ParticipantDomain: fab, RemoteStated: true, ParticipantTenantIsTrial: true}, kind: KindAnonymous,
		reason: "decided by " + fedCfg + "ExternalAccessWithTrialTenants"},
	{name: "rule 2: not a trial tenant", w: plain(), q: from(fab), kind: KindExternal},

	// Rule 3: the organizer's effective policy must allow federation.
	{name: "rule 3: EnableFederationAccess off in the organizer's policy",
		w: plain().set(state.KindExternalAccessPolicy, "Tag:Partners", "EnableFederationAccess", false).grant(ann, PolicyExternalAccess, "Partners"),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + extTag + "EnableFederationAccess"},
	{name: "rule 3: EnableFederationAccess off in Global", w: plain().set(state.KindExternalAccessPolicy, "Global", "EnableFederationAccess", false),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + extGlob + "EnableFederationAccess"},

	// X is resolved as meeting policies are: direct > group rank >
	// tenant-wide > Global.
	{name: "X: best group rank", w: extGroups(), q: from(fab), kind: KindAnonymous,
		reason: "ExternalAccessPolicy Tag:NoFed comes from group legal at rank 1"},
	{name: "X: direct beats group", w: extGroups().grant(ann, PolicyExternalAccess, "Fed"), q: from(fab), kind: KindExternal,
		reason: "ExternalAccessPolicy Tag:Fed is assigned directly to ann@contoso.com"},
	{name: "X: tenant-wide grant when no group applies", w: extGroups().user("bob@contoso.com"), q: from(fab), kind: KindAnonymous,
		reason: "ExternalAccessPolicy Tag:NoFedTenant is granted to the whole tenant"},
	{name: "X: an assigned policy that does not exist is Global", w: plain().grant(ann, PolicyExternalAccess, "Gone"), q: from(fab), kind: KindExternal,
		warn: []string{"ExternalAccessPolicy Tag:Gone assigned to the organizer does not exist"}},

	// Rule 4, OrganizationDefault: an allow list must list the domain
	// exactly (case-insensitive); BlockedDomains is then ignored.
	{name: "rule 4: allow list lists the domain", w: plain().fed("AllowedDomains", state.AllowList([]string{"Fabrikam.COM", "northwind.com"})),
		q: from(fab), kind: KindExternal},
	{name: "rule 4: allow list does not list the domain", w: plain().fed("AllowedDomains", state.AllowList([]string{"northwind.com"})),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + fedCfg + "AllowedDomains"},
	{name: "rule 4: an empty allow list allows no domain", w: plain().fed("AllowedDomains", state.AllowList(nil)),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + fedCfg + "AllowedDomains"},
	{name: "rule 4: allow list matches exactly, not subdomains", w: plain().fed("AllowedDomains", state.AllowList([]string{fab})),
		q: from("sales.fabrikam.com"), kind: KindAnonymous, reason: "decided by " + fedCfg + "AllowedDomains"},
	{name: "rule 4: allow list ignores BlockedDomains",
		w: plain().fed("AllowedDomains", state.AllowList([]string{fab})).fed("BlockedDomains", state.DomainPatterns([]string{fab})),
		q: from(fab), kind: KindExternal},
	// With AllowAllKnownDomains the domain must not be on BlockedDomains;
	// with BlockAllSubdomains a subdomain of a blocked domain matches too.
	{name: "rule 4: blocked domain", w: plain().fed("BlockedDomains", state.DomainPatterns([]string{"FABRIKAM.com"})),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + fedCfg + "BlockedDomains"},
	{name: "rule 4: another domain blocked", w: plain().fed("BlockedDomains", state.DomainPatterns([]string{"northwind.com"})),
		q: from(fab), kind: KindExternal},
	{name: "rule 4: subdomain of a blocked domain without BlockAllSubdomains",
		w: plain().fed("BlockedDomains", state.DomainPatterns([]string{fab})), q: from("sales.fabrikam.com"), kind: KindExternal},
	{name: "rule 4: subdomain of a blocked domain with BlockAllSubdomains",
		w: plain().fed("BlockedDomains", state.DomainPatterns([]string{fab})).fed("BlockAllSubdomains", true), q: from("sales.fabrikam.com"),
		kind: KindAnonymous, reason: "decided by " + fedCfg + "BlockAllSubdomains"},
	{name: "rule 4: BlockAllSubdomains with the blocked domain itself",
		w: plain().fed("BlockedDomains", state.DomainPatterns([]string{fab})).fed("BlockAllSubdomains", true), q: from(fab),
		kind: KindAnonymous, reason: "decided by " + fedCfg + "BlockedDomains"},
	{name: "rule 4: BlockAllSubdomains does not match a look-alike domain",
		w: plain().fed("BlockedDomains", state.DomainPatterns([]string{fab})).fed("BlockAllSubdomains", true), q: from("notfabrikam.com"),
		kind: KindExternal},

	// Rule 4, any other CommunicationWithExternalOrgs value replaces the
	// tenant's lists for this organizer.
	{name: "rule 4: AllowAllExternalDomains ignores the tenant allow list",
		w: plain().fed("AllowedDomains", state.AllowList(nil)).partners("AllowAllExternalDomains", ""), q: from(fab), kind: KindExternal},
	{name: "rule 4: AllowSpecificExternalDomains lists the domain",
		w: plain().fed("AllowedDomains", state.AllowList(nil)).partners("AllowSpecificExternalDomains", "AllowedExternalDomains", "fabrikam.com"),
		q: from(fab), kind: KindExternal},
	{name: "rule 4: AllowSpecificExternalDomains does not list the domain",
		w: plain().partners("AllowSpecificExternalDomains", "AllowedExternalDomains", "northwind.com"),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + extTag + "AllowedExternalDomains"},
	{name: "rule 4: BlockSpecificExternalDomains lists the domain",
		w: plain().partners("BlockSpecificExternalDomains", "BlockedExternalDomains", "fabrikam.com"),
		q: from(fab), kind: KindAnonymous, reason: "decided by " + extTag + "BlockedExternalDomains"},
	{name: "rule 4: BlockSpecificExternalDomains ignores the tenant's blocked list",
		w: plain().fed("BlockedDomains", state.DomainPatterns([]string{fab})).partners("BlockSpecificExternalDomains", "BlockedExternalDomains", "northwind.com"),
		q: from(fab), kind: KindExternal},
	{name: "rule 4: BlockAllExternalDomains",
		w: plain().partners("BlockAllExternalDomains", ""), q: from(fab), kind: KindAnonymous,
		reason: "decided by " + extTag + "CommunicationWithExternalOrgs"},
	{name: "rule 4: OrganizationDefault in a custom policy reads the tenant lists",
		w: plain().fed("AllowedDomains", state.AllowList([]string{"northwind.com"})).partners("OrganizationDefault", ""), q: from(fab),
		kind: KindAnonymous, reason: "decided by " + fedCfg + "AllowedDomains"},
	{name: "rule 4: a value outside the model is Unknown", w: plain().partners("SomethingNew", ""), q: from(fab),
		outcome: Unknown, decidedBy: extTag + "CommunicationWithExternalOrgs"},

	// Rule 5: the remote side, stated or assumed (with a warning).
	{name: "rule 5: the remote side does not allow us", w: plain(), q: Question{ParticipantDomain: fab, RemoteStated: true, RemoteDeniesUs: true},
		kind: KindAnonymous, outcome: Lobby, reason: "decided by RemoteAllowsUs", warn: []string{}},
	{name: "rule 5: assumed, with a warning", w: plain(), q: Question{ParticipantDomain: fab}, kind: KindExternal,
		warn: []string{"assumed that it allows this organization"}},
	{name: "rule 5: no assumption needed once another rule decided", w: plain().fed("AllowFederatedUsers", false), q: Question{ParticipantDomain: fab},
		kind: KindAnonymous, warn: []string{}},

	// External: not subject to rules 2 and 3 of the anonymous-join rules;
	// the lobby admits Everyone and EveryoneInSameAndFederatedCompany;
	// town halls admit.
	{name: "external: blocked client types do not apply", w: plain().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Teams"}),
		q: from(fab), kind: KindExternal, outcome: Lobby},
	{name: "external: anonymous join off does not apply", w: plain().meeting("Global", "AllowAnonymousUsersToJoinMeeting", false).config("DisableAnonymousJoin", true),
		q: from(fab), kind: KindExternal, outcome: Lobby},
	{name: "external: Everyone admits", w: plain().meeting("Global", "AutoAdmittedUsers", "Everyone"), q: from(fab), kind: KindExternal,
		outcome: Admitted, decidedBy: global + "AutoAdmittedUsers", warn: []string{}},
	{name: "external: EveryoneInSameAndFederatedCompany admits", w: plain().meeting("Global", "AutoAdmittedUsers", "EveryoneInSameAndFederatedCompany"),
		q: from(fab), kind: KindExternal, outcome: Admitted, decidedBy: global + "AutoAdmittedUsers"},
	{name: "external: OrganizerOnly sends to the lobby", w: plain().meeting("Global", "AutoAdmittedUsers", "OrganizerOnly"), q: from(fab),
		kind: KindExternal, outcome: Lobby, decidedBy: global + "AutoAdmittedUsers"},
	{name: "external: town halls admit", w: plain(), q: Question{ParticipantDomain: fab, RemoteStated: true, MeetingType: "TownHall"},
		kind: KindExternal, outcome: Admitted, decidedBy: "MeetingType"},
	{name: "external: service limits still apply", w: plain(), q: Question{ParticipantDomain: fab, RemoteStated: true, MeetingType: "GroupCall"},
		outcome: NotSupported, decidedBy: "MeetingType"},
	// An Anonymous participant under EveryoneInSameAndFederatedCompany
	// waits: that value admits federated people, not anonymous ones.
	{name: "anonymous: EveryoneInSameAndFederatedCompany is the lobby",
		w: plain().meeting("Global", "AutoAdmittedUsers", "EveryoneInSameAndFederatedCompany").fed("AllowFederatedUsers", false),
		q: from(fab), kind: KindAnonymous, outcome: Lobby, decidedBy: global + "AutoAdmittedUsers"},

	// Chat follows MeetingChatEnabledType; EnabledExceptAnonymous does
	// not remove an External participant's chat.
	{name: "external chat: EnabledExceptAnonymous keeps it", w: plain().meeting("Global", "MeetingChatEnabledType", "EnabledExceptAnonymous"),
		q: from(fab), kind: KindExternal, chat: yes},
	{name: "external chat: Disabled", w: plain().meeting("Global", "MeetingChatEnabledType", "Disabled"), q: from(fab), kind: KindExternal, chat: no},
	{name: "anonymous chat: EnabledExceptAnonymous removes it",
		w: plain().meeting("Global", "MeetingChatEnabledType", "EnabledExceptAnonymous").fed("AllowFederatedUsers", false), q: from(fab),
		kind: KindAnonymous, chat: no},
	{name: "external apps: the anonymous-users switch is not about External participants",
		w: plain().config("DisableAppInteractionForAnonymousUsers", true), q: from(fab), kind: KindExternal, apps: yes},

	// Warnings: a federation setting on the deciding path changed within
	// 24 hours.
	{name: "warning: a young federation change", w: plain().changed(state.KindTenantFederationConfiguration, "Global", "AllowFederatedUsers", time.Hour),
		q: from(fab), kind: KindExternal, warn: []string{fedCfg + "AllowFederatedUsers changed 1 hour ago"}},
	{name: "warning: a young external access grant", w: extGroups().changed("Group", "legal", PolicyExternalAccess, time.Hour),
		q: from(fab), kind: KindAnonymous, warn: []string{"ExternalAccessPolicy assignment of group legal changed 1 hour ago"}},

	// Section A is about Teams meetings.
	{name: "skype: outside section A", w: plain(), q: Question{Service: ServiceSkype, ParticipantDomain: fab}, outcome: Unknown, decidedBy: "Service"},
}

// extGroups gives ann two groups with ranked ExternalAccessPolicy
// assignments (the best rank, legal, has federation off) and a
// tenant-wide grant without federation.
func extGroups() *world {
	w := newWorld().user(ann).member(ann, "sales", "legal").
		set(state.KindExternalAccessPolicy, "Tag:NoFed", "EnableFederationAccess", false).
		set(state.KindExternalAccessPolicy, "Tag:Fed", "EnableFederationAccess", true).
		set(state.KindExternalAccessPolicy, "Tag:NoFedTenant", "EnableFederationAccess", false).
		groupGrant("legal", PolicyExternalAccess, "NoFed", 1).groupGrant("sales", PolicyExternalAccess, "Fed", 2)
	w.t.SetTenantGrant(PolicyExternalAccess, "NoFedTenant")
	return w
}

func TestExternalRules(t *testing.T) {
	for _, c := range extCases {
		t.Run(c.name, func(t *testing.T) {
			organizer := ann
			if strings.Contains(c.name, "tenant-wide") {
				organizer = "bob@contoso.com"
			}
			a := Evaluate(c.w.t, c.w.now, organizer, c.q)
			fail := func(format string, args ...any) {
				t.Helper()
				t.Errorf(format+"\nreasons:\n  %s\nwarnings:\n  %s", append(args, strings.Join(a.Reasons, "\n  "), strings.Join(a.Warnings, "\n  "))...)
			}
			if c.kind != "" && a.ParticipantKind != c.kind {
				fail("ParticipantKind = %q, want %q", a.ParticipantKind, c.kind)
			}
			if c.outcome != "" && a.Outcome != c.outcome {
				fail("Outcome = %q, want %q", a.Outcome, c.outcome)
			}
			if c.decidedBy != "" && a.DecidedBy != c.decidedBy {
				fail("DecidedBy = %q, want %q", a.DecidedBy, c.decidedBy)
			}
			if c.chat != nil && a.Chat != *c.chat {
				fail("Chat = %v, want %v", a.Chat, *c.chat)
			}
			if c.apps != nil && a.AppInteraction != *c.apps {
				fail("AppInteraction = %v, want %v", a.AppInteraction, *c.apps)
			}
			if c.reason != "" && !containsPart(a.Reasons, c.reason) {
				fail("no reason contains %q", c.reason)
			}
			if c.warn != nil {
				if len(a.Warnings) != len(c.warn) {
					fail("%d warnings, want %d", len(a.Warnings), len(c.warn))
				}
				for _, w := range c.warn {
					if !containsPart(a.Warnings, w) {
						fail("no warning contains %q", w)
					}
				}
			}
		})
	}
}

// Reasons say first which federation or external-access settings the
// rules read, in the order of section A, then the anonymous-join rules
// or the External lobby.
func TestExternalReasonsFollowTheRules(t *testing.T) {
	for _, c := range []struct {
		w    *world
		q    Question
		want []string
	}{
		{plain(), from(fab), []string{"Section A rule 1 ", "Policy: the organizer has no ExternalAccessPolicy", "Section A rule 3 ", "Section A rule 4 (domains)",
			"Section A rule 4 (tenant lists)", "Section A rule 5 ", "Section A rule 6", "Policy: the organizer has no TeamsMeetingPolicy", "Rule 1 ",
			"Rules 2 and 3 ", "Lobby (External)", "Capabilities (External)"}},
		{plain().fed("BlockedDomains", state.DomainPatterns([]string{fab})), from(fab), []string{"Section A rule 1 ", "Policy: the organizer has no ExternalAccessPolicy",
			"Section A rule 3 ", "Section A rule 4 (domains)", "Section A rule 4 (tenant lists)", "Section A: the participant from fabrikam.com counts as Anonymous",
			"Policy: the organizer has no TeamsMeetingPolicy", "Rule 1 ", "Rule 2 ", "Rule 3 ", "Rule 5 ", "Rule 6 "}},
	} {
		a := Evaluate(c.w.t, t0, ann, c.q)
		if len(a.Reasons) != len(c.want) {
			t.Fatalf("reasons:\n  %s", strings.Join(a.Reasons, "\n  "))
		}
		for i, w := range c.want {
			if !strings.HasPrefix(a.Reasons[i], w) {
				t.Errorf("reason %d = %q, want it to start with %q", i, a.Reasons[i], w)
			}
		}
	}
}

// Every setting read names its value and where it comes from: the
// script line that set it, or the default.
func TestExternalReasonsNameOrigins(t *testing.T) {
	w := plain().fed("BlockedDomains", state.DomainPatterns([]string{fab}))
	w.t.AppendChange(state.Change{Time: t0.Add(-48 * time.Hour), Cmdlet: "Set-CsTenantFederationConfiguration", File: "fed.ps1", Line: 3,
		Kind: state.KindTenantFederationConfiguration, Identity: "Global", Property: "BlockedDomains", New: "fabrikam.com"})
	a := Evaluate(w.t, t0, ann, from(fab))
	for _, part := range []string{
		fedCfg + "AllowFederatedUsers = True (default)",
		extGlob + "EnableFederationAccess = True (default)",
		extGlob + "CommunicationWithExternalOrgs = OrganizationDefault (default)",
		fedCfg + "AllowedDomains = AllowAllKnownDomains (default)",
		fedCfg + "BlockedDomains = (fabrikam.com) (set by Set-CsTenantFederationConfiguration at fed.ps1:3)",
	} {
		if !containsPart(a.Reasons, part) {
			t.Errorf("no reason contains %q:\n  %s", part, strings.Join(a.Reasons, "\n  "))
		}
	}
}

// Organizers share an answer only when they share the effective
// ExternalAccessPolicy too: the policy is part of the case.
func TestExternalEvaluatorShares(t *testing.T) {
	w := extGroups().user("bob@contoso.com").member("bob@contoso.com", "legal").user("cy@contoso.com").member("cy@contoso.com", "sales").
		user("dee@contoso.com").grant("dee@contoso.com", PolicyExternalAccess, "Fed")
	e := NewEvaluator(w.t, t0)
	q := from(fab)
	ann1, bob := e.Evaluate(ann, q), e.Evaluate("bob@contoso.com", q)
	if ann1 != bob {
		t.Errorf("organizers under one group policy got different answers")
	}
	cy := e.Evaluate("cy@contoso.com", q)
	if cy == ann1 || cy.ParticipantKind != KindExternal || ann1.ParticipantKind != KindAnonymous {
		t.Errorf("organizers under different external access policies shared an answer: %s / %s", ann1.ParticipantKind, cy.ParticipantKind)
	}
	if e.Evaluate(ann, Question{}) == ann1 {
		t.Errorf("the question without a domain got the answer with one")
	}
	if e.Evaluate(ann, from("northwind.com")) == ann1 {
		t.Errorf("another domain got the same answer")
	}
	d1, d2 := e.Evaluate("dee@contoso.com", q), e.Evaluate("dee@contoso.com", q)
	if d1 == d2 || !containsPart(d1.Reasons, "assigned directly to dee@contoso.com") {
		t.Errorf("a direct external access assignment must be answered alone, naming the user: %q", d1.Reasons)
	}
}

func BenchmarkEvaluateExternal(b *testing.B) {
	w := extGroups()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(w.t, t0, ann, from(fab))
	}
}
