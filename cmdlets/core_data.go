package cmdlets

import (
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
)

func dataCmdlets() []*Cmdlet {
	csvOut := []*ParamDef{pipe(mand(p("InputObject", "object", -1))), p("Delimiter", "char", 1), p("NoTypeInformation", "switch", -1),
		alias(p("IncludeTypeInformation", "switch", -1), "ITI"), p("UseCulture", "switch", -1),
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
			Params: []*ParamDef{mand(pipe(p("InputObject", "string", 0))), p("AsHashtable", "switch", -1), p("Depth", "int", -1),
				p("NoEnumerate", "switch", -1), p("DateKind", "string", -1)},
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
			Params: append([]*ParamDef{mand(p("Path", "string", 0)), alias(p("LiteralPath", "string", -1), "PSPath", "LP"), p("Append", "switch", -1),
				p("Force", "switch", -1), p("NoClobber", "switch", -1), p("Encoding", "string", -1)}, csvOut...),
			Process: collectInput,
			End:     exportCSVEnd,
		},
		{
			Name: "ConvertFrom-Csv", Synopsis: "Converts CSV lines to objects.",
			Params: []*ParamDef{mand(pipe(p("InputObject", "string[]", 0))), p("Delimiter", "char", 1), p("Header", "string[]", -1),
				p("UseCulture", "switch", -1)},
			Process: convertFromCSVProcess,
			End:     convertFromCSVEnd,
		},
		{
			Name: "Import-Csv", Synopsis: "Reads objects from a CSV file.",
			DefaultSet: "Path",
			Params: []*ParamDef{allowEmpty(sets(mand(byName(pipe(p("Path", "string[]", 0)))), "Path")),
				allowEmpty(sets(mand(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"))), "LiteralPath")), p("Delimiter", "char", 1),
				p("Header", "string[]", -1), p("Encoding", "string", -1), p("UseCulture", "switch", -1)},
			Process: importCSVProcess,
		},
		{
			Name: "Get-Content", Module: "Microsoft.PowerShell.Management", Synopsis: "Reads a file.",
			Params: []*ParamDef{pipe(byName(alias(p("Path", "string[]", 0), "FullName"))), alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"),
				p("Raw", "switch", -1), alias(p("TotalCount", "int", -1), "First", "Head"), alias(p("Tail", "int", -1), "Last"),
				p("Encoding", "string", -1), p("Delimiter", "string", -1), p("ReadCount", "int", -1), p("Wait", "switch", -1), p("Force", "switch", -1)},
			Process: getContentProcess,
		},
		{
			Name: "Test-Path", Module: "Microsoft.PowerShell.Management", Synopsis: "Tells whether a path exists.",
			DefaultSet: "Path",
			Params: []*ParamDef{allowEmpty(sets(mand(byName(pipe(p("Path", "string[]", 0)))), "Path")),
				allowEmpty(sets(mand(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"))), "LiteralPath")),
				values(p("PathType", "string", -1), "Any", "Container", "Leaf"), p("IsValid", "switch", -1), p("Filter", "string", -1),
				p("Include", "string[]", -1), p("Exclude", "string[]", -1), p("OlderThan", "datetime", -1), p("NewerThan", "datetime", -1)},
			Process: testPathProcess,
		},
		{
			Name: "Join-Path", Module: "Microsoft.PowerShell.Management", Synopsis: "Joins path parts.",
			Params: []*ParamDef{mand(pipe(p("Path", "string[]", 0))), p("ChildPath", "string", 1),
				rest(p("AdditionalChildPath", "string[]", 2)), p("Resolve", "switch", -1)},
			Process: joinPathProcess,
		},
		{
			Name: "Split-Path", Module: "Microsoft.PowerShell.Management", Synopsis: "Returns part of a path.",
			Params: []*ParamDef{mand(pipe(p("Path", "string[]", 0))), p("Leaf", "switch", -1), p("Parent", "switch", -1),
				p("Qualifier", "switch", -1), p("NoQualifier", "switch", -1), p("Extension", "switch", -1), p("LeafBase", "switch", -1),
				p("IsAbsolute", "switch", -1), p("Resolve", "switch", -1)},
			Process: splitPathProcess,
		},
	}
}

// convertToJSONProcess collects ConvertTo-Json's input; -InputObject keeps an array whole.
func convertToJSONProcess(c *Call) error {
	// -InputObject keeps an array whole; pipeline input is collected
	items, _ := c.State.([]any)
	c.State = append(items, c.Arg("InputObject"))
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

// convertFromJSONEnd parses the collected JSON text and writes its objects.
func convertFromJSONEnd(c *Call) error {
	parts, _ := c.State.([]string)
	if len(parts) == 0 {
		return nil
	}
	v, err := format.FromJSON(strings.Join(parts, "\n"), c.Bool("AsHashtable"))
	if err != nil {
		return c.Fail("System.ArgumentException", InvalidArgument, "%s", err.Error())
	}
	if c.Bool("NoEnumerate") {
		return c.Write(v)
	}
	return emitValue(v, c.Write)
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
	if path == "" {
		path = c.String("LiteralPath")
	}
	if c.Bool("Append") && len(lines) > 0 {
		if _, err := c.s.host.files.Stat(nativePath(path)); err == nil {
			lines = lines[1:]
		}
	}
	if !c.ShouldProcess(path, "Export-Csv") {
		return nil
	}
	data := strings.Join(lines, "\n")
	if len(lines) > 0 {
		data += "\n"
	}
	return c.s.writeFile(c.fr, c.Pos, "Export-Csv", path, []byte(data), c.Bool("Append"))
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

// importCSVProcess reads each CSV file Import-Csv names and writes its rows as they are read.
func importCSVProcess(c *Call) error {
	paths := c.Strings("Path")
	if len(paths) == 0 {
		paths = c.Strings("LiteralPath")
	}
	for _, path := range paths {
		text, err := c.s.readFileText(path)
		if err != nil {
			if err := c.Errorf("PathNotFound", ObjectNotFound, path, "%s", err.Error()); err != nil {
				return err
			}
			continue
		}
		// Each row goes down the pipeline as it is read, so
		// that a large file's rows need not all be in memory.
		var werr error
		err = format.EachCSV(text, csvInOptions(c), func(obj *value.Object) error {
			werr = c.Write(obj)
			return werr
		})
		if werr != nil {
			return werr
		}
		if err != nil {
			return c.Fail("CsvError", InvalidData, "%s", err.Error())
		}
	}
	return nil
}

// getContentProcess writes the lines (or with -Raw the whole text) of each file Get-Content names.
func getContentProcess(c *Call) error {
	paths := c.Strings("Path")
	if len(paths) == 0 {
		paths = c.Strings("LiteralPath")
	}
	for _, path := range paths {
		text, err := c.s.readFileText(path)
		if err != nil {
			if err := c.WriteError(&ErrorRecord{ID: "PathNotFound", Category: ObjectNotFound, Target: path, Msg: err.Error(),
				Exception: "System.Management.Automation.ItemNotFoundException"}); err != nil {
				return err
			}
			continue
		}
		if c.Bool("Raw") {
			if err := c.Write(text); err != nil {
				return err
			}
			continue
		}
		lines := splitLines(text)
		if n := c.Int("TotalCount", -1); n >= 0 && n < len(lines) {
			lines = lines[:n]
		}
		if n := c.Int("Tail", -1); n >= 0 && n < len(lines) {
			lines = lines[len(lines)-n:]
		}
		for _, l := range lines {
			if err := c.Write(l); err != nil {
				return err
			}
		}
	}
	return nil
}

// testPathProcess writes whether each path exists: an env:, variable: or function: item, or a file or folder of -PathType.
func testPathProcess(c *Call) error {
	arg := c.Arg("Path")
	if !c.Has("Path") {
		arg = c.Arg("LiteralPath")
	}
	items := value.AsSlice(arg)
	// a $null path is a non-terminating error; "" and white space are $false
	nullPath := func() error {
		return c.WriteError(&ErrorRecord{ID: "NullPathNotPermitted", Category: InvalidArgument,
			Msg: "The provided Path argument was null or an empty collection.", Exception: "System.ArgumentNullException"})
	}
	if len(items) == 0 {
		return nullPath()
	}
	for _, it := range items {
		if it == nil {
			if err := nullPath(); err != nil {
				return err
			}
			continue
		}
		path := value.ToString(it)
		if strings.TrimSpace(path) == "" {
			if err := c.Write(false); err != nil {
				return err
			}
			continue
		}
		if c.Bool("IsValid") {
			if err := c.Write(true); err != nil {
				return err
			}
			continue
		}
		ok := false
		if strings.HasPrefix(strings.ToLower(path), "env:") {
			_, ok = c.s.getEnv(path[4:])
		} else if strings.HasPrefix(strings.ToLower(path), "variable:") {
			_, ok = c.s.getVar(c.fr.scope, path[9:])
		} else if strings.HasPrefix(strings.ToLower(path), "function:") {
			_, ok = c.s.lookupFunc(c.fr.scope, path[9:])
		} else if st, err := c.s.host.files.Stat(nativePath(path)); err == nil {
			switch strings.ToLower(c.String("PathType")) {
			case "leaf":
				ok = !st.IsDir()
			case "container":
				ok = st.IsDir()
			default:
				ok = true
			}
		}
		if err := c.Write(ok); err != nil {
			return err
		}
	}
	return nil
}

// joinPathProcess writes each -Path joined with -ChildPath and -AdditionalChildPath.
func joinPathProcess(c *Call) error {
	for _, base := range c.Strings("Path") {
		parts := append([]string{base, c.String("ChildPath")}, c.Strings("AdditionalChildPath")...)
		if err := c.Write(joinPath(parts...)); err != nil {
			return err
		}
	}
	return nil
}

// splitPathProcess writes the part of each path that Split-Path's switches select (the parent by default).
func splitPathProcess(c *Call) error {
	for _, path := range c.Strings("Path") {
		np := nativePath(path)
		var out any
		switch {
		case c.Bool("Leaf"):
			out = filepath.Base(np)
		case c.Bool("Extension"):
			out = filepath.Ext(np)
		case c.Bool("LeafBase"):
			b := filepath.Base(np)
			out = strings.TrimSuffix(b, filepath.Ext(b))
		case c.Bool("IsAbsolute"):
			out = filepath.IsAbs(np) || (len(path) > 1 && path[1] == ':')
		case c.Bool("Qualifier"):
			if i := strings.IndexByte(path, ':'); i > 0 {
				out = path[:i+1]
			} else {
				out = ""
			}
		default:
			d := filepath.Dir(np)
			if d == "." {
				d = ""
			}
			out = d
		}
		if err := c.Write(out); err != nil {
			return err
		}
	}
	return nil
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
		return &value.Array{Items: out}
	case *value.Object:
		if x.TypeName() == value.TUri {
			// Newtonsoft.Json writes a Uri as its original string
			str, _ := x.Get("OriginalString")
			return str
		}
		return jsonableObject(s, x)
	case *value.Hashtable:
		h := value.NewHashtable()
		h.Ordered = x.Ordered
		for i, k := range x.Keys() {
			h.Set(k, jsonable(s, x.Values()[i]))
		}
		return h
	case *stringBuilder:
		return x.b.String()
	case *regexValue:
		return x.pattern
	}
	return v
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

func csvOptions(c *Call) format.CSVOptions {
	o := format.CSVOptions{Delimiter: ',', IncludeTypeInformation: c.Bool("IncludeTypeInformation"), NoHeader: c.Bool("NoHeader")}
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
	o := format.CSVOptions{Delimiter: ','}
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

// fileCmdlets read the file system (never write it).
func fileCmdlets() []*Cmdlet {
	pathParams := func() []*ParamDef {
		return []*ParamDef{pipe(byName(alias(p("Path", "string[]", 0), "FullName"))), alias(p("LiteralPath", "string[]", -1), "PSPath", "LP"),
			p("Filter", "string", 1), p("Include", "string[]", -1), p("Exclude", "string[]", -1), p("Force", "switch", -1),
			p("Recurse", "switch", -1), p("File", "switch", -1), p("Directory", "switch", -1), p("Name", "switch", -1), p("Depth", "int", -1)}
	}
	return []*Cmdlet{
		{
			Name: "Get-Item", Module: "Microsoft.PowerShell.Management", Synopsis: "Gets a file or folder.", Params: pathParams(),
			Process: getItemProcess,
		},
		{
			Name: "Get-ChildItem", Module: "Microsoft.PowerShell.Management", Synopsis: "Lists the files of a folder.", Params: pathParams(),
			Process: getChildItemProcess,
		},
		{
			Name: "ConvertTo-SecureString", Module: "Microsoft.PowerShell.Security", Synopsis: "Makes a SecureString (its text is not kept).",
			Params: []*ParamDef{mand(pipe(p("String", "string", 0))), p("AsPlainText", "switch", -1), p("Force", "switch", -1),
				p("Key", "byte[]", -1), p("SecureKey", "object", -1)},
			Process: convertToSecureStringProcess,
		},
	}
}

// getItemProcess writes the FileInfo or DirectoryInfo of each path Get-Item names.
func getItemProcess(c *Call) error {
	for _, path := range itemPaths(c) {
		st, err := c.s.host.files.Stat(nativePath(path))
		if err != nil {
			if err := c.WriteError(&ErrorRecord{ID: "PathNotFound", Category: ObjectNotFound, Target: path,
				Exception: "System.Management.Automation.ItemNotFoundException",
				Msg:       "Cannot find path '" + path + "' because it does not exist."}); err != nil {
				return err
			}
			continue
		}
		if err := c.Write(c.s.fileInfo(nativePath(path), st)); err != nil {
			return err
		}
	}
	return nil
}

// getChildItemProcess writes the entries of each folder Get-ChildItem names (the current one by default), recursing with -Recurse.
func getChildItemProcess(c *Call) error {
	paths := itemPaths(c)
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, path := range paths {
		root := nativePath(path)
		if _, err := c.s.host.files.Stat(root); err != nil {
			if err := c.WriteError(&ErrorRecord{ID: "PathNotFound", Category: ObjectNotFound, Target: path,
				Exception: "System.Management.Automation.ItemNotFoundException",
				Msg:       "Cannot find path '" + path + "' because it does not exist."}); err != nil {
				return err
			}
			continue
		}
		// a file, or a link to a folder, lists nothing
		if st, err := c.s.host.files.Lstat(root); err != nil || !st.IsDir() {
			continue
		}
		err := c.s.walkFolder(root, c.Bool("Recurse"), func(p string, d fs.DirEntry) error {
			info, ierr := d.Info()
			if ierr != nil {
				return nil
			}
			name := d.Name()
			keep := true
			if f := c.String("Filter"); f != "" && !value.Like(name, f, false) {
				keep = false
			}
			if c.Bool("File") && d.IsDir() || c.Bool("Directory") && !d.IsDir() {
				keep = false
			}
			if keep {
				var out any = c.s.fileInfo(p, info)
				if c.Bool("Name") {
					out = name
				}
				if werr := c.Write(out); werr != nil {
					return werr
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// convertToSecureStringProcess writes a SecureString object that keeps only the length of the text.
func convertToSecureStringProcess(c *Call) error {
	o := value.NewObject("System.Security.SecureString")
	o.Set("Length", len([]rune(c.String("String"))))
	o.Set("ToStringValue", "System.Security.SecureString")
	return c.Write(o)
}

func itemPaths(c *Call) []string {
	paths := c.Strings("Path")
	if len(paths) == 0 {
		paths = c.Strings("LiteralPath")
	}
	return paths
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
	o.Set("PSIsContainer", st.IsDir())
	o.Set("Exists", true)
	o.Set("ToStringValue", abs)
	o.DefaultDisplay = []string{"Mode", "LastWriteTime", "Length", "Name"}
	return o
}
