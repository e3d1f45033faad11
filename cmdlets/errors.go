package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// Category is a PowerShell error category.
type Category string

// Error categories used by the emulator.
const (
	NotSpecified      Category = "NotSpecified"
	InvalidArgument   Category = "InvalidArgument"
	InvalidOperation  Category = "InvalidOperation"
	ObjectNotFound    Category = "ObjectNotFound"
	ResourceExists    Category = "ResourceExists"
	NotImplemented    Category = "NotImplemented"
	InvalidData       Category = "InvalidData"
	ParserError       Category = "ParserError"
	PermissionDenied  Category = "PermissionDenied"
	OperationStopped  Category = "OperationStopped"
	InvalidType       Category = "InvalidType"
	ReadError         Category = "ReadError"
	WriteError        Category = "WriteError"
	SecurityError     Category = "SecurityError"
	LimitsExceeded    Category = "LimitsExceeded"
	MetadataError     Category = "MetadataError"
	ObjectNotFoundErr Category = "ObjectNotFound"
	// ResourceUnavailable: missing help, a tenant file that cannot be used.
	ResourceUnavailable Category = "ResourceUnavailable"
)

// ErrorRecord is a PowerShell error: what failed, where, and why.
type ErrorRecord struct {
	Pos      parser.Pos
	Command  string // "Grant-CsTeamsMeetingPolicy"; "" for a script error
	ID       string // "PolicyNotFound"
	Category Category
	Target   string
	Msg      string
	// Exception is the .NET exception type name ("System.Management.Automation.RuntimeException").
	Exception string
	// Inner and InnerMsg are the type and message of the exception's
	// InnerException, when it has one: the .NET exception a method threw
	// (in a MethodInvocationException) or an operator raised (in a
	// RuntimeException).
	Inner, InnerMsg string
	// Thrown is the object given to throw, when it was not a string.
	Thrown any
	// Exc is the error's exception object when the error made one with
	// more to it than a message (a ParseException with its Errors).
	Exc *value.Object
	Err error
	// Line is the source line, for the REPL's caret display.
	Line string
	// exc is the record's .Exception once made (see exceptionObject).
	exc *value.Object
	// invocation, when set, is the record's InvocationInfo: Write-Error
	// gives its record the $MyInvocation of the function or script that
	// called it.
	invocation *value.Object
	// targetObj is the TargetObject given to [ErrorRecord]::new.
	targetObj any
	// origin, when originSet, is what FullyQualifiedErrorId names after
	// the id instead of Command: the .NET class of the compiled cmdlet
	// that made the record (Microsoft.PowerShell.Commands.TestPathCommand),
	// or for Write-Error the function or script that called it ("" at
	// the top level).
	origin    string
	originSet bool
	// streamed marks the copy of an error that went down the error
	// stream into a redirection (2>&1): the host shows it as an error.
	streamed bool
}

// setOrigin sets what FullyQualifiedErrorId names after the id.
func (e *ErrorRecord) setOrigin(o string) { e.origin, e.originSet = o, true }

func (e *ErrorRecord) Error() string {
	var b strings.Builder
	if e.Pos.Line > 0 {
		if e.Pos.Filename != "" {
			fmt.Fprintf(&b, "%s:", e.Pos.Filename)
		}
		fmt.Fprintf(&b, "%d:%d: ", e.Pos.Line, e.Pos.Column)
	}
	if e.Command != "" {
		b.WriteString(e.Command)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ErrorRecord) Unwrap() error { return e.Err }

// FullyQualifiedID is ID,Command as PowerShell prints it: a compiled
// cmdlet is named by its .NET class, a function by its name.
func (e *ErrorRecord) FullyQualifiedID() string {
	name := e.Command
	if e.originSet {
		name = e.origin
	}
	if name == "" {
		return e.ID
	}
	return e.ID + "," + name
}

// stampClass names a cmdlet's .NET class in the records of its errors.
func stampClass(err error, cmd *Cmdlet) error {
	var pe *psError
	if cmd.Class != "" && asPSError(err, &pe) && !pe.rec.originSet && pe.rec.Command == cmd.Name {
		pe.rec.setOrigin(cmd.Class)
	}
	return err
}

// PSString is how "$_" prints an error record: its message.
func (e *ErrorRecord) PSString() string { return e.Msg }

// PSTypeName is the .NET type of an error record.
func (e *ErrorRecord) PSTypeName() string { return value.TErrorRecord }

// exceptionType returns the exception type name of the record.
func (e *ErrorRecord) exceptionType() string {
	if e.Exception != "" {
		return e.Exception
	}
	return "System.Management.Automation.RuntimeException"
}

// How far an error reaches.
type errorKind uint8

const (
	// statementTerminating stops the statement; the script goes on unless a
	// try or trap is active.
	statementTerminating errorKind = iota
	// scriptTerminating (throw, -ErrorAction Stop) unwinds to a catch or
	// ends the script.
	scriptTerminating
	// commandTerminating ($PSCmdlet.ThrowTerminatingError) ends the
	// function that raised it; the caller gets it as a
	// statement-terminating error.
	commandTerminating
)

// psError carries a terminating error up the Go call stack.
type psError struct {
	rec  *ErrorRecord
	kind errorKind
	// problem is set on a binding error: what is wrong with the arguments.
	problem BindProblemKind
	// listed is set once the error is in the -ErrorVariable lists of the
	// commands it came out of.
	listed bool
	// thrown is set on the error of a throw statement, which
	// $ErrorActionPreference SilentlyContinue or Ignore suppresses.
	thrown bool
}

func (e *psError) Error() string { return e.rec.Error() }
func (e *psError) Unwrap() error { return e.rec }

// flow is break, continue, return or exit, carried as an error.
type flow struct {
	kind  string // "break", "continue", "return", "exit"
	label string
	code  int
}

func (f *flow) Error() string {
	if f.kind == "exit" {
		return fmt.Sprintf("exit %d", f.code)
	}
	return f.kind + " outside of a loop"
}

// notImplemented makes the error for something csemu does not emulate.
func notImplemented(pos parser.Pos, command, what string) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{
		Pos: pos, Command: command, ID: "NotImplemented", Category: NotImplemented,
		Msg: "[NotImplemented] " + what + " is not emulated", Exception: "System.NotImplementedException",
	}}
}

// runtimeError makes a statement-terminating error from a Go error.
func runtimeError(pos parser.Pos, err error) *psError {
	var pe *psError
	if ok := asPSError(err, &pe); ok {
		return pe
	}
	rec := &ErrorRecord{Pos: pos, ID: "RuntimeException", Category: InvalidOperation, Msg: err.Error(), Err: err}
	switch e := err.(type) {
	case *value.ConversionError:
		rec.ID = "InvalidCastException"
		rec.Category = InvalidArgument
		rec.Exception = "System.Management.Automation.PSInvalidCastException"
		if e.Value != nil {
			rec.ID = "ConvertToFinalInvalidCastException"
		}
	case *value.RuntimeError:
		rec.Exception = e.Type
		switch e.Type {
		case "System.DivideByZeroException":
			rec.ID = "RuntimeException"
			rec.Category = NotSpecified
			rec.Exception, rec.Inner, rec.InnerMsg = "", e.Type, e.Msg
		case "System.OutOfMemoryException", "System.OverflowException", "System.FormatException",
			"System.ArgumentOutOfRangeException", "System.InvalidCastException":
			// a .NET exception out of an operator: PowerShell's
			// ConvertToRuntimeException names the record after it and
			// wraps it in a RuntimeException
			rec.ID = e.Type
			rec.Category = OperationStopped
			rec.Exception, rec.Inner, rec.InnerMsg = "", e.Type, e.Msg
		}
		if e.ID != "" {
			rec.ID = e.ID
		}
	}
	return &psError{kind: statementTerminating, rec: rec}
}

func asPSError(err error, target **psError) bool {
	for err != nil {
		if pe, ok := err.(*psError); ok {
			*target = pe
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}
