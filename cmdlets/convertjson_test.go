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
