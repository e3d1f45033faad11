package cmdlets_test

import "testing"

// variableCases follow about_Automatic_Variables and PowerShell's
// LanguageAndParser.TestFollowup.Tests.ps1 "Assign readonly/constant
// variables": $true, $false, $?, $PID and $HOME are constant or
// read-only in every scope, so assigning them (with a type constraint
// or not, from a child scope too) fails with VariableNotWritable before
// any conversion; $null takes any assignment and discards it.
// Remove-Variable and Clear-Variable take -Name from the pipeline by
// property name (their cmdlet pages), so an empty pipeline runs nothing.
var variableCases = []evalCase{
	{"constant_automatics", `foreach ($sb in { $? = 1 }, { $HOME = 1 }, { $PID = 1 }, { [datetime]$PID = 1 }, { [datetime]$HOME = 1 }, { $true = 1 }, { [bool]$false = 1 }, { $global:PID = 1 }) {
    try { & $sb; 'assigned' } catch { $_.FullyQualifiedErrorId }
    try { . $sb; 'assigned' } catch { $_.FullyQualifiedErrorId }
}
try { $HOME = 1 } catch { $_.Exception.Message; $_.Exception.GetType().Name }
$null = 5; $null -eq $null`,
		"VariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\n" +
			"VariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\n" +
			"VariableNotWritable\nVariableNotWritable\nVariableNotWritable\nVariableNotWritable\n" +
			"Cannot overwrite variable HOME because it is read-only or constant.\nSessionStateUnauthorizedAccessException\nTrue\n", "", 0},
	{"remove_variable_by_property_name", `Get-Variable -Name nosuch -ErrorAction Ignore | Remove-Variable
$data = 1; $other = 2
Get-Variable -Name data | Remove-Variable
Test-Path variable:data
[pscustomobject]@{ Name = 'other' } | Clear-Variable
$null -eq $other`, "False\nTrue\n", "", 0},
}

func TestVariableLanguage(t *testing.T) {
	for _, c := range variableCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestScriptFileExit follows about_Language_Keywords (exit) and
// PowerShell's ScriptCommandProcessor: exit in a script file run with &
// or dot-sourced ends that script only; its code goes to $LASTEXITCODE
// and a code other than 0 leaves $? false. exit in a function of the
// top-level script ends the run with that code
// (PipelineBehaviour.Tests.ps1 "Exit from a script file works the same
// in 'Clean' block").
func TestScriptFileExit(t *testing.T) {
	m := newMemFS()
	m.add("/work/exit122.ps1", "'in script'\nexit 122\n'not reached'")
	m.add("/work/exit0.ps1", "exit")
	out, errs := hermetic(t, m, false, `& ./exit122.ps1
"$LASTEXITCODE $?"
. ./exit0.ps1
"$LASTEXITCODE $?"
function Test { end {} clean { & ./exit122.ps1; $script:seen = $LASTEXITCODE } }
Test
"clean $seen"
function Leave { exit 3 }
Leave
'not reached'`)
	want := "in script\n122 False\n0 True\nclean 122\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q, want %q; stderr %q", out, want, errs)
	}
}
