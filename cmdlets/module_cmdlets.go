package cmdlets

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// --- Get-Module, Remove-Module, Export-ModuleMember, New-Module ------

func getModuleProcess(c *Call) error {
	s := c.s
	names := c.Strings("Name")
	match := func(n string) bool { return likeAny(n, names) }
	var out []*psModule
	for _, rm := range s.table.modules {
		if match(rm.Name) {
			m, _ := s.emulatedModule(rm.Name)
			out = append(out, m)
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
		for _, m := range s.mods.bundled {
			if match(m.name) {
				loaded = append(loaded, m)
			}
		}
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
		if err := c.Write(s.moduleInfo(m)); err != nil {
			return err
		}
	}
	return nil
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
// module file without loading it: a manifest's data, and the functions
// the module exports as far as reading it tells (a manifest's
// FunctionsToExport, or the functions of its script modules). The
// description is kept while the file's size and time stay the same.
func (s *Session) describeModuleFile(file string) *psModule {
	st, err := s.host.files.Stat(file)
	if err != nil {
		return nil
	}
	stamp := fmt.Sprintf("%d/%d", st.Size(), st.ModTime().UnixNano())
	if m := s.mods.described[file]; m != nil && m.stamp == stamp {
		return m
	}
	m := &psModule{name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), path: file, base: filepath.Dir(file),
		version: "0.0", kind: "Script", available: true, stamp: stamp}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".psd1":
		if !s.describeManifest(m, file) {
			return nil
		}
	case ".psm1":
		m.availableFuncs = s.scriptModuleFunctions(file)
	case ".dll":
		m.kind = "Binary"
	}
	if s.mods.described == nil {
		s.mods.described = map[string]*psModule{}
	}
	s.mods.described[file] = m
	s.moduleInfo(m)
	return m
}

// scriptModuleFunctions reads the functions a .psm1 exports, without
// running it.
func (s *Session) scriptModuleFunctions(file string) []string {
	src, err := s.readFileText(file)
	if err != nil {
		return nil
	}
	script, err := parser.Parse(file, src)
	if err != nil {
		return nil
	}
	names, _ := ScriptModuleFunctions(script)
	return names
}

// describeManifest fills in an available module from its manifest; it
// reports false for a file that is not a valid manifest.
func (s *Session) describeManifest(m *psModule, file string) bool {
	m.kind = "Manifest"
	src, err := s.readFileText(file)
	if err != nil {
		return false
	}
	script, err := parser.Parse(file, src)
	if err != nil || restrictedLanguageError(script) != "" {
		return false
	}
	sc := newScope(s.global)
	sc.vars["psscriptroot"] = &Variable{Name: "PSScriptRoot", Value: filepath.Dir(file)}
	var out []any
	if err := s.execList(frame{scope: sc, file: file}, script.Body.Stmts, func(v any) error { out = append(out, v); return nil }); err != nil || len(out) != 1 {
		return false
	}
	data, ok := out[0].(*value.Hashtable)
	if !ok {
		return false
	}
	get := func(k string) string {
		if v, ok := data.Get(k); ok && v != nil {
			return value.ToString(v)
		}
		return ""
	}
	m.version, m.description, m.guid, m.author = get("ModuleVersion"), get("Description"), get("GUID"), get("Author")
	root := get("RootModule")
	if root == "" {
		root = get("ModuleToProcess")
	}
	var files []string
	if root != "" {
		m.rootModule = root
		f := s.resolveMember(m, root, file)
		switch strings.ToLower(filepath.Ext(f)) {
		case ".psm1", ".ps1":
			m.kind = "Script"
		case ".dll", ".exe", "":
			m.kind = "Binary"
		}
		files = append(files, f)
	}
	for _, n := range manifestStrings(manifestValue(data, "NestedModules")) {
		files = append(files, s.resolveMember(m, n, file))
	}
	pats := manifestPatterns(data, "FunctionsToExport")
	literal := pats != nil
	for _, p := range pats {
		literal = literal && !value.HasWildcard(p)
	}
	if literal {
		m.availableFuncs = pats
		return true
	}
	for _, f := range files {
		if !strings.EqualFold(filepath.Ext(f), ".psm1") {
			continue
		}
		for _, fn := range s.scriptModuleFunctions(f) {
			if pats == nil || likeAnyOf(fn, pats) {
				m.availableFuncs = append(m.availableFuncs, fn)
			}
		}
	}
	return true
}

// autoloadFunction finds a function that no loaded module gives in a
// module on $env:PSModulePath, imports that module to the top level and
// returns the function, as PowerShell's command discovery autoloads
// modules (about_Modules, "Module autoloading";
// $PSModuleAutoLoadingPreference: All by default, ModuleQualified only
// for Module\Name, None never). Modules csemu emulates or knows as not
// emulated are not loaded from disk.
func (s *Session) autoloadFunction(fr frame, pos parser.Pos, name string) (*Function, error) {
	pref := "all"
	if v, ok := s.getVar(fr.scope, "PSModuleAutoLoadingPreference"); ok && v != nil {
		pref = strings.ToLower(value.ToString(v))
	}
	module, fn := "", name
	if i := strings.LastIndexByte(name, '\\'); i > 0 {
		module, fn = name[:i], name[i+1:]
	}
	if pref == "none" || pref == "modulequalified" && module == "" || fn == "" || strings.ContainsAny(fn, "/\\*?[") {
		return nil, nil
	}
	for _, m := range s.availableModules() {
		if module != "" && !strings.EqualFold(m.name, module) {
			continue
		}
		if _, ok := s.emulatedModule(m.name); ok || realModule(m.name) || s.mods.loading[m.path] != nil || s.loadedByPath(m.path) != nil {
			continue
		}
		has := false
		for _, f := range m.availableFuncs {
			has = has || strings.EqualFold(f, fn)
		}
		if !has {
			continue
		}
		cmd, ok := s.Command("Import-Module")
		if !ok {
			return nil, nil
		}
		// the import is silent: its errors, warnings and verbose
		// messages are ignored (PowerShell's
		// CommandDiscovery.AutoloadSpecifiedModule)
		quiet := false
		c := &Call{s: s, fr: fr, cmd: cmd, Pos: pos, Name: "Import-Module", bound: map[string]any{}, emit: func(any) error { return nil },
			common: commonParams{errorAction: "Ignore", warningAction: "Ignore", infoAction: "Ignore", verbose: &quiet}}
		loaded, err := s.importFile(c, m.path, &importOpts{target: s.global})
		var pe *psError
		if err != nil && asPSError(err, &pe) && pe.rec.Category == NotImplemented {
			// a module csemu cannot load (a binary one) says so
			return nil, err
		}
		if err != nil || loaded == nil {
			return nil, nil
		}
		if module != "" {
			f, _ := s.qualifiedFunction(module, fn)
			return f, nil
		}
		f, _ := s.lookupFunc(fr.scope, fn)
		return f, nil
	}
	return nil, nil
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
					if !s.removeBundled(m) {
						offlineNote(c, m.name, "removing a module")
					}
					continue
				}
				targets = append(targets, m)
				continue
			}
		}
		name := value.ToString(it)
		wild := value.HasWildcard(name)
		if em, ok := s.emulatedModule(name); ok && !wild {
			switch {
			case s.removeBundled(em):
				st.removed++
			case em.registered:
				offlineNote(c, name, "removing a module")
				st.removed++
			}
			// a module of PowerShell's own that was not imported: nothing
			// to remove, and no error, as for PowerShell's engine modules
			// (Remove-Module's EndProcessing)
			continue
		}
		if !wild {
			st.specific = true
		}
		var bundled []*psModule
		for _, b := range s.mods.bundled {
			if value.Like(b.name, name, false) {
				bundled = append(bundled, b)
			}
		}
		for _, b := range bundled {
			if s.removeBundled(b) {
				st.removed++
			}
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

// removeBundled takes a module that comes with PowerShell off the list
// of imported ones; it reports whether it was there.
func (s *Session) removeBundled(m *psModule) bool {
	for i, b := range s.mods.bundled {
		if b == m {
			s.mods.bundled = append(s.mods.bundled[:i], s.mods.bundled[i+1:]...)
			return true
		}
	}
	return false
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
		// a null list exports nothing (nil would mean every function)
		m.exportFunctions(append([]string{}, c.Strings("Function")...), c)
	}
	if c.Has("Variable") {
		m.exportVariables(c.Strings("Variable"), c)
	}
	if c.Has("Alias") {
		m.exportAliases(c.Strings("Alias"), c)
	}
	// -Cmdlet: a script module holds no cmdlets, so there is nothing it
	// could name.
	return nil
}

func newModuleProcess(c *Call) error {
	s := c.s
	if err := c.refused(); err != nil {
		return err
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
		if s.findOnModulePath(name, nil) != "" {
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
			s.useNamespace(u.Name)
		case "module":
			if err := s.usingModule(fr, u); err != nil {
				return err
			}
		default:
			return notImplemented(u.Pos, "", unsupportedUsing(u.Kind))
		}
	}
	return nil
}

// useNamespace adds a namespace of a using namespace statement to those
// type names are looked up in, once.
func (s *Session) useNamespace(ns string) {
	for _, n := range s.namespaces {
		if strings.EqualFold(n, ns) {
			return
		}
	}
	s.namespaces = append(s.namespaces, ns)
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
		file = s.findOnModulePath(name, nil)
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
