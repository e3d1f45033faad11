package format

import (
	"strings"
	"time"
	"unicode/utf16"

	"github.com/csemu/csemu/cmdlets/value"
)

// dictEntry is a System.Collections.DictionaryEntry: what enumerating a
// hashtable yields, and what the formatter shows for each of its entries.
type dictEntry struct{ Key, Value any }

// enumValue is an enum value of an emulated .NET property (DateTime.Kind,
// DateTime.DayOfWeek). Enums are right-aligned in tables.
type enumValue struct {
	name string
	num  int
}

// EnumValue is an enum value as the formatter and ConvertTo-Json see it:
// its name and number.
func EnumValue(name string, num int) any { return enumValue{name, num} }

// kvPair is a System.Collections.Generic.KeyValuePair: what enumerating
// a typed dictionary (Dictionary, SortedDictionary) yields. Unlike a
// DictionaryEntry it has no Name alias and no view of its own: it shows
// as a table of Key and Value.
type kvPair struct {
	Key, Value any
	typ        string
}

func hashEntries(h *value.Hashtable) []any {
	keys, vals := h.Keys(), h.Values()
	out := make([]any, len(keys))
	for i := range keys {
		if h.Dict != nil {
			out[i] = kvPair{keys[i], vals[i], h.Dict.PairType()}
			continue
		}
		out[i] = dictEntry{keys[i], vals[i]}
	}
	return out
}

// The properties of the .NET types the value model holds, in reflection
// order ("adapted") and as added by types.ps1xml ("extended").
var (
	timeAdapted  = []string{"Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond", "Microsecond", "Nanosecond", "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year"}
	timeExtended = []string{"DateTime"}
	spanAdapted  = []string{"Ticks", "Days", "Hours", "Milliseconds", "Microseconds", "Nanoseconds", "Minutes", "Seconds", "TotalDays", "TotalHours", "TotalMilliseconds", "TotalMicroseconds", "TotalNanoseconds", "TotalMinutes", "TotalSeconds"}
	typeAdapted  = []string{"Name", "FullName", "Namespace", "BaseType", "IsPublic", "IsSerializable", "IsArray", "IsValueType"}
	entryAdapt   = []string{"Key", "Value"}
	entryExtend  = []string{"Name"}
	stringAdapt  = []string{"Length"}
	guidExtended = []string{"Guid"}
	arrayAdapted = []string{"Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize", "IsSynchronized", "Count"}
	hashAdapted  = []string{"IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"}
)

// memberLists returns the adapted and the extended property names of v.
func memberLists(v any) (adapted, extended []string) {
	switch x := v.(type) {
	case *value.Object:
		return nil, x.Names()
	case time.Time:
		return timeAdapted, timeExtended
	case time.Duration:
		return spanAdapted, nil
	case dictEntry:
		return entryAdapt, entryExtend
	case kvPair:
		return entryAdapt, nil
	case string:
		return stringAdapt, nil
	case value.Guid:
		return nil, guidExtended
	case *value.Type:
		return typeAdapted, nil
	case *value.Array:
		return arrayAdapted, nil
	case *value.Hashtable:
		return hashAdapted, nil
	}
	return nil, nil
}

// propNames lists the properties of v in PSObject.Properties order (instance
// and type-extension members first, then the adapted .NET members). A
// hashtable's keys come first, as property expressions resolve them.
func propNames(v any) []string {
	adapted, extended := memberLists(v)
	var out []string
	if h, ok := v.(*value.Hashtable); ok {
		for _, k := range h.Keys() {
			out = append(out, value.ToString(k))
		}
	}
	out = append(out, extended...)
	return append(out, adapted...)
}

// expandAllNames is AssociationManager.ExpandAll: the adapted properties
// first, then the extended ones, without duplicates.
func expandAllNames(v any) []string {
	adapted, extended := memberLists(v)
	seen := map[string]bool{}
	var out []string
	for _, n := range append(append([]string(nil), adapted...), extended...) {
		k := strings.ToLower(n)
		if !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// defaultProps is the default display property set, or nil.
func defaultProps(v any) []string {
	if o, ok := v.(*value.Object); ok && len(o.DefaultDisplay) > 0 {
		return o.DefaultDisplay
	}
	return nil
}

// hasProperties reports whether v has any property to show.
func hasProperties(v any) bool {
	if o, ok := v.(*value.Object); ok {
		return len(o.Props()) > 0 // as propNames, without building the list
	}
	return len(propNames(v)) > 0
}

// PropertyNames lists the properties of item as PowerShell enumerates them
// (PSObject.Properties order). For a hashtable, the keys come first.
func PropertyNames(item any) []string { return propNames(item) }

// PropertyValue returns property name of item (case-insensitive): a
// property of a *value.Object, a key of a *value.Hashtable, or a property of
// the .NET types the value model emulates ([datetime].Year, [timespan].Days,
// [string].Length, ...).
func PropertyValue(item any, name string) (any, bool) { return getProp(item, name) }

func getProp(v any, name string) (any, bool) {
	n := strings.ToLower(name)
	switch x := v.(type) {
	case *value.Object:
		return x.Get(name)
	case *value.Hashtable:
		if r, ok := x.Get(name); ok {
			return r, true
		}
		switch n {
		case "count":
			return x.Len(), true
		case "keys":
			return value.NewArray(append([]any(nil), x.Keys()...)...), true
		case "values":
			return value.NewArray(append([]any(nil), x.Values()...)...), true
		case "isreadonly", "isfixedsize", "issynchronized":
			return false, true
		case "syncroot":
			return value.NewObject("System.Object"), true
		}
	case dictEntry:
		switch n {
		case "key", "name":
			return x.Key, true
		case "value":
			return x.Value, true
		}
	case kvPair:
		switch n {
		case "key":
			return x.Key, true
		case "value":
			return x.Value, true
		}
	case string:
		if n == "length" {
			return len(utf16.Encode([]rune(x))), true
		}
	case value.Guid:
		if n == "guid" {
			return string(x), true
		}
	case *value.Array:
		switch n {
		case "length", "count":
			return len(x.Items), true
		case "longlength":
			return int64(len(x.Items)), true
		case "rank":
			return 1, true
		case "syncroot":
			return x, true
		case "isreadonly", "issynchronized":
			return false, true
		case "isfixedsize":
			return !x.List, true
		}
	case time.Time:
		return timeProp(x, n)
	case time.Duration:
		return spanProp(x, n)
	case *value.Type:
		return typeProp(x, n)
	}
	return nil, false
}

const (
	ticksPerMs  = 10000
	ticksPerSec = 10000000
	ticksPerMin = 600000000
	ticksPerHr  = 36000000000
	ticksPerDay = 864000000000
)

// dotnetTicks is DateTime.Ticks: 100ns units since 0001-01-01.
func dotnetTicks(t time.Time) int64 {
	y, m, d := t.Date()
	// 719162 days separate 0001-01-01 from 1970-01-01.
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 + 719162
	tod := int64(t.Hour())*ticksPerHr + int64(t.Minute())*ticksPerMin + int64(t.Second())*ticksPerSec + int64(t.Nanosecond()/100)
	return day*ticksPerDay + tod
}

// UnspecifiedZone is the location that stands for DateTimeKind.Unspecified:
// a [datetime] that is neither UTC nor local (what [datetime]'2026-11-22'
// gives). ToJSON writes such a date without a zone suffix, and FromJSON
// returns dates without an offset in this location.
var UnspecifiedZone = value.UnspecifiedZone

// dateKind returns DateTime.Kind for t.
func dateKind(t time.Time) string { return value.DateKind(t) }

var kindNums = map[string]int{"Unspecified": 0, "Utc": 1, "Local": 2}

func timeProp(t time.Time, n string) (any, bool) {
	switch n {
	case "datetime":
		return dateLong(t), true
	case "date":
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location()), true
	case "day":
		return t.Day(), true
	case "dayofweek":
		return enumValue{dayNames[t.Weekday()], int(t.Weekday())}, true
	case "dayofyear":
		return t.YearDay(), true
	case "hour":
		return t.Hour(), true
	case "kind":
		k := dateKind(t)
		return enumValue{k, kindNums[k]}, true
	case "millisecond":
		return t.Nanosecond() / 1e6, true
	case "microsecond":
		return t.Nanosecond() / 1e3 % 1000, true
	case "nanosecond":
		return t.Nanosecond() / 100 % 10 * 100, true
	case "minute":
		return t.Minute(), true
	case "month":
		return int(t.Month()), true
	case "second":
		return t.Second(), true
	case "ticks":
		return dotnetTicks(t), true
	case "timeofday":
		y, m, d := t.Date()
		return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location())) / 100 * 100, true
	case "year":
		return t.Year(), true
	}
	return nil, false
}

func spanProp(d time.Duration, n string) (any, bool) {
	ticks := int64(d / 100)
	switch n {
	case "ticks":
		return ticks, true
	case "days":
		return int(ticks / ticksPerDay), true
	case "hours":
		return int(ticks / ticksPerHr % 24), true
	case "milliseconds":
		return int(ticks / ticksPerMs % 1000), true
	case "microseconds":
		return int(ticks / 10 % 1000), true
	case "nanoseconds":
		return int(ticks % 10 * 100), true
	case "minutes":
		return int(ticks / ticksPerMin % 60), true
	case "seconds":
		return int(ticks / ticksPerSec % 60), true
	case "totaldays":
		return float64(ticks) / ticksPerDay, true
	case "totalhours":
		return float64(ticks) / ticksPerHr, true
	case "totalmilliseconds":
		return float64(ticks) / ticksPerMs, true
	case "totalmicroseconds":
		return float64(ticks) / 10, true
	case "totalnanoseconds":
		return float64(ticks) * 100, true
	case "totalminutes":
		return float64(ticks) / ticksPerMin, true
	case "totalseconds":
		return float64(ticks) / ticksPerSec, true
	}
	return nil, false
}

var valueTypes = map[string]bool{
	"System.Int32": true, "System.Int64": true, "System.Int16": true, "System.Byte": true, "System.SByte": true,
	"System.UInt16": true, "System.UInt32": true, "System.UInt64": true, "System.Double": true, "System.Single": true,
	"System.Decimal": true, "System.Boolean": true, "System.Char": true, "System.DateTime": true,
	"System.TimeSpan": true, "System.Guid": true, "System.IntPtr": true,
}

// typeProp emulates a few properties of System.RuntimeType.
func typeProp(t *value.Type, n string) (any, bool) {
	full := t.Name
	switch n {
	case "name":
		base := full
		if i := strings.IndexByte(base, '['); i >= 0 && !strings.HasPrefix(base[i:], "[]") {
			base = base[:i]
		}
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			base = base[i+1:]
		}
		return base, true
	case "fullname":
		return full, true
	case "namespace":
		base := strings.Split(full, "[")[0]
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			return base[:i], true
		}
		return nil, true
	case "basetype":
		switch {
		case full == "System.Object":
			return nil, true
		case t.Elem != nil || strings.HasSuffix(full, "[]"):
			return &value.Type{Name: "System.Array"}, true
		case valueTypes[full]:
			return &value.Type{Name: "System.ValueType"}, true
		}
		return &value.Type{Name: "System.Object"}, true
	case "ispublic", "isserializable":
		return true, true
	case "isarray":
		return t.Elem != nil || strings.HasSuffix(full, "[]"), true
	case "isvaluetype":
		return valueTypes[full], true
	}
	return nil, false
}

// isScalar reports whether v is one of pwsh's DefaultScalarTypes (strings,
// numbers, bool, char, enums): such values are written as plain text and
// are right-aligned in tables (except strings).
func isScalar(v any) bool {
	switch v.(type) {
	case string, bool, int, int64, float64, value.Decimal, rune, enumValue:
		return true
	}
	return value.IsNumber(v)
}

// isOutOfBand reports whether Out-Default writes v as text, outside any
// table or list: scalars and objects without properties.
func isOutOfBand(v any) bool {
	if isScalar(v) {
		return true
	}
	switch v.(type) {
	case *value.Object, time.Time, time.Duration, value.Guid, *value.Type, dictEntry, kvPair, *value.Array, *value.Hashtable:
		return !hasProperties(v)
	}
	return true
}
