package cmdlets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
)

// runHost runs a script in a session whose host is a console (or, with
// nonInteractive, pwsh -NonInteractive), reading stdin.
func runHost(t *testing.T, script, stdin string, args []any, opts ...cmdlets.Option) (out, errs string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	opts = append([]cmdlets.Option{cmdlets.WithIO(strings.NewReader(stdin), &o, &e)}, opts...)
	s := cmdlets.NewSession(opts...)
	code, err := s.Run(context.Background(), "t.ps1", script, args)
	if err != nil && e.Len() == 0 {
		e.WriteString(err.Error())
	}
	return o.String(), e.String(), code
}

// On a console pwsh asks for the mandatory parameters a command was not
// given (ParameterBinderStrings PromptCaption and PromptMessage, the
// console host's "Name: " fields), reads them from the input and binds
// them as typed arguments; ParameterBinding.Tests.ps1 "Mandatory
// parameters used in interactive host" checks the caption names the
// command and the field the parameter.
func TestMandatoryPrompt(t *testing.T) {
	tests := []struct {
		name, script, stdin string
		args                []any
		out, errSub         string
		code                int
	}{
		{name: "function", script: "function get-foo { param([Parameter(Mandatory)]$a) \"a=$a\" }\nget-foo", stdin: "typed\n",
			out: "\ncmdlet get-foo at command pipeline position 1\nSupply values for the following parameters:\na: a=typed\n"},
		{name: "two_and_typed", script: "function f { param([Parameter(Mandatory)][int]$n, [Parameter(Mandatory)][string]$s) $n + 1; $s }\nf", stdin: "41\nx\n",
			out: "\ncmdlet f at command pipeline position 1\nSupply values for the following parameters:\nn: s: 42\nx\n"},
		// a value that does not convert is reported and asked again
		{name: "retry_format", script: "function f { param([Parameter(Mandatory)][int]$n) $n }\nf", stdin: "abc\n7\n",
			out: "\ncmdlet f at command pipeline position 1\nSupply values for the following parameters:\nn: Cannot recognize \"abc\" as a System.Int32 due to a format error.\nn: 7\n"},
		// a collection is asked item by item, up to an empty line
		{name: "collection", script: "function f { param([Parameter(Mandatory)][string[]]$names) $names -join '+' }\nf", stdin: "a\nb\n\n",
			out: "\ncmdlet f at command pipeline position 1\nSupply values for the following parameters:\nnames[0]: names[1]: names[2]: a+b\n"},
		// HelpMessage: "(Type !? for Help.)" and !? shows it
		{name: "help_message", script: "function f { param([Parameter(Mandatory, HelpMessage = 'Who to greet')]$who) \"hi $who\" }\nf", stdin: "!?\nann\n",
			out: "\ncmdlet f at command pipeline position 1\nSupply values for the following parameters:\n(Type !? for Help.)\nwho: Who to greet\nwho: hi ann\n"},
		// the typed value is bound as an argument: "" fails a mandatory [string]
		{name: "empty_refused", script: "function f { param([Parameter(Mandatory)][string]$s) 'ran' }\nf\n'after'", stdin: "\n",
			out: "\ncmdlet f at command pipeline position 1\nSupply values for the following parameters:\ns: after\n", errSub: "Cannot bind argument to parameter 's' because it is an empty string."},
		// the end of the input cancels the prompt: the binding error
		{name: "eof", script: "function f { param([Parameter(Mandatory)]$a) 'ran' }\nf", stdin: "",
			out: "\ncmdlet f at command pipeline position 1\nSupply values for the following parameters:\na: ", errSub: "Cannot process command because of one or more missing mandatory parameters: a."},
		// a script's own parameters: the caption names the script
		{name: "script", script: "param([Parameter(Mandatory)][string]$Name)\n\"hello $Name\"", stdin: "ann\n",
			out: "\ncmdlet t.ps1 at command pipeline position 1\nSupply values for the following parameters:\nName: hello ann\n"},
		// a cmdlet's too, at its place in the pipeline
		{name: "cmdlet", script: "1 | ForEach-Object { $_ } | Set-Variable; $v", stdin: "v\n\n",
			out: "\ncmdlet Set-Variable at command pipeline position 3\nSupply values for the following parameters:\nName[0]: Name[1]: 1\n"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := runHost(t, c.script, c.stdin, c.args, cmdlets.WithConsole())
			if out != c.out {
				t.Errorf("stdout %q, want %q (stderr %q)", out, c.out, errs)
			}
			if c.errSub == "" && errs != "" || !strings.Contains(errs, c.errSub) {
				t.Errorf("stderr %q, want %q", errs, c.errSub)
			}
			if code != c.code {
				t.Errorf("exit code %d, want %d", code, c.code)
			}
		})
	}
}

// about_Pwsh, -NonInteractive: the host refuses to read or prompt
// (ConsoleHostUserInterfaceStrings ReadFailsOnNonInteractiveFlag); a
// missing mandatory parameter is then the binding error, as the binder
// turns a failed prompt into MissingMandatoryParameter.
func TestNonInteractive(t *testing.T) {
	const msg = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
	out, errs, _ := runHost(t, "$a = Read-Host 'x'\n\"[$a]\"", "typed\n", nil, cmdlets.WithNonInteractive(), cmdlets.WithConsole())
	if out != "[]\n" || !strings.Contains(errs, "Read-Host: "+msg) {
		t.Errorf("Read-Host: stdout %q stderr %q", out, errs)
	}
	out, errs, _ = runHost(t, "Get-Credential -UserName ann\n'after'", "", nil, cmdlets.WithNonInteractive())
	if out != "after\n" || !strings.Contains(errs, "Get-Credential: "+msg) {
		t.Errorf("Get-Credential: stdout %q stderr %q", out, errs)
	}
	// a credential given is returned without asking
	out, errs, _ = runHost(t, "$c = [pscustomobject]@{UserName = 'ann'}; (Get-Credential -Credential $c).UserName", "", nil, cmdlets.WithNonInteractive())
	if out != "ann\n" || errs != "" {
		t.Errorf("Get-Credential -Credential: stdout %q stderr %q", out, errs)
	}
	// [Credential()] asks the host for a credential: refused too
	out, errs, _ = runHost(t, "function f { param([System.Management.Automation.Credential()]$Credential) $Credential.UserName }\nf -Credential ann", "", nil, cmdlets.WithNonInteractive())
	if out != "" || !strings.Contains(errs, "f: Cannot process argument transformation on parameter 'Credential'. "+msg) {
		t.Errorf("Credential(): stdout %q stderr %q", out, errs)
	}
	out, errs, _ = runHost(t, "function f { param([Parameter(Mandatory)]$a) 'ran' }\nf", "typed\n", nil, cmdlets.WithConsole(), cmdlets.WithNonInteractive())
	if out != "" || !strings.Contains(errs, "f: Cannot process command because of one or more missing mandatory parameters: a.") {
		t.Errorf("mandatory: stdout %q stderr %q", out, errs)
	}
}

// ShouldProcess asks for confirmation when the function's ConfirmImpact
// reaches $ConfirmPreference (High by default; -Confirm makes it Low,
// -Confirm:$false None), as PowerShell's command runtime does
// (about_Functions_CmdletBindingAttribute, ConfirmImpact;
// CommonParameters.Tests.ps1 "confirmimpact support"); ShouldContinue
// always asks. The console host's prompt: "Confirm", the question, then
// the choices with Yes the default.
func TestConfirmPrompt(t *testing.T) {
	const fn = `function get-foo {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param()
    if ($PSCmdlet.ShouldProcess('foo', 'foo action')) { 'foo action' }
}
`
	const question = "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"foo action\" on target \"foo\".\n" +
		"[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
	tests := []struct {
		name, script, stdin, out, errSub string
		opts                             []cmdlets.Option
	}{
		{name: "yes", script: fn + "get-foo", stdin: "y\n", out: question + "foo action\n", opts: []cmdlets.Option{cmdlets.WithConsole()}},
		{name: "default_yes", script: fn + "get-foo", stdin: "\n", out: question + "foo action\n", opts: []cmdlets.Option{cmdlets.WithConsole()}},
		{name: "no", script: fn + "get-foo; 'after'", stdin: "n\n", out: question + "after\n", opts: []cmdlets.Option{cmdlets.WithConsole()}},
		{name: "help_then_yes", script: fn + "get-foo", stdin: "?\ny\n", opts: []cmdlets.Option{cmdlets.WithConsole()},
			out: question + "Y - Continue with only the next step of the operation.\nA - Continue with all the steps of the operation.\n" +
				"N - Skip this operation and proceed with the next operation.\nL - Skip this operation and all subsequent operations.\n" +
				"S - Pause the current pipeline and return to the command prompt. Type \"exit\" to resume the pipeline.\n" +
				"[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): foo action\n"},
		// Yes to All holds for the rest of the call
		{name: "yes_to_all", script: `function f { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param() foreach ($i in 1..3) { if ($PSCmdlet.ShouldProcess("t$i", 'act')) { "did $i" } } }
f`, stdin: "a\n", opts: []cmdlets.Option{cmdlets.WithConsole()},
			out: "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"act\" on target \"t1\".\n" +
				"[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): did 1\ndid 2\ndid 3\n"},
		// below the threshold no question; -Confirm:$false never asks;
		// ConfirmImpact None never asks, even with -Confirm
		{name: "medium_no_question", script: `function f { [CmdletBinding(SupportsShouldProcess)] param() if ($PSCmdlet.ShouldProcess('x')) { 'done' } }; f`, out: "done\n"},
		{name: "confirm_false", script: fn + "get-foo -Confirm:$false", out: "foo action\n"},
		{name: "impact_none", script: `function f { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'None')] param() if ($PSCmdlet.ShouldProcess('x')) { 'done' } }; f -Confirm`, out: "done\n"},
		// -Confirm asks at Low impact and above
		{name: "confirm_switch", script: `function f { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')] param() if ($PSCmdlet.ShouldProcess('x')) { 'done' } }; f -Confirm`, stdin: "n\n",
			opts: []cmdlets.Option{cmdlets.WithConsole()},
			out:  "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"f\" on target \"x\".\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "},
		// $ConfirmPreference lowered asks too
		{name: "confirm_preference", script: "$ConfirmPreference = 'Medium'\n" + `function f { [CmdletBinding(SupportsShouldProcess)] param() $PSCmdlet.ShouldProcess('x') }; f`, stdin: "y\n",
			opts: []cmdlets.Option{cmdlets.WithConsole()},
			out:  "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"f\" on target \"x\".\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): True\n"},
		// without a console the host cannot ask (HostFunctionPromptNotImplemented)
		{name: "no_console", script: fn + "get-foo; 'after'", out: "after\n",
			errSub: "A command that prompts the user failed because the host program or the command type does not support user interaction. The host was attempting to request confirmation with the following message: Are you sure you want to perform this action?\nPerforming the operation \"foo action\" on target \"foo\"."},
		{name: "noninteractive", script: fn + "get-foo", opts: []cmdlets.Option{cmdlets.WithNonInteractive()},
			errSub: `Exception calling "ShouldProcess" with "2" argument(s): "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."`},
		// ShouldContinue asks always; with [ref]s Yes to All is kept in them
		{name: "should_continue", script: `function f { [CmdletBinding()] param() if ($PSCmdlet.ShouldContinue('Really?', 'Check')) { 'went on' } }; f`, stdin: "y\n",
			opts: []cmdlets.Option{cmdlets.WithConsole()},
			out:  "\nCheck\nReally?\n[Y] Yes  [N] No  [S] Suspend  [?] Help (default is \"Y\"): went on\n"},
		{name: "should_continue_refs", script: `function f { [CmdletBinding()] param() $all = $false; $none = $false
foreach ($i in 1..2) { if ($PSCmdlet.ShouldContinue("item $i", 'Check', [ref]$all, [ref]$none)) { "did $i" } }; "all=$all" }
f`, stdin: "a\n", opts: []cmdlets.Option{cmdlets.WithConsole()},
			out: "\nCheck\nitem 1\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): did 1\ndid 2\nall=True\n"},
		{name: "should_continue_no_console", script: `function f { [CmdletBinding()] param() $PSCmdlet.ShouldContinue('Really?', 'Check') }; f`,
			errSub: "does not support user interaction"},
	}
	// a compiled cmdlet asks the same way (about_CommonParameters: -Confirm
	// "prompts you for confirmation before running the cmdlet";
	// about_Preference_Variables: $ConfirmPreference at or below the
	// cmdlet's impact asks; compiled cmdlets default to Medium impact)
	const aliasQ = "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"New Alias\" on target \"Name: zz Value: Get-Date\".\n" +
		"[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
	const hasZZ = "; [bool](Get-Alias zz -ErrorAction SilentlyContinue)"
	tests = append(tests, []struct {
		name, script, stdin, out, errSub string
		opts                             []cmdlets.Option
	}{
		{name: "cmdlet_confirm_yes", script: "New-Alias zz Get-Date -Confirm" + hasZZ, stdin: "y\n", opts: []cmdlets.Option{cmdlets.WithConsole()}, out: aliasQ + "True\n"},
		{name: "cmdlet_confirm_no", script: "New-Alias zz Get-Date -Confirm" + hasZZ, stdin: "n\n", opts: []cmdlets.Option{cmdlets.WithConsole()}, out: aliasQ + "False\n"},
		{name: "cmdlet_confirm_false", script: "$ConfirmPreference = 'Low'; New-Alias zz Get-Date -Confirm:$false" + hasZZ, out: "True\n"},
		{name: "cmdlet_preference", script: "$ConfirmPreference = 'Medium'; New-Alias zz Get-Date" + hasZZ, stdin: "y\n", opts: []cmdlets.Option{cmdlets.WithConsole()}, out: aliasQ + "True\n"},
		{name: "cmdlet_default_no_question", script: "New-Alias zz Get-Date" + hasZZ, out: "True\n"},
		{name: "cmdlet_noninteractive", script: "New-Alias zz Get-Date -Confirm", opts: []cmdlets.Option{cmdlets.WithNonInteractive()},
			errSub: "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."},
	}...)
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			out, errs, _ := runHost(t, c.script, c.stdin, nil, c.opts...)
			if out != c.out {
				t.Errorf("stdout %q, want %q (stderr %q)", out, c.out, errs)
			}
			if c.errSub == "" && errs != "" || !strings.Contains(errs, c.errSub) {
				t.Errorf("stderr %q, want %q", errs, c.errSub)
			}
		})
	}
}
