package value

import "testing"

// BenchmarkArithInt is + - * / % on two Int32s, the common case.
func BenchmarkArithInt(b *testing.B) {
	ops := []string{"+", "-", "*", "/", "%"}
	for i := 0; i < b.N; i++ {
		for _, op := range ops {
			if _, err := Arith(op, 1234+i%7, 7); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkArithMixed adds an Int32 to an Int64 and a Double.
func BenchmarkArithMixed(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Arith("+", i, int64(3)); err != nil {
			b.Fatal(err)
		}
		if _, err := Arith("*", i, 1.5); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareInt is -eq and -lt on Int32s.
func BenchmarkCompareInt(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = Equal(i, 5, false)
		if _, err := Compare(i, 5, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertInt is [int] on an Int32, a Double and a string.
func BenchmarkConvertInt(b *testing.B) {
	t := &Type{Name: TInt32}
	for i := 0; i < b.N; i++ {
		for _, v := range []any{i, 2.5, "42"} {
			if _, err := Convert(v, t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
