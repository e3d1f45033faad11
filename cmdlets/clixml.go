package cmdlets

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
)

// clixmlCmdlets are Import-Clixml and Export-Clixml, which read and write
// PowerShell's CLIXML serialization format (serialization.cs).
func clixmlCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Import-Clixml", Synopsis: "Reads the objects a CLIXML file holds.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-clixml",
			Params: []*ParamDef{sets(mand(pipe(byName(p("Path", "string[]", 0)))), "ByPath"),
				sets(mand(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"))), "ByLiteralPath"),
				p("IncludeTotalCount", "switch", -1), p("Skip", "ulong", -1), p("First", "ulong", -1)},
			DefaultSet: "ByPath",
			Process:    importClixmlProcess,
		},
		{
			Name: "Export-Clixml", Synopsis: "Writes objects to a CLIXML file (needs --allow-write).", Writes: true, ShouldProcess: true,
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-clixml",
			Params: []*ParamDef{sets(mand(p("Path", "string", 0)), "ByPath"),
				sets(mand(alias(p("LiteralPath", "string", -1), "PSPath", "LP")), "ByLiteralPath"),
				mand(pipe(p("InputObject", "object", -1))), clixmlDepth(p("Depth", "int", -1)),
				p("Force", "switch", -1), alias(p("NoClobber", "switch", -1), "NoOverwrite"), p("Encoding", "object", -1)},
			DefaultSet: "ByPath",
			Process:    exportClixmlProcess,
			End:        exportClixmlEnd,
		},
	}
}

// clixmlDepth is Export-Clixml's [ValidateRange(1, int.MaxValue)] on -Depth.
func clixmlDepth(d *ParamDef) *ParamDef {
	d.HasRange, d.RangeMin, d.RangeMax = true, 1, math.MaxInt32
	return d
}

// importClixmlProcess reads each file Import-Clixml names and writes the
// objects its <Objs> element holds, each as one object (a collection is
// not enumerated: XmlCommands.cs, ImportXmlHelper.Import).
func importClixmlProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	return c.eachItem(func(pp psPath) error {
		// a path of another provider, or a file that cannot be opened,
		// stops the command (PathUtils.OpenFileStream reports them with
		// ThrowTerminatingError)
		if pp.prov != provFS || c.s.isContainer(pp) {
			return c.Fail("ReadWriteFileNotFileSystemProvider", InvalidArgument,
				"Cannot open file because the current provider (%s) cannot open a file.", `Microsoft.PowerShell.Core\`+pp.prov.name())
		}
		data, err := c.s.readFile(pp.path)
		if err != nil {
			return c.Fail("FileOpenFailure", OpenError(), "%s", fsErrorMessage(err, pp.path))
		}
		objs, err := readClixml(c, textenc.UTF8NoBOM.Decode(data))
		if err != nil {
			var pe *psError
			if asPSError(err, &pe) {
				return pe
			}
			return c.Fail("System.Xml.XmlException", InvalidData, "%s", err.Error())
		}
		for _, o := range objs {
			if err := c.Write(o); err != nil {
				return err
			}
		}
		return nil
	})
}

// clixmlNode is one element of a CLIXML document.
type clixmlNode struct {
	name      string
	attrs     map[string]string
	text      strings.Builder
	kids      []*clixmlNode
	parent    *clixmlNode
	line, col int
}

// path is the element's place in the document, as an error names it:
// Objs/Obj[2]/Props/Ref[1] (the position counts the siblings of the same
// name, from 1).
func (n *clixmlNode) path() string {
	var parts []string
	for e := n; e != nil; e = e.parent {
		part := e.name
		if p := e.parent; p != nil {
			i, count := 0, 0
			for _, k := range p.kids {
				if k.name == e.name {
					count++
					if k == e {
						i = count
					}
				}
			}
			part += "[" + strconv.Itoa(i) + "]"
		}
		parts = append(parts, part)
	}
	slices.Reverse(parts)
	return strings.Join(parts, "/")
}

// attr returns attribute name of n.
func (n *clixmlNode) attr(name string) (string, bool) {
	v, ok := n.attrs[name]
	return v, ok
}

// clixmlError is a malformed CLIXML document, with the line and position
// of the element at fault, as XmlException words it.
type clixmlError struct {
	msg       string
	line, col int
	elem      string // the element's path, when the error is of one
}

func (e *clixmlError) Error() string {
	return fmt.Sprintf("%s Line %d, position %d.", e.msg, e.line, e.col)
}

// Position is the line and column of the error (ParseClixml's callers
// read it without knowing the type).
func (e *clixmlError) Position() (line, col int) { return e.line, e.col }

// Element is the path of the element at fault (Objs/Obj[2]/Props/Ref[1]),
// or "" for an error of the XML text itself.
func (e *clixmlError) Element() string { return e.elem }

// Message is the error without its position.
func (e *clixmlError) Message() string { return e.msg }

// parseClixmlTree reads the XML text into a tree of elements.
func parseClixmlTree(text string) (*clixmlNode, error) {
	d := xml.NewDecoder(strings.NewReader(text))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []*clixmlNode
	var root *clixmlNode
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			l := line
			if se, ok := err.(*xml.SyntaxError); ok {
				l = se.Line
				msg := se.Msg
				return nil, &clixmlError{msg: strings.ToUpper(msg[:1]) + msg[1:] + ".", line: l, col: col}
			}
			return nil, &clixmlError{msg: err.Error() + ".", line: l, col: col}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &clixmlNode{name: t.Name.Local, attrs: map[string]string{}, line: line, col: col}
			if len(stack) > 0 {
				n.parent = stack[len(stack)-1]
			}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, &clixmlError{msg: "There are multiple root elements.", line: line, col: col}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, &clixmlError{msg: "Data at the root level is invalid.", line: line, col: col}
			}
		}
	}
	if root == nil {
		return nil, &clixmlError{msg: "Root element is missing.", line: 1, col: 1}
	}
	return root, nil
}

// clixmlReader turns CLIXML elements into values (serialization.cs's
// InternalDeserializer).
type clixmlReader struct {
	c     *Call // nil when no command reads the document (ParseClixml)
	tns   map[string][]string
	refs  map[string]any
	depth int // objects being read, as ReadOneObject counts them
}

// clixmlMaxDepth is the deserializer's MaxDepthBelowTopLevel: an object
// nested this deep is an error (serialization.cs, ReadOneObject).
const clixmlMaxDepth = 50

// ParseClixml reads a CLIXML document as Import-Clixml does, without a
// command: the objects its <Objs> root holds. A malformed document is an
// error that has the methods Position() (line, col int), Element() string
// (the path of the element at fault, such as Objs/Obj[2]/Props/Ref[1])
// and Message() string; what Import-Clixml does not emulate is such an
// error whose message starts with [NotImplemented]. An enum (an Obj with
// System.Enum among its type names) is an object of its Deserialized.
// type names whose ToString is the enum's name, so that the name is not
// lost; Import-Clixml gives its number.
func ParseClixml(text string) ([]any, error) {
	return readClixml(nil, text)
}

// readClixml reads a CLIXML document: the objects its <Objs> root holds.
func readClixml(c *Call, text string) ([]any, error) {
	root, err := parseClixmlTree(text)
	if err != nil {
		return nil, err
	}
	if root.name != "Objs" {
		return nil, &clixmlError{msg: fmt.Sprintf("Element '%s' was not expected: a CLIXML document is an Objs element.", root.name), line: root.line, col: root.col}
	}
	r := &clixmlReader{c: c, tns: map[string][]string{}, refs: map[string]any{}}
	var out []any
	for _, k := range root.kids {
		v, err := r.value(k)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (r *clixmlReader) fail(n *clixmlNode, format string, args ...any) error {
	return &clixmlError{msg: fmt.Sprintf(format, args...), line: n.line, col: n.col, elem: n.path()}
}

// notImplemented is the [NotImplemented] error of what the reader does
// not emulate: Import-Clixml's statement-terminating error, or without a
// command an error at the element.
func (r *clixmlReader) notImplemented(n *clixmlNode, what string) error {
	if r.c == nil {
		return r.fail(n, "[NotImplemented] %s is not emulated", what)
	}
	return notImplemented(r.c.Pos, r.c.cmd.Name, what)
}

// value reads one value element: a primitive, a <Ref> or an <Obj>.
func (r *clixmlReader) value(n *clixmlNode) (any, error) {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth >= clixmlMaxDepth {
		// Serialization.resx's DeserializationTooDeep
		return nil, r.fail(n, "Serialized XML is nested too deeply.")
	}
	if n.name == "Obj" {
		return r.object(n)
	}
	if n.name == "Ref" {
		id, _ := n.attr("RefId")
		v, ok := r.refs[id]
		if !ok {
			return nil, r.fail(n, "Ref element refers to an unknown RefId '%s'.", id)
		}
		return v, nil
	}
	v, ok, err := r.primitive(n)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, r.fail(n, "Element '%s' is not a CLIXML value.", n.name)
	}
	return v, nil
}

// primitive reads a known-type element (serialization.cs's
// KnownTypes table); ok is false for other elements.
func (r *clixmlReader) primitive(n *clixmlNode) (v any, ok bool, err error) {
	text := n.text.String()
	bad := func() (any, bool, error) {
		return nil, true, r.fail(n, "The %s element's text '%s' is not valid.", n.name, text)
	}
	num := func(bits int, signed bool) (any, bool, error) {
		t := strings.TrimSpace(text)
		if signed {
			i, err := strconv.ParseInt(t, 10, bits)
			if err != nil {
				return bad()
			}
			switch bits {
			case 8:
				return int8(i), true, nil
			case 16:
				return int16(i), true, nil
			case 32:
				return int(i), true, nil
			}
			return i, true, nil
		}
		u, err := strconv.ParseUint(t, 10, bits)
		if err != nil {
			return bad()
		}
		switch bits {
		case 8:
			return uint8(u), true, nil
		case 16:
			return uint16(u), true, nil
		case 32:
			return uint32(u), true, nil
		}
		return u, true, nil
	}
	switch n.name {
	case "Nil":
		return nil, true, nil
	case "S":
		return clixmlUnescape(text), true, nil
	case "SBK":
		// a script block deserializes as its text (serialization.cs)
		return clixmlUnescape(text), true, nil
	case "B":
		switch strings.TrimSpace(text) {
		case "true", "1":
			return true, true, nil
		case "false", "0":
			return false, true, nil
		}
		return bad()
	case "I32":
		return num(32, true)
	case "I64":
		return num(64, true)
	case "I16":
		return num(16, true)
	case "SB":
		return num(8, true)
	case "U8":
		return num(8, false)
	case "U16":
		return num(16, false)
	case "U32":
		return num(32, false)
	case "U64":
		return num(64, false)
	case "C":
		// a char is its UTF-16 code as a number
		u, err := strconv.ParseUint(strings.TrimSpace(text), 10, 16)
		if err != nil {
			return bad()
		}
		return rune(u), true, nil
	case "Db", "Sg":
		f, ok := clixmlFloat(strings.TrimSpace(text))
		if !ok {
			return bad()
		}
		if n.name == "Sg" {
			return float32(f), true, nil
		}
		return f, true, nil
	case "D":
		// XmlConvert.ToDecimal keeps the scale ("1.50")
		d, ok := value.ParseDecimal(strings.TrimSpace(text), false, false)
		if !ok {
			return bad()
		}
		return d, true, nil
	case "DT":
		t, ok := clixmlDateTime(strings.TrimSpace(text))
		if !ok {
			return bad()
		}
		return t, true, nil
	case "TS":
		d, ok := clixmlDuration(strings.TrimSpace(text))
		if !ok {
			return bad()
		}
		return d, true, nil
	case "G":
		g := strings.TrimSpace(text)
		if !value.IsGuid(g) {
			return bad()
		}
		return value.Guid(strings.ToLower(g)), true, nil
	case "URI":
		u, err := value.ParseUri(clixmlUnescape(text))
		if err != nil {
			return bad()
		}
		return u, true, nil
	case "Version":
		v, err := convertToVersion(strings.TrimSpace(text))
		if err != nil {
			return bad()
		}
		return v, true, nil
	case "BA":
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
		if err != nil {
			return bad()
		}
		items := make([]any, len(b))
		for i, x := range b {
			items[i] = x
		}
		return &value.Array{Items: items, Elem: value.TByte}, true, nil
	case "SS":
		return nil, true, r.notImplemented(n, "Import-Clixml of a SecureString (SS element)")
	case "XD", "ScriptBlock", "PR":
		return nil, true, r.notImplemented(n, "Import-Clixml of a CLIXML "+n.name+" element")
	}
	return nil, false, nil
}

// object reads an <Obj>: a primitive with its type names, a collection, a
// dictionary, or a property bag that comes back as a PSCustomObject whose
// type names start with "Deserialized." (serialization.cs, ReadOneObject).
func (r *clixmlReader) object(n *clixmlNode) (any, error) {
	var names []string
	var toString *string
	var content any
	haveContent := false
	o := value.NewObject()
	var props []*clixmlNode
	for _, k := range n.kids {
		switch k.name {
		case "TN":
			for _, t := range k.kids {
				if t.name == "T" {
					names = append(names, clixmlUnescape(t.text.String()))
				}
			}
			if id, ok := k.attr("RefId"); ok {
				r.tns[id] = names
			}
		case "TNRef":
			id, _ := k.attr("RefId")
			t, ok := r.tns[id]
			if !ok {
				return nil, r.fail(k, "TNRef element refers to an unknown RefId '%s'.", id)
			}
			names = t
		case "ToString":
			s := clixmlUnescape(k.text.String())
			toString = &s
		case "Props", "MS":
			props = append(props, k.kids...)
		case "LST", "IE":
			items := []any{}
			for _, e := range k.kids {
				v, err := r.value(e)
				if err != nil {
					return nil, err
				}
				items = append(items, v)
			}
			content, haveContent = &value.Array{Items: items, List: true}, true
		case "STK", "QUE":
			return nil, r.notImplemented(k, "Import-Clixml of a CLIXML "+k.name+" (stack or queue)")
		case "DCT":
			h := value.NewHashtable()
			for _, en := range k.kids {
				if en.name != "En" {
					return nil, r.fail(en, "Element '%s' is not an En entry of a DCT.", en.name)
				}
				var key, val any
				haveKey := false
				for _, kv := range en.kids {
					v, err := r.value(kv)
					if err != nil {
						return nil, err
					}
					switch kv.attrs["N"] {
					case "Key":
						key, haveKey = v, true
					case "Value":
						val = v
					}
				}
				if !haveKey || key == nil {
					return nil, r.fail(en, "A DCT entry has no Key.")
				}
				h.Set(key, val)
			}
			content, haveContent = h, true
		default:
			v, ok, err := r.primitive(k)
			if err != nil {
				return nil, err
			}
			if !ok {
				if k.name == "Ref" || k.name == "Obj" {
					return nil, r.fail(k, "Element '%s' cannot be the content of an Obj.", k.name)
				}
				return nil, r.fail(k, "Element '%s' is not a CLIXML element.", k.name)
			}
			content, haveContent = v, true
		}
	}
	id, hasID := n.attr("RefId")
	if haveContent && r.c == nil && toString != nil && slices.ContainsFunc(names, func(t string) bool {
		return strings.EqualFold(strings.TrimPrefix(t, "Deserialized."), "System.Enum")
	}) {
		// without a command (ParseClixml) an enum keeps its name: an
		// object of its type names whose text is the name, as the
		// deserialized PSObject's ToString gives it
		e := value.NewObject()
		a := e.PSTypeNames()
		a.Items = a.Items[:0]
		for _, t := range names {
			if !strings.HasPrefix(strings.ToLower(t), "deserialized.") {
				t = "Deserialized." + t
			}
			a.Items = append(a.Items, t)
		}
		e.SetToString(*toString)
		content = e
	}
	if haveContent {
		if hasID {
			r.refs[id] = content
		}
		return content, nil
	}
	if hasID {
		// registered before its properties, which may refer back to it
		r.refs[id] = o
	}
	if len(names) > 0 {
		a := o.PSTypeNames()
		a.Items = a.Items[:0]
		for _, t := range names {
			// the prefix is added once (AddDeserializationPrefix)
			if !strings.HasPrefix(strings.ToLower(t), "deserialized.") {
				t = "Deserialized." + t
			}
			a.Items = append(a.Items, t)
		}
	}
	for _, pn := range props {
		name, ok := pn.attr("N")
		if !ok {
			return nil, r.fail(pn, "A property element has no N attribute.")
		}
		v, err := r.value(pn)
		if err != nil {
			return nil, err
		}
		o.Set(clixmlUnescape(name), v)
	}
	if toString != nil {
		o.SetToString(*toString)
	}
	return o, nil
}

// clixmlUnescape decodes the _xHHHH_ escapes of a CLIXML string (XmlConvert
// style, as serialization.cs's EncodeString writes them).
func clixmlUnescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var units []uint16
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if u, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				units = append(units, uint16(u))
				i += 7
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		units = utf16.AppendRune(units, r)
		i += size
	}
	return string(utf16.Decode(units))
}

// clixmlFloat reads a double as XmlConvert writes it (INF, -INF, NaN).
func clixmlFloat(s string) (float64, bool) {
	switch s {
	case "INF":
		return math.Inf(1), true
	case "-INF":
		return math.Inf(-1), true
	case "NaN":
		return math.NaN(), true
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// clixmlDateTime reads a DateTime as XmlConvert writes it in
// RoundtripKind: a Z suffix is Utc, an offset Local, none Unspecified.
func clixmlDateTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if strings.HasSuffix(s, "Z") {
			return t.UTC(), true
		}
		return t.In(time.Local), true
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, value.UnspecifiedZone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// clixmlDuration reads an xs:duration (PnDTnHnMn.nS) as a TimeSpan.
func clixmlDuration(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if !strings.HasPrefix(s, "P") || len(s) < 2 {
		return 0, false
	}
	s = s[1:]
	var total float64
	inTime := false
	for s != "" {
		if s[0] == 'T' {
			inTime = true
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, false
		}
		f, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, false
		}
		unit := s[i]
		switch {
		case unit == 'Y' && !inTime:
			total += f * 365 * 86400
		case unit == 'M' && !inTime:
			total += f * 30 * 86400
		case unit == 'D' && !inTime:
			total += f * 86400
		case unit == 'H' && inTime:
			total += f * 3600
		case unit == 'M' && inTime:
			total += f * 60
		case unit == 'S' && inTime:
			total += f
		default:
			return 0, false
		}
		s = s[i+1:]
	}
	d := time.Duration(math.Round(total*1e7)) * 100
	if neg {
		d = -d
	}
	return d, true
}

// clixmlWriter writes values as CLIXML (serialization.cs's
// InternalSerializer), indented as XmlWriter with Indent writes it.
type clixmlWriter struct {
	s      *Session
	c      *Call
	b      strings.Builder
	indent int
	refs   map[any]string
	tns    map[string]string
}

// newClixmlWriter returns a writer that has opened the <Objs> element.
func newClixmlWriter(c *Call) *clixmlWriter {
	w := &clixmlWriter{s: c.s, c: c, refs: map[any]string{}, tns: map[string]string{}}
	w.b.WriteString(clixmlObjsStart)
	w.indent = 1
	return w
}

// FormatClixml writes objs as Export-Clixml -Depth depth writes them,
// without a command: each value is one top-level element of the <Objs>
// document. What Export-Clixml does not emulate is an error whose message
// starts with [NotImplemented].
func FormatClixml(objs []any, depth int) (string, error) {
	w := &clixmlWriter{s: NewSession(), refs: map[any]string{}, tns: map[string]string{}}
	w.b.WriteString(clixmlObjsStart)
	w.indent = 1
	for _, o := range objs {
		if err := w.value(o, nil, depth, 0); err != nil {
			return "", err
		}
	}
	return w.done(), nil
}

// done closes the <Objs> element and returns the document.
func (w *clixmlWriter) done() string {
	if w.b.Len() == len(clixmlObjsStart) {
		// with no objects the element is empty, as XmlWriter closes it
		return strings.TrimSuffix(clixmlObjsStart, ">") + " />"
	}
	w.b.WriteString("\r\n</Objs>")
	return w.b.String()
}

// clixmlObjsStart opens a CLIXML document.
const clixmlObjsStart = `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">`

func (w *clixmlWriter) line() {
	w.b.WriteString("\r\n")
	w.b.WriteString(strings.Repeat("  ", w.indent))
}

// nameAttr is the N (property name) attribute when name is set.
func nameAttr(name *string) string {
	if name == nil {
		return ""
	}
	return ` N="` + clixmlXMLEscape(clixmlEscape(*name), true) + `"`
}

// elem writes a one-line element holding text.
func (w *clixmlWriter) elem(tag string, name *string, text string) {
	w.line()
	fmt.Fprintf(&w.b, "<%s%s>%s</%s>", tag, nameAttr(name), clixmlXMLEscape(text, false), tag)
}

// primitive writes v when it is one of the known primitive types.
func (w *clixmlWriter) primitive(v any, name *string) bool {
	switch x := v.(type) {
	case nil:
		w.line()
		fmt.Fprintf(&w.b, "<Nil%s />", nameAttr(name))
	case string:
		w.elem("S", name, clixmlEscape(x))
	case bool:
		w.elem("B", name, strconv.FormatBool(x))
	case int:
		w.elem("I32", name, strconv.Itoa(x))
	case int64:
		w.elem("I64", name, strconv.FormatInt(x, 10))
	case int16:
		w.elem("I16", name, strconv.Itoa(int(x)))
	case int8:
		w.elem("SB", name, strconv.Itoa(int(x)))
	case uint8:
		w.elem("U8", name, strconv.Itoa(int(x)))
	case uint16:
		w.elem("U16", name, strconv.Itoa(int(x)))
	case uint32:
		w.elem("U32", name, strconv.FormatUint(uint64(x), 10))
	case uint64:
		w.elem("U64", name, strconv.FormatUint(x, 10))
	case rune:
		w.elem("C", name, strconv.Itoa(int(x)))
	case float64:
		w.elem("Db", name, clixmlFloatText(x, 64))
	case float32:
		w.elem("Sg", name, clixmlFloatText(float64(x), 32))
	case value.Decimal:
		w.elem("D", name, value.ToString(x))
	case time.Time:
		w.elem("DT", name, clixmlDateTimeText(x))
	case time.Duration:
		w.elem("TS", name, clixmlDurationText(x))
	case value.Guid:
		w.elem("G", name, string(x))
	case *value.Array:
		if x.Elem != value.TByte || x.List {
			return false
		}
		b := make([]byte, len(x.Items))
		for i, it := range x.Items {
			u, _ := it.(uint8)
			b[i] = u
		}
		w.elem("BA", name, base64.StdEncoding.EncodeToString(b))
	case *value.Object:
		switch x.TypeName() {
		case value.TUri:
			w.elem("URI", name, clixmlEscape(w.s.toString(x)))
		case value.TVersion:
			w.elem("Version", name, w.s.toString(x))
		default:
			return false
		}
	default:
		return false
	}
	return true
}

// refOf returns the reference identity of a container or object.
func refOf(v any) (any, bool) {
	switch v.(type) {
	case *value.Array, *value.Hashtable, *value.Object:
		return v, true
	}
	return nil, false
}

// typeNames writes the <TN> list, or a <TNRef> to an equal list written
// before.
func (w *clixmlWriter) typeNames(names []string) {
	if len(names) == 0 {
		return
	}
	key := strings.Join(names, "\x00")
	if id, ok := w.tns[key]; ok {
		w.line()
		fmt.Fprintf(&w.b, `<TNRef RefId="%s" />`, id)
		return
	}
	id := strconv.Itoa(len(w.tns))
	w.tns[key] = id
	w.line()
	fmt.Fprintf(&w.b, `<TN RefId="%s">`, id)
	w.indent++
	for _, n := range names {
		w.elem("T", nil, clixmlEscape(n))
	}
	w.indent--
	w.line()
	w.b.WriteString("</TN>")
}

// startObj opens an <Obj> with a new RefId for v.
func (w *clixmlWriter) startObj(v any, name *string) {
	id := strconv.Itoa(len(w.refs))
	w.refs[v] = id
	w.line()
	fmt.Fprintf(&w.b, `<Obj%s RefId="%s">`, nameAttr(name), id)
	w.indent++
}

func (w *clixmlWriter) endObj() {
	w.indent--
	w.line()
	w.b.WriteString("</Obj>")
}

func (w *clixmlWriter) open(tag string) {
	w.line()
	w.b.WriteString("<" + tag + ">")
	w.indent++
}

func (w *clixmlWriter) close(tag string) {
	w.indent--
	w.line()
	w.b.WriteString("</" + tag + ">")
}

// value writes one value at depth (WriteOneObject): primitives as
// themselves, an object written before as a <Ref>, collections with their
// items at the same depth, and an object past the depth as its text.
func (w *clixmlWriter) value(v any, name *string, depth, level int) error {
	if level >= 50 {
		// MaxDepthBelowTopLevel: the string of Serialization.resx's
		// DeserializationTooDeep
		w.elem("S", name, "Serialized XML is nested too deeply.")
		return nil
	}
	if w.primitive(v, name) {
		return nil
	}
	if key, ok := refOf(v); ok {
		if id, ok := w.refs[key]; ok {
			w.line()
			fmt.Fprintf(&w.b, `<Ref%s RefId="%s" />`, nameAttr(name), id)
			return nil
		}
	}
	switch x := v.(type) {
	case *value.Array:
		tag := "LST"
		switch x.Kind {
		case "stack":
			tag = "STK"
		case "queue":
			tag = "QUE"
		case "set":
			tag = "IE"
		}
		w.startObj(x, name)
		w.typeNames(arrayOfStrings(typeNamesOf(x).Items))
		w.open(tag)
		for _, it := range x.Items {
			if err := w.value(it, nil, depth, level+1); err != nil {
				return err
			}
		}
		w.close(tag)
		w.endObj()
		return nil
	case *value.Hashtable:
		w.startObj(x, name)
		w.typeNames(arrayOfStrings(typeNamesOf(x).Items))
		w.open("DCT")
		keyName, valName := "Key", "Value"
		for i, k := range x.Keys() {
			w.open("En")
			if err := w.value(k, &keyName, depth, level+1); err != nil {
				return err
			}
			if err := w.value(x.Values()[i], &valName, depth, level+1); err != nil {
				return err
			}
			w.close("En")
		}
		w.close("DCT")
		w.endObj()
		return nil
	case *value.Object:
		return w.object(x, name, depth, level)
	case *ScriptBlock:
		w.elem("SBK", name, clixmlEscape(x.Text))
		return nil
	case *enumValue:
		// an enum is its type names, its name as ToString, and its number
		w.startObj(x, name)
		w.typeNames([]string{x.typ, "System.Enum", "System.ValueType", value.TObject})
		w.elem("ToString", nil, clixmlEscape(x.name))
		if !w.primitive(x.n, nil) {
			w.elem("I32", nil, value.ToString(x.n))
		}
		w.endObj()
		return nil
	}
	_, isMember := v.(memberObject)
	_, isNamed := v.(value.TypeNamer)
	if isMember || isNamed {
		return w.adapted(v, name, depth, level)
	}
	if w.c == nil {
		return fmt.Errorf("[NotImplemented] Export-Clixml of a %s is not emulated", value.TypeName(v))
	}
	return notImplemented(w.c.Pos, w.c.cmd.Name, "Export-Clixml of a "+value.TypeName(v))
}

// adapted writes an engine value that models a .NET object: its type
// names, its text and its properties one level deeper, or its text past
// the depth (HandleComplexTypePSObject).
func (w *clixmlWriter) adapted(v any, name *string, depth, level int) error {
	text := w.s.toString(v)
	if depth <= 0 {
		w.elem("S", name, clixmlEscape(text))
		return nil
	}
	names := arrayOfStrings(typeNamesOf(v).Items)
	if l, ok := v.(value.TypeLister); ok {
		names = l.PSTypeNames()
	}
	w.startObj(v, name)
	w.typeNames(names)
	w.elem("ToString", nil, clixmlEscape(text))
	if ps := propertyNames(v); len(ps) > 0 {
		w.open("Props")
		for _, p := range ps {
			pv, _ := w.s.getMember(v, p)
			n := p
			if err := w.value(pv, &n, depth-1, level+1); err != nil {
				return err
			}
		}
		w.close("Props")
	}
	w.endObj()
	return nil
}

// object writes a PSCustomObject (its note properties in <MS>, at the same
// depth: instance members keep it) or an adapted .NET object (<ToString>,
// its properties in <Props> one level deeper); past the depth an adapted
// object is its text, a property bag its text with its notes
// (HandleComplexTypePSObject, HandlePSObjectAsString).
func (w *clixmlWriter) object(o *value.Object, name *string, depth, level int) error {
	custom := o.IsCustom()
	names := arrayOfStrings(o.PSTypeNames().Items)
	if depth <= 0 {
		text := w.s.toString(o)
		if !custom {
			w.elem("S", name, clixmlEscape(text))
			return nil
		}
		w.startObj(o, name)
		w.elem("S", nil, clixmlEscape(text))
		if err := w.props(o, "MS", 0, level); err != nil {
			return err
		}
		w.endObj()
		return nil
	}
	w.startObj(o, name)
	w.typeNames(names)
	if custom {
		if err := w.props(o, "MS", depth, level); err != nil {
			return err
		}
	} else {
		w.elem("ToString", nil, clixmlEscape(w.s.toString(o)))
		if err := w.props(o, "Props", depth-1, level); err != nil {
			return err
		}
	}
	w.endObj()
	return nil
}

// props writes o's properties in a tag element, when it has any.
func (w *clixmlWriter) props(o *value.Object, tag string, depth, level int) error {
	ps := o.Props()
	if len(ps) == 0 {
		return nil
	}
	w.open(tag)
	for _, p := range ps {
		n := p.Name
		if err := w.value(p.Get(), &n, depth, level+1); err != nil {
			return err
		}
	}
	w.close(tag)
	return nil
}

// arrayOfStrings returns the items' texts.
func arrayOfStrings(items []any) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = value.ToString(it)
	}
	return out
}

// clixmlEscape is serialization.cs's EncodeString: control characters,
// surrogates and a '_' before 'x' become _xHHHH_.
func clixmlEscape(s string) string {
	var b strings.Builder
	units := utf16.Encode([]rune(s))
	plain := true
	for i, c := range units {
		if c <= 0x1F || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) ||
			(c == '_' && i+1 < len(units) && (units[i+1] == 'x' || units[i+1] == 'X')) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	for i, c := range units {
		switch {
		case c <= 0x1F || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) ||
			(c == '_' && i+1 < len(units) && (units[i+1] == 'x' || units[i+1] == 'X')):
			fmt.Fprintf(&b, "_x%04X_", c)
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// clixmlXMLEscape escapes XML markup characters in text (and quotes in an
// attribute), as XmlWriter does.
func clixmlXMLEscape(s string, attr bool) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	if attr {
		r = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	}
	return r.Replace(s)
}

// clixmlFloatText is XmlConvert.ToString of a double or single: its
// shortest round-trip text, INF, -INF or NaN.
func clixmlFloatText(f float64, bits int) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NaN"
	}
	if bits == 32 {
		return value.ToString(float32(f))
	}
	return value.ToString(f)
}

// clixmlDateTimeText is XmlConvert.ToString(DateTime, RoundtripKind):
// Utc times end in Z, Local ones in their offset, Unspecified ones in
// nothing; fractions keep up to seven digits, without trailing zeros.
func clixmlDateTimeText(t time.Time) string {
	const layout = "2006-01-02T15:04:05.9999999"
	switch value.DateKind(t) {
	case value.KindUtc:
		return t.Format(layout) + "Z"
	case value.KindUnspecified:
		return t.Format(layout)
	}
	return t.Format(layout + "-07:00")
}

// clixmlDurationText is XmlConvert.ToString(TimeSpan), an xs:duration.
func clixmlDurationText(d time.Duration) string {
	var b strings.Builder
	ticks := int64(d / 100)
	if ticks < 0 {
		b.WriteByte('-')
		ticks = -ticks
	}
	b.WriteByte('P')
	days := ticks / (864000000000)
	ticks %= 864000000000
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if ticks > 0 || days == 0 {
		b.WriteByte('T')
		h := ticks / 36000000000
		ticks %= 36000000000
		m := ticks / 600000000
		ticks %= 600000000
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if ticks > 0 || (h == 0 && m == 0) {
			sec := ticks / 10000000
			frac := ticks % 10000000
			fmt.Fprintf(&b, "%d", sec)
			if frac > 0 {
				b.WriteString(strings.TrimRight(fmt.Sprintf(".%07d", frac), "0"))
			}
			b.WriteByte('S')
		}
	}
	return b.String()
}

// exportClixmlProcess serializes each input object; the file is written
// at the end.
func exportClixmlProcess(c *Call) error {
	w, _ := c.State.(*clixmlWriter)
	if w == nil {
		w = newClixmlWriter(c)
		c.State = w
	}
	w.c = c
	depth := 2
	if c.Has("Depth") {
		depth = c.Int("Depth", 2)
	}
	return w.value(c.Arg("InputObject"), nil, depth, 0)
}

// exportClixmlEnd writes the document to Export-Clixml's file in its
// -Encoding (UTF-8 without a BOM unless told: XmlCommands.cs's
// Encoding.Default), through the session's write check.
func exportClixmlEnd(c *Call) error {
	w, _ := c.State.(*clixmlWriter)
	if w == nil {
		w = newClixmlWriter(c)
	}
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	pp, target, err := c.newFileTarget("Path")
	if err != nil || target == "" {
		return err
	}
	if !c.ShouldProcess(pp.path, "Export-Clixml") {
		return nil
	}
	return c.s.writeEncoded(c.fr, c, target, []byte(w.done()), enc, false, false)
}
