package format

import (
	"strings"
	"unicode"
)

// ellipsis is PSObjectHelper.Ellipsis, used for truncated table cells and
// enumerations cut at $FormatEnumerationLimit.
const ellipsis = "\u2026"

// enumerationLimit is the default $FormatEnumerationLimit.
const enumerationLimit = 4

// runeCells is DisplayCells.CharLengthInBufferCells: the number of console
// cells a character takes. Characters outside the BMP are two UTF-16 chars in
// .NET, each counted as one cell.
func runeCells(c rune) int {
	if c > 0xFFFF {
		return 2
	}
	wide := c >= 0x1100 &&
		(c <= 0x115f ||
			c == 0x2329 || c == 0x232a ||
			(c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
			(c >= 0xac00 && c <= 0xd7a3) ||
			(c >= 0xf900 && c <= 0xfaff) ||
			(c >= 0xfe10 && c <= 0xfe19) ||
			(c >= 0xfe30 && c <= 0xfe6f) ||
			(c >= 0xff00 && c <= 0xff60) ||
			(c >= 0xffe0 && c <= 0xffe6))
	if wide {
		return 2
	}
	return 1
}

// cells is DisplayCells.Length.
func cells(s string) int {
	n := 0
	for _, c := range s {
		n += runeCells(c)
	}
	return n
}

// fitHead returns how many runes from the start of rs fit in n cells
// (DisplayCells.TruncateTail).
func fitHead(rs []rune, n int) int {
	filled, count := 0, 0
	for _, c := range rs {
		w := runeCells(c)
		if filled+w > n {
			break
		}
		filled += w
		count++
		if filled == n {
			break
		}
	}
	return count
}

// fitTail returns how many runes from the end of rs fit in n cells.
func fitTail(rs []rune, n int) int {
	filled, count := 0, 0
	for i := len(rs) - 1; i >= 0; i-- {
		w := runeCells(rs[i])
		if filled+w > n {
			break
		}
		filled += w
		count++
		if filled == n {
			break
		}
	}
	return count
}

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// splitLines is StringManipulationHelper.SplitLines: it splits on \n and
// drops every \r.
func splitLines(s string) []string {
	if !strings.Contains(s, "\n") {
		return []string{strings.ReplaceAll(s, "\r", "")}
	}
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, "\r", "")
	}
	return parts
}

// truncateAtNewLine is StringManipulationHelper.TruncateAtNewLine.
func truncateAtNewLine(s string) string {
	i := strings.IndexAny(s, "\r\n")
	if i < 0 {
		return s
	}
	return s[:i] + ellipsis
}

type word struct {
	text  string
	delim string
}

const (
	softHyphen       = '\u00AD'
	hardHyphen       = '\u2011'
	nonBreakingSpace = '\u00A0'
)

// getWords is StringManipulationHelper.GetWords (without VT sequences).
func getWords(s string) []word {
	var out []word
	var sb strings.Builder
	for _, c := range s {
		switch c {
		case ' ', '\t', softHyphen:
			out = append(out, word{sb.String(), string(c)})
			sb.Reset()
		case hardHyphen, nonBreakingSpace:
			// pwsh treats these as delimiters that add nothing: the
			// character is dropped from a wrapped line.
			out = append(out, word{sb.String(), ""})
			sb.Reset()
		default:
			sb.WriteRune(c)
		}
	}
	return append(out, word{sb.String(), ""})
}

// generateLines is StringManipulationHelper.GenerateLines for the en-US
// culture (GenerateLinesWithWordWrap): it splits val on new lines, then wraps
// each line at word boundaries to firstLen cells for the first line and
// followLen cells for the others. Wrapped lines keep their trailing blank.
func generateLines(val string, firstLen, followLen int) []string {
	if val == "" {
		return []string{""}
	}
	var out []string
	for _, line := range splitLines(val) {
		if cells(line) <= firstLen {
			out = append(out, line)
			continue
		}
		spacesLeft, lineWidth := firstLen, firstLen
		firstLine := true
		var single strings.Builder
		for _, w := range getWords(line) {
			add := w.text
			switch {
			case w.delim == string(softHyphen):
				if cells(add)+1 == spacesLeft {
					add += "-"
				}
			case w.delim != "":
				add += w.delim
			}
			width := cells(add)
			if lineWidth == 0 {
				if firstLine {
					firstLine = false
					lineWidth = followLen
				}
				if lineWidth == 0 {
					break
				}
				spacesLeft = lineWidth
			}
			if width > lineWidth {
				for _, c := range add {
					cw := runeCells(c)
					if cw > lineWidth {
						c, cw = '?', 1
					}
					if cw > spacesLeft {
						out = append(out, single.String())
						single.Reset()
						single.WriteRune(c)
						if firstLine {
							firstLine = false
							lineWidth = followLen
						}
						spacesLeft = lineWidth - cw
					} else {
						single.WriteRune(c)
						spacesLeft -= cw
					}
				}
				continue
			}
			if width > spacesLeft {
				out = append(out, single.String())
				single.Reset()
				single.WriteString(add)
				if firstLine {
					firstLine = false
					lineWidth = followLen
				}
				spacesLeft = lineWidth - width
			} else {
				single.WriteString(add)
				spacesLeft -= width
			}
		}
		out = append(out, single.String())
	}
	return out
}

func trimEnd(s string) string { return strings.TrimRightFunc(s, unicode.IsSpace) }

// wildcardMatch matches a PowerShell wildcard pattern (*, ?, [a-z]) against
// s, case-insensitively.
func wildcardMatch(pattern, s string) bool {
	p := []rune(strings.ToLower(pattern))
	t := []rune(strings.ToLower(s))
	return wildMatch(p, t, 0)
}

func wildMatch(p, t []rune, depth int) bool {
	if depth > 64 {
		return false
	}
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(t); i++ {
				if wildMatch(p, t[i:], depth+1) {
					return true
				}
			}
			return false
		case '?':
			if len(t) == 0 {
				return false
			}
			p, t = p[1:], t[1:]
		case '[':
			end := -1
			for i := 1; i < len(p); i++ {
				if p[i] == ']' {
					end = i
					break
				}
			}
			if end < 0 || len(t) == 0 {
				if len(t) == 0 || t[0] != '[' {
					return false
				}
				p, t = p[1:], t[1:]
				continue
			}
			set := p[1:end]
			ok := false
			for i := 0; i < len(set); i++ {
				if i+2 < len(set) && set[i+1] == '-' {
					if t[0] >= set[i] && t[0] <= set[i+2] {
						ok = true
					}
					i += 2
					continue
				}
				if set[i] == t[0] {
					ok = true
				}
			}
			if !ok {
				return false
			}
			p, t = p[end+1:], t[1:]
		case '`':
			if len(p) > 1 {
				p = p[1:]
			}
			fallthrough
		default:
			if len(t) == 0 || t[0] != p[0] {
				return false
			}
			p, t = p[1:], t[1:]
		}
	}
	return len(t) == 0
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?[") }
