package cmdlets

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
)

// dotnetState holds what the session knows of the .NET objects it made
// whose behaviour is not in their properties: the encoding each
// System.Text.Encoding object stands for, the methods and property checks
// of objects (encodings, cultures, $PSStyle), and $PSStyle itself.
type dotnetState struct {
	encodings map[*value.Object]textenc.Encoding
	behave    map[*value.Object]*objBehaviour
	psStyle   *value.Object
	// culture is the current culture, once made (see currentCulture).
	culture *value.Object
}

// objBehaviour is what the session implements of one emulated .NET
// object: its methods (nil: none beyond the common ones) and the check of
// a property being set, which returns the value to store (nil: any value
// of an existing property goes).
type objBehaviour struct {
	call func(s *Session, o *value.Object, lname string, args []any) (any, error)
	set  func(s *Session, o *value.Object, name string, v any) (any, error)
}

// behaveAs gives an emulated object its methods and property checks.
func (s *Session) behaveAs(o *value.Object, b *objBehaviour) *value.Object {
	if s.dotnet.behave == nil {
		s.dotnet.behave = map[*value.Object]*objBehaviour{}
	}
	s.dotnet.behave[o] = b
	return o
}

// readOnlySetter refuses to set any property, as .NET get-only properties
// do.
func readOnlySetter(_ *Session, _ *value.Object, name string, _ any) (any, error) {
	return nil, &value.RuntimeError{Type: "System.Management.Automation.SetValueInvocationException", Msg: fmt.Sprintf("'%s' is a ReadOnly property.", name)}
}

// encodingObject is a System.Text.Encoding: an object with .NET's
// properties, whose methods (GetBytes, GetString...) the session
// implements. sealed names the nested type of the static instances
// (UTF8Encoding+UTF8EncodingSealed).
func (s *Session) encodingObject(e textenc.Encoding, sealed bool) *value.Object {
	typ := e.TypeName()
	names := []string{typ, "System.Text.Encoding", "System.Object"}
	if sealed {
		switch e.Kind() {
		case textenc.UTF8:
			names = append([]string{typ + "+UTF8EncodingSealed"}, names...)
		case textenc.ASCII:
			names = append([]string{typ + "+ASCIIEncodingSealed"}, names...)
		case textenc.Latin1:
			names = append([]string{typ + "+Latin1EncodingSealed"}, names...)
		}
	}
	o := value.NewObject(names...)
	flags := e.Flags()
	body, header := e.WebName(), e.WebName()
	switch e.Kind() {
	case textenc.UTF16BE:
		body, header = "unicodeFFFE", "unicodeFFFE"
	case textenc.Windows1252:
		body = "iso-8859-1"
	}
	o.Set("BodyName", body)
	o.Set("EncodingName", e.EncodingName())
	o.Set("HeaderName", header)
	o.Set("WebName", e.WebName())
	o.Set("WindowsCodePage", e.WindowsCodePage())
	o.Set("IsBrowserDisplay", flags[0])
	o.Set("IsBrowserSave", flags[1])
	o.Set("IsMailNewsDisplay", flags[2])
	o.Set("IsMailNewsSave", flags[3])
	o.Set("IsSingleByte", e.IsSingleByte())
	o.Set("EncoderFallback", "System.Text.EncoderReplacementFallback")
	o.Set("DecoderFallback", "System.Text.DecoderReplacementFallback")
	o.Set("IsReadOnly", true)
	o.Set("CodePage", e.CodePage())
	o.SetToString(names[0])
	if s.dotnet.encodings == nil {
		s.dotnet.encodings = map[*value.Object]textenc.Encoding{}
	}
	s.dotnet.encodings[o] = e
	return s.behaveAs(o, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			return s.encodingMethod(e, o, lname, args)
		},
		set: readOnlySetter,
	})
}

// encodingOf is the encoding an object made by encodingObject stands
// for; a copy of one is known by its code page.
func (s *Session) encodingOf(v any) (textenc.Encoding, bool) {
	o, ok := v.(*value.Object)
	if !ok {
		return 0, false
	}
	if e, ok := s.dotnet.encodings[o]; ok {
		return e, true
	}
	if !value.IsType(o, &value.Type{Name: "System.Text.Encoding"}) {
		return 0, false
	}
	cp, _ := o.Get("CodePage")
	n, err := value.ToInt(cp)
	if err != nil {
		return 0, false
	}
	return textenc.FromCodePage(n)
}

// encodingStatics implements the encodings of [System.Text.Encoding]:
// UTF8, Unicode, ASCII... and GetEncoding(name or code page).
func encodingStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "utf8":
		return c.s.encodingObject(textenc.UTF8BOM, true), nil
	case "default":
		return c.s.encodingObject(textenc.UTF8NoBOM, true), nil
	case "unicode":
		return c.s.encodingObject(textenc.Unicode, false), nil
	case "bigendianunicode":
		return c.s.encodingObject(textenc.BigEndianUnicode, false), nil
	case "utf32":
		return c.s.encodingObject(textenc.UTF32, false), nil
	case "ascii":
		return c.s.encodingObject(textenc.ASCIIEnc, true), nil
	case "latin1":
		return c.s.encodingObject(textenc.Latin1Enc, true), nil
	case "utf7":
		return c.s.encodingObject(textenc.UTF7Enc, false), nil
	case "getencoding":
		if !c.call || len(c.args) == 0 {
			break
		}
		e, err := c.s.dotnetEncoding(c.arg(0))
		if err != nil {
			return nil, err
		}
		return c.s.encodingObject(e, e.Kind() == textenc.UTF8 || e.Kind() == textenc.ASCII || e.Kind() == textenc.Latin1), nil
	}
	return c.notImplemented()
}

// dotnetEncoding is Encoding.GetEncoding(name or code page): .NET's names
// only (not PowerShell's -Encoding names).
func (s *Session) dotnetEncoding(v any) (textenc.Encoding, error) {
	switch x := v.(type) {
	case int, int64:
		n, _ := value.ToInt(x)
		if e, ok := textenc.FromCodePage(n); ok {
			return e, nil
		}
		if textenc.IsOtherCodePage(strconv.Itoa(n)) {
			return 0, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("[System.Text.Encoding]::GetEncoding(%d) (code page %d)", n, n)}
		}
		return 0, &methodErr{typ: "System.NotSupportedException", msg: fmt.Sprintf("No data is available for encoding %d. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method.", n)}
	}
	name := value.ToString(v)
	switch strings.ToLower(name) {
	case "utf8", "utf8bom", "utf8nobom", "oem", "ansi", "bigendianunicode", "bigendianutf32", "utf32", "utf7", "string", "default":
		// PowerShell's own names are not .NET's
	default:
		if e, ok := textenc.Lookup(name); ok {
			return e, nil
		}
	}
	if textenc.IsOtherCodePage(name) {
		return 0, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("[System.Text.Encoding]::GetEncoding('%s')", name)}
	}
	return 0, &methodErr{typ: "System.ArgumentException", msg: fmt.Sprintf("'%s' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')", name)}
}

// newEncodingObject implements the constructors of the encoding classes:
// [System.Text.UTF8Encoding]::new($withBOM), UnicodeEncoding::new($bigEndian,
// $withBOM), UTF32Encoding::new($bigEndian, $withBOM), ASCIIEncoding::new().
func (s *Session) newEncodingObject(typ string, args []any) (any, bool, error) {
	flag := func(i int, def bool) bool {
		if i < len(args) {
			return value.ToBool(args[i])
		}
		return def
	}
	switch typ {
	case "System.Text.UTF8Encoding":
		if len(args) > 2 {
			return nil, true, &methodErr{typ: "NotImplemented", msg: "new UTF8Encoding with throwOnInvalidBytes"}
		}
		return s.encodingObject(textenc.New(textenc.UTF8, flag(0, false)), false), true, nil
	case "System.Text.UnicodeEncoding":
		if len(args) > 2 {
			return nil, true, &methodErr{typ: "NotImplemented", msg: "new UnicodeEncoding with throwOnInvalidBytes"}
		}
		kind := textenc.UTF16LE
		if flag(0, false) {
			kind = textenc.UTF16BE
		}
		return s.encodingObject(textenc.New(kind, flag(1, true)), false), true, nil
	case "System.Text.UTF32Encoding":
		if len(args) > 2 {
			return nil, true, &methodErr{typ: "NotImplemented", msg: "new UTF32Encoding with throwOnInvalidCharacters"}
		}
		kind := textenc.UTF32LE
		if flag(0, false) {
			kind = textenc.UTF32BE
		}
		return s.encodingObject(textenc.New(kind, flag(1, true)), false), true, nil
	case "System.Text.ASCIIEncoding":
		return s.encodingObject(textenc.ASCIIEnc, false), true, nil
	case "System.Text.UTF7Encoding":
		return s.encodingObject(textenc.UTF7Enc, false), true, nil
	}
	return nil, false, nil
}

// encodingMethod implements the methods of a System.Text.Encoding.
func (s *Session) encodingMethod(e textenc.Encoding, o *value.Object, lname string, args []any) (any, error) {
	switch lname {
	case "getbytes":
		if len(args) == 1 {
			return byteArray(e.EncodeBytes(charsText(args[0]))), nil
		}
	case "getbytecount":
		if len(args) == 1 {
			return len(e.EncodeBytes(charsText(args[0]))), nil
		}
	case "getstring":
		b, err := bytesArg(argOr(args, 0))
		if err != nil {
			return nil, err
		}
		if len(args) == 3 {
			i, _ := value.ToInt(args[1])
			n, _ := value.ToInt(args[2])
			if i < 0 || n < 0 || i+n > len(b) {
				return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Index and count must refer to a location within the buffer. (Parameter 'bytes')"}
			}
			b = b[i : i+n]
		} else if len(args) != 1 {
			break
		}
		return e.DecodeBytes(b), nil
	case "getchars":
		b, err := bytesArg(argOr(args, 0))
		if err != nil {
			return nil, err
		}
		var out []any
		for _, r := range e.DecodeBytes(b) {
			out = append(out, r)
		}
		return &value.Array{Items: out, Elem: value.TChar}, nil
	case "getcharcount":
		b, err := bytesArg(argOr(args, 0))
		if err != nil {
			return nil, err
		}
		return textenc.CharCount(e.DecodeBytes(b)), nil
	case "getpreamble":
		return byteArray(e.Preamble()), nil
	case "getmaxbytecount":
		n, _ := value.ToInt(argOr(args, 0))
		per := map[textenc.Kind]int{textenc.UTF8: 3, textenc.UTF16LE: 2, textenc.UTF16BE: 2, textenc.UTF32LE: 4, textenc.UTF32BE: 4, textenc.UTF7: 3}[e.Kind()]
		if per == 0 {
			return n + 1, nil
		}
		return (n + 1) * per, nil
	case "tostring":
		return o.TypeNames[0], nil
	case "clone":
		return s.encodingObject(e, false), nil
	case "equals":
		other, ok := s.encodingOf(argOr(args, 0))
		return ok && other == e, nil
	}
	return nil, notFoundMethod(o, lname)
}

// charsText is the text of a string or char[] argument.
func charsText(v any) string {
	if a, ok := v.(*value.Array); ok {
		var b strings.Builder
		for _, it := range a.Items {
			if r, ok := it.(rune); ok {
				b.WriteRune(r)
			} else {
				b.WriteString(value.ToString(it))
			}
		}
		return b.String()
	}
	return value.ToString(v)
}

// byteArray is a [byte[]].
func byteArray(b []byte) *value.Array {
	out := make([]any, len(b))
	for i, c := range b {
		out[i] = int(c)
	}
	return &value.Array{Items: out, Elem: value.TByte}
}

// bytesArg reads a byte[] argument.
func bytesArg(v any) ([]byte, error) {
	if v == nil {
		return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'bytes')"}
	}
	items := value.AsSlice(v)
	out := make([]byte, len(items))
	for i, it := range items {
		n, err := value.ToInt(it)
		if err != nil || n < 0 || n > 255 {
			return nil, &methodErr{typ: "System.Management.Automation.PSInvalidCastException",
				msg: fmt.Sprintf("Cannot convert value \"%s\" to type \"System.Byte\". Error: \"Value was either too large or too small for an unsigned byte.\"", value.ToString(it))}
		}
		out[i] = byte(n)
	}
	return out, nil
}

// encodingNames are the -Encoding values PowerShell 7 completes.
const encodingNames = "ansi, ascii, bigendianunicode, bigendianutf32, oem, unicode, utf7, utf8, utf8BOM, utf8NoBOM, utf32"

// encodingArg reads the -Encoding of a call: a name of pwsh 7 (utf8,
// unicode...) or of .NET, a code page, or a System.Text.Encoding; def when
// it is not given. A name that no encoding has is the argument
// transformation error pwsh gives; an encoding .NET knows that csemu does
// not model is [NotImplemented]. UTF-7 warns that it is obsolete.
func (c *Call) encodingArg(def textenc.Encoding) (textenc.Encoding, error) {
	v, ok := c.Lookup("Encoding")
	if !ok || v == nil {
		return def, nil
	}
	if a, ok := v.(*value.Array); ok && len(a.Items) == 1 {
		v = a.Items[0]
	}
	var e textenc.Encoding
	switch x := v.(type) {
	case *value.Object:
		enc, ok := c.s.encodingOf(x)
		if !ok {
			return 0, bindError(BindValueInvalid, c.Pos, c.cmd.Name, "ParameterArgumentTransformationError", InvalidData,
				"Cannot process argument transformation on parameter 'Encoding'. Cannot convert the \"%s\" value of type \"%s\" to type \"System.Text.Encoding\".", c.s.toString(x), x.TypeName())
		}
		e = enc
	case int, int64:
		n, _ := value.ToInt(x)
		enc, ok := textenc.FromCodePage(n)
		if !ok {
			if textenc.IsOtherCodePage(strconv.Itoa(n)) {
				return 0, notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("-Encoding %d (code page %d)", n, n))
			}
			return 0, bindError(BindValueInvalid, c.Pos, c.cmd.Name, "ParameterArgumentTransformationError", InvalidData,
				"Cannot process argument transformation on parameter 'Encoding'. No data is available for encoding %d. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method.", n)
		}
		e = enc
	default:
		name := c.s.toString(v)
		enc, ok := textenc.Lookup(name)
		if !ok {
			if n, err := strconv.Atoi(name); err == nil {
				if enc, ok = textenc.FromCodePage(n); !ok && !textenc.IsOtherCodePage(name) {
					return 0, bindError(BindValueInvalid, c.Pos, c.cmd.Name, "ParameterArgumentTransformationError", InvalidData,
						"Cannot process argument transformation on parameter 'Encoding'. No data is available for encoding %d. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method.", n)
				}
			}
		}
		if !ok {
			if textenc.IsOtherCodePage(name) {
				return 0, notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("-Encoding %s", name))
			}
			return 0, bindError(BindValueInvalid, c.Pos, c.cmd.Name, "ParameterArgumentTransformationError", InvalidData,
				"Cannot process argument transformation on parameter 'Encoding'. '%s' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')", name)
		}
		e = enc
	}
	if e.Kind() == textenc.UTF7 {
		c.Warning("Encoding 'UTF-7' is obsolete, please use UTF-8.")
	}
	return e, nil
}
