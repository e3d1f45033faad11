package cmdlets

import (
	"github.com/csemu/csemu/parser"
)

// LintArg is one command element as a static check sees it: a named
// parameter or a positional value, with its value when it is a literal.
type LintArg struct {
	// Name is the parameter name as typed, without the dash; "" for a
	// positional value.
	Name string
	// HasValue is set when a value is attached (-Name:value, or a splatted
	// hashtable entry).
	HasValue bool
	// Known is set when Value is a literal known without running the
	// script.
	Known bool
	Value any
	Pos   parser.Pos
}

// BindProblem is what binding a command's arguments would fail with, as
// data: what is wrong, where and with which parameter, and the engine's
// message.
type BindProblem struct {
	Kind BindProblemKind
	// ID is the engine's error id (NamedParameterNotFound,
	// MissingMandatoryParameter, ...), InvalidValue for a value outside the
	// documented ones.
	ID string
	// Arg is the index of the argument at fault, -1 for the command.
	Arg int
	// Param is the parameter concerned, when there is one.
	Param *ParamDef
	// Candidates are the parameters an ambiguous name matches.
	Candidates []string
	// Missing are the missing mandatory parameters.
	Missing []string
	// Msg is the engine's message.
	Msg string
}

// LintBinding is the result of [Checker.Check].
type LintBinding struct {
	Problems []BindProblem
	// Bound maps the canonical name of each bound parameter to the index
	// of the argument that holds its value (the parameter itself for a
	// switch given without a value).
	Bound map[string]int
}

// Checker binds the arguments of commands as the binder does, without
// running anything, and reports every problem instead of stopping at the
// first: the binder as lint sees it. It keeps the binding index of each
// cmdlet it checked. It is not safe for concurrent use.
type Checker struct {
	specs map[*Cmdlet]*bindSpec
	// raw and res are reused by each check
	raw []rawArg
	res bindResult
}

// NewChecker returns a checker.
func NewChecker() *Checker { return &Checker{specs: map[*Cmdlet]*bindSpec{}} }

// Check binds args to cmd's parameters. Values that are not Known are
// taken to bind; Known values are also checked against the parameter's
// Check hook (the documented values of a setting). The mandatory check is
// left out when the command gets pipeline input or some of its arguments
// are unknown (incomplete).
func (k *Checker) Check(cmd *Cmdlet, args []LintArg, pipelineInput, incomplete bool) *LintBinding {
	spec := k.specs[cmd]
	if spec == nil {
		spec = newCmdletSpec(cmd)
		k.specs[cmd] = spec
	}
	raw := k.raw[:0]
	for _, a := range args {
		raw = append(raw, rawArg{name: a.Name, value: a.Value, hasValue: a.HasValue, pos: a.Pos, unknown: !a.Known})
	}
	k.raw = raw
	chk := &argCheck{bound: make(map[string]int, len(args))}
	res := &k.res
	res.extra, res.set = nil, ""
	_ = bindArgs(plainTypes{}, res, frame{}, spec, raw, parser.Pos{}, chk)
	out := &LintBinding{Problems: chk.problems, Bound: chk.bound}
	if chk.hard || chk.stopped || pipelineInput || incomplete {
		return out
	}
	if missing := missingMandatory(spec, res); len(missing) > 0 {
		err := missingMandatoryError(spec, missing, parser.Pos{})
		out.Problems = append(out.Problems, BindProblem{Kind: BindMissingMandatory, ID: err.rec.ID, Arg: -1, Missing: missing, Msg: err.rec.Msg})
	}
	return out
}

// argCheck is what a static check collects while binding (see bindArgs).
type argCheck struct {
	problems []BindProblem
	bound    map[string]int
	// hard is set by a problem with the parameters given (not a value):
	// the mandatory check is then left out; stopped, when no parameter
	// set fits.
	hard, stopped bool
}

// fail records the problem err, found with argument arg.
func (c *argCheck) fail(arg int, p *ParamDef, cands []string, err error) {
	bp := BindProblem{Arg: arg, Param: p, Candidates: cands, Msg: err.Error()}
	var pe *psError
	if asPSError(err, &pe) {
		bp.Kind, bp.ID, bp.Msg = pe.problem, pe.rec.ID, pe.rec.Msg
	}
	c.problems = append(c.problems, bp)
}

// hardFail records a problem with the parameters given.
func (c *argCheck) hardFail(arg int, p *ParamDef, cands []string, err *psError) {
	c.hard = true
	c.fail(arg, p, cands, err)
}

// check applies p's Check hook to a value that converted.
func (c *argCheck) check(arg int, p *ParamDef, v any) {
	if p.Check == nil {
		return
	}
	if _, err := p.Check(p, v); err != nil {
		c.problems = append(c.problems, BindProblem{Kind: BindValueNotAllowed, ID: "InvalidValue", Arg: arg, Param: p, Msg: err.Error()})
	}
}

// bind records the argument that holds a parameter's value; c may be nil.
func (c *argCheck) bind(name string, arg int) {
	if c != nil {
		c.bound[name] = arg
	}
}

// skipValue returns the index of the last argument that belongs to the
// named parameter at i, which is in error: the value that follows it is
// not reported again as a positional argument.
func (c *argCheck) skipValue(raw []rawArg, i int) int {
	if !raw[i].hasValue && !raw[i].colon && i+1 < len(raw) && raw[i+1].name == "" {
		return i + 1
	}
	return i
}
