package cmdlets

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// #requires statements (about_Requires): a line comment whose text starts
// with "#requires" is read as a command, "requires -Version 7.0
// -Modules X", when the script is parsed; a malformed one is a parse
// error. What it asks for is checked when a script file runs (& file,
// . file, csemu file.ps1): an unmet requirement stops the script before
// any of it runs. A script block's #requires are parsed but not checked,
// as in PowerShell.

// requirements are what a script's #requires comments ask for.
type requirements struct {
	version    []int    // the PowerShell version (nil: none)
	editions   []string // Core, Desktop
	modules    []any    // module specifications: names or hashtables
	elevation  bool     // -RunAsAdministrator
	shellID    string
	snapins    []string
	assemblies []string
}

// requiresText is the message of a #requires comment that is not in one
// of the forms PowerShell reads (DiscoveryExceptions.ScriptRequiresInvalidFormat).
const requiresFormatText = "Cannot process the #requires statement because it is not in the correct format.\n" +
	"The #requires statement must be in one of the following formats:\n" +
	" \"#requires -shellid <shellID>\"\n" +
	" \"#requires -version <major.minor>\"\n" +
	" \"#requires -psedition <edition>\"\n" +
	" \"#requires -pssnapin <psSnapInName> [-version <major.minor>]\"\n" +
	" \"#requires -modules <ModuleSpecification>\"\n" +
	" \"#requires -runasadministrator\""

// parseScript parses a script as PowerShell does, with its #requires
// comments and the checks of its data sections: the tree, the
// requirements (nil without #requires) and every parse error.
func (s *Session) parseScript(file, src string) (*parser.Script, *requirements, parser.ErrorList) {
	script, errs := parser.ParseAllWith(file, src, s.parserOptions())
	if len(errs) > 0 && script == nil {
		return nil, nil, errs
	}
	req, rerrs := s.scanRequires(file, src)
	errs = append(errs, rerrs...)
	if script != nil {
		errs = append(errs, s.dataSectionErrors(script)...)
	}
	return script, req, errs
}

// requiresComments returns the byte offsets of the line comments that
// start with #requires, in any case, outside strings and nested code.
func requiresComments(file, src string) [][2]int {
	if !strings.Contains(strings.ToLower(src), "#requires") {
		return nil
	}
	lex, err := parser.Lexemes(file, src)
	if err != nil {
		return nil
	}
	var out [][2]int
	prev := 0
	scan := func(from, to int) {
		for i := from; i < to; i++ {
			switch {
			case src[i] == '<' && i+1 < to && src[i+1] == '#':
				e := strings.Index(src[i+2:to], "#>")
				if e < 0 {
					return
				}
				i += e + 3
			case src[i] == '#':
				j := i
				for j < to && src[j] != '\n' && src[j] != '\r' {
					j++
				}
				if len(src[i:j]) >= 9 && strings.EqualFold(src[i:i+9], "#requires") {
					out = append(out, [2]int{i, j})
				}
				i = j
			}
		}
	}
	if strings.HasPrefix(src, "\uFEFF") {
		prev = 3
	}
	for _, l := range lex {
		if l.Start > prev {
			scan(prev, min(l.Start, len(src)))
		}
		prev = max(prev, l.End)
	}
	if prev < len(src) {
		scan(prev, len(src))
	}
	return out
}

// posAt is the position of byte offset off of src.
func posAt(file, src string, off int) parser.Pos {
	line := 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return parser.Pos{Filename: file, Offset: off, Line: line, Column: utf8.RuneCountInString(src[start:off]) + 1}
}

// scanRequires reads a script's #requires comments.
func (s *Session) scanRequires(file, src string) (*requirements, parser.ErrorList) {
	comments := requiresComments(file, src)
	if len(comments) == 0 {
		return nil, nil
	}
	req := &requirements{}
	var errs parser.ErrorList
	for _, c := range comments {
		at := c[0] + 1
		text := src[at:c[1]]
		base := posAt(file, src, at)
		report := func(start, end int, id, msg string) {
			p := base
			p.Offset += start
			p.Column += utf8.RuneCountInString(text[:start])
			e := base
			e.Offset += end
			e.Column += utf8.RuneCountInString(text[:end])
			errs = append(errs, &parser.Error{Pos: p, End: e, ID: id, Msg: msg})
		}
		s.readRequires(req, text, report)
	}
	return req, errs
}

// readRequires reads one #requires comment's text (without the #) into
// req, reporting its errors by offsets in text (PowerShell's
// Tokenizer.GetScriptRequirements and HandleRequiresParameter).
func (s *Session) readRequires(req *requirements, text string, report func(start, end int, id, msg string)) {
	script, perrs := parser.ParseAll("", text)
	if len(perrs) > 0 || script == nil || script.Body.Stmts == nil || len(script.Body.Stmts.Stmts) == 0 {
		report(0, len(text), "ScriptRequiresInvalidFormat", requiresFormatText)
		return
	}
	ps, ok := script.Body.Stmts.Stmts[0].(*parser.PipelineStatement)
	var cmd *parser.Command
	if ok && ps.Left != nil && len(ps.Left.Elems) == 1 && ps.Op == "" && len(ps.Chain) == 0 {
		cmd, _ = ps.Left.Elems[0].(*parser.Command)
	}
	if cmd == nil || cmd.Call != "" {
		report(0, len(text), "ScriptRequiresInvalidFormat", requiresFormatText)
		return
	}
	if !strings.EqualFold(cmd.Name, "requires") {
		report(cmd.Pos.Offset, cmd.End, "ScriptRequiresInvalidFormat", requiresFormatText)
	}
	els := cmd.Elements
	for i := 0; i < len(els); i++ {
		p, ok := els[i].(*parser.CommandParameter)
		if !ok {
			start, end := elementSpan(els[i])
			report(start, end, "ScriptRequiresInvalidFormat", requiresFormatText)
			continue
		}
		name := strings.ToLower(p.Name)
		var arg any // *parser.Unary or *parser.Expr
		argStart, argEnd := 0, 0
		switch {
		case p.Arg != nil:
			arg, argStart, argEnd = p.Arg, p.Arg.Pos.Offset, p.Arg.End
		case i+1 < len(els):
			if a, ok := els[i+1].(*parser.CommandArgument); ok {
				arg, argStart, argEnd = a.Expr, a.Pos.Offset, a.End
				i++
			}
		}
		if name != "" && strings.HasPrefix("runasadministrator", name) {
			req.elevation = true
			if arg != nil {
				report(p.Pos.Offset, p.End, "ParameterCannotHaveArgument",
					fmt.Sprintf("Parameter %s cannot be specified because it does not take an argument.", p.Name))
			}
			continue
		}
		if arg == nil {
			report(p.Pos.Offset, p.End, "ParameterRequiresArgument", fmt.Sprintf("Parameter %s requires an argument.", p.Name))
			continue
		}
		v, ok := s.requiresConstant(arg)
		if !ok {
			report(argStart, argEnd, "RequiresArgumentMustBeConstant", "Argument must be constant.")
			continue
		}
		invalidString := func(param string) {
			report(argStart, argEnd, "RequiresInvalidStringArgument",
				fmt.Sprintf("The argument for the %s parameter is not valid. Specify a valid string argument.", param))
		}
		switch {
		case name == "":
			report(p.Pos.Offset, p.End, "ScriptRequiresInvalidFormat", requiresFormatText)
		case strings.HasPrefix("shellid", name):
			str, ok := v.(string)
			if !ok {
				invalidString("shellid")
				continue
			}
			req.shellID = str
		case strings.HasPrefix("pssnapin", name):
			str, ok := v.(string)
			if !ok {
				invalidString("pssnapin")
				continue
			}
			req.snapins = append(req.snapins, str)
		case strings.HasPrefix("psedition", name):
			for _, e := range requiresList(v) {
				str, ok := e.(string)
				if !ok {
					invalidString("psedition")
					continue
				}
				if !strings.EqualFold(str, "Core") && !strings.EqualFold(str, "Desktop") {
					report(argStart, argEnd, "RequiresPSEditionInvalid",
						"The argument for the psedition parameter is not valid. Specify a valid PowerShell edition.")
				}
				dup := false
				for _, have := range req.editions {
					dup = dup || strings.EqualFold(have, str)
				}
				if dup {
					report(argStart, argEnd, "RequiresPSEditionValueIsAlreadySpecified",
						"The argument for the psedition parameter contains duplicate values. Do not specify duplicate PowerShell edition values.")
					continue
				}
				req.editions = append(req.editions, str)
			}
		case strings.HasPrefix("version", name):
			vt, ok := v.(string)
			if !ok {
				vt = text[argStart:argEnd]
			}
			ver := requiresVersion(vt)
			if ver == nil {
				report(argStart, argEnd, "RequiresVersionInvalid",
					"The argument for the Version parameter is not valid. Specify a valid PowerShell version, in the format major.minor version.")
				continue
			}
			req.version = ver
		case strings.HasPrefix("assembly", name):
			for _, e := range requiresList(v) {
				str, ok := e.(string)
				if !ok {
					invalidString("assembly")
					continue
				}
				req.assemblies = append(req.assemblies, str)
			}
		case strings.HasPrefix("modules", name):
			for _, e := range requiresList(v) {
				if msg := moduleSpecError(e); msg != "" {
					report(argStart, argEnd, "RequiresModuleInvalid", "The argument for the Module parameter is not valid. "+msg)
					break
				}
				req.modules = append(req.modules, e)
			}
		default:
			report(p.Pos.Offset, p.End, "ScriptRequiresInvalidFormat", requiresFormatText)
		}
	}
}

// elementSpan is where a command element starts and ends.
func elementSpan(e parser.CommandElement) (int, int) {
	switch e := e.(type) {
	case *parser.CommandArgument:
		return e.Pos.Offset, e.End
	case *parser.CommandParameter:
		return e.Pos.Offset, e.End
	case *parser.Splat:
		return e.Pos.Offset, e.End
	case *parser.Redirection:
		return e.Pos.Offset, e.Pos.Offset
	}
	return 0, 0
}

// requiresList is a #requires argument as a list: an array's items, or
// the one value.
func requiresList(v any) []any {
	if a, ok := v.(*value.Array); ok {
		return a.Items
	}
	return []any{v}
}

// requiresVersion reads a -Version argument as PowerShell's
// Utils.StringToVersion does: a bare major version means major.0.
func requiresVersion(text string) []int {
	if text == "" {
		return nil
	}
	if !strings.Contains(text, ".") {
		text += ".0"
	}
	parts, msg := parseDotNetVersion(text)
	if msg != "" {
		return nil
	}
	for _, f := range strings.Split(text, ".") {
		// Version.TryParse takes digits only, no signs or spaces
		if f == "" || strings.Trim(f, "0123456789") != "" {
			return nil
		}
	}
	return parts
}

// moduleSpecError checks a module specification as its conversion to
// ModuleSpecification does: a name, or a hashtable with ModuleName and
// one of ModuleVersion, RequiredVersion or MaximumVersion.
func moduleSpecError(v any) string {
	h, ok := v.(*value.Hashtable)
	if !ok {
		if _, ok := v.(string); ok {
			return ""
		}
		return fmt.Sprintf("Cannot convert value \"%s\" to type \"Microsoft.PowerShell.Commands.ModuleSpecification\".", value.ToString(v))
	}
	var bad []string
	has := map[string]bool{}
	for _, k := range h.Keys() {
		key := strings.ToLower(value.ToString(k))
		switch key {
		case "modulename", "moduleversion", "requiredversion", "maximumversion", "guid":
			has[key] = true
		default:
			bad = append(bad, value.ToString(k))
		}
	}
	if len(bad) > 0 {
		return fmt.Sprintf("The hashtable describing a module contains one or more members that are not valid. The valid members are (ModuleName, ModuleVersion, RequiredVersion, MaximumVersion, GUID). Remove the members that are not valid (%s), then try again.", strings.Join(bad, ", "))
	}
	if !has["modulename"] || !has["moduleversion"] && !has["requiredversion"] && !has["maximumversion"] {
		return "Cannot convert value \"System.Collections.Hashtable\" to type \"Microsoft.PowerShell.Commands.ModuleSpecification\". Error: \"The hashtable describing a module must contain the ModuleName key and at least one of the version keys (ModuleVersion, RequiredVersion or MaximumVersion).\""
	}
	if has["moduleversion"] && has["requiredversion"] {
		return "Cannot convert value \"System.Collections.Hashtable\" to type \"Microsoft.PowerShell.Commands.ModuleSpecification\". Error: \"The ModuleVersion and RequiredVersion keys cannot be used together.\""
	}
	return ""
}

// requiresConstant evaluates a #requires argument that is a constant:
// numbers, strings, bare words, arrays and hashtables of them
// (PowerShell's IsConstantValueVisitor for #requires). ok is false for
// anything else (a variable, a command, a script block).
func (s *Session) requiresConstant(arg any) (any, bool) {
	constant := true
	parser.Walk(arg, func(n any) bool {
		switch n := n.(type) {
		case *parser.Expr:
			for _, r := range n.Rest {
				if r.Op != "," {
					constant = false
				}
			}
			if n.Ternary != nil {
				constant = false
			}
		case *parser.Unary:
			if len(n.Post) > 0 {
				constant = false
			}
			for _, p := range n.Prefix {
				if p != "-" && p != "+" && p != "," {
					constant = false
				}
			}
		case *parser.BinRest, *parser.NumberLit, *parser.StringLit, *parser.BareWord, *parser.HashLiteral,
			*parser.HashEntry, *parser.ParenExpr, *parser.PipelineStatement, *parser.Pipeline, *parser.CommandExpression:
		default:
			constant = false
		}
		return constant
	})
	if !constant {
		return nil, false
	}
	fr := frame{scope: newScope(s.global)}
	var v any
	var err error
	switch a := arg.(type) {
	case *parser.Unary:
		v, err = s.evalUnary(fr, a)
	case *parser.Expr:
		v, err = s.evalExpr(fr, a)
	}
	if err != nil {
		return nil, false
	}
	if w, ok := v.(*parser.BareWord); ok {
		v = w.Value
	}
	return v, true
}

// verifyRequires checks a script file's requirements before it runs, as
// PowerShell's CommandDiscovery.VerifyScriptRequirements does: elevation,
// version, edition, then the modules, which are loaded when they are not.
// name is the script's file name, as the messages give it.
func (s *Session) verifyRequires(fr frame, pos parser.Pos, req *requirements, name string) error {
	if req == nil {
		return nil
	}
	fail := func(id string, cat Category, exc, msg string) error {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: id, Category: cat, Target: name, Exception: exc, Msg: msg}}
	}
	const reqExc = "System.Management.Automation.ScriptRequiresException"
	if req.elevation && !s.elevated {
		// csemu's session stands for a user's console, not an elevated
		// one, unless the caller says otherwise (csemu --elevated)
		return fail("ScriptRequiresElevation", PermissionDenied, reqExc,
			fmt.Sprintf("The script '%s' cannot be run because it contains a \"#requires\" statement for running as Administrator. The current PowerShell session is not running as Administrator. Start PowerShell by using the Run as Administrator option, and then try running the script again.", name))
	}
	if req.version != nil && !validPSVersion(req.version) {
		return fail("ScriptRequiresUnmatchedPSVersion", ResourceUnavailable, reqExc,
			fmt.Sprintf("The script '%s' cannot be run because it contained a \"#requires\" statement for PowerShell %s. The version of PowerShell that is required by the script does not match the currently running version of PowerShell %s.",
				name, joinInts(req.version), psVersionText))
	}
	if len(req.editions) > 0 {
		ok := false
		for _, e := range req.editions {
			ok = ok || strings.EqualFold(e, "Core")
		}
		if !ok {
			return fail("ScriptRequiresUnmatchedPSEdition", NotSpecified, "System.Management.Automation.RuntimeException",
				fmt.Sprintf("The script '%s' cannot be run because it contained a \"#requires\" statement for PowerShell editions '%s'. The edition of PowerShell that is required by the script does not match the currently running PowerShell Core edition.",
					name, strings.Join(req.editions, ",")))
		}
	}
	if len(req.snapins) > 0 {
		return notImplemented(pos, "", requiresSnapinWhat)
	}
	if len(req.assemblies) > 0 {
		return notImplemented(pos, "", requiresAssemblyWhat)
	}
	for _, spec := range req.modules {
		missing, err := s.requireScriptModule(fr, pos, spec)
		if err != nil {
			return err
		}
		if missing != "" {
			return fail("ScriptRequiresMissingModules", ResourceUnavailable, reqExc,
				fmt.Sprintf("The script '%s' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: %s.", name, missing))
		}
	}
	if req.shellID != "" {
		return fail("RequiresShellIDInvalidForSingleShell", ResourceUnavailable, reqExc,
			"A #requires statement has specified only a shellID. #Requires statements must specify a required PowerShell snap-in when running in PowerShell.")
	}
	return nil
}

// psVersionText is the PowerShell version csemu stands for.
const psVersionText = "7.4.6"

// validPSVersion reports whether a #requires -Version is met by
// PowerShell 7.4 (PSVersionInfo.IsValidPSVersion: the versions that were
// released up to this one).
func validPSVersion(v []int) bool {
	minor := 0
	if len(v) > 1 {
		minor = v[1]
	}
	switch v[0] {
	case 1, 2, 3, 4:
		return minor == 0
	case 5:
		return minor == 0 || minor == 1
	case 6:
		return minor >= 0 && minor <= 2
	case 7:
		return minor >= 0 && minor <= 4
	}
	return false
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ".")
}

// requireScriptModule makes sure a module a script requires is loaded,
// importing it to the top level when it is not. missing is the text
// naming it when it cannot be found (ModuleSpecification's
// GetRequiredModuleNotFoundVersionMessage).
func (s *Session) requireScriptModule(fr frame, pos parser.Pos, spec any) (missing string, err error) {
	cmd, ok := s.Command("Import-Module")
	if !ok {
		return "", notImplemented(pos, "", "#requires -Modules")
	}
	quiet := false
	c := &Call{s: s, fr: fr, cmd: cmd, Pos: pos, Name: "Import-Module", bound: map[string]any{}, emit: func(any) error { return nil },
		common: commonParams{errorAction: "Ignore", warningAction: "Ignore", infoAction: "Ignore", verbose: &quiet}}
	o := &importOpts{target: s.global}
	name := value.ToString(spec)
	if h, ok := spec.(*value.Hashtable); ok {
		get := func(k string) string {
			if v, ok := h.Get(k); ok && v != nil {
				return value.ToString(v)
			}
			return ""
		}
		name = get("ModuleName")
		o.minVersion, o.requiredVersion, o.maxVersion = get("ModuleVersion"), get("RequiredVersion"), get("MaximumVersion")
	}
	switch {
	case o.requiredVersion != "":
		missing = fmt.Sprintf("The module '%s' cannot be found with RequiredVersion '%s'.", name, o.requiredVersion)
	case o.minVersion != "" && o.maxVersion != "":
		missing = fmt.Sprintf("The module '%s' cannot be found with ModuleVersion '%s' and MaximumVersion '%s'.", name, o.minVersion, o.maxVersion)
	case o.minVersion != "":
		missing = fmt.Sprintf("The module '%s' cannot be found with ModuleVersion '%s'.", name, o.minVersion)
	case o.maxVersion != "":
		missing = fmt.Sprintf("The module '%s' cannot be found with MaximumVersion '%s'.", name, o.maxVersion)
	default:
		missing = fmt.Sprintf("The module '%s' cannot be found.", name)
	}
	rooted := isRootedModuleName(name)
	if !rooted {
		if m, ok := s.emulatedModule(name); ok {
			return "", s.importEmulated(c, m, o)
		}
		if realModule(name) {
			return "", notImplemented(pos, "", fmt.Sprintf("module '%s'", name))
		}
	}
	file := ""
	if rooted {
		file = s.findModuleFile(s.expandPath(nativePath(name)))
	} else {
		file = s.findOnModulePath(name, o)
	}
	for _, m := range s.mods.loaded {
		match := strings.EqualFold(m.name, name)
		if file != "" {
			match = match || filepath.Clean(m.path) == filepath.Clean(file) || filepath.Clean(m.manifestPath()) == filepath.Clean(file)
		}
		if match && o.versionOK(m.version) {
			return "", nil
		}
	}
	if file == "" {
		return missing, nil
	}
	m, err := s.importFile(c, file, o)
	var pe *psError
	if err != nil && asPSError(err, &pe) && pe.rec.Category == NotImplemented {
		return "", err
	}
	if err != nil || m == nil {
		return missing, nil
	}
	return "", nil
}
