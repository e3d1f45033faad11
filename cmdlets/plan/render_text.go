package plan

import (
	"bufio"
	"io"
)

// TextOptions are the choices of the text rendering.
type TextOptions struct {
	// Color shows + in green, ~ in yellow and - in red. The caller
	// decides it (off when NO_COLOR is set, TERM is dumb or the output
	// is not a terminal).
	Color bool
}

// The colours of the signs, as ANSI escape sequences.
const (
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
	ansiReset  = "\x1b[0m"
)

// Text writes the plan for a terminal, the way terraform plan does: a
// header, the changes grouped by object with the script lines that made
// them, the impact on anonymous join, the lint findings, where the script
// stopped if it did, and a summary line.
func (p *Plan) Text(w io.Writer, o TextOptions) error {
	b := bufio.NewWriter(w)
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }

	line(header(p))
	line("")

	line("Changes")
	if len(p.Changes) == 0 {
		line("  none")
	}
	for _, c := range p.Changes {
		sign := c.Action.Symbol()
		if o.Color {
			sign = signColor(c.Action) + sign + ansiReset
		}
		head, props := changeLines(p, c)
		line("  " + sign + " " + head)
		for _, pl := range props {
			line("        " + pl)
		}
	}
	if p.Unchanged > 0 {
		line("  " + writesLeft(p.Unchanged))
	}
	if p.Failed != nil {
		line("")
		line(failure(p))
	}
	line("")

	line("Impact on anonymous join (" + asked(p) + ")")
	if len(p.Impact) == 0 {
		line("  No organizer's answer changes.")
	}
	for _, g := range p.Impact {
		line("  " + impactText(g))
		if len(g.Examples) > 0 {
			line("      e.g. " + examples(g, safe))
		}
	}
	line("")

	// A diff of two tenants has no script, so no findings.
	if !p.isDiff() || len(p.Findings) > 0 {
		line("Findings")
		if len(p.Findings) == 0 {
			line("  none")
		}
		for _, f := range p.Findings {
			line("  " + findingText(f))
		}
		line("")
	}

	line(summary(p))
	return b.Flush()
}

// signColor is the colour of an action's sign.
func signColor(a Action) string {
	switch a {
	case Create:
		return ansiGreen
	case Remove:
		return ansiRed
	}
	return ansiYellow
}

// isDiff reports whether the plan compares two tenants rather than
// running a script.
func (p *Plan) isDiff() bool { return p.Script == "" && (p.Before != "" || p.After != "") }

// header names what the plan is of: a script, or two tenants.
func header(p *Plan) string {
	if p.isDiff() {
		return "Changes from " + safe(p.Before) + " → " + safe(p.After)
	}
	if p.Script == "" {
		return "Plan"
	}
	return "Plan of " + safe(p.Script)
}

// writesLeft says how many writes changed nothing.
func writesLeft(n int) string {
	if n == 1 {
		return "1 write left a value as it was."
	}
	return thousands(n) + " writes left values as they were."
}

// asked is what the impact pass asked: 100,000 organizers × 6 questions.
func asked(p *Plan) string {
	return plural(p.Organizers, "organizer", "organizers") + " × " + plural(len(p.Questions), "question", "questions")
}

// impactText is an impact group's line: 1,204 organizers: Acs Meeting
// Lobby → Blocked, decided by ... (Grant-CsTeamsMeetingPolicy at
// deploy.ps1:14).
func impactText(g ImpactGroup) string {
	s := plural(g.Count, "organizer", "organizers") + ": " + question(g.Question) + " " + safe(g.Before) + " → " + safe(g.After)
	if g.DecidedBy != "" {
		s += ", decided by " + safe(g.DecidedBy)
	}
	if g.Cause != nil {
		s += " (" + cause(*g.Cause) + ")"
	}
	return s
}

// findingText is a finding as csemu lint writes it:
// file:line:col: severity: message [code].
func findingText(f Finding) string {
	return safe(f.File) + ":" + itoa(f.Line) + ":" + itoa(f.Column) + ": " + safe(f.Severity) + ": " + oneLine(f.Message) + " [" + safe(f.Code) + "]"
}
