package cmdlets

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"unicode"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
)

// Format-Hex (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-hex),
// as pwsh's FormatHex command: the bytes of files, of strings (in
// -Encoding, UTF-8 by default) and of primitive values (their memory:
// little-endian, a [bool] four bytes), sixteen to a ByteCollection.
// Consecutive values of one primitive type are shown together; an array
// is shown by itself.

func formatHexCmdlet() *Cmdlet {
	return &Cmdlet{
		Name: "Format-Hex", Synopsis: "Displays a file or other input as hexadecimal.",
		// the command class is FormatHex, without the usual Command suffix
		Class: "Microsoft.PowerShell.Commands.FormatHex",
		Params: []*ParamDef{mand(sets(p("Path", "string[]", 0), "Path")),
			mand(sets(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"), "LiteralPath")),
			mand(sets(pipe(p("InputObject", "object", -1)), "ByInputObject")),
			sets(p("Encoding", "object", -1), "ByInputObject"),
			rangeOf(p("Count", "long", -1), 1), rangeOf(p("Offset", "long", -1), 0),
			sets(p("Raw", "switch", -1), "ByInputObject")},
		Begin: func(c *Call) error {
			if c.Bool("Raw") {
				c.Warning("Parameter 'Raw' is obsolete. Raw parameter is deprecated.")
			}
			c.State = &hexState{group: true}
			return nil
		},
		Process: formatHexProcess,
		End: func(c *Call) error {
			st, _ := c.State.(*hexState)
			if st == nil {
				return nil
			}
			return st.flush(c)
		},
	}
}

// hexState is what Format-Hex keeps between its inputs: the bytes of the
// values shown together, their type, and whether a value may join them.
type hexState struct {
	buf      []byte
	lastType string // .NET full name
	group    bool
}

// hexRange is the part of n bytes that -Offset and -Count select.
func hexRange(c *Call, n int) (int, int) {
	off := int(math.Min(float64(n), float64(c.Int("Offset", 0))))
	cnt := int(math.Min(float64(n-off), float64(c.Int("Count", math.MaxInt))))
	return off, off + cnt
}

// flush writes the grouped bytes (FlushInputBuffer).
func (st *hexState) flush(c *Call) error {
	if len(st.buf) == 0 {
		return nil
	}
	from, to := hexRange(c, len(st.buf))
	err := writeHexBytes(c, st.buf[from:to], 0, hexGroupLabel(c, st.lastType), "")
	st.buf, st.lastType, st.group = nil, "", true
	return err
}

// hexGroupLabel is the label of values of a type: its name, its full name
// and a number that tells groups apart ("String (System.String) <1A2B3C4D>").
func hexGroupLabel(c *Call, full string) string {
	h := fnv.New32a()
	h.Write([]byte(c.s.newID()))
	short := full[strings.LastIndexByte(full, '.')+1:]
	return fmt.Sprintf("%s (%s) <%08X>", short, full, h.Sum32())
}

func formatHexProcess(c *Call) error {
	st := c.State.(*hexState)
	if !c.Has("InputObject") {
		paths := c.Strings("Path")
		literal := c.Has("LiteralPath")
		if literal {
			paths = c.Strings("LiteralPath")
		}
		for _, p := range paths {
			if err := hexPath(c, p, literal); err != nil {
				return err
			}
		}
		return nil
	}
	in := c.Arg("InputObject")
	if o, ok := in.(*value.Object); ok && (o.TypeName() == "System.IO.FileInfo" || o.TypeName() == "System.IO.DirectoryInfo") {
		if err := st.flush(c); err != nil {
			return err
		}
		full, _ := o.Get("FullName")
		return hexPath(c, value.ToString(full), true)
	}
	if s, ok := in.(string); ok {
		if err := st.flush(c); err != nil {
			return err
		}
		enc, err := c.encodingArg(textenc.UTF8NoBOM)
		if err != nil {
			return err
		}
		data := enc.EncodeBytes(s)
		from, to := hexRange(c, len(data))
		return writeHexBytes(c, data[from:to], 0, hexGroupLabel(c, "System.String"), "")
	}
	data, ok, err := st.toBytes(c, in)
	if err != nil {
		return err
	}
	if !st.group {
		if err := st.flush(c); err != nil {
			return err
		}
	}
	if !ok {
		t := value.TypeName(in)
		return c.WriteError(&ErrorRecord{ID: "FormatHexTypeNotSupported", Category: InvalidArgument, Target: t,
			Exception: "System.ArgumentException",
			Msg:       fmt.Sprintf("Cannot display the context of %s as hex. The type is not supported.", t)})
	}
	st.buf = append(st.buf, data...)
	return nil
}

// hexPath writes the bytes of the file a path names (ProcessFileContent);
// a path of another provider is the FormatHexOnlySupportsFileSystemPaths
// error.
func hexPath(c *Call, p string, literal bool) error {
	items, err := c.resolve(p, literal)
	if err != nil {
		var rec *ErrorRecord
		if r, ok := err.(*ErrorRecord); ok && r.ID == "PathNotFound" {
			rec = &ErrorRecord{ID: "FileNotFound", Category: ObjectNotFound, Target: p, Exception: r.Exception, Msg: r.Msg}
			return c.WriteError(rec)
		}
		return c.writeProblem(err)
	}
	for _, pp := range items {
		if pp.prov != provFS {
			if err := c.WriteError(&ErrorRecord{ID: "FormatHexOnlySupportsFileSystemPaths", Category: InvalidArgument, Target: p,
				Exception: "System.ArgumentException",
				Msg:       fmt.Sprintf("The given path '%s' is not supported. This command only supports the FileSystem Provider paths.", p)}); err != nil {
				return err
			}
			continue
		}
		data, err := c.s.readFile(pp.path)
		if err != nil {
			if err := c.WriteError(&ErrorRecord{ID: "FormatHexIOError", Category: WriteError, Target: pp.path,
				Exception: "System.IO.IOException", Msg: fsErrorMessage(err, pp.path)}); err != nil {
				return err
			}
			continue
		}
		off := int(math.Min(float64(len(data)), float64(c.Int("Offset", 0))))
		from, to := hexRange(c, len(data))
		if err := writeHexBytes(c, data[from:to], uint64(off), pp.path, pp.path); err != nil {
			return err
		}
	}
	return nil
}

// hexPrimitive is the .NET type and bytes of a primitive value, or ok
// false.
func hexPrimitive(v any) (typ string, data []byte, ok bool) {
	switch x := v.(type) {
	case bool:
		b := []byte{0, 0, 0, 0}
		if x {
			b[0] = 1
		}
		return "System.Boolean", b, true
	case uint8:
		return "System.Byte", []byte{x}, true
	case int8:
		return "System.SByte", []byte{byte(x)}, true
	case int16:
		return "System.Int16", binary.LittleEndian.AppendUint16(nil, uint16(x)), true
	case uint16:
		return "System.UInt16", binary.LittleEndian.AppendUint16(nil, x), true
	case int:
		return "System.Int32", binary.LittleEndian.AppendUint32(nil, uint32(int32(x))), true
	case uint32:
		return "System.UInt32", binary.LittleEndian.AppendUint32(nil, x), true
	case int64:
		return "System.Int64", binary.LittleEndian.AppendUint64(nil, uint64(x)), true
	case uint64:
		return "System.UInt64", binary.LittleEndian.AppendUint64(nil, x), true
	case float32:
		return "System.Single", binary.LittleEndian.AppendUint32(nil, math.Float32bits(x)), true
	case float64:
		return "System.Double", binary.LittleEndian.AppendUint64(nil, math.Float64bits(x)), true
	case *enumValue:
		// an enum is its underlying Int32
		return "System.Int32", binary.LittleEndian.AppendUint32(nil, uint32(int32(x.n))), true
	}
	return "", nil, false
}

// toBytes is ConvertToBytes: the bytes of a primitive value or of an
// array of them. An array is flushed out alone, and a value of another
// type than the ones before it ends their group.
func (st *hexState) toBytes(c *Call, v any) ([]byte, bool, error) {
	if a, ok := v.(*value.Array); ok {
		if err := st.flush(c); err != nil {
			return nil, false, err
		}
		st.lastType = value.TypeName(a)
		st.group = false
		var out []byte
		for _, it := range a.Items {
			_, b, ok := hexPrimitive(it)
			if !ok {
				return nil, false, nil
			}
			out = append(out, b...)
		}
		return out, len(a.Items) > 0, nil
	}
	typ, data, ok := hexPrimitive(v)
	if !ok {
		return nil, false, nil
	}
	if st.group {
		if st.lastType != "" && st.lastType != typ {
			st.group = false
			if err := st.flush(c); err != nil {
				return nil, false, err
			}
		}
		st.lastType = typ
	} else if st.lastType == "" {
		st.lastType = typ
	}
	return data, true, nil
}

// writeHexBytes writes data as ByteCollections of sixteen bytes, the first
// at offset.
func writeHexBytes(c *Call, data []byte, offset uint64, label, path string) error {
	for i := 0; i < len(data); i += 16 {
		end := min(i+16, len(data))
		if err := c.Write(byteCollection(offset+uint64(i), data[i:end], label, path)); err != nil {
			return err
		}
	}
	return nil
}

// byteCollection is a ByteCollection: Offset64, Bytes, Path, HexOffset,
// Label, HexBytes and Ascii, and as text the line of ByteCollection.ToString.
func byteCollection(offset uint64, data []byte, label, path string) *value.Object {
	o := value.NewObject(format.ByteCollectionType, "System.Object")
	items := make([]any, len(data))
	hex := make([]string, len(data))
	for i, b := range data {
		items[i] = b
		hex[i] = fmt.Sprintf("%02X", b)
	}
	o.Set("Offset64", offset)
	o.Set("Offset", uint32(offset))
	o.Set("Bytes", &value.Array{Items: items, Elem: "byte"})
	var pathVal any
	if path != "" {
		pathVal = path
	}
	o.Set("Path", pathVal)
	o.Set("HexOffset", fmt.Sprintf("%016X", offset))
	o.Set("Label", label)
	o.Set("HexBytes", strings.Join(hex, " "))
	o.Set("Ascii", hexASCII(data))
	var line strings.Builder
	if len(data) > 0 {
		fmt.Fprintf(&line, "%016X   ", offset)
		for _, h := range hex {
			line.WriteString(h + " ")
		}
		line.WriteString(strings.Repeat("   ", 16-len(data)))
		line.WriteString(" " + hexASCII(data) + strings.Repeat(" ", 16-len(data)))
		if len(data) == 16 && path == "" {
			// ToString ends a full line of input objects with a line break
			line.WriteString("\n")
		}
	}
	o.SetToString(line.String())
	return o
}

// hexASCII is the text column: a byte as the character of that code,
// 0 as a space and a control character as U+FFFD.
func hexASCII(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		r := rune(c)
		switch {
		case r == 0:
			b.WriteByte(' ')
		case unicode.IsControl(r):
			b.WriteRune(0xFFFD)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
