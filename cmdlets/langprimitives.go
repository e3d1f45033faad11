package cmdlets

import (
	"errors"
	"fmt"

	"github.com/csemu/csemu/cmdlets/value"
)

// typeLanguagePrimitives is PowerShell's conversion and comparison helper
// class.
const typeLanguagePrimitives = "System.Management.Automation.LanguagePrimitives"

// languagePrimitivesStatics implements the static methods of
// [System.Management.Automation.LanguagePrimitives] that scripts call
// (Learn: LanguagePrimitives class): ConvertTo and TryConvertTo convert as a
// cast does, IsTrue is PowerShell's truth of a value, Compare and Equals
// compare as -lt/-gt and -eq do (ignoring case unless told not to).
func languagePrimitivesStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "convertto":
		// ConvertTo(value, type) and ConvertTo(value, type, formatProvider)
		if err := c.wantArgs(2, 3); err != nil {
			return nil, err
		}
		t, err := c.typeArg(1)
		if err != nil {
			return nil, err
		}
		v, err := c.s.convert(c.arg(0), t)
		if err != nil {
			// the conversion's PSInvalidCastException, which the method
			// call wraps in a MethodInvocationException
			return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: conversionMessage(err)}
		}
		return v, nil
	case "tryconvertto":
		// TryConvertTo(value, type, out result) and
		// TryConvertTo(value, type, formatProvider, out result)
		if err := c.wantArgs(3, 4); err != nil {
			return nil, err
		}
		t, err := c.typeArg(1)
		if err != nil {
			return nil, err
		}
		v, err := c.s.convert(c.arg(0), t)
		if err != nil {
			return false, c.outArg(len(c.args)-1, nil)
		}
		return true, c.outArg(len(c.args)-1, v)
	case "istrue":
		if err := c.wantArgs(1); err != nil {
			return nil, err
		}
		return value.ToBool(c.arg(0)), nil
	case "compare":
		// Compare(first, second[, ignoreCase[, formatProvider]])
		if err := c.wantArgs(2, 3, 4); err != nil {
			return nil, err
		}
		cs := len(c.args) > 2 && !value.ToBool(c.arg(2))
		n, err := value.Compare(c.arg(0), c.arg(1), cs)
		if err != nil {
			return nil, err
		}
		return n, nil
	case "equals":
		// Equals(first, second[, ignoreCase[, formatProvider]])
		if err := c.wantArgs(2, 3, 4); err != nil {
			return nil, err
		}
		cs := len(c.args) > 2 && !value.ToBool(c.arg(2))
		return value.Equal(c.arg(0), c.arg(1), cs), nil
	}
	return c.notImplemented()
}

// typeArg returns argument i as a type: a type literal, or a type name
// that PowerShell would convert to one.
func (c *staticCall) typeArg(i int) (*value.Type, error) {
	switch x := c.arg(i).(type) {
	case *value.Type:
		return x, nil
	case string:
		if t, ok := c.s.resolveType(x); ok {
			return t, nil
		}
		return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException",
			msg: fmt.Sprintf("Cannot convert the \"%s\" value of type \"System.String\" to type \"System.Type\".", x)}
	}
	return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException",
		msg: fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.Type\".", value.ToString(c.arg(i)), value.TypeName(c.arg(i)))}
}

// typePlatform is PowerShell's class that says which platform it runs on.
const typePlatform = "System.Management.Automation.Platform"

// platformStatics implements [System.Management.Automation.Platform]'s
// static properties, which say what $IsWindows, $IsLinux, $IsMacOS and
// $IsCoreCLR say: csemu stands for PowerShell 7 on Linux.
func platformStatics(c *staticCall) (any, error) {
	if !c.call {
		switch c.lname {
		case "islinux", "iscoreclr":
			return true, nil
		case "iswindows", "ismacos", "isnanoserver", "isiot", "iswindowsdesktop", "isstasupported":
			return false, nil
		}
	}
	return c.notImplemented()
}

// conversionMessage is the text of a failed conversion, without a
// position.
func conversionMessage(err error) string {
	var pe *psError
	if errors.As(err, &pe) {
		return pe.rec.Msg
	}
	return err.Error()
}
