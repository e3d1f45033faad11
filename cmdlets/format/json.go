package format

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
)

// JSONOptions are the parameters of ConvertTo-Json.
type JSONOptions struct {
	// Depth is -Depth. 0 means the default, 2; a negative value means a
	// real depth of 0 (only the top-level object's members are written, as
	// strings when they are objects).
	Depth          int
	Compress       bool
	EnumsAsStrings bool
	AsArray        bool
	// EscapeHandling is Newtonsoft's StringEscapeHandling: "" or "Default"
	// escapes control characters only, "EscapeNonAscii" also every
	// character past ASCII, "EscapeHtml" also < > & ' ".
	EscapeHandling string
}

// jsonMaxDepthWarning is WebCmdletStrings.JsonMaxDepthReached.
const jsonMaxDepthWarning = "Resulting JSON is truncated as serialization has exceeded the set depth of %d."

// ToJSON converts v as ConvertTo-Json (pwsh 7.4, Newtonsoft.Json) does,
// with its layout: two-space indentation, "key": value, [] and {} for empty
// collections. A *value.Array is written as a JSON array (pass the
// pipeline's objects as one *value.Array when there are several). Objects
// nested deeper than Depth are written as their string form, with the
// warning returned once.
func ToJSON(v any, o JSONOptions) (string, []string, error) {
	depth := o.Depth
	switch {
	case depth == 0:
		depth = 2
	case depth < 0:
		depth = 0
	case depth > 100:
		depth = 100 // ConvertTo-Json validates -Depth to 0..100
	}
	if o.AsArray {
		if _, ok := v.(*value.Array); !ok {
			v = value.NewArray(v)
		}
	}
	j := &jsonWriter{maxDepth: depth, indent: !o.Compress, enumsAsStrings: o.EnumsAsStrings, escape: strings.ToLower(o.EscapeHandling)}
	if err := j.value(v, 0, 0); err != nil {
		return "", nil, err
	}
	var warns []string
	if j.truncated {
		warns = append(warns, fmt.Sprintf(jsonMaxDepthWarning, depth))
	}
	return j.b.String(), warns, nil
}

type jsonWriter struct {
	b              strings.Builder
	maxDepth       int
	indent         bool
	enumsAsStrings bool
	escape         string // lower-case EscapeHandling
	truncated      bool
	visits         int
}

// member is one name/value pair of a JSON object.
type member struct {
	name string
	val  any
}

func (j *jsonWriter) newline(level int) {
	if j.indent {
		j.b.WriteByte('\n')
		j.b.WriteString(strings.Repeat("  ", level))
	}
}

// value writes v, found at depth (JsonObject.ProcessValue), indented at
// level.
func (j *jsonWriter) value(v any, depth, level int) error {
	j.visits++
	if j.visits > 10000000 {
		return fmt.Errorf("the object is too large to be serialized to JSON")
	}
	switch x := v.(type) {
	case nil:
		j.b.WriteString("null")
		return nil
	case string:
		j.str(x)
		return nil
	case rune:
		j.str(string(x))
		return nil
	case bool:
		if x {
			j.b.WriteString("true")
		} else {
			j.b.WriteString("false")
		}
		return nil
	case int:
		j.b.WriteString(strconv.Itoa(x))
		return nil
	case int64:
		j.b.WriteString(strconv.FormatInt(x, 10))
		return nil
	case int8, uint8, int16, uint16, uint32, uint64, *big.Int:
		j.b.WriteString(value.ToString(x))
		return nil
	case float64:
		j.b.WriteString(jsonDouble(x))
		return nil
	case float32:
		s, _ := value.FormatValue(x, "R")
		switch s {
		case "NaN", "Infinity", "-Infinity", "∞", "-∞":
			j.b.WriteString(jsonDouble(float64(x)))
		default:
			j.b.WriteString(ensureDecimalPlace(s))
		}
		return nil
	case value.Decimal:
		j.b.WriteString(ensureDecimalPlace(formatDecimal(x)))
		return nil
	case time.Time:
		j.b.WriteByte('"')
		j.b.WriteString(jsonDate(x))
		j.b.WriteByte('"')
		return nil
	case value.Guid:
		j.str(string(x))
		return nil
	case enumValue:
		if j.enumsAsStrings {
			j.str(x.name)
		} else {
			j.b.WriteString(strconv.Itoa(x.num))
		}
		return nil
	case *value.Type:
		j.str(x.Name)
		return nil
	}
	if depth > j.maxDepth {
		j.truncated = true
		j.str(psInvariant(v))
		return nil
	}
	switch x := v.(type) {
	case *value.Array:
		if len(x.Items) == 0 {
			j.b.WriteString("[]")
			return nil
		}
		j.b.WriteByte('[')
		for i, it := range x.Items {
			if i > 0 {
				j.b.WriteByte(',')
			}
			j.newline(level + 1)
			if err := j.value(it, depth+1, level+1); err != nil {
				return err
			}
		}
		j.newline(level)
		j.b.WriteByte(']')
		return nil
	case *value.Hashtable:
		var ms []member
		keys, vals := x.Keys(), x.Values()
		for i, k := range keys {
			s, ok := k.(string)
			if !ok {
				return fmt.Errorf("The type '%s' is not supported for serialization or deserialization of a dictionary. Keys must be strings.", hashtableTypeName(x))
			}
			ms = append(ms, member{s, vals[i]})
		}
		return j.object(ms, depth, level)
	case *value.Object:
		var ms []member
		for _, p := range x.Props() {
			ms = append(ms, member{p.Name, p.Get()})
		}
		return j.object(ms, depth, level)
	case time.Duration:
		var ms []member
		for _, n := range spanAdapted {
			r, _ := spanProp(x, strings.ToLower(n))
			ms = append(ms, member{n, r})
		}
		return j.object(ms, depth, level)
	case dictEntry:
		return j.object([]member{{"Key", x.Key}, {"Value", x.Value}}, depth, level)
	case kvPair:
		return j.object([]member{{"Key", x.Key}, {"Value", x.Value}}, depth, level)
	}
	j.str(psInvariant(v))
	return nil
}

func (j *jsonWriter) object(ms []member, depth, level int) error {
	if len(ms) == 0 {
		j.b.WriteString("{}")
		return nil
	}
	j.b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			j.b.WriteByte(',')
		}
		j.newline(level + 1)
		j.str(m.name)
		j.b.WriteByte(':')
		if j.indent {
			j.b.WriteByte(' ')
		}
		if err := j.value(m.val, depth+1, level+1); err != nil {
			return err
		}
	}
	j.newline(level)
	j.b.WriteByte('}')
	return nil
}

// jsonDouble is Newtonsoft's JsonConvert.ToString(double): the round-trip
// form with ".0" added to integral values; NaN and infinities as strings.
func jsonDouble(f float64) string {
	s := formatR(f, true)
	switch s {
	case "NaN", "Infinity", "-Infinity":
		return `"` + s + `"`
	}
	return ensureDecimalPlace(s)
}

func ensureDecimalPlace(s string) string {
	if strings.ContainsAny(s, ".eE") {
		return s
	}
	return s + ".0"
}

// jsonDate is Newtonsoft's ISO 8601 date: yyyy-MM-ddTHH:mm:ss, then the
// fraction of a second without trailing zeros, then "Z" for a UTC date, the
// offset for any other zone, and nothing for UnspecifiedZone.
func jsonDate(t time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%04d-%02d-%02dT%02d:%02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second())
	if frac := t.Nanosecond() / 100; frac != 0 {
		s := fmt.Sprintf("%07d", frac)
		b.WriteByte('.')
		b.WriteString(strings.TrimRight(s, "0"))
	}
	switch dateKind(t) {
	case "Utc":
		b.WriteByte('Z')
	case "Local":
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign = '-'
			off = -off
		}
		fmt.Fprintf(&b, "%c%02d:%02d", sign, off/3600, off/60%60)
	}
	return b.String()
}

// writeJSONString writes s quoted and escaped as Newtonsoft's default
// StringEscapeHandling does: control characters, '"', '\\', U+0085, U+2028
// and U+2029; everything else (', <, >, non-ASCII) is kept.
// str writes a JSON string with the writer's escaping.
func (j *jsonWriter) str(s string) { writeJSONStringEscaped(&j.b, s, j.escape) }

func writeJSONString(b *strings.Builder, s string) { writeJSONStringEscaped(b, s, "") }

// writeJSONStringEscaped writes s as a JSON string with Newtonsoft's
// escaping: escape is "escapenonascii", "escapehtml" or "" (Default).
func writeJSONStringEscaped(b *strings.Builder, s, escape string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if escape == "escapehtml" && strings.ContainsRune(`<>&'"`, r) || escape == "escapenonascii" && r > 0x7f {
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(b, `\u%04x`, u)
			}
			continue
		}
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case 0x85, 0x2028, 0x2029:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}
