package cmdlets

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/fold"
	"github.com/dlclark/regexp2"
)

// Clock is the emulated clock: Start-Sleep advances it without waiting.
type Clock interface {
	Now() time.Time
	Advance(d time.Duration)
}

// FixedClock is a clock that starts at a given time and moves only when
// advanced.
type FixedClock struct{ T time.Time }

// Now returns the clock's time.
func (c *FixedClock) Now() time.Time { return c.T }

// Advance moves the clock forward.
func (c *FixedClock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// wallClock follows real time plus what Start-Sleep added.
type wallClock struct{ offset time.Duration }

func (c *wallClock) Now() time.Time          { return time.Now().Add(c.offset) }
func (c *wallClock) Advance(d time.Duration) { c.offset += d }

// Session runs PowerShell scripts: it holds the scopes, the command table
// and the streams.
type Session struct {
	// refusedByCmd indexes the refused-parameter table by lower-case
	// cmdlet name, built at the first call that checks it.
	refusedByCmd map[string][]RefusedParam
	in           *bufio.Reader
	out, errw    io.Writer
	clock        Clock
	newID        func() string
	// elevated is set when the session stands for an elevated one
	// (WithElevated).
	elevated   bool
	allowWrite bool
	width      int
	env        func(string) (string, bool)
	envSet     map[string]*string
	global     *Scope
	table      *Commands
	commands   map[string]*Cmdlet // the table's, by lower-case name
	aliases    map[string]string  // the table's
	// localAliases counts the aliases ever made in a scope below the
	// global one: while it is 0, alias lookup skips the scope walk.
	localAliases int
	extra        []*Cmdlet // registered with WithCommands
	modules      []Module
	namespaces   []string
	errs         *value.Array // $Error, newest first
	lastOK       bool
	// questionOK is what $? reads: the status of the previous statement.
	questionOK bool
	// errorsWritten counts the errors written to the error stream (and
	// statement errors reported): a pipeline during which one was written
	// failed, whatever the statements inside its functions did last.
	errorsWritten int
	// propagate is set while a try or a trap waits for the errors of the
	// statements being run (PowerShell's
	// PropagateExceptionsToEnclosingStatementBlock): they go up to it
	// instead of being reported.
	propagate bool
	// traps are the traps of the statement list being run.
	traps      []*parser.TrapStatement
	callDepth  int
	ctx        context.Context
	sink       *outputSink
	strict     bool
	classes    map[string]*classDef
	regexCache map[string]*regexp2.Regexp
	specs      map[*Cmdlet]*bindSpec // binding specs by cmdlet (see cmdletSpec)
	// sigs are the parameters of script block bodies (see signature)
	sigs map[*parser.ScriptBlockBody]*scriptSig
	// condCmds caches condRunsCommand
	condCmds map[*parser.PipelineStatement]bool
	// emptyCred is [pscredential]::Empty, made when first read.
	emptyCred *value.Object
	sources   map[string]string
	// strictVersion is Set-StrictMode's version: 2 and up also check
	// properties, 3 and up array indexes.
	strictVersion int
	// statics implements the static members of .NET types (see staticTypes).
	statics map[string]staticFunc
	// file is the script being run, for $PSScriptRoot and errors.
	file string
	interactive
	// host is what the session takes from the machine (see host.go).
	host hostAccess
	// listDepth is the nesting of statement lists being run; 1 is the
	// script's top level.
	listDepth int
	// dotnet is what the session knows of the .NET objects it made.
	dotnet dotnetState
	// streams is where the streams of the running code go (see
	// streamContext); nil is the host.
	streams *streamContext
	// history is the history of the commands run at the prompt.
	history sessionHistory
	// terminal is set when standard output is a terminal.
	terminal bool
	// mods holds the script modules loaded (see modules.go).
	mods moduleState
	// transcripts are the transcripts being recorded, the last started
	// last (see transcript.go).
	transcripts []*transcript
}

// Option configures a Session.
type Option func(*Session)

// WithIO sets standard input, output and error.
func WithIO(in io.Reader, out, errw io.Writer) Option {
	return func(s *Session) {
		if in != nil {
			s.in = bufio.NewReader(in)
		}
		s.out, s.errw = out, errw
	}
}

// WithClock sets the emulated clock.
func WithClock(c Clock) Option { return func(s *Session) { s.clock = c } }

// WithIDs sets the generator of new GUIDs.
func WithIDs(f func() string) Option { return func(s *Session) { s.newID = f } }

// WithAllowWrite lets scripts write files.
func WithAllowWrite(ok bool) Option { return func(s *Session) { s.allowWrite = ok } }

// WithElevated makes the session stand for an elevated one (Run as
// Administrator, or root): #requires -RunAsAdministrator is then met.
func WithElevated(ok bool) Option { return func(s *Session) { s.elevated = ok } }

// WithEnv sets how $env: variables are read (os.LookupEnv by default).
func WithEnv(f func(string) (string, bool)) Option { return func(s *Session) { s.env = f } }

// WithCommands registers cmdlets beside the core ones, as a caller plugs
// in a family of commands (the Teams and Skype for Business cmdlets, say).
// A core cmdlet of the same name wins.
func WithCommands(cmds ...*Cmdlet) Option {
	return func(s *Session) { s.extra = append(s.extra, cmds...) }
}

// WithModules registers the modules of the cmdlets given to
// [WithCommands].
func WithModules(mods ...Module) Option {
	return func(s *Session) { s.modules = append(s.modules, mods...) }
}

// WithWidth sets the console width used by formatting.
func WithWidth(w int) Option { return func(s *Session) { s.width = w } }

// NewSession returns a session ready to run scripts.
func NewSession(opts ...Option) *Session {
	s := &Session{
		out: io.Discard, errw: io.Discard, width: 120, env: os.LookupEnv,
		envSet: map[string]*string{}, errs: &value.Array{List: true}, lastOK: true, questionOK: true,
		classes: map[string]*classDef{}, statics: staticTypes(),
	}
	for _, o := range opts {
		o(s)
	}
	if s.in == nil {
		s.in = bufio.NewReader(strings.NewReader(""))
	}
	if s.clock == nil {
		s.clock = &wallClock{}
	}
	if s.newID == nil {
		s.newID = randomGUID
	}
	s.initHost()
	s.out, s.errw = &hostWriter{s: s, w: s.out}, &hostWriter{s: s, w: s.errw}
	s.table = NewCommands(s.modules, s.extra...)
	s.commands, s.aliases = s.table.cmds, s.table.aliases
	s.global = newScope(nil)
	s.initGlobals()
	s.sink = &outputSink{s: s}
	return s
}

func (s *Session) initGlobals() {
	g := s.global
	set := func(name string, v any) { g.vars[strings.ToLower(name)] = &Variable{Name: name, Value: v} }
	set("true", true)
	set("false", false)
	set("null", nil)
	g.vars["true"].ReadOnly = true
	g.vars["false"].ReadOnly = true
	set("ErrorActionPreference", "Continue")
	set("WarningPreference", "Continue")
	set("VerbosePreference", "SilentlyContinue")
	set("DebugPreference", "SilentlyContinue")
	set("InformationPreference", "SilentlyContinue")
	set("ProgressPreference", "Continue")
	set("ConfirmPreference", "High")
	set("WhatIfPreference", false)
	set("Error", s.errs)
	set("PSVersionTable", psVersionTable())
	set("IsWindows", false)
	set("IsLinux", true)
	set("IsMacOS", false)
	set("IsCoreCLR", true)
	home, _ := s.host.home()
	set("HOME", home)
	set("PID", *s.host.pid)
	set("LASTEXITCODE", 0)
	set("MaximumHistoryCount", 4096)
	set("NestedPromptLevel", 0)
	set("PSEdition", "Core")
	set("PSCulture", "en-US")
	set("PSUICulture", "en-US")
	set("Host", s.hostObject())
	set("PSStyle", s.psStyleObject())
	set("PSDefaultParameterValues", value.NewHashtable())
	set("FormatEnumerationLimit", 4)
	if _, err := s.host.wd(); err == nil {
		set("PWD", s.location())
	}
}

func psVersionTable() *value.Hashtable {
	h := value.NewHashtable()
	ver := value.NewObject(value.TVersion)
	ver.Set("Major", 7)
	ver.Set("Minor", 4)
	ver.Set("Patch", 6)
	ver.Set("PreReleaseLabel", nil)
	ver.Set("BuildLabel", nil)
	ver.SetToString("7.4.6")
	h.Set("PSVersion", ver)
	h.Set("PSEdition", "Core")
	h.Set("GitCommitId", "7.4.6")
	h.Set("OS", "csemu")
	h.Set("Platform", "Unix")
	h.Set("PSCompatibleVersions", value.NewArray("1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0"))
	h.Set("PSRemotingProtocolVersion", "2.3")
	h.Set("SerializationVersion", "1.1.0.1")
	h.Set("WSManStackVersion", "3.0")
	return h
}

func (s *Session) hostObject() *value.Object {
	o := value.NewObject("System.Management.Automation.Internal.Host.InternalHost")
	o.Set("Name", "csemu")
	o.Set("Version", "7.4.6")
	o.Set("CurrentCulture", s.currentCulture())
	o.Set("CurrentUICulture", s.currentCulture())
	o.Set("UI", value.NewObject("System.Management.Automation.Internal.Host.InternalHostUserInterface"))
	return o
}

// Variable is a PowerShell variable, maybe with a type constraint.
type Variable struct {
	Name  string
	Value any
	Type  *value.Type
	// ReadOnly variables cannot be assigned (the ReadOnly and Constant
	// options, and the automatic variables PowerShell protects).
	ReadOnly bool
	// Description and Options are what New-Variable and Set-Variable
	// give a variable (PSVariable.Description, PSVariable.Options): a
	// Private one is seen only in its own scope, an AllScope one is the
	// variable that code in child scopes assigns.
	Description string
	Options     scopedOpts
	// param is the parameter the variable was bound from, when it has
	// validation attributes: they check what the variable is later
	// assigned too. (A pointer keeps every variable small.)
	param *ParamDef
}

// get returns the variable's value; a $MyInvocation not built yet is
// built now.
func (v *Variable) get() any {
	if l, ok := v.Value.(*lazyInvocation); ok {
		v.Value = l.get()
	}
	return v.Value
}

// Scope holds variables and functions.
type Scope struct {
	parent *Scope
	vars   map[string]*Variable
	funcs  map[string]*Function
	// script marks the scope of a script file.
	script bool
	// retSlot receives the value of return in a class method.
	retSlot *any
	// module is the script module whose code runs in the scope (nil for
	// the top-level session state); caller is the scope of the code that
	// called into it, on the first scope of a call from another module
	// or from the top level (see modules.go).
	module *psModule
	caller *Scope
	// aliases are the aliases Set-Alias and New-Alias made in the scope
	// (see scoped_items.go); the global scope's entries keep the name,
	// description and options of session aliases, whose targets are in
	// Session.aliases.
	aliases map[string]*aliasEntry
	// scriptOf, on the scope of a class method, is the script scope that
	// $script: names in it: the one of the code that called the method.
	scriptOf *Scope
}

func newScope(parent *Scope) *Scope {
	sc := &Scope{parent: parent, vars: map[string]*Variable{}}
	if parent != nil {
		sc.module = parent.module
	}
	return sc
}

// frame is the evaluation context of running code: its scope and the
// automatic variables of the current script block.
type frame struct {
	scope *Scope
	file  string
	// caught is the error a catch or trap block being run handles: what
	// a bare throw written in it rethrows.
	caught *ErrorRecord
}

// lookupVar finds a variable by name (case-insensitive) from scope up.
func (s *Session) lookupVar(sc *Scope, name string) (*Variable, bool) {
	var buf [64]byte
	key, ok := fold.LowerBuf(&buf, name)
	if !ok {
		key = []byte(strings.ToLower(name))
	}
	for c := sc; c != nil; c = c.parent {
		if v, ok := c.vars[string(key)]; ok {
			if v.Options&optPrivate != 0 && c != sc {
				continue
			}
			v.get()
			return v, true
		}
	}
	return nil, false
}

// scriptScope returns the nearest script scope at or above sc.
func (s *Session) scriptScope(sc *Scope) *Scope {
	for c := sc; c != nil; c = c.parent {
		if c.scriptOf != nil {
			return c.scriptOf
		}
		if c.script {
			return c
		}
	}
	return s.global
}

// getVar returns the value of $name, handling scope and drive prefixes.
func (s *Session) getVar(sc *Scope, name string) (any, bool) {
	if i := strings.IndexByte(name, ':'); i > 0 {
		prefix, rest := strings.ToLower(name[:i]), name[i+1:]
		switch prefix {
		case "env":
			return s.getEnv(rest)
		case "global":
			return s.getVar(s.global, rest)
		case "script":
			return s.getVar(s.scriptScope(sc), rest)
		case "local", "private", "using":
			if v, ok := sc.vars[strings.ToLower(rest)]; ok {
				return v.get(), true
			}
			if prefix == "using" {
				return s.getVar(sc, rest)
			}
			return nil, false
		case "variable":
			return s.getVar(sc, rest)
		case "function":
			if f, ok := s.lookupFunc(sc, rest); ok {
				return s.functionScriptBlock(f), true
			}
			return nil, false
		}
		return nil, false
	}
	v, ok := s.lookupVar(sc, name)
	if !ok {
		return nil, false
	}
	return v.Value, true
}

func (s *Session) getEnv(name string) (any, bool) {
	key := strings.ToUpper(name)
	if v, ok := s.envSet[key]; ok {
		if v == nil {
			return nil, false
		}
		return *v, true
	}
	if v, ok := s.env(name); ok {
		return v, true
	}
	if key == "PSMODULEPATH" {
		// PowerShell always sets it (about_PSModulePath)
		return s.defaultModulePath(), true
	}
	return nil, false
}

// constantAutomatic reports whether an automatic variable is constant or
// read-only in every scope (PowerShell's SpecialVariables: $true, $false,
// $?, $PID, $ShellId, $Host and $ExecutionContext are Constant, $HOME and
// $PSHOME ReadOnly, all of them AllScope), so no scope can assign it.
func constantAutomatic(key string) bool {
	switch key {
	case "true", "false", "?", "pid", "home", "shellid", "pshome", "host", "executioncontext":
		return true
	}
	return false
}

// notWritable is the error of assigning a read-only or constant
// variable (SessionStateUnauthorizedAccessException, VariableNotWritable).
func notWritable(name string) error {
	return &value.RuntimeError{Type: "System.Management.Automation.SessionStateUnauthorizedAccessException", ID: "VariableNotWritable",
		Msg: fmt.Sprintf("Cannot overwrite variable %s because it is read-only or constant.", name)}
}

// setVar assigns $name = v in the right scope, applying a type constraint.
func (s *Session) setVar(sc *Scope, name string, v any) error {
	target := sc
	if i := strings.IndexByte(name, ':'); i > 0 {
		prefix, rest := strings.ToLower(name[:i]), name[i+1:]
		switch prefix {
		case "env":
			if v == nil {
				s.envSet[strings.ToUpper(rest)] = nil
			} else {
				str := value.ToString(v)
				s.envSet[strings.ToUpper(rest)] = &str
			}
			return nil
		case "global":
			target = s.global
		case "script":
			target = s.scriptScope(sc)
		case "local", "private":
		case "variable":
		default:
			return fmt.Errorf("cannot assign to %s: drive %q is not emulated", name, prefix)
		}
		name = rest
	}
	key := strings.ToLower(name)
	switch key {
	case "null":
		return nil // $null = ... discards
	case "psitem":
		// $PSItem and $_ are one variable (about_PSItem)
		key, name = "_", "_"
	}
	if constantAutomatic(key) {
		return notWritable(name)
	}
	if old, ok := target.vars[key]; ok {
		if old.ReadOnly {
			return notWritable(name)
		}
		if old.Type != nil {
			cv, err := s.convert(v, old.Type)
			if err != nil {
				return err
			}
			v = cv
		}
		if err := s.validateVariable(old, target, v); err != nil {
			return err
		}
		old.Value = v
		return nil
	}
	outer, hasOuter := s.lookupVar(target.parent, name)
	if hasOuter && outer.Options&optAllScope != 0 {
		// an AllScope variable is the one every scope below it assigns
		for x := target.parent; x != nil; x = x.parent {
			if x.vars[key] == outer {
				return s.setVar(x, name, v)
			}
		}
	}
	// a constrained variable of an outer scope keeps its type in the copy
	if hasOuter && outer.Type != nil && target != s.global {
		cv, err := s.convert(v, outer.Type)
		if err == nil {
			v = cv
		}
	}
	target.vars[key] = &Variable{Name: name, Value: v}
	return nil
}

// validateVariable checks a value assigned to a variable that has
// validation attributes (a parameter's), as PSVariable does: a value they
// refuse is InvalidValueFailure.
func (s *Session) validateVariable(v *Variable, sc *Scope, val any) error {
	if v.param == nil || len(v.param.validators) == 0 {
		return nil
	}
	vc := &valCtx{tc: s, fr: frame{scope: sc}}
	for _, check := range v.param.validators {
		if check.validate(vc, val) != nil {
			shown := "$null"
			if val != nil {
				shown = value.ToString(val)
			}
			return &psError{kind: statementTerminating, rec: &ErrorRecord{ID: "ValidateSetFailure", Category: MetadataError,
				Msg:       fmt.Sprintf("The variable cannot be validated because the value %s is not a valid value for the %s variable.", shown, v.Name),
				Exception: "System.Management.Automation.ValidationMetadataException"}}
		}
	}
	return nil
}

// setTypedVar declares $name with a type constraint in scope sc.
func (s *Session) setTypedVar(sc *Scope, name string, t *value.Type, v any) error {
	key := strings.ToLower(name)
	if i := strings.IndexByte(key, ':'); i > 0 {
		switch key[:i] {
		case "script":
			sc = s.scriptScope(sc)
		case "global":
			sc = s.global
		}
		key = key[i+1:]
		name = name[i+1:]
	}
	if old, ok := sc.vars[key]; constantAutomatic(key) || ok && old.ReadOnly {
		return notWritable(name)
	}
	cv, err := s.convert(v, t)
	if err != nil {
		return err
	}
	if t.Name == value.TObject || t.Name == value.TPSObject {
		t = nil
	}
	sc.vars[key] = &Variable{Name: name, Value: cv, Type: t}
	return nil
}

// Function is a function or filter defined by a script.
type Function struct {
	Name   string
	Body   *parser.ScriptBlockBody
	Params []*parser.Parameter // function Name(params) form
	Filter bool
	File   string
	// Source is the definition's text; Root the text of the whole file it
	// is in and Offset where it starts there (for comment-based help).
	Source string
	Root   string
	Offset int
	// module is the script module that defined the function (nil for the
	// top-level session state): the function runs in that module's scope.
	module *psModule
}

func (s *Session) lookupFunc(sc *Scope, name string) (*Function, bool) {
	var buf [64]byte
	key, ok := fold.LowerBuf(&buf, name)
	if !ok {
		key = []byte(strings.ToLower(name))
	}
	for c := sc; c != nil; c = c.parent {
		if f, ok := c.funcs[string(key)]; ok {
			return f, true
		}
	}
	return nil, false
}

func (s *Session) defineFunc(sc *Scope, f *Function) {
	if f.module == nil {
		f.module = sc.module
	}
	if sc.funcs == nil {
		sc.funcs = map[string]*Function{}
	}
	name := f.Name
	// a scope names where the function goes; another prefix is part of
	// the name (function a?b:c; Language/Parser/Parsing.Tests.ps1
	// "Question-mark and colon can be used as command names")
	if i := strings.IndexByte(name, ':'); i > 0 {
		switch strings.ToLower(name[:i]) {
		case "global":
			sc = s.global
			if sc.funcs == nil {
				sc.funcs = map[string]*Function{}
			}
			name = name[i+1:]
		case "script":
			sc = s.scriptScope(sc)
			if sc.funcs == nil {
				sc.funcs = map[string]*Function{}
			}
			name = name[i+1:]
		case "local", "private":
			name = name[i+1:]
		}
		f.Name = name
	}
	sc.funcs[strings.ToLower(name)] = f
}

// ScriptBlock is a script block value.
type ScriptBlock struct {
	Body   *parser.ScriptBlockBody
	Name   string
	File   string
	Source string
	// Text is the source text between the braces.
	Text string
	// Closure holds captured variables (GetNewClosure).
	Closure *Scope
	// bound marks a script block tied to the session state it was
	// written in (a literal, a function's body): module is that module,
	// or nil for the top level. An unbound one ([scriptblock]::Create)
	// runs where it is invoked.
	bound  bool
	module *psModule
	// ast is the block's node of the parser API, once made (parseapi.go).
	ast *langAst
}

// PSString returns the script block's text, as "$sb" does.
func (b *ScriptBlock) PSString() string { return b.Text }

// PSTypeName is the .NET type of a script block.
func (b *ScriptBlock) PSTypeName() string { return value.TScriptBlock }

// Run parses and runs a script file's text. It returns the exit code.
func (s *Session) Run(ctx context.Context, file, src string, args []any) (int, error) {
	script, req, errs := s.parseScript(file, src)
	if len(errs) > 0 {
		return 1, errs
	}
	if req != nil && file != "<stdin>" {
		s.ctx = ctx
		if err := s.verifyRequires(frame{scope: s.global, file: file}, parser.Pos{Filename: file, Line: 1, Column: 1}, req, filepath.Base(file)); err != nil {
			var pe *psError
			if asPSError(err, &pe) {
				s.printError(pe.rec)
				return 1, pe.rec
			}
			return 1, err
		}
	}
	return s.RunScript(ctx, script, args)
}

// RunScript runs a parsed script in a new script scope. Errors it reports
// itself go to the error stream; the returned error is a terminating error
// that ended the script (already printed) or nil.
func (s *Session) RunScript(ctx context.Context, script *parser.Script, args []any) (code int, err error) {
	s.ctx = ctx
	s.streams = nil
	sc := newScope(s.global)
	sc.script = true
	prevFile := s.file
	s.file = script.File
	defer func() { s.file = prevFile }()
	defer func() {
		if r := recover(); r != nil {
			s.sink.end()
			rec := &ErrorRecord{Msg: fmt.Sprintf("internal error: %v", r), ID: "InternalError", Category: NotSpecified}
			s.printError(rec)
			code, err = 1, rec
		}
	}()
	s.setScriptVars(sc, script.File)
	_, runErr := s.invokeBody(frame{scope: sc, file: script.File}, script.Body, args, nil, s.sink.write, invokeOpts{script: true, source: script.Source})
	s.sink.end()
	return s.finish(runErr)
}

// RunInGlobal runs text directly in the global scope, as the REPL and -c
// do. It returns the exit code.
func (s *Session) RunInGlobal(ctx context.Context, file, src string) (int, error) {
	script, err := s.parse(file, src)
	if err != nil {
		return 1, err
	}
	s.ctx = ctx
	s.streams = nil
	s.global.script = true
	defer func() {
		if r := recover(); r != nil {
			s.sink.end()
			s.printError(&ErrorRecord{Msg: fmt.Sprintf("internal error: %v", r), ID: "InternalError"})
		}
	}()
	_, runErr := s.invokeBody(frame{scope: s.global, file: file}, script.Body, nil, nil, s.sink.write, invokeOpts{script: true, dot: true, source: src})
	s.sink.end()
	return s.finish(runErr)
}

// LastStatus reports the status of the last statement run, what $? reads
// after it: false when it failed.
func (s *Session) LastStatus() bool { return s.lastOK }

// finish turns the error that ended a run into an exit code.
func (s *Session) finish(err error) (int, error) {
	if err == nil {
		return 0, nil
	}
	var f *flow
	if errors.As(err, &f) {
		if f.kind == "exit" {
			s.exited = true
			return f.code, nil
		}
		return 0, nil
	}
	var pe *psError
	if asPSError(err, &pe) {
		if pe.kind == statementTerminating {
			return 0, nil
		}
		s.printError(pe.rec)
		return 1, pe.rec
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(s.errw, "stopped")
		return 130, err
	}
	s.printError(&ErrorRecord{Msg: err.Error()})
	return 1, err
}

func (s *Session) setScriptVars(sc *Scope, file string) {
	root, path := "", ""
	if file != "" && file != "-" && !strings.HasPrefix(file, "<") {
		if abs, err := s.fullPath(file); err == nil {
			path = abs
			root = filepath.Dir(abs)
		}
	}
	sc.vars["psscriptroot"] = &Variable{Name: "PSScriptRoot", Value: root}
	sc.vars["pscommandpath"] = &Variable{Name: "PSCommandPath", Value: path}
}

// printError writes an error record to the error stream.
func (s *Session) printError(rec *ErrorRecord) {
	s.sink.flush()
	if s.errorView != nil {
		s.errorView(s.errw, rec)
		return
	}
	fmt.Fprintln(s.errw, rec.Error())
}

// Out returns the session's output writer.
func (s *Session) Out() io.Writer { return s.out }

// outputSink formats what reaches the end of a top-level pipeline.
type outputSink struct {
	s       *Session
	pending []any
	// stream is the Out-Default formatting in progress: the output of a
	// run is one table even when it is written out in several batches.
	stream *format.Stream
}

func (o *outputSink) write(v any) error {
	o.pending = append(o.pending, v)
	if len(o.pending) >= 4096 {
		o.flush()
	}
	return nil
}

func (o *outputSink) flush() {
	if len(o.pending) == 0 {
		return
	}
	items := o.pending
	o.pending = nil
	start := 0
	render := func(end int) {
		if end > start {
			if o.stream == nil {
				o.stream = format.NewStreamStyled(o.s.out, o.s.width, o.s.formatStyle())
			}
			if err := o.stream.Add(o.s.displayable(items[start:end])); err != nil {
				fmt.Fprintln(o.s.errw, err)
			}
		}
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if text, toErr, ok := o.s.recordText(it); ok {
			// a record redirected into the output shows as its stream does
			render(i)
			if toErr {
				fmt.Fprint(o.s.errw, text)
			} else {
				fmt.Fprint(o.s.out, text)
			}
			start = i + 1
			continue
		}
		if ft, ok := it.(*formattedText); ok {
			render(i)
			o.endStream()
			var b strings.Builder
			if err := ft.render(&b, o.s.width); err != nil {
				fmt.Fprintln(o.s.errw, err)
			}
			fmt.Fprint(o.s.out, b.String())
			start = i + 1
			continue
		}
		if isMemberDefinition(it) {
			// Get-Member output is grouped under "TypeName: ..." headers
			render(i)
			o.endStream()
			j := i
			for j < len(items) && isMemberDefinition(items[j]) {
				j++
			}
			cols := []format.Column{format.PropertyColumn("Name"), format.PropertyColumn("MemberType"), format.PropertyColumn("Definition")}
			group := func(v any) any { t, _ := v.(*value.Object).Get("TypeName"); return t }
			if err := format.Table(o.s.out, items[i:j], cols, format.TableOptions{GroupBy: group, GroupLabel: "TypeName", Width: o.s.width}); err != nil {
				fmt.Fprintln(o.s.errw, err)
			}
			i = j - 1
			start = j
		}
	}
	render(len(items))
}

// end writes out what is pending and ends the formatting, as the end of a
// run or Out-Host does.
func (o *outputSink) end() {
	o.flush()
	o.endStream()
}

func (o *outputSink) endStream() {
	if o.stream != nil {
		if err := o.stream.End(); err != nil {
			fmt.Fprintln(o.s.errw, err)
		}
		o.stream = nil
	}
}

func isMemberDefinition(v any) bool {
	o, ok := v.(*value.Object)
	return ok && o.TypeName() == "Microsoft.PowerShell.Commands.MemberDefinition"
}

// displayable turns engine values into what the formatter knows.
func (s *Session) displayable(items []any) []any {
	out := make([]any, 0, len(items))
	for _, it := range items {
		switch x := it.(type) {
		case voidValue:
			continue
		case *ErrorRecord:
			out = append(out, x.Msg)
			continue
		}
		out = append(out, it)
	}
	return out
}

func randomGUID() string {
	var b [16]byte
	// crypto/rand does not fail, and costs no file open per GUID.
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var g [36]byte
	hex.Encode(g[0:8], b[0:4])
	hex.Encode(g[9:13], b[4:6])
	hex.Encode(g[14:18], b[6:8])
	hex.Encode(g[19:23], b[8:10])
	hex.Encode(g[24:36], b[10:16])
	g[8], g[13], g[18], g[23] = '-', '-', '-', '-'
	return string(g[:])
}
