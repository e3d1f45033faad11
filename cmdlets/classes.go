package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// classDef is a class defined by a script.
type classDef struct {
	name      string
	base      *classDef
	props     []*parser.ClassMember
	methods   map[string][]*parser.ClassMember
	ctors     []*parser.ClassMember
	statics   map[string]any
	file      string
	enum      bool
	enumNames []string
	// bases are the names after ':' in the class declaration.
	bases []string
	// module is the script module that defined the class: its methods
	// run in the module's scope.
	module *psModule
	// staticTypes are the declared types of the static properties, by
	// lower-case name ("" when untyped).
	staticTypes map[string]string
	// initErr is the error of a static property initializer whose value
	// does not convert to its type: the class's type initializer fails.
	initErr error
}

// typeInitError is the TypeInitializationException of a class whose
// static initializer failed, around the initializer's error.
func typeInitError(c *classDef, pos parser.Pos) error {
	var pe *psError
	if !asPSError(c.initErr, &pe) {
		return c.initErr
	}
	inner := exceptionObject(pe.rec)
	if in, ok := inner.Get("InnerException"); !ok || in == nil {
		// the conversion's own exception, carrying the initializer's
		// record too
		cast := value.NewObject(exceptionChain("System.Management.Automation.PSInvalidCastException")...)
		cast.Set("Message", pe.rec.Msg)
		cast.Set("ErrorRecord", pe.rec)
		cast.Set("InnerException", nil)
		cast.SetToString(pe.rec.Msg)
		inner.Set("InnerException", cast)
	}
	msg := fmt.Sprintf("The type initializer for '%s' threw an exception.", c.name)
	rec := &ErrorRecord{Pos: pos, ID: "TypeInitializationException", Category: NotSpecified, Msg: msg,
		Exception: "System.TypeInitializationException"}
	o := value.NewObject(exceptionChain("System.TypeInitializationException")...)
	o.Set("Message", msg)
	o.Set("TypeName", c.name)
	o.Set("InnerException", inner)
	o.Set("ErrorRecord", rec)
	o.SetToString(msg)
	rec.Exc = o
	return &psError{kind: statementTerminating, rec: rec}
}

func (s *Session) defineClass(fr frame, st *parser.ClassDefinition) error {
	c := &classDef{name: st.Name, methods: map[string][]*parser.ClassMember{}, statics: map[string]any{}, file: fr.file, bases: st.Bases, module: fr.scope.module}
	for _, b := range st.Bases {
		if bc := s.classes[strings.ToLower(b)]; bc != nil {
			c.base = bc
		}
	}
	for _, m := range st.Members {
		static := false
		for _, mod := range m.Mods {
			if mod == "static" {
				static = true
			}
		}
		switch {
		case m.Prop != "":
			if static {
				var v any
				if m.Init != nil {
					iv, err := s.evalStatementValue(fr, m.Init)
					if err != nil {
						return err
					}
					v = iv
				}
				if t := memberType(m); t != "" && c.initErr == nil {
					if typ, ok := s.resolveType(t); ok {
						cv, err := s.convert(v, typ)
						switch {
						case err == nil:
							v = cv
						case v != nil:
							// the type initializer fails: every use of
							// the class says so
							c.initErr = initializerError(m, err)
						}
					}
				}
				c.statics[strings.ToLower(m.Prop)] = v
				if c.staticTypes == nil {
					c.staticTypes = map[string]string{}
				}
				c.staticTypes[strings.ToLower(m.Prop)] = memberType(m)
				continue
			}
			c.props = append(c.props, m)
		case strings.EqualFold(m.Method, st.Name):
			c.ctors = append(c.ctors, m)
		default:
			key := strings.ToLower(m.Method)
			if static {
				key = "static:" + key
			}
			c.methods[key] = append(c.methods[key], m)
		}
	}
	if c.base != nil && !c.base.hasDefaultCtor() {
		// a constructor without : base(...), or the default constructor of
		// a class without any, calls the base's parameterless constructor
		implicit := len(c.ctors) == 0
		for _, ctor := range c.ctors {
			if ctor.Base == nil {
				implicit = true
			}
		}
		if implicit {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: st.Pos, ID: "BaseClassNoDefaultCtor", Category: ParserError,
				Msg: fmt.Sprintf("Base class '%s' does not contain a parameterless constructor.", c.base.name)}}
		}
	}
	s.classes[strings.ToLower(st.Name)] = c
	return nil
}

// hasDefaultCtor reports whether a class can be constructed without
// arguments: it has a parameterless constructor, or no constructor at all.
func (c *classDef) hasDefaultCtor() bool {
	if len(c.ctors) == 0 {
		return true
	}
	for _, ctor := range c.ctors {
		if len(ctor.Params) == 0 {
			return true
		}
	}
	return false
}

func (s *Session) defineEnum(fr frame, st *parser.EnumDefinition) error {
	if st.Base != "" {
		// enum E : byte { } (about_Enum): the values would have to take
		// the underlying type's size and range; only int is emulated
		typ, ok := s.resolveType(st.Base)
		if !ok || typ.Name != value.TInt32 {
			return notImplemented(st.Pos, "", "the enum underlying type ["+st.Base+"]")
		}
	}
	c := &classDef{name: st.Name, methods: map[string][]*parser.ClassMember{}, statics: map[string]any{}, enum: true}
	next := 0
	for _, m := range st.Members {
		if m.Value != nil {
			v, err := s.evalExpr(fr, m.Value)
			if err != nil {
				return err
			}
			n, err := value.ToInt(v)
			if err != nil {
				return runtimeError(m.Pos, err)
			}
			next = n
		}
		c.statics[strings.ToLower(m.Name)] = &enumValue{typ: st.Name, name: m.Name, n: next}
		c.enumNames = append(c.enumNames, m.Name)
		next++
	}
	s.classes[strings.ToLower(st.Name)] = c
	return nil
}

// enumValue is a member of an enum defined by a script.
type enumValue struct {
	typ, name string
	n         int
}

func (e *enumValue) PSString() string   { return e.name }
func (e *enumValue) PSTypeName() string { return e.typ }
func (e *enumValue) PSNumber() any      { return e.n }

// memberType returns the declared type of a member.
func memberType(m *parser.ClassMember) string {
	for _, a := range append(append([]*parser.ParamAttr{}, m.Attrs...), m.Attrs2...) {
		if a.Type != "" {
			return a.Type
		}
	}
	return ""
}

// newClassInstance runs [Class]::new(args).
func (s *Session) newClassInstance(fr frame, c *classDef, args []any) (any, error) {
	if c.enum {
		return nil, &methodErr{typ: "System.Management.Automation.RuntimeException", msg: "Cannot create an instance of an enum."}
	}
	for k := c; k != nil; k = k.base {
		if k.initErr != nil {
			return nil, typeInitError(k, parser.Pos{})
		}
	}
	names := []string{}
	for k := c; k != nil; k = k.base {
		names = append(names, k.name)
	}
	o := value.NewObject(append(names, "System.Object")...)
	for k := c; k != nil; k = k.base {
		for _, p := range k.props {
			var v any
			if p.Init != nil {
				iv, err := s.evalStatementValue(frame{scope: s.global, file: c.file}, p.Init)
				if err != nil {
					return nil, err
				}
				v = iv
			}
			if t := memberType(p); t != "" {
				if typ, ok := s.resolveType(t); ok {
					cv, err := s.convert(v, typ)
					switch {
					case err == nil:
						v = cv
					case p.Init != nil && v != nil:
						// the initializer's value does not fit the
						// property's type: the construction fails
						return nil, initializerError(p, err)
					}
				}
			}
			if _, exists := o.Prop(p.Prop); !exists {
				o.Set(p.Prop, v)
			}
		}
	}
	found, err := s.construct(fr, c, o, args)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &methodErr{typ: "MethodNotFound", msg: fmt.Sprintf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))}
	}
	return o, nil
}

// construct runs the constructor of class c that takes len(args)
// arguments on o. Without one, no arguments run the base class's default
// constructor, as a class without constructors has a default one that
// calls it (about_Classes_Constructors). found is false when no
// constructor fits.
func (s *Session) construct(fr frame, c *classDef, o *value.Object, args []any) (found bool, err error) {
	if ctor := s.pickOverload(c.ctors, args); ctor != nil {
		_, err := s.runClassMethod(fr, c, o, ctor, args)
		return true, err
	}
	if len(args) > 0 {
		return false, nil
	}
	if c.base != nil {
		if _, err := s.construct(fr, c.base, o, nil); err != nil {
			return true, err
		}
	}
	return true, nil
}

// baseConstructor runs what a constructor of class c chains to before its
// body: the base class constructor that : base(args) names, or the base's
// default constructor when there is no : base(...).
func (s *Session) baseConstructor(fr frame, c *classDef, o *value.Object, m *parser.ClassMember) error {
	if m.Base == nil {
		if c.base == nil {
			return nil
		}
		_, err := s.construct(fr, c.base, o, nil)
		return err
	}
	args, err := s.evalArgList(fr, m.Base.Args)
	if err != nil {
		return err
	}
	if c.base == nil {
		if len(args) == 0 {
			// base() of System.Object, or of a .NET base class whose
			// default constructor has nothing for csemu to run
			return nil
		}
		base := "System.Object"
		if len(c.bases) > 0 {
			base = c.bases[0]
		}
		return notImplemented(m.Base.Pos, "", "a constructor call to the .NET base class ["+base+"]")
	}
	found, err := s.construct(fr, c.base, o, args)
	if err != nil {
		return err
	}
	if !found {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: m.Base.Pos, ID: "MethodCountCouldNotFindBest", Category: NotSpecified,
			Msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", c.base.name, len(args)), Exception: "System.Management.Automation.MethodException"}}
	}
	return nil
}

// newClassFromHash converts a hashtable to a class instance.
func (s *Session) newClassFromHash(c *classDef, h *value.Hashtable) (any, error) {
	v, err := s.newClassInstance(frame{scope: s.global}, c, nil)
	if err != nil {
		return nil, err
	}
	o := v.(*value.Object)
	for i, k := range h.Keys() {
		o.Set(value.ToString(k), h.Values()[i])
	}
	return o, nil
}

func (s *Session) callClassMethod(fr frame, c *classDef, o *value.Object, name string, args []any) (any, error) {
	for k := c; k != nil; k = k.base {
		if m := s.pickOverload(k.methods[strings.ToLower(name)], args); m != nil {
			return s.runClassMethod(fr, k, o, m, args)
		}
	}
	return nil, notFoundMethod(o, name)
}

// pickOverload chooses among the methods (or constructors) of one class
// the one that takes args: of those with as many parameters, the one
// whose parameter types the arguments already have, else the first whose
// types they convert to, else the first (whose conversion then fails with
// its error), as PowerShell prefers the overload needing the fewest
// conversions. It returns nil when none takes that many arguments.
func (s *Session) pickOverload(cands []*parser.ClassMember, args []any) *parser.ClassMember {
	var first, best *parser.ClassMember
	bestScore := -1
	for _, m := range cands {
		if len(m.Params) != len(args) {
			continue
		}
		if first == nil {
			first = m
		}
		score := 0
		for i, p := range m.Params {
			t := paramTypeName(p)
			if t == "" {
				score++
				continue
			}
			typ, ok := s.resolveType(t)
			switch {
			case !ok:
				score = -1
			case value.IsType(args[i], typ) || typ.Name == value.TObject:
				score += 2
			default:
				if _, err := s.convert(args[i], typ); err != nil {
					score = -1
				} else {
					score++
				}
			}
			if score < 0 {
				break
			}
		}
		if score > bestScore {
			best, bestScore = m, score
		}
	}
	if best == nil {
		return first
	}
	return best
}

// paramTypeName is the type a method parameter is declared with, or "".
func paramTypeName(p *parser.Parameter) string {
	for _, a := range p.Attrs {
		if a.Type != "" {
			return a.Type
		}
	}
	return ""
}

func (s *Session) classStatic(fr frame, c *classDef, name string, call bool, args []any) (any, error) {
	lname := strings.ToLower(name)
	for k := c; k != nil; k = k.base {
		if k.initErr != nil {
			return nil, typeInitError(k, parser.Pos{})
		}
	}
	if call {
		if lname == "new" {
			return s.newClassInstance(fr, c, args)
		}
		// static methods are inherited (about_Classes_Inheritance)
		for k := c; k != nil; k = k.base {
			if m := s.pickOverload(k.methods["static:"+lname], args); m != nil {
				return s.runClassMethod(fr, k, nil, m, args)
			}
		}
		return nil, &methodErr{typ: "MethodNotFound", msg: fmt.Sprintf("Method invocation failed because [%s] does not contain a method named '%s'.", c.name, name)}
	}
	if v, ok := staticOwner(c, lname).statics[lname]; ok {
		return v, nil
	}
	if g, ok := s.classMethodGroup(c, nil, name); ok {
		return g, nil
	}
	return nil, nil
}

// staticOwner is the class of c's inheritance chain that declares the
// static property lname (a derived class shares its base's static), or
// c when none does.
func staticOwner(c *classDef, lname string) *classDef {
	for k := c; k != nil; k = k.base {
		if _, ok := k.statics[lname]; ok {
			return k
		}
	}
	return c
}

// runClassMethod runs a method body with $this and the parameters bound.
func (s *Session) runClassMethod(fr frame, c *classDef, this *value.Object, m *parser.ClassMember, args []any) (any, error) {
	// a method that calls itself without end stops as a function does
	s.callDepth++
	defer func() { s.callDepth-- }()
	if s.callDepth > 1000 {
		return nil, &psError{kind: scriptTerminating, rec: &ErrorRecord{Pos: m.Pos, ID: "CallDepthOverflow", Category: InvalidOperation,
			Msg: "The script failed due to call depth overflow."}}
	}
	parent := s.global
	if c.module != nil && c.module.scope != nil {
		parent = c.module.scope
	}
	sc := newScope(parent)
	if c.module == nil {
		// $script: in a method is the script scope of the session state
		// running it, the caller's
		sc.scriptOf = s.scriptScope(fr.scope)
	}
	if this != nil {
		sc.vars["this"] = &Variable{Name: "this", Value: this}
	}
	for i, p := range m.Params {
		var v any
		if i < len(args) {
			v = args[i]
		}
		for _, a := range p.Attrs {
			if a.Type != "" {
				if typ, ok := s.resolveType(a.Type); ok {
					if v == nil && !valueTypeName(typ.Name) && typ.Name != value.TString && !isListedEnum(typ.Name) && s.classes[strings.ToLower(typ.Name)] == nil {
						// $null is a null reference of a reference type
						continue
					}
					cv, err := s.convert(v, typ)
					if err != nil {
						return nil, err
					}
					v = cv
				}
			}
		}
		sc.vars[strings.ToLower(p.Name)] = &Variable{Name: p.Name, Value: v}
	}
	own := frame{scope: sc, file: c.file}
	if this != nil && strings.EqualFold(m.Method, c.name) {
		// a constructor: the base class's constructor runs first
		if err := s.baseConstructor(own, c, this, m); err != nil {
			return nil, err
		}
	}
	var result any
	sc.retSlot = &result
	// a method's output is only what return gives
	err := s.execList(own, m.Body.List, func(v any) error { return nil })
	if err != nil {
		var fl *flow
		if asFlow(err, &fl) && fl.kind == "return" {
			err = nil
		}
	}
	if err == nil && result == nil {
		result = voidValue{}
	}
	if t := memberType(m); t != "" && !strings.EqualFold(t, "void") {
		if typ, ok := s.resolveType(t); ok {
			if _, isVoid := result.(voidValue); !isVoid {
				if cv, cerr := s.convert(result, typ); cerr == nil {
					result = cv
				}
			}
		}
	}
	return result, err
}

func asFlow(err error, target **flow) bool {
	f, ok := err.(*flow)
	if ok {
		*target = f
	}
	return ok
}

// classOf returns the class of an instance, or nil.
func (s *Session) classOf(o *value.Object) *classDef {
	return s.classes[strings.ToLower(o.TypeName())]
}

// classPropType returns the declared type of a class property, or nil.
func (s *Session) classPropType(o *value.Object, name string) *value.Type {
	for c := s.classOf(o); c != nil; c = c.base {
		for _, p := range c.props {
			if strings.EqualFold(p.Prop, name) {
				if t := memberType(p); t != "" {
					typ, ok := s.resolveType(t)
					if ok {
						return typ
					}
				}
				return nil
			}
		}
	}
	return nil
}

// classToString calls a class's ToString() override, if it has one.
func (s *Session) classToString(o *value.Object) (string, bool) {
	for c := s.classOf(o); c != nil; c = c.base {
		for _, m := range c.methods["tostring"] {
			if len(m.Params) == 0 {
				v, err := s.runClassMethod(frame{scope: s.global}, c, o, m, nil)
				if err == nil {
					return value.ToString(v), true
				}
			}
		}
	}
	return "", false
}

// convertToClass converts to a script class or enum.
func (s *Session) convertToClass(c *classDef, v any) (any, error) {
	if c.enum {
		switch x := v.(type) {
		case *enumValue:
			if strings.EqualFold(x.typ, c.name) {
				return x, nil
			}
		case string:
			if m, ok := c.statics[strings.ToLower(strings.TrimSpace(x))]; ok {
				return m, nil
			}
		}
		if n, err := value.ToInt(v); err == nil {
			for _, name := range c.enumNames {
				if e := c.statics[strings.ToLower(name)].(*enumValue); e.n == n {
					return e, nil
				}
			}
		}
		return nil, &value.ConversionError{Value: v, Type: c.name, Detail: "Unable to match the identifier name " + value.ToString(v) + " to a valid enumerator name. Specify one of the following enumerator names and try again:\n" + strings.Join(c.enumNames, ", ")}
	}
	switch x := v.(type) {
	case *value.Object:
		for _, tn := range x.TypeNames {
			if strings.EqualFold(tn, c.name) {
				return x, nil
			}
		}
	case *value.Hashtable:
		return s.newClassFromHash(c, x)
	}
	return nil, &value.ConversionError{Value: v, Type: c.name}
}

// isInterfaceName reports whether a .NET type name follows the interface
// naming convention, I and a capital letter (IComparable, IDisposable).
func isInterfaceName(short string) bool {
	return len(short) > 1 && short[0] == 'I' && short[1] >= 'A' && short[1] <= 'Z'
}

// setStatic assigns static property name of class c (or of the base
// class declaring it), converted to its declared type; a class without
// that static property is PowerShell's PropertyAssignmentException.
func (s *Session) setStatic(c *classDef, name string, v any) error {
	lname := strings.ToLower(name)
	owner := staticOwner(c, lname)
	if _, ok := owner.statics[lname]; !ok {
		return &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", ID: "PropertyAssignmentException",
			Msg: fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)}
	}
	if t := owner.staticTypes[lname]; t != "" {
		if typ, ok := s.resolveType(t); ok {
			cv, err := s.convert(v, typ)
			if err != nil {
				return err
			}
			v = cv
		}
	}
	owner.statics[lname] = v
	return nil
}

// initializerError is the error of a property initializer whose value
// does not convert to the property's type, at the initializer; a string
// that is no integer is LanguagePrimitives' InvalidCastFromStringToInteger.
func initializerError(p *parser.ClassMember, err error) error {
	pos := p.Pos
	if p.Init != nil {
		pos = p.Init.Pos
	}
	pe := runtimeError(pos, err)
	if ce, ok := err.(*value.ConversionError); ok {
		if _, isStr := ce.Value.(string); isStr {
			switch ce.Type {
			case value.TInt32, value.TInt64, value.TInt16, value.TUInt16, value.TUInt32, value.TUInt64, value.TByte, value.TSByte:
				pe.rec.ID = "InvalidCastFromStringToInteger"
			}
		}
	}
	return pe
}
