package cmdlets

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

// The item cmdlets of Microsoft.PowerShell.Management: they act on the
// items of csemu's providers (files and folders through the session's FS,
// and the Env:, Variable:, Function: and Alias: drives). Writing a file or
// folder needs --allow-write; without it the cmdlet warns and writes
// nothing, as the other writers do.

const mgmt = "Microsoft.PowerShell.Management"

// pathParams are the -Path and -LiteralPath parameters, each in a
// parameter set of its own; mandatory makes each mandatory in its set.
func pathParams(mandatory bool, many bool) []*ParamDef {
	typ := "string"
	if many {
		typ = "string[]"
	}
	path := sets(pipe(byName(p("Path", typ, 0))), "Path")
	lit := sets(byName(alias(p("LiteralPath", typ, -1), "PSPath", "LP")), "LiteralPath")
	if mandatory {
		path, lit = mand(path), mand(lit)
	}
	return []*ParamDef{path, lit}
}

// filterParams are -Filter, -Include and -Exclude.
func filterParams() []*ParamDef {
	return []*ParamDef{p("Filter", "string", -1), p("Include", "string[]", -1), p("Exclude", "string[]", -1)}
}

func itemCmdlets() []*Cmdlet {
	withPaths := func(mandatory, many bool, rest ...*ParamDef) []*ParamDef {
		return append(pathParams(mandatory, many), rest...)
	}
	return noCredentials([]*Cmdlet{
		{
			Name: "New-Item", Module: mgmt, Synopsis: "Creates a file, folder, variable, function or environment variable.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/new-item", ShouldProcess: true, Writes: true,
			Params: []*ParamDef{
				{Name: "Path", Type: "string[]", Position: 0, Mandatory: true, MandatoryIn: []string{"pathSet"}, Sets: []string{"pathSet", "nameSet"}, ByName: true},
				mand(sets(byName(p("Name", "string", -1)), "nameSet")), byName(alias(p("ItemType", "string", -1), "Type")),
				pipe(byName(alias(p("Value", "object", -1), "Target"))), p("Force", "switch", -1), p("Credential", "object", -1),
				p("Options", "string", -1),
			},
			DefaultSet: "pathSet",
			Process:    newItemProcess,
		},
		{
			Name: "Remove-Item", Module: mgmt, Synopsis: "Removes files, folders, variables, functions or environment variables.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/remove-item", ShouldProcess: true, Writes: true,
			Params: withPaths(true, true, append(filterParams(), p("Recurse", "switch", -1), p("Force", "switch", -1),
				p("Credential", "object", -1), p("Stream", "string[]", -1))...),
			DefaultSet: "Path",
			Process:    removeItemProcess,
		},
		{
			Name: "Copy-Item", Module: mgmt, Synopsis: "Copies files, folders and other items.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/copy-item", ShouldProcess: true, Writes: true,
			Params: withPaths(true, true, append(filterParams(), byName(p("Destination", "string", 1)), p("Container", "switch", -1),
				p("Recurse", "switch", -1), p("Force", "switch", -1), p("PassThru", "switch", -1), p("Credential", "object", -1),
				p("FromSession", "object", -1), p("ToSession", "object", -1))...),
			DefaultSet: "Path",
			Process:    copyItemProcess,
		},
		{
			Name: "Move-Item", Module: mgmt, Synopsis: "Moves files, folders and other items.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/move-item", ShouldProcess: true, Writes: true,
			Params: withPaths(true, true, append(filterParams(), byName(p("Destination", "string", 1)), p("Force", "switch", -1),
				p("PassThru", "switch", -1), p("Credential", "object", -1))...),
			DefaultSet: "Path",
			Process:    moveItemProcess,
		},
		{
			Name: "Rename-Item", Module: mgmt, Synopsis: "Renames a file, folder or other item.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/rename-item", ShouldProcess: true, Writes: true,
			Params: withPaths(true, false, mand(byName(p("NewName", "string", 1))), p("Force", "switch", -1), p("PassThru", "switch", -1),
				p("Credential", "object", -1)),
			DefaultSet: "Path",
			Process:    renameItemProcess,
		},
		{
			Name: "Set-Item", Module: mgmt, Synopsis: "Sets the value of a variable, function or environment variable.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-item", ShouldProcess: true,
			Params: withPaths(true, true, append(filterParams(), pipe(byName(p("Value", "object", 1))), p("Force", "switch", -1),
				p("PassThru", "switch", -1), p("Credential", "object", -1), p("Options", "string", -1))...),
			DefaultSet: "Path",
			Process:    setItemProcess,
		},
		{
			Name: "Clear-Item", Module: mgmt, Synopsis: "Clears the value of a variable or environment variable.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/clear-item", ShouldProcess: true,
			Params:     withPaths(true, true, append(filterParams(), p("Force", "switch", -1), p("Credential", "object", -1))...),
			DefaultSet: "Path",
			Process:    clearItemProcess,
		},
		{
			Name: "Resolve-Path", Module: mgmt, Synopsis: "Resolves the wildcards of a path to the items it names.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/resolve-path",
			Params: withPaths(true, true, p("Relative", "switch", -1), p("RelativeBasePath", "string", -1), p("Force", "switch", -1),
				p("Credential", "object", -1)),
			DefaultSet: "Path",
			Process:    resolvePathProcess,
		},
		{
			Name: "Convert-Path", Module: mgmt, Synopsis: "Converts a PowerShell path to a native path.",
			Doc:        "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/convert-path",
			Params:     withPaths(true, true),
			DefaultSet: "Path",
			Process:    convertPathProcess,
		},
		{
			Name: "Set-Location", Module: mgmt, Synopsis: "Sets the current location (for the session only).",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-location",
			Params: []*ParamDef{sets(pipe(byName(p("Path", "string", 0))), "Path"), sets(byName(alias(p("LiteralPath", "string", -1), "PSPath", "LP")), "LiteralPath"),
				p("PassThru", "switch", -1), sets(byName(p("StackName", "string", -1)), "Stack")},
			DefaultSet: "Path",
			Process:    setLocationProcess,
		},
		{
			Name: "Push-Location", Module: mgmt, Synopsis: "Saves the current location on a stack and moves to another.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/push-location",
			Params: []*ParamDef{sets(pipe(byName(p("Path", "string", 0))), "Path"), sets(byName(alias(p("LiteralPath", "string", -1), "PSPath", "LP")), "LiteralPath"),
				p("PassThru", "switch", -1), byName(p("StackName", "string", -1))},
			DefaultSet: "Path",
			Process:    pushLocationProcess,
		},
		{
			Name: "Pop-Location", Module: mgmt, Synopsis: "Moves back to the location last pushed.",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/pop-location",
			Params:  []*ParamDef{p("PassThru", "switch", -1), byName(p("StackName", "string", -1))},
			Process: popLocationProcess,
		},
		{
			Name: "Clear-Content", Module: mgmt, Synopsis: "Empties files (needs --allow-write) or clears variables.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/clear-content", ShouldProcess: true, Writes: true,
			Params:     withPaths(true, true, append(filterParams(), p("Force", "switch", -1), p("Credential", "object", -1), p("Stream", "string", -1))...),
			DefaultSet: "Path",
			Process:    clearContentProcess,
		},
	})
}

// noCredentials gives the cmdlets of the file-system provider that take
// -Credential pwsh's answer to it: the provider supports credentials only
// on New-PSDrive (SessionStateStrings.FileSystemProviderCredentials_NotSupported).
// Test-Path, which takes that error for a path that does not exist, says
// False instead (testPath).
func noCredentials(cmds []*Cmdlet) []*Cmdlet {
	for _, c := range cmds {
		if c.param("Credential") == nil || c.Name == "Test-Path" {
			continue
		}
		begin := c.Begin
		c.Begin = func(c *Call) error {
			if c.Arg("Credential") != nil {
				return c.Fail("NotSupported", NotImplemented,
					"The FileSystem provider supports credentials only on the New-PSDrive cmdlet. Perform the operation again without specifying credentials.")
			}
			if begin != nil {
				return begin(c)
			}
			return nil
		}
	}
	return cmds
}

// optionsNone checks -Options of the Variable: and Function: drives:
// "None" (the default) is all csemu models of them.
func (c *Call) optionsNone() error {
	if !c.Has("Options") || strings.EqualFold(strings.TrimSpace(c.String("Options")), "None") {
		return nil
	}
	return notImplemented(c.Pos, c.cmd.Name, c.cmd.Name+" -Options "+c.String("Options"))
}

// literal reports whether the call named its items with -LiteralPath.
func (c *Call) literal() bool { return c.Has("LiteralPath") }

// givenPaths are the -Path or -LiteralPath values.
func (c *Call) givenPaths() []string {
	if c.Has("LiteralPath") {
		return c.Strings("LiteralPath")
	}
	return c.Strings("Path")
}

// eachItem resolves each -Path (wildcards) or -LiteralPath and calls do
// for each item that the -Filter, -Include and -Exclude filters keep. A
// path that names nothing is a non-terminating error.
func (c *Call) eachItem(do func(p psPath) error) error {
	for _, given := range c.givenPaths() {
		items, err := c.resolve(given, c.literal())
		if err != nil {
			if werr := c.writeProblem(err); werr != nil {
				return werr
			}
			continue
		}
		for _, it := range items {
			if !c.keepsItem(it) {
				continue
			}
			if err := do(it); err != nil {
				return err
			}
		}
	}
	return nil
}

// keepsItem applies -Filter, -Include and -Exclude to an item's name.
func (c *Call) keepsItem(p psPath) bool {
	name := p.path
	if p.prov == provFS {
		name = filepath.Base(p.path)
	}
	if f := c.String("Filter"); f != "" && !value.Like(name, f, false) {
		return false
	}
	if inc := c.Strings("Include"); len(inc) > 0 && !likeAny(name, inc) {
		return false
	}
	if exc := c.Strings("Exclude"); len(exc) > 0 && likeAny(name, exc) {
		return false
	}
	return true
}

// skipWrite warns that a file-system change was skipped because writes
// are off, as every writer does without --allow-write.
func (c *Call) skipWrite(what, path string) {
	c.Warning("%s: skipped %s %q: file writes need --allow-write", c.cmd.Name, what, path)
}

// fsFail writes a file-system error as a non-terminating error of the call.
func (c *Call) fsFail(id string, cat Category, target string, err error) error {
	exc := "System.IO.IOException"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		exc = "System.IO.DirectoryNotFoundException"
	case errors.Is(err, fs.ErrPermission):
		exc, cat = "System.UnauthorizedAccessException", PermissionDenied
	}
	return c.WriteError(&ErrorRecord{ID: id, Category: cat, Target: target, Exception: exc, Msg: fsErrorMessage(err, target)})
}

// newItemProcess creates each item New-Item names: a file (the default
// type) or folder with -ItemType, or an item of the Env:, Variable: or
// Function: drive, and writes it.
func newItemProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	paths := c.Strings("Path")
	if len(paths) == 0 {
		paths = []string{""}
	}
	if err := c.optionsNone(); err != nil {
		return err
	}
	for _, given := range paths {
		target := given
		if c.Has("Name") {
			if given == "" {
				target = c.String("Name")
			} else {
				target = strings.TrimRight(given, `/\`) + "/" + c.String("Name")
			}
		}
		pp, err := c.s.parsePSPath(c.fr, target)
		if err != nil {
			if werr := c.writeProblem(err); werr != nil {
				return werr
			}
			continue
		}
		if err := c.newItem(pp); err != nil {
			return err
		}
	}
	return nil
}

func (c *Call) newItem(pp psPath) error {
	val := c.Arg("Value")
	if pp.prov != provFS {
		if pp.isRoot() {
			return c.WriteError(&ErrorRecord{ID: "NewItemArgumentError", Category: InvalidArgument, Exception: "System.Management.Automation.PSArgumentException",
				Msg: "Cannot process argument because the value of argument \"name\" is not valid. Change the value of the \"name\" argument and run the operation again."})
		}
		if c.s.itemExists(c.fr, pp) && !c.Bool("Force") {
			return c.WriteError(&ErrorRecord{ID: "Microsoft.PowerShell.Commands.NewItemCommand", Category: ResourceExists, Target: pp.path,
				Exception: "System.Management.Automation.SessionStateException", Msg: fmt.Sprintf("A %s with name '%s' already exists.", flatItemNoun(pp.prov), pp.path)})
		}
		if !c.ShouldProcess("Item: "+pp.path+" Value: "+c.s.toString(val), "New Item") {
			return nil
		}
		if err := c.s.setFlatItem(c.fr, pp, val, true); err != nil {
			return c.WriteError(flatItemError(err, pp))
		}
		o, err := c.s.itemObject(c.fr, pp)
		if err != nil {
			return c.writeProblem(err)
		}
		return c.Write(o)
	}
	kind := strings.ToLower(c.String("ItemType"))
	switch {
	case kind == "":
		kind = "file"
	case strings.HasPrefix("directory", kind) || strings.HasPrefix("container", kind):
		kind = "directory"
	case strings.HasPrefix("file", kind):
		kind = "file"
	case strings.HasPrefix("symboliclink", kind), strings.HasPrefix("junction", kind), strings.HasPrefix("hardlink", kind):
		return notImplemented(c.Pos, c.cmd.Name, "New-Item -ItemType "+c.String("ItemType"))
	default:
		return c.Fail("Argument", InvalidArgument, "The type is not a known type for the file system. Only \"file\",\"directory\",\"symboliclink\",\"junction\" and \"hardlink\" are recognized.")
	}
	action := "Create File"
	if kind == "directory" {
		action = "Create Directory"
	}
	if !c.ShouldProcess("Destination: "+pp.path, action) {
		return nil
	}
	if !c.s.allowWrite {
		c.skipWrite("creating", pp.path)
		return nil
	}
	files := c.s.host.files
	force := c.Bool("Force")
	if force {
		if err := c.s.mkdirAll(filepath.Dir(pp.path)); err != nil {
			return c.fsFail("NewItemIOError", WriteError, pp.path, err)
		}
	}
	if kind == "directory" {
		if st, err := files.Stat(pp.path); err == nil {
			if !force || !st.IsDir() {
				return c.WriteError(&ErrorRecord{ID: "DirectoryExist", Category: ResourceExists, Target: pp.path, Exception: "System.IO.IOException",
					Msg: fmt.Sprintf("An item with the specified name %s already exists.", pp.path)})
			}
		} else if err := c.s.mkdirAll(pp.path); err != nil {
			return c.fsFail("CreateDirectoryIOError", WriteError, pp.path, err)
		}
	} else {
		if st, err := files.Stat(pp.path); err == nil && (!force || st.IsDir()) {
			msg := fmt.Sprintf("The file '%s' already exists.", pp.path)
			if st.IsDir() {
				msg = fmt.Sprintf("Access to the path '%s' is denied.", pp.path)
			}
			return c.WriteError(&ErrorRecord{ID: "NewItemIOError", Category: WriteError, Target: pp.path, Exception: "System.IO.IOException", Msg: msg})
		}
		var data []byte
		if val != nil {
			data = []byte(c.s.toString(val))
		}
		if err := c.s.writeAll(pp.path, data, false); err != nil {
			return c.fsFail("NewItemIOError", WriteError, pp.path, err)
		}
	}
	o, err := c.s.itemObject(c.fr, pp)
	if err != nil {
		return c.writeProblem(err)
	}
	return c.Write(o)
}

// flatItemNoun is what pwsh calls an item of a flat provider in messages.
func flatItemNoun(k provKind) string {
	switch k {
	case provVar:
		return "variable"
	case provFunc:
		return "function"
	case provAlias:
		return "alias"
	}
	return "environment variable"
}

// flatItemError is the record of an error setting an item of a flat
// provider.
func flatItemError(err error, pp psPath) *ErrorRecord {
	var rec *ErrorRecord
	if errors.As(err, &rec) {
		return rec
	}
	var re *value.RuntimeError
	if errors.As(err, &re) {
		return &ErrorRecord{ID: "SetItem", Category: WriteError, Target: pp.path, Exception: re.Type, Msg: re.Msg}
	}
	return &ErrorRecord{ID: "SetItem", Category: WriteError, Target: pp.path, Msg: err.Error()}
}

// setFlatItem sets an item of the Env:, Variable: or Function: drive to
// v; create makes a variable in the current scope.
func (s *Session) setFlatItem(fr frame, pp psPath, v any, create bool) error {
	switch pp.prov {
	case provEnv:
		if v == nil {
			s.envSet[strings.ToUpper(pp.path)] = nil
			return nil
		}
		str := s.toString(v)
		s.envSet[strings.ToUpper(pp.path)] = &str
		return nil
	case provVar:
		if old, ok := s.lookupVar(fr.scope, pp.path); ok && !create {
			if old.ReadOnly {
				return &value.RuntimeError{Type: "System.Management.Automation.SessionStateUnauthorizedAccessException",
					Msg: fmt.Sprintf("Cannot overwrite variable %s because it is read-only or constant.", pp.path)}
			}
			if old.Type != nil {
				cv, err := s.convert(v, old.Type)
				if err != nil {
					return err
				}
				v = cv
			}
			old.Value = v
			return nil
		}
		return s.setVar(fr.scope, "local:"+pp.path, v)
	case provFunc:
		var sb *ScriptBlock
		switch x := v.(type) {
		case *ScriptBlock:
			sb = x
		case *value.Object:
			if x.TypeName() == "System.Management.Automation.FunctionInfo" {
				got, _ := x.Get("ScriptBlock")
				sb, _ = got.(*ScriptBlock)
			}
		case string:
			var err error
			if sb, err = s.scriptBlockFromText(x); err != nil {
				return err
			}
		}
		if sb == nil {
			return &ErrorRecord{ID: "Argument", Category: InvalidArgument, Target: pp.path, Exception: "System.Management.Automation.PSArgumentException",
				Msg: "The value of a function must be a script block, a function or a string."}
		}
		s.defineFunc(fr.scope, &Function{Name: pp.path, Body: sb.Body, File: sb.File, Source: "function " + pp.path + " {" + sb.Text + "}"})
		return nil
	}
	return &ErrorRecord{ID: "NotImplemented", Category: NotImplemented, Target: pp.path, Exception: "System.NotImplementedException",
		Msg: "[NotImplemented] changing an alias through the Alias: drive is not emulated"}
}

// removeFlatItem removes an item of the Env:, Variable: or Function:
// drive, from the nearest scope that has it.
func (s *Session) removeFlatItem(fr frame, pp psPath) error {
	switch pp.prov {
	case provEnv:
		s.envSet[strings.ToUpper(pp.path)] = nil
		return nil
	case provVar:
		key := strings.ToLower(pp.path)
		for sc := fr.scope; sc != nil; sc = sc.parent {
			if v, ok := sc.vars[key]; ok {
				if v.ReadOnly || key == "true" || key == "false" || key == "null" {
					return &ErrorRecord{ID: "VariableNotRemovable", Category: WriteError, Target: pp.path,
						Exception: "System.Management.Automation.SessionStateUnauthorizedAccessException",
						Msg:       fmt.Sprintf("Cannot remove variable %s because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.", pp.path)}
				}
				delete(sc.vars, key)
				return nil
			}
		}
	case provFunc:
		key := strings.ToLower(pp.path)
		for sc := fr.scope; sc != nil; sc = sc.parent {
			if _, ok := sc.funcs[key]; ok {
				delete(sc.funcs, key)
				return nil
			}
		}
	case provAlias:
		if e, sc, ok := s.findAlias(fr.scope, pp.path); ok && sc != nil {
			if e.opts&(optReadOnly|optConstant) != 0 {
				return &ErrorRecord{ID: "AliasNotRemovable", Category: WriteError, Target: pp.path,
					Exception: "System.Management.Automation.SessionStateUnauthorizedAccessException",
					Msg:       fmt.Sprintf("Alias was not removed because alias %s is constant or read-only.", pp.path)}
			}
			s.removeAliasFrom(sc, pp.path)
			return nil
		}
	}
	return pathNotFound(pp.String())
}

// removeItemProcess removes each item Remove-Item names; a folder that
// is not empty needs -Recurse.
func removeItemProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	return c.eachItem(func(pp psPath) error {
		if pp.isRoot() {
			return c.WriteError(&ErrorRecord{ID: "RemoveItemUnauthorizedAccessError", Category: PermissionDenied, Target: pp.String(),
				Exception: "System.UnauthorizedAccessException", Msg: fmt.Sprintf("Access to the path '%s' is denied.", pp.String())})
		}
		if pp.prov != provFS {
			if !c.ShouldProcess(pp.String(), "Remove Item") {
				return nil
			}
			if err := c.s.removeFlatItem(c.fr, pp); err != nil {
				if rec := flatItemError(err, pp); rec.ID == "NotImplemented" {
					return notImplemented(c.Pos, c.cmd.Name, strings.TrimSuffix(strings.TrimPrefix(rec.Msg, "[NotImplemented] "), " is not emulated"))
				}
				return c.WriteError(flatItemError(err, pp))
			}
			return nil
		}
		if loc := c.s.currentLocation(); loc.prov == provFS && (loc.path == pp.path || strings.HasPrefix(loc.path, pp.path+"/")) {
			return c.WriteError(&ErrorRecord{ID: "InvalidOperation", Category: InvalidOperation, Target: pp.path,
				Exception: "System.Management.Automation.PSInvalidOperationException",
				Msg:       fmt.Sprintf("Cannot remove the item at '%s' because it is in use.", pp.path)})
		}
		st, err := c.s.host.files.Lstat(pp.path)
		if err != nil {
			return c.WriteError(pathNotFound(pp.path))
		}
		action := "Remove File"
		if st.IsDir() {
			action = "Remove Directory"
			if !c.Bool("Recurse") {
				entries, _ := c.s.host.files.ReadDir(pp.path)
				if len(entries) > 0 {
					return notImplemented(c.Pos, c.cmd.Name, "Remove-Item's confirmation prompt for a folder that is not empty (give -Recurse)")
				}
			}
		}
		if !c.ShouldProcess(pp.path, action) {
			return nil
		}
		if !c.s.allowWrite {
			c.skipWrite("removing", pp.path)
			return nil
		}
		if err := c.s.removeAll(pp.path); err != nil {
			return c.fsFail("RemoveFileSystemItemIOError", WriteError, pp.path, err)
		}
		return nil
	})
}

// mkdirAll makes a folder and the parents it lacks.
func (s *Session) mkdirAll(dir string) error {
	if st, err := s.host.files.Stat(dir); err == nil {
		if st.IsDir() {
			return nil
		}
		return &fs.PathError{Op: "mkdir", Path: dir, Err: fs.ErrExist}
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := s.mkdirAll(parent); err != nil {
			return err
		}
	}
	err := s.host.files.Mkdir(dir)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// removeAll removes a file, or a folder with everything in it.
func (s *Session) removeAll(path string) error {
	st, err := s.host.files.Lstat(path)
	if err != nil {
		return err
	}
	if st.IsDir() {
		entries, err := s.host.files.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := s.removeAll(filepath.Join(path, e.Name())); err != nil {
				return err
			}
		}
	}
	return s.host.files.Remove(path)
}

// writeAll writes (or appends) a whole file.
func (s *Session) writeAll(path string, data []byte, appendMode bool) error {
	f, err := s.host.files.Create(path, appendMode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// copyFile copies a file's bytes.
func (s *Session) copyFile(src, dst string) error {
	r, err := s.host.files.Open(src)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := s.host.files.Create(dst, false)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// copyTree copies a folder to dst (made if missing), with what is in it
// when recurse is set.
func (s *Session) copyTree(src, dst string, recurse bool) error {
	if err := s.mkdirAll(dst); err != nil {
		return err
	}
	if !recurse {
		return nil
	}
	entries, err := s.host.files.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		from, to := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		if e.IsDir() {
			err = s.copyTree(from, to, true)
		} else {
			err = s.copyFile(from, to)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// destination is where Copy-Item or Move-Item puts an item: into
// -Destination when it is a folder, else at -Destination (the current
// location by default).
func (c *Call) destination(src psPath) (psPath, error) {
	d := c.String("Destination")
	if d == "" {
		d = "."
	}
	dst, err := c.s.parsePSPath(c.fr, d)
	if err != nil {
		return dst, err
	}
	if dst.prov != src.prov {
		return dst, &ErrorRecord{ID: "CopyItemSourceAndDestinationNotSameProvider", Category: InvalidArgument, Target: d,
			Exception: "System.Management.Automation.PSArgumentException", Msg: "Source and destination path did not resolve to the same provider."}
	}
	if c.s.isContainer(dst) && dst.prov == provFS {
		dst.path = filepath.Join(dst.path, filepath.Base(src.path))
	}
	return dst, nil
}

// copyItemProcess copies each item Copy-Item names to -Destination.
func copyItemProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	return c.eachItem(func(src psPath) error {
		dst, err := c.destination(src)
		if err != nil {
			return c.writeProblem(err)
		}
		if src.prov != provFS {
			v, _ := c.s.flatValue(c.fr, src)
			if !c.ShouldProcess("Item: "+src.String()+" Destination: "+dst.String(), "Copy Item") {
				return nil
			}
			if err := c.s.setFlatItem(c.fr, dst, v, false); err != nil {
				return c.WriteError(flatItemError(err, dst))
			}
			return c.passThru(dst)
		}
		if dst.path == src.path {
			return c.WriteError(&ErrorRecord{ID: "CopyError", Category: WriteError, Target: src.path, Exception: "System.IO.IOException",
				Msg: fmt.Sprintf("Cannot overwrite the item %s with itself.", src.path)})
		}
		st, err := c.s.host.files.Stat(src.path)
		if err != nil {
			return c.WriteError(pathNotFound(src.path))
		}
		if st.IsDir() && (dst.path == src.path || strings.HasPrefix(dst.path, src.path+"/")) {
			return c.WriteError(&ErrorRecord{ID: "CopyError", Category: WriteError, Target: src.path, Exception: "System.IO.IOException",
				Msg: fmt.Sprintf("Destination path cannot be a subdirectory of the source or the source itself: %s.", dst.path)})
		}
		action := "Copy File"
		if st.IsDir() {
			action = "Copy Directory"
		}
		if !c.ShouldProcess("Item: "+src.path+" Destination: "+dst.path, action) {
			return nil
		}
		if !c.s.allowWrite {
			c.skipWrite("copying to", dst.path)
			return nil
		}
		if st.IsDir() {
			err = c.s.copyTree(src.path, dst.path, c.Bool("Recurse"))
		} else {
			if dst2, err2 := c.s.host.files.Stat(dst.path); err2 == nil && dst2.IsDir() {
				return c.WriteError(&ErrorRecord{ID: "CopyError", Category: WriteError, Target: dst.path, Exception: "System.IO.IOException",
					Msg: fmt.Sprintf("Cannot overwrite directory '%s' with non-directory '%s'.", dst.path, src.path)})
			}
			err = c.s.copyFile(src.path, dst.path)
		}
		if err != nil {
			return c.fsFail("CopyDirectoryInfoItemIOError", WriteError, dst.path, err)
		}
		return c.passThru(dst)
	})
}

// passThru writes the item with -PassThru.
func (c *Call) passThru(pp psPath) error {
	if !c.Bool("PassThru") {
		return nil
	}
	o, err := c.s.itemObject(c.fr, pp)
	if err != nil {
		return c.writeProblem(err)
	}
	return c.Write(o)
}

// flatValue is the value of an item of a flat provider.
func (s *Session) flatValue(fr frame, pp psPath) (any, bool) {
	switch pp.prov {
	case provEnv:
		return s.getEnv(pp.path)
	case provVar:
		v, ok := s.lookupVar(fr.scope, pp.path)
		if !ok {
			return nil, false
		}
		return v.Value, true
	case provFunc:
		f, ok := s.lookupFunc(fr.scope, pp.path)
		if !ok {
			return nil, false
		}
		return s.functionScriptBlock(f), true
	case provAlias:
		return s.aliasTarget(pp.path)
	}
	return nil, false
}

// moveItemProcess moves each item Move-Item names to -Destination.
func moveItemProcess(c *Call) error {
	return c.eachItem(func(src psPath) error {
		dst, err := c.destination(src)
		if err != nil {
			return c.writeProblem(err)
		}
		if src.prov != provFS {
			if !c.ShouldProcess("Item: "+src.String()+" Destination: "+dst.String(), "Move Item") {
				return nil
			}
			return c.renameFlat(src, dst)
		}
		st, err := c.s.host.files.Lstat(src.path)
		if err != nil {
			return c.WriteError(pathNotFound(src.path))
		}
		if st.IsDir() && (dst.path == src.path || strings.HasPrefix(dst.path, src.path+"/")) {
			return c.WriteError(&ErrorRecord{ID: "MoveItemArgumentError", Category: InvalidArgument, Target: src.path, Exception: "System.ArgumentException",
				Msg: fmt.Sprintf("Destination path cannot be a subdirectory of the source or the source itself: %s.", dst.path)})
		}
		action := "Move File"
		if st.IsDir() {
			action = "Move Directory"
		}
		if !c.ShouldProcess("Item: "+src.path+" Destination: "+dst.path, action) {
			return nil
		}
		if !c.s.allowWrite {
			c.skipWrite("moving", src.path)
			return nil
		}
		if dst.path != src.path {
			if _, err := c.s.host.files.Lstat(dst.path); err == nil {
				if !c.Bool("Force") || st.IsDir() {
					return c.WriteError(&ErrorRecord{ID: "MoveFileInfoItemIOError", Category: WriteError, Target: src.path, Exception: "System.IO.IOException",
						Msg: "Cannot create a file when that file already exists."})
				}
				if err := c.s.removeAll(dst.path); err != nil {
					return c.fsFail("MoveFileInfoItemIOError", WriteError, dst.path, err)
				}
			}
			if err := c.s.host.files.Rename(src.path, dst.path); err != nil {
				return c.fsFail("MoveFileInfoItemIOError", WriteError, src.path, err)
			}
		}
		return c.passThru(dst)
	})
}

// renameFlat moves an item of a flat provider to another name.
func (c *Call) renameFlat(src, dst psPath) error {
	if !c.s.itemExists(c.fr, src) {
		return c.WriteError(pathNotFound(src.String()))
	}
	if src.prov == provAlias {
		return notImplemented(c.Pos, c.cmd.Name, "renaming an alias")
	}
	if c.s.itemExists(c.fr, dst) && !c.Bool("Force") {
		return c.WriteError(&ErrorRecord{ID: "Microsoft.PowerShell.Commands." + strings.ReplaceAll(c.cmd.Name, "-", "") + "Command", Category: ResourceExists,
			Target: dst.path, Exception: "System.Management.Automation.SessionStateException",
			Msg: fmt.Sprintf("A %s with name '%s' already exists.", flatItemNoun(dst.prov), dst.path)})
	}
	v, _ := c.s.flatValue(c.fr, src)
	if err := c.s.setFlatItem(c.fr, dst, v, false); err != nil {
		return c.WriteError(flatItemError(err, dst))
	}
	if err := c.s.removeFlatItem(c.fr, src); err != nil {
		return c.WriteError(flatItemError(err, src))
	}
	return c.passThru(dst)
}

// renameItemProcess gives the item Rename-Item names its -NewName, in the
// same folder.
func renameItemProcess(c *Call) error {
	given := c.givenPaths()
	if len(given) == 0 {
		return nil
	}
	items, err := c.resolve(given[0], c.literal())
	if err != nil {
		return c.writeProblem(err)
	}
	if len(items) != 1 {
		if len(items) == 0 {
			return nil
		}
		return c.WriteError(&ErrorRecord{ID: "RenameItemInvalidPath", Category: InvalidArgument, Target: given[0],
			Exception: "System.Management.Automation.PSArgumentException", Msg: "Cannot rename because the target specified represents more than one item."})
	}
	src := items[0]
	newName := c.String("NewName")
	dst := psPath{prov: src.prov, path: newName}
	if src.prov == provFS {
		if strings.ContainsAny(newName, `/\`) {
			np, err := c.s.parsePSPath(c.fr, newName)
			if err != nil || filepath.Dir(np.path) != filepath.Dir(src.path) {
				return c.WriteError(&ErrorRecord{ID: "Argument", Category: InvalidArgument, Target: newName,
					Exception: "System.Management.Automation.PSArgumentException", Msg: "Cannot rename the specified target, because it represents a path or device name."})
			}
			newName = filepath.Base(np.path)
		}
		dst.path = filepath.Join(filepath.Dir(src.path), newName)
	} else if !c.ShouldProcess("Item: "+src.String()+" Destination: "+dst.String(), "Rename Item") {
		return nil
	} else {
		return c.renameFlat(src, dst)
	}
	st, err := c.s.host.files.Lstat(src.path)
	if err != nil {
		return c.WriteError(pathNotFound(src.path))
	}
	action := "Rename File"
	if st.IsDir() {
		action = "Rename Directory"
	}
	if !c.ShouldProcess("Item: "+src.path+" Destination: "+dst.path, action) {
		return nil
	}
	if !c.s.allowWrite {
		c.skipWrite("renaming", src.path)
		return nil
	}
	if dst.path != src.path {
		if _, err := c.s.host.files.Lstat(dst.path); err == nil {
			return c.WriteError(&ErrorRecord{ID: "RenameItemIOError", Category: WriteError, Target: src.path, Exception: "System.IO.IOException",
				Msg: "Cannot create a file when that file already exists."})
		}
		if err := c.s.host.files.Rename(src.path, dst.path); err != nil {
			return c.fsFail("RenameItemIOError", WriteError, src.path, err)
		}
	}
	return c.passThru(dst)
}

// setItemProcess sets the items Set-Item names to -Value: environment
// variables, variables and functions (files have no value to set).
func setItemProcess(c *Call) error {
	if err := c.optionsNone(); err != nil {
		return err
	}
	for _, given := range c.givenPaths() {
		pp, err := c.s.parsePSPath(c.fr, given)
		if err != nil {
			if werr := c.writeProblem(err); werr != nil {
				return werr
			}
			continue
		}
		targets := []psPath{pp}
		if !c.literal() && value.HasWildcard(pp.path) {
			if targets, err = c.resolve(given, false); err != nil {
				return c.writeProblem(err)
			}
		}
		for _, t := range targets {
			if err := c.setItem(t); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *Call) setItem(pp psPath) error {
	if pp.prov == provFS {
		if !c.s.itemExists(c.fr, pp) {
			return c.WriteError(pathNotFound(pp.path))
		}
		return c.WriteError(&ErrorRecord{ID: "NotSupported", Category: NotImplemented, Target: pp.path,
			Exception: "System.Management.Automation.PSNotSupportedException", Msg: "Provider operation stopped because the provider does not support this operation."})
	}
	if pp.isRoot() {
		return c.WriteError(&ErrorRecord{ID: "SetItemArgumentError", Category: InvalidArgument, Target: pp.String(),
			Exception: "System.Management.Automation.PSArgumentException", Msg: "Cannot process argument because the value of argument \"name\" is not valid."})
	}
	val := c.Arg("Value")
	if !c.ShouldProcess("Item: "+pp.path+" Value: "+c.s.toString(val), "Set Item") {
		return nil
	}
	var err error
	if pp.prov == provFunc && !c.Has("Value") {
		// a function set to nothing is removed
		err = c.s.removeFlatItem(c.fr, pp)
		if _, notFound := err.(*ErrorRecord); notFound {
			err = nil
		}
	} else {
		err = c.s.setFlatItem(c.fr, pp, val, false)
	}
	if err != nil {
		rec := flatItemError(err, pp)
		if rec.ID == "NotImplemented" {
			return notImplemented(c.Pos, c.cmd.Name, strings.TrimSuffix(strings.TrimPrefix(rec.Msg, "[NotImplemented] "), " is not emulated"))
		}
		return c.WriteError(rec)
	}
	if c.s.itemExists(c.fr, pp) {
		return c.passThru(pp)
	}
	return nil
}

// clearItemProcess clears the value of each item Clear-Item names.
func clearItemProcess(c *Call) error {
	return c.eachItem(func(pp psPath) error {
		switch pp.prov {
		case provFS:
			return c.WriteError(&ErrorRecord{ID: "NotSupported", Category: NotImplemented, Target: pp.path,
				Exception: "System.Management.Automation.PSNotSupportedException", Msg: "Provider operation stopped because the provider does not support this operation."})
		case provAlias:
			return notImplemented(c.Pos, c.cmd.Name, "clearing an alias")
		}
		if !c.ShouldProcess("Item: "+pp.path, "Clear Item") {
			return nil
		}
		var err error
		switch pp.prov {
		case provVar:
			err = c.s.setFlatItem(c.fr, pp, nil, false)
		default:
			err = c.s.removeFlatItem(c.fr, pp)
		}
		if err != nil {
			return c.WriteError(flatItemError(err, pp))
		}
		return nil
	})
}

// resolvePathProcess writes a PathInfo for each item a path names (or
// with -Relative the path relative to the current location).
func resolvePathProcess(c *Call) error {
	base := c.s.currentLocation()
	if c.Has("RelativeBasePath") {
		bp, err := c.s.parsePSPath(c.fr, c.String("RelativeBasePath"))
		if err != nil {
			return c.writeProblem(err)
		}
		base = bp
	}
	return c.eachItem(func(pp psPath) error {
		if c.Bool("Relative") || c.Has("RelativeBasePath") && c.Bool("Relative") {
			return c.Write(relativePath(base, pp))
		}
		return c.Write(pathInfo(pp))
	})
}

// relativePath is pp relative to base, as Resolve-Path -Relative writes it
// ("./a.txt", "../b").
func relativePath(base, pp psPath) string {
	if base.prov != pp.prov || pp.prov != provFS {
		return pp.String()
	}
	rel, err := filepath.Rel(base.path, pp.path)
	if err != nil {
		return pp.path
	}
	if rel == "." || !strings.HasPrefix(rel, "..") {
		return "." + string(filepath.Separator) + rel
	}
	return rel
}

// pathInfo is a System.Management.Automation.PathInfo of an item path.
func pathInfo(pp psPath) *value.Object {
	o := value.NewObject("System.Management.Automation.PathInfo")
	shown := pp.String()
	o.Set("Drive", pp.prov.drive())
	o.Set("Provider", `Microsoft.PowerShell.Core\`+pp.prov.name())
	o.Set("ProviderPath", pp.path)
	o.Set("Path", shown)
	o.SetToString(shown)
	o.DefaultDisplay = []string{"Path"}
	return o
}

// convertPathProcess writes the native path of each item a path names.
func convertPathProcess(c *Call) error {
	return c.eachItem(func(pp psPath) error { return c.Write(pp.path) })
}

// location is the current location as Get-Location writes it.
func (s *Session) location() *value.Object { return pathInfo(s.currentLocation()) }

// setLocation moves the current location to pp, a folder or a drive.
func (s *Session) setLocation(pp psPath) {
	if pp.prov != provFS {
		loc := psPath{prov: pp.prov}
		s.host.loc = &loc
	} else {
		s.host.loc = nil
		dir := pp.path
		s.host.wd = func() (string, error) { return dir, nil }
		s.host.files.wd = s.host.wd
	}
	cur := s.currentLocation()
	s.global.vars["pwd"] = &Variable{Name: "PWD", Value: pathInfo(cur)}
}

// locationTarget resolves the path Set-Location or Push-Location goes to:
// a folder, or the root of a drive of another provider.
func (c *Call) locationTarget() (psPath, bool, error) {
	given := c.String("Path")
	if c.Has("LiteralPath") {
		given = c.String("LiteralPath")
	}
	if !c.Has("Path") && !c.Has("LiteralPath") {
		home, _ := c.s.host.home()
		return psPath{prov: provFS, path: home}, true, nil
	}
	if err := c.refused(); err != nil {
		return psPath{}, false, err // Set-Location - and +, from the refused-parameter table
	}
	items, err := c.resolve(given, c.literal())
	if err != nil {
		return psPath{}, false, c.writeProblem(err)
	}
	if len(items) == 0 {
		return psPath{}, false, c.WriteError(pathNotFound(given))
	}
	if len(items) > 1 {
		return psPath{}, false, c.WriteError(&ErrorRecord{ID: "SetLocationPathResolvedToMultiple", Category: InvalidArgument, Target: given,
			Exception: "System.Management.Automation.PSArgumentException", Msg: "The path resolved to more than one object."})
	}
	pp := items[0]
	if !c.s.isContainer(pp) {
		return psPath{}, false, c.WriteError(&ErrorRecord{ID: "PathNotFound", Category: ObjectNotFound, Target: given,
			Exception: "System.Management.Automation.ItemNotFoundException", Msg: fmt.Sprintf("Cannot find path '%s' because it does not exist.", pp.String())})
	}
	return pp, true, nil
}

// setLocationProcess moves the session's current location (never the
// process's working folder).
func setLocationProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	pp, ok, err := c.locationTarget()
	if !ok {
		return err
	}
	c.s.setLocation(pp)
	if c.Bool("PassThru") {
		return c.Write(c.s.location())
	}
	return nil
}

// pushLocationProcess saves the current location and moves to -Path.
func pushLocationProcess(c *Call) error {
	cur := c.s.currentLocation()
	var pp psPath
	if c.Has("Path") || c.Has("LiteralPath") {
		var ok bool
		var err error
		if pp, ok, err = c.locationTarget(); !ok {
			return err
		}
	}
	if c.s.host.stacks == nil {
		c.s.host.stacks = map[string][]psPath{}
	}
	key := strings.ToLower(c.String("StackName"))
	c.s.host.stacks[key] = append(c.s.host.stacks[key], cur)
	if c.Has("Path") || c.Has("LiteralPath") {
		c.s.setLocation(pp)
	}
	if c.Bool("PassThru") {
		return c.Write(c.s.location())
	}
	return nil
}

// popLocationProcess moves back to the location last pushed.
func popLocationProcess(c *Call) error {
	key := strings.ToLower(c.String("StackName"))
	stack := c.s.host.stacks[key]
	if len(stack) == 0 {
		if key != "" {
			return c.WriteError(&ErrorRecord{ID: "Argument", Category: InvalidArgument, Target: c.String("StackName"),
				Exception: "System.Management.Automation.PSArgumentException", Msg: fmt.Sprintf("The location stack '%s' does not exist.", c.String("StackName"))})
		}
		return nil
	}
	top := stack[len(stack)-1]
	c.s.host.stacks[key] = stack[:len(stack)-1]
	c.s.setLocation(top)
	if c.Bool("PassThru") {
		return c.Write(c.s.location())
	}
	return nil
}

// clearContentProcess empties each file Clear-Content names (or sets a
// variable to $null, removes an environment variable's value).
func clearContentProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	return c.eachItem(func(pp psPath) error {
		if pp.prov != provFS {
			if pp.prov == provFunc || pp.prov == provAlias {
				return notImplemented(c.Pos, c.cmd.Name, "Clear-Content of a "+flatItemNoun(pp.prov))
			}
			if !c.ShouldProcess("Item: "+pp.String(), "Clear Content") {
				return nil
			}
			if err := c.s.setFlatItem(c.fr, pp, "", false); err != nil {
				return c.WriteError(flatItemError(err, pp))
			}
			return nil
		}
		if c.s.isContainer(pp) {
			return c.WriteError(&ErrorRecord{ID: "ClearContentDirectoryError", Category: InvalidOperation, Target: pp.path,
				Exception: "System.Management.Automation.PSInvalidOperationException",
				Msg:       "Unable to get content because it is a directory: '" + pp.path + "'. Please use 'Get-ChildItem' instead."})
		}
		if !c.ShouldProcess("Item: "+pp.path, "Clear Content") {
			return nil
		}
		if !c.s.allowWrite {
			c.skipWrite("clearing", pp.path)
			return nil
		}
		if err := c.s.writeAll(pp.path, nil, false); err != nil {
			return c.fsFail("ClearContentIOError", WriteError, pp.path, err)
		}
		return nil
	})
}

// pathCmdlets are Test-Path, Join-Path and Split-Path.
func pathCmdlets() []*Cmdlet {
	return noCredentials([]*Cmdlet{
		{
			Name: "Test-Path", Module: mgmt, Synopsis: "Tells whether a path names an item (or is valid).",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/test-path",
			Params: []*ParamDef{allowEmpty(mand(sets(pipe(byName(p("Path", "string[]", 0))), "Path"))),
				allowEmpty(mand(sets(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP")), "LiteralPath"))),
				p("Filter", "string", -1), p("Include", "string[]", -1), p("Exclude", "string[]", -1),
				alias(&ParamDef{Name: "PathType", Type: "string", Position: -1, Values: []string{"Any", "Container", "Leaf"}, Enum: "Microsoft.PowerShell.Commands.TestPathType"}, "Type"),
				p("IsValid", "switch", -1), p("Credential", "object", -1), p("OlderThan", "datetime", -1), p("NewerThan", "datetime", -1)},
			DefaultSet: "Path",
			Process:    testPathProcess,
		},
		{
			Name: "Join-Path", Module: mgmt, Synopsis: "Joins a path and child paths.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/join-path",
			Params: []*ParamDef{mand(pipe(byName(alias(p("Path", "string[]", 0), "PSPath")))), allowEmpty(mand(byName(p("ChildPath", "string", 1)))),
				rest(p("AdditionalChildPath", "string[]", 2)), p("Resolve", "switch", -1), p("Credential", "object", -1)},
			Process: joinPathProcess,
		},
		{
			Name: "Split-Path", Module: mgmt, Synopsis: "Returns a part of a path.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/split-path",
			Params: []*ParamDef{
				{Name: "Path", Type: "string[]", Position: 0, Mandatory: true, Pipeline: true, ByName: true,
					Sets: []string{"ParentSet", "LeafSet", "LeafBaseSet", "ExtensionSet", "QualifierSet", "NoQualifierSet", "IsAbsoluteSet"}},
				mand(sets(byName(alias(p("LiteralPath", "string[]", -1), "PSPath", "LP")), "LiteralPathSet")),
				sets(p("Parent", "switch", -1), "ParentSet"), sets(p("Leaf", "switch", -1), "LeafSet"), sets(p("LeafBase", "switch", -1), "LeafBaseSet"),
				sets(p("Extension", "switch", -1), "ExtensionSet"), sets(p("Qualifier", "switch", -1), "QualifierSet"),
				sets(p("NoQualifier", "switch", -1), "NoQualifierSet"), sets(p("IsAbsolute", "switch", -1), "IsAbsoluteSet"),
				p("Resolve", "switch", -1), p("Credential", "object", -1)},
			DefaultSet: "ParentSet",
			Process:    splitPathProcess,
		},
	})
}

// testPathProcess writes whether each path names an item (of -PathType,
// kept by the filters, changed within -OlderThan/-NewerThan), or with
// -IsValid whether its syntax is valid. An empty or blank path is False;
// a $null one is a non-terminating error (TestPathCommand).
func testPathProcess(c *Call) error {
	raw := c.Arg("Path")
	if c.Has("LiteralPath") {
		raw = c.Arg("LiteralPath")
	}
	var paths []any
	if raw != nil {
		paths = value.AsSlice(raw)
	}
	nullErr := func() error {
		return c.WriteError(&ErrorRecord{ID: "NullPathNotPermitted", Category: InvalidArgument, Exception: "System.ArgumentNullException",
			Msg: "Value cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')"})
	}
	if len(paths) == 0 {
		return nullErr()
	}
	for _, it := range paths {
		if it == nil {
			if err := nullErr(); err != nil {
				return err
			}
			continue
		}
		path := c.s.toString(it)
		ok := false
		switch {
		case strings.TrimSpace(path) == "", c.Arg("Credential") != nil:
		case c.Bool("IsValid"):
			ok = c.s.validPath(c.fr, path)
		default:
			ok = c.testPath(path)
		}
		if err := c.Write(ok); err != nil {
			return err
		}
	}
	return nil
}

// validPath reports whether a path's syntax is valid: its drive or
// provider exists and it holds no NUL character (the only character a
// Linux path cannot hold).
func (s *Session) validPath(fr frame, path string) bool {
	if strings.ContainsRune(path, 0) {
		return false
	}
	_, err := s.parsePSPath(fr, path)
	return err == nil
}

// testPath reports whether a path names an item Test-Path looks for.
func (c *Call) testPath(path string) bool {
	items, err := c.resolve(path, c.literal())
	if err != nil {
		return false
	}
	for _, pp := range items {
		if !c.keepsItem(pp) {
			continue
		}
		switch strings.ToLower(c.String("PathType")) {
		case "container":
			if !c.s.isContainer(pp) {
				continue
			}
		case "leaf":
			if c.s.isContainer(pp) {
				continue
			}
		}
		if c.Has("OlderThan") || c.Has("NewerThan") {
			if pp.prov != provFS {
				continue
			}
			st, err := c.s.host.files.Stat(pp.path)
			if err != nil {
				continue
			}
			if t, ok := c.Arg("OlderThan").(time.Time); ok && !st.ModTime().Before(t) {
				continue
			}
			if t, ok := c.Arg("NewerThan").(time.Time); ok && !st.ModTime().After(t) {
				continue
			}
		}
		return true
	}
	return false
}

// joinPathProcess writes each -Path joined with -ChildPath and the
// -AdditionalChildPath parts, as the provider joins them ('/' on Linux);
// with -Resolve, the items the joined path names.
func joinPathProcess(c *Call) error {
	for _, base := range c.Strings("Path") {
		if _, err := c.s.parsePSPath(c.fr, base); err != nil {
			var pp *pathProblem
			if errors.As(err, &pp) && pp.rec.ID != "ProviderNotFound" {
				if werr := c.writeProblem(err); werr != nil {
					return werr
				}
				continue
			}
		}
		joined := makePath(base, c.String("ChildPath"))
		for _, extra := range c.Strings("AdditionalChildPath") {
			joined = makePath(joined, extra)
		}
		if !c.Bool("Resolve") {
			if err := c.Write(joined); err != nil {
				return err
			}
			continue
		}
		items, err := c.resolve(joined, false)
		if err != nil {
			if werr := c.writeProblem(err); werr != nil {
				return werr
			}
			continue
		}
		for _, pp := range items {
			if err := c.Write(pp.String()); err != nil {
				return err
			}
		}
	}
	return nil
}

// makePath joins a parent and a child path as a navigation provider does
// on Linux (NavigationCmdletProvider.MakePath): separators become '/',
// one '/' goes between them, and an empty child leaves the parent ending
// with '/'.
func makePath(parent, child string) string {
	norm := func(s string) string { return strings.ReplaceAll(s, `\`, "/") }
	switch {
	case parent == "" && child == "":
		return ""
	case parent == "":
		return norm(child)
	case child == "" || child == "/" || child == `\`:
		parent = norm(parent)
		if strings.HasSuffix(parent, "/") {
			return parent
		}
		return parent + "/"
	}
	parent, child = norm(parent), norm(child)
	child = strings.TrimPrefix(child, "/")
	if strings.HasSuffix(parent, "/") || strings.HasPrefix(child, "/") || child == "" {
		return parent + child
	}
	return parent + "/" + child
}

// splitQualifier splits a path's drive ("env:") or provider
// ("FileSystem::") qualifier from the rest.
func splitQualifier(path string) (qual, rest string) {
	if i := strings.Index(path, "::"); i > 0 {
		return path[:i+2], path[i+2:]
	}
	if i := strings.IndexByte(path, ':'); i > 0 && !strings.ContainsAny(path[:i], `/\`) {
		return path[:i+1], path[i+1:]
	}
	return "", path
}

// flatDrive reports whether a drive qualifier names a drive of a provider
// whose paths have no parents (Env:, Variable:, Function:, Alias:).
func flatDrive(qual string) bool {
	switch strings.ToLower(strings.TrimSuffix(qual, ":")) {
	case "env", "variable", "function", "alias":
		return true
	}
	return false
}

// splitPathProcess writes the part of each path (or with -Resolve of each
// item it names) that Split-Path's switches select, the parent by
// default. It reads the path's syntax only; the drive need not exist.
func splitPathProcess(c *Call) error {
	var paths []string
	if c.Bool("Resolve") {
		for _, given := range c.givenPaths() {
			items, err := c.resolve(given, c.literal())
			if err != nil {
				if werr := c.writeProblem(err); werr != nil {
					return werr
				}
				continue
			}
			for _, pp := range items {
				paths = append(paths, pp.String())
			}
		}
	} else {
		paths = c.givenPaths()
	}
	for _, path := range paths {
		qual, rest := splitQualifier(path)
		norm := strings.ReplaceAll(rest, `\`, "/")
		trimmed := norm
		for len(trimmed) > 1 && strings.HasSuffix(trimmed, "/") {
			trimmed = trimmed[:len(trimmed)-1]
		}
		leaf := trimmed
		if i := strings.LastIndexByte(trimmed, '/'); i >= 0 && trimmed != "/" {
			leaf = trimmed[i+1:]
		}
		var out any
		switch {
		case c.Bool("IsAbsolute"):
			out = qual != "" || strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, `\`)
		case c.Bool("Qualifier"):
			if qual == "" {
				if err := c.WriteError(&ErrorRecord{ID: "ParsePathFormatError", Category: InvalidArgument, Target: path, Exception: "System.FormatException",
					Msg: fmt.Sprintf("Cannot parse path because path '%s' does not have a qualifier specified.", path)}); err != nil {
					return err
				}
				continue
			}
			out = qual
		case c.Bool("NoQualifier"):
			out = rest
		case c.Bool("Leaf"), c.Bool("LeafBase"), c.Bool("Extension"):
			if flatDrive(qual) {
				leaf = path
			}
			switch {
			case c.Bool("LeafBase"):
				out = strings.TrimSuffix(leaf, filepath.Ext(leaf))
			case c.Bool("Extension"):
				out = filepath.Ext(leaf)
			default:
				out = leaf
			}
		default:
			i := strings.LastIndexByte(trimmed, '/')
			switch {
			case flatDrive(qual), trimmed == "/", i < 0:
				out = ""
			case i == 0:
				out = qual + "/"
			default:
				out = qual + trimmed[:i]
			}
		}
		if err := c.Write(out); err != nil {
			return err
		}
	}
	return nil
}
