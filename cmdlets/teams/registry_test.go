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
