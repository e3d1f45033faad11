package parser

import (
	"fmt"
	"strings"
	"testing"
)

// TestParseNumberLiterals checks the examples of about_Numeric_Literals
// (its table of literals with their types and values, the hex and binary
// sign rules, and the malformed 1usgb).
func TestParseNumberLiterals(t *testing.T) {
	kinds := map[NumKind]string{Int32: "Int32", Int64: "Int64", Double: "Double", Decimal: "Decimal", SByte: "SByte",
		Byte: "Byte", Int16: "Int16", UInt16: "UInt16", UInt32: "UInt32", UInt64: "UInt64", BigInt: "BigInteger"}
	str := func(n Number) string {
		switch n.Kind {
		case Double, Decimal:
			return fmt.Sprintf("%s %g", kinds[n.Kind], n.Float)
		case UInt64:
			return fmt.Sprintf("%s %d", kinds[n.Kind], n.Uint)
		case BigInt:
			return fmt.Sprintf("%s %s", kinds[n.Kind], n.Big.String())
		}
		return fmt.Sprintf("%s %d", kinds[n.Kind], n.Int)
	}
	tests := []struct{ in, want string }{
		// the examples table of about_Numeric_Literals
		{"100", "Int32 100"},
		{"100u", "UInt32 100"},
		{"100D", "Decimal 100"},
		{"100l", "Int64 100"},
		{"100uL", "UInt64 100"},
		{"100us", "UInt16 100"},
		{"100uy", "Byte 100"},
		{"100y", "SByte 100"},
		{"1e2", "Double 100"},
		{"1.e2", "Double 100"},
		{"0x1e2", "Int32 482"},
		{"0x1e2L", "Int64 482"},
		{"0x1e2D", "Int32 7725"},
		{"482D", "Decimal 482"},
		{"482gb", "Int64 517543559168"},
		{"482ngb", "BigInteger 517543559168"},
		{"0x1e2lgb", "Int64 517543559168"},
		{"0b1011011", "Int32 91"},
		{"0xFFFFs", "Int16 -1"},
		{"0xFFFFFFFF", "Int32 -1"},
		{"-0xFFFFFFFF", "Int32 1"},
		{"0xFFFFFFFFu", "UInt32 4294967295"},
		// the multiplier examples
		{"1kb", "Int32 1024"},
		{"0x10Gb", "Int64 17179869184"},
		{"0x12Lpb", "Int64 20266198323167232"},
		// the note on long-suffixed reals: 1.2L is 1, 1.2345e1L is 12
		{"1.2L", "Int64 1"},
		{"1.2345e1L", "Int64 12"},
		{"1.2345e-5L", "Int64 0"},
		// u is UInt32 or UInt64 by size; without a suffix the value picks
		// Int32, Int64, Decimal, then Double
		{"5000000000u", "UInt64 5000000000"},
		{"2147483648", "Int64 2147483648"},
		{"9223372036854775808", "Decimal 9.223372036854776e+18"},
		{"100000000000000000000000000000000", "Double 1e+32"},
		{"111111111111111111111111111111n", "BigInteger 111111111111111111111111111111"},
		// hex and binary sign bits (8, 16 digits; 8, 16, 32, 64 bits)
		{"0xFFy", "SByte -1"},
		{"0xFFuy", "Byte 255"},
		{"0x0FFFFFFFF", "Int64 4294967295"},
		{"0xFFFFFFFFFFFFFFFF", "Int64 -1"},
		{"0b11111111y", "SByte -1"},
		{"0b11111111", "Int32 -1"},
		{"0b011111111", "Int32 255"},
		{"0b11111111uy", "Byte 255"},
		// strings converted to numbers may carry a sign
		{" -5 ", "Int32 -5"},
		{"+7l", "Int64 7"},
	}
	for _, tt := range tests {
		n, ok := ParseNumber(tt.in)
		if !ok {
			t.Errorf("ParseNumber(%q) failed, want %s", tt.in, tt.want)
			continue
		}
		if got := str(n); got != tt.want {
			t.Errorf("ParseNumber(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// malformed: outside the suffix's type, or not a number at all
	for _, in := range []string{"1usgb", "200y", "300uy", "70000us", "40000s", "-1u", "0x", "0b", "1gbus", "1ss", "1e", ".", "0x1FFFFFFFFFFFFFFFF", "1e400"} {
		if n, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) = %s, want a malformed literal", in, str(n))
		}
	}
}

// TestNumberLiteralErrors: a well-formed literal whose value does not fit
// its suffix's type is the parse error "The numeric constant ... is not
// valid." (about_Numeric_Literals, "Commands that look like numeric
// literals").
func TestNumberLiteralErrors(t *testing.T) {
	for _, src := range []string{"$x = 1usgb", "$x = 300uy"} {
		_, err := Parse("t.ps1", src)
		if err == nil {
			t.Errorf("%s: parsed, want BadNumericConstant", src)
			continue
		}
		if want := "The numeric constant"; !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
	for _, src := range []string{"$x = 1uy", "$x = 0b101", "$x = 1.e2", "$x = 7n", "$x = 0xFFus"} {
		if _, err := Parse("t.ps1", src); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}
