package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/csemu/csemu/parser"
)

// Format is an output format of csemu lint.
type Format int

// Output formats.
const (
	Text  Format = iota // file:line:col: severity: message [code], the line, a caret, the suggestion
	GCC                 // file:line:col: severity: message [code]
	JSON                // an array of findings
	SARIF               // SARIF 2.1.0, for code scanning
)

// ParseFormat reads "text", "gcc", "json" or "sarif".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text":
		return Text, nil
	case "gcc":
		return GCC, nil
	case "json":
		return JSON, nil
	case "sarif":
		return SARIF, nil
	}
	return Text, fmt.Errorf("unknown format %q: use text, json, sarif or gcc", s)
}

// InformationURI is the home page named in SARIF output.
const InformationURI = "https://github.com/csemu/csemu"

// Report is the result of linting a set of files.
type Report struct {
	Findings []Finding
	// Sources holds the text of each file, by the name in Finding.File: the
	// text format shows the line at fault and SARIF counts its columns in
	// UTF-16 code units.
	Sources map[string]string
	// Version is the tool's version, for SARIF.
	Version string
	// BaseDir, when set, is the directory that SARIF names files relative
	// to (the repository root in CI): an absolute file name below it
	// becomes relative.
	BaseDir string
}

// Write writes the report in a format.
func (r *Report) Write(w io.Writer, f Format) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case GCC:
		err = r.writeGCC(bw)
	case JSON:
		err = r.writeJSON(bw)
	case SARIF:
		err = r.writeSARIF(bw)
	default:
		err = r.writeText(bw)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// Summary counts the findings: "3 findings: 1 error, 2 warnings".
func Summary(findings []Finding) string {
	var n [3]int
	for _, f := range findings {
		if f.Severity >= Info && f.Severity <= Error {
			n[f.Severity]++
		}
	}
	plural := func(k int, one, many string) string {
		if k == 1 {
			return fmt.Sprintf("%d %s", k, one)
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	var parts []string
	if n[Error] > 0 {
		parts = append(parts, plural(n[Error], "error", "errors"))
	}
	if n[Warning] > 0 {
		parts = append(parts, plural(n[Warning], "warning", "warnings"))
	}
	if n[Info] > 0 {
		parts = append(parts, plural(n[Info], "info", "info"))
	}
	s := plural(len(findings), "finding", "findings")
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s
}

func (r *Report) writeGCC(w io.Writer) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
	}
	return nil
}

// writeText writes each finding, the source line and a caret under the
// offending text (^~~~ from Pos to End), and the suggestion.
func (r *Report) writeText(w io.Writer) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
		if line, ok := sourceLine(r.Sources[f.File], f.Pos.Line); ok {
			fmt.Fprintln(w, line)
			fmt.Fprintln(w, caret(line, f))
		}
		if f.Suggestion != "" {
			fmt.Fprintf(w, "  suggestion: %s\n", f.Suggestion)
		}
	}
	return nil
}

// sourceLine returns line n (from 1) of src without its line ending and
// without a leading byte-order mark, as the parser counts columns.
func sourceLine(src string, n int) (string, bool) {
	if n < 1 || src == "" {
		return "", false
	}
	src = strings.TrimPrefix(src, "\uFEFF")
	for i := 1; i < n; i++ {
		nl := strings.IndexByte(src, '\n')
		if nl < 0 {
			return "", false
		}
		src = src[nl+1:]
	}
	if nl := strings.IndexByte(src, '\n'); nl >= 0 {
		src = src[:nl]
	}
	return strings.TrimSuffix(src, "\r"), true
}

// caret returns the line under a source line: blanks (tabs where the line
// has tabs) up to Pos, then ^ and a ~ for each further character up to End
// (the end of the line when End is on a later line).
func caret(line string, f Finding) string {
	var b strings.Builder
	runes := []rune(line)
	col := 1
	for ; col < f.Pos.Column; col++ {
		if col <= len(runes) && runes[col-1] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	end := f.End.Column
	if f.End.Line > f.Pos.Line {
		end = len(runes) + 1
	} else if f.End.Line < f.Pos.Line {
		end = f.Pos.Column
	}
	for col++; col < end; col++ {
		b.WriteByte('~')
	}
	return b.String()
}

// jsonFinding is a finding in the json format.
type jsonFinding struct {
	Code       string `json:"code"`
	Severity   string `json:"severity"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"endLine"`
	EndColumn  int    `json:"endColumn"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// writeJSON writes an array of findings; lines and columns start at 1 and
// columns count characters (runes), like the other formats.
func (r *Report) writeJSON(w io.Writer) error {
	out := make([]jsonFinding, len(r.Findings))
	for i, f := range r.Findings {
		end := endOf(f)
		out[i] = jsonFinding{Code: f.Code, Severity: f.Severity.String(), File: f.File,
			Line: f.Pos.Line, Column: f.Pos.Column, EndLine: end.Line, EndColumn: end.Column,
			Message: f.Message, Suggestion: f.Suggestion}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// endOf returns the end of a finding, never before its start.
func endOf(f Finding) parser.Pos {
	e := f.End
	if e.Line < f.Pos.Line || e.Line == f.Pos.Line && e.Column < f.Pos.Column {
		return f.Pos
	}
	return e
}

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	Name                 string      `json:"name"`
	ShortDescription     sarifText   `json:"shortDescription"`
	FullDescription      sarifText   `json:"fullDescription"`
	Help                 sarifText   `json:"help"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// writeSARIF writes one run with every rule and a result per finding.
// Columns are converted from the parser's runes to UTF-16 code units, the
// SARIF default.
func (r *Report) writeSARIF(w io.Writer) error {
	rules := Rules()
	index := map[string]int{}
	driver := sarifDriver{Name: "csemu", Version: r.Version, InformationURI: InformationURI, Rules: make([]sarifRule, len(rules))}
	for i, rule := range rules {
		index[rule.Code] = i
		driver.Rules[i] = sarifRule{
			ID:                   rule.Code,
			Name:                 rule.Name,
			ShortDescription:     sarifText{Text: rule.Summary},
			FullDescription:      sarifText{Text: rule.Help},
			Help:                 sarifText{Text: explainText(rule), Markdown: explainMarkdown(rule)},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(rule.Severity)},
		}
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "utf16CodeUnits", Results: make([]sarifResult, 0, len(r.Findings))}
	for _, f := range r.Findings {
		res := sarifResult{RuleID: f.Code, Level: sarifLevel(f.Severity), Message: sarifText{Text: sarifMessage(f)}}
		if i, ok := index[strings.ToUpper(f.Code)]; ok {
			res.RuleIndex = &i
		}
		src := r.Sources[f.File]
		end := endOf(f)
		start := parser.Pos{Line: max(f.Pos.Line, 1), Column: max(f.Pos.Column, 1)}
		if end.Line < start.Line {
			end = start
		}
		res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: artifactURI(f.File, r.BaseDir)},
			Region: sarifRegion{
				StartLine:   start.Line,
				StartColumn: utf16Column(src, start.Line, start.Column),
				EndLine:     max(end.Line, 1),
				EndColumn:   utf16Column(src, end.Line, max(end.Column, 1)),
			},
		}}}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifMessage is the message of a result, with the suggestion.
func sarifMessage(f Finding) string {
	if f.Suggestion == "" {
		return f.Message
	}
	return f.Message + " (" + f.Suggestion + ")"
}

// utf16Column converts a column counted in runes on a line of src to one
// counted in UTF-16 code units. Columns past the end of the line count one
// unit each.
func utf16Column(src string, line, col int) int {
	text, _ := sourceLine(src, line)
	units := 1
	for c := 1; c < col; c++ {
		if text == "" {
			units += col - c
			break
		}
		r, n := utf8.DecodeRuneInString(text)
		text = text[n:]
		units += utf16.RuneLen(r) // an invalid byte decodes to U+FFFD: one unit
	}
	return units
}

// artifactURI turns a file name into a relative URI with forward slashes;
// an absolute name is made relative to base when it is below it, else it
// becomes a file: URI.
func artifactURI(name, base string) string {
	if filepath.IsAbs(name) {
		name = filepath.Clean(name)
	}
	if filepath.IsAbs(name) && base != "" {
		if rel, err := filepath.Rel(base, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			name = rel
		}
	}
	slashed := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		u := url.URL{Scheme: "file", Path: slashed}
		if !strings.HasPrefix(slashed, "/") { // C:/x on Windows
			u.Path = "/" + slashed
		}
		return u.String()
	}
	slashed = strings.TrimPrefix(slashed, "./")
	segs := strings.Split(slashed, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// explainText is a rule's description as plain text, as --explain prints it.
func explainText(r Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n\n%s\n\n%s\n", r.Code, r.Name, r.Severity, r.Summary, r.Help)
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nThe mistake:\n\n%s", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nThe fix:\n\n%s", indent(r.Good))
	}
	return b.String()
}

// explainMarkdown is a rule's description in Markdown, for SARIF help.
func explainMarkdown(r Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s): %s\n\n%s\n", r.Code, r.Name, r.Summary, r.Help)
	lang := "powershell"
	if r.Manifest {
		lang = "json"
	}
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nThe mistake:\n\n```%s\n%s\n```\n", lang, strings.TrimRight(r.Bad, "\n"))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nThe fix:\n\n```%s\n%s\n```\n", lang, strings.TrimRight(r.Good, "\n"))
	}
	return b.String()
}

// indent indents each line of a script by four spaces.
func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + line + "\n")
	}
	return b.String()
}

// WriteExplain writes what csemu lint --explain prints: the rule's code,
// name and severity, its summary and help, and a script with the mistake
// and the same script fixed.
func WriteExplain(w io.Writer, r Rule) error {
	_, err := io.WriteString(w, explainText(r))
	return err
}
