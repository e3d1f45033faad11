package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// [System.Management.Automation.LanguagePrimitives]: PowerShell's own
// conversion and comparison rules as static methods (ConvertTo,
// TryConvertTo, IsTrue, Equals, Compare), the rules casts and operators
// use.

const languagePrimitivesType = "System.Management.Automation.LanguagePrimitives"

func isLanguagePrimitives(t string) bool { return strings.EqualFold(t, languagePrimitivesType) }

// languagePrimitivesStatics implements the static methods of
// LanguagePrimitives that csemu has.
func languagePrimitivesStatics(c *staticCall) (any, error) {
	if !c.call {
		return c.notImplemented()
	}
	typeArg := func(i int) (*value.Type, error) {
		switch t := c.arg(i).(type) {
		case *value.Type:
			return t, nil
		case string:
			if rt, ok := c.s.resolveType(t); ok {
				return rt, nil
			}
		}
		return nil, &methodErr{typ: "MethodArgumentConversion",
			msg: "Cannot convert argument \"resultType\", with value: \"" + c.argS(i) + "\", for \"" + c.name + "\" to type \"System.Type\"."}
	}
	switch c.lname {
	case "convertto":
		if err := c.wantArgs(2, 3); err != nil {
			return nil, err
		}
		t, err := typeArg(1)
		if err != nil {
			return nil, err
		}
		v, err := c.s.convert(c.arg(0), t)
		if err != nil {
			return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
		}
		return v, nil
	case "tryconvertto":
		if err := c.wantArgs(3, 4); err != nil {
			return nil, err
		}
		t, err := typeArg(1)
		if err != nil {
			return nil, err
		}
		v, cerr := c.s.convert(c.arg(0), t)
		if cerr != nil {
			v = nil
		}
		if err := c.outArg(len(c.args)-1, v); err != nil {
			return nil, err
		}
		return cerr == nil, nil
	case "istrue":
		if err := c.wantArgs(1); err != nil {
			return nil, err
		}
		return value.ToBool(c.arg(0)), nil
	case "equals":
		if err := c.wantArgs(2, 3); err != nil {
			return nil, err
		}
		cs := len(c.args) == 3 && !value.ToBool(c.arg(2))
		return value.Equal(c.arg(0), c.arg(1), cs), nil
	}
	return c.notImplemented()
}
