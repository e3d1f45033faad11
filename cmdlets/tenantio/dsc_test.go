package tenantio

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/csemu/csemu/state"
)

// dscFixture reads a fixture of testdata/import/dsc.
func dscFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", "dsc", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// dscUTF16 returns text as Export-M365DSCConfiguration writes it on
// Windows: UTF-16 LE with a byte-order mark and CRLF line ends
// (exports.md section 3: every public export seen is so encoded).
func dscUTF16(text string) []byte {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// dscRead reads one DSC file.
func dscRead(t testing.TB, name string, data []byte, org string) *Result {
	t.Helper()
	rs := Read([]*Source{{Name: name, Data: data}}, Options{OrganizationName: org})
	if len(rs) != 1 {
		t.Fatalf("%d results", len(rs))
	}
	return rs[0]
}

// dscItem returns the item of kind and identity.
func dscItem(t *testing.T, s *Snapshot, kind, id string) *Item {
	t.Helper()
	for _, it := range s.Objects {
		if it.Kind == kind && it.Identity == id {
			return it
		}
	}
	t.Fatalf("no %s %q among %d objects", kind, id, len(s.Objects))
	return nil
}

// dscProps returns the properties of an item as name=value text, in
// order, for comparison.
func dscProps(it *Item) map[string]any {
	m := map[string]any{}
	for _, p := range it.Props {
		m[p.Name] = p.Value
	}
	return m
}

// An Export-M365DSCConfiguration file, in both encodings (exports.md
// section 3; Microsoft365DSC's resource pages for the properties:
// TeamsGroupPolicyAssignment's Priority is the rank, TeamsM365App's Id the
// app, TeamsUserPolicyAssignment one property per policy type).
func TestReadDSCExport(t *testing.T) {
	utf8Text := string(dscFixture(t, "M365TenantConfig.ps1"))
	for _, enc := range []struct {
		name string
		data []byte
	}{
		{"utf-8 lf", []byte(utf8Text)},
		{"utf-16 le bom crlf", dscUTF16(utf8Text)},
	} {
		t.Run(enc.name, func(t *testing.T) {
			r := dscRead(t, "M365TenantConfig.ps1", enc.data, "fabrikam.example")
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if r.Format != FormatDSC {
				t.Errorf("format %s (%s)", r.Format, r.Rule)
			}
			s := r.Snapshot
			var kinds []string
			for _, it := range s.Objects {
				kinds = append(kinds, it.Kind+" "+it.Identity)
			}
			wantKinds := []string{
				"TeamsMeetingConfiguration Global",
				"TeamsMeetingPolicy Global",
				"TeamsMeetingPolicy Tag:Restricted Externals",
				"TenantFederationConfiguration Global",
				"TeamsAppPermissionPolicy Tag:No third party",
				"TeamsOrgWideAppSettings Global",
				"M365TeamsApp 0d820ecd-def2-4297-adad-78056cde7c78",
			}
			if !reflect.DeepEqual(kinds, wantKinds) {
				t.Errorf("objects:\n got  %q\n want %q", kinds, wantKinds)
			}

			mc := dscProps(dscItem(t, s, state.KindTeamsMeetingConfiguration, "Global"))
			wantMC := map[string]any{"ClientAudioPort": int64(50000), "ClientMediaPortRangeEnabled": true,
				"CustomFooterText": "Fabrikam meetings", "DisableAnonymousJoin": false, "EnableQoS": false}
			if !reflect.DeepEqual(mc, wantMC) {
				t.Errorf("meeting configuration %v, want %v (no Identity, no Credential)", mc, wantMC)
			}

			g := dscProps(dscItem(t, s, state.KindTeamsMeetingPolicy, "Global"))
			if v := g["BlockedAnonymousJoinClientTypes"]; !reflect.DeepEqual(v, []any{}) {
				t.Errorf("Global BlockedAnonymousJoinClientTypes = %#v, want an empty list", v)
			}
			if _, ok := g["Ensure"]; ok {
				t.Errorf("Ensure is stored as a property")
			}
			rp := dscItem(t, s, state.KindTeamsMeetingPolicy, "Tag:Restricted Externals")
			p := dscProps(rp)
			for name, want := range map[string]any{
				"BlockedAnonymousJoinClientTypes":   []any{"ACS", "Teams"},
				"NewMeetingRecordingExpirationDays": int64(-1),
				"MediaBitRateKb":                    int64(50000),
				"AllowAnonymousUsersToJoinMeeting":  false,
				"RoomAttributeUserOverride":         "Off",
			} {
				if !reflect.DeepEqual(p[name], want) {
					t.Errorf("%s = %#v, want %#v", name, p[name], want)
				}
			}
			if rp.Absent {
				t.Errorf("a Present policy is Absent")
			}
			// origins: the file and the line of each property
			if rp.Origin.Line != 62 || rp.Props[0].Origin.String() != "M365TenantConfig.ps1:64 TeamsMeetingPolicy.AllowAnonymousUsersToJoinMeeting" {
				t.Errorf("origins: item %v, first property %v", rp.Origin, rp.Props[0].Origin)
			}

			fed := dscProps(dscItem(t, s, state.KindTenantFederationConfiguration, "Global"))
			if ds, ok := DomainsOf(mustAllowList(t, fed["AllowedDomains"])); !ok || !reflect.DeepEqual(ds, []string{"contoso.example", "partner.example"}) {
				t.Errorf("AllowedDomains %v", ds)
			}
			if ds, ok := DomainsOf(fed["BlockedDomains"]); !ok || !reflect.DeepEqual(ds, []string{"spam.example"}) {
				t.Errorf("BlockedDomains %v", ds)
			}

			ap := dscProps(dscItem(t, s, state.KindTeamsAppPermissionPolicy, "Tag:No third party"))
			if !reflect.DeepEqual(ap["DefaultCatalogApps"], []any{"14d6962d-6eeb-4f48-8890-de55454bb136"}) || !reflect.DeepEqual(ap["GlobalCatalogApps"], []any{}) {
				t.Errorf("catalog apps %#v %#v", ap["DefaultCatalogApps"], ap["GlobalCatalogApps"])
			}

			ow := dscProps(dscItem(t, s, KindTeamsOrgWideAppSettings, "Global"))
			if !reflect.DeepEqual(ow, map[string]any{"IsSideloadedAppsInteractionEnabled": true}) {
				t.Errorf("org-wide app settings %v", ow)
			}
			app := dscProps(dscItem(t, s, KindM365TeamsApp, "0d820ecd-def2-4297-adad-78056cde7c78"))
			wantApp := map[string]any{"AssignmentType": "UsersAndGroups", "Groups": []any{"Sales"}, "IsBlocked": false,
				"Users": []any{"ann@fabrikam.example", "bob@fabrikam.example"}}
			if !reflect.DeepEqual(app, wantApp) {
				t.Errorf("M365 app %v, want %v", app, wantApp)
			}

			wantGA := []GroupAssignment{{GroupID: "5d2c3b71-2b4e-4f4c-9b4a-6b1ad0c0e001", GroupName: "Sales", PolicyType: "TeamsMeetingPolicy",
				PolicyName: "Restricted Externals", Rank: 1, Origin: Origin{File: "M365TenantConfig.ps1", Line: 113, Path: "TeamsGroupPolicyAssignment"}}}
			if !reflect.DeepEqual(s.Assignments, wantGA) {
				t.Errorf("group assignments:\n got  %+v\n want %+v", s.Assignments, wantGA)
			}

			if len(s.Users) != 1 {
				t.Fatalf("%d users", len(s.Users))
			}
			u := s.Users[0]
			if u.UPN != "ann@fabrikam.example" || len(u.Direct) != 2 ||
				u.Direct[0] != (Direct{PolicyType: "TeamsAppPermissionPolicy", PolicyName: "No third party", Origin: Origin{File: "M365TenantConfig.ps1", Line: 125, Path: "TeamsUserPolicyAssignment.TeamsAppPermissionPolicy"}}) ||
				u.Direct[1].PolicyType != "TeamsMeetingPolicy" || u.Direct[1].PolicyName != "Restricted Externals" {
				t.Errorf("user %+v", u)
			}
			if len(u.Has) != 0 {
				t.Errorf("the user assignment gives %v", u.Has)
			}

			var notes []string
			for _, n := range s.Notes {
				notes = append(notes, n.Kind+": "+n.Reason+" "+n.Origin.String()+" "+map[bool]string{true: "skipped", false: "kept"}[n.Skipped])
			}
			wantNotes := []string{
				"TeamsOrgWideAppSettings: kept; csemu's rules do not read it M365TenantConfig.ps1:98 TeamsOrgWideAppSettings kept",
				"EXOAcceptedDomain: skipped 1 resource: not a Teams setting csemu imports M365TenantConfig.ps1:34 EXOAcceptedDomain skipped",
				"TeamsCallQueue: skipped 2 resources: not a Teams setting csemu imports M365TenantConfig.ps1:131 TeamsCallQueue skipped",
			}
			if !reflect.DeepEqual(notes, wantNotes) {
				t.Errorf("notes:\n got  %q\n want %q", notes, wantNotes)
			}
			// $ConfigurationData... is only in an auth property: no warning
			if len(r.Warnings) != 0 {
				t.Errorf("warnings: %q", r.Warnings)
			}
		})
	}
}

func mustAllowList(t *testing.T, v any) any {
	t.Helper()
	o, ok := v.(*state.Object)
	if !ok || o.Kind != "AllowList" {
		t.Fatalf("AllowedDomains is %#v, want an AllowList", v)
	}
	l, _ := o.Get("AllowedDomain")
	return l
}

// Without -OrganizationName, $OrganizationName keeps its text and each
// line that uses it is named in a warning (exports.md section 3).
func TestReadDSCOrganizationNameMissing(t *testing.T) {
	r := dscRead(t, "M365TenantConfig.ps1", dscFixture(t, "M365TenantConfig.ps1"), "")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if u := r.Snapshot.Users[0].UPN; u != "ann@$OrganizationName" {
		t.Errorf("UPN %q", u)
	}
	want := []string{
		"M365TenantConfig.ps1:110: $OrganizationName is kept as its text: give the tenant's domain (-OrganizationName contoso.com) to replace it",
		"M365TenantConfig.ps1:110: $OrganizationName is kept as its text: give the tenant's domain (-OrganizationName contoso.com) to replace it",
		"M365TenantConfig.ps1:127: $OrganizationName is kept as its text: give the tenant's domain (-OrganizationName contoso.com) to replace it",
	}
	if !reflect.DeepEqual(r.Warnings, want) {
		t.Errorf("warnings:\n got  %q\n want %q", r.Warnings, want)
	}
}

// A hand-written configuration: bare instance names, identities without
// Tag:, IsSingleInstance, Ensure = "Absent", an empty AllowedDomains
// (AllowAllKnownDomains), values that are expressions (kept as text with a
// warning) and a resource type csemu does not import (exports.md
// section 3).
func TestReadDSCHandWritten(t *testing.T) {
	r := dscRead(t, "handwritten.ps1", dscFixture(t, "handwritten.ps1"), "")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	s := r.Snapshot
	all := dscItem(t, s, state.KindTeamsMeetingPolicy, "Tag:AllOn")
	if p := dscProps(all); !reflect.DeepEqual(p["BlockedAnonymousJoinClientTypes"], []any{"ACS"}) || p["AllowAnonymousUsersToJoinMeeting"] != true {
		t.Errorf("AllOn %v", p)
	}
	if old := dscItem(t, s, state.KindTeamsMeetingPolicy, "Tag:Old"); !old.Absent || len(old.Props) != 0 {
		t.Errorf("Old: absent %v, props %v", old.Absent, old.Props)
	}
	if mc := dscProps(dscItem(t, s, state.KindTeamsMeetingConfiguration, "Global")); !reflect.DeepEqual(mc, map[string]any{"DisableAnonymousJoin": true}) {
		t.Errorf("meeting configuration %v", mc)
	}
	fed := dscProps(dscItem(t, s, state.KindTenantFederationConfiguration, "Global"))
	if fed["AllowedDomains"] != allowAll {
		t.Errorf("empty AllowedDomains = %#v, want %q", fed["AllowedDomains"], allowAll)
	}
	if ds, ok := DomainsOf(fed["BlockedDomains"]); !ok || len(ds) != 0 {
		t.Errorf("BlockedDomains %#v", fed["BlockedDomains"])
	}
	c := dscProps(dscItem(t, s, state.KindTeamsMeetingPolicy, "Tag:Computed"))
	want := map[string]any{"Description": "owned by $Owner", "MediaBitRateKb": "2 * 1000", "AutoAdmittedUsers": "$ConfigurationData.NonNodeData.Lobby"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("computed values %v, want %v", c, want)
	}
	wantWarn := []string{
		"handwritten.ps1:32: TeamsMeetingPolicy.Description = $Owner is not a plain value: kept as its text",
		"handwritten.ps1:33: TeamsMeetingPolicy.MediaBitRateKb = 2 * 1000 is not a plain value: kept as its text",
		"handwritten.ps1:34: TeamsMeetingPolicy.AutoAdmittedUsers = $ConfigurationData.NonNodeData.Lobby is not a plain value: kept as its text",
	}
	if !reflect.DeepEqual(r.Warnings, wantWarn) {
		t.Errorf("warnings:\n got  %q\n want %q", r.Warnings, wantWarn)
	}
	if len(s.Notes) != 1 || s.Notes[0].Kind != "TeamsMessagingPolicy" || !s.Notes[0].Skipped || s.Notes[0].Origin.Line != 26 {
		t.Errorf("notes %+v", s.Notes)
	}
}

// A file that does not parse, or holds no configuration, or a resource
// without its key, is an error at its position.
func TestReadDSCErrors(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"broken.ps1", string(dscFixture(t, "broken.ps1")), "broken.ps1:8:27: the configuration does not parse: Missing statement after '=' in hash literal."},
		{"unclosed.ps1", "Configuration C {\n  Node x {\n    TeamsMeetingPolicy p {\n      Identity = 'Global'\n", "unclosed.ps1:3:27: the configuration does not parse: Missing closing '}' in statement block or type definition."},
		{"nokey.ps1", "Configuration C {\n  Node x {\n    TeamsMeetingPolicy p {\n      AllowIPVideo = $true\n    }\n  }\n}\n", "nokey.ps1:3:5: the TeamsMeetingPolicy resource has no Identity"},
		{"nouser.ps1", "Configuration C { Node x {\n TeamsUserPolicyAssignment u { TeamsMeetingPolicy = 'A' } } }", "nouser.ps1:2:2: the TeamsUserPolicyAssignment resource has no User"},
		{"rank.ps1", "Configuration C { Node x {\n TeamsGroupPolicyAssignment g {\n GroupId = 'g'\n PolicyType = 'TeamsMeetingPolicy'\n Priority = 'first' } } }", "rank.ps1:5: TeamsGroupPolicyAssignment: Priority must be a whole number, found \"first\""},
		{"deep.ps1", "Configuration C { Node x { TeamsMeetingPolicy p { Identity = " + strings.Repeat("@(", 6000) + " } } }", "deep.ps1:1:10056: the configuration does not parse: The script nests brackets, braces or parentheses more than 5000 levels deep."},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := Read([]*Source{{Name: c.name, Data: []byte(c.text)}}, Options{Format: FormatDSC})
			if rs[0].Err == nil || rs[0].Err.Error() != c.want {
				t.Errorf("error %v\n want %s", rs[0].Err, c.want)
			}
			if rs[0].Snapshot != nil {
				t.Errorf("a snapshot with the error")
			}
		})
	}
	rs := Read([]*Source{{Name: "plain.ps1", Data: []byte("Get-CsTeamsMeetingPolicy\n")}}, Options{Format: FormatDSC})
	if rs[0].Err == nil || rs[0].Err.Error() != "plain.ps1:1: the file holds no Configuration block" {
		t.Errorf("no configuration: %v", rs[0].Err)
	}
}
