package join

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Size caps of an app package: a manifest larger than MaxManifestSize, or
// a package larger than MaxPackageSize, is refused before it is read.
const (
	MaxManifestSize = 1 << 20
	MaxPackageSize  = 32 << 20
	maxZipEntries   = 1000
)

// Pos is a position in a manifest: the file (for a package, the package
// and manifest.json), the 1-based line and column, and the byte offset.
type Pos struct {
	File         string
	Line, Column int
	Offset       int
}

// String writes the position as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// ManifestError is a manifest that cannot be read, with its position.
type ManifestError struct {
	Pos Pos
	Msg string
}

func (e *ManifestError) Error() string {
	if e.Pos.Line == 0 {
		return e.Pos.File + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Tab is a configurableTabs or staticTabs entry of a manifest.
type Tab struct {
	Path     string // configurableTabs[i] or staticTabs[i]
	Static   bool   // a staticTabs entry
	Contexts []string
	Pos      Pos
}

// Bot is a bots entry of a manifest.
type Bot struct {
	ID     string
	Scopes []string
	Pos    Pos
}

// Manifest is what the rules of apps in meetings read of a Teams app
// manifest (schema of OfficeDev/microsoft-teams-app-schema).
type Manifest struct {
	File            string // the file as positions name it (a package: package/manifest.json)
	ManifestVersion string
	ID              string
	Name            string // name.short
	DeveloperName   string
	// HasMeetingExtension: meetingExtensionDefinition is present.
	HasMeetingExtension bool
	// SupportsAnonymousGuestUsers is
	// meetingExtensionDefinition.supportsAnonymousGuestUsers: nil when
	// absent.
	SupportsAnonymousGuestUsers *bool
	Tabs                        []Tab
	Bots                        []Bot
	ComposeExtensions           int
	// StrayFlags are the positions of supportsAnonymousGuestUsers keys
	// outside meetingExtensionDefinition, where Teams does not read them.
	StrayFlags []Pos
	// Positions maps the JSON paths the rules name
	// ("manifestVersion", "meetingExtensionDefinition.supportsAnonymousGuestUsers")
	// to where their values start.
	Positions map[string]Pos
}

// At returns the position of a JSON path, or the start of the manifest.
func (m *Manifest) At(path string) Pos {
	if p, ok := m.Positions[path]; ok {
		return p
	}
	return Pos{File: m.File, Line: 1, Column: 1}
}

// IDIsPlaceholder reports whether the manifest's id holds a template
// placeholder such as {{TEAMS_APP_ID}} or ${{TEAMS_APP_ID}}.
func (m *Manifest) IDIsPlaceholder() bool { return hasPlaceholder(m.ID) }

// VersionAtLeast116 reports whether the manifest's schema version is 1.16
// or later, or devPreview, the versions that know
// meetingExtensionDefinition.supportsAnonymousGuestUsers.
func (m *Manifest) VersionAtLeast116() bool {
	v := strings.TrimSpace(m.ManifestVersion)
	if strings.EqualFold(v, "devPreview") {
		return true
	}
	major, minor, ok := strings.Cut(v, ".")
	if !ok {
		minor = "0"
	}
	a, err1 := strconv.Atoi(major)
	b, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil {
		return false
	}
	return a > 1 || a == 1 && b >= 16
}

// hasPlaceholder reports whether s holds a template placeholder: {{NAME}}
// (or ${{NAME}}) with NAME of letters, digits, '_' and '.'.
func hasPlaceholder(s string) bool {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return false
		}
		s = s[i+2:]
		j := strings.Index(s, "}}")
		if j < 0 {
			return false
		}
		if j > 0 && strings.Trim(s[:j], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.") == "" {
			return true
		}
	}
}

// isGUID reports whether s is a GUID in its 8-4-4-4-12 hexadecimal form.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// IsAppID reports whether s is an app id: a GUID, or a value holding a
// template placeholder.
func IsAppID(s string) bool { return isGUID(s) || hasPlaceholder(s) }

// ParseManifest reads a manifest.json, or an app package (a zip archive
// holding manifest.json at its root); name is the file's name for the
// positions of errors.
func ParseManifest(data []byte, name string) (*Manifest, error) {
	body, where, err := ExtractManifest(data, name)
	if err != nil {
		return nil, err
	}
	return parseManifestJSON(body, where)
}

// ExtractManifest returns the JSON text of a manifest and the name its
// positions use: data itself for a manifest.json, the manifest.json entry
// of an app package (named package/manifest.json) for a zip archive.
func ExtractManifest(data []byte, name string) (body []byte, where string, err error) {
	if !bytes.HasPrefix(data, []byte("PK")) {
		if len(data) > MaxManifestSize {
			return nil, name, &ManifestError{Pos{File: name}, fmt.Sprintf("the manifest is larger than %d bytes", MaxManifestSize)}
		}
		return data, name, nil
	}
	body, err = readPackage(data, name)
	return body, name + "/manifest.json", err
}

// readPackage reads manifest.json out of an app package.
func readPackage(data []byte, name string) ([]byte, error) {
	at := Pos{File: name}
	if len(data) > MaxPackageSize {
		return nil, &ManifestError{at, fmt.Sprintf("the app package is larger than %d bytes", MaxPackageSize)}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &ManifestError{at, "not a valid app package (zip archive): " + err.Error()}
	}
	if len(zr.File) > maxZipEntries {
		return nil, &ManifestError{at, fmt.Sprintf("the app package has more than %d entries", maxZipEntries)}
	}
	var found *zip.File
	for _, f := range zr.File {
		n := strings.ReplaceAll(f.Name, `\`, "/")
		if strings.HasPrefix(n, "/") || n == ".." || strings.HasPrefix(n, "../") || strings.Contains(n, "/../") || strings.HasSuffix(n, "/..") ||
			len(n) >= 2 && n[1] == ':' {
			return nil, &ManifestError{at, fmt.Sprintf("the app package entry %q leaves the archive", f.Name)}
		}
		if n == "manifest.json" {
			found = f
		}
	}
	if found == nil {
		return nil, &ManifestError{at, "the app package has no manifest.json at its root"}
	}
	if found.UncompressedSize64 > MaxManifestSize {
		return nil, &ManifestError{at, fmt.Sprintf("manifest.json is larger than %d bytes", MaxManifestSize)}
	}
	rc, err := found.Open()
	if err != nil {
		return nil, &ManifestError{at, "cannot read manifest.json: " + err.Error()}
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, MaxManifestSize+1))
	if err != nil {
		return nil, &ManifestError{at, "cannot read manifest.json: " + err.Error()}
	}
	if len(body) > MaxManifestSize {
		return nil, &ManifestError{at, fmt.Sprintf("manifest.json is larger than %d bytes", MaxManifestSize)}
	}
	return body, nil
}

// rawManifest is the JSON shape read.
type rawManifest struct {
	ManifestVersion any `json:"manifestVersion"`
	ID              any `json:"id"`
	Name            struct {
		Short any `json:"short"`
	} `json:"name"`
	Developer struct {
		Name any `json:"name"`
	} `json:"developer"`
	MeetingExtensionDefinition *struct {
		SupportsAnonymousGuestUsers any `json:"supportsAnonymousGuestUsers"`
	} `json:"meetingExtensionDefinition"`
	ConfigurableTabs []struct {
		Context []any `json:"context"`
	} `json:"configurableTabs"`
	StaticTabs []struct {
		Context []any `json:"context"`
	} `json:"staticTabs"`
	Bots []struct {
		BotID  any   `json:"botId"`
		Scopes []any `json:"scopes"`
	} `json:"bots"`
	ComposeExtensions []any `json:"composeExtensions"`
}

// parseManifestJSON reads the JSON of a manifest; where is the name
// positions use.
func parseManifestJSON(data []byte, where string) (*Manifest, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, &ManifestError{Pos{File: where, Line: 1, Column: 1}, "the manifest is not UTF-8 text"}
	}
	positions, stray, err := scanPositions(data, where)
	if err != nil {
		return nil, err
	}
	var raw rawManifest
	if err := json.Unmarshal(data, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			p := posAt(data, where, int(te.Offset))
			return nil, &ManifestError{p, fmt.Sprintf("%s: expected %s, found a JSON %s", te.Field, te.Type, te.Value)}
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &ManifestError{posAt(data, where, int(se.Offset)), se.Error()}
		}
		return nil, &ManifestError{Pos{File: where, Line: 1, Column: 1}, err.Error()}
	}
	m := &Manifest{File: where, Positions: positions, StrayFlags: stray}
	str := func(path string, v any) (string, error) {
		if v == nil {
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", &ManifestError{m.At(path), path + " must be a string"}
		}
		return s, nil
	}
	if m.ManifestVersion, err = str("manifestVersion", raw.ManifestVersion); err != nil {
		return nil, err
	}
	if m.ID, err = str("id", raw.ID); err != nil {
		return nil, err
	}
	if m.ID != "" && !IsAppID(m.ID) {
		return nil, &ManifestError{m.At("id"), fmt.Sprintf("id %q is neither a GUID nor a template placeholder such as {{TEAMS_APP_ID}}", m.ID)}
	}
	if m.Name, err = str("name.short", raw.Name.Short); err != nil {
		return nil, err
	}
	if m.DeveloperName, err = str("developer.name", raw.Developer.Name); err != nil {
		return nil, err
	}
	if d := raw.MeetingExtensionDefinition; d != nil {
		m.HasMeetingExtension = true
		switch v := d.SupportsAnonymousGuestUsers.(type) {
		case nil:
		case bool:
			m.SupportsAnonymousGuestUsers = &v
		default:
			return nil, &ManifestError{m.At("meetingExtensionDefinition.supportsAnonymousGuestUsers"), "meetingExtensionDefinition.supportsAnonymousGuestUsers must be true or false"}
		}
	}
	for i, t := range raw.ConfigurableTabs {
		tab, err := readTab(m, fmt.Sprintf("configurableTabs[%d]", i), t.Context)
		if err != nil {
			return nil, err
		}
		m.Tabs = append(m.Tabs, tab)
	}
	for i, t := range raw.StaticTabs {
		tab, err := readTab(m, fmt.Sprintf("staticTabs[%d]", i), t.Context)
		if err != nil {
			return nil, err
		}
		tab.Static = true
		m.Tabs = append(m.Tabs, tab)
	}
	for i, b := range raw.Bots {
		path := fmt.Sprintf("bots[%d]", i)
		bot := Bot{Pos: m.At(path)}
		if bot.ID, err = str(path+".botId", b.BotID); err != nil {
			return nil, err
		}
		for _, s := range b.Scopes {
			v, ok := s.(string)
			if !ok {
				return nil, &ManifestError{m.At(path + ".scopes"), path + ".scopes must list strings"}
			}
			bot.Scopes = append(bot.Scopes, v)
		}
		m.Bots = append(m.Bots, bot)
	}
	m.ComposeExtensions = len(raw.ComposeExtensions)
	return m, nil
}

func readTab(m *Manifest, path string, contexts []any) (Tab, error) {
	tab := Tab{Path: path, Pos: m.At(path)}
	for _, c := range contexts {
		s, ok := c.(string)
		if !ok {
			return tab, &ManifestError{m.At(path + ".context"), path + ".context must list strings"}
		}
		tab.Contexts = append(tab.Contexts, s)
	}
	return tab, nil
}

// posAt converts a byte offset of data to a position.
func posAt(data []byte, file string, off int) Pos {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return Pos{File: file, Line: line, Column: col, Offset: off}
}

// scanPositions walks the JSON and records where each value starts, by
// its path (object keys joined with dots, array items as [i]); it also
// collects supportsAnonymousGuestUsers keys outside
// meetingExtensionDefinition. It reports malformed JSON with its position.
func scanPositions(data []byte, file string) (map[string]Pos, []Pos, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	positions := map[string]Pos{}
	var stray []Pos
	// start returns the offset of the next token after off.
	start := func(off int) int {
		for off < len(data) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
			off++
		}
		return off
	}
	fail := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &ManifestError{posAt(data, file, int(se.Offset)), "malformed JSON: " + se.Error()}
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return &ManifestError{posAt(data, file, len(data)), "malformed JSON: unexpected end of the manifest"}
		}
		return &ManifestError{posAt(data, file, int(dec.InputOffset())), "malformed JSON: " + err.Error()}
	}
	var walk func(path string, depth int) error
	walk = func(path string, depth int) error {
		if depth > 64 {
			return &ManifestError{posAt(data, file, int(dec.InputOffset())), "the manifest nests deeper than 64 levels"}
		}
		off := start(int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		if path != "" {
			positions[path] = posAt(data, file, off)
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return nil
		}
		switch d {
		case '{':
			for dec.More() {
				koff := start(int(dec.InputOffset()))
				kt, err := dec.Token()
				if err != nil {
					return fail(err)
				}
				key, _ := kt.(string)
				child := key
				if path != "" {
					child = path + "." + key
				}
				if key == "supportsAnonymousGuestUsers" && path != "meetingExtensionDefinition" {
					stray = append(stray, posAt(data, file, koff))
				}
				if err := walk(child, depth+1); err != nil {
					return err
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				if err := walk(fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
					return err
				}
			}
		default:
			return &ManifestError{posAt(data, file, off), fmt.Sprintf("malformed JSON: unexpected %q", string(d))}
		}
		if _, err := dec.Token(); err != nil {
			return fail(err)
		}
		return nil
	}
	off := start(0)
	if off >= len(data) {
		return nil, nil, &ManifestError{Pos{File: file, Line: 1, Column: 1}, "the manifest is empty"}
	}
	if data[off] != '{' {
		return nil, nil, &ManifestError{posAt(data, file, off), "a manifest is a JSON object"}
	}
	if err := walk("", 0); err != nil {
		return nil, nil, err
	}
	if rest := start(int(dec.InputOffset())); rest < len(data) {
		return nil, nil, &ManifestError{posAt(data, file, rest), "malformed JSON: text after the manifest's object"}
	}
	return positions, stray, nil
}
