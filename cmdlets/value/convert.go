package value

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/netfmt"
)

// DateLayout is the invariant-culture layout PowerShell uses when it turns a
// [datetime] into a string ("11/22/2026 04:34:37").
const DateLayout = "01/02/2006 15:04:05"

// ToString converts v to a string the way PowerShell does for casts and
// string expansion (invariant culture, arrays joined by a space).
func ToString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		if v {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return FormatFloat(v)
	case Decimal:
		return v.String()
	case rune:
		return string(v)
	case int8:
		return strconv.Itoa(int(v))
	case uint8:
		return strconv.Itoa(int(v))
	case int16:
		return strconv.Itoa(int(v))
	case uint16:
		return strconv.Itoa(int(v))
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float32:
		return FormatSingle(v)
	case *big.Int:
		return v.String()
	case *Array:
		var b strings.Builder
		for i, it := range v.Items {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(ToString(it))
		}
		return b.String()
	case *Hashtable:
		if v.Dict != nil {
			// Type.ToString: "...Dictionary`2[System.String,System.Int32]"
			return v.Dict.Base + "`2[" + v.Dict.Key.Name + "," + v.Dict.Value.Name + "]"
		}
		if v.Ordered {
			return "System.Collections.Specialized.OrderedDictionary"
		}
		return "System.Collections.Hashtable"
	case *Object:
		if v.IsCustom() {
			return ObjectString(v)
		}
		if s, ok := v.ToStringValue(); ok {
			return ToString(s)
		}
		return v.TypeName()
	case time.Time:
		return v.Format(DateLayout)
	case time.Duration:
		return FormatTimeSpan(v)
	case Guid:
		return string(v)
	case *Type:
		return v.Name
	case Formatter:
		return v.PSString()
	case fmt.Stringer:
		return v.String()
	case error:
		return v.Error()
	}
	return fmt.Sprint(v)
}

// ObjectString is the "@{a=1; b=2}" form of a PSCustomObject.
func ObjectString(o *Object) string {
	var b strings.Builder
	b.WriteString("@{")
	for i, p := range o.props {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Name)
		b.WriteByte('=')
		b.WriteString(ToString(p.Get()))
	}
	b.WriteByte('}')
	return b.String()
}

// FormatFloat formats a double as PowerShell turns it into a string (see
// [netfmt.Float]): 0.1+0.2 is "0.3" and [math]::PI is "3.14159265358979".
func FormatFloat(f float64) string { return netfmt.Float(f) }

// FormatTimeSpan formats a duration as [timespan] does: [-][d.]hh:mm:ss[.fffffff].
func FormatTimeSpan(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	h := d / time.Hour
	d -= h * time.Hour
	m := d / time.Minute
	d -= m * time.Minute
	s := d / time.Second
	d -= s * time.Second
	ticks := d / 100
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if days > 0 {
		fmt.Fprintf(&b, "%d.", days)
	}
	fmt.Fprintf(&b, "%02d:%02d:%02d", h, m, s)
	if ticks > 0 {
		fmt.Fprintf(&b, ".%07d", ticks)
	}
	return b.String()
}

// ToBool is PowerShell truthiness.
func ToBool(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case int:
		return v != 0
	case int64:
		return v != 0
	case float64:
		return v != 0
	case Decimal:
		return !v.IsZero()
	case rune:
		return v != 0
	case int8, uint8, int16, uint16, uint32, uint64, float32:
		f, _ := toFloat(v)
		return f != 0
	case *big.Int:
		return v.Sign() != 0
	case Numberer:
		// an enum value is true when its number is not 0
		return ToBool(v.PSNumber())
	case *Array:
		switch len(v.Items) {
		case 0:
			return false
		case 1:
			if inner, ok := v.Items[0].(*Array); ok {
				return len(inner.Items) > 0
			}
			return ToBool(v.Items[0])
		}
		return true
	}
	return true
}

// IsNumber reports whether v is a numeric value.
func IsNumber(v any) bool {
	c := codeOf(v)
	return c >= cChar
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case float64:
		return v, true
	case Decimal:
		return v.Float64(), true
	case rune:
		return float64(v), true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	case int8:
		return float64(v), true
	case uint8:
		return float64(v), true
	case int16:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float32:
		return float64(v), true
	case *big.Int:
		return bigFloat(v), true
	}
	return 0, false
}

// ParseNumber parses PowerShell number text (see [parser.ParseNumber]) into
// a number of the type its suffix or size gives.
func ParseNumber(s string) (any, bool) {
	n, ok := parser.ParseNumber(s)
	if !ok {
		return nil, false
	}
	return FromLiteral(n, s), true
}

// FromLiteral turns a parsed number literal with its text into a value: a
// [decimal] is read from the text, which holds every digit (the parsed
// number has a double's).
func FromLiteral(n parser.Number, text string) any {
	if n.Kind == parser.Decimal {
		if d, ok := decimalLiteral(text); ok {
			return d
		}
	}
	return FromNumber(n)
}

// FromNumber turns a parsed literal into a value. A [decimal] has only
// the precision of a double here; FromLiteral reads it exactly.
func FromNumber(n parser.Number) any {
	switch n.Kind {
	case parser.Int32:
		return int(n.Int)
	case parser.Int64:
		return n.Int
	case parser.Decimal:
		d, err := DecimalFromFloat64(n.Float)
		if err != nil {
			return n.Float
		}
		return d
	case parser.SByte:
		return int8(n.Int)
	case parser.Byte:
		return uint8(n.Int)
	case parser.Int16:
		return int16(n.Int)
	case parser.UInt16:
		return uint16(n.Int)
	case parser.UInt32:
		return uint32(n.Int)
	case parser.UInt64:
		return n.Uint
	case parser.BigInt:
		return n.Big
	}
	return n.Float
}

// NarrowInt returns n as an int when it fits Int32, else as an int64.
func NarrowInt(n int64) any {
	if n >= math.MinInt32 && n <= math.MaxInt32 {
		return int(n)
	}
	return n
}

// ToNumber converts v to a number for arithmetic. It returns false when v
// is a string that is not a number or a value with no numeric form.
func ToNumber(v any) (any, bool) {
	switch v := v.(type) {
	case nil:
		return 0, true
	case int, int64, float64, Decimal, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int:
		return v, true
	case rune:
		return int(v), true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	case string:
		if strings.TrimSpace(v) == "" {
			return 0, true
		}
		return ParseNumber(v)
	case *Array:
		if len(v.Items) == 1 {
			return ToNumber(v.Items[0])
		}
	case Numberer:
		return v.PSNumber(), true
	}
	return nil, false
}

// ToInt converts v to an int with .NET's rounding (to even).
func ToInt(v any) (int, error) {
	if i, ok := v.(int); ok {
		return i, nil
	}
	n, ok := ToNumber(v)
	if !ok {
		return 0, convErr(v, TInt32)
	}
	r, err := toIntType(v, n, TInt32)
	if err != nil {
		return 0, err
	}
	return r.(int), nil
}

// ToInt64 converts v to an int64 with .NET's rounding (to even).
func ToInt64(v any) (int64, error) {
	n, ok := ToNumber(v)
	if !ok {
		return 0, convErr(v, TInt64)
	}
	switch n := n.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	}
	r, err := toIntType(v, n, TInt64)
	if err != nil {
		return 0, err
	}
	return r.(int64), nil
}

// ToFloat converts v to a float64.
func ToFloat(v any) (float64, error) {
	n, ok := ToNumber(v)
	if !ok {
		return 0, convErr(v, "System.Double")
	}
	f, _ := toFloat(n)
	return f, nil
}

// ConversionError is a failed PowerShell conversion.
type ConversionError struct {
	Value  any
	Type   string
	Detail string
}

func (e *ConversionError) Error() string {
	if e.Value == nil {
		return fmt.Sprintf("Cannot convert null to type \"%s\".", e.Type)
	}
	d := e.Detail
	if d == "" {
		d = "Input string was not in a correct format."
		if _, ok := e.Value.(string); ok {
			d = fmt.Sprintf("The input string '%s' was not in a correct format.", e.Value)
		}
	}
	// PowerShell quotes the texts as they are, without escaping
	return fmt.Sprintf("Cannot convert value \"%s\" to type \"%s\". Error: \"%s\"", ToString(e.Value), e.Type, d)
}

func convErr(v any, typ string) error { return &ConversionError{Value: v, Type: typ} }

func convErrText(v any, typ, detail string) error {
	return &ConversionError{Value: v, Type: typ, Detail: detail}
}

// AsSlice returns the items of an enumerable value, or v alone. $null gives
// no items.
func AsSlice(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case *Array:
		return v.Items
	}
	return []any{v}
}

// Unwrap returns nil for an empty array, the item of a one-item array, and v
// otherwise: the way a pipeline's output is assigned to a variable.
func Unwrap(items []any) any {
	switch len(items) {
	case 0:
		return nil
	case 1:
		return items[0]
	}
	return &Array{Items: items}
}

// IsEnumerable reports whether PowerShell unrolls v in a pipeline.
func IsEnumerable(v any) bool {
	_, ok := v.(*Array)
	return ok
}

// EqualFoldRunes compares two strings case-insensitively by rune.
func EqualFoldRunes(a, b string) bool { return strings.EqualFold(a, b) }

// CompareStrings orders two strings by culture (see [Collation]),
// case-insensitively unless cs is set, returning -1, 0 or 1.
func CompareStrings(a, b string, cs bool) int {
	var c *Collation
	return c.Compare(a, b, cs)
}

// CompareOrdinal is String.CompareOrdinal: the difference of the first
// UTF-16 code units that differ, else of the lengths.
func CompareOrdinal(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}
