package value

import (
	"math"
	"testing"
)

// testDecimal is the [decimal] of a literal's digits ("1.25").
func testDecimal(s string) Decimal {
	d, ok := ParseDecimal(s, true, false)
	if !ok {
		panic("bad decimal " + s)
	}
	return d
}

// TestDecimalArith checks the four operations against results of .NET's
// System.Decimal (Decimal.DecCalc: exact where the result fits, else
// rounded half to even to the most digits that fit 96 bits and scale 28;
// a quotient without trailing zeros).
func TestDecimalArith(t *testing.T) {
	tests := []struct {
		op, a, b, want string
	}{
		{"+", "0.1", "0.2", "0.3"},
		{"+", "1.10", "2", "3.10"},
		{"-", "1", "1.00", "0.00"},
		{"*", "1.10", "3", "3.30"},
		{"*", "0.5", "0.5", "0.25"},
		{"*", "1.0000000000000000000000000001", "1.0000000000000000000000000001", "1.0000000000000000000000000002"},
		{"*", "0.6666666666666666666666666667", "3", "2.0000000000000000000000000001"},
		{"/", "1", "3", "0.3333333333333333333333333333"},
		{"/", "1", "7", "0.1428571428571428571428571429"},
		{"/", "79228162514264337593543950335", "10", "7922816251426433759354395033.5"},
		{"/", "10", "4", "2.5"},
		{"/", "1.10", "1", "1.10"},
		{"/", "1", "0.001", "1000"},
		{"/", "-1", "8", "-0.125"},
		{"%", "5.5", "2", "1.5"},
		{"%", "1", "3.00", "1"},
		{"%", "6", "3.0", "0.0"},
		{"+", "79228162514264337593543950335", "-0.5", "79228162514264337593543950334"},
		{"+", "7922816251426433759354395033.5", "0.25", "7922816251426433759354395034"},
	}
	for _, tc := range tests {
		r, err := decimalArith(tc.op, testDecimal(tc.a), testDecimal(tc.b))
		if err != nil {
			t.Errorf("%s %s %s: %v", tc.a, tc.op, tc.b, err)
			continue
		}
		if got := r.(Decimal).String(); got != tc.want {
			t.Errorf("%s %s %s = %s, want %s", tc.a, tc.op, tc.b, got, tc.want)
		}
	}
}

// TestDecimalConversions checks Convert.ToDecimal(Double) and (Single),
// which keep 15 and 7 significant digits (learn.microsoft.com: "The
// Decimal value returned by this method contains a maximum of 15
// significant digits"), and Convert.ToDouble(Decimal).
func TestDecimalConversions(t *testing.T) {
	doubles := []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"}, {1.0 / 3, "0.333333333333333"}, {123456789.123456789, "123456789.123457"},
		{1e-28, "0.0000000000000000000000000001"}, {1e20, "100000000000000000000"}, {-2.5, "-2.5"},
		{0, "0"}, {1e-30, "0"}, {0.30000000000000004, "0.3"},
	}
	for _, tc := range doubles {
		d, err := DecimalFromFloat64(tc.f)
		if err != nil || d.String() != tc.want {
			t.Errorf("(decimal)%v = %s, %v; want %s", tc.f, d, err, tc.want)
		}
	}
	if d, err := DecimalFromFloat32(float32(1.1)); err != nil || d.String() != "1.1" {
		t.Errorf("(decimal)1.1f = %s, %v", d, err)
	}
	for _, f := range []float64{1e29, math.Inf(1), math.NaN()} {
		if _, err := DecimalFromFloat64(f); err == nil {
			t.Errorf("(decimal)%v did not overflow", f)
		}
	}
	if f := testDecimal("0.1").Float64(); f != 0.1 {
		t.Errorf("(double)0.1m = %v", f)
	}
	if f := DecimalMax().Float64(); f != 7.922816251426434e28 {
		t.Errorf("(double)MaxValue = %v", f)
	}
}

// TestDecimalParse checks Decimal.Parse: the scale of the text is kept,
// digits past 28 after the point are rounded half to even.
func TestDecimalParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.10", "1.10"}, {" -0.50 ", "-0.50"}, {"1e3", "1000"}, {"1.50e1", "15.0"}, {"0.000", "0.000"},
		{"0.00000000000000000000000000015", "0.0000000000000000000000000002"},
		{"0.00000000000000000000000000025", "0.0000000000000000000000000002"},
		{"79228162514264337593543950335", "79228162514264337593543950335"},
		{"1.23456789012345678901234567895", "1.2345678901234567890123456790"},
	}
	for _, tc := range tests {
		d, ok := ParseDecimal(tc.in, true, false)
		if !ok || d.String() != tc.want {
			t.Errorf("Parse(%q) = %s, %v; want %s", tc.in, d, ok, tc.want)
		}
	}
	for _, bad := range []string{"", ".", "1e", "79228162514264337593543950336", "abc", "1,000"} {
		if d, ok := ParseDecimal(bad, true, false); ok {
			t.Errorf("Parse(%q) = %s, want failure", bad, d)
		}
	}
	if d, ok := ParseDecimal("1,000.5", false, true); !ok || d.String() != "1000.5" {
		t.Errorf("Parse with thousands = %s, %v", d, ok)
	}
}

// TestDecimalRound checks Decimal.Round with each MidpointRounding mode.
func TestDecimalRound(t *testing.T) {
	tests := []struct {
		in   string
		dec  int
		mode MidpointRounding
		want string
	}{
		{"2.5", 0, ToEven, "2"}, {"3.5", 0, ToEven, "4"}, {"-2.5", 0, ToEven, "-2"},
		{"2.5", 0, AwayFromZero, "3"}, {"-2.5", 0, AwayFromZero, "-3"},
		{"2.9", 0, ToZero, "2"}, {"-2.1", 0, ToNegativeInfinity, "-3"}, {"2.1", 0, ToPositiveInfinity, "3"},
		{"1.005", 2, ToEven, "1.00"}, {"1.015", 2, ToEven, "1.02"}, {"1.2", 3, ToEven, "1.2"},
		{"-0.4", 0, ToEven, "0"},
	}
	for _, tc := range tests {
		if got := testDecimal(tc.in).Round(tc.dec, tc.mode).String(); got != tc.want {
			t.Errorf("Round(%s, %d, %d) = %s, want %s", tc.in, tc.dec, tc.mode, got, tc.want)
		}
	}
}
