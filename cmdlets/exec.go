package cmdlets

import (
	"errors"
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// emitFn receives pipeline output.
type emitFn func(v any) error

// voidValue is returned by methods that return nothing: it is never emitted.
type voidValue struct{}

func (voidValue) PSString() string { return "" }

// emitValue writes v to a pipeline, enumerating arrays one level.
func emitValue(v any, emit emitFn) error {
	switch x := v.(type) {
	case voidValue:
		return nil
	case *value.Array:
		for _, it := range x.Items {
			if err := emit(it); err != nil {
				return err
			}
		}
		return nil
	}
	return emit(v)
}

// collect runs f and gathers what it emits.
func collect(f func(emit emitFn) error) ([]any, error) {
	var out []any
	err := f(func(v any) error { out = append(out, v); return nil })
	return out, err
}

func (s *Session) checkCancel() error {
	if s.ctx != nil {
		select {
		case <-s.ctx.Done():
			return s.ctx.Err()
		default:
		}
	}
	return nil
}

// execList runs statements. A statement-terminating error outside any try
// or trap is reported and the next statement runs.
func (s *Session) execList(fr frame, list *parser.StatementList, emit emitFn) error {
	if list == nil {
		return nil
	}
	var traps []*parser.TrapStatement
	for _, st := range list.Stmts {
		if t, ok := st.(*parser.TrapStatement); ok {
			traps = append(traps, t)
		}
	}
	s.listDepth++
	prevTraps, prevProp := s.traps, s.propagate
	s.traps = traps
	if len(traps) > 0 {
		// the errors of the blocks inside come up to the traps
		s.propagate = true
	}
	defer func() {
		s.listDepth--
		s.traps, s.propagate = prevTraps, prevProp
	}()
	for _, st := range list.Stmts {
		if err := s.checkCancel(); err != nil {
			return err
		}
		err := s.execStmt(fr, st, emit)
		if s.listDepth == 1 {
			// a top-level statement's output appears when it ends, not
			// when the script does
			s.sink.flush()
		}
		if err == nil {
			continue
		}
		if err := s.statementError(fr, err, emit); err != nil {
			return err
		}
	}
	return nil
}

// statementError handles the terminating error of a statement, or of a
// pipeline of a chain, as PowerShell's ExceptionHandlingOps.
// CheckActionPreference does: the traps of the statement list run; with
// none, the error goes up when a try or a trap above waits for it, and an
// error that cannot be suppressed (-ErrorAction Stop,
// ThrowTerminatingError) goes up too; otherwise $ErrorActionPreference
// decides: SilentlyContinue and Ignore go on (even after a throw, the error
// kept in $Error), Stop goes up, and Continue reports the error and goes on
// unless a throw raised it. It returns nil when the statements go on, with
// $? false.
func (s *Session) statementError(fr frame, err error, emit emitFn) error {
	var pe *psError
	if !asPSError(err, &pe) {
		return err
	}
	s.lastOK = false
	if len(s.traps) > 0 {
		terr := s.runTrap(fr, s.traps, pe, emit)
		s.lastOK = false
		return terr
	}
	if s.propagate || pe.kind != statementTerminating && !pe.thrown {
		return err
	}
	switch s.errorPreference(fr) {
	case "stop":
		return &psError{kind: scriptTerminating, rec: pe.rec}
	case "silentlycontinue", "ignore":
		s.recordCaught(pe)
	default:
		if pe.thrown {
			return err
		}
		s.recordCaught(pe)
		if rerr := s.reportError(pe.rec); rerr != nil {
			return rerr
		}
	}
	s.lastOK = false
	s.errorsWritten++
	return nil
}

// errorPreference is $ErrorActionPreference, in lower case.
func (s *Session) errorPreference(fr frame) string {
	return strings.ToLower(value.ToString(s.prefValue(fr, "ErrorActionPreference")))
}

// runTrap runs the first matching trap for a terminating error. After a
// trap that neither continues nor breaks, $ErrorActionPreference decides
// as for an error without a trap (ExceptionHandlingOps.ProcessTraps,
// QueryForAction).
func (s *Session) runTrap(fr frame, traps []*parser.TrapStatement, pe *psError, emit emitFn) error {
	for _, t := range traps {
		if t.Type != "" && !s.exceptionMatches(pe.rec, t.Type) {
			continue
		}
		s.recordCaught(pe)
		sc := newScope(fr.scope)
		setItem(sc, pe.rec)
		err := s.execList(frame{scope: sc, file: fr.file, caught: pe.rec}, t.Body.List, emit)
		var f *flow
		switch {
		case errors.As(err, &f) && f.kind == "continue":
			return nil // continue: go on silently
		case errors.As(err, &f) && f.kind == "break":
			return &psError{kind: scriptTerminating, rec: pe.rec, listed: true}
		case err != nil:
			return err
		}
		switch s.errorPreference(fr) {
		case "silentlycontinue", "ignore":
			return nil
		case "stop":
			return &psError{kind: scriptTerminating, rec: pe.rec, listed: true}
		}
		// the trap fell through: show the error, then go on
		return s.reportError(pe.rec)
	}
	return pe
}

// recordError adds an error to $Error (newest first) and to the
// -ErrorVariable lists in force.
func (s *Session) recordError(rec *ErrorRecord) {
	s.errs.Items = append([]any{rec}, s.errs.Items...)
	if len(s.errs.Items) > 256 {
		s.errs.Items = s.errs.Items[:256]
	}
	s.appendErrorVars(rec)
}

// recordCaught records a terminating error where it is caught or
// reported: in $Error, and in the -ErrorVariable lists in force unless a
// command on its way out already put it in those of its context.
func (s *Session) recordCaught(pe *psError) {
	if pe.listed {
		s.errs.Items = append([]any{pe.rec}, s.errs.Items...)
		if len(s.errs.Items) > 256 {
			s.errs.Items = s.errs.Items[:256]
		}
		return
	}
	pe.listed = true
	s.recordError(pe.rec)
}

func (s *Session) execStmt(fr frame, st parser.Statement, emit emitFn) error {
	switch st := st.(type) {
	case *parser.PipelineStatement:
		return s.execPipelineStatement(fr, st, emit)
	case *parser.IfStatement:
		ok, err := s.evalCond(fr, st.Cond)
		if err != nil {
			return err
		}
		if ok {
			return s.execList(fr, st.Then.List, emit)
		}
		for _, ei := range st.ElseIf {
			ok, err := s.evalCond(fr, ei.Cond)
			if err != nil {
				return err
			}
			if ok {
				return s.execList(fr, ei.Then.List, emit)
			}
		}
		if st.Else != nil {
			return s.execList(fr, st.Else.List, emit)
		}
		return nil
	case *parser.ForeachStatement:
		return s.execForeach(fr, st, "", emit)
	case *parser.ForStatement:
		return s.execFor(fr, st, "", emit)
	case *parser.WhileStatement:
		return s.execWhile(fr, st, "", emit)
	case *parser.DoStatement:
		return s.execDo(fr, st, "", emit)
	case *parser.SwitchStatement:
		return s.execSwitch(fr, st, "", emit)
	case *parser.LabeledStatement:
		switch l := st.Loop.(type) {
		case *parser.ForeachStatement:
			return s.execForeach(fr, l, st.Label, emit)
		case *parser.ForStatement:
			return s.execFor(fr, l, st.Label, emit)
		case *parser.WhileStatement:
			return s.execWhile(fr, l, st.Label, emit)
		case *parser.DoStatement:
			return s.execDo(fr, l, st.Label, emit)
		case *parser.SwitchStatement:
			return s.execSwitch(fr, l, st.Label, emit)
		}
		return s.execStmt(fr, st.Loop, emit)
	case *parser.TryStatement:
		return s.execTry(fr, st, emit)
	case *parser.TrapStatement:
		return nil
	case *parser.FlowStatement:
		return s.execFlow(fr, st, emit)
	case *parser.BreakStatement:
		label := st.Label
		if st.LabelExpr != nil {
			// break $name: the label is the expression's value
			v, err := s.evalUnary(fr, st.LabelExpr)
			if err != nil {
				return err
			}
			label = value.ToString(v)
		}
		return &flow{kind: st.Kind, label: strings.ToLower(label)}
	case *parser.FunctionDefinition:
		f := &Function{Name: st.Name, Body: st.Body, Params: st.Params, Filter: st.Kind == "filter", File: fr.file}
		if src := s.sourceOf(fr); src != "" && st.EndPos.Offset <= len(src) && st.Pos.Offset < st.EndPos.Offset {
			f.Source = src[st.Pos.Offset:st.EndPos.Offset]
			f.Root, f.Offset = src, st.Pos.Offset
		}
		s.defineFunc(fr.scope, f)
		return s.functionAliases(fr, f)
	case *parser.ClassDefinition:
		return s.defineClass(fr, st)
	case *parser.EnumDefinition:
		return s.defineEnum(fr, st)
	case *parser.DataStatement:
		return s.execData(fr, st, emit)
	case *parser.ConfigurationDefinition:
		return dscNotRun(st.Pos, dscName(st))
	case *parser.DynamicKeywordStatement:
		return dscNotRun(st.Pos, dscName(st))
	case *parser.UsingStatement:
		// (an alias is a parse error: UsingStatementNotSupported)
		if strings.EqualFold(st.Kind, "namespace") {
			s.useNamespace(st.Name)
		}
		return nil
	}
	return fmt.Errorf("unknown statement %T", st)
}

// functionAliases makes the aliases an [Alias()] attribute of a
// function's param block names, as defining the function does in
// PowerShell (about_Functions_Advanced, Alias attribute).
func (s *Session) functionAliases(fr frame, f *Function) error {
	if f.Body == nil || f.Body.Param == nil {
		return nil
	}
	for _, a := range f.Body.Param.Attrs {
		if attrName(a.Name) != "alias" {
			continue
		}
		for _, arg := range a.Args {
			if arg.Name != "" {
				return propertyNotFound(arg, "Alias")
			}
			v, err := s.attrArgValue(fr.file, arg)
			if err != nil {
				return err
			}
			for _, it := range value.AsSlice(v) {
				s.defineAlias(fr.scope, value.ToString(it), f.Name)
			}
		}
	}
	return nil
}

// evalCond evaluates a condition pipeline to a bool. A condition that
// runs a command leaves $? true, even when the command failed: "if (Get-Item
// x -ea SilentlyContinue) {}; $?" is never false (PowerShell's compiler sets
// it after the condition of if, while, do and for).
func (s *Session) evalCond(fr frame, p *parser.PipelineStatement) (bool, error) {
	v, err := s.evalStatementValue(fr, p)
	if err != nil {
		return false, err
	}
	if s.condRunsCommand(p) {
		s.lastOK = true
	}
	return value.ToBool(v), nil
}

// condRunsCommand reports whether a condition holds a command outside
// the script blocks written in it; the answer is kept, as a loop asks
// each time round.
func (s *Session) condRunsCommand(p *parser.PipelineStatement) bool {
	if r, ok := s.condCmds[p]; ok {
		return r
	}
	found := false
	parser.Walk(p, func(n any) bool {
		switch n.(type) {
		case *parser.Command:
			found = true
		case *parser.ScriptBlockExpr:
			return false
		}
		return !found
	})
	if s.condCmds == nil {
		s.condCmds = map[*parser.PipelineStatement]bool{}
	}
	s.condCmds[p] = found
	return found
}

// loopControl interprets an error from a loop body: it reports whether the
// loop breaks, and returns errors that go further.
func loopControl(err error, label string) (brk bool, rest error) {
	var f *flow
	if !errors.As(err, &f) {
		return false, err
	}
	if f.kind != "break" && f.kind != "continue" {
		return false, err
	}
	if f.label != "" && f.label != label {
		return false, err
	}
	return f.kind == "break", nil
}

func (s *Session) execForeach(fr frame, st *parser.ForeachStatement, label string, emit emitFn) error {
	v, err := s.evalStatementValue(fr, st.In)
	if err != nil {
		return err
	}
	var items []any
	var changed func() bool
	switch x := v.(type) {
	case nil:
		items = nil
	case *value.Array:
		items = append([]any(nil), x.Items...)
		changed = collectionChanged(x)
	case *value.Hashtable:
		items = []any{x}
	default:
		items = []any{x}
	}
	name := st.Var
	for _, it := range items {
		if err := s.checkCancel(); err != nil {
			return err
		}
		if err := s.setVar(fr.scope, name, it); err != nil {
			return runtimeError(st.Pos, err)
		}
		err := s.execList(fr, st.Body.List, emit)
		if err != nil {
			brk, rest := loopControl(err, label)
			if rest != nil {
				return rest
			}
			if brk {
				break
			}
		}
		if changed != nil && changed() {
			return collectionModified(st.Pos)
		}
	}
	return nil
}

// collectionChanged returns, for a list or the keys or values of a
// hashtable, what reports whether the collection has changed since; nil
// for an array, whose enumeration does not check.
func collectionChanged(a *value.Array) func() bool {
	switch {
	case a.Of != nil:
		h, v := a.Of, a.Of.Version()
		return func() bool { return h.Version() != v }
	case a.List || a.Kind != "":
		v := a.Version
		return func() bool { return a.Version != v }
	}
	return nil
}

// collectionModified is the error of an enumeration whose collection
// changed: .NET's enumerators refuse to go on, and PowerShell reports it
// as BadEnumeration (ParserStrings).
func collectionModified(pos parser.Pos) error {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "BadEnumeration", Category: InvalidOperation,
		Exception: "System.Management.Automation.RuntimeException",
		Msg:       "An error occurred while enumerating through a collection: Collection was modified; enumeration operation may not execute.."}}
}

func (s *Session) execFor(fr frame, st *parser.ForStatement, label string, emit emitFn) error {
	if st.Init != nil {
		if err := s.execPipelineStatement(fr, st.Init, emit); err != nil {
			return err
		}
	}
	for {
		if err := s.checkCancel(); err != nil {
			return err
		}
		if st.Cond != nil {
			ok, err := s.evalCond(fr, st.Cond)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
		}
		err := s.execList(fr, st.Body.List, emit)
		if err != nil {
			brk, rest := loopControl(err, label)
			if rest != nil {
				return rest
			}
			if brk {
				return nil
			}
		}
		if st.Iter != nil {
			if err := s.execPipelineStatement(fr, st.Iter, emit); err != nil {
				return err
			}
		}
	}
}

func (s *Session) execWhile(fr frame, st *parser.WhileStatement, label string, emit emitFn) error {
	for {
		if err := s.checkCancel(); err != nil {
			return err
		}
		ok, err := s.evalCond(fr, st.Cond)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		err = s.execList(fr, st.Body.List, emit)
		if err != nil {
			brk, rest := loopControl(err, label)
			if rest != nil {
				return rest
			}
			if brk {
				return nil
			}
		}
	}
}

func (s *Session) execDo(fr frame, st *parser.DoStatement, label string, emit emitFn) error {
	for {
		if err := s.checkCancel(); err != nil {
			return err
		}
		err := s.execList(fr, st.Body.List, emit)
		if err != nil {
			brk, rest := loopControl(err, label)
			if rest != nil {
				return rest
			}
			if brk {
				return nil
			}
		}
		ok, err := s.evalCond(fr, st.Cond)
		if err != nil {
			return err
		}
		if st.Kind == "while" && !ok || st.Kind == "until" && ok {
			return nil
		}
	}
}

func (s *Session) execSwitch(fr frame, st *parser.SwitchStatement, label string, emit emitFn) error {
	var mode string
	cs := false
	for _, f := range st.Flags {
		switch strings.ToLower(f) {
		case "regex", "r":
			mode = "regex"
		case "wildcard", "w":
			mode = "wildcard"
		case "exact", "e":
			mode = "exact"
		case "casesensitive", "c":
			cs = true
		case "file", "f":
			mode2 := mode
			_ = mode2
		default:
			return runtimeError(st.Pos, fmt.Errorf("switch -%s is not a valid switch option", f))
		}
	}
	var items []any
	if st.Value != nil {
		v, err := s.evalStatementValue(fr, st.Value)
		if err != nil {
			return err
		}
		switch x := v.(type) {
		case *value.Array:
			items = x.Items
		default:
			items = []any{x}
		}
	} else if st.File != nil {
		pathV, err := s.evalUnary(fr, st.File)
		if err != nil {
			return err
		}
		text, err := s.readFileText(value.ToString(pathV))
		if err != nil {
			return runtimeError(st.Pos, err)
		}
		for _, l := range splitLines(text) {
			items = append(items, l)
		}
	}
	sc := fr.scope
	saved, hadSaved := sc.vars["_"]
	defer func() {
		if hadSaved {
			sc.vars["_"] = saved
		} else {
			delete(sc.vars, "_")
		}
	}()
outer:
	for _, it := range items {
		sc.vars["_"] = &Variable{Name: "_", Value: it}
		matched := false
		var deflt *parser.SwitchClause
		for _, cl := range st.Clauses {
			if bw, ok := cl.Cond.Primary.(*parser.BareWord); ok && len(cl.Cond.Post) == 0 && len(cl.Cond.Prefix) == 0 && strings.EqualFold(bw.Value, "default") {
				deflt = cl
				continue
			}
			ok, err := s.switchMatch(fr, cl.Cond, it, mode, cs)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			matched = true
			switch ctl, err := switchControl(s.execList(fr, cl.Action.List, emit), label); {
			case err != nil:
				return err
			case ctl == "break":
				break outer
			case ctl == "continue":
				continue outer
			}
		}
		if !matched && deflt != nil {
			switch ctl, err := switchControl(s.execList(fr, deflt.Action.List, emit), label); {
			case err != nil:
				return err
			case ctl == "break":
				break outer
			}
		}
	}
	return nil
}

// switchControl interprets what a clause's action returned: "break" or
// "continue" for the switch itself, or an error that goes further.
func switchControl(err error, label string) (string, error) {
	var f *flow
	if errors.As(err, &f) && (f.kind == "break" || f.kind == "continue") && (f.label == "" || f.label == label) {
		return f.kind, nil
	}
	return "", err
}

// switchMatch tests one clause against an item.
func (s *Session) switchMatch(fr frame, cond *parser.Unary, item any, mode string, cs bool) (bool, error) {
	if sb, ok := cond.Primary.(*parser.ScriptBlockExpr); ok && len(cond.Post) == 0 {
		v, err := s.invokeScriptBlockValue(fr, &ScriptBlock{Body: sb.Body, File: fr.file}, item, nil, true)
		if err != nil {
			return false, err
		}
		return value.ToBool(v), nil
	}
	var pat any
	if bw, ok := cond.Primary.(*parser.BareWord); ok && len(cond.Post) == 0 {
		pat = bw.Value
	} else {
		v, err := s.evalUnary(fr, cond)
		if err != nil {
			return false, err
		}
		pat = v
	}
	switch mode {
	case "regex":
		re, err := s.compileRegex(value.ToString(pat), !cs)
		if err != nil {
			return false, runtimeError(cond.Pos, err)
		}
		ok, err := s.regexMatch(fr, re, value.ToString(item), true)
		if err != nil {
			return false, runtimeError(cond.Pos, err)
		}
		return ok, nil
	case "wildcard":
		return value.Like(value.ToString(item), value.ToString(pat), cs), nil
	}
	if _, isStr := pat.(string); isStr {
		if cs {
			return value.ToString(item) == pat, nil
		}
		return strings.EqualFold(value.ToString(item), pat.(string)), nil
	}
	return value.Equal(pat, item, cs) || value.Equal(item, pat, cs), nil
}

func (s *Session) execTry(fr frame, st *parser.TryStatement, emit emitFn) error {
	prevProp := s.propagate
	s.propagate = true
	err := s.execList(fr, st.Body.List, emit)
	s.propagate = prevProp
	if err != nil {
		var pe *psError
		if asPSError(err, &pe) {
			handled := false
			for _, c := range st.Catches {
				if len(c.Types) > 0 {
					match := false
					for _, t := range c.Types {
						if s.exceptionMatches(pe.rec, t) {
							match = true
							break
						}
					}
					if !match {
						continue
					}
				}
				handled = true
				s.recordCaught(pe)
				item := setItem(fr.scope, pe.rec)
				cfr := fr
				cfr.caught = pe.rec
				err = s.execList(cfr, c.Body.List, emit)
				item.restore()
				break
			}
			if !handled && len(st.Catches) > 0 && st.Finally == nil {
				return err
			}
		}
	}
	if st.Finally != nil {
		if ferr := s.execList(fr, st.Finally.List, emit); ferr != nil {
			return ferr
		}
	}
	return err
}

// exceptionMatches reports whether an error's exception is of type t (or
// derives from it, as far as the emulator knows the hierarchy).
func (s *Session) exceptionMatches(rec *ErrorRecord, typeName string) bool {
	t, _ := s.resolveType(typeName)
	want := strings.ToLower(t.Name)
	if want == "system.exception" || want == "system.object" {
		return true
	}
	// the inner exception counts too: catch [FormatException] catches
	// the MethodInvocationException around it
	// (ExceptionHandlingOps.FindMatchingHandler)
	if rec.Inner != "" && isKindOf(rec.Inner, t.Name) {
		return true
	}
	if isKindOf(rec.exceptionType(), t.Name) {
		return true
	}
	// a thrown object of a class that derives from an exception type
	if o, ok := rec.Thrown.(*value.Object); ok && isExceptionObject(o) {
		for _, n := range o.TypeNames {
			if isKindOf(n, t.Name) {
				return true
			}
		}
	}
	return false
}

func (s *Session) execFlow(fr frame, st *parser.FlowStatement, emit emitFn) error {
	switch st.Kind {
	case "return":
		if slot := fr.scope.retSlot; slot != nil {
			// a class method returns only this value
			if st.Value != nil {
				v, err := s.evalStatementValue(fr, st.Value)
				if err != nil {
					return err
				}
				*slot = v
			}
			return &flow{kind: "return"}
		}
		if st.Value != nil {
			if err := s.execPipelineStatement(fr, st.Value, emit); err != nil {
				return err
			}
		}
		return &flow{kind: "return"}
	case "exit":
		code := 0
		if st.Value != nil {
			v, err := s.evalStatementValue(fr, st.Value)
			if err != nil {
				return err
			}
			n, err := value.ToInt(v)
			if err != nil {
				return runtimeError(st.Pos, err)
			}
			code = n
		}
		return &flow{kind: "exit", code: code}
	case "throw":
		var v any
		if st.Value == nil && fr.caught != nil {
			// a bare throw written in a catch (or trap) block rethrows the
			// error being handled; elsewhere it throws ScriptHalted, even in
			// a function called from a catch block (TryCatch.Tests.ps1,
			// "throw; outside catch threw wrong object")
			return &psError{kind: scriptTerminating, rec: fr.caught, thrown: true}
		}
		if st.Value != nil {
			var err error
			v, err = s.evalStatementValue(fr, st.Value)
			if err != nil {
				return err
			}
		}
		return &psError{kind: scriptTerminating, rec: s.throwRecord(st.Pos, v), thrown: true}
	}
	return nil
}

// throwRecord makes the error record for throw.
func (s *Session) throwRecord(pos parser.Pos, v any) *ErrorRecord {
	switch x := v.(type) {
	case *ErrorRecord:
		c := *x
		if c.Pos.Line == 0 {
			c.Pos = pos
		}
		return &c
	case nil:
		return &ErrorRecord{Pos: pos, ID: "ScriptHalted", Category: OperationStopped, Msg: "ScriptHalted"}
	case string:
		return &ErrorRecord{Pos: pos, ID: x, Category: OperationStopped, Msg: x}
	case *value.Object:
		if isExceptionObject(x) {
			msg, _ := x.Get("Message")
			return &ErrorRecord{Pos: pos, ID: value.ToString(msg), Category: OperationStopped, Msg: value.ToString(msg), Exception: x.TypeName(), Thrown: x}
		}
	}
	msg := value.ToString(v)
	return &ErrorRecord{Pos: pos, ID: msg, Category: OperationStopped, Msg: msg, Thrown: v}
}

func isExceptionObject(o *value.Object) bool {
	for _, t := range o.TypeNames {
		if strings.HasSuffix(t, "Exception") {
			return true
		}
	}
	return false
}

// itemVars are the $_ and $PSItem that setItem made, with what they
// replaced; one allocation per pipeline object.
type itemVars struct {
	sc           *Scope
	vars         [2]Variable
	prevU, prevP *Variable
	hadU, hadP   bool
}

// setItem sets $_ and $PSItem in sc; restore puts back what they were.
func setItem(sc *Scope, v any) *itemVars {
	it := &itemVars{sc: sc, vars: [2]Variable{{Name: "_", Value: v}, {Name: "PSItem", Value: v}}}
	it.prevU, it.hadU = sc.vars["_"]
	it.prevP, it.hadP = sc.vars["psitem"]
	sc.vars["_"] = &it.vars[0]
	sc.vars["psitem"] = &it.vars[1]
	return it
}

func (it *itemVars) restore() {
	if it.hadU {
		it.sc.vars["_"] = it.prevU
	} else {
		delete(it.sc.vars, "_")
	}
	if it.hadP {
		it.sc.vars["psitem"] = it.prevP
	} else {
		delete(it.sc.vars, "psitem")
	}
}
