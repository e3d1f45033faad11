package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/chzyer/readline"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

// The prompts, as pwsh shows them.
const (
	mainPrompt         = "PS csemu> "
	continuationPrompt = ">> "
)

// lineEditor reads the lines typed at the prompt.
type lineEditor interface {
	// ReadLine shows prompt and returns the line typed, without its end
	// of line. It returns errInterrupt for Ctrl-C and io.EOF for Ctrl-D on
	// an empty line or the end of input.
	ReadLine(prompt string) (string, error)
	// AddHistory records an entered line in the history.
	AddHistory(line string)
	Close() error
}

// errInterrupt is what ReadLine returns when Ctrl-C abandons the input.
var errInterrupt = errors.New("interrupted")

// completeFunc completes the word ending at cursor (a byte offset in
// line): the offset where it starts and its replacements.
type completeFunc func(line string, cursor int) (start int, items []string)

// repl runs the interactive prompt on a terminal. Each entered command is
// committed to the tenant file before the next prompt.
// base are the options of the session; strict is --strict.
func repl(base []cmdlets.Option, strict bool, tf *tenantFile, stdin io.Reader, stdout, stderr io.Writer) int {
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)
	l := newREPL(tf, strict, stdout, stderr, colorEnabled(os.Getenv, stderr), base...)
	ed, err := newEditor(stdin, stdout, stderr, os.Getenv, interrupts, l.complete)
	if err != nil {
		fmt.Fprintf(stderr, "csemu: %v\n", err)
		return exitScript
	}
	l.ed = ed
	defer ed.Close()
	defer l.sess.Close()
	return l.run(interrupts)
}

// newEditor returns the line editor for in: the full editor on a
// terminal that can move its cursor, a plain line reader otherwise.
func newEditor(in io.Reader, out, errw io.Writer, getenv func(string) string, interrupts <-chan os.Signal, complete completeFunc) (lineEditor, error) {
	f, ok := in.(*os.File)
	if !ok || getenv("TERM") == "dumb" {
		return newPlainEditor(in, out, interrupts), nil
	}
	return newTerminalEditor(f, out, errw, historyPath(getenv), complete)
}

// replLoop is the state of the prompt.
type replLoop struct {
	sess    *cmdlets.Session
	teams   *teams.Holder // the tenant the session's cmdlets use
	tenant  *replTenant
	ed      lineEditor
	out     *lineTracker
	errw    io.Writer
	color   bool
	pending strings.Builder // the lines of an input that is not complete yet
	current string          // the command running, for the lines of its errors

	mu     sync.Mutex
	cancel context.CancelFunc // stops the command running
}

// newREPL returns the prompt on the tenant file tf, with a session made
// with opts, its input and output then taken over by the prompt.
func newREPL(tf *tenantFile, strict bool, stdout, stderr io.Writer, color bool, opts ...cmdlets.Option) *replLoop {
	l := &replLoop{tenant: &replTenant{tf: tf}, out: &lineTracker{w: stdout}, errw: stderr, color: color}
	l.teams = teams.NewHolder(teams.Config{Load: l.tenant.load, Peek: l.tenant.peek, Strict: strict})
	opts = append(opts[:len(opts):len(opts)],
		cmdlets.WithIO(&editorReader{l: l}, l.out, stderr),
		cmdlets.WithErrorView(l.showError),
		cmdlets.WithConsole(), // a missing mandatory parameter is asked for
	)
	l.sess = cmdlets.NewSession(append(opts, l.teams.Options()...)...)
	return l
}

// run reads and runs commands until exit or the end of input, and
// returns the exit code.
func (l *replLoop) run(interrupts <-chan os.Signal) int {
	for {
		prompt := mainPrompt
		if l.pending.Len() > 0 {
			prompt = continuationPrompt
		} else if l.out.partial() != "" {
			fmt.Fprintln(l.out) // output that did not end its line
		}
		line, err := l.ed.ReadLine(prompt)
		switch {
		case errors.Is(err, errInterrupt):
			l.pending.Reset()
			continue
		case errors.Is(err, io.EOF):
			return exitOK
		case err != nil:
			fmt.Fprintf(l.errw, "csemu: reading the terminal: %v\n", err)
			return exitScript
		}
		if strings.TrimSpace(line) == "" && l.pending.Len() == 0 {
			continue
		}
		if strings.TrimSpace(line) != "" {
			l.ed.AddHistory(line)
		}
		l.pending.WriteString(line)
		l.pending.WriteByte('\n')
		text := l.pending.String()
		if _, err := parser.Parse("", text); err != nil && parser.IsIncomplete(err) {
			continue
		}
		l.pending.Reset()
		if code, done := l.runCommand(text, interrupts); done {
			return code
		}
	}
}

// runCommand runs one entered command, which Ctrl-C stops, and commits
// what it changed. done is set when the command ran exit.
func (l *replLoop) runCommand(text string, interrupts <-chan os.Signal) (code int, done bool) {
	for len(interrupts) > 0 {
		<-interrupts // a Ctrl-C from before the command
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.mu.Lock()
	l.cancel = cancel
	l.mu.Unlock()
	stop := make(chan struct{})
	go func() {
		select {
		case <-interrupts:
			fmt.Fprintln(l.errw) // after the terminal's ^C
			cancel()
		case <-stop:
		}
	}()
	l.current = text
	start := l.sess.Now()
	code, err := l.sess.RunInGlobal(ctx, "", text)
	status := "Completed"
	switch {
	case ctx.Err() != nil:
		status = "Stopped"
	case err != nil:
		status = "Failed"
	}
	l.sess.AddHistory(strings.TrimRight(text, "\n"), start, l.sess.Now(), status)
	close(stop)
	cancel()
	var pl parser.ErrorList
	if errors.As(err, &pl) {
		for _, e := range pl {
			src, ok := sourceLine(text, e.Pos.Line)
			errColor, accent := l.palette()
			fmt.Fprint(l.errw, renderErrorIn("ParserError", e.Msg, e.Pos.Column, e.Pos.Line, src, ok, errColor, accent))
		}
	}
	l.tenant.finish(l.teams, err != nil, l.errw)
	return code, l.sess.TakeExit()
}

// stopCommand stops the command running, if any.
func (l *replLoop) stopCommand() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
	}
}

// complete completes at cursor in line, the last line of the input: the
// lines before it give the context (an open block, a pipeline).
func (l *replLoop) complete(line string, cursor int) (int, []string) {
	prev := l.pending.String()
	start, items := l.sess.Complete(prev+line, len(prev)+cursor)
	start -= len(prev)
	if start < 0 || start > cursor {
		return cursor, nil
	}
	return start, items
}

// showError shows an error record as pwsh does at its prompt: the
// command, the line at fault with a caret under the position, and the
// message.
func (l *replLoop) showError(w io.Writer, rec *cmdlets.ErrorRecord) {
	src, ok := rec.Line, rec.Line != ""
	if !ok {
		if rec.Pos.Filename == "" {
			src, ok = sourceLine(l.current, rec.Pos.Line)
		} else if data, err := os.ReadFile(rec.Pos.Filename); err == nil {
			src, ok = sourceLine(textenc.Decode(data), rec.Pos.Line)
		}
	}
	label := rec.Command
	if label == "" && rec.Exception != "" {
		label = rec.Exception[strings.LastIndexByte(rec.Exception, '.')+1:]
	}
	errColor, accent := l.palette()
	fmt.Fprint(w, renderErrorIn(label, rec.Msg, rec.Pos.Column, rec.Pos.Line, src, ok, errColor, accent))
}

// sourceLine returns line n (from 1) of text.
func sourceLine(text string, n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	for i := 1; ; i++ {
		line, rest, more := strings.Cut(text, "\n")
		if i == n {
			return strings.TrimRight(line, "\r"), line != "" || more
		}
		if !more {
			return "", false
		}
		text = rest
	}
}

// Colors of pwsh's $PSStyle.Formatting.Error and ErrorAccent.
const (
	errorColor  = "\x1b[31;1m"
	accentColor = "\x1b[36;1m"
	resetColor  = "\x1b[0m"
)

// renderError formats an error as pwsh's ConciseView does:
//
//	Grant-CsTeamsMeetingPolicy:
//	Line |
//	   1 |  Grant-CsTeamsMeetingPolicy -PolicyName Nope
//	     |  ^
//	     | policy "Nope" not found
//
// and as one line when the source line is not known.
func renderError(label, msg string, col, line int, src string, hasSrc, color bool) string {
	if !color {
		return renderErrorIn(label, msg, col, line, src, hasSrc, "", "")
	}
	return renderErrorIn(label, msg, col, line, src, hasSrc, errorColor, accentColor)
}

// palette is the colours of an error at the prompt: $PSStyle's
// Formatting.Error and ErrorAccent, or none when the terminal takes no
// colour or $PSStyle.OutputRendering is PlainText.
func (l *replLoop) palette() (errColor, accent string) {
	if !l.color {
		return "", ""
	}
	errColor, accent, plain := l.sess.ErrorStyle()
	if plain {
		return "", ""
	}
	return errColor, accent
}

// renderErrorIn is renderError with the escape sequences of the error
// and accent colours ("" for none).
func renderErrorIn(label, msg string, col, line int, src string, hasSrc bool, errorColor, accentColor string) string {
	paint := func(c, s string) string {
		if c == "" || s == "" {
			return s
		}
		return c + s + resetColor
	}
	var b strings.Builder
	if label != "" {
		label += ": "
	}
	if !hasSrc {
		b.WriteString(paint(errorColor, label+msg))
		b.WriteByte('\n')
		return b.String()
	}
	if label != "" {
		b.WriteString(paint(errorColor, strings.TrimSuffix(label, " ")))
		b.WriteByte('\n')
	}
	b.WriteString(paint(accentColor, "Line |"))
	b.WriteByte('\n')
	fmt.Fprintf(&b, "%s  %s\n", paint(accentColor, fmt.Sprintf("%4d |", line)), src)
	var pad strings.Builder
	i := 1
	for _, r := range src {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		i++
	}
	fmt.Fprintf(&b, "%s  %s%s\n", paint(accentColor, "     |"), pad.String(), paint(errorColor, "^"))
	for _, m := range strings.Split(strings.TrimRight(msg, "\n"), "\n") {
		fmt.Fprintf(&b, "%s%s\n", paint(accentColor, "     | "), paint(errorColor, m))
	}
	return b.String()
}

// colorEnabled reports whether w takes colors: a terminal, without
// NO_COLOR and not TERM=dumb.
func colorEnabled(getenv func(string) string, w io.Writer) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" || getenv("TERM") == "" {
		return false
	}
	return isTerminalWriter(w)
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// historyPath returns the history file in the user's data directory
// ($XDG_DATA_HOME/csemu/history, else ~/.local/share/csemu/history),
// creating the directory; "" when there is none.
func historyPath(getenv func(string) string) string {
	var dir string
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		dir = filepath.Join(x, "csemu")
	} else if home := getenv("HOME"); home != "" {
		dir = filepath.Join(home, ".local", "share", "csemu")
	} else {
		return ""
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	return filepath.Join(dir, "history")
}

// lineTracker passes output on and remembers its last, unfinished line:
// the prompt of Read-Host, or output that the next prompt must not
// overwrite.
// clearScreen is the end of what Clear-Host writes on a terminal.
const clearScreen = "\x1b[2J\x1b[3J"

type lineTracker struct {
	w    io.Writer
	last []byte
}

func (t *lineTracker) Write(p []byte) (int, error) {
	i, c := bytes.LastIndexByte(p, '\n'), -1
	if bytes.IndexByte(p, 0x1b) >= 0 {
		c = bytes.LastIndex(p, []byte(clearScreen))
	}
	switch {
	case c >= 0 && c > i:
		// Clear-Host: the cursor is back at the top left
		t.last = append(t.last[:0], p[c+len(clearScreen):]...)
	case i >= 0:
		t.last = append(t.last[:0], p[i+1:]...)
	default:
		t.last = append(t.last, p...)
	}
	if len(t.last) > 512 {
		t.last = t.last[len(t.last)-512:]
	}
	return t.w.Write(p)
}

func (t *lineTracker) partial() string { return strings.ToValidUTF8(string(t.last), "") }

// editorReader is the standard input of commands at the prompt
// (Read-Host): lines read with the line editor, after the prompt the
// command wrote. Ctrl-C stops the command.
type editorReader struct {
	l   *replLoop
	buf []byte
}

func (r *editorReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		prompt := r.l.out.partial() // redrawn by the line editor
		if _, plain := r.l.ed.(*plainEditor); plain {
			prompt = "" // already on the screen
		}
		line, err := r.l.ed.ReadLine(prompt)
		r.l.out.last = r.l.out.last[:0]
		if errors.Is(err, errInterrupt) {
			r.l.stopCommand()
		}
		if err != nil {
			return 0, io.EOF
		}
		r.buf = []byte(line + "\n")
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// replTenant keeps the tenant between commands. The file is open (and
// locked) only while a command runs; the next command reuses the tenant
// it has unless another process changed the file in between.
type replTenant struct {
	tf    *tenantFile
	kept  *state.Tenant
	stamp state.Stamp
	loads int // full loads of the file
}

// open opens the store; wait says whether to wait for another process's
// lock (--lock-timeout) or fail at once.
func (r *replTenant) open(wait bool) error {
	if r.tf.store != nil {
		return nil
	}
	if r.tf.path == memoryDB {
		r.tf.store = state.NewMemory()
		return nil
	}
	timeout := r.tf.timeout
	if timeout == 0 || !wait {
		timeout = -1 // --lock-timeout 0: do not wait
	}
	s, err := r.tf.openStore(timeout, r.stamp)
	if err != nil {
		return err
	}
	r.tf.store = s
	return nil
}

// load returns the tenant for a command: the one kept from the previous
// command when the file has not changed since, else the file's.
func (r *replTenant) load() (*state.Tenant, error) {
	return r.loadWait(true)
}

func (r *replTenant) loadWait(wait bool) (*state.Tenant, error) {
	if err := r.open(wait); err != nil {
		return nil, err
	}
	if r.kept != nil {
		switch s := r.tf.store.(type) {
		case *state.BoltStore:
			if s.Resume(r.kept, r.stamp) {
				return r.kept, nil
			}
		case *state.MemStore:
			return r.kept, nil // the store stays open: the tenant is its own
		}
	}
	r.kept = nil
	t, err := r.tf.store.Load()
	if err != nil {
		return nil, err
	}
	r.loads++
	r.kept, r.stamp = t, r.stampNow()
	return t, nil
}

func (r *replTenant) stampNow() state.Stamp {
	if s, ok := r.tf.store.(*state.BoltStore); ok {
		if st, err := s.Stamp(); err == nil {
			return st
		}
	}
	return state.Stamp{}
}

// peek returns the tenant for completion: the kept one while the file
// looks unchanged, else the file's if it can be read at once; nil
// otherwise.
func (r *replTenant) peek() *state.Tenant {
	if r.kept != nil && (r.tf.path == memoryDB || !r.stamp.Changed()) {
		return r.kept
	}
	if r.tf.store != nil {
		return r.kept
	}
	t, err := r.loadWait(false)
	r.close()
	if err != nil {
		return nil
	}
	return t
}

// finish commits what a command changed (unless --atomic and it failed,
// or --read-only), stamps the file and closes it so that another csemu
// can use it until the next command.
func (r *replTenant) finish(tenant *teams.Holder, failed bool, stderr io.Writer) {
	defer tenant.Drop()
	if r.tf.store == nil {
		return
	}
	defer r.close()
	t, ok := tenant.Loaded()
	if !ok || !t.Dirty() {
		return
	}
	switch {
	case r.tf.atomic && failed:
		fmt.Fprintf(stderr, "csemu: the command failed; --atomic: the tenant was not changed\n")
		r.kept = nil
	case r.tf.readOnly:
		fmt.Fprintf(stderr, "csemu: --read-only: the changes to %s were not saved\n", r.tf.path)
		r.kept = nil
	default:
		if err := r.tf.store.Commit(t); err != nil {
			fmt.Fprintf(stderr, "csemu: saving the tenant: %v\n", err)
			r.kept = nil
			return
		}
		r.stamp = r.stampNow()
	}
}

// close closes the tenant file; an in-memory tenant stays.
func (r *replTenant) close() {
	if r.tf.store == nil || r.tf.path == memoryDB {
		return
	}
	r.tf.store.Close()
	r.tf.store = nil
}

// plainEditor reads lines without editing: for a terminal that cannot
// move its cursor (TERM=dumb). Ctrl-C (SIGINT) abandons the input.
type plainEditor struct {
	out        io.Writer
	lines      chan lineResult
	interrupts <-chan os.Signal
}

type lineResult struct {
	line string
	err  error
}

func newPlainEditor(in io.Reader, out io.Writer, interrupts <-chan os.Signal) *plainEditor {
	e := &plainEditor{out: out, lines: make(chan lineResult), interrupts: interrupts}
	e.start(bufio.NewReader(in))
	return e
}

// start reads lines in the background, so that Ctrl-C can interrupt a
// read.
func (e *plainEditor) start(in *bufio.Reader) {
	go func() {
		for {
			line, err := in.ReadString('\n')
			if err != nil && line == "" {
				e.lines <- lineResult{err: io.EOF}
				return
			}
			e.lines <- lineResult{line: strings.TrimRight(line, "\r\n")}
		}
	}()
}

func (e *plainEditor) ReadLine(prompt string) (string, error) {
	fmt.Fprint(e.out, prompt)
	select {
	case r := <-e.lines:
		if r.err != nil {
			fmt.Fprintln(e.out)
		}
		return r.line, r.err
	case <-e.interrupts:
		fmt.Fprintln(e.out)
		return "", errInterrupt
	}
}

func (e *plainEditor) AddHistory(string) {}
func (e *plainEditor) Close() error      { return nil }

// terminalEditor edits lines with github.com/chzyer/readline: history
// (kept in a file, Ctrl-R searches it) and Tab completion.
type terminalEditor struct {
	rl       *readline.Instance
	complete completeFunc
	// replace is the line a Tab completion produced, which the listener
	// puts in place (readline itself only appends to the typed word).
	replace    []rune
	replacePos int
	hasReplace bool
}

func newTerminalEditor(in *os.File, out, errw io.Writer, history string, complete completeFunc) (*terminalEditor, error) {
	e := &terminalEditor{complete: complete}
	fd := int(in.Fd())
	var raw *readline.State
	cfg := &readline.Config{
		Prompt:                 mainPrompt,
		HistoryFile:            history,
		HistoryLimit:           4096,
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		AutoComplete:           e,
		Listener:               e,
		Stdin:                  readline.NewCancelableStdin(in),
		Stdout:                 out,
		Stderr:                 errw,
		EOFPrompt:              "\n",
		FuncIsTerminal:         func() bool { return true },
		FuncMakeRaw: func() (err error) {
			raw, err = readline.MakeRaw(fd)
			return err
		},
		FuncExitRaw: func() error {
			if raw == nil {
				return nil
			}
			return readline.Restore(fd, raw)
		},
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, err
	}
	e.rl = rl
	return e, nil
}

func (e *terminalEditor) ReadLine(prompt string) (string, error) {
	e.rl.SetPrompt(prompt)
	line, err := e.rl.Readline()
	switch {
	case errors.Is(err, readline.ErrInterrupt):
		return "", errInterrupt
	case err != nil:
		return "", io.EOF
	}
	return line, nil
}

func (e *terminalEditor) AddHistory(line string) { _ = e.rl.SaveHistory(line) }

func (e *terminalEditor) Close() error { return e.rl.Close() }

// Do completes for readline at pos (in runes). A single item, or a
// longer or differently cased common prefix, replaces the typed word
// (through OnChange); several items are listed, and Tab cycles through
// them.
func (e *terminalEditor) Do(line []rune, pos int) (cands [][]rune, length int) {
	defer func() {
		if recover() != nil {
			cands, length = nil, 0
		}
	}()
	e.hasReplace = false
	text := string(line)
	cursor := len(string(line[:pos]))
	start, items := e.complete(text, cursor)
	if len(items) == 0 || start < 0 || start > cursor {
		return nil, 0
	}
	startR := utf8.RuneCountInString(text[:start])
	typed := string(line[startR:pos])
	common := items[0]
	if len(items) > 1 {
		common = commonPrefixFold(items)
	}
	if len(items) == 1 || len(common) > len(typed) || strings.EqualFold(common, typed) && common != typed {
		repl := []rune(common)
		e.replace = append(append(append([]rune{}, line[:startR]...), repl...), line[pos:]...)
		e.replacePos = startR + len(repl)
		e.hasReplace = true
		return nil, 0
	}
	n := utf8.RuneCountInString(typed)
	for _, it := range items {
		r := []rune(it)
		if len(r) >= n && strings.EqualFold(string(r[:n]), typed) {
			cands = append(cands, r[n:])
		}
	}
	return cands, n
}

// OnChange puts in place the line that a Tab completion produced.
func (e *terminalEditor) OnChange(line []rune, pos int, key rune) ([]rune, int, bool) {
	if !e.hasReplace {
		return nil, 0, false
	}
	e.hasReplace = false
	if key != readline.CharTab {
		return nil, 0, false
	}
	return e.replace, e.replacePos, true
}

// commonPrefixFold returns the longest prefix that all items share,
// ignoring case, spelled as in the first.
func commonPrefixFold(items []string) string {
	first := []rune(items[0])
	n := len(first)
	for _, it := range items[1:] {
		r := []rune(it)
		i := 0
		for i < n && i < len(r) && strings.EqualFold(string(first[i]), string(r[i])) {
			i++
		}
		n = i
	}
	return string(first[:n])
}
