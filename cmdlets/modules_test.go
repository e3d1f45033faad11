package cmdlets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
)

// moduleCase is a script run with module files in a hermetic session
// (working folder /work, home /home/ann, so the default
// $env:PSModulePath starts with /home/ann/.local/share/powershell/Modules).
type moduleCase struct {
	name   string
	files  map[string]string
	script string
	out    string
	errSub string // "" means the error stream must stay empty
}

func runModuleCases(t *testing.T, cases []moduleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMemFS()
			for name, text := range c.files {
				m.add(name, text)
			}
			out, errs := moduleRun(t, m, c.script)
			if out != c.out {
				t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", out, c.out, errs)
			}
			switch {
			case c.errSub == "" && errs != "":
				t.Errorf("unexpected stderr: %s", errs)
			case c.errSub != "" && !strings.Contains(errs, c.errSub):
				t.Errorf("stderr %q does not contain %q", errs, c.errSub)
			}
		})
	}
}

// moduleRun runs a script as hermetic does, in a session that also
// registers two emulated modules, as the CLI registers the Teams and
// Skype for Business ones.
func moduleRun(t *testing.T, m *memFS, script string) (string, string) {
	t.Helper()
	env := map[string]string{"PATH": "/usr/bin", "USER": "ann"}
	var out, errb bytes.Buffer
	policy := &cmdlets.Cmdlet{Name: "Get-CsTeamsMeetingPolicy", Module: "MicrosoftTeams", Process: func(c *cmdlets.Call) error { return nil }}
	s := cmdlets.NewSession(
		cmdlets.WithIO(strings.NewReader(""), &out, &errb),
		cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}),
		cmdlets.WithIDs(func() string { return "00000000-0000-4000-8000-000000000001" }),
		cmdlets.WithFS(m),
		cmdlets.WithDir("/work"),
		cmdlets.WithHome("/home/ann"),
		cmdlets.WithEnv(func(name string) (string, bool) { v, ok := env[strings.ToUpper(name)]; return v, ok }),
		cmdlets.WithEnviron(func() []string { return []string{"PATH=/usr/bin", "USER=ann"} }),
		cmdlets.WithCommands(policy),
		cmdlets.WithModules(cmdlets.Module{Name: "MicrosoftTeams", Version: "6.7.0"}, cmdlets.Module{Name: "SkypeForBusiness", Version: "7.0.0"}),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Run(ctx, "t.ps1", script, nil); err != nil && errb.Len() == 0 {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String()
}

// userModules is the first folder of the default $env:PSModulePath on
// Linux (about_PSModulePath).
const userModules = "/home/ann/.local/share/powershell/Modules"

// helpersPsm1 is a script module with module-scope state, a private
// function and an Export-ModuleMember with a wildcard.
const helpersPsm1 = `$script:calls = 0
$secret = 'module value'
function Get-Greeting { param([string]$Name = 'world') $script:calls++; "Hello $Name" }
function Get-Calls { $script:calls }
function Get-Secret { $secret }
function Get-GlobalSeen { $global:shared }
function Format-Private { 'private' }
function Invoke-Inside { param([scriptblock]$Block) & $Block }
function Get-Where { "$PSScriptRoot|$(Split-Path $PSCommandPath -Leaf)|$($MyInvocation.MyCommand.Module.Name)" }
Export-ModuleMember -Function Get-*, Invoke-Inside
`

// TestScriptModuleScope follows about_Modules and about_Scopes: a script
// module runs in a session state of its own; its script-scope variables
// are private to it and keep their values between calls, it sees the
// global scope but not its caller's scopes, and a script block passed in
// runs in the caller's session state. Export-ModuleMember (its page)
// limits the exports to what it names, with wildcards; the others are
// "not recognized". $PSScriptRoot and $PSCommandPath in a module are its
// folder and file (about_Automatic_Variables), and
// $MyInvocation.MyCommand.Module is the module of the function.
func TestScriptModuleScope(t *testing.T) {
	files := map[string]string{"/work/TeamsHelpers.psm1": helpersPsm1}
	runModuleCases(t, []moduleCase{
		{name: "exports and module scope", files: files, script: `
$secret = 'caller value'
$global:shared = 'global value'
Import-Module ./TeamsHelpers.psm1
Get-Greeting
Get-Greeting -Name Ann
Get-Calls
Get-Secret
Get-GlobalSeen
$secret
$calls -eq $null
$local = 'caller local'
Invoke-Inside { "block sees $local" }
Get-Where
`, out: "Hello world\nHello Ann\n2\nmodule value\nglobal value\ncaller value\nTrue\nblock sees caller local\n/work|TeamsHelpers.psm1|TeamsHelpers\n"},
		{name: "a function that is not exported", files: files, script: `
Import-Module ./TeamsHelpers.psm1
Format-Private
`, errSub: "The term 'Format-Private' is not recognized"},
		{name: "module-qualified call", files: files, script: `
Import-Module ./TeamsHelpers.psm1
TeamsHelpers\Get-Greeting -Name Bo
`, out: "Hello Bo\n"},
		{name: "module-qualified call of a private function", files: files, script: `
Import-Module ./TeamsHelpers.psm1
TeamsHelpers\Format-Private
`, errSub: `The term 'TeamsHelpers\Format-Private' is not recognized`},
		{name: "a block run in the module", files: files, script: `
$m = Import-Module ./TeamsHelpers.psm1 -PassThru
Get-Greeting | Out-Null
& $m { $script:calls; Format-Private }
`, out: "1\nprivate\n"},
		{name: "default export of every function", files: map[string]string{"/work/All.psm1": "function Get-A { 'a' }\nfunction Get-B { 'b' }\n$v = 1\n"}, script: `
Import-Module ./All.psm1
Get-A
Get-B
$v -eq $null
`, out: "a\nb\nTrue\n"},
		{name: "Export-ModuleMember of no function", files: map[string]string{"/work/None.psm1": "function Get-A { 'a' }\nExport-ModuleMember -Function $null\n"}, script: `
(Import-Module ./None.psm1 -PassThru).ExportedFunctions.Count
`, out: "0\n"},
		{name: "exported variable", files: map[string]string{"/work/Var.psm1": "$Setting = 'on'\n$Other = 'x'\nfunction Get-Setting { $Setting }\nfunction Set-Setting($v) { $script:Setting = $v }\nExport-ModuleMember -Function *-Setting -Variable Setting\n"}, script: `
Import-Module ./Var.psm1
$Setting
Set-Setting off
$Setting
$Other -eq $null
`, out: "on\noff\nTrue\n"},
	})
}

// TestExportModuleMemberOutsideModule follows Export-ModuleMember's page
// ("can be used only in a script module file or a dynamic module") with
// the message of PowerShell's Modules.resx CanOnlyBeUsedFromWithinAModule.
func TestExportModuleMemberOutsideModule(t *testing.T) {
	runModuleCases(t, []moduleCase{
		{name: "script", script: "function f { 1 }\nExport-ModuleMember -Function f\n'after'\n", out: "after\n",
			errSub: "The Export-ModuleMember cmdlet can only be called from inside a module."},
	})
}

// TestImportModuleOptions follows Import-Module's page: -PassThru returns
// the PSModuleInfo (Name, Path, ModuleBase, Version, ExportedFunctions,
// ExportedCommands), -Prefix goes before the nouns, -Function limits what
// is imported, -ArgumentList goes to the module's parameters, -Global and
// -Scope cannot be used together, and an import from inside a function
// goes to the global scope unless -Scope Local.
func TestImportModuleOptions(t *testing.T) {
	files := map[string]string{
		"/work/Tools.psm1": "param($Mode = 'normal')\nfunction Get-Mode { $Mode }\nfunction Get-Other { 'other' }\n",
	}
	runModuleCases(t, []moduleCase{
		{name: "PassThru", files: files, script: `
$m = Import-Module ./Tools.psm1 -PassThru
$m.Name
$m.Path
$m.ModuleBase
$m.Version.ToString()
$m.ModuleType
$m.ExportedFunctions.Keys -join ','
$m.ExportedCommands.Count
$m -eq (Get-Module Tools)
`, out: "Tools\n/work/Tools.psm1\n/work\n0.0\nScript\nGet-Mode,Get-Other\n2\nTrue\n"},
		{name: "Prefix", files: files, script: `
Import-Module ./Tools.psm1 -Prefix Th
Get-ThMode
Get-Command -Module Tools | ForEach-Object Name
`, out: "normal\nGet-ThMode\nGet-ThOther\n"},
		{name: "Function filter", files: files, script: `
Import-Module ./Tools.psm1 -Function Get-Mode
Get-Mode
Get-Other
`, out: "normal\n", errSub: "The term 'Get-Other' is not recognized"},
		{name: "ArgumentList", files: files, script: `
Import-Module ./Tools.psm1 -ArgumentList fast
Get-Mode
`, out: "fast\n"},
		{name: "Global and Scope", files: files, script: `
Import-Module ./Tools.psm1 -Global -Scope Local
'after'
`, out: "after\n", errSub: "The 'Global' and 'Scope' parameters cannot be specified together."},
		{name: "from a function", files: files, script: `
function Load { Import-Module ./Tools.psm1 }
Load
Get-Mode
`, out: "normal\n"},
		{name: "Scope Local", files: files, script: `
function Load { Import-Module ./Tools.psm1 -Scope Local; Get-Mode }
Load
Get-Mode
`, out: "normal\n", errSub: "The term 'Get-Mode' is not recognized"},
	})
}

// TestImportModuleForce follows PowerShell's Import-Module.Tests.ps1
// ("Import-Module -Force behaviour"): importing a loaded module again
// does not run it again; -Force reloads it.
func TestImportModuleForce(t *testing.T) {
	runModuleCases(t, []moduleCase{
		{name: "reload", files: map[string]string{"/work/Count.psm1": "$global:loads++\nfunction Get-Loads { $global:loads }\n"}, script: `
Import-Module ./Count.psm1
Import-Module ./Count.psm1
Get-Loads
Import-Module ./Count.psm1 -Force
Get-Loads
`, out: "1\n2\n"},
	})
}

// TestModuleManifest follows about_Module_Manifests: RootModule runs the
// script module, NestedModules load into the module, FunctionsToExport
// and VariablesToExport filter the exports, ModuleVersion and Description
// show on the PSModuleInfo, RequiredModules must be loaded (csemu's
// emulated MicrosoftTeams counts as loaded; a module not found is
// Modules.resx RequiredModuleNotFound), ModuleVersion is required
// (ModuleManifestMissingModuleVersion), unknown keys are refused
// (InvalidModuleManifestMember) and a manifest holds data only
// (restricted language: about_Language_Modes).
func TestModuleManifest(t *testing.T) {
	base := map[string]string{
		"/work/Teams/Teams.psd1": `@{
    RootModule = 'Teams.psm1'
    ModuleVersion = '1.2.0'
    Description = 'Meeting policy helpers'
    NestedModules = @('Private/Util.psm1')
    RequiredModules = @('MicrosoftTeams')
    FunctionsToExport = @('Get-PolicyName', 'Get-Util')
    VariablesToExport = 'TeamsDefault'
}`,
		"/work/Teams/Teams.psm1":        "$TeamsDefault = 'Global'\n$Hidden = 1\nfunction Get-PolicyName { \"Tag:$(Get-Util)\" }\nfunction Get-Internal { 'internal' }\nExport-ModuleMember -Function * -Variable *\n",
		"/work/Teams/Private/Util.psm1": "function Get-Util { 'util' }\n",
	}
	with := func(extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	runModuleCases(t, []moduleCase{
		{name: "root, nested and exports", files: base, script: `
$m = Import-Module ./Teams/Teams.psd1 -PassThru
Get-PolicyName
Get-Util
$TeamsDefault
$Hidden -eq $null
$m.Version.ToString()
$m.Description
$m.ModuleBase
($m.ExportedFunctions.Keys | Sort-Object) -join ','
$m.NestedModules.Name
Get-Internal
`, out: "Tag:util\nutil\nGlobal\nTrue\n1.2.0\nMeeting policy helpers\n/work/Teams\nGet-PolicyName,Get-Util\nUtil\n", errSub: "The term 'Get-Internal' is not recognized"},
		{name: "folder", files: base, script: "Import-Module ./Teams\nGet-PolicyName\n", out: "Tag:util\n"},
		{name: "required module not found", files: with(map[string]string{"/work/Teams/Teams.psd1": "@{ ModuleVersion = '1.0'; RootModule = 'Teams.psm1'; RequiredModules = @('NoSuchHelpers') }"}),
			script: "Import-Module ./Teams/Teams.psd1\n(Get-Module Teams) -eq $null\n", out: "True\n",
			errSub: "The required module 'NoSuchHelpers' was not loaded because no valid module file was found in any module directory."},
		{name: "no ModuleVersion", files: with(map[string]string{"/work/Teams/Teams.psd1": "@{ RootModule = 'Teams.psm1' }"}),
			script: "Import-Module ./Teams/Teams.psd1\n", errSub: "The member 'ModuleVersion' is not present in the module manifest."},
		{name: "unknown key", files: with(map[string]string{"/work/Teams/Teams.psd1": "@{ ModuleVersion = '1.0'; Colour = 'blue' }"}),
			script: "Import-Module ./Teams/Teams.psd1\n", errSub: "Remove the members that are not valid ('Colour')"},
		{name: "command in a manifest", files: with(map[string]string{"/work/Teams/Teams.psd1": "@{ ModuleVersion = '1.0'; Description = Get-Date }"}),
			script: "Import-Module ./Teams/Teams.psd1\n", errSub: "The command 'Get-Date' is not allowed in restricted language mode or a Data section."},
		{name: "manifest of nested modules only", files: with(map[string]string{"/work/Teams/Teams.psd1": "@{ ModuleVersion = '2.0'; NestedModules = 'Private/Util.psm1' }"}),
			script: "$m = Import-Module ./Teams/Teams.psd1 -PassThru\nGet-Util\n$m.ModuleType\n", out: "util\nManifest\n"},
	})
}

// TestModulePath follows about_PSModulePath and Import-Module's page: a
// module name is looked up in the folders of $env:PSModulePath (a folder
// named after the module, maybe with version folders, the highest
// first, or the highest that -RequiredVersion, -MinimumVersion,
// -MaximumVersion or a -FullyQualifiedName specification allows);
// Get-Module -ListAvailable lists what is there; a name found nowhere is
// Modules.resx ModuleNotFound (ModuleWithVersionNotFound with a
// version). The modules csemu emulates stand for any version.
func TestModulePath(t *testing.T) {
	files := map[string]string{
		userModules + "/Reports/1.0.0/Reports.psd1": "@{ ModuleVersion = '1.0.0'; RootModule = 'Reports.psm1' }",
		userModules + "/Reports/1.0.0/Reports.psm1": "function Get-Report { 'v1' }\n",
		userModules + "/Reports/2.1.0/Reports.psd1": "@{ ModuleVersion = '2.1.0'; RootModule = 'Reports.psm1'; FunctionsToExport = 'Get-Report' }",
		userModules + "/Reports/2.1.0/Reports.psm1": "function Get-Report { 'v2' }\n",
		"/srv/mods/Audit/Audit.psm1":                "function Get-Audit { 'audit' }\n",
	}
	runModuleCases(t, []moduleCase{
		{name: "default path, highest version", files: files, script: `
$env:PSModulePath -split ':' | Select-Object -First 1
Import-Module Reports
Get-Report
(Get-Module Reports).Version.ToString()
`, out: userModules + "\nv2\n2.1.0\n"},
		{name: "RequiredVersion", files: files, script: "Import-Module Reports -RequiredVersion 1.0.0\nGet-Report\n", out: "v1\n"},
		{name: "MaximumVersion", files: files, script: "Import-Module Reports -MaximumVersion 1.*\nGet-Report\n", out: "v1\n"},
		{name: "MinimumVersion not met", files: files, script: "Import-Module Reports -MinimumVersion 3.0\n",
			errSub: "The specified module 'Reports' with version '3.0' was not loaded because no valid module file was found in any module directory."},
		{name: "FullyQualifiedName", files: files, script: "Import-Module -FullyQualifiedName @{ ModuleName = 'Reports'; RequiredVersion = '1.0.0' }\nGet-Report\n", out: "v1\n"},
		{name: "emulated module of any version", files: files, script: "Import-Module MicrosoftTeams -MinimumVersion 4.0\nImport-Module MicrosoftTeams -RequiredVersion 5.1.0\n'ok'\n", out: "ok\n"},
		{name: "added folder and ListAvailable", files: files, script: `
$env:PSModulePath = "/srv/mods:$env:PSModulePath"
Get-Module -ListAvailable | ForEach-Object { "$($_.Name) $($_.Version)" }
Import-Module audit
Get-Audit
`, out: "MicrosoftTeams 6.7.0\nSkypeForBusiness 7.0.0\nAudit 0.0\nReports 2.1.0\nReports 1.0.0\naudit\n"},
		{name: "not found", files: files, script: "Import-Module TeamsToolbox\n'after'\n", out: "after\n",
			errSub: "The specified module 'TeamsToolbox' was not loaded because no valid module file was found in any module directory."},
		{name: "path not found", files: files, script: "Import-Module ./Nope.psm1\n",
			errSub: "The specified module './Nope.psm1' was not loaded because no valid module file was found in any module directory."},
	})
}

// TestEmulatedAndRealModules: the modules csemu emulates (MicrosoftTeams,
// SkypeForBusiness) and those that come with PowerShell need no loading
// and stay offline no-ops (one that comes with PowerShell is listed once
// imported, and Remove-Module of one that is not loaded is no error, as
// in PowerShell's Remove-Module.Tests.ps1 "Remove-Module core module on
// module path by name"); a real module csemu does not emulate fails
// with [NotImplemented] naming it, and so does a binary module; Install-
// Module of a module csemu cannot provide says so.
func TestEmulatedAndRealModules(t *testing.T) {
	runModuleCases(t, []moduleCase{
		{name: "emulated", script: `
Import-Module MicrosoftTeams
Import-Module Microsoft.PowerShell.Utility
(Import-Module MicrosoftTeams -PassThru).Name
(Get-Module MicrosoftTeams).ExportedCommands.ContainsKey('Get-CsTeamsMeetingPolicy')
Remove-Module MicrosoftTeams
(Get-Module).Name -join ','
Remove-Module Microsoft.PowerShell.Utility
(Get-Module).Name -join ','
Remove-Module Microsoft.PowerShell.Security
`, out: "MicrosoftTeams\nTrue\nMicrosoft.PowerShell.Utility,MicrosoftTeams,SkypeForBusiness\nMicrosoftTeams,SkypeForBusiness\n"},
		{name: "real module", script: "Import-Module Az.Accounts\n", errSub: "[NotImplemented] module 'Az.Accounts' is not emulated"},
		{name: "install a real module", script: "Install-Module ExchangeOnlineManagement -Scope CurrentUser\n", errSub: "[NotImplemented] module 'ExchangeOnlineManagement' is not emulated"},
		{name: "install an unknown module", script: "Install-Module PSTeamsReports\n", errSub: "[NotImplemented] installing module 'PSTeamsReports' from a repository is not emulated"},
		{name: "binary module", files: map[string]string{"/work/Bin.dll": "MZ"}, script: "Import-Module ./Bin.dll\n", errSub: "[NotImplemented] the binary module '/work/Bin.dll' is not emulated"},
	})
}

// TestGetRemoveModule follows Get-Module's and Remove-Module's pages and
// PowerShell's Remove-Module.Tests.ps1: Get-Module lists the loaded
// modules by name (csemu's emulated modules first), Remove-Module unloads
// one (its commands are gone), a name that matches nothing is
// Modules_NoModulesRemoved, and a wildcard that matches nothing is not.
func TestGetRemoveModule(t *testing.T) {
	files := map[string]string{"/work/Zeta.psm1": "function Get-Zeta { 'z' }\n", "/work/Alpha.psm1": "function Get-Alpha { 'a' }\n"}
	runModuleCases(t, []moduleCase{
		{name: "list and remove", files: files, script: `
Import-Module ./Zeta.psm1, ./Alpha.psm1
(Get-Module).Name -join ','
Remove-Module Zeta
(Get-Module).Name -join ','
Get-Zeta
`, out: "Alpha,MicrosoftTeams,SkypeForBusiness,Zeta\nAlpha,MicrosoftTeams,SkypeForBusiness\n", errSub: "The term 'Get-Zeta' is not recognized"},
		{name: "nothing removed", files: files, script: "Remove-Module Zeta\n", errSub: "No modules were removed. Verify that the specification of modules to remove is correct and those modules exist in the runspace."},
		{name: "wildcard that matches nothing", files: files, script: "Remove-Module Ze*\n'ok'\n", out: "ok\n"},
		{name: "by module info, twice", files: files, script: "$m = Import-Module ./Zeta.psm1 -PassThru\nRemove-Module -ModuleInfo $m\nRemove-Module -ModuleInfo $m\n'ok'\n", out: "ok\n"},
		{name: "Get-Command -Module", files: files, script: "Import-Module ./Alpha.psm1\nGet-Command -Module Alpha | ForEach-Object { \"$($_.CommandType) $($_.Name) $($_.Source)\" }\n", out: "Function Get-Alpha Alpha\n"},
	})
}

// TestNewModule follows New-Module's page: a dynamic module's functions
// are exported and imported into the session, Export-ModuleMember limits
// them, -ArgumentList goes to its param block, -ReturnResult returns the
// block's output, and Get-Module does not list it until it is piped to
// Import-Module.
func TestNewModule(t *testing.T) {
	runModuleCases(t, []moduleCase{
		{name: "dynamic module", script: `
$m = New-Module -Name Counter -ScriptBlock {
    param($Start)
    $n = $Start
    function Step-Counter { $script:n++; $script:n }
    function Hidden { 'hidden' }
    Export-ModuleMember -Function Step-Counter
} -ArgumentList 10
Step-Counter
Step-Counter
$m.Name
(Get-Module Counter) -eq $null
$m | Import-Module
(Get-Module Counter).Name
`, out: "11\n12\nCounter\nTrue\nCounter\n"},
		{name: "ReturnResult", script: "New-Module -ReturnResult { 'from the block' }\n", out: "from the block\n"},
	})
}

// TestUsingModule follows about_Using: using module imports a module
// (a relative path is relative to the script's folder), its classes
// included; a module that cannot be found stops the script ("Could not
// find the module", ParserStrings ModuleNotFoundDuringParse).
func TestUsingModule(t *testing.T) {
	files := map[string]string{
		"/work/lib/Shapes.psm1": "$script:unit = 'cm'\nclass Square {\n    [int]$Side\n    Square([int]$s) { $this.Side = $s }\n    [string] Describe() { return \"$($this.Side)$script:unit\" }\n}\nfunction New-Square([int]$s) { [Square]::new($s) }\n",
	}
	runModuleCases(t, []moduleCase{
		{name: "classes and functions", files: files, script: "using module ./lib/Shapes.psm1\n[Square]::new(3).Describe()\n(New-Square 4).Describe()\n", out: "3cm\n4cm\n"},
		{name: "not found", files: files, script: "using module ./lib/Missing.psm1\n'not run'\n", errSub: "Could not find the module './lib/Missing.psm1'."},
	})
}

// TestUnapprovedVerbWarning follows Import-Module's page
// (-DisableNameChecking) and Modules.resx ImportingNonStandardVerb: a
// module whose commands use a verb that is not approved draws one
// warning, unless -DisableNameChecking.
func TestUnapprovedVerbWarning(t *testing.T) {
	files := map[string]string{"/work/Checks.psm1": "function Check-Policy { 'checked' }\nfunction Validate-Policy { 'valid' }\n"}
	runModuleCases(t, []moduleCase{
		{name: "warning", files: files, script: "Import-Module ./Checks.psm1\nCheck-Policy\n", out: "checked\n",
			errSub: "WARNING: The names of some imported commands from the module 'Checks' include unapproved verbs that might make them less discoverable."},
		{name: "DisableNameChecking", files: files, script: "Import-Module ./Checks.psm1 -DisableNameChecking\nValidate-Policy\n", out: "valid\n"},
	})
}

// TestModuleAutoloading follows about_Modules ("PowerShell automatically
// loads an installed module the first time you use a command from the
// module") and the PSModuleAutoLoadingPreference enumeration (All:
// autoload when a command is not found; ModuleQualified: only for
// Module\Name; None: never). The autoloaded module is imported to the
// top level, silently (no warning for its verbs).
func TestModuleAutoloading(t *testing.T) {
	files := map[string]string{
		userModules + "/Reports/Reports.psd1": "@{ ModuleVersion = '1.0'; RootModule = 'Reports.psm1' }",
		userModules + "/Reports/Reports.psm1": "function Get-Report { 'report' }\nfunction Check-Report { 'checked' }\n",
	}
	runModuleCases(t, []moduleCase{
		{name: "All", files: files, script: "Get-Report\n(Get-Module Reports).Name\nCheck-Report\n", out: "report\nReports\nchecked\n"},
		{name: "ModuleQualified", files: files, script: "$PSModuleAutoLoadingPreference = 'ModuleQualified'\nReports\\Get-Report\nRemove-Module Reports\nGet-Report\n",
			out: "report\n", errSub: "The term 'Get-Report' is not recognized"},
		{name: "None", files: files, script: "$PSModuleAutoLoadingPreference = 'None'\nGet-Report\n", errSub: "The term 'Get-Report' is not recognized"},
	})
}

// TestModuleAliases follows PowerShell's ModuleCmdletBase and
// ModuleIntrinsics.ExportModuleMembers: the aliases [Alias()] gives a
// module's functions live in the module's session state; a .psm1 that
// does not call Export-ModuleMember exports them with its functions, one
// that does exports those -Alias names, a manifest's AliasesToExport
// keeps those it lists, and New-Module exports functions only.
// Import-Module -Function (without -Alias) imports no alias, -Prefix
// prefixes an alias and its function, and Remove-Module takes the alias
// back.
func TestModuleAliases(t *testing.T) {
	files := map[string]string{
		"/work/Thing.psm1":         "function Get-Thing { [Alias('gth')] param($n) \"thing $n\" }\n",
		"/work/Other.psm1":         "function Get-Other { [Alias('gto', 'gtx')] param($n) \"other $n\" }\nfunction Use-Private { gtx 0 }\nExport-ModuleMember -Function Get-Other, Use-Private -Alias gto\n",
		"/work/Listed/Listed.psd1": "@{ RootModule = 'Listed.psm1'; ModuleVersion = '1.2.0'; AliasesToExport = 'gce' }",
		"/work/Listed/Listed.psm1": "function Get-Cee { [Alias('gce')] param() 'cee' }\nfunction Get-Dee { [Alias('gde')] param() 'dee' }\n",
	}
	runModuleCases(t, []moduleCase{
		{name: "default export", files: files, script: `
Import-Module ./Thing.psm1
gth 1
(Get-Module Thing).ExportedAliases.Keys
(Get-Command gth).Source
Remove-Module Thing
gth 2
`, out: "thing 1\ngth\nThing\n", errSub: "The term 'gth' is not recognized"},
		{name: "Export-ModuleMember -Alias", files: files, script: `
Import-Module ./Other.psm1
gto 1
Use-Private
gtx 2
`, out: "other 1\nother 0\n", errSub: "The term 'gtx' is not recognized"},
		{name: "AliasesToExport", files: files, script: `
Import-Module ./Listed
gce
(Get-Module Listed).ExportedCommands.Keys -join ','
gde
`, out: "cee\nGet-Cee,Get-Dee,gce\n", errSub: "The term 'gde' is not recognized"},
		{name: "Import-Module -Function", files: files, script: `
Import-Module ./Thing.psm1 -Function Get-Thing
Get-Thing 1
gth 2
`, out: "thing 1\n", errSub: "The term 'gth' is not recognized"},
		{name: "Import-Module -Prefix", files: files, script: `
Import-Module ./Thing.psm1 -Prefix My
Get-MyThing 1
Mygth 2
`, out: "thing 1\nthing 2\n"},
		{name: "New-Module", script: `
New-Module -Name Dyn { function Get-Dyn { [Alias('gdy')] param() 'dyn' } } | Out-Null
Get-Dyn
gdy
`, out: "dyn\n", errSub: "The term 'gdy' is not recognized"},
	})
}

// TestModuleFunctionDrive follows about_Function_Provider and
// Get-Command: the Function: drive lists the functions the caller sees,
// a module's exported ones with its module, not its private ones; inside
// the module its own functions are there too.
func TestModuleFunctionDrive(t *testing.T) {
	files := map[string]string{"/work/TeamsHelpers.psm1": helpersPsm1}
	runModuleCases(t, []moduleCase{
		{name: "Function: drive", files: files, script: `
Import-Module ./TeamsHelpers.psm1
(Get-ChildItem Function: | Where-Object Name -in 'Get-Greeting', 'Format-Private').Name
(Get-Item Function:Get-Greeting).ModuleName
(Get-Item Function:Get-Greeting).Source -eq (Get-Command Get-Greeting).Source
Test-Path Function:Format-Private
$m = Get-Module TeamsHelpers
& $m { Test-Path Function:Format-Private }
`, out: "Get-Greeting\nTeamsHelpers\nTrue\nFalse\nTrue\n"},
	})
}

// TestModuleMyInvocation follows about_Automatic_Variables ($MyInvocation)
// and CommandInfo: a module function's InvocationName is the name it was
// called by (an alias, Module\Name), MyCommand names the module in
// ModuleName, Source and Module, and a script block written in the module
// names it too.
func TestModuleMyInvocation(t *testing.T) {
	files := map[string]string{"/work/Inv.psm1": `function Get-Inv { [CmdletBinding()] [Alias('ginv')] param()
  $c = $MyInvocation.MyCommand
  "$($MyInvocation.InvocationName)|$($c.ModuleName)|$($c.Source)|$($c.Module.Name)|$($PSCmdlet.MyInvocation.MyCommand.ModuleName)"
}
function Get-Block { { $MyInvocation.MyCommand.ModuleName } }
`}
	runModuleCases(t, []moduleCase{
		{name: "module function", files: files, script: `
Import-Module ./Inv.psm1
Get-Inv
ginv
Inv\Get-Inv
& (Get-Block)
function Top { $MyInvocation.MyCommand.ModuleName -eq '' }
Top
`, out: "Get-Inv|Inv|Inv|Inv|Inv\nginv|Inv|Inv|Inv|Inv\nInv\\Get-Inv|Inv|Inv|Inv|Inv\nInv\nTrue\n"},
	})
}
