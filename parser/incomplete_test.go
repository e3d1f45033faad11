package parser

import "testing"

// Whether the REPL should ask for another line: pwsh asks when an error is
// marked IncompleteInput, which it sets when the error was detected at the
// end of the input (only white space and comments follow).
var (
	// incompleteInputs need more input: IsIncomplete must be true.
	incompleteInputs = []string{
		"{",
		"(",
		"@{",
		"@(",
		"$(",
		"$a[",
		"$a[1",
		`"abc`,
		`'abc`,
		"@\"\nline",
		"@'\nline",
		"@\"",
		"Get-Process |",
		"Get-Process |\n",
		"Get-Process | # comment",
		"Get-Process |\n\n",
		"$a = 1 +",
		"$a -and",
		"$a -eq",
		"1..",
		"Write-Host `",
		"$x = ",
		"$x += ",
		"$a = 1,",
		"Write-Host a,",
		"-not",
		"!",
		"$a.",
		"$a.Method(",
		"$a.Method(1,",
		"[int]::",
		"<#",
		"<# help\n.SYNOPSIS\n",
		"$x ? 1",
		"$x ? 1 :",
		"Get-Date &&",
		"Get-Date ||",
		"if",
		"if (",
		"if ($x",
		"if ($x)",
		"if ($x) {",
		"if ($x) {} else",
		"if ($x) {} elseif",
		"if ($x) {} elseif ($y) {",
		"foreach ($x in $y)",
		"foreach ($x in $y) {",
		"while ($x)",
		"while ($x) {",
		"for ($i = 0; $i -lt 3; $i++)",
		"do { 1 }",
		"do { 1 } while (",
		"function f",
		"function f {",
		"function f(",
		"function f($a,",
		"filter f {",
		"switch ($x)",
		"switch ($x) {",
		"switch ($x) {\n 1 { 'one' }\n",
		"try",
		"try {",
		"try { 1 }",
		"try {} catch",
		"try {} catch {",
		"try {} finally",
		"trap",
		"class Foo",
		"class Foo {",
		"class Foo {\n [string]$Name\n",
		"enum Color {",
		"param(",
		"[CmdletBinding()]\nparam(\n",
		"$h = @{\n a = 1\n",
		"$h = @{\n a = 1\n b = @(\n",
		"function Get-Foo {\n param(\n  [string]$Name\n",
		"$s = @\"\nabc\n  \"@",
		`"$(Get-Date`,
		`"$(Get-Date)`,
		"Write-Host (",
		"$x = if ($a) { 1 } else",
		"Get-CsOnlineUser |\n  Where-Object {\n    $_.Enabled",
		"$users | ForEach-Object {\n  Grant-CsTeamsMeetingPolicy -Identity $_.UserPrincipalName `\n",
	}

	// invalidInputs are complete but wrong: IsIncomplete must be false.
	invalidInputs = []string{
		"}",
		")",
		"$a $b",
		"1 = 2",
		"a | 1",
		"if ($x) Write-Host",
		"if $x {}",
		`"$Identity: x"`,
		"Write-Host $Identity:",
		"@{ a }",
		"@{ a = }",
		`"done" >>`,
		"& ",
		"Get-Item -Path:",
		"{ } }",
		"(1 +)",
		"$a -foo $b",
		"try { 1 } Write-Host",
		"[int",
		"$a = 99999999999999999999l",
		"foreach ($x $y) {}",
		"switch ($x) { 1 }",
		"Get-Process | 1",
		"$a $b\n$c = 1\n",
		"}\nGet-Date",
		"function f($a) { param($b) }",
		"begin { } Write-Host",
		"$a = (1 +)\n",
	}

	// completeInputs parse without error.
	completeInputs = []string{
		"",
		"\n",
		"# just a comment",
		"<# block #>",
		"Get-Process",
		"$a = 1",
		"$a = 1 # c",
		"Get-Process |\n  Select-Object Name",
		"Get-Process `\n  -Name x",
		"Select-Object DisplayName,\n  UserPrincipalName",
		"if ($x) {\n}\nelse {\n}",
		"if ($x) { 1 }\nelseif ($y) { 2 }",
		"try {\n} catch {\n}",
		"try { 1 }\nfinally { 2 }",
		"do { $i++ }\nwhile ($i -lt 3)",
		"function f {\n  param($a)\n  $a\n}",
		"$h = @{\n  a = 1\n  b = 2\n}",
		"$s = @\"\nabc\n\"@",
		"$s = @'\nabc\n'@",
		"$x = $a ? 1 : 2",
		"Get-Date && Write-Host ok",
		"$a.Method(1,\n  2)",
		"[int]::MaxValue",
		"switch ($x) {\n 1 { 'one' }\n default { 'other' }\n}",
	}
)

func TestIncompleteInputs(t *testing.T) {
	for _, src := range incompleteInputs {
		_, err, ok := mustParseGuarded(t, src)
		if !ok {
			continue
		}
		if err == nil {
			t.Errorf("Parse(%q) = nil error, want an incomplete-input error", src)
			continue
		}
		if !IsIncomplete(err) {
			t.Errorf("Parse(%q): IsIncomplete = false, want true; error:\n%v", src, err)
		}
	}
}

func TestInvalidInputsAreComplete(t *testing.T) {
	for _, src := range invalidInputs {
		_, err, ok := mustParseGuarded(t, src)
		if !ok {
			continue
		}
		if err == nil {
			t.Errorf("Parse(%q) = nil error, want a parse error", src)
			continue
		}
		if IsIncomplete(err) {
			t.Errorf("Parse(%q): IsIncomplete = true, want false; error:\n%v", src, err)
		}
	}
}

func TestCompleteInputs(t *testing.T) {
	for _, src := range completeInputs {
		_, err, ok := mustParseGuarded(t, src)
		if !ok {
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q) = %v, want no error", src, err)
		}
	}
}

// TestIsIncompleteOnSingleError checks IsIncomplete on an *Error as well as
// on an ErrorList.
func TestIsIncompleteOnSingleError(t *testing.T) {
	if !IsIncomplete(&Error{Msg: "x", Incomplete: true}) {
		t.Error("IsIncomplete(*Error{Incomplete: true}) = false")
	}
	if IsIncomplete(&Error{Msg: "x"}) {
		t.Error("IsIncomplete(*Error{}) = true")
	}
	if IsIncomplete(nil) {
		t.Error("IsIncomplete(nil) = true")
	}
	if IsIncomplete(ErrorList{}) {
		t.Error("IsIncomplete(ErrorList{}) = true")
	}
}
