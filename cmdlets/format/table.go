package format

import "strings"

// Text alignments (TextAlignment in pwsh).
const (
	alignUndefined = iota
	alignLeft
	alignCenter
	alignRight
)

// calcColumnWidths is ColumnWidthManager.CalculateColumnWidths: columns
// with no width (<= 0) share the free space; if the table is too wide, the
// right-most columns are shrunk, then hidden (width -1).
func calcColumnWidths(widths []int, tableWidth int) {
	const minWidth, sep = 1, 1
	if assignColumnWidths(widths, tableWidth, minWidth, sep) {
		return
	}
	for {
		excess := currentTableWidth(widths, sep) - tableWidth
		if excess <= 0 {
			return
		}
		last := -1
		for k := range widths {
			if widths[k] < 0 {
				break
			}
			last = k
		}
		if last < 0 {
			return
		}
		if nw := widths[last] - excess; nw < minWidth {
			widths[last] = -1
		} else {
			widths[last] = nw
		}
	}
}

func assignColumnWidths(widths []int, tableWidth, minWidth, sep int) bool {
	all, sum := true, 0
	for _, w := range widths {
		if w <= 0 {
			all = false
			break
		}
		sum += w
	}
	if all {
		return sum+sep*(len(widths)-1) <= tableWidth
	}
	fixed := make([]bool, len(widths))
	for k, w := range widths {
		fixed[k] = w > 0
		if w == 0 {
			widths[k] = minWidth
		}
	}
	avail := tableWidth - currentTableWidth(widths, sep)
	if avail < 0 {
		return false
	}
	for avail > 0 {
		for k := range widths {
			if fixed[k] {
				continue
			}
			widths[k]++
			avail--
			if avail == 0 {
				break
			}
		}
	}
	return true
}

func currentTableWidth(widths []int, sep int) int {
	sum, visible := 0, 0
	for _, w := range widths {
		if w > 0 {
			sum += w
			visible++
		}
	}
	return sum + sep*(visible-1)
}

// tableWriter is pwsh's TableWriter with a left margin of 0.
type tableWriter struct {
	disabled   bool
	hideHeader bool
	widths     []int
	aligns     []int
	// style decorates the header; custom marks the columns whose label
	// is not a property's name
	style  Style
	custom []bool
}

func newTableWriter(screenCols int, widths, aligns []int, hideHeader bool) *tableWriter {
	t := &tableWriter{hideHeader: hideHeader, aligns: aligns}
	if screenCols < 5 {
		t.disabled = true
		return t
	}
	calcColumnWidths(widths, screenCols)
	ok := false
	for _, w := range widths {
		if w >= 1 {
			ok = true
			break
		}
	}
	if !ok {
		t.disabled = true
		return t
	}
	t.widths = widths
	return t
}

// header returns the header lines: the labels (wrapped if a column is
// narrower than its label) and the line of dashes, each as long as the label.
func (t *tableWriter) header(labels []string) []string {
	if t.disabled || t.hideHeader {
		return nil
	}
	if t.style.Reset != "" {
		return t.styledHeader(labels)
	}
	out := t.multiLineRow(labels, t.aligns)
	dashes := make([]string, len(labels))
	for k := range labels {
		if t.widths[k] <= 0 {
			continue
		}
		n := t.widths[k]
		if labels[k] != "" {
			if l := cells(labels[k]); l < n {
				n = l
			}
		}
		dashes[k] = strings.Repeat("-", n)
	}
	return append(out, t.row(dashes, t.aligns))
}

// styledHeader is header with ANSI decorations, as TableWriter writes
// them: each label's column (with the space before it) starts with the
// TableHeader style, or CustomTableHeaderLabel after that space for a
// label that is not its property's name, and ends with Reset; each run of
// dashes is in the TableHeader style.
func (t *tableWriter) styledHeader(labels []string) []string {
	deco := func(col int, v string) string {
		if col < len(t.custom) && t.custom[col] {
			if v != "" {
				at := 0
				if col > 0 {
					at = 1
				}
				if at > len(v) {
					at = len(v)
				}
				v = v[:at] + t.style.Custom + v[at:]
			}
			return v + t.style.Reset
		}
		return t.style.Header + v + t.style.Reset
	}
	out := t.multiLineRowWith(labels, t.aligns, deco)
	var b strings.Builder
	n := len(t.widths)
	for k := 0; k < n; k++ {
		if t.widths[k] <= 0 {
			continue
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		dashes := t.widths[k]
		if labels[k] != "" {
			if l := cells(labels[k]); l < dashes {
				dashes = l
			}
		}
		b.WriteString(t.style.Header + rowField(strings.Repeat("-", dashes), t.widths[k], t.aligns[k], k != n-1) + t.style.Reset)
	}
	return append(out, b.String())
}

// rowLines renders a data row, wrapped over several lines when multiLine.
func (t *tableWriter) rowLines(values []string, multiLine bool) []string {
	if t.disabled {
		return nil
	}
	if multiLine {
		return t.multiLineRow(values, t.aligns)
	}
	return []string{t.row(values, t.aligns)}
}

// row is TableWriter.GenerateRow (single line). Only the last column of
// the table is left unpadded, even when it is hidden.
func (t *tableWriter) row(values []string, aligns []int) string {
	var b strings.Builder
	n := len(t.widths)
	for k := 0; k < n; k++ {
		addPadding := k != n-1
		if t.widths[k] <= 0 {
			continue
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(rowField(values[k], t.widths[k], aligns[k], addPadding))
	}
	return b.String()
}

// multiLineRow is TableWriter.GenerateTableRow.
func (t *tableWriter) multiLineRow(values []string, aligns []int) []string {
	return t.multiLineRowWith(values, aligns, nil)
}

// multiLineRowWith is multiLineRow, each column's piece of a line passed
// through deco (with the column's index) when it is set.
func (t *tableWriter) multiLineRowWith(values []string, aligns []int, deco func(col int, v string) string) []string {
	var valid []int
	for k, w := range t.widths {
		if w > 0 {
			valid = append(valid, k)
		}
	}
	if len(valid) == 0 {
		return nil
	}
	sc := make([][]string, len(valid))
	for k, col := range valid {
		addPadding := k != len(valid)-1
		sc[k] = t.multiLineField(values[col], col, aligns[col], addPadding)
		if k > 0 {
			for j := range sc[k] {
				sc[k][j] = " " + sc[k][j]
			}
		}
	}
	rows := 0
	for _, c := range sc {
		if len(c) > rows {
			rows = len(c)
		}
	}
	lastWith := make([]int, rows)
	for r := 0; r < rows; r++ {
		for c := range sc {
			if len(sc[c]) > r {
				lastWith[r] = c
			}
		}
	}
	for c := range sc {
		pad := 0
		if c < len(sc)-1 {
			pad = t.widths[valid[c]]
			if c > 0 {
				pad++
			}
		}
		for r := len(sc[c]); r < rows; r++ {
			if c > lastWith[r] {
				sc[c] = append(sc[c], "")
			} else {
				sc[c] = append(sc[c], spaces(pad))
			}
		}
	}
	out := make([]string, rows)
	for r := 0; r < rows; r++ {
		var b strings.Builder
		for c := range sc {
			v := sc[c][r]
			if c == lastWith[r] && rows > 1 {
				v = trimEnd(v)
			}
			if deco != nil {
				v = deco(valid[c], v)
			}
			b.WriteString(v)
		}
		out[r] = b.String()
	}
	return out
}

func (t *tableWriter) multiLineField(val string, k, align int, addPadding bool) []string {
	w := t.widths[k]
	sc := generateLines(val, w, w)
	if addPadding || align == alignRight || align == alignCenter {
		for i := range sc {
			if cells(sc[i]) < w {
				sc[i] = rowField(sc[i], w, align, addPadding)
			}
		}
	}
	return sc
}

// rowField is TableWriter.GenerateRowField: pad or truncate val to width.
func rowField(val string, width, align int, addPadding bool) string {
	s := truncateAtNewLine(val)
	l := cells(s)
	switch {
	case l < width:
		pad := width - l
		switch align {
		case alignRight:
			s = spaces(pad) + s
		case alignCenter:
			left := pad / 2
			s = spaces(left) + s
			if addPadding {
				s += spaces(pad - left)
			}
		default:
			if addPadding {
				s += spaces(pad)
			}
		}
	case l > width:
		rs := []rune(s)
		if tl := width - 1; tl > 0 {
			if align == alignRight {
				s = ellipsis + string(rs[len(rs)-fitTail(rs, tl):])
			} else {
				s = string(rs[:fitHead(rs, tl)]) + ellipsis
			}
		} else if align == alignRight {
			s = string(rs[len(rs)-fitTail(rs, width):])
		} else {
			s = string(rs[:fitHead(rs, width)])
		}
	}
	if cells(s) == width {
		return s
	}
	switch align {
	case alignRight:
		s = " " + s
	default:
		if addPadding {
			s += " "
		}
	}
	return s
}
