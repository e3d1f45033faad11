package cmdlets

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/fold"
)

// execPipelineStatement runs a pipeline, an assignment or a chain.
func (s *Session) execPipelineStatement(fr frame, st *parser.PipelineStatement, emit emitFn) error {
	if st.Background {
		return notImplemented(st.Pos, "", backgroundJobWhat)
	}
	if st.Op != "" {
		return s.execAssignment(fr, st)
	}
	err := s.runPipeline(fr, st.Left, emit)
	if len(st.Chain) == 0 {
		return err
	}
	// each pipeline of a chain handles its terminating error as a
	// statement does, then the chain goes on with $? false
	// (about_Pipeline_Chain_Operators; Compiler.VisitPipelineChain)
	for _, c := range st.Chain {
		if err != nil {
			if err = s.statementError(fr, err, emit); err != nil {
				return err
			}
		}
		if (c.Op == "&&") != s.lastOK {
			continue
		}
		err = s.runPipeline(fr, c.Next, emit)
	}
	if err != nil {
		return s.statementError(fr, err, emit)
	}
	return nil
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
	// an assignment of a plain expression sets $? (see setsSuccess)
	if statementSetsSuccess(st.Right) {
		s.lastOK = true
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
	// $? in the arguments is the status of the statement before
	s.questionOK = s.lastOK
	s.lastOK = true
	written := s.errorsWritten
	stages := make([]stage, len(p.Elems))
	defer func() {
		// what follows in the same expression sees this pipeline's status:
		// "(Get-Item x -ea Ignore) -or $?" (Compiler.CaptureStatementResults)
		s.questionOK = s.lastOK
		for _, st := range stages {
			if st != nil {
				st.streams().teardown()
			}
		}
	}()
	down := emit
	for i := len(p.Elems) - 1; i >= 0; i-- {
		st, err := s.makeStage(fr, p.Elems[i], down, i, len(p.Elems))
		if err != nil {
			return err
		}
		stages[i] = st
		next := st
		down = func(v any) error { return next.process(v, true) }
	}
	// the clean blocks of the functions that ran run last, also when the
	// pipeline fails
	if err := s.runStages(stages); err != nil {
		cleanStages(stages)
		return err
	}
	if err := cleanStages(stages); err != nil {
		return err
	}
	if len(p.Elems) == 1 {
		if ce, ok := p.Elems[0].(*parser.CommandExpression); ok {
			if setsSuccess(ce.Expr) {
				s.lastOK = true
			}
			return nil
		}
	}
	// the pipeline failed when one of its commands wrote an error: a
	// function by $PSCmdlet.WriteError, not by the commands in it, whose
	// last status does not leak out (MiscOps: $? is
	// !pipelineProcessor.ExecutionFailed)
	s.lastOK = s.errorsWritten == written
	return nil
}

// runStages runs the begin, process and end of a pipeline's stages. An
// upstream begin block that writes runs the downstream command's begin
// first (see began).
func (s *Session) runStages(stages []stage) error {
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

// cleaner is a stage with a clean block.
type cleaner interface {
	clean() error
}

// cleanStages runs the clean blocks of a pipeline's stages; it returns
// the first error one of them ends with.
func cleanStages(stages []stage) error {
	var first error
	for _, st := range stages {
		if c, ok := st.(cleaner); ok {
			if err := c.clean(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// setsSuccess reports whether an expression statement sets $? to true
// when it has run, whatever the commands in it did, as PowerShell's
// compiler decides (Compiler.ShouldSetExecutionStatusToSuccess; the cases
// of DollarHook.Tests.ps1): a plain expression ("Hi $(Write-Error x)")
// does; a paren expression as its pipeline; $() only when empty; @() when
// empty or holding one pure expression without a trap.
func setsSuccess(e *parser.Expr) bool {
	if e == nil {
		return true
	}
	u, ok := e.Tree.(*parser.Unary)
	if !ok || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return true
	}
	switch x := u.Primary.(type) {
	case *parser.ParenExpr:
		return statementSetsSuccess(x.Stmt)
	case *parser.SubExpr:
		return x.List == nil || countStatements(x.List) == 0
	case *parser.ArrayExpr:
		if x.List == nil {
			return true
		}
		switch n := countStatements(x.List); {
		case n == 0:
			return true
		case n == 1 && len(x.List.Stmts) == 1:
			return statementSetsSuccess(x.List.Stmts[0])
		}
		return false
	}
	return true
}

// statementSetsSuccess is setsSuccess for a statement: a pipeline that is
// one expression, or an assignment of one.
func statementSetsSuccess(st parser.Statement) bool {
	ps, ok := st.(*parser.PipelineStatement)
	if !ok || len(ps.Chain) > 0 {
		return false
	}
	if ps.Op != "" {
		return statementSetsSuccess(ps.Right)
	}
	if ps.Left == nil || len(ps.Left.Elems) != 1 {
		return false
	}
	ce, ok := ps.Left.Elems[0].(*parser.CommandExpression)
	return ok && setsSuccess(ce.Expr)
}

// countStatements counts the statements of a list, traps left out.
func countStatements(l *parser.StatementList) int {
	n := 0
	for _, st := range l.Stmts {
		if _, trap := st.(*parser.TrapStatement); !trap {
			n++
		}
	}
	return n
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
	e    *parser.CommandExpression
	emit emitFn
	io   *stageIO
	// iov's caller is the frame the expression runs in
	iov stageIO
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
				run = func(emit emitFn) error { return x.s.execStmt(x.iov.caller, p.Stmt, emit) }
			}
		case *parser.SubExpr:
			run = func(emit emitFn) error { return x.s.execListStrict(x.iov.caller, p.List, emit) }
		}
	}
	if run == nil {
		return x.s.evalExpr(x.iov.caller, x.e.Expr)
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

// makeStage builds the stage for element i of a pipeline of n elements.
func (s *Session) makeStage(fr frame, el parser.PipeElement, emit emitFn, i, n int) (stage, error) {
	last := i == n-1
	switch el := el.(type) {
	case *parser.CommandExpression:
		x := &exprStage{s: s, e: el}
		out, err := s.setupStageInto(&x.iov, fr, el.Redirs, emit, true, nil, last)
		if err != nil {
			return nil, err
		}
		x.emit, x.io = out, &x.iov
		return x, nil
	case *parser.Command:
		return s.commandStage(fr, el, emit, i+1, n)
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
func (s *Session) commandStage(fr frame, c *parser.Command, emit emitFn, pipePos, pipeLen int) (stage, error) {
	raw, redirs, err := s.evalArgs(fr, c)
	if err != nil {
		return nil, err
	}
	r := stageOut{redirs: redirs, last: pipePos == pipeLen}
	dot := c.Call == "."
	name := c.Name
	inv := &invocation{call: c, callFile: fr.file, invName: name, pipePos: pipePos, pipeLen: pipeLen}
	if c.Target != nil {
		tv, err := s.evalUnary(fr, c.Target)
		if err != nil {
			return nil, err
		}
		switch t := tv.(type) {
		case *ScriptBlock:
			inv.invName = c.Call
			return s.scriptBlockStage(fr, t, raw, inv, emit, dot, r)
		case *value.Object:
			if m := s.mods.infos[t]; m != nil {
				// & $module { ... } runs the block in the module
				inv.invName = c.Call
				return s.moduleBlockStage(fr, m, raw, inv, emit, dot, r)
			}
			name = value.ToString(tv)
			inv.invName = name
		default:
			name = value.ToString(tv)
			inv.invName = name
		}
	}
	if helpRequested(raw) {
		// NAME -? shows the command's help
		f, _ := s.lookupFunc(fr.scope, name)
		if f == nil {
			if to, ok := s.lookupAlias(fr.scope, name); ok {
				f, _ = s.lookupFunc(fr.scope, to)
			}
		}
		if _, isCmd := s.Command(name); f != nil || isCmd {
			if st, ok, err := s.helpStage(fr, name, f, inv, emit, r); ok {
				return st, err
			}
		}
	}
	// aliases first, then functions and cmdlets (about_Command_Precedence:
	// an alias wins over a function of the same name)
	written := name
	if target, ok := s.lookupAlias(fr.scope, name); ok {
		// an alias may name another alias (Set-Alias tma Test-MyAlias)
		for i := 0; i < 32; i++ {
			if _, isFunc := s.lookupFunc(fr.scope, target); isFunc {
				break
			}
			next, ok := s.lookupAlias(fr.scope, target)
			if !ok || strings.EqualFold(next, target) {
				break
			}
			target = next
		}
		name = target
	}
	if f, ok := s.lookupFunc(fr.scope, name); ok {
		return s.functionStage(fr, f, raw, inv, emit, dot, r)
	}
	if strings.IndexByte(name, '\\') < 0 {
		// a plain cmdlet name, found without lower-casing it
		if _, alias := s.lookupAlias(fr.scope, name); !alias {
			if cmd, ok := fold.Lookup(s.commands, name); ok && !cmd.NotImplemented {
				return s.cmdletStage(fr, cmd, written, raw, inv, emit, r)
			}
		}
	}
	if i := strings.LastIndexByte(name, '\\'); i > 0 {
		// ModuleName\Function: an exported function of a loaded module
		if f, known := s.qualifiedFunction(name[:i], name[i+1:]); f != nil {
			return s.functionStage(fr, f, raw, inv, emit, dot, r)
		} else if known {
			return nil, commandNotFound(c.Pos, name)
		}
	}
	lname := strings.ToLower(name)
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
		return s.cmdletStage(fr, cmd, written, raw, inv, emit, r)
	}
	// a script file
	if strings.HasSuffix(lname, ".ps1") {
		return s.scriptFileStage(fr, name, raw, inv, emit, dot, r)
	}
	if f, err := s.autoloadFunction(fr, c.Pos, name); err != nil || f != nil {
		if err != nil {
			return nil, err
		}
		return s.functionStage(fr, f, raw, inv, emit, dot, r)
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

func (s *Session) cmdletStage(fr frame, cmd *Cmdlet, name string, raw []rawArg, inv *invocation, emit emitFn, r stageOut) (stage, error) {
	spec := s.cmdletSpec(cmd)
	pos := inv.pos()
	// one allocation for the stage, its call, its binding and its streams
	st := &cmdletStage{s: s, spec: spec}
	if err := s.bindTo(&st.resv, fr, spec, raw, pos); err != nil {
		return nil, stampClass(err, cmd)
	}
	if err := s.handleMissingMandatory(fr, spec, &st.resv, cmd.Name, inv.pipePos, inv.pipePos > 1, pos); err != nil {
		return nil, stampClass(err, cmd)
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
	spec := &bindSpec{command: cmd.Name, params: params, common: true, defaultSet: cmd.DefaultSet, goCmdlet: true,
		core: strings.HasPrefix(cmd.Module, "Microsoft.PowerShell.")}
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
	if c.began {
		return nil
	}
	c.began = true
	if len(c.call.cmd.Refused) > 0 {
		if err := c.call.refusedBy(c.call.cmd.Refused); err != nil {
			return c.wrap(err)
		}
	}
	if c.call.cmd.Begin == nil {
		return nil
	}
	prev := c.io.enter()
	err := c.wrap(c.call.cmd.Begin(c.call))
	return c.io.leave(prev, err)
}

func (c *cmdletStage) process(in any, hasInput bool) error {
	// input from an upstream begin block comes before this begin ran
	if err := c.begin(); err != nil {
		return err
	}
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
			if asPSError(err, &pe) && (pe.rec.ID == "InputObjectNotBound" || strings.HasPrefix(pe.rec.ID, "ParameterArgumentValidationError")) {
				// non-terminating, per record (CommandProcessor.Read
				// writes a pipeline binding error and goes on)
				return c.wrap(call.WriteError(pe.rec))
			}
			return stampClass(err, call.cmd)
		}
		// what the input bound may choose another parameter set (a
		// FileInfo binds -LiteralPath by its PSPath)
		set := c.res.set
		if len(added) > 0 {
			if err := c.s.resolveSet(c.spec, c.res, call.Pos); err != nil {
				c.res.set = set
			}
		}
		defer func() {
			for _, k := range added {
				delete(c.res.bound, k)
			}
			c.res.set = set
		}()
	}
	call.Input, call.HasInput = in, hasInput
	if err := c.s.checkMandatory(c.spec, c.res, call.Pos); err != nil {
		return stampClass(err, call.cmd)
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
		if cmd := c.call.cmd; cmd.Class != "" && pe.rec.Command == "" && !pe.rec.originSet && !pe.thrown && pe.rec.ID != "" {
			// a runtime error of script code the cmdlet ran (the text of
			// Invoke-Expression, the block of ForEach-Object) leaves the
			// cmdlet wrapped in a CmdletInvocationException whose record
			// names the cmdlet (CommandProcessorBase.ManageInvocationException;
			// a throw statement's error is not rewrapped)
			pe.rec.setOrigin(cmd.Class)
		}
		return stampClass(err, c.call.cmd)
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
	if c.call.cmd.Class != "" {
		rec.setOrigin(c.call.cmd.Class)
	}
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
	// restore puts back the caller's variables a dot-sourced body set.
	restore func()
	// began is set once begin has been called; ran once a begin, process
	// or end block has run; cleaned once the clean block has.
	began, ran, cleaned bool
	// lastBound are the parameters the last pipeline object bound, in a
	// body without a process block.
	lastBound []string
	// ownErrors counts the errors the function wrote itself
	// ($PSCmdlet.WriteError): only those fail its caller's pipeline.
	ownErrors int
	// scriptFile marks the body of a script file (& file, . file): exit
	// in it ends that script only; exited is set once it has.
	scriptFile, exited bool
}

func (f *functionStage) streams() *stageIO { return f.io }

// saveVars records variables of sc and returns what puts them back.
func saveVars(sc *Scope, names ...string) func() {
	saved := make([]*Variable, len(names))
	for i, n := range names {
		saved[i] = sc.vars[n]
	}
	return func() {
		for i, n := range names {
			if saved[i] == nil {
				delete(sc.vars, n)
			} else {
				sc.vars[n] = saved[i]
			}
		}
	}
}

func (s *Session) functionStage(fr frame, f *Function, raw []rawArg, inv *invocation, emit emitFn, dot bool, r stageOut) (stage, error) {
	inv.fn, inv.defFile, inv.cmdName = f, f.File, f.Name
	inv.cmdType = "Function"
	if f.Filter {
		inv.cmdType = "Filter"
	}
	if f.module != fr.scope.module {
		// a function of another session state (a module's, or the top
		// level's called from a module) runs in a scope of its own
		return s.crossStage(fr, s.stateScope(f.module, fr.scope), inv, f.Body, f.Params, raw, emit, dot, r, f.Filter)
	}
	return s.blockStage(fr, inv, f.Body, f.Params, raw, emit, dot, r, f.Filter)
}

func (s *Session) scriptBlockStage(fr frame, sb *ScriptBlock, raw []rawArg, inv *invocation, emit emitFn, dot bool, r stageOut) (stage, error) {
	inv.cmdName, inv.cmdType, inv.defFile, inv.sb = sb.Name, "Script", sb.File, sb
	if sb.Closure != nil {
		fr = frame{scope: sb.Closure, file: fr.file}
	} else if sb.bound && sb.module != fr.scope.module {
		return s.crossStage(fr, s.stateScope(sb.module, fr.scope), inv, sb.Body, nil, raw, emit, dot, r, false)
	}
	return s.blockStage(fr, inv, sb.Body, nil, raw, emit, dot, r, false)
}

// blockStage binds arguments to a script block body and returns its stage.
func (s *Session) blockStage(fr frame, inv *invocation, body *parser.ScriptBlockBody, extra []*parser.Parameter, raw []rawArg, emit emitFn, dot bool, r stageOut, filter bool) (stage, error) {
	return s.blockStageIn(fr, fr.scope, inv, body, extra, raw, emit, dot, r, filter)
}

// crossStage is blockStage for a body of another session state (a module
// function called from outside it, say): its scope goes under parent,
// that session state's scope, and remembers the caller's.
func (s *Session) crossStage(fr frame, parent *Scope, inv *invocation, body *parser.ScriptBlockBody, extra []*parser.Parameter, raw []rawArg, emit emitFn, dot bool, r stageOut, filter bool) (stage, error) {
	return s.blockStageIn(fr, parent, inv, body, extra, raw, emit, dot, r, filter)
}

// blockStageIn is blockStage with the body's scope under parent (fr.scope
// but for a call into another session state).
func (s *Session) blockStageIn(fr frame, parent *Scope, inv *invocation, body *parser.ScriptBlockBody, extra []*parser.Parameter, raw []rawArg, emit emitFn, dot bool, r stageOut, filter bool) (stage, error) {
	name := inv.commandName()
	pos := inv.pos()
	// the using namespace statements that start a script come first: the
	// types of its parameters may need them (runUsings does the rest)
	for _, u := range body.Usings {
		if strings.EqualFold(u.Kind, "namespace") {
			s.useNamespace(u.Name)
		}
	}
	sig, err := s.signature(body, extra, inv.defFile)
	if err != nil {
		return nil, err
	}
	if hasNamed(body, "dynamicparam") {
		return nil, notImplemented(body.Pos, "", "a dynamicparam block")
	}
	params, defs, advanced := sig.params, sig.defs, sig.advanced
	spec := &bindSpec{command: name, params: defs, common: advanced, loose: !advanced, script: true, defaultSet: sig.defaultSet}
	res, err := s.bind(fr, spec, raw, pos)
	if err != nil {
		return nil, err
	}
	if err := s.handleMissingMandatory(fr, spec, res, inv.cmdName, inv.pipePos, inv.pipePos > 1, pos); err != nil {
		return nil, err
	}
	sc := parent
	if !dot {
		sc = newScope(parent)
		if parent != fr.scope {
			sc.caller = fr.scope
		}
	}
	file := fr.file
	if inv.defFile != "" {
		file = inv.defFile
	}
	own := frame{scope: sc, file: file}
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
	// the automatic variables a dot-sourced body sets in the caller's
	// scope are put back when it ends
	if dot {
		st.restore = saveVars(sc, "myinvocation", "psscriptroot", "pscommandpath", "psboundparameters", "args")
	}
	if inv.cmdType == "ExternalScript" {
		if !dot {
			sc.script = true
		}
		s.setScriptVars(sc, inv.path)
	}
	if len(body.Usings) > 0 {
		if err := s.runUsings(own, body.Usings); err != nil {
			return nil, err
		}
	}
	// bind parameters as variables
	if err := s.bindVariables(own, params, defs, res, advanced); err != nil {
		return nil, err
	}
	bp, _ := sc.vars["psboundparameters"].Value.(*value.Hashtable)
	mi := &lazyInvocation{s: s, inv: *inv, bound: bp, unbound: res.extra}
	sc.vars["myinvocation"] = &Variable{Name: "MyInvocation", Value: mi}
	if advanced {
		sc.vars["pscmdlet"] = &Variable{Name: "PSCmdlet", Value: &psCmdlet{s: s, fr: own, name: name, pos: pos, set: spec.setSpelling(res.set), bound: bp, emit: emit, common: &st.common,
			invocation: mi, confirmImpact: sig.confirmImpact, wrote: &st.ownErrors}}
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
				v = unboundDefault(typ)
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
		nv := &Variable{Name: d.Name, Value: v, Type: typ}
		if len(d.validators) > 0 {
			nv.param = d
		}
		sc.vars[key] = nv
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
		// -Confirm asks before any change of Low impact or more,
		// -Confirm:$false before none
		if v, ok := res.bound["confirm"]; ok {
			pref := "None"
			if value.ToBool(v) {
				pref = "Low"
			}
			sc.vars["confirmpreference"] = &Variable{Name: "ConfirmPreference", Value: pref}
		}
	}
	return nil
}

// unboundDefault is the value of a typed parameter that is not bound and
// has no default: the .NET default of a value type (0, $false,
// [datetime]::MinValue), "" for a string, $null for anything else (an
// [object[]] or [string[]] too).
func unboundDefault(typ *value.Type) any {
	switch typ.Name {
	case value.TString:
		return ""
	case value.TDateTime:
		return dateMin()
	case value.TGuid:
		return value.Guid("00000000-0000-0000-0000-000000000000")
	case value.TInt32, value.TInt64, value.TDouble, value.TSingle, value.TDecimal, value.TByte, value.TBool, value.TChar,
		value.TTimeSpan, value.TInt16, value.TUInt16, value.TUInt32, value.TUInt64, value.TSByte, value.TBigInt:
		v, err := value.Convert(0, typ)
		if err != nil {
			return nil
		}
		return v
	}
	return nil
}

// runBlock runs the begin, process, end or clean block of the body, in
// the stage's stream context.
func (f *functionStage) runBlock(name string, emit emitFn) error {
	var list *parser.StatementList
	found := false
	for _, nb := range f.body.Named {
		if nb.Name == name {
			list, found = nb.Body.List, true
		}
	}
	if name == "end" && len(f.body.Named) == 0 {
		list = f.body.Stmts
		found = list != nil
	}
	if !found || f.exited && name != "clean" {
		return nil
	}
	f.ran = f.ran || name != "clean"
	if list == nil {
		return nil
	}
	prev := f.io.enter()
	// the errors of the commands and statements inside do not fail the
	// function's own command: after "f" whose body ran Write-Error, $? is
	// true; only what the function wrote itself counts
	// (CleanBlockErrorHandling.Tests.ps1 "Track the $? behavior")
	written, own := f.s.errorsWritten, f.ownErrors
	err := f.io.leave(prev, f.s.runBody(f.fr, list, emit))
	f.s.errorsWritten = written + f.ownErrors - own
	// ThrowTerminatingError ended this function: the caller's statement
	// fails
	var pe *psError
	if asPSError(err, &pe) && pe.kind == commandTerminating {
		pe.kind = statementTerminating
	}
	// exit in a script file ends that script, not its caller: the code
	// goes to $LASTEXITCODE and a code other than 0 fails the command
	// (ScriptCommandProcessor's ExitException handling)
	var fl *flow
	if f.scriptFile && errors.As(err, &fl) && fl.kind == "exit" {
		f.exited = true
		_ = f.s.setVar(f.s.global, "LASTEXITCODE", fl.code)
		if fl.code != 0 {
			f.ownErrors++
			f.s.errorsWritten++
		}
		return nil
	}
	return err
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
	if f.began {
		return nil
	}
	f.began = true
	return f.runBlock("begin", f.emit)
}

func (f *functionStage) process(in any, hasInput bool) error {
	// input from an upstream begin block comes before this begin ran
	if err := f.begin(); err != nil {
		return err
	}
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
		// without a process block the input is collected for $input; each
		// object still binds the parameters that take pipeline input, and
		// the end block sees the last one's
		f.input = append(f.input, in)
		for _, k := range f.lastBound {
			delete(f.res.bound, k)
		}
		added, err := f.s.bindPipelineVars(f, in)
		f.lastBound = added
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

// clean runs the clean block, about_Functions_Advanced_Methods: once,
// after the end block or when the pipeline fails, and only when another
// block of the function ran; what it writes to the output is discarded.
func (f *functionStage) clean() error {
	// a dot-sourced body gives the caller its variables back, also when
	// it failed
	if f.restore != nil {
		f.restore()
		f.restore = nil
	}
	if !f.ran || f.cleaned || !hasNamed(f.body, "clean") {
		return nil
	}
	f.cleaned = true
	// a try or trap around the command does not reach into its clean
	// block (CommandProcessorBase.DoCleanup)
	prevProp := f.s.propagate
	f.s.propagate = false
	err := f.runBlock("clean", func(any) error { return nil })
	f.s.propagate = prevProp
	// exit in a clean block ends only the block
	var fl *flow
	if errors.As(err, &fl) {
		return nil
	}
	// a terminating error ends the clean block but goes no further: it is
	// written to the command's error stream and $? is false
	// (Pipeline.Clean, CommandProcessorBase.ReportCleanupError)
	var pe *psError
	if asPSError(err, &pe) {
		f.s.recordCaught(pe)
		prev := f.io.enter()
		rerr := f.s.reportError(pe.rec)
		f.s.streams = prev
		f.s.errorsWritten++
		f.s.lastOK = false
		return rerr
	}
	return err
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
func (s *Session) scriptFileStage(fr frame, name string, raw []rawArg, inv *invocation, emit emitFn, dot bool, r stageOut) (stage, error) {
	pos := inv.pos()
	path := name
	if qual, _ := splitQualifier(name); qual != "" {
		// a drive's path (TestDrive:\x.ps1) names a file of its folder
		if pp, err := s.parsePSPath(fr, name); err == nil && pp.prov == provFS {
			path = pp.path
		}
	}
	// a Windows-style separator is a folder separator here, in an
	// absolute path too, as the file writes take it
	path = filepath.Clean(nativePath(path))
	data, err := s.readFile(path)
	if err != nil {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "CommandNotFoundException", Category: ObjectNotFound,
			Exception: "System.Management.Automation.CommandNotFoundException",
			Msg:       fmt.Sprintf("The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.", name)}}
	}
	src := textenc.Decode(data)
	script, req, errs := s.parseScript(path, src)
	if len(errs) > 0 {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "ParseException", Category: ParserError, Msg: errs.Error()}}
	}
	s.addSource(path, src)
	inv.cmdType, inv.defFile, inv.path, inv.cmdName = "ExternalScript", path, path, filepath.Base(path)
	if abs, err := s.fullPath(path); err == nil {
		inv.path = abs
	}
	if err := s.verifyRequires(fr, pos, req, filepath.Base(path)); err != nil {
		return nil, err
	}
	st, err := s.blockStage(fr, inv, script.Body, nil, raw, emit, dot, r, false)
	if fs, ok := st.(*functionStage); ok {
		fs.scriptFile = true
	}
	return st, err
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
					// pwsh -File takes -Name:true, -Name:$false as Booleans
					ra.value, ra.colon, ra.hasValue = cliBool(name[j+1:]), true, true
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
	inv := &invocation{cmdType: "Script", defFile: fr.file, pipePos: 1, pipeLen: 1}
	if opts.script && fr.file != "" && fr.file != "-" && !strings.HasPrefix(fr.file, "<") {
		inv.cmdType, inv.cmdName, inv.invName, inv.path = "ExternalScript", filepath.Base(fr.file), fr.file, fr.file
		if abs, err := s.fullPath(fr.file); err == nil {
			inv.path = abs
		}
	}
	st, err := s.blockStage(fr, inv, body, nil, raw, emit, opts.dot, stageOut{last: true}, false)
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
	run := func() error {
		if err := fs.begin(); err != nil {
			return err
		}
		if len(input) > 0 {
			for _, in := range input {
				if err := fs.process(in, true); err != nil {
					return err
				}
			}
		} else if err := fs.process(nil, false); err != nil {
			return err
		}
		return fs.end()
	}
	// the clean block runs last, also when the script fails
	err = run()
	if cerr := fs.clean(); err == nil {
		err = cerr
	}
	return nil, err
}

// cliBool is a -Name:value command-line value: a Boolean when it reads
// as one ("true", "$false", any case), else the text
// (CommandLineParameterParser.CollectPSArgs).
func cliBool(v string) any {
	switch strings.ToLower(strings.TrimPrefix(v, "$")) {
	case "true":
		return true
	case "false":
		return false
	}
	return v
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
	var caller *Scope
	if sb.Closure != nil {
		sc = sb.Closure
	} else if sb.bound && sb.module != sc.module {
		// a script block runs in the session state it was written in
		sc, caller = s.stateScope(sb.module, sc), sc
	}
	if !current {
		sc = newScope(sc)
		if caller != nil {
			sc.caller = caller
		}
	}
	own := frame{scope: sc, file: fr.file}
	if len(sb.Body.Usings) > 0 {
		if err := s.runUsings(own, sb.Body.Usings); err != nil {
			return err
		}
	}
	saved := setItem(sc, item)
	if current {
		defer saved.restore()
	}
	if sb.Body.Param != nil && len(sb.Body.Param.Params) > 0 {
		raw := make([]rawArg, len(args))
		for i, a := range args {
			raw[i] = rawArg{value: a}
		}
		sig, err := s.signature(sb.Body, nil, sb.File)
		if err != nil {
			return err
		}
		spec := &bindSpec{command: "<ScriptBlock>", params: sig.defs, loose: true, script: true}
		res, err := s.bind(own, spec, raw, sb.Body.Pos)
		if err != nil {
			return err
		}
		if err := s.bindVariables(own, sig.params, sig.defs, res, false); err != nil {
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
		if hasNamed(sb.Body, "dynamicparam") {
			return notImplemented(sb.Body.Pos, "", "a dynamicparam block")
		}
		ran := false
		for _, name := range []string{"begin", "process", "end"} {
			for _, nb := range sb.Body.Named {
				if nb.Name == name {
					ran = true
					if err = s.runBody(own, nb.Body.List, emit); err != nil {
						break
					}
				}
			}
			if err != nil {
				break
			}
		}
		// the clean block runs last, its output discarded; exit in it ends
		// only the block
		if ran {
			for _, nb := range sb.Body.Named {
				if nb.Name == "clean" {
					var fl *flow
					if cerr := s.runBody(own, nb.Body.List, func(any) error { return nil }); cerr != nil && err == nil && !errors.As(cerr, &fl) {
						err = cerr
					}
				}
			}
		}
		return err
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
