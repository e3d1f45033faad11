package cmdlets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
)

// historyTests follow Get-History's, Add-History's, Clear-History's and
// Invoke-History's pages
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-history
// and the others) and pwsh's History.cs: a script run has no history of
// its own (the host records the commands typed at its prompt), Add-History
// adds entries, and Invoke-History with nothing to run fails.
var historyTests = []evalCase{
	{"script_has_none", `(Get-History).Count; Invoke-History`, "0\n", "Cannot locate most recent history.", 0},
	{"add_get_clear", `$e = [pscustomobject]@{CommandLine='Get-Date'; ExecutionStatus='Completed'; StartExecutionTime=[datetime]'2026-01-01'; EndExecutionTime=[datetime]'2026-01-01 00:00:01.5'}
$e, $e | Add-History
$h = Get-History; $h.Count; $h[1].Id; $h[1].CommandLine; $h[0].Duration.TotalSeconds
Get-History -Count 1 | ForEach-Object Id
Get-History -Id 9
Clear-History -Id 1; (Get-History).Id
Clear-History; (Get-History).Count`, "2\n2\nGet-Date\n1.5\n2\n2\n0\n", "Cannot locate the history for Id 9.", 0},
	{"view", `[pscustomobject]@{CommandLine='Get-Date'; ExecutionStatus='Completed'; StartExecutionTime=[datetime]'2026-01-01'; EndExecutionTime=[datetime]'2026-01-01 00:01:02.25'} | Add-History -Passthru`, `
  Id     Duration CommandLine
  --     -------- -----------
   1     1:02.250 Get-Date

`, "", 0},
	{"bad_input", `Add-History -InputObject 'bad'`, "", "Cannot add history because the input object has a format that is not valid.", 0},
	{"invoke_by_id_and_text", `[pscustomobject]@{CommandLine='1+1'; ExecutionStatus='Completed'; StartExecutionTime=[datetime]'2026-01-01'; EndExecutionTime=[datetime]'2026-01-01'} | Add-History
Invoke-History 1; Invoke-History '1+'; Invoke-History nothing`, "1+1\n2\n1+1\n2\n", "Cannot locate the history for command line nothing.", 0},
}

func TestHistoryCmdlets(t *testing.T) {
	for _, c := range historyTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestClearHost follows pwsh's Clear-Host on Linux and macOS (the clear
// program's sequence) as csemu defines it: the sequence when standard
// output is a terminal, nothing otherwise.
func TestClearHost(t *testing.T) {
	for _, term := range []bool{false, true} {
		var out, errb bytes.Buffer
		s := cmdlets.NewSession(cmdlets.WithIO(strings.NewReader(""), &out, &errb), cmdlets.WithTerminal(term))
		if _, err := s.Run(context.Background(), "t.ps1", "'a'; Clear-Host; cls; 'b'", nil); err != nil {
			t.Fatal(err)
		}
		want := "a\nb\n"
		if term {
			want = "a\n\x1b[H\x1b[2J\x1b[3J\x1b[H\x1b[2J\x1b[3Jb\n"
		}
		if out.String() != want || errb.Len() != 0 {
			t.Errorf("terminal %v: stdout %q, want %q; stderr %q", term, out.String(), want, errb.String())
		}
	}
}

// TestHelpRequests follows about_Command_Syntax and Get-Help's page:
// "help NAME" shows Get-Help NAME, and NAME -? shows the command's help;
// a function without comment-based help takes -? as an argument (pwsh's
// IsHelpRequested finds no help for it).
func TestHelpRequests(t *testing.T) {
	var out, errb bytes.Buffer
	s := cmdlets.NewSession(cmdlets.WithIO(strings.NewReader(""), &out, &errb), cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}))
	script := `
$a = Get-Help Get-Date | Out-String
$b = help Get-Date | Out-String
$c = Get-Date -? | Out-String
($a -eq $b) -and ($a -eq $c) -and $a.Contains('Get-Date')
function noHelp { $args }
noHelp -?
function withHelp {
<#
.SYNOPSIS
Does something.
#>
param()
'ran' }
withHelp -? | Out-String | ForEach-Object { $_.Contains('Does something.') }
`
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "True\n-?\nTrue\n"; got != want {
		t.Errorf("stdout %q, want %q; stderr %q", got, want, errb.String())
	}
}
