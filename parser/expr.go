package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Pipelines, commands and expressions, after PowerShell's parser
// (Parser.cs). Expressions are the hot path of parsing: every operand of
// every command is one.
//
//	pipeline-chain: expression assignment-op statement | pipeline { ('&&' | '||') pipeline } [ '&' ]
//	pipeline:       (expression redirection* | command) { '|' command }
//	command:        ( name | ('&' | '.') name-expr ) { parameter | argument | redirection }
//	expression:     binary [ '?' expression ':' expression ]
//	binary:         array { binary-op array }      (folded by precedence in check)
//	array:          unary { ',' unary }
//	unary:          { prefix-op } ( [type] unary | attribute unary | primary { post-op } )
//	primary:        variable | number | string | '(' pipeline ')' | '$(' statements ')' | '@(' statements ')'
//	              | '@{' key '=' statement ... '}' | '{' script-block '}' | word

// errorExpr returns an operand that stands for a missing expression.
func errorExpr(start, end int, pos Pos) *Expr {
	u := &Unary{Pos: pos, End: end, Primary: &ErrorExpr{Pos: pos, End: end}}
	return &Expr{Pos: pos, End: end, First: u}
}

// errorUnary returns a unary that stands for a missing operand.
func errorUnary(end int, pos Pos) *Unary {
	return &Unary{Pos: pos, End: end, Primary: &ErrorExpr{Pos: pos, End: end}}
}

// pipelineChain parses an assignment or pipelines chained with && and
// ||, or returns nil when no pipeline starts here.
func (p *parser) pipelineChain() *PipelineStatement {
	startTok := p.tok()
	var expr *Expr
	if p.startsExpression() {
		expr = p.expression()
	}
	if expr != nil && p.typ() == tAssign {
		op := p.advance()
		p.skipNewlines()
		ps := &PipelineStatement{Pos: startTok.Pos, Op: p.toks[op].Value,
			Left: &Pipeline{Pos: expr.Pos, End: expr.End, Elems: []PipeElement{&CommandExpression{Pos: expr.Pos, End: expr.End, Expr: expr}}}}
		right := p.statement()
		if right == nil {
			at := p.end(op)
			p.reportInc("ExpectedValueExpression", at, at, at, p.toks[op].Value)
			right = &ErrorStatement{Pos: p.position(at), End: at}
		}
		ps.Right = right
		ps.End = StatementEndOffset(right)
		ps.EndPos = p.tok().Pos
		return ps
	}
	var ps *PipelineStatement
	chainOp := -1
	for {
		first := p.i
		pl := p.pipeline(expr)
		expr = nil
		if pl == nil {
			if chainOp < 0 {
				return nil
			}
			op := p.toks[chainOp].Value
			switch ft := p.toks[first]; {
			case ft.Type == lexer.EOF:
				p.reportInc("EmptyPipelineChainElement", p.end(chainOp), p.end(chainOp), p.end(chainOp), op)
			case ft.Type == tCall:
				// the command rule has reported it
			default:
				p.report("EmptyPipelineChainElement", p.start(chainOp), p.end(first), op)
			}
			ps.End = p.end(chainOp)
			ps.EndPos = p.tok().Pos
			return ps
		}
		if ps == nil {
			ps = &PipelineStatement{Pos: pl.Pos, Left: pl}
		} else {
			ps.Chain = append(ps.Chain, &ChainOp{Pos: p.toks[chainOp].Pos, End: pl.End, Op: p.toks[chainOp].Value, Next: pl})
		}
		ps.End = pl.End
		next := p.tok()
		if isAmpersand(next) {
			amp := p.advance()
			if p.typ() == tChain {
				c := p.advance()
				p.report("BackgroundOperatorInPipelineChain", p.start(c), p.end(c))
				ps.End = p.end(c)
				ps.EndPos = p.tok().Pos
				return ps
			}
			ps.Background = true
			ps.End = p.end(amp)
			ps.EndPos = p.tok().Pos
			return ps
		}
		if next.Type != tChain {
			ps.EndPos = p.tok().Pos
			return ps
		}
		chainOp = p.advance()
		p.skipNewlines()
		if p.typ() == lexer.EOF {
			at := p.end(chainOp)
			p.reportInc("EmptyPipelineChainElement", at, at, at)
			ps.EndPos = p.tok().Pos
			return ps
		}
	}
}

// startsExpression reports whether the next token starts an expression
// (rather than a command).
func (p *parser) startsExpression() bool {
	t := p.tok()
	switch t.Type {
	case tVar, tSplat, tNum, tStr, tSOpen, tLParen, tSubExpr, tArrExpr, tHashOpen, tLBrace, tType, tAttrOpen:
		return true
	case tOp:
		return unaryCapable(t.Value)
	case tComma:
		return !p.noComma
	case tBadWord:
		// a '[' without a type name: read as an operand, to be reported
		return t.Value == "["
	}
	return false
}

// isPipelineEnd reports tokens that end a command or pipeline element.
func isPipelineEnd(t *lexer.Token) bool {
	switch {
	case t.Type == tPipe || t.Type == lexer.EOF || t.Type == tTerm || t.Type == tChain || t.Type == tSemi:
		return true
	case isRCurly(t) || isRParen(t) || isAmpersand(t):
		return true
	}
	return false
}

// pipeline parses commands joined by '|'; first is an expression already
// read that starts it. It returns nil when no element starts here.
func (p *parser) pipeline(first *Expr) *Pipeline {
	pl := &Pipeline{Pos: p.tok().Pos}
	if first != nil {
		pl.Pos = first.Pos
	}
	pipe := -1
	for {
		expr := first
		first = nil
		if expr == nil && p.startsExpression() {
			expr = p.expression()
		}
		var el PipeElement
		if expr != nil {
			if len(pl.Elems) > 0 {
				p.report("ExpressionsMustBeFirstInPipeline", expr.Pos.Offset, expr.End)
			}
			ce := &CommandExpression{Pos: expr.Pos, End: expr.End, Expr: expr}
			for p.typ() == tRedir || p.typ() == tRedirM {
				if r := p.redirection(ce.Redirs); r != nil {
					ce.Redirs = append(ce.Redirs, r)
					ce.End = r.End
				}
			}
			el = ce
		} else if c := p.command(); c != nil {
			el = c
		}
		if el != nil {
			pl.Elems = append(pl.Elems, el)
			pl.End = pipeElemEnd(el)
		} else if len(pl.Elems) > 0 || p.typ() == tPipe {
			if pipe >= 0 {
				at := p.end(pipe)
				p.reportInc("EmptyPipeElement", at, at, at)
			} else {
				p.reportInc("EmptyPipeElement", p.start(p.i), p.end(p.i), p.end(p.i))
			}
		}
		next := p.tok()
		switch {
		case next.Type == tPipe:
			pipe = p.advance()
			p.skipNewlines()
			if p.typ() == lexer.EOF {
				at := p.end(pipe)
				p.reportInc("EmptyPipeElement", at, at, at)
			} else {
				continue
			}
		case isPipelineEnd(next):
		default:
			p.report("UnexpectedToken", p.start(p.i), p.end(p.i), p.text(p.i))
		}
		break
	}
	if len(pl.Elems) == 0 {
		return nil
	}
	pl.EndPos = p.tok().Pos
	return pl
}

// pipeElemEnd returns where a pipeline element ends.
func pipeElemEnd(el PipeElement) int {
	switch el := el.(type) {
	case *Command:
		return el.End
	case *CommandExpression:
		return el.End
	}
	return 0
}

// command parses a command: a name, or '&' or '.' and what to call, then
// its parameters, arguments and redirections. It returns nil when the next
// token cannot start one.
func (p *parser) command() *Command {
	t := p.tok()
	if isPipelineEnd(t) {
		return nil
	}
	c := &Command{Pos: t.Pos}
	nameCtx := true
	if t.Type == tCall {
		c.Call = t.Value
		ci := p.advance()
		c.End = p.end(ci)
		switch nt := p.tok(); {
		case nt.Type == tCmd:
			n := p.advance()
			c.Name, c.NameAt, c.NameEnd, c.End = nt.Value, p.start(n), p.end(n), p.end(n)
		case isPipelineEnd(nt) || nt.Type == tComma:
		default:
			if u := p.commandArgumentUnary(); u != nil {
				c.Target, c.End = u, u.End
			}
		}
		if c.Name == "" && c.Target == nil {
			p.report("MissingExpression", p.start(ci), p.end(ci), p.toks[ci].Value)
			return nil
		}
		nameCtx = false
	}
	for {
		t := p.tok()
		if isPipelineEnd(t) {
			break
		}
		switch t.Type {
		case tComma:
			i := p.advance()
			p.report("MissingArgument", p.start(i), p.end(i))
			p.skipNewlines()
			continue
		case tParam, tParamC:
			if nameCtx {
				break
			}
			i := p.advance()
			cp := &CommandParameter{Pos: t.Pos, End: p.end(i), NameEnd: p.end(i), Name: t.Value}
			if t.Type == tParamC && p.typ() != tComma {
				arg := p.commandArgument()
				if arg == nil {
					at := p.end(i)
					p.report("ParameterRequiresArgument", at, at, p.text(i))
				} else {
					cp.Arg, cp.End = argUnary(arg), arg.End
				}
			}
			c.Elements = append(c.Elements, cp)
			c.End = cp.End
			continue
		case tRedir, tRedirM:
			if nameCtx {
				break
			}
			if r := p.redirection(c.redirections()); r != nil {
				c.Elements = append(c.Elements, r)
				c.End = r.End
			}
			continue
		case tSplat:
			if nameCtx {
				break
			}
			i := p.advance()
			c.Elements = append(c.Elements, &Splat{Pos: t.Pos, End: p.end(i), Name: t.Value})
			c.End = p.end(i)
			continue
		}
		if nameCtx {
			// the command name: a generic token, or any token where
			// PowerShell takes its text as the name (a keyword, an
			// operator)
			nameCtx = false
			n := p.advance()
			c.Name, c.NameAt, c.NameEnd, c.End = p.commandName(n), p.start(n), p.end(n), p.end(n)
			continue
		}
		arg := p.commandArgument()
		if arg == nil {
			// a token no argument starts with
			i := p.advance()
			u := &Unary{Pos: t.Pos, End: p.end(i), Primary: &BareWord{Pos: t.Pos, End: p.end(i), Value: p.text(i)}}
			arg = &Expr{Pos: t.Pos, End: p.end(i), First: u}
		}
		c.Elements = append(c.Elements, &CommandArgument{Pos: arg.Pos, End: arg.End, Expr: arg})
		c.End = arg.End
	}
	c.EndPos = p.tok().Pos
	return c
}

// commandName returns the name a command name token gives.
func (p *parser) commandName(i int) string {
	t := p.toks[i]
	switch t.Type {
	case tCmd, tWord:
		return t.Value
	}
	return p.text(i)
}

// redirections returns the redirections of a command read so far.
func (c *Command) redirections() []*Redirection {
	var out []*Redirection
	for _, el := range c.Elements {
		if r, ok := el.(*Redirection); ok {
			out = append(out, r)
		}
	}
	return out
}

// argUnary returns a command argument as one operand: a comma list is an
// array literal in implicit parentheses.
func argUnary(e *Expr) *Unary {
	if len(e.Rest) == 0 && e.Ternary == nil {
		return e.First
	}
	pl := &Pipeline{Pos: e.Pos, End: e.End, Elems: []PipeElement{&CommandExpression{Pos: e.Pos, End: e.End, Expr: e}}}
	ps := &PipelineStatement{Pos: e.Pos, End: e.End, Left: pl}
	return &Unary{Pos: e.Pos, End: e.End, Primary: &ParenExpr{Pos: e.Pos, End: e.End, Stmt: ps, Implicit: true}}
}

// redirection parses a redirection (the operator is next); prev are the
// command's redirections so far.
func (p *parser) redirection(prev []*Redirection) *Redirection {
	t := p.tok()
	i := p.advance()
	r := &Redirection{Pos: t.Pos, End: p.end(i)}
	if t.Type == tRedirM {
		r.Merge = t.Value
		from, to := t.Value[0], t.Value[len(t.Value)-1]
		if to != '1' || from == to {
			p.report("RedirectionNotSupported", p.start(i), p.end(i), p.text(i))
		}
	} else {
		r.Op = t.Value
		target := p.singleCommandArgument()
		if target == nil {
			at := p.end(i)
			p.report("MissingFileSpecification", at, at)
			target = errorUnary(p.end(i), t.Pos)
		} else {
			r.End = target.End
		}
		r.Target = target
		if t.Value == "<" {
			p.report("RedirectionNotSupported", p.start(i), p.end(i), "<")
			return nil
		}
	}
	stream := redirectStream(r)
	for _, o := range prev {
		if redirectStream(o) == stream {
			p.report("StreamAlreadyRedirected", r.Pos.Offset, r.End, streamName(stream))
			break
		}
	}
	return r
}

// redirectStream returns the stream a redirection takes: '*', or a digit.
func redirectStream(r *Redirection) byte {
	op := r.Op
	if r.Merge != "" {
		op = r.Merge
	}
	if op == "" {
		return '1'
	}
	if c := op[0]; c == '*' || c >= '1' && c <= '6' {
		return c
	}
	return '1'
}

// streamName names a stream in an error message (PowerShell's
// ParserStrings: AllStream, OutputStream, ...).
func streamName(s byte) string {
	switch s {
	case '*':
		return "all streams"
	case '2':
		return "error stream"
	case '3':
		return "warning stream"
	case '4':
		return "verbose stream"
	case '5':
		return "debug stream"
	case '6':
		return "information stream"
	}
	return "output stream"
}

// singleCommandArgument parses one command argument without commas (a
// redirection target, a switch -file name), or returns nil.
func (p *parser) singleCommandArgument() *Unary {
	t := p.tok()
	if t.Type == tComma || t.Type == lexer.EOF {
		return nil
	}
	if isPipelineEnd(t) {
		return nil
	}
	return p.commandArgumentUnary()
}

// commandArgument parses a command argument: operands joined by commas
// into an array. It returns nil when none starts here.
func (p *parser) commandArgument() *Expr {
	first := p.commandArgumentUnary()
	if first == nil {
		return nil
	}
	e := &Expr{Pos: first.Pos, End: first.End, First: first}
	for p.typ() == tComma {
		comma := p.advance()
		p.skipNewlines()
		t := p.tok()
		if isPipelineEnd(t) || t.Type == tRedir || t.Type == tRedirM || t.Type == tComma {
			at := p.end(comma)
			p.reportInc("MissingExpression", at, at, at, ",")
			e.Rest = append(e.Rest, &BinRest{Pos: p.toks[comma].Pos, End: at, Op: ",", Right: errorUnary(at, p.position(at))})
			e.End = at
			return e
		}
		u := p.commandArgumentUnary()
		if u == nil {
			i := p.advance()
			u = &Unary{Pos: p.toks[i].Pos, End: p.end(i), Primary: &BareWord{Pos: p.toks[i].Pos, End: p.end(i), Value: p.text(i)}}
		}
		e.Rest = append(e.Rest, &BinRest{Pos: p.toks[comma].Pos, End: u.End, Op: ",", Right: u})
		e.End = u.End
	}
	return e
}

// commandArgumentUnary parses one command argument: a primary expression
// with member access, a bare word or a compound word. It returns nil when
// none starts here.
func (p *parser) commandArgumentUnary() *Unary {
	t := p.tok()
	switch t.Type {
	case tWord:
		i := p.advance()
		return &Unary{Pos: t.Pos, End: p.end(i), Primary: &BareWord{Pos: t.Pos, End: p.end(i), Value: t.Value}}
	case tNum:
		if _, ok := ParseNumber(t.Value); !ok {
			// not a number in command mode: a generic token
			i := p.advance()
			return &Unary{Pos: t.Pos, End: p.end(i), Primary: &BareWord{Pos: t.Pos, End: p.end(i), Value: t.Value}}
		}
		return p.postfixUnary()
	case tVar, tSplat, tStr, tSOpen, tLParen, tSubExpr, tArrExpr, tHashOpen, tLBrace, tCStart:
		return p.postfixUnary()
	case tType, tAttrOpen, tOp:
		// in argument mode these stand for the text (a cast's brackets
		// are read as a word by the tokenizer); take the operand
		return p.unary()
	}
	return nil
}

// postfixUnary parses a primary with its member access, indexes and
// method calls.
func (p *parser) postfixUnary() *Unary {
	start := p.tok().Pos
	prim := p.primary()
	if prim == nil {
		return nil
	}
	u := &Unary{Pos: start, Primary: prim, End: p.prevEnd()}
	p.postfix(u)
	return u
}

// expression parses an expression: operands joined by binary operators
// and commas, and a ternary tail. It returns nil when no operand starts
// here.
func (p *parser) expression() *Expr {
	first := p.unary()
	if first == nil {
		return nil
	}
	e := &Expr{Pos: first.Pos, End: first.End, First: first}
	for {
		t := p.tok()
		if !p.isBinaryOp(t) {
			break
		}
		op := p.advance()
		p.skipNewlines()
		r := p.unary()
		if r == nil {
			at := p.end(op)
			if p.toks[op].Type == tComma {
				p.reportInc("MissingExpressionAfterToken", at, at, at, ",")
			} else {
				p.reportInc("ExpectedValueExpression", at, at, at, p.text(op))
			}
			r = errorUnary(at, p.position(at))
		}
		e.Rest = append(e.Rest, &BinRest{Pos: p.toks[op].Pos, End: r.End, Op: p.toks[op].Value, OpEnd: p.end(op), Right: r})
		e.End = r.End
	}
	if t := p.tok(); t.Type == tBadWord && isDashWord(t.Value) || t.Type == tParam || t.Type == tParamC {
		// a parameter in an expression: taken as a mistyped operator
		i := p.advance()
		p.report("UnexpectedToken", p.start(i), p.end(i), p.text(i))
		e.Bad = append(e.Bad, p.text(i))
		e.End = p.end(i)
		return e
	}
	if p.typ() == tQuestion {
		q := p.advance()
		p.skipNewlines()
		tr := &Ternary{Pos: p.toks[q].Pos}
		tr.Then = p.expression()
		thenMissing := tr.Then == nil
		if thenMissing {
			at := p.end(q)
			p.reportInc("ExpectedValueExpression", at, at, at, "?")
			tr.Then = errorExpr(at, at, p.position(at))
		}
		p.skipNewlines()
		if p.typ() != tColon {
			if !thenMissing {
				p.reportInc("MissingColonInTernaryExpression", p.start(p.i), p.end(p.i), p.end(p.i))
			}
			tr.Else = errorExpr(tr.Then.End, tr.Then.End, p.position(tr.Then.End))
			tr.End = tr.Then.End
			tr.NoColon = true
			e.Ternary = tr
			e.End = tr.End
			e.Bad = append(e.Bad, "?")
			return e
		}
		c := p.advance()
		p.skipNewlines()
		tr.Else = p.expression()
		if tr.Else == nil {
			at := p.end(c)
			p.reportInc("ExpectedValueExpression", at, at, at, ":")
			tr.Else = errorExpr(at, at, p.position(at))
		}
		tr.End = tr.Else.End
		e.Ternary = tr
		e.End = tr.End
	}
	return e
}

// isDashWord reports whether s looks like a parameter: a dash and a name.
func isDashWord(s string) bool {
	r := []rune(s)
	return len(r) > 1 && isDash(r[0]) && isIdentStart(r[1])
}

// isBinaryOp reports whether t joins two operands here.
func (p *parser) isBinaryOp(t *lexer.Token) bool {
	switch t.Type {
	case tBinOp:
		return true
	case tOp:
		switch t.Value {
		case "!", "-not", "-bnot", "++", "--":
			return false
		}
		return true
	case tComma:
		return !p.noComma
	}
	return false
}

// unary parses prefix operators, then a cast, an attributed expression or
// a primary with its postfix operators. It returns nil when no operand
// starts here.
func (p *parser) unary() *Unary {
	u := &Unary{Pos: p.tok().Pos}
	lastOp := -1
	for {
		t := p.tok()
		if t.Type == tOp && unaryCapable(t.Value) || t.Type == tComma && !p.noComma {
			lastOp = p.advance()
			u.Prefix = append(u.Prefix, t.Value)
			u.PrefixAt = append(u.PrefixAt, p.start(lastOp))
			p.skipNewlines()
			continue
		}
		break
	}
	var prim Primary
	switch t := p.tok(); {
	case t.Type == tType || t.Type == tAttrOpen:
		prim = p.castOrType()
	case t.Type == tBadWord && t.Value == "[":
		// no type name after '[': reported, and no operand here
		p.reportInc("MissingTypename", p.end(p.i), p.end(p.i), p.end(p.i))
	default:
		prim = p.primary()
	}
	if prim == nil {
		if len(u.Prefix) == 0 {
			return nil
		}
		at := p.end(lastOp)
		p.reportInc("MissingExpressionAfterOperator", at, at, at, p.text(lastOp))
		u.Primary = &ErrorExpr{Pos: p.position(at), End: at}
		u.End = at
		return u
	}
	u.Primary = prim
	u.End = p.prevEnd()
	p.postfix(u)
	return u
}

// castOrType parses an attribute or a type literal before an operand:
// [Type]operand, [Type] alone (member access may follow it), or
// [Attribute()]operand. Attributes attach to the type literal that follows
// them ([ValidateRange(1,5)][int]$x), or to System.Object.
func (p *parser) castOrType() Primary {
	a := p.attribute()
	if a == nil {
		return nil
	}
	if a.Attr != nil {
		p.skipNewlines()
		operand := p.unary()
		if operand == nil {
			p.reportInc("UnexpectedAttribute", a.Pos.Offset, a.End, a.End, a.Attr.Name)
			operand = errorUnary(a.End, p.position(a.End))
		}
		if te, ok := operand.Primary.(*TypeExpr); ok && len(operand.Prefix) == 0 && len(operand.Post) == 0 {
			te.Attrs = append([]*Attribute{a.Attr}, te.Attrs...)
			te.Pos = a.Pos
			return te
		}
		return &TypeExpr{Pos: a.Pos, End: operand.End, TypeAt: -1, Name: "System.Object", Operand: operand, Attrs: []*Attribute{a.Attr}}
	}
	te := &TypeExpr{Pos: a.Pos, End: a.End, TypeAt: a.Pos.Offset, TypeEnd: a.End, Name: a.Type}
	if t := p.tok(); t.Type != tColons && t.Type != tDot && t.Type != tIndex && p.startsOperand() {
		if operand := p.unary(); operand != nil {
			te.Operand = operand
			te.End = operand.End
		}
	}
	return te
}

// startsOperand reports whether the next token can be the operand of a
// cast.
func (p *parser) startsOperand() bool {
	switch t := p.tok(); t.Type {
	case tVar, tStr, tNum, tSOpen, tLParen, tSubExpr, tArrExpr, tHashOpen, tLBrace, tType, tAttrOpen, tCStart, tSplat:
		return true
	case tOp:
		return unaryCapable(t.Value)
	}
	return false
}

// primary parses one operand, or returns nil (consuming nothing) when the
// next token starts none.
func (p *parser) primary() Primary {
	t := p.tok()
	switch t.Type {
	case tVar:
		i := p.advance()
		return &VarExpr{Pos: t.Pos, End: p.end(i), Name: t.Value}
	case tSplat:
		i := p.advance()
		return &VarExpr{Pos: t.Pos, End: p.end(i), Name: t.Value, Splat: true}
	case tStr:
		i := p.advance()
		return &StringLit{Pos: t.Pos, End: p.end(i), Value: t.Value}
	case tNum:
		i := p.advance()
		n := &NumberLit{Pos: t.Pos, End: p.end(i), Text: t.Value}
		v, ok := ParseNumber(t.Value)
		if !ok {
			p.report("BadNumericConstant", p.start(i), p.end(i), p.text(i))
		}
		n.Value = v
		return n
	case tWord:
		i := p.advance()
		return &BareWord{Pos: t.Pos, End: p.end(i), Value: t.Value}
	case tSOpen:
		return p.expandString()
	case tLParen:
		return p.paren()
	case tSubExpr, tArrExpr:
		return p.subExpr()
	case tHashOpen:
		return p.hashLiteral()
	case tLBrace:
		return p.scriptBlockExpr()
	case tCStart:
		return p.compound()
	}
	return nil
}

// postfix parses member access, indexes, method calls and ++/-- after
// an operand.
func (p *parser) postfix(u *Unary) {
	for {
		t := p.tok()
		switch t.Type {
		case tDot, tColons:
			op := p.memberAccess()
			u.Post = append(u.Post, op)
			u.End = op.End
		case tIndex:
			u.Post = append(u.Post, p.index())
			u.End = u.Post[len(u.Post)-1].End
		case tOp:
			if t.Value != "++" && t.Value != "--" {
				return
			}
			i := p.advance()
			u.Post = append(u.Post, &PostOp{Pos: t.Pos, End: p.end(i), IncDec: t.Value})
			u.End = p.end(i)
		default:
			return
		}
	}
}

// memberAccess parses .Name, ::Name, .$var, .'name', .(expr) and a method
// call after it (the operator is next).
func (p *parser) memberAccess() *PostOp {
	dot := p.advance()
	op := &PostOp{Pos: p.toks[dot].Pos, End: p.end(dot), Dot: p.toks[dot].Value}
	t := p.tok()
	switch t.Type {
	case tMember:
		i := p.advance()
		op.Member, op.MemberAt, op.MemberEnd = t.Value, p.start(i), p.end(i)
	case tVar:
		i := p.advance()
		op.DynVar, op.MemberAt, op.MemberEnd = t.Value, p.start(i), p.end(i)
	case tStr:
		i := p.advance()
		op.DynStr = &StringLit{Pos: t.Pos, End: p.end(i), Value: t.Value}
		op.MemberAt, op.MemberEnd = p.start(i), p.end(i)
	case tSOpen:
		op.DynExp = p.expandString()
		op.MemberAt, op.MemberEnd = t.Pos.Offset, op.DynExp.End
	case tLParen:
		op.DynExpr = p.paren()
		op.MemberAt, op.MemberEnd = t.Pos.Offset, op.DynExpr.End
	case tSubExpr:
		se := p.subExpr()
		op.DynSub = se.(*SubExpr)
		op.MemberAt, op.MemberEnd = t.Pos.Offset, op.DynSub.End
	case tLBrace:
		op.DynBlock = p.scriptBlockExpr()
		op.MemberAt, op.MemberEnd = t.Pos.Offset, op.DynBlock.End
	default:
		at := p.end(dot)
		p.reportInc("MissingPropertyName", at, at, at)
		op.MemberAt, op.MemberEnd = at, at
		op.Missing = true
		return op
	}
	op.End = op.MemberEnd
	if g := p.tok(); g.Type == tGeneric {
		i := p.advance()
		op.Generic = splitTypeList(g.Value)
		op.End = p.end(i)
	}
	switch p.typ() {
	case tMBrace:
		// .M{ ... } calls M with the script block as its one argument
		b := p.tok().Pos
		sb := p.scriptBlockExpr()
		op.Call = true
		op.Args = []*Expr{{Pos: b, End: sb.End, First: &Unary{Pos: b, End: sb.End, Primary: sb}}}
		op.End = sb.End
	case tMParen:
		lp := p.advance()
		op.Call = true
		op.Args, op.End = p.invokeArgs(lp)
	}
	return op
}

// invokeArgs parses the arguments of a method call up to its ')' (the
// '(' is token lp, read). It returns them and where the call ends.
func (p *parser) invokeArgs(lp int) ([]*Expr, int) {
	saved := p.noComma
	p.noComma = true
	defer func() { p.noComma = saved }()
	var args []*Expr
	comma := -1
	reported := false
	for {
		p.skipNewlines()
		a := p.expression()
		if a == nil {
			if comma >= 0 {
				at := p.end(comma)
				p.reportInc("MissingExpressionAfterToken", at, at, at, ",")
				reported = true
			}
			break
		}
		args = append(args, a)
		comma = -1
		p.skipNewlines()
		if t := p.typ(); t != tArgSep && t != tComma {
			break
		}
		comma = p.advance()
	}
	p.skipNewlines()
	if isRParen(p.tok()) {
		return args, p.end(p.advance())
	}
	last := p.end(lp)
	switch {
	case comma >= 0:
		last = p.end(comma)
	case len(args) > 0:
		last = args[len(args)-1].End
	}
	if !reported {
		p.reportInc("MissingEndParenthesisInMethodCall", last, last, last)
	}
	return args, last
}

// index parses [ expression ] after an operand (the '[' is next).
func (p *parser) index() *PostOp {
	lb := p.advance()
	op := &PostOp{Pos: p.toks[lb].Pos, NullCond: p.toks[lb].Value == "?["}
	p.skipNewlines()
	saved := p.noComma
	p.noComma = false
	op.Index = p.expression()
	p.noComma = saved
	missing := op.Index == nil
	if missing {
		at := p.end(lb)
		p.reportInc("MissingArrayIndexExpression", at, at, at)
		op.Index = errorExpr(p.start(lb), p.end(lb), p.toks[lb].Pos)
	}
	p.skipNewlines()
	if p.typ() == tRBracket {
		op.End = p.end(p.advance())
		return op
	}
	if !missing {
		p.reportInc("MissingEndSquareBracket", op.Index.End, op.Index.End, op.Index.End)
	}
	op.End = op.Index.End
	return op
}

// paren parses ( pipeline ) (the '(' is next).
func (p *parser) paren() *ParenExpr {
	lp := p.advance()
	pe := &ParenExpr{Pos: p.toks[lp].Pos}
	saved := p.noComma
	p.noComma = false
	defer func() { p.noComma = saved }()
	p.skipNewlines()
	st := p.pipelineChain()
	end := p.end(lp)
	if st == nil {
		p.reportInc("ExpectedExpression", end, end, end)
		pe.Missing = true
		st = &PipelineStatement{Pos: p.position(end), End: end, Left: &Pipeline{Pos: p.position(end), End: end}}
	} else {
		end = st.End
	}
	pe.Stmt = st
	p.skipNewlines()
	if isRParen(p.tok()) {
		pe.End = p.end(p.advance())
		return pe
	}
	p.reportInc("MissingEndParenthesisInExpression", end, end, end)
	pe.End = end
	return pe
}

// subExpr parses $( statements ) or @( statements ) (the opener is next).
func (p *parser) subExpr() Primary {
	open := p.advance()
	saved := p.noComma
	p.noComma = false
	defer func() { p.noComma = saved }()
	p.skipNewlines()
	list := &StatementList{Pos: p.tok().Pos}
	p.statementList(list)
	p.skipNewlines()
	end := p.end(open)
	if len(list.Stmts) > 0 {
		end = list.End
	}
	if isRParen(p.tok()) {
		end = p.end(p.advance())
	} else {
		p.reportInc("MissingEndParenthesisInSubexpression", p.start(p.i), p.end(p.i), p.end(p.i))
	}
	if p.toks[open].Type == tSubExpr {
		return &SubExpr{Pos: p.toks[open].Pos, End: end, List: list}
	}
	return &ArrayExpr{Pos: p.toks[open].Pos, End: end, List: list}
}

// hashLiteral parses @{ key = statement ... } (the '@{' is next).
func (p *parser) hashLiteral() *HashLiteral {
	open := p.advance()
	h := &HashLiteral{Pos: p.toks[open].Pos}
	p.skipNewlines()
	for {
		e := p.hashEntry()
		if e == nil {
			break
		}
		h.Entries = append(h.Entries, e)
		if !isTerm(p.tok()) {
			break
		}
		p.skipTerms()
	}
	if isRCurly(p.tok()) {
		h.End = p.end(p.advance())
		return h
	}
	at := p.end(open)
	p.reportInc("MissingEndCurlyBrace", at, at, p.end(p.i))
	h.End = p.prevEnd()
	return h
}

// hashEntry parses key = statement, or returns nil when no key is next.
func (p *parser) hashEntry() *HashEntry {
	saved := p.noComma
	p.noComma = true
	key := p.unary()
	p.noComma = saved
	if key == nil {
		return nil
	}
	e := &HashEntry{Pos: key.Pos, Key: key, End: key.End}
	if p.typ() != tAssign || p.tok().Value != "=" {
		at := key.End
		p.report("MissingEqualsInHashLiteral", at, at)
		p.syncOnError(false, syncRCurly|syncSemi|syncNewline)
		e.Value = &ErrorStatement{Pos: p.position(at), End: at}
		return e
	}
	eq := p.advance()
	p.skipNewlines()
	saved = p.noComma
	p.noComma = false
	e.Value = p.statement()
	p.noComma = saved
	if e.Value == nil {
		at := p.end(eq)
		p.reportInc("MissingStatementInHashLiteral", at, at, at)
		e.Value = &ErrorStatement{Pos: p.position(at), End: at}
	}
	e.End = StatementEndOffset(e.Value)
	return e
}

// scriptBlockExpr parses { script block } (the '{' is next).
func (p *parser) scriptBlockExpr() *ScriptBlockExpr {
	l := p.advance()
	saved := p.noComma
	p.noComma = false
	defer func() { p.noComma = saved }()
	body := p.scriptBlock(l)
	return &ScriptBlockExpr{Pos: p.toks[l].Pos, End: body.End, EndPos: p.position(body.End), Body: body, Source: p.src}
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

// subPart parses the $( statements ) of a string or compound argument
// (the '$(' is next).
func (p *parser) subPart() (*StatementList, int) {
	open := p.advance()
	list := &StatementList{Pos: p.tok().Pos}
	p.statementList(list)
	if isRParen(p.tok()) {
		return list, p.end(p.advance())
	}
	p.reportInc("IncompleteDollarSubexpressionReference", p.start(open), p.end(open), p.end(p.i))
	return list, p.prevEnd()
}

// expandString parses a "..." string with variables and sub-expressions
// (the opener is next).
func (p *parser) expandString() *ExpandString {
	open := p.advance()
	es := &ExpandString{Pos: p.toks[open].Pos, Open: p.toks[open].Value}
	for {
		t := p.tok()
		switch t.Type {
		case tSText:
			i := p.advance()
			es.Parts = append(es.Parts, &StringPart{Pos: t.Pos, End: p.end(i), Text: t.Value})
		case tSVar:
			i := p.advance()
			es.Parts = append(es.Parts, &StringPart{Pos: t.Pos, End: p.end(i), Var: t.Value})
		case tSSub:
			list, end := p.subPart()
			es.Parts = append(es.Parts, &StringPart{Pos: t.Pos, End: end, Sub: list})
		case tSClose:
			es.End = p.end(p.advance())
			return es
		default:
			// the tokenizer has reported the unclosed string
			es.End = p.prevEnd()
			return es
		}
	}
}

// compound parses an argument glued from words, strings, variables and
// sub-expressions (the start marker is next).
func (p *parser) compound() *CompoundArg {
	open := p.advance()
	ca := &CompoundArg{Pos: p.toks[open].Pos}
	for {
		t := p.tok()
		switch t.Type {
		case tWord:
			i := p.advance()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, End: p.end(i), Word: t.Value})
		case tStr:
			i := p.advance()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, End: p.end(i), Str: &StringLit{Pos: t.Pos, End: p.end(i), Value: t.Value}})
		case tVar:
			i := p.advance()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, End: p.end(i), Var: t.Value})
		case tSOpen:
			es := p.expandString()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, End: es.End, Exp: es})
		case tSSub:
			list, end := p.subPart()
			ca.Parts = append(ca.Parts, &CompoundPart{Pos: t.Pos, End: end, Sub: list})
		case tCEnd:
			ca.End = p.end(p.advance())
			if len(ca.Parts) > 0 {
				ca.End = ca.Parts[len(ca.Parts)-1].End
			}
			return ca
		default:
			ca.End = p.prevEnd()
			return ca
		}
	}
}
