package parser

import (
	"math/big"
	"strings"
)

// The checks of defining enums (PSType.cs DefineEnumHelper): the
// underlying type is an integral type, the enumerators have constant
// values that fit it, no name twice, no cycle between enums whose
// values refer to each other.

// enumRange returns the bounds of an underlying type of an enum, its
// PowerShell name, and whether it is an integral type.
func enumRange(name string) (lo, hi *big.Int, typ string, ok bool) {
	bits := func(n uint, signed bool) (*big.Int, *big.Int) {
		one := big.NewInt(1)
		if signed {
			hi := new(big.Int).Sub(new(big.Int).Lsh(one, n-1), one)
			lo := new(big.Int).Neg(new(big.Int).Lsh(one, n-1))
			return lo, hi
		}
		return big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(one, n), one)
	}
	switch normType(name) {
	case "", "int32":
		lo, hi = bits(32, true)
		return lo, hi, "int", true
	case "byte":
		lo, hi = bits(8, false)
		return lo, hi, "byte", true
	case "sbyte":
		lo, hi = bits(8, true)
		return lo, hi, "sbyte", true
	case "int16":
		lo, hi = bits(16, true)
		return lo, hi, "short", true
	case "uint16":
		lo, hi = bits(16, false)
		return lo, hi, "ushort", true
	case "uint32":
		lo, hi = bits(32, false)
		return lo, hi, "uint", true
	case "int64":
		lo, hi = bits(64, true)
		return lo, hi, "long", true
	case "uint64":
		lo, hi = bits(64, false)
		return lo, hi, "ulong", true
	}
	return nil, nil, "", false
}

// enumValue is the value of an enumerator's initializer as far as the
// checks can compute it.
type enumValue struct {
	v *big.Rat
	// known is set when v holds the value; nonConst when the
	// expression is not a constant; str when it is a string that is no
	// number.
	known, nonConst, str bool
}

// enumChecks checks the enums of a script block body (one scope).
func (c *checker) enumChecks(enums []*EnumDefinition) {
	byName := map[string]*EnumDefinition{}
	for _, e := range enums {
		if _, ok := byName[strings.ToLower(e.Name)]; !ok {
			byName[strings.ToLower(e.Name)] = e
		}
	}
	// enums whose values refer to each other in a cycle cannot be
	// defined (DefineEnumHelper.Sort)
	deps := func(e *EnumDefinition) []*EnumDefinition {
		var out []*EnumDefinition
		for _, m := range e.Members {
			if m.Value == nil {
				continue
			}
			Walk(m.Value, func(x any) bool {
				if te, ok := x.(*TypeExpr); ok && te.Operand == nil {
					if d := byName[strings.ToLower(strings.TrimSpace(te.Name))]; d != nil && d != e {
						out = append(out, d)
					}
				}
				return true
			})
		}
		return out
	}
	inCycle := map[*EnumDefinition]bool{}
	for _, e := range enums {
		// e is in a cycle when it can reach itself
		seen := map[*EnumDefinition]bool{}
		stack := deps(e)
		for len(stack) > 0 {
			d := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if d == e {
				inCycle[e] = true
				break
			}
			if seen[d] {
				continue
			}
			seen[d] = true
			stack = append(stack, deps(d)...)
		}
	}
	for _, e := range enums {
		if inCycle[e] {
			c.errorAt("CycleInEnumInitializers", e.Pos.Offset, e.End)
		}
	}
	for _, e := range enums {
		if !inCycle[e] {
			c.enumDefinition(e)
		}
	}
}

// enumDefinition checks one enum's underlying type and enumerators.
func (c *checker) enumDefinition(e *EnumDefinition) {
	lo, hi, typ, ok := enumRange(e.Base)
	if !ok {
		if knownTypeName(strings.ToLower(strings.TrimSpace(e.Base))) {
			c.errorAt("InvalidUnderlyingType", e.BaseAt, e.BaseAt+len(e.Base), e.Base)
		}
		return
	}
	seen := map[string]bool{}
	value := new(big.Rat)
	known := true
	tooBig := false
	for _, m := range e.Members {
		if m.Value != nil {
			ev := evalEnumValue(m.Value)
			switch {
			case ev.nonConst:
				c.errorAt("EnumeratorValueMustBeConstant", m.Value.Pos.Offset, m.Value.End)
				known = false
			case ev.str:
				c.errorAt("CannotConvertValue", m.Value.Pos.Offset, m.Value.End, typ)
				known = false
			case ev.known:
				n := roundEven(ev.v)
				if n.Cmp(lo) < 0 || n.Cmp(hi) > 0 {
					c.errorAt("EnumeratorValueOutOfBounds", m.Value.Pos.Offset, m.Value.End, typ)
					known = false
				} else {
					value.SetInt(n)
					known = true
				}
			default:
				known = false
			}
			tooBig = false
		}
		if tooBig {
			c.errorAt("EnumeratorValueOutOfBounds", m.Pos.Offset, m.End, typ)
		}
		k := strings.ToLower(m.Name)
		if seen[k] {
			c.errorAt("MemberAlreadyDefined", m.Pos.Offset, m.End, m.Name)
		}
		seen[k] = true
		if known {
			if value.Cmp(new(big.Rat).SetInt(hi)) < 0 {
				value.Add(value, big.NewRat(1, 1))
				tooBig = false
			} else {
				tooBig = true
			}
		}
	}
}

// roundEven rounds a value to an integer, halves to even, as .NET
// converts a double to an integer.
func roundEven(r *big.Rat) *big.Int {
	if r.IsInt() {
		return new(big.Int).Set(r.Num())
	}
	fl := new(big.Int).Quo(r.Num(), r.Denom()) // toward zero
	if r.Sign() < 0 {
		fl.Sub(fl, big.NewInt(1))
	}
	frac := new(big.Rat).Sub(r, new(big.Rat).SetInt(fl))
	switch frac.Cmp(big.NewRat(1, 2)) {
	case 1:
		fl.Add(fl, big.NewInt(1))
	case 0:
		if fl.Bit(0) == 1 {
			fl.Add(fl, big.NewInt(1))
		}
	}
	return fl
}

// evalEnumValue computes an enumerator's initializer: numbers, numeric
// strings, $true and $false, the bounds of integral types, unary and
// arithmetic and bitwise operators; a variable, a command, a script
// block or a sub-expression is no constant.
func evalEnumValue(e *Expr) enumValue {
	nonConst := false
	Walk(e, func(x any) bool {
		switch x := x.(type) {
		case *VarExpr:
			switch strings.ToLower(x.Name) {
			case "true", "false", "null":
			default:
				nonConst = true
			}
		case *ScriptBlockExpr, *SubExpr, *Command, *ArrayExpr, *HashLiteral, *ExpandString:
			nonConst = true
		}
		return !nonConst
	})
	if nonConst {
		return enumValue{nonConst: true}
	}
	return evalNode(exprTree(e))
}

func evalNode(n Node) enumValue {
	switch x := n.(type) {
	case *Unary:
		return evalUnary(x)
	case *BinaryExpr:
		l, r := evalNode(x.Left), evalNode(x.Right)
		if !l.known || !r.known {
			return enumValue{}
		}
		v := new(big.Rat)
		switch strings.ToLower(x.Op) {
		case "+":
			v.Add(l.v, r.v)
		case "-":
			v.Sub(l.v, r.v)
		case "*":
			v.Mul(l.v, r.v)
		case "/":
			if r.v.Sign() == 0 {
				return enumValue{}
			}
			v.Quo(l.v, r.v)
		case "-bor", "-band", "-bxor":
			a, b := roundEven(l.v), roundEven(r.v)
			switch strings.ToLower(x.Op) {
			case "-bor":
				v.SetInt(new(big.Int).Or(a, b))
			case "-band":
				v.SetInt(new(big.Int).And(a, b))
			default:
				v.SetInt(new(big.Int).Xor(a, b))
			}
		default:
			return enumValue{}
		}
		return enumValue{v: v, known: true}
	}
	return enumValue{}
}

func evalUnary(u *Unary) enumValue {
	var ev enumValue
	switch p := u.Primary.(type) {
	case *NumberLit:
		if len(u.Post) > 0 {
			return enumValue{}
		}
		ev = numberValue(p.Value, p.Text)
	case *StringLit:
		if len(u.Post) > 0 {
			return enumValue{}
		}
		if n, ok := ParseNumber(strings.TrimSpace(p.Value)); ok {
			ev = numberValue(n, strings.TrimSpace(p.Value))
		} else {
			return enumValue{str: true}
		}
	case *VarExpr:
		if len(u.Post) > 0 {
			return enumValue{}
		}
		switch strings.ToLower(p.Name) {
		case "true":
			ev = enumValue{v: big.NewRat(1, 1), known: true}
		case "false":
			ev = enumValue{v: new(big.Rat), known: true}
		default:
			return enumValue{}
		}
	case *ParenExpr:
		if len(u.Post) > 0 {
			return enumValue{}
		}
		inner := pureExpr(p.Stmt)
		if inner == nil {
			return enumValue{}
		}
		ev = evalNode(exprTree(inner))
	case *TypeExpr:
		if p.Operand != nil || len(u.Post) != 1 || u.Post[0].Dot != "::" || u.Post[0].Call {
			return enumValue{}
		}
		lo, hi, _, ok := enumRange(p.Name)
		if !ok || strings.TrimSpace(p.Name) == "" {
			return enumValue{}
		}
		switch strings.ToLower(u.Post[0].Member) {
		case "maxvalue":
			ev = enumValue{v: new(big.Rat).SetInt(hi), known: true}
		case "minvalue":
			ev = enumValue{v: new(big.Rat).SetInt(lo), known: true}
		default:
			return enumValue{}
		}
	default:
		return enumValue{}
	}
	for i := len(u.Prefix) - 1; i >= 0 && ev.known; i-- {
		switch strings.ToLower(u.Prefix[i]) {
		case "-":
			ev.v = new(big.Rat).Neg(ev.v)
		case "+":
		default:
			return enumValue{}
		}
	}
	return ev
}

// numberValue returns the value of a number literal (text as written: a
// decimal literal too large for a long is exact).
func numberValue(n Number, text string) enumValue {
	v := new(big.Rat)
	switch n.Kind {
	case UInt64:
		v.SetInt(new(big.Int).SetUint64(n.Uint))
	case Double, Decimal:
		t := strings.TrimSuffix(strings.ToLower(text), "d")
		if _, ok := v.SetString(t); ok && !strings.ContainsAny(t, "x/") {
			break
		}
		if n.Float > 1<<53 || n.Float < -(1<<53) || v.SetFloat64(n.Float) == nil {
			// not exact: no check can rely on it
			return enumValue{}
		}
	case BigInt:
		if n.Big == nil {
			return enumValue{}
		}
		v.SetInt(n.Big)
	default:
		v.SetInt64(n.Int)
	}
	return enumValue{v: v, known: true}
}

// enumScopes checks the enums of body and of the script blocks in it,
// each script block's enums together.
func (c *checker) enumScopes(body *ScriptBlockBody) {
	var enums []*EnumDefinition
	Walk(body, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockBody:
			if x != body {
				c.enumScopes(x)
				return false
			}
		case *EnumDefinition:
			enums = append(enums, x)
		}
		return true
	})
	if len(enums) > 0 {
		c.enumChecks(enums)
	}
}

// enumAttributes checks the attributes of an enum: that they exist and
// may be used on an enum (SymbolResolver.cs, SemanticChecks.cs
// VisitAttribute).
func (c *checker) enumAttributes(e *EnumDefinition) {
	if c.classes == nil {
		return
	}
	for _, a := range e.Attrs {
		c.attrType(a)
	}
	for _, a := range e.Attrs {
		if a.Attr != nil {
			c.classAttribute(a.Attr, "Enum")
		}
	}
}
