package tenantio

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// dscTenant returns a tenant with objects of every kind the configuration
// holds, users with direct assignments and group assignments.
func dscTenant(t *testing.T) *state.Tenant {
	t.Helper()
	tn := state.NewTenant()
	put := func(o *state.Object) {
		if err := tn.PutObject(o); err != nil {
			t.Fatal(err)
		}
	}
	mp := &state.Object{Kind: state.KindTeamsMeetingPolicy, Identity: "Tag:Restricted Externals"}
	mp.Set("AllowAnonymousUsersToJoinMeeting", false)
	mp.Set("AutoAdmittedUsers", "OrganizerOnly")
	mp.Set("BlockedAnonymousJoinClientTypes", []any{"ACS", "Teams"})
	mp.Set("NewMeetingRecordingExpirationDays", int64(-1))
	mp.Set("Description", "Quotes \" ` $x “typographic” and a\nnew line, owner admin@fabrikam.example")
	mp.Set("RoomAttributeUserOverride", nil)
	mp.Set("FutureSetting", 2.5)
	mp.Set("WholeDouble", 3.0)
	mp.Set("@odata.type", "#x")
	put(mp)
	fed, _ := tn.Object(state.KindTenantFederationConfiguration, "Global")
	fed.Set("AllowedDomains", allowList([]string{"contoso.example", "partner.example"}))
	fed.Set("BlockedDomains", domainPatterns([]string{"spam.example"}))
	put(fed)
	ea := &state.Object{Kind: state.KindExternalAccessPolicy, Identity: "Tag:NoFederation"}
	ea.Set("EnableFederationAccess", false)
	put(ea)
	app := &state.Object{Kind: KindM365TeamsApp, Identity: "0d820ecd-def2-4297-adad-78056cde7c78"}
	app.Set("IsBlocked", true)
	app.Set("AssignmentType", "UsersAndGroups")
	app.Set("Users", []any{"ann@fabrikam.example"})
	app.Set("Groups", []any{})
	put(app)
	ow := &state.Object{Kind: KindTeamsOrgWideAppSettings, Identity: "Global"}
	ow.Set("IsSideloadedAppsInteractionEnabled", false)
	put(ow)
	rule := &state.Object{Kind: "MSFT_TeamsRule"}
	rule.Set("Order", int64(1))
	rule.Set("Name", "first")
	ap := &state.Object{Kind: state.KindTeamsAppPermissionPolicy, Identity: "Tag:Apps"}
	ap.Set("DefaultCatalogApps", []any{"14d6962d-6eeb-4f48-8890-de55454bb136"})
	ap.Set("DefaultCatalogAppsType", "AllowedAppList")
	ap.Set("Rules", []any{rule})
	put(ap)
	if err := tn.PutGroup(&state.Group{ID: "5d2c3b71-2b4e-4f4c-9b4a-6b1ad0c0e001", DisplayName: "Sales"}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Restricted Externals", "Global"} {
		gid := []string{"5d2c3b71-2b4e-4f4c-9b4a-6b1ad0c0e001", "7a9e0c11-0000-4000-8000-000000000002"}[i]
		if _, err := tn.AddGroupAssignment(state.GroupAssignment{GroupID: gid, PolicyType: "TeamsMeetingPolicy", PolicyName: name, Rank: i + 1, CreatedTime: time.Unix(0, 0).UTC()}); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []*state.User{
		{UPN: "bob@fabrikam.example", Direct: []state.DirectPolicy{{PolicyType: "TeamsMeetingPolicy", PolicyName: "Restricted Externals"}}},
		{UPN: "ann@fabrikam.example", Direct: []state.DirectPolicy{{PolicyType: "TeamsAppPermissionPolicy", PolicyName: "Apps"}, {PolicyType: "ExternalAccessPolicy", PolicyName: "NoFederation"}}},
		{UPN: "carl@fabrikam.example"},
	} {
		if err := tn.PutUser(u); err != nil {
			t.Fatal(err)
		}
	}
	return tn
}

// writeDSC then readDSC gives back the tenant's objects of the kinds the
// configuration holds, the users' direct assignments and the group
// assignments (exports.md section 6: "Importing it gives back an
// identical tenant" for the kinds Microsoft365DSC has resources for).
func TestWriteDSCRoundTrip(t *testing.T) {
	tn := dscTenant(t)
	srcs, err := Write(tn, FormatDSC, WriteOptions{OrganizationName: "fabrikam.example"})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 1 || srcs[0].Name != "M365TenantConfig.ps1" {
		t.Fatalf("files %v", srcs)
	}
	text := string(srcs[0].Data)
	r := dscRead(t, "M365TenantConfig.ps1", srcs[0].Data, "fabrikam.example")
	if r.Err != nil {
		t.Fatalf("%v\n%s", r.Err, text)
	}
	if len(r.Warnings) > 0 {
		t.Errorf("warnings %q", r.Warnings)
	}
	s := r.Snapshot
	n := 0
	for _, res := range dscResources() {
		for _, o := range tn.Objects(res.Kind) {
			n++
			it := dscItem(t, s, o.Kind, o.Identity)
			var got []state.Prop
			for _, p := range it.Props {
				got = append(got, state.Prop{Name: p.Name, Value: p.Value})
			}
			if !reflect.DeepEqual(got, o.Props) {
				t.Errorf("%s %s:\n got  %#v\n want %#v", o.Kind, o.Identity, got, o.Props)
			}
		}
	}
	if len(s.Objects) != n {
		t.Errorf("%d objects read, %d written", len(s.Objects), n)
	}
	var gas []string
	for _, ga := range s.Assignments {
		gas = append(gas, strings.Join([]string{ga.GroupID, ga.GroupName, ga.PolicyType, ga.PolicyName}, "|")+"|"+string(rune('0'+ga.Rank)))
	}
	wantGA := []string{"5d2c3b71-2b4e-4f4c-9b4a-6b1ad0c0e001|Sales|TeamsMeetingPolicy|Restricted Externals|1",
		"7a9e0c11-0000-4000-8000-000000000002|7a9e0c11-0000-4000-8000-000000000002|TeamsMeetingPolicy|Global|2"}
	if !reflect.DeepEqual(gas, wantGA) {
		t.Errorf("group assignments\n got  %q\n want %q", gas, wantGA)
	}
	var users []string
	for _, u := range s.Users {
		line := u.UPN
		for _, d := range u.Direct {
			line += "|" + d.PolicyType + "=" + d.PolicyName
		}
		users = append(users, line)
	}
	wantUsers := []string{"ann@fabrikam.example|TeamsAppPermissionPolicy=Apps|ExternalAccessPolicy=NoFederation",
		"bob@fabrikam.example|TeamsMeetingPolicy=Restricted Externals"}
	if !reflect.DeepEqual(users, wantUsers) {
		t.Errorf("users\n got  %q\n want %q", users, wantUsers)
	}
}

// The file has section 3's shape: UTF-8, Ensure = "Present" on policies,
// Credential = $Credscredential, the domain written as $OrganizationName,
// the kinds without a resource named at the top.
func TestWriteDSCShape(t *testing.T) {
	tn := dscTenant(t)
	srcs, err := Write(tn, FormatDSC, WriteOptions{OrganizationName: "fabrikam.example"})
	if err != nil {
		t.Fatal(err)
	}
	text := string(srcs[0].Data)
	for _, want := range []string{
		"# Not in this file (Microsoft365DSC has no resource for them): AccessEdgeConfiguration, ConferencingPolicy, MeetingConfiguration, SfbExternalAccessPolicy, TeamsAcsFederationConfiguration.\n",
		"Configuration M365TenantConfig\n{\n",
		"    Import-DscResource -ModuleName 'Microsoft365DSC'\n",
		"        TeamsMeetingPolicy \"TeamsMeetingPolicy-Tag:Restricted Externals\"\n        {\n            Identity                          = \"Tag:Restricted Externals\";\n",
		"            BlockedAnonymousJoinClientTypes   = \"ACS,Teams\";\n",
		"            Ensure                            = \"Present\";\n            Credential                        = $Credscredential;\n        }\n",
		"        TeamsFederationConfiguration \"TeamsFederationConfiguration-Global\"\n        {\n            Identity                                            = \"Global\";\n",
		"AllowedDomains                                      = @(\"contoso.example\",\"partner.example\");\n",
		"        TeamsOrgWideAppSettings \"TeamsOrgWideAppSettings-Global\"\n        {\n            IsSingleInstance                   = \"Yes\";\n",
		"            Users          = @(\"ann@$OrganizationName\");\n",
		"        TeamsUserPolicyAssignment \"TeamsUserPolicyAssignment-ann@fabrikam.example\"\n        {\n            User                     = \"ann@$OrganizationName\";\n",
		"            Priority         = 1;\n",
		"            Rules                  = @(\n                MSFT_TeamsRule{\n                    Order = 1\n                    Name = \"first\"\n                }\n            );\n",
		"            '@odata.type'                     = \"#x\";\n",
		"M365TenantConfig -Credential $Credential\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q:\n%s", want, text)
		}
	}
	// the federation configuration takes no Ensure
	fed := text[strings.Index(text, "TeamsFederationConfiguration \""):]
	fed = fed[:strings.Index(fed, "}")]
	if strings.Contains(fed, "Ensure") {
		t.Errorf("Ensure in the federation configuration:\n%s", fed)
	}
	// without an organization name the domain stays
	srcs, _ = Write(tn, FormatDSC, WriteOptions{})
	if !strings.Contains(string(srcs[0].Data), `User                     = "ann@fabrikam.example";`) {
		t.Errorf("without an organization name the UPN changed")
	}
}
