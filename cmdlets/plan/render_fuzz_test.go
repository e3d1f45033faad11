package plan

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzPlan is a plan whose names and values are the fuzzer's strings, in
// every place the renderings show one.
func fuzzPlan(kind, id, name, old, new, msg string) *Plan {
	l := Location{File: id, Line: 1, Cmdlet: name}
	return &Plan{
		Script: old,
		Changes: []ObjectChange{
			{Kind: kind, Identity: id, Action: Create, Lines: []Location{l},
				Props: []PropChange{{Name: name, New: new, OldAbsent: true, Lines: []Location{l}}}},
			{Kind: "TeamsMeetingPolicy", Identity: id, Action: Update,
				Props: []PropChange{{Name: name, Old: old, New: new, Lines: []Location{l, l}}}},
			{Kind: "User", Identity: id, Action: Update,
				Props: []PropChange{{Name: name, Old: old, NewAbsent: true}}},
			{Kind: kind, Identity: id, Action: Remove, Lines: []Location{l}},
		},
		Unchanged: 1,
		Questions: []Question{{ClientType: kind, MeetingType: name}},
		Impact: []ImpactGroup{{Question: Question{ClientType: kind, MeetingType: name}, Before: old, After: new, DecidedBy: msg,
			Cause: &l, Count: 7, Examples: []string{id, new}}},
		Affected: 7,
		Findings: []Finding{{File: id, Line: 1, Column: 2, Severity: kind, Code: name, Message: msg}},
		Failed:   &Failure{File: id, Line: 1, Column: 1, Message: msg},
	}
}

// render is the three renderings of a plan.
func render(t *testing.T, p *Plan) (text, js, md string) {
	var a, b, c bytes.Buffer
	if err := p.Text(&a, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if err := p.JSON(&b); err != nil {
		t.Fatal(err)
	}
	if err := p.Markdown(&c); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String(), c.String()
}

// FuzzRender: whatever the names and values, no rendering panics, none
// gains or loses a line (a value cannot fake a change or break out of
// the diff block or a table row), and the JSON is valid and keeps the
// values.
func FuzzRender(f *testing.F) {
	f.Add("TeamsMeetingPolicy", "Tag:NoAcs", "Description", "a", "b", "msg")
	f.Add("User", "ann@contoso.com", "x\n+ Fake", "```", "|<b>|", "line\nbreak")
	f.Add("", "", "", "", "", "")
	f.Add("\x1b[31m", "`a`", "\r", "\t", "\u2028", "~~x~~")
	f.Add("GroupPolicyAssignment", "g TeamsMeetingPolicy", "Rank", "1", "\xff", "@admins")
	f.Fuzz(func(t *testing.T, kind, id, name, old, new, msg string) {
		const plain = "P"
		wantText, _, wantMD := render(t, fuzzPlan(plain, plain, plain, plain, plain, plain))
		text, js, md := render(t, fuzzPlan(kind, id, name, old, new, msg))
		if got, want := strings.Count(text, "\n"), strings.Count(wantText, "\n"); got != want {
			t.Errorf("the text has %d lines, want %d:\n%s", got, want, text)
		}
		if got, want := strings.Count(md, "\n"), strings.Count(wantMD, "\n"); got != want {
			t.Errorf("the markdown has %d lines, want %d:\n%s", got, want, md)
		}
		if strings.Count(text, "\x1b[") != 4*2 {
			t.Errorf("the text has escape sequences besides the signs' colours:\n%q", text)
		}
		var back struct {
			Changes []struct {
				Identity string
				Props    []struct{ Old, New string }
			}
		}
		if err := json.Unmarshal([]byte(js), &back); err != nil {
			t.Fatalf("invalid JSON: %v\n%s", err, js)
		}
		if utf8.ValidString(id) && utf8.ValidString(old) && utf8.ValidString(new) {
			if c := back.Changes[1]; c.Identity != id || c.Props[0].Old != old || c.Props[0].New != new {
				t.Errorf("the JSON changed a value: %+v", c)
			}
		}
	})
}
