package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// longScript returns a Pester-style file: one top-level Describe block
// holding n functions with attributes, param blocks, hash literals and
// nested blocks (about 8 lines each). bad maps a function's index to a
// statement inserted into its innermost block; the line of each inserted
// statement is returned in the order of the indexes.
func longScript(n int, bad map[int]string) (string, map[int]int) {
	var b strings.Builder
	lines := map[int]int{}
	line := 1
	w := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
		line++
	}
	w("Describe 'long file' {")
	for i := range n {
		w(fmt.Sprintf("    function Test-Unit%d {", i))
		w("        [CmdletBinding()]")
		w("        param([Parameter(Mandatory)][string]$Name, [int]$Count = 2)")
		w(fmt.Sprintf("        $h = @{ Name = $Name; Count = %d }", i))
		w("        if ($h.Count -gt $Count) {")
		if s, ok := bad[i]; ok {
			lines[i] = line
			w("            " + s)
		}
		w("            Write-Output $h.Name")
		w("        }")
		w("    }")
	}
	w("}")
	return b.String(), lines
}

// TestRecoveryOnLongFile: one bad statement deep in a long file is
// reported once, at its own position; recovery drops the statement and
// finds the next bad one, without errors echoing the first.
func TestRecoveryOnLongFile(t *testing.T) {
	const n = 60 // about 500 lines
	tests := []struct {
		name string
		bad  map[int]string
		want func(lines map[int]int) []string
	}{
		{
			name: "one bad statement",
			bad:  map[int]string{40: "$h.Count $h.Name"},
			want: func(l map[int]int) []string {
				return []string{fmt.Sprintf("%d:22: Unexpected token '$h.Name' in expression or statement.", l[40])}
			},
		},
		{
			name: "two bad statements",
			bad:  map[int]string{35: "$a $b", 50: "Get-Item x | 1"},
			want: func(l map[int]int) []string {
				return []string{
					fmt.Sprintf("%d:16: Unexpected token '$b' in expression or statement.", l[35]),
					fmt.Sprintf("%d:26: Expressions are only allowed as the first element of a pipeline.", l[50]),
				}
			},
		},
		{
			name: "stray closer",
			bad:  map[int]string{45: "$x = 1 )"},
			want: func(l map[int]int) []string {
				return []string{fmt.Sprintf("%d:20: Unexpected token ')' in expression or statement.", l[45])}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, lines := longScript(n, tc.bad)
			if strings.Count(src, "\n") < 400 {
				t.Fatalf("script has only %d lines", strings.Count(src, "\n"))
			}
			_, err, ok := mustParseGuarded(t, src)
			if !ok {
				return
			}
			got, lerr := errorStrings(err)
			if lerr != nil {
				t.Fatal(lerr)
			}
			if want := tc.want(lines); !equalStrings(got, want) {
				t.Errorf("errors:\n got  %q\n want %q", got, want)
			}
		})
	}
}

// TestDropStatement checks what recovery removes around an error.
func TestDropStatement(t *testing.T) {
	tests := []struct {
		src, at, want string
	}{
		// the innermost statement, up to its terminator
		{"a; b c; d", "c", "a; ; d"},
		// up to the closing bracket of its list
		{"f { x $y }\nz", "$y", "f { }\nz"},
		// a closer where a statement should start goes alone
		{"a\n}\nb", "}", "a\n\nb"},
		// brackets inside the statement go with it
		{"if ($a) { g (1, 2) @{ k = 1 } }; h", "@{", "if ($a) { }; h"},
		// attributes are balanced: [A()] does not close the block early
		{"{ [A()] param($p) 1 2 }", "2", "{ }"},
	}
	for _, tc := range tests {
		toks, err := Tokenize("", tc.src)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		off := strings.Index(tc.src, tc.at)
		if tc.at == "2" {
			off = strings.LastIndex(tc.src, tc.at)
		}
		out := dropStatement(toks, off)
		if out == nil {
			t.Errorf("%q at %q: nothing dropped", tc.src, tc.at)
			continue
		}
		// rebuild the text from the kept tokens' source positions
		got := keptText(tc.src, toks, out)
		if got != tc.want {
			t.Errorf("%q at %q: kept %q, want %q", tc.src, tc.at, got, tc.want)
		}
	}
}

// keptText returns src without the text of the tokens of all that out
// lacks (out is all a subsequence of all).
func keptText(src string, all, out []lexer.Token) string {
	var b strings.Builder
	j := 0
	prevEnd := 0
	for i, tk := range all {
		if tk.EOF() {
			break
		}
		end := len(src)
		if i+1 < len(all) {
			end = all[i+1].Pos.Offset
		}
		if j < len(out) && out[j].Pos.Offset == tk.Pos.Offset && out[j].Type == tk.Type {
			b.WriteString(src[prevEnd:end])
			j++
		}
		prevEnd = end
	}
	return b.String()
}
