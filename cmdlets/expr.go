package cmdlets

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/dlclark/regexp2"
)

// pureExpr returns the expression of a statement that is a lone
// expression (no command, redirection or assignment), or nil.
func pureExpr(p *parser.PipelineStatement) *parser.Expr {
	if p == nil || p.Op != "" || len(p.Chain) > 0 || len(p.Left.Elems) != 1 {
		return nil
	}
	ce, ok := p.Left.Elems[0].(*parser.CommandExpression)
	if !ok || len(ce.Redirs) > 0 {
		return nil
	}
	return ce.Expr
}

// evalStatementValue evaluates a statement as a value: a lone expression
// keeps its value as is; anything else is run and its output collected
// (nothing is $null, one item is the item, more is an array).
func (s *Session) evalStatementValue(fr frame, st parser.Statement) (any, error) {
	if p, ok := st.(*parser.PipelineStatement); ok {
		if e := pureExpr(p); e != nil {
			return s.evalExpr(fr, e)
		}
		if p.Op != "" {
			if err := s.execPipelineStatement(fr, p, func(any) error { return nil }); err != nil {
				return nil, err
			}
			ce := p.Left.Elems[0].(*parser.CommandExpression)
			return s.evalNode(fr, ce.Expr.Tree)
		}
	}
	items, err := collect(func(emit emitFn) error { return s.execStmt(fr, st, emit) })
	if err != nil {
		return nil, err
	}
	return value.Unwrap(items), nil
}

func (s *Session) evalExpr(fr frame, e *parser.Expr) (any, error) {
	if e.Tree == nil {
		return s.evalUnary(fr, e.First)
	}
	return s.evalNode(fr, e.Tree)
}

func (s *Session) evalNode(fr frame, n parser.Node) (any, error) {
	switch n := n.(type) {
	case *parser.Unary:
		return s.evalUnary(fr, n)
	case *parser.ArrayLiteral:
		items := make([]any, len(n.Items))
		for i, it := range n.Items {
			v, err := s.evalNode(fr, it)
			if err != nil {
				return nil, err
			}
			if _, ok := v.(voidValue); ok {
				v = nil
			}
			items[i] = v
		}
		return &value.Array{Items: items}, nil
	case *parser.BinaryExpr:
		return s.evalBinary(fr, n)
	case *parser.TernaryExpr:
		c, err := s.evalNode(fr, n.Cond)
		if err != nil {
			return nil, err
		}
		if value.ToBool(c) {
			return s.evalNode(fr, n.Then)
		}
		return s.evalNode(fr, n.Else)
	}
	return nil, fmt.Errorf("unknown expression %T", n)
}

func (s *Session) evalUnary(fr frame, u *parser.Unary) (any, error) {
	// pre-increment and pre-decrement assign
	if len(u.Prefix) > 0 {
		op := u.Prefix[0]
		if op == "++" || op == "--" {
			inner := &parser.Unary{Pos: u.Pos, Prefix: u.Prefix[1:], Primary: u.Primary, Post: u.Post}
			old, err := s.evalUnary(fr, inner)
			if err != nil {
				return nil, err
			}
			delta := 1
			if op == "--" {
				delta = -1
			}
			nv, err := value.Arith("+", orZero(old), delta)
			if err != nil {
				return nil, runtimeError(u.Pos, err)
			}
			if err := s.assign(fr, inner, nv); err != nil {
				return nil, err
			}
			return nv, nil
		}
		v, err := s.evalUnary(fr, &parser.Unary{Pos: u.Pos, Prefix: u.Prefix[1:], Primary: u.Primary, Post: u.Post})
		if err != nil {
			return nil, err
		}
		return s.unaryOp(fr, u.Pos, op, v)
	}
	v, err := s.evalPrimary(fr, u.Primary)
	if err != nil {
		return nil, err
	}
	for i, p := range u.Post {
		if p.IncDec != "" {
			delta := 1
			if p.IncDec == "--" {
				delta = -1
			}
			nv, err := value.Arith("+", orZero(v), delta)
			if err != nil {
				return nil, runtimeError(p.Pos, err)
			}
			target := &parser.Unary{Pos: u.Pos, Primary: u.Primary, Post: u.Post[:i]}
			if err := s.assign(fr, target, nv); err != nil {
				return nil, err
			}
			continue
		}
		if i == 0 && p.Call && p.Dot == "." && len(p.Generic) == 0 {
			if v != nil && len(p.Args) == 0 && strings.EqualFold(p.Member, "ToString") && s.castsToObject(u.Primary) {
				// ([object]$x).ToString() calls Object.ToString
				// non-virtually: the full name of the value's type
				v = qualifiedTypeName(value.TypeName(v))
				continue
			}
			if c := s.castClass(u.Primary); c != nil {
				if r, done, err := s.nonVirtualCall(fr, c, v, p); done {
					if err != nil {
						return nil, err
					}
					v = r
					continue
				}
			}
		}
		v, err = s.postOp(fr, v, p)
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// castsToObject reports whether a primary is a parenthesized cast to
// [object], ([object]$x).
func (s *Session) castsToObject(p parser.Primary) bool {
	te := castExpr(p)
	if te == nil {
		return false
	}
	t, ok := s.resolveType(te.Name)
	return ok && t.Name == value.TObject
}

// castExpr returns the cast a parenthesized expression holds, or nil.
func castExpr(p parser.Primary) *parser.TypeExpr {
	for {
		pe, ok := p.(*parser.ParenExpr)
		if !ok || pe.Stmt == nil || pe.Stmt.Op != "" || len(pe.Stmt.Chain) > 0 || pe.Stmt.Left == nil || len(pe.Stmt.Left.Elems) != 1 {
			break
		}
		ce, ok := pe.Stmt.Left.Elems[0].(*parser.CommandExpression)
		if !ok || len(ce.Redirs) > 0 || ce.Expr == nil || len(ce.Expr.Rest) > 0 || ce.Expr.Ternary != nil ||
			len(ce.Expr.First.Prefix) > 0 || len(ce.Expr.First.Post) > 0 {
			return nil
		}
		p = ce.Expr.First.Primary
	}
	te, ok := p.(*parser.TypeExpr)
	if !ok || te.Operand == nil || te.TypeAt < 0 {
		return nil
	}
	return te
}

// castClass returns the PowerShell class that a parenthesized cast names,
// ([Base]$x), the type constraint of a method call on it
// (Compiler.GetTypeConstraintForMethodResolution), or nil.
func (s *Session) castClass(p parser.Primary) *classDef {
	te := castExpr(p)
	if te == nil {
		return nil
	}
	return s.classes[strings.ToLower(te.Name)]
}

// nonVirtualCall calls a method of class c on an instance of c or of a
// class derived from it, as ([Base]$this).Method() does: the method that
// c has or inherits, not an override of a derived class
// (ClassOps.CallMethodNonVirtually). done is false when v is not such an
// instance.
func (s *Session) nonVirtualCall(fr frame, c *classDef, v any, p *parser.PostOp) (any, bool, error) {
	o, ok := v.(*value.Object)
	if !ok {
		return nil, false, nil
	}
	derived := false
	for k := s.classOf(o); k != nil; k = k.base {
		derived = derived || k == c
	}
	if !derived {
		return nil, false, nil
	}
	name, err := s.memberName(fr, p)
	if err != nil {
		return nil, true, err
	}
	lname := strings.ToLower(name)
	found := false
	for k := c; k != nil && !found; k = k.base {
		found = len(k.methods[lname]) > 0
	}
	if !found {
		return nil, false, nil
	}
	args, err := s.evalArgList(fr, p.Args)
	if err != nil {
		return nil, true, err
	}
	r, err := s.callClassMethod(fr, c, o, name, args)
	if err != nil {
		return nil, true, s.methodError(p.Pos, name, len(args), err)
	}
	return r, true, nil
}

func orZero(v any) any {
	if v == nil {
		return 0
	}
	return v
}

func (s *Session) unaryOp(fr frame, pos parser.Pos, op string, v any) (any, error) {
	switch op {
	case "!", "-not":
		return !value.ToBool(v), nil
	case "-":
		n, err := value.Negate(v)
		if err != nil {
			return nil, runtimeError(pos, err)
		}
		return n, nil
	case "+":
		// unary plus is 0 + v (a [byte] becomes an Int32)
		n, ok := value.ToNumber(v)
		if !ok {
			return v, nil
		}
		return value.Arith("+", 0, n)
	case ",":
		return value.NewArray(v), nil
	case "-bnot":
		n, err := value.BNot(v)
		if err != nil {
			return nil, runtimeError(pos, err)
		}
		return n, nil
	case "-split", "-csplit", "-isplit":
		var out []any
		for _, it := range value.AsSlice(v) {
			for _, f := range strings.FieldsFunc(value.ToString(it), unicode.IsSpace) {
				out = append(out, f)
			}
		}
		return &value.Array{Items: out}, nil
	case "-join":
		var b strings.Builder
		for _, it := range value.AsSlice(v) {
			b.WriteString(value.ToString(it))
		}
		return b.String(), nil
	}
	return nil, runtimeError(pos, fmt.Errorf("unexpected operator %s", op))
}

func (s *Session) evalPrimary(fr frame, p parser.Primary) (any, error) {
	switch p := p.(type) {
	case *parser.VarExpr:
		return s.readVar(fr, p.Name, p.Pos)
	case *parser.NumberLit:
		return value.FromLiteral(p.Value, p.Text), nil
	case *parser.StringLit:
		return p.Value, nil
	case *parser.ExpandString:
		return s.expandString(fr, p.Parts)
	case *parser.ParenExpr:
		return s.evalStatementValue(fr, p.Stmt)
	case *parser.SubExpr:
		items, err := collect(func(emit emitFn) error { return s.execListStrict(fr, p.List, emit) })
		if err != nil {
			return nil, err
		}
		return value.Unwrap(items), nil
	case *parser.ArrayExpr:
		items, err := collect(func(emit emitFn) error { return s.execListStrict(fr, p.List, emit) })
		if err != nil {
			return nil, err
		}
		if items == nil {
			items = []any{}
		}
		return &value.Array{Items: items}, nil
	case *parser.HashLiteral:
		return s.evalHash(fr, p)
	case *parser.ScriptBlockExpr:
		return s.newScriptBlock(fr, p), nil
	case *parser.TypeExpr:
		return s.evalType(fr, p)
	case *parser.BareWord:
		return p.Value, nil
	case *parser.CompoundArg:
		var b strings.Builder
		for _, part := range p.Parts {
			switch {
			case part.Str != nil:
				b.WriteString(part.Str.Value)
			case part.Var != "":
				v, err := s.readVar(fr, part.Var, part.Pos)
				if err != nil {
					return nil, err
				}
				b.WriteString(s.expandValue(fr, v))
			case part.Exp != nil:
				v, err := s.expandString(fr, part.Exp.Parts)
				if err != nil {
					return nil, err
				}
				b.WriteString(v.(string))
			case part.Sub != nil:
				items, err := collect(func(emit emitFn) error { return s.execListStrict(fr, part.Sub, emit) })
				if err != nil {
					return nil, err
				}
				b.WriteString(s.expandValue(fr, value.Unwrap(items)))
			default:
				b.WriteString(part.Word)
			}
		}
		return b.String(), nil
	}
	return nil, fmt.Errorf("unknown primary %T", p)
}

// execListStrict runs a sub-expression's statements; errors inside it stop
// the enclosing statement.
func (s *Session) execListStrict(fr frame, list *parser.StatementList, emit emitFn) error {
	return s.execList(fr, list, emit)
}

// newScriptBlock makes a script block value from its literal.
func (s *Session) newScriptBlock(fr frame, p *parser.ScriptBlockExpr) *ScriptBlock {
	sb := &ScriptBlock{Body: p.Body, File: fr.file, bound: true, module: fr.scope.module}
	src := p.Source
	if src == "" {
		src = s.sourceOf(fr)
	}
	if src != "" && p.EndPos.Offset > p.Pos.Offset && p.EndPos.Offset <= len(src) {
		sb.Source = src
		text := src[p.Pos.Offset:p.EndPos.Offset]
		text = strings.TrimPrefix(text, "{")
		text = strings.TrimSuffix(text, "}")
		sb.Text = text
	}
	return sb
}

// readVar reads $name, with strict-mode checking.
func (s *Session) readVar(fr frame, name string, pos parser.Pos) (any, error) {
	return s.readVarStrict(fr, name, pos, s.strict)
}

// readStringVar reads $name inside an expandable string: strict mode 1
// does not check variables there (Set-StrictMode -Version 1.0).
func (s *Session) readStringVar(fr frame, name string, pos parser.Pos) (any, error) {
	return s.readVarStrict(fr, name, pos, s.strict && s.strictVersion != 1)
}

func (s *Session) readVarStrict(fr frame, name string, pos parser.Pos, strict bool) (any, error) {
	lname := strings.ToLower(name)
	switch lname {
	case "?":
		return s.questionOK, nil
	case "psitem":
		lname = "_"
		name = "_"
	case "args":
	case "input":
	}
	v, ok := s.getVar(fr.scope, name)
	if !ok {
		if strict && !strings.HasPrefix(lname, "env:") {
			return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "VariableIsUndefined", Category: InvalidOperation,
				Msg: fmt.Sprintf("The variable '$%s' cannot be retrieved because it has not been set.", name)}}
		}
		return nil, nil
	}
	return v, nil
}

// expandString builds an expandable string.
func (s *Session) expandString(fr frame, parts []*parser.StringPart) (any, error) {
	var b strings.Builder
	for _, part := range parts {
		switch {
		case part.Sub != nil:
			items, err := collect(func(emit emitFn) error { return s.execListStrict(fr, part.Sub, emit) })
			if err != nil {
				return nil, err
			}
			if len(items) == 1 {
				b.WriteString(s.expandValue(fr, items[0]))
			} else if len(items) > 1 {
				b.WriteString(s.expandValue(fr, &value.Array{Items: items}))
			}
		case part.Var != "":
			v, err := s.readStringVar(fr, part.Var, part.Pos)
			if err != nil {
				return nil, err
			}
			b.WriteString(s.expandValue(fr, v))
		default:
			b.WriteString(part.Text)
		}
	}
	return b.String(), nil
}

// expandValue is the string form of a value inside an expandable string:
// arrays are joined with $OFS.
func (s *Session) expandValue(fr frame, v any) string {
	if a, ok := v.(*value.Array); ok {
		sep := " "
		if ofs, ok := s.getVar(fr.scope, "OFS"); ok && ofs != nil {
			sep = value.ToString(ofs)
		}
		parts := make([]string, len(a.Items))
		for i, it := range a.Items {
			parts[i] = s.expandValue(fr, it)
		}
		return strings.Join(parts, sep)
	}
	return s.toString(v)
}

// toString is value.ToString with the culture-free forms the engine owns.
func (s *Session) toString(v any) string {
	switch x := v.(type) {
	case *ScriptBlock:
		return x.Text
	case *value.Object:
		if str, ok := s.classToString(x); ok {
			return str
		}
	}
	return value.ToString(v)
}

func (s *Session) evalHash(fr frame, p *parser.HashLiteral) (any, error) {
	h := value.NewHashtable()
	for _, e := range p.Entries {
		var key any
		if bw, ok := e.Key.Primary.(*parser.BareWord); ok && len(e.Key.Post) == 0 && len(e.Key.Prefix) == 0 {
			key = bw.Value
		} else {
			k, err := s.evalUnary(fr, e.Key)
			if err != nil {
				return nil, err
			}
			key = k
		}
		if h.Has(key) {
			return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: e.Pos, ID: "DuplicateKeyInHashLiteral", Category: ParserError,
				Msg: fmt.Sprintf("Duplicate keys '%s' are not allowed in hash literals.", value.ToString(key))}}
		}
		v, err := s.evalStatementValue(fr, e.Value)
		if err != nil {
			return nil, err
		}
		h.Set(key, v)
	}
	return h, nil
}

// resolveType resolves a type name with the using namespaces and classes.
func (s *Session) resolveType(name string) (*value.Type, bool) {
	if strings.IndexByte(name, ',') >= 0 {
		plain, ok := withoutAssemblyNames(name)
		if !ok {
			return &value.Type{Name: name}, false
		}
		name = plain
	}
	if c, ok := s.classes[strings.ToLower(name)]; ok {
		return &value.Type{Name: c.name}, true
	}
	t, ok := value.ParseType(name, s.namespaces)
	if !ok {
		// the exception types csemu knows (exceptions.go), by full name,
		// under System or a namespace of a using statement
		prefixes := append([]string{"", "System."}, s.namespaces...)
		for i, p := range prefixes {
			if i >= 2 {
				p += "."
			}
			if full, known := exceptionTypeName(p + name); known {
				return &value.Type{Name: full}, true
			}
			if full, known := staticTypeName(p + name); known {
				return &value.Type{Name: full}, true
			}
		}
		if dt, ok := s.delegateType(name); ok {
			return dt, true
		}
		if mt, ok := s.moduleType(name); ok {
			return &value.Type{Name: mt.Name}, true
		}
	}
	return t, ok
}

// moduleObjectFrom converts v to the module class mt as a cast does: an
// object of the class is kept; a hashtable or a custom object whose keys
// are properties of the class gives a new object with those values (the
// class has a constructor without arguments). ok is false otherwise.
func moduleObjectFrom(mt ModuleType, v any) (any, bool) {
	var names []string
	var vals []any
	switch x := v.(type) {
	case *value.Object:
		if strings.EqualFold(x.TypeName(), mt.Name) {
			return x, true
		}
		if !x.IsCustom() {
			return nil, false
		}
		for _, p := range x.Props() {
			pv, _ := x.Get(p.Name)
			names, vals = append(names, p.Name), append(vals, pv)
		}
	case *value.Hashtable:
		for i, k := range x.Keys() {
			names, vals = append(names, value.ToString(k)), append(vals, x.Values()[i])
		}
	default:
		return nil, false
	}
	o := value.NewObject(mt.Name)
	for _, p := range mt.Properties {
		o.Set(p, nil)
	}
	for i, n := range names {
		p, ok := o.Prop(n)
		if !ok {
			return nil, false
		}
		o.Set(p.Name, vals[i])
	}
	return o, true
}

// moduleType returns the class a registered module defines under name
// (its full name, not case-sensitive).
func (s *Session) moduleType(name string) (ModuleType, bool) {
	for _, m := range s.modules {
		for _, t := range m.Types {
			if strings.EqualFold(t.Name, name) {
				return t, true
			}
		}
	}
	return ModuleType{}, false
}

// coreAssembly reports whether an assembly-qualified type name may name
// the assembly: those of .NET and PowerShell where the types csemu
// emulates live.
func coreAssembly(name string) bool {
	switch strings.ToLower(name) {
	case "mscorlib", "netstandard", "system", "system.runtime", "system.private.corelib",
		"system.collections", "system.management.automation":
		return true
	}
	return false
}

// withoutAssemblyNames removes the assembly names from an
// assembly-qualified type name, at the top ([System.Int32, mscorlib,
// Version=4.0.0.0]) and in bracketed generic arguments
// (List[[System.Int32, mscorlib]]). ok is false when an assembly is not
// a core assembly (see coreAssembly): pwsh would load it, csemu has none of its types.
func withoutAssemblyNames(name string) (string, bool) {
	var b strings.Builder
	// for each open '[': whether it holds one bracketed type argument,
	// where a comma starts an assembly name
	var arg []bool
	prev := byte(0) // the last byte written that is not a space
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '[':
			arg = append(arg, len(arg) > 0 && (prev == '[' || prev == ','))
		case c == ']' && len(arg) > 0:
			arg = arg[:len(arg)-1]
		case c == ',' && (len(arg) == 0 || arg[len(arg)-1]):
			end := strings.IndexByte(name[i:], ']')
			if len(arg) == 0 || end < 0 {
				end = len(name) - i
			}
			asm := strings.TrimSpace(name[i+1 : i+end])
			if j := strings.IndexByte(asm, ','); j >= 0 {
				asm = strings.TrimSpace(asm[:j])
			}
			if !coreAssembly(asm) {
				return name, false
			}
			i += end - 1
			continue
		}
		b.WriteByte(c)
		if c != ' ' {
			prev = c
		}
	}
	return strings.TrimSpace(b.String()), true
}

func (s *Session) evalType(fr frame, p *parser.TypeExpr) (any, error) {
	typ, ok := s.resolveType(p.Name)
	if p.Operand == nil {
		if !ok {
			return nil, unknownType(p.Pos, p.Name)
		}
		return typ, nil
	}
	// [ordered] and [pscustomobject] apply to a hashtable literal's order
	v, err := s.evalUnary(fr, p.Operand)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, unknownType(p.Pos, p.Name)
	}
	switch typ.Name {
	case value.TVoid:
		return voidValue{}, nil
	case value.TRef:
		if r, ok := v.(*refValue); ok {
			return r, nil
		}
		if ve, ok := p.Operand.Primary.(*parser.VarExpr); ok && len(p.Operand.Post) == 0 && len(p.Operand.Prefix) == 0 {
			sc := fr.scope
			for c := fr.scope; c != nil; c = c.parent {
				if _, ok := c.vars[strings.ToLower(ve.Name)]; ok {
					sc = c
					break
				}
			}
			return &refValue{s: s, sc: sc, name: ve.Name}, nil
		}
		return &refValue{s: s, val: v}, nil
	case value.TString:
		if a, ok := v.(*value.Array); ok {
			return s.expandValue(fr, a), nil // arrays join with $OFS
		}
	}
	cv, err := s.convert(v, typ)
	if err != nil {
		return nil, runtimeError(p.Pos, err)
	}
	return cv, nil
}

func unknownType(pos parser.Pos, name string) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "TypeNotFound", Category: InvalidOperation,
		Msg: fmt.Sprintf("Unable to find type [%s].", name)}}
}

// convert converts with engine types first, then value.Convert.
func (s *Session) convert(v any, t *value.Type) (any, error) {
	switch t.Name {
	case value.TScriptBlock:
		switch x := v.(type) {
		case *ScriptBlock:
			return x, nil
		case string:
			return s.scriptBlockFromText(x)
		}
	case value.TRegex:
		if r, ok := v.(*regexValue); ok {
			return r, nil
		}
		re, err := s.compileRegex(value.ToString(v), false)
		if err != nil {
			return nil, err
		}
		return &regexValue{re: re, pattern: value.ToString(v)}, nil
	case value.TXml:
		return nil, &value.RuntimeError{Type: "System.NotImplementedException", Msg: "[NotImplemented] [xml] is not emulated"}
	case "System.Globalization.CultureInfo":
		return s.cultureFromValue(v)
	case value.TType:
		if str, ok := v.(string); ok {
			// a type name as a type literal would name it: the types of
			// the using namespaces, classes and known exceptions too
			if t, ok := s.resolveType(strings.TrimSpace(str)); ok {
				return t, nil
			}
		}
	case value.TVersion:
		if a, ok := v.(*value.Array); ok && len(a.Items) == 1 {
			v = a.Items[0]
		}
		return convertToVersion(v)
	case typeIPAddress:
		return ipAddressFrom(v)
	}
	if c, ok := s.classes[strings.ToLower(t.Name)]; ok {
		return s.convertToClass(c, v)
	}
	if mt, ok := s.moduleType(t.Name); ok {
		if o, ok := moduleObjectFrom(mt, v); ok {
			return o, nil
		}
	}
	if isDelegateType(t) {
		if a, ok := v.(*value.Array); ok && len(a.Items) == 1 {
			v = a.Items[0]
		}
		return s.convertToDelegate(v, t)
	}
	if isListedEnum(t.Name) {
		return convertEnum(v, t.Name)
	}
	return convertValue(v, t)
}

// convertValue converts v to t as a cast does, for the types that need no
// session: a one-item array converts its item to a scalar type.
func convertValue(v any, t *value.Type) (any, error) {
	if a, ok := v.(*value.Array); ok && t.Elem == nil && t.Name != value.TObject && t.Name != value.TPSObject &&
		t.Name != value.TArray && t.Name != "System.Object[]" && t.Name != value.TString && t.Name != value.TBool &&
		!strings.HasPrefix(t.Name, value.TList) && t.Name != value.TArrayList && len(a.Items) == 1 {
		return value.Convert(a.Items[0], t)
	}
	return value.Convert(v, t)
}

// scriptBlockFromText parses code into a script block ([scriptblock]::Create).
// A text with errors is a ParseException carrying them, as PowerShell
// throws it.
func (s *Session) scriptBlockFromText(code string) (*ScriptBlock, error) {
	script, _, errs := s.parseScript("", code)
	if len(errs) > 0 {
		return nil, &parseFailure{t: newAstTree("", code, errs)}
	}
	return &ScriptBlock{Body: script.Body, Text: code, Source: code}, nil
}

// sourceOf returns the source text of the running file, for script block text.
func (s *Session) sourceOf(fr frame) string {
	if s.sources == nil {
		return ""
	}
	return s.sources[fr.file]
}

// comparison operator table
var cmpOps = map[string]bool{
	"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true, "like": true, "notlike": true,
	"match": true, "notmatch": true, "replace": true, "contains": true, "notcontains": true, "in": true,
	"notin": true, "split": true,
}

// splitOp returns the base operator and whether it is case-sensitive.
func splitOp(op string) (string, bool) {
	name := strings.TrimPrefix(op, "-")
	if cmpOps[name] || name == "is" || name == "isnot" || name == "as" {
		return name, false
	}
	if len(name) > 1 && cmpOps[name[1:]] {
		return name[1:], name[0] == 'c'
	}
	return name, false
}

func (s *Session) evalBinary(fr frame, n *parser.BinaryExpr) (any, error) {
	switch n.Op {
	case "-and":
		l, err := s.evalNode(fr, n.Left)
		if err != nil {
			return nil, err
		}
		if !value.ToBool(l) {
			return false, nil
		}
		r, err := s.evalNode(fr, n.Right)
		if err != nil {
			return nil, err
		}
		return value.ToBool(r), nil
	case "-or":
		l, err := s.evalNode(fr, n.Left)
		if err != nil {
			return nil, err
		}
		if value.ToBool(l) {
			return true, nil
		}
		r, err := s.evalNode(fr, n.Right)
		if err != nil {
			return nil, err
		}
		return value.ToBool(r), nil
	case "??":
		l, err := s.evalNode(fr, n.Left)
		if err != nil {
			return nil, err
		}
		if l != nil {
			return l, nil
		}
		return s.evalNode(fr, n.Right)
	}
	l, err := s.evalNode(fr, n.Left)
	if err != nil {
		return nil, err
	}
	r, err := s.evalNode(fr, n.Right)
	if err != nil {
		return nil, err
	}
	if _, ok := l.(voidValue); ok {
		l = nil
	}
	if _, ok := r.(voidValue); ok {
		r = nil
	}
	v, err := s.binaryOp(fr, n.Op, l, r)
	if err != nil {
		return nil, runtimeError(n.Pos, err)
	}
	return v, nil
}

// binaryOp applies a binary operator to two values.
func (s *Session) binaryOp(fr frame, op string, l, r any) (any, error) {
	switch op {
	case "+", "-", "*", "/", "%":
		return value.Arith(op, l, r)
	case "-xor":
		return value.ToBool(l) != value.ToBool(r), nil
	case "..":
		return rangeOp(l, r)
	case "-f":
		return s.formatOp(l, r)
	case "-join":
		var b strings.Builder
		sep := value.ToString(r)
		for i, it := range value.AsSlice(l) {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(s.toString(it))
		}
		return b.String(), nil
	case "-band":
		return value.Bitwise("&", l, r)
	case "-bor":
		return value.Bitwise("|", l, r)
	case "-bxor":
		return value.Bitwise("^", l, r)
	case "-shl":
		return value.Shift("<<", l, r)
	case "-shr":
		return value.Shift(">>", l, r)
	}
	base, cs := splitOp(op)
	switch base {
	case "is", "isnot":
		t, err := s.typeOperand(r)
		if err != nil {
			return nil, err
		}
		res := value.IsType(l, t)
		if c, ok := s.classes[strings.ToLower(t.Name)]; ok {
			_, err := s.convertToClass(c, l)
			_, isHash := l.(*value.Hashtable)
			res = err == nil && !isHash
		}
		if base == "isnot" {
			res = !res
		}
		return res, nil
	case "as":
		t, err := s.typeOperand(r)
		if err != nil {
			return nil, err
		}
		v, err := s.convert(l, t)
		if err != nil {
			return nil, nil
		}
		return v, nil
	case "contains", "notcontains":
		found := false
		for _, it := range value.AsSlice(l) {
			if value.Equal(it, r, cs) {
				found = true
				break
			}
		}
		return found == (base == "contains"), nil
	case "in", "notin":
		found := false
		for _, it := range value.AsSlice(r) {
			if value.Equal(it, l, cs) {
				found = true
				break
			}
		}
		return found == (base == "in"), nil
	case "replace":
		var pattern, repl string
		switch rr := r.(type) {
		case *value.Array:
			if len(rr.Items) > 0 {
				pattern = value.ToString(rr.Items[0])
			}
			if len(rr.Items) > 1 {
				repl = value.ToString(rr.Items[1])
			}
			if len(rr.Items) > 2 {
				return nil, &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: "The -replace operator allows only two elements to follow it, not 3."}
			}
		default:
			pattern = value.ToString(r)
		}
		if sb, ok := r.(*value.Array); ok && len(sb.Items) > 1 {
			if blk, ok := sb.Items[1].(*ScriptBlock); ok {
				return s.replaceWithBlock(fr, l, pattern, blk, !cs)
			}
		}
		if a, ok := l.(*value.Array); ok {
			out := make([]any, len(a.Items))
			for i, it := range a.Items {
				v, err := s.regexReplace(s.toString(it), pattern, repl, !cs)
				if err != nil {
					return nil, err
				}
				out[i] = v
			}
			return &value.Array{Items: out}, nil
		}
		return s.regexReplace(s.toString(l), pattern, repl, !cs)
	case "split":
		// the right operand is a pattern or script block, then the most
		// parts (negative: counted from the right), then the options
		args := []any{r}
		if a, ok := r.(*value.Array); ok {
			args = a.Items
		}
		if len(args) == 0 {
			return nil, &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("The argument to operator '-split' is not valid: %s.", value.ToString(r))}
		}
		max := 0
		if len(args) > 1 {
			m, err := value.ToInt(args[1])
			if err != nil {
				return nil, err
			}
			max = m
		}
		blk, isBlock := args[0].(*ScriptBlock)
		simple, opts := false, regexp2.None
		if len(args) > 2 && args[2] != nil && value.ToString(args[2]) != "" {
			if isBlock {
				return nil, &value.RuntimeError{Type: "System.Management.Automation.ParseException", Msg: "Options are not allowed on the -split operator with a predicate.", ID: "InvalidSplitOptionWithPredicate"}
			}
			var err error
			if simple, opts, err = splitOptions(args[2], !cs); err != nil {
				return nil, err
			}
		} else if !cs {
			opts = regexp2.IgnoreCase
		}
		var out []any
		for _, it := range value.AsSlice(l) {
			var parts []string
			var err error
			if isBlock {
				parts, err = s.splitPredicate(fr, s.toString(it), blk, max)
			} else {
				pat := s.toString(args[0])
				if simple {
					pat = escapeRegex(pat)
				}
				parts, err = s.regexSplitOpts(s.toString(it), pat, max, opts)
			}
			if err != nil {
				return nil, err
			}
			for _, p := range parts {
				out = append(out, p)
			}
		}
		return &value.Array{Items: out}, nil
	case "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch":
		if a, ok := l.(*value.Array); ok {
			var out []any
			for _, it := range a.Items {
				ok, err := s.compareOp(fr, base, it, r, cs, false)
				if err != nil {
					return nil, err
				}
				if ok {
					out = append(out, it)
				}
			}
			if out == nil {
				out = []any{}
			}
			return &value.Array{Items: out}, nil
		}
		return s.compareOp(fr, base, l, r, cs, true)
	}
	return nil, fmt.Errorf("the operator %s is not supported", op)
}

// compareOp applies a scalar comparison.
func (s *Session) compareOp(fr frame, op string, l, r any, cs, setMatches bool) (bool, error) {
	switch op {
	case "eq":
		return value.Equal(l, r, cs), nil
	case "ne":
		return !value.Equal(l, r, cs), nil
	case "gt", "ge", "lt", "le":
		c, err := value.Compare(l, r, cs)
		if err != nil {
			return false, err
		}
		switch op {
		case "gt":
			return c > 0, nil
		case "ge":
			return c >= 0, nil
		case "lt":
			return c < 0, nil
		}
		return c <= 0, nil
	case "like", "notlike":
		m := value.Like(s.toString(l), value.ToString(r), cs)
		return m == (op == "like"), nil
	case "match", "notmatch":
		re, err := s.compileRegex(value.ToString(r), !cs)
		if err != nil {
			return false, err
		}
		m, err := s.regexMatch(fr, re, s.toString(l), setMatches)
		if err != nil {
			return false, err
		}
		return m == (op == "match"), nil
	}
	return false, fmt.Errorf("unknown comparison %s", op)
}

func (s *Session) typeOperand(r any) (*value.Type, error) {
	switch t := r.(type) {
	case *value.Type:
		return t, nil
	case string:
		typ, ok := s.resolveType(t)
		if !ok {
			return nil, &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("Unable to find type [%s].", t)}
		}
		return typ, nil
	}
	return nil, &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: "The right operand of '-is' or '-as' must be a type."}
}

// rangeOp builds l..r as PowerShell's RangeOperator does: two [char]s or
// one-character strings that are not digits give [char]s ("0".."9" gives
// numbers); anything else goes through Convert.ToInt32 and gives [int]s.
func rangeOp(l, r any) (any, error) {
	if a, ok := rangeChar(l); ok {
		if b, ok := rangeChar(r); ok {
			step := rune(1)
			if b < a {
				step = -1
			}
			n := int(b-a)*int(step) + 1
			out := make([]any, 0, n)
			for c := a; ; c += step {
				out = append(out, c)
				if c == b {
					break
				}
			}
			return &value.Array{Items: out}, nil
		}
	}
	a, err := value.NetToInt32(l)
	if err != nil {
		return nil, err
	}
	b, err := value.NetToInt32(r)
	if err != nil {
		return nil, err
	}
	// Math.Abs(checked(upper - lower)) + 1 items
	diff := int64(b) - int64(a)
	if diff < math.MinInt32 || diff > math.MaxInt32 {
		return nil, &value.RuntimeError{Type: "System.OverflowException", Msg: "Arithmetic operation resulted in an overflow."}
	}
	if diff < 0 {
		diff = -diff
	}
	if err := value.CheckArrayLength(diff + 1); err != nil {
		return nil, err
	}
	out := make([]any, 0, diff+1)
	step := 1
	if b < a {
		step = -1
	}
	for i := a; ; i += step {
		out = append(out, i)
		if i == b {
			break
		}
	}
	return &value.Array{Items: out}, nil
}

// rangeChar is the [char] a range operand stands for: a [char], or a
// string of one UTF-16 character that is not a decimal digit.
func rangeChar(v any) (rune, bool) {
	switch x := v.(type) {
	case rune:
		return x, true
	case string:
		r, n := utf8.DecodeRuneInString(x)
		if n == len(x) && n > 0 && r < 0x10000 && !unicode.IsDigit(r) {
			return r, true
		}
	}
	return 0, false
}

// formatOp is the -f operator.
func (s *Session) formatOp(l, r any) (any, error) {
	args := value.AsSlice(r)
	if r == nil {
		args = []any{nil}
	}
	out, err := value.FormatComposite(value.ToString(l), args)
	if err != nil {
		return nil, &value.RuntimeError{Type: "System.FormatException", Msg: fmt.Sprintf("Error formatting a string: %s", err.Error())}
	}
	return out, nil
}

// replaceWithBlock is -replace with a script block replacement (pwsh 6+).
func (s *Session) replaceWithBlock(fr frame, l any, pattern string, blk *ScriptBlock, ignoreCase bool) (any, error) {
	re, err := s.compileRegex(pattern, ignoreCase)
	if err != nil {
		return nil, err
	}
	var firstErr error
	out, rerr := re.ReplaceFunc(s.toString(l), func(m regexpMatch) string {
		mo := value.NewObject("System.Text.RegularExpressions.Match")
		mo.Set("Value", m.String())
		mo.Set("Index", m.Index)
		mo.Set("Length", m.Length)
		mo.SetToString(m.String())
		v, err := s.invokeScriptBlockValue(fr, blk, mo, nil, false)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s.toString(v)
	}, -1, -1)
	if firstErr != nil {
		return nil, firstErr
	}
	if rerr != nil {
		return nil, rerr
	}
	return out, nil
}

// assign assigns v to an assignable expression.
func (s *Session) assign(fr frame, target *parser.Unary, v any) error {
	if _, ok := v.(voidValue); ok {
		v = nil
	}
	if len(target.Post) == 0 {
		switch p := target.Primary.(type) {
		case *parser.VarExpr:
			if err := s.setVar(fr.scope, p.Name, v); err != nil {
				return runtimeError(p.Pos, err)
			}
			return nil
		case *parser.TypeExpr:
			if p.Operand != nil {
				if ve, ok := p.Operand.Primary.(*parser.VarExpr); ok && len(p.Operand.Post) == 0 {
					typ, ok := s.resolveType(p.Name)
					if !ok {
						return unknownType(p.Pos, p.Name)
					}
					if err := s.setTypedVar(fr.scope, ve.Name, typ, v); err != nil {
						return runtimeError(p.Pos, err)
					}
					return nil
				}
				return s.assign(fr, p.Operand, v)
			}
		}
		return runtimeError(target.Pos, fmt.Errorf("the assignment expression is not valid"))
	}
	// evaluate the object, then set the last member or index
	objUnary := &parser.Unary{Pos: target.Pos, Primary: target.Primary, Post: target.Post[:len(target.Post)-1]}
	obj, err := s.evalUnary(fr, objUnary)
	if err != nil {
		return err
	}
	last := target.Post[len(target.Post)-1]
	if last.Index != nil {
		idx, err := s.evalExpr(fr, last.Index)
		if err != nil {
			return err
		}
		if idx == nil && obj != nil {
			return nullArrayIndex(last.Pos)
		}
		if err := setIndex(obj, idx, v); err != nil {
			return runtimeError(last.Pos, err)
		}
		return nil
	}
	name, err := s.memberName(fr, last)
	if err != nil {
		return err
	}
	if last.Dot == "::" {
		t, ok := obj.(*value.Type)
		if o, isObj := obj.(*value.Object); !ok && isObj {
			// $this::Name: a static of the instance's class
			if c := s.classOf(o); c != nil {
				t, ok = &value.Type{Name: c.name}, true
			}
		}
		if ok {
			if c := s.classes[strings.ToLower(t.Name)]; c != nil && !c.enum {
				if err := s.setStatic(c, name, v); err != nil {
					return runtimeError(last.Pos, err)
				}
				return nil
			}
			if t.Name == "System.Globalization.CultureInfo" {
				if ok, err := s.setCultureStatic(name, v); ok {
					if me, isMe := err.(*methodErr); isMe && me.typ == "NotImplemented" {
						return notImplemented(last.Pos, "", me.msg)
					}
					return err
				}
			}
		}
		return runtimeError(last.Pos, fmt.Errorf("'%s' is a ReadOnly property", name))
	}
	if err := s.setMember(obj, name, v); err != nil {
		return runtimeError(last.Pos, err)
	}
	return nil
}

func setIndex(obj, idx, v any) error {
	switch o := obj.(type) {
	case *value.Array:
		i, err := value.ToInt(idx)
		if err != nil {
			return err
		}
		if i < 0 {
			i += len(o.Items)
		}
		if i < 0 || i >= len(o.Items) {
			return &value.RuntimeError{Type: "System.IndexOutOfRangeException", Msg: "Index was outside the bounds of the array."}
		}
		o.Items[i] = v
		o.Version++
		return nil
	case *value.Hashtable:
		return o.Put(idx, v)
	case *value.Object:
		o.Set(value.ToString(idx), v)
		return nil
	case nil:
		return &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: "Cannot index into a null array."}
	}
	return &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("Unable to index into an object of type %s.", value.TypeName(obj))}
}

// isNaNOrInf guards float results.
func isNaNOrInf(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }

// refValue is a [ref]: a reference to a variable (or to a value).
type refValue struct {
	s    *Session
	sc   *Scope
	name string
	val  any
}

func (r *refValue) get() any {
	if r.sc == nil {
		return r.val
	}
	v, _ := r.s.getVar(r.sc, r.name)
	return v
}

func (r *refValue) set(v any) error {
	if r.sc == nil {
		r.val = v
		return nil
	}
	return r.s.setVar(r.sc, r.name, v)
}

func (r *refValue) PSString() string   { return value.TRef }
func (r *refValue) PSTypeName() string { return value.TRef }
