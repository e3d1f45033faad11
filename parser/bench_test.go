package parser

import (
	"strings"
	"testing"

	"github.com/csemu/csemu/parser/internal/scriptgen"
)

// BenchmarkParse parses a generated ~1 MB admin script and reports MB/s.
func BenchmarkParse(b *testing.B) {
	src := string(scriptgen.Generate(1<<20, 1))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("gen.ps1", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenize measures the tokenizer alone.
func BenchmarkTokenize(b *testing.B) {
	src := string(scriptgen.Generate(1<<20, 1))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Tokenize("gen.ps1", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseBroken parses 64 KB of characters that are no names
// inside a param block, a hostile script's shape: the time per byte must
// not grow with the length (it once did, rescanning the rest of the text
// for each character).
func BenchmarkParseBroken(b *testing.B) {
	src := "param(" + strings.Repeat("\xad", 64<<10) + ")"
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		_, _ = ParseAll("broken.ps1", src)
	}
}

func TestGeneratedScriptsParse(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		src := string(scriptgen.Generate(20000, seed))
		if _, err := Parse("gen.ps1", src); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
	for i, u := range scriptgen.Units() {
		if _, err := Parse("unit.ps1", u); err != nil {
			t.Errorf("unit %d: %v\n%s", i, err, u)
		}
	}
}
