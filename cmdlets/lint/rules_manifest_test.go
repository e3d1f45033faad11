package lint

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The manifest rules restate the last paragraph of section B of
// external-and-app-rules.md: the flag on a pre-1.16 manifest (CSE4002), a
// meeting tab without the flag (CSE4003), the flag outside
// meetingExtensionDefinition (CSE4004); the flag exists from manifest
// schema 1.16 and in devPreview (rule 5 of section B). The manifests are
// written here for these tests.

type manifestCase struct {
	name string
	text string
	want []string // "CODE line:col"
	msg  string   // a substring of the first finding's message
}

func manifestSpans(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %d:%d", f.Code, f.Pos.Line, f.Pos.Column))
	}
	return out
}

func TestManifestRules(t *testing.T) {
	for _, c := range []manifestCase{
		// CSE4001: the manifest cannot be read.
		{name: "4001 malformed", text: "{\n  \"manifestVersion\": \"1.16\"\n  \"id\": 1\n}\n", want: []string{"CSE4001 3:3"}, msg: "malformed JSON"},
		{name: "4001 id not a GUID", text: "{\n  \"id\": \"board\"\n}\n", want: []string{"CSE4001 2:9"}, msg: `id "board" is neither a GUID`},
		{name: "4001 placeholder id", text: "{\"manifestVersion\": \"1.16\", \"id\": \"{{TEAMS_APP_ID}}\"}"},
		{name: "4001 not an object", text: "[]", want: []string{"CSE4001 1:1"}},

		// CSE4002: the flag before 1.16.
		{name: "4002 1.15 true", text: "{\n  \"manifestVersion\": \"1.15\",\n  \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": true}\n}",
			want: []string{"CSE4002 3:65"}, msg: "a 1.15 manifest"},
		{name: "4002 1.9 false", text: "{\"manifestVersion\": \"1.9\", \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": false}}",
			want: []string{"CSE4002 1:90"}},
		{name: "4002 1.16", text: "{\"manifestVersion\": \"1.16\", \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": true}}"},
		{name: "4002 devPreview", text: "{\"manifestVersion\": \"devPreview\", \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": true}}"},

		// CSE4003: a meeting tab without the flag.
		{name: "4003 configurable tab flag absent", text: "{\n  \"manifestVersion\": \"1.16\",\n  \"configurableTabs\": [\n    {\"context\": [\"channelTab\", \"meetingSidePanel\"]}\n  ]\n}",
			want: []string{"CSE4003 4:5"}, msg: "configurableTabs[0] has the meeting context meetingSidePanel, but meetingExtensionDefinition.supportsAnonymousGuestUsers is absent"},
		{name: "4003 static tab flag false", text: "{\"manifestVersion\": \"1.17\", \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": false},\n\"staticTabs\": [{\"context\": [\"personalTab\"]}, {\"context\": [\"meetingStage\"]}]}",
			want: []string{"CSE4003 2:46"}, msg: "staticTabs[1] has the meeting context meetingStage, but meetingExtensionDefinition.supportsAnonymousGuestUsers is false"},
		{name: "4003 old manifest without the flag", text: "{\"manifestVersion\": \"1.12\", \"configurableTabs\": [{\"context\": [\"meetingChatTab\"]}]}",
			want: []string{"CSE4003 1:50"}},
		{name: "4003 flag true", text: "{\"manifestVersion\": \"1.16\", \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": true}, \"configurableTabs\": [{\"context\": [\"meetingDetailsTab\"]}]}"},
		{name: "4003 channel tab only", text: "{\"manifestVersion\": \"1.16\", \"configurableTabs\": [{\"context\": [\"channelTab\"]}]}"},
		{name: "4003 bot only", text: "{\"manifestVersion\": \"1.16\", \"bots\": [{\"botId\": \"x\", \"scopes\": [\"groupChat\"]}]}"},

		// CSE4004: the flag elsewhere.
		{name: "4004 top level", text: "{\n  \"manifestVersion\": \"1.16\",\n  \"supportsAnonymousGuestUsers\": true\n}", want: []string{"CSE4004 3:3"},
			msg: "only inside meetingExtensionDefinition"},
		{name: "4004 in a tab", text: "{\"manifestVersion\": \"1.16\", \"meetingExtensionDefinition\": {\"supportsAnonymousGuestUsers\": true},\n\"configurableTabs\": [{\"supportsAnonymousGuestUsers\": true, \"context\": [\"meetingStage\"]}]}",
			want: []string{"CSE4004 2:23"}},
		{name: "4004 and 4003 together", text: "{\"manifestVersion\": \"1.16\",\n\"configurableTabs\": [{\"supportsAnonymousGuestUsers\": true, \"context\": [\"meetingStage\"]}]}",
			want: []string{"CSE4003 2:22", "CSE4004 2:23"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs, file, text := LintManifest("manifest.json", []byte(c.text))
			if got := manifestSpans(fs); strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Fatalf("findings %q, want %q\n%v", got, c.want, fs)
			}
			if file != "manifest.json" || text != c.text {
				t.Errorf("source %q", file)
			}
			if c.msg != "" && !strings.Contains(fs[0].Message, c.msg) {
				t.Errorf("message %q lacks %q", fs[0].Message, c.msg)
			}
			for _, f := range fs {
				r, ok := RuleByCode(f.Code)
				if !ok || f.Severity != r.Severity || !r.Manifest || f.File != "manifest.json" {
					t.Errorf("%s: severity %v, rule %+v, file %s", f.Code, f.Severity, r, f.File)
				}
			}
		})
	}
}

func TestManifestRulesInPackage(t *testing.T) {
	pack := func(name, text string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create(name)
		w.Write([]byte(text))
		zw.Close()
		return buf.Bytes()
	}
	text := "{\n  \"manifestVersion\": \"1.16\",\n  \"supportsAnonymousGuestUsers\": true\n}"
	fs, file, src := LintManifest("app.zip", pack("manifest.json", text))
	if got := manifestSpans(fs); len(got) != 1 || got[0] != "CSE4004 3:3" || fs[0].File != "app.zip/manifest.json" || file != "app.zip/manifest.json" || src != text {
		t.Errorf("findings %q in %s", got, file)
	}
	fs, _, _ = LintManifest("app.zip", pack("../manifest.json", text))
	if got := manifestSpans(fs); len(got) != 1 || got[0] != "CSE4001 1:1" || fs[0].File != "app.zip" || !strings.Contains(fs[0].Message, "leaves the archive") {
		t.Errorf("findings %q %v", got, fs)
	}
}

// Scripts are not checked by the manifest rules, nor manifests by the
// script rules.
func TestManifestRulesApart(t *testing.T) {
	for _, fd := range Lint("t.ps1", "$m = '{\"supportsAnonymousGuestUsers\": true}'\n", newTestEnv()) {
		if strings.HasPrefix(fd.Code, "CSE40") {
			t.Errorf("a script got %v", fd)
		}
	}
	if !IsManifestPath("appPackage/Manifest.JSON") || !IsManifestPath("build/app.zip") || IsManifestPath("deploy.ps1") {
		t.Error("IsManifestPath")
	}
}
