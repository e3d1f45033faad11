package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/lint"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/state"
)

const lintUsage = `usage:
  csemu lint [flags] PATH...   check scripts without running them (a directory
                               means its .ps1 and .psm1 files, recursively);
                               a .json or .zip file given by name is a Teams
                               app manifest or app package (rules CSE40xx)
  csemu lint --explain CODE    describe a rule, with an example and its fix

flags:
  --format F     text (default), gcc, json or sarif
  --severity S   report findings of at least this severity: info (default),
                 warning or error
  --config FILE  settings file (default: the nearest .csemu-lint.json in the
                 directory given, or its subdirectories)
  --tenant FILE  a tenant file whose policies and users exist already: a
                 policy in it is not reported as never created (CSE1401).
                 The file is opened read-only and never written.
  --fix          apply the fixes that cannot change what a script means (a
                 documented value's casing or a one-edit typo of it, a
                 cmdlet's or parameter's casing, typographic dashes and
                 quotes), rewrite the files in their own encoding, and report
                 what is left; a script that does not parse is not changed
  --diff         show the fixes as a unified diff; without --fix, write
                 nothing and report nothing else (exit 1 when there is a diff)

A policy that one script creates with New- is known to the other scripts
of the same folder that are linted in the same run.

Exit codes: 0 nothing reported, 1 findings reported, 2 usage error.
Suppress a finding with a comment on the line before it:
  # csemu-disable-next-line CSE1201
or for the rest of the file: # csemu-disable CSE3001 (no code: every rule).
`

// lintOptions are the parsed arguments of csemu lint.
type lintOptions struct {
	format   lint.Format
	severity lint.Severity
	config   string
	tenant   string
	explain  string
	paths    []string
	fix      bool
	diff     bool
}

// runLint checks the files given without running them and reports what it
// finds; it opens no tenant but the one --tenant names, read-only.
func runLint(args []string, stdout, stderr io.Writer) int {
	o, code, ok := parseLintArgs(args, stdout, stderr)
	if !ok {
		return code
	}
	if o.explain != "" {
		rule, found := lint.RuleByCode(o.explain)
		if !found {
			fmt.Fprintf(stderr, "csemu lint: unknown rule %q; the rules are %s\n", o.explain, ruleCodes())
			return exitUsage
		}
		if err := lint.WriteExplain(stdout, rule); err != nil {
			fmt.Fprintf(stderr, "csemu lint: %v\n", err)
			return exitScript
		}
		return exitOK
	}
	var fixed *lint.Config
	if o.config != "" {
		c, err := lint.LoadConfig(o.config)
		if err != nil {
			fmt.Fprintf(stderr, "csemu lint: %v\n", err)
			return exitUsage
		}
		fixed = c
	}
	files, err := lintFiles(o.paths)
	if err != nil {
		fmt.Fprintf(stderr, "csemu lint: %v\n", err)
		return exitUsage
	}
	finder := lint.NewConfigFinder()
	env := lint.NewEnv(cmdlets.NewCommands(teams.Modules(), teams.NewHolder(teams.Config{}).Cmdlets()...))
	env.ReadFile = os.ReadFile
	report := &lint.Report{Sources: map[string]string{}, Version: csemuVersion}
	diffs := false
	if wd, err := os.Getwd(); err == nil {
		report.BaseDir = wd
	}
	known := lint.NewKnowledge()
	if o.tenant != "" {
		if err := lintTenant(known, o.tenant); err != nil {
			fmt.Fprintf(stderr, "csemu lint: --tenant: %v\n", err)
			return exitUsage
		}
	}
	env.Known = known
	datas := make([][]byte, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			fmt.Fprintf(stderr, "csemu lint: %v\n", err)
			return exitUsage
		}
		datas[i] = data
		if !lint.IsManifestPath(f.path) {
			// what each script creates is known to the others of its folder
			known.AddScript(f.path, textenc.Decode(data), env)
		}
	}
	for i, f := range files {
		data := datas[i]
		var err error
		cfg := fixed
		if cfg == nil {
			if cfg, err = finder.Find(f.path, f.root); err != nil {
				fmt.Fprintf(stderr, "csemu lint: %v\n", err)
				return exitUsage
			}
		}
		var found []lint.Finding
		if lint.IsManifestPath(f.path) {
			// a manifest has no suppression comments; the settings
			// file still applies
			fs, file, text := lint.LintManifest(f.path, data)
			report.Sources[file] = strings.TrimPrefix(text, "\ufeff")
			found = cfg.Apply(fs)
		} else {
			src := textenc.Decode(data)
			if o.fix || o.diff {
				keep := func(src string, fs []lint.Finding) []lint.Finding { return cfg.Apply(lint.Suppress(src, fs)) }
				var changes bool
				src, changes, err = fixFile(f.path, data, env, keep, o.fix, o.diff, stdout, stderr)
				if err != nil {
					fmt.Fprintf(stderr, "csemu lint: %v\n", err)
					return exitScript
				}
				diffs = diffs || changes
				if !o.fix {
					continue
				}
			}
			report.Sources[f.path] = src
			found = cfg.Apply(lint.Suppress(src, lint.Lint(f.path, src, env)))
		}
		for _, fd := range found {
			if fd.Severity >= o.severity {
				report.Findings = append(report.Findings, fd)
			}
		}
	}
	if o.diff && !o.fix {
		if diffs {
			return exitLint
		}
		return exitOK
	}
	if err := report.Write(stdout, o.format); err != nil {
		fmt.Fprintf(stderr, "csemu lint: %v\n", err)
		return exitScript
	}
	if len(report.Findings) == 0 {
		return exitOK
	}
	if o.format == lint.Text {
		fmt.Fprintln(stderr, lint.Summary(report.Findings))
	}
	return exitLint
}

// lintTenant reads the policies and users of a tenant file, opened
// read-only: lint never writes it.
func lintTenant(k *lint.Knowledge, path string) error {
	s, err := state.Open(path, state.Options{ReadOnly: true, MustExist: true})
	if err != nil {
		return err
	}
	defer s.Close()
	t, err := s.Load()
	if err != nil {
		return err
	}
	k.AddTenant(t)
	return nil
}

// ruleCodes lists the codes of the rules, for messages.
func ruleCodes() string {
	var codes []string
	for _, r := range lint.Rules() {
		codes = append(codes, r.Code)
	}
	return strings.Join(codes, ", ")
}

// parseLintArgs reads the flags and paths; flags may follow paths, and
// everything after "--" is a path.
func parseLintArgs(args []string, stdout, stderr io.Writer) (lintOptions, int, bool) {
	o := lintOptions{format: lint.Text, severity: lint.Info}
	fset := flag.NewFlagSet("csemu lint", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	format := fset.String("format", "text", "output format")
	severity := fset.String("severity", "info", "minimum severity")
	fset.StringVar(&o.config, "config", "", "settings file")
	fset.StringVar(&o.tenant, "tenant", "", "tenant file, read only")
	fset.StringVar(&o.explain, "explain", "", "describe a rule")
	fset.BoolVar(&o.fix, "fix", false, "apply the safe fixes")
	fset.BoolVar(&o.diff, "diff", false, "show the safe fixes as a diff")
	usageErr := func(format string, args ...any) (lintOptions, int, bool) {
		fmt.Fprintf(stderr, "csemu lint: "+format+"\n", args...)
		fmt.Fprint(stderr, lintUsage)
		return o, exitUsage, false
	}
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, lintUsage)
				return o, exitOK, false
			}
			return usageErr("%v", err)
		}
		rest := fset.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			o.paths = append(o.paths, rest...)
			break
		}
		o.paths = append(o.paths, rest[0])
		args = rest[1:]
	}
	var err error
	if o.format, err = lint.ParseFormat(*format); err != nil {
		return usageErr("%v", err)
	}
	if o.severity, err = lint.ParseSeverity(*severity); err != nil {
		return usageErr("%v", err)
	}
	explaining := false
	fset.Visit(func(f *flag.Flag) { explaining = explaining || f.Name == "explain" })
	switch {
	case explaining && o.explain == "":
		return usageErr("--explain needs a rule code (%s)", ruleCodes())
	case explaining && (o.fix || o.diff):
		return usageErr("--explain does not take --fix or --diff")
	case explaining && len(o.paths) > 0:
		return usageErr("--explain takes a rule code, not paths")
	case !explaining && len(o.paths) == 0:
		return usageErr("no path given")
	}
	return o, exitOK, true
}

// lintFile is a file to check and the directory given on the command line
// that it was found in (its own directory for a file given by name).
type lintFile struct {
	path, root string
}

// lintFiles expands the paths: a file stands for itself, a directory for its
// .ps1 and .psm1 files, recursively. The result is sorted, without
// duplicates.
func lintFiles(paths []string) ([]lintFile, error) {
	seen := map[string]bool{}
	var files []lintFile
	for _, p := range paths {
		p = filepath.Clean(p)
		st, err := os.Stat(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, err
		}
		if !st.IsDir() {
			if !seen[p] {
				seen[p] = true
				files = append(files, lintFile{path: p, root: filepath.Dir(p)})
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && d.Name() == ".git" {
					return filepath.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if (ext == ".ps1" || ext == ".psm1") && !seen[path] {
				seen[path] = true
				files = append(files, lintFile{path: path, root: p})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, nil
}
