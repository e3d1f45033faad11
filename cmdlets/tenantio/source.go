package tenantio

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// Source is one file to read: its name as messages show it (a path, or
// "backup.zip/Get-CsTeamsMeetingPolicy.json" for a zip entry) and its
// bytes.
type Source struct {
	Name string
	Data []byte
}

// Base is the file name of the source without its folders.
func (s *Source) Base() string {
	n := strings.ReplaceAll(s.Name, `\`, "/")
	return path.Base(n)
}

// Text returns the source as text: a byte-order mark chooses the encoding
// (UTF-8, UTF-16 LE as Windows PowerShell 5.1's Out-File writes it, UTF-16
// BE, UTF-32), UTF-16 without a mark is recognised by its zero bytes, and
// anything else is UTF-8. CRLF line ends are kept (positions count lines
// by LF).
func (s *Source) Text() string {
	if _, _, ok := textenc.Sniff(s.Data); ok {
		return textenc.Decode(s.Data)
	}
	if k, ok := utf16NoBOM(s.Data); ok {
		return textenc.New(k, false).DecodeBytes(s.Data)
	}
	return textenc.Decode(s.Data)
}

// utf16NoBOM recognises UTF-16 text without a byte-order mark: ASCII text
// in UTF-16 has a zero byte in every other position.
func utf16NoBOM(data []byte) (textenc.Kind, bool) {
	n := min(len(data), 512) &^ 1
	if n < 4 {
		return 0, false
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	half := n / 2
	switch {
	case oddZero*10 >= half*9 && evenZero == 0:
		return textenc.UTF16LE, true
	case evenZero*10 >= half*9 && oddZero == 0:
		return textenc.UTF16BE, true
	}
	return 0, false
}

// isZip reports whether data starts as a zip archive.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// maxZipEntry bounds the size of one file read from a zip archive, so that
// a hostile archive cannot exhaust memory.
const maxZipEntry = 256 << 20

// maxZipTotal bounds what all the files of one zip archive hold together.
const maxZipTotal = 1 << 30

// Unzip returns the files of a zip archive as sources named
// "zipname/entry", sorted by name. An entry whose name leaves the archive
// (an absolute path or "..") is an error, as is a damaged archive.
func Unzip(src *Source) ([]*Source, error) {
	r, err := zip.NewReader(bytes.NewReader(src.Data), int64(len(src.Data)))
	if err != nil {
		return nil, &Error{File: src.Name, Msg: "not a readable zip archive: " + strings.TrimPrefix(err.Error(), "zip: ")}
	}
	var out []*Source
	total := 0
	for _, f := range r.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if f.FileInfo().IsDir() {
			continue
		}
		if name == "" || strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':') ||
			path.Clean(name) != name && path.Clean(name) != strings.TrimPrefix(name, "./") ||
			strings.HasPrefix(path.Clean(name), "../") || path.Clean(name) == ".." {
			return nil, &Error{File: src.Name, Path: f.Name, Msg: fmt.Sprintf("the zip entry %q points outside the archive", f.Name)}
		}
		if f.UncompressedSize64 > maxZipEntry {
			return nil, &Error{File: src.Name, Path: f.Name, Msg: fmt.Sprintf("the zip entry %q is larger than %d MB", f.Name, maxZipEntry>>20)}
		}
		rc, err := f.Open()
		if err != nil {
			return nil, &Error{File: src.Name, Path: f.Name, Msg: "reading the zip entry: " + strings.TrimPrefix(err.Error(), "zip: ")}
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxZipEntry+1))
		rc.Close()
		if err == nil && len(data) > maxZipEntry {
			err = fmt.Errorf("larger than %d MB", maxZipEntry>>20)
		}
		if err != nil {
			return nil, &Error{File: src.Name, Path: f.Name, Msg: "reading the zip entry: " + strings.TrimPrefix(err.Error(), "zip: ")}
		}
		if total += len(data); total > maxZipTotal {
			return nil, &Error{File: src.Name, Path: f.Name, Msg: fmt.Sprintf("the zip archive holds more than %d MB", maxZipTotal>>20)}
		}
		out = append(out, &Source{Name: src.Name + "/" + path.Clean(name), Data: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// lineCol returns the 1-based line and column (in runes) of the byte
// offset off of text.
func lineCol(text string, off int) (line, col int) {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	before := text[:off]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	col = len([]rune(before[start:])) + 1
	return line, col
}
