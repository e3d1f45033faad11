package lint

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig("c.json", []byte("\uFEFF{\"disable\": [\"cse1001\"], \"severity\": {\"CSE1001\": \"warning\"}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Disable["CSE1001"] || c.Severity["CSE1001"] != Warning || c.Path != "c.json" {
		t.Errorf("ParseConfig = %+v", c)
	}
	if _, err := ParseConfig("c.json", []byte(`{}`)); err != nil {
		t.Errorf("an empty object: %v", err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"", `c.json: empty settings file: want a JSON object like {"disable": ["CSE3001"]}`},
		{"{\n  \"disable\": [\"CSE1001\",]\n}", `c.json:2:25: invalid JSON: invalid character ']' looking for beginning of value`},
		{`{"disable": ["CSE1001"]`, `c.json:1:24: invalid JSON: unexpected end of file`},
		{`{"disabled": ["CSE1001"]}`, `c.json:1:2: unknown setting "disabled": the settings are "disable" and "severity"`},
		{`["CSE1001"]`, `c.json:1:1: want a JSON object like {"disable": ["CSE3001"], "severity": {"CSE2001": "error"}}, not array`},
		{`{"disable": "CSE1001"}`, `c.json:1:13: "disable" must be a list of rule codes, like ["CSE3001"]`},
		{`{"disable": [1001]}`, `c.json:1:14: "disable" must be a list of rule codes, like ["CSE3001"]`},
		{`{"severity": ["CSE1001"]}`, `c.json:1:14: "severity" must map rule codes to "error", "warning" or "info", like {"CSE2001": "error"}`},
		{`{"severity": {"CSE1001": 2}}`, `c.json:1:26: "severity" must map rule codes to "error", "warning" or "info", like {"CSE2001": "error"}`},
		{`{"disable": ["CSE9999"]}`, `c.json: unknown rule "CSE9999" in "disable"`},
		{`{"disable": ["syntax-error"]}`, `c.json: unknown rule "syntax-error" in "disable" (rule codes are CSE and 4 digits; csemu lint --explain CODE describes one)`},
		{`{"severity": {"CSE9999": "error"}}`, `c.json: unknown rule "CSE9999" in "severity"`},
		{`{"severity": {"CSE1001": "fatal"}}`, `c.json: rule CSE1001: unknown severity "fatal": use error, warning or info`},
		{`{} {}`, `c.json:1:4: invalid JSON: text after the settings object`},
	}
	for _, tt := range tests {
		_, err := ParseConfig("c.json", []byte(tt.data))
		if err == nil {
			t.Errorf("ParseConfig(%q): no error", tt.data)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseConfig(%q):\n got %s\nwant %s", tt.data, err, tt.want)
		}
	}
}

func TestConfigApply(t *testing.T) {
	c := &Config{Disable: map[string]bool{"CSE3001": true}, Severity: map[string]Severity{"CSE1201": Error}}
	in := []Finding{fake("CSE1201", 1), fake("CSE3001", 2), fake("cse3001", 3), fake("CSE1301", 4)}
	got := c.Apply(in)
	if codes := codesAt(got); !reflect.DeepEqual(codes, []string{"CSE1201@1", "CSE1301@4"}) {
		t.Fatalf("Apply kept %q", codes)
	}
	if got[0].Severity != Error || got[1].Severity != Warning {
		t.Errorf("severities %v %v, want error warning", got[0].Severity, got[1].Severity)
	}
	if in[0].Severity != Warning {
		t.Errorf("Apply changed its input")
	}
	var none *Config
	if got := none.Apply(in); len(got) != len(in) {
		t.Errorf("a nil config dropped findings")
	}
}

func TestConfigFinder(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("above/.csemu-lint.json", `{"disable": ["CSE1001"]}`)
	top := write("above/tree/.csemu-lint.json", `{"severity": {"CSE1001": "info"}}`)
	write("above/tree/sub/deeper/x.ps1", "")
	own := write("above/tree/own/.csemu-lint.json", `{"disable": ["CSE1001"]}`)
	write("above/tree/own/y.ps1", "")
	write("above/tree/bad/.csemu-lint.json", `{"disable": [`)
	tree := filepath.Join(root, "above", "tree")

	cf := NewConfigFinder()
	for _, tt := range []struct{ file, root, want string }{
		{"sub/deeper/x.ps1", ".", top},
		{"own/y.ps1", ".", own},
		{"sub/deeper/x.ps1", "sub", ""}, // not above the path given
		{"x.ps1", ".", top},
	} {
		c, err := cf.Find(filepath.Join(tree, tt.file), filepath.Join(tree, tt.root))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if c != nil {
			got = c.Path
		}
		if got != tt.want {
			t.Errorf("Find(%s, %s) = %q, want %q", tt.file, tt.root, got, tt.want)
		}
	}
	if _, err := cf.Find(filepath.Join(tree, "bad", "z.ps1"), tree); err == nil {
		t.Errorf("a bad settings file: no error")
	}
}
