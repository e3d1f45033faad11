package cmdlets_test

import "testing"

// $MyInvocation, as about_Automatic_Variables (Microsoft Learn) and
// test/powershell/Language/Scripting/MyInvocation.Tests.ps1 describe it:
// MyCommand is what runs; InvocationName, ScriptName, ScriptLineNumber,
// Line and Statement describe the call; BoundParameters and
// UnboundArguments are what the call passed.
var myInvocationTests = []evalCase{
	{"function_name", `function Get-Thing { $MyInvocation.MyCommand.Name; $MyInvocation.MyCommand.CommandType; "$($MyInvocation.MyCommand)" }
Get-Thing`, "Get-Thing\nFunction\nGet-Thing\n", "", 0},
	{"filter_type", `filter flt { $MyInvocation.MyCommand.CommandType }; 1 | flt`, "Filter\n", "", 0},
	// the name the command was called by
	{"invocation_name", `function Get-Thing { $MyInvocation.InvocationName }
get-thing
$n = 'GET-THING'; & $n`, "get-thing\nGET-THING\n", "", 0},
	// the line of the call, its number, the statement and the column
	{"line_of_call", `function f { $MyInvocation.ScriptLineNumber; $MyInvocation.Line; $MyInvocation.OffsetInLine }
'x'
  $r = f -a 1
$r`, "x\n3\n  $r = f -a 1\n8\n", "", 0},
	{"statement", "function f { $MyInvocation.Statement }\n$r = f -p 1 | Out-String\n$r.Trim()", "f -p 1\n", "", 0},
	// MyInvocation.Tests.ps1: Line holds the call for . and & too
	{"line_dot_and_call", `function myfunc { $MyInvocation.Line.IndexOf('myfunc') -gt -1 }
. myfunc
& myfunc`, "True\nTrue\n", "", 0},
	{"script_block_line", `$a = & {$MyInvocation.Line}; $a`, "$a = & {$MyInvocation.Line}; $a\n", "", 0},
	{"script_block_statement", "$a = & {\n$MyInvocation.Statement\n}\n$a", "& {\n$MyInvocation.Statement\n}\n", "", 0},
	// ScriptName and PSCommandPath name the script of the call
	{"script_name", `function f { $MyInvocation.ScriptName -eq $PSCommandPath; Split-Path -Leaf $MyInvocation.ScriptName }; f`, "True\nt.ps1\n", "", 0},
	{"bound_and_unbound", `function f { param($a) $MyInvocation.BoundParameters['a']; $MyInvocation.UnboundArguments -join ',' }; f -a 1 2 3`, "1\n2,3\n", "", 0},
	{"function_definition_text", `function f { 'body' }
function g { $MyInvocation.MyCommand.Definition }
g`, " $MyInvocation.MyCommand.Definition \n", "", 0},
	// the script itself: MyCommand is the script file
	{"script_command", `$MyInvocation.MyCommand.Name; $MyInvocation.MyCommand.CommandType; (Split-Path -Leaf $MyInvocation.MyCommand.Path)`, "t.ps1\nExternalScript\nt.ps1\n", "", 0},
	// $PSCmdlet.MyInvocation is the function's $MyInvocation
	{"pscmdlet_myinvocation", `function f { [CmdletBinding()] param($x) $PSCmdlet.MyInvocation.MyCommand.Name; $PSCmdlet.MyInvocation.BoundParameters['x'] }; f -x 5`, "f\n5\n", "", 0},
	// a dot-sourced script block gives the caller its $MyInvocation back
	{"dot_source_restores", `function f { . { $null = $MyInvocation }; $MyInvocation.MyCommand.Name }; f`, "f\n", "", 0},
	{"dot_source_restores_on_error", `function f { try { . { throw 'boom' } } catch { }; $MyInvocation.MyCommand.Name }; f`, "f\n", "", 0},
}

func TestMyInvocation(t *testing.T) {
	for _, c := range myInvocationTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
