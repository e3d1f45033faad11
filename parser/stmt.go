package parser

import (
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// The statement rules follow PowerShell's parser (Parser.cs): each rule
// reports what is wrong where PowerShell does, with the same ErrorId and
// extent, and goes on as PowerShell does, so that one script gets the
// errors PowerShell gives it. The grammar (G lines are PowerShell's):
//
//	script-block:     using-statements? param-block? statement-terminators? script-block-body?
//	script-block-body: named-block-list | statement-list
//	named-block:      block-name statement-block
//	statement-block:  '{' statement-list? '}'
//	statement:        if | labeled loop | function | flow-control | trap | try | class | enum | pipeline-chain

// isBlockName reports whether kw names a block of a script block.
func isBlockName(kw string) bool {
	switch kw {
	case "begin", "process", "end", "clean", "dynamicparam":
		return true
	}
	return false
}

// scriptBlock parses what a script block holds. lCurly is the index of its
// '{' token, or -1 for a whole script.
func (p *parser) scriptBlock(lCurly int) *ScriptBlockBody {
	b := &ScriptBlockBody{Pos: p.tok().Pos, Open: -1}
	if lCurly >= 0 {
		b.Open = p.start(lCurly)
	}
	p.skipNewlines()
	if lCurly < 0 {
		b.Usings = p.usingStatements()
	}
	cp := p.i
	if pb := p.paramBlock(); pb != nil {
		b.Param = pb
	} else {
		// attributes that did not belong to a param block are read again
		// as what they are (a cast, an attributed expression)
		p.i = cp
	}
	p.skipTerms()
	p.scriptBlockBody(lCurly, b)
	return b
}

// usingStatements parses the using statements that start a script.
func (p *parser) usingStatements() []*UsingStatement {
	var out []*UsingStatement
	for p.isKw("using") {
		kw := p.advance()
		st := p.usingStatement(kw)
		p.skipTerms()
		if u, ok := st.(*UsingStatement); ok {
			out = append(out, u)
		}
	}
	return out
}

// usingStatement parses using namespace|module|assembly|type|command name
// (the 'using' keyword, token kw, is read).
func (p *parser) usingStatement(kw int) Statement {
	start := p.toks[kw].Pos
	d := p.tok()
	kind := ""
	if d.Type == tWord {
		switch strings.ToLower(d.Value) {
		case "namespace", "module", "assembly", "type", "command":
			kind = strings.ToLower(d.Value)
		}
	}
	if kind == "" {
		p.reportInc("MissingUsingStatementDirective", p.end(kw), p.end(kw), p.end(kw))
		return &ErrorStatement{Pos: start, End: p.end(kw), Kind: "using"}
	}
	dir := p.advance()
	item := p.tok()
	if item.Type == lexer.EOF || isTerm(item) || item.Type == tComma || item.Type == tWord && item.Value == "," {
		p.reportInc("MissingUsingItemName", p.end(dir), p.end(dir), p.end(dir))
		return &ErrorStatement{Pos: start, End: p.end(dir), Kind: "using"}
	}
	if item.Type != tWord && item.Type != tStr {
		i := p.advance()
		p.report("InvalidValueForUsingItemName", p.start(i), p.end(i), p.text(i))
		p.syncOnError(true, syncSemi|syncNewline)
		return &ErrorStatement{Pos: start, End: p.end(i), Kind: "using"}
	}
	name := p.advance()
	u := &UsingStatement{Pos: start, End: p.end(name), Kind: kind, Name: item.Value, NameAt: p.start(name), NameEnd: p.end(name)}
	if kind != "assembly" && p.typ() == tWord && p.tok().Value == "=" {
		eq := p.advance()
		a := p.tok()
		if a.Type == lexer.EOF || isTerm(a) {
			p.reportInc("MissingNamespaceAlias", p.end(eq), p.end(eq), p.end(eq))
			return &ErrorStatement{Pos: start, End: p.end(eq), Kind: "using"}
		}
		switch {
		case a.Type == tWord && a.Value == ",":
			// (Parser.cs UsingStatementRule reports a comma so)
			i := p.advance()
			p.report("UnexpectedUnaryOperator", p.start(i), p.end(i), ",")
			return &ErrorStatement{Pos: start, End: p.end(i), Kind: "using"}
		case a.Type == tWord && a.Value == "&":
			// no alias: the & is left to start the next statement
			p.report("InvalidValueForUsingItemName", p.start(p.i), p.end(p.i), "&")
			a.Type = tCall
			return &ErrorStatement{Pos: start, End: p.end(p.i), Kind: "using"}
		}
		if a.Type != tWord && a.Type != tStr {
			i := p.advance()
			p.report("InvalidValueForUsingItemName", p.start(i), p.end(i), p.text(i))
			return &ErrorStatement{Pos: start, End: p.end(i), Kind: "using"}
		}
		ai := p.advance()
		// in "using namespace A = B" the name is B and A its alias
		u.Alias, u.AliasAt, u.AliasEnd = u.Name, u.NameAt, u.NameEnd
		u.Name, u.NameAt, u.NameEnd = a.Value, p.start(ai), p.end(ai)
		u.End = p.end(ai)
	} else if kind == "type" || kind == "command" {
		p.reportInc("MissingEqualsInUsingAlias", p.end(name), p.end(name), p.end(name))
		return &ErrorStatement{Pos: start, End: p.end(name), Kind: "using"}
	}
	p.requireTerminator()
	return u
}

// requireTerminator reports a statement that does not end in a newline,
// ';' or the end of the script.
func (p *parser) requireTerminator() {
	t := p.tok()
	switch {
	case isTerm(t):
		p.advance()
	case t.Type != lexer.EOF:
		p.reportInc("MissingStatementTerminator", p.start(p.i), p.end(p.i), p.end(p.i))
	}
}

// paramBlock parses [attributes] param( parameters ), or returns nil when
// what follows is no param block (param not followed by '(' is a command).
func (p *parser) paramBlock() *ParamBlock {
	p.skipNewlines()
	attrs := p.attributeList(false)
	p.skipNewlines()
	if !p.isKw("param") {
		return nil
	}
	kw := p.advance()
	p.skipNewlines()
	if p.typ() != tLParen {
		return nil
	}
	lp := p.advance()
	params := p.parameterList()
	p.skipNewlines()
	pb := &ParamBlock{Pos: p.toks[kw].Pos, Params: params}
	if isRParen(p.tok()) {
		pb.End = p.end(p.advance())
	} else {
		after := p.end(lp)
		if len(params) > 0 {
			after = params[len(params)-1].End
		}
		p.reportInc("MissingEndParenthesisInFunctionParameterList", after, after, after)
		pb.End = after
	}
	for _, a := range attrs {
		if a.Attr != nil {
			pb.Attrs = append(pb.Attrs, a.Attr)
			continue
		}
		p.report("TypeNotAllowedBeforeParam", a.Pos.Offset, a.End, a.Type)
	}
	return pb
}

// parameterList parses parameters separated by commas.
func (p *parser) parameterList() []*Parameter {
	var out []*Parameter
	comma := -1
	for {
		prm := p.parameter()
		if prm == nil {
			if comma >= 0 {
				p.reportInc("MissingExpressionAfterToken", p.end(comma), p.end(comma), p.end(comma), ",")
			}
			return out
		}
		out = append(out, prm)
		p.skipNewlines()
		if t := p.typ(); t != tArgSep && t != tComma {
			return out
		}
		comma = p.advance()
	}
}

// parameter parses a parameter: attributes and type constraints, the
// variable and a default. It returns nil when no parameter starts here.
func (p *parser) parameter() *Parameter {
	saved := p.noComma
	p.noComma = true
	defer func() { p.noComma = saved }()
	p.skipNewlines()
	attrs := p.attributeList(false)
	p.skipNewlines()
	t := p.tok()
	if t.Type != tVar && t.Type != tSplat {
		if len(attrs) > 0 {
			after := attrs[len(attrs)-1].End
			p.reportInc("InvalidFunctionParameter", after, after, after)
			p.syncOnError(true, syncRParen)
			return &Parameter{Pos: attrs[0].Pos, End: after, Attrs: attrs, Name: "__error__", VarAt: attrs[0].Pos.Offset, VarEnd: after}
		}
		return nil
	}
	v := p.advance()
	prm := &Parameter{Pos: t.Pos, End: p.end(v), Attrs: attrs, Name: t.Value, VarAt: p.start(v), VarEnd: p.end(v), Splat: t.Type == tSplat}
	if len(attrs) > 0 {
		prm.Pos = attrs[0].Pos
	}
	p.skipNewlines()
	if p.typ() == tAssign && p.tok().Value == "=" {
		eq := p.advance()
		p.skipNewlines()
		def := p.expression()
		if def == nil {
			p.reportInc("MissingExpressionAfterToken", p.end(eq), p.end(eq), p.end(eq), "=")
		} else {
			prm.Default = def
			prm.End = def.End
		}
	}
	return prm
}

// attributeList parses attributes and type constraints. In an expression
// (inExpr) newlines after a type constraint end the list.
func (p *parser) attributeList(inExpr bool) []*ParamAttr {
	var out []*ParamAttr
	for {
		a := p.attribute()
		if a == nil {
			return out
		}
		out = append(out, a)
		if !inExpr || a.Attr != nil {
			p.skipNewlines()
		}
	}
}

// attribute parses [Name(arguments)] or a type constraint [Type], or
// returns nil.
func (p *parser) attribute() *ParamAttr {
	t := p.tok()
	switch t.Type {
	case tType:
		i := p.advance()
		return &ParamAttr{Pos: t.Pos, End: p.end(i), Type: t.Value}
	case tAttrOpen:
	default:
		return nil
	}
	open := p.advance()
	a := &Attribute{Pos: t.Pos, Name: t.Value}
	saved := p.noComma
	p.noComma = true
	lastEnd := p.end(open)
	comma := -1
	seen := map[string]bool{}
	for {
		p.skipNewlines()
		if nt := p.tok(); nt.Type == tWord {
			ni := p.advance()
			arg := &AttrArg{Pos: nt.Pos, End: p.end(ni), Name: nt.Value}
			if p.typ() == tAssign && p.tok().Value == "=" {
				eq := p.advance()
				p.skipNewlines()
				arg.Value = p.expression()
				if arg.Value == nil {
					p.reportInc("MissingExpressionInNamedArgument", p.end(eq), p.end(eq), p.end(eq))
					arg.Value = errorExpr(p.end(eq), p.end(eq), p.position(p.end(eq)))
					p.syncOnError(true, syncComma|syncRParen|syncRBracket|syncNewline)
				}
				arg.End = arg.Value.End
			}
			lastEnd = arg.End
			if seen[strings.ToLower(nt.Value)] {
				p.report("DuplicateNamedArgument", nt.Pos.Offset, p.end(ni), nt.Value)
			} else {
				seen[strings.ToLower(nt.Value)] = true
				a.Args = append(a.Args, arg)
			}
		} else if e := p.expression(); e != nil {
			a.Args = append(a.Args, &AttrArg{Pos: e.Pos, End: e.End, Value: e})
			lastEnd = e.End
		} else if comma >= 0 {
			at := p.end(comma)
			p.reportInc("MissingExpressionAfterToken", at, at, at, ",")
			a.Args = append(a.Args, &AttrArg{Pos: p.position(at), End: at, Value: errorExpr(at, at, p.position(at))})
			lastEnd = at
		}
		p.skipNewlines()
		if ct := p.typ(); ct != tArgSep && ct != tComma {
			break
		}
		comma = p.advance()
		lastEnd = p.end(comma)
	}
	p.noComma = saved
	p.skipNewlines()
	rparen := -1
	if isRParen(p.tok()) {
		rparen = p.advance()
		a.End = p.end(rparen)
	} else {
		p.reportInc("MissingEndParenthesisInExpression", lastEnd, lastEnd, lastEnd)
		a.End = lastEnd
	}
	p.skipNewlines()
	if p.typ() == tAttrClose {
		a.End = p.end(p.advance())
	} else if rparen >= 0 {
		p.reportInc("EndSquareBracketExpectedAtEndOfAttribute", p.end(rparen), p.end(rparen), p.end(rparen))
	}
	return &ParamAttr{Pos: t.Pos, End: a.End, Attr: a}
}

// scriptBlockBody parses the named blocks or the statements of a script
// block, and its closing '}'.
func (p *parser) scriptBlockBody(lCurly int, b *ScriptBlockBody) {
	if t := p.tok(); t.Type == tKw && isBlockName(t.Value) {
		p.namedBlockList(lCurly, b)
		return
	}
	list := &StatementList{Pos: p.tok().Pos}
	if b.Param != nil {
		list.Pos = b.Param.Pos
	}
	for {
		p.statementList(list)
		if p.completeScriptBlock(lCurly, b) {
			break
		}
	}
	b.Stmts = list
}

// completeScriptBlock reads the '}' that closes a script block (or, for
// a whole script, the end of input). It reports false when a stray token
// of the script was skipped and more statements may follow.
func (p *parser) completeScriptBlock(lCurly int, b *ScriptBlockBody) bool {
	if lCurly >= 0 {
		if isRCurly(p.tok()) {
			r := p.advance()
			b.End = p.end(r)
			return true
		}
		p.reportInc("MissingEndCurlyBrace", p.start(lCurly), p.end(lCurly), p.end(p.i))
		b.End = p.prevEnd()
		return true
	}
	b.End = len(p.src)
	if p.typ() == lexer.EOF {
		return true
	}
	i := p.advance()
	p.report("UnexpectedToken", p.start(i), p.end(i), p.text(i))
	return false
}

// namedBlockList parses begin, process, end, clean and dynamicparam
// blocks.
func (p *parser) namedBlockList(lCurly int, b *ScriptBlockBody) {
	seen := map[string]bool{}
	for {
		t := p.tok()
		switch {
		case t.Type == lexer.EOF || isRCurly(t):
			p.completeScriptBlock(lCurly, b)
			return
		case t.Type != tKw || !isBlockName(t.Value):
			i := p.i
			if lCurly < 0 {
				// the rest of the script is not read
				b.End = len(p.src)
				p.i = len(p.toks) - 1
			} else {
				b.End = p.prevEnd()
			}
			p.report("MissingNamedBlocks", p.start(i), p.end(i), p.text(i))
			return
		}
		kw := p.advance()
		nb := &NamedBlock{Pos: t.Pos, Name: t.Value}
		body := p.statementBlock()
		if body == nil {
			p.reportInc("MissingNamedStatementBlock", p.end(kw), p.end(kw), p.end(kw), t.Value)
			body = &StatementBlock{Pos: t.Pos, EndPos: t.Pos, End: p.end(kw), List: &StatementList{Pos: t.Pos, End: p.end(kw)}, Missing: true}
		}
		nb.Body, nb.End = body, body.End
		if seen[t.Value] {
			p.report("DuplicateScriptCommandClause", nb.Pos.Offset, nb.End, t.Value)
		} else {
			seen[t.Value] = true
			b.Named = append(b.Named, nb)
		}
		p.skipTerms()
	}
}

// statementBlock parses { statements }, or returns nil when no '{' is
// next.
func (p *parser) statementBlock() *StatementBlock {
	p.skipNewlines()
	if p.typ() != tLBrace {
		return nil
	}
	l := p.advance()
	list := &StatementList{Pos: p.tok().Pos}
	p.statementList(list)
	sb := &StatementBlock{Pos: p.toks[l].Pos, List: list}
	if isRCurly(p.tok()) {
		sb.EndPos = p.tok().Pos
		sb.End = p.end(p.advance())
		return sb
	}
	p.reportInc("MissingEndCurlyBrace", p.start(l), p.end(l), p.end(p.i))
	sb.EndPos = p.tok().Pos
	sb.End = max(list.End, p.end(l))
	return sb
}

// statementList parses statements up to a closer or the end.
func (p *parser) statementList(list *StatementList) {
	p.skipTerms()
	for {
		st := p.statement()
		if st == nil {
			break
		}
		list.Stmts = append(list.Stmts, st)
		list.End = StatementEndOffset(st)
		p.skipTerms()
		if t := p.tok(); isRParen(t) || isRCurly(t) {
			break
		}
	}
	if len(list.Stmts) > 0 {
		list.Pos = StatementPos(list.Stmts[0])
	}
}

// statement parses one statement, or returns nil at a closer, a stray
// token that starts nothing, or the end.
func (p *parser) statement() Statement {
	t := p.tok()
	var attrs []*ParamAttr
	if t.Type == tAttrOpen || t.Type == tType {
		cp := p.i
		attrs = p.attributeList(false)
		t = p.tok()
		onlyTypes := true
		for _, a := range attrs {
			if a.Attr != nil {
				onlyTypes = false
			}
		}
		switch {
		case t.Type == tKw && (t.Value == "class" || t.Value == "enum" || t.Value == "configuration"):
			// attributes of a type definition or a configuration
		case t.Type == tKw && stmtKeyword(t.Value) && !onlyTypes:
			p.report("UnexpectedAttribute", attrs[0].Pos.Offset, attrs[0].End, attrs[0].Attr.Name)
		default:
			// part of an expression ([int]$x = 1)
			p.i = cp
			attrs = nil
			t = p.tok()
		}
	}
	if isAmpersand(t) && attrs == nil {
		// A background & left over where a statement starts is the
		// call operator (data -abc & {}): both are TokenKind.Ampersand.
		t.Type = tCall
	}
	switch t.Type {
	case tKw:
		switch t.Value {
		case "if":
			return p.ifStatement(p.advance())
		case "switch":
			return p.switchStatement(-1, p.advance())
		case "foreach":
			return p.foreachStatement(-1, p.advance())
		case "for":
			return p.forStatement(-1, p.advance())
		case "while":
			return p.whileStatement(-1, p.advance())
		case "do":
			return p.doStatement(-1, p.advance())
		case "function", "filter":
			return p.functionDefinition(p.advance())
		case "return", "throw", "exit":
			return p.flowStatement(p.advance())
		case "break", "continue":
			return p.breakStatement(p.advance())
		case "trap":
			return p.trapStatement(p.advance())
		case "try":
			return p.tryStatement(p.advance())
		case "data":
			return p.dataStatement(p.advance())
		case "class":
			return p.classDefinition(attrs, p.advance())
		case "enum":
			return p.enumDefinition(attrs, p.advance())
		case "configuration":
			return p.configurationDefinition(attrs, p.advance())
		case "using":
			kw := p.advance()
			st := p.usingStatement(kw)
			p.report("UsingMustBeAtStartOfScript", p.start(kw), StatementEndOffset(st))
			return st
		case "else", "elseif", "catch", "until":
			if p.hadErrors() {
				// after an error these are taken as left over from it
				p.advance()
				p.skipNewlines()
				return p.statement()
			}
		}
	case tDynKw:
		return p.dynamicKeywordStatement(p.advance())
	case tLabel:
		lbl := p.advance()
		p.skipNewlines()
		return p.labeledStatement(lbl)
	case lexer.EOF:
		return nil
	}
	ps := p.pipelineChain()
	if ps == nil {
		return nil
	}
	return ps
}

// stmtKeyword reports the keywords that start a statement which takes no
// attributes.
func stmtKeyword(kw string) bool {
	switch kw {
	case "break", "continue", "do", "exit", "filter", "for", "foreach", "function", "if", "return",
		"switch", "throw", "trap", "try", "using", "while":
		return true
	}
	return false
}

// labeledStatement parses the loop after :label (token lbl).
func (p *parser) labeledStatement(lbl int) Statement {
	if t := p.tok(); t.Type == tKw {
		var st Statement
		switch t.Value {
		case "switch":
			st = p.switchStatement(lbl, p.advance())
		case "foreach":
			st = p.foreachStatement(lbl, p.advance())
		case "for":
			st = p.forStatement(lbl, p.advance())
		case "while":
			st = p.whileStatement(lbl, p.advance())
		case "do":
			st = p.doStatement(lbl, p.advance())
		}
		if st != nil {
			if _, bad := st.(*ErrorStatement); bad {
				return st
			}
			return &LabeledStatement{Pos: p.toks[lbl].Pos, End: StatementEndOffset(st), EndPos: p.tok().Pos, Label: p.toks[lbl].Value, Loop: st}
		}
	}
	// a label before anything else is a command name
	p.i = lbl
	return p.pipelineChain()
}

// startOf returns where a labeled statement or its keyword starts.
func (p *parser) startOf(label, kw int) Pos {
	if label >= 0 {
		return p.toks[label].Pos
	}
	return p.toks[kw].Pos
}

// errStmt returns an ErrorStatement from start to end holding nested.
func (p *parser) errStmt(start Pos, end int, kind string, nested ...any) *ErrorStatement {
	var ns []any
	for _, n := range nested {
		if n != nil && !isNilNode(n) {
			ns = append(ns, n)
		}
	}
	return &ErrorStatement{Pos: start, End: end, Kind: kind, Nested: ns}
}

// ifStatement parses if (cond) { } elseif (cond) { } else { } ('if' read).
func (p *parser) ifStatement(ifTok int) Statement {
	st := &IfStatement{Pos: p.toks[ifTok].Pos}
	keyword := ifTok
	var nested []any
	for {
		p.skipNewlines()
		kwText := p.toks[keyword].Value
		if p.typ() != tLParen {
			p.reportInc("MissingOpenParenthesisInIfStatement", p.end(keyword), p.end(keyword), p.end(keyword), kwText)
			return p.errStmt(st.Pos, p.end(keyword), "if", nested...)
		}
		lp := p.advance()
		p.skipNewlines()
		cond := p.pipelineChain()
		if cond == nil {
			p.reportInc("IfStatementMissingCondition", p.end(lp), p.end(lp), p.end(lp), kwText)
		} else {
			nested = append(nested, cond)
		}
		p.skipNewlines()
		if !isRParen(p.tok()) {
			if cond != nil {
				p.reportInc("MissingEndParenthesisAfterStatement", p.start(p.i), p.end(p.i), p.end(p.i), kwText)
			}
			return p.errStmt(st.Pos, p.prevEnd(), "if", nested...)
		}
		rp := p.advance()
		p.skipNewlines()
		body := p.statementBlock()
		if body == nil {
			p.reportInc("MissingStatementBlock", p.start(rp), p.end(rp), p.end(rp), kwText)
			return p.errStmt(st.Pos, p.end(rp), "if", nested...)
		}
		nested = append(nested, body)
		if keyword == ifTok {
			st.Cond, st.Then = cond, body
		} else {
			st.ElseIf = append(st.ElseIf, &ElseIfClause{Pos: p.toks[keyword].Pos, End: body.End, Cond: cond, Then: body})
		}
		st.End = body.End
		cp := p.i
		p.skipNewlines()
		switch {
		case p.isKw("elseif"):
			keyword = p.advance()
			continue
		case p.isKw("else"):
			els := p.advance()
			p.skipNewlines()
			st.Else = p.statementBlock()
			if st.Else == nil {
				p.reportInc("MissingStatementBlockAfterElse", p.end(els), p.end(els), p.end(els))
				return p.errStmt(st.Pos, p.end(els), "if", nested...)
			}
			st.End = st.Else.End
		default:
			p.i = cp
		}
		st.EndPos = p.tok().Pos
		return st
	}
}

// switchStatement parses switch -flags (value) { clauses } ('switch'
// read; label is the :label token or -1).
func (p *parser) switchStatement(label, kw int) Statement {
	start := p.startOf(label, kw)
	endErr := p.end(kw)
	isErr, incomplete := false, false
	p.skipNewlines()
	st := &SwitchStatement{Pos: p.toks[kw].Pos}
	var flags []*ErrorFlag
	flag := func(name string, tok int, v *Unary) {
		for _, f := range flags {
			if f.Name == name {
				return
			}
		}
		flags = append(flags, &ErrorFlag{Name: name, TokenAt: p.start(tok), TokenEnd: p.end(tok), Value: v})
	}
	file := false
	for p.typ() == tParam || p.typ() == tParamC {
		ft := p.advance()
		endErr = p.end(ft)
		name := strings.ToLower(p.toks[ft].Value)
		known := ""
		for _, f := range []string{"regex", "wildcard", "exact", "casesensitive", "parallel", "file"} {
			if name != "" && strings.HasPrefix(f, name) {
				known = f
				break
			}
		}
		switch known {
		case "":
			isErr = true
			p.report("InvalidSwitchFlag", p.start(ft), p.end(ft), p.toks[ft].Value)
		case "file":
			st.Flags = append(st.Flags, "file")
			file = true
			p.skipNewlines()
			f := p.singleCommandArgument()
			if f == nil {
				isErr = true
				e := p.reportInc("MissingFilenameOption", p.end(ft), p.end(ft), p.end(ft))
				incomplete = e.Incomplete
			} else {
				endErr = f.End
				st.File = f
			}
			flag("file", ft, f)
		default:
			st.Flags = append(st.Flags, known)
			flag(known, ft, nil)
		}
	}
	paren := false
	if p.typ() == tLParen {
		lp := p.advance()
		paren = true
		endErr = p.end(lp)
		if file {
			isErr = true
			p.report("PipelineValueRequired", p.start(lp), p.end(lp))
		}
		p.skipNewlines()
		cond := p.pipelineChain()
		if cond == nil {
			isErr = true
			e := p.reportInc("PipelineValueRequired", p.end(lp), p.end(lp), p.end(lp))
			incomplete = e.Incomplete
		} else {
			endErr = cond.End
			st.Value = cond
		}
		p.skipNewlines()
		if isRParen(p.tok()) {
			endErr = p.end(p.advance())
		} else if !incomplete {
			isErr = true
			e := p.reportInc("MissingEndParenthesisInSwitchStatement", endErr, endErr, endErr)
			incomplete = e.Incomplete
		}
	} else if st.File == nil && !file {
		isErr = true
		e := p.reportInc("PipelineValueRequired", endErr, endErr, endErr)
		incomplete = e.Incomplete
	}
	broken := func() Statement {
		es := &ErrorStatement{Pos: start, End: endErr, Kind: "switch", KindAt: p.start(kw), Flags: flags}
		if paren && st.Value != nil {
			es.Conditions = []any{st.Value}
		}
		for _, c := range st.Clauses {
			es.Bodies = append(es.Bodies, c.Cond)
			if c.Action != nil {
				es.Bodies = append(es.Bodies, c.Action)
			}
		}
		return es
	}
	p.skipNewlines()
	if p.typ() != tLBrace {
		if !incomplete {
			p.reportInc("MissingCurlyBraceInSwitchStatement", endErr, endErr, endErr)
		}
		return broken()
	}
	lc := p.advance()
	endErr = p.end(lc)
	p.skipNewlines()
	var defaultSeen bool
	for {
		t := p.tok()
		var cond *Unary
		isDefault := t.Type == tWord && strings.EqualFold(t.Value, "default") || t.Type == tKw && t.Value == "default"
		if isDefault {
			i := p.advance()
			cond = &Unary{Pos: t.Pos, End: p.end(i), Primary: &BareWord{Pos: t.Pos, End: p.end(i), Value: t.Value}}
		} else {
			cond = p.switchCondition()
			if cond == nil {
				isErr = true
				p.reportInc("MissingSwitchConditionExpression", endErr, endErr, endErr)
				if isRCurly(p.tok()) {
					p.advance()
				}
				break
			}
		}
		endErr = cond.End
		body := p.statementBlock()
		if body == nil {
			isErr = true
			e := p.reportInc("MissingSwitchStatementClause", endErr, endErr, endErr)
			incomplete = e.Incomplete
			// the pattern belongs to the broken statement
			st.Clauses = append(st.Clauses, &SwitchClause{Pos: cond.Pos, End: cond.End, Cond: cond})
		} else {
			endErr = body.End
			if isDefault {
				if defaultSeen {
					isErr = true
					p.report("MultipleSwitchDefaultClauses", cond.Pos.Offset, cond.End)
				}
				defaultSeen = true
			}
			st.Clauses = append(st.Clauses, &SwitchClause{Pos: cond.Pos, End: body.End, Cond: cond, Action: body})
		}
		p.skipTerms()
		t = p.tok()
		if isRCurly(t) {
			// a broken statement ends before the '}'
			st.End = p.end(p.advance())
			break
		}
		if t.Type == lexer.EOF {
			if !incomplete {
				isErr = true
				p.reportInc("MissingEndCurlyBrace", p.start(lc), p.end(lc), p.end(p.i))
			}
			break
		}
	}
	if isErr {
		return broken()
	}
	st.EndPos = p.tok().Pos
	return st
}

// switchCondition parses the pattern of a switch clause: a command
// argument or a primary expression.
func (p *parser) switchCondition() *Unary {
	t := p.tok()
	switch {
	case t.Type == lexer.EOF || isTerm(t) || isRCurly(t) || isRParen(t) || t.Type == tPipe || t.Type == tComma:
		return nil
	}
	return p.commandArgumentUnary()
}

// foreachStatement parses foreach (-parallel) ($x in pipeline) { } ('foreach'
// read).
func (p *parser) foreachStatement(label, kw int) Statement {
	start := p.startOf(label, kw)
	p.skipNewlines()
	st := &ForeachStatement{Pos: p.toks[kw].Pos}
	for p.typ() == tParam || p.typ() == tParamC {
		ft := p.advance()
		name := strings.ToLower(p.toks[ft].Value)
		switch {
		case name != "" && strings.HasPrefix("parallel", name):
			st.Flags = append(st.Flags, p.toks[ft].Value)
		case name != "" && strings.HasPrefix("throttlelimit", name):
			st.Flags = append(st.Flags, p.toks[ft].Value)
			p.skipNewlines()
			if p.singleCommandArgument() == nil {
				p.reportInc("MissingThrottleLimit", p.end(ft), p.end(ft), p.end(ft))
			}
		default:
			p.report("InvalidForeachFlag", p.start(ft), p.end(ft), p.toks[ft].Value)
		}
		p.skipNewlines()
	}
	if p.typ() != tLParen {
		p.reportInc("MissingOpenParenthesisAfterKeyword", p.end(kw), p.end(kw), p.end(kw), "foreach")
		return p.errStmt(start, p.end(kw), "foreach")
	}
	lp := p.advance()
	p.skipNewlines()
	if t := p.tok(); t.Type != tVar && t.Type != tSplat {
		p.reportInc("MissingVariableNameAfterForeach", p.end(lp), p.end(lp), p.end(lp))
		return p.errStmt(start, p.end(lp), "foreach")
	}
	v := p.advance()
	st.Var, st.VarAt, st.VarEnd, st.VarSplat = p.toks[v].Value, p.start(v), p.end(v), p.toks[v].Type == tSplat
	varNode := &VarExpr{Pos: p.toks[v].Pos, End: p.end(v), Name: st.Var}
	p.skipNewlines()
	if !p.isKw("in") {
		p.reportInc("MissingInInForeach", p.end(v), p.end(v), p.end(v))
		return p.errStmt(start, p.end(v), "foreach", varNode)
	}
	in := p.advance()
	p.skipNewlines()
	st.In = p.pipelineChain()
	if st.In == nil {
		p.reportInc("MissingForeachExpression", p.end(in), p.end(in), p.end(in))
		return p.errStmt(start, p.end(in), "foreach", varNode)
	}
	p.skipNewlines()
	if !isRParen(p.tok()) {
		p.reportInc("MissingEndParenthesisAfterForeach", st.In.End, st.In.End, st.In.End)
		return p.errStmt(start, st.In.End, "foreach", varNode, st.In)
	}
	rp := p.advance()
	st.Body = p.statementBlock()
	if st.Body == nil {
		p.reportInc("MissingForeachStatement", p.end(rp), p.end(rp), p.end(rp))
		return p.errStmt(start, p.end(rp), "foreach", varNode, st.In)
	}
	st.End = st.Body.End
	st.EndPos = p.tok().Pos
	return st
}

// forStatement parses for (init; cond; iter) { } ('for' read).
func (p *parser) forStatement(label, kw int) Statement {
	start := p.startOf(label, kw)
	p.skipNewlines()
	if p.typ() != tLParen {
		p.reportInc("MissingOpenParenthesisAfterKeyword", p.end(kw), p.end(kw), p.end(kw), "for")
		return p.errStmt(start, p.end(kw), "for")
	}
	lp := p.advance()
	endErr := -1
	st := &ForStatement{Pos: p.toks[kw].Pos}
	p.skipNewlines()
	if st.Init = p.pipelineChain(); st.Init != nil {
		endErr = st.Init.End
	}
	if p.isForSemi() {
		endErr = p.end(p.advance())
	}
	p.skipNewlines()
	if st.Cond = p.pipelineChain(); st.Cond != nil {
		endErr = st.Cond.End
	}
	if p.isForSemi() {
		endErr = p.end(p.advance())
	}
	p.skipNewlines()
	if st.Iter = p.pipelineChain(); st.Iter != nil {
		endErr = st.Iter.End
	}
	p.skipNewlines()
	if !isRParen(p.tok()) {
		if endErr < 0 {
			endErr = p.end(lp)
		}
		p.reportInc("MissingEndParenthesisAfterStatement", endErr, endErr, endErr, "for")
		return p.errStmt(start, endErr, "for", st.Init, st.Cond, st.Iter)
	}
	rp := p.advance()
	st.Body = p.statementBlock()
	if st.Body == nil {
		p.reportInc("MissingLoopStatement", p.end(rp), p.end(rp), p.end(rp), "for")
		return p.errStmt(start, p.end(rp), "for", st.Init, st.Cond, st.Iter)
	}
	st.End = st.Body.End
	st.EndPos = p.tok().Pos
	return st
}

// isForSemi reports a ';' between the parts of a for statement.
func (p *parser) isForSemi() bool {
	t := p.tok()
	return t.Type == tSemi || t.Type == tTerm && t.Value == ";"
}

// whileStatement parses while (cond) { } ('while' read).
func (p *parser) whileStatement(label, kw int) Statement {
	start := p.startOf(label, kw)
	p.skipNewlines()
	if p.typ() != tLParen {
		p.reportInc("MissingOpenParenthesisAfterKeyword", p.end(kw), p.end(kw), p.end(kw), "while")
		return p.errStmt(start, p.end(kw), "while")
	}
	lp := p.advance()
	p.skipNewlines()
	st := &WhileStatement{Pos: p.toks[kw].Pos, Cond: p.pipelineChain()}
	condEnd := p.end(lp)
	if st.Cond == nil {
		p.reportInc("MissingExpressionAfterKeyword", p.end(lp), p.end(lp), p.end(lp), "while")
	} else {
		condEnd = st.Cond.End
	}
	p.skipNewlines()
	if !isRParen(p.tok()) {
		if st.Cond != nil {
			p.reportInc("MissingEndParenthesisAfterStatement", condEnd, condEnd, condEnd, "while")
		}
		return p.errStmt(start, condEnd, "while", st.Cond)
	}
	rp := p.advance()
	p.skipNewlines()
	st.Body = p.statementBlock()
	if st.Body == nil {
		p.reportInc("MissingLoopStatement", p.end(rp), p.end(rp), p.end(rp), "while")
		return p.errStmt(start, p.end(rp), "while", st.Cond)
	}
	st.End = st.Body.End
	st.EndPos = p.tok().Pos
	return st
}

// doStatement parses do { } while|until (cond) ('do' read).
func (p *parser) doStatement(label, kw int) Statement {
	start := p.startOf(label, kw)
	st := &DoStatement{Pos: p.toks[kw].Pos}
	st.Body = p.statementBlock()
	if st.Body == nil {
		p.reportInc("MissingLoopStatement", p.end(kw), p.end(kw), p.end(kw), "do")
		return p.errStmt(start, p.end(kw), "do")
	}
	p.skipNewlines()
	if !p.isKw("while") && !p.isKw("until") {
		p.reportInc("MissingWhileOrUntilInDoWhile", st.Body.End, st.Body.End, st.Body.End)
		return p.errStmt(start, st.Body.End, "do", st.Body)
	}
	wu := p.advance()
	st.Kind = p.toks[wu].Value
	p.skipNewlines()
	if p.typ() != tLParen {
		p.reportInc("MissingOpenParenthesisAfterKeyword", p.end(wu), p.end(wu), p.end(wu), st.Kind)
		return p.errStmt(start, p.end(wu), "do", st.Body)
	}
	lp := p.advance()
	p.skipNewlines()
	st.Cond = p.pipelineChain()
	endErr := -1
	if st.Cond == nil {
		endErr = p.end(lp)
		p.reportInc("MissingExpressionAfterKeyword", endErr, endErr, endErr, st.Kind)
	}
	p.skipNewlines()
	if !isRParen(p.tok()) {
		if st.Cond != nil {
			endErr = st.Cond.End
			p.reportInc("MissingEndParenthesisAfterStatement", endErr, endErr, endErr, st.Kind)
		}
		return p.errStmt(start, endErr, "do", st.Body, st.Cond)
	}
	rp := p.advance()
	if endErr >= 0 {
		return p.errStmt(start, p.end(rp), "do", st.Body, st.Cond)
	}
	st.End = p.end(rp)
	st.EndPos = p.tok().Pos
	return st
}

// functionDefinition parses function|filter Name (params) { body } (the
// keyword read).
func (p *parser) functionDefinition(kw int) Statement {
	start := p.toks[kw].Pos
	p.skipNewlines()
	nt := p.tok()
	switch {
	case nt.Type == tPipe || nt.Type == tLParen || nt.Type == tLBrace || nt.Type == tArrExpr || nt.Type == tHashOpen ||
		isRCurly(nt) || isRParen(nt) || nt.Type == lexer.EOF || isTerm(nt) || nt.Type == tRedir || nt.Type == tRedirM ||
		nt.Type == tChain || isAmpersand(nt) || nt.Type == tVar || nt.Type == tSplat || nt.Type == tStr || nt.Type == tSOpen:
		p.reportInc("MissingNameAfterKeyword", p.end(kw), p.end(kw), p.end(kw), p.toks[kw].Value)
		return p.errStmt(start, p.end(kw), p.toks[kw].Value)
	}
	name := p.advance()
	fd := &FunctionDefinition{Pos: start, Kind: p.toks[kw].Value, Name: p.functionName(name), NameAt: p.start(name), NameEnd: p.end(name)}
	endErr := -1
	rparen := -1
	p.skipNewlines()
	if p.typ() == tLParen {
		lp := p.advance()
		fd.Params = p.parameterList()
		fd.HasParens = true
		p.skipNewlines()
		if isRParen(p.tok()) {
			rparen = p.advance()
		} else {
			endErr = p.end(lp)
			if len(fd.Params) > 0 {
				endErr = fd.Params[len(fd.Params)-1].End
			}
			p.reportInc("MissingEndParenthesisInFunctionParameterList", endErr, endErr, endErr)
		}
		p.skipNewlines()
	}
	if p.typ() != tLBrace {
		if endErr < 0 {
			endErr = p.end(name)
			if rparen >= 0 {
				endErr = p.end(rparen)
			}
			p.reportInc("MissingFunctionBody", endErr, endErr, endErr)
		}
		nested := make([]any, len(fd.Params))
		for i, prm := range fd.Params {
			nested[i] = prm
		}
		return p.errStmt(start, endErr, fd.Kind, nested...)
	}
	if endErr >= 0 {
		nested := make([]any, len(fd.Params))
		for i, prm := range fd.Params {
			nested[i] = prm
		}
		return p.errStmt(start, endErr, fd.Kind, nested...)
	}
	lc := p.advance()
	fd.Body = p.scriptBlock(lc)
	fd.End = fd.Body.End
	fd.EndPos = p.tok().Pos
	return fd
}

// functionName returns the name of a function from its name token.
func (p *parser) functionName(i int) string {
	t := p.toks[i]
	switch t.Type {
	case tWord, tCmd:
		return t.Value
	}
	return p.text(i)
}

// flowStatement parses return, throw or exit and its pipeline.
func (p *parser) flowStatement(kw int) Statement {
	st := &FlowStatement{Pos: p.toks[kw].Pos, Kind: p.toks[kw].Value, End: p.end(kw)}
	if v := p.pipelineChain(); v != nil {
		st.Value = v
		st.End = v.End
	}
	st.EndPos = p.tok().Pos
	return st
}

// breakStatement parses break or continue and its label.
func (p *parser) breakStatement(kw int) Statement {
	st := &BreakStatement{Pos: p.toks[kw].Pos, Kind: p.toks[kw].Value, End: p.end(kw)}
	t := p.tok()
	switch {
	case t.Type == tWord || t.Type == tCmd:
		i := p.advance()
		st.Label, st.LabelAt, st.End = t.Value, p.start(i), p.end(i)
	case t.Type != lexer.EOF && !isTerm(t) && !isRCurly(t) && !isRParen(t) && t.Type != tPipe:
		saved := p.noComma
		p.noComma = true
		u := p.unary()
		p.noComma = saved
		if u != nil {
			st.LabelExpr = u
			st.End = u.End
		}
	}
	st.EndPos = p.tok().Pos
	return st
}

// trapStatement parses trap [Type] { } ('trap' read).
func (p *parser) trapStatement(kw int) Statement {
	st := &TrapStatement{Pos: p.toks[kw].Pos}
	cp := p.i
	p.skipNewlines()
	endErr := p.end(kw)
	if a := p.attribute(); a != nil {
		if a.Attr != nil {
			// an attribute of what follows the trap
			p.i = cp
		} else {
			st.Type, st.TypeAt, st.TypeEnd = a.Type, a.Pos.Offset, a.End
			endErr = a.End
		}
	}
	st.Body = p.statementBlock()
	if st.Body == nil {
		p.reportInc("MissingTrapStatement", endErr, endErr, endErr)
		if st.Type != "" {
			return p.errStmt(st.Pos, endErr, "trap", &ParamAttr{Pos: p.position(st.TypeAt), End: st.TypeEnd, Type: st.Type})
		}
		return p.errStmt(st.Pos, endErr, "trap")
	}
	st.End = st.Body.End
	return st
}

// tryStatement parses try { } catch [T] { } finally { } ('try' read).
func (p *parser) tryStatement(kw int) Statement {
	st := &TryStatement{Pos: p.toks[kw].Pos}
	p.skipNewlines()
	st.Body = p.statementBlock()
	if st.Body == nil {
		p.reportInc("MissingTryStatementBlock", p.end(kw), p.end(kw), p.end(kw))
		return p.errStmt(st.Pos, p.end(kw), "try")
	}
	endErr := -1
	var errTypes []any
	for {
		c, ok := p.catchClause(&endErr)
		if !ok {
			break
		}
		if c.Body != nil {
			st.Catches = append(st.Catches, c)
		} else {
			// the types of a broken catch belong to the broken try
			for i, ty := range c.Types {
				errTypes = append(errTypes, &ParamAttr{Pos: p.position(c.TypeSpans[i][0]), End: c.TypeSpans[i][1], Type: ty})
			}
		}
		if endErr >= 0 {
			break
		}
	}
	if endErr < 0 {
		cp := p.i
		p.skipNewlines()
		if p.isKw("finally") {
			fin := p.advance()
			st.Finally = p.statementBlock()
			if st.Finally == nil {
				endErr = p.end(fin)
				p.reportInc("MissingFinallyStatementBlock", endErr, endErr, endErr, "finally")
			}
		} else {
			p.i = cp
		}
	}
	if len(st.Catches) == 0 && st.Finally == nil && endErr < 0 {
		endErr = st.Body.End
		p.reportInc("MissingCatchOrFinally", endErr, endErr, endErr)
	}
	if endErr >= 0 {
		nested := []any{st.Body}
		for _, c := range st.Catches {
			nested = append(nested, c)
		}
		return p.errStmt(st.Pos, endErr, "try", append(nested, errTypes...)...)
	}
	if st.Finally != nil {
		st.End = st.Finally.End
	} else {
		st.End = st.Catches[len(st.Catches)-1].End
	}
	st.EndPos = p.tok().Pos
	return st
}

// catchClause parses catch [T1], [T2] { }. ok is false when no catch is
// next; on an error it sets endErr and returns the clause without a body.
func (p *parser) catchClause(endErr *int) (c *CatchClause, ok bool) {
	cp := p.i
	p.skipNewlines()
	if !p.isKw("catch") {
		p.i = cp
		return nil, false
	}
	kw := p.advance()
	c = &CatchClause{Pos: p.toks[kw].Pos}
	comma := -1
	for {
		rp := p.i
		p.skipNewlines()
		a := p.attribute()
		if a == nil {
			if comma >= 0 {
				*endErr = p.end(comma)
				p.reportInc("MissingTypeLiteralToken", *endErr, *endErr, *endErr)
			}
			break
		}
		if a.Attr != nil {
			p.i = rp
			break
		}
		c.Types = append(c.Types, a.Type)
		c.TypeSpans = append(c.TypeSpans, [2]int{a.Pos.Offset, a.End})
		p.skipNewlines()
		if t := p.typ(); t != tComma && t != tArgSep {
			break
		}
		comma = p.advance()
	}
	c.Body = p.statementBlock()
	if c.Body == nil {
		if comma < 0 || *endErr != p.end(comma) {
			*endErr = p.end(kw)
			if n := len(c.TypeSpans); n > 0 {
				*endErr = c.TypeSpans[n-1][1]
			}
			p.reportInc("MissingCatchHandlerBlock", *endErr, *endErr, *endErr)
		}
		return c, true
	}
	c.End = c.Body.End
	return c, true
}

// dataStatement parses data [Name] [-SupportedCommand commands] { body }
// ('data' read).
func (p *parser) dataStatement(kw int) Statement {
	st := &DataStatement{Pos: p.toks[kw].Pos}
	endErr := -1
	last := p.end(kw)
	p.skipNewlines()
	if t := p.tok(); t.Type == tWord && isSimpleName(t.Value) {
		i := p.advance()
		st.Variable, last = t.Value, p.end(i)
	}
	p.skipNewlines()
	var nested []any
	if t := p.tok(); t.Type == tParam || t.Type == tParamC {
		pt := p.advance()
		if name := strings.ToLower(t.Value); name == "" || !strings.HasPrefix("supportedcommand", name) {
			endErr = p.end(pt)
			p.report("InvalidParameterForDataSectionStatement", p.start(pt), p.end(pt), t.Value)
		}
		comma := -1
		for {
			p.skipNewlines()
			cmd := p.singleCommandArgument()
			if cmd == nil {
				after := p.end(pt)
				if comma >= 0 {
					after = p.end(comma)
				}
				if endErr < 0 {
					p.reportInc("MissingValueForSupportedCommandInDataSectionStatement", after, after, after)
				}
				endErr = after
				break
			}
			st.Commands = append(st.Commands, cmd)
			nested = append(nested, cmd)
			last = cmd.End
			if p.typ() != tComma {
				break
			}
			comma = p.advance()
		}
	}
	if endErr < 0 {
		st.Body = p.statementBlock()
		if st.Body == nil {
			endErr = last
			p.reportInc("MissingStatementBlockForDataSection", endErr, endErr, endErr)
		}
	}
	if endErr >= 0 {
		return p.errStmt(st.Pos, endErr, "data", nested...)
	}
	st.End = st.Body.End
	st.EndPos = p.tok().Pos
	return st
}

// isSimpleName reports whether s is an identifier.
func isSimpleName(s string) bool {
	for i, r := range s {
		if !(isIdentStart(r) || i > 0 && isIdent(r)) {
			return false
		}
	}
	return s != ""
}

// classDefinition parses class Name : Base { members } ('class' read).
func (p *parser) classDefinition(attrs []*ParamAttr, kw int) Statement {
	start := p.toks[kw].Pos
	if len(attrs) > 0 {
		start = attrs[0].Pos
	}
	p.skipNewlines()
	if p.typ() != tWord {
		p.reportInc("MissingNameAfterKeyword", p.end(kw), p.end(kw), p.end(kw), "class")
		return p.errStmt(start, p.end(kw), "class")
	}
	name := p.advance()
	cd := &ClassDefinition{Pos: start, Name: p.toks[name].Value, Attrs: attrs}
	endErr := p.end(name)
	p.skipNewlines()
	if p.typ() == tColon {
		colon := p.advance()
		endErr = p.end(colon)
		for {
			p.skipNewlines()
			if p.typ() != tWord {
				p.reportInc("TypeNameExpected", endErr, endErr, endErr)
				break
			}
			b := p.advance()
			name, end := p.toks[b].Value, p.end(b)
			// the arity of an open generic type, List`1, which the
			// tokenizer reads apart after the name
			for p.tok().Value == "`" && p.start(p.i) == end && p.toks[p.i+1].Type == tNum && p.start(p.i+1) == p.end(p.i) {
				p.advance()
				n := p.advance()
				name, end = name+"`"+p.toks[n].Value, p.end(n)
			}
			cd.Bases = append(cd.Bases, name)
			cd.BaseSpans = append(cd.BaseSpans, [2]int{p.start(b), end})
			endErr = end
			p.skipNewlines()
			if t := p.typ(); t != tComma && t != tArgSep {
				break
			}
			endErr = p.end(p.advance())
		}
	}
	p.skipNewlines()
	if p.typ() != tLBrace {
		p.reportInc("MissingTypeBody", endErr, endErr, endErr, "class")
		return p.errStmt(start, endErr, "class")
	}
	lc := p.advance()
	for {
		m := p.classMember(cd.Name)
		if m == nil {
			break
		}
		if m.Prop != "" || m.Body != nil {
			cd.Members = append(cd.Members, m)
		}
	}
	if isRCurly(p.tok()) {
		cd.End = p.end(p.advance())
	} else {
		p.reportInc("MissingEndCurlyBrace", p.end(lc), p.end(lc), p.end(p.i))
		cd.End = p.prevEnd()
		return p.errStmt(start, cd.End, "class")
	}
	cd.EndPos = p.tok().Pos
	return cd
}

// classMember parses a property or a method of a class. It returns nil
// when no member is next (the class body ends), and a member with neither
// a property nor a body after an error in one.
func (p *parser) classMember(class string) *ClassMember {
	m := &ClassMember{}
	lastAttr := -1
	typed := false
	for first := true; ; first = false {
		p.skipNewlines()
		if first {
			m.Pos = p.tok().Pos
		}
		if a := p.attribute(); a != nil {
			lastAttr = a.End
			if a.Attr == nil {
				if typed {
					p.report("TooManyTypes", a.Pos.Offset, a.End)
				}
				typed = true
			}
			if len(m.Mods) == 0 {
				m.Attrs = append(m.Attrs, a)
			} else {
				m.Attrs2 = append(m.Attrs2, a)
			}
			continue
		}
		t := p.tok()
		if t.Type == tKw && (t.Value == "static" || t.Value == "hidden") {
			i := p.advance()
			if slices.Contains(m.Mods, t.Value) {
				p.report("DuplicateQualifier", p.start(i), p.end(i), p.text(i))
			}
			m.Mods = append(m.Mods, t.Value)
			lastAttr = p.end(i)
			continue
		}
		break
	}
	t := p.tok()
	switch {
	case t.Type == tVar:
		v := p.advance()
		m.Prop, m.End = t.Value, p.end(v)
		if p.typ() == tAssign && p.tok().Value == "=" {
			p.advance()
			p.skipNewlines()
			if e := p.expression(); e != nil {
				m.Init = &PipelineStatement{Pos: e.Pos, End: e.End, Left: &Pipeline{Pos: e.Pos, End: e.End,
					Elems: []PipeElement{&CommandExpression{Pos: e.Pos, End: e.End, Expr: e}}}}
				m.End = e.End
			}
		}
		if nt := p.tok(); !isTerm(nt) && !isRCurly(nt) {
			p.reportInc("MissingPropertyTerminator", m.End, m.End, m.End)
		}
		p.skipTerms()
		return m
	case t.Type == tWord || t.Type == tCmd || t.Type == tKw:
		name := p.advance()
		m.Method = p.functionName(name)
		m.NameAt, m.NameEnd = p.start(name), p.end(name)
		if !p.methodDeclaration(m, name, class) {
			p.syncOnError(false, syncRCurly)
			m.Body = nil
		}
		return m
	}
	if lastAttr >= 0 {
		p.reportInc("IncompleteMemberDefinition", lastAttr, lastAttr, lastAttr)
		m.Prop = ""
		return nil
	}
	return nil
}

// methodDeclaration parses the parameters, the base constructor call and
// the body of a method (its name, token name, is read). It reports false
// when the method is broken.
func (p *parser) methodDeclaration(m *ClassMember, name int, class string) bool {
	m.End = p.end(name)
	endErr, rparen := -1, -1
	if t := p.typ(); t == tLParen || t == tMParen {
		lp := p.advance()
		m.Params = p.parameterList()
		p.skipNewlines()
		if isRParen(p.tok()) {
			rparen = p.advance()
			m.End = p.end(rparen)
		} else {
			endErr = p.end(lp)
			if len(m.Params) > 0 {
				endErr = m.Params[len(m.Params)-1].End
			}
			p.reportInc("MissingEndParenthesisInFunctionParameterList", endErr, endErr, endErr)
		}
		p.skipNewlines()
	} else {
		p.reportInc("MissingMethodParameterList", p.end(name), p.end(name), p.end(name))
	}
	if strings.EqualFold(m.Method, class) && !slices.Contains(m.Mods, "static") {
		p.skipNewlines()
		if p.typ() == tColon {
			colon := p.advance()
			p.skipNewlines()
			if p.isKw("base") {
				base := p.advance()
				p.skipNewlines()
				if t := p.typ(); t == tLParen || t == tMParen {
					lp := p.advance()
					bc := &BaseCall{Pos: p.toks[colon].Pos}
					bc.Args, bc.End = p.invokeArgs(lp)
					m.Base = bc
					p.skipNewlines()
				} else {
					endErr = p.end(base)
					p.reportInc("MissingMethodParameterList", endErr, endErr, endErr)
				}
			} else {
				endErr = p.end(colon)
				p.reportInc("MissingBaseCtorCall", endErr, endErr, endErr)
			}
		}
	}
	if p.typ() != tLBrace {
		if endErr < 0 {
			endErr = p.end(name)
			if rparen >= 0 {
				endErr = p.end(rparen)
			}
			p.reportInc("MissingFunctionBody", endErr, endErr, endErr)
		}
		return false
	}
	if endErr >= 0 {
		// the '{' is read (and its block is not): Parser.cs ClassMemberRule
		p.advance()
		return false
	}
	// PowerShell reads a method body as a script block; one with a param
	// block or named blocks is an error the checks report
	save, nerr := p.i, len(p.errs)
	l := p.advance()
	if b := p.scriptBlock(l); b.Param != nil || len(b.Named) > 0 {
		list := b.Stmts
		if list == nil {
			list = &StatementList{Pos: p.toks[l].Pos}
		}
		m.Script = b
		m.Body = &StatementBlock{Pos: p.toks[l].Pos, End: b.End, EndPos: p.position(max(b.End-1, p.end(l))), List: list}
		m.End = b.End
		return true
	}
	p.i, p.errs = save, p.errs[:nerr]
	m.Body = p.statementBlock()
	m.End = m.Body.End
	return true
}

// enumDefinition parses enum Name : Type { A; B = 1 } ('enum' read).
func (p *parser) enumDefinition(attrs []*ParamAttr, kw int) Statement {
	start := p.toks[kw].Pos
	if len(attrs) > 0 {
		start = attrs[0].Pos
	}
	p.skipNewlines()
	if p.typ() != tWord {
		p.reportInc("MissingNameAfterKeyword", p.end(kw), p.end(kw), p.end(kw), "enum")
		return p.errStmt(start, p.end(kw), "enum")
	}
	name := p.advance()
	ed := &EnumDefinition{Pos: start, Name: p.toks[name].Value, Attrs: attrs}
	endErr := p.end(name)
	p.skipNewlines()
	if p.typ() == tColon {
		colon := p.advance()
		p.skipNewlines()
		if p.typ() != tWord {
			p.reportInc("TypeNameExpected", p.end(colon), p.end(colon), p.end(colon))
		} else {
			b := p.advance()
			ed.Base, ed.BaseAt, endErr = p.toks[b].Value, p.start(b), p.end(b)
		}
	}
	p.skipNewlines()
	if p.typ() != tLBrace {
		p.reportInc("MissingTypeBody", endErr, endErr, endErr, "enum")
		return p.errStmt(start, endErr, "enum")
	}
	lc := p.advance()
	for {
		p.skipTerms()
		t := p.tok()
		if isRCurly(t) {
			ed.End = p.end(p.advance())
			break
		}
		if t.Type == lexer.EOF {
			// after the '{', as for a class (Parser.cs EnumDefinitionRule)
			p.reportInc("MissingEndCurlyBrace", p.end(lc), p.end(lc), p.end(p.i))
			return p.errStmt(start, p.prevEnd(), "enum")
		}
		if t.Type != tWord {
			i := p.advance()
			p.report("UnexpectedToken", p.start(i), p.end(i), p.text(i))
			continue
		}
		n := p.advance()
		mem := &EnumMember{Pos: t.Pos, End: p.end(n), Name: t.Value}
		if p.typ() == tAssign && p.tok().Value == "=" {
			eq := p.advance()
			p.skipNewlines()
			mem.Value = p.expression()
			if mem.Value == nil {
				p.reportInc("ExpectedValueExpression", p.end(eq), p.end(eq), p.end(eq), "=")
			} else {
				mem.End = mem.Value.End
			}
		}
		ed.Members = append(ed.Members, mem)
	}
	return ed
}

// Sync kinds for syncOnError.
const (
	syncRParen = 1 << iota
	syncRCurly
	syncRBracket
	syncSemi
	syncNewline
	syncComma
)

// syncOnError skips tokens after an error, as PowerShell's SyncOnError
// does: up to the closer in sync that closes the bracket the parser is in
// (consumed when consume is set), or up to and including another kind of
// sync at bracket depth zero, or to the end of the script.
func (p *parser) syncOnError(consume bool, sync int) {
	parens, curlies, brackets := 0, 0, 0
	if sync&syncRParen != 0 {
		parens = 1
	}
	if sync&syncRCurly != 0 {
		curlies = 1
	}
	if sync&syncRBracket != 0 {
		brackets = 1
	}
	for {
		t := p.tok()
		if t.Type == lexer.EOF {
			return
		}
		kind := 0
		switch {
		case t.Type == tLParen || t.Type == tMParen || t.Type == tSubExpr || t.Type == tArrExpr || t.Type == tAttrOpen || t.Type == tSSub:
			parens++
		case isRParen(t):
			parens--
			if parens == 0 && sync&syncRParen != 0 {
				if consume {
					p.advance()
				}
				return
			}
		case t.Type == tLBrace || t.Type == tHashOpen || t.Type == tMBrace:
			curlies++
		case isRCurly(t):
			curlies--
			if curlies == 0 && sync&syncRCurly != 0 {
				if consume {
					p.advance()
				}
				return
			}
		case t.Type == tIndex:
			brackets++
		case t.Type == tRBracket || t.Type == tAttrClose:
			brackets--
			if brackets == 0 && sync&syncRBracket != 0 {
				if consume {
					p.advance()
				}
				return
			}
		case isTerm(t) && t.Value == ";":
			kind = syncSemi
		case isTerm(t):
			kind = syncNewline
		case t.Type == tComma || t.Type == tArgSep:
			kind = syncComma
		}
		p.advance()
		if kind&sync != 0 && parens == 0 && curlies == 0 && brackets == 0 {
			return
		}
	}
}

// isNilNode reports a typed nil pointer in an any.
func isNilNode(n any) bool {
	switch n := n.(type) {
	case *PipelineStatement:
		return n == nil
	case *StatementBlock:
		return n == nil
	case *Unary:
		return n == nil
	case *Expr:
		return n == nil
	case *VarExpr:
		return n == nil
	case *CatchClause:
		return n == nil
	case *Parameter:
		return n == nil
	}
	return false
}
