package parser

import "strings"

// The flow analysis of a class method (VariableAnalysis.cs
// AnalyzeMemberFunction): a graph of blocks, each with the variable reads
// and assignments it holds in order, tells whether every code path
// returns or throws, and which reads of a local variable may come before
// any assignment of it (such a read is "not local": PowerShell does not
// let a method read the caller's variables).

const (
	vaUnanalyzed   = -1
	vaForceDynamic = -2
)

// vaVar is what the analysis knows of one variable (VariableAnalysisDetails).
type vaVar struct {
	name      string
	bit       int
	index     int
	typ       string
	automatic bool
	assigned  bool
	refs      []*vaRef
}

// vaRef is one use of a variable: where it is and the slot it got.
type vaRef struct {
	at, end  int
	name     string // as written, scope and all
	tuple    int
	assigned bool
}

// vaItem is a read (ref) or an assignment (target, with the type it is
// converted to, "" for none) in a block.
type vaItem struct {
	ref     *vaRef
	target  string
	conv    string
	targRef *vaRef
}

type vaBlock struct {
	items       []vaItem
	succ, pred  []*vaBlock
	visit       []bool
	visited     bool
	order       bool
	throws      bool
	returns     bool
	unreachable bool
}

func (b *vaBlock) flowsTo(next *vaBlock) {
	if next == nil {
		return
	}
	for _, s := range b.succ {
		if s == next {
			return
		}
	}
	if !b.unreachable {
		next.unreachable = false
	}
	b.succ = append(b.succ, next)
	next.pred = append(next.pred, b)
}

type vaLoop struct {
	label         string
	breakT, contT *vaBlock
}

type flowAnalysis struct {
	vars       map[string]*vaVar
	nvars      int
	entry      *vaBlock
	exit       *vaBlock
	cur        *vaBlock
	loops      []vaLoop
	disableOpt bool
	allocated  int
	// reads holds every use of a variable the analysis visited, in order
	reads []*vaRef
}

// automaticVariables are PowerShell's SpecialVariables.AutomaticVariables,
// which have their slots from the start, in the order of their slots.
func automaticVariables() []string {
	return []string{"_", "args", "this", "input", "pscmdlet", "psboundparameters", "myinvocation", "psscriptroot", "pscommandpath"}
}

// isAllScopeVariable reports a variable created AllScope in every session
// (SpecialVariables.AllScopeVariables): an assignment never makes a local
// slot for one.
func isAllScopeVariable(name string) bool {
	switch name {
	case "?", "executioncontext", "false", "home", "host", "pid", "psculture", "pshome", "psuiculture", "psversiontable", "psedition", "shellid", "true", "enabledexperimentalfeatures":
		return true
	}
	return false
}

// isPessimizingCommand reports a command that makes PowerShell give up on
// local slots (FindAllVariablesVisitor s_pessimizingCmdlets).
func isPessimizingCommand(name string) bool {
	switch strings.ToLower(name) {
	case "new-variable", "remove-variable", "set-variable", "set-psbreakpoint",
		`microsoft.powershell.utility\new-variable`, `microsoft.powershell.utility\remove-variable`,
		`microsoft.powershell.utility\set-variable`, `microsoft.powershell.utility\set-psbreakpoint`,
		"nv", "rv", "sbp", "sv", "set":
		return true
	}
	return false
}

// varScope splits a variable name into its scope or drive (lower case,
// "" for none) and its name.
func varScope(name string) (scope, rest string) {
	if i := strings.IndexByte(name, ':'); i > 0 {
		return strings.ToLower(name[:i]), name[i+1:]
	}
	return "", name
}

// localName returns the unaliased name of a variable that is local
// (unscoped, $local: or $private:), and whether it is.
func localName(name string) (string, bool) {
	scope, rest := varScope(name)
	switch scope {
	case "", "local", "private":
	default:
		return "", false
	}
	rest = strings.ToLower(rest)
	if rest == "psitem" {
		rest = "_"
	}
	return rest, true
}

// analyzeMethod runs the analysis over a method; it returns whether every
// code path returns or throws, and the reads of variables that are not
// local (VariableNotLocal).
func analyzeMethod(m *ClassMember) (allReturn bool, notLocal []*vaRef) {
	fa := &flowAnalysis{vars: map[string]*vaVar{}}
	for i, n := range automaticVariables() {
		fa.note(n, i, "", true)
	}
	fa.note("?", vaUnanalyzed, "bool", true)
	fa.findAll(m.Body)
	for _, prm := range m.Params {
		if n, ok := localName(prm.Name); ok {
			if _, seen := fa.vars[n]; !seen {
				fa.note(n, vaUnanalyzed, "", false)
			}
		}
	}
	for _, v := range fa.vars {
		if v.index != vaUnanalyzed {
			fa.allocated++
		}
	}
	fa.entry = &vaBlock{}
	fa.exit = &vaBlock{unreachable: true}
	for _, prm := range m.Params {
		n, ok := localName(prm.Name)
		if !ok {
			continue
		}
		v := fa.vars[n]
		v.assigned = true
		typ := ""
		for _, a := range prm.Attrs {
			if a.Attr == nil {
				typ = normType(a.Type)
				break
			}
		}
		if typ == "" {
			typ = "object"
		}
		fa.entry.items = append(fa.entry.items, vaItem{target: n, conv: typ})
	}
	fa.cur = fa.entry
	if m.Body != nil && m.Body.List != nil {
		fa.statements(m.Body.List.Stmts)
	}
	fa.cur.flowsTo(fa.exit)
	fa.finish()
	allReturn = true
	for _, b := range fa.exit.pred {
		if !(b.returns || b.throws || b.unreachable) {
			allReturn = false
		}
	}
	for _, r := range fa.reads {
		if r.tuple != vaForceDynamic || r.assigned {
			continue
		}
		// $global: and $script: variables, and drive paths ($env:),
		// are not locals
		scope, rest := varScope(r.name)
		if _, local := localName(r.name); !local {
			continue
		}
		if scope == "" && classMethodVariable(rest) {
			continue
		}
		switch strings.ToLower(rest) {
		case "true", "false", "null":
			continue
		}
		notLocal = append(notLocal, r)
	}
	return allReturn, notLocal
}

// classMethodVariable reports the variables a method may read though it
// does not assign them (SpecialVariables s_classMethodsAccessibleVariables).
func classMethodVariable(name string) bool {
	switch strings.ToLower(name) {
	case "lastexitcode", "error", "stacktrace", "outputencoding", "nestedpromptlevel", "pwd", "matches", "psapplicationoutputencoding":
		return true
	}
	return false
}

func (fa *flowAnalysis) note(name string, index int, typ string, automatic bool) {
	if _, ok := fa.vars[name]; ok {
		return
	}
	fa.vars[name] = &vaVar{name: name, bit: fa.nvars, index: index, typ: typ, automatic: automatic}
	fa.nvars++
}

// findAll notes every local variable of the method body (not of nested
// script blocks, functions or traps) and whether anything in it keeps
// PowerShell from using local slots (FindAllVariablesVisitor).
func (fa *flowAnalysis) findAll(body *StatementBlock) {
	Walk(body, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockExpr, *FunctionDefinition, *TrapStatement, *ClassDefinition:
			return false
		case *VarExpr:
			fa.noteUse(x.Name)
		case *Splat:
			fa.noteUse(x.Name)
		case *ExpandString:
			for _, p := range x.Parts {
				if p.Var != "" {
					fa.noteUse(p.Var)
				}
			}
		case *CompoundArg:
			for _, p := range x.Parts {
				if p.Var != "" {
					fa.noteUse(p.Var)
				}
			}
		case *ForeachStatement:
			fa.noteUse(x.Var)
			fa.note("foreach", vaUnanalyzed, "ienumerator", false)
		case *SwitchStatement:
			fa.note("switch", vaUnanalyzed, "ienumerator", false)
		case *DataStatement:
			if x.Variable != "" {
				fa.noteUse(x.Variable)
			}
		case *Command:
			if x.Call == "." {
				fa.disableOpt = true
			}
			if isPessimizingCommand(x.Name) {
				fa.disableOpt = true
			}
		}
		return true
	})
}

func (fa *flowAnalysis) noteUse(name string) {
	if scope, _ := varScope(name); scope == "private" {
		fa.disableOpt = true
	}
	if n, ok := localName(name); ok {
		fa.note(n, vaUnanalyzed, "", false)
	}
}

func (fa *flowAnalysis) statements(list []Statement) {
	for _, s := range list {
		fa.statement(s, "")
	}
}

func (fa *flowAnalysis) block(b *StatementBlock) {
	if b != nil && b.List != nil {
		fa.statements(b.List.Stmts)
	}
}

func (fa *flowAnalysis) list(l *StatementList) {
	if l != nil {
		fa.statements(l.Stmts)
	}
}

func (fa *flowAnalysis) statement(s Statement, label string) {
	if s == nil || isNilPointer(s) {
		return
	}
	switch s := s.(type) {
	case *PipelineStatement:
		fa.pipelineStatement(s)
	case *IfStatement:
		fa.ifStatement(s)
	case *LabeledStatement:
		fa.statement(s.Loop, s.Label)
	case *ForeachStatement:
		fa.foreachStatement(s, label)
	case *ForStatement:
		if s.Init != nil {
			fa.pipelineStatement(s.Init)
		}
		var cond func()
		if s.Cond != nil {
			cond = func() { fa.pipelineStatement(s.Cond) }
		}
		var iter func()
		if s.Iter != nil {
			iter = func() { fa.pipelineStatement(s.Iter) }
		}
		fa.whileLoop(label, cond, func() { fa.block(s.Body) }, iter)
	case *WhileStatement:
		fa.whileLoop(label, func() { fa.pipelineStatement(s.Cond) }, func() { fa.block(s.Body) }, nil)
	case *DoStatement:
		fa.doLoop(s, label)
	case *SwitchStatement:
		fa.switchStatement(s, label)
	case *TryStatement:
		fa.tryStatement(s)
	case *FlowStatement:
		if s.Value != nil {
			fa.pipelineStatement(s.Value)
		}
		fa.cur.flowsTo(fa.exit)
		last := fa.cur
		fa.cur = &vaBlock{unreachable: true}
		if s.Kind == "return" {
			last.returns = true
		} else {
			last.throws = true
		}
	case *BreakStatement:
		fa.breakOrContinue(s)
	case *DataStatement:
		fa.block(s.Body)
		if s.Variable != "" {
			if n, ok := localName(s.Variable); ok {
				fa.cur.items = append(fa.cur.items, vaItem{target: n, conv: "object"})
			}
		}
	}
}

func (fa *flowAnalysis) ifStatement(s *IfStatement) {
	after := &vaBlock{unreachable: true}
	if s.Else == nil {
		fa.cur.flowsTo(after)
	}
	type clause struct {
		cond *PipelineStatement
		then *StatementBlock
	}
	clauses := []clause{{s.Cond, s.Then}}
	for _, ei := range s.ElseIf {
		clauses = append(clauses, clause{ei.Cond, ei.Then})
	}
	for i, cl := range clauses {
		last := i == len(clauses)-1 && s.Else == nil
		body := &vaBlock{unreachable: true}
		next := after
		if !last {
			next = &vaBlock{unreachable: true}
		}
		if cl.cond != nil {
			fa.pipelineStatement(cl.cond)
		}
		fa.cur.flowsTo(body)
		fa.cur.flowsTo(next)
		fa.cur = body
		fa.block(cl.then)
		fa.cur.flowsTo(after)
		fa.cur = next
	}
	if s.Else != nil {
		fa.block(s.Else)
		fa.cur.flowsTo(after)
	}
	fa.cur = after
}

// whileLoop models a loop as VariableAnalysis.cs GenerateWhileLoop does.
func (fa *flowAnalysis) whileLoop(label string, cond, body, cont func()) {
	contBlock := &vaBlock{unreachable: true}
	if cont != nil {
		afterCont := &vaBlock{unreachable: true}
		fa.cur.flowsTo(afterCont)
		fa.cur = contBlock
		cont()
		fa.cur.flowsTo(afterCont)
		fa.cur = afterCont
	} else {
		fa.cur.flowsTo(contBlock)
		fa.cur = contBlock
	}
	bodyBlock := &vaBlock{unreachable: true}
	breakBlock := &vaBlock{unreachable: true}
	if cond != nil {
		cond()
		fa.cur.flowsTo(breakBlock)
	}
	fa.loops = append(fa.loops, vaLoop{label: label, breakT: breakBlock, contT: contBlock})
	fa.cur.flowsTo(bodyBlock)
	fa.cur = bodyBlock
	body()
	fa.cur.flowsTo(contBlock)
	fa.cur = breakBlock
	fa.loops = fa.loops[:len(fa.loops)-1]
}

func (fa *flowAnalysis) doLoop(s *DoStatement, label string) {
	contBlock := &vaBlock{unreachable: true}
	bodyBlock := &vaBlock{unreachable: true}
	breakBlock := &vaBlock{unreachable: true}
	repeat := &vaBlock{unreachable: true}
	fa.loops = append(fa.loops, vaLoop{label: label, breakT: breakBlock, contT: contBlock})
	fa.cur.flowsTo(bodyBlock)
	fa.cur = bodyBlock
	fa.block(s.Body)
	fa.cur.flowsTo(contBlock)
	fa.cur = contBlock
	if s.Cond != nil {
		fa.pipelineStatement(s.Cond)
	}
	fa.cur.flowsTo(breakBlock)
	fa.cur.flowsTo(repeat)
	fa.cur = repeat
	fa.cur.flowsTo(bodyBlock)
	fa.cur = breakBlock
	fa.loops = fa.loops[:len(fa.loops)-1]
}

func (fa *flowAnalysis) foreachStatement(s *ForeachStatement, label string) {
	if d := fa.vars["foreach"]; d != nil && d.index == vaUnanalyzed && !fa.disableOpt {
		d.index = fa.allocated
		fa.allocated++
	}
	afterFor := &vaBlock{unreachable: true}
	cond := func() {
		if s.In != nil {
			fa.pipelineStatement(s.In)
		}
		fa.cur.flowsTo(afterFor)
		fa.cur.items = append(fa.cur.items, vaItem{target: "foreach", conv: "ienumerator"})
		if n, ok := localName(s.Var); ok {
			r := &vaRef{at: s.VarAt, end: s.VarEnd, name: s.Var, tuple: vaUnanalyzed}
			fa.cur.items = append(fa.cur.items, vaItem{target: n, targRef: r})
		}
	}
	fa.whileLoop(label, cond, func() { fa.block(s.Body) }, nil)
	fa.cur.flowsTo(afterFor)
	fa.cur = afterFor
}

func (fa *flowAnalysis) switchStatement(s *SwitchStatement, label string) {
	if d := fa.vars["switch"]; d != nil && d.index == vaUnanalyzed && !fa.disableOpt {
		d.index = fa.allocated
		fa.allocated++
	}
	cond := func() {
		if s.Value != nil {
			fa.pipelineStatement(s.Value)
		}
		if s.File != nil {
			fa.unary(s.File)
		}
		fa.cur.items = append(fa.cur.items, vaItem{target: "switch", conv: "ienumerator"})
	}
	body := func() {
		var def *SwitchClause
		var clauses []*SwitchClause
		for _, cl := range s.Clauses {
			if isDefaultClause(cl) {
				def = cl
				continue
			}
			clauses = append(clauses, cl)
		}
		after := &vaBlock{unreachable: true}
		for i, cl := range clauses {
			clauseBlock := &vaBlock{unreachable: true}
			last := i == len(clauses)-1 && def == nil
			next := after
			if !last {
				next = &vaBlock{unreachable: true}
			}
			if cl.Cond != nil {
				fa.unary(cl.Cond)
			}
			fa.cur.flowsTo(next)
			fa.cur.flowsTo(clauseBlock)
			fa.cur = clauseBlock
			fa.block(cl.Action)
			if !last {
				fa.cur.flowsTo(next)
				fa.cur = next
			}
		}
		if def != nil {
			fa.cur.flowsTo(after)
			fa.block(def.Action)
		}
		fa.cur.flowsTo(after)
		fa.cur = after
	}
	fa.whileLoop(label, cond, body, nil)
}

// isDefaultClause reports a switch clause whose pattern is the bare word
// default.
func isDefaultClause(cl *SwitchClause) bool {
	if cl.Cond == nil || len(cl.Cond.Prefix) > 0 || len(cl.Cond.Post) > 0 {
		return false
	}
	bw, ok := cl.Cond.Primary.(*BareWord)
	return ok && strings.EqualFold(bw.Value, "default")
}

func (fa *flowAnalysis) tryStatement(s *TryStatement) {
	before := fa.cur
	fa.cur = &vaBlock{unreachable: true}
	before.flowsTo(fa.cur)
	fa.block(s.Body)
	lastInTry := fa.cur
	var finallyFirst *vaBlock
	if s.Finally != nil {
		finallyFirst = &vaBlock{unreachable: true}
	}
	afterTry := &vaBlock{unreachable: true}
	catchAll := false
	for _, cc := range s.Catches {
		if len(cc.Types) == 0 {
			catchAll = true
		}
		fa.cur = &vaBlock{unreachable: true}
		before.flowsTo(fa.cur)
		fa.block(cc.Body)
		if finallyFirst != nil {
			fa.cur.flowsTo(finallyFirst)
		} else {
			fa.cur.flowsTo(afterTry)
		}
	}
	if finallyFirst != nil {
		lastInTry.flowsTo(finallyFirst)
		fa.cur = finallyFirst
		fa.block(s.Finally)
		fa.cur.flowsTo(afterTry)
		finallyLast := fa.cur
		if !catchAll {
			before.flowsTo(finallyFirst)
			rethrow := &vaBlock{unreachable: true}
			finallyLast.flowsTo(rethrow)
			rethrow.throws = true
			rethrow.flowsTo(fa.exit)
		}
		finallyLast.flowsTo(afterTry)
	} else {
		lastInTry.flowsTo(afterTry)
	}
	fa.cur = afterTry
}

func (fa *flowAnalysis) breakOrContinue(s *BreakStatement) {
	var target *vaBlock
	pick := func(l vaLoop) *vaBlock {
		if s.Kind == "continue" {
			return l.contT
		}
		return l.breakT
	}
	switch {
	case s.LabelExpr != nil:
		fa.unary(s.LabelExpr)
	case s.Label != "":
		for _, l := range fa.loops {
			if strings.EqualFold(l.label, s.Label) {
				target = pick(l)
			}
		}
	case len(fa.loops) > 0:
		target = pick(fa.loops[len(fa.loops)-1])
	}
	if target == nil {
		fa.cur.flowsTo(fa.exit)
		fa.cur.throws = true
	} else {
		fa.cur.flowsTo(target)
	}
	fa.cur = &vaBlock{unreachable: true}
}

// pipelineStatement visits a pipeline or an assignment; a chain of
// pipelines (&&, ||) is not analyzed, as PowerShell's analysis does not
// look into one.
func (fa *flowAnalysis) pipelineStatement(s *PipelineStatement) {
	if s == nil || len(s.Chain) > 0 {
		return
	}
	if s.Op != "" {
		fa.assignment(s)
		return
	}
	fa.pipeline(s.Left)
}

func (fa *flowAnalysis) pipeline(p *Pipeline) {
	if p == nil {
		return
	}
	command := false
	for _, el := range p.Elems {
		switch el := el.(type) {
		case *Command:
			command = true
			if el.Target != nil {
				fa.unary(el.Target)
			}
			for _, ce := range el.Elements {
				switch ce := ce.(type) {
				case *CommandParameter:
					if ce.Arg != nil {
						fa.unary(ce.Arg)
					}
				case *CommandArgument:
					fa.expr(ce.Expr)
				case *Splat:
					fa.read(ce.Name, ce.Pos.Offset, ce.End)
				case *Redirection:
					if ce.Target != nil {
						fa.unary(ce.Target)
					}
				}
			}
		case *CommandExpression:
			fa.expr(el.Expr)
			for _, r := range el.Redirs {
				if r.Target != nil {
					fa.unary(r.Target)
				}
			}
		}
	}
	if command && len(fa.loops) > 0 {
		for _, l := range fa.loops {
			fa.cur.flowsTo(l.breakT)
			fa.cur.flowsTo(l.contT)
		}
		next := &vaBlock{unreachable: true}
		fa.cur.flowsTo(next)
		fa.cur = next
	}
}

func (fa *flowAnalysis) assignment(s *PipelineStatement) {
	fa.statement(s.Right, "")
	if s.Left == nil || len(s.Left.Elems) != 1 {
		return
	}
	ce, ok := s.Left.Elems[0].(*CommandExpression)
	if !ok || ce.Expr == nil {
		return
	}
	for _, t := range assignmentTargets(exprTree(ce.Expr)) {
		u, ok := t.(*Unary)
		if !ok {
			fa.node(t)
			continue
		}
		converts, attrs := 0, false
		conv := ""
		inner := u
		for len(inner.Prefix) == 0 && len(inner.Post) == 0 {
			te, ok := inner.Primary.(*TypeExpr)
			if !ok || te.Operand == nil {
				break
			}
			if len(te.Attrs) > 0 {
				attrs = true
				converts += len(te.Attrs)
			}
			if te.TypeAt >= 0 {
				converts++
				conv = normType(te.Name)
			}
			inner = te.Operand
		}
		v, isVar := inner.Primary.(*VarExpr)
		if !isVar || len(inner.Prefix) > 0 || len(inner.Post) > 0 {
			fa.unary(u)
			continue
		}
		n, local := localName(v.Name)
		if attrs || converts > 1 {
			if local {
				if d := fa.vars[n]; d != nil {
					d.index = vaForceDynamic
				}
			}
			continue
		}
		r := &vaRef{at: v.Pos.Offset, end: v.End, name: v.Name, tuple: vaUnanalyzed}
		if !local {
			r.tuple = vaForceDynamic
			continue
		}
		fa.cur.items = append(fa.cur.items, vaItem{target: n, conv: conv, targRef: r})
	}
}

// assignmentTargets returns what an assignment assigns to: each item of
// an array, through parentheses.
func assignmentTargets(n Node) []Node {
	switch x := n.(type) {
	case *ArrayLiteral:
		var out []Node
		for _, it := range x.Items {
			out = append(out, assignmentTargets(it)...)
		}
		return out
	case *Unary:
		if len(x.Prefix) == 0 && len(x.Post) == 0 {
			if pe, ok := x.Primary.(*ParenExpr); ok {
				if inner := pureExpr(pe.Stmt); inner != nil {
					return assignmentTargets(exprTree(inner))
				}
			}
		}
	}
	return []Node{n}
}

func (fa *flowAnalysis) expr(e *Expr) {
	if e == nil {
		return
	}
	fa.node(exprTree(e))
}

func (fa *flowAnalysis) node(n Node) {
	switch x := n.(type) {
	case *Unary:
		fa.unary(x)
	case *ArrayLiteral:
		for _, it := range x.Items {
			fa.node(it)
		}
	case *BinaryExpr:
		op := strings.ToLower(x.Op)
		if op == "-and" || op == "-or" {
			fa.node(x.Left)
			target := &vaBlock{unreachable: true}
			next := &vaBlock{unreachable: true}
			fa.cur.flowsTo(target)
			fa.cur.flowsTo(next)
			fa.cur = next
			fa.node(x.Right)
			fa.cur.flowsTo(target)
			fa.cur = target
			return
		}
		fa.node(x.Left)
		fa.node(x.Right)
	case *TernaryExpr:
		ifTrue := &vaBlock{unreachable: true}
		ifFalse := &vaBlock{unreachable: true}
		after := &vaBlock{unreachable: true}
		fa.node(x.Cond)
		fa.cur.flowsTo(ifTrue)
		fa.cur.flowsTo(ifFalse)
		fa.cur = ifTrue
		fa.node(x.Then)
		fa.cur.flowsTo(after)
		fa.cur = ifFalse
		fa.node(x.Else)
		fa.cur.flowsTo(after)
		fa.cur = after
	}
}

func (fa *flowAnalysis) unary(u *Unary) {
	if u == nil {
		return
	}
	fa.primary(u.Primary)
	for _, p := range u.Post {
		if p.DynVar != "" {
			fa.read(p.DynVar, p.MemberAt, p.MemberEnd)
		}
		if p.DynExp != nil {
			fa.primary(p.DynExp)
		}
		if p.DynExpr != nil {
			fa.primary(p.DynExpr)
		}
		if p.DynSub != nil {
			fa.primary(p.DynSub)
		}
		for _, a := range p.Args {
			fa.expr(a)
		}
		if p.Index != nil {
			fa.expr(p.Index)
		}
	}
}

func (fa *flowAnalysis) primary(p Primary) {
	if p == nil || isNilPointer(p) {
		return
	}
	switch x := p.(type) {
	case *VarExpr:
		fa.read(x.Name, x.Pos.Offset, x.End)
	case *ParenExpr:
		fa.pipelineStatement(x.Stmt)
	case *SubExpr:
		fa.list(x.List)
	case *ArrayExpr:
		fa.list(x.List)
	case *HashLiteral:
		for _, e := range x.Entries {
			fa.unary(e.Key)
			fa.statement(e.Value, "")
		}
	case *TypeExpr:
		if x.Operand != nil {
			fa.unary(x.Operand)
		}
	case *ExpandString:
		for _, part := range x.Parts {
			switch {
			case part.Var != "":
				fa.read(part.Var, part.Pos.Offset, part.End)
			case part.Sub != nil:
				fa.list(part.Sub)
			}
		}
	case *CompoundArg:
		for _, part := range x.Parts {
			switch {
			case part.Var != "":
				fa.read(part.Var, part.Pos.Offset, part.End)
			case part.Exp != nil:
				fa.primary(part.Exp)
			case part.Sub != nil:
				fa.list(part.Sub)
			}
		}
	}
}

// read records a use of a variable (VariableAnalysis VisitVariableExpression).
func (fa *flowAnalysis) read(name string, at, end int) {
	r := &vaRef{at: at, end: end, name: name, tuple: vaUnanalyzed}
	fa.reads = append(fa.reads, r)
	n, ok := localName(name)
	if !ok {
		r.tuple = vaForceDynamic
		return
	}
	d := fa.vars[n]
	if d == nil {
		fa.note(n, vaUnanalyzed, "", false)
		d = fa.vars[n]
	}
	if d.index != vaUnanalyzed {
		r.tuple = d.index
	} else {
		fa.cur.items = append(fa.cur.items, vaItem{ref: r})
	}
	d.refs = append(d.refs, r)
}

// finish runs the data flow over the blocks in reverse depth-first order
// (VariableAnalysis.cs FinishAnalysis).
func (fa *flowAnalysis) finish() {
	var order []*vaBlock
	var visit func(b *vaBlock)
	visit = func(b *vaBlock) {
		if b.order {
			return
		}
		b.order = true
		for _, s := range b.succ {
			visit(s)
		}
		order = append(order, b)
	}
	visit(fa.entry)
	for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
		order[i], order[j] = order[j], order[i]
	}
	for i, b := range order {
		bits := make([]bool, fa.nvars)
		if i > 0 {
			for k := range bits {
				bits[k] = true
			}
			for _, p := range b.pred {
				if p.visited {
					for k := range bits {
						bits[k] = bits[k] && k < len(p.visit) && p.visit[k]
					}
				}
			}
		}
		b.visit = bits
		b.visited = true
		fa.analyzeBlock(bits, b)
	}
	for _, d := range fa.vars {
		if d.index != vaForceDynamic {
			continue
		}
		for _, r := range d.refs {
			r.tuple = vaForceDynamic
			if d.assigned {
				r.assigned = true
			}
		}
	}
}

func (fa *flowAnalysis) analyzeBlock(bits []bool, b *vaBlock) {
	for _, it := range b.items {
		if it.ref != nil {
			n, _ := localName(it.ref.name)
			d := fa.vars[n]
			switch {
			case d.automatic:
				it.ref.tuple = d.index
			case d.bit < len(bits) && bits[d.bit]:
				it.ref.tuple = d.index
			default:
				it.ref.tuple = vaForceDynamic
			}
			continue
		}
		d := fa.assignVar(it.target, bits, it.conv)
		if it.targRef != nil {
			d.refs = append(d.refs, it.targRef)
			d.assigned = true
			it.targRef.tuple = d.index
		}
	}
}

// assignVar is VariableAnalysis.cs CheckLHSAssignVar.
func (fa *flowAnalysis) assignVar(name string, bits []bool, conv string) *vaVar {
	d := fa.vars[name]
	if d == nil {
		fa.note(name, vaUnanalyzed, "", false)
		d = fa.vars[name]
		bits = append(bits, false)
	}
	if d.index == vaUnanalyzed {
		if fa.disableOpt || isAllScopeVariable(name) {
			d.index = vaForceDynamic
		} else {
			d.index = fa.allocated
			fa.allocated++
		}
	}
	if d.typ == "" {
		d.typ = conv
		if d.typ == "" {
			d.typ = "object"
		}
	} else {
		if d.bit < len(bits) && !bits[d.bit] && conv == "" {
			conv = "object"
		}
		if conv != "" && conv != d.typ {
			if d.automatic {
				d.typ = "object"
			} else {
				d.index = vaForceDynamic
			}
		}
	}
	if d.bit < len(bits) {
		bits[d.bit] = true
	}
	return d
}

// normType returns a type name in one spelling for comparing types: lower
// case, without a leading "System." and with accelerators for the types
// they stand for.
func normType(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "system.")
	switch n {
	case "int", "int32":
		return "int32"
	case "long", "int64":
		return "int64"
	case "short", "int16":
		return "int16"
	case "uint", "uint32":
		return "uint32"
	case "ulong", "uint64":
		return "uint64"
	case "ushort", "uint16":
		return "uint16"
	case "bool", "boolean":
		return "boolean"
	case "float", "single":
		return "single"
	case "psobject", "management.automation.psobject":
		return "psobject"
	case "hashtable", "collections.hashtable":
		return "hashtable"
	}
	return n
}
