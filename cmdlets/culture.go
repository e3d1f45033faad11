package cmdlets

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
)

// csemu formats numbers and dates as the en-US culture does, so that is
// the current culture (and UI culture) of every session: CultureInfo
// objects model en-US, its neutral parent en and the invariant culture;
// any other culture is [NotImplemented].

// cultureData is what a CultureInfo shows of one culture.
type cultureData struct {
	name, display, native                    string
	two, three, threeWin                     string
	lcid                                     int
	parent                                   string
	neutral                                  bool
	shortDate, longDate, shortTime, longTime string
	fullDateTime, monthDay, yearMonth        string
	currency                                 string
	currencyPos, currencyNeg                 int
	percentPos, percentNeg                   int
	posInfinity, negInfinity                 string
	// writable is set for a culture made with new CultureInfo(name).
	writable bool
}

// knownCulture returns the data of en-US, en or the invariant culture.
func knownCulture(name string) (cultureData, bool) {
	switch strings.ToLower(name) {
	case "en-us":
		return cultureData{name: "en-US", display: "English (United States)", native: "English (United States)",
			two: "en", three: "eng", threeWin: "ENU", lcid: 1033, parent: "en",
			shortDate: "M/d/yyyy", longDate: "dddd, MMMM d, yyyy", shortTime: "h:mm tt", longTime: "h:mm:ss tt",
			fullDateTime: "dddd, MMMM d, yyyy h:mm:ss tt", monthDay: "MMMM d", yearMonth: "MMMM yyyy",
			currency: "$", currencyPos: 0, currencyNeg: 1, percentPos: 1, percentNeg: 1,
			posInfinity: "∞", negInfinity: "-∞"}, true
	case "en":
		return cultureData{name: "en", display: "English", native: "English", two: "en", three: "eng", threeWin: "ENU",
			lcid: 9, parent: "", neutral: true,
			shortDate: "M/d/yyyy", longDate: "dddd, MMMM d, yyyy", shortTime: "h:mm tt", longTime: "h:mm:ss tt",
			fullDateTime: "dddd, MMMM d, yyyy h:mm:ss tt", monthDay: "MMMM d", yearMonth: "MMMM yyyy",
			currency: "¤", currencyPos: 0, currencyNeg: 1, percentPos: 1, percentNeg: 1,
			posInfinity: "∞", negInfinity: "-∞"}, true
	case "":
		return cultureData{name: "", display: "Invariant Language (Invariant Country)", native: "Invariant Language (Invariant Country)",
			two: "iv", three: "ivl", threeWin: "IVL", lcid: 127, parent: "",
			shortDate: "MM/dd/yyyy", longDate: "dddd, dd MMMM yyyy", shortTime: "HH:mm", longTime: "HH:mm:ss",
			fullDateTime: "dddd, dd MMMM yyyy HH:mm:ss", monthDay: "MMMM dd", yearMonth: "yyyy MMMM",
			currency: "¤", currencyPos: 0, currencyNeg: 0, percentPos: 0, percentNeg: 0,
			posInfinity: "Infinity", negInfinity: "-Infinity"}, true
	}
	return cultureData{}, false
}

// isCultureTag reports whether name is a well-formed culture name (a BCP
// 47 tag: a language of 2 or 3 letters, then subtags of 2 to 8 letters or
// digits): names .NET accepts that csemu does not model are
// [NotImplemented], others are .NET's CultureNotFoundException.
func isCultureTag(name string) bool {
	parts := strings.Split(name, "-")
	for i, p := range parts {
		lo, hi := 2, 8
		if i == 0 {
			hi = 3
		}
		if len(p) < lo || len(p) > hi {
			return false
		}
		for _, r := range p {
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

// cultureNotFound is .NET's error for a name that no culture has.
func cultureNotFound(name string) *methodErr {
	return &methodErr{typ: "System.Globalization.CultureNotFoundException",
		msg: fmt.Sprintf("Culture is not supported. (Parameter 'name')\n%s is an invalid culture identifier.", name)}
}

// cultureByName returns the CultureInfo of a name csemu models (read-only,
// as CultureInfo.GetCultureInfo's), the [NotImplemented] error of another
// well-formed name, or .NET's CultureNotFoundException.
func (s *Session) cultureByName(name string) (*value.Object, error) {
	return s.cultureNamed(name, false)
}

// cultureNamed is cultureByName; writable makes the culture that new
// CultureInfo(name) makes, whose TextInfo.ListSeparator may be set.
func (s *Session) cultureNamed(name string, writable bool) (*value.Object, error) {
	if d, ok := knownCulture(name); ok {
		d.writable = writable
		return s.cultureObject(d), nil
	}
	if isCultureTag(name) {
		return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("the culture '%s' (csemu models en-US and the invariant culture)", name)}
	}
	return nil, cultureNotFound(name)
}

// cultureObject is a System.Globalization.CultureInfo.
func (s *Session) cultureObject(d cultureData) *value.Object {
	o := value.NewObject("System.Globalization.CultureInfo", "System.Object")
	o.AddGetter("Parent", func() any {
		p, _ := knownCulture(d.parent)
		return s.cultureObject(p)
	})
	o.Set("LCID", d.lcid)
	o.Set("KeyboardLayoutId", d.lcid)
	o.Set("Name", d.name)
	o.Set("IetfLanguageTag", d.name)
	o.Set("DisplayName", d.display)
	o.Set("NativeName", d.native)
	o.Set("EnglishName", d.display)
	o.Set("TwoLetterISOLanguageName", d.two)
	o.Set("ThreeLetterISOLanguageName", d.three)
	o.Set("ThreeLetterWindowsLanguageName", d.threeWin)
	compare := value.NewObject("System.Globalization.CompareInfo", "System.Object")
	compare.Set("Name", d.name)
	compare.Set("LCID", d.lcid)
	compare.SetToString("CompareInfo - " + d.name)
	o.Set("CompareInfo", s.behaveAs(compare, &objBehaviour{set: readOnlySetter}))
	o.Set("TextInfo", s.textInfoObject(d))
	o.Set("IsNeutralCulture", d.neutral)
	types := "SpecificCultures, InstalledWin32Cultures"
	if d.neutral || d.name == "" {
		types = "NeutralCultures, InstalledWin32Cultures"
		if d.name == "" {
			types = "SpecificCultures, NeutralCultures, InstalledWin32Cultures"
		}
	}
	o.Set("CultureTypes", types)
	o.Set("NumberFormat", s.numberFormatObject(d))
	o.Set("DateTimeFormat", s.dateTimeFormatObject(d))
	o.Set("Calendar", calendarObject())
	o.Set("OptionalCalendars", &value.Array{Items: []any{calendarObject()}})
	o.Set("UseUserOverride", d.name != "")
	o.Set("IsReadOnly", !d.writable)
	o.SetToString(d.name)
	o.DefaultDisplay = []string{"LCID", "Name", "DisplayName"}
	return s.behaveAs(o, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			switch lname {
			case "getformat":
				switch strings.ToLower(value.ToString(argOr(args, 0))) {
				case "system.globalization.numberformatinfo":
					v, _ := o.Get("NumberFormat")
					return v, nil
				case "system.globalization.datetimeformatinfo":
					v, _ := o.Get("DateTimeFormat")
					return v, nil
				}
				return nil, nil
			case "clone":
				return s.cultureObject(d), nil
			case "getconsolefallbackuiculture":
				return s.cultureObject(d), nil
			}
			return nil, notFoundMethod(o, lname)
		},
		set: readOnlySetter,
	})
}

// calendarObject is the Gregorian calendar of the cultures csemu models.
func calendarObject() *value.Object {
	c := value.NewObject("System.Globalization.GregorianCalendar", "System.Globalization.Calendar", "System.Object")
	c.Set("CalendarType", "Localized")
	c.Set("AlgorithmType", "SolarCalendar")
	c.Set("Eras", &value.Array{Items: []any{1}, Elem: value.TInt32})
	c.Set("TwoDigitYearMax", 2049)
	c.Set("IsReadOnly", true)
	c.SetToString("System.Globalization.GregorianCalendar")
	return c
}

// textInfoObject is a culture's TextInfo, with ToTitleCase, ToUpper and
// ToLower.
func (s *Session) textInfoObject(d cultureData) *value.Object {
	t := value.NewObject("System.Globalization.TextInfo", "System.Object")
	t.Set("ANSICodePage", 1252)
	t.Set("OEMCodePage", 437)
	t.Set("MacCodePage", 10000)
	t.Set("EBCDICCodePage", 37)
	t.Set("LCID", d.lcid)
	t.Set("CultureName", d.name)
	t.Set("IsReadOnly", !d.writable)
	t.Set("ListSeparator", ",")
	t.Set("IsRightToLeft", false)
	t.SetToString("TextInfo - " + d.name)
	return s.behaveAs(t, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			if len(args) != 1 {
				return nil, notFoundMethod(o, lname)
			}
			str := value.ToString(args[0])
			if r, ok := args[0].(rune); ok && lname != "totitlecase" {
				if lname == "toupper" {
					return unicode.ToUpper(r), nil
				}
				return unicode.ToLower(r), nil
			}
			switch lname {
			case "totitlecase":
				return toTitleCase(str), nil
			case "toupper":
				return strings.ToUpper(str), nil
			case "tolower":
				return strings.ToLower(str), nil
			}
			return nil, notFoundMethod(o, lname)
		},
		set: func(s *Session, o *value.Object, name string, v any) (any, error) {
			if !strings.EqualFold(name, "ListSeparator") {
				return readOnlySetter(s, o, name, v)
			}
			if !d.writable {
				return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException",
					Msg: "Exception setting \"ListSeparator\": \"Instance is read-only.\""}
			}
			if v == nil {
				return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException",
					Msg: "Exception setting \"ListSeparator\": \"Value cannot be null. (Parameter 'value')\""}
			}
			return value.ToString(v), nil
		},
	})
}

// toTitleCase is TextInfo.ToTitleCase: the first letter of each word upper
// case and the rest lower case, except words wholly in upper case, which
// it takes for acronyms and leaves.
func toTitleCase(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if !unicode.IsLetter(runes[i]) {
			b.WriteRune(runes[i])
			i++
			continue
		}
		j := i
		for j < len(runes) && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j]) || runes[j] == '\'') {
			j++
		}
		word := runes[i:j]
		allUpper := true
		for _, r := range word {
			if unicode.IsLower(r) {
				allUpper = false
				break
			}
		}
		if allUpper {
			b.WriteString(string(word))
		} else {
			b.WriteRune(unicode.ToTitle(word[0]))
			b.WriteString(strings.ToLower(string(word[1:])))
		}
		i = j
	}
	return b.String()
}

// numberFormatObject is a culture's NumberFormatInfo.
func (s *Session) numberFormatObject(d cultureData) *value.Object {
	n := value.NewObject("System.Globalization.NumberFormatInfo", "System.Object")
	sizes := func() *value.Array { return &value.Array{Items: []any{3}, Elem: value.TInt32} }
	n.Set("CurrencyDecimalDigits", 2)
	n.Set("CurrencyDecimalSeparator", ".")
	n.Set("IsReadOnly", true)
	n.Set("CurrencyGroupSizes", sizes())
	n.Set("NumberGroupSizes", sizes())
	n.Set("PercentGroupSizes", sizes())
	n.Set("CurrencyGroupSeparator", ",")
	n.Set("CurrencySymbol", d.currency)
	n.Set("NaNSymbol", "NaN")
	n.Set("CurrencyNegativePattern", d.currencyNeg)
	n.Set("NumberNegativePattern", 1)
	n.Set("PercentPositivePattern", d.percentPos)
	n.Set("PercentNegativePattern", d.percentNeg)
	n.Set("NegativeInfinitySymbol", d.negInfinity)
	n.Set("NegativeSign", "-")
	n.Set("NumberDecimalDigits", 2)
	n.Set("NumberDecimalSeparator", ".")
	n.Set("NumberGroupSeparator", ",")
	n.Set("CurrencyPositivePattern", d.currencyPos)
	n.Set("PositiveInfinitySymbol", d.posInfinity)
	n.Set("PositiveSign", "+")
	n.Set("PercentDecimalDigits", 2)
	n.Set("PercentDecimalSeparator", ".")
	n.Set("PercentGroupSeparator", ",")
	n.Set("PercentSymbol", "%")
	n.Set("PerMilleSymbol", "‰")
	n.Set("NativeDigits", &value.Array{Items: []any{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, Elem: value.TString})
	n.Set("DigitSubstitution", "None")
	return s.behaveAs(n, &objBehaviour{set: readOnlySetter})
}

// dateTimeFormatObject is a culture's DateTimeFormatInfo.
func (s *Session) dateTimeFormatObject(d cultureData) *value.Object {
	strs := func(items ...string) *value.Array {
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = it
		}
		return &value.Array{Items: out, Elem: value.TString}
	}
	months := strs("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "")
	abbrMonths := strs("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "")
	t := value.NewObject("System.Globalization.DateTimeFormatInfo", "System.Object")
	t.Set("AMDesignator", "AM")
	t.Set("Calendar", calendarObject())
	t.Set("DateSeparator", "/")
	t.Set("FirstDayOfWeek", &enumValue{typ: "System.DayOfWeek", name: "Sunday", n: 0})
	t.Set("CalendarWeekRule", "FirstDay")
	t.Set("FullDateTimePattern", d.fullDateTime)
	t.Set("LongDatePattern", d.longDate)
	t.Set("LongTimePattern", d.longTime)
	t.Set("MonthDayPattern", d.monthDay)
	t.Set("PMDesignator", "PM")
	t.Set("RFC1123Pattern", "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'")
	t.Set("ShortDatePattern", d.shortDate)
	t.Set("ShortTimePattern", d.shortTime)
	t.Set("SortableDateTimePattern", "yyyy'-'MM'-'dd'T'HH':'mm':'ss")
	t.Set("TimeSeparator", ":")
	t.Set("UniversalSortableDateTimePattern", "yyyy'-'MM'-'dd HH':'mm':'ss'Z'")
	t.Set("YearMonthPattern", d.yearMonth)
	t.Set("AbbreviatedDayNames", strs("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"))
	t.Set("ShortestDayNames", strs("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"))
	t.Set("DayNames", strs("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"))
	t.Set("AbbreviatedMonthNames", abbrMonths)
	t.Set("MonthNames", months)
	t.Set("IsReadOnly", true)
	t.Set("NativeCalendarName", "Gregorian Calendar")
	t.Set("AbbreviatedMonthGenitiveNames", strs("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", ""))
	t.Set("MonthGenitiveNames", strs("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", ""))
	return s.behaveAs(t, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			i, _ := value.ToInt(argOr(args, 0))
			pick := func(list string) (any, error) {
				v, _ := o.Get(list)
				items := value.AsSlice(v)
				if i < 0 || i >= len(items) {
					return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Valid values are between 0 and 6, inclusive. (Parameter 'dayofweek')"}
				}
				return items[i], nil
			}
			if e, ok := argOr(args, 0).(*enumValue); ok {
				i = e.n
			}
			switch lname {
			case "getmonthname":
				i--
				return pick("MonthNames")
			case "getabbreviatedmonthname":
				i--
				return pick("AbbreviatedMonthNames")
			case "getdayname":
				return pick("DayNames")
			case "getabbreviateddayname":
				return pick("AbbreviatedDayNames")
			case "getshortestdayname":
				return pick("ShortestDayNames")
			}
			return nil, notFoundMethod(o, lname)
		},
		set: readOnlySetter,
	})
}

// currentCulture is the session's culture, en-US: the same object each
// time, until a script sets another en-US CultureInfo as current.
func (s *Session) currentCulture() *value.Object {
	if s.dotnet.culture == nil {
		d, _ := knownCulture("en-US")
		s.dotnet.culture = s.cultureObject(d)
	}
	return s.dotnet.culture
}

// listSeparator is the current culture's TextInfo.ListSeparator, which
// -UseCulture takes as the CSV delimiter.
func (s *Session) listSeparator() string {
	if ti, ok := s.currentCulture().Get("TextInfo"); ok {
		if o, ok := ti.(*value.Object); ok {
			if sep, ok := o.Get("ListSeparator"); ok {
				return value.ToString(sep)
			}
		}
	}
	return ","
}

// cultureStatics implements the static members of
// [System.Globalization.CultureInfo].
func cultureStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "currentculture", "currentuiculture", "installeduiculture", "defaultthreadcurrentculture", "defaultthreadcurrentuiculture":
		if c.call {
			break
		}
		if strings.HasPrefix(c.lname, "defaultthread") {
			return nil, nil
		}
		return c.s.currentCulture(), nil
	case "invariantculture":
		if c.call {
			break
		}
		d, _ := knownCulture("")
		return c.s.cultureObject(d), nil
	case "getcultureinfo", "createspecificculture", "getcultureinfobyietflanguagetag":
		if !c.call {
			break
		}
		name := c.argS(0)
		if n, ok := c.arg(0).(int); ok {
			switch n {
			case 1033:
				name = "en-US"
			case 127:
				name = ""
			case 9:
				name = "en"
			default:
				return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("the culture %d (csemu models en-US and the invariant culture)", n)}
			}
		}
		if c.lname == "createspecificculture" && strings.EqualFold(name, "en") {
			name = "en-US"
		}
		return c.s.cultureByName(name)
	}
	return c.notImplemented()
}

// setCultureStatic assigns [CultureInfo]::CurrentCulture or
// CurrentUICulture: en-US is what the session already is; any other
// culture would change how csemu formats, which it does not emulate.
func (s *Session) setCultureStatic(name string, v any) (bool, error) {
	switch strings.ToLower(name) {
	case "currentculture", "currentuiculture":
	default:
		return false, nil
	}
	target := value.ToString(v)
	o, isObj := v.(*value.Object)
	if isObj {
		if n, ok := o.Get("Name"); ok {
			target = value.ToString(n)
		}
	}
	if strings.EqualFold(target, "en-US") {
		if strings.EqualFold(name, "CurrentCulture") {
			if isObj && value.IsType(o, &value.Type{Name: "System.Globalization.CultureInfo"}) {
				s.dotnet.culture = o
			} else {
				s.dotnet.culture = nil
			}
		}
		return true, nil
	}
	return true, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("setting [CultureInfo]::%s to '%s' (csemu formats as en-US)", name, target)}
}

// cultureFromValue converts a value to a CultureInfo, as
// [cultureinfo]'en-US' does.
func (s *Session) cultureFromValue(v any) (any, error) {
	switch x := v.(type) {
	case *value.Object:
		if value.IsType(x, &value.Type{Name: "System.Globalization.CultureInfo"}) {
			return x, nil
		}
	case int:
		switch x {
		case 1033:
			return s.cultureByName("en-US")
		case 127:
			return s.cultureByName("")
		case 9:
			return s.cultureByName("en")
		}
		return nil, &value.RuntimeError{Type: "NotImplemented", Msg: fmt.Sprintf("[NotImplemented] the culture %d (csemu models en-US and the invariant culture) is not emulated", x)}
	case nil:
		return nil, nil
	}
	o, err := s.cultureByName(value.ToString(v))
	if err != nil {
		if me, ok := err.(*methodErr); ok {
			if me.typ == "NotImplemented" {
				return nil, &value.RuntimeError{Type: "NotImplemented", Msg: "[NotImplemented] " + me.msg + " is not emulated"}
			}
			return nil, &value.RuntimeError{Type: "System.Management.Automation.PSInvalidCastException",
				Msg: fmt.Sprintf("Cannot convert value \"%s\" to type \"System.Globalization.CultureInfo\". Error: \"%s\"", value.ToString(v), strings.ReplaceAll(me.msg, "\n", " "))}
		}
		return nil, err
	}
	return o, nil
}

// getCultureProcess writes the current culture, or the cultures -Name
// names ("" is the invariant culture).
func getCultureProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	if !c.Has("Name") {
		return c.Write(c.s.currentCulture())
	}
	for _, it := range value.AsSlice(c.Arg("Name")) {
		name := ""
		if it != nil {
			name = c.s.toString(it)
		}
		o, err := c.s.cultureByName(name)
		if err != nil {
			me := err.(*methodErr)
			if me.typ == "NotImplemented" {
				return notImplemented(c.Pos, c.cmd.Name, me.msg)
			}
			return bindError(BindValueInvalid, c.Pos, c.cmd.Name, "ParameterArgumentValidationError", InvalidData,
				"Cannot validate argument on parameter 'Name'. %s", strings.ReplaceAll(me.msg, "\n", " "))
		}
		if err := c.Write(o); err != nil {
			return err
		}
	}
	return nil
}

// cultureCmdlets are Get-Culture and Get-UICulture.
func cultureCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Get-Culture", Synopsis: "Gets the current culture (en-US) or the cultures -Name names.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-culture",
			Params: []*ParamDef{sets(pipe(allowNull(p("Name", "string[]", 0))), "Name"), sets(p("ListAvailable", "switch", -1), "ListAvailable"),
				p("NoUserOverrides", "switch", -1)},
			DefaultSet: "CurrentCulture",
			Process:    getCultureProcess,
		},
		{
			Name: "Get-UICulture", Synopsis: "Gets the current UI culture (en-US).",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-uiculture",
			Process: func(c *Call) error { return c.Write(c.s.currentCulture()) },
		},
	}
}
