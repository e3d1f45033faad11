package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/csemu/csemu/parser"
)

// sampleReport has findings made up for the formats: a multi-line one, a
// tab, characters outside the BMP before the finding (two UTF-16 units
// each), a zero-width one and one for a rule that does not exist.
func sampleReport() *Report {
	src := "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoin $false\n" +
		"\t$note = '😀😀'; Set-X -Foo 1\n" +
		"Get-Thing @{\n  A = 1\n}\n"
	pos := func(line, col int) parser.Pos { return parser.Pos{Line: line, Column: col} }
	return &Report{
		Version: "9.9.9",
		Sources: map[string]string{"dir/deploy.ps1": src},
		Findings: []Finding{
			{Code: "CSE1001", Severity: Error, File: "dir/deploy.ps1", Pos: pos(1, 44), End: pos(1, 70),
				Message: `unknown parameter "AllowAnonymousUsersToJoin"`, Suggestion: "did you mean -AllowAnonymousUsersToJoinMeeting?"},
			{Code: "CSE7001", Severity: Warning, File: "dir/deploy.ps1", Pos: pos(2, 23), End: pos(2, 27), Message: `a "fake" <finding>`},
			{Code: "CSE1001", Severity: Info, File: "dir/deploy.ps1", Pos: pos(3, 11), End: pos(5, 2), Message: "spans lines"},
			{Code: "CSE1001", Severity: Warning, File: "dir/deploy.ps1", Pos: pos(5, 2), End: pos(5, 2), Message: "at a point"},
		},
	}
}

func render(t *testing.T, r *Report, f Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFormatGCC(t *testing.T) {
	want := `dir/deploy.ps1:1:44: error: unknown parameter "AllowAnonymousUsersToJoin" [CSE1001]
dir/deploy.ps1:2:23: warning: a "fake" <finding> [CSE7001]
dir/deploy.ps1:3:11: info: spans lines [CSE1001]
dir/deploy.ps1:5:2: warning: at a point [CSE1001]
`
	if got := render(t, sampleReport(), GCC); got != want {
		t.Errorf("gcc:\n%s\nwant:\n%s", got, want)
	}
}

func TestFormatText(t *testing.T) {
	want := `dir/deploy.ps1:1:44: error: unknown parameter "AllowAnonymousUsersToJoin" [CSE1001]
Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoin $false
                                           ^~~~~~~~~~~~~~~~~~~~~~~~~~
  suggestion: did you mean -AllowAnonymousUsersToJoinMeeting?
dir/deploy.ps1:2:23: warning: a "fake" <finding> [CSE7001]
	$note = '😀😀'; Set-X -Foo 1
	                     ^~~~
dir/deploy.ps1:3:11: info: spans lines [CSE1001]
Get-Thing @{
          ^~
dir/deploy.ps1:5:2: warning: at a point [CSE1001]
}
 ^
`
	if got := render(t, sampleReport(), Text); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	// a finding whose file has no source shows no line
	r := &Report{Findings: []Finding{fake("CSE1001", 3)}}
	if got, want := render(t, r, Text), "t.ps1:3:1: warning: m [CSE1001]\n"; got != want {
		t.Errorf("text without source: %q, want %q", got, want)
	}
}

func TestFormatJSON(t *testing.T) {
	got := render(t, sampleReport(), JSON)
	var out []map[string]any
	if err := json.Unmarshal([]byte(got), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if len(out) != 4 {
		t.Fatalf("%d objects, want 4", len(out))
	}
	want := map[string]any{"code": "CSE1001", "severity": "error", "file": "dir/deploy.ps1", "line": 1.0, "column": 44.0,
		"endLine": 1.0, "endColumn": 70.0, "message": `unknown parameter "AllowAnonymousUsersToJoin"`,
		"suggestion": "did you mean -AllowAnonymousUsersToJoinMeeting?"}
	if fmt.Sprint(out[0]) != fmt.Sprint(want) {
		t.Errorf("json[0] = %v\nwant %v", out[0], want)
	}
	// columns are runes in json, as in the text formats
	if out[1]["column"] != 23.0 || out[1]["endColumn"] != 27.0 || out[2]["endLine"] != 5.0 {
		t.Errorf("json positions: %v %v", out[1], out[2])
	}
	if !strings.Contains(got, `"a \"fake\" <finding>"`) {
		t.Errorf("json escapes < and >:\n%s", got)
	}
	if got := render(t, &Report{}, JSON); got != "[]\n" {
		t.Errorf("no findings: %q, want []", got)
	}
}

func TestFormatSARIF(t *testing.T) {
	got := render(t, sampleReport(), SARIF)
	log := checkSARIF(t, []byte(got))
	run := log["runs"].([]any)[0].(map[string]any)
	results := run["results"].([]any)
	if len(results) != 4 {
		t.Fatalf("%d results, want 4", len(results))
	}
	region := func(i int) string {
		loc := results[i].(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		r := loc["region"].(map[string]any)
		return fmt.Sprintf("%s %v:%v-%v:%v", loc["artifactLocation"].(map[string]any)["uri"],
			r["startLine"], r["startColumn"], r["endLine"], r["endColumn"])
	}
	// 😀 is one rune but two UTF-16 code units: columns 23-27 in runes are
	// 25-29 in UTF-16 units
	for i, want := range []string{"dir/deploy.ps1 1:44-1:70", "dir/deploy.ps1 2:25-2:29", "dir/deploy.ps1 3:11-5:2", "dir/deploy.ps1 5:2-5:2"} {
		if got := region(i); got != want {
			t.Errorf("result %d region %s, want %s", i, got, want)
		}
	}
	r0 := results[0].(map[string]any)
	if r0["level"] != "error" || r0["ruleId"] != "CSE1001" ||
		r0["message"].(map[string]any)["text"] != `unknown parameter "AllowAnonymousUsersToJoin" (did you mean -AllowAnonymousUsersToJoinMeeting?)` {
		t.Errorf("result 0: %v", r0)
	}
	if results[2].(map[string]any)["level"] != "note" {
		t.Errorf("info is not a note: %v", results[2])
	}
	if _, ok := results[1].(map[string]any)["ruleIndex"]; ok {
		t.Errorf("a result for an unknown rule has a ruleIndex: %v", results[1])
	}
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["version"] != "9.9.9" {
		t.Errorf("driver version %v", driver["version"])
	}
	if n := len(driver["rules"].([]any)); n != len(Rules()) {
		t.Errorf("%d rules, want %d", n, len(Rules()))
	}
	// no findings: still a valid log with an empty results array
	empty := checkSARIF(t, []byte(render(t, &Report{}, SARIF)))
	if rs := empty["runs"].([]any)[0].(map[string]any)["results"].([]any); len(rs) != 0 {
		t.Errorf("results %v", rs)
	}
}

// checkSARIF checks a log against what the SARIF 2.1.0 schema requires
// (sarif-schema-2.1.0.json) and what GitHub code scanning reads, and
// returns it decoded.
func checkSARIF(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	errorf := func(format string, args ...any) { t.Helper(); t.Errorf("sarif: "+format, args...) }
	obj := func(v any, where string) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			errorf("%s is not an object: %v", where, v)
		}
		return m
	}
	arr := func(v any, where string) []any {
		a, ok := v.([]any)
		if !ok {
			errorf("%s is not an array: %v", where, v)
		}
		return a
	}
	str := func(m map[string]any, key, where string) string {
		s, ok := m[key].(string)
		if !ok || s == "" {
			errorf("%s.%s is not a non-empty string: %v", where, key, m[key])
		}
		return s
	}
	num := func(m map[string]any, key, where string, min float64) float64 {
		n, ok := m[key].(float64)
		if !ok || n != float64(int(n)) || n < min {
			errorf("%s.%s is not an integer >= %v: %v", where, key, min, m[key])
		}
		return n
	}
	message := func(v any, where string) {
		m := obj(v, where)
		if _, ok := m["text"]; !ok {
			if _, ok := m["id"]; !ok {
				errorf("%s has neither text nor id", where)
			}
		}
	}
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}

	if s := str(log, "$schema", "log"); !strings.Contains(s, "sarif") {
		errorf("$schema %q", s)
	} else if _, err := url.Parse(s); err != nil {
		errorf("$schema is not a URI: %v", err)
	}
	if log["version"] != "2.1.0" {
		errorf("version %v, want 2.1.0", log["version"])
	}
	runs := arr(log["runs"], "runs")
	if len(runs) != 1 {
		t.Fatalf("sarif: %d runs, want 1", len(runs))
	}
	run := obj(runs[0], "runs[0]")
	driver := obj(obj(run["tool"], "tool")["driver"], "tool.driver")
	if str(driver, "name", "driver") != "csemu" {
		errorf("driver name %v", driver["name"])
	}
	if _, err := url.ParseRequestURI(str(driver, "informationUri", "driver")); err != nil {
		errorf("informationUri: %v", err)
	}
	rules := arr(driver["rules"], "driver.rules")
	ids := map[string]int{}
	for i, rv := range rules {
		where := fmt.Sprintf("rules[%d]", i)
		rule := obj(rv, where)
		id := str(rule, "id", where)
		if _, dup := ids[id]; dup {
			errorf("rule %s listed twice", id)
		}
		ids[id] = i
		str(rule, "name", where)
		for _, k := range []string{"shortDescription", "fullDescription", "help"} {
			str(obj(rule[k], where+"."+k), "text", where+"."+k)
		}
		str(obj(rule["help"], where+".help"), "markdown", where+".help")
		if lvl := obj(rule["defaultConfiguration"], where+".defaultConfiguration")["level"]; !levels[fmt.Sprint(lvl)] {
			errorf("%s level %v", where, lvl)
		}
	}
	if ck, ok := run["columnKind"]; ok && ck != "utf16CodeUnits" && ck != "unicodeCodePoints" {
		errorf("columnKind %v", ck)
	}
	results, ok := run["results"].([]any)
	if !ok {
		errorf("results is not an array: %v", run["results"])
	}
	for i, rv := range results {
		where := fmt.Sprintf("results[%d]", i)
		res := obj(rv, where)
		message(res["message"], where+".message")
		id := str(res, "ruleId", where)
		if ri, ok := res["ruleIndex"]; ok {
			n := num(res, "ruleIndex", where, 0)
			if int(n) >= len(rules) || ids[id] != int(n) {
				errorf("%s ruleIndex %v does not name rule %s", where, ri, id)
			}
		}
		if lvl, ok := res["level"]; ok && !levels[fmt.Sprint(lvl)] {
			errorf("%s level %v", where, lvl)
		}
		locs := arr(res["locations"], where+".locations")
		if len(locs) == 0 {
			errorf("%s has no location", where)
		}
		for j, lv := range locs {
			lw := fmt.Sprintf("%s.locations[%d]", where, j)
			phys := obj(obj(lv, lw)["physicalLocation"], lw+".physicalLocation")
			uri := str(obj(phys["artifactLocation"], lw+".artifactLocation"), "uri", lw+".artifactLocation")
			if u, err := url.Parse(uri); err != nil || strings.Contains(uri, `\`) || (u.Scheme == "" && strings.HasPrefix(uri, "/")) {
				errorf("%s uri %q is not a relative URI with forward slashes", lw, uri)
			}
			reg := obj(phys["region"], lw+".region")
			sl := num(reg, "startLine", lw+".region", 1)
			sc := num(reg, "startColumn", lw+".region", 1)
			el := num(reg, "endLine", lw+".region", 1)
			ec := num(reg, "endColumn", lw+".region", 1)
			if el < sl || el == sl && ec < sc {
				errorf("%s region ends before it starts: %v", lw, reg)
			}
		}
	}
	return log
}

func TestUTF16Column(t *testing.T) {
	src := "a😀b\n\u00e9x\n"
	for _, tt := range []struct{ line, col, want int }{
		{1, 1, 1}, {1, 2, 2}, {1, 3, 4}, {1, 4, 5}, {1, 6, 7}, // past the end: one unit a column
		{2, 2, 2}, {2, 3, 3}, {9, 3, 3},
	} {
		if got := utf16Column(src, tt.line, tt.col); got != tt.want {
			t.Errorf("utf16Column(%d, %d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string]string{
		"deploy.ps1":           "deploy.ps1",
		"./scripts/a b.ps1":    "scripts/a%20b.ps1",
		"scripts/x#1.ps1":      "scripts/x%231.ps1",
		"/abs/dir/deploy.ps1":  "file:///abs/dir/deploy.ps1",
		"/repo/scripts/x.ps1":  "scripts/x.ps1",
		"/repo/../other/x.ps1": "file:///other/x.ps1",
		"/repository/x.ps1":    "file:///repository/x.ps1",
	} {
		if got := artifactURI(in, "/repo"); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSummary(t *testing.T) {
	mk := func(sevs ...Severity) []Finding {
		var out []Finding
		for _, s := range sevs {
			out = append(out, Finding{Severity: s})
		}
		return out
	}
	for _, tt := range []struct {
		in   []Finding
		want string
	}{
		{mk(Error, Warning, Warning), "3 findings: 1 error, 2 warnings"},
		{mk(Warning), "1 finding: 1 warning"},
		{mk(Info, Error, Info, Error), "4 findings: 2 errors, 2 info"},
		{nil, "0 findings"},
	} {
		if got := Summary(tt.in); got != tt.want {
			t.Errorf("Summary = %q, want %q", got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": Text, "GCC": GCC, "json": JSON, "sarif": SARIF} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || err.Error() != `unknown format "xml": use text, json, sarif or gcc` {
		t.Errorf("ParseFormat(xml): %v", err)
	}
}

// TestExplain checks what --explain prints for every rule, and that each
// rule's examples are true: the mistake triggers the rule, the fix does not.
func TestExplain(t *testing.T) {
	env := newTestEnv()
	rules := Rules()
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range rules {
		var b bytes.Buffer
		if err := WriteExplain(&b, r); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.HasPrefix(out, r.Code+" "+r.Name+" ("+r.Severity.String()+")\n") {
			t.Errorf("%s: explain starts %q", r.Code, strings.SplitN(out, "\n", 2)[0])
		}
		for _, part := range []string{r.Summary, r.Help, indent(r.Bad), indent(r.Good)} {
			if strings.TrimSpace(part) == "" || !strings.Contains(out, part) {
				t.Errorf("%s: explain lacks %q:\n%s", r.Code, part, out)
			}
		}
		lintExample := func(name, src string) []Finding {
			if r.Manifest {
				fs, _, _ := LintManifest(strings.TrimSuffix(name, ".ps1")+".json", []byte(src))
				return fs
			}
			return Lint(name, src, env)
		}
		if !hasCode(lintExample("bad.ps1", r.Bad), r.Code) {
			t.Errorf("%s: the mistake does not trigger the rule:\n%s", r.Code, r.Bad)
		}
		if fs := lintExample("good.ps1", r.Good); hasCode(fs, r.Code) {
			t.Errorf("%s: the fix triggers the rule: %v\n%s", r.Code, fs, r.Good)
		}
	}
}
