package cmdlets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// PowerShell drives (about_PSDrives): the built-in drives of csemu's
// providers (/, Temp, Env, Variable, Function, Alias) and the file-system
// drives New-PSDrive makes, which live in the scope that made them (or
// one -Scope names), as pwsh's do.

// psDrive is a drive made with New-PSDrive: a name for a folder.
type psDrive struct {
	name, root, description string
}

// findDrive returns the New-PSDrive drive of that name visible from fr.
func (s *Session) findDrive(fr frame, name string) *psDrive {
	for sc := fr.scope; sc != nil; sc = sc.parent {
		for _, d := range s.host.drives[sc] {
			if strings.EqualFold(d.name, name) {
				return d
			}
		}
	}
	return nil
}

// builtinDrive reports whether name is a drive every session has.
func builtinDrive(name string) bool {
	switch strings.ToLower(name) {
	case "/", "temp", "env", "variable", "function", "alias":
		return true
	}
	return false
}

// driveObject is a PSDriveInfo.
func (s *Session) driveObject(name, provider, root, description string) *value.Object {
	o := value.NewObject("System.Management.Automation.PSDriveInfo", "System.Object")
	o.Set("Name", name)
	o.Set("Used", nil)
	o.Set("Free", nil)
	o.Set("Provider", `Microsoft.PowerShell.Core\`+provider)
	o.Set("Root", root)
	loc := s.currentLocation()
	cur := ""
	if provider == "FileSystem" && loc.prov == provFS && strings.HasPrefix(loc.path, root) {
		cur = strings.TrimLeft(strings.TrimPrefix(loc.path, root), "/")
	}
	o.Set("CurrentLocation", cur)
	o.Set("Description", description)
	o.Set("DisplayRoot", nil)
	o.SetToString(name)
	o.DefaultDisplay = []string{"Name", "Used", "Free", "Provider", "Root", "CurrentLocation"}
	return o
}

// allDrives are the drives visible from fr, sorted by name.
func (s *Session) allDrives(fr frame) []*value.Object {
	type entry struct{ name, prov, root, desc string }
	entries := []entry{{"/", "FileSystem", "/", "Root"}, {"Alias", "Alias", "", "Drive containing a view of the aliases stored in session state."},
		{"Env", "Environment", "", "Drive containing a view of the environment variables for the process."},
		{"Function", "Function", "", "Drive containing a view of the functions stored in session state."},
		{"Temp", "FileSystem", s.tempDir(), "Drive that maps to the temporary directory path for the current user"},
		{"Variable", "Variable", "", "Drive containing a view of those variables stored in session state."}}
	seen := map[string]bool{}
	for sc := fr.scope; sc != nil; sc = sc.parent {
		for _, d := range s.host.drives[sc] {
			if !seen[strings.ToLower(d.name)] {
				seen[strings.ToLower(d.name)] = true
				entries = append(entries, entry{d.name, "FileSystem", d.root, d.description})
			}
		}
	}
	sort.Slice(entries, func(i, j int) bool { return strings.ToLower(entries[i].name) < strings.ToLower(entries[j].name) })
	out := make([]*value.Object, len(entries))
	for i, e := range entries {
		out[i] = s.driveObject(e.name, e.prov, e.root, e.desc)
	}
	return out
}

func driveCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "New-PSDrive", Module: mgmt, Synopsis: "Makes a drive for a folder (for the session, in a scope).",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/new-psdrive", ShouldProcess: true,
			Params: []*ParamDef{mand(byName(p("Name", "string", 0))), mand(byName(p("PSProvider", "string", 1))),
				mand(byName(allowEmpty(p("Root", "string", 2)))), byName(p("Description", "string", -1)), byName(p("Scope", "string", -1)),
				byName(p("Persist", "switch", -1)), p("Credential", "object", -1)},
			Process: newPSDriveProcess,
		},
		{
			Name: "Get-PSDrive", Module: mgmt, Synopsis: "Lists the drives.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-psdrive",
			Params: []*ParamDef{sets(byName(p("Name", "string[]", 0)), "Name"), sets(byName(p("LiteralName", "string[]", -1)), "LiteralName"),
				p("Scope", "string", -1), byName(p("PSProvider", "string[]", -1))},
			DefaultSet: "Name",
			Process:    getPSDriveProcess,
		},
		{
			Name: "Remove-PSDrive", Module: mgmt, Synopsis: "Removes drives made with New-PSDrive.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/remove-psdrive", ShouldProcess: true,
			Params: []*ParamDef{mand(sets(pipe(byName(p("Name", "string[]", 0))), "Name")), mand(sets(byName(p("LiteralName", "string[]", -1)), "LiteralName")),
				byName(p("PSProvider", "string[]", -1)), p("Scope", "string", -1), p("Force", "switch", -1)},
			DefaultSet: "Name",
			Process:    removePSDriveProcess,
		},
	}
}

// newPSDriveProcess makes a file-system drive (other providers' drives
// are not emulated).
func newPSDriveProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	provider := c.String("PSProvider")
	short := provider
	if i := strings.LastIndexByte(short, '\\'); i >= 0 {
		short = short[i+1:]
	}
	switch strings.ToLower(short) {
	case "filesystem":
	case "registry", "certificate", "wsman", "environment", "variable", "function", "alias":
		return notImplemented(c.Pos, c.cmd.Name, "New-PSDrive for the "+short+" provider")
	default:
		return c.WriteError(&ErrorRecord{ID: "ProviderNotFound", Category: ObjectNotFound, Target: provider,
			Exception: "System.Management.Automation.ProviderNotFoundException", Msg: fmt.Sprintf("Cannot find a provider with the name '%s'.", provider)})
	}
	name := c.String("Name")
	if name == "" || strings.ContainsAny(name, `:/\*?[]`) {
		return c.WriteError(&ErrorRecord{ID: "NewDriveNameInvalid", Category: InvalidArgument, Target: name,
			Exception: "System.Management.Automation.PSArgumentException", Msg: fmt.Sprintf("The drive name \"%s\" is not valid.", name)})
	}
	if builtinDrive(name) || c.s.findDrive(c.fr, name) != nil {
		return c.WriteError(&ErrorRecord{ID: "DriveAlreadyExists", Category: ResourceExists, Target: name,
			Exception: "System.Management.Automation.SessionStateException", Msg: fmt.Sprintf("A drive with the name '%s' already exists.", name)})
	}
	root, err := c.s.parsePSPath(c.fr, c.String("Root"))
	if err == nil && (root.prov != provFS || !c.s.isContainer(root)) {
		err = &ErrorRecord{}
	}
	if err != nil {
		return c.WriteError(&ErrorRecord{ID: "DriveRootError", Category: ReadError, Target: c.String("Root"),
			Exception: "System.IO.IOException", Msg: fmt.Sprintf("The specified drive root \"%s\" either does not exist, or it is not a folder.", c.String("Root"))})
	}
	sc := c.fr.scope
	if c.Has("Scope") {
		sc = scopeFor(c, c.String("Scope"))
	}
	if !c.ShouldProcess(fmt.Sprintf("Name: %s Provider: Microsoft.PowerShell.Core\\FileSystem Root: %s", name, root.path), "New drive") {
		return nil
	}
	if c.s.host.drives == nil {
		c.s.host.drives = map[*Scope][]*psDrive{}
	}
	c.s.host.drives[sc] = append(c.s.host.drives[sc], &psDrive{name: name, root: root.path, description: c.String("Description")})
	return c.Write(c.s.driveObject(name, "FileSystem", root.path, c.String("Description")))
}

// getPSDriveProcess writes the drives -Name (wildcards) names, or all.
func getPSDriveProcess(c *Call) error {
	names := c.Strings("Name")
	literal := c.Has("LiteralName")
	if literal {
		names = c.Strings("LiteralName")
	}
	provs := c.Strings("PSProvider")
	drives := c.s.allDrives(c.fr)
	if len(names) == 0 {
		names = []string{"*"}
	}
	for _, n := range names {
		found := false
		for _, d := range drives {
			dn, _ := d.Get("Name")
			prov, _ := d.Get("Provider")
			short := strings.TrimPrefix(value.ToString(prov), `Microsoft.PowerShell.Core\`)
			match := strings.EqualFold(value.ToString(dn), n) || !literal && value.Like(value.ToString(dn), n, false)
			if !match || len(provs) > 0 && !likeAny(short, provs) {
				continue
			}
			found = true
			if err := c.Write(d); err != nil {
				return err
			}
		}
		if !found && (literal || !value.HasWildcard(n)) {
			if err := c.WriteError(&ErrorRecord{ID: "GetLocationNoMatchingDrive", Category: ObjectNotFound, Target: n,
				Exception: "System.Management.Automation.DriveNotFoundException", Msg: fmt.Sprintf("Cannot find drive. A drive with the name '%s' does not exist.", n)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// removePSDriveProcess removes drives made with New-PSDrive.
func removePSDriveProcess(c *Call) error {
	names := c.Strings("Name")
	literal := c.Has("LiteralName")
	if literal {
		names = c.Strings("LiteralName")
	}
	for _, n := range names {
		removed := false
		for sc := c.fr.scope; sc != nil && !removed; sc = sc.parent {
			kept := c.s.host.drives[sc][:0:0]
			for _, d := range c.s.host.drives[sc] {
				if strings.EqualFold(d.name, n) || !literal && value.Like(d.name, n, false) {
					if !c.ShouldProcess(fmt.Sprintf("Name: %s Provider: Microsoft.PowerShell.Core\\FileSystem Root: %s", d.name, d.root), "Remove Drive") {
						kept = append(kept, d)
						continue
					}
					removed = true
					continue
				}
				kept = append(kept, d)
			}
			if c.s.host.drives != nil {
				c.s.host.drives[sc] = kept
			}
		}
		if !removed && (literal || !value.HasWildcard(n)) {
			if err := c.WriteError(&ErrorRecord{ID: "DriveNotFound", Category: ObjectNotFound, Target: n,
				Exception: "System.Management.Automation.DriveNotFoundException", Msg: fmt.Sprintf("Cannot find drive. A drive with the name '%s' does not exist.", n)}); err != nil {
				return err
			}
		}
	}
	return nil
}
