package tenantio

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/csemu/csemu/state"
)

// ScubaGear's ProviderSettingsExport.json (exports.md section 4; the
// Teams keys as ScubaGear's ExportTeamsProvider.psm1 writes them, each an
// @(...) | ConvertTo-Json array).
func TestScubaProviderExport(t *testing.T) {
	raw := csjsonFixture(t, "scuba", "ProviderSettingsExport.json")
	for _, enc := range csjsonEncodings() {
		t.Run(enc.name, func(t *testing.T) {
			r := csjsonRead(t, "ProviderSettingsExport.json", enc.conv(raw))
			if r.Format != FormatScuba {
				t.Fatalf("format %s (%s)", r.Format, r.Rule)
			}
			var got []string
			for _, it := range r.Snapshot.Objects {
				got = append(got, it.Kind+" "+it.Identity)
			}
			want := []string{
				"TenantInfo 7f3c2a10-5b8e-4d2f-a1c9-3e6b0d4f8a21",
				"TeamsMeetingPolicy Global",
				"TeamsMeetingPolicy Tag:AllOn",
				"TeamsMeetingPolicy Tag:Restricted",
				"TenantFederationConfiguration Global",
				"TeamsClientConfiguration Global",
				"TeamsAppPermissionPolicy Global",
				"TeamsMeetingBroadcastPolicy Global",
				"M365UnifiedTenantSettings DefaultApp",
				"M365UnifiedTenantSettings GlobalApp",
				"M365UnifiedTenantSettings PrivateApp",
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("objects\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			objs := r.Snapshot.Objects
			restricted := objs[3]
			p := csjsonProp(t, restricted, "AllowAnonymousUsersToJoinMeeting")
			wantAt := Origin{File: "ProviderSettingsExport.json", Line: lineOf(t, raw, `"Identity": "Tag:Restricted"`) + 1, Path: "$.meeting_policies[2].AllowAnonymousUsersToJoinMeeting"}
			if p.Value != false || p.Origin != wantAt {
				t.Errorf("%v at %v, want false at %v", p.Value, p.Origin, wantAt)
			}
			wantValue(t, restricted, "BlockedAnonymousJoinClientTypes", []any{"ACS"})
			fed := objs[4]
			if _, ok := fed.Get("Key"); ok {
				t.Error("noise key Key kept")
			}
			wantValue(t, fed, "AllowedDomains", allowList([]string{"contoso.com", "fabrikam.com"}))
			wantValue(t, fed, "BlockedDomains", []any{})
			wantValue(t, objs[6], "GlobalCatalogAppsType", "AllowedAppList")
			// The row's SettingName names it and stays a property.
			wantValue(t, objs[10], "SettingName", "PrivateApp")
			wantValue(t, objs[10], "Users", []any{"adele@contoso.com"})
			wantValue(t, objs[0], "DomainName", "contoso.onmicrosoft.com")

			notes := map[string]Note{}
			for _, n := range r.Snapshot.Notes {
				notes[n.Kind] = n
			}
			for _, k := range []string{"baseline_version", "module_version", "date", "timestamp_zulu", "tenant_details", "conditional_access_policies", "teams_successful_commands", "teams_unsuccessful_commands", "SPO_tenant"} {
				if n, ok := notes[k]; !ok || !n.Skipped || !strings.Contains(n.Reason, "not a Teams setting") {
					t.Errorf("note of %s: %+v", k, n)
				}
			}
			if n := notes["SPO_tenant"]; n.Origin.Path != "$.SPO_tenant" || n.Origin.Line != lineOf(t, raw, `"SPO_tenant"`) {
				t.Errorf("note origin %v", n.Origin)
			}
			// the org-wide app settings are read by the app rules
			// (external-and-app-rules.md section B, rule 4): no note
			if _, ok := notes[KindM365UnifiedTenantSettings]; ok {
				t.Errorf("note of %s", KindM365UnifiedTenantSettings)
			}
			for _, k := range []string{"TenantInfo", "TeamsClientConfiguration", "TeamsMeetingBroadcastPolicy"} {
				if n, ok := notes[k]; !ok || n.Skipped || n.Reason != "kept; csemu's rules do not read it" {
					t.Errorf("note of %s: %+v", k, n)
				}
			}
			if n := notes[state.KindTeamsMeetingConfiguration]; n.Skipped || n.Reason != "ScubaGear's export has no meeting configuration" {
				t.Errorf("meeting configuration note %+v", n)
			}
			if n := notes["PolicyAssignments"]; n.Skipped || n.Reason != "ScubaGear's export has no policy assignments" {
				t.Errorf("assignments note %+v", n)
			}
			if len(r.Snapshot.Notes) != 14 {
				t.Errorf("%d notes, want 14: %+v", len(r.Snapshot.Notes), r.Snapshot.Notes)
			}
			// TeamsAdditionalData.VerifiedDomains is a type name.
			if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "$.teams_tenant_info[0].TeamsAdditionalData.VerifiedDomains") {
				t.Errorf("warnings %q", r.Warnings)
			}
		})
	}
}

// A key that holds one object (ConvertTo-Json without @()) or null.
func TestScubaShapes(t *testing.T) {
	r := csjsonRead(t, "ProviderSettingsExport.json", []byte(`{"meeting_policies": {"Identity": "Global", "AutoAdmittedUsers": "Everyone"}, "federation_configuration": null, "app_policies": [null]}`))
	if len(r.Snapshot.Objects) != 1 || r.Snapshot.Objects[0].Identity != "Global" {
		t.Fatalf("objects %+v", r.Snapshot.Objects)
	}
	if p := csjsonProp(t, r.Snapshot.Objects[0], "AutoAdmittedUsers"); p.Origin.Path != "$.meeting_policies.AutoAdmittedUsers" {
		t.Errorf("origin %v", p.Origin)
	}
}

func TestScubaErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line, col  int
		path, msg  string
	}{
		{"not an object", `[{"meeting_policies": []}]`, 1, 1, "$", "expected ScubaGear's provider export"},
		{"section a string", "{\"meeting_policies\": \"none\"}", 1, 22, "$.meeting_policies", "expected an array of objects"},
		{"element a number", "{\"meeting_policies\": [\n 1]}", 2, 2, "$.meeting_policies[0]", "expected an object"},
		{"policy without identity", "{\"meeting_policies\": [{\"AutoAdmittedUsers\": \"Everyone\"}]}", 1, 23, "$.meeting_policies[0]", "has no Identity"},
		{"app setting without name", "{\"tenant_app_settings\": [{\"SettingValue\": \"All\"}]}", 1, 26, "$.tenant_app_settings[0]", "has no SettingName"},
		{"cut short", "{\"meeting_policies\": [{\"Identity\": \"Global\"", 1, 44, "$.meeting_policies[0]", "ends inside an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readOne(&Source{Name: "ProviderSettingsExport.json", Data: []byte(tt.text)}, Options{Format: FormatScuba})
			var e *Error
			if !errors.As(r.Err, &e) {
				t.Fatalf("error %v, want an *Error", r.Err)
			}
			if e.Line != tt.line || e.Col != tt.col || e.Path != tt.path || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("error %q (line %d col %d path %s), want %d:%d %s %q", e, e.Line, e.Col, e.Path, tt.line, tt.col, tt.path, tt.msg)
			}
		})
	}
}
