package plan

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// Markdown writes the plan as GitHub-flavoured markdown to paste as a
// pull-request comment: a title, a summary table, a warning when the
// script stopped, then the changes, the impact on anonymous join and the
// findings, each in a <details> block.
//
// GitHub refuses a comment of more than 65,536 characters, so each
// section has a share of that (see the mdBudget constants): what does not
// fit is counted ("… and 1,234 more changes"), and the text rendering
// has it all.
//
// The changes are a ```diff block, which GitHub colours by the first
// character of each line: + green, - red and ! orange (the diff grammar
// has no colour for ~, so an update is shown with !).
func (p *Plan) Markdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }

	if p.isDiff() {
		line("## csemu diff: " + mdCode(p.Before) + " → " + mdCode(p.After))
	} else {
		line(strings.TrimSuffix("## csemu plan: "+mdCode(p.Script), ": "))
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
	// A diff of two tenants has neither writes nor findings: no script.
	diff := p.isDiff()
	if !diff || p.Unchanged > 0 {
		line("| unchanged writes | " + thousands(p.Unchanged) + " |")
	}
	line("| organizers affected | " + thousands(p.Affected) + " |")
	if !diff || len(p.Findings) > 0 {
		line("| findings | " + thousands(len(p.Findings)) + " |")
	}
	line("")

	if p.Failed != nil {
		// GitHub's alert syntax (docs.github.com, "Basic writing and
		// formatting syntax", Alerts): the marker alone on the first
		// line of a top-level block quote; elsewhere it reads as a
		// plain quote.
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
		size, shown := 0, 0
		for _, c := range p.Changes {
			sign := mdSign(c.Action)
			head, props := changeLines(p, c)
			lines := []string{sign + " " + head}
			for _, pl := range props {
				lines = append(lines, sign+"       "+pl)
			}
			n := 0
			for i, l := range lines {
				lines[i] = clip(l, mdMaxLine)
				n += utf8.RuneCountInString(lines[i]) + 1
			}
			if size+n > mdBudgetChanges {
				break
			}
			size += n
			shown++
			diff = append(diff, lines...)
		}
		fence := mdFence(diff)
		line(fence + "diff")
		for _, d := range diff {
			line(d)
		}
		line(fence)
		if more := len(p.Changes) - shown; more > 0 {
			line("")
			line("… and " + plural(more, "more change", "more changes") + " not shown here (`--format text` lists them all).")
		}
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
		var rows []string
		for _, g := range p.Impact {
			cs := ""
			if g.Cause != nil {
				cs = mdText(clip(cause(*g.Cause), mdMaxCell))
			}
			ex := examples(g, func(s string) string { return mdCode(clip(s, mdMaxCell)) })
			rows = append(rows, "| "+thousands(g.Count)+" | "+mdText(clip(question(g.Question), mdMaxCell))+" | "+
				mdText(clip(safe(g.Before)+" → "+safe(g.After), mdMaxCell))+" | "+mdCode(clip(g.DecidedBy, mdMaxCell))+" | "+cs+" | "+ex+" |")
		}
		writeRows(line, rows, mdBudgetImpact, "more group", "more groups")
	}
	line("")
	line("</details>")

	if diff && len(p.Findings) == 0 {
		return b.Flush()
	}
	line("")
	line("<details><summary>Findings (" + thousands(len(p.Findings)) + ")</summary>")
	line("")
	if len(p.Findings) == 0 {
		line("No findings.")
	} else {
		line("| where | severity | rule | message |")
		line("|---|---|---|---|")
		var rows []string
		for _, f := range p.Findings {
			rows = append(rows, "| "+mdText(clip(safe(f.File), mdMaxCell)+":"+itoa(f.Line)+":"+itoa(f.Column))+" | "+
				mdText(clip(f.Severity, mdMaxCell))+" | "+mdCode(clip(f.Code, mdMaxCell))+" | "+mdText(clip(oneLine(f.Message), mdMaxCell))+" |")
		}
		writeRows(line, rows, mdBudgetFindings, "more finding", "more findings")
	}
	line("")
	line("</details>")
	return b.Flush()
}

// The shares of GitHub's 65,536 characters a comment may hold: the
// changes block, the impact table and the findings table each stop at
// theirs, which leaves room for the title, the summary table and the
// notes. A line of the changes block and a table cell are clipped first,
// so one long value cannot take a whole share.
const (
	mdBudgetChanges  = 40000
	mdBudgetImpact   = 12000
	mdBudgetFindings = 8000
	mdMaxLine        = 1000
	mdMaxCell        = 300
)

// writeRows writes table rows until the next would pass the budget, then
// says how many were left out.
func writeRows(line func(string), rows []string, budget int, one, many string) {
	size := 0
	for i, r := range rows {
		n := utf8.RuneCountInString(r) + 1
		if size+n > budget {
			line("")
			line("… and " + plural(len(rows)-i, one, many) + " not shown here (`--format text` lists them all).")
			return
		}
		size += n
		line(r)
	}
}

// clip cuts s to at most n characters, ending it with … when it cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
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
