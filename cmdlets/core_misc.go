package cmdlets

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// offline makes a cmdlet that succeeds without doing anything and says so
// on the verbose stream.
func offline(name, module, what string, params ...*ParamDef) *Cmdlet {
	return &Cmdlet{
		Name: name, Module: module, Synopsis: what + " (offline: csemu does nothing).",
		Params: params,
		Process: func(c *Call) error {
			subject := name
			if names := c.Strings("Name"); len(names) > 0 {
				subject += " " + strings.Join(names, ", ")
			}
			c.Verbose("%s: csemu runs offline; %s is not needed and nothing was done.", subject, strings.ToLower(what[:1])+what[1:])
			return nil
		},
	}
}

func miscCmdlets() []*Cmdlet {
	moduleParams := func() []*ParamDef {
		return []*ParamDef{rest(pipe(p("Name", "string[]", 0))), p("Force", "switch", -1), p("Scope", "string", -1),
			p("AllowClobber", "switch", -1), p("RequiredVersion", "string", -1), p("MinimumVersion", "string", -1),
			p("MaximumVersion", "string", -1), p("Repository", "string", -1), p("SkipPublisherCheck", "switch", -1),
			p("AcceptLicense", "switch", -1), p("AllowPrerelease", "switch", -1), p("Global", "switch", -1),
			p("Prefix", "string", -1), p("DisableNameChecking", "switch", -1), p("PassThru", "switch", -1),
			p("UseWindowsPowerShell", "switch", -1), p("NoClobber", "switch", -1), p("ArgumentList", "object[]", -1),
			p("Function", "string[]", -1), p("Cmdlet", "string[]", -1), p("Variable", "string[]", -1), p("Alias", "string[]", -1),
			p("Confirm", "switch", -1), p("WhatIf", "switch", -1), p("ModuleInfo", "object", -1), p("FullyQualifiedName", "object", -1),
			p("Credential", "object", -1), p("Proxy", "string", -1)}
	}
	dateParams := []*ParamDef{pipe(alias(p("Date", "datetime", 0), "LastWriteTime")), p("Year", "int", -1), p("Month", "int", -1),
		p("Day", "int", -1), p("Hour", "int", -1), p("Minute", "int", -1), p("Second", "int", -1), p("Millisecond", "int", -1),
		values(p("DisplayHint", "string", -1), "Date", "Time", "DateTime"), p("Format", "string", -1), p("UFormat", "string", -1),
		p("AsUTC", "switch", -1), p("UnixTimeSeconds", "long", -1)}
	return []*Cmdlet{
		offline("Import-Module", "Microsoft.PowerShell.Core", "Loading a module", moduleParams()...),
		offline("Install-Module", "PowerShellGet", "Installing a module", moduleParams()...),
		offline("Remove-Module", "Microsoft.PowerShell.Core", "Removing a module", moduleParams()...),
		offline("Disconnect-MicrosoftTeams", "MicrosoftTeams", "Disconnecting from Microsoft Teams"),
		offline("Start-Transcript", "Microsoft.PowerShell.Host", "Starting a transcript",
			p("Path", "string", 0), alias(p("LiteralPath", "string", -1), "PSPath"), p("OutputDirectory", "string", -1),
			p("Append", "switch", -1), p("Force", "switch", -1), p("NoClobber", "switch", -1), p("IncludeInvocationHeader", "switch", -1),
			p("UseMinimalHeader", "switch", -1)),
		offline("Stop-Transcript", "Microsoft.PowerShell.Host", "Stopping a transcript"),
		offline("Remove-PSSession", "Microsoft.PowerShell.Core", "Closing a remote session", pipe(p("Session", "object", 0)), p("Id", "int[]", -1), p("Name", "string[]", -1), p("ComputerName", "string[]", -1)),
		offline("Clear-Host", "Microsoft.PowerShell.Core", "Clearing the screen"),
		offline("Set-ExecutionPolicy", "Microsoft.PowerShell.Security", "Setting the execution policy", p("ExecutionPolicy", "string", 0), p("Scope", "string", 1), p("Force", "switch", -1)),
		{
			Name: "Get-Module", Module: "Microsoft.PowerShell.Core", Synopsis: "Lists modules (the emulated modules count as available).",
			Params: []*ParamDef{pipe(rest(p("Name", "string[]", 0))), p("ListAvailable", "switch", -1), p("All", "switch", -1),
				p("Refresh", "switch", -1), p("FullyQualifiedName", "object", -1), p("PSEdition", "string", -1)},
			Process: func(c *Call) error {
				known := []struct{ name, version string }{{"MicrosoftTeams", "6.7.0"}, {"SkypeForBusiness", "7.0.0"}}
				names := c.Strings("Name")
				for _, m := range known {
					match := len(names) == 0
					for _, n := range names {
						if value.Like(m.name, n, false) {
							match = true
						}
					}
					if !match {
						continue
					}
					o := value.NewObject("System.Management.Automation.PSModuleInfo")
					o.Set("ModuleType", "Script")
					o.Set("Version", m.version)
					o.Set("Name", m.name)
					o.Set("ExportedCommands", "")
					o.DefaultDisplay = []string{"ModuleType", "Version", "Name", "ExportedCommands"}
					if err := c.Write(o); err != nil {
						return err
					}
				}
				return nil
			},
		},
		{
			Name: "Connect-MicrosoftTeams", Module: "MicrosoftTeams", Synopsis: "Connects to Microsoft Teams (offline: the emulated tenant is used).",
			Params: []*ParamDef{p("TenantId", "string", -1), p("Credential", "object", -1), p("AccountId", "string", -1),
				p("CertificateThumbprint", "string", -1), p("ApplicationId", "string", -1), p("Identity", "switch", -1),
				p("UseDeviceAuthentication", "switch", -1), p("AccessTokens", "string[]", -1), p("LogLevel", "string", -1),
				p("LogFilePath", "string", -1), p("TeamsEnvironmentName", "string", -1), p("Certificate", "object", -1),
				p("ManagedIdentityAccountId", "string", -1)},
			Process: func(c *Call) error {
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
			},
		},
		{
			Name: "New-CsOnlineSession", Module: "SkypeOnlineConnector", Synopsis: "Retired: returns an emulated session object.",
			Params: []*ParamDef{p("Credential", "object", -1), p("OverrideAdminDomain", "string", -1), p("UserName", "string", -1),
				p("SessionOption", "object", -1), p("OverridePowershellUri", "string", -1), p("OverrideDiscoveryUri", "string", -1)},
			Process: func(c *Call) error {
				c.Verbose("New-CsOnlineSession: the cmdlet is retired in the real module; csemu returns an offline session object.")
				o := value.NewObject("System.Management.Automation.Runspaces.PSSession")
				o.Set("Id", 1)
				o.Set("Name", "SfBPowerShellSession")
				o.Set("ComputerName", "offline")
				o.Set("State", "Opened")
				return c.Write(o)
			},
		},
		{
			Name: "Import-PSSession", Module: "Microsoft.PowerShell.Utility", Synopsis: "Imports a remote session's commands (offline: nothing to import).",
			Params: []*ParamDef{mand(p("Session", "object", 0)), p("AllowClobber", "switch", -1), p("DisableNameChecking", "switch", -1),
				p("Prefix", "string", -1), p("CommandName", "string[]", 1), p("FormatTypeName", "string[]", -1)},
			Process: func(c *Call) error {
				c.Verbose("Import-PSSession: csemu emulates the session's commands locally; nothing was imported.")
				return nil
			},
		},
		{
			Name: "Get-Date", Synopsis: "Gets the current date and time (the emulated clock).", Params: dateParams,
			Process: func(c *Call) error {
				t := c.s.clock.Now()
				if c.Has("Date") {
					if d, ok := c.Arg("Date").(time.Time); ok {
						t = d
					}
				}
				if c.Has("UnixTimeSeconds") {
					n, _ := value.ToInt64(c.Arg("UnixTimeSeconds"))
					t = time.Unix(n, 0).UTC()
				}
				y, mo, d := t.Date()
				h, mi, se := t.Clock()
				ns := t.Nanosecond()
				y, mo2, d := c.Int("Year", y), c.Int("Month", int(mo)), c.Int("Day", d)
				h, mi, se = c.Int("Hour", h), c.Int("Minute", mi), c.Int("Second", se)
				if c.Has("Millisecond") {
					ns = c.Int("Millisecond", 0) * 1e6
				}
				t = time.Date(y, time.Month(mo2), d, h, mi, se, ns, t.Location())
				if c.Bool("AsUTC") {
					t = t.UTC()
				}
				switch {
				case c.Has("Format"):
					s, err := value.FormatValue(t, c.String("Format"))
					if err != nil {
						return err
					}
					return c.Write(s)
				case c.Has("UFormat"):
					return c.Write(value.FormatDateUFormat(t, c.String("UFormat")))
				}
				return c.Write(t)
			},
		},
		{
			Name: "Start-Sleep", Synopsis: "Advances the emulated clock (returns at once).",
			Params: []*ParamDef{sets(pipe(p("Seconds", "double", 0)), "Seconds"), sets(alias(p("Milliseconds", "int", -1), "ms"), "Milliseconds"),
				sets(p("Duration", "timespan", -1), "FromTimeSpan")},
			DefaultSet: "Seconds",
			Process: func(c *Call) error {
				var d time.Duration
				switch {
				case c.Has("Milliseconds"):
					d = time.Duration(c.Int("Milliseconds", 0)) * time.Millisecond
				case c.Has("Duration"):
					d, _ = c.Arg("Duration").(time.Duration)
				default:
					f, _ := value.ToFloat(c.Arg("Seconds"))
					d = time.Duration(f * float64(time.Second))
				}
				if d < 0 {
					return c.Fail("ParameterArgumentValidationError", InvalidData, "Cannot validate argument on parameter 'Seconds'. The argument is negative.")
				}
				c.s.clock.Advance(d)
				return nil
			},
		},
		{
			Name: "Read-Host", Synopsis: "Reads a line of standard input (empty at end of input).",
			Params: []*ParamDef{rest(p("Prompt", "object", 0)), p("AsSecureString", "switch", -1), p("MaskInput", "switch", -1)},
			Process: func(c *Call) error {
				if c.Has("Prompt") {
					c.s.hostWrite(c.s.toString(c.Arg("Prompt")) + ": ")
				}
				line, _ := c.s.in.ReadString('\n')
				line = strings.TrimRight(line, "\r\n")
				return c.Write(line)
			},
		},
		{
			Name: "Get-Credential", Module: "Microsoft.PowerShell.Security", Synopsis: "Returns a credential without prompting (csemu is never interactive here).",
			Params: []*ParamDef{p("Credential", "object", 0), p("UserName", "string", -1), p("Message", "string", -1), p("Title", "string", -1)},
			Process: func(c *Call) error {
				user := c.String("UserName")
				if cred, ok := c.Arg("Credential").(*value.Object); ok {
					return c.Write(cred)
				} else if c.Has("Credential") {
					user = c.String("Credential")
				}
				c.Verbose("Get-Credential: csemu does not prompt; returning a credential for %q with an empty password.", user)
				o := value.NewObject("System.Management.Automation.PSCredential")
				o.Set("UserName", user)
				o.Set("Password", "System.Security.SecureString")
				return c.Write(o)
			},
		},
		{
			Name: "Get-Variable", Synopsis: "Gets variables.",
			Params: []*ParamDef{rest(pipe(p("Name", "string[]", 0))), p("ValueOnly", "switch", -1), p("Scope", "string", -1),
				p("Include", "string[]", -1), p("Exclude", "string[]", -1)},
			Process: func(c *Call) error {
				names := c.Strings("Name")
				if len(names) == 0 {
					names = []string{"*"}
				}
				sc := scopeFor(c, c.String("Scope"))
				for _, n := range names {
					found := false
					for _, v := range listVars(sc) {
						if !value.Like(v.Name, n, false) {
							continue
						}
						found = true
						if c.Bool("ValueOnly") {
							if err := emitValue(v.Value, c.Write); err != nil {
								return err
							}
							continue
						}
						o := value.NewObject("System.Management.Automation.PSVariable")
						o.Set("Name", v.Name)
						o.Set("Value", v.Value)
						o.DefaultDisplay = []string{"Name", "Value"}
						if err := c.Write(o); err != nil {
							return err
						}
					}
					if !found && !value.HasWildcard(n) {
						if err := c.WriteError(&ErrorRecord{ID: "VariableNotFound", Category: ObjectNotFound, Target: n,
							Msg: fmt.Sprintf("Cannot find a variable with the name '%s'.", n), Exception: "System.Management.Automation.ItemNotFoundException"}); err != nil {
							return err
						}
					}
				}
				return nil
			},
		},
		{
			Name: "Set-Variable", Synopsis: "Sets a variable.",
			Params: []*ParamDef{mand(p("Name", "string[]", 0)), pipe(p("Value", "object", 1)), p("Scope", "string", -1),
				p("Option", "string", -1), p("Force", "switch", -1), p("PassThru", "switch", -1), p("Description", "string", -1), p("Visibility", "string", -1)},
			Process: setVariable,
		},
		{
			Name: "New-Variable", Synopsis: "Creates a variable.",
			Params: []*ParamDef{mand(p("Name", "string", 0)), pipe(p("Value", "object", 1)), p("Scope", "string", -1),
				p("Option", "string", -1), p("Force", "switch", -1), p("PassThru", "switch", -1), p("Description", "string", -1), p("Visibility", "string", -1)},
			Process: func(c *Call) error {
				sc := scopeFor(c, c.String("Scope"))
				name := c.String("Name")
				if _, exists := sc.vars[strings.ToLower(name)]; exists && !c.Bool("Force") {
					return c.Errorf("VariableAlreadyExists", ResourceExists, name, "A variable with name '%s' already exists.", name)
				}
				return setVariable(c)
			},
		},
		{
			Name: "Remove-Variable", Synopsis: "Removes variables.",
			Params: []*ParamDef{mand(p("Name", "string[]", 0)), p("Scope", "string", -1), p("Force", "switch", -1)},
			Process: func(c *Call) error {
				sc := scopeFor(c, c.String("Scope"))
				for _, n := range c.Strings("Name") {
					removed := false
					for s := sc; s != nil && !removed; s = s.parent {
						for k, v := range s.vars {
							if value.Like(v.Name, n, false) {
								delete(s.vars, k)
								removed = true
							}
						}
					}
					if !removed && !value.HasWildcard(n) {
						if err := c.Errorf("VariableNotFound", ObjectNotFound, n, "Cannot find a variable with the name '%s'.", n); err != nil {
							return err
						}
					}
				}
				return nil
			},
		},
		{
			Name: "Clear-Variable", Synopsis: "Sets variables to $null.",
			Params: []*ParamDef{mand(p("Name", "string[]", 0)), p("Scope", "string", -1), p("Force", "switch", -1)},
			Process: func(c *Call) error {
				for _, n := range c.Strings("Name") {
					if v, ok := c.s.lookupVar(c.fr.scope, n); ok {
						v.Value = nil
					}
				}
				return nil
			},
		},
		{
			Name: "Set-StrictMode", Module: "Microsoft.PowerShell.Core", Synopsis: "Turns strict mode on or off.",
			Params: []*ParamDef{sets(p("Version", "string", 0), "Version"), sets(p("Off", "switch", -1), "Off")},
			Process: func(c *Call) error {
				c.s.strict = !c.Bool("Off")
				return nil
			},
		},
		{
			Name: "Invoke-Expression", Synopsis: "Runs a string as PowerShell code (in the emulator, never as a process).",
			Params: []*ParamDef{mand(pipe(p("Command", "string", 0)))},
			Process: func(c *Call) error {
				script, err := parser.Parse("", c.String("Command"))
				if err != nil {
					return c.Fail("ParseException", ParserError, "%s", err.Error())
				}
				return c.s.execList(c.fr, script.Body.Stmts, func(v any) error { return emitValue(v, c.Write) })
			},
		},
		{
			Name: "Invoke-Command", Module: "Microsoft.PowerShell.Core", Synopsis: "Runs a script block locally (remote computers are not emulated).",
			Params: []*ParamDef{mand(p("ScriptBlock", "scriptblock", 0)), alias(p("ArgumentList", "object[]", -1), "Args"),
				pipe(p("InputObject", "object", -1)), alias(p("ComputerName", "string[]", -1), "Cn"), p("Session", "object", -1),
				p("Credential", "object", -1), p("NoNewScope", "switch", -1), p("AsJob", "switch", -1)},
			Process: func(c *Call) error {
				if c.Has("ComputerName") || c.Has("Session") || c.Has("AsJob") {
					return notImplemented(c.Pos, "Invoke-Command", "Invoke-Command on a remote computer or session")
				}
				sb := c.Arg("ScriptBlock").(*ScriptBlock)
				return c.s.streamScriptBlock(c.fr, sb, c.Input, value.AsSlice(c.Arg("ArgumentList")), c.Bool("NoNewScope"), func(v any) error { return emitValue(v, c.Write) })
			},
		},
		{
			Name: "Get-Location", Module: "Microsoft.PowerShell.Management", Synopsis: "Gets the current directory.",
			Process: func(c *Call) error {
				wd, _ := os.Getwd()
				o := value.NewObject("System.Management.Automation.PathInfo")
				o.Set("Path", wd)
				o.Set("ToStringValue", wd)
				return c.Write(o)
			},
		},
		{
			Name: "New-TimeSpan", Synopsis: "Creates a time span.",
			Params: []*ParamDef{sets(alias(p("Start", "datetime", 0), "LastWriteTime"), "Date"), sets(p("End", "datetime", 1), "Date"),
				sets(p("Days", "int", -1), "Time"), sets(p("Hours", "int", -1), "Time"), sets(p("Minutes", "int", -1), "Time"),
				sets(p("Seconds", "int", -1), "Time"), sets(p("Milliseconds", "int", -1), "Time")},
			DefaultSet: "Date",
			Process: func(c *Call) error {
				if c.Has("Start") || c.Has("End") {
					start, end := c.s.clock.Now(), c.s.clock.Now()
					if t, ok := c.Arg("Start").(time.Time); ok {
						start = t
					}
					if t, ok := c.Arg("End").(time.Time); ok {
						end = t
					}
					return c.Write(end.Sub(start))
				}
				d := time.Duration(c.Int("Days", 0))*24*time.Hour + time.Duration(c.Int("Hours", 0))*time.Hour +
					time.Duration(c.Int("Minutes", 0))*time.Minute + time.Duration(c.Int("Seconds", 0))*time.Second +
					time.Duration(c.Int("Milliseconds", 0))*time.Millisecond
				return c.Write(d)
			},
		},
		{
			Name: "Get-Random", Synopsis: "Returns a random number or item.",
			Params: []*ParamDef{p("Maximum", "object", 0), p("Minimum", "object", -1), pipe(p("InputObject", "object[]", -1)),
				p("Count", "int", -1), p("SetSeed", "int", -1), p("Shuffle", "switch", -1)},
			Process: collectInput,
			End: func(c *Call) error {
				items, _ := c.State.([]any)
				r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
				if c.Has("SetSeed") {
					r = rand.New(rand.NewPCG(uint64(c.Int("SetSeed", 0)), 7))
				}
				if len(items) > 0 {
					n := c.Int("Count", 1)
					if c.Bool("Shuffle") {
						n = len(items)
					}
					r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
					if n > len(items) {
						n = len(items)
					}
					return c.WriteAll(items[:n])
				}
				min, max := int64(0), int64(2147483647)
				if c.Has("Minimum") {
					min, _ = value.ToInt64(c.Arg("Minimum"))
				}
				if c.Has("Maximum") {
					max, _ = value.ToInt64(c.Arg("Maximum"))
				}
				if max <= min {
					return c.Fail("MinGreaterThanOrEqualMax", InvalidArgument, "The Minimum value (%d) cannot be greater than or equal to the Maximum value (%d).", min, max)
				}
				return c.Write(value.NarrowInt(min + r.Int64N(max-min)))
			},
		},
		{
			Name: "New-Guid", Synopsis: "Creates a GUID.",
			Process: func(c *Call) error {
				o := value.NewObject(value.TGuid)
				g := c.s.newID()
				o.Set("Guid", g)
				o.Set("ToStringValue", g)
				return c.Write(value.Guid(g))
			},
		},
		{
			Name: "Get-Alias", Synopsis: "Lists aliases.",
			Params: []*ParamDef{rest(p("Name", "string[]", 0)), p("Definition", "string[]", -1), p("Scope", "string", -1), p("Exclude", "string[]", -1)},
			Process: func(c *Call) error {
				names := c.Strings("Name")
				if len(names) == 0 {
					names = []string{"*"}
				}
				for _, n := range names {
					found := false
					for _, a := range c.s.AliasNames() {
						if !value.Like(a, n, false) {
							continue
						}
						found = true
						o := value.NewObject("System.Management.Automation.AliasInfo")
						o.Set("CommandType", "Alias")
						o.Set("Name", a)
						o.Set("Definition", c.s.aliases[a])
						o.Set("DisplayName", a+" -> "+c.s.aliases[a])
						o.Set("ReferencedCommand", c.s.aliases[a])
						o.DefaultDisplay = []string{"CommandType", "DisplayName"}
						if err := c.Write(o); err != nil {
							return err
						}
					}
					if !found && !value.HasWildcard(n) {
						if err := c.Errorf("ItemNotFoundException", ObjectNotFound, n, "This command cannot find a matching alias because an alias with the name '%s' does not exist.", n); err != nil {
							return err
						}
					}
				}
				return nil
			},
		},
		{
			Name: "Get-Host", Synopsis: "Gets the host.",
			Process: func(c *Call) error { v, _ := c.s.getVar(c.fr.scope, "Host"); return c.Write(v) },
		},
		{
			Name: "Get-Command", Module: "Microsoft.PowerShell.Core", Synopsis: "Lists emulated commands.",
			Params: []*ParamDef{rest(p("Name", "string[]", 0)), p("Module", "string[]", -1), p("Verb", "string[]", -1),
				p("Noun", "string[]", -1), p("CommandType", "string", -1), p("ListImported", "switch", -1), p("All", "switch", -1)},
			Process: func(c *Call) error {
				names := c.Strings("Name")
				var cmds []*Cmdlet
				for _, cmd := range c.s.commands {
					if cmd.NotImplemented {
						continue
					}
					cmds = append(cmds, cmd)
				}
				sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
				found := false
				for _, cmd := range cmds {
					match := len(names) == 0
					for _, n := range names {
						if value.Like(cmd.Name, n, false) {
							match = true
						}
					}
					for _, m := range c.Strings("Module") {
						if !value.Like(cmd.Module, m, false) {
							match = false
						}
					}
					if !match {
						continue
					}
					found = true
					o := value.NewObject("System.Management.Automation.CmdletInfo")
					o.Set("CommandType", "Cmdlet")
					o.Set("Name", cmd.Name)
					o.Set("Version", "")
					o.Set("Source", cmd.Module)
					o.DefaultDisplay = []string{"CommandType", "Name", "Version", "Source"}
					if err := c.Write(o); err != nil {
						return err
					}
				}
				if !found && len(names) > 0 && !value.HasWildcard(names[0]) {
					return c.Errorf("CommandNotFoundException", ObjectNotFound, names[0],
						"The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.", names[0])
				}
				return nil
			},
		},
		{
			Name: "Get-Help", Module: "Microsoft.PowerShell.Core", Synopsis: "Describes an emulated command.",
			Params: []*ParamDef{p("Name", "string", 0), p("Full", "switch", -1), p("Detailed", "switch", -1), p("Examples", "switch", -1),
				p("Parameter", "string", -1), p("Online", "switch", -1), p("ShowWindow", "switch", -1)},
			Process: func(c *Call) error {
				name := c.String("Name")
				cmd, ok := c.s.Command(name)
				if !ok {
					if f, ok := c.s.lookupFunc(c.fr.scope, name); ok {
						return c.Write(functionHelp(f))
					}
					return c.Errorf("HelpNotFound", ResourceUnavailable, name, "Get-Help could not find %s in a help file in this session.", name)
				}
				return c.Write(cmdletHelp(cmd))
			},
		},
	}
}

func cmdletHelp(cmd *Cmdlet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nNAME\n    %s\n\nSYNOPSIS\n    %s\n\nSYNTAX\n    %s", cmd.Name, cmd.Synopsis, cmd.Name)
	for _, p := range cmd.Params {
		arg := ""
		if !p.IsSwitch() {
			arg = " <" + p.Type + ">"
		}
		name := "-" + p.Name + arg
		if p.Position >= 0 {
			name = "[-" + p.Name + "]" + arg
		}
		if !p.Mandatory {
			name = "[" + name + "]"
		}
		fmt.Fprintf(&b, " %s", name)
	}
	if cmd.Description != "" {
		fmt.Fprintf(&b, "\n\nDESCRIPTION\n    %s", cmd.Description)
	}
	b.WriteString("\n\nPARAMETERS\n")
	for _, p := range cmd.Params {
		fmt.Fprintf(&b, "    -%s <%s>\n", p.Name, p.Type)
		if p.Help != "" {
			fmt.Fprintf(&b, "        %s\n", p.Help)
		}
		if len(p.Values) > 0 {
			fmt.Fprintf(&b, "        Allowed values: %s\n", strings.Join(p.Values, ", "))
		}
		if len(p.Documented) > 0 {
			fmt.Fprintf(&b, "        Documented values: %s\n", strings.Join(p.Documented, ", "))
		}
	}
	if len(cmd.Examples) > 0 {
		b.WriteString("\nEXAMPLES\n")
		for _, e := range cmd.Examples {
			fmt.Fprintf(&b, "    %s\n", e)
		}
	}
	if cmd.Doc != "" {
		fmt.Fprintf(&b, "\nRELATED LINKS\n    %s\n", cmd.Doc)
	}
	return b.String()
}

// helpInfo is what Get-Help returns: its properties, and its text when
// it is printed.
type helpInfo struct {
	props *value.Object
	text  string
}

func (h *helpInfo) PSString() string   { return h.text }
func (h *helpInfo) PSTypeName() string { return "MamlCommandHelpInfo" }

// functionHelp reads comment-based help (.SYNOPSIS, .DESCRIPTION,
// .PARAMETER, .EXAMPLE, .NOTES) from a function's first block comment or
// the comment block just before it.
func functionHelp(f *Function) *helpInfo {
	sections := parseHelpComment(firstBlockComment(f.Source))
	if len(sections) == 0 {
		sections = parseHelpComment(f.Before)
	}
	o := value.NewObject("MamlCommandHelpInfo")
	o.Set("Name", f.Name)
	o.Set("Synopsis", sections["synopsis"])
	o.Set("Description", sections["description"])
	o.Set("Examples", sections["example"])
	o.Set("Notes", sections["notes"])
	var b strings.Builder
	fmt.Fprintf(&b, "\nNAME\n    %s\n", f.Name)
	if v := sections["synopsis"]; v != "" {
		fmt.Fprintf(&b, "\nSYNOPSIS\n    %s\n", v)
	}
	fmt.Fprintf(&b, "\nSYNTAX\n    %s\n", f.Name)
	if v := sections["description"]; v != "" {
		fmt.Fprintf(&b, "\nDESCRIPTION\n    %s\n", strings.ReplaceAll(v, "\n", "\n    "))
	}
	return &helpInfo{props: o, text: b.String()}
}

// firstBlockComment returns the first <# #> comment of text, or "".
func firstBlockComment(text string) string {
	i := strings.Index(text, "<#")
	if i < 0 {
		return ""
	}
	j := strings.Index(text[i:], "#>")
	if j < 0 {
		return ""
	}
	return text[i+2 : i+j]
}

// commentBefore returns the comment block that ends right before a
// definition (a <# #> block or # lines), or "".
func commentBefore(src string) string {
	t := strings.TrimRight(src, " \t\r\n")
	if strings.HasSuffix(t, "#>") {
		if i := strings.LastIndex(t, "<#"); i >= 0 {
			return t[i+2 : len(t)-2]
		}
	}
	var lines []string
	for _, l := range strings.Split(t, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "#") {
			lines = append(lines, strings.TrimPrefix(l, "#"))
		} else {
			lines = nil
		}
	}
	return strings.Join(lines, "\n")
}

// parseHelpComment splits comment-based help into lower-case sections.
func parseHelpComment(text string) map[string]string {
	out := map[string]string{}
	key := ""
	var body []string
	flush := func() {
		if key != "" {
			v := strings.TrimSpace(strings.Join(body, "\n"))
			if old, ok := out[key]; ok && old != "" {
				v = old + "\n" + v
			}
			out[key] = v
		}
	}
	for _, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, ".") && len(t) > 1 && isAlphaWord(strings.Fields(t[1:])[0]) {
			flush()
			key = strings.ToLower(strings.Fields(t[1:])[0])
			body = nil
			continue
		}
		body = append(body, t)
	}
	flush()
	return out
}

func isAlphaWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

func setVariable(c *Call) error {
	sc := scopeFor(c, c.String("Scope"))
	for _, n := range c.Strings("Name") {
		v := c.Arg("Value")
		if err := c.s.setVar(sc, n, v); err != nil {
			return err
		}
		opt := strings.ToLower(c.String("Option"))
		if strings.Contains(opt, "readonly") || strings.Contains(opt, "constant") {
			if vv, ok := sc.vars[strings.ToLower(n)]; ok {
				vv.ReadOnly = true
			}
		}
		if c.Bool("PassThru") {
			o := value.NewObject("System.Management.Automation.PSVariable")
			o.Set("Name", n)
			o.Set("Value", v)
			if err := c.Write(o); err != nil {
				return err
			}
		}
	}
	return nil
}

// scopeFor resolves -Scope (Global, Script, Local, or a number).
func scopeFor(c *Call, scope string) *Scope {
	switch strings.ToLower(scope) {
	case "global":
		return c.s.global
	case "script":
		return c.s.scriptScope(c.fr.scope)
	case "", "local", "0", "private":
		return c.fr.scope
	}
	n, err := value.ToInt(scope)
	sc := c.fr.scope
	if err == nil {
		for i := 0; i < n && sc.parent != nil; i++ {
			sc = sc.parent
		}
	}
	return sc
}

// listVars lists the variables visible from sc, inner ones first, sorted.
func listVars(sc *Scope) []*Variable {
	seen := map[string]bool{}
	var out []*Variable
	for s := sc; s != nil; s = s.parent {
		for k, v := range s.vars {
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}
