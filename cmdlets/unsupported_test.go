package cmdlets_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/parser"
)

// Unsupported tells, without running a script, what a run refuses with
// [NotImplemented]: each case runs the script and checks that the run's
// error names the same construct at the same place. The constructs are
// valid PowerShell (about_Functions_Advanced_Parameters,
// about_Functions_CmdletBindingAttribute, about_Calling_Generic_Methods).
func TestUnsupportedMatchesRun(t *testing.T) {
	for _, src := range []string{
		"function f { param([ValidateDrive('C')] $p) $p }\nf 1",
		"function f { [Reflection.AssemblyTitle('x')] param($p) }\nf",
		"function f { param([Parameter(HelpMessageBaseName = 'x')] $p) }\nf 1",
		"function f { [CmdletBinding(SupportsPaging)] param() }\nf",
		"function f { dynamicparam { } end { } }\nf",
		"$x = [array]::Empty[int]()",
		"\"x\".Contains[int](\"x\")",
		"Get-Date &",
		"using assembly System.Windows.Forms\n1",
	} {
		script, err := parser.Parse("t.ps1", src)
		if err != nil {
			t.Fatal(err)
		}
		got := cmdlets.Unsupported(script)
		if len(got) != 1 {
			t.Errorf("%q: Unsupported = %v, want one", src, got)
			continue
		}
		var out, errb bytes.Buffer
		s := cmdlets.NewSession(cmdlets.WithIO(nil, &out, &errb))
		if _, err := s.Run(context.Background(), "t.ps1", src, nil); err != nil {
			// a using statement stops the script before it starts
			fmt.Fprintln(&errb, err)
		}
		want := fmt.Sprintf("t.ps1:%d:%d:", got[0].Pos.Line, got[0].Pos.Column)
		if !strings.Contains(errb.String(), want+" [NotImplemented] "+got[0].What+" is not emulated") {
			t.Errorf("%q: the run says\n%s\nUnsupported says %q at %s", src, errb.String(), got[0].What, want)
		}
	}
	// what a run accepts, Unsupported does not report
	script, _ := parser.Parse("t.ps1", "function f { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] [OutputType([string])] param([Parameter(Mandatory, Position = 0)] [ValidateSet('a')] [ValidateLength(1, 3)] [Alias('q')] [AllowNull()] $p) }")
	if got := cmdlets.Unsupported(script); len(got) != 0 {
		t.Errorf("Unsupported = %v for supported attributes", got)
	}
}

// A #requires -PSSnapin or -Assembly stops a run with [NotImplemented];
// UnsupportedRequires names it at its comment.
func TestUnsupportedRequiresMatchesRun(t *testing.T) {
	for _, src := range []string{
		"#requires -PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n1",
		"1\n#Requires -Assembly System.Windows.Forms\n",
	} {
		got := cmdlets.UnsupportedRequires("t.ps1", src)
		if len(got) != 1 {
			t.Errorf("%q: UnsupportedRequires = %v, want one", src, got)
			continue
		}
		var out, errb bytes.Buffer
		s := cmdlets.NewSession(cmdlets.WithIO(nil, &out, &errb))
		if _, err := s.Run(context.Background(), "t.ps1", src, nil); err != nil {
			fmt.Fprintln(&errb, err)
		}
		if !strings.Contains(errb.String(), "[NotImplemented] "+got[0].What+" is not emulated") {
			t.Errorf("%q: the run says\n%s\nUnsupportedRequires says %q", src, errb.String(), got[0].What)
		}
	}
	for _, src := range []string{"#requires -Version 5.1\n1", "# requires -PSSnapin x\n1", "1"} {
		if got := cmdlets.UnsupportedRequires("t.ps1", src); len(got) != 0 {
			t.Errorf("%q: UnsupportedRequires = %v, want none", src, got)
		}
	}
}
