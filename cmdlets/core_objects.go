package cmdlets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
)

func objectCmdlets() []*Cmdlet {
	whereOps := []string{"EQ", "NE", "GT", "GE", "LT", "LE", "Like", "NotLike", "Match", "NotMatch", "Contains",
		"NotContains", "In", "NotIn", "Is", "IsNot", "CEQ", "CNE", "CGT", "CGE", "CLT", "CLE", "CLike", "CNotLike",
		"CMatch", "CNotMatch", "CContains", "CNotContains", "CIn", "CNotIn", "Not"}
	whereParams := []*ParamDef{pipe(p("InputObject", "object", -1)), sets(p("FilterScript", "scriptblock", 0), "ScriptBlockSet"),
		sets(p("Property", "string", 0), "Prop"), sets(p("Value", "object", 1), "Prop")}
	for _, op := range whereOps {
		whereParams = append(whereParams, sets(p(op, "switch", -1), "Prop"))
	}
	return []*Cmdlet{
		{
			Name: "ForEach-Object", Module: "Microsoft.PowerShell.Core", Synopsis: "Runs a script block for each input object.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)),
				sets(p("Begin", "scriptblock", -1), "ScriptBlockSet"), sets(p("Process", "scriptblock[]", 0), "ScriptBlockSet"),
				sets(p("End", "scriptblock", -1), "ScriptBlockSet"), sets(rest(p("RemainingScripts", "scriptblock[]", 1)), "ScriptBlockSet"),
				sets(p("MemberName", "string", 0), "PropertyAndMethodSet"),
				sets(rest(alias(p("ArgumentList", "object[]", 1), "Args")), "PropertyAndMethodSet"),
				sets(p("Parallel", "scriptblock", -1), "ParallelParameterSet"), sets(p("ThrottleLimit", "int", -1), "ParallelParameterSet"),
				sets(p("TimeoutSeconds", "int", -1), "ParallelParameterSet"), sets(p("AsJob", "switch", -1), "ParallelParameterSet"),
				sets(p("UseNewRunspace", "switch", -1), "ParallelParameterSet")},
			DefaultSet: "ScriptBlockSet",
			Begin:      forEachObjectBegin,
			Process:    forEachObjectProcess,
			End:        forEachObjectEnd,
		},
		{
			Name: "Where-Object", Module: "Microsoft.PowerShell.Core", Synopsis: "Selects objects by a condition.",
			Params: whereParams, DefaultSet: "ScriptBlockSet",
			Process: whereObjectProcess(whereOps),
		},
		{
			Name: "Select-Object", Synopsis: "Selects properties or a subset of objects.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object[]", 0), p("ExcludeProperty", "string[]", -1),
				p("ExpandProperty", "string", -1), p("Unique", "switch", -1), p("First", "int", -1), p("Last", "int", -1),
				p("Skip", "int", -1), p("SkipLast", "int", -1), p("Index", "int[]", -1), p("SkipIndex", "int[]", -1), p("Wait", "switch", -1),
				p("CaseInsensitive", "switch", -1)},
			Process: selectObjectProcess,
			End:     selectObjectEnd,
		},
		{
			Name: "Sort-Object", Synopsis: "Sorts objects by property values.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object[]", 0), p("Descending", "switch", -1),
				p("Unique", "switch", -1), p("CaseSensitive", "switch", -1), p("Stable", "switch", -1), p("Top", "int", -1),
				p("Bottom", "int", -1), p("Culture", "string", -1)},
			Process: collectInput,
			End:     sortObjectEnd,
		},
		{
			Name: "Group-Object", Synopsis: "Groups objects by property values.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object[]", 0), p("NoElement", "switch", -1),
				p("AsHashTable", "switch", -1), p("AsString", "switch", -1), p("CaseSensitive", "switch", -1), p("Culture", "string", -1)},
			Process: collectInput,
			End:     groupObjects,
		},
		{
			Name: "Measure-Object", Synopsis: "Counts objects and computes sums, averages, minimums and maximums.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object[]", 0), p("Sum", "switch", -1),
				p("Average", "switch", -1), p("Maximum", "switch", -1), p("Minimum", "switch", -1), p("StandardDeviation", "switch", -1),
				p("AllStats", "switch", -1), p("Line", "switch", -1), p("Word", "switch", -1), p("Character", "switch", -1),
				p("IgnoreWhiteSpace", "switch", -1)},
			Process: collectInput,
			End:     measureObjects,
		},
		{
			Name: "Format-Table", Synopsis: "Formats output as a table.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object[]", 0), p("AutoSize", "switch", -1),
				p("HideTableHeaders", "switch", -1), p("Wrap", "switch", -1), p("GroupBy", "object", -1), p("Force", "switch", -1),
				p("View", "string", -1), p("RepeatHeader", "switch", -1), p("DisplayError", "switch", -1), p("ShowError", "switch", -1),
				values(p("Expand", "string", -1), "CoreOnly", "EnumOnly", "Both"), p("ExcludeProperty", "string[]", -1)},
			Process: collectInput,
			End:     formatTableEnd,
		},
		{
			Name: "Format-List", Synopsis: "Formats output as a list of properties.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object[]", 0), p("GroupBy", "object", -1),
				p("Force", "switch", -1), p("View", "string", -1), p("DisplayError", "switch", -1), p("ShowError", "switch", -1),
				values(p("Expand", "string", -1), "CoreOnly", "EnumOnly", "Both"), p("ExcludeProperty", "string[]", -1)},
			Process: collectInput,
			End:     formatListEnd,
		},
		{
			Name: "Format-Wide", Synopsis: "Formats objects as a wide table that displays only one property of each object.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Property", "object", 0), p("AutoSize", "switch", -1),
				rangeOf(p("Column", "int", -1), 1), p("GroupBy", "object", -1), p("View", "string", -1),
				p("ShowError", "switch", -1), p("DisplayError", "switch", -1), p("Force", "switch", -1),
				values(p("Expand", "string", -1), "CoreOnly", "EnumOnly", "Both"), p("ExcludeProperty", "string[]", -1)},
			Process: collectInput,
			End:     formatWideEnd,
		},
		{
			Name: "New-Object", Synopsis: "Creates an object.",
			Params: []*ParamDef{sets(p("TypeName", "string", 0), "Net"), sets(alias(p("ArgumentList", "object[]", 1), "Args"), "Net"),
				p("Property", "hashtable", -1), sets(p("ComObject", "string", 0), "Com"), p("Strict", "switch", -1)},
			DefaultSet: "Net",
			Process:    newObjectProcess,
		},
		{
			Name: "Add-Member", Synopsis: "Adds a member to an object.",
			Params: []*ParamDef{mand(pipe(p("InputObject", "object", -1))), alias(p("MemberType", "object", 0), "Type"),
				p("Name", "string", 1), p("Value", "object", 2), p("SecondValue", "object", 3),
				p("NotePropertyName", "string", -1), p("NotePropertyValue", "object", -1), p("NotePropertyMembers", "object", -1),
				p("TypeName", "string", -1), p("Force", "switch", -1), p("PassThru", "switch", -1)},
			Process: addMember,
		},
		{
			Name: "Get-Member", Synopsis: "Lists the properties and methods of objects.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), p("Name", "string[]", 0), alias(p("MemberType", "string", -1), "Type"),
				p("View", "string", -1), p("Static", "switch", -1), p("Force", "switch", -1)},
			Process: collectInput,
			End:     getMember,
		},
	}
}

// forEachState is what ForEach-Object keeps between its blocks: the
// process blocks and the end block (ForEachObjectCommand's script list).
type forEachState struct {
	process []*ScriptBlock
	end     *ScriptBlock
}

// forEachObjectBegin sorts ForEach-Object's blocks into begin, process and
// end, and runs the begin block. As in pwsh, -Begin comes first and then
// the -Process and remaining blocks: with more than one block the first is
// the begin block, and with more than two (and no -End) the last is the
// end block.
func forEachObjectBegin(c *Call) error {
	if c.Has("Parallel") {
		return c.Fail("NotImplemented", NotImplemented, "[NotImplemented] ForEach-Object -Parallel is not emulated")
	}
	if c.Has("MemberName") {
		return nil
	}
	var scripts []*ScriptBlock
	block := func(v any) *ScriptBlock { sb, _ := v.(*ScriptBlock); return sb }
	if c.Has("Begin") {
		scripts = append(scripts, block(c.Arg("Begin")))
	}
	for _, v := range value.AsSlice(c.Arg("Process")) {
		scripts = append(scripts, block(v))
	}
	for _, v := range value.AsSlice(c.Arg("RemainingScripts")) {
		scripts = append(scripts, block(v))
	}
	st := &forEachState{end: block(c.Arg("End"))}
	start, end := 0, len(scripts)
	if len(scripts) > 1 {
		start = 1
	}
	if !c.Has("End") && len(scripts) > 2 {
		end = len(scripts) - 1
		st.end = scripts[end]
	}
	st.process = scripts[start:end]
	c.State = st
	if end >= 2 && scripts[0] != nil {
		return c.s.streamScriptBlock(c.fr, scripts[0], nil, nil, true, c.Write)
	}
	return nil
}

// forEachObjectProcess runs ForEach-Object's process blocks or -MemberName on one input object.
func forEachObjectProcess(c *Call) error {
	if !c.HasInput && !c.Has("InputObject") {
		return nil
	}
	in := c.Arg("InputObject")
	if c.Has("MemberName") {
		return foreachMember(c, in, c.String("MemberName"))
	}
	st, _ := c.State.(*forEachState)
	for _, b := range st.process {
		if b == nil {
			continue
		}
		if err := c.s.streamScriptBlock(c.fr, b, in, nil, true, func(v any) error { return emitValue(v, c.Write) }); err != nil {
			return err
		}
	}
	return nil
}

// forEachObjectEnd runs ForEach-Object's end block, if any.
func forEachObjectEnd(c *Call) error {
	if st, ok := c.State.(*forEachState); ok && st.end != nil {
		return c.s.streamScriptBlock(c.fr, st.end, nil, nil, true, c.Write)
	}
	return nil
}

// whereObjectProcess returns the process block of Where-Object, which selects
// objects by a condition; ops are its comparison switches (-EQ, -Like...).
func whereObjectProcess(ops []string) func(c *Call) error {
	return func(c *Call) error {
		if !c.HasInput && !c.Has("InputObject") {
			return nil
		}
		in := c.Arg("InputObject")
		if sb, ok := c.Arg("FilterScript").(*ScriptBlock); ok {
			v, err := c.s.invokeScriptBlockValue(c.fr, sb, in, nil, true)
			if err != nil {
				return err
			}
			if value.ToBool(v) {
				return c.Write(in)
			}
			return nil
		}
		prop, _ := c.s.getMember(in, c.String("Property"))
		op := "eq"
		for _, o := range ops {
			if c.Bool(o) {
				op = strings.ToLower(o)
			}
		}
		if op == "not" {
			if !value.ToBool(prop) {
				return c.Write(in)
			}
			return nil
		}
		if !c.Has("Value") {
			if value.ToBool(prop) {
				return c.Write(in)
			}
			return nil
		}
		res, err := c.s.binaryOp(c.fr, "-"+op, prop, c.Arg("Value"))
		if err != nil {
			return err
		}
		if value.ToBool(res) {
			return c.Write(in)
		}
		return nil
	}
}

// selectObjectProcess runs one input object through Select-Object's
// queue, which is pwsh's (SelectObjectQueue): -First objects stream at
// once, the last -Last are held to the end, -Skip drops objects from the
// start (from the end with -Last alone), -SkipLast holds that many back.
// With -First and -Last together the first N and the last M go out, once
// each. $null input is ignored. Once -First alone is satisfied the
// commands upstream stop (unless -Wait).
func selectObjectProcess(c *Call) error {
	st, _ := c.State.(*selectState)
	if st == nil {
		for _, name := range []string{"First", "Last", "Skip", "SkipLast"} {
			if n := c.Int(name, 0); n < 0 {
				return c.FailBinding("ParameterArgumentValidationError",
					"Cannot validate argument on parameter '%s'. The %d argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.", name, n)
			}
		}
		st = &selectState{q: selectQueue{first: c.Int("First", 0), last: c.Int("Last", 0), skip: c.Int("Skip", 0),
			skipLast: c.Int("SkipLast", 0), firstOrLast: c.Has("First") || c.Has("Last")}}
		c.State = st
	}
	if !c.HasInput && !c.Has("InputObject") {
		return nil
	}
	// -InputObject is one object, even an array (Select-Object's page)
	for _, it := range []any{c.Arg("InputObject")} {
		if it == nil {
			continue
		}
		if c.Has("Index") || c.Has("SkipIndex") {
			st.items = append(st.items, it)
			continue
		}
		st.q.enqueue(it)
		if v, ok := st.q.streamingDequeue(); ok {
			if err := selectEmit(c, st, v); err != nil {
				return err
			}
		}
		if st.q.allRequested() && !c.Bool("Wait") {
			return c.StopUpstream()
		}
	}
	return nil
}

// selectEmit writes one selected object, or keeps it for -Unique.
func selectEmit(c *Call, st *selectState, in any) error {
	if c.Bool("Unique") {
		return selectOneTo(c, in, func(v any) error { st.uniq = append(st.uniq, v); return nil })
	}
	return selectOne(c, in)
}

// selectObjectEnd writes what the queue holds (or the -Index picks), then
// the -Unique objects.
func selectObjectEnd(c *Call) error {
	st, _ := c.State.(*selectState)
	if st == nil {
		return nil
	}
	if c.Has("Index") || c.Has("SkipIndex") {
		// the objects at those indexes (-SkipIndex: the others), in input
		// order (pwsh sorts the indexes)
		picked := map[int]bool{}
		for _, ix := range value.AsSlice(c.Arg("Index")) {
			i, _ := value.ToInt(ix)
			picked[i] = true
		}
		skipped := map[int]bool{}
		for _, ix := range value.AsSlice(c.Arg("SkipIndex")) {
			i, _ := value.ToInt(ix)
			skipped[i] = true
		}
		for i, it := range st.items {
			if c.Has("Index") && picked[i] || c.Has("SkipIndex") && !skipped[i] {
				if err := selectEmit(c, st, it); err != nil {
					return err
				}
			}
		}
	} else if !c.Has("SkipLast") {
		q := &st.q
		for len(q.items) > 0 && (q.first != 0 || len(q.items) > c.Int("Skip", 0)) {
			if err := selectEmit(c, st, q.dequeue()); err != nil {
				return err
			}
		}
	}
	if c.Bool("Unique") {
		return c.WriteAll(uniqueItems(st.uniq, !c.Bool("CaseInsensitive")))
	}
	return nil
}

// selectQueue is Select-Object's queue of input objects.
type selectQueue struct {
	items                       []any
	first, last, skip, skipLast int
	firstOrLast                 bool
	streamed                    int
}

// allRequested reports whether -First alone has all it asked for.
func (q *selectQueue) allRequested() bool {
	return q.firstOrLast && q.last == 0 && q.first != 0 && q.streamed >= q.first
}

func (q *selectQueue) enqueue(v any) {
	if q.last > 0 && len(q.items) > 0 && (q.first == 0 && len(q.items) >= q.last+q.skip || q.first != 0 && len(q.items) >= q.last) {
		q.items = q.items[1:]
	}
	q.items = append(q.items, v)
}

func (q *selectQueue) dequeue() any {
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// streamingDequeue returns the object to write now, if any.
func (q *selectQueue) streamingDequeue() (any, bool) {
	switch {
	case q.skip == 0 && q.skipLast > 0:
		if len(q.items) > q.skipLast {
			return q.dequeue(), true
		}
	case q.skip == 0:
		if q.streamed < q.first || !q.firstOrLast {
			q.streamed++
			return q.dequeue(), true
		}
		if q.last == 0 {
			q.dequeue()
		}
	case q.last == 0:
		q.dequeue()
		q.skip--
	case q.first != 0:
		q.skip--
		q.dequeue()
	}
	return nil, false
}

// sortObjectEnd writes the collected input sorted by Sort-Object's keys.
func sortObjectEnd(c *Call) error {
	items, _ := c.State.([]any)
	keys, err := sortKeys(c)
	if err != nil {
		return err
	}
	cs := c.Bool("CaseSensitive")
	desc := c.Bool("Descending")
	type row struct {
		item any
		vals []any
	}
	rows := make([]row, len(items))
	col, err := orderCollation(c)
	if err != nil {
		return err
	}
	for i, it := range items {
		rows[i].item = it
		for _, k := range keys {
			v, err := k.get(c, it)
			if err != nil {
				return err
			}
			rows[i].vals = append(rows[i].vals, v)
		}
		if len(keys) == 0 {
			rows[i].vals = []any{it}
		}
	}
	compareRows := func(a, b row) int {
		for k := range a.vals {
			cmp := sortCompare(a.vals[k], b.vals[k], cs, col)
			if cmp == 0 {
				continue
			}
			d := desc
			if k < len(keys) && keys[k].desc != nil {
				d = *keys[k].desc
			}
			if d {
				return -cmp
			}
			return cmp
		}
		return 0
	}
	if !c.Bool("Stable") && c.Int("Top", -1) < 0 && c.Int("Bottom", -1) < 0 {
		// SortObjectCommand's full sort is List<T>.Sort, which is not
		// stable: equal items end where .NET's introsort puts them
		value.IntroSort(rows, compareRows)
	} else {
		sort.SliceStable(rows, func(i, j int) bool { return compareRows(rows[i], rows[j]) < 0 })
	}
	out := make([]any, 0, len(rows))
	for i, r := range rows {
		if c.Bool("Unique") && i > 0 {
			same := true
			for k := range r.vals {
				if sortCompare(r.vals[k], rows[i-1].vals[k], cs, col) != 0 {
					same = false
				}
			}
			if same {
				continue
			}
		}
		out = append(out, r.item)
	}
	if n := c.Int("Top", -1); n >= 0 && n < len(out) {
		out = out[:n]
	}
	if n := c.Int("Bottom", -1); n >= 0 && n < len(out) {
		out = out[len(out)-n:]
	}
	return c.WriteAll(out)
}

// formatInput is what Format-Table and Format-List read before they
// render: the collected input, checked, its columns and its -GroupBy.
func formatInput(c *Call, view string) (items []any, cols []format.Column, group func(any) any, label string, err error) {
	items, _ = c.State.([]any)
	if err = formatChecks(c, items, view); err != nil {
		return nil, nil, nil, "", err
	}
	if cols, err = formatColumns(c); err != nil {
		return nil, nil, nil, "", err
	}
	group, label, err = formatGroupBy(c, items)
	return items, cols, group, label, err
}

// formatTableEnd writes the collected input as a table that renders at the host.
func formatTableEnd(c *Call) error {
	items, cols, group, label, err := formatInput(c, "Table")
	if err != nil {
		return err
	}
	return c.Write(&formattedText{render: func(w *strings.Builder, width int) error {
		return format.Table(w, items, cols, format.TableOptions{AutoSize: c.Bool("AutoSize"), HideTableHeaders: c.Bool("HideTableHeaders"),
			Wrap: c.Bool("Wrap"), Width: width, GroupBy: group, GroupLabel: label, Force: c.Bool("Force"), Exclude: c.Strings("ExcludeProperty"), Style: c.s.formatStyle()})
	}})
}

// formatListEnd writes the collected input as a list that renders at the host.
func formatListEnd(c *Call) error {
	items, cols, group, label, err := formatInput(c, "List")
	if err != nil {
		return err
	}
	return c.Write(&formattedText{render: func(w *strings.Builder, width int) error {
		return format.ListWith(w, items, cols, format.ListOptions{GroupBy: group, GroupLabel: label, Width: width, Force: c.Bool("Force"), Exclude: c.Strings("ExcludeProperty"),
			Style: c.s.formatStyle()})
	}})
}

// formatWideEnd writes the collected input as Format-Wide's rows, which
// render at the host. -AutoSize and -Column together, and -View with
// -Property or -ExcludeProperty, are terminating errors (FormatWideCommand).
func formatWideEnd(c *Call) error {
	items, _ := c.State.([]any)
	if c.Has("View") && (c.Has("Property") || c.Has("ExcludeProperty")) {
		return c.Fail("FormatCannotSpecifyViewAndProperty", InvalidArgument, "Cmdlet parameters View and Property are mutually exclusive.")
	}
	if c.Bool("AutoSize") && c.Has("Column") {
		return c.Fail("FormatCannotSpecifyAutosizeAndColumns", InvalidArgument, "Cmdlet parameters AutoSize and Column are mutually exclusive.")
	}
	if err := formatChecks(c, items, "Wide"); err != nil {
		return err
	}
	cols, err := formatColumns(c)
	if err != nil {
		return err
	}
	group, label, err := formatGroupBy(c, items)
	if err != nil {
		return err
	}
	opts := format.WideOptions{Columns: c.Int("Column", 0), AutoSize: c.Bool("AutoSize"), GroupBy: group, GroupLabel: label,
		Force: c.Bool("Force"), Exclude: c.Strings("ExcludeProperty")}
	// the first column that is not excluded ("*" is already expanded)
	for i := range cols {
		excluded := false
		for _, x := range opts.Exclude {
			if cols[i].Property != "" && value.Like(cols[i].Property, x, false) {
				excluded = true
			}
		}
		if !excluded {
			opts.Property = &cols[i]
			break
		}
	}
	if opts.Property == nil && len(cols) > 0 {
		opts.Property = &cols[0]
	}
	return c.Write(&formattedText{render: func(w *strings.Builder, width int) error {
		opts.Width = width
		return format.Wide(w, items, opts)
	}})
}

// formatChecks applies the parameters of the Format-* cmdlets that
// csemu checks but does not render: -View names a view of format data, and
// csemu has no named views: for a [pscustomobject], which has none in
// pwsh either, that is pwsh's FormatViewNotFound error (a terminating
// error whose exception is a PipelineStoppedException); for other objects
// it is [NotImplemented]. -DisplayError, -ShowError, and -Expand CoreOnly or
// Both of an object that is a collection are [NotImplemented]. -RepeatHeader repeats the header per screen of
// a paged console only, so it changes nothing here.
func formatChecks(c *Call, items []any, kind string) error {
	if c.Has("View") && len(items) > 0 {
		first := items[0]
		if a, ok := first.(*value.Array); ok && len(a.Items) > 0 {
			first = a.Items[0]
		}
		if o, ok := first.(*value.Object); ok && o.IsCustom() {
			name := c.String("View")
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "FormatViewNotFound", Category: ObjectNotFound, Target: name,
				Exception: "System.Management.Automation.PipelineStoppedException",
				Msg:       fmt.Sprintf("The view name %s cannot be found. There are no existing %s views for System.Management.Automation.PSCustomObject objects.", name, kind)}}
		}
		return notImplemented(c.Pos, c.cmd.Name, "-View (the named views of format data)")
	}
	if err := c.refused(); err != nil {
		return err
	}
	if c.Has("Expand") && !strings.EqualFold(c.String("Expand"), "EnumOnly") {
		// -Expand is about objects that are collections; others show the same
		for _, it := range items {
			switch it.(type) {
			case *value.Array, *value.Hashtable:
				return notImplemented(c.Pos, c.cmd.Name, "-Expand "+c.String("Expand")+" of a collection")
			}
		}
	}
	return nil
}

// formatGroupBy reads the -GroupBy of Format-Table and Format-List: a
// property name, a script block, or a calculated property (Name or Label,
// Expression, FormatString). It returns the grouping key of an item and
// the label of the group headers ("   label: value"), which is the
// property's name as the objects spell it, the script block's text or
// the calculated property's name (pwsh's GroupingInfoManager). A new
// group starts each time the key changes: the input is expected sorted.
func formatGroupBy(c *Call, items []any) (func(any) any, string, error) {
	if !c.Has("GroupBy") {
		return nil, "", nil
	}
	switch g := c.Arg("GroupBy").(type) {
	case *ScriptBlock:
		return func(it any) any {
			v, _ := c.s.invokeScriptBlockValue(c.fr, g, it, nil, true)
			return v
		}, g.Text, nil
	case *value.Hashtable:
		var label, formatString string
		var expr any
		for i, k := range g.Keys() {
			key := strings.ToLower(value.ToString(k))
			switch {
			case key != "" && (strings.HasPrefix("name", key) || strings.HasPrefix("label", key)):
				label = value.ToString(g.Values()[i])
			case key != "" && strings.HasPrefix("expression", key):
				expr = g.Values()[i]
			case key != "" && strings.HasPrefix("formatstring", key):
				formatString = value.ToString(g.Values()[i])
			default:
				return nil, "", c.Fail("IllegalKey", InvalidArgument, "The %s key is not valid.", value.ToString(k))
			}
		}
		if label == "" {
			if sb, ok := expr.(*ScriptBlock); ok {
				label = sb.Text
			} else {
				label = groupPropertyLabel(c, items, value.ToString(expr))
			}
		}
		return func(it any) any {
			v, _ := evalCalculated(c, it, expr)
			if formatString != "" {
				if text, err := value.FormatComposite("{0:"+formatString+"}", []any{v}); err == nil {
					return text
				}
			}
			return v
		}, label, nil
	case nil:
		return nil, "", nil
	default:
		name := value.ToString(g)
		return func(it any) any {
			v, _ := c.s.getMember(it, name)
			return v
		}, groupPropertyLabel(c, items, name), nil
	}
}

// groupPropertyLabel is the name of property name as the first object
// that has it spells it.
func groupPropertyLabel(c *Call, items []any, name string) string {
	for _, it := range items {
		for _, n := range propertyNames(it) {
			if strings.EqualFold(n, name) {
				return n
			}
		}
	}
	return name
}

// newObjectProcess creates an instance of -TypeName and sets -Property on it.
func newObjectProcess(c *Call) error {
	if c.Has("ComObject") {
		return c.Fail("NotImplemented", NotImplemented, "[NotImplemented] COM object %q is not emulated", c.String("ComObject"))
	}
	name := c.String("TypeName")
	t, ok := c.s.resolveType(name)
	if !ok {
		// NewObjectCommand throws a PSArgumentException
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "TypeNotFound", Category: InvalidType,
			Exception: "System.Management.Automation.PSArgumentException",
			Msg:       fmt.Sprintf("Cannot find type [%s]: verify that the assembly containing this type is loaded.", name)}}
	}
	args := value.AsSlice(c.Arg("ArgumentList"))
	obj, err := c.s.newObject(c.fr, t, args)
	if err != nil {
		if me, ok := err.(*methodErr); ok && me.typ == "NotImplemented" {
			return notImplemented(c.Pos, "New-Object", me.msg)
		}
		return err
	}
	if h, ok := c.Arg("Property").(*value.Hashtable); ok {
		for i, k := range h.Keys() {
			if o, ok := obj.(*value.Object); ok && o.IsCustom() {
				o.Set(value.ToString(k), h.Values()[i]) // -Property adds note properties
				continue
			}
			if err := c.s.setMember(obj, value.ToString(k), h.Values()[i]); err != nil {
				return err
			}
		}
	}
	return c.Write(obj)
}

// formattedText is the output of Format-Table and Format-List: text that
// renders when it reaches the host.
type formattedText struct {
	render func(w *strings.Builder, width int) error
}

func (f *formattedText) PSString() string {
	var b strings.Builder
	_ = f.render(&b, 120)
	return b.String()
}

// PSTypeName is the .NET type of format data.
func (f *formattedText) PSTypeName() string {
	return "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData"
}

// foreachMember is ForEach-Object -MemberName (ForEach-Object's page,
// examples 6 and 7; pwsh's ForEachObjectCommand): with arguments it calls
// the method of that name; without, it reads the property (a hashtable's
// key), or calls the method when the name is a method. A $null input
// gives $null (an error when there are arguments), a name the object lacks
// gives $null (an error in strict mode), and a failing call is a
// non-terminating error: the pipeline goes on.
func foreachMember(c *Call, in any, name string) error {
	args := value.AsSlice(c.Arg("ArgumentList"))
	if in == nil {
		if len(args) > 0 {
			return c.WriteError(&ErrorRecord{ID: "InvokeMethodOnNull", Category: InvalidOperation, Target: "",
				Msg: "You cannot call a method on a null-valued expression."})
		}
		if c.s.strict {
			return c.Errorf("InputObjectIsNull", InvalidOperation, "", "Cannot operate on a 'null' input object.")
		}
		return c.Write(nil)
	}
	if len(args) == 0 {
		if h, ok := in.(*value.Hashtable); ok && h.Has(name) {
			v, _ := h.Get(name)
			return emitValue(v, c.Write)
		}
		if v, ok := c.s.getMember(in, name); ok {
			return emitValue(v, c.Write)
		}
	}
	v, err := c.s.callMethod(c.fr, in, name, args)
	if err != nil {
		if me, ok := err.(*methodErr); ok && me.typ == "MethodNotFound" {
			if len(args) > 0 {
				return c.Errorf("MethodNotFound", InvalidOperation, c.s.toString(in), "Input name %q cannot be resolved to a method.", name)
			}
			if c.s.strict {
				return c.Errorf("PropertyOrMethodNotFound", InvalidOperation, c.s.toString(in), "The input name %q cannot be resolved to a member.", name)
			}
			return c.Write(nil)
		}
		var pe *psError
		if asPSError(c.s.methodError(c.Pos, name, len(args), err), &pe) {
			if pe.rec.Category == NotImplemented {
				return pe
			}
			return c.WriteError(&ErrorRecord{ID: "MethodInvocationError", Category: InvalidOperation, Target: c.s.toString(in),
				Msg: pe.rec.Msg, Exception: pe.rec.Exception})
		}
		return err
	}
	return emitValue(v, c.Write)
}

type selectState struct {
	q selectQueue
	// items are the input objects for -Index; uniq the objects kept for
	// -Unique.
	items, uniq []any
}

func selectOne(c *Call, in any) error { return selectOneTo(c, in, c.Write) }

// selectOneTo applies -Property / -ExpandProperty to one object.
func selectOneTo(c *Call, in any, emit emitFn) error {
	props := value.AsSlice(c.Arg("Property"))
	if c.Has("ExpandProperty") {
		name := c.String("ExpandProperty")
		v, ok := c.s.getMember(in, name)
		if !ok {
			return c.Errorf("ExpandPropertyNotFound", InvalidArgument, name, "Property %q cannot be found.", name)
		}
		if len(props) > 0 {
			if o, isObj := v.(*value.Object); isObj {
				o = o.Copy()
				for _, pr := range props {
					pv, _ := c.s.getMember(in, value.ToString(pr))
					o.Set(value.ToString(pr), pv)
				}
				return emit(o)
			}
		}
		return emitValue(v, emit)
	}
	if len(props) == 0 && !c.Has("ExcludeProperty") {
		// SelectObjectCommand.SetPSCustomObject: a [pscustomobject]
		// written as it is gets the Selected. type name once
		if o, ok := in.(*value.Object); ok && o.IsCustom() {
			name := "Selected." + value.PSCustomObjectType
			if len(o.TypeNames) == 0 || !containsFold(o.TypeNames, name) {
				o.TypeNames = append([]string{name}, o.TypeNames...)
			}
		}
		return emit(in)
	}
	out := value.NewObject("Selected." + value.TypeName(in))
	out.TypeNames = append(out.TypeNames, value.PSCustomObjectType)
	out.TypeNames = []string{value.PSCustomObjectType, "System.Object"}
	add := func(name string, v any) { out.Set(name, v) }
	exclude := c.Strings("ExcludeProperty")
	excluded := func(n string) bool {
		for _, e := range exclude {
			if value.Like(n, e, false) {
				return true
			}
		}
		return false
	}
	if len(props) == 0 {
		props = []any{"*"}
	}
	for _, pr := range props {
		switch x := pr.(type) {
		case *value.Hashtable:
			name, expr, err := calculatedProperty(x)
			if err != nil {
				return c.Fail("IllegalKey", InvalidArgument, "%s", err.Error())
			}
			v, err := evalCalculated(c, in, expr)
			if err != nil {
				return err
			}
			add(name, v)
		case *ScriptBlock:
			// a script block's value, named by its text
			if x.Text == "" {
				return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "EmptyScriptBlockAndNoName", Category: InvalidArgument,
					Exception: "System.Management.Automation.PSArgumentException", Msg: "A property is an empty script block and does not provide a name."}}
			}
			if excluded(x.Text) {
				continue
			}
			v, err := c.s.invokeScriptBlockValue(c.fr, x, in, nil, true)
			if err != nil {
				return err
			}
			add(x.Text, v)
		default:
			pat := value.ToString(x)
			if value.HasWildcard(pat) {
				for _, n := range propertyNames(in) {
					if value.Like(n, pat, false) && !excluded(n) {
						v, _ := c.s.getMember(in, n)
						add(n, v)
					}
				}
				continue
			}
			if excluded(pat) {
				continue
			}
			v, _ := c.s.getMember(in, pat)
			name := pat
			if o, ok := in.(*value.Object); ok {
				if pp, ok := o.Prop(pat); ok {
					name = pp.Name
				}
			}
			add(name, v)
		}
	}
	return emit(out)
}

// calculatedProperty reads @{Name/Label/N/L = ...; Expression/E = ...}.
func calculatedProperty(h *value.Hashtable) (string, any, error) {
	var name string
	var expr any
	for i, k := range h.Keys() {
		key := strings.ToLower(value.ToString(k))
		switch {
		case key != "" && (strings.HasPrefix("name", key) || strings.HasPrefix("label", key)):
			name = value.ToString(h.Values()[i])
		case key != "" && strings.HasPrefix("expression", key):
			expr = h.Values()[i]
		case key != "" && (strings.HasPrefix("width", key) || strings.HasPrefix("alignment", key) || strings.HasPrefix("formatstring", key) || strings.HasPrefix("ascending", key) || strings.HasPrefix("descending", key)):
		default:
			return "", nil, fmt.Errorf("The %s key is not valid.", value.ToString(k))
		}
	}
	if name == "" {
		if sb, ok := expr.(*ScriptBlock); ok {
			name = strings.TrimSpace(sb.Text)
		} else {
			name = value.ToString(expr)
		}
	}
	return name, expr, nil
}

func evalCalculated(c *Call, in, expr any) (any, error) {
	switch e := expr.(type) {
	case *ScriptBlock:
		return c.s.invokeScriptBlockValue(c.fr, e, in, nil, true)
	case nil:
		return nil, nil
	}
	v, _ := c.s.getMember(in, value.ToString(expr))
	return v, nil
}

// propertyNames lists the property names of an object.
func propertyNames(v any) []string {
	switch o := v.(type) {
	case *value.Object:
		return o.Names()
	case *value.Hashtable:
		return []string{"IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"}
	case string:
		return []string{"Length"}
	case memberObject:
		return o.psPropertyNames()
	}
	return nil
}

func uniqueItems(items []any, cs bool) []any {
	var out []any
	for _, it := range items {
		dup := false
		for _, o := range out {
			if objectsEqual(o, it, cs) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, it)
		}
	}
	return out
}

func objectsEqual(a, b any, cs bool) bool {
	oa, ok1 := a.(*value.Object)
	ob, ok2 := b.(*value.Object)
	if ok1 && ok2 {
		pa, pb := oa.Props(), ob.Props()
		if len(pa) != len(pb) {
			return false
		}
		for i := range pa {
			if !strings.EqualFold(pa[i].Name, pb[i].Name) || !value.Equal(pa[i].Get(), pb[i].Get(), cs) {
				return false
			}
		}
		return true
	}
	return value.Equal(a, b, cs)
}

// sortKey is one -Property entry of Sort-Object.
type sortKey struct {
	name string
	expr any
	desc *bool
}

func (k sortKey) get(c *Call, in any) (any, error) {
	if k.expr != nil {
		return evalCalculated(c, in, k.expr)
	}
	v, _ := c.s.getMember(in, k.name)
	return v, nil
}

func sortKeys(c *Call) ([]sortKey, error) {
	var keys []sortKey
	for _, pr := range value.AsSlice(c.Arg("Property")) {
		switch x := pr.(type) {
		case *ScriptBlock:
			keys = append(keys, sortKey{expr: x})
		case *value.Hashtable:
			k := sortKey{}
			for i, key := range x.Keys() {
				lk := strings.ToLower(value.ToString(key))
				v := x.Values()[i]
				switch {
				case strings.HasPrefix("expression", lk):
					k.expr = v
				case strings.HasPrefix("descending", lk):
					b := value.ToBool(v)
					k.desc = &b
				case strings.HasPrefix("ascending", lk):
					b := !value.ToBool(v)
					k.desc = &b
				}
			}
			keys = append(keys, k)
		default:
			keys = append(keys, sortKey{name: value.ToString(x)})
		}
	}
	return keys, nil
}

// sortCompare orders values for Sort-Object as its ObjectCommandComparer
// does with LanguagePrimitives.TryCompare: null is after negative numbers
// and before everything else (CompareObjectToNull), numbers by value,
// everything else as strings, by culture (col, which may be nil, keeps the
// collators).
func sortCompare(a, b any, cs bool, col *value.Collation) int {
	if a == nil || b == nil {
		// LanguagePrimitives.CompareObjectToNull: $null is less than
		// anything but a negative number
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -compareToNull(b)
		}
		return compareToNull(a)
	}
	if value.IsNumber(a) && value.IsNumber(b) {
		c, _ := value.Compare(a, b, cs)
		return c
	}
	c, err := value.CompareWith(a, b, cs, col)
	if err != nil {
		return col.Compare(value.ToString(a), value.ToString(b), cs)
	}
	return c
}

// compareToNull orders a value against null as LanguagePrimitives'
// CompareObjectToNull does: a negative number is less, anything else
// greater.
func compareToNull(v any) int {
	switch v.(type) {
	case int, int64, int16, int8, float32, float64, value.Decimal:
		if f, err := value.ToFloat(v); err == nil && f < 0 {
			return -1
		}
	}
	return 1
}

func groupObjects(c *Call) error {
	items, _ := c.State.([]any)
	// GroupObjectCommand's checks, made when the first object comes
	if len(items) > 0 && c.Bool("AsString") && !c.Bool("AsHashTable") {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ArgumentException", Category: InvalidArgument,
			Exception: "System.ArgumentException", Msg: "The command cannot be run because the AsString parameter requires that you specify the AsHashtable parameter."}}
	}
	if len(items) > 0 && c.Bool("AsHashTable") && !c.Bool("AsString") && len(value.AsSlice(c.Arg("Property"))) > 1 {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ArgumentException", Category: InvalidArgument,
			Exception: "System.ArgumentException", Msg: "The command cannot be run because using the AsHashTable parameter with more than one property requires adding the AsString parameter."}}
	}
	keys, _ := sortKeys(c)
	cs := c.Bool("CaseSensitive")
	type group struct {
		name   string
		values []any
		items  []any
	}
	var groups []*group
	index := map[string]*group{}
	for _, it := range items {
		var vals []any
		var parts []string
		for _, k := range keys {
			v, err := k.get(c, it)
			if err != nil {
				return err
			}
			vals = append(vals, v)
			parts = append(parts, c.s.toString(v))
		}
		if len(keys) == 0 {
			vals = []any{it}
			parts = []string{c.s.toString(it)}
		}
		name := strings.Join(parts, ", ")
		key := name
		if !cs {
			key = strings.ToLower(name)
		}
		g, ok := index[key]
		if !ok {
			g = &group{name: name, values: vals}
			index[key] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, it)
	}
	// pwsh orders the groups by their values (culture-aware, as Sort-Object)
	// when every value of a key has the same type, and keeps the order of
	// first appearance otherwise (GroupObjectCommand.EndProcessing).
	if sameGroupTypes(groups, func(g *group) []any { return g.values }) {
		col, err := orderCollation(c)
		if err != nil {
			return err
		}
		sort.SliceStable(groups, func(i, j int) bool {
			for k := range groups[i].values {
				if r := sortCompare(groups[i].values[k], groups[j].values[k], cs, col); r != 0 {
					return r < 0
				}
			}
			return false
		})
	}
	if c.Bool("AsHashTable") {
		h := value.NewHashtable()
		for _, g := range groups {
			var k any = g.name
			if !c.Bool("AsString") && len(g.values) == 1 {
				k = g.values[0]
			}
			h.Set(k, unwrapGroup(g.items))
		}
		return c.Write(h)
	}
	for _, g := range groups {
		o := value.NewObject("Microsoft.PowerShell.Commands.GroupInfo")
		o.Set("Count", len(g.items))
		o.Set("Name", g.name)
		if !c.Bool("NoElement") {
			// GroupInfo.Group is a Collection<PSObject>, Values an ArrayList
			o.Set("Group", &value.Array{Items: g.items, List: true, Kind: "collection", Elem: value.TPSObject})
		}
		o.Set("Values", &value.Array{Items: g.values, List: true})
		o.DefaultDisplay = []string{"Count", "Name", "Group"}
		if c.Bool("NoElement") {
			o.DefaultDisplay = []string{"Count", "Name"}
		}
		if err := c.Write(o); err != nil {
			return err
		}
	}
	return nil
}

// sameGroupTypes reports whether, key by key, every group's value has the
// same type (a null matches anything).
func sameGroupTypes[G any](groups []G, values func(G) []any) bool {
	var types []string
	for _, g := range groups {
		vals := values(g)
		if types == nil {
			types = make([]string, len(vals))
		}
		for k, v := range vals {
			if v == nil || k >= len(types) {
				continue
			}
			t := value.TypeName(v)
			if types[k] == "" {
				types[k] = t
			} else if types[k] != t {
				return false
			}
		}
	}
	return true
}

func unwrapGroup(items []any) any {
	if len(items) == 1 {
		return items[0]
	}
	return &value.Array{Items: items}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func sqrt(f float64) float64 {
	if f <= 0 {
		return 0
	}
	x := f
	for i := 0; i < 60; i++ {
		x = (x + f/x) / 2
	}
	return x
}

// formatColumns builds Format-Table/List columns from -Property.
func formatColumns(c *Call) ([]format.Column, error) {
	var cols []format.Column
	props := value.AsSlice(c.Arg("Property"))
	if len(props) == 0 && c.Has("ExcludeProperty") {
		// -ExcludeProperty alone shows the other properties (-Property *)
		props = []any{"*"}
	}
	for _, pr := range props {
		switch x := pr.(type) {
		case *value.Hashtable:
			name, expr, err := calculatedProperty(x)
			if err != nil {
				return nil, c.Fail("IllegalKey", InvalidArgument, "%s", err.Error())
			}
			col := format.Column{Label: name}
			e := expr
			col.Value = func(item any) any {
				v, _ := evalCalculated(c, item, e)
				return v
			}
			for i, k := range x.Keys() {
				lk := strings.ToLower(value.ToString(k))
				if strings.HasPrefix("width", lk) {
					col.Width, _ = value.ToInt(x.Values()[i])
				}
				if strings.HasPrefix("alignment", lk) {
					col.Align = value.ToString(x.Values()[i])
				}
			}
			cols = append(cols, col)
		case *ScriptBlock:
			sb := x
			cols = append(cols, format.Column{Label: strings.TrimSpace(sb.Text), Value: func(item any) any {
				v, _ := c.s.invokeScriptBlockValue(c.fr, sb, item, nil, true)
				return v
			}})
		default:
			name := value.ToString(x)
			if name == "*" || value.HasWildcard(name) {
				// expanded per item by the formatter's defaults: use the first item
				items, _ := c.State.([]any)
				if len(items) > 0 {
					for _, n := range propertyNames(items[0]) {
						if value.Like(n, name, false) {
							cols = append(cols, format.PropertyColumn(n))
						}
					}
				}
				continue
			}
			cols = append(cols, format.PropertyColumn(name))
		}
	}
	return cols, nil
}

func addMember(c *Call) error {
	in := c.Arg("InputObject")
	if mt, ok := c.Lookup("MemberType"); ok && !c.Has("NotePropertyMembers") {
		if _, isDict := mt.(*value.Hashtable); isDict {
			// a dictionary does not convert to PSMemberTypes: the binder
			// takes the NotePropertyMultiMemberSet (Add-Member $obj @{...})
			c.SetArg("NotePropertyMembers", mt)
			delete(c.bound, "membertype")
		}
	}
	if !c.Has("NotePropertyMembers") && !c.Has("NotePropertyName") && !(c.Has("TypeName") && !c.Has("Name")) {
		if err := checkMemberArgs(c); err != nil {
			return err
		}
	}
	o, ok := in.(*value.Object)
	if !ok {
		if h, isHash := in.(*value.Hashtable); isHash {
			// Add-Member on a hashtable adds a note property in pwsh; model it as a key
			if c.Has("NotePropertyName") {
				h.Set(c.String("NotePropertyName"), c.Arg("NotePropertyValue"))
			} else {
				h.Set(c.String("Name"), c.Arg("Value"))
			}
			if c.Bool("PassThru") {
				return c.Write(h)
			}
			return nil
		}
		return notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("Add-Member on a [%s] (members of an object other than a [pscustomobject] or a hashtable)", value.TypeName(in)))
	}
	set := func(name string, v any) error {
		if _, exists := o.Prop(name); exists && !c.Bool("Force") {
			return c.Errorf("MemberAlreadyExists", InvalidOperation, name,
				"Cannot add a member with the name %q because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.", name)
		}
		o.Set(name, v)
		return nil
	}
	switch {
	case c.Has("NotePropertyMembers"):
		switch m := c.Arg("NotePropertyMembers").(type) {
		case *value.Hashtable:
			for i, k := range m.Keys() {
				if err := set(value.ToString(k), m.Values()[i]); err != nil {
					return err
				}
			}
		case *value.Object:
			for _, pp := range m.Props() {
				if err := set(pp.Name, pp.Get()); err != nil {
					return err
				}
			}
		}
		if c.Has("TypeName") {
			o.AddTypeName(c.String("TypeName"))
		}
	case c.Has("NotePropertyName"):
		if err := set(c.String("NotePropertyName"), c.Arg("NotePropertyValue")); err != nil {
			return err
		}
		if c.Has("TypeName") {
			o.AddTypeName(c.String("TypeName"))
		}
	case c.Has("TypeName") && !c.Has("Name"):
		o.AddTypeName(c.String("TypeName"))
	default:
		mt := strings.ToLower(memberTypeName(c))
		name := c.String("Name")
		switch mt {
		case "noteproperty", "":
			if err := set(name, c.Arg("Value")); err != nil {
				return err
			}
		case "scriptmethod":
			sb, ok := c.Arg("Value").(*ScriptBlock)
			if !ok {
				return c.Fail("InvalidScriptMethod", InvalidArgument, "The value of a ScriptMethod must be a script block.")
			}
			if err := set(name, &scriptMethod{body: sb}); err != nil {
				return err
			}
		case "scriptproperty":
			get, _ := c.Arg("Value").(*ScriptBlock)
			setter, _ := c.Arg("SecondValue").(*ScriptBlock)
			if get == nil {
				return c.Fail("InvalidScriptProperty", InvalidArgument, "The value of a ScriptProperty must be a script block.")
			}
			if err := set(name, &scriptProperty{get: get, set: setter}); err != nil {
				return err
			}
		case "aliasproperty":
			target := c.String("Value")
			obj := o
			o.AddGetter(name, func() any { v, _ := obj.Get(target); return v })
		default:
			return c.Fail("NotImplemented", NotImplemented, "[NotImplemented] Add-Member -MemberType %s is not emulated", c.String("MemberType"))
		}
		if c.Has("TypeName") {
			o.AddTypeName(c.String("TypeName"))
		}
	}
	if c.Bool("PassThru") {
		return c.Write(o)
	}
	return nil
}

func getMember(c *Call) error {
	items, _ := c.State.([]any)
	seen := map[string]bool{}
	names := c.Strings("Name")
	mtype := strings.ToLower(c.String("MemberType"))
	for _, it := range items {
		tn := value.TypeName(it)
		if o, ok := it.(*value.Object); ok {
			// Get-Member names an object by PSTypeNames[0]
			tn = o.FirstTypeName()
		}
		if seen[tn] {
			continue
		}
		seen[tn] = true
		type member struct{ name, kind, def string }
		var members []member
		for _, m := range []string{"Equals", "GetHashCode", "GetType", "ToString"} {
			members = append(members, member{m, "Method", m + "()"})
		}
		if o, ok := it.(*value.Object); ok {
			for _, pp := range o.Props() {
				kind := "NoteProperty"
				if o.IsCustom() {
					kind = "NoteProperty"
				} else {
					kind = "Property"
				}
				if _, isM := pp.Value.(*scriptMethod); isM {
					kind = "ScriptMethod"
				}
				def := fmt.Sprintf("%s %s=%s", shortTypeOf(pp.Get()), pp.Name, c.s.toString(pp.Get()))
				members = append(members, member{pp.Name, kind, def})
			}
		} else {
			for _, n := range propertyNames(it) {
				v, _ := c.s.getMember(it, n)
				members = append(members, member{n, "Property", fmt.Sprintf("%s %s {get;}", shortTypeOf(v), n)})
			}
		}
		sort.SliceStable(members, func(i, j int) bool {
			if members[i].kind != members[j].kind {
				return members[i].kind < members[j].kind
			}
			return strings.ToLower(members[i].name) < strings.ToLower(members[j].name)
		})
		for _, m := range members {
			if len(names) > 0 {
				ok := false
				for _, n := range names {
					if value.Like(m.name, n, false) {
						ok = true
					}
				}
				if !ok {
					continue
				}
			}
			if mtype != "" && !strings.Contains(strings.ToLower(m.kind), strings.TrimSuffix(mtype, "s")) {
				continue
			}
			o := value.NewObject("Microsoft.PowerShell.Commands.MemberDefinition")
			o.Set("TypeName", tn)
			o.Set("Name", m.name)
			o.Set("MemberType", m.kind)
			o.Set("Definition", m.def)
			o.DefaultDisplay = []string{"Name", "MemberType", "Definition"}
			if err := c.Write(o); err != nil {
				return err
			}
		}
	}
	return nil
}

func shortTypeOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int:
		return "int"
	case int64:
		return "long"
	case float64:
		return "double"
	case bool:
		return "bool"
	case nil:
		return "object"
	}
	return value.TypeName(v)
}
