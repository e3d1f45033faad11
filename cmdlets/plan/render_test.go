package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// update rewrites the golden files: go test ./cmdlets/plan -run Golden -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// scriptAt is a script line of deploy.ps1.
func scriptAt(line int, cmdlet string) Location {
	return Location{File: "deploy.ps1", Line: line, Cmdlet: cmdlet}
}

// allQuestions are the default questions: Test-AnonymousJoin for
// the client types Teams and Acs and the meeting types Meeting, Webinar
// and TownHall.
func allQuestions() []Question {
	var qs []Question
	for _, c := range []string{"Teams", "Acs"} {
		for _, m := range []string{"Meeting", "Webinar", "TownHall"} {
			qs = append(qs, Question{ClientType: c, MeetingType: m})
		}
	}
	return qs
}

// richPlan has every kind of change the issue lists (policies created,
// changed and removed; users and groups added and removed; licences and
// group membership; direct, group and tenant-wide assignments granted,
// changed and revoked), a property set twice, unchanged writes, three
// impact groups (one of more than five organizers, one without a cause
// in the script) and findings; the script did not fail. One value holds
// the characters markdown gives meaning to (|, <, >, backticks) and one
// a line break, to show they are escaped.
func richPlan() *Plan {
	return &Plan{
		Script: "deploy.ps1",
		Changes: []ObjectChange{
			{Kind: "TeamsMeetingPolicy", Identity: "Tag:NoAcs", Action: Create, Lines: []Location{scriptAt(3, "New-CsTeamsMeetingPolicy")},
				Props: []PropChange{
					{Name: "BlockedAnonymousJoinClientTypes", New: "{Acs}", OldAbsent: true, Lines: []Location{scriptAt(3, "New-CsTeamsMeetingPolicy")}},
					{Name: "Description", New: "No ACS | `guests` <b>only</b>", OldAbsent: true, Lines: []Location{scriptAt(4, "Set-CsTeamsMeetingPolicy")}},
					// settings the script left at the cmdlet's defaults
					{Name: "AllowAnnotations", New: "True", OldAbsent: true},
					{Name: "AllowBreakoutRooms", New: "True", OldAbsent: true},
				}},
			{Kind: "TeamsMeetingPolicy", Identity: "Global", Action: Update,
				Props: []PropChange{
					{Name: "AutoAdmittedUsers", Old: "EveryoneInCompany", New: "Everyone", Lines: []Location{scriptAt(5, "Set-CsTeamsMeetingPolicy"), scriptAt(9, "Set-CsTeamsMeetingPolicy")}},
					{Name: "AllowAnonymousUsersToJoinMeeting", Old: "True", New: "False", Lines: []Location{scriptAt(6, "Set-CsTeamsMeetingPolicy")}},
					{Name: "Description", Old: "", New: "line one\nline two", Lines: []Location{scriptAt(6, "Set-CsTeamsMeetingPolicy")}},
				}},
			{Kind: "TeamsMeetingPolicy", Identity: "Tag:Legacy", Action: Remove, Lines: []Location{scriptAt(7, "Remove-CsTeamsMeetingPolicy")}},
			{Kind: "User", Identity: "new@contoso.com", Action: Create, Lines: []Location{scriptAt(10, "New-EmuUser")},
				Props: []PropChange{
					{Name: "DisplayName", New: "new", OldAbsent: true},
					{Name: "Licenses", New: "{MCOEV}", OldAbsent: true, Lines: []Location{scriptAt(10, "New-EmuUser")}},
				}},
			{Kind: "User", Identity: "old@contoso.com", Action: Remove, Lines: []Location{scriptAt(11, "Remove-EmuUser")}},
			{Kind: "User", Identity: "ann@contoso.com", Action: Update,
				Props: []PropChange{
					{Name: "TeamsMeetingPolicy", New: "NoAcs", OldAbsent: true, Lines: []Location{scriptAt(14, "Grant-CsTeamsMeetingPolicy")}},
				}},
			{Kind: "User", Identity: "bob@contoso.com", Action: Update,
				Props: []PropChange{
					{Name: "TeamsMessagingPolicy", Old: "Strict", NewAbsent: true, Lines: []Location{scriptAt(15, "Grant-CsTeamsMessagingPolicy")}},
					{Name: "Groups", Old: "{}", New: "{sales}", Lines: []Location{scriptAt(12, "Add-EmuGroupMember")}},
				}},
			{Kind: "Group", Identity: "sales", Action: Create, Lines: []Location{scriptAt(12, "Add-EmuGroupMember")}},
			{Kind: "GroupPolicyAssignment", Identity: "sales TeamsMeetingPolicy", Action: Create, Lines: []Location{scriptAt(16, "New-CsGroupPolicyAssignment")},
				Props: []PropChange{
					{Name: "PolicyName", New: "NoAcs", OldAbsent: true, Lines: []Location{scriptAt(16, "New-CsGroupPolicyAssignment")}},
					{Name: "Rank", New: "1", OldAbsent: true, Lines: []Location{scriptAt(16, "New-CsGroupPolicyAssignment")}},
				}},
			{Kind: "GroupPolicyAssignment", Identity: "support TeamsMeetingPolicy", Action: Update,
				Props: []PropChange{
					{Name: "Rank", Old: "1", New: "2", Lines: []Location{scriptAt(16, "New-CsGroupPolicyAssignment")}},
				}},
			{Kind: "GroupPolicyAssignment", Identity: "interns TeamsMessagingPolicy", Action: Remove, Lines: []Location{scriptAt(17, "Remove-CsGroupPolicyAssignment")}},
			{Kind: "TenantGrant", Identity: "TeamsMeetingBroadcastPolicy", Action: Update,
				Props: []PropChange{
					{Name: "PolicyName", New: "NoRecording", OldAbsent: true, Lines: []Location{scriptAt(18, "Grant-CsTeamsMeetingBroadcastPolicy")}},
				}},
		},
		Unchanged:  2,
		Questions:  allQuestions(),
		Organizers: 100000,
		Impact: []ImpactGroup{
			{Question: Question{"Acs", "Meeting"}, Before: "Lobby", After: "Blocked",
				DecidedBy: "TeamsMeetingPolicy[Tag:NoAcs].BlockedAnonymousJoinClientTypes",
				Cause:     &Location{File: "deploy.ps1", Line: 14, Cmdlet: "Grant-CsTeamsMeetingPolicy"}, Count: 1204,
				Examples: []string{"ann@contoso.com", "bea@contoso.com", "cy@contoso.com", "dan@contoso.com", "eve@contoso.com"}},
			{Question: Question{"Teams", "Meeting"}, Before: "Lobby", After: "Admitted",
				DecidedBy: "TeamsMeetingPolicy[Global].AutoAdmittedUsers",
				Cause:     &Location{File: "deploy.ps1", Line: 9, Cmdlet: "Set-CsTeamsMeetingPolicy"}, Count: 3,
				Examples: []string{"fay@contoso.com", "gus@contoso.com", "hal@contoso.com"}},
			{Question: Question{"Teams", "Webinar"}, Before: "Admitted", After: "Blocked",
				DecidedBy: "TeamsEventsPolicy[Global].EventAccessType", Count: 1,
				Examples: []string{"ivy@contoso.com"}},
		},
		Affected: 1206,
		Findings: []Finding{
			{File: "deploy.ps1", Line: 5, Column: 1, Severity: "warning", Code: "CS1001", Message: "Set-CsTeamsMeetingPolicy changes the Global policy, which applies to every user without a direct or group assignment"},
			{File: "deploy.ps1", Line: 9, Column: 1, Severity: "info", Code: "CS2002", Message: "AutoAdmittedUsers is set again | line 5 set it to `EveryoneInCompany` <first>"},
		},
	}
}

// failedPlan stopped at line 12 after two changes (the issue: "A script
// that fails halfway: the plan shows the changes up to the failure and
// says where it failed; with --atomic semantics it says that nothing
// would be applied").
func failedPlan(atomic bool) *Plan {
	return &Plan{
		Script: "deploy.ps1",
		Changes: []ObjectChange{
			{Kind: "TeamsMeetingPolicy", Identity: "Tag:NoAcs", Action: Create, Lines: []Location{scriptAt(3, "New-CsTeamsMeetingPolicy")}},
			{Kind: "User", Identity: "ann@contoso.com", Action: Update,
				Props: []PropChange{{Name: "TeamsMeetingPolicy", Old: "Default", New: "NoAcs", Lines: []Location{scriptAt(7, "Grant-CsTeamsMeetingPolicy")}}}},
		},
		Questions:  allQuestions(),
		Organizers: 2,
		Impact: []ImpactGroup{
			{Question: Question{"Acs", "Meeting"}, Before: "Lobby", After: "Blocked",
				DecidedBy: "TeamsMeetingPolicy[Tag:NoAcs].BlockedAnonymousJoinClientTypes",
				Cause:     &Location{File: "deploy.ps1", Line: 7, Cmdlet: "Grant-CsTeamsMeetingPolicy"}, Count: 1,
				Examples: []string{"ann@contoso.com"}},
		},
		Affected: 1,
		Failed: &Failure{File: "deploy.ps1", Line: 12, Column: 5,
			Message: "Cannot find a policy with the identity \"Tag:Missing\".\nCheck the name."},
		Atomic: atomic,
	}
}

// emptyPlan is a script that changed nothing: "No changes."
func emptyPlan() *Plan {
	return &Plan{Script: "readonly.ps1", Questions: allQuestions(), Organizers: 100000}
}

// diffPlan is the plan of two tenant files (csemu diff A.db B.db): no
// script, so no lines, and a header naming the two tenants.
func diffPlan() *Plan {
	return &Plan{
		Before: "monday.db", After: "tuesday.db",
		Changes: []ObjectChange{
			{Kind: "TeamsMeetingPolicy", Identity: "Global", Action: Update,
				Props: []PropChange{{Name: "AutoAdmittedUsers", Old: "EveryoneInCompany", New: "Everyone"}}},
			{Kind: "User", Identity: "zed@contoso.com", Action: Create,
				Props: []PropChange{{Name: "DisplayName", New: "Zed", OldAbsent: true}}},
		},
		Questions:  allQuestions(),
		Organizers: 2,
		Impact: []ImpactGroup{
			{Question: Question{"Teams", "Meeting"}, Before: "Lobby", After: "Admitted",
				DecidedBy: "TeamsMeetingPolicy[Global].AutoAdmittedUsers", Count: 2,
				Examples: []string{"ann@contoso.com", "zed@contoso.com"}},
		},
		Affected: 2,
	}
}

// goldens are the plans rendered to testdata/<name>.{txt,json,md}.
func goldens() []struct {
	name string
	plan *Plan
} {
	return []struct {
		name string
		plan *Plan
	}{
		// Issue 13, "What to build" 1 to 3, each in the three formats:
		// changes grouped by object in the order of the script, created
		// (+), changed (~ with old → new) and removed (-) policies,
		// users and groups added and removed, licences and membership,
		// direct, group (with rank) and tenant-wide assignments; each
		// change naming its script line; "a property set twice shows its
		// final value and both lines" (AutoAdmittedUsers, lines 5 and
		// 9); "unchanged writes ... are counted, not listed" (2 writes);
		// impact groups "1,204 organizers: Acs Meeting Lobby → Blocked,
		// decided by ... (Grant-CsTeamsMeetingPolicy at deploy.ps1:14)"
		// with up to 5 examples and a count; the findings; the markdown
		// summary table and <details> blocks; the JSON layout.
		{"rich", richPlan()},
		// "A script that fails halfway: the plan shows the changes up to
		// the failure and says where it failed" ...
		{"failed", failedPlan(false)},
		// ... "with --atomic semantics it says that nothing would be
		// applied".
		{"failed_atomic", failedPlan(true)},
		// A script that changes nothing: "No changes.", and no
		// organizer's answer changes.
		{"empty", emptyPlan()},
		// "The same diff between any two tenants: ... csemu diff A.db
		// B.db (the plan's layout)": a header naming both, no lines.
		{"diff", diffPlan()},
	}
}

// TestGolden renders each plan in the three formats and compares with
// the files in testdata; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, g := range goldens() {
		for _, f := range []struct {
			ext    string
			render func(*Plan, *bytes.Buffer) error
		}{
			{"txt", func(p *Plan, b *bytes.Buffer) error { return p.Text(b, TextOptions{}) }},
			{"json", func(p *Plan, b *bytes.Buffer) error { return p.JSON(b) }},
			{"md", func(p *Plan, b *bytes.Buffer) error { return p.Markdown(b) }},
		} {
			t.Run(g.name+"."+f.ext, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.render(g.plan, &b); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", g.name+"."+f.ext)
				if *update {
					if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := b.String(); got != string(want) {
					t.Errorf("%s differs from the rendering (go test -run TestGolden -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// TestGoldenJSONMatchesSchema validates every golden JSON file against
// plan.schema.json, so the published schema and the output agree.
func TestGoldenJSONMatchesSchema(t *testing.T) {
	schema := compileSchema(t)
	for _, g := range goldens() {
		data, err := os.ReadFile(filepath.Join("testdata", g.name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", g.name, err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s.json does not match plan.schema.json: %v", g.name, err)
		}
	}
}

// TestSchemaRejects shows the schema is strict enough to catch a
// missing key, a null list and a key it does not know.
func TestSchemaRejects(t *testing.T) {
	schema := compileSchema(t)
	var b bytes.Buffer
	if err := richPlan().JSON(&b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func(m map[string]any)
	}{
		{"no version", func(m map[string]any) { delete(m, "version") }},
		{"null changes", func(m map[string]any) { m["changes"] = nil }},
		{"unknown key", func(m map[string]any) { m["extra"] = 1 }},
		{"bad action", func(m map[string]any) { m["changes"].([]any)[0].(map[string]any)["action"] = "replace" }},
		{"version 2", func(m map[string]any) { m["version"] = 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(b.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			tc.change(m)
			data, _ := json.Marshal(m)
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if schema.Validate(doc) == nil {
				t.Error("the schema accepted it")
			}
		})
	}
}

// compileSchema compiles plan.schema.json as draft 2020-12.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("plan.schema.json: %v", err)
	}
	m, ok := doc.(map[string]any)
	if !ok || m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Fatalf("plan.schema.json does not declare draft 2020-12")
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("plan.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestJSONDeterministic renders the same plan twice to the same bytes,
// with lists as [] and no value as null except failed and cause.
func TestJSONDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := richPlan().JSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := richPlan().JSON(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two renderings of one plan differ")
	}
	var e bytes.Buffer
	if err := (&Plan{}).JSON(&e); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"changes": []`, `"questions": []`, `"impact": []`, `"findings": []`, `"failed": null`} {
		if !strings.Contains(e.String(), key) {
			t.Errorf("a zero plan's JSON lacks %s:\n%s", key, e.String())
		}
	}
}

// TestTextColor: + green, ~ yellow, - red when Color is on, and no escape
// sequence at all when it is off.
func TestTextColor(t *testing.T) {
	var on, off bytes.Buffer
	p := richPlan()
	if err := p.Text(&on, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if err := p.Text(&off, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"  \x1b[32m+\x1b[0m TeamsMeetingPolicy Tag:NoAcs",
		"  \x1b[33m~\x1b[0m TeamsMeetingPolicy Global",
		"  \x1b[31m-\x1b[0m TeamsMeetingPolicy Tag:Legacy",
	} {
		if !strings.Contains(on.String(), want) {
			t.Errorf("coloured text lacks %q", want)
		}
	}
	if strings.Contains(off.String(), "\x1b") {
		t.Error("uncoloured text has an escape sequence")
	}
	if got := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(on.String(),
		ansiGreen, ""), ansiYellow, ""), ansiRed, ""), ansiReset, ""); got != off.String() {
		t.Error("colour changes more than the signs")
	}
}

// TestTextEscapesControlCharacters: a value with a terminal escape or a
// line break is quoted, so it can neither colour the terminal nor start a
// line that looks like a change.
func TestTextEscapesControlCharacters(t *testing.T) {
	p := &Plan{Script: "x.ps1", Changes: []ObjectChange{{Kind: "TeamsMeetingPolicy", Identity: "Tag:\x1b[31mRed", Action: Update,
		Props: []PropChange{{Name: "Description", Old: "a", New: "b\n+ TeamsMeetingPolicy Fake"}}}}}
	var b bytes.Buffer
	if err := p.Text(&b, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\n+ TeamsMeetingPolicy Fake") {
		t.Errorf("a control character reached the output:\n%s", out)
	}
	for _, want := range []string{`~ TeamsMeetingPolicy "Tag:\x1b[31mRed"`, `Description: a → "b\n+ TeamsMeetingPolicy Fake"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

// TestMarkdownEscapes: values are code spans whose fence outruns their
// backticks, | is escaped in table cells, and text escapes markdown's
// punctuation and HTML.
func TestMarkdownEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "`plain`"},
		{"a|b", "`a\\|b`"},
		{"a`b", "``a`b``"},
		{"`x`", "`` `x` ``"},
		{"a\nb", "`a b`"},
		{"", ""},
	} {
		if got := mdCode(tc.in); got != tc.want {
			t.Errorf("mdCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"},
		{"a|b", `a\|b`},
		{"`x`", "\\`x\\`"},
		{"~~gone~~ *bold* _it_ [l](u)", `\~\~gone\~\~ \*bold\* \_it\_ \[l\](u)`},
		{"a & b", "a &amp; b"},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	lines := []string{"+ x ```` y"}
	if got := mdFence(lines); got != "`````" {
		t.Errorf("mdFence = %q, want five backticks", got)
	}
}

// TestMarkdownDiffSigns: in the ```diff block creates start with +,
// removes with - and updates with ! (GitHub colours +, - and !, not ~),
// on the object's line and on each of its properties' lines.
func TestMarkdownDiffSigns(t *testing.T) {
	var b bytes.Buffer
	if err := richPlan().Markdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	start := strings.Index(out, "```diff\n")
	end := strings.Index(out[start+8:], "\n```\n")
	if start < 0 || end < 0 {
		t.Fatalf("no diff block:\n%s", out)
	}
	for _, l := range strings.Split(out[start+8:start+8+end], "\n") {
		if l == "" || !strings.ContainsRune("+-!", rune(l[0])) {
			t.Errorf("diff line %q does not start with +, - or !", l)
		}
		if strings.HasPrefix(l, "+++") || strings.HasPrefix(l, "---") || strings.HasPrefix(l, "@@") {
			t.Errorf("diff line %q would be read as a diff header", l)
		}
	}
}

// TestThousands: numbers are written as in the issue, 1,204.
func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1204: "1,204", 100000: "100,000",
		1000000: "1,000,000", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSummary: the last line counts creates, changes and removes and the
// organizers affected; an empty plan says "No changes.".
func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		p    *Plan
		want string
	}{
		{richPlan(), "Plan: 4 to create, 5 to change, 3 to remove; 1,206 organizers affected."},
		{emptyPlan(), "No changes."},
		{&Plan{Failed: &Failure{File: "a.ps1", Line: 1}}, "No changes before the script stopped."},
		{failedPlan(false), "Plan: 1 to create, 1 to change, 0 to remove; 1 organizer affected."},
		{failedPlan(true), "Plan: nothing would be applied (--atomic, and the script stopped); up to the failure: 1 to create, 1 to change, 0 to remove; 1 organizer affected."},
	} {
		if got := summary(tc.p); got != tc.want {
			t.Errorf("summary = %q, want %q", got, tc.want)
		}
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriteErrors: a writer's error is returned, not dropped.
func TestWriteErrors(t *testing.T) {
	p := richPlan()
	if err := p.Text(failingWriter{}, TextOptions{}); err == nil {
		t.Error("Text returned no error")
	}
	if err := p.JSON(failingWriter{}); err == nil {
		t.Error("JSON returned no error")
	}
	if err := p.Markdown(failingWriter{}); err == nil {
		t.Error("Markdown returned no error")
	}
}

// TestSchemaDoc keeps the README's description of the plan's JSON and
// plan.schema.json together: the example there is valid, and every key
// the schema knows is described there.
func TestSchemaDoc(t *testing.T) {
	schema := compileSchema(t)
	doc, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, text, ok := strings.Cut(string(doc), "### The plan's JSON layout")
	if !ok {
		t.Fatal("the README has no section on the plan's JSON layout")
	}
	text, _, _ = strings.Cut(text, "\n## ")
	_, example, ok := strings.Cut(text, "```json\n")
	example, _, ok2 := strings.Cut(example, "```")
	if !ok || !ok2 {
		t.Fatal("the README's section has no ```json example")
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(example))
	if err != nil {
		t.Fatalf("the README's example: %v", err)
	}
	if err := schema.Validate(v); err != nil {
		t.Errorf("the README's example does not match plan.schema.json: %v", err)
	}
	data, err := os.ReadFile("plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, key := range schemaKeys(raw) {
		if !strings.Contains(text, "`"+key+"`") {
			t.Errorf("the README does not describe %q", key)
		}
	}
}

// schemaKeys are the names of every "properties" entry in a schema.
func schemaKeys(v any) []string {
	var keys []string
	switch x := v.(type) {
	case map[string]any:
		if props, ok := x["properties"].(map[string]any); ok {
			for k := range props {
				keys = append(keys, k)
			}
		}
		for _, sub := range x {
			keys = append(keys, schemaKeys(sub)...)
		}
	case []any:
		for _, sub := range x {
			keys = append(keys, schemaKeys(sub)...)
		}
	}
	return keys
}

// TestMarkdownFitsAComment: GitHub refuses a comment body of more than
// 65,536 characters ("Body is too long (maximum is 65536 characters)",
// the REST API's validation error), so a plan too big for one comment
// shows what fits and counts the rest, and one huge value is clipped.
func TestMarkdownFitsAComment(t *testing.T) {
	p := &Plan{Script: "bulk.ps1", Questions: allQuestions(), Organizers: 20000, Affected: 20000}
	for i := range 20000 {
		upn := "user" + itoa(i) + "@contoso.com"
		p.Changes = append(p.Changes, ObjectChange{Kind: "User", Identity: upn, Action: Update,
			Props: []PropChange{{Name: "TeamsMeetingPolicy", New: "NoAcs", OldAbsent: true, Lines: []Location{scriptAt(3, "Grant-CsTeamsMeetingPolicy")}}}})
		p.Findings = append(p.Findings, Finding{File: "bulk.ps1", Line: i + 1, Column: 1, Severity: "info", Code: "CS0000", Message: "a finding"})
	}
	for i := range 500 {
		p.Impact = append(p.Impact, ImpactGroup{Question: Question{"Acs", "Meeting"}, Before: "Lobby", After: "Blocked",
			DecidedBy: "TeamsMeetingPolicy[Tag:P" + itoa(i) + "].BlockedAnonymousJoinClientTypes", Count: 40,
			Examples: []string{"a@contoso.com", "b@contoso.com", "c@contoso.com", "d@contoso.com", "e@contoso.com"}})
	}
	p.Changes[0].Props[0].New = strings.Repeat("x", 200000)
	var b bytes.Buffer
	if err := p.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := utf8.RuneCountInString(out); n > 65536 {
		t.Errorf("the comment has %d characters", n)
	}
	for _, want := range []string{"more changes not shown here", "more groups not shown here", "more findings not shown here", "xxx…"} {
		if !strings.Contains(out, want) {
			t.Errorf("the comment lacks %q", want)
		}
	}
	if !strings.HasSuffix(out, "</details>\n") {
		t.Error("the comment does not end with its last </details>")
	}
}

// TestTextQuotesInvisibleCharacters: a right-to-left override, a
// zero-width space or a no-break space would make a value look like
// another; such values are quoted with Go escapes.
func TestTextQuotesInvisibleCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"Tag:\u202eredisoP": `"Tag:\u202eredisoP"`,
		"No\u200bAcs":       `"No\u200bAcs"`,
		"No\u00a0Acs":       `"No\u00a0Acs"`,
		"Tag:Café → x":      "Tag:Café → x",
		"":                  `""`,
		" lead":             `" lead"`,
		"bad\xffutf8":       `"bad\xffutf8"`,
	} {
		if got := value(in, false); got != want {
			t.Errorf("value(%q) = %s, want %s", in, got, want)
		}
	}
}
