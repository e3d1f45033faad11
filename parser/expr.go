package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Expressions are the hot path of parsing: every operand of every command
// is one. They are parsed by hand inside the participle grammar (Expr and
// Unary implement participle.Parseable); statements, pipelines and commands
// stay in the grammar. The hand-written grammar is:
//
//	Expr      = Unary { (Op | BinOp | Comma) Unary } [ Question Expr Colon Expr ] .
//	Unary     = { Op | Comma } Primary { PostOp } .
//	PostOp    = (Dot | Colons) (Member | Var | Str | ExpandStr | ParenExpr) [ MParen [ Expr { ArgSep Expr } ] RParen ]
//	          | Index Expr RBracket
//	          | "++" | "--" .
//	Primary   = Var | Str | Num | ExpandStr | ParenExpr | SubExpr StatementList RParen
//	          | ArrExpr StatementList RParen | HashOpen { Term } { Unary Assign Statement { Term } } RBrace
//	          | LBrace ScriptBlockBody RBrace | Type [ Unary ] | Word | Compound .
//	ExpandStr = SOpen { SText | SVar | SSub StatementList RParen } SClose .
//	Compound  = CStart { Word | Str | Var | ExpandStr | SSub StatementList RParen } CEnd .
//
// Nested statements go back to the grammar through sub-parsers built with
// the same options.

// unexpected returns participle's error for an unexpected token.
func unexpected(t *lexer.Token) error { return &participle.UnexpectedTokenError{Unexpected: *t} }

// expect consumes a token of type typ or fails.
func expect(lex *lexer.PeekingLexer, typ lexer.TokenType) (*lexer.Token, error) {
	t := lex.Peek()
	if t.Type != typ {
		return nil, unexpected(t)
	}
	return lex.Next(), nil
}

// Parse parses an expression.
func (e *Expr) Parse(lex *lexer.PeekingLexer) error {
	first := &Unary{}
	if err := first.Parse(lex); err != nil {
		return err
	}
	e.Pos, e.First = first.Pos, first
	for {
		t := lex.Peek()
		if t.Type != tOp && t.Type != tBinOp && t.Type != tComma {
			break
		}
		op := lex.Next()
		r := &Unary{}
		if err := r.Parse(lex); err != nil {
			if err == participle.NextMatch {
				return unexpected(lex.Peek())
			}
			return err
		}
		e.Rest = append(e.Rest, &BinRest{Pos: op.Pos, Op: op.Value, Right: r})
	}
	if lex.Peek().Type == tQuestion {
		q := lex.Next()
		t := &Ternary{Pos: q.Pos, Then: &Expr{}, Else: &Expr{}}
		if err := mustExpr(lex, t.Then); err != nil {
			return err
		}
		if _, err := expect(lex, tColon); err != nil {
			return err
		}
		if err := mustExpr(lex, t.Else); err != nil {
			return err
		}
		e.Ternary = t
	}
	return nil
}

// mustExpr parses an expression that must be there.
func mustExpr(lex *lexer.PeekingLexer, e *Expr) error {
	if err := e.Parse(lex); err != nil {
		if err == participle.NextMatch {
			return unexpected(lex.Peek())
		}
		return err
	}
	return nil
}

// Parse parses prefix operators, a primary and postfix operators.
func (u *Unary) Parse(lex *lexer.PeekingLexer) error {
	start := lex.Peek()
	u.Pos = start.Pos
	for {
		t := lex.Peek()
		if t.Type != tOp && t.Type != tComma {
			break
		}
		u.Prefix = append(u.Prefix, lex.Next().Value)
	}
	p, err := parsePrimary(lex)
	if err != nil {
		if err == participle.NextMatch && len(u.Prefix) > 0 {
			return unexpected(lex.Peek())
		}
		return err
	}
	u.Primary = p
	for {
		t := lex.Peek()
		switch t.Type {
		case tDot, tColons:
			op, err := parsePostMember(lex)
			if err != nil {
				return err
			}
			u.Post = append(u.Post, op)
		case tIndex:
			lex.Next()
			op := &PostOp{Pos: t.Pos, Index: &Expr{}, NullCond: t.Value == "?["}
			if err := mustExpr(lex, op.Index); err != nil {
				return err
			}
			if _, err := expect(lex, tRBracket); err != nil {
				return err
			}
			u.Post = append(u.Post, op)
		case tOp:
			if t.Value != "++" && t.Value != "--" {
				return nil
			}
			lex.Next()
			u.Post = append(u.Post, &PostOp{Pos: t.Pos, IncDec: t.Value})
		default:
			return nil
		}
	}
}

// parsePostMember parses .Name, ::Name, .$var, .'name', .(expr) and an
// optional method call.
func parsePostMember(lex *lexer.PeekingLexer) (*PostOp, error) {
	dot := lex.Next()
	op := &PostOp{Pos: dot.Pos, Dot: dot.Value}
	t := lex.Peek()
	switch t.Type {
	case tMember:
		op.Member = lex.Next().Value
	case tVar:
		op.DynVar = lex.Next().Value
	case tStr:
		n := lex.Next()
		op.DynStr = &StringLit{Pos: n.Pos, Value: n.Value}
	case tSOpen:
		es, err := parseExpandString(lex)
		if err != nil {
			return nil, err
		}
		op.DynExp = es
	case tLParen:
		pe, err := parseParen(lex)
		if err != nil {
			return nil, err
		}
		op.DynExpr = pe
	case tSubExpr:
		lex.Next()
		list, err := subStatementList(lex)
		if err != nil {
			return nil, err
		}
		if _, err := expect(lex, tRParen); err != nil {
			return nil, err
		}
		op.DynSub = &SubExpr{Pos: t.Pos, List: list}
	case tLBrace:
		sb, err := parseScriptBlock(lex)
		if err != nil {
			return nil, err
		}
		op.DynBlock = sb
	default:
		return nil, unexpected(t)
	}
	if g := lex.Peek(); g.Type == tGeneric {
		lex.Next()
		op.Generic = splitTypeList(g.Value)
	}
	if b := lex.Peek(); b.Type == tMBrace {
		// .M{ ... } calls M with the script block as its one argument
		sb, err := parseScriptBlock(lex)
		if err != nil {
			return nil, err
		}
		op.Call = true
		op.Args = []*Expr{{Pos: b.Pos, First: &Unary{Pos: b.Pos, Primary: sb}}}
		return op, nil
	}
	if lex.Peek().Type == tMParen {
		lex.Next()
		op.Call = true
		if lex.Peek().Type != tRParen {
			for {
				a := &Expr{}
				if err := mustExpr(lex, a); err != nil {
					return nil, err
				}
				op.Args = append(op.Args, a)
				if lex.Peek().Type != tArgSep {
					break
				}
				lex.Next()
			}
		}
		if _, err := expect(lex, tRParen); err != nil {
			return nil, err
		}
	}
	return op, nil
}

// parsePrimary parses one operand; it returns NextMatch without consuming
// anything when the next token starts none.
func parsePrimary(lex *lexer.PeekingLexer) (Primary, error) {
	t := lex.Peek()
	switch t.Type {
	case tVar:
		lex.Next()
		return &VarExpr{Pos: t.Pos, Name: t.Value}, nil
	case tStr:
		lex.Next()
		return &StringLit{Pos: t.Pos, Value: t.Value}, nil
	case tNum:
		lex.Next()
		return &NumberLit{Pos: t.Pos, Text: t.Value}, nil
	case tWord:
		lex.Next()
		return &BareWord{Pos: t.Pos, Value: t.Value}, nil
	case tSOpen:
		return parseExpandString(lex)
	case tLParen:
		return parseParen(lex)
	case tSubExpr, tArrExpr:
		lex.Next()
		list, err := subStatementList(lex)
		if err != nil {
			return nil, err
		}
		if _, err := expect(lex, tRParen); err != nil {
			return nil, err
		}
		if t.Type == tSubExpr {
			return &SubExpr{Pos: t.Pos, List: list}, nil
		}
		return &ArrayExpr{Pos: t.Pos, List: list}, nil
	case tHashOpen:
		return parseHash(lex)
	case tLBrace:
		return parseScriptBlock(lex)
	case tType:
		lex.Next()
		te := &TypeExpr{Pos: t.Pos, Name: t.Value}
		if startsOperand(lex.Peek().Type) {
			op := &Unary{}
			if err := op.Parse(lex); err != nil {
				return nil, err
			}
			te.Operand = op
		}
		return te, nil
	case tCStart:
		return parseCompound(lex)
	case tAttrOpen:
		// attributes on a variable: [ValidateRange(1,5)][int]$x = 3
		var attrs []*Attribute
		for lex.Peek().Type == tAttrOpen {
			a := &Attribute{}
			if err := a.Parse(lex); err != nil {
				return nil, err
			}
			attrs = append(attrs, a)
		}
		inner, err := parsePrimary(lex)
		if err != nil {
			if err == participle.NextMatch {
				return nil, unexpected(lex.Peek())
			}
			return nil, err
		}
		te, ok := inner.(*TypeExpr)
		if !ok {
			te = &TypeExpr{Pos: t.Pos, Name: "System.Object", Operand: &Unary{Pos: t.Pos, Primary: inner}}
		}
		te.Attrs = attrs
		return te, nil
	}
	return nil, participle.NextMatch
}

// parseScriptBlock parses { script block } (the opening token is next).
func parseScriptBlock(lex *lexer.PeekingLexer) (*ScriptBlockExpr, error) {
	t := lex.Next()
	body := &ScriptBlockBody{}
	if err := body.Parse(lex); err != nil {
		return nil, err
	}
	end, err := expect(lex, tRBrace)
	if err != nil {
		return nil, err
	}
	endPos := end.Pos
	endPos.Offset++
	endPos.Column++
	return &ScriptBlockExpr{Pos: t.Pos, EndPos: endPos, Body: body}, nil
}

// splitTypeList splits "T1, T2[int, string]" at its top-level commas.
func splitTypeList(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// startsOperand reports whether a token can start the operand of a cast.
func startsOperand(t lexer.TokenType) bool {
	switch t {
	case tVar, tStr, tNum, tSOpen, tLParen, tSubExpr, tArrExpr, tHashOpen, tLBrace, tType, tOp, tCStart:
		return true
	}
	return false
}

func parseParen(lex *lexer.PeekingLexer) (*ParenExpr, error) {
	open := lex.Next()
	st := &PipelineStatement{}
	if err := st.Parse(lex); err != nil {
		if err == participle.NextMatch {
			return nil, &Error{Pos: open.Pos, Msg: "An expression was expected after '('.", Incomplete: lex.Peek().EOF()}
		}
		return nil, err
	}
	if _, err := expect(lex, tRParen); err != nil {
		return nil, err
	}
	return &ParenExpr{Pos: open.Pos, Stmt: st}, nil
}

// parseSubPart parses $( statements ) inside a string or compound argument.
func parseSubPart(lex *lexer.PeekingLexer) (*StatementList, error) {
	lex.Next()
	list, err := subStatementList(lex)
	if err != nil {
		return nil, err
	}
	if _, err := expect(lex, tRParen); err != nil {
		return nil, err
	}
	return list, nil
}

func subStatementList(lex *lexer.PeekingLexer) (*StatementList, error) {
	l := &StatementList{}
	if err := l.Parse(lex); err != nil {
		return nil, err
	}
	return l, nil
}

func parseExpandString(lex *lexer.PeekingLexer) (*ExpandString, error) {
	open := lex.Next()
	es := &ExpandString{Pos: open.Pos, Open: open.Value}
	for {
		t := lex.Peek()
		switch t.Type {
		case tSText:
			lex.Next()
			es.Parts = append(es.Parts, &StringPart{Pos: t.Pos, Text: t.Value})
		case tSVar:
			lex.Next()
			es.Parts = append(es.Parts, &StringPart{Pos: t.Pos, Var: t.Value})
		case tSSub:
			list, err := parseSubPart(lex)
			if err != nil {
				return nil, err
			}
			es.Parts = append(es.Parts, &StringPart{Pos: t.Pos, Sub: list})
		case tSClose:
			lex.Next()
			return es, nil
		default:
			return nil, unexpected(t)
		}
	}
}

func parseCompound(lex *lexer.PeekingLexer) (*CompoundArg, error) {
	open := lex.Next()
	ca := &CompoundArg{Pos: open.Pos}
	for {
		t := lex.Peek()
		switch t.Type {
		case tWord:
			lex.Next()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, Word: t.Value})
		case tStr:
			lex.Next()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, Str: &StringLit{Pos: t.Pos, Value: t.Value}})
		case tVar:
			lex.Next()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, Var: t.Value})
		case tSOpen:
			es, err := parseExpandString(lex)
			if err != nil {
				return nil, err
			}
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, Exp: es})
		case tSSub:
			list, err := parseSubPart(lex)
			if err != nil {
				return nil, err
			}
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, Sub: list})
		case tCEnd:
			lex.Next()
			return ca, nil
		default:
			return nil, unexpected(t)
		}
	}
}

func parseHash(lex *lexer.PeekingLexer) (*HashLiteral, error) {
	open := lex.Next()
	h := &HashLiteral{Pos: open.Pos}
	for {
		for lex.Peek().Type == tTerm {
			lex.Next()
		}
		t := lex.Peek()
		if t.Type == tRBrace {
			lex.Next()
			return h, nil
		}
		key := &Unary{}
		if err := key.Parse(lex); err != nil {
			if err == participle.NextMatch {
				return nil, unexpected(t)
			}
			return nil, err
		}
		if _, err := expect(lex, tAssign); err != nil {
			return nil, err
		}
		value, err := parseStatement(lex)
		if err != nil {
			if err == participle.NextMatch {
				return nil, unexpected(lex.Peek())
			}
			return nil, err
		}
		h.Entries = append(h.Entries, &HashEntry{Pos: t.Pos, Key: key, Value: value})
	}
}

// statementHolder lets a single statement be parsed by a sub-parser.
type statementHolder struct {
	Stmt Statement `parser:"@@"`
}

// Parse parses elements joined by |.
func (p *Pipeline) Parse(lex *lexer.PeekingLexer) error {
	p.Pos = lex.Peek().Pos
	el, err := parsePipeElement(lex)
	if err != nil {
		return err
	}
	p.Elems = append(p.Elems, el)
	for lex.Peek().Type == tPipe {
		bar := lex.Next()
		el, err := parsePipeElement(lex)
		if err == participle.NextMatch {
			t := lex.Peek()
			if t.EOF() {
				return &Error{Pos: t.Pos, Msg: "An empty pipe element is not allowed.", Incomplete: true}
			}
			return &Error{Pos: bar.Pos, Msg: "An empty pipe element is not allowed."}
		}
		if err != nil {
			return err
		}
		p.Elems = append(p.Elems, el)
	}
	return nil
}

// parsePipeElement parses a command or an expression with redirections.
func parsePipeElement(lex *lexer.PeekingLexer) (PipeElement, error) {
	switch lex.Peek().Type {
	case tCall, tCmd:
		c := &Command{}
		if err := c.Parse(lex); err != nil {
			return nil, err
		}
		return c, nil
	}
	start := lex.Peek()
	e := &Expr{}
	if err := e.Parse(lex); err != nil {
		return nil, err
	}
	ce := &CommandExpression{Pos: start.Pos, Expr: e}
	for {
		r, err := parseRedirection(lex)
		if err == participle.NextMatch {
			return ce, nil
		}
		if err != nil {
			return nil, err
		}
		ce.Redirs = append(ce.Redirs, r)
	}
}

func parseRedirection(lex *lexer.PeekingLexer) (*Redirection, error) {
	t := lex.Peek()
	switch t.Type {
	case tRedirM:
		lex.Next()
		return &Redirection{Pos: t.Pos, Merge: t.Value}, nil
	case tRedir:
		lex.Next()
		target := &Unary{}
		if err := target.Parse(lex); err != nil {
			if err == participle.NextMatch {
				return nil, &Error{Pos: t.Pos, Msg: "Missing file specification after redirection operator."}
			}
			return nil, err
		}
		return &Redirection{Pos: t.Pos, Op: t.Value, Target: target}, nil
	}
	return nil, participle.NextMatch
}

// Parse parses a command: a name or a call operator and target, then its
// parameters, arguments, splats and redirections.
func (c *Command) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	c.Pos = t.Pos
	switch t.Type {
	case tCall:
		lex.Next()
		c.Call = t.Value
		if lex.Peek().Type == tCmd {
			c.Name = lex.Next().Value
			break
		}
		target := &Unary{}
		if err := target.Parse(lex); err != nil {
			if err == participle.NextMatch {
				return &Error{Pos: t.Pos, Msg: "Missing expression after '" + t.Value + "' in pipeline element."}
			}
			return err
		}
		c.Target = target
	case tCmd:
		c.Name = lex.Next().Value
	default:
		return participle.NextMatch
	}
	for {
		t := lex.Peek()
		switch t.Type {
		case tParam:
			lex.Next()
			c.Elements = append(c.Elements, &CommandParameter{Pos: t.Pos, Name: t.Value})
			continue
		case tParamC:
			lex.Next()
			arg := &Unary{}
			if err := arg.Parse(lex); err != nil {
				if err == participle.NextMatch {
					return &Error{Pos: t.Pos, Msg: "Missing argument for parameter '" + t.Value + "'."}
				}
				return err
			}
			c.Elements = append(c.Elements, &CommandParameter{Pos: t.Pos, Name: t.Value, Arg: arg})
			continue
		case tSplat:
			lex.Next()
			c.Elements = append(c.Elements, &Splat{Pos: t.Pos, Name: t.Value})
			continue
		case tRedir, tRedirM:
			r, err := parseRedirection(lex)
			if err != nil {
				return err
			}
			c.Elements = append(c.Elements, r)
			continue
		}
		e := &Expr{}
		err := e.Parse(lex)
		if err == participle.NextMatch {
			c.EndPos = lex.Peek().Pos
			return nil
		}
		if err != nil {
			return err
		}
		c.Elements = append(c.Elements, &CommandArgument{Pos: t.Pos, Expr: e})
	}
}
