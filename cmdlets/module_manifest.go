package cmdlets

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

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
	if !o.nested && !o.versionOK(version) {
		return nil, s.moduleNotFound(c, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), o)
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
		if pats := manifestPatterns(data, "AliasesToExport"); pats != nil {
			m.keepAliases(pats)
		}
	} else {
		// a manifest of nested modules only exports what its lists name
		// (all without the key)
		funcs, vars := manifestPatterns(data, "FunctionsToExport"), manifestPatterns(data, "VariablesToExport")
		aliases := manifestPatterns(data, "AliasesToExport")
		if funcs == nil {
			funcs = []string{"*"}
		}
		if vars == nil {
			vars = []string{"*"}
		}
		if aliases == nil {
			aliases = []string{"*"}
		}
		m.exportFunctions(funcs, nil)
		m.exportVariables(vars, nil)
		m.exportAliases(aliases, nil)
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
	ro := &importOpts{target: s.global}
	name := value.ToString(spec)
	if h, ok := spec.(*value.Hashtable); ok {
		get := func(k string) string {
			if v, ok := h.Get(k); ok && v != nil {
				return value.ToString(v)
			}
			return ""
		}
		name = get("ModuleName")
		ro.minVersion, ro.requiredVersion, ro.maxVersion = get("ModuleVersion"), get("RequiredVersion"), get("MaximumVersion")
	}
	if name == "" {
		return nil, false, manifestError(c, "Modules_InvalidManifest", InvalidData, "System.ArgumentException", file,
			"The specified RequiredModules entry '%s' in the module manifest '%s' is invalid. Try again after updating this entry with valid values.", value.ToString(spec), file)
	}
	if _, ok := s.emulatedModule(name); ok && !isRootedModuleName(name) {
		return nil, true, nil
	}
	for _, m := range s.mods.loaded {
		if strings.EqualFold(m.name, name) && ro.versionOK(m.version) {
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
		f = s.findOnModulePath(name, ro)
	}
	if f == "" {
		return nil, false, manifestError(c, "Modules_RequiredModuleNotFound", ResourceUnavailable, "System.MissingMemberException", "",
			"The required module '%s' was not loaded because no valid module file was found in any module directory.", name)
	}
	m, err := s.importFile(c, f, ro)
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
		return s.findOnModulePath(name, nil)
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
