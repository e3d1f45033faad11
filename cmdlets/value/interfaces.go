package value

import (
	"math/big"
	"strings"
	"time"
)

// The interfaces -is answers for the types csemu models, as .NET 8
// declares them (each type's "Implements" list in the .NET API
// reference).
const (
	iList             = "System.Collections.IList"
	iCollection       = "System.Collections.ICollection"
	iEnumerable       = "System.Collections.IEnumerable"
	iDictionary       = "System.Collections.IDictionary"
	iOrderedDict      = "System.Collections.Specialized.IOrderedDictionary"
	iComparable       = "System.IComparable"
	iConvertible      = "System.IConvertible"
	iFormattable      = "System.IFormattable"
	iSpanFormattable  = "System.ISpanFormattable"
	iCloneable        = "System.ICloneable"
	iEquatable        = "System.IEquatable"
	iSerializable     = "System.Runtime.Serialization.ISerializable"
	gIList            = "System.Collections.Generic.IList"
	gICollection      = "System.Collections.Generic.ICollection"
	gIEnumerable      = "System.Collections.Generic.IEnumerable"
	gIReadOnlyList    = "System.Collections.Generic.IReadOnlyList"
	gIReadOnlyColl    = "System.Collections.Generic.IReadOnlyCollection"
	gIDictionary      = "System.Collections.Generic.IDictionary"
	gIReadOnlyDict    = "System.Collections.Generic.IReadOnlyDictionary"
	gISet             = "System.Collections.Generic.ISet"
	gIReadOnlySet     = "System.Collections.Generic.IReadOnlySet"
	structuralCompare = "System.Collections.IStructuralComparable"
	structuralEqual   = "System.Collections.IStructuralEquatable"
)

// InterfaceNames lists the interface types -is knows, for type lookup.
func InterfaceNames() []string {
	return []string{iList, iCollection, iEnumerable, iDictionary, iOrderedDict, iComparable, iConvertible,
		iFormattable, iSpanFormattable, iCloneable, iEquatable, iSerializable, gIList, gICollection, gIEnumerable,
		gIReadOnlyList, gIReadOnlyColl, gIDictionary, gIReadOnlyDict, gISet, gIReadOnlySet, structuralCompare,
		structuralEqual}
}

// isInterface reports whether name is one of the interfaces csemu answers
// -is for.
func isInterface(name string) bool {
	for _, n := range InterfaceNames() {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// implements answers v -is [iface] for an interface type (t.GenericBase()
// is one of [InterfaceNames]); the generic ones compare their type
// arguments with the collection's element, key and value types.
func implements(v any, t *Type) bool {
	base := t.GenericBase()
	if len(t.Args) == 0 {
		base = t.Name
	}
	var args []string
	for _, a := range t.Args {
		args = append(args, a.Name)
	}
	// has reports whether base with type arguments want is among the
	// interfaces listed (name, then its type arguments).
	has := func(ifaces ...[]string) bool {
		for _, f := range ifaces {
			if !strings.EqualFold(f[0], base) || len(f)-1 != len(args) {
				continue
			}
			ok := true
			for i, a := range args {
				if !strings.EqualFold(f[i+1], a) {
					ok = false
				}
			}
			if ok {
				return true
			}
		}
		return false
	}
	one := func(names ...string) [][]string {
		out := make([][]string, len(names))
		for i, n := range names {
			out[i] = []string{n}
		}
		return out
	}
	// numeric types: IComparable, IConvertible, IFormattable,
	// ISpanFormattable, IComparable<T>, IEquatable<T>
	number := func(self string) bool {
		return has(append(one(iComparable, iConvertible, iFormattable, iSpanFormattable),
			[]string{iComparable, self}, []string{iEquatable, self})...)
	}
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return has(append(one(iComparable, iEnumerable, iConvertible, iCloneable),
			[]string{gIEnumerable, TChar}, []string{iComparable, TString}, []string{iEquatable, TString})...)
	case bool:
		return has(append(one(iComparable, iConvertible), []string{iComparable, TBool}, []string{iEquatable, TBool})...)
	case rune:
		return number(TChar)
	case int, int64, float64, int8, uint8, int16, uint16, uint32, uint64, float32:
		return number(TypeName(x))
	case Decimal:
		return number(TDecimal) || has(one(iSerializable)...)
	case *big.Int:
		return has(append(one(iComparable, iFormattable, iSpanFormattable), []string{iComparable, TBigInt}, []string{iEquatable, TBigInt})...)
	case time.Time:
		return has(append(one(iComparable, iConvertible, iFormattable, iSpanFormattable, iSerializable),
			[]string{iComparable, TDateTime}, []string{iEquatable, TDateTime})...)
	case time.Duration:
		return has(append(one(iComparable, iFormattable, iSpanFormattable), []string{iComparable, TTimeSpan}, []string{iEquatable, TTimeSpan})...)
	case Guid:
		return has(append(one(iComparable, iFormattable, iSpanFormattable), []string{iComparable, TGuid}, []string{iEquatable, TGuid})...)
	case *Array:
		elem := x.Elem
		if elem == "" {
			elem = TObject
		}
		generic := func(names ...string) [][]string {
			out := make([][]string, len(names))
			for i, n := range names {
				out[i] = []string{n, elem}
			}
			return out
		}
		switch {
		case !x.List && x.Kind == "":
			// T[]: System.Array's interfaces and IList<T> with its bases
			return has(append(one(iList, iCollection, iEnumerable, iCloneable, structuralCompare, structuralEqual),
				generic(gIList, gICollection, gIEnumerable, gIReadOnlyList, gIReadOnlyColl)...)...)
		case x.Kind == "set":
			return has(append(one(iEnumerable, iSerializable), generic(gICollection, gIEnumerable, gISet, gIReadOnlyColl, gIReadOnlySet)...)...)
		case x.Kind == "queue" || x.Kind == "stack":
			if x.Elem == "" {
				return has(one(iCollection, iEnumerable, iCloneable)...)
			}
			return has(append(one(iCollection, iEnumerable), generic(gIEnumerable, gIReadOnlyColl)...)...)
		case x.Kind == "collection":
			return has(append(one(iList, iCollection, iEnumerable),
				generic(gIList, gICollection, gIEnumerable, gIReadOnlyList, gIReadOnlyColl)...)...)
		case x.Elem == "":
			// ArrayList
			return has(one(iList, iCollection, iEnumerable, iCloneable)...)
		}
		return has(append(one(iList, iCollection, iEnumerable),
			generic(gIList, gICollection, gIEnumerable, gIReadOnlyList, gIReadOnlyColl)...)...)
	case *Hashtable:
		if x.Dict != nil {
			k, val := x.Dict.Key.Name, x.Dict.Value.Name
			pair := TKeyValuePair + "[" + k + "," + val + "]"
			if len(args) == 1 && strings.HasPrefix(strings.ToLower(args[0]), strings.ToLower(TKeyValuePair)) {
				// ICollection<KeyValuePair<K,V>>: compare the pair's arguments
				if pt, ok := ParseType(args[0], nil); ok && len(pt.Args) == 2 &&
					strings.EqualFold(pt.Args[0].Name, k) && strings.EqualFold(pt.Args[1].Name, val) {
					args = []string{pair}
				}
			}
			ifaces := append(one(iDictionary, iCollection, iEnumerable),
				[]string{gIDictionary, k, val}, []string{gIReadOnlyDict, k, val},
				[]string{gICollection, pair}, []string{gIEnumerable, pair}, []string{gIReadOnlyColl, pair})
			if x.Dict.Base == TDictionary {
				ifaces = append(ifaces, []string{iSerializable})
			}
			return has(ifaces...)
		}
		if x.Ordered {
			return has(one(iOrderedDict, iDictionary, iCollection, iEnumerable, iSerializable)...)
		}
		return has(one(iDictionary, iCollection, iEnumerable, iCloneable, iSerializable)...)
	case *Object:
		switch x.TypeName() {
		case TVersion:
			return has(append(one(iCloneable, iComparable, iFormattable, iSpanFormattable), []string{iComparable, TVersion}, []string{iEquatable, TVersion})...)
		}
	}
	return false
}

// isValueTypeName reports whether a type csemu names is a .NET value type
// (a struct: the numbers, bool, char, DateTime, TimeSpan, Guid).
func isValueTypeName(n string) bool {
	switch n {
	case TInt32, TInt64, TDouble, TDecimal, TSingle, TByte, TSByte, TInt16, TUInt16, TUInt32, TUInt64,
		TBool, TChar, TDateTime, TTimeSpan, TGuid, TBigInt:
		return true
	}
	return false
}
