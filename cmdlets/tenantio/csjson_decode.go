package tenantio

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// csjsonMaxDepth bounds how deeply arrays and objects nest in a JSON
// export. A tenant's values nest a few levels (an object, its allow list,
// the list of domains, a domain); the store keeps at most 32.
const csjsonMaxDepth = 24

// csjsonKind is the kind of a JSON value.
type csjsonKind uint8

const (
	csjsonNull csjsonKind = iota
	csjsonBool
	csjsonNumber
	csjsonString
	csjsonArray
	csjsonObject
)

// csjsonNode is one decoded JSON value with the byte offset where it
// starts in the text, so that errors and origins can give its line.
type csjsonNode struct {
	kind    csjsonKind
	off     int
	b       bool
	s       string // a string's value
	num     any    // a number: int64, or float64 when it has a fraction, an exponent or does not fit
	items   []*csjsonNode
	members []csjsonMember // in the order of the text; a repeated name keeps its last value
	// index finds members by lower-case name in a large object.
	index map[string]int
}

// csjsonMember is one name/value pair of a JSON object.
type csjsonMember struct {
	name string
	off  int
	val  *csjsonNode
}

// member returns the value of the member name, compared
// case-insensitively.
func (n *csjsonNode) member(name string) (*csjsonNode, bool) {
	if i := n.find(name); i >= 0 {
		return n.members[i].val, true
	}
	return nil, false
}

// csjsonPath is a JSON path being built: $, $[3], $.meeting_policies[2].
type csjsonPath string

func (p csjsonPath) index(i int) csjsonPath {
	return p + csjsonPath("["+strconv.Itoa(i)+"]")
}

func (p csjsonPath) key(name string) csjsonPath {
	if isPathName(name) {
		return p + csjsonPath("."+name)
	}
	return p + csjsonPath("['"+strings.ReplaceAll(strings.ReplaceAll(name, `\`, `\\`), `'`, `\'`)+"']")
}

// isPathName reports whether name can follow a dot in a JSON path.
func isPathName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// csjsonDecoder decodes JSON text into [csjsonNode] values. Errors give the
// line and column and the JSON path of the value being read.
type csjsonDecoder struct {
	file  string
	text  string
	pos   int
	stack []csjsonStep // the path to the value being read, built into text only for an error
	buf   []byte
}

// decodeCsJSON decodes text, which must be one JSON value with nothing
// after it but white space.
func decodeCsJSON(file, text string) (*csjsonNode, *Error) {
	d := &csjsonDecoder{file: file, text: text}
	if strings.HasPrefix(d.text, "\ufeff") {
		d.pos = len("\ufeff")
	}
	d.space()
	if d.pos >= len(d.text) {
		return nil, d.fail(d.pos, "the file holds no JSON value")
	}
	n, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.pos < len(d.text) {
		return nil, d.fail(d.pos, "unexpected text after the JSON value: %s", d.near(d.pos))
	}
	return n, nil
}

// fail returns an error at off, in the value the decoder is reading.
func (d *csjsonDecoder) fail(off int, format string, args ...any) *Error {
	e := errorAt(d.file, d.text, off, format, args...)
	p := csjsonPath("$")
	for _, st := range d.stack {
		if st.isName {
			p = p.key(st.name)
		} else {
			p = p.index(st.index)
		}
	}
	e.Path = string(p)
	return e
}

// csjsonStep is one step of the path to the value being read: a member
// name or an array index.
type csjsonStep struct {
	name   string
	isName bool
	index  int
}

// near quotes the text at off for a message.
func (d *csjsonDecoder) near(off int) string {
	if off >= len(d.text) {
		return "the end of the file"
	}
	r, _ := utf8.DecodeRuneInString(d.text[off:])
	return strconv.QuoteRune(r)
}

func (d *csjsonDecoder) space() {
	for d.pos < len(d.text) {
		switch d.text[d.pos] {
		case ' ', '\t', '\r', '\n':
			d.pos++
		default:
			return
		}
	}
}

func (d *csjsonDecoder) value(depth int) (*csjsonNode, *Error) {
	if d.pos >= len(d.text) {
		return nil, d.fail(d.pos, "the file ends where a value should be (is it cut short?)")
	}
	start := d.pos
	switch c := d.text[d.pos]; {
	case c == '{':
		if depth >= csjsonMaxDepth {
			return nil, d.fail(start, "objects and arrays nest deeper than %d levels", csjsonMaxDepth)
		}
		return d.object(depth)
	case c == '[':
		if depth >= csjsonMaxDepth {
			return nil, d.fail(start, "objects and arrays nest deeper than %d levels", csjsonMaxDepth)
		}
		return d.array(depth)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return &csjsonNode{kind: csjsonString, off: start, s: s}, nil
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case strings.HasPrefix(d.text[d.pos:], "true"):
		d.pos += 4
		return &csjsonNode{kind: csjsonBool, off: start, b: true}, d.endOfWord()
	case strings.HasPrefix(d.text[d.pos:], "false"):
		d.pos += 5
		return &csjsonNode{kind: csjsonBool, off: start}, d.endOfWord()
	case strings.HasPrefix(d.text[d.pos:], "null"):
		d.pos += 4
		return &csjsonNode{kind: csjsonNull, off: start}, d.endOfWord()
	}
	return nil, d.fail(start, "expected a JSON value, found %s", d.near(start))
}

// endOfWord checks that true, false or null is not the start of a longer
// word.
func (d *csjsonDecoder) endOfWord() *Error {
	if d.pos < len(d.text) {
		c := d.text[d.pos]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return d.fail(d.pos, "expected a JSON value, found %s", d.near(d.pos))
		}
	}
	return nil
}

func (d *csjsonDecoder) object(depth int) (*csjsonNode, *Error) {
	n := &csjsonNode{kind: csjsonObject, off: d.pos}
	d.pos++ // {
	d.space()
	if d.pos < len(d.text) && d.text[d.pos] == '}' {
		d.pos++
		return n, nil
	}
	for {
		d.space()
		if d.pos >= len(d.text) {
			return nil, d.fail(d.pos, "the file ends inside an object (is it cut short?)")
		}
		if d.text[d.pos] != '"' {
			return nil, d.fail(d.pos, "expected a member name in double quotes, found %s", d.near(d.pos))
		}
		noff := d.pos
		name, err := d.str()
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, csjsonStep{name: name, isName: true})
		d.space()
		if d.pos >= len(d.text) || d.text[d.pos] != ':' {
			return nil, d.fail(d.pos, "expected ':' after the member name, found %s", d.near(d.pos))
		}
		d.pos++
		d.space()
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if err := n.add(d, csjsonMember{name: name, off: noff, val: v}); err != nil {
			return nil, err
		}
		d.stack = d.stack[:len(d.stack)-1]
		d.space()
		if d.pos >= len(d.text) {
			return nil, d.fail(d.pos, "the file ends inside an object (is it cut short?)")
		}
		switch d.text[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return n, nil
		default:
			return nil, d.fail(d.pos, "expected ',' or '}' after a member, found %s", d.near(d.pos))
		}
	}
}

// add appends a member. As ConvertFrom-Json reads an object, a name given
// twice keeps the last value, and two names that differ only in case are
// an error (a PowerShell object cannot hold both).
func (n *csjsonNode) add(d *csjsonDecoder, m csjsonMember) *Error {
	var i int
	if n.index != nil {
		d.buf = csjsonFold(d.buf[:0], m.name)
		var ok bool
		if i, ok = n.index[string(d.buf)]; !ok {
			i = -1
		}
	} else {
		i = n.find(m.name)
	}
	switch {
	case i < 0:
		n.members = append(n.members, m)
		if n.index != nil {
			n.index[string(d.buf)] = len(n.members) - 1
		} else if len(n.members) > 8 {
			n.index = make(map[string]int, 2*len(n.members))
			for j, x := range n.members {
				n.index[string(csjsonFold(nil, x.name))] = j
			}
		}
	case n.members[i].name == m.name:
		n.members[i].val = m.val
	default:
		return d.fail(m.off, "the object has the keys %q and %q, which differ only in case", n.members[i].name, m.name)
	}
	return nil
}

// csjsonFold appends the lower-case form of name to buf: the key of a
// member in an object's index.
func csjsonFold(buf []byte, name string) []byte {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			return append(buf[:0], strings.ToLower(name)...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// find returns the index of the member name, compared case-insensitively,
// or -1.
func (n *csjsonNode) find(name string) int {
	if n.index != nil {
		if i, ok := n.index[string(csjsonFold(nil, name))]; ok {
			return i
		}
		return -1
	}
	for i := range n.members {
		if strings.EqualFold(n.members[i].name, name) {
			return i
		}
	}
	return -1
}

func (d *csjsonDecoder) array(depth int) (*csjsonNode, *Error) {
	n := &csjsonNode{kind: csjsonArray, off: d.pos}
	d.pos++ // [
	d.space()
	if d.pos < len(d.text) && d.text[d.pos] == ']' {
		d.pos++
		return n, nil
	}
	for {
		d.space()
		d.stack = append(d.stack, csjsonStep{index: len(n.items)})
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		d.stack = d.stack[:len(d.stack)-1]
		n.items = append(n.items, v)
		d.space()
		if d.pos >= len(d.text) {
			return nil, d.fail(d.pos, "the file ends inside an array (is it cut short?)")
		}
		switch d.text[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return n, nil
		default:
			return nil, d.fail(d.pos, "expected ',' or ']' after an array element, found %s", d.near(d.pos))
		}
	}
}

// str reads a string at d.pos (which is '"').
func (d *csjsonDecoder) str() (string, *Error) {
	start := d.pos
	d.pos++
	var b strings.Builder
	from := d.pos
	for {
		if d.pos >= len(d.text) {
			return "", d.fail(start, "the string is not closed (is the file cut short?)")
		}
		c := d.text[d.pos]
		switch {
		case c == '"':
			d.pos++
			if b.Len() == 0 {
				// A copy, so that the values kept do not hold the whole file.
				return strings.Clone(d.text[from : d.pos-1]), nil
			}
			b.WriteString(d.text[from : d.pos-1])
			return b.String(), nil
		case c == '\\':
			b.WriteString(d.text[from:d.pos])
			if err := d.escape(&b); err != nil {
				return "", err
			}
			from = d.pos
		case c < 0x20:
			return "", d.fail(d.pos, "a control character (U+%04X) inside a string must be escaped", c)
		case c < utf8.RuneSelf:
			d.pos++
		default:
			r, size := utf8.DecodeRuneInString(d.text[d.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", d.fail(d.pos, "the string holds bytes that are not UTF-8")
			}
			d.pos += size
		}
	}
}

// escape reads one escape sequence at d.pos (which is '\\').
func (d *csjsonDecoder) escape(b *strings.Builder) *Error {
	at := d.pos
	d.pos++
	if d.pos >= len(d.text) {
		return d.fail(at, "the string is not closed (is the file cut short?)")
	}
	c := d.text[d.pos]
	d.pos++
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, ok := d.hex4()
		if !ok {
			return d.fail(at, `\u must be followed by four hexadecimal digits`)
		}
		if utf16.IsSurrogate(r) {
			if r < 0xdc00 && strings.HasPrefix(d.text[d.pos:], `\u`) {
				save := d.pos
				d.pos += 2
				if r2, ok := d.hex4(); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
					b.WriteRune(utf16.DecodeRune(r, r2))
					return nil
				}
				d.pos = save
			}
			r = utf8.RuneError // a lone surrogate has no UTF-8 form
		}
		b.WriteRune(r)
	default:
		return d.fail(at, "unknown escape sequence %s in a string", strconv.Quote(`\`+string(rune(c))))
	}
	return nil
}

func (d *csjsonDecoder) hex4() (rune, bool) {
	if d.pos+4 > len(d.text) {
		return 0, false
	}
	v, err := strconv.ParseUint(d.text[d.pos:d.pos+4], 16, 32)
	if err != nil {
		return 0, false
	}
	d.pos += 4
	return rune(v), true
}

// number reads a JSON number: an int64 when it is an integer that fits,
// otherwise a float64; a number too large for a float64 is an error.
func (d *csjsonDecoder) number() (*csjsonNode, *Error) {
	start := d.pos
	digits := func() int {
		n := 0
		for d.pos < len(d.text) && d.text[d.pos] >= '0' && d.text[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.text[d.pos] == '-' {
		d.pos++
	}
	intStart := d.pos
	if digits() == 0 {
		return nil, d.fail(start, "expected a digit after '-'")
	}
	if d.text[intStart] == '0' && d.pos-intStart > 1 {
		return nil, d.fail(start, "a number may not start with 0")
	}
	isInt := true
	if d.pos < len(d.text) && d.text[d.pos] == '.' {
		isInt = false
		d.pos++
		if digits() == 0 {
			return nil, d.fail(d.pos, "expected a digit after the decimal point")
		}
	}
	if d.pos < len(d.text) && (d.text[d.pos] == 'e' || d.text[d.pos] == 'E') {
		isInt = false
		d.pos++
		if d.pos < len(d.text) && (d.text[d.pos] == '+' || d.text[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, d.fail(d.pos, "expected a digit in the exponent")
		}
	}
	lit := d.text[start:d.pos]
	n := &csjsonNode{kind: csjsonNumber, off: start}
	if isInt {
		if v, err := strconv.ParseInt(lit, 10, 64); err == nil {
			n.num = v
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(lit, 64)
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && f == 0 {
		err = nil // too small: 0, as .NET reads it
	}
	if err != nil || math.IsInf(f, 0) {
		return nil, d.fail(start, "the number %s is too large", head(lit, 40))
	}
	n.num = f
	return n, nil
}

// csjsonEncodingError returns an error at the first byte of a file read as
// UTF-8 that is not UTF-8 (a file saved in a legacy code page, or cut in
// the middle of a character), instead of reading it as U+FFFD.
func csjsonEncodingError(src *Source) *Error {
	data := src.Data
	if enc, n, ok := textenc.Sniff(data); ok {
		if enc.Kind() != textenc.UTF8 {
			return nil
		}
		data = data[n:]
	} else if _, ok := utf16NoBOM(data); ok {
		return nil
	}
	if utf8.Valid(data) {
		return nil
	}
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	line, col := lineCol(string(data[:i]), i)
	return &Error{File: src.Name, Line: line, Col: col, Msg: fmt.Sprintf("the file is neither UTF-8 nor UTF-16: byte 0x%02X is not UTF-8 (save it with Out-File -Encoding utf8)", data[i])}
}
