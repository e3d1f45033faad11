package state

import "strings"

// Equal reports whether two stored values are equal: the same type
// and value, lists and nested objects compared item by item (a nested
// object's property names case-insensitively).
func Equal(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Object:
		y, ok := b.(*Object)
		if !ok || (x == nil) != (y == nil) {
			return false
		}
		if x == nil {
			return true
		}
		if x.Kind != y.Kind || x.Identity != y.Identity || len(x.Props) != len(y.Props) {
			return false
		}
		for i := range x.Props {
			if !strings.EqualFold(x.Props[i].Name, y.Props[i].Name) || !Equal(x.Props[i].Value, y.Props[i].Value) {
				return false
			}
		}
		return true
	}
	switch a.(type) {
	case nil, bool, int64, float64, string:
		switch b.(type) {
		case nil, bool, int64, float64, string:
			return a == b
		}
		return false
	}
	return Text(a) == Text(b) // a value the store would refuse
}
