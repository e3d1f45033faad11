package format

import "github.com/csemu/csemu/cmdlets/value"

// testDecimal is the [decimal] of a literal's digits ("1.25").
func testDecimal(s string) value.Decimal {
	d, ok := value.ParseDecimal(s, true, false)
	if !ok {
		panic("bad decimal " + s)
	}
	return d
}
