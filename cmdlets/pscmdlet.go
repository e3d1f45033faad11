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
	// invocation is $MyInvocation of the function.
	invocation *value.Object
	// shouldProcess and confirmImpact are what [CmdletBinding()] says.
	shouldProcess bool
	confirmImpact string
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
		return c.invocation, true
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
		if c.common.pref(c.s, c.fr, "Verbose") {
			c.s.sink.flush()
			fmt.Fprintf(c.s.errw, "VERBOSE: %s\n", str(0))
		}
		return voidValue{}, nil
	case "writedebug":
		if c.common.pref(c.s, c.fr, "Debug") {
			c.s.sink.flush()
			fmt.Fprintf(c.s.errw, "DEBUG: %s\n", str(0))
		}
		return voidValue{}, nil
	case "writewarning":
		return voidValue{}, c.s.writeWarning(c.fr, c.common, str(0))
	case "writeerror":
		rec, ok := argOr(args, 0).(*ErrorRecord)
		if !ok {
			return nil, &methodErr{typ: "MethodArgumentConversion",
				msg: fmt.Sprintf("Cannot convert argument \"errorRecord\", with value: \"%s\", for \"WriteError\" to type \"System.Management.Automation.ErrorRecord\": \"Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ErrorRecord\".\"",
					c.s.toString(argOr(args, 0)), c.s.toString(argOr(args, 0)), value.TypeName(argOr(args, 0)))}
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
	case "writeinformation", "writeprogress":
		return voidValue{}, nil
	}
	return nil, notFoundMethod(c, lname)
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
