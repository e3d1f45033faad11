package parser

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Node is a folded expression: a *Unary, *BinaryExpr or *ArrayLiteral.
type Node interface{ exprNode() }

// BinaryExpr is Left Op Right.
type BinaryExpr struct {
	Pos         Pos
	Op          string
	Left, Right Node
}

// ArrayLiteral is a, b, c.
type ArrayLiteral struct {
	Pos    Pos
	Items  []Node
	closed bool // an operator took it as an operand: a later comma starts a new array
}

// TernaryExpr is Cond ? Then : Else.
type TernaryExpr struct {
	Pos              Pos
	Cond, Then, Else Node
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

// unaryOps are the operators that may stand before an operand.
var unaryOps = map[string]bool{
	"!": true, "-not": true, "-bnot": true, "-": true, "+": true, "++": true, "--": true, ",": true,
	"-split": true, "-join": true, "-csplit": true, "-isplit": true,
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
		operands = append(operands, &BinaryExpr{Pos: nodePos(l), Op: op.Op, Left: l, Right: r})
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

// exprTree folds an expression and its ternary tail (which nests to the
// right: a ? b : c ? d : e).
func exprTree(e *Expr) Node {
	t := fold(e)
	if e.Ternary != nil {
		t = &TernaryExpr{Pos: e.Pos, Cond: t, Then: exprTree(e.Ternary.Then), Else: exprTree(e.Ternary.Else)}
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

// check folds expressions, parses number literals and reports what the
// grammar cannot express.
func check(s *Script) ErrorList {
	c := &checker{src: s.Source}
	Walk(s, c.visit)
	return c.errs
}

type checker struct {
	src  string
	errs ErrorList
}

func (c *checker) errorf(p Pos, format string, args ...any) {
	c.errs = append(c.errs, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) visit(n any) bool {
	switch n := n.(type) {
	case *Expr:
		for _, r := range n.Rest {
			if Precedence(r.Op) == 0 {
				c.errorf(r.Pos, "Unexpected token '%s' in expression or statement.", r.Op)
			}
		}
		n.Tree = exprTree(n)
	case *Unary:
		for i, op := range n.Prefix {
			if !unaryOps[op] {
				if i == 0 {
					c.errorf(n.Pos, "You must provide a value expression on the left-hand side of the '%s' operator.", op)
				} else {
					c.errorf(n.Pos, "Unexpected token '%s' in expression or statement.", op)
				}
			}
		}
	case *NumberLit:
		v, ok := ParseNumber(n.Text)
		if !ok {
			c.errorf(n.Pos, "The numeric constant %s is not valid.", n.Text)
		}
		n.Value = v
	case *PipelineStatement:
		c.pipeline(n)
	case *TryStatement:
		if len(n.Catches) == 0 && n.Finally == nil {
			end := n.Body.EndPos
			rest := ""
			if end.Offset <= len(c.src) {
				rest = strings.TrimSpace(c.src[end.Offset:])
			}
			c.errs = append(c.errs, &Error{Pos: end, Msg: "The Try statement is missing its Catch or Finally block.", Incomplete: rest == ""})
		}
	case *ClassDefinition:
		for _, m := range n.Members {
			if m.Base != nil && (!strings.EqualFold(m.Method, n.Name) || slices.Contains(m.Mods, "static")) {
				// : base(...) belongs to instance constructors only; pwsh
				// reports the body missing right after the parameters
				c.errs = append(c.errs, &Error{Pos: c.afterSpaceBefore(m.Base.Pos), Msg: "Missing function body in function declaration."})
			}
		}
	case *FunctionDefinition:
		if len(n.Params) > 0 && n.Body.Param != nil {
			c.errorf(n.Body.Param.Pos, "The param statement cannot be used if arguments were specified in the function declaration.")
		}
	case *ScriptBlockBody:
		if n.Stmts == nil {
			n.Stmts = &StatementList{Pos: n.Pos}
		}
		if len(n.Named) > 0 && len(n.Stmts.Stmts) > 0 {
			p := StatementPos(n.Stmts.Stmts[0])
			c.errorf(p, "Unexpected token '%s' in expression or statement.", firstWord(c.src[min(p.Offset, len(c.src)):]))
		}
	}
	return true
}

// afterSpaceBefore returns the position just after the token before p:
// p moved back over the white space that precedes it.
func (c *checker) afterSpaceBefore(p Pos) Pos {
	off := min(p.Offset, len(c.src))
	for off > 0 && strings.IndexByte(" \t\r\n", c.src[off-1]) >= 0 {
		off--
	}
	line := 1 + strings.Count(c.src[:off], "\n")
	col := 1 + utf8.RuneCountInString(c.src[strings.LastIndexByte(c.src[:off], '\n')+1:off])
	return Pos{Filename: p.Filename, Offset: off, Line: line, Column: col}
}

func firstWord(s string) string {
	end := strings.IndexAny(s, " \t\r\n;|)}")
	if end < 0 {
		end = len(s)
	}
	if end > 60 {
		end = 60
	}
	return s[:end]
}

func (c *checker) pipeline(p *PipelineStatement) {
	for i, el := range p.Left.Elems {
		if ce, ok := el.(*CommandExpression); ok && i > 0 {
			c.errorf(ce.Pos, "Expressions are only allowed as the first element of a pipeline.")
		}
	}
	if p.Op == "" {
		return
	}
	if len(p.Left.Elems) != 1 {
		c.errorf(p.Pos, "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.")
		return
	}
	ce, ok := p.Left.Elems[0].(*CommandExpression)
	if !ok || len(ce.Redirs) > 0 {
		c.errorf(p.Pos, "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.")
		return
	}
	if ce.Expr.Tree == nil {
		ce.Expr.Tree = exprTree(ce.Expr)
	}
	if !Assignable(ce.Expr.Tree) {
		c.errorf(p.Pos, "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.")
	}
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
			return last.IncDec == "" && !last.Call
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
	}
	return Pos{}
}

// StatementEnd returns where a statement ends (after its last token).
func StatementEnd(s Statement) Pos {
	switch s := s.(type) {
	case *PipelineStatement:
		return s.EndPos
	case *FunctionDefinition:
		return s.EndPos
	case *IfStatement:
		return s.EndPos
	case *ForeachStatement:
		return s.EndPos
	case *ForStatement:
		return s.EndPos
	case *WhileStatement:
		return s.EndPos
	case *DoStatement:
		return s.EndPos
	case *SwitchStatement:
		return s.EndPos
	case *TryStatement:
		return s.EndPos
	case *FlowStatement:
		return s.EndPos
	case *BreakStatement:
		return s.EndPos
	case *LabeledStatement:
		return s.EndPos
	}
	return Pos{}
}
