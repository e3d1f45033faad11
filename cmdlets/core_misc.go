package cmdlets

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

// Offline makes a cmdlet that succeeds without doing anything and says so
// on the verbose stream, for a command that only makes sense online
// (connecting, loading a module). what is the synopsis's activity, such as
// "Loading a module".
func Offline(name, module, what string, params ...*ParamDef) *Cmdlet {
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
	// Get-Date's parameter sets: -Date or -UnixTimeSeconds, each with
	// -Format or the mandatory -UFormat (GetDateCommand)
	dateParams := []*ParamDef{sets(byName(pipe(alias(p("Date", "datetime", 0), "LastWriteTime"))), "DateAndFormat", "DateAndUFormat"),
		p("Year", "int", -1), p("Month", "int", -1),
		p("Day", "int", -1), p("Hour", "int", -1), p("Minute", "int", -1), p("Second", "int", -1), p("Millisecond", "int", -1),
		values(p("DisplayHint", "string", -1), "Date", "Time", "DateTime"),
		sets(p("Format", "string", -1), "DateAndFormat", "UnixTimeSecondsAndFormat"),
		mand(sets(p("UFormat", "string", -1), "DateAndUFormat", "UnixTimeSecondsAndUFormat")),
		p("AsUTC", "switch", -1), mand(sets(alias(p("UnixTimeSeconds", "long", -1), "UnixTime"), "UnixTimeSecondsAndFormat", "UnixTimeSecondsAndUFormat"))}
	return []*Cmdlet{
		Offline("Remove-PSSession", "Microsoft.PowerShell.Core", "Closing a remote session", pipe(p("Session", "object", 0)), p("Id", "int[]", -1), p("Name", "string[]", -1), p("ComputerName", "string[]", -1)),
		Offline("Set-ExecutionPolicy", "Microsoft.PowerShell.Security", "Setting the execution policy", p("ExecutionPolicy", "string", 0), p("Scope", "string", 1), p("Force", "switch", -1)),
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
			DefaultSet: "DateAndFormat",
			Process:    getDateProcess,
		},
		{
			Name: "Get-TimeZone", Module: mgmt, Synopsis: "Gets the local time zone (UTC unless TZ names one) or the zones named.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-timezone",
			Params: []*ParamDef{sets(pipe(p("Name", "string[]", 0)), "Name"), mand(sets(byName(p("Id", "string[]", -1)), "Id")),
				mand(sets(p("ListAvailable", "switch", -1), "ListAvailable"))},
			DefaultSet: "Name",
			Process:    getTimeZoneProcess,
		},
		{
			Name: "Start-Sleep", Synopsis: "Advances the emulated clock (returns at once).",
			Params: []*ParamDef{sets(pipe(p("Seconds", "double", 0)), "Seconds"), sets(alias(p("Milliseconds", "int", -1), "ms"), "Milliseconds"),
				sets(p("Duration", "timespan", -1), "FromTimeSpan")},
			DefaultSet: "Seconds",
			Process:    startSleepProcess,
		},
		{
			Name: "Read-Host", Synopsis: "Reads a line of standard input (nothing at end of input).",
			Params:  []*ParamDef{rest(p("Prompt", "object", 0)), p("AsSecureString", "switch", -1), p("MaskInput", "switch", -1)},
			Process: readHostProcess,
		},
		{
			Name: "Get-Credential", Module: "Microsoft.PowerShell.Security", Synopsis: "Returns a credential without prompting (csemu is never interactive here).",
			Params:  []*ParamDef{p("Credential", "object", 0), p("UserName", "string", -1), p("Message", "string", -1), p("Title", "string", -1)},
			Process: getCredentialProcess,
		},
		{
			Name: "Set-StrictMode", Module: "Microsoft.PowerShell.Core", Synopsis: "Turns strict mode on or off.",
			Params: []*ParamDef{sets(alias(p("Version", "string", 0), "v"), "Version"), sets(p("Off", "switch", -1), "Off")},
			Process: func(c *Call) error {
				c.s.strict = !c.Bool("Off")
				c.s.strictVersion = 0
				if c.s.strict {
					v := strings.TrimSpace(c.String("Version"))
					if strings.EqualFold(v, "Latest") {
						c.s.strictVersion = 3
					} else if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 {
						c.s.strictVersion = int(f)
					} else {
						return c.Fail("ParameterArgumentTransformationError", InvalidData,
							"Cannot process argument transformation on parameter 'Version'. Cannot convert value \"%s\" to type \"System.Version\".", v)
					}
				}
				return nil
			},
		},
		{
			Name: "Invoke-Expression", Synopsis: "Runs a string as PowerShell code (in the emulator, never as a process).",
			Params:  []*ParamDef{mand(pipe(p("Command", "string", 0)))},
			Process: invokeExpressionProcess,
		},
		{
			Name: "Invoke-Command", Module: "Microsoft.PowerShell.Core", Synopsis: "Runs a script block locally (remote computers are not emulated).",
			Params: []*ParamDef{mand(p("ScriptBlock", "scriptblock", 0)), alias(p("ArgumentList", "object[]", -1), "Args"),
				pipe(p("InputObject", "object", -1)), alias(p("ComputerName", "string[]", -1), "Cn"), p("Session", "object", -1),
				p("Credential", "object", -1), p("NoNewScope", "switch", -1), p("AsJob", "switch", -1)},
			Process: invokeCommandProcess,
		},
		{
			Name: "Get-Location", Module: "Microsoft.PowerShell.Management", Synopsis: "Gets the current location.",
			Params: []*ParamDef{p("PSProvider", "string[]", -1), p("PSDrive", "string[]", -1), p("Stack", "switch", -1),
				p("StackName", "string[]", -1)},
			Process: getLocationProcess,
		},
		{
			Name: "New-TimeSpan", Synopsis: "Creates a time span.",
			Params: []*ParamDef{sets(byName(alias(p("Start", "datetime", 0), "LastWriteTime")), "Date"), sets(byName(p("End", "datetime", 1)), "Date"),
				sets(p("Days", "int", -1), "Time"), sets(p("Hours", "int", -1), "Time"), sets(p("Minutes", "int", -1), "Time"),
				sets(p("Seconds", "int", -1), "Time"), sets(p("Milliseconds", "int", -1), "Time")},
			DefaultSet: "Date",
			Process:    newTimeSpanProcess,
		},
		{
			Name: "New-Guid", Synopsis: "Creates a GUID.",
			Process: newGUIDProcess,
		},
		{
			Name: "Get-Alias", Synopsis: "Lists aliases.",
			Params: []*ParamDef{notNullOrEmpty(sets(byName(pipe(p("Name", "string[]", 0))), "Default")), notNullOrEmpty(sets(p("Definition", "string[]", -1), "Definition")),
				p("Scope", "string", -1), p("Exclude", "string[]", -1)},
			DefaultSet: "Default",
			Process:    getAliasProcess,
		},
		{
			Name: "Get-Host", Synopsis: "Gets the host.",
			Process: func(c *Call) error { v, _ := c.s.getVar(c.fr.scope, "Host"); return c.Write(v) },
		},
		{
			Name: "Get-Command", Module: "Microsoft.PowerShell.Core", Synopsis: "Lists the emulated commands: cmdlets, functions and aliases.",
			Description: "Lists what csemu runs: the Teams and Skype for Business cmdlets it emulates (modules MicrosoftTeams and " +
				"SkypeForBusiness), its own cmdlets (module csemu), the PowerShell cmdlets it implements, and the functions and " +
				"aliases of the session. Names may use wildcards.",
			Params: []*ParamDef{rest(p("Name", "string[]", 0)), p("Module", "string[]", -1), p("Verb", "string[]", -1),
				p("Noun", "string[]", -1), alias(values(p("CommandType", "string[]", -1), "Alias", "Function", "Cmdlet", "All"), "Type"),
				p("ListImported", "switch", -1), p("All", "switch", -1), p("Syntax", "switch", -1), p("TotalCount", "int", -1)},
			Examples: []string{
				"Get-Command -Module MicrosoftTeams",
				"Get-Command *MeetingPolicy*",
				"Get-Command Grant-CsTeamsMeetingPolicy -Syntax",
			},
			Process: getCommand,
		},
		{
			Name: "Get-Help", Module: "Microsoft.PowerShell.Core", Synopsis: "Describes an emulated command: synopsis, syntax, parameters and their values, examples.",
			Params: helpParams(),
			Examples: []string{
				"Get-Help Set-CsTeamsMeetingPolicy",
				"Get-Help Set-CsTeamsMeetingPolicy -Parameter AutoAdmittedUsers",
				"Get-Help *MeetingPolicy*",
			},
			Process: getHelp,
		},
	}
}

// moduleVersion is the version Get-Command shows for a module.
func (t *Commands) moduleVersion(module string) string {
	for _, m := range t.modules {
		if m.Name == module {
			return m.Version
		}
	}
	switch {
	case module == "csemu":
		return "0.1.0"
	case strings.HasPrefix(module, "Microsoft.PowerShell."):
		return "7.0.0.0"
	}
	return ""
}

// commandEntry is one command that Get-Command lists.
type commandEntry struct {
	kind, name, target, module string
	cmd                        *Cmdlet
	fn                         *Function
}

// sessionCommands lists the commands the session runs: aliases,
// functions, then cmdlets, each sorted by name.
func sessionCommands(c *Call) []commandEntry {
	var aliases, funcs, cmds []commandEntry
	for a, to := range c.s.visibleAliases(c.fr.scope) {
		target, ok := c.s.Command(to)
		if !ok || target.NotImplemented {
			// an alias of a function ([Alias()] on its param block)
			if f, ok := c.s.lookupFunc(c.fr.scope, to); ok {
				aliases = append(aliases, commandEntry{kind: "Alias", name: a, target: f.Name, module: moduleName(f)})
			}
			continue
		}
		aliases = append(aliases, commandEntry{kind: "Alias", name: a, target: target.Name, module: target.Module, cmd: target})
	}
	seen := map[string]bool{}
	for sc := c.fr.scope; sc != nil; sc = sc.parent {
		for k, f := range sc.funcs {
			if !seen[k] {
				seen[k] = true
				funcs = append(funcs, commandEntry{kind: "Function", name: f.Name, module: moduleName(f), fn: f})
			}
		}
	}
	for _, cmd := range c.s.commands {
		if !cmd.NotImplemented {
			cmds = append(cmds, commandEntry{kind: "Cmdlet", name: cmd.Name, module: cmd.Module, cmd: cmd})
		}
	}
	for _, l := range [][]commandEntry{aliases, funcs, cmds} {
		sort.Slice(l, func(i, j int) bool {
			a, b := strings.ToLower(l[i].name), strings.ToLower(l[j].name)
			if a != b {
				return a < b
			}
			return l[i].module < l[j].module
		})
	}
	return append(append(aliases, funcs...), cmds...)
}

// commandParameters returns what makes a command's Parameters: a
// dictionary of ParameterMetadata by name (Name, ParameterType, Aliases,
// ParameterSets, SwitchParameter, IsDynamic), the common parameters
// included for a cmdlet or an advanced function; nil for an alias.
func (s *Session) commandParameters(e commandEntry) (func() any, error) {
	var defs []*ParamDef
	common := true
	switch {
	case e.cmd != nil && e.kind == "Cmdlet":
		defs = append(defs, e.cmd.Params...)
		if e.cmd.ShouldProcess {
			defs = append(defs, shouldProcessDefs...)
		}
	case e.fn != nil:
		sig, err := s.signature(e.fn.Body, e.fn.Params, e.fn.File)
		if err != nil {
			return nil, err
		}
		defs, common = sig.defs, sig.advanced
	default:
		return nil, nil
	}
	if common {
		for _, p := range commonParamDefs {
			if !slices.ContainsFunc(defs, func(d *ParamDef) bool { return strings.EqualFold(d.Name, p.Name) }) {
				defs = append(defs, p)
			}
		}
	}
	return func() any {
		h := value.NewHashtable()
		h.Ordered = true
		for _, p := range defs {
			h.Set(p.Name, s.parameterMetadata(p))
		}
		return h
	}, nil
}

// parameterMetadata is the System.Management.Automation.ParameterMetadata
// of a parameter.
func (s *Session) parameterMetadata(p *ParamDef) *value.Object {
	o := value.NewObject("System.Management.Automation.ParameterMetadata")
	o.Set("Name", p.Name)
	typ, ok := s.resolveType(p.Type)
	switch {
	case p.IsSwitch():
		typ = &value.Type{Name: value.TSwitch}
	case strings.EqualFold(p.Type, "object") || p.Type == "":
		typ = &value.Type{Name: value.TObject}
	case !ok:
		typ = &value.Type{Name: p.dotnetType()}
	}
	o.Set("ParameterType", typ)
	sets := value.NewHashtable()
	names := p.Sets
	if len(names) == 0 {
		names = []string{allParameterSets}
	}
	for _, set := range names {
		ps := value.NewObject("System.Management.Automation.ParameterSetMetadata")
		pos := p.Position
		if pos < 0 {
			pos = -2147483648
		}
		mandatory := p.Mandatory && (len(p.MandatoryIn) == 0 || slices.ContainsFunc(p.MandatoryIn, func(m string) bool {
			return strings.EqualFold(m, set) || m == allParameterSets
		}))
		ps.Set("Position", pos)
		ps.Set("IsMandatory", mandatory)
		ps.Set("ValueFromPipeline", p.Pipeline)
		ps.Set("ValueFromPipelineByPropertyName", p.ByName)
		ps.Set("ValueFromRemainingArguments", p.Remaining)
		ps.Set("HelpMessage", nilIfEmpty(p.Help))
		sets.Set(set, ps)
	}
	o.Set("ParameterSets", sets)
	aliases := make([]any, len(p.Aliases))
	for i, a := range p.Aliases {
		aliases[i] = a
	}
	o.Set("Aliases", &value.Array{Items: aliases, List: true, Elem: value.TString})
	o.Set("IsDynamic", false)
	o.Set("SwitchParameter", p.IsSwitch())
	o.DefaultDisplay = []string{"Name", "ParameterType", "ParameterSets", "IsDynamic", "Aliases", "Attributes", "SwitchParameter"}
	o.SetToString("System.Management.Automation.ParameterMetadata")
	return o
}

// likeAny reports whether v matches one of the wildcard patterns, or
// there are none.
func likeAny(v string, pats []string) bool {
	if len(pats) == 0 {
		return true
	}
	for _, p := range pats {
		if value.Like(v, p, false) {
			return true
		}
	}
	return false
}

func getCommand(c *Call) error {
	names := c.Strings("Name")
	modules, verbs, nouns, kinds := c.Strings("Module"), c.Strings("Verb"), c.Strings("Noun"), c.Strings("CommandType")
	limit := c.Int("TotalCount", -1)
	found := map[string]bool{}
	n := 0
	for _, e := range sessionCommands(c) {
		verb, noun, _ := strings.Cut(e.name, "-")
		qualified := e.module + `\` + e.name
		switch {
		case !likeAny(e.name, names) && !(e.kind == "Cmdlet" && likeAny(qualified, names)),
			len(modules) > 0 && (e.kind == "Alias" || !likeAny(e.module, modules)),
			(len(verbs) > 0 || len(nouns) > 0) && (e.kind == "Alias" || !likeAny(verb, verbs) || !likeAny(noun, nouns)),
			len(kinds) > 0 && !likeAny(e.kind, kinds) && !likeAny("All", kinds):
			continue
		}
		if limit >= 0 && n >= limit {
			break
		}
		n++
		for _, name := range names {
			if value.Like(e.name, name, false) || value.Like(qualified, name, false) {
				found[strings.ToLower(name)] = true
			}
		}
		if c.Bool("Syntax") {
			text := e.name
			switch {
			case e.kind == "Alias":
				text = e.name + " (alias) -> " + e.target
			case e.cmd != nil:
				text = strings.Join(syntaxLines(e.cmd), "\n\n")
			}
			if err := c.Write(text); err != nil {
				return err
			}
			continue
		}
		o := value.NewObject("System.Management.Automation." + e.kind + "Info")
		o.Set("CommandType", e.kind)
		display := e.name
		if e.kind == "Alias" {
			display = e.name + " -> " + e.target
		}
		o.Set("Name", display)
		o.Set("Version", c.s.commandVersion(e.module))
		o.Set("Source", e.module)
		o.Set("ModuleName", e.module)
		o.Set("Definition", e.target)
		if e.cmd != nil {
			o.Set("Synopsis", cmdletSynopsis(e.cmd))
			o.Set("HelpUri", e.cmd.Doc)
		}
		if pm, err := c.s.commandParameters(e); err != nil {
			return err
		} else if pm != nil {
			o.AddGetter("Parameters", pm)
		}
		if e.fn != nil {
			o.Set("Definition", functionDefinition(e.fn))
			o.Set("ScriptBlock", c.s.functionScriptBlock(e.fn))
		}
		o.DefaultDisplay = []string{"CommandType", "Name", "Version", "Source"}
		if err := c.Write(o); err != nil {
			return err
		}
	}
	for _, name := range names {
		if found[strings.ToLower(name)] || value.HasWildcard(name) {
			continue
		}
		if cmd, ok := c.s.Command(name); ok && cmd.NotImplemented {
			if err := c.Errorf("NotImplemented", NotImplemented, name, "[NotImplemented] %s is a real command that csemu does not emulate", cmd.Name); err != nil {
				return err
			}
			continue
		}
		if err := c.WriteError(&ErrorRecord{ID: "CommandNotFoundException", Category: ObjectNotFound, Target: name,
			Exception: "System.Management.Automation.CommandNotFoundException",
			Msg: fmt.Sprintf("The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.\n"+
				"Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", name)}); err != nil {
			return err
		}
	}
	return nil
}

func getHelp(c *Call) error {
	name := c.String("Name")
	if name == "" {
		return c.Write(&helpInfo{props: value.NewObject("HelpInfoShort"), text: generalHelp})
	}
	if value.HasWildcard(name) {
		var rows []any
		for _, e := range sessionCommands(c) {
			if e.kind == "Alias" || !value.Like(e.name, name, false) {
				continue
			}
			o := value.NewObject("HelpInfoShort")
			o.Set("Name", e.name)
			o.Set("Category", e.kind)
			o.Set("Module", e.module)
			var syn any = ""
			if e.cmd != nil {
				syn = cmdletSynopsis(e.cmd)
			} else if e.fn != nil {
				if h, err := c.s.helpSubjectForFunction(e.fn); err == nil {
					syn, _ = h.helpObject().Get("Synopsis")
				}
			}
			o.Set("Synopsis", syn)
			rows = append(rows, o)
		}
		if len(rows) > 0 {
			return c.WriteAll(rows)
		}
	}
	if f, ok := c.s.lookupFunc(c.fr.scope, name); ok {
		h, err := c.s.helpSubjectForFunction(f)
		if err != nil {
			return err
		}
		v, err := c.scriptHelpInfo(h)
		if err != nil || v != nil {
			if _, reported := v.(helpReported); err == nil && !reported {
				err = c.Write(v)
			}
			return err
		}
		return helpNotFound(c, name)
	}
	if v, ok, err := c.helpForScriptPath(name); ok {
		if err != nil || v != nil {
			if _, reported := v.(helpReported); err == nil && !reported {
				err = c.Write(v)
			}
			return err
		}
		return helpNotFound(c, name)
	}
	cmd, ok := c.s.Command(name)
	if !ok {
		return c.Errorf("HelpNotFound", ResourceUnavailable, name,
			"Get-Help could not find %s in a help file in this session. Get-Command lists the commands csemu runs.", name)
	}
	switch {
	case c.Bool("Online"):
		if cmd.Doc == "" {
			return c.Errorf("InvalidOperation", InvalidOperation, name, "%s has no online help", cmd.Name)
		}
		return c.Write(cmd.Doc)
	case c.Has("Parameter"):
		var b strings.Builder
		for _, pat := range c.Strings("Parameter") {
			found := false
			for _, p := range cmd.Params {
				if value.Like(p.Name, pat, false) {
					found = true
					writeParamHelp(&b, p)
				}
			}
			if !found {
				return c.Errorf("NoParmsFound", InvalidArgument, pat, "No parameter matches criteria %s.", pat)
			}
		}
		return c.Write(&helpInfo{props: cmdletHelpProps(cmd), text: b.String()})
	case c.Bool("Examples"):
		var b strings.Builder
		fmt.Fprintf(&b, "\nNAME\n    %s\n\nSYNOPSIS\n    %s\n", cmd.Name, cmdletSynopsis(cmd))
		writeExamples(&b, cmd)
		return c.Write(&helpInfo{props: cmdletHelpProps(cmd), text: b.String()})
	}
	return c.Write(cmdletHelp(cmd, c.s.width, c.s.table))
}

// generalHelp is what Get-Help shows without a name.
const generalHelp = `
TOPIC
    csemu help

SHORT DESCRIPTION
    csemu runs PowerShell scripts that manage the Microsoft Teams and Skype
    for Business settings deciding whether anonymous people can join
    meetings, against a local emulated tenant.

LONG DESCRIPTION
    Get-Command lists the commands csemu runs; Get-Command -Module
    MicrosoftTeams (or SkypeForBusiness, csemu) those of one module.
    Get-Help NAME describes a command: its synopsis, syntax, parameters with
    their allowed and documented values, and examples.
    Get-Help NAME -Parameter PARAM describes one parameter.
    Get-Help NAME -Online prints the Microsoft documentation page.

    At the prompt, Tab completes command and parameter names, parameter
    values, policy identities, users, variables and paths; Ctrl-R searches
    the history.
`

// cmdletSynopsis returns the synopsis of a cmdlet, made from its family
// for the Teams and Skype for Business cmdlets that have none.
func cmdletSynopsis(cmd *Cmdlet) string {
	switch {
	case cmd.NotImplemented:
		return "Not emulated: csemu knows its parameters, but running it fails with [NotImplemented]."
	case cmd.Synopsis != "":
		return cmd.Synopsis
	case cmd.Describe != nil:
		s, _ := cmd.Describe(cmd)
		return s
	}
	return ""
}

// cmdletExamples returns the examples of a cmdlet, made from its family
// for the Teams and Skype for Business cmdlets that have none.
func cmdletExamples(cmd *Cmdlet) []string {
	if len(cmd.Examples) > 0 || cmd.NotImplemented || cmd.Describe == nil {
		return cmd.Examples
	}
	_, ex := cmd.Describe(cmd)
	return ex
}

// typeLabel is how help shows a parameter's type.
func typeLabel(p *ParamDef) string {
	if p.DotNet != "" {
		t := p.DotNet[strings.LastIndexByte(p.DotNet, '.')+1:]
		if strings.HasSuffix(p.Type, "[]") && !strings.HasSuffix(t, "[]") {
			t += "[]"
		}
		return t
	}
	names := map[string]string{"string": "String", "int": "Int32", "long": "Int64", "bool": "Boolean", "double": "Double",
		"object": "Object", "datetime": "DateTime", "switch": "SwitchParameter", "scriptblock": "ScriptBlock", "timespan": "TimeSpan",
		"hashtable": "Hashtable"}
	t := strings.ToLower(p.Type)
	if n, ok := names[strings.TrimSuffix(t, "[]")]; ok {
		if strings.HasSuffix(t, "[]") {
			return n + "[]"
		}
		return n
	}
	return p.Type
}

// syntaxLines returns the syntax of a cmdlet, one line per parameter set.
func syntaxLines(cmd *Cmdlet) []string {
	var lines []string
	for _, parts := range syntaxParts(cmd) {
		lines = append(lines, strings.Join(parts, " "))
	}
	return lines
}

// wrapSyntax breaks a syntax line between parameters to fit width,
// indenting the lines after the first.
func wrapSyntax(parts []string, width int) string {
	var b strings.Builder
	col := 0
	for i, part := range parts {
		if i > 0 {
			if col+1+len(part) > width {
				b.WriteString("\n        ")
				col = 8
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(part)
		col += len(part)
	}
	return b.String()
}

// syntaxParts returns the syntax of a cmdlet: for each parameter set, the
// name and the parameters.
func syntaxParts(cmd *Cmdlet) [][]string {
	var setNames []string
	if cmd.DefaultSet != "" {
		setNames = append(setNames, cmd.DefaultSet)
	}
	for _, p := range cmd.Params {
		for _, s := range p.Sets {
			if !slices.Contains(setNames, s) {
				setNames = append(setNames, s)
			}
		}
	}
	used := slices.ContainsFunc(cmd.Params, func(p *ParamDef) bool { return len(p.Sets) > 0 })
	if !used {
		setNames = []string{""}
	}
	var lines [][]string
	for _, set := range setNames {
		var params []*ParamDef
		for _, p := range cmd.Params {
			if set == "" || len(p.Sets) == 0 || slices.Contains(p.Sets, set) {
				params = append(params, p)
			}
		}
		if set != "" && !slices.ContainsFunc(params, func(p *ParamDef) bool { return slices.Contains(p.Sets, set) }) {
			continue // a default set that no parameter names
		}
		sort.SliceStable(params, func(i, j int) bool {
			pi, pj := params[i].Position, params[j].Position
			if pi >= 0 && pj >= 0 {
				return pi < pj
			}
			return pi >= 0 && pj < 0
		})
		parts := []string{cmd.Name}
		for _, p := range params {
			mandatory := mandatoryIn(p, set)
			part := "-" + p.Name
			if p.Position >= 0 {
				part = "[" + part + "]"
			}
			if !p.IsSwitch() {
				arg := "<" + typeLabel(p) + ">"
				if len(p.Values) > 0 {
					arg = "{" + strings.Join(p.Values, " | ") + "}"
				}
				part += " " + arg
			}
			if !mandatory {
				part = "[" + part + "]"
			}
			parts = append(parts, part)
		}
		if cmd.ShouldProcess && cmd.param("WhatIf") == nil {
			parts = append(parts, "[-WhatIf]", "[-Confirm]")
		}
		lines = append(lines, append(parts, "[<CommonParameters>]"))
	}
	return lines
}

// writeParamHelp writes the PARAMETERS entry of p.
func writeParamHelp(b *strings.Builder, p *ParamDef) {
	fmt.Fprintf(b, "    -%s", p.Name)
	if !p.IsSwitch() {
		fmt.Fprintf(b, " <%s>", typeLabel(p))
	}
	b.WriteString("\n")
	if p.Help != "" {
		fmt.Fprintf(b, "        %s\n", p.Help)
	}
	b.WriteString("\n")
	position := "named"
	if p.Position >= 0 {
		position = fmt.Sprint(p.Position)
	}
	pipeline := "false"
	switch {
	case p.Pipeline && p.ByName:
		pipeline = "true (ByValue, ByPropertyName)"
	case p.Pipeline:
		pipeline = "true (ByValue)"
	case p.ByName:
		pipeline = "true (ByPropertyName)"
	}
	aliases := "none"
	if len(p.Aliases) > 0 {
		aliases = strings.Join(p.Aliases, ", ")
	}
	fmt.Fprintf(b, "        Required?                    %v\n", p.Mandatory)
	fmt.Fprintf(b, "        Position?                    %s\n", position)
	fmt.Fprintf(b, "        Accept pipeline input?       %s\n", pipeline)
	fmt.Fprintf(b, "        Aliases                      %s\n", aliases)
	if len(p.Values) > 0 {
		fmt.Fprintf(b, "        Allowed values: %s\n", strings.Join(p.Values, ", "))
	}
	if len(p.Documented) > 0 {
		shown := make([]string, len(p.Documented))
		for i, d := range p.Documented {
			if d == "" {
				d = `""`
			}
			shown[i] = d
		}
		fmt.Fprintf(b, "        Documented values: %s\n", strings.Join(shown, ", "))
		if len(p.Accepted) > 0 {
			fmt.Fprintf(b, "        Also accepted: %s\n", strings.Join(p.Accepted, ", "))
		}
	}
	b.WriteString("\n")
}

// writeExamples writes the EXAMPLES section of cmd.
func writeExamples(b *strings.Builder, cmd *Cmdlet) {
	examples := cmdletExamples(cmd)
	if len(examples) == 0 {
		return
	}
	b.WriteString("\nEXAMPLES\n")
	for i, e := range examples {
		fmt.Fprintf(b, "    -------------------------- Example %d --------------------------\n    PS> %s\n\n", i+1, e)
	}
}

// cmdletHelpProps are the properties of a cmdlet's help object.
func cmdletHelpProps(cmd *Cmdlet) *value.Object {
	o := value.NewObject("MamlCommandHelpInfo")
	o.Set("Name", cmd.Name)
	o.Set("Category", "Cmdlet")
	o.Set("ModuleName", cmd.Module)
	o.Set("Synopsis", cmdletSynopsis(cmd))
	o.Set("Description", cmd.Description)
	o.Set("Syntax", strings.Join(syntaxLines(cmd), "\n"))
	o.Set("Examples", strings.Join(cmdletExamples(cmd), "\n"))
	o.Set("Online", cmd.Doc)
	return o
}

// cmdletHelp is the full help of a cmdlet, as Get-Help shows it, its
// syntax wrapped to width.
func cmdletHelp(cmd *Cmdlet, width int, table *Commands) *helpInfo {
	var b strings.Builder
	fmt.Fprintf(&b, "\nNAME\n    %s\n\nSYNOPSIS\n    %s\n\nSYNTAX\n", cmd.Name, cmdletSynopsis(cmd))
	for _, parts := range syntaxParts(cmd) {
		fmt.Fprintf(&b, "    %s\n\n", wrapSyntax(parts, width-5))
	}
	if cmd.Description != "" {
		fmt.Fprintf(&b, "\nDESCRIPTION\n    %s\n", cmd.Description)
	}
	if cmd.Module != "" {
		fmt.Fprintf(&b, "\nMODULE\n    %s %s\n", cmd.Module, table.moduleVersion(cmd.Module))
	}
	if len(cmd.Params) > 0 {
		b.WriteString("\nPARAMETERS\n")
		for _, p := range cmd.Params {
			writeParamHelp(&b, p)
		}
		b.WriteString("    <CommonParameters>\n        This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, WarningAction,\n" +
			"        InformationAction, ErrorVariable, WarningVariable, InformationVariable, OutVariable, OutBuffer\n" +
			"        and PipelineVariable.\n")
	}
	writeExamples(&b, cmd)
	if cmd.Doc != "" {
		fmt.Fprintf(&b, "\nRELATED LINKS\n    Online Version: %s\n", cmd.Doc)
	}
	return &helpInfo{props: cmdletHelpProps(cmd), text: b.String()}
}

// helpInfo is what Get-Help returns: its properties, and its text when
// it is printed.
type helpInfo struct {
	props *value.Object
	text  string
}

// PSString is the help text, which ends with one empty line.
func (h *helpInfo) PSString() string   { return strings.TrimRight(h.text, "\n") + "\n" }
func (h *helpInfo) PSTypeName() string { return "MamlCommandHelpInfo" }

// helpNotFound is Get-Help's error for a command whose help does not
// match -Component, -Role or -Functionality.
func helpNotFound(c *Call, name string) error {
	return c.WriteError(&ErrorRecord{ID: "HelpNotFound", Category: ResourceUnavailable, Target: name,
		Exception: "System.Management.Automation.HelpNotFoundException",
		Msg:       fmt.Sprintf("Get-Help could not find %s in a help file in this session. To download updated help topics type: \"Update-Help\". To get help online, search for the help topic in the TechNet library at https://go.microsoft.com/fwlink/?LinkID=107116.", name)})
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
			v.get()
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// getDateProcess writes the emulated clock's time, or -Date, with Get-Date's parts and formats applied.
func getDateProcess(c *Call) error {
	t := c.s.clock.Now()
	if c.Has("Date") {
		if d, ok := c.Arg("Date").(time.Time); ok {
			t = d
		}
	}
	if c.Has("UnixTimeSeconds") {
		// DateTimeOffset.FromUnixTimeSeconds(n).LocalDateTime
		n, _ := value.ToInt64(c.Arg("UnixTimeSeconds"))
		t = time.Unix(n, 0).In(time.Local)
	}
	// each part given moves the date by the difference, as AddYears,
	// AddMonths, ... do: a day past the new month's end is its last day
	if c.Has("Year") {
		t = addMonthsClamped(t, (c.Int("Year", 0)-t.Year())*12)
	}
	if c.Has("Month") {
		t = addMonthsClamped(t, c.Int("Month", 0)-int(t.Month()))
	}
	if c.Has("Day") {
		t = t.AddDate(0, 0, c.Int("Day", 0)-t.Day())
	}
	if c.Has("Hour") {
		t = t.Add(time.Duration(c.Int("Hour", 0)-t.Hour()) * time.Hour)
	}
	if c.Has("Minute") {
		t = t.Add(time.Duration(c.Int("Minute", 0)-t.Minute()) * time.Minute)
	}
	if c.Has("Second") {
		t = t.Add(time.Duration(c.Int("Second", 0)-t.Second()) * time.Second)
	}
	if c.Has("Millisecond") {
		// the ticks below a millisecond are dropped
		t = t.Add(time.Duration(c.Int("Millisecond", 0)-t.Nanosecond()/1e6) * time.Millisecond)
		t = t.Add(-time.Duration(t.Nanosecond() % 1e6))
	}
	if c.Bool("AsUTC") {
		t = value.DateToUniversal(t)
	}
	switch {
	case c.Has("Format"):
		// the ISO 8601 basic formats for file names (GetDateCommand)
		f := c.String("Format")
		switch strings.ToLower(f) {
		case "filedate":
			f = "yyyyMMdd"
		case "filedateuniversal":
			t, f = value.DateToUniversal(t), "yyyyMMddZ"
		case "filedatetime":
			f = "yyyyMMddTHHmmssffff"
		case "filedatetimeuniversal":
			t, f = value.DateToUniversal(t), "yyyyMMddTHHmmssffffZ"
		}
		s, err := value.FormatValue(t, f)
		if err != nil {
			return err
		}
		return c.Write(s)
	case c.Has("UFormat"):
		return c.Write(value.FormatDateUFormat(t, c.String("UFormat")))
	}
	return c.Write(t)
}

// addMonthsClamped is DateTime.AddMonths: the day stays, or becomes the
// last day of a shorter month.
func addMonthsClamped(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	total := int(m) - 1 + months
	ny, nm := y+total/12, total%12
	if nm < 0 {
		nm += 12
		ny--
	}
	last := time.Date(ny, time.Month(nm+2), 0, 0, 0, 0, 0, time.UTC).Day()
	if d > last {
		d = last
	}
	h, mi, s := t.Clock()
	return time.Date(ny, time.Month(nm+1), d, h, mi, s, t.Nanosecond(), t.Location())
}

// startSleepProcess advances the emulated clock by Start-Sleep's duration.
func startSleepProcess(c *Call) error {
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
}

// readHostProcess writes one line of standard input, after printing -Prompt.
// At the end of the input pwsh's console host reads null: with -Prompt the
// prompt counts as cancelled, so Read-Host writes nothing and ends the
// prompt's line; without it Read-Host writes $null
// (ConsoleHostUserInterface.ReadLineFromFile and PromptReadInput).
func readHostProcess(c *Call) error {
	if c.s.host.mode == hostNonInteractive {
		return c.nonInteractiveError()
	}
	prompt := c.Has("Prompt")
	if prompt {
		c.s.hostWrite(c.s.toString(c.Arg("Prompt")) + ": ")
	}
	line, ok := c.s.readLine()
	switch {
	case ok:
		return c.Write(line)
	case prompt:
		c.s.hostWrite("\n")
		return nil
	}
	return c.Write(nil)
}

// getCredentialProcess writes -Credential, or a credential for -UserName with an empty password.
func getCredentialProcess(c *Call) error {
	user := c.String("UserName")
	if cred, ok := c.Arg("Credential").(*value.Object); ok {
		return c.Write(cred)
	} else if c.Has("Credential") {
		user = c.String("Credential")
	}
	if c.s.host.mode == hostNonInteractive {
		return c.nonInteractiveError()
	}
	c.Verbose("Get-Credential: csemu does not prompt; returning a credential for %q with an empty password.", user)
	return c.Write(newCredential(user))
}

// invokeExpressionProcess parses -Command and runs it in the caller's scope.
func invokeExpressionProcess(c *Call) error {
	code := c.String("Command")
	script, _, errs := c.s.parseScript("", code)
	if len(errs) > 0 {
		// the ParseException of the text, named after its first error
		return (&parseFailure{t: newAstTree("", code, errs)}).commandError(c)
	}
	return c.s.execList(c.fr, script.Body.Stmts, func(v any) error { return emitValue(v, c.Write) })
}

// invokeCommandProcess runs -ScriptBlock locally; a remote computer or session is not emulated.
func invokeCommandProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	sb := c.Arg("ScriptBlock").(*ScriptBlock)
	return c.s.streamScriptBlock(c.fr, sb, c.Input, value.AsSlice(c.Arg("ArgumentList")), c.Bool("NoNewScope"), func(v any) error { return emitValue(v, c.Write) })
}

// getLocationProcess writes the current directory as a PathInfo object.
func getLocationProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	return c.Write(c.s.location())
}

// newTimeSpanProcess writes the time from -Start to -End, or the span of -Days, -Hours and the rest.
func newTimeSpanProcess(c *Call) error {
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
}

// newGUIDProcess writes a new GUID from the session's generator.
func newGUIDProcess(c *Call) error {
	o := value.NewObject(value.TGuid)
	g := c.s.newID()
	o.Set("Guid", g)
	o.SetToString(g)
	return c.Write(value.Guid(g))
}
