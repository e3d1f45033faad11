package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/dlclark/regexp2"
)

// Select-String (Microsoft.PowerShell.Utility): finds text in strings and
// files. It writes MatchInfo objects (IgnoreCase, LineNumber, Line,
// Filename, Path, Pattern, Context, Matches), as pwsh's SelectStringCommand
// does; files are read in -Encoding (a byte-order mark names its own).

const typeMatchInfo = "Microsoft.PowerShell.Commands.MatchInfo"

func selectStringCmdlet() *Cmdlet {
	return &Cmdlet{
		Name: "Select-String", Synopsis: "Finds text in strings and files.",
		Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-string",
		Params: []*ParamDef{
			// pwsh has -Raw sets of its own (ObjectRaw, FileRaw,
			// LiteralFileRaw) where -Quiet is not allowed; the check is
			// in selectStringBegin
			{Name: "InputObject", Type: "object", Position: -1, Mandatory: true, Pipeline: true, AllowNull: true, Sets: []string{"Object"}},
			mand(p("Pattern", "string[]", 0)),
			{Name: "Path", Type: "string[]", Position: 1, Mandatory: true, ByName: true, Sets: []string{"File"}},
			{Name: "LiteralPath", Type: "string[]", Position: -1, Mandatory: true, ByName: true, Aliases: []string{"PSPath", "LP"}, Sets: []string{"LiteralFile"}},
			p("Raw", "switch", -1), p("SimpleMatch", "switch", -1), p("CaseSensitive", "switch", -1), p("Quiet", "switch", -1),
			p("List", "switch", -1), p("NoEmphasis", "switch", -1), p("Include", "string[]", -1), p("Exclude", "string[]", -1),
			p("NotMatch", "switch", -1), p("AllMatches", "switch", -1), p("Encoding", "object", -1), p("Context", "int[]", -1),
			p("Culture", "string", -1),
		},
		// pwsh's default set is File; with pipeline input its binder
		// chooses Object, which csemu's takes as the default
		DefaultSet: "Object",
		Begin:      selectStringBegin,
		Process:    selectStringProcess,
		End:        selectStringEnd,
	}
}

// selectStringState is what Select-String keeps between input objects.
type selectStringState struct {
	regexes   []*regexp2.Regexp
	enc       textenc.Encoding
	pre, post int
	record    int
	input     *matchTracker // the tracker of pipeline input
	done      bool
}

func selectStringBegin(c *Call) error {
	st := &selectStringState{}
	c.State = st
	if c.Bool("Raw") && c.Bool("Quiet") {
		return bindError(BindAmbiguousSet, c.Pos, c.cmd.Name, "AmbiguousParameterSet", InvalidArgument,
			"Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.")
	}
	patterns := c.Strings("Pattern")
	if c.Has("Culture") {
		switch strings.ToLower(c.String("Culture")) {
		case "ordinal", "invariant", "current", "en-us":
		default:
			return notImplemented(c.Pos, c.cmd.Name, "Select-String -Culture "+c.String("Culture")+" (csemu compares as en-US)")
		}
	}
	if !c.Bool("SimpleMatch") {
		for _, pat := range patterns {
			re, err := c.s.compileRegex(pat, !c.Bool("CaseSensitive"))
			if err != nil {
				return c.Fail("InvalidRegex", InvalidArgument, "The string %s is not a valid regular expression: %s", pat, err.Error())
			}
			st.regexes = append(st.regexes, re)
		}
	}
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	st.enc = enc
	if ctx := value.AsSlice(c.Arg("Context")); len(ctx) > 0 {
		if len(ctx) > 2 {
			return c.FailBinding("ParameterArgumentValidationError", "Cannot validate argument on parameter 'Context'. The parameter requires at least 1 value(s) and no more than 2 value(s) - %d value(s) were provided.", len(ctx))
		}
		st.pre, _ = value.ToInt(ctx[0])
		st.post = st.pre
		if len(ctx) == 2 {
			st.post, _ = value.ToInt(ctx[1])
		}
		if st.pre < 0 || st.post < 0 {
			return c.FailBinding("ParameterArgumentValidationError", "Cannot validate argument on parameter 'Context'. The argument cannot be negative.")
		}
	}
	st.input = &matchTracker{pre: st.pre, post: st.post}
	return nil
}

// matchTracker keeps the context lines around matches (pwsh's
// ContextTracker): a match waits in the queue until its post-context is
// read.
type matchTracker struct {
	pre, post int
	before    []string // the last lines before the next match
	pending   []*trackedMatch
	queue     []*value.Object
}

type trackedMatch struct {
	obj       *value.Object
	pre, post []string
}

func (t *matchTracker) trackMatch(o *value.Object) {
	t.feedPost(nil)
	m := &trackedMatch{obj: o, pre: append([]string(nil), t.before...)}
	t.before = t.before[:0]
	if t.post == 0 {
		t.finish(m)
		return
	}
	t.pending = append(t.pending, m)
}

func (t *matchTracker) trackLine(line string) {
	t.feedPost(&line)
	if t.pre > 0 {
		t.before = append(t.before, line)
		if len(t.before) > t.pre {
			t.before = t.before[1:]
		}
	}
}

// feedPost gives a line (nil for a match) to the matches waiting for
// their post-context.
func (t *matchTracker) feedPost(line *string) {
	var still []*trackedMatch
	for _, m := range t.pending {
		if line != nil {
			m.post = append(m.post, *line)
		}
		if line == nil || len(m.post) >= t.post {
			t.finish(m)
			continue
		}
		still = append(still, m)
	}
	t.pending = still
}

// eof ends the input: the matches still waiting are done.
func (t *matchTracker) eof() {
	for _, m := range t.pending {
		t.finish(m)
	}
	t.pending = nil
}

func (t *matchTracker) finish(m *trackedMatch) {
	if t.pre > 0 || t.post > 0 {
		ctx := value.NewObject("Microsoft.PowerShell.Commands.MatchInfoContext", "System.Object")
		ctx.Set("PreContext", strArray(m.pre...))
		ctx.Set("PostContext", strArray(m.post...))
		ctx.Set("DisplayPreContext", strArray(m.pre...))
		ctx.Set("DisplayPostContext", strArray(m.post...))
		m.obj.Set("Context", ctx)
		setMatchString(m.obj, m.pre, m.post)
	}
	t.queue = append(t.queue, m.obj)
}

// setMatchString sets the string form of a MatchInfo
// (MatchInfo.ToString): "path:line:text" for a file, the line for input,
// with its context lines ("> " marks the match, "  " the context).
func setMatchString(o *value.Object, pre, post []string) {
	line, _ := o.Get("Line")
	path, _ := o.Get("Path")
	n, _ := value.ToInt(getOr(o, "LineNumber"))
	fromFile := value.ToString(path) != "InputStream"
	format := func(prefix, text string, num int) string {
		if fromFile {
			return fmt.Sprintf("%s%s:%d:%s", prefix, value.ToString(path), num, text)
		}
		return prefix + text
	}
	if pre == nil && post == nil {
		o.Set("ToStringValue", format("", value.ToString(line), n))
		return
	}
	var lines []string
	num := n - len(pre)
	for _, l := range pre {
		lines = append(lines, format("  ", l, num))
		num++
	}
	lines = append(lines, format("> ", value.ToString(line), num))
	num++
	for _, l := range post {
		lines = append(lines, format("  ", l, num))
		num++
	}
	o.Set("ToStringValue", strings.Join(lines, "\n"))
}

func getOr(o *value.Object, name string) any {
	v, _ := o.Get(name)
	return v
}

// match tests one line against the patterns, returning the MatchInfo of a
// match (with -NotMatch, of a line that matches none).
func (c *Call) match(st *selectStringState, line string) (*value.Object, error) {
	matched := false
	patternIndex := 0
	var matches []any
	patterns := c.Strings("Pattern")
	if c.Bool("SimpleMatch") {
		for i, pat := range patterns {
			hay, needle := line, pat
			if !c.Bool("CaseSensitive") {
				hay, needle = strings.ToLower(hay), strings.ToLower(needle)
			}
			if strings.Contains(hay, needle) {
				matched, patternIndex = true, i
				break
			}
		}
	} else {
		for i, re := range st.regexes {
			m, err := re.FindStringMatch(line)
			if err != nil {
				return nil, c.Fail("RegexMatchTimeout", OperationStopped, "%s", err.Error())
			}
			if m == nil {
				continue
			}
			matched, patternIndex = true, i
			if !c.Bool("NotMatch") {
				for m != nil {
					matches = append(matches, matchObject(re, m))
					if !c.Bool("AllMatches") {
						break
					}
					if m, err = re.FindNextMatch(m); err != nil {
						return nil, c.Fail("RegexMatchTimeout", OperationStopped, "%s", err.Error())
					}
				}
			}
			break
		}
	}
	if c.Bool("NotMatch") {
		matched, patternIndex, matches = !matched, 0, nil
	}
	if !matched {
		return nil, nil
	}
	o := value.NewObject(typeMatchInfo, "System.Object")
	o.Set("IgnoreCase", !c.Bool("CaseSensitive"))
	o.Set("LineNumber", 0)
	o.Set("Line", line)
	o.Set("Filename", "InputStream")
	o.Set("Path", "InputStream")
	o.Set("Pattern", patterns[patternIndex])
	o.Set("Context", nil)
	o.Set("Matches", &value.Array{Items: matches, Elem: "System.Text.RegularExpressions.Match"})
	return o, nil
}

// flush writes what the tracker queued: the matching lines with -Raw,
// True with -Quiet, the first match with -List, else the MatchInfos. It
// reports whether it wrote anything.
func (c *Call) flush(t *matchTracker) (bool, error) {
	if len(t.queue) == 0 {
		return false, nil
	}
	queue := t.queue
	t.queue = nil
	switch {
	case c.Bool("Raw"):
		for _, m := range queue {
			line, _ := m.Get("Line")
			if err := c.Write(line); err != nil {
				return true, err
			}
		}
	case c.Bool("Quiet") && !c.Bool("List"):
		return true, c.Write(true)
	case c.Bool("List"):
		return true, c.Write(queue[0])
	default:
		for _, m := range queue {
			if err := c.Write(m); err != nil {
				return true, err
			}
		}
	}
	return true, nil
}

func selectStringProcess(c *Call) error {
	st := c.State.(*selectStringState)
	if st.done {
		return nil
	}
	var files []psPath
	fromPaths := c.Has("Path") || c.Has("LiteralPath")
	if fromPaths {
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
	} else if o, ok := c.Arg("InputObject").(*value.Object); ok && o.TypeName() == "System.IO.FileInfo" {
		full, _ := o.Get("FullName")
		files = []psPath{{prov: provFS, path: value.ToString(full)}}
	}
	if files != nil || fromPaths {
		for _, f := range files {
			found, err := c.selectInFile(st, f)
			if err != nil {
				return err
			}
			if found && c.Bool("Quiet") {
				return nil
			}
		}
		if c.Bool("Quiet") && !c.Bool("List") {
			return c.Write(false)
		}
		return nil
	}
	// pipeline input: each object is one line, numbered by its place
	in := c.Arg("InputObject")
	st.record++
	if mi, ok := in.(*value.Object); ok && mi.TypeName() == typeMatchInfo {
		line, _ := mi.Get("Line")
		m, err := c.match(st, value.ToString(line))
		if err != nil {
			return err
		}
		if m != nil {
			st.input.trackMatch(mi)
		}
	} else {
		line := ""
		if in != nil {
			line = c.s.toString(in)
		}
		m, err := c.match(st, line)
		if err != nil {
			return err
		}
		if m != nil {
			m.Set("LineNumber", st.record)
			setMatchString(m, nil, nil)
			st.input.trackMatch(m)
		} else {
			st.input.trackLine(line)
		}
	}
	wrote, err := c.flush(st.input)
	if wrote && c.Bool("Quiet") {
		st.done = true
	}
	return err
}

// selectInFile searches one file, line by line; with -List or -Quiet it
// stops at the first match. It reports whether the file matched.
func (c *Call) selectInFile(st *selectStringState, f psPath) (bool, error) {
	if !c.keepsItem(f) {
		return false, nil
	}
	data, err := c.s.readFile(f.path)
	if err != nil {
		return false, c.WriteError(&ErrorRecord{ID: "ProcessingFile", Category: ReadError, Target: f.path, Exception: "System.IO.IOException",
			Msg: fmt.Sprintf("The file %s cannot be read: %s", f.path, fsErrorMessage(err, f.path))})
	}
	t := &matchTracker{pre: st.pre, post: st.post}
	found := false
	name := f.path[strings.LastIndexByte(f.path, '/')+1:]
	for i, line := range readLines(st.enc.Decode(data)) {
		m, err := c.match(st, line)
		if err != nil {
			return found, err
		}
		if m != nil {
			m.Set("LineNumber", i+1)
			m.Set("Filename", name)
			m.Set("Path", f.path)
			setMatchString(m, nil, nil)
			t.trackMatch(m)
		} else {
			t.trackLine(line)
		}
		if len(t.queue) > 0 {
			found = true
			if c.Bool("Quiet") || c.Bool("List") {
				break
			}
			if _, err := c.flush(t); err != nil {
				return found, err
			}
		}
	}
	t.eof()
	wrote, err := c.flush(t)
	return found || wrote, err
}

func selectStringEnd(c *Call) error {
	st, _ := c.State.(*selectStringState)
	if st == nil || st.done {
		return nil
	}
	st.input.eof()
	_, err := c.flush(st.input)
	return err
}
