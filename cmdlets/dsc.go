package cmdlets

import (
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// dscNotRun is the error of running a DSC configuration or one of its
// keywords: PowerShell defines a configuration as a command that compiles
// MOF documents for the Local Configuration Manager
// (about_DesiredStateConfiguration), which csemu does not emulate. The
// tenant settings a Microsoft365DSC configuration holds are read by
// Import-EmuTenant instead, without running the file.
func dscNotRun(pos parser.Pos, what string) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{
		Pos: pos, ID: "NotImplemented", Category: NotImplemented,
		Msg:       "[NotImplemented] DSC configurations (" + what + ") are not run by csemu; import them with Import-EmuTenant",
		Exception: "System.NotImplementedException",
	}}
}

// dscName names a configuration or keyword for dscNotRun.
func dscName(st parser.Statement) string {
	switch st := st.(type) {
	case *parser.ConfigurationDefinition:
		name := st.NameText
		if name == "" && st.Name != nil {
			name = "..."
		}
		return "Configuration " + name
	case *parser.DynamicKeywordStatement:
		return st.Keyword + " block"
	}
	return "Configuration"
}

// expandConfiguration makes the node of a configuration statement
// (ConfigurationDefinitionAst: its name, its body as a script block
// expression, and its type, Resource unless [DscLocalConfigurationManager()]
// makes it Meta).
func (a *langAst) expandConfiguration(st *parser.ConfigurationDefinition) {
	a.set("instancename", a.unary(st.Name))
	a.set("body", a.unary(&parser.Unary{Pos: st.Body.Pos, End: st.Body.End, Primary: st.Body}))
	typ, n := "Resource", 0
	for _, at := range st.Attrs {
		if at.Attr != nil && attrName(at.Attr.Name) == "dsclocalconfigurationmanager" {
			typ, n = "Meta", 1
		}
	}
	a.set("configurationtype", &enumValue{typ: value.LanguageNS + "ConfigurationType", name: typ, n: n})
}

// expandDynamicKeyword makes the node of a Node or resource block
// (DynamicKeywordStatementAst): its command elements are the keyword, the
// instance name (empty when none is written) and the body, a hashtable of
// properties or a script block (Parser.cs DynamicKeywordStatementRule).
func (a *langAst) expandDynamicKeyword(st *parser.DynamicKeywordStatement) {
	kw := a.add("StringConstantExpressionAst", &parser.StringLit{Pos: st.Pos, End: st.KeywordEnd, Value: st.Keyword}, st.Pos.Offset, st.KeywordEnd)
	elems := []*langAst{kw}
	if st.Name != nil {
		elems = append(elems, a.unary(st.Name))
	} else {
		elems = append(elems, a.add("StringConstantExpressionAst", &parser.StringLit{Pos: st.Pos, End: st.KeywordEnd, Value: ""}, st.KeywordEnd, st.KeywordEnd))
	}
	switch {
	case st.Props != nil:
		elems = append(elems, a.unary(&parser.Unary{Pos: st.Props.Pos, End: st.Props.End, Primary: st.Props}))
	case st.Block != nil:
		elems = append(elems, a.unary(&parser.Unary{Pos: st.Block.Pos, End: st.Block.End, Primary: st.Block}))
	}
	a.set("commandelements", nodes("CommandElementAst", elems))
}
