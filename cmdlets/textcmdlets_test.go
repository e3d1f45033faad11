package cmdlets_test

import (
	"strings"
	"testing"
)

// compareObjectTests follow Compare-Object's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/compare-object)
// and PowerShell's Modules/Microsoft.PowerShell.Utility/Compare-Object.Tests.ps1:
// "<=" marks what only the reference set has, "=>" what only the
// difference set has, "==" both (with -IncludeEqual, or -ExcludeDifferent
// alone); -SyncWindow bounds how far apart matches may be.
var compareObjectTests = []evalCase{
	{"differences", `Compare-Object ("line 1","line 2","line 3") ("line 1","line 2.1","Line 3")`, `
InputObject SideIndicator
----------- -------------
line 2.1    =>
line 2      <=

`, "", 0},
	{"include_equal", `$r = Compare-Object ("line 1","line 2","line 3") ("line 1","line 2.1","Line 3") -IncludeEqual
$r.Count; $r[0].SideIndicator; $r[1].SideIndicator`, "4\n==\n==\n", "", 0},
	{"case_sensitive", `(Compare-Object ("line 1","line 3") ("line 1","Line 3") -CaseSensitive).Count`, "2\n", "", 0},
	{"exclude_different", `(Compare-Object ("line 1","line 2","line 3") ("line 1","line 2.1","Line 3") -ExcludeDifferent).Count
(Compare-Object ("line 1","line 2") ("line 1","line 2.1") -ExcludeDifferent -IncludeEqual:$false).Count`, "2\n0\n", "", 0},
	{"sync_window", `$r = Compare-Object (1..15) (15..1) -SyncWindow 6
$r[0..3] | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }`, "15=>\n1<=\n1=>\n15<=\n", "", 0},
	{"property", `$a = [pscustomobject]@{N='a';V=1}; $b = [pscustomobject]@{N='a';V=2}
Compare-Object $a $b -Property N,V | ForEach-Object { "$($_.N) $($_.V) $($_.SideIndicator)" }
(Compare-Object $a $b -Property N -IncludeEqual).SideIndicator`, "a 2 =>\na 1 <=\n==\n", "", 0},
	{"script_block_property", `$r = Compare-Object 'ab' 'cd' -Property {$_.Length}, {$_[0]} -IncludeEqual
$r[0].PSObject.Properties.Name -join ','`, "$_.Length,$_[0],SideIndicator\n", "", 0},
	{"empty_sides", `Compare-Object @() @(); (Compare-Object @() @('diff')).SideIndicator; (Compare-Object @('ref') @()).SideIndicator`,
		"=>\n<=\n", "", 0},
	{"passthru", `Compare-Object a b -PassThru; $o = [pscustomobject]@{n=1}; (Compare-Object $o ([pscustomobject]@{n=2}) -Property n -PassThru)[1].SideIndicator`,
		"b\na\n<=\n", "", 0},
	{"pipeline_difference", `'x','y' | Compare-Object -ReferenceObject 'x' | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }`, "y=>\n", "", 0},
	{"null_reference", `Compare-Object $null 'a'`, "", "Cannot bind argument to parameter 'ReferenceObject' because it is null.", 0},
}

// selectStringTests follow Select-String's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-string)
// and PowerShell's Modules/Microsoft.PowerShell.Utility/Select-String.Tests.ps1
// (with emphasis off: csemu writes no terminal sequences): MatchInfo
// objects show as their lines, between blank lines; their text is the
// line (piped input) or "path:number:line" (files).
var selectStringTests = []evalCase{
	{"display", `"hello","Hello","goodbye" | Select-String -Pattern "l"`, "\nhello\nHello\n\n", "", 0},
	{"out_string", `$s = "hello","Hello","goodbye" | Select-String -Pattern "l" | Out-String; $s -eq "` + "`n" + `hello` + "`n" + `Hello` + "`n`n" + `"`, "True\n", "", 0},
	{"match_info", `$r = "hello","Hello" | Select-String -Pattern "hello" -CaseSensitive
$r.GetType().FullName; "$r"; $r.LineNumber; $r.Pattern; $r.Filename; $r.Matches[0].Value; $r -is [Microsoft.PowerShell.Commands.MatchInfo]`,
		"Microsoft.PowerShell.Commands.MatchInfo\nhello\n1\nhello\nInputStream\nhello\nTrue\n", "", 0},
	{"not_match", `"hello","Hello","goodbye" | Select-String -Pattern "goodbye" -NotMatch | ForEach-Object { "$_" }`, "hello\nHello\n", "", 0},
	{"quiet", `"hello","Hello" | Select-String -Quiet "hello" -CaseSensitive; $n = "hello" | Select-String -Quiet "goodbye"; $null -eq $n`,
		"True\nTrue\n", "", 0},
	{"raw", `("hello","Hello" | Select-String -Pattern "hello" -CaseSensitive -Raw).GetType().Name`, "String\n", "", 0},
	{"raw_and_quiet", `"a" | Select-String -Pattern "a" -Raw -Quiet`, "", "Parameter set cannot be resolved", 0},
	{"all_matches", `('a1b2' | Select-String '\d' -AllMatches).Matches.Value -join ','; ('a1b2' | Select-String '\d').Matches.Value -join ','`,
		"1,2\n1\n", "", 0},
	{"simple_match", `'a.c','abc' | Select-String '.' -SimpleMatch | ForEach-Object Line`, "a.c\n", "", 0},
	{"culture_needs_simple_match", `"1" | Select-String -Pattern "hello" -Culture "ru-RU"`, "",
		"You must specify -Culture parameter only with -SimpleMatch parameter.", 0},
	{"culture", `'file' | Select-String -Pattern 'fIle' -Culture 'tr-TR' -SimpleMatch; ('file' | Select-String -Pattern 'fIle' -Culture 'en-US' -SimpleMatch).Line`,
		"file\n", "", 0},
	{"invalid_regex", `'a' | Select-String '('`, "", "The string ( is not a valid regular expression", 0},
	{"context_piped", `$r = 'a','b','c','d' | Select-String c -Context 1; $r.Context.PreContext; $r.Context.PostContext; "$r"`,
		"b\nd\n  b\n> c\n  d\n", "", 0},
}

// TestFSSelectStringTee follows Select-String's page (-Path, a wildcard
// in the file name, -Context, -List) and Select-String.Tests.ps1
// ("Filesystem actions"), and Tee-Object's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/tee-object:
// the objects go on down the pipeline and to the file, or -Append to it,
// or to a variable) and Tee-Object.Tests.ps1; files are read and written
// through the session's files, so a write needs --allow-write.
func TestFSSelectStringTee(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	m.add("/work/testfile1.txt", "This is a text string, and another string\nThis is the second line\nThis is the third line\nThis is the fourth line\nNo matches\n")
	m.add("/work/other.txt", "second hand\n")
	out, errs := hermetic(t, m, true, `
Select-String string testfile1.txt
"$(Select-String second testfile1.txt)"
(Select-String is testfile1.txt -CaseSensitive).Count
Select-String third testfile1.txt -Context 1
Select-String second *.txt -List | ForEach-Object Filename
Select-String nothing testfile1.txt -Quiet
'x','y' | Tee-Object tee.txt | ForEach-Object { "piped $_" }
'z' | Tee-Object -FilePath tee.txt -Append > $null
$r = '1','2','3' | Tee-Object -Variable tv; "$($r.Count) $($tv -join ',')"
`)
	// one Out-Default for the run: the MatchInfo view opens with a blank
	// line, and the strings go out of band until the run ends
	want := `
testfile1.txt:1:This is a text string, and another string
/work/testfile1.txt:2:This is the second line
4
  testfile1.txt:2:This is the second line
> testfile1.txt:3:This is the third line
  testfile1.txt:4:This is the fourth line
other.txt
testfile1.txt
False
piped x
piped y
3 1,2,3

`
	if out != want || errs != "" {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", out, want, errs)
	}
	wantFile(t, m, "/work/tee.txt", "x\ny\nz\n")

	out, errs = hermetic(t, newMemFS(), false, `'a' | Tee-Object t.txt`)
	if out != "a\n" || !strings.Contains(errs, `skipped writing "t.txt": file writes need --allow-write`) {
		t.Errorf("writes off: stdout %q; stderr %q", out, errs)
	}
	_, errs = hermetic(t, m, false, `Select-String x missing.txt`)
	if !strings.Contains(errs, "Cannot find path '/work/missing.txt' because it does not exist.") {
		t.Errorf("missing file: stderr %q", errs)
	}
}

// joinStringTests follow Join-String's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/join-string:
// no separator by default, $OFS when it is set; -Property, quotes,
// -FormatString, -OutputPrefix and -OutputSuffix; example 4) and
// Join-String.Tests.ps1.
var joinStringTests = []evalCase{
	{"default_no_separator", `1..3 | Join-String; Test-Path variable:OFS`, "123\nFalse\n", "", 0},
	{"ofs", `$OFS = ','; 1..3 | Join-String -OutputPrefix "A " -OutputSuffix " B"`, "A 1,2,3 B\n", "", 0},
	{"separator_and_quotes", `'a','b' | Join-String -SingleQuote -Separator ', '; 'a','b' | Join-String -DoubleQuote -Separator ';'`,
		"'a', 'b'\n\"a\";\"b\"\n", "", 0},
	{"format_string", `1.2, 3.4, 5.6 | Join-String -Separator "; " -Format "{0:N2}"`, "1.20; 3.40; 5.60\n", "", 0},
	{"property", `[pscustomobject]@{Name='x';N=3}, [pscustomobject]@{Name='yy';N=4} | Join-String -Property Name -Separator ','
[pscustomobject]@{Name='x';N=3}, [pscustomobject]@{Name='yy';N=4} | Join-String -Property {$_.Name + $_.N} -Separator '|'`,
		"x,yy\nx3|yy4\n", "", 0},
	{"class_example", `$obj = [pscustomobject] @{Name = "Joe"; Age = 42}
$parms = @{ Property = "Name"; FormatString = '  ${0}'; OutputPrefix = "class {` + "`n" + `"; OutputSuffix = "` + "`n" + `}"; Separator = "` + "`n" + `" }
$obj.PSObject.Properties | Join-String @parms`, "class {\n  $Name\n  $Age\n}\n", "", 0},
	{"input_object_and_null", `Join-String -InputObject 1,$null,3 -Separator '-'; "hello" | Join-String -Separator $null`, "1-3\nhello\n", "", 0},
}

func TestTextCmdlets(t *testing.T) {
	groups := []struct {
		name  string
		cases []evalCase
	}{
		{"compare_object", compareObjectTests},
		{"select_string", selectStringTests},
		{"join_string", joinStringTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					runEval(t, c, "", nil)
				})
			}
		})
	}
}
