package format

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

func TestToJSON(t *testing.T) {
	plus1 := time.FixedZone("+01", 3600)
	minus530 := time.FixedZone("-0530", -(5*3600 + 30*60))
	const warn2 = "Resulting JSON is truncated as serialization has exceeded the set depth of 2."
	tests := []struct {
		name string
		v    any
		o    JSONOptions
		want string
		warn string
	}{
		{"object", obj("a", 1, "b", "x", "c", nil, "d", true), JSONOptions{}, `{
  "a": 1,
  "b": "x",
  "c": null,
  "d": true
}`, ""},
		{"compress", obj("a", 1, "b", arr(1, "x"), "c", obj()), JSONOptions{Compress: true}, `{"a":1,"b":[1,"x"],"c":{}}`, ""},
		{"nested arrays", obj("a", arr(1, arr(2, 3)), "e", arr(), "o", obj()), JSONOptions{}, `{
  "a": [
    1,
    [
      2,
      3
    ]
  ],
  "e": [],
  "o": {}
}`, ""},
		{"hashtable truncated", ht("a", ht("b", ht("c", ht("d", 1)))), JSONOptions{}, `{
  "a": {
    "b": {
      "c": "System.Collections.Hashtable"
    }
  }
}`, warn2},
		{"object truncated", obj("a", obj("b", obj("c", obj("d", 1, "e", arr(1, 2), "f", 0.5)))), JSONOptions{}, `{
  "a": {
    "b": {
      "c": "@{d=1; e=System.Object[]; f=0.5}"
    }
  }
}`, warn2},
		{"array truncated", obj("a", obj("b", arr(1, arr(2, 3)))), JSONOptions{Depth: 1}, `{
  "a": {
    "b": "1 System.Object[]"
  }
}`, "Resulting JSON is truncated as serialization has exceeded the set depth of 1."},
		{"primitives are never truncated", obj("a", obj("b", obj("c", "s", "d", 1.5, "t", date))), JSONOptions{Depth: 1, Compress: true},
			`{"a":{"b":"@{c=s; d=1.5; t=11/22/2026 04:34:37}"}}`, "Resulting JSON is truncated as serialization has exceeded the set depth of 1."},
		{"depth 0", obj("a", obj("x", 1), "b", 1), JSONOptions{Depth: -1, Compress: true}, `{"a":"@{x=1}","b":1}`,
			"Resulting JSON is truncated as serialization has exceeded the set depth of 0."},
		{"deep enough", ht("a", ht("b", ht("c", ht("d", 1)))), JSONOptions{Depth: 3, Compress: true}, `{"a":{"b":{"c":{"d":1}}}}`, ""},
		{"string", "str", JSONOptions{}, `"str"`, ""},
		{"null", nil, JSONOptions{}, `null`, ""},
		{"numbers", arr(1, int64(1)<<40, 1.0, 1.5, -2.0, 1e20, 1e15, 1e16, 1e17, 1e-5, point3, math.Pi, testDecimal("2"), testDecimal("1.25"), 'c'),
			JSONOptions{Compress: true}, `[1,1099511627776,1.0,1.5,-2.0,1E+20,1000000000000000.0,10000000000000000.0,1E+17,1E-05,0.30000000000000004,3.141592653589793,2.0,1.25,"c"]`, ""},
		{"special doubles", arr(math.NaN(), math.Inf(1), math.Inf(-1)), JSONOptions{Compress: true}, `["NaN","Infinity","-Infinity"]`, ""},
		{"escapes", "q\"b\\s/n\nr\rt\tb\bf\fc\x01e\x1b'<>&é😀\u0085\u2028\u2029\x7f", JSONOptions{},
			`"q\"b\\s/n\nr\rt\tb\bf\fc\u0001e\u001b'<>&é😀\u0085\u2028\u2029` + "\x7f\"", ""},
		{"escaped names", obj("a\"b", 1), JSONOptions{Compress: true}, `{"a\"b":1}`, ""},
		{"dates", arr(
			time.Date(2026, 11, 22, 4, 34, 37, 0, time.UTC),
			time.Date(2026, 11, 22, 4, 34, 37, 500000000, time.UTC),
			time.Date(2026, 11, 22, 4, 34, 37, 123456700, UnspecifiedZone),
			time.Date(2026, 11, 22, 4, 34, 37, 0, plus1),
			time.Date(2026, 1, 2, 3, 4, 5, 10000000, minus530),
		), JSONOptions{}, `[
  "2026-11-22T04:34:37Z",
  "2026-11-22T04:34:37.5Z",
  "2026-11-22T04:34:37.1234567",
  "2026-11-22T04:34:37+01:00",
  "2026-01-02T03:04:05.01-05:30"
]`, ""},
		{"guid and type", arr(value.Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), &value.Type{Name: "System.String"}), JSONOptions{Compress: true},
			`["0f8fad5b-d9cb-469f-a165-70867728950e","System.String"]`, ""},
		{"as array", 1, JSONOptions{AsArray: true}, "[\n  1\n]", ""},
		{"as array compressed", arr(1, 2), JSONOptions{AsArray: true, Compress: true}, "[1,2]", ""},
		{"empty as array", arr(), JSONOptions{AsArray: true}, "[]", ""},
		{"ordered keys", func() any { h := ht("z", 1, "a", 2); h.Ordered = true; return h }(), JSONOptions{Compress: true}, `{"z":1,"a":2}`, ""},
		{"timespan", 90 * time.Minute, JSONOptions{}, `{
  "Ticks": 54000000000,
  "Days": 0,
  "Hours": 1,
  "Milliseconds": 0,
  "Microseconds": 0,
  "Nanoseconds": 0,
  "Minutes": 30,
  "Seconds": 0,
  "TotalDays": 0.0625,
  "TotalHours": 1.5,
  "TotalMilliseconds": 5400000.0,
  "TotalMicroseconds": 5400000000.0,
  "TotalNanoseconds": 5400000000000.0,
  "TotalMinutes": 90.0,
  "TotalSeconds": 5400.0
}`, ""},
		{"emulated object", func() any {
			o := obj("Id", 1, "Name", "n")
			o.TypeNames = []string{"System.Diagnostics.Process", "System.Object"}
			o.DefaultDisplay = []string{"Name"}
			return o
		}(), JSONOptions{Compress: true}, `{"Id":1,"Name":"n"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := ToJSON(tt.v, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			checkOut(t, tt.name, got, tt.want)
			var w string
			if len(warns) > 0 {
				w = strings.Join(warns, "|")
			}
			if w != tt.warn {
				t.Errorf("warnings = %q, want %q", w, tt.warn)
			}
		})
	}
}

func TestToJSONErrors(t *testing.T) {
	_, _, err := ToJSON(obj("a", ht(1, "x")), JSONOptions{})
	want := "The type 'System.Collections.Hashtable' is not supported for serialization or deserialization of a dictionary. Keys must be strings."
	if err == nil || err.Error() != want {
		t.Errorf("err = %v", err)
	}
	// A cycle is cut by the depth limit.
	a := arr(1)
	a.Items = append(a.Items, a)
	got, warns, err := ToJSON(a, JSONOptions{Compress: true})
	if err != nil || got != `[1,[1,[1,"1 System.Object[]"]]]` || len(warns) != 1 {
		t.Errorf("cycle: %q %v %v", got, warns, err)
	}
}

// dump renders a value with its types, to compare parse results.
func dump(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case int:
		return "int:" + strconv.Itoa(x)
	case int64:
		return "long:" + strconv.FormatInt(x, 10)
	case float64:
		return "double:" + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return "date:" + x.Format("2006-01-02T15:04:05.9999999") + "@" + dateKind(x)
	case *value.Array:
		parts := make([]string, len(x.Items))
		for i, it := range x.Items {
			parts[i] = dump(it)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case *value.Object:
		var parts []string
		for _, p := range x.Props() {
			parts = append(parts, p.Name+"="+dump(p.Get()))
		}
		return "{" + strings.Join(parts, ";") + "}"
	case *value.Hashtable:
		var parts []string
		for i, k := range x.Keys() {
			parts = append(parts, fmt.Sprint(k)+"="+dump(x.Values()[i]))
		}
		return "@{" + strings.Join(parts, ";") + "}"
	}
	return fmt.Sprintf("%T:%v", v, v)
}

func TestFromJSON(t *testing.T) {
	tests := []struct {
		in   string
		hash bool
		want string
	}{
		{`{"a":1,"b":"x","c":null,"d":true,"e":false}`, false, `{a=long:1;b="x";c=null;d=true;e=false}`},
		{`[1, 2147483648, -2147483649, 9223372036854775808, 1.0, 1e2, -0, 0x1F, 017, .5, 1., NaN, -Infinity, Infinity, undefined]`, false,
			`[long:1,long:2147483648,long:-2147483649,double:9.223372036854776e+18,double:1,double:100,long:0,long:31,long:15,double:0.5,double:1,double:NaN,double:-Inf,double:+Inf,null]`},
		{`{"o":{"p":[{"q":[]}, {}]}}`, false, `{o={p=[{q=[]},{}]}}`},
		{`{"o":{"p":[{"q":[]}, {}]}}`, true, `@{o=@{p=[@{q=[]},@{}]}}`},
		{`[]`, false, `[]`},
		{`"just a string"`, false, `"just a string"`},
		{`42`, false, `long:42`},
		{`null`, false, `null`},
		{" \t\r\n", false, `null`},
		{``, false, `null`},
		{`{"s":"a\"b\\c\/d\n\u00e9\ud83d\ude00\u0041"}`, false, `{s="a\"b\\c/d\né😀A"}`},
		{`{'single':'quotes', unquoted_$1: 2}`, false, `{single="quotes";unquoted_$1=long:2}`},
		{"// comment\n{ /* inline */ \"a\": 1, // trailing\n }", false, `{a=long:1}`},
		{`{"a":1,}`, false, `{a=long:1}`},
		{`[1,2,]`, false, `[long:1,long:2]`},
		{`{"a":1,"b":2,"a":3}`, false, `{b=long:2;a=long:3}`},
		// -AsHashtable keeps keys that differ only by case apart
		// (JsonObject.Tests.ps1: "Not throw when json contains key (same
		// casing) when ReturnHashTable is true")
		{`{"a":1,"A":2}`, true, `@{a=long:1;A=long:2}`},
		{`{"":1}`, true, `@{=long:1}`},
		{`{"d":"2026-11-22T04:34:37"}`, false, `{d=date:2026-11-22T04:34:37@Unspecified}`},
		{`["2026-11-22T04:34:37Z","2026-11-22T04:34:37.1234567z","2026-02-28T24:00:00","2026-11-22T04:34:37.5"]`, false,
			`[date:2026-11-22T04:34:37@Utc,date:2026-11-22T04:34:37.1234567@Utc,date:2026-03-01T00:00:00@Unspecified,date:2026-11-22T04:34:37.5@Unspecified]`},
		{`["2026-11-22","2026-11-22T25:00:00","2026-02-30T00:00:00","2026-11-22 04:34:37","2026-11-22T04:34:37.","2026-11-22T04:34:37.12345678","x2026-11-22T04:34:37"]`, false,
			`["2026-11-22","2026-11-22T25:00:00","2026-02-30T00:00:00","2026-11-22 04:34:37","2026-11-22T04:34:37.","2026-11-22T04:34:37.12345678","x2026-11-22T04:34:37"]`},
		{`"/Date(1000)/"`, false, `date:1970-01-01T00:00:01@Utc`},
	}
	for _, tt := range tests {
		got, err := FromJSON(tt.in, tt.hash)
		if err != nil {
			t.Errorf("FromJSON(%q): %v", tt.in, err)
			continue
		}
		if d := dump(got); d != tt.want {
			t.Errorf("FromJSON(%q) =\n %s\nwant\n %s", tt.in, d, tt.want)
		}
	}
}

func TestFromJSONOffsetDates(t *testing.T) {
	v, err := FromJSON(`["2026-11-22T04:34:37+01:00","2026-11-22T04:34:37-0530","/Date(1000+0100)/"]`, false)
	if err != nil {
		t.Fatal(err)
	}
	items := v.(*value.Array).Items
	want := []time.Time{
		time.Date(2026, 11, 22, 3, 34, 37, 0, time.UTC),
		time.Date(2026, 11, 22, 10, 4, 37, 0, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 1, 0, time.UTC),
	}
	for i, it := range items {
		d, ok := it.(time.Time)
		if !ok || !d.Equal(want[i]) || d.Location() != time.Local {
			t.Errorf("item %d = %#v, want %v local", i, it, want[i])
		}
	}
}

func TestFromJSONErrors(t *testing.T) {
	const p = "Conversion from JSON failed with error: "
	tests := []struct {
		in   string
		want string
	}{
		{`{"a":`, p + "Unexpected end when reading JSON. Path 'a', line 1, position 5."},
		{`hello`, p + "Unexpected character encountered while parsing value: h. Path '', line 0, position 0."},
		{`[1 2]`, p + "After parsing a value an unexpected character was encountered: 2. Path '[0]', line 1, position 3."},
		{`{"a":1}x`, p + "Additional text encountered after finished reading JSON content: x. Path '', line 1, position 7."},
		{`{"a" 1}`, p + "Invalid character after parsing property name. Expected ':' but got: 1. Path '', line 1, position 5."},
		{"{\n  \"a\": {\n    \"b\": tru\n  }\n}", p + "Error parsing boolean value. Path 'a.b', line 3, position 12."},
		{`"abc`, p + "Unterminated string. Expected delimiter: \". Path '', line 1, position 4."},
		{`{"a":"\q"}`, p + `Bad JSON escape sequence: \q. Path 'a', line 1, position 7.`},
		{`{"a":"\u12"}`, p + `Invalid Unicode escape sequence: \u12"}. Path 'a', line 1, position 8.`},
		{`{,}`, p + "Invalid property identifier character: ,. Path '', line 1, position 1."},
		{`{a-b:1}`, p + "Invalid JavaScript property identifier character: -. Path '', line 1, position 2."},
		{`[1,,2]`, p + "Unexpected character encountered while parsing value: ,. Path '[1]', line 1, position 3."},
		{`{"a b":x}`, p + "Unexpected character encountered while parsing value: x. Path '['a b']', line 1, position 7."},
		{`[12a]`, p + "Input string '12a' is not a valid integer. Path '[0]', line 1, position 4."},
		{`[1.2.3]`, p + "Input string '1.2.3' is not a valid number. Path '[0]', line 1, position 6."},
		{`[1x]`, p + "Input string '1x' is not a valid integer. Path '[0]', line 1, position 3."},
		{`[1$]`, p + "Unexpected character encountered while parsing number: $. Path '[0]', line 1, position 2."},
		{`/* open`, p + "Unexpected end while parsing comment. Path '', line 1, position 7."},
		{`{"a":1,"A":2}`, "Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key 'a' was 'A'."},
		{`{"x":{"":1}}`, "The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch."},
		{strings.Repeat("[", 1100), p + "The reader's MaxDepth of 1024 has been exceeded. Path '" + strings.Repeat("[0]", 1024) + "', line 1, position 1025."},
	}
	for _, tt := range tests {
		_, err := FromJSON(tt.in, false)
		if err == nil {
			t.Errorf("FromJSON(%.40q): no error", tt.in)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("FromJSON(%.40q):\n got %q\nwant %q", tt.in, err.Error(), tt.want)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	in := obj("name", "x", "n", int64(3), "big", int64(1)<<40, "f", 2.5, "list", arr(int64(1), "two", nil, true),
		"when", time.Date(2026, 11, 22, 4, 34, 37, 0, time.UTC), "inner", obj("k", "v"))
	s, _, err := ToJSON(in, JSONOptions{Depth: 5})
	if err != nil {
		t.Fatal(err)
	}
	out, err := FromJSON(s, false)
	if err != nil {
		t.Fatal(err)
	}
	if dump(out) != dump(in) {
		t.Errorf("round trip:\n%s\n%s", dump(out), dump(in))
	}
	s2, _, _ := ToJSON(out, JSONOptions{Depth: 5})
	if s2 != s {
		t.Errorf("second conversion differs:\n%s\n%s", s2, s)
	}
}

func FuzzFromJSON(f *testing.F) {
	seeds := []string{
		`{"a":1,"b":[1,2,{"c":null}],"d":"2026-11-22T04:34:37Z"}`,
		`[1, 2147483648, 9223372036854775808, 1.5e300, -0, 0x1F, 017, .5, NaN, -Infinity]`,
		`{'a': 'b', c: "d", /* x */ "e": [,]} // y`,
		`"\ud83d\ude00\u12"`, `{"a":`, `[[[[`, `"/Date(1000+0100)/"`, "\"2026-02-28T24:00:00.1\"",
		`{"a":1,"A":2,"":3}`, "\r\n\t{\"x\"\r:\n1}", `tru`, `-`, `0x`, `1e`, `"\`,
	}
	for _, s := range seeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, hash bool) {
		v, err := FromJSON(s, hash)
		if err != nil {
			return
		}
		// Whatever parses must serialize and render.
		if _, _, err := ToJSON(v, JSONOptions{Depth: 100}); err != nil {
			t.Fatalf("ToJSON after FromJSON(%q): %v", s, err)
		}
		width := len(s) % 130
		items := []any{v, "x", v}
		if err := Default(io.Discard, items, width); err != nil {
			t.Fatal(err)
		}
		if err := Table(io.Discard, items, []Column{PropertyColumn("*"), PropertyColumn("a")}, TableOptions{Width: width, Wrap: hash, AutoSize: !hash}); err != nil {
			t.Fatal(err)
		}
		if err := ListWith(io.Discard, items, nil, ListOptions{Width: width}); err != nil {
			t.Fatal(err)
		}
		_ = ToCSV(items, CSVOptions{})
	})
}

func TestJSONDateKinds(t *testing.T) {
	kinds := map[string]string{}
	for name, loc := range map[string]*time.Location{"utc": time.UTC, "local": time.Local, "unspecified": UnspecifiedZone} {
		kinds[name] = dateKind(time.Date(2026, 1, 1, 0, 0, 0, 0, loc))
	}
	var got []string
	for k, v := range kinds {
		got = append(got, k+"="+v)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "local=Local unspecified=Unspecified utc=Utc" {
		t.Errorf("kinds: %v", got)
	}
}
