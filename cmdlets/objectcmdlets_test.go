package cmdlets_test

import (
	"testing"
)

// objectCmdletTests follow the pages of Sort-Object, Group-Object and
// Select-Object and PowerShell's tests of them (Sort-Object.Tests.ps1,
// Group-Object.Tests.ps1, Select-Object.Tests.ps1):
//   - $null sorts as LanguagePrimitives compares it: below zero and the
//     positive numbers, above the negative ones;
//   - without -Stable, -Top or -Bottom, Sort-Object sorts as List.Sort
//     does (not stable: of three items, equal ones may swap), so -Unique
//     keeps the one .NET leaves first;
//   - Group-Object -AsString needs -AsHashTable, and -AsHashTable with
//     several properties needs -AsString (ArgumentException);
//   - Select-Object names a script block property by its text, refuses an
//     empty one (EmptyScriptBlockAndNoName), and a [pscustomobject]
//     passed through gets the Selected. type name once.
var objectCmdletTests = []evalCase{
	{"sort_null_between_numbers", `$e = [pscustomobject]@{N='a'; Y=8}, [pscustomobject]@{N='b'; Y=$null}, [pscustomobject]@{N='c'; Y=-2}, [pscustomobject]@{N='d'; Y=1}
($e | Sort-Object Y).N -join ','`, "c,b,d,a\n", "", 0},
	{"sort_unique_unstable", `$e = [pscustomobject]@{F='john'; L='smith'}, [pscustomobject]@{F='joesph'; L='smith'}, [pscustomobject]@{F='john'; L='smyth'}
($e | Sort-Object -Property L -Descending -Unique).F -join ','
($e | Sort-Object -Property L -Descending -Unique -Stable).F -join ','`, "john,joesph\njohn,john\n", "", 0},
	{"sort_many_items", `(20..1 + 1..20 | Sort-Object) -join ',' -eq ((1..20 | ForEach-Object { $_, $_ }) -join ',')
((1..40 | ForEach-Object { ($_ * 7919) % 41 }) | Sort-Object -Descending | Select-Object -First 3) -join ','`, "True\n40,39,38\n", "", 0},
	{"group_asstring_needs_hashtable", `try { 1, 2 | Group-Object -AsString } catch { $_.FullyQualifiedErrorId }
try { [pscustomobject]@{a=1; b=2} | Group-Object -Property a, b -AsHashTable } catch { $_.FullyQualifiedErrorId }
(1, 2 | Group-Object -AsHashTable -AsString).Count`,
		"ArgumentException,Microsoft.PowerShell.Commands.GroupObjectCommand\nArgumentException,Microsoft.PowerShell.Commands.GroupObjectCommand\n2\n", "", 0},
	{"select_scriptblock_property", `$r = 'abc' | Select-Object {$_.Length}, Length; $r.'$_.Length'; $r.Length
try { 'bar' | Select-Object -Property {} -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason }`,
		"3\n3\nEmptyScriptBlockAndNoName,Microsoft.PowerShell.Commands.SelectObjectCommand\nPSArgumentException\n", "", 0},
	{"select_adds_selected_once", `$o = [pscustomobject]@{ Name = 1 }; $o.psobject.TypeNames.Count
$o = $o | Select-Object | Select-Object; $o.psobject.TypeNames.Count; $o.psobject.TypeNames[0]`,
		"2\n3\nSelected.System.Management.Automation.PSCustomObject\n", "", 0},
}

func TestObjectCmdletRules(t *testing.T) {
	for _, c := range objectCmdletTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestNewObjectTypeNotFound follows New-Object.Tests.ps1: a type that
// does not exist is TypeNotFound, a PSArgumentException.
func TestNewObjectTypeNotFound(t *testing.T) {
	runEval(t, evalCase{"type_not_found", `try { New-Object -TypeName LiarType -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "$($_.CategoryInfo)" }`,
		"TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand\nInvalidType: (:) [New-Object], PSArgumentException\n", "", 0}, "", nil)
}
