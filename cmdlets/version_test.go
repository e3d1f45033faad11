package cmdlets_test

import "testing"

// versionCases follow System.Version's page: a [version] cast parses
// major.minor[.build[.revision]], each part a non-negative integer, a
// missing part being -1; [version]::new takes the parts as integers.
// [type] follows about_Type_Accelerators: a type literal is a
// System.Type, and a type name converts to the type it names.
var versionCases = []evalCase{
	{"version_cast", `$v = [version]'7.7'; $v.Major; $v.Minor; $v.Build; "$v"
"$([version]'1.2.3.4')"; ([version]::new(1, 2, 3)).ToString(); [version]::new(2, 0).Revision
try { [version]'1' } catch { $_.Exception.Message }
try { [version]'1.x' } catch { $_.Exception.Message }`,
		"7\n7\n-1\n7.7\n1.2.3.4\n1.2.3\n-1\n" +
			"Cannot convert value \"1\" to type \"System.Version\". Error: \"Version string portion was too short or too long. (Parameter 'input')\"\n" +
			"Cannot convert value \"1.x\" to type \"System.Version\". Error: \"The input string 'x' was not in a correct format.\"\n", "", 0},
	{"type_literal_is_type", `[int] -is [type]; [System.ArgumentException] -is [type]; 'int' -is [type]
('System.Management.Automation.PSSecurityException' -as [type]).FullName`,
		"True\nTrue\nFalse\nSystem.Management.Automation.PSSecurityException\n", "", 0},
}

func TestVersionAndTypeCasts(t *testing.T) {
	for _, c := range versionCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// languagePrimitivesCases follow the LanguagePrimitives class reference
// and Conversions.Tests.ps1: ConvertTo converts as a cast does and fails
// with PSInvalidCastException; TryConvertTo reports success and writes
// the result to its [ref]; IsTrue is PowerShell's truth of a value.
var languagePrimitivesCases = []evalCase{
	{"language_primitives", `$lp = [System.Management.Automation.LanguagePrimitives]
$lp::ConvertTo('12', [int]).GetType().Name
$lp::ConvertTo(3.3000000000000003, [string])
try { $lp::ConvertTo('x', [int]) } catch { $_.FullyQualifiedErrorId }
$r = 5; $lp::TryConvertTo('x', [int], [ref]$r); $null -eq $r
$lp::TryConvertTo('7', [int], [ref]$r); $r
$lp::IsTrue(@()); $lp::IsTrue('a')`, "Int32\n3.3\nPSInvalidCastException\nFalse\nTrue\nTrue\n7\nFalse\nTrue\n", "", 0},
}

func TestLanguagePrimitives(t *testing.T) {
	for _, c := range languagePrimitivesCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
