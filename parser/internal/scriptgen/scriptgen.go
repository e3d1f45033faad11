// Package scriptgen generates realistic Teams and Skype for Business admin scripts, for benchmarks and fuzz seeds.
//
// The mix of constructs follows the feature counts of 70 public admin
// scripts: comment-based help, param
// blocks with attributes, Import-Csv driven Grant- loops, Get-CsOnlineUser
// pipelines, policy audits with if/elseif/else, splatting, reports built with
// [pscustomobject] and Export-Csv, and so on. Output uses LF line endings and
// no byte-order mark.
package scriptgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Generate returns a syntactically valid PowerShell 7 script of at least size
// bytes. It stops at the first complete top-level unit after reaching size, so
// the result exceeds size by less than one unit (a few KiB at most). The same
// seed always gives the same bytes.
func Generate(size int, seed int64) []byte {
	g := newGen(seed, 3)
	g.randomStyle()
	g.header()
	for g.b.Len() < size {
		g.nl()
		g.topUnit()
	}
	return []byte(g.b.String())
}

// Units returns every unit template rendered once with a fixed seed. Each
// entry is a small standalone script, suitable as a fuzz seed.
func Units() []string {
	out := make([]string, 0, len(templates))
	for _, t := range templates {
		g := newGen(1, 1)
		t.emit(g)
		out = append(out, g.b.String())
	}
	return out
}

// template is one kind of top-level unit.
type template struct {
	name   string
	weight int // 0: header-only, never picked by topUnit
	emit   func(g *gen)
}

var (
	templates   []template
	totalWeight int
)

func init() {
	templates = allTemplates()
	for _, t := range templates {
		totalWeight += t.weight
	}
}

type gen struct {
	r        *rand.Rand
	b        strings.Builder
	ind      int
	indent   string
	allman   bool // opening brace of statements on its own line
	cuddle   bool // "} else {" rather than "}\nelse {"
	maxDepth int
	inRegion bool
	start    int // offset where the current top-level unit began
}

// unitBudget is the size after which a unit stops opening compound
// statements, so that one unit stays well under 8 KiB.
const unitBudget = 2000

func newGen(seed int64, maxDepth int) *gen {
	s := uint64(seed)
	return &gen{
		r:        rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)),
		indent:   "    ",
		cuddle:   true,
		maxDepth: maxDepth,
	}
}

// randomStyle picks a per-script formatting style.
func (g *gen) randomStyle() {
	switch g.intn(20) {
	case 0, 1, 2:
		g.indent = "\t"
	case 3, 4:
		g.indent = "  "
	}
	g.allman = g.chance(12)
	g.cuddle = !g.allman && g.chance(70)
}

// topUnit emits one weighted-random top-level unit.
func (g *gen) topUnit() {
	if !g.inRegion {
		g.start = g.b.Len()
	}
	n := g.intn(totalWeight)
	for _, t := range templates {
		if n < t.weight {
			t.emit(g)
			return
		}
		n -= t.weight
	}
}

// ---- random helpers ----

func (g *gen) intn(n int) int           { return g.r.IntN(n) }
func (g *gen) rng(lo, hi int) int       { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) chance(pct int) bool      { return g.r.IntN(100) < pct }
func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// pickN returns n distinct elements of xs (fewer if xs is short), in random order.
func (g *gen) pickN(xs []string, n int) []string {
	p := g.r.Perm(len(xs))
	var out []string
	seen := map[string]bool{}
	for _, i := range p {
		if len(out) == n {
			break
		}
		if !seen[xs[i]] {
			seen[xs[i]] = true
			out = append(out, xs[i])
		}
	}
	return out
}

// pickProps returns n policy properties with distinct names.
func (g *gen) pickProps(ps []prop, n int) []prop {
	var out []prop
	seen := map[string]bool{}
	for _, i := range g.r.Perm(len(ps)) {
		if len(out) == n {
			break
		}
		if !seen[ps[i].name] {
			seen[ps[i].name] = true
			out = append(out, ps[i])
		}
	}
	return out
}

// ---- output helpers ----

// l writes one indented line.
func (g *gen) l(s string) {
	for range g.ind {
		g.b.WriteString(g.indent)
	}
	g.b.WriteString(s)
	g.b.WriteByte('\n')
}

// lf writes one indented formatted line.
func (g *gen) lf(format string, a ...any) { g.l(fmt.Sprintf(format, a...)) }

// raw writes a line without indentation (here-string bodies and terminators).
func (g *gen) raw(s string) {
	g.b.WriteString(s)
	g.b.WriteByte('\n')
}

func (g *gen) nl() { g.b.WriteByte('\n') }

// open starts a statement block: "head {" or, in Allman style, "head" + "{".
func (g *gen) open(head string) {
	if g.allman {
		g.l(head)
		g.l("{")
	} else {
		g.l(head + " {")
	}
	g.ind++
}

// openSL starts a block that must open on the same line (script-block
// arguments, switch clauses, hashtables).
func (g *gen) openSL(head string) {
	g.l(head + " {")
	g.ind++
}

// openHT writes a line that ends with an opening brace (a hashtable "@{").
func (g *gen) openHT(s string) {
	g.l(s)
	g.ind++
}

// mid closes a block and opens the next clause (else, elseif, catch, finally).
func (g *gen) mid(kw string) {
	g.ind--
	switch {
	case g.cuddle:
		g.l("} " + kw + " {")
	case g.allman:
		g.l("}")
		g.l(kw)
		g.l("{")
	default:
		g.l("}")
		g.l(kw + " {")
	}
	g.ind++
}

func (g *gen) close() { g.closeWith("") }

// closeWith closes a block and appends s to the closing line.
func (g *gen) closeWith(s string) {
	g.ind--
	g.l("}" + s)
}

// comment sometimes writes a "# ..." line.
func (g *gen) comment(pct int, text ...string) {
	if !g.chance(pct) {
		return
	}
	if len(text) == 0 {
		text = comments
	}
	g.l("# " + g.pick(text...))
}

// ---- vocabulary helpers ----

func (g *gen) domain() string { return g.pick(domains...) }

func (g *gen) upn() string {
	p := g.pick(userPrefixes...)
	if strings.Contains(p, ".") {
		return p + "@" + g.domain()
	}
	return fmt.Sprintf("%s%d@%s", p, g.rng(1, 999), g.domain())
}

func (g *gen) dept() string    { return g.pick(departments...) }
func (g *gen) color() string   { return g.pick(colors...) }
func (g *gen) boolLit() string { return g.pick(boolVals...) }
func (g *gen) policy() string  { return g.pick(meetingPolicies...) }

// arg renders a string value as a command argument: bare word, single- or
// double-quoted.
func (g *gen) arg(s string) string {
	switch n := g.intn(10); {
	case isBare(s) && n < 6:
		return s
	case n < 9 || strings.ContainsAny(s, "$\"`"):
		return sq(s)
	default:
		return `"` + s + `"`
	}
}

// param renders a parameter name, now and then with an en dash as pasted
// from web pages (PowerShell accepts it).
func (g *gen) param(name string) string {
	if g.chance(1) {
		return "\u2013" + name
	}
	return "-" + name
}

// depth returns a random nesting depth up to the generator's limit.
func (g *gen) depth() int {
	var d int
	switch n := g.intn(100); {
	case n < 20:
		d = 0
	case n < 65:
		d = 1
	case n < 92:
		d = 2
	default:
		d = 3
	}
	return min(d, g.maxDepth)
}
