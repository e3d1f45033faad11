package teams_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// joinResult is the JSON form of an AnonymousJoinResult.
type joinResult struct {
	Organizer, Service, ClientType, MeetingType  string
	Allowed                                      bool
	Outcome, DecidedBy, PolicyName, PolicySource string
	Chat, AppInteraction                         bool
	Reasons, Warnings                            []string
}

// joinCase sets a tenant up, asks Test-AnonymousJoin one question and
// checks the answer. Empty want fields are not checked, except that the
// warnings must match warn exactly by count when warn is set (use noWarn
// for "no warnings").
type joinCase struct {
	name      string
	setup     string
	query     string // arguments of Test-AnonymousJoin
	allowed   bool
	outcome   string
	decidedBy string
	policy    string // PolicyName
	source    string // PolicySource
	chat      *bool
	apps      *bool
	warn      []string // substrings, one per expected warning
	noWarn    bool
	reason    string // a substring of one of the reasons
}

var (
	yes = func() *bool { b := true; return &b }()
	no  = func() *bool { b := false; return &b }()
)

const premium = "New-EmuUser -UserPrincipalName ann@contoso.com -License TeamsPremium | Out-Null\n"
const plain = "New-EmuUser -UserPrincipalName ann@contoso.com | Out-Null\n"

// joinCases cover every rule, outcome and warning of the reference
// anonymous-join-rules.md, for both services and both client types.
var joinCases = []joinCase{
	// defaults of a new tenant
	{name: "default Teams client waits in the lobby", setup: plain, query: "ann@contoso.com",
		allowed: true, outcome: "Lobby", decidedBy: "TeamsMeetingPolicy[Global].AutoAdmittedUsers", policy: "Global", source: "Global",
		chat: yes, apps: yes, noWarn: true},
	{name: "default ACS client waits in the lobby", setup: plain, query: "ann@contoso.com -ClientType Acs",
		allowed: true, outcome: "Lobby", decidedBy: "TeamsMeetingPolicy[Global].AutoAdmittedUsers", noWarn: true},
	{name: "ACS spelled in capitals", setup: plain, query: "ann@contoso.com -ClientType ACS",
		allowed: true, outcome: "Lobby"},

	// rule 1: service limits
	{name: "ACS live event not supported", setup: plain, query: "ann@contoso.com -ClientType Acs -MeetingType LiveEvent",
		outcome: "NotSupported", decidedBy: "MeetingType", chat: no, apps: no},
	{name: "ACS group call not supported", setup: plain, query: "ann@contoso.com -ClientType Acs -MeetingType GroupCall",
		outcome: "NotSupported", decidedBy: "MeetingType"},
	{name: "Teams group call not supported", setup: plain, query: "ann@contoso.com -MeetingType GroupCall",
		outcome: "NotSupported", decidedBy: "MeetingType"},
	{name: "Teams live event unknown", setup: plain, query: "ann@contoso.com -MeetingType LiveEvent",
		outcome: "Unknown", decidedBy: "MeetingType"},

	// rule 2: blocked client types
	{name: "ACS blocked by the policy", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs\n",
		query: "ann@contoso.com -ClientType Acs", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Global].BlockedAnonymousJoinClientTypes",
		chat: no, apps: no},
	{name: "ACS blocked, Teams client still joins", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs\n",
		query: "ann@contoso.com", allowed: true, outcome: "Lobby"},
	{name: "both client types blocked: Teams", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs,Teams\n",
		query: "ann@contoso.com", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Global].BlockedAnonymousJoinClientTypes"},
	{name: "both client types blocked: ACS", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Teams,ACS\n",
		query: "ann@contoso.com -ClientType Acs", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Global].BlockedAnonymousJoinClientTypes"},
	{name: "blocked types added with a hashtable", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes @{Add='acs'}\n",
		query: "ann@contoso.com -ClientType Acs", outcome: "Blocked"},

	// rule 3: unverified join
	{name: "org switch off, policy on", setup: plain + "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\n",
		query: "ann@contoso.com", outcome: "Blocked", decidedBy: "TeamsMeetingConfiguration[Global].DisableAnonymousJoin"},
	{name: "policy off, org switch on", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Global].AllowAnonymousUsersToJoinMeeting"},
	{name: "both off: the org switch decides", setup: plain + "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com", outcome: "Blocked", decidedBy: "TeamsMeetingConfiguration[Global].DisableAnonymousJoin"},
	{name: "one-time passcode with a Premium organizer", setup: premium + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com", outcome: "VerificationRequired", decidedBy: "TeamsMeetingPolicy[Global].AnonymousUserAuthenticationMethod",
		chat: no, apps: no, warn: []string{"preview feature", "24 hours"}},
	{name: "one-time passcode verified", setup: premium + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com -Verified", allowed: true, outcome: "Lobby", decidedBy: "TeamsMeetingPolicy[Global].AutoAdmittedUsers",
		reason: "verified with an email one-time passcode"},
	{name: "one-time passcode with the org switch off", setup: premium + "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\n",
		query: "ann@contoso.com", outcome: "VerificationRequired"},
	{name: "one-time passcode in a channel meeting", setup: premium + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com -MeetingType ChannelMeeting", outcome: "VerificationRequired"},
	{name: "one-time passcode without Premium", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com -Verified", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Global].AllowAnonymousUsersToJoinMeeting"},
	{name: "one-time passcode not for webinars", setup: premium + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com -MeetingType Webinar -Verified", outcome: "Blocked"},
	{name: "one-time passcode not for town halls", setup: premium + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
		query: "ann@contoso.com -MeetingType TownHall", outcome: "Blocked"},
	{name: "authentication method None", setup: premium + "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -AnonymousUserAuthenticationMethod None\n",
		query: "ann@contoso.com -Verified", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Global].AllowAnonymousUsersToJoinMeeting"},

	// rule 4: ACS waits for a Teams user
	{name: "ACS without a Teams user present", setup: plain, query: "ann@contoso.com -ClientType Acs -TeamsUserPresent:$false",
		allowed: true, outcome: "Lobby", decidedBy: "TeamsUserPresent"},
	{name: "Teams client ignores TeamsUserPresent", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone -AllowAnonymousUsersToStartMeeting $true\n",
		query: "ann@contoso.com -TeamsUserPresent $false", allowed: true, outcome: "Admitted"},

	// rule 5: lobby
	{name: "Everyone bypasses the lobby", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\n",
		query: "ann@contoso.com", allowed: true, outcome: "Admitted", decidedBy: "TeamsMeetingPolicy[Global].AutoAdmittedUsers",
		warn: []string{"until a signed-in participant has started the meeting", "24 hours"}},
	{name: "Everyone with anonymous start", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone -AllowAnonymousUsersToStartMeeting $true\n",
		query: "ann@contoso.com", allowed: true, outcome: "Admitted", warn: []string{"24 hours"}},
	{name: "trusted orgs still lobby anonymous users", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInSameAndFederatedCompany\n",
		query: "ann@contoso.com", allowed: true, outcome: "Lobby"},
	{name: "organizer only", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly\n",
		query: "ann@contoso.com -ClientType Acs", allowed: true, outcome: "Lobby"},
	{name: "town hall has no lobby", setup: plain, query: "ann@contoso.com -MeetingType TownHall",
		allowed: true, outcome: "Admitted", decidedBy: "MeetingType"},

	// rule 6: capabilities
	{name: "chat except anonymous", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -MeetingChatEnabledType EnabledExceptAnonymous\n",
		query: "ann@contoso.com", allowed: true, chat: no, apps: yes},
	{name: "chat disabled", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -MeetingChatEnabledType Disabled\n",
		query: "ann@contoso.com", allowed: true, chat: no},
	{name: "ACS in a channel meeting has no chat", setup: plain, query: "ann@contoso.com -ClientType Acs -MeetingType ChannelMeeting",
		allowed: true, outcome: "Lobby", chat: no, apps: yes},
	{name: "Teams client in a channel meeting has chat", setup: plain, query: "ann@contoso.com -MeetingType ChannelMeeting",
		allowed: true, chat: yes},
	{name: "app interaction off", setup: plain + "Set-CsTeamsMeetingConfiguration -DisableAppInteractionForAnonymousUsers $true\n",
		query: "ann@contoso.com", allowed: true, chat: yes, apps: no},

	// warnings
	{name: "CAPTCHA for the Teams client", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -CaptchaVerificationForMeetingJoin AnonymousUsersAndUntrustedOrganizations\n",
		query: "ann@contoso.com", allowed: true, warn: []string{"CAPTCHA"}},
	{name: "no CAPTCHA for ACS", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -CaptchaVerificationForMeetingJoin AnonymousUsersAndUntrustedOrganizations\n",
		query: "ann@contoso.com -ClientType Acs", allowed: true, noWarn: true},
	{name: "no CAPTCHA in a town hall", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -CaptchaVerificationForMeetingJoin AnonymousUsersAndUntrustedOrganizations\n",
		query: "ann@contoso.com -MeetingType TownHall", allowed: true, noWarn: true},
	{name: "ACS webinar roles", setup: plain, query: "ann@contoso.com -ClientType Acs -MeetingType Webinar",
		allowed: true, outcome: "Lobby", warn: []string{"roles"}},
	{name: "organizer not in the directory", query: "zed@contoso.com",
		allowed: true, outcome: "Lobby", policy: "Global", source: "Global", warn: []string{"not in the directory"}},
	{name: "organizer not in the directory gets the tenant grant",
		setup: "New-CsTeamsMeetingPolicy -Identity Open -AutoAdmittedUsers Everyone -AllowAnonymousUsersToStartMeeting $true | Out-Null\nGrant-CsTeamsMeetingPolicy -PolicyName Open -Global\nStart-Sleep -Seconds 90000\n",
		query: "zed@contoso.com", allowed: true, outcome: "Admitted", policy: "Tag:Open", source: "Tenant", warn: []string{"not in the directory"}},
	{name: "a change 1 hour old", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly\nStart-Sleep -Seconds 3600\n",
		query: "ann@contoso.com", allowed: true, outcome: "Lobby", warn: []string{"TeamsMeetingPolicy[Global].AutoAdmittedUsers changed 1 hour ago (Set-CsTeamsMeetingPolicy at t.ps1:2)"}},
	{name: "a change 25 hours old", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly\nStart-Sleep -Seconds 90000\n",
		query: "ann@contoso.com", allowed: true, outcome: "Lobby", noWarn: true, reason: "set by Set-CsTeamsMeetingPolicy at t.ps1:2"},
	{name: "a change off the deciding path does not warn", setup: plain + "Set-CsTeamsMeetingPolicy -Identity Global -AllowTranscription $false\n",
		query: "ann@contoso.com", allowed: true, noWarn: true},

	// policy resolution
	{name: "direct grant beats group and tenant", setup: groupsSetup + "Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Direct\nStart-Sleep -Seconds 90000\n",
		query: "ann@contoso.com", policy: "Tag:Direct", source: "Direct", outcome: "Blocked", decidedBy: "TeamsMeetingPolicy[Tag:Direct].AllowAnonymousUsersToJoinMeeting"},
	{name: "best group rank wins", setup: groupsSetup + "Start-Sleep -Seconds 90000\n",
		query: "ann@contoso.com", allowed: true, policy: "Tag:Open", source: "Group", outcome: "Admitted", reason: "group sales at rank 1"},
	{name: "group rank inserted at the top wins", setup: groupsSetup + "Grant-CsTeamsMeetingPolicy -Group legal -PolicyName Direct -Rank 1\nStart-Sleep -Seconds 90000\n",
		query: "ann@contoso.com", policy: "Tag:Direct", source: "Group", outcome: "Blocked"},
	{name: "removed group assignment falls back to the next group", setup: groupsSetup + "Grant-CsTeamsMeetingPolicy -Group sales -PolicyName $null\nStart-Sleep -Seconds 90000\n",
		query: "ann@contoso.com", allowed: true, policy: "Tag:Lobby", source: "Group", outcome: "Lobby"},
	{name: "tenant grant when no group applies", setup: groupsSetup + "New-EmuUser -UserPrincipalName bob@contoso.com | Out-Null\nStart-Sleep -Seconds 90000\n",
		query: "bob@contoso.com", allowed: true, policy: "Tag:Tenant", source: "Tenant", outcome: "Lobby", decidedBy: "TeamsMeetingPolicy[Tag:Tenant].AutoAdmittedUsers"},
	{name: "Global when nothing is assigned", setup: plain, query: "ann@contoso.com", allowed: true, policy: "Global", source: "Global"},
	{name: "a group assignment younger than a day warns", setup: groupsSetup,
		query: "ann@contoso.com", allowed: true, source: "Group", warn: []string{"TeamsMeetingPolicy assignment of group sales", "AutoAdmittedUsers"}},

	// Skype for Business Server
	{name: "Skype default: the Edge blocks anonymous users", setup: plain, query: "ann@contoso.com -Service SkypeForBusinessServer",
		outcome: "Blocked", decidedBy: "AccessEdgeConfiguration[Global].AllowAnonymousUsers", policy: "Global", source: "Global"},
	{name: "Skype: anonymous users admitted", setup: plain + "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\nStart-Sleep -Seconds 90000\n",
		query: "ann@contoso.com -Service SkypeForBusinessServer", allowed: true, outcome: "Admitted",
		decidedBy: "MeetingConfiguration[Global].AdmitAnonymousUsersByDefault", noWarn: true},
	{name: "Skype: outside users off", setup: plain + "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true -AllowOutsideUsers $false\n",
		query: "ann@contoso.com -Service SkypeForBusinessServer", outcome: "Blocked", decidedBy: "AccessEdgeConfiguration[Global].AllowOutsideUsers"},
	{name: "Skype: the organizer's conferencing policy", setup: plain + "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\nNew-CsConferencingPolicy -Identity NoAnon -AllowAnonymousParticipantsInMeetings $false | Out-Null\nGrant-CsConferencingPolicy -Identity ann@contoso.com -PolicyName NoAnon\n",
		query: "ann@contoso.com -Service SkypeForBusinessServer", outcome: "Blocked", decidedBy: "ConferencingPolicy[Tag:NoAnon].AllowAnonymousParticipantsInMeetings",
		policy: "Tag:NoAnon", source: "Direct"},
	{name: "Skype: lobby by meeting default", setup: plain + "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\nSet-CsMeetingConfiguration -AdmitAnonymousUsersByDefault $false\n",
		query: "ann@contoso.com -Service SkypeForBusinessServer", allowed: true, outcome: "Lobby", decidedBy: "MeetingConfiguration[Global].AdmitAnonymousUsersByDefault"},
	{name: "Skype: ACS not supported", setup: plain, query: "ann@contoso.com -Service SkypeForBusinessServer -ClientType Acs",
		outcome: "NotSupported", decidedBy: "ClientType"},
}

// groupsSetup gives ann two groups with ranked assignments, a tenant-wide
// grant, and a policy to grant directly.
const groupsSetup = `New-EmuUser -UserPrincipalName ann@contoso.com -Group sales, legal | Out-Null
New-CsTeamsMeetingPolicy -Identity Open -AutoAdmittedUsers Everyone -AllowAnonymousUsersToStartMeeting $true | Out-Null
New-CsTeamsMeetingPolicy -Identity Lobby -AutoAdmittedUsers OrganizerOnly | Out-Null
New-CsTeamsMeetingPolicy -Identity Direct -AllowAnonymousUsersToJoinMeeting $false | Out-Null
New-CsTeamsMeetingPolicy -Identity Tenant | Out-Null
Grant-CsTeamsMeetingPolicy -Group legal -PolicyName Lobby
Grant-CsTeamsMeetingPolicy -Group sales -PolicyName Open -Rank 1
Grant-CsTeamsMeetingPolicy -PolicyName Tenant -Global
`

func TestAnonymousJoin(t *testing.T) {
	for _, c := range joinCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			script := c.setup + "Test-AnonymousJoin " + c.query + " | ConvertTo-Json -Compress -Depth 3\n"
			var out, errb bytes.Buffer
			s := newTestSession("", &out, &errb)
			if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil || errb.Len() > 0 {
				t.Fatalf("script:\n%s\nerror: %v\nstderr: %s", script, err, errb.String())
			}
			var r joinResult
			if err := json.Unmarshal(out.Bytes(), &r); err != nil {
				t.Fatalf("output %q: %v", out.String(), err)
			}
			check := func(what, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q\nreasons:\n  %s", what, got, want, strings.Join(r.Reasons, "\n  "))
				}
			}
			if r.Allowed != c.allowed {
				t.Errorf("Allowed = %v, want %v (outcome %s by %s)", r.Allowed, c.allowed, r.Outcome, r.DecidedBy)
			}
			if (r.Outcome == "Admitted" || r.Outcome == "Lobby") != r.Allowed {
				t.Errorf("Allowed = %v does not match outcome %s", r.Allowed, r.Outcome)
			}
			check("Outcome", r.Outcome, c.outcome)
			check("DecidedBy", r.DecidedBy, c.decidedBy)
			check("PolicyName", r.PolicyName, c.policy)
			check("PolicySource", r.PolicySource, c.source)
			if c.chat != nil && r.Chat != *c.chat {
				t.Errorf("Chat = %v, want %v", r.Chat, *c.chat)
			}
			if c.apps != nil && r.AppInteraction != *c.apps {
				t.Errorf("AppInteraction = %v, want %v", r.AppInteraction, *c.apps)
			}
			if c.noWarn && len(r.Warnings) > 0 {
				t.Errorf("unexpected warnings:\n  %s", strings.Join(r.Warnings, "\n  "))
			}
			if c.warn != nil {
				if len(r.Warnings) != len(c.warn) {
					t.Errorf("%d warnings, want %d:\n  %s", len(r.Warnings), len(c.warn), strings.Join(r.Warnings, "\n  "))
				}
				for _, w := range c.warn {
					found := false
					for _, got := range r.Warnings {
						found = found || strings.Contains(got, w)
					}
					if !found {
						t.Errorf("no warning contains %q:\n  %s", w, strings.Join(r.Warnings, "\n  "))
					}
				}
			}
			if c.reason != "" && !strings.Contains(strings.Join(r.Reasons, "\n"), c.reason) {
				t.Errorf("no reason contains %q:\n  %s", c.reason, strings.Join(r.Reasons, "\n  "))
			}
			if len(r.Reasons) == 0 {
				t.Errorf("no reasons")
			}
		})
	}
}
