package cmdlets_test

import "testing"

// TestTestJSON follows Test-Json's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/test-json)
// and PowerShell's Test-Json.Tests.ps1: True for JSON, False with the
// InvalidJson error for text that is not; -Schema and -SchemaFile test
// against a JSON Schema and write one InvalidJsonAgainstSchemaDetailed
// error per failed keyword, naming the instance location; a schema file
// may $ref another file beside it; -Options IgnoreComments and
// AllowTrailingCommas relax the reader; a -Path that names no file is the
// terminating PathNotFound error and a missing schema file
// JsonSchemaFileOpenFailure; a schema that is not JSON is InvalidJsonSchema.
func TestTestJSON(t *testing.T) {
	m := newMemFS()
	m.add("/work/defs.json", `{"definitions": {"name": {"type": "string"}}}`)
	m.add("/work/person.schema.json", `{"type": "object", "properties": {"name": {"$ref": "defs.json#/definitions/name"}, "tags": {"type": "array", "items": {"type": "string"}}}}`)
	m.add("/work/ok.json", `{"name": "ann", "tags": ["a"]}`)
	m.add("/work/bad.json", `{"name": 1, "tags": [2, "b"]}`)
	runCase(t, m, false, "test-json", `
Test-Json -Json '{"a": [1, 2]}'
Test-Json -Json '{"a": ' -ErrorVariable e -ErrorAction SilentlyContinue; $e[0].FullyQualifiedErrorId
Test-Json -Path ok.json -SchemaFile person.schema.json
Get-ChildItem bad.json | Test-Json -SchemaFile ./person.schema.json -ErrorVariable e2 -ErrorAction SilentlyContinue
$e2.Count; $e2[0].FullyQualifiedErrorId
$e2 | ForEach-Object { $_.Exception.Message -replace '^.* at ', 'at ' }
'{ "n": 5 }' | Test-Json -Schema '{ "type": "object", "required": ["m"] }' -ErrorAction SilentlyContinue
"{ // note$([char]10) ""a"": 1, }" | Test-Json -ErrorAction SilentlyContinue
"{ // note$([char]10) ""a"": 1, }" | Test-Json -Options IgnoreComments, AllowTrailingCommas
try { Test-Json -Path missing.json } catch { $_.FullyQualifiedErrorId }
try { Test-Json -Json '{}' -SchemaFile missing.json } catch { $_.FullyQualifiedErrorId }
try { Test-Json -Json '{}' -Schema '{ "type", }' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
`, "True\nFalse\nInvalidJson,Microsoft.PowerShell.Commands.TestJsonCommand\nTrue\nFalse\n2\n"+
		"InvalidJsonAgainstSchemaDetailed,Microsoft.PowerShell.Commands.TestJsonCommand\nat '/name'\nat '/tags/0'\nFalse\nFalse\nTrue\n"+
		"PathNotFound,Microsoft.PowerShell.Commands.TestJsonCommand\nJsonSchemaFileOpenFailure,Microsoft.PowerShell.Commands.TestJsonCommand\n"+
		"InvalidJsonSchema,Microsoft.PowerShell.Commands.TestJsonCommand\n", "")
}
