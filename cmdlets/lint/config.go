package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ConfigName is the settings file looked for in the scanned tree.
const ConfigName = ".csemu-lint.json"

// Config is a settings file:
//
//	{"disable": ["CSE3001"], "severity": {"CSE2001": "error"}}
//
// disable turns rules off; severity changes the severity of a rule.
type Config struct {
	Path     string
	Disable  map[string]bool     // upper-case codes
	Severity map[string]Severity // upper-case code to severity
}

// ConfigError is a settings file that cannot be used.
type ConfigError struct {
	Path      string
	Line, Col int // 0 when the error is not at a position
	Msg       string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// LoadConfig reads and checks a settings file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &ConfigError{Path: path, Msg: fmt.Sprintf("cannot read settings file: %v", err)}
	}
	return ParseConfig(path, data)
}

// ParseConfig checks the settings in data (read from path): the JSON must
// be an object with only "disable" and "severity", every code must be a
// known rule and every severity error, warning or info.
func ParseConfig(path string, data []byte) (*Config, error) {
	var raw struct {
		Disable  []string          `json:"disable"`
		Severity map[string]string `json:"severity"`
	}
	fail := func(off int64, format string, args ...any) error {
		e := &ConfigError{Path: path, Msg: fmt.Sprintf(format, args...)}
		if off >= 0 {
			e.Line, e.Col = lineCol(data, off)
		}
		return e
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(-1, `empty settings file: want a JSON object like {"disable": ["CSE3001"]}`)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			// Offset is just past the character at fault
			return nil, fail(max(syn.Offset-1, 0), "invalid JSON: %s", strings.TrimPrefix(syn.Error(), "json: "))
		case errors.As(err, &typ):
			typ.Offset = valueStart(data, typ.Offset)
			switch {
			case typ.Field == "":
				return nil, fail(typ.Offset, `want a JSON object like {"disable": ["CSE3001"], "severity": {"CSE2001": "error"}}, not %s`, typ.Value)
			case strings.HasPrefix(typ.Field, "disable"):
				return nil, fail(typ.Offset, `"disable" must be a list of rule codes, like ["CSE3001"]`)
			default:
				return nil, fail(typ.Offset, `"severity" must map rule codes to "error", "warning" or "info", like {"CSE2001": "error"}`)
			}
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fail(int64(len(data)), "invalid JSON: unexpected end of file")
		}
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			off := int64(bytes.LastIndex(data[:dec.InputOffset()], []byte(name)))
			return nil, fail(off, `unknown setting %s: the settings are "disable" and "severity"`, name)
		}
		return nil, fail(-1, "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		off := dec.InputOffset()
		for off < int64(len(data)) && strings.ContainsRune(" \t\r\n", rune(data[off])) {
			off++
		}
		return nil, fail(off, "invalid JSON: text after the settings object")
	}
	c := &Config{Path: path, Disable: map[string]bool{}, Severity: map[string]Severity{}}
	for _, code := range raw.Disable {
		if _, ok := RuleByCode(code); !ok {
			return nil, fail(-1, `unknown rule %q in "disable"%s`, code, nearCode(code))
		}
		c.Disable[strings.ToUpper(code)] = true
	}
	codes := make([]string, 0, len(raw.Severity))
	for code := range raw.Severity {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if _, ok := RuleByCode(code); !ok {
			return nil, fail(-1, `unknown rule %q in "severity"%s`, code, nearCode(code))
		}
		sev, err := ParseSeverity(raw.Severity[code])
		if err != nil {
			return nil, fail(-1, "rule %s: %v", code, err)
		}
		c.Severity[strings.ToUpper(code)] = sev
	}
	return c, nil
}

// valueStart returns the start of the JSON value that a type error reports
// at off: just after the opening bracket of an array or object, just after
// the end of a string, number or literal.
func valueStart(data []byte, off int64) int64 {
	if off <= 0 || off > int64(len(data)) {
		return off
	}
	i := off - 1
	switch data[i] {
	case '[', '{':
		return i
	case '"':
		for i--; i >= 0; i-- {
			if data[i] == '"' && (i == 0 || data[i-1] != '\\') {
				return i
			}
		}
		return 0
	}
	for i > 0 && strings.IndexByte("0123456789+-.eEtrufalsn", data[i-1]) >= 0 {
		i--
	}
	return i
}

// nearCode says how to list the rules when code is not one.
func nearCode(code string) string {
	if !isRuleCode(code) {
		return " (rule codes are CSE and 4 digits; csemu lint --explain CODE describes one)"
	}
	return ""
}

// lineCol turns a byte offset of data into a line and a column (runes), both
// from 1.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, len([]rune(string(before))) + 1
}

// Apply drops the findings of disabled rules and applies the severity
// overrides. A nil Config changes nothing.
func (c *Config) Apply(findings []Finding) []Finding {
	if c == nil {
		return findings
	}
	out := findings[:0:0]
	for _, f := range findings {
		code := strings.ToUpper(f.Code)
		if c.Disable[code] {
			continue
		}
		if sev, ok := c.Severity[code]; ok {
			f.Severity = sev
		}
		out = append(out, f)
	}
	return out
}

// ConfigFinder finds the settings file of each scanned file, reading each
// directory's file once.
type ConfigFinder struct {
	dirs map[string]*Config // directory → its settings file, nil when none
}

// NewConfigFinder returns a finder with an empty cache.
func NewConfigFinder() *ConfigFinder {
	return &ConfigFinder{dirs: map[string]*Config{}}
}

// Find returns the settings of file: the .csemu-lint.json nearest to it,
// looking in its directory and then in each parent up to root (a directory
// given on the command line; for a file given by name, its own directory).
// It returns nil when there is none.
func (cf *ConfigFinder) Find(file, root string) (*Config, error) {
	root = filepath.Clean(root)
	dir := filepath.Dir(filepath.Clean(file))
	for {
		c, err := cf.inDir(dir)
		if err != nil || c != nil {
			return c, err
		}
		if dir == root {
			return nil, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir || !within(parent, root) {
			return nil, nil
		}
		dir = parent
	}
}

// within reports whether dir is root or below it.
func within(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (cf *ConfigFinder) inDir(dir string) (*Config, error) {
	if c, ok := cf.dirs[dir]; ok {
		return c, nil
	}
	path := filepath.Join(dir, ConfigName)
	var c *Config
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		c, err = LoadConfig(path)
		if err != nil {
			return nil, err
		}
	}
	cf.dirs[dir] = c
	return c, nil
}
