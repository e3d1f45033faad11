package cmdlets_test

import "testing"

// TestJSONObjectConvertFromJSON follows PowerShell's JsonObject.Tests.ps1
// on [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson: blank
// text is $null without error; text that is no JSON, or nested deeper
// than maxDepth, throws ArgumentException; a property name a
// PSCustomObject cannot hold (empty, or differing from another only in
// case) is returned in the error record, while with returnHashtable the
// keys stay apart.
func TestJSONObjectConvertFromJSON(t *testing.T) {
	runCase(t, newMemFS(), false, "jsonobject", `
$e = $null
$null -eq [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('  ', [ref]$e); $null -eq $e
([Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"a": 1}', $false, [ref]$e)).a
try { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('plaintext', $true, [ref]$e) } catch { $_.FullyQualifiedErrorId }
try { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"1":{"2":{"3":true}}}', $true, 2, [ref]$e) } catch { $_.FullyQualifiedErrorId }
$null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"key1": 1, "Key1": 2}', [ref]$e); $e.FullyQualifiedErrorId
$h = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"key1": 1, "Key1": 2}', $true, [ref]$e)
$h.Count; $h.key1; $h.Key1
$null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"": 1}', [ref]$e); $e.FullyQualifiedErrorId
`, "True\nTrue\n1\nArgumentException\nArgumentException\nKeysWithDifferentCasingInJsonString\n2\n1\n2\nEmptyKeyInJsonString\n", "")
}

// TestConvertFromJSONOptions follows ConvertFrom-Json's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertfrom-json)
// and PowerShell's ConvertFrom-Json.Tests.ps1: several input strings are
// each one JSON text when the first parses alone, else lines of one
// text; -Depth limits the nesting (deeper is the ArgumentException
// error); -DateKind Utc, Local, String and Offset (a DateTimeOffset with
// the text's offset) choose what a date string becomes; an empty key is
// the EmptyKeyInJsonString error.
func TestConvertFromJSONOptions(t *testing.T) {
	runCase(t, newMemFS(), false, "convertfrom-json", `
$r = '{"a": "1"}', '{"a": "x"}' | ConvertFrom-Json; $r.Count; $r[1].a
('{"a" :', '"x"}' | ConvertFrom-Json).a
'{"1":{"2":true}}' | ConvertFrom-Json -Depth 2 | ForEach-Object { $_.'1'.'2' }
try { '{"1":{"2":{"3":true}}}' | ConvertFrom-Json -Depth 2 } catch { $_.FullyQualifiedErrorId }
('"2024-01-02T03:04:05+02:00"' | ConvertFrom-Json -DateKind Utc).ToString('o')
('"2024-01-02T03:04:05+02:00"' | ConvertFrom-Json -DateKind String)
$o = '"2024-01-02T03:04:05+02:00"' | ConvertFrom-Json -DateKind Offset
$o.GetType().FullName; $o.Offset.TotalHours; $o.EqualsExact([DateTimeOffset]::new(2024, 1, 2, 3, 4, 5, [timespan]::FromHours(2)))
try { '{"": 1}' | ConvertFrom-Json } catch { $_.FullyQualifiedErrorId }
`, "2\nx\nx\nTrue\nSystem.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand\n2024-01-02T01:04:05.0000000Z\n"+
		"2024-01-02T03:04:05+02:00\nSystem.DateTimeOffset\n2\nTrue\nEmptyKeyInJsonString,Microsoft.PowerShell.Commands.ConvertFromJsonCommand\n", "")
}

// TestConvertToJSONDates follows PowerShell's ConvertTo-Json.Tests.ps1
// ("DateTime and related types"): a Local DateTime is written with the
// local offset, a Utc one with Z, a DateTimeOffset with its own offset.
func TestConvertToJSONDates(t *testing.T) {
	runCase(t, newMemFS(), false, "convertto-json dates", `
$dt = [DateTime]::new(2024, 6, 15, 10, 30, 0, [DateTimeKind]::Local)
($dt | ConvertTo-Json -Compress) -eq ('"2024-06-15T10:30:00' + $dt.ToString('zzz') + '"')
[DateTime]::new(2024, 6, 15, 10, 30, 0, [DateTimeKind]::Utc) | ConvertTo-Json
[DateTimeOffset]::new(2024, 6, 15, 10, 30, 0, [timespan]::FromHours(9)) | ConvertTo-Json
`, "True\n\"2024-06-15T10:30:00Z\"\n\"2024-06-15T10:30:00+09:00\"\n", "")
}
