package lint

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
	}}
}
