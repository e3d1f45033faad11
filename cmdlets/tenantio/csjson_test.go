package tenantio

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/csemu/csemu/state"
)

// csjsonFixture returns a fixture of testdata/import/<dir>.
func csjsonFixture(t testing.TB, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// csjsonUTF16 returns text as Windows PowerShell 5.1's Out-File writes
// it: UTF-16 LE with a byte-order mark and CRLF line ends (exports.md,
// "Encodings").
func csjsonUTF16(data []byte) []byte {
	s := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n", "\r\n")
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// csjsonEncodings returns the encodings each fixture is read in.
func csjsonEncodings() []struct {
	name string
	conv func([]byte) []byte
} {
	return []struct {
		name string
		conv func([]byte) []byte
	}{
		{"utf8", func(b []byte) []byte { return b }},
		{"utf8-bom", func(b []byte) []byte { return append([]byte("\xEF\xBB\xBF"), b...) }},
		{"utf16le-crlf", csjsonUTF16},
	}
}

// csjsonRead reads one source as readOne does, and fails the test on an
// error.
func csjsonRead(t *testing.T, name string, data []byte) *Result {
	t.Helper()
	r := readOne(&Source{Name: name, Data: data}, Options{})
	if r.Err != nil {
		t.Fatalf("%s: %v", name, r.Err)
	}
	return r
}

// lineOf returns the line of the first occurrence of s in the fixture.
func lineOf(t *testing.T, data []byte, s string) int {
	t.Helper()
	i := strings.Index(string(data), s)
	if i < 0 {
		t.Fatalf("%q not in the fixture", s)
	}
	return strings.Count(string(data[:i]), "\n") + 1
}

func csjsonProp(t *testing.T, it *Item, name string) Prop {
	t.Helper()
	for _, p := range it.Props {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	t.Fatalf("%s %s has no property %s", it.Kind, it.Identity, name)
	return Prop{}
}

func wantValue(t *testing.T, it *Item, name string, want any) {
	t.Helper()
	if got := csjsonProp(t, it, name).Value; !sameStored(got, want) {
		t.Errorf("%s %s: %s = %#v, want %#v", it.Kind, it.Identity, name, shownValue(got), shownValue(want))
	}
}

// sameValue compares stored values; a nil list equals an empty one.
func sameStored(a, b any) bool {
	return reflect.DeepEqual(canonValue(a), canonValue(b))
}

func canonValue(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonValue(e)
		}
		return out
	case *state.Object:
		if x == nil {
			return nil
		}
		m := []any{"object"}
		for _, p := range x.Props {
			m = append(m, p.Name, canonValue(p.Value))
		}
		return m
	}
	return v
}

// show is a value for a message: nested objects as their properties.
func shownValue(v any) any { return canonValue(v) }

// The PowerShell 7 export of Get-CsTeamsMeetingPolicy in the 2026
// property set: an array (several objects), Tag: names with spaces, keys
// csemu's defaults do not have (exports.md section 1: "The property set
// grows every few months ... about 110 in 2026").
func TestCsJSONMeetingPolicies2026(t *testing.T) {
	raw := csjsonFixture(t, "csjson", "Get-CsTeamsMeetingPolicy.json")
	for _, enc := range csjsonEncodings() {
		t.Run(enc.name, func(t *testing.T) {
			r := csjsonRead(t, "backup/Get-CsTeamsMeetingPolicy.json", enc.conv(raw))
			if r.Format != FormatCsJSON || !strings.Contains(r.Rule, "the file name Get-CsTeamsMeetingPolicy.json gives the kind TeamsMeetingPolicy") {
				t.Errorf("format %s, rule %q", r.Format, r.Rule)
			}
			objs := r.Snapshot.Objects
			if len(objs) != 2 {
				t.Fatalf("%d objects, want 2", len(objs))
			}
			g, c := objs[0], objs[1]
			if g.Kind != state.KindTeamsMeetingPolicy || g.Identity != "Global" || c.Identity != "Tag:Custom Policy 1" {
				t.Fatalf("objects %s %s, %s %s", g.Kind, g.Identity, c.Kind, c.Identity)
			}
			if g.Origin.Path != "$[0]" || g.Origin.Line != 2 || c.Origin.Path != "$[1]" {
				t.Errorf("object origins %v, %v", g.Origin, c.Origin)
			}
			if len(g.Props) != 122 { // 123 keys less Identity
				t.Errorf("%d properties, want 122", len(g.Props))
			}
			if _, ok := g.Get("Identity"); ok {
				t.Error("Identity is kept as a property")
			}
			wantValue(t, c, "AllowAnonymousUsersToJoinMeeting", false)
			wantValue(t, c, "AutoAdmittedUsers", "OrganizerOnly")
			wantValue(t, c, "BlockedAnonymousJoinClientTypes", []any{"ACS", "Teams"})
			wantValue(t, g, "BlockedAnonymousJoinClientTypes", nil)
			wantValue(t, c, "Description", "Policy for the board – ünïcödé")
			wantValue(t, c, "NewMeetingRecordingExpirationDays", int64(120))
			// Keys the tenant's defaults do not have are kept.
			wantValue(t, c, "ExternalMeetingJoinLimit", int64(25))
			wantValue(t, c, "AllowCopilotVisualInsights", "Enabled")
			p := csjsonProp(t, c, "AllowAnonymousUsersToJoinMeeting")
			want := Origin{File: "backup/Get-CsTeamsMeetingPolicy.json", Line: lineOf(t, raw, `"AllowAnonymousUsersToJoinMeeting": false`), Path: "$[1].AllowAnonymousUsersToJoinMeeting"}
			if p.Origin != want {
				t.Errorf("origin %v, want %v", p.Origin, want)
			}
			if len(r.Snapshot.Notes) != 0 || len(r.Warnings) != 0 {
				t.Errorf("notes %v, warnings %v", r.Snapshot.Notes, r.Warnings)
			}
		})
	}
}

// Windows PowerShell 5.1's export of one policy in the 2023 property set:
// a single object, two spaces after each colon, remoting noise keys
// before Identity (exports.md section 1).
func TestCsJSONMeetingPolicy2023(t *testing.T) {
	raw := csjsonFixture(t, "csjson", "Get-CsTeamsMeetingPolicy.txt")
	for _, enc := range csjsonEncodings() {
		t.Run(enc.name, func(t *testing.T) {
			r := csjsonRead(t, `C:\backup\Get-CsTeamsMeetingPolicy.txt`, enc.conv(raw))
			objs := r.Snapshot.Objects
			if len(objs) != 1 || objs[0].Identity != "Tag:Legacy 2023" || objs[0].Kind != state.KindTeamsMeetingPolicy {
				t.Fatalf("objects %+v", objs)
			}
			it := objs[0]
			for _, noise := range []string{"PSComputerName", "RunspaceId", "PSShowComputerName"} {
				if _, ok := it.Get(noise); ok {
					t.Errorf("noise key %s kept", noise)
				}
			}
			if len(it.Props) != 78 { // 77 keys of 2023 and Description
				t.Errorf("%d properties, want 78", len(it.Props))
			}
			if _, ok := it.Get("AllowWatermarkForScreenSharing"); ok {
				t.Error("a 2026 key appeared")
			}
			wantValue(t, it, "AutoAdmittedUsers", "EveryoneInCompanyExcludingGuests")
			p := csjsonProp(t, it, "AllowAnonymousUsersToJoinMeeting")
			want := Origin{File: `C:\backup\Get-CsTeamsMeetingPolicy.txt`, Line: lineOf(t, raw, `"AllowAnonymousUsersToJoinMeeting"`), Path: "$.AllowAnonymousUsersToJoinMeeting"}
			if p.Value != false || p.Origin != want {
				t.Errorf("%v at %v, want false at %v", p.Value, p.Origin, want)
			}
			if it.Origin.Path != "$" || it.Origin.Line != 1 {
				t.Errorf("object origin %v", it.Origin)
			}
		})
	}
}

// Get-CsTenantFederationConfiguration | ConvertTo-Json in Windows
// PowerShell 5.1 (default -Depth 2): noise keys first, the allow list as
// "Domain=" text, a "/Date(ms)/" date, a nested object flattened to its
// type name (exports.md section 1).
func TestCsJSONFederation51(t *testing.T) {
	raw := csjsonFixture(t, "csjson", "Get-CsTenantFederationConfiguration.json")
	for _, enc := range csjsonEncodings() {
		t.Run(enc.name, func(t *testing.T) {
			r := csjsonRead(t, "Get-CsTenantFederationConfiguration.json", enc.conv(raw))
			objs := r.Snapshot.Objects
			if len(objs) != 1 || objs[0].Kind != state.KindTenantFederationConfiguration || objs[0].Identity != "Global" {
				t.Fatalf("objects %+v", objs)
			}
			it := objs[0]
			for _, noise := range []string{"Key", "ConfigMetadata", "ConfigId", "DataSource", "Element"} {
				if _, ok := it.Get(noise); ok {
					t.Errorf("noise key %s kept", noise)
				}
			}
			wantValue(t, it, "AllowedDomains", allowList([]string{"contoso.com", "fabrikam.com"}))
			wantValue(t, it, "BlockedDomains", domainPatterns([]string{"spam.example"}))
			wantValue(t, it, "WhenChanged", "2026-04-06T17:19:07.301Z")
			wantValue(t, it, "AllowTeamsConsumer", false)
			wantValue(t, it, "AllowedTrialTenantDomains", nil)
			mode := &state.Object{}
			mode.Set("Mode", "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.ExternalAccessMode")
			wantValue(t, it, "ExternalAccessSettings", mode)
			if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "$.ExternalAccessSettings.Mode") || !strings.Contains(r.Warnings[0], "-Depth") {
				t.Errorf("warnings %q, want one about the depth at $.ExternalAccessSettings.Mode", r.Warnings)
			}
			if p := csjsonProp(t, it, "AllowedDomains"); p.Origin.Path != "$.AllowedDomains" || p.Origin.Line != lineOf(t, raw, `"AllowedDomains"`) {
				t.Errorf("AllowedDomains origin %v", p.Origin)
			}
		})
	}
}

// A file whose name says nothing: the properties decide, and the rule
// that decided is in the file's rule (exports.md section 1: "say which
// rule decided"). PowerShell 7's -Depth 5 shape of the allow list.
func TestCsJSONKindFromProperties(t *testing.T) {
	raw := csjsonFixture(t, "csjson", "federation-backup.json")
	r := csjsonRead(t, "federation-backup.json", raw)
	if !strings.Contains(r.Rule, "the properties AllowFederatedUsers and AllowedDomains make it a TenantFederationConfiguration") {
		t.Errorf("rule %q", r.Rule)
	}
	it := r.Snapshot.Objects[0]
	if it.Kind != state.KindTenantFederationConfiguration || it.Identity != "Global" {
		t.Fatalf("object %s %s", it.Kind, it.Identity)
	}
	wantValue(t, it, "AllowedDomains", allowList([]string{"contoso.com", "fabrikam.com"}))
	wantValue(t, it, "BlockedDomains", domainPatterns([]string{"spam.example", "phish.example"}))
	wantValue(t, it, "WhenChanged", "2026-04-06T17:19:07.301Z")
}

// A Get-Cs cmdlet of a kind csemu does not know: the objects are kept
// under the kind the file name gives, with a note.
func TestCsJSONUnknownKind(t *testing.T) {
	r := csjsonRead(t, "Get-CsTeamsMessagingPolicy.json", csjsonFixture(t, "csjson", "Get-CsTeamsMessagingPolicy.json"))
	objs := r.Snapshot.Objects
	if len(objs) != 2 || objs[0].Kind != "TeamsMessagingPolicy" || objs[1].Identity != "Tag:No Giphy" {
		t.Fatalf("objects %+v", objs)
	}
	wantValue(t, objs[1], "AllowGiphy", false)
	want := []Note{{Kind: "TeamsMessagingPolicy", Reason: "kept; csemu's rules do not read it", Origin: Origin{File: "Get-CsTeamsMessagingPolicy.json", Line: 2, Path: "$[0]"}}}
	if !reflect.DeepEqual(r.Snapshot.Notes, want) {
		t.Errorf("notes %+v, want %+v", r.Snapshot.Notes, want)
	}
}

// The shapes of the federation lists and of dates that exports take
// (exports.md section 1; canon.go for the stored forms).
func TestCsJSONValueShapes(t *testing.T) {
	fed := func(member string) string {
		return `{"Identity": "Global", ` + member + `}`
	}
	tests := []struct {
		name, file, text, prop string
		want                   any
		warn                   string
	}{
		{"allow all as {}", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {}`), "AllowedDomains", allowAll, ""},
		{"allow all as text", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": "AllowAllKnownDomains"`), "AllowedDomains", allowAll, ""},
		{"allow all as type name", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains"`), "AllowedDomains", allowAll, ""},
		{"allow all as member", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {"AllowAllKnownDomains": {}}`), "AllowedDomains", allowAll, ""},
		{"one domain at depth 2", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {"AllowedDomain": "Domain=contoso.com"}`), "AllowedDomains", allowList([]string{"contoso.com"}), ""},
		{"two domains at depth 2", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {"AllowedDomain": "Domain=a.com Domain=b.com"}`), "AllowedDomains", allowList([]string{"a.com", "b.com"}), ""},
		{"domains at depth 5", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {"AllowedDomain": [{"Domain": "a.com"}, {"Domain": "b.com"}]}`), "AllowedDomains", allowList([]string{"a.com", "b.com"}), ""},
		{"empty allow list", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {"AllowedDomain": []}`), "AllowedDomains", allowList(nil), ""},
		{"allow lists in an array", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": [{"AllowedDomain": ["Domain=a.com", "Domain=b.com"]}]`), "AllowedDomains", allowList([]string{"a.com", "b.com"}), ""},
		{"allow list flattened past depth", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList"`), "AllowedDomains", "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList", "-Depth"},
		{"allow list of unknown shape", "Get-CsTenantFederationConfiguration.json", fed(`"AllowedDomains": {"Other": 1}`), "AllowedDomains", func() any { o := &state.Object{}; o.Set("Other", int64(1)); return o }(), "shape"},
		{"blocked empty", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": []`), "BlockedDomains", []any{}, ""},
		{"blocked null", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": null`), "BlockedDomains", []any{}, ""},
		{"blocked Domain= strings", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": ["Domain=x.com", "Domain=y.com"]`), "BlockedDomains", domainPatterns([]string{"x.com", "y.com"}), ""},
		{"blocked Domain= objects", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": [{"Domain": "Domain=x.com"}]`), "BlockedDomains", domainPatterns([]string{"x.com"}), ""},
		{"blocked depth 5", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": [{"Domain": "x.com"}, {"Domain": "y.com"}]`), "BlockedDomains", domainPatterns([]string{"x.com", "y.com"}), ""},
		{"blocked as text", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": "Domain=x.com Domain=y.com"`), "BlockedDomains", domainPatterns([]string{"x.com", "y.com"}), ""},
		{"blocked of unknown shape", "Get-CsTenantFederationConfiguration.json", fed(`"BlockedDomains": [true]`), "BlockedDomains", []any{true}, "shape"},
		{"date", "Get-CsTenantFederationConfiguration.json", fed(`"WhenChanged": "/Date(1775495947301)/"`), "WhenChanged", "2026-04-06T17:19:07.301Z", ""},
		{"date with offset", "Get-CsTenantFederationConfiguration.json", fed(`"WhenChanged": "/Date(1775495947301+0100)/"`), "WhenChanged", "2026-04-06T17:19:07.301Z", ""},
		{"date whole second", "Get-CsTenantFederationConfiguration.json", fed(`"WhenChanged": "/Date(1775495947000)/"`), "WhenChanged", "2026-04-06T17:19:07Z", ""},
		{"date before 1970", "Get-CsTenantFederationConfiguration.json", fed(`"WhenChanged": "/Date(-62135596800000)/"`), "WhenChanged", "0001-01-01T00:00:00Z", ""},
		{"ISO date kept", "Get-CsTenantFederationConfiguration.json", fed(`"WhenChanged": "2026-04-06T17:19:07.301+02:00"`), "WhenChanged", "2026-04-06T17:19:07.301+02:00", ""},
		{"not a date", "Get-CsTenantFederationConfiguration.json", fed(`"WhenChanged": "/Date(12x)/"`), "WhenChanged", "/Date(12x)/", ""},
		{"integer", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": 3}`, "X", int64(3), ""},
		{"float", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": 3.5}`, "X", 3.5, ""},
		{"integral float kept", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": 3.0}`, "X", 3.0, ""},
		{"integer property", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "MediaBitRateKb": 5e4}`, "MediaBitRateKb", int64(50000), ""},
		{"past int64", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": 99999999999999999999}`, "X", 1e20, ""},
		{"tiny", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": 1e-400}`, "X", 0.0, ""},
		{"escapes", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": "a\"b\\c\/d\u00e9\ud83d\ude00\n"}`, "X", "a\"b\\c/dé😀\n", ""},
		{"lone surrogate", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": "\ud83d!"}`, "X", "\uFFFD!", ""},
		{"client types null", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "BlockedAnonymousJoinClientTypes": null}`, "BlockedAnonymousJoinClientTypes", nil, ""},
		// ConvertFrom-Json keeps the last of a repeated key and rejects keys
		// that differ only in case (PowerShell's JsonObject.cs,
		// KeysWithDifferentCasingInJsonString); TestCsJSONErrors has the
		// second.
		{"repeated key keeps the last", "Get-CsTeamsMeetingPolicy.json", `{"Identity": "Global", "X": 1, "X": 2}`, "X", int64(2), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := csjsonRead(t, tt.file, []byte(tt.text))
			if len(r.Snapshot.Objects) != 1 {
				t.Fatalf("%d objects", len(r.Snapshot.Objects))
			}
			wantValue(t, r.Snapshot.Objects[0], tt.prop, tt.want)
			warned := strings.Join(r.Warnings, "\n")
			if tt.warn == "" && warned != "" || !strings.Contains(warned, tt.warn) {
				t.Errorf("warnings %q, want %q", warned, tt.warn)
			}
		})
	}
}

// Bad files are errors with the file, the line and column, and the JSON
// path (exports.md: "the error names the file and the position").
func TestCsJSONErrors(t *testing.T) {
	deep := strings.Repeat("[", 30) + strings.Repeat("]", 30)
	tests := []struct {
		name, file, text string
		line, col        int
		path, msg        string
	}{
		{"cut short", "Get-CsTeamsMeetingPolicy.json", "[\n  {\"Identity\": \"Global\",\n   \"AllowIPVideo\": tru", 3, 20, "$[0].AllowIPVideo", "expected a JSON value"},
		{"cut short after a value", "Get-CsTeamsMeetingPolicy.json", "[\n  {\"Identity\": \"Global\"", 2, 24, "$[0]", "ends inside an object"},
		{"unclosed string", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Glo", 1, 14, "$.Identity", "not closed"},
		{"trailing comma", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Global\",\n}", 2, 1, "$", "expected a member name"},
		{"missing colon", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\" \"Global\"}", 1, 13, "$.Identity", "expected ':'"},
		{"text after", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Global\"} x", 1, 24, "$", "unexpected text"},
		{"too deep", "Get-CsTeamsMeetingPolicy.json", deep, 1, 25, "$" + strings.Repeat("[0]", 24), "deeper than 24"},
		{"huge number", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Global\", \"X\": 1e999}", 1, 29, "$.X", "too large"},
		{"leading zero", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Global\", \"X\": 01}", 1, 29, "$.X", "may not start with 0"},
		{"control character", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Glo\tbal\"}", 1, 18, "$.Identity", "control character"},
		{"bad escape", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Glo\\qbal\"}", 1, 18, "$.Identity", "unknown escape"},
		{"keys differ in case", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Global\",\n \"AllowIPVideo\": true,\n \"allowipvideo\": false}", 3, 2, "$.allowipvideo", `"AllowIPVideo" and "allowipvideo"`},
		{"not an object", "Get-CsTeamsMeetingPolicy.json", "[{\"Identity\": \"Global\"},\n 7]", 2, 2, "$[1]", "expected an object"},
		{"a string", "Get-CsTeamsMeetingPolicy.json", "\"Global\"", 1, 1, "$", "expected an object or an array"},
		{"no identity", "Get-CsTeamsMeetingPolicy.json", "[{\"AllowIPVideo\": true}]", 1, 2, "$[0]", "has no Identity"},
		{"identity not a string", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": 3}", 1, 14, "$.Identity", "must be a string"},
		{"kind unknown", "backup.json", "[{\"Identity\": \"Global\", \"Foo\": 1}]", 1, 2, "$[0]", "cannot tell which Get-Cs cmdlet"},
		{"empty", "Get-CsTeamsMeetingPolicy.json", "  \n", 2, 1, "$", "no JSON value"},
		// Windows PowerShell 5.1's Set-Content writes the ANSI code page.
		{"not UTF-8", "Get-CsTeamsMeetingPolicy.json", "{\"Identity\": \"Global\",\n \"Description\": \"F\xfcr\"}", 2, 19, "", "byte 0xFC is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readOne(&Source{Name: tt.file, Data: []byte(tt.text)}, Options{Format: FormatCsJSON})
			var e *Error
			if !errors.As(r.Err, &e) {
				t.Fatalf("error %v, want an *Error", r.Err)
			}
			if e.File != tt.file || e.Line != tt.line || e.Col != tt.col || e.Path != tt.path || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("error %q (line %d col %d path %s), want %d:%d %s %q", e, e.Line, e.Col, e.Path, tt.line, tt.col, tt.path, tt.msg)
			}
			if r.Snapshot != nil {
				t.Error("a snapshot with an error")
			}
		})
	}
}

// A configuration without Identity is Global; an empty array is no object.
func TestCsJSONDefaults(t *testing.T) {
	r := csjsonRead(t, "Get-CsTeamsMeetingConfiguration.json", []byte(`{"DisableAnonymousJoin": true}`))
	if it := r.Snapshot.Objects[0]; it.Identity != "Global" || it.Kind != state.KindTeamsMeetingConfiguration {
		t.Errorf("object %s %s", it.Kind, it.Identity)
	}
	r = csjsonRead(t, "Get-CsTeamsMeetingPolicy.json", []byte(`[]`))
	if len(r.Snapshot.Objects) != 0 {
		t.Errorf("%d objects", len(r.Snapshot.Objects))
	}
	// A policy named without Tag: gets it (normIdentity).
	r = csjsonRead(t, "TeamsMeetingPolicy.json", []byte(`{"Identity": "AllOn"}`))
	if it := r.Snapshot.Objects[0]; it.Identity != "Tag:AllOn" {
		t.Errorf("identity %s", it.Identity)
	}
}
