package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/csemu/csemu"

// deps returns the packages of the module that pkg imports, directly or
// not, its tests left out.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(p string)
	walk = func(p string) {
		bp, err := build.Import(p, "", 0)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, imp := range bp.Imports {
			if strings.HasPrefix(imp, module+"/") && !seen[imp] {
				seen[imp] = true
				walk(imp)
			}
		}
	}
	walk(pkg)
	var out []string
	for p := range seen {
		out = append(out, strings.TrimPrefix(p, module+"/"))
	}
	slices.Sort(out)
	return out
}

// TestLayout checks that imports go one way (STYLE.md §1): the
// interpreter knows nothing of Teams, the join rules stand on the tenant
// model alone, lint reads the interpreter's binder and the join rules but
// not the Teams families, and parser and state import neither.
func TestLayout(t *testing.T) {
	rules := []struct {
		pkg     string
		allowed func(dep string) bool
	}{
		{"cmdlets", func(d string) bool {
			return d == "parser" || strings.HasPrefix(d, "state") || d == "cmdlets/value" || d == "cmdlets/format" ||
				d == "cmdlets/textenc"
		}},
		{"cmdlets/join", func(d string) bool { return strings.HasPrefix(d, "state") }},
		{"cmdlets/textenc", func(d string) bool { return false }},
		{"cmdlets/lint", func(d string) bool { return d != "cmdlets/teams" }},
		{"parser", func(d string) bool { return false }},
		{"state", func(d string) bool { return strings.HasPrefix(d, "state/") }},
	}
	for _, r := range rules {
		for _, d := range deps(t, module+"/"+r.pkg) {
			if !r.allowed(d) {
				t.Errorf("%s imports %s", r.pkg, d)
			}
		}
	}
}

// TestLintBuildsNoSession: lint checks arguments with the binder's static
// Checker, never through a session.
func TestLintBuildsNoSession(t *testing.T) {
	files, err := filepath.Glob("../../cmdlets/lint/*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no lint sources", err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "cmdlets" && strings.Contains(sel.Sel.Name, "Session") {
					t.Errorf("%s: lint uses cmdlets.%s", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// TestNoTextProperty: an object's ToString() text is set with SetToString,
// never as a property named ToStringValue, which Get-Member, Format-List *,
// ConvertTo-Json and Export-Csv would show as if .NET had it.
func TestNoTextProperty(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../cmdlets", "../../cmd", "../../state"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.EqualFold(strings.Trim(lit.Value, "\"`"), "ToStringValue") {
				t.Errorf("%s: a property named ToStringValue; use SetToString", fset.Position(lit.Pos()))
			}
			return true
		})
	}
}
