package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// A class method named without a call, $obj.Method or [Class]::Method,
// is a PSMethod: its overloads, callable with Invoke, and convertible to
// a delegate type whose parameter types one overload takes
// (about_Methods; Conversions.Tests.ps1 "method conversion").

// methodGroup is a PSMethod of a PowerShell class.
type methodGroup struct {
	c      *classDef
	this   *value.Object // nil for a static method
	name   string
	static bool
}

// overloads are the methods of the group, the class's own first, then
// those it inherits that it does not override.
func (g *methodGroup) overloads() []*parser.ClassMember {
	key := strings.ToLower(g.name)
	if g.static {
		key = "static:" + key
	}
	var out []*parser.ClassMember
	seen := map[int]bool{}
	for k := g.c; k != nil; k = k.base {
		for _, m := range k.methods[key] {
			if !seen[len(m.Params)] || k == g.c {
				out = append(out, m)
			}
		}
		for _, m := range k.methods[key] {
			seen[len(m.Params)] = true
		}
	}
	return out
}

// ownerOf is the class of the chain that declares overload m.
func (g *methodGroup) ownerOf(m *parser.ClassMember) *classDef {
	key := strings.ToLower(g.name)
	if g.static {
		key = "static:" + key
	}
	for k := g.c; k != nil; k = k.base {
		for _, x := range k.methods[key] {
			if x == m {
				return k
			}
		}
	}
	return g.c
}

// definition is an overload as PowerShell shows it: "int Twice(int value)".
func (g *methodGroup) definition(m *parser.ClassMember) string {
	ret := memberType(m)
	if ret == "" {
		ret = "System.Object"
	}
	params := make([]string, len(m.Params))
	for i, p := range m.Params {
		t := paramTypeName(p)
		if t == "" {
			t = "System.Object"
		}
		params[i] = shortTypeName(t) + " " + strings.TrimPrefix(p.Name, "$")
	}
	def := shortTypeName(ret) + " " + m.Method + "(" + strings.Join(params, ", ") + ")"
	if g.static {
		def = "static " + def
	}
	return def
}

// shortTypeName is a type name as a PSMethod's definition writes it: the
// C# keyword of a primitive type, else the name written.
func shortTypeName(t string) string {
	switch strings.ToLower(strings.TrimPrefix(strings.ToLower(t), "system.")) {
	case "int", "int32":
		return "int"
	case "long", "int64":
		return "long"
	case "string":
		return "string"
	case "bool", "boolean":
		return "bool"
	case "double":
		return "double"
	case "object":
		return "System.Object"
	case "void":
		return "void"
	}
	return t
}

func (g *methodGroup) PSTypeName() string { return "System.Management.Automation.PSMethod" }
func (g *methodGroup) PSTypeNames() []string {
	return []string{"System.Management.Automation.PSMethod", "System.Management.Automation.PSMethodInfo",
		"System.Management.Automation.PSMemberInfo", value.TObject}
}

func (g *methodGroup) PSString() string {
	ovs := g.overloads()
	defs := make([]string, len(ovs))
	for i, m := range ovs {
		defs[i] = g.definition(m)
	}
	return strings.Join(defs, ", ")
}

func (g *methodGroup) psPropertyNames() []string {
	return []string{"OverloadDefinitions", "MemberType", "Value", "TypeNameOfValue", "IsInstance", "Name"}
}

func (g *methodGroup) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "name":
		return g.name, true
	case "membertype":
		return "Method", true
	case "isinstance":
		return !g.static, true
	case "value":
		return g, true
	case "typenameofvalue":
		return "System.Management.Automation.PSMethod", true
	case "overloaddefinitions":
		var out []any
		for _, m := range g.overloads() {
			out = append(out, g.definition(m))
		}
		return &value.Array{Items: out}, true
	}
	return nil, false
}

func (g *methodGroup) psNotImplemented(name string) string { return "" }

func (g *methodGroup) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	if !strings.EqualFold(name, "Invoke") {
		return nil, notFoundMethod(g, name)
	}
	if g.static {
		return s.classStatic(fr, g.c, g.name, true, args)
	}
	return s.callClassMethod(fr, g.c, g.this, g.name, args)
}

// classMethodGroup returns the PSMethod of name on a class instance (or,
// for o nil, the static methods of c), when the class has such methods.
func (s *Session) classMethodGroup(c *classDef, o *value.Object, name string) (*methodGroup, bool) {
	g := &methodGroup{c: c, this: o, name: name, static: o == nil}
	if len(g.overloads()) == 0 {
		return nil, false
	}
	return g, true
}

// methodGroupDelegate converts a PSMethod to delegate type t: the
// overload whose parameter types are the delegate's exactly, else the
// first the delegate's arguments convert to (by variance: an [object]
// parameter takes anything); none is PSInvalidCastException.
func (s *Session) methodGroupDelegate(g *methodGroup, t *value.Type) (any, error) {
	n := len(t.Args)
	if t.GenericBase() == "System.Func" {
		n--
	}
	var exact, loose *parser.ClassMember
	for _, m := range g.overloads() {
		if len(m.Params) != n {
			continue
		}
		same, fits := true, true
		for i, p := range m.Params {
			pt, ok := s.resolveType(paramTypeName(p))
			if paramTypeName(p) == "" {
				pt, ok = &value.Type{Name: value.TObject}, true
			}
			switch {
			case !ok:
				same, fits = false, false
			case strings.EqualFold(pt.Name, t.Args[i].Name):
			case pt.Name == value.TObject:
				same = false
			default:
				same, fits = false, false
			}
		}
		if same && exact == nil {
			exact = m
		}
		if fits && loose == nil {
			loose = m
		}
	}
	pick := exact
	if pick == nil {
		pick = loose
	}
	if pick == nil {
		return nil, &value.ConversionError{Value: g, Type: t.Name,
			Detail: fmt.Sprintf("Cannot convert the \"%s\" value of type \"System.Management.Automation.PSMethod\" to type \"%s\".", g.PSString(), t.Name)}
	}
	owner := g.ownerOf(pick)
	call := func(fr frame, args []any) (any, error) {
		if g.static {
			return s.runClassMethod(fr, owner, nil, pick, args)
		}
		return s.runClassMethod(fr, owner, g.this, pick, args)
	}
	return &delegateValue{typ: t, call: call}, nil
}
