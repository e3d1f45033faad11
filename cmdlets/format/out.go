package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

// DefaultWidth is the console width used when none is given.
const DefaultWidth = 120

// Column is a Format-Table column or a Format-List entry: a property name
// (see PropertyColumn) or a calculated property.
type Column struct {
	// Label is the column header (Label/Name of a calculated property).
	Label string
	// Value computes the cell from the item (Expression). It may be nil when
	// Property is set.
	Value func(item any) any
	// Width is the column width for Format-Table; 0 lets pwsh decide.
	Width int
	// Align is "Left", "Right", "Center" or "" (numbers right, text left).
	Align string
	// Property, when set, names the property the column shows and may hold
	// wildcards ("*", "Name*"): it is resolved against the first object for
	// Format-Table (a missing property gives a blank column) and against each
	// object for Format-List (a missing property is left out).
	Property string
}

// PropertyColumn returns a column showing property name: a property of a
// *value.Object, a key of a *value.Hashtable (or of a hashtable entry:
// Name, Key, Value), or a property of an emulated .NET value. A missing
// property gives nil.
func PropertyColumn(name string) Column {
	return Column{
		Label:    name,
		Property: name,
		Value: func(item any) any {
			v, _ := getProp(item, name)
			return v
		},
	}
}

// Style is how table headers are decorated when output renders ANSI
// escape sequences ($PSStyle.OutputRendering Ansi): Header before a label
// that is its property's name, Custom before any other label, Reset
// after each; all empty for plain text.
type Style struct {
	Header, Custom, Reset string
	// Accent decorates the labels of lists (FormatAccent).
	Accent string
}

// TableOptions are the switches of Format-Table.
type TableOptions struct {
	AutoSize         bool
	HideTableHeaders bool
	Wrap             bool
	// GroupBy, when set, starts a new table, headed "   GroupLabel: value",
	// each time its value changes from one item to the next.
	GroupBy    func(item any) any
	GroupLabel string
	// Width is the console width; 0 means DefaultWidth.
	Width int
	// Force formats every object with the view, also those (strings,
	// numbers) that otherwise show as themselves (-Force).
	Force bool
	// Exclude are the names (wildcards) of properties not shown
	// (-ExcludeProperty).
	Exclude []string
	// Style decorates the header.
	Style Style
}

// ListOptions are the switches of Format-List.
type ListOptions struct {
	GroupBy    func(item any) any
	GroupLabel string
	// Width is the console width; 0 means DefaultWidth.
	Width int
	// Force, Exclude and Style are those of TableOptions.
	Force   bool
	Exclude []string
	Style   Style
}

// Default writes items as Out-Default does at the end of a pipeline, on a
// console width columns wide (0 means DefaultWidth). As in pwsh, lines use
// at most width-1 columns (ConsoleLineOutput keeps the last column free).
//
// The items are the pipeline's output; an item that is a *value.Array is
// enumerated (one level, as Format-Default does) and a *value.Hashtable is
// shown as its entries (table "Name Value").
func Default(w io.Writer, items []any, width int) error {
	return DefaultStyled(w, items, width, Style{})
}

// DefaultStyled is Default with table headers decorated by st.
func DefaultStyled(w io.Writer, items []any, width int, st Style) error {
	e := newEngine(w, width, shapeDefault)
	e.style = st
	return e.run(items)
}

// Stream is Out-Default over a pipeline whose objects arrive in batches:
// the first batch picks the view and sizes the table's columns (as pwsh's
// group cache does), and later batches continue the same table without a
// new header, so that messages written between batches do not break it.
type Stream struct {
	e *engine
}

// NewStream returns an Out-Default stream writing to w.
func NewStream(w io.Writer, width int) *Stream {
	return NewStreamStyled(w, width, Style{})
}

// NewStreamStyled is NewStream with table headers decorated by st.
func NewStreamStyled(w io.Writer, width int, st Style) *Stream {
	e := newEngine(w, width, shapeDefault)
	e.style = st
	return &Stream{e: e}
}

// Add formats a batch of items and writes them out.
func (s *Stream) Add(items []any) error {
	e := s.e
	e.streaming = true
	e.feed(items)
	if e.inGroup {
		e.popGroup()
	}
	if err := e.bw.Flush(); err != nil && e.err == nil {
		e.err = err
	}
	return e.err
}

// End finishes the output (the blank line after a table) and writes it.
func (s *Stream) End() error {
	e := s.e
	if e.started && e.view.kind != viewList {
		e.write("")
	}
	if err := e.bw.Flush(); err != nil && e.err == nil {
		e.err = err
	}
	return e.err
}

// Table writes items as "... | Format-Table" shows them. With no columns,
// the columns are the default display properties of the first object, or
// its first 10 properties, or the built-in view of its type.
func Table(w io.Writer, items []any, cols []Column, opts TableOptions) error {
	e := newEngine(w, opts.Width, shapeTable)
	e.params = cols
	e.autosize = opts.AutoSize
	e.hide = opts.HideTableHeaders
	e.wrap = opts.Wrap
	e.style = opts.Style
	e.groupBy, e.groupLabel = opts.GroupBy, opts.GroupLabel
	e.force, e.exclude = opts.Force, opts.Exclude
	return e.run(items)
}

// List writes items as "... | Format-List" shows them on a console of
// DefaultWidth. With no columns, each object shows its default display
// properties or all its properties; PropertyColumn("*") shows all of them.
func List(w io.Writer, items []any, props []Column) error {
	return ListWith(w, items, props, ListOptions{})
}

// ListWith is List with options.
func ListWith(w io.Writer, items []any, props []Column, opts ListOptions) error {
	e := newEngine(w, opts.Width, shapeList)
	e.params = props
	e.groupBy, e.groupLabel = opts.GroupBy, opts.GroupLabel
	e.force, e.exclude = opts.Force, opts.Exclude
	e.style = opts.Style
	return e.run(items)
}

// WideOptions are the switches of Format-Wide.
type WideOptions struct {
	// Property is the property shown (-Property); nil: the object's
	// display name.
	Property *Column
	// Columns is -Column (0: two columns, or with AutoSize as many as fit).
	Columns    int
	AutoSize   bool
	GroupBy    func(item any) any
	GroupLabel string
	// Width is the console width; 0 means DefaultWidth.
	Width   int
	Force   bool
	Exclude []string
}

// Wide writes items as "... | Format-Wide" shows them: one value of each
// object, several objects to a row (pwsh's WideViewGenerator and
// WideOutputContext).
func Wide(w io.Writer, items []any, opts WideOptions) error {
	e := newEngine(w, opts.Width, shapeWide)
	if opts.Property != nil {
		e.params = []Column{*opts.Property}
	}
	e.autosize, e.wideColumns = opts.AutoSize, opts.Columns
	e.groupBy, e.groupLabel = opts.GroupBy, opts.GroupLabel
	e.force, e.exclude = opts.Force, opts.Exclude
	return e.run(items)
}

// wideValue is the text Format-Wide shows for an object: the first
// property -Property resolves to (less the excluded ones); else, as in
// pwsh's FileSystem format data, a folder's name in brackets and a file's
// name; else its display name, the first property matching name, id, key,
// *key, *name or *id (PSObjectHelper.GetDisplayNameExpression); else its
// first default or other property.
func (e *engine) wideValue(so any) string {
	show := func(r any) string { return smartToString(r, false) }
	if len(e.params) > 0 {
		c := e.params[0]
		switch {
		case c.Property == "":
			if c.Value != nil {
				return show(c.Value(so))
			}
		case hasWildcard(c.Property):
			for _, n := range propNames(so) {
				if wildcardMatch(c.Property, n) && !e.excluded(n) {
					r, _ := getProp(so, n)
					return show(r)
				}
			}
		case !e.excluded(c.Property):
			r, ok := getProp(so, c.Property)
			if ok && c.Value != nil {
				r = c.Value(so)
			}
			return show(r)
		}
		return ""
	}
	if o, ok := so.(*value.Object); ok {
		switch o.TypeName() {
		case "System.IO.DirectoryInfo":
			r, _ := getProp(so, "Name")
			return "[" + show(r) + "]"
		case "System.IO.FileInfo":
			r, _ := getProp(so, "Name")
			return show(r)
		}
	}
	names := propNames(so)
	for _, pat := range []string{"name", "id", "key", "*key", "*name", "*id"} {
		for _, n := range names {
			if wildcardMatch(pat, n) {
				r, _ := getProp(so, n)
				return show(r)
			}
		}
	}
	list := defaultProps(so)
	if list == nil {
		list = expandAllNames(so)
	}
	if len(list) > 0 {
		r, _ := getProp(so, list[0])
		return show(r)
	}
	return ""
}

// renderWide writes a group of Format-Wide's values, a row at a time:
// -Column values to a row, or with -AutoSize as many as fit the widest,
// else two; the columns share the width of the screen.
func (e *engine) renderWide(events []event) {
	per := 2
	switch {
	case e.autosize:
		widest := 0
		for _, ev := range events {
			if ev.kind == evWide {
				widest = max(widest, cells(ev.text))
			}
		}
		per = wideItemsPerRow(widest, e.cols)
	case e.wideColumns > 0:
		per = e.wideColumns
	}
	aligns := make([]int, per)
	for k := range aligns {
		aligns[k] = alignLeft
	}
	tw := newTableWriter(e.cols, make([]int, per), aligns, true)
	var buf []string
	flush := func() {
		if len(buf) == 0 {
			return
		}
		values := make([]string, per)
		copy(values, buf)
		e.write(tw.rowLines(values, false)...)
		buf = nil
	}
	for _, ev := range events {
		if ev.kind != evWide {
			e.render(ev, nil)
			continue
		}
		buf = append(buf, ev.text)
		if len(buf) == per {
			flush()
		}
	}
	flush()
}

// wideItemsPerRow is TableWriter.ComputeWideViewBestItemsPerRowFit: how
// many values of width n fit a row of the screen, with a space between.
func wideItemsPerRow(n, screen int) int {
	if n <= 0 || screen < 1 || n >= screen {
		return 1
	}
	k := 1
	for n*(k+1)+k < screen {
		k++
	}
	return k
}

type shape int

const (
	shapeDefault shape = iota
	shapeTable
	shapeList
	shapeWide
)

type viewKind int

const (
	viewTable viewKind = iota
	viewList
	viewCustom
	viewWide
)

// view is the view the first object of a document selects.
type view struct {
	kind viewKind
	// db names the built-in view's type ("entry", "guid", "span", "date",
	// "type"); "" for a view generated from properties, which accepts every
	// object.
	db string
	// Table and built-in list columns.
	labels  []string
	widths  []int
	aligns  []int
	getters []func(any) (any, bool)
	// isTable makes doubles show with two decimals (tables from properties).
	isTable bool
	// custom marks the columns whose label is not their property's name
	// (a calculated property's, or a view's own label).
	custom []bool
	// groupBy and groupLabel group the objects of a view that groups
	// them (GroupByProperty), as -GroupBy does.
	groupBy    func(any) any
	groupLabel string
}

type eventKind int

const (
	evRow eventKind = iota
	evRaw
	evOutOfBandList
	evListEntry
	evCustom
	evNewLine
	evWide
)

type event struct {
	kind   eventKind
	text   string
	labels []string
	values []string
}

type engine struct {
	bw    *bufio.Writer
	err   error
	cols  int
	shape shape

	params   []Column
	autosize bool
	// wideColumns is Format-Wide's -Column (0: not given)
	wideColumns int
	hide        bool
	wrap        bool
	groupBy     func(any) any
	groupLabel  string
	// force: no object is out of band (pwsh's
	// forceFormattingAlsoOnOutOfBand, set by -Force)
	force bool
	// exclude: names of properties not shown (wildcards)
	exclude []string
	// style decorates table headers
	style Style

	view     *view
	started  bool
	inGroup  bool
	key      any
	events   []event
	groupTop []string
	// streaming: the engine serves a Stream; cont is the table that later
	// batches continue (an empty writer for list and custom views).
	streaming bool
	cont      *tableWriter
}

func newEngine(w io.Writer, width int, s shape) *engine {
	if width <= 0 {
		width = DefaultWidth
	}
	return &engine{bw: bufio.NewWriter(w), cols: width - 1, shape: s}
}

func (e *engine) run(items []any) error {
	e.feed(items)
	if e.inGroup {
		e.popGroup()
	}
	if e.started && e.view.kind != viewList {
		e.write("")
	}
	if err := e.bw.Flush(); err != nil && e.err == nil {
		e.err = err
	}
	return e.err
}

// feed adds the pipeline's items, enumerating arrays and hashtables.
func (e *engine) feed(items []any) {
	for _, it := range items {
		switch x := it.(type) {
		case *value.Array:
			for _, el := range x.Items {
				e.add(el)
			}
		case *value.Hashtable:
			for _, en := range hashEntries(x) {
				e.add(en)
			}
		default:
			e.add(it)
		}
	}
}

func (e *engine) write(lines ...string) {
	for _, l := range lines {
		if e.err != nil {
			return
		}
		if _, err := e.bw.WriteString(l); err != nil {
			e.err = err
			return
		}
		if err := e.bw.WriteByte('\n'); err != nil {
			e.err = err
		}
	}
}

// add is InnerFormatShapeCommand.ProcessObject for one object.
func (e *engine) add(so any) {
	if so == nil {
		return
	}
	if isOutOfBand(so) && !e.force {
		e.emit(event{kind: evRaw, text: psString(so)})
		return
	}
	if !e.started {
		e.view = e.selectView(so)
		if e.view.groupBy != nil && e.groupBy == nil {
			e.groupBy, e.groupLabel = e.view.groupBy, e.view.groupLabel
		}
		e.started = true
		e.write("")
	}
	if e.view.db != "" && typeKey(so) != e.view.db {
		labels, values := e.propertyEntry(so, nil)
		e.emit(event{kind: evOutOfBandList, labels: labels, values: values})
		return
	}
	switch {
	case !e.inGroup && e.cont != nil:
		// a later batch of a stream continues the table
		e.render(e.payload(so), e.cont)
		return
	case !e.inGroup:
		e.key = e.groupKey(so)
		e.pushGroup()
	case e.groupBy != nil:
		if k := e.groupKey(so); !sameKey(k, e.key) {
			e.emit(event{kind: evNewLine})
			e.popGroup()
			e.key = k
			e.pushGroup()
		}
	}
	e.emit(e.payload(so))
}

func (e *engine) emit(ev event) {
	if e.inGroup {
		e.events = append(e.events, ev)
		return
	}
	e.render(ev, nil)
}

func (e *engine) groupKey(so any) any {
	if e.groupBy == nil {
		return nil
	}
	return e.groupBy(so)
}

func sameKey(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if value.IsNumber(a) && value.IsNumber(b) {
		x, _ := value.ToFloat(a)
		y, _ := value.ToFloat(b)
		return x == y
	}
	return strings.EqualFold(psString(a), psString(b))
}

func (e *engine) pushGroup() {
	e.inGroup = true
	e.events = nil
	e.groupTop = nil
	if e.groupBy != nil {
		text := "   " + e.groupLabel + ": " + smartToString(e.key, false)
		e.groupTop = append(generateLines(text, e.cols, e.cols), "")
	}
}

// popGroup writes the group: its header, then its entries, with the table
// columns sized from all of them (pwsh's 300ms group cache).
func (e *engine) popGroup() {
	e.inGroup = false
	events := e.events
	e.events = nil
	e.write(e.groupTop...)
	if e.view.kind == viewWide {
		e.renderWide(events)
		return
	}
	var tw *tableWriter
	if e.view.kind == viewTable && len(e.view.labels) > 0 {
		widths := append([]int(nil), e.view.widths...)
		if e.autosize || widths[0] == 0 {
			widths = make([]int, len(e.view.labels))
			for k, l := range e.view.labels {
				widths[k] = cells(l)
			}
			for _, ev := range events {
				if ev.kind != evRow {
					continue
				}
				for k, v := range ev.values {
					if c := cells(v); c > widths[k] {
						widths[k] = c
					}
				}
			}
		}
		tw = newTableWriter(e.cols, widths, e.view.aligns, e.hide)
		tw.style, tw.custom = e.style, e.view.custom
		e.write(tw.header(e.view.labels)...)
	}
	if e.streaming && e.groupBy == nil {
		if tw != nil {
			e.cont = tw
		} else {
			e.cont = &tableWriter{}
		}
	}
	for _, ev := range events {
		e.render(ev, tw)
	}
}

func (e *engine) render(ev event, tw *tableWriter) {
	switch ev.kind {
	case evRaw:
		e.write(ev.text)
	case evNewLine:
		e.write("")
	case evOutOfBandList:
		e.write("")
		e.write(listLinesStyled(ev.labels, ev.values, e.cols, e.style)...)
		e.write("")
	case evListEntry:
		e.write(listLinesStyled(ev.labels, ev.values, e.cols, e.style)...)
		e.write("")
	case evCustom:
		e.write(generateLines(ev.text, e.cols, e.cols)...)
	case evRow:
		if tw != nil {
			e.write(tw.rowLines(ev.values, e.wrap)...)
		}
	}
}

func (e *engine) payload(so any) event {
	v := e.view
	switch v.kind {
	case viewWide:
		return event{kind: evWide, text: e.wideValue(so)}
	case viewTable:
		values := make([]string, len(v.getters))
		for k, g := range v.getters {
			if r, ok := g(so); ok {
				values[k] = smartToString(r, v.isTable)
			}
		}
		return event{kind: evRow, values: values}
	case viewCustom:
		if o, ok := so.(*value.Object); ok && o.View != nil {
			return event{kind: evCustom, text: o.View()}
		}
		t, _ := so.(time.Time)
		return event{kind: evCustom, text: dateLong(t)}
	}
	if v.db != "" {
		values := make([]string, len(v.getters))
		for k, g := range v.getters {
			if r, ok := g(so); ok {
				values[k] = smartToString(r, false)
			}
		}
		return event{kind: evListEntry, labels: v.labels, values: values}
	}
	labels, values := e.propertyEntry(so, e.params)
	return event{kind: evListEntry, labels: labels, values: values}
}

// propertyEntry is a list entry generated from properties: the columns
// given (resolved against so), else the default display properties, else
// all the properties.
func (e *engine) propertyEntry(so any, cols []Column) (labels, values []string) {
	if len(cols) == 0 {
		names := defaultProps(so)
		if names == nil {
			names = expandAllNames(so)
		}
		for _, n := range names {
			r, _ := getProp(so, n)
			labels = append(labels, n)
			values = append(values, smartToString(r, false))
		}
		return labels, values
	}
	for _, c := range cols {
		if c.Property == "" {
			labels = append(labels, c.Label)
			var r any
			if c.Value != nil {
				r = c.Value(so)
			}
			values = append(values, smartToString(r, false))
			continue
		}
		if hasWildcard(c.Property) {
			for _, n := range propNames(so) {
				if wildcardMatch(c.Property, n) && !e.excluded(n) {
					r, _ := getProp(so, n)
					labels = append(labels, n)
					values = append(values, smartToString(r, false))
				}
			}
			continue
		}
		r, ok := getProp(so, c.Property)
		if !ok || e.excluded(c.Property) {
			continue
		}
		if c.Value != nil {
			r = c.Value(so)
		}
		labels = append(labels, columnLabel(c, so))
		values = append(values, smartToString(r, false))
	}
	return labels, values
}

// columnLabel is the label of a property column: the property's own
// spelling, unless the column was given another label.
func columnLabel(c Column, so any) string {
	if c.Label != "" && !strings.EqualFold(c.Label, c.Property) {
		return c.Label
	}
	for _, n := range propNames(so) {
		if strings.EqualFold(n, c.Property) {
			return n
		}
	}
	return c.Property
}

func typeKey(v any) string {
	switch x := v.(type) {
	case *value.Object:
		switch {
		case x.View != nil:
			return "custom"
		case x.TypeName() == historyInfoType:
			return "history"
		case x.TypeName() == ByteCollectionType:
			return "hex"
		}
	case dictEntry:
		return "entry"
	case value.Guid:
		return "guid"
	case time.Duration:
		return "span"
	case time.Time:
		return "date"
	case *value.Type:
		return "type"
	}
	return ""
}

func propGetter(name string) func(any) (any, bool) {
	return func(v any) (any, bool) { return getProp(v, name) }
}

func dbView(kind viewKind, db string, labels []string, props []string, widths []int) *view {
	v := &view{kind: kind, db: db, labels: labels, widths: widths}
	v.aligns = make([]int, len(labels))
	for k, p := range props {
		v.getters = append(v.getters, propGetter(p))
		v.custom = append(v.custom, labels[k] != p)
	}
	if v.widths == nil {
		v.widths = make([]int, len(labels))
	}
	return v
}

var spanListProps = []string{"Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds"}

// selectView is FormatViewManager.Initialize for the first object.
func (e *engine) selectView(so any) *view {
	key := typeKey(so)
	switch e.shape {
	case shapeWide:
		return &view{kind: viewWide}
	case shapeDefault:
		switch key {
		case "entry":
			return dbView(viewTable, key, []string{"Name", "Value"}, []string{"Name", "Value"}, []int{30, 0})
		case "guid":
			return dbView(viewTable, key, []string{"Guid"}, []string{"Guid"}, nil)
		case "span":
			return dbView(viewList, key, spanListProps, spanListProps, nil)
		case "date", "custom":
			return &view{kind: viewCustom, db: key}
		case "type":
			return typeView()
		case "history":
			return historyView()
		case "hex":
			return hexView()
		}
		names := defaultProps(so)
		if names == nil {
			names = expandAllNames(so)
		}
		if len(names) <= 4 {
			return propTableView(so, names)
		}
		return &view{kind: viewList}
	case shapeTable:
		if len(e.params) > 0 {
			return e.columnsTableView(so)
		}
		switch key {
		case "entry":
			return dbView(viewTable, key, []string{"Name", "Value"}, []string{"Name", "Value"}, []int{30, 0})
		case "guid":
			return dbView(viewTable, key, []string{"Guid"}, []string{"Guid"}, nil)
		case "span":
			p := []string{"Days", "Hours", "Minutes", "Seconds", "Milliseconds"}
			return dbView(viewTable, key, p, p, nil)
		case "type":
			return typeView()
		case "history":
			return historyView()
		case "hex":
			return hexView()
		}
		names := defaultProps(so)
		if names == nil {
			names = expandAllNames(so)
			if len(names) > 10 {
				names = names[:10]
			}
		}
		return propTableView(so, names)
	}
	if len(e.params) == 0 {
		switch key {
		case "entry":
			return dbView(viewList, key, []string{"Name", "Value"}, []string{"Name", "Value"}, nil)
		case "span":
			return dbView(viewList, key, spanListProps, spanListProps, nil)
		}
	}
	return &view{kind: viewList}
}

func typeView() *view {
	return dbView(viewTable, "type", []string{"IsPublic", "IsSerial", "Name", "BaseType"},
		[]string{"IsPublic", "IsSerializable", "Name", "BaseType"}, []int{8, 8, 40, 0})
}

// historyInfoType is the type of Get-History's entries.
const historyInfoType = "Microsoft.PowerShell.Commands.HistoryInfo"

// historyView is pwsh's table view of a HistoryInfo: Id (right, 4
// columns), Duration (right, 12 columns, shortest of s.fff, m:ss.fff,
// h:mm:ss.fff) and CommandLine.
func historyView() *view {
	v := dbView(viewTable, "history", []string{"Id", "Duration", "CommandLine"}, []string{"Id", "Duration", "CommandLine"}, []int{4, 12, 0})
	v.aligns[0], v.aligns[1] = alignRight, alignRight
	v.getters[1] = func(item any) (any, bool) {
		d, ok := getProp(item, "Duration")
		span, isSpan := d.(time.Duration)
		if !ok || !isSpan {
			return d, ok
		}
		return historyDuration(span), true
	}
	return v
}

// ByteCollectionType is the type of Format-Hex's output.
const ByteCollectionType = "Microsoft.PowerShell.Commands.ByteCollection"

// hexView is the table view of PowerShellCore.format.ps1xml for
// Format-Hex's ByteCollection: Offset (right-aligned), Bytes with the
// byte numbers under its label, and Ascii, grouped by Label.
func hexView() *view {
	v := dbView(viewTable, "hex", []string{"Offset", "Bytes\n00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F", "Ascii"},
		[]string{"HexOffset", "HexBytes", "Ascii"}, []int{16, 47, 16})
	v.aligns[0], v.aligns[1], v.aligns[2] = alignRight, alignLeft, alignLeft
	v.groupBy, v.groupLabel = func(item any) any { l, _ := getProp(item, "Label"); return l }, "Label"
	return v
}

// historyDuration formats a command's duration as the history view does.
func historyDuration(d time.Duration) string {
	ms := d.Milliseconds()
	h, m, sec, frac := ms/3600000, ms/60000%60, ms/1000%60, ms%1000
	switch {
	case h >= 1:
		return fmt.Sprintf("%d:%02d:%02d.%03d", h, m, sec, frac)
	case m >= 1:
		return fmt.Sprintf("%d:%02d.%03d", m, sec, frac)
	}
	return fmt.Sprintf("%d.%03d", sec, frac)
}

func propTableView(first any, names []string) *view {
	v := &view{kind: viewTable, isTable: true}
	for _, n := range names {
		g := propGetter(n)
		v.labels = append(v.labels, n)
		v.widths = append(v.widths, 0)
		v.aligns = append(v.aligns, defaultAlignment(first, g))
		v.getters = append(v.getters, g)
	}
	return v
}

// columnsTableView is AssociationManager.ExpandTableParameters against the
// first object.
func (e *engine) columnsTableView(first any) *view {
	v := &view{kind: viewTable, isTable: true}
	addCol := func(label string, c Column, g func(any) (any, bool)) {
		v.labels = append(v.labels, label)
		v.custom = append(v.custom, c.Property == "" || !strings.EqualFold(label, c.Property) && !hasWildcard(c.Property))
		w := c.Width
		if w < 0 {
			w = 0
		}
		v.widths = append(v.widths, w)
		a := parseAlign(c.Align)
		if a == alignUndefined {
			a = defaultAlignment(first, g)
		}
		v.aligns = append(v.aligns, a)
		v.getters = append(v.getters, g)
	}
	for _, c := range e.params {
		c := c
		switch {
		case c.Property == "":
			addCol(c.Label, c, func(it any) (any, bool) {
				if c.Value == nil {
					return nil, false
				}
				return c.Value(it), true
			})
		case hasWildcard(c.Property):
			for _, n := range propNames(first) {
				if wildcardMatch(c.Property, n) && !e.excluded(n) {
					addCol(n, c, propGetter(n))
				}
			}
		case e.excluded(c.Property):
		default:
			g := propGetter(c.Property)
			if c.Value != nil {
				g = func(it any) (any, bool) {
					if _, ok := getProp(it, c.Property); !ok {
						return nil, false
					}
					return c.Value(it), true
				}
			}
			addCol(columnLabel(c, first), c, g)
		}
	}
	return v
}

// excluded reports whether the property name is one -ExcludeProperty
// leaves out.
func (e *engine) excluded(name string) bool {
	for _, x := range e.exclude {
		if wildcardMatch(x, name) {
			return true
		}
	}
	return false
}

func parseAlign(s string) int {
	switch strings.ToLower(s) {
	case "left":
		return alignLeft
	case "right":
		return alignRight
	case "center":
		return alignCenter
	}
	return alignUndefined
}

// defaultAlignment is TableViewGenerator.ComputeDefaultAlignment: numbers,
// bool, char and enums are right-aligned, the rest left-aligned, judged on
// the first object's value.
func defaultAlignment(first any, g func(any) (any, bool)) int {
	r, ok := g(first)
	if !ok || r == nil {
		return alignLeft
	}
	if _, isStr := r.(string); !isStr && isScalar(r) {
		return alignRight
	}
	return alignLeft
}
