package cmdlets_test

import (
	"strings"
	"testing"
)

// dataSectionCases follow about_Data_Sections: a data section's body is
// PowerShell's restricted language; its value goes to its variable, or
// out when it has none. What the restricted language does not allow is
// a parse error (PowerShell's RestrictedLanguageChecker; I18n.Tests.ps1
// "Throws an error if the data section contains a command which is not
// allowed": Invoke-Expression reports it as
// CmdletNotInAllowedListForDataSection), and -SupportedCommand adds
// commands to the allowed ones.
var dataSectionCases = []evalCase{
	{"data_section_value", `data d { @{ a = 1; b = 'two' } }
$d.a; $d.b
$x = data { 456 }; $x
data { 'a'; 'b' }
data s -SupportedCommand Get-Date { if ($true) { 'yes' } else { 'no' } }; $s
data n { $PSUICulture; [int]'5' + 1 }; $n -join ','`, "1\ntwo\n456\na\nb\nyes\nen-US,6\n", "", 0},
	{"data_section_errors", `$texts = 'data d { @{ x=$(Get-Command)} }', 'data d { if ($(Get-Command)) {} }', 'data d { @(Get-Command) }',
    'data d { $env:PATH }', 'data d { "a" -match "b" }', 'data d { [hashtable]@{} }', 'data d { $PSUICulture.Length }',
    'data d { foreach ($i in 1) {} }', 'data d { $y = 1 }', 'data d { { 1 } }', 'data d { (1).ToString() }', 'data d { data e { 1 } }'
foreach ($t in $texts) {
    try { Invoke-Expression $t } catch { $_.FullyQualifiedErrorId -replace ',.*' }
}
try { Invoke-Expression 'data d { Get-Date }' } catch { $_.Exception.Message -replace '(?s).*(The command)', '$1' }`,
		"CmdletNotInAllowedListForDataSection\nCmdletNotInAllowedListForDataSection\nCmdletNotInAllowedListForDataSection\n" +
			"VariableReferenceNotSupportedInDataSection\nOperatorNotSupportedInDataSection\nTypeNotAllowedInDataSection\n" +
			"PropertyReferenceNotSupportedInDataSection\nForeachStatementNotSupportedInDataSection\nAssignmentStatementNotSupportedInDataSection\n" +
			"ScriptBlockNotSupportedInDataSection\nMethodCallNotSupportedInDataSection\nDataSectionStatementNotSupportedInDataSection\n" +
			"The command 'Get-Date' is not allowed in restricted language mode or a Data section.\n", "", 0},
}

// checkRestrictedCases follow ScriptBlock.CheckRestrictedLanguage's
// reference and CheckRestrictedlanguage.Tests.ps1: $null commands allow
// any command; the variables are the default ones plus those listed (a
// lone '*' allows any, environment variables too), environment variables
// only when the third argument is true; a violation is a ParseException.
var checkRestrictedCases = []evalCase{
	{"check_restricted_language", `function list { $l = [System.Collections.Generic.List[string]]::new(); $args | ForEach-Object { $l.Add($_) }; , $l }
$checks = { { 2 + 2 }.CheckRestrictedLanguage($null, $null, $false) },
    { { $PSCulture, $PSUICulture, $true, $false, $null }.CheckRestrictedLanguage($null, $null, $false) },
    { { 2 + $a }.CheckRestrictedLanguage($null, $null, $false) },
    { { $a + $b }.CheckRestrictedLanguage($null, (list a b), $false) },
    { { $a + $b + $c }.CheckRestrictedLanguage($null, (list a b), $false) },
    { { 2 + $a + $env:foo }.CheckRestrictedLanguage($null, (list a), $false) },
    { { 2 + $a + $env:foo }.CheckRestrictedLanguage($null, (list a), $true) },
    { { $a + $b + $env:foo }.CheckRestrictedLanguage($null, (list *), $false) },
    { { Get-Date }.CheckRestrictedLanguage($null, $null, $false) },
    { { Get-Date }.CheckRestrictedLanguage((list Get-Item), $null, $false) },
    { { Get-Process | Where-Object Name -Match $pattern }.CheckRestrictedLanguage((list get-process where-object), (list pattern), $false) },
    { { param($x) $x }.CheckRestrictedLanguage($null, $null, $false) }
foreach ($c in $checks) { try { & $c; 'ok' } catch { $_.FullyQualifiedErrorId + ' ' + $_.Exception.InnerException.Errors[0].ErrorId } }
try { { $a }.CheckRestrictedLanguage($null, (list b), $false) } catch { $_.Exception.InnerException.Errors[0].Message }`,
		"ok\nok\nParseException VariableReferenceNotSupportedInDataSection\nok\nParseException VariableReferenceNotSupportedInDataSection\n" +
			"ParseException VariableReferenceNotSupportedInDataSection\nok\nok\nok\nParseException CmdletNotInAllowedListForDataSection\nok\n" +
			"ParseException InvalidScriptBlockInDataSection\n" +
			"A variable that cannot be referenced in restricted language mode or a Data section is being referenced. Variables that can be referenced include the following: $PSCulture, $PSUICulture, $true, $false, $null, $b.\n", "", 0},
}

func TestCheckRestrictedLanguage(t *testing.T) {
	for _, c := range checkRestrictedCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

func TestDataSections(t *testing.T) {
	for _, c := range dataSectionCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestImportLocalizedData follows Import-LocalizedData's page and
// I18n.Tests.ps1: the data file is <BaseDirectory>/<UI culture>/<FileName>.psd1,
// else that of a parent culture, else <BaseDirectory>/<FileName>.psd1;
// the base directory defaults to the calling script's folder and the file
// name to the script's name; the file runs in the restricted language
// (plus -SupportedCommand) and its value goes to -BindingVariable (a
// local variable unless a scope is named) or out; a file found nowhere
// is a PSInvalidOperationException error.
func TestImportLocalizedData(t *testing.T) {
	files := map[string]string{
		"/work/loc/en-US/Strings.psd1":    "@{ hello = 'Hello en-US' }",
		"/work/loc/en/Other.psd1":         "@{ hello = 'Hello en' }",
		"/work/loc/Fallback.psd1":         "@{ hello = 'Hello fallback' }",
		"/work/loc/Cmd.psd1":              "Get-Date -Year 2001 -Month 2 -Day 3 -Format 'yyyy-MM-dd'",
		"/work/loc/Bad.psd1":              "Get-Date",
		"/work/loc/en-US/use.ps1":         "Import-LocalizedData -BindingVariable t -BaseDirectory /work/loc -FileName Strings; $t.hello",
		"/work/loc/en-US/self.ps1":        "Import-LocalizedData t; $t.greeting",
		"/work/loc/en-US/en-US/self.psd1": "@{ greeting = 'from the script folder' }",
	}
	cases := []moduleCase{
		{name: "culture file", script: "Import-LocalizedData -BindingVariable t -BaseDirectory /work/loc -FileName Strings\n$t.hello", out: "Hello en-US\n"},
		{name: "parent culture", script: "(Import-LocalizedData -BaseDirectory /work/loc -FileName Other -UICulture en-GB).hello", out: "Hello en\n"},
		{name: "base directory", script: "(Import-LocalizedData -BaseDirectory /work/loc -FileName Fallback -UICulture de-DE).hello", out: "Hello fallback\n"},
		{name: "script folder and name", script: "& /work/loc/en-US/self.ps1", out: "from the script folder\n"},
		{name: "local binding", script: "$t = 'outer'\n& /work/loc/en-US/use.ps1\n$t", out: "Hello en-US\nouter\n"},
		{name: "scoped binding", script: "$script:t = 1\n& { Import-LocalizedData -BindingVariable script:t -BaseDirectory /work/loc -FileName Strings }\n$t.hello", out: "Hello en-US\n"},
		{name: "supported command", script: "Import-LocalizedData -BaseDirectory /work/loc -FileName Cmd -SupportedCommand Get-Date", out: "2001-02-03\n"},
		{name: "command not allowed", script: "try { Import-LocalizedData -BaseDirectory /work/loc -FileName Bad } catch { $_.Exception.GetType().Name; $_.Exception.Message }",
			out: "PSInvalidOperationException\nThe following error occurred while PowerShell was loading the '/work/loc/Bad.psd1' script data file:\nThe command 'Get-Date' is not allowed in restricted language mode or a Data section..\n"},
		{name: "not found", script: "try { Import-LocalizedData -BaseDirectory /work/loc -FileName Nothing -ErrorAction Stop } catch { $_.Exception.GetType().Name; $_.Exception.Message; $_.FullyQualifiedErrorId }",
			out: "PSInvalidOperationException\nCannot find the PowerShell data file 'Nothing.psd1' in directory '/work/loc/en-US', or in any parent culture directories.\nImportLocalizedData,Microsoft.PowerShell.Commands.ImportLocalizedData\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMemFS()
			for name, text := range files {
				m.add(name, text)
			}
			out, errs := hermetic(t, m, false, c.script)
			if out != c.out {
				t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", out, c.out, errs)
			}
			if c.errSub == "" && errs != "" || c.errSub != "" && !strings.Contains(errs, c.errSub) {
				t.Errorf("stderr %q, want %q", errs, c.errSub)
			}
		})
	}
}
