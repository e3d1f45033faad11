package cmdlets

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
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
		go_.Set("ToStringValue", g.String())
		groups = append(groups, go_)
	}
	o.Set("Groups", &value.Array{Items: groups, Kind: "groups"})
	o.Set("Success", true)
	o.Set("Name", "0")
	o.Set("Captures", &value.Array{})
	o.Set("Index", m.Index)
	o.Set("Length", m.Length)
	o.Set("Value", m.String())
	o.Set("ToStringValue", m.String())
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
			o.Set("ToStringValue", "")
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

// staticFunc implements the static members of a .NET type.
type staticFunc func(c *staticCall) (any, error)

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
	add(func(c *staticCall) (any, error) { return mathStatic(c.lname, c.args) }, "System.Math")
	add(numberStatics, value.TInt32, value.TInt64, value.TDouble, value.TByte, value.TDecimal, value.TInt16, value.TUInt16,
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
	add(encodingStatics, "System.Text.Encoding")
	add(arrayStatics, value.TArray, "System.Object[]")
	add(enumMemberStatics, value.TActionPref, value.TConsoleColor, "System.Environment+SpecialFolder", "System.StringComparison",
		"System.StringSplitOptions", "System.DayOfWeek", "System.DateTimeKind", "System.Management.Automation.ErrorCategory")
	add(enumStatics, "System.Enum")
	add(wildcardPatternStatics, "System.Management.Automation.WildcardPattern")
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
		ic := len(args) > 2 && value.ToBool(args[2])
		return value.CompareStrings(c.argS(0), c.argS(1), !ic), nil
	case "equals":
		return c.argS(0) == c.argS(1), nil
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
		v, err := value.Convert(c.arg(0), c.t)
		if err != nil {
			return nil, &methodErr{typ: "System.FormatException", msg: fmt.Sprintf("The input string '%s' was not in a correct format.", c.argS(0))}
		}
		return v, nil
	case "tryparse":
		_, err := value.Convert(c.arg(0), c.t)
		return err == nil, nil
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
		_, err := value.ParseDate(c.argS(0))
		return err == nil, nil
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
		return strings.ReplaceAll(c.argS(0), `\`, ""), nil
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
		wd, _ := c.s.host.wd()
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

// pathStatics implements the static members of [System.IO.Path].
func pathStatics(c *staticCall) (any, error) {
	p := nativePath(c.argS(0))
	switch c.lname {
	case "combine", "join":
		parts := make([]string, len(c.args))
		for i, a := range c.args {
			parts[i] = value.ToString(a)
		}
		return joinPath(parts...), nil
	case "getfilename":
		return filepath.Base(p), nil
	case "getextension":
		return filepath.Ext(p), nil
	case "getfilenamewithoutextension":
		b := filepath.Base(p)
		return strings.TrimSuffix(b, filepath.Ext(b)), nil
	case "getdirectoryname":
		return filepath.Dir(p), nil
	case "gettemppath":
		return c.s.tempDir() + "/", nil
	case "getfullpath":
		abs, _ := c.s.fullPath(p)
		return abs, nil
	case "directoryseparatorchar":
		return '/', nil
	case "pathseparator":
		return ':', nil
	case "ispathrooted":
		return filepath.IsAbs(p), nil
	case "getrandomfilename":
		return strings.ReplaceAll(c.s.newID()[:12], "-", "") + ".tmp", nil
	case "changeextension":
		return strings.TrimSuffix(p, filepath.Ext(p)) + c.argS(1), nil
	}
	return c.notImplemented()
}

// fileStatics implements the static members of [System.IO.File]; writes
// go through writeFile and need --allow-write.
func fileStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "exists":
		st, err := c.s.host.files.Stat(nativePath(c.argS(0)))
		return err == nil && !st.IsDir(), nil
	case "readalltext":
		text, err := c.s.readFileText(c.argS(0))
		if err != nil {
			return nil, &methodErr{typ: "System.IO.FileNotFoundException", msg: fmt.Sprintf("Could not find file '%s'.", c.argS(0))}
		}
		return text, nil
	case "readalllines":
		text, err := c.s.readFileText(c.argS(0))
		if err != nil {
			return nil, &methodErr{typ: "System.IO.FileNotFoundException", msg: fmt.Sprintf("Could not find file '%s'.", c.argS(0))}
		}
		var out []any
		for _, l := range splitLines(text) {
			out = append(out, l)
		}
		return &value.Array{Items: out, Elem: value.TString}, nil
	case "writealltext", "appendalltext", "writealllines":
		content := c.argS(1)
		if c.lname == "writealllines" {
			var parts []string
			for _, it := range value.AsSlice(c.arg(1)) {
				parts = append(parts, value.ToString(it))
			}
			content = strings.Join(parts, "\n") + "\n"
		}
		err := c.s.writeFile(c.fr, parser.Pos{}, "[System.IO.File]::"+c.name, c.argS(0), []byte(content), c.lname == "appendalltext")
		return voidValue{}, err
	}
	return c.notImplemented()
}

// directoryStatics implements [System.IO.Directory]::Exists.
func directoryStatics(c *staticCall) (any, error) {
	if c.lname == "exists" {
		st, err := c.s.host.files.Stat(nativePath(c.argS(0)))
		return err == nil && st.IsDir(), nil
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

// encodingStatics implements the encodings of [System.Text.Encoding]
// (UTF8, Unicode...), as objects that only name themselves.
func encodingStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "utf8", "unicode", "ascii", "default", "utf32":
		enc := value.NewObject("System.Text.Encoding")
		enc.Set("EncodingName", strings.ToUpper(c.lname))
		enc.Set("WebName", strings.ToLower(c.lname))
		return enc, nil
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
					if n == str || ignoreCase && strings.EqualFold(n, str) {
						return &enumValue{typ: typ.Name, name: n, n: i}, nil
					}
				}
				if n, err := strconv.Atoi(str); err == nil && n >= 0 && n < len(names) {
					return &enumValue{typ: typ.Name, name: names[n], n: n}, nil
				}
				return nil, &methodErr{typ: "System.ArgumentException", msg: fmt.Sprintf("Requested value '%s' was not found.", str)}
			}
		}
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
		return pick(value.Decimal(-7.922816251426434e28), value.Decimal(7.922816251426434e28))
	}
	return pick(-math.MaxFloat64, math.MaxFloat64)
}

func mathStatic(lname string, args []any) (any, error) {
	f := func(i int) (float64, error) {
		v, err := value.ToFloat(argOr(args, i))
		if err != nil {
			return 0, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
		}
		return v, nil
	}
	keepInt := func(r float64, like any) any {
		switch like.(type) {
		case int:
			return int(r)
		case int64:
			return int64(r)
		case value.Decimal:
			return value.Decimal(r)
		}
		return r
	}
	switch lname {
	case "pi":
		return math.Pi, nil
	case "e":
		return math.E, nil
	case "round":
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		digits := 0
		if len(args) > 1 {
			if d, err := value.ToInt(args[1]); err == nil {
				digits = d
			}
		}
		away := len(args) > 2 && strings.EqualFold(value.ToString(args[len(args)-1]), "AwayFromZero")
		p := math.Pow(10, float64(digits))
		var r float64
		if away {
			r = math.Round(x*p) / p
		} else {
			r = math.RoundToEven(x*p) / p
		}
		if _, ok := argOr(args, 0).(value.Decimal); ok {
			return value.Decimal(r), nil
		}
		return r, nil
	case "floor", "ceiling", "truncate":
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		var r float64
		switch lname {
		case "floor":
			r = math.Floor(x)
		case "ceiling":
			r = math.Ceil(x)
		default:
			r = math.Trunc(x)
		}
		if _, ok := argOr(args, 0).(value.Decimal); ok {
			return value.Decimal(r), nil
		}
		return r, nil
	case "abs":
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		return keepInt(math.Abs(x), argOr(args, 0)), nil
	case "max", "min":
		a, b := argOr(args, 0), argOr(args, 1)
		c, err := value.Compare(a, b, false)
		if err != nil {
			return nil, err
		}
		pick := a
		if (lname == "max") == (c < 0) {
			pick = b
		}
		if value.IsNumber(a) && value.IsNumber(b) {
			if _, ok := a.(float64); ok {
				fv, _ := value.ToFloat(pick)
				return fv, nil
			}
			if _, ok := b.(float64); ok {
				fv, _ := value.ToFloat(pick)
				return fv, nil
			}
		}
		return pick, nil
	case "pow", "sqrt", "log", "log10", "exp", "sin", "cos", "tan", "atan", "sign":
		x, err := f(0)
		if err != nil {
			return nil, err
		}
		switch lname {
		case "pow":
			y, err := f(1)
			if err != nil {
				return nil, err
			}
			return math.Pow(x, y), nil
		case "sqrt":
			return math.Sqrt(x), nil
		case "log":
			if len(args) > 1 {
				b, _ := f(1)
				return math.Log(x) / math.Log(b), nil
			}
			return math.Log(x), nil
		case "log10":
			return math.Log10(x), nil
		case "exp":
			return math.Exp(x), nil
		case "sin":
			return math.Sin(x), nil
		case "cos":
			return math.Cos(x), nil
		case "tan":
			return math.Tan(x), nil
		case "atan":
			return math.Atan(x), nil
		case "sign":
			switch {
			case x > 0:
				return 1, nil
			case x < 0:
				return -1, nil
			}
			return 0, nil
		}
	case "divrem":
		a, _ := value.ToInt64(argOr(args, 0))
		b, _ := value.ToInt64(argOr(args, 1))
		if b == 0 {
			return nil, &methodErr{typ: "System.DivideByZeroException", msg: "Attempted to divide by zero."}
		}
		return value.NarrowInt(a / b), nil
	}
	return nil, &methodErr{typ: "NotImplemented", msg: "[System.Math]::" + lname}
}

// newObject creates an instance of a .NET type ([T]::new and New-Object).
func (s *Session) newObject(fr frame, t *value.Type, args []any) (any, error) {
	if c := s.classes[strings.ToLower(t.Name)]; c != nil {
		return s.newClassInstance(fr, c, args)
	}
	switch t.GenericBase() {
	case value.TList, "System.Collections.Generic.HashSet", "System.Collections.Generic.Queue", "System.Collections.Generic.Stack":
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
		case "System.Collections.Generic.Stack":
			a.Kind = "stack"
		}
		if len(args) > 0 {
			if src, ok := args[0].(*value.Array); ok {
				a.Items = append(a.Items, src.Items...)
			}
		}
		return a, nil
	case value.TDictionary, "System.Collections.Generic.SortedDictionary", "System.Collections.Specialized.OrderedDictionary":
		h := value.NewHashtable()
		h.Ordered = true
		return h, nil
	}
	if t.GenericBase() == "System.Collections.Generic.KeyValuePair" {
		o := value.NewObject(t.Name)
		o.Set("Key", argOr(args, 0))
		o.Set("Value", argOr(args, 1))
		o.Set("ToStringValue", fmt.Sprintf("[%s, %s]", s.toString(argOr(args, 0)), s.toString(argOr(args, 1))))
		return o, nil
	}
	switch t.Name {
	case value.TArrayList:
		return &value.Array{List: true}, nil
	case "System.Collections.Queue":
		return &value.Array{List: true, Kind: "queue"}, nil
	case "System.Collections.Stack":
		return &value.Array{List: true, Kind: "stack"}, nil
	case value.THashtable:
		return value.NewHashtable(), nil
	case value.TOrdered:
		h := value.NewHashtable()
		h.Ordered = true
		return h, nil
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
		loc := value.UnspecifiedZone
		if len(args) > 0 {
			if k, ok := args[len(args)-1].(*enumValue); ok && k.typ == "System.DateTimeKind" {
				switch k.name {
				case value.KindUtc:
					loc = time.UTC
				case value.KindLocal:
					loc = time.Local
				}
				args = args[:len(args)-1]
			}
		}
		n := make([]int, 7)
		for i := 0; i < len(args) && i < 7; i++ {
			v, err := value.ToInt(args[i])
			if err != nil {
				return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
			}
			n[i] = v
		}
		if len(args) == 3 || len(args) == 6 || len(args) == 7 {
			return time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6]*1e6, loc), nil
		}
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
		o.Set("ToStringValue", addr)
		return o, nil
	case value.TVersion:
		str := value.ToString(argOr(args, 0))
		o := value.NewObject(t.Name)
		parts := strings.Split(str, ".")
		names := []string{"Major", "Minor", "Build", "Revision"}
		for i, n := range names {
			if i < len(parts) {
				v, _ := value.ToInt(parts[i])
				o.Set(n, v)
			} else {
				o.Set(n, -1)
			}
		}
		o.Set("ToStringValue", str)
		return o, nil
	}
	if strings.HasSuffix(t.Name, "Exception") {
		o := value.NewObject(t.Name, "System.Exception", "System.Object")
		msg := value.ToString(argOr(args, 0))
		if len(args) == 0 {
			msg = fmt.Sprintf("Exception of type '%s' was thrown.", t.Name)
		}
		o.Set("Message", msg)
		o.Set("InnerException", argOr(args, 1))
		o.Set("ToStringValue", t.Name+": "+msg)
		return o, nil
	}
	return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("creating [%s]", t.Name)}
}

// joinPath joins path parts with '/', dropping duplicate separators.
func joinPath(parts ...string) string {
	var out string
	for i, p := range parts {
		p = nativePath(p)
		if i == 0 {
			out = p
			continue
		}
		if strings.HasPrefix(p, "/") {
			out = strings.TrimRight(out, "/") + p
			continue
		}
		if out == "" || strings.HasSuffix(out, "/") {
			out += p
		} else {
			out += "/" + p
		}
	}
	return out
}

// enumNames lists the members of a .NET enum scripts use, in order (nil
// for the enums csemu does not list).
func enumNames(typ string) []string {
	switch typ {
	case value.TActionPref:
		return []string{"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"}
	case value.TConsoleColor:
		return []string{"Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"}
	case "System.StringComparison":
		return []string{"CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase"}
	case "System.StringSplitOptions":
		return []string{"None", "RemoveEmptyEntries", "TrimEntries"}
	case "System.DayOfWeek":
		return []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	case "System.DateTimeKind":
		return []string{"Unspecified", "Utc", "Local"}
	}
	return nil
}
