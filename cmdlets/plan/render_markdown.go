package plan

import (
	"bufio"
	"io"
	"strings"
)

// Markdown writes the plan as GitHub-flavoured markdown to paste as a
// pull-request comment: a title, a summary table, a warning when the
// script stopped, then the changes, the impact on anonymous join and the
// findings, each in a <details> block.
//
// The changes are a ```diff block, which GitHub colours by the first
// character of each line: + green, - red and ! orange (the diff grammar
// has no colour for ~, so an update is shown with !).
func (p *Plan) Markdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }

	if p.Script == "" && (p.Before != "" || p.After != "") {
		line("## csemu diff: " + mdCode(p.Before) + " → " + mdCode(p.After))
	} else {
		line("## csemu plan: " + mdCode(p.Script))
	}
	line("")
	line(mdText(summary(p)))
	line("")

	c := p.Count()
	line("| | count |")
	line("|---|---:|")
	line("| to create | " + thousands(c.Create) + " |")
	line("| to change | " + thousands(c.Update) + " |")
	line("| to remove | " + thousands(c.Remove) + " |")
	line("| unchanged writes | " + thousands(p.Unchanged) + " |")
	line("| organizers affected | " + thousands(p.Affected) + " |")
	line("| findings | " + thousands(len(p.Findings)) + " |")
	line("")

	if p.Failed != nil {
		line("> [!WARNING]")
		line("> " + mdText(failure(p)))
		line("")
	}

	line("<details><summary>Changes (" + thousands(len(p.Changes)) + ")</summary>")
	line("")
	if len(p.Changes) == 0 {
		line("No changes.")
	} else {
		var diff []string
		for _, c := range p.Changes {
			sign := mdSign(c.Action)
			if inline(c) {
				diff = append(diff, sign+" "+label(c)+"  "+propText(c.Action, c.Props[0]))
				continue
			}
			diff = append(diff, sign+" "+objectText(c))
			for _, pc := range c.Props {
				diff = append(diff, sign+"       "+propText(c.Action, pc))
			}
		}
		fence := mdFence(diff)
		line(fence + "diff")
		for _, d := range diff {
			line(d)
		}
		line(fence)
	}
	if p.Unchanged > 0 {
		line("")
		line(mdText(writesLeft(p.Unchanged)))
	}
	line("")
	line("</details>")
	line("")

	line("<details><summary>Impact on anonymous join (" + plural(p.Affected, "organizer", "organizers") + ")</summary>")
	line("")
	line(mdText("Asked " + asked(p) + ": " + questionList(p.Questions) + "."))
	line("")
	if len(p.Impact) == 0 {
		line("No organizer's answer changes.")
	} else {
		line("| organizers | question | before → after | decided by | cause | examples |")
		line("|---:|---|---|---|---|---|")
		for _, g := range p.Impact {
			cs := ""
			if g.Cause != nil {
				cs = mdText(cause(*g.Cause))
			}
			line("| " + thousands(g.Count) + " | " + mdText(question(g.Question)) + " | " + mdText(safe(g.Before)+" → "+safe(g.After)) +
				" | " + mdCode(g.DecidedBy) + " | " + cs + " | " + examples(g, mdCode) + " |")
		}
	}
	line("")
	line("</details>")
	line("")

	line("<details><summary>Findings (" + thousands(len(p.Findings)) + ")</summary>")
	line("")
	if len(p.Findings) == 0 {
		line("No findings.")
	} else {
		line("| where | severity | rule | message |")
		line("|---|---|---|---|")
		for _, f := range p.Findings {
			line("| " + mdText(safe(f.File)+":"+itoa(f.Line)+":"+itoa(f.Column)) + " | " + mdText(f.Severity) + " | " +
				mdCode(f.Code) + " | " + mdText(oneLine(f.Message)) + " |")
		}
	}
	line("")
	line("</details>")
	return b.Flush()
}

// mdSign is an action's first character in a diff block: + and - as
// they are, ! for an update.
func mdSign(a Action) string {
	if a == Update || (a != Create && a != Remove) {
		return "!"
	}
	return a.Symbol()
}

// questionList names the questions: Teams Meeting, Acs Meeting.
func questionList(qs []Question) string {
	if len(qs) == 0 {
		return "none"
	}
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = question(q)
	}
	return strings.Join(parts, ", ")
}

// mdFence is a code fence longer than any run of backticks in the lines,
// so no value can close the block early.
func mdFence(lines []string) string {
	n := 3
	for _, l := range lines {
		if r := longestRun(l, '`') + 1; r > n {
			n = r
		}
	}
	return strings.Repeat("`", n)
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// mdText is text as markdown shows it literally, also in a table cell:
// markdown's punctuation is escaped with a backslash, <, > and & become
// entities. Values from the tenant are shown as code spans instead (see
// mdCode), where GitHub neither links nor mentions.
func mdText(s string) string {
	s = oneLine(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode is s as an inline code span, safe in a table cell: the span's
// backticks outnumber any run inside it, | is escaped (GitHub splits
// table cells before it reads code spans) and line breaks become spaces.
// Inside a code span @ mentions no one and nothing is a link.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = oneLine(s)
	s = strings.ReplaceAll(s, "|", `\|`)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
