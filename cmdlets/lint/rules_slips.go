package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csemu/csemu/parser"
)

// slipRules check common PowerShell slips.
func slipRules() []ruleDef {
	return []ruleDef{
		{Rule: Rule{Code: "CSE3001", Name: "use-before-assignment", Severity: Warning,
			Summary: "A variable is used before it is assigned.",
			Help: "PowerShell gives $null for a variable that was never assigned, so a misspelled or forgotten " +
				"variable silently passes $null (or an empty string) to a cmdlet. The rule reports a use when " +
				"no assignment of the variable in the same scope (the script, or a function or script block " +
				"body) comes before it. Parameters, foreach and for variables, automatic and preference variables, " +
				"scope-qualified names ($env:, $script:, $global:, $using:), -ErrorVariable/-OutVariable targets, " +
				"[ref] arguments, Set-Variable/New-Variable names and assignments in an enclosing loop count as " +
				"assigned. Inside functions and script blocks, a variable assigned anywhere outside them is " +
				"taken as set by the caller. A script that dot-sources another or calls Invoke-Expression is not checked.",
			Bad:  "$policy = 'Tag:NoAnon'\nGrant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName $polcy\n",
			Good: "$policy = 'Tag:NoAnon'\nGrant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName $policy\n"},
			check: checkUseBeforeAssign},
		{Rule: Rule{Code: "CSE3002", Name: "read-host", Severity: Warning,
			Summary: "Read-Host waits for a person; a CI run gets no answer, or an error with -NonInteractive.",
			Help: "Read-Host stops the script until someone types an answer. In a pipeline nobody does: the " +
				"run hangs or Read-Host returns an empty string, and the script goes on with it. Take the value " +
				"as a script parameter (Mandatory if it has no sensible default) or from an environment variable.",
			Bad:  "$policy = Read-Host 'Policy name'\nSet-CsTeamsMeetingPolicy -Identity $policy -AllowAnonymousUsersToJoinMeeting $false\n",
			Good: "param([Parameter(Mandatory)][string]$Policy)\nSet-CsTeamsMeetingPolicy -Identity $Policy -AllowAnonymousUsersToJoinMeeting $false\n"},
			check: checkReadHost},
		{Rule: Rule{Code: "CSE3003", Name: "null-on-right", Severity: Warning,
			Summary: "$null on the right of -eq or -ne.",
			Help: "With a collection on the left, -eq and -ne filter the collection instead of comparing: " +
				"@($null, 1) -eq $null is @($null), which is truthy, and @(1, 2) -ne $null is @(1, 2). " +
				"Put $null on the left ($null -eq $x) to test the value itself.",
			Bad:  "$users = Get-CsOnlineUser\nif ($users -eq $null) { Write-Output 'no users' }\n",
			Good: "$users = Get-CsOnlineUser\nif ($null -eq $users) { Write-Output 'no users' }\n"},
			check: checkNullOnRight},
	}
}

func checkReadHost(f *File, env *Env, report func(Finding)) {
	if f.Script == nil {
		return
	}
	parser.Walk(f.Script, func(n any) bool {
		cmd, ok := n.(*parser.Command)
		if !ok || cmd.Name == "" {
			return true
		}
		name := cmd.Name
		if i := strings.LastIndex(name, "\\"); i >= 0 {
			name = name[i+1:]
		}
		if strings.EqualFold(name, "Read-Host") {
			report(Finding{Pos: cmd.Pos, End: stTokenEnd(cmd.Pos, len([]rune(cmd.Name))),
				Message:    "Read-Host waits for a person to type an answer; in a CI run nobody does: at the end of the input it returns nothing, and with -NonInteractive it fails.",
				Suggestion: "take the value as a script parameter: param([Parameter(Mandatory)][string]$Name)"})
		}
		return true
	})
}

var slNullOps = map[string]bool{"-eq": true, "-ne": true, "-ieq": true, "-ine": true, "-ceq": true, "-cne": true}

func checkNullOnRight(f *File, env *Env, report func(Finding)) {
	if f.Script == nil {
		return
	}
	parser.Walk(f.Script, func(n any) bool {
		e, ok := n.(*parser.Expr)
		if !ok || e.Tree == nil {
			return true
		}
		ops := map[*parser.Unary]*parser.BinRest{}
		for _, r := range e.Rest {
			ops[r.Right] = r
		}
		var visit func(nd parser.Node)
		visit = func(nd parser.Node) {
			switch b := nd.(type) {
			case *parser.BinaryExpr:
				visit(b.Left)
				visit(b.Right)
				if !slNullOps[strings.ToLower(b.Op)] {
					return
				}
				r, ok := b.Right.(*parser.Unary)
				if !ok || !slIsNull(r) {
					return
				}
				op := ops[r]
				if op == nil {
					return
				}
				if l, ok := b.Left.(*parser.Unary); ok && slIsNull(l) {
					return
				}
				start := parser.NodePos(b.Left)
				if start.Offset >= op.Pos.Offset || op.Pos.Offset > len(f.Src) {
					return
				}
				left := strings.TrimSpace(f.Src[start.Offset:op.Pos.Offset])
				nullText := slVarText(f, r.Pos)
				end := stAdvance(f, r.Pos, r.Pos.Offset+len(nullText))
				report(Finding{Pos: start, End: end,
					Message:    fmt.Sprintf("$null on the right of %s: with a collection on the left this filters the collection instead of testing for $null; put $null on the left.", b.Op),
					Suggestion: fmt.Sprintf("%s %s %s", nullText, b.Op, left)})
			case *parser.ArrayLiteral:
				for _, it := range b.Items {
					visit(it)
				}
			case *parser.TernaryExpr:
				visit(b.Cond)
			}
		}
		visit(e.Tree)
		return true
	})
}

func slIsNull(u *parser.Unary) bool {
	if u == nil || len(u.Prefix) != 0 || len(u.Post) != 0 {
		return false
	}
	v, ok := u.Primary.(*parser.VarExpr)
	return ok && strings.EqualFold(v.Name, "null")
}

// slVarText returns the source text of the variable at p: $name or ${name}.
func slVarText(f *File, p parser.Pos) string {
	s := f.Src
	i := p.Offset
	if i >= len(s) || (s[i] != '$' && s[i] != '@') {
		return ""
	}
	j := i + 1
	if j < len(s) && s[j] == '{' {
		for j < len(s) && s[j] != '}' {
			if s[j] == '`' {
				j++
			}
			j++
		}
		if j < len(s) {
			j++
		}
		return s[i:j]
	}
	if j < len(s) && strings.ContainsRune("$?^_", rune(s[j])) && (j+1 >= len(s) || !slNameByte(s[j+1])) {
		return s[i : j+1]
	}
	for j < len(s) && (slNameByte(s[j]) || s[j] == ':') {
		if s[j] == ':' && (j+1 >= len(s) || !slNameByte(s[j+1])) {
			break
		}
		j++
	}
	return s[i:j]
}

func slNameByte(c byte) bool {
	return c == '_' || c == '?' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// slAutomatic are the automatic and preference variables (lower case).
var slAutomatic = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`_ psitem args input this true false null error matches psscriptroot pscommandpath
		psboundparameters lastexitcode host psversiontable ? ^ $ foreach switch myinvocation pscmdlet executioncontext
		home pid pwd profile shellid pshome psculture psuiculture nestedpromptlevel stacktrace iswindows islinux
		ismacos iscoreclr psedition psdebugcontext sender event eventargs eventsubscriber consolefilename
		enabledexperimentalfeatures psitem ofs erroractionpreference warningpreference verbosepreference
		debugpreference informationpreference progresspreference confirmpreference whatifpreference errorview
		formatenumerationlimit maximumhistorycount outputencoding psdefaultparametervalues psemailserver
		psmoduleautoloadingpreference pssessionapplicationname pssessionconfigurationname pssessionoption
		psnativecommanduseerroractionpreference psnativecommandargumentpassing psstyle transcript
		logcommandhealthevent logcommandlifecycleevent logengine healthevent logenginelifecycleevent
		logproviderhealthevent logproviderlifecycleevent maximumaliascount maximumdrivecount maximumerrorcount
		maximumfunctioncount maximumvariablecount psgetpath allnodes node configurationdata`) {
		m[n] = true
	}
	return m
}()

// slVarKind classifies a variable name: "" to ignore it, else the plain
// lower-case name; qualified is set for $script:/$global: names.
func slVarName(name string) (plain string, qualified bool) {
	l := strings.ToLower(name)
	if i := strings.Index(l, ":"); i >= 0 {
		switch l[:i] {
		case "script", "global":
			return l[i+1:], true
		case "local", "private":
			l = l[i+1:]
		default:
			return "", false
		}
	}
	if l == "" || slAutomatic[l] {
		return "", false
	}
	return l, false
}

// slSpan is a region of the source: a scope (function, script block,
// class) or a loop.
type slSpan struct {
	start, end int
	kind       string // "function", "block", "class", "loop"
}

func (s slSpan) contains(off int) bool { return off >= s.start && off < s.end }

type slRef struct {
	name string
	pos  parser.Pos
	text string
}

func checkUseBeforeAssign(f *File, env *Env, report func(Finding)) {
	if f.Script == nil {
		return
	}
	var scopes, loops []slSpan
	var uses, assigns []slRef
	qualified := map[string]bool{}
	targets := map[*parser.VarExpr]bool{}
	unsure := false

	assign := func(name string, pos parser.Pos) {
		plain, q := slVarName(name)
		if plain == "" {
			return
		}
		if q {
			qualified[plain] = true
			return
		}
		spelled := name
		if i := strings.LastIndex(spelled, ":"); i >= 0 {
			spelled = spelled[i+1:]
		}
		assigns = append(assigns, slRef{name: plain, pos: pos, text: spelled})
	}
	// target records the variables an assignment's left side sets.
	var target func(u *parser.Unary)
	target = func(u *parser.Unary) {
		if u == nil || len(u.Post) != 0 {
			return
		}
		switch p := u.Primary.(type) {
		case *parser.VarExpr:
			targets[p] = true
			assign(p.Name, p.Pos)
		case *parser.TypeExpr:
			target(p.Operand)
		}
	}
	literalNames := func(e *parser.Expr) {
		if e == nil {
			return
		}
		names, ok := stExprList(e)
		if !ok {
			if e.First != nil && len(e.Rest) == 0 {
				names, ok = stUnaryList(e.First)
			}
		}
		if !ok {
			unsure = true
			return
		}
		for _, n := range names {
			assign(strings.TrimPrefix(n, "+"), e.Pos)
		}
	}

	parser.Walk(f.Script, func(n any) bool {
		switch n := n.(type) {
		case *parser.FunctionDefinition:
			scopes = append(scopes, slSpan{n.Pos.Offset, n.EndPos.Offset, "function"})
			for _, p := range n.Params {
				assign(p.Name, p.Pos)
			}
		case *parser.ScriptBlockExpr:
			scopes = append(scopes, slSpan{n.Pos.Offset, n.EndPos.Offset, "block"})
		case *parser.ClassDefinition:
			scopes = append(scopes, slSpan{n.Pos.Offset, len(f.Src) + 1, "class"})
			if end := slClassEnd(n); end > 0 {
				scopes[len(scopes)-1].end = end
			}
		case *parser.Parameter:
			assign(n.Name, n.Pos)
		case *parser.ForeachStatement:
			loops = append(loops, slSpan{n.Pos.Offset, n.EndPos.Offset, "loop"})
			assign(n.Var, n.Pos)
		case *parser.ForStatement:
			loops = append(loops, slSpan{n.Pos.Offset, n.EndPos.Offset, "loop"})
		case *parser.WhileStatement:
			loops = append(loops, slSpan{n.Pos.Offset, n.EndPos.Offset, "loop"})
		case *parser.DoStatement:
			loops = append(loops, slSpan{n.Pos.Offset, n.EndPos.Offset, "loop"})
		case *parser.SwitchStatement:
			loops = append(loops, slSpan{n.Pos.Offset, n.EndPos.Offset, "loop"})
		case *parser.TryStatement:
			// a trap or catch may run after any statement of the body
		case *parser.PipelineStatement:
			if n.Op != "" && n.Left != nil {
				for _, el := range n.Left.Elems {
					ce, ok := el.(*parser.CommandExpression)
					if !ok || ce.Expr == nil {
						continue
					}
					target(ce.Expr.First)
					for _, r := range ce.Expr.Rest {
						if r.Op == "," {
							target(r.Right)
						}
					}
				}
			}
		case *parser.Unary:
			incdec := false
			for _, p := range n.Prefix {
				if p == "++" || p == "--" {
					incdec = true
				}
			}
			if len(n.Post) == 1 && n.Post[0].IncDec != "" {
				incdec = true
			}
			if v, ok := n.Primary.(*parser.VarExpr); ok && incdec {
				targets[v] = true
				assign(v.Name, v.Pos)
			}
			if t, ok := n.Primary.(*parser.TypeExpr); ok && strings.EqualFold(t.Name, "ref") && t.Operand != nil {
				if v, ok := t.Operand.Primary.(*parser.VarExpr); ok {
					targets[v] = true
					assign(v.Name, v.Pos)
				}
			}
		case *parser.Command:
			slCommand(n, literalNames, &unsure)
		case *parser.VarExpr:
			if !targets[n] {
				uses = append(uses, slRef{name: n.Name, pos: n.Pos})
			}
		case *parser.Splat:
			uses = append(uses, slRef{name: n.Name, pos: n.Pos})
		case *parser.ExpandString:
			for _, p := range n.Parts {
				if p.Var != "" {
					uses = append(uses, slRef{name: p.Var, pos: p.Pos})
				}
			}
		case *parser.CompoundArg:
			for _, p := range n.Parts {
				if p.Var != "" {
					uses = append(uses, slRef{name: p.Var, pos: p.Pos})
				}
			}
		}
		return true
	})
	if unsure {
		return
	}
	sort.SliceStable(uses, func(i, j int) bool { return uses[i].pos.Offset < uses[j].pos.Offset })
	useScope, _ := slLocate(scopes, uses)
	_, assignTop := slLocate(scopes, assigns)
	// the assignments by name, and whether each is at the top level
	byName := map[string][]slRef{}
	topByName := map[string][]bool{}
	for i, a := range assigns {
		byName[a.name] = append(byName[a.name], a)
		topByName[a.name] = append(topByName[a.name], assignTop[i])
	}
	reported := map[string]bool{}
	for ui, u := range uses {
		plain, q := slVarName(u.name)
		if plain == "" || q || qualified[plain] {
			continue
		}
		off := u.pos.Offset
		sc := useScope[ui]
		if sc >= 0 && scopes[sc].kind == "class" {
			continue
		}
		key := fmt.Sprintf("%d/%s", sc, plain)
		if reported[key] {
			continue
		}
		ok := false
		for ai, a := range byName[plain] {
			aoff := a.pos.Offset
			if sc < 0 {
				// the use is at the top level
				if !topByName[plain][ai] {
					continue
				}
			} else {
				s := scopes[sc]
				if !s.contains(aoff) {
					ok = true // set outside: by the caller or the enclosing scope
					break
				}
				if s.kind == "block" {
					ok = true // a script block may run many times
					break
				}
			}
			if aoff < off {
				ok = true
				break
			}
			for _, l := range loops {
				if l.contains(off) && l.contains(aoff) {
					ok = true
					break
				}
			}
			if ok {
				break
			}
		}
		if ok {
			continue
		}
		reported[key] = true
		text := slVarText(f, u.pos)
		if text == "" {
			text = "$" + u.name
		}
		shown := text
		if strings.HasPrefix(text, "@") {
			shown = "$" + text[1:] + " (splatted as " + text + ")"
		}
		report(Finding{Pos: u.pos, End: stAdvance(f, u.pos, u.pos.Offset+len(text)),
			Message:    fmt.Sprintf("The variable %s is used before it is assigned in this scope; it is $null here.", shown),
			Suggestion: slNearest(plain, byName)})
	}
}

// slLocate returns for each reference (sorted by offset) the innermost
// scope holding it (-1 for none) and whether it is at the script's top
// level: in no function or class (script blocks at the top level may run
// in the script's scope, as with ForEach-Object). Scopes nest or are
// disjoint.
func slLocate(scopes []slSpan, refs []slRef) ([]int, []bool) {
	order := make([]int, len(scopes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := scopes[order[a]], scopes[order[b]]
		if x.start != y.start {
			return x.start < y.start
		}
		return x.end > y.end
	})
	idx := make([]int, len(refs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return refs[idx[a]].pos.Offset < refs[idx[b]].pos.Offset })
	inner := make([]int, len(refs))
	top := make([]bool, len(refs))
	var stack []int
	nonBlock := 0
	next := 0
	for _, ri := range idx {
		off := refs[ri].pos.Offset
		pop := func() {
			for len(stack) > 0 && scopes[stack[len(stack)-1]].end <= off {
				if scopes[stack[len(stack)-1]].kind != "block" {
					nonBlock--
				}
				stack = stack[:len(stack)-1]
			}
		}
		pop()
		for next < len(order) && scopes[order[next]].start <= off {
			sc := order[next]
			next++
			// drop the scopes that end before this one starts
			for len(stack) > 0 && scopes[stack[len(stack)-1]].end <= scopes[sc].start {
				if scopes[stack[len(stack)-1]].kind != "block" {
					nonBlock--
				}
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, sc)
			if scopes[sc].kind != "block" {
				nonBlock++
			}
		}
		pop()
		inner[ri] = -1
		if len(stack) > 0 {
			inner[ri] = stack[len(stack)-1]
		}
		top[ri] = nonBlock == 0
	}
	return inner, top
}

// slNearest suggests an assigned variable with a similar name.
func slNearest(name string, assigned map[string][]slRef) string {
	limit := len([]rune(name)) / 4
	if limit > 2 {
		limit = 2
	}
	best, bestD := "", limit+1
	for n := range assigned {
		d := distance(name, n)
		if d < bestD || (d == bestD && n < best) {
			best, bestD = n, d
		}
	}
	if best == "" || best == name {
		return ""
	}
	spelled := best
	if a := assigned[best]; len(a) > 0 {
		spelled = a[0].text
	}
	return fmt.Sprintf("did you mean $%s?", spelled)
}

// slClassEnd returns where a class definition ends (0 when unknown).
func slClassEnd(c *parser.ClassDefinition) int {
	end := 0
	parser.Walk(c, func(n any) bool {
		if s, ok := n.(*parser.StatementBlock); ok && s.EndPos.Offset > end {
			end = s.EndPos.Offset
		}
		return true
	})
	return end
}

// slVariableParams are the parameters whose value names a variable the
// command sets (common parameters and their aliases).
var slVariableParams = []string{"errorvariable", "warningvariable", "informationvariable", "outvariable", "pipelinevariable"}
var slVariableAliases = map[string]bool{"ev": true, "wv": true, "iv": true, "ov": true, "pv": true}

// slCommand records the variables a command sets by name and marks the
// check unsure when a command may set variables it cannot see.
func slCommand(cmd *parser.Command, names func(*parser.Expr), unsure *bool) {
	if cmd.Call == "." {
		*unsure = true // dot-sourcing runs another script in this scope
		return
	}
	name := strings.ToLower(cmd.Name)
	if i := strings.LastIndex(name, "\\"); i >= 0 {
		name = name[i+1:]
	}
	switch name {
	case "invoke-expression", "iex":
		*unsure = true
		return
	}
	setsVar := name == "set-variable" || name == "new-variable" || name == "sv" || name == "nv"
	tee := name == "tee-object" || name == "tee"
	positional := true
	els := cmd.Elements
	for i := 0; i < len(els); i++ {
		switch e := els[i].(type) {
		case *parser.Splat:
			if setsVar {
				*unsure = true
			}
		case *parser.CommandParameter:
			pn := strings.ToLower(e.Name)
			isVar := slVariableAliases[pn]
			if len(pn) >= 3 {
				for _, v := range slVariableParams {
					if strings.HasPrefix(v, pn) {
						isVar = true
					}
				}
			}
			if tee && pn != "" && strings.HasPrefix("variable", pn) {
				isVar = true
			}
			isName := setsVar && pn != "" && strings.HasPrefix("name", pn)
			if !isVar && !isName {
				continue
			}
			if isName {
				positional = false
			}
			var ex *parser.Expr
			if e.Arg != nil {
				ex = &parser.Expr{Pos: e.Arg.Pos, First: e.Arg}
			} else if i+1 < len(els) {
				if a, ok := els[i+1].(*parser.CommandArgument); ok {
					ex = a.Expr
					i++
				}
			}
			if ex == nil {
				if isName {
					*unsure = true
				}
				continue
			}
			names(ex)
		case *parser.CommandArgument:
			if setsVar && positional {
				names(e.Expr)
				positional = false
			}
		}
	}
}
