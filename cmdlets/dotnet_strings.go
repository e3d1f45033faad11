package cmdlets

import (
	"strings"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
)

// stringComparison is a System.StringComparison value.
type stringComparison int

// The System.StringComparison values, in the enum's order.
const (
	cmpCurrentCulture stringComparison = iota
	cmpCurrentCultureIgnoreCase
	cmpInvariantCulture
	cmpInvariantCultureIgnoreCase
	cmpOrdinal
	cmpOrdinalIgnoreCase
)

// ignoreCase reports whether the comparison ignores case.
func (m stringComparison) ignoreCase() bool { return m%2 == 1 }

// ordinal reports whether the comparison is by code unit.
func (m stringComparison) ordinal() bool { return m >= cmpOrdinal }

// toStringComparison converts a method argument to a StringComparison as
// PowerShell's method binder does (an enum value, a name, a number).
func toStringComparison(v any, param, method string) (stringComparison, error) {
	e, err := convertEnum(v, "System.StringComparison")
	if err != nil {
		return 0, argConvErr(param, v, method, "System.StringComparison", err)
	}
	return stringComparison(e.(*enumValue).n), nil
}

// isStringComparison reports whether v is a StringComparison value (the
// argument that picks an overload taking one).
func isStringComparison(v any) bool {
	e, ok := v.(*enumValue)
	return ok && e.typ == "System.StringComparison"
}

// compareStrings is String.Compare(a, b, comparisonType): -1, 0 or 1 for
// the culture comparisons (the current culture and the invariant one are
// both CLDR root collation), the difference of code units for Ordinal.
func compareStrings(a, b string, m stringComparison) int {
	switch m {
	case cmpOrdinal:
		return value.CompareOrdinal(a, b)
	case cmpOrdinalIgnoreCase:
		return value.CompareOrdinal(upperInvariant(a), upperInvariant(b))
	}
	return value.CompareStrings(a, b, !m.ignoreCase())
}

// equalStrings is String.Equals(a, b, comparisonType).
func equalStrings(a, b string, m stringComparison) bool {
	switch m {
	case cmpOrdinal:
		return a == b
	case cmpOrdinalIgnoreCase:
		return upperInvariant(a) == upperInvariant(b)
	}
	return compareStrings(a, b, m) == 0
}

// upperInvariant maps each character to its simple upper case, as
// OrdinalIgnoreCase comparisons do.
func upperInvariant(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('a' <= c && c <= 'z') {
			return strings.Map(unicode.ToUpper, s)
		}
	}
	return s
}

// compareNullable orders two string arguments of String.Compare, where
// null is before every string.
func compareNullable(a, b any, m stringComparison) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	r := compareStrings(value.ToString(a), value.ToString(b), m)
	if m.ordinal() {
		return r
	}
	return sign(r)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// stringCompareStatic is [string]::Compare with its overloads (strA, strB),
// (strA, strB, ignoreCase), (strA, strB, comparisonType), (strA, strB,
// ignoreCase, culture).
func stringCompareStatic(c *staticCall) (any, error) {
	m := cmpCurrentCulture
	switch len(c.args) {
	case 2:
	case 3:
		if isStringComparison(c.args[2]) {
			var err error
			if m, err = toStringComparison(c.args[2], "comparisonType", "Compare"); err != nil {
				return nil, err
			}
		} else if value.ToBool(c.args[2]) {
			m = cmpCurrentCultureIgnoreCase
		}
	case 4:
		if value.TypeName(c.args[3]) != "System.Globalization.CultureInfo" || !isBoolArg(c.args[2]) {
			return nil, &methodErr{typ: "NotImplemented", msg: "[string]::Compare() with these arguments"}
		}
		if value.ToBool(c.args[2]) {
			m = cmpCurrentCultureIgnoreCase
		}
	default:
		if len(c.args) >= 5 {
			return nil, &methodErr{typ: "NotImplemented", msg: "[string]::Compare() of substrings"}
		}
		return nil, c.wantArgs(2, 3, 4)
	}
	return compareNullable(c.args[0], c.args[1], m), nil
}

// isBoolArg reports whether v is a bool argument.
func isBoolArg(v any) bool {
	_, ok := v.(bool)
	return ok
}

// stringCompareOrdinal is [string]::CompareOrdinal(strA, strB): the
// difference of the first code units that differ.
func stringCompareOrdinal(c *staticCall) (any, error) {
	if len(c.args) != 2 {
		if len(c.args) == 5 {
			return nil, &methodErr{typ: "NotImplemented", msg: "[string]::CompareOrdinal() of substrings"}
		}
		return nil, c.wantArgs(2)
	}
	return compareNullable(c.args[0], c.args[1], cmpOrdinal), nil
}
