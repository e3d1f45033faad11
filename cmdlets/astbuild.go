package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// The nodes of the parser API are made from csemu's tree: each langAst
// holds a csemu node, or one of the views below where one csemu node
// stands for several of PowerShell's (a unary with its prefix operators
// and member accesses, a cast with its attributes, a pipeline chain).

// unnamedBlock is the end block of a script block written without named
// blocks.
type unnamedBlock struct{ body *parser.ScriptBlockBody }

// unaryView is the operand u with its prefix operators from index pre on
// and its postfix operations up to (not including) index post.
type unaryView struct {
	u         *parser.Unary
	pre, post int
}

// typeView is a cast or type literal with its attributes from index attr
// on.
type typeView struct {
	te   *parser.TypeExpr
	attr int
}

// chainView is the first k+1 pipelines of a pipeline chain.
type chainView struct {
	ps *parser.PipelineStatement
	k  int
}

// typeRef is a type literal over [start, end): a TypeConstraintAst.
type typeRef struct {
	name       string
	start, end int
}

// labeled is a loop and the label before it.
type labeled struct {
	label *parser.LabeledStatement
	loop  parser.Statement
}

// constNode is a constant with no node of its own (the $true of an
// attribute argument written without a value).
type constNode struct{ v any }

// nestedVar is a variable of an expandable string.
type nestedVar struct{ name string }

// add makes a child node of a.
func (a *langAst) add(kind string, node any, start, end int) *langAst {
	c := &langAst{kind: kind, tree: a.tree, parent: a, start: start, end: end, node: node}
	a.kids = append(a.kids, c)
	return c
}

// set records property name (lower-case) of a.
func (a *langAst) set(name string, v any) { a.props[name] = v }

// nodes returns the nodes as a read-only collection of elem.
func nodes(elem string, ns []*langAst) *value.Array {
	items := make([]any, len(ns))
	for i, n := range ns {
		items[i] = n
	}
	return &value.Array{Items: items, Elem: value.LanguageNS + elem}
}

// orNil returns n, or a nil interface for a nil node.
func orNil(n *langAst) any {
	if n == nil {
		return nil
	}
	return n
}

// tokenKind returns the TokenKind value of a name.
func tokenKind(name string) *enumValue {
	return &enumValue{typ: value.LanguageNS + "TokenKind", name: name, n: tokenKindValue(name)}
}

// sysType returns a System.Type value.
func sysType(name string) *value.Type { return &value.Type{Name: name} }

// newRootAst returns the ScriptBlockAst of a parsed script.
func newRootAst(t *astTree, body *parser.ScriptBlockBody) *langAst {
	a := &langAst{kind: "ScriptBlockAst", tree: t, node: body, start: 0, end: len(t.src)}
	if body.Open >= 0 {
		a.start, a.end = body.Open, body.End
	}
	return a
}

// expand makes the node's properties and children.
func (a *langAst) expand() {
	if a.expanded {
		return
	}
	a.expanded = true
	a.props = map[string]any{}
	switch n := a.node.(type) {
	case *parser.ScriptBlockBody:
		a.expandScriptBlock(n)
	case *parser.NamedBlock:
		a.set("blockkind", tokenKind(blockKind(n.Name)))
		a.set("unnamed", false)
		a.statementList(n.Body.List)
	case unnamedBlock:
		a.set("blockkind", tokenKind("End"))
		a.set("unnamed", true)
		a.statementList(n.body.Stmts)
	case *parser.StatementBlock:
		a.statementList(n.List)
	case *parser.StatementList:
		a.statementList(n)
	case *parser.ParamBlock:
		var attrs, params []*langAst
		for _, at := range n.Attrs {
			attrs = append(attrs, a.add("AttributeAst", at, at.Pos.Offset, at.End))
		}
		for _, p := range n.Params {
			params = append(params, a.add("ParameterAst", p, p.Pos.Offset, p.End))
		}
		a.set("attributes", nodes("AttributeAst", attrs))
		a.set("parameters", nodes("ParameterAst", params))
	case *parser.Parameter:
		a.expandParameter(n)
	case *parser.Attribute:
		a.expandAttribute(n)
	case *parser.AttrArg:
		a.set("argumentname", n.Name)
		a.set("expressionomitted", n.Value == nil)
		if n.Value == nil {
			a.set("argument", a.add("ConstantExpressionAst", constNode{true}, a.start, a.end))
		} else {
			a.set("argument", a.expr(n.Value))
		}
	case typeRef:
		a.set("typename", newTypeName(a.tree, n.name, n.start, n.end))
	case constNode:
		a.set("value", n.v)
		a.set("statictype", sysType(value.TypeName(n.v)))
	case labeled:
		a.expandStatement(n.loop, n.label)
	case chainView:
		a.expandChain(n)
	case *parser.Pipeline:
		a.expandPipeline(n, false)
	case *parser.Command:
		a.expandCommand(n)
	case *parser.CommandExpression:
		a.set("expression", a.expr(n.Expr))
		a.redirections(n.Redirs)
	case *parser.CommandParameter:
		a.set("parametername", n.Name)
		a.set("errorposition", &astExtent{t: a.tree, start: n.Pos.Offset, end: n.NameEnd})
		if n.Arg != nil {
			a.set("argument", a.argument(n.Arg))
		} else {
			a.set("argument", nil)
		}
	case *parser.Redirection:
		a.expandRedirection(n)
	case *parser.CatchClause:
		var types []*langAst
		for i, ty := range n.Types {
			types = append(types, a.add("TypeConstraintAst", typeRef{ty, n.TypeSpans[i][0], n.TypeSpans[i][1]}, n.TypeSpans[i][0], n.TypeSpans[i][1]))
		}
		a.set("catchtypes", nodes("TypeConstraintAst", types))
		a.set("body", a.add("StatementBlockAst", n.Body, n.Body.Pos.Offset, n.Body.End))
		a.set("iscatchall", len(n.Types) == 0)
	case *parser.ClassMember:
		a.expandClassMember(n)
	case *parser.EnumMember:
		a.set("name", n.Name)
		a.set("attributes", nodes("AttributeAst", nil))
		a.set("propertytype", nil)
		a.set("initialvalue", nil)
		if n.Value != nil {
			a.set("initialvalue", a.expr(n.Value))
		}
		a.set("isstatic", true)
		a.set("ishidden", false)
		a.set("ispublic", true)
		a.set("isprivate", false)
	case *parser.Splat:
		a.expandVariable(n.Name, true)
	case parser.Statement:
		a.expandStatement(n, nil)
	case unaryView:
		a.expandUnary(n)
	case typeView:
		a.expandType(n)
	case *parser.BinaryExpr:
		a.set("left", a.expr(n.Left))
		a.set("operator", tokenKind(binaryKind(n.Op)))
		a.set("right", a.expr(n.Right))
		a.set("errorposition", &astExtent{t: a.tree, start: n.OpAt, end: n.OpEnd})
		a.set("statictype", sysType(binaryStaticType(n.Op)))
	case *parser.ArrayLiteral:
		var els []*langAst
		for _, it := range n.Items {
			els = append(els, a.expr(it))
		}
		a.set("elements", nodes("ExpressionAst", els))
		a.set("statictype", sysType("System.Object[]"))
	case *parser.TernaryExpr:
		if n.NoColon {
			// the condition and what did parse after the '?'
			nested := []*langAst{a.expr(n.Cond)}
			if !isErrorOperand(n.Then) {
				nested = append(nested, a.expr(n.Then))
			}
			a.set("nestedast", nodes("Ast", nested))
			a.set("statictype", sysType(value.TObject))
			break
		}
		a.set("condition", a.expr(n.Cond))
		a.set("iftrue", a.expr(n.Then))
		a.set("iffalse", a.expr(n.Else))
		a.set("statictype", sysType(value.TObject))
	case parser.Primary:
		a.expandPrimary(n)
	case nestedVar:
		a.expandVariable(n.name, false)
	}
}

// blockKind returns the TokenKind of a named block.
func blockKind(name string) string {
	switch name {
	case "begin":
		return "Begin"
	case "process":
		return "Process"
	case "clean":
		return "Clean"
	case "dynamicparam":
		return "Dynamicparam"
	}
	return "End"
}

func (a *langAst) expandScriptBlock(b *parser.ScriptBlockBody) {
	var usings []*langAst
	for _, u := range b.Usings {
		usings = append(usings, a.add("UsingStatementAst", u, u.Pos.Offset, u.End))
	}
	a.set("usingstatements", nodes("UsingStatementAst", usings))
	a.set("attributes", nodes("AttributeAst", nil))
	a.set("paramblock", nil)
	if b.Param != nil {
		a.set("paramblock", a.add("ParamBlockAst", b.Param, b.Param.Pos.Offset, b.Param.End))
	}
	for _, k := range []string{"begin", "process", "end", "clean", "dynamicparam"} {
		a.set(blockProp(k), nil)
	}
	// the blocks in PowerShell's order: dynamicparam, begin, process,
	// end, clean
	if len(b.Named) > 0 {
		for _, k := range []string{"dynamicparam", "begin", "process", "end", "clean"} {
			for _, nb := range b.Named {
				if nb.Name == k {
					a.set(blockProp(k), a.add("NamedBlockAst", nb, nb.Pos.Offset, nb.End))
				}
			}
		}
	} else {
		start, end := 0, 0
		if b.Stmts != nil && len(b.Stmts.Stmts) > 0 {
			start, end = parser.StatementPos(b.Stmts.Stmts[0]).Offset, b.Stmts.End
		}
		if b.Param != nil {
			start = b.Param.Pos.Offset
			end = max(end, b.Param.End)
		}
		a.set("endblock", a.add("NamedBlockAst", unnamedBlock{b}, start, end))
	}
	// #requires is not read by csemu: what it would say is unknown
	if !strings.Contains(strings.ToLower(a.tree.src), "#requires") {
		a.set("scriptrequirements", nil)
	}
}

func blockProp(kind string) string {
	if kind == "dynamicparam" {
		return "dynamicparamblock"
	}
	return kind + "block"
}

// statementList makes the Statements and Traps of a block.
func (a *langAst) statementList(l *parser.StatementList) {
	var traps, stmts []*langAst
	if l != nil {
		for _, st := range l.Stmts {
			if _, ok := st.(*parser.TrapStatement); ok {
				traps = append(traps, a.statement(st))
			}
		}
		for _, st := range l.Stmts {
			if _, ok := st.(*parser.TrapStatement); !ok {
				stmts = append(stmts, a.statement(st))
			}
		}
	}
	a.set("statements", nodes("StatementAst", stmts))
	a.set("traps", nodes("TrapStatementAst", traps))
}

// statement makes the node of a statement.
func (a *langAst) statement(st parser.Statement) *langAst {
	start, end := parser.StatementPos(st).Offset, parser.StatementEndOffset(st)
	switch st := st.(type) {
	case *parser.PipelineStatement:
		switch {
		case st.Op != "":
			return a.add("AssignmentStatementAst", st, start, end)
		case len(st.Chain) > 0:
			return a.add("PipelineChainAst", chainView{st, len(st.Chain)}, start, end)
		}
		return a.add("PipelineAst", st, start, st.Left.End)
	case *parser.LabeledStatement:
		return a.add(statementKind(st.Loop), labeled{st, st.Loop}, start, end)
	}
	return a.add(statementKind(st), st, start, end)
}

// statementKind returns the node type of a statement.
func statementKind(st parser.Statement) string {
	switch st := st.(type) {
	case *parser.IfStatement:
		return "IfStatementAst"
	case *parser.ForeachStatement:
		return "ForEachStatementAst"
	case *parser.ForStatement:
		return "ForStatementAst"
	case *parser.WhileStatement:
		return "WhileStatementAst"
	case *parser.DoStatement:
		if st.Kind == "until" {
			return "DoUntilStatementAst"
		}
		return "DoWhileStatementAst"
	case *parser.SwitchStatement:
		return "SwitchStatementAst"
	case *parser.TryStatement:
		return "TryStatementAst"
	case *parser.TrapStatement:
		return "TrapStatementAst"
	case *parser.FlowStatement:
		switch st.Kind {
		case "throw":
			return "ThrowStatementAst"
		case "exit":
			return "ExitStatementAst"
		}
		return "ReturnStatementAst"
	case *parser.BreakStatement:
		if st.Kind == "continue" {
			return "ContinueStatementAst"
		}
		return "BreakStatementAst"
	case *parser.FunctionDefinition:
		return "FunctionDefinitionAst"
	case *parser.ClassDefinition, *parser.EnumDefinition:
		return "TypeDefinitionAst"
	case *parser.UsingStatement:
		return "UsingStatementAst"
	case *parser.ErrorStatement:
		return "ErrorStatementAst"
	case *parser.DataStatement:
		return "DataStatementAst"
	case *parser.ConfigurationDefinition:
		return "ConfigurationDefinitionAst"
	case *parser.DynamicKeywordStatement:
		return "DynamicKeywordStatementAst"
	case *parser.PipelineStatement:
		return "PipelineAst"
	}
	return "StatementAst"
}

// pipelineBase makes the node of a pipeline statement used as a
// pipeline (a condition, a value): a pipeline, chain or assignment.
func (a *langAst) pipelineBase(ps *parser.PipelineStatement) any {
	if ps == nil {
		return nil
	}
	return a.statement(ps)
}

func (a *langAst) expandStatement(st parser.Statement, lbl *parser.LabeledStatement) {
	label := func() {
		if lbl != nil {
			a.set("label", lbl.Label)
		} else {
			a.set("label", nil)
		}
	}
	switch st := st.(type) {
	case *parser.PipelineStatement:
		if st.Op != "" {
			left := st.Left.Elems[0].(*parser.CommandExpression).Expr
			a.set("left", a.expr(left))
			a.set("operator", tokenKind(assignKind(st.Op)))
			a.set("right", a.statement(st.Right))
			opAt := a.tree.skipSpace(left.End)
			a.set("errorposition", &astExtent{t: a.tree, start: opAt, end: opAt + len(st.Op)})
			return
		}
		a.expandPipeline(st.Left, st.Background)
	case *parser.IfStatement:
		var clauses []any
		cl := func(c *parser.PipelineStatement, b *parser.StatementBlock) {
			cond := a.pipelineBase(c)
			body := a.add("StatementBlockAst", b, b.Pos.Offset, b.End)
			clauses = append(clauses, &astTuple{item1: cond, item2: body, t1: "PipelineBaseAst", t2: "StatementBlockAst"})
		}
		cl(st.Cond, st.Then)
		for _, e := range st.ElseIf {
			cl(e.Cond, e.Then)
		}
		a.set("clauses", &value.Array{Items: clauses})
		a.set("elseclause", nil)
		if st.Else != nil {
			a.set("elseclause", a.add("StatementBlockAst", st.Else, st.Else.Pos.Offset, st.Else.End))
		}
	case *parser.ForeachStatement:
		label()
		a.set("variable", a.add("VariableExpressionAst", nestedVar{st.Var}, st.VarAt, st.VarEnd))
		a.set("condition", a.pipelineBase(st.In))
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
		flags := "None"
		for _, f := range st.Flags {
			if strings.HasPrefix("parallel", strings.ToLower(f)) {
				flags = "Parallel"
			}
		}
		a.set("flags", &enumValue{typ: value.LanguageNS + "ForEachFlags", name: flags, n: map[bool]int{true: 1}[flags == "Parallel"]})
		a.set("throttlelimit", nil)
	case *parser.ForStatement:
		label()
		a.set("initializer", a.pipelineBase(st.Init))
		a.set("condition", a.pipelineBase(st.Cond))
		a.set("iterator", a.pipelineBase(st.Iter))
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
	case *parser.WhileStatement:
		label()
		a.set("condition", a.pipelineBase(st.Cond))
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
	case *parser.DoStatement:
		label()
		// PowerShell visits the condition first
		a.set("condition", a.pipelineBase(st.Cond))
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
	case *parser.SwitchStatement:
		a.expandSwitch(st, label)
	case *parser.TryStatement:
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
		var catches []*langAst
		for _, c := range st.Catches {
			catches = append(catches, a.add("CatchClauseAst", c, c.Pos.Offset, c.End))
		}
		a.set("catchclauses", nodes("CatchClauseAst", catches))
		a.set("finally", nil)
		if st.Finally != nil {
			a.set("finally", a.add("StatementBlockAst", st.Finally, st.Finally.Pos.Offset, st.Finally.End))
		}
	case *parser.TrapStatement:
		a.set("traptype", nil)
		if st.Type != "" {
			a.set("traptype", a.add("TypeConstraintAst", typeRef{st.Type, st.TypeAt, st.TypeEnd}, st.TypeAt, st.TypeEnd))
		}
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
	case *parser.FlowStatement:
		a.set("pipeline", a.pipelineBase(st.Value))
		if st.Kind == "throw" {
			a.set("isrethrow", st.Value == nil)
		}
	case *parser.BreakStatement:
		switch {
		case st.LabelExpr != nil:
			a.set("label", a.unary(st.LabelExpr))
		case st.Label != "":
			a.set("label", a.add("StringConstantExpressionAst", &parser.BareWord{Pos: st.Pos, End: a.end, Value: st.Label}, st.LabelAt, a.end))
		default:
			a.set("label", nil)
		}
	case *parser.FunctionDefinition:
		a.set("name", st.Name)
		a.set("isfilter", st.Kind == "filter")
		a.set("isworkflow", false)
		a.set("parameters", nil)
		if st.HasParens {
			var ps []*langAst
			for _, p := range st.Params {
				ps = append(ps, a.add("ParameterAst", p, p.Pos.Offset, p.End))
			}
			a.set("parameters", nodes("ParameterAst", ps))
		}
		a.set("body", a.add("ScriptBlockAst", st.Body, st.Body.Open, st.Body.End))
	case *parser.ClassDefinition, *parser.EnumDefinition:
		a.expandTypeDefinition(st)
	case *parser.UsingStatement:
		a.set("usingstatementkind", &enumValue{typ: value.LanguageNS + "UsingStatementKind", name: usingKind(st.Kind), n: usingKindValue(st.Kind)})
		a.set("name", a.add("StringConstantExpressionAst", &parser.StringLit{Pos: parser.Pos{Offset: st.NameAt}, End: st.NameEnd, Value: st.Name}, st.NameAt, st.NameEnd))
		a.set("alias", nil)
		if st.Alias != "" {
			a.set("alias", a.add("StringConstantExpressionAst", &parser.StringLit{Pos: parser.Pos{Offset: st.AliasAt}, End: st.AliasEnd, Value: st.Alias}, st.AliasAt, st.AliasEnd))
		}
		a.set("modulespecification", nil)
	case *parser.ErrorStatement:
		a.expandErrorStatement(st)
	case *parser.DataStatement:
		a.set("variable", nil)
		if st.Variable != "" {
			a.set("variable", st.Variable)
		}
		var cmds []*langAst
		for _, c := range st.Commands {
			cmds = append(cmds, a.unary(c))
		}
		a.set("commandsallowed", nodes("ExpressionAst", cmds))
		a.set("body", a.add("StatementBlockAst", st.Body, st.Body.Pos.Offset, st.Body.End))
	case *parser.ConfigurationDefinition:
		a.expandConfiguration(st)
	case *parser.DynamicKeywordStatement:
		a.expandDynamicKeyword(st)
	}
}

// expandErrorStatement makes a broken statement: a switch keeps its
// flags, condition and clauses apart (Flags, Conditions, Bodies), the
// others the parts that did parse (NestedAst). Empty parts are $null.
func (a *langAst) expandErrorStatement(st *parser.ErrorStatement) {
	list := func(xs []any) any {
		var ns []*langAst
		for _, x := range xs {
			if n := a.anyNode(x); n != nil {
				ns = append(ns, n)
			}
		}
		if len(ns) == 0 {
			return nil
		}
		return nodes("Ast", ns)
	}
	a.set("kind", nil)
	a.set("flags", nil)
	if st.Kind == "switch" {
		_, flags, _ := tokenKindInfo("Switch")
		a.set("kind", &apiToken{t: a.tree, kind: "Switch", start: st.KindAt, end: st.KindAt + len("switch"), flags: flags, class: "Token"})
		if len(st.Flags) > 0 {
			h := value.NewHashtable()
			for _, f := range st.Flags {
				tok := &apiToken{t: a.tree, kind: "Parameter", start: f.TokenAt, end: f.TokenEnd, class: "ParameterToken", name: f.Name}
				var v any
				if f.Value != nil {
					pos := f.Value.Pos
					v = a.add("PipelineAst", &parser.Pipeline{Pos: pos, End: f.Value.End, Elems: []parser.PipeElement{&parser.CommandExpression{
						Pos: pos, End: f.Value.End, Expr: &parser.Expr{Pos: pos, End: f.Value.End, First: f.Value, Tree: f.Value}}}}, pos.Offset, f.Value.End)
				}
				h.Set(f.Name, &astTuple{item1: tok, item2: v, t1: "Token", t2: "Ast"})
			}
			a.set("flags", h)
		}
	}
	a.set("conditions", list(st.Conditions))
	a.set("bodies", list(st.Bodies))
	a.set("nestedast", list(st.Nested))
}

// anyNode makes the node of a part of a broken statement.
func (a *langAst) anyNode(x any) *langAst {
	switch x := x.(type) {
	case parser.Statement:
		return a.statement(x)
	case *parser.StatementBlock:
		return a.add("StatementBlockAst", x, x.Pos.Offset, x.End)
	case *parser.Unary:
		return a.unary(x)
	case *parser.Expr:
		return a.expr(x)
	case *parser.VarExpr:
		return a.add("VariableExpressionAst", x, x.Pos.Offset, x.End)
	case *parser.Parameter:
		return a.add("ParameterAst", x, x.Pos.Offset, x.End)
	case *parser.CatchClause:
		return a.add("CatchClauseAst", x, x.Pos.Offset, x.End)
	case *parser.ParamAttr:
		return a.paramAttr(x)
	}
	return nil
}

func (a *langAst) expandSwitch(st *parser.SwitchStatement, label func()) {
	label()
	switch {
	case st.File != nil:
		a.set("condition", a.add("PipelineAst", &parser.Pipeline{Elems: []parser.PipeElement{&parser.CommandExpression{
			Pos: st.File.Pos, End: st.File.End, Expr: &parser.Expr{Pos: st.File.Pos, End: st.File.End, First: st.File, Tree: st.File}}}},
			st.File.Pos.Offset, st.File.End))
	case st.Value != nil:
		a.set("condition", a.pipelineBase(st.Value))
	default:
		a.set("condition", nil)
	}
	var clauses []any
	a.set("default", nil)
	n := 0
	for _, f := range st.Flags {
		switch f {
		case "regex":
			n |= 1
		case "wildcard":
			n |= 2
		case "exact":
			n |= 4
		case "casesensitive":
			n |= 8
		case "parallel":
			n |= 16
		case "file":
			n |= 32
		}
	}
	a.set("flags", &enumValue{typ: value.LanguageNS + "SwitchFlags", name: switchFlagsText(n), n: n})
	for _, c := range st.Clauses {
		if bw, ok := c.Cond.Primary.(*parser.BareWord); ok && len(c.Cond.Post) == 0 && strings.EqualFold(bw.Value, "default") && a.tree.clamp(c.Cond.Pos.Offset) < len(a.tree.src) && a.tree.src[c.Cond.Pos.Offset] != '\'' && a.tree.src[c.Cond.Pos.Offset] != '"' {
			a.set("default", a.add("StatementBlockAst", c.Action, c.Action.Pos.Offset, c.Action.End))
			continue
		}
		cond := a.unary(c.Cond)
		body := a.add("StatementBlockAst", c.Action, c.Action.Pos.Offset, c.Action.End)
		clauses = append(clauses, &astTuple{item1: cond, item2: body, t1: "ExpressionAst", t2: "StatementBlockAst"})
	}
	a.set("clauses", &value.Array{Items: clauses})
}

// switchFlagsText names a SwitchFlags value as .NET prints a flags enum.
func switchFlagsText(n int) string {
	if n == 0 {
		return "None"
	}
	var parts []string
	for i, name := range []string{"Regex", "Wildcard", "Exact", "CaseSensitive", "Parallel", "File"} {
		if n&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	return strings.Join(parts, ", ")
}

func usingKind(k string) string {
	switch k {
	case "module":
		return "Module"
	case "assembly":
		return "Assembly"
	case "type":
		return "Type"
	case "command":
		return "Command"
	}
	return "Namespace"
}

func usingKindValue(k string) int {
	switch k {
	case "assembly":
		return 0
	case "command":
		return 1
	case "module":
		return 2
	case "namespace":
		return 3
	case "type":
		return 4
	}
	return 3
}

// expandTypeDefinition makes a class or enum definition.
func (a *langAst) expandTypeDefinition(st parser.Statement) {
	var bases []*langAst
	var members []*langAst
	switch st := st.(type) {
	case *parser.ClassDefinition:
		a.set("name", st.Name)
		a.set("isclass", true)
		a.set("isenum", false)
		a.setAttrs(st.Attrs)
		for i, b := range st.Bases {
			bases = append(bases, a.add("TypeConstraintAst", typeRef{b, st.BaseSpans[i][0], st.BaseSpans[i][1]}, st.BaseSpans[i][0], st.BaseSpans[i][1]))
		}
		for _, m := range st.Members {
			kind := "PropertyMemberAst"
			if m.Body != nil {
				kind = "FunctionMemberAst"
			}
			members = append(members, a.add(kind, m, m.Pos.Offset, m.End))
		}
	case *parser.EnumDefinition:
		a.set("name", st.Name)
		a.set("isclass", false)
		a.set("isenum", true)
		a.setAttrs(st.Attrs)
		for _, m := range st.Members {
			members = append(members, a.add("PropertyMemberAst", m, m.Pos.Offset, m.End))
		}
	}
	a.set("isinterface", false)
	a.set("basetypes", nodes("TypeConstraintAst", bases))
	a.set("members", nodes("MemberAst", members))
}

// expandClassMember makes a property or a method of a class.
func (a *langAst) expandClassMember(m *parser.ClassMember) {
	var attrs []*langAst
	var typ *parser.ParamAttr
	for _, at := range append(append([]*parser.ParamAttr{}, m.Attrs...), m.Attrs2...) {
		if at.Attr == nil {
			if typ == nil {
				typ = at
			}
			continue
		}
		attrs = append(attrs, a.add("AttributeAst", at.Attr, at.Pos.Offset, at.End))
	}
	var tc *langAst
	if typ != nil {
		tc = a.add("TypeConstraintAst", typeRef{typ.Type, typ.Pos.Offset, typ.End}, typ.Pos.Offset, typ.End)
	}
	static, hidden := false, false
	for _, mod := range m.Mods {
		static = static || mod == "static"
		hidden = hidden || mod == "hidden"
	}
	a.set("attributes", nodes("AttributeAst", attrs))
	a.set("isstatic", static)
	a.set("ishidden", hidden)
	a.set("ispublic", true)
	a.set("isprivate", false)
	if m.Body == nil {
		a.set("name", m.Prop)
		a.set("propertytype", orNil(tc))
		a.set("initialvalue", nil)
		if m.Init != nil {
			if e := pipelineExpr(m.Init); e != nil {
				a.set("initialvalue", a.expr(e))
			}
		}
		return
	}
	a.set("name", m.Method)
	a.set("returntype", orNil(tc))
	a.set("isconstructor", m.Method != "" && a.parent != nil && strings.EqualFold(m.Method, typeDefName(a.parent)))
	var params []*langAst
	for _, p := range m.Params {
		params = append(params, a.add("ParameterAst", p, p.Pos.Offset, p.End))
	}
	a.set("parameters", nodes("ParameterAst", params))
}

// typeDefName returns the name of a TypeDefinitionAst.
func typeDefName(a *langAst) string {
	if n, ok := a.prop("name"); ok {
		return valueText(n)
	}
	return ""
}

// pipelineExpr returns the expression a pipeline statement holds alone.
func pipelineExpr(ps *parser.PipelineStatement) *parser.Expr {
	if ps == nil || ps.Left == nil || len(ps.Left.Elems) != 1 || ps.Op != "" {
		return nil
	}
	if ce, ok := ps.Left.Elems[0].(*parser.CommandExpression); ok {
		return ce.Expr
	}
	return nil
}

// setAttrs sets the attributes written before a type definition.
func (a *langAst) setAttrs(attrs []*parser.ParamAttr) {
	var ns []*langAst
	for _, at := range attrs {
		if at.Attr != nil {
			ns = append(ns, a.add("AttributeAst", at.Attr, at.Pos.Offset, at.End))
		}
	}
	a.set("attributes", nodes("AttributeAst", ns))
}

func (a *langAst) expandParameter(p *parser.Parameter) {
	var attrs []*langAst
	static := value.TObject
	for _, pa := range p.Attrs {
		attrs = append(attrs, a.paramAttr(pa))
		if pa.Attr == nil && static == value.TObject {
			if t, ok := value.ParseType(pa.Type, nil); ok {
				static = t.Name
			}
		}
	}
	a.set("attributes", nodes("AttributeBaseAst", attrs))
	a.set("name", a.add("VariableExpressionAst", nestedVar{p.Name}, p.VarAt, p.VarEnd))
	a.set("defaultvalue", nil)
	if p.Default != nil {
		a.set("defaultvalue", a.expr(p.Default))
	}
	a.set("statictype", sysType(static))
}

// paramAttr makes an attribute or type constraint.
func (a *langAst) paramAttr(pa *parser.ParamAttr) *langAst {
	if pa.Attr != nil {
		return a.add("AttributeAst", pa.Attr, pa.Pos.Offset, pa.End)
	}
	return a.add("TypeConstraintAst", typeRef{pa.Type, pa.Pos.Offset, pa.End}, pa.Pos.Offset, pa.End)
}

func (a *langAst) expandAttribute(at *parser.Attribute) {
	nameStart := at.Pos.Offset + 1
	a.set("typename", newTypeName(a.tree, at.Name, nameStart, nameStart+len(at.Name)))
	var pos, named []*langAst
	for _, arg := range at.Args {
		if arg.Name == "" {
			pos = append(pos, a.expr(arg.Value))
		}
	}
	for _, arg := range at.Args {
		if arg.Name != "" {
			named = append(named, a.add("NamedAttributeArgumentAst", arg, arg.Pos.Offset, arg.End))
		}
	}
	a.set("positionalarguments", nodes("ExpressionAst", pos))
	a.set("namedarguments", nodes("NamedAttributeArgumentAst", named))
}

func (a *langAst) expandChain(c chainView) {
	ps := c.ps
	var lhs *langAst
	if c.k == 1 {
		lhs = a.add("PipelineAst", ps.Left, ps.Left.Pos.Offset, ps.Left.End)
	} else {
		lhs = a.add("PipelineChainAst", chainView{ps, c.k - 1}, ps.Left.Pos.Offset, ps.Chain[c.k-2].End)
	}
	op := ps.Chain[c.k-1]
	rhs := a.add("PipelineAst", op.Next, op.Next.Pos.Offset, op.Next.End)
	a.set("lhspipelinechain", lhs)
	a.set("rhspipeline", rhs)
	if op.Op == "&&" {
		a.set("operator", tokenKind("AndAnd"))
	} else {
		a.set("operator", tokenKind("OrOr"))
	}
	a.set("background", c.k == len(ps.Chain) && ps.Background)
}

func (a *langAst) expandPipeline(pl *parser.Pipeline, background bool) {
	var els []*langAst
	for _, el := range pl.Elems {
		switch el := el.(type) {
		case *parser.Command:
			els = append(els, a.add("CommandAst", el, el.Pos.Offset, el.End))
		case *parser.CommandExpression:
			els = append(els, a.add("CommandExpressionAst", el, el.Pos.Offset, el.End))
		}
	}
	a.set("pipelineelements", nodes("CommandBaseAst", els))
	a.set("background", background)
}

func (a *langAst) expandCommand(c *parser.Command) {
	var els []*langAst
	switch {
	case c.Name != "":
		els = append(els, a.add("StringConstantExpressionAst", &parser.BareWord{Value: c.Name}, c.NameAt, c.NameEnd))
	case c.Target != nil:
		els = append(els, a.unary(c.Target))
	}
	var redirs []*parser.Redirection
	for _, el := range c.Elements {
		switch el := el.(type) {
		case *parser.CommandParameter:
			els = append(els, a.add("CommandParameterAst", el, el.Pos.Offset, el.End))
		case *parser.CommandArgument:
			els = append(els, a.expr(el.Expr))
		case *parser.Splat:
			els = append(els, a.add("VariableExpressionAst", el, el.Pos.Offset, el.End))
		case *parser.Redirection:
			redirs = append(redirs, el)
		}
	}
	a.set("commandelements", nodes("CommandElementAst", els))
	a.redirections(redirs)
	switch c.Call {
	case "&":
		a.set("invocationoperator", tokenKind("Ampersand"))
	case ".":
		a.set("invocationoperator", tokenKind("Dot"))
	default:
		a.set("invocationoperator", tokenKind("Unknown"))
	}
	a.set("definingkeyword", nil)
}

func (a *langAst) redirections(rs []*parser.Redirection) {
	var ns []*langAst
	for _, r := range rs {
		kind := "FileRedirectionAst"
		if r.Merge != "" {
			kind = "MergingRedirectionAst"
		}
		ns = append(ns, a.add(kind, r, r.Pos.Offset, r.End))
	}
	a.set("redirections", nodes("RedirectionAst", ns))
}

func (a *langAst) expandRedirection(r *parser.Redirection) {
	op := r.Op
	if r.Merge != "" {
		op = r.Merge
	}
	from := byte('1')
	if c := op[0]; c == '*' || c >= '1' && c <= '6' {
		from = c
	}
	a.set("fromstream", astRedirectionStream(from))
	if r.Merge != "" {
		a.set("tostream", astRedirectionStream(r.Merge[len(r.Merge)-1]))
		return
	}
	a.set("append", strings.HasSuffix(op, ">>"))
	a.set("location", a.unary(r.Target))
}

// astRedirectionStream returns the RedirectionStream of a stream digit.
func astRedirectionStream(c byte) *enumValue {
	name, n := "Output", 1
	switch c {
	case '*':
		name, n = "All", 0
	case '2':
		name, n = "Error", 2
	case '3':
		name, n = "Warning", 3
	case '4':
		name, n = "Verbose", 4
	case '5':
		name, n = "Debug", 5
	case '6':
		name, n = "Information", 6
	}
	return &enumValue{typ: value.LanguageNS + "RedirectionStream", name: name, n: n}
}

// argument makes the node of a -Name:value argument: a comma list is
// an array literal.
func (a *langAst) argument(u *parser.Unary) *langAst {
	if pe, ok := u.Primary.(*parser.ParenExpr); ok && pe.Implicit && len(u.Post) == 0 && len(u.Prefix) == 0 {
		ce := pe.Stmt.Left.Elems[0].(*parser.CommandExpression)
		return a.expr(ce.Expr)
	}
	return a.unary(u)
}

// expr makes the node of an expression (an Expr, or a node of a folded
// tree).
func (a *langAst) expr(n any) *langAst {
	switch n := n.(type) {
	case *parser.Expr:
		if n.Tree == nil {
			n.Tree = parser.ExprTree(n)
		}
		return a.expr(n.Tree)
	case *parser.Unary:
		return a.unary(n)
	case *parser.BinaryExpr:
		return a.add("BinaryExpressionAst", n, parser.NodePos(n).Offset, parser.NodeEnd(n))
	case *parser.ArrayLiteral:
		return a.add("ArrayLiteralAst", n, parser.NodePos(n).Offset, parser.NodeEnd(n))
	case *parser.TernaryExpr:
		if n.NoColon {
			return a.add("ErrorExpressionAst", n, parser.NodePos(n).Offset, parser.NodeEnd(n))
		}
		return a.add("TernaryExpressionAst", n, parser.NodePos(n).Offset, parser.NodeEnd(n))
	}
	return nil
}

// unary makes the node of a unary with all its operators.
func (a *langAst) unary(u *parser.Unary) *langAst {
	return a.unaryView(unaryView{u, 0, len(u.Post)})
}

// unaryView makes the node of part of a unary.
func (a *langAst) unaryView(v unaryView) *langAst {
	u := v.u
	if v.pre < len(u.Prefix) {
		kind := "UnaryExpressionAst"
		if u.Prefix[v.pre] == "," {
			kind = "ArrayLiteralAst"
		}
		start := u.Pos.Offset
		if v.pre < len(u.PrefixAt) {
			start = u.PrefixAt[v.pre]
		}
		return a.add(kind, v, start, viewEnd(v))
	}
	if v.post > 0 {
		p := u.Post[v.post-1]
		kind := "MemberExpressionAst"
		switch {
		case p.IncDec != "":
			kind = "UnaryExpressionAst"
		case p.Index != nil:
			kind = "IndexExpressionAst"
		case p.Call:
			kind = "InvokeMemberExpressionAst"
		}
		return a.add(kind, v, primaryStart(u.Primary), p.End)
	}
	return a.primary(u.Primary)
}

// viewEnd returns where a unary view ends.
func viewEnd(v unaryView) int {
	if v.post > 0 {
		return v.u.Post[v.post-1].End
	}
	if v.post == len(v.u.Post) {
		return v.u.End
	}
	return primaryEnd(v.u.Primary)
}

func (a *langAst) expandUnary(v unaryView) {
	u := v.u
	if v.pre < len(u.Prefix) {
		op := u.Prefix[v.pre]
		child := a.unaryView(unaryView{u, v.pre + 1, v.post})
		if op == "," {
			a.set("elements", nodes("ExpressionAst", []*langAst{child}))
			a.set("statictype", sysType("System.Object[]"))
			return
		}
		kind := unaryKind(op)
		a.set("tokenkind", tokenKind(kind))
		a.set("child", child)
		a.set("statictype", sysType(unaryStaticType(kind)))
		return
	}
	p := u.Post[v.post-1]
	target := a.unaryView(unaryView{u, v.pre, v.post - 1})
	switch {
	case p.IncDec != "":
		kind := "PostfixPlusPlus"
		if p.IncDec == "--" {
			kind = "PostfixMinusMinus"
		}
		a.set("tokenkind", tokenKind(kind))
		a.set("child", target)
		a.set("statictype", sysType(value.TObject))
	case p.Index != nil:
		a.set("target", target)
		a.set("index", a.expr(p.Index))
		a.set("nullconditional", p.NullCond)
		a.set("statictype", sysType(value.TObject))
	default:
		a.set("expression", target)
		a.set("member", a.memberName(p))
		a.set("static", p.Dot == "::")
		a.set("nullconditional", p.Dot == "?.")
		a.set("statictype", sysType(value.TObject))
		if p.Call {
			var args []*langAst
			for _, e := range p.Args {
				args = append(args, a.expr(e))
			}
			a.set("arguments", nodes("ExpressionAst", args))
			a.set("generictypearguments", nil)
			if len(p.Generic) > 0 {
				var gs []any
				for _, g := range p.Generic {
					gs = append(gs, newTypeName(a.tree, g, -1, -1))
				}
				a.set("generictypearguments", &value.Array{Items: gs})
			}
		}
	}
}

// memberName makes the node naming the member of a member access.
func (a *langAst) memberName(p *parser.PostOp) *langAst {
	switch {
	case p.Member != "":
		return a.add("StringConstantExpressionAst", &parser.BareWord{Value: p.Member}, p.MemberAt, p.MemberEnd)
	case p.DynVar != "":
		return a.add("VariableExpressionAst", nestedVar{p.DynVar}, p.MemberAt, p.MemberEnd)
	case p.DynStr != nil:
		return a.primary(p.DynStr)
	case p.DynExp != nil:
		return a.primary(p.DynExp)
	case p.DynExpr != nil:
		return a.primary(p.DynExpr)
	case p.DynSub != nil:
		return a.primary(p.DynSub)
	case p.DynBlock != nil:
		return a.primary(p.DynBlock)
	}
	return a.add("ErrorExpressionAst", &parser.ErrorExpr{}, p.MemberAt, p.MemberEnd)
}

// primary makes the node of an operand.
func (a *langAst) primary(p parser.Primary) *langAst {
	start, end := primaryStart(p), primaryEnd(p)
	switch p := p.(type) {
	case *parser.VarExpr:
		if strings.HasPrefix(strings.ToLower(p.Name), "using:") {
			return a.add("UsingExpressionAst", p, start, end)
		}
		return a.add("VariableExpressionAst", p, start, end)
	case *parser.NumberLit:
		return a.add("ConstantExpressionAst", p, start, end)
	case *parser.StringLit, *parser.BareWord:
		return a.add("StringConstantExpressionAst", p, start, end)
	case *parser.ExpandString, *parser.CompoundArg:
		return a.add("ExpandableStringExpressionAst", p, start, end)
	case *parser.ParenExpr:
		if p.Implicit {
			return a.expr(p.Stmt.Left.Elems[0].(*parser.CommandExpression).Expr)
		}
		return a.add("ParenExpressionAst", p, start, end)
	case *parser.SubExpr:
		return a.add("SubExpressionAst", p, start, end)
	case *parser.ArrayExpr:
		return a.add("ArrayExpressionAst", p, start, end)
	case *parser.HashLiteral:
		return a.add("HashtableAst", p, start, end)
	case *parser.ScriptBlockExpr:
		return a.add("ScriptBlockExpressionAst", p, start, end)
	case *parser.TypeExpr:
		return a.typeView(typeView{p, 0})
	}
	return a.add("ErrorExpressionAst", p, start, end)
}

// typeView makes the node of a cast or type literal from attribute i on.
func (a *langAst) typeView(v typeView) *langAst {
	te := v.te
	if v.attr < len(te.Attrs) {
		return a.add("AttributedExpressionAst", v, te.Attrs[v.attr].Pos.Offset, te.End)
	}
	switch {
	case te.TypeAt < 0 && te.Operand != nil:
		return a.unary(te.Operand)
	case te.Operand != nil:
		return a.add("ConvertExpressionAst", v, te.TypeAt, te.End)
	}
	return a.add("TypeExpressionAst", v, te.TypeAt, te.TypeEnd)
}

func (a *langAst) expandType(v typeView) {
	te := v.te
	if v.attr < len(te.Attrs) {
		at := te.Attrs[v.attr]
		a.set("attribute", a.add("AttributeAst", at, at.Pos.Offset, at.End))
		a.set("child", a.typeView(typeView{te, v.attr + 1}))
		a.set("statictype", sysType(value.TObject))
		return
	}
	if te.Operand != nil {
		tc := a.add("TypeConstraintAst", typeRef{te.Name, te.TypeAt, te.TypeEnd}, te.TypeAt, te.TypeEnd)
		a.set("type", tc)
		a.set("attribute", tc)
		a.set("child", a.unary(te.Operand))
		static := value.TObject
		if t, ok := value.ParseType(te.Name, nil); ok {
			static = t.Name
		}
		a.set("statictype", sysType(static))
		return
	}
	a.set("typename", newTypeName(a.tree, te.Name, te.TypeAt+1, te.TypeEnd-1))
	a.set("statictype", sysType(value.TType))
}

func (a *langAst) expandPrimary(p parser.Primary) {
	switch p := p.(type) {
	case *parser.VarExpr:
		if a.kind == "UsingExpressionAst" {
			inner := &parser.VarExpr{Pos: p.Pos, End: p.End, Name: p.Name[len("using:"):]}
			a.set("subexpression", a.add("VariableExpressionAst", inner, a.start, a.end))
			a.set("statictype", sysType(value.TObject))
			return
		}
		a.expandVariable(p.Name, p.Splat)
	case *parser.NumberLit:
		v := value.FromNumber(p.Value)
		a.set("value", v)
		a.set("statictype", sysType(value.TypeName(v)))
	case *parser.StringLit:
		a.set("value", p.Value)
		a.set("stringconstanttype", stringConstantType(a.tree, p.Pos.Offset))
		a.set("statictype", sysType(value.TString))
	case *parser.BareWord:
		a.set("value", p.Value)
		a.set("stringconstanttype", stringConstantKind("BareWord"))
		a.set("statictype", sysType(value.TString))
	case *parser.ExpandString:
		var nested []*langAst
		var val strings.Builder
		for _, part := range p.Parts {
			switch {
			case part.Var != "":
				nested = append(nested, a.add("VariableExpressionAst", nestedVar{part.Var}, part.Pos.Offset, part.End))
				val.WriteString(a.tree.src[a.tree.clamp(part.Pos.Offset):a.tree.clamp(part.End)])
			case part.Sub != nil:
				nested = append(nested, a.add("SubExpressionAst", &parser.SubExpr{Pos: part.Pos, End: part.End, List: part.Sub}, part.Pos.Offset, part.End))
				val.WriteString(a.tree.src[a.tree.clamp(part.Pos.Offset):a.tree.clamp(part.End)])
			default:
				val.WriteString(part.Text)
			}
		}
		a.set("value", val.String())
		a.set("nestedexpressions", nodes("ExpressionAst", nested))
		a.set("stringconstanttype", stringConstantType(a.tree, p.Pos.Offset))
		a.set("statictype", sysType(value.TString))
	case *parser.CompoundArg:
		var nested []*langAst
		for _, part := range p.Parts {
			switch {
			case part.Var != "":
				nested = append(nested, a.add("VariableExpressionAst", nestedVar{part.Var}, part.Pos.Offset, part.End))
			case part.Sub != nil:
				nested = append(nested, a.add("SubExpressionAst", &parser.SubExpr{Pos: part.Pos, End: part.End, List: part.Sub}, part.Pos.Offset, part.End))
			case part.Exp != nil:
				for _, ep := range part.Exp.Parts {
					switch {
					case ep.Var != "":
						nested = append(nested, a.add("VariableExpressionAst", nestedVar{ep.Var}, ep.Pos.Offset, ep.End))
					case ep.Sub != nil:
						nested = append(nested, a.add("SubExpressionAst", &parser.SubExpr{Pos: ep.Pos, End: ep.End, List: ep.Sub}, ep.Pos.Offset, ep.End))
					}
				}
			}
		}
		a.set("value", a.PSString())
		a.set("nestedexpressions", nodes("ExpressionAst", nested))
		a.set("stringconstanttype", stringConstantKind("BareWord"))
		a.set("statictype", sysType(value.TString))
	case *parser.ParenExpr:
		if p.Missing {
			a.set("pipeline", a.add("ErrorStatementAst", &parser.ErrorStatement{}, p.Stmt.Pos.Offset, p.Stmt.End))
		} else {
			a.set("pipeline", a.statement(p.Stmt))
		}
		a.set("statictype", sysType(value.TObject))
	case *parser.SubExpr:
		a.set("subexpression", a.add("StatementBlockAst", p.List, listStart(p.List), p.List.End))
		a.set("statictype", sysType(value.TObject))
	case *parser.ArrayExpr:
		a.set("subexpression", a.add("StatementBlockAst", p.List, listStart(p.List), p.List.End))
		a.set("statictype", sysType("System.Object[]"))
	case *parser.HashLiteral:
		var pairs []any
		for _, e := range p.Entries {
			k := a.unary(e.Key)
			v := a.statement(e.Value)
			pairs = append(pairs, &astTuple{item1: k, item2: v, t1: "ExpressionAst", t2: "StatementAst"})
		}
		a.set("keyvaluepairs", &value.Array{Items: pairs})
		a.set("statictype", sysType(value.THashtable))
	case *parser.ScriptBlockExpr:
		a.set("scriptblock", a.add("ScriptBlockAst", p.Body, a.start, a.end))
		a.set("statictype", sysType(value.TScriptBlock))
	case *parser.ErrorExpr:
		// nothing parsed inside it: NestedAst is $null (ast.cs)
		a.set("nestedast", nil)
		a.set("statictype", sysType(value.TObject))
	}
}

// listStart is where a statement list's extent starts: its first
// statement, or nothing.
func listStart(l *parser.StatementList) int {
	if l == nil || len(l.Stmts) == 0 {
		return l.End
	}
	return parser.StatementPos(l.Stmts[0]).Offset
}

// expandVariable makes the properties of a variable named name.
func (a *langAst) expandVariable(name string, splat bool) {
	a.set("variablepath", variablePath(name))
	a.set("splatted", splat)
	a.set("statictype", sysType(value.TObject))
}

// variablePath returns the VariablePath of a variable name as written
// ("script:x", "env:Path", "x").
func variablePath(user string) *value.Object {
	o := value.NewObject("System.Management.Automation.VariablePath", value.TObject)
	o.Set("UserPath", user)
	scope, rest, drive := "", user, ""
	if i := strings.IndexByte(user, ':'); i > 0 {
		switch p := strings.ToLower(user[:i]); p {
		case "global", "local", "private", "script", "using", "workflow":
			scope, rest = p, user[i+1:]
		case "variable":
			rest = user[i+1:]
		default:
			drive, rest = user[:i], user[i+1:]
		}
	}
	o.Set("IsGlobal", scope == "global")
	o.Set("IsLocal", scope == "local")
	o.Set("IsPrivate", scope == "private")
	o.Set("IsScript", scope == "script")
	o.Set("IsUnqualified", scope == "" && drive == "" && !strings.Contains(user, ":"))
	o.Set("IsUnscopedVariable", scope == "" && drive == "")
	o.Set("IsVariable", drive == "")
	o.Set("IsFunction", strings.EqualFold(drive, "function"))
	o.Set("IsDriveQualified", drive != "")
	if drive != "" {
		o.Set("DriveName", drive)
	} else {
		o.Set("DriveName", nil)
	}
	_ = rest
	o.SetToString(user)
	return o
}

// stringConstantType returns the StringConstantType of the string that
// starts at offset off.
func stringConstantType(t *astTree, off int) *enumValue {
	s := t.src[t.clamp(off):]
	switch {
	case strings.HasPrefix(s, "@'") || strings.HasPrefix(s, "@\u2018") || strings.HasPrefix(s, "@\u2019"):
		return stringConstantKind("SingleQuotedHereString")
	case strings.HasPrefix(s, "@"):
		return stringConstantKind("DoubleQuotedHereString")
	case strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "\u201C") || strings.HasPrefix(s, "\u201D") || strings.HasPrefix(s, "\u201E"):
		return stringConstantKind("DoubleQuoted")
	case strings.HasPrefix(s, "'") || strings.HasPrefix(s, "\u2018") || strings.HasPrefix(s, "\u2019") || strings.HasPrefix(s, "\u201A") || strings.HasPrefix(s, "\u201B"):
		return stringConstantKind("SingleQuoted")
	}
	return stringConstantKind("BareWord")
}

func stringConstantKind(name string) *enumValue {
	n := 0
	switch name {
	case "SingleQuotedHereString":
		n = 1
	case "DoubleQuoted":
		n = 2
	case "DoubleQuotedHereString":
		n = 3
	case "BareWord":
		n = 4
	}
	return &enumValue{typ: value.LanguageNS + "StringConstantType", name: name, n: n}
}

// primaryStart and primaryEnd bound an operand.
func primaryStart(p parser.Primary) int {
	switch p := p.(type) {
	case *parser.VarExpr:
		return p.Pos.Offset
	case *parser.NumberLit:
		return p.Pos.Offset
	case *parser.StringLit:
		return p.Pos.Offset
	case *parser.ExpandString:
		return p.Pos.Offset
	case *parser.ParenExpr:
		return p.Pos.Offset
	case *parser.SubExpr:
		return p.Pos.Offset
	case *parser.ArrayExpr:
		return p.Pos.Offset
	case *parser.HashLiteral:
		return p.Pos.Offset
	case *parser.ScriptBlockExpr:
		return p.Pos.Offset
	case *parser.TypeExpr:
		return p.Pos.Offset
	case *parser.BareWord:
		return p.Pos.Offset
	case *parser.CompoundArg:
		return p.Pos.Offset
	case *parser.ErrorExpr:
		return p.Pos.Offset
	}
	return 0
}

func primaryEnd(p parser.Primary) int {
	switch p := p.(type) {
	case *parser.VarExpr:
		return p.End
	case *parser.NumberLit:
		return p.End
	case *parser.StringLit:
		return p.End
	case *parser.ExpandString:
		return p.End
	case *parser.ParenExpr:
		return p.End
	case *parser.SubExpr:
		return p.End
	case *parser.ArrayExpr:
		return p.End
	case *parser.HashLiteral:
		return p.End
	case *parser.ScriptBlockExpr:
		return p.End
	case *parser.TypeExpr:
		return p.End
	case *parser.BareWord:
		return p.End
	case *parser.CompoundArg:
		return p.End
	case *parser.ErrorExpr:
		return p.End
	}
	return 0
}

// skipSpace returns the offset of the first character at or after off
// that is not white space.
func (t *astTree) skipSpace(off int) int {
	for off < len(t.src) && (t.src[off] == ' ' || t.src[off] == '\t') {
		off++
	}
	return off
}

// assignKind returns the TokenKind of an assignment operator.
func assignKind(op string) string {
	switch op {
	case "+=":
		return "PlusEquals"
	case "-=":
		return "MinusEquals"
	case "*=":
		return "MultiplyEquals"
	case "/=":
		return "DivideEquals"
	case "%=":
		return "RemainderEquals"
	case "??=":
		return "QuestionQuestionEquals"
	}
	return "Equals"
}

// unaryKind returns the TokenKind of a prefix operator.
func unaryKind(op string) string {
	switch op {
	case "!":
		return "Exclaim"
	case "-not":
		return "Not"
	case "-bnot":
		return "Bnot"
	case "-":
		return "Minus"
	case "+":
		return "Plus"
	case "++":
		return "PlusPlus"
	case "--":
		return "MinusMinus"
	case "-split", "-isplit":
		return "Isplit"
	case "-csplit":
		return "Csplit"
	case "-join":
		return "Join"
	}
	return "Unknown"
}

func unaryStaticType(kind string) string {
	if kind == "Not" || kind == "Exclaim" {
		return value.TBool
	}
	return value.TObject
}

// binaryKind returns the TokenKind of a binary operator.
func binaryKind(op string) string {
	switch op {
	case "+":
		return "Plus"
	case "-":
		return "Minus"
	case "*":
		return "Multiply"
	case "/":
		return "Divide"
	case "%":
		return "Rem"
	case "..":
		return "DotDot"
	case "??":
		return "QuestionQuestion"
	case "-f":
		return "Format"
	case "-and":
		return "And"
	case "-or":
		return "Or"
	case "-xor":
		return "Xor"
	case "-band":
		return "Band"
	case "-bor":
		return "Bor"
	case "-bxor":
		return "Bxor"
	case "-shl":
		return "Shl"
	case "-shr":
		return "Shr"
	case "-join":
		return "Join"
	case "-is":
		return "Is"
	case "-isnot":
		return "IsNot"
	case "-as":
		return "As"
	}
	name := strings.TrimPrefix(op, "-")
	prefix := "I"
	if len(name) > 1 && (name[0] == 'c' || name[0] == 'i') && parser.IsOperatorName(name[1:]) {
		if name[0] == 'c' {
			prefix = "C"
		}
		name = name[1:]
	}
	switch name {
	case "notlike", "notmatch", "notcontains", "notin":
		return prefix + "not" + name[3:]
	}
	if name == "" {
		return "Unknown"
	}
	return prefix + name
}

func binaryStaticType(op string) string {
	switch op {
	case "-xor", "-and", "-or", "-is":
		return value.TBool
	}
	return value.TObject
}

// isErrorOperand reports whether an operand stands for one that is
// missing.
func isErrorOperand(n parser.Node) bool {
	u, ok := n.(*parser.Unary)
	if !ok || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return false
	}
	_, ok = u.Primary.(*parser.ErrorExpr)
	return ok
}
