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
	// of it does nothing); available one found on $env:PSModulePath and
	// not loaded.
	emulated, available bool
	// availableFuncs are the functions an available module declares.
	availableFuncs []string
	scope          *Scope
	// useExportList is set once Export-ModuleMember ran in the module.
	useExportList bool
	funcs         []*Function // exported, sorted by name
	vars          []*Variable // exported, sorted by name
	nested        []*psModule
	required      []*psModule
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
}

// importOpts are the options of one import.
type importOpts struct {
	force, passThru, noClobber, disableNameChecking bool
	prefix                                          string
	hasPrefix                                       bool
	args                                            []any
	// funcs and vars filter what is imported (nil: everything).
	funcs, vars []string
	// target is the scope the members go to; into the module imported
	// into (nil: the top level).
	target *Scope
	into   *psModule
	// nested marks the load of a manifest's nested or root module.
	nested bool
	// requiredVersion, when set, is the only version to load.
	requiredVersion string
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
	for _, m := range s.table.modules {
		if strings.EqualFold(m.Name, name) {
			return &psModule{name: m.Name, version: m.Version, kind: "Script", emulated: true}, true
		}
	}
	for _, c := range s.table.cmds {
		if c.Module != "" && !c.NotImplemented && strings.EqualFold(c.Module, name) {
			return &psModule{name: c.Module, version: s.table.moduleVersion(c.Module), kind: "Script", emulated: true}, true
		}
	}
	if bundledModule(name) {
		return &psModule{name: name, version: "7.0.0.0", kind: "Script", emulated: true}, true
	}
	return nil, false
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

// moduleFunctionStage runs a function when a module is involved: a
// function of another session state than the caller's runs in a scope
// of its own module (or of the top level), and a module function gets
// its $MyInvocation.
func (s *Session) moduleFunctionStage(fr frame, f *Function, raw []rawArg, pos parser.Pos, emit emitFn, dot bool, r stageOut) (stage, error) {
	var st stage
	var err error
	if f.module != fr.scope.module {
		st, err = s.crossStage(fr, s.stateScope(f.module, fr.scope), f.Name, f.Body, f.Params, raw, pos, emit, dot, r, f.Filter)
	} else {
		st, err = s.blockStage(fr, f.Name, f.Body, f.Params, raw, pos, emit, dot, r, f.Filter)
	}
	if err != nil || f.module == nil || dot {
		return st, err
	}
	if fs, ok := st.(*functionStage); ok {
		fs.fr.scope.vars["myinvocation"] = &Variable{Name: "MyInvocation", Value: s.functionInvocation(fr, f, fs)}
	}
	return st, nil
}

// functionInvocation is the $MyInvocation of a call of module function f.
func (s *Session) functionInvocation(fr frame, f *Function, fs *functionStage) *value.Object {
	cmd := s.functionInfo(f)
	mi := value.NewObject("System.Management.Automation.InvocationInfo")
	mi.Set("MyCommand", cmd)
	bp, _ := fs.fr.scope.vars["psboundparameters"]
	if bp != nil {
		mi.Set("BoundParameters", bp.Value)
	}
	mi.Set("InvocationName", f.Name)
	root, path := "", ""
	if fr.file != "" && !strings.HasPrefix(fr.file, "<") {
		if abs, err := s.fullPath(fr.file); err == nil {
			root, path = filepath.Dir(abs), abs
		}
	}
	mi.Set("ScriptName", path)
	mi.Set("PSScriptRoot", root)
	mi.Set("PSCommandPath", path)
	return mi
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
	o.Set("ToStringValue", f.Name)
	o.DefaultDisplay = []string{"CommandType", "Name", "Source"}
	return o
}

// moduleBlockStage runs & $module { ... }: the script block runs in the
// module's session state (about_Modules; PSModuleInfo's invocation).
func (s *Session) moduleBlockStage(fr frame, m *psModule, raw []rawArg, pos parser.Pos, emit emitFn, dot bool, r stageOut) (stage, error) {
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
	return s.scriptBlockStage(fr, &in, raw[1:], pos, emit, dot, r)
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
	if f == nil || f.module == nil {
		return ""
	}
	return f.module.name
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
// PowerShell does on every platform; version, when set, is the version
// folder wanted.
func (s *Session) findOnModulePath(name, version string) string {
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
				if version == "" || versionMatches(filepath.Base(filepath.Dir(v)), version) {
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
	for _, n := range []string{"AsCustomObject", "UseWindowsPowerShell", "Assembly", "FullyQualifiedName", "MinimumVersion", "MaximumVersion"} {
		if c.Has(n) && (!c.cmd.param(n).IsSwitch() || c.Bool(n)) {
			return notImplemented(c.Pos, c.cmd.Name, "Import-Module -"+n)
		}
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
	return nil
}

// importOptions reads the options of an Import-Module call.
func (s *Session) importOptions(c *Call) *importOpts {
	o := &importOpts{force: c.Bool("Force"), passThru: c.Bool("PassThru"), noClobber: c.Bool("NoClobber"),
		disableNameChecking: c.Bool("DisableNameChecking"), requiredVersion: c.String("RequiredVersion")}
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
	if o.passThru {
		return c.Write(s.moduleInfo(s.emulatedInfoModule(m)))
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
		file = s.findOnModulePath(name, o.requiredVersion)
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
	if o.requiredVersion != "" {
		msg = fmt.Sprintf("The specified module '%s' with version '%s' was not loaded because no valid module file was found in any module directory.", name, o.requiredVersion)
		id = "Modules_ModuleWithVersionNotFound"
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
		if !o.force && (o.requiredVersion == "" || versionMatches(m.version, o.requiredVersion)) {
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
	if o.requiredVersion != "" && !versionMatches(m.version, o.requiredVersion) {
		return nil, s.moduleNotFound(c, m.name, o)
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
	if err := s.runModuleFile(c, m, file, o.args); err != nil {
		return nil, err
	}
	s.defaultExports(c, m)
	return m, nil
}

// defaultExports exports every function of a script module that did not
// call Export-ModuleMember (Export-ModuleMember's page: functions and
// aliases are exported by default, variables not).
func (s *Session) defaultExports(c *Call, m *psModule) {
	if !m.useExportList {
		m.exportFunctions(nil, c)
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
	script, err := parser.Parse(file, src)
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
	script, err := parser.Parse(file, src)
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
	if o.passThru {
		return c.Write(s.moduleInfo(m))
	}
	return nil
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

// --- module manifests -------------------------------------------------

// manifestError writes an error about a manifest (the import of the
// module stops) and returns what WriteError returns.
func manifestError(c *Call, id string, cat Category, exception, target, format string, args ...any) error {
	return c.WriteError(&ErrorRecord{ID: id, Category: cat, Exception: exception, Target: target, Msg: fmt.Sprintf(format, args...)})
}

// readManifest reads a .psd1: a hashtable in PowerShell's restricted
// language (about_Module_Manifests; Import-PowerShellDataFile). It
// returns nil after writing an error.
func (s *Session) readManifest(c *Call, file string) (*value.Hashtable, error) {
	invalid := func(msg string) error {
		return manifestError(c, "Modules_InvalidManifest", ResourceUnavailable, "System.MissingMemberException", file,
			"The module manifest '%s' could not be processed because it is not a valid PowerShell module manifest file. Remove the elements that are not permitted: %s", file, msg)
	}
	src, err := s.readFileText(file)
	if err != nil {
		return nil, invalid(err.Error())
	}
	script, err := parser.Parse(file, src)
	if err != nil {
		return nil, invalid(err.Error())
	}
	if msg := restrictedLanguageError(script); msg != "" {
		return nil, invalid(msg)
	}
	sc := newScope(s.global)
	sc.vars["psscriptroot"] = &Variable{Name: "PSScriptRoot", Value: filepath.Dir(file)}
	sc.vars["pscommandpath"] = &Variable{Name: "PSCommandPath", Value: file}
	var out []any
	err = s.execList(frame{scope: sc, file: file}, script.Body.Stmts, func(v any) error { out = append(out, v); return nil })
	if err != nil {
		var pe *psError
		if asPSError(err, &pe) {
			return nil, invalid(pe.rec.Msg)
		}
		return nil, invalid(err.Error())
	}
	var data *value.Hashtable
	if len(out) == 1 {
		data, _ = out[0].(*value.Hashtable)
	}
	if data == nil {
		return nil, manifestError(c, "Modules_InvalidManifest", ResourceUnavailable, "System.ArgumentException", file,
			"Processing the module manifest file '%s' did not result in a valid manifest object. Update the file to contain a valid PowerShell module manifest. A valid manifest can be created using the New-ModuleManifest cmdlet.", file)
	}
	return data, nil
}

// restrictedLanguageError returns the first construct of a data file
// that PowerShell's restricted language does not allow, as its message
// (PowerShell's RestrictedLanguageChecker), or "".
func restrictedLanguageError(script *parser.Script) string {
	msg := ""
	set := func(m string) {
		if msg == "" {
			msg = m
		}
	}
	parser.Walk(script, func(n any) bool {
		switch x := n.(type) {
		case *parser.Command:
			name := x.Name
			switch strings.ToLower(name) {
			case "import-localizeddata", "convertfrom-stringdata", "write-host", "out-host", "join-path":
			default:
				if name == "" {
					name = "&"
				}
				set(fmt.Sprintf("The command '%s' is not allowed in restricted language mode or a Data section.", name))
			}
		case *parser.VarExpr:
			l := strings.ToLower(x.Name)
			switch l {
			case "psculture", "psuiculture", "true", "false", "null", "psscriptroot", "psedition", "enabledexperimentalfeatures":
			default:
				if !strings.HasPrefix(l, "env:") {
					set("A variable that cannot be referenced in restricted language mode or a Data section is being referenced. " +
						"Variables that can be referenced include the following: $PSCulture, $PSUICulture, $true, $false, $null, $PSScriptRoot, $PSEdition, $EnabledExperimentalFeatures.")
				}
			}
		case *parser.ScriptBlockExpr:
			set("Script block literals are not allowed in restricted language mode or a Data section.")
		case *parser.Unary:
			for _, po := range x.Post {
				switch {
				case po.Call:
					set("Method calls are not allowed in restricted language mode or a Data section.")
				case po.Index != nil:
					set("Array references are not allowed in restricted language mode or a Data section.")
				case po.Member != "" || po.Dot != "":
					set("Property references are not allowed in restricted language mode or a Data section.")
				}
			}
		case *parser.PipelineStatement:
			if x.Op != "" {
				set("Assignment statements are not allowed in restricted language mode or a Data section.")
			}
		}
		return true
	})
	return msg
}

// manifestStrings returns a manifest entry as strings: a string or an
// array of them.
func manifestStrings(v any) []string {
	if v == nil {
		return nil
	}
	var out []string
	for _, it := range value.AsSlice(v) {
		if h, ok := it.(*value.Hashtable); ok {
			if n, ok := h.Get("ModuleName"); ok {
				out = append(out, value.ToString(n))
			}
			continue
		}
		if str := value.ToString(it); str != "" {
			out = append(out, str)
		}
	}
	return out
}

// manifestValue returns a manifest entry, nil when absent.
func manifestValue(data *value.Hashtable, key string) any {
	v, _ := data.Get(key)
	return v
}

// manifestPatterns returns an export list of a manifest: nil when the
// key is absent.
func manifestPatterns(data *value.Hashtable, key string) []string {
	v, ok := data.Get(key)
	if !ok {
		return nil
	}
	out := manifestStrings(v)
	if out == nil {
		out = []string{}
	}
	return out
}

// loadManifest loads a module from its manifest: required modules, nested
// modules, the root module, then the manifest's export lists
// (about_Module_Manifests).
func (s *Session) loadManifest(c *Call, file string, o *importOpts) (*psModule, error) {
	data, err := s.readManifest(c, file)
	if data == nil {
		return nil, err
	}
	var bad []string
	for _, k := range data.Keys() {
		key := value.ToString(k)
		ok := false
		for _, member := range moduleManifestMembers() {
			if strings.EqualFold(member, key) {
				ok = true
			}
		}
		if !ok {
			bad = append(bad, "'"+key+"'")
		}
	}
	if len(bad) > 0 {
		return nil, manifestError(c, "Modules_InvalidManifestMember", InvalidData, "System.InvalidOperationException", file,
			"The '%s' module cannot be imported because its manifest contains one or more members that are not valid. The valid members are ('%s'). Remove the members that are not valid (%s), then try to import the module again.",
			file, strings.Join(moduleManifestMembers(), "', '"), strings.Join(bad, ", "))
	}
	str := func(key string) string {
		if v, ok := data.Get(key); ok && v != nil {
			return value.ToString(v)
		}
		return ""
	}
	version := str("ModuleVersion")
	if version == "" {
		return nil, manifestError(c, "Modules_InvalidManifest", ResourceUnavailable, "System.MissingMemberException", file,
			"The member 'ModuleVersion' is not present in the module manifest. This member must exist and be assigned a version number of the form 'n.n.n.n'. Add the missing member to the file '%s'.", file)
	}
	if _, ok := parseVersion(version); !ok {
		if _, err := strconv.Atoi(version); err != nil {
			return nil, manifestError(c, "Modules_InvalidManifest", InvalidData, "System.ArgumentException", file,
				"The 'ModuleVersion' member is not valid in the module manifest file '%s': Cannot convert value \"%s\" to type \"System.Version\".", file, version)
		}
	}
	if want := str("PowerShellVersion"); want != "" {
		if w, ok := parseVersion(want); ok && compareVersions(w, []int{7, 4, 6}) > 0 {
			return nil, manifestError(c, "Modules_InsufficientPowerShellVersion", ResourceUnavailable, "System.InvalidOperationException", file,
				"The version of PowerShell on this computer is '7.4.6'. The module '%s' requires a minimum PowerShell version of '%s' to run. Verify that you have the minimum required version of PowerShell installed, and then try again.", file, want)
		}
	}
	if eds := manifestStrings(manifestValue(data, "CompatiblePSEditions")); len(eds) > 0 {
		core := false
		for _, e := range eds {
			if strings.EqualFold(e, "Core") {
				core = true
			}
		}
		if !core {
			m := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
			return nil, manifestError(c, "Modules_PSEditionNotSupported", InvalidOperation, "System.InvalidOperationException", file,
				"Module '%s' does not support current PowerShell edition 'Core'. Its supported editions are '%s'. Use 'Import-Module -SkipEditionCheck' to ignore the compatibility of this module.", m, strings.Join(eds, ", "))
		}
	}
	for _, key := range []string{"RequiredAssemblies", "TypesToProcess", "FormatsToProcess"} {
		if len(manifestStrings(manifestValue(data, key))) > 0 {
			return nil, notImplemented(c.Pos, c.cmd.Name, "the module manifest member "+key+" (in '"+file+"')")
		}
	}
	m := s.newModule(file, "Manifest")
	m.version = version
	m.description, m.guid, m.author = str("Description"), str("GUID"), str("Author")
	m.company, m.copyright, m.prefix = str("CompanyName"), str("Copyright"), str("DefaultCommandPrefix")
	m.privateData, _ = data.Get("PrivateData")
	if v, ok := data.Get("RequiredModules"); ok {
		for _, it := range value.AsSlice(v) {
			rm, ok, err := s.requireModule(c, it, file)
			if err != nil || !ok {
				return nil, err
			}
			if rm != nil {
				m.required = append(m.required, rm)
			}
		}
	}
	for _, script := range manifestStrings(manifestValue(data, "ScriptsToProcess")) {
		if !strings.EqualFold(filepath.Ext(script), ".ps1") {
			return nil, manifestError(c, "Modules_InvalidManifest", InvalidOperation, "System.InvalidOperationException", file,
				"The file '%s' is not allowed because it does not have the extension '.ps1'.", script)
		}
		if err := s.runScriptToProcess(c, filepath.Join(m.base, nativePath(script))); err != nil {
			return nil, err
		}
	}
	if s.mods.loading == nil {
		s.mods.loading = map[string]*psModule{}
	}
	s.mods.loading[file] = m
	defer delete(s.mods.loading, file)
	nestedOpts := &importOpts{target: m.scope, into: m, nested: true, disableNameChecking: true}
	for _, it := range manifestStrings(manifestValue(data, "NestedModules")) {
		nm, err := s.loadManifestMember(c, m, it, "NestedModules", file, nestedOpts)
		if err != nil || nm == nil {
			return nil, err
		}
	}
	root := str("RootModule")
	field := "RootModule"
	if root == "" {
		root, field = str("ModuleToProcess"), "ModuleToProcess"
	}
	if root != "" {
		ok, err := s.loadRootModule(c, m, root, field, file, o)
		if err != nil || !ok {
			return nil, err
		}
		s.defaultExports(c, m)
		if pats := manifestPatterns(data, "FunctionsToExport"); pats != nil {
			kept := m.funcs[:0]
			for _, f := range m.funcs {
				if likeAnyOf(f.Name, pats) {
					kept = append(kept, f)
				}
			}
			m.funcs = kept
		}
		if pats := manifestPatterns(data, "VariablesToExport"); pats != nil {
			kept := m.vars[:0]
			for _, v := range m.vars {
				if likeAnyOf(v.Name, pats) {
					kept = append(kept, v)
				}
			}
			m.vars = kept
		}
	} else {
		// a manifest of nested modules only exports what its lists name
		// (all without the key)
		funcs, vars := manifestPatterns(data, "FunctionsToExport"), manifestPatterns(data, "VariablesToExport")
		if funcs == nil {
			funcs = []string{"*"}
		}
		if vars == nil {
			vars = []string{"*"}
		}
		m.exportFunctions(funcs, nil)
		m.exportVariables(vars, nil)
	}
	return m, nil
}

// runScriptToProcess runs a manifest's ScriptsToProcess script in the
// caller's scope, before the module loads.
func (s *Session) runScriptToProcess(c *Call, file string) error {
	src, err := s.readFileText(file)
	if err != nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Modules_ScriptsToProcessNotFound",
			Category: ResourceUnavailable, Exception: "System.IO.FileNotFoundException", Target: file, Msg: err.Error()}}
	}
	script, err := parser.Parse(file, src)
	if err != nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ParseException",
			Category: ParserError, Exception: "System.Management.Automation.ParseException", Target: file, Msg: err.Error()}}
	}
	_, err = s.invokeBody(frame{scope: c.fr.scope, file: file}, script.Body, nil, nil, func(any) error { return nil }, invokeOpts{dot: true, source: src})
	var pe *psError
	if asPSError(err, &pe) {
		return &psError{kind: statementTerminating, rec: pe.rec}
	}
	return err
}

// requireModule makes sure a manifest's required module is loaded: one
// csemu emulates counts as loaded; another is imported to the top level.
// ok is false when it wrote an error.
func (s *Session) requireModule(c *Call, spec any, file string) (*psModule, bool, error) {
	name := ""
	if h, ok := spec.(*value.Hashtable); ok {
		if n, ok := h.Get("ModuleName"); ok {
			name = value.ToString(n)
		}
	} else {
		name = value.ToString(spec)
	}
	if name == "" {
		return nil, false, manifestError(c, "Modules_InvalidManifest", InvalidData, "System.ArgumentException", file,
			"The specified RequiredModules entry '%s' in the module manifest '%s' is invalid. Try again after updating this entry with valid values.", value.ToString(spec), file)
	}
	if _, ok := s.emulatedModule(name); ok && !isRootedModuleName(name) {
		return nil, true, nil
	}
	for _, m := range s.mods.loaded {
		if strings.EqualFold(m.name, name) {
			return m, true, nil
		}
	}
	if realModule(name) {
		return nil, false, notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("module '%s' (required by '%s')", name, file))
	}
	f := ""
	if isRootedModuleName(name) {
		f = s.findModuleFile(s.expandPath(name))
	} else {
		f = s.findOnModulePath(name, "")
	}
	if f == "" {
		return nil, false, manifestError(c, "Modules_RequiredModuleNotFound", ResourceUnavailable, "System.MissingMemberException", "",
			"The required module '%s' was not loaded because no valid module file was found in any module directory.", name)
	}
	m, err := s.importFile(c, f, &importOpts{target: s.global})
	return m, m != nil, err
}

// resolveMember finds a module a manifest names (a nested or root module):
// a path relative to the module's folder, else a module name on
// $env:PSModulePath. A name without extension is not the manifest itself
// (a manifest Bar.psd1 whose root module is "Bar" means Bar.psm1).
func (s *Session) resolveMember(m *psModule, name, manifest string) string {
	p := nativePath(name)
	if !filepath.IsAbs(p) {
		p = filepath.Join(m.base, p)
	}
	ext := filepath.Ext(p)
	if isModuleExtension(ext) {
		if s.isFile(p) {
			return p
		}
	} else if f := s.firstModuleFile(p, manifest); f != "" {
		return f
	} else if s.isDir(p) {
		if f := s.findModuleFile(p); f != "" {
			return f
		}
	}
	if !strings.ContainsAny(name, `/\`) {
		return s.findOnModulePath(name, "")
	}
	return ""
}

// firstModuleFile returns the first of base with a module extension that
// exists and is not skip.
func (s *Session) firstModuleFile(base, skip string) string {
	for _, e := range moduleExtensions() {
		if f := base + e; f != skip && s.isFile(f) {
			return f
		}
	}
	return ""
}

// memberNotFound writes the error of a manifest member not found.
func memberNotFound(c *Call, name, field, file string) error {
	return manifestError(c, "Modules_ModuleFileNotFound", ResourceUnavailable, "System.IO.FileNotFoundException", name,
		"The module to process '%s', listed in field '%s' of module manifest '%s' was not processed because no valid module was found in any module directory.", name, field, file)
}

// loadManifestMember loads a nested module of a manifest into it.
func (s *Session) loadManifestMember(c *Call, m *psModule, name, field, file string, o *importOpts) (*psModule, error) {
	if strings.ContainsAny(name, "*?[") {
		return nil, manifestError(c, "Modules_WildCardNotAllowedInModuleToProcessAndInNestedModules", InvalidOperation, "System.InvalidOperationException", file,
			"Wildcard characters are not allowed in members 'ModuleToProcess', 'RootModule', or 'NestedModules' in the module manifest '%s'.", file)
	}
	if em, ok := s.emulatedModule(name); ok && !isRootedModuleName(name) {
		m.nested = append(m.nested, em)
		return em, nil
	}
	f := s.resolveMember(m, name, file)
	if f == "" {
		return nil, memberNotFound(c, name, field, file)
	}
	if f == file {
		// the manifest names itself: it is its own nested module
		m.nested = append(m.nested, m)
		return m, nil
	}
	nm, err := s.importFile(c, f, o)
	if err != nil || nm == nil {
		return nil, err
	}
	present := false
	for _, n := range m.nested {
		if n == nm {
			present = true
		}
	}
	if !present {
		m.nested = append(m.nested, nm)
	}
	return nm, nil
}

// loadRootModule runs a manifest's root module in the manifest's module:
// a .psm1 (or .ps1) shares the module's scope; another manifest is loaded
// as a nested module whose members the module takes.
func (s *Session) loadRootModule(c *Call, m *psModule, root, field, file string, o *importOpts) (bool, error) {
	if strings.ContainsAny(root, "*?[") {
		return false, manifestError(c, "Modules_WildCardNotAllowedInModuleToProcessAndInNestedModules", InvalidOperation, "System.InvalidOperationException", file,
			"Wildcard characters are not allowed in members 'ModuleToProcess', 'RootModule', or 'NestedModules' in the module manifest '%s'.", file)
	}
	f := s.resolveMember(m, root, file)
	if f == "" {
		return false, memberNotFound(c, root, field, file)
	}
	m.rootModule = root
	switch strings.ToLower(filepath.Ext(f)) {
	case ".psm1", ".ps1":
		m.kind, m.path = "Script", f
		if err := s.runModuleFile(c, m, f, o.args); err != nil {
			return false, err
		}
		return true, nil
	case ".psd1":
		if f == file {
			return true, nil
		}
		nm, err := s.loadManifestMember(c, m, root, field, file, &importOpts{target: m.scope, into: m, nested: true, disableNameChecking: true})
		return nm != nil, err
	}
	return false, notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("the binary module '%s' (%s of '%s')", root, field, file))
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
	o.AddGetter("ExportedAliases", func() any { return value.NewHashtable() })
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
	o.Set("ToStringValue", m.name)
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

// exportedCommands is a module's ExportedCommands: its functions and
// cmdlets by name.
func (s *Session) exportedCommands(m *psModule) *value.Hashtable {
	h := s.exportedFunctions(m)
	cmdlets := s.emulatedCmdlets(m)
	for i, k := range cmdlets.Keys() {
		h.Set(k, cmdlets.Values()[i])
	}
	return h
}

// --- Get-Module, Remove-Module, Export-ModuleMember, New-Module ------

func getModuleProcess(c *Call) error {
	s := c.s
	names := c.Strings("Name")
	match := func(n string) bool { return likeAny(n, names) }
	var out []*psModule
	for _, rm := range s.table.modules {
		if match(rm.Name) {
			out = append(out, &psModule{name: rm.Name, version: rm.Version, kind: "Script", emulated: true})
		}
	}
	if c.Bool("ListAvailable") {
		for _, m := range s.availableModules() {
			if match(m.name) {
				out = append(out, m)
			}
		}
	} else {
		var loaded []*psModule
		caller := c.fr.scope.module
		for _, m := range s.mods.loaded {
			visible := m.listed || c.Bool("All")
			if caller != nil {
				for _, n := range caller.nested {
					if n == m {
						visible = true
					}
				}
			}
			if visible && match(m.name) {
				loaded = append(loaded, m)
			}
		}
		// loaded modules come sorted by name (PowerShell's
		// ModuleIntrinsics.GetModules), the emulated ones among them
		out = append(out, loaded...)
		sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].name) < strings.ToLower(out[j].name) })
	}
	for _, m := range out {
		if m.emulated {
			m = s.emulatedInfoModule(m)
		}
		if err := c.Write(s.moduleInfo(m)); err != nil {
			return err
		}
	}
	return nil
}

// emulatedInfoModule returns the one module value of an emulated module,
// so that its PSModuleInfo is the same object each time.
func (s *Session) emulatedInfoModule(m *psModule) *psModule {
	for _, x := range s.mods.infos {
		if x.emulated && strings.EqualFold(x.name, m.name) {
			return x
		}
	}
	return m
}

// availableModules lists the modules found on $env:PSModulePath: in each
// folder, each subfolder holding a module named after it (every version
// folder of one), by folder then name.
func (s *Session) availableModules() []*psModule {
	var out []*psModule
	for _, dir := range s.modulePath() {
		entries, _ := s.host.files.ReadDir(dir)
		var found []*psModule
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			p := filepath.Join(dir, e.Name())
			files := s.versionFolders(p, e.Name())
			if len(files) == 0 {
				if f := s.withExtensions(filepath.Join(p, e.Name()), ""); f != "" {
					files = []string{f}
				}
			}
			for _, f := range files {
				if m := s.describeModuleFile(f); m != nil {
					found = append(found, m)
				}
			}
		}
		sort.SliceStable(found, func(i, j int) bool { return strings.ToLower(found[i].name) < strings.ToLower(found[j].name) })
		out = append(out, found...)
	}
	return out
}

// describeModuleFile reads what Get-Module -ListAvailable shows of a
// module file without loading it: a manifest's data, or a script
// module's function names.
func (s *Session) describeModuleFile(file string) *psModule {
	for _, m := range s.mods.infos {
		if m.available && m.path == file {
			return m
		}
	}
	m := &psModule{name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), path: file, base: filepath.Dir(file),
		version: "0.0", kind: "Script", available: true}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".psd1":
		m.kind = "Manifest"
		src, err := s.readFileText(file)
		if err != nil {
			return nil
		}
		script, err := parser.Parse(file, src)
		if err != nil || restrictedLanguageError(script) != "" {
			return nil
		}
		sc := newScope(s.global)
		sc.vars["psscriptroot"] = &Variable{Name: "PSScriptRoot", Value: filepath.Dir(file)}
		var out []any
		if err := s.execList(frame{scope: sc, file: file}, script.Body.Stmts, func(v any) error { out = append(out, v); return nil }); err != nil || len(out) != 1 {
			return nil
		}
		data, ok := out[0].(*value.Hashtable)
		if !ok {
			return nil
		}
		get := func(k string) string {
			if v, ok := data.Get(k); ok && v != nil {
				return value.ToString(v)
			}
			return ""
		}
		m.version, m.description, m.guid, m.author = get("ModuleVersion"), get("Description"), get("GUID"), get("Author")
		if root := get("RootModule"); root != "" {
			m.rootModule = root
			if strings.EqualFold(filepath.Ext(root), ".psm1") {
				m.kind = "Script"
			} else if strings.EqualFold(filepath.Ext(root), ".dll") {
				m.kind = "Binary"
			}
		}
		for _, n := range manifestPatterns(data, "FunctionsToExport") {
			if !value.HasWildcard(n) {
				m.availableFuncs = append(m.availableFuncs, n)
			}
		}
	case ".psm1":
		src, err := s.readFileText(file)
		if err != nil {
			return nil
		}
		if script, err := parser.Parse(file, src); err == nil {
			m.availableFuncs, _ = ScriptModuleFunctions(script)
		}
	case ".dll":
		m.kind = "Binary"
	}
	s.moduleInfo(m)
	return m
}

func removeModuleProcess(c *Call) error {
	s := c.s
	st, _ := c.State.(*removeState)
	if st == nil {
		st = &removeState{}
		c.State = st
	}
	var targets []*psModule
	var items []any
	if v, ok := c.Lookup("Name"); ok {
		items = append(items, value.AsSlice(v)...)
	}
	if v, ok := c.Lookup("ModuleInfo"); ok {
		items = append(items, value.AsSlice(v)...)
	}
	for _, it := range items {
		if obj, ok := it.(*value.Object); ok {
			if m := s.mods.infos[obj]; m != nil {
				// a module given by its PSModuleInfo is removed even when
				// it is not loaded (any more)
				st.removed++
				if m.emulated {
					offlineNote(c, m.name, "removing a module")
					continue
				}
				targets = append(targets, m)
				continue
			}
		}
		name := value.ToString(it)
		if !value.HasWildcard(name) {
			st.specific = true
		}
		if _, ok := s.emulatedModule(name); ok && !value.HasWildcard(name) {
			offlineNote(c, name, "removing a module")
			st.removed++
			continue
		}
		for _, m := range s.mods.loaded {
			if value.Like(m.name, name, false) {
				targets = append(targets, m)
			}
		}
	}
	for _, m := range targets {
		if !s.isLoaded(m) {
			continue
		}
		if !c.ShouldProcess(fmt.Sprintf("%s (Path: '%s')", m.name, m.path), "Remove-Module") {
			st.whatIf = true
			continue
		}
		s.removeModule(m)
		st.removed++
	}
	return nil
}

// removeState is what Remove-Module counts across its input.
type removeState struct {
	removed          int
	specific, whatIf bool
}

func removeModuleEnd(c *Call) error {
	st, _ := c.State.(*removeState)
	if st == nil || st.removed > 0 || !st.specific || st.whatIf {
		return nil
	}
	return c.WriteError(&ErrorRecord{ID: "Modules_NoModulesRemoved", Category: ResourceUnavailable, Exception: "System.InvalidOperationException",
		Msg: "No modules were removed. Verify that the specification of modules to remove is correct and those modules exist in the runspace."})
}

// isLoaded reports whether a module is in the table of loaded modules.
func (s *Session) isLoaded(m *psModule) bool {
	for _, x := range s.mods.loaded {
		if x == m {
			return true
		}
	}
	return false
}

func exportModuleMemberProcess(c *Call) error {
	m := c.fr.scope.module
	if m == nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name,
			ID: "Modules_CanOnlyExecuteExportModuleMemberInsideAModule", Category: PermissionDenied,
			Exception: "System.InvalidOperationException", Msg: "The Export-ModuleMember cmdlet can only be called from inside a module."}}
	}
	m.useExportList = true
	if c.Has("Function") {
		m.exportFunctions(c.Strings("Function"), c)
	}
	if c.Has("Variable") {
		m.exportVariables(c.Strings("Variable"), c)
	}
	// -Cmdlet and -Alias: a script module holds no cmdlets, and csemu
	// defines no aliases in scripts (Set-Alias and New-Alias are not
	// emulated), so there is nothing they could name.
	return nil
}

func newModuleProcess(c *Call) error {
	s := c.s
	if c.Bool("AsCustomObject") {
		return notImplemented(c.Pos, c.cmd.Name, "New-Module -AsCustomObject")
	}
	nameV, sbV := c.Arg("Name"), c.Arg("ScriptBlock")
	var args []any
	if v, ok := c.Lookup("ArgumentList"); ok {
		args = value.AsSlice(v)
	}
	if _, ok := nameV.(*ScriptBlock); ok {
		// New-Module { ... } [args]: the block came first
		if sbV != nil {
			args = append([]any{sbV}, args...)
		}
		nameV, sbV = nil, nameV
	}
	sb, ok := sbV.(*ScriptBlock)
	if !ok {
		return c.Fail("ParameterArgumentValidationErrorNullNotAllowed", InvalidData,
			"Cannot validate argument on parameter 'ScriptBlock'. The argument is null. Provide a valid value for the argument, and then run the command again.")
	}
	id := c.s.newID()
	name := value.ToString(nameV)
	if nameV == nil || name == "" {
		name = "__DynamicModule_" + id
	}
	m := &psModule{name: name, path: id, version: "0.0", kind: "Script", dynamic: true}
	sc := newScope(s.global)
	sc.module, sc.script = m, true
	m.scope = sc
	var results []any
	collect := func(v any) error { results = append(results, v); return nil }
	sc.caller = c.fr.scope
	_, err := s.invokeBody(frame{scope: sc, file: sb.File}, sb.Body, args, nil, collect, invokeOpts{dot: true})
	sc.caller = nil
	if err != nil {
		var f *flow
		var pe *psError
		switch {
		case errors.As(err, &f):
		case asPSError(err, &pe):
			if werr := c.WriteError(pe.rec); werr != nil {
				return werr
			}
		default:
			return err
		}
	}
	if !m.useExportList {
		pats := []string{"*"}
		if c.Has("Function") {
			pats = c.Strings("Function")
		}
		m.exportFunctions(pats, nil)
	}
	o := &importOpts{target: s.global}
	if caller := c.fr.scope.module; caller != nil {
		o.target, o.into = caller.scope, caller
	}
	if c.Has("Function") {
		o.funcs = c.Strings("Function")
	}
	o.vars = []string{}
	if err := s.finishImport(c, m, o); err != nil {
		return err
	}
	// a dynamic module is not in the module table until Import-Module
	m.listed = false
	if c.Bool("ReturnResult") {
		return c.WriteAll(results)
	}
	return c.Write(s.moduleInfo(m))
}

func installModuleProcess(c *Call) error {
	s := c.s
	for _, name := range c.Strings("Name") {
		if _, ok := s.emulatedModule(name); ok {
			offlineNote(c, name, "installing a module")
			continue
		}
		if realModule(name) {
			return notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("module '%s'", name))
		}
		if s.findOnModulePath(name, "") != "" {
			offlineNote(c, name, "installing a module")
			continue
		}
		return notImplemented(c.Pos, c.cmd.Name, fmt.Sprintf("installing module '%s' from a repository", name))
	}
	return nil
}

// --- using module -----------------------------------------------------

// runUsings runs the using statements at the top of a script or script
// block: using namespace adds a namespace; using module imports a module
// (about_Using: a relative path is relative to the script's folder).
func (s *Session) runUsings(fr frame, usings []*parser.UsingStatement) error {
	for _, u := range usings {
		switch strings.ToLower(u.Kind) {
		case "namespace":
			s.namespaces = append(s.namespaces, u.Name)
		case "module":
			if err := s.usingModule(fr, u); err != nil {
				return err
			}
		case "assembly":
			return notImplemented(u.Pos, "", "using assembly")
		default:
			return notImplemented(u.Pos, "", "using "+u.Kind)
		}
	}
	return nil
}

// usingModule imports the module of a using module statement; a module
// that is not found stops the script, as the parse error of PowerShell
// does.
func (s *Session) usingModule(fr frame, u *parser.UsingStatement) error {
	cmd, ok := s.Command("Import-Module")
	if !ok {
		return notImplemented(u.Pos, "", "using module")
	}
	c := &Call{s: s, fr: fr, cmd: cmd, Pos: u.Pos, Name: "Import-Module", bound: map[string]any{}, emit: func(any) error { return nil }}
	name := strings.Trim(u.Name, `"'`)
	o := s.importOptions(c)
	if !isRootedModuleName(name) {
		if m, ok := s.emulatedModule(name); ok {
			return s.importEmulated(c, m, o)
		}
		if realModule(name) {
			return notImplemented(u.Pos, "", fmt.Sprintf("module '%s'", name))
		}
	}
	file := ""
	if isRootedModuleName(name) || strings.ContainsAny(name, `/\`) || isModuleExtension(filepath.Ext(name)) {
		p := nativePath(name)
		if !filepath.IsAbs(p) && !strings.HasPrefix(p, "~") && fr.file != "" && !strings.HasPrefix(fr.file, "<") {
			if abs, err := s.fullPath(fr.file); err == nil {
				p = filepath.Join(filepath.Dir(abs), p)
			}
		}
		file = s.findModuleFile(s.expandPath(p))
	} else {
		file = s.findOnModulePath(name, "")
	}
	if file == "" {
		return &psError{kind: scriptTerminating, rec: &ErrorRecord{Pos: u.Pos, ID: "ModuleNotFoundDuringParse", Category: ParserError,
			Exception: "System.Management.Automation.ParseException", Msg: fmt.Sprintf("Could not find the module '%s'.", name)}}
	}
	m, err := s.importFile(c, file, o)
	if err != nil {
		return err
	}
	if m == nil {
		return &psError{kind: scriptTerminating, rec: &ErrorRecord{Pos: u.Pos, ID: "ModuleNotFoundDuringParse", Category: ParserError,
			Exception: "System.Management.Automation.ParseException", Msg: fmt.Sprintf("Could not find the module '%s'.", name)}}
	}
	return nil
}

// --- static reading of a script module --------------------------------

// ScriptModuleFunctions returns the functions a script module exports,
// read without running it: the functions defined at its top level, or,
// when it calls Export-ModuleMember, those its literal -Function names
// match. exact is false when the module may export others (an
// Export-ModuleMember whose names are not literal, a dot-sourced file, a
// nested Import-Module): the list is then only what is certain.
func ScriptModuleFunctions(script *parser.Script) (names []string, exact bool) {
	exact = true
	var defined []string
	var patterns []string
	exportCalled := false
	parser.Walk(script, func(n any) bool {
		switch x := n.(type) {
		case *parser.FunctionDefinition:
			name := x.Name
			if i := strings.IndexByte(name, ':'); i > 0 {
				name = name[i+1:]
			}
			defined = append(defined, name)
			return false
		case *parser.Command:
			switch {
			case x.Call == ".":
				exact = false
			case x.Target != nil:
			case strings.EqualFold(x.Name, "Export-ModuleMember"):
				exportCalled = true
				pats, ok := exportedFunctionArgs(x)
				if !ok {
					exact = false
				}
				patterns = append(patterns, pats...)
			case strings.EqualFold(x.Name, "Import-Module"), strings.EqualFold(x.Name, "ipmo"), strings.EqualFold(x.Name, "New-Module"):
				exact = false
			}
		case *parser.UsingStatement:
			if strings.EqualFold(x.Kind, "module") {
				exact = false
			}
		}
		return true
	})
	if !exportCalled {
		return defined, exact
	}
	for _, d := range defined {
		if likeAnyOf(d, patterns) {
			names = append(names, d)
		}
	}
	return names, exact
}

// exportedFunctionArgs returns the -Function names of an
// Export-ModuleMember call; ok is false when one is not a literal.
func exportedFunctionArgs(c *parser.Command) ([]string, bool) {
	var out []string
	ok := true
	positional := true
	for i := 0; i < len(c.Elements); i++ {
		switch e := c.Elements[i].(type) {
		case *parser.CommandParameter:
			name := strings.ToLower(e.Name)
			isFunc := name != "" && strings.HasPrefix("function", name)
			takes := e.Arg != nil
			if !isFunc {
				// -Variable x, -Alias x, -Cmdlet x: skip the value
				if !takes && i+1 < len(c.Elements) {
					if _, isArg := c.Elements[i+1].(*parser.CommandArgument); isArg {
						i++
					}
				}
				continue
			}
			positional = false
			if takes {
				vals, lit := literalStrings(&parser.Expr{First: e.Arg})
				ok = ok && lit
				out = append(out, vals...)
			} else if i+1 < len(c.Elements) {
				if a, isArg := c.Elements[i+1].(*parser.CommandArgument); isArg {
					vals, lit := literalStrings(a.Expr)
					ok = ok && lit
					out = append(out, vals...)
					i++
				}
			}
		case *parser.CommandArgument:
			if positional {
				vals, lit := literalStrings(e.Expr)
				ok = ok && lit
				out = append(out, vals...)
				positional = false
			}
		case *parser.Splat:
			ok = false
		}
	}
	return out, ok
}

// literalStrings returns the strings of a literal argument: a word, a
// quoted string, or a comma list or @() of them.
func literalStrings(e *parser.Expr) ([]string, bool) {
	if e == nil || e.Ternary != nil || e.First == nil {
		return nil, false
	}
	units := []*parser.Unary{e.First}
	for _, r := range e.Rest {
		if r.Op != "," {
			return nil, false
		}
		units = append(units, r.Right)
	}
	var out []string
	for _, u := range units {
		if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
			return nil, false
		}
		switch p := u.Primary.(type) {
		case *parser.StringLit:
			out = append(out, p.Value)
		case *parser.BareWord:
			out = append(out, p.Value)
		case *parser.ExpandString:
			var b strings.Builder
			for _, part := range p.Parts {
				if part.Var != "" || part.Sub != nil {
					return nil, false
				}
				b.WriteString(part.Text)
			}
			out = append(out, b.String())
		case *parser.ArrayExpr:
			if p.List == nil {
				continue
			}
			for _, st := range p.List.Stmts {
				ps, ok := st.(*parser.PipelineStatement)
				if !ok || ps.Op != "" || ps.Left == nil || len(ps.Left.Elems) != 1 {
					return nil, false
				}
				ce, ok := ps.Left.Elems[0].(*parser.CommandExpression)
				if !ok {
					return nil, false
				}
				vals, lit := literalStrings(ce.Expr)
				if !lit {
					return nil, false
				}
				out = append(out, vals...)
			}
		default:
			return nil, false
		}
	}
	return out, true
}
