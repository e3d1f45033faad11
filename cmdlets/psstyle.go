package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
)

// $PSStyle (about_ANSI_Terminals, PowerShell's PSStyle class): the ANSI
// escape sequences of text decorations and colours, and OutputRendering,
// which says whether output keeps them. csemu writes plain text when its
// output is not a terminal; its prompt colours errors with
// $PSStyle.Formatting.Error and ErrorAccent unless OutputRendering is
// PlainText (see [Session.ErrorStyle]).

const esc = "\x1b"

const (
	typeOutputRendering = "System.Management.Automation.OutputRendering"
	typeProgressView    = "System.Management.Automation.ProgressView"
)

// consoleColorCodes are the SGR codes of the ConsoleColor values in order,
// foreground (PSStyle.ForegroundColorMap); background adds 10.
func consoleColorCodes() [16]int {
	return [16]int{30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97}
}

// psStyleObject is the session's $PSStyle ([PSStyle]::Instance).
func (s *Session) psStyleObject() *value.Object {
	if s.dotnet.psStyle != nil {
		return s.dotnet.psStyle
	}
	o := value.NewObject("System.Management.Automation.PSStyle", "System.Object")
	o.Set("OutputRendering", &enumValue{typ: typeOutputRendering, name: "Host", n: 0})
	for _, d := range [][2]string{
		{"Reset", "0"}, {"BlinkOff", "25"}, {"Blink", "5"}, {"BoldOff", "22"}, {"Bold", "1"}, {"DimOff", "22"}, {"Dim", "2"},
		{"Hidden", "8"}, {"HiddenOff", "28"}, {"Reverse", "7"}, {"ReverseOff", "27"}, {"ItalicOff", "23"}, {"Italic", "3"},
		{"UnderlineOff", "24"}, {"Underline", "4"}, {"StrikethroughOff", "29"}, {"Strikethrough", "9"},
	} {
		o.Set(d[0], esc+"["+d[1]+"m")
	}
	formatting := value.NewObject("System.Management.Automation.PSStyle+FormattingData", "System.Object")
	for _, d := range [][2]string{
		{"FormatAccent", "32;1"}, {"TableHeader", "32;1"}, {"CustomTableHeaderLabel", "32;1;3"}, {"ErrorAccent", "36;1"},
		{"Error", "31;1"}, {"Warning", "33;1"}, {"Verbose", "33;1"}, {"Debug", "33;1"}, {"FeedbackName", "33"},
		{"FeedbackText", "96"}, {"FeedbackAction", "97"},
	} {
		formatting.Set(d[0], esc+"["+d[1]+"m")
	}
	o.Set("Formatting", s.behaveAs(formatting, &objBehaviour{set: decorationSetter}))
	progress := value.NewObject("System.Management.Automation.PSStyle+ProgressConfiguration", "System.Object")
	progress.Set("Style", esc+"[33;1m")
	progress.Set("MaxWidth", 120)
	progress.Set("View", &enumValue{typ: typeProgressView, name: "Minimal", n: 0})
	progress.Set("UseOSCIndicator", false)
	o.Set("Progress", s.behaveAs(progress, &objBehaviour{set: progressSetter}))
	o.Set("Foreground", s.colorObject(false))
	o.Set("Background", s.colorObject(true))
	fileInfo := value.NewObject("System.Management.Automation.PSStyle+FileInfoFormatting", "System.Object")
	fileInfo.Set("Directory", esc+"[44;1m")
	fileInfo.Set("SymbolicLink", esc+"[36;1m")
	fileInfo.Set("Executable", esc+"[32;1m")
	ext := value.NewHashtable()
	for _, e := range []string{".zip", ".tgz", ".gz", ".tar", ".nupkg", ".cab", ".7z"} {
		ext.Set(e, esc+"[31;1m")
	}
	for _, e := range []string{".ps1", ".psd1", ".psm1", ".ps1xml"} {
		ext.Set(e, esc+"[33;1m")
	}
	fileInfo.Set("Extension", ext)
	o.Set("FileInfo", s.behaveAs(fileInfo, &objBehaviour{set: decorationSetter}))
	s.dotnet.psStyle = s.behaveAs(o, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			if lname == "formathyperlink" && len(args) == 2 {
				return fmt.Sprintf("%s]8;;%s%s\\%s%s]8;;%s\\", esc, value.ToString(args[1]), esc, value.ToString(args[0]), esc, esc), nil
			}
			return nil, notFoundMethod(o, lname)
		},
		set: func(s *Session, o *value.Object, name string, v any) (any, error) {
			if strings.EqualFold(name, "OutputRendering") {
				return enumFromValue(typeOutputRendering, []string{"Host", "PlainText", "Ansi"}, name, v)
			}
			return readOnlySetter(s, o, name, v)
		},
	})
	return s.dotnet.psStyle
}

// colorObject is $PSStyle.Foreground or .Background: the sixteen colours
// and FromRgb and FromConsoleColor.
func (s *Session) colorObject(background bool) *value.Object {
	typ, add, rgb := "ForegroundColor", 0, 38
	if background {
		typ, add, rgb = "BackgroundColor", 10, 48
	}
	o := value.NewObject("System.Management.Automation.PSStyle+"+typ, "System.Object")
	for i, name := range []string{"Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White"} {
		o.Set(name, fmt.Sprintf("%s[%dm", esc, 30+i+add))
	}
	for i, name := range []string{"BrightBlack", "BrightRed", "BrightGreen", "BrightYellow", "BrightBlue", "BrightMagenta", "BrightCyan", "BrightWhite"} {
		o.Set(name, fmt.Sprintf("%s[%dm", esc, 90+i+add))
	}
	return s.behaveAs(o, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			switch {
			case lname == "fromrgb" && len(args) == 3:
				var c [3]int
				for i, a := range args {
					n, err := value.ToInt(a)
					if err != nil || n < 0 || n > 255 {
						return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException",
							msg: fmt.Sprintf("Cannot convert argument \"%s\", with value: \"%s\", for \"FromRgb\" to type \"System.Byte\".", []string{"red", "green", "blue"}[i], value.ToString(a))}
					}
					c[i] = n
				}
				return fmt.Sprintf("%s[%d;2;%d;%d;%dm", esc, rgb, c[0], c[1], c[2]), nil
			case lname == "fromrgb" && len(args) == 1:
				n, err := value.ToInt(args[0])
				if err != nil {
					return nil, err
				}
				return fmt.Sprintf("%s[%d;2;%d;%d;%dm", esc, rgb, n>>16&0xFF, n>>8&0xFF, n&0xFF), nil
			case lname == "fromconsolecolor" && len(args) == 1:
				i, err := consoleColorIndex(args[0])
				if err != nil {
					return nil, err
				}
				return fmt.Sprintf("%s[%dm", esc, consoleColorCodes()[i]+add), nil
			}
			return nil, notFoundMethod(o, lname)
		},
		set: readOnlySetter,
	})
}

// consoleColorIndex is the number of a ConsoleColor value or name.
func consoleColorIndex(v any) (int, error) {
	names := enumNames(value.TConsoleColor)
	if e, ok := v.(*enumValue); ok {
		return e.n, nil
	}
	if n, err := value.ToInt(v); err == nil {
		if n < 0 || n >= len(names) {
			return 0, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Specified argument was out of the range of valid values. (Parameter 'color')"}
		}
		return n, nil
	}
	str := value.ToString(v)
	for i, n := range names {
		if strings.EqualFold(n, str) {
			return i, nil
		}
	}
	return 0, &methodErr{typ: "System.Management.Automation.PSInvalidCastException",
		msg: fmt.Sprintf("Cannot convert value \"%s\" to type \"System.ConsoleColor\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"", str, str, strings.Join(names, ", "))}
}

// enumFromValue converts a value set to an enum-typed property.
func enumFromValue(typ string, names []string, prop string, v any) (any, error) {
	if e, ok := v.(*enumValue); ok && e.typ == typ {
		return e, nil
	}
	if n, err := value.ToInt(v); err == nil {
		if _, isStr := v.(string); !isStr && n >= 0 && n < len(names) {
			return &enumValue{typ: typ, name: names[n], n: n}, nil
		}
	}
	str := value.ToString(v)
	for i, n := range names {
		if strings.EqualFold(n, str) {
			return &enumValue{typ: typ, name: n, n: i}, nil
		}
	}
	return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException",
		Msg: fmt.Sprintf("Exception setting \"%s\": \"Cannot convert value \"%s\" to type \"%s\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"\"",
			prop, str, typ, str, strings.Join(names, ", "))}
}

// decorationSetter checks a decoration set in $PSStyle.Formatting or
// FileInfo: it may hold escape sequences only (PSStyle.ValidateNoContent).
func decorationSetter(_ *Session, _ *value.Object, name string, v any) (any, error) {
	if v == nil {
		return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException",
			Msg: fmt.Sprintf("Exception setting \"%s\": \"Value cannot be null. (Parameter 'text')\"", name)}
	}
	if _, ok := v.(*value.Hashtable); ok {
		return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException", Msg: fmt.Sprintf("'%s' is a ReadOnly property.", name)}
	}
	text := value.ToString(v)
	if plain := stripEscapes(text); plain != "" {
		return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException",
			Msg: fmt.Sprintf("Exception setting \"%s\": \"The specified string contains printable content when it should only contain ANSI escape sequences: %s\"", name, plain)}
	}
	return text, nil
}

// progressSetter checks the settings of $PSStyle.Progress.
func progressSetter(s *Session, o *value.Object, name string, v any) (any, error) {
	switch strings.ToLower(name) {
	case "style":
		return decorationSetter(s, o, name, v)
	case "maxwidth":
		n, err := value.ToInt(v)
		if err != nil {
			return nil, err
		}
		if n < 18 {
			return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException",
				Msg: "Exception setting \"MaxWidth\": \"The MaxWidth for the Progress rendering must be at least 18 to render correctly. (Parameter 'MaxWidth')\""}
		}
		return n, nil
	case "view":
		return enumFromValue(typeProgressView, []string{"Minimal", "Classic"}, name, v)
	case "useoscindicator":
		return value.ToBool(v), nil
	}
	return v, nil
}

// stripEscapes removes the ANSI escape sequences (CSI "ESC [ ... final"
// and OSC "ESC ] ... ST") from text.
func stripEscapes(text string) string {
	if !strings.Contains(text, esc) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] != 0x1b || i+1 >= len(text) {
			b.WriteByte(text[i])
			continue
		}
		switch text[i+1] {
		case '[':
			j := i + 2
			for j < len(text) && (text[j] < 0x40 || text[j] > 0x7E) {
				j++
			}
			i = j
		case ']':
			j := i + 2
			for j < len(text) && text[j] != 0x07 && !(text[j] == 0x1b && j+1 < len(text) && text[j+1] == '\\') {
				j++
			}
			if j < len(text) && text[j] == 0x1b {
				j++
			}
			i = j
		default:
			i++
		}
	}
	return b.String()
}

// formatStyle is how tables decorate their headers and lists their
// labels: with $PSStyle.Formatting.TableHeader, CustomTableHeaderLabel and
// FormatAccent, and $PSStyle.Reset, when $PSStyle.OutputRendering is Ansi;
// plain otherwise (csemu writes no escape sequences for Host rendering).
func (s *Session) formatStyle() format.Style {
	o := s.psStyleObject()
	r, _ := o.Get("OutputRendering")
	if e, ok := r.(*enumValue); !ok || e.name != "Ansi" {
		return format.Style{}
	}
	var st format.Style
	if f, ok := o.Get("Formatting"); ok {
		if fo, ok := f.(*value.Object); ok {
			h, _ := fo.Get("TableHeader")
			c, _ := fo.Get("CustomTableHeaderLabel")
			a, _ := fo.Get("FormatAccent")
			st.Header, st.Custom, st.Accent = value.ToString(h), value.ToString(c), value.ToString(a)
		}
	}
	reset, _ := o.Get("Reset")
	st.Reset = value.ToString(reset)
	return st
}

// ErrorStyle is how the prompt colours an error: the escape sequences of
// $PSStyle.Formatting.Error and ErrorAccent, and plain, set when
// $PSStyle.OutputRendering is PlainText (no colour at all).
func (s *Session) ErrorStyle() (errColor, accentColor string, plain bool) {
	o := s.psStyleObject()
	if r, ok := o.Get("OutputRendering"); ok {
		if e, ok := r.(*enumValue); ok && e.name == "PlainText" {
			plain = true
		}
	}
	if f, ok := o.Get("Formatting"); ok {
		if fo, ok := f.(*value.Object); ok {
			e, _ := fo.Get("Error")
			a, _ := fo.Get("ErrorAccent")
			errColor, accentColor = value.ToString(e), value.ToString(a)
		}
	}
	return errColor, accentColor, plain
}

// psStyleStatics implements [System.Management.Automation.PSStyle]'s
// Instance and its colour maps.
func psStyleStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "instance":
		if !c.call {
			return c.s.psStyleObject(), nil
		}
	case "mapforegroundcolortoescapesequence", "mapbackgroundcolortoescapesequence":
		i, err := consoleColorIndex(c.arg(0))
		if err != nil {
			return nil, err
		}
		add := 0
		if strings.Contains(c.lname, "background") {
			add = 10
		}
		return fmt.Sprintf("%s[%dm", esc, consoleColorCodes()[i]+add), nil
	case "mapcolorpairtoescapesequence":
		f, err := consoleColorIndex(c.arg(0))
		if err != nil {
			return nil, err
		}
		b, err := consoleColorIndex(c.arg(1))
		if err != nil {
			return nil, err
		}
		return fmt.Sprintf("%s[%d;%dm", esc, consoleColorCodes()[f], consoleColorCodes()[b]+10), nil
	}
	return c.notImplemented()
}
