package lint

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/parser"
)

// Fix is a text edit that repairs a finding, or tidies a spelling, without
// changing what the script means: the bytes Start..End of the source are
// replaced by New.
type Fix struct {
	Start, End int
	New        string
}

// Analysis is what linting a file finds: the findings, and the spelling
// fixes that are not findings because PowerShell accepts the text as it is
// (a cmdlet's, parameter's or documented value's casing, typographic
// dashes and quotes in parameters).
type Analysis struct {
	Findings []Finding
	Tidy     []Fix
}

// SafeFixes are the fixes of the findings (already filtered by suppression
// comments and settings) and the tidy fixes, sorted by position.
func SafeFixes(findings []Finding, tidy []Fix) []Fix {
	var out []Fix
	for _, fd := range findings {
		if fd.Fix != nil {
			out = append(out, *fd.Fix)
		}
	}
	out = append(out, tidy...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}

// ApplyFixes applies the fixes to src and returns the result and how many
// were applied. A fix that overlaps one applied before it is left out (a
// later round, after linting the result again, may apply it); the same fix
// given twice is applied once.
func ApplyFixes(src string, fixes []Fix) (string, int) {
	fixes = append([]Fix(nil), fixes...)
	sort.SliceStable(fixes, func(i, j int) bool {
		if fixes[i].Start != fixes[j].Start {
			return fixes[i].Start < fixes[j].Start
		}
		return fixes[i].End < fixes[j].End
	})
	var b strings.Builder
	last, n := 0, 0
	var prev *Fix
	for i := range fixes {
		fx := &fixes[i]
		if fx.Start < 0 || fx.End < fx.Start || fx.End > len(src) {
			continue
		}
		if prev != nil && *prev == *fx {
			continue
		}
		if fx.Start < last {
			continue
		}
		b.WriteString(src[last:fx.Start])
		b.WriteString(fx.New)
		last = fx.End
		prev = fx
		n++
	}
	b.WriteString(src[last:])
	return b.String(), n
}

// FixResult is the outcome of fixing a source text.
type FixResult struct {
	Src     string // the fixed text (the original when nothing applied)
	Applied int    // how many fixes were applied, over every round
	// ParseError is set when the fixed text does not parse: the fixes are
	// then not to be written.
	ParseError bool
}

// FixSource applies the safe fixes to src until none is left (or a few
// rounds have run); a text that does not parse, before or after fixing, is
// marked ParseError and is not to be written; keep filters the findings of each round as the caller
// reports them (suppression comments, settings), so that a suppressed
// finding is not fixed.
func FixSource(path, src string, env *Env, keep func(src string, fs []Finding) []Finding) FixResult {
	res := FixResult{Src: src}
	if _, err := parser.Parse(path, src); err != nil {
		// the fixes of a text that does not parse are not safe
		res.ParseError = true
		return res
	}
	for round := 0; round < 5; round++ {
		an := Analyze(path, res.Src, env)
		fs := an.Findings
		if keep != nil {
			fs = keep(res.Src, fs)
		}
		next, n := ApplyFixes(res.Src, SafeFixes(fs, an.Tidy))
		if n == 0 || next == res.Src {
			break
		}
		res.Src, res.Applied = next, res.Applied+n
	}
	if res.Applied > 0 {
		if _, err := parser.Parse(path, res.Src); err != nil {
			res.ParseError = true
		}
	}
	return res
}

// addTidy records a tidy fix of the file.
func (a *analyzer) addTidy(start, end int, text string) {
	if start < 0 || end > len(a.f.Src) || start > end || a.f.Src[start:end] == text {
		return
	}
	a.f.tidy = append(a.f.tidy, Fix{Start: start, End: end, New: text})
}

// plainQuote maps the typographic quotes PowerShell accepts to the
// plain quote of the same kind.
func plainQuote(r rune) (rune, bool) {
	switch r {
	case '\'', '‘', '’', '‚', '‛':
		return '\'', true
	case '"', '“', '”', '„':
		return '"', true
	}
	return 0, false
}

// spelling records the tidy fixes of a command bound to cmd: the cmdlet's
// and its parameters' casing, typographic dashes before parameters,
// typographic quotes around plain string arguments, and the casing of
// documented values.
func (a *analyzer) spelling(c *parser.Command, cmd *cmdlets.Cmdlet, args []cmdlets.LintArg, infos []argInfo, b *cmdlets.LintBinding) {
	src := a.f.Src
	// the cmdlet's name, written unqualified and not as an alias
	if off := c.Pos.Offset; off+len(c.Name) <= len(src) && src[off:off+len(c.Name)] == c.Name &&
		c.Name != cmd.Name && strings.EqualFold(c.Name, cmd.Name) {
		a.addTidy(off, off+len(c.Name), cmd.Name)
	}
	for _, el := range c.Elements {
		if p, ok := el.(*parser.CommandParameter); ok {
			off := p.Pos.Offset
			if off < len(src) {
				if r, size := utf8.DecodeRuneInString(src[off:]); r != '-' && isDash(r) {
					a.addTidy(off, off+size, "-")
				}
			}
		}
	}
	for _, in := range infos {
		if in.hasV {
			a.quoteFix(in.value)
		}
	}
	// a parameter's name, spelled out in full after a dash
	for _, el := range c.Elements {
		p, ok := el.(*parser.CommandParameter)
		if !ok || p.Pos.Offset >= len(src) {
			continue
		}
		pd := paramDef(cmd, p.Name)
		if pd == nil {
			continue
		}
		off := p.Pos.Offset
		if r, size := utf8.DecodeRuneInString(src[off:]); isDash(r) {
			start, end := off+size, a.paramEnd(p.Pos).Offset
			if end <= len(src) && start <= end && src[start:end] != pd.Name && strings.EqualFold(src[start:end], pd.Name) {
				a.addTidy(start, end, pd.Name)
			}
		}
	}
	for name, i := range b.Bound {
		if i < 0 || i >= len(infos) {
			continue
		}
		in := infos[i]
		pd := paramDef(cmd, name)
		if pd == nil {
			continue
		}
		// a documented value's casing
		if in.hasV && in.unary != nil {
			if s, ok := args[i].Value.(string); ok && args[i].Known {
				for _, v := range allowedValues(pd) {
					if s != v && strings.EqualFold(s, v) {
						if cs, ce, ok := a.plainContent(in.value); ok && src[cs:ce] == s {
							a.addTidy(cs, ce, v)
						}
						break
					}
				}
			}
		}
	}
}

// paramDef returns the parameter of cmd with the name.
func paramDef(cmd *cmdlets.Cmdlet, name string) *cmdlets.ParamDef {
	for _, p := range cmd.Params {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// allowedValues lists the values a parameter takes, when it takes a fixed
// set.
func allowedValues(pd *cmdlets.ParamDef) []string {
	var out []string
	out = append(out, pd.Values...)
	out = append(out, pd.Documented...)
	return append(out, pd.Accepted...)
}

// plainContent returns where the text of a literal word or string token at
// sp starts and ends, without its quotes, when the token holds plain text
// only (no quote, variable, sub-expression or escape inside).
func (a *analyzer) plainContent(sp span) (int, int, bool) {
	src := a.f.Src
	start, end := sp.pos.Offset, sp.end.Offset
	if start < 0 || end > len(src) || start >= end {
		return 0, 0, false
	}
	text := src[start:end]
	first, fs := utf8.DecodeRuneInString(text)
	if _, quoted := plainQuote(first); quoted {
		last, ls := utf8.DecodeLastRuneInString(text)
		if _, ok := plainQuote(last); !ok || len(text) < fs+ls {
			return 0, 0, false
		}
		start, end = start+fs, end-ls
	}
	if strings.ContainsAny(src[start:end], "'\"‘’‚‛“”„$`@(){}[];,|&<> \t\r\n#") {
		return 0, 0, false
	}
	return start, end, true
}

// quoteFix records a tidy fix of a string argument quoted with
// typographic quotes: the plain quotes of the same kind mean the same.
func (a *analyzer) quoteFix(sp span) {
	src := a.f.Src
	start, end := sp.pos.Offset, sp.end.Offset
	if start < 0 || end > len(src) || start >= end {
		return
	}
	text := src[start:end]
	first, fs := utf8.DecodeRuneInString(text)
	last, ls := utf8.DecodeLastRuneInString(text)
	q1, ok1 := plainQuote(first)
	q2, ok2 := plainQuote(last)
	if !ok1 || !ok2 || q1 != q2 || fs+ls > len(text) || (first == q1 && last == q2) {
		return
	}
	if _, _, ok := a.plainContent(sp); !ok {
		return
	}
	if first != q1 {
		a.addTidy(start, start+fs, string(q1))
	}
	if last != q2 {
		a.addTidy(end-ls, end, string(q2))
	}
}

// valueFix is the fix of an undocumented value that is one edit away from
// exactly one allowed value (compared without case).
func (a *analyzer) valueFix(sp span, value string, allowed []string) *Fix {
	cands := map[string]string{}
	for _, v := range allowed {
		if v != "" && distance(value, v) == 1 {
			cands[strings.ToLower(v)] = v
		}
	}
	if len(cands) != 1 {
		return nil
	}
	cs, ce, ok := a.plainContent(sp)
	if !ok || a.f.Src[cs:ce] != value {
		return nil
	}
	for _, v := range cands {
		return &Fix{Start: cs, End: ce, New: v}
	}
	return nil
}
