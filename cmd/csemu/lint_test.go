package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets/lint"
)

// TestLintExplainEveryRule runs csemu lint --explain for each rule: it
// prints the summary, the help, the mistake and the fix.
func TestLintExplainEveryRule(t *testing.T) {
	rules := lint.Rules()
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range rules {
		var stdout, stderr bytes.Buffer
		if code := runLint([]string{"--explain", strings.ToLower(r.Code)}, &stdout, &stderr); code != exitOK {
			t.Errorf("%s: exit %d: %s", r.Code, code, stderr.String())
			continue
		}
		if stderr.Len() > 0 {
			t.Errorf("%s: stderr %q", r.Code, stderr.String())
		}
		out := stdout.String()
		if !strings.HasPrefix(out, r.Code+" "+r.Name+" ("+r.Severity.String()+")\n") {
			t.Errorf("%s: first line %q", r.Code, strings.SplitN(out, "\n", 2)[0])
		}
		for _, want := range []string{r.Summary, r.Help, "The mistake:", "The fix:"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in:\n%s", r.Code, want, out)
			}
		}
		for _, ex := range []string{r.Bad, r.Good} {
			for _, line := range strings.Split(strings.TrimRight(ex, "\n"), "\n") {
				if line != "" && !strings.Contains(out, "    "+line+"\n") {
					t.Errorf("%s: example line %q missing:\n%s", r.Code, line, out)
				}
			}
		}
	}
}
