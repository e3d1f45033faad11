package parser

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Error is a parse error at a position.
type Error struct {
	Pos Pos
	Msg string
	// Incomplete is set when more input could complete the script (an
	// unclosed block or string, a trailing pipe): the REPL then asks for
	// another line.
	Incomplete bool
}

func (e *Error) Error() string {
	if e.Pos.Filename != "" {
		return fmt.Sprintf("%s:%d:%d: %s", e.Pos.Filename, e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// ErrorList is every parse error found in one script, in source order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// IsIncomplete reports whether err says that more input could complete the
// script.
func IsIncomplete(err error) bool {
	var l ErrorList
	if errors.As(err, &l) {
		return len(l) > 0 && l[len(l)-1].Incomplete
	}
	var e *Error
	return errors.As(err, &e) && e.Incomplete
}

// grammarOptions are the options every built parser shares.
func grammarOptions() []participle.Option {
	return []participle.Option{
		participle.Lexer(lexDef{}),
		participle.Union[Statement](
			&PipelineStatement{}, &IfStatement{}, &ForeachStatement{}, &FunctionDefinition{},
			&TryStatement{}, &FlowStatement{}, &SwitchStatement{}, &ForStatement{}, &WhileStatement{},
			&DoStatement{}, &BreakStatement{}, &LabeledStatement{}, &TrapStatement{},
			&ClassDefinition{}, &EnumDefinition{}, &UsingStatement{},
		),
	}
}

// statementParser is the built grammar of the keyword statements (the rest
// of the language is parsed by hand inside it; see expr.go and stmt.go).
// participle documents a built parser as safe for concurrent use; a build
// failure is a programming error that the tests catch.
var statementParser = participle.MustBuild[statementHolder](grammarOptions()...)

// Parse parses a script. On failure it returns an [ErrorList] with every
// error it could find (it skips to the next statement after an error).
func Parse(filename, src string) (*Script, error) {
	toks, err := Tokenize(filename, src)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return nil, err
		}
		// report what the tokens before the error hold too (for lint),
		// leaving out what only says the input stopped early
		toks = append(toks, lexer.Token{Type: lexer.EOF, Pos: e.Pos})
		_, errs := parseTokens(filename, src, toks)
		var out ErrorList
		for _, pe := range errs {
			if !pe.Incomplete && pe.Pos.Offset < e.Pos.Offset {
				out = append(out, pe)
			}
		}
		return nil, append(out, e)
	}
	s, errs := parseTokens(filename, src, toks)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos.Offset < errs[j].Pos.Offset })
		return nil, errs
	}
	return s, nil
}

// parseTokens runs the grammar over toks. When the whole script does not
// parse, each top-level statement is parsed on its own, so that every
// error of the file is reported (lint), checks included; inside a broken
// statement, recovery drops the innermost statement that holds the error
// and parses again (see recoverChunk).
func parseTokens(filename, src string, toks []lexer.Token) (*Script, ErrorList) {
	s, err := parseChunk(toks)
	if err == nil {
		s.Source, s.File = src, filename
		if errs := check(s); len(errs) > 0 {
			return nil, errs
		}
		return s, nil
	}
	first := convertError(err, toks, src)
	if first.Incomplete {
		return nil, ErrorList{first}
	}
	var errs ErrorList
	for _, chunk := range topLevelChunks(toks) {
		errs = append(errs, recoverChunk(filename, src, chunk)...)
	}
	if len(errs) == 0 {
		errs = ErrorList{first}
	}
	return nil, errs
}

// parseChunk parses tokens (ending in EOF) as a whole script.
func parseChunk(toks []lexer.Token) (*Script, error) {
	pl, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	s, err := parseSafely(pl)
	if err == nil && !pl.Peek().EOF() {
		err = unexpected(pl.Peek())
	}
	return s, err
}

// maxRecoveries bounds how many statements recovery drops from one
// top-level statement: each drop costs a parse of the statement.
const maxRecoveries = 25

// recoverChunk parses one top-level statement (tokens ending in EOF) and
// returns its errors. After a syntax error it drops the innermost statement
// that holds the error (up to its terminator or the bracket that closes
// its list) and parses what is left, so that the first error reported is
// the one the parser met first and later ones are not echoes of it.
func recoverChunk(filename, src string, chunk []lexer.Token) ErrorList {
	var errs ErrorList
	for range maxRecoveries {
		cs, err := parseChunk(chunk)
		if err == nil {
			cs.Source, cs.File = src, filename
			return append(errs, check(cs)...)
		}
		e := convertError(err, chunk, src)
		if e.Incomplete && chunk[len(chunk)-1].Pos.Offset < len(src) {
			// the chunk only ends here; the file goes on
			e.Incomplete = false
		}
		if len(errs) > 0 && e.Incomplete {
			// what is left after a drop is cut short: an echo of the
			// dropped statement
			return errs
		}
		errs = append(errs, e)
		next := dropStatement(chunk, e.Pos.Offset)
		if next == nil {
			return errs
		}
		chunk = next
	}
	return errs
}

// opens and closes report whether a token opens or closes a bracketed
// group. An attribute [Name( ... ) ] opens at Name( and closes at its ')';
// the ']' after it is a token of its own.
func opens(t lexer.TokenType) bool {
	switch t {
	case tLBrace, tLParen, tMParen, tSubExpr, tArrExpr, tHashOpen, tIndex, tSOpen, tSSub, tAttrOpen, tCStart:
		return true
	}
	return false
}

func closes(t lexer.TokenType) bool {
	switch t {
	case tRBrace, tRParen, tRBracket, tSClose, tCEnd:
		return true
	}
	return false
}

// dropStatement returns toks without the innermost statement that holds the
// token at offset off: from the terminator or opening bracket before it to
// the terminator or closing bracket after it. It returns nil when nothing
// can be dropped.
func dropStatement(toks []lexer.Token, off int) []lexer.Token {
	idx := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= off })
	if idx >= len(toks)-1 {
		// the error is at the end: nothing after it to go on with
		return nil
	}
	start := 0
	depth := 0
back:
	for i := idx - 1; i >= 0; i-- {
		t := toks[i].Type
		switch {
		case closes(t):
			depth++
		case opens(t):
			if depth == 0 {
				start = i + 1
				break back
			}
			depth--
		case t == tTerm || t == tSemi:
			if depth == 0 {
				start = i + 1
				break back
			}
		}
	}
	end := len(toks) - 1
	depth = 0
fwd:
	for i := idx; i < len(toks)-1; i++ {
		t := toks[i].Type
		switch {
		case opens(t):
			depth++
		case closes(t):
			if depth == 0 {
				end = i
				break fwd
			}
			depth--
		case t == tTerm || t == tSemi:
			if depth == 0 {
				end = i
				break fwd
			}
		}
	}
	if end <= start {
		// the culprit is a closer or terminator where a statement should
		// start: drop that token alone
		start, end = idx, idx+1
	}
	out := make([]lexer.Token, 0, len(toks)-(end-start))
	out = append(out, toks[:start]...)
	return append(out, toks[end:]...)
}

// topLevelChunks splits tokens at the terminators between top-level
// statements; each chunk ends with an EOF token.
func topLevelChunks(toks []lexer.Token) [][]lexer.Token {
	var out [][]lexer.Token
	depth, start := 0, 0
	flush := func(end int, eofPos Pos) {
		if end > start {
			chunk := append(append([]lexer.Token(nil), toks[start:end]...), lexer.Token{Type: lexer.EOF, Pos: eofPos})
			out = append(out, chunk)
		}
	}
	for i, t := range toks {
		switch {
		case opens(t.Type):
			depth++
		case closes(t.Type):
			if depth > 0 {
				depth--
			}
		case t.Type == tTerm:
			if depth == 0 {
				flush(i, t.Pos)
				start = i + 1
			}
		case t.Type == lexer.EOF:
			flush(i, t.Pos)
			return out
		}
	}
	return out
}

// parseSafely runs the grammar, turning a panic inside participle into an
// error so that no input can crash the caller.
func parseSafely(pl *lexer.PeekingLexer) (s *Script, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, &Error{Pos: pl.Peek().Pos, Msg: fmt.Sprintf("internal parser error: %v", r)}
		}
	}()
	start := pl.Peek().Pos
	body := &ScriptBlockBody{}
	if err := body.Parse(pl); err != nil {
		return nil, err
	}
	return &Script{Pos: start, EndPos: pl.Peek().Pos, Body: body}, nil
}

// convertError turns a participle error into an Error in PowerShell's words.
func convertError(err error, toks []lexer.Token, src string) *Error {
	var own *Error
	if errors.As(err, &own) {
		return own
	}
	var pe participle.Error
	if !errors.As(err, &pe) {
		return &Error{Msg: err.Error()}
	}
	pos := pe.Position()
	idx := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= pos.Offset })
	var tok lexer.Token
	if idx < len(toks) {
		tok = toks[idx]
	} else {
		tok = toks[len(toks)-1]
	}
	var prev *lexer.Token
	if idx > 0 {
		prev = &toks[idx-1]
	}
	if tok.EOF() {
		return &Error{Pos: tok.Pos, Msg: eofMessage(prev), Incomplete: true}
	}
	if tok.Type == tTerm && prev != nil {
		if m := missingMessage(prev, toks[:idx]); m != "" {
			return &Error{Pos: tok.Pos, Msg: m}
		}
	}
	return &Error{Pos: tok.Pos, Msg: fmt.Sprintf("Unexpected token '%s' in expression or statement.", tokenText(tok, src))}
}

// lastKeyword returns the innermost keyword that starts the statement the
// tokens end in.
func lastKeyword(toks []lexer.Token) string {
	depth := 0
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].Type {
		case tRBrace, tRParen, tRBracket:
			depth++
		case tLBrace, tLParen, tMParen, tSubExpr, tArrExpr, tHashOpen, tIndex:
			if depth == 0 {
				return ""
			}
			depth--
		case tTerm:
			if depth == 0 {
				return ""
			}
		case tKw:
			if depth == 0 {
				return toks[i].Value
			}
		}
	}
	return ""
}

func missingMessage(prev *lexer.Token, before []lexer.Token) string {
	kw := lastKeyword(before)
	switch kw {
	case "if", "elseif":
		if prev.Type == tRParen {
			return "Missing statement block after " + kw + " ( condition )."
		}
		return "Missing '(' after '" + kw + "' in " + kw + " statement."
	case "else":
		return "Missing statement block after 'else' keyword."
	case "foreach":
		return "Missing statement body in foreach loop."
	case "while":
		return "Missing statement body in while loop."
	case "for":
		return "Missing statement body in for loop."
	case "try":
		return "The Try statement is missing its Catch or Finally block."
	case "catch":
		return "Missing statement block in catch block."
	case "finally":
		return "Missing statement block after 'finally' keyword."
	case "function", "filter":
		return "Missing function body in function declaration."
	case "switch":
		return "Missing condition in switch statement clause."
	case "do":
		return "Missing while or until keyword in do loop."
	}
	return ""
}

func eofMessage(prev *lexer.Token) string {
	if prev == nil {
		return "Unexpected end of input."
	}
	switch prev.Type {
	case tKw:
		switch prev.Value {
		case "try":
			return "Missing closing '}' in statement block or type definition."
		case "do":
			return "Missing while or until keyword in do loop."
		}
	case tRParen:
		return "Missing statement block."
	}
	return "Unexpected end of input: more input is expected."
}

// tokenText returns the source text of a token for an error message.
func tokenText(t lexer.Token, src string) string {
	if t.Type == tTerm {
		if t.Value == ";" {
			return ";"
		}
		return "newline"
	}
	if t.Pos.Offset >= len(src) {
		return t.Value
	}
	s := src[t.Pos.Offset:]
	switch t.Type {
	case tStr, tSOpen, tVar, tNum, tCmd, tWord, tBadWord, tParam, tParamC, tSplat, tType:
		end := 0
		for end < len(s) && !strings.ContainsRune(" \t\r\n;|)}", rune(s[end])) {
			end++
		}
		if t.Type == tStr || t.Type == tSOpen {
			if i := strings.IndexAny(s[1:], "'\"\n"); i >= 0 {
				end = i + 2
			}
		}
		if end == 0 {
			if t.Value != "" {
				return t.Value
			}
			end = 1
		}
		if end > 60 {
			end = 60
		}
		return s[:end]
	}
	if t.Value != "" {
		return t.Value
	}
	return s[:1]
}
