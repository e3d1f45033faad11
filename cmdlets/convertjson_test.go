package cmdlets_test

import "testing"

// TestConvertToJSONScalarObjects follows ConvertTo-Json.Tests.ps1: a
// DateTimeOffset is written as its time with its offset, +00:00 included;
// a Uri as its original string; and either, with a note property added
// by Add-Member, as an object of "value" and the note properties.
func TestConvertToJSONScalarObjects(t *testing.T) {
	runCase(t, newMemFS(), false, "scalars", `
$dto = [DateTimeOffset]::new(2024, 6, 15, 10, 30, 0, [TimeSpan]::Zero)
$dto | ConvertTo-Json -Compress
Add-Member -InputObject $dto -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru | ConvertTo-Json -Compress
$uri = [Uri]'https://example.com'
ConvertTo-Json -InputObject $uri -Compress
Add-Member -InputObject $uri -MemberType NoteProperty -Name MyProp -Value 'test' -PassThru | ConvertTo-Json -Compress
`, `"2024-06-15T10:30:00+00:00"
{"value":"2024-06-15T10:30:00+00:00","MyProp":"test"}
"https://example.com"
{"value":"https://example.com","MyProp":"test"}
`, "")
}

// TestConvertToJSONIPAddress follows ConvertTo-Json.Tests.ps1 ("IPAddress
// type"): an IPAddress is written as an object of its properties, the
// AddressFamily as its number, and Address: an IPv4 address's bytes read
// as a little-endian number, null for IPv6; past -Depth it is its text.
func TestConvertToJSONIPAddress(t *testing.T) {
	runCase(t, newMemFS(), false, "ipaddress", `
$ip = [System.Net.IPAddress]::Parse('192.168.1.1')
ConvertTo-Json -InputObject $ip -Compress
[ipaddress]'::1' | ConvertTo-Json -Compress
ConvertTo-Json -InputObject (,(,(,$ip))) -Compress -WarningAction SilentlyContinue
`, `{"AddressFamily":2,"ScopeId":null,"IsIPv6Multicast":false,"IsIPv6LinkLocal":false,"IsIPv6SiteLocal":false,"IsIPv6Teredo":false,"IsIPv6UniqueLocal":false,"IsIPv4MappedToIPv6":false,"Address":16885952}
{"AddressFamily":23,"ScopeId":0,"IsIPv6Multicast":false,"IsIPv6LinkLocal":false,"IsIPv6SiteLocal":false,"IsIPv6Teredo":false,"IsIPv6UniqueLocal":false,"IsIPv4MappedToIPv6":false,"Address":null}
[[["192.168.1.1"]]]
`, "")
}

// TestConvertToJSONPipedGuid follows ConvertTo-Json.Tests.ps1 ("Guid
// type"): a Guid piped in is written with the Guid script property that
// types.ps1xml gives it, as {"value":..., "Guid":...}; given to
// -InputObject, or inside an array, it is its text.
func TestConvertToJSONPipedGuid(t *testing.T) {
	runCase(t, newMemFS(), false, "guid", `
$g = [Guid]'12345678-1234-1234-1234-123456789abc'
$g | ConvertTo-Json -Compress
ConvertTo-Json -InputObject $g -Compress
,@($g) | ConvertTo-Json -Compress
`, `{"value":"12345678-1234-1234-1234-123456789abc","Guid":"12345678-1234-1234-1234-123456789abc"}
"12345678-1234-1234-1234-123456789abc"
["12345678-1234-1234-1234-123456789abc"]
`, "")
}
