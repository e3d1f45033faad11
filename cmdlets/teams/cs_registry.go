package teams

//go:generate go run ./internal/gencs ../../state/reference/cmdlets.json cs_params_gen.go

import (
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// Modules returns the modules of the Teams and Skype for Business cmdlets.
// A command of the form Verb-CsNoun that csemu does not emulate belongs to
// them: running it fails with [NotImplemented] naming it.
func Modules() []cmdlets.Module {
	return []cmdlets.Module{
		{Name: "MicrosoftTeams", Version: "6.7.0", Real: IsRealCommand, Types: moduleTypes()},
		{Name: "SkypeForBusiness", Version: "7.0.0", Real: IsRealCommand},
	}
}

// IsRealCommand reports whether name looks like a Teams or Skype for
// Business cmdlet (Verb-CsNoun).
func IsRealCommand(name string) bool {
	i := strings.IndexByte(name, '-')
	if i <= 0 || i+3 > len(name) {
		return false
	}
	return strings.EqualFold(name[i+1:i+3], "cs")
}

// Cmdlets returns the Teams and Skype for Business cmdlets, working on h's
// tenant: the documented parameters of csCmdletFacts with the handlers of
// each family, the connection cmdlets, and csemu's own directory and
// what-if cmdlets. A documented cmdlet without a handler fails as not
// emulated. Each call returns new cmdlets, for one session.
func (h *Holder) Cmdlets() []*cmdlets.Cmdlet {
	facts := csCmdletFacts()
	handle := func(key string, process func(c call) error) {
		if cmd, ok := facts[key]; ok {
			cmd.Process = h.handler(process)
		}
	}
	for _, f := range families() {
		handle(f.qualifier+"Get-"+f.noun, f.get)
		handle(f.qualifier+"Set-"+f.noun, f.set)
		if cmd, ok := facts[f.qualifier+"Set-"+f.noun]; ok {
			withInstance(cmd)
		}
		if f.form != globalOnly && f.form != siteOnly {
			handle(f.qualifier+"New-"+f.noun, f.newObject)
			handle(f.qualifier+"Remove-"+f.noun, f.remove)
			if cmd, ok := facts[f.qualifier+"Remove-"+f.noun]; ok {
				// Get-X -Filter Tag:Old* | Remove-X, as scripts do: the
				// objects Get- writes carry their Identity
				if p := cmd.Param("Identity"); p != nil {
					p.ByName = true
				}
			}
			handle(f.qualifier+"Grant-"+f.noun, f.grant)
		}
	}
	for key, process := range directoryHandlers() {
		handle(key, process)
	}
	for key, process := range federationHandlers() {
		handle(key, process)
	}
	for key, process := range appCentricHandlers() {
		handle(key, process)
	}
	federationParams(facts)
	appCentricParams(facts)
	directoryParams(facts)
	acceptDefaults(facts)
	out := make([]*cmdlets.Cmdlet, 0, len(facts)+8)
	out = append(out, connectionCmdlets()...)
	out = append(out, h.emuCmdlets()...)
	out = append(out, h.importCmdlets()...)
	out = append(out, h.compareCmdlets()...)
	out = append(out, h.whatIfCmdlets()...)
	out = append(out, h.appWhatIfCmdlets()...)
	out = append(out, h.sfbUserCmdlets()...)
	for key, cmd := range facts {
		if strings.HasPrefix(key, "Grant-") || strings.Contains(key, `\Grant-`) {
			// the real Grant- cmdlets take users from the pipeline, by
			// value and by property name (Get-CsOnlineUser | Grant-...)
			if p := cmd.Param("Identity"); p != nil {
				p.Pipeline, p.ByName = true, true
			}
		}
		if cmd.Process == nil {
			cmd.NotImplemented = true
		}
		cmd.Qualified = strings.Contains(key, `\`)
		out = append(out, cmd)
	}
	fams := families()
	for _, cmd := range out {
		h.decorate(cmd, cmdletFamily(fams, cmd))
	}
	return out
}

// acceptDefaults lets Set- and New- take back every value that a family's
// Global defaults hold, also where Microsoft's documented list lacks it
// (the Global meeting policy's ParticipantSlideControl is Enabled): a
// script that reads a setting and writes it back unchanged must work.
func acceptDefaults(facts map[string]*cmdlets.Cmdlet) {
	for _, f := range families() {
		def, ok := state.DefaultObject(f.kind)
		if !ok {
			continue
		}
		for _, verb := range []string{"Set-", "New-"} {
			cmd, ok := facts[f.qualifier+verb+f.noun]
			if !ok {
				continue
			}
			for _, p := range cmd.Params {
				v, ok := def.Get(p.Name)
				if !ok || v == nil || len(p.Documented) == 0 {
					continue
				}
				items, isList := v.([]any)
				if !isList {
					items = []any{v}
				}
				for _, it := range items {
					text := state.Text(it)
					if !containsFold(p.Documented, text) && !containsFold(p.Accepted, text) {
						p.Accepted = append(p.Accepted, text)
					}
				}
			}
		}
	}
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// decorate sets what the interpreter asks of a cmdlet beyond running it:
// the documented-value check and the completion of each parameter (of
// family f, nil for none), and where help finds a synopsis and examples
// when the cmdlet has none.
func (h *Holder) decorate(cmd *cmdlets.Cmdlet, f *family) {
	for _, p := range cmd.Params {
		if len(p.Documented) > 0 {
			p.Check = checkDocumented
		}
		p.Complete = h.completer(cmd, f, p)
	}
	if !cmd.NotImplemented {
		cmd.Describe = describe
	}
}

// describe is the Describe hook of the Teams and Skype for Business
// cmdlets: a synopsis and examples made from the cmdlet's family.
func describe(cmd *cmdlets.Cmdlet) (string, []string) {
	f := cmdletFamily(families(), cmd)
	return synopsis(cmd, f), examples(cmd, f)
}

// connectionCmdlets are the cmdlets that connect to the service: csemu
// runs offline, so they succeed without connecting and say so.
func connectionCmdlets() []*cmdlets.Cmdlet {
	return []*cmdlets.Cmdlet{
		cmdlets.Offline("Disconnect-MicrosoftTeams", "MicrosoftTeams", "Disconnecting from Microsoft Teams"),
		{
			Name: "Connect-MicrosoftTeams", Module: "MicrosoftTeams", Synopsis: "Connects to Microsoft Teams (offline: the emulated tenant is used).",
			Params: []*cmdlets.ParamDef{p("TenantId", "string", -1), p("Credential", "object", -1), p("AccountId", "string", -1),
				p("CertificateThumbprint", "string", -1), p("ApplicationId", "string", -1), p("Identity", "switch", -1),
				p("UseDeviceAuthentication", "switch", -1), p("AccessTokens", "string[]", -1), p("LogLevel", "string", -1),
				p("LogFilePath", "string", -1), p("TeamsEnvironmentName", "string", -1), p("Certificate", "object", -1),
				p("ManagedIdentityAccountId", "string", -1)},
			Process: connectTeams,
		},
		{
			Name: "New-CsOnlineSession", Module: "SkypeOnlineConnector", Synopsis: "Retired: returns an emulated session object.",
			Params: []*cmdlets.ParamDef{p("Credential", "object", -1), p("OverrideAdminDomain", "string", -1), p("UserName", "string", -1),
				p("SessionOption", "object", -1), p("OverridePowershellUri", "string", -1), p("OverrideDiscoveryUri", "string", -1)},
			Process: newOnlineSession,
		},
	}
}

// connectTeams is Connect-MicrosoftTeams: it writes the context object of
// a connection that was not made.
func connectTeams(c *cmdlets.Call) error {
	c.Verbose("Connect-MicrosoftTeams: csemu runs offline against its local tenant; no connection was made.")
	o := value.NewObject("Microsoft.TeamsCmdlets.Powershell.Connect.Models.PSAzureContext")
	account := c.String("AccountId")
	if account == "" {
		account = "admin@contoso.onmicrosoft.com"
	}
	tenant := c.String("TenantId")
	if tenant == "" {
		tenant = "00000000-0000-0000-0000-000000000000"
	}
	o.Set("Account", account)
	o.Set("Environment", "AzureCloud")
	o.Set("Tenant", tenant)
	o.Set("TenantId", tenant)
	return c.Write(o)
}

// newOnlineSession is the retired New-CsOnlineSession: it writes a session
// object that Import-PSSession takes.
func newOnlineSession(c *cmdlets.Call) error {
	c.Verbose("New-CsOnlineSession: the cmdlet is retired in the real module; csemu returns an offline session object.")
	o := value.NewObject("System.Management.Automation.Runspaces.PSSession")
	o.Set("Id", 1)
	o.Set("Name", "SfBPowerShellSession")
	o.Set("ComputerName", "offline")
	o.Set("State", "Opened")
	return c.Write(o)
}

// p makes a parameter definition: name, type and position (-1 for none).
func p(name, typ string, pos int) *cmdlets.ParamDef {
	return &cmdlets.ParamDef{Name: name, Type: typ, Position: pos}
}

// pipe marks a parameter as taking pipeline input by value.
func pipe(d *cmdlets.ParamDef) *cmdlets.ParamDef { d.Pipeline = true; return d }

// byName marks a parameter as taking pipeline input by property name.
func byName(d *cmdlets.ParamDef) *cmdlets.ParamDef { d.ByName = true; return d }

// mand marks a parameter as mandatory.
func mand(d *cmdlets.ParamDef) *cmdlets.ParamDef { d.Mandatory = true; return d }

// alias adds aliases to a parameter.
func alias(d *cmdlets.ParamDef, names ...string) *cmdlets.ParamDef {
	d.Aliases = append(d.Aliases, names...)
	return d
}

// help sets a parameter's one-line description.
func help(d *cmdlets.ParamDef, text string) *cmdlets.ParamDef { d.Help = text; return d }

// values sets a parameter's ValidateSet.
func values(d *cmdlets.ParamDef, vals ...string) *cmdlets.ParamDef { d.Values = vals; return d }
