package cmdlets

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// parserStatics implements [System.Management.Automation.Language.Parser]:
// ParseInput(input, [ref]tokens, [ref]errors), ParseInput(input, fileName,
// [ref]tokens, [ref]errors) and ParseFile(fileName, [ref]tokens,
// [ref]errors), which return the ScriptBlockAst of the script.
func parserStatics(c *staticCall) (any, error) {
	if !c.call {
		return c.notImplemented()
	}
	switch c.lname {
	case "parseinput":
		var input any
		file := ""
		var refs []any
		switch len(c.args) {
		case 3:
			input, refs = c.arg(0), c.args[1:]
		case 4:
			input, refs = c.arg(0), c.args[2:]
			if f := c.arg(1); f != nil {
				file = value.ToString(f)
			}
		default:
			return c.notImplemented()
		}
		if input == nil {
			return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'input')"}
		}
		return c.s.parseForAPI(file, value.ToString(input), refs[0], refs[1])
	case "parsefile":
		if len(c.args) != 3 {
			return c.notImplemented()
		}
		name := value.ToString(c.arg(0))
		full, err := c.s.fullPath(name)
		var src []byte
		if err == nil {
			src, err = c.s.readFile(full)
		}
		if err != nil {
			// PowerShell returns an empty tree and the error
			t := newAstTree(name, "", nil)
			e := &parser.Error{ID: "FileReadError", Msg: fmt.Sprintf("The file could not be read: Could not find file '%s'..", full)}
			t.errs = parser.ErrorList{e}
			if err := setRef(c.args[1], &value.Array{Elem: value.LanguageNS + "Token"}); err != nil {
				return nil, err
			}
			if err := setRef(c.args[2], t.parseErrors()); err != nil {
				return nil, err
			}
			return newRootAst(t, &parser.ScriptBlockBody{Open: -1, Stmts: &parser.StatementList{}}), nil
		}
		return c.s.parseForAPI(full, string(src), c.args[1], c.args[2])
	}
	return c.notImplemented()
}

// tokenEnumStatics implements the members of the TokenKind and
// TokenFlags enums: [TokenKind]::Variable, [TokenFlags]::Keyword.
func tokenEnumStatics(c *staticCall) (any, error) {
	if c.call {
		return c.notImplemented()
	}
	if strings.HasSuffix(c.t.Name, "TokenKind") {
		if v, _, ok := tokenKindInfo(c.name); ok {
			name, _ := tokenKindName(v)
			return tokenKind(name), nil
		}
	} else if v, ok := tokenFlagValue(c.name); ok {
		return tokenFlagsValue(v), nil
	}
	return nil, &methodErr{typ: "System.Management.Automation.RuntimeException",
		msg: fmt.Sprintf("The enum [%s] has no member named '%s'.", c.t.Name, c.name)}
}

// setRef sets a [ref] argument; $null in its place takes nothing.
func setRef(r any, v any) error {
	switch r := r.(type) {
	case *refValue:
		return r.set(v)
	case nil:
		return nil
	}
	return &methodErr{typ: "System.Management.Automation.MethodException",
		msg: "Argument: the out parameter must be given as [ref]."}
}

// parseForAPI parses a script for the parser API, sets the [ref]
// arguments to its tokens and errors, and returns its ScriptBlockAst.
func (s *Session) parseForAPI(file, src string, tokRef, errRef any) (any, error) {
	script, errs := parser.ParseAllWith(file, src, s.parserOptions())
	t := newAstTree(file, src, errs)
	if err := setRef(tokRef, apiTokens(t, script)); err != nil {
		return nil, err
	}
	if err := setRef(errRef, t.parseErrors()); err != nil {
		return nil, err
	}
	return treeRoot(t, script), nil
}

// treeRoot returns the ScriptBlockAst of a parse. A script the tokenizer
// could not read to its end has no tree: its root's parts are
// [NotImplemented].
func treeRoot(t *astTree, script *parser.Script) *langAst {
	if script == nil {
		a := &langAst{kind: "ScriptBlockAst", tree: t, start: 0, end: len(t.src), expanded: true, props: map[string]any{}}
		return a
	}
	return newRootAst(t, script.Body)
}

// functionScriptBlock returns the script block of a function
// ($function:f, (Get-Command f).ScriptBlock), which knows its script's
// text for its Ast.
func (s *Session) functionScriptBlock(f *Function) *ScriptBlock {
	return &ScriptBlock{Body: f.Body, Name: f.Name, File: f.File, Source: s.sources[f.File], Text: functionDefinition(f), bound: true, module: f.module}
}

// scriptBlockAst returns the node of a script block ($sb.Ast): its
// ScriptBlockAst within the tree of the script it is in. The script is
// parsed again for its tree, once per script block value.
func (s *Session) scriptBlockAst(sb *ScriptBlock) any {
	if sb.ast != nil {
		return sb.ast
	}
	src := sb.Source
	if src == "" {
		return nil
	}
	script, errs := parser.ParseAllWith(sb.File, src, s.parserOptions())
	t := newAstTree(sb.File, src, errs)
	root := treeRoot(t, script)
	if script == nil {
		return root
	}
	if sb.Body != nil && sb.Body.Open >= 0 {
		// the block is a literal inside the script: find its node
		var found *langAst
		_ = root.search(func(n *langAst) (bool, error) {
			if b, ok := n.node.(*parser.ScriptBlockBody); ok && n.kind == "ScriptBlockAst" && sameBody(b, sb.Body) {
				found = n
				return true, nil
			}
			return false, nil
		}, true)
		if found == nil {
			return nil
		}
		sb.ast = found
		if fd, ok := found.parent.node.(*parser.FunctionDefinition); ok && sb.Name != "" {
			if !strings.EqualFold(fd.Name, sb.Name) {
				return nil
			}
			// the script block of a function is its definition
			sb.ast = found.parent
		}
		return sb.ast
	}
	sb.ast = root
	return root
}

// sameBody reports whether two parses of a script block body are the same
// block: the same place and the same statements.
func sameBody(a, b *parser.ScriptBlockBody) bool {
	if a.Open != b.Open || a.End != b.End || len(a.Named) != len(b.Named) || (a.Stmts == nil) != (b.Stmts == nil) {
		return false
	}
	return a.Stmts == nil || len(a.Stmts.Stmts) == len(b.Stmts.Stmts)
}

// typeNameObj is an ITypeName of the parser API: a type as written in a
// type literal, parsed into its parts.
type typeNameObj struct {
	t          *astTree
	start, end int // extent, or -1
	kind       string
	name       string         // TypeName: the name; otherwise unused
	assembly   string         // an assembly name after the type, or ""
	elem       *typeNameObj   // ArrayTypeName: the element type; GenericTypeName: the open type
	rank       int            // ArrayTypeName
	arity      int            // TypeName: the number of type arguments of an open generic type
	args       []*typeNameObj // GenericTypeName
}

// newTypeName parses the text of a type literal (without its brackets).
func newTypeName(t *astTree, text string, start, end int) *typeNameObj {
	p := &typeParser{s: strings.TrimSpace(text)}
	tn := p.parse(true)
	if tn == nil || p.i < len(p.s) {
		tn = &typeNameObj{kind: "TypeName", name: strings.TrimSpace(text)}
	}
	tn.setExtent(t, start, end)
	return tn
}

func (n *typeNameObj) setExtent(t *astTree, start, end int) {
	n.t, n.start, n.end = t, start, end
	if n.elem != nil {
		n.elem.setExtent(t, start, end)
	}
	for _, a := range n.args {
		a.setExtent(t, -1, -1)
	}
}

// typeParser reads a type name: Name, Name[], Name[,], Name[T1,T2],
// Name[[T1],[T2]], with an optional ", Assembly" after it.
type typeParser struct {
	s string
	i int
}

func (p *typeParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *typeParser) parse(top bool) *typeNameObj {
	p.space()
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune("[],", rune(p.s[p.i])) {
		p.i++
	}
	name := strings.TrimSpace(p.s[start:p.i])
	if name == "" {
		return nil
	}
	tn := &typeNameObj{kind: "TypeName", name: name}
	for p.i < len(p.s) && p.s[p.i] == '[' {
		p.i++
		p.space()
		if p.i < len(p.s) && (p.s[p.i] == ']' || p.s[p.i] == ',') {
			rank := 1
			for p.i < len(p.s) && p.s[p.i] == ',' {
				rank++
				p.i++
				p.space()
			}
			if p.i >= len(p.s) || p.s[p.i] != ']' {
				return nil
			}
			p.i++
			tn = &typeNameObj{kind: "ArrayTypeName", elem: tn, rank: rank}
			continue
		}
		var args []*typeNameObj
		for {
			p.space()
			var a *typeNameObj
			if p.i < len(p.s) && p.s[p.i] == '[' {
				p.i++
				a = p.parse(true)
				p.space()
				if a == nil || p.i >= len(p.s) || p.s[p.i] != ']' {
					return nil
				}
				p.i++
			} else {
				a = p.parse(false)
			}
			if a == nil {
				return nil
			}
			args = append(args, a)
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			break
		}
		if p.i >= len(p.s) || p.s[p.i] != ']' {
			return nil
		}
		p.i++
		tn.arity = len(args)
		tn = &typeNameObj{kind: "GenericTypeName", elem: tn, args: args}
	}
	p.space()
	if top && p.i < len(p.s) && p.s[p.i] == ',' {
		asm := strings.TrimSpace(p.s[p.i+1:])
		p.i = len(p.s)
		root := tn
		for root.elem != nil {
			root = root.elem
		}
		root.assembly = asm
	}
	return tn
}

// fullName and shortName are FullName and Name in PowerShell's syntax.
func (n *typeNameObj) fullName() string {
	switch n.kind {
	case "ArrayTypeName":
		s := n.elem.shortName() + "[" + strings.Repeat(",", n.rank-1) + "]"
		if a := n.rootAssembly(); a != "" {
			s += "," + a
		}
		return s
	case "GenericTypeName":
		parts := make([]string, len(n.args))
		for i, a := range n.args {
			parts[i] = a.fullName()
		}
		s := n.elem.name + "[" + strings.Join(parts, ",") + "]"
		if n.elem.assembly != "" {
			s += "," + n.elem.assembly
		}
		return s
	}
	if n.assembly != "" {
		return n.name + "," + n.assembly
	}
	return n.name
}

func (n *typeNameObj) shortName() string {
	switch n.kind {
	case "ArrayTypeName":
		return n.elem.shortName() + "[" + strings.Repeat(",", n.rank-1) + "]"
	case "GenericTypeName":
		parts := make([]string, len(n.args))
		for i, a := range n.args {
			parts[i] = a.fullName()
		}
		return n.elem.name + "[" + strings.Join(parts, ",") + "]"
	}
	return n.name
}

func (n *typeNameObj) rootAssembly() string {
	for r := n; r != nil; r = r.elem {
		if r.assembly != "" {
			return r.assembly
		}
	}
	return ""
}

func (n *typeNameObj) PSTypeName() string { return value.LanguageNS + n.kind }
func (n *typeNameObj) PSTypeNames() []string {
	return []string{value.LanguageNS + n.kind, value.LanguageNS + "ITypeName", value.TObject}
}
func (n *typeNameObj) PSString() string { return n.fullName() }

func (n *typeNameObj) psPropertyNames() []string {
	names := []string{"FullName", "Name", "AssemblyName", "IsArray", "IsGeneric", "Extent"}
	switch n.kind {
	case "ArrayTypeName":
		names = append(names, "ElementType", "Rank")
	case "GenericTypeName":
		names = append(names, "TypeName", "GenericArguments")
	}
	return names
}

func (n *typeNameObj) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "fullname":
		return n.fullName(), true
	case "name":
		return n.shortName(), true
	case "assemblyname":
		if a := n.rootAssembly(); a != "" {
			return a, true
		}
		return nil, true
	case "isarray":
		return n.kind == "ArrayTypeName", true
	case "isgeneric":
		return n.kind == "GenericTypeName", true
	case "extent":
		if n.start < 0 || n.t == nil {
			return nil, false
		}
		return &astExtent{t: n.t, start: n.start, end: n.end}, true
	case "elementtype":
		if n.kind == "ArrayTypeName" {
			return n.elem, true
		}
	case "rank":
		if n.kind == "ArrayTypeName" {
			return n.rank, true
		}
	case "typename":
		if n.kind == "GenericTypeName" {
			return n.elem, true
		}
	case "genericarguments":
		if n.kind == "GenericTypeName" {
			items := make([]any, len(n.args))
			for i, a := range n.args {
				items[i] = a
			}
			return &value.Array{Items: items}, true
		}
	}
	return nil, false
}

func (n *typeNameObj) psNotImplemented(name string) string {
	switch strings.ToLower(name) {
	case "extent", "getreflectiontype", "getreflectionattributetype":
		return value.LanguageNS + n.kind
	}
	return ""
}

func (n *typeNameObj) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	switch strings.ToLower(name) {
	case "getreflectiontype":
		if len(args) == 0 && n.arity > 0 {
			// the open type (List`1): csemu has no open generic types
			return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("%sTypeName.GetReflectionType() of an open generic type (%s`%d)", value.LanguageNS, n.name, n.arity)}
		}
		if len(args) == 0 {
			t, ok := s.resolveType(n.shortName())
			if !ok {
				return nil, nil
			}
			return t, nil
		}
	case "getreflectionattributetype":
		if len(args) == 0 {
			for _, cand := range []string{n.shortName() + "Attribute", n.shortName()} {
				if t, ok := s.resolveType(cand); ok {
					return t, nil
				}
			}
			return nil, nil
		}
	}
	return nil, notFoundMethod(n, name)
}

// tokenKinds lists PowerShell's TokenKind values with their TokenFlags
// traits (token.cs): "Name value flags(hex)", one a line.
const tokenKinds = "" +
	"Unknown 0 0\n" +
	"Variable 1 0\n" +
	"SplattedVariable 2 0\n" +
	"Parameter 3 0\n" +
	"Number 4 0\n" +
	"Label 5 0\n" +
	"Identifier 6 0\n" +
	"Generic 7 0\n" +
	"NewLine 8 8000\n" +
	"LineContinuation 9 8000\n" +
	"Comment 10 8000\n" +
	"EndOfInput 11 8000\n" +
	"StringLiteral 12 8000\n" +
	"StringExpandable 13 8000\n" +
	"HereStringLiteral 14 8000\n" +
	"HereStringExpandable 15 8000\n" +
	"LParen 16 8000\n" +
	"RParen 17 8000\n" +
	"LCurly 18 8000\n" +
	"RCurly 19 8000\n" +
	"LBracket 20 0\n" +
	"RBracket 21 8000\n" +
	"AtParen 22 8000\n" +
	"AtCurly 23 8000\n" +
	"DollarParen 24 8000\n" +
	"Semi 25 8000\n" +
	"AndAnd 26 8000\n" +
	"OrOr 27 8000\n" +
	"Ampersand 28 9000\n" +
	"Pipe 29 9000\n" +
	"Comma 30 8200\n" +
	"MinusMinus 31 60200\n" +
	"PlusPlus 32 60200\n" +
	"DotDot 33 2010d\n" +
	"ColonColon 34 21000\n" +
	"Dot 35 21000\n" +
	"Exclaim 36 800200\n" +
	"Multiply 37 80010a\n" +
	"Divide 38 80010a\n" +
	"Rem 39 80010a\n" +
	"Plus 40 800309\n" +
	"Minus 41 800309\n" +
	"Equals 42 2000\n" +
	"PlusEquals 43 2000\n" +
	"MinusEquals 44 2000\n" +
	"MultiplyEquals 45 2000\n" +
	"DivideEquals 46 2000\n" +
	"RemainderEquals 47 2000\n" +
	"Redirection 48 20000\n" +
	"RedirectInStd 49 28000\n" +
	"Format 50 2010c\n" +
	"Not 51 800200\n" +
	"Bnot 52 800200\n" +
	"And 53 800101\n" +
	"Or 54 800101\n" +
	"Xor 55 800101\n" +
	"Band 56 800102\n" +
	"Bor 57 800102\n" +
	"Bxor 58 800102\n" +
	"Join 59 20305\n" +
	"Ieq 60 105\n" +
	"Ine 61 105\n" +
	"Ige 62 105\n" +
	"Igt 63 105\n" +
	"Ilt 64 105\n" +
	"Ile 65 105\n" +
	"Ilike 66 105\n" +
	"Inotlike 67 105\n" +
	"Imatch 68 20105\n" +
	"Inotmatch 69 20105\n" +
	"Ireplace 70 20105\n" +
	"Icontains 71 105\n" +
	"Inotcontains 72 105\n" +
	"Iin 73 105\n" +
	"Inotin 74 105\n" +
	"Isplit 75 20305\n" +
	"Ceq 76 505\n" +
	"Cne 77 505\n" +
	"Cge 78 505\n" +
	"Cgt 79 505\n" +
	"Clt 80 505\n" +
	"Cle 81 505\n" +
	"Clike 82 505\n" +
	"Cnotlike 83 505\n" +
	"Cmatch 84 20505\n" +
	"Cnotmatch 85 20505\n" +
	"Creplace 86 20505\n" +
	"Ccontains 87 505\n" +
	"Cnotcontains 88 505\n" +
	"Cin 89 505\n" +
	"Cnotin 90 505\n" +
	"Csplit 91 20705\n" +
	"Is 92 105\n" +
	"IsNot 93 105\n" +
	"As 94 20105\n" +
	"PostfixPlusPlus 95 60200\n" +
	"PostfixMinusMinus 96 60200\n" +
	"Shl 97 800105\n" +
	"Shr 98 800105\n" +
	"Colon 99 21000\n" +
	"QuestionMark 100 20800\n" +
	"QuestionQuestionEquals 101 2000\n" +
	"QuestionQuestion 102 107\n" +
	"QuestionDot 103 21000\n" +
	"QuestionLBracket 104 0\n" +
	"Begin 119 30\n" +
	"Break 120 1000010\n" +
	"Catch 121 10\n" +
	"Class 122 10\n" +
	"Continue 123 1000010\n" +
	"Data 124 1000010\n" +
	"Define 125 1000010\n" +
	"Do 126 1000010\n" +
	"Dynamicparam 127 30\n" +
	"Else 128 10\n" +
	"ElseIf 129 10\n" +
	"End 130 30\n" +
	"Exit 131 1000010\n" +
	"Filter 132 1000010\n" +
	"Finally 133 10\n" +
	"For 134 1000010\n" +
	"Foreach 135 1000010\n" +
	"From 136 1000010\n" +
	"Function 137 1000010\n" +
	"If 138 1000010\n" +
	"In 139 10\n" +
	"Param 140 10\n" +
	"Process 141 30\n" +
	"Return 142 1000010\n" +
	"Switch 143 1000010\n" +
	"Throw 144 1000010\n" +
	"Trap 145 1000010\n" +
	"Try 146 1000010\n" +
	"Until 147 10\n" +
	"Using 148 1000010\n" +
	"Var 149 1000010\n" +
	"While 150 1000010\n" +
	"Workflow 151 1000010\n" +
	"Parallel 152 1000010\n" +
	"Sequence 153 1000010\n" +
	"InlineScript 154 1000010\n" +
	"Configuration 155 10\n" +
	"DynamicKeyword 156 0\n" +
	"Public 157 10\n" +
	"Private 158 10\n" +
	"Static 159 10\n" +
	"Interface 160 10\n" +
	"Enum 161 10\n" +
	"Namespace 162 10\n" +
	"Module 163 10\n" +
	"Type 164 10\n" +
	"Assembly 165 10\n" +
	"Command 166 10\n" +
	"Hidden 167 10\n" +
	"Base 168 10\n" +
	"Default 169 10\n" +
	"Clean 170 30\n"

// tokenKindInfo returns the value and the trait flags of a TokenKind.
func tokenKindInfo(name string) (int, int, bool) {
	for rest := tokenKinds; rest != ""; {
		i := strings.IndexByte(rest, '\n')
		line := rest[:i]
		rest = rest[i+1:]
		f := strings.Fields(line)
		if strings.EqualFold(f[0], name) {
			v, _ := strconv.Atoi(f[1])
			flags, _ := strconv.ParseInt(f[2], 16, 64)
			return v, int(flags), true
		}
	}
	return 0, 0, false
}

// tokenKindValue returns the value of a TokenKind (0, Unknown, for none).
func tokenKindValue(name string) int {
	v, _, _ := tokenKindInfo(name)
	return v
}

// tokenKindName returns the name of a TokenKind value.
func tokenKindName(v int) (string, bool) {
	for rest := tokenKinds; rest != ""; {
		i := strings.IndexByte(rest, '\n')
		f := strings.Fields(rest[:i])
		rest = rest[i+1:]
		if n, _ := strconv.Atoi(f[1]); n == v {
			return f[0], true
		}
	}
	return "", false
}
