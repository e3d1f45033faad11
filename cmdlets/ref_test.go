package cmdlets_test

import "testing"

// [ref] given for a .NET out parameter receives the result (about_Ref,
// Microsoft Learn: "pass a variable by reference to a .NET method that
// has an out or ref parameter"). TryParse returns whether the text
// parses and writes the value, or the type's default, to the reference
// (Int32.TryParse, DateTime.TryParse on Microsoft Learn); a plain
// variable where a [ref] is wanted is the method binder's error
// (ExtendedTypeSystem NonRefArgumentToRefParameter).
var refTests = []evalCase{
	{"int_tryparse", `$n = 1; [int]::TryParse('5', [ref]$n); $n; $n.GetType().Name`, "True\n5\nInt32\n", "", 0},
	{"int_tryparse_fails_zero", `$n = 7; [int]::TryParse('abc', [ref]$n); $n`, "False\n0\n", "", 0},
	// the default Integer style: white space and a sign; no decimal point,
	// no hex, nothing out of range
	{"int_tryparse_styles", `foreach ($s in ' -12 ', '2.5', '0x10', '99999999999', '') { $ok = [int]::TryParse($s, [ref]$r); "$ok $r" }`,
		"True -12\nFalse 0\nFalse 0\nFalse 0\nFalse 0\n", "", 0},
	// a variable not set yet is created in the current scope
	{"tryparse_new_variable", `[long]::TryParse('42', [ref]$fresh) | Out-Null; $fresh; $fresh.GetType().Name`, "42\nInt64\n", "", 0},
	{"double_tryparse", `[double]::TryParse('1,000.5', [ref]$d); $d; [double]::TryParse('2e3', [ref]$d); $d`, "True\n1000.5\nTrue\n2000\n", "", 0},
	{"datetime_tryparse", `$d = $null; [datetime]::TryParse('2024-03-05 14:07', [ref]$d); $d.ToString('yyyy-MM-dd HH:mm'); [datetime]::TryParse('nope', [ref]$d); $d.Year`,
		"True\n2024-03-05 14:07\nFalse\n1\n", "", 0},
	{"datetime_tryparseexact", `$d = $null; [datetime]::TryParseExact('05/03/2024', 'dd/MM/yyyy', $null, 'None', [ref]$d); $d.Month`, "True\n3\n", "", 0},
	{"bool_tryparse", `[bool]::TryParse(' TRUE ', [ref]$b); $b; [bool]::TryParse('yes', [ref]$b); $b`, "True\nTrue\nFalse\nFalse\n", "", 0},
	{"guid_tryparse", `[guid]::TryParse('x', [ref]$g); "$g"`, "False\n00000000-0000-0000-0000-000000000000\n", "", 0},
	// the reference writes through a type constraint
	{"typed_variable", `[string]$s = 'a'; [int]::TryParse('5', [ref]$s) | Out-Null; $s.GetType().Name`, "String\n", "", 0},
	{"not_a_ref", "$n = 1; [int]::TryParse('5', $n)\n'after'", "after\n",
		`Argument: '2' should be a System.Management.Automation.PSReference. Use [ref].`, 0},
	{"wrong_count", "[int]::TryParse('5')", "", `Cannot find an overload for "TryParse" and the argument count: "1".`, 0},
}

func TestRefOutParameters(t *testing.T) {
	for _, c := range refTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
