package cmdlets

import (
	"fmt"
	"math"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// midpointModes are the names of System.MidpointRounding, by value.
func midpointModes() []string {
	return []string{"ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"}
}

// midpointArg reads a MidpointRounding argument: the enum, or its name.
// ok is false for anything else (a number picks the digits overload).
func midpointArg(v any) (value.MidpointRounding, bool) {
	switch x := v.(type) {
	case *enumValue:
		if x.typ == "System.MidpointRounding" {
			return value.MidpointRounding(x.n), true
		}
	case string:
		for i, n := range midpointModes() {
			if strings.EqualFold(strings.TrimSpace(x), n) {
				return value.MidpointRounding(i), true
			}
		}
	}
	return 0, false
}

// mathArgErr is the method binder's error for an argument that does not
// convert to a parameter's type.
func mathArgErr(err error) error {
	return &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
}

// roundArgs reads the arguments after the value of Math.Round or
// Decimal.Round: (), (digits), (mode) or (digits, mode).
func roundArgs(args []any) (digits int, mode value.MidpointRounding, err error) {
	switch len(args) {
	case 0:
		return 0, value.ToEven, nil
	case 1:
		if m, ok := midpointArg(args[0]); ok {
			return 0, m, nil
		}
		d, err := value.ToInt(args[0])
		if err != nil {
			return 0, 0, mathArgErr(err)
		}
		return d, value.ToEven, nil
	case 2:
		d, err := value.ToInt(args[0])
		if err != nil {
			return 0, 0, mathArgErr(err)
		}
		m, ok := midpointArg(args[1])
		if !ok {
			n, err := value.ToInt(args[1])
			if err != nil {
				return 0, 0, mathArgErr(err)
			}
			if n < 0 || n > 4 {
				return 0, 0, &methodErr{typ: "System.ArgumentException",
					msg: fmt.Sprintf("The value '%d' is not valid for this usage of the type MidpointRounding. (Parameter 'mode')", n)}
			}
			m = value.MidpointRounding(n)
		}
		return d, m, nil
	}
	return 0, 0, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"Round\" and the argument count: \"%d\".", len(args)+1)}
}

// roundDecimal is Decimal.Round(d, decimals, mode).
func roundDecimal(d value.Decimal, decimals int, mode value.MidpointRounding) (any, error) {
	if decimals < 0 || decimals > 28 {
		return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Decimal can only round to between 0 and 28 digits of precision. (Parameter 'decimals')"}
	}
	return d.Round(decimals, mode), nil
}

// roundDouble is Math.Round(value, digits, mode) for a double: the value
// is scaled by 10^digits, rounded, and scaled back; a value of 1e16 or
// more is already whole.
func roundDouble(x float64, digits int, mode value.MidpointRounding) (any, error) {
	if digits < 0 || digits > 15 {
		return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')"}
	}
	if math.Abs(x) >= 1e16 {
		return x, nil
	}
	p := math.Pow(10, float64(digits))
	v := x * p
	switch mode {
	case value.AwayFromZero:
		v = math.Round(v)
	case value.ToZero:
		v = math.Trunc(v)
	case value.ToNegativeInfinity:
		v = math.Floor(v)
	case value.ToPositiveInfinity:
		v = math.Ceil(v)
	default:
		v = math.RoundToEven(v)
	}
	return v / p, nil
}

// absOverflow is the OverflowException of Math.Abs of a type's minimum.
func absOverflow() error {
	return &methodErr{typ: "System.OverflowException", msg: "Negating the minimum value of a twos complement number is invalid."}
}

// absInt is Math.Abs of a signed integer type whose smallest value is
// min: that one has no absolute value in the type (OverflowException).
func absInt[T int | int64 | int16 | int8](x, min T) (any, error) {
	if x == min {
		return nil, absOverflow()
	}
	if x < 0 {
		return -x, nil
	}
	return x, nil
}

// mathAbs is Math.Abs, whose overloads keep the argument's type (Int16,
// Int32, Int64, SByte, Single, Double, Decimal).
func mathAbs(v any) (any, error) {
	switch x := v.(type) {
	case int:
		return absInt(x, math.MinInt32)
	case int64:
		return absInt(x, math.MinInt64)
	case int16:
		return absInt(x, math.MinInt16)
	case int8:
		return absInt(x, math.MinInt8)
	case float32:
		return float32(math.Abs(float64(x))), nil
	case value.Decimal:
		return x.Abs(), nil
	}
	f, err := value.ToFloat(v)
	if err != nil {
		return nil, mathArgErr(err)
	}
	return math.Abs(f), nil
}

// sameNumberType reports whether a and b are numbers of one .NET type
// that Math.Max and Math.Min have an overload for.
func sameNumberType(a, b any) bool {
	switch a.(type) {
	case int, int64, float64, value.Decimal, int8, uint8, int16, uint16, uint32, uint64, float32:
		return value.TypeName(a) == value.TypeName(b)
	}
	return false
}

// mathMaxMin is Math.Max or Math.Min: two numbers of one type give that
// type; an Int32 with an Int64 an Int64, an integer with a Decimal a
// Decimal; with a Double the result is a Double.
func mathMaxMin(max bool, a, b any) (any, error) {
	c, err := value.Compare(a, b, false)
	if err != nil {
		return nil, err
	}
	pick := a
	if max == (c < 0) {
		pick = b
	}
	if !value.IsNumber(a) || !value.IsNumber(b) || sameNumberType(a, b) {
		return pick, nil
	}
	_, da := a.(value.Decimal)
	_, db := b.(value.Decimal)
	_, fa := a.(float64)
	_, fb := b.(float64)
	switch {
	case fa || fb:
		f, _ := value.ToFloat(pick)
		if fa && math.IsNaN(a.(float64)) || fb && math.IsNaN(b.(float64)) {
			return math.NaN(), nil
		}
		return f, nil
	case da || db:
		return value.Convert(pick, &value.Type{Name: value.TDecimal})
	}
	if isIntOrLong(a) && isIntOrLong(b) {
		return value.Convert(pick, &value.Type{Name: value.TInt64})
	}
	return pick, nil
}

func isIntOrLong(v any) bool {
	switch v.(type) {
	case int, int64:
		return true
	}
	return false
}

// mathStatics implements the static members of [System.Math]. A method
// with overloads per numeric type (Abs, Max, Min, Round, Floor, Ceiling,
// Truncate, Sign) takes the overload of its argument's type, so a
// [decimal] stays a [decimal]; the others compute with doubles.
func mathStatics(c *staticCall) (any, error) {
	args := c.args
	f := func(i int) (float64, error) {
		v, err := value.ToFloat(argOr(args, i))
		if err != nil {
			return 0, mathArgErr(err)
		}
		return v, nil
	}
	switch c.lname {
	case "pi":
		return math.Pi, nil
	case "e":
		return math.E, nil
	case "tau":
		return 2 * math.Pi, nil
	case "round":
		if len(args) == 0 {
			return nil, c.wantArgs(1, 2, 3)
		}
		digits, mode, err := roundArgs(args[1:])
		if err != nil {
			return nil, err
		}
		if d, ok := args[0].(value.Decimal); ok {
			return roundDecimal(d, digits, mode)
		}
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		return roundDouble(x, digits, mode)
	case "floor", "ceiling", "truncate":
		if d, ok := c.arg(0).(value.Decimal); ok {
			switch c.lname {
			case "floor":
				return d.Floor(), nil
			case "ceiling":
				return d.Ceiling(), nil
			}
			return d.Truncate(), nil
		}
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		switch c.lname {
		case "floor":
			return math.Floor(x), nil
		case "ceiling":
			return math.Ceil(x), nil
		}
		return math.Trunc(x), nil
	case "abs":
		return mathAbs(c.arg(0))
	case "max", "min":
		return mathMaxMin(c.lname == "max", c.arg(0), c.arg(1))
	case "sign":
		if d, ok := c.arg(0).(value.Decimal); ok {
			return d.Sign(), nil
		}
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		switch {
		case math.IsNaN(x):
			return nil, &methodErr{typ: "System.ArithmeticException", msg: "Function does not accept floating point Not-a-Number values."}
		case x > 0:
			return 1, nil
		case x < 0:
			return -1, nil
		}
		return 0, nil
	case "pow", "sqrt", "log", "log10", "log2", "exp", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "cbrt", "atan2":
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		switch c.lname {
		case "pow":
			y, err := f(1)
			if err != nil {
				return nil, err
			}
			return math.Pow(x, y), nil
		case "atan2":
			y, err := f(1)
			if err != nil {
				return nil, err
			}
			return math.Atan2(x, y), nil
		case "sqrt":
			return math.Sqrt(x), nil
		case "log":
			if len(args) > 1 {
				b, err := f(1)
				if err != nil {
					return nil, err
				}
				return math.Log(x) / math.Log(b), nil
			}
			return math.Log(x), nil
		case "log10":
			return math.Log10(x), nil
		case "log2":
			return math.Log2(x), nil
		case "exp":
			return math.Exp(x), nil
		case "sin":
			return math.Sin(x), nil
		case "cos":
			return math.Cos(x), nil
		case "tan":
			return math.Tan(x), nil
		case "asin":
			return math.Asin(x), nil
		case "acos":
			return math.Acos(x), nil
		case "atan":
			return math.Atan(x), nil
		case "sinh":
			return math.Sinh(x), nil
		case "cosh":
			return math.Cosh(x), nil
		case "tanh":
			return math.Tanh(x), nil
		}
		return math.Cbrt(x), nil
	case "divrem":
		// DivRem(a, b, out result) returns the quotient and writes the
		// remainder; .NET 6's DivRem(a, b) returns both as a tuple. Int32
		// arguments take the Int32 overloads, others the Int64 ones.
		if err := c.wantArgs(2, 3); err != nil {
			return nil, err
		}
		a, err := value.ToInt64(args[0])
		if err != nil {
			return nil, argConvErr("left", args[0], c.name, value.TInt64, err)
		}
		b, err := value.ToInt64(args[1])
		if err != nil {
			return nil, argConvErr("right", args[1], c.name, value.TInt64, err)
		}
		if b == 0 {
			return nil, &methodErr{typ: "System.DivideByZeroException", msg: "Attempted to divide by zero."}
		}
		typed := func(n int64) any {
			if _, ok := args[0].(int); ok {
				if _, ok := args[1].(int); ok {
					return int(n)
				}
			}
			return n
		}
		q, r := typed(a/b), typed(a%b)
		if len(args) == 3 {
			if err := c.outArg(2, r); err != nil {
				return nil, err
			}
			return q, nil
		}
		return valueTuple(q, r), nil
	case "clamp":
		// Math.Clamp(value, min, max): the overload of the arguments' type
		if err := c.wantArgs(3); err != nil {
			return nil, err
		}
		if lo, err := value.Compare(args[1], args[2], false); err == nil && lo > 0 {
			return nil, &methodErr{typ: "System.ArgumentException", msg: fmt.Sprintf("'%s' cannot be greater than %s.", value.ToString(args[1]), value.ToString(args[2]))}
		}
		v, err := mathMaxMin(true, args[0], args[1])
		if err != nil {
			return nil, err
		}
		return mathMaxMin(false, v, args[2])
	case "bigmul":
		// Math.BigMul(int, int): the full Int64 product
		if len(args) != 2 {
			return nil, &methodErr{typ: "NotImplemented", msg: "[System.Math]::BigMul() with an out argument"}
		}
		a, err := value.Convert(args[0], &value.Type{Name: value.TInt32})
		if err != nil {
			return nil, argConvErr("a", args[0], c.name, value.TInt32, err)
		}
		b, err := value.Convert(args[1], &value.Type{Name: value.TInt32})
		if err != nil {
			return nil, argConvErr("b", args[1], c.name, value.TInt32, err)
		}
		return int64(a.(int)) * int64(b.(int)), nil
	}
	return c.notImplemented()
}

// decimalStatics implements the static members of [decimal].
func decimalStatics(c *staticCall) (any, error) {
	dec := func(i int) (value.Decimal, error) {
		v, err := value.Convert(c.arg(i), &value.Type{Name: value.TDecimal})
		if err != nil {
			return value.Decimal{}, mathArgErr(err)
		}
		return v.(value.Decimal), nil
	}
	two := func(op func(x, y value.Decimal) (value.Decimal, error)) (any, error) {
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		x, err := dec(0)
		if err != nil {
			return nil, err
		}
		y, err := dec(1)
		if err != nil {
			return nil, err
		}
		r, err := op(x, y)
		if err != nil {
			re, _ := err.(*value.RuntimeError)
			if re != nil {
				return nil, &methodErr{typ: re.Type, msg: re.Msg}
			}
			return nil, err
		}
		return r, nil
	}
	switch c.lname {
	case "maxvalue":
		return value.DecimalMax(), nil
	case "minvalue":
		return value.DecimalMin(), nil
	case "one":
		return value.DecimalFromInt64(1), nil
	case "zero":
		return value.Decimal{}, nil
	case "minusone":
		return value.DecimalFromInt64(-1), nil
	case "parse":
		if d, ok := value.ParseDecimal(c.argS(0), false, true); ok && c.arg(0) != nil {
			return d, nil
		}
		if c.arg(0) == nil {
			return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 's')"}
		}
		return nil, &methodErr{typ: "System.FormatException", msg: fmt.Sprintf("The input string '%s' was not in a correct format.", c.argS(0))}
	case "tryparse":
		if err := c.wantArgs(2, 4); err != nil {
			return nil, err
		}
		d, ok := value.ParseDecimal(c.argS(0), false, true)
		if c.arg(0) == nil {
			ok = false
		}
		if !ok {
			d = value.Decimal{}
		}
		return ok, c.outArg(len(c.args)-1, d)
	case "round":
		if len(c.args) == 0 {
			return nil, c.wantArgs(1, 2, 3)
		}
		d, err := dec(0)
		if err != nil {
			return nil, err
		}
		digits, mode, err := roundArgs(c.args[1:])
		if err != nil {
			return nil, err
		}
		return roundDecimal(d, digits, mode)
	case "floor", "ceiling", "truncate", "negate", "abs":
		d, err := dec(0)
		if err != nil {
			return nil, err
		}
		switch c.lname {
		case "floor":
			return d.Floor(), nil
		case "ceiling":
			return d.Ceiling(), nil
		case "negate":
			return d.Neg(), nil
		case "abs":
			return d.Abs(), nil
		}
		return d.Truncate(), nil
	case "add":
		return two(value.Decimal.Add)
	case "subtract":
		return two(value.Decimal.Sub)
	case "multiply":
		return two(value.Decimal.Mul)
	case "divide":
		return two(value.Decimal.Quo)
	case "remainder":
		return two(value.Decimal.Rem)
	case "max", "min":
		return two(func(x, y value.Decimal) (value.Decimal, error) {
			if (x.Cmp(y) >= 0) == (c.lname == "max") {
				return x, nil
			}
			return y, nil
		})
	case "compare", "equals":
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		x, err := dec(0)
		if err != nil {
			return nil, err
		}
		y, err := dec(1)
		if err != nil {
			return nil, err
		}
		if c.lname == "equals" {
			return x.Cmp(y) == 0, nil
		}
		return x.Cmp(y), nil
	case "sign":
		d, err := dec(0)
		if err != nil {
			return nil, err
		}
		return d.Sign(), nil
	case "todouble", "tosingle", "toint32", "toint64", "toint16", "tobyte", "tosbyte", "touint16", "touint32", "touint64":
		d, err := dec(0)
		if err != nil {
			return nil, err
		}
		switch c.lname {
		case "todouble":
			return d.Float64(), nil
		case "tosingle":
			return d.Float32(), nil
		}
		// Decimal.ToInt32 and the like truncate
		t, _ := convertibleMethod(c.lname)
		r, err := value.Convert(d.Truncate(), &value.Type{Name: t})
		if err != nil {
			return nil, &methodErr{typ: "System.OverflowException", msg: value.IntegerOverflowMessage(t)}
		}
		return r, nil
	}
	return c.notImplemented()
}

// valueTuple is a System.ValueTuple of two items (Item1, Item2), as
// Math.DivRem returns it.
func valueTuple(a, b any) *value.Object {
	o := value.NewObject(fmt.Sprintf("System.ValueTuple`2[[%s],[%s]]", value.TypeName(a), value.TypeName(b)))
	o.Set("Item1", a)
	o.Set("Item2", b)
	o.SetToString(fmt.Sprintf("(%s, %s)", value.ToString(a), value.ToString(b)))
	return o
}
