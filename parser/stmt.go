package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Statement lists, pipeline statements, script block bodies and param
// blocks are parsed by hand too; participle parses the keyword statements
// (if, foreach, for, while, do, switch, try, trap, return, throw, exit,
// break, continue, function, class, enum, labeled loops):
//
//	ScriptBlockBody   = { Term } { Using { Term } } [ ParamBlock { Term } ] { NamedBlock { Term } } StatementList .
//	StatementList     = { Term } { Statement ( Term { Term } | <after "}"> ) } .
//	Statement         = KeywordStatement | PipelineStatement .
//	PipelineStatement = Pipeline [ Assign Statement ] { Chain { Term } Pipeline } .
//	ParamBlock        = { Attribute { Term } } "param" LParen [ Parameter { ArgSep Parameter } ] RParen .
//	Parameter         = { Attribute | Type } Var [ Assign Expr ] .
//	Attribute         = AttrOpen [ AttrArg { ArgSep AttrArg } ] RParen AttrClose .
//	AttrArg           = Word [ Assign Expr ] | Expr .

func skipTerms(lex *lexer.PeekingLexer) {
	for lex.Peek().Type == tTerm {
		lex.Next()
	}
}

// prevToken returns the token consumed last.
func prevToken(lex *lexer.PeekingLexer) *lexer.Token {
	c := lex.RawCursor()
	if c == 0 {
		return nil
	}
	return &lex.Range(c-1, c)[0]
}

// Parse parses a statement list up to a closing bracket or the end.
func (l *StatementList) Parse(lex *lexer.PeekingLexer) error {
	l.Pos = lex.Peek().Pos
	skipTerms(lex)
	for {
		t := lex.Peek()
		switch t.Type {
		case lexer.EOF, tRBrace, tRParen:
			return nil
		}
		st, err := parseStatement(lex)
		if err != nil {
			if err == participle.NextMatch {
				return unexpected(t)
			}
			return err
		}
		l.Stmts = append(l.Stmts, st)
		next := lex.Peek()
		switch next.Type {
		case tTerm:
			skipTerms(lex)
			continue
		case lexer.EOF, tRBrace, tRParen:
			continue
		}
		// a statement that ends with a block needs no terminator
		if prev := prevToken(lex); prev != nil && prev.Type == tRBrace {
			continue
		}
		return unexpected(next)
	}
}

// parseStatement parses one statement.
func parseStatement(lex *lexer.PeekingLexer) (Statement, error) {
	t := lex.Peek()
	switch t.Type {
	case tKw:
		if t.Value == "using" {
			u := &UsingStatement{}
			if err := u.Parse(lex); err != nil {
				return nil, err
			}
			return u, nil
		}
		fallthrough
	case tLabel:
		h, err := statementParser.ParseFromLexer(lex, participle.AllowTrailing(true))
		if err != nil {
			return nil, err
		}
		return h.Stmt, nil
	case tAttrOpen:
		// [Flags()] enum X { } : attributes of a type definition
		cp := lex.Checkpoint
		for lex.Peek().Type == tAttrOpen {
			if err := (&Attribute{}).Parse(lex); err != nil {
				break
			}
			skipTerms(lex)
		}
		if k := lex.Peek(); k.Type == tKw && (k.Value == "enum" || k.Value == "class") {
			return parseStatement(lex)
		}
		lex.Checkpoint = cp
	}
	ps := &PipelineStatement{}
	if err := ps.Parse(lex); err != nil {
		return nil, err
	}
	return ps, nil
}

// Parse parses a pipeline, maybe assigned or chained.
func (p *PipelineStatement) Parse(lex *lexer.PeekingLexer) error {
	start := lex.Peek()
	left := &Pipeline{}
	if err := left.Parse(lex); err != nil {
		return err
	}
	p.Pos, p.Left = start.Pos, left
	if t := lex.Peek(); t.Type == tAssign {
		lex.Next()
		p.Op = t.Value
		right, err := parseStatement(lex)
		if err != nil {
			if err == participle.NextMatch {
				return &Error{Pos: t.Pos, Msg: "You must provide a value expression following the '" + t.Value + "' operator.", Incomplete: lex.Peek().EOF()}
			}
			return err
		}
		p.Right = right
	}
	for lex.Peek().Type == tChain {
		op := lex.Next()
		skipTerms(lex)
		next := &Pipeline{}
		if err := next.Parse(lex); err != nil {
			if err == participle.NextMatch {
				return unexpected(lex.Peek())
			}
			return err
		}
		p.Chain = append(p.Chain, &ChainOp{Pos: op.Pos, Op: op.Value, Next: next})
	}
	if t := lex.Peek(); t.Type == tBadWord && t.Value == "&" {
		// cmd & runs the pipeline as a background job
		lex.Next()
		p.Background = true
	}
	p.EndPos = lex.Peek().Pos
	return nil
}

// Parse parses what a script block holds.
func (b *ScriptBlockBody) Parse(lex *lexer.PeekingLexer) error {
	b.Pos = lex.Peek().Pos
	skipTerms(lex)
	for t := lex.Peek(); t.Type == tKw && t.Value == "using"; t = lex.Peek() {
		u := &UsingStatement{}
		if err := u.Parse(lex); err != nil {
			return err
		}
		b.Usings = append(b.Usings, u)
		skipTerms(lex)
	}
	if t := lex.Peek(); t.Type == tAttrOpen || t.Type == tKw && t.Value == "param" {
		// attributes start a param block only when 'param' follows them
		cp := lex.Checkpoint
		pb := &ParamBlock{}
		err := pb.Parse(lex)
		switch {
		case err == nil:
			b.Param = pb
			skipTerms(lex)
		case t.Type == tAttrOpen && !attrsBeforeParam(lex, cp):
			lex.Checkpoint = cp
		default:
			return err
		}
	}
	for {
		t := lex.Peek()
		if t.Type != tKw {
			break
		}
		switch t.Value {
		case "begin", "process", "end", "dynamicparam", "clean":
		default:
			goto stmts
		}
		lex.Next()
		open, err := expect(lex, tLBrace)
		if err != nil {
			return err
		}
		list := &StatementList{}
		if err := list.Parse(lex); err != nil {
			return err
		}
		end, err := expect(lex, tRBrace)
		if err != nil {
			return err
		}
		b.Named = append(b.Named, &NamedBlock{Pos: t.Pos, Name: t.Value, Body: &StatementBlock{Pos: open.Pos, EndPos: end.Pos, List: list}})
		skipTerms(lex)
	}
stmts:
	list := &StatementList{}
	if err := list.Parse(lex); err != nil {
		return err
	}
	if len(b.Named) > 0 && len(list.Stmts) > 0 {
		return unexpected(firstToken(lex, list))
	}
	b.Stmts = list
	return nil
}

// attrsBeforeParam reports whether the attributes at cp are followed by
// the param keyword.
func attrsBeforeParam(lex *lexer.PeekingLexer, cp lexer.Checkpoint) bool {
	saved := lex.Checkpoint
	defer func() { lex.Checkpoint = saved }()
	lex.Checkpoint = cp
	for lex.Peek().Type == tAttrOpen {
		if err := (&Attribute{}).Parse(lex); err != nil {
			return false
		}
		skipTerms(lex)
	}
	t := lex.Peek()
	return t.Type == tKw && t.Value == "param"
}

// firstToken finds the token at which a statement list starts.
func firstToken(lex *lexer.PeekingLexer, list *StatementList) *lexer.Token {
	p := StatementPos(list.Stmts[0])
	return &lexer.Token{Type: tBadWord, Value: "statement", Pos: p}
}

// Parse parses using namespace X / using module X.
func (u *UsingStatement) Parse(lex *lexer.PeekingLexer) error {
	kw := lex.Next()
	u.Pos = kw.Pos
	kind, err := expect(lex, tWord)
	if err != nil {
		return err
	}
	name, err := expect(lex, tWord)
	if err != nil {
		return err
	}
	u.Kind, u.Name = kind.Value, name.Value
	return nil
}

// Parse parses [attributes] param( parameters ).
func (pb *ParamBlock) Parse(lex *lexer.PeekingLexer) error {
	pb.Pos = lex.Peek().Pos
	for lex.Peek().Type == tAttrOpen {
		a := &Attribute{}
		if err := a.Parse(lex); err != nil {
			return err
		}
		pb.Attrs = append(pb.Attrs, a)
		skipTerms(lex)
	}
	if t := lex.Peek(); t.Type != tKw || t.Value != "param" {
		return unexpected(t)
	}
	lex.Next()
	if _, err := expect(lex, tLParen); err != nil {
		return err
	}
	params, err := parseParamList(lex)
	if err != nil {
		return err
	}
	pb.Params = params
	_, err = expect(lex, tRParen)
	return err
}

// parseParamList parses parameters separated by commas, up to ')'.
func parseParamList(lex *lexer.PeekingLexer) ([]*Parameter, error) {
	var out []*Parameter
	if lex.Peek().Type == tRParen {
		return nil, nil
	}
	for {
		p := &Parameter{}
		if err := p.Parse(lex); err != nil {
			if err == participle.NextMatch {
				return nil, unexpected(lex.Peek())
			}
			return nil, err
		}
		out = append(out, p)
		if lex.Peek().Type != tArgSep {
			return out, nil
		}
		lex.Next()
	}
}

// Parse parses [Name(args)].
func (a *Attribute) Parse(lex *lexer.PeekingLexer) error {
	open := lex.Peek()
	if open.Type != tAttrOpen {
		return participle.NextMatch
	}
	lex.Next()
	a.Pos, a.Name = open.Pos, open.Value
	if lex.Peek().Type != tRParen {
		for {
			arg := &AttrArg{}
			if err := arg.Parse(lex); err != nil {
				return err
			}
			a.Args = append(a.Args, arg)
			if lex.Peek().Type != tArgSep {
				break
			}
			lex.Next()
		}
	}
	if _, err := expect(lex, tRParen); err != nil {
		return err
	}
	_, err := expect(lex, tAttrClose)
	return err
}

// Parse parses Name, Name = value, or value.
func (a *AttrArg) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	a.Pos = t.Pos
	if t.Type == tWord {
		lex.Next()
		a.Name = t.Value
		if lex.Peek().Type == tAssign {
			lex.Next()
			a.Value = &Expr{}
			return mustExpr(lex, a.Value)
		}
		return nil
	}
	a.Value = &Expr{}
	return mustExpr(lex, a.Value)
}

// Parse parses a parameter: attributes and type constraints, the variable
// and a default.
func (p *Parameter) Parse(lex *lexer.PeekingLexer) error {
	p.Pos = lex.Peek().Pos
	for {
		pa := &ParamAttr{}
		err := pa.Parse(lex)
		if err == participle.NextMatch {
			break
		}
		if err != nil {
			return err
		}
		p.Attrs = append(p.Attrs, pa)
	}
	t := lex.Peek()
	if t.Type != tVar {
		if len(p.Attrs) == 0 {
			return participle.NextMatch
		}
		return unexpected(t)
	}
	lex.Next()
	p.Name = t.Value
	if lex.Peek().Type == tAssign {
		lex.Next()
		p.Default = &Expr{}
		return mustExpr(lex, p.Default)
	}
	return nil
}

// Parse parses an attribute or a type constraint.
func (pa *ParamAttr) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	pa.Pos = t.Pos
	switch t.Type {
	case tAttrOpen:
		a := &Attribute{}
		if err := a.Parse(lex); err != nil {
			return err
		}
		pa.Attr = a
		return nil
	case tType:
		lex.Next()
		pa.Type = t.Value
		return nil
	}
	return participle.NextMatch
}

// Parse parses ": base(arguments)" after a constructor's parameters.
func (b *BaseCall) Parse(lex *lexer.PeekingLexer) error {
	colon := lex.Peek()
	if colon.Type != tColon {
		return participle.NextMatch
	}
	lex.Next()
	b.Pos = colon.Pos
	if kw := lex.Peek(); kw.Type != tKw || kw.Value != "base" {
		// consume it, so that the grammar takes this error rather than
		// backtracking from the optional base call
		lex.Next()
		after := colon.Pos
		after.Offset++
		after.Column++
		return &Error{Pos: after, Msg: "Missing 'base' after ':' in a base class constructor call.", Incomplete: kw.EOF()}
	}
	lex.Next()
	if _, err := expect(lex, tMParen); err != nil {
		return err
	}
	if lex.Peek().Type != tRParen {
		for {
			a := &Expr{}
			if err := mustExpr(lex, a); err != nil {
				return err
			}
			b.Args = append(b.Args, a)
			if lex.Peek().Type != tArgSep {
				break
			}
			lex.Next()
		}
	}
	_, err := expect(lex, tRParen)
	return err
}
