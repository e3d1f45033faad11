package value

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Canonical names of the types the emulator knows.
const (
	TString       = "System.String"
	TInt32        = "System.Int32"
	TInt64        = "System.Int64"
	TDouble       = "System.Double"
	TSingle       = "System.Single"
	TDecimal      = "System.Decimal"
	TBool         = "System.Boolean"
	TChar         = "System.Char"
	TByte         = "System.Byte"
	TDateTime     = "System.DateTime"
	TTimeSpan     = "System.TimeSpan"
	TGuid         = "System.Guid"
	TObject       = "System.Object"
	TPSObject     = "System.Management.Automation.PSObject"
	TPSCustom     = PSCustomObjectType
	THashtable    = "System.Collections.Hashtable"
	TOrdered      = "System.Collections.Specialized.OrderedDictionary"
	TArray        = "System.Array"
	TScriptBlock  = "System.Management.Automation.ScriptBlock"
	TSwitch       = "System.Management.Automation.SwitchParameter"
	TVoid         = "System.Void"
	TRegex        = "System.Text.RegularExpressions.Regex"
	TType         = "System.Type"
	TArrayList    = "System.Collections.ArrayList"
	TList         = "System.Collections.Generic.List"
	TDictionary   = "System.Collections.Generic.Dictionary"
	THashSet      = "System.Collections.Generic.HashSet"
	TVersion      = "System.Version"
	TUri          = "System.Uri"
	TXml          = "System.Xml.XmlDocument"
	TErrorRecord  = "System.Management.Automation.ErrorRecord"
	TActionPref   = "System.Management.Automation.ActionPreference"
	TConsoleColor = "System.ConsoleColor"
	TRef          = "System.Management.Automation.PSReference"
)

// TypeDateTime is [datetime]; the *Type values here are never changed.
var TypeDateTime = &Type{Name: TDateTime}

// typeAliases maps lower-case accelerator and short names to canonical names.
var typeAliases = map[string]string{
	"string": TString, "int": TInt32, "int32": TInt32, "long": TInt64, "int64": TInt64,
	"double": TDouble, "float": TSingle, "single": TSingle, "decimal": TDecimal, "bool": TBool,
	"boolean": TBool, "char": TChar, "byte": TByte, "sbyte": TSByte, "int16": TInt16,
	"short": TInt16, "uint16": TUInt16, "ushort": TUInt16, "uint32": TUInt32,
	"uint": TUInt32, "uint64": TUInt64, "ulong": TUInt64, "bigint": TBigInt, "numerics.biginteger": TBigInt,
	"datetime": TDateTime, "timespan": TTimeSpan, "guid": TGuid, "object": TObject, "psobject": TPSObject,
	"pscustomobject": TPSCustom, "hashtable": THashtable, "ordered": TOrdered, "array": TArray,
	"scriptblock": TScriptBlock, "switch": TSwitch, "void": TVoid, "regex": TRegex, "type": TType,
	"version": TVersion, "uri": TUri, "xml": TXml, "securestring": "System.Security.SecureString",
	"pscredential": "System.Management.Automation.PSCredential", "ipaddress": "System.Net.IPAddress",
	"mailaddress": "System.Net.Mail.MailAddress", "math": "System.Math", "convert": "System.Convert",
	"environment": "System.Environment", "arraylist": TArrayList, "errorrecord": TErrorRecord,
	"exception": "System.Exception", "runtimeexception": "System.Management.Automation.RuntimeException",
	"text.stringbuilder": "System.Text.StringBuilder", "stringbuilder": "System.Text.StringBuilder",
	"cultureinfo": "System.Globalization.CultureInfo", "enum": "System.Enum", "char[]": "System.Char[]",
	"psvariable": "System.Management.Automation.PSVariable", "wildcardpattern": "System.Management.Automation.WildcardPattern",
	"actionpreference": TActionPref, "consolecolor": TConsoleColor, "io.path": "System.IO.Path",
	"io.file": "System.IO.File", "io.directory": "System.IO.Directory", "text.encoding": "System.Text.Encoding",
	"text.regularexpressions.regex": TRegex, "collections.arraylist": TArrayList,
	"collections.hashtable": THashtable, "nullable": "System.Nullable", "dbnull": "System.DBNull",
	"psmoduleinfo": "System.Management.Automation.PSModuleInfo", "pstypename": "System.Management.Automation.PSTypeNameAttribute",
	"cmdletbinding":     "System.Management.Automation.CmdletBindingAttribute",
	"parameter":         "System.Management.Automation.ParameterAttribute",
	"outputtype":        "System.Management.Automation.OutputTypeAttribute",
	"supportswildcards": "System.Management.Automation.SupportsWildcardsAttribute",
	"alias":             "System.Management.Automation.AliasAttribute",
	"string[]":          "System.String[]",
	"ref":               TRef,
	"timezoneinfo":      "System.TimeZoneInfo",
	"timezone":          "System.TimeZone",
	"datetimeoffset":    "System.DateTimeOffset",
	"stringcomparer":    "System.StringComparer",
}

// knownTypes lists full names that need no alias.
var knownTypes = map[string]bool{
	TString: true, TInt32: true, TInt64: true, TDouble: true, TSingle: true, TDecimal: true, TBool: true,
	TChar: true, TByte: true, TDateTime: true, TTimeSpan: true, TGuid: true, TObject: true, TPSObject: true,
	TPSCustom: true, THashtable: true, TOrdered: true, TArray: true, TScriptBlock: true, TSwitch: true,
	TVoid: true, TRegex: true, TType: true, TArrayList: true, TList: true, TDictionary: true, THashSet: true,
	TVersion: true, TUri: true, TXml: true, TErrorRecord: true, TActionPref: true, TConsoleColor: true,
	"System.Math": true, "System.Convert": true, "System.Environment": true, "System.IO.Path": true,
	"System.IO.File": true, "System.IO.Directory": true, "System.Text.Encoding": true, "System.Text.StringBuilder": true,
	"System.Exception": true, "System.Management.Automation.RuntimeException": true,
	"System.ArgumentException": true, "System.ArgumentNullException": true, "System.InvalidOperationException": true,
	"System.IO.FileNotFoundException": true, "System.IO.IOException": true, "System.DivideByZeroException": true,
	"System.NotImplementedException": true, "System.NotSupportedException": true, "System.UnauthorizedAccessException": true,
	"System.Management.Automation.ItemNotFoundException": true, "System.Management.Automation.CommandNotFoundException": true,
	"System.Management.Automation.ParameterBindingException": true, "System.Management.Automation.ActionPreferenceStopException": true,
	"System.Management.Automation.MethodInvocationException": true, "System.Management.Automation.PSInvalidCastException": true,
	"System.Management.Automation.ValidationMetadataException": true, "System.FormatException": true,
	"System.InvalidCastException": true, "System.Net.WebException": true, "System.TimeoutException": true,
	"System.Management.Automation.PSCredential": true, "System.Security.SecureString": true,
	"System.Net.Mail.MailAddress": true, "System.Net.IPAddress": true, "System.Int16": true, "System.UInt16": true,
	"System.UInt32": true, "System.UInt64": true, "System.SByte": true, "System.Enum": true, "System.DBNull": true,
	TBigInt:                            true,
	"System.Globalization.CultureInfo": true, "System.Management.Automation.PSVariable": true,
	"System.Management.Automation.WildcardPattern": true, "System.Collections.Generic.KeyValuePair": true,
	"System.Collections.Queue": true, "System.Collections.Stack": true, "System.Collections.Generic.Queue": true,
	"System.Collections.Generic.Stack": true, "System.Management.Automation.PSModuleInfo": true,
	"System.Management.Automation.ErrorCategory": true, "System.StringComparison": true, "System.StringSplitOptions": true,
	"System.MidpointRounding": true,
	"System.StringComparer":   true, TSortedDictionary: true, TCollection: true, "System.Text.NormalizationForm": true,
	"System.Environment+SpecialFolder": true, "System.DayOfWeek": true, "System.DateTimeKind": true, "System.Nullable": true,
	"System.Collections.IEnumerable": true, "System.Collections.IDictionary": true, "System.Collections.ICollection": true,
	"System.ValueType": true, "System.IO.FileInfo": true, "System.IO.DirectoryInfo": true,
	"System.Management.Automation.CmdletBindingAttribute": true, "System.Management.Automation.ParameterAttribute": true,
	"System.Management.Automation.OutputTypeAttribute": true, "System.Management.Automation.AliasAttribute": true,
	"System.Management.Automation.SupportsWildcardsAttribute":  true,
	"System.Diagnostics.CodeAnalysis.SuppressMessageAttribute": true,
	"System.Management.Automation.PSTypeNameAttribute":         true,
	TRef:                       true,
	"System.Text.UTF8Encoding": true, "System.Text.UnicodeEncoding": true, "System.Text.UTF32Encoding": true,
	"System.Text.ASCIIEncoding": true, "System.Text.UTF7Encoding": true, "System.Text.Latin1Encoding": true,
	"System.Globalization.NumberFormatInfo": true, "System.Globalization.DateTimeFormatInfo": true,
	"System.Globalization.TextInfo": true, "System.Globalization.CultureTypes": true,
	"System.Management.Automation.PathInfo": true, "System.Management.Automation.PSStyle": true,
	"System.Management.Automation.OutputRendering": true, "System.Management.Automation.ProgressView": true,
	"System.Management.Automation.WarningRecord": true, "System.Management.Automation.VerboseRecord": true,
	"System.Management.Automation.DebugRecord": true, "System.Management.Automation.InformationRecord": true,
	"System.Management.Automation.InformationalRecord": true,
	"Microsoft.PowerShell.Commands.JsonObject":         true, "Microsoft.PowerShell.Commands.JsonDateKind": true,
	"System.TimeZoneInfo": true, "System.TimeZone": true, "System.DateTimeOffset": true,
	"Microsoft.PowerShell.Commands.MatchInfo": true, "Microsoft.PowerShell.Commands.MatchInfoContext": true,
	"Microsoft.PowerShell.Commands.ByteCollection": true,
}

// ParseType resolves a type literal's text ("string[]", "List[string]",
// "System.Collections.Generic.Dictionary[string,int]") with the given
// using namespaces. It reports false for an unknown type.
func ParseType(text string, namespaces []string) (*Type, bool) {
	s := strings.TrimSpace(text)
	if strings.HasSuffix(s, "[]") {
		elem, ok := ParseType(s[:len(s)-2], namespaces)
		if !ok {
			return &Type{Name: s}, false
		}
		return &Type{Name: elem.Name + "[]", Elem: elem}, true
	}
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		base, ok := resolveName(s[:i]+"`", namespaces)
		if !ok {
			base, ok = resolveName(s[:i], namespaces)
		}
		if !ok {
			return &Type{Name: s}, false
		}
		base = strings.TrimSuffix(base, "`")
		var args []*Type
		for _, a := range splitTop(s[i+1 : len(s)-1]) {
			a = strings.TrimSpace(a)
			if strings.HasPrefix(a, "[") && strings.HasSuffix(a, "]") {
				a = a[1 : len(a)-1]
			}
			at, ok := ParseType(a, namespaces)
			if !ok {
				return &Type{Name: s}, false
			}
			args = append(args, at)
		}
		names := make([]string, len(args))
		for j, a := range args {
			names[j] = a.Name
		}
		return &Type{Name: base + "[" + strings.Join(names, ",") + "]", Args: args, Elem: nil}, true
	}
	name, ok := resolveName(s, namespaces)
	if !ok {
		return &Type{Name: s}, false
	}
	return &Type{Name: name}, true
}

// GenericBase returns the name of a generic type without its arguments.
func (t *Type) GenericBase() string {
	if i := strings.IndexByte(t.Name, '['); i > 0 && len(t.Args) > 0 {
		return t.Name[:i]
	}
	return t.Name
}

func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func resolveName(n string, namespaces []string) (string, bool) {
	generic := strings.HasSuffix(n, "`")
	n = strings.TrimSuffix(n, "`")
	ln := strings.ToLower(n)
	if !generic {
		if c, ok := typeAliases[ln]; ok {
			return c, true
		}
	}
	lookup := func(full string) (string, bool) {
		for k := range knownTypes {
			if strings.EqualFold(k, full) {
				return k, true
			}
		}
		for _, k := range InterfaceNames() {
			if strings.EqualFold(k, full) {
				return k, true
			}
		}
		return languageType(full)
	}
	if c, ok := lookup(n); ok {
		return c, true
	}
	if c, ok := lookup("System." + n); ok {
		return c, true
	}
	for _, ns := range append(namespaces, "System.Collections.Generic", "System.Collections", "System.Management.Automation") {
		if c, ok := lookup(ns + "." + n); ok {
			return c, true
		}
	}
	return n, false
}

// TypeOf returns the type of a value.
func TypeOf(v any) *Type { return &Type{Name: TypeName(v)} }

// IsType reports whether v is an instance of t (for -is).
func IsType(v any, t *Type) bool {
	name := t.Name
	if isInterface(t.GenericBase()) || isInterface(name) {
		return implements(v, t)
	}
	switch name {
	case TObject:
		return v != nil
	case TPSObject, TPSCustom:
		// only objects PowerShell wraps in a PSObject are one: custom and
		// emulated .NET objects, not a plain string or number
		// (about_PSCustomObject: 1 -is [psobject] is False, (Get-Item /)
		// -is [pscustomobject] is True)
		_, ok := v.(*Object)
		return ok
	case TArray:
		// only System.Array derivatives: an ArrayList or List[T] is none
		a, ok := v.(*Array)
		return ok && !a.List && a.Kind == ""
	case "System.Object[]":
		a, ok := v.(*Array)
		// array covariance: an array of a reference type is an object[]
		return ok && !a.List && a.Kind == "" && !isValueTypeName(a.Elem)
	case "System.ValueType":
		switch v.(type) {
		case bool, rune, time.Time, time.Duration, Guid:
			return true
		}
		return IsNumber(v)
	case THashtable:
		h, ok := v.(*Hashtable)
		return ok && !h.Ordered
	case TType, "System.Reflection.TypeInfo", "System.Reflection.MemberInfo":
		// a type object is a System.RuntimeType, which derives from these
		if _, ok := v.(*Type); ok {
			return true
		}
	case "System.Exception":
		if o, ok := v.(*Object); ok {
			for _, tn := range o.TypeNames {
				if strings.HasSuffix(tn, "Exception") {
					return true
				}
			}
		}
		return false
	}
	if strings.HasPrefix(name, TList+"[") {
		a, ok := v.(*Array)
		return ok && a.List && a.Elem != ""
	}
	if o, ok := v.(*Object); ok {
		for _, tn := range o.TypeNames {
			if strings.EqualFold(tn, name) {
				return true
			}
		}
		return false
	}
	if tl, ok := v.(TypeLister); ok {
		for _, tn := range tl.PSTypeNames() {
			if strings.EqualFold(tn, name) {
				return true
			}
		}
		return false
	}
	return strings.EqualFold(TypeName(v), name)
}

// Convert converts v to type t with PowerShell's conversion rules. Engine
// types (script blocks, regexes) are converted by the engine before this.
func Convert(v any, t *Type) (any, error) {
	if t.Elem != nil {
		if v == nil {
			return nil, nil // $null converts to a null array
		}
		items := AsSlice(v)
		if str, ok := v.(string); ok && t.Elem.Name == TChar {
			items = items[:0]
			for _, r := range str {
				items = append(items, r)
			}
		}
		out := make([]any, len(items))
		for i, it := range items {
			c, err := Convert(it, t.Elem)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return &Array{Items: out, Elem: t.Elem.Name}, nil
	}
	if t.GenericBase() == "System.Nullable" && len(t.Args) == 1 {
		if v == nil {
			return nil, nil
		}
		return Convert(v, t.Args[0])
	}
	switch t.GenericBase() {
	case TList, "System.Collections.Generic.HashSet", "System.Collections.Generic.Queue", "System.Collections.Generic.Stack", TCollection:
		if v == nil {
			return nil, nil // $null converts to a null list
		}
		elem := &Type{Name: TObject}
		if len(t.Args) > 0 {
			elem = t.Args[0]
		}
		var out []any
		for _, it := range AsSlice(v) {
			c, err := Convert(it, elem)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		a := &Array{Items: out, List: true, Elem: elem.Name}
		switch t.GenericBase() {
		case "System.Collections.Generic.HashSet":
			a.Kind = "set"
			a.Items = nil
			for _, it := range out {
				if !a.SetHas(it) {
					a.Items = append(a.Items, it)
				}
			}
		case "System.Collections.Generic.Queue":
			a.Kind = "queue"
		case TCollection:
			a.Kind = "collection"
		case "System.Collections.Generic.Stack":
			a.Kind = "stack"
			// a Stack built from a collection pops its last item first
		}
		return a, nil
	}
	switch t.Name {
	case TObject, TPSObject:
		return v, nil
	case TVoid:
		return nil, nil
	case TString:
		if v == nil {
			return "", nil
		}
		return ToString(v), nil
	case TBool, TSwitch:
		return ToBool(v), nil
	case TInt32, TByte, TInt16, TUInt16, TSByte, TInt64, TUInt32, TUInt64:
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			return toIntType(v, 0, t.Name)
		}
		return convertInteger(v, t.Name)
	case TBigInt:
		return convertBigInt(v)
	case TDouble, TSingle:
		if v == nil {
			if t.Name == TSingle {
				return float32(0), nil
			}
			return float64(0), nil
		}
		f, err := ToFloat(v)
		if err != nil {
			return nil, retype(err, t.Name)
		}
		if t.Name == TSingle {
			return float32(f), nil
		}
		return f, nil
	case TDecimal:
		return convertDecimal(v)
	case TChar:
		switch x := v.(type) {
		case rune:
			return x, nil
		case string:
			if utf8.RuneCountInString(x) == 1 {
				r, _ := utf8.DecodeRuneInString(x)
				return r, nil
			}
			return nil, &ConversionError{Value: v, Type: TChar, Detail: "String must be exactly one character long."}
		}
		if neg, mag, ok := intOf(v); ok {
			if neg || mag > 0xFFFF {
				return nil, convErrText(v, TChar, "Value was either too large or too small for a character.")
			}
			return rune(mag), nil
		}
		return nil, &ConversionError{Value: v, Type: TChar}
	case TDateTime:
		switch x := v.(type) {
		case time.Time:
			return x, nil
		case string:
			d, err := ParseDate(x)
			if err != nil {
				return nil, &ConversionError{Value: v, Type: TDateTime, Detail: err.Error()}
			}
			return d, nil
		case nil:
			return nil, &ConversionError{Value: nil, Type: TDateTime}
		}
		return nil, &ConversionError{Value: v, Type: TDateTime}
	case TTimeSpan:
		switch x := v.(type) {
		case time.Duration:
			return x, nil
		case string:
			d, ok := parseTimeSpan(x)
			if !ok {
				return nil, &ConversionError{Value: v, Type: TTimeSpan, Detail: "String '" + x + "' was not recognized as a valid TimeSpan."}
			}
			return d, nil
		}
		if codeOf(v).isInteger() {
			n, err := ToInt64(v)
			if err != nil {
				return nil, retype(err, TTimeSpan)
			}
			return time.Duration(n * 100), nil
		}
		return nil, &ConversionError{Value: v, Type: TTimeSpan}
	case TGuid:
		s := strings.Trim(strings.TrimSpace(ToString(v)), "{}")
		if IsGuid(s) {
			return Guid(strings.ToLower(s)), nil
		}
		return nil, &ConversionError{Value: v, Type: TGuid, Detail: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."}
	case TArray, "System.Object[]":
		if a, ok := v.(*Array); ok && !a.List {
			return a, nil
		}
		return &Array{Items: append([]any(nil), AsSlice(v)...)}, nil
	case TArrayList:
		if v == nil {
			return nil, nil
		}
		return &Array{Items: append([]any(nil), AsSlice(v)...), List: true}, nil
	case THashtable, "System.Collections.IDictionary":
		switch x := v.(type) {
		case *Hashtable:
			if x.Ordered {
				c := x.Clone()
				c.Ordered = false
				return c, nil
			}
			return x, nil
		case nil:
			return nil, nil
		}
		return nil, &ConversionError{Value: v, Type: THashtable, Detail: `Cannot convert the "` + ToString(v) + `" value of type "` + TypeName(v) + `" to type "System.Collections.Hashtable".`}
	case TOrdered:
		if h, ok := v.(*Hashtable); ok {
			c := h.Clone()
			c.Ordered = true
			return c, nil
		}
		return nil, &ConversionError{Value: v, Type: TOrdered}
	case TPSCustom:
		switch x := v.(type) {
		case *Hashtable:
			return FromHashtable(x), nil
		case *Object:
			return x, nil
		}
		return v, nil
	case TActionPref:
		return enumValue(v, t.Name, []string{"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"})
	case TConsoleColor:
		return enumValue(v, t.Name, []string{"Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"})
	case TUri:
		switch x := v.(type) {
		case *Object:
			if x.TypeName() == TUri {
				return x, nil
			}
		case string:
			return ParseUri(x)
		case nil:
			return nil, nil
		}
		return nil, &ConversionError{Value: v, Type: TUri, Detail: `Cannot convert the "` + ToString(v) + `" value of type "` + TypeName(v) + `" to type "System.Uri".`}
	case TType:
		if x, ok := v.(*Type); ok {
			return x, nil
		}
		tt, ok := ParseType(ToString(v), nil)
		if !ok {
			return nil, &ConversionError{Value: v, Type: TType}
		}
		return tt, nil
	}
	if IsType(v, t) {
		return v, nil
	}
	return nil, &ConversionError{Value: v, Type: t.Name, Detail: `Cannot convert the "` + ToString(v) + `" value of type "` + TypeName(v) + `" to type "` + t.Name + `".`}
}

func retype(err error, typ string) error {
	if ce, ok := err.(*ConversionError); ok {
		c := *ce
		c.Type = typ
		return &c
	}
	return err
}

// enumValue converts a value to the name of an enum member.
func enumValue(v any, typ string, names []string) (any, error) {
	s := ToString(v)
	if n, ok := ToNumber(v); ok && !isString(v) {
		i, _ := ToInt(n)
		if i >= 0 && i < len(names) {
			return names[i], nil
		}
	}
	for _, n := range names {
		if strings.EqualFold(n, s) {
			return n, nil
		}
	}
	return nil, &ConversionError{Value: v, Type: typ, Detail: "Unable to match the identifier name " + s + " to a valid enumerator name. Specify one of the following enumerator names and try again:\n" + strings.Join(names, ", ")}
}

func isString(v any) bool { _, ok := v.(string); return ok }

// IsGuid reports whether s is a GUID in the forms [guid] converts:
// 32 hex digits, or 8-4-4-4-12 with dashes.
func IsGuid(s string) bool {
	if len(s) == 32 {
		for i := 0; i < 32; i++ {
			if !isHexDigit(s[i]) {
				return false
			}
		}
		return true
	}
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHexDigit(s[i]) {
				return false
			}
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// parseTimeSpan reads [-][d.]hh:mm[:ss[.fffffff]] or a whole number of days.
func parseTimeSpan(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var days int64
	if i := strings.IndexByte(s, '.'); i >= 0 && i < strings.IndexByte(s+":", ':') {
		n, ok := atoi(s[:i])
		if !ok {
			return 0, false
		}
		days, s = n, s[i+1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) == 1 {
		n, ok := atoi(parts[0])
		if !ok {
			return 0, false
		}
		d := time.Duration(n) * 24 * time.Hour
		if neg {
			d = -d
		}
		return d, true
	}
	if len(parts) > 3 {
		return 0, false
	}
	var frac time.Duration
	if len(parts) == 3 {
		if i := strings.IndexByte(parts[2], '.'); i >= 0 {
			f := parts[2][i+1:]
			parts[2] = parts[2][:i]
			for len(f) < 7 {
				f += "0"
			}
			n, ok := atoi(f[:7])
			if !ok {
				return 0, false
			}
			frac = time.Duration(n) * 100
		}
	}
	vals := [3]int64{}
	for i, p := range parts {
		n, ok := atoi(p)
		if !ok {
			return 0, false
		}
		vals[i] = n
	}
	if vals[0] > 23 || vals[1] > 59 || vals[2] > 59 {
		return 0, false
	}
	d := time.Duration(days)*24*time.Hour + time.Duration(vals[0])*time.Hour + time.Duration(vals[1])*time.Minute + time.Duration(vals[2])*time.Second + frac
	if neg {
		d = -d
	}
	return d, true
}

func atoi(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}
