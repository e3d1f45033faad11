package cmdlets_test

import "testing"

// TestFormatOutString follows PowerShell's Format-List.Tests.ps1 and
// Format-Table.Tests.ps1: what Format-List and Format-Table write goes
// through Out-String as it is, a blank line, the entries and one blank
// line ("`ntestName : testValue`n`n"), with no further newline; nothing
// at all when there is nothing to show ($null, an empty hashtable).
func TestFormatOutString(t *testing.T) {
	runCase(t, newMemFS(), false, "out-string", `
function show($s) { '[' + $s.Replace("`+"`n"+`", '|') + ']' }
$o = [pscustomobject]@{testName = 'testValue'}
show ($o | Format-List | Out-String)
show ($o | Format-Table | Out-String)
show ($o | Out-String)
show ($null | Format-Table -Property foo, bar | Out-String)
show (@{} | Format-List -Property foo, bar | Out-String)
`, "[|testName : testValue||]\n[|testName|--------|testValue||]\n[|testName|--------|testValue||]\n[]\n[]\n", "")
}

// TestFormatForce follows Format-Table's and Format-List's pages
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-table):
// a string shows as itself, unless -Force formats it with the view like
// any object (Format-Table.Tests.ps1: "hello" | Format-Table -Property foo
// -Force is a table headed foo, with no trailing white space).
func TestFormatForce(t *testing.T) {
	runCase(t, newMemFS(), false, "force", `
function show($s) { '[' + $s.Replace("`+"`n"+`", '|') + ']' }
show ('hello' | Format-Table -Property foo | Out-String)
show ('hello' | Format-Table -Property foo -Force | Out-String)
show (('line1', 'line2' | Format-List -Property foo, bar -Force | Out-String).Trim())
`, "[hello|]\n[|foo|---|||]\n[]\n", "")
}

// TestFormatExcludeProperty follows Format-Table.Tests.ps1 and
// Format-List.Tests.ps1 ("ExcludeProperty parameter"): -ExcludeProperty
// leaves out the properties it names (wildcards allowed), from -Property
// or, without it, from all the properties.
func TestFormatExcludeProperty(t *testing.T) {
	runCase(t, newMemFS(), false, "exclude", `
$o = [pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle'; Code = 7 }
($o | Format-Table -ExcludeProperty Age | Out-String).Trim()
($o | Format-List -ExcludeProperty C* | Out-String).Trim()
($o | Format-Table -Property Name, Age, City -ExcludeProperty Age, City | Out-String).Trim()
`, "Name City    Code\n---- ----    ----\nTest Seattle    7\nName : Test\nAge  : 30\nName\n----\nTest\n", "")
}

// TestFormatView follows Format-Table.Tests.ps1 ("Format-Table with not
// existing table with force should throw PipelineStoppedException"): a
// [pscustomobject] has no views, so -View is the terminating
// FormatViewNotFound error, whose exception is a PipelineStoppedException
// (FormatViewManager.cs; message from FormatAndOut_format_xxx.resx).
// Views of format data, -DisplayError and -ShowError are not emulated.
func TestFormatView(t *testing.T) {
	runCase(t, newMemFS(), false, "view", `
try { [pscustomobject]@{a = 1} | Format-Table -View bar } catch {
    $_.FullyQualifiedErrorId; $_.Exception.GetType().Name; $_.Exception.Message
}
try { [pscustomobject]@{a = 1} | Format-List -View bar } catch { $_.Exception.Message }
Get-Date | Format-Table -DisplayError
`, "FormatViewNotFound,Microsoft.PowerShell.Commands.FormatTableCommand\nPipelineStoppedException\n"+
		"The view name bar cannot be found. There are no existing Table views for System.Management.Automation.PSCustomObject objects.\n"+
		"The view name bar cannot be found. There are no existing List views for System.Management.Automation.PSCustomObject objects.\n",
		"[NotImplemented] -DisplayError is not emulated")
}

// TestOutStringNoNewline follows Out-String's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/out-string)
// and Out-String.Tests.ps1: -NoNewline writes the lines with no line
// breaks between them, but a string's own line breaks stay; -NoNewline
// and -Stream are in different parameter sets (AmbiguousParameterSet).
func TestOutStringNoNewline(t *testing.T) {
	runCase(t, newMemFS(), false, "nonewline", `
("a`+"`n"+`", "b" | Out-String -NoNewline).Replace("`+"`n"+`", '|')
"a", "b" | Out-String -NoNewline
try { "a" | Out-String -NoNewline -Stream } catch { $_.FullyQualifiedErrorId }
`, "a|b\nab\nAmbiguousParameterSet,Microsoft.PowerShell.Commands.OutStringCommand\n", "")
}

// TestFormatWide follows Format-Wide's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-wide)
// and Format-Wide.Tests.ps1: one value per object, two to a row unless
// -Column says how many or -AutoSize fits as many as the widest allows,
// the columns sharing the screen's width; the value is -Property's, else
// the display name (a property called Name, Id, Key, ...), and
// -ExcludeProperty alone means the first property left after it; a
// hashtable shows its keys; -AutoSize with -Column, and -View with
// -Property, are terminating errors. A screen of width w has w-1 columns
// to share; each column of a row but the last is padded to its width.
func TestFormatWide(t *testing.T) {
	runCase(t, newMemFS(), false, "wide", `
function show($s) { '[' + $s.Replace("`+"`n"+`", '|') + ']' }
$items = 1..5 | ForEach-Object { [pscustomobject]@{ Id = $_; Name = "item$_" } }
show ($items | Format-Wide | Out-String -Width 21)
show ($items | Format-Wide -Property Id -Column 3 | Out-String -Width 16)
show ($items | Format-Wide -AutoSize | Out-String -Width 25)
show (@{ array = 1 } | Format-Wide | Out-String -Width 21)
show ([pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle' } | Format-Wide -ExcludeProperty Name | Out-String -Width 11)
show (@{} | Format-Wide | Out-String)
try { 1 | Format-Wide -AutoSize -Column 2 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { 1 | Format-Wide -Property a -View x } catch { $_.FullyQualifiedErrorId }
`, "[|item1      item2|item3      item4|item5      ||]\n"+
		"[|1     2    3|4     5    ||]\n"+
		"[|item1  item2 item3 item4|item5              ||]\n"+
		"[|array      ||]\n"+
		"[|30    ||]\n"+
		"[]\n"+
		"FormatCannotSpecifyAutosizeAndColumns,Microsoft.PowerShell.Commands.FormatWideCommand\nCmdlet parameters AutoSize and Column are mutually exclusive.\n"+
		"FormatCannotSpecifyViewAndProperty,Microsoft.PowerShell.Commands.FormatWideCommand\n", "")
}

// TestFormatTableHeaderStyle follows Format-Table.Tests.ps1 ("Table
// header should use TableHeader") and pwsh's TableWriter: with
// $PSStyle.OutputRendering Ansi each header label and its dashes are in
// $PSStyle.Formatting.TableHeader, a calculated property's label in
// CustomTableHeaderLabel, each followed by $PSStyle.Reset; with PlainText
// there are no escape sequences.
func TestFormatTableHeaderStyle(t *testing.T) {
	runCase(t, newMemFS(), false, "header style", `
$PSStyle.OutputRendering = 'Ansi'
[pscustomobject]@{foo = 1} | Format-Table | Out-String -Stream | ForEach-Object { $_.Replace("`+"`e"+`", '~') }
([pscustomobject]@{foo = 1} | Format-Table foo, @{n = 'Calc'; e = {2}} | Out-String -Stream)[1..2] | ForEach-Object { $_.Replace("`+"`e"+`", '~') }
$PSStyle.OutputRendering = 'PlainText'
([pscustomobject]@{foo = 1} | Format-Table | Out-String -Stream)[1]
`, "\n~[32;1mfoo~[0m\n~[32;1m---~[0m\n  1\n\n"+
		"~[32;1mfoo~[0m ~[32;1;3mCalc~[0m\n~[32;1m---~[0m ~[32;1m----~[0m\n"+
		"foo\n", "")
}

// TestFormatListLabelStyle follows Format-List.Tests.ps1 ("Format-List
// color tests") and pwsh's ListWriter: with $PSStyle.OutputRendering Ansi
// each label, padded and with its " : ", is in
// $PSStyle.Formatting.FormatAccent followed by $PSStyle.Reset, and a value
// with escape sequences of its own that does not end with Reset gets one.
func TestFormatListLabelStyle(t *testing.T) {
	runCase(t, newMemFS(), false, "label style", `
$PSStyle.OutputRendering = 'Ansi'
$o = [pscustomobject]@{ Short = 'Hello'; LongLabel = $PSStyle.Foreground.Cyan + 'world' }
($o | Format-List | Out-String).Trim().Replace("`+"`e"+`", '~')
`, "~[32;1mShort     : ~[0mHello\n~[32;1mLongLabel : ~[0m~[36mworld~[0m\n", "")
}
