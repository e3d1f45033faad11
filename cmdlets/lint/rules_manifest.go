package lint

import (
	"errors"
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/parser"
)

// The manifest rules (CSE40xx) check a Teams app's manifest.json, or its
// app package (.zip), for what decides whether anonymous meeting
// participants can use the app: the last paragraph of section B of
// external-and-app-rules.md, and the schema versions of
// meetingExtensionDefinition.supportsAnonymousGuestUsers (1.16 and later,
// devPreview).

// manifestCheck is a manifest rule's check.
type manifestCheck func(m *join.Manifest, report func(Finding))

// manifestRules lists the manifest rules. Their Bad and Good examples are
// manifests, not scripts; their script check does nothing.
func manifestRules() []ruleDef {
	return []ruleDef{{
		Rule: Rule{Code: "CSE4001", Name: "manifest-unreadable", Severity: Error, Manifest: true,
			Summary: "The app manifest, or the app package holding it, cannot be read.",
			Help: "Teams refuses an app package whose manifest.json is not at the package's root, is not a JSON object, or " +
				"holds a value of the wrong type where the rules read it (manifestVersion, id, name.short, developer.name, " +
				"meetingExtensionDefinition.supportsAnonymousGuestUsers, tab contexts, bot scopes). The id must be a GUID, " +
				"or a template placeholder such as {{TEAMS_APP_ID}} or ${{TEAMS_APP_ID}} that the build replaces.",
			Bad:  "{\n  \"manifestVersion\": \"1.16\",\n  \"id\": \"retro-board\"\n}\n",
			Good: "{\n  \"manifestVersion\": \"1.16\",\n  \"id\": \"${{TEAMS_APP_ID}}\"\n}\n"},
	}, {
		Rule: Rule{Code: "CSE4002", Name: "anonymous-flag-before-1-16", Severity: Warning, Manifest: true,
			Summary: "supportsAnonymousGuestUsers is set in a manifest older than schema 1.16, which does not know it.",
			Help: "meetingExtensionDefinition.supportsAnonymousGuestUsers exists from manifest schema 1.16 (and devPreview). " +
				"In an older manifest Teams does not read it, so anonymous meeting participants still cannot use the app's " +
				"tabs or its stage. Raise manifestVersion (and $schema) to 1.16 or later.",
			Bad:  "{\n  \"manifestVersion\": \"1.15\",\n  \"meetingExtensionDefinition\": { \"supportsAnonymousGuestUsers\": true }\n}\n",
			Good: "{\n  \"manifestVersion\": \"1.16\",\n  \"meetingExtensionDefinition\": { \"supportsAnonymousGuestUsers\": true }\n}\n"},
		manifest: func(m *join.Manifest, report func(Finding)) {
			if m.SupportsAnonymousGuestUsers == nil || m.VersionAtLeast116() {
				return
			}
			report(Finding{Pos: manifestPos(m.At("meetingExtensionDefinition.supportsAnonymousGuestUsers")),
				Message:    fmt.Sprintf("supportsAnonymousGuestUsers needs manifestVersion 1.16 or later; Teams ignores it in a %s manifest, so anonymous participants cannot use the app's tabs", versionWords(m)),
				Suggestion: "set manifestVersion to \"1.16\" or later"})
		},
	}, {
		Rule: Rule{Code: "CSE4003", Name: "meeting-tab-without-anonymous-flag", Severity: Info, Manifest: true,
			Summary: "A tab with a meeting context, but anonymous participants cannot use it.",
			Help: "A configurableTabs or staticTabs entry with a meeting context (meetingSidePanel, meetingStage, " +
				"meetingChatTab, meetingDetailsTab) is shown to anonymous meeting participants only when the manifest sets " +
				"meetingExtensionDefinition.supportsAnonymousGuestUsers to true (schema 1.16 or later). Without it they " +
				"see no tab and no stage; bots, message extensions and cards need no flag. Leave it off on purpose if the " +
				"app needs a signed-in user: anonymous participants cannot authenticate (getAuthToken fails).",
			Bad: "{\n  \"manifestVersion\": \"1.16\",\n  \"configurableTabs\": [\n    { \"configurationUrl\": \"https://example.org/config\", \"context\": [\"meetingSidePanel\"] }\n  ]\n}\n",
			Good: "{\n  \"manifestVersion\": \"1.16\",\n  \"meetingExtensionDefinition\": { \"supportsAnonymousGuestUsers\": true },\n" +
				"  \"configurableTabs\": [\n    { \"configurationUrl\": \"https://example.org/config\", \"context\": [\"meetingSidePanel\"] }\n  ]\n}\n"},
		manifest: func(m *join.Manifest, report func(Finding)) {
			if m.SupportsAnonymousGuestUsers != nil && *m.SupportsAnonymousGuestUsers {
				return // CSE4002 covers a flag the version does not know
			}
			state := "absent"
			if m.SupportsAnonymousGuestUsers != nil {
				state = "false"
			}
			for _, t := range m.Tabs {
				if c := meetingContext(t); c != "" {
					report(Finding{Pos: manifestPos(t.Pos),
						Message:    fmt.Sprintf("%s has the meeting context %s, but meetingExtensionDefinition.supportsAnonymousGuestUsers is %s: anonymous participants cannot use this tab", t.Path, c, state),
						Suggestion: "set meetingExtensionDefinition.supportsAnonymousGuestUsers to true (manifestVersion 1.16 or later) if anonymous participants may use it"})
				}
			}
		},
	}, {
		Rule: Rule{Code: "CSE4004", Name: "anonymous-flag-misplaced", Severity: Warning, Manifest: true,
			Summary: "supportsAnonymousGuestUsers outside meetingExtensionDefinition, where Teams does not read it.",
			Help: "Teams reads the flag only as meetingExtensionDefinition.supportsAnonymousGuestUsers. Anywhere else (at the " +
				"manifest's top level, in a tab or a bot) it has no effect, and strict schema validation rejects it.",
			Bad:  "{\n  \"manifestVersion\": \"1.16\",\n  \"supportsAnonymousGuestUsers\": true\n}\n",
			Good: "{\n  \"manifestVersion\": \"1.16\",\n  \"meetingExtensionDefinition\": { \"supportsAnonymousGuestUsers\": true }\n}\n"},
		manifest: func(m *join.Manifest, report func(Finding)) {
			for _, p := range m.StrayFlags {
				report(Finding{Pos: manifestPos(p), End: manifestPos(join.Pos{File: p.File, Line: p.Line, Column: p.Column + len(`"supportsAnonymousGuestUsers"`), Offset: p.Offset + len(`"supportsAnonymousGuestUsers"`)}),
					Message:    "supportsAnonymousGuestUsers has no effect here: Teams reads it only inside meetingExtensionDefinition",
					Suggestion: "move it to meetingExtensionDefinition.supportsAnonymousGuestUsers"})
			}
		},
	}}
}

func versionWords(m *join.Manifest) string {
	if m.ManifestVersion == "" {
		return "version-less"
	}
	return m.ManifestVersion
}

// meetingContext returns the tab's first meeting context, or "".
func meetingContext(t join.Tab) string {
	for _, c := range t.Contexts {
		for _, mc := range join.MeetingContexts() {
			if strings.EqualFold(c, mc) {
				return c
			}
		}
	}
	return ""
}

func manifestPos(p join.Pos) parser.Pos {
	return parser.Pos{Filename: p.File, Offset: p.Offset, Line: p.Line, Column: p.Column}
}

// IsManifestPath reports whether a path given to lint names an app manifest
// (a .json file) or an app package (.zip) rather than a script.
func IsManifestPath(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".zip")
}

// LintManifest runs the manifest rules on a manifest.json or an app
// package. It returns the findings, sorted by position, and the name the
// findings give the manifest with its text (for a package,
// package/manifest.json), for the report's source lines.
func LintManifest(path string, data []byte) (findings []Finding, file, text string) {
	body, where, err := join.ExtractManifest(data, path)
	file, text = where, string(body)
	var m *join.Manifest
	if err == nil {
		m, err = join.ParseManifest(body, where)
	}
	var out []Finding
	for _, r := range allRules() {
		add := func(fd Finding) {
			if fd.Code == "" {
				fd.Code = r.Code
			}
			fd.Severity = r.Severity
			if fd.File == "" {
				fd.File = where
			}
			if fd.End.Line == 0 {
				fd.End = fd.Pos
			}
			out = append(out, fd)
		}
		switch {
		case r.Code == "CSE4001" && err != nil:
			var me *join.ManifestError
			p := join.Pos{File: path, Line: 1, Column: 1}
			msg := err.Error()
			if errors.As(err, &me) {
				msg = me.Msg
				if me.Pos.Line > 0 {
					p = me.Pos
				} else {
					p.File = me.Pos.File
				}
			}
			add(Finding{Pos: manifestPos(p), File: p.File, Message: msg})
		case r.manifest != nil && m != nil:
			r.manifest(m, add)
		}
	}
	sortFindings(out)
	return out, file, text
}
