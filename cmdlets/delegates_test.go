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
