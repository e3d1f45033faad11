package cmdlets

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
	"golang.org/x/text/unicode/norm"
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

// namesStringComparison reports whether v is a string naming a
// StringComparison value, which the method binder converts to one.
func namesStringComparison(v any) bool {
	str, ok := v.(string)
	if !ok {
		return false
	}
	for _, n := range comparerNames() {
		if strings.EqualFold(strings.TrimSpace(str), n) {
			return true
		}
	}
	return false
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

// stringSplitOptionsOf reads a System.StringSplitOptions argument: an enum value,
// or a string naming options ("RemoveEmptyEntries, TrimEntries").
func stringSplitOptionsOf(v any) (remove, trim, ok bool) {
	var names []string
	switch x := v.(type) {
	case *enumValue:
		if x.typ != "System.StringSplitOptions" {
			return false, false, false
		}
		names = []string{x.name}
	case string:
		names = strings.Split(x, ",")
	default:
		return false, false, false
	}
	for _, n := range names {
		switch strings.ToLower(strings.TrimSpace(n)) {
		case "none":
		case "removeemptyentries":
			remove = true
		case "trimentries":
			trim = true
		default:
			return false, false, false
		}
	}
	return remove, trim, true
}

// isIntArg reports whether v is an integer argument (a count or an index).
func isIntArg(v any) bool {
	switch v.(type) {
	case int, int64, int32, int16, int8, uint8, uint16, uint32:
		return true
	}
	return false
}

// stringSplit is String.Split with .NET 8's overloads, as PowerShell's
// method binder picks them: (string separator[, count][, options]) with a
// string splitting at the whole string, (char separator...), (char[] or
// string[] separators[, count][, options]), (params char[]), () at white
// space.
func stringSplit(str, name string, args []any) (any, error) {
	rest := args
	remove, trim := false, false
	if n := len(rest); n > 1 {
		if r, t, ok := stringSplitOptionsOf(rest[n-1]); ok {
			remove, trim = r, t
			rest = rest[:n-1]
		}
	}
	count := -1
	if n := len(rest); n == 2 && isIntArg(rest[1]) {
		c, _ := value.ToInt(rest[1])
		if c < 0 {
			return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Count cannot be less than zero. (Parameter 'count')"}
		}
		count = c
		rest = rest[:1]
	}
	var seps []string
	for _, a := range rest {
		switch x := a.(type) {
		case *value.Array:
			for _, it := range x.Items {
				seps = append(seps, value.ToString(it))
			}
		case nil:
		default:
			seps = append(seps, value.ToString(x))
		}
	}
	if len(rest) == 1 && !isArrayArg(rest[0]) && len(seps) == 1 && seps[0] == "" {
		// Split(string) with an empty separator does not split
		seps = nil
		return splitWith(str, nil, false, count, remove, trim), nil
	}
	var nonEmpty []string
	for _, s := range seps {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	return splitWith(str, nonEmpty, len(nonEmpty) == 0, count, remove, trim), nil
}

// isArrayArg reports whether v is an array argument.
func isArrayArg(v any) bool {
	_, ok := v.(*value.Array)
	return ok
}

// splitWith splits str as .NET's String.Split does (SplitWithPostProcessing):
// at each position the first separator that matches (or, with space set,
// any white space), at most count substrings (-1: all) of which the last
// holds the rest of the string, each trimmed when trim is set, empty ones
// dropped when remove is set.
func splitWith(str string, seps []string, space bool, count int, remove, trim bool) *value.Array {
	out := []any{}
	add := func(p string) {
		if trim {
			p = strings.TrimSpace(p)
		}
		if p != "" || !remove {
			out = append(out, p)
		}
	}
	type cut struct{ at, n int }
	var cuts []cut
	if count != 0 && count != 1 {
		for i := 0; i < len(str); {
			r, size := utf8.DecodeRuneInString(str[i:])
			if space {
				if unicode.IsSpace(r) {
					cuts = append(cuts, cut{i, size})
				}
				i += size
				continue
			}
			matched := 0
			for _, sep := range seps {
				if strings.HasPrefix(str[i:], sep) {
					matched = len(sep)
					break
				}
			}
			if matched > 0 {
				cuts = append(cuts, cut{i, matched})
				i += matched
				continue
			}
			i += size
		}
	}
	if count == 0 {
		return &value.Array{Items: out, Elem: value.TString}
	}
	cur := 0
	for i := 0; i < len(cuts); i++ {
		add(str[cur:cuts[i].at])
		cur = cuts[i].at + cuts[i].n
		if count > 0 && len(out) == count-1 {
			if remove {
				// skip the empty entries before the last one
				for i+1 < len(cuts) {
					p := str[cur:cuts[i+1].at]
					if trim {
						p = strings.TrimSpace(p)
					}
					if p != "" {
						break
					}
					i++
					cur = cuts[i].at + cuts[i].n
				}
			}
			break
		}
	}
	add(str[cur:])
	return &value.Array{Items: out, Elem: value.TString}
}

// runeEqual compares two characters, ignoring case when fold is set.
func runeEqual(a, b rune, fold bool) bool {
	return a == b || fold && (unicode.ToUpper(a) == unicode.ToUpper(b) || unicode.ToLower(a) == unicode.ToLower(b))
}

// matchAt reports whether needle occurs in hay at i.
func matchAt(hay, needle []rune, i int, fold bool) bool {
	if i < 0 || i+len(needle) > len(hay) {
		return false
	}
	for j, r := range needle {
		if !runeEqual(hay[i+j], r, fold) {
			return false
		}
	}
	return true
}

// comparisonArgs splits the trailing comparison arguments off a string
// method's arguments: a StringComparison, or (bool ignoreCase, CultureInfo)
// when culture is allowed. def is the overload's default comparison.
func comparisonArgs(args []any, def stringComparison, culture bool, method string) ([]any, stringComparison, error) {
	n := len(args)
	if n > 1 && (isStringComparison(args[n-1]) || namesStringComparison(args[n-1])) {
		m, err := toStringComparison(args[n-1], "comparisonType", method)
		return args[:n-1], m, err
	}
	if culture && n == 3 && isBoolArg(args[1]) && (args[2] == nil || value.TypeName(args[2]) == "System.Globalization.CultureInfo") {
		if value.ToBool(args[1]) {
			return args[:1], cmpCurrentCultureIgnoreCase, nil
		}
		return args[:1], cmpCurrentCulture, nil
	}
	return args, def, nil
}

// stringOverload implements the String methods whose overloads take a
// StringComparison (IndexOf, LastIndexOf, Contains, StartsWith, EndsWith,
// Replace, Equals) and Split; ok is false for the other methods. The
// comparison is ordinal, or ordinal ignoring case for the ignore-case
// ones; the culture-sensitive comparisons match as ordinal ones do for the
// text scripts hold (they differ on ignorable and combining characters).
func stringOverload(str, lname, name string, args []any) (any, bool, error) {
	countErr := func() error {
		return &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	switch lname {
	case "split":
		r, err := stringSplit(str, name, args)
		return r, true, err
	case "equals":
		if len(args) != 2 {
			return nil, false, nil
		}
		rest, m, err := comparisonArgs(args, cmpOrdinal, false, name)
		if err != nil || len(rest) != 1 {
			return nil, true, firstErr(err, countErr())
		}
		if rest[0] == nil {
			return false, true, nil
		}
		return equalStrings(str, value.ToString(rest[0]), m), true, nil
	case "contains", "startswith", "endswith":
		if len(args) == 0 || len(args) > 3 {
			return nil, true, countErr()
		}
		def := cmpCurrentCulture
		_, isChar := args[0].(rune)
		if lname == "contains" || isChar {
			def = cmpOrdinal
		}
		rest, m, err := comparisonArgs(args, def, lname != "contains", name)
		if err != nil {
			return nil, true, err
		}
		if len(rest) != 1 {
			return nil, true, countErr()
		}
		if rest[0] == nil {
			return nil, true, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'value')"}
		}
		hay, needle := []rune(str), []rune(value.ToString(rest[0]))
		fold := m.ignoreCase()
		switch lname {
		case "startswith":
			return matchAt(hay, needle, 0, fold), true, nil
		case "endswith":
			return matchAt(hay, needle, len(hay)-len(needle), fold), true, nil
		}
		for i := 0; i+len(needle) <= len(hay); i++ {
			if matchAt(hay, needle, i, fold) {
				return true, true, nil
			}
		}
		return false, true, nil
	case "replace":
		if len(args) < 2 || len(args) > 4 {
			return nil, true, countErr()
		}
		rest, m := args, cmpOrdinal
		if len(args) == 3 {
			if !isStringComparison(args[2]) && !namesStringComparison(args[2]) {
				return nil, true, countErr()
			}
			var err error
			if m, err = toStringComparison(args[2], "comparisonType", name); err != nil {
				return nil, true, err
			}
			rest = args[:2]
		} else if len(args) == 4 {
			m = cmpCurrentCulture
			if value.ToBool(args[2]) {
				m = cmpCurrentCultureIgnoreCase
			}
			rest = args[:2]
		}
		if rest[0] == nil {
			return nil, true, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'oldValue')"}
		}
		old := value.ToString(rest[0])
		nw := ""
		if rest[1] != nil {
			nw = value.ToString(rest[1])
		}
		if old == "" {
			return nil, true, &methodErr{typ: "System.ArgumentException", msg: "The value cannot be an empty string. (Parameter 'oldValue')"}
		}
		if !m.ignoreCase() {
			return strings.ReplaceAll(str, old, nw), true, nil
		}
		hay, needle := []rune(str), []rune(old)
		var b strings.Builder
		for i := 0; i < len(hay); {
			if matchAt(hay, needle, i, true) {
				b.WriteString(nw)
				i += len(needle)
				continue
			}
			b.WriteRune(hay[i])
			i++
		}
		return b.String(), true, nil
	case "indexofany", "lastindexofany":
		// IndexOfAny(char[] anyOf[, startIndex[, count]]), LastIndexOfAny
		if len(args) == 0 || len(args) > 3 {
			return nil, true, countErr()
		}
		if args[0] == nil {
			return nil, true, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'anyOf')"}
		}
		var set []rune
		for _, it := range value.AsSlice(args[0]) {
			set = append(set, []rune(value.ToString(it))...)
		}
		var nums []int
		for i, a := range args[1:] {
			n, err := value.ToInt(a)
			if err != nil {
				param := "startIndex"
				if i == 1 {
					param = "count"
				}
				return nil, true, argConvErr(param, a, name, value.TInt32, err)
			}
			nums = append(nums, n)
		}
		hay := []rune(str)
		best := -1
		for _, r := range set {
			i, err := searchRunes(hay, []rune{r}, lname == "lastindexofany", nums, false)
			if err != nil {
				return nil, true, err
			}
			if i >= 0 && (best < 0 || (lname == "indexofany") == (i < best)) {
				best = i
			}
		}
		return best, true, nil
	case "indexof", "lastindexof":
		if len(args) == 0 || len(args) > 4 {
			return nil, true, countErr()
		}
		def := cmpCurrentCulture
		if _, isChar := args[0].(rune); isChar {
			def = cmpOrdinal
		}
		rest, m, err := comparisonArgs(args, def, false, name)
		if err != nil {
			return nil, true, err
		}
		if rest[0] == nil {
			return nil, true, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'value')"}
		}
		hay, needle := []rune(str), []rune(value.ToString(rest[0]))
		var nums []int
		for i, a := range rest[1:] {
			n, err := value.ToInt(a)
			if err != nil {
				param := "startIndex"
				if i == 1 {
					param = "count"
				}
				return nil, true, argConvErr(param, a, name, value.TInt32, err)
			}
			nums = append(nums, n)
		}
		if len(nums) > 2 {
			return nil, true, countErr()
		}
		r, err := searchRunes(hay, needle, lname == "lastindexof", nums, m.ignoreCase())
		return r, true, err
	}
	return nil, false, nil
}

// firstErr returns the first error that is not nil.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// searchRunes is IndexOf (or LastIndexOf when last is set) of needle in
// hay, with an optional start index and count (nums), as .NET checks and
// applies them.
func searchRunes(hay, needle []rune, last bool, nums []int, fold bool) (int, error) {
	outOfRange := func(param string) error {
		msg := "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')"
		if param == "count" {
			msg = "Count must be positive and count must refer to a location within the string/array/collection. (Parameter 'count')"
		}
		return &methodErr{typ: "System.ArgumentOutOfRangeException", msg: msg}
	}
	n := len(hay)
	if !last {
		start, count := 0, n
		if len(nums) > 0 {
			start = nums[0]
			if start < 0 || start > n {
				return 0, outOfRange("startIndex")
			}
			count = n - start
		}
		if len(nums) > 1 {
			count = nums[1]
			if count < 0 || start+count > n {
				return 0, outOfRange("count")
			}
		}
		for i := start; i+len(needle) <= start+count; i++ {
			if matchAt(hay, needle, i, fold) {
				return i, nil
			}
		}
		return -1, nil
	}
	start, count := n-1, n
	if len(nums) > 0 {
		start = nums[0]
		if start < 0 && n > 0 || start > n {
			return 0, outOfRange("startIndex")
		}
		if start == n {
			start--
		}
		count = start + 1
	}
	if len(nums) > 1 {
		count = nums[1]
		if count < 0 || start-count+1 < 0 {
			return 0, outOfRange("count")
		}
	}
	if len(needle) == 0 {
		return min(start+1, n), nil
	}
	lo := start - count + 1
	for i := start - len(needle) + 1; i >= lo; i-- {
		if matchAt(hay, needle, i, fold) {
			return i, nil
		}
	}
	return -1, nil
}

// timeSpanScale is TimeSpan.Multiply(double) and Divide(double) (the ticks
// scaled and rounded to even) and Divide(TimeSpan) (the ratio).
func timeSpanScale(d time.Duration, lname, name string, args []any) (any, error) {
	if len(args) != 1 {
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	ticks := float64(d / 100)
	if other, ok := args[0].(time.Duration); ok && lname == "divide" {
		return ticks / float64(other/100), nil
	}
	f, err := value.ToFloat(args[0])
	if err != nil {
		param := "factor"
		if lname == "divide" {
			param = "divisor"
		}
		return nil, argConvErr(param, args[0], name, value.TDouble, err)
	}
	if math.IsNaN(f) {
		return nil, &methodErr{typ: "System.ArgumentException", msg: "TimeSpan does not accept floating point Not-a-Number values."}
	}
	r := ticks * f
	if lname == "divide" {
		r = ticks / f
	}
	r = math.RoundToEven(r)
	if math.IsNaN(r) || r > math.MaxInt64/100 || r < math.MinInt64/100 {
		return nil, &methodErr{typ: "System.OverflowException", msg: "TimeSpan overflowed because the duration is too long."}
	}
	return time.Duration(r) * 100, nil
}

// typeNormalizationForm is System.Text.NormalizationForm.
const typeNormalizationForm = "System.Text.NormalizationForm"

// normalizeString is String.Normalize and IsNormalized, with
// NormalizationForm.FormC unless a form is given.
func normalizeString(str, lname, name string, args []any) (any, error) {
	if len(args) > 1 {
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	form := norm.NFC
	if len(args) == 1 {
		e, err := convertEnum(args[0], typeNormalizationForm)
		if err != nil {
			return nil, argConvErr("normalizationForm", args[0], name, typeNormalizationForm, err)
		}
		switch e.(*enumValue).name {
		case "FormD":
			form = norm.NFD
		case "FormKC":
			form = norm.NFKC
		case "FormKD":
			form = norm.NFKD
		}
	}
	if lname == "isnormalized" {
		return form.IsNormalString(str), nil
	}
	return form.String(str), nil
}
