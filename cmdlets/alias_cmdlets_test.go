package cmdlets_test

import (
	"testing"
)

// aliasTests follow the pages of Set-Alias, New-Alias, Get-Alias and
// Remove-Alias
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-alias
// and the others), about_Scopes, and PowerShell's Set-Alias, New-Alias,
// Get-Alias and Remove-Alias tests: an alias lives in a scope (-Scope
// Global, Local, Script or a number up from the current one), keeps its
// description and options (ScopedItemOptions: a read-only alias changes
// only with -Force, a constant one never), and the errors carry
// PowerShell's ids.
var aliasTests = []evalCase{
	{"set_get", `Set-Alias -Name ABCD -Value 'foo' -Description 'test description'
$a = Get-Alias ABCD
$a.Name; $a.Definition; $a.Description; $a.Options; $a.CommandType; $a.DisplayName
Set-Alias ABCD bar; (Get-Alias abcd).Definition`, "ABCD\nfoo\ntest description\nNone\nAlias\nABCD -> foo\nbar\n", "", 0},
	{"runs_its_command", `Set-Alias say Write-Output; say hi; nal say2 say; say2 there; sal say3 Write-Output; say3 x`, "hi\nthere\nx\n", "", 0},
	{"readonly_needs_force", `Set-Alias ABCD foo -Option ReadOnly
(Get-Alias ABCD).Options
Set-Alias ABCD bar -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId; [string]$e[0].CategoryInfo.Reason
Set-Alias ABCD bar -Force; (Get-Alias ABCD).Definition; (Get-Alias ABCD).Options`,
		"ReadOnly\nAliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand\nSessionStateUnauthorizedAccessException\nbar\nNone\n", "", 0},
	{"constant_never_changes", `New-Alias ABCD foo -Option Constant
try { New-Alias ABCD bar -Force -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
try { Remove-Alias ABCD -Force } catch { $_.FullyQualifiedErrorId }
(Get-Alias ABCD).Definition`, "AliasNotWritable,Microsoft.PowerShell.Commands.NewAliasCommand\nAliasNotRemovable,Microsoft.PowerShell.Commands.RemoveAliasCommand\nfoo\n", "", 0},
	{"new_alias_exists", `New-Alias ABCD foo; New-Alias ABCD bar; (Get-Alias ABCD).Definition; New-Alias ABCD bar -Force; (Get-Alias ABCD).Definition`,
		"foo\nbar\n", "The alias is not allowed, because an alias with the name 'ABCD' already exists.", 0},
	{"scopes", `Set-Alias ABCD globalfoo # in the script's scope
function f {
  Set-Alias ABCD localfoo
  (Get-Alias ABCD).Definition
  (Get-Alias ABCD -Scope 1).Definition
  (Get-Alias ABCD -Scope script).Definition
  Get-Alias ABCD -Scope global -ErrorAction SilentlyContinue
  Set-Alias ABCD up -Scope 1
}
f
(Get-Alias ABCD).Definition
& { Set-Alias inner x -Scope local }; Get-Alias inner -ErrorAction SilentlyContinue; 'gone'`, "localfoo\nglobalfoo\nglobalfoo\nup\ngone\n", "", 0},
	{"private_only_in_its_scope", `Set-Alias p Write-Output -Option Private
(Get-Alias p).Options
& { Get-Alias p -ErrorAction SilentlyContinue; 'not seen' }`, "Private\nnot seen\n", "", 0},
	{"scope_errors", `try { Set-Alias a b -Scope bogus } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
try { Get-Alias -Scope 99999 } catch { $_.FullyQualifiedErrorId }
try { Set-Alias a b -Scope -1 } catch { $_.FullyQualifiedErrorId }`,
		"Argument,Microsoft.PowerShell.Commands.SetAliasCommand\nPSArgumentException\nArgumentOutOfRange,Microsoft.PowerShell.Commands.GetAliasCommand\nArgumentOutOfRange,Microsoft.PowerShell.Commands.SetAliasCommand\n", "", 0},
	{"get_by_pattern_exclude_definition", `Set-Alias ABCG bar; Set-Alias ABCD foo
(Get-Alias ABC*).Name -join ','
(Get-Alias ABC* -Exclude *G).Name
(Get-Alias -Definition bar).Name
Get-Alias nosuch -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
try { Get-Alias -Name '' } catch { $_.FullyQualifiedErrorId }`,
		"ABCD,ABCG\nABCD\nABCG\nItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand\nParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetAliasCommand\n", "", 0},
	// Get-Alias.Tests.ps1: $null or "" piped to -Name ([ValidateNotNullOrEmpty()])
	// is ParameterArgumentValidationError, written for that record only
	{"pipeline_validation", `try { '' | Get-Alias -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
$null, 'gal' | Get-Alias -ErrorAction SilentlyContinue -ErrorVariable e | ForEach-Object Name; $e[0].FullyQualifiedErrorId`,
		"ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetAliasCommand\ngal\nParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetAliasCommand\n", "", 0},
	{"remove", `Set-Alias x1 foo; Set-Alias x2 foo -Option ReadOnly
Remove-Alias x1; Get-Alias x1 -ErrorAction SilentlyContinue; 'removed'
try { Remove-Alias x2 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
Remove-Alias x2 -Force; Get-Alias x2 -ErrorAction SilentlyContinue
try { Remove-Alias x1 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
Set-Alias x3 foo; Remove-Item Alias:x3; Get-Alias x3 -ErrorAction SilentlyContinue; 'item removed'`,
		"removed\nAliasNotRemovable,Microsoft.PowerShell.Commands.RemoveAliasCommand\nItemNotFoundException,Microsoft.PowerShell.Commands.RemoveAliasCommand\nitem removed\n", "", 0},
	{"display_name_resolves_chain", `Set-Alias Test-MyAlias Get-Command; Set-Alias tma Test-MyAlias
(Get-Alias tma).DisplayName; (Set-Alias q tma -PassThru).Definition`, "tma -> Get-Command\ntma\n", "", 0},
	// about_Modules: an alias a module makes is exported with
	// Export-ModuleMember -Alias
	{"module_exports_alias", `$null = New-Module -Name M1 -ScriptBlock { function Get-Thing { 'thing' }; Set-Alias gt Get-Thing; Export-ModuleMember -Function Get-Thing -Alias gt }
gt; (Get-Alias gt).Definition`, "thing\nGet-Thing\n", "", 0},
	{"option_bad_name", `Set-Alias a b -Option Bogus`, "", "Unable to match the identifier name Bogus to a valid enumerator name", anyExit},
}

func TestAliasCmdlets(t *testing.T) {
	for _, c := range aliasTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestAliasFiles follows the Export-Alias and Import-Alias pages and
// PowerShell's tests of them: Export-Alias writes comment lines, then
// one "name","value","description","options" line per alias (-As Script:
// set-alias commands); Import-Alias reads such lines (quoted values may
// hold commas and doubled quotes), refuses an alias that exists unless
// -Force, and a line without four values is ImportAliasFileFormatError.
func TestAliasFiles(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	m.add("/work/bad.txt", "\n\"v_1\",\"v_2\",\"v_3\"\n")
	m.add("/work/in.txt", "# Alias File\n\"abc\"\"def\",\"Write-Output\",\"\",\"None\"\n\"a,b\",\"Write-Output\",\"d\",\"ReadOnly\"\n")
	runCase(t, m, true, "export_import", `
Set-Alias abcd01 efgh01 -Description 'one'
Set-Alias abcd02 efgh02
Export-Alias out.txt abcd0* -Description "Mine`+"`"+`nYours"
(Get-Content out.txt | Where-Object { $_ -notmatch 'Date/Time|Exported by|Computer' }) -join '|'
Export-Alias s.ps1 abcd01 -As Script
Get-Content s.ps1 | Select-Object -Last 1
Import-Alias out.txt -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
Import-Alias in.txt -PassThru | ForEach-Object { $_.Name + '=' + $_.Options }
(Get-Alias 'a,b').Description
try { Import-Alias bad.txt } catch { $_.FullyQualifiedErrorId }
try { Export-Alias out.txt -NoClobber } catch { $_.FullyQualifiedErrorId }
`, "# Alias File|#|# Mine|# Yours|\"abcd01\",\"efgh01\",\"one\",\"None\"|\"abcd02\",\"efgh02\",\"\",\"None\"\n"+
		"set-alias -Name:\"abcd01\" -Value:\"efgh01\" -Description:\"one\" -Option:\"None\"\n"+
		"AliasAlreadyExists,Microsoft.PowerShell.Commands.ImportAliasCommand\n"+
		"abc\"def=None\na,b=ReadOnly\nd\n"+
		"ImportAliasFileFormatError,Microsoft.PowerShell.Commands.ImportAliasCommand\n"+
		"NoClobber,Microsoft.PowerShell.Commands.ExportAliasCommand\n", "")
}
