package cmdlets

import (
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// methodErr is an exception thrown by an emulated .NET method.
type methodErr struct {
	typ string
	msg string
}

func (e *methodErr) Error() string { return e.msg }

func argErr(format string, args ...any) error {
	return &methodErr{typ: "System.ArgumentOutOfRangeException", msg: fmt.Sprintf(format, args...)}
}

// memberName returns the name of the member a PostOp names.
func (s *Session) memberName(fr frame, p *parser.PostOp) (string, error) {
	switch {
	case p.Member != "":
		return p.Member, nil
	case p.DynVar != "":
		v, err := s.readVar(fr, p.DynVar, p.Pos)
		if err != nil {
			return "", err
		}
		return value.ToString(v), nil
	case p.DynStr != nil:
		return p.DynStr.Value, nil
	case p.DynExpr != nil:
		v, err := s.evalStatementValue(fr, p.DynExpr.Stmt)
		if err != nil {
			return "", err
		}
		return value.ToString(v), nil
	case p.DynExp != nil, p.DynSub != nil, p.DynBlock != nil:
		// $o."a$b", $o.$($name), $o.{name}: the value's string names the
		// member
		var prim parser.Primary = p.DynBlock
		switch {
		case p.DynExp != nil:
			prim = p.DynExp
		case p.DynSub != nil:
			prim = p.DynSub
		}
		v, err := s.evalPrimary(fr, prim)
		if err != nil {
			return "", err
		}
		return value.ToString(v), nil
	}
	return "", nil
}

// postOp applies a member access, method call or index to v.
func (s *Session) postOp(fr frame, v any, p *parser.PostOp) (any, error) {
	if p.Index != nil {
		if p.NullCond && v == nil {
			return nil, nil
		}
		idx, err := s.evalExpr(fr, p.Index)
		if err != nil {
			return nil, err
		}
		if idx == nil && v != nil {
			return nil, nullArrayIndex(p.Pos)
		}
		r, err := s.index(v, idx)
		if err != nil {
			return nil, runtimeError(p.Pos, err)
		}
		return r, nil
	}
	name, err := s.memberName(fr, p)
	if err != nil {
		return nil, err
	}
	if len(p.Generic) > 0 {
		return nil, notImplemented(p.Pos, "", "the generic method call "+p.Dot+name+"["+strings.Join(p.Generic, ", ")+"]()")
	}
	if p.Dot == "?." && v == nil {
		return nil, nil
	}
	if p.Dot == "::" {
		t, ok := v.(*value.Type)
		if !ok {
			t = value.TypeOf(v)
		}
		var args []any
		if p.Call {
			if args, err = s.evalArgList(fr, p.Args); err != nil {
				return nil, err
			}
		}
		r, err := s.staticMember(fr, t, name, p.Call, args)
		if err != nil {
			if p.Call && strings.EqualFold(name, "new") {
				name = ".ctor" // [T]::new calls the constructor
			}
			return nil, s.methodError(p.Pos, name, len(args), err)
		}
		return r, nil
	}
	if p.Call {
		args, err := s.evalArgList(fr, p.Args)
		if err != nil {
			return nil, err
		}
		r, err := s.callMethod(fr, v, name, args)
		if err != nil {
			return nil, s.methodError(p.Pos, name, len(args), err)
		}
		return r, nil
	}
	if o, ok := v.(*value.Object); ok && o.TypeName() == value.TUri {
		if rel, _ := o.Get("IsAbsoluteUri"); rel == false {
			if is, _ := value.DotNetMember(value.TUri, name); is && !strings.Contains(strings.ToLower(value.UriRelativeOnly), strings.ToLower(name)+" ") {
				return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: p.Pos, ID: "ExceptionWhenGetting", Category: NotSpecified,
					Msg:       fmt.Sprintf("Exception getting \"%s\": \"This operation is not supported for a relative URI.\"", name),
					Exception: "System.Management.Automation.GetValueInvocationException"}}
			}
		}
	}
	r, ok := s.getMember(v, name)
	if o, isObj := v.(*value.Object); !ok && isObj {
		// $obj.Method of a class instance: its PSMethod
		if c := s.classOf(o); c != nil {
			if g, found := s.classMethodGroup(c, o, name); found {
				return g, nil
			}
		}
	}
	if !ok {
		if owner := unimplementedMember(v, name); owner != "" {
			return nil, notImplemented(p.Pos, "", owner+"."+name)
		}
	}
	if !ok && s.strictVersion >= 2 {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: p.Pos, ID: "PropertyNotFoundStrict", Category: InvalidOperation,
			Msg: fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists.", name)}}
	}
	return r, nil
}

func (s *Session) evalArgList(fr frame, args []*parser.Expr) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		v, err := s.evalExpr(fr, a)
		if err != nil {
			return nil, err
		}
		if _, ok := v.(voidValue); ok {
			v = nil
		}
		out[i] = v
	}
	return out, nil
}

// methodError wraps an error of a method call as PowerShell does.
func (s *Session) methodError(pos parser.Pos, name string, n int, err error) error {
	var pe *psError
	if asPSError(err, &pe) {
		return err
	}
	switch e := err.(type) {
	case *parseFailure:
		return e.methodError(pos, name, n)
	case *methodErr:
		if e.typ == "MethodNotFound" {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "MethodNotFound", Category: InvalidOperation,
				Msg: e.msg, Exception: "System.Management.Automation.RuntimeException"}}
		}
		if e.typ == "NotImplemented" {
			return notImplemented(pos, "", e.msg)
		}
		if e.typ == "NonRefArgument" || e.typ == "MethodCountCouldNotFindBest" || e.typ == "MethodArgumentConversion" || e.typ == "MethodArgumentConversionInvalidCastArgument" {
			// the method binder's errors, not an exception of the method
			id := e.typ
			switch id {
			case "NonRefArgument":
				id = "NonRefArgumentToRefParameterMsg"
			case "MethodArgumentConversion":
				id = "MethodArgumentConversionInvalidCastArgument"
			}
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: id, Category: NotSpecified,
				Msg: e.msg, Exception: "System.Management.Automation.MethodException"}}
		}
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: strings.TrimPrefix(e.typ[strings.LastIndexByte(e.typ, '.')+1:], ""), Category: NotSpecified,
			Msg:       fmt.Sprintf("Exception calling \"%s\" with \"%d\" argument(s): \"%s\"", name, n, e.msg),
			Exception: "System.Management.Automation.MethodInvocationException", Inner: innerType(e.typ), InnerMsg: e.msg}}
	}
	return runtimeError(pos, err)
}

// innerType is the .NET exception type a method error names, "" when it
// names none (a bare id).
func innerType(t string) string {
	if !strings.Contains(t, ".") {
		return ""
	}
	return t
}

func notFoundMethod(v any, name string) error {
	return &methodErr{typ: "MethodNotFound", msg: fmt.Sprintf("Method invocation failed because [%s] does not contain a method named '%s'.", qualifiedTypeName(value.TypeName(v)), name)}
}

// nullArrayIndex is PowerShell's error for $x[$null], read or assigned
// (a slice such as $x[$null, $null] is allowed).
func nullArrayIndex(pos parser.Pos) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "NullArrayIndex", Category: InvalidOperation,
		Msg: "Index operation failed; the array index evaluated to null."}}
}

// getMember reads property name of v. Arrays enumerate their items'
// properties (member-access enumeration).
func (s *Session) getMember(v any, name string) (any, bool) {
	lname := strings.ToLower(name)
	if _, isObj := v.(*value.Object); !isObj && v != nil {
		switch lname {
		case "psbase":
			return v, true // the base object itself
		case "pstypenames":
			return typeNamesOf(v), true
		}
	}
	switch o := v.(type) {
	case nil:
		if lname == "count" || lname == "length" {
			return 0, true // $null.Count is 0
		}
		return nil, false
	case *value.Object:
		if p, ok := o.Prop(name); ok {
			if sm, ok := p.Value.(*scriptMethod); ok {
				return sm, true
			}
			if sp, ok := p.Value.(*scriptProperty); ok {
				r, _ := s.invokeWithThis(sp.get, o, nil)
				return r, true
			}
			return p.Get(), true
		}
		switch lname {
		case "psobject":
			return psObjectView(o), true
		case "pstypenames":
			return o.PSTypeNames(), true
		case "count", "length":
			return 1, true
		}
		return nil, false
	case *value.Hashtable:
		if r, ok := o.Lookup(name); ok {
			return r, true
		}
		if lname == "psobject" {
			obj := value.FromHashtable(o)
			return psObjectView(obj), true
		}
		if o.Dict != nil {
			return dictProperty(o, lname)
		}
		return hashProperty(o, lname)
	case *value.Array:
		switch lname {
		case "count", "length", "longlength":
			return len(o.Items), true
		case "rank":
			return 1, true
		case "isfixedsize":
			return !o.List, true
		case "capacity":
			return len(o.Items), true
		case "syncroot":
			return o, true
		}
		var out []any
		for _, it := range o.Items {
			r, ok := s.getMember(it, name)
			if !ok {
				continue
			}
			if a, ok := r.(*value.Array); ok {
				out = append(out, a.Items...)
			} else {
				out = append(out, r)
			}
		}
		if len(out) == 0 {
			return nil, false
		}
		if len(out) == 1 {
			return out[0], true
		}
		return &value.Array{Items: out}, true
	case string:
		switch lname {
		case "length":
			return utf8.RuneCountInString(o), true
		case "count":
			return 1, true
		}
		return nil, false
	case time.Time:
		return dateMember(o, lname)
	case time.Duration:
		return timeSpanMember(o, lname)
	case *ErrorRecord:
		if lname == "invocationinfo" {
			if o.invocation != nil {
				return o.invocation, true
			}
			return s.recordInvocation(o.Command, o.Pos), true
		}
		if v, ok := errorRecordMember(o, lname); ok || lname != "count" {
			return v, ok
		}
	case *streamRecord:
		if lname == "invocationinfo" && o.stream != streamInformation {
			return s.recordInvocation(o.command, o.pos), true
		}
		if lname == "pstypenames" {
			names := o.PSTypeNames()
			items := make([]any, len(names))
			for i, n := range names {
				items[i] = n
			}
			return &value.Array{Items: items, List: true}, true
		}
		return o.member(lname)
	case *value.Type:
		switch lname {
		case "name":
			return typeShortName(o.Name), true
		case "fullname":
			return qualifiedTypeName(o.Name), true
		case "isarray":
			return o.Elem != nil, true
		case "basetype":
			// a PowerShell class's base: the class it derives from, the
			// .NET type it names, else System.Object (enums: System.Enum)
			if c := s.classes[strings.ToLower(o.Name)]; c != nil {
				switch {
				case c.enum:
					return &value.Type{Name: "System.Enum"}, true
				case c.base != nil:
					return &value.Type{Name: c.base.name}, true
				}
				for _, b := range c.bases {
					// the base class comes first; interfaces follow it
					// (.NET names them I + a capital)
					if t, ok := s.resolveType(b); ok && !isInterfaceName(typeShortName(t.Name)) {
						return t, true
					}
				}
				return &value.Type{Name: value.TObject}, true
			}
		}
		return nil, false
	case *enumValue:
		if lname == "value__" {
			// an enum value's underlying number
			return o.n, true
		}
	case value.Guid:
		if lname == "guid" {
			return string(o), true
		}
	case *regexValue:
		if lname == "options" {
			return "None", true
		}
	case *stringBuilder:
		if lname == "length" {
			return utf8.RuneCountInString(o.b.String()), true
		}
	case *helpInfo:
		return o.props.Get(name)
	case *refValue:
		if lname == "value" {
			return o.get(), true
		}
	case *psCmdlet:
		return o.member(name)
	case *ScriptBlock:
		switch lname {
		case "file":
			return o.File, true
		case "ast":
			if a := s.scriptBlockAst(o); a != nil {
				return a, true
			}
		}
	case memberObject:
		if v, ok := o.psMember(s, name); ok || lname != "count" {
			return v, ok
		}
	}
	if lname == "count" || lname == "length" {
		// every scalar has Count 1 in PowerShell
		if lname == "length" {
			return nil, false
		}
		return 1, true
	}
	return nil, false
}

// hashProperty reads a property of the Hashtable type itself (lname in
// lower case), not a key.
func hashProperty(o *value.Hashtable, lname string) (any, bool) {
	switch lname {
	case "count":
		return o.Len(), true
	case "keys":
		return &value.Array{Items: append([]any(nil), o.Keys()...), Of: o}, true
	case "values":
		return &value.Array{Items: append([]any(nil), o.Values()...), Of: o}, true
	case "issynchronized", "isreadonly", "isfixedsize":
		return false, true
	}
	return nil, false
}

// typeNamesOf is PSTypeNames of a value that is not an object: its .NET
// type and the types it derives from.
func typeNamesOf(v any) *value.Array {
	names := []any{value.TypeName(v)}
	switch v.(type) {
	case *value.Array:
		if a := v.(*value.Array); !a.List {
			names = append(names, value.TArray)
		}
	default:
		if value.IsType(v, &value.Type{Name: "System.ValueType"}) {
			names = append(names, "System.ValueType")
		}
	}
	return &value.Array{Items: append(names, value.TObject), List: true}
}

// psObjectView is the .PSObject member of an object.
func psObjectView(o *value.Object) *value.Object {
	view := value.NewObject("System.Management.Automation.PSObject")
	var props []any
	for _, p := range o.Props() {
		po := value.NewObject("System.Management.Automation.PSNoteProperty")
		po.Set("Name", p.Name)
		po.Set("Value", p.Get())
		po.Set("MemberType", "NoteProperty")
		po.Set("IsSettable", true)
		po.Set("IsGettable", true)
		po.Set("TypeNameOfValue", value.TypeName(p.Get()))
		props = append(props, po)
	}
	view.Set("Properties", &value.Array{Items: props})
	items := make([]any, len(o.TypeNames))
	for i, t := range o.TypeNames {
		items[i] = t
	}
	view.Set("TypeNames", &value.Array{Items: items})
	view.Set("BaseObject", o)
	view.Set("ImmediateBaseObject", o)
	view.Set("psobjectSource", o)
	return view
}

func dateMember(t time.Time, name string) (any, bool) {
	switch name {
	case "year":
		return t.Year(), true
	case "month":
		return int(t.Month()), true
	case "day":
		return t.Day(), true
	case "hour":
		return t.Hour(), true
	case "minute":
		return t.Minute(), true
	case "second":
		return t.Second(), true
	case "millisecond":
		return t.Nanosecond() / 1e6, true
	case "dayofweek":
		return &enumValue{typ: "System.DayOfWeek", name: t.Weekday().String(), n: int(t.Weekday())}, true
	case "dayofyear":
		return t.YearDay(), true
	case "date":
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location()), true
	case "timeofday":
		y, m, d := t.Date()
		return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location())), true
	case "ticks":
		return dateTicks(t), true
	case "kind":
		k := value.DateKind(t)
		return &enumValue{typ: "System.DateTimeKind", name: k, n: map[string]int{value.KindUnspecified: 0, value.KindUtc: 1, value.KindLocal: 2}[k]}, true
	case "datetime":
		return value.LongDateTime(t), true
	}
	return nil, false
}

// dateTicks returns .NET ticks (100 ns since 0001-01-01).
func dateTicks(t time.Time) int64 {
	const unixEpochTicks = 621355968000000000
	return t.Unix()*10_000_000 + int64(t.Nanosecond()/100) + unixEpochTicks
}

func timeSpanMember(d time.Duration, name string) (any, bool) {
	switch name {
	case "days":
		return int(d / (24 * time.Hour)), true
	case "hours":
		return int(d/time.Hour) % 24, true
	case "minutes":
		return int(d/time.Minute) % 60, true
	case "seconds":
		return int(d/time.Second) % 60, true
	case "milliseconds":
		return int(d/time.Millisecond) % 1000, true
	case "ticks":
		return int64(d / 100), true
	case "totaldays":
		return d.Hours() / 24, true
	case "totalhours":
		return d.Hours(), true
	case "totalminutes":
		return d.Minutes(), true
	case "totalseconds":
		return d.Seconds(), true
	case "totalmilliseconds":
		return float64(d) / float64(time.Millisecond), true
	case "microseconds":
		// .NET 7: the microseconds of the time, -999..999
		return int(d/time.Microsecond) % 1000, true
	case "nanoseconds":
		// .NET 7: the nanoseconds of the time in steps of a tick (100 ns)
		return int(d%time.Microsecond) / 100 * 100, true
	case "totalmicroseconds":
		return float64(d/100) / 10, true
	case "totalnanoseconds":
		return float64(d/100) * 100, true
	}
	return nil, false
}

// exceptionObject builds the .Exception of an error record.
func exceptionObject(rec *ErrorRecord) *value.Object {
	if rec.Exc != nil {
		return rec.Exc
	}
	if o, ok := rec.Thrown.(*value.Object); ok && isExceptionObject(o) {
		return o
	}
	// one exception per record: a rethrown error has the same one
	if rec.exc != nil {
		return rec.exc
	}
	rec.exc = newExceptionObject(rec)
	return rec.exc
}

// newExceptionObject makes the exception object of an error record.
func newExceptionObject(rec *ErrorRecord) *value.Object {
	t := rec.exceptionType()
	o := value.NewObject(exceptionChain(t)...)
	o.Set("Message", rec.Msg)
	var inner any
	if rec.Inner != "" {
		in := value.NewObject(exceptionChain(rec.Inner)...)
		in.Set("Message", rec.InnerMsg)
		in.Set("InnerException", nil)
		in.Set("HResult", -2146233087)
		in.Set("Source", nil)
		in.Set("StackTrace", nil)
		in.Set("Data", value.NewHashtable())
		in.SetToString(rec.InnerMsg)
		inner = in
	}
	o.Set("InnerException", inner)
	o.Set("HResult", -2146233087)
	o.Set("Source", nil)
	o.Set("StackTrace", nil)
	o.Set("Data", value.NewHashtable())
	o.Set("ErrorRecord", rec)
	o.SetToString(rec.Msg)
	if rec.Thrown != nil {
		o.Set("WasThrownFromThrowStatement", true)
	}
	return o
}

func errorRecordMember(rec *ErrorRecord, name string) (any, bool) {
	switch name {
	case "exception":
		return exceptionObject(rec), true
	case "fullyqualifiederrorid":
		return rec.FullyQualifiedID(), true
	case "targetobject":
		if rec.targetObj != nil {
			return rec.targetObj, true
		}
		if rec.Thrown != nil {
			return rec.Thrown, true
		}
		if rec.Target != "" {
			return rec.Target, true
		}
		return nil, true
	case "categoryinfo":
		ci := value.NewObject("System.Management.Automation.ErrorCategoryInfo")
		ci.Set("Category", string(rec.Category))
		ci.Set("Activity", rec.Command)
		ci.Set("Reason", shortType(rec.exceptionType()))
		ci.Set("TargetName", rec.Target)
		ci.Set("TargetType", "")
		ci.SetToString(fmt.Sprintf("%s: (%s:) [%s], %s", rec.Category, rec.Target, rec.Command, shortType(rec.exceptionType())))
		return ci, true
	case "errordetails":
		return nil, true
	case "scriptstacktrace":
		return fmt.Sprintf("at <ScriptBlock>, %s: line %d", rec.Pos.Filename, rec.Pos.Line), true
	case "pipelineiterationinfo":
		return &value.Array{}, true
	}
	return nil, false
}

func shortType(t string) string {
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// setMember sets property name on obj.
func (s *Session) setMember(obj any, name string, v any) error {
	switch o := obj.(type) {
	case *value.Object:
		if p, ok := o.Prop(name); ok {
			if b := s.dotnet.behave[o]; b != nil && b.set != nil {
				cv, err := b.set(s, o, p.Name, v)
				if err != nil {
					return err
				}
				v = cv
			}
			if sp, ok := p.Value.(*scriptProperty); ok && sp.set != nil {
				_, err := s.invokeWithThis(sp.set, o, []any{v})
				return err
			}
			if t := s.classPropType(o, name); t != nil {
				cv, err := s.convert(v, t)
				if err != nil {
					return err
				}
				v = cv
			}
			o.Set(p.Name, v)
			return nil
		}
		return &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)}
	case *refValue:
		if strings.EqualFold(name, "Value") {
			return o.set(v)
		}
	case *value.Hashtable:
		return o.Put(name, v)
	case *value.Array:
		for _, it := range o.Items {
			if err := s.setMember(it, name, v); err != nil {
				return err
			}
		}
		return nil
	case nil:
		return &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)}
	}
	return &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)}
}

// index applies [idx] to v.
func (s *Session) index(v, idx any) (any, error) {
	if ia, ok := idx.(*value.Array); ok {
		if _, isHash := v.(*value.Hashtable); !isHash || true {
			var out []any
			for _, i := range ia.Items {
				if i == nil && isArrayish(v) {
					continue // a $null in a slice selects nothing
				}
				r, err := s.index(v, i)
				if err != nil {
					return nil, err
				}
				if r != nil || !isArrayish(v) {
					out = append(out, r)
				}
			}
			return &value.Array{Items: out}, nil
		}
	}
	switch o := v.(type) {
	case nil:
		return nil, &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: "Cannot index into a null array."}
	case *value.Array:
		if name, ok := idx.(string); ok && o.Kind == "groups" {
			// a GroupCollection is indexed by group name too
			for _, g := range o.Items {
				if gn, _ := g.(*value.Object).Get("Name"); value.ToString(gn) == name {
					return g, nil
				}
			}
			return emptyGroup(), nil
		}
		i, err := value.ToInt(idx)
		if err != nil {
			return nil, err
		}
		if i < 0 {
			i += len(o.Items)
		}
		if i < 0 || i >= len(o.Items) {
			if s.strictVersion >= 3 {
				return nil, &value.RuntimeError{Type: "System.IndexOutOfRangeException", Msg: "Index was outside the bounds of the array."}
			}
			return nil, nil
		}
		return o.Items[i], nil
	case *value.Hashtable:
		r, ok := o.Lookup(idx)
		if !ok && o.Ordered && o.Dict == nil {
			// an OrderedDictionary also takes a position
			if i, isInt := idx.(int); isInt && i >= 0 && i < o.Len() {
				return o.Values()[i], nil
			}
		}
		return r, nil
	case string:
		i, err := value.ToInt(idx)
		if err != nil {
			return nil, err
		}
		rs := []rune(o)
		if i < 0 {
			i += len(rs)
		}
		if i < 0 || i >= len(rs) {
			return nil, nil
		}
		return rs[i], nil
	case *value.Object:
		if n, ok := idx.(string); ok {
			r, _ := o.Get(n)
			return r, nil
		}
		if i, err := value.ToInt(idx); err == nil && (i == 0 || i == -1) {
			return o, nil
		}
		return nil, nil
	case *regexMatches:
		i, err := value.ToInt(idx)
		if err != nil {
			return nil, err
		}
		if i < 0 {
			i += len(o.items)
		}
		if i < 0 || i >= len(o.items) {
			return nil, nil
		}
		return o.items[i], nil
	}
	i, err := value.ToInt(idx)
	if err == nil && (i == 0 || i == -1) {
		return v, nil
	}
	return nil, &value.RuntimeError{Type: "System.Management.Automation.RuntimeException", Msg: fmt.Sprintf("Unable to index into an object of type %s.", value.TypeName(v))}
}

// emptyGroup is the unmatched Group a GroupCollection gives for an unknown
// name (Group.Empty semantics: no success, empty value).
func emptyGroup() *value.Object {
	g := value.NewObject("System.Text.RegularExpressions.Group")
	g.Set("Name", "")
	g.Set("Success", false)
	g.Set("Value", "")
	g.Set("Index", 0)
	g.Set("Length", 0)
	g.SetToString("")
	return g
}

func isArrayish(v any) bool {
	_, ok := v.(*value.Array)
	return ok
}

// callMethod calls method name on v. A method of v's .NET type that csemu
// does not implement is a [NotImplemented] error naming it.
func (s *Session) callMethod(fr frame, v any, name string, args []any) (any, error) {
	r, err := s.callMethodOn(fr, v, name, args)
	if err != nil && isMethodNotFound(err) && len(args) == 0 && len(name) > 4 && strings.EqualFold(name[:4], "get_") {
		// a .NET property's getter is a method too: $h.get_Keys() is $h.Keys
		if pv, ok := s.propertyGetter(v, name[4:]); ok {
			return pv, nil
		}
	}
	if err != nil && isMethodNotFound(err) {
		if owner := unimplementedMember(v, name); owner != "" {
			return nil, &methodErr{typ: "NotImplemented", msg: owner + "." + name + "()"}
		}
	}
	return r, err
}

// propertyGetter reads the .NET property prop of v for its get_ method: a
// property of the object's type, not a note property of a property bag
// nor a key of a hashtable nor a member enumerated from an array's items.
func (s *Session) propertyGetter(v any, prop string) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case *value.Hashtable:
		return hashProperty(x, strings.ToLower(prop))
	case *value.Object:
		if x.IsCustom() {
			return nil, false
		}
	case *value.Array:
		switch strings.ToLower(prop) {
		case "count", "length", "longlength", "rank", "isfixedsize", "capacity", "syncroot":
		default:
			return nil, false
		}
	}
	return s.getMember(v, prop)
}

// isMethodNotFound reports whether err is PowerShell's "does not contain a
// method named" error.
func isMethodNotFound(err error) bool {
	me, ok := err.(*methodErr)
	return ok && me.typ == "MethodNotFound" && strings.HasPrefix(me.msg, "Method invocation failed because")
}

// dotnetTypeOf names the .NET type whose member list applies to v, or ""
// for a property bag ([pscustomobject], a hashtable's keys) and for types
// csemu keeps no list for.
func dotnetTypeOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case *value.Array:
		if x.Kind == "groups" {
			return "System.Text.RegularExpressions.GroupCollection"
		}
		if !x.List {
			return "System.Object[]"
		}
		switch x.Kind {
		case "set":
			return value.THashSet
		case "queue":
			return "System.Collections.Generic.Queue"
		case "collection":
			return value.TCollection
		case "stack":
			return "System.Collections.Generic.Stack"
		}
		if x.Elem == "" {
			return value.TArrayList
		}
		return value.TList
	case *value.Type:
		return value.TType
	case *value.Hashtable:
		if x.Dict != nil {
			return x.Dict.Base
		}
	case *value.Object:
		if x.IsCustom() {
			return ""
		}
		for _, t := range x.TypeNames {
			if _, known := value.DotNetMember(t, ""); known {
				return t
			}
			if strings.HasSuffix(t, "Exception") {
				return "System.Exception"
			}
		}
		return ""
	}
	return value.TypeName(v)
}

// displayTypeName names a type of the member lists as .NET does: the
// generic collections with their arity ("List`1").
func displayTypeName(t string) string {
	switch t {
	case value.TList, value.THashSet, "System.Collections.Generic.Queue", "System.Collections.Generic.Stack", value.TCollection:
		return t + "`1"
	case value.TDictionary, value.TSortedDictionary:
		return t + "`2"
	}
	return t
}

// unimplementedMember returns the .NET type that declares member name of v
// when csemu has no implementation of it, or "". An array's own members
// come first, then its items' (member enumeration).
func unimplementedMember(v any, name string) string {
	if mo, ok := v.(memberObject); ok {
		return mo.psNotImplemented(name)
	}
	t := dotnetTypeOf(v)
	if t == "" {
		return ""
	}
	if is, _ := value.DotNetMember(t, name); is {
		return displayTypeName(t)
	}
	if a, ok := v.(*value.Array); ok {
		for _, it := range a.Items {
			if _, isArr := it.(*value.Array); isArr {
				continue
			}
			if owner := unimplementedMember(it, name); owner != "" {
				return owner
			}
		}
	}
	return ""
}

// callMethodOn calls method name on v.
func (s *Session) callMethodOn(fr frame, v any, name string, args []any) (any, error) {
	lname := strings.ToLower(name)
	switch lname {
	case "gettype":
		if len(args) == 0 {
			if o, ok := v.(*value.Object); ok && s.classes[strings.ToLower(o.TypeName())] != nil {
				return &value.Type{Name: o.TypeName()}, nil
			}
			if v == nil {
				return nil, &methodErr{typ: "MethodNotFound", msg: "You cannot call a method on a null-valued expression."}
			}
			return value.TypeOf(v), nil
		}
	case "tostring":
		if len(args) == 0 {
			switch x := v.(type) {
			case *value.Object:
				if sv, ok := x.ToStringValue(); ok {
					return value.ToString(sv), nil
				}
				if x.IsCustom() {
					return "", nil
				}
				return x.TypeName(), nil
			case time.Time:
				return value.FormatValue(x, "")
			case float64, value.Decimal, float32:
				return value.FormatValue(x, "")
			case *value.Array:
				return value.TypeName(x), nil
			}
			return s.toString(v), nil
		}
		if len(args) == 1 {
			return value.FormatValue(v, value.ToString(args[0]))
		}
	case "equals":
		if len(args) == 1 {
			return value.Equal(v, args[0], true), nil
		}
	case "gethashcode":
		return int(fnvHash(value.ToString(v))), nil
	}
	switch o := v.(type) {
	case nil:
		return nil, &methodErr{typ: "MethodNotFound", msg: "You cannot call a method on a null-valued expression."}
	case string:
		return s.stringMethod(o, lname, name, args)
	case *value.Array:
		r, err := s.arrayMethod(fr, o, lname, name, args)
		if isMethodNotFound(err) {
			// a method of the array or list itself is not enumerated
			if is, _ := value.DotNetMember(dotnetTypeOf(o), name); is {
				return nil, &methodErr{typ: "NotImplemented", msg: displayTypeName(dotnetTypeOf(o)) + "." + name + "()"}
			}
		}
		if me, ok := err.(*methodErr); ok && me.typ == "MethodNotFound" && len(o.Items) > 0 {
			// member enumeration: call the method on each item
			var out []any
			for _, it := range o.Items {
				v, ierr := s.callMethod(fr, it, name, args)
				if ierr != nil {
					return nil, ierr
				}
				if _, void := v.(voidValue); !void {
					out = append(out, v)
				}
			}
			return value.Unwrap(out), nil
		}
		return r, err
	case *value.Hashtable:
		return hashMethod(o, lname, name, args)
	case *value.Object:
		if p, ok := o.Prop(name); ok {
			if sm, ok := p.Value.(*scriptMethod); ok {
				return s.invokeWithThis(sm.body, o, args)
			}
		}
		if c := s.classes[strings.ToLower(o.TypeName())]; c != nil {
			return s.callClassMethod(fr, c, o, name, args)
		}
		if lname == "copy" && o.TypeName() == "System.Management.Automation.PSObject" {
			if base, ok := o.Get("BaseObject"); ok {
				return base.(*value.Object).Copy(), nil
			}
		}
		if m, ok := objectMethods[o.TypeName()]; ok {
			return m(s, o, lname, args)
		}
		if b := s.dotnet.behave[o]; b != nil && b.call != nil {
			return b.call(s, o, lname, args)
		}
	case time.Time:
		return dateMethod(o, lname, args)
	case time.Duration:
		switch lname {
		case "add":
			if d, ok := argOr(args, 0).(time.Duration); ok {
				return o + d, nil
			}
		case "subtract":
			if d, ok := argOr(args, 0).(time.Duration); ok {
				return o - d, nil
			}
		case "negate":
			return -o, nil
		case "duration":
			if o < 0 {
				return -o, nil
			}
			return o, nil
		case "multiply", "divide":
			return timeSpanScale(o, lname, name, args)
		case "compareto":
			if d, ok := argOr(args, 0).(time.Duration); ok {
				return sign(int(max(min(o-d, 1), -1))), nil
			}
		}
	case *ScriptBlock:
		switch lname {
		case "checkrestrictedlanguage":
			return nil, s.checkRestrictedLanguage(o, args)
		case "getsteppablepipeline":
			return s.getSteppablePipeline(fr, o, args)
		case "invoke", "invokereturnasis":
			return s.invokeScriptBlockValue(fr, o, nil, args, false)
		case "getnewclosure":
			sc := newScope(nil)
			for c := fr.scope; c != nil; c = c.parent {
				for k, vv := range c.vars {
					if _, ok := sc.vars[k]; !ok {
						cp := *vv
						sc.vars[k] = &cp
					}
				}
			}
			sc.parent = s.global
			nb := *o
			nb.Closure = sc
			return &nb, nil
		}
	case *value.Type:
		switch lname {
		case "getgenericarguments":
			var out []any
			for _, a := range typeArgs(o) {
				out = append(out, a)
			}
			return &value.Array{Items: out, Elem: value.TType}, nil
		case "getelementtype":
			if o.Elem != nil {
				return o.Elem, nil
			}
			if strings.HasSuffix(o.Name, "[]") {
				return &value.Type{Name: strings.TrimSuffix(o.Name, "[]")}, nil
			}
			return nil, nil
		}
	case *regexValue:
		return s.regexMethod(fr, o, lname, args)
	case memberObject:
		return o.psCall(s, fr, name, args)
	case *psCmdlet:
		return o.call(lname, args)
	case *stringBuilder:
		return o.call(s, lname, args)
	case *ErrorRecord:
		if lname == "tostring" {
			return o.Msg, nil
		}
	case value.Guid:
		if lname == "tostring" {
			return string(o), nil
		}
	case int, int64, float64, value.Decimal, int8, uint8, int16, uint16, uint32, uint64, float32, *big.Int:
		switch lname {
		case "compareto":
			c, err := value.Compare(o, argOr(args, 0), false)
			return c, err
		}
		// IConvertible's ToInt32, ToSingle, ...: a conversion to that type
		if t, ok := convertibleMethod(lname); ok && len(args) <= 1 {
			r, err := value.Convert(o, &value.Type{Name: t})
			if err != nil {
				return nil, &methodErr{typ: "System.OverflowException", msg: strings.TrimSuffix(err.Error()[strings.LastIndex(err.Error(), "Error: \"")+8:], "\"")}
			}
			return r, nil
		}
	case rune:
		switch lname {
		case "compareto":
			c, err := value.Compare(o, argOr(args, 0), true)
			return c, err
		}
	}
	return nil, notFoundMethod(v, name)
}

// convertibleMethod returns the type an IConvertible conversion method
// (lower-case name) converts to.
func convertibleMethod(lname string) (string, bool) {
	switch lname {
	case "tosbyte":
		return value.TSByte, true
	case "tobyte":
		return value.TByte, true
	case "toint16":
		return value.TInt16, true
	case "touint16":
		return value.TUInt16, true
	case "toint32":
		return value.TInt32, true
	case "touint32":
		return value.TUInt32, true
	case "toint64":
		return value.TInt64, true
	case "touint64":
		return value.TUInt64, true
	case "tosingle":
		return value.TSingle, true
	case "todouble":
		return value.TDouble, true
	case "todecimal":
		return value.TDecimal, true
	case "toboolean":
		return value.TBool, true
	}
	return "", false
}

// argConvErr is PowerShell's error for a method argument that does not
// convert to the parameter's type.
func argConvErr(param string, arg any, method, typ string, err error) error {
	return &methodErr{typ: "MethodArgumentConversionInvalidCastArgument",
		msg: fmt.Sprintf("Cannot convert argument \"%s\", with value: \"%s\", for \"%s\" to type \"%s\": \"%s\"", param, value.ToString(arg), method, typ, err.Error())}
}

// sortDefault sorts items in place as Array.Sort and List<T>.Sort without
// a comparer do (Comparer.Default): nulls first, strings by the current
// culture, case-sensitive (String.CompareTo), numbers by value.
func sortDefault(items []any) error {
	col := value.NewCollation()
	var serr error
	value.IntroSort(items, func(a, b any) int {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		case b == nil:
			return 1
		}
		c, err := value.CompareWith(a, b, true, col)
		if err != nil && serr == nil {
			serr = err
		}
		return c
	})
	return serr
}

func argOr(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return nil
}

func fnvHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h >> 1
}

// stringMethod implements System.String's methods.
func (s *Session) stringMethod(str, lname, name string, args []any) (any, error) {
	argStr := func(i int) string { return value.ToString(argOr(args, i)) }
	argInt := func(i int) (int, error) {
		n, err := value.ToInt(argOr(args, i))
		if err != nil {
			return 0, &methodErr{typ: "System.FormatException", msg: err.Error()}
		}
		return n, nil
	}
	ignoreCase := func(i int) bool {
		if i < 0 || i >= len(args) {
			return false
		}
		a := strings.ToLower(value.ToString(args[i]))
		return strings.Contains(a, "ignorecase") || a == "true" || a == "1" || a == "3" || a == "5"
	}
	if r, ok, err := stringOverload(str, lname, name, args); ok {
		return r, err
	}
	runes := []rune(str)
	switch lname {
	case "indexof", "lastindexof", "substring", "replace", "contains", "startswith", "endswith", "padleft", "padright",
		"insert", "remove", "indexofany", "chars", "compareto":
		if len(args) == 0 {
			return nil, &methodErr{typ: "MethodNotFound", msg: fmt.Sprintf("Cannot find an overload for %q and the argument count: \"0\".", name)}
		}
	}
	switch lname {
	case "toupper", "toupperinvariant":
		return strings.ToUpper(str), nil
	case "tolower", "tolowerinvariant":
		return strings.ToLower(str), nil
	case "trim", "trimstart", "trimend":
		cut := " \t\n\r\v\f\u00a0\u2028\u2029\u0085"
		if len(args) > 0 {
			var b strings.Builder
			for _, a := range args {
				for _, it := range value.AsSlice(a) {
					b.WriteString(value.ToString(it))
				}
			}
			cut = b.String()
		}
		switch lname {
		case "trim":
			if len(args) == 0 {
				return strings.TrimFunc(str, unicode.IsSpace), nil
			}
			return strings.Trim(str, cut), nil
		case "trimstart":
			if len(args) == 0 {
				return strings.TrimLeftFunc(str, unicode.IsSpace), nil
			}
			return strings.TrimLeft(str, cut), nil
		}
		if len(args) == 0 {
			return strings.TrimRightFunc(str, unicode.IsSpace), nil
		}
		return strings.TrimRight(str, cut), nil
	case "split":
		var seps []string
		max := -1
		removeEmpty := false
		for i, a := range args {
			switch x := a.(type) {
			case *value.Array:
				for _, it := range x.Items {
					seps = append(seps, value.ToString(it))
				}
			case int, int64:
				if i > 0 {
					max, _ = value.ToInt(x)
				}
			case string:
				lx := strings.ToLower(x)
				if i > 0 && (lx == "removeemptyentries" || lx == "trimentries" || lx == "none") {
					removeEmpty = lx == "removeemptyentries"
					continue
				}
				if i == 0 {
					// a string separator splits on each of its characters (char[] overload)
					if len(args) == 1 || !isStringSplitOptions(args) {
						for _, r := range x {
							seps = append(seps, string(r))
						}
						continue
					}
				}
				seps = append(seps, x)
			case rune:
				seps = append(seps, string(x))
			}
		}
		if len(seps) == 0 {
			seps = []string{" ", "\t", "\n", "\r"}
		}
		parts := splitAny(str, seps, max)
		out := make([]any, 0, len(parts))
		for _, p := range parts {
			if removeEmpty && p == "" {
				continue
			}
			out = append(out, p)
		}
		return &value.Array{Items: out, Elem: value.TString}, nil
	case "replace":
		if len(args) < 2 {
			break
		}
		old, nw := argStr(0), argStr(1)
		if old == "" {
			return nil, &methodErr{typ: "System.ArgumentException", msg: "String cannot be of zero length. (Parameter 'oldValue')"}
		}
		if ignoreCase(2) {
			re, _ := s.compileRegex(escapeRegex(old), true)
			out, _ := re.Replace(str, strings.ReplaceAll(nw, "$", "$$"), -1, -1)
			return out, nil
		}
		return strings.ReplaceAll(str, old, nw), nil
	case "contains":
		if ignoreCase(1) {
			return strings.Contains(strings.ToLower(str), strings.ToLower(argStr(0))), nil
		}
		return strings.Contains(str, argStr(0)), nil
	case "startswith":
		if ignoreCase(1) {
			return strings.HasPrefix(strings.ToLower(str), strings.ToLower(argStr(0))), nil
		}
		return strings.HasPrefix(str, argStr(0)), nil
	case "endswith":
		if ignoreCase(1) {
			return strings.HasSuffix(strings.ToLower(str), strings.ToLower(argStr(0))), nil
		}
		return strings.HasSuffix(str, argStr(0)), nil
	case "substring":
		start, err := argInt(0)
		if err != nil {
			return nil, err
		}
		if start < 0 || start > len(runes) {
			return nil, argErr("startIndex cannot be larger than length of string. (Parameter 'startIndex')")
		}
		if len(args) > 1 {
			n, err := argInt(1)
			if err != nil {
				return nil, err
			}
			if n < 0 || start+n > len(runes) {
				return nil, argErr("Index and length must refer to a location within the string. (Parameter 'length')")
			}
			return string(runes[start : start+n]), nil
		}
		return string(runes[start:]), nil
	case "indexof", "lastindexof":
		sub := argStr(0)
		from := 0
		if len(args) > 1 {
			if n, err := value.ToInt(args[1]); err == nil {
				from = n
			}
		}
		hay := str
		if ignoreCase(len(args) - 1) {
			hay, sub = strings.ToLower(hay), strings.ToLower(sub)
		}
		if lname == "indexof" {
			if from > len(runes) || from < 0 {
				return nil, argErr("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')")
			}
			prefix := string(runes[:from])
			i := strings.Index(hay[len(prefix):], sub)
			if i < 0 {
				return -1, nil
			}
			return from + utf8.RuneCountInString(hay[len(prefix):len(prefix)+i]), nil
		}
		i := strings.LastIndex(hay, sub)
		if i < 0 {
			return -1, nil
		}
		return utf8.RuneCountInString(hay[:i]), nil
	case "indexofany":
		set := argStr(0)
		for i, r := range runes {
			if strings.ContainsRune(set, r) {
				return i, nil
			}
		}
		return -1, nil
	case "padleft", "padright":
		n, err := argInt(0)
		if err != nil {
			return nil, err
		}
		pad := " "
		if len(args) > 1 {
			// PadLeft(int totalWidth, char paddingChar)
			ch, err := value.Convert(args[1], &value.Type{Name: value.TChar})
			if err != nil {
				return nil, argConvErr("paddingChar", args[1], name, value.TChar, err)
			}
			pad = value.ToString(ch)
		}
		if n < 0 {
			return nil, argErr("Non-negative number required. (Parameter 'totalWidth')")
		}
		if len(runes) >= n {
			return str, nil
		}
		if err := value.CheckStringLength(int64(n)); err != nil {
			return nil, &methodErr{typ: "System.OutOfMemoryException", msg: err.Error()}
		}
		fill := strings.Repeat(pad, n-len(runes))
		if lname == "padleft" {
			return fill + str, nil
		}
		return str + fill, nil
	case "insert":
		i, err := argInt(0)
		if err != nil {
			return nil, err
		}
		if i < 0 || i > len(runes) {
			return nil, argErr("Index was out of range. (Parameter 'startIndex')")
		}
		return string(runes[:i]) + argStr(1) + string(runes[i:]), nil
	case "remove":
		i, err := argInt(0)
		if err != nil {
			return nil, err
		}
		if i < 0 || i > len(runes) {
			return nil, argErr("startIndex must be less than length of string. (Parameter 'startIndex')")
		}
		if len(args) > 1 {
			n, err := argInt(1)
			if err != nil {
				return nil, err
			}
			if i+n > len(runes) {
				return nil, argErr("Index and count must refer to a location within the string. (Parameter 'count')")
			}
			return string(runes[:i]) + string(runes[i+n:]), nil
		}
		return string(runes[:i]), nil
	case "tochararray":
		sub := runes
		if len(args) == 2 {
			// ToCharArray(startIndex, length)
			i, err1 := value.ToInt(args[0])
			n, err2 := value.ToInt(args[1])
			if err := firstErr(err1, err2); err != nil {
				return nil, argConvErr("startIndex", args[0], name, value.TInt32, err)
			}
			if i < 0 || i > len(runes) || n < 0 || i > len(runes)-n {
				param := "length"
				if i < 0 || i > len(runes) {
					param = "startIndex"
				}
				return nil, argErr("Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter '%s')", param)
			}
			sub = runes[i : i+n]
		} else if len(args) != 0 {
			return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
		}
		out := make([]any, len(sub))
		for i, r := range sub {
			out[i] = r
		}
		return &value.Array{Items: out, Elem: value.TChar}, nil
	case "compareto":
		// String.CompareTo: the current culture, case-sensitive; any
		// string is after null
		if argOr(args, 0) == nil {
			return 1, nil
		}
		return value.CompareStrings(str, argStr(0), true), nil
	case "chars", "get_chars":
		i, err := argInt(0)
		if err != nil {
			return nil, err
		}
		if i < 0 || i >= len(runes) {
			return nil, argErr("Index was outside the bounds of the array.")
		}
		return runes[i], nil
	case "isnormalized", "normalize":
		return normalizeString(str, lname, name, args)
	case "format":
		return value.FormatComposite(str, args)
	}
	return nil, notFoundMethod(str, name)
}

func isStringSplitOptions(args []any) bool {
	for _, a := range args[1:] {
		if sv, ok := a.(string); ok {
			l := strings.ToLower(sv)
			if l == "removeemptyentries" || l == "none" || l == "trimentries" {
				return true
			}
		}
	}
	return false
}

// splitAny splits s at any of the separators, at most max parts (-1: all).
func splitAny(s string, seps []string, max int) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		if max > 0 && len(out) == max-1 {
			break
		}
		matched := 0
		for _, sep := range seps {
			if sep != "" && strings.HasPrefix(s[i:], sep) {
				matched = len(sep)
				break
			}
		}
		if matched > 0 {
			out = append(out, s[start:i])
			i += matched
			start = i
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return append(out, s[start:])
}

// elemArg converts the item argument of a generic collection's method
// (List<T>.Add, Queue<T>.Enqueue...) to the element type, failing as
// PowerShell's method binder does.
func (s *Session) elemArg(a *value.Array, v any, method string) (any, error) {
	if a.Elem == "" || a.Elem == value.TObject {
		return v, nil
	}
	t, ok := s.resolveType(a.Elem)
	if !ok {
		return v, nil
	}
	cv, err := s.convert(v, t)
	if err != nil {
		return nil, argConvErr("item", v, method, t.Name, err)
	}
	return cv, nil
}

// arrayMethod implements array and list methods.
func (s *Session) arrayMethod(fr frame, a *value.Array, lname, name string, args []any) (any, error) {
	if a.Kind == "collection" {
		// Collection<T> has fewer methods than the List<T> it is kept as
		if is, _ := value.DotNetMember(value.TCollection, name); !is && lname != "where" && lname != "foreach" {
			return nil, notFoundMethod(a, name)
		}
	}
	switch lname {
	case "add", "addrange", "remove", "removeat", "removeall", "removerange", "insert", "insertrange", "clear",
		"reverse", "sort", "enqueue", "dequeue", "push", "pop", "setvalue":
		a.Version++
	}
	if a.List && a.Kind == "" {
		if r, ok, err := s.listMethod(fr, a, lname, name, args); ok {
			return r, err
		}
	}
	switch a.Kind + ":" + lname {
	case "queue:enqueue", "stack:push", "set:add":
		v, err := s.elemArg(a, argOr(args, 0), name)
		if err != nil {
			return nil, err
		}
		if a.Kind == "set" {
			if a.SetHas(v) {
				return false, nil
			}
			a.Items = append(a.Items, v)
			return true, nil
		}
		a.Items = append(a.Items, v)
		return voidValue{}, nil
	case "set:contains":
		return a.SetHas(argOr(args, 0)), nil
	case "set:unionwith", "set:intersectwith", "set:exceptwith", "set:symmetricexceptwith",
		"set:issubsetof", "set:issupersetof", "set:ispropersubsetof", "set:ispropersupersetof", "set:overlaps", "set:setequals":
		return s.setOperation(a, lname, name, args)
	case "set:remove":
		if i := a.SetIndex(argOr(args, 0)); i >= 0 {
			a.Items = append(a.Items[:i], a.Items[i+1:]...)
			return true, nil
		}
		return false, nil
	case "queue:dequeue", "queue:peek", "stack:pop", "stack:peek":
		if len(a.Items) == 0 {
			return nil, &methodErr{typ: "System.InvalidOperationException", msg: "Queue empty."}
		}
		i := 0
		if a.Kind == "stack" {
			i = len(a.Items) - 1
		}
		v := a.Items[i]
		if !strings.HasSuffix(lname, "peek") {
			a.Items = append(a.Items[:i], a.Items[i+1:]...)
		}
		return v, nil
	}
	switch lname {
	case "add":
		if !a.List {
			return nil, &methodErr{typ: "System.NotSupportedException", msg: "Collection was of a fixed size."}
		}
		v, err := s.elemArg(a, argOr(args, 0), name)
		if err != nil {
			return nil, err
		}
		a.Items = append(a.Items, v)
		if a.Elem == "" {
			return len(a.Items) - 1, nil // ArrayList.Add returns the index
		}
		return voidValue{}, nil
	case "addrange":
		if !a.List {
			return nil, &methodErr{typ: "System.NotSupportedException", msg: "Collection was of a fixed size."}
		}
		a.Items = append(a.Items, value.AsSlice(argOr(args, 0))...)
		return voidValue{}, nil
	case "contains":
		for _, it := range a.Items {
			if value.Equal(it, argOr(args, 0), true) {
				return true, nil
			}
		}
		return false, nil
	case "indexof":
		for i, it := range a.Items {
			if value.Equal(it, argOr(args, 0), true) {
				return i, nil
			}
		}
		return -1, nil
	case "remove":
		if !a.List {
			return nil, &methodErr{typ: "System.NotSupportedException", msg: "Collection was of a fixed size."}
		}
		for i, it := range a.Items {
			if value.Equal(it, argOr(args, 0), true) {
				a.Items = append(a.Items[:i], a.Items[i+1:]...)
				if a.Elem != "" {
					return true, nil
				}
				return voidValue{}, nil
			}
		}
		if a.Elem != "" {
			return false, nil
		}
		return voidValue{}, nil
	case "removeat":
		i, err := value.ToInt(argOr(args, 0))
		if err != nil || i < 0 || i >= len(a.Items) {
			return nil, argErr("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
		}
		a.Items = append(a.Items[:i], a.Items[i+1:]...)
		return voidValue{}, nil
	case "insert":
		i, err := value.ToInt(argOr(args, 0))
		if err != nil || i < 0 || i > len(a.Items) {
			return nil, argErr("Index must be within the bounds of the List. (Parameter 'index')")
		}
		a.Items = append(a.Items[:i], append([]any{argOr(args, 1)}, a.Items[i:]...)...)
		return voidValue{}, nil
	case "clear":
		a.Items = a.Items[:0]
		return voidValue{}, nil
	case "toarray":
		// List<T>.ToArray is a T[]; ArrayList.ToArray an object[]
		elem := ""
		if a.Elem != value.TObject {
			elem = a.Elem
		}
		return &value.Array{Items: append([]any(nil), a.Items...), Elem: elem}, nil
	case "clone":
		return &value.Array{Items: append([]any(nil), a.Items...), List: a.List, Elem: a.Elem}, nil
	case "reverse":
		for i, j := 0, len(a.Items)-1; i < j; i, j = i+1, j-1 {
			a.Items[i], a.Items[j] = a.Items[j], a.Items[i]
		}
		return voidValue{}, nil
	case "sort":
		switch len(args) {
		case 0:
			return voidValue{}, sortDefault(a.Items)
		case 1:
			return voidValue{}, s.sortWith(fr, a.Items, args[0], name)
		}
		return nil, &methodErr{typ: "NotImplemented", msg: "Sort() of a range"}
	case "where":
		sb, ok := argOr(args, 0).(*ScriptBlock)
		if !ok {
			return nil, &methodErr{typ: "System.ArgumentException", msg: "The Where() operator requires a script block."}
		}
		mode := strings.ToLower(value.ToString(argOr(args, 1)))
		var out []any
		for _, it := range a.Items {
			v, err := s.invokeScriptBlockValue(fr, sb, it, nil, true)
			if err != nil {
				return nil, err
			}
			if value.ToBool(v) {
				out = append(out, it)
				if mode == "first" {
					break
				}
			}
		}
		if mode == "last" && len(out) > 0 {
			out = out[len(out)-1:]
		}
		return &value.Array{Items: out, List: true}, nil
	case "foreach":
		var out []any
		switch f := argOr(args, 0).(type) {
		case *ScriptBlock:
			for _, it := range a.Items {
				items, err := s.invokeScriptBlock(fr, f, it, nil, true)
				if err != nil {
					return nil, err
				}
				out = append(out, items...)
			}
		case string:
			for _, it := range a.Items {
				if len(args) > 1 {
					r, err := s.callMethod(fr, it, f, args[1:])
					if err != nil {
						return nil, err
					}
					out = append(out, r)
					continue
				}
				r, _ := s.getMember(it, f)
				out = append(out, r)
			}
		case *value.Type:
			for _, it := range a.Items {
				r, err := s.convert(it, f)
				if err != nil {
					return nil, err
				}
				out = append(out, r)
			}
		}
		return &value.Array{Items: out, List: true}, nil
	case "getenumerator":
		return a, nil
	case "getvalue", "get":
		i, err := value.ToInt(argOr(args, 0))
		if err != nil {
			return nil, err
		}
		return s.index(a, i)
	case "setvalue":
		return voidValue{}, setIndex(a, argOr(args, 1), argOr(args, 0))
	case "copyto":
		return voidValue{}, nil
	}
	return nil, notFoundMethod(a, name)
}

// hashMethod implements Hashtable methods.
func hashMethod(h *value.Hashtable, lname, name string, args []any) (any, error) {
	if h.Dict != nil {
		if r, ok, err := dictMethod(h, lname, name, args); ok {
			return r, err
		}
	}
	switch lname {
	case "containskey", "contains":
		return h.Has(argOr(args, 0)), nil
	case "containsvalue":
		for _, v := range h.Values() {
			if value.Equal(v, argOr(args, 0), false) {
				return true, nil
			}
		}
		return false, nil
	case "add":
		k := argOr(args, 0)
		if k == nil {
			return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Key cannot be null. (Parameter 'key')"}
		}
		if h.Has(k) {
			return nil, hashDupErr(h, k)
		}
		h.Set(k, argOr(args, 1))
		return voidValue{}, nil
	case "remove":
		h.Delete(argOr(args, 0))
		return voidValue{}, nil
	case "insert", "removeat":
		if !h.Ordered {
			break
		}
		return orderedMethod(h, lname, name, args)
	case "clear":
		h.Clear()
		return voidValue{}, nil
	case "clone":
		return h.Clone(), nil
	case "getenumerator":
		out := make([]any, h.Len())
		for i, k := range h.Keys() {
			e := value.NewObject("System.Collections.DictionaryEntry")
			e.Set("Name", k)
			e.Set("Key", k)
			e.Set("Value", h.Values()[i])
			e.DefaultDisplay = []string{"Name", "Value"}
			out[i] = e
		}
		return &value.Array{Items: out, Of: h}, nil
	case "get_item", "item":
		v, _ := h.Get(argOr(args, 0))
		return v, nil
	case "set_item":
		h.Set(argOr(args, 0), argOr(args, 1))
		return voidValue{}, nil
	}
	return nil, notFoundMethod(h, name)
}

// dateMethod implements DateTime methods.
func dateMethod(t time.Time, lname string, args []any) (any, error) {
	num := func() (float64, error) {
		f, err := value.ToFloat(argOr(args, 0))
		if err != nil {
			return 0, &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
		}
		return f, nil
	}
	add := func(unit time.Duration) (any, error) {
		f, err := num()
		if err != nil {
			return nil, err
		}
		return t.Add(time.Duration(f * float64(unit))), nil
	}
	switch lname {
	case "adddays":
		return add(24 * time.Hour)
	case "addhours":
		return add(time.Hour)
	case "addminutes":
		return add(time.Minute)
	case "addseconds":
		return add(time.Second)
	case "addmilliseconds":
		return add(time.Millisecond)
	case "addticks":
		return add(100)
	case "addmonths":
		// a day past the new month's end is its last day (DateTime.AddMonths)
		n, _ := value.ToInt(argOr(args, 0))
		return addMonthsClamped(t, n), nil
	case "addyears":
		// Feb 29 plus a year is Feb 28 (DateTime.AddYears)
		n, _ := value.ToInt(argOr(args, 0))
		return addMonthsClamped(t, 12*n), nil
	case "add":
		if d, ok := argOr(args, 0).(time.Duration); ok {
			return t.Add(d), nil
		}
	case "subtract":
		switch x := argOr(args, 0).(type) {
		case time.Time:
			return t.Sub(x), nil
		case time.Duration:
			return t.Add(-x), nil
		}
	case "toshortdatestring":
		return value.FormatValue(t, "d")
	case "tolongdatestring":
		return value.FormatValue(t, "D")
	case "toshorttimestring":
		return value.FormatValue(t, "t")
	case "tolongtimestring":
		return value.FormatValue(t, "T")
	case "touniversaltime":
		// an Unspecified time is local time, as DateTime.ToUniversalTime takes it
		return value.DateToUniversal(t), nil
	case "tolocaltime":
		return value.DateToLocal(t), nil
	case "compareto":
		return value.Compare(t, argOr(args, 0), false)
	case "isdaylightsavingtime":
		return t.IsDST(), nil
	case "tofiletime", "tofiletimeutc":
		return (dateTicks(t) - 504911232000000000), nil
	}
	return nil, notFoundMethod(t, lname)
}

// scriptMethod is a ScriptMethod added with Add-Member.
type scriptMethod struct{ body *ScriptBlock }

func (m *scriptMethod) PSString() string { return m.body.Text }

// scriptProperty is a ScriptProperty added with Add-Member.
type scriptProperty struct{ get, set *ScriptBlock }

func (p *scriptProperty) PSString() string { return p.get.Text }

// invokeWithThis runs a script block with $this set.
func (s *Session) invokeWithThis(sb *ScriptBlock, this any, args []any) (any, error) {
	base := s.global
	if sb.bound && sb.module != nil && sb.module.scope != nil {
		// a block written in a module runs in the module's scope
		base = sb.module.scope
	}
	sc := newScope(base)
	sc.vars["this"] = &Variable{Name: "this", Value: this}
	return s.invokeScriptBlockValue(frame{scope: sc, file: sb.File}, sb, nil, args, false)
}

// objectMethods implements methods of emulated .NET object types.
var objectMethods = map[string]func(s *Session, o *value.Object, lname string, args []any) (any, error){
	typeTimeZoneInfo:  timeZoneInfoMethods,
	typeCurrentTZ:     currentTimeZoneMethods,
	typeDateTimeOffst: dateTimeOffsetMethods,
	"System.Management.Automation.PSCredential": func(s *Session, o *value.Object, lname string, args []any) (any, error) {
		if lname == "getnetworkcredential" {
			nc := value.NewObject("System.Net.NetworkCredential")
			u, _ := o.Get("UserName")
			nc.Set("UserName", u)
			nc.Set("Password", "")
			nc.Set("Domain", "")
			return nc, nil
		}
		return nil, notFoundMethod(o, lname)
	},
}

// typeArgs returns the generic arguments of a type: those it was parsed
// with, or those its name lists ("List`1[[System.Int32]]").
func typeArgs(t *value.Type) []*value.Type {
	if len(t.Args) > 0 {
		return t.Args
	}
	i := strings.IndexByte(t.Name, '[')
	if i < 0 || !strings.HasSuffix(t.Name, "]") || strings.HasSuffix(t.Name, "[]") {
		return nil
	}
	inner := t.Name[i+1 : len(t.Name)-1]
	var out []*value.Type
	depth, start := 0, 0
	for j := 0; j <= len(inner); j++ {
		if j < len(inner) {
			switch inner[j] {
			case '[':
				depth++
				continue
			case ']':
				depth--
				continue
			case ',':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		name := strings.Trim(strings.TrimSpace(inner[start:j]), "[]")
		if k := strings.IndexByte(name, ','); k >= 0 {
			name = name[:k] // an assembly-qualified name
		}
		out = append(out, &value.Type{Name: name})
		start = j + 1
	}
	return out
}

// typeShortName is Type.Name: the name without namespace or generic
// arguments ("Object[]", "List`1", "Int32").
func typeShortName(n string) string {
	suffix := ""
	if strings.HasSuffix(n, "[]") {
		n, suffix = n[:len(n)-2], "[]"
	}
	if i := strings.IndexByte(n, '['); i > 0 {
		n = n[:i]
		if !strings.Contains(n, "`") {
			n += "`1"
		}
	}
	if i := strings.LastIndexAny(n, ".+"); i >= 0 {
		n = n[i+1:]
	}
	return n + suffix
}
