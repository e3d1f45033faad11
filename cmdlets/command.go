package cmdlets

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/fold"
)

// ParamDef describes one parameter of a cmdlet or function.
type ParamDef struct {
	Name      string
	Type      string // a type literal's text: "string", "int", "switch", "string[]", "object"...
	Aliases   []string
	Position  int // -1 when not positional
	Mandatory bool
	// Sets lists the parameter sets the parameter belongs to; empty means all.
	Sets []string
	// Mandatory in these sets only (when Mandatory is set and this is not empty).
	MandatoryIn []string
	Pipeline    bool // ValueFromPipeline
	// Remaining takes every positional argument from its position on.
	Remaining bool
	ByName    bool     // ValueFromPipelineByPropertyName
	Values    []string // ValidateSet
	// Enum names the .NET enum type whose names Values are; a wrong value
	// then fails with the engine's enum conversion error.
	Enum string
	// Documented lists the values the service documents for a string
	// setting; the cmdlet checks them (see checkDocumented), accepting also
	// the values in Accepted that other sources list.
	Documented []string
	Accepted   []string
	// DotNet is the .NET type name that engine messages show, when it is
	// not the one Type implies.
	DotNet         string
	NotNullOrEmpty bool
	NotNull        bool
	// AllowNull, AllowEmptyString and AllowEmptyCollection let a
	// mandatory parameter take $null, "" (a string parameter) and an
	// empty collection (a collection parameter), each only its own case,
	// as [AllowNull()], [AllowEmptyString()] and [AllowEmptyCollection()].
	AllowNull            bool
	AllowEmptyString     bool
	AllowEmptyCollection bool
	// PSTypeName is [PSTypeName('Name')]: each value must have the type
	// name among its PSTypeNames.
	PSTypeName string
	// validators are a script parameter's validation attributes, run in
	// their declaration order on the converted value.
	validators []validator
	// credential is [System.Management.Automation.Credential()]: a user
	// name (or $null for a mandatory parameter) becomes a credential, as
	// Get-Credential makes it.
	credential bool
	Default    func(c *Call) any
	// RangeMin and RangeMax validate numbers when HasRange is set.
	HasRange           bool
	RangeMin, RangeMax float64
	// Help is a one-line description for Get-Help and completion.
	Help string
	// Check checks a value of the parameter p against what the service
	// accepts beyond its type (the documented values of a setting) and
	// returns it in its canonical spelling. The cmdlet calls it when it
	// runs; lint calls it on literal values. Nil when any value of the
	// type goes.
	Check func(p *ParamDef, v any) (any, error)
	// Complete offers values for the parameter at the prompt (policy
	// identities, users of the directory), in a new slice: the session
	// keeps, in place, those that start with what is typed and quotes
	// them. Nil when the parameter offers nothing beyond its allowed
	// values.
	Complete func(r CompletionRequest) []string
}

// CompletionRequest is what a parameter's Complete hook is asked.
type CompletionRequest struct {
	// Typed is the value typed so far, without its quotes.
	Typed string
	// Arg returns the value typed on the same line for another parameter
	// of the command, or "".
	Arg func(name string) string
}

// IsSwitch reports whether the parameter is a switch.
func (p *ParamDef) IsSwitch() bool { return strings.EqualFold(p.Type, "switch") }

// Cmdlet is a command implemented in Go.
type Cmdlet struct {
	Name     string
	Module   string
	Synopsis string
	// Description is the long description Get-Help shows.
	Description string
	// Doc is the Microsoft documentation page the emulation follows.
	Doc    string
	Params []*ParamDef
	// DefaultSet names the default parameter set.
	DefaultSet string
	// ShouldProcess adds -WhatIf and -Confirm.
	ShouldProcess bool
	// Begin runs once before input, Process once per input object (once
	// with no input when nothing is piped), End once after input.
	Begin   func(c *Call) error
	Process func(c *Call) error
	End     func(c *Call) error
	// NotImplemented marks a real cmdlet the emulator does not model.
	NotImplemented bool
	// Refused lists parameters of a modelled cmdlet that the emulation
	// does not model: a call that gives one stops with [NotImplemented]
	// before the cmdlet runs, and lint reports it (CSE1104).
	Refused []RefusedParam
	// Writes marks a cmdlet that writes files (skipped without --allow-write).
	Writes bool
	// Examples for Get-Help.
	Examples []string
	// Describe supplies the synopsis and the examples of a cmdlet that
	// has none of its own, when help asks for them: the family that
	// registers the cmdlet sets it, to make them from what it knows.
	Describe func(c *Cmdlet) (synopsis string, examples []string)
	// Qualified marks a cmdlet that is run by its module-qualified name
	// alone (Module\Name), as the Skype for Business Server variant of a
	// noun that a Teams cmdlet also has.
	Qualified bool
	// Class is the .NET class of a compiled cmdlet, which the
	// FullyQualifiedErrorId of its errors names
	// (Microsoft.PowerShell.Commands.TestPathCommand); "" names the
	// cmdlet by its name.
	Class string
}

// Param returns the definition of parameter name (canonical,
// case-insensitive), or nil.
func (c *Cmdlet) Param(name string) *ParamDef { return c.param(name) }

// param returns the definition of parameter name (canonical, case-insensitive).
func (c *Cmdlet) param(name string) *ParamDef {
	for _, p := range c.Params {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// Call is one invocation of a Go cmdlet: its bound arguments, input and
// streams.
type Call struct {
	s        *Session
	fr       frame
	cmd      *Cmdlet
	Pos      parser.Pos
	Name     string // as invoked
	bound    map[string]any
	Input    any
	HasInput bool
	emit     emitFn
	common   commonParams
	// State holds what a cmdlet keeps between Begin, Process and End.
	State any
	// stopErr is the error of a warning or verbose message written with
	// the action Stop, which the stage returns when the cmdlet's block
	// ends.
	stopErr error
	// confirmAll is 1 after Yes to All at a confirmation prompt, -1
	// after No to All, for the rest of the call.
	confirmAll int
}

// Has reports whether parameter name was given.
func (c *Call) Has(name string) bool {
	_, ok := fold.Lookup(c.bound, name)
	return ok
}

// Lookup returns the value of parameter name and whether it was given.
func (c *Call) Lookup(name string) (any, bool) { return fold.Lookup(c.bound, name) }

// SetArg replaces the value bound to parameter name, as a cmdlet that
// normalizes a value before a shared body reads it does.
func (c *Call) SetArg(name string, v any) { c.bound[strings.ToLower(name)] = v }

// Arg returns the value of parameter name, or nil.
func (c *Call) Arg(name string) any { v, _ := fold.Lookup(c.bound, name); return v }

// String returns a string parameter ("" when missing).
func (c *Call) String(name string) string {
	v, ok := fold.Lookup(c.bound, name)
	if !ok || v == nil {
		return ""
	}
	return value.ToString(v)
}

// Bool returns a bool or switch parameter.
func (c *Call) Bool(name string) bool { v, _ := fold.Lookup(c.bound, name); return value.ToBool(v) }

// Int returns an int parameter, or def when missing.
func (c *Call) Int(name string, def int) int {
	v, ok := fold.Lookup(c.bound, name)
	if !ok || v == nil {
		return def
	}
	n, err := value.ToInt(v)
	if err != nil {
		return def
	}
	return n
}

// Strings returns a string[] parameter.
func (c *Call) Strings(name string) []string {
	v, ok := fold.Lookup(c.bound, name)
	if !ok || v == nil {
		return nil
	}
	items := value.AsSlice(v)
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = value.ToString(it)
	}
	return out
}

// Bound returns the bound parameters (lower-case names) in no order.
func (c *Call) Bound() map[string]any { return c.bound }

// Write sends an object down the pipeline.
func (c *Call) Write(v any) error { return c.emit(v) }

// WriteAll sends each item down the pipeline.
func (c *Call) WriteAll(items []any) error {
	for _, it := range items {
		if err := c.Write(it); err != nil {
			return err
		}
	}
	return nil
}

// StopUpstream returns the error that stops the commands before this one
// in the pipeline, as Select-Object -First does once it has its objects:
// they run no further, and this command and those after it end normally.
func (c *Call) StopUpstream() error { return &stopUpstream{call: c} }

// stopUpstream is the error of Call.StopUpstream, on its way to the
// pipeline of the call.
type stopUpstream struct{ call *Call }

func (e *stopUpstream) Error() string { return "the pipeline was stopped by " + e.call.cmd.Name }

// Command returns the cmdlet being run.
func (c *Call) Command() *Cmdlet { return c.cmd }

// Now returns the time on the session's emulated clock.
func (c *Call) Now() time.Time { return c.s.clock.Now() }

// NewID returns a new GUID from the session's generator.
func (c *Call) NewID() string { return c.s.newID() }

// Stderr returns the error stream writer.
func (c *Call) Stderr() io.Writer { return c.s.errw }

// Errorf writes a non-terminating error for the call (or stops, per
// -ErrorAction).
func (c *Call) Errorf(id string, cat Category, target, format string, args ...any) error {
	return c.WriteError(&ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: id, Category: cat, Target: target, Msg: fmt.Sprintf(format, args...)})
}

// WriteError writes a non-terminating error record.
func (c *Call) WriteError(rec *ErrorRecord) error {
	if rec.Pos.Line == 0 {
		rec.Pos = c.Pos
	}
	if rec.Command == "" {
		rec.Command = c.cmd.Name
	}
	if rec.Command == c.cmd.Name && !rec.originSet && c.cmd.Class != "" {
		rec.setOrigin(c.cmd.Class)
	}
	return c.s.writeError(c.fr, rec, &c.common)
}

// FailBinding returns the parameter-binding error of a value that a
// parameter cannot take, as the engine reports it for the call.
func (c *Call) FailBinding(id, format string, args ...any) error {
	return bindError(BindValueInvalid, c.Pos, c.cmd.Name, id, InvalidArgument, format, args...)
}

// Abort returns an error that stops the script, as a throw does: for a
// failure that no later command could get past either (a tenant that
// cannot be opened).
func (c *Call) Abort(id string, cat Category, format string, args ...any) error {
	return &psError{kind: scriptTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: id, Category: cat, Msg: fmt.Sprintf(format, args...)}}
}

// Fail returns a terminating error for the call (statement-terminating,
// like ThrowTerminatingError).
func (c *Call) Fail(id string, cat Category, format string, args ...any) error {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: id, Category: cat, Msg: fmt.Sprintf(format, args...)}}
}

// Verbose writes to the verbose stream when it is shown.
func (c *Call) Verbose(format string, args ...any) {
	if c.s.informationalWanted(c.fr, &c.common, streamVerbose) {
		c.keepStop(c.s.writeVerbose(c.fr, &c.common, fmt.Sprintf(format, args...)))
	}
}

// Warning writes to the warning stream.
func (c *Call) Warning(format string, args ...any) {
	if c.s.informationalWanted(c.fr, &c.common, streamWarning) {
		c.keepStop(c.s.writeWarning(c.fr, &c.common, fmt.Sprintf(format, args...)))
	}
}

// keepStop keeps the first error of a stream written with the action
// Stop, for the stage to return when the cmdlet's block ends.
func (c *Call) keepStop(err error) {
	if err != nil && c.stopErr == nil {
		c.stopErr = err
	}
}

// ShouldProcess reports whether a change may go ahead: with -WhatIf it
// prints what would happen and returns false; with -Confirm (or a
// $ConfirmPreference at or below the cmdlet's Medium impact) it asks as
// the console host does, Yes to All and No to All holding for the rest of
// the call. A host that cannot ask stops the call with its error, kept
// for the end of the cmdlet's block, and the change does not go ahead.
func (c *Call) ShouldProcess(target, action string) bool {
	desc := func() string { return fmt.Sprintf("Performing the operation \"%s\" on target \"%s\".", action, target) }
	if c.whatIf() {
		c.s.sink.flush()
		fmt.Fprintf(c.s.out, "What if: %s\n", desc())
		return false
	}
	switch c.confirmAll {
	case 1:
		return true
	case -1:
		return false
	}
	pref := "High"
	if v, ok := c.Lookup("Confirm"); ok {
		// -Confirm is $ConfirmPreference Low, -Confirm:$false None
		// (about_CommonParameters)
		pref = "None"
		if value.ToBool(v) {
			pref = "Low"
		}
	} else if v := c.s.prefValue(c.fr, "ConfirmPreference"); v != nil && v != "High" {
		if p, ok := confirmImpactName(v); ok {
			pref = p
		}
	}
	// a compiled cmdlet's ConfirmImpact is Medium unless it says
	// otherwise (CmdletAttribute.ConfirmImpact)
	if pref == "None" || slices.Index(confirmImpacts(), pref) > slices.Index(confirmImpacts(), "Medium") {
		return true
	}
	pc := &psCmdlet{s: c.s, fr: c.fr, name: c.cmd.Name, pos: c.Pos, common: &c.common}
	answer, err := pc.inquire("Are you sure you want to perform this action?\n"+desc(), "Confirm", true)
	if err != nil {
		if me, ok := err.(*methodErr); ok {
			err = &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ShouldProcessPromptFailed",
				Category: InvalidOperation, Exception: me.typ, Msg: me.msg}}
		}
		c.keepStop(err)
		return false
	}
	switch answer {
	case "A":
		c.confirmAll = 1
	case "L":
		c.confirmAll = -1
	}
	return answer == "Y" || answer == "A"
}

// WhatIfDetail shows, under a "What if:" line, one change the call would
// make.
func (c *Call) WhatIfDetail(line string) {
	fmt.Fprintf(c.s.out, "What if:     %s\n", line)
}

// WhatIf reports whether the call only shows what it would do (-WhatIf,
// or $WhatIfPreference).
func (c *Call) WhatIf() bool { return c.whatIf() }

// whatIf reports whether the call only shows what it would do.
func (c *Call) whatIf() bool {
	return c.Bool("WhatIf") || (!c.Has("WhatIf") && value.ToBool(c.s.prefValue(c.fr, "WhatIfPreference")))
}

// commonParams holds the common parameters of one call.
type commonParams struct {
	errorAction    string
	warningAction  string
	infoAction     string
	progressAction string
	verbose        *bool
	debug          *bool
	errorVar       string
	warningVar     string
	infoVar        string
	outVar         string
	pipelineVar    string
	outBuffer      int
}

// prefValue reads a preference variable from the current scope chain.
func (s *Session) prefValue(fr frame, name string) any {
	v, _ := s.getVar(fr.scope, name)
	return v
}

var commonParamDefs = []*ParamDef{
	{Name: "Verbose", Type: "switch", Aliases: []string{"vb"}, Position: -1},
	{Name: "Debug", Type: "switch", Aliases: []string{"db"}, Position: -1},
	{Name: "ErrorAction", Type: "ActionPreference", Aliases: []string{"ea"}, Position: -1},
	{Name: "WarningAction", Type: "ActionPreference", Aliases: []string{"wa"}, Position: -1},
	{Name: "InformationAction", Type: "ActionPreference", Aliases: []string{"infa"}, Position: -1},
	{Name: "ProgressAction", Type: "ActionPreference", Aliases: []string{"proga"}, Position: -1},
	{Name: "ErrorVariable", Type: "string", Aliases: []string{"ev"}, Position: -1},
	{Name: "WarningVariable", Type: "string", Aliases: []string{"wv"}, Position: -1},
	{Name: "InformationVariable", Type: "string", Aliases: []string{"iv"}, Position: -1},
	{Name: "OutVariable", Type: "string", Aliases: []string{"ov"}, Position: -1},
	{Name: "OutBuffer", Type: "int", Aliases: []string{"ob"}, Position: -1},
	{Name: "PipelineVariable", Type: "string", Aliases: []string{"pv"}, Position: -1},
}

var shouldProcessDefs = []*ParamDef{
	{Name: "WhatIf", Type: "switch", Aliases: []string{"wi"}, Position: -1},
	{Name: "Confirm", Type: "switch", Aliases: []string{"cf"}, Position: -1},
}

// isCommonParam reports whether name is a common parameter.
func isCommonParam(name string) bool {
	for _, p := range commonParamDefs {
		if strings.EqualFold(p.Name, name) {
			return true
		}
	}
	return false
}
