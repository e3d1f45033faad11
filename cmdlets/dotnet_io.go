package cmdlets

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// The static members of System.IO.Path, File and Directory. Files go
// through the session's FS (writes need --allow-write, as for the
// cmdlets); relative paths start from the process's working folder, as
// .NET's do, not from the session's location.

// pathStatics implements the static members of [System.IO.Path] (on
// Linux: '/' separates, ':' separates PATH entries).
func pathStatics(c *staticCall) (any, error) {
	p := nativePath(c.argS(0))
	switch c.lname {
	case "directoryseparatorchar", "altdirectoryseparatorchar", "volumeseparatorchar":
		return '/', nil
	case "pathseparator":
		return ':', nil
	case "getinvalidfilenamechars":
		return &value.Array{Items: []any{rune(0), '/'}, Elem: value.TChar}, nil
	case "getinvalidpathchars":
		return &value.Array{Items: []any{rune(0)}, Elem: value.TChar}, nil
	}
	if !c.call {
		return c.notImplemented()
	}
	switch c.lname {
	case "combine":
		// a rooted part starts the path again (Path.Combine)
		out := ""
		for _, a := range c.args {
			if a == nil {
				return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'paths')"}
			}
			part := value.ToString(a)
			switch {
			case strings.HasPrefix(part, "/"):
				out = part
			case part == "":
			case out == "" || strings.HasSuffix(out, "/"):
				out += part
			default:
				out += "/" + part
			}
		}
		return out, nil
	case "join":
		// parts are joined as they are, one separator between them
		out := ""
		for _, a := range c.args {
			part := value.ToString(a)
			switch {
			case part == "":
			case out == "" || strings.HasSuffix(out, "/") || strings.HasPrefix(part, "/"):
				out += part
			default:
				out += "/" + part
			}
		}
		return out, nil
	case "getfilename":
		if c.arg(0) == nil {
			return nil, nil
		}
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			return p[i+1:], nil
		}
		return p, nil
	case "getextension":
		if c.arg(0) == nil {
			return nil, nil
		}
		ext := filepath.Ext(p)
		if ext == "." {
			return "", nil
		}
		return ext, nil
	case "hasextension":
		ext := filepath.Ext(p)
		return ext != "" && ext != ".", nil
	case "getfilenamewithoutextension":
		if c.arg(0) == nil {
			return nil, nil
		}
		b := p
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			b = p[i+1:]
		}
		return strings.TrimSuffix(b, filepath.Ext(b)), nil
	case "getdirectoryname":
		if c.arg(0) == nil || p == "" {
			return nil, nil
		}
		i := strings.LastIndexByte(p, '/')
		switch {
		case p == "/":
			return nil, nil
		case i < 0:
			return "", nil
		case i == 0:
			return "/", nil
		}
		return strings.TrimRight(p[:i], "/"), nil
	case "getpathroot":
		if strings.HasPrefix(p, "/") {
			return "/", nil
		}
		return "", nil
	case "gettemppath":
		return strings.TrimSuffix(c.s.tempDir(), "/") + "/", nil
	case "getfullpath":
		if c.arg(0) == nil || p == "" {
			return nil, &methodErr{typ: "System.ArgumentException", msg: "The value cannot be an empty string. (Parameter 'path')"}
		}
		if len(c.args) == 2 {
			base := nativePath(c.argS(1))
			if !filepath.IsAbs(p) {
				p = filepath.Join(base, p)
			}
		}
		abs, err := c.s.dotnetPath(p)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(p, "/") && abs != "/" {
			abs += "/"
		}
		return abs, nil
	case "ispathrooted", "ispathfullyqualified":
		return strings.HasPrefix(p, "/"), nil
	case "endsindirectoryseparator":
		return strings.HasSuffix(p, "/"), nil
	case "trimendingdirectoryseparator":
		if len(p) > 1 {
			return strings.TrimSuffix(p, "/"), nil
		}
		return p, nil
	case "getrandomfilename":
		id := strings.ReplaceAll(c.s.newID(), "-", "")
		return id[:8] + "." + id[8:11], nil
	case "changeextension":
		if c.arg(0) == nil {
			return nil, nil
		}
		base := strings.TrimSuffix(p, filepath.Ext(p))
		if c.arg(1) == nil {
			return base, nil
		}
		ext := c.argS(1)
		if ext != "" && !strings.HasPrefix(ext, ".") {
			ext = "." + ext
		}
		return base + ext, nil
	case "getrelativepath":
		from, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return nil, err
		}
		to, err := c.s.dotnetPath(c.argS(1))
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(from, to)
		if err != nil {
			return to, nil
		}
		return rel, nil
	case "gettempfilename":
		return nil, &methodErr{typ: "NotImplemented", msg: "[System.IO.Path]::GetTempFileName() (use New-TemporaryFile)"}
	}
	return c.notImplemented()
}

// fileError is the .NET exception of a failed file operation on path (an
// absolute path, as .NET's messages name it).
func fileError(err error, path string) error {
	var off *writesOffError
	switch {
	case errors.As(err, &off):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return &methodErr{typ: "System.IO.FileNotFoundException", msg: fmt.Sprintf("Could not find file '%s'.", path)}
	case errors.Is(err, fs.ErrPermission):
		return &methodErr{typ: "System.UnauthorizedAccessException", msg: fmt.Sprintf("Access to the path '%s' is denied.", path)}
	}
	return &methodErr{typ: "System.IO.IOException", msg: fsErrorMessage(err, path)}
}

// readForDotnet reads a file for a File method, with .NET's errors: a
// missing folder is DirectoryNotFoundException, a missing file
// FileNotFoundException.
func (c *staticCall) readForDotnet(i int) ([]byte, string, error) {
	if c.arg(i) == nil {
		return nil, "", &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'path')"}
	}
	path, err := c.s.dotnetPath(c.argS(i))
	if err != nil {
		return nil, "", err
	}
	if st, err := c.s.host.files.Stat(path); err == nil && st.IsDir() {
		return nil, path, &methodErr{typ: "System.UnauthorizedAccessException", msg: fmt.Sprintf("Access to the path '%s' is denied.", path)}
	}
	data, err := c.s.readFile(path)
	if err != nil {
		if _, derr := c.s.host.files.Stat(filepath.Dir(path)); derr != nil {
			return nil, path, &methodErr{typ: "System.IO.DirectoryNotFoundException", msg: fmt.Sprintf("Could not find a part of the path '%s'.", path)}
		}
		return nil, path, fileError(err, path)
	}
	return data, path, nil
}

// encodingAt is the encoding argument i of a File method, or def.
func (c *staticCall) encodingAt(i int, def textenc.Encoding) (textenc.Encoding, error) {
	if i >= len(c.args) {
		return def, nil
	}
	e, ok := c.s.encodingOf(c.arg(i))
	if !ok {
		return 0, &methodErr{typ: "System.Management.Automation.PSInvalidCastException",
			msg: fmt.Sprintf("Cannot convert argument \"encoding\", with value: \"%s\", for \"%s\" to type \"System.Text.Encoding\".", c.argS(i), c.name)}
	}
	return e, nil
}

// writeForDotnet writes a file for a File method through writeFile (which
// warns and skips without --allow-write).
func (c *staticCall) writeForDotnet(path string, data []byte, appendMode bool) error {
	abs, err := c.s.dotnetPath(path)
	if err != nil {
		return err
	}
	if c.s.allowWrite {
		if _, err := c.s.host.files.Stat(filepath.Dir(abs)); err != nil {
			return &methodErr{typ: "System.IO.DirectoryNotFoundException", msg: fmt.Sprintf("Could not find a part of the path '%s'.", abs)}
		}
	}
	return c.s.writeFile(c.fr, parser.Pos{}, "[System.IO.File]::"+c.name, abs, data, appendMode)
}

// linesText is the text File.WriteAllLines writes: each line and a
// newline.
func linesText(v any) string {
	var b strings.Builder
	for _, it := range value.AsSlice(v) {
		b.WriteString(value.ToString(it))
		b.WriteString("\n")
	}
	return b.String()
}

// fileStatics implements the static members of [System.IO.File].
func fileStatics(c *staticCall) (any, error) {
	if !c.call {
		return c.notImplemented()
	}
	switch c.lname {
	case "exists":
		if c.arg(0) == nil || c.argS(0) == "" {
			return false, nil
		}
		path, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return false, nil
		}
		st, err := c.s.host.files.Stat(path)
		return err == nil && !st.IsDir(), nil
	case "readalltext", "readalllines", "readlines":
		data, _, err := c.readForDotnet(0)
		if err != nil {
			return nil, err
		}
		enc, err := c.encodingAt(1, textenc.UTF8NoBOM)
		if err != nil {
			return nil, err
		}
		text := enc.Decode(data)
		if c.lname == "readalltext" {
			return text, nil
		}
		var out []any
		for _, l := range readLines(text) {
			out = append(out, l)
		}
		return &value.Array{Items: out, Elem: value.TString}, nil
	case "readallbytes":
		data, _, err := c.readForDotnet(0)
		if err != nil {
			return nil, err
		}
		return byteArray(data), nil
	case "writealltext", "appendalltext", "writealllines", "appendalllines":
		enc, err := c.encodingAt(2, textenc.UTF8NoBOM)
		if err != nil {
			return nil, err
		}
		text := c.argS(1)
		if strings.HasSuffix(c.lname, "lines") {
			text = linesText(c.arg(1))
		}
		appendMode := strings.HasPrefix(c.lname, "append")
		data := enc.Encode(text)
		if appendMode {
			if path, err := c.s.dotnetPath(c.argS(0)); err == nil {
				if st, err := c.s.host.files.Stat(path); err == nil && st.Size() > 0 {
					data = enc.EncodeBytes(text)
				}
			}
		}
		return voidValue{}, c.writeForDotnet(c.argS(0), data, appendMode)
	case "writeallbytes":
		b, err := bytesArg(c.arg(1))
		if err != nil {
			return nil, err
		}
		return voidValue{}, c.writeForDotnet(c.argS(0), b, false)
	case "delete":
		path, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return nil, err
		}
		if _, err := c.s.host.files.Lstat(path); err != nil {
			return voidValue{}, nil // deleting a missing file is no error
		}
		if !c.s.allowWrite {
			return voidValue{}, c.s.writeWarning(c.fr, nil, fmt.Sprintf("[System.IO.File]::Delete: skipped removing %q: file writes need --allow-write", path))
		}
		if err := c.s.host.files.Remove(path); err != nil {
			return nil, fileError(err, path)
		}
		return voidValue{}, nil
	case "copy", "move":
		src, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return nil, err
		}
		dst, err := c.s.dotnetPath(c.argS(1))
		if err != nil {
			return nil, err
		}
		if _, err := c.s.host.files.Stat(src); err != nil {
			return nil, fileError(err, src)
		}
		overwrite := len(c.args) > 2 && value.ToBool(c.arg(2))
		if _, err := c.s.host.files.Stat(dst); err == nil && !overwrite {
			return nil, &methodErr{typ: "System.IO.IOException", msg: fmt.Sprintf("The file '%s' already exists.", dst)}
		}
		if !c.s.allowWrite {
			return voidValue{}, c.s.writeWarning(c.fr, nil, fmt.Sprintf("[System.IO.File]::%s: skipped writing %q: file writes need --allow-write", c.name, dst))
		}
		if c.lname == "copy" {
			err = c.s.copyFile(src, dst)
		} else {
			err = c.s.host.files.Rename(src, dst)
		}
		if err != nil {
			return nil, fileError(err, dst)
		}
		return voidValue{}, nil
	}
	return c.notImplemented()
}

// directoryStatics implements the static members of [System.IO.Directory].
func directoryStatics(c *staticCall) (any, error) {
	if !c.call {
		return c.notImplemented()
	}
	switch c.lname {
	case "exists":
		if c.arg(0) == nil || c.argS(0) == "" {
			return false, nil
		}
		path, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return false, nil
		}
		st, err := c.s.host.files.Stat(path)
		return err == nil && st.IsDir(), nil
	case "getcurrentdirectory":
		return c.s.host.procWD()
	case "createdirectory":
		path, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return nil, err
		}
		if !c.s.allowWrite {
			if err := c.s.writeWarning(c.fr, nil, fmt.Sprintf("[System.IO.Directory]::CreateDirectory: skipped creating %q: file writes need --allow-write", path)); err != nil {
				return nil, err
			}
			return nil, nil
		}
		if err := c.s.mkdirAll(path); err != nil {
			return nil, fileError(err, path)
		}
		st, err := c.s.host.files.Stat(path)
		if err != nil {
			return nil, fileError(err, path)
		}
		return c.s.fileInfo(path, st), nil
	case "delete":
		path, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return nil, err
		}
		st, err := c.s.host.files.Stat(path)
		if err != nil || !st.IsDir() {
			return nil, &methodErr{typ: "System.IO.DirectoryNotFoundException", msg: fmt.Sprintf("Could not find a part of the path '%s'.", path)}
		}
		if !c.s.allowWrite {
			return voidValue{}, c.s.writeWarning(c.fr, nil, fmt.Sprintf("[System.IO.Directory]::Delete: skipped removing %q: file writes need --allow-write", path))
		}
		if len(c.args) > 1 && value.ToBool(c.arg(1)) {
			err = c.s.removeAll(path)
		} else {
			err = c.s.host.files.Remove(path)
		}
		if err != nil {
			return nil, &methodErr{typ: "System.IO.IOException", msg: fmt.Sprintf("Directory not empty : '%s'", path)}
		}
		return voidValue{}, nil
	case "getfiles", "getdirectories", "enumeratefiles", "enumeratedirectories", "getfilesystementries", "enumeratefilesystementries":
		path, err := c.s.dotnetPath(c.argS(0))
		if err != nil {
			return nil, err
		}
		if st, err := c.s.host.files.Stat(path); err != nil || !st.IsDir() {
			return nil, &methodErr{typ: "System.IO.DirectoryNotFoundException", msg: fmt.Sprintf("Could not find a part of the path '%s'.", path)}
		}
		pattern := "*"
		if len(c.args) > 1 {
			pattern = c.argS(1)
		}
		recurse := false
		if len(c.args) > 2 {
			opt := strings.ToLower(c.argS(2))
			recurse = opt == "alldirectories" || opt == "1"
		}
		files := strings.Contains(c.lname, "files") || strings.Contains(c.lname, "entries")
		dirs := strings.Contains(c.lname, "directories") || strings.Contains(c.lname, "entries")
		var out []any
		// the given folder's form starts each path, as .NET builds them
		prefix := strings.TrimSuffix(nativePath(c.argS(0)), "/")
		err = c.s.walkFolder(path, recurse, func(p string, d fs.DirEntry) error {
			if (d.IsDir() && dirs || !d.IsDir() && files) && value.Like(d.Name(), pattern, false) {
				out = append(out, prefix+strings.TrimPrefix(p, path))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &value.Array{Items: out, Elem: value.TString}, nil
	}
	return c.notImplemented()
}
