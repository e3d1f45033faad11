package parser

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types handed to the grammar. The tokenizer classifies everything the
// grammar needs, so the grammar runs with lookahead 1.
const (
	tTerm      lexer.TokenType = -(iota + 2) // newline or ';' that ends a statement
	tKw                                      // keyword, lower-cased
	tCmd                                     // command name
	tParam                                   // -Name (value: Name)
	tParamC                                  // -Name: (value: Name)
	tWord                                    // bare word argument, escapes decoded
	tBadWord                                 // bare word where an expression was expected
	tVar                                     // $name (value: name with scope)
	tSplat                                   // @name
	tNum                                     // number literal (raw text)
	tStr                                     // string with no expansion (value decoded)
	tSOpen                                   // start of an expandable string
	tSText                                   // literal text of an expandable string
	tSVar                                    // $name inside an expandable string
	tSSub                                    // $( inside an expandable string
	tSClose                                  // end of an expandable string
	tOp                                      // operator, canonical lower-case
	tAssign                                  // = += -= *= /= %= ??=
	tComma                                   // array comma
	tArgSep                                  // comma between method, attribute or param arguments
	tLParen                                  // (
	tMParen                                  // ( of a method call
	tRParen                                  // )
	tLBrace                                  // {
	tRBrace                                  // }
	tSubExpr                                 // $(
	tArrExpr                                 // @(
	tHashOpen                                // @{
	tIndex                                   // [ of an index
	tRBracket                                // ] of an index
	tType                                    // [TypeName] (value: TypeName)
	tAttrOpen                                // [Name( (value: Name)
	tAttrClose                               // ] closing an attribute
	tDot                                     // . member access
	tColons                                  // :: static member access
	tPipe                                    // |
	tCall                                    // & or . (call and dot-source operators)
	tRedir                                   // > >> 2> 2>&1 ...
	tLabel                                   // :label
	tCStart                                  // start of a compound bare-word argument
	tCEnd                                    // end of a compound bare-word argument
	tChain                                   // && ||
	tMember                                  // member name after . or ::
	tSemi                                    // ; inside for ( ; ; )
	tColon                                   // : in a class base list
	tRedirM                                  // 2>&1 and other stream merges
	tQuestion                                // ? of the ternary operator
	tBinOp                                   // an operator that only joins two operands (-eq, *, ..)
	tMBrace                                  // { of a method call whose argument is a script block: .M{ }
	tGeneric                                 // [T1, T2] of a generic method call .M[T1, T2]() (value: T1, T2)
	tDynKw                                   // a DSC keyword inside a configuration: Node, a resource type
)

var symbolNames = map[string]lexer.TokenType{
	"EOF": lexer.EOF, "Term": tTerm, "Kw": tKw, "Cmd": tCmd, "Param": tParam, "ParamC": tParamC,
	"Word": tWord, "BadWord": tBadWord, "Var": tVar, "Splat": tSplat, "Num": tNum, "Str": tStr,
	"SOpen": tSOpen, "SText": tSText, "SVar": tSVar, "SSub": tSSub, "SClose": tSClose, "Op": tOp,
	"Assign": tAssign, "Comma": tComma, "ArgSep": tArgSep, "LParen": tLParen, "MParen": tMParen,
	"RParen": tRParen, "LBrace": tLBrace, "RBrace": tRBrace, "SubExpr": tSubExpr, "ArrExpr": tArrExpr,
	"HashOpen": tHashOpen, "Index": tIndex, "RBracket": tRBracket, "Type": tType, "AttrOpen": tAttrOpen,
	"AttrClose": tAttrClose, "Dot": tDot, "Colons": tColons, "Pipe": tPipe, "Call": tCall,
	"Redir": tRedir, "Label": tLabel, "CStart": tCStart, "CEnd": tCEnd, "Chain": tChain,
	"Member": tMember, "Semi": tSemi, "Colon": tColon, "RedirM": tRedirM, "Question": tQuestion, "BinOp": tBinOp,
	"MBrace": tMBrace, "Generic": tGeneric, "DynKw": tDynKw,
}

// tokenName returns the readable name of a token type, for tests.
func tokenName(t lexer.TokenType) string {
	for k, v := range symbolNames {
		if v == t {
			return k
		}
	}
	return "?"
}

// Modes of the tokenizer within a frame.
type mode uint8

const (
	mStmt     mode = iota // statement start: keyword, command or expression
	mPipeElem             // after '|': command or expression, no keywords
	mArg                  // command arguments
	mExpr                 // expression
	mHashKey              // hashtable key
	mClause               // switch clause pattern
	mMember               // class member start
	mFuncName             // after 'function'
	mOpts                 // switch options / foreach flags
	mUsing                // words after 'using'
)

// Frame kinds: what an open bracket is.
type frameKind uint8

const (
	fTop         frameKind = iota
	fBlock                 // { } statement block or script block
	fParen                 // ( ) holding one pipeline
	fSub                   // $( ) or @( ) statement list
	fHash                  // @{ }
	fIndex                 // [ ] index
	fArgs                  // method call ( )
	fAttr                  // attribute arguments ( )
	fParams                // param( ) or function( )
	fFor                   // for ( ; ; )
	fForeach               // foreach ( $x in ... )
	fSwitch                // switch { clauses }
	fClass                 // class { members }
	fString                // expandable string (frame holds the string state)
	fStrSub                // $( ) inside an expandable string
	fAttrBracket           // [Name( ... ) ] : waiting for ]
)

// Block kinds that let a keyword on a later line continue a statement.
const (
	bPlain uint8 = iota
	bIf
	bTry
	bDo
)

type frame struct {
	kind     frameKind
	mode     mode
	after    mode // parent's mode after this frame closes
	blockKnd uint8
	open     int  // offset of the opening bracket
	quote    rune // fString: '"', or '@' for a here-string
	// What a keyword of this frame waits for: the kind of its next block
	// and paren, and whether newlines before the block are white space.
	pendBlock  uint8
	pendFrame  frameKind
	pendSwitch bool
	pendClass  bool
	awaitBlock bool
	awaitParam bool // after 'param': newlines before its '(' are white space
	// stmtBody marks the block of a keyword statement (if, try, trap,
	// function...): after its '}' a new statement may start on the same
	// line (trap {} try {}).
	stmtBody bool
	// member marks the $( ), ( ) or { } of a dynamic member name, which
	// a method-call paren may follow; callBlock marks the script block of
	// .M{ }. Member access may follow both.
	member    bool
	callBlock bool
	// dsc marks the frames inside a DSC configuration's body, where a
	// word followed by a name and a '{' is a dynamic keyword (a Node or
	// resource block); pendDSC marks a frame whose next block is such a
	// body (after 'configuration Name').
	dsc     bool
	pendDSC bool
}

// tokenizer turns PowerShell source into classified tokens.
type tokenizer struct {
	src       string
	file      string
	off       int
	toks      []lexer.Token
	stack     []frame
	adjacent  bool  // no white space since the previous token
	lastClose uint8 // block kind of the last '}' closed
	hereEnds  []hereEnd
	// ends holds where each token ends (a byte offset); the end of the
	// last token is settled when the tokenizer moves on (open is set until
	// then): at the next token or at the white space after it.
	ends []int
	open bool
	// position cache
	pOff, pLine, pCol int
	err               *Error
	// soft holds the errors after which the tokenizer goes on (bad
	// `u{} escapes), in the order found.
	soft []*Error
	// dscBrace is one past the offset of the '{' that opens the body of
	// the dynamic keyword last read (0 for none); dscHash says that body
	// is a resource's property list rather than a Node's script block.
	dscBrace int
	dscHash  bool
}

// Tokenize splits src into tokens. A returned error is an *Error: one
// that stopped the tokenizer. Errors it goes on after (a bad `u escape)
// are ParseAll's.
func Tokenize(filename, src string) ([]lexer.Token, error) {
	toks, _, _, err := tokenize(filename, src)
	return toks, err
}

// tokenize is Tokenize that also returns where each token ends. After an
// error the tokens read so far are returned, without an EOF token.
func tokenize(filename, src string) ([]lexer.Token, []int, []*Error, error) {
	t := &tokenizer{src: src, file: filename, pLine: 1, pCol: 1}
	if strings.HasPrefix(src, "\uFEFF") {
		t.off = 3
		t.pOff = 3
	}
	t.stack = append(t.stack, frame{kind: fTop, mode: mStmt})
	t.toks = make([]lexer.Token, 0, len(src)/4+8)
	t.ends = make([]int, 0, cap(t.toks))
	t.run()
	t.settle(t.off)
	if t.err != nil {
		return t.toks, t.ends, t.soft, t.err
	}
	t.toks = append(t.toks, lexer.Token{Type: lexer.EOF, Pos: t.pos(len(t.src))})
	t.ends = append(t.ends, len(t.src))
	return t.toks, t.ends, t.soft, nil
}

func (t *tokenizer) pos(off int) lexer.Position {
	if off < t.pOff {
		// Recompute from the start (rare: only for errors pointing back).
		t.pOff, t.pLine, t.pCol = 0, 1, 1
		if strings.HasPrefix(t.src, "\uFEFF") {
			t.pOff = 3
		}
	}
	s := t.src[t.pOff:off]
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		t.pLine++
		t.pCol = 1
		s = s[i+1:]
	}
	t.pCol += utf8.RuneCountInString(s)
	t.pOff = off
	return lexer.Position{Filename: t.file, Offset: off, Line: t.pLine, Column: t.pCol}
}

func (t *tokenizer) top() *frame { return &t.stack[len(t.stack)-1] }

func (t *tokenizer) emit(typ lexer.TokenType, val string, start int) {
	if typ == tOp && !unaryCapable(val) {
		typ = tBinOp
	}
	t.settle(start)
	t.toks = append(t.toks, lexer.Token{Type: typ, Value: val, Pos: t.pos(start)})
	t.adjacent = true
	switch {
	case typ == tCStart || typ == tCEnd:
		// the bounds of a compound argument take no text
		t.ends = append(t.ends, start)
	case typ == tTerm:
		// a newline or ';': one character
		t.ends = append(t.ends, start+1)
	default:
		t.ends = append(t.ends, start)
		t.open = true
	}
}

// settle sets the end of the last token, if still open, to off.
func (t *tokenizer) settle(off int) {
	if t.open {
		t.ends[len(t.ends)-1] = off
		t.open = false
	}
}

// unaryCapable reports whether an operator can stand before an operand.
func unaryCapable(op string) bool {
	switch op {
	case "!", "-not", "-bnot", "-", "+", "++", "--", "-split", "-join", "-csplit", "-isplit":
		return true
	}
	return false
}

// fail records the error that stops the tokenizer: id over [start, end)
// (an end past the script counts columns on), and whether more input
// might complete the script.
func (t *tokenizer) fail(start, end int, id string, incomplete bool, args ...string) {
	if t.err != nil {
		return
	}
	e := &Error{ID: id, Msg: errorText(id, args...), Pos: t.posPast(start)}
	e.End = t.posPast(max(start, end))
	if incomplete {
		detect := min(max(start, end), len(t.src))
		e.Incomplete = onlySpaceAfter(t.src, detect, true)
		e.IncompleteInput = onlySpaceAfter(t.src, detect, false)
	}
	t.err = e
}

// posPast returns the position of offset off, which may lie past the end of
// the script (PowerShell reports some errors one character on).
func (t *tokenizer) posPast(off int) Pos {
	if off <= len(t.src) {
		return t.pos(off)
	}
	p := t.pos(len(t.src))
	p.Column += off - len(t.src)
	p.Offset = off
	return p
}

func (t *tokenizer) last() lexer.TokenType {
	if len(t.toks) == 0 {
		return tTerm
	}
	return t.toks[len(t.toks)-1].Type
}

func (t *tokenizer) lastTok() *lexer.Token {
	if len(t.toks) == 0 {
		return nil
	}
	return &t.toks[len(t.toks)-1]
}

// peek returns the rune at off+n bytes... (rune at a byte offset).
func (t *tokenizer) runeAt(off int) (rune, int) {
	if off >= len(t.src) {
		return 0, 0
	}
	c := t.src[off]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t.src[off:])
}

func isDash(r rune) bool { return r == '-' || r == '\u2013' || r == '\u2014' || r == '\u2015' }

func isSQuote(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201A' || r == '\u201B'
}

func isDQuote(r rune) bool { return r == '"' || r == '\u201C' || r == '\u201D' || r == '\u201E' }

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0xA0 || r == 0xFEFF || (r > 0x7f && unicode.IsSpace(r) && r != '\u2028' && r != '\u2029')
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func isVarChar(r rune) bool { return isIdent(r) || r == '?' }

// isEnd reports whether r ends a generic (bare-word) token in argument mode.
func isEnd(r rune) bool {
	switch r {
	case 0, ' ', '\t', '\r', '\n', ';', ',', '|', '&', '(', ')', '{', '}', '>', '<':
		return true
	}
	return isSpace(r)
}

var keywords = map[string]bool{
	"if": true, "elseif": true, "else": true, "switch": true, "foreach": true, "for": true,
	"while": true, "do": true, "until": true, "try": true, "catch": true, "finally": true,
	"function": true, "filter": true, "param": true, "begin": true, "process": true, "end": true,
	"return": true, "break": true, "continue": true, "throw": true, "exit": true, "trap": true,
	"class": true, "using": true, "dynamicparam": true, "clean": true, "enum": true, "data": true,
	"configuration": true,
}

var dashOps = map[string]bool{
	"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true, "like": true, "notlike": true,
	"match": true, "notmatch": true, "replace": true, "contains": true, "notcontains": true, "in": true,
	"notin": true, "split": true, "join": true, "is": true, "isnot": true, "as": true, "and": true,
	"or": true, "xor": true, "not": true, "band": true, "bor": true, "bxor": true, "bnot": true,
	"shl": true, "shr": true, "f": true,
}

// IsOperatorName reports whether name (without dash, lower-case) is a
// PowerShell dash operator, including c/i-prefixed comparison forms.
func IsOperatorName(name string) bool {
	if dashOps[name] {
		return true
	}
	if len(name) > 1 && (name[0] == 'c' || name[0] == 'i') {
		switch name[1:] {
		case "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "replace",
			"contains", "notcontains", "in", "notin", "split":
			return true
		}
	}
	return false
}

func (t *tokenizer) run() { t.runUntilPop(0) }

// skipSpace skips white space, comments and line continuations, and emits
// statement terminators for newlines where they end a statement. It returns
// false when an error stops the tokenizer.
func (t *tokenizer) skipSpace() bool {
	t.settle(t.off)
	sawNL := false
	nlOff := 0
	blankLine := false
	// lineEmpty: nothing but white space since the last newline
	lineEmpty := true
	for t.off < len(t.src) {
		c := t.src[t.off]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' && t.off+1 < len(t.src) && t.src[t.off+1] == '\n':
			t.off++
			t.adjacent = false
		case c == '\n' || c == '\r':
			// (a lone carriage return ends a line too: old Mac line ends)
			if sawNL && lineEmpty {
				// a blank line: only white space since the last newline
				blankLine = true
			}
			if !sawNL {
				nlOff = t.off
			}
			sawNL, lineEmpty = true, true
			t.off++
			t.adjacent = false
		case c == '`':
			if t.off+1 < len(t.src) && (t.src[t.off+1] == '\n' || t.src[t.off+1] == '\r') {
				// a line holding a backtick stops a leading pipe from
				// continuing the pipeline (Tokenizer.IsPipeContinuation)
				blankLine = blankLine || sawNL
				t.off++
				if t.src[t.off] == '\r' {
					t.off++
				}
				if t.off < len(t.src) && t.src[t.off] == '\n' {
					t.off++
				}
				t.adjacent = false
				continue
			}
			if r, n := t.runeAt(t.off + 1); isSpace(r) {
				// a backtick before white space is white space: "` # note"
				// may end a line that goes on (Tokenizer.SkipWhiteSpace)
				t.off += 1 + n
				t.adjacent = false
				continue
			}
			if t.off+1 >= len(t.src) {
				t.fail(len(t.src)+1, len(t.src)+1, "IncompleteString", true)
				return false
			}
			goto done
		case c == '#':
			if t.adjacent && t.top().mode == mArg && t.last() != tTerm && t.midWord() {
				goto done
			}
			lineEmpty = false
			for t.off < len(t.src) && t.src[t.off] != '\n' && t.src[t.off] != '\r' {
				t.off++
			}
			t.adjacent = false
		case c == '<' && strings.HasPrefix(t.src[t.off:], "<#"):
			end := strings.Index(t.src[t.off+2:], "#>")
			if end < 0 {
				t.fail(t.off, len(t.src), "MissingTerminatorMultiLineComment", true)
				return false
			}
			t.off += 2 + end + 2
			t.adjacent = false
			lineEmpty = false
		default:
			r, n := t.runeAt(t.off)
			if r >= utf8.RuneSelf && isSpace(r) {
				t.off += n
				t.adjacent = false
				continue
			}
			goto done
		}
	}
done:
	if sawNL {
		t.newline(nlOff, blankLine)
	}
	return true
}

// midWord reports whether the previous token is glued to a '#' (a#b).
func (t *tokenizer) midWord() bool {
	switch t.last() {
	case tWord, tCmd, tCEnd:
		return true
	}
	return false
}

// newline decides whether a newline ends a statement.
func (t *tokenizer) newline(off int, blank bool) {
	f := t.top()
	if f.awaitBlock || f.awaitParam {
		return
	}
	switch f.kind {
	case fParen, fIndex, fArgs, fAttr, fParams, fFor, fForeach, fSwitch, fAttrBracket:
		return
	case fClass:
		// attributes, a type and static or hidden may stand on lines of
		// their own before the member they qualify
		if f.mode == mMember {
			switch t.last() {
			case tAttrClose, tType, tKw:
				return
			}
		}
	}
	switch t.last() {
	case tTerm, tPipe, tComma, tOp, tBinOp, tAssign, tLBrace, tSubExpr, tArrExpr, tHashOpen, tLParen, tChain, tArgSep, tLabel:
		if t.last() == tOp {
			v := t.lastTok().Value
			if v == "++" || v == "--" {
				break
			}
		}
		return
	}
	if len(t.toks) == 0 {
		return
	}
	// A keyword that continues the statement on a later line.
	word := t.peekWord()
	switch t.lastClose {
	case bIf:
		if word == "else" || word == "elseif" {
			return
		}
	case bTry:
		if word == "catch" || word == "finally" {
			return
		}
	case bDo:
		if word == "while" || word == "until" {
			return
		}
	}
	// A leading pipe on the next line continues the pipeline (pwsh 7.2).
	if !blank && t.off < len(t.src) && t.src[t.off] == '|' && !strings.HasPrefix(t.src[t.off:], "||") {
		return
	}
	t.emitTerm("\n", off)
}

func (t *tokenizer) emitTerm(v string, off int) {
	t.emit(tTerm, v, off)
	t.lastClose = bPlain
	f := t.top()
	f.pendBlock, f.pendFrame, f.pendSwitch, f.pendClass, f.awaitBlock, f.awaitParam = bPlain, 0, false, false, false, false
	f.pendDSC = false
	t.statementStart()
}

// statementStart resets the current frame's mode after a terminator.
func (t *tokenizer) statementStart() {
	f := t.top()
	switch f.kind {
	case fHash:
		f.mode = mHashKey
	case fSwitch:
		f.mode = mClause
	case fClass:
		f.mode = mMember
	default:
		f.mode = mStmt
	}
}

// peekWord returns the lower-cased word at the current offset after white
// space, newlines and comments (without consuming anything).
func (t *tokenizer) peekWord() string {
	i := t.off
	for i < len(t.src) {
		c := t.src[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		if c == '#' {
			for i < len(t.src) && t.src[i] != '\n' {
				i++
			}
			continue
		}
		if strings.HasPrefix(t.src[i:], "<#") {
			e := strings.Index(t.src[i+2:], "#>")
			if e < 0 {
				return ""
			}
			i += e + 4
			continue
		}
		break
	}
	j := i
	for j < len(t.src) && (isAlpha(t.src[j])) {
		j++
	}
	return strings.ToLower(t.src[i:j])
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// token reads one token at t.off (not white space).
func (t *tokenizer) token() {
	f := t.top()
	start := t.off
	c := t.src[t.off]
	r, n := t.runeAt(t.off)

	// Inside $( ) of a "..." string, `" delimits a string of the inner code.
	if c == '`' && t.off+1 < len(t.src) && t.src[t.off+1] == '"' && t.inStringSub() {
		end := strings.Index(t.src[t.off+2:], "`\"")
		if end < 0 {
			t.fail(start, len(t.src), "TerminatorExpectedAtEndOfString", true, "\"")
			return
		}
		if f.mode == mStmt || f.mode == mPipeElem {
			f.mode = mExpr
		}
		t.emit(tStr, t.src[t.off+2:t.off+2+end], start)
		t.off += 2 + end + 2
		t.postfix(f.mode)
		return
	}
	// Terminators and closers work the same in every mode.
	switch c {
	case ';':
		t.off++
		if f.kind == fFor {
			t.emit(tSemi, ";", start)
			f.mode = mStmt
			return
		}
		if t.last() != tTerm {
			t.emitTerm(";", start)
		} else {
			t.statementStart()
		}
		return
	case ')':
		t.closeParen(start)
		return
	case '}':
		t.closeBrace(start)
		return
	case ']':
		if f.kind == fIndex {
			t.off++
			fr := t.pop()
			t.emit(tRBracket, "]", start)
			t.postfix(fr.after)
			return
		}
		if f.kind == fAttrBracket {
			t.off++
			t.pop()
			t.emit(tAttrClose, "]", start)
			return
		}
	case '|':
		if strings.HasPrefix(t.src[t.off:], "||") {
			t.off += 2
			t.emit(tChain, "||", start)
			t.setMode(mPipeElem)
			return
		}
		t.off++
		t.emit(tPipe, "|", start)
		t.setMode(mPipeElem)
		return
	}

	switch f.mode {
	case mStmt, mPipeElem:
		t.statementToken(r, n, start)
	case mArg:
		t.argToken(r, n, start)
	case mExpr:
		t.exprToken(r, n, start)
	case mHashKey:
		t.hashKeyToken(r, n, start)
	case mClause:
		t.clauseToken(r, n, start)
	case mMember:
		t.memberToken(r, n, start)
	case mFuncName:
		end := t.scanGeneric(t.off)
		if f.pendClass {
			// a class or enum name is an identifier (class C:Base{)
			end = t.off
			for end < len(t.src) {
				rr, k := t.runeAt(end)
				if !isIdent(rr) {
					break
				}
				end += k
			}
		}
		if end == t.off {
			t.exprToken(r, n, start)
			return
		}
		t.emit(tWord, decodeBare(t.src[t.off:end]), start)
		t.off = end
		f.mode = mExpr
	case mOpts:
		if isDash(r) {
			end := t.scanGeneric(t.off + n)
			t.emit(tParam, t.src[t.off+n:end], start)
			t.off = end
			return
		}
		if lt := t.lastTok(); lt != nil && lt.Type == tParam && strings.EqualFold(lt.Value, "file") && c != '(' {
			// switch -file path: the path is an argument
			t.compound(start)
			t.setMode(mExpr)
			return
		}
		f.mode = mExpr
		t.exprToken(r, n, start)
	case mUsing:
		// a name may be quoted: using module './m.psm1'
		if isSQuote(r) {
			t.singleQuoted(start)
			return
		}
		if isDQuote(r) {
			t.doubleQuoted(start, mUsing)
			return
		}
		end := t.scanGeneric(t.off)
		if end == t.off {
			end = t.off + n
		}
		t.emit(tWord, t.src[t.off:end], start)
		t.off = end
	}
}

func (t *tokenizer) setMode(m mode) { t.top().mode = m }

// inStringSub reports whether the tokenizer is inside $( ) of a "..." string.
func (t *tokenizer) inStringSub() bool {
	for i := len(t.stack) - 1; i > 0; i-- {
		if t.stack[i].kind == fStrSub {
			return t.stack[i-1].kind == fString && t.stack[i-1].quote == '"'
		}
	}
	return false
}

func (t *tokenizer) push(fr frame) {
	fr.open = t.off
	if len(t.stack) > 0 && t.top().dsc {
		fr.dsc = true
	}
	t.stack = append(t.stack, fr)
}

func (t *tokenizer) pop() frame {
	fr := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	t.top().mode = fr.after
	return fr
}

func (t *tokenizer) closeParen(start int) {
	f := t.top()
	switch f.kind {
	case fParen, fSub, fArgs, fAttr, fParams, fFor, fForeach, fStrSub:
		t.off++
		fr := t.pop()
		t.emit(tRParen, ")", start)
		if fr.kind == fStrSub {
			// back inside the string: the string frame is on top now
			return
		}
		if fr.kind == fAttr {
			t.push(frame{kind: fAttrBracket, mode: mExpr, after: t.top().mode})
			t.top().open = start
			return
		}
		if fr.kind == fParams && t.top().kind == fClass {
			// a method's parameters: its body (or a constructor's
			// : base(...)) may start on a later line
			t.top().awaitBlock = true
			return
		}
		if fr.member && t.invokeParen() {
			// $x.$(name)(args), $x.(name){ }
			return
		}
		if fr.kind == fParen || fr.kind == fSub || fr.kind == fArgs {
			t.postfix(fr.after)
		}
		return
	}
	// a stray ')': the grammar reports it, and parsing goes on after it
	t.off++
	t.emit(tBadWord, ")", start)
}

func (t *tokenizer) closeBrace(start int) {
	f := t.top()
	switch f.kind {
	case fBlock, fHash, fSwitch, fClass:
		t.off++
		fr := t.pop()
		t.emit(tRBrace, "}", start)
		t.lastClose = fr.blockKnd
		switch {
		case fr.stmtBody:
			// the statement ends here; another may follow on this line
			t.top().mode = mStmt
		case fr.member && t.invokeParen():
			// $o.{name}(args)
		case fr.member || fr.callBlock || fr.kind == fHash || (fr.kind == fBlock && t.off < len(t.src) && t.src[t.off] == '.' && fr.after != mClause):
			t.postfix(fr.after)
		}
		return
	}
	t.off++
	t.emit(tBadWord, "}", start)
}

// openBlock opens a { } block.
func (t *tokenizer) openBlock(start int, after mode) {
	p := t.top()
	fr := frame{kind: fBlock, mode: mStmt, after: after, blockKnd: p.pendBlock, stmtBody: p.awaitBlock}
	switch {
	case p.pendSwitch:
		fr.kind, fr.mode = fSwitch, mClause
	case p.pendClass:
		fr.kind, fr.mode = fClass, mMember
	}
	p.pendBlock, p.pendFrame, p.pendSwitch, p.pendClass, p.awaitBlock = bPlain, 0, false, false, false
	if p.pendDSC {
		fr.dsc, p.pendDSC = true, false
	}
	if t.dscBrace == start+1 {
		t.dscBrace = 0
		if t.dscHash {
			// a resource's properties: Name = value lines, read as a
			// hashtable's entries
			fr.kind, fr.mode = fHash, mHashKey
			t.push(fr)
			t.off++
			t.emit(tHashOpen, "{", start)
			return
		}
	}
	t.push(fr)
	t.off++
	t.emit(tLBrace, "{", start)
}

// openParen opens a ( ) whose kind a preceding keyword may have set.
func (t *tokenizer) openParen(start int, after mode) {
	k := t.top().pendFrame
	t.top().pendFrame = 0
	t.top().awaitParam = false
	fr := frame{kind: k, mode: mStmt, after: after}
	switch k {
	case fParams:
		fr.mode = mExpr
		fr.after = mStmt // param(...) and function f(...) are followed by statements or a body
	case fForeach:
		fr.mode = mExpr
	case 0:
		fr.kind = fParen
	}
	t.push(fr)
	t.off++
	t.emit(tLParen, "(", start)
}

// statementToken reads the first token of a statement or pipeline element.
func (t *tokenizer) statementToken(r rune, n int, start int) {
	f := t.top()
	inPipe := f.mode == mPipeElem
	c := t.src[t.off]
	switch {
	case (c >= '0' && c <= '9' || c == '.' && t.off+1 < len(t.src) && t.src[t.off+1] >= '0' && t.src[t.off+1] <= '9') && !t.numberEndsAt(scanNumber(t.src, t.off)):
		// digits that run into more than a number are a generic token,
		// a command name: 7z, 1?2:3
	case c == '$' || isSQuote(r) || isDQuote(r) || c == '(' || c == '[' || (c >= '0' && c <= '9') || c == '!' || c == '{' || c == ',':
		f.mode = mExpr
		t.exprToken(r, n, start)
		return
	case c == '@':
		f.mode = mExpr
		t.exprToken(r, n, start)
		return
	case isDash(r):
		// -not, -1, --x, -x (a unary operator or a negative number)
		f.mode = mExpr
		t.exprToken(r, n, start)
		return
	case c == '+' && strings.HasPrefix(t.src[t.off:], "++"):
		f.mode = mExpr
		t.exprToken(r, n, start)
		return
	case c == '+' && t.off+1 < len(t.src) && (isDigit(t.src[t.off+1]) || t.src[t.off+1] == '.' && t.off+2 < len(t.src) && isDigit(t.src[t.off+2])):
		// a signed number starts an expression, as -1 does: PowerShell's
		// tokenizer reads +100 as a number where a statement starts
		// (AllowSignedNumbers)
		f.mode = mExpr
		t.exprToken(r, n, start)
		return
	case c == '.':
		nr, _ := t.runeAt(t.off + 1)
		if nr >= '0' && nr <= '9' {
			f.mode = mExpr
			t.exprToken(r, n, start)
			return
		}
		if nr == 0 || isSpace(nr) || nr == '\n' || nr == '$' || isSQuote(nr) || isDQuote(nr) || nr == '(' || nr == '{' {
			t.off++
			t.emit(tCall, ".", start)
			f.mode = mPipeElem
			t.callTarget()
			return
		}
	case c == '&':
		if strings.HasPrefix(t.src[t.off:], "&&") {
			t.off += 2
			t.emit(tChain, "&&", start)
			return
		}
		t.off++
		t.emit(tCall, "&", start)
		t.callTarget()
		return
	case c == ':' && !inPipe:
		nr, _ := t.runeAt(t.off + 1)
		if isIdentStart(nr) {
			end := t.off + 1
			for end < len(t.src) {
				rr, nn := t.runeAt(end)
				if !isIdent(rr) {
					break
				}
				end += nn
			}
			t.emit(tLabel, t.src[t.off+1:end], start)
			t.off = end
			return
		}
	}
	// a generic token: keyword or command name
	end := t.scanGeneric(t.off)
	if end == t.off {
		// a character that cannot start anything here
		end = t.off + n
		t.emit(tBadWord, t.src[t.off:end], start)
		t.off = end
		f.mode = mArg
		return
	}
	word := t.src[t.off:end]
	if !inPipe {
		lw := strings.ToLower(word)
		if keywords[lw] && t.wordEndsClean(end) {
			t.off = end
			t.keyword(lw, start)
			return
		}
		if f.dsc && t.dynamicKeyword(word, end, start) {
			return
		}
	}
	if strings.ContainsAny(word, "`'\"\u2018\u2019\u201A\u201B\u201C\u201D\u201E$") {
		// a command name with quotes or variables glued on: rare; read it as
		// a compound argument after a call operator
		t.emit(tCall, "&", start)
		f.mode = mArg
		t.argToken(r, n, start)
		return
	}
	t.off = end
	t.emit(tCmd, decodeBare(word), start)
	f.mode = mArg
}

// numberEndsAt reports whether a number token that ends at off where a
// pipeline starts is one: PowerShell's tokenizer ends a number at a
// character that starts a new token (white space, a newline, & ( ) , ; {
// | }) or at one that may follow a number (an operator's first character,
// # or ]); before anything else, the number is the start of a generic
// token (tokenizer.cs ScanNumberHelper, CharTraits.cs).
func (t *tokenizer) numberEndsAt(off int) bool {
	if off >= len(t.src) {
		return true
	}
	r, _ := t.runeAt(off)
	if r < 128 {
		return strings.ContainsRune(" \t\n\v\f\r&(),;{|}!#%*+-./<=>]", r) || r == 0
	}
	return isSpace(r) || isDash(r) || r == '\u2028' || r == '\u2029' || r == 0x85
}

// wordEndsClean reports whether a keyword candidate ending at end is a whole
// token (if( and if{ are keywords; if-x is not).
func (t *tokenizer) wordEndsClean(end int) bool {
	r, _ := t.runeAt(end)
	return r == 0 || isEnd(r) || r == '\n' || r == '$'
}

// callTarget reads what follows '&' or '.': an expression primary or a
// command name.
func (t *tokenizer) callTarget() {
	if !t.skipSpace() || t.off >= len(t.src) {
		return
	}
	start := t.off
	r, n := t.runeAt(t.off)
	c := t.src[t.off]
	if c == '$' || isSQuote(r) || isDQuote(r) || c == '(' || c == '{' || c == '@' {
		// the target is an expression; arguments follow
		t.setMode(mArg)
		t.argToken(r, n, start)
		return
	}
	end := t.scanGeneric(t.off)
	if end == t.off {
		end = t.off + n
	}
	t.emit(tCmd, decodeBare(t.src[t.off:end]), start)
	t.off = end
	t.setMode(mArg)
}

// keyword handles a statement keyword.
func (t *tokenizer) keyword(kw string, start int) {
	f := t.top()
	doTail := (kw == "while" || kw == "until") && t.last() == tRBrace && t.lastClose == bDo
	if doTail {
		// the do statement ends with its condition: a while or until on
		// the next line starts a new statement
		t.lastClose = bPlain
	}
	t.emit(tKw, kw, start)
	f.mode = mExpr
	switch kw {
	case "if", "elseif", "else":
		f.pendBlock, f.awaitBlock = bIf, true
	case "try", "catch":
		f.pendBlock, f.awaitBlock = bTry, true
	case "finally", "begin", "process", "end", "dynamicparam", "clean", "trap":
		f.awaitBlock = true
	case "do":
		f.pendBlock, f.awaitBlock = bDo, true
	case "while", "until":
		f.awaitBlock = !doTail
	case "foreach":
		f.pendFrame, f.awaitBlock = fForeach, true
		f.mode = mOpts
	case "for":
		f.pendFrame, f.awaitBlock = fFor, true
	case "switch":
		f.pendSwitch, f.awaitBlock = true, true
		f.mode = mOpts
	case "function", "filter":
		f.pendFrame, f.awaitBlock = fParams, true
		f.mode = mFuncName
	case "param":
		f.pendFrame = fParams
		f.awaitParam = true
	case "return", "throw", "exit":
		f.mode = mPipeElem
	case "break", "continue":
		f.mode = mArg
	case "data":
		// data [name] [-SupportedCommand names] { }
		f.awaitBlock = true
		f.mode = mArg
	case "configuration":
		// configuration Name { body }: newlines may come before the
		// name and the body
		f.awaitBlock, f.pendDSC = true, true
		f.mode = mArg
	case "class", "enum":
		f.pendClass, f.awaitBlock = true, true
		f.mode = mFuncName
	case "using":
		f.mode = mUsing
	}
}

// scanGeneric returns the end of a generic token starting at off: a bare
// word that may hold escaped characters.
func (t *tokenizer) scanGeneric(off int) int {
	i := off
	for i < len(t.src) {
		c := t.src[i]
		if c == '`' {
			if i+1 < len(t.src) && t.src[i+1] != '\n' && t.src[i+1] != '\r' {
				if t.src[i+1] == 'u' {
					_, n, e := unicodeEscape(t.src, i+1)
					t.softFail(e)
					i += 1 + n
					continue
				}
				_, n := t.runeAt(i + 1)
				i += 1 + n
				continue
			}
			break
		}
		r, n := t.runeAt(i)
		if isEnd(r) || c == '\n' {
			break
		}
		if c == '$' || isSQuote(r) || isDQuote(r) {
			break
		}
		if c == '#' && i == off {
			break
		}
		i += n
	}
	return i
}

// decodeBare removes backtick escapes from a bare word.
func decodeBare(s string) string {
	if strings.IndexByte(s, '`') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '`' && i+1 < len(s) {
			i += decodeEscape(&b, s, i+1) // the loop adds the last byte
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeError is a bad `u escape: the error to report and its extent.
type escapeError struct {
	id         string
	start, end int
}

// unicodeEscape reads the `u{hex} escape whose u is at s[i] as
// PowerShell's tokenizer does (ScanUnicodeEscape): one to six hex digits
// naming a code point up to U+10FFFF, in braces. It returns the code point,
// how many bytes from i it used and, for a bad escape, the error; a bad
// escape stands for U+FFFF and ends before the character that broke it.
func unicodeEscape(s string, i int) (rune, int, *escapeError) {
	const bad = rune(0xFFFF)
	escStart := i - 1
	if i+1 >= len(s) || s[i+1] != '{' {
		return bad, 1, &escapeError{"InvalidUnicodeEscapeSequence", escStart, i + 1}
	}
	j := i + 2
	var v rune
	for k := 0; ; k++ {
		if j < len(s) && s[j] == '}' {
			if k == 0 {
				return bad, j + 1 - i, &escapeError{"InvalidUnicodeEscapeSequence", escStart, j + 1}
			}
			break
		}
		if j >= len(s) || !isHex(s[j]) {
			id := "InvalidUnicodeEscapeSequence"
			if k >= 6 {
				id = "MissingUnicodeEscapeSequenceTerminator"
			}
			return bad, j - i, &escapeError{id, j, j + 1}
		}
		if k == 6 {
			return bad, j - i, &escapeError{"TooManyDigitsInUnicodeEscapeSequence", j, j + 1}
		}
		v = v*16 + rune(hexVal(s[j]))
		j++
	}
	if v > unicode.MaxRune {
		// the error marks only the digits
		return bad, j + 1 - i, &escapeError{"InvalidUnicodeEscapeSequenceValue", escStart + 3, j}
	}
	return v, j + 1 - i, nil
}

// softFail records the error of a bad escape; the tokenizer goes on. An
// error already recorded at the same place (a word read twice) is not
// recorded again.
func (t *tokenizer) softFail(e *escapeError) {
	if e == nil {
		return
	}
	for _, old := range t.soft {
		if old.Pos.Offset == e.start && old.ID == e.id {
			return
		}
	}
	t.soft = append(t.soft, &Error{ID: e.id, Msg: errorText(e.id), Pos: t.posPast(e.start), End: t.posPast(e.end)})
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// decodeEscape writes the character that the escape at s[i] (after the
// backtick) stands for and returns how many bytes it used.
func decodeEscape(b *strings.Builder, s string, i int) int {
	if s[i] == 'u' {
		v, n, _ := unicodeEscape(s, i)
		b.WriteRune(v)
		return n
	}
	c := s[i]
	if c < utf8.RuneSelf {
		if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			b.WriteByte('\n')
			return 2
		}
		b.WriteString(escapeChar(c))
		return 1
	}
	r, k := utf8.DecodeRuneInString(s[i:])
	b.WriteRune(r)
	return k
}

func escapeChar(c byte) string {
	switch c {
	case '0':
		return "\x00"
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case 'e':
		return "\x1b"
	case 'f':
		return "\f"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'v':
		return "\v"
	}
	return string(c)
}

// argToken reads one token in argument mode.
func (t *tokenizer) argToken(r rune, n int, start int) {
	c := t.src[t.off]
	switch {
	case c == ',':
		t.off++
		t.emit(tComma, ",", start)
		return
	case c == '&':
		if strings.HasPrefix(t.src[t.off:], "&&") {
			t.off += 2
			t.emit(tChain, "&&", start)
			t.setMode(mPipeElem)
			return
		}
		t.off++
		t.emit(tBadWord, "&", start)
		return
	case c == '>' || (c == '<'):
		t.redirection(start)
		return
	case (c >= '1' && c <= '6' || c == '*') && t.off+1 < len(t.src) && t.src[t.off+1] == '>':
		t.redirection(start)
		return
	case c == '(':
		t.openParen(start, mArg)
		return
	case c == '{':
		t.openBlock(start, mArg)
		return
	case c == '@':
		nc := byte(0)
		if t.off+1 < len(t.src) {
			nc = t.src[t.off+1]
		}
		switch {
		case nc == '(' || nc == '{' || nc == '"' || nc == '\'':
			t.primaryStart(start, mArg)
			return
		case isIdentStart(rune(nc)) || nc == '_':
			end := t.off + 1
			for end < len(t.src) {
				rr, nn := t.runeAt(end)
				if !isVarChar(rr) && rr != ':' {
					break
				}
				end += nn
			}
			t.emit(tSplat, t.src[t.off+1:end], start)
			t.off = end
			return
		}
		r2, _ := t.runeAt(t.off + 1)
		if isSQuote(r2) || isDQuote(r2) {
			t.primaryStart(start, mArg)
			return
		}
	case isDash(r):
		nr, nn := t.runeAt(t.off + n)
		if isIdentStart(nr) || nr == '?' {
			end := t.off + n + nn
			for end < len(t.src) {
				rr, k := t.runeAt(end)
				if !(isIdent(rr) || rr == '-' || rr == '?') {
					break
				}
				end += k
			}
			name := t.src[t.off+n : end]
			if end < len(t.src) && t.src[end] == ':' && !strings.HasPrefix(t.src[end:], "::") {
				t.emit(tParamC, name, start)
				t.off = end + 1
				return
			}
			// -Name followed by glued text is a bare word (-a.b)
			rr, _ := t.runeAt(end)
			if rr == 0 || isEnd(rr) || rr == '\n' {
				t.emit(tParam, name, start)
				t.off = end
				return
			}
		}
		if nr == '-' && t.off+n+1 < len(t.src) && t.src[t.off+n+1] == '%' {
			// --% stop parsing: the rest of the line is one bare word
			end := strings.IndexByte(t.src[t.off:], '\n')
			if end < 0 {
				end = len(t.src)
			} else {
				end += t.off
			}
			t.emit(tWord, strings.TrimSpace(t.src[t.off+n+2:end]), start)
			t.off = end
			return
		}
	}
	if c == '$' || isSQuote(r) || isDQuote(r) {
		t.compound(start)
		return
	}
	// a bare word, maybe with quoted or variable parts glued on
	t.compound(start)
}

// compound reads an argument-mode token: a bare word, a string, a variable
// (with member access), or a compound of parts glued together.
func (t *tokenizer) compound(start int) {
	c := t.src[t.off]
	r, _ := t.runeAt(t.off)
	// A token starting with a quote ends at its closing quote.
	if isSQuote(r) || isDQuote(r) {
		t.primaryStart(start, mArg)
		return
	}
	if c == '$' {
		if t.off+1 < len(t.src) && t.src[t.off+1] == '(' {
			t.primaryStart(start, mArg)
			return
		}
		// a variable: member access and indexing make an expression; other
		// glued text makes a compound
		end, name, ok := t.scanVariable(t.off)
		if !ok {
			if t.err == nil {
				// a '$' that names no variable is text
				t.emit(tWord, "$", start)
				t.off++
			}
			return
		}
		nr, _ := t.runeAt(end)
		if nr == 0 || isEnd(nr) || nr == '\n' || nr == '.' || nr == '[' || nr == ':' && strings.HasPrefix(t.src[end:], "::") {
			if nr == '.' {
				// $x.y is member access; $x. followed by nothing is a compound
				nr2, _ := t.runeAt(end + 1)
				if !(isIdentStart(nr2) || nr2 == '$' || isSQuote(nr2) || isDQuote(nr2)) {
					goto compoundVar
				}
			}
			t.emit(tVar, name, start)
			t.off = end
			t.postfix(mArg)
			return
		}
	compoundVar:
		t.emit(tCStart, "", start)
		t.emit(tVar, name, start)
		t.off = end
		t.compoundRest()
		return
	}
	end := t.scanGeneric(t.off)
	if end == t.off {
		_, n := t.runeAt(t.off)
		t.emit(tBadWord, t.src[t.off:t.off+n], start)
		t.off += n
		return
	}
	word := t.src[t.off:end]
	nr, _ := t.runeAt(end)
	if !(nr == '$' || isSQuote(nr) || isDQuote(nr)) || (nr == '$' && t.dollarIsLiteral(end)) {
		if nr == '$' {
			// a lone $ at the end: part of the word
			end++
			word = t.src[t.off:end]
			for {
				e2 := t.scanGeneric(end)
				if e2 == end {
					break
				}
				end = e2
				word = t.src[t.off:end]
			}
		}
		t.off = end
		if isNumberText(word) {
			t.emit(tNum, word, start)
			t.postfix(mArg)
			return
		}
		t.emit(tWord, decodeBare(word), start)
		return
	}
	t.emit(tCStart, "", start)
	t.emit(tWord, decodeBare(word), start)
	t.off = end
	t.compoundRest()
}

// dollarIsLiteral reports whether the $ at off starts no variable.
func (t *tokenizer) dollarIsLiteral(off int) bool {
	r, _ := t.runeAt(off + 1)
	return !(isVarChar(r) || r == '{' || r == '(' || r == '_' || r == '$' || r == '^')
}

// compoundRest reads the glued parts of a compound argument up to its end.
func (t *tokenizer) compoundRest() {
	for t.off < len(t.src) {
		start := t.off
		c := t.src[t.off]
		r, _ := t.runeAt(t.off)
		switch {
		case isEnd(r) || c == '\n':
			t.emit(tCEnd, "", start)
			return
		case isSQuote(r):
			t.singleQuoted(start)
		case isDQuote(r):
			t.doubleQuotedInCompound(start)
			if t.err != nil {
				return
			}
		case c == '$':
			if t.dollarIsLiteral(t.off) {
				t.emit(tWord, "$", start)
				t.off++
				continue
			}
			if t.off+1 < len(t.src) && t.src[t.off+1] == '(' {
				// $( ... ) inside a compound: read it as a string-like part
				t.emit(tSSub, "$(", start)
				t.push(frame{kind: fStrSub, mode: mStmt, after: mArg})
				t.off += 2
				t.runUntilPop(len(t.stack) - 1)
				continue
			}
			end, name, ok := t.scanVariable(t.off)
			if !ok {
				if t.err == nil {
					t.emit(tWord, "$", start)
					t.off++
					continue
				}
				return
			}
			t.emit(tVar, name, start)
			t.off = end
		default:
			end := t.scanGeneric(t.off)
			if end == t.off {
				t.emit(tCEnd, "", start)
				return
			}
			t.emit(tWord, decodeBare(t.src[t.off:end]), start)
			t.off = end
		}
	}
	t.emit(tCEnd, "", t.off)
}

// runUntilPop runs the tokenizer until the stack is back to depth.
func (t *tokenizer) runUntilPop(depth int) {
	for t.err == nil && len(t.stack) > depth {
		f := t.top()
		if f.kind == fString {
			t.stringBody()
			continue
		}
		if !t.skipSpace() {
			return
		}
		if t.off >= len(t.src) {
			// unclosed brackets and a trailing operator are the parser's
			// to report
			return
		}
		t.token()
	}
}

// doubleQuotedInCompound reads a "..." part of a compound argument.
func (t *tokenizer) doubleQuotedInCompound(start int) {
	depth := len(t.stack)
	t.doubleQuoted(start, mArg)
	if len(t.stack) > depth {
		t.runUntilPop(depth)
	}
}

// redirection reads > >> 2> 2>&1 *> < and switches to read the target.
func (t *tokenizer) redirection(start int) {
	s := t.src[t.off:]
	var op string
	for _, cand := range []string{"2>&1", "1>&2", "3>&1", "4>&1", "5>&1", "6>&1", "*>&1", "*>>", "2>>", "1>>", "3>>", "4>>", "5>>", "6>>", "*>", ">>", "2>", "1>", "3>", "4>", "5>", "6>", ">", "<"} {
		if strings.HasPrefix(s, cand) {
			op = cand
			break
		}
	}
	if op == "" {
		op = s[:1]
	}
	t.off += len(op)
	if strings.Contains(op, "&") {
		t.emit(tRedirM, op, start)
		return
	}
	t.emit(tRedir, op, start)
	t.setMode(mArg)
}

// isNumberText reports whether a bare word is a number literal (5, 1kb,
// 0x1F, 1.5e3, 10d, -3).
func isNumberText(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if isDashByte(s) {
		_, n := utf8.DecodeRuneInString(s)
		i = n
	}
	if i >= len(s) {
		return false
	}
	if !(s[i] >= '0' && s[i] <= '9' || s[i] == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9') {
		return false
	}
	_, ok := parseNumberLiteral(s)
	return ok
}

func isDashByte(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isDash(r)
}

// scanVariable reads $name, $scope:name, ${any}, $_, $$, $?, $^ at off. It
// returns the end offset and the variable name.
func (t *tokenizer) scanVariable(off int) (int, string, bool) {
	i := off + 1
	if i >= len(t.src) {
		return i, "", false
	}
	c := t.src[i]
	switch c {
	case '{':
		end := i + 1
		var b strings.Builder
		for end < len(t.src) && t.src[end] != '}' {
			if t.src[end] == '`' && end+1 < len(t.src) {
				// ${a`u{2195}} names the variable a↕
				end += 1 + t.writeEscape(&b, end+1)
				continue
			}
			b.WriteByte(t.src[end])
			end++
		}
		if end >= len(t.src) {
			t.fail(off, len(t.src), "IncompleteDollarVariableReference", true)
			return end, "", false
		}
		return end + 1, b.String(), true
	case '$', '^':
		return i + 1, string(c), true
	case '?':
		return i + 1, "?", true
	}
	end := i
	for end < len(t.src) {
		r, n := t.runeAt(end)
		if !isVarChar(r) {
			break
		}
		end += n
	}
	if end == i {
		return i, "", false
	}
	// scope or drive qualifier
	if end < len(t.src) && t.src[end] == ':' && !strings.HasPrefix(t.src[end:], "::") {
		r, _ := t.runeAt(end + 1)
		if isVarChar(r) {
			e2 := end + 1
			for e2 < len(t.src) {
				rr, n := t.runeAt(e2)
				if !(isVarChar(rr) || rr == '-' && t.src[i:end] != "" && isVarChar(t.peekRune(e2+1))) {
					break
				}
				e2 += n
			}
			return e2, t.src[i:e2], true
		}
		if r == '{' {
			// $env:{x} is rare; treat as name then brace
			return end, t.src[i:end], true
		}
		// $global: names no variable; $env: names none on its drive
		// (VariablePath.cs: global, local, private, script and variable
		// are scopes, another prefix a drive)
		id := "InvalidVariableReferenceWithDrive"
		switch strings.ToLower(t.src[i:end]) {
		case "global", "local", "private", "script", "variable":
			id = "InvalidVariableReference"
		}
		t.fail(off, end+1, id, false)
		return end, "", false
	}
	return end, t.src[i:end], true
}

func (t *tokenizer) peekRune(off int) rune { r, _ := t.runeAt(off); return r }

// postfix reads member access, indexing and method calls glued to a primary.
// It leaves the frame mode at m for what follows.
func (t *tokenizer) postfix(m mode) {
	for t.off < len(t.src) && t.err == nil {
		start := t.off
		c := t.src[t.off]
		switch {
		case c == '.' && !strings.HasPrefix(t.src[t.off:], ".."):
			nr, _ := t.runeAt(t.off + 1)
			if !(isIdentStart(nr) || nr == '$' || isSQuote(nr) || isDQuote(nr) || nr == '(' || m != mArg && (nr == '{' || nr >= '0' && nr <= '9')) {
				// outside command arguments, white space and newlines may
				// follow the dot: $x. Count, $a.B().<newline>C()
				if m == mArg || !(isSpace(nr) || nr == '\n' || nr == '#' || nr == '<' || nr == '`') || !t.spaceBeforeMember(t.off+1) {
					t.setMode(m)
					return
				}
			}
			t.off++
			t.emit(tDot, ".", start)
			if !t.memberName(m) {
				return
			}
		case c == ':' && strings.HasPrefix(t.src[t.off:], "::"):
			t.off += 2
			t.emit(tColons, "::", start)
			if !t.memberName(m) {
				return
			}
		case c == '[':
			t.push(frame{kind: fIndex, mode: mExpr, after: m})
			t.off++
			t.emit(tIndex, "[", start)
			return
		case c == '?' && strings.HasPrefix(t.src[t.off:], "?["):
			t.push(frame{kind: fIndex, mode: mExpr, after: m})
			t.off += 2
			t.emit(tIndex, "?[", start)
			return
		case c == '?' && strings.HasPrefix(t.src[t.off:], "?."):
			t.off += 2
			t.emit(tDot, "?.", start)
			if !t.memberName(m) {
				return
			}
		default:
			t.setMode(m)
			return
		}
	}
	t.setMode(m)
}

// spaceBeforeMember reports whether white space, newlines and comments at
// off are followed by something (not the end of input): a member name
// after "$x. " must be looked for.
func (t *tokenizer) spaceBeforeMember(off int) bool {
	end := t.skipMemberSpace(off)
	return end > off && end < len(t.src)
}

// skipMemberSpace returns the offset after the white space, newlines,
// comments and line continuations at off: what may stand between a member
// operator and the member name.
func (t *tokenizer) skipMemberSpace(off int) int {
	i := off
	for i < len(t.src) {
		c := t.src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v':
			i++
		case c == '`' && i+1 < len(t.src) && (t.src[i+1] == '\n' || t.src[i+1] == '\r'):
			i += 2
		case c == '#':
			for i < len(t.src) && t.src[i] != '\n' {
				i++
			}
		case c == '<' && strings.HasPrefix(t.src[i:], "<#"):
			e := strings.Index(t.src[i+2:], "#>")
			if e < 0 {
				return i
			}
			i += e + 4
		default:
			r, n := t.runeAt(i)
			if r >= utf8.RuneSelf && isSpace(r) {
				i += n
				continue
			}
			return i
		}
	}
	return i
}

// memberName reads the name after . or :: and what may follow it: generic
// arguments, a method-call paren, or the script block of .M{ }. m is the
// mode after the whole postfix expression. It returns false when it pushed
// a frame (or failed), so that the caller stops.
func (t *tokenizer) memberName(m mode) bool {
	afterOp := t.off
	if m != mArg {
		t.settle(t.off)
		t.off = t.skipMemberSpace(t.off)
	}
	start := t.off
	r, _ := t.runeAt(t.off)
	switch {
	case isIdentStart(r) || (r >= '0' && r <= '9'):
		end := t.off
		for end < len(t.src) {
			rr, n := t.runeAt(end)
			if !isIdent(rr) {
				break
			}
			end += n
		}
		t.emit(tMember, t.src[t.off:end], start)
		t.off = end
		if t.off < len(t.src) && t.src[t.off] == '[' {
			if end, args, ok := t.genericArgs(t.off); ok {
				t.emit(tGeneric, args, t.off)
				t.off = end
			}
		}
	case r == '$':
		if t.off+1 < len(t.src) && t.src[t.off+1] == '(' {
			// $x.$(expr): dynamic member from a sub-expression
			t.push(frame{kind: fSub, mode: mStmt, after: t.top().mode, member: true})
			t.off += 2
			t.emit(tSubExpr, "$(", start)
			return false
		}
		end, name, ok := t.scanVariable(t.off)
		if !ok {
			return false
		}
		t.emit(tVar, name, start)
		t.off = end
	case isSQuote(r):
		t.singleQuoted(start)
	case isDQuote(r):
		depth := len(t.stack)
		t.doubleQuoted(start, t.top().mode)
		t.runUntilPop(depth)
	case r == '(':
		// $x.(expr): dynamic member from an expression
		t.push(frame{kind: fParen, mode: mStmt, after: t.top().mode, member: true})
		t.off++
		t.emit(tLParen, "(", start)
		return false
	case r == '{':
		// $x.{name}: the member is named by the script block's text
		t.push(frame{kind: fBlock, mode: mStmt, after: t.top().mode, member: true})
		t.off++
		t.emit(tLBrace, "{", start)
		return false
	default:
		t.fail(afterOp, afterOp, "MissingPropertyName", t.off >= len(t.src))
		return false
	}
	return !t.invokeParen()
}

// invokeParen reads the '(' of a method call or the '{' of .M{ } glued to
// a member name, pushing its frame; it reports whether it did.
func (t *tokenizer) invokeParen() bool {
	if t.off >= len(t.src) {
		return false
	}
	switch t.src[t.off] {
	case '(':
		t.push(frame{kind: fArgs, mode: mExpr, after: t.top().mode})
		t.off++
		t.emit(tMParen, "(", t.off-1)
		return true
	case '{':
		// $x.ForEach{ ... } is $x.ForEach({ ... })
		t.push(frame{kind: fBlock, mode: mStmt, after: t.top().mode, callBlock: true})
		t.off++
		t.emit(tMBrace, "{", t.off-1)
		return true
	}
	return false
}

// genericArgs reads the [T1, T2] of a generic method call at off: type
// names (the first one not bracketed) up to a ']' that a '(' or '{'
// follows. It returns the offset after ']' and the text between the
// brackets; ok is false when the brackets are not that (an index).
func (t *tokenizer) genericArgs(off int) (end int, args string, ok bool) {
	i := off + 1
	for i < len(t.src) && (t.src[i] == ' ' || t.src[i] == '\t') {
		i++
	}
	if r, _ := t.runeAt(i); !isIdentStart(r) {
		return 0, "", false
	}
	depth := 0
	for i < len(t.src) {
		c := t.src[i]
		switch {
		case c == '[':
			depth++
		case c == ']':
			if depth == 0 {
				if i+1 < len(t.src) && (t.src[i+1] == '(' || t.src[i+1] == '{') {
					return i + 1, strings.TrimSpace(t.src[off+1 : i]), true
				}
				return 0, "", false
			}
			depth--
		case c == ',' || c == '.' || c == '+' || c == '`' || c == ' ' || c == '\t':
		default:
			r, n := t.runeAt(i)
			if !isIdent(r) {
				return 0, "", false
			}
			i += n
			continue
		}
		i++
	}
	return 0, "", false
}

// primaryStart reads a primary that starts with $ @ quotes ( and sets the
// parent mode for after it to m.
func (t *tokenizer) primaryStart(start int, m mode) {
	c := t.src[t.off]
	r, _ := t.runeAt(t.off)
	switch {
	case c == '$':
		if t.off+1 < len(t.src) && t.src[t.off+1] == '(' {
			t.push(frame{kind: fSub, mode: mStmt, after: m})
			t.off += 2
			t.emit(tSubExpr, "$(", start)
			return
		}
		end, name, ok := t.scanVariable(t.off)
		if !ok {
			if t.err == nil {
				t.off++
				t.emit(tBadWord, "$", start)
			}
			return
		}
		t.emit(tVar, name, start)
		t.off = end
		t.postfix(m)
	case c == '@':
		nr, _ := t.runeAt(t.off + 1)
		switch {
		case nr == '(':
			t.push(frame{kind: fSub, mode: mStmt, after: m})
			t.off += 2
			t.emit(tArrExpr, "@(", start)
		case nr == '{':
			t.push(frame{kind: fHash, mode: mHashKey, after: m})
			t.off += 2
			t.emit(tHashOpen, "@{", start)
		case isDQuote(nr):
			t.off++
			t.hereString(start, m, true)
		case isSQuote(nr):
			t.off++
			t.hereString(start, m, false)
		case isIdentStart(nr) || nr == '_' || nr == '?':
			// @name where an expression goes: a splatted variable, which
			// the parser's checks refuse there
			end := t.off + 1
			for end < len(t.src) {
				rr, nn := t.runeAt(end)
				if !isVarChar(rr) && rr != ':' {
					break
				}
				end += nn
			}
			t.emit(tSplat, t.src[t.off+1:end], start)
			t.off = end
			t.postfix(m)
		default:
			t.fail(start, start+1, "UnrecognizedToken", false)
		}
	case isSQuote(r):
		t.singleQuoted(start)
		t.postfix(m)
	case isDQuote(r):
		t.doubleQuoted(start, m)
	case c == '(':
		t.openParen(start, m)
	}
}

// singleQuoted reads '...' with ” escapes; typographic quotes count too.
func (t *tokenizer) singleQuoted(start int) {
	_, n := t.runeAt(t.off)
	i := t.off + n
	var b strings.Builder
	for i < len(t.src) {
		r, k := t.runeAt(i)
		if isSQuote(r) {
			r2, k2 := t.runeAt(i + k)
			if isSQuote(r2) {
				b.WriteRune(r2)
				i += k + k2
				continue
			}
			t.off = i + k
			t.emit(tStr, b.String(), start)
			return
		}
		b.WriteString(t.src[i : i+k])
		i += k
	}
	t.fail(start, len(t.src), "TerminatorExpectedAtEndOfString", true, "'")
	t.off = len(t.src)
}

// doubleQuoted starts an expandable string. Strings without $ become one
// Str token; others become SOpen, parts and SClose through a string frame.
func (t *tokenizer) doubleQuoted(start int, after mode) {
	_, n := t.runeAt(t.off)
	// fast path: no $ before the closing quote
	i := t.off + n
	var b strings.Builder
	for i < len(t.src) {
		c := t.src[i]
		if c == '$' {
			if !t.dollarIsLiteral(i) {
				break
			}
			b.WriteByte('$')
			i++
			continue
		}
		if c == '`' && i+1 < len(t.src) {
			i++
			i += t.writeEscape(&b, i)
			continue
		}
		r, k := t.runeAt(i)
		if isDQuote(r) {
			r2, k2 := t.runeAt(i + k)
			if isDQuote(r2) {
				b.WriteRune(r2)
				i += k + k2
				continue
			}
			t.off = i + k
			t.emit(tStr, b.String(), start)
			t.postfix(after)
			return
		}
		b.WriteString(t.src[i : i+k])
		i += k
	}
	if i >= len(t.src) {
		t.fail(start, len(t.src), "TerminatorExpectedAtEndOfString", true, "\"")
		t.off = len(t.src)
		return
	}
	t.off += n
	t.emit(tSOpen, "\"", start)
	t.push(frame{kind: fString, quote: '"', after: after})
}

// writeEscape decodes the escape at src[i] (after the backtick) and returns
// how many bytes it used.
func (t *tokenizer) writeEscape(b *strings.Builder, i int) int {
	if t.src[i] == 'u' {
		_, _, e := unicodeEscape(t.src, i)
		t.softFail(e)
	}
	return decodeEscape(b, t.src, i)
}

// hereEnd is where the body of an expandable here-string ends and where
// the tokenizer goes on after its closer.
type hereEnd struct{ body, next int }

// nextLine returns the offset after the line break at or after off (\r\n,
// \n or a lone \r), or -1 when there is none.
func nextLine(s string, off int) int {
	i := strings.IndexAny(s[off:], "\r\n")
	if i < 0 {
		return -1
	}
	i += off
	if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
		return i + 2
	}
	return i + 1
}

// hereString reads @" ... "@ or @' ... '@ (t.off at the quote). The header
// ends its line; lines end in \r\n, \n or a lone \r; the closer starts a
// line.
func (t *tokenizer) hereString(start int, after mode, expand bool) {
	_, n := t.runeAt(t.off)
	i := t.off + n
	// the opener must be followed by a newline (white space allowed)
	for i < len(t.src) && (t.src[i] == ' ' || t.src[i] == '\t') {
		i++
	}
	if i >= len(t.src) {
		t.fail(start, len(t.src), "TerminatorExpectedAtEndOfString", true, "\"@")
		t.off = len(t.src)
		return
	}
	if t.src[i] != '\n' && t.src[i] != '\r' {
		t.fail(i, i+1, "UnexpectedCharactersAfterHereStringHeader", false)
		t.off = len(t.src)
		return
	}
	bodyStart := nextLine(t.src, i)
	isQuote := func(r rune) bool { return expand && isDQuote(r) || !expand && isSQuote(r) }
	// find the closer: a line starting with "@ (or '@)
	end := -1
	closeLen := 0
	indented := -1
	for j := bodyStart; j >= 0 && j <= len(t.src); j = nextLine(t.src, j) {
		k := j
		for k < len(t.src) && (t.src[k] == ' ' || t.src[k] == '\t') {
			k++
		}
		if r, rn := t.runeAt(k); k > j && isQuote(r) && k+rn < len(t.src) && t.src[k+rn] == '@' && indented < 0 {
			indented = k
		}
		if r, rn := t.runeAt(j); isQuote(r) && j+rn < len(t.src) && t.src[j+rn] == '@' {
			end = j
			closeLen = rn + 1
			break
		}
		if j == len(t.src) {
			break
		}
	}
	if end < 0 && indented >= 0 {
		t.fail(indented, len(t.src), "WhitespaceBeforeHereStringFooter", true)
		t.off = len(t.src)
		return
	}
	if end < 0 {
		q := "'@"
		if expand {
			q = "\"@"
		}
		t.fail(start, len(t.src), "TerminatorExpectedAtEndOfString", true, q)
		t.off = len(t.src)
		return
	}
	// drop the line break before the closer
	bodyEnd := end
	if bodyEnd > bodyStart && t.src[bodyEnd-1] == '\n' {
		bodyEnd--
	}
	if bodyEnd > bodyStart && t.src[bodyEnd-1] == '\r' {
		bodyEnd--
	}
	body := t.src[bodyStart:bodyEnd]
	if !expand || !strings.Contains(body, "$") && !strings.Contains(body, "`") {
		t.off = end + closeLen
		t.emit(tStr, body, start)
		t.postfix(after)
		return
	}
	t.emit(tSOpen, "@\"", start)
	t.off = bodyStart
	t.push(frame{kind: fString, quote: '@', after: after})
	t.top().open = start
	t.hereEnds = append(t.hereEnds, hereEnd{body: bodyEnd, next: end + closeLen})
}

// stringBody reads the parts of an expandable string up to its end or the
// next $( sub-expression.
func (t *tokenizer) stringBody() {
	f := t.top()
	var b strings.Builder
	textStart := t.off
	flush := func() {
		if b.Len() > 0 {
			t.emit(tSText, b.String(), textStart)
			b.Reset()
		}
	}
	here := f.quote == '@'
	limit := len(t.src)
	var he hereEnd
	if here {
		he = t.hereEnds[len(t.hereEnds)-1]
		limit = max(he.body, t.off)
	}
	for t.off < limit {
		c := t.src[t.off]
		if c == '`' && t.off+1 < len(t.src) {
			t.off++
			t.off += t.writeEscape(&b, t.off)
			continue
		}
		if c == '$' && !t.dollarIsLiteral(t.off) {
			flush()
			start := t.off
			if t.src[t.off+1] == '(' {
				t.emit(tSSub, "$(", start)
				t.push(frame{kind: fStrSub, mode: mStmt, after: mStmt})
				t.off += 2
				return
			}
			end, name, ok := t.scanVariable(t.off)
			if !ok {
				return
			}
			t.emit(tSVar, name, start)
			t.off = end
			textStart = t.off
			continue
		}
		r, k := t.runeAt(t.off)
		if !here && isDQuote(r) {
			r2, k2 := t.runeAt(t.off + k)
			if isDQuote(r2) {
				b.WriteRune(r2)
				t.off += k + k2
				continue
			}
			flush()
			start := t.off
			t.off += k
			fr := t.stack[len(t.stack)-1]
			t.stack = t.stack[:len(t.stack)-1]
			t.emit(tSClose, "\"", start)
			t.top().mode = fr.after
			t.postfix(fr.after)
			return
		}
		if b.Len() == 0 {
			textStart = t.off
		}
		b.WriteString(t.src[t.off : t.off+k])
		t.off += k
	}
	if here {
		flush()
		start := t.off
		t.off = he.next
		t.hereEnds = t.hereEnds[:len(t.hereEnds)-1]
		fr := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		t.emit(tSClose, "\"@", start)
		t.top().mode = fr.after
		t.postfix(fr.after)
		return
	}
	t.fail(f.open, len(t.src), "TerminatorExpectedAtEndOfString", true, "\"")
}

// exprToken reads one token in expression mode.
func (t *tokenizer) exprToken(r rune, n int, start int) {
	f := t.top()
	c := t.src[t.off]
	afterOperand := t.afterOperand()
	switch {
	case c == '$' || c == '@' || isSQuote(r) || isDQuote(r):
		if afterOperand && !t.adjacent && c == '@' {
			// @x after an operand: a splat is not valid in an expression
		}
		t.primaryStart(start, mExpr)
		return
	case c == '(':
		t.openParen(start, mExpr)
		return
	case c == '{':
		t.openBlock(start, mExpr)
		return
	case c == '[':
		t.typeLiteral(start)
		return
	case c >= '1' && c <= '6' && t.off+1 < len(t.src) && t.src[t.off+1] == '>' &&
		(afterOperand || strings.HasPrefix(t.src[t.off+2:], "&1") || strings.HasPrefix(t.src[t.off+2:], "&2")):
		// After an expression, 2>&1 and 3> file are redirections:
		// (a | b) 2>&1. Where an operand is expected a digit starts a
		// number (1..3>file is (1..3) > file) unless a stream merge
		// follows it.
		t.redirection(start)
		return
	case c >= '0' && c <= '9' || (c == '.' && t.off+1 < len(t.src) && t.src[t.off+1] >= '0' && t.src[t.off+1] <= '9' && !afterOperand):
		end := scanNumber(t.src, t.off)
		t.emit(tNum, t.src[t.off:end], start)
		t.off = end
		t.postfix(mExpr)
		return
	case c == ',':
		t.off++
		if f.kind == fArgs || f.kind == fAttr || f.kind == fParams {
			t.emit(tArgSep, ",", start)
			if f.kind == fParams {
				f.mode = mExpr
			}
			return
		}
		t.emit(tComma, ",", start)
		return
	case c == '=':
		if strings.HasPrefix(t.src[t.off:], "==") {
			t.off += 2
			t.emit(tBadWord, "==", start)
			return
		}
		t.off++
		t.emit(tAssign, "=", start)
		if f.kind != fAttr && f.kind != fParams && f.kind != fHash {
			f.mode = mStmt
		} else if f.kind == fHash {
			f.mode = mStmt
		}
		return
	case c == '!':
		if strings.HasPrefix(t.src[t.off:], "!=") {
			t.off += 2
			t.emit(tBadWord, "!=", start)
			return
		}
		t.off++
		t.emit(tOp, "!", start)
		return
	case c == '*' && afterOperand && t.off+1 < len(t.src) && t.src[t.off+1] == '>':
		// *> *>> *>&1 after an expression redirect all its streams, as
		// after a command: ('x') *>&1 is no multiplication
		t.redirection(start)
		return
	case c == '+' || c == '*' || c == '/' || c == '%':
		if t.off+1 < len(t.src) && t.src[t.off+1] == '=' {
			t.off += 2
			t.emit(tAssign, string(c)+"=", start)
			f.mode = mStmt
			return
		}
		if c == '+' && strings.HasPrefix(t.src[t.off:], "++") {
			t.off += 2
			t.emit(tOp, "++", start)
			return
		}
		t.off++
		t.emit(tOp, string(c), start)
		return
	case c == '.':
		if strings.HasPrefix(t.src[t.off:], "..") {
			t.off += 2
			t.emit(tOp, "..", start)
			return
		}
		if afterOperand && t.adjacent {
			t.postfix(mExpr)
			if t.off != start {
				return
			}
			if nr, _ := t.runeAt(t.off + 1); nr == 0 || nr == '\n' || nr == '\r' || t.skipMemberSpace(t.off+1) >= len(t.src) {
				// only white space and comments after the dot
				t.fail(t.off+1, t.off+1, "MissingPropertyName", t.skipMemberSpace(t.off+1) >= len(t.src))
				return
			}
		}
		// a '.' that starts nothing: the grammar reports it
		t.off++
		t.emit(tBadWord, ".", start)
		return
	case c == '?':
		if strings.HasPrefix(t.src[t.off:], "??=") {
			t.off += 3
			t.emit(tAssign, "??=", start)
			f.mode = mStmt
			return
		}
		if strings.HasPrefix(t.src[t.off:], "??") {
			t.off += 2
			t.emit(tOp, "??", start)
			return
		}
		t.off++
		t.emit(tQuestion, "?", start)
		return
	case c == ':':
		if strings.HasPrefix(t.src[t.off:], "::") && afterOperand {
			t.postfix(mExpr)
			if t.off != start {
				return
			}
			if nr, _ := t.runeAt(t.off + 2); nr == 0 || nr == '\n' || nr == '\r' {
				t.fail(t.off+2, t.off+2, "MissingPropertyName", nr == 0)
				return
			}
		}
		if strings.HasPrefix(t.src[t.off:], "::") {
			// '::' where no member access can be: one token, which the
			// parser finds unexpected
			t.off += 2
			t.emit(tColons, "::", start)
			return
		}
		t.off++
		t.emit(tColon, ":", start)
		return
	case c == '&':
		if strings.HasPrefix(t.src[t.off:], "&&") {
			t.off += 2
			t.emit(tChain, "&&", start)
			f.mode = mPipeElem
			return
		}
		t.off++
		t.emit(tBadWord, "&", start)
		return
	case c == '>' || c == '<' || ((c >= '1' && c <= '6' || c == '*') && t.off+1 < len(t.src) && t.src[t.off+1] == '>'):
		if c == '*' && !afterOperand {
			break
		}
		t.redirection(start)
		return
	case isDash(r):
		// compound assignment -=, decrement --, dash operators, minus
		rest := t.src[t.off+n:]
		if strings.HasPrefix(rest, "=") {
			t.off += n + 1
			t.emit(tAssign, "-=", start)
			f.mode = mStmt
			return
		}
		if strings.HasPrefix(rest, "-") && !afterOperand {
			t.off += n + 1
			t.emit(tOp, "--", start)
			return
		}
		if strings.HasPrefix(rest, "-") && afterOperand && t.adjacent {
			t.off += n + 1
			t.emit(tOp, "--", start)
			return
		}
		end := t.off + n
		for end < len(t.src) && isAlpha(t.src[end]) {
			end++
		}
		if end > t.off+n {
			name := strings.ToLower(t.src[t.off+n : end])
			rr, _ := t.runeAt(end)
			if IsOperatorName(name) && !isIdent(rr) {
				t.off = end
				t.emit(tOp, "-"+name, start)
				return
			}
			if f.kind == fParams || f.mode == mOpts {
				t.off = end
				t.emit(tParam, t.src[start+n:end], start)
				return
			}
			// an unknown -word in an expression
			for end < len(t.src) && (isIdent(rune(t.src[end])) || t.src[end] == '-') {
				end++
			}
			t.off = end
			t.emit(tBadWord, t.src[start:end], start)
			return
		}
		t.off += n
		t.emit(tOp, "-", start)
		return
	}
	// a bare word in an expression: keywords that may follow (in, else...),
	// a name (attribute argument, class name), or an error the grammar reports
	var end int
	if !(f.kind == fAttr || f.kind == fParams || f.pendClass || t.last() == tColon) {
		end = t.scanGeneric(t.off)
	} else {
		// (not scanGeneric first: a run of characters that are no name
		// would then be scanned again for each of them)
		end = t.off
		for end < len(t.src) {
			rr, k := t.runeAt(end)
			if rr == '[' && f.pendClass {
				// a generic base class: List[int]
				if e := closingBracket(t.src, end); e > 0 {
					end = e
					continue
				}
			}
			if !(isIdent(rr) || rr == '.') {
				break
			}
			end += k
		}
	}
	if end == t.off {
		t.off += n
		t.emit(tBadWord, t.src[start:t.off], start)
		return
	}
	word := t.src[t.off:end]
	lw := strings.ToLower(word)
	t.off = end
	if f.kind == fForeach && lw == "in" {
		t.emit(tKw, "in", start)
		f.mode = mStmt
		return
	}
	if keywords[lw] && !afterOperand {
		t.keyword(lw, start)
		return
	}
	if t.last() == tRBrace {
		switch lw {
		case "else", "elseif", "catch", "finally", "while", "until", "begin", "process", "end", "dynamicparam", "clean":
			t.keyword(lw, start)
			return
		}
	}
	if f.kind == fAttr || f.kind == fParams || f.kind == fClass || t.last() == tKw || t.last() == tAttrClose || t.last() == tColon || f.pendClass {
		t.emit(tWord, word, start)
		return
	}
	t.emit(tBadWord, word, start)
}

// afterOperand reports whether the previous token ends an operand, so that
// '[' indexes and '.' accesses a member.
func (t *tokenizer) afterOperand() bool {
	switch t.last() {
	case tVar, tNum, tStr, tSClose, tRParen, tRBracket, tRBrace, tType, tMember, tWord:
		return true
	}
	return false
}

// scanNumber returns the end of a number literal at off: digits (0x hex,
// 0b binary), a fraction and exponent, then the type suffix (u, s, l, d, y,
// n; u followed by l, s or y) and the multiplier (kb mb gb tb pb) of
// about_Numeric_Literals, which are taken only when no identifier
// character follows them.
func scanNumber(s string, off int) int {
	i := off
	switch {
	case strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X"):
		i += 2
		for i < len(s) && isHex(s[i]) {
			i++
		}
	case (strings.HasPrefix(s[i:], "0b") || strings.HasPrefix(s[i:], "0B")) && i+2 < len(s) && (s[i+2] == '0' || s[i+2] == '1'):
		i += 2
		for i < len(s) && (s[i] == '0' || s[i] == '1') {
			i++
		}
	default:
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i+1 < len(s) && s[i] == '.' && s[i+1] != '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
		} else if i+1 < len(s) && s[i] == '.' && (s[i+1] == 'e' || s[i+1] == 'E') && exponentAt(s, i+1) > i+1 {
			// "1.e2" is a double
			i++
		} else if i+1 < len(s) && s[i] == '.' && s[i+1] != '.' && !isAlpha(s[i+1]) {
			// "1." is a double
			i++
		}
		i = exponentAt(s, i)
	}
	// type suffix and multiplier
	j := i
	if j < len(s) {
		switch s[j] | 0x20 {
		case 'u':
			j++
			if j < len(s) {
				switch s[j] | 0x20 {
				case 'l', 's', 'y':
					j++
				}
			}
		case 's', 'l', 'd', 'y', 'n':
			j++
		}
	}
	if j+1 < len(s) && strings.IndexByte("kmgtp", s[j]|0x20) >= 0 && s[j+1]|0x20 == 'b' {
		j += 2
	}
	if j > i && (j >= len(s) || !isIdent(rune(s[j]))) {
		i = j
	}
	return i
}

// exponentAt returns the end of an exponent (e, an optional sign, digits)
// at i, or i when there is none.
func exponentAt(s string, i int) int {
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			return j
		}
	}
	return i
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// arrayRanks reports an array type in the type name at src[from:to]
// with more than 32 dimensions (Parser.cs CompleteArrayTypeName: the
// error marks its commas); the tokenizer goes on.
func (t *tokenizer) arrayRanks(from, to int) {
	for k := from; k < to; k++ {
		if t.src[k] != '[' {
			continue
		}
		j := k + 1
		for j < to && t.src[j] == ',' {
			j++
		}
		if dims := j - k; dims > 32 {
			id := "ArrayHasTooManyDimensions"
			t.soft = append(t.soft, &Error{ID: id, Msg: errorText(id, strconv.Itoa(dims)), Pos: t.posPast(k + 1), End: t.posPast(j)})
			return
		}
	}
}

// typeLiteral reads [Type], [Type[]], [Generic[T]] or an attribute [Name(.
func (t *tokenizer) typeLiteral(start int) {
	f := t.top()
	if t.afterOperand() && t.adjacent && t.last() != tType {
		t.push(frame{kind: fIndex, mode: mExpr, after: mExpr})
		t.off++
		t.emit(tIndex, "[", start)
		return
	}
	// scan a type name with nested brackets
	i := t.off + 1
	for i < len(t.src) && (t.src[i] == ' ' || t.src[i] == '\t') {
		i++
	}
	nameStart := i
	depth := 0
	asm := false // after a comma: an assembly name may follow (Version=...)
	for i < len(t.src) {
		c := t.src[i]
		if c == ',' {
			asm = true
		}
		if c == '[' {
			depth++
		} else if c == ']' {
			if depth == 0 {
				break
			}
			depth--
		} else if c == '(' && depth == 0 {
			// attribute
			name := strings.TrimSpace(t.src[nameStart:i])
			if !isTypeName(name) {
				break
			}
			t.emit(tAttrOpen, name, start)
			t.off = i + 1
			t.push(frame{kind: fAttr, mode: mExpr, after: f.mode})
			t.top().open = start
			return
		} else if c == '\n' || c == '=' && !asm || c == ';' || c == '{' || c == '}' || c == ')' || c == '$' || c == '"' || c == '\'' {
			break
		}
		i++
	}
	t.arrayRanks(nameStart, i)
	if i < len(t.src) && t.src[i] == ']' {
		name := strings.TrimSpace(t.src[nameStart:i])
		if isTypeName(name) {
			t.off = i + 1
			t.emit(tType, name, start)
			if t.off < len(t.src) && t.src[t.off] == ':' && strings.HasPrefix(t.src[t.off:], "::") {
				t.postfix(mExpr)
				return
			}
			f.mode = mExpr
			return
		}
	}
	// an array literal index on nothing, or a bad type
	if i >= len(t.src) {
		// at the end of the input: PowerShell reports it before its end
		// of input token, which starts one past the end
		t.fail(len(t.src), len(t.src), "EndSquareBracketExpectedAtEndOfAttribute", false)
		return
	}
	// a '[' with no type name after it: the parser reports it where an
	// operand is wanted
	t.off = start + 1
	t.emit(tBadWord, "[", start)
	f.mode = mExpr
}

// closingBracket returns the offset after the ']' that closes the '[' at
// off on the same line, or 0.
func closingBracket(s string, off int) int {
	depth := 0
	for i := off; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '\n', '{', '}', '(', ')', '$', '\'', '"':
			return 0
		}
	}
	return 0
}

// isTypeName checks a type name: Name, Name.Sub, Name+Inner, Name[], Name[T,U],
// and assembly-qualified names (Name, Assembly, Version=1.0.0.0, ...).
func isTypeName(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !isIdentStart(r) {
		return false
	}
	asm := false
	for _, r := range s {
		if r == ',' {
			asm = true
		}
		if !(isIdent(r) || r == '.' || r == '+' || r == '[' || r == ']' || r == ',' || r == ' ' || r == '`' || asm && (r == '=' || r == '-')) {
			return false
		}
	}
	return true
}

// hashKeyToken reads a hashtable key.
func (t *tokenizer) hashKeyToken(r rune, n int, start int) {
	f := t.top()
	c := t.src[t.off]
	switch {
	case c == '=':
		t.off++
		t.emit(tAssign, "=", start)
		f.mode = mStmt
		return
	case c == '$' || isSQuote(r) || isDQuote(r) || c == '(' || c == '@' || c == '[' || c >= '0' && c <= '9':
		f.mode = mExpr
		t.exprToken(r, n, start)
		f.mode = mHashKey
		if t.top() != f {
			// a frame was pushed; after it closes we are back to key mode
			t.top().after = mHashKey
		}
		return
	}
	end := t.off
	for end < len(t.src) {
		rr, k := t.runeAt(end)
		if !(isIdent(rr) || rr == '-' || rr == '.') {
			break
		}
		end += k
	}
	if end == t.off {
		end = t.off + n
		t.emit(tBadWord, t.src[t.off:end], start)
		t.off = end
		return
	}
	t.emit(tWord, t.src[t.off:end], start)
	t.off = end
}

// clauseToken reads a switch clause pattern or its action block.
func (t *tokenizer) clauseToken(r rune, n int, start int) {
	f := t.top()
	c := t.src[t.off]
	if c == '{' {
		t.push(frame{kind: fBlock, mode: mStmt, after: mClause})
		t.off++
		t.emit(tLBrace, "{", start)
		return
	}
	if c == '$' || c == '(' || isSQuote(r) || isDQuote(r) || c == '@' || c == '[' {
		f.mode = mExpr
		t.exprToken(r, n, start)
		if t.top() == f {
			f.mode = mClause
		} else {
			t.top().after = mClause
		}
		return
	}
	end := t.scanGeneric(t.off)
	if end == t.off {
		end = t.off + n
	}
	word := t.src[t.off:end]
	t.off = end
	if isNumberText(word) {
		t.emit(tNum, word, start)
		return
	}
	t.emit(tWord, decodeBare(word), start)
}

// memberToken reads the start of a class member.
func (t *tokenizer) memberToken(r rune, n int, start int) {
	f := t.top()
	c := t.src[t.off]
	switch {
	case c == '[':
		t.typeLiteral(start)
		f.mode = mMember
		if t.top() != f {
			t.top().after = mMember
		}
		return
	case c == '$':
		end, name, ok := t.scanVariable(t.off)
		if !ok {
			if t.err == nil {
				t.off++
				t.emit(tBadWord, "$", start)
			}
			return
		}
		t.emit(tVar, name, start)
		t.off = end
		f.mode = mExpr
		return
	case c == '(':
		if lt := t.lastTok(); lt != nil && lt.Type == tKw && lt.Value == "base" {
			// : base(arguments) of a constructor
			t.push(frame{kind: fArgs, mode: mExpr, after: mMember})
			t.off++
			t.emit(tMParen, "(", start)
			return
		}
		t.push(frame{kind: fParams, mode: mExpr, after: mMember})
		t.off++
		t.emit(tLParen, "(", start)
		return
	case c == '{':
		f.awaitBlock = false
		t.push(frame{kind: fBlock, mode: mStmt, after: mMember})
		t.off++
		t.emit(tLBrace, "{", start)
		return
	case c == ':' && f.awaitBlock:
		// Name(params) : base(arguments)
		t.off++
		t.emit(tColon, ":", start)
		return
	case c == '=':
		// enum member value
		t.off++
		t.emit(tAssign, "=", start)
		f.mode = mStmt
		return
	}
	end := t.off
	for end < len(t.src) {
		rr, k := t.runeAt(end)
		if !isIdent(rr) {
			break
		}
		end += k
	}
	if end == t.off {
		end = t.off + n
		t.emit(tBadWord, t.src[t.off:end], start)
		t.off = end
		return
	}
	word := t.src[t.off:end]
	t.off = end
	lw := strings.ToLower(word)
	if lw == "static" || lw == "hidden" || lw == "base" && t.last() == tColon {
		t.emit(tKw, lw, start)
		return
	}
	t.emit(tWord, word, start)
}
func TokenName(t lexer.TokenType) string { return tokenName(t) }

// Lexeme is a token as the tokenizer reads it: its class (the names of
// the token types: "Var", "Cmd", "Str", "SOpen", ...), its value and the
// byte offsets that bound it.
type Lexeme struct {
	Class      string
	Value      string
	Start, End int
}

// Lexemes returns the tokens of src, ending with an "EOF" lexeme. After
// an error, the tokens read so far are returned, with the error.
func Lexemes(filename, src string) ([]Lexeme, error) {
	toks, ends, _, err := tokenize(filename, src)
	out := make([]Lexeme, len(toks))
	for i, t := range toks {
		out[i] = Lexeme{Class: tokenName(t.Type), Value: t.Value, Start: t.Pos.Offset, End: ends[i]}
	}
	return out, err
}
