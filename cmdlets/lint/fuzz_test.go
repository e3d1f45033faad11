package lint

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLint lints arbitrary text: no panic, and every finding lies inside
// the input, with its end not before its start.
func FuzzLint(f *testing.F) {
	for _, src := range corpus(f, 1) {
		f.Add(src)
	}
	for _, r := range Rules() {
		f.Add(r.Bad)
		f.Add(r.Good)
	}
	env := newTestEnv()
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		lines := strings.Split(src, "\n")
		for _, fd := range Suppress(src, Lint("f.ps1", src, env)) {
			if fd.Code == "" || fd.Message == "" {
				t.Fatalf("finding without code or message: %+v", fd)
			}
			p, e := fd.Pos, fd.End
			if p.Line < 1 || p.Line > len(lines)+1 || p.Column < 1 {
				t.Fatalf("finding %s at %d:%d outside the input (%d lines)", fd.Code, p.Line, p.Column, len(lines))
			}
			if e.Line < p.Line || e.Line == p.Line && e.Column < p.Column {
				t.Fatalf("finding %s ends at %d:%d before it starts at %d:%d", fd.Code, e.Line, e.Column, p.Line, p.Column)
			}
		}
	})
}
