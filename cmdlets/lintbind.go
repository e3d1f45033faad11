package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
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

// BindProblem is what binding a command's arguments would fail with, in
// the engine's words.
type BindProblem struct {
	// ID is the engine's error id: NamedParameterNotFound,
	// AmbiguousParameter, ParameterAlreadyBound, MissingArgument,
	// PositionalParameterNotFound, AmbiguousParameterSet,
	// MissingMandatoryParameter, a conversion or validation id, or
	// InvalidValue for a value outside the documented ones.
	ID string
	// Arg is the index of the argument at fault, -1 for the command.
	Arg int
	// Param is the parameter concerned, when there is one.
	Param *ParamDef
	// Candidates are the parameters an ambiguous name matches.
	Candidates []string
	// Missing are the missing mandatory parameters.
	Missing []string
	// Value marks a problem with a literal value (conversion or
	// validation).
	Value bool
	// Msg is the engine's message.
	Msg string
}

// LintBinding is the result of CheckArgs.
type LintBinding struct {
	Problems []BindProblem
	// Bound maps the canonical name of each bound parameter to the index
	// of the argument that holds its value (the parameter itself for a
	// switch given without a value).
	Bound map[string]int
}

// CheckArgs binds args to cmd's parameters as the binder does, without
// running anything, and reports every problem instead of stopping at the
// first. Values that are not Known are taken to bind. The mandatory check
// is left out when the command gets pipeline input or some of its
// arguments are unknown (incomplete). Like the rest of a Session, it is
// not safe for concurrent use.
func (s *Session) CheckArgs(cmd *Cmdlet, args []LintArg, pipelineInput, incomplete bool) *LintBinding {
	spec := s.cmdletSpec(cmd)
	fr := frame{scope: s.global}
	res := &bindResult{bound: map[string]any{}}
	out := &LintBinding{Bound: map[string]int{}}
	hard := false
	problem := func(p BindProblem, err error) {
		var pe *psError
		if asPSError(err, &pe) {
			p.ID, p.Msg = pe.rec.ID, pe.rec.Msg
		}
		out.Problems = append(out.Problems, p)
	}
	checkValue := func(p *ParamDef, i int, v any) {
		cv, err := s.convertParam(fr, spec, p, v, args[i].Pos)
		if err != nil {
			problem(BindProblem{Arg: i, Param: p, Value: true}, err)
			return
		}
		if _, err := checkDocumented(p, cv); err != nil {
			out.Problems = append(out.Problems, BindProblem{ID: "InvalidValue", Arg: i, Param: p, Value: true, Msg: err.Error()})
		}
	}
	var positional []int
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a.Name == "" {
			positional = append(positional, i)
			continue
		}
		// skipValue drops the value that follows a parameter in error, so
		// that it is not reported again as a positional argument
		skipValue := func() {
			if !a.HasValue && i+1 < len(args) && args[i+1].Name == "" {
				i++
			}
		}
		var p *ParamDef
		var cands []string
		key := ""
		if r, ok := spec.idx.lookup(a.Name); ok {
			p, key = r.p, r.key
		} else {
			p, cands = spec.lookup(a.Name)
		}
		if p == nil {
			hard = true
			if len(cands) > 0 {
				var b strings.Builder
				for _, c := range cands {
					b.WriteString(" -")
					b.WriteString(c)
				}
				problem(BindProblem{Arg: i, Candidates: cands}, bindError(a.Pos, spec.command, "AmbiguousParameter", InvalidArgument,
					"Parameter cannot be processed because the parameter name '%s' is ambiguous. Possible matches include:%s.", a.Name, b.String()))
			} else {
				problem(BindProblem{Arg: i}, bindError(a.Pos, spec.command, "NamedParameterNotFound", InvalidArgument,
					"A parameter cannot be found that matches parameter name '%s'.", a.Name))
			}
			skipValue()
			continue
		}
		if key == "" {
			key = strings.ToLower(p.Name)
		}
		if _, dup := res.bound[key]; dup {
			hard = true
			problem(BindProblem{Arg: i, Param: p}, bindError(a.Pos, spec.command, "ParameterAlreadyBound", InvalidArgument,
				"Cannot bind parameter because parameter '%s' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".", p.Name))
			skipValue()
			continue
		}
		vi := i
		switch {
		case a.HasValue:
			if a.Known {
				checkValue(p, i, a.Value)
			}
		case p.IsSwitch():
		default:
			if i+1 < len(args) && args[i+1].Name == "" {
				i++
				vi = i
				if args[i].Known {
					checkValue(p, i, args[i].Value)
				}
			} else {
				hard = true
				problem(BindProblem{Arg: i, Param: p}, bindError(a.Pos, spec.command, "MissingArgument", InvalidArgument,
					"Missing an argument for parameter '%s'. Specify a parameter of type '%s' and try again.", p.Name, p.dotnetType()))
			}
		}
		res.bound[key] = nil
		out.Bound[p.Name] = vi
	}
	posParams := spec.positional()
	for pi := 0; pi < len(positional); pi++ {
		i := positional[pi]
		a := args[i]
		var target *ParamDef
		for _, p := range posParams {
			if _, done := res.bound[spec.keyOf(p)]; done || !s.inCompatibleSet(spec, res, p) {
				continue
			}
			target = p
			break
		}
		if target == nil {
			hard = true
			shown := "…"
			if a.Known {
				shown = value.ToString(a.Value)
			}
			problem(BindProblem{Arg: i}, bindError(a.Pos, spec.command, "PositionalParameterNotFound", InvalidArgument,
				"A positional parameter cannot be found that accepts argument '%s'.", shown))
			continue
		}
		if a.Known {
			// another parameter at the same position takes a value that
			// the first does not convert
			if _, err := s.convertParam(fr, spec, target, a.Value, a.Pos); err != nil {
				for _, alt := range posParams {
					if alt == target || alt.Position != target.Position {
						continue
					}
					if _, done := res.bound[spec.keyOf(alt)]; done || !s.inCompatibleSet(spec, res, alt) {
						continue
					}
					if _, err2 := s.convertParam(fr, spec, alt, a.Value, a.Pos); err2 == nil {
						target = alt
						break
					}
				}
			}
			if !target.Remaining {
				checkValue(target, i, a.Value)
			}
		}
		if target.Remaining {
			pi = len(positional)
		}
		res.bound[spec.keyOf(target)] = nil
		out.Bound[target.Name] = i
	}
	if err := s.resolveSet(spec, res, parser.Pos{}); err != nil {
		problem(BindProblem{Arg: -1}, err)
		return out
	}
	if hard || pipelineInput || incomplete {
		return out
	}
	if err := s.checkMandatory(spec, res, parser.Pos{}); err != nil {
		bp := BindProblem{Arg: -1}
		problem(bp, err)
		last := &out.Problems[len(out.Problems)-1]
		if _, list, ok := strings.Cut(last.Msg, ": "); ok {
			last.Missing = strings.Fields(strings.TrimSuffix(list, "."))
		}
	}
	return out
}

// IsCsCmdletName reports whether name looks like a Teams or Skype cmdlet
// (Verb-CsNoun), which the engine treats as a real command it does not
// emulate when it does not know it.
func IsCsCmdletName(name string) bool { return isCsCmdlet(name) }

// IsKnownUnemulated reports whether name belongs to a family of real
// commands (Azure, Graph, Exchange, SharePoint...) that csemu leaves out.
func IsKnownUnemulated(name string) bool { return isKnownUnemulated(strings.ToLower(name)) }
