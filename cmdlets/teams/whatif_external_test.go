package teams_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// The cases below ask Test-AnonymousJoin -ParticipantDomain about tenants
// that the federation and external access cmdlets build, as section A of
// ../shared/reference/external-and-app-rules.md describes; the rules one
// by one are tested in package join.

// extResult is the part of an AnonymousJoinResult these cases check.
type extResult struct {
	MeetingType, ParticipantKind string
	Allowed                      bool
	Outcome, DecidedBy           string
	Chat                         bool
	Reasons, Warnings            []string
}

// people makes ann a member of sales and dev a member of no group.
const people = "New-EmuUser -UserPrincipalName ann@contoso.com -Group sales | Out-Null\nNew-EmuUser -UserPrincipalName dev@contoso.com | Out-Null\n"

// partners is an external access policy that lets the sales group meet
// fabrikam.com only.
const partners = "New-CsExternalAccessPolicy -Identity Partners -CommunicationWithExternalOrgs AllowSpecificExternalDomains -AllowedExternalDomains fabrikam.com | Out-Null\n" +
	"Grant-CsExternalAccessPolicy -Group sales -PolicyName Partners -Rank 1\n"

var extCmdletCases = []struct {
	name, setup, query string
	kind, outcome, by  string
	reason             string // a substring of one reason
	warn               string // a substring of one warning
}{
	// Section A, rule 6: a new tenant federates with every domain; the
	// External lobby rule: EveryoneInCompany (the default) is the lobby.
	{name: "new tenant", setup: people, query: "dev@contoso.com -ParticipantDomain fabrikam.com",
		kind: "External", outcome: "Lobby", by: "TeamsMeetingPolicy[Global].AutoAdmittedUsers",
		warn: "assumed that it allows this organization"},
	// Section A, rule 4: an allow list set with -AllowedDomainsAsAList.
	{name: "tenant allow list without the domain",
		setup: people + "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @('northwind.com')\n",
		query: "dev@contoso.com -ParticipantDomain fabrikam.com -RemoteAllowsUs $true", kind: "Anonymous", outcome: "Lobby",
		reason: "counts as Anonymous (decided by TenantFederationConfiguration[Global].AllowedDomains)"},
	// Section A, rule 4: a custom policy granted to a group replaces the
	// tenant's lists for its members.
	{name: "a group's policy allows the domain",
		setup: people + "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @('northwind.com')\n" + partners,
		query: "ann@contoso.com -ParticipantDomain fabrikam.com -RemoteAllowsUs $true", kind: "External", outcome: "Lobby",
		reason: "ExternalAccessPolicy Tag:Partners comes from group sales at rank 1, the best rank among the organizer's groups (set by Grant-CsExternalAccessPolicy at t.ps1:5)"},
	{name: "a group's policy does not allow another domain", setup: people + partners,
		query: "ann@contoso.com -ParticipantDomain northwind.com -RemoteAllowsUs $true", kind: "Anonymous",
		reason: "decided by ExternalAccessPolicy[Tag:Partners].AllowedExternalDomains"},
	// Section A, rule 4: blocked domains and their subdomains.
	{name: "blocked subdomain", setup: people + "Set-CsTenantFederationConfiguration -BlockedDomains @{Add='fabrikam.com'} -BlockAllSubdomains $true\n",
		query: "dev@contoso.com -ParticipantDomain sales.fabrikam.com -RemoteAllowsUs $true", kind: "Anonymous",
		reason: "decided by TenantFederationConfiguration[Global].BlockAllSubdomains"},
	// Section A, rule 1 then the anonymous-join rules: the outcome and
	// DecidedBy are theirs.
	{name: "federation off, then anonymous join off",
		setup: people + "Set-CsTenantFederationConfiguration -AllowFederatedUsers $false\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "dev@contoso.com -ParticipantDomain fabrikam.com", kind: "Anonymous", outcome: "Blocked",
		by: "TeamsMeetingPolicy[Global].AllowAnonymousUsersToJoinMeeting", reason: "decided by TenantFederationConfiguration[Global].AllowFederatedUsers"},
	// Section A, rule 2: trial tenants are blocked by default.
	{name: "trial tenant", setup: people, query: "dev@contoso.com -ParticipantDomain fabrikam.com -ParticipantTenantIsTrial", kind: "Anonymous",
		reason: "decided by TenantFederationConfiguration[Global].ExternalAccessWithTrialTenants"},
	{name: "trial tenant on the safe list",
		setup: people + "Set-CsTenantFederationConfiguration -AllowedTrialTenantDomains @('fabrikam.com')\n",
		query: "dev@contoso.com -ParticipantDomain fabrikam.com -ParticipantTenantIsTrial -RemoteAllowsUs $true", kind: "External"},
	// Section A, rule 5.
	{name: "the other side does not allow us", setup: people, query: "dev@contoso.com -ParticipantDomain fabrikam.com -RemoteAllowsUs $false",
		kind: "Anonymous", reason: "decided by RemoteAllowsUs"},
	// The External lobby: EveryoneInSameAndFederatedCompany admits.
	{name: "federated companies bypass the lobby",
		setup: people + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInSameAndFederatedCompany\n",
		query: "dev@contoso.com -ParticipantDomain fabrikam.com -RemoteAllowsUs $true", kind: "External", outcome: "Admitted",
		by: "TeamsMeetingPolicy[Global].AutoAdmittedUsers"},
	// Without -ParticipantDomain the participant is anonymous.
	{name: "no domain", setup: people, query: "dev@contoso.com", kind: "Anonymous", outcome: "Lobby"},
}

func TestAnonymousJoinExternal(t *testing.T) {
	for _, c := range extCmdletCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			script := c.setup + "Test-AnonymousJoin " + c.query + " | ConvertTo-Json -Compress -Depth 3\n"
			var out, errb bytes.Buffer
			s := newTestSession("", &out, &errb)
			if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil || errb.Len() > 0 {
				t.Fatalf("script:\n%s\nerror: %v\nstderr: %s", script, err, errb.String())
			}
			var r extResult
			if err := json.Unmarshal(out.Bytes(), &r); err != nil {
				t.Fatalf("output %q: %v", out.String(), err)
			}
			explain := "\nreasons:\n  " + strings.Join(r.Reasons, "\n  ") + "\nwarnings:\n  " + strings.Join(r.Warnings, "\n  ")
			if r.ParticipantKind != c.kind {
				t.Errorf("ParticipantKind = %q, want %q%s", r.ParticipantKind, c.kind, explain)
			}
			if c.outcome != "" && r.Outcome != c.outcome {
				t.Errorf("Outcome = %q, want %q%s", r.Outcome, c.outcome, explain)
			}
			if c.by != "" && r.DecidedBy != c.by {
				t.Errorf("DecidedBy = %q, want %q%s", r.DecidedBy, c.by, explain)
			}
			if c.reason != "" && !strings.Contains(strings.Join(r.Reasons, "\n"), c.reason) {
				t.Errorf("no reason contains %q%s", c.reason, explain)
			}
			if c.warn != "" && !strings.Contains(strings.Join(r.Warnings, "\n"), c.warn) {
				t.Errorf("no warning contains %q%s", c.warn, explain)
			}
		})
	}
}

// ParticipantKind comes after MeetingType (section A: "New output
// property ParticipantKind ... placed after MeetingType"); the default
// table is the one of questions without a domain.
func TestAnonymousJoinExternalShape(t *testing.T) {
	script := people + "(Test-AnonymousJoin dev@contoso.com -ParticipantDomain fabrikam.com).psobject.Properties.Name -join ','\n" +
		"Test-AnonymousJoin dev@contoso.com -ParticipantDomain fabrikam.com | Format-Table | Out-String -Width 200\n"
	var out, errb bytes.Buffer
	s := newTestSession("", &out, &errb)
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil || errb.Len() > 0 {
		t.Fatalf("error: %v\nstderr: %s", err, errb.String())
	}
	got := out.String()
	if !strings.HasPrefix(got, "Organizer,Service,ClientType,MeetingType,ParticipantKind,Allowed,Outcome,DecidedBy,") {
		t.Errorf("properties: %s", got)
	}
	if !strings.Contains(got, "Organizer       Allowed Outcome DecidedBy") {
		t.Errorf("default table: %s", got)
	}
}

// Bad input gets a positioned error: a -ParticipantDomain that is not a
// DNS name, the participant's organization described without a domain,
// and a question section A does not cover.
func TestAnonymousJoinExternalErrors(t *testing.T) {
	for _, c := range []struct{ query, want string }{
		{"dev@contoso.com -ParticipantDomain 'fabrikam com'", "t.ps1:3:1: Test-AnonymousJoin: Cannot validate argument on parameter 'ParticipantDomain'."},
		{"dev@contoso.com -ParticipantDomain user@fabrikam.com", "looks like an address"},
		{"dev@contoso.com -ParticipantDomain https://fabrikam.com", "looks like a URL"},
		{"dev@contoso.com -ParticipantDomain fabrikam", "at least two labels"},
		{"dev@contoso.com -ParticipantDomain ''", "Cannot validate argument on parameter 'ParticipantDomain'"},
		{"dev@contoso.com -RemoteAllowsUs $false", "t.ps1:3:1: Test-AnonymousJoin: Parameter -RemoteAllowsUs describes the participant's organization and needs -ParticipantDomain"},
		{"dev@contoso.com -ParticipantTenantIsTrial", "Parameter -ParticipantTenantIsTrial describes"},
		{"dev@contoso.com -ParticipantDomain fabrikam.com -Service SkypeForBusinessServer", "[NotImplemented] Test-AnonymousJoin -ParticipantDomain with -Service SkypeForBusinessServer"},
	} {
		t.Run(c.query, func(t *testing.T) {
			script := people + "Test-AnonymousJoin " + c.query + "\n"
			var out, errb bytes.Buffer
			s := newTestSession("", &out, &errb)
			s.Run(context.Background(), "t.ps1", script, nil)
			if !strings.Contains(errb.String(), c.want) {
				t.Errorf("stderr = %q, want it to contain %q", errb.String(), c.want)
			}
			if out.Len() > 0 {
				t.Errorf("output %q, want none", out.String())
			}
		})
	}
}
