package plan

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds what the text, JSON and markdown renderings share: the
// counts of the summary and the wording of objects, values and places.

// Counts are the plan's totals, as its summary line shows them.
type Counts struct {
	Create, Update, Remove int
}

// Count counts the plan's objects by action.
func (p *Plan) Count() Counts {
	var c Counts
	for _, ch := range p.Changes {
		switch ch.Action {
		case Create:
			c.Create++
		case Remove:
			c.Remove++
		default:
			c.Update++
		}
	}
	return c
}

// thousands writes n with a comma between groups of three digits, as the
// issue's "1,204 organizers".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// plural is "1 organizer" or "2 organizers", the number with separators.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// needsQuote reports whether a value would be misread shown bare: empty,
// with a character that does not print as itself (a newline, a terminal
// escape, a bidirectional override, a space other than U+0020, invalid
// UTF-8), or with space at either end.
func needsQuote(s string) bool {
	if s == "" {
		return true
	}
	for _, r := range s {
		if r != ' ' && !strconv.IsPrint(r) || r == utf8.RuneError {
			return true
		}
	}
	return strings.TrimSpace(s) != s
}

// value is a property value as a reader sees it: (none) when absent,
// quoted with Go escapes when it would be misread bare.
func value(s string, absent bool) string {
	if absent {
		return "(none)"
	}
	if needsQuote(s) {
		return strconv.Quote(s)
	}
	return s
}

// safe is a name or identity on one line: quoted like a value when it
// would be misread bare, except that an empty name stays empty.
func safe(s string) string {
	if s == "" {
		return ""
	}
	if needsQuote(s) {
		return strconv.Quote(s)
	}
	return s
}

// oneLine is a message on one line: line breaks and tabs become spaces
// and other characters that do not print as themselves are escaped.
func oneLine(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\r' || r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r != ' ' && !strconv.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// place is where a script made a change: deploy.ps1:14.
func place(l Location) string {
	return safe(l.File) + ":" + strconv.Itoa(l.Line)
}

// places lists a property's lines: deploy.ps1:5, deploy.ps1:9.
func places(ls []Location) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = place(l)
	}
	return strings.Join(parts, ", ")
}

// placesWithCmdlet lists an object's lines with the cmdlet of each:
// deploy.ps1:3 New-CsTeamsMeetingPolicy.
func placesWithCmdlet(ls []Location) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = place(l)
		if l.Cmdlet != "" {
			parts[i] += " " + safe(l.Cmdlet)
		}
	}
	return strings.Join(parts, ", ")
}

// cause names the script line that set a deciding setting:
// Grant-CsTeamsMeetingPolicy at deploy.ps1:14.
func cause(l Location) string {
	if l.Cmdlet == "" {
		return "at " + place(l)
	}
	return safe(l.Cmdlet) + " at " + place(l)
}

// label names an object in natural words: a policy as its kind and
// identity, a user by its UPN, a group assignment by its policy type and
// group, a tenant-wide grant by its policy type.
func label(c ObjectChange) string {
	switch c.Kind {
	case "GroupPolicyAssignment":
		group, typ, ok := strings.Cut(c.Identity, " ")
		if ok {
			return "Group assignment " + safe(typ) + " for group " + safe(group)
		}
		return "Group assignment " + safe(c.Identity)
	case "TenantGrant":
		return "Tenant-wide grant " + safe(c.Identity)
	}
	return safe(c.Kind) + " " + safe(c.Identity)
}

// inline reports whether an object's one changed property is shown on its
// own line (a user's direct assignment, a group's membership, a grant):
// policies and configurations always list their properties below them.
func inline(c ObjectChange) bool {
	if c.Action != Update || len(c.Props) != 1 || len(c.Lines) > 0 {
		return false
	}
	switch c.Kind {
	case "User", "Group", "GroupPolicyAssignment", "TenantGrant":
		return true
	}
	return false
}

// propText is one property's change as the text and markdown renderings
// show it: "Name: old → new", only the new value for a created object and
// only the old one for a removed object, then its lines in parentheses.
func propText(a Action, pc PropChange) string {
	var s string
	switch {
	case a == Create && pc.OldAbsent:
		s = safe(pc.Name) + ": " + value(pc.New, pc.NewAbsent)
	case a == Remove && pc.NewAbsent:
		s = safe(pc.Name) + ": " + value(pc.Old, pc.OldAbsent)
	default:
		s = safe(pc.Name) + ": " + value(pc.Old, pc.OldAbsent) + " → " + value(pc.New, pc.NewAbsent)
	}
	if len(pc.Lines) > 0 {
		s += " (" + places(pc.Lines) + ")"
	}
	return s
}

// objectText is an object's heading without its sign: its label, then
// the lines that created or removed it.
func objectText(c ObjectChange) string {
	s := label(c)
	if len(c.Lines) > 0 {
		s += " (" + placesWithCmdlet(c.Lines) + ")"
	}
	return s
}

// question is a question as the impact groups name it: Acs Meeting.
func question(q Question) string {
	return safe(q.ClientType) + " " + safe(q.MeetingType)
}

// failure is the line that says where the script stopped.
func failure(p *Plan) string {
	f := p.Failed
	at := safe(f.File) + ":" + strconv.Itoa(f.Line)
	if f.Column > 0 {
		at += ":" + strconv.Itoa(f.Column)
	}
	msg := strings.TrimSuffix(oneLine(f.Message), ".")
	s := "The script stopped at " + at + ": " + msg + "; the changes above are those made before it"
	if p.Atomic {
		s += ", and with --atomic nothing would be applied"
	}
	return s + "."
}

// summary is the plan's last line: Plan: 2 to create, 3 to change, 1 to
// remove; 1,204 organizers affected.
func summary(p *Plan) string {
	c := p.Count()
	if len(p.Changes) == 0 && len(p.Impact) == 0 {
		if p.Failed != nil {
			return "No changes before the script stopped."
		}
		return "No changes."
	}
	counts := thousands(c.Create) + " to create, " + thousands(c.Update) + " to change, " + thousands(c.Remove) + " to remove; " +
		plural(p.Affected, "organizer", "organizers") + " affected."
	if p.Atomic && p.Failed != nil {
		return "Plan: nothing would be applied (--atomic, and the script stopped); up to the failure: " + counts
	}
	return "Plan: " + counts
}

// examples lists an impact group's example organizers and says how many
// more there are: ann@contoso.com, bob@contoso.com and 1,199 more.
func examples(g ImpactGroup, show func(string) string) string {
	parts := make([]string, len(g.Examples))
	for i, e := range g.Examples {
		parts[i] = show(e)
	}
	s := strings.Join(parts, ", ")
	if more := g.Count - len(g.Examples); more > 0 && len(parts) > 0 {
		s += " and " + thousands(more) + " more"
	}
	return s
}

// itoa is strconv.Itoa, for line and column numbers.
func itoa(n int) string { return strconv.Itoa(n) }

// changeLines is an object's change as the text and markdown renderings
// show it, without the sign: its heading, then a line for each property.
// A user's, group's or grant's one changed property shares the heading's
// line. Of an object the script created, only the properties the script
// set are listed (New-CsTeamsMeetingPolicy gives a policy a hundred
// settings); the others are counted on a last line. A diff of two
// tenants has no script lines, so it lists them all.
func changeLines(p *Plan, c ObjectChange) (head string, props []string) {
	if inline(c) {
		return label(c) + "  " + propText(c.Action, c.Props[0]), nil
	}
	hidden := 0
	for _, pc := range c.Props {
		if c.Action == Create && len(pc.Lines) == 0 && !p.isDiff() {
			hidden++
			continue
		}
		props = append(props, propText(c.Action, pc))
	}
	if hidden > 0 {
		s := "and " + thousands(hidden) + " properties the script did not set"
		if hidden == 1 {
			s = "and 1 property the script did not set"
		}
		props = append(props, s)
	}
	return objectText(c), props
}
