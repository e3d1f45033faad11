package cmdlets_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
)

// fuzzFile is the script name the fuzzer runs under; errors about the input
// carry it as their "file:line:col:" prefix.
const fuzzFile = "fuzzinput.ps1"

// txtarPS1 returns the .ps1 files of a txtar archive: "-- name --" lines
// start files.
func txtarPS1(data string) []string {
	var out []string
	var name string
	var body strings.Builder
	flush := func() {
		if strings.HasSuffix(name, ".ps1") {
			out = append(out, body.String())
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return out
}

// fuzzSeeds returns the eval table's scripts and every .ps1 of the CLI
// testscripts and of scripts/.
func fuzzSeeds(tb testing.TB) []string {
	var seeds []string
	for _, g := range evalTests {
		for _, c := range g.cases {
			seeds = append(seeds, c.script)
		}
	}
	archives, err := filepath.Glob(filepath.Join("..", "testdata", "script", "*.txtar"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, a := range archives {
		data, err := os.ReadFile(a)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, txtarPS1(string(data))...)
	}
	scripts, _ := filepath.Glob(filepath.Join("..", "scripts", "*.ps1"))
	for _, p := range scripts {
		if data, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, string(data))
		}
	}
	return seeds
}

var (
	// loops may legitimately run forever or grow memory without bound
	fuzzLoop = regexp.MustCompile(`(?i)\b(while|until|for)\b|\bdo\s*\{`)
	// big numbers make huge ranges, strings and arrays
	fuzzBigNumber = regexp.MustCompile(`(?i)\d{4}|\d\s*(kb|mb|gb|tb|pb)|\d\.?e[+-]?\d|0x[0-9a-f]{3}|\[(int|long|u?int\d*|double|decimal|math)\]::`)
	// commands that read the host's file system at large, or devices
	fuzzHostIO = regexp.MustCompile(`(?i)/dev|/proc|/sys|\\\\|\b(gci|ls|dir|get-childitem|childitem|select-string|sls|resolve-path|get-content|gc|cat|type|import-csv|test-path|get-item|gi)\b`)
	// what Run prints when it recovered from a panic
	fuzzInternal = regexp.MustCompile(`(?m)^internal error: `)
	// an error about the input: "fuzzinput.ps1:line:col: "
	fuzzPos = regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(fuzzFile) + `:(\d+):(\d+): `)
)

// fuzzHang is how long Run may take before the input counts as a hang.
const fuzzHang = 3 * time.Second

// knownBugs matches inputs that hit engine bugs already reported (kept as
// crashers in testdata/fuzz/FuzzRun); CSEMU_FUZZ_SKIP_KNOWN=1 skips them so
// that a fuzzing session can look for new ones.
var knownBugs = []*regexp.Regexp{
	// parser hangs on a "$" not followed by a name in command mode: a $
	regexp.MustCompile(`\$([^\w{(?:^$_]|$)`),
	// parser hangs on a member access whose "." is not followed by a name:
	// 1. (at the end), 'a'. , $x.0, $0.0A, .0.0, [A].0, [Bool].!0, $x.{
	// (the second pattern also skips every decimal number)
	regexp.MustCompile(`\.([^a-zA-Z_$'"(\d.]|$)`),
	regexp.MustCompile(`[\w\])'"]\.\d`),
}

// fuzzSkip reports whether a script may legitimately run too long or
// allocate too much to be a useful fuzz input.
func fuzzSkip(src string) bool {
	if os.Getenv("CSEMU_FUZZ_SKIP_KNOWN") != "" {
		for _, re := range knownBugs {
			if re.MatchString(src) {
				return true
			}
		}
	}
	return len(src) > 16<<10 || strings.Count(src, "*") > 2 ||
		fuzzLoop.MatchString(src) || fuzzBigNumber.MatchString(src) || fuzzHostIO.MatchString(src)
}

// checkPositions reports "file:line:col:" prefixes that point outside src.
func checkPositions(t *testing.T, src, text string) {
	t.Helper()
	lines := strings.Split(src, "\n")
	for _, m := range fuzzPos.FindAllStringSubmatch(text, -1) {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		if line < 1 || line > len(lines) {
			t.Errorf("error position %s:%s: line outside the %d-line input\n%s", m[1], m[2], len(lines), text)
			continue
		}
		// columns count runes; a line's byte length bounds them. PowerShell's
		// EndOfInput token starts one character past the script (tokenizer.cs
		// makes its extent at _tokenStart + 1), so an error at the end of
		// input may stand one column further on the last line.
		max := len(lines[line-1]) + 1
		if line == len(lines) {
			max++
		}
		if col < 1 || col > max {
			t.Errorf("error position %s:%s: column outside line %q\n%s", m[1], m[2], lines[line-1], text)
		}
	}
}

// FuzzRun parses and runs arbitrary scripts. Property: no panic, not even
// one Run recovers from and reports as an internal error, and every
// "line:col:" error about the input points inside it.
func FuzzRun(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if fuzzSkip(src) {
			t.Skip()
		}
		var out, errb bytes.Buffer
		// the whole product: the interpreter with the Teams cmdlets
		s := cmdlets.NewSession(append([]cmdlets.Option{
			cmdlets.WithIO(strings.NewReader(""), &out, &errb),
			cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}),
			cmdlets.WithIDs(func() string { return "00000000-0000-4000-8000-000000000000" }),
			cmdlets.WithEnv(func(string) (string, bool) { return "", false }),
			cmdlets.WithAllowWrite(false),
		}, teams.NewHolder(teams.Config{}).Options()...)...)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		// a hang (in the parser, or a loop that ignores ctx) fails the input
		// instead of stalling the whole test binary
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, err = s.Run(ctx, fuzzFile, src, nil)
		}()
		select {
		case <-done:
		case <-time.After(fuzzHang):
			t.Fatalf("Run did not return %v after its context was cancelled; input:\n%q", fuzzHang-200*time.Millisecond, src)
		}
		stderr := errb.String()
		if fuzzInternal.MatchString(stderr) {
			t.Fatalf("panic inside Run:\n%s\ninput:\n%q", stderr, src)
		}
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			// parse errors are returned, not printed
			checkPositions(t, src, err.Error())
		}
		checkPositions(t, src, stderr)
	})
}
