package cmdlets

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state/fold"
)

// Script modules (about_Modules, about_Module_Manifests): Import-Module
// runs a .psm1 in a session state of its own (a module scope under the
// global scope), and imports what it exports into the caller's session
// state. A function remembers its module and runs in the module's scope
// wherever it is called from; a script block literal remembers the
// session state it was written in, so a block passed into a module runs
// in its caller's scopes. The Teams and Skype for Business modules csemu
// emulates, and the modules that come with PowerShell, stay offline no-ops.

// moduleState is a session's table of loaded modules.
type moduleState struct {
	// loaded lists every loaded module in load order (Get-Module -All).
	loaded []*psModule
	// infos maps each PSModuleInfo handed to a script to its module.
	infos map[*value.Object]*psModule
	// loading holds the module files being loaded, by path: a manifest
	// that lists itself among its nested modules gets itself back.
	loading map[string]*psModule
	// depth is the nesting of module loads.
	depth int
	// emulated holds the emulated modules by lower-case name, made once
	// each so that their PSModuleInfo is one object.
	emulated map[string]*psModule
	// bundled lists the modules that come with PowerShell that the script
	// imported: Get-Module lists them until Remove-Module.
	bundled []*psModule
	// described holds the modules on $env:PSModulePath read so far, by
	// file (see describeModuleFile).
	described map[string]*psModule
}

// maxModuleNesting is how deep modules may load modules (PowerShell's
// ModuleIntrinsics.MaxModuleNestingDepth).
const maxModuleNesting = 10

// psModule is a module: a loaded script, manifest or dynamic module, a
// module found on $env:PSModulePath (available), or one csemu emulates.
type psModule struct {
	name, path, base, version  string
	kind                       string // Script, Manifest, Binary
	description, guid, author  string
	company, copyright, prefix string
	rootModule                 string
	privateData                any
	dynamic                    bool
	// emulated marks a module whose cmdlets csemu implements (Import-Module
	// of it does nothing), registered one registered with WithModules;
	// available marks one found on $env:PSModulePath and not loaded.
	emulated, registered, available bool
	// availableFuncs are the functions an available module declares;
	// stamp is the size and time of its file when it was read.
	availableFuncs []string
	stamp          string
	scope          *Scope
	// useExportList is set once Export-ModuleMember ran in the module.
	useExportList bool
	funcs         []*Function // exported, sorted by name
	vars          []*Variable // exported, sorted by name
	// aliases are the aliases of the module's session state, lower-case
	// name to command: those [Alias()] on its functions made and those
	// its imports brought in; exportedAliases are the names of those it
	// exports, sorted.
	aliases         map[string]string
	exportedAliases []string
	nested          []*psModule
	required        []*psModule
	// listed marks a module imported by the top level: Get-Module lists it
	// without -All.
	listed  bool
	imports []moduleImport
	info    *value.Object
}

// moduleImport is one member a module's import put in a scope, for
// Remove-Module to take back.
type moduleImport struct {
	scope *Scope
	key   string
	fn    *Function
	v     *Variable
	// aliasMap is the alias table an alias went to (the session's or a
	// module's), key naming target.
	aliasMap map[string]string
	target   string
}

// importOpts are the options of one import.
type importOpts struct {
	force, passThru, noClobber, disableNameChecking bool
	prefix                                          string
	hasPrefix                                       bool
	args                                            []any
	// funcs, vars and aliases filter what is imported (nil: everything).
	funcs, vars, aliases []string
	// target is the scope the members go to; into the module imported
	// into (nil: the top level).
	target *Scope
	into   *psModule
	// nested marks the load of a manifest's nested or root module.
	nested bool
	// requiredVersion, minVersion and maxVersion, when set, limit the
	// versions that may load (-RequiredVersion, -MinimumVersion,
	// -MaximumVersion, or a module specification).
	requiredVersion, minVersion, maxVersion string
}

// versioned reports whether the import asks for particular versions.
func (o *importOpts) versioned() bool {
	return o.requiredVersion != "" || o.minVersion != "" || o.maxVersion != ""
}

// versionOK reports whether a module version meets the import's version
// limits (a maximum may end with * for any remaining part).
func (o *importOpts) versionOK(v string) bool {
	have, ok := parseVersion(v)
	if !ok {
		have = []int{0, 0}
	}
	if o.requiredVersion != "" && !versionMatches(v, o.requiredVersion) {
		return false
	}
	if o.minVersion != "" {
		if min, ok := parseVersion(o.minVersion); ok && compareVersions(have, min) < 0 {
			return false
		}
	}
	if o.maxVersion != "" {
		max := strings.TrimSuffix(strings.TrimSuffix(o.maxVersion, "*"), ".")
		if m, ok := parseVersion(max); ok {
			if strings.HasSuffix(o.maxVersion, "*") {
				if compareVersions(have[:min(len(have), len(m))], m) > 0 {
					return false
				}
			} else if compareVersions(have, m) > 0 {
				return false
			}
		} else if n, err := strconv.Atoi(max); err == nil && len(have) > 0 && have[0] > n {
			return false
		}
	}
	return true
}

// moduleExtensions are the extensions tried, in order, for a module
// name without one (PowerShell's ModuleIntrinsics.PSModuleExtensions).
func moduleExtensions() []string { return []string{".psd1", ".psm1", ".cdxml", ".xaml", ".dll"} }

// isModuleExtension reports whether ext names a module file.
func isModuleExtension(ext string) bool {
	switch strings.ToLower(ext) {
	case ".psd1", ".psm1", ".ps1", ".cdxml", ".xaml", ".dll", ".exe":
		return true
	}
	return false
}

// moduleManifestMembers are the keys a module manifest may hold
// (PowerShell's ModuleCmdletBase.ModuleManifestMembers).
func moduleManifestMembers() []string {
	return []string{"ModuleToProcess", "NestedModules", "GUID", "Author", "CompanyName", "Copyright", "ModuleVersion",
		"Description", "PowerShellVersion", "PowerShellHostName", "PowerShellHostVersion", "CLRVersion",
		"DotNetFrameworkVersion", "ProcessorArchitecture", "RequiredModules", "TypesToProcess", "FormatsToProcess",
		"ScriptsToProcess", "PrivateData", "RequiredAssemblies", "ModuleList", "FileList", "FunctionsToExport",
		"VariablesToExport", "AliasesToExport", "CmdletsToExport", "DscResourcesToExport", "CompatiblePSEditions",
		"HelpInfoURI", "RootModule", "DefaultCommandPrefix"}
}

// isApprovedVerb reports whether verb is one of PowerShell's approved
// verbs (Get-Verb; System.Management.Automation.Verbs*).
func isApprovedVerb(verb string) bool {
	switch strings.ToLower(verb) {
	case "add", "approve", "assert", "backup", "block", "build", "checkpoint", "clear", "close", "compare", "complete",
		"compress", "confirm", "connect", "convert", "convertfrom", "convertto", "copy", "debug", "deny", "deploy",
		"disable", "disconnect", "dismount", "edit", "enable", "enter", "exit", "expand", "export", "find", "format",
		"get", "grant", "group", "hide", "import", "initialize", "install", "invoke", "join", "limit", "lock", "measure",
		"merge", "mount", "move", "new", "open", "optimize", "out", "ping", "pop", "protect", "publish", "push", "read",
		"receive", "redo", "register", "remove", "rename", "repair", "request", "reset", "resize", "resolve", "restart",
		"restore", "resume", "revoke", "save", "search", "select", "send", "set", "show", "skip", "split", "start",
		"step", "stop", "submit", "suspend", "switch", "sync", "test", "trace", "unblock", "undo", "uninstall", "unlock",
		"unprotect", "unpublish", "unregister", "update", "use", "wait", "watch", "write":
		return true
	}
	return false
}

// bundledModule reports whether name is a module that comes with
// PowerShell 7 (its cmdlets are csemu's core cmdlets, or not emulated
// one by one).
func bundledModule(name string) bool {
	l := strings.ToLower(name)
	switch l {
	case "cimcmdlets", "packagemanagement", "powershellget", "psreadline", "threadjob", "psdiagnostics",
		"microsoft.wsman.management", "lynconlineconnector", "skypeonlineconnector":
		return true
	}
	return strings.HasPrefix(l, "microsoft.powershell.")
}

// realModule reports whether name is a real module that csemu does not
// emulate (Azure, Microsoft Graph, Exchange Online, SharePoint, MSOnline,
// AzureAD): importing it fails with [NotImplemented] naming it, rather
// than as a module not found.
func realModule(name string) bool {
	l := strings.ToLower(name)
	switch l {
	case "az", "azuread", "azureadpreview", "msonline", "exchangeonlinemanagement", "microsoft.graph",
		"pnp.powershell", "sharepointpnppowershellonline", "microsoft.online.sharepoint.powershell",
		"microsoftpowerbimgmt", "microsoft.graph.entra", "azurerm":
		return true
	}
	for _, p := range []string{"az.", "microsoft.graph.", "azurerm.", "microsoftpowerbimgmt.", "microsoft.powerapps."} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// emulatedModule returns the module of that name csemu emulates: one
// registered with WithModules, one that a cmdlet of the table belongs to,
// or one that comes with PowerShell.
func (s *Session) emulatedModule(name string) (*psModule, bool) {
	key := strings.ToLower(name)
	if m := s.mods.emulated[key]; m != nil {
		return m, true
	}
	var m *psModule
	for _, rm := range s.table.modules {
		if strings.EqualFold(rm.Name, name) {
			m = &psModule{name: rm.Name, version: rm.Version, kind: "Script", emulated: true, registered: true}
			break
		}
	}
	if m == nil {
		for _, c := range s.table.cmds {
			if c.Module != "" && !c.NotImplemented && strings.EqualFold(c.Module, name) {
				m = &psModule{name: c.Module, version: s.table.moduleVersion(c.Module), kind: "Script", emulated: true}
				break
			}
		}
	}
	if m == nil && bundledModule(name) {
		m = &psModule{name: name, version: "7.0.0.0", kind: "Script", emulated: true}
	}
	if m == nil {
		return nil, false
	}
	if s.mods.emulated == nil {
		s.mods.emulated = map[string]*psModule{}
	}
	s.mods.emulated[key] = m
	return m, true
}

// --- session states -------------------------------------------------

// stateScope returns the scope in which code of session state m (a
// module, or nil for the top level) runs when called from sc: the nearest
// scope of m up the chain of sc, following the caller of each call that
// entered another session state; else m's own scope (the global scope for
// the top level).
func (s *Session) stateScope(m *psModule, sc *Scope) *Scope {
	for c := sc; c != nil; {
		if c.module == m {
			return c
		}
		if c.caller != nil {
			c = c.caller
		} else {
			c = c.parent
		}
	}
	if m != nil && m.scope != nil {
		return m.scope
	}
	return s.global
}

// functionInfo is the FunctionInfo of a function.
func (s *Session) functionInfo(f *Function) *value.Object {
	o := value.NewObject("System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo", "System.Object")
	o.Set("CommandType", "Function")
	o.Set("Name", f.Name)
	module := ""
	var info any
	if f.module != nil {
		module = f.module.name
		info = s.moduleInfo(f.module)
	}
	o.Set("ModuleName", module)
	o.Set("Source", module)
	o.Set("Module", info)
	o.Set("Definition", f.Source)
	o.SetToString(f.Name)
	o.DefaultDisplay = []string{"CommandType", "Name", "Source"}
	return o
}

// moduleBlockStage runs & $module { ... }: the script block runs in the
// module's session state (about_Modules; PSModuleInfo's invocation).
func (s *Session) moduleBlockStage(fr frame, m *psModule, raw []rawArg, inv *invocation, emit emitFn, dot bool, r stageOut) (stage, error) {
	pos := inv.pos()
	if m.scope == nil {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "InvalidOperation", Category: InvalidOperation,
			Exception: "System.InvalidOperationException",
			Msg:       "This operation cannot be performed on a binary module. It can only be performed on a script module."}}
	}
	if len(raw) == 0 || raw[0].name != "" {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "BadExpression", Category: ParserError,
			Msg: "A script block must follow the module in & $module { ... }."}}
	}
	sb, ok := raw[0].value.(*ScriptBlock)
	if !ok {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "BadExpression", Category: ParserError,
			Msg: fmt.Sprintf("Cannot run '%s' in module %s: a script block is expected.", value.ToString(raw[0].value), m.name)}}
	}
	in := *sb
	in.Closure, in.bound, in.module = nil, true, m
	return s.scriptBlockStage(fr, &in, raw[1:], inv, emit, dot, r)
}

// qualifiedFunction returns the function module\name: an exported
// function of a loaded module of that name;
// known reports whether a module of that name is loaded.
func (s *Session) qualifiedFunction(module, name string) (f *Function, known bool) {
	for i := len(s.mods.loaded) - 1; i >= 0; i-- {
		m := s.mods.loaded[i]
		if !strings.EqualFold(m.name, module) {
			continue
		}
		known = true
		for _, f := range m.funcs {
			if strings.EqualFold(f.Name, name) {
				return f, true
			}
		}
	}
	return nil, known
}

// commandNotFound is the error of a command name that nothing answers to.
func commandNotFound(pos parser.Pos, name string) error {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: "CommandNotFoundException", Category: ObjectNotFound,
		Target: name, Exception: "System.Management.Automation.CommandNotFoundException",
		Msg: fmt.Sprintf("The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.\n"+
			"Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", name)}}
}

// moduleName is the name of a function's module ("" for the top level).
func moduleName(f *Function) string {
	if m := f.moduleOf(); m != nil {
		return m.name
	}
	return ""
}

// moduleOf is the script module that defined f (nil for the top level or
// no function).
func (f *Function) moduleOf() *psModule {
	if f == nil {
		return nil
	}
	return f.module
}

// commandVersion is the version Get-Command shows for a command of module.
func (s *Session) commandVersion(module string) string {
	for i := len(s.mods.loaded) - 1; i >= 0; i-- {
		if m := s.mods.loaded[i]; m.name == module {
			return m.version
		}
	}
	return s.table.moduleVersion(module)
}

// --- module path ----------------------------------------------------

// defaultModulePath is the $env:PSModulePath PowerShell 7 sets on Linux
// when the environment has none (about_PSModulePath): the user's modules,
// the machine's, then those of $PSHOME.
func (s *Session) defaultModulePath() string {
	home, _ := s.host.home()
	var parts []string
	if home != "" {
		parts = append(parts, filepath.Join(home, ".local", "share", "powershell", "Modules"))
	}
	parts = append(parts, "/usr/local/share/powershell/Modules", "/opt/microsoft/powershell/7/Modules")
	return strings.Join(parts, string(filepath.ListSeparator))
}

// modulePath lists the folders of $env:PSModulePath.
func (s *Session) modulePath() []string {
	v, ok := s.getEnv("PSModulePath")
	text := value.ToString(v)
	if !ok {
		text = s.defaultModulePath()
	}
	var out []string
	for _, p := range filepath.SplitList(text) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, s.expandPath(p))
		}
	}
	return out
}

// expandPath turns a path a script gave into an absolute native path:
// Windows separators, ~, and relative to the working directory.
func (s *Session) expandPath(p string) string {
	p = nativePath(p)
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := s.host.home(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	if abs, err := s.fullPath(p); err == nil {
		return abs
	}
	return p
}

// isFile and isDir report what a native path is.
func (s *Session) isFile(p string) bool {
	st, err := s.host.files.Stat(p)
	return err == nil && !st.IsDir()
}

func (s *Session) isDir(p string) bool {
	st, err := s.host.files.Stat(p)
	return err == nil && st.IsDir()
}

// isRootedModuleName reports whether an Import-Module name is a path
// (PowerShell's ModuleCmdletBase.IsRooted).
func isRootedModuleName(name string) bool {
	return strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || strings.HasPrefix(name, "./") ||
		strings.HasPrefix(name, `.\`) || strings.HasPrefix(name, "../") || strings.HasPrefix(name, `..\`) ||
		strings.HasPrefix(name, "~/") || strings.HasPrefix(name, `~\`) || strings.Contains(name, ":") ||
		name == "." || name == ".."
}

// withExtensions returns the module file at base+ext, or, without ext,
// the first of base with a module extension that exists.
func (s *Session) withExtensions(base, ext string) string {
	if ext != "" {
		if s.isFile(base + ext) {
			return base + ext
		}
		return ""
	}
	for _, e := range moduleExtensions() {
		if s.isFile(base + e) {
			return base + e
		}
	}
	return ""
}

// versionFolders lists the version subfolders of a module folder that
// hold name.psd1, highest version first (PowerShell's
// LoadUsingMultiVersionModuleBase).
func (s *Session) versionFolders(dir, name string) []string {
	entries, _ := s.host.files.ReadDir(dir)
	type vf struct {
		v    []int
		path string
	}
	var found []vf
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		v, ok := parseVersion(e.Name())
		if !ok {
			continue
		}
		p := filepath.Join(dir, e.Name(), name+".psd1")
		if s.isFile(p) {
			found = append(found, vf{v, p})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return compareVersions(found[i].v, found[j].v) > 0 })
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.path
	}
	return out
}

// parseVersion parses a version "1.2.3" into its numbers.
func parseVersion(s string) ([]int, bool) {
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return nil, false
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// compareVersions compares two versions as System.Version does.
func compareVersions(a, b []int) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := -1, -1
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// findModuleFile returns the module file that a path names: the file,
// or in a folder its version folders or its file named after it, or the
// path with a module extension.
func (s *Session) findModuleFile(p string) string {
	p = strings.TrimRight(p, `/\`)
	if p == "" {
		p = "/"
	}
	if s.isFile(p) {
		return p
	}
	if s.isDir(p) {
		name := filepath.Base(p)
		if v := s.versionFolders(p, name); len(v) > 0 {
			return v[0]
		}
		return s.withExtensions(filepath.Join(p, name), "")
	}
	if ext := filepath.Ext(p); !isModuleExtension(ext) {
		return s.withExtensions(p, "")
	}
	return ""
}

// findOnModulePath searches $env:PSModulePath for a module name
// (PowerShell's LoadUsingModulePath), names compared without case as
// PowerShell does on every platform; o, when set, limits the version
// folders that qualify.
func (s *Session) findOnModulePath(name string, o *importOpts) string {
	name = nativePath(name)
	ext := filepath.Ext(name)
	base := name
	if isModuleExtension(ext) {
		base = strings.TrimSuffix(name, ext)
	} else {
		ext = ""
	}
	for _, dir := range s.modulePath() {
		q := s.caselessPath(dir, base)
		leaf := filepath.Base(q)
		if s.isDir(q) {
			for _, v := range s.versionFolders(q, leaf) {
				if o == nil || o.versionOK(filepath.Base(filepath.Dir(v))) {
					return v
				}
			}
		}
		q2 := q
		if !strings.Contains(base, "/") || s.isDir(q) {
			q2 = s.caselessPath(q, filepath.Base(base))
		}
		if f := s.withExtensions(q2, ext); f != "" {
			return f
		}
		if ext == "" {
			for _, e := range moduleExtensions() {
				if f := s.caselessPath(filepath.Dir(q2), filepath.Base(q2)+e); s.isFile(f) {
					return f
				}
			}
		} else if f := s.caselessPath(filepath.Dir(q2), filepath.Base(q2)+ext); s.isFile(f) {
			return f
		}
	}
	return ""
}

// caselessPath joins dir and rel, each part of rel replaced by the entry
// of its folder that has its name but for case, when the exact one does
// not exist.
func (s *Session) caselessPath(dir, rel string) string {
	p := dir
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if part == "" {
			continue
		}
		next := filepath.Join(p, part)
		if _, err := s.host.files.Stat(next); err != nil {
			entries, _ := s.host.files.ReadDir(p)
			for _, e := range entries {
				if strings.EqualFold(e.Name(), part) {
					next = filepath.Join(p, e.Name())
					break
				}
			}
		}
		p = next
	}
	return p
}

// --- Import-Module ----------------------------------------------------

func moduleCmdlets() []*Cmdlet {
	importParams := []*ParamDef{
		pipe(p("Name", "object[]", 0)), p("ModuleInfo", "object[]", -1), p("FullyQualifiedName", "object[]", -1),
		p("Assembly", "object[]", -1), p("Global", "switch", -1), p("Prefix", "string", -1),
		p("Function", "string[]", -1), p("Cmdlet", "string[]", -1), p("Variable", "string[]", -1), p("Alias", "string[]", -1),
		p("Force", "switch", -1), p("SkipEditionCheck", "switch", -1), p("PassThru", "switch", -1), p("AsCustomObject", "switch", -1),
		alias(p("MinimumVersion", "string", -1), "Version"), p("MaximumVersion", "string", -1), p("RequiredVersion", "string", -1),
		alias(p("ArgumentList", "object[]", -1), "Args"), p("DisableNameChecking", "switch", -1),
		alias(p("NoClobber", "switch", -1), "NoOverwrite"), values(p("Scope", "string", -1), "Local", "Global"),
		p("UseWindowsPowerShell", "switch", -1),
	}
	return []*Cmdlet{
		{
			Name: "Import-Module", Module: "Microsoft.PowerShell.Core",
			Synopsis: "Loads a script module (.psm1, .psd1, a folder, or a name on $env:PSModulePath); the emulated modules need no loading.",
			Doc:      "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/import-module",
			Params:   importParams, Process: importModuleProcess,
			Examples: []string{"Import-Module MicrosoftTeams", "Import-Module $PSScriptRoot\\TeamsHelpers.psm1", "Import-Module .\\TeamsHelpers -Prefix Th -PassThru"},
		},
		{
			Name: "Remove-Module", Module: "Microsoft.PowerShell.Core", Synopsis: "Unloads modules: their imported commands and variables go away.",
			Doc:           "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/remove-module",
			Params:        []*ParamDef{pipe(p("Name", "object[]", 0)), p("FullyQualifiedName", "object[]", -1), p("ModuleInfo", "object[]", -1), p("Force", "switch", -1)},
			ShouldProcess: true, Process: removeModuleProcess, End: removeModuleEnd,
		},
		{
			Name: "Get-Module", Module: "Microsoft.PowerShell.Core", Synopsis: "Lists the modules loaded (the emulated modules count as loaded), or those on $env:PSModulePath.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-module",
			Params: []*ParamDef{pipe(rest(p("Name", "string[]", 0))), p("ListAvailable", "switch", -1), p("All", "switch", -1),
				p("Refresh", "switch", -1), p("FullyQualifiedName", "object", -1), p("PSEdition", "string", -1), p("SkipEditionCheck", "switch", -1)},
			Process: getModuleProcess,
		},
		{
			Name: "Export-ModuleMember", Module: "Microsoft.PowerShell.Core", Synopsis: "Names what a script module exports.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/export-modulemember",
			Params: []*ParamDef{byName(pipe(p("Function", "string[]", 0))), byName(p("Cmdlet", "string[]", -1)),
				byName(p("Variable", "string[]", -1)), byName(p("Alias", "string[]", -1))},
			Process: exportModuleMemberProcess,
		},
		{
			Name: "New-Module", Module: "Microsoft.PowerShell.Core", Synopsis: "Makes a dynamic module from a script block and imports it.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/new-module",
			Params: []*ParamDef{pipe(p("Name", "object", 0)), p("ScriptBlock", "object", 1), p("Function", "string[]", -1),
				p("Cmdlet", "string[]", -1), p("ReturnResult", "switch", -1), p("AsCustomObject", "switch", -1),
				rest(alias(p("ArgumentList", "object[]", -1), "Args"))},
			Process: newModuleProcess,
		},
		{
			Name: "Install-Module", Module: "PowerShellGet", Synopsis: "Installing a module (offline: an emulated module needs none; others cannot be installed).",
			Doc: "https://learn.microsoft.com/powershell/module/powershellget/install-module",
			Params: []*ParamDef{pipe(rest(p("Name", "string[]", 0))), p("Force", "switch", -1), values(p("Scope", "string", -1), "CurrentUser", "AllUsers"),
				p("AllowClobber", "switch", -1), p("RequiredVersion", "string", -1), p("MinimumVersion", "string", -1),
				p("MaximumVersion", "string", -1), p("Repository", "string[]", -1), p("SkipPublisherCheck", "switch", -1),
				p("AcceptLicense", "switch", -1), p("AllowPrerelease", "switch", -1), p("PassThru", "switch", -1),
				p("Credential", "object", -1), p("Proxy", "string", -1), p("ProxyCredential", "object", -1),
				p("InputObject", "object[]", -1), p("NoPathUpdate", "switch", -1)},
			ShouldProcess: true, Process: installModuleProcess,
		},
	}
}

// offlineNote writes the verbose note of a module command that csemu
// does not need to run.
func offlineNote(c *Call, name, what string) {
	c.Verbose("%s %s: csemu runs offline; %s is not needed and nothing was done.", c.cmd.Name, name, what)
}

func importModuleProcess(c *Call) error {
	s := c.s
	if c.Bool("Global") && c.Has("Scope") {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Modules_GlobalAndScopeParameterCannotBeSpecifiedTogether",
			Category: InvalidArgument, Exception: "System.InvalidOperationException",
			Msg: "The 'Global' and 'Scope' parameters cannot be specified together. Remove one of these parameters, and then try running the command again."}}
	}
	if err := c.refused(); err != nil {
		return err
	}
	o := s.importOptions(c)
	var items []any
	if v, ok := c.Lookup("Name"); ok {
		items = append(items, value.AsSlice(v)...)
	}
	if v, ok := c.Lookup("ModuleInfo"); ok {
		items = append(items, value.AsSlice(v)...)
	}
	for _, it := range items {
		if err := s.importItem(c, it, o); err != nil {
			return err
		}
	}
	if v, ok := c.Lookup("FullyQualifiedName"); ok {
		for _, it := range value.AsSlice(v) {
			spec := *o
			name, err := moduleSpecification(c, it, &spec)
			if err != nil {
				return err
			}
			if err := s.importItem(c, name, &spec); err != nil {
				return err
			}
		}
	}
	return nil
}

// moduleSpecification reads a module specification (a name, or a
// hashtable of ModuleName and ModuleVersion, RequiredVersion or
// MaximumVersion; Import-Module's -FullyQualifiedName) into its name and
// the version limits of o.
func moduleSpecification(c *Call, it any, o *importOpts) (string, error) {
	h, ok := it.(*value.Hashtable)
	if !ok {
		return value.ToString(it), nil
	}
	get := func(k string) string {
		if v, ok := h.Get(k); ok && v != nil {
			return value.ToString(v)
		}
		return ""
	}
	name := get("ModuleName")
	var bad []string
	for _, k := range h.Keys() {
		switch strings.ToLower(value.ToString(k)) {
		case "modulename", "moduleversion", "requiredversion", "maximumversion", "guid":
		default:
			bad = append(bad, value.ToString(k))
		}
	}
	if name == "" || len(bad) > 0 {
		return "", c.Fail("Modules_InvalidModuleSpecification", InvalidArgument,
			"The hashtable describing a module contains one or more members that are not valid. The valid members are (ModuleName, ModuleVersion, RequiredVersion, MaximumVersion, GUID). Remove the members that are not valid (%s), then try again.", strings.Join(bad, ", "))
	}
	o.minVersion, o.requiredVersion, o.maxVersion = get("ModuleVersion"), get("RequiredVersion"), get("MaximumVersion")
	return name, nil
}

// importOptions reads the options of an Import-Module call.
func (s *Session) importOptions(c *Call) *importOpts {
	o := &importOpts{force: c.Bool("Force"), passThru: c.Bool("PassThru"), noClobber: c.Bool("NoClobber"),
		disableNameChecking: c.Bool("DisableNameChecking"), requiredVersion: c.String("RequiredVersion"),
		minVersion: c.String("MinimumVersion"), maxVersion: c.String("MaximumVersion")}
	if c.Has("Prefix") {
		o.prefix, o.hasPrefix = c.String("Prefix"), true
	}
	if v, ok := c.Lookup("ArgumentList"); ok {
		o.args = value.AsSlice(v)
	}
	if c.Has("Function") {
		o.funcs = append([]string{}, c.Strings("Function")...)
	}
	if c.Has("Variable") {
		o.vars = append([]string{}, c.Strings("Variable")...)
	}
	if c.Has("Cmdlet") && o.funcs == nil {
		// -Cmdlet alone: a script module has no cmdlets to import
		o.funcs = []string{}
	}
	if c.Has("Alias") && o.funcs == nil && o.vars == nil {
		o.funcs, o.vars = []string{}, []string{}
	}
	if c.Has("Function") && o.vars == nil {
		o.vars = []string{}
	}
	if c.Has("Variable") && o.funcs == nil {
		o.funcs = []string{}
	}
	// aliases: those -Alias names, or none when another list is given
	// (PowerShell's ImportModuleMembers)
	if c.Has("Alias") {
		o.aliases = append([]string{}, c.Strings("Alias")...)
	} else if o.funcs != nil || o.vars != nil {
		o.aliases = []string{}
	}
	caller := c.fr.scope.module
	switch {
	case c.Bool("Global") || strings.EqualFold(c.String("Scope"), "Global"):
		o.target = s.global
	case strings.EqualFold(c.String("Scope"), "Local"):
		o.target, o.into = c.fr.scope, caller
	case caller != nil:
		// from inside a module: into that module's session state
		o.target, o.into = caller.scope, caller
	default:
		o.target = s.global
	}
	return o
}

// importItem imports one -Name or -ModuleInfo value.
func (s *Session) importItem(c *Call, it any, o *importOpts) error {
	if obj, ok := it.(*value.Object); ok {
		if m := s.mods.infos[obj]; m != nil {
			switch {
			case m.emulated:
				return s.importEmulated(c, m, o)
			case m.available || o.force && !m.dynamic && m.path != "":
				_, err := s.importFile(c, m.path, o)
				return err
			}
			if !s.isLoaded(m) {
				// a dynamic module (New-Module | Import-Module), or one
				// removed since: it goes (back) in the module table
				s.mods.loaded = append(s.mods.loaded, m)
			}
			return s.finishImport(c, m, o)
		}
	}
	name := value.ToString(it)
	_, err := s.importName(c, name, o)
	return err
}

// importEmulated is Import-Module of a module csemu emulates: nothing to
// load.
func (s *Session) importEmulated(c *Call, m *psModule, o *importOpts) error {
	if o.hasPrefix && o.prefix != "" {
		return notImplemented(c.Pos, c.cmd.Name, "Import-Module -Prefix for the emulated module "+m.name)
	}
	offlineNote(c, m.name, "loading a module")
	if !m.registered {
		// a module that comes with PowerShell is listed once imported
		present := false
		for _, b := range s.mods.bundled {
			present = present || b == m
		}
		if !present {
			s.mods.bundled = append(s.mods.bundled, m)
		}
	}
	if o.passThru {
		return c.Write(s.moduleInfo(m))
	}
	return nil
}

// importName imports a module by name or path; it returns the module,
// nil when it wrote an error instead.
func (s *Session) importName(c *Call, name string, o *importOpts) (*psModule, error) {
	if name == "" {
		return nil, c.WriteError(&ErrorRecord{ID: "ParameterArgumentValidationErrorEmptyStringNotAllowed", Category: InvalidData,
			Msg: "Cannot bind argument to parameter 'Name' because it is an empty string."})
	}
	rooted := isRootedModuleName(name)
	if !rooted {
		if m, ok := s.emulatedModule(name); ok {
			return nil, s.importEmulated(c, m, o)
		}
		if realModule(name) {
			return nil, notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("module '%s'", name))
		}
	}
	var file string
	if rooted {
		file = s.findModuleFile(s.expandPath(name))
	} else {
		file = s.findOnModulePath(name, o)
	}
	if file == "" {
		return nil, s.moduleNotFound(c, name, o)
	}
	return s.importFile(c, file, o)
}

// moduleNotFound writes Import-Module's error for a module not found.
func (s *Session) moduleNotFound(c *Call, name string, o *importOpts) error {
	msg := fmt.Sprintf("The specified module '%s' was not loaded because no valid module file was found in any module directory.", name)
	id := "Modules_ModuleNotFound"
	if o.versioned() {
		id = "Modules_ModuleWithVersionNotFound"
		switch {
		case o.requiredVersion != "":
			msg = fmt.Sprintf("The specified module '%s' with version '%s' was not loaded because no valid module file was found in any module directory.", name, o.requiredVersion)
		case o.minVersion != "" && o.maxVersion != "":
			msg = fmt.Sprintf("The specified module '%s' with MinimumVersion '%s' and MaximumVersion '%s' was not loaded because no valid module file was found in any module directory.", name, o.minVersion, o.maxVersion)
		case o.minVersion != "":
			msg = fmt.Sprintf("The specified module '%s' with version '%s' was not loaded because no valid module file was found in any module directory.", name, o.minVersion)
		default:
			msg = fmt.Sprintf("The specified module '%s' with MaximumVersion '%s' was not loaded because no valid module file was found in any module directory.", name, o.maxVersion)
		}
	}
	return c.WriteError(&ErrorRecord{ID: id, Category: ResourceUnavailable, Target: name,
		Exception: "System.IO.FileNotFoundException", Msg: msg})
}

// loadedByPath returns the loaded module of a file.
func (s *Session) loadedByPath(path string) *psModule {
	for i := len(s.mods.loaded) - 1; i >= 0; i-- {
		m := s.mods.loaded[i]
		if m.path == path || m.manifestPath() == path {
			return m
		}
	}
	return nil
}

// manifestPath is the .psd1 of a manifest module whose path is its root
// module.
func (m *psModule) manifestPath() string {
	if m.rootModule != "" && m.base != "" {
		return filepath.Join(m.base, m.name+".psd1")
	}
	return ""
}

// importFile loads a module file (or, when it is loaded and -Force is not
// given, imports its members again) and imports it.
func (s *Session) importFile(c *Call, file string, o *importOpts) (*psModule, error) {
	if m := s.mods.loading[file]; m != nil {
		return m, nil
	}
	if m := s.loadedByPath(file); m != nil && !o.nested {
		if !o.force && o.versionOK(m.version) {
			return m, s.finishImport(c, m, o)
		}
		s.removeModule(m)
	}
	if s.mods.depth >= maxModuleNesting {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Modules_ModuleTooDeeplyNested",
			Category: InvalidOperation, Exception: "System.InvalidOperationException", Target: file,
			Msg: fmt.Sprintf("Cannot load the module '%s' because the module nesting limit has been exceeded. Modules can only be nested to %d levels. Evaluate and change the order in which you are loading modules to prevent exceeding the nesting limit, and then try running your script again.", file, maxModuleNesting)}}
	}
	s.mods.depth++
	defer func() { s.mods.depth-- }()
	c.Verbose("Loading module from path '%s'.", file)
	var m *psModule
	var err error
	switch strings.ToLower(filepath.Ext(file)) {
	case ".psm1":
		m, err = s.loadScriptModule(c, file, o)
	case ".psd1":
		m, err = s.loadManifest(c, file, o)
	case ".ps1":
		m, err = s.loadDottedScript(c, file, o)
	default:
		return nil, notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("the binary module '%s'", file))
	}
	if err != nil || m == nil {
		return nil, err
	}
	s.mods.loaded = append(s.mods.loaded, m)
	return m, s.finishImport(c, m, o)
}

// versionMatches reports whether a module version is the one asked for.
func versionMatches(have, want string) bool {
	a, ok1 := parseVersion(have)
	b, ok2 := parseVersion(want)
	if !ok1 || !ok2 {
		return strings.EqualFold(have, want)
	}
	return compareVersions(a, b) == 0
}

// newModule makes a module of a file and its scope.
func (s *Session) newModule(file, kind string) *psModule {
	m := &psModule{name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), path: file, base: filepath.Dir(file),
		version: "0.0", kind: kind}
	sc := newScope(s.global)
	sc.module, sc.script = m, true
	m.scope = sc
	return m
}

// loadScriptModule runs a .psm1 in a new module and works out its
// exports.
func (s *Session) loadScriptModule(c *Call, file string, o *importOpts) (*psModule, error) {
	m := s.newModule(file, "Script")
	if !o.nested && !o.versionOK(m.version) {
		return nil, s.moduleNotFound(c, m.name, o)
	}
	if err := s.runModuleFile(c, m, file, o.args); err != nil {
		return nil, err
	}
	s.defaultExports(c, m)
	return m, nil
}

// defaultExports exports every function and alias of a script module
// that did not call Export-ModuleMember (Export-ModuleMember's page:
// functions and aliases are exported by default, variables not; a
// dynamic module of New-Module exports functions only).
func (s *Session) defaultExports(c *Call, m *psModule) {
	if !m.useExportList {
		m.exportFunctions(nil, c)
		m.exportAliases(nil, c)
	}
}

// runModuleFile runs a module's script file in the module's scope; args
// go to its param block and $args.
func (s *Session) runModuleFile(c *Call, m *psModule, file string, args []any) error {
	src, err := s.readFileText(file)
	if err != nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Modules_ModuleFileNotFound",
			Category: ResourceUnavailable, Exception: "System.IO.FileNotFoundException", Target: file, Msg: err.Error()}}
	}
	script, err := s.parse(file, src)
	if err != nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ParseException",
			Category: ParserError, Exception: "System.Management.Automation.ParseException", Target: file, Msg: err.Error()}}
	}
	return s.runModuleCode(c, m, file, script.Body, src, args)
}

// runModuleCode runs a module's code in its scope, its output thrown away
// (PowerShell's ModuleIntrinsics.CreateModuleImplementation).
func (s *Session) runModuleCode(c *Call, m *psModule, file string, body *parser.ScriptBlockBody, src string, args []any) error {
	sc := m.scope
	if file != "" {
		s.setScriptVars(sc, file)
	}
	if s.mods.loading == nil {
		s.mods.loading = map[string]*psModule{}
	}
	if file != "" {
		s.mods.loading[file] = m
		defer delete(s.mods.loading, file)
	}
	sc.caller = c.fr.scope
	defer func() { sc.caller = nil }()
	_, err := s.invokeBody(frame{scope: sc, file: file}, body, args, nil, func(any) error { return nil }, invokeOpts{dot: true, source: src})
	if err == nil {
		return nil
	}
	var f *flow
	if errors.As(err, &f) {
		if f.kind == "exit" {
			_ = s.setVar(s.global, "LASTEXITCODE", f.code)
		}
		return nil
	}
	var pe *psError
	if asPSError(err, &pe) {
		return &psError{kind: statementTerminating, rec: pe.rec}
	}
	return err
}

// loadDottedScript is Import-Module of a .ps1: the script is dot-sourced
// into the caller's scope and a module of no exports is listed.
func (s *Session) loadDottedScript(c *Call, file string, o *importOpts) (*psModule, error) {
	src, err := s.readFileText(file)
	if err != nil {
		return nil, err
	}
	script, err := s.parse(file, src)
	if err != nil {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ParseException",
			Category: ParserError, Exception: "System.Management.Automation.ParseException", Target: file, Msg: err.Error()}}
	}
	c.Verbose("Dot-sourcing the script file '%s'.", file)
	sc := c.fr.scope
	saved := map[string]*Variable{}
	for _, k := range []string{"psscriptroot", "pscommandpath", "myinvocation"} {
		saved[k] = sc.vars[k]
	}
	s.setScriptVars(sc, file)
	_, err = s.invokeBody(frame{scope: sc, file: file}, script.Body, o.args, nil, c.Write, invokeOpts{dot: true, source: src})
	for k, v := range saved {
		if v == nil {
			delete(sc.vars, k)
		} else {
			sc.vars[k] = v
		}
	}
	if err != nil {
		var pe *psError
		if asPSError(err, &pe) {
			return nil, &psError{kind: statementTerminating, rec: pe.rec}
		}
		return nil, err
	}
	m := &psModule{name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), path: file, base: filepath.Dir(file), version: "0.0", kind: "Script"}
	return m, nil
}

// exportFunctions adds the functions of the module scope that match
// patterns (nil: all) to the exports (PowerShell's
// ModuleIntrinsics.ExportModuleMembers); c, when set, gets the verbose
// notes.
func (m *psModule) exportFunctions(patterns []string, c *Call) {
	names := make([]string, 0, len(m.scope.funcs))
	for k := range m.scope.funcs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		f := m.scope.funcs[k]
		if patterns != nil && !likeAnyOf(f.Name, patterns) {
			continue
		}
		if c != nil {
			c.Verbose("Exporting function '%s'.", f.Name)
		}
		m.addExport(f)
	}
}

// addExport adds a function to the exports, replacing one of its name.
func (m *psModule) addExport(f *Function) {
	for i, g := range m.funcs {
		if strings.EqualFold(g.Name, f.Name) {
			m.funcs[i] = f
			return
		}
	}
	m.funcs = append(m.funcs, f)
	sort.SliceStable(m.funcs, func(i, j int) bool { return strings.ToLower(m.funcs[i].Name) < strings.ToLower(m.funcs[j].Name) })
}

// exportAliases adds the aliases of the module's session state that match
// patterns (nil: all) to the exports.
func (m *psModule) exportAliases(patterns []string, c *Call) {
	names := make([]string, 0, len(m.aliases))
	for a := range m.aliases {
		names = append(names, a)
	}
	sort.Strings(names)
	for _, a := range names {
		if patterns != nil && !likeAnyOf(a, patterns) {
			continue
		}
		if c != nil {
			c.Verbose("Exporting alias '%s'.", a)
		}
		i := sort.SearchStrings(m.exportedAliases, a)
		if i == len(m.exportedAliases) || m.exportedAliases[i] != a {
			m.exportedAliases = append(m.exportedAliases, "")
			copy(m.exportedAliases[i+1:], m.exportedAliases[i:])
			m.exportedAliases[i] = a
		}
	}
}

// keepAliases keeps the exported aliases that match patterns (a
// manifest's AliasesToExport).
func (m *psModule) keepAliases(patterns []string) {
	kept := m.exportedAliases[:0]
	for _, a := range m.exportedAliases {
		if likeAnyOf(a, patterns) {
			kept = append(kept, a)
		}
	}
	m.exportedAliases = kept
}

// defineAlias makes an alias in the session state of sc: the module's
// when sc is a module's scope, else the session's.
func (s *Session) defineAlias(sc *Scope, name, target string) {
	key := strings.ToLower(name)
	if m := sc.module; m != nil {
		if m.aliases == nil {
			m.aliases = map[string]string{}
		}
		m.aliases[key] = target
		return
	}
	s.aliases[key] = target
}

// lookupAlias returns the command an alias names as code running in sc
// sees it: an alias of a scope's table (Set-Alias), of its module's
// session state, else of the session.
func (s *Session) lookupAlias(sc *Scope, name string) (string, bool) {
	if s.localAliases > 0 || len(s.global.aliases) > 0 {
		e, _, ok := s.findAlias(sc, name)
		if !ok {
			return "", false
		}
		return e.target, true
	}
	if sc != nil && sc.module != nil && sc.module.aliases != nil {
		if to, ok := fold.Lookup(sc.module.aliases, name); ok {
			return to, true
		}
	}
	return fold.Lookup(s.aliases, name)
}

// visibleAliases are the aliases code running in sc sees: the session's,
// its module's over them, and those of its scopes over both.
func (s *Session) visibleAliases(sc *Scope) map[string]string {
	if s.localAliases == 0 && (sc == nil || sc.module == nil || len(sc.module.aliases) == 0) {
		return s.aliases
	}
	out := map[string]string{}
	for _, e := range s.aliasTable(sc, true) {
		out[strings.ToLower(e.name)] = e.target
	}
	return out
}

// builtinModuleVariable reports whether a variable of the module scope
// is an automatic one that is never exported.
func builtinModuleVariable(key string) bool {
	switch key {
	case "args", "input", "psboundparameters", "psscriptroot", "pscommandpath", "myinvocation", "_", "psitem",
		"this", "pscmdlet", "error", "true", "false", "null", "executioncontext", "stacktrace":
		return true
	}
	return false
}

// exportVariables adds the variables of the module scope that match
// patterns to the exports.
func (m *psModule) exportVariables(patterns []string, c *Call) {
	keys := make([]string, 0, len(m.scope.vars))
	for k := range m.scope.vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m.scope.vars[k]
		if builtinModuleVariable(k) || !likeAnyOf(v.Name, patterns) {
			continue
		}
		if c != nil {
			c.Verbose("Exporting variable '%s'.", v.Name)
		}
		replaced := false
		for i, w := range m.vars {
			if strings.EqualFold(w.Name, v.Name) {
				m.vars[i], replaced = v, true
			}
		}
		if !replaced {
			m.vars = append(m.vars, v)
		}
	}
}

// likeAnyOf reports whether v matches one of the wildcard patterns
// (none: no match).
func likeAnyOf(v string, pats []string) bool {
	for _, p := range pats {
		if value.Like(v, p, false) {
			return true
		}
	}
	return false
}

// finishImport lists a loaded module and imports its members into the
// target of the import (PowerShell's ImportModuleMembers).
func (s *Session) finishImport(c *Call, m *psModule, o *importOpts) error {
	if o.into == nil {
		m.listed = true
	} else if o.into != m {
		present := false
		for _, n := range o.into.nested {
			if n == m {
				present = true
			}
		}
		if !present {
			o.into.nested = append(o.into.nested, m)
		}
	}
	prefix := m.prefix
	if o.hasPrefix {
		prefix = o.prefix
	}
	target := o.target
	if target == nil {
		target = s.global
	}
	checkVerb := !o.disableNameChecking && !o.nested
	checkNoun := checkVerb
	for _, f := range m.funcs {
		if o.funcs != nil && !likeAnyOf(f.Name, o.funcs) {
			continue
		}
		name := f.Name
		if prefix != "" {
			name = prefixedName(name, prefix)
		}
		key := strings.ToLower(name)
		if o.noClobber && s.commandExists(target, name) {
			c.Verbose("The function '%s' was not imported because there is a member with the same name in the current scope.", f.Name)
			continue
		}
		fn := f
		if name != f.Name {
			cp := *f
			cp.Name = name
			fn = &cp
		}
		if target.funcs == nil {
			target.funcs = map[string]*Function{}
		}
		target.funcs[key] = fn
		m.imports = append(m.imports, moduleImport{scope: target, key: key, fn: fn})
		if checkVerb || checkNoun {
			s.checkCommandName(c, name, m.name, &checkVerb, &checkNoun)
		}
		c.Verbose("Importing function '%s'.", name)
	}
	for _, v := range m.vars {
		if o.vars != nil && !likeAnyOf(v.Name, o.vars) {
			continue
		}
		key := strings.ToLower(v.Name)
		if _, ok := target.vars[key]; ok && o.noClobber {
			c.Verbose("The variable '%s' was not imported because there is a member with the same name in the current scope.", v.Name)
			continue
		}
		target.vars[key] = v
		m.imports = append(m.imports, moduleImport{scope: target, key: key, v: v})
		c.Verbose("Importing variable '%s'.", v.Name)
	}
	s.importAliases(c, m, o, prefix)
	if o.passThru {
		return c.Write(s.moduleInfo(m))
	}
	return nil
}

// importAliases imports a module's exported aliases into the session
// state the import goes to: a module's, or else the session's (csemu's
// aliases have no scopes). With a prefix, the alias's name takes it, and
// so does its command when that is one of the module's functions.
func (s *Session) importAliases(c *Call, m *psModule, o *importOpts, prefix string) {
	if len(m.exportedAliases) == 0 {
		return
	}
	dst := s.aliases
	if o.into != nil && o.into != m {
		if o.into.aliases == nil {
			o.into.aliases = map[string]string{}
		}
		dst = o.into.aliases
	}
	target := o.target
	if target == nil {
		target = s.global
	}
	for _, a := range m.exportedAliases {
		to, ok := m.aliases[a]
		if !ok || o.aliases != nil && !likeAnyOf(a, o.aliases) {
			continue
		}
		name := a
		if prefix != "" {
			name = strings.ToLower(prefixedName(a, prefix))
			for _, f := range m.funcs {
				if strings.EqualFold(f.Name, to) {
					to = prefixedName(f.Name, prefix)
				}
			}
		}
		if o.noClobber && s.commandExists(target, name) {
			c.Verbose("The alias '%s' was not imported because there is a member with the same name in the current scope.", name)
			continue
		}
		dst[name] = to
		m.imports = append(m.imports, moduleImport{aliasMap: dst, key: name, target: to})
		c.Verbose("Importing alias '%s'.", name)
	}
}

// prefixedName puts -Prefix before the noun of a command name
// (Get-Policy with prefix Th: Get-ThPolicy), or before a name without a
// verb.
func prefixedName(name, prefix string) string {
	if i := strings.IndexByte(name, '-'); i > 0 {
		return name[:i+1] + prefix + name[i+1:]
	}
	return prefix + name
}

// commandExists reports whether a command of that name is found from sc.
func (s *Session) commandExists(sc *Scope, name string) bool {
	if _, ok := s.lookupFunc(sc, name); ok {
		return true
	}
	_, ok := s.Command(name)
	return ok
}

// checkCommandName warns, once per import, about an imported command
// whose verb is not an approved one or whose noun holds a character
// PowerShell restricts (PowerShell's ModuleCmdletBase.ValidateCommandName).
func (s *Session) checkCommandName(c *Call, name, module string, checkVerb, checkNoun *bool) {
	i := strings.IndexByte(name, '-')
	if i <= 0 {
		return
	}
	verb, noun := name[:i], name[i+1:]
	if !isApprovedVerb(verb) {
		if *checkVerb {
			*checkVerb = false
			c.Warning("The names of some imported commands from the module '%s' include unapproved verbs that might make them less discoverable. "+
				"To find the commands with unapproved verbs, run the Import-Module command again with the Verbose parameter. "+
				"For a list of approved verbs, type Get-Verb.", module)
		}
		c.Verbose("The '%s' command in the %s' module was imported, but because its name does not include an approved verb, it might be difficult to find. For a list of approved verbs, type Get-Verb.", name, module)
	}
	if strings.ContainsAny(noun, "#,(){}[]&-/\\$^;:\"'<>|?@`*%+=~") {
		if *checkNoun {
			*checkNoun = false
			c.Warning("Some imported command names contain one or more of the following restricted characters: # , ( ) { } [ ] & - / \\ $ ^ ; : \" ' < > | ? @ ` * %% + = ~")
		}
		c.Verbose("The command name '%s' from the module '%s' contains one or more of the following restricted characters: # , ( ) { } [ ] & - / \\ $ ^ ; : \" ' < > | ? @ ` * %% + = ~", name, module)
	}
}

// removeModule unloads a module and its nested modules: the members its
// imports put in scopes go away.
func (s *Session) removeModule(m *psModule) {
	for _, n := range m.nested {
		if n != m {
			s.removeModule(n)
		}
	}
	for _, im := range m.imports {
		if im.fn != nil && im.scope.funcs[im.key] == im.fn {
			delete(im.scope.funcs, im.key)
		}
		if im.v != nil && im.scope.vars[im.key] == im.v {
			delete(im.scope.vars, im.key)
		}
		if im.aliasMap != nil && im.aliasMap[im.key] == im.target {
			delete(im.aliasMap, im.key)
		}
	}
	m.imports, m.listed = nil, false
	out := s.mods.loaded[:0]
	for _, x := range s.mods.loaded {
		if x != m {
			out = append(out, x)
		}
	}
	s.mods.loaded = out
	for _, x := range s.mods.loaded {
		kept := x.nested[:0]
		for _, n := range x.nested {
			if n != m {
				kept = append(kept, n)
			}
		}
		x.nested = kept
	}
}

// --- PSModuleInfo -----------------------------------------------------

// moduleInfo returns the PSModuleInfo object of a module, one per module.
func (s *Session) moduleInfo(m *psModule) *value.Object {
	if m.info != nil {
		return m.info
	}
	o := value.NewObject("System.Management.Automation.PSModuleInfo", "System.Object")
	o.Set("ModuleType", m.kind)
	o.Set("Version", s.versionValue(m.version))
	o.Set("Name", m.name)
	o.AddGetter("ExportedCommands", func() any { return s.exportedCommands(m) })
	o.Set("Path", m.path)
	o.Set("ModuleBase", m.base)
	o.Set("Description", m.description)
	o.Set("Guid", m.guid)
	o.Set("Author", m.author)
	o.Set("CompanyName", m.company)
	o.Set("Copyright", m.copyright)
	o.Set("RootModule", m.rootModule)
	o.Set("Prefix", m.prefix)
	o.Set("PrivateData", m.privateData)
	o.AddGetter("ExportedFunctions", func() any { return s.exportedFunctions(m) })
	o.AddGetter("ExportedVariables", func() any {
		h := value.NewHashtable()
		for _, v := range m.vars {
			h.Set(v.Name, v.Value)
		}
		return h
	})
	o.AddGetter("ExportedAliases", func() any { return s.exportedAliases(m) })
	o.AddGetter("ExportedCmdlets", func() any { return s.emulatedCmdlets(m) })
	o.AddGetter("NestedModules", func() any {
		out := &value.Array{}
		for _, n := range m.nested {
			out.Items = append(out.Items, s.moduleInfo(n))
		}
		return out
	})
	o.AddGetter("RequiredModules", func() any {
		out := &value.Array{}
		for _, n := range m.required {
			out.Items = append(out.Items, s.moduleInfo(n))
		}
		return out
	})
	o.SetToString(m.name)
	o.DefaultDisplay = []string{"ModuleType", "Version", "Name", "ExportedCommands"}
	if s.mods.infos == nil {
		s.mods.infos = map[*value.Object]*psModule{}
	}
	m.info = o
	s.mods.infos[o] = m
	return o
}

// versionValue is a [version] of a version string.
func (s *Session) versionValue(v string) any {
	if v == "" {
		v = "0.0"
	}
	if obj, err := s.newObject(frame{scope: s.global}, &value.Type{Name: value.TVersion}, []any{v}); err == nil {
		return obj
	}
	return v
}

// exportedFunctions is a module's ExportedFunctions: name to FunctionInfo.
func (s *Session) exportedFunctions(m *psModule) *value.Hashtable {
	h := value.NewHashtable()
	if m.available {
		for _, n := range m.availableFuncs {
			h.Set(n, n)
		}
		return h
	}
	for _, f := range m.funcs {
		h.Set(f.Name, s.functionInfo(f))
	}
	return h
}

// emulatedCmdlets is the ExportedCmdlets of a module: the cmdlets of an
// emulated module.
func (s *Session) emulatedCmdlets(m *psModule) *value.Hashtable {
	h := value.NewHashtable()
	if !m.emulated {
		return h
	}
	var names []string
	for _, c := range s.table.cmds {
		if strings.EqualFold(c.Module, m.name) && !c.NotImplemented {
			names = append(names, c.Name)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		h.Set(n, n)
	}
	return h
}

// exportedAliases is a module's ExportedAliases: name to AliasInfo.
func (s *Session) exportedAliases(m *psModule) *value.Hashtable {
	h := value.NewHashtable()
	for _, a := range m.exportedAliases {
		if to, ok := m.aliases[a]; ok {
			h.Set(a, aliasInfo(a, to, m.name))
		}
	}
	return h
}

// aliasInfo is the AliasInfo of an alias; module names the module it
// comes from ("" for none).
func aliasInfo(name, target, module string) *value.Object {
	o := value.NewObject("System.Management.Automation.AliasInfo")
	o.Set("CommandType", "Alias")
	o.Set("Name", name)
	o.Set("Definition", target)
	o.Set("DisplayName", name+" -> "+target)
	o.Set("ReferencedCommand", target)
	o.Set("Source", module)
	o.Set("ModuleName", module)
	o.SetToString(name)
	o.DefaultDisplay = []string{"CommandType", "DisplayName"}
	return o
}

// exportedCommands is a module's ExportedCommands: its functions,
// cmdlets and aliases by name.
func (s *Session) exportedCommands(m *psModule) *value.Hashtable {
	h := s.exportedFunctions(m)
	for _, more := range []*value.Hashtable{s.emulatedCmdlets(m), s.exportedAliases(m)} {
		for i, k := range more.Keys() {
			h.Set(k, more.Values()[i])
		}
	}
	return h
}
