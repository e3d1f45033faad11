package cmdlets

import (
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// System.Version values: two to four non-negative parts (Major, Minor,
// Build, Revision), a missing part being -1, as .NET's Version class
// keeps them.

// versionObject makes a [version] of its parts (two to four).
func versionObject(parts []int) *value.Object {
	o := value.NewObject(value.TVersion)
	names := []string{"Major", "Minor", "Build", "Revision"}
	text := make([]string, 0, len(parts))
	for i, n := range names {
		v := -1
		if i < len(parts) {
			v = parts[i]
			text = append(text, strconv.Itoa(v))
		}
		o.Set(n, v)
	}
	o.SetToString(strings.Join(text, "."))
	return o
}

// parseDotNetVersion reads a version string as System.Version.Parse does:
// two to four parts separated by dots, each a non-negative integer. The
// error is .NET's message.
func parseDotNetVersion(s string) ([]int, string) {
	fields := strings.Split(s, ".")
	if len(fields) < 2 || len(fields) > 4 {
		return nil, "Version string portion was too short or too long. (Parameter 'input')"
	}
	parts := make([]int, len(fields))
	for i, f := range fields {
		f = strings.TrimSpace(f)
		n, err := strconv.ParseInt(strings.TrimPrefix(f, "+"), 10, 32)
		if err != nil || f == "" {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return nil, "Value was either too large or too small for an Int32."
			}
			return nil, "The input string '" + f + "' was not in a correct format."
		}
		if n < 0 {
			return nil, "Version's parameters must be greater than or equal to zero. (Parameter 'version')"
		}
		parts[i] = int(n)
	}
	return parts, ""
}

// convertToVersion is a [version] cast: a version stays, a string (or a
// number, by its text) is parsed.
func convertToVersion(v any) (any, error) {
	if o, ok := v.(*value.Object); ok && value.TypeName(o) == value.TVersion {
		return o, nil
	}
	if v == nil {
		return nil, nil
	}
	text := value.ToString(v)
	parts, msg := parseDotNetVersion(text)
	if msg != "" {
		return nil, &value.ConversionError{Value: v, Type: value.TVersion, Detail: msg}
	}
	return versionObject(parts), nil
}

// newVersion is [version]::new: no arguments (0.0), a string, or two to
// four integers.
func newVersion(args []any) (any, error) {
	switch len(args) {
	case 0:
		return versionObject([]int{0, 0}), nil
	case 1:
		if _, ok := args[0].(string); ok {
			parts, msg := parseDotNetVersion(args[0].(string))
			if msg != "" {
				return nil, &methodErr{typ: "System.ArgumentException", msg: msg}
			}
			return versionObject(parts), nil
		}
		v, err := convertToVersion(args[0])
		if err != nil {
			return nil, &methodErr{typ: "System.ArgumentException", msg: err.Error()}
		}
		return v, nil
	}
	if len(args) > 4 {
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest",
			msg: "Cannot find an overload for \"new\" and the argument count: \"" + strconv.Itoa(len(args)) + "\"."}
	}
	parts := make([]int, len(args))
	for i, a := range args {
		n, err := value.ToInt(a)
		if err != nil {
			return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
		}
		if n < 0 {
			names := []string{"major", "minor", "build", "revision"}
			return nil, &methodErr{typ: "System.ArgumentOutOfRangeException",
				msg: "Version's parameters must be greater than or equal to zero. (Parameter '" + names[i] + "')"}
		}
		parts[i] = n
	}
	return versionObject(parts), nil
}
