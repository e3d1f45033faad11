package lint

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/csemu/csemu/parser"
)

func TestParseDirective(t *testing.T) {
	tests := []struct {
		text     string
		ok       bool
		nextLine bool
		codes    []string
	}{
		{" csemu-disable-next-line", true, true, nil},
		{"csemu-disable-next-line", true, true, nil},
		{" csemu-disable-next-line CSE1201", true, true, []string{"CSE1201"}},
		{" csemu-disable-next-line cse1201,CSE1301", true, true, []string{"CSE1201", "CSE1301"}},
		{" csemu-disable-next-line CSE1201, CSE1301 -- the policy is made elsewhere", true, true, []string{"CSE1201", "CSE1301"}},
		{" csemu-disable-next-line -- reason only", true, true, nil},
		{" csemu-disable CSE3001", true, false, []string{"CSE3001"}},
		{" csemu-disable", true, false, nil},
		{" CSEMU-DISABLE CSE3001", true, false, []string{"CSE3001"}},
		// not directives, or malformed ones: ignored as a whole
		{" csemu-disable-next-line CSE12O1", false, false, nil},
		{" csemu-disable-next-line because I said so", false, false, nil},
		{" csemu-disabled", false, false, nil},
		{" csemu-disable-line CSE1001", false, false, nil},
		{" see csemu-disable", false, false, nil},
		{" a comment", false, false, nil},
	}
	for _, tt := range tests {
		d, ok := parseDirective(tt.text)
		if ok != tt.ok {
			t.Errorf("parseDirective(%q) ok = %v, want %v", tt.text, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if d.nextLine != tt.nextLine || !reflect.DeepEqual(d.codes, tt.codes) {
			t.Errorf("parseDirective(%q) = %+v, want nextLine %v codes %q", tt.text, d, tt.nextLine, tt.codes)
		}
	}
}

func TestLineComments(t *testing.T) {
	src := "# one\n" + // 1
		"$a = 'it''s # not a comment' # two\n" + // 2
		"$b = \"x `\" # $(Get-Date # three\n) # still string\" # four\n" + // 3-4
		"$h = @'\n" + // 5
		"# csemu-disable inside a here-string\n" + // 6
		"'@\n" + // 7
		"$e = @\"\n# also inside\n  \"@ # five\n" + // 8-10
		"<# block\n# csemu-disable in a block comment #>\n" + // 11-12
		"Write-Output a#b # six\n" + // 13
		"$t = ’smart # quoted’ # seven\n" // 14
	got := lineComments(src)
	want := []comment{
		{1, " one"}, {2, " two"}, {3, " three"}, {4, " four"}, {10, " five"}, {13, " six"}, {14, " seven"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lineComments:\n got %+v\nwant %+v", got, want)
	}
}

func TestLineCommentsBOMAndCRLF(t *testing.T) {
	got := lineComments("\uFEFF# csemu-disable CSE3001\r\nGet-Date # x\r\n")
	want := []comment{{1, " csemu-disable CSE3001"}, {2, " x"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// fake returns a finding of code at a line.
func fake(code string, line int) Finding {
	return Finding{Code: code, Severity: Warning, File: "t.ps1",
		Pos: parser.Pos{Line: line, Column: 1}, End: parser.Pos{Line: line, Column: 5}, Message: "m"}
}

func codesAt(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+"@"+strconv.Itoa(f.Pos.Line))
	}
	return out
}

func TestSuppress(t *testing.T) {
	src := "Get-Date\n" + // 1
		"# csemu-disable-next-line\n" + // 2
		"Get-Date\n" + // 3: all suppressed
		"# csemu-disable-next-line CSE1201,CSE1301\n" + // 4
		"Get-Date\n" + // 5: CSE1201, CSE1301 suppressed, CSE3001 kept
		"Get-Date\n" + // 6: nothing suppressed (only the next line)
		"$s = '\n# csemu-disable-next-line\n'\n" + // 7-9: inside a string
		"Get-Date # csemu-disable-next-line CSE1201 -- trailing\n" + // 10
		"Get-Date\n" + // 11: CSE1201 suppressed
		"# csemu-disable CSE3001\n" + // 12
		"Get-Date\n" + // 13: CSE3001 suppressed from here on
		"Get-Date\n" // 14
	in := []Finding{
		fake("CSE1201", 1), fake("CSE1201", 3), fake("CSE3001", 3),
		fake("CSE1201", 5), fake("CSE1301", 5), fake("CSE3001", 5),
		fake("CSE1201", 6), fake("CSE1201", 9), fake("CSE1201", 10), fake("CSE1201", 11), fake("CSE3001", 11),
		fake("CSE3001", 13), fake("CSE1201", 13), fake("cse3001", 14),
	}
	got := codesAt(Suppress(src, in))
	want := []string{"CSE1201@1", "CSE3001@5", "CSE1201@6", "CSE1201@9", "CSE1201@10", "CSE3001@11", "CSE1201@13"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Suppress:\n got %q\nwant %q", got, want)
	}
	if len(in) != 14 {
		t.Errorf("Suppress changed its input")
	}
}

func TestSuppressFileWideAll(t *testing.T) {
	src := "Get-Date\n# csemu-disable\nGet-Date\nGet-Date\n"
	got := codesAt(Suppress(src, []Finding{fake("CSE1201", 1), fake("CSE1201", 3), fake("CSE3001", 4)}))
	if want := []string{"CSE1201@1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSuppressSyntaxError suppresses a real finding of the syntax rule.
func TestSuppressSyntaxError(t *testing.T) {
	env := newTestEnv()
	src := "$a = 1\n# csemu-disable-next-line CSE1001\n$b = (1 +\n"
	fs := Lint("t.ps1", src, env)
	if !hasCode(fs, "CSE1001") {
		t.Fatalf("want a CSE1001 finding, got %v", fs)
	}
	if fs[0].Pos.Line != 3 {
		t.Fatalf("the syntax error is on line %d, want 3: %v", fs[0].Pos.Line, fs)
	}
	if got := Suppress(src, fs); hasCode(got, "CSE1001") {
		t.Errorf("next-line CSE1001 did not suppress: %v", got)
	}
	other := "$a = 1\n# csemu-disable-next-line CSE3001\n$b = (1 +\n"
	if got := Suppress(other, Lint("t.ps1", other, env)); !hasCode(got, "CSE1001") {
		t.Errorf("a directive for another code suppressed CSE1001")
	}
}

func hasCode(fs []Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}
