package cmdlets_test

import (
	"testing"
)

// measureTests follow Measure-Object's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/measure-object)
// and PowerShell's Measure-Object.Tests.ps1: -Property takes wildcards
// (each matching property measured apart, a hashtable's keys being its
// properties) and script blocks (named by their text); the standard
// deviation is the sample's; minimum and maximum of values that are not
// all numbers come back as they are (GenericObjectMeasureInfo); a value
// that is not a number for -Sum is NonNumericInputObject; -Line, -Word
// and -Character count text, and a property no object has is an error
// under Set-StrictMode -Version 2.
var measureTests = []evalCase{
	{"wildcard_property", `$d = [pscustomobject]@{ A1 = 1; A2 = 2; C3 = 3 }, [pscustomobject]@{ A1 = 1; A2 = 2; A3 = 3 }
$m = $d | Measure-Object -Property A* -Sum
$m | ForEach-Object { '{0}:{1}:{2}' -f $_.Property, $_.Sum, $_.Count }`, "A1:2:2\nA2:4:2\nA3:3:1\n", "", 0},
	{"scriptblock_property", `$m = 1..10 | Measure-Object -Sum -Average -Minimum -Maximum -Property { $_ * 10 }
$m.Count; $m.Average; $m.Sum; $m.Minimum; $m.Maximum; $m.Property`, "10\n55\n550\n10\n100\n$_ * 10\n", "", 0},
	{"hashtables", `$h = @{foo = 1}, @{foo = 3}, @{foo = 10}
($h | Measure-Object -Sum fo*).Sum; ($h | Measure-Object -Sum { $_.foo * 10 }).Sum`, "14\n140\n", "", 0},
	{"stddev_and_all", `$m = 1, 2, 3, 4, 10 | Measure-Object -AllStats; [math]::Round($m.StandardDeviation, 10); $m.Sum; $m.Minimum; $m.Maximum`,
		"3.5355339059\n20\n1\n10\n", "", 0},
	{"objects_not_numbers", `$m = 'b', 'a', 'c' | Measure-Object -Minimum -Maximum; $m.Minimum; $m.Maximum; $m.GetType().Name
$n = '9', '10' | Measure-Object -Maximum; $n.Maximum; $n.Maximum.GetType().Name`, "a\nc\nGenericObjectMeasureInfo\n10\nDouble\n", "", 0},
	{"non_numeric", `$m = 1, 'x', 3 | Measure-Object -Sum -Maximum -ErrorAction SilentlyContinue -ErrorVariable e
$null -eq $m.Sum; $e[0].FullyQualifiedErrorId`, "True\nNonNumericInputObject,Microsoft.PowerShell.Commands.MeasureObjectCommand\n", "", 0},
	{"text", "$t = \"one two`nthree\", 'four ' | Measure-Object -Line -Word -Character; $t.Lines; $t.Words; $t.Characters\n" +
		"('a b' | Measure-Object -Character -IgnoreWhiteSpace).Characters; ('' | Measure-Object -Line).Lines",
		"3\n4\n18\n2\n0\n", "", 0},
	{"missing_property_strict", `Set-StrictMode -Version 2; 1, 2 | Measure-Object -Property Nope -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId`,
		"GenericMeasurePropertyNotFound,Microsoft.PowerShell.Commands.MeasureObjectCommand\n", "", 0},
	{"empty_input", `$m = @() | Measure-Object; $m.Count; $m.Property -eq $null`, "0\nTrue\n", "", 0},
}

func TestMeasureObject(t *testing.T) {
	for _, c := range measureTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
