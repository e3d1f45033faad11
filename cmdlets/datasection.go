package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// Data sections (about_Data_Sections): data [name] [-SupportedCommand
// cmds] { ... } runs its body in PowerShell's restricted language and
// assigns the result to $name, or writes it. What the restricted
// language does not allow is a parse error (PowerShell's
// RestrictedLanguageChecker), found when the script is parsed.

// restrictedIssue is one construct the restricted language does not
// allow: its parse error id, message and where it is.
type restrictedIssue struct {
	id, msg    string
	start, end int
	pos        parser.Pos
}

// defaultDataVariables are the variables a data section may read.
func defaultDataVariables() []string {
	return []string{"PSCulture", "PSUICulture", "true", "false", "null"}
}

// restrictedOperator reports whether an operator is one PowerShell's
// restricted language refuses (TokenFlags.DisallowedInRestrictedMode).
func restrictedOperator(op string) bool {
	o := strings.ToLower(strings.TrimPrefix(op, "-"))
	if len(o) > 1 && (o[0] == 'c' || o[0] == 'i') {
		switch o[1:] {
		case "match", "notmatch", "replace", "split":
			o = o[1:]
		}
	}
	switch o {
	case "match", "notmatch", "replace", "split", "join", "as", "f", "..", "++", "--":
		return true
	}
	return false
}

// restrictedType reports whether a type may be named in the restricted
// language: the primitive types (a TypeCode other than Object) and
// arrays of them.
func restrictedType(s *Session, name string) bool {
	t, ok := s.resolveType(name)
	if !ok {
		return false
	}
	n := t.Name
	if t.Elem != nil {
		n = t.Elem.Name
	}
	switch n {
	case value.TBool, value.TChar, value.TSByte, value.TByte, value.TInt16, value.TUInt16, value.TInt32, value.TUInt32,
		value.TInt64, value.TUInt64, value.TSingle, value.TDouble, value.TDecimal, value.TDateTime, value.TString, "System.DBNull":
		return true
	}
	return false
}

// checkRestricted walks n and returns what the restricted language does
// not allow in it, allowed naming the commands it may run (nil: any).
func (s *Session) checkRestricted(n any, allowed []string) []restrictedIssue {
	return s.checkRestrictedWith(n, allowed, nil, false)
}

// checkRestrictedWith is checkRestricted with the variables that may be
// read besides the default ones (a lone "*": any) and whether
// environment variables may be read (ScriptBlock.CheckRestrictedLanguage).
func (s *Session) checkRestrictedWith(n any, allowed, extraVars []string, env bool) []restrictedIssue {
	var out []restrictedIssue
	report := func(pos parser.Pos, end int, id, msg string) {
		out = append(out, restrictedIssue{id: id, msg: msg, pos: pos, start: pos.Offset, end: end})
	}
	const tail = " not allowed in restricted language mode or a Data section."
	vars := defaultDataVariables()
	allVars := len(extraVars) == 1 && extraVars[0] == "*"
	listed := "$PSCulture, $PSUICulture, $true, $false, $null"
	if !allVars && extraVars != nil {
		for _, v := range extraVars {
			dup := false
			for _, have := range vars {
				dup = dup || strings.EqualFold(have, v)
			}
			if !dup {
				vars = append(vars, v)
			}
		}
		names := make([]string, len(vars))
		for i, v := range vars {
			names[i] = "$" + v
		}
		listed = strings.Join(names, ", ")
	}
	varMsg := "A variable that cannot be referenced in restricted language mode or a Data section is being referenced. Variables that can be referenced include the following: " + listed + "."
	checkVar := func(pos parser.Pos, end int, name string) {
		if allVars || env && len(name) > 4 && strings.EqualFold(name[:4], "env:") {
			return
		}
		for _, v := range vars {
			if strings.EqualFold(v, name) {
				return
			}
		}
		report(pos, end, "VariableReferenceNotSupportedInDataSection", varMsg)
	}
	parser.Walk(n, func(x any) bool {
		switch x := x.(type) {
		case *parser.ForeachStatement:
			report(x.Pos, x.End, "ForeachStatementNotSupportedInDataSection", "Foreach statements are"+tail)
		case *parser.ForStatement:
			report(x.Pos, x.End, "ForWhileStatementNotSupportedInDataSection", "For and While statements are"+tail)
		case *parser.WhileStatement:
			report(x.Pos, x.End, "ForWhileStatementNotSupportedInDataSection", "For and While statements are"+tail)
		case *parser.DoStatement:
			report(x.Pos, x.End, "DoWhileStatementNotSupportedInDataSection", "The Do and While statements are"+tail)
		case *parser.TryStatement:
			report(x.Pos, x.End, "TryStatementNotSupportedInDataSection", "The Try statement is"+tail)
		case *parser.TrapStatement:
			report(x.Pos, x.End, "TrapStatementNotSupportedInDataSection", "The Trap statement is"+tail)
		case *parser.SwitchStatement:
			report(x.Pos, x.End, "SwitchStatementNotSupportedInDataSection", "The switch statement is"+tail)
		case *parser.DataStatement:
			report(x.Pos, x.End, "DataSectionStatementNotSupportedInDataSection", "The data statement is not allowed in restricted language mode or another Data section.")
		case *parser.FunctionDefinition:
			report(x.Pos, x.End, "FunctionDeclarationNotSupportedInDataSection", "Function declarations are"+tail)
			return false
		case *parser.FlowStatement:
			report(x.Pos, x.End, "FlowControlStatementNotSupportedInDataSection", "Flow control statements such as Break, Continue, Return, Exit, and Throw are"+tail)
		case *parser.BreakStatement:
			report(x.Pos, x.End, "FlowControlStatementNotSupportedInDataSection", "Flow control statements such as Break, Continue, Return, Exit, and Throw are"+tail)
		case *parser.ScriptBlockExpr:
			report(x.Pos, x.End, "ScriptBlockNotSupportedInDataSection", "Script block literals are"+tail)
			return false
		case *parser.PipelineStatement:
			if x.Op != "" {
				report(x.Pos, x.End, "AssignmentStatementNotSupportedInDataSection", "Assignment statements are"+tail)
			}
		case *parser.Redirection:
			report(x.Pos, x.End, "RedirectionNotSupportedInDataSection", "Redirection is"+tail)
		case *parser.CommandExpression:
			for _, r := range x.Redirs {
				report(r.Pos, r.End, "RedirectionNotSupportedInDataSection", "Redirection is"+tail)
			}
		case *parser.Command:
			if x.Call == "." {
				report(x.Pos, x.End, "DotSourcingNotSupportedInDataSection", "Dot sourcing is"+tail)
			}
			if allowed == nil {
				break
			}
			if x.Name == "" || x.Target != nil {
				if x.Call == "&" {
					report(x.Pos, x.End, "OperatorNotSupportedInDataSection", "The '&' operator is"+tail)
				} else {
					report(x.Pos, x.End, "CmdletNotInAllowedListForDataSection", "The command '&' is"+tail)
				}
				break
			}
			ok := false
			for _, a := range allowed {
				ok = ok || strings.EqualFold(a, x.Name)
			}
			if !ok {
				report(x.Pos, x.End, "CmdletNotInAllowedListForDataSection", fmt.Sprintf("The command '%s' is"+tail, x.Name))
			}
		case *parser.VarExpr:
			checkVar(x.Pos, x.End, x.Name)
		case *parser.ExpandString:
			for _, p := range x.Parts {
				if p.Var != "" {
					checkVar(p.Pos, p.End, strings.TrimPrefix(strings.Trim(p.Var, "${}"), "$"))
				}
			}
		case *parser.Expr:
			for _, r := range x.Rest {
				if restrictedOperator(r.Op) {
					report(r.Pos, r.End, "OperatorNotSupportedInDataSection", fmt.Sprintf("The '%s' operator is"+tail, r.Op))
				}
			}
			if x.Ternary != nil {
				report(x.Ternary.Pos, x.Ternary.End, "OperatorNotSupportedInDataSection", "The '?' operator is"+tail)
			}
		case *parser.Unary:
			for _, p := range x.Prefix {
				if restrictedOperator(p) {
					report(x.Pos, x.End, "OperatorNotSupportedInDataSection", fmt.Sprintf("The '%s' operator is"+tail, p))
				}
			}
			for _, po := range x.Post {
				switch {
				case po.Call:
					report(x.Pos, po.End, "MethodCallNotSupportedInDataSection", "Method calls are"+tail)
				case po.IncDec != "":
					report(x.Pos, po.End, "OperatorNotSupportedInDataSection", fmt.Sprintf("The '%s' operator is"+tail, po.IncDec))
				case po.Index != nil:
				case po.Dot != "":
					report(x.Pos, po.End, "PropertyReferenceNotSupportedInDataSection", "Property references are"+tail)
				}
			}
		case *parser.TypeExpr:
			if !restrictedType(s, x.Name) {
				report(x.Pos, x.End, "TypeNotAllowedInDataSection", fmt.Sprintf("The type %s is"+tail, x.Name))
			}
		}
		return true
	})
	return out
}

// dataAllowedCommands are the commands a data section may run:
// ConvertFrom-StringData and those its -SupportedCommand names. ok is
// false when a -SupportedCommand is not a constant name.
func dataAllowedCommands(st *parser.DataStatement) ([]string, bool) {
	out := []string{"ConvertFrom-StringData"}
	for _, u := range st.Commands {
		if len(u.Prefix) > 0 || len(u.Post) > 0 {
			return nil, false
		}
		switch p := u.Primary.(type) {
		case *parser.BareWord:
			out = append(out, p.Value)
		case *parser.StringLit:
			out = append(out, p.Value)
		default:
			return nil, false
		}
	}
	return out, true
}

// dataSectionErrors are the parse errors of the data sections of a
// script: what the restricted language does not allow in them.
func (s *Session) dataSectionErrors(script *parser.Script) parser.ErrorList {
	var errs parser.ErrorList
	parser.Walk(script, func(n any) bool {
		st, ok := n.(*parser.DataStatement)
		if !ok {
			return true
		}
		allowed, constant := dataAllowedCommands(st)
		if !constant {
			// commands known only when the section runs are checked then
			allowed = nil
		}
		for _, is := range s.checkRestricted(st.Body, allowed) {
			end := is.pos
			end.Column += is.end - is.start
			end.Offset = is.end
			errs = append(errs, &parser.Error{Pos: is.pos, End: end, ID: is.id, Msg: is.msg})
		}
		return false
	})
	return errs
}

// execData runs a data section: its body in the restricted language,
// the result assigned to its variable or written.
func (s *Session) execData(fr frame, st *parser.DataStatement, emit emitFn) error {
	allowed, constant := dataAllowedCommands(st)
	if !constant {
		allowed = []string{"ConvertFrom-StringData"}
		for _, u := range st.Commands {
			v, err := s.evalUnary(fr, u)
			if err != nil {
				return err
			}
			for _, it := range value.AsSlice(v) {
				allowed = append(allowed, value.ToString(it))
			}
		}
		if issues := s.checkRestricted(st.Body, allowed); len(issues) > 0 {
			is := issues[0]
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: is.pos, ID: is.id, Category: ParserError,
				Exception: "System.Management.Automation.ParseException", Msg: is.msg}}
		}
	}
	var out []any
	collect := func(v any) error { out = append(out, v); return nil }
	if st.Body != nil && st.Body.List != nil {
		if err := s.execList(fr, st.Body.List, collect); err != nil {
			return err
		}
	}
	if st.Variable == "" {
		for _, v := range out {
			if err := emit(v); err != nil {
				return err
			}
		}
		return nil
	}
	var v any
	switch len(out) {
	case 0:
	case 1:
		v = out[0]
	default:
		v = &value.Array{Items: out}
	}
	if err := s.setVar(fr.scope, st.Variable, v); err != nil {
		return runtimeError(st.Pos, err)
	}
	return nil
}

// checkRestrictedLanguage is ScriptBlock.CheckRestrictedLanguage(
// allowedCommands, allowedVariables, allowEnvironmentVariables): a
// ParseException when the block's text is not in the restricted
// language (commands: any when $null; variables: the default ones plus
// those listed, any for a lone "*").
func (s *Session) checkRestrictedLanguage(sb *ScriptBlock, args []any) error {
	list := func(i int) []string {
		if i >= len(args) || args[i] == nil {
			return nil
		}
		var out []string
		for _, it := range value.AsSlice(args[i]) {
			out = append(out, value.ToString(it))
		}
		if out == nil {
			out = []string{}
		}
		return out
	}
	env := len(args) > 2 && value.ToBool(args[2])
	script, errs := parser.ParseAll("", sb.Text)
	if len(errs) > 0 || script == nil {
		return &parseFailure{t: newAstTree("", sb.Text, errs)}
	}
	body := script.Body
	if body.Param != nil || len(body.Named) > 0 && !onlyEndBlock(body) {
		at := parser.Pos{Line: 1, Column: 1}
		end := at
		end.Offset, end.Column = len(sb.Text), len(sb.Text)+1
		errs = append(errs, &parser.Error{Pos: at, End: end, ID: "InvalidScriptBlockInDataSection",
			Msg: "A Begin statement block, Process statement block, or parameter statement is not allowed in a Data section."})
	}
	for _, is := range s.checkRestrictedWith(body, list(0), list(1), env) {
		end := is.pos
		end.Column += is.end - is.start
		end.Offset = is.end
		errs = append(errs, &parser.Error{Pos: is.pos, End: end, ID: is.id, Msg: is.msg})
	}
	if len(errs) > 0 {
		return &parseFailure{t: newAstTree("", sb.Text, errs)}
	}
	return nil
}

// onlyEndBlock reports whether a body's named blocks are an end block
// alone.
func onlyEndBlock(b *parser.ScriptBlockBody) bool {
	for _, nb := range b.Named {
		if !strings.EqualFold(nb.Name, "end") {
			return false
		}
	}
	return true
}
