package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
)

// JSON parsing follows Newtonsoft.Json's JsonTextReader, which pwsh 7.4's
// ConvertFrom-Json uses: besides standard JSON it accepts comments,
// single-quoted strings, unquoted property names, trailing commas, NaN,
// Infinity, undefined, hex (0x1F) and octal (017) integers; a property
// that appears twice keeps the last value, moved to the end. Strings in the
// ISO 8601 form ("2026-11-22T04:34:37[.fffffff][Z|±hh:mm]") or
// "/Date(ms)/" become [datetime] values.

const (
	jsonMaxDepth       = 1024
	jsonErrPrefix      = "Conversion from JSON failed with error: "
	jsonEmptyKeyMsg    = "The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch."
	jsonKeyCasingMsg   = "Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '%s' was '%s'."
	jsonUnexpectedEnd  = "Unexpected end when reading JSON."
	jsonUnexpectedChar = "Unexpected character encountered while parsing value: %c."
)

// FromJSON converts JSON text as ConvertFrom-Json does: objects become
// PSCustomObjects (*value.Object) or, with asHashtable, ordered
// *value.Hashtable; arrays become *value.Array (a top-level array too: the
// caller unrolls it); integers become int64 (as in pwsh 7) or (beyond Int64) float64;
// reals float64; date strings time.Time. Empty input gives nil. Syntax errors
// read "Conversion from JSON failed with error: <Newtonsoft message> Path
// '...', line L, position P."
func FromJSON(s string, asHashtable bool) (v any, err error) {
	return FromJSONWith(s, JSONReadOptions{AsHashtable: asHashtable})
}

// JSONReadOptions are ConvertFrom-Json's options
// (JsonObject.ConvertFromJson).
type JSONReadOptions struct {
	AsHashtable bool
	// MaxDepth is the deepest nesting of objects and arrays read (0: 1024,
	// the default of -Depth).
	MaxDepth int
	// DateKind is -DateKind: "Default" (or ""), "Local", "Utc", "Offset"
	// or "String".
	DateKind string
	// Offset makes the value of a date read with DateKind Offset (a
	// DateTimeOffset) from the time in the zone of its offset.
	Offset func(time.Time) any
}

// JSONKeyError is a property name that a PSCustomObject cannot take: an
// empty one or one that differs from another only in case. ID is pwsh's
// error id (EmptyKeyInJsonString, KeysWithDifferentCasingInJsonString).
type JSONKeyError struct{ ID, Msg string }

func (e *JSONKeyError) Error() string { return e.Msg }

// FromJSONWith is FromJSON with all of ConvertFrom-Json's options.
func FromJSONWith(s string, opts JSONReadOptions) (v any, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = jsonMaxDepth
	}
	p := &jsonParser{rs: []rune(s), line: 1, maxDepth: maxDepth, dateKind: strings.ToLower(opts.DateKind)}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(jsonSyntaxError)
			if !ok {
				panic(r)
			}
			v, err = nil, fmt.Errorf("%s%s", jsonErrPrefix, string(se))
		}
	}()
	node := p.value()
	p.skipSpace()
	if p.i < len(p.rs) {
		p.path = nil
		p.fail(fmt.Sprintf("Additional text encountered after finished reading JSON content: %c.", p.rs[p.i]))
	}
	c := &jsonConverter{asHashtable: opts.AsHashtable, offset: opts.Offset}
	out := c.convert(node)
	if c.err != nil {
		return nil, c.err
	}
	return out, nil
}

type jsonSyntaxError string

// jsonObject is a parsed JSON object: its properties in order, with
// duplicates removed (the last one wins and moves to the end, as
// Newtonsoft's JTokenWriter does).
type jsonObject struct {
	keys []string
	vals []any
	dead []bool
	idx  map[string]int
}

func (o *jsonObject) set(k string, v any) {
	if o.idx == nil {
		o.idx = map[string]int{}
	}
	if i, ok := o.idx[k]; ok {
		o.dead[i] = true
	}
	o.idx[k] = len(o.keys)
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	o.dead = append(o.dead, false)
}

type jsonArray []any

type jsonParser struct {
	rs        []rune
	i         int
	line      int
	lineStart int
	started   bool
	depth     int
	path      []string
	maxDepth  int
	dateKind  string // lower case; "" is Default
}

func (p *jsonParser) fail(msg string) {
	line, pos := p.line, p.i-p.lineStart
	if !p.started && pos == 0 {
		line = 0
	}
	panic(jsonSyntaxError(fmt.Sprintf("%s Path '%s', line %d, position %d.", msg, strings.Join(p.path, ""), line, pos)))
}

func (p *jsonParser) pathName(name string) string {
	if strings.ContainsAny(name, ".[]()'\"/\\ \t\n\r\f\b\u0085\u2028\u2029") {
		return "['" + strings.ReplaceAll(name, "'", `\'`) + "']"
	}
	if len(p.path) == 0 {
		return name
	}
	return "." + name
}

func (p *jsonParser) eof() bool { return p.i >= len(p.rs) }

// newline consumes a line break (\n, \r or \r\n) and counts the line.
func (p *jsonParser) newline() string {
	if p.rs[p.i] == '\r' && p.i+1 < len(p.rs) && p.rs[p.i+1] == '\n' {
		p.i += 2
		p.line++
		p.lineStart = p.i
		return "\r\n"
	}
	c := p.rs[p.i]
	p.i++
	p.line++
	p.lineStart = p.i
	return string(c)
}

// skipSpace skips white space and comments.
func (p *jsonParser) skipSpace() {
	for !p.eof() {
		c := p.rs[p.i]
		switch {
		case c == '\n' || c == '\r':
			p.newline()
		case c == '/':
			p.comment()
		case unicode.IsSpace(c):
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) comment() {
	p.i++
	if p.eof() {
		p.fail("Unexpected end while parsing comment.")
	}
	switch p.rs[p.i] {
	case '*':
		p.i++
		for {
			if p.eof() {
				p.fail("Unexpected end while parsing comment.")
			}
			c := p.rs[p.i]
			if c == '*' && p.i+1 < len(p.rs) && p.rs[p.i+1] == '/' {
				p.i += 2
				return
			}
			if c == '\n' || c == '\r' {
				p.newline()
			} else {
				p.i++
			}
		}
	case '/':
		for !p.eof() && p.rs[p.i] != '\n' && p.rs[p.i] != '\r' {
			p.i++
		}
	default:
		p.fail(fmt.Sprintf("Error parsing comment. Expected: *, got %c.", p.rs[p.i]))
	}
}

func (p *jsonParser) value() any {
	p.skipSpace()
	if p.eof() {
		p.fail(jsonUnexpectedEnd)
	}
	c := p.rs[p.i]
	switch c {
	case '{':
		return p.object()
	case '[':
		return p.array()
	case '"', '\'':
		s := p.str(c)
		if p.dateKind == "string" {
			return s
		}
		if t, ok := jsonDateValue(s, p.dateKind == "offset"); ok {
			switch p.dateKind {
			case "local":
				t = value.DateToLocal(t)
			case "utc":
				t = value.DateToUniversal(t)
			case "offset":
				return jsonOffsetDate{t}
			}
			return t
		}
		return s
	case 't':
		p.literal("true", "Error parsing boolean value.")
		return true
	case 'f':
		p.literal("false", "Error parsing boolean value.")
		return false
	case 'n':
		p.literal("null", "Error parsing null value.")
		return nil
	case 'u':
		p.literal("undefined", "Error parsing undefined value.")
		return nil
	case 'N':
		p.literal("NaN", "Cannot read NaN value.")
		return math.NaN()
	case 'I':
		p.literal("Infinity", "Cannot read Infinity value.")
		return math.Inf(1)
	case '-':
		if p.i+1 < len(p.rs) && p.rs[p.i+1] == 'I' {
			p.literal("-Infinity", "Cannot read -Infinity value.")
			return math.Inf(-1)
		}
		return p.number()
	}
	if unicode.IsNumber(c) || c == '.' {
		return p.number()
	}
	p.fail(fmt.Sprintf(jsonUnexpectedChar, c))
	return nil
}

func isSeparator(c rune) bool {
	return unicode.IsSpace(c) || c == ',' || c == '}' || c == ']' || c == ')' || c == '/'
}

func (p *jsonParser) literal(lit, msg string) {
	for _, c := range lit {
		if p.eof() || p.rs[p.i] != c {
			if p.eof() {
				p.fail(jsonUnexpectedEnd)
			}
			p.fail(msg)
		}
		p.i++
	}
	if !p.eof() && !isSeparator(p.rs[p.i]) {
		p.fail(msg)
	}
	p.started = true
}

func (p *jsonParser) enter() {
	p.i++
	p.started = true
	p.depth++
	if p.depth > p.maxDepth {
		p.fail(fmt.Sprintf("The reader's MaxDepth of %d has been exceeded.", p.maxDepth))
	}
}

func (p *jsonParser) object() any {
	p.enter()
	o := &jsonObject{}
	for {
		p.skipSpace()
		if p.eof() {
			p.fail(jsonUnexpectedEnd)
		}
		if p.rs[p.i] == '}' {
			p.i++
			break
		}
		name := p.propertyName()
		p.skipSpace()
		if p.eof() {
			p.fail(jsonUnexpectedEnd)
		}
		if c := p.rs[p.i]; c != ':' {
			p.fail(fmt.Sprintf("Invalid character after parsing property name. Expected ':' but got: %c.", c))
		}
		p.i++
		p.path = append(p.path, p.pathName(name))
		v := p.value()
		o.set(name, v)
		p.skipSpace()
		if p.eof() {
			p.fail(jsonUnexpectedEnd)
		}
		c := p.rs[p.i]
		if c != ',' && c != '}' {
			p.fail(fmt.Sprintf("After parsing a value an unexpected character was encountered: %c.", c))
		}
		p.i++
		p.path = p.path[:len(p.path)-1]
		if c == '}' {
			break
		}
	}
	p.depth--
	return o
}

func (p *jsonParser) propertyName() string {
	c := p.rs[p.i]
	if c == '"' || c == '\'' {
		return p.str(c)
	}
	if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || c == '$') {
		p.fail(fmt.Sprintf("Invalid property identifier character: %c.", c))
	}
	start := p.i
	for !p.eof() {
		c := p.rs[p.i]
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || c == '$' {
			p.i++
			continue
		}
		if unicode.IsSpace(c) || c == ':' {
			break
		}
		p.fail(fmt.Sprintf("Invalid JavaScript property identifier character: %c.", c))
	}
	return string(p.rs[start:p.i])
}

func (p *jsonParser) array() any {
	p.enter()
	var items jsonArray
	for {
		p.skipSpace()
		if p.eof() {
			p.fail(jsonUnexpectedEnd)
		}
		if p.rs[p.i] == ']' {
			p.i++
			break
		}
		p.path = append(p.path, "["+strconv.Itoa(len(items))+"]")
		items = append(items, p.value())
		p.skipSpace()
		if p.eof() {
			p.fail(jsonUnexpectedEnd)
		}
		c := p.rs[p.i]
		if c != ',' && c != ']' {
			p.fail(fmt.Sprintf("After parsing a value an unexpected character was encountered: %c.", c))
		}
		p.i++
		p.path = p.path[:len(p.path)-1]
		if c == ']' {
			break
		}
	}
	p.depth--
	if items == nil {
		items = jsonArray{}
	}
	return items
}

func hexVal(c rune) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *jsonParser) unicodeEscape() rune {
	if p.i+4 > len(p.rs) {
		p.i = len(p.rs)
		p.fail("Unexpected end while parsing Unicode escape sequence.")
	}
	r := 0
	for k := 0; k < 4; k++ {
		h := hexVal(p.rs[p.i+k])
		if h < 0 {
			p.fail(fmt.Sprintf(`Invalid Unicode escape sequence: \u%s.`, string(p.rs[p.i:p.i+4])))
		}
		r = r*16 + h
	}
	p.i += 4
	return rune(r)
}

func (p *jsonParser) str(q rune) string {
	p.i++
	p.started = true
	var b strings.Builder
	for {
		if p.eof() {
			p.fail(fmt.Sprintf("Unterminated string. Expected delimiter: %c.", q))
		}
		c := p.rs[p.i]
		switch {
		case c == q:
			p.i++
			return b.String()
		case c == '\\':
			p.i++
			if p.eof() {
				p.fail(fmt.Sprintf("Unterminated string. Expected delimiter: %c.", q))
			}
			e := p.rs[p.i]
			p.i++
			switch e {
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case '\\', '"', '\'', '/':
				b.WriteRune(e)
			case 'u':
				r := p.unicodeEscape()
				if r >= 0xD800 && r < 0xDC00 && p.i+6 <= len(p.rs) && p.rs[p.i] == '\\' && p.rs[p.i+1] == 'u' {
					save := p.i
					p.i += 2
					lo := p.unicodeEscape()
					if lo >= 0xDC00 && lo < 0xE000 {
						r = (r-0xD800)<<10 + (lo - 0xDC00) + 0x10000
					} else {
						p.i = save
					}
				}
				b.WriteRune(r) // a lone surrogate becomes U+FFFD
			default:
				p.i--
				p.fail(fmt.Sprintf(`Bad JSON escape sequence: \%c.`, e))
			}
		case c == '\n' || c == '\r':
			b.WriteString(p.newline())
		default:
			b.WriteRune(c)
			p.i++
		}
	}
}

func isNumberChar(c rune) bool {
	return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' ||
		c == 'x' || c == 'X' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// number is JsonTextReader.ParseNumber.
func (p *jsonParser) number() any {
	start := p.i
	for !p.eof() && isNumberChar(p.rs[p.i]) {
		p.i++
	}
	if !p.eof() && !isSeparator(p.rs[p.i]) {
		p.fail(fmt.Sprintf("Unexpected character encountered while parsing number: %c.", p.rs[p.i]))
	}
	p.started = true
	text := string(p.rs[start:p.i])
	if len(text) > 1 && text[0] == '0' && text[1] != '.' && text[1] != 'e' && text[1] != 'E' {
		var n uint64
		var err error
		if text[1] == 'x' || text[1] == 'X' {
			n, err = strconv.ParseUint(text[2:], 16, 64)
		} else {
			n, err = strconv.ParseUint(text[1:], 8, 64)
		}
		if err != nil {
			p.fail(fmt.Sprintf("Input string '%s' is not a valid integer.", text))
		}
		return int64(n)
	}
	if strings.ContainsAny(text, ".eE") {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !isRangeErr(err) || strings.ContainsAny(text, "xXabcdfABCDF") {
			p.fail(fmt.Sprintf("Input string '%s' is not a valid number.", text))
		}
		return f
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		if isRangeErr(err) {
			f, _ := strconv.ParseFloat(text, 64)
			return f
		}
		p.fail(fmt.Sprintf("Input string '%s' is not a valid integer.", text))
	}
	return int64(n)
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// jsonConverter turns the parsed tree into PowerShell values, as
// JsonObject.PopulateFromJDictionary does.
type jsonConverter struct {
	asHashtable bool
	offset      func(time.Time) any
	err         error
}

func (c *jsonConverter) convert(n any) any {
	if c.err != nil {
		return nil
	}
	switch x := n.(type) {
	case *jsonObject:
		if c.asHashtable {
			// an OrderedHashtable whose keys may differ only by case
			h := value.NewHashtable()
			h.CaseSensitive = true
			for i, k := range x.keys {
				if !x.dead[i] {
					h.Set(k, c.convert(x.vals[i]))
				}
			}
			return h
		}
		o := value.NewObject()
		for i, k := range x.keys {
			if x.dead[i] {
				continue
			}
			if k == "" {
				c.err = &JSONKeyError{ID: "EmptyKeyInJsonString", Msg: jsonEmptyKeyMsg}
				return nil
			}
			if p, ok := o.Prop(k); ok {
				c.err = &JSONKeyError{ID: "KeysWithDifferentCasingInJsonString", Msg: fmt.Sprintf(jsonKeyCasingMsg, p.Name, k)}
				return nil
			}
			o.Set(k, c.convert(x.vals[i]))
		}
		return o
	case jsonArray:
		items := make([]any, len(x))
		for i, it := range x {
			items[i] = c.convert(it)
		}
		return value.NewArray(items...)
	case jsonOffsetDate:
		if c.offset != nil {
			return c.offset(x.t)
		}
		return x.t
	}
	return n
}

// jsonDateValue is Newtonsoft's DateTimeUtils.TryParseDateTime with
// DateTimeZoneHandling.RoundtripKind.
//
// With keepOffset (DateParseHandling.DateTimeOffset) a time with an
// offset stays in a zone of that offset, and one without is local time.
func jsonDateValue(s string, keepOffset bool) (time.Time, bool) {
	rs := []rune(s)
	if len(rs) >= 9 && strings.HasPrefix(s, "/Date(") && strings.HasSuffix(s, ")/") {
		return msDate(s)
	}
	if len(rs) < 19 || len(rs) > 40 || !unicode.IsDigit(rs[0]) || rs[10] != 'T' {
		return time.Time{}, false
	}
	return isoDate(rs, keepOffset)
}

// jsonOffsetDate is a date read with DateKind Offset, made into a
// DateTimeOffset by the converter.
type jsonOffsetDate struct{ t time.Time }

func msDate(s string) (time.Time, bool) {
	body := s[6 : len(s)-2]
	idx := -1
	if len(body) > 1 {
		if i := strings.IndexByte(body[1:], '+'); i >= 0 {
			idx = i + 1
		} else if i := strings.IndexByte(body[1:], '-'); i >= 0 {
			idx = i + 1
		}
	}
	local := false
	digits := body
	if idx >= 0 {
		off := body[idx:]
		if len(off) != 5 || !allDigits(off[1:]) {
			return time.Time{}, false
		}
		local = true
		digits = body[:idx]
	}
	ms, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || ms > 253402300799999 || ms < -62135596800000 {
		return time.Time{}, false
	}
	t := time.UnixMilli(ms).UTC()
	if local {
		t = t.In(time.Local)
	}
	return t, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isoDate is Newtonsoft's DateTimeParser.Parse followed by the zone
// handling of TryParseDateTimeIso.
func isoDate(t []rune, keepOffset bool) (time.Time, bool) {
	end := len(t)
	digit := func(i int) (int, bool) {
		if i >= end || t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		return int(t[i] - '0'), true
	}
	two := func(i int) (int, bool) {
		a, ok1 := digit(i)
		b, ok2 := digit(i + 1)
		return a*10 + b, ok1 && ok2
	}
	four := func(i int) (int, bool) {
		a, ok1 := two(i)
		b, ok2 := two(i + 2)
		return a*100 + b, ok1 && ok2
	}
	char := func(i int, c rune) bool { return i < end && t[i] == c }

	year, ok := four(0)
	if !ok || year < 1 || !char(4, '-') {
		return time.Time{}, false
	}
	month, ok := two(5)
	if !ok || month < 1 || month > 12 || !char(7, '-') {
		return time.Time{}, false
	}
	day, ok := two(8)
	if !ok || day < 1 || day > daysIn(year, month) || !char(10, 'T') {
		return time.Time{}, false
	}
	hour, ok1 := two(11)
	minute, ok2 := two(14)
	second, ok3 := two(17)
	if !ok1 || hour > 24 || !char(13, ':') || !ok2 || minute >= 60 || !char(16, ':') || !ok3 || second >= 60 ||
		(hour == 24 && (minute != 0 || second != 0)) {
		return time.Time{}, false
	}
	pos := 19
	fraction := 0
	if char(pos, '.') {
		n := 0
		for {
			pos++
			if !(pos < end && n < 7) {
				break
			}
			d, ok := digit(pos)
			if !ok {
				break
			}
			fraction = fraction*10 + d
			n++
		}
		if n < 7 {
			if n == 0 {
				return time.Time{}, false
			}
			for ; n < 7; n++ {
				fraction *= 10
			}
		}
		if hour == 24 && fraction != 0 {
			return time.Time{}, false
		}
	}
	// ParseZone
	zone := 0 // 0 unspecified, 1 utc, 2 west (-), 3 east (+)
	zh, zm := 0, 0
	if pos < end {
		ch := t[pos]
		if ch == 'z' || ch == 'Z' {
			zone = 1
			pos++
		} else {
			if pos+2 < end {
				if h, ok := two(pos + 1); ok {
					switch ch {
					case '-':
						zone, zh = 2, h
						pos += 3
					case '+':
						zone, zh = 3, h
						pos += 3
					}
				}
			}
			if pos < end {
				if char(pos, ':') {
					pos++
					if pos+1 < end {
						if m, ok := two(pos); ok {
							zm = m
							pos += 2
						}
					}
				} else if pos+1 < end {
					if m, ok := two(pos); ok {
						zm = m
						pos += 2
					}
				}
			}
		}
	}
	if pos != end {
		return time.Time{}, false
	}
	h := hour
	if h == 24 {
		h = 0
	}
	base := time.Date(year, time.Month(month), day, h, minute, second, fraction*100, time.UTC)
	if hour == 24 {
		base = base.AddDate(0, 0, 1)
	}
	offset := time.Duration(zh)*time.Hour + time.Duration(zm)*time.Minute
	if keepOffset {
		secs := int(offset / time.Second)
		switch zone {
		case 1:
			return base, true
		case 2: // west: -hh:mm
			return base.Add(offset).In(time.FixedZone("", -secs)), true
		case 3: // east: +hh:mm
			return base.Add(-offset).In(time.FixedZone("", secs)), true
		}
		return time.Date(base.Year(), base.Month(), base.Day(), base.Hour(), base.Minute(), base.Second(), base.Nanosecond(), time.Local), true
	}
	switch zone {
	case 1:
		return base, true
	case 2:
		return base.Add(offset).In(time.Local), true
	case 3:
		return base.Add(-offset).In(time.Local), true
	}
	return time.Date(base.Year(), base.Month(), base.Day(), base.Hour(), base.Minute(), base.Second(), base.Nanosecond(), UnspecifiedZone), true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
