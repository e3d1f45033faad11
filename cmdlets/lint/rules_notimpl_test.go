package lint

import "testing"

// CSE1104 and CSE1103 name what a run of csemu refuses with
// [NotImplemented]; cmdlets' TestRefusedParamsMatchRun and
// TestUnsupportedMatchesRun check that the run does refuse it.
func TestNotImplementedConstructs(t *testing.T) {
	src := "function Get-Report {\n" +
		"    param([ValidateDrive('C')] [string]$Path)\n" +
		"    Get-Content $Path -Wait\n" +
		"}\n" +
		"Configuration Web { Node localhost { } }\n" +
		"Add-Type -TypeDefinition 'public class A {}'\n" +
		"$x = Import-Clixml -Path .\\a.xml -First 2\n" +
		"gc x -Stream s\n" +
		"Get-ChildItem -ReadOnly:$false\n" +
		"Get-ChildItem -ReadOnly:$r\n" +
		"Get-ChildItem -System\n" +
		"New-PSDrive -Name Q -PSProvider FileSystem -Root \\\\srv\\s -Credential $null\n" +
		"$o = [array]::Empty[int]()\n" +
		"Get-Date &\n"
	stRun(t, "CSE110", []stCase{
		{name: "several", src: "using assembly System.Windows.Forms\n" + src, want: []string{
			"CSE1104 1:1-1:1",
			"CSE1104 3:11-3:11",
			"CSE1104 4:23-4:28",
			"CSE1103 6:1-6:14",
			"CSE1103 7:1-7:9",
			"CSE1104 8:34-8:42",
			"CSE1104 9:6-9:15",
			"CSE1104 12:15-12:22",
			"CSE1104 14:13-14:13",
			"CSE1104 15:1-15:1",
		}},
		{name: "requires", code: "CSE1104", src: "#Requires -Version 5.1\n#requires -PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\nGet-Date\n",
			want:    []string{"CSE1104 2:1-2:1"},
			message: "[NotImplemented] #requires -PSSnapin (snap-ins are not part of PowerShell 7) is not emulated: csemu will not run this script"},
		{name: "message", code: "CSE1104", src: "Get-Content x -Wait:$true\n", want: []string{"CSE1104 1:15-1:26"},
			message: "[NotImplemented] Get-Content -Wait is not emulated: csemu will stop this command here"},
		{name: "switch off or unknown", code: "CSE1104", src: "Get-Content x -Wait:$false\nGet-Content x -Wait:$w\nNew-PSDrive -Name Q -PSProvider FileSystem -Root / -Credential $c\n"},
		{name: "emulated parameters", code: "CSE1104", src: "Get-Content -Path x -Raw\nImport-Clixml -Path x.xml\n"},
		// the Teams cmdlets' own refused parameters (Cmdlet.Refused), which
		// the run refuses with the same words (cs_app_centric.txtar,
		// cs_sfb_users.txtar)
		{name: "teams cmdlets", code: "CSE1104", src: "Update-M365TeamsApp -Id x -AppInstallType Everyone\nGet-CsUser -LdapFilter 'Department=Finance'\n",
			want: []string{"CSE1104 1:27-1:51", "CSE1104 2:12-2:44"}},
		// refusals of some values only: a symbolic link (or a prefix of
		// one, as -ItemType takes it), a private variable, a copy without
		// its folders; other values are emulated
		{name: "values", code: "CSE1104", src: "New-Item -Path l -ItemType sym -Value t\nSet-Variable -Name v -Value 1 -Visibility Private\nCopy-Item a b -Container:$false\nNew-Item -Path f -ItemType File\nCopy-Item a b -Container\nSet-Variable -Name w -Value 1 -Visibility Public\nSet-Location -\nSet-Location ..\n",
			want: []string{"CSE1104 1:18-1:31", "CSE1104 2:31-2:50", "CSE1104 3:15-3:32", "CSE1104 7:14-7:15"}},
		{name: "value message", code: "CSE1104", src: "New-Item -Path l -ItemType SymbolicLink -Value t\n", want: []string{"CSE1104 1:18-1:40"},
			message: "[NotImplemented] New-Item -ItemType SymbolicLink is not emulated: csemu will stop this command here"},
		{name: "teams message", code: "CSE1104", src: "Get-CsUser -OU 'OU=Sales'\n", want: []string{"CSE1104 1:12-1:26"},
			message: "[NotImplemented] Get-CsUser -OU is not emulated: csemu will stop this command here (the emulated directory has no Active Directory attributes, organizational units or server versions)"},
	})
}
