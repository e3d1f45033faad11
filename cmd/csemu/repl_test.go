package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/state"
)

// fakeInput is one answer of fakeEditor: a line, an error, or a function
// to call before reading on.
type fakeInput struct {
	line   string
	err    error
	before func()
}

// fakeEditor is a lineEditor that answers from a script.
type fakeEditor struct {
	inputs  []fakeInput
	prompts []string
	history []string
}

func (f *fakeEditor) ReadLine(prompt string) (string, error) {
	f.prompts = append(f.prompts, prompt)
	for len(f.inputs) > 0 {
		in := f.inputs[0]
		f.inputs = f.inputs[1:]
		if in.before != nil {
			in.before()
			continue
		}
		return in.line, in.err
	}
	return "", io.EOF
}

func (f *fakeEditor) AddHistory(line string) { f.history = append(f.history, line) }
func (f *fakeEditor) Close() error           { return nil }

func lines(ls ...string) []fakeInput {
	out := make([]fakeInput, len(ls))
	for i, l := range ls {
		out[i] = fakeInput{line: l}
	}
	return out
}

// fakeREPL is a prompt on a fake editor.
type fakeREPL struct {
	l        *replLoop
	ed       *fakeEditor
	out, err bytes.Buffer
}

func newFakeREPL(t *testing.T, o options, inputs ...fakeInput) *fakeREPL {
	t.Helper()
	if o.db == "" {
		o.db = filepath.Join(t.TempDir(), "tenant.db")
	}
	if o.lockTimeout == 0 {
		o.lockTimeout = time.Second
	}
	tf, err := newTenantFile(o)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeREPL{ed: &fakeEditor{inputs: inputs}}
	f.l = newREPL(tf, false, &f.out, &f.err, false, cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}))
	f.l.ed = f.ed
	return f
}

func (f *fakeREPL) run() int { return f.l.run(make(chan os.Signal)) }

func TestREPLContinuation(t *testing.T) {
	f := newFakeREPL(t, options{}, lines("if ($true) {", "", "  'yes'", "}", "", "'after'", "$x = @'", "", "text", "'@", "$x.Length")...)
	if code := f.run(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got, want := f.out.String(), "yes\nafter\n5\n"; got != want {
		t.Errorf("output %q, want %q; errors %q", got, want, f.err.String())
	}
	want := []string{mainPrompt, continuationPrompt, continuationPrompt, continuationPrompt, mainPrompt, mainPrompt, mainPrompt,
		continuationPrompt, continuationPrompt, continuationPrompt, mainPrompt, mainPrompt}
	if !slices.Equal(f.ed.prompts, want) {
		t.Errorf("prompts %q\nwant    %q", f.ed.prompts, want)
	}
	if want := []string{"if ($true) {", "  'yes'", "}", "'after'", "$x = @'", "text", "'@", "$x.Length"}; !slices.Equal(f.ed.history, want) {
		t.Errorf("history %q, want %q", f.ed.history, want)
	}
}

func TestREPLInterruptAbandonsInput(t *testing.T) {
	f := newFakeREPL(t, options{}, fakeInput{line: "if ($true) { 'abandoned'"}, fakeInput{err: errInterrupt}, fakeInput{line: "'next'"})
	f.run()
	if got := f.out.String(); got != "next\n" {
		t.Errorf("output %q", got)
	}
	if want := []string{mainPrompt, continuationPrompt, mainPrompt, mainPrompt}; !slices.Equal(f.ed.prompts, want) {
		t.Errorf("prompts %q, want %q", f.ed.prompts, want)
	}
}

func TestREPLExit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		code int
	}{{"exit 3", 3}, {"if ($true) { exit 4 }", 4}, {"exit", 0}} {
		f := newFakeREPL(t, options{}, lines(tc.in, "'not run'")...)
		if code := f.run(); code != tc.code || f.out.Len() != 0 {
			t.Errorf("%q: code %d, output %q", tc.in, code, f.out.String())
		}
	}
	// a function named like exit does not end the prompt
	f := newFakeREPL(t, options{}, lines("function exitNow { 'no' }", "exitNow", "'still here'")...)
	if code := f.run(); code != 0 || f.out.String() != "no\nstill here\n" {
		t.Errorf("code %d, output %q", code, f.out.String())
	}
}

func TestREPLErrorView(t *testing.T) {
	f := newFakeREPL(t, options{}, lines(
		"'a'; Get-CsTeamsMeetingPolicy -Identity Tag:Nope",
		"if ($true) {",
		"  Get-CsTeamsMeetingPolicy -Identity Nope2",
		"}",
		"Write-Output 'ok' )",
	)...)
	f.run()
	want := `Get-CsTeamsMeetingPolicy:
Line |
   1 |  'a'; Get-CsTeamsMeetingPolicy -Identity Tag:Nope
     |       ^
     | Cannot find "TeamsMeetingPolicy" "Tag:Nope" because it does not exist.
Get-CsTeamsMeetingPolicy:
Line |
   2 |    Get-CsTeamsMeetingPolicy -Identity Nope2
     |    ^
     | Cannot find "TeamsMeetingPolicy" "Tag:Nope2" because it does not exist.
`
	got := f.err.String()
	if !strings.HasPrefix(got, want) {
		t.Errorf("errors:\n%s\nwant prefix:\n%s", got, want)
	}
	// a parse error shows the line too, and is not a continuation
	if !strings.Contains(got, "ParserError:\nLine |\n   1 |  Write-Output 'ok' )\n     |                    ^\n     | ") {
		t.Errorf("parse error not shown with its line:\n%s", got)
	}
}

func TestRenderError(t *testing.T) {
	got := renderError("Set-X", "bad\nvery bad", 3, 1, "\tab cd", true, false)
	want := "Set-X:\nLine |\n   1 |  \tab cd\n     |  \t ^\n     | bad\n     | very bad\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := renderError("Set-X", "bad", 0, 0, "", false, false); got != "Set-X: bad\n" {
		t.Errorf("without a line: %q", got)
	}
	colored := renderError("Set-X", "bad", 1, 1, "x", true, true)
	for _, part := range []string{errorColor + "Set-X:" + resetColor, accentColor + "Line |" + resetColor, errorColor + "bad" + resetColor} {
		if !strings.Contains(colored, part) {
			t.Errorf("colored output %q lacks %q", colored, part)
		}
	}
}

func TestColorEnabled(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	var buf bytes.Buffer
	if colorEnabled(env("TERM", "xterm"), &buf) {
		t.Error("colors on a buffer")
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no terminal:", err)
	}
	defer tty.Close()
	if !colorEnabled(env("TERM", "xterm"), tty) {
		t.Error("no colors on a terminal")
	}
	if colorEnabled(env("TERM", "xterm", "NO_COLOR", "1"), tty) || colorEnabled(env("TERM", "dumb"), tty) {
		t.Error("colors despite NO_COLOR or TERM=dumb")
	}
}

// putPolicy commits a new meeting policy to the tenant file db, as
// another csemu would.
func putPolicy(t *testing.T, db, identity string) {
	t.Helper()
	s, err := state.Open(db, state.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	o, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
	o.Identity = identity
	if err := tn.PutObject(o); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(tn); err != nil {
		t.Fatal(err)
	}
}

// TestREPLKeepsTenant checks that the tenant is loaded once and kept
// between commands, that each command is committed at once (another
// process sees it), and that a change by another process is loaded.
func TestREPLKeepsTenant(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tenant.db")
	var f *fakeREPL
	list := "(Get-CsTeamsMeetingPolicy | ForEach-Object Identity) -join ','"
	f = newFakeREPL(t, options{db: db},
		fakeInput{line: "New-CsTeamsMeetingPolicy -Identity A | Out-Null"},
		fakeInput{before: func() {
			// committed and closed: another process reads it
			s, err := state.Open(db, state.Options{ReadOnly: true, LockTimeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			tn, err := s.Load()
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := tn.Object(state.KindTeamsMeetingPolicy, "Tag:A"); !ok {
				t.Error("the first command was not committed")
			}
		}},
		fakeInput{line: list},
		fakeInput{before: func() {
			if f.l.tenant.loads != 1 {
				t.Errorf("%d loads for two commands, want 1", f.l.tenant.loads)
			}
			putPolicy(t, db, "Tag:B")
		}},
		fakeInput{line: list},
		fakeInput{line: list},
	)
	f.run()
	if got, want := f.out.String(), "Global,Tag:A\nGlobal,Tag:A,Tag:B\nGlobal,Tag:A,Tag:B\n"; got != want {
		t.Errorf("output %q, want %q; errors %q", got, want, f.err.String())
	}
	if f.l.tenant.loads != 2 {
		t.Errorf("%d loads, want 2 (once more after the other process's change)", f.l.tenant.loads)
	}
}

func TestREPLMemoryTenant(t *testing.T) {
	f := newFakeREPL(t, options{db: memoryDB}, lines(
		"New-CsTeamsMeetingPolicy -Identity A | Out-Null",
		"(Get-CsTeamsMeetingPolicy -Identity A).Identity")...)
	f.run()
	if got := f.out.String(); got != "Tag:A\n" {
		t.Errorf("output %q; errors %q", got, f.err.String())
	}
}

func TestREPLAtomic(t *testing.T) {
	f := newFakeREPL(t, options{atomic: true}, lines(
		"New-CsTeamsMeetingPolicy -Identity A | Out-Null; throw 'boom'",
		"@(Get-CsTeamsMeetingPolicy).Count",
		"New-CsTeamsMeetingPolicy -Identity B | Out-Null",
		"@(Get-CsTeamsMeetingPolicy).Count")...)
	f.run()
	if got := f.out.String(); got != "1\n2\n" {
		t.Errorf("output %q; errors %q", got, f.err.String())
	}
	if !strings.Contains(f.err.String(), "--atomic: the tenant was not changed") {
		t.Errorf("errors %q", f.err.String())
	}
}

func TestREPLReadHost(t *testing.T) {
	f := newFakeREPL(t, options{}, lines("$n = Read-Host 'Name'", "ann", `"hi $n"`)...)
	f.run()
	if got := f.out.String(); got != "Name: hi ann\n" {
		t.Errorf("output %q", got)
	}
	if want := []string{mainPrompt, "Name: ", mainPrompt, mainPrompt}; !slices.Equal(f.ed.prompts, want) {
		t.Errorf("prompts %q, want %q", f.ed.prompts, want)
	}
	// Ctrl-C at Read-Host stops the command
	f = newFakeREPL(t, options{}, fakeInput{line: "$n = Read-Host 'Name'; 'not reached'"}, fakeInput{err: errInterrupt}, fakeInput{line: "'next'"})
	f.run()
	if got := f.out.String(); !strings.HasSuffix(got, "next\n") || strings.Contains(got, "not reached") {
		t.Errorf("output %q", got)
	}
}

// At the prompt a function called without a mandatory parameter asks for
// it, as pwsh's console host does (ParameterBinding.Tests.ps1 "Mandatory
// parameters used in interactive host"): the caption names the command
// and the field the parameter; the answer is read at the field's prompt.
func TestREPLMandatoryPrompt(t *testing.T) {
	f := newFakeREPL(t, options{}, lines("function get-foo { param([Parameter(Mandatory)]$a) \"a=$a\" }", "get-foo", "typed", "'next'")...)
	f.run()
	want := "\ncmdlet get-foo at command pipeline position 1\nSupply values for the following parameters:\na: a=typed\nnext\n"
	if got := f.out.String(); got != want {
		t.Errorf("output %q, want %q (errors %q)", got, want, f.err.String())
	}
	if want := []string{mainPrompt, mainPrompt, "a: ", mainPrompt, mainPrompt}; !slices.Equal(f.ed.prompts, want) {
		t.Errorf("prompts %q, want %q", f.ed.prompts, want)
	}
	// Ctrl-C at the field stops the command
	f = newFakeREPL(t, options{}, fakeInput{line: "function f { param([Parameter(Mandatory)]$a) 'ran' }; f"}, fakeInput{err: errInterrupt}, fakeInput{line: "'next'"})
	f.run()
	if got := f.out.String(); strings.Contains(got, "ran") || !strings.HasSuffix(got, "next\n") {
		t.Errorf("output %q", got)
	}
}

func TestREPLCompleteUsesContinuation(t *testing.T) {
	f := newFakeREPL(t, options{}, fakeInput{line: "Get-CsTeamsMeetingPolicy |"}, fakeInput{before: func() {}})
	f.run() // leaves the pipeline pending
	f.l.pending.WriteString("Get-CsTeamsMeetingPolicy |\n")
	start, items := f.l.complete("  Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJ", len("  Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJ"))
	if start != len("  Set-CsTeamsMeetingPolicy ") || !slices.Equal(items, []string{"-AllowAnonymousUsersToJoinMeeting"}) {
		t.Errorf("start %d, items %q", start, items)
	}
}

func TestHistoryPath(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_DATA_HOME": filepath.Join(dir, "xdg"), "HOME": filepath.Join(dir, "home")}
	get := func(k string) string { return env[k] }
	if got, want := historyPath(get), filepath.Join(dir, "xdg", "csemu", "history"); got != want {
		t.Errorf("with XDG_DATA_HOME: %q, want %q", got, want)
	}
	env["XDG_DATA_HOME"] = "relative"
	if got, want := historyPath(get), filepath.Join(dir, "home", ".local", "share", "csemu", "history"); got != want {
		t.Errorf("without: %q, want %q", got, want)
	}
	if st, err := os.Stat(filepath.Dir(historyPath(get))); err != nil || !st.IsDir() {
		t.Errorf("directory not created: %v", err)
	}
}

func TestCommonPrefixFold(t *testing.T) {
	for _, tc := range []struct {
		items []string
		want  string
	}{
		{[]string{"Everyone", "EveryoneInCompany"}, "Everyone"},
		{[]string{"Andy@x", "ann@x"}, "An"},
		{[]string{"abc"}, "abc"},
		{[]string{"Ünï", "ünö"}, "Ün"},
	} {
		if got := commonPrefixFold(tc.items); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.items, got, tc.want)
		}
	}
}

// TestTerminalEditorDo checks how a Tab completion changes the line.
func TestTerminalEditorDo(t *testing.T) {
	items := map[string][]string{
		"set-csteamsmeetingp": {"Set-CsTeamsMeetingPolicy"},
		"Set-CsTeamsMeet":     {"Set-CsTeamsMeetingConfiguration", "Set-CsTeamsMeetingPolicy"},
		"Set-CsTeamsMeeting":  {"Set-CsTeamsMeetingConfiguration", "Set-CsTeamsMeetingPolicy"},
	}
	e := &terminalEditor{complete: func(line string, cursor int) (int, []string) { return 0, items[line[:cursor]] }}
	tab := func(line string) (string, [][]rune) {
		cands, _ := e.Do([]rune(line), len([]rune(line)))
		if nl, pos, ok := e.OnChange([]rune(line), len(line), '\t'); ok {
			return string(nl[:pos]) + "|" + string(nl[pos:]), cands
		}
		return line + "|", cands
	}
	if got, _ := tab("set-csteamsmeetingp"); got != "Set-CsTeamsMeetingPolicy|" {
		t.Errorf("one item: %q", got)
	}
	if got, _ := tab("Set-CsTeamsMeet"); got != "Set-CsTeamsMeeting|" {
		t.Errorf("common prefix: %q", got)
	}
	got, cands := tab("Set-CsTeamsMeeting")
	if got != "Set-CsTeamsMeeting|" || len(cands) != 2 || string(cands[0]) != "Configuration" || string(cands[1]) != "Policy" {
		t.Errorf("listing: %q, %q", got, cands)
	}
	// another key drops a replacement
	e.Do([]rune("set-csteamsmeetingp"), len("set-csteamsmeetingp"))
	if _, _, ok := e.OnChange(nil, 0, 'x'); ok {
		t.Error("replacement applied on another key")
	}
}

func Example_renderError() {
	fmt.Print(renderError("Grant-CsTeamsMeetingPolicy", `policy "Nope" not found`, 29, 1,
		"Grant-CsTeamsMeetingPolicy -PolicyName Nope -Identity ann@contoso.com", true, false))
	// Output:
	// Grant-CsTeamsMeetingPolicy:
	// Line |
	//    1 |  Grant-CsTeamsMeetingPolicy -PolicyName Nope -Identity ann@contoso.com
	//      |                              ^
	//      | policy "Nope" not found
}

// screen is a small terminal emulator: enough of VT100 to read what the
// prompt shows (the line editor redraws lines with escape sequences).
type screen struct {
	rows    [][]rune
	r, c    int
	pending []byte
	raw     bytes.Buffer
}

func (s *screen) row() []rune {
	for len(s.rows) <= s.r {
		s.rows = append(s.rows, nil)
	}
	return s.rows[s.r]
}

func (s *screen) put(ch rune) {
	row := s.row()
	for len(row) <= s.c {
		row = append(row, ' ')
	}
	row[s.c] = ch
	s.rows[s.r] = row
	s.c++
}

func (s *screen) clearLine(from int) {
	row := s.row()
	if from < len(row) {
		s.rows[s.r] = row[:from]
	}
}

func (s *screen) write(p []byte) {
	s.raw.Write(p)
	s.pending = append(s.pending, p...)
	b := s.pending
	for len(b) > 0 {
		if b[0] == 0x1b {
			if len(b) < 2 {
				break
			}
			if b[1] != '[' {
				b = b[2:]
				continue
			}
			end := 2
			for end < len(b) && (b[end] < 0x40 || b[end] > 0x7e) {
				end++
			}
			if end == len(b) {
				break // incomplete sequence
			}
			s.csi(string(b[2:end]), b[end])
			b = b[end+1:]
			continue
		}
		if !utf8.FullRune(b) {
			break
		}
		ch, n := utf8.DecodeRune(b)
		b = b[n:]
		switch ch {
		case '\r':
			s.c = 0
		case '\n':
			s.r++
			s.row()
		case '\b':
			if s.c > 0 {
				s.c--
			}
		case '\a':
		default:
			s.put(ch)
		}
	}
	s.pending = append(s.pending[:0], b...)
}

func (s *screen) csi(params string, final byte) {
	n := 1
	if v, err := fmt.Sscanf(params, "%d", &n); v != 1 || err != nil {
		n = 1
	}
	switch final {
	case 'A':
		s.r = max(s.r-n, 0)
	case 'B':
		s.r += n
		s.row()
	case 'C':
		s.c += n
	case 'D':
		s.c = max(s.c-n, 0)
	case 'K':
		if params == "2" {
			s.clearLine(0)
		} else {
			s.clearLine(s.c)
		}
	case 'J':
		s.clearLine(s.c)
		if s.r+1 < len(s.rows) {
			s.rows = s.rows[:s.r+1]
		}
	case 'H':
		s.r, s.c = 0, 0
	}
}

// lines returns the screen's lines, right-trimmed.
func (s *screen) lines() []string {
	out := make([]string, len(s.rows))
	for i, r := range s.rows {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return out
}

// cursorLine returns the line the cursor is on.
func (s *screen) cursorLine() string {
	if s.r >= len(s.rows) {
		return ""
	}
	return strings.TrimRight(string(s.rows[s.r]), " ")
}

// ptyREPL is csemu's prompt running in a pseudo-terminal.
type ptyREPL struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	scr  screen
	done chan struct{}
}

// ptyEnv is the environment of a prompt under test in dir.
func ptyEnv(dir string, extra ...string) []string {
	return append([]string{
		"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "CSEMU_DB=" + filepath.Join(dir, "tenant.db"),
		"TERM=xterm", "NO_COLOR=1", "CSEMU_NOW=2026-11-22T10:30:00Z", "PATH=" + os.Getenv("PATH"),
	}, extra...)
}

// startPTY runs csemu (this test binary, as TestMain dispatches) with its
// standard streams on a pseudo-terminal.
func startPTY(t *testing.T, env []string, args ...string) *ptyREPL {
	t.Helper()
	cmd := &exec.Cmd{Path: os.Args[0], Args: append([]string{"csemu"}, args...), Env: env}
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 150})
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	p := &ptyREPL{t: t, cmd: cmd, tty: tty, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			p.mu.Lock()
			p.scr.write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		tty.Close()
		p.mu.Lock()
		defer p.mu.Unlock()
		if strings.Contains(p.scr.raw.String(), "DATA RACE") {
			t.Errorf("the race detector reported:\n%s", p.scr.raw.String())
		}
	})
	return p
}

func (p *ptyREPL) send(s string) {
	p.t.Helper()
	if _, err := p.tty.WriteString(s); err != nil {
		p.t.Fatal(err)
	}
}

// waitFor waits until cond holds on the screen.
func (p *ptyREPL) waitFor(what string, cond func(s *screen) bool) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p.mu.Lock()
		ok := cond(&p.scr)
		text := strings.Join(p.scr.lines(), "\n")
		p.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; screen:\n%s", what, text)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitLine waits for the cursor's line to be want.
func (p *ptyREPL) waitLine(want string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("the line %q", want), func(s *screen) bool { return s.cursorLine() == want })
}

// waitOutput waits for a line want above a new prompt.
func (p *ptyREPL) waitOutput(want string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("the output %q and a prompt", want), func(s *screen) bool {
		l := s.lines()
		return s.cursorLine() == strings.TrimSpace(mainPrompt) && slices.Contains(l[:s.r], want)
	})
}

// enter types a command and waits for the output line want.
func (p *ptyREPL) enter(cmd, want string) {
	p.t.Helper()
	p.send(cmd + "\r")
	p.waitOutput(want)
}

func (p *ptyREPL) clear() {
	p.mu.Lock()
	p.scr = screen{}
	p.mu.Unlock()
	p.send("\x0c") // Ctrl-L redraws the prompt at the top
	p.waitLine(strings.TrimSpace(mainPrompt))
}

func TestPTYContinuation(t *testing.T) {
	p := startPTY(t, ptyEnv(t.TempDir()))
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("if ($true) {\r")
	p.waitLine(">>")
	p.send("  'yes'\r")
	// the second continuation prompt, below the echoed line (waiting for
	// any ">>" line could see the first prompt before the echo arrives)
	p.waitFor("the second prompt", func(s *screen) bool {
		l := s.lines()
		return len(l) >= 3 && l[1] == ">>   'yes'" && strings.TrimSpace(l[2]) == ">>"
	})
	p.send("}\r")
	p.waitOutput("yes")
	p.mu.Lock()
	l := p.scr.lines()
	p.mu.Unlock()
	if !slices.Equal(l[:4], []string{"PS csemu> if ($true) {", ">>   'yes'", ">> }", "yes"}) {
		t.Errorf("screen:\n%s", strings.Join(l, "\n"))
	}
}

func TestPTYCompletion(t *testing.T) {
	p := startPTY(t, ptyEnv(t.TempDir()))
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("Set-CsTeamsMeet\t")
	p.waitLine(mainPrompt + "Set-CsTeamsMeeting")
	p.send("\t") // lists the two
	p.waitFor("the list", func(s *screen) bool {
		for _, l := range s.lines() {
			if strings.Contains(l, "Set-CsTeamsMeetingConfiguration") && strings.Contains(l, "Set-CsTeamsMeetingPolicy") {
				return true
			}
		}
		return false
	})
	p.send("P\t")
	p.waitLine(mainPrompt + "Set-CsTeamsMeetingPolicy")
	p.send(" -allowanon\t")
	p.waitLine(mainPrompt + "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersTo")
	p.send("J\t")
	p.waitLine(mainPrompt + "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting")
	p.send(" $false -AutoAdmittedUsers Ev\t")
	p.waitLine(mainPrompt + "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting $false -AutoAdmittedUsers Everyone")
	p.send("InCompanyE\t")
	p.waitLine(mainPrompt + "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting $false -AutoAdmittedUsers EveryoneInCompanyExcludingGuests")
	p.send("\r")
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.enter("$p = Get-CsTeamsMeetingPolicy -Identity Global; \"$($p.AllowAnonymousUsersToJoinMeeting) $($p.AutoAdmittedUsers)\"",
		"False EveryoneInCompanyExcludingGuests")
	// identities of the command's kind, and users
	p.clear()
	p.send("New-CsTeamsMeetingPolicy -Identity 'Night Shift' | Out-Null; New-EmuUser ann@contoso.com | Out-Null\r")
	p.waitFor("a new prompt", func(s *screen) bool { return s.r > 0 && s.cursorLine() == strings.TrimSpace(mainPrompt) })
	p.clear()
	p.send("Get-CsTeamsMeetingPolicy -Identity Tag:\t")
	p.waitLine(mainPrompt + "Get-CsTeamsMeetingPolicy -Identity 'Tag:Night Shift'")
	p.send("\x15Grant-CsTeamsMeetingPolicy -Identity AN\t")
	p.waitLine(mainPrompt + "Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com")
}

func TestPTYInterrupt(t *testing.T) {
	p := startPTY(t, ptyEnv(t.TempDir()))
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("'abandoned'\x03")
	p.waitOutput(mainPrompt + "'abandoned'^C")
	p.send("if ($true) {\r")
	p.waitLine(">>")
	p.send("\x03")
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.enter("'after'", "after")
	// Ctrl-C stops a running command
	p.clear()
	p.send("while ($true) { }\r")
	p.waitFor("the command to run", func(s *screen) bool { return s.r > 0 })
	deadline := time.Now().Add(10 * time.Second)
	for stopped := false; !stopped; {
		if time.Now().After(deadline) {
			t.Fatal("Ctrl-C did not stop the command")
		}
		time.Sleep(100 * time.Millisecond)
		p.send("\x03") // again if it came before the terminal left raw mode
		p.mu.Lock()
		stopped = p.scr.r > 0 && p.scr.cursorLine() == strings.TrimSpace(mainPrompt)
		p.mu.Unlock()
	}
	p.enter("'alive'", "alive")
	p.mu.Lock()
	screenText := strings.Join(p.scr.lines(), "\n")
	p.mu.Unlock()
	if strings.Contains(screenText, "\nabandoned") {
		t.Errorf("abandoned input ran:\n%s", screenText)
	}
}

func TestPTYHistory(t *testing.T) {
	dir := t.TempDir()
	p := startPTY(t, ptyEnv(dir))
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.enter("'first entry'", "first entry")
	p.enter("'second entry'", "second entry")
	p.send("\x04") // Ctrl-D leaves
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-D did not end the prompt")
	}
	data, err := os.ReadFile(filepath.Join(dir, "data", "csemu", "history"))
	if err != nil || string(data) != "'first entry'\n'second entry'\n" {
		t.Fatalf("history file: %q, %v", data, err)
	}
	p = startPTY(t, ptyEnv(dir))
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("\x1b[A") // up: the last entry
	p.waitLine(mainPrompt + "'second entry'")
	p.send("\x15\x12first") // Ctrl-U, then Ctrl-R searches back
	p.waitFor("the search", func(s *screen) bool { return strings.Contains(strings.Join(s.lines(), "\n"), "'first entry'") })
	p.send("\r")
	p.waitOutput("first entry")
}

func TestPTYErrorCaret(t *testing.T) {
	p := startPTY(t, ptyEnv(t.TempDir()))
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("'a'; Get-CsTeamsMeetingPolicy -Identity Tag:Nope\r")
	p.waitOutput(`     | Cannot find "TeamsMeetingPolicy" "Tag:Nope" because it does not exist.`)
	p.mu.Lock()
	l := p.scr.lines()
	raw := p.scr.raw.String()
	p.mu.Unlock()
	want := []string{"a", "Get-CsTeamsMeetingPolicy:", "Line |", "   1 |  'a'; Get-CsTeamsMeetingPolicy -Identity Tag:Nope", "     |       ^"}
	if len(l) < 6 || !slices.Equal(l[1:6], want) {
		t.Errorf("screen:\n%s", strings.Join(l, "\n"))
	}
	if strings.Contains(raw, errorColor) {
		t.Error("colors despite NO_COLOR")
	}
	// colors on a terminal without NO_COLOR
	env := slices.DeleteFunc(ptyEnv(t.TempDir()), func(kv string) bool { return strings.HasPrefix(kv, "NO_COLOR=") })
	p = startPTY(t, env)
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("Get-CsTeamsMeetingPolicy -Identity Tag:Nope\r")
	p.waitOutput(`     | Cannot find "TeamsMeetingPolicy" "Tag:Nope" because it does not exist.`)
	p.mu.Lock()
	raw = p.scr.raw.String()
	p.mu.Unlock()
	if !strings.Contains(raw, errorColor+"Get-CsTeamsMeetingPolicy:"+resetColor) {
		t.Errorf("no colors: %q", raw)
	}
}

// TestPTYDumbTerminal checks the prompt without line editing: TERM=dumb
// reads plain lines, and Ctrl-C still abandons the input.
func TestPTYDumbTerminal(t *testing.T) {
	env := append(ptyEnv(t.TempDir()), "TERM=dumb")
	p := startPTY(t, env)
	p.waitLine(strings.TrimSpace(mainPrompt))
	p.send("if ($true) {\r")
	p.waitLine(">>")
	p.send("'yes' }\r")
	p.waitOutput("yes")
	p.send("'abandoned'\x03")
	p.waitFor("a new prompt", func(s *screen) bool {
		return s.cursorLine() == strings.TrimSpace(mainPrompt) && slices.ContainsFunc(s.lines(), func(l string) bool { return strings.HasSuffix(l, "^C") })
	})
	p.send("$n = Read-Host 'Name'\r")
	p.waitLine("Name:")
	p.send("ann\r")
	p.waitOutput("Name: ann")
	p.enter(`"hi $n"`, "hi ann")
	p.mu.Lock()
	l := p.scr.lines()
	p.mu.Unlock()
	if slices.Contains(l, "abandoned") || !slices.Contains(l, "Name: ann") {
		t.Errorf("screen:\n%s", strings.Join(l, "\n"))
	}
}

// BenchmarkPromptStartup measures the time from starting csemu on a
// terminal to its prompt (metric ms/prompt).
func BenchmarkPromptStartup(b *testing.B) {
	dir := b.TempDir()
	env := ptyEnv(dir)
	var total time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		cmd := &exec.Cmd{Path: os.Args[0], Args: []string{"csemu"}, Env: env}
		tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 150})
		if err != nil {
			b.Skip("no pseudo-terminal:", err)
		}
		var out []byte
		buf := make([]byte, 1024)
		for !bytes.Contains(out, []byte(mainPrompt)) {
			n, err := tty.Read(buf)
			if err != nil {
				b.Fatalf("%v; read %q", err, out)
			}
			out = append(out, buf[:n]...)
		}
		total += time.Since(start)
		n++
		tty.WriteString("\x04")
		cmd.Wait()
		tty.Close()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(n), "ms/prompt")
}

// benchTenantFile writes a tenant file with n users and returns its path.
func benchTenantFile(b *testing.B, n int) string {
	db := filepath.Join(b.TempDir(), "tenant.db")
	s, err := state.Open(db, state.Options{})
	if err != nil {
		b.Fatal(err)
	}
	tn, err := s.Load()
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if err := tn.PutUser(&state.User{UPN: fmt.Sprintf("user%06d@contoso.com", i), Enabled: true}); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Commit(tn); err != nil {
		b.Fatal(err)
	}
	s.Close()
	return db
}

// BenchmarkPromptCommand100k measures what a command at the prompt pays
// for the tenant file of 100,000 users: open it, take the kept tenant
// (or, for Reload, load it again), commit and close.
func BenchmarkPromptCommand100k(b *testing.B) {
	db := benchTenantFile(b, 100_000)
	for _, reload := range []bool{false, true} {
		name := "Kept"
		if reload {
			name = "Reload"
		}
		b.Run(name, func(b *testing.B) {
			tf, err := newTenantFile(options{db: db, lockTimeout: time.Second})
			if err != nil {
				b.Fatal(err)
			}
			rt := &replTenant{tf: tf}
			tenant := teams.NewHolder(teams.Config{Load: rt.load})
			sess := cmdlets.NewSession(tenant.Options()...)
			for b.Loop() {
				if reload {
					rt.kept = nil
				}
				if _, err := sess.RunInGlobal(context.Background(), "", "Get-CsTeamsMeetingPolicy -Identity Global | Out-Null"); err != nil {
					b.Fatal(err)
				}
				rt.finish(tenant, false, io.Discard)
			}
			b.ReportMetric(float64(rt.loads), "loads")
		})
	}
}

// BenchmarkPromptComplete100k measures a completion of users at the
// prompt on a tenant file of 100,000 users, after the first.
func BenchmarkPromptComplete100k(b *testing.B) {
	db := benchTenantFile(b, 100_000)
	tf, err := newTenantFile(options{db: db, lockTimeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	l := newREPL(tf, false, io.Discard, io.Discard, false)
	line := "Grant-CsTeamsMeetingPolicy -Identity user0421"
	if _, items := l.complete(line, len(line)); len(items) != 100 {
		b.Fatalf("%d items", len(items))
	}
	b.ReportAllocs()
	for b.Loop() {
		l.complete(line, len(line))
	}
}

// TestREPLPlainTextRendering follows about_ANSI_Terminals: with
// $PSStyle.OutputRendering = 'PlainText' output has no escape sequences;
// the prompt's errors take $PSStyle.Formatting.Error and ErrorAccent.
func TestREPLPlainTextRendering(t *testing.T) {
	f := newFakeREPL(t, options{}, lines(
		"$PSStyle.Formatting.Error = $PSStyle.Foreground.Magenta",
		"Get-CsTeamsMeetingPolicy -Identity Tag:Nope",
		"$PSStyle.OutputRendering = 'PlainText'",
		"Get-CsTeamsMeetingPolicy -Identity Tag:Nope")...)
	f.l.color = true
	f.run()
	first, second, ok := strings.Cut(f.err.String(), "Line |")
	if !ok {
		t.Fatalf("errors %q", f.err.String())
	}
	if !strings.Contains(first, "\x1b[35mGet-CsTeamsMeetingPolicy:"+resetColor) {
		t.Errorf("first error not in $PSStyle.Formatting.Error: %q", first)
	}
	if i := strings.LastIndex(second, "Get-CsTeamsMeetingPolicy:"); i < 0 || strings.Contains(second[i:], "\x1b") {
		t.Errorf("second error not plain: %q", second)
	}
}

// A script run on a terminal asks for a mandatory parameter it was not
// given, as pwsh does (ParameterBinderStrings PromptCaption and
// PromptMessage), and reads the answer from the terminal.
func TestPTYScriptMandatoryPrompt(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "hello.ps1")
	if err := os.WriteFile(script, []byte("param([Parameter(Mandatory)][string]$Name)\n\"hello $Name\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startPTY(t, ptyEnv(dir), "--db", ":memory:", script)
	p.waitLine("Name:")
	p.send("ann\r")
	p.waitFor("the greeting", func(s *screen) bool { return slices.Contains(s.lines(), "hello ann") })
	p.mu.Lock()
	l := p.scr.lines()
	p.mu.Unlock()
	want := []string{"", "cmdlet hello.ps1 at command pipeline position 1", "Supply values for the following parameters:", "Name: ann", "hello ann"}
	if len(l) < len(want) || !slices.Equal(l[:len(want)], want) {
		t.Errorf("screen:\n%s", strings.Join(l, "\n"))
	}
}
