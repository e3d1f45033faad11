package parser

import (
	"slices"
	"sort"
	"strings"
)

// The checks PowerShell makes of a class before running a script: the
// symbol resolver's (SymbolResolver.cs: types that do not exist, an
// assignment to a property without $this), the semantic checks'
// (SemanticChecks.cs: attributes, return statements, the flow analysis of
// methods, $this in static members, DSC resources) and the ones of
// defining the type (PSType.cs: members defined twice, static
// constructors with parameters).

// classInfo is what the class checks know of the script: the types it
// defines, and whether a using statement may bring in others.
type classInfo struct {
	types map[string]*typeDef
	// lenient is set when a using statement can bring in types the
	// checks cannot see.
	lenient bool
}

// typeDef is a class or an enum of the script.
type typeDef struct {
	class *ClassDefinition
	enum  *EnumDefinition
}

// scriptTypes collects the types a script defines.
func scriptTypes(s *Script) *classInfo {
	ci := &classInfo{types: map[string]*typeDef{}}
	Walk(s.Body, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockBody:
			if len(x.Usings) > 0 {
				ci.lenient = true
			}
		case *UsingStatement:
			ci.lenient = true
		case *ClassDefinition:
			if _, ok := ci.types[strings.ToLower(x.Name)]; !ok {
				ci.types[strings.ToLower(x.Name)] = &typeDef{class: x}
			}
		case *EnumDefinition:
			if _, ok := ci.types[strings.ToLower(x.Name)]; !ok {
				ci.types[strings.ToLower(x.Name)] = &typeDef{enum: x}
			}
		}
		return true
	})
	return ci
}

// typeText returns the type name of a type constraint [Name] and where
// the name starts and ends.
func typeText(a *ParamAttr) (string, int, int) {
	return strings.TrimSpace(a.Type), a.Pos.Offset + 1, a.End - 1
}

// memberType returns the type constraint of a member (its type or return
// type), or nil.
func memberType(m *ClassMember) *ParamAttr {
	for _, a := range append(append([]*ParamAttr{}, m.Attrs...), m.Attrs2...) {
		if a.Attr == nil {
			return a
		}
	}
	return nil
}

// memberAttrs returns the attributes (not the type) of a member.
func memberAttrs(m *ClassMember) []*Attribute {
	var out []*Attribute
	for _, a := range append(append([]*ParamAttr{}, m.Attrs...), m.Attrs2...) {
		if a.Attr != nil {
			out = append(out, a.Attr)
		}
	}
	return out
}

func isStatic(m *ClassMember) bool { return slices.Contains(m.Mods, "static") }

// returnsVoid reports a method with no return type or [void].
func returnsVoid(m *ClassMember) bool {
	t := memberType(m)
	if t == nil {
		return true
	}
	n := normType(t.Type)
	return n == "void"
}

// classDefinition makes the checks of one class.
func (c *checker) classDefinition(cd *ClassDefinition) {
	ci := c.classes
	if ci == nil {
		return
	}
	if c.classAttrs == nil {
		c.classAttrs = map[*Attribute]bool{}
	}
	for _, a := range cd.Attrs {
		if a.Attr != nil {
			c.classAttrs[a.Attr] = true
		}
	}
	for _, m := range cd.Members {
		for _, a := range memberAttrs(m) {
			c.classAttrs[a] = true
		}
		for _, prm := range m.Params {
			for _, a := range prm.Attrs {
				if a.Attr != nil {
					c.classAttrs[a.Attr] = true
				}
			}
		}
	}
	// the symbol resolver: types and attributes
	for _, a := range cd.Attrs {
		c.attrType(a)
	}
	for i, b := range cd.Bases {
		name := strings.TrimSpace(b)
		if !c.typeExists(name, false) {
			c.errorAt("TypeNotFound", cd.BaseSpans[i][0], cd.BaseSpans[i][1], name)
		}
	}
	for _, m := range cd.Members {
		for _, a := range append(append([]*ParamAttr{}, m.Attrs...), m.Attrs2...) {
			c.attrType(a)
		}
		for _, prm := range m.Params {
			for _, a := range prm.Attrs {
				c.attrType(a)
			}
		}
		if m.Init != nil {
			c.bodyTypes(m.Init)
		}
		if m.Body != nil {
			c.bodyTypes(m.Body)
			c.missingThis(cd, m)
		}
	}
	// the semantic checks
	for _, a := range cd.Attrs {
		if a.Attr != nil {
			c.classAttribute(a.Attr, "Class")
		}
	}
	for _, m := range cd.Members {
		target := "Property, Field"
		if m.Body != nil {
			target = "Method"
			if strings.EqualFold(m.Method, cd.Name) {
				target = "Constructor"
			}
		}
		for _, a := range memberAttrs(m) {
			c.classAttribute(a, target)
		}
		for _, prm := range m.Params {
			for _, a := range prm.Attrs {
				if a.Attr != nil {
					c.classAttribute(a.Attr, "Parameter")
				}
			}
		}
		if m.Body != nil {
			c.methodChecks(cd, m)
		} else {
			if t := memberType(m); t != nil && normType(t.Type) == "void" {
				c.errorAt("TypeNotAllowedForProperty", t.Pos.Offset, t.End, strings.TrimSpace(t.Type))
			}
			if m.Init != nil && isStatic(m) {
				c.thisInStatic(m.Init)
			}
		}
	}
	for _, a := range cd.Attrs {
		if a.Attr != nil && isAttrNamed(a.Attr.Name, "DscResource") {
			c.dscResource(cd, a)
			break
		}
	}
	// defining the type
	c.defining = true
	c.baseTypes(cd)
	c.defineMembers(cd)
	for _, a := range cd.Attrs {
		if a.Attr != nil && isAttrNamed(a.Attr.Name, "Cmdlet") {
			c.cmdletArguments(a.Attr)
		}
	}
	c.defining = false
}

// baseTypes checks the base class and interfaces of a class (PSType.cs
// DefineTypeHelper): no array, a class of the script only if defined
// before it and only first, no sealed .NET type, and a parameterless
// constructor in a base class of the script when the class has no
// constructor.
func (c *checker) baseTypes(cd *ClassDefinition) {
	for i, b := range cd.Bases {
		name := strings.TrimSpace(b)
		at, end := cd.BaseSpans[i][0], cd.BaseSpans[i][1]
		if strings.HasSuffix(name, "]") && strings.Trim(name[strings.LastIndexByte(name, '['):], "[], ") == "" {
			c.errorAt("SubtypeArray", at, end, name)
			return
		}
		if strings.Contains(name, "`") && !strings.HasSuffix(name, "]") {
			c.errorAt("SubtypeUnclosedGeneric", at, end, name)
			return
		}
		d := c.classes.types[strings.ToLower(name)]
		if d == nil {
			if i == 0 && sealedType(name) {
				c.errorAt("SealedBaseClass", at, end, name)
				return
			}
			continue
		}
		if d.class != nil && d.class.Pos.Offset >= cd.Pos.Offset {
			// a base class is defined before the class that derives
			// from it
			c.errorAt("TypeNotFound", at, end, name)
			return
		}
		if i > 0 && d.class != nil {
			c.errorAt("InterfaceNameExpected", at, end, name)
			return
		}
		if i == 0 && d.enum != nil {
			c.errorAt("SealedBaseClass", at, end, name)
			return
		}
	}
	if len(cd.Bases) == 0 {
		return
	}
	c.interfaceMethods(cd)
	base := c.classes.types[strings.ToLower(strings.TrimSpace(cd.Bases[0]))]
	if base == nil || base.class == nil {
		return
	}
	baseCtors, baseDefault := 0, false
	for _, m := range base.class.Members {
		if m.Body != nil && strings.EqualFold(m.Method, base.class.Name) && !isStatic(m) {
			baseCtors++
			if len(m.Params) == 0 {
				baseDefault = true
			}
		}
	}
	for _, m := range cd.Members {
		if m.Body != nil && strings.EqualFold(m.Method, cd.Name) && !isStatic(m) {
			return
		}
	}
	if baseCtors > 0 && !baseDefault {
		c.errorAt("BaseClassNoDefaultCtor", cd.Pos.Offset, cd.End, base.class.Name)
	}
}

// sealedType reports a .NET type a class cannot derive from: the
// strings and the value types PowerShell has accelerators for.
func sealedType(name string) bool {
	switch normType(name) {
	case "string", "int32", "int64", "int16", "uint32", "uint64", "uint16", "byte", "sbyte", "boolean", "char",
		"double", "single", "decimal", "datetime", "timespan", "guid", "bigint", "numerics.biginteger", "void":
		return true
	}
	return false
}

// labelsInMethod reports a break or continue in a method whose label no
// loop around it has (SemanticChecks.cs CheckLabelExists); a function
// in the method is a scope of its own.
func (c *checker) labelsInMethod(m *ClassMember) {
	var visit func(n any, labels []string)
	visit = func(n any, labels []string) {
		Walk(n, func(x any) bool {
			switch x := x.(type) {
			case *FunctionDefinition:
				return false
			case *LabeledStatement:
				if _, isSwitch := x.Loop.(*SwitchStatement); !isSwitch {
					visit(x.Loop, append(append([]string(nil), labels...), strings.ToLower(x.Label)))
					return false
				}
			case *BreakStatement:
				if x.Label != "" && x.LabelExpr == nil && !slices.Contains(labels, strings.ToLower(x.Label)) {
					c.errorAt("LabelNotFound", x.Pos.Offset, x.End, x.Label)
				}
			}
			return true
		})
	}
	visit(m.Body, nil)
}

// attrType reports the type of a type constraint or an attribute that
// does not exist.
func (c *checker) attrType(a *ParamAttr) {
	if a.Attr != nil {
		name := strings.TrimSpace(a.Attr.Name)
		if !c.typeExists(name, true) {
			at := a.Pos.Offset + 1
			c.errorAt("CustomAttributeTypeNotFound", at, at+len(a.Attr.Name), name)
		}
		return
	}
	name, at, end := typeText(a)
	if strings.EqualFold(name, "ordered") {
		return
	}
	if !c.typeExists(name, false) {
		c.errorAt("TypeNotFound", at, end, name)
	}
}

// bodyTypes reports the type literals below n (in a method body or a
// property's initial value) that name no type.
func (c *checker) bodyTypes(n any) {
	Walk(n, func(x any) bool {
		switch x := x.(type) {
		case *TypeExpr:
			if x.TypeAt >= 0 && !strings.EqualFold(strings.TrimSpace(x.Name), "ordered") && !c.typeExists(x.Name, false) {
				c.errorAt("TypeNotFound", x.TypeAt+1, x.TypeEnd-1, strings.TrimSpace(x.Name))
			}
			for _, a := range x.Attrs {
				if !c.typeExists(a.Name, true) {
					c.errorAt("CustomAttributeTypeNotFound", a.Pos.Offset+1, a.Pos.Offset+1+len(a.Name), a.Name)
				}
			}
		case *TryStatement:
			for _, cc := range x.Catches {
				for i, t := range cc.Types {
					if i < len(cc.TypeSpans) && !c.typeExists(t, false) {
						sp := cc.TypeSpans[i]
						c.errorAt("TypeNotFound", sp[0]+1, sp[1]-1, strings.TrimSpace(t))
					}
				}
			}
		case *TrapStatement:
			if x.Type != "" && !c.typeExists(x.Type, false) {
				c.errorAt("TypeNotFound", x.TypeAt+1, x.TypeEnd-1, strings.TrimSpace(x.Type))
			}
		case *ClassDefinition, *EnumDefinition:
			return false
		}
		return true
	})
}

// typeExists reports whether a type name names a type, as far as the
// parser can tell: a type of the script, a type accelerator, or a type of
// the System namespace; a name with a namespace, or any name when a using
// statement may bring in types, is taken to name one.
func (c *checker) typeExists(name string, attribute bool) bool {
	ci := c.classes
	if ci.lenient {
		return true
	}
	for _, n := range simpleTypeNames(name) {
		if strings.ContainsAny(n, ".`+,=") || n == "" {
			continue
		}
		l := strings.ToLower(n)
		if _, ok := ci.types[l]; ok && !attribute {
			continue
		}
		if knownTypeName(l) {
			continue
		}
		if attribute && (knownTypeName(l+"attribute") || knownTypeName(strings.TrimSuffix(l, "attribute"))) {
			continue
		}
		if f := c.opts.TypeExists; f != nil && (f(n) || attribute && f(n+"Attribute")) {
			continue
		}
		return false
	}
	return true
}

// simpleTypeNames returns the names a type name is made of: List[C]
// gives List and C; int[] gives int.
func simpleTypeNames(name string) []string {
	name = strings.TrimSpace(name)
	i := strings.IndexByte(name, '[')
	if i < 0 {
		return []string{name}
	}
	out := []string{strings.TrimSpace(name[:i])}
	inner := name[i+1:]
	if j := strings.LastIndexByte(inner, ']'); j >= 0 {
		inner = inner[:j]
	}
	if strings.Trim(inner, ", ") == "" {
		return out
	}
	depth, start := 0, 0
	for k, r := range inner {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, simpleTypeNames(strings.Trim(inner[start:k], "[] "))...)
				start = k + 1
			}
		}
	}
	out = append(out, simpleTypeNames(strings.Trim(inner[start:], "[] "))...)
	return out
}

// classAttribute checks an attribute of a class, a member or a method
// parameter (SemanticChecks.cs VisitAttribute): where it may be used, its
// named arguments, and that its arguments are constants.
func (c *checker) classAttribute(a *Attribute, target string) {
	name := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(a.Name), "system.management.automation."), "attribute"))
	if valid, full := attributeUsage(name); valid != "" && !targetsOverlap(valid, target) {
		c.errorAt("AttributeNotAllowedOnDeclaration", a.Pos.Offset, a.End, full, valid)
	}
	if name == "cmdlet" {
		c.cmdletAttribute(a)
	}
	for _, arg := range a.Args {
		if arg.Value == nil {
			continue
		}
		if !constantAttrArg(arg.Value) {
			c.errorAt("ParameterAttributeArgumentNeedsToBeConstant", arg.Value.Pos.Offset, arg.Value.End)
		}
	}
}

// targetsOverlap reports whether two lists of AttributeTargets names
// have one in common.
func targetsOverlap(a, b string) bool {
	for _, t := range strings.Split(b, ", ") {
		if slices.Contains(strings.Split(a, ", "), t) {
			return true
		}
	}
	return false
}

// attributeUsage returns where an attribute PowerShell knows may be used
// (its AttributeUsage, as .NET writes AttributeTargets) and the name
// PowerShell gives its type; "" for one it does not check.
func attributeUsage(name string) (string, string) {
	switch name {
	case "flags", "system.flags":
		return "Enum", "System.FlagsAttribute"
	case "parameter":
		return "Property, Field", "Parameter"
	case "alias":
		return "Class, Property, Field", "Alias"
	case "outputtype":
		return "Class", "OutputType"
	case "hidden":
		return "Constructor, Method, Property, Field, Event", "Hidden"
	case "pstypename":
		return "Property, Field", "PSTypeNameAttribute"
	case "validatenotnull", "validatenotnullorempty", "validatenotnullorwhitespace", "validateset", "validatepattern",
		"validaterange", "validatecount", "validatelength", "validatescript", "validatedrive", "validateuserdrive",
		"allownull", "allowemptystring", "allowemptycollection", "argumentcompleter", "argumentcompletions", "supportswildcards",
		"credential", "psdefaultvalue":
		return "Property, Field", ""
	case "cmdletbinding":
		return "Class", "CmdletBinding"
	case "dscresource":
		return "Class", "DscResource"
	case "dscproperty":
		return "Property, Field", "DscProperty"
	}
	return "", ""
}

// cmdletAttribute checks the named arguments of [Cmdlet()]: only its
// settable properties.
func (c *checker) cmdletAttribute(a *Attribute) {
	settable := []string{"DefaultParameterSetName", "SupportsShouldProcess", "SupportsPaging", "SupportsTransactions", "ConfirmImpact", "HelpUri", "RemotingCapability"}
	for _, arg := range a.Args {
		if arg.Name == "" {
			continue
		}
		switch {
		case strings.EqualFold(arg.Name, "NounName") || strings.EqualFold(arg.Name, "VerbName"):
			c.errorAt("ReadOnlyProperty", arg.Pos.Offset, arg.End, arg.Name)
		case !slices.ContainsFunc(settable, func(s string) bool { return strings.EqualFold(s, arg.Name) }):
			c.errorAt("PropertyNotFoundForAttribute", arg.Pos.Offset, arg.End, arg.Name, "System.Management.Automation.CmdletAttribute", strings.Join(settable, ", "))
		}
	}
}

// cmdletArguments checks what making a [Cmdlet()] attribute checks
// (PSType.cs DefineCustomAttributes): a constructor for its positional
// arguments (a verb and a noun), values its properties take.
func (c *checker) cmdletArguments(a *Attribute) {
	positional := 0
	for _, arg := range a.Args {
		if arg.Name == "" {
			positional++
		}
	}
	if positional != 2 {
		c.errorAt("MethodCountCouldNotFindBest", a.Pos.Offset, a.End, "CmdletAttribute", string(rune('0'+min(positional, 9))))
		return
	}
	for _, arg := range a.Args {
		if !strings.EqualFold(arg.Name, "ConfirmImpact") || arg.Value == nil {
			continue
		}
		if s, ok := stringConstant(arg.Value); ok {
			switch strings.ToLower(s) {
			case "none", "low", "medium", "high":
			default:
				c.errorAt("CannotConvertValue", arg.Value.Pos.Offset, arg.Value.End, "System.Management.Automation.ConfirmImpact")
			}
		}
	}
}

// stringConstant returns the value of an expression that is one string
// literal.
func stringConstant(e *Expr) (string, bool) {
	if e == nil || len(e.Rest) > 0 || e.Ternary != nil || e.First == nil || len(e.First.Prefix) > 0 || len(e.First.Post) > 0 {
		return "", false
	}
	s, ok := e.First.Primary.(*StringLit)
	if !ok {
		return "", false
	}
	return s.Value, true
}

// constantAttrArg reports whether an argument of an attribute of a class
// is a constant (SemanticChecks.cs IsConstantValueVisitor, checking class
// attributes): no variable but $true, $false and $null, no script block,
// no sub-expression, no command.
func constantAttrArg(e *Expr) bool { return constantArg(e, false) }

// constantArg reports whether an attribute argument is a constant, or
// a script block where blocks are allowed (the attributes of functions
// and variables).
func constantArg(e *Expr, blocks bool) bool {
	ok := true
	Walk(e, func(x any) bool {
		switch x := x.(type) {
		case *VarExpr:
			switch strings.ToLower(x.Name) {
			case "true", "false", "null":
			default:
				ok = false
			}
		case *ScriptBlockExpr:
			if blocks {
				return false
			}
			ok = false
		case *SubExpr, *Command:
			ok = false
		case *ExpandString:
			for _, p := range x.Parts {
				if p.Var != "" || p.Sub != nil {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}

// isAttrNamed reports whether an attribute's name is name (or
// nameAttribute, namespace and all).
func isAttrNamed(attr, name string) bool {
	n := strings.ToLower(strings.TrimSpace(attr))
	n = strings.TrimPrefix(n, "system.management.automation.")
	n = strings.TrimSuffix(n, "attribute")
	return n == strings.ToLower(name)
}

// missingThis reports an assignment in a method to a variable named as a
// property of the class (SymbolResolver.cs VisitAssignmentStatement).
func (c *checker) missingThis(cd *ClassDefinition, m *ClassMember) {
	props := map[string]*ClassMember{}
	for _, p := range cd.Members {
		if p.Prop != "" {
			if _, ok := props[strings.ToLower(p.Prop)]; !ok {
				props[strings.ToLower(p.Prop)] = p
			}
		}
	}
	Walk(m.Body, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockExpr, *FunctionDefinition, *ClassDefinition:
			return false
		case *PipelineStatement:
			if x.Op == "" || x.Left == nil || len(x.Left.Elems) != 1 {
				return true
			}
			ce, ok := x.Left.Elems[0].(*CommandExpression)
			if !ok || ce.Expr == nil {
				return true
			}
			for _, t := range assignmentTargets(exprTree(ce.Expr)) {
				u, ok := t.(*Unary)
				for ok && len(u.Prefix) == 0 && len(u.Post) == 0 {
					te, isType := u.Primary.(*TypeExpr)
					if !isType || te.Operand == nil || len(te.Attrs) > 0 {
						break
					}
					u = te.Operand
				}
				if !ok || len(u.Prefix) > 0 || len(u.Post) > 0 {
					continue
				}
				v, isVar := u.Primary.(*VarExpr)
				if !isVar {
					continue
				}
				if scope, _ := varScope(v.Name); scope != "" {
					continue
				}
				p := props[strings.ToLower(v.Name)]
				if p == nil {
					continue
				}
				if isStatic(p) {
					c.errorAt("MissingTypeInStaticPropertyAssignment", v.Pos.Offset, v.End, "["+cd.Name+"]::", p.Prop)
				} else {
					c.errorAt("MissingThis", v.Pos.Offset, v.End, "$this.", p.Prop)
				}
			}
		}
		return true
	})
}

// methodChecks makes the semantic checks of a method's body: its return
// statements, $this in a static method, and the flow analysis.
func (c *checker) methodChecks(cd *ClassDefinition, m *ClassMember) {
	void := returnsVoid(m)
	static := isStatic(m)
	Walk(m.Body, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockExpr, *FunctionDefinition, *ClassDefinition:
			return false
		case *FlowStatement:
			if x.Kind != "return" {
				return true
			}
			switch {
			case x.Value != nil && void:
				c.errorAt("VoidMethodHasReturn", x.Pos.Offset, x.End)
			case x.Value == nil && !void:
				c.errorAt("NonVoidMethodMissingReturnValue", x.Pos.Offset, x.End)
			}
		}
		return true
	})
	c.labelsInMethod(m)
	if m.Script != nil {
		// a body with a param block or named blocks is an error already
		return
	}
	allReturn, notLocal := analyzeMethod(m)
	if !allReturn && !void {
		c.errorAt("MethodHasCodePathNotReturn", m.NameAt, m.NameEnd)
	}
	sort.SliceStable(notLocal, func(i, j int) bool { return notLocal[i].at < notLocal[j].at })
	for _, r := range notLocal {
		c.errorAt("VariableNotLocal", r.at, r.end)
	}
	if static {
		c.thisInStatic(m.Body)
	}
}

// thisInStatic reports $this in a static method or the initial value of
// a static property (not in a script block there).
func (c *checker) thisInStatic(n any) {
	Walk(n, func(x any) bool {
		switch x := x.(type) {
		case *ScriptBlockExpr, *FunctionDefinition, *ClassDefinition:
			return false
		case *VarExpr:
			if strings.EqualFold(x.Name, "this") {
				c.errorAt("NonStaticMemberAccessInStaticMember", x.Pos.Offset, x.End, x.Name)
			}
		case *ExpandString:
			for _, p := range x.Parts {
				if strings.EqualFold(p.Var, "this") {
					c.errorAt("NonStaticMemberAccessInStaticMember", p.Pos.Offset, p.End, p.Var)
				}
			}
		}
		return true
	})
}

// defineMembers makes the checks of defining the type's members
// (PSType.cs DefineMembers): a property defined twice, a method with the
// parameter types of another of its name, a static constructor with
// parameters.
func (c *checker) defineMembers(cd *ClassDefinition) {
	props := map[string]bool{}
	type overload struct {
		static, ctor bool
		params       []string
	}
	methods := map[string][]overload{}
	for _, m := range cd.Members {
		if m.Prop != "" {
			k := strings.ToLower(m.Prop)
			if props[k] {
				c.errorAt("MemberAlreadyDefined", m.Pos.Offset, m.End, m.Prop)
				continue
			}
			props[k] = true
			continue
		}
		if m.Body == nil {
			continue
		}
		params := make([]string, len(m.Params))
		badParam := false
		for i, prm := range m.Params {
			params[i] = "object"
			for _, a := range prm.Attrs {
				if a.Attr == nil && !strings.EqualFold(a.Type, "ordered") {
					params[i] = normType(a.Type)
					if params[i] == "void" {
						c.errorAt("TypeNotAllowedForParameter", a.Pos.Offset, a.End, strings.TrimSpace(a.Type))
						badParam = true
					}
					break
				}
			}
		}
		if badParam {
			continue
		}
		k := strings.ToLower(m.Method)
		ctor := strings.EqualFold(m.Method, cd.Name)
		dup := false
		for _, o := range methods[k] {
			if slices.Equal(o.params, params) && (o.static == isStatic(m) || !ctor) {
				dup = true
				break
			}
		}
		if dup {
			c.errorAt("MemberAlreadyDefined", m.NameAt, m.NameEnd, m.Method)
			continue
		}
		methods[k] = append(methods[k], overload{static: isStatic(m), ctor: ctor, params: params})
		if ctor && isStatic(m) && len(m.Params) > 0 {
			c.errorAt("StaticConstructorCantHaveParameters", m.Params[0].Pos.Offset, m.Params[len(m.Params)-1].End)
		}
	}
}

// dscResource checks a class with [DscResource()] (SemanticChecks.cs
// DscResourceChecker): a key property, Get, Set and Test methods of the
// right signatures, and a default constructor if any.
func (c *checker) dscResource(cd *ClassDefinition, attr *ParamAttr) {
	var hasSet, hasGet, hasTest, hasKey, defaultCtor, otherCtor bool
	var scan func(cd *ClassDefinition, own bool, seen map[*ClassDefinition]bool)
	scan = func(cd *ClassDefinition, own bool, seen map[*ClassDefinition]bool) {
		if seen[cd] {
			return
		}
		seen[cd] = true
		for _, m := range cd.Members {
			if m.Body != nil {
				if !hasSet && strings.EqualFold(m.Method, "Set") && len(m.Params) == 0 && returnsVoid(m) {
					hasSet = true
				}
				if !hasGet && strings.EqualFold(m.Method, "Get") && len(m.Params) == 0 {
					t := memberType(m)
					name := ""
					if t != nil {
						name = strings.TrimSuffix(strings.TrimSpace(t.Type), "[]")
					}
					if !strings.EqualFold(name, cd.Name) {
						c.errorAt("DscResourceInvalidGetMethod", m.Pos.Offset, m.End, cd.Name)
					}
					hasGet = true
				}
				if !hasTest && strings.EqualFold(m.Method, "Test") && len(m.Params) == 0 {
					if t := memberType(m); t != nil && normType(t.Type) == "boolean" {
						hasTest = true
					}
				}
				if own && strings.EqualFold(m.Method, cd.Name) && !isStatic(m) {
					if len(m.Params) == 0 {
						defaultCtor = true
					} else {
						otherCtor = true
					}
				}
				continue
			}
			if hasKey {
				continue
			}
			for _, a := range memberAttrs(m) {
				if !isAttrNamed(a.Name, "DscProperty") {
					continue
				}
				for _, arg := range a.Args {
					if !strings.EqualFold(arg.Name, "Key") || arg.Name == "" {
						continue
					}
					if arg.Value != nil {
						if v, ok := arg.Value.First.Primary.(*VarExpr); !ok || !strings.EqualFold(v.Name, "true") || len(arg.Value.Rest) > 0 {
							continue
						}
					}
					hasKey = true
					if !c.dscKeyType(m) {
						c.errorAt("DscResourceInvalidKeyProperty", m.Pos.Offset, m.End)
					}
				}
			}
		}
		if hasSet && hasGet && hasTest && hasKey {
			return
		}
		for _, b := range cd.Bases {
			if d := c.classes.types[strings.ToLower(b)]; d != nil && d.class != nil {
				scan(d.class, false, seen)
			}
		}
	}
	scan(cd, true, map[*ClassDefinition]bool{})
	at, end := attr.Pos.Offset, attr.End
	if !hasSet {
		c.errorAt("DscResourceMissingSetMethod", at, end, cd.Name)
	}
	if !hasGet {
		c.errorAt("DscResourceMissingGetMethod", at, end, cd.Name)
	}
	if !hasTest {
		c.errorAt("DscResourceMissingTestMethod", at, end, cd.Name)
	}
	if !defaultCtor && otherCtor {
		c.errorAt("DscResourceMissingDefaultConstructor", at, end, cd.Name)
	}
	if !hasKey {
		c.errorAt("DscResourceMissingKeyProperty", at, end, cd.Name)
	}
}

// dscKeyType reports whether a key property's type is a string, an
// integer or an enum of the script.
func (c *checker) dscKeyType(m *ClassMember) bool {
	t := memberType(m)
	if t == nil {
		return false
	}
	switch normType(t.Type) {
	case "string", "int32", "int64", "int16", "uint32", "uint64", "uint16", "byte", "sbyte":
		return true
	}
	d := c.classes.types[strings.ToLower(strings.TrimSpace(t.Type))]
	return d != nil && d.enum != nil
}

// interfaceMethod is a method an interface requires: its name, return
// type and parameter types (normType spellings; "T" for the generic
// argument).
type interfaceMethod struct {
	name, ret string
	params    []string
}

// knownInterface returns the methods of a .NET interface the checks know
// and the interface's generic argument, if any.
func knownInterface(name string) ([]interfaceMethod, string, bool) {
	n := normType(name)
	arg := ""
	if i := strings.IndexByte(n, '['); i > 0 && strings.HasSuffix(n, "]") {
		n, arg = n[:i], normType(n[i+1:len(n)-1])
	}
	switch {
	case n == "icomparable" && arg == "":
		return []interfaceMethod{{"CompareTo", "int32", []string{"object"}}}, "", true
	case n == "icomparable" && arg != "":
		return []interfaceMethod{{"CompareTo", "int32", []string{"T"}}}, arg, true
	case n == "iequatable" && arg != "":
		return []interfaceMethod{{"Equals", "boolean", []string{"T"}}}, arg, true
	case n == "idisposable" && arg == "":
		return []interfaceMethod{{"Dispose", "void", nil}}, "", true
	case n == "icloneable" && arg == "":
		return []interfaceMethod{{"Clone", "object", nil}}, "", true
	}
	return nil, "", false
}

// interfaceMethods reports a class that does not implement a method of
// a .NET interface it names (the type cannot be created: TypeCreationError),
// for the interfaces knownInterface knows; methods of base classes of
// the script count, a base class of .NET stops the check.
func (c *checker) interfaceMethods(cd *ClassDefinition) {
	var methods []*ClassMember
	for k := cd; k != nil; {
		methods = append(methods, k.Members...)
		if len(k.Bases) == 0 {
			break
		}
		d := c.classes.types[strings.ToLower(strings.TrimSpace(k.Bases[0]))]
		if d == nil || d.class == nil || d.class == k || d.class.Pos.Offset >= k.Pos.Offset {
			if _, _, isInterface := knownInterface(k.Bases[0]); !isInterface && d == nil {
				return
			}
			break
		}
		k = d.class
	}
	for _, b := range cd.Bases {
		req, arg, ok := knownInterface(b)
		if !ok {
			continue
		}
		for _, r := range req {
			found := false
			for _, m := range methods {
				if m.Body == nil || isStatic(m) || !strings.EqualFold(m.Method, r.name) || len(m.Params) != len(r.params) {
					continue
				}
				ret := "void"
				if t := memberType(m); t != nil {
					ret = normType(t.Type)
				}
				if ret != r.ret {
					continue
				}
				same := true
				for i, prm := range m.Params {
					pt := "object"
					for _, a := range prm.Attrs {
						if a.Attr == nil {
							pt = normType(a.Type)
							break
						}
					}
					want := r.params[i]
					if want == "T" {
						want = arg
					}
					if pt != want {
						same = false
					}
				}
				if same {
					found = true
					break
				}
			}
			if !found {
				c.errorAt("TypeCreationError", cd.Pos.Offset, cd.End,
					"Method '"+r.name+"' in type '"+cd.Name+"' from assembly 'PowerShell Class Assembly' does not have an implementation.")
				return
			}
		}
	}
}
