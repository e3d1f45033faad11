package cmdlets

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// PowerShell's parser API (System.Management.Automation.Language): the
// syntax tree of a script as ScriptBlockAst and the node types below it,
// their extents, parse errors and tokens. The nodes are made from csemu's
// parse tree when a script reads them (astbuild.go). A member that
// PowerShell's type has and csemu does not give is [NotImplemented]; a name
// that is no member is $null, as in PowerShell.

// memberObject is an engine value whose properties and methods a Go type
// gives: the nodes of the parser API and the objects they hand out.
type memberObject interface {
	// psMember returns property name (any case), or false.
	psMember(s *Session, name string) (any, bool)
	// psPropertyNames lists the properties, for Get-Member.
	psPropertyNames() []string
	// psNotImplemented returns the type that declares member name when
	// csemu does not give it, or "".
	psNotImplemented(name string) string
	// psCall calls method name.
	psCall(s *Session, fr frame, name string, args []any) (any, error)
}

// astTree is the source a tree of nodes was parsed from.
type astTree struct {
	src   string
	file  string
	lines []int // byte offsets where lines start
	ascii bool  // every byte of src is ASCII: offsets need no counting
	errs  parser.ErrorList
}

func newAstTree(file, src string, errs parser.ErrorList) *astTree {
	t := &astTree{src: src, file: file, errs: errs, lines: []int{0}, ascii: true}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			t.lines = append(t.lines, i+1)
		case c >= utf8.RuneSelf:
			t.ascii = false
		}
	}
	return t
}

// clamp returns off within the source.
func (t *astTree) clamp(off int) int { return max(0, min(off, len(t.src))) }

// charOffset returns the offset in UTF-16 code units (PowerShell's
// offsets) of byte offset off.
func (t *astTree) charOffset(off int) int {
	if off > len(t.src) {
		return t.charOffset(len(t.src)) + off - len(t.src)
	}
	off = max(0, off)
	if t.ascii {
		return off
	}
	return utf16Len(t.src[:off])
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// lineCol returns the line and column (from 1, columns in UTF-16 code
// units) of byte offset off.
func (t *astTree) lineCol(off int) (int, int) {
	extra := 0
	if off > len(t.src) {
		extra, off = off-len(t.src), len(t.src)
	}
	off = max(0, off)
	i := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	return i + 1, utf16Len(t.src[t.lines[i]:off]) + 1 + extra
}

// lineText returns the text of line n (from 1), without its line break.
func (t *astTree) lineText(n int) string {
	if n < 1 || n > len(t.lines) {
		return ""
	}
	s := t.src[t.lines[n-1]:]
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, "\r")
}

// fileOrNil is the File of an extent: $null for text parsed without one.
func (t *astTree) fileOrNil() any {
	if t.file == "" {
		return nil
	}
	return t.file
}

// astExtent is an IScriptExtent: a range of the source, in byte offsets.
type astExtent struct {
	t          *astTree
	start, end int
}

func (e *astExtent) text() string {
	s, en := e.t.clamp(e.start), e.t.clamp(e.end)
	if en < s {
		return ""
	}
	return e.t.src[s:en]
}

func (e *astExtent) PSString() string   { return e.text() }
func (e *astExtent) PSTypeName() string { return value.LanguageNS + "InternalScriptExtent" }
func (e *astExtent) PSTypeNames() []string {
	return []string{value.LanguageNS + "InternalScriptExtent", value.LanguageNS + "IScriptExtent", value.TObject}
}

const extentMembers = "File StartScriptPosition EndScriptPosition StartLineNumber StartColumnNumber " +
	"EndLineNumber EndColumnNumber Text StartOffset EndOffset"

func (e *astExtent) psPropertyNames() []string { return strings.Fields(extentMembers) }

func (e *astExtent) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "file":
		return e.t.fileOrNil(), true
	case "startscriptposition":
		return &astPosition{t: e.t, off: e.start}, true
	case "endscriptposition":
		return &astPosition{t: e.t, off: e.end}, true
	case "startlinenumber":
		l, _ := e.t.lineCol(e.start)
		return l, true
	case "startcolumnnumber":
		_, c := e.t.lineCol(e.start)
		return c, true
	case "endlinenumber":
		l, _ := e.t.lineCol(e.end)
		return l, true
	case "endcolumnnumber":
		_, c := e.t.lineCol(e.end)
		return c, true
	case "text":
		return e.text(), true
	case "startoffset":
		return e.t.charOffset(e.start), true
	case "endoffset":
		return e.t.charOffset(e.end), true
	}
	return nil, false
}

func (e *astExtent) psNotImplemented(string) string { return "" }

func (e *astExtent) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	return nil, notFoundMethod(e, name)
}

// astPosition is an IScriptPosition: a place in the source.
type astPosition struct {
	t   *astTree
	off int
}

func (p *astPosition) PSString() string {
	l, c := p.t.lineCol(p.off)
	return fmt.Sprintf("%d:%d", l, c)
}
func (p *astPosition) PSTypeName() string { return value.LanguageNS + "InternalScriptPosition" }
func (p *astPosition) PSTypeNames() []string {
	return []string{value.LanguageNS + "InternalScriptPosition", value.LanguageNS + "IScriptPosition", value.TObject}
}

func (p *astPosition) psPropertyNames() []string {
	return []string{"File", "LineNumber", "ColumnNumber", "Line", "Offset"}
}

func (p *astPosition) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "file":
		return p.t.fileOrNil(), true
	case "linenumber":
		l, _ := p.t.lineCol(p.off)
		return l, true
	case "columnnumber":
		_, c := p.t.lineCol(p.off)
		return c, true
	case "line":
		l, _ := p.t.lineCol(p.off)
		return p.t.lineText(l), true
	case "offset":
		return p.t.charOffset(p.off), true
	}
	return nil, false
}

func (p *astPosition) psNotImplemented(string) string { return "" }

func (p *astPosition) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	if strings.EqualFold(name, "GetFullScript") && len(args) == 0 {
		return p.t.src, nil
	}
	return nil, notFoundMethod(p, name)
}

// verboseMessage is the position part of a parse error's text, as
// PowerShell writes it: "At line:1 char:5", the line, and '~' under the
// extent, a long line cut down around the error
// (PositionUtilities.VerboseMessage; lengths count UTF-16 code units).
func verboseMessage(t *astTree, start, end int) string {
	file := t.file
	if file == "" {
		file = "line"
	}
	sl, sc := t.lineCol(start)
	el, ec := t.lineCol(end)
	line := utf16.Encode([]rune(strings.TrimRight(t.lineText(sl), " \t\r\n\f\v")))
	msg := ""
	if len(line) > 0 {
		before := sc - 1
		errLen := len(line) - sc + 1
		if sl == el && ec <= len(line)+1 {
			errLen = ec - sc
		}
		before = max(0, before)
		errLen = max(0, errLen)
		if containsTab(line) && before+errLen <= len(line) {
			b := expandTabs(line[:before])
			e := expandTabs(line[before : before+errLen])
			r := expandTabs(line[before+errLen:])
			line = append(append(append([]uint16{}, b...), e...), r...)
			before, errLen = len(b), len(e)
		}
		const maxLen = 69
		prefixDots, suffixDots := false, false
		if len(line) > maxLen {
			totalPrefix := before
			prefix := min(totalPrefix, 12)
			totalSuffix := len(line) - errLen - before
			suffix := min(totalSuffix, 8)
			candidate := prefix + errLen + suffix
			if candidate >= maxLen {
				if prefix+errLen >= maxLen {
					errLen = maxLen - prefix
				}
				suffixDots = true
			} else {
				if avail := totalPrefix - prefix; avail > 0 {
					prefix += min(avail, maxLen-candidate)
					candidate = prefix + errLen + suffix
				}
				if candidate < maxLen && totalSuffix > 0 {
					suffix += min(totalSuffix, maxLen-candidate)
				}
				suffixDots = suffix < totalSuffix
			}
			prefixDots = prefix < totalPrefix
			from := min(max(before-prefix, 0), len(line))
			line = line[from:min(from+maxLen, len(line))]
			before = min(before, prefix)
			errLen = min(errLen, maxLen-before)
		}
		var b strings.Builder
		if prefixDots {
			b.WriteString("\u2026 ")
		}
		b.WriteString(string(utf16.Decode(line)))
		if suffixDots {
			b.WriteString(" \u2026")
		}
		b.WriteString("\n+ ")
		pad := before
		if prefixDots {
			pad += 2
		}
		b.WriteString(strings.Repeat(" ", pad))
		b.WriteString(strings.Repeat("~", max(1, errLen)))
		msg = b.String()
	}
	return fmt.Sprintf("At %s:%d char:%d\n+ %s", file, sl, sc, msg)
}

func containsTab(s []uint16) bool {
	for _, c := range s {
		if c == '\t' {
			return true
		}
	}
	return false
}

// expandTabs writes each tab of s as four spaces.
func expandTabs(s []uint16) []uint16 {
	out := make([]uint16, 0, len(s))
	for _, c := range s {
		if c == '\t' {
			out = append(out, ' ', ' ', ' ', ' ')
			continue
		}
		out = append(out, c)
	}
	return out
}

// parseErrorObj is a ParseError of the parser API.
type parseErrorObj struct {
	t *astTree
	e *parser.Error
}

func (p *parseErrorObj) PSTypeName() string { return value.LanguageNS + "ParseError" }

// PSString is ParseError.ToString(): the position, then the message.
func (p *parseErrorObj) PSString() string {
	return verboseMessage(p.t, p.e.Pos.Offset, p.e.End.Offset) + "\n" + p.e.Msg
}

func (p *parseErrorObj) psPropertyNames() []string {
	return []string{"Extent", "ErrorId", "Message", "IncompleteInput"}
}

func (p *parseErrorObj) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "extent":
		return &astExtent{t: p.t, start: p.e.Pos.Offset, end: p.e.End.Offset}, true
	case "errorid":
		return p.e.ID, true
	case "message":
		return p.e.Msg, true
	case "incompleteinput":
		return p.e.IncompleteInput, true
	}
	return nil, false
}

func (p *parseErrorObj) psNotImplemented(string) string { return "" }

func (p *parseErrorObj) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	return nil, notFoundMethod(p, name)
}

// parseErrors returns the ParseError[] of a tree's errors.
func (t *astTree) parseErrors() *value.Array {
	items := make([]any, len(t.errs))
	for i, e := range t.errs {
		items[i] = &parseErrorObj{t: t, e: e}
	}
	return &value.Array{Items: items, Elem: value.LanguageNS + "ParseError"}
}

// parseMessage is the message of a ParseException: the errors (at most
// ten), each with its position.
func parseMessage(t *astTree) string {
	var parts []string
	for i, e := range t.errs {
		if i == 10 {
			parts = append(parts, "Not all parse errors were reported.  Correct the reported errors and try again.")
			break
		}
		parts = append(parts, (&parseErrorObj{t: t, e: e}).PSString())
	}
	return strings.Join(parts, "\n\n")
}

// parseFailure is the ParseException of a text with errors, which
// ScriptBlock.Create and Invoke-Expression throw.
type parseFailure struct{ t *astTree }

func (e *parseFailure) Error() string { return parseMessage(e.t) }

// exception returns the ParseException object: its Message, its Errors
// and its ErrorRecord, whose ErrorId is the first error's.
func (e *parseFailure) exception(pos parser.Pos, command string) *value.Object {
	o := value.NewObject("System.Management.Automation.ParseException", "System.Management.Automation.RuntimeException",
		"System.SystemException", "System.Exception", value.TObject)
	msg := parseMessage(e.t)
	o.Set("Message", msg)
	o.Set("Errors", e.t.parseErrors())
	first := e.t.errs[0]
	rec := &ErrorRecord{Pos: first.Pos, Command: command, ID: first.ID, Category: ParserError, Msg: msg,
		Exception: "System.Management.Automation.ParseException"}
	o.Set("ErrorRecord", rec)
	o.Set("InnerException", nil)
	o.Set("HResult", -2146233087)
	o.Set("Source", nil)
	o.Set("StackTrace", nil)
	o.Set("Data", value.NewHashtable())
	o.SetToString(msg)
	rec.Exc = o
	return o
}

// methodError is the error of a method call that threw the
// ParseException: a MethodInvocationException around it.
func (e *parseFailure) methodError(pos parser.Pos, name string, n int) error {
	inner := e.exception(pos, "")
	msg := fmt.Sprintf("Exception calling \"%s\" with \"%d\" argument(s): \"%s\"", name, n, parseMessage(e.t))
	o := value.NewObject("System.Management.Automation.MethodInvocationException", "System.Management.Automation.MethodException",
		"System.Management.Automation.RuntimeException", "System.SystemException", "System.Exception", value.TObject)
	rec := &ErrorRecord{Pos: pos, ID: "ParseException", Category: NotSpecified, Msg: msg,
		Exception: "System.Management.Automation.MethodInvocationException"}
	o.Set("Message", msg)
	o.Set("InnerException", inner)
	o.Set("ErrorRecord", rec)
	o.Set("HResult", -2146233087)
	o.Set("Source", nil)
	o.Set("StackTrace", nil)
	o.Set("Data", value.NewHashtable())
	o.SetToString(msg)
	rec.Exc = o
	return &psError{kind: statementTerminating, rec: rec}
}

// commandError is the error of a command that met the ParseException
// (Invoke-Expression): its record is the exception's.
func (e *parseFailure) commandError(c *Call) error {
	o := e.exception(c.Pos, c.cmd.Name)
	rec, _ := o.Get("ErrorRecord")
	r := rec.(*ErrorRecord)
	r.Pos = c.Pos
	return &psError{kind: statementTerminating, rec: r}
}
