package lint

import (
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestLocalModuleCommands: the functions a script's own module exports
// (about_Modules: a .psm1 exports its functions unless Export-ModuleMember
// names some; about_Module_Manifests: a manifest's RootModule and
// NestedModules, filtered by FunctionsToExport) are known commands when
// the script imports the module by a literal path; a command the module
// does not define is still unknown, and a module lint cannot read, or
// whose exports it cannot know without running it, leaves every command
// unchecked.
func TestLocalModuleCommands(t *testing.T) {
	files := map[string]string{
		"/s/Helpers.psm1":   "function Get-Helper { 1 }\nfunction Set-Helper { 2 }\nfunction Hidden-Thing { 3 }\nExport-ModuleMember -Function Get-Helper, Set-Helper\n",
		"/s/All.psm1":       "function Get-All { 1 }\n",
		"/s/Mod/Mod.psd1":   "@{\n    ModuleVersion = '1.0'\n    RootModule = 'Mod.psm1'\n    NestedModules = @('Inner.psm1')\n    FunctionsToExport = @('Get-Root', 'Get-Inner')\n}\n",
		"/s/Mod/Mod.psm1":   "function Get-Root { 1 }\nfunction Get-Unlisted { 2 }\n",
		"/s/Mod/Inner.psm1": "function Get-Inner { 1 }\n",
		"/s/Dyn.psm1":       ". $PSScriptRoot/more.ps1\nfunction Get-Dyn { 1 }\n",
		"/s/Vars.psm1":      "function Get-Var { 1 }\nExport-ModuleMember -Function $names\n",
	}
	read := func(name string) ([]byte, error) {
		if text, ok := files[name]; ok {
			return []byte(text), nil
		}
		return nil, fs.ErrNotExist
	}
	unknown := func(src string) []string {
		env := newTestEnv()
		env.ReadFile = read
		var out []string
		for _, f := range Lint("/s/t.ps1", src, env) {
			if f.Code == "CSE1101" {
				name := strings.TrimPrefix(f.Message, "The term '")
				out = append(out, strings.TrimSuffix(name, "' is not recognized as a name of a cmdlet, function, script file, or executable program."))
			}
		}
		sort.Strings(out)
		return out
	}
	cases := []struct {
		name, src string
		want      []string
	}{
		{"psm1 with Export-ModuleMember", "Import-Module ./Helpers.psm1\nGet-Helper\nSet-Helper\nHidden-Thing\nGet-Helpr\n", []string{"Get-Helpr", "Hidden-Thing"}},
		{"PSScriptRoot path", "Import-Module \"$PSScriptRoot\\All.psm1\"\nGet-All\nGet-Nothing\n", []string{"Get-Nothing"}},
		{"unquoted PSScriptRoot path", "Import-Module $PSScriptRoot/All.psm1\nGet-All\nGet-Nothing\n", []string{"Get-Nothing"}},
		{"Name parameter", "Import-Module -Name .\\All.psm1 -Force\nGet-All\nGet-Nothing\n", []string{"Get-Nothing"}},
		{"manifest", "Import-Module ./Mod/Mod.psd1\nGet-Root\nGet-Inner\nGet-Unlisted\n", []string{"Get-Unlisted"}},
		{"module folder", "Import-Module ./Mod\nGet-Root\nGet-Nope\n", []string{"Get-Nope"}},
		{"using module", "using module ./All.psm1\nGet-All\nGet-Nothing\n", []string{"Get-Nothing"}},
		{"module that dot-sources", "Import-Module ./Dyn.psm1\nGet-Dyn\nGet-Anything\n", nil},
		{"Export-ModuleMember of a variable", "Import-Module ./Vars.psm1\nGet-Anything\n", nil},
		{"file not found", "Import-Module ./Missing.psm1\nGet-Anything\n", nil},
		{"module by name", "Import-Module SomeModule\nGet-Anything\n", nil},
		{"Prefix", "Import-Module ./All.psm1 -Prefix X\nGet-XAll\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := unknown(tc.src); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("unknown commands %q, want %q", got, tc.want)
			}
		})
	}
	// without a way to read files, an imported module leaves commands
	// unchecked, as before
	env := newTestEnv()
	if fds := Lint("/s/t.ps1", "Import-Module ./All.psm1\nGet-Nothing\n", env); len(fds) != 0 {
		t.Errorf("findings without ReadFile: %v", fds)
	}
}
