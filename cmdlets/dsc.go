package cmdlets

import "github.com/csemu/csemu/parser"

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
