package lint

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

var (
	stEnvOnce sync.Once
	stEnv     *Env
)

func stTestEnv() *Env {
	stEnvOnce.Do(func() { stEnv = newTestEnv() })
	return stEnv
}

// stFindings lints src and keeps the findings whose code starts with prefix.
func stFindings(src, prefix string) []Finding {
	var out []Finding
	for _, f := range Lint("t.ps1", src, stTestEnv()) {
		if strings.HasPrefix(f.Code, prefix) {
			out = append(out, f)
		}
	}
	return out
}

func stSpan(f Finding) string {
	return fmt.Sprintf("%s %d:%d-%d:%d", f.Code, f.Pos.Line, f.Pos.Column, f.End.Line, f.End.Column)
}

type stCase struct {
	name, src string
	want      []string // "CODE l:c-l:c"
	message   string   // when set, the first finding's message
	suggest   string   // when set, the first finding's suggestion
	code      string   // when set, only this rule's findings count
}

func stRun(t *testing.T, prefix string, cases []stCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := prefix
			if c.code != "" {
				p = c.code
			}
			got := stFindings(c.src, p)
			var spans []string
			for _, f := range got {
				spans = append(spans, stSpan(f))
			}
			if strings.Join(spans, "; ") != strings.Join(c.want, "; ") {
				t.Fatalf("findings %q, want %q\n%v", spans, c.want, got)
			}
			if c.message != "" && got[0].Message != c.message {
				t.Errorf("message\n got %q\nwant %q", got[0].Message, c.message)
			}
			if c.suggest != "" && got[0].Suggestion != c.suggest {
				t.Errorf("suggestion %q, want %q", got[0].Suggestion, c.suggest)
			}
			for _, f := range got {
				r, ok := RuleByCode(f.Code)
				if !ok || f.Severity != r.Severity {
					t.Errorf("%s: severity %v, rule %v", f.Code, f.Severity, r.Severity)
				}
			}
		})
	}
}

func TestSettingRules(t *testing.T) {
	stRun(t, "CSE20", []stCase{
		// CSE2001
		{name: "org switch true", src: "Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $false\n",
			want:    []string{"CSE2001 1:50-1:78"},
			message: "DisableAnonymousJoin is the org-wide switch that Microsoft says is going away; control anonymous join with the meeting policy's AllowAnonymousUsersToJoinMeeting instead."},
		{name: "org switch prefix and colon", src: "Set-CsTeamsMeetingConfiguration -disableanon:$false\n",
			want: []string{"CSE2001 1:33-1:52"}},
		{name: "org switch other setting", src: "Set-CsTeamsMeetingConfiguration -DisableAppInteractionForAnonymousUsers $true\n"},
		{name: "org switch read", src: "(Get-CsTeamsMeetingConfiguration).DisableAnonymousJoin\n"},
		// CSE2002
		{name: "start without everyone", src: "Set-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true\n",
			want:    []string{"CSE2002 1:45-1:85"},
			message: `AllowAnonymousUsersToStartMeeting only applies when AutoAdmittedUsers is Everyone, and this script never sets AutoAdmittedUsers to Everyone for policy "Tag:Open": anonymous users still wait in the lobby.`,
			suggest: "add -AutoAdmittedUsers Everyone to this policy"},
		{name: "start with other lobby value", src: "New-CsTeamsMeetingPolicy -Identity Open -AllowAnonymousUsersToStartMeeting $true -AutoAdmittedUsers EveryoneInCompany\n",
			want: []string{"CSE2002 1:41-1:81"}},
		{name: "start everyone on another policy", src: "Set-CsTeamsMeetingPolicy -Identity Tag:A -AllowAnonymousUsersToStartMeeting $true\nSet-CsTeamsMeetingPolicy -Identity B -AutoAdmittedUsers Everyone\n",
			want: []string{"CSE2002 1:42-1:82"}},
		{name: "start everyone same call", src: "Set-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true -AutoAdmittedUsers everyone\n"},
		{name: "start everyone elsewhere tag form", src: "New-CsTeamsMeetingPolicy -Identity Open -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Tag:open -AllowAnonymousUsersToStartMeeting $true\n"},
		{name: "start everyone global positional", src: "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToStartMeeting $true\nSet-CsTeamsMeetingPolicy Global -AutoAdmittedUsers Everyone\n"},
		{name: "start false", src: "Set-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $false\n"},
		{name: "start computed lobby", src: "$v = 'Everyone'\nSet-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true -AutoAdmittedUsers $v\n"},
		{name: "start computed identity elsewhere", src: "$p = Get-Content p.txt\nSet-CsTeamsMeetingPolicy -Identity $p -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true\n"},
		{name: "start splat", src: "$p = @{AutoAdmittedUsers='Everyone'}\nSet-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true @p\n"},
		// CSE2003
		{name: "edge open policy closed", src: "Set-CsConferencingPolicy -Identity Tag:NoAnon -AllowAnonymousParticipantsInMeetings $false\nSet-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n",
			want:    []string{"CSE2003 2:31-2:57"},
			message: `The Edge now lets anonymous users in, but conferencing policy "Tag:NoAnon" (line 1) sets AllowAnonymousParticipantsInMeetings to $false: meetings organized by users with that policy still refuse them.`},
		{name: "edge before policy", src: "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers:$true -AllowOutsideUsers $true\nNew-CsConferencingPolicy -Identity Closed -AllowAnonymousParticipantsInMeetings $false\n",
			want: []string{"CSE2003 1:31-1:57"}},
		{name: "edge closed", src: "Set-CsConferencingPolicy -Identity Global -AllowAnonymousParticipantsInMeetings $false\nSet-CsAccessEdgeConfiguration -AllowAnonymousUsers $false\n"},
		{name: "edge open policies open", src: "Set-CsConferencingPolicy -Identity Global -AllowAnonymousParticipantsInMeetings $true\nSet-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n"},
		{name: "edge alone", src: "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n"},
		// CSE2004
		{name: "both clients", src: "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs,Teams\n",
			want:    []string{"CSE2004 1:43-1:85"},
			message: `Blocking both Acs and Teams clients blocks every anonymous join for policy "Global".`,
			suggest: "if that is the intent, say it with -AllowAnonymousUsersToJoinMeeting $false"},
		{name: "both clients array and case", src: "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes @('ACS', \"teams\") `\n  -Description x\n",
			want: []string{"CSE2004 1:43-1:93"}},
		{name: "both clients add", src: "New-CsTeamsMeetingPolicy -Identity X -BlockedAnonymousJoinClientTypes @{Add='Acs','Teams'}\n",
			want: []string{"CSE2004 1:38-1:91"}},
		{name: "one client", src: "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs\n"},
		{name: "remove both", src: "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes @{Remove='Acs','Teams'}\n"},
		{name: "computed clients", src: "$c = 'Acs','Teams'\nSet-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes $c\n"},
		// CSE2005
		{name: "policy off without none", src: "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
			want:    []string{"CSE2005 1:43-1:83"},
			message: `Anonymous join is turned off for policy "Global" but AnonymousUserAuthenticationMethod stays at its default OneTimePasscode: organizers with Teams Premium still admit anonymous people after an email code (MC953756).`,
			suggest: "add -AnonymousUserAuthenticationMethod None"},
		{name: "policy off with 0", src: "New-CsTeamsMeetingPolicy -Identity NoAnon -AllowAnonymousUsersToJoinMeeting 0 | Out-Null\n",
			want: []string{"CSE2005 1:43-1:78"}},
		{name: "none on another policy", src: "Set-CsTeamsMeetingPolicy -Identity Tag:A -AllowAnonymousUsersToJoinMeeting $false\nSet-CsTeamsMeetingPolicy -Identity B -AnonymousUserAuthenticationMethod None\n",
			want: []string{"CSE2005 1:42-1:82"}},
		{name: "org off without none", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\n",
			want: []string{"CSE2005 1:33-1:60"}, code: "CSE2005",
			message: "Anonymous join is turned off org-wide but no meeting policy sets AnonymousUserAuthenticationMethod to None: it stays OneTimePasscode, and organizers with Teams Premium still admit anonymous people after an email code (MC953756)."},
		{name: "policy off with none", src: "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -AnonymousUserAuthenticationMethod none\n"},
		{name: "policy off none later", src: "New-CsTeamsMeetingPolicy -Identity NoAnon -AllowAnonymousUsersToJoinMeeting $false\nSet-CsTeamsMeetingPolicy -Identity Tag:NoAnon -AnonymousUserAuthenticationMethod None\n"},
		{name: "org off none on any policy", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\nSet-CsTeamsMeetingPolicy -Identity Tag:X -AnonymousUserAuthenticationMethod None\n",
			want: []string{"CSE2001 1:33-1:60"}},
		{name: "policy on", src: "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n"},
		{name: "policy computed", src: "$off = Get-Content off.txt\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $off\n"},
		{name: "other cmdlet", src: "Set-CsTeamsEventsPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"},
	})
}

// TestSettingRuleExamples checks that each rule's Bad example triggers it
// and its Good example does not.
func TestSettingRuleExamples(t *testing.T) {
	n := 0
	for _, d := range settingRules() {
		n++
		if !strings.HasPrefix(d.Code, "CSE20") || d.Bad == "" || d.Good == "" || d.Summary == "" || d.Help == "" || d.Name == "" {
			t.Errorf("%s: incomplete rule %+v", d.Code, d.Rule)
		}
		if got := stFindings(d.Bad, d.Code); len(got) == 0 {
			t.Errorf("%s: Bad does not trigger it:\n%s", d.Code, d.Bad)
		}
		if got := stFindings(d.Good, d.Code); len(got) != 0 {
			t.Errorf("%s: Good triggers it: %v", d.Code, got)
		}
		if got := stFindings(d.Good, "CSE1"); len(got) != 0 {
			t.Errorf("%s: Good has other findings: %v", d.Code, got)
		}
	}
	if n != 7 {
		t.Errorf("%d setting rules, want 7", n)
	}
}

func TestSettingRulesNoScript(t *testing.T) {
	// a script that does not parse at all, and an environment without a
	// session, give no findings and no panic
	f := &File{Path: "t.ps1", Src: "{"}
	for _, d := range settingRules() {
		d.check(f, stTestEnv(), func(Finding) { t.Errorf("%s reported on a nil script", d.Code) })
		d.check(&File{Path: "t.ps1", Src: "x"}, &Env{}, func(Finding) { t.Errorf("%s reported without a session", d.Code) })
	}
}

// The federation lists (Set-CsTenantFederationConfiguration.md): AllowedDomains
// is AllowAllKnownDomains by default, so @{Add=...} makes an allow list of
// the added domains only; "If you set AllowedDomains to a list of domains,
// BlockedDomains ... is ignored"; with AllowFederatedUsers False users cannot
// communicate with any federated domain.
func TestFederationListRule(t *testing.T) {
	stRun(t, "CSE2006", []stCase{
		{name: "add to all known", src: "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add = 'fabrikam.com'}\n",
			want: []string{"CSE2006 1:37-1:83"}},
		{name: "replace says it", src: "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Replace = 'fabrikam.com'}\n"},
		{name: "add after a list", src: "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Replace = 'a.com'}\nSet-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add = 'b.com'}\n"},
		{name: "blocked under an allow list", src: "$x = New-CsEdgeDomainPattern -Domain a.com\nSet-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain $x) -BlockedDomains @{Add = 'b.com'}\n",
			want: []string{"CSE2006 2:93-2:125"}},
		{name: "blocked with all known", src: "Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains @{Add = 'b.com'}\n"},
		{name: "subdomains under a list", src: "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList a.com -BlockAllSubdomains $true\n",
			want: []string{"CSE2006 1:66-1:91"}},
		{name: "subdomains off is fine", src: "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList a.com -BlockAllSubdomains $false\n"},
		{name: "federation off", src: "Set-CsTenantFederationConfiguration -AllowFederatedUsers $false -BlockedDomains @{Add = 'b.com'}\n",
			want: []string{"CSE2006 1:65-1:97"}},
		{name: "a variable is not known", src: "Set-CsTenantFederationConfiguration -AllowedDomains $choice -BlockedDomains @{Add = 'b.com'}\n"},
	})
}

// Set-CsTeamsAcsFederationConfiguration.md: EnableAcsUsers (default False)
// turns ACS federation on; the other settings apply only then, and
// AllowedAcsResources lists immutable resource IDs.
func TestAcsSettingsRule(t *testing.T) {
	stRun(t, "CSE2007", []stCase{
		{name: "resources while off", src: "Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1'\n",
			want: []string{"CSE2007 1:39-1:98"}},
		{name: "on in the same call", src: "Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1'\n"},
		{name: "on in another call", src: "Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true\nSet-CsTeamsAcsFederationConfiguration -LabelForAllowedAcsUsers Partners\n"},
		{name: "off in the same call", src: "Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true\nSet-CsTeamsAcsFederationConfiguration -EnableAcsUsers $false -HideBannerForAllowedAcsUsers $true\n",
			want: []string{"CSE2007 2:62-2:97"}},
		{name: "a name, not an ID", src: "Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true -AllowedAcsResources @{Add = 'my-acs'}\n",
			want: []string{"CSE2007 1:61-1:99"}, message: "AllowedAcsResources: \"my-acs\" is not an immutable resource ID; the service expects the GUID of the ACS resource shown in the Azure portal."},
	})
}
