package parser

import "strings"

// DSC configurations (about_DesiredStateConfiguration; Parser.cs
// ConfigurationStatementRule and DynamicKeywordStatementRule). PowerShell
// knows the keywords of a configuration's body (Node, the resource types of
// the modules that Import-DscResource names) from the DSC modules it loads
// while parsing. Without those modules, the tokenizer takes a statement of a
// configuration's body that starts with a simple name, then at most one
// instance name (a bare word, a string, a variable with members or a
// parenthesised expression), then a '{', as such a keyword: Node has a script
// block for its body, every other keyword a list of Name = value properties
// (a resource, or a CIM instance nested in a property's value).

// dynamicKeyword reads word (ending at end) as a dynamic keyword when what
// follows it has the shape of one, and reports whether it did.
func (t *tokenizer) dynamicKeyword(word string, end, start int) bool {
	if !isDSCName(word) {
		return false
	}
	brace, ok := t.dscBodyAfter(end)
	if !ok {
		return false
	}
	f := t.top()
	t.off = end
	t.emit(tDynKw, word, start)
	t.dscBrace = brace + 1
	t.dscHash = !strings.EqualFold(word, "node")
	// newlines before the instance name and the body are white space
	f.awaitBlock = true
	f.mode = mArg
	return true
}

// isDSCName reports whether s can name a DSC keyword: letters, digits and
// underscores, starting with a letter or underscore (a CIM class name).
func isDSCName(s string) bool {
	for i, r := range s {
		if !(isIdentStart(r) || i > 0 && isIdent(r)) {
			return false
		}
	}
	return s != ""
}

// dscBodyAfter looks past the keyword ending at off for an optional
// instance name and a '{', and returns the offset of that '{'.
func (t *tokenizer) dscBodyAfter(off int) (int, bool) {
	i := t.dscSpace(off)
	if i >= len(t.src) {
		return 0, false
	}
	if t.src[i] != '{' {
		e, ok := t.dscName(i)
		if !ok {
			return 0, false
		}
		i = t.dscSpace(e)
	}
	if i < len(t.src) && t.src[i] == '{' {
		return i, true
	}
	return 0, false
}

// dscSpace skips white space, newlines, comments and line continuations.
func (t *tokenizer) dscSpace(i int) int {
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
		case strings.HasPrefix(t.src[i:], "<#"):
			e := strings.Index(t.src[i+2:], "#>")
			if e < 0 {
				return len(t.src)
			}
			i += e + 4
		default:
			r, n := t.runeAt(i)
			if c < 0x80 || !isSpace(r) {
				return i
			}
			i += n
		}
	}
	return i
}

// dscName returns the end of an instance name starting at i: a string, a
// variable with member access, indexes and method calls, (...) or @(...),
// or a bare word.
func (t *tokenizer) dscName(i int) (int, bool) {
	r, _ := t.runeAt(i)
	c := t.src[i]
	switch {
	case isSQuote(r) || isDQuote(r):
		return dscQuoted(t.src, i)
	case c == '(':
		return dscBalanced(t.src, i)
	case c == '@' && i+1 < len(t.src) && t.src[i+1] == '(':
		return dscBalanced(t.src, i+1)
	case c == '$':
		j := i + 1
		if j < len(t.src) && t.src[j] == '{' {
			k := strings.IndexByte(t.src[j:], '}')
			if k < 0 {
				return 0, false
			}
			j += k + 1
		} else {
			for j < len(t.src) {
				rr, k := t.runeAt(j)
				if !isVarChar(rr) && rr != ':' {
					break
				}
				j += k
			}
			if j == i+1 {
				return 0, false
			}
		}
		for j < len(t.src) {
			switch t.src[j] {
			case '.':
				k := j + 1
				for k < len(t.src) {
					rr, m := t.runeAt(k)
					if !isIdent(rr) {
						break
					}
					k += m
				}
				if k == j+1 {
					return j, true
				}
				j = k
			case '(', '[':
				e, ok := dscBalanced(t.src, j)
				if !ok {
					return 0, false
				}
				j = e
			default:
				return j, true
			}
		}
		return j, true
	case isDash(r) || c == '{' || c == '}' || c == ')' || c == ';' || c == ',' || c == '|' || c == '&' || c == '@' || c == '[':
		return 0, false
	}
	j := i
	for j < len(t.src) {
		rr, k := t.runeAt(j)
		if rr == '`' || isSQuote(rr) || isDQuote(rr) || rr == '$' {
			return 0, false
		}
		if isEnd(rr) || rr == '\n' {
			break
		}
		j += k
	}
	return j, j > i
}

// dscQuoted returns the end of the quoted string starting at i.
func dscQuoted(src string, i int) (int, bool) {
	q := src[i]
	if q >= 0x80 {
		// a typographic quote: not followed here
		return 0, false
	}
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == '`' && q == '"':
			j++
		case c == '$' && q == '"' && j+1 < len(src) && src[j+1] == '(':
			e, ok := dscBalanced(src, j+1)
			if !ok {
				return 0, false
			}
			j = e - 1
		case c == q:
			if j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			return j + 1, true
		}
	}
	return 0, false
}

// dscBalanced returns the end of the bracketed text that starts at i with
// '(', '[' or '{', skipping strings inside it.
func dscBalanced(src string, i int) (int, bool) {
	depth := 0
	for j := i; j < len(src); j++ {
		switch c := src[j]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return j + 1, true
			}
		case '\'', '"':
			e, ok := dscQuoted(src, j)
			if !ok {
				return 0, false
			}
			j = e - 1
		case '`':
			j++
		case '#':
			if j > 0 && (src[j-1] == ' ' || src[j-1] == '\t' || src[j-1] == '\n') {
				for j < len(src) && src[j] != '\n' {
					j++
				}
			}
		}
	}
	return 0, false
}
