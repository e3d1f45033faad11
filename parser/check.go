package parser

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Node is a folded expression: a *Unary, *BinaryExpr or *ArrayLiteral.
type Node interface{ exprNode() }

// BinaryExpr is Left Op Right; OpAt and OpEnd bound the operator.
type BinaryExpr struct {
	Pos         Pos
	Op          string
	OpAt, OpEnd int
	Left, Right Node
}

// ArrayLiteral is a, b, c.
type ArrayLiteral struct {
	Pos    Pos
	Items  []Node
	closed bool // an operator took it as an operand: a later comma starts a new array
}

// TernaryExpr is Cond ? Then : Else. NoColon marks one without its ':',
// which PowerShell's parser makes an ErrorExpressionAst.
type TernaryExpr struct {
	Pos              Pos
	Cond, Then, Else Node
	NoColon          bool
}

func (*TernaryExpr) exprNode()  {}
func (*Unary) exprNode()        {}
func (*BinaryExpr) exprNode()   {}
func (*ArrayLiteral) exprNode() {}

// Precedence returns the binding strength of a binary operator (higher binds
// tighter), as PowerShell's tokenizer defines it; 0 for no binary operator.
func Precedence(op string) int {
	switch op {
	case ",":
		return 14
	case "..":
		return 13
	case "-f":
		return 12
	case "*", "/", "%":
		return 10
	case "+", "-":
		return 9
	case "??":
		return 7
	case "-and", "-or", "-xor":
		return 1
	case "-band", "-bor", "-bxor", "-shl", "-shr":
		return 2
	}
	if strings.HasPrefix(op, "-") {
		name := op[1:]
		switch name {
		case "not", "bnot":
			return 0
		}
		if IsOperatorName(name) {
			return 5
		}
	}
	return 0
}

// fold turns a flat Expr into a tree by precedence.
func fold(e *Expr) Node {
	if len(e.Rest) == 0 {
		return e.First
	}
	operands := []Node{e.First}
	var ops []*BinRest
	reduce := func() {
		op := ops[len(ops)-1]
		ops = ops[:len(ops)-1]
		r := operands[len(operands)-1]
		l := operands[len(operands)-2]
		operands = operands[:len(operands)-2]
		if op.Op == "," {
			if a, ok := l.(*ArrayLiteral); ok && !a.closed {
				a.Items = append(a.Items, r)
				operands = append(operands, a)
				return
			}
			operands = append(operands, &ArrayLiteral{Pos: nodePos(l), Items: []Node{l, r}})
			return
		}
		if a, ok := l.(*ArrayLiteral); ok {
			a.closed = true
		}
		operands = append(operands, &BinaryExpr{Pos: nodePos(l), Op: op.Op, OpAt: op.Pos.Offset, OpEnd: op.OpEnd, Left: l, Right: r})
	}
	for _, r := range e.Rest {
		p := Precedence(r.Op)
		for len(ops) > 0 && Precedence(ops[len(ops)-1].Op) >= p {
			reduce()
		}
		ops = append(ops, r)
		operands = append(operands, r.Right)
	}
	for len(ops) > 0 {
		reduce()
	}
	return operands[0]
}

// ExprTree returns an expression folded by operator precedence.
func ExprTree(e *Expr) Node { return exprTree(e) }

// exprTree folds an expression and its ternary tail (which nests to the
// right: a ? b : c ? d : e).
func exprTree(e *Expr) Node {
	t := fold(e)
	if e.Ternary != nil {
		t = &TernaryExpr{Pos: e.Pos, Cond: t, Then: exprTree(e.Ternary.Then), Else: exprTree(e.Ternary.Else), NoColon: e.Ternary.NoColon}
	}
	return t
}

func nodePos(n Node) Pos {
	switch n := n.(type) {
	case *TernaryExpr:
		return n.Pos
	case *Unary:
		return n.Pos
	case *BinaryExpr:
		return n.Pos
	case *ArrayLiteral:
		return n.Pos
	}
	return Pos{}
}

// NodePos returns the position of a folded expression.
func NodePos(n Node) Pos { return nodePos(n) }

// NodeEnd returns the offset where a folded expression ends.
func NodeEnd(n Node) int {
	switch n := n.(type) {
	case *TernaryExpr:
		return NodeEnd(n.Else)
	case *Unary:
		return n.End
	case *BinaryExpr:
		return NodeEnd(n.Right)
	case *ArrayLiteral:
		if len(n.Items) > 0 {
			return NodeEnd(n.Items[len(n.Items)-1])
		}
	}
	return 0
}

// check folds expressions and makes PowerShell's semantic checks of a
// parsed tree (SemanticChecks.cs): what the grammar allows but PowerShell
// rejects before running a script.
//
// The errors PowerShell finds when it defines the classes and enums, as
// it compiles the script before running it, come last, and only when
// there is no other error (bad is set when parsing found some): the
// script is not compiled then.
func check(s *Script, bad bool, o Options) ErrorList {
	c := &checker{src: s.Source, file: s.File, classes: scriptTypes(s), opts: o}
	c.duplicateTypes(s.Body)
	c.walk(s.Body, ctlCtx{})
	c.defining = true
	c.enumScopes(s.Body)
	if bad || len(c.errs) > 0 {
		return c.errs
	}
	return append(c.errs, c.defErrs...)
}

// classMethod checks a method of a class (SemanticChecks.cs
// VisitFunctionMember, VisitParameter): its body may have no param block
// and no named blocks, a constructor no return type, a parameter one
// type.
func (c *checker) classMethod(cd *ClassDefinition, m *ClassMember) {
	if m.Body == nil {
		return
	}
	if b := m.Script; b != nil {
		if b.Param != nil {
			c.errorAt("ParamBlockNotAllowedInMethod", b.Param.Pos.Offset, b.Param.End)
		}
		if len(b.Named) > 0 {
			first := b.Named[0]
			rank := func(name string) int { return strings.Index("dynamicparam begin process end clean", name) }
			for _, nb := range b.Named[1:] {
				if rank(nb.Name) < rank(first.Name) {
					first = nb
				}
			}
			c.errorAt("NamedBlockNotAllowedInMethod", first.Pos.Offset, first.End)
		}
	}
	if strings.EqualFold(m.Method, cd.Name) {
		for _, a := range append(append([]*ParamAttr{}, m.Attrs...), m.Attrs2...) {
			if a.Attr == nil {
				c.errorAt("ConstructorCantHaveReturnType", a.Pos.Offset, a.End)
				break
			}
		}
	}
	for _, prm := range m.Params {
		typed := false
		for _, a := range prm.Attrs {
			if a.Attr != nil || strings.EqualFold(a.Type, "ordered") {
				continue
			}
			if typed {
				c.errorAt("MultipleTypeConstraintsOnMethodParam", a.Pos.Offset, a.End)
			}
			typed = true
		}
	}
}

// isNamespaceName reports whether s is a namespace: identifiers (a
// letter or '_', then letters, digits, connectors, combining and
// formatting characters) joined by dots.
func isNamespaceName(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for i, r := range part {
			first := unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || r == '_'
			if !first && (i == 0 || !(unicode.IsDigit(r) || unicode.In(r, unicode.Pc, unicode.Mn, unicode.Mc, unicode.Cf))) {
				return false
			}
		}
	}
	return true
}

// duplicateTypes reports a class or enum whose name (in any case) a type
// before it in the same script block has: each script block has a table
// of its types (SymbolResolver.cs AddType), which PowerShell fills
// before the semantic checks.
func (c *checker) duplicateTypes(body *ScriptBlockBody) {
	seen := map[string]bool{}
	add := func(name string, start, end int) {
		key := strings.ToLower(name)
		if seen[key] {
			c.errorAt("MemberAlreadyDefined", start, end, name)
		}
		seen[key] = true
	}
	Walk(body, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockBody:
			if x != body {
				c.duplicateTypes(x)
				return false
			}
		case *ClassDefinition:
			add(x.Name, x.Pos.Offset, x.End)
		case *EnumDefinition:
			add(x.Name, x.Pos.Offset, x.End)
		}
		return true
	})
}

type checker struct {
	src  string
	file string
	errs ErrorList
	// casts holds the casts already checked as part of a longer chain
	casts map[*TypeExpr]bool
	// lhs holds the casts left of an assignment
	lhs map[*TypeExpr]bool
	// classes is what the checks of classes know of the script's types
	classes *classInfo
	// classAttrs holds the attributes of classes, their members and
	// their methods' parameters, whose arguments the class checks check
	classAttrs map[*Attribute]bool
	// defining is set while the checks of defining types run; their
	// errors go to defErrs
	defining bool
	defErrs  ErrorList
	opts     Options
}

// errorAt records an error over [start, end).
func (c *checker) errorAt(id string, start, end int, args ...string) {
	e := &Error{ID: id, Msg: errorText(id, args...), Pos: c.position(start), End: c.position(end)}
	if c.defining {
		c.defErrs = append(c.defErrs, e)
		return
	}
	c.errs = append(c.errs, e)
}

// position returns the position of byte offset off.
func (c *checker) position(off int) Pos {
	return advancePos(c.src, Pos{Filename: c.file, Line: 1, Column: 1}, max(0, min(off, len(c.src))))
}

// ctlCtx is what a statement is inside of, for the flow-of-control check:
// a finally block, and the labels of the loops inside it.
type ctlCtx struct {
	inFinally bool
	// inLoop is set inside a loop or switch within the finally block,
	// which a break or continue without a label leaves.
	inLoop bool
	labels []string
}

// walk checks the tree below n, folding expressions on the way.
func (c *checker) walk(n any, ctx ctlCtx) {
	Walk(n, func(x any) bool {
		switch x := x.(type) {
		case *Expr:
			x.Tree = exprTree(x)
		case *ScriptBlockBody:
			if x.Stmts == nil {
				x.Stmts = &StatementList{Pos: x.Pos}
			}
			if x.Param != nil {
				c.duplicateParams(x.Param.Params)
			}
			if ctx.inFinally && x != n {
				c.walk(x, ctlCtx{})
				return false
			}
		case *TrapStatement:
			if ctx.inFinally {
				c.walk(x, ctlCtx{})
				return false
			}
		case *TryStatement:
			if x.Body != nil {
				c.walk(x.Body, ctx)
			}
			for _, cc := range x.Catches {
				c.walk(cc.Body, ctx)
			}
			if x.Finally != nil {
				c.walk(x.Finally, ctlCtx{inFinally: true})
			}
			return false
		case *LabeledStatement:
			if ctx.inFinally {
				inner := ctlCtx{inFinally: true, inLoop: ctx.inLoop, labels: append(append([]string(nil), ctx.labels...), strings.ToLower(x.Label))}
				c.walk(x.Loop, inner)
				return false
			}
		case *ForeachStatement, *ForStatement, *WhileStatement, *DoStatement, *SwitchStatement:
			if ctx.inFinally && !ctx.inLoop {
				// walked again as a loop: checked then
				inner := ctx
				inner.inLoop = true
				c.walk(x, inner)
				return false
			}
			if f, ok := x.(*ForeachStatement); ok && f.VarSplat {
				c.errorAt("SplattingNotPermitted", f.VarAt, f.VarEnd, f.Var)
			}
		case *FlowStatement:
			if x.Kind == "return" && ctx.inFinally {
				c.errorAt("ControlLeavingFinally", x.Pos.Offset, x.End)
			}
		case *BreakStatement:
			// a break or continue leaves the finally block unless a loop
			// in it is what it leaves (SemanticChecks.cs
			// CheckForFlowOutOfFinally); a label that is an expression
			// could name any loop
			if ctx.inFinally && (x.LabelExpr != nil || x.Label == "" && !ctx.inLoop || x.Label != "" && !slices.Contains(ctx.labels, strings.ToLower(x.Label))) {
				c.errorAt("ControlLeavingFinally", x.Pos.Offset, x.End)
			}
		case *PipelineStatement:
			if x.Op != "" && len(x.Left.Elems) == 1 {
				if ce, ok := x.Left.Elems[0].(*CommandExpression); ok {
					ce.Expr.Tree = exprTree(ce.Expr)
					c.assignTarget(ce.Expr.Tree, x.Op == "=")
				}
			}
		case *FunctionDefinition:
			switch {
			case x.HasParens && x.Body != nil && x.Body.Param != nil:
				c.errorAt("OnlyOneParameterListAllowed", x.Body.Param.Pos.Offset, x.Body.Param.End)
			case x.HasParens:
				c.duplicateParams(x.Params)
			}
		case *ClassDefinition:
			for _, m := range x.Members {
				c.classMethod(x, m)
			}
			c.classDefinition(x)
		case *EnumDefinition:
			c.enumAttributes(x)
		case *Attribute:
			c.attributeArgs(x)
		case *HashLiteral:
			c.duplicateKeys(x)
		case *UsingStatement:
			// (SemanticChecks.cs VisitUsingStatement)
			if x.Alias != "" || x.Kind == "type" || x.Kind == "command" {
				c.errorAt("UsingStatementNotSupported", x.Pos.Offset, x.End)
			}
			if x.Kind == "namespace" && !isNamespaceName(x.Name) {
				c.errorAt("InvalidNamespaceValue", x.NameAt, x.NameEnd)
			}
		case *Parameter:
			if x.Splat {
				c.errorAt("SplattingNotPermitted", x.VarAt, x.VarEnd, x.Name)
			}
		case *TypeExpr:
			for _, a := range x.Attrs {
				c.attributeArgs(a)
			}
			if len(x.Attrs) > 0 && !attributedVariable(x) && !missingOperand(x) {
				a := x.Attrs[0]
				c.errorAt("UnexpectedAttribute", a.Pos.Offset, a.End, a.Name)
			}
			c.refCasts(x)
		case *VarExpr:
			if x.Splat {
				c.errorAt("SplattingNotPermitted", x.Pos.Offset, x.End, x.Name)
			}
		}
		return true
	})
}

// duplicateParams reports a parameter named twice, and a parameter of
// type [void] (SemanticChecks.cs CheckForDuplicateParameters).
func (c *checker) duplicateParams(params []*Parameter) {
	seen := map[string]bool{}
	for _, prm := range params {
		k := strings.ToLower(prm.Name)
		if seen[k] {
			c.errorAt("DuplicateFormalParameter", prm.VarAt, prm.VarEnd, prm.Name)
		}
		seen[k] = true
		for _, a := range prm.Attrs {
			if a.Attr == nil && normType(a.Type) == "void" {
				c.errorAt("VoidTypeConstraintNotAllowed", a.Pos.Offset, a.End)
				break
			}
		}
	}
}

// assignTarget reports what cannot be assigned to left of an assignment
// (simple is set for '=': an array of targets is allowed only there).
func (c *checker) assignTarget(n Node, simple bool) {
	if a, ok := n.(*ArrayLiteral); ok {
		if !simple {
			c.errorAt("InvalidLeftHandSide", NodePos(n).Offset, NodeEnd(n))
			return
		}
		for _, it := range a.Items {
			c.assignTarget(it, true)
		}
		return
	}
	if u, ok := n.(*Unary); ok && len(u.Prefix) == 0 && len(u.Post) == 0 {
		if pe, ok := u.Primary.(*ParenExpr); ok {
			if inner := pureExpr(pe.Stmt); inner != nil {
				c.assignTarget(exprTree(inner), simple)
				return
			}
			c.errorAt("InvalidLeftHandSide", pe.Stmt.Pos.Offset, pe.Stmt.End)
			return
		}
	}
	if !Assignable(n) {
		c.errorAt("InvalidLeftHandSide", NodePos(n).Offset, NodeEnd(n))
		return
	}
	// [ref] must be the only type of a variable assigned to
	if u, ok := n.(*Unary); ok && len(u.Prefix) == 0 && len(u.Post) == 0 {
		if te, ok := u.Primary.(*TypeExpr); ok {
			chain := castChain(te)
			converts, last := 0, -1
			for i, t := range chain {
				if c.lhs == nil {
					c.lhs = map[*TypeExpr]bool{}
				}
				c.lhs[t] = true
				if t.TypeAt >= 0 && normType(t.Name) == "void" {
					c.errorAt("VoidTypeConstraintNotAllowed", t.TypeAt, t.TypeEnd)
				}
				if t.TypeAt >= 0 {
					converts++
					if isRefType(t.Name) {
						last = i
					}
				}
			}
			if last >= 0 && converts > 1 {
				t := chain[last]
				c.errorAt("ReferenceNeedsToBeByItselfInTypeConstraint", t.TypeAt, t.TypeEnd)
			}
		}
	}
}

// castChain returns a chain of casts, outermost first: [a][b]$x.
func castChain(te *TypeExpr) []*TypeExpr {
	chain := []*TypeExpr{te}
	for te.Operand != nil && len(te.Operand.Prefix) == 0 && len(te.Operand.Post) == 0 {
		inner, ok := te.Operand.Primary.(*TypeExpr)
		if !ok {
			break
		}
		chain = append(chain, inner)
		te = inner
	}
	return chain
}

// isRefType reports a type literal that names [ref].
func isRefType(name string) bool {
	return strings.EqualFold(name, "ref") || strings.EqualFold(name, "System.Management.Automation.PSReference")
}

// refCasts reports [ref] used with other types in a cast chain (pwsh's
// checks of ConvertExpressionAst): [ref][ref]$x, [int][ref]$x.
func (c *checker) refCasts(head *TypeExpr) {
	if c.casts[head] {
		return
	}
	chain := castChain(head)
	if c.casts == nil {
		c.casts = map[*TypeExpr]bool{}
	}
	for _, t := range chain {
		c.casts[t] = true
	}
	multiple := false
	for i, t := range chain {
		if t.TypeAt < 0 || !isRefType(t.Name) || t.Operand == nil {
			continue
		}
		for _, inner := range chain[i+1:] {
			if inner.TypeAt >= 0 && isRefType(inner.Name) {
				multiple = true
				c.errorAt("ReferenceNeedsToBeByItselfInTypeSequence", inner.TypeAt, inner.TypeEnd)
			}
		}
	}
	if multiple {
		return
	}
	for i, t := range chain {
		if i == 0 || t.TypeAt < 0 || !isRefType(t.Name) || t.Operand == nil || c.lhs[t] {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if chain[j].TypeAt >= 0 {
				c.errorAt("ReferenceNeedsToBeLastTypeInTypeConversion", t.TypeAt, t.TypeEnd)
				break
			}
		}
	}
}

// attributedVariable reports whether attributes stand before a variable
// (through any casts): only a variable takes attributes.
func attributedVariable(te *TypeExpr) bool {
	for te != nil && te.Operand != nil {
		u := te.Operand
		if len(u.Prefix) > 0 || len(u.Post) > 0 {
			return false
		}
		switch pr := u.Primary.(type) {
		case *VarExpr:
			return true
		case *TypeExpr:
			te = pr
		default:
			return false
		}
	}
	return false
}

// missingOperand reports an attribute with no operand after it, which the
// parser has reported.
func missingOperand(te *TypeExpr) bool {
	if te.Operand == nil {
		return false
	}
	_, bad := te.Operand.Primary.(*ErrorExpr)
	return bad
}

// pureExpr returns the expression a pipeline statement is when it is one
// expression alone, or nil.
func pureExpr(ps *PipelineStatement) *Expr {
	if ps == nil || ps.Op != "" || len(ps.Chain) > 0 || ps.Background || ps.Left == nil || len(ps.Left.Elems) != 1 {
		return nil
	}
	ce, ok := ps.Left.Elems[0].(*CommandExpression)
	if !ok || len(ce.Redirs) > 0 {
		return nil
	}
	return ce.Expr
}

// Assignable reports whether n can stand left of '='.
func Assignable(n Node) bool {
	switch n := n.(type) {
	case *ArrayLiteral:
		for _, it := range n.Items {
			if !Assignable(it) {
				return false
			}
		}
		return true
	case *Unary:
		if len(n.Prefix) > 0 {
			return false
		}
		if len(n.Post) > 0 {
			last := n.Post[len(n.Post)-1]
			return last.IncDec == "" && !last.Call && last.Dot != "?." && !last.NullCond
		}
		switch p := n.Primary.(type) {
		case *VarExpr:
			return true
		case *TypeExpr:
			return p.Operand != nil && Assignable(p.Operand)
		}
	}
	return false
}

// StatementPos returns where a statement starts.
func StatementPos(s Statement) Pos {
	switch s := s.(type) {
	case *PipelineStatement:
		return s.Pos
	case *IfStatement:
		return s.Pos
	case *LabeledStatement:
		return s.Pos
	case *ForeachStatement:
		return s.Pos
	case *ForStatement:
		return s.Pos
	case *WhileStatement:
		return s.Pos
	case *DoStatement:
		return s.Pos
	case *SwitchStatement:
		return s.Pos
	case *TryStatement:
		return s.Pos
	case *TrapStatement:
		return s.Pos
	case *FlowStatement:
		return s.Pos
	case *BreakStatement:
		return s.Pos
	case *FunctionDefinition:
		return s.Pos
	case *ClassDefinition:
		return s.Pos
	case *EnumDefinition:
		return s.Pos
	case *UsingStatement:
		return s.Pos
	case *ErrorStatement:
		return s.Pos
	case *DataStatement:
		return s.Pos
	case *ConfigurationDefinition:
		return s.Pos
	case *DynamicKeywordStatement:
		return s.Pos
	}
	return Pos{}
}

// StatementEndOffset returns the offset where a statement's last token
// ends.
func StatementEndOffset(s Statement) int {
	switch s := s.(type) {
	case *PipelineStatement:
		return s.End
	case *IfStatement:
		return s.End
	case *LabeledStatement:
		return s.End
	case *ForeachStatement:
		return s.End
	case *ForStatement:
		return s.End
	case *WhileStatement:
		return s.End
	case *DoStatement:
		return s.End
	case *SwitchStatement:
		return s.End
	case *TryStatement:
		return s.End
	case *TrapStatement:
		return s.End
	case *FlowStatement:
		return s.End
	case *BreakStatement:
		return s.End
	case *FunctionDefinition:
		return s.End
	case *ClassDefinition:
		return s.End
	case *EnumDefinition:
		return s.End
	case *UsingStatement:
		return s.End
	case *ErrorStatement:
		return s.End
	case *DataStatement:
		return s.End
	case *ConfigurationDefinition:
		return s.End
	case *DynamicKeywordStatement:
		return s.End
	}
	return 0
}

// attributeArgs reports an argument of an attribute (not of a class's)
// that is neither a constant nor a script block (SemanticChecks.cs
// VisitAttribute).
func (c *checker) attributeArgs(a *Attribute) {
	if c.classAttrs[a] {
		return
	}
	for _, arg := range a.Args {
		if arg.Value != nil && !constantArg(arg.Value, true) {
			c.errorAt("ParameterAttributeArgumentNeedsToBeConstantOrScriptBlock", arg.Value.Pos.Offset, arg.Value.End)
		}
	}
}

// duplicateKeys reports a key of a hash literal that a key before it
// has, in any case (SemanticChecks.cs VisitHashtable): keys that are
// constants, compared as strings.
func (c *checker) duplicateKeys(h *HashLiteral) {
	seen := map[string]bool{}
	for _, e := range h.Entries {
		k := e.Key
		if k == nil || len(k.Prefix) > 0 || len(k.Post) > 0 {
			continue
		}
		var key string
		switch p := k.Primary.(type) {
		case *BareWord:
			key = p.Value
		case *StringLit:
			key = p.Value
		case *NumberLit:
			n := p.Value
			switch n.Kind {
			case Int32, Int64, SByte, Byte, Int16, UInt16, UInt32:
				key = strconv.FormatInt(n.Int, 10)
			case UInt64:
				key = strconv.FormatUint(n.Uint, 10)
			default:
				continue
			}
		default:
			continue
		}
		lk := strings.ToLower(key)
		if seen[lk] {
			c.errorAt("DuplicateKeyInHashLiteral", k.Pos.Offset, k.End, key)
		}
		seen[lk] = true
	}
}
