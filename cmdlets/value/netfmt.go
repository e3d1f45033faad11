package value

// .NET composite and IFormattable formatting, as PowerShell 7 (.NET 8, ICU)
// does it with the en-US current culture: String.Format for the -f operator
// and ToString(format) for numbers, dates, time spans and GUIDs.
//
// Numbers follow the runtime's algorithms (Number.Formatting.cs):
//
//   - doubles with a standard specifier (C E F G N P R) are correctly rounded
//     from the exact binary value, exact ties going to the even digit, as
//     Dragon4/Grisu do since .NET Core 3.0: 2.5 F0 is "2", 0.125 F2 is
//     "0.12", 0.15 F1 is "0.1" (0.15 is really 0.1499…);
//   - doubles with a custom format ("0.00") are first cut to 15 significant
//     digits, then rounded half up: 0.125 "0.00" is "0.13";
//   - integers and decimals round half away from zero: 1234.5d N0 is
//     "1,235"; a decimal's digits are its coefficient's, trailing zeros
//     included (1.10d is "1.10");
//   - the default double form is the shortest round-trip string, switching
//     to E notation when the exponent is >= 17 (beyond max(digits, 17)) or
//     < -4: 1e16 is "10000000000000000", 1e17 is "1E+17", 0.00001 is "1E-05";
//   - en-US ICU patterns: currency "$1.00" / "-$1.00", percent "12.50%" /
//     "-12.50%", number "-1,234.00", infinity "∞" / "-∞", NaN "NaN".

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Messages of the System.FormatException the formatting methods throw.
const (
	// FormatIndexMessage is String.Format's message for {n} past the arguments.
	FormatIndexMessage = "Index (zero based) must be greater than or equal to zero and less than the size of the argument list."
	// FormatInvalidMessage is the message for a malformed format string.
	FormatInvalidMessage = "Input string was not in a correct format."
	// FormatSpecifierMessage is the message for an unknown numeric specifier.
	FormatSpecifierMessage = "Format specifier was invalid."
	// FormatGuidMessage is Guid.ToString's message for an unknown specifier.
	FormatGuidMessage = `Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".`
)

// FormatError is a System.FormatException raised while formatting.
type FormatError struct {
	Msg string
}

func (e *FormatError) Error() string { return e.Msg }

func nfError(msg string) error { return &FormatError{Msg: msg} }

// FormatComposite implements String.Format(CultureInfo.CurrentCulture,
// format, args): {index[,alignment][:formatString]} holes, {{ and }}
// escapes. Each argument is formatted with FormatValue, except arrays, which
// .NET prints with Object.ToString ("System.Object[]").
func FormatComposite(format string, args []any) (string, error) {
	const indexLimit, widthLimit = 1000000, 1000000
	var b strings.Builder
	n := len(format)
	pos := 0
	bad := func() (string, error) { return "", nfError(FormatInvalidMessage) }
	for {
		// Copy text up to the next unescaped opening brace.
		for {
			if pos >= n {
				return b.String(), nil
			}
			i := strings.IndexAny(format[pos:], "{}")
			if i < 0 {
				b.WriteString(format[pos:])
				return b.String(), nil
			}
			b.WriteString(format[pos : pos+i])
			pos += i
			brace := format[pos]
			pos++
			if pos >= n {
				return bad()
			}
			if format[pos] == brace {
				b.WriteByte(brace)
				pos++
				continue
			}
			if brace != '{' {
				return bad()
			}
			break
		}
		// pos is just after the opening brace.
		ch := format[pos]
		next := func() bool {
			pos++
			if pos >= n {
				return false
			}
			ch = format[pos]
			return true
		}
		if ch < '0' || ch > '9' {
			return bad()
		}
		index := int(ch - '0')
		width, left, spec := 0, false, ""
		if !next() {
			return bad()
		}
		if ch != '}' {
			for nfIsDigit(ch) && index < indexLimit {
				index = index*10 + int(ch-'0')
				if !next() {
					return bad()
				}
			}
			for ch == ' ' {
				if !next() {
					return bad()
				}
			}
			if ch == ',' {
				for {
					if !next() {
						return bad()
					}
					if ch != ' ' {
						break
					}
				}
				if ch == '-' {
					left = true
					if !next() {
						return bad()
					}
				}
				if !nfIsDigit(ch) {
					return bad()
				}
				width = int(ch - '0')
				if !next() {
					return bad()
				}
				for nfIsDigit(ch) && width < widthLimit {
					width = width*10 + int(ch-'0')
					if !next() {
						return bad()
					}
				}
				for ch == ' ' {
					if !next() {
						return bad()
					}
				}
			}
			if ch != '}' {
				if ch != ':' {
					return bad()
				}
				start := pos + 1
				for {
					if !next() {
						return bad()
					}
					if ch == '}' {
						break
					}
					if ch == '{' {
						return bad()
					}
				}
				spec = format[start:pos]
			}
		}
		pos++ // past the closing brace
		if index >= len(args) {
			return "", nfError(FormatIndexMessage)
		}
		s, err := FormatValue(args[index], spec)
		if err != nil {
			return "", err
		}
		if pad := width - nfUTF16Len(s); pad > 0 {
			if left {
				b.WriteString(s)
				b.WriteString(strings.Repeat(" ", pad))
			} else {
				b.WriteString(strings.Repeat(" ", pad))
				b.WriteString(s)
			}
		} else {
			b.WriteString(s)
		}
	}
}

func nfIsDigit(c byte) bool { return c >= '0' && c <= '9' }

// nfUTF16Len is the length of s in UTF-16 code units, as .NET counts it.
func nfUTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// FormatValue formats v as IFormattable.ToString(spec, en-US) does. Numbers,
// [datetime], [timespan] and [guid] honour spec; other values ignore it and
// give their string form (arrays give their .NET type name, as
// Object.ToString does). An empty spec gives the value's default ToString();
// for a [datetime] that is the en-US "G" form (M/d/yyyy h:mm:ss tt).
func FormatValue(v any, spec string) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case int:
		if x >= math.MinInt32 && x <= math.MaxInt32 {
			return nfFormatInteger(x < 0, nfAbs(int64(x)), 32, spec)
		}
		return nfFormatInteger(x < 0, nfAbs(int64(x)), 64, spec)
	case int64:
		return nfFormatInteger(x < 0, nfAbs(x), 64, spec)
	case int16:
		return nfFormatInteger(x < 0, nfAbs(int64(x)), 16, spec)
	case int8:
		return nfFormatInteger(x < 0, nfAbs(int64(x)), 8, spec)
	case uint8:
		return nfFormatInteger(false, uint64(x), 8, spec)
	case uint16:
		return nfFormatInteger(false, uint64(x), 16, spec)
	case uint32:
		return nfFormatInteger(false, uint64(x), 32, spec)
	case uint64:
		return nfFormatInteger(false, x, 64, spec)
	case uint:
		return nfFormatInteger(false, uint64(x), 64, spec)
	case float64:
		return nfFormatDouble(x, spec)
	case float32:
		return nfFormatSingle(x, spec)
	case *big.Int:
		if x.IsInt64() {
			return nfFormatInteger(x.Sign() < 0, nfAbs(x.Int64()), 64, spec)
		}
		if x.IsUint64() {
			return nfFormatInteger(false, x.Uint64(), 64, spec)
		}
		if c, _, err := nfParseSpec(spec); err == nil && (c == 'G' || c == 'g' || c == 'D' || c == 'd' || c == 'R' || c == 'r') {
			return x.String(), nil
		}
		return nfFormatDouble(bigFloat(x), spec)
	case Decimal:
		return nfFormatDecimal(x, spec)
	case time.Time:
		return FormatDate(x, spec)
	case time.Duration:
		return FormatDuration(x, spec)
	case Guid:
		return nfGuid(string(x), spec)
	case *Array:
		if x.List && x.Elem != "" {
			return "System.Collections.Generic.List`1[" + x.Elem + "]", nil
		}
		return TypeName(x), nil
	}
	return ToString(v), nil
}

func nfAbs(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// nfParseSpec is Number.ParseFormatSpecifier: a letter followed only by
// digits is a standard specifier (digits = precision, -1 when absent); ""
// is "G"; anything else is a custom format, returned as 0.
func nfParseSpec(spec string) (byte, int, error) {
	if spec == "" {
		return 'G', -1, nil
	}
	c := spec[0]
	if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') {
		if len(spec) == 1 {
			return c, -1, nil
		}
		n, i := 0, 1
		for i < len(spec) && nfIsDigit(spec[i]) {
			n = n*10 + int(spec[i]-'0')
			if n > 999999999 {
				return 0, 0, nfError(FormatSpecifierMessage)
			}
			i++
		}
		if i == len(spec) {
			return c, n, nil
		}
	}
	return 0, -1, nil
}

// Number buffer, as .NET's NumberBuffer: value = 0.d1d2d3… × 10^scale.

type nfKind uint8

const (
	nfInteger nfKind = iota
	nfDecimal
	nfFloat
)

type nfNumber struct {
	dig   []byte // significant digits; empty for zero
	scale int
	neg   bool
	kind  nfKind
}

// at returns digit i, or 0 past the end (the buffer's terminator).
func (n *nfNumber) at(i int) byte {
	if i >= 0 && i < len(n.dig) {
		return n.dig[i]
	}
	return 0
}

func nfFromUint(neg bool, mag uint64, kind nfKind) *nfNumber {
	n := &nfNumber{neg: neg, kind: kind}
	if mag != 0 {
		n.dig = []byte(strconv.FormatUint(mag, 10))
		n.scale = len(n.dig)
		n.trim()
	}
	return n
}

func (n *nfNumber) trim() {
	i := len(n.dig)
	for i > 0 && n.dig[i-1] == '0' {
		i--
	}
	n.dig = n.dig[:i]
	if i == 0 {
		n.scale = 0
	}
}

// nfFromExp reads strconv's 'e' output ("1.2345e+06") of a non-negative value.
func nfFromExp(s string, neg bool, kind nfKind) *nfNumber {
	n := &nfNumber{neg: neg, kind: kind}
	e := strings.IndexByte(s, 'e')
	mant, exp := s[:e], s[e+1:]
	x, _ := strconv.Atoi(exp)
	n.dig = make([]byte, 0, len(mant))
	for i := 0; i < len(mant); i++ {
		if mant[i] != '.' {
			n.dig = append(n.dig, mant[i])
		}
	}
	if len(n.dig) > 0 && n.dig[0] == '0' { // zero
		n.dig = n.dig[:0]
		return n
	}
	n.scale = x + 1
	n.trim()
	return n
}

// nfFromFixed reads strconv's 'f' output ("0.0120") of a non-negative value.
func nfFromFixed(s string, neg bool, kind nfKind) *nfNumber {
	n := &nfNumber{neg: neg, kind: kind}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	}
	all := intPart + frac
	lead := 0
	for lead < len(all) && all[lead] == '0' {
		lead++
	}
	if lead == len(all) {
		return n
	}
	n.dig = []byte(all[lead:])
	n.scale = len(intPart) - lead
	n.trim()
	return n
}

// Largest precisions worth asking strconv for: a double's exact expansion
// has at most 767 significant digits and 1074 fractional digits.
const (
	nfMaxSig  = 800
	nfMaxFrac = 1100
)

func nfDoubleShortest(a float64, neg bool) *nfNumber {
	if a == 0 {
		return &nfNumber{neg: neg, kind: nfFloat}
	}
	return nfFromExp(strconv.FormatFloat(a, 'e', -1, 64), neg, nfFloat)
}

func nfDoubleSignificant(a float64, neg bool, digits int) *nfNumber {
	if a == 0 {
		return &nfNumber{neg: neg, kind: nfFloat}
	}
	if digits > nfMaxSig {
		digits = nfMaxSig
	}
	return nfFromExp(strconv.FormatFloat(a, 'e', digits-1, 64), neg, nfFloat)
}

func nfDoubleFixed(a float64, neg bool, frac int) *nfNumber {
	if a == 0 {
		return &nfNumber{neg: neg, kind: nfFloat}
	}
	if frac > nfMaxFrac {
		frac = nfMaxFrac
	}
	return nfFromFixed(strconv.FormatFloat(a, 'f', frac, 64), neg, nfFloat)
}

func nfFormatDouble(f float64, spec string) (string, error) {
	switch {
	case math.IsNaN(f):
		return "NaN", nil
	case math.IsInf(f, 1):
		return "∞", nil
	case math.IsInf(f, -1):
		return "-∞", nil
	}
	c, prec, err := nfParseSpec(spec)
	if err != nil {
		return "", err
	}
	neg, a := math.Signbit(f), math.Abs(f)
	if c == 0 {
		// Custom formats work on 15 significant digits (DoublePrecisionCustomFormat).
		return nfCustom(nfDoubleSignificant(a, neg, 15), spec), nil
	}
	var num *nfNumber
	nMax := prec
	switch c {
	case 'C', 'c', 'F', 'f', 'N', 'n':
		p := prec
		if p < 0 {
			p = 2
		}
		num = nfDoubleFixed(a, neg, p)
	case 'P', 'p':
		p := prec
		if p < 0 {
			p = 2
		}
		num = nfDoubleFixed(a, neg, p+2)
	case 'E', 'e':
		p := prec
		if p < 0 {
			p = 6
		}
		num = nfDoubleSignificant(a, neg, p+1)
	case 'G', 'g', 'R', 'r':
		if c == 'R' || c == 'r' || prec <= 0 {
			num = nfDoubleShortest(a, neg)
			nMax = max(len(num.dig), 17)
		} else {
			num = nfDoubleSignificant(a, neg, prec)
		}
	default:
		return "", nfError(FormatSpecifierMessage)
	}
	var b strings.Builder
	if err := nfNumberToString(&b, num, c, nMax); err != nil {
		return "", err
	}
	return b.String(), nil
}

// nfFormatSingle is Single.ToString(spec): like a double, but the default
// and "R" give the shortest digits that round-trip a float32, and custom
// formats work on 7 significant digits.
func nfFormatSingle(f float32, spec string) (string, error) {
	c, prec, err := nfParseSpec(spec)
	if err != nil || math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return nfFormatDouble(float64(f), spec)
	}
	a := math.Abs(float64(f))
	neg := math.Signbit(float64(f))
	var num *nfNumber
	nMax := prec
	switch {
	case c == 0:
		num = &nfNumber{neg: neg, kind: nfFloat}
		if a != 0 {
			num = nfFromExp(strconv.FormatFloat(a, 'e', 6, 32), neg, nfFloat)
		}
		return nfCustom(num, spec), nil
	case (c == 'G' || c == 'g') && prec <= 0, c == 'R' || c == 'r':
		num = &nfNumber{neg: neg, kind: nfFloat}
		if a != 0 {
			num = nfFromExp(strconv.FormatFloat(a, 'e', -1, 32), neg, nfFloat)
		}
		nMax = max(len(num.dig), 9)
	case c == 'G' || c == 'g':
		num = &nfNumber{neg: neg, kind: nfFloat}
		if a != 0 {
			num = nfFromExp(strconv.FormatFloat(a, 'e', prec-1, 32), neg, nfFloat)
		}
	default:
		return nfFormatDouble(float64(f), spec)
	}
	var b strings.Builder
	if err := nfNumberToString(&b, num, c, nMax); err != nil {
		return "", err
	}
	return b.String(), nil
}

func nfFormatDecimal(d Decimal, spec string) (string, error) {
	c, prec, err := nfParseSpec(spec)
	if err != nil {
		return "", err
	}
	num := d.nfDigits()
	if c == 0 {
		return nfCustom(num, spec), nil
	}
	var b strings.Builder
	if err := nfNumberToString(&b, num, c, prec); err != nil {
		return "", err
	}
	return b.String(), nil
}

// nfFormatInteger formats an integer of the given bit width (for X, negative
// values print in two's complement of that width).
func nfFormatInteger(neg bool, mag uint64, bits int, spec string) (string, error) {
	c, prec, err := nfParseSpec(spec)
	if err != nil {
		return "", err
	}
	switch {
	case c == 'D' || c == 'd' || ((c == 'G' || c == 'g') && prec < 1):
		s := strconv.FormatUint(mag, 10)
		if prec > len(s) {
			s = strings.Repeat("0", prec-len(s)) + s
		}
		if neg {
			s = "-" + s
		}
		return s, nil
	case c == 'X' || c == 'x':
		u := mag
		if neg {
			u = -mag
			if bits < 64 {
				u &= 1<<uint(bits) - 1
			}
		}
		s := strconv.FormatUint(u, 16)
		if c == 'X' {
			s = strings.ToUpper(s)
		}
		if prec > len(s) {
			s = strings.Repeat("0", prec-len(s)) + s
		}
		return s, nil
	}
	num := nfFromUint(neg, mag, nfInteger)
	if c == 0 {
		return nfCustom(num, spec), nil
	}
	var b strings.Builder
	if err := nfNumberToString(&b, num, c, prec); err != nil {
		return "", err
	}
	return b.String(), nil
}

// nfRound is Number.RoundNumber: keep pos digits, rounding half up
// unless the digits are already correctly rounded (floating point with a
// standard specifier).
func nfRound(n *nfNumber, pos int, correctlyRounded bool) {
	i := 0
	for i < pos && i < len(n.dig) {
		i++
	}
	if i == pos && i < len(n.dig) && !correctlyRounded && n.dig[i] >= '5' {
		for i > 0 && n.dig[i-1] == '9' {
			i--
		}
		if i > 0 {
			n.dig[i-1]++
		} else {
			n.scale++
			n.dig[0] = '1'
			i = 1
		}
	} else {
		for i > 0 && n.dig[i-1] == '0' {
			i--
		}
	}
	if i == 0 {
		if n.kind != nfFloat {
			n.neg = false
		}
		n.scale = 0
	}
	n.dig = n.dig[:i]
}

// nfNumberToString is Number.NumberToString for the en-US culture.
func nfNumberToString(b *strings.Builder, n *nfNumber, f byte, nMax int) error {
	cr := n.kind == nfFloat
	switch f {
	case 'C', 'c':
		if nMax < 0 {
			nMax = 2
		}
		nfRound(n, n.scale+nMax, cr)
		if n.neg { // CurrencyNegativePattern 1: -$n
			b.WriteByte('-')
		}
		b.WriteByte('$')
		nfFixed(b, n, nMax, true)
	case 'F', 'f':
		if nMax < 0 {
			nMax = 2
		}
		nfRound(n, n.scale+nMax, cr)
		if n.neg {
			b.WriteByte('-')
		}
		nfFixed(b, n, nMax, false)
	case 'N', 'n':
		if nMax < 0 {
			nMax = 2
		}
		nfRound(n, n.scale+nMax, cr)
		if n.neg {
			b.WriteByte('-')
		}
		nfFixed(b, n, nMax, true)
	case 'E', 'e':
		if nMax < 0 {
			nMax = 6
		}
		nMax++
		nfRound(n, nMax, cr)
		if n.neg {
			b.WriteByte('-')
		}
		nfScientific(b, n, nMax, f)
	case 'R', 'r':
		if n.kind != nfFloat {
			return nfError(FormatSpecifierMessage)
		}
		return nfNumberToString(b, n, f-('R'-'G'), nMax)
	case 'G', 'g':
		expChar := f - ('G' - 'E')
		if nMax < 1 {
			if n.kind == nfDecimal && nMax == -1 {
				// No rounding and no exponent: all the decimal's digits.
				if len(n.dig) > 0 && n.neg {
					b.WriteByte('-')
				}
				nfGeneral(b, n, nMax, expChar, true)
				return nil
			}
			nMax = len(n.dig)
		}
		nfRound(n, nMax, cr)
		if n.neg {
			b.WriteByte('-')
		}
		nfGeneral(b, n, nMax, expChar, false)
	case 'P', 'p':
		if nMax < 0 {
			nMax = 2
		}
		n.scale += 2
		nfRound(n, n.scale+nMax, cr)
		if n.neg { // PercentNegativePattern 1: -n%
			b.WriteByte('-')
		}
		nfFixed(b, n, nMax, true)
		b.WriteByte('%') // PercentPositivePattern 1: n%
	default:
		return nfError(FormatSpecifierMessage)
	}
	return nil
}

// nfFixed writes the integer part (grouped by threes when group is set)
// and nMax fractional digits.
func nfFixed(b *strings.Builder, n *nfNumber, nMax int, group bool) {
	digPos := n.scale
	di := 0
	if digPos > 0 {
		intDigits := make([]byte, digPos)
		for i := range intDigits {
			if c := n.at(di); c != 0 {
				intDigits[i] = c
				di++
			} else {
				intDigits[i] = '0'
			}
		}
		if group {
			for i, c := range intDigits {
				if i > 0 && (digPos-i)%3 == 0 {
					b.WriteByte(',')
				}
				b.WriteByte(c)
			}
		} else {
			b.Write(intDigits)
		}
	} else {
		b.WriteByte('0')
	}
	if nMax > 0 {
		b.WriteByte('.')
		if digPos < 0 {
			zeros := min(-digPos, nMax)
			b.WriteString(strings.Repeat("0", zeros))
			nMax -= zeros
		}
		for ; nMax > 0; nMax-- {
			if c := n.at(di); c != 0 {
				b.WriteByte(c)
				di++
			} else {
				b.WriteByte('0')
			}
		}
	}
}

func nfScientific(b *strings.Builder, n *nfNumber, nMax int, expChar byte) {
	di := 0
	if c := n.at(di); c != 0 {
		b.WriteByte(c)
		di++
	} else {
		b.WriteByte('0')
	}
	if nMax != 1 {
		b.WriteByte('.')
	}
	for nMax--; nMax > 0; nMax-- {
		if c := n.at(di); c != 0 {
			b.WriteByte(c)
			di++
		} else {
			b.WriteByte('0')
		}
	}
	e := 0
	if len(n.dig) > 0 {
		e = n.scale - 1
	}
	nfExponent(b, e, expChar, 3, true)
}

func nfExponent(b *strings.Builder, v int, expChar byte, minDigits int, positiveSign bool) {
	b.WriteByte(expChar)
	if v < 0 {
		b.WriteByte('-')
		v = -v
	} else if positiveSign {
		b.WriteByte('+')
	}
	s := strconv.Itoa(v)
	if len(s) < minDigits {
		b.WriteString(strings.Repeat("0", minDigits-len(s)))
	}
	b.WriteString(s)
}

func nfGeneral(b *strings.Builder, n *nfNumber, nMax int, expChar byte, suppressScientific bool) {
	digPos := n.scale
	scientific := false
	if !suppressScientific && (digPos > nMax || digPos < -3) {
		digPos = 1
		scientific = true
	}
	di := 0
	if digPos > 0 {
		for ; digPos > 0; digPos-- {
			if c := n.at(di); c != 0 {
				b.WriteByte(c)
				di++
			} else {
				b.WriteByte('0')
			}
		}
	} else {
		b.WriteByte('0')
	}
	if n.at(di) != 0 || digPos < 0 {
		b.WriteByte('.')
		for ; digPos < 0; digPos++ {
			b.WriteByte('0')
		}
		for n.at(di) != 0 {
			b.WriteByte(n.at(di))
			di++
		}
	}
	if scientific {
		nfExponent(b, n.scale-1, expChar, 2, true)
	}
}

// nfFindSection is Number.FindSection: the start of the format's section
// (0 positive, 1 negative, 2 zero), or 0 when that section is absent.
func nfFindSection(f []rune, section int) int {
	if section == 0 {
		return 0
	}
	src := 0
	for {
		if src >= len(f) {
			return 0
		}
		ch := f[src]
		src++
		switch ch {
		case '\'', '"':
			for src < len(f) && f[src] != 0 {
				c := f[src]
				src++
				if c == ch {
					break
				}
			}
		case '\\':
			if src < len(f) && f[src] != 0 {
				src++
			}
		case ';':
			section--
			if section != 0 {
				continue
			}
			if src < len(f) && f[src] != 0 && f[src] != ';' {
				return src
			}
			return 0
		case 0:
			return 0
		}
	}
}

// nfCustom is Number.NumberToStringFormat: custom numeric formats
// ("#,##0.00", "0.0%", "0.###E+00", sections with ';').
func nfCustom(n *nfNumber, format string) string {
	f := []rune(format)
	section := 0
	switch {
	case len(n.dig) == 0:
		section = nfFindSection(f, 2)
	case n.neg:
		section = nfFindSection(f, 1)
	}
	var digitCount, decimalPos, firstDigit, lastDigit, thousandPos, thousandCount, scaleAdjust int
	var scientific, thousandSeps bool
	for {
		digitCount, decimalPos, firstDigit, lastDigit = 0, -1, 0x7FFFFFFF, 0
		scientific, thousandPos, thousandSeps, scaleAdjust = false, -1, false, 0
		src := section
		for src < len(f) {
			ch := f[src]
			src++
			if ch == 0 || ch == ';' {
				break
			}
			switch ch {
			case '#':
				digitCount++
			case '0':
				if firstDigit == 0x7FFFFFFF {
					firstDigit = digitCount
				}
				digitCount++
				lastDigit = digitCount
			case '.':
				if decimalPos < 0 {
					decimalPos = digitCount
				}
			case ',':
				if digitCount > 0 && decimalPos < 0 {
					if thousandPos >= 0 {
						if thousandPos == digitCount {
							thousandCount++
							break
						}
						thousandSeps = true
					}
					thousandPos = digitCount
					thousandCount = 1
				}
			case '%':
				scaleAdjust += 2
			case '\u2030':
				scaleAdjust += 3
			case '\'', '"':
				for src < len(f) && f[src] != 0 {
					c := f[src]
					src++
					if c == ch {
						break
					}
				}
			case '\\':
				if src < len(f) && f[src] != 0 {
					src++
				}
			case 'E', 'e':
				if (src < len(f) && f[src] == '0') ||
					(src+1 < len(f) && (f[src] == '+' || f[src] == '-') && f[src+1] == '0') {
					for {
						src++
						if !(src < len(f) && f[src] == '0') {
							break
						}
					}
					scientific = true
				}
			}
		}
		if decimalPos < 0 {
			decimalPos = digitCount
		}
		if thousandPos >= 0 {
			if thousandPos == decimalPos {
				scaleAdjust -= thousandCount * 3
			} else {
				thousandSeps = true
			}
		}
		if len(n.dig) != 0 {
			n.scale += scaleAdjust
			pos := n.scale + digitCount - decimalPos
			if scientific {
				pos = digitCount
			}
			nfRound(n, pos, false)
			if len(n.dig) == 0 {
				if src := nfFindSection(f, 2); src != section {
					section = src
					continue
				}
			}
		} else {
			if n.kind != nfFloat {
				n.neg = false
			}
			n.scale = 0
		}
		break
	}

	if firstDigit < decimalPos {
		firstDigit = decimalPos - firstDigit
	} else {
		firstDigit = 0
	}
	if lastDigit > decimalPos {
		lastDigit = decimalPos - lastDigit
	} else {
		lastDigit = 0
	}
	var digPos, adjust int
	if scientific {
		digPos, adjust = decimalPos, 0
	} else {
		digPos = max(n.scale, decimalPos)
		adjust = n.scale - decimalPos
	}
	src := section

	// Positions (counted from the decimal point) after which a group
	// separator goes; en-US groups by 3.
	var sepPos []int
	if thousandSeps {
		total := digPos
		if adjust < 0 {
			total += adjust
		}
		numDigits := max(firstDigit, total)
		for g := 3; numDigits > g; g += 3 {
			sepPos = append(sepPos, g)
		}
	}
	sepCtr := len(sepPos) - 1
	sep := func(b *strings.Builder) {
		if thousandSeps && digPos > 1 && sepCtr >= 0 && digPos == sepPos[sepCtr]+1 {
			b.WriteByte(',')
			sepCtr--
		}
	}

	var b strings.Builder
	if n.neg && section == 0 && n.scale != 0 {
		b.WriteByte('-')
	}
	decimalWritten := false
	di := 0
	for src < len(f) {
		ch := f[src]
		src++
		if ch == 0 || ch == ';' {
			break
		}
		if adjust > 0 && (ch == '#' || ch == '0' || ch == '.') {
			for adjust > 0 {
				if c := n.at(di); c != 0 {
					b.WriteByte(c)
					di++
				} else {
					b.WriteByte('0')
				}
				sep(&b)
				digPos--
				adjust--
			}
		}
		switch ch {
		case '#', '0':
			var c byte
			if adjust < 0 {
				adjust++
				if digPos <= firstDigit {
					c = '0'
				}
			} else if d := n.at(di); d != 0 {
				c = d
				di++
			} else if digPos > lastDigit {
				c = '0'
			}
			if c != 0 {
				b.WriteByte(c)
				sep(&b)
			}
			digPos--
		case '.':
			if digPos != 0 || decimalWritten {
				break
			}
			if lastDigit < 0 || (decimalPos < digitCount && n.at(di) != 0) {
				b.WriteByte('.')
				decimalWritten = true
			}
		case '\u2030':
			b.WriteRune('‰')
		case '%':
			b.WriteByte('%')
		case ',':
		case '\'', '"':
			for src < len(f) && f[src] != 0 && f[src] != ch {
				b.WriteRune(f[src])
				src++
			}
			if src < len(f) && f[src] != 0 {
				src++
			}
		case '\\':
			if src < len(f) && f[src] != 0 {
				b.WriteRune(f[src])
				src++
			}
		case 'E', 'e':
			if !scientific {
				b.WriteRune(ch)
				if src < len(f) {
					if f[src] == '+' || f[src] == '-' {
						b.WriteRune(f[src])
						src++
					}
					for src < len(f) && f[src] == '0' {
						b.WriteRune(f[src])
						src++
					}
				}
				break
			}
			positiveSign, i := false, 0
			switch {
			case src < len(f) && f[src] == '0':
				i++
			case src+1 < len(f) && f[src] == '+' && f[src+1] == '0':
				positiveSign = true
			case src+1 < len(f) && f[src] == '-' && f[src+1] == '0':
			default:
				b.WriteRune(ch)
				continue
			}
			for {
				src++
				if !(src < len(f) && f[src] == '0') {
					break
				}
				i++
			}
			if i > 10 {
				i = 10
			}
			exp := 0
			if len(n.dig) != 0 {
				exp = n.scale - decimalPos
			}
			nfExponent(&b, exp, byte(ch), i, positiveSign)
			scientific = false
		default:
			b.WriteRune(ch)
		}
	}
	out := b.String()
	if n.neg && section == 0 && n.scale == 0 && len(out) > 0 {
		out = "-" + out
	}
	return out
}

// nfGuid is Guid.ToString(format). The Guid holds the canonical D form.
func nfGuid(g, spec string) (string, error) {
	switch spec {
	case "", "D", "d":
		return g, nil
	case "N", "n":
		return strings.ReplaceAll(g, "-", ""), nil
	case "B", "b":
		return "{" + g + "}", nil
	case "P", "p":
		return "(" + g + ")", nil
	case "X", "x":
		h := strings.ReplaceAll(g, "-", "")
		if len(h) != 32 {
			return g, nil
		}
		var b strings.Builder
		b.WriteString("{0x" + h[0:8] + ",0x" + h[8:12] + ",0x" + h[12:16] + ",{")
		for i := 16; i < 32; i += 2 {
			if i > 16 {
				b.WriteByte(',')
			}
			b.WriteString("0x" + h[i:i+2])
		}
		b.WriteString("}}")
		return b.String(), nil
	}
	return "", nfError(FormatGuidMessage)
}

// FormatDuration is TimeSpan.ToString(format, en-US): "" / "c" / "t" / "T"
// give [-][d.]hh:mm:ss[.fffffff], "g" [-][d:]h:mm:ss[.FFFFFFF], "G"
// [-]d:hh:mm:ss.fffffff, and custom formats use d h m s f F, quoted and
// \-escaped literals (':' and '.' must be escaped, as in .NET).
func FormatDuration(d time.Duration, spec string) (string, error) {
	ticks := int64(d / 100)
	neg := ticks < 0
	abs := nfAbs(ticks)
	days := abs / 864000000000
	rem := abs % 864000000000
	h := rem / 36000000000
	m := rem / 600000000 % 60
	s := rem / 10000000 % 60
	frac := rem % 10000000
	sign := ""
	if neg {
		sign = "-"
	}
	pad := func(v uint64, n int) string {
		t := strconv.FormatUint(v, 10)
		if len(t) < n {
			t = strings.Repeat("0", n-len(t)) + t
		}
		return t
	}
	switch spec {
	case "", "c", "t", "T":
		return FormatTimeSpan(d), nil
	case "g":
		var b strings.Builder
		b.WriteString(sign)
		if days > 0 {
			b.WriteString(strconv.FormatUint(days, 10) + ":")
		}
		b.WriteString(strconv.FormatUint(h, 10) + ":" + pad(m, 2) + ":" + pad(s, 2))
		if frac > 0 {
			b.WriteString("." + strings.TrimRight(pad(frac, 7), "0"))
		}
		return b.String(), nil
	case "G":
		return sign + strconv.FormatUint(days, 10) + ":" + pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(frac, 7), nil
	}
	if utf8.RuneCountInString(spec) == 1 {
		return "", nfError(FormatInvalidMessage)
	}
	f := []rune(spec)
	var b strings.Builder
	var custom func(f []rune) error
	custom = func(f []rune) error {
		for i := 0; i < len(f); {
			ch := f[i]
			n := 1
			for i+n < len(f) && f[i+n] == ch {
				n++
			}
			switch ch {
			case 'h', 'm', 's':
				if n > 2 {
					return nfError(FormatInvalidMessage)
				}
				v := map[rune]uint64{'h': h, 'm': m, 's': s}[ch]
				b.WriteString(pad(v, n))
			case 'd':
				if n > 8 {
					return nfError(FormatInvalidMessage)
				}
				b.WriteString(pad(days, n))
			case 'f', 'F':
				if n > 7 {
					return nfError(FormatInvalidMessage)
				}
				v := frac
				for k := n; k < 7; k++ {
					v /= 10
				}
				t := pad(v, n)
				if ch == 'F' {
					t = strings.TrimRight(t, "0")
				}
				b.WriteString(t)
			case '\'', '"':
				j := i + 1
				for j < len(f) && f[j] != ch {
					j++
				}
				if j >= len(f) {
					return nfError(FormatInvalidMessage)
				}
				b.WriteString(string(f[i+1 : j]))
				n = j - i + 1
			case '%':
				if i+1 >= len(f) || f[i+1] == '%' {
					return nfError(FormatInvalidMessage)
				}
				if err := custom(f[i+1 : i+2]); err != nil {
					return err
				}
				n = 2
			case '\\':
				if i+1 >= len(f) {
					return nfError(FormatInvalidMessage)
				}
				b.WriteRune(f[i+1])
				n = 2
			default:
				return nfError(FormatInvalidMessage)
			}
			i += n
		}
		return nil
	}
	if err := custom(f); err != nil {
		return "", err
	}
	return b.String(), nil
}
