package cmdlets_test

import "testing"

// requiresCases follow about_Requires and PowerShell's
// Requires.Tests.ps1: a line comment starting with #requires is read as
// a command when the script is parsed, and a malformed one is a parse
// error; a script file's requirements are checked before any of it runs,
// and an unmet one stops it with a ScriptRequiresException whose error
// id names the requirement.
var requiresCases = []evalCase{
	// Requires.Tests.ps1 "Parser error": these fail to parse
	{"requires_parse_errors", `$texts = "#requiresappID` + "`" + `r` + "`" + `n1", '#requires -version A', '#requires -version 2b', '#requires -version 1.',
    "#requires -version ''", '#requires -version 1.0.', '#requires -version 1.A', '#requires -Modules $x',
    "#requires -Modules @{ ModuleName = 'x' }", '#requires -RunAsAdministrator 1', '#requires -Frobnicate 1', '#requires -Version'
foreach ($t in $texts) {
    try { $null = [scriptblock]::Create($t); 'parsed' } catch { $_.Exception.InnerException.Errors[0].ErrorId }
}`, "ScriptRequiresInvalidFormat\nRequiresVersionInvalid\nRequiresVersionInvalid\nRequiresVersionInvalid\nRequiresVersionInvalid\n" +
		"RequiresVersionInvalid\nRequiresVersionInvalid\nRequiresArgumentMustBeConstant\nRequiresModuleInvalid\nParameterCannotHaveArgument\n" +
		"ScriptRequiresInvalidFormat\nParameterRequiresArgument\n", "", 0},
	// a script block's requirements are parsed, not checked (only a
	// script file's are: CommandDiscovery.VerifyScriptRequirements)
	{"requires_scriptblock_not_checked", `& ([scriptblock]::Create("#requires -Version 99.0` + "`" + `n'ran'"))
# a #requires inside a string is not one
'#requires -Version 99.0'`, "ran\n#requires -Version 99.0\n", "", 0},
	// about_Requires: -Version is the minimum version, major.minor; the
	// versions up to this one (7.4) run
	{"requires_version_met", "#Requires -Version 5.1\n#requires -version 7\n#REQUIRES -Version 7.4\n'ran'", "ran\n", "", 0},
	{"requires_version_unmet", "'before'\n#requires -Version 7.8\n'ran'", "",
		`The script 't.ps1' cannot be run because it contained a "#requires" statement for PowerShell 7.8. The version of PowerShell that is required by the script does not match the currently running version of PowerShell 7.4.6.`, 1},
	// about_Requires: -PSEdition Core runs on PowerShell 7, Desktop does not
	{"requires_edition", "#Requires -PSEdition Core\n'core'", "core\n", "", 0},
	{"requires_edition_desktop", "#Requires -PSEdition Desktop\n'ran'", "",
		`contained a "#requires" statement for PowerShell editions 'Desktop'. The edition of PowerShell that is required by the script does not match the currently running PowerShell Core edition.`, 1},
	// an emulated module counts as present
	{"requires_emulated_module", "#Requires -Modules Microsoft.PowerShell.Utility, @{ ModuleName = 'Microsoft.PowerShell.Management'; ModuleVersion = '1.0' }\n'ran'", "ran\n", "", 0},
}

func TestRequires(t *testing.T) {
	for _, c := range requiresCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestRequiresScriptFiles follows Requires.Tests.ps1 "#requires
// -Modules": a script file that requires a module loads it (by name on
// $env:PSModulePath, by folder or manifest path, with a module
// specification's versions) before it runs; a module that is not found
// stops the script with ScriptRequiresMissingModules, whose message
// names the module and the versions asked for. A version check fails
// with ScriptRequiresUnmatchedPSVersion (a ScriptRequiresException),
// and -RunAsAdministrator with ScriptRequiresElevation, csemu's session
// not being an elevated one.
func TestRequiresScriptFiles(t *testing.T) {
	files := map[string]string{
		userModules + "/Banana/Banana.psd1":   "@{ ModuleVersion = '0.12.1'; RootModule = 'Banana.psm1' }",
		userModules + "/Banana/Banana.psm1":   "function Test-RequiredModule { 'SUCCESS' }",
		"/work/mods/Cherry/Cherry.psd1":       "@{ ModuleVersion = '2.0'; RootModule = 'Cherry.psm1' }",
		"/work/mods/Cherry/Cherry.psm1":       "function Get-Cherry { 'cherry' }",
		"/work/by-name.ps1":                   "#requires -Modules Banana\nTest-RequiredModule",
		"/work/by-spec.ps1":                   "#requires -Modules @{ ModuleName = 'Banana'; ModuleVersion = '0.12' }\nTest-RequiredModule",
		"/work/by-path.ps1":                   "#requires -Modules '/work/mods/Cherry'\nGet-Cherry",
		"/work/by-manifest.ps1":               "#requires -Modules @{ ModuleName = '/work/mods/Cherry/Cherry.psd1'; RequiredVersion = '2.0' }\nGet-Cherry",
		"/work/missing.ps1":                   "#requires -Modules @{ ModuleName = 'Nothing'; ModuleVersion = '1.0'; MaximumVersion = '1.2' }\n'ran'",
		"/work/too-new.ps1":                   "#requires -Modules @{ ModuleName = 'Banana'; ModuleVersion = '1.0' }\n'ran'",
		"/work/version.ps1":                   "#requires -Version 8.0\n'ran'",
		"/work/admin.ps1":                     "#requires -RunAsAdministrator\n'ran'",
		"/work/bad.ps1":                       "#requires -Version 2b\n'ran'",
		userModules + "/Banana/0.0/ignore.md": "",
	}
	runModuleCases(t, []moduleCase{
		{name: "by name", files: files, script: "& ./by-name.ps1\n(Get-Module Banana).Name", out: "SUCCESS\nBanana\n"},
		{name: "by specification", files: files, script: "& ./by-spec.ps1", out: "SUCCESS\n"},
		{name: "by folder path", files: files, script: "& ./by-path.ps1", out: "cherry\n"},
		{name: "by manifest path", files: files, script: ". ./by-manifest.ps1", out: "cherry\n"},
		{name: "missing", files: files, script: `try { & ./missing.ps1 } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName; $_.Exception.Message }`,
			out: "ScriptRequiresMissingModules\nSystem.Management.Automation.ScriptRequiresException\n" +
				"The script 'missing.ps1' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: The module 'Nothing' cannot be found with ModuleVersion '1.0' and MaximumVersion '1.2'..\n"},
		{name: "version too low", files: files, script: `try { & ./too-new.ps1 } catch { $_.Exception.Message }`,
			out: "The script 'too-new.ps1' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: The module 'Banana' cannot be found with ModuleVersion '1.0'..\n"},
		{name: "powershell version", files: files, script: `try { . ./version.ps1 } catch { $_.FullyQualifiedErrorId; $_.Exception -is [System.Management.Automation.ScriptRequiresException] }`,
			out: "ScriptRequiresUnmatchedPSVersion\nTrue\n"},
		{name: "elevation", files: files, script: `try { & ./admin.ps1 } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }`,
			out: "ScriptRequiresElevation\nPermissionDenied\n"},
		{name: "parse error", files: files, script: "& ./bad.ps1\n'next'", out: "next\n",
			errSub: "The argument for the Version parameter is not valid. Specify a valid PowerShell version, in the format major.minor version."},
	})
}
