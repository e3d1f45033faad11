package cmdlets_test

import (
	"bytes"
	"context"
	"testing"
)

// benchScript runs src on a fresh session b.N times.
func benchScript(b *testing.B, src string) {
	b.Helper()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		var out, errb bytes.Buffer
		s := newTestSession("", &out, &errb)
		if code, err := s.Run(ctx, "b.ps1", src, nil); err != nil || code != 0 || errb.Len() > 0 {
			b.Fatalf("code %d, err %v, stderr %s", code, err, errb.String())
		}
	}
}

// BenchmarkEvalIntArith is a loop of Int32 arithmetic and comparisons.
func BenchmarkEvalIntArith(b *testing.B) {
	benchScript(b, `$s = 0; for ($i = 0; $i -lt 20000; $i++) { $s = ($s + $i * 3 - 1) % 1000003; if ($s -gt 500000) { $s -= 7 } }; $s`)
}

// BenchmarkEvalMixedArith mixes Int64 and Double operands.
func BenchmarkEvalMixedArith(b *testing.B) {
	benchScript(b, `$s = 0L; $f = 0.5; foreach ($i in 1..20000) { $s += $i; $f = $f * 1.0001 + $i / 4 }; "$s $f"`)
}

// BenchmarkSortObjectStrings sorts 10,000 strings of letters and digits
// with Sort-Object.
func BenchmarkSortObjectStrings(b *testing.B) {
	benchScript(b, `$a = foreach ($i in 1..10000) { 'User' + (($i * 7919) % 10007) + 'x' }; $null = $a | Sort-Object`)
}

// BenchmarkSortObjectAddresses sorts 10,000 e-mail addresses (punctuation
// and mixed case) with Sort-Object.
func BenchmarkSortObjectAddresses(b *testing.B) {
	benchScript(b, `$a = foreach ($i in 1..10000) { 'Ann.Lee' + (($i * 7919) % 10007) + '@contoso.com' }; $null = $a | Sort-Object`)
}
