package cmdlets

import (
	"sort"
	"strings"

	"github.com/csemu/csemu/state/fold"
)

// p makes a parameter definition: name, type and position (-1 for none).
func p(name, typ string, pos int) *ParamDef { return &ParamDef{Name: name, Type: typ, Position: pos} }

// pipe marks a parameter as taking pipeline input by value.
func pipe(d *ParamDef) *ParamDef { d.Pipeline = true; return d }

// byName marks a parameter as taking pipeline input by property name.
func byName(d *ParamDef) *ParamDef { d.ByName = true; return d }

// mand marks a parameter as mandatory.
func mand(d *ParamDef) *ParamDef { d.Mandatory = true; return d }

// allowNull lets a mandatory parameter take $null ([AllowNull()]).
func allowNull(d *ParamDef) *ParamDef { d.AllowNull = true; return d }

// allowEmpty lets a mandatory parameter take $null, "" and an empty
// collection ([AllowNull][AllowEmptyString][AllowEmptyCollection]).
func allowEmpty(d *ParamDef) *ParamDef {
	d.AllowNull, d.AllowEmptyString, d.AllowEmptyCollection = true, true, true
	return d
}

// alias adds aliases to a parameter.
func alias(d *ParamDef, names ...string) *ParamDef { d.Aliases = append(d.Aliases, names...); return d }

// rest marks a parameter as taking the remaining positional arguments.
func rest(d *ParamDef) *ParamDef { d.Remaining = true; return d }

// sets puts a parameter in parameter sets.
func sets(d *ParamDef, names ...string) *ParamDef { d.Sets = append(d.Sets, names...); return d }

// help sets a parameter's one-line description.
func help(d *ParamDef, text string) *ParamDef { d.Help = text; return d }

// values sets a parameter's ValidateSet.
func values(d *ParamDef, vals ...string) *ParamDef { d.Values = vals; return d }

// Module is a module whose commands a caller registers with
// [WithCommands]: Get-Module lists it, Get-Command shows its version.
type Module struct {
	Name    string
	Version string
	// Real reports whether a command name that no registered cmdlet
	// answers to belongs to the real module: running it then fails with
	// [NotImplemented] naming it, instead of "not recognized". Nil when
	// every command of the module is registered.
	Real func(name string) bool
	// Types are the .NET classes the module defines that scripts create
	// with New-Object -TypeName T [-Property @{...}] (or the type's
	// no-argument constructor, [T]::new()): an object of that type with
	// the listed properties, each $null until set.
	Types []ModuleType
}

// ModuleType is a class a module defines: its full name and its
// properties.
type ModuleType struct {
	Name       string
	Properties []string
}

// Commands is a command table: the core cmdlets, the cmdlets and modules
// that callers register, and the aliases. A session builds one; lint
// builds one to resolve and check commands without a session. It is not
// changed after it is built.
type Commands struct {
	cmds    map[string]*Cmdlet // by lower-case name, or Module\Name for a qualified cmdlet
	aliases map[string]string
	modules []Module
}

// NewCommands returns the command table of the core cmdlets and cmds, in
// the modules mods. A core cmdlet wins over a registered one of the same
// name, and an earlier registered one over a later one.
func NewCommands(mods []Module, cmds ...*Cmdlet) *Commands {
	var all []*Cmdlet
	all = append(all, outputCmdlets()...)
	all = append(all, objectCmdlets()...)
	all = append(all, formatHexCmdlet())
	all = append(all, dataCmdlets()...)
	all = append(all, clixmlCmdlets()...)
	all = append(all, testJSONCmdlet())
	all = append(all, fileCmdlets()...)
	all = append(all, itemCmdlets()...)
	all = append(all, contentCmdlets()...)
	all = append(all, pathCmdlets()...)
	all = append(all, cultureCmdlets()...)
	all = append(all, driveCmdlets()...)
	all = append(all, miscCmdlets()...)
	all = append(all, transcriptCmdlets()...)
	all = append(all, textCmdlets()...)
	all = append(all, historyCmdlets()...)
	all = append(all, moduleCmdlets()...)
	all = append(all, aliasCmdlets()...)
	all = append(all, variableCmdlets()...)
	all = append(all, utilityCmdlets()...)
	all = append(all, fileHashCmdlet(), newTemporaryFileCmdlet())
	all = append(all, aliasFileCmdlets()...)
	all = append(all, newModuleManifestCmdlet(), importLocalizedDataCmdlet())
	all = append(all, notEmulatedCmdlets()...)
	t := &Commands{cmds: make(map[string]*Cmdlet, len(all)+len(cmds)), aliases: coreAliases(), modules: mods}
	for _, c := range all {
		if c.Module == "" {
			c.Module = "Microsoft.PowerShell.Utility"
		}
		if c.Class == "" {
			// the core cmdlets' classes: Verb-Noun is VerbNounCommand
			c.Class = "Microsoft.PowerShell.Commands." + strings.ReplaceAll(c.Name, "-", "") + "Command"
		}
		t.cmds[strings.ToLower(c.Name)] = c
	}
	for _, c := range cmds {
		key := strings.ToLower(c.Name)
		if c.Qualified {
			key = strings.ToLower(c.Module) + `\` + key
		}
		if _, ok := t.cmds[key]; !ok {
			t.cmds[key] = c
		}
	}
	return t
}

// Lookup returns a command by name or alias, as [Session.Command] does.
func (t *Commands) Lookup(name string) (*Cmdlet, bool) {
	if to, ok := fold.Lookup(t.aliases, name); ok {
		name = to
	}
	return fold.Lookup(t.cmds, name)
}

// Names lists the emulated commands, sorted.
func (t *Commands) Names() []string {
	out := make([]string, 0, len(t.cmds))
	for _, c := range t.cmds {
		if !c.NotImplemented {
			out = append(out, c.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Aliases lists the aliases, sorted.
func (t *Commands) Aliases() []string {
	out := make([]string, 0, len(t.aliases))
	for a := range t.aliases {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// Modules returns the registered modules.
func (t *Commands) Modules() []Module { return t.modules }

// IsReal reports whether name, which no command of the table answers to,
// is a real command that csemu does not emulate: one of a registered
// module, or of the families of real commands (Azure, Graph, Exchange,
// SharePoint...) that csemu leaves out.
func (t *Commands) IsReal(name string) bool {
	for _, m := range t.modules {
		if m.Real != nil && m.Real(name) {
			return true
		}
	}
	return isKnownUnemulated(strings.ToLower(name))
}

// coreAliases are the aliases of the core cmdlets.
func coreAliases() map[string]string {
	return map[string]string{
		"%": "ForEach-Object", "foreach": "ForEach-Object", "?": "Where-Object", "where": "Where-Object",
		"select": "Select-Object", "sort": "Sort-Object", "group": "Group-Object", "measure": "Measure-Object",
		"ft": "Format-Table", "fl": "Format-List", "fhx": "Format-Hex", "echo": "Write-Output", "write": "Write-Output", "gtz": "Get-TimeZone",
		"gc": "Get-Content", "cat": "Get-Content", "type": "Get-Content", "sleep": "Start-Sleep",
		"gm": "Get-Member", "iex": "Invoke-Expression", "icm": "Invoke-Command", "gv": "Get-Variable",
		"sv": "Set-Variable", "set": "Set-Variable", "cls": "Clear-Host", "clear": "Clear-Host",
		"gcm": "Get-Command", "ipmo": "Import-Module", "gmo": "Get-Module", "rmo": "Remove-Module", "nmo": "New-Module", "epcsv": "Export-Csv",
		"ipcsv": "Import-Csv", "oh": "Out-Host", "tee": "Tee-Object", "pwd": "Get-Location", "gl": "Get-Location",
		"gci": "Get-ChildItem", "ls": "Get-ChildItem", "dir": "Get-ChildItem", "cd": "Set-Location",
		"sl": "Set-Location", "chdir": "Set-Location", "ni": "New-Item", "md": "New-Item", "mkdir": "New-Item",
		"rm": "Remove-Item", "del": "Remove-Item", "erase": "Remove-Item", "ri": "Remove-Item", "cp": "Copy-Item",
		"copy": "Copy-Item", "mv": "Move-Item", "move": "Move-Item", "gi": "Get-Item", "ac": "Add-Content",
		"sc": "Set-Content", "rv": "Remove-Variable", "nv": "New-Variable", "compare": "Compare-Object",
		"diff": "Compare-Object", "sls": "Select-String", "h": "Get-History", "history": "Get-History",
		"saps": "Start-Process", "start": "Start-Process", "ps": "Get-Process", "gps": "Get-Process",
		"kill": "Stop-Process", "spps": "Stop-Process",
		"iwr": "Invoke-WebRequest", "irm": "Invoke-RestMethod", "fw": "Format-Wide", "ogv": "Out-GridView",
		"gal": "Get-Alias", "ghy": "Get-History", "clv": "Clear-Variable", "gdr": "Get-PSDrive",
		"ihy": "Invoke-History", "r": "Invoke-History", "clhy": "Clear-History", "man": "help",
		"sal": "Set-Alias", "nal": "New-Alias", "ral": "Remove-Alias", "epal": "Export-Alias", "ipal": "Import-Alias",
	}
}

// CommandNames lists the emulated commands (for completion and Get-Command).
func (s *Session) CommandNames() []string { return s.table.Names() }

// AliasNames lists the aliases.
func (s *Session) AliasNames() []string { return s.table.Aliases() }

// Command returns an emulated command by name or alias.
func (s *Session) Command(name string) (*Cmdlet, bool) { return s.table.Lookup(name) }

// notEmulatedCmdlets are real commands that csemu does not model: calling
// one fails with a NotImplemented error that names it.
func notEmulatedCmdlets() []*Cmdlet {
	names := []string{
		"Add-Type", "Invoke-WebRequest", "Invoke-RestMethod", "Start-Process", "Stop-Process", "Get-Process",
		"Send-MailMessage", "Get-WmiObject", "Get-CimInstance", "New-PSSession", "Enter-PSSession",
		"Exit-PSSession", "Invoke-Item", "Restart-Computer", "Stop-Computer", "Start-Job", "Receive-Job",
		"Wait-Job", "Get-Job", "Remove-Job", "Register-ScheduledTask", "New-ScheduledTaskAction",
		"Out-GridView", "Show-Command", "Get-EventLog", "Write-EventLog", "New-EventLog", "Get-WinEvent",
		"Set-ExecutionPolicy", "Get-ExecutionPolicy", "Unblock-File", "Compress-Archive", "Expand-Archive", "Get-AzureADUser",
		"Connect-AzureAD", "Connect-MsolService", "Get-MsolUser", "Connect-ExchangeOnline", "Get-Mailbox",
		"Connect-MgGraph", "Get-MgUser", "Get-MgGroup", "Get-MgGroupMember", "Invoke-MgGraphRequest",
		"Get-Team", "New-Team", "Add-TeamUser", "Get-TeamUser", "Set-Team", "Remove-Team",
		"ConvertFrom-SecureString",
		"Start-Transaction", "Register-ObjectEvent", "Wait-Event", "New-WebServiceProxy", "Test-Connection",
		"Resolve-DnsName", "Test-NetConnection", "Get-Acl", "Set-Acl", "Get-Service", "Start-Service",
		"Stop-Service", "Restart-Service", "Get-HotFix", "Get-Counter", "Out-Printer", "Get-Clipboard",
		"Set-Clipboard", "Update-Help",
		"Save-Help", "Find-Module", "Update-Module", "Uninstall-Module", "Register-PSRepository",
		"Get-InstalledModule", "Publish-Module", "Save-Module", "Configuration", "Start-DscConfiguration",
		"Get-DscConfiguration", "Import-DscResource", "Select-Xml", "ConvertTo-Html",
		"ConvertTo-Xml", "Format-Custom",
		"Set-TimeZone", "Get-ItemProperty",
		"Set-ItemProperty", "New-ItemProperty", "Remove-ItemProperty",
		"Measure-Command", "Trace-Command", "Get-PSCallStack",
		"Get-TypeData", "Update-TypeData", "Update-FormatData", "Get-FormatData",
		"Test-ModuleManifest", "Get-PSRepository", "Set-PSRepository",
		"Get-PackageProvider", "Install-PackageProvider", "Get-Package", "Install-Package",
	}
	out := make([]*Cmdlet, len(names))
	for i, n := range names {
		out[i] = &Cmdlet{Name: n, NotImplemented: true}
	}
	return out
}

// isKnownUnemulated reports whether a lower-case command name is a real
// command that csemu leaves out.
func isKnownUnemulated(lname string) bool {
	switch {
	case strings.HasPrefix(lname, "get-az"), strings.HasPrefix(lname, "set-az"), strings.HasPrefix(lname, "new-az"),
		strings.HasPrefix(lname, "connect-az"), strings.HasPrefix(lname, "get-mg"), strings.HasPrefix(lname, "new-mg"),
		strings.HasPrefix(lname, "update-mg"), strings.HasPrefix(lname, "remove-mg"), strings.HasPrefix(lname, "get-exo"),
		strings.HasPrefix(lname, "get-spo"), strings.HasPrefix(lname, "set-spo"), strings.HasPrefix(lname, "connect-spo"),
		strings.HasPrefix(lname, "get-pnp"), strings.HasPrefix(lname, "connect-pnp"), strings.HasPrefix(lname, "get-msol"),
		strings.HasPrefix(lname, "set-msol"), strings.HasPrefix(lname, "get-azuread"), strings.HasPrefix(lname, "set-azuread"):
		return true
	}
	return false
}
