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

func TestPipelineCmdlets(t *testing.T) {
	groups := []struct {
		name  string
		cases []evalCase
	}{
		{"group_by", groupByTests},
		{"foreach_member", forEachMemberTests},
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
