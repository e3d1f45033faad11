package join

import (
	"archive/zip"
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/csemu/csemu/state"
)

// The cases below restate section B of
// ../shared/reference/external-and-app-rules.md ("An app in a meeting"),
// rule by rule; each names the rule it checks. The manifests are written
// here for these tests, in the shape of the Teams app manifest schema.

const appID = "2f1c0f6e-6f47-4a36-9d1e-6a3b2c1d0e9f"

// manifest returns a manifest.json: version, the
// meetingExtensionDefinition body (empty: none) and the parts given.
func manifest(version, meetingExt string, parts ...string) string {
	var b strings.Builder
	b.WriteString(`{
  "$schema": "https://developer.microsoft.com/json-schemas/teams/v` + version + `/MicrosoftTeams.schema.json",
  "manifestVersion": "` + version + `",
  "version": "1.0.0",
  "id": "` + appID + `",
  "developer": {"name": "Northwind Apps", "websiteUrl": "https://example.org"},
  "name": {"short": "Retro Board"}`)
	if meetingExt != "" {
		b.WriteString(",\n  \"meetingExtensionDefinition\": " + meetingExt)
	}
	for _, p := range parts {
		b.WriteString(",\n  " + p)
	}
	b.WriteString("\n}\n")
	return b.String()
}

const (
	flagTrue    = `{"supportsAnonymousGuestUsers": true}`
	flagFalse   = `{"supportsAnonymousGuestUsers": false}`
	flagAbsent  = `{"scenes": []}`
	sidePanel   = `"configurableTabs": [{"configurationUrl": "https://example.org/config", "context": ["meetingSidePanel", "meetingChatTab"]}]`
	stageTab    = `"configurableTabs": [{"configurationUrl": "https://example.org/config", "context": ["meetingSidePanel", "meetingStage"]}]`
	channelTab  = `"configurableTabs": [{"configurationUrl": "https://example.org/config", "context": ["channelTab", "privateChatTab"]}]`
	staticStage = `"staticTabs": [{"entityId": "home", "context": ["personalTab", "meetingStage"]}]`
	groupBot    = `"bots": [{"botId": "7e0ab1c3-0b44-4d0e-9a1c-3c2f0d9b8a71", "scopes": ["personal", "groupChat"]}]`
	lowerBot    = `"bots": [{"botId": "7e0ab1c3-0b44-4d0e-9a1c-3c2f0d9b8a71", "scopes": ["groupchat"]}]`
	personalBot = `"bots": [{"botId": "7e0ab1c3-0b44-4d0e-9a1c-3c2f0d9b8a71", "scopes": ["personal"]}]`
	msgExt      = `"composeExtensions": [{"botId": "7e0ab1c3-0b44-4d0e-9a1c-3c2f0d9b8a71", "commands": []}]`
)

func mustManifest(t *testing.T, text string) *Manifest {
	t.Helper()
	m, err := ParseManifest([]byte(text), "manifest.json")
	if err != nil {
		t.Fatalf("ParseManifest: %v", err)
	}
	return m
}

// policy sets a property of the Global app permission policy.
func (w *world) apps(property string, v any) *world {
	return w.set(state.KindTeamsAppPermissionPolicy, "Global", property, v)
}

// teamsApp adds an app-centric entry.
func (w *world) teamsApp(id string, blocked bool, assignment string) *world {
	o := &state.Object{Kind: KindM365TeamsApp, Identity: id}
	o.Set("IsBlocked", blocked)
	o.Set("AssignmentType", assignment)
	w.t.PutObject(o)
	return w
}

// orgWide adds an org-wide default of app-centric management.
func (w *world) orgWide(setting, v string) *world {
	o := &state.Object{Kind: KindM365UnifiedTenantSettings, Identity: setting}
	o.Set("SettingValue", v)
	w.t.PutObject(o)
	return w
}

type appCase struct {
	name      string
	w         *world
	manifest  string // "" : -AppId only
	q         AppQuestion
	outcome   string
	decidedBy string
	surfaces  []string
	warn      string // a substring of one warning
	noWarn    string // a substring no warning holds
	reason    string // a substring of one reason
}

func allowAll() *world { return plain() }

func appCases() []appCase {
	full := manifest("1.16", flagTrue, stageTab, groupBot)
	policy := state.KindTeamsAppPermissionPolicy + "[Global]."
	return []appCase{
		// Rule 6 and the output: a 1.16 app with the flag, a stage tab and
		// a group chat bot works everywhere on a new tenant.
		{name: "defaults: every surface", w: allowAll(), manifest: full, outcome: AppAllowed,
			surfaces: []string{SurfaceTab, SurfaceStage, SurfaceBot, SurfaceCards}, warn: "new Teams client",
			decidedBy: "manifest.meetingExtensionDefinition.supportsAnonymousGuestUsers"},
		{name: "output: client support warning", w: allowAll(), manifest: full, outcome: AppAllowed, warn: "Edge and Chrome"},
		{name: "output: getAuthToken", w: allowAll(), manifest: full, outcome: AppAllowed, reason: "User is not authenticated"},

		// Rule 1: the meeting must admit the participant.
		{name: "rule 1: anonymous join off", w: allowAll().config("DisableAnonymousJoin", true), manifest: full,
			outcome: Blocked, decidedBy: "TeamsMeetingConfiguration[Global].DisableAnonymousJoin"},
		{name: "rule 1: blocked client type", w: allowAll().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Teams"}), manifest: full,
			outcome: Blocked, decidedBy: global + "BlockedAnonymousJoinClientTypes"},
		{name: "rule 1: the join rules' reasons are given", w: allowAll(), manifest: full, outcome: AppAllowed, reason: "  Rule 5 (lobby): TeamsMeetingPolicy[Global].AutoAdmittedUsers = EveryoneInCompany (default)"},
		{name: "rule 1: lobby still admits", w: allowAll(), manifest: full, outcome: AppAllowed, reason: "answer Lobby for a Teams client, decided by TeamsMeetingPolicy[Global].AutoAdmittedUsers"},

		// Rule 2: ACS clients.
		{name: "rule 2: ACS client", w: allowAll(), manifest: full, q: AppQuestion{ClientType: "ACS"}, outcome: NotSupported, decidedBy: "ClientType"},
		{name: "rule 1 before 2: ACS blocked by policy", w: allowAll().meeting("Global", "BlockedAnonymousJoinClientTypes", []any{"Acs"}), manifest: full,
			q: AppQuestion{ClientType: "Acs"}, outcome: Blocked, decidedBy: global + "BlockedAnonymousJoinClientTypes"},

		// Rule 3: the tenant switch.
		{name: "rule 3: app interaction off", w: allowAll().config("DisableAppInteractionForAnonymousUsers", true), manifest: full,
			noWarn: "Edge and Chrome", outcome: Blocked, decidedBy: "TeamsMeetingConfiguration[Global].DisableAppInteractionForAnonymousUsers"},
		{name: "rule 3: app interaction on", w: allowAll().config("DisableAppInteractionForAnonymousUsers", false), manifest: full, outcome: AppAllowed,
			reason: "DisableAppInteractionForAnonymousUsers = False"},

		// Rule 4: the Global app permission policy, per catalogue.
		{name: "rule 4: custom app blocked list names it", w: allowAll().apps("PrivateCatalogApps", []any{appID}), manifest: full,
			outcome: Blocked, decidedBy: policy + "PrivateCatalogApps"},
		{name: "rule 4: custom app blocked list of objects", w: allowAll().apps("PrivateCatalogApps", []any{idObject(strings.ToUpper(appID))}), manifest: full,
			outcome: Blocked, decidedBy: policy + "PrivateCatalogApps"},
		{name: "rule 4: custom app allow list lacks it", w: allowAll().apps("PrivateCatalogAppsType", "AllowedAppList"), manifest: full,
			outcome: Blocked, decidedBy: policy + "PrivateCatalogApps"},
		{name: "rule 4: custom app allow list names it", w: allowAll().apps("PrivateCatalogAppsType", "AllowedAppList").apps("PrivateCatalogApps", []any{idObject(appID)}),
			manifest: full, outcome: AppAllowed},
		{name: "rule 4: store app reads GlobalCatalogApps", w: allowAll().apps("GlobalCatalogApps", []any{appID}), manifest: full,
			q: AppQuestion{Catalog: "store"}, outcome: Blocked, decidedBy: policy + "GlobalCatalogApps"},
		{name: "rule 4: store app not in the custom list", w: allowAll().apps("PrivateCatalogApps", []any{appID}), manifest: full,
			q: AppQuestion{Catalog: "Store"}, outcome: AppAllowed},
		{name: "rule 4: store allow list", w: allowAll().apps("GlobalCatalogAppsType", "AllowedAppList"), manifest: full,
			q: AppQuestion{Catalog: "Store"}, outcome: Blocked, decidedBy: policy + "GlobalCatalogApps"},
		{name: "rule 4: Microsoft developer reads DefaultCatalogApps",
			w:        allowAll().apps("DefaultCatalogApps", []any{appID}),
			manifest: strings.Replace(full, "Northwind Apps", "Microsoft Corporation", 1), outcome: Blocked, decidedBy: policy + "DefaultCatalogApps"},
		{name: "rule 4: Microsoft allow list", w: allowAll().apps("DefaultCatalogAppsType", "AllowedAppList"), manifest: full,
			q: AppQuestion{Catalog: "Microsoft"}, outcome: Blocked, decidedBy: policy + "DefaultCatalogApps"},
		{name: "rule 4: the organizer's own policy is not read",
			w: allowAll().set(state.KindTeamsAppPermissionPolicy, "Tag:Open", "PrivateCatalogAppsType", "BlockedAppList").
				grant(ann, "TeamsAppPermissionPolicy", "Open").apps("PrivateCatalogAppsType", "AllowedAppList"),
			manifest: full, outcome: Blocked, decidedBy: policy + "PrivateCatalogApps", reason: "always get the Global policy"},
		{name: "rule 4: placeholder id replaced by -AppId", w: allowAll().apps("PrivateCatalogAppsType", "AllowedAppList").apps("PrivateCatalogApps", []any{appID}),
			manifest: strings.Replace(full, appID, "${{TEAMS_APP_ID}}", 1), q: AppQuestion{AppID: appID}, outcome: AppAllowed},
		{name: "rule 4: -AppId differs from the manifest's id", w: allowAll().apps("PrivateCatalogApps", []any{appID}), manifest: full,
			q: AppQuestion{AppID: "0b7e5c1a-3d2f-4e6a-9b8c-1d2e3f4a5b6c"}, outcome: AppAllowed, warn: "differs from the manifest's id"},
		{name: "rule 4: placeholder id warns", w: allowAll(), manifest: strings.Replace(full, appID, "{{TEAMS_APP_ID}}", 1), outcome: AppAllowed, warn: "template placeholder"},

		// Rule 4: app-centric management.
		{name: "rule 4: app-centric entry Everyone", w: allowAll().teamsApp(appID, false, "Everyone").apps("PrivateCatalogAppsType", "AllowedAppList"),
			manifest: full, outcome: AppAllowed, reason: "app-centric"},
		{name: "rule 4: app-centric entry blocked", w: allowAll().teamsApp(appID, true, "Everyone"), manifest: full,
			outcome: Blocked, decidedBy: KindM365TeamsApp + "[" + appID + "].IsBlocked"},
		{name: "rule 4: app-centric entry for users and groups", w: allowAll().teamsApp(appID, false, "UsersAndGroups"), manifest: full,
			outcome: Blocked, decidedBy: KindM365TeamsApp + "[" + appID + "].AssignmentType"},
		{name: "rule 4: app-centric entry NoOne", w: allowAll().teamsApp(appID, false, "NoOne"), manifest: full,
			outcome: Blocked, decidedBy: KindM365TeamsApp + "[" + appID + "].AssignmentType"},
		{name: "rule 4: org-wide default None", w: allowAll().orgWide("PrivateApp", "None"), manifest: full,
			outcome: Blocked, decidedBy: KindM365UnifiedTenantSettings + "[PrivateApp].SettingValue"},
		{name: "rule 4: org-wide default Some", w: allowAll().orgWide("PrivateApp", "Some"), manifest: full,
			outcome: Blocked, decidedBy: KindM365UnifiedTenantSettings + "[PrivateApp].SettingValue"},
		{name: "rule 4: org-wide default All", w: allowAll().orgWide("PrivateApp", "All").apps("PrivateCatalogApps", []any{appID}), manifest: full,
			outcome: AppAllowed},
		{name: "rule 4: org-wide default of the store", w: allowAll().orgWide("GlobalApp", "None"), manifest: full,
			q: AppQuestion{Catalog: "Store"}, outcome: Blocked, decidedBy: KindM365UnifiedTenantSettings + "[GlobalApp].SettingValue"},
		{name: "rule 4: org-wide default of another catalogue", w: allowAll().orgWide("GlobalApp", "None"), manifest: full, outcome: AppAllowed},

		// Rule 5: manifest version and flag.
		{name: "rule 5: 1.15 tab only", w: allowAll(), manifest: manifest("1.15", flagTrue, sidePanel),
			outcome: Blocked, decidedBy: "manifest.manifestVersion"},
		{name: "rule 5: 1.16 flag absent tab only", w: allowAll(), manifest: manifest("1.16", flagAbsent, sidePanel),
			outcome: Blocked, decidedBy: "manifest.meetingExtensionDefinition.supportsAnonymousGuestUsers"},
		{name: "rule 5: 1.16 no meetingExtensionDefinition", w: allowAll(), manifest: manifest("1.16", "", sidePanel),
			outcome: Blocked, decidedBy: "manifest.meetingExtensionDefinition.supportsAnonymousGuestUsers"},
		{name: "rule 5: 1.16 flag false", w: allowAll(), manifest: manifest("1.16", flagFalse, sidePanel),
			outcome: Blocked, decidedBy: "manifest.meetingExtensionDefinition.supportsAnonymousGuestUsers"},
		{name: "rule 5: 1.16 flag true", w: allowAll(), manifest: manifest("1.16", flagTrue, sidePanel),
			outcome: AppAllowed, surfaces: []string{SurfaceTab}},
		{name: "rule 5: 1.17 flag true", w: allowAll(), manifest: manifest("1.17", flagTrue, sidePanel), outcome: AppAllowed},
		{name: "rule 5: devPreview flag true", w: allowAll(), manifest: manifest("devPreview", flagTrue, sidePanel),
			outcome: AppAllowed, surfaces: []string{SurfaceTab}},
		{name: "rule 5: flag false, bot still works", w: allowAll(), manifest: manifest("1.16", flagFalse, stageTab, groupBot),
			outcome: AppAllowed, surfaces: []string{SurfaceBot, SurfaceCards}, reason: "need no flag", decidedBy: "manifest.bots"},
		{name: "rule 5: 1.15 bot-only app", w: allowAll(), manifest: manifest("1.15", "", groupBot),
			outcome: AppAllowed, surfaces: []string{SurfaceBot, SurfaceCards}},
		{name: "rule 5: lower-case groupchat", w: allowAll(), manifest: manifest("1.16", "", lowerBot),
			outcome: AppAllowed, surfaces: []string{SurfaceBot, SurfaceCards}, warn: "strict validation"},
		{name: "rule 5: groupChat does not warn", w: allowAll(), manifest: manifest("1.16", "", groupBot), outcome: AppAllowed, noWarn: "strict validation"},
		{name: "rule 5: message extension only", w: allowAll(), manifest: manifest("1.14", "", msgExt),
			outcome: AppAllowed, surfaces: []string{SurfaceCards}, decidedBy: "manifest.composeExtensions", warn: "Edge and Chrome"},
		{name: "rule 5: asking for the tab of a flagless app with a bot", w: allowAll(), manifest: manifest("1.16", flagFalse, sidePanel, groupBot),
			q: AppQuestion{Surface: "Tab"}, outcome: Blocked, decidedBy: "manifest.meetingExtensionDefinition.supportsAnonymousGuestUsers"},

		// Rule 6: surfaces.
		{name: "rule 6: channel tab only", w: allowAll(), manifest: manifest("1.16", flagTrue, channelTab), outcome: NotSupported, decidedBy: "Surface"},
		{name: "rule 6: personal bot only", w: allowAll(), manifest: manifest("1.16", flagTrue, personalBot), outcome: NotSupported, decidedBy: "Surface"},
		{name: "rule 6: stage asked, side panel only", w: allowAll(), manifest: manifest("1.16", flagTrue, sidePanel),
			q: AppQuestion{Surface: "Stage"}, outcome: NotSupported, decidedBy: "Surface"},
		{name: "rule 6: stage from a static tab", w: allowAll(), manifest: manifest("1.16", flagTrue, staticStage),
			q: AppQuestion{Surface: "stage"}, outcome: AppAllowed, surfaces: []string{SurfaceStage}},
		{name: "rule 6: bot asked, tab only", w: allowAll(), manifest: manifest("1.16", flagTrue, sidePanel),
			q: AppQuestion{Surface: "Bot"}, outcome: NotSupported, decidedBy: "Surface"},
		{name: "rule 6: bot asked", w: allowAll(), manifest: full, q: AppQuestion{Surface: "Bot"}, outcome: AppAllowed, surfaces: []string{SurfaceBot, SurfaceCards}},

		// Without a manifest, rules 1 to 4 still decide; 5 and 6 cannot.
		{name: "no manifest: permission decides", w: allowAll().apps("PrivateCatalogApps", []any{appID}), q: AppQuestion{AppID: appID},
			outcome: Blocked, decidedBy: policy + "PrivateCatalogApps"},
		{name: "no manifest: surfaces unknown", w: allowAll(), q: AppQuestion{AppID: appID}, outcome: Unknown, decidedBy: "Manifest"},
	}
}

func idObject(id string) *state.Object {
	o := &state.Object{Kind: "DefaultCatalogApp"}
	o.Set("Id", id)
	return o
}

func TestAppRules(t *testing.T) {
	for _, tc := range appCases() {
		t.Run(tc.name, func(t *testing.T) {
			var m *Manifest
			if tc.manifest != "" {
				m = mustManifest(t, tc.manifest)
			}
			a := EvaluateApp(tc.w.t, tc.w.now, ann, m, tc.q)
			if a.Outcome != tc.outcome {
				t.Fatalf("Outcome = %s (DecidedBy %s), want %s\nreasons:\n%s", a.Outcome, a.DecidedBy, tc.outcome, strings.Join(a.Reasons, "\n"))
			}
			if a.Allowed != (tc.outcome == AppAllowed) {
				t.Errorf("Allowed = %v with outcome %s", a.Allowed, a.Outcome)
			}
			if tc.decidedBy != "" && a.DecidedBy != tc.decidedBy {
				t.Errorf("DecidedBy = %s, want %s\nreasons:\n%s", a.DecidedBy, tc.decidedBy, strings.Join(a.Reasons, "\n"))
			}
			if tc.surfaces != nil && !slices.Equal(a.Surfaces, tc.surfaces) {
				t.Errorf("Surfaces = %v, want %v", a.Surfaces, tc.surfaces)
			}
			if a.Outcome != AppAllowed && len(a.Surfaces) != 0 {
				t.Errorf("Surfaces = %v with outcome %s", a.Surfaces, a.Outcome)
			}
			if tc.warn != "" && !hasSub(a.Warnings, tc.warn) {
				t.Errorf("no warning with %q in %q", tc.warn, a.Warnings)
			}
			if tc.noWarn != "" && hasSub(a.Warnings, tc.noWarn) {
				t.Errorf("a warning with %q in %q", tc.noWarn, a.Warnings)
			}
			if tc.reason != "" && !hasSub(a.Reasons, tc.reason) {
				t.Errorf("no reason with %q in\n%s", tc.reason, strings.Join(a.Reasons, "\n"))
			}
			// What the app sees of an anonymous participant (section B,
			// output) does not depend on the outcome.
			if a.Context != (AppContext{LicenseType: "Anonymous"}) || a.RosterRole != "anonymous" || a.CanAuthenticate || a.BotCanStartOneToOne || a.LiveShare {
				t.Errorf("what the app sees: %+v %s %v %v %v", a.Context, a.RosterRole, a.CanAuthenticate, a.BotCanStartOneToOne, a.LiveShare)
			}
		})
	}
}

func hasSub(items []string, sub string) bool {
	for _, s := range items {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Every Reason names the value read and where it comes from.
func TestAppReasonsNameOrigins(t *testing.T) {
	w := allowAll().apps("PrivateCatalogAppsType", "AllowedAppList")
	w.changed(state.KindTeamsAppPermissionPolicy, "Global", "PrivateCatalogAppsType", 0)
	w.t.AppendChange(w.t.Changes(1)[0]) // the same change twice is one warning
	a := EvaluateApp(w.t, w.now.Add(2*3600e9), ann, mustManifest(t, manifest("1.16", flagTrue, sidePanel)), AppQuestion{})
	if !hasSub(a.Reasons, "PrivateCatalogAppsType = AllowedAppList (set by Set-CsTeamsAppPermissionPolicy at deploy.ps1:7)") {
		t.Errorf("reasons:\n%s", strings.Join(a.Reasons, "\n"))
	}
	if !hasSub(a.Reasons, "PrivateCatalogApps = {} (default)") && !hasSub(a.Reasons, "PrivateCatalogApps =  (default)") {
		t.Errorf("reasons:\n%s", strings.Join(a.Reasons, "\n"))
	}
	if !hasSub(a.Warnings, "changed 2 hours ago") {
		t.Errorf("warnings: %q", a.Warnings)
	}
}

func TestParseManifest(t *testing.T) {
	m := mustManifest(t, manifest("1.16", flagTrue, stageTab, lowerBot, msgExt))
	if m.ManifestVersion != "1.16" || m.ID != appID || m.Name != "Retro Board" || m.DeveloperName != "Northwind Apps" ||
		m.SupportsAnonymousGuestUsers == nil || !*m.SupportsAnonymousGuestUsers || len(m.Tabs) != 1 || len(m.Bots) != 1 || m.ComposeExtensions != 1 {
		t.Fatalf("manifest: %+v", m)
	}
	if p := m.At("meetingExtensionDefinition.supportsAnonymousGuestUsers"); p.Line != 8 || p.Column != 65 {
		t.Errorf("flag at %v", p)
	}
	if p := m.At("manifestVersion"); p.Line != 3 || p.Column != 22 {
		t.Errorf("manifestVersion at %v", p)
	}
	for _, v := range []struct {
		version string
		ok      bool
	}{{"1.15", false}, {"1.16", true}, {"1.9", false}, {"1.24", true}, {"2.0", true}, {"devPreview", true}, {"DevPreview", true}, {"", false}, {"x", false}} {
		if got := (&Manifest{ManifestVersion: v.version}).VersionAtLeast116(); got != v.ok {
			t.Errorf("VersionAtLeast116(%q) = %v", v.version, got)
		}
	}
	// Placeholders in ids.
	for _, id := range []string{"{{TEAMS_APP_ID}}", "${{TEAMS_APP_ID}}", "${{APP_NAME_SUFFIX}}-id"} {
		m := mustManifest(t, strings.Replace(manifest("1.16", ""), appID, id, 1))
		if !m.IDIsPlaceholder() {
			t.Errorf("%s is not a placeholder", id)
		}
	}
	// A flag outside meetingExtensionDefinition is found.
	m = mustManifest(t, manifest("1.16", "", `"supportsAnonymousGuestUsers": true`))
	if len(m.StrayFlags) != 1 || m.StrayFlags[0].Line != 8 || m.StrayFlags[0].Column != 3 || m.SupportsAnonymousGuestUsers != nil {
		t.Errorf("stray flags %v", m.StrayFlags)
	}
}

func TestParseManifestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"malformed", "{\n  \"id\": \"x\",\n  oops\n}", "manifest.json:3:3: malformed JSON"},
		{"truncated", "{\n  \"id\": ", "manifest.json:2:9: malformed JSON: unexpected end"},
		{"empty", "  ", "manifest.json:1:1: the manifest is empty"},
		{"array", "[1]", "a manifest is a JSON object"},
		{"trailing", "{}\n{}", "manifest.json:2:1: malformed JSON: text after"},
		{"bad id", `{"id": "not-a-guid"}`, `manifest.json:1:8: id "not-a-guid" is neither a GUID`},
		{"flag type", `{"meetingExtensionDefinition": {"supportsAnonymousGuestUsers": "yes"}}`, "must be true or false"},
		{"version type", "{\n\"manifestVersion\": 1.16}", "manifest.json:2:20: manifestVersion must be a string"},
		{"scopes type", `{"bots": [{"scopes": [1]}]}`, "bots[0].scopes must list strings"},
		{"deep", strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100), "deeper than 64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseManifest([]byte(tc.text), "manifest.json")
			var me *ManifestError
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func zipOf(t *testing.T, files map[string]string, order ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParsePackage(t *testing.T) {
	text := manifest("1.16", flagTrue, sidePanel)
	data := zipOf(t, map[string]string{"manifest.json": text, "color.png": "png"}, "color.png", "manifest.json")
	m, err := ParseManifest(data, "app.zip")
	if err != nil || m.ID != appID || m.File != "app.zip/manifest.json" {
		t.Fatalf("package: %v %+v", err, m)
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		order []string
		want  string
	}{
		{"no manifest", map[string]string{"app/manifest.json": text}, []string{"app/manifest.json"}, "app.zip: the app package has no manifest.json at its root"},
		{"escape", map[string]string{"manifest.json": text, "../evil": "x"}, []string{"manifest.json", "../evil"}, `entry "../evil" leaves the archive`},
		{"absolute", map[string]string{"manifest.json": text, "/etc/x": "x"}, []string{"manifest.json", "/etc/x"}, "leaves the archive"},
		{"bad json", map[string]string{"manifest.json": "{\n,"}, []string{"manifest.json"}, "app.zip/manifest.json:2:1: malformed JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseManifest(zipOf(t, tc.files, tc.order...), "app.zip")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := ParseManifest([]byte("PK\x03\x04junk"), "app.zip"); err == nil || !strings.Contains(err.Error(), "not a valid app package") {
		t.Errorf("junk zip: %v", err)
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(manifest("1.16", flagTrue, stageTab, groupBot)))
	f.Add([]byte(`{"bots": [{"scopes": ["groupchat"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data, "m.json")
		if err == nil {
			EvaluateApp(state.NewTenant(), t0, ann, m, AppQuestion{})
		}
	})
}

// A value an app-centric entry got when a cmdlet created it is named as
// the default of that entry.
func TestAppCentricOrigin(t *testing.T) {
	w := allowAll().teamsApp(appID, false, "Everyone")
	w.t.AppendChange(state.Change{Time: w.now.Add(-48 * 3600e9), Cmdlet: "Update-M365TeamsApp", File: "apps.ps1", Line: 3, Kind: KindM365TeamsApp, Identity: appID})
	w.t.AppendChange(state.Change{Time: w.now.Add(-48 * 3600e9), Cmdlet: "Update-M365TeamsApp", File: "apps.ps1", Line: 3, Kind: KindM365TeamsApp, Identity: appID, Property: "AssignmentType", New: "Everyone"})
	a := EvaluateApp(w.t, w.now, ann, mustManifest(t, manifest("1.16", flagTrue, sidePanel)), AppQuestion{})
	want := "IsBlocked = False (default of the entry created by Update-M365TeamsApp at apps.ps1:3) and M365TeamsApp[" + appID + "].AssignmentType = Everyone (set by Update-M365TeamsApp at apps.ps1:3)"
	if !hasSub(a.Reasons, want) {
		t.Errorf("reasons:\n%s", strings.Join(a.Reasons, "\n"))
	}
}

// Section B rule 4: a tenant manages apps app-centrically when an
// M365TeamsApp entry or an org-wide default of an app catalogue exists;
// the Copilot extensibility switch, also a unified tenant setting, says
// nothing about which apps people may use.
func TestUsesAppCentricManagement(t *testing.T) {
	tn := state.NewTenant()
	if UsesAppCentricManagement(tn) {
		t.Fatal("a new tenant uses permission policies")
	}
	tn.PutObject(&state.Object{Kind: KindM365UnifiedTenantSettings, Identity: "EnableCopilotExtensibility", Props: []state.Prop{{Name: "SettingValue", Value: "All"}}})
	if UsesAppCentricManagement(tn) {
		t.Error("the Copilot setting switched the tenant to app-centric management")
	}
	tn.PutObject(&state.Object{Kind: KindM365UnifiedTenantSettings, Identity: "PrivateApp", Props: []state.Prop{{Name: "SettingValue", Value: "None"}}})
	if !UsesAppCentricManagement(tn) {
		t.Error("an org-wide default of the custom apps is app-centric management")
	}
}
