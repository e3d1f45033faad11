package cmdlets_test

import (
	"testing"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// TestSelectString follows Select-String's page and SelectStringCommand:
// a MatchInfo per matching line (Line, LineNumber, Pattern, Filename
// "InputStream" for pipeline input, Matches), shown as the line for input
// and "path:line:text" for a file, in a custom view that Out-String frames
// with blank lines (PowerShell's Select-String.Tests.ps1: 'hello', 'Hello'
// | Select-String hello | Out-String is "\nhello\nHello\n\n"); -AllMatches, -NotMatch, -SimpleMatch,
// -CaseSensitive, -Raw (the lines), -Quiet (True at the first match;
// False when no file matches), -List (the first match of each file),
// -Context (">" marks the match), and FileInfo input reads the file.
func TestSelectString(t *testing.T) {
	m := newMemFS()
	m.add("/work/log.txt", "alpha\nbeta\ngamma beta\n")
	m.add("/work/u16.txt", string(textenc.Unicode.Encode("ünïcode line\n")))
	runCase(t, m, false, "select-string", `
'hello world', 'foo', 'World peace' | Select-String world | Out-String | ConvertTo-Json
$m = 'a1b22c333' | Select-String '\d+' -AllMatches
($m.Matches | ForEach-Object Value) -join ','
'{0} {1} {2}' -f $m.LineNumber, $m.Pattern, $m.Filename
'one', 'two' | Select-String one -NotMatch | ForEach-Object Line
'A.B' | Select-String '.' -SimpleMatch | ForEach-Object Line
@('ABC' | Select-String abc -CaseSensitive).Count
'abc', 'abd' | Select-String '^ab' -Raw
'abc' | Select-String b -Quiet
'x', 'y', 'z' | Select-String y -Context 1 | ForEach-Object ToString
Select-String -Path log.txt -Pattern beta | ForEach-Object { "$_" }
(Select-String -Path *.txt -Pattern beta -List).LineNumber
Get-Item log.txt | Select-String gamma | ForEach-Object Filename
Select-String -Path log.txt -Pattern zzz -Quiet
Select-String -Path u16.txt -Pattern code | ForEach-Object Line
`, "\"\\nhello world\\nWorld peace\\n\\n\"\n1,22,333\n1 \\d+ InputStream\ntwo\nA.B\n0\nabc\nabd\nTrue\n  x\n> y\n  z\n/work/log.txt:2:beta\n/work/log.txt:3:gamma beta\n2\nlog.txt\nFalse\nünïcode line\n", "")
}
