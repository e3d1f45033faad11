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

func TestPipelineCmdlets(t *testing.T) {
	groups := []struct {
		name  string
		cases []evalCase
	}{
		{"group_by", groupByTests},
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
