package cmdlets

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// stringComparer is one of System.StringComparer's comparers
// ([StringComparer]::OrdinalIgnoreCase...).
type stringComparer struct{ mode stringComparison }

// comparerNames are the StringComparer properties, in StringComparison's
// order.
func comparerNames() []string {
	return []string{"CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase"}
}

func (c *stringComparer) name() string { return comparerNames()[c.mode] }

// PSTypeName is the runtime type of the comparer, as .NET's
// StringComparer properties return them.
func (c *stringComparer) PSTypeName() string {
	switch c.mode {
	case cmpOrdinal:
		return "System.OrdinalComparer"
	case cmpOrdinalIgnoreCase:
		return "System.OrdinalIgnoreCaseComparer"
	}
	return "System.CultureAwareComparer"
}

func (c *stringComparer) PSString() string { return c.PSTypeName() }

func (c *stringComparer) psMember(s *Session, name string) (any, bool) { return nil, false }
func (c *stringComparer) psPropertyNames() []string                    { return nil }

func (c *stringComparer) psNotImplemented(name string) string {
	switch strings.ToLower(name) {
	case "equals", "compare", "gethashcode", "gettype", "tostring":
		return ""
	}
	if strings.EqualFold(name, "IsWellKnownOrdinalComparer") || strings.EqualFold(name, "IsWellKnownCultureAwareComparer") {
		return "System.StringComparer"
	}
	return ""
}

func (c *stringComparer) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	switch strings.ToLower(name) {
	case "compare":
		if len(args) != 2 {
			break
		}
		return compareNullable(args[0], args[1], c.mode), nil
	case "equals":
		switch len(args) {
		case 1:
			o, ok := args[0].(*stringComparer)
			return ok && o.mode == c.mode, nil
		case 2:
			if args[0] == nil || args[1] == nil {
				return args[0] == nil && args[1] == nil, nil
			}
			return equalStrings(value.ToString(args[0]), value.ToString(args[1]), c.mode), nil
		}
	case "gethashcode":
		if len(args) == 0 {
			return int(int32(len(c.name()))), nil
		}
		str := value.ToString(argOr(args, 0))
		if c.mode.ignoreCase() {
			str = upperInvariant(str)
		}
		h := fnv.New32a()
		h.Write([]byte(str))
		return int(int32(h.Sum32())), nil
	case "tostring":
		return c.PSString(), nil
	case "gettype":
		return &value.Type{Name: c.PSTypeName()}, nil
	default:
		return nil, notFoundMethod(c, name)
	}
	return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
}

// stringComparerStatics implements [StringComparer]'s static members.
func stringComparerStatics(c *staticCall) (any, error) {
	if !c.call {
		for i, n := range comparerNames() {
			if strings.EqualFold(n, c.name) {
				return &stringComparer{mode: stringComparison(i)}, nil
			}
		}
	}
	return c.notImplemented()
}

// comparerArg returns the StringComparer an argument gives, if it is one.
func comparerArg(v any) (*stringComparer, bool) {
	c, ok := v.(*stringComparer)
	return c, ok
}

// newDictionary is the constructor of Dictionary<TKey,TValue> and
// SortedDictionary<TKey,TValue>: (), (capacity), (comparer), (capacity,
// comparer), (dictionary), (dictionary, comparer).
func (s *Session) newDictionary(t *value.Type, args []any) (any, error) {
	targs := typeArgs(t)
	d := &value.DictType{Base: t.GenericBase(), Key: &value.Type{Name: value.TObject}, Value: &value.Type{Name: value.TObject}, Comparer: "Ordinal"}
	if len(targs) == 2 {
		d.Key, d.Value = targs[0], targs[1]
	}
	if d.Base == value.TSortedDictionary {
		d.Comparer = "CurrentCulture"
	}
	var src *value.Hashtable
	for i, a := range args {
		switch x := a.(type) {
		case *stringComparer:
			if i != len(args)-1 {
				return nil, ctorNotFound(t, len(args))
			}
			d.Comparer = x.name()
		case *value.Hashtable:
			if i != 0 || src != nil {
				return nil, ctorNotFound(t, len(args))
			}
			src = x
		case nil:
			// a null comparer is the default one
			if i != len(args)-1 {
				return nil, ctorNotFound(t, len(args))
			}
		default:
			if !value.IsNumber(x) || i != 0 || d.Base == value.TSortedDictionary {
				if value.IsEnumerable(x) {
					return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("[%s]::new() from a collection of key/value pairs", t.Name)}
				}
				return nil, ctorNotFound(t, len(args))
			}
			n, err := value.ToInt(x)
			if err != nil {
				return nil, argConvErr("capacity", x, ".ctor", value.TInt32, err)
			}
			if n < 0 {
				return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: fmt.Sprintf("capacity ('%d') must be a non-negative value. (Parameter 'capacity')\nActual value was %d.", n, n)}
			}
		}
	}
	if len(args) > 2 {
		return nil, ctorNotFound(t, len(args))
	}
	h := value.NewDictionary(d)
	if src != nil {
		for i, k := range src.Keys() {
			if h.Has(k) {
				return nil, dupKeyErr(k)
			}
			if err := h.Put(k, src.Values()[i]); err != nil {
				return nil, err
			}
		}
	}
	return h, nil
}

// ctorNotFound is PowerShell's error for constructor arguments no overload
// takes.
func ctorNotFound(t *value.Type, n int) error {
	return &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"new\" and the argument count: \"%d\".", n)}
}

// dupKeyErr is Dictionary<TKey,TValue>'s error for adding a key twice.
func dupKeyErr(k any) error {
	return &methodErr{typ: "System.ArgumentException", msg: fmt.Sprintf("An item with the same key has already been added. Key: %s", value.ToString(k))}
}

// hashtableFromArgs is the Hashtable and OrderedDictionary constructor:
// (), (capacity), (comparer), (capacity, comparer), (dictionary),
// (dictionary, comparer). A comparer other than an ignore-case one makes
// string keys case-sensitive.
func hashtableFromArgs(t *value.Type, args []any, ordered bool) (any, error) {
	h := value.NewHashtable()
	h.Ordered = ordered
	var src *value.Hashtable
	for i, a := range args {
		switch x := a.(type) {
		case *stringComparer:
			if i != len(args)-1 {
				return nil, ctorNotFound(t, len(args))
			}
			h.CaseSensitive = !x.mode.ignoreCase()
		case *value.Hashtable:
			if i != 0 || ordered {
				return nil, ctorNotFound(t, len(args))
			}
			src = x
		case nil:
		default:
			if !value.IsNumber(x) || i != 0 {
				return nil, ctorNotFound(t, len(args))
			}
		}
	}
	if len(args) > 2 {
		return nil, ctorNotFound(t, len(args))
	}
	if src != nil {
		for i, k := range src.Keys() {
			if h.Has(k) {
				return nil, hashDupErr(h, k)
			}
			h.Set(k, src.Values()[i])
		}
	}
	return h, nil
}

// hashDupErr is Hashtable.Add's error for a key already there: .NET 8
// names the key in the table and the one being added.
func hashDupErr(h *value.Hashtable, k any) error {
	return &methodErr{typ: "System.ArgumentException", msg: fmt.Sprintf("Item has already been added. Key in dictionary: '%s'  Key being added: '%s'", value.ToString(h.ExistingKey(k)), value.ToString(k))}
}

// dictMethod implements the methods of Dictionary<TKey,TValue> and
// SortedDictionary<TKey,TValue>; ok is false for a method they share with
// Hashtable's implementation.
func dictMethod(h *value.Hashtable, lname, name string, args []any) (any, bool, error) {
	d := h.Dict
	key := func(method string) (any, error) {
		k := argOr(args, 0)
		if k == nil {
			return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'key')"}
		}
		ck, err := d.ConvertKey(k)
		if err != nil {
			return nil, argConvErr("key", k, method, d.Key.Name, err)
		}
		return ck, nil
	}
	want := func(counts ...int) error {
		for _, n := range counts {
			if len(args) == n {
				return nil
			}
		}
		return &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	switch lname {
	case "add", "tryadd":
		if lname == "tryadd" && d.Base == value.TSortedDictionary {
			return nil, true, notFoundMethod(h, name)
		}
		if err := want(2); err != nil {
			return nil, true, err
		}
		k, err := key(name)
		if err != nil {
			return nil, true, err
		}
		v, err := d.ConvertValue(args[1])
		if err != nil {
			return nil, true, argConvErr("value", args[1], name, d.Value.Name, err)
		}
		if h.Has(k) {
			if lname == "tryadd" {
				return false, true, nil
			}
			return nil, true, dupKeyErr(k)
		}
		if err := h.Put(k, v); err != nil {
			return nil, true, err
		}
		if lname == "tryadd" {
			return true, true, nil
		}
		return voidValue{}, true, nil
	case "remove":
		if err := want(1, 2); err != nil {
			return nil, true, err
		}
		if len(args) == 2 && d.Base == value.TSortedDictionary {
			return nil, true, want(1)
		}
		k, err := key(name)
		if err != nil {
			return nil, true, err
		}
		v, had := h.Get(k)
		if len(args) == 2 {
			r, ok := args[1].(*refValue)
			if !ok {
				return nil, true, &methodErr{typ: "NonRefArgument", msg: "Argument: '2' should be a System.Management.Automation.PSReference. Use [ref]."}
			}
			if !had {
				v = zeroOf(d.Value)
			}
			if err := r.set(v); err != nil {
				return nil, true, err
			}
		}
		return h.Delete(k), true, nil
	case "trygetvalue":
		if err := want(2); err != nil {
			return nil, true, err
		}
		k, err := key(name)
		if err != nil {
			return nil, true, err
		}
		r, ok := args[1].(*refValue)
		if !ok {
			return nil, true, &methodErr{typ: "NonRefArgument", msg: "Argument: '2' should be a System.Management.Automation.PSReference. Use [ref]."}
		}
		v, had := h.Get(k)
		if !had {
			v = zeroOf(d.Value)
		}
		return had, true, r.set(v)
	case "containskey":
		if err := want(1); err != nil {
			return nil, true, err
		}
		k, err := key(name)
		if err != nil {
			return nil, true, err
		}
		return h.Has(k), true, nil
	case "containsvalue":
		if err := want(1); err != nil {
			return nil, true, err
		}
		for _, v := range h.Values() {
			if dictValueEqual(v, args[0]) {
				return true, true, nil
			}
		}
		return false, true, nil
	case "get_item", "item":
		k, err := key(name)
		if err != nil {
			return nil, true, err
		}
		v, had := h.Get(k)
		if !had {
			return nil, true, &methodErr{typ: "System.Collections.Generic.KeyNotFoundException", msg: fmt.Sprintf("The given key '%s' was not present in the dictionary.", value.ToString(k))}
		}
		return v, true, nil
	case "set_item":
		if err := want(2); err != nil {
			return nil, true, err
		}
		k, err := key(name)
		if err != nil {
			return nil, true, err
		}
		v, err := d.ConvertValue(args[1])
		if err != nil {
			return nil, true, argConvErr("value", args[1], name, d.Value.Name, err)
		}
		return voidValue{}, true, h.Put(k, v)
	case "getenumerator":
		out := make([]any, h.Len())
		for i, k := range h.Keys() {
			out[i] = keyValuePair(d, k, h.Values()[i])
		}
		return &value.Array{Items: out, Of: h}, true, nil
	case "clear":
		h.Clear()
		return voidValue{}, true, nil
	case "ensurecapacity":
		if d.Base == value.TSortedDictionary {
			return nil, true, notFoundMethod(h, name)
		}
		return h.Len(), true, nil
	case "trimexcess":
		if d.Base == value.TSortedDictionary {
			return nil, true, notFoundMethod(h, name)
		}
		return voidValue{}, true, nil
	case "contains", "clone":
		// explicit interface members and Hashtable's own: not on a
		// generic dictionary
		return nil, true, notFoundMethod(h, name)
	}
	return nil, false, nil
}

// dictValueEqual is EqualityComparer<TValue>.Default: strings ordinal.
func dictValueEqual(a, b any) bool {
	if sa, ok := a.(string); ok {
		sb, ok := b.(string)
		return ok && sa == sb
	}
	return value.Equal(a, b, true)
}

// zeroOf is default(T): 0 of a numeric type, False, or null.
func zeroOf(t *value.Type) any {
	switch t.Name {
	case value.TBool:
		return false
	case value.TChar:
		return rune(0)
	}
	if v, err := value.Convert(0, t); err == nil && value.IsNumber(v) {
		return v
	}
	return nil
}

// keyValuePair is one entry of a generic dictionary.
func keyValuePair(d *value.DictType, k, v any) *value.Object {
	o := value.NewObject(d.PairType())
	o.Set("Key", k)
	o.Set("Value", v)
	o.SetToString(fmt.Sprintf("[%s, %s]", value.ToString(k), value.ToString(v)))
	return o
}

// dictProperty reads a property of a generic dictionary (lname in lower
// case), or false.
func dictProperty(h *value.Hashtable, lname string) (any, bool) {
	switch lname {
	case "comparer":
		if h.Dict.Key.Name == value.TString {
			for i, n := range comparerNames() {
				if n == h.Dict.Comparer {
					return &stringComparer{mode: stringComparison(i)}, true
				}
			}
		}
		return nil, false
	case "issynchronized", "isreadonly", "isfixedsize":
		return nil, false
	}
	return hashProperty(h, lname)
}

// orderedMethod implements OrderedDictionary.Insert(index, key, value) and
// RemoveAt(index).
func orderedMethod(h *value.Hashtable, lname, name string, args []any) (any, error) {
	n := 1
	if lname == "insert" {
		n = 3
	}
	if len(args) != n {
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	i, err := value.ToInt(args[0])
	if err != nil {
		return nil, argConvErr("index", args[0], name, value.TInt32, err)
	}
	if lname == "removeat" {
		if i < 0 || i >= h.Len() {
			return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')"}
		}
		h.Delete(h.Keys()[i])
		return voidValue{}, nil
	}
	if i < 0 || i > h.Len() {
		return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: fmt.Sprintf("Specified argument was out of the range of valid values. (Parameter 'index')\nActual value was %d.", i)}
	}
	k := args[1]
	if k == nil {
		return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'key')"}
	}
	if h.Has(k) {
		return nil, hashDupErr(h, k)
	}
	h.InsertAt(i, k, args[2])
	return voidValue{}, nil
}

// coreLibQualifier is the assembly that .NET 8's Type.FullName names for
// the generic arguments defined in System.Private.CoreLib.
const coreLibQualifier = ", System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e"

// qualifiedTypeName is Type.FullName of a type csemu names with bare
// generic arguments: each argument of System.Private.CoreLib gets its
// assembly ("List`1[[System.Int32, System.Private.CoreLib, ...]]").
func qualifiedTypeName(n string) string {
	i := strings.Index(n, "[[")
	if i < 0 || !strings.HasSuffix(n, "]]") {
		return n
	}
	args := typeArgs(&value.Type{Name: n})
	if len(args) == 0 {
		return n
	}
	parts := make([]string, len(args))
	for j, a := range args {
		if strings.Contains(a.Name, "[") && !strings.Contains(a.Name, "[[") {
			return n // a nested generic name csemu keeps in PowerShell's form
		}
		q := qualifiedTypeName(a.Name)
		if inCoreLib(a.Name) {
			q += coreLibQualifier
		}
		parts[j] = "[" + q + "]"
	}
	return n[:i] + "[" + strings.Join(parts, ",") + "]"
}

// inCoreLib reports whether a type is one of System.Private.CoreLib's:
// the System namespace's own types and its collections.
func inCoreLib(n string) bool {
	if i := strings.IndexByte(n, '['); i >= 0 {
		n = n[:i]
	}
	if !strings.HasPrefix(n, "System.") {
		return false
	}
	rest := n[len("System."):]
	return !strings.Contains(rest, ".") || strings.HasPrefix(rest, "Collections.Generic.") || strings.HasPrefix(rest, "Collections.")
}

// fillCollection applies the constructor arguments of List<T>, HashSet<T>,
// Queue<T> and Stack<T>: (), (capacity), (collection), and for a HashSet
// (comparer), (collection, comparer), (capacity, comparer). Items are
// converted to the element type; a HashSet drops duplicates.
func (s *Session) fillCollection(t *value.Type, a *value.Array, args []any) (any, error) {
	var src []any
	for i, arg := range args {
		switch x := arg.(type) {
		case *stringComparer:
			if a.Kind != "set" || i != len(args)-1 {
				return nil, ctorNotFound(t, len(args))
			}
			a.IgnoreCase = x.mode.ignoreCase()
		case nil:
			if a.Kind != "set" || i != len(args)-1 {
				return nil, ctorNotFound(t, len(args))
			}
		default:
			if i != 0 {
				return nil, ctorNotFound(t, len(args))
			}
			if value.IsNumber(x) {
				n, err := value.ToInt(x)
				if err != nil {
					return nil, argConvErr("capacity", x, ".ctor", value.TInt32, err)
				}
				if n < 0 {
					return nil, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: fmt.Sprintf("capacity ('%d') must be a non-negative value. (Parameter 'capacity')\nActual value was %d.", n, n)}
				}
				continue
			}
			if _, isStr := x.(string); isStr || !value.IsEnumerable(x) {
				return nil, ctorNotFound(t, len(args))
			}
			src = value.AsSlice(x)
		}
	}
	if len(args) > 2 {
		return nil, ctorNotFound(t, len(args))
	}
	for _, it := range src {
		v, err := s.elemArg(a, it, "new")
		if err != nil {
			return nil, err
		}
		if a.Kind == "set" && a.SetHas(v) {
			continue
		}
		a.Items = append(a.Items, v)
	}
	return a, nil
}

// objectStatics implements [object]'s static methods: ReferenceEquals for
// the values csemu holds by reference (arrays, collections, objects) and
// Equals(a, b).
func objectStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "referenceequals":
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		a, b := c.args[0], c.args[1]
		if a == nil || b == nil {
			return a == nil && b == nil, nil
		}
		pa, oka := referenceOf(a)
		pb, okb := referenceOf(b)
		if !oka || !okb {
			if oka != okb {
				return false, nil
			}
			return nil, &methodErr{typ: "NotImplemented", msg: "[object]::ReferenceEquals() of two " + value.TypeName(a) + " values (csemu does not track their identity)"}
		}
		return pa == pb, nil
	case "equals":
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		a, b := c.args[0], c.args[1]
		if a == nil || b == nil {
			return a == nil && b == nil, nil
		}
		if pa, ok := referenceOf(a); ok {
			pb, _ := referenceOf(b)
			return pa == pb, nil
		}
		return value.TypeName(a) == value.TypeName(b) && value.Equal(a, b, true), nil
	}
	return c.notImplemented()
}

// referenceOf returns the identity of a value csemu holds by reference.
func referenceOf(v any) (any, bool) {
	switch x := v.(type) {
	case *value.Array, *value.Hashtable, *value.Object, *ScriptBlock, *stringBuilder:
		return x, true
	}
	return nil, false
}

// setOperation implements HashSet<T>'s set methods, with the other
// collection's items converted to T as the method binder converts the
// IEnumerable<T> argument.
func (s *Session) setOperation(a *value.Array, lname, name string, args []any) (any, error) {
	if len(args) != 1 {
		return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	if args[0] == nil {
		return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'other')"}
	}
	other := &value.Array{Kind: "set", IgnoreCase: a.IgnoreCase, Elem: a.Elem}
	for _, it := range value.AsSlice(args[0]) {
		v, err := s.elemArg(a, it, name)
		if err != nil {
			return nil, err
		}
		if !other.SetHas(v) {
			other.Items = append(other.Items, v)
		}
	}
	subset := func(x, y *value.Array) bool {
		for _, it := range x.Items {
			if !y.SetHas(it) {
				return false
			}
		}
		return true
	}
	switch lname {
	case "unionwith":
		for _, it := range other.Items {
			if !a.SetHas(it) {
				a.Items = append(a.Items, it)
			}
		}
	case "intersectwith":
		kept := a.Items[:0]
		for _, it := range a.Items {
			if other.SetHas(it) {
				kept = append(kept, it)
			}
		}
		a.Items = kept
	case "exceptwith":
		kept := a.Items[:0]
		for _, it := range a.Items {
			if !other.SetHas(it) {
				kept = append(kept, it)
			}
		}
		a.Items = kept
	case "symmetricexceptwith":
		var add []any
		for _, it := range other.Items {
			if i := a.SetIndex(it); i >= 0 {
				a.Items = append(a.Items[:i], a.Items[i+1:]...)
			} else {
				add = append(add, it)
			}
		}
		a.Items = append(a.Items, add...)
	case "issubsetof":
		return subset(a, other), nil
	case "issupersetof":
		return subset(other, a), nil
	case "ispropersubsetof":
		return subset(a, other) && len(other.Items) > len(a.Items), nil
	case "ispropersupersetof":
		return subset(other, a) && len(a.Items) > len(other.Items), nil
	case "overlaps":
		for _, it := range other.Items {
			if a.SetHas(it) {
				return true, nil
			}
		}
		return false, nil
	case "setequals":
		return subset(a, other) && subset(other, a), nil
	}
	a.Version++
	return voidValue{}, nil
}

// sortWith is Sort(IComparer) or Sort(Comparison<T>) of a list or array: a
// [StringComparer] compares the items as strings, a script block (which
// PowerShell converts to the Comparison delegate) is called with the two
// items and returns their order; $null is the default comparer.
func (s *Session) sortWith(fr frame, items []any, by any, method string) error {
	switch x := by.(type) {
	case nil:
		return sortDefault(items)
	case *stringComparer:
		value.IntroSort(items, func(a, b any) int { return sign(compareNullable(a, b, x.mode)) })
		return nil
	case *ScriptBlock:
		var serr error
		value.IntroSort(items, func(a, b any) int {
			if serr != nil {
				return 0
			}
			r, err := s.invokeScriptBlockValue(fr, x, nil, []any{a, b}, false)
			if err != nil {
				serr = err
				return 0
			}
			n, err := value.ToInt(value.Unwrap(value.AsSlice(r)))
			if err != nil {
				serr = &methodErr{typ: "System.Management.Automation.PSInvalidCastException", msg: err.Error()}
				return 0
			}
			return n
		})
		return serr
	}
	return &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("%s() with a %s comparer", method, value.TypeName(by))}
}

// listMethod implements the List<T> and ArrayList methods that take a
// predicate (a script block, which PowerShell converts to the Predicate
// delegate and calls with the item) or a range; ok is false for the
// others.
func (s *Session) listMethod(fr frame, a *value.Array, lname, name string, args []any) (any, bool, error) {
	countErr := func() error {
		return &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
	}
	generic := a.Elem != ""
	switch lname {
	case "find", "findall", "findindex", "findlast", "findlastindex", "exists", "trueforall", "removeall":
		if !generic {
			return nil, false, nil // ArrayList has none of them
		}
		if len(args) != 1 {
			if lname == "findindex" || lname == "findlastindex" {
				return nil, true, &methodErr{typ: "NotImplemented", msg: name + "() of a range"}
			}
			return nil, true, countErr()
		}
		sb, isBlock := args[0].(*ScriptBlock)
		if !isBlock {
			if args[0] == nil {
				return nil, true, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'match')"}
			}
			return nil, true, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("%s() with a %s predicate", name, value.TypeName(args[0]))}
		}
		test := func(it any) (bool, error) {
			r, err := s.invokeScriptBlockValue(fr, sb, nil, []any{it}, false)
			if err != nil {
				return false, err
			}
			return value.ToBool(r), nil
		}
		if lname == "removeall" {
			kept := a.Items[:0]
			removed := 0
			for _, it := range a.Items {
				ok, err := test(it)
				if err != nil {
					return nil, true, err
				}
				if ok {
					removed++
					continue
				}
				kept = append(kept, it)
			}
			a.Items = kept
			a.Version++
			return removed, true, nil
		}
		var found []any
		first, last := -1, -1
		for i, it := range a.Items {
			ok, err := test(it)
			if err != nil {
				return nil, true, err
			}
			if ok {
				if first < 0 {
					first = i
				}
				last = i
				found = append(found, it)
				if lname == "find" || lname == "findindex" || lname == "exists" {
					break
				}
			} else if lname == "trueforall" {
				return false, true, nil
			}
		}
		switch lname {
		case "find":
			if first < 0 {
				return zeroOf(&value.Type{Name: a.Elem}), true, nil
			}
			return a.Items[first], true, nil
		case "findlast":
			if last < 0 {
				return zeroOf(&value.Type{Name: a.Elem}), true, nil
			}
			return a.Items[last], true, nil
		case "findindex":
			return first, true, nil
		case "findlastindex":
			return last, true, nil
		case "exists":
			return first >= 0, true, nil
		case "trueforall":
			return true, true, nil
		case "findall":
			return &value.Array{Items: found, List: true, Elem: a.Elem}, true, nil
		}
		return nil, true, nil
	case "getrange", "removerange":
		if len(args) != 2 {
			return nil, true, countErr()
		}
		i, err1 := value.ToInt(args[0])
		n, err2 := value.ToInt(args[1])
		if err := firstErr(err1, err2); err != nil {
			return nil, true, argConvErr("index", args[0], name, value.TInt32, err)
		}
		switch {
		case i < 0:
			return nil, true, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Non-negative number required. (Parameter 'index')"}
		case n < 0:
			return nil, true, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Non-negative number required. (Parameter 'count')"}
		case len(a.Items)-i < n:
			return nil, true, &methodErr{typ: "System.ArgumentException", msg: "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection."}
		}
		if lname == "getrange" {
			return &value.Array{Items: append([]any(nil), a.Items[i:i+n]...), List: true, Elem: a.Elem}, true, nil
		}
		a.Items = append(a.Items[:i], a.Items[i+n:]...)
		a.Version++
		return voidValue{}, true, nil
	case "insertrange":
		if len(args) != 2 {
			return nil, true, countErr()
		}
		i, err := value.ToInt(args[0])
		if err != nil {
			return nil, true, argConvErr("index", args[0], name, value.TInt32, err)
		}
		if i < 0 || i > len(a.Items) {
			return nil, true, &methodErr{typ: "System.ArgumentOutOfRangeException", msg: "Index must be within the bounds of the List. (Parameter 'index')"}
		}
		if args[1] == nil {
			return nil, true, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'collection')"}
		}
		var add []any
		for _, it := range value.AsSlice(args[1]) {
			v, err := s.elemArg(a, it, name)
			if err != nil {
				return nil, true, err
			}
			add = append(add, v)
		}
		a.Items = append(a.Items[:i], append(add, a.Items[i:]...)...)
		a.Version++
		return voidValue{}, true, nil
	case "lastindexof":
		if len(args) != 1 {
			return nil, true, &methodErr{typ: "NotImplemented", msg: name + "() of a range"}
		}
		for i := len(a.Items) - 1; i >= 0; i-- {
			if value.ItemEqual(a.Items[i], args[0], false) || !isStringItem(a.Items[i]) && value.Equal(a.Items[i], args[0], true) {
				return i, true, nil
			}
		}
		return -1, true, nil
	case "binarysearch":
		if len(args) != 1 {
			return nil, true, &methodErr{typ: "NotImplemented", msg: name + "() with a comparer or a range"}
		}
		col := value.NewCollation()
		lo, hi := 0, len(a.Items)-1
		for lo <= hi {
			mid := lo + (hi-lo)/2
			c, err := value.CompareWith(a.Items[mid], args[0], true, col)
			if err != nil {
				return nil, true, &methodErr{typ: "System.InvalidOperationException", msg: "Failed to compare two elements in the array."}
			}
			switch {
			case c == 0:
				return mid, true, nil
			case c < 0:
				lo = mid + 1
			default:
				hi = mid - 1
			}
		}
		return ^lo, true, nil
	case "trimexcess", "trimtosize":
		if (lname == "trimexcess") != generic {
			return nil, false, nil
		}
		return voidValue{}, true, nil
	}
	return nil, false, nil
}

// isStringItem reports whether v is a string.
func isStringItem(v any) bool {
	_, ok := v.(string)
	return ok
}
