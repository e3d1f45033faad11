package tenantio

import "fmt"

// Error is a file that cannot be imported: the file, the position in it
// (line and column for text, the JSON path or XML element otherwise) and
// what is wrong.
type Error struct {
	File      string
	Line, Col int
	Path      string // JSON path, XML element or zip entry
	Msg       string
}

func (e *Error) Error() string {
	where := e.File
	switch {
	case e.Line > 0 && e.Col > 0:
		where = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col)
	case e.Line > 0:
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Path != "" {
		where += ": " + e.Path
	}
	return where + ": " + e.Msg
}

// errorAt returns an *Error at the byte offset off of text.
func errorAt(file, text string, off int, format string, args ...any) *Error {
	line, col := lineCol(text, off)
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}
