package lint

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// A directive is one suppression comment:
//
//	# csemu-disable-next-line                  every rule, on the next line
//	# csemu-disable-next-line CSE1201,CSE1301  those rules, on the next line
//	# csemu-disable CSE3001                    that rule, from here to the end of the file
//	# csemu-disable                            every rule, from here to the end of the file
//
// Codes are separated by commas or spaces; text after "--" is a reason and
// is ignored. A directive with a word that is not a rule code is ignored as
// a whole, so that a misspelled code does not turn into "every rule".
type directive struct {
	line     int
	nextLine bool
	codes    []string // upper case; nil means every rule
}

func (d directive) covers(f Finding) bool {
	if d.nextLine {
		if f.Pos.Line != d.line+1 {
			return false
		}
	} else if f.Pos.Line < d.line {
		return false
	}
	if d.codes == nil {
		return true
	}
	for _, c := range d.codes {
		if strings.EqualFold(c, f.Code) {
			return true
		}
	}
	return false
}

// Suppress drops the findings that a suppression comment of src covers.
func Suppress(src string, findings []Finding) []Finding {
	if len(findings) == 0 || !strings.Contains(src, "csemu-disable") {
		return findings
	}
	dirs := directives(src)
	if len(dirs) == 0 {
		return findings
	}
	out := findings[:0:0]
	for _, f := range findings {
		suppressed := false
		for _, d := range dirs {
			if d.covers(f) {
				suppressed = true
				break
			}
		}
		if !suppressed {
			out = append(out, f)
		}
	}
	return out
}

// directives returns the suppression comments of src.
func directives(src string) []directive {
	var out []directive
	for _, c := range lineComments(src) {
		if d, ok := parseDirective(c.text); ok {
			d.line = c.line
			out = append(out, d)
		}
	}
	return out
}

// parseDirective reads the text of a comment (after '#').
func parseDirective(text string) (directive, bool) {
	text = strings.TrimSpace(text)
	var d directive
	lower := strings.ToLower(text)
	switch {
	case strings.HasPrefix(lower, "csemu-disable-next-line"):
		d.nextLine = true
		text = text[len("csemu-disable-next-line"):]
	case strings.HasPrefix(lower, "csemu-disable"):
		text = text[len("csemu-disable"):]
	default:
		return d, false
	}
	if text != "" && text[0] != ' ' && text[0] != '\t' && text[0] != ',' {
		return d, false // csemu-disabled, csemu-disable-line, ...
	}
	if i := strings.Index(text, "--"); i >= 0 {
		text = text[:i]
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	for _, w := range words {
		if !isRuleCode(w) {
			return d, false
		}
		d.codes = append(d.codes, strings.ToUpper(w))
	}
	return d, true
}

// isRuleCode reports whether s looks like a rule code: CSE and 4 digits.
func isRuleCode(s string) bool {
	if len(s) != 7 || !strings.EqualFold(s[:3], "CSE") {
		return false
	}
	for _, c := range s[3:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// comment is a '#' comment: its line and its text after '#'.
type comment struct {
	line int
	text string
}

// lineComments finds the '#' comments of a script, skipping strings,
// here-strings and <# #> block comments, so that text inside a string that
// looks like a directive is not one. It is a light scanner: on a script that
// does not tokenize it still finds the comments before the trouble.
func lineComments(src string) []comment {
	s := &commentScanner{src: src}
	if strings.HasPrefix(src, "\uFEFF") {
		s.off = 3
	}
	s.code(false)
	if len(s.found) == 0 {
		return nil
	}
	// line numbers from offsets
	lines := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			lines = append(lines, i+1)
		}
	}
	out := make([]comment, len(s.found))
	for i, f := range s.found {
		line := sort.Search(len(lines), func(j int) bool { return lines[j] > f.off })
		out[i] = comment{line: line, text: f.text}
	}
	return out
}

type commentScanner struct {
	src   string
	off   int
	found []struct {
		off  int
		text string
	}
}

func (s *commentScanner) rune() (rune, int) {
	c := s.src[s.off]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.src[s.off:])
}

// commentStart reports whether a '#' at s.off starts a comment: it does at
// the start of a token, not inside a word such as a#b.
func (s *commentScanner) commentStart() bool {
	if s.off == 0 {
		return true
	}
	switch s.src[s.off-1] {
	case ' ', '\t', '\r', '\n', ';', '|', '{', '}', '(', ')', '=', ',', '&':
		return true
	}
	return s.off == 3 && strings.HasPrefix(s.src, "\uFEFF")
}

// code scans code up to the end of the source, or, inside $( ), up to its
// closing parenthesis.
func (s *commentScanner) code(sub bool) {
	depth := 0
	for s.off < len(s.src) {
		r, n := s.rune()
		switch {
		case r == '#' && s.commentStart():
			end := strings.IndexByte(s.src[s.off:], '\n')
			if end < 0 {
				end = len(s.src) - s.off
			}
			s.found = append(s.found, struct {
				off  int
				text string
			}{s.off, strings.TrimRight(s.src[s.off+1:s.off+end], "\r")})
			s.off += end
			continue
		case r == '<' && strings.HasPrefix(s.src[s.off:], "<#"):
			end := strings.Index(s.src[s.off+2:], "#>")
			if end < 0 {
				s.off = len(s.src)
				return
			}
			s.off += 2 + end + 2
			continue
		case r == '@' && s.hereStringStart():
			continue
		case isSQuoteRune(r):
			s.off += n
			s.singleQuoted()
			continue
		case isDQuoteRune(r):
			s.off += n
			s.doubleQuoted()
			continue
		case r == '`':
			s.off += n
			if s.off < len(s.src) {
				_, n = s.rune()
			} else {
				n = 0
			}
		case r == '(':
			depth++
		case r == ')':
			if sub && depth == 0 {
				s.off += n
				return
			}
			depth--
		}
		s.off += n
	}
}

// hereStringStart skips a here-string starting at s.off (@' or @" then the
// end of the line) and reports whether there was one.
func (s *commentScanner) hereStringStart() bool {
	rest := s.src[s.off+1:]
	if rest == "" {
		return false
	}
	q, qn := utf8.DecodeRuneInString(rest)
	if !isSQuoteRune(q) && !isDQuoteRune(q) {
		return false
	}
	i := 1 + qn
	for i < len(s.src)-s.off && (s.src[s.off+i] == ' ' || s.src[s.off+i] == '\t' || s.src[s.off+i] == '\r') {
		i++
	}
	if s.off+i < len(s.src) && s.src[s.off+i] != '\n' {
		return false
	}
	s.off += i
	// the closing quote and '@' start a line
	for s.off < len(s.src) {
		nl := strings.IndexByte(s.src[s.off:], '\n')
		if nl < 0 {
			s.off = len(s.src)
			return true
		}
		s.off += nl + 1
		line := strings.TrimLeft(s.src[s.off:], " \t")
		if line == "" {
			continue
		}
		c, cn := utf8.DecodeRuneInString(line)
		if (isSQuoteRune(q) && isSQuoteRune(c) || isDQuoteRune(q) && isDQuoteRune(c)) && strings.HasPrefix(line[cn:], "@") {
			s.off = len(s.src) - len(line) + cn + 1
			return true
		}
	}
	return true
}

// singleQuoted skips the rest of a '...' string (” is a quote).
func (s *commentScanner) singleQuoted() {
	for s.off < len(s.src) {
		r, n := s.rune()
		s.off += n
		if isSQuoteRune(r) {
			if s.off < len(s.src) {
				if r2, n2 := s.rune(); isSQuoteRune(r2) {
					s.off += n2
					continue
				}
			}
			return
		}
	}
}

// doubleQuoted skips the rest of a "..." string, with its `escapes and
// $( ) sub-expressions.
func (s *commentScanner) doubleQuoted() {
	for s.off < len(s.src) {
		r, n := s.rune()
		s.off += n
		switch {
		case r == '`':
			if s.off < len(s.src) {
				_, n = s.rune()
				s.off += n
			}
		case r == '$' && s.off < len(s.src) && s.src[s.off] == '(':
			s.off++
			s.code(true)
		case isDQuoteRune(r):
			if s.off < len(s.src) {
				if r2, n2 := s.rune(); isDQuoteRune(r2) {
					s.off += n2
					continue
				}
			}
			return
		}
	}
}

func isSQuoteRune(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201A' || r == '\u201B'
}

func isDQuoteRune(r rune) bool { return r == '"' || r == '\u201C' || r == '\u201D' || r == '\u201E' }
