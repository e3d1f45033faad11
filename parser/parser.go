package parser

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses a script. On failure it returns an [ErrorList] with every
// error found, in the order PowerShell reports them.
func Parse(filename, src string) (*Script, error) {
	s, errs := ParseAll(filename, src)
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// ParseAll parses a script and returns its tree and every error found.
// Like PowerShell's parser it goes on after an error, so the tree of a
// script with errors is whole, with ErrorStatement and ErrorExpr nodes
// where the script is broken; that tree is only for looking at, not for
// running. The tree is nil when the tokenizer could not read the script to
// its end (an unclosed string or comment).
func ParseAll(filename, src string) (*Script, ErrorList) {
	return ParseAllWith(filename, src, Options{})
}

// Options are what a caller can tell the parser of the session it parses
// for.
type Options struct {
	// TypeExists, if set, reports whether a type name (without a
	// namespace, as written in the script) names a type the session
	// has: a class an earlier script defined, a type of a using
	// namespace. The checks of classes ask it about a type they do not
	// know before they report it missing.
	TypeExists func(name string) bool
}

// ParseAllWith is ParseAll with options.
func ParseAllWith(filename, src string, o Options) (*Script, ErrorList) {
	toks, ends, soft, err := tokenize(filename, src)
	var lexErr *Error
	if err != nil {
		if !errors.As(err, &lexErr) {
			return nil, ErrorList{{Msg: err.Error(), ID: "InternalError"}}
		}
		// parse what the tokens before the error hold too (for lint)
		toks = append(toks, lexer.Token{Type: lexer.EOF, Pos: lexErr.Pos})
		ends = append(ends, lexErr.Pos.Offset)
	}
	if at, deep := tooDeep(toks); deep {
		pos := toks[at].Pos
		return nil, append(ErrorList{{Pos: pos, End: pos, ID: "NestingTooDeep", Msg: errorText("NestingTooDeep", fmt.Sprint(maxNesting))}}, soft...)
	}
	p := &parser{toks: toks, ends: ends, src: src, file: filename, truncated: -1}
	if lexErr != nil {
		p.truncated = len(toks) - 1
	}
	s := p.parseSafely()
	errs := mergeErrors(p.errs, soft)
	if lexErr != nil {
		// leave out what only says that the tokens stop early
		return nil, append(errs, lexErr)
	}
	if s != nil {
		errs = append(errs, check(s, len(errs) > 0, o)...)
	}
	return s, errs
}

// maxNesting bounds how deeply brackets, braces and parentheses nest: the
// parser descends once for each level, and a script nested deeper than
// any written by hand would exhaust its stack.
const maxNesting = 5000

// tooDeep reports whether the tokens nest deeper than maxNesting, and the
// index of the token that opens the level too many.
func tooDeep(toks []lexer.Token) (int, bool) {
	depth := 0
	for i, t := range toks {
		switch t.Type {
		case tLParen, tMParen, tLBrace, tHashOpen, tSubExpr, tArrExpr, tIndex, tMBrace, tSSub, tAttrOpen, tSOpen:
			depth++
			if depth > maxNesting {
				return i, true
			}
		case tRParen, tRBrace, tRBracket, tSClose:
			depth = max(0, depth-1)
		}
	}
	return 0, false
}

// mergeErrors puts the errors the tokenizer went on after among the
// parser's, by where they are: PowerShell reports them when it reads the
// token that holds them, before the parser gets past it.
func mergeErrors(errs ErrorList, soft []*Error) ErrorList {
	if len(soft) == 0 {
		return errs
	}
	out := make(ErrorList, 0, len(errs)+len(soft))
	for _, e := range errs {
		for len(soft) > 0 && soft[0].Pos.Offset <= e.Pos.Offset {
			out = append(out, soft[0])
			soft = soft[1:]
		}
		out = append(out, e)
	}
	return append(out, soft...)
}

// parser is the state of one parse: the tokens, where the parser is, and
// the errors found so far.
type parser struct {
	toks []lexer.Token // ending with an EOF token
	ends []int         // where each token ends
	i    int           // the next token
	src  string
	file string
	errs ErrorList
	// truncated is the index of the EOF token put where the tokenizer
	// stopped at an error, or -1: what the parser finds there only says
	// that the tokens stop early, and is not reported.
	truncated int
	// noComma is set where a comma separates arguments instead of
	// building an array (method and attribute arguments, parameter
	// defaults): PowerShell's _disableCommaOperator.
	noComma bool
}

// parseSafely parses the whole script, turning a panic into an error so
// that no input can crash the caller.
func (p *parser) parseSafely() (s *Script) {
	defer func() {
		if r := recover(); r != nil {
			s = nil
			at := p.tok().Pos
			p.errs = append(p.errs, &Error{Pos: at, End: at, ID: "InternalError", Msg: fmt.Sprintf("internal parser error: %v", r)})
		}
	}()
	start := p.tok().Pos
	body := p.scriptBlock(-1)
	return &Script{Pos: start, EndPos: p.tok().Pos, End: len(p.src), Body: body, Source: p.src, File: p.file}
}

// tok returns the next token; typ its type.
func (p *parser) tok() *lexer.Token    { return &p.toks[p.i] }
func (p *parser) typ() lexer.TokenType { return p.toks[p.i].Type }

// advance consumes the next token (never the final EOF) and returns its
// index.
func (p *parser) advance() int {
	i := p.i
	if p.toks[i].Type != lexer.EOF {
		p.i++
	}
	return i
}

// start and end return the offsets that bound token i. The end of input
// is one character past the script, as PowerShell's EndOfInput token is.
func (p *parser) start(i int) int {
	if p.atEOF(i) {
		return len(p.src) + 1
	}
	return p.toks[i].Pos.Offset
}

func (p *parser) end(i int) int {
	if p.atEOF(i) {
		return len(p.src) + 1
	}
	return p.ends[i]
}

// atEOF reports whether token i is the real end of input.
func (p *parser) atEOF(i int) bool {
	return i == len(p.toks)-1 && p.truncated < 0 && p.toks[i].Type == lexer.EOF
}

// text returns the source text of token i.
func (p *parser) text(i int) string {
	if p.toks[i].Type == lexer.EOF {
		return ""
	}
	s, e := p.start(i), p.end(i)
	if s >= len(p.src) || e <= s {
		return p.toks[i].Value
	}
	return p.src[s:min(e, len(p.src))]
}

// prevEnd returns where the last consumed token ends.
func (p *parser) prevEnd() int {
	if p.i == 0 {
		return 0
	}
	return p.ends[p.i-1]
}

// isTerm reports whether token t ends a statement: a newline or ';'.
func isTerm(t *lexer.Token) bool { return t.Type == tTerm }

// isRParen and isRCurly report closers, stray ones included (the
// tokenizer marks a ')' or '}' that closes nothing as a bad word).
func isRParen(t *lexer.Token) bool {
	return t.Type == tRParen || t.Type == tBadWord && t.Value == ")"
}

func isRCurly(t *lexer.Token) bool {
	return t.Type == tRBrace || t.Type == tBadWord && t.Value == "}"
}

// isAmpersand reports the & that runs a pipeline in the background.
func isAmpersand(t *lexer.Token) bool { return t.Type == tBadWord && t.Value == "&" }

// skipNewlines skips newline terminators (not ';').
func (p *parser) skipNewlines() {
	for p.typ() == tTerm && p.tok().Value != ";" {
		p.i++
	}
}

// skipTerms skips newlines and semicolons.
func (p *parser) skipTerms() {
	for p.typ() == tTerm {
		p.i++
	}
}

// isKw reports whether the next token is keyword kw.
func (p *parser) isKw(kw string) bool {
	t := p.tok()
	return t.Type == tKw && t.Value == kw
}

// position returns the position of byte offset off (which may be one
// past the end of the script).
func (p *parser) position(off int) Pos {
	if off > len(p.src) {
		pos := p.position(len(p.src))
		pos.Column += off - len(p.src)
		pos.Offset = off
		return pos
	}
	off = max(0, off)
	// the last token that starts at or before off
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos.Offset > off }) - 1
	base := Pos{Filename: p.file, Offset: 0, Line: 1, Column: 1}
	if i >= 0 && p.toks[i].Pos.Line > 0 {
		base = p.toks[i].Pos
	}
	return advancePos(p.src, base, off)
}

// advancePos returns the position of offset off, counted on from base.
func advancePos(src string, base Pos, off int) Pos {
	if off < base.Offset || base.Offset > len(src) {
		base = Pos{Filename: base.Filename, Line: 1, Column: 1}
	}
	s := src[base.Offset:off]
	if n := strings.Count(s, "\n"); n > 0 {
		base.Line += n
		s = s[strings.LastIndexByte(s, '\n')+1:]
		base.Column = 1
	}
	base.Column += utf8.RuneCountInString(s)
	base.Offset = off
	return base
}

// report records an error over [start, end) that parsing goes on after.
func (p *parser) report(id string, start, end int, args ...string) *Error {
	return p.save(id, start, end, -1, args)
}

// reportInc records an error that more input might fix: its input is
// incomplete when it was found at the end of the script, at detect.
func (p *parser) reportInc(id string, start, end, detect int, args ...string) *Error {
	return p.save(id, start, end, detect, args)
}

// save records an error, unless one with the same id and extent is
// there already (PowerShell reports such an error once).
func (p *parser) save(id string, start, end, detect int, args []string) *Error {
	if p.truncated >= 0 && p.i >= p.truncated {
		return &Error{ID: id}
	}
	e := &Error{Pos: p.position(start), ID: id, Msg: errorText(id, args...)}
	e.End = p.position(max(start, end))
	if detect >= 0 {
		e.Incomplete = onlySpaceAfter(p.src, detect, true)
		e.IncompleteInput = onlySpaceAfter(p.src, detect, false)
	}
	for _, o := range p.errs {
		if o.ID == id && o.Pos.Offset == e.Pos.Offset && o.End.Offset == e.End.Offset {
			return o
		}
	}
	p.errs = append(p.errs, e)
	return e
}

// onlySpaceAfter reports whether only white space and comments follow
// offset off in src. Line breaks count as white space when newlines is
// set; PowerShell's IncompleteInput does not count them.
func onlySpaceAfter(src string, off int, newlines bool) bool {
	for i := off; i < len(src); i++ {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
		case c == '\r' || c == '\n':
			if !newlines {
				return false
			}
		case c == '#':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			if i < len(src) && !newlines {
				return false
			}
		case c == '<' && strings.HasPrefix(src[i:], "<#"):
			e := strings.Index(src[i+2:], "#>")
			if e < 0 {
				return true
			}
			i += e + 3
		case c == '`' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r'):
			if !newlines {
				return false
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(src[i:])
			if !isSpace(r) {
				return false
			}
			i += n - 1
		}
	}
	return true
}

// hadErrors reports whether an error was reported.
func (p *parser) hadErrors() bool { return len(p.errs) > 0 }
