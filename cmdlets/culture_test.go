package cmdlets_test

import "testing"

// TestCulture follows the CultureInfo class of .NET (Name, DisplayName,
// TwoLetterISOLanguageName, Parent, NumberFormat and DateTimeFormat of
// en-US and of the invariant culture), the Get-Culture and Get-UICulture
// pages (Get-Culture -Name ” is the invariant culture; PowerShell's
// Get-Culture.Tests.ps1: its EnglishName is "Invariant Language
// (Invariant Country)"), about_Automatic_Variables ($PSCulture is the
// current culture's name) and TextInfo.ToTitleCase (words in upper case
// stay as they are).
func TestCulture(t *testing.T) {
	m := newMemFS()
	runCase(t, m, false, "culture", `
$c = Get-Culture
$c.Name; $c.DisplayName; $c.TwoLetterISOLanguageName; $c.LCID
$c -is [System.Globalization.CultureInfo]
$c.Name -eq $PSCulture
(Get-UICulture).Name -eq $PSUICulture
[System.Globalization.CultureInfo]::CurrentCulture.NumberFormat.CurrencySymbol
[cultureinfo]::CurrentUICulture.DateTimeFormat.ShortDatePattern
[cultureinfo]::InvariantCulture.DateTimeFormat.ShortDatePattern
[cultureinfo]::InvariantCulture.Name -eq ''
([cultureinfo]'en-US').Parent.Name
(Get-Culture -Name '').EnglishName
"$([cultureinfo]'en-US')"
(Get-Culture).TextInfo.ToTitleCase('the NASA report')
$Host.CurrentCulture.Name
`, "en-US\nEnglish (United States)\nen\n1033\nTrue\nTrue\nTrue\n$\nM/d/yyyy\nMM/dd/yyyy\nTrue\nen\nInvariant Language (Invariant Country)\nen-US\nThe NASA Report\nen-US\n", "")

	// csemu formats as en-US: other cultures are not emulated, a name
	// that is no culture is .NET's CultureNotFoundException
	runCase(t, m, false, "other", `[cultureinfo]'ru-RU'`, "", "[NotImplemented] the culture 'ru-RU'")
	runCase(t, m, false, "set", `[cultureinfo]::CurrentCulture = 'en-US'; 'ok'; [cultureinfo]::CurrentCulture = 'fr-FR'`, "ok\n",
		"[NotImplemented] setting [CultureInfo]::CurrentCulture to 'fr-FR'")
	runCase(t, m, false, "bad", `try { [cultureinfo]'abcdefghijkl' } catch { $_.Exception.Message }`,
		"Cannot convert value \"abcdefghijkl\" to type \"System.Globalization.CultureInfo\". Error: \"Culture is not supported. (Parameter 'name') abcdefghijkl is an invalid culture identifier.\"\n", "")
	runCase(t, m, false, "readonly", `try { (Get-Culture).Name = 'x' } catch { $_.Exception.Message }`, "'Name' is a ReadOnly property.\n", "")

	// a culture made with new CultureInfo is writable: its list separator
	// is what -UseCulture takes once it is the current culture (PowerShell's
	// ImportExportCSV.Delimiter.Tests.ps1); the current culture itself is
	// read-only on .NET Core
	runCase(t, m, false, "list separator", `
try { (Get-Culture).TextInfo.ListSeparator = ';' } catch { $_.Exception.Message }
$c = [cultureinfo]::new('en-US')
$c.TextInfo.ListSeparator = ';'
[cultureinfo]::CurrentCulture = $c
[pscustomobject]@{a = 1; b = 2} | ConvertTo-Csv -UseCulture
([cultureinfo]::CurrentCulture).TextInfo.ListSeparator
`, "Exception setting \"ListSeparator\": \"Instance is read-only.\"\n\"a\";\"b\"\n\"1\";\"2\"\n;\n", "")
}

// TestPSStyle follows about_ANSI_Terminals and PowerShell's PSStyle class:
// the decorations and colours are escape sequences (Bold ESC[1m, Reset
// ESC[0m, Foreground.Red ESC[31m, Background.BrightBlue ESC[104m,
// FromRgb ESC[38;2;r;g;bm), OutputRendering is Host by default and takes
// Ansi, PlainText or Host; the Formatting decorations take escape
// sequences only.
func TestPSStyle(t *testing.T) {
	m := newMemFS()
	runCase(t, m, false, "psstyle", `
$e = [char]27
$PSStyle.Bold -eq "$e[1m"
$PSStyle.Reset -eq "$e[0m"
$PSStyle.Foreground.Red -eq "$e[31m"
$PSStyle.Background.BrightBlue -eq "$e[104m"
$PSStyle.Foreground.FromRgb(255, 0, 10) -eq "$e[38;2;255;0;10m"
$PSStyle.Background.FromRgb(0x102030) -eq "$e[48;2;16;32;48m"
$PSStyle.Formatting.Error -eq "$e[31;1m"
"$($PSStyle.OutputRendering)"
$PSStyle.OutputRendering = 'PlainText'
$PSStyle.OutputRendering -eq 'PlainText'
$PSStyle.OutputRendering = [System.Management.Automation.OutputRendering]::Ansi
"$($PSStyle.OutputRendering)"
try { $PSStyle.OutputRendering = 'Loud' } catch { 'bad rendering' }
$PSStyle.Formatting.Warning = $PSStyle.Foreground.Yellow
$PSStyle.Formatting.Warning -eq "$e[33m"
try { $PSStyle.Formatting.Warning = 'text' } catch { $_.Exception.Message }
try { $PSStyle.Bold = 'x' } catch { 'read-only' }
$PSStyle.FileInfo.Extension['.ps1'] -eq "$e[33;1m"
[System.Management.Automation.PSStyle]::Instance.Reset -eq $PSStyle.Reset
`, "True\nTrue\nTrue\nTrue\nTrue\nTrue\nTrue\nHost\nTrue\nAnsi\nbad rendering\nTrue\nException setting \"Warning\": \"The specified string contains printable content when it should only contain ANSI escape sequences: text\"\nread-only\nTrue\nTrue\n", "")
}
