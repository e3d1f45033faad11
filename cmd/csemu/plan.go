package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/lint"
	"github.com/csemu/csemu/cmdlets/plan"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

const planUsage = `usage:
  csemu plan [flags] SCRIPT.ps1 [ARGS...]   what a script would change, and whose
                                            meetings it opens or closes
  csemu diff [flags] A.db B.db              the same between two tenant files

plan runs the script on a copy of the tenant: the tenant file is never
written, and neither is any other file. It prints the changes grouped by
object with the script line of each, the organizers whose Test-AnonymousJoin
answer changes, and the script's lint findings.

flags:
  --db PATH              tenant file (as for csemu; :memory: plans against
                         the Global defaults)
  --format F             text (default), json or markdown
  --detailed-exitcode    exit 0 with no changes, 2 with changes, 1 on error
  --questions LIST       the questions of the impact pass, as CLIENT/MEETING
                         separated by commas (Acs/Meeting,Teams/Webinar); a
                         client alone means its three meeting types (default:
                         Teams and Acs, Meeting, Webinar and TownHall)
  --atomic               plan a run that changes nothing when the script
                         fails (as csemu --atomic)
  --strict               a user or group the directory lacks is an error
  --lock-timeout D       how long to wait for a locked tenant file
`

// exitChanges is --detailed-exitcode's code for a plan with changes.
const exitChanges = 2

// planOptions are the parsed arguments of csemu plan and csemu diff.
type planOptions struct {
	db        string
	format    string
	detailed  bool
	questions []plan.Question
	atomic    bool
	strict    bool
	timeout   time.Duration
	args      []string
}

func parsePlanArgs(sub string, args []string, stdout, stderr io.Writer) (planOptions, int, bool) {
	var o planOptions
	fset := flag.NewFlagSet("csemu "+sub, flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	fset.StringVar(&o.db, "db", "", "tenant file")
	fset.StringVar(&o.format, "format", "text", "format")
	fset.BoolVar(&o.detailed, "detailed-exitcode", false, "exit codes")
	qs := fset.String("questions", "", "questions")
	fset.BoolVar(&o.atomic, "atomic", false, "all or nothing")
	fset.BoolVar(&o.strict, "strict", false, "strict directory")
	fset.DurationVar(&o.timeout, "lock-timeout", state.DefaultLockTimeout, "lock wait")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, planUsage)
			return o, exitOK, false
		}
		fmt.Fprintf(stderr, "csemu %s: %v\n%s", sub, err, planUsage)
		return o, exitUsage, false
	}
	switch o.format {
	case "text", "json", "markdown":
	default:
		fmt.Fprintf(stderr, "csemu %s: --format %q: use text, json or markdown\n", sub, o.format)
		return o, exitUsage, false
	}
	questions, err := parseQuestions(*qs)
	if err != nil {
		fmt.Fprintf(stderr, "csemu %s: --questions: %v\n", sub, err)
		return o, exitUsage, false
	}
	o.questions = questions
	o.args = fset.Args()
	return o, exitOK, true
}

// parseQuestions reads --questions: CLIENT/MEETING items separated by
// commas; a client alone stands for its three meeting types.
func parseQuestions(s string) ([]plan.Question, error) {
	if strings.TrimSpace(s) == "" {
		return plan.DefaultQuestions(), nil
	}
	clients := []string{"Teams", "Acs"}
	meetings := []string{"Meeting", "Webinar", "TownHall"}
	pick := func(list []string, v, what string) (string, error) {
		for _, x := range list {
			if strings.EqualFold(x, v) {
				return x, nil
			}
		}
		return "", fmt.Errorf("%q is not a %s (%s)", v, what, strings.Join(list, ", "))
	}
	var out []plan.Question
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		c, m, hasMeeting := strings.Cut(item, "/")
		client, err := pick(clients, strings.TrimSpace(c), "client type")
		if err != nil {
			return nil, err
		}
		if !hasMeeting {
			for _, mt := range meetings {
				out = append(out, plan.Question{ClientType: client, MeetingType: mt})
			}
			continue
		}
		meeting, err := pick(meetings, strings.TrimSpace(m), "meeting type")
		if err != nil {
			return nil, err
		}
		out = append(out, plan.Question{ClientType: client, MeetingType: meeting})
	}
	if len(out) == 0 {
		return nil, errors.New("no question")
	}
	return out, nil
}

// readTenant loads the tenant file at db read-only and closes it at once:
// a plan or a diff never writes it. A default tenant file that does not
// exist yet is a new tenant (the Global defaults); so is :memory:.
func readTenant(db string, mustExist bool, timeout time.Duration) (*state.Tenant, string, error) {
	if db == memoryDB {
		return state.NewTenant(), memoryDB, nil
	}
	path, err := state.DefaultPath(db, os.Getenv)
	if err != nil {
		return nil, "", err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && !mustExist {
		return state.NewTenant(), path, nil
	}
	if timeout == 0 {
		timeout = -1
	}
	s, err := state.Open(path, state.Options{ReadOnly: true, MustExist: true, LockTimeout: timeout})
	if err != nil {
		return nil, path, err
	}
	defer s.Close()
	t, err := s.Load()
	return t, path, err
}

// planMemoryLimit is the soft memory limit of a plan or a diff, which
// holds two copies of the tenant: the garbage collector works harder near
// it, so that a plan of a million users stays under 1 GB. GOMEMLIMIT
// overrides it.
const planMemoryLimit = 900 << 20

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(planMemoryLimit)
	}
}

// runPlan is csemu plan.
func runPlan(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, code, ok := parsePlanArgs("plan", args, stdout, stderr)
	if !ok {
		return code
	}
	limitMemory()
	if len(o.args) == 0 {
		fmt.Fprintf(stderr, "csemu plan: no script to plan\n%s", planUsage)
		return exitUsage
	}
	file, scriptArgs := o.args[0], o.args[1:]
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "csemu plan: %v\n", err)
		return exitScript
	}
	src := textenc.Decode(data)
	clock, err := clockFromEnv()
	if err != nil {
		fmt.Fprintf(stderr, "csemu plan: %v\n", err)
		return exitUsage
	}
	before, path, err := readTenant(o.db, false, o.timeout)
	if err != nil {
		fmt.Fprintf(stderr, "csemu plan: %v\n", err)
		return exitScript
	}
	_ = path
	after := before.Clone()
	from := after.NumChanges()

	// the script runs on the copy; its output is not the plan's, its
	// errors and warnings go to standard error
	holder := teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return after, nil }, Strict: o.strict})
	opts := []cmdlets.Option{
		cmdlets.WithIO(strings.NewReader(""), io.Discard, stderr),
		cmdlets.WithNonInteractive(),
	}
	if clock != nil {
		opts = append(opts, cmdlets.WithClock(clock))
	}
	sess := cmdlets.NewSession(append(opts, holder.Options()...)...)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	runArgs := make([]any, len(scriptArgs))
	for i, a := range scriptArgs {
		runArgs[i] = a
	}
	runCode, runErr := sess.Run(ctx, file, src, runArgs)
	sess.Close()
	var perrs parser.ErrorList
	if errors.As(runErr, &perrs) {
		fmt.Fprintln(stderr, perrs.Error())
		return exitScript
	}
	now := time.Now()
	if clock != nil {
		now = clock.Now()
	}
	p := plan.Build(before, after, plan.BuildOptions{Script: file, Now: now, FromChange: from, Questions: o.questions})
	p.Atomic = o.atomic
	switch {
	case runErr != nil:
		p.Failed = failureOf(runErr, file)
	case runCode != 0:
		p.Failed = &plan.Failure{File: file, Message: fmt.Sprintf("the script exited with code %d", runCode)}
	}
	env := lint.NewEnv(cmdlets.NewCommands(teams.Modules(), teams.NewHolder(teams.Config{}).Cmdlets()...))
	env.ReadFile = os.ReadFile
	// the plan's tenant is the one the script meets: its policies exist
	// (as csemu lint --tenant knows them)
	env.Known = lint.NewKnowledge()
	env.Known.AddTenant(before)
	for _, f := range lint.Suppress(src, lint.Lint(file, src, env)) {
		p.Findings = append(p.Findings, plan.Finding{File: f.File, Line: f.Pos.Line, Column: f.Pos.Column,
			Severity: f.Severity.String(), Code: f.Code, Message: f.Message})
	}
	return writePlan(p, o, stdout, stderr)
}

// failureOf describes the error that stopped a script.
func failureOf(err error, file string) *plan.Failure {
	var rec *cmdlets.ErrorRecord
	if errors.As(err, &rec) {
		f := &plan.Failure{File: rec.Pos.Filename, Line: rec.Pos.Line, Column: rec.Pos.Column, Message: rec.Msg}
		if rec.Command != "" {
			f.Message = rec.Command + ": " + rec.Msg
		}
		if f.File == "" {
			f.File = file
		}
		return f
	}
	return &plan.Failure{File: file, Message: err.Error()}
}

// writePlan renders the plan and returns the exit code: 1 when the script
// failed, else with --detailed-exitcode 2 for changes and 0 for none.
func writePlan(p *plan.Plan, o planOptions, stdout, stderr io.Writer) int {
	var err error
	switch o.format {
	case "json":
		err = p.JSON(stdout)
	case "markdown":
		err = p.Markdown(stdout)
	default:
		err = p.Text(stdout, plan.TextOptions{Color: colorOK(stdout)})
	}
	if err != nil {
		fmt.Fprintf(stderr, "csemu: writing the plan: %v\n", err)
		return exitScript
	}
	switch {
	case p.Failed != nil:
		return exitScript
	case o.detailed && p.Changed():
		return exitChanges
	}
	return exitOK
}

// colorOK reports whether the text plan may use colour: on a terminal,
// unless NO_COLOR is set or TERM is dumb.
func colorOK(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminalWriter(w)
}

// runDiff is csemu diff: the plan's layout between two tenant files.
func runDiff(args []string, stdout, stderr io.Writer) int {
	o, code, ok := parsePlanArgs("diff", args, stdout, stderr)
	if !ok {
		return code
	}
	limitMemory()
	if len(o.args) != 2 || o.db != "" {
		fmt.Fprintf(stderr, "csemu diff: give two tenant files, A.db B.db\n%s", planUsage)
		return exitUsage
	}
	a, _, err := readTenant(o.args[0], true, o.timeout)
	if err != nil {
		fmt.Fprintf(stderr, "csemu diff: %v\n", err)
		return exitScript
	}
	b, _, err := readTenant(o.args[1], true, o.timeout)
	if err != nil {
		fmt.Fprintf(stderr, "csemu diff: %v\n", err)
		return exitScript
	}
	clock, err := clockFromEnv()
	if err != nil {
		fmt.Fprintf(stderr, "csemu diff: %v\n", err)
		return exitUsage
	}
	now := time.Now()
	if clock != nil {
		now = clock.Now()
	}
	p := plan.Build(a, b, plan.BuildOptions{Now: now, FromChange: -1, Questions: o.questions})
	p.Before, p.After = o.args[0], o.args[1]
	return writePlan(p, o, stdout, stderr)
}
