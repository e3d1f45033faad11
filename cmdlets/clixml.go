package cmdlets

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"math"
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
			Params: []*ParamDef{sets(mand(pipe(byName(p("Path", "string[]", 0)))), "ByPath"),
				sets(mand(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"))), "ByLiteralPath"),
				p("IncludeTotalCount", "switch", -1), p("Skip", "ulong", -1), p("First", "ulong", -1)},
			DefaultSet: "ByPath",
			Process:    importClixmlProcess,
		},
	}
}

// importClixmlProcess reads each file Import-Clixml names and writes the
// objects its <Objs> element holds, each as one object (a collection is
// not enumerated: XmlCommands.cs, ImportXmlHelper.Import).
func importClixmlProcess(c *Call) error {
	for _, n := range []string{"IncludeTotalCount", "Skip", "First"} {
		if c.Has(n) {
			return notImplemented(c.Pos, c.cmd.Name, "Import-Clixml -"+n)
		}
	}
	return c.eachItem(func(pp psPath) error {
		if pp.prov != provFS || c.s.isContainer(pp) {
			return c.WriteError(&ErrorRecord{ID: "ReadWriteFileNotFileSystemProvider", Category: InvalidArgument, Target: pp.String(),
				Exception: "System.Management.Automation.PSInvalidOperationException",
				Msg:       fmt.Sprintf("Cannot open file because the current provider (%s) cannot open a file.", `Microsoft.PowerShell.Core\`+pp.prov.name())})
		}
		data, err := c.s.readFile(pp.path)
		if err != nil {
			return c.WriteError(&ErrorRecord{ID: "FileOpenFailure", Category: OpenError(), Target: pp.path, Exception: "System.IO.IOException",
				Msg: fsErrorMessage(err, pp.path)})
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
	line, col int
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
}

func (e *clixmlError) Error() string {
	return fmt.Sprintf("%s Line %d, position %d.", e.msg, e.line, e.col)
}

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
	c    *Call
	tns  map[string][]string
	refs map[string]any
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
	return &clixmlError{msg: fmt.Sprintf(format, args...), line: n.line, col: n.col}
}

// value reads one value element: a primitive, a <Ref> or an <Obj>.
func (r *clixmlReader) value(n *clixmlNode) (any, error) {
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
		u, err := r.c.s.convert(clixmlUnescape(text), &value.Type{Name: value.TUri})
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
		return nil, true, notImplemented(r.c.Pos, r.c.cmd.Name, "Import-Clixml of a SecureString (SS element)")
	case "XD", "ScriptBlock", "PR":
		return nil, true, notImplemented(r.c.Pos, r.c.cmd.Name, "Import-Clixml of a CLIXML "+n.name+" element")
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
			return nil, notImplemented(r.c.Pos, r.c.cmd.Name, "Import-Clixml of a CLIXML "+k.name+" (stack or queue)")
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
			a.Items = append(a.Items, "Deserialized."+t)
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
