package cmdlets_test

import "testing"

// Errors and binding rules taken from PowerShell's own tests.
var flowTests = []evalCase{
	// TryCatch.Tests.ps1 "rethrow flow up": a bare throw in a catch block
	// rethrows the same error, with the same exception object; division
	// by zero is a RuntimeException around the DivideByZeroException
	// (CommandErrorHandling.Tests.ps1 "ExpressionThrowException")
	{"rethrow_same_exception", `try {
    try { $z = 0; 1 / $z } catch { 'inner catch'; $inner = $_; throw }
} catch { 'outer catch'; $outer = $_ }
$inner.Exception -eq $outer.Exception
$outer.Exception.GetType().FullName
$outer.Exception.InnerException.GetType().FullName`, "inner catch\nouter catch\nTrue\nSystem.Management.Automation.RuntimeException\nSystem.DivideByZeroException\n", "", 0},
	// TryCatch.Tests.ps1 "throw; outside catch threw wrong object": a bare
	// throw that is not written in a catch block throws ScriptHalted,
	// even in a function called from one
	{"throw_outside_catch", `function foo {
    trap [System.Management.Automation.RuntimeException] { return 'test passed' }
    trap { return 'test failed' }
    throw
}
try { $z = 0; 1 / $z } catch { foo }`, "test passed\n", "", 0},
	{"bare_throw_script_halted", "try { throw } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }", "ScriptHalted\nScriptHalted\n", "", 0},
	// a bare throw in a trap rethrows too
	{"rethrow_from_trap", `try { & { trap { 'trap'; throw }; throw 'boom' } } catch { "outer $_" }`, "trap\nouter boom\n", "", 0},

	// an unbound parameter is the type's default: $null for [object[]]
	// and [string[]], "" for [string], 0, $false, [datetime]::MinValue
	{"unbound_defaults", `function f { param([object[]]$a, [string[]]$b, [hashtable]$h, [string]$s, [int]$i, [bool]$bo, [datetime]$d)
    $null -eq $a; $null -eq $b; $null -eq $h; $s -eq ''; $i; $bo; $d.Year }
f`, "True\nTrue\nTrue\nTrue\n0\nFalse\n1\n", "", 0},

	// Test-Path.Tests.ps1 "Should write a non-terminating error when given
	// a null path": -ErrorAction Stop makes it terminating; TestPathCommand
	// passes its message to ArgumentNullException as the parameter name
	{"test_path_null_stop", `try { Test-Path $null -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "$_" }`,
		"NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand\nValue cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')\n", "", 0},
	{"test_path_null_continue", "Test-Path $null -ErrorAction SilentlyContinue; Test-Path -Path $null, $null -ErrorAction SilentlyContinue; 'after'", "after\n", "", 0},
	{"test_path_empty", "Test-Path ''; Test-Path '  '", "False\nFalse\n", "", 0},

	// the FullyQualifiedErrorId of a core cmdlet's error names its .NET
	// class (Test-Path.Tests.ps1 above; Write-Error.Tests.ps1
	// "MissingArgument,Microsoft.PowerShell.Commands.WriteErrorCommand");
	// a function's names the function; Write-Error's names the function
	// or script that called it, nothing at the top level of a command
	{"fqid_cmdlet_binding", `try { Write-Error -Exception } catch { $_.FullyQualifiedErrorId }`, "MissingArgument,Microsoft.PowerShell.Commands.WriteErrorCommand\n", "", 0},
	{"fqid_cmdlet_error", `try { Get-Item /no/such/item -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }`, "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand\n", "", 0},
	{"fqid_function", `function f { param([Parameter(Mandatory)]$a) }; try { f -a $null } catch { $_.FullyQualifiedErrorId }`, "ParameterArgumentValidationErrorNullNotAllowed,f\n", "", 0},
	{"fqid_write_error", `function f { [CmdletBinding()] param() Write-Error 'y' -ErrorId MyId }
try { f -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
Write-Error 'z' -ErrorVariable e 2>$null; $e[0].FullyQualifiedErrorId`, "MyId,f\nMicrosoft.PowerShell.Commands.WriteErrorException,t.ps1\n", "", 0},

	// [ErrorRecord]::new(exception, errorId, category, targetObject)
	// (ErrorRecord constructor, Microsoft Learn)
	{"errorrecord_new", `$e = [System.Management.Automation.ErrorRecord]::new([System.ArgumentException]::new('bad thing'), 'MyId', [System.Management.Automation.ErrorCategory]::InvalidArgument, 'tgt')
$e.FullyQualifiedErrorId; $e.CategoryInfo.Category; $e.TargetObject; $e.Exception.GetType().FullName; "$e"`,
		"MyId\nInvalidArgument\ntgt\nSystem.ArgumentException\nbad thing\n", "", 0},
	{"errorrecord_bad_category", "[System.Management.Automation.ErrorRecord]::new([System.Exception]::new('x'), 'Id', 'Nope', $null)", "",
		`Cannot convert argument "errorCategory", with value: "Nope"`, 0},
	// $PSCmdlet.ThrowTerminatingError ends the function; the caller's
	// statement fails and its next one runs (about_Functions_Advanced_Methods;
	// CommandErrorHandling.Tests.ps1 "'ThrowTerminatingError' should always
	// stop execution"); try/catch catches it with the record's id
	{"throw_terminating_error", `$e = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new('stopped'), 'StopId', 'InvalidOperation', $null)
function f { [CmdletBinding()] param() 'in f'; $PSCmdlet.ThrowTerminatingError($e); 'not reached' }
function k { f; 'k goes on' }
k
try { f } catch { "caught $($_.FullyQualifiedErrorId) $($_.Exception.GetType().Name) $_" }`,
		"in f\nk goes on\nin f\ncaught StopId,f InvalidOperationException stopped\n", "f: stopped", 0},
	// $PSCmdlet.WriteError writes a non-terminating error with the record's id
	{"pscmdlet_write_error", `$e = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('soft'), 'SoftId', 'NotSpecified', $null)
function g { [CmdletBinding()] param() $PSCmdlet.WriteError($e); 'after' }
g -ErrorVariable ev 2>$null; $ev[0].FullyQualifiedErrorId; "$($ev[0])"`, "after\nSoftId,g\nsoft\n", "", 0},

	// (Get-Command X).Parameters: ParameterMetadata by name, with the
	// common parameters of a cmdlet or advanced function (Get-Command,
	// Microsoft Learn; CommandInfo.Parameters)
	{"get_command_parameters", `$p = (Get-Command Test-Path).Parameters
$p['Path'].ParameterType.FullName; $p.Path.ParameterSets['Path'].IsMandatory; $p.LiteralPath.Aliases -join ','; $p.ContainsKey('ErrorAction')
function f { [CmdletBinding()] param([Parameter(Mandatory, Position = 0)][Alias('n')][int]$Num, [switch]$Flag) }
$fp = (Get-Command f).Parameters
$fp.Num.Name; $fp.Num.ParameterType.Name; $fp.Num.Aliases; $fp.Flag.SwitchParameter; $fp.Num.ParameterSets['__AllParameterSets'].Position; $fp.ContainsKey('Verbose')
function g($a, $b) {}; (Get-Command g).Parameters.Keys -join ','`,
		"System.String[]\nTrue\nPSPath,LP\nTrue\nNum\nInt32\nn\nTrue\n0\nTrue\na,b\n", "", 0},

	// MergedCommandParameterMetadata.GetMatchingParameter: of several
	// parameters a prefix matches, the command's own wins over the
	// common ones (CheckRestrictedlanguage.Tests.ps1 runs Set-StrictMode -v 2)
	{"prefix_prefers_own", `function f { [CmdletBinding()] param($Version) "v=$Version" }; f -v 3`, "v=3\n", "", 0},
	{"prefix_strictmode", "Set-StrictMode -v 2\n$x = $undefined\n'after'", "after\n", `The variable '$undefined' cannot be retrieved because it has not been set.`, 0},
	{"prefix_still_ambiguous", "function f { [CmdletBinding()] param($Version, $Value) }\nf -v 1", "",
		`Parameter cannot be processed because the parameter name 'v' is ambiguous. Possible matches include: -Version -Value -Verbose.`, 0},
}

func TestErrorFlowAndBindingRules(t *testing.T) {
	for _, c := range flowTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
