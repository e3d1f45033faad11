package value

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"
)

// RuntimeError is an error of an operator or conversion, with the .NET
// exception type it stands for ("System.Management.Automation.RuntimeException").
type RuntimeError struct {
	Type string
	Msg  string
	// ID is the error record's FullyQualifiedErrorId when it is not the
	// default for Type.
	ID string
}

func (e *RuntimeError) Error() string { return e.Msg }

func rtErr(format string, args ...any) error {
	return &RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf(format, args...)}
}

// TypeName returns the .NET full type name of v, as $v.GetType().FullName.
func TypeName(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case bool:
		return "System.Boolean"
	case int:
		return "System.Int32"
	case int64:
		return "System.Int64"
	case float64:
		return "System.Double"
	case Decimal:
		return "System.Decimal"
	case string:
		return "System.String"
	case rune:
		return "System.Char"
	case int8:
		return TSByte
	case uint8:
		return TByte
	case int16:
		return TInt16
	case uint16:
		return TUInt16
	case uint32:
		return TUInt32
	case uint64:
		return TUInt64
	case float32:
		return TSingle
	case *big.Int:
		return TBigInt
	case *Array:
		if v.List {
			switch {
			case v.Kind == "set":
				return "System.Collections.Generic.HashSet`1[[" + v.Elem + "]]"
			case v.Kind == "queue":
				return "System.Collections.Generic.Queue`1[[" + v.Elem + "]]"
			case v.Kind == "stack":
				return "System.Collections.Generic.Stack`1[[" + v.Elem + "]]"
			case v.Kind == "collection":
				return TCollection + "`1[[" + v.Elem + "]]"
			case v.Elem == "":
				return "System.Collections.ArrayList"
			}
			return "System.Collections.Generic.List`1[[" + v.Elem + "]]"
		}
		if v.Kind == "groups" {
			return "System.Text.RegularExpressions.GroupCollection"
		}
		if v.Elem != "" {
			return v.Elem + "[]"
		}
		return "System.Object[]"
	case *Hashtable:
		if v.Dict != nil {
			return v.Dict.Name()
		}
		if v.Ordered {
			return "System.Collections.Specialized.OrderedDictionary"
		}
		return "System.Collections.Hashtable"
	case *Object:
		return v.TypeName()
	case time.Time:
		return "System.DateTime"
	case time.Duration:
		return "System.TimeSpan"
	case Guid:
		return "System.Guid"
	case *Type:
		return "System.RuntimeType"
	case TypeNamer:
		return v.PSTypeName()
	}
	return "System.Object"
}

// ShortTypeName returns the type name without its namespace, as GetType().Name.
func ShortTypeName(v any) string {
	n := TypeName(v)
	if i := strings.LastIndexAny(n, ".+"); i >= 0 && !strings.Contains(n, "[") {
		return n[i+1:]
	}
	switch v := v.(type) {
	case *Array:
		if v.List {
			if v.Elem == "" {
				return "ArrayList"
			}
			return "List`1"
		}
		return "Object[]"
	}
	return n
}

// numbersFor converts both operands to numbers; the left one decides how a
// string on the right is read.
func numbersFor(op string, a, b any) (any, any, error) {
	na, ok := ToNumber(a)
	if !ok {
		return nil, nil, &ConversionError{Value: a, Type: "System.Int32"}
	}
	nb, ok := ToNumber(b)
	if !ok {
		t := TypeName(na)
		if codeOf(na) <= cChar {
			t = "System.Int32"
		}
		return nil, nil, &ConversionError{Value: b, Type: t}
	}
	return na, nb, nil
}

// Arith applies + - * / % to two values with PowerShell's rules.
func Arith(op string, a, b any) (any, error) {
	if x, ok := a.(int); ok {
		if y, ok := b.(int); ok {
			return int32Arith(op, int64(x), int64(y))
		}
	}
	switch l := a.(type) {
	case nil:
		if op == "+" {
			return b, nil
		}
		if op == "-" || op == "*" || op == "/" || op == "%" {
			if b == nil {
				return nil, nil
			}
			a = 0
		}
	case rune:
		if op == "+" {
			// a [char] on the left concatenates, as a string does
			return string(l) + ToString(b), nil
		}
	case string:
		switch op {
		case "+":
			return l + ToString(b), nil
		case "*":
			return multiplyString(l, b)
		}
		if _, ok := ToNumber(l); !ok {
			return nil, rtErr("Method invocation failed because [System.String] does not contain a method named 'op_%s'.", opName(op))
		}
	case *Array:
		switch op {
		case "+":
			items := make([]any, 0, len(l.Items)+1)
			items = append(items, l.Items...)
			if r, ok := b.(*Array); ok {
				items = append(items, r.Items...)
			} else {
				items = append(items, b)
			}
			return &Array{Items: items}, nil
		case "*":
			return multiplyArray(l, b)
		}
		return nil, rtErr("Method invocation failed because [System.Object[]] does not contain a method named 'op_%s'.", opName(op))
	case *Hashtable:
		if op == "+" {
			r, ok := b.(*Hashtable)
			if !ok {
				return nil, rtErr("A hash table can only be added to another hash table.")
			}
			out := l.Clone()
			for i, k := range r.keys {
				if out.Has(k) {
					return nil, rtErr("Item has already been added. Key in dictionary: '%s'  Key being added: '%s'", ToString(k), ToString(k))
				}
				out.Set(k, r.vals[i])
			}
			return out, nil
		}
		return nil, rtErr("Method invocation failed because [System.Collections.Hashtable] does not contain a method named 'op_%s'.", opName(op))
	case time.Time:
		switch r := b.(type) {
		case time.Duration:
			if op == "+" {
				return l.Add(r), nil
			}
			if op == "-" {
				return l.Add(-r), nil
			}
		case time.Time:
			if op == "-" {
				return l.Sub(r), nil
			}
		}
		return nil, rtErr("Method invocation failed because [System.DateTime] does not contain a method named 'op_%s'.", opName(op))
	case time.Duration:
		if r, ok := b.(time.Duration); ok {
			switch op {
			case "+":
				return l + r, nil
			case "-":
				return l - r, nil
			}
		}
	}
	na, nb, err := numbersFor(op, a, b)
	if err != nil {
		return nil, err
	}
	return arithNumbers(op, na, nb)
}

func opName(op string) string {
	switch op {
	case "+":
		return "Addition"
	case "-":
		return "Subtraction"
	case "*":
		return "Multiply"
	case "/":
		return "Division"
	}
	return "Modulus"
}

func arithNumbers(op string, a, b any) (any, error) { return numbers(op, a, b) }

func floatOp(op string, x, y float64, dec bool) (float64, error) {
	switch op {
	case "+":
		return x + y, nil
	case "-":
		return x - y, nil
	case "*":
		return x * y, nil
	case "/":
		if y == 0 && dec {
			return 0, &RuntimeError{Type: "System.DivideByZeroException", Msg: "Attempted to divide by zero."}
		}
		return x / y, nil
	case "%":
		if y == 0 && dec {
			return 0, &RuntimeError{Type: "System.DivideByZeroException", Msg: "Attempted to divide by zero."}
		}
		return math.Mod(x, y), nil
	}
	return 0, rtErr("unknown operator %s", op)
}

// Negate applies unary minus, which PowerShell computes as 0 - v: a
// [byte] gives an Int32, -[int]::MinValue a Double.
func Negate(v any) (any, error) {
	if i, ok := v.(int); ok && i != math.MinInt32 {
		return -i, nil
	}
	n, ok := ToNumber(v)
	if !ok {
		return nil, &ConversionError{Value: v, Type: "System.Int32"}
	}
	return numbers("-", 0, n)
}

// Equal compares two scalars for -eq: the right operand is converted to the
// type of the left one. cs asks for a case-sensitive string comparison.
func Equal(a, b any, cs bool) bool {
	switch l := a.(type) {
	case nil:
		return b == nil
	case string:
		if b == nil {
			return false
		}
		if cs {
			return l == ToString(b)
		}
		return strings.EqualFold(l, ToString(b))
	case bool:
		if b == nil {
			return false
		}
		return l == ToBool(b)
	case rune:
		switch r := b.(type) {
		case rune:
			if cs {
				return l == r
			}
			return strings.EqualFold(string(l), string(r))
		case string:
			if utf8.RuneCountInString(r) == 1 {
				rr, _ := utf8.DecodeRuneInString(r)
				if cs {
					return l == rr
				}
				return strings.EqualFold(string(l), r)
			}
			return false
		}
		nb, ok := ToNumber(b)
		if !ok {
			return false
		}
		f, _ := toFloat(nb)
		return float64(l) == f
	case int:
		if r, ok := b.(int); ok {
			return l == r
		}
		if b == nil {
			return false
		}
		nb, ok := ToNumber(b)
		if !ok {
			return false
		}
		return cmpNumbers(l, nb) == 0 && !isNaN(nb)
	case int64, float64, Decimal, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int:
		if b == nil {
			return false
		}
		nb, ok := ToNumber(b)
		if !ok {
			return false
		}
		return cmpNumbers(l, nb) == 0 && !isNaN(l) && !isNaN(nb)
	case time.Time:
		r, err := Convert(b, TypeDateTime)
		if err != nil {
			return false
		}
		return l.Equal(r.(time.Time))
	case time.Duration:
		r, ok := b.(time.Duration)
		return ok && l == r
	case Guid:
		return strings.EqualFold(string(l), ToString(b))
	case *Type:
		r, ok := b.(*Type)
		if ok {
			return strings.EqualFold(l.Name, r.Name)
		}
		return strings.EqualFold(l.Name, ToString(b))
	case Numberer:
		if str, ok := b.(string); ok {
			return strings.EqualFold(ToString(a), str)
		}
		return Equal(l.PSNumber(), b, cs)
	case *Object:
		if r, ok := b.(*Object); ok {
			return l == r
		}
		if v, ok := l.ToStringValue(); ok {
			return Equal(v, b, cs)
		}
		return false
	}
	return a == b
}

// Compare orders two scalars for -lt -gt -le -ge (and sorting): the right
// operand is converted to the type of the left one; strings compare by
// culture (see [Collation]). It returns -1, 0 or 1.
func Compare(a, b any, cs bool) (int, error) { return CompareWith(a, b, cs, nil) }

// CompareWith is Compare with the collation strings are ordered by, which
// a caller comparing many strings keeps (nil: one is made when needed).
func CompareWith(a, b any, cs bool, col *Collation) (int, error) {
	switch l := a.(type) {
	case nil:
		if b == nil {
			return 0, nil
		}
		if s, ok := b.(string); ok && s == "" {
			return 0, nil
		}
		return -1, nil
	case string:
		if b == nil {
			if l == "" {
				return 0, nil
			}
			return 1, nil
		}
		return col.Compare(l, ToString(b), cs), nil
	case bool:
		x, y := 0, 0
		if l {
			x = 1
		}
		if ToBool(b) {
			y = 1
		}
		return cmpInt(int64(x), int64(y)), nil
	case int, int64, float64, Decimal, rune, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int:
		if r, ok := b.(int); ok {
			if x, ok := l.(int); ok {
				return cmpInt(int64(x), int64(r)), nil
			}
		}
		if b == nil {
			return 1, nil
		}
		nb, ok := ToNumber(b)
		if !ok {
			return 0, rtErr("Could not compare \"%s\" to \"%s\". Error: \"Cannot convert value \"%s\" to type \"%s\". Error: \"The input string '%s' was not in a correct format.\"\"", ToString(a), ToString(b), ToString(b), TypeName(a), ToString(b))
		}
		return cmpNumbers(l, nb), nil
	case time.Time:
		r, err := Convert(b, TypeDateTime)
		if err != nil {
			return 0, rtErr("Could not compare \"%s\" to \"%s\". Error: \"%s\"", ToString(a), ToString(b), err.Error())
		}
		rt := r.(time.Time)
		switch {
		case l.Before(rt):
			return -1, nil
		case l.After(rt):
			return 1, nil
		}
		return 0, nil
	case time.Duration:
		r, ok := b.(time.Duration)
		if !ok {
			return 0, rtErr("Could not compare \"%s\" to \"%s\".", ToString(a), ToString(b))
		}
		return cmpInt(int64(l), int64(r)), nil
	}
	if b == nil {
		return 1, nil
	}
	return col.Compare(ToString(a), ToString(b), cs), nil
}

func cmpInt(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// Like matches s against a PowerShell wildcard pattern (* ? [a-z] and `
// escapes).
func Like(s, pattern string, cs bool) bool {
	if !cs {
		s = strings.ToLower(s)
		pattern = strings.ToLower(pattern)
	}
	return likeMatch(s, pattern)
}

func likeMatch(s, p string) bool {
	for len(p) > 0 {
		r, n := utf8.DecodeRuneInString(p)
		switch r {
		case '*':
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			if p == "" {
				return true
			}
			for i := 0; i <= len(s); {
				if likeMatch(s[i:], p) {
					return true
				}
				if i == len(s) {
					break
				}
				_, k := utf8.DecodeRuneInString(s[i:])
				i += k
			}
			return false
		case '?':
			if s == "" {
				return false
			}
			_, k := utf8.DecodeRuneInString(s)
			s, p = s[k:], p[n:]
		case '[':
			end := strings.IndexByte(p[1:], ']')
			if end < 0 || s == "" {
				return false
			}
			class := p[1 : 1+end]
			c, k := utf8.DecodeRuneInString(s)
			if !classMatch(c, class) {
				return false
			}
			s, p = s[k:], p[2+end:]
		case '`':
			if len(p) > 1 {
				p = p[1:]
				r, n = utf8.DecodeRuneInString(p)
			}
			fallthrough
		default:
			c, k := utf8.DecodeRuneInString(s)
			if s == "" || c != r {
				return false
			}
			s, p = s[k:], p[n:]
		}
	}
	return s == ""
}

func classMatch(c rune, class string) bool {
	rs := []rune(class)
	for i := 0; i < len(rs); i++ {
		if i+2 < len(rs) && rs[i+1] == '-' {
			if c >= rs[i] && c <= rs[i+2] {
				return true
			}
			i += 2
			continue
		}
		if c == rs[i] {
			return true
		}
	}
	return false
}

// HasWildcard reports whether s holds wildcard characters.
func HasWildcard(s string) bool { return strings.ContainsAny(s, "*?[") }

// isNaN reports whether a number is a floating-point NaN.
func isNaN(n any) bool {
	switch x := n.(type) {
	case float64:
		return math.IsNaN(x)
	case float32:
		return math.IsNaN(float64(x))
	}
	return false
}
