package teams_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/state"
)

// Sources of these tests (MicrosoftDocs/office-docs-powershell,
// teams/teams-ps/MicrosoftTeams): Update-M365TeamsApp.md (parameters and
// examples 1 to 3), Get-M365TeamsApp.md and Get-AllM365TeamsApps.md (the
// OUTPUTS sections: Id, IsBlocked, AvailableTo with AssignmentType, Users
// and Groups, InstalledFor), Update-M365UnifiedTenantSettings.md (the
// SettingName values DefaultApp, GlobalApp, PrivateApp,
// EnableCopilotExtensibility; SettingValue All, None, Some; example 2),
// Get-M365UnifiedTenantSettings.md ("Some (only applicable for
// EnableCopilotExtensibility)"; -SettingNames takes a list, example 3) and
// Set-CsTeamsAppPermissionPolicy.md (examples 1 to 5: the catalogue lists
// take New-Object ...DefaultCatalogApp -Property @{Id=...} objects and @();
// the *CatalogAppsType values are AllowedAppList and BlockedAppList).

const bookings = "4c4ec2e8-4a2c-4bce-8d8f-00fc664a4e5b"

func TestAppCentricCmdlets(t *testing.T) {
	tests := []struct {
		name, script string
		want         string // the whole output
		wantErr      string // a substring of the error stream ("" for none)
	}{
		// Update-M365TeamsApp.md example 1: availability to Everyone
		{"assign everyone",
			"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType Everyone\n" +
				"$a = Get-M365TeamsApp -Id " + bookings + "\n\"$($a.Id) $($a.IsBlocked) $($a.AvailableTo.AssignmentType) $($a.AvailableTo.Users.Count)\"",
			bookings + " False Everyone 0\n", ""},
		// example 2: block, UsersAndGroups, add two users and groups
		{"assign users and groups",
			"Update-M365TeamsApp -Id " + bookings + " -IsBlocked $true -AppAssignmentType UsersAndGroups -OperationType Add -Users u1,u2 -Groups g1,g2\n" +
				"$a = Get-M365TeamsApp -Id " + bookings + "\n\"$($a.IsBlocked) $($a.AvailableTo.AssignmentType) $($a.AvailableTo.Users.Id -join ',') $($a.AvailableTo.Groups.Id -join ',')\"",
			"True UsersAndGroups u1,u2 g1,g2\n", ""},
		// the documented values are not case-sensitive: the page itself
		// writes UsersandGroups and Noone
		{"assignment type any case",
			"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType usersandgroups -OperationType add -Users u1\n" +
				"(Get-M365TeamsApp -Id " + bookings + ").AvailableTo.AssignmentType\n" +
				"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType noone\n" +
				"(Get-M365TeamsApp -Id " + bookings + ").AvailableTo.AssignmentType",
			"UsersAndGroups\nNoOne\n", ""},
		// -OperationType Remove takes users and groups out again
		{"remove users",
			"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType UsersAndGroups -OperationType Add -Users u1,u2,u3 -Groups g1\n" +
				"Update-M365TeamsApp -Id " + bookings + " -OperationType Remove -Users U2 -Groups g1\n" +
				"$a = Get-M365TeamsApp -Id " + bookings + "\n\"$($a.AvailableTo.Users.Id -join ',') [$($a.AvailableTo.Groups.Count)]\"",
			"u1,u3 [0]\n", ""},
		// example 3: -IsBlocked alone changes only the app's state
		{"block only",
			"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType UsersAndGroups -OperationType Add -Users u1\n" +
				"Update-M365TeamsApp -Id " + bookings + " -IsBlocked $true\n" +
				"$a = Get-M365TeamsApp -Id " + bookings + "\n\"$($a.IsBlocked) $($a.AvailableTo.AssignmentType) $($a.AvailableTo.Users.Id)\"",
			"True UsersAndGroups u1\n", ""},
		// moving the app to Everyone leaves no user or group list behind
		{"everyone clears lists",
			"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType UsersAndGroups -OperationType Add -Users u1 -Groups g1\n" +
				"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType Everyone\n" +
				"$a = Get-M365TeamsApp -Id " + bookings + "\n\"$($a.AvailableTo.AssignmentType) $($a.AvailableTo.Users.Count) $($a.AvailableTo.Groups.Count)\"",
			"Everyone 0 0\n", ""},
		// the OUTPUTS section lists Id, IsBlocked, AvailableTo and InstalledFor
		{"output properties",
			"Update-M365TeamsApp -Id " + bookings + " -IsBlocked $false\n" +
				"(Get-M365TeamsApp -Id " + bookings + ").PSObject.Properties.Name -join ','\n" +
				"(Get-M365TeamsApp -Id " + bookings + ").AvailableTo.PSObject.Properties.Name -join ','",
			"Id,IsBlocked,AvailableTo,InstalledFor\nAssignmentType,Users,Groups,LastUpdatedTimeStamp,AssignedBy\n", ""},
		{"get all",
			"Update-M365TeamsApp -Id a1 -IsBlocked $true\nUpdate-M365TeamsApp -Id a2 -AppAssignmentType NoOne\n" +
				"Get-AllM365TeamsApps | % { \"$($_.Id) $($_.IsBlocked) $($_.AvailableTo.AssignmentType)\" }",
			"a1 True Everyone\na2 False NoOne\n", ""},
		{"unknown app", "Get-M365TeamsApp -Id " + bookings, "", `App with id "` + bookings + `" was not found`},
		{"id is mandatory", "Get-M365TeamsApp", "", "Id"},
		{"bad assignment type", "Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType Some", "",
			`cannot set AppAssignmentType to "Some": the value must be one of Everyone, UsersAndGroups, NoOne`},
		{"users need an operation", "Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType UsersAndGroups -Users u1", "",
			"-Users and -Groups need -OperationType Add or Remove"},
		{"operation needs users", "Update-M365TeamsApp -Id " + bookings + " -OperationType Add", "",
			"-OperationType Add needs -Users or -Groups"},
		{"users need UsersAndGroups", "Update-M365TeamsApp -Id " + bookings + " -OperationType Add -Users u1", "",
			"add -AppAssignmentType UsersAndGroups"},
		{"install not emulated", "Update-M365TeamsApp -Id " + bookings + " -AppInstallType Everyone -InstallForOperationType Add -InstallForUsers u1", "",
			"[NotImplemented] Update-M365TeamsApp -AppInstallType is not emulated"},
		{"no WhatIf", "Update-M365TeamsApp -Id " + bookings + " -IsBlocked $true -WhatIf", "", "WhatIf"},

		// Update-M365UnifiedTenantSettings.md example 2, read back with
		// Get-M365UnifiedTenantSettings.md examples 1 to 3
		{"tenant setting",
			"Update-M365UnifiedTenantSettings -SettingName GlobalApp -SettingValue None\n" +
				"Update-M365UnifiedTenantSettings -SettingName defaultapp -SettingValue all\n" +
				"Get-M365UnifiedTenantSettings | % { \"$($_.SettingName)=$($_.SettingValue)\" }\n" +
				"(Get-M365UnifiedTenantSettings -SettingNames DefaultApp,GlobalApp).SettingName -join ','\n" +
				"(Get-M365UnifiedTenantSettings -SettingNames GlobalApp).PSObject.Properties.Name -join ','",
			"GlobalApp=None\nDefaultApp=All\nDefaultApp,GlobalApp\nSettingName,SettingValue,Users,Groups\n", ""},
		// example 1: Some with users and groups for EnableCopilotExtensibility
		{"copilot some",
			"Update-M365UnifiedTenantSettings -SettingName EnableCopilotExtensibility -SettingValue Some -Users u1,u2 -Groups g1 -Operation add\n" +
				"$s = Get-M365UnifiedTenantSettings -SettingNames EnableCopilotExtensibility\n\"$($s.SettingValue) $($s.Users -join ',') $($s.Groups -join ',')\"",
			"Some u1,u2 g1\n", ""},
		{"some only for copilot", "Update-M365UnifiedTenantSettings -SettingName PrivateApp -SettingValue Some", "",
			"The value Some applies only to EnableCopilotExtensibility"},
		{"bad setting name", "Update-M365UnifiedTenantSettings -SettingName OtherApp -SettingValue All", "",
			`cannot set SettingName to "OtherApp": the value must be one of DefaultApp, GlobalApp, PrivateApp, EnableCopilotExtensibility`},
		{"setting value mandatory", "Update-M365UnifiedTenantSettings -SettingName GlobalApp -SettingValue", "", "SettingValue"},
		{"setting not held", "Get-M365UnifiedTenantSettings -SettingNames PrivateApp", "", "The tenant holds no value for the setting PrivateApp"},

		// Set-CsTeamsAppPermissionPolicy.md example 3: New-Object items
		{"catalogue app objects",
			"$l = New-Object -TypeName Microsoft.Teams.Policy.Administration.Cmdlets.Core.DefaultCatalogApp -Property @{Id='0d820ecd-def2-4297-adad-78056cde7c78'}\n" +
				"$o = New-Object -TypeName Microsoft.Teams.Policy.Administration.Cmdlets.Core.DefaultCatalogApp -Property @{Id='26bc2873-6023-480c-a11b-76b66605ce8c'}\n" +
				"Set-CsTeamsAppPermissionPolicy -Identity Global -DefaultCatalogAppsType AllowedAppList -DefaultCatalogApps @($l,$o)\n" +
				"$p = Get-CsTeamsAppPermissionPolicy -Identity Global\n" +
				"\"$($p.DefaultCatalogAppsType) $($p.DefaultCatalogApps.Id -join ',')\"\n$p.DefaultCatalogApps[0].GetType().FullName",
			"AllowedAppList 0d820ecd-def2-4297-adad-78056cde7c78,26bc2873-6023-480c-a11b-76b66605ce8c\nMicrosoft.Teams.Policy.Administration.Cmdlets.Core.DefaultCatalogApp\n", ""},
		// examples 4 and 5: the third-party and custom lists, on a new policy
		{"global and private lists",
			"New-CsTeamsAppPermissionPolicy -Identity Pilot -GlobalCatalogAppsType AllowedAppList -GlobalCatalogApps @() | Out-Null\n" +
				"$t = New-Object -TypeName Microsoft.Teams.Policy.Administration.Cmdlets.Core.GlobalCatalogApp -Property @{Id='g1'}\n" +
				"$c = New-Object -TypeName Microsoft.Teams.Policy.Administration.Cmdlets.Core.PrivateCatalogApp -Property @{Id='p1'}\n" +
				"Set-CsTeamsAppPermissionPolicy -Identity Pilot -GlobalCatalogApps $t -PrivateCatalogAppsType AllowedAppList -PrivateCatalogApps $c\n" +
				"$p = Get-CsTeamsAppPermissionPolicy -Identity Pilot\n\"$($p.GlobalCatalogAppsType) $($p.GlobalCatalogApps.Id) $($p.PrivateCatalogAppsType) $($p.PrivateCatalogApps.Id)\"",
			"AllowedAppList g1 AllowedAppList p1\n", ""},
		// a hashtable converts to the class by its property names
		// (about_Type_Conversion); example 1 empties a list with @()
		{"hashtable items and empty list",
			"Set-CsTeamsAppPermissionPolicy -GlobalCatalogApps @{Id='g1'},@{Id='g2'}\n" +
				"(Get-CsTeamsAppPermissionPolicy Global).GlobalCatalogApps.Id -join ','\n" +
				"Set-CsTeamsAppPermissionPolicy -GlobalCatalogApps @()\n" +
				"(Get-CsTeamsAppPermissionPolicy Global).GlobalCatalogApps.Count",
			"g1,g2\n0\n", ""},
		// Get- | Set- -Instance writes an edited list back
		{"instance round trip",
			"$p = Get-CsTeamsAppPermissionPolicy -Identity Global\n$p.GlobalCatalogApps = @(@{Id='h1'})\n$p | Set-CsTeamsAppPermissionPolicy\n" +
				"$g = (Get-CsTeamsAppPermissionPolicy -Identity Global).GlobalCatalogApps\n\"$($g[0].GetType().Name) $($g.Id)\"",
			"GlobalCatalogApp h1\n", ""},
		// a hashtable cast to the class (about_Object_Creation)
		{"cast item",
			"Set-CsTeamsAppPermissionPolicy -DefaultCatalogApps ([Microsoft.Teams.Policy.Administration.Cmdlets.Core.DefaultCatalogApp]@{Id='d1'})\n" +
				"(Get-CsTeamsAppPermissionPolicy Global).DefaultCatalogApps.Id",
			"d1\n", ""},
		{"string item refused", "Set-CsTeamsAppPermissionPolicy -PrivateCatalogApps 'p1'", "",
			`Cannot bind parameter 'PrivateCatalogApps'. Cannot convert the "p1" value of type "System.String" to type "Microsoft.Teams.Policy.Administration.Cmdlets.Core.PrivateCatalogApp".`},
		{"other catalogue's class refused",
			"$d = New-Object Microsoft.Teams.Policy.Administration.Cmdlets.Core.DefaultCatalogApp -Property @{Id='d1'}\nSet-CsTeamsAppPermissionPolicy -GlobalCatalogApps $d", "",
			`to type "Microsoft.Teams.Policy.Administration.Cmdlets.Core.GlobalCatalogApp"`},
		{"item without id", "Set-CsTeamsAppPermissionPolicy -GlobalCatalogApps (New-Object Microsoft.Teams.Policy.Administration.Cmdlets.Core.GlobalCatalogApp)", "",
			"each app needs an Id"},
		{"unknown property", "New-Object Microsoft.Teams.Policy.Administration.Cmdlets.Core.GlobalCatalogApp -Property @{Name='x'}", "",
			"The property 'Name' cannot be found"},
		{"list type values", "Set-CsTeamsAppPermissionPolicy -PrivateCatalogAppsType Blocked", "",
			`cannot set PrivateCatalogAppsType to "Blocked": the value must be one of AllowedAppList, BlockedAppList`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, _ := runCs(t, tc.script)
			if out != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s\nerrors: %s", out, tc.want, errs)
			}
			if tc.wantErr == "" && errs != "" {
				t.Errorf("unexpected errors: %s", errs)
			}
			if tc.wantErr != "" && !strings.Contains(errs, tc.wantErr) {
				t.Errorf("errors %q, want %q", errs, tc.wantErr)
			}
		})
	}
}

// TestAppCentricStoredForm checks the stored objects that the app rules
// read: kind M365TeamsApp by app id, kind M365UnifiedTenantSettings by
// setting name, and catalogue lists of objects with an Id.
func TestAppCentricStoredForm(t *testing.T) {
	_, errs, tn := runCs(t, "Update-M365TeamsApp -Id "+bookings+" -IsBlocked $true -AppAssignmentType UsersAndGroups -OperationType Add -Users ann@contoso.com -Groups g1\n"+
		"Update-M365UnifiedTenantSettings -SettingName PrivateApp -SettingValue None\n"+
		"Set-CsTeamsAppPermissionPolicy -PrivateCatalogAppsType AllowedAppList -PrivateCatalogApps @{Id='p1'}")
	if errs != "" || tn == nil {
		t.Fatalf("errors: %s", errs)
	}
	app, ok := tn.Object("M365TeamsApp", bookings)
	if !ok {
		t.Fatal("no M365TeamsApp entry")
	}
	for name, want := range map[string]any{"IsBlocked": true, "AssignmentType": "UsersAndGroups", "Users": []any{"ann@contoso.com"}, "Groups": []any{"g1"}} {
		if got, _ := app.Get(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	set, ok := tn.Object("M365UnifiedTenantSettings", "PrivateApp")
	if !ok {
		t.Fatal("no M365UnifiedTenantSettings entry")
	}
	if v, _ := set.Get("SettingValue"); v != "None" {
		t.Errorf("SettingValue = %#v", v)
	}
	pol, _ := tn.Object(state.KindTeamsAppPermissionPolicy, "Global")
	list, _ := pol.Get("PrivateCatalogApps")
	if got := state.CatalogAppIDs(list); !reflect.DeepEqual(got, []string{"p1"}) {
		t.Errorf("PrivateCatalogApps ids %v (stored %#v)", got, list)
	}
	if items, _ := list.([]any); len(items) != 1 || items[0].(*state.Object).Kind != "PrivateCatalogApp" {
		t.Errorf("stored form %#v", list)
	}
}

// TestAppCentricChanges checks the change log of the app-centric cmdlets:
// each changed property once, an unchanged update not at all.
func TestAppCentricChanges(t *testing.T) {
	out, errs, _ := runCs(t, "Update-M365TeamsApp -Id "+bookings+" -IsBlocked $true\n"+
		"Update-M365TeamsApp -Id "+bookings+" -IsBlocked $true\n"+
		"Update-M365TeamsApp -Id "+bookings+" -AppAssignmentType NoOne\n"+
		"Update-M365UnifiedTenantSettings -SettingName GlobalApp -SettingValue None\n"+
		"Update-M365UnifiedTenantSettings -SettingName GlobalApp -SettingValue All\n"+
		"Get-EmuChange | % { '{0} {1} [{2}] [{3}] [{4}]' -f $_.Kind, $_.Identity, $_.Property, $_.OldValue, $_.NewValue }")
	if errs != "" {
		t.Fatalf("errors: %s", errs)
	}
	want := "M365TeamsApp " + bookings + " [] [] [created]\n" +
		"M365TeamsApp " + bookings + " [IsBlocked] [False] [True]\n" +
		"M365TeamsApp " + bookings + " [AssignmentType] [Everyone] [NoOne]\n" +
		"M365UnifiedTenantSettings GlobalApp [] [] [created]\n" +
		"M365UnifiedTenantSettings GlobalApp [SettingValue] [] [None]\n" +
		"M365UnifiedTenantSettings GlobalApp [SettingValue] [None] [All]\n"
	if out != want {
		t.Errorf("changes:\n%s\nwant:\n%s", out, want)
	}
}

// TestAppCentricStrict checks that with --strict the users and groups
// added to an app's availability must be in the directory, as with the
// other cmdlets that name users and groups; without it they are stored as
// given.
func TestAppCentricStrict(t *testing.T) {
	var out, errb bytes.Buffer
	s, _ := newHolderSession("", &out, &errb, teams.Config{Strict: true})
	script := "New-EmuUser -UserPrincipalName ann@contoso.com | Out-Null\n" +
		"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType UsersAndGroups -OperationType Add -Users zed@contoso.com\n" +
		"(Get-AllM365TeamsApps | Measure-Object).Count\n" +
		"Update-M365TeamsApp -Id " + bookings + " -AppAssignmentType UsersAndGroups -OperationType Add -Users ann@contoso.com\n" +
		"(Get-M365TeamsApp -Id " + bookings + ").AvailableTo.Users.Id\n" +
		"Update-M365UnifiedTenantSettings -SettingName EnableCopilotExtensibility -SettingValue Some -Operation Add -Groups nogroup\n" +
		"(Get-M365UnifiedTenantSettings | Measure-Object).Count"
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil && errb.Len() == 0 {
		t.Fatal(err)
	}
	if want := "0\nann@contoso.com\n0\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	for _, want := range []string{`Management object not found for identity "zed@contoso.com"`, `group "nogroup" was not found`} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("errors %q, want %q", errb.String(), want)
		}
	}
}
