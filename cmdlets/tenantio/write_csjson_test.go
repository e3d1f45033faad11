package tenantio

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/csemu/csemu/state"
)

func csjsonPut(t *testing.T, tn *state.Tenant, kind, id string, props ...any) *state.Object {
	t.Helper()
	o, ok := tn.Object(kind, id)
	if !ok {
		o = &state.Object{Kind: kind, Identity: id}
	}
	for i := 0; i+1 < len(props); i += 2 {
		o.Set(props[i].(string), props[i+1])
	}
	if err := tn.PutObject(o); err != nil {
		t.Fatal(err)
	}
	return o
}

func csjsonNested(props ...any) *state.Object {
	o := &state.Object{}
	for i := 0; i+1 < len(props); i += 2 {
		o.Set(props[i].(string), props[i+1])
	}
	return o
}

// csjsonTenants returns tenants with every shape of stored value: the
// Global defaults (AllowedDomains is AllowAllKnownDomains), allow and
// block lists, nested objects, unknown properties and kinds, unicode,
// Tag: names with spaces.
func csjsonTenants(t *testing.T) map[string]*state.Tenant {
	defaults := state.NewTenant()
	tn := state.NewTenant()
	csjsonPut(t, tn, state.KindTenantFederationConfiguration, "Global",
		"AllowedDomains", allowList([]string{"contoso.com", "fabrikam.com"}),
		"BlockedDomains", domainPatterns([]string{"spam.example"}),
		"AllowedTrialTenantDomains", []any{"trial.example"})
	csjsonPut(t, tn, state.KindTeamsMeetingPolicy, "Tag:Custom Policy 1",
		"AllowAnonymousUsersToJoinMeeting", false,
		"AutoAdmittedUsers", "OrganizerOnly",
		"BlockedAnonymousJoinClientTypes", []any{"ACS", "Teams"},
		"MediaBitRateKb", int64(30000),
		"Description", "Für die Geschäftsleitung – \"quoted\" \\ tab\t newline\n 😀 \u2028",
		"WhenCreated", "2026-04-06T17:19:07.301Z",
		"FutureNested", csjsonNested("A", int64(1), "B", []any{"x", nil, true, 2.5, csjsonNested("Deep", []any{csjsonNested()})}),
		"FutureEmptyObject", csjsonNested(),
		"FutureEmptyList", []any{},
		"FutureNull", nil,
		"FutureMax", int64(math.MaxInt64),
		"FutureMin", int64(math.MinInt64),
		"FutureFloat", 0.1,
		"FutureIntegralFloat", 3.0,
		"FutureHuge", 1e300)
	csjsonPut(t, tn, state.KindTeamsMeetingPolicy, "Tag:AllOn", "AllowAnonymousUsersToStartMeeting", true)
	csjsonPut(t, tn, state.KindTeamsAppPermissionPolicy, "Tag:No Apps", "DefaultCatalogApps", []any{csjsonNested("Id", "1542629c-01b3-4a6d-8f76-1938b779e48d")}, "DefaultCatalogAppsType", "AllowedAppList")
	csjsonPut(t, tn, "TeamsMessagingPolicy", "Global", "AllowGiphy", true, "GiphyRatingType", "Moderate")
	csjsonPut(t, tn, "TeamsMessagingPolicy", "Tag:No Giphy", "AllowGiphy", false)
	csjsonPut(t, tn, KindM365UnifiedTenantSettings, "PrivateApp", "SettingName", "PrivateApp", "SettingValue", "None", "Users", []any{"adele@contoso.com"}, "Groups", []any{})
	csjsonPut(t, tn, KindM365TeamsApp, "1542629c-01b3-4a6d-8f76-1938b779e48d", "IsBlocked", false, "AssignmentType", "UsersAndGroups")
	csjsonPut(t, tn, KindTeamsOrgWideAppSettings, "Global", "IsSideloadedAppsInteractionEnabled", true)
	return map[string]*state.Tenant{"defaults": defaults, "everything": tn}
}

// Export-EmuTenant -Format CsJson writes a folder that imports back to
// the same objects (exports.md section 6).
func TestCsJSONRoundTrip(t *testing.T) {
	for name, tn := range csjsonTenants(t) {
		t.Run(name, func(t *testing.T) {
			srcs, err := Write(tn, FormatCsJSON, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			results := Read(srcs, Options{})
			for _, r := range results {
				if r.Err != nil {
					t.Fatalf("%s: %v", r.Source.Name, r.Err)
				}
				if r.Format == FormatCsJSON && len(r.Warnings) > 0 {
					t.Errorf("%s: warnings %q", r.Source.Name, r.Warnings)
				}
			}
			snap := Merge(results)
			n := 0
			for _, kind := range tn.Kinds() {
				for _, o := range tn.Objects(kind) {
					n++
					it := csjsonFind(snap, kind, o.Identity)
					if it == nil {
						t.Errorf("%s %s not read back", kind, o.Identity)
						continue
					}
					var names []string
					for i, p := range it.Props {
						names = append(names, p.Name)
						if i >= len(o.Props) || p.Name != o.Props[i].Name {
							continue
						}
						if !reflect.DeepEqual(p.Value, o.Props[i].Value) {
							t.Errorf("%s %s %s: read back %#v, want %#v", kind, o.Identity, p.Name, shownValue(p.Value), shownValue(o.Props[i].Value))
						}
					}
					var want []string
					for _, p := range o.Props {
						want = append(want, p.Name)
					}
					if !reflect.DeepEqual(names, want) {
						t.Errorf("%s %s: properties %v, want %v", kind, o.Identity, names, want)
					}
				}
			}
			if len(snap.Objects) != n {
				t.Errorf("%d objects read back, want %d", len(snap.Objects), n)
			}
		})
	}
}

func csjsonFind(s *Snapshot, kind, id string) *Item {
	for _, it := range s.Objects {
		if it.Kind == kind && it.Identity == id {
			return it
		}
	}
	return nil
}

// The files: one Get-Cs<Noun>.json per kind, the known kinds in their
// order then the others sorted; PowerShell 7's layout (two-space indent,
// "Name": value, Identity first); AllowAllKnownDomains as the object
// without properties ConvertTo-Json writes as {}.
func TestCsJSONWriteLayout(t *testing.T) {
	tn := csjsonTenants(t)["everything"]
	srcs, err := Write(tn, FormatCsJSON, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string]string{}
	for _, s := range srcs {
		names = append(names, s.Name)
		files[s.Name] = string(s.Data)
	}
	want := []string{
		"Get-CsTeamsMeetingPolicy.json",
		"Get-CsTeamsMeetingConfiguration.json",
		"Get-CsTenantFederationConfiguration.json",
		"Get-CsTeamsAcsFederationConfiguration.json",
		"Get-CsExternalAccessPolicy.json",
		"Get-CsTeamsAppPermissionPolicy.json",
		"Get-M365TeamsApp.json",
		"Get-CsTeamsSettingsCustomApp.json",
		"Get-M365UnifiedTenantSettings.json",
		"Get-CsAccessEdgeConfiguration.json",
		"Get-CsConferencingPolicy.json",
		"Get-CsMeetingConfiguration.json",
		"Get-CsSfbExternalAccessPolicy.json",
		"Get-CsTeamsMessagingPolicy.json",
		// exports.md section 6: and the directory as CSV files
		"users.csv",
		"group-members.csv",
		"group-assignments.csv",
		"tenant-grants.csv", // and the tenant-wide grants
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("files\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	wantMsg := `[
  {
    "Identity": "Global",
    "AllowGiphy": true,
    "GiphyRatingType": "Moderate"
  },
  {
    "Identity": "Tag:No Giphy",
    "AllowGiphy": false
  }
]
`
	if got := files["Get-CsTeamsMessagingPolicy.json"]; got != wantMsg {
		t.Errorf("Get-CsTeamsMessagingPolicy.json:\n%s\nwant\n%s", got, wantMsg)
	}
	fed := files["Get-CsTenantFederationConfiguration.json"]
	wantFed := `    "AllowedDomains": {
      "AllowedDomain": [
        {
          "Domain": "contoso.com"
        },
        {
          "Domain": "fabrikam.com"
        }
      ]
    },
    "BlockedDomains": [
      {
        "Domain": "spam.example"
      }
    ],`
	if !strings.Contains(fed, wantFed) || !strings.HasPrefix(fed, "[\n  {\n    \"Identity\": \"Global\",\n") {
		t.Errorf("Get-CsTenantFederationConfiguration.json:\n%s", fed)
	}
	mp := files["Get-CsTeamsMeetingPolicy.json"]
	for _, s := range []string{`"FutureEmptyObject": {}`, `"FutureEmptyList": []`, `"FutureNull": null`, `"FutureIntegralFloat": 3.0`, `"FutureMax": 9223372036854775807`, `"Identity": "Tag:Custom Policy 1"`} {
		if !strings.Contains(mp, s) {
			t.Errorf("Get-CsTeamsMeetingPolicy.json lacks %s", s)
		}
	}
	defaults, _ := Write(csjsonTenants(t)["defaults"], FormatCsJSON, WriteOptions{})
	for _, s := range defaults {
		if s.Name == "Get-CsTenantFederationConfiguration.json" && !strings.Contains(string(s.Data), `"AllowedDomains": {},`) {
			t.Errorf("AllowAllKnownDomains is not {}:\n%s", s.Data)
		}
	}
}

// A kind whose name is not a word cannot be a file name Get-Cs<Kind>.json
// that reads back.
func TestCsJSONWriteOddKind(t *testing.T) {
	tn := state.NewTenant()
	csjsonPut(t, tn, "Odd/Kind", "Global", "A", true)
	_, err := Write(tn, FormatCsJSON, WriteOptions{})
	if err == nil || !strings.Contains(fmt.Sprint(err), `"Odd/Kind"`) {
		t.Errorf("error %v", err)
	}
}
