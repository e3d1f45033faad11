package value

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/csemu/csemu/state/netfmt"
)

// The .NET numeric types beyond [int], [long], [double] and [decimal] are
// held as these Go types:
//
//	int8      [sbyte]
//	uint8     [byte]
//	int16     [int16]
//	uint16    [uint16]
//	uint32    [uint32]
//	uint64    [uint64]
//	float32   [single] ([float])
//	*big.Int  [bigint] (System.Numerics.BigInteger); never changed once made
//
// [char] is rune (int32), so Int32 is int.

// Names of the numeric types.
const (
	TSByte  = "System.SByte"
	TInt16  = "System.Int16"
	TUInt16 = "System.UInt16"
	TUInt32 = "System.UInt32"
	TUInt64 = "System.UInt64"
	TBigInt = "System.Numerics.BigInteger"
)

// numCode orders the numeric types as .NET's TypeCode does (Boolean, Char,
// SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Single, Double,
// Decimal); PowerShell's arithmetic picks the wider operand's code.
// BigInteger, which has no TypeCode, comes last.
type numCode uint8

const (
	cNone numCode = iota
	cBool
	cChar
	cSByte
	cByte
	cInt16
	cUInt16
	cInt32
	cUInt32
	cInt64
	cUInt64
	cSingle
	cDouble
	cDecimal
	cBig
)

// codeOf returns the numeric code of v, or cNone.
func codeOf(v any) numCode {
	switch v.(type) {
	case int:
		return cInt32
	case int64:
		return cInt64
	case float64:
		return cDouble
	case Decimal:
		return cDecimal
	case bool:
		return cBool
	case rune:
		return cChar
	case int8:
		return cSByte
	case uint8:
		return cByte
	case int16:
		return cInt16
	case uint16:
		return cUInt16
	case uint32:
		return cUInt32
	case uint64:
		return cUInt64
	case float32:
		return cSingle
	case *big.Int:
		return cBig
	}
	return cNone
}

// isSigned reports whether the code is a signed integer type.
func (c numCode) isSigned() bool {
	return c == cSByte || c == cInt16 || c == cInt32 || c == cInt64
}

// isInteger reports whether the code is an integer type (BigInteger too).
func (c numCode) isInteger() bool { return c >= cBool && c <= cUInt64 || c == cBig }

// intOf returns an integer value as sign and magnitude; ok is false for
// non-integers and for a BigInteger beyond 64 bits.
func intOf(n any) (neg bool, mag uint64, ok bool) {
	switch x := n.(type) {
	case int:
		return x < 0, nfAbs(int64(x)), true
	case int64:
		return x < 0, nfAbs(x), true
	case bool:
		if x {
			return false, 1, true
		}
		return false, 0, true
	case rune:
		return x < 0, nfAbs(int64(x)), true
	case int8:
		return x < 0, nfAbs(int64(x)), true
	case uint8:
		return false, uint64(x), true
	case int16:
		return x < 0, nfAbs(int64(x)), true
	case uint16:
		return false, uint64(x), true
	case uint32:
		return false, uint64(x), true
	case uint64:
		return false, x, true
	case *big.Int:
		if x.Sign() < 0 {
			a := new(big.Int).Neg(x)
			return true, a.Uint64(), a.IsUint64()
		}
		return false, x.Uint64(), x.IsUint64()
	}
	return false, 0, false
}

// int64Of returns an integer value of at most 64 signed bits.
func int64Of(n any) int64 {
	neg, mag, _ := intOf(n)
	if neg {
		return -int64(mag)
	}
	return int64(mag)
}

// bigOf returns a number as a BigInteger; fractions are truncated, as
// PowerShell's conversion to [bigint] does.
func bigOf(n any) (*big.Int, error) {
	switch x := n.(type) {
	case *big.Int:
		return x, nil
	case Decimal:
		return x.Big(), nil
	case float64, float32:
		f, _ := toFloat(x)
		switch {
		case math.IsNaN(f):
			return nil, &RuntimeError{Type: "System.OverflowException", Msg: "The value is not a number."}
		case math.IsInf(f, 0):
			return nil, &RuntimeError{Type: "System.OverflowException", Msg: "BigInteger cannot represent infinity."}
		}
		b, _ := big.NewFloat(math.Trunc(f)).Int(nil)
		return b, nil
	}
	neg, mag, _ := intOf(n)
	b := new(big.Int).SetUint64(mag)
	if neg {
		b.Neg(b)
	}
	return b, nil
}

// bigFloat returns a BigInteger as the nearest double.
func bigFloat(b *big.Int) float64 {
	f, _ := new(big.Float).SetInt(b).Float64()
	return f
}

// intType describes a fixed-size .NET integer type for conversions.
type intType struct {
	min int64
	max uint64
	// what completes "Value was either too large or too small for ..."
	what string
}

// intTypes lists the integer types by name.
// IntegerOverflowMessage is .NET's OverflowException message for a value
// out of the range of the named integer type.
func IntegerOverflowMessage(name string) string {
	t, _ := intTypeOf(name)
	return "Value was either too large or too small for " + t.what + "."
}

func intTypeOf(name string) (intType, bool) {
	switch name {
	case TSByte:
		return intType{math.MinInt8, math.MaxInt8, "a signed byte"}, true
	case TByte:
		return intType{0, math.MaxUint8, "an unsigned byte"}, true
	case TInt16:
		return intType{math.MinInt16, math.MaxInt16, "an Int16"}, true
	case TUInt16:
		return intType{0, math.MaxUint16, "a UInt16"}, true
	case TInt32:
		return intType{math.MinInt32, math.MaxInt32, "an Int32"}, true
	case TUInt32:
		return intType{0, math.MaxUint32, "a UInt32"}, true
	case TInt64:
		return intType{math.MinInt64, math.MaxInt64, "an Int64"}, true
	case TUInt64:
		return intType{0, math.MaxUint64, "a UInt64"}, true
	}
	return intType{}, false
}

// makeInt builds a value of the named integer type; the value is in range.
func makeInt(name string, neg bool, mag uint64) any {
	v := int64(mag)
	if neg {
		v = -v
	}
	switch name {
	case TSByte:
		return int8(v)
	case TByte:
		return uint8(mag)
	case TInt16:
		return int16(v)
	case TUInt16:
		return uint16(mag)
	case TInt32:
		return int(v)
	case TUInt32:
		return uint32(mag)
	case TInt64:
		return v
	}
	return mag
}

// fits reports whether sign and magnitude lie in the type's range.
func (t intType) fits(neg bool, mag uint64) bool {
	if neg {
		return mag == 0 || mag <= nfAbs(t.min) && t.min < 0
	}
	return mag <= t.max
}

// toIntType converts a number n (orig is the value being converted, for
// the message) to the named integer type, rounding fractions to even and
// failing with .NET's overflow message outside the type's range.
func toIntType(orig, n any, name string) (any, error) {
	t, _ := intTypeOf(name)
	overflow := func() error {
		return convErrText(orig, name, "Value was either too large or too small for "+t.what+".")
	}
	switch x := n.(type) {
	case Decimal:
		neg, mag, ok := decimalToInt(x)
		if !ok || !t.fits(neg, mag) {
			return nil, overflow()
		}
		return makeInt(name, neg, mag), nil
	case float64, float32:
		f, _ := toFloat(x)
		r := math.RoundToEven(f)
		if math.IsNaN(r) || r < float64(t.min) || r >= float64(t.max)+1 {
			return nil, overflow()
		}
		if r < 0 {
			return makeInt(name, true, uint64(-r)), nil
		}
		return makeInt(name, false, uint64(r)), nil
	}
	neg, mag, ok := intOf(n)
	if !ok || !t.fits(neg, mag) {
		if codeOf(n) == cNone {
			return nil, convErr(orig, name)
		}
		return nil, overflow()
	}
	return makeInt(name, neg, mag), nil
}

// convertInteger is a cast to a fixed-size integer type.
func convertInteger(v any, name string) (any, error) {
	if a, ok := v.(*Array); ok && len(a.Items) != 1 {
		return nil, &ConversionError{Value: "System.Object[]", Type: name, Detail: `Cannot convert the "System.Object[]" value of type "System.Object[]" to type "` + name + `".`}
	}
	switch x := v.(type) {
	case int:
		if name == TInt32 {
			return x, nil
		}
	case string:
		// digits are read exactly (a number literal this long would be a
		// Decimal, which holds them exactly too)
		t := strings.TrimSpace(x)
		if i, err := strconv.ParseInt(t, 10, 64); err == nil {
			return toIntType(v, i, name)
		} else if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			if b, ok := new(big.Int).SetString(t, 10); ok {
				return toIntType(v, b, name)
			}
		}
	}
	n, ok := ToNumber(v)
	if !ok {
		return nil, convErr(v, name)
	}
	return toIntType(v, n, name)
}

// convertBigInt is a cast to [bigint]: integers exactly, fractions
// truncated, strings of digits read whole.
func convertBigInt(v any) (any, error) {
	if s, ok := v.(string); ok {
		if b, ok := new(big.Int).SetString(strings.TrimSpace(s), 10); ok {
			return b, nil
		}
	}
	if a, ok := v.(*Array); ok && len(a.Items) != 1 {
		return nil, &ConversionError{Value: "System.Object[]", Type: TBigInt, Detail: `Cannot convert the "System.Object[]" value of type "System.Object[]" to type "` + TBigInt + `".`}
	}
	n, ok := ToNumber(v)
	if !ok {
		return nil, convErr(v, TBigInt)
	}
	b, err := bigOf(n)
	if err != nil {
		return nil, convErrText(v, TBigInt, err.Error())
	}
	return b, nil
}

// FormatSingle formats a [single] as PowerShell turns it into a string:
// .NET's "G7" format.
func FormatSingle(f float32) string {
	switch {
	case math.IsInf(float64(f), 1):
		return "Infinity"
	case math.IsInf(float64(f), -1):
		return "-Infinity"
	case math.IsNaN(float64(f)):
		return "NaN"
	}
	return netfmt.General(formatFloat32E(f, 6), 7)
}

// numbers is the arithmetic of two numbers (after ToNumber), with the
// result type PowerShell's binder picks: the wider operand's type code
// decides; Int32 and smaller compute as Int32; a result too large for its
// type becomes a Double; a negative signed operand with an unsigned one
// widens to Int64 (UInt32) or Decimal (UInt64); any [bigint] makes the
// operation a BigInteger one.
func numbers(op string, a, b any) (any, error) {
	ca, cb := codeOf(a), codeOf(b)
	c := max(ca, cb)
	switch {
	case c == cBig:
		return bigArith(op, a, b)
	case c <= cInt32:
		return int32Arith(op, int64Of(a), int64Of(b))
	case c == cUInt32 || c == cUInt64:
		if ca.isSigned() && int64Of(a) < 0 || cb.isSigned() && int64Of(b) < 0 {
			if c == cUInt32 {
				return int64Arith(op, int64Of(a), int64Of(b))
			}
			// DecimalOps, falling back to DoubleOps when the decimal
			// result overflows
			x, _ := decimalOf(a)
			y, _ := decimalOf(b)
			if r, err := decimalArith(op, x, y); err == nil || op == "/" || op == "%" {
				return r, err
			}
			fx, _ := toFloat(a)
			fy, _ := toFloat(b)
			return floatOp(op, fx, fy, false)
		}
		_, x, _ := intOf(a)
		_, y, _ := intOf(b)
		if c == cUInt32 {
			return uint32Arith(op, x, y)
		}
		return uint64Arith(op, x, y)
	case c == cInt64:
		return int64Arith(op, int64Of(a), int64Of(b))
	case c == cDecimal:
		// both operands are cast to [decimal] (a double rounded to 15
		// digits), then DecimalOps
		x, err := decimalOf(a)
		if err != nil {
			return nil, err
		}
		y, err := decimalOf(b)
		if err != nil {
			return nil, err
		}
		return decimalArith(op, x, y)
	}
	x, _ := toFloat(a)
	y, _ := toFloat(b)
	return floatOp(op, x, y, false)
}

func divideByZero() error {
	return &RuntimeError{Type: "System.DivideByZeroException", Msg: "Attempted to divide by zero."}
}

// int32Arith is PowerShell's IntOps: Int32 results, a Double on overflow
// or an inexact division.
func int32Arith(op string, x, y int64) (any, error) {
	var r int64
	switch op {
	case "+":
		r = x + y
	case "-":
		r = x - y
	case "*":
		r = x * y
	case "/":
		if y == 0 {
			return nil, divideByZero()
		}
		if x%y != 0 {
			return float64(x) / float64(y), nil
		}
		r = x / y
	case "%":
		if y == 0 {
			return nil, divideByZero()
		}
		r = x % y
	default:
		return nil, rtErr("unknown operator %s", op)
	}
	if r < math.MinInt32 || r > math.MaxInt32 {
		return float64(r), nil
	}
	return int(r), nil
}

// int64Arith is PowerShell's LongOps.
func int64Arith(op string, x, y int64) (any, error) {
	switch op {
	case "+":
		s := x + y
		if (s > x) == (y > 0) {
			return s, nil
		}
		return bigFloat(new(big.Int).Add(big.NewInt(x), big.NewInt(y))), nil
	case "-":
		s := x - y
		if (s < x) == (y > 0) {
			return s, nil
		}
		return bigFloat(new(big.Int).Sub(big.NewInt(x), big.NewInt(y))), nil
	case "*":
		p := new(big.Int).Mul(big.NewInt(x), big.NewInt(y))
		if p.IsInt64() {
			return p.Int64(), nil
		}
		return bigFloat(p), nil
	case "/":
		if y == 0 {
			return nil, divideByZero()
		}
		if x == math.MinInt64 && y == -1 || x%y != 0 {
			return float64(x) / float64(y), nil
		}
		return x / y, nil
	case "%":
		if y == 0 {
			return nil, divideByZero()
		}
		if y == -1 {
			return int64(0), nil
		}
		return x % y, nil
	}
	return nil, rtErr("unknown operator %s", op)
}

// uint32Arith is PowerShell's UIntOps (operands already in UInt32 range).
func uint32Arith(op string, x, y uint64) (any, error) {
	var r uint64
	switch op {
	case "+":
		r = x + y
	case "-":
		if x < y {
			return -float64(y - x), nil
		}
		r = x - y
	case "*":
		r = x * y
	case "/":
		if y == 0 {
			return nil, divideByZero()
		}
		if x%y != 0 {
			return float64(x) / float64(y), nil
		}
		r = x / y
	case "%":
		if y == 0 {
			return nil, divideByZero()
		}
		r = x % y
	default:
		return nil, rtErr("unknown operator %s", op)
	}
	if r > math.MaxUint32 {
		return float64(r), nil
	}
	return uint32(r), nil
}

// uint64Arith is PowerShell's ULongOps.
func uint64Arith(op string, x, y uint64) (any, error) {
	switch op {
	case "+":
		s, carry := bits.Add64(x, y, 0)
		if carry == 0 {
			return s, nil
		}
		return bigFloat(new(big.Int).Add(new(big.Int).SetUint64(x), new(big.Int).SetUint64(y))), nil
	case "-":
		if x < y {
			return -float64(y - x), nil
		}
		return x - y, nil
	case "*":
		hi, lo := bits.Mul64(x, y)
		if hi == 0 {
			return lo, nil
		}
		return bigFloat(new(big.Int).Mul(new(big.Int).SetUint64(x), new(big.Int).SetUint64(y))), nil
	case "/":
		if y == 0 {
			return nil, divideByZero()
		}
		if x%y != 0 {
			return float64(x) / float64(y), nil
		}
		return x / y, nil
	case "%":
		if y == 0 {
			return nil, divideByZero()
		}
		return x % y, nil
	}
	return nil, rtErr("unknown operator %s", op)
}

// bigArith is BigInteger arithmetic: both operands become BigIntegers
// (fractions truncated) and division truncates (about_Arithmetic_Operators,
// "Bigint arithmetic").
func bigArith(op string, a, b any) (any, error) {
	x, err := bigOf(a)
	if err != nil {
		return nil, err
	}
	y, err := bigOf(b)
	if err != nil {
		return nil, err
	}
	r := new(big.Int)
	switch op {
	case "+":
		return r.Add(x, y), nil
	case "-":
		return r.Sub(x, y), nil
	case "*":
		return r.Mul(x, y), nil
	case "/":
		if y.Sign() == 0 {
			return nil, divideByZero()
		}
		return r.Quo(x, y), nil
	case "%":
		if y.Sign() == 0 {
			return nil, divideByZero()
		}
		return r.Rem(x, y), nil
	}
	return nil, rtErr("unknown operator %s", op)
}

// cmpNumbers orders two numbers: integers exactly, anything with a
// fraction as doubles.
func cmpNumbers(a, b any) int {
	ca, cb := codeOf(a), codeOf(b)
	if ca == cDecimal {
		return cmpDecimal(a.(Decimal), b)
	}
	if cb == cDecimal {
		return -cmpDecimal(b.(Decimal), a)
	}
	if ca.isInteger() && cb.isInteger() {
		if ca == cBig || cb == cBig {
			x, _ := bigOf(a)
			y, _ := bigOf(b)
			return x.Cmp(y)
		}
		na, ma, _ := intOf(a)
		nb, mb, _ := intOf(b)
		switch {
		case na != nb && (ma != 0 || mb != 0):
			if na {
				return -1
			}
			return 1
		case ma == mb:
			return 0
		case (ma < mb) != na:
			return -1
		}
		return 1
	}
	x, _ := toFloat(a)
	y, _ := toFloat(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// formatFloat32E is strconv's 'e' format of a float32 with prec digits
// after the point.
func formatFloat32E(f float32, prec int) string {
	return strconv.FormatFloat(float64(f), 'e', prec, 32)
}

// Bitwise applies -band, -bor or -bxor ("&", "|", "^") as PowerShell's
// binder does: the wider operand's type decides between Int32, UInt32,
// Int64 and UInt64 (operands cast to it, two's complement); a Double or
// Decimal operand makes both UInt64 (Int64 when either is negative).
func Bitwise(op string, a, b any) (any, error) {
	if a == nil && b == nil {
		return 0, nil
	}
	na, nb, err := numbersFor(op, a, b)
	if err != nil {
		return nil, err
	}
	apply := func(x, y uint64) uint64 {
		switch op {
		case "&":
			return x & y
		case "|":
			return x | y
		}
		return x ^ y
	}
	ca, cb := codeOf(na), codeOf(nb)
	switch c := max(ca, cb); {
	case c == cBig:
		x, err := bigOf(na)
		if err != nil {
			return nil, err
		}
		y, err := bigOf(nb)
		if err != nil {
			return nil, err
		}
		r := new(big.Int)
		switch op {
		case "&":
			return r.And(x, y), nil
		case "|":
			return r.Or(x, y), nil
		}
		return r.Xor(x, y), nil
	case c >= cSingle:
		x, err := toUlongBits(a, na)
		if err != nil {
			return nil, err
		}
		y, err := toUlongBits(b, nb)
		if err != nil {
			return nil, err
		}
		r := apply(x, y)
		if isNegative(na) || isNegative(nb) {
			return int64(r), nil
		}
		return r, nil
	case c <= cInt32:
		return int(int32(apply(uint64(int64Of(na)), uint64(int64Of(nb))))), nil
	case c == cUInt32:
		return uint32(apply(uint64(int64Of(na)), uint64(int64Of(nb)))), nil
	case c == cInt64:
		return int64(apply(uint64(int64Of(na)), uint64(int64Of(nb)))), nil
	}
	return apply(ulongBits(na), ulongBits(nb)), nil
}

// ulongBits is an integer's two's complement bits.
func ulongBits(n any) uint64 {
	neg, mag, _ := intOf(n)
	if neg {
		return -mag
	}
	return mag
}

// toUlongBits is DoubleOps/DecimalOps' ConvertToUlong: a negative value as
// an Int64's bits, else a UInt64 (rounded to even).
func toUlongBits(orig, n any) (uint64, error) {
	if !codeOf(n).isInteger() {
		if isNegative(n) {
			r, err := toIntType(orig, n, TInt64)
			if err != nil {
				return 0, err
			}
			return uint64(r.(int64)), nil
		}
		r, err := toIntType(orig, n, TUInt64)
		if err != nil {
			return 0, err
		}
		return r.(uint64), nil
	}
	return ulongBits(n), nil
}

func isNegative(n any) bool {
	if f, ok := toFloat(n); ok {
		return f < 0
	}
	return false
}

// Shift applies -shl ("<<") or -shr (">>"): the left operand keeps its type
// (Int32 for the smaller integers), the count is masked to 31 (63 for
// 64-bit types); -shr of a signed value is arithmetic.
func Shift(op string, a, b any) (any, error) {
	if a == nil {
		return 0, nil
	}
	na, nb, err := numbersFor(op, a, b)
	if err != nil {
		return nil, err
	}
	cnt, err := ToInt(nb)
	if err != nil {
		return nil, err
	}
	left := op == "<<"
	switch c := codeOf(na); {
	case c == cBig:
		x := na.(*big.Int)
		if cnt < 0 {
			cnt, left = -cnt, !left
		}
		if left {
			return new(big.Int).Lsh(x, uint(cnt)), nil
		}
		return new(big.Int).Rsh(x, uint(cnt)), nil
	case c >= cSingle:
		// the value is first made the smallest of Int32, UInt32, Int64,
		// UInt64 that holds it
		f, _ := toFloat(na)
		for _, t := range []string{TInt32, TUInt32, TInt64, TUInt64} {
			if r, err := toIntType(a, f, t); err == nil {
				return Shift(op, r, cnt)
			}
		}
		return toIntType(a, f, TUInt64)
	case c <= cInt32:
		x, s := int32(int64Of(na)), uint(cnt&0x1f)
		if left {
			return int(x << s), nil
		}
		return int(x >> s), nil
	case c == cUInt32:
		x, s := uint32(ulongBits(na)), uint(cnt&0x1f)
		if left {
			return x << s, nil
		}
		return x >> s, nil
	case c == cInt64:
		x, s := int64Of(na), uint(cnt&0x3f)
		if left {
			return x << s, nil
		}
		return x >> s, nil
	}
	x, s := ulongBits(na), uint(cnt&0x3f)
	if left {
		return x << s, nil
	}
	return x >> s, nil
}

// BNot is -bnot: Int32 for Int32 and smaller, else the operand's own
// integer type; a Double or Decimal is first made the smallest of Int32,
// UInt32, Int64 and UInt64 that holds it.
func BNot(v any) (any, error) {
	n, ok := ToNumber(v)
	if !ok {
		return nil, convErr(v, TInt32)
	}
	switch c := codeOf(n); {
	case c == cBig:
		return new(big.Int).Not(n.(*big.Int)), nil
	case c >= cSingle:
		f, _ := toFloat(n)
		for _, t := range []string{TInt32, TUInt32, TInt64, TUInt64} {
			if r, err := toIntType(v, f, t); err == nil {
				return BNot(r)
			}
		}
		return toIntType(v, f, TUInt64)
	case c <= cInt32:
		return int(^int32(int64Of(n))), nil
	case c == cUInt32:
		return ^uint32(ulongBits(n)), nil
	case c == cInt64:
		return ^int64Of(n), nil
	}
	return ^ulongBits(n), nil
}

// NetToInt32 is .NET's Convert.ToInt32(object), which the range operator
// uses: $null is 0, a string is parsed as a decimal integer, a number is
// rounded to even; the errors are .NET's own exceptions.
func NetToInt32(v any) (int, error) {
	overflow := &RuntimeError{Type: "System.OverflowException", Msg: "Value was either too large or too small for an Int32."}
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int:
		return x, nil
	case string:
		t := strings.TrimSpace(x)
		i, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return 0, overflow
			}
			return 0, &RuntimeError{Type: "System.FormatException", Msg: fmt.Sprintf("The input string '%s' was not in a correct format.", x)}
		}
		if i < math.MinInt32 || i > math.MaxInt32 {
			return 0, overflow
		}
		return int(i), nil
	case Numberer:
		return NetToInt32(x.PSNumber())
	}
	if codeOf(v) == cNone {
		return 0, &RuntimeError{Type: "System.InvalidCastException", Msg: fmt.Sprintf("Unable to cast object of type '%s' to type 'System.IConvertible'.", TypeName(v))}
	}
	r, err := toIntType(v, v, TInt32)
	if err != nil {
		return 0, overflow
	}
	return r.(int), nil
}

// cmpDecimal orders a decimal and another number as PowerShell does: the
// other number is cast to [decimal] (a double rounded to 15 digits), or,
// when that overflows, both are compared as doubles; a [bigint] is
// compared exactly.
func cmpDecimal(d Decimal, other any) int {
	switch o := other.(type) {
	case *big.Int:
		x := d.signedCoef()
		y := new(big.Int).Mul(o, pow10(int(d.scale)))
		return x.Cmp(y)
	case float32:
		// the single is widened to a double first
		other = float64(o)
	}
	od, err := decimalOf(other)
	if err != nil {
		x, y := d.Float64(), 0.0
		y, _ = toFloat(other)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return d.Cmp(od)
}
