package cmdlets

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// provKind is one of the PowerShell providers csemu has: the file system
// and the session's own stores, the environment, variables, functions and
// aliases (about_Providers).
type provKind uint8

const (
	provFS provKind = iota
	provEnv
	provVar
	provFunc
	provAlias
)

// name is the provider's name, as ProviderInfo.Name.
func (k provKind) name() string {
	switch k {
	case provEnv:
		return "Environment"
	case provVar:
		return "Variable"
	case provFunc:
		return "Function"
	case provAlias:
		return "Alias"
	}
	return "FileSystem"
}

// drive is the name of the provider's drive ("/" is the root of the file
// system on Linux).
func (k provKind) drive() string {
	switch k {
	case provEnv:
		return "Env"
	case provVar:
		return "Variable"
	case provFunc:
		return "Function"
	case provAlias:
		return "Alias"
	}
	return "/"
}

// psPath is an item's path in one of csemu's providers.
type psPath struct {
	prov provKind
	// path is the absolute, clean native path of a file or folder, or the
	// name of an item of another provider ("" for its drive's root).
	path string
}

// String is the path as pwsh shows it in messages: the native path of a
// file, else the drive-qualified path (Env:\PATH).
func (p psPath) String() string {
	if p.prov == provFS {
		return p.path
	}
	return p.prov.drive() + `:\` + p.path
}

// qualified is the provider-qualified path, as an item's PSPath:
// Microsoft.PowerShell.Core\FileSystem::/tmp/x.
func (p psPath) qualified() string {
	return `Microsoft.PowerShell.Core\` + p.prov.name() + "::" + p.path
}

// isRoot reports whether p is the root of its drive.
func (p psPath) isRoot() bool {
	if p.prov == provFS {
		return p.path == "/"
	}
	return p.path == ""
}

// pathProblem is an error of a path that names no provider or drive csemu
// has; the cmdlet reports it as a non-terminating error.
type pathProblem struct{ rec *ErrorRecord }

func (e *pathProblem) Error() string { return e.rec.Msg }

func driveNotFound(given, drive string) error {
	return &pathProblem{&ErrorRecord{ID: "DriveNotFound", Category: ObjectNotFound, Target: drive,
		Exception: "System.Management.Automation.DriveNotFoundException",
		Msg:       fmt.Sprintf("Cannot find drive. A drive with the name '%s' does not exist.", drive)}}
}

func providerNotFound(name string) error {
	return &pathProblem{&ErrorRecord{ID: "ProviderNotFound", Category: ObjectNotFound, Target: name,
		Exception: "System.Management.Automation.ProviderNotFoundException",
		Msg:       fmt.Sprintf("Cannot find a provider with the name '%s'.", name)}}
}

// pathNotFound is the error of a path that names no item.
func pathNotFound(p string) *ErrorRecord {
	return &ErrorRecord{ID: "PathNotFound", Category: ObjectNotFound, Target: p,
		Exception: "System.Management.Automation.ItemNotFoundException",
		Msg:       fmt.Sprintf("Cannot find path '%s' because it does not exist.", p)}
}

// providerNotEmulated is the [NotImplemented] error of the providers of
// Windows (the registry, certificates, WS-Management).
func providerNotEmulated(what string) error {
	return &pathProblem{&ErrorRecord{ID: "NotImplemented", Category: NotImplemented, Exception: "System.NotImplementedException",
		Msg: "[NotImplemented] the " + what + " provider is not emulated"}}
}

// writeProblem writes a path's error (a *pathProblem or an *ErrorRecord)
// as a non-terminating error of the call; a [NotImplemented] provider
// stops the statement.
func (c *Call) writeProblem(err error) error {
	var pp *pathProblem
	var rec *ErrorRecord
	switch {
	case errors.As(err, &pp):
		rec = pp.rec
		if rec.ID == "NotImplemented" {
			return notImplemented(c.Pos, c.cmd.Name, strings.TrimSuffix(strings.TrimPrefix(rec.Msg, "[NotImplemented] "), " is not emulated"))
		}
	case errors.As(err, &rec):
	default:
		return err
	}
	cp := *rec
	return c.WriteError(&cp)
}

// currentLocation is the session's current location.
func (s *Session) currentLocation() psPath {
	if s.host.loc != nil {
		return *s.host.loc
	}
	wd, _ := s.host.wd()
	return psPath{prov: provFS, path: wd}
}

// parsePSPath makes a path as a script gives it (relative, drive- or
// provider-qualified, with ~ or Windows separators) into an item path of
// one of csemu's providers. It expands no wildcards.
func (s *Session) parsePSPath(fr frame, p string) (psPath, error) {
	if i := strings.Index(p, "::"); i > 0 {
		prov := p[:i]
		short := prov
		if j := strings.LastIndexByte(short, '\\'); j >= 0 {
			short = short[j+1:]
		}
		rest := p[i+2:]
		switch strings.ToLower(short) {
		case "filesystem":
			return s.fsPath(rest, ""), nil
		case "environment":
			return psPath{prov: provEnv, path: itemName(rest)}, nil
		case "variable":
			return psPath{prov: provVar, path: itemName(rest)}, nil
		case "function":
			return psPath{prov: provFunc, path: itemName(rest)}, nil
		case "alias":
			return psPath{prov: provAlias, path: itemName(rest)}, nil
		case "registry", "certificate", "wsman":
			return psPath{}, providerNotEmulated(short)
		}
		return psPath{}, providerNotFound(prov)
	}
	if i := strings.IndexByte(p, ':'); i > 0 && !strings.ContainsAny(p[:i], `/\`) {
		drive, rest := p[:i], p[i+1:]
		switch strings.ToLower(drive) {
		case "env":
			return psPath{prov: provEnv, path: itemName(rest)}, nil
		case "variable":
			return psPath{prov: provVar, path: itemName(rest)}, nil
		case "function":
			return psPath{prov: provFunc, path: itemName(rest)}, nil
		case "alias":
			return psPath{prov: provAlias, path: itemName(rest)}, nil
		case "temp":
			return s.fsPath(strings.TrimLeft(nativePath(rest), "/"), s.tempDir()), nil
		case "hklm", "hkcu":
			return psPath{}, providerNotEmulated("Registry")
		case "cert":
			return psPath{}, providerNotEmulated("Certificate")
		case "wsman":
			return psPath{}, providerNotEmulated("WSMan")
		}
		if d := s.findDrive(fr, drive); d != nil {
			return s.fsPath(strings.TrimLeft(nativePath(rest), "/"), d.root), nil
		}
		return psPath{}, driveNotFound(p, drive)
	}
	// "/" is the drive of the file system's root on Linux: a path that
	// starts with it is absolute from any location
	if loc := s.currentLocation(); loc.prov != provFS && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "~") {
		name := itemName(p)
		if name == "." {
			name = loc.path
		}
		return psPath{prov: loc.prov, path: name}, nil
	}
	return s.fsPath(p, ""), nil
}

// itemName is the name of an item of a flat provider, without the
// separators that may start it (Env:\PATH).
func itemName(rest string) string { return strings.TrimLeft(rest, `/\`) }

// fsPath is a file-system path made absolute against base (the working
// directory when base is ""), with ~ for the home folder.
func (s *Session) fsPath(p, base string) psPath {
	p = nativePath(p)
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, _ := s.host.home()
		p = home + p[1:]
	}
	if !filepath.IsAbs(p) {
		if base == "" {
			base, _ = s.host.wd()
		}
		p = filepath.Join(base, p)
	}
	return psPath{prov: provFS, path: filepath.Clean(p)}
}

// resolvePSPaths returns the items a -Path names, expanding its wildcards,
// or with literal the one item a -LiteralPath names. A path without
// wildcards that names no item fails with the PathNotFound record; a
// wildcard that matches nothing gives no item and no error, as in pwsh.
//
// On Linux a name that starts with a dot is hidden: a wildcard matches it
// only when its own pattern starts with a dot or with force (-Force), as
// the file-system provider skips hidden items.
func (s *Session) resolvePSPaths(fr frame, p string, literal, force bool) ([]psPath, error) {
	pp, err := s.parsePSPath(fr, p)
	if err != nil {
		return nil, err
	}
	if literal || !value.HasWildcard(pp.path) {
		if !s.itemExists(fr, pp) {
			return nil, pathNotFound(pp.String())
		}
		return []psPath{pp}, nil
	}
	if pp.prov != provFS {
		var out []psPath
		for _, name := range s.childNames(fr, pp.prov) {
			if value.Like(name, pp.path, false) {
				out = append(out, psPath{prov: pp.prov, path: name})
			}
		}
		return out, nil
	}
	parts := strings.Split(strings.TrimPrefix(pp.path, "/"), "/")
	found := []string{"/"}
	for _, part := range parts {
		var next []string
		for _, dir := range found {
			if !value.HasWildcard(part) {
				next = append(next, filepath.Join(dir, unescapeWildcard(part)))
				continue
			}
			entries, _ := s.host.files.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") && !force && !strings.HasPrefix(part, ".") {
					continue
				}
				if value.Like(e.Name(), part, false) {
					next = append(next, filepath.Join(dir, e.Name()))
				}
			}
		}
		found = next
	}
	var out []psPath
	for _, f := range found {
		if _, err := s.host.files.Lstat(f); err == nil {
			out = append(out, psPath{prov: provFS, path: f})
		}
	}
	return out, nil
}

// unescapeWildcard drops the backticks that escape wildcard characters.
func unescapeWildcard(s string) string {
	if !strings.ContainsRune(s, '`') {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '`' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// resolve is resolvePSPaths for a call, with its -Force.
func (c *Call) resolve(p string, literal bool) ([]psPath, error) {
	return c.s.resolvePSPaths(c.fr, p, literal, c.Bool("Force"))
}

// itemExists reports whether p names an item (or a drive's root).
func (s *Session) itemExists(fr frame, p psPath) bool {
	if p.isRoot() {
		return true
	}
	switch p.prov {
	case provEnv:
		_, ok := s.getEnv(p.path)
		return ok
	case provVar:
		_, ok := s.lookupVar(fr.scope, p.path)
		return ok
	case provFunc:
		_, ok := s.lookupFunc(fr.scope, p.path)
		return ok
	case provAlias:
		_, ok := s.lookupAlias(fr.scope, p.path)
		return ok
	}
	_, err := s.host.files.Lstat(p.path)
	return err == nil
}

// isContainer reports whether p is a folder or a drive's root.
func (s *Session) isContainer(p psPath) bool {
	if p.isRoot() {
		return true
	}
	if p.prov != provFS {
		return false
	}
	st, err := s.host.files.Stat(p.path)
	return err == nil && st.IsDir()
}

// aliasTarget is the command an alias names.
func (s *Session) aliasTarget(name string) (string, bool) {
	for a, to := range s.aliases {
		if strings.EqualFold(a, name) {
			return to, true
		}
	}
	return "", false
}

// childNames lists the items of a flat provider's drive, sorted by name.
func (s *Session) childNames(fr frame, k provKind) []string {
	var out []string
	switch k {
	case provEnv:
		seen := map[string]bool{}
		for _, kv := range s.host.environ() {
			name, _, _ := strings.Cut(kv, "=")
			if _, ok := s.getEnv(name); ok && !seen[strings.ToUpper(name)] {
				seen[strings.ToUpper(name)] = true
				out = append(out, name)
			}
		}
		for name, v := range s.envSet {
			if v != nil && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	case provVar:
		for _, v := range listVars(fr.scope) {
			out = append(out, v.Name)
		}
	case provFunc:
		seen := map[string]bool{}
		for sc := fr.scope; sc != nil; sc = sc.parent {
			for k, f := range sc.funcs {
				if !seen[k] {
					seen[k] = true
					out = append(out, f.Name)
				}
			}
		}
	case provAlias:
		for _, e := range s.aliasTable(fr.scope, true) {
			out = append(out, e.name)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// itemObject is what Get-Item writes for an item: a FileInfo or
// DirectoryInfo, an environment entry, a PSVariable, a FunctionInfo or an
// AliasInfo, with the PS* properties the providers add.
func (s *Session) itemObject(fr frame, p psPath) (*value.Object, error) {
	var o *value.Object
	switch p.prov {
	case provFS:
		st, err := s.host.files.Stat(p.path)
		if err != nil {
			if st, err = s.host.files.Lstat(p.path); err != nil {
				return nil, pathNotFound(p.path)
			}
		}
		return s.fileInfo(p.path, st), nil
	case provEnv:
		v, _ := s.getEnv(p.path)
		o = value.NewObject("System.Collections.DictionaryEntry")
		o.Set("Name", p.path)
		o.Set("Key", p.path)
		o.Set("Value", v)
		o.DefaultDisplay = []string{"Name", "Value"}
	case provVar:
		v, ok := s.lookupVar(fr.scope, p.path)
		if !ok {
			return nil, pathNotFound(p.String())
		}
		o = variableObject(v)
	case provFunc:
		f, ok := s.lookupFunc(fr.scope, p.path)
		if !ok {
			return nil, pathNotFound(p.String())
		}
		o = s.functionObject(f)
	case provAlias:
		e, _, ok := s.findAlias(fr.scope, p.path)
		if !ok {
			e = &aliasEntry{name: p.path}
		}
		o = s.aliasObject(fr.scope, e)
	}
	addProviderProps(o, p, false)
	return o, nil
}

// addProviderProps adds the properties every provider item has: PSPath,
// PSParentPath, PSChildName, PSDrive, PSProvider and PSIsContainer.
func addProviderProps(o *value.Object, p psPath, container bool) {
	parent := psPath{prov: p.prov}
	child := p.path
	if p.prov == provFS {
		parent.path = filepath.Dir(p.path)
		child = filepath.Base(p.path)
	}
	o.Set("PSPath", p.qualified())
	if p.isRoot() {
		o.Set("PSParentPath", "")
	} else {
		o.Set("PSParentPath", parent.qualified())
	}
	o.Set("PSChildName", child)
	o.Set("PSDrive", p.prov.drive())
	o.Set("PSProvider", `Microsoft.PowerShell.Core\`+p.prov.name())
	o.Set("PSIsContainer", container)
}

// variableObject is a variable as Get-Variable and the Variable: drive
// write it.
func variableObject(v *Variable) *value.Object {
	o := value.NewObject("System.Management.Automation.PSVariable")
	o.Set("Name", v.Name)
	o.AddGetter("Description", func() any { return v.Description })
	o.AddGetter("Value", func() any { return v.get() })
	o.Set("Visibility", "Public")
	o.Set("Module", nil)
	o.Set("ModuleName", "")
	o.AddGetter("Options", func() any {
		if v.Options == 0 && v.ReadOnly {
			return optReadOnly.String()
		}
		return v.Options.String()
	})
	o.DefaultDisplay = []string{"Name", "Value"}
	return o
}

// functionObject is a function as the Function: drive writes it.
func (s *Session) functionObject(f *Function) *value.Object {
	o := value.NewObject("System.Management.Automation.FunctionInfo")
	sb := s.functionScriptBlock(f)
	o.Set("CommandType", "Function")
	o.Set("Name", f.Name)
	// a module's function names its module, as Get-Command shows it
	o.Set("Version", s.commandVersion(moduleName(f)))
	o.Set("ScriptBlock", sb)
	o.Set("Definition", sb.Text)
	o.Set("Options", "None")
	s.setCommandModule(o, f.module)
	o.DefaultDisplay = []string{"CommandType", "Name", "Version", "Source"}
	return o
}

// fsErrorMessage is the .NET message of a file-system error.
func fsErrorMessage(err error, path string) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("Could not find a part of the path '%s'.", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("Access to the path '%s' is denied.", path)
	case errors.Is(err, fs.ErrExist):
		return fmt.Sprintf("The file '%s' already exists.", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
