package cmdlets

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/dlclark/regexp2"
)

// The messages of the validation attributes (PowerShell's Metadata
// resources).
const (
	msgNotNull                   = "The argument is null. Provide a valid value for the argument, and then try running the command again."
	msgNotNullCollection         = "The argument has a null value, or an element of the argument collection contains a null value. Provide a collection that does not contain any null values, and then try the command again."
	msgNotNullOrEmpty            = "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
	msgNotNullOrEmptyCollection  = "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."
	msgNotNullOrWhiteSpace       = "The argument is null, empty, or consists of only white-space characters. Provide an argument that contains non white-space characters, and then try the command again."
	msgNotNullOrWhiteSpaceColl   = "An element of the argument collection is null, empty, or consists of only white-space characters. Supply a collection that does not contain any those values and then try the command again."
	msgPatternFailure            = "The argument \"{0}\" does not match the \"{1}\" pattern. Supply an argument that matches \"{1}\" and try the command again."
	msgScriptFailure             = "The \"{1}\" validation script for the argument with value \"{0}\" did not return a result of True. Determine why the validation script failed, and then try the command again."
	msgSetFailure                = "The argument \"{0}\" does not belong to the set \"{1}\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again."
	msgCountNotInArray           = "The ValidateCount attribute cannot be applied to a non-array parameter. Either remove the attribute from the parameter or make the parameter an array parameter."
	msgCountExact                = "The parameter requires exactly %d value(s) - %d value(s) were provided."
	msgCountMinMax               = "The parameter requires at least %d value(s) and no more than %d value(s) - %d value(s) were provided."
	msgCountMaxSmallerThanMin    = "The specified maximum number of arguments for a parameter is fewer than the specified minimum number of arguments. Update the ValidateCount attribute for the parameter."
	msgLengthMaxSmallerThanMin   = "The specified maximum character length of the argument is shorter than the specified minimum argument character length. Update the ValidateLength attribute for the parameter."
	msgLengthNotString           = "The ValidateLength attribute cannot be applied to a parameter that is not a string or string[] parameter. Make the parameter a string or string[] parameter."
	msgLengthTooShort            = "The character length (%d) of the argument is too short. Specify an argument with a length that is greater than or equal to \"%d\", and then try the command again."
	msgLengthTooLong             = "The character length (%d) of the argument is too long. Specify an argument with a length that is shorter than or equal to \"%d\", and then try the command again."
	msgRangeElementType          = "The argument cannot be validated because its type \"%s\" is not the same type (%s) as the maximum and minimum limits of the parameter. Make sure the argument is of type %s and then try the command again."
	msgRangeTooBig               = "The %s argument is greater than the maximum allowed range of %s. Supply an argument that is less than or equal to %s and then try the command again."
	msgRangeTooSmall             = "The %s argument is less than the minimum allowed range of %s. Supply an argument that is greater than or equal to %s and then try the command again."
	msgRangeMinMaxType           = "The specified minimum range (%s) cannot be accepted because it is not the same type as the specified maximum range (%s). Update the ValidateRange attribute for the parameter."
	msgRangeMaxSmallerThanMin    = "The specified maximum range cannot be accepted because it is less than the specified minimum range. Update the ValidateRange attribute for the parameter."
	msgRangeNotComparable        = "Cannot accept the MaxRange and MinRange parameter types. Both parameters must be objects that implement an IComparable interface."
	msgRangePositive             = "The argument \"%s\" cannot be validated because its value is not greater than zero."
	msgRangeNonNegative          = "The argument \"%s\" cannot be validated because its value is not greater than or equal to zero."
	msgRangeNegative             = "The argument \"%s\" cannot be validated because its value is not less than zero."
	msgRangeNonPositive          = "The argument \"%s\" cannot be validated because its value is not less than or equal to zero."
	msgMismatchedPSTypeName      = "Cannot bind argument to parameter '%s', because PSTypeNames of the argument do not match the PSTypeName required by the parameter: %s."
	msgArgumentValidation        = "Cannot validate argument on parameter '%s'. %s"
	msgNullNotAllowed            = "Cannot bind argument to parameter '%s' because it is null."
	msgEmptyStringNotAllowed     = "Cannot bind argument to parameter '%s' because it is an empty string."
	msgEmptyArrayNotAllowed      = "Cannot bind argument to parameter '%s' because it is an empty array."
	msgEmptyCollectionNotAllowed = "Cannot bind argument to parameter '%s' because it is an empty collection."
)

// validator is a validation attribute of a script parameter
// ([ValidateRange(1, 5)], [ValidateScript({...})], ...).
type validator interface {
	// validate checks v, the value after conversion to the parameter's
	// type. Its error's message is the attribute's own; the binder puts
	// "Cannot validate argument on parameter 'X'." before it.
	validate(vc *valCtx, v any) error
}

// valCtx is what a validator runs with: the session ([plainTypes] in a
// static check, which runs no script) and the frame of the call.
type valCtx struct {
	tc typeConverter
	fr frame
}

// validationError is a failed validation, with the attribute's message.
type validationError struct{ msg string }

func (e *validationError) Error() string { return e.msg }

func valFail(format string, args ...any) error {
	if len(args) == 0 {
		return &validationError{msg: format}
	}
	return &validationError{msg: fmt.Sprintf(format, args...)}
}

// valFormat fills a .NET composite format ({0}, {1}) as a custom
// ErrorMessage or a pattern's message is.
func valFormat(format string, args ...any) error {
	msg, err := value.FormatComposite(format, args)
	if err != nil {
		msg = format
	}
	return &validationError{msg: msg}
}

// eachElement checks v item by item, as the enumerated validation
// attributes (ValidateRange, ValidatePattern, ValidateScript,
// ValidateSet, ValidateLength) do: $null fails, a collection is checked
// per item, anything else (a string, a hashtable) as one item.
func eachElement(v any, check func(el any) error) error {
	if v == nil {
		return valFail(msgNotNullOrEmptyCollection)
	}
	if a, ok := v.(*value.Array); ok {
		for _, it := range a.Items {
			if err := check(it); err != nil {
				return err
			}
		}
		return nil
	}
	return check(v)
}

// valueTypeElems reports whether a typed array holds .NET value types,
// whose items cannot be null.
func valueTypeElems(a *value.Array) bool {
	switch strings.ToLower(a.Elem) {
	case "", "object", value.TObject, "string", value.TString:
		return false
	}
	switch a.Elem {
	case value.TInt32, value.TInt64, value.TDouble, value.TSingle, value.TDecimal, value.TBool, value.TChar, value.TByte,
		value.TDateTime, value.TTimeSpan, value.TGuid, "System.Int16", "System.UInt16", "System.UInt32", "System.UInt64", "System.SByte":
		return true
	}
	return false
}

// validateNotNull is [ValidateNotNull()].
type validateNotNull struct{}

func (validateNotNull) validate(_ *valCtx, v any) error {
	if v == nil {
		return valFail(msgNotNull)
	}
	if a, ok := v.(*value.Array); ok && !valueTypeElems(a) {
		for _, it := range a.Items {
			if it == nil {
				return valFail(msgNotNullCollection)
			}
		}
	}
	return nil
}

// validateNotNullOr is [ValidateNotNullOrEmpty()], and with white set
// [ValidateNotNullOrWhiteSpace()].
type validateNotNullOr struct{ white bool }

func (n validateNotNullOr) blank(str string) bool {
	if n.white {
		return strings.TrimFunc(str, unicode.IsSpace) == ""
	}
	return str == ""
}

func (n validateNotNullOr) validate(_ *valCtx, v any) error {
	switch x := v.(type) {
	case nil:
		return valFail(msgNotNullOrEmpty)
	case string:
		if n.blank(x) {
			if n.white {
				return valFail(msgNotNullOrWhiteSpace)
			}
			return valFail(msgNotNullOrEmpty)
		}
	case *value.Array:
		if len(x.Items) == 0 {
			return valFail(msgNotNullOrEmptyCollection)
		}
		if valueTypeElems(x) {
			return nil
		}
		for _, it := range x.Items {
			if it == nil {
				return valFail(msgNotNullOrEmptyCollection)
			}
			if str, ok := it.(string); ok && n.blank(str) {
				if n.white {
					return valFail(msgNotNullOrWhiteSpaceColl)
				}
				return valFail(msgNotNullOrEmptyCollection)
			}
		}
	case *value.Hashtable:
		if x.Len() == 0 {
			return valFail(msgNotNullOrEmptyCollection)
		}
	}
	return nil
}

// validateSet is [ValidateSet('a', 'b', IgnoreCase = $true, ErrorMessage = '...')].
type validateSet struct {
	values     []string
	ignoreCase bool
	message    string
}

func (vs *validateSet) validate(_ *valCtx, v any) error {
	return eachElement(v, func(el any) error {
		if el == nil {
			return valFail(msgNotNull)
		}
		str := value.ToString(el)
		for _, allowed := range vs.values {
			if vs.ignoreCase && strings.EqualFold(allowed, str) || allowed == str {
				return nil
			}
		}
		format := msgSetFailure
		if vs.message != "" {
			format = vs.message
		}
		return valFormat(format, str, strings.Join(vs.values, ","))
	})
}

// validateCount is [ValidateCount(min, max)].
type validateCount struct{ min, max int }

func (vc validateCount) validate(_ *valCtx, v any) error {
	n := 0
	switch x := v.(type) {
	case nil:
	case *value.Array:
		n = len(x.Items)
	case *value.Hashtable:
		n = x.Len()
	case string:
		n = utf16Len(x) // a string enumerates its characters
	default:
		return valFail(msgCountNotInArray)
	}
	if vc.min == vc.max && n != vc.max {
		return valFail(msgCountExact, vc.max, n)
	}
	if n < vc.min || n > vc.max {
		return valFail(msgCountMinMax, vc.min, vc.max, n)
	}
	return nil
}

// validateLength is [ValidateLength(min, max)].
type validateLength struct{ min, max int }

func (vl validateLength) validate(_ *valCtx, v any) error {
	return eachElement(v, func(el any) error {
		str, ok := el.(string)
		if !ok {
			return valFail(msgLengthNotString)
		}
		n := utf16Len(str)
		if n < vl.min {
			return valFail(msgLengthTooShort, n, vl.min)
		}
		if n > vl.max {
			return valFail(msgLengthTooLong, n, vl.max)
		}
		return nil
	})
}

// validatePattern is [ValidatePattern('regex', Options = ..., ErrorMessage = '...')].
type validatePattern struct {
	pattern string
	options regexp2.RegexOptions
	message string
}

func (vp *validatePattern) validate(_ *valCtx, v any) error {
	return eachElement(v, func(el any) error {
		if el == nil {
			return valFail(msgNotNull)
		}
		str := value.ToString(el)
		re, err := regexp2.Compile(vp.pattern, vp.options)
		if err != nil {
			return valFail("Invalid pattern '%s': %s", vp.pattern, err.Error())
		}
		re.MatchTimeout = regexTimeout
		ok, err := re.MatchString(str)
		if err != nil {
			return &validationError{msg: err.Error()}
		}
		if !ok {
			format := msgPatternFailure
			if vp.message != "" {
				format = vp.message
			}
			return valFormat(format, str, vp.pattern)
		}
		return nil
	})
}

// regexOptions reads a RegexOptions value: names joined by commas, or a
// number.
func regexOptions(v any) (regexp2.RegexOptions, error) {
	if value.IsNumber(v) {
		n, err := value.ToInt(v)
		return regexp2.RegexOptions(n), err
	}
	names := map[string]regexp2.RegexOptions{
		"none": regexp2.None, "ignorecase": regexp2.IgnoreCase, "multiline": regexp2.Multiline,
		"explicitcapture": regexp2.ExplicitCapture, "compiled": regexp2.Compiled, "singleline": regexp2.Singleline,
		"ignorepatternwhitespace": regexp2.IgnorePatternWhitespace, "righttoleft": regexp2.RightToLeft,
		"ecmascript": regexp2.ECMAScript, "cultureinvariant": regexp2.None,
	}
	var opts regexp2.RegexOptions
	for _, part := range value.AsSlice(v) {
		for _, name := range strings.Split(value.ToString(part), ",") {
			o, ok := names[strings.ToLower(strings.TrimSpace(name))]
			if !ok {
				return 0, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Text.RegularExpressions.RegexOptions\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\nNone, IgnoreCase, Multiline, ExplicitCapture, Compiled, Singleline, IgnorePatternWhitespace, RightToLeft, ECMAScript, CultureInvariant, NonBacktracking\"",
					value.ToString(v), strings.TrimSpace(name))
			}
			opts |= o
		}
	}
	return opts, nil
}

// validateScript is [ValidateScript({ ... }, ErrorMessage = '...')]: the
// script runs with $_ set to each item and must return true.
type validateScript struct {
	sb      *ScriptBlock
	message string
}

func (vs *validateScript) validate(vc *valCtx, v any) error {
	s, ok := vc.tc.(*Session)
	if !ok {
		return nil // a static check runs no script
	}
	return eachElement(v, func(el any) error {
		if el == nil {
			return valFail(msgNotNull)
		}
		res, err := s.invokeScriptBlockValue(vc.fr, vs.sb, el, nil, false)
		if err != nil {
			var pe *psError
			if asPSError(err, &pe) {
				return &validationError{msg: pe.rec.Msg}
			}
			var f *flow
			if !errors.As(err, &f) {
				return err
			}
		}
		if !value.ToBool(res) {
			format := msgScriptFailure
			if vs.message != "" {
				format = vs.message
			}
			return valFormat(format, el, vs.sb.Text)
		}
		return nil
	})
}

// validateRange is [ValidateRange(min, max)]; with kind set, the
// [ValidateRange('Positive')] form (Positive, NonNegative, Negative,
// NonPositive).
type validateRange struct {
	kind     string
	min, max any
	// typ is the type both limits have (after promotion of numbers).
	typ *value.Type
}

// rangeCommonType returns the type two numbers compare in, as
// ValidateRange promotes them, or nil when they are not numbers.
func rangeCommonType(a, b any) *value.Type {
	rank := func(v any) int {
		switch v.(type) {
		case int, int8, uint8, int16, uint16:
			return 1
		case int64, uint32:
			return 2
		case float64, float32:
			return 3
		case value.Decimal, uint64:
			return 4
		}
		return 0
	}
	ra, rb := rank(a), rank(b)
	if ra == 0 || rb == 0 {
		return nil
	}
	switch max(ra, rb) {
	case 1:
		return &value.Type{Name: value.TInt32}
	case 2:
		return &value.Type{Name: value.TInt64}
	case 3:
		return &value.Type{Name: value.TDouble}
	}
	return &value.Type{Name: value.TDecimal}
}

// newValidateRange checks the limits as the attribute's constructor does.
func newValidateRange(min, max any) (*validateRange, error) {
	if min == nil || max == nil {
		which := "minRange"
		if min != nil {
			which = "maxRange"
		}
		return nil, fmt.Errorf("Value cannot be null. (Parameter '%s')", which)
	}
	vr := &validateRange{min: min, max: max}
	if value.TypeName(min) == value.TypeName(max) {
		vr.typ = &value.Type{Name: value.TypeName(min)}
	} else {
		vr.typ = rangeCommonType(min, max)
		if vr.typ == nil {
			return nil, &validationError{msg: fmt.Sprintf(msgRangeMinMaxType, value.ShortTypeName(min), value.ShortTypeName(max))}
		}
		var err error
		if vr.min, err = value.Convert(min, vr.typ); err != nil {
			return nil, err
		}
		if vr.max, err = value.Convert(max, vr.typ); err != nil {
			return nil, err
		}
	}
	if !isComparable(vr.min) {
		return nil, &validationError{msg: msgRangeNotComparable}
	}
	if c, err := value.Compare(vr.min, vr.max, true); err == nil && c > 0 {
		return nil, &validationError{msg: msgRangeMaxSmallerThanMin}
	}
	return vr, nil
}

// isComparable reports whether a range limit is IComparable.
func isComparable(v any) bool {
	switch v.(type) {
	case int, int64, float64, value.Decimal, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int,
		string, time.Time, time.Duration, rune, bool, value.Guid:
		return true
	}
	return false
}

func (vr *validateRange) validate(_ *valCtx, v any) error {
	return eachElement(v, func(el any) error {
		if el == nil {
			return valFail(msgNotNull)
		}
		if vr.kind != "" {
			return vr.validateKind(el)
		}
		if value.TypeName(el) != vr.typ.Name {
			cv, err := value.Convert(el, vr.typ)
			if err != nil {
				short := value.ShortTypeName(vr.min)
				return valFail(msgRangeElementType, value.ShortTypeName(el), short, short)
			}
			el = cv
		}
		if c, err := value.Compare(vr.min, el, true); err == nil && c > 0 {
			return valFail(msgRangeTooSmall, value.ToString(el), value.ToString(vr.min), value.ToString(vr.min))
		}
		if c, err := value.Compare(vr.max, el, true); err == nil && c < 0 {
			return valFail(msgRangeTooBig, value.ToString(el), value.ToString(vr.max), value.ToString(vr.max))
		}
		return nil
	})
}

// validateKind checks an item against zero for the ValidateRangeKind
// forms.
func (vr *validateRange) validateKind(el any) error {
	var sign int
	switch x := el.(type) {
	case time.Duration:
		sign = cmpZero(float64(x))
	default:
		if !value.IsNumber(el) {
			return valFail(msgRangeElementType, value.ShortTypeName(el), "Int32", "Int32")
		}
		f, err := value.ToFloat(el)
		if err != nil {
			return valFail(msgRangeElementType, value.ShortTypeName(el), "Int32", "Int32")
		}
		sign = cmpZero(f)
	}
	shown := value.ToString(el)
	switch vr.kind {
	case "Positive":
		if sign <= 0 {
			return valFail(msgRangePositive, shown)
		}
	case "NonNegative":
		if sign < 0 {
			return valFail(msgRangeNonNegative, shown)
		}
	case "Negative":
		if sign >= 0 {
			return valFail(msgRangeNegative, shown)
		}
	case "NonPositive":
		if sign > 0 {
			return valFail(msgRangeNonPositive, shown)
		}
	}
	return nil
}

func cmpZero(f float64) int {
	switch {
	case f > 0:
		return 1
	case f < 0:
		return -1
	}
	return 0
}

// rangeKindName reads a ValidateRangeKind value.
func rangeKindName(v any) (string, error) {
	names := []string{"Positive", "NonNegative", "Negative", "NonPositive"}
	if value.IsNumber(v) {
		if n, err := value.ToInt(v); err == nil && n >= 0 && n < len(names) {
			return names[n], nil
		}
	}
	str := strings.TrimSpace(value.ToString(v))
	for _, n := range names {
		if strings.EqualFold(n, str) {
			return n, nil
		}
	}
	return "", fmt.Errorf("Cannot convert value \"%s\" to type \"System.Management.Automation.ValidateRangeKind\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\nPositive, NonNegative, Negative, NonPositive\"", str, str)
}

// validatorOf makes the validator of a validation attribute; ok is false
// for an attribute that is not one csemu knows.
func (s *Session) validatorOf(d *ParamDef, attr *parser.Attribute, name, file string) (validator, bool, error) {
	// construction fails as the attribute's constructor does
	ctorErr := func(err error) error {
		var ve *validationError
		if errors.As(err, &ve) {
			return attrError(attr.Pos, "ValidationMetadataException", ve.msg)
		}
		return attrError(attr.Pos, "ExceptionConstructingAttribute",
			fmt.Sprintf("The following exception occurred while constructing the attribute \"%s\": \"%s\"", attr.Name, err.Error()))
	}
	minMax := func(args *attrArgList, what string) (int, int, error) {
		if len(args.pos) != 2 {
			return 0, 0, ctorArgCount(attr, len(args.pos))
		}
		lo, err := value.ToInt(args.pos[0])
		if err != nil {
			return 0, 0, ctorErr(err)
		}
		hi, err := value.ToInt(args.pos[1])
		if err != nil {
			return 0, 0, ctorErr(err)
		}
		if lo < 0 {
			return 0, 0, ctorErr(fmt.Errorf("Specified argument was out of the range of valid values. (Parameter 'minLength')\nActual value was %d.", lo))
		}
		if hi <= 0 {
			return 0, 0, ctorErr(fmt.Errorf("Specified argument was out of the range of valid values. (Parameter 'maxLength')\nActual value was %d.", hi))
		}
		if hi < lo {
			return 0, 0, ctorErr(&validationError{msg: what})
		}
		return lo, hi, nil
	}
	switch name {
	case "validatenotnull", "validatenotnullorempty", "validatenotnullorwhitespace":
		if len(attr.Args) > 0 {
			if attr.Args[0].Name != "" {
				return nil, false, propertyNotFound(attr.Args[0], attr.Name)
			}
			return nil, false, ctorArgCount(attr, len(attr.Args))
		}
		switch name {
		case "validatenotnull":
			return validateNotNull{}, true, nil
		case "validatenotnullorempty":
			return validateNotNullOr{}, true, nil
		}
		return validateNotNullOr{white: true}, true, nil
	case "validateset":
		args, err := s.attrArgs(attr, file, []string{"IgnoreCase", "ErrorMessage"})
		if err != nil {
			return nil, false, err
		}
		vs := &validateSet{ignoreCase: true}
		for _, a := range args.pos {
			if t, ok := a.(*value.Type); ok {
				return nil, false, notImplemented(attr.Pos, "", "[ValidateSet(["+t.Name+"])] (a generator of valid values)")
			}
			for _, it := range value.AsSlice(a) {
				vs.values = append(vs.values, value.ToString(it))
			}
		}
		if len(vs.values) == 0 {
			return nil, false, ctorErr(fmt.Errorf("Specified argument was out of the range of valid values. (Parameter 'validValues')"))
		}
		if v, ok := args.named["ignorecase"]; ok {
			vs.ignoreCase = value.ToBool(v)
		}
		if v, ok := args.named["errormessage"]; ok {
			vs.message = value.ToString(v)
		}
		d.Values = vs.values // for completion and help
		return vs, true, nil
	case "validatecount":
		args, err := s.attrArgs(attr, file, nil)
		if err != nil {
			return nil, false, err
		}
		lo, hi, err := minMax(args, msgCountMaxSmallerThanMin)
		if err != nil {
			return nil, false, err
		}
		return validateCount{min: lo, max: hi}, true, nil
	case "validatelength":
		args, err := s.attrArgs(attr, file, nil)
		if err != nil {
			return nil, false, err
		}
		lo, hi, err := minMax(args, msgLengthMaxSmallerThanMin)
		if err != nil {
			return nil, false, err
		}
		return validateLength{min: lo, max: hi}, true, nil
	case "validaterange":
		args, err := s.attrArgs(attr, file, nil)
		if err != nil {
			return nil, false, err
		}
		switch len(args.pos) {
		case 1:
			kind, err := rangeKindName(args.pos[0])
			if err != nil {
				return nil, false, ctorErr(err)
			}
			return &validateRange{kind: kind}, true, nil
		case 2:
			vr, err := newValidateRange(args.pos[0], args.pos[1])
			if err != nil {
				return nil, false, ctorErr(err)
			}
			return vr, true, nil
		}
		return nil, false, ctorArgCount(attr, len(args.pos))
	case "validatepattern":
		args, err := s.attrArgs(attr, file, []string{"Options", "ErrorMessage"})
		if err != nil {
			return nil, false, err
		}
		if len(args.pos) != 1 {
			return nil, false, ctorArgCount(attr, len(args.pos))
		}
		vp := &validatePattern{pattern: value.ToString(args.pos[0]), options: regexp2.IgnoreCase}
		if vp.pattern == "" {
			return nil, false, ctorErr(fmt.Errorf("The value cannot be an empty string. (Parameter 'regexPattern')"))
		}
		if v, ok := args.named["options"]; ok {
			if vp.options, err = regexOptions(v); err != nil {
				return nil, false, ctorErr(err)
			}
		}
		if v, ok := args.named["errormessage"]; ok {
			vp.message = value.ToString(v)
		}
		return vp, true, nil
	case "validatescript":
		args, err := s.attrArgs(attr, file, []string{"ErrorMessage"})
		if err != nil {
			return nil, false, err
		}
		if len(args.pos) != 1 {
			return nil, false, ctorArgCount(attr, len(args.pos))
		}
		sb, ok := args.pos[0].(*ScriptBlock)
		if !ok {
			if args.pos[0] == nil {
				return nil, false, ctorErr(fmt.Errorf("Value cannot be null. (Parameter 'scriptBlock')"))
			}
			cv, err := s.convert(args.pos[0], &value.Type{Name: value.TScriptBlock})
			if err != nil {
				return nil, false, ctorErr(err)
			}
			sb = cv.(*ScriptBlock)
		}
		vs := &validateScript{sb: sb}
		if v, ok := args.named["errormessage"]; ok {
			vs.message = value.ToString(v)
		}
		return vs, true, nil
	}
	return nil, false, nil
}

// validateArg runs a script parameter's PSTypeName check and validation
// attributes on a converted value.
func validateArg(tc typeConverter, fr frame, spec *bindSpec, p *ParamDef, v any, pos parser.Pos) error {
	if p.PSTypeName != "" && v != nil {
		for _, it := range value.AsSlice(v) {
			if it != nil && !hasPSTypeName(it, p.PSTypeName) {
				return bindError(BindValueInvalid, pos, spec.command, "MismatchedPSTypeName", InvalidArgument, msgMismatchedPSTypeName, p.Name, p.PSTypeName)
			}
		}
	}
	if len(p.validators) == 0 {
		return nil
	}
	vc := &valCtx{tc: tc, fr: fr}
	for _, val := range p.validators {
		if err := val.validate(vc, v); err != nil {
			var ve *validationError
			if !errors.As(err, &ve) {
				return err
			}
			kind := BindValueInvalid
			switch val.(type) {
			case *validateSet, *validateRange:
				kind = BindValueNotAllowed
			}
			e := bindError(kind, pos, spec.command, "ParameterArgumentValidationError", InvalidData, msgArgumentValidation, p.Name, ve.msg)
			e.rec.Exception = "System.Management.Automation.ParameterBindingValidationException"
			return e
		}
	}
	return nil
}

// hasPSTypeName reports whether v has name among its PSTypeNames.
func hasPSTypeName(v any, name string) bool {
	if o, ok := v.(*value.Object); ok {
		for _, t := range o.TypeNames {
			if strings.EqualFold(t, name) {
				return true
			}
		}
		return false
	}
	t := value.TypeName(v)
	return strings.EqualFold(t, name) || strings.EqualFold(name, value.TObject)
}

// checkMandatoryValue refuses $null, "" and an empty collection for a
// mandatory parameter unless [AllowNull()], [AllowEmptyString()] or
// [AllowEmptyCollection()] allows that case; the items of a collection
// are checked for $null and "" too. typ is the parameter's type.
func checkMandatoryValue(spec *bindSpec, p *ParamDef, typ *value.Type, v any, pos parser.Pos) error {
	fail := func(id, format string) error {
		e := bindError(BindValueInvalid, pos, spec.command, id, InvalidData, format, p.Name)
		e.rec.Exception = "System.Management.Automation.ParameterBindingValidationException"
		return e
	}
	isString := func(t *value.Type) bool { return t != nil && t.Name == value.TString }
	if v == nil {
		if !p.AllowNull {
			return fail("ParameterArgumentValidationErrorNullNotAllowed", msgNullNotAllowed)
		}
		return nil
	}
	if isString(typ) {
		if str, ok := v.(string); ok && str == "" && !p.AllowEmptyString {
			return fail("ParameterArgumentValidationErrorEmptyStringNotAllowed", msgEmptyStringNotAllowed)
		}
		return nil
	}
	a, ok := v.(*value.Array)
	if !ok || typ == nil || !isCollectionType(typ) {
		return nil
	}
	if len(a.Items) == 0 {
		if !p.AllowEmptyCollection {
			if typ.Elem != nil {
				return fail("ParameterArgumentValidationErrorEmptyArrayNotAllowed", msgEmptyArrayNotAllowed)
			}
			return fail("ParameterArgumentValidationErrorEmptyCollectionNotAllowed", msgEmptyCollectionNotAllowed)
		}
		return nil
	}
	if valueTypeElems(a) {
		return nil
	}
	for _, it := range a.Items {
		if it == nil && !p.AllowNull {
			return fail("ParameterArgumentValidationErrorNullNotAllowed", msgNullNotAllowed)
		}
		if str, ok := it.(string); ok && str == "" && isString(typ.Elem) && !p.AllowEmptyString {
			return fail("ParameterArgumentValidationErrorEmptyStringNotAllowed", msgEmptyStringNotAllowed)
		}
	}
	return nil
}

// isCollectionType reports whether a parameter type is an array or a
// list, whose empty value a mandatory parameter refuses.
func isCollectionType(t *value.Type) bool {
	if t.Elem != nil {
		return true
	}
	switch t.GenericBase() {
	case value.TList, value.TArrayList, value.TArray:
		return true
	}
	return false
}
