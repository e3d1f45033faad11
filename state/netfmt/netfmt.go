// Package netfmt formats numbers as .NET and PowerShell turn them into
// strings, for the stored values of a tenant and the values of scripts.
package netfmt

import (
	"math"
	"strconv"
	"strings"
)

// Float formats a double as PowerShell turns it into a string: .NET's
// "G" format with 15 significant digits in the invariant culture (PowerShell
// kept this precision when .NET Core 3 moved to shortest round-trip
// strings), so 0.1+0.2 is "0.3" and [math]::PI is "3.14159265358979".
func Float(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	return General(strconv.FormatFloat(f, 'e', 14, 64), 15)
}

// General lays out the digits of e (strconv 'e' format) as .NET's "G"
// format does with nMaxDigits significant digits: trailing zeros dropped,
// scientific notation ("1.5E+20", "1E-05") when the decimal exponent is
// beyond nMaxDigits or the value is below 1E-04.
func General(e string, nMax int) string {
	neg := strings.HasPrefix(e, "-")
	if neg {
		e = e[1:]
	}
	i := strings.IndexByte(e, 'e')
	mant, exps := e[:i], e[i+1:]
	exp, _ := strconv.Atoi(exps)
	digits := strings.Replace(mant, ".", "", 1)
	digits = strings.TrimRight(digits, "0")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if digits == "" {
		b.WriteByte('0')
		return b.String()
	}
	scale := exp + 1
	if scale > nMax || scale < -3 {
		b.WriteByte(digits[0])
		if len(digits) > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('E')
		x := scale - 1
		if x < 0 {
			b.WriteByte('-')
			x = -x
		} else {
			b.WriteByte('+')
		}
		xs := strconv.Itoa(x)
		if len(xs) < 2 {
			xs = "0" + xs
		}
		b.WriteString(xs)
		return b.String()
	}
	if scale <= 0 {
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -scale))
		b.WriteString(digits)
		return b.String()
	}
	if len(digits) <= scale {
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", scale-len(digits)))
		return b.String()
	}
	b.WriteString(digits[:scale])
	b.WriteByte('.')
	b.WriteString(digits[scale:])
	return b.String()
}
