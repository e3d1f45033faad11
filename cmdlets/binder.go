package cmdlets

import (
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// rawArg is one evaluated command element before binding.
type rawArg struct {
	name     string // parameter name as typed, without the dash; "" for a positional value
	value    any
	pos      parser.Pos
	colon    bool // -Name:value
	hasValue bool // a value is attached (colon form or splatted)
	quoted   bool // the value came from a quoted string (so "-x" stays a value)
	// unknown marks a value that a static check (see [Checker]) does not
	// know.
	unknown bool
	// text is the source text of a number literal argument (34uy, 0x10):
	// a [string] parameter takes the text as written, as PowerShell keeps
	// a bare numeric literal's token text.
	text string
}

// valueFor returns the value of an argument for parameter p: a number
// literal's text for a [string] parameter.
func (a *rawArg) valueFor(p *ParamDef) any {
	if a.text != "" && (strings.EqualFold(p.Type, "string") || strings.EqualFold(p.Type, "string[]")) {
		return a.text
	}
	return a.value
}

// bindSpec is what the binder needs to know about a command.
type bindSpec struct {
	command string
	params  []*ParamDef
	// common adds the common parameters (cmdlets and advanced functions).
	common bool
	// loose lets unknown parameters and extra positionals go to $args
	// (simple functions).
	loose bool
	// script marks a script function or script block: its typed
	// parameters convert through an argument transformation.
	script     bool
	defaultSet string
	// goCmdlet marks a Go cmdlet's spec: its Call reads bound values by
	// lower-case name only.
	goCmdlet bool
	// core marks a core PowerShell cmdlet, whose binding errors have the
	// engine's own texts.
	core bool
	// idx, when set, indexes params (cached cmdlet specs; see
	// Session.cmdletSpec).
	idx *bindIndex
}

// bindResult is what binding produced.
type bindResult struct {
	bound map[string]any // canonical lower-case name -> value
	// names maps lower-case names to the canonical spelling; nil for a
	// Go cmdlet, whose bound names nothing reads (see setName).
	names  map[string]string
	extra  []any // unbound arguments, for $args
	set    string
	common commonParams
}

// BindProblemKind says what is wrong with the arguments of a command.
type BindProblemKind int

// The kinds of binding problems; the engine's error id follows each.
const (
	// BindUnknownParameter: no parameter has the name (NamedParameterNotFound).
	BindUnknownParameter BindProblemKind = iota + 1
	// BindAmbiguousParameter: a prefix matches several parameters (AmbiguousParameter).
	BindAmbiguousParameter
	// BindDuplicateParameter: a parameter is given twice (ParameterAlreadyBound).
	BindDuplicateParameter
	// BindMissingArgument: a parameter that takes a value has none (MissingArgument).
	BindMissingArgument
	// BindUnboundPositional: no positional parameter takes a value (PositionalParameterNotFound).
	BindUnboundPositional
	// BindAmbiguousSet: the parameters given fit no parameter set (AmbiguousParameterSet).
	BindAmbiguousSet
	// BindMissingMandatory: mandatory parameters are missing (MissingMandatoryParameter).
	BindMissingMandatory
	// BindValueNotAllowed: a value outside a ValidateSet, an enum, a range
	// or a setting's documented values.
	BindValueNotAllowed
	// BindValueInvalid: a value of a type the parameter does not take, or
	// null or empty where that is refused.
	BindValueInvalid
	// BindInputNotBound: no parameter takes the pipeline input (InputObjectNotBound).
	BindInputNotBound
)

// IsValue reports whether the problem lies in a value rather than in the
// parameters given.
func (k BindProblemKind) IsValue() bool { return k == BindValueNotAllowed || k == BindValueInvalid }

func bindError(kind BindProblemKind, pos parser.Pos, command, id string, cat Category, format string, args ...any) *psError {
	return &psError{kind: statementTerminating, problem: kind, rec: &ErrorRecord{
		Pos: pos, Command: command, ID: id, Category: cat, Msg: fmt.Sprintf(format, args...),
		Exception: "System.Management.Automation.ParameterBindingException",
	}}
}

// allParams returns the command's parameters plus the common ones it takes.
func (b *bindSpec) allParams() []*ParamDef {
	if !b.common {
		return b.params
	}
	out := make([]*ParamDef, 0, len(b.params)+len(commonParamDefs))
	out = append(out, b.params...)
	for _, c := range commonParamDefs {
		if b.find(c.Name) == nil {
			out = append(out, c)
		}
	}
	return out
}

func (b *bindSpec) find(name string) *ParamDef {
	for _, p := range b.params {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// lookup resolves a typed parameter name: exact name or alias, then unique
// prefix. It returns the ambiguity candidates when the prefix is ambiguous.
func (b *bindSpec) lookup(name string) (*ParamDef, []string) {
	all := b.allParams()
	for _, p := range all {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p, nil
			}
		}
	}
	var cands []*ParamDef
	lname := strings.ToLower(name)
	for _, p := range all {
		if strings.HasPrefix(strings.ToLower(p.Name), lname) {
			cands = append(cands, p)
			continue
		}
		for _, a := range p.Aliases {
			if strings.HasPrefix(strings.ToLower(a), lname) {
				cands = append(cands, p)
				break
			}
		}
	}
	switch len(cands) {
	case 0:
		return nil, nil
	case 1:
		return cands[0], nil
	}
	// of several, the command's own parameter wins over the common and
	// ShouldProcess ones (-v is -Version, not -Verbose)
	var own *ParamDef
	n := 0
	for _, c := range cands {
		if !slices.Contains(shouldProcessDefs, c) && !slices.Contains(commonParamDefs, c) {
			own = c
			n++
		}
	}
	if n == 1 {
		return own, nil
	}
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = c.Name
	}
	return nil, names
}

// bind binds raw arguments to parameters (no pipeline input yet).
func (s *Session) bind(fr frame, spec *bindSpec, raw []rawArg, pos parser.Pos) (*bindResult, error) {
	res := &bindResult{}
	if err := s.bindTo(res, fr, spec, raw, pos); err != nil {
		return nil, err
	}
	return res, nil
}

// setName records the canonical spelling of a bound parameter.
func (r *bindResult) setName(key, name string) {
	if r.names != nil {
		r.names[key] = name
	}
}

// bindTo is bind into a result that the caller allocated.
func (s *Session) bindTo(res *bindResult, fr frame, spec *bindSpec, raw []rawArg, pos parser.Pos) error {
	return bindArgs(s, res, fr, spec, raw, pos, nil)
}

// bindArgs binds raw arguments to spec's parameters into res, converting
// the values with tc. Run with chk nil, it stops at the first problem and
// returns it as the engine's error; a static check (chk set) records every
// problem in chk and goes on, taking the values it does not know to bind.
func bindArgs(tc typeConverter, res *bindResult, fr frame, spec *bindSpec, raw []rawArg, pos parser.Pos, chk *argCheck) error {
	if res.bound == nil {
		res.bound = map[string]any{}
	} else {
		clear(res.bound) // a static check reuses its result
	}
	if !spec.goCmdlet {
		res.names = map[string]string{}
	}
	var positional []int // indexes into raw
	// a script's ValueFromRemainingArguments parameter takes the
	// arguments nothing else binds: unknown parameter names (as text)
	// and positional values, in their order
	rem := spec.remainingParam()
	var leftover []leftArg
	for i := 0; i < len(raw); i++ {
		a := &raw[i]
		if a.name == "" {
			positional = append(positional, i)
			continue
		}
		var p *ParamDef
		var cands []string
		key := ""
		if r, ok := spec.idx.lookup(a.name); ok {
			p, key = r.p, r.key
		} else {
			p, cands = spec.lookup(a.name)
		}
		if p == nil {
			var err *psError
			switch {
			case len(cands) > 0:
				var b strings.Builder
				for _, c := range cands {
					b.WriteString(" -")
					b.WriteString(c)
				}
				err = bindError(BindAmbiguousParameter, a.pos, spec.command, "AmbiguousParameter", InvalidArgument,
					"Parameter cannot be processed because the parameter name '%s' is ambiguous. Possible matches include:%s.", a.name, b.String())
			case spec.loose:
				res.extra = append(res.extra, "-"+a.name+colonSuffix(*a))
				if a.colon {
					res.extra = append(res.extra, a.value)
				}
				continue
			case rem != nil && chk == nil:
				l := leftArg{at: i, vals: []any{"-" + a.name + colonSuffix(*a)}}
				if a.colon {
					l.vals = append(l.vals, a.value)
				}
				leftover = append(leftover, l)
				continue
			default:
				err = bindError(BindUnknownParameter, a.pos, spec.command, "NamedParameterNotFound", InvalidArgument,
					"A parameter cannot be found that matches parameter name '%s'.", a.name)
			}
			if chk == nil {
				return err
			}
			chk.hardFail(i, nil, cands, err)
			i = chk.skipValue(raw, i)
			continue
		}
		if key == "" {
			key = strings.ToLower(p.Name)
		}
		if _, dup := res.bound[key]; dup {
			err := bindError(BindDuplicateParameter, a.pos, spec.command, "ParameterAlreadyBound", InvalidArgument,
				"Cannot bind parameter because parameter '%s' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".", p.Name)
			if chk == nil {
				return err
			}
			chk.hardFail(i, p, nil, err)
			i = chk.skipValue(raw, i)
			continue
		}
		var v any
		at, known := i, true // the argument that holds the value
		switch {
		case a.hasValue || a.colon:
			v, known = a.valueFor(p), !a.unknown
			if p.IsSwitch() && known && !spec.script {
				v = value.ToBool(v)
			}
		case p.IsSwitch():
			v = true
		default:
			// the next element is the value, unless it is another parameter
			if i+1 < len(raw) && raw[i+1].name == "" {
				i++
				at = i
				v, known = raw[i].valueFor(p), !raw[i].unknown
			} else {
				err := bindError(BindMissingArgument, a.pos, spec.command, "MissingArgument", InvalidArgument,
					"Missing an argument for parameter '%s'. Specify a parameter of type '%s' and try again.", p.Name, p.dotnetType())
				if chk == nil {
					return err
				}
				chk.hardFail(at, p, nil, err)
				known = false
			}
		}
		var cv any
		if known {
			var err error
			if cv, err = convertArg(tc, fr, spec, p, v, a.pos); err != nil {
				if chk == nil {
					return err
				}
				chk.fail(at, p, nil, err)
			} else if chk != nil {
				chk.check(at, p, cv)
			}
		}
		res.bound[key] = cv
		res.setName(key, p.Name)
		chk.bind(p.Name, at)
	}
	// positional parameters in position order
	posParams := spec.positional()
	for pi := 0; pi < len(positional); pi++ {
		ai := positional[pi]
		a := &raw[ai]
		var target *ParamDef
		for _, p := range posParams {
			if _, done := res.bound[spec.keyOf(p)]; done {
				continue
			}
			if !inCompatibleSet(spec, res, p) || p == rem {
				continue
			}
			target = p
			break
		}
		if target != nil && spec.script && spec.defaultSet != "" && !inSet(target, spec.defaultSet) {
			// of the parameters at a position, the default set's binds
			for _, p := range posParams {
				if p.Position == target.Position && p != rem && inSet(p, spec.defaultSet) && inCompatibleSet(spec, res, p) {
					if _, done := res.bound[spec.keyOf(p)]; !done {
						target = p
						break
					}
				}
			}
		}
		if target == nil {
			if spec.loose {
				res.extra = append(res.extra, a.value)
				continue
			}
			if rem != nil && chk == nil {
				leftover = append(leftover, leftArg{at: ai, vals: []any{a.value}})
				continue
			}
			shown := "…"
			if !a.unknown {
				shown = value.ToString(a.value)
			}
			err := bindError(BindUnboundPositional, a.pos, spec.command, "PositionalParameterNotFound", InvalidArgument,
				"A positional parameter cannot be found that accepts argument '%s'.", shown)
			if chk == nil {
				return err
			}
			chk.hardFail(ai, nil, nil, err)
			continue
		}
		// other parameters at the same position, in other sets, are tried
		// when the value does not convert (Where-Object Name vs { ... })
		var alts []*ParamDef
		for _, p := range posParams {
			if p != target && p.Position == target.Position {
				if _, done := res.bound[spec.keyOf(p)]; !done && inCompatibleSet(spec, res, p) {
					alts = append(alts, p)
				}
			}
		}
		if len(alts) > 0 && !a.unknown {
			if _, err := convertArg(tc, fr, spec, target, a.value, a.pos); err != nil {
				for _, alt := range alts {
					if _, err2 := convertArg(tc, fr, spec, alt, a.value, a.pos); err2 == nil {
						target = alt
						break
					}
				}
			}
		}
		v, known := a.valueFor(target), !a.unknown
		if target.Remaining && pi+1 < len(positional) {
			items := []any{a.value}
			for _, ri := range positional[pi+1:] {
				items = append(items, raw[ri].value)
				known = known && !raw[ri].unknown
			}
			pi = len(positional)
			v = &value.Array{Items: items}
		}
		if target.Remaining && chk != nil {
			// a static check leaves the remaining arguments unchecked
			pi, known = len(positional), false
		}
		var cv any
		if known {
			var err error
			if cv, err = convertArg(tc, fr, spec, target, v, a.pos); err != nil {
				if chk == nil {
					return err
				}
				chk.fail(ai, target, nil, err)
			} else if chk != nil {
				chk.check(ai, target, cv)
			}
		}
		key := spec.keyOf(target)
		res.bound[key] = cv
		res.setName(key, target.Name)
		chk.bind(target.Name, ai)
	}
	if len(leftover) > 0 {
		if err := bindRemaining(tc, fr, spec, res, rem, raw, leftover); err != nil {
			return err
		}
	}
	if err := resolveSet(spec, res, pos); err != nil {
		if chk == nil {
			return err
		}
		chk.fail(-1, nil, nil, err)
		chk.stopped = true
		return nil
	}
	res.common = commonFrom(res.bound)
	return nil
}

// setSpelling returns a parameter set's name as the command declares it
// (res.set is in lower case).
func (b *bindSpec) setSpelling(set string) string {
	if strings.EqualFold(b.defaultSet, set) {
		return b.defaultSet
	}
	for _, p := range b.params {
		for _, ps := range p.Sets {
			if strings.EqualFold(ps, set) {
				return ps
			}
		}
	}
	return set
}

// leftArg is an argument nothing binds: an unknown parameter's text
// (with its value after a colon) or a positional value.
type leftArg struct {
	at   int // index in the raw arguments
	vals []any
}

// remainingParam returns a script's ValueFromRemainingArguments
// parameter, or nil.
func (b *bindSpec) remainingParam() *ParamDef {
	if !b.script {
		return nil
	}
	for _, p := range b.params {
		if p.Remaining {
			return p
		}
	}
	return nil
}

// inSet reports whether p is in parameter set name (a parameter that
// names no set is in all of them).
func inSet(p *ParamDef, name string) bool {
	if len(p.Sets) == 0 {
		return true
	}
	for _, ps := range p.Sets {
		if strings.EqualFold(ps, name) {
			return true
		}
	}
	return false
}

// bindRemaining binds the arguments nothing else took to a script's
// ValueFromRemainingArguments parameter, in their order: one collection
// is taken as it is, several values as a list. When that parameter is
// bound already, the first of them is an error.
func bindRemaining(tc typeConverter, fr frame, spec *bindSpec, res *bindResult, rem *ParamDef, raw []rawArg, left []leftArg) error {
	sort.SliceStable(left, func(i, j int) bool { return left[i].at < left[j].at })
	key := spec.keyOf(rem)
	if _, done := res.bound[key]; done {
		a := raw[left[0].at]
		if a.name != "" {
			return bindError(BindUnknownParameter, a.pos, spec.command, "NamedParameterNotFound", InvalidArgument,
				"A parameter cannot be found that matches parameter name '%s'.", a.name)
		}
		return bindError(BindUnboundPositional, a.pos, spec.command, "PositionalParameterNotFound", InvalidArgument,
			"A positional parameter cannot be found that accepts argument '%s'.", value.ToString(a.value))
	}
	var items []any
	for _, l := range left {
		items = append(items, l.vals...)
	}
	var v any = &value.Array{Items: items, List: true}
	if len(items) == 1 && value.IsEnumerable(items[0]) {
		v = items[0]
	}
	cv, err := convertArg(tc, fr, spec, rem, v, raw[left[0].at].pos)
	if err != nil {
		return err
	}
	res.bound[key] = cv
	res.setName(key, rem.Name)
	return nil
}

func colonSuffix(a rawArg) string {
	if a.colon {
		return ":"
	}
	return ""
}

// commonFrom reads the common parameters out of the bound set.
func commonFrom(bound map[string]any) commonParams {
	var cp commonParams
	if v, ok := bound["erroraction"]; ok {
		cp.errorAction = value.ToString(v)
	}
	if v, ok := bound["warningaction"]; ok {
		cp.warningAction = value.ToString(v)
	}
	if v, ok := bound["informationaction"]; ok {
		cp.infoAction = value.ToString(v)
	}
	if v, ok := bound["verbose"]; ok {
		b := value.ToBool(v)
		cp.verbose = &b
	}
	if v, ok := bound["debug"]; ok {
		b := value.ToBool(v)
		cp.debug = &b
	}
	if v, ok := bound["errorvariable"]; ok {
		cp.errorVar = value.ToString(v)
	}
	if v, ok := bound["warningvariable"]; ok {
		cp.warningVar = value.ToString(v)
	}
	if v, ok := bound["informationvariable"]; ok {
		cp.infoVar = value.ToString(v)
	}
	if v, ok := bound["outvariable"]; ok {
		cp.outVar = value.ToString(v)
	}
	if v, ok := bound["pipelinevariable"]; ok {
		cp.pipelineVar = value.ToString(v)
	}
	if v, ok := bound["progressaction"]; ok {
		cp.progressAction = value.ToString(v)
	}
	if v, ok := bound["outbuffer"]; ok {
		cp.outBuffer, _ = value.ToInt(v)
	}
	return cp
}

// inCompatibleSet reports whether p can be bound given what is bound.
func (s *Session) inCompatibleSet(spec *bindSpec, res *bindResult, p *ParamDef) bool {
	return inCompatibleSet(spec, res, p)
}

func inCompatibleSet(spec *bindSpec, res *bindResult, p *ParamDef) bool {
	if spec.idx != nil {
		return spec.idx.inCompatibleSet(res, p)
	}
	if len(p.Sets) == 0 {
		return true
	}
	sets := candidateSets(spec, res)
	if sets == nil {
		return true
	}
	for _, ps := range p.Sets {
		if sets[strings.ToLower(ps)] {
			return true
		}
	}
	return false
}

// candidateSets returns the parameter sets still possible, or nil when the
// command has no sets.
func candidateSets(spec *bindSpec, res *bindResult) map[string]bool {
	all := map[string]bool{}
	for _, p := range spec.params {
		for _, ps := range p.Sets {
			all[strings.ToLower(ps)] = true
		}
	}
	if len(all) == 0 {
		return nil
	}
	if d := strings.ToLower(spec.defaultSet); d != "" && d != "__allparametersets" {
		// the default set exists even when no parameter names it
		all[d] = true
	}
	for key := range res.bound {
		p := spec.find(key)
		if p == nil || len(p.Sets) == 0 {
			continue
		}
		next := map[string]bool{}
		for _, ps := range p.Sets {
			if all[strings.ToLower(ps)] {
				next[strings.ToLower(ps)] = true
			}
		}
		all = next
	}
	return all
}

// resolveSet picks the parameter set from what is bound.
func (s *Session) resolveSet(spec *bindSpec, res *bindResult, pos parser.Pos) error {
	return resolveSet(spec, res, pos)
}

func resolveSet(spec *bindSpec, res *bindResult, pos parser.Pos) error {
	var sets map[string]bool
	if spec.idx != nil {
		if spec.idx.resolveSet(res) {
			return nil
		}
	} else if sets = candidateSets(spec, res); sets == nil {
		return nil
	}
	if len(sets) == 0 {
		if spec.script || spec.core {
			return bindError(BindAmbiguousSet, pos, spec.command, "AmbiguousParameterSet", InvalidArgument,
				"Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.")
		}
		return bindError(BindAmbiguousSet, pos, spec.command, "AmbiguousParameterSet", InvalidArgument,
			"Parameter set cannot be resolved using the specified named parameters.One or few of the parameters mentioned cannot be used together.Do a Get-command %s to see the available parameter sets.", spec.command)
	}
	if len(sets) == 1 {
		for k := range sets {
			res.set = k
		}
		return nil
	}
	if spec.defaultSet != "" && sets[strings.ToLower(spec.defaultSet)] {
		res.set = strings.ToLower(spec.defaultSet)
		return nil
	}
	names := make([]string, 0, len(sets))
	for k := range sets {
		names = append(names, k)
	}
	sort.Strings(names)
	res.set = names[0]
	return nil
}

// checkMandatory reports missing mandatory parameters (no prompting: the
// emulator is never interactive for binding).
func (s *Session) checkMandatory(spec *bindSpec, res *bindResult, pos parser.Pos) error {
	if missing := missingMandatory(spec, res); len(missing) > 0 {
		return missingMandatoryError(spec, missing, pos)
	}
	return nil
}

// missingMandatory returns the mandatory parameters of the chosen set
// that are not bound.
func missingMandatory(spec *bindSpec, res *bindResult) []string {
	var missing []string
	for _, p := range spec.params {
		if !p.Mandatory {
			continue
		}
		if len(p.MandatoryIn) > 0 && res.set != "" {
			in := false
			for _, m := range p.MandatoryIn {
				if strings.EqualFold(m, res.set) || m == "__AllParameterSets" {
					in = true
				}
			}
			if !in {
				continue
			}
		}
		if len(p.Sets) > 0 && res.set != "" {
			in := false
			for _, ps := range p.Sets {
				if strings.EqualFold(ps, res.set) {
					in = true
				}
			}
			if !in {
				continue
			}
		}
		if _, ok := res.bound[spec.keyOf(p)]; !ok {
			missing = append(missing, p.Name)
		}
	}
	return missing
}

func missingMandatoryError(spec *bindSpec, missing []string, pos parser.Pos) *psError {
	return bindError(BindMissingMandatory, pos, spec.command, "MissingMandatoryParameter", InvalidArgument,
		"Cannot process command because of one or more missing mandatory parameters: %s.", strings.Join(missing, " "))
}

// bindPipeline binds one pipeline input object. It returns the names bound
// (to unbind after the record) or an error when nothing takes the input.
// As in PowerShell, it tries by value without conversion, then by property
// name without conversion, then by value and by property name with
// conversion, so that an object with an Identity property binds to
// -Identity by name instead of being converted to a string.
func (s *Session) bindPipeline(fr frame, spec *bindSpec, res *bindResult, in any, pos parser.Pos) ([]string, error) {
	var added []string
	// a value a parameter's validation refuses is that error, unless
	// another parameter takes the input (ParameterBindingValidationException
	// is not a conversion failure that moves on to the next parameter)
	var invalid error
	byValue := func(exact bool) {
		for _, p := range spec.params {
			if !p.Pipeline {
				continue
			}
			key := spec.keyOf(p)
			if _, done := res.bound[key]; done {
				continue
			}
			if !s.inCompatibleSet(spec, res, p) || exact && !takesWithoutConversion(p, in) {
				continue
			}
			cv, err := s.convertParam(fr, spec, p, in, pos)
			if err != nil {
				var pe *psError
				if invalid == nil && asPSError(err, &pe) && strings.HasPrefix(pe.rec.ID, "ParameterArgumentValidationError") {
					invalid = err
				}
				continue
			}
			res.bound[key] = cv
			res.setName(key, p.Name)
			added = append(added, key)
			break
		}
	}
	byName := func(exact bool) error {
		for _, p := range spec.params {
			if !p.ByName {
				continue
			}
			key := spec.keyOf(p)
			if _, done := res.bound[key]; done {
				continue
			}
			v, ok := s.propertyOf(in, p.Name)
			if !ok {
				for _, a := range p.Aliases {
					if v, ok = s.propertyOf(in, a); ok {
						break
					}
				}
			}
			if !ok || exact && !takesWithoutConversion(p, v) {
				continue
			}
			cv, err := s.convertParam(fr, spec, p, v, pos)
			if err != nil {
				return err
			}
			res.bound[key] = cv
			res.setName(key, p.Name)
			added = append(added, key)
		}
		return nil
	}
	byValue(true)
	if len(added) == 0 {
		if err := byName(true); err != nil {
			return added, err
		}
	}
	if len(added) == 0 {
		byValue(false)
	}
	if len(added) == 0 {
		if err := byName(false); err != nil {
			return added, err
		}
	}
	if len(added) == 0 && invalid != nil {
		return nil, invalid
	}
	if len(added) == 0 {
		return nil, bindError(BindInputNotBound, pos, spec.command, "InputObjectNotBound", InvalidArgument,
			"The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.")
	}
	return added, nil
}

// takesWithoutConversion reports whether p takes v as it is, without a
// type conversion.
func takesWithoutConversion(p *ParamDef, v any) bool {
	switch strings.ToLower(p.Type) {
	case "", "object", "psobject", "object[]", "psobject[]":
		return true
	case "string":
		_, ok := v.(string)
		return ok
	case "string[]":
		if _, ok := v.(string); ok {
			return true
		}
		a, ok := v.(*value.Array)
		if !ok {
			return false
		}
		for _, it := range a.Items {
			if _, ok := it.(string); !ok {
				return false
			}
		}
		return true
	case "bool", "boolean", "switch":
		_, ok := v.(bool)
		return ok
	case "int", "int32", "long", "int64":
		switch v.(type) {
		case int, int64:
			return true
		}
		return false
	}
	return false
}

// propertyOf reads a property of a pipeline object for by-name binding:
// an object's, or a .NET value's ('abc'.Length); a hashtable's keys are
// not its properties.
func (s *Session) propertyOf(v any, name string) (any, bool) {
	switch o := v.(type) {
	case *value.Object:
		return o.Get(name)
	case *value.Hashtable, *value.Array, nil:
		return nil, false
	}
	return s.getMember(v, name)
}

// typeConverter converts argument values for the binder: the session, with
// the classes and namespaces of its scripts and its $OFS, or
// [plainTypes] for a check that runs nothing.
type typeConverter interface {
	resolveType(name string) (*value.Type, bool)
	convert(v any, t *value.Type) (any, error)
	// ofs is the separator that joins a list given to a string parameter.
	ofs(fr frame) string
}

// ofs returns $OFS as the current scope sees it.
func (s *Session) ofs(fr frame) string {
	ofs, _ := s.getVar(fr.scope, "OFS")
	if ofs == nil {
		return " "
	}
	return value.ToString(ofs)
}

// plainTypes converts values as a new session would, without one: no
// script classes, no namespaces, the default $OFS. Conversions that need a
// session (to a script block, a regex) are taken to succeed.
type plainTypes struct{}

func (plainTypes) resolveType(name string) (*value.Type, bool) { return value.ParseType(name, nil) }

func (plainTypes) convert(v any, t *value.Type) (any, error) {
	switch t.Name {
	case value.TScriptBlock, value.TRegex, value.TXml:
		return v, nil
	}
	return convertValue(v, t)
}

func (plainTypes) ofs(frame) string { return " " }

// convertParam converts and validates an argument for parameter p.
func (s *Session) convertParam(fr frame, spec *bindSpec, p *ParamDef, v any, pos parser.Pos) (any, error) {
	return convertArg(s, fr, spec, p, v, pos)
}

// convertArg converts and validates an argument for parameter p with tc.
func convertArg(tc typeConverter, fr frame, spec *bindSpec, p *ParamDef, v any, pos parser.Pos) (any, error) {
	if spec.script {
		return convertScriptArg(tc, fr, spec, p, v, pos)
	}
	t := strings.ToLower(p.Type)
	if v == nil {
		if p.Mandatory && !p.AllowNull && t != "switch" {
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentValidationErrorNullNotAllowed", InvalidData,
				msgNullNotAllowed, p.Name)
		}
		if p.NotNull || p.NotNullOrEmpty {
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentValidationError", InvalidData,
				"Cannot validate argument on parameter '%s'. The argument is null. Provide a valid value for the argument, and then try running the command again.", p.Name)
		}
		switch t {
		case "switch":
			return false, nil
		case "bool", "boolean":
		case "char":
			// a cmdlet's [char] property cannot hold $null: setting it
			// fails (Import-Csv -Delimiter $null)
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterBindingFailed", InvalidArgument,
				"Cannot bind parameter '%s' to the target. Exception setting \"%s\": \"Null object cannot be converted to a value type.\"", p.Name, p.Name)
		default:
			return nil, nil
		}
	}
	out, err := coerceArg(tc, fr, spec, p, v, pos)
	if err != nil || out == nil {
		return out, err
	}
	if p.Enum != "" {
		return bindEnum(pos, spec.command, p, out)
	}
	if len(p.Values) > 0 {
		for _, it := range value.AsSlice(out) {
			str := value.ToString(it)
			ok := false
			for _, allowed := range p.Values {
				if strings.EqualFold(allowed, str) {
					ok = true
					break
				}
			}
			if !ok {
				return nil, bindError(BindValueNotAllowed, pos, spec.command, "ParameterArgumentValidationError", InvalidData,
					"Cannot validate argument on parameter '%s'. The argument \"%s\" does not belong to the set \"%s\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.", p.Name, str, strings.Join(p.Values, ","))
			}
		}
	}
	if p.NotNullOrEmpty {
		if str, ok := out.(string); ok && str == "" {
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentValidationError", InvalidData,
				"Cannot validate argument on parameter '%s'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.", p.Name)
		}
		if a, ok := out.(*value.Array); ok && (len(a.Items) == 0 || hasNullOrEmptyItem(a.Items)) {
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentValidationError", InvalidData,
				"Cannot validate argument on parameter '%s'. The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.", p.Name)
		}
	}
	// a mandatory string parameter refuses "" unless [AllowEmptyString()];
	// a mandatory string[] refuses an element "" (ParameterBinderBase's
	// ValidateNullOrEmptyArgument checks each element of a collection)
	if p.Mandatory && !p.AllowEmptyString {
		empty := false
		switch t {
		case "string":
			str, ok := out.(string)
			empty = ok && str == ""
		case "string[]":
			if a, ok := out.(*value.Array); ok {
				for _, it := range a.Items {
					if str, ok := it.(string); ok && str == "" {
						empty = true
						break
					}
				}
			}
		}
		if empty {
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentValidationErrorEmptyStringNotAllowed", InvalidData,
				msgEmptyStringNotAllowed, p.Name)
		}
	}
	if p.HasRange {
		if f, err := value.ToFloat(out); err == nil {
			if f < p.RangeMin {
				return nil, bindError(BindValueNotAllowed, pos, spec.command, "ParameterArgumentValidationError", InvalidData,
					"Cannot validate argument on parameter '%s'. The %s argument is less than the minimum allowed range of %s. Supply an argument that is greater than or equal to %s and then try the command again.", p.Name, value.ToString(out), value.FormatFloat(p.RangeMin), value.FormatFloat(p.RangeMin))
			}
			if f > p.RangeMax {
				return nil, bindError(BindValueNotAllowed, pos, spec.command, "ParameterArgumentValidationError", InvalidData,
					"Cannot validate argument on parameter '%s'. The %s argument is greater than the maximum allowed range of %s. Supply an argument that is less than or equal to %s and then try the command again.", p.Name, value.ToString(out), value.FormatFloat(p.RangeMax), value.FormatFloat(p.RangeMax))
			}
		}
	}
	return out, nil
}

// hasNullOrEmptyItem reports whether a collection has a $null or ""
// element, which [ValidateNotNullOrEmpty()] refuses in a collection
// (ValidateNotNullOrEmptyAttribute checks each element).
func hasNullOrEmptyItem(items []any) bool {
	for _, it := range items {
		if s, ok := it.(string); it == nil || ok && s == "" {
			return true
		}
	}
	return false
}

// convertScriptArg binds a value to a script parameter as PowerShell
// does: the type constraint converts it (also $null: to "" for a string,
// 0 for a number), then the PSTypeName check and the validation
// attributes run in their order, and last a mandatory parameter refuses
// $null, "" and an empty collection unless an Allow* attribute allows
// that case.
func convertScriptArg(tc typeConverter, fr frame, spec *bindSpec, p *ParamDef, v any, pos parser.Pos) (any, error) {
	t := strings.ToLower(p.Type)
	var typ *value.Type
	switch t {
	case "", "object", "psobject", "system.object", "system.management.automation.psobject":
	default:
		if rt, ok := tc.resolveType(p.Type); ok {
			typ = rt
		}
	}
	// a [ref] given to a parameter that is not [ref] is dereferenced
	if r, ok := v.(*refValue); ok && (typ == nil || typ.Name != value.TRef) {
		v = r.get()
	}
	// [Credential()] makes a credential of a user name (CredentialAttribute)
	if p.credential {
		cred, err := credentialArg(tc, spec, p, v, pos)
		if err != nil {
			return nil, err
		}
		v = cred
	}
	var out any
	switch {
	case v == nil && t == "switch":
		out = false
	case v == nil && (t == "bool" || t == "boolean" || typ != nil && typ.Name == value.TBool):
		return coerceArg(tc, fr, spec, p, v, pos)
	case v == nil && typ != nil:
		if cv, err := tc.convert(nil, typ); err == nil {
			out = cv
		}
	case v == nil:
	default:
		if spec.common && typ != nil && typ.Name == value.TString {
			// an advanced function's [string] takes no array
			if _, ok := v.(*value.Array); ok {
				e := bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentTransformationError", InvalidData,
					"Cannot process argument transformation on parameter '%s'. Cannot convert value to type System.String.", p.Name)
				return nil, e
			}
		}
		// [bool] and [switch] take only Boolean values and numbers; so do
		// the items of an advanced function's [bool[]]
		if t == "switch" {
			if err := checkBoolArg(spec, p, v, pos); err != nil {
				return nil, err
			}
		}
		if typ != nil && (typ.Name == value.TBool || spec.common && typ.Elem != nil && typ.Elem.Name == value.TBool) {
			for _, it := range boolItems(typ, v) {
				if err := checkBoolArg(spec, p, it, pos); err != nil {
					return nil, err
				}
			}
		}
		var err error
		if out, err = coerceArg(tc, fr, spec, p, v, pos); err != nil {
			return nil, err
		}
	}
	if err := validateArg(tc, fr, spec, p, out, pos); err != nil {
		return nil, err
	}
	if p.Mandatory {
		if err := checkMandatoryValue(spec, p, typ, out, pos); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// credentialArg is CredentialAttribute's transformation: a credential
// stays as it is; a user name, or $null for a mandatory parameter, asks
// the host for a credential, which csemu's host makes without a password
// as Get-Credential does; -NonInteractive refuses to ask.
func credentialArg(tc typeConverter, spec *bindSpec, p *ParamDef, v any, pos parser.Pos) (any, error) {
	if o, ok := v.(*value.Object); ok && o.TypeName() == "System.Management.Automation.PSCredential" {
		return v, nil
	}
	if v == nil && !p.Mandatory {
		return nil, nil
	}
	if s, ok := tc.(*Session); ok && s.host.mode == hostNonInteractive {
		return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentTransformationError", InvalidData,
			"Cannot process argument transformation on parameter '%s'. %s", p.Name, msgNonInteractive)
	}
	user := ""
	if v != nil {
		user = value.ToString(v)
	}
	return newCredential(user), nil
}

// newCredential is a PSCredential for user with an empty password.
func newCredential(user string) *value.Object {
	o := value.NewObject("System.Management.Automation.PSCredential")
	o.Set("UserName", user)
	o.Set("Password", "System.Security.SecureString")
	return o
}

// boolItems returns the values a Boolean check applies to: v for [bool],
// its items for [bool[]].
func boolItems(typ *value.Type, v any) []any {
	if typ.Elem == nil {
		return []any{v}
	}
	return value.AsSlice(v)
}

// checkBoolArg refuses, for a Boolean parameter, a value that is not a
// Boolean or a number.
func checkBoolArg(spec *bindSpec, p *ParamDef, v any, pos parser.Pos) error {
	switch v.(type) {
	case bool, int, int64, float64, value.Decimal, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int:
		return nil
	}
	shown := ""
	if v != nil {
		shown = value.TypeName(v)
	}
	target := "System.Boolean"
	if p.IsSwitch() {
		target = "System.Management.Automation.SwitchParameter"
	}
	return bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentTransformationError", InvalidData,
		"Cannot process argument transformation on parameter '%s'. Cannot convert value \"%s\" to type \"%s\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.", p.Name, shown, target)
}

// coerceArg converts a value to parameter p's type.
func coerceArg(tc typeConverter, fr frame, spec *bindSpec, p *ParamDef, v any, pos parser.Pos) (any, error) {
	t := strings.ToLower(p.Type)
	var out any
	switch t {
	case "", "object", "psobject", "object[]", "psobject[]":
		out = v
		if t == "object[]" || t == "psobject[]" {
			if _, ok := v.(*value.Array); !ok && v != nil {
				out = value.NewArray(v)
			}
		}
	case "switch":
		out = value.ToBool(v)
	case "bool", "boolean":
		switch x := v.(type) {
		case bool:
			out = x
		case int, int64, float64, value.Decimal, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int:
			out = value.ToBool(x)
		case nil:
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentTransformationError", InvalidData,
				"Cannot process argument transformation on parameter '%s'. Cannot convert value \"\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.", p.Name)
		default:
			return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentTransformationError", InvalidData,
				"Cannot process argument transformation on parameter '%s'. Cannot convert value \"%s\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.", p.Name, value.TypeName(v))
		}
	case "string":
		if _, ok := v.(string); ok {
			out = v // already a string: no new interface value
		} else if a, ok := v.(*value.Array); ok {
			sep := tc.ofs(fr)
			parts := make([]string, len(a.Items))
			for i, it := range a.Items {
				parts[i] = value.ToString(it)
			}
			out = strings.Join(parts, sep)
		} else {
			out = value.ToString(v)
		}
	case "string[]":
		items := value.AsSlice(v)
		strs := make([]any, len(items))
		for i, it := range items {
			// a cmdlet's string[] keeps $null items (a script's converts
			// them to "")
			if it != nil || spec.script {
				strs[i] = value.ToString(it)
			}
		}
		out = &value.Array{Items: strs, Elem: value.TString}
	case "scriptblock":
		if _, ok := v.(*ScriptBlock); !ok {
			return nil, bindError(BindValueInvalid, pos, spec.command, "CannotConvertArgument", InvalidArgument,
				"Cannot bind parameter '%s'. Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".", p.Name, value.ToString(v), value.TypeName(v))
		}
		out = v
	case "scriptblock[]":
		// each item must be a script block ($null is allowed)
		for _, it := range value.AsSlice(v) {
			if _, ok := it.(*ScriptBlock); !ok && it != nil {
				return nil, bindError(BindValueInvalid, pos, spec.command, "CannotConvertArgument", InvalidArgument,
					"Cannot bind parameter '%s'. Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".", p.Name, value.ToString(it), value.TypeName(it))
			}
		}
		out = v
	default:
		typ, ok := tc.resolveType(p.Type)
		if !ok {
			out = v
			break
		}
		cv, err := tc.convert(v, typ)
		if ce, ok := err.(*value.ConversionError); ok && p.DotNet != "" {
			// name the parameter's own .NET type (System.UInt32), not the
			// one it is converted through
			shown := *ce
			shown.Type = p.DotNet
			err = &shown
		}
		if err != nil {
			if ce, ok := err.(*value.ConversionError); ok && strings.Contains(ce.Detail, "enumerator name") {
				return nil, bindError(BindValueNotAllowed, pos, spec.command, "CannotConvertArgumentNoMessage", InvalidArgument,
					"Cannot bind parameter '%s'. %s", p.Name, err.Error())
			}
			if spec.script {
				return nil, bindError(BindValueInvalid, pos, spec.command, "ParameterArgumentTransformationError", InvalidData,
					"Cannot process argument transformation on parameter '%s'. %s", p.Name, err.Error())
			}
			return nil, bindError(BindValueInvalid, pos, spec.command, "CannotConvertArgumentNoMessage", InvalidArgument,
				"Cannot bind parameter '%s'. %s", p.Name, err.Error())
		}
		out = cv
	}
	return out, nil
}

// dotnetTypeName returns the .NET name of a parameter type for messages.
func dotnetTypeName(t string) string {
	switch strings.ToLower(t) {
	case "", "object":
		return "System.Object"
	case "switch":
		return "System.Management.Automation.SwitchParameter"
	case "string":
		return "System.String"
	case "string[]":
		return "System.String[]"
	case "bool", "boolean":
		return "System.Boolean"
	case "int":
		return "System.Int32"
	case "long":
		return "System.Int64"
	case "scriptblock":
		return "System.Management.Automation.ScriptBlock"
	case "hashtable":
		return "System.Collections.Hashtable"
	case "object[]":
		return "System.Object[]"
	case "actionpreference":
		return "System.Management.Automation.ActionPreference"
	}
	if tt, ok := value.ParseType(t, nil); ok {
		return tt.Name
	}
	return t
}

// dotnetType returns the .NET type name that engine messages show for p.
func (p *ParamDef) dotnetType() string {
	if p.DotNet != "" {
		return p.DotNet
	}
	return dotnetTypeName(p.Type)
}

// bindEnum converts v to one of the names of p's enum, in its declared
// spelling, or fails as the engine does for an enum parameter.
func bindEnum(pos parser.Pos, command string, p *ParamDef, v any) (any, error) {
	str := value.ToString(v)
	for _, name := range p.Values {
		if strings.EqualFold(strings.TrimSpace(str), name) {
			return name, nil
		}
	}
	return nil, bindError(BindValueNotAllowed, pos, command, "CannotConvertArgumentNoMessage", InvalidArgument,
		"Cannot bind parameter '%s'. Cannot convert value \"%s\" to type \"%s\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"",
		p.Name, str, p.Enum, str, strings.Join(p.Values, ", "))
}
