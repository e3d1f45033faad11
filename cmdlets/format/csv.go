package format

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
)

// QuoteKind is the -UseQuotes parameter of ConvertTo-Csv / Export-Csv.
type QuoteKind int

const (
	// QuoteAlways quotes every field (the default).
	QuoteAlways QuoteKind = iota
	// QuoteAsNeeded quotes fields holding the delimiter, '"' or a new line.
	QuoteAsNeeded
	// QuoteNever quotes nothing.
	QuoteNever
)

// CSVOptions are the parameters of ConvertTo-Csv/Export-Csv and
// ConvertFrom-Csv/Import-Csv.
type CSVOptions struct {
	// Delimiter separates fields; 0 means ','.
	Delimiter rune
	UseQuotes QuoteKind
	// QuoteFields, when set, quotes only these columns (-QuoteFields).
	QuoteFields []string
	// NoHeader leaves out the header line (ConvertTo-Csv -NoHeader).
	NoHeader bool
	// IncludeTypeInformation writes "#TYPE <type name>" first.
	IncludeTypeInformation bool
	// Header gives the column names for FromCSV (-Header); the text then
	// has no header line.
	Header []string
}

func (o CSVOptions) delim() rune {
	if o.Delimiter == 0 {
		return ','
	}
	return o.Delimiter
}

// ToCSV converts objects as ConvertTo-Csv (pwsh 7.4) does and returns the
// lines. The columns are the first object's properties (a hashtable's
// keys); later objects that lack one get an empty, unquoted field, as do
// $null values. Values are converted with .NET's ToString for the en-US
// culture: arrays give "System.Object[]", dates "11/22/2026 4:34:37 AM".
// A value may hold new lines; it is then quoted (except with QuoteNever).
func ToCSV(items []any, o CSVOptions) []string {
	var names []string
	var out []string
	first := true
	d := o.delim()
	var quoteSet map[string]bool
	if o.QuoteFields != nil {
		quoteSet = map[string]bool{}
		for _, q := range o.QuoteFields {
			quoteSet[strings.ToLower(q)] = true
		}
	}
	field := func(b *strings.Builder, name, s string) {
		quote := false
		switch {
		case quoteSet != nil:
			quote = quoteSet[strings.ToLower(name)]
		case o.UseQuotes == QuoteAlways:
			quote = true
		case o.UseQuotes == QuoteAsNeeded:
			quote = strings.ContainsRune(s, d) || strings.ContainsAny(s, "\n\"")
		}
		if !quote {
			b.WriteString(s)
			return
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(s, `"`, `""`))
		b.WriteByte('"')
	}
	for _, it := range items {
		if it == nil {
			continue
		}
		if first {
			first = false
			names = csvPropertyNames(it)
			if o.IncludeTypeInformation {
				out = append(out, csvTypeLine(it))
			}
			if !o.NoHeader {
				var b strings.Builder
				for i, n := range names {
					if i > 0 {
						b.WriteRune(d)
					}
					field(&b, n, n)
				}
				out = append(out, b.String())
			}
		}
		var b strings.Builder
		for i, n := range names {
			if i > 0 {
				b.WriteRune(d)
			}
			v, ok := csvValue(it, n)
			if !ok || v == nil {
				continue
			}
			field(&b, n, netString(v))
		}
		out = append(out, b.String())
	}
	return out
}

// csvPropertyNames is ExportCsvHelper.BuildPropertyNames.
func csvPropertyNames(v any) []string {
	if h, ok := v.(*value.Hashtable); ok {
		names := make([]string, 0, h.Len())
		for _, k := range h.Keys() {
			names = append(names, value.ToString(k))
		}
		return names
	}
	return propNames(v)
}

func csvValue(v any, name string) (any, bool) {
	if h, ok := v.(*value.Hashtable); ok {
		if r, ok := h.Get(name); ok {
			return r, true
		}
	}
	return getProp(v, name)
}

func csvTypeLine(v any) string {
	var t string
	switch x := v.(type) {
	case *value.Object:
		if len(x.TypeNames) == 0 {
			return "#TYPE"
		}
		t = x.TypeNames[0]
	case *value.Hashtable:
		t = hashtableTypeName(x)
	default:
		t = dotnetValueType(v)
	}
	if len(t) >= 4 && strings.EqualFold(t[:4], "CSV:") {
		t = t[4:]
	}
	return "#TYPE " + t
}

// dotnetValueType names the .NET type of a value.
func dotnetValueType(v any) string {
	switch x := v.(type) {
	case nil:
		return "System.Object"
	case dictEntry:
		return "System.Collections.DictionaryEntry"
	case kvPair:
		return x.typ
	}
	return value.TypeName(v)
}

// CSVError is a failure of FromCSV.
type CSVError struct{ Msg string }

func (e *CSVError) Error() string { return e.Msg }

// FromCSV parses CSV text as ConvertFrom-Csv / Import-Csv (pwsh 7.4) do and
// returns PSCustomObjects whose property values are strings (or $null for
// fields missing from a short row). The first line is the header unless
// o.Header is given; a leading "#TYPE name" line sets the objects' type
// names, other header lines starting with '#' are skipped. Empty header
// names become H1, H2...; a duplicate header name is an error ("The member
// "X" is already present."). Blank lines are skipped; quoted fields may
// hold delimiters, doubled quotes and new lines.
func FromCSV(text string, o CSVOptions) ([]any, error) {
	var out []any
	err := EachCSV(text, o, func(obj *value.Object) error {
		out = append(out, obj)
		return nil
	})
	return out, err
}

// EachCSV is FromCSV handing each object to fn as soon as it is read, so
// that the objects of a large text need not all be in memory at once. It
// stops at the first error, of the text or of fn.
func EachCSV(text string, o CSVOptions, fn func(*value.Object) error) error {
	r := &csvReader{s: text, delim: o.delim()}
	header := o.Header
	typeName := ""
	if !r.eof() && r.s[r.i] == '#' {
		line := r.readLine()
		if len(line) >= 5 && strings.EqualFold(line[:5], "#Type") {
			typeName = strings.TrimSpace(line[5:])
		}
	}
	for header == nil && !r.eof() {
		values := r.record()
		for len(values) > 1 && values[len(values)-1] == "" {
			values = values[:len(values)-1]
		}
		switch {
		case len(values) != 0 && strings.HasPrefix(values[0], "#Fields: "):
			values[0] = values[0][9:]
			header = values
		case len(values) != 0 && strings.HasPrefix(values[0], "#"):
			// comment line
		default:
			header = values
		}
	}
	if len(header) > 0 {
		seen := map[string]bool{}
		for _, h := range header {
			if h == "" {
				continue
			}
			k := strings.ToLower(h)
			if seen[k] {
				return &CSVError{fmt.Sprintf("The member \"%s\" is already present.", h)}
			}
			seen[k] = true
		}
	}
	r.width = len(header)
	first := true
	for {
		values := r.record()
		if len(values) == 0 {
			break
		}
		if len(values) == 1 && values[0] == "" {
			continue
		}
		obj := value.NewObject()
		if typeName != "" {
			obj.TypeNames = []string{typeName, "CSV:" + typeName}
		}
		unspecified := 1
		for i, name := range header {
			if name == "" {
				name = "H" + strconv.Itoa(unspecified)
				unspecified++
			}
			var v any
			if i < len(values) {
				v = values[i]
			}
			// A generated name such as H1 can clash with a real header;
			// every row has the same names, so the first row tells.
			if first {
				if _, dup := obj.Prop(name); dup {
					return &CSVError{fmt.Sprintf("The member \"%s\" is already present.", name)}
				}
			}
			obj.Set(name, v)
		}
		first = false
		if err := fn(obj); err != nil {
			return err
		}
	}
	return nil
}

// csvReader reads text rune by rune (an invalid byte reads as U+FFFD).
type csvReader struct {
	s     string
	i     int // byte offset
	delim rune
	width int // fields expected per record
}

// next returns the next rune; the caller checks eof first.
func (r *csvReader) next() rune {
	if c := r.s[r.i]; c < utf8.RuneSelf {
		r.i++
		return rune(c)
	}
	ch, n := utf8.DecodeRuneInString(r.s[r.i:])
	r.i += n
	return ch
}

func (r *csvReader) eof() bool { return r.i >= len(r.s) }

// peek reports whether the next rune is c, which is ASCII.
func (r *csvReader) peek(c rune) bool { return !r.eof() && rune(r.s[r.i]) == c }

func (r *csvReader) readLine() string {
	start := r.i
	for !r.eof() && r.s[r.i] != '\n' && r.s[r.i] != '\r' {
		r.i++
	}
	line := strings.Clone(r.s[start:r.i])
	if r.peek('\r') {
		r.i++
	}
	if r.peek('\n') {
		r.i++
	}
	return line
}

// newLine consumes a line break starting with c (already read).
func (r *csvReader) newLine(c rune) (string, bool) {
	switch c {
	case '\r':
		if r.peek('\n') {
			r.i++
			return "\r\n", true
		}
		return "\r", true
	case '\n':
		return "\n", true
	}
	return "", false
}

// record is ImportCsvHelper.ParseNextRecord.
func (r *csvReader) record() []string {
	var result []string
	if r.width > 0 {
		result = make([]string, 0, r.width)
	}
	var cur strings.Builder
	quoted := false
	for !r.eof() {
		if !quoted && cur.Len() == 0 && r.delim < utf8.RuneSelf {
			// Fast path: a field of plain ASCII up to the delimiter or
			// the line end is that text as it is.
			d := byte(r.delim)
			j := r.i
			for j < len(r.s) {
				if c := r.s[j]; c == d || c == '\n' || c == '\r' || c == '"' || c == ' ' || c == '\t' || c >= utf8.RuneSelf {
					break
				}
				j++
			}
			if j == len(r.s) {
				if j > r.i {
					result = append(result, r.s[r.i:j])
				}
				r.i = j
				return result
			}
			if c := r.s[j]; c == d || c == '\n' || c == '\r' {
				result = append(result, r.s[r.i:j])
				r.i = j + 1
				if c == d {
					continue
				}
				r.newLine(rune(c))
				return result
			}
		}
		ch := r.next()
		switch {
		case ch == r.delim:
			if quoted {
				cur.WriteRune(ch)
			} else {
				result = append(result, cur.String())
				cur.Reset()
			}
		case ch == '"':
			switch {
			case quoted:
				if r.peek('"') {
					r.i++
					cur.WriteByte('"')
					continue
				}
				quoted = false
				end := r.tillDelimiter(&cur, true)
				result = append(result, cur.String())
				cur.Reset()
				if end {
					return result
				}
			case cur.Len() == 0:
				quoted = true
			default:
				cur.WriteRune(ch)
				end := r.tillDelimiter(&cur, false)
				result = append(result, cur.String())
				cur.Reset()
				if end {
					return result
				}
			}
		case ch == ' ' || ch == '\t':
			switch {
			case quoted:
				cur.WriteRune(ch)
			case cur.Len() == 0:
				// leading blanks are ignored
			default:
				cur.WriteRune(ch)
				end := r.tillDelimiter(&cur, true)
				result = append(result, cur.String())
				cur.Reset()
				if end {
					return result
				}
			}
		default:
			if nl, ok := r.newLine(ch); ok {
				if quoted {
					cur.WriteString(nl)
					continue
				}
				result = append(result, cur.String())
				return result
			}
			cur.WriteRune(ch)
		}
	}
	if cur.Len() != 0 {
		result = append(result, cur.String())
	}
	return result
}

// tillDelimiter is ImportCsvHelper.ReadTillNextDelimiter: it appends the
// text up to the next delimiter or line end (dropping it when it is all
// blanks and eatBlanks is set) and reports whether the record ended.
func (r *csvReader) tillDelimiter(cur *strings.Builder, eatBlanks bool) bool {
	var tmp strings.Builder
	nonBlank := false
	end := false
	for {
		if r.eof() {
			end = true
			break
		}
		ch := r.next()
		if ch == r.delim {
			break
		}
		if _, ok := r.newLine(ch); ok {
			end = true
			break
		}
		tmp.WriteRune(ch)
		if ch != ' ' && ch != '\t' {
			nonBlank = true
		}
	}
	if eatBlanks && !nonBlank {
		cur.WriteString(strings.TrimSpace(tmp.String()))
	} else {
		cur.WriteString(tmp.String())
	}
	return end
}
