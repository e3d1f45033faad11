package cmdlets_test

import "testing"

// chainPrelude defines commands that fail in the three ways a pipeline
// of a chain can: a non-terminating error for the input 2, a
// terminating error ($PSCmdlet.ThrowTerminatingError) for the input 4,
// and throw.
const chainPrelude = `filter NonTerm {
    [CmdletBinding()] param([Parameter(ValueFromPipeline)] $InputObject)
    if ($InputObject -ne 2) { return $InputObject }
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('NTERROR'), 'NTERROR', 'NotSpecified', $null))
}
filter PipeTerm {
    [CmdletBinding()] param([Parameter(ValueFromPipeline)] [int] $InputObject)
    if ($InputObject -ne 4) { return $InputObject }
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('PIPELINE'), 'PIPELINE', 'NotSpecified', $null))
}
function FullTerm { throw 'TERMINATE' }
`

// Language semantics, each case with the PowerShell reference it follows.
var languageTests = []evalCase{
	// about_Pipeline_Chain_Operators; PipelineChainOperator.Tests.ps1
	// "Pipeline chain error semantics": a terminating error of a pipeline
	// of a chain is reported and the chain goes on with $? false; a
	// throw (or -ErrorAction Stop) stops the statement
	{"chain_nonterminating", chainPrelude + `1,2,3 | NonTerm || Write-Output 4`, "1\n3\n4\n", "NTERROR", 0},
	{"chain_pipeline_terminating", chainPrelude + `1,3,4,5 | PipeTerm || Write-Output 2; 'next'`, "1\n3\n2\nnext\n", "PIPELINE", 0},
	{"chain_assigned", chainPrelude + `$x = 1,3,4,5 | PipeTerm || Write-Output 2; $x`, "1\n3\n2\n", "PIPELINE", 0},
	{"chain_throw", chainPrelude + `FullTerm || Write-Output 2`, "", "TERMINATE", 1},
	{"chain_stop", chainPrelude + `1,2,3 | NonTerm -ErrorAction Stop || Write-Output 4`, "1\n", "NTERROR", 1},
	// in a try, the first error goes to the catch block and nothing is
	// assigned
	{"chain_try", chainPrelude + `try { 1,3,4,5 | PipeTerm || Write-Output 2 } catch { 'caught' }
try { $r = 1,3,4,5 | PipeTerm || Write-Output 2 } catch {}; $null -eq $r
try { 'Hi' && FullTerm || 'Bye' } catch { 'Nothing' } finally { 'Final' }`, "1\n3\ncaught\nTrue\nHi\nNothing\nFinal\n", "", 0},
	// a trap of the statement list handles the error of each pipeline:
	// continue goes on with the chain, break stops the script
	{"chain_trap_continue", chainPrelude + `trap { continue }
FullTerm || Write-Output 2
1,2,3 | NonTerm -ErrorAction Stop || Write-Output 4
$r = 1,3,4,5 | PipeTerm || Write-Output 5; $r
Write-Output 6 && FullTerm && 'not run'`, "2\n1\n4\n1\n3\n5\n6\n", "", 0},
	{"chain_trap_break", chainPrelude + `trap { break }
1,2,3 | NonTerm || Write-Output 4
1,3,4,5 | PipeTerm || Write-Output 2
'not run'`, "1\n3\n4\n1\n3\n", "PIPELINE", 1},

	// Compiler.CaptureStatementResults: a condition that runs a command
	// leaves $? true; PipelineChainOperator.Tests.ps1 "if (Write-Error
	// ... && ...)"
	{"condition_sets_success", `if ('Hello' && Write-Error 'Bad' -ErrorAction Ignore) { $?; 1 } else { throw 'else' }
if (Write-Error 'Bad' -ErrorAction Ignore && 'Hello') { throw 'if' } else { $?; 2 }
while (Write-Error 'Bad' -ErrorAction Ignore) {}; $?
if ((Write-Error 'Bad' -ErrorAction Ignore) -or $?) { 'no' } else { 'seen false' }`, "True\n1\nTrue\n2\nTrue\nseen false\n", "", 0},
	// the value of a pipeline chain is the output of all the pipelines
	// that ran (PipelineChainOperator.Tests.ps1 "Sets the variable")
	{"chain_value", `$x = 1 && @(2, 3); $x.Count
$x = 1 && ,@(2, 3); $x.Count; $x[1].Count
$a = $b = 'x' && 'y'; "$a|$b"`, "3\n2\n2\nx y|x y\n", "", 0},

	// about_Trap: a trap handles the terminating errors of the blocks in
	// its statement list too, and continue goes on after the statement
	// that holds the failing block
	{"trap_nested_block", `trap { 'trapped'; continue }
if ($true) { 1/0; 'not run' }
'end'`, "trapped\nend\n", "", 0},

	// CommandErrorHandling.Tests.ps1 (ExceptionHandlingOps.
	// CheckActionPreference): -ErrorAction SilentlyContinue or Ignore on
	// an advanced function suppresses a throw in it, which stays in
	// $Error but not in the error stream; a try or a trap still gets it
	{"throw_suppressed_by_error_action", `function ThrowException { [CmdletBinding()] param() throw 'throw-exception'; 'went on' }
ThrowException -ErrorAction SilentlyContinue
$Error[0].FullyQualifiedErrorId
ThrowException -ErrorAction Ignore
try { ThrowException -ErrorAction Ignore } catch { "caught $_" }
& { trap { "trapped $_"; continue } ThrowException -ErrorAction SilentlyContinue }
ThrowException
'not reached'`, "went on\nthrow-exception\nwent on\ncaught throw-exception\ntrapped throw-exception\n", "throw-exception", 1},
	{"eap_silently_continue_throw", `& { $ErrorActionPreference = 'SilentlyContinue'; throw 'x'; 'after x' }; "$($Error[0])"`, "after x\nx\n", "", 0},
	// an exception of an expression goes on after the statement, kept in
	// $Error under SilentlyContinue and Ignore; -ErrorAction Stop and
	// ThrowTerminatingError cannot be suppressed
	{"expression_error_actions", `function Div { [CmdletBinding()] param() 1/0; 'after div' }
$Error.Clear()
Div -ErrorAction Ignore
Div -ErrorAction SilentlyContinue
$Error.Count
$Error[0].Exception.GetType().FullName
$Error[0].Exception.InnerException.GetType().FullName
function StopIt { [CmdletBinding()] param() Get-Command NonExist -ErrorAction Stop; 'not reached' }
try { StopIt -ErrorAction SilentlyContinue } catch { $_.FullyQualifiedErrorId }
function Tte { [CmdletBinding()] param()
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new([System.ArgumentException]::new('tte'), 'TteId', 'InvalidArgument', $null)); 'not reached' }
Tte -ErrorAction SilentlyContinue
'next'`, "after div\nafter div\n2\nSystem.Management.Automation.RuntimeException\nSystem.DivideByZeroException\nCommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand\nnext\n", "tte", 0},
	// catch and trap match the inner exception too: a method's .NET
	// exception in its MethodInvocationException (about_Try_Catch_Finally;
	// ExceptionHandlingOps.FindMatchingHandler)
	{"catch_inner_exception", `try { [int]::Parse('x') } catch [System.FormatException] { 'format'; $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().Name }
try { $z = 0; 1 / $z } catch [System.DivideByZeroException] { 'divide' }
& { trap [System.FormatException] { 'trapped'; continue }; [int]::Parse('y') }`, "format\nMethodInvocationException\nFormatException\ndivide\ntrapped\n", "", 0},

	// CleanBlockErrorHandling.Tests.ps1: a terminating error ends the
	// clean block but goes no further, not even to a try around the
	// command: it is written to the command's error stream (and its
	// -ErrorVariable) and $? is false; the clean block runs after an end
	// block that failed, whose error the caller gets
	{"clean_terminating_error", `function C { [CmdletBinding()] param([string] $How)
    end {}
    clean {
        switch ($How) {
            'throw' { throw 'clean-throw' }
            'tte' { $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new([System.ArgumentException]::new('clean-tte'), 'TteId', 'InvalidArgument', $null)) }
            'stop' { Get-Command NonExistClean -ErrorAction Stop }
        }
        'not reached'
    }
}
C throw 2>$null; $?
try { C tte -ErrorVariable ev 2>&1 | ForEach-Object { "stream: $_" } } catch { 'not caught here' }
$ev.Count; "$($ev[0])"
& { trap { 'not trapped'; continue } C stop 2>$null; 'went on' }
C throw -ErrorAction SilentlyContinue; $?; "$($Error[0])"
function Both { [CmdletBinding()] param() end { throw 'end-throw' } clean { throw 'clean-throw' } }
try { Both 2>&1 | ForEach-Object { "stream: $_" } } catch { "caught $_" }`,
		"False\nstream: clean-tte\n1\nclean-tte\nwent on\nTrue\nclean-throw\nstream: clean-throw\ncaught end-throw\n", "", 0},
	// a general exception in a clean block is a non-terminating error
	// that a try or trap around the command does not turn terminating;
	// one inside the clean block does
	{"clean_general_exception", `function D { [CmdletBinding()] param() end {} clean { 1/0; Write-Host 'clean went on' } }
try { D 2>$null } catch { 'not caught' }
function E { [CmdletBinding()] param() end {} clean { try { 1/0; 'no' } catch { $_.Exception.InnerException.GetType().FullName } ; trap { Write-Host 'trapped'; continue }; [int]::Parse($null); Write-Host 'after trap' } }
E`, "clean went on\ntrapped\nafter trap\n", "", 0},
	// $? after a function is false only when the function itself failed
	// ($PSCmdlet.WriteError, a terminating error), not when a command or
	// statement in it wrote an error (CleanBlockErrorHandling.Tests.ps1
	// "Track the $? behavior for non-terminating errors")
	{"function_status", `function WE { [CmdletBinding()] param() Write-Error 'inner' 2>$null; 'done' }
function Div { [CmdletBinding()] param() 1/0 2>$null; 'done' }
function Api { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('own'), 'OwnId', 'NotSpecified', $null)); 'done' }
WE; $?
Div 2>$null; $?
Api 2>$null; $?
& { Write-Error 'sb' 2>$null }; $?`, "done\nTrue\ndone\nTrue\ndone\nFalse\nTrue\n", "", 0},

	// LineContinuance.Tests.ps1: a backtick followed by white space (and
	// a comment) is white space; a line starting with a pipe continues
	// the pipeline across comment lines, not across a blank line nor a
	// line holding only a backtick; a lone carriage return ends a line
	{"backtick_space_continuation", "'Hello' + ` \t\n    ' world'\n'Hello' + ` # note\n    ' there'", "Hello world\nHello there\n", "", 0},
	// a runtime error that leaves a cmdlet running script code (the text of
	// Invoke-Expression, a ForEach-Object block) is wrapped by the cmdlet, and
	// its FullyQualifiedErrorId names the cmdlet (ComparisonOperator.Tests.ps1
	// expects RuntimeException,...InvokeExpressionCommand and
	// TypeNotFound,...InvokeExpressionCommand); a throw statement's error is
	// not rewrapped, nor is an error written inside the block
	// (CommandProcessorBase.ManageInvocationException)
	{"error_leaving_cmdlet_names_it", "try { Invoke-Expression \"'hello' -is 'foo'\" } catch { $_.FullyQualifiedErrorId }\n" +
		"try { Invoke-Expression \"'hello' -is [foo]\" } catch { $_.FullyQualifiedErrorId }\n" +
		"try { Invoke-Expression \"throw 'x'\" } catch { $_.FullyQualifiedErrorId }\n" +
		"try { 1 | ForEach-Object { 1/0 } } catch { $_.FullyQualifiedErrorId }\n" +
		"1 | ForEach-Object { 1/0 } 2>&1 | ForEach-Object FullyQualifiedErrorId",
		"RuntimeException,Microsoft.PowerShell.Commands.InvokeExpressionCommand\nTypeNotFound,Microsoft.PowerShell.Commands.InvokeExpressionCommand\nx\nRuntimeException,Microsoft.PowerShell.Commands.ForEachObjectCommand\nRuntimeException\n", "", 0},
	// an alias wins over a function of the same name; a function wins over
	// a cmdlet (about_Command_Precedence); pwsh 7 has no curl or wget
	// aliases (about_Aliases lists them for Windows PowerShell only)
	{"alias_before_function", "Set-Alias zz Write-Output\nfunction zz { 'function' }\nzz 'alias'\nfunction f2 { 'f2' }\nSet-Alias a2 f2\na2\n$null -eq (Get-Alias curl, wget -ErrorAction SilentlyContinue)", "alias\nf2\nTrue\n", "", 0},
	// a number with a plus sign where a statement starts is a number
	// (tokenizer.cs reads it with AllowSignedNumbers; Get-Random.Tests.ps1
	// writes @{ Maximum = +100 })
	{"plus_signed_number", "+100\n(@{ Maximum = +100 }).Maximum.GetType().Name\n+.5", "100\nInt32\n0.5\n", "", 0},
	// a script block's text is what stands between its braces in the text
	// it was written in, also inside code given to [scriptblock]::Create
	// or Invoke-Expression (ScriptBlock.ToString, about_Script_Blocks)
	{"script_block_text_in_created_code", ". ([scriptblock]::Create('function f { { inner text } }'))\n\"[$(f)]\"\n\"[$(Invoke-Expression '{ b }')]\"", "[ inner text ]\n[ b ]\n", "", 0},
	{"leading_pipe_after_comments", "1..10\n    # times three\n    | ForEach-Object { $_ * 3 }\n    <# even only #>\n    | Where-Object { $_ % 2 -eq 0 }\n    |\n    # reverse\n    Sort-Object -Descending", "30\n24\n18\n12\n6\n", "", 0},
	// a pipe that starts a statement is the parse error EmptyPipeElement
	// (LineContinuance.Tests.ps1, "Lines starting with a single pipe that
	// have a blank line before it")
	{"leading_pipe_after_backtick_line", "'Hello'\n    `\n    | ForEach-Object { \"$_ world\" }", "", "An empty pipe element is not allowed.", anyExit},
	{"leading_pipe_after_blank_line", "'Hello'\n \t\n    | ForEach-Object { \"$_ world\" }", "", "An empty pipe element is not allowed.", anyExit},
	{"lone_carriage_return", "'a'\r'b'\r    | ForEach-Object { \"$_!\" }", "a\nb!\n", "", 0},

	// a .NET property's getter can be called as a method (get_Keys is
	// Hashtable.Keys; PipelineChainOperator.Tests.ps1 uses
	// $Variables.get_Keys())
	{"property_getter_method", `$h = @{ a = 1 }; $h.get_Keys(); $h.get_Count(); (1, 2, 3).get_Length()
try { $h.get_a() } catch { $_.FullyQualifiedErrorId }`, "a\n1\n3\nMethodNotFound\n", "", 0},
}

func TestLanguage(t *testing.T) {
	for _, c := range languageTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
