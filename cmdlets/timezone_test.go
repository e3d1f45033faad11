package cmdlets_test

import (
	"testing"
	// the IANA zones, as cmd/csemu embeds them
	_ "time/tzdata"
)

// TestTimeZoneInfo follows the TimeZoneInfo class of .NET
// (https://learn.microsoft.com/dotnet/api/system.timezoneinfo):
// FindSystemTimeZoneById finds an IANA zone (the ids .NET has on Linux)
// and fails with TimeZoneNotFoundException for an unknown one;
// BaseUtcOffset is the standard offset, GetUtcOffset the offset at a
// time (daylight time in summer); ConvertTimeBySystemTimeZoneId and
// ConvertTimeFromUtc give the wall clock of the target zone
// (DateTimeKind Unspecified), ConvertTimeToUtc a Utc time. [TimeZone]
// is the older class; its CurrentTimeZone is the local zone.
func TestTimeZoneInfo(t *testing.T) {
	runCase(t, newMemFS(), false, "timezoneinfo", `
$b = [TimeZoneInfo]::FindSystemTimeZoneById('Europe/Berlin')
$b.Id; $b.BaseUtcOffset.TotalHours; $b.SupportsDaylightSavingTime
$b.GetUtcOffset([datetime]::new(2024, 7, 1, 12, 0, 0, [DateTimeKind]::Utc)).TotalHours
$b.IsDaylightSavingTime([datetime]::new(2024, 1, 1, 12, 0, 0, [DateTimeKind]::Utc))
$ny = [TimeZoneInfo]::ConvertTimeBySystemTimeZoneId([datetime]::new(2024, 1, 1, 12, 0, 0, [DateTimeKind]::Utc), 'America/New_York')
$ny.ToString('yyyy-MM-dd HH:mm'); $ny.Kind
([TimeZoneInfo]::ConvertTimeFromUtc([datetime]::new(2024, 7, 1, 12, 0, 0, [DateTimeKind]::Utc), $b)).Hour
$u = [TimeZoneInfo]::ConvertTimeToUtc([datetime]::new(2024, 7, 1, 12, 0, 0), $b); $u.Hour; $u.Kind
[TimeZoneInfo]::Utc.Id; [TimeZoneInfo]::Utc.DisplayName
try { [TimeZoneInfo]::FindSystemTimeZoneById('Nowhere/Else') } catch { $_.Exception.Message }
[TimeZoneInfo]::Local -is [TimeZoneInfo]
[TimeZone]::CurrentTimeZone.GetUtcOffset([datetime]::new(2024, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)).Ticks
`, "Europe/Berlin\n1\nTrue\n2\nFalse\n2024-01-01 07:00\nUnspecified\n14\n10\nUtc\nUTC\n(UTC) Coordinated Universal Time\n"+
		"Exception calling \"FindSystemTimeZoneById\" with \"1\" argument(s): \"The time zone ID 'Nowhere/Else' was not found on the local computer.\"\nTrue\n0\n", "")
}

// TestGetTimeZone follows Get-TimeZone's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-timezone)
// and PowerShell's TimeZone.Tests.ps1: with no parameter the local zone,
// -Id the zones of those ids (an unknown one is the TimeZoneNotFound
// error, and the others still come), -ListAvailable the zones
// GetSystemTimeZones lists, -Name a wildcard of their standard names.
func TestGetTimeZone(t *testing.T) {
	runCase(t, newMemFS(), false, "get-timezone", `
(Get-TimeZone).Id -eq [TimeZoneInfo]::Local.Id
(Get-TimeZone -Id 'Asia/Tokyo', 'Cape Verde Standard', 'UTC' -ErrorVariable e -ErrorAction SilentlyContinue).Id -join ','
$e.Count; $e[0].FullyQualifiedErrorId
(Get-TimeZone -ListAvailable).Count -eq [TimeZoneInfo]::GetSystemTimeZones().Count
(gtz -Name 'JST').Id
Get-TimeZone -Name 'NoSuch*Zone' -ErrorAction SilentlyContinue -ErrorVariable n; $n[0].Exception.Message
`, "True\nAsia/Tokyo,UTC\n1\nTimeZoneNotFound,Microsoft.PowerShell.Commands.GetTimeZoneCommand\nTrue\nAsia/Tokyo\n"+
		"The time zone name 'NoSuch*Zone' was not found on the local computer.\n", "")
}

// TestDateTimeOffsetUnixTime follows the DateTimeOffset class of .NET
// (https://learn.microsoft.com/dotnet/api/system.datetimeoffset):
// FromUnixTimeSeconds and UnixEpoch are UTC instants whose UtcDateTime,
// LocalDateTime and ToUnixTimeSeconds agree, as Get-Date.Tests.ps1's
// "-UnixTimeSeconds works" compares Get-Date -UnixTimeSeconds with them.
func TestDateTimeOffsetUnixTime(t *testing.T) {
	runCase(t, newMemFS(), false, "datetimeoffset", `
$o = [DateTimeOffset]::FromUnixTimeSeconds(1577836800)
$o.UtcDateTime.ToString('o'); $o.Offset.Ticks; $o.ToUnixTimeSeconds()
(Get-Date -UnixTimeSeconds 1577836800) -eq $o.LocalDateTime
[DateTimeOffset]::UnixEpoch.UtcDateTime.Year
`, "2020-01-01T00:00:00.0000000Z\n0\n1577836800\nTrue\n1970\n", "")
}

// TestGetDateParameters follows Get-Date's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-date)
// and PowerShell's Get-Date.Tests.ps1: -Format FileDate, FileDateTime and
// their Universal forms are the ISO 8601 basic formats; -UFormat is
// mandatory in its parameter set, so $null or "" fail binding; -Date
// binds by property name (an object's Date, a file's LastWriteTime);
// -Month moves the date as AddMonths does (January 31 to the end of
// February); -Millisecond drops the ticks below it.
func TestGetDateParameters(t *testing.T) {
	runCase(t, newMemFS(), false, "get-date", `
Get-Date -Date 0030-01-01T01:02:03.0004 -Format FileDate
Get-Date -Date 0030-01-01T01:02:03.0004 -Format FileDateTime
Get-Date -Date 0030-01-01T01:02:03.0004z -Format FileDateTimeUniversal
Get-Date -Date 0030-01-01T01:02:03.0004z -Format FileDateUniversal
try { Get-Date -UFormat $null } catch { $_.FullyQualifiedErrorId }
try { Get-Date -UFormat '' } catch { $_.FullyQualifiedErrorId }
$x = [pscustomobject]@{ Date = [datetime]'2020-05-06' }
(@($x, $x) | Get-Date).Count
Get-Date -Date 2024-01-31 -Month 2 -Format 'yyyy-MM-dd'
(Get-Date -Date '2024-01-01T00:00:00.1234567' -Millisecond 5).ToString('fffffff')
Get-Date -Date 1/1/0030 -UFormat '%U|%W|%u'
`, "00300101\n00300101T0102030004\n00300101T0102030004Z\n00300101Z\n"+
		"ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.GetDateCommand\n"+
		"ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.GetDateCommand\n2\n2024-02-29\n0050000\n0|0|2\n", "")
}
