package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// isListedEnum reports whether typ is one of the .NET enums whose values convert to an *enumValue
// (the others csemu names either keep their own conversions or take any
// name).
func isListedEnum(typ string) bool {
	switch typ {
	case "System.StringComparison", "System.StringSplitOptions", "System.MidpointRounding", "System.DayOfWeek", "System.DateTimeKind",
		typeNormalizationForm:
		return true
	}
	return false
}

// convertEnum converts v to one of the listed enums as LanguagePrimitives
// does: an enum value of that type as it is, a number by value (a value
// the enum does not define fails), a string by name (any case) or by
// number.
func convertEnum(v any, typ string) (any, error) {
	all := enumNames(typ)
	// an enum whose values are not 0, 1, 2... lists "" for the numbers
	// it does not define
	var names []string
	for _, n := range all {
		if n != "" {
			names = append(names, n)
		}
	}
	bad := func() error {
		s := value.ToString(v)
		return &value.ConversionError{Value: v, Type: typ, Detail: "Unable to match the identifier name " + s +
			" to a valid enumerator name. Specify one of the following enumerator names and try again:\n" + strings.Join(names, ", ")}
	}
	byNumber := func(n int) (any, error) {
		if n < 0 || n >= len(all) || all[n] == "" {
			return nil, &value.RuntimeError{Type: "System.Management.Automation.PSInvalidCastException", Msg: fmt.Sprintf(
				"Cannot convert value \"%s\" to type \"%s\" due to enumeration values that are not valid. Specify one of the following enumeration values and try again. The possible enumeration values are \"%s\".",
				value.ToString(v), typ, strings.Join(names, ","))}
		}
		return &enumValue{typ: typ, name: all[n], n: n}, nil
	}
	switch x := v.(type) {
	case *enumValue:
		if x.typ == typ {
			return x, nil
		}
		return byNumber(x.n)
	case string:
		t := strings.TrimSpace(x)
		for i, n := range all {
			if n != "" && strings.EqualFold(n, t) {
				return &enumValue{typ: typ, name: n, n: i}, nil
			}
		}
		if num, ok := value.ParseNumber(t); ok && t != "" {
			if n, err := value.ToInt(num); err == nil {
				return byNumber(n)
			}
		}
		return nil, bad()
	case nil:
		return nil, &value.ConversionError{Value: nil, Type: typ}
	}
	if value.IsNumber(v) {
		n, err := value.ToInt(v)
		if err != nil {
			return nil, bad()
		}
		return byNumber(n)
	}
	return nil, bad()
}
