package parser

import "reflect"

// Walk calls f for n and, while f returns true, for every node below n,
// parents before children. Expression trees are walked through their flat
// form (Expr, Unary), so folded trees are not visited twice.
func Walk(n any, f func(any) bool) {
	// a node a broken script lacks is a nil pointer of its type
	if n == nil || isNilPointer(n) || !f(n) {
		return
	}
	switch n := n.(type) {
	case *Script:
		Walk(n.Body, f)
	case *ScriptBlockBody:
		for _, u := range n.Usings {
			Walk(u, f)
		}
		if n.Param != nil {
			Walk(n.Param, f)
		}
		for _, nb := range n.Named {
			Walk(nb.Body, f)
		}
		if n.Stmts != nil {
			Walk(n.Stmts, f)
		}
	case *StatementList:
		for _, s := range n.Stmts {
			Walk(s, f)
		}
	case *StatementBlock:
		if n.List != nil {
			Walk(n.List, f)
		}
	case *ParamBlock:
		for _, a := range n.Attrs {
			Walk(a, f)
		}
		for _, p := range n.Params {
			Walk(p, f)
		}
	case *Attribute:
		for _, a := range n.Args {
			if a.Value != nil {
				Walk(a.Value, f)
			}
		}
	case *Parameter:
		for _, a := range n.Attrs {
			if a.Attr != nil {
				Walk(a.Attr, f)
			}
		}
		if n.Default != nil {
			Walk(n.Default, f)
		}
	case *PipelineStatement:
		Walk(n.Left, f)
		if n.Right != nil {
			Walk(n.Right, f)
		}
		for _, c := range n.Chain {
			Walk(c.Next, f)
		}
	case *Pipeline:
		for _, e := range n.Elems {
			Walk(e, f)
		}
	case *Command:
		if n.Target != nil {
			Walk(n.Target, f)
		}
		for _, e := range n.Elements {
			Walk(e, f)
		}
	case *CommandExpression:
		Walk(n.Expr, f)
		for _, r := range n.Redirs {
			Walk(r, f)
		}
	case *CommandParameter:
		if n.Arg != nil {
			Walk(n.Arg, f)
		}
	case *CommandArgument:
		Walk(n.Expr, f)
	case *Redirection:
		if n.Target != nil {
			Walk(n.Target, f)
		}
	case *Expr:
		Walk(n.First, f)
		for _, r := range n.Rest {
			Walk(r.Right, f)
		}
		if n.Ternary != nil {
			Walk(n.Ternary.Then, f)
			Walk(n.Ternary.Else, f)
		}
	case *Unary:
		Walk(n.Primary, f)
		for _, p := range n.Post {
			if p.DynStr != nil {
				Walk(p.DynStr, f)
			}
			if p.DynExp != nil {
				Walk(p.DynExp, f)
			}
			if p.DynExpr != nil {
				Walk(p.DynExpr, f)
			}
			if p.DynSub != nil {
				Walk(p.DynSub, f)
			}
			if p.DynBlock != nil {
				Walk(p.DynBlock, f)
			}
			for _, a := range p.Args {
				Walk(a, f)
			}
			if p.Index != nil {
				Walk(p.Index, f)
			}
		}
	case *ExpandString:
		for _, p := range n.Parts {
			if p.Sub != nil {
				Walk(p.Sub, f)
			}
		}
	case *ParenExpr:
		Walk(n.Stmt, f)
	case *SubExpr:
		Walk(n.List, f)
	case *ArrayExpr:
		Walk(n.List, f)
	case *HashLiteral:
		for _, e := range n.Entries {
			Walk(e.Key, f)
			Walk(e.Value, f)
		}
	case *ScriptBlockExpr:
		Walk(n.Body, f)
	case *TypeExpr:
		if n.Operand != nil {
			Walk(n.Operand, f)
		}
	case *CompoundArg:
		for _, p := range n.Parts {
			if p.Str != nil {
				Walk(p.Str, f)
			}
			if p.Exp != nil {
				Walk(p.Exp, f)
			}
			if p.Sub != nil {
				Walk(p.Sub, f)
			}
		}
	case *IfStatement:
		Walk(n.Cond, f)
		Walk(n.Then, f)
		for _, e := range n.ElseIf {
			Walk(e.Cond, f)
			Walk(e.Then, f)
		}
		if n.Else != nil {
			Walk(n.Else, f)
		}
	case *LabeledStatement:
		Walk(n.Loop, f)
	case *ForeachStatement:
		Walk(n.In, f)
		Walk(n.Body, f)
	case *ForStatement:
		for _, p := range []*PipelineStatement{n.Init, n.Cond, n.Iter} {
			if p != nil {
				Walk(p, f)
			}
		}
		Walk(n.Body, f)
	case *WhileStatement:
		Walk(n.Cond, f)
		Walk(n.Body, f)
	case *DoStatement:
		Walk(n.Body, f)
		Walk(n.Cond, f)
	case *SwitchStatement:
		if n.Value != nil {
			Walk(n.Value, f)
		}
		if n.File != nil {
			Walk(n.File, f)
		}
		for _, c := range n.Clauses {
			Walk(c.Cond, f)
			Walk(c.Action, f)
		}
	case *TryStatement:
		Walk(n.Body, f)
		for _, c := range n.Catches {
			Walk(c.Body, f)
		}
		if n.Finally != nil {
			Walk(n.Finally, f)
		}
	case *TrapStatement:
		Walk(n.Body, f)
	case *FlowStatement:
		if n.Value != nil {
			Walk(n.Value, f)
		}
	case *FunctionDefinition:
		for _, p := range n.Params {
			Walk(p, f)
		}
		Walk(n.Body, f)
	case *ClassDefinition:
		for _, m := range n.Members {
			for _, a := range append(append([]*ParamAttr{}, m.Attrs...), m.Attrs2...) {
				if a.Attr != nil {
					Walk(a.Attr, f)
				}
			}
			if m.Init != nil {
				Walk(m.Init, f)
			}
			for _, p := range m.Params {
				Walk(p, f)
			}
			if m.Base != nil {
				for _, a := range m.Base.Args {
					Walk(a, f)
				}
			}
			if m.Body != nil {
				Walk(m.Body, f)
			}
		}
	case *DataStatement:
		for _, c := range n.Commands {
			Walk(c, f)
		}
		if n.Body != nil {
			Walk(n.Body, f)
		}
	case *ConfigurationDefinition:
		for _, a := range n.Attrs {
			if a.Attr != nil {
				Walk(a.Attr, f)
			}
		}
		Walk(n.Name, f)
		Walk(n.Body, f)
	case *DynamicKeywordStatement:
		Walk(n.Name, f)
		Walk(n.Block, f)
		Walk(n.Props, f)
	case *ErrorStatement:
		for _, fl := range n.Flags {
			if fl.Value != nil {
				Walk(fl.Value, f)
			}
		}
		for _, x := range n.Conditions {
			Walk(x, f)
		}
		for _, x := range n.Bodies {
			Walk(x, f)
		}
		for _, x := range n.Nested {
			Walk(x, f)
		}
	case *EnumDefinition:
		for _, m := range n.Members {
			if m.Value != nil {
				Walk(m.Value, f)
			}
		}
	}
}

// isNilPointer reports whether n is a nil pointer in an interface.
func isNilPointer(n any) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
