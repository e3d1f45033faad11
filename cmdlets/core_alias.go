package cmdlets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state/fold"
)

// aliasEntry is an alias made by Set-Alias, New-Alias or Import-Alias:
// its name as written, the command it names, and its description and
// options.
type aliasEntry struct {
	name, target, description string
	opts                      scopedOpts
}

// aliasCmdlets are the alias cmdlets that change aliases (Get-Alias is
// with the other Get- cmdlets).
func aliasCmdlets() []*Cmdlet {
	write := func() []*ParamDef {
		return []*ParamDef{mand(byName(p("Name", "string", 0))), mand(byName(p("Value", "string", 1))), p("Description", "string", -1),
			p("Option", "object", -1), p("PassThru", "switch", -1), p("Scope", "string", -1), p("Force", "switch", -1)}
	}
	return []*Cmdlet{
		{
			Name: "Set-Alias", Synopsis: "Creates or changes an alias for a cmdlet or other command in the current PowerShell session.",
			Doc:    "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-alias",
			Params: write(), ShouldProcess: true,
			Process: func(c *Call) error { return writeAlias(c, false) },
		},
		{
			Name: "New-Alias", Synopsis: "Creates a new alias.",
			Doc:    "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-alias",
			Params: write(), ShouldProcess: true,
			Process: func(c *Call) error { return writeAlias(c, true) },
		},
		{
			Name: "Remove-Alias", Synopsis: "Remove an alias from the current session.",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/remove-alias",
			Params:  []*ParamDef{mand(byName(pipe(p("Name", "string[]", 0)))), p("Scope", "string", -1), p("Force", "switch", -1)},
			Process: removeAliasProcess,
		},
	}
}

// aliasAt returns the alias name of scope sc's own table.
func (s *Session) aliasAt(sc *Scope, name string) (*aliasEntry, bool) {
	key := strings.ToLower(name)
	if sc == s.global {
		to, ok := s.aliases[key]
		if !ok {
			return nil, false
		}
		if e, ok := sc.aliases[key]; ok {
			return e, true
		}
		return &aliasEntry{name: key, target: to}, true
	}
	e, ok := sc.aliases[key]
	return e, ok
}

// findAlias returns the alias name as code running in sc sees it, and
// the scope that holds it: the nearest scope's, a private alias only in
// its own scope; then the module's; then the global one.
func (s *Session) findAlias(sc *Scope, name string) (*aliasEntry, *Scope, bool) {
	if s.localAliases > 0 {
		key := strings.ToLower(name)
		for x := sc; x != nil && x != s.global; x = x.parent {
			if e, ok := x.aliases[key]; ok && (x == sc || e.opts&optPrivate == 0) {
				return e, x, true
			}
		}
	}
	if sc != nil && sc.module != nil && sc.module.aliases != nil {
		if to, ok := fold.Lookup(sc.module.aliases, name); ok {
			return &aliasEntry{name: name, target: to}, nil, true
		}
	}
	e, ok := s.aliasAt(s.global, name)
	if ok && e.opts&optPrivate != 0 && sc != s.global {
		return nil, nil, false
	}
	return e, s.global, ok
}

// setAliasAt makes or changes alias e in scope sc, as
// SessionState.SetAliasItemAtScope does: a constant alias, or a read-only
// one without force, cannot be changed, and an alias that exists cannot
// be made constant.
func (s *Session) setAliasAt(c *Call, sc *Scope, e *aliasEntry, force bool) (*aliasEntry, error) {
	if old, ok := s.aliasAt(sc, e.name); ok {
		if old.opts&optConstant != 0 || old.opts&optReadOnly != 0 && !force {
			return nil, unauthorized(c, "AliasNotWritable", e.name,
				fmt.Sprintf("Alias is not writeable because alias %s is read-only or constant and cannot be written to.", e.name))
		}
		if e.opts&optConstant != 0 {
			return nil, unauthorized(c, "AliasCannotBeMadeConstant", e.name,
				fmt.Sprintf("Alias %s cannot be made constant after it has been created. Aliases can only be made constant at creation time.", e.name))
		}
	}
	key := strings.ToLower(e.name)
	if sc.aliases == nil {
		sc.aliases = map[string]*aliasEntry{}
	}
	sc.aliases[key] = e
	if sc == s.global {
		s.aliases[key] = e.target
	} else {
		s.localAliases++
	}
	if m := sc.module; m != nil && sc == m.scope {
		// an alias of the module's own scope is the module's, which
		// Export-ModuleMember -Alias exports
		s.defineAlias(sc, e.name, e.target)
	}
	return e, nil
}

// removeAliasFrom removes alias name from scope sc.
func (s *Session) removeAliasFrom(sc *Scope, name string) {
	key := strings.ToLower(name)
	delete(sc.aliases, key)
	if sc == s.global {
		delete(s.aliases, key)
	}
	if m := sc.module; m != nil && sc == m.scope {
		delete(m.aliases, key)
	}
}

// writeAlias is Set-Alias, or with isNew New-Alias (which fails on an
// alias that exists, unless -Force).
func writeAlias(c *Call, isNew bool) error {
	opts, err := c.optionArg()
	if err != nil {
		return err
	}
	name, target := c.String("Name"), c.String("Value")
	var sc *Scope
	if c.Has("Scope") {
		if sc, err = c.scopeArg(); err != nil {
			return err
		}
	}
	force := c.Bool("Force")
	if isNew && !force {
		var exists bool
		if sc != nil {
			_, exists = c.s.aliasAt(sc, name)
		} else {
			_, _, exists = c.s.findAlias(c.fr.scope, name)
		}
		if exists {
			return c.WriteError(&ErrorRecord{ID: "AliasAlreadyExists", Category: ResourceExists, Target: name,
				Exception: "System.Management.Automation.SessionStateException",
				Msg:       fmt.Sprintf("The alias is not allowed, because an alias with the name '%s' already exists.", name)})
		}
	}
	action := "Set Alias"
	if isNew {
		action = "New Alias"
	}
	if !c.ShouldProcess(fmt.Sprintf("Name: %s Value: %s", name, target), action) {
		return nil
	}
	if sc == nil {
		sc = c.fr.scope
		// an all-scope alias of an outer scope is the one that changes
		if e, at, ok := c.s.findAlias(sc, name); ok && at != nil && e.opts&optAllScope != 0 {
			sc = at
		}
	}
	e, err := c.s.setAliasAt(c, sc, &aliasEntry{name: name, target: target, description: c.String("Description"), opts: opts}, force || isNew)
	if err != nil {
		return c.WriteError(err.(*ErrorRecord))
	}
	if c.Bool("PassThru") {
		return c.Write(c.s.aliasObject(c.fr.scope, e))
	}
	return nil
}

// removeAliasProcess is Remove-Alias: each alias -Name names is removed
// from the nearest scope that has it; a read-only one only with -Force,
// a constant one never.
func removeAliasProcess(c *Call) error {
	var at *Scope
	if c.Has("Scope") {
		var err error
		if at, err = c.scopeArg(); err != nil {
			return err
		}
	}
	for _, n := range c.Strings("Name") {
		var e *aliasEntry
		var sc *Scope
		var ok bool
		if at != nil {
			e, ok = c.s.aliasAt(at, n)
			sc = at
		} else {
			e, sc, ok = c.s.findAlias(c.fr.scope, n)
		}
		if !ok || sc == nil {
			if err := c.WriteError(&ErrorRecord{ID: "ItemNotFoundException", Category: ObjectNotFound, Target: n,
				Exception: "System.Management.Automation.ItemNotFoundException",
				Msg:       fmt.Sprintf("This command cannot find a matching alias because an alias with the name '%s' does not exist.", n)}); err != nil {
				return err
			}
			continue
		}
		if e.opts&optConstant != 0 || e.opts&optReadOnly != 0 && !c.Bool("Force") {
			return &psError{kind: statementTerminating, rec: unauthorized(c, "AliasNotRemovable", n,
				fmt.Sprintf("Alias was not removed because alias %s is constant or read-only.", n))}
		}
		c.s.removeAliasFrom(sc, n)
	}
	return nil
}

// aliasObject is the AliasInfo of alias e: DisplayName names the command
// the alias leads to through other aliases (AliasInfo.DisplayName).
func (s *Session) aliasObject(sc *Scope, e *aliasEntry) *value.Object {
	o := aliasInfo(e.name, e.target, "")
	resolved := e.target
	for i := 0; i < 32; i++ {
		next, _, ok := s.findAlias(sc, resolved)
		if !ok {
			break
		}
		resolved = next.target
	}
	o.Set("DisplayName", e.name+" -> "+resolved)
	o.Set("ResolvedCommandName", resolved)
	o.Set("Description", e.description)
	o.Set("Options", e.opts.String())
	return o
}

// aliasTable lists the aliases code running in sc sees (all scopes
// true), or those of sc's own table, sorted by name.
func (s *Session) aliasTable(sc *Scope, all bool) []*aliasEntry {
	seen := map[string]bool{}
	var out []*aliasEntry
	add := func(key string, e *aliasEntry) {
		if !seen[key] {
			seen[key] = true
			out = append(out, e)
		}
	}
	if all {
		for x := sc; x != nil && x != s.global; x = x.parent {
			for k, e := range x.aliases {
				if x == sc || e.opts&optPrivate == 0 {
					add(k, e)
				}
			}
		}
		if sc != nil && sc.module != nil {
			for k, to := range sc.module.aliases {
				add(k, &aliasEntry{name: k, target: to})
			}
		}
		sc = s.global
	}
	if sc == s.global {
		for k := range s.aliases {
			e, _ := s.aliasAt(s.global, k)
			add(k, e)
		}
	} else {
		for k, e := range sc.aliases {
			add(k, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].name) < strings.ToLower(out[j].name) })
	return out
}

// getAliasProcess is Get-Alias: the aliases whose names (or with
// -Definition, targets) match, less those -Exclude matches; a name
// without wildcards that matches none is ItemNotFoundException.
func getAliasProcess(c *Call) error {
	sc, all := c.fr.scope, true
	if c.Has("Scope") {
		var err error
		if sc, err = c.scopeArg(); err != nil {
			return err
		}
		all = false
	}
	byDef := c.Has("Definition")
	patterns, what := c.Strings("Name"), "name"
	if byDef {
		patterns, what = c.Strings("Definition"), "definition"
	}
	if len(patterns) == 0 {
		patterns = []string{"*"}
	}
	excludes := c.Strings("Exclude")
	table := c.s.aliasTable(sc, all)
	for _, pat := range patterns {
		found := false
		for _, e := range table {
			key := e.name
			if byDef {
				key = e.target
			}
			if !value.Like(key, pat, false) || likeAnyOf(key, excludes) {
				continue
			}
			found = true
			if err := c.Write(c.s.aliasObject(c.fr.scope, e)); err != nil {
				return err
			}
		}
		if !found && !value.HasWildcard(pat) && len(excludes) == 0 {
			if err := c.WriteError(&ErrorRecord{ID: "ItemNotFoundException", Category: ObjectNotFound, Target: pat,
				Exception: "System.Management.Automation.ItemNotFoundException",
				Msg:       fmt.Sprintf("This command cannot find a matching alias because an alias with the %s '%s' does not exist.", what, pat)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// aliasFileCmdlets are Export-Alias and Import-Alias: an alias file is
// comment lines (#) and one CSV line per alias, "name","value",
// "description","options".
func aliasFileCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Export-Alias", Synopsis: "Exports information about currently defined aliases to a file.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-alias",
			Params: []*ParamDef{mand(sets(p("Path", "string", 0), "ByPath")), mand(sets(byName(alias(p("LiteralPath", "string", -1), "PSPath", "LP")), "ByLiteralPath")),
				byName(p("Name", "string[]", 1)), p("PassThru", "switch", -1), values(p("As", "string", -1), "Csv", "Script"),
				p("Append", "switch", -1), p("Force", "switch", -1), alias(p("NoClobber", "switch", -1), "NoOverwrite"),
				p("Description", "string", -1), p("Scope", "string", -1)},
			DefaultSet: "ByPath", ShouldProcess: true, Writes: true,
			Process: exportAliasProcess, End: exportAliasEnd,
		},
		{
			Name: "Import-Alias", Synopsis: "Imports an alias list from a file.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-alias",
			Params: []*ParamDef{mand(sets(byName(pipe(p("Path", "string", 0))), "ByPath")), mand(sets(byName(pipe(alias(p("LiteralPath", "string", -1), "PSPath", "LP"))), "ByLiteralPath")),
				notNullOrEmpty(p("Scope", "string", -1)), p("PassThru", "switch", -1), p("Force", "switch", -1)},
			DefaultSet: "ByPath", ShouldProcess: true,
			Process: importAliasProcess,
		},
	}
}

// exportAliasProcess collects the aliases -Name matches.
func exportAliasProcess(c *Call) error {
	sc, all := c.fr.scope, true
	if c.Has("Scope") {
		var err error
		if sc, err = c.scopeArg(); err != nil {
			return err
		}
		all = false
	}
	names := c.Strings("Name")
	if len(names) == 0 {
		names = []string{"*"}
	}
	matched, _ := c.State.([]*aliasEntry)
	table := c.s.aliasTable(sc, all)
	for _, n := range names {
		found := false
		for _, e := range table {
			if value.Like(e.name, n, false) {
				found = true
				matched = append(matched, e)
			}
		}
		if !found && !value.HasWildcard(n) {
			if err := c.WriteError(&ErrorRecord{ID: "AliasNotFound", Category: ObjectNotFound, Target: n,
				Exception: "System.Management.Automation.ItemNotFoundException",
				Msg:       fmt.Sprintf("Cannot find alias because alias '%s' does not exist.", n)}); err != nil {
				return err
			}
		}
	}
	c.State = matched
	return nil
}

// exportAliasEnd writes the file (UTF-16, as Encoding.Unicode): a header
// of comments, -Description's lines as comments, then a line per alias.
func exportAliasEnd(c *Call) error {
	matched, _ := c.State.([]*aliasEntry)
	pp, target, err := c.newFileTarget("Path")
	if err != nil || target == "" {
		return err
	}
	if !c.ShouldProcess(pp.path, "Export-Alias") {
		return nil
	}
	var b strings.Builder
	user, _ := c.s.getEnv("USER")
	host, _ := c.s.getEnv("HOSTNAME")
	fmt.Fprintf(&b, "# Alias File\n# Exported by : %s\n# Date/Time : %s\n# Computer : %s\n", value.ToString(user),
		c.Now().Format("Monday, January 2, 2006 3:04:05 PM"), value.ToString(host))
	if c.Has("Description") {
		fmt.Fprintf(&b, "#\n# %s\n", strings.ReplaceAll(c.String("Description"), "\n", "\n# "))
	}
	lineFormat := "\"%s\",\"%s\",\"%s\",\"%s\"\n"
	if strings.EqualFold(c.String("As"), "Script") {
		lineFormat = "set-alias -Name:\"%s\" -Value:\"%s\" -Description:\"%s\" -Option:\"%s\"\n"
	}
	for _, e := range matched {
		fmt.Fprintf(&b, lineFormat, e.name, e.target, e.description, e.opts)
	}
	if err := c.s.writeEncoded(c.fr, c, target, []byte(b.String()), textenc.Unicode, c.Bool("Append"), false); err != nil {
		return err
	}
	if c.Bool("PassThru") {
		for _, e := range matched {
			if err := c.Write(c.s.aliasObject(c.fr.scope, e)); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitAliasCSV splits one line of an alias file into its values: a value
// in quotes may hold commas and "" for a quote.
func splitAliasCSV(line string) []string {
	var out []string
	var cur strings.Builder
	inQuotes, started := false, false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case inQuotes && ch == '"' && i+1 < len(line) && line[i+1] == '"':
			cur.WriteByte('"')
			i++
		case ch == '"' && (inQuotes || !started):
			inQuotes = !inQuotes
			started = true
		case ch == ',' && !inQuotes:
			out = append(out, cur.String())
			cur.Reset()
			started = false
		default:
			if ch != ' ' || started || inQuotes {
				started = true
				cur.WriteByte(ch)
			}
		}
	}
	return append(out, cur.String())
}

// importAliasProcess reads an alias file and sets its aliases; an alias
// that exists, or a name that a command has, is an error unless -Force.
func importAliasProcess(c *Call) error {
	var sc *Scope
	if c.Has("Scope") {
		var err error
		if sc, err = c.scopeArg(); err != nil {
			return err
		}
	}
	path := c.String("Path")
	if c.Has("LiteralPath") {
		path = c.String("LiteralPath")
	}
	found, err := c.resolve(path, c.Has("LiteralPath"))
	if err != nil {
		return c.writeProblem(err)
	}
	if len(found) != 1 {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "NotSupported", Category: NotSpecified,
			Exception: "System.Management.Automation.PSNotSupportedException",
			Msg:       fmt.Sprintf("Cannot import alias because path '%s' contains wildcard characters that resolve to multiple paths. Aliases can be imported from only one file. Change the value of the Path parameter to a path that resolves to a single file.", path)}}
	}
	if found[0].prov != provFS {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "NotSupported", Category: NotSpecified,
			Exception: "System.Management.Automation.PSNotSupportedException",
			Msg:       fmt.Sprintf("Cannot import the alias because the specified path '%s' referred to a '%s' provider path. Change the value of the Path parameter to a file system path.", path, `Microsoft.PowerShell.Core\`+found[0].prov.name())}}
	}
	file := found[0].path
	text, err := c.s.readFileText(file)
	if err != nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "FileOpenFailure", Category: OpenError(), Target: file,
			Exception: "System.IO.IOException", Msg: fmt.Sprintf("Cannot open file %s to import the alias. %s", file, fsErrorMessage(err, file))}}
	}
	var entries []*aliasEntry
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		vals := splitAliasCSV(line)
		if len(vals) != 4 {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "ImportAliasFileFormatError", Category: ReadError, Target: file,
				Exception: "System.FormatException",
				Msg:       fmt.Sprintf("Cannot import an alias. Line number %d in the file '%s' is not a properly-formatted, comma-separated values (CSV) line for aliases. Change the line to contain four values separated by commas. If the value text itself contains a comma, then the value must be contained in quotation marks.", i+1, file)}}
		}
		opts, err := parseScopedOpts(vals[3])
		if err != nil {
			if err := c.WriteError(&ErrorRecord{ID: "ImportAliasOptionsError", Category: ReadError, Target: file, Exception: "System.ArgumentException",
				Msg: fmt.Sprintf("Cannot import the alias because line number %d in the file '%s' contains an option that is not recognized for aliases. Change the file to contain valid options.", i+1, file)}); err != nil {
				return err
			}
			continue
		}
		entries = append(entries, &aliasEntry{name: vals[0], target: vals[1], description: vals[2], opts: opts})
	}
	force := c.Bool("Force")
	for _, e := range entries {
		if !c.ShouldProcess(fmt.Sprintf("Name: %s Value: %s", e.name, e.target), "Import Alias") {
			continue
		}
		if !force {
			var exists bool
			if sc != nil {
				_, exists = c.s.aliasAt(sc, e.name)
			} else {
				_, _, exists = c.s.findAlias(c.fr.scope, e.name)
			}
			if exists {
				if err := c.WriteError(&ErrorRecord{ID: "AliasAlreadyExists", Category: ResourceExists, Target: e.name,
					Exception: "System.Management.Automation.SessionStateException",
					Msg:       fmt.Sprintf("The alias is not allowed, because an alias with the name '%s' already exists.", e.name)}); err != nil {
					return err
				}
				continue
			}
			if kind := c.s.commandKind(c.fr.scope, e.name); kind != "" {
				if err := c.WriteError(&ErrorRecord{ID: "AliasAlreadyExists", Category: ResourceExists, Target: e.name,
					Exception: "System.Management.Automation.SessionStateException",
					Msg:       fmt.Sprintf("The alias is not allowed, because a command with the name '%s' and command type '%s' already exists.", e.name, kind)}); err != nil {
					return err
				}
				continue
			}
		}
		at := sc
		if at == nil {
			at = c.fr.scope
		}
		set, err := c.s.setAliasAt(c, at, e, force)
		if err != nil {
			if err := c.WriteError(err.(*ErrorRecord)); err != nil {
				return err
			}
			continue
		}
		if c.Bool("PassThru") {
			if err := c.Write(c.s.aliasObject(c.fr.scope, set)); err != nil {
				return err
			}
		}
	}
	return nil
}

// commandKind is the command type of the function or cmdlet name names
// ("" for none).
func (s *Session) commandKind(sc *Scope, name string) string {
	if _, ok := s.lookupFunc(sc, name); ok {
		return "Function"
	}
	if cmd, ok := fold.Lookup(s.commands, name); ok && !cmd.NotImplemented {
		return "Cmdlet"
	}
	return ""
}
