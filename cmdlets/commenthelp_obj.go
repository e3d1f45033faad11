package cmdlets

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// The help object of a function or script, as pwsh builds it from
// comment-based help (HelpCommentsParser.BuildXmlFromComments, read back
// by MamlCommandHelpInfo): Name, Category, Synopsis, Component, Role and
// Functionality, and the MAML parts details, syntax, parameters,
// description, alertSet (the notes), examples, inputTypes, returnValues
// and relatedLinks, with paragraphs as objects with a Text property.

// scriptHelpSubject is what help is made for: a function or a script.
type scriptHelpSubject struct {
	name     string // the function's name, or the script's path
	category string // Function, Filter or ExternalScript
	defs     []*ParamDef
	params   []*parser.Parameter // the declarations of defs, in order
	paramSrc []helpTok           // the tokens params' offsets refer to (nil: none)
	src      string              // the text of those tokens
	file     string              // where the declarations are
	s        *Session
	defSet   string
	advanced bool         // [CmdletBinding()] or [Parameter()]: it has the common parameters
	help     *commentHelp // nil: no comment-based help
	scope    *Scope       // where Get-Help runs, for the aliases of a function
}

// helpPara is a MAML paragraph: an object with its Text.
func helpPara(text string) *value.Object {
	o := value.NewObject("MamlParaTextItem", "System.Management.Automation.PSObject")
	o.Set("Text", text)
	o.SetToString(text)
	return o
}

// helpParas are the paragraphs of a text (one), as an array.
func helpParas(texts ...string) *value.Array {
	items := make([]any, len(texts))
	for i, t := range texts {
		items[i] = helpPara(t)
	}
	return &value.Array{Items: items}
}

// oneOrMany is a MAML element that may repeat: the item itself when
// there is one, else an array.
func oneOrMany(items []any) any {
	if len(items) == 1 {
		return items[0]
	}
	return &value.Array{Items: items}
}

// helpObj is an object of the help's MAML tree.
func helpObj(typeName string) *value.Object {
	return value.NewObject(typeName, "System.Management.Automation.PSObject")
}

// paramSets are the parameter sets of a function: its default one first;
// "" when it has none.
func paramSets(defs []*ParamDef, defSet string) []string {
	var sets []string
	if defSet != "" {
		sets = append(sets, defSet)
	}
	for _, d := range defs {
		for _, s := range d.Sets {
			if !slices.ContainsFunc(sets, func(x string) bool { return strings.EqualFold(x, s) }) {
				sets = append(sets, s)
			}
		}
	}
	if len(sets) == 0 || len(sets) == 1 && defSet != "" && !slices.ContainsFunc(defs, func(d *ParamDef) bool { return len(d.Sets) > 0 }) {
		return []string{""}
	}
	return sets
}

// helpInSet reports whether d is a parameter of the set ("" is every set).
func helpInSet(d *ParamDef, set string) bool { return set == "" || inSet(d, set) }

// mandatoryIn reports whether d is mandatory in set ("" is every set):
// [Parameter(Mandatory)] without a set name makes it mandatory in all.
func mandatoryIn(d *ParamDef, set string) bool {
	return d.Mandatory && (len(d.MandatoryIn) == 0 || set == "" || slices.ContainsFunc(d.MandatoryIn, func(s string) bool {
		return strings.EqualFold(s, set) || strings.EqualFold(s, allParameterSets)
	}))
}

// helpTypeName is the .NET short name of a parameter's type (Type.Name).
func helpTypeName(d *ParamDef) string {
	t := typeLabel(d)
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	if t == "" {
		return "Object"
	}
	return t
}

// helpEnumValues are the names of a parameter's enum type, or nil.
func helpEnumValues(d *ParamDef) []string {
	if len(d.Values) > 0 {
		return d.Values
	}
	t := strings.TrimSuffix(d.Type, "[]")
	if pt, ok := value.ParseType(t, nil); ok {
		t = pt.Name
	}
	return definedEnumNames(enumNames(t))
}

// pipelineText is how help says whether a parameter takes pipeline input.
func pipelineText(d *ParamDef) string {
	switch {
	case d.Pipeline && d.ByName:
		return "true (ByValue, ByPropertyName)"
	case d.Pipeline:
		return "true (ByValue)"
	case d.ByName:
		return "true (ByPropertyName)"
	}
	return "false"
}

// paramAttrInfo reads the help-only attributes of a declaration:
// [SupportsWildcards()] and [PSDefaultValue(Help=...)].
func (h *scriptHelpSubject) paramAttrInfo(p *parser.Parameter) (globbing bool, defaultHelp string) {
	if p == nil {
		return false, ""
	}
	for _, a := range p.Attrs {
		if a.Attr == nil {
			continue
		}
		switch attrName(a.Attr.Name) {
		case "supportswildcards":
			globbing = true
		case "psdefaultvalue":
			for _, arg := range a.Attr.Args {
				if strings.EqualFold(arg.Name, "Help") && arg.Value != nil {
					if v, err := h.s.attrArgValue(h.file, arg); err == nil {
						defaultHelp = value.ToString(v)
					}
				}
			}
		}
	}
	return globbing, defaultHelp
}

// defaultText is the text of a parameter's default value as written: the
// declaration's tokens after its top-level '='.
func (h *scriptHelpSubject) defaultText(decl *parser.Parameter) string {
	if h.paramSrc == nil || decl.Default == nil {
		return ""
	}
	start := firstTokenAt(h.paramSrc, decl.Default.Pos.Offset)
	end := start
	depth := 0
	for i := start; i < len(h.paramSrc); i++ {
		t := h.paramSrc[i]
		if !t.comment {
			switch t.text {
			case "(", "{":
				depth++
			case ")", "}":
				depth--
			case ",":
				if depth == 0 {
					depth = -1
				}
			}
			if depth < 0 {
				break
			}
		}
		end = i
	}
	if start >= len(h.paramSrc) || end < start {
		return ""
	}
	last := h.paramSrc[end]
	return strings.TrimSpace(h.src[h.paramSrc[start].off : last.off+len(last.text)])
}

// helpParamObject is a command:parameter of the help: its attributes
// (required, globbing, pipelineInput, position), name, description and
// value; forSyntax leaves out a switch's value, the type and the default.
func (h *scriptHelpSubject) helpParamObject(i int, set string, forSyntax bool, desc string) *value.Object {
	d := h.defs[i]
	var decl *parser.Parameter
	if i < len(h.params) {
		decl = h.params[i]
	}
	globbing, defaultHelp := h.paramAttrInfo(decl)
	o := helpObj("MamlCommandHelpInfo#parameter")
	o.Set("required", fmt.Sprint(mandatoryIn(d, set)))
	o.Set("globbing", fmt.Sprint(globbing))
	o.Set("pipelineInput", pipelineText(d))
	pos := "named"
	if d.Position >= 0 {
		pos = fmt.Sprint(d.Position + 1)
	}
	o.Set("position", pos)
	o.Set("name", d.Name)
	if strings.TrimSpace(desc) != "" {
		o.Set("description", helpParas(strings.TrimSpace(desc)))
	}
	typeName := helpTypeName(d)
	if enum := helpEnumValues(d); len(enum) > 0 {
		group := helpObj("MamlCommandHelpInfo#parameterValueGroup")
		var vals []any
		for _, v := range enum {
			pv := helpObj("MamlCommandHelpInfo#parameterValue")
			pv.Set("required", "false")
			pv.Set("#text", v)
			pv.SetToString(v)
			vals = append(vals, pv)
		}
		group.Set("parameterValue", &value.Array{Items: vals})
		o.Set("parameterValueGroup", group)
	} else if !forSyntax || !d.IsSwitch() {
		pv := helpObj("MamlCommandHelpInfo#parameterValue")
		pv.Set("required", fmt.Sprint(!d.IsSwitch()))
		pv.Set("#text", typeName)
		pv.SetToString(typeName)
		o.Set("parameterValue", pv)
	}
	if !forSyntax {
		t := helpObj("MamlCommandHelpInfo#type")
		t.Set("name", typeName)
		o.Set("type", t)
		def := defaultHelp
		if def == "" && decl != nil {
			def = h.defaultText(decl)
		}
		o.Set("defaultValue", def)
	}
	o.SetToString(d.Name)
	return o
}

// paramDescription is a parameter's description: its .PARAMETER section,
// else the comments of its declaration.
func (h *scriptHelpSubject) paramDescription(i int, declComments []string) string {
	if h.help != nil {
		if d, ok := h.help.params[strings.ToUpper(h.defs[i].Name)]; ok {
			return d
		}
	}
	if i < len(declComments) {
		return declComments[i]
	}
	return ""
}

// visibleParams are the parameters help shows: not the common ones, but
// -WhatIf and -Confirm (HelpCommentsParser leaves out only the parameters
// of the CommonParameters binder).
func (h *scriptHelpSubject) visibleParams() []int {
	var out []int
	for i, d := range h.defs {
		if isCommonParam(d.Name) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// syntaxText is the syntax of the subject, a line per parameter set.
func (h *scriptHelpSubject) syntaxLines() []string {
	cmd := &Cmdlet{Name: h.name, Params: nil, DefaultSet: h.defSet}
	for _, i := range h.visibleParams() {
		d := *h.defs[i]
		if enum := helpEnumValues(&d); len(enum) > 0 {
			d.Values = enum
		}
		cmd.Params = append(cmd.Params, &d)
	}
	lines := syntaxLines(cmd)
	if !h.common() {
		for i, l := range lines {
			lines[i] = strings.TrimSuffix(l, " [<CommonParameters>]")
		}
	}
	return lines
}

// common reports whether help shows the common parameters: MAML help
// always does; help made from the command alone only for an advanced
// function (DefaultCommandHelpObjectBuilder's CommonParameters).
func (h *scriptHelpSubject) common() bool {
	return h.help != nil || h.advanced
}

// helpObject builds the help object, with its text for each view.
func (h *scriptHelpSubject) helpObject() *value.Object {
	var declComments []string
	if h.paramSrc != nil {
		declComments = paramComments(h.paramSrc, h.params)
	}
	ch := h.help
	if ch == nil {
		ch = &commentHelp{params: map[string]string{}}
	}
	o := value.NewObject("MamlCommandHelpInfo", "HelpInfo", "System.Management.Automation.PSObject")
	o.Set("Name", h.name)
	o.Set("Category", h.category)
	synopsis := strings.TrimSpace(ch.synopsis)
	if h.help == nil || !ch.hasSynopsis && synopsis == "" && ch.description == "" {
		// help made from the command alone: the syntax is its synopsis
		synopsis = strings.Join(h.syntaxLines(), "\n")
	}
	o.Set("Synopsis", synopsis)
	o.Set("Component", nullIfEmpty(ch.component))
	o.Set("Role", nullIfEmpty(ch.role))
	o.Set("Functionality", nullIfEmpty(ch.functionality))
	o.Set("ModuleName", "")
	if h.help == nil {
		o.Set("CommonParameters", h.advanced)
		// DefaultCommandHelpObjectBuilder's aliases: one a line, or None
		var names []string
		if h.scope != nil {
			for a, to := range h.s.visibleAliases(h.scope) {
				if strings.EqualFold(to, h.name) {
					names = append(names, a)
				}
			}
		}
		slices.Sort(names)
		if len(names) == 0 {
			names = []string{"None"}
		}
		o.Set("aliases", strings.Join(names, "\n")+"\n")
		o.Set("remarks", "None")
	}

	details := helpObj("MamlCommandHelpInfo#details")
	details.Set("name", h.name)
	if synopsis != "" {
		details.Set("description", helpParas(synopsis))
	}
	o.Set("details", details)

	// syntax: an item per parameter set
	sets := paramSets(h.defs, h.defSet)
	var items []any
	for _, set := range sets {
		item := helpObj("MamlCommandHelpInfo#syntaxItem")
		item.Set("name", h.name)
		var ps []any
		for _, i := range h.visibleParams() {
			if helpInSet(h.defs[i], set) {
				ps = append(ps, h.helpParamObject(i, set, true, h.paramDescription(i, declComments)))
			}
		}
		if len(ps) > 0 {
			item.Set("parameter", oneOrMany(ps))
		}
		items = append(items, item)
	}
	syntax := helpObj("MamlCommandHelpInfo#syntax")
	syntax.Set("syntaxItem", oneOrMany(items))
	lines := h.syntaxLines()
	syntax.SetToString(strings.Join(lines, "\n"))
	syntax.View = func() string { return "\n" + strings.Join(lines, "\n\n") + "\n\n" }
	o.Set("syntax", syntax)

	var params []any
	for _, i := range h.visibleParams() {
		params = append(params, h.helpParamObject(i, "", false, h.paramDescription(i, declComments)))
	}
	if len(params) > 0 {
		ps := helpObj("MamlCommandHelpInfo#parameters")
		ps.Set("parameter", oneOrMany(params))
		o.Set("parameters", ps)
	}
	if d := strings.TrimSpace(ch.description); d != "" {
		o.Set("description", helpParas(d))
	}
	if n := strings.TrimSpace(ch.notes); n != "" {
		alerts := helpObj("MamlCommandHelpInfo#alertSet")
		alerts.Set("alert", helpParas(n))
		o.Set("alertSet", alerts)
	}
	if len(ch.examples) > 0 {
		var exs []any
		for k, e := range ch.examples {
			prompt, code, remarks := exampleParts(e)
			ex := helpObj("MamlCommandHelpInfo#example")
			ex.Set("title", fmt.Sprintf("-------------------------- EXAMPLE %d --------------------------", k+1))
			ex.Set("introduction", helpParas(prompt))
			ex.Set("code", code)
			ex.Set("remarks", helpParas(strings.TrimSpace(remarks), "", "", "", ""))
			exs = append(exs, ex)
		}
		examples := helpObj("MamlCommandHelpInfo#examples")
		examples.Set("example", oneOrMany(exs))
		o.Set("examples", examples)
	}
	typeList := func(kind, item string, texts []string) {
		if len(texts) == 0 {
			return
		}
		var its []any
		for _, t := range texts {
			it := helpObj("MamlCommandHelpInfo#" + item)
			typ := helpObj("MamlCommandHelpInfo#type")
			typ.Set("name", strings.TrimSpace(t))
			it.Set("type", typ)
			its = append(its, it)
		}
		list := helpObj("MamlCommandHelpInfo#" + kind)
		list.Set(item, oneOrMany(its))
		o.Set(kind, list)
	}
	typeList("inputTypes", "inputType", ch.inputs)
	typeList("returnValues", "returnValue", ch.outputs)
	if len(ch.link) > 0 {
		var links []any
		for _, l := range ch.link {
			nl := helpObj("MamlCommandHelpInfo#navigationLink")
			if isAbsoluteURI(l) {
				nl.Set("uri", l)
			} else {
				nl.Set("linkText", l)
			}
			links = append(links, nl)
		}
		rl := helpObj("MamlCommandHelpInfo#relatedLinks")
		rl.Set("navigationLink", oneOrMany(links))
		o.Set("relatedLinks", rl)
	}
	return o
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// helpView is which of Get-Help's views is shown.
type helpView int

const (
	viewDefault helpView = iota
	viewDetailed
	viewFull
	viewExamples
)

// indentText indents each line of text by pad.
func indentText(text, pad string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "\n")
}

// paraText is the text of a help object's paragraphs.
func paraText(v any) string {
	var parts []string
	for _, it := range value.AsSlice(v) {
		if o, ok := it.(*value.Object); ok {
			t, _ := o.Get("Text")
			if s := value.ToString(t); s != "" {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, "\n")
}

// renderHelp is the text Get-Help shows of a help object, in the layout
// of pwsh's help views (NAME, SYNOPSIS, SYNTAX, DESCRIPTION, PARAMETERS,
// INPUTS, OUTPUTS, NOTES, EXAMPLES, RELATED LINKS, REMARKS).
func renderHelp(o *value.Object, view helpView) string {
	get := func(name string) any { v, _ := o.Get(name); return v }
	sub := func(v any, name string) any {
		if so, ok := v.(*value.Object); ok {
			r, _ := so.Get(name)
			return r
		}
		return nil
	}
	name := value.ToString(get("Name"))
	var b strings.Builder
	if _, generated := o.Get("CommonParameters"); generated && view == viewDefault {
		// the ReducedDefaultCommandHelp view of help made from the command
		// alone (HelpV3.format.ps1xml): NAME, SYNTAX, ALIASES, REMARKS
		b.WriteString("\nNAME\n    " + name + "\n\nSYNTAX\n")
		if syn, ok := get("syntax").(*value.Object); ok {
			text, _ := syn.ToStringValue()
			for _, l := range strings.Split(value.ToString(text), "\n") {
				b.WriteString("    " + l + "\n\n")
			}
		}
		b.WriteString("\nALIASES\n" + indentText(value.ToString(get("aliases")), "    ") + "\n\n\n")
		b.WriteString("REMARKS\n" + indentText(value.ToString(get("remarks")), "    ") + "\n")
		return b.String()
	}
	section := func(title, text string) {
		if text == "" {
			fmt.Fprintf(&b, "\n%s\n", title)
			return
		}
		fmt.Fprintf(&b, "\n%s\n%s\n", title, indentText(text, "    "))
	}
	section("NAME", name)
	section("SYNOPSIS", value.ToString(get("Synopsis")))
	if view == viewExamples {
		writeHelpExamples(&b, get("examples"))
		return b.String()
	}
	if syn, ok := get("syntax").(*value.Object); ok {
		text, _ := syn.ToStringValue()
		section("SYNTAX", strings.ReplaceAll(value.ToString(text), "\n", "\n\n"))
	}
	if d := paraText(get("description")); d != "" {
		section("DESCRIPTION", d)
	}
	if view == viewDetailed || view == viewFull {
		b.WriteString("\nPARAMETERS\n")
		for _, p := range value.AsSlice(sub(get("parameters"), "parameter")) {
			writeHelpParam(&b, p, view == viewFull)
		}
		if common, ok := get("CommonParameters").(bool); !ok || common {
			b.WriteString("    <CommonParameters>\n        This cmdlet supports the common parameters: Verbose, Debug,\n" +
				"        ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n" +
				"        OutBuffer, PipelineVariable, and OutVariable. For more information, see\n" +
				"        about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).\n")
		}
	}
	if view == viewFull {
		for _, part := range []struct{ title, list, item string }{{"INPUTS", "inputTypes", "inputType"}, {"OUTPUTS", "returnValues", "returnValue"}} {
			var texts []string
			for _, it := range value.AsSlice(sub(get(part.list), part.item)) {
				texts = append(texts, value.ToString(sub(sub(it, "type"), "name")))
			}
			if len(texts) > 0 {
				section(part.title, strings.Join(texts, "\n\n"))
			}
		}
		if n := paraText(sub(get("alertSet"), "alert")); n != "" {
			section("NOTES", n)
		}
	}
	if view == viewDetailed || view == viewFull {
		writeHelpExamples(&b, get("examples"))
	}
	var links []string
	for _, l := range value.AsSlice(sub(get("relatedLinks"), "navigationLink")) {
		if u := sub(l, "uri"); u != nil {
			links = append(links, value.ToString(u))
		} else {
			links = append(links, value.ToString(sub(l, "linkText")))
		}
	}
	if len(links) > 0 || view == viewDefault {
		section("RELATED LINKS", strings.Join(links, "\n"))
	}
	if view == viewDefault {
		remarks := fmt.Sprintf("To see the examples, type: \"get-help %s -examples\".\n"+
			"For more information, type: \"get-help %s -detailed\".\n"+
			"For technical information, type: \"get-help %s -full\".", name, name, name)
		if len(links) > 0 && isAbsoluteURI(links[0]) {
			remarks += fmt.Sprintf("\nFor online help, type: \"get-help %s -online\"", name)
		}
		section("REMARKS", remarks)
	}
	return b.String()
}

// writeHelpExamples writes the examples of a help object.
func writeHelpExamples(b *strings.Builder, examples any) {
	var list any
	if eo, ok := examples.(*value.Object); ok {
		list, _ = eo.Get("example")
	}
	for _, e := range value.AsSlice(list) {
		eo, ok := e.(*value.Object)
		if !ok {
			continue
		}
		title, _ := eo.Get("title")
		intro, _ := eo.Get("introduction")
		code, _ := eo.Get("code")
		remarks, _ := eo.Get("remarks")
		fmt.Fprintf(b, "\n    %s\n\n", value.ToString(title))
		fmt.Fprintf(b, "%s\n", indentText(paraText(intro)+value.ToString(code), "    "))
		if r := paraText(remarks); r != "" {
			fmt.Fprintf(b, "\n%s\n", indentText(r, "    "))
		}
	}
}

// writeHelpParam writes a parameter of the PARAMETERS section: with full
// its details (required, position, default, pipeline, wildcards).
func writeHelpParam(b *strings.Builder, p any, full bool) {
	po, ok := p.(*value.Object)
	if !ok {
		return
	}
	get := func(name string) string { v, _ := po.Get(name); return value.ToString(v) }
	head := "-" + get("name")
	if pv, ok := po.Get("parameterValue"); ok && pv != nil {
		if req, _ := pv.(*value.Object).Get("required"); value.ToString(req) == "true" || !full {
			head += " <" + value.ToString(pv) + ">"
		}
	}
	if full {
		if t, ok := po.Get("type"); ok {
			if tn, _ := t.(*value.Object).Get("name"); value.ToString(tn) == "SwitchParameter" {
				head = "-" + get("name") + " [<SwitchParameter>]"
			} else {
				head = "-" + get("name") + " <" + value.ToString(tn) + ">"
			}
		}
	}
	fmt.Fprintf(b, "    %s\n", head)
	desc, _ := po.Get("description")
	if d := paraText(desc); d != "" {
		fmt.Fprintf(b, "%s\n", indentText(d, "        "))
	}
	b.WriteString("\n")
	if full {
		fmt.Fprintf(b, "        Required?                    %s\n", get("required"))
		fmt.Fprintf(b, "        Position?                    %s\n", get("position"))
		fmt.Fprintf(b, "        Default value                %s\n", get("defaultValue"))
		fmt.Fprintf(b, "        Accept pipeline input?       %s\n", get("pipelineInput"))
		fmt.Fprintf(b, "        Aliases                      \n")
		fmt.Fprintf(b, "        Accept wildcard characters?  %s\n\n", get("globbing"))
	}
}

// helpSubjectForFunction is the help subject of a function.
func (s *Session) helpSubjectForFunction(f *Function) (*scriptHelpSubject, error) {
	sig, err := s.signature(f.Body, f.Params, f.File)
	if err != nil {
		return nil, err
	}
	h := &scriptHelpSubject{name: f.Name, category: "Function", defs: sig.defs, params: sig.params, defSet: sig.defaultSet, advanced: sig.advanced, s: s, file: f.File}
	if f.Filter {
		h.category = "Filter"
	}
	src, off := f.Root, f.Offset
	if src == "" {
		src, off = f.Source, 0
	}
	toks := scanHelpTokens(src)
	h.help = functionHelpBlock(toks, off)
	if f.Root != "" {
		h.paramSrc, h.src = toks, src
	}
	return h, nil
}

// helpSubjectForScript is the help subject of a script file.
func (s *Session) helpSubjectForScript(path, src string) (*scriptHelpSubject, error) {
	script, err := parser.Parse(path, src)
	if err != nil {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{ID: "ParseException", Category: ParserError, Msg: err.Error()}}
	}
	h := &scriptHelpSubject{name: path, category: "ExternalScript", s: s, file: path, src: src}
	if script.Body != nil {
		sig, err := s.signature(script.Body, nil, path)
		if err != nil {
			return nil, err
		}
		h.defs, h.params, h.defSet, h.advanced = sig.defs, sig.params, sig.defaultSet, sig.advanced
	}
	toks := scanHelpTokens(src)
	h.help = scriptHelpBlock(src, script)
	h.paramSrc = toks
	return h, nil
}

// helpMatches applies Get-Help's -Component, -Role and -Functionality
// (wildcards) to a help object.
func helpMatches(c *Call, o *value.Object) bool {
	for _, f := range []string{"Component", "Role", "Functionality"} {
		if !c.Has(f) {
			continue
		}
		v, _ := o.Get(f)
		have := value.ToString(v)
		ok := false
		for _, pat := range c.Strings(f) {
			if value.Like(have, pat, false) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// scriptHelpInfo is the help of a function or script for Get-Help's
// switches: the object, and its text for the view asked for.
func (c *Call) scriptHelpInfo(h *scriptHelpSubject) (any, error) {
	h.scope = c.fr.scope

	if h.help != nil && (h.help.forwardName != "" || h.help.forwardCategory != "") {
		target := h.help.forwardName
		if target == "" {
			target = h.name
		}
		if cmd, ok := c.s.Command(target); ok && !strings.EqualFold(target, h.name) {
			return cmdletHelp(cmd, c.s.width, c.s.table), nil
		}
		if f, ok := c.s.lookupFunc(c.fr.scope, target); ok && !strings.EqualFold(target, h.name) {
			fh, err := c.s.helpSubjectForFunction(f)
			if err != nil {
				return nil, err
			}
			return c.scriptHelpInfo(fh)
		}
	}
	var o *value.Object
	if h.help != nil && h.help.externalHelp != "" {
		ext, err := c.externalHelp(h, h.help.externalHelp)
		if err != nil {
			return nil, err
		}
		o = ext
	}
	if o == nil {
		o = h.helpObject()
	}
	if !helpMatches(c, o) {
		return nil, nil
	}
	if c.Has("Parameter") {
		var b strings.Builder
		ps, _ := o.Get("parameters")
		var list any
		if po, ok := ps.(*value.Object); ok {
			list, _ = po.Get("parameter")
		}
		for _, pat := range c.Strings("Parameter") {
			found := false
			for _, p := range value.AsSlice(list) {
				pn, _ := p.(*value.Object).Get("name")
				if value.Like(value.ToString(pn), pat, false) {
					found = true
					writeHelpParam(&b, p, true)
				}
			}
			if !found {
				if err := c.Errorf("NoParmsFound", InvalidArgument, pat, "No parameter matches criteria %s.", pat); err != nil {
					return nil, err
				}
				return helpReported{}, nil
			}
		}
		return &helpInfo{props: o, text: b.String()}, nil
	}
	view := viewDefault
	switch {
	case c.Bool("Full"):
		view = viewFull
	case c.Bool("Detailed"):
		view = viewDetailed
	case c.Bool("Examples"):
		view = viewExamples
	}
	return &helpInfo{props: o, text: renderHelp(o, view)}, nil
}

// helpReported is what scriptHelpInfo gives when it has written an error
// in place of the help: there is nothing to write, and no further error.
type helpReported struct{}

// helpForScriptPath is Get-Help of a script file's path, or ok false
// when name names no script file.
func (c *Call) helpForScriptPath(name string) (any, bool, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".ps1") {
		return nil, false, nil
	}
	pp, err := c.s.parsePSPath(c.fr, name)
	if err != nil || pp.prov != provFS {
		return nil, false, nil
	}
	data, err := c.s.readFile(pp.path)
	if err != nil {
		return nil, false, nil
	}
	h, err := c.s.helpSubjectForScript(filepath.Clean(pp.path), textenc.Decode(data))
	if err != nil {
		return nil, true, err
	}
	v, err := c.scriptHelpInfo(h)
	return v, true, err
}
