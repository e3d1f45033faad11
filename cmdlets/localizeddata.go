package cmdlets

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// Import-LocalizedData (its cmdlet page; PowerShell's ImportLocalizedData
// command): finds the .psd1 of a UI culture next to the calling script
// (BaseDirectory/<culture>/<FileName>.psd1, then the parent cultures,
// then BaseDirectory itself), runs it in the restricted language, and
// assigns the result to the binding variable or writes it.

func importLocalizedDataCmdlet() *Cmdlet {
	return &Cmdlet{
		Name: "Import-LocalizedData", Module: "Microsoft.PowerShell.Utility",
		// the class is ImportLocalizedData, without the usual Command
		Class:    "Microsoft.PowerShell.Commands.ImportLocalizedData",
		Synopsis: "Imports the strings of a UI culture from a .psd1 data file next to the script.",
		Doc:      "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-localizeddata",
		Params: []*ParamDef{
			alias(p("BindingVariable", "string", 0), "Variable"), p("UICulture", "string", 1), p("BaseDirectory", "string", -1),
			p("FileName", "string", -1), p("SupportedCommand", "string[]", -1),
		},
		Process:  importLocalizedDataProcess,
		Examples: []string{"Import-LocalizedData -BindingVariable Messages", "$text = Import-LocalizedData -FileName Strings -UICulture en-US"},
	}
}

// parentCulture is a culture name's parent (en-US to en; en to the
// invariant culture, "").
func parentCulture(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		return name[:i]
	}
	return ""
}

func importLocalizedDataProcess(c *Call) error {
	s := c.s
	if c.Has("BindingVariable") && c.String("BindingVariable") == "" {
		return c.Fail("ParameterArgumentValidationError", InvalidData,
			"Cannot validate argument on parameter 'BindingVariable'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.")
	}
	invalidOp := func(msg string) error {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "System.Management.Automation.PSInvalidOperationException",
			Category: InvalidOperation, Exception: "System.Management.Automation.PSInvalidOperationException", Msg: msg}}
	}
	script := c.Pos.Filename
	if script == "" || strings.HasPrefix(script, "<") {
		script = ""
	}
	fileName := c.String("FileName")
	if fileName == "" && script == "" {
		return invalidOp("The FileName parameter was not specified. The FileName parameter is required when Import-LocalizedData is not called from a script file.")
	}
	dir := c.String("BaseDirectory")
	if dir == "" {
		dir = "."
		if script != "" {
			dir = filepath.Dir(script)
		}
	}
	if pp, err := s.parsePSPath(c.fr, dir); err == nil && pp.prov == provFS {
		dir = pp.path
	}
	if abs, err := s.fullPath(nativePath(dir)); err == nil {
		dir = abs
	}
	if fileName == "" {
		fileName = script
	} else if strings.ContainsAny(fileName, `/\`) {
		return invalidOp("The argument for the FileName parameter should not contain a path.")
	}
	fileName = strings.TrimSuffix(filepath.Base(nativePath(fileName)), filepath.Ext(fileName))
	culture := "en-US" // the current UI culture (csemu models en-US)
	if c.Has("UICulture") {
		culture = c.String("UICulture")
		if !isCultureTag(culture) {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Argument",
				Category: InvalidArgument, Exception: "System.Management.Automation.PSArgumentException", Msg: "Culture"}}
		}
	}
	full := fileName + ".psd1"
	path := ""
	for cu := culture; cu != "" && path == ""; cu = parentCulture(cu) {
		if f := filepath.Join(dir, cu, full); s.isFile(f) {
			path = f
		}
	}
	if path == "" && s.isFile(filepath.Join(dir, full)) {
		path = filepath.Join(dir, full)
	}
	if path == "" {
		return c.WriteError(&ErrorRecord{ID: "ImportLocalizedData", Category: ObjectNotFound, Target: filepath.Join(dir, culture, full),
			Exception: "System.Management.Automation.PSInvalidOperationException",
			Msg:       fmt.Sprintf("Cannot find the PowerShell data file '%s' in directory '%s', or in any parent culture directories.", full, filepath.Join(dir, culture))})
	}
	src, err := s.readFileText(path)
	if err != nil {
		return invalidOp(fmt.Sprintf("The following error occurred while PowerShell was opening the data file '%s':\n%s.", path, err.Error()))
	}
	loadErr := func(msg string) error {
		return invalidOp(fmt.Sprintf("The following error occurred while PowerShell was loading the '%s' script data file:\n%s.", path, msg))
	}
	tree, _, errs := s.parseScript(path, src)
	if len(errs) > 0 {
		return loadErr(errs.Error())
	}
	allowed := []string{"ConvertFrom-StringData"}
	if c.Has("SupportedCommand") {
		allowed = c.Strings("SupportedCommand")
	}
	if issues := s.checkRestricted(tree.Body, allowed); len(issues) > 0 {
		return loadErr(issues[0].msg)
	}
	var out []any
	sc := newScope(s.global)
	err = s.execList(frame{scope: sc, file: path}, tree.Body.Stmts, func(v any) error { out = append(out, v); return nil })
	if err != nil {
		var pe *psError
		if asPSError(err, &pe) {
			return loadErr(pe.rec.Msg)
		}
		return loadErr(err.Error())
	}
	var result any
	switch len(out) {
	case 0:
	case 1:
		result = out[0]
	default:
		result = &value.Array{Items: out}
	}
	if !c.Has("BindingVariable") {
		return c.Write(result)
	}
	name := c.String("BindingVariable")
	if i := strings.IndexByte(name, ':'); i >= 0 && i == len(name)-1 {
		return c.WriteError(&ErrorRecord{ID: "ImportLocalizedData", Category: InvalidArgument, Target: name,
			Exception: "System.Management.Automation.PSInvalidOperationException", Msg: fmt.Sprintf("The BindingVariable name '%s' is invalid.", name)})
	}
	if err := s.setVar(c.fr.scope, name, result); err != nil {
		return runtimeError(c.Pos, err)
	}
	return nil
}
