package cmdlets

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
)

func dataCmdlets() []*Cmdlet {
	// -Delimiter and -UseCulture are in parameter sets of their own
	csvOut := []*ParamDef{pipe(mand(p("InputObject", "object", -1))), sets(p("Delimiter", "char", 1), "Delimiter"), p("NoTypeInformation", "switch", -1),
		alias(p("IncludeTypeInformation", "switch", -1), "ITI"), sets(p("UseCulture", "switch", -1), "UseCulture"),
		values(p("UseQuotes", "string", -1), "Never", "Always", "AsNeeded"), p("QuoteFields", "string[]", -1), p("NoHeader", "switch", -1)}
	return []*Cmdlet{
		{
			Name: "ConvertTo-Json", Synopsis: "Converts objects to JSON.",
			Params: []*ParamDef{allowNull(mand(pipe(p("InputObject", "object", 0)))), jsonDepth(p("Depth", "int", -1)), p("Compress", "switch", -1),
				p("EnumsAsStrings", "switch", -1), p("AsArray", "switch", -1), jsonEscape(p("EscapeHandling", "string", -1))},
			Process: convertToJSONProcess,
			End:     convertToJSONEnd,
		},
		{
			Name: "ConvertFrom-Json", Synopsis: "Converts JSON text to objects.",
			Params: []*ParamDef{allowEmpty(mand(pipe(p("InputObject", "string", 0)))), p("AsHashtable", "switch", -1), positive(p("Depth", "int", -1)),
				p("NoEnumerate", "switch", -1), jsonDateKind(p("DateKind", "string", -1))},
			Process: convertFromJSONProcess,
			End:     convertFromJSONEnd,
		},
		{
			Name: "ConvertTo-Csv", Synopsis: "Converts objects to CSV lines.", Params: csvOut,
			Process: collectInput,
			End:     convertToCSVEnd,
		},
		{
			Name: "Export-Csv", Synopsis: "Writes objects to a CSV file (needs --allow-write).", Writes: true, ShouldProcess: true,
			Params: append([]*ParamDef{p("Path", "string", 0), alias(p("LiteralPath", "string", -1), "PSPath", "LP"), p("Append", "switch", -1),
				p("Force", "switch", -1), alias(p("NoClobber", "switch", -1), "NoOverwrite"), p("Encoding", "object", -1)}, csvOut...),
			DefaultSet: "Delimiter",
			Process:    collectInput,
			End:        exportCSVEnd,
		},
		{
			Name: "ConvertFrom-Csv", Synopsis: "Converts CSV lines to objects.",
			Params: []*ParamDef{mand(pipe(p("InputObject", "string[]", 0))), sets(p("Delimiter", "char", 1), "Delimiter"), p("Header", "string[]", -1),
				sets(mand(p("UseCulture", "switch", -1)), "UseCulture")},
			DefaultSet: "Delimiter",
			Process:    convertFromCSVProcess,
			End:        convertFromCSVEnd,
		},
		{
			Name: "Import-Csv", Synopsis: "Reads objects from a CSV file.",
			Params: []*ParamDef{sets(pipe(p("Path", "string[]", 0)), "Delimiter", "Culture"),
				sets(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP")), "DelimiterLiteral", "CultureLiteral"),
				sets(p("Delimiter", "char", 1), "Delimiter", "DelimiterLiteral"), p("Header", "string[]", -1), p("Encoding", "object", -1),
				{Name: "UseCulture", Type: "switch", Position: -1, Mandatory: true, Sets: []string{"Culture", "CultureLiteral"}}},
			DefaultSet: "Delimiter",
			Process:    importCSVProcess,
		},
	}
}

// convertToJSONProcess collects ConvertTo-Json's input; -InputObject keeps an array whole.
func convertToJSONProcess(c *Call) error {
	// -InputObject keeps an array whole; pipeline input is collected
	items, _ := c.State.([]any)
	in := c.Arg("InputObject")
	if g, ok := in.(value.Guid); ok && c.HasInput {
		// a Guid from the pipeline comes wrapped, with the Guid script
		// property of types.ps1xml: ConvertTo-Json writes the value and
		// that property (ConvertTo-Json.Tests.ps1, "Guid type")
		h := value.NewHashtable()
		h.Ordered = true
		h.Set("value", g)
		h.Set("Guid", string(g))
		in = h
	}
	c.State = append(items, in)
	return nil
}

// jsonEscape is ConvertTo-Json's -EscapeHandling, a
// Newtonsoft.Json.StringEscapeHandling.
func jsonEscape(d *ParamDef) *ParamDef {
	d.Enum = "Newtonsoft.Json.StringEscapeHandling"
	return values(d, "Default", "EscapeNonAscii", "EscapeHtml")
}

// jsonDepth is ConvertTo-Json's [ValidateRange(0, 100)] on -Depth.
func jsonDepth(d *ParamDef) *ParamDef {
	d.HasRange, d.RangeMin, d.RangeMax = true, 0, 100
	return d
}

// convertToJSONEnd writes ConvertTo-Json's collected input as one JSON text;
// with no input (@() | ConvertTo-Json) it writes nothing.
func convertToJSONEnd(c *Call) error {
	items, _ := c.State.([]any)
	if len(items) == 0 {
		return nil
	}
	depth := c.Int("Depth", 2)
	if depth == 0 {
		depth = -1 // a real depth of 0 (format.JSONOptions keeps 0 for the default)
	}
	var v any
	switch {
	case len(items) == 1 && !c.Bool("AsArray"):
		v = items[0]
	default:
		v = &value.Array{Items: items}
	}
	text, warnings, err := format.ToJSON(jsonable(c.s, v), format.JSONOptions{Depth: depth, Compress: c.Bool("Compress"),
		EnumsAsStrings: c.Bool("EnumsAsStrings"), AsArray: c.Bool("AsArray"), EscapeHandling: c.String("EscapeHandling")})
	if err != nil {
		return err
	}
	for _, w := range warnings {
		if err := c.s.writeWarning(c.fr, &c.common, w); err != nil {
			return err
		}
	}
	return c.Write(text)
}

// convertFromJSONProcess collects the lines of ConvertFrom-Json's input.
func convertFromJSONProcess(c *Call) error {
	parts, _ := c.State.([]string)
	c.State = append(parts, c.String("InputObject"))
	return nil
}

// convertFromJSONEnd parses the collected JSON text and writes its
// objects: one input is one JSON text; of several, each is one when the
// first parses by itself, else they are lines of one text
// (ConvertFromJsonCommand.EndProcessing).
func convertFromJSONEnd(c *Call) error {
	parts, _ := c.State.([]string)
	switch len(parts) {
	case 0:
		return nil
	case 1:
		_, err := convertFromJSONText(c, parts[0])
		return err
	}
	v, err := jsonFromText(c, parts[0])
	if err == nil && v != nil {
		if err := writeJSONResult(c, v); err != nil {
			return err
		}
		for _, part := range parts[1:] {
			if _, err := convertFromJSONText(c, part); err != nil {
				return err
			}
		}
		return nil
	}
	var ke *format.JSONKeyError
	if errors.As(err, &ke) {
		return jsonFailure(c, err)
	}
	_, err = convertFromJSONText(c, strings.Join(parts, "\n"))
	return err
}

// jsonFromText parses one JSON text with ConvertFrom-Json's options.
func jsonFromText(c *Call, text string) (any, error) {
	return format.FromJSONWith(text, format.JSONReadOptions{AsHashtable: c.Bool("AsHashtable"), MaxDepth: c.Int("Depth", 1024),
		DateKind: c.String("DateKind"), Offset: func(t time.Time) any { return dateTimeOffsetObject(t) }})
}

// convertFromJSONText parses and writes one JSON text.
func convertFromJSONText(c *Call, text string) (any, error) {
	v, err := jsonFromText(c, text)
	if err != nil {
		return nil, jsonFailure(c, err)
	}
	return v, writeJSONResult(c, v)
}

// writeJSONResult writes a parsed value, an array item by item unless
// -NoEnumerate.
func writeJSONResult(c *Call, v any) error {
	if c.Bool("NoEnumerate") {
		return c.Write(v)
	}
	return emitValue(v, c.Write)
}

// jsonFailure is the terminating error of JSON that cannot be converted:
// ArgumentException for a syntax error, the InvalidOperationException of
// a property name a PSCustomObject cannot take.
func jsonFailure(c *Call, err error) error {
	var ke *format.JSONKeyError
	if errors.As(err, &ke) {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: ke.ID, Category: InvalidOperation,
			Exception: "System.InvalidOperationException", Msg: ke.Msg}}
	}
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "System.ArgumentException", Category: NotSpecified,
		Exception: "System.ArgumentException", Msg: err.Error()}}
}

// jsonDateKind is ConvertFrom-Json's -DateKind, a
// Microsoft.PowerShell.Commands.JsonDateKind.
func jsonDateKind(d *ParamDef) *ParamDef {
	d.Enum = "Microsoft.PowerShell.Commands.JsonDateKind"
	return values(d, "Default", "Local", "Utc", "Offset", "String")
}

// positive is [ValidateRange(ValidateRangeKind.Positive)].
func positive(d *ParamDef) *ParamDef {
	d.HasRange, d.RangeMin, d.RangeMax = true, 1, math.MaxInt32
	return d
}

// convertToCSVEnd writes the collected objects as CSV lines.
func convertToCSVEnd(c *Call) error {
	items, _ := c.State.([]any)
	for _, l := range format.ToCSV(csvItems(c.s, items), csvOptions(c)) {
		if err := c.Write(l); err != nil {
			return err
		}
	}
	return nil
}

// exportCSVEnd writes the collected objects to Export-Csv's file, dropping the header when it appends to an existing file.
func exportCSVEnd(c *Call) error {
	items, _ := c.State.([]any)
	lines := format.ToCSV(csvItems(c.s, items), csvOptions(c))
	path := c.String("Path")
	if c.Has("Path") == c.Has("LiteralPath") {
		return c.Fail("CannotSpecifyPathAndLiteralPath", InvalidData, "You must specify either the -Path or -LiteralPath parameters, but not both.")
	}
	if c.Has("LiteralPath") {
		path = c.String("LiteralPath")
	}
	// the path goes through the providers as Out-File's does: a drive
	// (TestDrive:\x.csv), ~, a wildcard that names one file
	pp, target, err := c.outFileTarget(path)
	if err != nil || target == "" {
		return err
	}
	if c.Bool("NoClobber") && !c.Bool("Append") {
		if _, err := c.s.host.files.Stat(pp.path); err == nil {
			return c.Fail("NoClobber", ResourceExists, "File %s already exists and NoClobber was specified.", path)
		}
	}
	if c.Bool("Append") && len(lines) > 0 {
		if _, err := c.s.host.files.Stat(pp.path); err == nil {
			lines = lines[1:]
		}
	}
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	if !c.ShouldProcess(path, "Export-Csv") {
		return nil
	}
	data := strings.Join(lines, "\n")
	if len(lines) > 0 {
		data += "\n"
	}
	return c.s.writeEncoded(c.fr, c, target, []byte(data), enc, c.Bool("Append"), false)
}

// convertFromCSVProcess collects the lines of ConvertFrom-Csv's input.
func convertFromCSVProcess(c *Call) error {
	lines, _ := c.State.([]string)
	c.State = append(lines, c.Strings("InputObject")...)
	return nil
}

// convertFromCSVEnd parses the collected CSV lines and writes one object per row.
func convertFromCSVEnd(c *Call) error {
	lines, _ := c.State.([]string)
	items, err := format.FromCSV(strings.Join(lines, "\n"), csvInOptions(c))
	if err != nil {
		return c.Fail("CsvError", InvalidData, "%s", err.Error())
	}
	return c.WriteAll(items)
}

// importCSVProcess reads each CSV file Import-Csv names (in -Encoding; a
// byte-order mark names its own) and writes its rows as they are read.
func importCSVProcess(c *Call) error {
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
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
		// Each row goes down the pipeline as it is read, so
		// that a large file's rows need not all be in memory.
		var werr error
		err = format.EachCSV(enc.Decode(data), csvInOptions(c), func(obj *value.Object) error {
			werr = c.Write(obj)
			return werr
		})
		if werr != nil {
			return werr
		}
		if err != nil {
			return c.Fail("CsvError", InvalidData, "%s", err.Error())
		}
		return nil
	})
}

// jsonable turns engine values into what the JSON writer knows.
func jsonable(s *Session, v any) any {
	switch x := v.(type) {
	case *enumValue:
		// an enum is its number, or its name with -EnumsAsStrings
		return format.EnumValue(x.name, x.n)
	case *ScriptBlock:
		return x.Text
	case *ErrorRecord:
		o := value.NewObject(value.TErrorRecord)
		o.Set("Exception", exceptionObject(x))
		o.Set("FullyQualifiedErrorId", x.FullyQualifiedID())
		o.Set("TargetObject", x.Target)
		return o
	case voidValue:
		return nil
	case *value.Array:
		out := make([]any, len(x.Items))
		for i, it := range x.Items {
			out[i] = jsonable(s, it)
		}
		// the collection keeps its type: a property's CSV text is the
		// type name (System.Collections.ArrayList, not System.Object[])
		return &value.Array{Items: out, List: x.List, Elem: x.Elem, Kind: x.Kind}
	case *value.Object:
		if x.TypeName() == value.TUri {
			// Newtonsoft.Json writes a Uri as its original string
			str, _ := x.Get("OriginalString")
			return jsonWithNotes(s, x, str, x.DefaultDisplay)
		}
		if t, ok := dateTimeOffsetTime(x); ok {
			// a DateTimeOffset is its time with its offset, +00:00
			// included ("2024-06-15T10:30:00+09:00"): a zone with a name
			// is never the zone of an Unspecified time
			_, off := t.Zone()
			t = t.In(time.FixedZone("offset", off))
			return jsonWithNotes(s, x, t, dateTimeOffsetObject(t).Names())
		}
		return jsonableObject(s, x)
	case *value.Hashtable:
		h := value.NewHashtable()
		h.Ordered = x.Ordered
		for i, k := range x.Keys() {
			h.Set(k, jsonable(s, x.Values()[i]))
		}
		return h
	case *ipAddress:
		// an IPAddress is an object of its properties, and Address: the
		// obsolete number of an IPv4 address (its bytes little-endian),
		// null for IPv6, whose getter throws (ConvertTo-Json.Tests.ps1)
		o := value.NewObject(typeIPAddress)
		for _, n := range x.psPropertyNames() {
			v, _ := x.psMember(s, n)
			o.Set(n, jsonable(s, v))
		}
		var address any
		if x.addr.Is4() {
			b := x.addr.As4()
			address = int64(binary.LittleEndian.Uint32(b[:]))
		}
		o.Set("Address", address)
		o.SetToString(x.PSString()) // beyond -Depth it is its text
		return o
	case *stringBuilder:
		return x.b.String()
	case *regexValue:
		return x.pattern
	}
	return v
}

// jsonWithNotes is an object that JSON writes as a scalar: the scalar,
// or with the note properties added to it (those not among its own
// properties) an object of "value" and them, as ConvertTo-Json writes a
// PSObject whose base is a scalar (ConvertTo-Json.Tests.ps1, "Should
// include ETS properties on DateTimeOffset" and "on Uri").
func jsonWithNotes(s *Session, x *value.Object, scalar any, own []string) any {
	var notes []*value.Property
	for _, p := range x.Props() {
		if !slices.ContainsFunc(own, func(n string) bool { return strings.EqualFold(n, p.Name) }) {
			notes = append(notes, p)
		}
	}
	if len(notes) == 0 {
		return scalar
	}
	h := value.NewHashtable()
	h.Ordered = true
	h.Set("value", scalar)
	for _, p := range notes {
		h.Set(p.Name, jsonable(s, p.Get()))
	}
	return h
}

// jsonableObject is jsonable for an object: a copy when a property needs
// converting, else the object itself.
func jsonableObject(s *Session, x *value.Object) any {
	needs := false
	for _, pp := range x.Props() {
		switch pp.Get().(type) {
		case *ScriptBlock, *ErrorRecord, *value.Array, *value.Object, *scriptMethod, *scriptProperty, *enumValue:
			needs = true
		}
	}
	if !needs {
		return x
	}
	o := value.NewObject(x.TypeNames...)
	if text, ok := x.ToStringValue(); ok {
		o.SetToString(text)
	}
	for _, pp := range x.Props() {
		switch pv := pp.Get().(type) {
		case *scriptMethod:
			continue
		case *scriptProperty:
			r, _ := s.invokeWithThis(pv.get, x, nil)
			o.Set(pp.Name, jsonable(s, r))
		default:
			o.Set(pp.Name, jsonable(s, pv))
		}
	}
	return o
}

// csvItems prepares objects for CSV output.
func csvItems(s *Session, items []any) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = jsonable(s, it)
	}
	return out
}

// csvDelimiter is -Delimiter, or with -UseCulture the list separator of
// the current culture, else ','.
func csvDelimiter(c *Call) rune {
	if c.Bool("UseCulture") {
		for _, r := range c.s.listSeparator() {
			return r
		}
	}
	return ','
}

func csvOptions(c *Call) format.CSVOptions {
	o := format.CSVOptions{Delimiter: csvDelimiter(c), IncludeTypeInformation: c.Bool("IncludeTypeInformation"), NoHeader: c.Bool("NoHeader")}
	if c.Has("Delimiter") {
		if r, ok := c.Arg("Delimiter").(rune); ok {
			o.Delimiter = r
		}
	}
	switch strings.ToLower(c.String("UseQuotes")) {
	case "asneeded":
		o.UseQuotes = format.QuoteAsNeeded
	case "never":
		o.UseQuotes = format.QuoteNever
	}
	o.QuoteFields = c.Strings("QuoteFields")
	return o
}

func csvInOptions(c *Call) format.CSVOptions {
	o := format.CSVOptions{Delimiter: csvDelimiter(c)}
	if c.Has("Delimiter") {
		if r, ok := c.Arg("Delimiter").(rune); ok {
			o.Delimiter = r
		}
	}
	if c.Has("Header") {
		o.Header = c.Strings("Header")
	}
	return o
}

// fileCmdlets read the items of the providers (never write them).
func fileCmdlets() []*Cmdlet {
	return noCredentials([]*Cmdlet{
		{
			Name: "Get-Item", Module: mgmt, Synopsis: "Gets a file, folder or other item.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-item",
			Params: append(pathParams(true, true), append(filterParams(), p("Force", "switch", -1), p("Credential", "object", -1),
				p("Stream", "string[]", -1))...),
			DefaultSet: "Path",
			Process:    getItemProcess,
		},
		{
			Name: "Get-ChildItem", Module: mgmt, Synopsis: "Lists the items of a folder or drive.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-childitem",
			Params: []*ParamDef{sets(pipe(byName(p("Path", "string[]", 0))), "Items"), mand(sets(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP")), "LiteralItems")),
				p("Filter", "string", 1), p("Include", "string[]", -1), p("Exclude", "string[]", -1), p("Recurse", "switch", -1),
				p("Depth", "uint32", -1), p("Force", "switch", -1), p("Name", "switch", -1), p("Attributes", "string", -1),
				p("FollowSymlink", "switch", -1), alias(p("Directory", "switch", -1), "ad"), alias(p("File", "switch", -1), "af"),
				alias(p("Hidden", "switch", -1), "ah"), alias(p("ReadOnly", "switch", -1), "ar"), alias(p("System", "switch", -1), "as")},
			DefaultSet: "Items",
			Process:    getChildItemProcess,
		},
		{
			Name: "ConvertTo-SecureString", Module: "Microsoft.PowerShell.Security", Synopsis: "Makes a SecureString (its text is not kept).",
			Params: []*ParamDef{mand(pipe(p("String", "string", 0))), p("AsPlainText", "switch", -1), p("Force", "switch", -1),
				p("Key", "byte[]", -1), p("SecureKey", "object", -1)},
			Process: convertToSecureStringProcess,
		},
	})
}

// getItemProcess writes the item each path names.
func getItemProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	return c.eachItem(func(pp psPath) error {
		o, err := c.s.itemObject(c.fr, pp)
		if err != nil {
			return c.writeProblem(err)
		}
		return c.Write(o)
	})
}

// getChildItemProcess writes the items of each folder or drive
// Get-ChildItem names (the current location by default), recursing with
// -Recurse or -Depth; a file names itself. Names that start with a dot
// are hidden on Linux: they are listed with -Force or -Hidden only.
func getChildItemProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	paths := c.givenPaths()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	depth := -1
	if c.Has("Depth") {
		depth = c.Int("Depth", 0)
	} else if !c.Bool("Recurse") {
		depth = 0
	}
	for _, given := range paths {
		items, err := c.resolve(given, c.literal())
		if err != nil {
			if werr := c.writeProblem(err); werr != nil {
				return werr
			}
			continue
		}
		// a wildcard path gives the items it matches themselves, unless
		// the listing recurses (SessionStateContainer.GetChildItems)
		globbed := !c.literal() && value.HasWildcard(given)
		for _, pp := range items {
			if globbed && depth == 0 {
				name := pp.path
				if pp.prov == provFS {
					name = filepath.Base(pp.path)
				}
				if err := c.writeChild(pp, name, c.s.isContainer(pp), strings.HasPrefix(name, ".")); err != nil {
					return err
				}
				continue
			}
			if err := c.listChildren(pp, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// listChildren writes the children of one item Get-ChildItem names.
func (c *Call) listChildren(pp psPath, depth int) error {
	if pp.prov != provFS {
		if !pp.isRoot() {
			return c.writeChild(pp, pp.path, false, false)
		}
		for _, name := range c.s.childNames(c.fr, pp.prov) {
			if err := c.writeChild(psPath{prov: pp.prov, path: name}, name, false, false); err != nil {
				return err
			}
		}
		return nil
	}
	st, err := c.s.host.files.Stat(pp.path)
	if err != nil {
		return c.WriteError(pathNotFound(pp.path))
	}
	if !st.IsDir() {
		return c.writeChild(pp, filepath.Base(pp.path), false, strings.HasPrefix(filepath.Base(pp.path), "."))
	}
	var walk func(dir, rel string, level int) error
	walk = func(dir, rel string, level int) error {
		entries, _ := c.s.host.files.ReadDir(dir)
		for _, d := range entries {
			name := d.Name()
			hidden := strings.HasPrefix(name, ".")
			if hidden && !c.Bool("Force") && !c.Bool("Hidden") {
				continue
			}
			path := filepath.Join(dir, name)
			relName := name
			if rel != "" {
				relName = rel + "/" + name
			}
			if err := c.writeChild(psPath{prov: provFS, path: path}, relName, d.IsDir(), hidden); err != nil {
				return err
			}
			if d.IsDir() && (depth < 0 || level < depth) {
				if err := walk(path, relName, level+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(pp.path, "", 0)
}

// writeChild writes one item Get-ChildItem lists, when its filters keep
// it; with -Name, its name relative to the folder listed.
func (c *Call) writeChild(pp psPath, relName string, isDir, hidden bool) error {
	if !c.keepsItem(pp) || c.Bool("File") && isDir || c.Bool("Directory") && !isDir || c.Bool("Hidden") && !hidden {
		return nil
	}
	if c.Bool("Name") {
		return c.Write(relName)
	}
	o, err := c.s.itemObject(c.fr, pp)
	if err != nil {
		return nil
	}
	return c.Write(o)
}

// convertToSecureStringProcess writes a SecureString object that keeps only the length of the text.
func convertToSecureStringProcess(c *Call) error {
	o := value.NewObject("System.Security.SecureString")
	o.Set("Length", len([]rune(c.String("String"))))
	o.SetToString("System.Security.SecureString")
	return c.Write(o)
}

// fileInfo is the FileInfo/DirectoryInfo object of a path.
func (s *Session) fileInfo(path string, st fs.FileInfo) *value.Object {
	abs, _ := s.fullPath(path)
	typ := "System.IO.FileInfo"
	mode := "-a---"
	if st.IsDir() {
		typ = "System.IO.DirectoryInfo"
		mode = "d----"
	}
	o := value.NewObject(typ)
	o.Set("Mode", mode)
	o.Set("LastWriteTime", st.ModTime())
	if !st.IsDir() {
		o.Set("Length", st.Size())
	}
	o.Set("Name", st.Name())
	o.Set("FullName", abs)
	o.Set("Extension", filepath.Ext(st.Name()))
	o.Set("BaseName", strings.TrimSuffix(st.Name(), filepath.Ext(st.Name())))
	o.Set("DirectoryName", filepath.Dir(abs))
	o.Set("Exists", true)
	o.SetToString(abs)
	addProviderProps(o, psPath{prov: provFS, path: abs}, st.IsDir())
	o.DefaultDisplay = []string{"Mode", "LastWriteTime", "Length", "Name"}
	return o
}
