package cmdlets_test

import "testing"

// groupByTests follow Format-Table's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-table,
// -GroupBy: "separate tables based on a property value ... expects that
// the objects are sorted"; a property, a script block or a calculated
// property with Name or Label, Expression and FormatString) and
// Format-List's: each group starts with "   label: value", where the label
// is the property's name, the script block's text or the calculated
// property's name (pwsh's GroupingInfoManager).
var groupByTests = []evalCase{
	{"table_property", `$p = [pscustomobject]@{Name='a';Dept='HR'}, [pscustomobject]@{Name='b';Dept='HR'}, [pscustomobject]@{Name='c';Dept='IT'}
$p | Format-Table -GroupBy dept`, `
   Dept: HR

Name Dept
---- ----
a    HR
b    HR

   Dept: IT

Name Dept
---- ----
c    IT

`, "", 0},
	{"table_script_block", `$p = [pscustomobject]@{Name='a';Dept='HR'}, [pscustomobject]@{Name='c';Dept='IT'}
$p | Format-Table Name -GroupBy {$_.Dept.ToLower()}`, `
   $_.Dept.ToLower(): hr

Name
----
a

   $_.Dept.ToLower(): it

Name
----
c

`, "", 0},
	{"table_calculated_label", `$p = [pscustomobject]@{Name='a';N=1}, [pscustomobject]@{Name='b';N=12}
$p | Format-Table Name -GroupBy @{Label='Size'; Expression={ if ($_.N -gt 9) { 'big' } else { 'small' } }}`, `
   Size: small

Name
----
a

   Size: big

Name
----
b

`, "", 0},
	{"list_property", `[pscustomobject]@{Name='a';Dept='HR'}, [pscustomobject]@{Name='c';Dept='IT'} | Format-List -GroupBy Dept`, `
   Dept: HR

Name : a
Dept : HR


   Dept: IT

Name : c
Dept : IT

`, "", 0},
	{"group_by_bad_key", `1 | Format-Table -GroupBy @{Width=3}`, "", "The Width key is not valid.", 0},
}

// forEachMemberTests follow ForEach-Object's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/foreach-object):
// example 6 (-MemberName gets a property, the name is positional),
// example 7 (a method with -ArgumentList, or "foreach Split '.'"),
// examples 8 to 10 (script blocks given by position); and pwsh's
// ForEachObjectCommand for what the page leaves out: $null input gives
// $null, a member the object lacks gives $null, a failing call is a
// non-terminating error and the pipeline goes on.
var forEachMemberTests = []evalCase{
	{"property", `'a','bb' | ForEach-Object Length; 'ccc' | ForEach-Object -MemberName Length`, "1\n2\n3\n", "", 0},
	{"method_without_arguments", `'abc' | ForEach-Object ToUpper`, "ABC\n", "", 0},
	{"method_with_arguments", `"Microsoft.PowerShell.Core", "Microsoft.PowerShell.Host" | ForEach-Object -MemberName Split -ArgumentList "."
'hello' | foreach Substring 1 2`,
		"Microsoft\nPowerShell\nCore\nMicrosoft\nPowerShell\nHost\nel\n", "", 0},
	{"null_input_gives_null", `$null | ForEach-Object Length | ForEach-Object { "[$_]" }`, "[]\n", "", 0},
	{"missing_member_gives_null", `'x' | ForEach-Object NoSuchMember | ForEach-Object { "[$_]" }`, "[]\n", "", 0},
	{"hashtable_key", `@{k='v'} | ForEach-Object k`, "v\n", "", 0},
	{"failing_item_goes_on", `'ab','hello' | ForEach-Object Substring 3 1; 'after'`, "l\nafter\n",
		`Exception calling "Substring" with "2" argument(s)`, 0},
	{"null_input_with_arguments", `$null, 'xy' | ForEach-Object Substring 1`, "y\n", "You cannot call a method on a null-valued expression.", 0},
	{"unknown_method", `'a' | ForEach-Object NoMethod 1`, "", `Input name "NoMethod" cannot be resolved to a method.`, 0},
	{"two_blocks", `1..2 | ForEach-Object { 'begin' } { 'process' }`, "begin\nprocess\nprocess\n", "", 0},
	{"four_blocks", `1..2 | ForEach-Object { 'begin' } { 'process A' }  { 'process B' } { 'end' }`,
		"begin\nprocess A\nprocess B\nprocess A\nprocess B\nend\n", "", 0},
	{"explicit_begin_end", `1..2 | ForEach-Object -Begin $null -Process { 'one' }, { 'two' } -End $null`,
		"one\ntwo\none\ntwo\n", "", 0},
}

// selectTests follow Select-Object's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-object:
// -First, -Last, -Skip "from the end when used with Last", -Index) and
// pwsh's SelectObjectQueue for -First and -Last together: the first N
// objects and the last M, each once; $null input is ignored; once -First
// alone has its objects the commands before it stop.
var selectTests = []evalCase{
	{"first_and_last", `(1..10 | Select-Object -First 2 -Last 2) -join ','`, "1,2,9,10\n", "", 0},
	{"first_and_last_overlap", `(1..3 | Select-Object -First 2 -Last 2) -join ','`, "1,2,3\n", "", 0},
	{"last_and_skip", `(1..10 | Select-Object -Last 3 -Skip 1) -join ','`, "7,8,9\n", "", 0},
	{"first_and_skip", `(1..10 | Select-Object -First 3 -Skip 2) -join ','`, "3,4,5\n", "", 0},
	{"index_in_input_order", `(1..5 | Select-Object -Index 3,1) -join ','`, "2,4\n", "", 0},
	{"null_input_ignored", `($null, 1, $null | Select-Object) -join ','`, "1\n", "", 0},
	{"first_stops_upstream", `1..5 | ForEach-Object { Write-Host "gen $_"; $_ } | Select-Object -First 2`,
		"gen 1\n1\ngen 2\n2\n", "", 0},
	{"first_after_blocking_command", `(5,3,1 | Sort-Object | Select-Object -First 2) -join ','
(1..3 | ForEach-Object -Begin { 10; 11; 12 } -Process { $_ } | Select-Object -First 2) -join ','
'after'`, "1,3\n10,11\nafter\n", "", 0},
	// Select-Object.Tests.ps1: "Should treat input as a single object with
	// the inputObject parameter", "Select-Object with SkipIndex should work"
	{"input_object_is_one_object", `$d = 1..6; $(Select-Object -InputObject $d -Last 3).Length`, "6\n", "", 0},
	{"skip_index", `(0..10 | Select-Object -SkipIndex 5,6,7,8,11) -join ','`, "0,1,2,3,4,9,10\n", "", 0},
	{"negative_count", `1..3 | Select-Object -Last -1`, "", "Cannot validate argument on parameter 'Last'. The -1 argument is less than the minimum allowed range of 0.", 0},
	{"first_wait", `(1..5 | ForEach-Object { Write-Host "gen $_"; $_ } | Select-Object -First 1 -Wait) -join ','`,
		"gen 1\ngen 2\ngen 3\ngen 4\ngen 5\n1\n", "", 0},
}

// collectionModifiedTests: a foreach statement (or a pipeline) over a
// .NET collection that its body changes fails as the collection's
// enumerator does ("Collection was modified; enumeration operation may not
// execute."), which PowerShell reports as BadEnumeration
// (ParserStrings: "An error occurred while enumerating through a
// collection: {0}."); an array does not check.
var collectionModifiedTests = []evalCase{
	{"list_add", "$l = [System.Collections.Generic.List[int]]@(1,2,3)\nforeach ($x in $l) { \"x=$x\"; $l.Add(9) }\n'after'",
		"x=1\nafter\n", "Collection was modified; enumeration operation may not execute.", 0},
	{"arraylist_remove", "$a = [System.Collections.ArrayList]@(1,2)\nforeach ($x in $a) { $a.Remove($x) }", "",
		"An error occurred while enumerating through a collection: Collection was modified", 0},
	{"hashtable_keys", "$h = @{a=1;b=2}\nforeach ($k in $h.Keys) { $h[$k] = 5 }", "",
		"Collection was modified; enumeration operation may not execute.", 0},
	{"keys_copied_first", "$h = @{a=1}\nforeach ($k in @($h.Keys)) { $h[$k] = 5 }\n$h.a", "5\n", "", 0},
	{"array_does_not_check", "$arr = 1,2,3\nforeach ($x in $arr) { $arr[0] = 7 }\n'ok'", "ok\n", "", 0},
	{"pipeline", "$l = [System.Collections.ArrayList]@(1,2)\n$l | ForEach-Object { $null = $l.Add(3) }\n$l.Count", "3\n",
		"Collection was modified; enumeration operation may not execute.", 0},
}

func TestPipelineCmdlets(t *testing.T) {
	groups := []struct {
		name  string
		cases []evalCase
	}{
		{"group_by", groupByTests},
		{"foreach_member", forEachMemberTests},
		{"select", selectTests},
		{"collection_modified", collectionModifiedTests},
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
