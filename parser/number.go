package parser

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// NumKind is the .NET type of a number literal.
type NumKind uint8

// Kinds of numbers. The first four keep their values: older code and
// golden files name them by number.
const (
	Int32 NumKind = iota
	Int64
	Double
	Decimal
	SByte
	Byte
	Int16
	UInt16
	UInt32
	UInt64
	BigInt
)

// Number is a parsed number literal.
type Number struct {
	Kind NumKind
	// Int holds the value of the signed kinds and of Byte, UInt16 and UInt32.
	Int int64
	// Uint holds the value of a UInt64.
	Uint uint64
	// Float holds the value of a Double or Decimal.
	Float float64
	// Big holds the value of a BigInt.
	Big *big.Int
}

// number suffix flags, as PowerShell's tokenizer combines them: u with s, y
// or l gives the unsigned kinds.
const (
	sufNone     = 0
	sufUnsigned = 1
	sufSByte    = 2
	sufByte     = 3
	sufShort    = 4
	sufUShort   = 5
	sufLong     = 8
	sufULong    = 9
	sufDecimal  = 16
	sufBig      = 32
)

// number formats
const (
	fmtDecimal = iota
	fmtHex
	fmtBinary
)

// ParseNumber parses PowerShell number text as about_Numeric_Literals
// describes it: decimal, hexadecimal (0x) and binary (0b) integers, reals
// with exponents, the type suffixes y uy s us l u ul n d and the
// multipliers kb mb gb tb pb, with an optional sign (typographic dashes
// count). Surrounding white space is allowed, as in a conversion from a
// string. It reports false when s is not a valid number.
func ParseNumber(s string) (Number, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Number{}, false
	}
	neg := false
	body := s
	switch {
	case body[0] == '-' || body[0] == '+':
		neg = body[0] == '-'
		body = body[1:]
	case strings.HasPrefix(body, "\u2013") || strings.HasPrefix(body, "\u2014") || strings.HasPrefix(body, "\u2015"):
		neg = true
		body = body[3:]
	}
	if body == "" {
		return Number{}, false
	}
	// the digits
	format := fmtDecimal
	real := false
	i := 0
	var digits string
	switch {
	case len(body) > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X'):
		format = fmtHex
		i = 2
		for i < len(body) && isHex(body[i]) {
			i++
		}
		digits = body[2:i]
	case len(body) > 1 && body[0] == '0' && (body[1] == 'b' || body[1] == 'B'):
		format = fmtBinary
		i = 2
		for i < len(body) && (body[i] == '0' || body[i] == '1') {
			i++
		}
		digits = body[2:i]
	default:
		for i < len(body) && isDigit(body[i]) {
			i++
		}
		intEnd := i
		if i < len(body) && body[i] == '.' {
			real = true
			i++
			for i < len(body) && isDigit(body[i]) {
				i++
			}
			if intEnd == 0 && i == 1 {
				return Number{}, false // a lone "."
			}
		} else if intEnd == 0 {
			return Number{}, false
		}
		if i < len(body) && (body[i] == 'e' || body[i] == 'E') {
			real = true
			j := i + 1
			if j < len(body) && (body[j] == '+' || body[j] == '-') {
				j++
			}
			k := j
			for k < len(body) && isDigit(body[k]) {
				k++
			}
			if k == j {
				return Number{}, false
			}
			i = k
		}
		digits = body[:i]
	}
	if digits == "" {
		return Number{}, false
	}
	// the type suffix: one letter, or u followed by l, s or y
	suffix := sufNone
	if i < len(body) {
		switch lower(body[i]) {
		case 'u':
			suffix = sufUnsigned
			i++
			if i < len(body) {
				switch lower(body[i]) {
				case 'l':
					suffix, i = sufULong, i+1
				case 's':
					suffix, i = sufUShort, i+1
				case 'y':
					suffix, i = sufByte, i+1
				}
			}
		case 's':
			suffix, i = sufShort, i+1
		case 'l':
			suffix, i = sufLong, i+1
		case 'd':
			suffix, i = sufDecimal, i+1
		case 'y':
			suffix, i = sufSByte, i+1
		case 'n':
			suffix, i = sufBig, i+1
		}
	}
	// the multiplier
	mult := int64(1)
	if i+1 < len(body) && lower(body[i+1]) == 'b' {
		if p := strings.IndexByte("kmgtp", lower(body[i])); p >= 0 {
			mult = int64(1) << (10 * (p + 1))
			i += 2
		}
	}
	if i != len(body) {
		return Number{}, false
	}
	if real {
		return realNumber(digits, neg, suffix, mult)
	}
	return integerNumber(digits, format, neg, suffix, mult)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// realNumber is a literal with a decimal point or an exponent: a Double, a
// Decimal with the d suffix, or (other suffixes) the truncated value in the
// suffix's type.
func realNumber(digits string, neg bool, suffix int, mult int64) (Number, bool) {
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return Number{}, false
	}
	if neg {
		f = -f
	}
	f *= float64(mult)
	switch suffix {
	case sufNone:
		return Number{Kind: Double, Float: f}, true
	case sufDecimal:
		if math.Abs(f) > maxDecimal {
			return Number{}, false
		}
		return Number{Kind: Decimal, Float: f}, true
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return Number{}, false
	}
	b, _ := big.NewFloat(math.Trunc(f)).Int(nil)
	return suffixed(b, suffix, fmtDecimal)
}

// maxDecimal is System.Decimal's largest value.
const maxDecimal = 79228162514264337593543950335.0

// integerNumber is a literal without a decimal point: its value is read
// as a big integer, multiplied, then fitted to the suffix's type.
func integerNumber(digits string, format int, neg bool, suffix int, mult int64) (Number, bool) {
	if format == fmtDecimal && len(digits) <= 18 {
		// the common case fits an int64 with its multiplier: no big.Int
		n, err := strconv.ParseInt(digits, 10, 64)
		if err == nil && n <= math.MaxInt64/mult {
			if neg {
				n = -n
			}
			return suffixedInt(n*mult, suffix)
		}
	}
	var b *big.Int
	switch format {
	case fmtHex:
		// a hex literal has a sign bit when it fills its type: 8 digits
		// (or 16) without a suffix, 2 with y, 4 with s, 16 with l
		signed := false
		if suffix&sufUnsigned == 0 {
			width := 8
			switch suffix {
			case sufSByte:
				width = 2
			case sufShort:
				width = 4
			case sufLong:
				width = 16
			default:
				if len(digits)+1 >= 16 {
					width = 16
				}
			}
			signed = len(digits) == width
		}
		b = new(big.Int)
		if _, ok := b.SetString(digits, 16); !ok {
			return Number{}, false
		}
		if signed && hexValue(digits[0]) >= 8 {
			b.Sub(b, new(big.Int).Lsh(big.NewInt(1), uint(4*len(digits))))
		}
		if len(digits) == 16 && (suffix == sufNone || suffix == sufUnsigned) {
			suffix |= sufLong
		}
	case fmtBinary:
		b = new(big.Int)
		b.SetString(digits, 2)
		signed := false
		if suffix&sufUnsigned == 0 && digits[0] == '1' {
			switch n := len(digits); {
			case n == 8, n == 16, n == 32, n == 64, n == 96, n >= 128 && n%8 == 0:
				signed = true
			}
		}
		if signed {
			b.Sub(b, new(big.Int).Lsh(big.NewInt(1), uint(len(digits))))
		}
		if len(digits) == 64 && (suffix == sufNone || suffix == sufUnsigned) {
			suffix |= sufLong
		}
	default:
		b = new(big.Int)
		if _, ok := b.SetString(digits, 10); !ok {
			return Number{}, false
		}
	}
	if neg {
		b.Neg(b)
	}
	if mult != 1 {
		b.Mul(b, big.NewInt(mult))
	}
	return suffixed(b, suffix, format)
}

func hexValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// suffixedInt is suffixed for a value that fits an int64.
func suffixedInt(n int64, suffix int) (Number, bool) {
	in := func(lo, hi int64) bool { return n >= lo && n <= hi }
	switch suffix {
	case sufSByte:
		return Number{Kind: SByte, Int: n}, in(math.MinInt8, math.MaxInt8)
	case sufByte:
		return Number{Kind: Byte, Int: n}, in(0, math.MaxUint8)
	case sufShort:
		return Number{Kind: Int16, Int: n}, in(math.MinInt16, math.MaxInt16)
	case sufUShort:
		return Number{Kind: UInt16, Int: n}, in(0, math.MaxUint16)
	case sufLong:
		return Number{Kind: Int64, Int: n}, true
	case sufUnsigned:
		if in(0, math.MaxUint32) {
			return Number{Kind: UInt32, Int: n}, true
		}
		return Number{Kind: UInt64, Uint: uint64(n)}, n >= 0
	case sufULong:
		return Number{Kind: UInt64, Uint: uint64(n)}, n >= 0
	case sufDecimal:
		return Number{Kind: Decimal, Float: float64(n)}, true
	case sufBig:
		return Number{Kind: BigInt, Big: big.NewInt(n)}, true
	case sufNone:
		if in(math.MinInt32, math.MaxInt32) {
			return Number{Kind: Int32, Int: n}, true
		}
		return Number{Kind: Int64, Int: n}, true
	}
	return Number{}, false
}

// suffixed fits an integer value to the type its suffix names; without a
// suffix it is the first of Int32, Int64, Decimal and Double (the last two
// for decimal literals only) that holds it.
func suffixed(b *big.Int, suffix, format int) (Number, bool) {
	in := func(lo, hi int64) bool { return b.IsInt64() && b.Int64() >= lo && b.Int64() <= hi }
	switch suffix {
	case sufSByte:
		return Number{Kind: SByte, Int: b.Int64()}, in(math.MinInt8, math.MaxInt8)
	case sufByte:
		return Number{Kind: Byte, Int: b.Int64()}, in(0, math.MaxUint8)
	case sufShort:
		return Number{Kind: Int16, Int: b.Int64()}, in(math.MinInt16, math.MaxInt16)
	case sufUShort:
		return Number{Kind: UInt16, Int: b.Int64()}, in(0, math.MaxUint16)
	case sufLong:
		return Number{Kind: Int64, Int: b.Int64()}, b.IsInt64()
	case sufUnsigned:
		if in(0, math.MaxUint32) {
			return Number{Kind: UInt32, Int: b.Int64()}, true
		}
		return Number{Kind: UInt64, Uint: b.Uint64()}, b.IsUint64()
	case sufULong:
		return Number{Kind: UInt64, Uint: b.Uint64()}, b.IsUint64()
	case sufDecimal:
		f, _ := new(big.Float).SetInt(b).Float64()
		return Number{Kind: Decimal, Float: f}, math.Abs(f) <= maxDecimal
	case sufBig:
		return Number{Kind: BigInt, Big: b}, true
	case sufNone:
		if in(math.MinInt32, math.MaxInt32) {
			return Number{Kind: Int32, Int: b.Int64()}, true
		}
		if b.IsInt64() {
			return Number{Kind: Int64, Int: b.Int64()}, true
		}
		if format != fmtDecimal {
			return Number{}, false
		}
		f, _ := new(big.Float).SetInt(b).Float64()
		if math.Abs(f) <= maxDecimal {
			return Number{Kind: Decimal, Float: f}, true
		}
		if math.IsInf(f, 0) {
			return Number{}, false
		}
		return Number{Kind: Double, Float: f}, true
	}
	return Number{}, false
}

func parseNumberLiteral(s string) (Number, bool) { return ParseNumber(s) }
