package format

import (
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

func TestToCSV(t *testing.T) {
	tests := []struct {
		name  string
		items []any
		o     CSVOptions
		want  []string
	}{
		{"basic", []any{obj("a", 1, "b", "x,y"), obj("a", 2, "b", `say "hi"`)}, CSVOptions{},
			[]string{`"a","b"`, `"1","x,y"`, `"2","say ""hi"""`}},
		{"missing and null values are empty", []any{obj("a", 1, "b", 2), obj("a", nil), obj("b", "", "c", 3)}, CSVOptions{},
			[]string{`"a","b"`, `"1","2"`, `,`, `,""`}},
		{"value conversions", []any{obj("arr", arr(1, 2), "d", date, "f", point3, "big", 1e16, "t", true, "o", obj("x", 1), "h", ht("k", 1), "s", 90*time.Minute, "c", 'z')}, CSVOptions{},
			[]string{`"arr","d","f","big","t","o","h","s","c"`,
				`"System.Object[]","11/22/2026 4:34:37 AM","0.30000000000000004","10000000000000000","True","@{x=1}","System.Collections.Hashtable","01:30:00","z"`}},
		{"as needed", []any{obj("a b", "x", "c,d", "y,z", "q", `a"b`, "n", "l1\nl2", "r", "x\ry")}, CSVOptions{UseQuotes: QuoteAsNeeded},
			[]string{`a b,"c,d",q,n,r`, "x,\"y,z\",\"a\"\"b\",\"l1\nl2\",x\ry"}},
		{"never", []any{obj("a", "x,y", "b", `q"`)}, CSVOptions{UseQuotes: QuoteNever},
			[]string{`a,b`, `x,y,q"`}},
		{"quote fields", []any{obj("a", 1, "b", 2)}, CSVOptions{QuoteFields: []string{"B"}},
			[]string{`a,"b"`, `1,"2"`}},
		{"delimiter", []any{obj("a", "x;y", "b", "z")}, CSVOptions{Delimiter: ';', UseQuotes: QuoteAsNeeded},
			[]string{`a;b`, `"x;y";z`}},
		{"no header", []any{obj("a", 1)}, CSVOptions{NoHeader: true}, []string{`"1"`}},
		{"type information", []any{obj("a", 1)}, CSVOptions{IncludeTypeInformation: true},
			[]string{"#TYPE System.Management.Automation.PSCustomObject", `"a"`, `"1"`}},
		{"type of an imported object", []any{func() any { o := obj("a", 1); o.TypeNames = []string{"CSV:Foo.Bar"}; return o }()}, CSVOptions{IncludeTypeInformation: true, NoHeader: true},
			[]string{"#TYPE Foo.Bar", `"1"`}},
		{"hashtables use their keys", []any{ht("a", 1, "b", nil), ht("b", 2), obj("a", 3)}, CSVOptions{},
			[]string{`"a","b"`, `"1",`, `,"2"`, `"3",`}},
		{"strings have a Length", []any{"abc", "é😀"}, CSVOptions{}, []string{`"Length"`, `"3"`, `"3"`}},
		{"numbers have no properties", []any{1, 2}, CSVOptions{IncludeTypeInformation: true}, []string{"#TYPE System.Int32", "", "", ""}},
		{"nulls are skipped", []any{nil, obj("a", 1)}, CSVOptions{}, []string{`"a"`, `"1"`}},
		{"nothing", nil, CSVOptions{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ToCSV(tt.items, tt.o)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || len(got) != len(tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func csvDump(items []any) string {
	var parts []string
	for _, it := range items {
		o := it.(*value.Object)
		s := dump(o)
		if !o.IsCustom() {
			s = strings.Join(o.TypeNames, ",") + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestFromCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		o    CSVOptions
		want string
	}{
		{"basic", "a,b\n1,2\n3,4\n", CSVOptions{}, `{a="1";b="2"} {a="3";b="4"}`},
		{"quoted", "\"a\",\"b\"\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",\"\"\r\n", CSVOptions{}, `{a="x,y";b="say \"hi\""} {a="multi\nline";b=""}`},
		{"short and long rows", "a,b,c\n1\n1,2,3,4\n", CSVOptions{}, `{a="1";b=null;c=null} {a="1";b="2";c="3"}`},
		{"trailing delimiter", "a,b\n1,\n", CSVOptions{}, `{a="1";b=""}`},
		{"blank lines", "a\n\n1\n\n\n2", CSVOptions{}, `{a="1"} {a="2"}`},
		{"type line", "#TYPE Foo.Bar\na\n1\n", CSVOptions{}, `Foo.Bar,CSV:Foo.Bar{a="1"}`},
		{"pscustomobject type line", "#TYPE System.Management.Automation.PSCustomObject\na\n1\n", CSVOptions{}, `{a="1"}`},
		{"comment lines before the header", "# note\n#another\na\n1\n", CSVOptions{}, `{a="1"}`},
		{"unnamed columns", "a,,b,,\n1,2,3,4,5\n", CSVOptions{}, `{a="1";H1="2";b="3"}`},
		{"empty first line is a header", "\n1\n", CSVOptions{}, `{H1="1"}`},
		{"header option", "1,2\n3\n", CSVOptions{Header: []string{"x", "y"}}, `{x="1";y="2"} {x="3";y=null}`},
		{"semicolon", "a;b\n\"x;y\";z\n", CSVOptions{Delimiter: ';'}, `{a="x;y";b="z"}`},
		{"tab", "a\tb\nx y\tz\n", CSVOptions{Delimiter: '\t'}, `{a="x y";b="z"}`},
		{"blanks", "a,b,c,d\n  x , \"y\"  ,\"p\" q, \" r \"\n", CSVOptions{}, `{a="x ";b="y";c="p q";d=" r "}`},
		{"quote inside a field", "a,b\nfoo \"ba,r\"\n", CSVOptions{}, `{a="foo \"ba";b="r\""}`},
		{"unterminated quote", "a\n\"open", CSVOptions{}, `{a="open"}`},
		{"crlf", "a,b\r\n1,2\r\n", CSVOptions{}, `{a="1";b="2"}`},
		{"cr only", "a\r1\r2", CSVOptions{}, `{a="1"} {a="2"}`},
		{"empty", "", CSVOptions{}, ``},
		{"header only", "a,b\n", CSVOptions{}, ``},
		{"W3C fields", "#Software: x\n#Fields: date,time\n2026,12:00\n", CSVOptions{}, `{date="2026";time="12:00"}`},
		{"first line starting with # is dropped", "#Fields: a,b\nc,d\n1,2\n", CSVOptions{}, `{c="1";d="2"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromCSV(tt.in, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if d := csvDump(got); d != tt.want {
				t.Errorf("got  %s\nwant %s", d, tt.want)
			}
		})
	}
}

func TestFromCSVErrors(t *testing.T) {
	for in, want := range map[string]string{
		"a,b,A\n1,2,3":  `The member "A" is already present.`,
		"x,x\n":         `The member "x" is already present.`,
		"#TYPE T\nq,q,": `The member "q" is already present.`,
	} {
		_, err := FromCSV(in, CSVOptions{})
		if err == nil || err.Error() != want {
			t.Errorf("FromCSV(%q) error = %v, want %q", in, err, want)
		}
	}
	if _, err := FromCSV("H1,,x\n1,2,3", CSVOptions{}); err == nil || err.Error() != `The member "H1" is already present.` {
		t.Errorf("generated name clash: %v", err)
	}
	if _, err := FromCSV("1", CSVOptions{Header: []string{"a", "A"}}); err == nil {
		t.Error("duplicate -Header names: no error")
	}
}

func TestCSVRoundTrip(t *testing.T) {
	items := []any{obj("name", "a,b", "text", "say \"x\"\nnext", "n", 1), obj("name", "", "text", nil, "n", 2)}
	for _, q := range []QuoteKind{QuoteAlways, QuoteAsNeeded} {
		lines := ToCSV(items, CSVOptions{UseQuotes: q})
		back, err := FromCSV(strings.Join(lines, "\n"), CSVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// A $null value comes back as an empty string.
		want := `{name="a,b";text="say \"x\"\nnext";n="1"} {name="";text="";n="2"}`
		if d := csvDump(back); d != want {
			t.Errorf("quotes %d: got %s", q, d)
		}
	}
}

func FuzzFromCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "\"a\",\"b\"\r\n\"x,\"\"y\",\n", "#TYPE X\na,,b\n1", "a,a\n", "\"unterminated",
		"  x , \"y\"  ,\"p\" q\r", "#Fields: a b\n", "\n\n\n", "a\n\"\"\"\n",
	} {
		f.Add(s, ',')
		f.Add(s, ';')
		f.Add(s, '"')
	}
	f.Fuzz(func(t *testing.T, s string, d rune) {
		items, err := FromCSV(s, CSVOptions{Delimiter: d})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "The member ") {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		// Whatever parses must convert back.
		_ = ToCSV(items, CSVOptions{Delimiter: d})
	})
}
