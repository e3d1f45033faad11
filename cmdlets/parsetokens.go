package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// The tokens of the parser API (the [ref]tokens of ParseInput): csemu's
// tokens named as PowerShell's TokenKind names them, with the newlines,
// comments and line continuations between them that csemu's tokenizer
// skips. A type literal is split into its brackets and names, an
// expandable string or a word with variables is one token, as in
// PowerShell.

// apiToken is a Token of the parser API.
type apiToken struct {
	t          *astTree
	kind       string
	start, end int // byte offsets
	flags      int
	value      any    // a NumberToken's or StringToken's value
	class      string // the .NET type: "Token", "VariableToken", ...
	name       string // VariableToken.Name, ParameterToken.ParameterName, LabelToken.LabelText
	colon      bool   // ParameterToken.UsedColon
	nested     bool   // an expandable token with nested tokens (not given)
}

func (k *apiToken) PSTypeName() string { return value.LanguageNS + k.class }
func (k *apiToken) PSTypeNames() []string {
	if k.class == "Token" {
		return []string{value.LanguageNS + "Token", value.TObject}
	}
	names := []string{value.LanguageNS + k.class}
	switch k.class {
	case "StringLiteralToken", "StringExpandableToken":
		names = append(names, value.LanguageNS+"StringToken")
	}
	return append(names, value.LanguageNS+"Token", value.TObject)
}

func (k *apiToken) text() string {
	return (&astExtent{t: k.t, start: k.start, end: k.end}).text()
}

// PSString is Token.ToString(): its text.
func (k *apiToken) PSString() string { return k.text() }

func (k *apiToken) psPropertyNames() []string {
	names := []string{"Text", "TokenFlags", "Kind", "HasError", "Extent"}
	switch k.class {
	case "VariableToken":
		names = append(names, "Name", "VariablePath")
	case "ParameterToken":
		names = append(names, "ParameterName", "UsedColon")
	case "NumberToken", "StringLiteralToken":
		names = append(names, "Value")
	case "StringExpandableToken":
		names = append(names, "Value", "NestedTokens")
	case "LabelToken":
		names = append(names, "LabelText")
	}
	return names
}

func (k *apiToken) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "text":
		return k.text(), true
	case "tokenflags":
		return tokenFlagsValue(k.flags), true
	case "kind":
		return tokenKind(k.kind), true
	case "haserror":
		return k.flags&0x10000 != 0, true
	case "extent":
		return &astExtent{t: k.t, start: k.start, end: k.end}, true
	}
	switch k.class {
	case "VariableToken":
		switch strings.ToLower(name) {
		case "name":
			return k.name, true
		case "variablepath":
			return variablePath(k.name), true
		}
	case "ParameterToken":
		switch strings.ToLower(name) {
		case "parametername":
			return k.name, true
		case "usedcolon":
			return k.colon, true
		}
	case "NumberToken", "StringLiteralToken", "StringExpandableToken":
		if strings.EqualFold(name, "value") {
			return k.value, true
		}
	case "LabelToken":
		if strings.EqualFold(name, "labeltext") {
			return k.name, true
		}
	}
	return nil, false
}

func (k *apiToken) psNotImplemented(name string) string {
	if k.class == "StringExpandableToken" && strings.EqualFold(name, "NestedTokens") {
		return value.LanguageNS + "StringExpandableToken"
	}
	return ""
}

func (k *apiToken) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	return nil, notFoundMethod(k, name)
}

// tokenFlagNames lists the TokenFlags (token.cs) but the precedences.
func tokenFlagNames() []struct {
	name string
	v    int
} {
	return []struct {
		name string
		v    int
	}{
		{"Keyword", 0x10}, {"ScriptBlockBlockName", 0x20}, {"BinaryOperator", 0x100}, {"UnaryOperator", 0x200},
		{"CaseSensitiveOperator", 0x400}, {"TernaryOperator", 0x800}, {"SpecialOperator", 0x1000},
		{"AssignmentOperator", 0x2000}, {"ParseModeInvariant", 0x8000}, {"TokenInError", 0x10000},
		{"DisallowedInRestrictedMode", 0x20000}, {"PrefixOrPostfixOperator", 0x40000}, {"CommandName", 0x80000},
		{"MemberName", 0x100000}, {"TypeName", 0x200000}, {"AttributeName", 0x400000}, {"CanConstantFold", 0x800000},
		{"StatementDoesntSupportAttributes", 0x1000000},
	}
}

// tokenFlagValue returns the value of a TokenFlags name.
func tokenFlagValue(name string) (int, bool) {
	switch strings.ToLower(name) {
	case "none":
		return 0, true
	case "binaryprecedencelogical":
		return 0x1, true
	case "binaryprecedencebitwise":
		return 0x2, true
	case "binaryprecedencecomparison":
		return 0x5, true
	case "binaryprecedencecoalesce":
		return 0x7, true
	case "binaryprecedenceadd":
		return 0x9, true
	case "binaryprecedencemultiply":
		return 0xa, true
	case "binaryprecedenceformat":
		return 0xc, true
	case "binaryprecedencerange":
		return 0xd, true
	case "binaryprecedencemask":
		return 0xf, true
	}
	for _, f := range tokenFlagNames() {
		if strings.EqualFold(f.name, name) {
			return f.v, true
		}
	}
	return 0, false
}

// tokenFlagsValue returns a TokenFlags value, named as .NET names a flags
// enum: its flags joined by ", ".
func tokenFlagsValue(n int) *enumValue {
	names := tokenFlagNames()
	var parts []string
	switch n & 0xf {
	case 0x1:
		parts = append(parts, "BinaryPrecedenceLogical")
	case 0x2:
		parts = append(parts, "BinaryPrecedenceBitwise")
	case 0x5:
		parts = append(parts, "BinaryPrecedenceComparison")
	case 0x7:
		parts = append(parts, "BinaryPrecedenceCoalesce")
	case 0x9:
		parts = append(parts, "BinaryPrecedenceAdd")
	case 0xa:
		parts = append(parts, "BinaryPrecedenceMultiply")
	case 0xc:
		parts = append(parts, "BinaryPrecedenceFormat")
	case 0xd:
		parts = append(parts, "BinaryPrecedenceRange")
	}
	for _, f := range names {
		if n&f.v != 0 {
			parts = append(parts, f.name)
		}
	}
	text := "None"
	if len(parts) > 0 {
		text = strings.Join(parts, ", ")
	}
	return &enumValue{typ: value.LanguageNS + "TokenFlags", name: text, n: n}
}

// tokenRoles records what the tree says of some tokens, by offset.
type tokenRoles struct {
	command  map[int]bool // the name of a command
	keyword  map[int]bool // a keyword in its place (a switch's default)
	ident    map[int]bool // a name: a hash key, a switch condition
	function map[int]bool // the name of a function
}

func collectRoles(script *parser.Script) tokenRoles {
	r := tokenRoles{command: map[int]bool{}, keyword: map[int]bool{}, ident: map[int]bool{}, function: map[int]bool{}}
	if script == nil {
		return r
	}
	parser.Walk(script, func(n any) bool {
		switch n := n.(type) {
		case *parser.Command:
			if n.Name != "" {
				r.command[n.NameAt] = true
			}
		case *parser.HashLiteral:
			for _, e := range n.Entries {
				if _, ok := e.Key.Primary.(*parser.BareWord); ok {
					r.ident[e.Key.Pos.Offset] = true
				}
			}
		case *parser.SwitchStatement:
			for _, c := range n.Clauses {
				if bw, ok := c.Cond.Primary.(*parser.BareWord); ok && len(c.Cond.Post) == 0 {
					if strings.EqualFold(bw.Value, "default") {
						r.keyword[bw.Pos.Offset] = true
					} else {
						r.ident[bw.Pos.Offset] = true
					}
				}
			}
		case *parser.FunctionDefinition:
			r.function[n.NameAt] = true
		}
		return true
	})
	return r
}

// apiTokens returns the tokens of a parsed script, ending with
// EndOfInput.
func apiTokens(t *astTree, script *parser.Script) *value.Array {
	lx, _ := parser.Lexemes(t.file, t.src)
	roles := collectRoles(script)
	var out []any
	add := func(kind string, start, end int, extra int) *apiToken {
		_, flags, _ := tokenKindInfo(kind)
		k := &apiToken{t: t, kind: kind, start: start, end: end, flags: flags | extra, class: "Token"}
		out = append(out, k)
		return k
	}
	prev := 0
	for i := 0; i < len(lx); i++ {
		l := lx[i]
		if l.Class == "EOF" {
			gapTokens(t, prev, len(t.src), add)
			break
		}
		gapTokens(t, prev, l.Start, add)
		prev = l.End
		switch l.Class {
		case "Term":
			if l.Value == ";" {
				add("Semi", l.Start, l.End, 0)
			} else {
				add("NewLine", l.Start, l.End, 0)
			}
		case "Kw":
			k := add(keywordKind(l.Value), l.Start, l.End, 0)
			if roles.command[l.Start] || roles.function[l.Start] {
				k.flags = k.flags&^0x10 | 0x80000
			}
		case "Cmd":
			kind := "Generic"
			if kw := keywordKind(strings.ToLower(l.Value)); kw != "Unknown" && roles.command[l.Start] {
				kind = kw
			}
			k := add(kind, l.Start, l.End, 0)
			k.flags &^= 0x10
			if roles.command[l.Start] {
				k.flags |= 0x80000
			}
			k.class, k.value = "StringLiteralToken", l.Value
		case "Word":
			kind := "Generic"
			switch {
			case roles.keyword[l.Start]:
				kind = keywordKind(strings.ToLower(l.Value))
			case roles.ident[l.Start]:
				kind = "Identifier"
			}
			k := add(kind, l.Start, l.End, 0)
			if roles.command[l.Start] {
				k.flags |= 0x80000
			}
			if roles.ident[l.Start] {
				k.flags |= 0x100000
			}
			if kind == "Generic" {
				k.class, k.value = "StringLiteralToken", l.Value
			}
		case "BadWord":
			add(badWordKind(l.Value), l.Start, l.End, 0)
		case "Var", "SVar":
			k := add("Variable", l.Start, l.End, 0)
			k.class, k.name = "VariableToken", l.Value
		case "Splat":
			k := add("SplattedVariable", l.Start, l.End, 0)
			k.class, k.name = "VariableToken", l.Value
		case "Param", "ParamC":
			k := add("Parameter", l.Start, l.End, 0)
			k.class, k.name, k.colon = "ParameterToken", l.Value, l.Class == "ParamC"
		case "Num":
			k := add("Number", l.Start, l.End, 0)
			k.class = "NumberToken"
			if v, ok := parser.ParseNumber(l.Value); ok {
				k.value = value.FromNumber(v)
			}
		case "Str":
			kind := stringKind(t, l.Start)
			k := add(kind, l.Start, l.End, 0)
			k.value = l.Value
			k.class = "StringLiteralToken"
			if kind == "StringExpandable" || kind == "HereStringExpandable" {
				k.class = "StringExpandableToken"
			}
		case "SOpen":
			// the whole string is one token
			j, end := closingLexeme(lx, i, "SOpen", "SClose")
			k := add(stringKind(t, l.Start), l.Start, end, 0)
			k.class, k.nested = "StringExpandableToken", true
			k.value = expandableValue(t, l.Start, end)
			prev = end
			i = min(j, len(lx)-1)
		case "CStart":
			j, end := closingLexeme(lx, i, "CStart", "CEnd")
			k := add("Generic", l.Start, end, 0)
			if roles.command[l.Start] {
				k.flags |= 0x80000
			}
			k.class, k.nested = "StringExpandableToken", true
			k.value = t.src[t.clamp(l.Start):t.clamp(end)]
			prev = end
			i = min(j, len(lx)-1)
		case "Type":
			typeTokens(t, l.Start, l.End, 0x200000, add)
		case "AttrOpen":
			// [Name( : the bracket, the name and the parenthesis
			add("LBracket", l.Start, l.Start+1, 0)
			ns := t.skipSpace(l.Start + 1)
			ne := l.End - 1
			for ne > ns && (t.src[ne-1] == ' ' || t.src[ne-1] == '\t') {
				ne--
			}
			add("Identifier", ns, ne, 0x400000|0x200000)
			add("LParen", l.End-1, l.End, 0)
		case "Generic":
			typeTokens(t, l.Start, l.End, 0x200000, add)
		case "Member":
			add("Identifier", l.Start, l.End, 0x100000)
		case "Label":
			k := add("Label", l.Start, l.End, 0)
			k.class, k.name = "LabelToken", l.Value
		default:
			add(punctKind(l.Class, l.Value), l.Start, l.End, 0)
		}
	}
	add("EndOfInput", len(t.src)+1, len(t.src)+1, 0)
	return &value.Array{Items: out, Elem: value.LanguageNS + "Token"}
}

// gapTokens adds the newlines, comments and line continuations between
// two tokens.
func gapTokens(t *astTree, from, to int, add func(string, int, int, int) *apiToken) {
	s := t.src
	to = min(to, len(s))
	for i := from; i < to; {
		c := s[i]
		switch {
		case c == '\r' && i+1 < to && s[i+1] == '\n':
			add("NewLine", i, i+2, 0)
			i += 2
		case c == '\n' || c == '\r':
			add("NewLine", i, i+1, 0)
			i++
		case c == '#':
			j := i
			for j < to && s[j] != '\n' && s[j] != '\r' {
				j++
			}
			add("Comment", i, j, 0)
			i = j
		case c == '<' && strings.HasPrefix(s[i:], "<#"):
			e := strings.Index(s[i+2:], "#>")
			j := to
			if e >= 0 {
				j = min(to, i+2+e+2)
			}
			add("Comment", i, j, 0)
			i = j
		case c == '`' && i+1 < to && (s[i+1] == '\n' || s[i+1] == '\r'):
			j := i + 2
			if s[i+1] == '\r' && j < to && s[j] == '\n' {
				j++
			}
			add("LineContinuation", i, j, 0)
			i = j
		default:
			i++
		}
	}
}

// typeTokens adds the tokens of a type literal: brackets, commas and
// names.
func typeTokens(t *astTree, start, end, nameFlags int, add func(string, int, int, int) *apiToken) {
	s := t.src
	for i := start; i < end; {
		switch c := s[i]; {
		case c == '[':
			add("LBracket", i, i+1, 0)
			i++
		case c == ']':
			add("RBracket", i, i+1, 0)
			i++
		case c == ',':
			add("Comma", i, i+1, 0)
			i++
		case c == ' ' || c == '\t':
			i++
		default:
			j := i
			for j < end && !strings.ContainsRune("[], \t", rune(s[j])) {
				j++
			}
			add("Identifier", i, j, nameFlags)
			i = j
		}
	}
}

// keywordKind returns the TokenKind of a keyword, or Unknown.
func keywordKind(kw string) string {
	name := strings.ToUpper(kw[:1]) + kw[1:]
	switch kw {
	case "elseif":
		name = "ElseIf"
	case "dynamicparam":
		name = "Dynamicparam"
	case "inlinescript":
		name = "InlineScript"
	}
	if _, flags, ok := tokenKindInfo(name); ok && flags&0x10 != 0 {
		return name
	}
	return "Unknown"
}

// stringKind returns the TokenKind of the string token at off.
func stringKind(t *astTree, off int) string {
	switch stringConstantType(t, off).name {
	case "SingleQuoted":
		return "StringLiteral"
	case "SingleQuotedHereString":
		return "HereStringLiteral"
	case "DoubleQuotedHereString":
		return "HereStringExpandable"
	}
	return "StringExpandable"
}

// expandableValue returns the text of an expandable string between its
// quotes.
func expandableValue(t *astTree, start, end int) string {
	s := t.src[t.clamp(start):t.clamp(end)]
	if strings.HasPrefix(s, "@") {
		s = strings.TrimPrefix(s[1:], "\"")
		s = strings.TrimPrefix(strings.TrimPrefix(s, "\r"), "\n")
		s = strings.TrimSuffix(strings.TrimSuffix(s, "@"), "\"")
		return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	}
	if len(s) >= 2 {
		return s[1 : len(s)-1]
	}
	return s
}

// badWordKind names a token that starts nothing where it stands.
func badWordKind(v string) string {
	switch v {
	case ")":
		return "RParen"
	case "}":
		return "RCurly"
	case "&":
		return "Ampersand"
	case ".":
		return "Dot"
	case "[":
		return "LBracket"
	case "]":
		return "RBracket"
	}
	if len(v) > 1 && v[0] == '-' {
		return "Parameter"
	}
	return "Generic"
}

// punctKind returns the TokenKind of an operator or a bracket.
func punctKind(class, v string) string {
	switch class {
	case "LParen", "MParen":
		return "LParen"
	case "RParen":
		return "RParen"
	case "LBrace", "MBrace":
		return "LCurly"
	case "RBrace":
		return "RCurly"
	case "SubExpr", "SSub":
		return "DollarParen"
	case "ArrExpr":
		return "AtParen"
	case "HashOpen":
		return "AtCurly"
	case "Index":
		if v == "?[" {
			return "QuestionLBracket"
		}
		return "LBracket"
	case "RBracket", "AttrClose":
		return "RBracket"
	case "Pipe":
		return "Pipe"
	case "Chain":
		if v == "&&" {
			return "AndAnd"
		}
		return "OrOr"
	case "Call":
		if v == "." {
			return "Dot"
		}
		return "Ampersand"
	case "Redir", "RedirM":
		if v == "<" {
			return "RedirectInStd"
		}
		return "Redirection"
	case "Comma", "ArgSep":
		return "Comma"
	case "Semi":
		return "Semi"
	case "Colon":
		return "Colon"
	case "Colons":
		return "ColonColon"
	case "Question":
		return "QuestionMark"
	case "Dot":
		if v == "?." {
			return "QuestionDot"
		}
		return "Dot"
	case "Assign":
		return assignKind(v)
	case "Op", "BinOp":
		switch v {
		case "!":
			return "Exclaim"
		case "++":
			return "PlusPlus"
		case "--":
			return "MinusMinus"
		case "-not":
			return "Not"
		case "-bnot":
			return "Bnot"
		}
		return binaryKind(v)
	case "SText", "SClose", "CEnd":
		return "Unknown"
	}
	return "Unknown"
}

// closingLexeme finds the lexeme that closes the one at i (an open
// string or command, which may nest): its index and where it ends; at
// the end of input, the last lexeme.
func closingLexeme(lx []parser.Lexeme, i int, open, close string) (int, int) {
	depth, j := 0, i
	for ; j < len(lx); j++ {
		switch lx[j].Class {
		case open:
			depth++
		case close:
			depth--
		}
		if depth == 0 || lx[j].Class == "EOF" {
			break
		}
	}
	if j < len(lx) {
		return j, lx[j].End
	}
	return j, lx[i].End
}
