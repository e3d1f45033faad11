// Command csemu runs PowerShell scripts that manage Microsoft Teams and
// Skype for Business meeting settings against a local, emulated tenant.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
	// the IANA time zones, so that TZ can name one on any machine
	_ "time/tzdata"

	"github.com/chzyer/readline"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

// csemuVersion is the version csemu reports.
const csemuVersion = "0.1.0"

// Exit codes.
const (
	exitOK     = 0
	exitScript = 1 // an uncaught terminating error or a parse error
	exitUsage  = 2
	exitLint   = 1
)

const usage = `usage:
  csemu [flags] FILE.ps1 [ARGS...]   run a script (also: -File FILE)
  csemu [flags] -c TEXT              run a command (also: -Command TEXT)
  csemu [flags]                      read a script from standard input, or
                                     start an interactive prompt on a terminal
  csemu lint [flags] PATH...         check scripts without running them
                                     (csemu lint --help for its flags)
  csemu lsp                          a language server for editors, over
                                     standard input and output
  csemu import [flags] PATH...       load exports of a real tenant (files,
                                     folders, zip archives) into the tenant file
  csemu export [flags] --format F PATH
                                     write the tenant as exports
                                     (csemu import --help for their flags)
  csemu plan [flags] FILE.ps1 [ARGS...]
                                     what a script would change, and whose
                                     meetings it opens or closes (the tenant
                                     file is not written)
  csemu diff [flags] A.db B.db       the same between two tenant files
                                     (csemu plan --help for their flags)

flags:
  --db PATH        tenant file (default $CSEMU_DB, else $XDG_DATA_HOME/csemu/tenant.db,
                   else ~/.local/share/csemu/tenant.db); :memory: for a fresh
                   tenant that is not saved
  --atomic         change nothing when the script ends with an uncaught error
  --read-only      open the tenant file without writing to it
  --lock-timeout D how long to wait for a tenant file another csemu holds (default 5s)
  --strict         a user or group the directory lacks is an error, not created
  --allow-write    let scripts write files (Out-File, Set-Content, Export-Csv, >)
  --width N        console width for formatted output (default 120)
  --elevated       run as an elevated (Administrator) session would: a script's
                   #requires -RunAsAdministrator is met
  -NonInteractive  Read-Host, Get-Credential and the prompt for a missing
                   mandatory parameter fail instead of reading the input
  --version        print the version
`

func main() {
	useLocalZone(os.LookupEnv)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// useLocalZone sets the zone csemu takes for local time, the one
// [TimeZoneInfo]::Local, Get-TimeZone and local DateTimes use: UTC, unless
// the TZ environment variable names an IANA zone (TZ=Europe/Berlin), so
// that a run does not depend on the machine's own zone. It is read once,
// at start; a name the IANA database does not have is UTC too.
func useLocalZone(lookup func(string) (string, bool)) {
	// a zone of its own, not time.UTC, so that local times keep
	// DateTimeKind Local
	loc := time.FixedZone("UTC", 0)
	if name, ok := lookup("TZ"); ok && name != "" {
		if l, err := time.LoadLocation(strings.TrimPrefix(name, ":")); err == nil && l != time.UTC {
			loc = l
		}
	}
	time.Local = loc
}

// options are the parsed command line.
type options struct {
	db          string
	atomic      bool
	readOnly    bool
	strict      bool
	lockTimeout time.Duration
	allowWrite  bool
	elevated    bool
	width       int
	// nonInteractive is pwsh's -NonInteractive.
	nonInteractive bool
	command        string
	hasCommand     bool
	file           string
	args           []string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "lint" {
		return runLint(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "lsp" {
		return runLSP(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "plan" {
		return runPlan(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "diff" {
		return runDiff(args[1:], stdout, stderr)
	}
	if len(args) > 0 && (args[0] == "import" || args[0] == "export") {
		return runImportExport(args[0], args[1:], stdin, stdout, stderr)
	}
	opts, code, ok := parseArgs(args, stderr)
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	clock, err := clockFromEnv()
	if err != nil {
		fmt.Fprintf(stderr, "csemu: %v\n", err)
		return exitUsage
	}
	tf, err := newTenantFile(opts)
	if err != nil {
		fmt.Fprintf(stderr, "csemu: %v\n", err)
		return exitUsage
	}
	tf.notes = stderr
	base := []cmdlets.Option{
		cmdlets.WithIO(stdin, stdout, stderr),
		cmdlets.WithClock(clock),
		cmdlets.WithAllowWrite(opts.allowWrite),
		cmdlets.WithElevated(opts.elevated),
		cmdlets.WithWidth(opts.width),
		cmdlets.WithTerminal(isTerminalWriter(stdout)),
	}
	switch {
	case opts.nonInteractive:
		base = append(base, cmdlets.WithNonInteractive())
	case isTerminal(stdin):
		// on a terminal a missing mandatory parameter is asked for
		base = append(base, cmdlets.WithConsole())
	}
	if opts.file == "" && !opts.hasCommand && isTerminal(stdin) {
		stop() // the prompt handles Ctrl-C itself
		return repl(base, opts.strict, tf, stdin, stdout, stderr)
	}
	tenant := teams.NewHolder(teams.Config{Load: tf.load, Strict: opts.strict})
	sess := cmdlets.NewSession(append(base, tenant.Options()...)...)
	// finish saves the tenant and returns the exit code of a run.
	finish := func(code int, err error) int {
		sess.Close()
		code = reportParse(err, code, stderr)
		if !tf.save(tenant, opts.atomic && err != nil, stderr) && code == exitOK {
			code = exitScript
		}
		return code
	}
	switch {
	case opts.hasCommand:
		code, err := sess.RunInGlobal(ctx, "<command>", opts.command)
		// as pwsh -Command: 1 when the last statement failed ($? is false)
		if err == nil && code == exitOK && !sess.TakeExit() && !sess.LastStatus() {
			code = exitScript
		}
		return finish(code, err)
	case opts.file != "":
		data, err := os.ReadFile(opts.file)
		if err != nil {
			fmt.Fprintf(stderr, "csemu: %v\n", err)
			return exitScript
		}
		scriptArgs := make([]any, len(opts.args))
		for i, a := range opts.args {
			scriptArgs[i] = a
		}
		return finish(sess.Run(ctx, opts.file, textenc.Decode(data), scriptArgs))
	}
	data, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "csemu: reading standard input: %v\n", err)
		return exitScript
	}
	return finish(sess.Run(ctx, "<stdin>", textenc.Decode(data), nil))
}

// reportParse prints parse errors (the session prints runtime errors itself).
func reportParse(err error, code int, stderr io.Writer) int {
	var pl parser.ErrorList
	if errors.As(err, &pl) {
		fmt.Fprintln(stderr, pl.Error())
		return exitScript
	}
	return code
}

func parseArgs(args []string, stderr io.Writer) (options, int, bool) {
	var o options
	fset := flag.NewFlagSet("csemu", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	fset.StringVar(&o.db, "db", "", "tenant file")
	fset.BoolVar(&o.allowWrite, "allow-write", false, "allow file writes")
	fset.BoolVar(&o.atomic, "atomic", false, "all or nothing")
	fset.BoolVar(&o.elevated, "elevated", false, "an elevated session")
	fset.BoolVar(&o.readOnly, "read-only", false, "do not write the tenant file")
	fset.BoolVar(&o.strict, "strict", false, "strict directory")
	fset.DurationVar(&o.lockTimeout, "lock-timeout", state.DefaultLockTimeout, "lock wait")
	fset.IntVar(&o.width, "width", 120, "console width")
	version := fset.Bool("version", false, "print the version")
	// pwsh-compatible spellings
	fset.StringVar(&o.command, "c", "", "command")
	fset.StringVar(&o.command, "Command", "", "command")
	fset.StringVar(&o.command, "command", "", "command")
	fset.StringVar(&o.file, "File", "", "script file")
	fset.StringVar(&o.file, "file", "", "script file")
	for _, name := range []string{"NoProfile", "noprofile", "NoLogo", "nologo"} {
		fset.Bool(name, false, "ignored (pwsh compatibility)")
	}
	for _, name := range []string{"NonInteractive", "noninteractive", "nonInteractive"} {
		fset.BoolVar(&o.nonInteractive, name, false, "fail instead of reading input or prompting")
	}
	fset.String("ExecutionPolicy", "", "ignored (pwsh compatibility)")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stderr, usage)
			return o, exitOK, false
		}
		fmt.Fprintf(stderr, "csemu: %v\n%s", err, usage)
		return o, exitUsage, false
	}
	if *version {
		fmt.Fprintln(stderr, "csemu "+csemuVersion)
		return o, exitOK, false
	}
	fset.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "c", "Command", "command":
			o.hasCommand = true
		}
	})
	rest := fset.Args()
	if o.hasCommand {
		// pwsh joins the words after -Command into the command text
		if len(rest) > 0 {
			o.command += " " + strings.Join(rest, " ")
		}
		return o, exitOK, true
	}
	if o.file == "" && len(rest) > 0 {
		o.file, rest = rest[0], rest[1:]
	}
	o.args = rest
	if o.width < 20 {
		o.width = 20
	}
	return o, exitOK, true
}

// clockFromEnv starts the emulated clock at $CSEMU_NOW (RFC 3339) when set.
func clockFromEnv() (cmdlets.Clock, error) {
	v := os.Getenv("CSEMU_NOW")
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("CSEMU_NOW=%q is not an RFC 3339 time (like 2026-11-22T10:30:00Z)", v)
	}
	return &cmdlets.FixedClock{T: t}, nil
}

// isTerminal reports whether r is a terminal (not merely a character
// device: /dev/null is one too, and a CI job's standard input often).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && readline.IsTerminal(int(f.Fd()))
}
