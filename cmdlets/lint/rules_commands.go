package lint

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// commandRules check cmdlets, parameters, values and policy identities.
func commandRules() []ruleDef {
	return []ruleDef{
		cmdRule(Rule{Code: "CSE1101", Name: "unknown-command", Severity: Error,
			Summary: "The command is not a cmdlet, alias or function that PowerShell would find.",
			Help:    "The name is neither a cmdlet of the modules csemu knows, nor an alias, nor a function defined in the script or exported by a local module it imports by a literal path (read relative to the script's folder), so PowerShell stops with CommandNotFoundException. It is most often a typo; the nearest known name is suggested. Calls through a variable (& $x), paths and script files are not checked.",
			Bad:     "Set-CsTeamsMeetingPolicyy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
			Good:    "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"}),
		cmdRule(Rule{Code: "CSE1102", Name: "retired-command", Severity: Warning,
			Summary: "The cmdlet is retired in the real modules.",
			Help:    "New-CsOnlineSession and the Import-PSSession of its session came from the Skype for Business Online Connector, which Microsoft retired: in a real tenant the script fails. Connect with Connect-MicrosoftTeams, whose module holds the Cs cmdlets.",
			Bad:     "$s = New-CsOnlineSession\nImport-PSSession $s\n",
			Good:    "Connect-MicrosoftTeams\n"}),
		cmdRule(Rule{Code: "CSE1103", Name: "not-emulated", Severity: Info,
			Summary: "The cmdlet is real, but csemu does not emulate it.",
			Help:    "The command exists in the real modules, but csemu does not model what it does: running the script in csemu stops there with a [NotImplemented] error. The script may be right; it just cannot be checked end to end offline.",
			Bad:     "Get-CsOnlineVoiceRoute\n",
			Good:    "Get-CsTeamsMeetingPolicy -Identity Global\n"}),
		cmdRule(Rule{Code: "CSE1201", Name: "unknown-parameter", Severity: Error,
			Summary: "The command has no such parameter.",
			Help:    "PowerShell finds no parameter with this name or alias (nor one it abbreviates), or no positional parameter left for an argument, and refuses to run the command. The message is the engine's; the nearest parameter name is suggested. Splatted hashtable literals are checked too.",
			Bad:     "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousJoin $false\n",
			Good:    "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"}),
		cmdRule(Rule{Code: "CSE1202", Name: "ambiguous-parameter", Severity: Error,
			Summary: "The abbreviated parameter name matches several parameters.",
			Help:    "PowerShell accepts a unique prefix of a parameter name; this one is the prefix of several, so the command does not run. Spell the parameter out: abbreviations also break when a module adds a parameter.",
			Bad:     "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymous $false\n",
			Good:    "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"}),
		cmdRule(Rule{Code: "CSE1203", Name: "parameter-set-conflict", Severity: Error,
			Summary: "The parameters given cannot be used together.",
			Help:    "The parameters belong to different parameter sets of the cmdlet, so PowerShell cannot choose one and stops. Split the call in two or drop one of the parameters.",
			Bad:     "Grant-CsTeamsMeetingPolicy -PolicyName Tag:AllOn -Global -Group sales@contoso.com\n",
			Good:    "Grant-CsTeamsMeetingPolicy -PolicyName Tag:AllOn -Group sales@contoso.com -Rank 1\n"}),
		cmdRule(Rule{Code: "CSE1204", Name: "missing-mandatory-parameter", Severity: Error,
			Summary: "A mandatory parameter is missing.",
			Help:    "A script run without a console cannot be prompted for a mandatory parameter: the command fails. Commands that get pipeline input, or splat a hashtable that is not a literal, are not checked.",
			Bad:     "Get-CsGroupPolicyAssignment -GroupId sales@contoso.com\nNew-CsGroupPolicyAssignment -GroupId sales@contoso.com -PolicyName Tag:AllOn\n",
			Good:    "New-CsGroupPolicyAssignment -GroupId sales@contoso.com -PolicyType TeamsMeetingPolicy -PolicyName Tag:AllOn\n"}),
		cmdRule(Rule{Code: "CSE1205", Name: "parameter-argument", Severity: Error,
			Summary: "A parameter is given twice, or has no value.",
			Help:    "A parameter that takes a value is last on the line or followed by another parameter, or the same parameter is given twice: PowerShell refuses to bind the command.",
			Bad:     "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers\n",
			Good:    "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompany\n"}),
		cmdRule(Rule{Code: "CSE1301", Name: "undocumented-value", Severity: Error,
			Summary: "The literal value is not one of the values the parameter takes.",
			Help:    "The parameter takes a fixed set of values (a ValidateSet, an enum, or the values the service documents); the literal is none of them, compared without case. The allowed values are listed and the nearest is suggested.",
			Bad:     "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everybody\n",
			Good:    "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\n"}),
		cmdRule(Rule{Code: "CSE1302", Name: "wrong-value-type", Severity: Error,
			Summary: "The literal value does not convert to the parameter's type.",
			Help:    "A Boolean parameter takes only $true, $false, 1 or 0: the strings yes, 'true' or 'false' are refused (and 'false' would not mean false). A number parameter takes only numbers. The message is the engine's.",
			Bad:     "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting yes\n",
			Good:    "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n"}),
		cmdRule(Rule{Code: "CSE1401", Name: "policy-never-created", Severity: Warning,
			Summary: "The policy is changed or granted but never created in the script.",
			Help:    "Grant-, Set- or Remove- names a policy that the script does not create with New- and that is not built in (Global, and the preset Tag: meeting policies). It must already exist in the tenant, or the command fails; a misspelled policy name shows up here too. A policy another script of the same folder creates (when the folder is linted in one run), or one the tenant file given with --tenant holds, is not reported.",
			Bad:     "Grant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName Tag:NoAnonymous\n",
			Good:    "New-CsTeamsMeetingPolicy -Identity NoAnonymous -AllowAnonymousUsersToJoinMeeting $false\nGrant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName Tag:NoAnonymous\n"}),
	}
}

// cmdRule is a rule whose findings come from the shared command analysis.
func cmdRule(r Rule) ruleDef {
	return ruleDef{Rule: r, check: func(f *File, env *Env, report func(Finding)) {
		for _, fd := range commandFindings(f, env) {
			if fd.Code == r.Code {
				report(fd)
			}
		}
	}}
}

// commandFindings returns the findings of the command analysis of f, made
// once per file for all the command rules.
func commandFindings(f *File, env *Env) []Finding {
	if !f.commandsDone {
		f.commands, f.commandsDone = analyzeCommands(f, env), true
	}
	return f.commands
}

// builtinPolicies are the policies a tenant has without any script
// creating them, by lower-case noun (Global is built in for every noun).
// The Tag: meeting policies are the presets listed in the reference
// (observedSample2019AllPolicies of TeamsMeetingPolicy).
var builtinPolicies = map[string][]string{
	"csteamsmeetingpolicy": {"AllOn", "RestrictedAnonymousAccess", "AllOff", "RestrictedAnonymousNoRecording", "Default", "Kiosk"},
}

// retiredReplacement names what replaces a retired cmdlet.
var retiredReplacement = map[string]string{
	"new-csonlinesession": "Connect-MicrosoftTeams",
}

// span is a range of source text.
type span struct{ pos, end parser.Pos }

// argInfo is what the analysis keeps of each argument given to CheckArgs.
type argInfo struct {
	name  span // -Name, or the hash key of a splatted entry
	value span // the value, when there is one
	unary *parser.Unary
	hasV  bool
	// positional marks a value given without a parameter name.
	positional bool
	// from is the line a value that reached the argument through a
	// variable was assigned on (0 for a literal); alts are the values of
	// a foreach variable over a constant list.
	from int
	alts []any
	// flowKey marks an entry of a hashtable the data-flow pass built.
	flowKey bool
}

// policyUse is a Grant/Set/Remove/New of a policy with a literal name.
type policyUse struct {
	verb, noun string // lower-case
	id         string // as written; "" when unknown
	known      bool
	at         span
	cmd        *parser.Command // the call
	// toUser marks a Grant- to one user (-Identity, neither -Group nor
	// -Global).
	toUser bool
}

type analyzer struct {
	f        *File
	env      *Env
	cmds     *cmdlets.Commands
	out      []Finding
	funcs    map[string]bool
	assigns  map[string]int
	modified map[string]bool
	hashes   map[string]*parser.HashLiteral
	hashAt   map[string]parser.Pos
	sessions map[string]bool // variables holding a New-CsOnlineSession
	uses     []policyUse
	// anyNew marks nouns created with an identity that is not a literal.
	anyNew map[string]bool
	names  []string
	// external is set when the script dot-sources a file or imports a
	// module csemu does not know: its commands may come from there.
	external bool
}

// funcName is the lower-case name of a function without its scope
// (function global:Get-X).
func funcName(name string) string {
	l := strings.ToLower(name)
	for _, sc := range []string{"global:", "script:", "local:", "private:"} {
		l = strings.TrimPrefix(l, sc)
	}
	return l
}

// knownModule reports whether a module's commands are ones csemu knows.
func knownModule(name string) bool {
	l := strings.ToLower(strings.Trim(name, `"' `))
	switch l {
	case "microsoftteams", "skypeonlineconnector", "lynconlineconnector", "skypeforbusiness":
		return true
	}
	return strings.HasPrefix(l, "microsoft.powershell.")
}

// imports notes a dot-sourced file or an imported module: the functions
// of a local module imported by a literal path become known commands;
// any other module may bring commands of its own (a.external).
func (a *analyzer) imports(c *parser.Command) {
	if c.Call == "." {
		a.external = true
		return
	}
	if c.Target != nil || !(strings.EqualFold(c.Name, "Import-Module") || strings.EqualFold(c.Name, "ipmo")) {
		return
	}
	for _, el := range c.Elements {
		if p, ok := el.(*parser.CommandParameter); ok && p.Name != "" && strings.HasPrefix("prefix", strings.ToLower(p.Name)) && len(p.Name) > 1 {
			// -Prefix renames the module's commands
			a.external = true
			return
		}
	}
	for _, el := range c.Elements {
		switch e := el.(type) {
		case *parser.CommandParameter:
			named := strings.HasPrefix("name", strings.ToLower(e.Name)) && e.Name != ""
			if named && e.Arg != nil {
				a.importArg(e.Arg)
			}
		case *parser.CommandArgument:
			if v, ok := literalExpr(e.Expr); ok {
				for _, it := range value.AsSlice(v) {
					if s, ok := it.(string); !ok || !a.importName(s) {
						a.external = true
					}
				}
			} else if e.Expr != nil && e.Expr.Ternary == nil && len(e.Expr.Rest) == 0 {
				a.importArg(e.Expr.First)
			} else {
				a.external = true
			}
		case *parser.Splat:
			a.external = true
		}
	}
}

func (a *analyzer) importArg(u *parser.Unary) {
	if v, ok := literalUnary(u); ok {
		if s, ok := v.(string); !ok || !a.importName(s) {
			a.external = true
		}
		return
	}
	if p, ok := a.scriptRootPath(u); ok {
		if !a.importName(p) {
			a.external = true
		}
		return
	}
	a.external = true
}

// scriptRootPath returns the path "$PSScriptRoot\rest" (or
// $PSScriptRoot/rest, quoted or not) names, relative to the linted
// script's folder: ./rest.
func (a *analyzer) scriptRootPath(u *parser.Unary) (string, bool) {
	if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return "", false
	}
	var b strings.Builder
	switch x := u.Primary.(type) {
	case *parser.ExpandString: // "$PSScriptRoot\x.psm1"
		if len(x.Parts) == 0 || !strings.EqualFold(x.Parts[0].Var, "PSScriptRoot") || x.Parts[0].Text != "" {
			return "", false
		}
		for _, part := range x.Parts[1:] {
			if part.Var != "" || part.Sub != nil {
				return "", false
			}
			b.WriteString(part.Text)
		}
	case *parser.CompoundArg: // $PSScriptRoot\x.psm1
		if len(x.Parts) == 0 || !strings.EqualFold(x.Parts[0].Var, "PSScriptRoot") {
			return "", false
		}
		for _, part := range x.Parts[1:] {
			switch {
			case part.Word != "":
				b.WriteString(part.Word)
			case part.Str != nil:
				b.WriteString(part.Str.Value)
			default:
				return "", false
			}
		}
	default:
		return "", false
	}
	rest := strings.ReplaceAll(b.String(), `\`, "/")
	if !strings.HasPrefix(rest, "/") {
		return "", false
	}
	return "." + rest, true // relative to the script's folder
}

// importName notes the module a script imports by name or path: a module
// csemu knows, or a local module file whose functions it can read. It
// reports false when the module's commands stay unknown.
func (a *analyzer) importName(name string) bool {
	if knownModule(name) {
		return true
	}
	funcs, ok := a.localModuleFunctions(name)
	if !ok {
		return false
	}
	for _, f := range funcs {
		a.funcs[funcName(f)] = true
	}
	return true
}

// localModuleFunctions reads the functions a local module exports, for a
// path (relative to the linted script's folder, where a script's modules
// usually sit). ok is false for a module name, a file that cannot be
// read, or a module whose exports cannot be known without running it.
func (a *analyzer) localModuleFunctions(spec string) ([]string, bool) {
	if a.env.ReadFile == nil || a.f.Path == "" || a.f.Path == "-" {
		return nil, false
	}
	p := strings.ReplaceAll(strings.Trim(spec, `"' `), `\`, "/")
	if !strings.ContainsRune(p, '/') && !strings.HasSuffix(strings.ToLower(p), ".psm1") && !strings.HasSuffix(strings.ToLower(p), ".psd1") {
		return nil, false // a module name, looked up on $env:PSModulePath
	}
	if strings.HasPrefix(p, "~") || strings.Contains(p, ":") {
		return nil, false
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(a.f.Path), p)
	}
	return a.readModule(p, 0)
}

// readModule reads a module file (or folder) for its exported functions.
func (a *analyzer) readModule(p string, depth int) ([]string, bool) {
	if depth > 4 {
		return nil, false
	}
	switch strings.ToLower(filepath.Ext(p)) {
	case ".psm1":
		script, ok := a.parseFile(p)
		if !ok {
			return nil, false
		}
		return cmdlets.ScriptModuleFunctions(script)
	case ".psd1":
		return a.readManifest(p, depth)
	case "":
		base := filepath.Base(p)
		for _, cand := range []string{p + ".psd1", p + ".psm1", filepath.Join(p, base+".psd1"), filepath.Join(p, base+".psm1")} {
			if _, err := a.env.ReadFile(cand); err == nil {
				return a.readModule(cand, depth+1)
			}
		}
	}
	return nil, false
}

// parseFile reads and parses a file.
func (a *analyzer) parseFile(p string) (*parser.Script, bool) {
	data, err := a.env.ReadFile(p)
	if err != nil {
		return nil, false
	}
	script, err := parser.Parse(p, string(data))
	return script, err == nil
}

// readManifest reads a module manifest's literal RootModule,
// NestedModules and FunctionsToExport for the functions it exports.
func (a *analyzer) readManifest(p string, depth int) ([]string, bool) {
	script, ok := a.parseFile(p)
	if !ok || script.Body.Stmts == nil || len(script.Body.Stmts.Stmts) != 1 {
		return nil, false
	}
	h := hashOf(script.Body.Stmts.Stmts[0])
	if h == nil {
		return nil, false
	}
	entries := map[string][]string{}
	for _, e := range h.Entries {
		k, ok := literalUnary(e.Key)
		if !ok {
			return nil, false
		}
		key := strings.ToLower(value.ToString(k))
		switch key {
		case "rootmodule", "moduletoprocess", "nestedmodules", "functionstoexport":
			vals, ok := literalStatement(e.Value)
			if !ok {
				return nil, false
			}
			entries[key] = vals
		}
	}
	var funcs []string
	for _, key := range []string{"rootmodule", "moduletoprocess", "nestedmodules"} {
		for _, m := range entries[key] {
			sub := strings.ReplaceAll(m, `\`, "/")
			if !filepath.IsAbs(sub) {
				sub = filepath.Join(filepath.Dir(p), sub)
			}
			if filepath.Ext(sub) == "" {
				if _, err := a.env.ReadFile(sub + ".psm1"); err == nil {
					sub += ".psm1"
				}
			}
			names, ok := a.readModule(sub, depth+1)
			if !ok {
				return nil, false
			}
			funcs = append(funcs, names...)
		}
	}
	pats, listed := entries["functionstoexport"]
	if !listed {
		return funcs, true
	}
	var out []string
	for _, f := range funcs {
		for _, pat := range pats {
			if value.Like(f, pat, false) {
				out = append(out, f)
				break
			}
		}
	}
	return out, true
}

// literalStatement returns the strings of a literal manifest value: a
// string, a comma list or an @() of strings.
func literalStatement(st parser.Statement) ([]string, bool) {
	e := exprOf(st)
	if e == nil {
		return nil, false
	}
	if v, ok := literalExpr(e); ok {
		var out []string
		for _, it := range value.AsSlice(v) {
			s, ok := it.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	if e.Ternary != nil || len(e.Rest) > 0 || e.First == nil || len(e.First.Prefix) > 0 || len(e.First.Post) > 0 {
		return nil, false
	}
	arr, ok := e.First.Primary.(*parser.ArrayExpr)
	if !ok {
		return nil, false
	}
	var out []string
	if arr.List == nil {
		return out, true
	}
	for _, inner := range arr.List.Stmts {
		vals, ok := literalStatement(inner)
		if !ok {
			return nil, false
		}
		out = append(out, vals...)
	}
	return out, true
}

func analyzeCommands(f *File, env *Env) []Finding {
	if f.Script == nil || env == nil || env.Commands == nil {
		return nil
	}
	a := runAnalyzer(f, env)
	a.policies()
	a.serviceChecks()
	return a.out
}

// runAnalyzer runs the command analysis of f, up to the policy check.
func runAnalyzer(f *File, env *Env) *analyzer {
	a := &analyzer{f: f, env: env, cmds: env.Commands, funcs: map[string]bool{}, assigns: map[string]int{},
		modified: map[string]bool{}, hashes: map[string]*parser.HashLiteral{}, hashAt: map[string]parser.Pos{},
		sessions: map[string]bool{}, anyNew: map[string]bool{}}
	a.collect()
	parser.Walk(f.Script, func(n any) bool {
		if x, ok := n.(*parser.ConfigurationDefinition); ok {
			// a DSC configuration is not run (its body holds resources,
			// not commands)
			at := span{x.Pos, a.tokenEnd(x.Pos)}
			a.report("CSE1103", at, "Configuration is a real command that csemu does not emulate: csemu will stop here with [NotImplemented]", "")
			return false
		}
		if pl, ok := n.(*parser.Pipeline); ok {
			for i, el := range pl.Elems {
				if c, ok := el.(*parser.Command); ok {
					a.command(c, i > 0)
				}
			}
		}
		return true
	})
	return a
}

// collect finds the functions and the variable assignments of the file.
func (a *analyzer) collect() {
	parser.Walk(a.f.Script, func(n any) bool {
		switch x := n.(type) {
		case *parser.FunctionDefinition:
			a.funcs[funcName(x.Name)] = true
			for _, p := range x.Params {
				a.assigns[strings.ToLower(p.Name)] += 2
			}
		case *parser.Command:
			a.imports(x)
		case *parser.UsingStatement:
			if strings.EqualFold(x.Kind, "module") && !a.importName(x.Name) {
				a.external = true
			}
		case *parser.Parameter:
			a.assigns[strings.ToLower(x.Name)] += 2
		case *parser.ForeachStatement:
			a.assigns[strings.ToLower(x.Var)] += 2
		case *parser.Unary:
			if v, ok := x.Primary.(*parser.VarExpr); ok {
				for _, po := range x.Post {
					if po.Call || po.IncDec != "" {
						a.modified[strings.ToLower(v.Name)] = true
					}
				}
			}
		case *parser.PipelineStatement:
			if x.Op == "" || x.Left == nil || len(x.Left.Elems) != 1 {
				return true
			}
			ce, ok := x.Left.Elems[0].(*parser.CommandExpression)
			if !ok || ce.Expr == nil || ce.Expr.First == nil {
				return true
			}
			v, ok := ce.Expr.First.Primary.(*parser.VarExpr)
			if !ok {
				return true
			}
			name := strings.ToLower(v.Name)
			if len(ce.Expr.First.Post) > 0 || len(ce.Expr.Rest) > 0 {
				a.modified[name] = true
				return true
			}
			a.assigns[name]++
			if x.Op != "=" {
				return true
			}
			if h := hashOf(x.Right); h != nil {
				a.hashes[name] = h
				a.hashAt[name] = x.Pos
			}
			if c := firstCommand(x.Right); c != nil && strings.EqualFold(c.Name, "New-CsOnlineSession") {
				a.sessions[name] = true
			}
		}
		return true
	})
}

// exprOf returns the single expression a statement is, or nil.
func exprOf(st parser.Statement) *parser.Expr {
	ps, ok := st.(*parser.PipelineStatement)
	if !ok || ps.Op != "" || len(ps.Chain) > 0 || ps.Left == nil || len(ps.Left.Elems) != 1 {
		return nil
	}
	ce, ok := ps.Left.Elems[0].(*parser.CommandExpression)
	if !ok || len(ce.Redirs) > 0 {
		return nil
	}
	return ce.Expr
}

// hashOf returns the hashtable literal a statement is, or nil.
func hashOf(st parser.Statement) *parser.HashLiteral {
	e := exprOf(st)
	if e == nil || e.Ternary != nil || len(e.Rest) > 0 || e.First == nil || len(e.First.Prefix) > 0 || len(e.First.Post) > 0 {
		return nil
	}
	h, _ := e.First.Primary.(*parser.HashLiteral)
	return h
}

// firstCommand returns the first command of a pipeline statement.
func firstCommand(st parser.Statement) *parser.Command {
	ps, ok := st.(*parser.PipelineStatement)
	if !ok || ps.Left == nil || len(ps.Left.Elems) == 0 {
		return nil
	}
	c, _ := ps.Left.Elems[0].(*parser.Command)
	return c
}

// report adds a finding.
func (a *analyzer) report(code string, at span, msg, suggestion string) {
	a.out = append(a.out, Finding{Code: code, File: a.f.Path, Pos: at.pos, End: at.end, Message: msg, Suggestion: suggestion})
}

// resolve finds a command as the engine does: by name or alias, then
// without a module qualifier.
func (a *analyzer) resolve(name string) (*cmdlets.Cmdlet, bool) {
	if c, ok := a.cmds.Lookup(name); ok {
		return c, true
	}
	if i := strings.LastIndexByte(name, '\\'); i > 0 {
		q := strings.ToLower(name[:i])
		if !strings.ContainsAny(q, "/.:") || strings.HasPrefix(q, "microsoft.powershell.") {
			return a.cmds.Lookup(name[i+1:])
		}
	}
	return nil, false
}

// pathLike reports whether a command name is a path, a script file or a
// native program rather than a cmdlet.
func pathLike(name string) bool {
	l := strings.ToLower(name)
	if strings.ContainsAny(l, "/$(){}") || strings.HasPrefix(l, ".") || strings.HasPrefix(l, "~") {
		return true
	}
	if i := strings.LastIndexByte(l, '\\'); i >= 0 && strings.ContainsAny(l[:i], ".:") && !strings.HasPrefix(l, "microsoft.powershell.") {
		return true
	}
	if dot := strings.LastIndexByte(l, '.'); dot > 0 && !strings.Contains(l[:dot], "\\") {
		return true
	}
	return strings.Contains(l, ".") && !strings.Contains(l, "\\")
}

func (a *analyzer) command(c *parser.Command, piped bool) {
	if c.Target != nil || c.Name == "" {
		return
	}
	name := c.Name
	if a.funcs[funcName(name)] {
		return
	}
	at := span{c.Pos, a.tokenEnd(c.Pos)}
	cmd, ok := a.resolve(name)
	if !ok {
		if pathLike(name) {
			return
		}
		base := name
		if i := strings.LastIndexByte(name, '\\'); i >= 0 {
			base = name[i+1:]
		}
		near, d := a.nearestCommand(base)
		real := a.cmds.IsReal(base)
		switch {
		case real && (near == "" || d > 2):
			a.report("CSE1103", at, fmt.Sprintf("%s is a real command that csemu does not emulate: csemu will stop here with [NotImplemented]", name), "")
		case !a.external && (strings.Contains(strings.Trim(base, "-"), "-") || real):
			sug := ""
			if near != "" {
				sug = "did you mean " + near + "?"
			}
			a.report("CSE1101", at, fmt.Sprintf("The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program.", name), sug)
		}
		return
	}
	if rep, ok := retiredReplacement[strings.ToLower(cmd.Name)]; ok || strings.HasPrefix(cmd.Synopsis, "Retired") {
		sug := ""
		if rep != "" {
			sug = "connect with " + rep + " instead"
		}
		a.report("CSE1102", at, fmt.Sprintf("%s is retired in the real modules: the script fails in a real tenant", cmd.Name), sug)
	} else if cmd.NotImplemented {
		a.report("CSE1103", at, fmt.Sprintf("%s is a real command that csemu does not emulate: csemu will stop here with [NotImplemented]", cmd.Name), "")
		if len(cmd.Params) == 0 {
			return
		}
	}
	args, infos, incomplete := a.args(c)
	b := a.env.checker.Check(cmd, args, piped, incomplete)
	for _, p := range b.Problems {
		a.problem(cmd, c, at, args, infos, p)
	}
	a.alternatives(cmd, c, at, args, infos, piped, incomplete)
	a.spelling(c, cmd, args, infos, b)
	a.use(cmd, c, b, args, infos, incomplete)
	a.refusedParams(cmd, args, infos, b)
	if strings.EqualFold(cmd.Name, "Import-PSSession") {
		if i, ok := b.Bound["Session"]; ok && infos[i].unary != nil {
			if v, ok := infos[i].unary.Primary.(*parser.VarExpr); ok && len(infos[i].unary.Post) == 0 && a.sessions[strings.ToLower(v.Name)] {
				a.report("CSE1102", at, "Import-PSSession imports the session of New-CsOnlineSession, which is retired in the real modules: the script fails in a real tenant", "connect with Connect-MicrosoftTeams instead")
			}
		}
	}
}

// args turns the command's elements into binder arguments.
func (a *analyzer) args(c *parser.Command) ([]cmdlets.LintArg, []argInfo, bool) {
	var args []cmdlets.LintArg
	var infos []argInfo
	incomplete := false
	for _, el := range c.Elements {
		switch e := el.(type) {
		case *parser.CommandParameter:
			la := cmdlets.LintArg{Name: e.Name, Pos: e.Pos}
			in := argInfo{name: span{e.Pos, a.paramEnd(e.Pos)}}
			if e.Arg != nil {
				la.HasValue = true
				la.Value, la.Known = literalUnary(e.Arg)
				in.value = span{e.Arg.Pos, a.tokenEnd(e.Arg.Pos)}
				in.unary, in.hasV = e.Arg, true
				if !la.Known {
					if fv, ok := flowOf(a.f).unaryValue(e.Arg); ok {
						a.flowArg(&la, &in, fv)
					}
				}
			}
			args = append(args, la)
			infos = append(infos, in)
		case *parser.CommandArgument:
			la := cmdlets.LintArg{Pos: e.Pos}
			la.Value, la.Known = literalExpr(e.Expr)
			in := argInfo{value: span{e.Pos, a.exprEnd(e.Expr)}, hasV: true, positional: true}
			in.name = in.value
			if !la.Known {
				if fv, ok := flowOf(a.f).exprValue(e.Expr); ok {
					a.flowArg(&la, &in, fv)
				}
			}
			if e.Expr != nil && len(e.Expr.Rest) == 0 && e.Expr.Ternary == nil {
				in.unary = e.Expr.First
			}
			args = append(args, la)
			infos = append(infos, in)
		case *parser.Splat:
			name := strings.ToLower(e.Name)
			h, ok := a.hashes[name]
			if !ok || a.assigns[name] != 1 || a.modified[name] || !before(a.hashAt[name], e.Pos) {
				fh, known := flowOf(a.f).splats[e]
				if !known {
					incomplete = true
					continue
				}
				if fh.partial {
					incomplete = true
				}
				at := span{e.Pos, a.tokenEnd(e.Pos)}
				for _, k := range fh.keys {
					en := fh.entries[strings.ToLower(k)]
					la := cmdlets.LintArg{Name: en.key, HasValue: true, Pos: en.at, Value: en.v, Known: en.known}
					args = append(args, la)
					infos = append(infos, argInfo{name: at, value: at, hasV: true, from: en.line, flowKey: true})
				}
				continue
			}
			for _, en := range h.Entries {
				key, ok := literalUnary(en.Key)
				ks, isStr := key.(string)
				if !ok || !isStr {
					incomplete = true
					continue
				}
				la := cmdlets.LintArg{Name: ks, HasValue: true, Pos: en.Key.Pos}
				in := argInfo{name: span{en.Key.Pos, a.tokenEnd(en.Key.Pos)}, hasV: true}
				if ex := exprOf(en.Value); ex != nil {
					la.Value, la.Known = literalExpr(ex)
					in.value = span{ex.Pos, a.exprEnd(ex)}
					if len(ex.Rest) == 0 && ex.Ternary == nil {
						in.unary = ex.First
					}
				} else {
					in.value = in.name
				}
				args = append(args, la)
				infos = append(infos, in)
			}
		}
	}
	return args, infos, incomplete
}

func before(a, b parser.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
}

// flowArg gives an argument the value the data-flow pass knows reaches it.
func (a *analyzer) flowArg(la *cmdlets.LintArg, in *argInfo, fv flowVal) {
	in.from = fv.line
	if fv.alts != nil {
		in.alts = fv.alts
		return
	}
	la.Value, la.Known = fv.v, true
}

// alternatives checks each value a foreach variable over a constant list
// gives an argument, reporting the values the parameter refuses once.
func (a *analyzer) alternatives(cmd *cmdlets.Cmdlet, c *parser.Command, at span, args []cmdlets.LintArg, infos []argInfo, piped, incomplete bool) {
	for i, in := range infos {
		if in.alts == nil {
			continue
		}
		seen := map[string]bool{}
		for _, alt := range in.alts {
			try := append([]cmdlets.LintArg(nil), args...)
			try[i].Value, try[i].Known = alt, true
			b := a.env.checker.Check(cmd, try, piped, incomplete)
			for _, p := range b.Problems {
				if p.Arg != i || !p.Kind.IsValue() || seen[p.Msg] {
					continue
				}
				seen[p.Msg] = true
				a.problem(cmd, c, at, try, infos, p)
			}
		}
	}
}

// problem turns a binding problem into a finding.
func (a *analyzer) problem(cmd *cmdlets.Cmdlet, c *parser.Command, at span, args []cmdlets.LintArg, infos []argInfo, p cmdlets.BindProblem) {
	where := at
	if p.Arg >= 0 {
		where = infos[p.Arg].name
	}
	switch p.Kind {
	case cmdlets.BindUnknownParameter:
		sug := ""
		if near := nearestParam(args[p.Arg].Name, paramNames(cmd)); near != "" {
			sug = "did you mean -" + near + "?"
		}
		msg := p.Msg
		if in := infos[p.Arg]; in.flowKey {
			msg += fmt.Sprintf(" (the key was set on line %d)", in.from)
		}
		a.report("CSE1201", where, msg, sug)
	case cmdlets.BindUnboundPositional:
		a.report("CSE1201", infos[p.Arg].value, p.Msg, "name the parameter the value is for")
	case cmdlets.BindAmbiguousParameter:
		a.report("CSE1202", where, p.Msg, "spell out one of -"+strings.Join(p.Candidates, ", -"))
	case cmdlets.BindAmbiguousSet:
		a.report("CSE1203", where, p.Msg, fmt.Sprintf("see Get-Command %s -Syntax for the parameters that go together", cmd.Name))
	case cmdlets.BindMissingMandatory:
		sug := ""
		if len(p.Missing) > 0 {
			sug = "add -" + strings.Join(p.Missing, ", -")
		}
		a.report("CSE1204", where, p.Msg, sug)
	case cmdlets.BindDuplicateParameter, cmdlets.BindMissingArgument:
		a.report("CSE1205", where, p.Msg, "")
	default:
		if !p.Kind.IsValue() {
			return
		}
		if infos[p.Arg].hasV {
			where = infos[p.Arg].value
		}
		msg := p.Msg
		if from := infos[p.Arg].from; from > 0 {
			msg += fmt.Sprintf(" (the value came from line %d)", from)
		}
		if p.Kind == cmdlets.BindValueNotAllowed {
			var allowed []string
			allowed = append(allowed, p.Param.Values...)
			allowed = append(allowed, p.Param.Documented...)
			allowed = append(allowed, p.Param.Accepted...)
			sug := ""
			if s, ok := args[p.Arg].Value.(string); ok {
				if near := nearest(s, allowed, len(s)/2+2); near != "" {
					sug = "did you mean " + near + "?"
				}
			}
			a.report("CSE1301", where, msg, sug)
			if s, ok := args[p.Arg].Value.(string); ok && args[p.Arg].Known {
				a.out[len(a.out)-1].Fix = a.valueFix(where, s, allowed)
			}
			return
		}
		sug := ""
		switch strings.ToLower(p.Param.Type) {
		case "bool", "boolean", "switch":
			sug = "use $true or $false"
		}
		a.report("CSE1302", where, msg, sug)
	}
}

// use records a policy command with a literal identity for CSE1401.
func (a *analyzer) use(cmd *cmdlets.Cmdlet, call *parser.Command, b *cmdlets.LintBinding, args []cmdlets.LintArg, infos []argInfo, incomplete bool) {
	name := cmd.Name
	if i := strings.LastIndexByte(name, '\\'); i >= 0 {
		name = name[i+1:]
	}
	verb, noun, ok := strings.Cut(strings.ToLower(name), "-")
	if !ok {
		return
	}
	switch verb {
	case "new", "set", "remove", "grant":
	default:
		return
	}
	if _, ok := a.cmds.Lookup("New-" + noun); !ok || !strings.HasSuffix(noun, "policy") {
		return
	}
	param := "Identity"
	if verb == "grant" {
		param = "PolicyName"
	}
	i, ok := b.Bound[param]
	if !ok {
		if verb == "new" && incomplete {
			a.anyNew[noun] = true
		}
		return
	}
	if incomplete && infos[i].positional {
		// an unknown splat may have taken the parameter this value
		// would bind to
		return
	}
	u := policyUse{verb: verb, noun: noun, cmd: call}
	if verb == "grant" {
		_, id := b.Bound["Identity"]
		_, group := b.Bound["Group"]
		_, global := b.Bound["Global"]
		u.toUser = id && !group && !global && !incomplete
	}
	if in := infos[i]; in.unary != nil || in.from > 0 {
		if args[i].Known {
			if s, ok := args[i].Value.(string); ok {
				u.id, u.known = s, true
			}
		}
		u.at = in.value
	}
	if !u.known && verb == "new" {
		a.anyNew[noun] = true
		return
	}
	if u.known {
		a.uses = append(a.uses, u)
	}
}

// normPolicy is a policy identity without its Tag: prefix, lower-case.
func normPolicy(id string) string {
	l := strings.ToLower(strings.TrimSpace(id))
	return strings.TrimPrefix(l, "tag:")
}

// policies reports the policies used but never created (CSE1401).
func (a *analyzer) policies() {
	created := map[string]bool{}
	for _, u := range a.uses {
		if u.verb == "new" {
			created[u.noun+"\x00"+normPolicy(u.id)] = true
		}
	}
	for _, u := range a.uses {
		if u.verb == "new" || a.anyNew[u.noun] {
			continue
		}
		id := normPolicy(u.id)
		if id == "" || id == "global" || strings.ContainsAny(id, "*?") || created[u.noun+"\x00"+id] {
			continue
		}
		if a.env.Known.HasPolicy(a.f.Path, u.noun, u.id) {
			// created by another script of the folder, or in the tenant
			continue
		}
		builtin := false
		for _, b := range builtinPolicies[u.noun] {
			if strings.EqualFold(b, id) {
				builtin = true
			}
		}
		if builtin {
			continue
		}
		shown := u.id
		if !strings.Contains(strings.ToLower(shown), ":") {
			shown = "Tag:" + shown
		}
		newCmd := "New-" + u.noun
		if c, ok := a.cmds.Lookup(newCmd); ok {
			newCmd = c.Name
		}
		sug := fmt.Sprintf("create it first with %s -Identity %s, or check the name", newCmd, strings.TrimPrefix(shown, "Tag:"))
		if near := a.nearCreated(u); near != "" {
			sug = fmt.Sprintf("did you mean %s, which this script creates?", near)
		}
		a.report("CSE1401", u.at, fmt.Sprintf("the policy %s is never created in this script; it must already exist in the tenant", shown), sug)
	}
}

// literalExpr returns the value of a literal expression: a literal or a
// comma list of literals.
func literalExpr(e *parser.Expr) (any, bool) {
	if e == nil || e.Ternary != nil || e.First == nil {
		return nil, false
	}
	first, ok := literalUnary(e.First)
	if !ok {
		return nil, false
	}
	if len(e.Rest) == 0 {
		return first, true
	}
	items := []any{first}
	for _, r := range e.Rest {
		if r.Op != "," {
			return nil, false
		}
		v, ok := literalUnary(r.Right)
		if !ok {
			return nil, false
		}
		items = append(items, v)
	}
	return value.NewArray(items...), true
}

// literalUnary returns the value of a literal operand.
func literalUnary(u *parser.Unary) (any, bool) {
	if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return nil, false
	}
	switch p := u.Primary.(type) {
	case *parser.StringLit:
		return p.Value, true
	case *parser.BareWord:
		return p.Value, true
	case *parser.NumberLit:
		return value.FromNumber(p.Value), true
	case *parser.VarExpr:
		switch strings.ToLower(p.Name) {
		case "true":
			return true, true
		case "false":
			return false, true
		case "null":
			return nil, true
		}
	case *parser.ExpandString:
		var b strings.Builder
		for _, part := range p.Parts {
			if part.Var != "" || part.Sub != nil {
				return nil, false
			}
			b.WriteString(part.Text)
		}
		return b.String(), true
	}
	return nil, false
}

// paramNames lists a cmdlet's parameter names and aliases.
func paramNames(cmd *cmdlets.Cmdlet) []string {
	var out []string
	for _, p := range cmd.Params {
		out = append(out, p.Name)
	}
	return out
}

// nearestCommand returns the known command name nearest to name.
func (a *analyzer) nearestCommand(name string) (string, int) {
	if a.names == nil {
		a.names = append(a.cmds.Names(), a.cmds.Aliases()...)
	}
	best, bd := "", -1
	for _, c := range a.names {
		d := distance(name, c)
		if bd < 0 || d < bd {
			best, bd = c, d
		}
	}
	if bd < 0 || bd > len(name)/3+1 {
		return "", bd
	}
	return best, bd
}

// nearestParam returns the parameter name nearest to name: within a few
// edits, or else one that holds the words of name in order
// (AllowAnonymousJoin: AllowAnonymousUsersToJoinMeeting).
func nearestParam(name string, cands []string) string {
	if near := nearest(name, cands, len(name)/3+2); near != "" {
		return near
	}
	words := camelWords(name)
	if len(words) < 2 {
		return ""
	}
	best, bd := "", -1
	for _, c := range cands {
		lc, ok := strings.ToLower(c), true
		for _, w := range words {
			i := strings.Index(lc, w)
			if i < 0 {
				ok = false
				break
			}
			lc = lc[i+len(w):]
		}
		if d := distance(name, c); ok && (bd < 0 || d < bd) {
			best, bd = c, d
		}
	}
	return best
}

// camelWords splits a CamelCase name into lower-case words.
func camelWords(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || unicode.IsUpper(rs[i]) && !unicode.IsUpper(rs[i-1]) {
			out = append(out, strings.ToLower(string(rs[start:i])))
			start = i
		}
	}
	return out
}

// nearest returns the candidate nearest to s within max edits, or "".
func nearest(s string, cands []string, max int) string {
	best, bd := "", max+1
	for _, c := range cands {
		if c == "" {
			continue
		}
		d := distance(s, c)
		if len(s) >= 3 && strings.HasPrefix(strings.ToLower(c), strings.ToLower(s)) && d > 1 {
			d = max // a prefix is a near miss even when short
		}
		if d < bd {
			best, bd = c, d
		}
	}
	return best
}

// distance is the case-insensitive edit distance of two strings.
func distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// advance returns the position n bytes after p.
func (a *analyzer) advance(p parser.Pos, n int) parser.Pos {
	src := a.f.Src
	end := min(p.Offset+n, len(src))
	q := p
	for i := p.Offset; i < end; {
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == '\n' {
			q.Line++
			q.Column = 1
		} else {
			q.Column++
		}
		i += size
	}
	q.Offset = end
	return q
}

// isDash reports whether r is a dash PowerShell accepts before a
// parameter.
func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '―' }

// paramEnd returns the end of the -Name token at p (before any colon).
func (a *analyzer) paramEnd(p parser.Pos) parser.Pos {
	src := a.f.Src
	if p.Offset >= len(src) {
		return p
	}
	i := p.Offset
	if r, size := utf8.DecodeRuneInString(src[i:]); isDash(r) {
		i += size
	}
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		if unicode.IsSpace(r) || r == ':' || strings.ContainsRune(";|(){},", r) {
			break
		}
		i += size
	}
	return a.advance(p, i-p.Offset)
}

// tokenEnd returns the end of the token at p: a string, a variable or a
// bare word.
func (a *analyzer) tokenEnd(p parser.Pos) parser.Pos {
	src := a.f.Src
	if p.Offset >= len(src) {
		return p
	}
	i := p.Offset
	r, size := utf8.DecodeRuneInString(src[i:])
	switch {
	case r == '\'' || r == '‘' || r == '’':
		i += size
		for i < len(src) {
			r, size := utf8.DecodeRuneInString(src[i:])
			i += size
			if r == '\'' || r == '‘' || r == '’' {
				if n, s2 := utf8.DecodeRuneInString(src[i:]); i < len(src) && (n == '\'' || n == '‘' || n == '’') {
					i += s2
					continue
				}
				break
			}
		}
	case r == '"' || r == '“' || r == '”':
		i += size
		for i < len(src) {
			r, size := utf8.DecodeRuneInString(src[i:])
			i += size
			if r == '`' && i < len(src) {
				_, s2 := utf8.DecodeRuneInString(src[i:])
				i += s2
				continue
			}
			if r == '"' || r == '“' || r == '”' {
				if n, s2 := utf8.DecodeRuneInString(src[i:]); i < len(src) && (n == '"' || n == '“' || n == '”') {
					i += s2
					continue
				}
				break
			}
		}
	case r == '$' && i+1 < len(src) && src[i+1] == '{':
		if j := strings.IndexByte(src[i:], '}'); j > 0 {
			i += j + 1
		}
	case r == '$':
		i += size
		for i < len(src) {
			r, size := utf8.DecodeRuneInString(src[i:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == ':' || r == '?') {
				break
			}
			i += size
		}
	default:
		for i < len(src) {
			r, size := utf8.DecodeRuneInString(src[i:])
			if unicode.IsSpace(r) || strings.ContainsRune(";|(){},=", r) {
				break
			}
			i += size
		}
	}
	return a.advance(p, i-p.Offset)
}

// exprEnd returns the end of a command argument expression.
func (a *analyzer) exprEnd(e *parser.Expr) parser.Pos {
	if e == nil {
		return parser.Pos{}
	}
	last := e.First
	if n := len(e.Rest); n > 0 {
		last = e.Rest[n-1].Right
	}
	if last == nil {
		return e.Pos
	}
	return a.tokenEnd(last.Pos)
}
