package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state/netfmt"
)

// This file holds the string conversions the formatter needs. They differ
// from value.ToString, which is PowerShell's *invariant* conversion (casts,
// string expansion):
//
//   - psString is PSObject.ToString() with the current culture (en-US), the
//     form Out-Default and the list/table cells use: doubles with 15
//     significant digits ("G15", so 1/3 is 0.333333333333333 and 0.1+0.2 is
//     0.3), infinities as "∞", [datetime] as "11/22/2026 4:34:37 AM", and
//     values inside "@{...}" converted without unrolling arrays
//     ("@{a=System.Object[]}").
//   - netString is .NET's Object.ToString() with the current culture, used by
//     Export-Csv and DictionaryEntry.ToString: doubles in the shortest
//     round-trip form, arrays as their type name ("System.Object[]").
//   - psInvariant is PowerShell's conversion to [string] (what ConvertTo-Json
//     writes for values nested deeper than -Depth).

// FormatDouble formats f as PowerShell shows a [double] (PSObject.ToString,
// "G15" with the en-US culture): 0.1+0.2 gives "0.3", [math]::PI gives
// "3.14159265358979", 1e15 gives "1E+15".
func FormatDouble(f float64) string { return formatG15(f, false) }

func formatG15(f float64, invariant bool) string {
	if s, ok := specialDouble(f, invariant); ok {
		return s
	}
	return formatGeneral(strconv.FormatFloat(f, 'e', 14, 64), 15)
}

// formatR is .NET Core's double.ToString() / ToString("R"): the shortest
// round-trip digits, in fixed notation unless the decimal exponent is >= 17
// (and beyond the digit count) or the value is below 1E-04: 1e16 is
// "10000000000000000", 1e17 is "1E+17", 0.00001 is "1E-05".
func formatR(f float64, invariant bool) string {
	if s, ok := specialDouble(f, invariant); ok {
		return s
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant := s[:strings.IndexByte(s, 'e')]
	digits := strings.TrimPrefix(strings.Replace(mant, ".", "", 1), "-")
	prec := len(digits)
	if prec < 17 {
		prec = 17 // max(DigitsCount, MaxRoundTripDigits) in .NET Core 3.0+
	}
	return formatGeneral(s, prec)
}

func specialDouble(f float64, invariant bool) (string, bool) {
	switch {
	case math.IsNaN(f):
		return "NaN", true
	case math.IsInf(f, 1):
		if invariant {
			return "Infinity", true
		}
		return "∞", true
	case math.IsInf(f, -1):
		if invariant {
			return "-Infinity", true
		}
		return "-∞", true
	}
	return "", false
}

// formatGeneral lays out the digits of e as .NET's "G" format does.
func formatGeneral(e string, nMax int) string { return netfmt.General(e, nMax) }

// formatF is ToString("F") for the en-US culture: two decimals.
func formatF(f float64) string {
	if s, ok := specialDouble(f, false); ok {
		return s
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

func formatDecimal(d value.Decimal) string { return d.String() }

var (
	dayNames   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	monthNames = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

func hour12(t time.Time) (int, string) {
	h := t.Hour()
	ampm := "AM"
	if h >= 12 {
		ampm = "PM"
	}
	h %= 12
	if h == 0 {
		h = 12
	}
	return h, ampm
}

// dateGeneral is DateTime.ToString() for en-US ("G": M/d/yyyy h:mm:ss tt).
func dateGeneral(t time.Time) string {
	h, ampm := hour12(t)
	return fmt.Sprintf("%d/%d/%04d %d:%02d:%02d %s", int(t.Month()), t.Day(), t.Year(), h, t.Minute(), t.Second(), ampm)
}

// dateLong is the DateTime ETS property (long date + long time, en-US):
// "Sunday, November 22, 2026 4:34:37 AM".
func dateLong(t time.Time) string {
	h, ampm := hour12(t)
	return fmt.Sprintf("%s, %s %d, %04d %d:%02d:%02d %s", dayNames[t.Weekday()], monthNames[t.Month()], t.Day(), t.Year(), h, t.Minute(), t.Second(), ampm)
}

// dateInvariant is DateTime.ToString(InvariantCulture).
func dateInvariant(t time.Time) string { return t.Format(value.DateLayout) }

// arrayTypeName is the .NET type name of an array or list value.
func arrayTypeName(a *value.Array) string {
	elem := "System.Object"
	if a.Elem != "" {
		elem = dotnetTypeName(a.Elem)
	}
	if a.List {
		if a.Elem == "" {
			return "System.Collections.ArrayList"
		}
		return "System.Collections.Generic.List`1[" + elem + "]"
	}
	return elem + "[]"
}

var typeAccelerators = map[string]string{
	"string": "System.String", "int": "System.Int32", "int32": "System.Int32", "long": "System.Int64",
	"int64": "System.Int64", "double": "System.Double", "float": "System.Single", "single": "System.Single",
	"decimal": "System.Decimal", "bool": "System.Boolean", "boolean": "System.Boolean", "char": "System.Char",
	"byte": "System.Byte", "object": "System.Object", "datetime": "System.DateTime", "timespan": "System.TimeSpan",
	"guid": "System.Guid", "hashtable": "System.Collections.Hashtable", "psobject": "System.Management.Automation.PSObject",
	"pscustomobject": "System.Management.Automation.PSObject", "short": "System.Int16", "uint": "System.UInt32",
	"ulong": "System.UInt64", "sbyte": "System.SByte", "ushort": "System.UInt16", "type": "System.Type",
}

func dotnetTypeName(n string) string {
	if t, ok := typeAccelerators[strings.ToLower(n)]; ok {
		return t
	}
	if strings.Contains(n, ".") {
		return n
	}
	return "System." + n
}

func hashtableTypeName(h *value.Hashtable) string {
	if h.Ordered {
		return "System.Collections.Specialized.OrderedDictionary"
	}
	return "System.Collections.Hashtable"
}

type culture int

const (
	current   culture = iota // en-US, PSObject.ToString()
	invariant                // [string] conversion
)

// psString is PSObject.ToString() for the current culture: an array is
// joined with spaces.
func psString(v any) string { return psToString(v, current, true) }

// psInvariant is PowerShell's conversion to [string].
func psInvariant(v any) string { return psToString(v, invariant, true) }

func psToString(v any, c culture, recurse bool) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return formatG15(x, c == invariant)
	case *value.Array:
		if !recurse {
			return arrayTypeName(x)
		}
		parts := make([]string, len(x.Items))
		for i, it := range x.Items {
			if o, ok := it.(*value.Object); ok && o.IsCustom() {
				continue // an item is not recursed into: PSCustomObject.ToString() is ""
			}
			parts[i] = psToString(it, c, false)
		}
		return strings.Join(parts, " ")
	case *value.Object:
		if x.IsCustom() {
			if len(x.Props()) == 0 {
				return "" // an empty PSCustomObject prints as an empty line
			}
			var b strings.Builder
			b.WriteString("@{")
			for i, p := range x.Props() {
				if i > 0 {
					b.WriteString("; ")
				}
				b.WriteString(p.Name)
				b.WriteByte('=')
				b.WriteString(psToString(p.Get(), c, false))
			}
			b.WriteByte('}')
			return b.String()
		}
		if s, ok := x.ToStringValue(); ok {
			return psToString(s, c, false)
		}
		return x.TypeName()
	case time.Time:
		if c == invariant {
			return dateInvariant(x)
		}
		return dateGeneral(x)
	case dictEntry:
		return "[" + netToString(x.Key, c) + ", " + netToString(x.Value, c) + "]"
	case kvPair:
		return "[" + netToString(x.Key, c) + ", " + netToString(x.Value, c) + "]"
	case enumValue:
		return x.name
	}
	return basicString(v)
}

// netString is .NET's Object.ToString() for the current culture.
func netString(v any) string { return netToString(v, current) }

func netToString(v any, c culture) string {
	switch x := v.(type) {
	case float64:
		return formatR(x, c == invariant)
	case float32:
		s, _ := value.FormatValue(x, "")
		return s
	case *value.Array:
		return arrayTypeName(x)
	}
	return psToString(v, c, false)
}

// basicString converts the types whose form does not depend on the culture.
func basicString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case value.Decimal:
		return formatDecimal(x)
	case rune:
		return string(x)
	case *value.Hashtable:
		return hashtableTypeName(x)
	case time.Duration:
		return value.FormatTimeSpan(x)
	case value.Guid:
		return string(x)
	case *value.Type:
		return x.Name
	case value.Formatter:
		return x.PSString()
	case fmt.Stringer:
		return x.String()
	case error:
		return x.Error()
	}
	return value.ToString(v)
}

// smartToString is PSObjectHelper.SmartToString: enumerations are shown as
// "{a, b, c}" (at most $FormatEnumerationLimit items, then "…"); in tables
// built from properties, doubles, singles and decimals use two decimals.
func smartToString(v any, isTable bool) string {
	switch x := v.(type) {
	case nil:
		return ""
	case *value.Array:
		return enumString(x.Items)
	case *value.Hashtable:
		return enumString(hashEntries(x))
	case float64:
		if isTable {
			return formatF(x)
		}
	case float32:
		if isTable {
			return formatF(float64(x))
		}
	case value.Decimal:
		if isTable {
			s, _ := value.FormatValue(x, "F")
			return s
		}
	}
	return psString(v)
}

func enumString(items []any) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, it := range items {
		if i == enumerationLimit {
			b.WriteString(ellipsis)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(objectName(it))
	}
	b.WriteByte('}')
	return b.String()
}

// objectName is PSObjectHelper.GetObjectName: how an item of a collection is
// shown inside "{...}". Types that do not override ToString are shown by a
// "display name" property (name, id, key, *key, *name, *id).
func objectName(x any) string {
	switch v := x.(type) {
	case nil:
		return "$null"
	case *value.Hashtable:
		if r, ok := displayName(v); ok {
			return psString(r)
		}
		return hashtableTypeName(v)
	case *value.Object:
		if v.IsCustom() {
			return psString(v)
		}
		if s, ok := v.ToStringValue(); ok {
			return psString(s)
		}
		if r, ok := displayName(v); ok {
			return psString(r)
		}
		return v.TypeName()
	}
	return psString(x)
}

var displayNamePatterns = []string{"name", "id", "key", "*key", "*name", "*id"}

func displayName(v any) (any, bool) {
	names := propNames(v)
	for _, pat := range displayNamePatterns {
		for _, n := range names {
			if wildcardMatch(pat, n) {
				r, _ := getProp(v, n)
				return r, true
			}
		}
	}
	return nil, false
}
