package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// corpus returns admin scripts of at least minLines lines in all: the
// repository's sample scripts and the .ps1 files of the CLI tests (real-world
// constructs, one feature each) that parse, repeated as needed.
func corpus(tb testing.TB, minLines int) map[string]string {
	tb.Helper()
	root := filepath.Join("..", "..")
	env := newTestEnv()
	var scripts []string
	samples, _ := filepath.Glob(filepath.Join(root, "scripts", "*.ps1"))
	for _, p := range samples {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		scripts = append(scripts, string(data))
	}
	archives, _ := filepath.Glob(filepath.Join(root, "testdata", "script", "*.txtar"))
	for _, p := range archives {
		if strings.HasPrefix(filepath.Base(p), "lint_") {
			continue // made to have findings
		}
		a, err := txtar.ParseFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".ps1") && !hasCode(Lint(f.Name, string(f.Data), env), "CSE1001") {
				scripts = append(scripts, string(f.Data))
			}
		}
	}
	if len(scripts) == 0 {
		tb.Fatal("no scripts found")
	}
	out := map[string]string{}
	lines := 0
	for i := 0; lines < minLines; i++ {
		src := scripts[i%len(scripts)]
		out[fmt.Sprintf("corpus/%04d.ps1", i)] = src
		lines += strings.Count(src, "\n") + 1
	}
	return out
}

// BenchmarkLint lints 20,000 lines of admin scripts with every rule,
// suppression comments included, as csemu lint does.
func BenchmarkLint(b *testing.B) {
	files := corpus(b, 20000)
	env := newTestEnv()
	lines, size := 0, 0
	for _, src := range files {
		lines += strings.Count(src, "\n") + 1
		size += len(src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for name, src := range files {
			n += len(Suppress(src, Lint(name, src, env)))
		}
		_ = n
	}
	b.ReportMetric(float64(lines), "lines")
	b.ReportMetric(float64(len(Rules())), "rules")
}
