package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// exceptionDef is what csemu knows of a .NET exception type: its base
// type and the message its parameterless constructor gives (.NET 8).
type exceptionDef struct {
	base, message string
}

// exceptionDefs are the exception types scripts create, throw and catch,
// by full name. The bases and default messages are .NET 8's (the classes'
// Learn pages and their resource strings).
var exceptionDefs = map[string]exceptionDef{
	"System.Exception":                                                     {"", ""},
	"System.SystemException":                                               {"System.Exception", "System error."},
	"System.ApplicationException":                                          {"System.Exception", "Error in the application."},
	"System.ArgumentException":                                             {"System.SystemException", "Value does not fall within the expected range."},
	"System.ArgumentNullException":                                         {"System.ArgumentException", "Value cannot be null."},
	"System.ArgumentOutOfRangeException":                                   {"System.ArgumentException", "Specified argument was out of the range of valid values."},
	"System.ArithmeticException":                                           {"System.SystemException", "Overflow or underflow in the arithmetic operation."},
	"System.DivideByZeroException":                                         {"System.ArithmeticException", "Attempted to divide by zero."},
	"System.OverflowException":                                             {"System.ArithmeticException", "Arithmetic operation resulted in an overflow."},
	"System.FormatException":                                               {"System.SystemException", "One of the identified items was in an invalid format."},
	"System.IndexOutOfRangeException":                                      {"System.SystemException", "Index was outside the bounds of the array."},
	"System.InvalidCastException":                                          {"System.SystemException", "Specified cast is not valid."},
	"System.InvalidOperationException":                                     {"System.SystemException", "Operation is not valid due to the current state of the object."},
	"System.NotImplementedException":                                       {"System.SystemException", "The method or operation is not implemented."},
	"System.NotSupportedException":                                         {"System.SystemException", "Specified method is not supported."},
	"System.NullReferenceException":                                        {"System.SystemException", "Object reference not set to an instance of an object."},
	"System.OperationCanceledException":                                    {"System.SystemException", "The operation was canceled."},
	"System.TimeoutException":                                              {"System.SystemException", "The operation has timed out."},
	"System.TypeInitializationException":                                   {"System.SystemException", ""},
	"System.UnauthorizedAccessException":                                   {"System.SystemException", "Attempted to perform an unauthorized operation."},
	"System.Collections.Generic.KeyNotFoundException":                      {"System.SystemException", "The given key was not present in the dictionary."},
	"System.IO.IOException":                                                {"System.SystemException", "I/O error occurred."},
	"System.IO.FileNotFoundException":                                      {"System.IO.IOException", "Unable to find the specified file."},
	"System.IO.DirectoryNotFoundException":                                 {"System.IO.IOException", "Attempted to access a path that is not on the disk."},
	"System.IO.PathTooLongException":                                       {"System.IO.IOException", "The specified file name or path is too long, or a component of the specified path is too long."},
	"System.Net.WebException":                                              {"System.InvalidOperationException", "An error occurred while sending the request."},
	"System.Net.Http.HttpRequestException":                                 {"System.Exception", "An error occurred while sending the request."},
	"System.Management.Automation.RuntimeException":                        {"System.SystemException", ""},
	"System.Management.Automation.ActionPreferenceStopException":           {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.CommandNotFoundException":                {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.MethodException":                         {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.MethodInvocationException":               {"System.Management.Automation.MethodException", ""},
	"System.Management.Automation.ParameterBindingException":               {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.ParseException":                          {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.PipelineStoppedException":                {"System.Management.Automation.RuntimeException", "The pipeline has been stopped."},
	"System.Management.Automation.PSArgumentException":                     {"System.ArgumentException", ""},
	"System.Management.Automation.PSArgumentNullException":                 {"System.ArgumentNullException", ""},
	"System.Management.Automation.PSArgumentOutOfRangeException":           {"System.ArgumentOutOfRangeException", ""},
	"System.Management.Automation.PSInvalidCastException":                  {"System.InvalidCastException", ""},
	"System.Management.Automation.PSInvalidOperationException":             {"System.InvalidOperationException", ""},
	"System.Management.Automation.PSNotImplementedException":               {"System.NotImplementedException", ""},
	"System.Management.Automation.PSNotSupportedException":                 {"System.NotSupportedException", ""},
	"System.Management.Automation.PSSecurityException":                     {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.ScriptRequiresException":                 {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.SessionStateException":                   {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.ItemNotFoundException":                   {"System.Management.Automation.SessionStateException", ""},
	"System.Management.Automation.DriveNotFoundException":                  {"System.Management.Automation.SessionStateException", ""},
	"System.Management.Automation.ProviderNotFoundException":               {"System.Management.Automation.SessionStateException", ""},
	"System.Management.Automation.SessionStateUnauthorizedAccessException": {"System.Management.Automation.SessionStateException", ""},
	"System.Management.Automation.ValidationMetadataException":             {"System.Management.Automation.MetadataException", ""},
	"System.Management.Automation.MetadataException":                       {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.WildcardPatternException":                {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.ScriptCallDepthException":                {"System.SystemException", ""},
	"System.Management.Automation.ExtendedTypeSystemException":             {"System.Management.Automation.RuntimeException", ""},
	"System.Management.Automation.GetValueException":                       {"System.Management.Automation.ExtendedTypeSystemException", ""},
	"System.Management.Automation.SetValueException":                       {"System.Management.Automation.ExtendedTypeSystemException", ""},
	"System.Management.Automation.PropertyNotFoundException":               {"System.Management.Automation.ExtendedTypeSystemException", ""},
	"Microsoft.PowerShell.Commands.WriteErrorException":                    {"System.SystemException", ""},
}

// exceptionChain returns the type names of exception type name, most
// specific first, ending with System.Exception and System.Object; a type
// csemu does not know is taken to derive from System.Exception.
func exceptionChain(name string) []string {
	var out []string
	seen := map[string]bool{}
	for n := name; n != "" && !seen[strings.ToLower(n)]; {
		seen[strings.ToLower(n)] = true
		out = append(out, n)
		def, ok := lookupExceptionDef(n)
		if !ok {
			n = "System.Exception"
			continue
		}
		n = def.base
	}
	return append(out, "System.Object")
}

// lookupExceptionDef finds an exception type by full name, in any case.
func lookupExceptionDef(name string) (exceptionDef, bool) {
	if d, ok := exceptionDefs[name]; ok {
		return d, true
	}
	for k, d := range exceptionDefs {
		if strings.EqualFold(k, name) {
			return d, true
		}
	}
	return exceptionDef{}, false
}

// exceptionTypeName returns the full name of a known exception type,
// spelled as .NET spells it, for a name in any case.
func exceptionTypeName(name string) (string, bool) {
	if _, ok := exceptionDefs[name]; ok {
		return name, true
	}
	for k := range exceptionDefs {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

// defaultExceptionMessage is the message of an exception made without one.
func defaultExceptionMessage(name string) string {
	for n := name; n != ""; {
		def, ok := lookupExceptionDef(n)
		if !ok {
			break
		}
		if def.message != "" {
			return def.message
		}
		if strings.HasPrefix(n, "System.Management.Automation.") || n == "System.Exception" {
			break
		}
		n = def.base
	}
	return fmt.Sprintf("Exception of type '%s' was thrown.", name)
}

// isKindOf reports whether exception type name is want or derives from it.
func isKindOf(name, want string) bool {
	for _, n := range exceptionChain(name) {
		if strings.EqualFold(n, want) {
			return true
		}
	}
	return false
}

// paramSuffix is what .NET adds to an argument exception's message for
// its parameter name.
func paramSuffix(msg, param string) string {
	if param == "" {
		return msg
	}
	return msg + " (Parameter '" + param + "')"
}

// newException is [T]::new(args...) and New-Object T args for an
// exception type T, with the constructors .NET has: (), (message),
// (message, innerException); ArgumentException (message, paramName);
// ArgumentNullException (paramName), (paramName, message);
// ArgumentOutOfRangeException (paramName), (paramName, message),
// (paramName, actualValue, message); FileNotFoundException (message,
// fileName).
func newException(name string, args []any) (*value.Object, error) {
	o := value.NewObject(exceptionChain(name)...)
	str := func(i int) string {
		if i < len(args) && args[i] != nil {
			return value.ToString(args[i])
		}
		return ""
	}
	inner := func(i int) (any, bool) {
		if i < len(args) {
			if x, ok := args[i].(*value.Object); ok && isExceptionObject(x) {
				return x, true
			}
		}
		return nil, false
	}
	msg := defaultExceptionMessage(name)
	var innerEx any
	props := [][2]any{}
	// named reads the (message), (message, inner) and (message, name[,
	// inner]) constructors, returning the name
	named := func() string {
		if len(args) >= 1 {
			msg = str(0)
		}
		if len(args) < 2 {
			return ""
		}
		if ex, ok := inner(1); ok {
			innerEx = ex
			return ""
		}
		innerEx, _ = inner(2)
		return str(1)
	}
	switch {
	case len(args) > 3:
		return nil, &methodErr{typ: "System.Management.Automation.MethodException",
			msg: fmt.Sprintf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))}
	case isKindOf(name, "System.ArgumentNullException"):
		param := str(0)
		switch len(args) {
		case 1:
			msg = paramSuffix(msg, param)
		case 2:
			if ex, ok := inner(1); ok {
				msg, innerEx, param = str(0), ex, ""
			} else {
				msg = paramSuffix(str(1), param)
			}
		}
		props = append(props, [2]any{"ParamName", nilIfEmpty(param)})
	case isKindOf(name, "System.ArgumentOutOfRangeException"):
		param := str(0)
		switch len(args) {
		case 1:
			msg = paramSuffix(msg, param)
		case 2:
			if ex, ok := inner(1); ok {
				msg, innerEx, param = str(0), ex, ""
			} else {
				msg = paramSuffix(str(1), param)
			}
		case 3:
			msg = paramSuffix(str(2), param) + "\nActual value was " + str(1) + "."
			props = append(props, [2]any{"ActualValue", args[1]})
		}
		props = append(props, [2]any{"ParamName", nilIfEmpty(param)})
	case isKindOf(name, "System.ArgumentException"):
		param := named()
		msg = paramSuffix(msg, param)
		props = append(props, [2]any{"ParamName", nilIfEmpty(param)})
	case isKindOf(name, "System.IO.FileNotFoundException"):
		props = append(props, [2]any{"FileName", nilIfEmpty(named())})
	default:
		if len(args) >= 1 {
			msg = str(0)
		}
		if len(args) >= 2 {
			ex, ok := inner(1)
			if !ok && args[1] != nil {
				return nil, &methodErr{typ: "System.Management.Automation.MethodException",
					msg: fmt.Sprintf("Cannot convert argument \"innerException\", with value: \"%s\", for \"new\" to type \"System.Exception\".", str(1))}
			}
			innerEx = ex
		}
		if len(args) == 3 {
			return nil, &methodErr{typ: "System.Management.Automation.MethodException",
				msg: "Cannot find an overload for \"new\" and the argument count: \"3\"."}
		}
	}
	o.Set("Message", msg)
	for _, p := range props {
		o.Set(p[0].(string), p[1])
	}
	o.Set("InnerException", innerEx)
	o.Set("HResult", -2146233087)
	o.Set("Source", nil)
	o.Set("StackTrace", nil)
	o.Set("Data", value.NewHashtable())
	o.SetToString(name + ": " + msg)
	return o, nil
}
