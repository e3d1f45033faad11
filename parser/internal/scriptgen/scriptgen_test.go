package scriptgen_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/csemu/csemu/parser/internal/scriptgen"
)

func TestDeterministic(t *testing.T) {
	for _, seed := range []int64{0, 1, 42, -7} {
		a := scriptgen.Generate(64<<10, seed)
		b := scriptgen.Generate(64<<10, seed)
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: two runs differ", seed)
		}
	}
	if bytes.Equal(scriptgen.Generate(8<<10, 1), scriptgen.Generate(8<<10, 2)) {
		t.Fatal("seeds 1 and 2 give the same script")
	}
}

func TestSize(t *testing.T) {
	const size = 1 << 20
	out := scriptgen.Generate(size, 1)
	if len(out) < size || len(out) > size+8<<10 {
		t.Fatalf("len = %d, want within [%d, %d]", len(out), size, size+8<<10)
	}
	for _, n := range []int{0, 1, 600, 5000} {
		if got := len(scriptgen.Generate(n, 3)); got < n {
			t.Errorf("Generate(%d) returned %d bytes", n, got)
		}
	}
}

func TestEncoding(t *testing.T) {
	out := scriptgen.Generate(256<<10, 5)
	if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		t.Error("output starts with a BOM")
	}
	if bytes.IndexByte(out, '\r') >= 0 {
		t.Error("output contains CR")
	}
	if !utf8.Valid(out) {
		t.Error("output is not valid UTF-8")
	}
	if !bytes.HasSuffix(out, []byte("\n")) {
		t.Error("output does not end with a newline")
	}
}

func TestBalanced(t *testing.T) {
	for seed := int64(0); seed < 40; seed++ {
		src := string(scriptgen.Generate(32<<10, seed))
		if err := checkBalance(src); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
	if err := checkBalance(string(scriptgen.Generate(1<<20, 1))); err != nil {
		t.Fatalf("1 MiB, seed 1: %v", err)
	}
}

func TestCheckBalance(t *testing.T) {
	good := []string{
		"if ($x) { 'a)' } # )\n",
		"Write-Host \"$(Get-Date -Format `\"yyyyMMdd`\") (\"\n",
		"$s = @'\n{ ( [\n'@\n<# } #>\n${env:ProgramFiles(x86)}\n",
	}
	bad := []string{"if ($x) {\n", "'unterminated\n", "\"$(a\"\n", "(]\n", "<# open\n"}
	for _, s := range good {
		if err := checkBalance(s); err != nil {
			t.Errorf("checkBalance(%q) = %v, want nil", s, err)
		}
	}
	for _, s := range bad {
		if checkBalance(s) == nil {
			t.Errorf("checkBalance(%q) = nil, want an error", s)
		}
	}
}

func TestUnits(t *testing.T) {
	units := scriptgen.Units()
	if len(units) == 0 {
		t.Fatal("Units() is empty")
	}
	seen := map[string]bool{}
	for i, u := range units {
		if strings.TrimSpace(u) == "" {
			t.Errorf("unit %d is empty", i)
		}
		if seen[u] {
			t.Errorf("unit %d is a duplicate", i)
		}
		seen[u] = true
		if err := checkBalance(u); err != nil {
			t.Errorf("unit %d: %v\n%s", i, err, u)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		scriptgen.Generate(1<<20, 1)
	}
}

func ExampleGenerate() {
	lines := strings.Split(string(scriptgen.Generate(600, 1)), "\n")
	for _, l := range lines[:16] {
		fmt.Println(l)
	}
	// Output:
	// #Requires -RunAsAdministrator
	// <#
	// .SYNOPSIS
	//     Configures tenant federation and external access for Microsoft Teams.
	// .DESCRIPTION
	//     Adds allowed federated domains from a text file.
	// .PARAMETER OutputPath
	//     Where the report is written.
	// .PARAMETER PolicyName
	//     Name of the meeting policy, e.g. Tag:Sales.
	// .NOTES
	//     Author:  M. Garcia
	//     Version: 1.5
	//     Date:    2023-12-23
	// #>
	// param(
}

// checkBalance is a small PowerShell scanner: it skips comments, strings
// (single, double with $() subexpressions, here-strings), escapes and ${...}
// variables, and checks that (), {} and [] nest and match.
func checkBalance(src string) error {
	sc := &scanner{s: src}
	if err := sc.code(0); err != nil {
		return fmt.Errorf("line %d: %v", sc.lineAt(), err)
	}
	return nil
}

type scanner struct {
	s string
	i int
}

func (sc *scanner) lineAt() int { return strings.Count(sc.s[:min(sc.i, len(sc.s))], "\n") + 1 }

func (sc *scanner) peek(k int) byte {
	if sc.i+k < len(sc.s) {
		return sc.s[sc.i+k]
	}
	return 0
}

var closer = map[byte]byte{'(': ')', '{': '}', '[': ']'}

// code scans code up to the end of input or, when term is non-zero, up to an
// unmatched term (the ')' closing a $( in a string).
func (sc *scanner) code(term byte) error {
	var stack []byte
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case c == '`':
			sc.i += 2
		case c == '<' && sc.peek(1) == '#':
			end := strings.Index(sc.s[sc.i+2:], "#>")
			if end < 0 {
				return fmt.Errorf("unterminated block comment")
			}
			sc.i += 2 + end + 2
		case c == '#':
			for sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
				sc.i++
			}
		case c == '@' && (sc.peek(1) == '"' || sc.peek(1) == '\'') && sc.peek(2) == '\n':
			q := sc.peek(1)
			end := strings.Index(sc.s[sc.i+3:], "\n"+string(q)+"@")
			if end < 0 {
				return fmt.Errorf("unterminated here-string")
			}
			sc.i += 3 + end + 3
		case c == '\'':
			if err := sc.single(); err != nil {
				return err
			}
		case c == '"':
			if err := sc.double(); err != nil {
				return err
			}
		case c == '$' && sc.peek(1) == '{':
			end := strings.IndexByte(sc.s[sc.i:], '}')
			if end < 0 {
				return fmt.Errorf("unterminated ${")
			}
			sc.i += end + 1
		case c == '(' || c == '{' || c == '[':
			stack = append(stack, closer[c])
			sc.i++
		case c == ')' || c == '}' || c == ']':
			if len(stack) == 0 {
				if c == term {
					sc.i++
					return nil
				}
				return fmt.Errorf("unmatched %q", c)
			}
			if want := stack[len(stack)-1]; want != c {
				return fmt.Errorf("got %q, want %q", c, want)
			}
			stack = stack[:len(stack)-1]
			sc.i++
		default:
			sc.i++
		}
	}
	if term != 0 {
		return fmt.Errorf("unterminated $( in string")
	}
	if len(stack) > 0 {
		return fmt.Errorf("%d unclosed bracket(s), innermost needs %q", len(stack), stack[len(stack)-1])
	}
	return nil
}

func (sc *scanner) single() error {
	start := sc.i
	sc.i++
	for sc.i < len(sc.s) {
		if sc.s[sc.i] == '\'' {
			if sc.peek(1) == '\'' {
				sc.i += 2
				continue
			}
			sc.i++
			return nil
		}
		sc.i++
	}
	sc.i = start
	return fmt.Errorf("unterminated single-quoted string")
}

func (sc *scanner) double() error {
	start := sc.i
	sc.i++
	for sc.i < len(sc.s) {
		switch c := sc.s[sc.i]; {
		case c == '`':
			sc.i += 2
		case c == '"':
			if sc.peek(1) == '"' {
				sc.i += 2
				continue
			}
			sc.i++
			return nil
		case c == '$' && sc.peek(1) == '(':
			sc.i += 2
			if err := sc.code(')'); err != nil {
				return err
			}
		default:
			sc.i++
		}
	}
	sc.i = start
	return fmt.Errorf("unterminated double-quoted string")
}
