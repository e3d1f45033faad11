package cmdlets

import (
	"fmt"
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
		mi := value.NewObject("System.Management.Automation.InvocationInfo")
		cmd := value.NewObject("System.Management.Automation.FunctionInfo")
		cmd.Set("Name", c.name)
		cmd.Set("ToStringValue", c.name)
		mi.Set("MyCommand", cmd)
		mi.Set("BoundParameters", c.bound)
		mi.Set("InvocationName", c.name)
		mi.Set("ScriptLineNumber", c.pos.Line)
		return mi, true
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
		if c.whatIf() {
			target, action := str(0), c.name
			if len(args) > 1 {
				action = str(1)
			}
			if len(args) > 2 {
				c.s.hostWrite("What if: " + str(0) + "\n")
				return false, nil
			}
			c.s.hostWrite(fmt.Sprintf("What if: Performing the operation \"%s\" on target \"%s\".\n", action, target))
			return false, nil
		}
		return true, nil
	case "shouldcontinue":
		return true, nil
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
		rec := c.record(argOr(args, 0))
		return voidValue{}, c.s.writeError(c.fr, rec, c.common)
	case "throwterminatingerror":
		rec := c.record(argOr(args, 0))
		return nil, &psError{kind: scriptTerminating, rec: rec}
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

// record turns an argument into an error record for WriteError.
func (c *psCmdlet) record(v any) *ErrorRecord {
	if r, ok := v.(*ErrorRecord); ok {
		cp := *r
		if cp.Command == "" {
			cp.Command = c.name
		}
		return &cp
	}
	return &ErrorRecord{Pos: c.pos, Command: c.name, ID: "ScriptError", Category: NotSpecified, Msg: c.s.toString(v)}
}
