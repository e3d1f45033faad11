package format

import "strings"

// listLines is ListWriter.Initialize + WriteProperties: "Label : value"
// lines, the labels padded to the longest one, values wrapped at the screen
// width with continuation lines indented to the value column.
func listLines(labels, values []string, screenCols int) []string {
	return listLinesStyled(labels, values, screenCols, Style{})
}

// listLinesStyled is listLines with each label (and its " : ") in
// st.Accent, followed by st.Reset, as pwsh's ListWriter writes them when
// the style is not empty.
func listLinesStyled(labels, values []string, screenCols int, st Style) []string {
	const sep = " : "
	if len(labels) == 0 || screenCols-len(sep)-1-1 < 0 {
		return nil
	}
	maxLabel := screenCols - len(sep) - 1
	width := 0
	for _, l := range labels {
		if c := cells(l); c > width {
			width = c
		}
	}
	if width > maxLabel {
		width = maxLabel
	}
	padded := make([]string, len(labels))
	for k, l := range labels {
		c := cells(l)
		switch {
		case c < width:
			padded[k] = l + spaces(width-c)
		case c > width:
			rs := []rune(l)
			padded[k] = string(rs[:fitHead(rs, width)])
		default:
			padded[k] = l
		}
		padded[k] += sep
	}
	width += len(sep)
	field := screenCols - width
	var out []string
	for k := range labels {
		v := ""
		if k < len(values) {
			v = values[k]
		}
		for i, line := range splitLines(v) {
			prefix := padded[k]
			if i > 0 {
				prefix = spaces(width)
			}
			for j, part := range generateLines(line, field, field) {
				if st.Reset != "" && strings.Contains(part, "\x1b") && !strings.HasSuffix(strings.TrimRight(part, " "), st.Reset) {
					// a value's own escape sequences do not leak past it
					part += st.Reset
				}
				if j == 0 {
					if i == 0 && st.Accent != "" {
						prefix = st.Accent + prefix + st.Reset
					}
					out = append(out, prefix+part)
				} else {
					out = append(out, spaces(width)+part)
				}
			}
		}
	}
	return out
}
