package cmdlets_test

import (
	"testing"
)

// addMemberTests follow Add-Member's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member)
// and PowerShell's Add-Member.Tests.ps1: the arguments are checked by
// member type before the object is touched (CannotAddMemberType for
// Method, Property and ParameterizedProperty, Value2ShouldNotBeSpecified,
// Value1AndValue2AreNotBothNull, a script member's value must be a script
// block, an alias's type must exist); a hashtable as the first positional
// value is -NotePropertyMembers; -TypeName goes with note members too.
var addMemberTests = []evalCase{
	{"argument_checks", `$o = [pscustomobject]@{}
foreach ($t in 'Method', 'Property', 'ParameterizedProperty') { try { Add-Member -InputObject $o -MemberType $t -Name N } catch { $_.FullyQualifiedErrorId } }
try { Add-Member -InputObject $o -MemberType AnythingElse -Name N } catch { $_.FullyQualifiedErrorId }
try { Add-Member -InputObject $o -MemberType NoteProperty -Name N -Value 1 -SecondValue 2 } catch { $_.FullyQualifiedErrorId }
try { Add-Member -InputObject $o -MemberType ScriptProperty -Name N -Value $null -SecondValue $null } catch { $_.FullyQualifiedErrorId }
try { Add-Member -InputObject $o -MemberType ScriptMethod -Name N -Value 'text' } catch { $_.FullyQualifiedErrorId }
try { Add-Member -InputObject $o -MemberType AliasProperty -Name N -Value x -SecondValue NoSuchType } catch { $_.FullyQualifiedErrorId }
$o.PSObject.Properties.Name.Count`,
		"CannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand\nCannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand\nCannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand\n" +
			"CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.AddMemberCommand\nValue2ShouldNotBeSpecified,Microsoft.PowerShell.Commands.AddMemberCommand\n" +
			"Value1AndValue2AreNotBothNull,Microsoft.PowerShell.Commands.AddMemberCommand\nConvertToFinalInvalidCastException,Microsoft.PowerShell.Commands.AddMemberCommand\n" +
			"InvalidCastFromStringToType,Microsoft.PowerShell.Commands.AddMemberCommand\n0\n", "", 0},
	{"note_members", `$o = New-Object psobject
$o = Add-Member -InputObject $o @{ Name = 'n'; TestInt = 1 } -TypeName MyType -PassThru
$o.Name; $o.TestInt; $o.PSTypeNames[0]
Add-Member -InputObject $o -MemberType 8 -Name Eight -Value 8; $o.Eight`, "n\n1\nMyType\n8\n", "", 0},
	{"other_objects_not_emulated", `Add-Member -InputObject 'abc' -MemberType NoteProperty -Name N -Value 1`, "", "[NotImplemented] Add-Member on a [System.String]", anyExit},
}

func TestAddMember(t *testing.T) {
	for _, c := range addMemberTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
