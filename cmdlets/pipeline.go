package cmdlets

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/fold"
)

// execPipelineStatement runs a pipeline, an assignment or a chain.
func (s *Session) execPipelineStatement(fr frame, st *parser.PipelineStatement, emit emitFn) error {
	if st.Background {
		return notImplemented(st.Pos, "", "a background job (the & operator)")
	}
	if st.Op != "" {
		return s.execAssignment(fr, st)
	}
	err := s.runPipeline(fr, st.Left, emit)
	for _, c := range st.Chain {
		if err != nil {
			var pe *psError
			if !asPSError(err, &pe) || pe.kind != statementTerminating {
				return err
			}
			s.recordCaught(pe)
			if rerr := s.reportError(pe.rec); rerr != nil {
				return rerr
			}
			s.lastOK = false
			err = nil
		}
		if (c.Op == "&&") != s.lastOK {
			continue
		}
		err = s.runPipeline(fr, c.Next, emit)
	}
	return err
}

func (s *Session) execAssignment(fr frame, st *parser.PipelineStatement) error {
	ce := st.Left.Elems[0].(*parser.CommandExpression)
	target := ce.Expr.Tree
	var v any
	var err error
	s.questionOK = s.lastOK
	s.lastOK = true
	if st.Op == "??=" {
		cur, err := s.evalNode(fr, target)
		if err != nil {
			return err
		}
		if cur != nil {
			return nil
		}
	}
	v, err = s.evalStatementValue(fr, st.Right)
	if err != nil {
		return err
	}
	if _, ok := v.(voidValue); ok {
		v = nil
	}
	switch st.Op {
	case "=", "??=":
	default:
		cur, err := s.evalNode(fr, target)
		if err != nil {
			return err
		}
		op := strings.TrimSuffix(st.Op, "=")
		nv, err := value.Arith(op, cur, v)
		if err != nil {
			return runtimeError(st.Pos, err)
		}
		v = nv
	}
	if err := s.assignNode(fr, target, v); err != nil {
		var pe *psError
		if asPSError(err, &pe) && pe.rec.Command == "" {
			pe.rec.Pos = st.Pos
		}
		return err
	}
	return nil
}

// assignNode assigns to a variable, member, index or a list of them.
func (s *Session) assignNode(fr frame, target parser.Node, v any) error {
	switch t := target.(type) {
	case *parser.Unary:
		return s.assign(fr, t, v)
	case *parser.ArrayLiteral:
		items := value.AsSlice(v)
		for i, it := range t.Items {
			var part any
			switch {
			case i == len(t.Items)-1 && len(items) > i+1:
				part = &value.Array{Items: append([]any(nil), items[i:]...)}
			case i < len(items):
				part = items[i]
			}
			if err := s.assignNode(fr, it, part); err != nil {
				return err
			}
		}
		return nil
	}
	return runtimeError(parser.NodePos(target), fmt.Errorf("the assignment expression is not valid"))
}

// stage is one element of a running pipeline.
type stage interface {
	begin() error
	process(in any, hasInput bool) error
	end() error
	// streams is what the stage does with its streams.
	streams() *stageIO
}

// runPipeline runs the elements of a pipeline, streaming objects from one
// to the next.
func (s *Session) runPipeline(fr frame, p *parser.Pipeline, emit emitFn) error {
	stages := make([]stage, len(p.Elems))
	defer func() {
		for _, st := range stages {
			if st != nil {
				st.streams().teardown()
			}
		}
	}()
	down := emit
	for i := len(p.Elems) - 1; i >= 0; i-- {
		st, err := s.makeStage(fr, p.Elems[i], down, i == len(p.Elems)-1)
		if err != nil {
			return err
		}
		stages[i] = st
		next := st
		down = func(v any) error { return next.process(v, true) }
	}
	s.questionOK = s.lastOK
	s.lastOK = true
	// start is the first stage that ends: a command that stops the
	// commands before it (Select-Object -First) leaves only itself and
	// those after it to end
	start := 0
	for i, st := range stages {
		if err := st.begin(); err != nil {
			k := stoppedAt(stages, err)
			if k <= i {
				return err
			}
			start = max(start, k)
		}
	}
	if start == 0 {
		if err := stages[0].process(nil, false); err != nil {
			k := stoppedAt(stages, err)
			if k < 0 {
				return err
			}
			start = k
		}
	}
	for i := start; i < len(stages); i++ {
		if err := stages[i].end(); err != nil {
			k := stoppedAt(stages, err)
			if k <= i {
				return err
			}
			i = k - 1
		}
	}
	return nil
}

// stoppedAt returns the index of the stage that stopped the commands
// before it with err (see Call.StopUpstream), or -1 when err is not such
// an error of a stage of stages (it may belong to an outer pipeline).
func stoppedAt(stages []stage, err error) int {
	var su *stopUpstream
	if !errors.As(err, &su) {
		return -1
	}
	return slices.IndexFunc(stages, func(st stage) bool {
		cs, ok := st.(*cmdletStage)
		return ok && cs.call == su.call
	})
}

// exprStage is an expression as the first element of a pipeline.
type exprStage struct {
	s    *Session
	fr   frame
	e    *parser.CommandExpression
	emit emitFn
	io   *stageIO
	iov  stageIO
}

func (x *exprStage) begin() error      { return nil }
func (x *exprStage) streams() *stageIO { return x.io }

func (x *exprStage) process(in any, hasInput bool) error {
	prev := x.io.enter()
	v, err := x.value()
	if err == nil {
		// an assignment-like expression statement ($i++) writes nothing
		if u, ok := x.e.Expr.Tree.(*parser.Unary); !ok || !isIncrement(u) {
			err = x.enumerate(v)
		}
	}
	return x.io.leave(prev, err)
}

func (x *exprStage) end() error { return x.io.close() }

// value evaluates the expression. An expression that is only ( ) or $( )
// around commands that write nothing sends nothing down the pipeline
// (pwsh's AutomationNull, not $null): (Write-Warning w) 3>&1 writes the
// warning record alone, and (Get-Item nosuch) | ForEach-Object { } runs
// no iteration.
func (x *exprStage) value() (any, error) {
	var run func(emit emitFn) error
	if u, ok := x.e.Expr.Tree.(*parser.Unary); ok && len(u.Prefix) == 0 && len(u.Post) == 0 {
		switch p := u.Primary.(type) {
		case *parser.ParenExpr:
			// a lone expression or an assignment in ( ) has a value
			if p.Stmt != nil && pureExpr(p.Stmt) == nil && p.Stmt.Op == "" {
				run = func(emit emitFn) error { return x.s.execStmt(x.fr, p.Stmt, emit) }
			}
		case *parser.SubExpr:
			run = func(emit emitFn) error { return x.s.execListStrict(x.fr, p.List, emit) }
		}
	}
	if run == nil {
		return x.s.evalExpr(x.fr, x.e.Expr)
	}
	items, err := collect(run)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return voidValue{}, nil
	}
	return value.Unwrap(items), nil
}

// enumerate sends the expression's value down the pipeline, a collection
// item by item; a list (or the keys of a hashtable) that changes while its
// items go down fails as its .NET enumerator does.
func (x *exprStage) enumerate(v any) error {
	a, ok := v.(*value.Array)
	if !ok {
		return emitValue(v, x.emit)
	}
	changed := collectionChanged(a)
	if changed == nil {
		return emitValue(v, x.emit)
	}
	for _, it := range append([]any(nil), a.Items...) {
		if err := x.emit(it); err != nil {
			return err
		}
		if changed() {
			return collectionModified(x.e.Pos)
		}
	}
	return nil
}

func isIncrement(u *parser.Unary) bool {
	if len(u.Prefix) > 0 && (u.Prefix[0] == "++" || u.Prefix[0] == "--") {
		return true
	}
	return len(u.Post) > 0 && u.Post[len(u.Post)-1].IncDec != ""
}

// makeStage builds the stage for a pipeline element; last is set for the
// last element.
func (s *Session) makeStage(fr frame, el parser.PipeElement, emit emitFn, last bool) (stage, error) {
	switch el := el.(type) {
	case *parser.CommandExpression:
		x := &exprStage{s: s, fr: fr, e: el}
		out, err := s.setupStageInto(&x.iov, fr, el.Redirs, emit, true, nil, last)
		if err != nil {
			return nil, err
		}
		x.emit, x.io = out, &x.iov
		return x, nil
	case *parser.Command:
		return s.commandStage(fr, el, emit, last)
	}
	return nil, fmt.Errorf("unknown pipeline element %T", el)
}

// stageOut is how a command element's output leaves it: its
// redirections, and whether it ends the pipeline.
type stageOut struct {
	redirs []*parser.Redirection
	last   bool
}

// evalArgs evaluates a command's elements into raw arguments.
func (s *Session) evalArgs(fr frame, c *parser.Command) ([]rawArg, []*parser.Redirection, error) {
	raw := make([]rawArg, 0, len(c.Elements))
	var redirs []*parser.Redirection
	for _, el := range c.Elements {
		switch el := el.(type) {
		case *parser.CommandParameter:
			a := rawArg{name: el.Name, pos: el.Pos}
			if el.Arg != nil {
				v, err := s.evalUnary(fr, el.Arg)
				if err != nil {
					return nil, nil, err
				}
				a.value, a.colon, a.hasValue = v, true, true
			}
			raw = append(raw, a)
		case *parser.CommandArgument:
			v, err := s.evalExpr(fr, el.Expr)
			if err != nil {
				return nil, nil, err
			}
			if _, ok := v.(voidValue); ok {
				v = nil
			}
			raw = append(raw, rawArg{value: v, pos: el.Pos, text: numberText(el.Expr)})
		case *parser.Splat:
			v, _ := s.getVar(fr.scope, el.Name)
			switch x := v.(type) {
			case *value.Hashtable:
				for i, k := range x.Keys() {
					raw = append(raw, rawArg{name: value.ToString(k), value: x.Values()[i], hasValue: true, colon: true, pos: el.Pos})
				}
			case *value.Array:
				for _, it := range x.Items {
					raw = append(raw, rawArg{value: it, pos: el.Pos})
				}
			case nil:
			default:
				raw = append(raw, rawArg{value: x, pos: el.Pos})
			}
		case *parser.Redirection:
			redirs = append(redirs, el)
		}
	}
	return raw, redirs, nil
}

// numberText returns the text of an argument that is a lone number
// literal, or "".
func numberText(e *parser.Expr) string {
	if e == nil {
		return ""
	}
	u := e.First
	if e.Tree != nil {
		u, _ = e.Tree.(*parser.Unary)
	}
	if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return ""
	}
	if n, ok := u.Primary.(*parser.NumberLit); ok {
		return n.Text
	}
	return ""
}

// commandStage resolves a command and builds its stage.
func (s *Session) commandStage(fr frame, c *parser.Command, emit emitFn, last bool) (stage, error) {
	raw, redirs, err := s.evalArgs(fr, c)
	if err != nil {
		return nil, err
	}
	r := stageOut{redirs: redirs, last: last}
	dot := c.Call == "."
	name := c.Name
	if c.Target != nil {
		tv, err := s.evalUnary(fr, c.Target)
		if err != nil {
			return nil, err
		}
		switch t := tv.(type) {
		case *ScriptBlock:
			return s.scriptBlockStage(fr, t, raw, c.Pos, emit, dot, r)
		default:
			name = value.ToString(tv)
		}
	}
	if helpRequested(raw) {
		// NAME -? shows the command's help
		f, _ := s.lookupFunc(fr.scope, name)
		if f == nil {
			if to, ok := fold.Lookup(s.aliases, name); ok {
				f, _ = s.lookupFunc(fr.scope, to)
			}
		}
		if _, isCmd := s.Command(name); f != nil || isCmd {
			if st, ok, err := s.helpStage(fr, name, f, c.Pos, emit, r); ok {
				return st, err
			}
		}
	}
	// functions first, then aliases and cmdlets
	if f, ok := s.lookupFunc(fr.scope, name); ok {
		return s.functionStage(fr, f, raw, c.Pos, emit, dot, r)
	}
	if strings.IndexByte(name, '\\') < 0 {
		// a plain cmdlet name, found without lower-casing it
		if _, alias := fold.Lookup(s.aliases, name); !alias {
			if cmd, ok := fold.Lookup(s.commands, name); ok && !cmd.NotImplemented {
				return s.cmdletStage(fr, cmd, name, raw, c.Pos, emit, r)
			}
		}
	}
	lname := strings.ToLower(name)
	if target, ok := s.aliases[lname]; ok {
		lname = strings.ToLower(target)
		if f, ok := s.lookupFunc(fr.scope, target); ok {
			return s.functionStage(fr, f, raw, c.Pos, emit, dot, r)
		}
	}
	// Module-qualified names: SkypeForBusiness\Get-CsX, Microsoft.PowerShell.Utility\Write-Host
	if i := strings.LastIndexByte(lname, '\\'); i > 0 && !strings.ContainsAny(lname[:i], "/.:") || strings.HasPrefix(lname, "microsoft.powershell.") {
		if j := strings.LastIndexByte(lname, '\\'); j > 0 {
			if _, ok := s.commands[lname]; !ok {
				lname = lname[j+1:]
			}
		}
	}
	if cmd, ok := s.commands[lname]; ok {
		if cmd.NotImplemented {
			return nil, notImplemented(c.Pos, cmd.Name, cmd.Name)
		}
		return s.cmdletStage(fr, cmd, name, raw, c.Pos, emit, r)
	}
	// a script file
	if strings.HasSuffix(lname, ".ps1") {
		return s.scriptFileStage(fr, name, raw, c.Pos, emit, dot, r)
	}
	if s.table.IsReal(name) {
		return nil, notImplemented(c.Pos, name, name)
	}
	if s.looksNative(name) {
		return nil, notImplemented(c.Pos, name, "native program '"+name+"'")
	}
	return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, ID: "CommandNotFoundException", Category: ObjectNotFound,
		Target: name, Exception: "System.Management.Automation.CommandNotFoundException",
		Msg: fmt.Sprintf("The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.", name)}}
}

// looksNative reports whether a command name is a native program: a path
// or a name on the session's PATH.
func (s *Session) looksNative(name string) bool {
	if strings.ContainsAny(name, `/\`) || strings.HasSuffix(strings.ToLower(name), ".exe") {
		return true
	}
	path, _ := s.env("PATH")
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			continue
		}
		if st, err := s.host.files.Stat(filepath.Join(dir, name)); err == nil && !st.IsDir() {
			return true
		}
	}
	switch strings.ToLower(name) {
	case "cmd", "ping", "ipconfig", "netsh", "reg", "sc", "schtasks", "whoami", "hostname", "nslookup", "robocopy", "msiexec", "powershell", "pwsh", "curl", "wget":
		return true
	}
	return false
}

// cmdletStage runs a Go cmdlet.
type cmdletStage struct {
	s     *Session
	call  *Call
	spec  *bindSpec
	res   *bindResult
	io    *stageIO
	began bool
	callv Call
	resv  bindResult
	iov   stageIO
}

func (s *Session) cmdletStage(fr frame, cmd *Cmdlet, name string, raw []rawArg, pos parser.Pos, emit emitFn, r stageOut) (stage, error) {
	spec := s.cmdletSpec(cmd)
	// one allocation for the stage, its call, its binding and its streams
	st := &cmdletStage{s: s, spec: spec}
	if err := s.bindTo(&st.resv, fr, spec, raw, pos); err != nil {
		return nil, err
	}
	st.res = &st.resv
	out, err := s.setupStageInto(&st.iov, fr, r.redirs, emit, false, &st.res.common, r.last)
	if err != nil {
		return nil, err
	}
	st.io = &st.iov
	st.callv = Call{s: s, fr: fr, cmd: cmd, Pos: pos, Name: name, bound: st.res.bound, emit: out, common: st.res.common}
	st.call = &st.callv
	return st, nil
}

// cmdletSpec returns the binding spec of a cmdlet, indexed once per
// session. The spec is shared by every call and must not be changed; it is
// rebuilt if the cmdlet's definition changed since.
func (s *Session) cmdletSpec(cmd *Cmdlet) *bindSpec {
	if spec := s.specs[cmd]; spec != nil && spec.command == cmd.Name && spec.defaultSet == cmd.DefaultSet &&
		len(spec.params) == len(cmd.Params)+len(shouldProcessDefs)*b2i(cmd.ShouldProcess) &&
		slices.Equal(spec.params[:len(cmd.Params)], cmd.Params) {
		return spec
	}
	spec := newCmdletSpec(cmd)
	if s.specs == nil {
		s.specs = make(map[*Cmdlet]*bindSpec)
	}
	s.specs[cmd] = spec
	return spec
}

// newCmdletSpec returns the indexed binding spec of a cmdlet.
func newCmdletSpec(cmd *Cmdlet) *bindSpec {
	// a copy, so that the check in cmdletSpec sees a parameter replaced in place
	params := append([]*ParamDef(nil), cmd.Params...)
	if cmd.ShouldProcess {
		params = append(params, shouldProcessDefs...)
	}
	spec := &bindSpec{command: cmd.Name, params: params, common: true, defaultSet: cmd.DefaultSet, goCmdlet: true}
	spec.idx = newBindIndex(spec)
	return spec
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *cmdletStage) streams() *stageIO { return c.io }

func (c *cmdletStage) begin() error {
	if c.call.cmd.Begin == nil {
		return nil
	}
	prev := c.io.enter()
	err := c.wrap(c.call.cmd.Begin(c.call))
	return c.io.leave(prev, err)
}

func (c *cmdletStage) process(in any, hasInput bool) error {
	prev := c.io.enter()
	err := c.processIn(in, hasInput)
	return c.io.leave(prev, err)
}

func (c *cmdletStage) processIn(in any, hasInput bool) error {
	call := c.call
	if hasInput {
		added, err := c.s.bindPipeline(call.fr, c.spec, c.res, in, call.Pos)
		if err != nil {
			var pe *psError
			if asPSError(err, &pe) && pe.rec.ID == "InputObjectNotBound" {
				// non-terminating, per record
				return c.wrap(call.WriteError(pe.rec))
			}
			return err
		}
		defer func() {
			for _, k := range added {
				delete(c.res.bound, k)
			}
		}()
	}
	call.Input, call.HasInput = in, hasInput
	if !c.began {
		c.began = true
	}
	if err := c.s.checkMandatory(c.spec, c.res, call.Pos); err != nil {
		return err
	}
	if call.cmd.Process != nil {
		return c.wrap(call.cmd.Process(call))
	}
	return nil
}

func (c *cmdletStage) end() error {
	var err error
	if c.call.cmd.End != nil {
		prev := c.io.enter()
		err = c.io.leave(prev, c.wrap(c.call.cmd.End(c.call)))
	}
	if cerr := c.io.close(); cerr != nil && err == nil {
		err = cerr
	}
	return err
}

// wrap positions a plain Go error from a cmdlet as a statement-terminating error.
func (c *cmdletStage) wrap(err error) error {
	if err == nil {
		// a record written with the action Stop (Call.Warning, Call.Verbose)
		err, c.call.stopErr = c.call.stopErr, nil
		return err
	}
	var pe *psError
	if asPSError(err, &pe) {
		return err
	}
	var f *flow
	if errors.As(err, &f) {
		return err
	}
	var su *stopUpstream
	if errors.As(err, &su) {
		return err
	}
	rec := &ErrorRecord{Pos: c.call.Pos, Command: c.call.cmd.Name, ID: "RuntimeException", Category: InvalidOperation, Msg: err.Error(), Err: err}
	if ce, ok := err.(*value.ConversionError); ok {
		rec.Category = InvalidArgument
		rec.ID = "InvalidCastException"
		_ = ce
	}
	return &psError{kind: statementTerminating, rec: rec}
}

// functionStage runs a script function.
type functionStage struct {
	s       *Session
	fr      frame // the function's own frame
	f       *Function
	body    *parser.ScriptBlockBody
	spec    *bindSpec
	res     *bindResult
	emit    emitFn
	pos     parser.Pos
	input   []any
	hasProc bool
	io      *stageIO
	common  commonParams
	iov     stageIO
}

func (f *functionStage) streams() *stageIO { return f.io }

// functionParams returns the parameters of a function body.
func (s *Session) paramDefsOf(params []*parser.Parameter) ([]*ParamDef, bool, error) {
	var defs []*ParamDef
	advanced := false
	pos := 0
	explicitPos := false
	for _, p := range params {
		for _, a := range p.Attrs {
			if a.Attr != nil && strings.EqualFold(a.Attr.Name, "Parameter") {
				for _, arg := range a.Attr.Args {
					if strings.EqualFold(arg.Name, "Position") {
						explicitPos = true
					}
				}
			}
		}
	}
	for _, p := range params {
		d := &ParamDef{Name: strings.TrimPrefix(strings.TrimPrefix(p.Name, "script:"), "global:"), Type: "object", Position: -1}
		for _, a := range p.Attrs {
			if a.Type != "" {
				d.Type = a.Type
				continue
			}
			attr := a.Attr
			switch strings.ToLower(attr.Name) {
			case "parameter":
				advanced = true
				for _, arg := range attr.Args {
					name := strings.ToLower(arg.Name)
					var v any = true
					if arg.Value != nil {
						ev, err := s.evalExpr(frame{scope: s.global}, arg.Value)
						if err != nil {
							return nil, false, err
						}
						v = ev
					}
					switch name {
					case "mandatory":
						d.Mandatory = value.ToBool(v)
					case "position":
						n, _ := value.ToInt(v)
						d.Position = n
					case "valuefrompipeline":
						d.Pipeline = value.ToBool(v)
					case "valuefrompipelinebypropertyname":
						d.ByName = value.ToBool(v)
					case "parametersetname":
						d.Sets = append(d.Sets, value.ToString(v))
					case "helpmessage":
						d.Help = value.ToString(v)
					}
				}
			case "validateset":
				for _, arg := range attr.Args {
					if arg.Value != nil && arg.Name == "" {
						ev, err := s.evalExpr(frame{scope: s.global}, arg.Value)
						if err != nil {
							return nil, false, err
						}
						for _, it := range value.AsSlice(ev) {
							d.Values = append(d.Values, value.ToString(it))
						}
					}
				}
			case "validatenotnullorempty":
				d.NotNullOrEmpty = true
			case "validatenotnull":
				d.NotNull = true
			case "allownull", "allowemptystring", "allowemptycollection":
				d.AllowNull = true
			case "alias":
				for _, arg := range attr.Args {
					if arg.Value != nil {
						ev, _ := s.evalExpr(frame{scope: s.global}, arg.Value)
						for _, it := range value.AsSlice(ev) {
							d.Aliases = append(d.Aliases, value.ToString(it))
						}
					}
				}
			case "validaterange":
				var vals []float64
				for _, arg := range attr.Args {
					if arg.Value != nil {
						ev, _ := s.evalExpr(frame{scope: s.global}, arg.Value)
						f, err := value.ToFloat(ev)
						if err == nil {
							vals = append(vals, f)
						}
					}
				}
				if len(vals) == 2 {
					d.HasRange, d.RangeMin, d.RangeMax = true, vals[0], vals[1]
				}
			case "cmdletbinding":
				advanced = true
			}
		}
		if !explicitPos && !d.IsSwitch() {
			d.Position = pos
			pos++
		}
		defs = append(defs, d)
	}
	return defs, advanced, nil
}

// supportsShouldProcess reports [CmdletBinding(SupportsShouldProcess)].
func supportsShouldProcess(body *parser.ScriptBlockBody) bool {
	if body.Param == nil {
		return false
	}
	for _, a := range body.Param.Attrs {
		if !strings.EqualFold(a.Name, "CmdletBinding") {
			continue
		}
		for _, arg := range a.Args {
			if strings.EqualFold(arg.Name, "SupportsShouldProcess") {
				return true
			}
		}
	}
	return false
}

// bodyParams returns the parameters and whether the body is an advanced
// function ([CmdletBinding()] or [Parameter()]).
func (s *Session) bodyParams(body *parser.ScriptBlockBody, extra []*parser.Parameter) ([]*parser.Parameter, bool) {
	params := extra
	advanced := false
	if body.Param != nil {
		params = append(append([]*parser.Parameter(nil), params...), body.Param.Params...)
		for _, a := range body.Param.Attrs {
			if strings.EqualFold(a.Name, "CmdletBinding") {
				advanced = true
			}
		}
	}
	return params, advanced
}

func (s *Session) functionStage(fr frame, f *Function, raw []rawArg, pos parser.Pos, emit emitFn, dot bool, r stageOut) (stage, error) {
	return s.blockStage(fr, f.Name, f.Body, f.Params, raw, pos, emit, dot, r, f.Filter)
}

func (s *Session) scriptBlockStage(fr frame, sb *ScriptBlock, raw []rawArg, pos parser.Pos, emit emitFn, dot bool, r stageOut) (stage, error) {
	name := sb.Name
	if name == "" {
		name = "<ScriptBlock>"
	}
	if sb.Closure != nil {
		fr = frame{scope: sb.Closure, file: fr.file}
	}
	return s.blockStage(fr, name, sb.Body, nil, raw, pos, emit, dot, r, false)
}

// blockStage binds arguments to a script block body and returns its stage.
func (s *Session) blockStage(fr frame, name string, body *parser.ScriptBlockBody, extra []*parser.Parameter, raw []rawArg, pos parser.Pos, emit emitFn, dot bool, r stageOut, filter bool) (stage, error) {
	// the using statements that start a script come first: the types
	// of its parameters may need them
	for _, u := range body.Usings {
		if err := s.execStmt(fr, u, emit); err != nil {
			return nil, err
		}
	}
	params, advanced := s.bodyParams(body, extra)
	defs, adv2, err := s.paramDefsOf(params)
	if err != nil {
		return nil, err
	}
	advanced = advanced || adv2
	if supportsShouldProcess(body) {
		defs = append(defs, shouldProcessDefs...)
	}
	spec := &bindSpec{command: name, params: defs, common: advanced, loose: !advanced, script: true}
	res, err := s.bind(fr, spec, raw, pos)
	if err != nil {
		return nil, err
	}
	sc := fr.scope
	if !dot {
		sc = newScope(fr.scope)
	}
	own := frame{scope: sc, file: fr.file}
	st := &functionStage{s: s, fr: own, body: body, spec: spec, res: res, pos: pos, common: res.common}
	out, err := s.setupStageInto(&st.iov, fr, r.redirs, emit, false, &st.common, r.last)
	if err != nil {
		return nil, err
	}
	st.io, st.emit, emit = &st.iov, out, out
	st.hasProc = filter || hasNamed(body, "process")
	if filter {
		st.body = &parser.ScriptBlockBody{Pos: body.Pos, Param: body.Param, Named: []*parser.NamedBlock{{Name: "process", Body: &parser.StatementBlock{List: body.Stmts}}}}
	}
	// bind parameters as variables
	if err := s.bindVariables(own, params, defs, res, advanced); err != nil {
		return nil, err
	}
	if advanced {
		bp, _ := sc.vars["psboundparameters"].Value.(*value.Hashtable)
		sc.vars["pscmdlet"] = &Variable{Name: "PSCmdlet", Value: &psCmdlet{s: s, fr: own, name: name, pos: pos, set: res.set, bound: bp, emit: emit, common: &st.common}}
	}
	return st, nil
}

func hasNamed(body *parser.ScriptBlockBody, name string) bool {
	for _, nb := range body.Named {
		if nb.Name == name {
			return true
		}
	}
	return false
}

// bindVariables sets the parameter variables, $args and $PSBoundParameters.
func (s *Session) bindVariables(fr frame, params []*parser.Parameter, defs []*ParamDef, res *bindResult, advanced bool) error {
	sc := fr.scope
	bp := value.NewHashtable()
	for i, d := range defs {
		key := strings.ToLower(d.Name)
		v, ok := res.bound[key]
		var typ *value.Type
		if d.Type != "" && !strings.EqualFold(d.Type, "object") {
			if strings.EqualFold(d.Type, "switch") {
				typ = &value.Type{Name: value.TBool}
			} else if t, ok := s.resolveType(d.Type); ok {
				typ = t
			}
		}
		if ok {
			bp.Set(d.Name, v)
		} else {
			if i < len(params) && params[i].Default != nil {
				p := params[i]
				dv, err := s.evalExpr(fr, p.Default)
				if err != nil {
					return err
				}
				v = dv
			} else if d.IsSwitch() {
				v = false
			} else if typ != nil {
				cv, err := s.convert(nil, typ)
				if err == nil {
					v = cv
				}
			}
		}
		if typ != nil && v != nil {
			cv, err := s.convert(v, typ)
			if err == nil {
				v = cv
			}
		}
		if typ != nil && typ.Name == value.TString && v == nil {
			v = ""
		}
		sc.vars[key] = &Variable{Name: d.Name, Value: v, Type: typ}
	}
	for k, v := range res.bound {
		if isCommonParam(k) {
			bp.Set(res.names[k], v)
		}
	}
	sc.vars["psboundparameters"] = &Variable{Name: "PSBoundParameters", Value: bp}
	args := res.extra
	if args == nil {
		args = []any{}
	}
	sc.vars["args"] = &Variable{Name: "args", Value: &value.Array{Items: args}}
	if advanced {
		if res.common.verbose != nil && *res.common.verbose {
			sc.vars["verbosepreference"] = &Variable{Name: "VerbosePreference", Value: "Continue"}
		}
		if res.common.debug != nil && *res.common.debug {
			sc.vars["debugpreference"] = &Variable{Name: "DebugPreference", Value: "Continue"}
		}
		if res.common.errorAction != "" {
			sc.vars["erroractionpreference"] = &Variable{Name: "ErrorActionPreference", Value: res.common.errorAction}
		}
		if res.common.warningAction != "" {
			sc.vars["warningpreference"] = &Variable{Name: "WarningPreference", Value: res.common.warningAction}
		}
		if res.common.infoAction != "" {
			sc.vars["informationpreference"] = &Variable{Name: "InformationPreference", Value: res.common.infoAction}
		}
		if res.common.progressAction != "" {
			sc.vars["progresspreference"] = &Variable{Name: "ProgressPreference", Value: res.common.progressAction}
		}
		if v, ok := res.bound["whatif"]; ok {
			sc.vars["whatifpreference"] = &Variable{Name: "WhatIfPreference", Value: value.ToBool(v)}
		}
	}
	return nil
}

// runBlock runs the begin, process or end block of the body, in the
// stage's stream context.
func (f *functionStage) runBlock(name string, emit emitFn) error {
	var list *parser.StatementList
	for _, nb := range f.body.Named {
		if nb.Name == name {
			list = nb.Body.List
		}
	}
	if name == "end" && len(f.body.Named) == 0 {
		list = f.body.Stmts
	}
	if list == nil {
		return nil
	}
	prev := f.io.enter()
	return f.io.leave(prev, f.s.runBody(f.fr, list, emit))
}

// runBody runs a function body list; return ends it.
func (s *Session) runBody(fr frame, list *parser.StatementList, emit emitFn) error {
	s.callDepth++
	defer func() { s.callDepth-- }()
	if s.callDepth > 1000 {
		return &psError{kind: scriptTerminating, rec: &ErrorRecord{ID: "CallDepthOverflow", Category: InvalidOperation,
			Msg: "The script failed due to call depth overflow."}}
	}
	err := s.execList(fr, list, emit)
	var fl *flow
	if errors.As(err, &fl) && fl.kind == "return" {
		return nil
	}
	return err
}

func (f *functionStage) begin() error {
	return f.runBlock("begin", f.emit)
}

func (f *functionStage) process(in any, hasInput bool) error {
	if !hasInput {
		if f.hasProc {
			if err := f.s.checkMandatory(f.spec, f.res, f.pos); err != nil {
				return err
			}
			return f.runBlock("process", f.emit)
		}
		return nil
	}
	if !f.hasProc {
		// without a process block the input is bound all the same: the
		// end block sees the parameters of the last record
		f.input = append(f.input, in)
		added, err := f.s.bindPipelineVars(f, in)
		for _, k := range added {
			delete(f.res.bound, k)
		}
		return err
	}
	sc := f.fr.scope
	sc.vars["_"] = &Variable{Name: "_", Value: in}
	sc.vars["psitem"] = &Variable{Name: "PSItem", Value: in}
	added, err := f.s.bindPipelineVars(f, in)
	if err != nil {
		return err
	}
	defer func() {
		for _, k := range added {
			delete(f.res.bound, k)
		}
	}()
	return f.runBlock("process", f.emit)
}

// bindPipelineVars binds pipeline parameters of a function for one record.
func (s *Session) bindPipelineVars(f *functionStage, in any) ([]string, error) {
	takes := false
	for _, p := range f.spec.params {
		if p.Pipeline || p.ByName {
			takes = true
		}
	}
	if !takes {
		return nil, nil
	}
	added, err := s.bindPipeline(f.fr, f.spec, f.res, in, f.pos)
	if err != nil {
		return nil, err
	}
	for _, k := range added {
		v := f.res.bound[k]
		if old, ok := f.fr.scope.vars[k]; ok && old.Type != nil {
			if cv, err := s.convert(v, old.Type); err == nil {
				v = cv
			}
		}
		if old, ok := f.fr.scope.vars[k]; ok {
			old.Value = v
		} else {
			f.fr.scope.vars[k] = &Variable{Name: f.res.names[k], Value: v}
		}
		if bp, ok := f.fr.scope.vars["psboundparameters"]; ok {
			if h, ok := bp.Value.(*value.Hashtable); ok {
				h.Set(f.res.names[k], v)
			}
		}
	}
	return added, nil
}

func (f *functionStage) end() error {
	if !f.hasProc {
		if err := f.s.checkMandatory(f.spec, f.res, f.pos); err != nil {
			return err
		}
		input := f.input
		if input == nil {
			input = []any{}
		}
		f.fr.scope.vars["input"] = &Variable{Name: "input", Value: &value.Array{Items: input}}
	}
	err := f.runBlock("end", f.emit)
	if cerr := f.io.close(); cerr != nil && err == nil {
		err = cerr
	}
	return err
}

// scriptFileStage runs another script file (.\x.ps1 or . .\x.ps1).
func (s *Session) scriptFileStage(fr frame, name string, raw []rawArg, pos parser.Pos, emit emitFn, dot bool, r stageOut) (stage, error) {
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Clean(strings.ReplaceAll(path, `\`, "/"))
	}
	data, err := s.readFile(path)
	if err != nil {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "CommandNotFoundException", Category: ObjectNotFound,
			Exception: "System.Management.Automation.CommandNotFoundException",
			Msg:       fmt.Sprintf("The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.", name)}}
	}
	src := string(data)
	script, err := parser.Parse(path, src)
	if err != nil {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "ParseException", Category: ParserError, Msg: err.Error()}}
	}
	s.addSource(path, src)
	st, err := s.blockStage(frame{scope: fr.scope, file: path}, path, script.Body, nil, raw, pos, emit, dot, r, false)
	if err != nil {
		return nil, err
	}
	fs := st.(*functionStage)
	if !dot {
		fs.fr.scope.script = true
	}
	s.setScriptVars(fs.fr.scope, path)
	return fs, nil
}

// addSource remembers a file's text (for script block text).
func (s *Session) addSource(file, src string) {
	if s.sources == nil {
		s.sources = map[string]string{}
	}
	s.sources[file] = src
}

// invokeBody runs a whole script block body with arguments and optional
// pipeline input, sending output to emit.
func (s *Session) invokeBody(fr frame, body *parser.ScriptBlockBody, args []any, input []any, emit emitFn, opts invokeOpts) (any, error) {
	raw := make([]rawArg, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if str, ok := a.(string); ok && opts.script && len(str) > 1 && str[0] == '-' && !isNumberish(str) {
			name := str[1:]
			ra := rawArg{name: name}
			if j := strings.IndexByte(name, ':'); j >= 0 {
				ra.name = name[:j]
				if j+1 < len(name) {
					ra.value, ra.colon, ra.hasValue = name[j+1:], true, true
				} else if i+1 < len(args) {
					ra.value, ra.colon, ra.hasValue = args[i+1], true, true
					i++
				}
			}
			raw = append(raw, ra)
			continue
		}
		raw = append(raw, rawArg{value: a})
	}
	if opts.source != "" {
		s.addSource(fr.file, opts.source)
	}
	st, err := s.blockStage(fr, "<script>", body, nil, raw, parser.Pos{Filename: fr.file, Line: 1, Column: 1}, emit, opts.dot, stageOut{last: true}, false)
	if err != nil {
		if opts.script {
			var pe *psError
			if asPSError(err, &pe) {
				pe.kind = scriptTerminating
			}
		}
		return nil, err
	}
	fs := st.(*functionStage)
	if opts.script && !opts.dot {
		fs.fr.scope.script = true
		for k, v := range fr.scope.vars {
			if _, ok := fs.fr.scope.vars[k]; !ok && (k == "psscriptroot" || k == "pscommandpath" || k == "myinvocation") {
				fs.fr.scope.vars[k] = v
			}
		}
	}
	if err := fs.begin(); err != nil {
		return nil, err
	}
	if len(input) > 0 {
		for _, in := range input {
			if err := fs.process(in, true); err != nil {
				return nil, err
			}
		}
	} else if err := fs.process(nil, false); err != nil {
		return nil, err
	}
	return nil, fs.end()
}

func isNumberish(s string) bool {
	_, ok := parser.ParseNumber(s)
	return ok
}

// invokeOpts tunes invokeBody.
type invokeOpts struct {
	script bool
	dot    bool
	source string
}

// invokeScriptBlockValue runs a script block with $_ set to item, in the
// current scope (current=true: Where-Object, ForEach-Object, switch) or a
// child scope, and returns its output as a value.
func (s *Session) invokeScriptBlockValue(fr frame, sb *ScriptBlock, item any, args []any, current bool) (any, error) {
	items, err := s.invokeScriptBlock(fr, sb, item, args, current)
	if err != nil {
		return nil, err
	}
	return value.Unwrap(items), nil
}

// invokeScriptBlock runs a script block and collects its output.
func (s *Session) invokeScriptBlock(fr frame, sb *ScriptBlock, item any, args []any, current bool) ([]any, error) {
	var out []any
	err := s.streamScriptBlock(fr, sb, item, args, current, func(v any) error { out = append(out, v); return nil })
	return out, err
}

// streamScriptBlock runs a script block with $_ = item, sending output to emit.
func (s *Session) streamScriptBlock(fr frame, sb *ScriptBlock, item any, args []any, current bool, emit emitFn) error {
	sc := fr.scope
	if sb.Closure != nil {
		sc = sb.Closure
	}
	if !current {
		sc = newScope(sc)
	}
	own := frame{scope: sc, file: fr.file}
	saved := setItem(sc, item)
	if current {
		defer saved.restore()
	}
	if sb.Body.Param != nil && len(sb.Body.Param.Params) > 0 {
		raw := make([]rawArg, len(args))
		for i, a := range args {
			raw[i] = rawArg{value: a}
		}
		defs, _, err := s.paramDefsOf(sb.Body.Param.Params)
		if err != nil {
			return err
		}
		spec := &bindSpec{command: "<ScriptBlock>", params: defs, loose: true, script: true}
		res, err := s.bind(own, spec, raw, sb.Body.Pos)
		if err != nil {
			return err
		}
		if err := s.bindVariables(own, sb.Body.Param.Params, defs, res, false); err != nil {
			return err
		}
	} else if !current || args != nil {
		if args == nil {
			args = []any{}
		}
		sc.vars["args"] = &Variable{Name: "args", Value: &value.Array{Items: args}}
	}
	var err error
	if len(sb.Body.Named) > 0 {
		for _, name := range []string{"begin", "process", "end"} {
			for _, nb := range sb.Body.Named {
				if nb.Name == name {
					if err = s.runBody(own, nb.Body.List, emit); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if current {
		err = s.execList(own, sb.Body.Stmts, emit)
		var fl *flow
		if errors.As(err, &fl) && fl.kind == "return" {
			return nil
		}
		return err
	}
	return s.runBody(own, sb.Body.Stmts, emit)
}
