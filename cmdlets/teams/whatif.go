package teams

import (
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
		},
		Examples: []string{
			"Test-AnonymousJoin -Organizer ann@contoso.com",
			"Test-AnonymousJoin ann@contoso.com -ClientType Acs -MeetingType Webinar | Format-List",
			"Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs | Where-Object { -not $_.Allowed }",
			"Test-AnonymousJoin ann@contoso.com -Service SkypeForBusinessServer",
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

// joinResultProps are the properties of an AnonymousJoinResult, in order.
var joinResultProps = []string{"Organizer", "Service", "ClientType", "MeetingType", "Allowed", "Outcome", "DecidedBy",
	"PolicyName", "PolicySource", "Chat", "AppInteraction", "Reasons", "Warnings"}

// joinResultView is the default table of an AnonymousJoinResult.
var joinResultView = []string{"Organizer", "Allowed", "Outcome", "DecidedBy"}

// joinResult returns the AnonymousJoinResult of answer a for organizer.
func joinResult(organizer string, a *join.Answer, reasons, warnings []any) *value.Object {
	o := value.NewObjectOf([]string{"AnonymousJoinResult"}, joinResultProps, []any{
		organizer, a.Service, a.ClientType, a.MeetingType, a.Allowed, a.Outcome, a.DecidedBy, a.PolicyName, a.PolicySource, a.Chat, a.AppInteraction,
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
