package parser

import "github.com/alecthomas/participle/v2/lexer"

// ConfigurationDefinition is a DSC configuration: [attributes]
// configuration Name { body } (PowerShell's ConfigurationDefinitionAst).
// Its body is a script block whose statements may be dynamic keywords
// (Node and resource blocks, see [DynamicKeywordStatement]);
// Import-DscResource is an ordinary command in it.
type ConfigurationDefinition struct {
	Pos    Pos
	End    int
	EndPos Pos
	Attrs  []*ParamAttr
	// Name is the name as written (a bare word, a string or an
	// expression); NameText is its value when it is a constant.
	Name     *Unary
	NameText string
	Body     *ScriptBlockExpr
}

// DynamicKeywordStatement is a keyword of a DSC configuration's body
// (PowerShell's DynamicKeywordStatementAst): a Node block
// "Node name { statements }", whose body is Block, or a resource block
// "ResourceType name { Key = value ... }" (also a CIM instance nested in a
// property's value, "MSFT_Type { Key = value }", which has no name), whose
// properties are Props.
type DynamicKeywordStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	// Keyword is the keyword as written; KeywordEnd is where it ends.
	Keyword    string
	KeywordEnd int
	// Name is the instance name, nil when none is written.
	Name  *Unary
	Block *ScriptBlockExpr
	Props *HashLiteral
}

func (*ConfigurationDefinition) statement() {}
func (*DynamicKeywordStatement) statement() {}

// configurationDefinition parses configuration Name { body }
// ('configuration' read), as Parser.cs ConfigurationStatementRule does.
func (p *parser) configurationDefinition(attrs []*ParamAttr, kw int) Statement {
	start := p.toks[kw].Pos
	if len(attrs) > 0 {
		start = attrs[0].Pos
	}
	p.skipNewlines()
	t := p.tok()
	if t.Type == tLBrace || t.Type == tHashOpen {
		at := p.end(kw)
		p.report("MissingConfigurationName", at, at)
		body := p.scriptBlockExpr()
		return p.errStmt(start, body.End, "configuration", body)
	}
	if t.Type == lexer.EOF || t.Type == tComma || isPipelineEnd(t) {
		at := p.end(kw)
		p.reportInc("MissingConfigurationName", at, at, at)
		return p.errStmt(start, at, "configuration")
	}
	name := p.singleCommandArgument()
	if name == nil {
		i := p.advance()
		p.reportInc("MissingConfigurationName", p.start(i), p.end(i), p.end(i))
		return p.errStmt(start, p.end(i), "configuration")
	}
	st := &ConfigurationDefinition{Pos: start, Attrs: attrs, Name: name}
	bad := false
	if s, ok := constantName(name); ok {
		st.NameText = s
		if !validConfigurationName(s) {
			bad = true
			p.report("InvalidConfigurationName", name.Pos.Offset, name.End, s)
		}
	}
	p.skipNewlines()
	if p.typ() != tLBrace {
		at := name.End
		p.reportInc("MissingCurlyInConfigurationStatement", at, at, at)
		return p.errStmt(start, name.End, "configuration", name)
	}
	st.Body = p.scriptBlockExpr()
	if bad {
		return p.errStmt(start, st.Body.End, "configuration", name, st.Body)
	}
	st.End = st.Body.End
	st.EndPos = p.tok().Pos
	return st
}

// constantName returns the value of a name written as a bare word or a
// string without expansions.
func constantName(u *Unary) (string, bool) {
	if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return "", false
	}
	switch x := u.Primary.(type) {
	case *BareWord:
		return x.Value, true
	case *StringLit:
		return x.Value, true
	}
	return "", false
}

// validConfigurationName reports whether s is a configuration name
// PowerShell accepts: ^[A-Za-z][A-Za-z0-9_./-]*$ (Parser.cs).
func validConfigurationName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '_' || c == '.' || c == '/' || c == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// dynamicKeywordStatement parses a Node or resource block (the keyword
// read), as Parser.cs DynamicKeywordStatementRule does.
func (p *parser) dynamicKeywordStatement(kw int) Statement {
	st := &DynamicKeywordStatement{Pos: p.toks[kw].Pos, Keyword: p.toks[kw].Value, KeywordEnd: p.end(kw)}
	p.skipNewlines()
	if t := p.tok(); t.Type != tLBrace && t.Type != tHashOpen {
		st.Name = p.singleCommandArgument()
		p.skipNewlines()
	}
	switch t := p.tok(); {
	case t.Type == tHashOpen && t.Value == "{":
		st.Props = p.hashLiteral()
		st.End = st.Props.End
	case t.Type == tLBrace:
		st.Block = p.scriptBlockExpr()
		st.End = st.Block.End
	default:
		at := st.KeywordEnd
		if st.Name != nil {
			at = st.Name.End
		}
		p.reportInc("MissingBraceInObjectDefinition", at, at, at)
		var nested []any
		if st.Name != nil {
			nested = append(nested, st.Name)
		}
		return p.errStmt(st.Pos, at, st.Keyword, nested...)
	}
	st.EndPos = p.tok().Pos
	return st
}
