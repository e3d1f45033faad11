package cmdlets

import (
	"errors"
	"time"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
)

// typeJSONObject is the static class ConvertFrom-Json uses, which scripts
// may call themselves.
const typeJSONObject = "Microsoft.PowerShell.Commands.JsonObject"

// jsonObjectStatics implements [Microsoft.PowerShell.Commands.JsonObject]::
// ConvertFromJson(input, [returnHashtable, [maxDepth,]] [ref] error): the
// value of the JSON text, or $null with the error record in error when a
// property name does not fit a PSCustomObject; a syntax error or a depth
// past maxDepth throws ArgumentException.
func jsonObjectStatics(c *staticCall) (any, error) {
	if c.lname != "convertfromjson" || !c.call {
		return c.notImplemented()
	}
	if err := c.wantArgs(2, 3, 4); err != nil {
		return nil, err
	}
	n := len(c.args)
	opts := format.JSONReadOptions{}
	if n >= 3 {
		opts.AsHashtable = value.ToBool(c.arg(1))
	}
	if n == 4 && c.arg(2) != nil {
		d, err := value.ToInt(c.arg(2))
		if err != nil {
			return nil, &methodErr{typ: "MethodArgumentConversionInvalidCastArgument", msg: err.Error()}
		}
		opts.MaxDepth = d
		if d <= 0 {
			// Newtonsoft's MaxDepth must be positive
			return nil, &methodErr{typ: "System.ArgumentException", msg: "Value must be positive. (Parameter 'value')"}
		}
	} else if n == 4 {
		opts.MaxDepth = int(^uint(0) >> 1)
	}
	opts.Offset = func(t time.Time) any { return dateTimeOffsetObject(t) }
	// $null given for a string argument is "" (the method binder's
	// conversion), which is no JSON: $null
	v, err := format.FromJSONWith(value.ToString(c.arg(0)), opts)
	var rec any
	if err != nil {
		var ke *format.JSONKeyError
		if !errors.As(err, &ke) {
			return nil, &methodErr{typ: "System.ArgumentException", msg: err.Error()}
		}
		rec = &ErrorRecord{ID: ke.ID, Category: InvalidOperation, Exception: "System.InvalidOperationException", Msg: ke.Msg}
		v = nil
	}
	if err := c.outArg(n-1, rec); err != nil {
		return nil, err
	}
	return v, nil
}
