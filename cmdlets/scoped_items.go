package cmdlets

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// scopedOpts are the ScopedItemOptions flags of a variable or an alias
// (about_Scopes, New-Variable -Option, Set-Alias -Option).
type scopedOpts int

const (
	optReadOnly    scopedOpts = 1
	optConstant    scopedOpts = 2
	optPrivate     scopedOpts = 4
	optAllScope    scopedOpts = 8
	optUnspecified scopedOpts = 16
)

// scopedOptNames are the flags' names in the enum's order, which is the
// order its text lists them in ("ReadOnly, Private").
func scopedOptNames() []struct {
	name string
	bit  scopedOpts
} {
	return []struct {
		name string
		bit  scopedOpts
	}{{"ReadOnly", optReadOnly}, {"Constant", optConstant}, {"Private", optPrivate}, {"AllScope", optAllScope}, {"Unspecified", optUnspecified}}
}

// String is the flags' text as the enum gives it: "None", "ReadOnly",
// "ReadOnly, Private".
func (o scopedOpts) String() string {
	if o == 0 {
		return "None"
	}
	var parts []string
	for _, n := range scopedOptNames() {
		if o&n.bit != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, ", ")
}

// parseScopedOpts converts an -Option argument (a name, names separated
// by commas, an array of names, or a number) to the flags, as the
// conversion to [System.Management.Automation.ScopedItemOptions] does.
func parseScopedOpts(v any) (scopedOpts, error) {
	if v == nil {
		return 0, nil
	}
	if o, ok := v.(scopedOpts); ok {
		return o, nil
	}
	var out scopedOpts
	bad := func(s string) error {
		names := []string{"None"}
		for _, n := range scopedOptNames() {
			names = append(names, n.name)
		}
		return &value.ConversionError{Value: v, Type: "System.Management.Automation.ScopedItemOptions",
			Detail: "Unable to match the identifier name " + s + " to a valid enumerator name. Specify one of the following enumerator names and try again:\n" + strings.Join(names, ", ")}
	}
	for _, item := range value.AsSlice(v) {
		if n, err := value.ToInt(item); err == nil {
			if _, isStr := item.(string); !isStr {
				out |= scopedOpts(n)
				continue
			}
		}
		for _, part := range strings.Split(value.ToString(item), ",") {
			part = strings.TrimSpace(part)
			if strings.EqualFold(part, "None") {
				continue
			}
			if n, err := strconv.Atoi(part); err == nil {
				out |= scopedOpts(n)
				continue
			}
			found := false
			for _, n := range scopedOptNames() {
				if strings.EqualFold(n.name, part) {
					out |= n.bit
					found = true
				}
			}
			if !found {
				return 0, bad(part)
			}
		}
	}
	return out, nil
}

// optionArg reads -Option, failing as the parameter binder does on a name
// the enum does not have.
func (c *Call) optionArg() (scopedOpts, error) {
	if !c.Has("Option") {
		return 0, nil
	}
	o, err := parseScopedOpts(c.Arg("Option"))
	if err != nil {
		return 0, c.FailBinding("ParameterArgumentTransformationError",
			"Cannot bind parameter 'Option'. %s", strings.TrimPrefix(err.Error(), "error: "))
	}
	return o, nil
}

// scopeArg resolves -Scope as SessionState does (GetScopeByID): Global,
// Local, Private, Script, or a number of scopes up from the current one;
// "" is the current scope. A name it does not know is a PSArgumentException
// (error id Argument), a negative number or one past the global scope
// ArgumentOutOfRange; both end the command.
func (c *Call) scopeArg() (*Scope, error) {
	s := c.String("Scope")
	switch strings.ToLower(s) {
	case "", "local", "private":
		return c.fr.scope, nil
	case "global":
		return c.s.global, nil
	case "script":
		return c.s.scriptScope(c.fr.scope), nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil {
		var ne *strconv.NumError
		if e, ok := err.(*strconv.NumError); ok {
			ne = e
		}
		if ne == nil || ne.Err != strconv.ErrRange {
			return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Argument", Category: InvalidArgument,
				Exception: "System.Management.Automation.PSArgumentException",
				Msg:       `Cannot process argument because the value of parameter "Scope" is not valid. Valid values are "Global", "Local", or "Script", or a number relative to the current scope (0 through the number of scopes where 0 is the current scope and 1 is its parent). Change the value of the "Scope" parameter and run the operation again.`}}
		}
	}
	outOfRange := func(msg string) error {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ArgumentOutOfRange", Category: InvalidArgument,
			Exception: "System.Management.Automation.PSArgumentOutOfRangeException", Target: s, Msg: msg}}
	}
	if err != nil || n < 0 {
		return nil, outOfRange(fmt.Sprintf("Specified argument was out of the range of valid values. (Parameter 'Scope')\nActual value was %s.", s))
	}
	sc := c.fr.scope
	for i := int64(0); i < n && sc != nil; i++ {
		sc = sc.parent
	}
	if sc == nil {
		return nil, outOfRange(fmt.Sprintf("The scope number '%d' exceeds the number of active scopes. (Parameter 'Scope')\nActual value was %d.", n, n))
	}
	return sc, nil
}

// unauthorized is the SessionStateUnauthorizedAccessException a read-only
// or constant item gives.
func unauthorized(c *Call, id, target, msg string) *ErrorRecord {
	return &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: id, Category: WriteError, Target: target, Msg: msg,
		Exception: "System.Management.Automation.SessionStateUnauthorizedAccessException"}
}
