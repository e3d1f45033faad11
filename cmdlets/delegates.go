package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// Delegates: a script block converts to System.Action and System.Func
// (about_Script_Blocks; PowerShell's LanguagePrimitives converts a script
// block to any delegate type). Invoke and DynamicInvoke run the block with
// the arguments in $args; a Func converts the block's output to its last
// type argument, an Action discards it. Only these delegate types are
// known: a conversion to another is csemu's usual unknown type.

// delegateType returns the delegate type a type name names: Action or
// Func, with or without System., with type arguments in brackets. ok is
// false for any other name.
func (s *Session) delegateType(name string) (*value.Type, bool) {
	n := strings.TrimSpace(name)
	base, rest := n, ""
	if i := strings.IndexByte(n, '['); i > 0 && strings.HasSuffix(n, "]") {
		base, rest = n[:i], n[i+1:len(n)-1]
	}
	lb := strings.ToLower(strings.TrimPrefix(strings.ToLower(base), "system."))
	if j := strings.IndexByte(lb, '`'); j > 0 {
		lb = lb[:j]
	}
	var full string
	switch lb {
	case "action":
		full = "System.Action"
	case "func":
		full = "System.Func"
	default:
		return nil, false
	}
	if rest == "" {
		if full == "System.Func" {
			return nil, false // Func takes at least its return type
		}
		return &value.Type{Name: full}, true
	}
	var args []*value.Type
	depth, start := 0, 0
	parts := []string{}
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, rest[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, rest[start:])
	names := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if strings.HasPrefix(p, "[") && strings.HasSuffix(p, "]") {
			p = strings.TrimSpace(p[1 : len(p)-1])
		}
		t, ok := s.resolveType(p)
		if !ok {
			return nil, false
		}
		args = append(args, t)
		names = append(names, t.Name)
	}
	if len(args) > 16 || full == "System.Func" && len(args) > 17 {
		return nil, false
	}
	return &value.Type{Name: full + "[" + strings.Join(names, ",") + "]", Args: args}, true
}

// isDelegateType reports whether t is a delegate type delegateType made.
func isDelegateType(t *value.Type) bool {
	b := t.GenericBase()
	return b == "System.Action" || b == "System.Func"
}

// delegateValue is a script block converted to a delegate type.
type delegateValue struct {
	typ *value.Type
	sb  *ScriptBlock
	// call, when set instead of sb, runs the class method the delegate
	// was made of.
	call func(fr frame, args []any) (any, error)
}

func (d *delegateValue) PSTypeName() string { return d.typ.Name }
func (d *delegateValue) PSTypeNames() []string {
	return []string{d.typ.Name, "System.MulticastDelegate", "System.Delegate", value.TObject}
}
func (d *delegateValue) PSString() string { return d.typ.Name }

func (d *delegateValue) psPropertyNames() []string { return []string{"Target", "Method"} }

func (d *delegateValue) psMember(s *Session, name string) (any, bool) { return nil, false }

func (d *delegateValue) psNotImplemented(name string) string {
	switch strings.ToLower(name) {
	case "target", "method", "hasSingleTarget", "getinvocationlist", "begininvoke", "endinvoke", "clone", "getmethodinfo":
		return "System.Delegate"
	}
	return ""
}

// parameterCount is how many arguments the delegate takes.
func (d *delegateValue) parameterCount() int {
	n := len(d.typ.Args)
	if d.typ.GenericBase() == "System.Func" {
		n--
	}
	return n
}

func (d *delegateValue) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	switch strings.ToLower(name) {
	case "invoke":
	case "dynamicinvoke":
		var list []any
		if len(args) == 1 && args[0] != nil {
			list = value.AsSlice(args[0])
		} else if len(args) > 1 {
			list = args
		}
		args = list
		if len(args) != d.parameterCount() {
			return nil, &methodErr{typ: "System.Reflection.TargetParameterCountException", msg: "Parameter count mismatch."}
		}
	default:
		return nil, notFoundMethod(d, name)
	}
	if len(args) != d.parameterCount() {
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest",
			msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	conv := make([]any, len(args))
	for i, a := range args {
		if a == nil && !valueTypeName(d.typ.Args[i].Name) && !isListedEnum(d.typ.Args[i].Name) {
			continue // $null is a null reference
		}
		c, err := s.convert(a, d.typ.Args[i])
		if err != nil {
			// the parameters of Action<T> and Func<T,TResult> are arg, of
			// the others arg1, arg2, ...
			param := "arg"
			if len(args) > 1 {
				param = fmt.Sprintf("arg%d", i+1)
			}
			return nil, &methodErr{typ: "MethodArgumentConversion",
				msg: fmt.Sprintf("Cannot convert argument \"%s\", with value: \"%s\", for \"%s\" to type \"%s\": \"%s\"", param, s.toString(a), name, d.typ.Args[i].Name, err.Error())}
		}
		conv[i] = c
	}
	var result any
	if d.call != nil {
		r, err := d.call(fr, conv)
		if err != nil {
			return nil, err
		}
		if _, void := r.(voidValue); !void {
			result = r
		}
	} else {
		out, err := s.invokeScriptBlock(fr, d.sb, nil, conv, false)
		if err != nil {
			return nil, err
		}
		switch len(out) {
		case 0:
		case 1:
			result = out[0]
		default:
			result = &value.Array{Items: out}
		}
	}
	if d.typ.GenericBase() != "System.Func" {
		return voidValue{}, nil
	}
	return s.convert(result, d.typ.Args[len(d.typ.Args)-1])
}

// convertToDelegate converts a script block, a class's PSMethod or a
// delegate to delegate type t.
func (s *Session) convertToDelegate(v any, t *value.Type) (any, error) {
	switch x := v.(type) {
	case *ScriptBlock:
		return &delegateValue{typ: t, sb: x}, nil
	case *methodGroup:
		return s.methodGroupDelegate(x, t)
	case *delegateValue:
		if x.typ.Name == t.Name {
			return x, nil
		}
		return &delegateValue{typ: t, sb: x.sb, call: x.call}, nil
	case nil:
		return nil, nil
	}
	return nil, &value.ConversionError{Value: v, Type: t.Name}
}

// valueTypeName reports whether a type is one of the .NET value types
// csemu knows (numbers, bool, char, dates, time spans, GUIDs), which
// $null converts to the default of rather than passing as null.
func valueTypeName(t string) bool {
	switch t {
	case value.TInt32, value.TInt64, value.TInt16, value.TUInt16, value.TUInt32, value.TUInt64, value.TByte, value.TSByte,
		value.TDouble, value.TSingle, value.TDecimal, value.TBool, value.TChar, value.TDateTime, value.TTimeSpan, value.TGuid, value.TBigInt:
		return true
	}
	return false
}
