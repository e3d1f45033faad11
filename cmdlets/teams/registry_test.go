package teams_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A real Teams cmdlet that csemu does not emulate stops the statement with
// [NotImplemented] naming it; the script goes on, as after any
// statement-terminating error (about_Throw, "statement-terminating").
func TestUnemulatedTeamsCmdlet(t *testing.T) {
	var out, errb bytes.Buffer
	s := newTestSession("", &out, &errb)
	if _, err := s.Run(context.Background(), "t.ps1", "Get-CsOnlineVoiceRoute\n'after'", nil); err != nil {
		t.Fatal(err)
	}
	if out.String() != "after\n" || !strings.Contains(errb.String(), "Get-CsOnlineVoiceRoute: [NotImplemented]") {
		t.Errorf("stdout %q, stderr %q", out.String(), errb.String())
	}
}

// Get-Module lists the modules the Teams cmdlets come from.
func TestModules(t *testing.T) {
	var out, errb bytes.Buffer
	s := newTestSession("", &out, &errb)
	if _, err := s.Run(context.Background(), "t.ps1", "Get-Module | ForEach-Object { $_.Name + ' ' + $_.Version }", nil); err != nil {
		t.Fatal(err)
	}
	if out.String() != "MicrosoftTeams 6.7.0\nSkypeForBusiness 7.0.0\n" || errb.Len() > 0 {
		t.Errorf("stdout %q, stderr %q", out.String(), errb.String())
	}
}

// "A given policy type can be assigned to at most 64 groups, across policy
// instances for that type" (New-CsGroupPolicyAssignment.md, NOTE). The
// limit holds whichever cmdlet makes the 65th assignment: the Grant- -Group
// form that Microsoft recommends, or New-CsGroupPolicyAssignment; a group
// that already has one is replaced, not counted again.
func TestGroupLimitOnEveryPath(t *testing.T) {
	setup := "New-CsTeamsMeetingPolicy -Identity P | Out-Null\n1..64 | ForEach-Object { Grant-CsTeamsMeetingPolicy -Group \"g$_\" -PolicyName P }\n"
	for _, c := range []struct{ name, script string }{
		{"grant", "Grant-CsTeamsMeetingPolicy -Group g65 -PolicyName P"},
		{"new", "New-CsGroupPolicyAssignment -GroupId g65 -PolicyType TeamsMeetingPolicy -PolicyName P"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			s := newTestSession("", &out, &errb)
			script := setup + c.script + "\n(Get-CsGroupPolicyAssignment -PolicyType TeamsMeetingPolicy).Count\n" +
				"Grant-CsTeamsMeetingPolicy -Group g1 -PolicyName P -Rank 2\n(Get-CsGroupPolicyAssignment -PolicyType TeamsMeetingPolicy).Count\n"
			if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
				t.Fatal(err)
			}
			if out.String() != "64\n64\n" {
				t.Errorf("stdout %q, want 64 assignments before and after a replacement", out.String())
			}
			want := "t.ps1:3:1: " + strings.Fields(c.script)[0] + `: Cannot assign a TeamsMeetingPolicy to group "g65": a policy type can be assigned to at most 64 groups.` + "\n"
			if errb.String() != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errb.String(), want)
			}
		})
	}
}

// "In Global (default) policy CommunicationWithExternalOrgs can only be set
// to OrganizationDefault and cannot be changed", and the external domain
// lists "can be modified only in custom policy" (Set-CsExternalAccessPolicy.md,
// CommunicationWithExternalOrgs, AllowedExternalDomains): a change is
// refused and nothing is changed; a custom policy takes them.
func TestGlobalExternalAccessFixed(t *testing.T) {
	var out, errb bytes.Buffer
	s := newTestSession("", &out, &errb)
	script := `Set-CsExternalAccessPolicy -Identity Global -CommunicationWithExternalOrgs BlockAllExternalDomains
Set-CsExternalAccessPolicy -AllowedExternalDomains fabrikam.com
$g = Get-CsExternalAccessPolicy -Identity Global
$g.CommunicationWithExternalOrgs = 'AllowSpecificExternalDomains'
Set-CsExternalAccessPolicy -Instance $g
Set-CsExternalAccessPolicy -Identity Global -CommunicationWithExternalOrgs OrganizationDefault
$g = Get-CsExternalAccessPolicy -Identity Global
"$($g.CommunicationWithExternalOrgs) [$($g.AllowedExternalDomains)]"
(New-CsExternalAccessPolicy -Identity Partners -CommunicationWithExternalOrgs AllowSpecificExternalDomains -AllowedExternalDomains fabrikam.com).AllowedExternalDomains
`
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
		t.Fatal(err)
	}
	if out.String() != "OrganizationDefault []\nfabrikam.com\n" {
		t.Errorf("stdout %q", out.String())
	}
	for _, line := range []string{"t.ps1:1:1:", "t.ps1:2:1:", "t.ps1:5:1:"} {
		if !strings.Contains(errb.String(), line+" Set-CsExternalAccessPolicy: [ClientError] :") {
			t.Errorf("no error at %s:\n%s", line, errb.String())
		}
	}
}
