package teams

import (
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/cmdlets/value"
)

// Test-AnonymousJoin answers: can an anonymous participant join a meeting
// that this organizer organizes, from this client, and which setting
// decides it? The rules are package join's; the cmdlet reads the question
// from its parameters and writes the answer as an AnonymousJoinResult.

// whatIfCmdlets returns Test-AnonymousJoin.
func (h *Holder) whatIfCmdlets() []*cmdlets.Cmdlet {
	return []*cmdlets.Cmdlet{{
		Name: "Test-AnonymousJoin", Module: "csemu",
		Synopsis: "Tells whether an anonymous participant can join a meeting of an organizer, how, and which setting decides it.",
		Description: `Test-AnonymousJoin evaluates the tenant's settings as the Teams or Skype for Business Server service would for an
    anonymous participant (not signed in, or from an untrusted organization) who joins a meeting that the organizer
    organizes. It resolves the organizer's effective policy (direct assignment, then the best-ranked group assignment
    among the groups the organizer is a direct member of, then the policy granted with -Global, then Global) and
    applies the rules in order: service limits, blocked client types, unverified join (org switch and policy), the
    email one-time passcode path, the ACS wait for a Teams user, and the lobby.

    With -ParticipantDomain the participant is a person signed in to another organization. Such a person joins as
    External only when the tenant's federation configuration (AllowFederatedUsers, ExternalAccessWithTrialTenants,
    AllowedDomains, BlockedDomains, BlockAllSubdomains) and the organizer's effective external access policy
    (EnableFederationAccess, CommunicationWithExternalOrgs and its domain lists) allow the domain, and the other
    organization allows this one (-RemoteAllowsUs); otherwise the person counts as Anonymous and the rules above
    apply. An External participant is not subject to the blocked client types and the unverified join rules, and
    bypasses the lobby when AutoAdmittedUsers is Everyone or EveryoneInSameAndFederatedCompany. ParticipantKind
    says which.

    Outcomes: Admitted (bypasses the lobby), Lobby (waits to be admitted), VerificationRequired (must verify by
    email code first), Blocked, NotSupported (the scenario does not exist for that client), Unknown (outside the
    model). DecidedBy names the one setting that decided, as Object[Identity].Property. Reasons lists every rule
    evaluated with the value read and the script line that last set it; Warnings lists what may still surprise:
    changes younger than 24 hours, CAPTCHA, preview features and points where Microsoft's documents disagree.`,
		Params: []*cmdlets.ParamDef{
			help(alias(byName(mand(p("Organizer", "string", 0))), "UserPrincipalName"),
				"The UPN of the organizer; binds from the pipeline by property name UserPrincipalName (Get-CsOnlineUser | Test-AnonymousJoin)."),
			help(values(p("ClientType", "string", -1), join.ClientTypes...), "The anonymous participant's client: the Teams client or an Azure Communication Services app (default Teams)."),
			help(values(p("MeetingType", "string", -1), join.MeetingTypes...), "The kind of meeting (default Meeting)."),
			help(values(p("Service", "string", -1), join.Services...), "Which service hosts the meeting (default Teams)."),
			{Name: "Verified", Type: "switch", Position: -1, Help: "The participant completes the email one-time passcode."},
			{Name: "TeamsUserPresent", Type: "bool", Position: -1, Help: "A signed-in Teams user is already in the meeting (default $true)."},
			help(p("ParticipantDomain", "string", -1),
				"The participant is signed in to another organization with this domain (a DNS name such as fabrikam.com): the tenant's federation configuration and the organizer's external access policy decide whether the participant joins as External or counts as Anonymous (Teams only)."),
			{Name: "RemoteAllowsUs", Type: "bool", Position: -1,
				Help: "With -ParticipantDomain: the participant's organization allows this one and the participant's own policy allows external access (default $true; csemu cannot see the other tenant)."},
			{Name: "ParticipantTenantIsTrial", Type: "switch", Position: -1,
				Help: "With -ParticipantDomain: the participant's tenant has only trial licences (TenantFederationConfiguration.ExternalAccessWithTrialTenants applies)."},
		},
		Examples: []string{
			"Test-AnonymousJoin -Organizer ann@contoso.com",
			"Test-AnonymousJoin ann@contoso.com -ClientType Acs -MeetingType Webinar | Format-List",
			"Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs | Where-Object { -not $_.Allowed }",
			"Test-AnonymousJoin ann@contoso.com -Service SkypeForBusinessServer",
			"Test-AnonymousJoin ann@contoso.com -ParticipantDomain fabrikam.com | Format-List ParticipantKind, Outcome, DecidedBy, Reasons",
			"Get-CsOnlineUser | Test-AnonymousJoin -ParticipantDomain fabrikam.com -RemoteAllowsUs $false",
		},
		Process: h.handler(testAnonymousJoin),
	}}
}

// joinState is what Test-AnonymousJoin keeps between the objects of one
// pipeline: the evaluator, which shares one answer among organizers who
// ask the same question, and the shared answers' lists as PowerShell
// values, made once.
type joinState struct {
	ev    *join.Evaluator
	lists map[*join.Answer][2][]any
}

func testAnonymousJoin(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	organizer := userID(c.String("Organizer"))
	q := join.Question{
		Service:     c.String("Service"),
		ClientType:  c.String("ClientType"),
		MeetingType: c.String("MeetingType"),
		Verified:    c.Bool("Verified"),
	}
	if c.Has("TeamsUserPresent") {
		q.TeamsUserAbsent = !c.Bool("TeamsUserPresent")
	}
	if err := externalQuestion(c, &q); err != nil {
		return err
	}
	st, _ := c.State.(*joinState)
	if st == nil {
		st = &joinState{}
		c.State = st
	}
	ev := st.ev.At(t, c.Now())
	if ev != st.ev {
		st.ev, st.lists = ev, map[*join.Answer][2][]any{}
	}
	a := ev.Evaluate(organizer, q)
	lists, ok := st.lists[a]
	if !ok {
		lists = [2][]any{strings2any(a.Reasons), strings2any(a.Warnings)}
		if a.Shared() {
			st.lists[a] = lists
		}
	}
	return c.Write(joinResult(organizer, a, lists[0], lists[1]))
}

// externalQuestion reads the parameters of a participant from another
// organization (external-and-app-rules.md, section A) into q.
func externalQuestion(c call, q *join.Question) error {
	if !c.Has("ParticipantDomain") {
		for _, name := range []string{"RemoteAllowsUs", "ParticipantTenantIsTrial"} {
			if c.Has(name) {
				return c.FailBinding("ParticipantDomainMissing",
					"Parameter -%s describes the participant's organization and needs -ParticipantDomain, the domain of that organization.", name)
			}
		}
		return nil
	}
	d, msg := checkDomain(c.String("ParticipantDomain"))
	if msg != "" {
		return c.FailBinding("ParameterArgumentValidationError", "Cannot validate argument on parameter 'ParticipantDomain'. %s.", msg)
	}
	if join.ServiceSkype == canonicalService(c.String("Service")) {
		return c.Fail("NotImplemented", cmdlets.NotImplemented,
			"[NotImplemented] Test-AnonymousJoin -ParticipantDomain with -Service SkypeForBusinessServer (people of other organizations in Skype for Business Server meetings) is not emulated")
	}
	q.ParticipantDomain = d
	q.ParticipantTenantIsTrial = c.Bool("ParticipantTenantIsTrial")
	if c.Has("RemoteAllowsUs") {
		q.RemoteStated, q.RemoteDeniesUs = true, !c.Bool("RemoteAllowsUs")
	}
	return nil
}

// canonicalService returns the service as package join spells it.
func canonicalService(s string) string {
	for _, v := range join.Services {
		if strings.EqualFold(v, s) {
			return v
		}
	}
	return s
}

// joinResultProps are the properties of an AnonymousJoinResult, in order.
var joinResultProps = []string{"Organizer", "Service", "ClientType", "MeetingType", "ParticipantKind", "Allowed", "Outcome", "DecidedBy",
	"PolicyName", "PolicySource", "Chat", "AppInteraction", "Reasons", "Warnings"}

// joinResultView is the default table of an AnonymousJoinResult.
var joinResultView = []string{"Organizer", "Allowed", "Outcome", "DecidedBy"}

// joinResult returns the AnonymousJoinResult of answer a for organizer.
func joinResult(organizer string, a *join.Answer, reasons, warnings []any) *value.Object {
	o := value.NewObjectOf([]string{"AnonymousJoinResult"}, joinResultProps, []any{
		organizer, a.Service, a.ClientType, a.MeetingType, a.ParticipantKind, a.Allowed, a.Outcome, a.DecidedBy, a.PolicyName, a.PolicySource, a.Chat, a.AppInteraction,
		&value.Array{Items: append([]any(nil), reasons...), Elem: value.TString},
		&value.Array{Items: append([]any(nil), warnings...), Elem: value.TString},
	})
	o.DefaultDisplay = joinResultView
	return o
}

func strings2any(items []string) []any {
	out := make([]any, len(items))
	for i, s := range items {
		out[i] = s
	}
	return out
}
