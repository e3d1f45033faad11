package cmdlets

import (
	"fmt"
	"slices"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// psCmdlet is $PSCmdlet in an advanced function: ShouldProcess and the
// Write* methods of a compiled cmdlet.
type psCmdlet struct {
	s      *Session
	fr     frame
	name   string
	pos    parser.Pos
	set    string
	bound  *value.Hashtable
	emit   emitFn
	common *commonParams
	// invocation is $MyInvocation of the function.
	invocation *lazyInvocation
	// confirmImpact is [CmdletBinding(ConfirmImpact = ...)].
	confirmImpact string
	// continueAll is 1 after Yes to All, -1 after No to All.
	continueAll int
	// wrote counts the errors WriteError wrote, for the function's $?.
	wrote *int
}

func (c *psCmdlet) PSString() string   { return c.name }
func (c *psCmdlet) PSTypeName() string { return "System.Management.Automation.PSScriptCmdlet" }

func (c *psCmdlet) member(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "parametersetname":
		if c.set == "" {
			return "__AllParameterSets", true
		}
		return c.set, true
	case "myinvocation":
		return c.invocation.get(), true
	case "commandruntime":
		return c.name, true
	}
	return nil, false
}

// whatIf reports whether -WhatIf (or $WhatIfPreference) is in force.
func (c *psCmdlet) whatIf() bool {
	return value.ToBool(c.s.prefValue(c.fr, "WhatIfPreference"))
}

func (c *psCmdlet) call(lname string, args []any) (any, error) {
	str := func(i int) string { return c.s.toString(argOr(args, i)) }
	switch lname {
	case "shouldprocess":
		return c.shouldProcess(args)
	case "shouldcontinue":
		return c.shouldContinue(args)
	case "writeobject":
		if len(args) > 1 && value.ToBool(args[1]) {
			return voidValue{}, emitValue(argOr(args, 0), c.emit)
		}
		return voidValue{}, c.emit(argOr(args, 0))
	case "writeverbose":
		return voidValue{}, c.s.writeVerbose(c.fr, c.common, str(0))
	case "writedebug":
		return voidValue{}, c.s.writeDebug(c.fr, c.common, str(0))
	case "writewarning":
		return voidValue{}, c.s.writeWarning(c.fr, c.common, str(0))
	case "writeerror":
		rec, ok := argOr(args, 0).(*ErrorRecord)
		if !ok {
			return nil, &methodErr{typ: "MethodArgumentConversion",
				msg: fmt.Sprintf("Cannot convert argument \"errorRecord\", with value: \"%s\", for \"WriteError\" to type \"System.Management.Automation.ErrorRecord\": \"Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ErrorRecord\".\"",
					c.s.toString(argOr(args, 0)), c.s.toString(argOr(args, 0)), value.TypeName(argOr(args, 0)))}
		}
		if c.wrote != nil {
			*c.wrote++
		}
		return voidValue{}, c.s.writeError(c.fr, c.record(rec), c.common)
	case "throwterminatingerror":
		// a terminating error of the function's statement: the caller's
		// next statement runs, unlike after throw
		rec, ok := argOr(args, 0).(*ErrorRecord)
		if !ok {
			return nil, &methodErr{typ: "MethodArgumentConversion",
				msg: fmt.Sprintf("Cannot convert argument \"errorRecord\", with value: \"%s\", for \"ThrowTerminatingError\" to type \"System.Management.Automation.ErrorRecord\": \"Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ErrorRecord\".\"",
					c.s.toString(argOr(args, 0)), c.s.toString(argOr(args, 0)), value.TypeName(argOr(args, 0)))}
		}
		return nil, &psError{kind: commandTerminating, rec: c.record(rec)}
	case "writeinformation":
		data := argOr(args, 0)
		var tags []string
		for _, t := range value.AsSlice(argOr(args, 1)) {
			tags = append(tags, c.s.toString(t))
		}
		rec := &streamRecord{stream: streamInformation, data: data, tags: tags, source: c.name, time: c.s.clock.Now(), command: c.name, pos: c.pos}
		return voidValue{}, c.s.writeInformation(c.fr, c.common, rec, c.s.toString(data)+"\n")
	case "writeprogress":
		activity := ""
		if o, ok := argOr(args, 0).(*value.Object); ok {
			a, _ := o.Get("Activity")
			activity = c.s.toString(a)
		}
		return voidValue{}, c.s.writeProgress(c.fr, c.common, activity)
	}
	return nil, notFoundMethod(c, lname)
}

// shouldProcess is ShouldProcess(target), (target, action),
// (description, warning, caption) and (description, warning, caption,
// [ref]reason), as PowerShell's command runtime does it: with -WhatIf it
// shows "What if: ..." and returns false; it asks for confirmation when
// the function's ConfirmImpact reaches $ConfirmPreference (-Confirm makes
// that Low, -Confirm:$false None); otherwise it returns true (saying what
// it does with -Verbose). Yes to All and No to All hold for the rest of
// the call.
func (c *psCmdlet) shouldProcess(args []any) (any, error) {
	str := func(i int) string { return c.s.toString(argOr(args, i)) }
	var desc, warning, caption string
	switch len(args) {
	case 1, 2:
		action := c.name
		if len(args) == 2 {
			action = str(1)
		}
		desc = fmt.Sprintf("Performing the operation \"%s\" on target \"%s\".", action, str(0))
	case 3, 4:
		desc, warning, caption = str(0), str(1), str(2)
	default:
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"ShouldProcess\" and the argument count: \"%d\".", len(args))}
	}
	reason := func(r string) error {
		if len(args) < 4 {
			return nil
		}
		ref, ok := args[3].(*refValue)
		if !ok {
			return &methodErr{typ: "NonRefArgument", msg: "Argument: '4' should be a System.Management.Automation.PSReference. Use [ref]."}
		}
		return ref.set(r)
	}
	switch c.continueAll {
	case 1:
		return true, reason("None")
	case -1:
		return false, reason("None")
	}
	if c.whatIf() {
		c.s.hostWrite("What if: " + desc + "\n")
		return false, reason("WhatIf")
	}
	if c.autoConfirm() {
		if err := c.s.writeVerbose(c.fr, c.common, desc); err != nil {
			return nil, err
		}
		return true, reason("None")
	}
	if warning == "" {
		warning = "Are you sure you want to perform this action?\n" + desc
	}
	answer, err := c.inquire(warning, caption, true)
	if err != nil {
		return nil, err
	}
	switch answer {
	case "A":
		c.continueAll = 1
	case "L":
		c.continueAll = -1
	}
	return answer == "Y" || answer == "A", reason("None")
}

// shouldContinue is ShouldContinue(query, caption) and (query, caption,
// [ref]yesToAll, [ref]noToAll) (with hasSecurityImpact before the refs
// in a five-argument form): it always asks, unless a ref says Yes or No
// to All already.
func (c *psCmdlet) shouldContinue(args []any) (any, error) {
	query, caption := c.s.toString(argOr(args, 0)), c.s.toString(argOr(args, 1))
	var yes, no *refValue
	switch len(args) {
	case 2:
	case 4, 5:
		var ok1, ok2 bool
		yes, ok1 = args[len(args)-2].(*refValue)
		no, ok2 = args[len(args)-1].(*refValue)
		if !ok1 || !ok2 {
			n := len(args) - 1
			if !ok1 {
				n--
			}
			return nil, &methodErr{typ: "NonRefArgument", msg: fmt.Sprintf("Argument: '%d' should be a System.Management.Automation.PSReference. Use [ref].", n+1)}
		}
		if value.ToBool(no.get()) {
			return false, nil
		}
		if value.ToBool(yes.get()) {
			return true, nil
		}
	default:
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"ShouldContinue\" and the argument count: \"%d\".", len(args))}
	}
	if query == "" {
		query = "Continue with this operation?"
	}
	answer, err := c.inquire(query, caption, yes != nil)
	if err != nil {
		return nil, err
	}
	switch {
	case answer == "A" && yes != nil:
		if err := yes.set(true); err != nil {
			return nil, err
		}
	case answer == "L" && no != nil:
		if err := no.set(true); err != nil {
			return nil, err
		}
	}
	return answer == "Y" || answer == "A", nil
}

// confirmImpacts are the values of ConfirmImpact, lowest first.
func confirmImpacts() []string { return []string{"None", "Low", "Medium", "High"} }

// autoConfirm reports whether ShouldProcess goes ahead without asking:
// $ConfirmPreference (Low with -Confirm, None with -Confirm:$false) is
// None or above the function's ConfirmImpact.
func (c *psCmdlet) autoConfirm() bool {
	pref, ok := confirmImpactName(c.s.prefValue(c.fr, "ConfirmPreference"))
	if !ok {
		pref = "High"
	}
	impact := c.confirmImpact
	if impact == "" {
		impact = "Medium"
	}
	return pref == "None" || slices.Index(confirmImpacts(), pref) > slices.Index(confirmImpacts(), impact)
}

// inquire asks the user to confirm, as the console host's PromptForChoice
// does for the command runtime: Yes, (Yes to All,) No, (No to All,)
// Suspend, with Yes the default. It returns the hot key chosen. Without a
// console the host cannot ask, and -NonInteractive refuses to.
func (c *psCmdlet) inquire(message, caption string, toAll bool) (string, error) {
	if caption == "" {
		caption = "Confirm"
	}
	choices := []choice{{"Y", "Yes", "Continue with only the next step of the operation."}}
	if toAll {
		choices = append(choices, choice{"A", "Yes to All", "Continue with all the steps of the operation."})
	}
	choices = append(choices, choice{"N", "No", "Skip this operation and proceed with the next operation."})
	if toAll {
		choices = append(choices, choice{"L", "No to All", "Skip this operation and all subsequent operations."})
	}
	choices = append(choices, choice{"S", "Suspend", "Pause the current pipeline and return to the command prompt. Type \"exit\" to resume the pipeline."})
	switch c.s.host.mode {
	case hostNonInteractive:
		return "", &methodErr{typ: "System.Management.Automation.PSInvalidOperationException", msg: msgNonInteractive}
	case hostNoConsole:
		return "", &methodErr{typ: "System.Management.Automation.Host.HostException",
			msg: "A command that prompts the user failed because the host program or the command type does not support user interaction. The host was attempting to request confirmation with the following message: " + message}
	}
	i, err := c.s.promptChoice(caption, message, choices, 0)
	if err != nil {
		return "", err
	}
	if choices[i].key == "S" {
		return "", notImplemented(c.pos, "", "Suspend at a confirmation prompt (a nested prompt)")
	}
	return choices[i].key, nil
}

// record is the error record WriteError and ThrowTerminatingError write:
// the one given, made the function's, at the call.
func (c *psCmdlet) record(r *ErrorRecord) *ErrorRecord {
	cp := *r
	if cp.Command == "" {
		cp.Command = c.name
	}
	if cp.Pos.Line == 0 {
		cp.Pos = c.pos
	}
	return &cp
}
