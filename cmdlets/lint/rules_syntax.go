package lint

import "github.com/csemu/csemu/cmdlets"

// syntaxRules reports the parser's errors: all of them, since the parser
// recovers after each top-level statement.
func syntaxRules() []ruleDef {
	return []ruleDef{{
		Rule: Rule{Code: "CSE1001", Name: "syntax-error", Severity: Error,
			Summary: "The script does not parse.",
			Help:    "PowerShell would refuse to run the script: a block, string or parenthesis is not closed, or a token stands where the grammar does not allow it. The message is PowerShell's own.",
			Bad:     "if ($x -eq 1) {\n    Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
			Good:    "if ($x -eq 1) {\n    Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n}\n"},
		check: func(f *File, env *Env, report func(Finding)) {
			for _, e := range f.Errors {
				report(Finding{Pos: e.Pos, Message: e.Msg})
			}
		},
	}, {
		Rule: Rule{Code: "CSE1104", Name: "not-emulated-construct", Severity: Info,
			Summary: "PowerShell runs it, but csemu stops here with [NotImplemented].",
			Help: "The construct is valid PowerShell, but csemu does not emulate it, and a run stops the statement " +
				"with a [NotImplemented] error naming it: a parameter attribute csemu does not honour (such as " +
				"[ValidateDrive()]), an argument of [Parameter()] or [CmdletBinding()] it does not know, a " +
				"dynamicparam block, a generic method call, a background job, using assembly, #requires -PSSnapin " +
				"or -Assembly, or a parameter of a core cmdlet csemu does not " +
				"emulate (such as Get-Content -Wait or Import-Clixml -First, from the same table the cmdlets " +
				"read). The script may be right, but a replay offline stops there: it cannot be checked end to " +
				"end. Commands csemu does not emulate (Add-Type, DSC configurations, ...) are CSE1103.",
			Bad:  "function Get-Report {\n    param([ValidateDrive('C')] [string]$Path)\n    Get-Content $Path\n}\n",
			Good: "function Get-Report {\n    param([ValidateNotNullOrEmpty()] [string]$Path)\n    Get-Content $Path\n}\n"},
		check: func(f *File, env *Env, report func(Finding)) {
			if f.Script == nil {
				return
			}
			for _, n := range cmdlets.Unsupported(f.Script) {
				report(Finding{Pos: n.Pos, Message: "[NotImplemented] " + n.What + " is not emulated: csemu will stop this statement here"})
			}
			for _, n := range cmdlets.UnsupportedRequires(f.Path, f.Src) {
				report(Finding{Pos: n.Pos, Message: "[NotImplemented] " + n.What + " is not emulated: csemu will not run this script"})
			}
			for _, fd := range commandFindings(f, env) {
				if fd.Code == "CSE1104" {
					report(fd)
				}
			}
		},
	}}
}
