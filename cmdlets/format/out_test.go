package format

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

// obj builds a PSCustomObject from name/value pairs.
func obj(kv ...any) *value.Object {
	o := value.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// ht builds a hashtable from key/value pairs.
func ht(kv ...any) *value.Hashtable {
	h := value.NewHashtable()
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

func arr(items ...any) *value.Array { return value.NewArray(items...) }

func defaultOut(t *testing.T, width int, items ...any) string {
	t.Helper()
	var b bytes.Buffer
	if err := Default(&b, items, width); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkOut(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got: %q\nwant: %q\n--- got ---\n%s--- want ---\n%s", name, got, want, got, want)
	}
}

var date = time.Date(2026, 11, 22, 4, 34, 37, 0, time.UTC)

func TestDefault(t *testing.T) {
	long := strings.Repeat("v", 100)
	tests := []struct {
		name  string
		width int
		items []any
		want  string
	}{
		{"nothing", 0, nil, ``},
		{"null", 0, []any{nil}, ``},
		{"scalars", 0, []any{"str", 42, int64(1) << 40, 1.5, 0.1, point3, 1.0 / 3, 1e15, 1e-5, 0.0001, math.Copysign(0, -1), true, false, 'x', testDecimal("1.5")},
			"str\n42\n1099511627776\n1.5\n0.1\n0.3\n0.333333333333333\n1E+15\n1E-05\n0.0001\n-0\nTrue\nFalse\nx\n1.5\n"},
		{"empty string", 0, []any{"", "a"}, "\na\n"},
		{"multi-line string", 0, []any{"a\nb"}, "a\nb\n"},
		{"array item is enumerated", 0, []any{arr(1, "two")}, "1\ntwo\n"},
		{"one object", 0, []any{obj("a", 1, "b", "hello")}, `
a b
- -
1 hello

`},
		{"numeric column is right-aligned", 0, []any{obj("Name", "x", "Value", 12345678)}, `
Name    Value
----    -----
x    12345678

`},
		{"widths come from every row", 0, []any{obj("a", "x", "b", 1), obj("a", "longer", "b", 100)}, `
a        b
-        -
x        1
longer 100

`},
		{"bool and double", 0, []any{obj("a", 1.0/3, "b", 2.0, "c", true, "d", testDecimal("2.5"))}, `
   a    b    c    d
   -    -    -    -
0.33 2.00 True 2.50

`},
		// Format-Table.Tests.ps1 "Table should format floats, doubles, and
		// decimals with number of decimals from current culture"
		{"single", 0, []any{obj("f", float32(9876.54321))}, `
      f
      -
9876.54

`},
		{"cells", 0, []any{obj("arr", arr(1, 2, 3), "many", arr(1, 2, 3, 4, 5), "o", obj("a", 1, "b", arr(1, 2)), "n", nil)},
			"\narr       many          o                         n\n---       ----          -                         -\n" +
				"{1, 2, 3} {1, 2, 3, 4…} @{a=1; b=System.Object[]} \n\n"},
		{"cell types", 0, []any{obj("d", date, "t", 90*time.Minute, "h", ht("k", 1), "g", value.Guid("0f8fad5b-d9cb-469f-a165-70867728950e"))}, `
d                     t        h        g
-                     -        -        -
11/22/2026 4:34:37 AM 01:30:00 {[k, 1]} 0f8fad5b-d9cb-469f-a165-70867728950e

`},
		{"items of an array cell", 0, []any{obj("a", arr(nil, 1.5, "s", ht("Name", "n", "x", 1), ht("x", 1), obj("p", 1), arr(1, 2)))}, `
a
-
{$null, 1.5, s, n…}

`},
		{"five properties give a list", 0, []any{obj("a", 1, "bb", "x", "c", nil, "d", arr(1, 2), "e", obj("x", 1))},
			"\na  : 1\nbb : x\nc  : \nd  : {1, 2}\ne  : @{x=1}\n\n"},
		{"list of several objects", 0, []any{obj("a", 1, "b", 2, "c", 3, "d", 4, "e", 5), obj("x", 1)}, `
a : 1
b : 2
c : 3
d : 4
e : 5

x : 1

`},
		{"later objects keep the first columns", 0, []any{obj("a", 1, "b", 2), obj("a", 3, "c", 4)}, "\na b\n- -\n1 2\n3  \n\n"},
		{"scalars inside a table", 0, []any{obj("a", 1), "hello", 42, obj("a", 2)}, `
a
-
1
hello
42
2

`},
		{"scalars before a table", 0, []any{"x", obj("a", 1)}, `x

a
-
1

`},
		{"empty object", 0, []any{obj(), "x"}, "\nx\n"},
		{"hashtable", 0, []any{ht("a", 1, "bb", "two", "arr", arr(1, 2))}, `
Name                           Value
----                           -----
a                              1
bb                             two
arr                            {1, 2}

`},
		{"empty hashtable", 0, []any{ht()}, ``},
		{"hashtable long value", 0, []any{ht(strings.Repeat("k", 35), long)}, "\nName                           Value\n----                           -----\n" +
			strings.Repeat("k", 29) + "… " + strings.Repeat("v", 87) + "…\n\n"},
		{"hashtable on a narrow console", 40, []any{ht("a", long)}, "\nName                           Value\n----                           -----\na                              " + strings.Repeat("v", 7) + "…\n\n"},
		{"nested hashtable", 0, []any{ht("h", ht("x", 1, "y", arr(1, 2)))}, `
Name                           Value
----                           -----
h                              {[x, 1], [y, System.Object[]]}

`},
		{"hashtable then object", 0, []any{ht("x", 1), obj("a", 1)}, `
Name                           Value
----                           -----
x                              1

a : 1


`},
		{"object then hashtable", 0, []any{obj("a", 1), ht("x", 1)}, "\na\n-\n1\n \n\n"},
		{"timespan", 0, []any{time.Hour + 30*time.Second + 5*time.Millisecond}, `
Days              : 0
Hours             : 1
Minutes           : 0
Seconds           : 30
Milliseconds      : 5
Ticks             : 36300050000
TotalDays         : 0.0420139467592593
TotalHours        : 1.00833472222222
TotalMinutes      : 60.5000833333333
TotalSeconds      : 3630.005
TotalMilliseconds : 3630005

`},
		{"datetime", 0, []any{date}, "\nSunday, November 22, 2026 4:34:37 AM\n\n"},
		{"datetimes", 0, []any{date, date.Add(12 * time.Hour)}, "\nSunday, November 22, 2026 4:34:37 AM\nSunday, November 22, 2026 4:34:37 PM\n\n"},
		{"datetime then object", 0, []any{date, obj("a", 1)}, "\nSunday, November 22, 2026 4:34:37 AM\n\na : 1\n\n\n"},
		{"guid", 0, []any{value.Guid("0f8fad5b-d9cb-469f-a165-70867728950e")}, `
Guid
----
0f8fad5b-d9cb-469f-a165-70867728950e

`},
		{"type", 0, []any{&value.Type{Name: "System.String"}}, `
IsPublic IsSerial Name                                     BaseType
-------- -------- ----                                     --------
True     True     String                                   System.Object

`},
		{"default display", 0, []any{func() any {
			o := obj("Id", 7, "Name", "n", "Hidden", 1)
			o.TypeNames = []string{"Test.Thing", "System.Object"}
			o.DefaultDisplay = []string{"Name", "Id"}
			return o
		}()}, `
Name Id
---- --
n     7

`},
		{"nested array element", 0, []any{arr(1, arr(2, 3))}, `1

Length         : 2
LongLength     : 2
Rank           : 1
SyncRoot       : {2, 3}
IsReadOnly     : False
IsFixedSize    : True
IsSynchronized : False
Count          : 2

`},
		{"truncated last column", 0, []any{obj("a", strings.Repeat("x", 50), "b", strings.Repeat("y", 50), "c", strings.Repeat("z", 50))},
			"\na" + spaces(49) + " b" + spaces(49) + " c\n-" + spaces(49) + " -" + spaces(49) + " -\n" +
				strings.Repeat("x", 50) + " " + strings.Repeat("y", 50) + " " + strings.Repeat("z", 16) + "…\n\n"},
		// A hidden last column leaves the previous one padded in the
		// dashes and data rows (TableWriter.GenerateRow quirk).
		{"hidden column", 20, []any{obj("a", "aaaaaaaaaa", "b", "bbbbbbbbbb", "c", "c")},
			"\na          b\n-          -       \naaaaaaaaaa bbbbbbb…\n\n"},
		{"right-aligned truncation", 20, []any{obj("a", "aaaaaaaaaaaaaaaa", "n", 123456789012)},
			"\na" + spaces(17) + "n\n-" + spaces(17) + "-\naaaaaaaaaaaaaaaa …2\n\n"},
		{"wide characters", 0, []any{obj("名前", "日本語", "x", 1)}, "\n名前   x\n----   -\n日本語 1\n\n"},
		{"cell with new line", 0, []any{obj("a", "one\ntwo", "b", 1)}, "\na       b\n-       -\none…    1\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkOut(t, tt.name, defaultOut(t, tt.width, tt.items...), tt.want)
		})
	}
}

func tableOut(t *testing.T, items []any, cols []Column, o TableOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Table(&b, items, cols, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTable(t *testing.T) {
	people := []any{obj("Name", "Ann", "Age", 31, "City", "Oslo"), obj("Name", "Bob", "Age", 4, "City", "Rome")}
	tests := []struct {
		name  string
		items []any
		cols  []Column
		opts  TableOptions
		want  string
	}{
		{"default", people, nil, TableOptions{}, `
Name Age City
---- --- ----
Ann   31 Oslo
Bob    4 Rome

`},
		{"properties", people, []Column{PropertyColumn("city"), PropertyColumn("Name")}, TableOptions{}, `
City Name
---- ----
Oslo Ann
Rome Bob

`},
		{"missing property", people, []Column{PropertyColumn("Name"), PropertyColumn("Zip")}, TableOptions{},
			"\nName Zip\n---- ---\nAnn  \nBob  \n\n"},
		{"wildcard", people, []Column{PropertyColumn("*")}, TableOptions{}, `
Name Age City
---- --- ----
Ann   31 Oslo
Bob    4 Rome

`},
		{"calculated", people, []Column{
			PropertyColumn("Name"),
			{Label: "Next", Value: func(it any) any { a, _ := PropertyValue(it, "Age"); return a.(int) + 1 }},
			{Label: "Tag", Value: func(any) any { return "t" }, Align: "Right"},
		}, TableOptions{}, `
Name Next Tag
---- ---- ---
Ann    32   t
Bob     5   t

`},
		{"hide headers", people, nil, TableOptions{HideTableHeaders: true}, `
Ann   31 Oslo
Bob    4 Rome

`},
		{"fixed width spreads the other columns", people, []Column{{Label: "N", Property: "Name", Width: 6}, PropertyColumn("Age"), PropertyColumn("City")}, TableOptions{Width: 40}, `
N                   Age City
-                   --- ----
Ann                  31 Oslo
Bob                   4 Rome

`},
		{"group by", []any{obj("k", "a", "v", 1), obj("k", "a", "v", 22), obj("k", "b", "v", 3)}, nil,
			TableOptions{GroupBy: func(it any) any { v, _ := PropertyValue(it, "k"); return v }, GroupLabel: "k"}, `
   k: a

k  v
-  -
a  1
a 22

   k: b

k v
- -
b 3

`},
		{"wrap", []any{obj("a", "one two three four", "b", "x")}, []Column{{Label: "a", Property: "a", Width: 8}, PropertyColumn("b")}, TableOptions{Wrap: true, Width: 30}, `
a        b
-        -
one two  x
three
four

`},
		{"no wrap", []any{obj("a", "one two three four", "b", "x")}, []Column{{Label: "a", Property: "a", Width: 8}, PropertyColumn("b")}, TableOptions{Width: 30}, `
a        b
-        -
one two… x

`},
		{"header wider than a fixed column", []any{obj("LongName", 1, "b", "z")}, []Column{{Label: "LongName", Property: "LongName", Width: 4}, PropertyColumn("b")}, TableOptions{Width: 20}, `
Long b
Name
---- -
   1 z

`},
		{"strings stay text", []any{"a", "b"}, nil, TableOptions{}, "a\nb\n"},
		{"hashtable", []any{ht("a", 1)}, nil, TableOptions{}, `
Name                           Value
----                           -----
a                              1

`},
		{"hashtable autosize", []any{ht("a", 1, "bb", 22)}, nil, TableOptions{AutoSize: true}, `
Name Value
---- -----
a    1
bb   22

`},
		{"hashtable properties", []any{ht("a", 1)}, []Column{PropertyColumn("Key"), PropertyColumn("Value")}, TableOptions{}, `
Key Value
--- -----
a       1

`},
		{"timespan", []any{90 * time.Minute}, nil, TableOptions{}, `
Days Hours Minutes Seconds Milliseconds
---- ----- ------- ------- ------------
0    1     30      0       0

`},
		{"ten columns at most", []any{obj("a", 1, "b", 2, "c", 3, "d", 4, "e", 5, "f", 6, "g", 7, "h", 8, "i", 9, "j", 10, "k", 11)}, nil, TableOptions{}, `
a b c d e f g h i  j
- - - - - - - - -  -
1 2 3 4 5 6 7 8 9 10

`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkOut(t, tt.name, tableOut(t, tt.items, tt.cols, tt.opts), tt.want)
		})
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		name  string
		items []any
		cols  []Column
		opts  ListOptions
		want  string
	}{
		{"all properties", []any{obj("Name", "x", "LongerName", 1)}, nil, ListOptions{}, `
Name       : x
LongerName : 1

`},
		{"selected, missing ones left out", []any{obj("a", 1, "b", 2), obj("a", 3)}, []Column{PropertyColumn("B"), PropertyColumn("a")}, ListOptions{}, `
b : 2
a : 1

a : 3

`},
		{"star", []any{obj("a", 1.5, "b", 2)}, []Column{PropertyColumn("*")}, ListOptions{}, `
a : 1.5
b : 2

`},
		{"calculated", []any{obj("a", 1)}, []Column{{Label: "Double", Value: func(it any) any { v, _ := PropertyValue(it, "a"); return v.(int) * 2 }}}, ListOptions{}, `
Double : 2

`},
		{"hashtable", []any{ht("a", 1, "b", arr(1, 2))}, nil, ListOptions{}, `
Name  : a
Value : 1

Name  : b
Value : {1, 2}

`},
		{"wrapping", []any{obj("a", "aaaa bbbb cccc dddd eeee ffff gggg")}, nil, ListOptions{Width: 30},
			"\na : aaaa bbbb cccc dddd eeee \n    ffff gggg\n\n"},
		{"long word", []any{obj("a", strings.Repeat("x", 30))}, nil, ListOptions{Width: 20},
			"\na : " + strings.Repeat("x", 15) + "\n    " + strings.Repeat("x", 15) + "\n\n"},
		{"new lines", []any{obj("text", "one\r\ntwo\n", "n", 1)}, nil, ListOptions{}, "\ntext : one\n       two\n       \nn    : 1\n\n"},
		{"datetime", []any{time.Date(2026, 11, 22, 4, 34, 37, 123456700, time.UTC)}, nil, ListOptions{}, `
Date        : 11/22/2026 12:00:00 AM
Day         : 22
DayOfWeek   : Sunday
DayOfYear   : 326
Hour        : 4
Kind        : Utc
Millisecond : 123
Microsecond : 456
Nanosecond  : 700
Minute      : 34
Month       : 11
Second      : 37
Ticks       : 639309188771234567
TimeOfDay   : 04:34:37.1234567
Year        : 2026
DateTime    : Sunday, November 22, 2026 4:34:37 AM

`},
		{"scalars", []any{"x", 1}, nil, ListOptions{}, "x\n1\n"},
		{"group by", []any{obj("k", 1), obj("k", 2)}, nil, ListOptions{GroupBy: func(it any) any { v, _ := PropertyValue(it, "k"); return v }, GroupLabel: "k"}, `
   k: 1

k : 1


   k: 2

k : 2

`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := ListWith(&b, tt.items, tt.cols, tt.opts); err != nil {
				t.Fatal(err)
			}
			checkOut(t, tt.name, b.String(), tt.want)
		})
	}
}

func TestListDefaultWidth(t *testing.T) {
	var a, b bytes.Buffer
	items := []any{obj("a", strings.Repeat("word ", 40))}
	if err := List(&a, items, nil); err != nil {
		t.Fatal(err)
	}
	if err := ListWith(&b, items, nil, ListOptions{Width: 120}); err != nil {
		t.Fatal(err)
	}
	checkOut(t, "list width", a.String(), b.String())
	for _, l := range strings.Split(a.String(), "\n") {
		if cells(l) > 119 {
			t.Errorf("line longer than 119 cells: %q", l)
		}
	}
}

func TestColumnWidths(t *testing.T) {
	tests := []struct {
		in    []int
		width int
		want  []int
	}{
		{[]int{30, 0}, 119, []int{30, 88}},
		{[]int{0, 0, 0}, 10, []int{3, 3, 2}},
		{[]int{5, 5}, 119, []int{5, 5}},
		{[]int{50, 50, 50}, 119, []int{50, 50, 17}},
		{[]int{100, 100}, 50, []int{50, -1}},
		{[]int{10, 10, 1}, 19, []int{10, 8, -1}},
	}
	for _, tt := range tests {
		got := append([]int(nil), tt.in...)
		calcColumnWidths(got, tt.width)
		if len(got) != len(tt.want) {
			t.Fatalf("%v", got)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("calcColumnWidths(%v, %d) = %v, want %v", tt.in, tt.width, got, tt.want)
				break
			}
		}
	}
}

func TestGenerateLines(t *testing.T) {
	tests := []struct {
		in          string
		first, rest int
		want        []string
	}{
		{"", 5, 5, []string{""}},
		{"short", 10, 10, []string{"short"}},
		{"one two three", 8, 8, []string{"one two ", "three"}},
		{"abcdefghij", 4, 4, []string{"abcd", "efgh", "ij"}},
		{"a\nb", 4, 4, []string{"a", "b"}},
		{"日本語日本語", 5, 5, []string{"日本", "語日", "本語"}},
	}
	for _, tt := range tests {
		got := generateLines(tt.in, tt.first, tt.rest)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("generateLines(%q, %d) = %q, want %q", tt.in, tt.first, got, tt.want)
		}
	}
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errTest }

var errTest = &CSVError{"write failed"}

func TestWriteError(t *testing.T) {
	if err := Default(errWriter{}, []any{strings.Repeat("x", 10000)}, 0); err != errTest {
		t.Errorf("Default error = %v", err)
	}
}

// point3 is 0.1+0.2 computed at run time (0.30000000000000004); the Go
// constant expression would be exactly 0.3.
var point1, point2 = 0.1, 0.2
var point3 = point1 + point2
