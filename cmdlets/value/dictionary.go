package value

import (
	"fmt"
	"sort"
)

// The generic dictionaries csemu models on a [Hashtable].
const (
	TSortedDictionary = "System.Collections.Generic.SortedDictionary"
	TKeyValuePair     = "System.Collections.Generic.KeyValuePair"
	// TCollection is System.Collections.ObjectModel.Collection`1, which
	// csemu models as a list of Kind "collection".
	TCollection = "System.Collections.ObjectModel.Collection"
)

// DictType makes a [Hashtable] a typed .NET dictionary
// (System.Collections.Generic.Dictionary`2 or SortedDictionary`2): keys and
// values are converted to their types when stored, string keys compare
// with the dictionary's comparer (EqualityComparer<string>.Default, that
// is ordinal and case-sensitive, unless one is given), and a
// SortedDictionary keeps its keys in the order of its comparer
// (Comparer<TKey>.Default: strings by the current culture).
type DictType struct {
	// Base is the generic type's name without arguments (TDictionary or
	// TSortedDictionary).
	Base       string
	Key, Value *Type
	// Comparer names the StringComparer of string keys: "Ordinal" (the
	// default), "OrdinalIgnoreCase", "InvariantCulture",
	// "InvariantCultureIgnoreCase", "CurrentCulture",
	// "CurrentCultureIgnoreCase".
	Comparer string
}

// Name is the dictionary's type name with its arguments, as csemu writes
// generic type names ("System.Collections.Generic.Dictionary`2[[System.String],[System.Int32]]").
func (d *DictType) Name() string {
	return d.Base + "`2[[" + d.Key.Name + "],[" + d.Value.Name + "]]"
}

// PairType is the type name of the dictionary's entries
// (KeyValuePair`2[[TKey],[TValue]]).
func (d *DictType) PairType() string {
	return TKeyValuePair + "`2[[" + d.Key.Name + "],[" + d.Value.Name + "]]"
}

// ignoreCase reports whether the comparer ignores case.
func (d *DictType) ignoreCase() bool {
	switch d.Comparer {
	case "OrdinalIgnoreCase", "InvariantCultureIgnoreCase", "CurrentCultureIgnoreCase":
		return true
	}
	return false
}

// NewDictionary returns an empty typed dictionary.
func NewDictionary(d *DictType) *Hashtable {
	h := NewHashtable()
	h.Dict = d
	h.Ordered = true
	h.CaseSensitive = !d.ignoreCase()
	return h
}

// ConvertKey converts a key to the dictionary's key type (the conversion
// PowerShell's method binder applies to the argument).
func (d *DictType) ConvertKey(k any) (any, error) {
	if k == nil {
		return nil, &RuntimeError{Type: "System.ArgumentNullException", Msg: "Value cannot be null. (Parameter 'key')"}
	}
	return Convert(k, d.Key)
}

// ConvertValue converts a value to the dictionary's value type.
func (d *DictType) ConvertValue(v any) (any, error) {
	return Convert(v, d.Value)
}

// Put stores v under k: for a typed dictionary both are converted first
// (a value that does not convert fails as the conversion does); a
// SortedDictionary keeps its keys in order.
func (h *Hashtable) Put(k, v any) error {
	if h.Dict == nil {
		h.Set(k, v)
		return nil
	}
	ck, err := h.Dict.ConvertKey(k)
	if err != nil {
		return err
	}
	cv, err := h.Dict.ConvertValue(v)
	if err != nil {
		return err
	}
	_, had := h.Get(ck)
	h.Set(ck, cv)
	if !had && h.Dict.Base == TSortedDictionary {
		h.sortKeys()
	}
	return nil
}

// Lookup reads key k; a typed dictionary converts the key first (a key
// that does not convert is not there).
func (h *Hashtable) Lookup(k any) (any, bool) {
	if h == nil {
		return nil, false
	}
	if h.Dict != nil && k != nil {
		ck, err := h.Dict.ConvertKey(k)
		if err != nil {
			return nil, false
		}
		k = ck
	}
	return h.Get(k)
}

// ExistingKey returns the key stored for k (which may differ in case), or
// nil.
func (h *Hashtable) ExistingKey(k any) any {
	if h == nil || h.index == nil {
		return nil
	}
	if i, ok := h.index[h.keyOf(k)]; ok {
		return h.keys[i]
	}
	return nil
}

// sortKeys orders the entries by key as Comparer<TKey>.Default does.
func (h *Hashtable) sortKeys() {
	col := NewCollation()
	idx := make([]int, len(h.keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		c, err := CompareWith(h.keys[idx[i]], h.keys[idx[j]], true, col)
		if err != nil {
			return CompareOrdinal(fmt.Sprint(h.keys[idx[i]]), fmt.Sprint(h.keys[idx[j]])) < 0
		}
		if c == 0 {
			if a, ok := h.keys[idx[i]].(string); ok {
				return CompareOrdinal(a, ToString(h.keys[idx[j]])) < 0
			}
		}
		return c < 0
	})
	keys := make([]any, len(idx))
	vals := make([]any, len(idx))
	for i, j := range idx {
		keys[i], vals[i] = h.keys[j], h.vals[j]
	}
	h.keys, h.vals = keys, vals
	for i, k := range h.keys {
		h.index[h.keyOf(k)] = i
	}
}

// InsertAt adds key k with value v at position i (OrderedDictionary.Insert);
// the caller checks that k is new and i in 0..Len().
func (h *Hashtable) InsertAt(i int, k, v any) {
	if h.index == nil {
		h.index = map[string]int{}
	}
	h.version++
	h.keys = append(h.keys[:i], append([]any{k}, h.keys[i:]...)...)
	h.vals = append(h.vals[:i], append([]any{v}, h.vals[i:]...)...)
	for j := i; j < len(h.keys); j++ {
		h.index[h.keyOf(h.keys[j])] = j
	}
}

// tracksSlots reports whether the hashtable keeps .NET's entry slots (a
// Dictionary<TKey,TValue>).
func (h *Hashtable) tracksSlots() bool { return h.Dict != nil && h.Dict.Base == TDictionary }

// insertInSlot adds a new key in the slot .NET's Dictionary gives it: the
// last one freed, else the next unused one; the keys stay in slot order.
func (h *Hashtable) insertInSlot(kk string, k, v any) {
	slot := h.nextSlot
	if n := len(h.free); n > 0 {
		slot = h.free[n-1]
		h.free = h.free[:n-1]
	} else {
		h.nextSlot++
	}
	pos := sort.SearchInts(h.slots, slot)
	h.slots = append(h.slots[:pos], append([]int{slot}, h.slots[pos:]...)...)
	h.keys = append(h.keys[:pos], append([]any{k}, h.keys[pos:]...)...)
	h.vals = append(h.vals[:pos], append([]any{v}, h.vals[pos:]...)...)
	if pos == len(h.keys)-1 {
		h.index[kk] = pos
		return
	}
	for j := pos; j < len(h.keys); j++ {
		h.index[h.keyOf(h.keys[j])] = j
	}
}
