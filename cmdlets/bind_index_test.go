package cmdlets

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/fold"
)

// TestBindIndexMatchesScan checks, for every cmdlet, that the cached
// binding index finds the parameters, the compatible sets and the
// resolved set that scanning the parameters finds.
func TestBindIndexMatchesScan(t *testing.T) {
	s := NewSession()
	checked := 0
	for _, cmd := range s.commands {
		if cmd.NotImplemented {
			continue
		}
		spec := s.cmdletSpec(cmd)
		if spec.idx == nil {
			t.Errorf("%s: no binding index", cmd.Name)
			continue
		}
		if again := s.cmdletSpec(cmd); again != spec {
			t.Errorf("%s: the spec is rebuilt at each call", cmd.Name)
		}
		plain := *spec
		plain.idx = nil
		checked++

		// every name, alias and prefix, in three spellings
		var names []string
		for _, p := range spec.allParams() {
			for _, n := range append([]string{p.Name}, p.Aliases...) {
				for i := 1; i <= len(n); i++ {
					names = append(names, n[:i], strings.ToUpper(n[:i]), strings.ToLower(n[:i]))
				}
			}
		}
		names = append(names, "", "NoSuchParameter", "ıdentity", strings.Repeat("x", 80))
		for _, n := range names {
			want, wantCands := plain.lookup(n)
			got, gotCands := spec.lookup(n)
			if r, ok := spec.idx.lookup(n); ok {
				got, gotCands = r.p, nil
				if r.key != strings.ToLower(r.p.Name) {
					t.Errorf("%s -%s: key %q", cmd.Name, n, r.key)
				}
			}
			if got != want || !slices.Equal(gotCands, wantCands) {
				t.Errorf("%s -%s: index finds %v %v, scan %v %v", cmd.Name, n, got, gotCands, want, wantCands)
			}
		}
		for _, p := range spec.params {
			if k := spec.keyOf(p); k != strings.ToLower(p.Name) {
				t.Errorf("%s: key of %s is %q", cmd.Name, p.Name, k)
			}
		}
		if !slices.Equal(spec.positional(), plain.positional()) {
			t.Errorf("%s: positional parameters differ", cmd.Name)
		}

		// every binding of up to two parameters
		var bindings [][]*ParamDef
		bindings = append(bindings, nil)
		for i, p := range spec.params {
			bindings = append(bindings, []*ParamDef{p})
			for _, q := range spec.params[i+1:] {
				bindings = append(bindings, []*ParamDef{p, q})
			}
		}
		for _, b := range bindings {
			res := &bindResult{bound: map[string]any{}}
			for _, p := range b {
				res.bound[strings.ToLower(p.Name)] = true
			}
			for _, p := range spec.params {
				if got, want := s.inCompatibleSet(spec, res, p), s.inCompatibleSet(&plain, res, p); got != want {
					t.Errorf("%s %s: -%s compatible: index %v, scan %v", cmd.Name, paramList(b), p.Name, got, want)
				}
			}
			r1, r2 := *res, *res
			err1 := s.resolveSet(spec, &r1, parser.Pos{})
			err2 := s.resolveSet(&plain, &r2, parser.Pos{})
			if (err1 == nil) != (err2 == nil) || r1.set != r2.set {
				t.Errorf("%s %s: index resolves %q (%v), scan %q (%v)", cmd.Name, paramList(b), r1.set, err1, r2.set, err2)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d cmdlets checked", checked)
	}
}

func paramList(ps []*ParamDef) string {
	var out []string
	for _, p := range ps {
		out = append(out, "-"+p.Name)
	}
	return fmt.Sprint(out)
}

// TestLookupLower checks the allocation-free lookup against
// strings.ToLower.
func TestLookupLower(t *testing.T) {
	m := map[string]int{"identity": 1, "policyname": 2, "k": 3, strings.Repeat("a", 70): 4}
	for _, name := range []string{"Identity", "IDENTITY", "identity", "PolicyName", "K", "\u212A", "İdentity", strings.Repeat("A", 70), "", "other"} {
		got, gotOK := fold.Lookup(m, name)
		want, wantOK := m[strings.ToLower(name)]
		if got != want || gotOK != wantOK {
			t.Errorf("fold.Lookup(%q) = %v, %v; want %v, %v", name, got, gotOK, want, wantOK)
		}
	}
	if n := testing.AllocsPerRun(100, func() { fold.Lookup(m, "PolicyName") }); n != 0 {
		t.Errorf("lookupLower allocates %v times", n)
	}
}
