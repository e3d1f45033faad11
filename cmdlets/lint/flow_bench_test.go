package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/csemu/csemu/parser"
)

// flowBlock is a stretch of script that gives the data-flow pass work:
// constants, concatenation, a foreach over a constant list and a
// hashtable built in several statements, all reaching parameters.
func flowBlock(i int) string {
	return fmt.Sprintf(`$name%[1]d = 'Policy' + '%[1]d'
$mode%[1]d = 'Everyone'
New-CsTeamsMeetingPolicy -Identity $name%[1]d -AutoAdmittedUsers $mode%[1]d
$p%[1]d = @{}
$p%[1]d.Identity = $name%[1]d
$p%[1]d['AllowAnonymousUsersToJoinMeeting'] = $false
Set-CsTeamsMeetingPolicy @p%[1]d
foreach ($u%[1]d in 'alice@contoso.com', 'bob@contoso.com') {
    Grant-CsTeamsMeetingPolicy -Identity $u%[1]d -PolicyName "Tag:$name%[1]d"
}
if ($env:CHECK) { Get-CsTeamsMeetingPolicy -Identity $name%[1]d }
`, i)
}

// BenchmarkLintDataFlow lints 20,000 lines, half admin scripts and half
// scripts that pass their values through variables, with every rule.
// The goal is at most 0.3 s per 20,000 lines (the s/20k-lines metric).
func BenchmarkLintDataFlow(b *testing.B) {
	files := corpus(b, 10000)
	var sb strings.Builder
	lines := 0
	for _, src := range files {
		lines += strings.Count(src, "\n") + 1
	}
	for i, n := 0, 0; lines < 20000; i++ {
		blk := flowBlock(i)
		sb.WriteString(blk)
		lines += strings.Count(blk, "\n")
		n += strings.Count(blk, "\n")
		if n >= 500 {
			files[fmt.Sprintf("flow/%04d.ps1", i)] = sb.String()
			sb.Reset()
			n = 0
		}
	}
	if sb.Len() > 0 {
		files["flow/last.ps1"] = sb.String()
	}
	env := newTestEnv()
	b.ReportAllocs()
	for b.Loop() {
		for name, src := range files {
			_ = Suppress(src, Lint(name, src, env))
		}
	}
	b.ReportMetric(float64(lines), "lines")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*20000/float64(lines), "s/20k-lines")
}

// TestFlowBlockClean checks that the benchmark's script has no findings
// of the value rules: its values are all documented.
func TestFlowBlockClean(t *testing.T) {
	src := flowBlock(1) + flowBlock(2)
	for _, fd := range Lint("t.ps1", src, testEnv) {
		if fd.Code >= "CSE1200" && fd.Code < "CSE1500" {
			t.Errorf("unexpected %v", fd)
		}
	}
}

// BenchmarkFlowPass runs the data-flow pass alone over 20,000 lines of
// scripts that pass their values through variables (parsed once).
func BenchmarkFlowPass(b *testing.B) {
	var sb strings.Builder
	for i := 0; strings.Count(sb.String(), "\n") < 20000; i++ {
		sb.WriteString(flowBlock(i))
	}
	f := &File{Path: "flow.ps1", Src: sb.String()}
	script, err := parser.Parse(f.Path, f.Src)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		fi := analyzeFlow(script)
		if len(fi.unaries) == 0 {
			b.Fatal("nothing followed")
		}
	}
}
