package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/parser"
)

// Severity is how serious a finding is.
type Severity int

// Severities, from the least serious.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q: use error, warning or info", s)
}

// Finding is one mistake found in a file.
type Finding struct {
	Code     string // "CSE1201"
	Severity Severity
	File     string
	Pos, End parser.Pos // End is just past the offending text; it may equal Pos
	Message  string
	// Suggestion is how to fix it, when there is one ("did you mean ...?").
	Suggestion string
	// Fix, when set, repairs the finding without changing what the script
	// means (csemu lint --fix applies it).
	Fix *Fix
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.File, f.Pos.Line, f.Pos.Column, f.Severity, f.Message, f.Code)
}

// Rule describes a check, for --explain and SARIF.
type Rule struct {
	Code     string
	Name     string // short kebab-case name: "unknown-parameter"
	Severity Severity
	Summary  string // one line
	Help     string // what it catches and why
	Bad      string // a script with the mistake
	Good     string // the same script fixed
	// Manifest marks a rule of Teams app manifests: Bad and Good are
	// manifest.json texts, and LintManifest runs it, not Lint.
	Manifest bool
}

// File is a script being linted.
type File struct {
	Path   string
	Src    string
	Script *parser.Script // nil when the file does not parse at all
	// Errors are the syntax errors (the parser recovers and reports all).
	Errors parser.ErrorList

	// setCalls are the calls of the watched Set- cmdlets that the
	// settings rules share, collected for setCallsEnv.
	setCalls    []*setCall
	setCallsEnv *Env
	// commands is the analysis the command rules share (commandFindings).
	commands     []Finding
	commandsDone bool
	// flow is the data-flow pass's facts (flowOf).
	flow *flowInfo
	// tidy are the spelling fixes the command analysis found (see Analysis).
	tidy []Fix
}

// Env is what checks may consult: the command table, and the binder's
// static check of a command's arguments. It is not safe for concurrent
// use.
type Env struct {
	Commands *cmdlets.Commands
	checker  *cmdlets.Checker
	// ReadFile, when set, reads the local modules a script imports with a
	// literal path, so that their functions count as known commands; nil
	// leaves every imported module unknown.
	ReadFile func(name string) ([]byte, error)
	// Known, when set, is what exists beyond the script: the policies
	// other scripts of its folder create, and a tenant's policies and
	// users.
	Known *Knowledge
	// refused is the table of the core cmdlets' refused parameters
	// (CSE1104), built once.
	refused map[string]cmdlets.RefusedParam
}

// NewEnv returns an environment that knows the commands of table.
func NewEnv(table *cmdlets.Commands) *Env {
	return &Env{Commands: table, checker: cmdlets.NewChecker(), refused: cmdlets.RefusedIndex()}
}

// check is one rule's check over a file.
type check func(f *File, env *Env, report func(Finding))

// ruleDef is a rule and its check.
type ruleDef struct {
	Rule
	check    check         // a script rule's check
	manifest manifestCheck // a manifest rule's check
}

// allRules lists every rule, in code order.
func allRules() []ruleDef {
	var out []ruleDef
	out = append(out, syntaxRules()...)
	out = append(out, commandRules()...)
	out = append(out, serviceRules()...)
	out = append(out, settingRules()...)
	out = append(out, slipRules()...)
	out = append(out, manifestRules()...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Rules returns the descriptions of every rule, in code order.
func Rules() []Rule {
	defs := allRules()
	out := make([]Rule, len(defs))
	for i, d := range defs {
		out[i] = d.Rule
	}
	return out
}

// RuleByCode returns the rule with the code (case-insensitive).
func RuleByCode(code string) (Rule, bool) {
	for _, r := range Rules() {
		if strings.EqualFold(r.Code, code) {
			return r, true
		}
	}
	return Rule{}, false
}

// Lint parses src and runs every rule on it. The findings come sorted by
// position; suppression comments are applied by the caller (see Suppress).
func Lint(path, src string, env *Env) []Finding {
	return Analyze(path, src, env).Findings
}

// Analyze is Lint with the tidy fixes of the file.
func Analyze(path, src string, env *Env) Analysis {
	f := &File{Path: path, Src: src}
	script, err := parser.Parse(path, src)
	f.Script = script
	if err != nil {
		var el parser.ErrorList
		if list, ok := err.(parser.ErrorList); ok {
			el = list
		} else if pe, ok := err.(*parser.Error); ok {
			el = parser.ErrorList{pe}
		}
		f.Errors = el
	}
	var out []Finding
	for _, r := range allRules() {
		if r.check == nil {
			continue
		}
		r.check(f, env, func(fd Finding) {
			if fd.Code == "" {
				fd.Code = r.Code
			}
			fd.Severity = r.Severity
			if fd.File == "" {
				fd.File = path
			}
			if fd.End.Line == 0 {
				fd.End = fd.Pos
			}
			out = append(out, fd)
		})
	}
	sortFindings(out)
	return Analysis{Findings: out, Tidy: f.tidy}
}

// sortFindings sorts findings by position, then code.
func sortFindings(out []Finding) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return out[i].Code < out[j].Code
	})
}
