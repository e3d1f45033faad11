package cmdlets_test

import "testing"

// A DSC configuration statement defines a command that compiles MOF
// documents for the Local Configuration Manager
// (about_DesiredStateConfiguration; Parser.cs ConfigurationStatementRule
// makes a ConfigurationDefinitionAst of it). csemu does not run
// configurations: defining one is a statement-terminating
// [NotImplemented] error, which the script goes on after and try/catch
// catches, never a statement that silently does nothing.
func TestDSCConfigurationNotRun(t *testing.T) {
	const msg = "[NotImplemented] DSC configurations (Configuration M365TenantConfig) are not run by csemu; import them with Import-EmuTenant"
	for _, c := range []evalCase{
		{"configuration", "Configuration M365TenantConfig\n{\n    Node localhost\n    {\n        TeamsMeetingPolicy 'x' { Identity = 'Global'; Ensure = 'Present' }\n    }\n}\n'after'",
			"after\n", msg, anyExit},
		{"caught", "try { Configuration M365TenantConfig { } } catch { $_.Exception.Message; $_.Exception.GetType().FullName }",
			msg + "\nSystem.NotImplementedException\n", "", 0},
		{"quoted name", "try { configuration 'M365TenantConfig' { } } catch { $_.Exception.Message }",
			msg + "\n", "", 0},
		{"nothing in the body runs", "$x = 1\ntry { Configuration M365TenantConfig { $x = 2 } } catch { }\n$x",
			"1\n", "", 0},
	} {
		t.Run(c.name, func(t *testing.T) { runEval(t, c, "", nil) })
	}
}

// The parser API shows a configuration as PowerShell's parser builds it
// (Parser.cs ConfigurationStatementRule, DynamicKeywordStatementRule):
// a ConfigurationDefinitionAst with InstanceName, Body and
// ConfigurationType, and a DynamicKeywordStatementAst per Node or resource
// block whose CommandElements are the keyword, the instance name ("" when
// none is written) and the body (a hashtable of properties, or a script
// block for Node).
func TestDSCConfigurationAst(t *testing.T) {
	script := "$ast = { Configuration C { Node x { File f { A = 1; B = @(MSFT_Y { Z = 2 }) } } } }.Ast\n" +
		"$c = $ast.EndBlock.Statements[0]\n" +
		"$c.GetType().Name; $c.InstanceName.Value; $c.ConfigurationType; $c.Body.GetType().Name\n" +
		"$d = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.DynamicKeywordStatementAst] }, $true)\n" +
		"$d.Count\n" +
		"$d[0].CommandElements[2].GetType().Name\n" +
		"$d[1].CommandElements | ForEach-Object { $_.GetType().Name + ' ' + $_.Extent.Text }\n" +
		"$d[2].CommandElements[1].Value -eq ''"
	runEval(t, evalCase{"ast", script, "ConfigurationDefinitionAst\nC\nResource\nScriptBlockExpressionAst\n3\nScriptBlockExpressionAst\n" +
		"StringConstantExpressionAst File\nStringConstantExpressionAst f\nHashtableAst { A = 1; B = @(MSFT_Y { Z = 2 }) }\nTrue\n", "", 0}, "", nil)
}
