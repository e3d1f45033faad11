package main

import (
	"fmt"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// lspBenchScript is an admin script of n lines: policies created, set and
// granted, with loops, conditions and splatting.
func lspBenchScript(n int) string {
	var sb strings.Builder
	for i := 0; strings.Count(sb.String(), "\n") < n; i++ {
		fmt.Fprintf(&sb, `# block %[1]d
$name = 'Policy%[1]d'
New-CsTeamsMeetingPolicy -Identity $name -AllowAnonymousUsersToJoinMeeting $false
$settings = @{
    Identity          = $name
    AutoAdmittedUsers = 'EveryoneInCompany'
}
Set-CsTeamsMeetingPolicy @settings
foreach ($user in @('ann%[1]d@contoso.com', 'bob%[1]d@contoso.com')) {
    if ($user -like 'ann*') {
        Grant-CsTeamsMeetingPolicy -Identity $user -PolicyName $name
    } else {
        Write-Output "skipping $user"
    }
}
Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers everyone
Get-CsTeamsMeetingPolicy -Identity $name | Select-Object Identity, AutoAdmittedUsers
`, i)
	}
	return sb.String()
}

// BenchmarkLSPChange is the language server's answer to a change of one
// line in a 2,000-line script: the edit applied and the diagnostics of the
// whole document published (the goal is under 30 ms).
func BenchmarkLSPChange(b *testing.B) {
	c := newLSPClient(b)
	text := lspBenchScript(2000)
	c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
		"uri": lspURI, "languageId": "powershell", "version": 1, "text": text}})
	c.diagnostics()
	line := strings.Count(text, "\n") / 2
	v := 1
	for b.Loop() {
		v++
		word := "Everybody"
		if v%2 == 0 {
			word = "Everyone"
		}
		c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
			"textDocument": map[string]any{"uri": lspURI, "version": v},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": pos(line, 0), "end": pos(line+1, 0)},
				"text":  "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers " + word + "\n"}}})
		c.diagnostics()
	}
	b.ReportMetric(2000, "lines")
}
