package cmdlets

import (
	"bytes"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
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
		selectStringCmdlet(),
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
				sets(p("Encoding", "object", -1), "File", "LiteralFile"), sets(mand(p("Variable", "string", -1)), "Variable")},
			DefaultSet: "File",
			Begin:      teeObjectBegin,
			Process:    teeObjectProcess,
			End:        teeObjectEnd,
		},
	}
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
	col        *value.Collation // -Culture's (or the current culture's) string order
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
		col, err := orderCollation(c)
		if err != nil {
			return err
		}
		st = &compareState{keys: keys, col: col}
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
		var col *value.Collation
		if st, ok := c.State.(*compareState); ok {
			col = st.col
		}
		if sortCompare(a.vals[i], b.vals[i], cs, col) != 0 {
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
	_, err := c.encodingArg(textenc.UTF8NoBOM)
	return err
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
	enc, err := c.encodingArg(textenc.UTF8NoBOM)
	if err != nil {
		return err
	}
	_, target, err := c.outFileTarget(path)
	if err != nil || target == "" {
		return err
	}
	var buf bytes.Buffer
	if err := c.s.formatDefault(&buf, c.s.displayable(fileRecords(items)), c.s.width); err != nil {
		return err
	}
	return c.s.writeEncoded(c.fr, c, target, buf.Bytes(), enc, c.Bool("Append"), false)
}
