package cmdlets

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/dlclark/regexp2"
)

// textCmdlets are the cmdlets that compare, search and join objects and
// text: Compare-Object, Select-String, Join-String and Tee-Object.
func textCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Compare-Object", Synopsis: "Compares two sets of objects.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/compare-object",
			Params: []*ParamDef{mand(p("ReferenceObject", "object[]", 0)), mand(pipe(p("DifferenceObject", "object[]", 1))),
				p("SyncWindow", "int", -1), p("Property", "object[]", -1), p("ExcludeDifferent", "switch", -1),
				p("IncludeEqual", "switch", -1), p("PassThru", "switch", -1), p("Culture", "string", -1), p("CaseSensitive", "switch", -1)},
			Process: compareObjectProcess,
			End:     compareObjectEnd,
		},
		{
			Name: "Select-String", Synopsis: "Finds text in strings and files.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-string",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), mand(p("Pattern", "string[]", 0)),
				byName(p("Path", "string[]", 1)), byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP")),
				p("Raw", "switch", -1), p("SimpleMatch", "switch", -1), p("CaseSensitive", "switch", -1), p("Quiet", "switch", -1),
				p("List", "switch", -1), p("NoEmphasis", "switch", -1), p("Include", "string[]", -1), p("Exclude", "string[]", -1),
				p("NotMatch", "switch", -1), p("AllMatches", "switch", -1), p("Encoding", "string", -1), p("Context", "int[]", -1),
				p("Culture", "string", -1)},
			Begin:   selectStringBegin,
			Process: selectStringProcess,
			End:     selectStringEnd,
		},
		{
			Name: "Join-String", Synopsis: "Combines objects from the pipeline into a single string.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/join-string",
			Params: []*ParamDef{p("Property", "object", 0), p("Separator", "string", 1), alias(p("OutputPrefix", "string", -1), "op"),
				alias(p("OutputSuffix", "string", -1), "os"), sets(p("SingleQuote", "switch", -1), "SingleQuote"),
				sets(p("DoubleQuote", "switch", -1), "DoubleQuote"), sets(p("FormatString", "string", -1), "Format"),
				p("UseCulture", "switch", -1), pipe(p("InputObject", "object[]", -1))},
			DefaultSet: "default",
			Process:    joinStringProcess,
			End:        joinStringEnd,
		},
		{
			Name: "Tee-Object", Synopsis: "Saves command output in a file or variable and also sends it down the pipeline.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/tee-object", Writes: true,
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), sets(mand(alias(p("FilePath", "string", 0), "Path")), "File"),
				sets(mand(alias(p("LiteralPath", "string", -1), "PSPath", "LP")), "LiteralFile"), sets(p("Append", "switch", -1), "File"),
				sets(p("Encoding", "string", -1), "File", "LiteralFile"), sets(mand(p("Variable", "string", -1)), "Variable")},
			DefaultSet: "File",
			Begin:      teeObjectBegin,
			Process:    teeObjectProcess,
			End:        teeObjectEnd,
		},
	}
}

// checkEncoding accepts the -Encoding values whose text csemu reads and
// writes (UTF-8, and ASCII, which is the same for its characters) and
// refuses the others as not emulated.
func checkEncoding(c *Call) error {
	if !c.Has("Encoding") {
		return nil
	}
	switch strings.ToLower(c.String("Encoding")) {
	case "utf8", "utf-8", "utf8nobom", "utf8bom", "ascii", "default", "oem", "65001":
		return nil
	}
	return notImplemented(c.Pos, c.cmd.Name, "-Encoding "+c.String("Encoding"))
}

// compareEntry is an object of Compare-Object with the values it is
// compared by.
type compareEntry struct {
	in   any
	vals []any
}

// compareState is Compare-Object's work: the reference entries, the
// backlogs of unmatched entries of each side (SyncWindow), pwsh's
// CompareObjectCommand.
type compareState struct {
	keys       []sortKey
	ref        []*compareEntry
	refIndex   int
	refBacklog []*compareEntry
	difBacklog []*compareEntry
	started    bool
}

// compareObjectProcess compares the difference objects of one record with
// the reference objects, as pwsh does: an object matches the reference
// object at the same place, or one within -SyncWindow of it that is still
// unmatched; matches show with "==" (with -IncludeEqual, or
// -ExcludeDifferent), the others "<=" (reference only) or "=>"
// (difference only).
func compareObjectProcess(c *Call) error {
	st, _ := c.State.(*compareState)
	if st == nil {
		keys, err := sortKeys(c)
		if err != nil {
			return err
		}
		st = &compareState{keys: keys}
		c.State = st
	}
	ref := value.AsSlice(c.Arg("ReferenceObject"))
	dif := value.AsSlice(c.Arg("DifferenceObject"))
	if len(ref) == 0 {
		for _, d := range dif {
			e, err := compareEntryOf(c, st, d)
			if err != nil {
				return err
			}
			if err := compareEmit(c, st, e, "=>"); err != nil {
				return err
			}
		}
		return nil
	}
	if !st.started {
		st.started = true
		for _, r := range ref {
			e, err := compareEntryOf(c, st, r)
			if err != nil {
				return err
			}
			st.ref = append(st.ref, e)
		}
	}
	if len(dif) == 0 {
		return compareStep(c, st, nil)
	}
	for _, d := range dif {
		e, err := compareEntryOf(c, st, d)
		if err != nil {
			return err
		}
		if err := compareStep(c, st, e); err != nil {
			return err
		}
	}
	return nil
}

// compareObjectEnd matches the reference objects left and writes the
// backlogs.
func compareObjectEnd(c *Call) error {
	st, _ := c.State.(*compareState)
	if st == nil {
		return nil
	}
	for st.refIndex < len(st.ref) {
		if err := compareStep(c, st, nil); err != nil {
			return err
		}
	}
	for _, e := range st.difBacklog {
		if err := compareEmit(c, st, e, "=>"); err != nil {
			return err
		}
	}
	st.difBacklog = nil
	for _, e := range st.refBacklog {
		if err := compareEmit(c, st, e, "<="); err != nil {
			return err
		}
	}
	st.refBacklog = nil
	return nil
}

func compareEntryOf(c *Call, st *compareState, in any) (*compareEntry, error) {
	e := &compareEntry{in: in}
	if len(st.keys) == 0 {
		e.vals = []any{in}
		return e, nil
	}
	for _, k := range st.keys {
		v, err := k.get(c, in)
		if err != nil {
			return nil, err
		}
		e.vals = append(e.vals, v)
	}
	return e, nil
}

func compareEqual(c *Call, a, b *compareEntry) bool {
	cs := c.Bool("CaseSensitive")
	for i := range a.vals {
		if sortCompare(a.vals[i], b.vals[i], cs) != 0 {
			return false
		}
	}
	return true
}

// compareStep is CompareObjectCommand.Process for one difference entry
// (or none).
func compareStep(c *Call, st *compareState, dif *compareEntry) error {
	var ref *compareEntry
	if st.refIndex < len(st.ref) {
		ref = st.ref[st.refIndex]
		st.refIndex++
	}
	if ref != nil && dif != nil && compareEqual(c, ref, dif) {
		return compareEmit(c, st, ref, "==")
	}
	if m := compareMatchAndRemove(c, dif, &st.refBacklog); m != nil {
		if err := compareEmit(c, st, m, "=="); err != nil {
			return err
		}
		dif = nil
	}
	if m := compareMatchAndRemove(c, ref, &st.difBacklog); m != nil {
		if err := compareEmit(c, st, ref, "=="); err != nil {
			return err
		}
		ref = nil
	}
	window := c.Int("SyncWindow", int(^uint(0)>>1))
	if window < 0 {
		return c.FailBinding("ParameterArgumentValidationError",
			"Cannot validate argument on parameter 'SyncWindow'. The %d argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.", window)
	}
	if dif != nil {
		if window > 0 {
			for len(st.difBacklog) >= window {
				if err := compareEmit(c, st, st.difBacklog[0], "=>"); err != nil {
					return err
				}
				st.difBacklog = st.difBacklog[1:]
			}
			st.difBacklog = append(st.difBacklog, dif)
		} else if err := compareEmit(c, st, dif, "=>"); err != nil {
			return err
		}
	}
	if ref != nil {
		if window > 0 {
			for len(st.refBacklog) >= window {
				if err := compareEmit(c, st, st.refBacklog[0], "<="); err != nil {
					return err
				}
				st.refBacklog = st.refBacklog[1:]
			}
			st.refBacklog = append(st.refBacklog, ref)
		} else if err := compareEmit(c, st, ref, "<="); err != nil {
			return err
		}
	}
	return nil
}

func compareMatchAndRemove(c *Call, e *compareEntry, list *[]*compareEntry) *compareEntry {
	if e == nil {
		return nil
	}
	for i, it := range *list {
		if compareEqual(c, e, it) {
			*list = append((*list)[:i:i], (*list)[i+1:]...)
			return it
		}
	}
	return nil
}

// compareEmit writes an entry with its side: the object itself with
// -PassThru (a SideIndicator added to an object that has properties), or
// an object of InputObject (or the -Property values) and SideIndicator.
// -ExcludeDifferent drops the differences and shows the matches, unless
// -IncludeEqual:$false.
func compareEmit(c *Call, st *compareState, e *compareEntry, side string) error {
	includeEqual := c.Bool("IncludeEqual")
	if c.Bool("ExcludeDifferent") && !c.Has("IncludeEqual") {
		includeEqual = true
	}
	if side == "==" && !includeEqual || side != "==" && c.Bool("ExcludeDifferent") {
		return nil
	}
	if c.Bool("PassThru") {
		if o, ok := e.in.(*value.Object); ok {
			o.Set("SideIndicator", side)
		}
		return c.Write(e.in)
	}
	out := value.NewObject()
	if len(st.keys) == 0 {
		out.Set("InputObject", e.in)
	} else {
		for i, k := range st.keys {
			name := k.name
			switch x := k.expr.(type) {
			case *ScriptBlock:
				name = x.Text
			case nil:
			default:
				name = value.ToString(x)
			}
			if _, dup := out.Prop(name); !dup {
				out.Set(name, e.vals[i])
			}
		}
	}
	out.Remove("SideIndicator")
	out.Set("SideIndicator", side)
	return c.Write(out)
}

// selectStringState is what Select-String keeps: its patterns, and the
// context tracker and record count of the piped input.
type selectStringState struct {
	regexes     []*regexp2.Regexp
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
	if err := checkEncoding(c); err != nil {
		return err
	}
	st := &selectStringState{}
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
	st.wd, _ = c.s.host.wd()
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
	var files []string
	fromPath := false
	switch {
	case c.Has("Path") || c.Has("LiteralPath"):
		fromPath = true
		var err error
		if files, err = c.s.resolveFilePaths(c, c.Strings("Path"), c.Strings("LiteralPath")); err != nil {
			return err
		}
	case !c.HasInput && !c.Has("InputObject"):
		return bindError(BindMissingMandatory, c.Pos, c.cmd.Name, "MissingMandatoryParameter", InvalidArgument,
			"Cannot process command because of one or more missing mandatory parameters: Path.")
	default:
		if o, ok := c.Arg("InputObject").(*value.Object); ok && o.TypeName() == "System.IO.FileInfo" {
			full, _ := o.Get("FullName")
			files = []string{value.ToString(full)}
		}
	}
	if files != nil || fromPath {
		for _, f := range files {
			if fromPath {
				if info, err := c.s.host.files.Stat(f); err == nil && info.IsDir() {
					continue
				}
			}
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
	var m *matchInfo
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
		if selectStringMatch(c, st, line) != nil {
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
	if m = selectStringMatch(c, st, line); m != nil {
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
// its first match. It reports whether the file matched.
func selectStringFile(c *Call, st *selectStringState, path string) (bool, error) {
	if !selectStringIncluded(c, path) {
		return false, nil
	}
	text, err := c.s.readFileText(path)
	if err != nil {
		return false, c.Errorf("ProcessingFile", InvalidArgument, path, "The file %s cannot be read: %s", path, err.Error())
	}
	tr := st.newTracker(c)
	found := false
	for i, line := range splitLines(text) {
		if m := selectStringMatch(c, st, line); m != nil {
			m.path, m.hasPath, m.lineNumber, m.wd = path, true, i+1, st.wd
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

// selectStringIncluded applies -Include and -Exclude to a file name.
func selectStringIncluded(c *Call, path string) bool {
	if inc := c.Strings("Include"); len(inc) > 0 {
		ok := false
		for _, pat := range inc {
			if value.Like(path, pat, false) || value.Like(filepath.Base(path), pat, false) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	for _, pat := range c.Strings("Exclude") {
		if value.Like(path, pat, false) || value.Like(filepath.Base(path), pat, false) {
			return false
		}
	}
	return true
}

// selectStringMatch matches a line against the patterns (the first that
// matches wins; -NotMatch inverts) and returns its MatchInfo, or nil.
func selectStringMatch(c *Call, st *selectStringState, line string) *matchInfo {
	pats := c.Strings("Pattern")
	found, idx := false, 0
	var matches []any
	if !c.Bool("SimpleMatch") {
		for i, re := range st.regexes {
			m, err := re.FindStringMatch(line)
			if err != nil || m == nil {
				continue
			}
			found, idx = true, i
			if c.Bool("AllMatches") && !c.Bool("NotMatch") {
				for ; m != nil; m, _ = re.FindNextMatch(m) {
					matches = append(matches, matchObject(re, m))
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
		return nil
	}
	m := &matchInfo{line: line, pattern: pats[idx], ignoreCase: !c.Bool("CaseSensitive"), matches: matches}
	if st.pre > 0 || st.post > 0 {
		m.context = &matchContext{}
	}
	return m
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
	o.Set("Matches", &value.Array{Items: matches})
	o.Set("ToStringValue", m.text(""))
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

// resolveFilePaths returns the files of -Path (where a wildcard in the
// last element matches the names of its folder) or -LiteralPath, as full
// paths. A path without a wildcard that does not exist is an error.
func (s *Session) resolveFilePaths(c *Call, paths, literal []string) ([]string, error) {
	var out []string
	for _, p := range literal {
		full, err := s.fullPath(nativePath(p))
		if err != nil {
			return nil, err
		}
		out = append(out, full)
	}
	for _, p := range paths {
		native := nativePath(p)
		dir, base := filepath.Split(native)
		if value.HasWildcard(dir) {
			return nil, notImplemented(c.Pos, c.cmd.Name, "a wildcard in a folder of -Path")
		}
		if !value.HasWildcard(base) {
			if _, err := s.host.files.Stat(native); err != nil {
				return nil, c.Fail("PathNotFound", ObjectNotFound, "Cannot find path '%s' because it does not exist.", p)
			}
			full, err := s.fullPath(native)
			if err != nil {
				return nil, err
			}
			out = append(out, full)
			continue
		}
		folder := dir
		if folder == "" {
			folder = "."
		}
		entries, _ := s.host.files.ReadDir(folder)
		for _, e := range entries {
			if value.Like(e.Name(), base, false) {
				full, err := s.fullPath(filepath.Join(folder, e.Name()))
				if err != nil {
					return nil, err
				}
				out = append(out, full)
			}
		}
	}
	return out, nil
}

// joinStringState is what Join-String keeps between records.
type joinStringState struct {
	b     strings.Builder
	first bool
}

// joinStringProcess adds each input object (or its -Property) as text, in
// quotes or through -FormatString, after the separator (-Separator, else
// $OFS, else none); $null objects are skipped (Join-String's page).
func joinStringProcess(c *Call) error {
	st, _ := c.State.(*joinStringState)
	if st == nil {
		st = &joinStringState{first: true}
		st.b.WriteString(c.String("OutputPrefix"))
		c.State = st
	}
	if !c.HasInput && !c.Has("InputObject") {
		return nil
	}
	sep := c.String("Separator")
	if !c.Has("Separator") || c.Arg("Separator") == nil {
		sep = ""
		if ofs, ok := c.s.getVar(c.fr.scope, "OFS"); ok && ofs != nil {
			sep = value.ToString(ofs)
		}
	}
	for _, in := range value.AsSlice(c.Arg("InputObject")) {
		if in == nil {
			continue
		}
		v := in
		switch pr := c.Arg("Property").(type) {
		case nil:
		case *ScriptBlock:
			r, err := c.s.invokeScriptBlockValue(c.fr, pr, in, nil, true)
			if err != nil {
				return err
			}
			v = r
		default:
			v = nil
			name := value.ToString(pr)
			for _, n := range propertyNames(in) {
				if value.Like(n, name, false) {
					v, _ = c.s.getMember(in, n)
					break
				}
			}
			if v == nil {
				v, _ = c.s.getMember(in, name)
			}
		}
		text := c.s.toString(v)
		if t, ok := v.(time.Time); ok && c.Bool("UseCulture") {
			// the current culture (en-US) instead of the invariant one
			text = t.Format("1/2/2006 3:04:05 PM")
		}
		if !st.first {
			st.b.WriteString(sep)
		}
		st.first = false
		switch {
		case c.Bool("SingleQuote"):
			st.b.WriteString("'" + text + "'")
		case c.Bool("DoubleQuote"):
			st.b.WriteString(`"` + text + `"`)
		case c.String("FormatString") != "":
			f, err := value.FormatComposite(c.String("FormatString"), []any{v})
			if err != nil {
				return c.Fail("FormatError", InvalidArgument, "%s", err.Error())
			}
			st.b.WriteString(f)
		default:
			st.b.WriteString(text)
		}
	}
	return nil
}

// joinStringEnd writes the string.
func joinStringEnd(c *Call) error {
	st, _ := c.State.(*joinStringState)
	if st == nil {
		st = &joinStringState{}
		st.b.WriteString(c.String("OutputPrefix"))
	}
	st.b.WriteString(c.String("OutputSuffix"))
	return c.Write(st.b.String())
}

// teeObjectBegin checks -Encoding.
func teeObjectBegin(c *Call) error {
	c.State = []any{}
	return checkEncoding(c)
}

// teeObjectProcess keeps each input object and sends it on.
func teeObjectProcess(c *Call) error {
	if !c.HasInput && !c.Has("InputObject") {
		return nil
	}
	in := c.Arg("InputObject")
	c.State = append(c.State.([]any), in)
	return c.Write(in)
}

// teeObjectEnd writes what went through to the file, as Out-File does
// (through the session's files, so it needs --allow-write), or sets the
// variable as Set-Variable does with values from the pipeline.
func teeObjectEnd(c *Call) error {
	items, _ := c.State.([]any)
	if c.Has("Variable") {
		return c.s.setRedirectedVariable(c.fr, c.Pos, c.String("Variable"), items, false)
	}
	path := c.String("FilePath")
	if c.Has("LiteralPath") {
		path = c.String("LiteralPath")
	}
	var buf bytes.Buffer
	if err := format.Default(&buf, c.s.displayable(fileRecords(items)), c.s.width); err != nil {
		return err
	}
	return c.s.writeFile(c.fr, c.Pos, "Tee-Object", path, buf.Bytes(), c.Bool("Append"))
}
