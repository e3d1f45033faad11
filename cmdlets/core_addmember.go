package cmdlets

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// checkMemberArgs checks -MemberType, -Value and -SecondValue of
// Add-Member as AddMemberCommand does before it touches the object: the
// member types it cannot add (CannotAddMemberType), a -SecondValue the
// type takes none of (Value2ShouldNotBeSpecified), a $null -Value (and
// -SecondValue) where one is needed, and values that do not convert to
// what the member holds (a script block, a type).
func checkMemberArgs(c *Call) error {
	mt := c.String("MemberType")
	fail := func(id, format string, args ...any) error {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: id, Category: InvalidOperation,
			Exception: "System.InvalidOperationException", Msg: fmt.Sprintf(format, args...)}}
	}
	castFail := func(v any, to string) error {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ConvertToFinalInvalidCastException", Category: InvalidArgument,
			Exception: "System.Management.Automation.PSInvalidCastException",
			Msg:       fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", c.s.toString(v), value.TypeName(v), to)}}
	}
	canonical := memberTypeName(c)
	if canonical == "" {
		return c.FailBinding("CannotConvertArgumentNoMessage", "Cannot bind parameter 'MemberType'. Cannot convert value \"%s\" to type \"System.Management.Automation.PSMemberTypes\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\nAliasProperty, CodeProperty, Property, NoteProperty, ScriptProperty, Properties, PropertySet, Method, CodeMethod, ScriptMethod, Methods, ParameterizedProperty, MemberSet, Event, Dynamic, InferredProperty, All\"", mt, mt)
	}
	v1 := c.Arg("Value")
	v2, has2 := c.Lookup("SecondValue")
	noV2 := func() error {
		if has2 {
			return fail("Value2ShouldNotBeSpecified", "The SecondValue parameter is not necessary for a member of type \"%s\", and should not be specified. Do not specify the SecondValue parameter when you add members of this type.", canonical)
		}
		return nil
	}
	v1NotNull := func() error {
		if v1 == nil {
			return fail("Value1ShouldNotBeNull", "The Value parameter should not be null for a member of type \"%s\". Specify a non-null value for the Value parameter when adding members of this type.", canonical)
		}
		return nil
	}
	notBothNull := func() error {
		if v1 == nil && (v2 == nil || !has2) {
			return fail("Value1AndValue2AreNotBothNull", "Both Value and SecondValue parameters should not be null for a member of type \"%s\". Specify a non-null value for one of the two parameters.", canonical)
		}
		return nil
	}
	scriptBlockOf := func(v any) error {
		if _, ok := v.(*ScriptBlock); v != nil && !ok {
			return castFail(v, "System.Management.Automation.ScriptBlock")
		}
		return nil
	}
	var err error
	switch canonical {
	case "AliasProperty":
		if err = v1NotNull(); err == nil && has2 {
			if v2 == nil {
				err = fail("Value2ShouldNotBeNull", "The SecondValue parameter should not be null for a member of type \"%s\". Specify a non-null value for the SecondValue parameter when adding members of this type.", canonical)
			} else if _, isType := v2.(*value.Type); !isType {
				if _, ok := c.s.resolveType(c.s.toString(v2)); !ok {
					err = &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "InvalidCastFromStringToType", Category: InvalidArgument,
						Exception: "System.Management.Automation.PSInvalidCastException",
						Msg:       fmt.Sprintf("Cannot convert the \"%s\" value of type \"System.String\" to type \"System.Type\".", c.s.toString(v2))}}
				}
			}
		}
	case "CodeMethod":
		if err = v1NotNull(); err == nil {
			if err = noV2(); err == nil {
				err = castFail(v1, "System.Reflection.MethodInfo")
			}
		}
	case "CodeProperty":
		if err = notBothNull(); err == nil {
			if v1 != nil {
				err = castFail(v1, "System.Reflection.MethodInfo")
			} else {
				err = castFail(v2, "System.Reflection.MethodInfo")
			}
		}
	case "MemberSet":
		if err = noV2(); err == nil && v1 != nil {
			if _, isStr := v1.(string); isStr {
				err = castFail(v1, "System.Collections.ObjectModel.Collection`1[System.Management.Automation.PSMemberInfo]")
			}
		}
	case "NoteProperty":
		err = noV2()
	case "PropertySet":
		if err = noV2(); err == nil {
			err = v1NotNull()
		}
	case "ScriptMethod":
		if err = noV2(); err == nil {
			if err = v1NotNull(); err == nil {
				err = scriptBlockOf(v1)
			}
		}
	case "ScriptProperty":
		if err = notBothNull(); err == nil {
			if err = scriptBlockOf(v1); err == nil {
				err = scriptBlockOf(v2)
			}
		}
	default:
		err = fail("CannotAddMemberType", "Cannot add a member with type \"%s\". Specify a different type for the MemberTypes parameter.", canonical)
	}
	return err
}

// memberTypeName is Add-Member's -MemberType as a PSMemberTypes name (a
// name in any case, or the number of one flag), NoteProperty when it is
// not given, "" when it names none.
func memberTypeName(c *Call) string {
	if !c.Has("MemberType") {
		return "NoteProperty"
	}
	mt := strings.TrimSpace(c.String("MemberType"))
	names := []string{"AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "PropertySet",
		"Method", "CodeMethod", "ScriptMethod", "ParameterizedProperty", "MemberSet", "Event", "Dynamic", "InferredProperty"}
	if n, err := strconv.Atoi(mt); err == nil && n > 0 && n&(n-1) == 0 {
		for i := 0; i < len(names); i++ {
			if n == 1<<i {
				return names[i]
			}
		}
	}
	for _, n := range append(names, "Properties", "Methods", "All") {
		if strings.EqualFold(n, mt) {
			return n
		}
	}
	return ""
}
