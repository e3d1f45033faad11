package cmdlets

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/dlclark/regexp2"
)

// Select-String (Microsoft.PowerShell.Utility): finds text in strings and
// files, as pwsh's SelectStringCommand does. It writes MatchInfo objects
// (IgnoreCase, LineNumber, Line, Filename, Path, Pattern, Context,
// Matches) whose view is their line, relative to the current folder for a
// file (MatchInfo.format.ps1xml). Files are named by -Path (wildcards) or
// -LiteralPath through the providers, or piped as FileInfo objects, and
// read in -Encoding (a byte-order mark names its own).

func selectStringCmdlet() *Cmdlet {
	return &Cmdlet{
		Name: "Select-String", Synopsis: "Finds text in strings and files.",
		Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-string",
		Params: []*ParamDef{
			// pwsh has -Raw sets of its own (ObjectRaw, FileRaw,
			// LiteralFileRaw) where -Quiet is not allowed; the check is
			// in selectStringBegin
			{Name: "InputObject", Type: "object", Position: -1, Mandatory: true, Pipeline: true, AllowNull: true, AllowEmptyString: true,
				Sets: []string{"Object"}},
			mand(p("Pattern", "string[]", 0)),
			{Name: "Path", Type: "string[]", Position: 1, Mandatory: true, ByName: true, Sets: []string{"File"}},
			{Name: "LiteralPath", Type: "string[]", Position: -1, Mandatory: true, ByName: true, Aliases: []string{"PSPath", "LP"},
				Sets: []string{"LiteralFile"}},
			p("Raw", "switch", -1), p("SimpleMatch", "switch", -1), p("CaseSensitive", "switch", -1), p("Quiet", "switch", -1),
			p("List", "switch", -1), p("NoEmphasis", "switch", -1), p("Include", "string[]", -1), p("Exclude", "string[]", -1),
			p("NotMatch", "switch", -1), p("AllMatches", "switch", -1), p("Encoding", "object", -1), p("Context", "int[]", -1),
			p("Culture", "string", -1),
		},
		// pwsh's default set; piped input that binds -InputObject
		// chooses Object (or -LiteralPath by PSPath, LiteralFile)
		DefaultSet: "File",
		Begin:      selectStringBegin,
		Process:    selectStringProcess,
		End:        selectStringEnd,
	}
}

// selectStringState is what Select-String keeps: its patterns, and the
// context tracker and record count of the piped input.
type selectStringState struct {
	regexes     []*regexp2.Regexp
	enc         textenc.Encoding
	pre, post   int
	global      *matchTracker
	records     int
	done        bool
	wd          string
	turkishCase bool
}

// selectStringBegin checks the parameters and compiles the patterns.
func selectStringBegin(c *Call) error {
	if c.Has("Culture") && !c.Bool("SimpleMatch") {
		return c.Fail("CannotSpecifyCultureWithoutSimpleMatch", InvalidData, "You must specify -Culture parameter only with -SimpleMatch parameter.")
	}
	if c.Bool("Raw") && c.Bool("Quiet") {
		return bindError(BindAmbiguousSet, c.Pos, c.cmd.Name, "AmbiguousParameterSet", InvalidArgument,
			"Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.")
	}
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	st := &selectStringState{enc: enc}
	culture := strings.ToLower(c.String("Culture"))
	st.turkishCase = strings.HasPrefix(culture, "tr") || strings.HasPrefix(culture, "az")
	if ctx := value.AsSlice(c.Arg("Context")); len(ctx) > 0 {
		if len(ctx) > 2 {
			return c.FailBinding("ParameterArgumentValidationError",
				"Cannot validate argument on parameter 'Context'. The parameter requires at least 1 value(s) and no more than 2 value(s) - %d value(s) were provided.", len(ctx))
		}
		st.pre, _ = value.ToInt(ctx[0])
		st.post = st.pre
		if len(ctx) == 2 {
			st.post, _ = value.ToInt(ctx[1])
		}
		if st.pre < 0 || st.post < 0 {
			return c.FailBinding("ParameterArgumentValidationError",
				"Cannot validate argument on parameter 'Context'. The %d argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.", min(st.pre, st.post))
		}
	}
	if !c.Bool("SimpleMatch") {
		for _, pat := range c.Strings("Pattern") {
			re, err := c.s.compileRegex(pat, !c.Bool("CaseSensitive"))
			if err != nil {
				msg := err.Error()
				if i := strings.Index(msg, "': "); i >= 0 {
					msg = msg[i+3:]
				}
				return c.Fail("InvalidRegex", InvalidArgument, "The string %s is not a valid regular expression: %s", pat, msg)
			}
			st.regexes = append(st.regexes, re)
		}
	}
	// the view shows a file's path relative to the current folder
	if loc := c.s.currentLocation(); loc.prov == provFS {
		st.wd = loc.path
	}
	st.global = st.newTracker(c)
	c.State = st
	return nil
}

func (st *selectStringState) newTracker(c *Call) *matchTracker {
	if c.Bool("Raw") || st.pre == 0 && st.post == 0 {
		return &matchTracker{}
	}
	t := &matchTracker{pre: st.pre, post: st.post, context: true}
	t.displayReset()
	return t
}

// selectStringProcess searches the files of -Path or -LiteralPath, or the
// piped object (a string, a MatchInfo to filter, or any object as text).
func selectStringProcess(c *Call) error {
	st := c.State.(*selectStringState)
	if st.done {
		return nil
	}
	var files []psPath
	fromPath := c.Has("Path") || c.Has("LiteralPath")
	switch {
	case fromPath:
		for _, given := range c.givenPaths() {
			items, err := c.resolve(given, c.literal())
			if err != nil {
				if werr := c.writeProblem(err); werr != nil {
					return werr
				}
				continue
			}
			for _, it := range items {
				if it.prov == provFS && !c.s.isContainer(it) {
					files = append(files, it)
				}
			}
		}
	case !c.HasInput && !c.Has("InputObject"):
		return bindError(BindMissingMandatory, c.Pos, c.cmd.Name, "MissingMandatoryParameter", InvalidArgument,
			"Cannot process command because of one or more missing mandatory parameters: Path.")
	default:
		if o, ok := c.Arg("InputObject").(*value.Object); ok && o.TypeName() == "System.IO.FileInfo" {
			full, _ := o.Get("FullName")
			files = []psPath{{prov: provFS, path: value.ToString(full)}}
		}
	}
	if files != nil || fromPath {
		for _, f := range files {
			found, err := selectStringFile(c, st, f)
			if err != nil {
				return err
			}
			if c.Bool("Quiet") && found {
				return nil
			}
		}
		if c.Bool("Quiet") {
			if c.Bool("List") {
				return c.Write(nil)
			}
			return c.Write(false)
		}
		return nil
	}
	st.records++
	in := c.Arg("InputObject")
	var line string
	if prev, ok := in.(*value.Object); ok && prev.TypeName() == matchInfoType {
		// filter mode: match the line of an earlier MatchInfo
		l, _ := prev.Get("Line")
		line = value.ToString(l)
		if st.pre > 0 || st.post > 0 {
			st.pre, st.post = 0, 0
			st.global = st.newTracker(c)
			c.Warning("The option \"Context\" is not valid when searching results that are piped from Select-String output.")
		}
		m, err := selectStringMatch(c, st, line)
		if err != nil {
			return err
		}
		if m != nil {
			if err := c.Write(prev); err != nil {
				return err
			}
		}
		return nil
	}
	line = c.s.toString(in)
	if str, ok := in.(string); ok {
		line = str
	}
	m, err := selectStringMatch(c, st, line)
	if err != nil {
		return err
	}
	if m != nil {
		m.lineNumber = st.records
		st.global.trackMatch(m)
	} else {
		st.global.trackLine(line)
	}
	found, err := selectStringFlush(c, st, st.global)
	if err != nil {
		return err
	}
	if found && c.Bool("Quiet") {
		st.done = true
	}
	return nil
}

// selectStringEnd writes a match still collecting its context.
func selectStringEnd(c *Call) error {
	st, _ := c.State.(*selectStringState)
	if st == nil {
		return nil
	}
	st.global.trackEOF()
	if !st.done {
		_, err := selectStringFlush(c, st, st.global)
		return err
	}
	return nil
}

// selectStringFile searches a file line by line; -List and -Quiet stop at
// its first match. It reports whether the file matched. -Include and
// -Exclude filter the file names.
func selectStringFile(c *Call, st *selectStringState, f psPath) (bool, error) {
	if !c.keepsItem(f) {
		return false, nil
	}
	data, err := c.s.readFile(f.path)
	if err != nil {
		return false, c.WriteError(&ErrorRecord{ID: "ProcessingFile", Category: ReadError, Target: f.path, Exception: "System.IO.IOException",
			Msg: fmt.Sprintf("The file %s cannot be read: %s", f.path, fsErrorMessage(err, f.path))})
	}
	tr := st.newTracker(c)
	found := false
	for i, line := range readLines(st.enc.Decode(data)) {
		m, err := selectStringMatch(c, st, line)
		if err != nil {
			return found, err
		}
		if m != nil {
			m.path, m.hasPath, m.lineNumber, m.wd = f.path, true, i+1, st.wd
			tr.trackMatch(m)
		} else {
			tr.trackLine(line)
		}
		if len(tr.queue) > 0 {
			found = true
			if c.Bool("Quiet") || c.Bool("List") {
				break
			}
			if _, err := selectStringFlush(c, st, tr); err != nil {
				return found, err
			}
		}
	}
	tr.trackEOF()
	flushed, err := selectStringFlush(c, st, tr)
	return found || flushed, err
}

// selectStringMatch matches a line against the patterns (the first that
// matches wins; -NotMatch inverts) and returns its MatchInfo, or nil. A
// match that runs past the regex time limit is an error.
func selectStringMatch(c *Call, st *selectStringState, line string) (*matchInfo, error) {
	pats := c.Strings("Pattern")
	found, idx := false, 0
	var matches []any
	if !c.Bool("SimpleMatch") {
		for i, re := range st.regexes {
			m, err := re.FindStringMatch(line)
			if err != nil {
				return nil, c.Fail("RegexMatchTimeout", OperationStopped, "%s", err.Error())
			}
			if m == nil {
				continue
			}
			found, idx = true, i
			if c.Bool("AllMatches") && !c.Bool("NotMatch") {
				for m != nil {
					matches = append(matches, matchObject(re, m))
					if m, err = re.FindNextMatch(m); err != nil {
						return nil, c.Fail("RegexMatchTimeout", OperationStopped, "%s", err.Error())
					}
				}
			} else {
				matches = []any{matchObject(re, m)}
			}
			break
		}
	} else {
		for i, pat := range pats {
			if simpleIndex(line, pat, c.Bool("CaseSensitive"), st.turkishCase) {
				found, idx = true, i
				break
			}
		}
	}
	if c.Bool("NotMatch") {
		found, idx, matches = !found, 0, nil
	}
	if !found {
		return nil, nil
	}
	m := &matchInfo{line: line, pattern: pats[idx], ignoreCase: !c.Bool("CaseSensitive"), matches: matches}
	if st.pre > 0 || st.post > 0 {
		m.context = &matchContext{}
	}
	return m, nil
}

// simpleIndex reports whether pat occurs in line (-SimpleMatch),
// ignoring case unless cs, with Turkish casing for a Turkish -Culture.
func simpleIndex(line, pat string, cs, turkish bool) bool {
	if cs {
		return strings.Contains(line, pat)
	}
	if turkish {
		return strings.Contains(strings.ToLowerSpecial(unicode.TurkishCase, line), strings.ToLowerSpecial(unicode.TurkishCase, pat))
	}
	return strings.Contains(strings.ToLower(line), strings.ToLower(pat))
}

// selectStringFlush writes the matches whose context is complete: the
// lines for -Raw, $true for -Quiet, the first for -List, else the
// MatchInfo objects. It reports whether there were any.
func selectStringFlush(c *Call, st *selectStringState, tr *matchTracker) (bool, error) {
	if len(tr.queue) == 0 {
		return false, nil
	}
	queue := tr.queue
	tr.queue = nil
	switch {
	case c.Bool("Raw"):
		for _, m := range queue {
			if err := c.Write(m.line); err != nil {
				return true, err
			}
		}
	case c.Bool("Quiet") && !c.Bool("List"):
		return true, c.Write(true)
	case c.Bool("List"):
		return true, c.Write(queue[0].object())
	default:
		for _, m := range queue {
			if err := c.Write(m.object()); err != nil {
				return true, err
			}
		}
	}
	return true, nil
}

// matchInfoType is the type of Select-String's results.
const matchInfoType = "Microsoft.PowerShell.Commands.MatchInfo"

// matchInfo is a match of Select-String before it becomes an object.
type matchInfo struct {
	line, pattern string
	ignoreCase    bool
	lineNumber    int
	path, wd      string
	hasPath       bool
	matches       []any
	context       *matchContext
}

// matchContext is a match's -Context: the lines around it, and those the
// display shows (which stop at the previous and next match).
type matchContext struct {
	pre, post, displayPre, displayPost []string
}

// text is the MatchInfo's ToString(): "path:line:text" for a file (with
// dir, the path relative to it), the line alone for piped input; with
// -Context, the context lines around the match, marked "> " and "  ".
func (m *matchInfo) text(dir string) string {
	display := m.path
	if dir != "" && m.hasPath {
		display = relativeTo(m.path, dir)
	}
	format := func(line string, n int, prefix string) string {
		if m.hasPath {
			return fmt.Sprintf("%s%s:%d:%s", prefix, display, n, line)
		}
		return prefix + line
	}
	if m.context == nil {
		return format(m.line, m.lineNumber, "")
	}
	var lines []string
	n := m.lineNumber - len(m.context.displayPre)
	for _, l := range m.context.displayPre {
		lines = append(lines, format(l, n, "  "))
		n++
	}
	lines = append(lines, format(m.line, n, "> "))
	n++
	for _, l := range m.context.displayPost {
		lines = append(lines, format(l, n, "  "))
		n++
	}
	return strings.Join(lines, "\n")
}

// relativeTo is MatchInfo.RelativePath: path without the leading
// directory dir.
func relativeTo(path, dir string) string {
	if len(path) <= len(dir) || !strings.EqualFold(path[:len(dir)], dir) {
		return path
	}
	switch {
	case strings.HasSuffix(dir, "/") || strings.HasSuffix(dir, `\`):
		return path[len(dir):]
	case path[len(dir)] == '/' || path[len(dir)] == '\\':
		return path[len(dir)+1:]
	}
	return path
}

// object makes the MatchInfo object, which shows as its line relative to
// the working folder (pwsh's MatchInfo view).
func (m *matchInfo) object() *value.Object {
	o := value.NewObject(matchInfoType, "System.Object")
	o.Set("IgnoreCase", m.ignoreCase)
	o.Set("LineNumber", m.lineNumber)
	o.Set("Line", m.line)
	path, file := "InputStream", "InputStream"
	if m.hasPath {
		path, file = m.path, filepath.Base(m.path)
	}
	o.Set("Filename", file)
	o.Set("Path", path)
	o.Set("Pattern", m.pattern)
	var ctx any
	if m.context != nil {
		co := value.NewObject("Microsoft.PowerShell.Commands.MatchInfoContext", "System.Object")
		for _, p := range []struct {
			name  string
			lines []string
		}{{"PreContext", m.context.pre}, {"PostContext", m.context.post}, {"DisplayPreContext", m.context.displayPre}, {"DisplayPostContext", m.context.displayPost}} {
			items := make([]any, len(p.lines))
			for i, l := range p.lines {
				items[i] = l
			}
			co.Set(p.name, &value.Array{Items: items, Elem: value.TString})
		}
		ctx = co
	}
	o.Set("Context", ctx)
	matches := m.matches
	if matches == nil {
		matches = []any{}
	}
	o.Set("Matches", &value.Array{Items: matches, Elem: "System.Text.RegularExpressions.Match"})
	o.SetToString(m.text(""))
	o.View = func() string { return m.text(m.wd) }
	return o
}

// matchTracker collects the context of matches (pwsh's ContextTracker,
// which runs a display tracker and a logical tracker side by side) and
// queues the matches whose context is complete. Without context it
// queues each match at once.
type matchTracker struct {
	pre, post int
	context   bool
	queue     []*matchInfo
	// the display context: the lines before the next match, and the match
	// collecting the lines after it
	state       int // 0 initial, 1 collecting before, 2 collecting after
	displayPre  []string
	displayPost []string
	current     *matchInfo
	// the logical context: the last pre+post+1 lines or matches
	window      []trackedLine
	preEmitted  bool
	logicalOnly []*matchInfo
}

// trackedLine is a line of the logical context, or a match.
type trackedLine struct {
	line  string
	match *matchInfo
}

func (t *trackedLine) text() string {
	if t.match != nil {
		return t.match.line
	}
	return t.line
}

func (t *matchTracker) trackLine(line string) {
	if !t.context {
		return
	}
	t.displayLine(line)
	t.logical(trackedLine{line: line})
}

func (t *matchTracker) trackMatch(m *matchInfo) {
	if !t.context {
		t.queue = append(t.queue, m)
		return
	}
	t.displayMatch(m)
	t.logical(trackedLine{match: m})
}

func (t *matchTracker) trackEOF() {
	if !t.context {
		return
	}
	if t.state == 2 {
		t.displayDone()
	}
	start := 0
	if len(t.window) == t.pre+t.post+1 {
		start = t.pre + 1
	}
	t.emitRange(start, len(t.window)-1)
}

func (t *matchTracker) displayReset() {
	t.state = 0
	if t.pre > 0 {
		t.state = 1
	}
	t.displayPre, t.displayPost, t.current = nil, nil, nil
}

func (t *matchTracker) displayLine(line string) {
	switch t.state {
	case 1:
		t.displayPre = appendWindow(t.displayPre, line, t.pre)
	case 2:
		t.displayPost = append(t.displayPost, line)
		if len(t.displayPost) >= t.post {
			t.displayDone()
		}
	}
}

func (t *matchTracker) displayMatch(m *matchInfo) {
	if t.state == 2 {
		t.displayDone()
	}
	t.current = m
	if t.post > 0 {
		t.state = 2
		return
	}
	t.displayDone()
}

// displayDone gives the match its display context.
func (t *matchTracker) displayDone() {
	if t.current != nil && t.current.context != nil {
		t.current.context.displayPre = append([]string{}, t.displayPre...)
		t.current.context.displayPost = append([]string{}, t.displayPost...)
	}
	t.displayReset()
}

// appendWindow adds line to the last n lines.
func appendWindow(lines []string, line string, n int) []string {
	lines = append(lines, line)
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines
}

func (t *matchTracker) logical(e trackedLine) {
	size := t.pre + t.post + 1
	t.window = append(t.window, e)
	if len(t.window) > size {
		t.window = t.window[len(t.window)-size:]
	}
	if len(t.window) == size {
		if t.preEmitted {
			t.emitRange(t.pre, t.pre)
		} else {
			t.emitRange(0, t.pre)
			t.preEmitted = true
		}
	}
}

// emitRange queues the matches of the window from start to end, with
// their logical context.
func (t *matchTracker) emitRange(start, end int) {
	for i := start; i <= end; i++ {
		m := t.window[i].match
		if m == nil {
			continue
		}
		preStart := max(i-t.pre, 0)
		postLen := min(t.post, len(t.window)-i-1)
		if m.context != nil {
			m.context.pre = windowText(t.window[preStart:i])
			m.context.post = windowText(t.window[i+1 : i+1+postLen])
		}
		t.queue = append(t.queue, m)
	}
}

func windowText(lines []trackedLine) []string {
	out := make([]string, len(lines))
	for i := range lines {
		out[i] = lines[i].text()
	}
	return out
}
