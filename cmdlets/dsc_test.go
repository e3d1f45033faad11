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
