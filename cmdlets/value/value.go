// Package value holds the PowerShell value model: the Go types that stand for
// PowerShell values and the conversions between them.
//
// A value is a Go any holding one of:
//
//	nil             $null
//	bool            [bool]
//	int             [int] (Int32 range)
//	int64           [long]
//	float64         [double]
//	Decimal         [decimal]
//	int8 uint8 int16 uint16 uint32 uint64 float32 *big.Int
//	                the other numeric types (see numeric.go)
//	string          [string]
//	rune            [char]
//	*Array          [object[]] and List[T]
//	*Hashtable      [hashtable] and [ordered]
//	*Object         [pscustomobject] and emulated .NET objects
//	time.Time       [datetime]
//	time.Duration   [timespan]
//	Guid            [guid]
//	*Type           a type literal such as [string]
//	anything else the engine defines (script blocks, error records), which
//	implements [Formatter] or fmt.Stringer.
package value

import (
	"strings"
)

// Guid stands for System.Guid, kept in its canonical lower-case text form.
type Guid string

// Formatter lets an engine type give its PowerShell string form.
type Formatter interface {
	PSString() string
}

// Numberer lets an engine type convert to a number (enum values).
type Numberer interface {
	PSNumber() any
}

// TypeNamer lets an engine type name its .NET type.
type TypeNamer interface {
	PSTypeName() string
}

// TypeLister lets an engine type list its .NET type and the types it
// derives from, most specific first (for -is).
type TypeLister interface {
	PSTypeNames() []string
}

// Array is a PowerShell array ([object[]]) or a generic list. It has
// reference semantics, as in .NET.
type Array struct {
	Items []any
	// List is true for growable lists (List[T], ArrayList), which have Add.
	List bool
	// Elem names the element type for typed arrays and lists ("string"), or "".
	Elem string
	// Kind is "set", "queue" or "stack" for those collections, else "".
	Kind string
	// IgnoreCase marks a HashSet whose string comparer ignores case (one
	// made with [StringComparer]::OrdinalIgnoreCase...); others compare
	// strings ordinally.
	IgnoreCase bool
	// Version counts the changes made to a collection's items through its
	// methods and indexer, as .NET collections count them: an enumeration
	// of a list fails when its list changes.
	Version int
	// Of is the hashtable whose keys or values the array holds (its Keys
	// or Values, or its GetEnumerator()): their enumeration fails when the
	// hashtable changes.
	Of *Hashtable
}

// NewArray returns an object[] holding items.
func NewArray(items ...any) *Array { return &Array{Items: items} }

// Len returns the number of items.
func (a *Array) Len() int { return len(a.Items) }

// Hashtable is a PowerShell hashtable. Keys compare case-insensitively when
// they are strings. Insertion order is kept for every hashtable; Ordered
// records whether it was created with [ordered].
type Hashtable struct {
	keys    []any
	vals    []any
	index   map[string]int
	Ordered bool
	// CaseSensitive marks a hashtable whose string keys differ by case
	// (ConvertFrom-Json -AsHashtable's); set it before adding keys.
	CaseSensitive bool
	// Dict, when set, makes the hashtable a typed .NET dictionary (see
	// [DictType]).
	Dict *DictType
	// slots are, for a Dictionary<TKey,TValue>, the entry slot of each key
	// (ascending, as the keys are in slot order); free holds the slots of
	// removed entries, the last freed first reused, and nextSlot the first
	// slot never used: .NET's Dictionary enumerates its entries array, and
	// an entry added after a removal takes the removed one's place.
	slots, free []int
	nextSlot    int
	// version counts the changes (see Array.Version).
	version int
}

// Version is the number of changes made to the hashtable.
func (h *Hashtable) Version() int { return h.version }

// NewHashtable returns an empty hashtable.
func NewHashtable() *Hashtable { return &Hashtable{index: map[string]int{}} }

// KeyOf folds a key to the form used for lookup.
func KeyOf(k any) string {
	switch k := k.(type) {
	case string:
		return "s" + strings.ToLower(k)
	case nil:
		return "n"
	case int, int64, float64, Decimal, int8, uint8, int16, uint16, uint32, uint64, float32:
		f, _ := toFloat(k)
		return "d" + FormatFloat(f)
	default:
		return "o" + ToString(k)
	}
}

// keyOf is KeyOf, or for a case-sensitive hashtable the string key as it is.
func (h *Hashtable) keyOf(k any) string {
	if s, ok := k.(string); ok && h.CaseSensitive {
		return "c" + s
	}
	return KeyOf(k)
}

// Set sets key k to v, keeping the position of an existing key.
func (h *Hashtable) Set(k, v any) {
	if h.index == nil {
		h.index = map[string]int{}
	}
	kk := h.keyOf(k)
	h.version++
	if i, ok := h.index[kk]; ok {
		h.vals[i] = v
		return
	}
	if h.tracksSlots() {
		h.insertInSlot(kk, k, v)
		return
	}
	h.index[kk] = len(h.keys)
	h.keys = append(h.keys, k)
	h.vals = append(h.vals, v)
}

// Get returns the value of key k.
func (h *Hashtable) Get(k any) (any, bool) {
	if h == nil || h.index == nil {
		return nil, false
	}
	i, ok := h.index[h.keyOf(k)]
	if !ok {
		return nil, false
	}
	return h.vals[i], true
}

// Has reports whether key k is present.
func (h *Hashtable) Has(k any) bool { _, ok := h.Get(k); return ok }

// Delete removes key k; it reports whether it was present.
func (h *Hashtable) Delete(k any) bool {
	if h == nil || h.index == nil {
		return false
	}
	kk := h.keyOf(k)
	i, ok := h.index[kk]
	if !ok {
		return false
	}
	h.version++
	if h.tracksSlots() {
		h.free = append(h.free, h.slots[i])
		h.slots = append(h.slots[:i], h.slots[i+1:]...)
	}
	h.keys = append(h.keys[:i], h.keys[i+1:]...)
	h.vals = append(h.vals[:i], h.vals[i+1:]...)
	delete(h.index, kk)
	for j := i; j < len(h.keys); j++ {
		h.index[h.keyOf(h.keys[j])] = j
	}
	return true
}

// Len returns the number of entries.
func (h *Hashtable) Len() int {
	if h == nil {
		return 0
	}
	return len(h.keys)
}

// Keys returns the keys in order. The slice must not be changed.
func (h *Hashtable) Keys() []any { return h.keys }

// Values returns the values in key order. The slice must not be changed.
func (h *Hashtable) Values() []any { return h.vals }

// Clear removes every entry.
func (h *Hashtable) Clear() {
	h.version++
	h.keys, h.vals = nil, nil
	h.slots, h.free, h.nextSlot = nil, nil, 0
	h.index = map[string]int{}
}

// Clone returns a shallow copy.
func (h *Hashtable) Clone() *Hashtable {
	c := &Hashtable{
		keys:    append([]any(nil), h.keys...),
		vals:    append([]any(nil), h.vals...),
		index:   make(map[string]int, len(h.keys)),
		Ordered: h.Ordered,

		CaseSensitive: h.CaseSensitive,
		Dict:          h.Dict,
		slots:         append([]int(nil), h.slots...),
		free:          append([]int(nil), h.free...),
		nextSlot:      h.nextSlot,
	}
	for k, v := range h.index {
		c.index[k] = v
	}
	return c
}

// Property is one member of an [Object].
type Property struct {
	Name  string
	Value any
	// Getter, when set, computes the value (a script or alias property).
	Getter func() any
}

// Get returns the property's current value.
func (p *Property) Get() any {
	if p.Getter != nil {
		return p.Getter()
	}
	return p.Value
}

// Object is a PowerShell object with ordered, case-insensitive properties:
// a [pscustomobject] or an emulated .NET object.
type Object struct {
	// TypeNames lists the type names, most specific first, as in
	// PSObject.TypeNames.
	TypeNames []string
	props     []*Property
	index     map[string]int
	// DefaultDisplay, when set, lists the properties the default view shows.
	DefaultDisplay []string
	// View, when set, gives the text of the object's custom format view,
	// which Out-Default shows instead of its properties (as pwsh shows a
	// MatchInfo of Select-String).
	View func() string
	// str, when set, is what ToString() gives for a .NET object whose
	// text is not one of its properties (a DomainPattern's "Domain=x").
	// It is not a property: Get-Member, Format-List * and the JSON and
	// CSV writers do not see it.
	str *Property
	// names, once made, is the object's PSTypeNames list: TypeNames with
	// the names a script put before them ($o.PSTypeNames.Insert(0, 'X'),
	// Add-Member -TypeName, a PSTypeName key). TypeNames stays the .NET
	// type, which GetType() and -is read.
	names *Array
}

// PSTypeNames returns the object's PSTypeNames list, the same list each
// time, so that a script's changes to it stay.
func (o *Object) PSTypeNames() *Array {
	if o.names == nil {
		items := make([]any, len(o.TypeNames))
		for i, t := range o.TypeNames {
			items[i] = t
		}
		o.names = &Array{Items: items, List: true, Elem: TString}
	}
	return o.names
}

// AddTypeName puts a type name first in the object's PSTypeNames.
func (o *Object) AddTypeName(name string) {
	a := o.PSTypeNames()
	a.Items = append([]any{name}, a.Items...)
}

// FirstTypeName is PSTypeNames[0]: the name Get-Member shows and format
// views are chosen by.
func (o *Object) FirstTypeName() string {
	if o.names != nil && len(o.names.Items) > 0 {
		return ToString(o.names.Items[0])
	}
	return o.TypeName()
}

// SetToString sets what o's ToString() gives.
func (o *Object) SetToString(v any) { o.str = &Property{Name: "ToString", Value: v} }

// SetToStringGetter sets a function that computes what o's ToString() gives.
func (o *Object) SetToStringGetter(get func() any) {
	o.str = &Property{Name: "ToString", Getter: get}
}

// ToStringValue returns what SetToString set, and whether it was set.
func (o *Object) ToStringValue() (any, bool) {
	if o == nil || o.str == nil {
		return nil, false
	}
	return o.str.Get(), true
}

// PSCustomObjectType is the type name of a [pscustomobject].
const PSCustomObjectType = "System.Management.Automation.PSCustomObject"

// NewObject returns an empty object with the given type names; with none it
// is a PSCustomObject.
func NewObject(typeNames ...string) *Object {
	if len(typeNames) == 0 {
		typeNames = []string{PSCustomObjectType, "System.Object"}
	}
	return &Object{TypeNames: typeNames}
}

// NewObjectOf returns an object with the given type names and the
// properties names (distinct) with values, in order, allocated together.
func NewObjectOf(typeNames []string, names []string, values []any) *Object {
	props := make([]Property, len(names))
	ptrs := make([]*Property, len(names))
	for i, n := range names {
		props[i] = Property{Name: n, Value: values[i]}
		ptrs[i] = &props[i]
	}
	o := &Object{TypeNames: typeNames, props: ptrs}
	if len(ptrs) > indexFrom {
		o.reindex()
	}
	return o
}

// TypeName returns the most specific type name.
func (o *Object) TypeName() string {
	if len(o.TypeNames) == 0 {
		return PSCustomObjectType
	}
	return o.TypeNames[0]
}

// IsCustom reports whether o is a plain PSCustomObject.
func (o *Object) IsCustom() bool { return o.TypeName() == PSCustomObjectType }

// indexFrom is the number of properties from which an object looks
// properties up in a map; smaller objects (most) compare names in turn,
// which costs less than building and hashing lower-case keys.
const indexFrom = 16

// find returns the position of property name, or -1.
func (o *Object) find(name string) int {
	if o.index != nil {
		if i, ok := o.index[strings.ToLower(name)]; ok {
			return i
		}
		return -1
	}
	for i, p := range o.props {
		if len(p.Name) == len(name) && strings.EqualFold(p.Name, name) {
			return i
		}
	}
	return -1
}

// add appends a property, indexing the object once it is large.
func (o *Object) add(p *Property) {
	o.props = append(o.props, p)
	switch {
	case o.index != nil:
		o.index[strings.ToLower(p.Name)] = len(o.props) - 1
	case len(o.props) > indexFrom:
		o.reindex()
	}
}

func (o *Object) reindex() {
	o.index = make(map[string]int, len(o.props))
	for i, p := range o.props {
		o.index[strings.ToLower(p.Name)] = i
	}
}

// Set sets or adds property name.
func (o *Object) Set(name string, v any) {
	if i := o.find(name); i >= 0 {
		o.props[i].Value = v
		o.props[i].Getter = nil
		return
	}
	o.add(&Property{Name: name, Value: v})
}

// AddGetter adds a computed property.
func (o *Object) AddGetter(name string, get func() any) {
	if i := o.find(name); i >= 0 {
		o.props[i].Getter = get
		return
	}
	o.add(&Property{Name: name, Getter: get})
}

// Prop returns property name.
func (o *Object) Prop(name string) (*Property, bool) {
	if o == nil {
		return nil, false
	}
	i := o.find(name)
	if i < 0 {
		return nil, false
	}
	return o.props[i], true
}

// Get returns the value of property name.
func (o *Object) Get(name string) (any, bool) {
	p, ok := o.Prop(name)
	if !ok {
		return nil, false
	}
	return p.Get(), true
}

// Remove deletes property name.
func (o *Object) Remove(name string) bool {
	i := o.find(name)
	if i < 0 {
		return false
	}
	o.props = append(o.props[:i], o.props[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
	return true
}

// Props returns the properties in order. The slice must not be changed.
func (o *Object) Props() []*Property {
	if o == nil {
		return nil
	}
	return o.props
}

// Names returns the property names in order.
func (o *Object) Names() []string {
	out := make([]string, len(o.props))
	for i, p := range o.props {
		out[i] = p.Name
	}
	return out
}

// Copy returns a shallow copy of o (PSObject.Copy()).
func (o *Object) Copy() *Object {
	c := &Object{TypeNames: append([]string(nil), o.TypeNames...)}
	c.DefaultDisplay = o.DefaultDisplay
	c.View = o.View
	c.str = o.str
	if o.names != nil {
		c.names = &Array{Items: append([]any(nil), o.names.Items...), List: true, Elem: TString}
	}
	for _, p := range o.props {
		cp := *p
		c.props = append(c.props, &cp)
	}
	if o.index != nil {
		c.reindex()
	}
	return c
}

// FromHashtable makes a PSCustomObject from a hashtable, keeping key order.
//
// A PSTypeName key with a string value is no property: its value goes first
// in the object's PSTypeNames (LanguagePrimitives' hashtable conversion).
func FromHashtable(h *Hashtable) *Object {
	o := NewObject()
	for i, k := range h.keys {
		if ks, ok := k.(string); ok && strings.EqualFold(ks, "PSTypeName") {
			if tn, ok := h.vals[i].(string); ok {
				o.AddTypeName(tn)
				continue
			}
		}
		o.Set(ToString(k), h.vals[i])
	}
	return o
}

// Type is a type literal value such as [string] or [System.Math].
type Type struct {
	// Name is the canonical full name ("System.String").
	Name string
	// Elem is the element type of an array type ("System.String" for [string[]]).
	Elem *Type
	// Args holds generic arguments (List[string]).
	Args []*Type
}

// PSString gives the type's string form, as [string][int] does.
func (t *Type) PSString() string { return t.Name }

// SetHas reports whether a HashSet holds v: EqualityComparer<T>.Default
// (strings ordinal), or ignoring case when the set's comparer does.
func (a *Array) SetHas(v any) bool {
	return a.SetIndex(v) >= 0
}

// SetIndex returns the position of v in a HashSet, or -1.
func (a *Array) SetIndex(v any) int {
	for i, it := range a.Items {
		if ItemEqual(it, v, a.IgnoreCase) {
			return i
		}
	}
	return -1
}

// ItemEqual is the equality of .NET's collections (EqualityComparer<T>.Default):
// strings compare ordinally (ignoring case when ignoreCase is set), other
// values as PowerShell's -ceq does.
func ItemEqual(a, b any, ignoreCase bool) bool {
	if sa, ok := a.(string); ok {
		sb, ok := b.(string)
		if !ok {
			return false
		}
		if ignoreCase {
			return strings.EqualFold(sa, sb)
		}
		return sa == sb
	}
	return Equal(a, b, true)
}
