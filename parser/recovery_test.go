package parser

import (
	"fmt"
	"strings"
	"testing"
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

// TestRecoveryOnLongFile: bad statements deep in a long file are reported
// at their own positions, and the parser goes on after each as pwsh's does
// (Parser.cs): an unexpected token ends its statement and starts the next,
// and a stray closer ends every block it sits in.
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
				// the token after the expression is the variable: member
				// access is not part of its token
				return []string{fmt.Sprintf("%d:22: Unexpected token '$h' in expression or statement.", l[40])}
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
				// the ')' ends the if block, the function's body and the
				// Describe block, each missing its '}'; at the top the ')'
				// is unexpected, and so is each '}' left over after it
				n := l[45]
				return []string{
					fmt.Sprintf("%d:34: "+msgCurly, n-1),
					fmt.Sprintf("%d:26: "+msgCurly, n-5),
					"1:22: " + msgCurly,
					fmt.Sprintf("%d:20: Unexpected token ')' in expression or statement.", n),
					fmt.Sprintf("%d:9: Unexpected token '}' in expression or statement.", n+2),
					fmt.Sprintf("%d:5: Unexpected token '}' in expression or statement.", n+3),
					fmt.Sprintf("%d:1: Unexpected token '}' in expression or statement.", 1+8*60+len(l)+1),
				}
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
