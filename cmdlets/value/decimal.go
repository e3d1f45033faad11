package value

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Decimal stands for System.Decimal: a 96-bit unsigned coefficient, a scale
// (the power of ten, 0 to 28, that divides it) and a sign. Its arithmetic
// follows .NET's (Decimal.DecCalc): results keep their scale (1.10d * 3 is
// 3.30), inexact results are rounded half to even to the most digits that
// fit, and a result beyond 96 bits at scale 0 overflows. The zero value is 0.
type Decimal struct {
	lo    uint64
	hi    uint32
	scale uint8
	neg   bool
}

// decMaxScale is the largest scale of a decimal.
const decMaxScale = 28

// DecimalOverflowMessage is the message of the OverflowException of a
// decimal result out of range.
const DecimalOverflowMessage = "Value was either too large or too small for a Decimal."

func decOverflow() error {
	return &RuntimeError{Type: "System.OverflowException", Msg: DecimalOverflowMessage}
}

// DecimalMax is [decimal]::MaxValue, 79228162514264337593543950335.
func DecimalMax() Decimal { return Decimal{lo: math.MaxUint64, hi: math.MaxUint32} }

// DecimalMin is [decimal]::MinValue.
func DecimalMin() Decimal { return Decimal{lo: math.MaxUint64, hi: math.MaxUint32, neg: true} }

// DecimalFromInt64 is the decimal of an integer (scale 0).
func DecimalFromInt64(n int64) Decimal {
	if n < 0 {
		return Decimal{lo: nfAbs(n), neg: true}
	}
	return Decimal{lo: uint64(n)}
}

// DecimalFromUint64 is the decimal of an unsigned integer (scale 0).
func DecimalFromUint64(n uint64) Decimal { return Decimal{lo: n} }

// NewDecimal makes the decimal coef × 10^-scale (0 <= scale <= 28); it
// reports false when coef does not fit 96 bits.
func NewDecimal(coef *big.Int, scale int) (Decimal, bool) {
	if scale < 0 || scale > decMaxScale {
		return Decimal{}, false
	}
	neg := coef.Sign() < 0
	c := coef
	if neg {
		c = new(big.Int).Neg(coef)
	}
	if c.BitLen() > 96 {
		return Decimal{}, false
	}
	return decOf(c, scale, neg), true
}

// decOf builds a decimal from a coefficient known to fit 96 bits.
func decOf(c *big.Int, scale int, neg bool) Decimal {
	var lo, hi uint64
	words := c.Bits()
	if bits.UintSize == 64 {
		if len(words) > 0 {
			lo = uint64(words[0])
		}
		if len(words) > 1 {
			hi = uint64(words[1])
		}
	} else {
		lo = new(big.Int).And(c, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
		hi = new(big.Int).Rsh(c, 64).Uint64()
	}
	d := Decimal{lo: lo, hi: uint32(hi), scale: uint8(scale), neg: neg}
	if d.IsZero() {
		d.neg = false
	}
	return d
}

// coef returns the coefficient as a big integer.
func (d Decimal) coef() *big.Int {
	c := new(big.Int).SetUint64(d.lo)
	if d.hi != 0 {
		h := new(big.Int).SetUint64(uint64(d.hi))
		c.Or(c, h.Lsh(h, 64))
	}
	return c
}

// signedCoef returns the coefficient with the decimal's sign.
func (d Decimal) signedCoef() *big.Int {
	c := d.coef()
	if d.neg {
		c.Neg(c)
	}
	return c
}

// Scale returns the number of digits after the decimal point.
func (d Decimal) Scale() int { return int(d.scale) }

// IsZero reports whether d is zero (of any scale).
func (d Decimal) IsZero() bool { return d.lo == 0 && d.hi == 0 }

// Sign returns -1, 0 or 1.
func (d Decimal) Sign() int {
	switch {
	case d.IsZero():
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	if !d.IsZero() {
		d.neg = !d.neg
	}
	return d
}

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	d.neg = false
	return d
}

// pow10 returns 10^n.
func pow10(n int) *big.Int {
	if n < 19 {
		p := uint64(1)
		for i := 0; i < n; i++ {
			p *= 10
		}
		return new(big.Int).SetUint64(p)
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// roundQuo returns c / 10^k rounded half to even (c >= 0).
func roundQuo(c *big.Int, k int) *big.Int {
	if k <= 0 {
		return new(big.Int).Mul(c, pow10(-k))
	}
	d := pow10(k)
	q, r := new(big.Int).QuoRem(c, d, new(big.Int))
	roundHalfEven(q, r, d)
	return q
}

// roundHalfEven adds one to q when the remainder r of a division by d is
// more than half of d, or exactly half and q is odd.
func roundHalfEven(q, r, d *big.Int) {
	if r.Sign() == 0 {
		return
	}
	c := new(big.Int).Lsh(r, 1).Cmp(d)
	if c > 0 || c == 0 && q.Bit(0) == 1 {
		q.Add(q, big.NewInt(1))
	}
}

// fitDecimal rounds the exact value c × 10^-scale (c >= 0, scale >= 0) to
// the largest scale, at most 28, at which its coefficient fits 96 bits, as
// .NET's ScaleResult does; beyond 96 bits at scale 0 it overflows.
func fitDecimal(c *big.Int, scale int, neg bool) (Decimal, error) {
	t := min(scale, decMaxScale)
	for {
		q := roundQuo(c, scale-t)
		if q.BitLen() <= 96 {
			return decOf(q, t, neg), nil
		}
		if t == 0 {
			return Decimal{}, decOverflow()
		}
		// estimate how many digits too many, then go one at a time
		over := (q.BitLen()-96)*30103/100000 - 1
		if over < 1 {
			over = 1
		}
		t -= min(over, t)
	}
}

// aligned returns the signed coefficients of a and b at their larger scale.
func aligned(a, b Decimal) (x, y *big.Int, scale int) {
	scale = max(int(a.scale), int(b.scale))
	x, y = a.signedCoef(), b.signedCoef()
	if k := scale - int(a.scale); k > 0 {
		x.Mul(x, pow10(k))
	}
	if k := scale - int(b.scale); k > 0 {
		y.Mul(y, pow10(k))
	}
	return x, y, scale
}

// Add returns a + b at the larger scale, rounded when it does not fit.
func (a Decimal) Add(b Decimal) (Decimal, error) {
	if a.hi == 0 && b.hi == 0 && a.scale == b.scale && a.lo>>62 == 0 && b.lo>>62 == 0 {
		// the common case: both fit 62 bits at the same scale
		x, y := int64(a.lo), int64(b.lo)
		if a.neg {
			x = -x
		}
		if b.neg {
			y = -y
		}
		s := x + y
		r := DecimalFromInt64(s)
		r.scale = a.scale
		return r, nil
	}
	x, y, scale := aligned(a, b)
	s := x.Add(x, y)
	neg := s.Sign() < 0
	return fitDecimal(s.Abs(s), scale, neg)
}

// Sub returns a - b.
func (a Decimal) Sub(b Decimal) (Decimal, error) {
	b.neg = !b.neg
	return a.Add(b)
}

// Mul returns a × b at the sum of the scales, rounded to 28 digits after
// the point or to what fits.
func (a Decimal) Mul(b Decimal) (Decimal, error) {
	neg := a.neg != b.neg
	scale := int(a.scale) + int(b.scale)
	if a.hi == 0 && b.hi == 0 && a.lo>>32 == 0 && b.lo>>32 == 0 {
		p := a.lo * b.lo
		if scale <= decMaxScale {
			r := Decimal{lo: p, scale: uint8(scale), neg: neg}
			if p == 0 {
				r.neg = false
			}
			return r, nil
		}
		if scale > decMaxScale+19 {
			return Decimal{}, nil
		}
		return fitDecimal(new(big.Int).SetUint64(p), scale, neg)
	}
	p := new(big.Int).Mul(a.coef(), b.coef())
	if p.Sign() == 0 {
		// .NET returns a plain zero once an operand has more than 32 bits
		return Decimal{}, nil
	}
	return fitDecimal(p, scale, neg)
}

// Quo returns a / b as .NET computes it: exact at the dividend's scale less
// the divisor's when it can be (but never below scale 0), else with as
// many digits as fit (at most 28 after the point), rounded half to even,
// without trailing zeros.
func (a Decimal) Quo(b Decimal) (Decimal, error) {
	if b.IsZero() {
		return Decimal{}, divideByZero()
	}
	neg := a.neg != b.neg
	n, d := a.coef(), b.coef()
	natural := int(a.scale) - int(b.scale)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if r.Sign() == 0 {
		if natural < 0 {
			q.Mul(q, pow10(-natural))
			natural = 0
			if q.BitLen() > 96 {
				return Decimal{}, decOverflow()
			}
		}
		return decOf(q, natural, neg), nil
	}
	// the quotient at scale s is n × 10^(s-natural) / d; find the largest
	// s <= 28 at which it fits 96 bits
	s := decMaxScale
	for {
		if s-natural < 0 {
			return Decimal{}, decOverflow()
		}
		num := new(big.Int).Mul(n, pow10(s-natural))
		q, r = q.QuoRem(num, d, r)
		if q.BitLen() <= 96 {
			break
		}
		if s == 0 {
			return Decimal{}, decOverflow()
		}
		s--
	}
	roundHalfEven(q, r, d)
	if q.BitLen() > 96 {
		if s == 0 {
			return Decimal{}, decOverflow()
		}
		q = roundQuo(q, 1)
		s--
	}
	// drop the trailing zeros (Unscale)
	ten := big.NewInt(10)
	m := new(big.Int)
	for s > 0 && q.Sign() != 0 {
		qq, mm := new(big.Int).QuoRem(q, ten, m)
		if mm.Sign() != 0 {
			break
		}
		q = qq
		s--
	}
	return decOf(q, s, neg), nil
}

// Rem returns the remainder of a / b, which has a's sign: a itself when
// |a| < |b|, else at the larger scale.
func (a Decimal) Rem(b Decimal) (Decimal, error) {
	if b.IsZero() {
		return Decimal{}, divideByZero()
	}
	if a.IsZero() {
		return a, nil
	}
	switch c := a.Abs().Cmp(b.Abs()); {
	case c < 0:
		return a, nil
	case c == 0:
		return Decimal{scale: max(a.scale, b.scale)}, nil
	}
	x, y, scale := aligned(a.Abs(), b.Abs())
	r := x.Rem(x, y)
	return decOf(r, scale, a.neg), nil
}

// Cmp compares a and b by value: -1, 0 or 1.
func (a Decimal) Cmp(b Decimal) int {
	sa, sb := a.Sign(), b.Sign()
	if sa != sb {
		if sa < sb {
			return -1
		}
		return 1
	}
	if sa == 0 {
		return 0
	}
	if a.scale == b.scale && a.hi == b.hi && a.lo == b.lo {
		return 0
	}
	x, y, _ := aligned(a, b)
	return x.Cmp(y)
}

// MidpointRounding is System.MidpointRounding.
type MidpointRounding int

// The MidpointRounding modes, with .NET's values.
const (
	ToEven MidpointRounding = iota
	AwayFromZero
	ToZero
	ToNegativeInfinity
	ToPositiveInfinity
)

// Round rounds d to the given number of digits after the point (0 to 28)
// with the given mode, as Decimal.Round does; a scale already at most
// decimals is kept.
func (d Decimal) Round(decimals int, mode MidpointRounding) Decimal {
	if int(d.scale) <= decimals {
		return d
	}
	k := int(d.scale) - decimals
	p := pow10(k)
	q, r := new(big.Int).QuoRem(d.coef(), p, new(big.Int))
	if r.Sign() != 0 {
		up := false
		switch mode {
		case ToEven:
			c := new(big.Int).Lsh(r, 1).Cmp(p)
			up = c > 0 || c == 0 && q.Bit(0) == 1
		case AwayFromZero:
			up = new(big.Int).Lsh(r, 1).Cmp(p) >= 0
		case ToNegativeInfinity:
			up = d.neg
		case ToPositiveInfinity:
			up = !d.neg
		}
		if up {
			q.Add(q, big.NewInt(1))
		}
	}
	r2 := decOf(q, decimals, d.neg)
	if q.Sign() == 0 {
		r2.neg = d.neg // a rounded zero keeps its sign, as in .NET
	}
	return r2
}

// Truncate drops the fraction (scale 0).
func (d Decimal) Truncate() Decimal { return d.Round(0, ToZero) }

// Floor rounds toward negative infinity (scale 0).
func (d Decimal) Floor() Decimal { return d.Round(0, ToNegativeInfinity) }

// Ceiling rounds toward positive infinity (scale 0).
func (d Decimal) Ceiling() Decimal { return d.Round(0, ToPositiveInfinity) }

// decDoublePower10 is 10^n as the double .NET's table holds (the
// nearest double).
func decDoublePower10(n int) float64 {
	powers := [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
		1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28}
	return powers[n]
}

// Float64 converts d to the nearest double as .NET 8 does (VarR8FromDec:
// the 96-bit coefficient as a double divided by 10^scale).
func (d Decimal) Float64() float64 {
	const two64 = 18446744073709551616.0
	f := (float64(d.lo) + float64(d.hi)*two64) / decDoublePower10(int(d.scale))
	if d.neg {
		f = -f
	}
	return f
}

// Float32 converts d to a [single] (through the double, as .NET does).
func (d Decimal) Float32() float32 { return float32(d.Float64()) }

// DecimalFromFloat64 converts a double to a decimal as .NET 8 does
// (VarDecFromR8): the value is rounded to 15 significant digits, then its
// trailing zeros are dropped; a value too large, an infinity or NaN
// overflows, a value too small is 0.
func DecimalFromFloat64(f float64) (Decimal, error) {
	return decFromBinary(f, int(math.Float64bits(f)>>52&0x7FF)-1022, 15)
}

// DecimalFromFloat32 converts a [single] as .NET does (VarDecFromR4): like
// a double, with 7 significant digits.
func DecimalFromFloat32(f float32) (Decimal, error) {
	return decFromBinary(float64(f), int(math.Float32bits(f)>>23&0xFF)-126, 7)
}

// decFromBinary is VarDecFromR8/R4: exp is the binary exponent (with the
// bias .NET subtracts), digits the significant digits kept.
func decFromBinary(f float64, exp, digits int) (Decimal, error) {
	if exp < -94 {
		return Decimal{}, nil
	}
	if exp > 96 {
		return Decimal{}, decOverflow()
	}
	neg := f < 0
	dbl := math.Abs(f)
	top := decDoublePower10(digits) // 1e15 (1e7)
	power := digits - 1 - ((exp * 19728) >> 16)
	if power >= 0 {
		power = min(power, decMaxScale)
		dbl *= decDoublePower10(power)
	} else if power != -1 || dbl >= top {
		dbl /= decDoublePower10(-power)
	} else {
		power = 0
	}
	if dbl < top/10 && power < decMaxScale {
		dbl *= 10
		power++
	}
	mant := uint64(int64(dbl))
	rest := dbl - float64(int64(mant))
	if rest > 0.5 || rest == 0.5 && mant&1 != 0 {
		mant++
	}
	if mant == 0 {
		return Decimal{}, nil
	}
	c := new(big.Int).SetUint64(mant)
	if power < 0 {
		c.Mul(c, pow10(-power))
		if c.BitLen() > 96 {
			return Decimal{}, decOverflow()
		}
		return decOf(c, 0, neg), nil
	}
	// factor out the trailing zeros, at most digits-1 of them, never
	// below scale 0
	for k := min(power, digits-1); k > 0 && mant%10 == 0; k-- {
		mant /= 10
		power--
	}
	return Decimal{lo: mant, scale: uint8(power), neg: neg}, nil
}

// DecimalFromBig converts an integer exactly; beyond 96 bits it overflows.
func DecimalFromBig(b *big.Int) (Decimal, error) {
	d, ok := NewDecimal(b, 0)
	if !ok {
		return Decimal{}, decOverflow()
	}
	return d, nil
}

// Big returns the integer part of d (truncated), as (BigInteger)d does.
func (d Decimal) Big() *big.Int {
	t := d.Truncate()
	return t.signedCoef()
}

// String is Decimal.ToString(): every digit of the coefficient, with the
// point before the last scale digits ("1.10", "0.00", "-3"); no exponent.
func (d Decimal) String() string {
	var digits string
	if d.hi == 0 {
		digits = strconv.FormatUint(d.lo, 10)
	} else {
		digits = d.coef().String()
	}
	s := int(d.scale)
	var b strings.Builder
	if d.neg && !d.IsZero() {
		b.WriteByte('-')
	}
	if s == 0 {
		b.WriteString(digits)
		return b.String()
	}
	if len(digits) <= s {
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", s-len(digits)))
		b.WriteString(digits)
		return b.String()
	}
	b.WriteString(digits[:len(digits)-s])
	b.WriteByte('.')
	b.WriteString(digits[len(digits)-s:])
	return b.String()
}

// nfDigits returns d's number buffer for formatting: every digit of the
// coefficient (trailing zeros included, as .NET's DecimalToNumber gives
// them) and the position of the point.
func (d Decimal) nfDigits() *nfNumber {
	n := &nfNumber{neg: d.neg && !d.IsZero(), kind: nfDecimal}
	if d.IsZero() {
		n.scale = -int(d.scale)
		return n
	}
	var digits string
	if d.hi == 0 {
		digits = strconv.FormatUint(d.lo, 10)
	} else {
		digits = d.coef().String()
	}
	n.dig = []byte(digits)
	n.scale = len(digits) - int(d.scale)
	return n
}

// ParseDecimal reads a decimal as .NET's Decimal.Parse does with the
// invariant culture: white space around, a leading sign (a trailing one
// with thousands), digits with an optional point, and with exponent an
// exponent ("1.5e3"); with thousands, commas among the integer digits.
// The digits are kept exactly ("1.10" keeps its scale) up to 28 after the
// point, rounded half to even beyond that or beyond 96 bits. It reports
// false for other text and for a value out of range.
func ParseDecimal(s string, exponent, thousands bool) (Decimal, bool) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	} else if thousands && s != "" && (s[len(s)-1] == '-' || s[len(s)-1] == '+') {
		neg = s[len(s)-1] == '-'
		s = strings.TrimSpace(s[:len(s)-1])
	}
	var digits []byte
	frac, ndig := 0, 0
	point := false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			ndig++
			if len(digits) > 0 || c != '0' {
				digits = append(digits, c)
			}
			if point {
				frac++
			}
		case c == '.' && !point:
			point = true
		case c == ',' && thousands && !point && ndig > 0:
		default:
			goto rest
		}
	}
rest:
	if ndig == 0 {
		return Decimal{}, false
	}
	exp := 0
	if i < len(s) {
		if !exponent || (s[i] != 'e' && s[i] != 'E') {
			return Decimal{}, false
		}
		j := i + 1
		eneg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			eneg = s[j] == '-'
			j++
		}
		if j == len(s) {
			return Decimal{}, false
		}
		for ; j < len(s); j++ {
			if s[j] < '0' || s[j] > '9' {
				return Decimal{}, false
			}
			if exp < 100000 {
				exp = exp*10 + int(s[j]-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	// value = digits × 10^(exp - frac)
	e := exp - frac
	if len(digits) == 0 {
		return Decimal{scale: uint8(min(max(-e, 0), decMaxScale))}, true
	}
	if len(digits)+e > 29 {
		return Decimal{}, false
	}
	c, _ := new(big.Int).SetString(string(digits), 10)
	if e >= 0 {
		c.Mul(c, pow10(e))
		if c.BitLen() > 96 {
			return Decimal{}, false
		}
		return decOf(c, 0, neg), true
	}
	d, err := fitDecimal(c, -e, neg)
	if err != nil {
		return Decimal{}, false
	}
	return d, true
}

// decimalOf converts a number (after ToNumber) to a decimal as .NET's
// Convert.ToDecimal does: integers exactly, doubles and singles rounded to
// 15 and 7 significant digits.
func decimalOf(n any) (Decimal, error) {
	switch x := n.(type) {
	case Decimal:
		return x, nil
	case int:
		return DecimalFromInt64(int64(x)), nil
	case int64:
		return DecimalFromInt64(x), nil
	case float64:
		return DecimalFromFloat64(x)
	case float32:
		return DecimalFromFloat32(x)
	case *big.Int:
		return DecimalFromBig(x)
	case uint64:
		return DecimalFromUint64(x), nil
	}
	neg, mag, ok := intOf(n)
	if !ok {
		return Decimal{}, rtErr("cannot convert %s to a decimal", TypeName(n))
	}
	d := DecimalFromUint64(mag)
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// decimalArith is + - * / % on two decimals (PowerShell's DecimalOps),
// whose errors are RuntimeExceptions with .NET's messages.
func decimalArith(op string, x, y Decimal) (any, error) {
	var r Decimal
	var err error
	switch op {
	case "+":
		r, err = x.Add(y)
	case "-":
		r, err = x.Sub(y)
	case "*":
		r, err = x.Mul(y)
	case "/":
		r, err = x.Quo(y)
	case "%":
		r, err = x.Rem(y)
	default:
		return nil, rtErr("unknown operator %s", op)
	}
	if err != nil {
		if re, ok := err.(*RuntimeError); ok {
			return nil, &RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: re.Msg}
		}
		return nil, err
	}
	return r, nil
}

// decimalToInt rounds d half to even (Convert.ToInt64(decimal)) and
// returns the integer's sign and magnitude; ok is false beyond 64 bits.
func decimalToInt(d Decimal) (neg bool, mag uint64, ok bool) {
	r := d.Round(0, ToEven)
	if r.hi != 0 {
		return r.neg, 0, false
	}
	return r.neg && r.lo != 0, r.lo, true
}

// decimalLiteral reads the text of a number literal of type [decimal] (a
// d suffix, or an integer too large for [long]) as PowerShell's tokenizer
// does: Decimal.Parse of the digits (exponent allowed), times the
// multiplier (kb, mb, gb, tb, pb).
func decimalLiteral(text string) (Decimal, bool) {
	s := strings.TrimSpace(text)
	neg := false
	switch {
	case strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+"):
		neg = s[0] == '-'
		s = s[1:]
	case strings.HasPrefix(s, "\u2013") || strings.HasPrefix(s, "\u2014") || strings.HasPrefix(s, "\u2015"):
		neg = true
		s = s[3:]
	}
	mult := int64(1)
	if n := len(s); n >= 2 && (s[n-1] == 'b' || s[n-1] == 'B') {
		if p := strings.IndexByte("kmgtp", s[n-2]|0x20); p >= 0 {
			mult = int64(1) << (10 * (p + 1))
			s = s[:n-2]
		}
	}
	if n := len(s); n > 0 && (s[n-1] == 'd' || s[n-1] == 'D') {
		s = s[:n-1]
	}
	if s == "" || s[0] == '+' || s[0] == '-' {
		return Decimal{}, false
	}
	d, ok := ParseDecimal(s, true, false)
	if !ok {
		return Decimal{}, false
	}
	if neg {
		d = d.Neg()
	}
	if mult != 1 {
		r, err := d.Mul(DecimalFromInt64(mult))
		if err != nil {
			return Decimal{}, false
		}
		d = r
	}
	return d, true
}

// convertDecimal is a cast to [decimal] (LanguagePrimitives): $null is 0;
// a string is read as a number literal ('1.10' is the double 1.1, '1.10d'
// keeps its zero), else by Decimal.Parse ('1,000.50'), else as a double;
// a number converts as Convert.ToDecimal does.
func convertDecimal(v any) (any, error) {
	if v == nil {
		return Decimal{}, nil
	}
	if str, ok := v.(string); ok {
		if strings.TrimSpace(str) == "" {
			return Decimal{}, nil
		}
		if n, ok := ParseNumber(str); ok {
			d, err := decimalOf(n)
			if err != nil {
				return nil, convErrText(v, TDecimal, err.Error())
			}
			return d, nil
		}
		if d, ok := ParseDecimal(str, false, true); ok {
			return d, nil
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(str), ",", ""), 64); err == nil {
			if d, err := DecimalFromFloat64(f); err == nil {
				return d, nil
			}
		}
		return nil, convErr(v, TDecimal)
	}
	if a, ok := v.(*Array); ok && len(a.Items) != 1 {
		return nil, &ConversionError{Value: "System.Object[]", Type: TDecimal, Detail: `Cannot convert the "System.Object[]" value of type "System.Object[]" to type "System.Decimal".`}
	}
	n, ok := ToNumber(v)
	if !ok {
		return nil, convErr(v, TDecimal)
	}
	d, err := decimalOf(n)
	if err != nil {
		return nil, convErrText(v, TDecimal, err.Error())
	}
	return d, nil
}
