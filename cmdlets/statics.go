package cmdlets

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/dlclark/regexp2"
)

// regexpMatch is the match type handed to replacement callbacks.
type regexpMatch = regexp2.Match

// regexValue is a [regex] object.
type regexValue struct {
	re      *regexp2.Regexp
	pattern string
}

func (r *regexValue) PSString() string   { return r.pattern }
func (r *regexValue) PSTypeName() string { return value.TRegex }

// regexMatches is the result of Regex.Matches.
type regexMatches struct{ items []any }

func (r *regexMatches) PSString() string   { return "System.Text.RegularExpressions.MatchCollection" }
func (r *regexMatches) PSTypeName() string { return "System.Text.RegularExpressions.MatchCollection" }

// matchObject turns a regex match into a Match object.
func matchObject(re *regexp2.Regexp, m *regexp2.Match) *value.Object {
	o := value.NewObject("System.Text.RegularExpressions.Match")
	var groups []any
	for _, g := range m.Groups() {
		go_ := value.NewObject("System.Text.RegularExpressions.Group")
		go_.Set("Name", g.Name)
		go_.Set("Success", len(g.Captures) > 0)
		go_.Set("Value", g.String())
		go_.Set("Index", g.Index)
		go_.Set("Length", g.Length)
		go_.SetToString(g.String())
		groups = append(groups, go_)
	}
	o.Set("Groups", &value.Array{Items: groups, Kind: "groups"})
	o.Set("Success", true)
	o.Set("Name", "0")
	o.Set("Captures", &value.Array{})
	o.Set("Index", m.Index)
	o.Set("Length", m.Length)
	o.Set("Value", m.String())
	o.SetToString(m.String())
	return o
}

func (s *Session) regexMethod(fr frame, r *regexValue, lname string, args []any) (any, error) {
	in := value.ToString(argOr(args, 0))
	switch lname {
	case "ismatch":
		ok, err := r.re.MatchString(in)
		return ok, err
	case "match":
		m, err := r.re.FindStringMatch(in)
		if err != nil {
			return nil, err
		}
		if m == nil {
			o := value.NewObject("System.Text.RegularExpressions.Match")
			o.Set("Success", false)
			o.Set("Value", "")
			o.Set("Groups", &value.Array{})
			o.SetToString("")
			return o, nil
		}
		return matchObject(r.re, m), nil
	case "matches":
		var items []any
		m, err := r.re.FindStringMatch(in)
		for m != nil && err == nil {
			items = append(items, matchObject(r.re, m))
			m, err = r.re.FindNextMatch(m)
		}
		return &value.Array{Items: items}, err
	case "replace":
		if sb, ok := argOr(args, 1).(*ScriptBlock); ok {
			return s.replaceWithBlock(fr, in, r.pattern, sb, false)
		}
		return r.re.Replace(in, value.ToString(argOr(args, 1)), -1, -1)
	case "split":
		parts, err := s.regexSplit(in, r.pattern, 0, false)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return &value.Array{Items: out}, nil
	case "tostring":
		return r.pattern, nil
	}
	return nil, notFoundMethod(r, lname)
}

// stringBuilder is a System.Text.StringBuilder.
type stringBuilder struct{ b strings.Builder }

func (sb *stringBuilder) PSString() string   { return sb.b.String() }
func (sb *stringBuilder) PSTypeName() string { return "System.Text.StringBuilder" }

func (sb *stringBuilder) call(s *Session, lname string, args []any) (any, error) {
	switch lname {
	case "append":
		sb.b.WriteString(s.toString(argOr(args, 0)))
		return sb, nil
	case "appendline":
		if len(args) > 0 {
			sb.b.WriteString(s.toString(args[0]))
		}
		sb.b.WriteString("\n")
		return sb, nil
	case "appendformat":
		out, err := value.FormatComposite(value.ToString(argOr(args, 0)), args[1:])
		if err != nil {
			return nil, err
		}
		sb.b.WriteString(out)
		return sb, nil
	case "clear":
		sb.b.Reset()
		return sb, nil
	case "tostring":
		return sb.b.String(), nil
	case "insert":
		i, _ := value.ToInt(argOr(args, 0))
		cur := []rune(sb.b.String())
		if i < 0 || i > len(cur) {
			return nil, argErr("Index was out of range.")
		}
		next := string(cur[:i]) + s.toString(argOr(args, 1)) + string(cur[i:])
		sb.b.Reset()
		sb.b.WriteString(next)
		return sb, nil
	}
	return nil, notFoundMethod(sb, lname)
}

// staticMember reads a static property or calls a static method of t.
func (s *Session) staticMember(fr frame, t *value.Type, name string, call bool, args []any) (any, error) {
	lname := strings.ToLower(name)
	ltype := strings.ToLower(t.Name)
	if c := s.classes[ltype]; c != nil {
		return s.classStatic(fr, c, name, call, args)
	}
	if lname == "new" && call {
		return s.newObject(fr, t, args)
	}
	sc := &staticCall{s: s, fr: fr, t: t, name: name, lname: lname, call: call, args: args}
	if f, ok := s.statics[ltype]; ok {
		return f(sc)
	}
	return sc.notImplemented()
}

// staticCall is one use of a static member of a .NET type: [T]::Name or
// [T]::Name(args).
type staticCall struct {
	s     *Session
	fr    frame
	t     *value.Type
	name  string // the member's name as written
	lname string // the member's name in lower case
	call  bool   // a method call rather than a property read
	args  []any
}

// arg returns argument i, or nil.
func (c *staticCall) arg(i int) any { return argOr(c.args, i) }

// argS returns argument i as a string.
func (c *staticCall) argS(i int) string { return value.ToString(argOr(c.args, i)) }

// notImplemented is the answer for a static member csemu does not emulate.
func (c *staticCall) notImplemented() (any, error) {
	if c.call {
		return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("[%s]::%s()", c.t.Name, c.name)}
	}
	return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("[%s]::%s", c.t.Name, c.name)}
}

// outArg writes v to the [ref] given for an out parameter (argument i);
// an argument that is not a [ref] fails as PowerShell's method binder
// does.
func (c *staticCall) outArg(i int, v any) error {
	r, ok := c.arg(i).(*refValue)
	if !ok {
		return &methodErr{typ: "NonRefArgument", msg: fmt.Sprintf("Argument: '%d' should be a System.Management.Automation.PSReference. Use [ref].", i+1)}
	}
	return r.set(v)
}

// wantArgs fails a method call whose argument count none of the
// emulated overloads takes.
func (c *staticCall) wantArgs(counts ...int) error {
	for _, n := range counts {
		if len(c.args) == n {
			return nil
		}
	}
	return &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", c.name, len(c.args))}
}

// dateMin returns [datetime]::MinValue.
func dateMin() time.Time { return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC) }

// parseNumber parses a string as the TryParse of a .NET numeric type
// does with its default styles: white space around, a sign, digits;
// for the floating-point types also a decimal point, thousands
// separators and an exponent (for [decimal] no exponent). It fails on
// anything else (hex, a type suffix) and on a value out of range.
func parseNumber(v any, t *value.Type) (any, bool) {
	str, ok := v.(string)
	if !ok {
		if v == nil {
			return nil, false
		}
		str = value.ToString(v)
	}
	str = strings.TrimSpace(str)
	float := t.Name == value.TDouble || t.Name == value.TSingle || t.Name == value.TDecimal
	i := 0
	if i < len(str) && (str[i] == '+' || str[i] == '-') {
		i++
	}
	digits, point, exp := 0, false, false
	for ; i < len(str); i++ {
		ch := str[i]
		switch {
		case ch >= '0' && ch <= '9':
			digits++
		case float && ch == '.' && !point && !exp:
			point = true
		case float && ch == ',' && !point && !exp && digits > 0:
		case float && t.Name != value.TDecimal && (ch == 'e' || ch == 'E') && !exp && digits > 0:
			exp = true
			if i+1 < len(str) && (str[i+1] == '+' || str[i+1] == '-') {
				i++
			}
		default:
			return nil, false
		}
	}
	if digits == 0 {
		return nil, false
	}
	cv, err := value.Convert(strings.ReplaceAll(str, ",", ""), t)
	if err != nil {
		return nil, false
	}
	return cv, true
}

// staticFunc implements the static members of a .NET type.
type staticFunc func(c *staticCall) (any, error)

// staticTypeName returns the full name of a type that is known only by
// its static members (Stopwatch, LanguagePrimitives), in the case of
// the table's entry.
func staticTypeName(name string) (string, bool) {
	for _, t := range []string{typeStopwatch, typeLanguagePrimitives, typePlatform} {
		if strings.EqualFold(t, name) {
			return t, true
		}
	}
	return "", false
}

// staticTypes maps the lower-case names of the .NET types that have
// emulated static members to the functions implementing them.
func staticTypes() map[string]staticFunc {
	m := map[string]staticFunc{}
	add := func(f staticFunc, types ...string) {
		for _, t := range types {
			m[strings.ToLower(t)] = f
		}
	}
	add(stringStatics, value.TString)
	add(mathStatics, "System.Math")
	add(decimalStatics, value.TDecimal)
	add(numberStatics, value.TInt32, value.TInt64, value.TDouble, value.TByte, value.TInt16, value.TUInt16,
		value.TUInt32, value.TUInt64, value.TSByte, value.TSingle)
	add(bigIntStatics, value.TBigInt)
	add(boolStatics, value.TBool)
	add(charStatics, value.TChar)
	add(dateTimeStatics, value.TDateTime)
	add(timeSpanStatics, value.TTimeSpan)
	add(guidStatics, value.TGuid)
	add(scriptBlockStatics, value.TScriptBlock)
	add(regexStatics, value.TRegex)
	add(environmentStatics, "System.Environment")
	add(pathStatics, "System.IO.Path")
	add(fileStatics, "System.IO.File")
	add(directoryStatics, "System.IO.Directory")
	add(convertStatics, "System.Convert")
	add(encodingStatics, "System.Text.Encoding", "System.Text.UTF8Encoding", "System.Text.UnicodeEncoding", "System.Text.UTF32Encoding",
		"System.Text.ASCIIEncoding")
	add(arrayStatics, value.TArray, "System.Object[]")
	add(enumMemberStatics, value.TActionPref, value.TConsoleColor, "System.Environment+SpecialFolder", "System.StringComparison", "System.MidpointRounding",
		"System.StringSplitOptions", typeNormalizationForm, "System.DayOfWeek", "System.DateTimeKind", "System.Management.Automation.ErrorCategory", typeOutputRendering, typeProgressView)
	add(enumStatics, "System.Enum")
	add(cultureStatics, "System.Globalization.CultureInfo")
	add(stopwatchStatics, typeStopwatch)
	add(languagePrimitivesStatics, typeLanguagePrimitives)
	add(platformStatics, typePlatform)
	add(psStyleStatics, "System.Management.Automation.PSStyle")
	add(wildcardPatternStatics, "System.Management.Automation.WildcardPattern")
	add(credentialStatics, "System.Management.Automation.PSCredential")
	add(stringComparerStatics, "System.StringComparer")
	add(ipAddressStatics, typeIPAddress)
	add(objectStatics, value.TObject)
	add(timeZoneInfoStatics, typeTimeZoneInfo)
	add(timeZoneStatics, "System.TimeZone")
	add(dateTimeOffsetStatics, typeDateTimeOffst)
	add(jsonObjectStatics, typeJSONObject)
	add(parserStatics, value.LanguageNS+"Parser")
	add(tokenEnumStatics, value.LanguageNS+"TokenKind", value.LanguageNS+"TokenFlags")
	return m
}

// stringStatics implements the static members of [string].
func stringStatics(c *staticCall) (any, error) {
	args := c.args
	switch c.lname {
	case "isnullorempty":
		v := c.arg(0)
		return v == nil || value.ToString(v) == "", nil
	case "isnullorwhitespace":
		v := c.arg(0)
		return v == nil || strings.TrimSpace(value.ToString(v)) == "", nil
	case "join":
		var parts []string
		for _, a := range args[1:] {
			for _, it := range value.AsSlice(a) {
				parts = append(parts, c.s.toString(it))
			}
		}
		return strings.Join(parts, c.argS(0)), nil
	case "concat":
		var b strings.Builder
		for _, a := range args {
			for _, it := range value.AsSlice(a) {
				b.WriteString(c.s.toString(it))
			}
		}
		return b.String(), nil
	case "format":
		if len(args) == 2 {
			if a, ok := args[1].(*value.Array); ok {
				return value.FormatComposite(c.argS(0), a.Items)
			}
		}
		if len(args) == 0 {
			break
		}
		return value.FormatComposite(c.argS(0), args[1:])
	case "empty":
		return "", nil
	case "compare":
		return stringCompareStatic(c)
	case "compareordinal":
		return stringCompareOrdinal(c)
	case "equals":
		// String.Equals(a, b[, comparisonType]): ordinal by default; null
		// equals only null
		m := cmpOrdinal
		switch len(args) {
		case 2:
		case 3:
			var err error
			if m, err = toStringComparison(args[2], "comparisonType", "Equals"); err != nil {
				return nil, err
			}
		default:
			return nil, c.wantArgs(2, 3)
		}
		if args[0] == nil || args[1] == nil {
			return args[0] == nil && args[1] == nil, nil
		}
		return equalStrings(c.argS(0), c.argS(1), m), nil
	}
	return c.notImplemented()
}

// newString is the constructor String(char c, int count).
func newString(args []any) (any, error) {
	ch, err := value.Convert(args[0], &value.Type{Name: value.TChar})
	if err != nil {
		return nil, argConvErr("c", args[0], ".ctor", value.TChar, err)
	}
	n, err := value.ToInt(args[1])
	if err != nil {
		return nil, argConvErr("count", args[1], ".ctor", value.TInt32, err)
	}
	if n < 0 {
		return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Count cannot be less than zero. (Parameter 'count')"}
	}
	if err := value.CheckStringLength(int64(n)); err != nil {
		return nil, &methodErr{typ: "System.OutOfMemoryException", msg: err.Error()}
	}
	return strings.Repeat(string(ch.(rune)), n), nil
}

// numberStatics implements the static members of the numeric types.
func numberStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "maxvalue", "minvalue":
		return numLimit(c.t.Name, c.lname == "maxvalue"), nil
	case "parse":
		if c.arg(0) == nil {
			// Int32.Parse(string s) and the others refuse a null string
			return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 's')"}
		}
		v, err := value.Convert(c.arg(0), c.t)
		if err != nil {
			return nil, &methodErr{typ: "System.FormatException", msg: fmt.Sprintf("The input string '%s' was not in a correct format.", c.argS(0))}
		}
		return v, nil
	case "tryparse":
		// TryParse(s, out result) and TryParse(s, styles, provider, out result)
		if err := c.wantArgs(2, 4); err != nil {
			return nil, err
		}
		v, ok := parseNumber(c.arg(0), c.t)
		if !ok {
			v, _ = value.Convert(0, c.t)
		}
		return ok, c.outArg(len(c.args)-1, v)
	}
	if c.t.Name == value.TDouble || c.t.Name == value.TSingle {
		var r any
		switch c.lname {
		case "nan":
			r = math.NaN()
		case "positiveinfinity":
			r = math.Inf(1)
		case "negativeinfinity":
			r = math.Inf(-1)
		case "epsilon":
			r = math.SmallestNonzeroFloat64
			if c.t.Name == value.TSingle {
				return float32(math.SmallestNonzeroFloat32), nil
			}
		case "isnan", "isinfinity", "ispositiveinfinity", "isnegativeinfinity", "isfinite":
			f, _ := value.ToFloat(c.arg(0))
			switch c.lname {
			case "isnan":
				return math.IsNaN(f), nil
			case "isinfinity":
				return math.IsInf(f, 0), nil
			case "ispositiveinfinity":
				return math.IsInf(f, 1), nil
			case "isnegativeinfinity":
				return math.IsInf(f, -1), nil
			}
			return !math.IsInf(f, 0) && !math.IsNaN(f), nil
		}
		if r != nil {
			if c.t.Name == value.TSingle {
				return float32(r.(float64)), nil
			}
			return r, nil
		}
	}
	return c.notImplemented()
}

// bigIntStatics implements the static members of [bigint].
func bigIntStatics(c *staticCall) (any, error) {
	conv := func(i int) (*big.Int, error) {
		v, err := value.Convert(c.arg(i), c.t)
		if err != nil {
			return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
		}
		return v.(*big.Int), nil
	}
	switch c.lname {
	case "zero":
		return big.NewInt(0), nil
	case "one":
		return big.NewInt(1), nil
	case "minusone":
		return big.NewInt(-1), nil
	case "parse":
		b, ok := new(big.Int).SetString(strings.TrimSpace(c.argS(0)), 10)
		if !ok {
			return nil, &methodErr{typ: "System.FormatException", msg: "The value could not be parsed."}
		}
		return b, nil
	case "pow":
		x, err := conv(0)
		if err != nil {
			return nil, err
		}
		e, err := value.ToInt(c.arg(1))
		if err != nil || e < 0 {
			return nil, argErr("The number must be greater than or equal to zero. (Parameter 'exponent')")
		}
		return new(big.Int).Exp(x, big.NewInt(int64(e)), nil), nil
	case "abs", "negate":
		x, err := conv(0)
		if err != nil {
			return nil, err
		}
		if c.lname == "abs" {
			return new(big.Int).Abs(x), nil
		}
		return new(big.Int).Neg(x), nil
	case "add", "subtract", "multiply", "divide", "remainder", "compare", "max", "min", "greatestcommondivisor":
		x, err := conv(0)
		if err != nil {
			return nil, err
		}
		y, err := conv(1)
		if err != nil {
			return nil, err
		}
		r := new(big.Int)
		switch c.lname {
		case "add":
			return r.Add(x, y), nil
		case "subtract":
			return r.Sub(x, y), nil
		case "multiply":
			return r.Mul(x, y), nil
		case "compare":
			return x.Cmp(y), nil
		case "max":
			if x.Cmp(y) >= 0 {
				return x, nil
			}
			return y, nil
		case "min":
			if x.Cmp(y) <= 0 {
				return x, nil
			}
			return y, nil
		case "greatestcommondivisor":
			return r.GCD(nil, nil, new(big.Int).Abs(x), new(big.Int).Abs(y)), nil
		}
		if y.Sign() == 0 {
			return nil, &methodErr{typ: "System.DivideByZeroException", msg: "Attempted to divide by zero."}
		}
		if c.lname == "divide" {
			return r.Quo(x, y), nil
		}
		return r.Rem(x, y), nil
	}
	return c.notImplemented()
}

// boolStatics implements the static members of [bool].
func boolStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "parse":
		switch strings.ToLower(strings.TrimSpace(c.argS(0))) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, &methodErr{typ: "System.FormatException", msg: fmt.Sprintf("String '%s' was not recognized as a valid Boolean.", c.argS(0))}
	case "tryparse":
		// TryParse(s, out result): $false when s is not True or False
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		b, ok := false, false
		switch strings.ToLower(strings.TrimSpace(c.argS(0))) {
		case "true":
			b, ok = true, true
		case "false":
			ok = true
		}
		return ok, c.outArg(1, b)
	case "truestring":
		return "True", nil
	case "falsestring":
		return "False", nil
	}
	return c.notImplemented()
}

// charStatics implements the static members of [char]; each reads the
// first character of its argument, and is $false without one.
func charStatics(c *staticCall) (any, error) {
	r := []rune(c.argS(0))
	if len(r) == 0 {
		return false, nil
	}
	ch := r[0]
	if rr, ok := c.arg(0).(rune); ok {
		ch = rr
	}
	switch c.lname {
	case "isdigit":
		return unicode.IsDigit(ch), nil
	case "isletter":
		return unicode.IsLetter(ch), nil
	case "isletterordigit":
		return unicode.IsLetter(ch) || unicode.IsDigit(ch), nil
	case "iswhitespace":
		return unicode.IsSpace(ch), nil
	case "isupper":
		return unicode.IsUpper(ch), nil
	case "islower":
		return unicode.IsLower(ch), nil
	case "toupper":
		return unicode.ToUpper(ch), nil
	case "tolower":
		return unicode.ToLower(ch), nil
	}
	return c.notImplemented()
}

// dateTimeStatics implements the static members of [datetime]; the
// current time is the emulated clock's.
func dateTimeStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "now":
		return c.s.clock.Now(), nil
	case "utcnow":
		return c.s.clock.Now().UTC(), nil
	case "today":
		n := c.s.clock.Now()
		y, m, d := n.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, n.Location()), nil
	case "parse":
		d, err := value.ParseDate(c.argS(0))
		if err != nil {
			return nil, &methodErr{typ: "System.FormatException", msg: err.Error()}
		}
		return d, nil
	case "parseexact":
		d, err := value.ParseDateExact(c.argS(0), c.argS(1))
		if err != nil {
			return nil, &methodErr{typ: "System.FormatException", msg: err.Error()}
		}
		return d, nil
	case "tryparse":
		// TryParse(s, out result) and TryParse(s, provider, styles, out result)
		if err := c.wantArgs(2, 4); err != nil {
			return nil, err
		}
		var d any = dateMin()
		t, err := value.ParseDate(c.argS(0))
		if err == nil && c.arg(0) != nil {
			d = t
		}
		return err == nil && c.arg(0) != nil, c.outArg(len(c.args)-1, d)
	case "tryparseexact":
		// TryParseExact(s, format, provider, styles, out result)
		if err := c.wantArgs(5); err != nil {
			return nil, err
		}
		var d any = dateMin()
		t, err := value.ParseDateExact(c.argS(0), c.argS(1))
		if err == nil && c.arg(0) != nil {
			d = t
		}
		return err == nil && c.arg(0) != nil, c.outArg(4, d)
	case "minvalue":
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), nil
	case "maxvalue":
		return time.Date(9999, 12, 31, 23, 59, 59, 999999900, time.UTC), nil
	case "daysinmonth":
		y, _ := value.ToInt(c.arg(0))
		m, _ := value.ToInt(c.arg(1))
		return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(), nil
	case "isleapyear":
		y, _ := value.ToInt(c.arg(0))
		return y%4 == 0 && (y%100 != 0 || y%400 == 0), nil
	}
	return c.notImplemented()
}

// timeSpanStatics implements the static members of [timespan].
func timeSpanStatics(c *staticCall) (any, error) {
	f, _ := value.ToFloat(c.arg(0))
	switch c.lname {
	case "fromdays":
		return time.Duration(f * float64(24*time.Hour)), nil
	case "fromhours":
		return time.Duration(f * float64(time.Hour)), nil
	case "fromminutes":
		return time.Duration(f * float64(time.Minute)), nil
	case "fromseconds":
		return time.Duration(f * float64(time.Second)), nil
	case "frommilliseconds":
		return time.Duration(f * float64(time.Millisecond)), nil
	case "fromticks":
		if !c.call {
			break
		}
		n, err := value.ToInt64(c.arg(0))
		if err != nil {
			return nil, argConvErr("value", c.arg(0), "FromTicks", value.TInt64, err)
		}
		return time.Duration(n) * 100, nil
	case "frommicroseconds":
		// whole ticks, as .NET 7's FromMicroseconds(double) rounds
		return time.Duration(math.Round(f*10)) * 100, nil
	case "zero":
		return time.Duration(0), nil
	case "parse":
		return value.Convert(c.arg(0), c.t)
	}
	return c.notImplemented()
}

// guidStatics implements the static members of [guid]; new GUIDs come
// from the session's generator.
func guidStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "newguid":
		return value.Guid(c.s.newID()), nil
	case "empty":
		return value.Guid("00000000-0000-0000-0000-000000000000"), nil
	case "parse":
		return value.Convert(c.arg(0), c.t)
	case "tryparse":
		// TryParse(s, out result): the empty GUID when s is not one
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		var g any = value.Guid("00000000-0000-0000-0000-000000000000")
		_, isStr := c.arg(0).(string)
		v, err := value.Convert(c.arg(0), c.t)
		ok := err == nil && isStr
		if ok {
			g = v
		}
		return ok, c.outArg(1, g)
	}
	return c.notImplemented()
}

// scriptBlockStatics implements [scriptblock]::Create.
func scriptBlockStatics(c *staticCall) (any, error) {
	if c.lname == "create" {
		return c.s.scriptBlockFromText(c.argS(0))
	}
	return c.notImplemented()
}

// regexStatics implements the static members of [regex]: Escape and
// Unescape, and the methods that take the input, the pattern and the
// options (and, for Replace, the replacement).
func regexStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "escape":
		return escapeRegex(c.argS(0)), nil
	case "unescape":
		return regexUnescape(c.argS(0)), nil
	}
	re, err := c.s.compileRegex(c.argS(1), len(c.args) > 2 && strings.Contains(strings.ToLower(c.argS(2)), "ignorecase"))
	if err != nil {
		return nil, err
	}
	rv := &regexValue{re: re, pattern: c.argS(1)}
	switch c.lname {
	case "ismatch", "match", "matches", "split":
		return c.s.regexMethod(c.fr, rv, c.lname, []any{c.arg(0)})
	case "replace":
		return c.s.regexMethod(c.fr, rv, c.lname, []any{c.arg(0), c.arg(2)})
	}
	return c.notImplemented()
}

// environmentStatics implements the static members of
// [System.Environment].
func environmentStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "newline":
		return "\n", nil
	case "machinename":
		h, _ := c.s.host.hostname()
		return h, nil
	case "username":
		if u, ok := c.s.getEnv("USER"); ok {
			return u, nil
		}
		return "", nil
	case "getenvironmentvariable":
		v, _ := c.s.getEnv(c.argS(0))
		return v, nil
	case "setenvironmentvariable":
		_ = c.s.setVar(c.fr.scope, "env:"+c.argS(0), c.arg(1))
		return voidValue{}, nil
	case "currentdirectory":
		wd, _ := c.s.host.procWD()
		return wd, nil
	case "osversion":
		return "Unix", nil
	case "is64bitoperatingsystem", "is64bitprocess":
		return true, nil
	case "processorcount":
		return 2, nil
	case "tickcount":
		return int(c.s.clock.Now().UnixMilli() & 0x7fffffff), nil
	case "getfolderpath":
		home, _ := c.s.host.home()
		return home, nil
	case "exit":
		code, _ := value.ToInt(c.arg(0))
		return nil, &flow{kind: "exit", code: code}
	}
	return c.notImplemented()
}

// convertStatics implements the static members of [System.Convert].
func convertStatics(c *staticCall) (any, error) {
	args := c.args
	switch c.lname {
	case "toint32", "toint16", "tobyte":
		if len(args) == 2 {
			base, _ := value.ToInt(args[1])
			var n int64
			_, err := fmt.Sscanf(strings.ToLower(strings.TrimPrefix(strings.ToLower(c.argS(0)), "0x")), map[int]string{2: "%b", 8: "%o", 10: "%d", 16: "%x"}[base], &n)
			if err != nil {
				return nil, &methodErr{typ: "System.FormatException", msg: "Could not find any recognizable digits."}
			}
			return int(n), nil
		}
		return value.Convert(c.arg(0), &value.Type{Name: value.TInt32})
	case "toint64":
		return value.Convert(c.arg(0), &value.Type{Name: value.TInt64})
	case "todouble":
		return value.Convert(c.arg(0), &value.Type{Name: value.TDouble})
	case "tostring":
		if len(args) == 2 {
			n, _ := value.ToInt64(args[0])
			base, _ := value.ToInt(args[1])
			return fmt.Sprintf(map[int]string{2: "%b", 8: "%o", 10: "%d", 16: "%x"}[base], n), nil
		}
		return value.ToString(c.arg(0)), nil
	case "toboolean":
		return value.Convert(c.arg(0), &value.Type{Name: value.TBool})
	case "todatetime":
		return value.Convert(c.arg(0), value.TypeDateTime)
	case "tobase64string":
		var b []byte
		for _, it := range value.AsSlice(c.arg(0)) {
			n, _ := value.ToInt(it)
			b = append(b, byte(n))
		}
		return base64.StdEncoding.EncodeToString(b), nil
	case "frombase64string":
		b, err := base64.StdEncoding.DecodeString(c.argS(0))
		if err != nil {
			return nil, &methodErr{typ: "System.FormatException", msg: "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters."}
		}
		out := make([]any, len(b))
		for i, ch := range b {
			out[i] = int(ch)
		}
		return &value.Array{Items: out, Elem: value.TByte}, nil
	}
	return c.notImplemented()
}

// arrayStatics implements the static members of [array].
func arrayStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "reverse":
		if a, ok := c.arg(0).(*value.Array); ok {
			for i, j := 0, len(a.Items)-1; i < j; i, j = i+1, j-1 {
				a.Items[i], a.Items[j] = a.Items[j], a.Items[i]
			}
		}
		return voidValue{}, nil
	case "indexof":
		for i, it := range value.AsSlice(c.arg(0)) {
			if value.Equal(it, c.arg(1), true) {
				return i, nil
			}
		}
		return -1, nil
	case "empty":
		return &value.Array{}, nil
	case "sort":
		a, ok := c.arg(0).(*value.Array)
		if !ok || len(c.args) > 2 {
			return nil, &methodErr{typ: "NotImplemented", msg: "[array]::Sort() with keys or a range"}
		}
		a.Version++
		if len(c.args) == 2 {
			if _, isArr := c.args[1].(*value.Array); isArr {
				return nil, &methodErr{typ: "NotImplemented", msg: "[array]::Sort() with keys"}
			}
			return voidValue{}, c.s.sortWith(c.fr, a.Items, c.args[1], "Sort")
		}
		return voidValue{}, sortDefault(a.Items)
	}
	return c.notImplemented()
}

// enumMemberStatics reads a member of one of the .NET enums scripts use
// ([ConsoleColor]::Red); an enum whose names csemu does not list takes
// any name.
func enumMemberStatics(c *staticCall) (any, error) {
	if c.call {
		return c.notImplemented()
	}
	names := enumNames(c.t.Name)
	for i, n := range names {
		if strings.EqualFold(n, c.name) {
			return &enumValue{typ: c.t.Name, name: n, n: i}, nil
		}
	}
	if len(names) == 0 {
		return &enumValue{typ: c.t.Name, name: c.name}, nil
	}
	return nil, &methodErr{typ: "System.Management.Automation.RuntimeException", msg: fmt.Sprintf("The enum [%s] has no member named '%s'.", c.t.Name, c.name)}
}

// enumStatics implements [enum]::GetNames and GetValues.
func enumStatics(c *staticCall) (any, error) {
	if c.lname == "getnames" || c.lname == "getvalues" {
		if et, ok := c.arg(0).(*value.Type); ok {
			switch et.Name {
			case value.TActionPref:
				return strArray("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"), nil
			case value.TConsoleColor:
				return strArray("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"), nil
			}
			if cl := c.s.classes[strings.ToLower(et.Name)]; cl != nil && cl.enum {
				return strArray(cl.enumNames...), nil
			}
			// the .NET enums csemu lists: names as strings, values as
			// the enum's values, in the order of their numbers
			if names := enumNames(et.Name); names != nil {
				if c.lname == "getnames" {
					return strArray(definedEnumNames(names)...), nil
				}
				var items []any
				for i, n := range names {
					if n != "" {
						items = append(items, &enumValue{typ: et.Name, name: n, n: i})
					}
				}
				return &value.Array{Items: items, Elem: et.Name}, nil
			}
		}
	}
	if c.lname == "parse" && len(c.args) >= 2 {
		// Enum.Parse(Type enumType, string value[, bool ignoreCase]) for the
		// enums csemu lists; the type may be given by name
		typ, ok := c.arg(0).(*value.Type)
		if !ok {
			if t, found := c.s.resolveType(c.argS(0)); found {
				typ, ok = t, true
			}
		}
		if ok {
			if names := enumNames(typ.Name); names != nil {
				str := strings.TrimSpace(c.argS(1))
				ignoreCase := len(c.args) > 2 && value.ToBool(c.args[2])
				for i, n := range names {
					if n != "" && (n == str || ignoreCase && strings.EqualFold(n, str)) {
						return &enumValue{typ: typ.Name, name: n, n: i}, nil
					}
				}
				if n, err := strconv.Atoi(str); err == nil && n >= 0 && n < len(names) && names[n] != "" {
					return &enumValue{typ: typ.Name, name: names[n], n: n}, nil
				}
				return nil, &methodErr{typ: "System.ArgumentException", msg: fmt.Sprintf("Requested value '%s' was not found.", str)}
			}
		}
	}
	return c.notImplemented()
}

// credentialStatics implements [pscredential]::Empty: one credential
// with no user name and no password, the same object at each read (a
// default value that scripts compare with -ne).
func credentialStatics(c *staticCall) (any, error) {
	if c.lname == "empty" && !c.call {
		if c.s.emptyCred == nil {
			c.s.emptyCred = newCredential("")
		}
		return c.s.emptyCred, nil
	}
	return c.notImplemented()
}

// wildcardPatternStatics implements the static members of
// [WildcardPattern].
func wildcardPatternStatics(c *staticCall) (any, error) {
	if c.lname == "containswildcardcharacters" {
		return value.HasWildcard(c.argS(0)), nil
	}
	if c.lname == "escape" {
		r := strings.NewReplacer("*", "`*", "?", "`?", "[", "`[", "]", "`]", "`", "``")
		return r.Replace(c.argS(0)), nil
	}
	return c.notImplemented()
}

func strArray(items ...string) *value.Array {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return &value.Array{Items: out, Elem: value.TString}
}

// numLimit is [T]::MaxValue or [T]::MinValue of a numeric type, in that
// type.
func numLimit(t string, max bool) any {
	pick := func(lo, hi any) any {
		if max {
			return hi
		}
		return lo
	}
	switch t {
	case value.TInt32:
		return pick(math.MinInt32, math.MaxInt32)
	case value.TInt64:
		return pick(int64(math.MinInt64), int64(math.MaxInt64))
	case value.TByte:
		return pick(uint8(0), uint8(math.MaxUint8))
	case value.TSByte:
		return pick(int8(math.MinInt8), int8(math.MaxInt8))
	case value.TInt16:
		return pick(int16(math.MinInt16), int16(math.MaxInt16))
	case value.TUInt16:
		return pick(uint16(0), uint16(math.MaxUint16))
	case value.TUInt32:
		return pick(uint32(0), uint32(math.MaxUint32))
	case value.TUInt64:
		return pick(uint64(0), uint64(math.MaxUint64))
	case value.TSingle:
		return pick(float32(-math.MaxFloat32), float32(math.MaxFloat32))
	case value.TDecimal:
		return pick(value.DecimalMin(), value.DecimalMax())
	}
	return pick(-math.MaxFloat64, math.MaxFloat64)
}

// newObject creates an instance of a .NET type ([T]::new and New-Object).
func (s *Session) newObject(fr frame, t *value.Type, args []any) (any, error) {
	if c := s.classes[strings.ToLower(t.Name)]; c != nil {
		return s.newClassInstance(fr, c, args)
	}
	if strings.EqualFold(t.Name, typeStopwatch) {
		return s.newStopwatch(false), nil
	}
	switch t.GenericBase() {
	case value.TList, "System.Collections.Generic.HashSet", "System.Collections.Generic.Queue", "System.Collections.Generic.Stack", value.TCollection:
		elem := value.TObject
		if len(t.Args) > 0 {
			elem = t.Args[0].Name
		}
		a := &value.Array{List: true, Elem: elem}
		switch t.GenericBase() {
		case "System.Collections.Generic.HashSet":
			a.Kind = "set"
		case "System.Collections.Generic.Queue":
			a.Kind = "queue"
		case value.TCollection:
			a.Kind = "collection"
		case "System.Collections.Generic.Stack":
			a.Kind = "stack"
		}
		return s.fillCollection(t, a, args)
	case value.TDictionary, value.TSortedDictionary:
		return s.newDictionary(t, args)
	}
	if t.GenericBase() == "System.Collections.Generic.KeyValuePair" {
		o := value.NewObject(t.Name)
		o.Set("Key", argOr(args, 0))
		o.Set("Value", argOr(args, 1))
		o.SetToString(fmt.Sprintf("[%s, %s]", s.toString(argOr(args, 0)), s.toString(argOr(args, 1))))
		return o, nil
	}
	if o, ok, err := s.newEncodingObject(t.Name, args); ok {
		return o, err
	}
	if mt, ok := s.moduleType(t.Name); ok && len(args) == 0 {
		o := value.NewObject(mt.Name)
		for _, p := range mt.Properties {
			o.Set(p, nil)
		}
		return o, nil
	}
	if t.Name == "System.Globalization.CultureInfo" && len(args) >= 1 && len(args) <= 2 {
		if n, ok := args[0].(int); ok {
			return s.cultureFromValue(n)
		}
		return s.cultureNamed(value.ToString(args[0]), true)
	}
	switch t.Name {
	case value.TArrayList:
		return &value.Array{List: true}, nil
	case "System.Collections.Queue":
		return &value.Array{List: true, Kind: "queue"}, nil
	case "System.Collections.Stack":
		return &value.Array{List: true, Kind: "stack"}, nil
	case value.THashtable:
		return hashtableFromArgs(t, args, false)
	case value.TOrdered:
		return hashtableFromArgs(t, args, true)
	case value.TPSObject, value.TObject, value.TPSCustom:
		return value.NewObject(), nil
	case "System.Text.StringBuilder":
		sb := &stringBuilder{}
		if len(args) > 0 {
			if str, ok := args[0].(string); ok {
				sb.b.WriteString(str)
			}
		}
		return sb, nil
	case value.TRegex:
		pattern := value.ToString(argOr(args, 0))
		ic := len(args) > 1 && strings.Contains(strings.ToLower(value.ToString(args[1])), "ignorecase")
		re, err := s.compileRegex(pattern, ic)
		if err != nil {
			return nil, err
		}
		return &regexValue{re: re, pattern: pattern}, nil
	case value.TDateTime:
		// DateTime(y, m, d[, h, mi, s[, ms]][, DateTimeKind]): Unspecified
		// unless a kind is given
		// (the kind may be given by name: 'Utc'; the parts may end with
		// a microsecond)
		loc := value.UnspecifiedZone
		if n := len(args); n == 4 || n == 7 || n == 8 || n == 9 {
			kind := ""
			switch k := args[n-1].(type) {
			case *enumValue:
				if k.typ == "System.DateTimeKind" {
					kind = k.name
				}
			case string:
				for _, name := range []string{value.KindUnspecified, value.KindUtc, value.KindLocal} {
					if strings.EqualFold(k, name) {
						kind = name
					}
				}
			}
			if kind != "" {
				switch kind {
				case value.KindUtc:
					loc = time.UTC
				case value.KindLocal:
					loc = time.Local
				}
				args = args[:n-1]
			}
		}
		n := make([]int, 8)
		for i := 0; i < len(args) && i < 8; i++ {
			v, err := value.ToInt(args[i])
			if err != nil {
				return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
			}
			n[i] = v
		}
		if len(args) == 3 || len(args) == 6 || len(args) == 7 || len(args) == 8 {
			return time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6]*1e6+n[7]*1e3, loc), nil
		}
	case typeDateTimeOffst:
		return newDateTimeOffset(args)
	case value.TTimeSpan:
		n := make([]int64, 5)
		for i := 0; i < len(args) && i < 5; i++ {
			n[i], _ = value.ToInt64(args[i])
		}
		switch len(args) {
		case 3:
			return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, nil
		case 4:
			return time.Duration(n[0])*24*time.Hour + time.Duration(n[1])*time.Hour + time.Duration(n[2])*time.Minute + time.Duration(n[3])*time.Second, nil
		case 1:
			return time.Duration(n[0] * 100), nil
		}
	case value.TGuid:
		if len(args) == 1 {
			return value.Convert(args[0], t)
		}
	case value.TString:
		if len(args) == 2 {
			return newString(args)
		}
	case "System.Management.Automation.PSCredential":
		o := value.NewObject(t.Name)
		o.Set("UserName", value.ToString(argOr(args, 0)))
		o.Set("Password", "System.Security.SecureString")
		return o, nil
	case "System.Net.Mail.MailAddress":
		addr := value.ToString(argOr(args, 0))
		at := strings.LastIndexByte(addr, '@')
		if at <= 0 || at == len(addr)-1 {
			return nil, &methodErr{typ: "System.FormatException", msg: "The specified string is not in the form required for an e-mail address."}
		}
		o := value.NewObject(t.Name)
		o.Set("Address", addr)
		o.Set("User", addr[:at])
		o.Set("Host", addr[at+1:])
		o.Set("DisplayName", "")
		o.SetToString(addr)
		return o, nil
	case value.TVersion:
		return newVersion(args)
	}
	if t.Name == value.TErrorRecord {
		return s.newErrorRecord(args)
	}
	if strings.HasSuffix(t.Name, "Exception") {
		return newException(t.Name, args)
	}
	return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("creating [%s]", t.Name)}
}

// newErrorRecord is [System.Management.Automation.ErrorRecord]::new:
// (exception, errorId, errorCategory, targetObject), or (errorRecord,
// replaceParentContainsErrorRecordException) to give a record another
// exception.
func (s *Session) newErrorRecord(args []any) (any, error) {
	switch len(args) {
	case 4:
		ex, ok := args[0].(*value.Object)
		if !ok || !isExceptionObject(ex) {
			if args[0] == nil {
				return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'exception')"}
			}
			return nil, &methodErr{typ: "MethodArgumentConversion",
				msg: fmt.Sprintf("Cannot convert argument \"exception\", with value: \"%s\", for \"new\" to type \"System.Exception\": \"Cannot convert the \"%s\" value of type \"%s\" to type \"System.Exception\".\"",
					s.toString(args[0]), s.toString(args[0]), value.TypeName(args[0]))}
		}
		msg, _ := ex.Get("Message")
		cat, err := errorCategoryName(args[2])
		if err != nil {
			return nil, err
		}
		rec := &ErrorRecord{ID: s.toString(args[1]), Category: Category(cat), Msg: value.ToString(msg), Exception: ex.TypeName(), exc: ex}
		if args[3] != nil {
			rec.Target, rec.targetObj = s.toString(args[3]), args[3]
		}
		return rec, nil
	case 2:
		if r, ok := args[0].(*ErrorRecord); ok {
			cp := *r
			if ex, ok := args[1].(*value.Object); ok && isExceptionObject(ex) {
				msg, _ := ex.Get("Message")
				cp.Msg, cp.Exception, cp.exc, cp.Thrown = value.ToString(msg), ex.TypeName(), ex, nil
			}
			return &cp, nil
		}
	}
	return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))}
}

// errorCategories are the names of System.Management.Automation.ErrorCategory, by value.
func errorCategories() []string {
	return []string{"NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument", "InvalidData",
		"InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled", "ObjectNotFound",
		"OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied", "ResourceBusy", "ResourceExists",
		"ResourceUnavailable", "ReadError", "WriteError", "FromStdErr", "SecurityError", "ProtocolError", "ConnectionError",
		"AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled"}
}

// errorCategoryName reads an ErrorCategory value: a name or a number.
func errorCategoryName(v any) (string, error) {
	names := errorCategories()
	if e, ok := v.(*enumValue); ok {
		v = e.name
	}
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
	return "", &methodErr{typ: "MethodArgumentConversion",
		msg: fmt.Sprintf("Cannot convert argument \"errorCategory\", with value: \"%s\", for \"new\" to type \"System.Management.Automation.ErrorCategory\": \"Cannot convert value \"%s\" to type \"System.Management.Automation.ErrorCategory\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"\"",
			str, str, str, strings.Join(names, ", "))}
}

// definedEnumNames drops the "" enumNames lists for the numbers an enum
// does not define.
func definedEnumNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// enumNames lists the members of a .NET enum scripts use, at the index of
// their value ("" for a number the enum does not define; nil for the enums
// csemu does not list).
func enumNames(typ string) []string {
	switch typ {
	case typeOutputRendering:
		return []string{"Host", "PlainText", "Ansi"}
	case typeProgressView:
		return []string{"Minimal", "Classic"}
	case value.TActionPref:
		return []string{"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"}
	case value.TConsoleColor:
		return []string{"Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"}
	case "System.StringComparison":
		return []string{"CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase"}
	case "System.StringSplitOptions":
		return []string{"None", "RemoveEmptyEntries", "TrimEntries"}
	case "System.MidpointRounding":
		return midpointModes()
	case "System.DayOfWeek":
		return []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	case "System.Management.Automation.ErrorCategory":
		return errorCategories()
	case "System.DateTimeKind":
		return []string{"Unspecified", "Utc", "Local"}
	case typeNormalizationForm:
		return []string{"", "FormC", "FormD", "", "", "FormKC", "FormKD"}
	}
	return nil
}
