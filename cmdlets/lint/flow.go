package lint

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// The data-flow pass follows constant values through the variables of a
// script, so that the value and binding rules see the value that reaches
// a parameter ($v = 'Everybody'; Set-X -AutoAdmittedUsers $v).
//
// It is deliberately small and never guesses. Only a variable whose every
// assignment is a statement at the top level of the script is followed,
// and only along the script's top-level statements, in order: a variable
// assigned in a branch, a loop, a function, a script block, by scope
// (script:, global:), through [ref], -OutVariable or the *-Variable
// cmdlets, or changed by ++, -- or a method call, is unknown everywhere.
// A script that dot-sources, calls Invoke-Expression or redirects into the
// variable: drive is not followed at all. A hashtable is followed only
// while nothing but member and index assignments, member reads and
// splatting touch it (anything else could alias it). Values come from
// literals, string concatenation (+, "..$v.."), comma lists and @( ).
// A foreach over a constant list gives its variable each of the list's
// values inside its body.

// flowVal is a value the pass knows, and the line it was assigned on.
type flowVal struct {
	v    any
	line int
	// alts, when set, are the values a foreach variable takes in turn.
	alts []any
}

// flowHash is a hashtable built by the script, entry by entry.
type flowHash struct {
	keys    []string // as first written, in order
	entries map[string]flowEntry
	// partial marks a hashtable with an entry whose key is unknown.
	partial bool
}

// flowEntry is one entry of a flowHash.
type flowEntry struct {
	key   string
	v     any
	known bool
	line  int
	at    parser.Pos // where the key was written
}

func (h *flowHash) clone() *flowHash {
	c := &flowHash{keys: append([]string(nil), h.keys...), entries: make(map[string]flowEntry, len(h.entries)), partial: h.partial}
	for k, e := range h.entries {
		c.entries[k] = e
	}
	return c
}

func (h *flowHash) set(e flowEntry) {
	k := strings.ToLower(e.key)
	if _, ok := h.entries[k]; !ok {
		h.keys = append(h.keys, e.key)
	}
	h.entries[k] = e
}

// flowInfo is what the pass learned of a file.
type flowInfo struct {
	unaries map[*parser.Unary]flowVal
	exprs   map[*parser.Expr]flowVal
	splats  map[*parser.Splat]*flowHash
}

// flowOf returns the data-flow facts of f, computed once.
func flowOf(f *File) *flowInfo {
	if f.flow == nil {
		f.flow = analyzeFlow(f.Script)
	}
	return f.flow
}

// unaryValue returns the value that reaches an operand through variables,
// when the pass knows it.
func (fi *flowInfo) unaryValue(u *parser.Unary) (flowVal, bool) {
	if fi == nil || u == nil {
		return flowVal{}, false
	}
	v, ok := fi.unaries[u]
	return v, ok
}

// exprValue is unaryValue for an expression.
func (fi *flowInfo) exprValue(e *parser.Expr) (flowVal, bool) {
	if fi == nil || e == nil {
		return flowVal{}, false
	}
	if e.Ternary == nil && len(e.Rest) == 0 {
		return fi.unaryValue(e.First)
	}
	v, ok := fi.exprs[e]
	return v, ok
}

// flowAutomatic are variables PowerShell sets itself.
var flowAutomatic = map[string]bool{
	"_": true, "psitem": true, "input": true, "args": true, "this": true, "matches": true,
	"foreach": true, "switch": true, "lastexitcode": true, "error": true, "pscmdlet": true,
	"stacktrace": true, "psboundparameters": true, "myinvocation": true, "executioncontext": true,
	"true": true, "false": true, "null": true, "?": true, "^": true, "$": true,
}

// flowVarCmdlets are the commands that set or remove a variable by name.
var flowVarCmdlets = map[string]bool{
	"set-variable": true, "new-variable": true, "clear-variable": true, "remove-variable": true,
	"sv": true, "nv": true, "clv": true, "rv": true, "set": true, "get-variable": true, "gv": true,
	"invoke-expression": true, "iex": true,
}

// flowVarParams are prefixes of the common parameters that name a
// variable to assign.
var flowVarParams = []string{"outvariable", "errorvariable", "warningvariable", "informationvariable", "pipelinevariable"}

// flowVarAliases are the aliases of those parameters.
var flowVarAliases = map[string]bool{"ov": true, "ev": true, "wv": true, "iv": true, "pv": true}

// flowScope returns the variable's name without a scope qualifier, and
// whether it had one.
func flowScope(name string) (string, bool) {
	l := strings.ToLower(name)
	for _, sc := range []string{"script:", "global:", "local:", "private:", "using:", "variable:"} {
		if strings.HasPrefix(l, sc) {
			return l[len(sc):], true
		}
	}
	return l, strings.Contains(l, ":")
}

// flowTarget returns the variable an assignment statement assigns, and the
// member or index it assigns (nil for the variable itself).
func flowTarget(ps *parser.PipelineStatement) (*parser.VarExpr, *parser.PostOp, bool) {
	if ps.Op == "" || ps.Left == nil || len(ps.Left.Elems) != 1 {
		return nil, nil, false
	}
	ce, ok := ps.Left.Elems[0].(*parser.CommandExpression)
	if !ok || ce.Expr == nil || ce.Expr.First == nil || len(ce.Expr.Rest) > 0 || ce.Expr.Ternary != nil {
		return nil, nil, false
	}
	u := ce.Expr.First
	v, ok := u.Primary.(*parser.VarExpr)
	if !ok || len(u.Prefix) > 0 || len(u.Post) > 1 {
		return nil, nil, false
	}
	if len(u.Post) == 1 {
		po := u.Post[0]
		if po.Call || po.IncDec != "" || po.Dot == "::" {
			return nil, nil, false
		}
		return v, po, true
	}
	return v, nil, true
}

// flowPrescan finds the variables the pass may follow.
type flowPrescan struct {
	top map[parser.Statement]bool
	// adds are the $h.Add(key, value) statements of the top level.
	adds     map[*parser.Unary]bool
	poison   map[string]bool
	hashVars map[string]bool
	// loops are the top-level foreach statements whose variable is
	// assigned nowhere else.
	loopVars map[string]int
	off      bool
}

func analyzeFlow(script *parser.Script) *flowInfo {
	fi := &flowInfo{unaries: map[*parser.Unary]flowVal{}, exprs: map[*parser.Expr]flowVal{}, splats: map[*parser.Splat]*flowHash{}}
	if script == nil || script.Body == nil || script.Body.Stmts == nil || len(script.Body.Named) > 0 {
		return fi
	}
	stmts := script.Body.Stmts.Stmts
	pre := &flowPrescan{top: map[parser.Statement]bool{}, adds: map[*parser.Unary]bool{}, poison: map[string]bool{}, hashVars: map[string]bool{}, loopVars: map[string]int{}}
	for _, st := range stmts {
		pre.top[st] = true
		if u := flowAdd(st); u != nil {
			pre.adds[u] = true
		}
	}
	if script.Body.Param != nil {
		for _, p := range script.Body.Param.Params {
			n, _ := flowScope(p.Name)
			pre.poison[n] = true
		}
	}
	pre.scan(script)
	if pre.off {
		return fi
	}
	r := &flowRun{pre: pre, fi: fi, env: map[string]flowVal{}, hashes: map[string]*flowHash{}}
	for _, st := range stmts {
		r.statement(st)
	}
	return fi
}

func (pre *flowPrescan) scan(script *parser.Script) {
	// names assigned by a top-level foreach, and how many times any
	// foreach assigns them
	foreachCount := map[string]int{}
	topForeach := map[string]int{}
	assignedElsewhere := map[string]bool{}
	// an array changed in place by $a[i] = x may be one another
	// variable holds too
	indexed := map[string]bool{}
	// refs are the operands that are a variable; targets those that are
	// the whole target of an assignment
	var refs []*parser.Unary
	targets := map[*parser.Unary]bool{}
	parser.Walk(script, func(n any) bool {
		switch x := n.(type) {
		case *parser.PipelineStatement:
			if x.Op == "" {
				return true
			}
			v, po, ok := flowTarget(x)
			if !ok {
				// a multiple assignment or a complex target
				if x.Left != nil {
					parser.Walk(x.Left, func(m any) bool {
						if ve, ok := m.(*parser.VarExpr); ok {
							n, _ := flowScope(ve.Name)
							pre.poison[n] = true
						}
						return true
					})
				}
				return true
			}
			if po == nil {
				targets[x.Left.Elems[0].(*parser.CommandExpression).Expr.First] = true
			}
			name, scoped := flowScope(v.Name)
			if scoped || !pre.top[x] {
				assignedElsewhere[name] = true
			}
			if po != nil && !pre.top[x] {
				pre.poison[name] = true
			}
			if po != nil && po.Index != nil {
				indexed[name] = true
			}
			if po == nil && x.Op == "=" && hashOf(x.Right) != nil {
				pre.hashVars[name] = true
			}
		case *parser.ForeachStatement:
			n, _ := flowScope(x.Var)
			foreachCount[n]++
			if pre.top[x] {
				topForeach[n]++
			}
		case *parser.ForStatement, *parser.SwitchStatement:
			// their variables ($_, $switch) are automatic
		case *parser.Command:
			if x.Call == "." {
				pre.off = true
			}
			if flowVarCmdlets[strings.ToLower(x.Name)] || strings.EqualFold(x.Name, "Microsoft.PowerShell.Utility\\Set-Variable") {
				pre.off = true
			}
			for _, el := range x.Elements {
				p, ok := el.(*parser.CommandParameter)
				if !ok || p.Name == "" {
					continue
				}
				l := strings.ToLower(strings.TrimLeft(p.Name, "-–—―"))
				if flowVarAliases[l] {
					pre.off = true
				}
				for _, vp := range flowVarParams {
					if len(l) >= 3 && strings.HasPrefix(vp, l) {
						pre.off = true
					}
				}
			}
		case *parser.Redirection:
			if x.Target != nil {
				if s, ok := literalUnary(x.Target); ok {
					if str, ok := s.(string); ok && strings.HasPrefix(strings.ToLower(str), "variable:") {
						pre.off = true
					}
				} else {
					pre.off = true
				}
			}
		case *parser.TypeExpr:
			if strings.EqualFold(x.Name, "ref") && x.Operand != nil {
				parser.Walk(x.Operand, func(m any) bool {
					if ve, ok := m.(*parser.VarExpr); ok {
						n, _ := flowScope(ve.Name)
						pre.poison[n] = true
					}
					return true
				})
			}
		case *parser.Unary:
			for _, p := range x.Prefix {
				if p == "++" || p == "--" {
					pre.poisonVarsOf(x)
				}
			}
			if ve, ok := x.Primary.(*parser.VarExpr); ok && !ve.Splat {
				refs = append(refs, x)
			}
			if ve, ok := x.Primary.(*parser.VarExpr); ok && !pre.adds[x] {
				n, _ := flowScope(ve.Name)
				for _, po := range x.Post {
					if po.Call || po.IncDec != "" {
						pre.poison[n] = true
					}
				}
			}
		case *parser.VarExpr:
			if strings.EqualFold(x.Name, "ExecutionContext") {
				pre.off = true
			}
		case *parser.StringLit:
			// Set-Item variable:v, New-Item -Path variable:v
			if strings.HasPrefix(strings.ToLower(x.Value), "variable:") {
				pre.off = true
			}
		case *parser.BareWord:
			if strings.HasPrefix(strings.ToLower(x.Value), "variable:") {
				pre.off = true
			}
		}
		return true
	})
	for n := range indexed {
		if !pre.hashVars[n] {
			pre.off = true
		}
	}
	for n := range assignedElsewhere {
		pre.poison[n] = true
	}
	for n, c := range foreachCount {
		if c == 1 && topForeach[n] == 1 && !pre.poison[n] {
			pre.loopVars[n] = 1
		}
		// a foreach variable is never followed as an ordinary variable
		pre.poison[n] = true
	}
	for n := range flowAutomatic {
		pre.poison[n] = true
	}
	// a hashtable referred to other than by member, index or splat may
	// be aliased and changed elsewhere
	for _, u := range refs {
		if !targets[u] {
			pre.hashUse(u)
		}
	}
}

// hashUse poisons a hashtable variable used as a whole value.
func (pre *flowPrescan) hashUse(n any) bool {
	u, ok := n.(*parser.Unary)
	if !ok {
		return true
	}
	ve, ok := u.Primary.(*parser.VarExpr)
	if !ok || ve.Splat {
		return true
	}
	name, _ := flowScope(ve.Name)
	if !pre.hashVars[name] {
		return true
	}
	if len(u.Post) == 0 || len(u.Prefix) > 0 {
		pre.poison[name] = true
	}
	return true
}

func (pre *flowPrescan) poisonVarsOf(u *parser.Unary) {
	parser.Walk(u, func(m any) bool {
		if ve, ok := m.(*parser.VarExpr); ok {
			n, _ := flowScope(ve.Name)
			pre.poison[n] = true
		}
		return true
	})
}

// flowRun walks the top-level statements in order.
type flowRun struct {
	pre    *flowPrescan
	fi     *flowInfo
	env    map[string]flowVal
	hashes map[string]*flowHash
	// loop is the foreach variable whose values are being recorded.
	loop     string
	loopVals flowVal
}

func (r *flowRun) statement(st parser.Statement) {
	ps, isPS := st.(*parser.PipelineStatement)
	if isPS && ps.Op != "" {
		v, po, ok := flowTarget(ps)
		if ps.Right != nil {
			r.record(ps.Right)
		}
		if po != nil && po.Index != nil {
			r.recordExpr(po.Index)
		}
		if !ok {
			return
		}
		name, scoped := flowScope(v.Name)
		if scoped || r.pre.poison[name] {
			return
		}
		line := ps.Pos.Line
		if po != nil {
			if _, ok := r.hashes[name]; !ok {
				delete(r.env, name)
			}
			r.member(name, po, ps, line)
			return
		}
		old, hadOld := r.env[name]
		delete(r.env, name)
		delete(r.hashes, name)
		e := exprOf(ps.Right)
		if e == nil {
			return
		}
		switch ps.Op {
		case "=":
			if h := hashOf(ps.Right); h != nil {
				r.hashes[name] = r.hashLiteral(h)
				return
			}
			if val, ok := r.eval(e); ok {
				r.env[name] = flowVal{v: val.v, line: line}
			}
		case "+=":
			val, ok := r.eval(e)
			if !ok || !hadOld {
				return
			}
			switch lv := old.v.(type) {
			case string:
				if rs, ok := val.v.(string); ok {
					r.env[name] = flowVal{v: lv + rs, line: line}
				}
			case *value.Array:
				items := append(append([]any(nil), value.AsSlice(lv)...), value.AsSlice(val.v)...)
				r.env[name] = flowVal{v: value.NewArray(items...), line: line}
			}
		}
		return
	}
	if isPS && ps.Op == "" {
		r.record(st)
		if u := flowAdd(st); u != nil && r.pre.adds[u] {
			r.add(u)
		}
		return
	}
	if fe, ok := st.(*parser.ForeachStatement); ok {
		if fe.In != nil {
			r.record(fe.In)
		}
		name, _ := flowScope(fe.Var)
		if fe.Body == nil || fe.Body.List == nil {
			return
		}
		if r.pre.loopVars[name] == 1 && !fe.VarSplat && fe.In != nil && !flowJumps(fe.Body) {
			if e := exprOf(fe.In); e != nil {
				if val, ok := r.eval(e); ok {
					r.loopVals = flowVal{alts: value.AsSlice(val.v), line: fe.Pos.Line}
					// each value reaches only the statements the body
					// runs for every item: its own pipelines, not those
					// of a branch or after && or ||
					for _, inner := range fe.Body.List.Stmts {
						if ps, ok := inner.(*parser.PipelineStatement); ok && len(ps.Chain) == 0 {
							r.loop = name
						}
						r.record(inner)
						r.loop = ""
					}
					return
				}
			}
		}
		r.record(fe.Body)
		return
	}
	r.record(st)
}

// flowAdd returns the operand of a statement that is $h.Add(key, value)
// and nothing else.
func flowAdd(st parser.Statement) *parser.Unary {
	e := exprOf(st)
	if e == nil || len(e.Rest) > 0 || e.Ternary != nil || e.First == nil {
		return nil
	}
	u := e.First
	if _, ok := u.Primary.(*parser.VarExpr); !ok || len(u.Prefix) > 0 || len(u.Post) != 1 {
		return nil
	}
	po := u.Post[0]
	if !po.Call || po.Dot != "." || !strings.EqualFold(po.Member, "Add") || len(po.Args) != 2 {
		return nil
	}
	return u
}

// add applies $h.Add(key, value): an entry whose key is there already is
// left as it is (Hashtable.Add throws).
func (r *flowRun) add(u *parser.Unary) {
	ve := u.Primary.(*parser.VarExpr)
	name, scoped := flowScope(ve.Name)
	delete(r.env, name)
	h, ok := r.hashes[name]
	if scoped || !ok {
		delete(r.hashes, name)
		return
	}
	po := u.Post[0]
	k, ok := r.eval(po.Args[0])
	key, isStr := k.v.(string)
	if !ok || !isStr {
		delete(r.hashes, name)
		return
	}
	if _, there := h.entries[strings.ToLower(key)]; there {
		return
	}
	h = h.clone()
	ent := flowEntry{key: key, line: u.Pos.Line, at: po.Args[0].Pos}
	if val, ok := r.eval(po.Args[1]); ok && val.alts == nil {
		ent.v, ent.known = val.v, true
	}
	h.set(ent)
	r.hashes[name] = h
}

// flowJumps reports whether a loop body may skip some of its statements
// for an item: break, continue, return, exit or throw anywhere in it.
func flowJumps(b *parser.StatementBlock) bool {
	jumps := false
	parser.Walk(b, func(n any) bool {
		switch n.(type) {
		case *parser.BreakStatement, *parser.FlowStatement:
			jumps = true
		}
		return !jumps
	})
	return jumps
}

// member applies $h.Key = value or $h['Key'] = value.
func (r *flowRun) member(name string, po *parser.PostOp, ps *parser.PipelineStatement, line int) {
	h, ok := r.hashes[name]
	if !ok {
		return
	}
	var key string
	switch {
	case po.Index != nil:
		k, ok := r.eval(po.Index)
		s, isStr := k.v.(string)
		if !ok || !isStr {
			delete(r.hashes, name)
			return
		}
		key = s
	case po.Member != "" && po.DynVar == "" && po.DynStr == nil && po.DynExp == nil && po.DynExpr == nil && po.DynSub == nil && po.DynBlock == nil:
		key = po.Member
	default:
		delete(r.hashes, name)
		return
	}
	h = h.clone()
	ent := flowEntry{key: key, line: line, at: po.Pos}
	if ps.Op == "=" {
		if e := exprOf(ps.Right); e != nil {
			if val, ok := r.eval(e); ok {
				ent.v, ent.known = val.v, true
			}
		}
	}
	h.set(ent)
	r.hashes[name] = h
}

// hashLiteral reads @{ ... } as a flowHash.
func (r *flowRun) hashLiteral(h *parser.HashLiteral) *flowHash {
	out := &flowHash{entries: map[string]flowEntry{}}
	for _, en := range h.Entries {
		k, ok := literalUnary(en.Key)
		ks, isStr := k.(string)
		if !ok || !isStr {
			out.partial = true
			continue
		}
		ent := flowEntry{key: ks, line: en.Pos.Line, at: en.Key.Pos}
		if e := exprOf(en.Value); e != nil {
			if val, ok := r.eval(e); ok {
				ent.v, ent.known = val.v, true
			}
		}
		out.set(ent)
	}
	return out
}

// record notes the value of every operand and expression of n that uses a
// followed variable, and the hashtable of every splat. Functions and
// script blocks are skipped: they run later, or in another scope.
func (r *flowRun) record(n any) {
	parser.Walk(n, func(m any) bool {
		switch x := m.(type) {
		case *parser.FunctionDefinition, *parser.ScriptBlockExpr, *parser.ClassDefinition:
			return false
		case *parser.Splat:
			name, scoped := flowScope(x.Name)
			if h, ok := r.hashes[name]; ok && !scoped && !r.pre.poison[name] {
				r.fi.splats[x] = h
			}
		case *parser.Expr:
			if len(x.Rest) > 0 {
				r.recordExpr(x)
			}
		case *parser.Unary:
			if val, ok := r.evalUnary(x); ok && (val.line > 0 || val.alts != nil) {
				r.fi.unaries[x] = val
			}
		}
		return true
	})
}

func (r *flowRun) recordExpr(e *parser.Expr) {
	if val, ok := r.eval(e); ok && (val.line > 0 || val.alts != nil) {
		r.fi.exprs[e] = val
	}
}

// eval returns the value of an expression, and the latest line a
// variable it read was assigned on (0 when it read none).
func (r *flowRun) eval(e *parser.Expr) (flowVal, bool) {
	if e == nil || e.Ternary != nil || e.First == nil {
		return flowVal{}, false
	}
	first, ok := r.evalUnary(e.First)
	if !ok || first.alts != nil && len(e.Rest) > 0 {
		return flowVal{}, false
	}
	if len(e.Rest) == 0 {
		return first, true
	}
	op := e.Rest[0].Op
	if op != "," && op != "+" {
		return flowVal{}, false
	}
	cur := first
	items := []any{first.v}
	for _, rest := range e.Rest {
		if rest.Op != op {
			return flowVal{}, false
		}
		v, ok := r.evalUnary(rest.Right)
		if !ok || v.alts != nil {
			return flowVal{}, false
		}
		cur.line = max(cur.line, v.line)
		if op == "," {
			items = append(items, v.v)
			continue
		}
		ls, lok := cur.v.(string)
		rs, rok := v.v.(string)
		if !lok || !rok {
			return flowVal{}, false
		}
		cur.v = ls + rs
	}
	if op == "," {
		cur.v = value.NewArray(items...)
	}
	return cur, true
}

// evalUnary returns the value of an operand.
func (r *flowRun) evalUnary(u *parser.Unary) (flowVal, bool) {
	if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return flowVal{}, false
	}
	if v, ok := literalUnary(u); ok {
		return flowVal{v: v}, true
	}
	switch p := u.Primary.(type) {
	case *parser.VarExpr:
		return r.variable(p.Name)
	case *parser.ExpandString:
		var b strings.Builder
		line := 0
		for _, part := range p.Parts {
			if part.Sub != nil {
				return flowVal{}, false
			}
			if part.Var != "" {
				v, ok := r.variable(part.Var)
				s, isStr := v.v.(string)
				if !ok || !isStr || v.alts != nil {
					return flowVal{}, false
				}
				line = max(line, v.line)
				b.WriteString(s)
				continue
			}
			b.WriteString(part.Text)
		}
		return flowVal{v: b.String(), line: line}, true
	case *parser.ParenExpr:
		if p.Stmt == nil || p.Implicit {
			return flowVal{}, false
		}
		if e := exprOf(p.Stmt); e != nil {
			return r.eval(e)
		}
	case *parser.ArrayExpr:
		if p.List == nil {
			return flowVal{v: value.NewArray()}, true
		}
		var items []any
		line := 0
		for _, st := range p.List.Stmts {
			e := exprOf(st)
			if e == nil {
				return flowVal{}, false
			}
			v, ok := r.eval(e)
			if !ok || v.alts != nil {
				return flowVal{}, false
			}
			line = max(line, v.line)
			items = append(items, value.AsSlice(v.v)...)
		}
		return flowVal{v: value.NewArray(items...), line: line}, true
	}
	return flowVal{}, false
}

// variable returns what the pass knows of a variable here.
func (r *flowRun) variable(name string) (flowVal, bool) {
	n, scoped := flowScope(name)
	if scoped {
		return flowVal{}, false
	}
	if r.loop != "" && n == r.loop {
		return r.loopVals, true
	}
	if r.pre.poison[n] {
		return flowVal{}, false
	}
	v, ok := r.env[n]
	return v, ok
}
