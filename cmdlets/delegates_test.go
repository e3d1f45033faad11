package cmdlets_test

import "testing"

// delegateCases follow about_Script_Blocks and PowerShell's
// Delegates.Tests.ps1: a script block converts to System.Action and
// System.Func; Invoke and DynamicInvoke run it with the arguments in
// $args or its param block, converted to the delegate's parameter types;
// a Func's output is converted to its return type, an Action's is
// discarded; the wrong argument count is MethodCountCouldNotFindBest.
var delegateCases = []evalCase{
	{"script_block_delegates", `([System.Action]{ $script:n = $args.Length; 'dropped' }).Invoke(); $n
([System.Func[Int32]]{ $args.Length }).Invoke()
([System.Func[string]]{ 'hello' }).Invoke()
(([System.Func[hashtable]]{ @{ a = 'foo' } }).Invoke()).a
$f = [Func[int, int]]{ param($x) $x * 3 }
$f.Invoke('4'); $f.DynamicInvoke(@(5)); $f.GetType().FullName
([Func[int, string]]{ param($x) $x + 1 }).Invoke(1).GetType().Name
$a = [Action[string]]{ param($s) $script:got = $s }; $a.Invoke('x'); $got
try { $f.Invoke(1, 2) } catch { $_.FullyQualifiedErrorId }
try { $f.Invoke('abc') } catch { $_.FullyQualifiedErrorId }`,
		"0\n0\nhello\nfoo\n12\n15\nSystem.Func[System.Int32,System.Int32]\nString\nx\n" +
			"MethodCountCouldNotFindBest\nMethodArgumentConversionInvalidCastArgument\n", "", 0},
}

func TestDelegates(t *testing.T) {
	for _, c := range delegateCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// methodGroupCases follow about_Methods and Conversions.Tests.ps1
// "method conversion": a class method named without a call is a PSMethod
// (its OverloadDefinitions, Invoke, its text the definitions); it
// converts to a delegate whose parameter types one overload takes,
// exactly or by an [object] parameter, also when passed to a parameter
// of a delegate type; no such overload is an invalid cast. $null passed
// to a reference-type parameter stays $null.
var methodGroupCases = []evalCase{
	{"class_method_groups", `class M {
    [int] Twice([int] $value) { return 2 * $value }
    static [int] Thrice([int] $value) { return 3 * $value }
    static [int] Add([int] $i, [int16] $j) { return $i + $j }
    static [string] Kind([object] $o) { return 'object' }
    static [string] Kind([int] $i) { return 'int' }
    static [int] Apply([int] $v, [Func[int, int]] $f) { return $f.Invoke($v) }
    static [int] Apply([int] $a, [int16] $b, [Func[int, int16, int]] $f) { return $f.Invoke($a, $b) }
    static [bool] IsNull([hashtable] $h) { return $null -eq $h }
}
[M]::Apply(1, [Func[int, int]] [M]::Thrice)
[M]::Apply(3, 4, [M]::Add)
$m = [M]::new()
([Func[int, int]] $m.Twice).Invoke(5)
$m.Twice.Invoke(7)
"$([M]::Thrice)"
$m.Twice.OverloadDefinitions
$m.Twice.GetType().FullName
([Func[int, string]] [M]::Kind).Invoke(1)
([Func[string, string]] [M]::Kind).Invoke('x')
[M]::IsNull($null)
try { [Func[string, int]] [M]::Thrice } catch { $_.FullyQualifiedErrorId }`,
		"3\n7\n10\n14\nstatic int Thrice(int value)\nint Twice(int value)\nSystem.Management.Automation.PSMethod\nint\nobject\nTrue\n" +
			"ConvertToFinalInvalidCastException\n", "", 0},
}

func TestMethodGroups(t *testing.T) {
	for _, c := range methodGroupCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
