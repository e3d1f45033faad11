package cmdlets

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
)

// The content cmdlets: Get-Content, Set-Content, Add-Content and
// Out-File. Files are read and written in the encodings of -Encoding
// (textenc); the Env: and Variable: drives (and Function: for reading)
// have content too.

func contentCmdlets() []*Cmdlet {
	writeParams := func() []*ParamDef {
		return append(pathParams(true, true), append(filterParams(),
			allowNull(mand(pipe(byName(p("Value", "object[]", 1))))), p("PassThru", "switch", -1), p("Force", "switch", -1),
			p("Credential", "object", -1), p("NoNewline", "switch", -1), p("Encoding", "object", -1), p("AsByteStream", "switch", -1),
			p("Stream", "string", -1))...)
	}
	return noCredentials([]*Cmdlet{
		{
			Name: "Get-Content", Module: mgmt, Synopsis: "Reads the lines (or with -Raw the text) of files and other items.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-content",
			Params: append(pathParams(true, true), append(filterParams(),
				p("ReadCount", "long", -1), alias(rangeOf(p("TotalCount", "long", -1), -1), "First", "Head"),
				alias(rangeOf(p("Tail", "int", -1), -1), "Last"), p("Force", "switch", -1), p("Credential", "object", -1),
				p("Delimiter", "string", -1), p("Wait", "switch", -1), p("Raw", "switch", -1), p("Encoding", "object", -1),
				p("AsByteStream", "switch", -1), p("Stream", "string", -1))...),
			DefaultSet: "Path",
			Process:    getContentProcess,
		},
		{
			Name: "Set-Content", Module: mgmt, Synopsis: "Writes content to files (needs --allow-write) or other items.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-content", Writes: true, ShouldProcess: true,
			Params: writeParams(), DefaultSet: "Path", Process: collectValue,
			End: func(c *Call) error { return writeContent(c, false) },
		},
		{
			Name: "Add-Content", Module: mgmt, Synopsis: "Appends content to files (needs --allow-write) or other items.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/add-content", Writes: true, ShouldProcess: true,
			Params: writeParams(), DefaultSet: "Path", Process: collectValue,
			End: func(c *Call) error { return writeContent(c, true) },
		},
		{
			Name: "Out-File", Synopsis: "Writes formatted output to a file (needs --allow-write).", Writes: true, ShouldProcess: true,
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/out-file",
			Params: []*ParamDef{mand(sets(alias(p("FilePath", "string", 0), "Path"), "ByPath")),
				mand(sets(alias(p("LiteralPath", "string", -1), "PSPath", "LP"), "ByLiteralPath")), p("Encoding", "object", 1),
				p("Append", "switch", -1), p("Force", "switch", -1), alias(p("NoClobber", "switch", -1), "NoOverwrite"),
				p("NoNewline", "switch", -1), p("Width", "int", -1), pipe(p("InputObject", "object", -1))},
			DefaultSet: "ByPath",
			Process:    collectInput,
			End:        outFileEnd,
		},
	})
}

// rangeOf sets a ValidateRange minimum (no maximum).
func rangeOf(d *ParamDef, min float64) *ParamDef {
	d.HasRange, d.RangeMin, d.RangeMax = true, min, 1<<62
	return d
}

// getContentProcess writes the content of each item Get-Content names:
// a file's lines (or -Raw text, -Delimiter chunks, -AsByteStream bytes),
// an environment variable's or variable's value, a function's script
// block.
func getContentProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	total, tail := int64(c.Int("TotalCount", -1)), c.Int("Tail", -1)
	if total != -1 && tail != -1 {
		return c.WriteError(&ErrorRecord{ID: "TailAndHeadCannotCoexist", Category: InvalidOperation, Exception: "System.InvalidOperationException",
			Msg: "The parameters TotalCount and Tail cannot be used together. Please specify only one parameter."})
	}
	if total == 0 {
		return nil
	}
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	if c.Bool("AsByteStream") {
		if c.Has("Encoding") {
			c.Warning("Encoding not used when '-AsByteStream' specified.")
		}
		if c.Has("Delimiter") {
			return c.WriteError(&ErrorRecord{ID: "GetContentWriterArgumentError", Category: InvalidArgument, Exception: "System.ArgumentException",
				Msg: "A delimiter cannot be specified when reading the stream one byte at a time."})
		}
	}
	return c.eachItem(func(pp psPath) error {
		var items []any
		if pp.prov != provFS {
			if tail != -1 {
				return c.WriteError(&ErrorRecord{ID: "TailNotSupported", Category: InvalidOperation, Exception: "System.InvalidOperationException",
					Msg: "The Tail parameter currently is supported only for the FileSystem provider."})
			}
			if pp.isRoot() {
				return c.WriteError(&ErrorRecord{ID: "GetContentReaderUnauthorizedAccessError", Category: PermissionDenied, Target: pp.String(),
					Exception: "System.Management.Automation.PSArgumentException", Msg: fmt.Sprintf("Cannot get content of the item at '%s'.", pp.String())})
			}
			v, _ := c.s.flatValue(c.fr, pp)
			if pp.prov == provVar {
				items = value.AsSlice(v)
			} else {
				items = []any{v}
			}
		} else {
			if c.s.isContainer(pp) {
				return c.WriteError(&ErrorRecord{ID: "GetContainerContentException", Category: InvalidOperation, Target: pp.path,
					Exception: "System.Management.Automation.PSInvalidOperationException",
					Msg:       fmt.Sprintf("Unable to get content because it is a directory: '%s'. Please use 'Get-ChildItem' instead.", pp.path)})
			}
			data, err := c.s.readFile(pp.path)
			if err != nil {
				return c.WriteError(&ErrorRecord{ID: "GetContentReaderIOError", Category: ReadError, Target: pp.path, Exception: "System.IO.IOException",
					Msg: fsErrorMessage(err, pp.path)})
			}
			items = c.contentBlocks(data, enc)
		}
		return c.writeContentBlocks(items, total, tail)
	})
}

// contentBlocks splits a file's bytes as Get-Content reads them.
func (c *Call) contentBlocks(data []byte, enc textenc.Encoding) []any {
	if c.Bool("AsByteStream") {
		if c.Bool("Raw") {
			if len(data) == 0 {
				return nil
			}
			return []any{byteArray(data)}
		}
		out := make([]any, len(data))
		for i, b := range data {
			out[i] = int(b)
		}
		return out
	}
	text := enc.Decode(data)
	if c.Bool("Raw") {
		if text == "" {
			return nil
		}
		return []any{text}
	}
	var parts []string
	if c.Has("Delimiter") && c.String("Delimiter") != "" {
		parts = splitDelimited(text, c.String("Delimiter"))
	} else {
		parts = readLines(text)
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// writeContentBlocks writes what was read, honouring -TotalCount, -Tail
// and -ReadCount (0 or more than 1: arrays of that many blocks).
func (c *Call) writeContentBlocks(items []any, total int64, tail int) error {
	if total > 0 && int64(len(items)) > total {
		items = items[:total]
	}
	if tail >= 0 && len(items) > tail {
		items = items[len(items)-tail:]
	}
	readCount := c.Int("ReadCount", 1)
	if c.Bool("Raw") || readCount == 1 {
		return c.WriteAll(items)
	}
	if len(items) == 0 {
		return nil
	}
	if readCount <= 0 {
		return c.Write(&value.Array{Items: items})
	}
	for i := 0; i < len(items); i += readCount {
		end := min(i+readCount, len(items))
		if err := c.Write(&value.Array{Items: append([]any(nil), items[i:end]...)}); err != nil {
			return err
		}
	}
	return nil
}

// readLines splits text into lines as StreamReader.ReadLine does: at
// "\r\n", "\n" or "\r"; a final line ending adds no empty line.
func readLines(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
	return out
}

// splitDelimited splits text at each delimiter, dropping the delimiter
// that ends a chunk (FileSystemContentReaderWriter.ReadDelimited).
func splitDelimited(text, delim string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.Index(text, delim)
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i])
		text = text[i+len(delim):]
	}
	return out
}

// collectValue gathers the -Value items of each input into c.State.
func collectValue(c *Call) error {
	items, _ := c.State.([]any)
	if c.Has("Value") {
		v := c.Arg("Value")
		if v == nil {
			items = append(items, nil)
		} else {
			items = append(items, value.AsSlice(v)...)
		}
	}
	c.State = items
	return nil
}

// writeContent writes Set-Content's (or, appending, Add-Content's)
// collected values to each item it names: a file is created when it does
// not exist (its folder must), each value a line in the -Encoding
// (UTF-8 without BOM by default; appending keeps the encoding a file's
// byte-order mark names).
func writeContent(c *Call, appendMode bool) error {
	if err := c.refused(); err != nil {
		return err
	}
	items, _ := c.State.([]any)
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	if c.Bool("AsByteStream") && c.Has("Encoding") {
		c.Warning("Encoding not used when '-AsByteStream' specified.")
	}
	action := "Set Content"
	if appendMode {
		action = "Add Content"
	}
	for _, given := range c.givenPaths() {
		targets, err := c.contentTargets(given)
		if err != nil {
			if werr := c.writeProblem(err); werr != nil {
				return werr
			}
			continue
		}
		for _, pp := range targets {
			if !c.ShouldProcess("Path: "+pp.String(), action) {
				continue
			}
			if pp.prov != provFS {
				if err := c.setFlatContent(pp, items, appendMode); err != nil {
					return err
				}
				continue
			}
			if c.s.isContainer(pp) {
				if err := c.WriteError(&ErrorRecord{ID: "SetContentWriterUnauthorizedAccessError", Category: PermissionDenied, Target: pp.path,
					Exception: "System.UnauthorizedAccessException", Msg: fmt.Sprintf("Access to the path '%s' is denied.", pp.path)}); err != nil {
					return err
				}
				continue
			}
			var data []byte
			if c.Bool("AsByteStream") {
				for _, it := range items {
					if it == nil {
						continue
					}
					n, err := value.ToInt(it)
					_, isByte := it.(int)
					if err != nil || !isByte || n < 0 || n > 255 {
						return c.Fail("SetContentWriterArgumentError", InvalidArgument, "Cannot proceed with byte encoding. When using byte encoding the content must be of type byte.")
					}
					data = append(data, byte(n))
				}
			} else {
				var b strings.Builder
				for _, it := range items {
					if it == nil {
						continue
					}
					b.WriteString(c.s.toString(it))
					if !c.Bool("NoNewline") {
						b.WriteString("\n")
					}
				}
				data = []byte(b.String())
			}
			if err := c.s.writeEncoded(c.fr, c, pp.path, data, enc, appendMode, c.Bool("AsByteStream")); err != nil {
				return err
			}
			if c.Bool("PassThru") {
				if err := c.WriteAll(items); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// contentTargets are the items Set-Content or Add-Content writes: those
// a wildcard path matches, else the one item the path names, which need
// not exist yet.
func (c *Call) contentTargets(given string) ([]psPath, error) {
	pp, err := c.s.parsePSPath(c.fr, given)
	if err != nil {
		return nil, err
	}
	if !c.literal() && value.HasWildcard(pp.path) {
		items, err := c.resolve(given, false)
		if err != nil {
			return nil, err
		}
		var out []psPath
		for _, it := range items {
			if c.keepsItem(it) {
				out = append(out, it)
			}
		}
		return out, nil
	}
	if !c.keepsItem(pp) {
		return nil, nil
	}
	return []psPath{pp}, nil
}

// setFlatContent sets the content of an environment variable or a
// variable.
func (c *Call) setFlatContent(pp psPath, items []any, appendMode bool) error {
	switch pp.prov {
	case provFunc, provAlias:
		return notImplemented(c.Pos, c.cmd.Name, c.cmd.Name+" of a "+flatItemNoun(pp.prov))
	}
	var v any
	if pp.prov == provEnv {
		var b strings.Builder
		if appendMode {
			if old, ok := c.s.getEnv(pp.path); ok {
				b.WriteString(value.ToString(old))
			}
		}
		for _, it := range items {
			b.WriteString(c.s.toString(it))
		}
		v = b.String()
	} else {
		var all []any
		if appendMode {
			if old, ok := c.s.flatValue(c.fr, pp); ok && old != nil {
				all = append(all, value.AsSlice(old)...)
			}
		}
		all = append(all, items...)
		switch len(all) {
		case 0:
		case 1:
			v = all[0]
		default:
			v = &value.Array{Items: all}
		}
	}
	if err := c.s.setFlatItem(c.fr, pp, v, false); err != nil {
		return c.WriteError(flatItemError(err, pp))
	}
	if c.Bool("PassThru") {
		return c.WriteAll(items)
	}
	return nil
}

// writeEncoded writes text bytes (UTF-8) to a file in enc, or raw bytes;
// appending to a file that starts with a byte-order mark keeps its
// encoding, as StreamWriter on a stream StreamReader read first does. A
// new or emptied file starts with enc's byte-order mark.
func (s *Session) writeEncoded(fr frame, c *Call, path string, data []byte, enc textenc.Encoding, appendMode, raw bool) error {
	existing := false
	if appendMode {
		if head, err := s.readFile(nativePath(path)); err == nil {
			existing = len(head) > 0
			if found, _, ok := textenc.Sniff(head); ok {
				enc = found
			}
		}
	}
	out := data
	if !raw {
		if existing {
			out = enc.EncodeBytes(string(data))
		} else {
			out = enc.Encode(string(data))
			if len(data) == 0 && !appendMode {
				out = enc.Preamble()
			}
		}
	}
	return s.writeFile(fr, c.Pos, c.cmd.Name, path, out, appendMode)
}

// outFileTarget resolves the file Out-File (and Tee-Object) writes: a
// path of the file system, where a wildcard must name one file. target is
// the name to write it by, the one the script gave (which errors show)
// unless it names a drive or ~; it is "" when a problem was written.
// newFileTarget is outFileTarget for the path of parameter param, or of
// -LiteralPath when given, and refuses a file that exists under -NoClobber
// without -Append (PathUtils.MasterStreamOpen: UtilityFileExistsNoClobber).
func (c *Call) newFileTarget(param string) (pp psPath, target string, err error) {
	path := c.String(param)
	if c.Has("LiteralPath") {
		path = c.String("LiteralPath")
	}
	pp, target, err = c.outFileTarget(path)
	if err != nil || target == "" {
		return pp, target, err
	}
	if c.Bool("NoClobber") && !c.Bool("Append") {
		if _, err := c.s.host.files.Stat(pp.path); err == nil {
			return pp, "", &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "NoClobber", Category: ResourceExists,
				Target: pp.path, Exception: "System.IO.IOException", Msg: fmt.Sprintf("File %s already exists and NoClobber was specified.", path)}}
		}
	}
	return pp, target, nil
}

func (c *Call) outFileTarget(path string) (pp psPath, target string, err error) {
	pp, err = c.s.parsePSPath(c.fr, path)
	if err != nil {
		return pp, "", c.writeProblem(err)
	}
	if pp.prov != provFS {
		return pp, "", c.Fail("ReadWriteFileNotFileSystemProvider", InvalidArgument,
			"Cannot open file because the current provider (%s) cannot open a file.", `Microsoft.PowerShell.Core\`+pp.prov.name())
	}
	target = path
	if _, rest := splitQualifier(path); rest != path || strings.HasPrefix(path, "~") {
		target = pp.path
	}
	if !c.literal() && value.HasWildcard(pp.path) {
		found, err := c.resolve(path, false)
		if err != nil {
			return pp, "", c.writeProblem(err)
		}
		switch len(found) {
		case 0:
			return pp, "", c.Fail("FileOpenFailure", OpenError(), "Cannot perform operation because the wildcard path %s did not resolve to a file.", path)
		case 1:
			pp, target = found[0], found[0].path
		default:
			// PathUtils.ReportMultipleFilesNotSupported
			return pp, "", c.Fail("ReadWriteMultipleFilesNotSupported", InvalidArgument, "Cannot perform operation because the path resolved to more than one file. This command cannot operate on multiple files.")
		}
	}
	return pp, target, nil
}

// outFileEnd writes the collected input, formatted as the host shows it,
// to Out-File's file in its -Encoding.
func outFileEnd(c *Call) error {
	items, _ := c.State.([]any)
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	pp, target, err := c.newFileTarget("FilePath")
	if err != nil || target == "" {
		return err
	}
	if !c.ShouldProcess(pp.path, "Output to File") {
		return nil
	}
	var buf bytes.Buffer
	if c.Bool("NoNewline") {
		for _, it := range items {
			buf.WriteString(c.s.toString(it))
		}
	} else if err := c.s.formatDefault(&buf, items, c.Int("Width", c.s.width)); err != nil {
		return err
	}
	if _, err := c.s.host.files.Stat(pp.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c.Fail("FileOpenFailure", OpenError(), "%s", fsErrorMessage(err, pp.path))
	}
	return c.s.writeEncoded(c.fr, c, target, buf.Bytes(), enc, c.Bool("Append"), false)
}
