package parser

import (
	"math"
	"strconv"
	"strings"
)

// NumKind is the .NET type of a number literal.
type NumKind uint8

// Kinds of numbers.
const (
	Int32 NumKind = iota
	Int64
	Double
	Decimal
)

// Number is a parsed number literal.
type Number struct {
	Kind  NumKind
	Int   int64   // for Int32 and Int64
	Float float64 // for Double and Decimal
}

// ParseNumber parses PowerShell number text: integers, hex (0x), reals,
// exponents, the type suffixes l and d and the multipliers kb mb gb tb pb,
// with an optional sign (typographic dashes count). Surrounding white space
// is allowed, as in a conversion from a string. It reports false when s is
// not a number.
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
	lower := strings.ToLower(body)
	mult := int64(1)
	for i, suf := range []string{"kb", "mb", "gb", "tb", "pb"} {
		if strings.HasSuffix(lower, suf) {
			mult = int64(1) << (10 * (i + 1))
			lower = lower[:len(lower)-2]
			break
		}
	}
	long := false
	if strings.HasPrefix(lower, "0x") {
		hex := lower[2:]
		if strings.HasSuffix(hex, "l") {
			long = true
			hex = hex[:len(hex)-1]
		}
		if hex == "" {
			return Number{}, false
		}
		u, err := strconv.ParseUint(hex, 16, 64)
		if err != nil {
			return Number{}, false
		}
		n := int64(u)
		if !long && len(hex) <= 8 {
			n = int64(int32(uint32(u)))
		}
		if neg {
			n = -n
		}
		return intNumber(n*mult, long), true
	}
	var kind byte
	if n := len(lower); n > 0 && (lower[n-1] == 'l' || lower[n-1] == 'd') {
		kind = lower[n-1]
		lower = lower[:n-1]
	}
	if lower == "" || lower == "." {
		return Number{}, false
	}
	for i := 0; i < len(lower); i++ {
		c := lower[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == '+' || c == '-') {
			return Number{}, false
		}
	}
	if c := lower[0]; c == 'e' || c == '+' || c == '-' {
		return Number{}, false
	}
	if !strings.ContainsAny(lower, ".e") {
		n, err := strconv.ParseInt(lower, 10, 64)
		if err != nil || kind == 'd' {
			f, ferr := strconv.ParseFloat(lower, 64)
			if ferr != nil || kind == 'l' {
				return Number{}, false
			}
			if neg {
				f = -f
			}
			k := Double
			if kind == 'd' {
				k = Decimal
			}
			return Number{Kind: k, Float: f * float64(mult)}, true
		}
		if neg {
			n = -n
		}
		if mult != 1 && (n > math.MaxInt64/mult || n < math.MinInt64/mult) {
			return Number{Kind: Double, Float: float64(n) * float64(mult)}, true
		}
		return intNumber(n*mult, kind == 'l'), true
	}
	f, err := strconv.ParseFloat(lower, 64)
	if err != nil {
		return Number{}, false
	}
	if neg {
		f = -f
	}
	f *= float64(mult)
	switch kind {
	case 'd':
		return Number{Kind: Decimal, Float: f}, true
	case 'l':
		if f != math.Trunc(f) {
			return Number{}, false
		}
		return Number{Kind: Int64, Int: int64(f)}, true
	}
	return Number{Kind: Double, Float: f}, true
}

func intNumber(n int64, long bool) Number {
	if !long && n >= math.MinInt32 && n <= math.MaxInt32 {
		return Number{Kind: Int32, Int: n}
	}
	return Number{Kind: Int64, Int: n}
}

func parseNumberLiteral(s string) (Number, bool) { return ParseNumber(s) }
