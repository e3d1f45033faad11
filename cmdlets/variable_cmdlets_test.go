package cmdlets_test

import (
	"testing"
)

// variableTests follow the pages of Get-Variable, Set-Variable,
// New-Variable, Clear-Variable and Remove-Variable
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable
// and the others), about_Scopes and PowerShell's tests of those cmdlets:
// a variable keeps its description and options (ScopedItemOptions: a
// read-only one changes only with -Force, a constant one never, an
// existing one cannot be made constant, a private one is seen only in its
// scope, an all-scope one is the one child scopes assign); -Include and
// -Exclude filter the names; Remove-Variable without -Scope works in the
// current scope only.
var variableTests = []evalCase{
	{"set_get_options", `Set-Variable foo bar -Description 'd'
$v = Get-Variable foo; $v.Name; $v.Value; $v.Description; $v.Options
Set-Variable foo -Description 'new'; $v.Value; $v.Description
Set-Variable ro 1 -Option ReadOnly -Scope private; (Get-Variable ro).Options`, "foo\nbar\nd\nNone\nbar\nnew\nReadOnly, Private\n", "", 0},
	{"readonly_and_constant", `Set-Variable ro 1 -Option ReadOnly
Set-Variable ro 2 -ErrorAction SilentlyContinue -ErrorVariable e; $ro; $e[0].FullyQualifiedErrorId; [string]$e[0].CategoryInfo.Reason
Set-Variable ro 3 -Force; $ro; (Get-Variable ro).Options
New-Variable k 1 -Option Constant
Set-Variable k 2 -Force -ErrorAction SilentlyContinue; $k
Remove-Variable k -Force -ErrorAction SilentlyContinue -ErrorVariable e2; $k; $e2[0].FullyQualifiedErrorId
New-Variable n 1; Set-Variable n -Option Constant -ErrorAction SilentlyContinue -ErrorVariable e3; (Get-Variable n).Options; $e3[0].FullyQualifiedErrorId`,
		"1\nVariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand\nSessionStateUnauthorizedAccessException\n3\nReadOnly\n1\n1\nVariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand\nNone\nVariableCannotBeMadeConstant,Microsoft.PowerShell.Commands.SetVariableCommand\n", "", 0},
	{"new_exists", `New-Variable foo 1; New-Variable foo 2 -ErrorAction SilentlyContinue -ErrorVariable e; $foo; $e[0].FullyQualifiedErrorId
New-Variable r 1 -Option ReadOnly; New-Variable r 2 -Force -PassThru | ForEach-Object { $_.Value; $_.Options }
'piped' | New-Variable -Name fromPipe; $fromPipe`,
		"1\nVariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand\n2\nNone\npiped\n", "", 0},
	{"private_and_allscope", `New-Variable p 1 -Option Private
& { "[$p]"; Get-Variable p -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId }
New-Variable a 1 -Option AllScope
& { $a = 2 }; $a`, "[]\nVariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand\n2\n", "", 0},
	{"include_exclude", `Set-Variable abcaVar bar; Set-Variable bcdaVar other; Set-Variable aVarfoo x
Set-Variable -Name *aV* -Value over -Include *Var* -Exclude bcd*
(Get-Variable *aVar* -Scope local | ForEach-Object { $_.Name + '=' + $_.Value }) -join ','
Set-Variable -Name foo1,foo2 hello -Exclude foo2; Get-Variable foo2 -ErrorAction SilentlyContinue; 'no foo2'
Clear-Variable -Name *aVar* -Include abc*; "[$abcaVar][$aVarfoo]"
Remove-Variable -Name *aVar* -Exclude bcd*; (Get-Variable *aVar*).Name`, "abcaVar=over,aVarfoo=over,bcdaVar=other\nno foo2\n[][over]\nbcdaVar\n", "", 0},
	{"scopes", `Set-Variable g 1 -Scope global
function f {
  Set-Variable g 2
  (Get-Variable g -Scope local).Value; (Get-Variable g -Scope global).Value
  Remove-Variable g; Remove-Variable g -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
  Clear-Variable g -Scope global
}
f; "[$g]"
try { Get-Variable g -Scope nope } catch { $_.FullyQualifiedErrorId }`,
		"2\n1\nVariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand\n[]\nArgument,Microsoft.PowerShell.Commands.GetVariableCommand\n", "", 0},
	{"clear_readonly", `New-Variable r 100 -Option ReadOnly
Clear-Variable r -ErrorAction SilentlyContinue -ErrorVariable e; $r; $e[0].FullyQualifiedErrorId
Clear-Variable r -Force; "[$r]"; (Get-Variable r).Options
Clear-Variable nothere -ErrorAction SilentlyContinue -ErrorVariable e2; $e2[0].FullyQualifiedErrorId`,
		"100\nVariableNotWritable,Microsoft.PowerShell.Commands.ClearVariableCommand\n[]\nReadOnly\nVariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand\n", "", 0},
	{"set_from_pipeline", `1, 2 | Set-Variable -Name two; $two -join ','; 'one' | Set-Variable one; $one
Set-Variable -Name x -Value 1 -PassThru | ForEach-Object { $_.Name }`, "1,2\none\nx\n", "", 0},
	// GetVariableCommand writes -ValueOnly's value as one object
	{"value_only_not_enumerated", `$a = 1, 2, 3; (Get-Variable a -ValueOnly | Measure-Object).Count; (Get-Variable a -ValueOnly).Count`, "1\n3\n", "", 0},
	// Set-Variable -Append (Set-Variable.Tests.ps1's -Append tests): a
	// value given is added whole to a List[object] of the old value; piped
	// values are added one by one into an array; one name only
	{"append", `Set-Variable t 1; Set-Variable t -Value @(2, 3, 4) -Append; $t.Count; $t[1] -join ','; $t.GetType().Name
$w = 1; 4..6 | Set-Variable -Name w -Append; $w -join ','
try { Set-Variable -Name a, b -Value 1 -Append } catch { $_.FullyQualifiedErrorId }`,
		"2\n2,3,4\nList`1\n1,4,5,6\nSetVariableAppend,Microsoft.PowerShell.Commands.SetVariableCommand\n", "", 0},
	{"visibility_private_not_emulated", `Set-Variable v 1 -Visibility Private`, "", "[NotImplemented]", anyExit},
}

func TestVariableCmdlets(t *testing.T) {
	for _, c := range variableTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
