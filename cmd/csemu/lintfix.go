package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/lint"
	"github.com/csemu/csemu/cmdlets/textenc"
)

// fixFile applies the safe fixes to the script at path (keep filters the
// findings as they are reported). With write, the file is rewritten in its
// own encoding, byte-order mark and line ends; with diff, a unified diff
// of the change goes to stdout. It returns the text to lint afterwards (the
// fixed text when it was written, else the original) and whether the file
// changes.
func fixFile(path string, data []byte, env *lint.Env, keep func(string, []lint.Finding) []lint.Finding, write, diff bool, stdout, stderr io.Writer) (string, bool, error) {
	enc, _, hasBOM := textenc.Sniff(data)
	if !hasBOM {
		enc = textenc.UTF8NoBOM
	}
	src := enc.Decode(data)
	res := lint.FixSource(path, src, env, keep)
	if res.ParseError {
		fmt.Fprintf(stderr, "csemu lint: %s: not fixed: the script does not parse\n", path)
		return src, false, nil
	}
	if res.Applied == 0 || res.Src == src {
		return src, false, nil
	}
	if diff {
		io.WriteString(stdout, unifiedDiff(path, src, res.Src))
	}
	if !write {
		return src, true, nil
	}
	if !hasBOM && !utf8.Valid(data) {
		fmt.Fprintf(stderr, "csemu lint: %s: not fixed: the file is not UTF-8 and has no byte-order mark\n", path)
		return src, true, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return src, true, err
	}
	if err := os.WriteFile(path, enc.Encode(res.Src), st.Mode().Perm()); err != nil {
		return src, true, err
	}
	fmt.Fprintf(stderr, "csemu lint: %s: %d %s\n", path, res.Applied, plural(res.Applied, "fix", "fixes"))
	return res.Src, true, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// unifiedDiff is the unified diff (three lines of context) of two texts
// with the same lines but for the changed ones, as the safe fixes leave
// them: no fix adds or removes a line end. Texts whose line counts differ
// are shown as one hunk.
func unifiedDiff(path, a, b string) string {
	la, lb := splitLines(a), splitLines(b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", path, path)
	if len(la) != len(lb) {
		fmt.Fprintf(&sb, "@@ -1,%d +1,%d @@\n", len(la), len(lb))
		for _, l := range la {
			writeDiffLine(&sb, '-', l)
		}
		for _, l := range lb {
			writeDiffLine(&sb, '+', l)
		}
		return sb.String()
	}
	const ctx = 3
	var changed []int
	for i := range la {
		if la[i] != lb[i] {
			changed = append(changed, i)
		}
	}
	for k := 0; k < len(changed); {
		start := max(changed[k]-ctx, 0)
		end := min(changed[k]+ctx+1, len(la))
		j := k + 1
		for j < len(changed) && changed[j]-ctx <= end {
			end = min(changed[j]+ctx+1, len(la))
			j++
		}
		n := end - start
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", start+1, n, start+1, n)
		for i := start; i < end; {
			if la[i] == lb[i] {
				writeDiffLine(&sb, ' ', la[i])
				i++
				continue
			}
			r := i
			for r < end && la[r] != lb[r] {
				r++
			}
			for _, l := range la[i:r] {
				writeDiffLine(&sb, '-', l)
			}
			for _, l := range lb[i:r] {
				writeDiffLine(&sb, '+', l)
			}
			i = r
		}
		k = j
	}
	return sb.String()
}

// writeDiffLine writes one line of a diff, without its line end (a
// carriage return before it is kept out of the diff too).
func writeDiffLine(sb *strings.Builder, mark byte, line string) {
	sb.WriteByte(mark)
	sb.WriteString(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
	sb.WriteByte('\n')
	if !strings.HasSuffix(line, "\n") {
		sb.WriteString("\\ No newline at end of file\n")
	}
}

// splitLines splits s after each line feed.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
