package cmdlets_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
)

// Each parameter the table lists stops a run with [NotImplemented] naming
// it, so that lint, which reads the same table, says what a run would do.
func TestRefusedParamsMatchRun(t *testing.T) {
	// the other arguments each cmdlet needs to get as far as its body
	needs := map[string]string{
		"Import-Clixml": "-Path x.xml", "Get-Content": "-Path x", "Set-Content": "-Path x -Value 1",
		"Add-Content": "-Path x -Value 1", "Clear-Content": "-Path x", "Get-Item": "-Path x", "Remove-Item": "-Path x",
		"Copy-Item": "-Path x -Destination y", "New-PSDrive": "-Name Q -PSProvider FileSystem -Root /",
		"New-ModuleManifest": "-Path x.psd1", "Import-Module": "-Name x", "New-Module": "-ScriptBlock {}",
		"Get-FileHash": "", "Invoke-Command": "-ScriptBlock {1}",
		"New-Item": "-Path x", "Set-Variable": "-Name v -Value 1", "New-Variable": "-Name v -Value 1",
	}
	// values for parameters that do not take a string
	values := map[string]string{
		"Credential":  "([pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)))",
		"FromSession": "$null", "ToSession": "$null", "InputStream": "1",
		"First": "1", "Skip": "1", "PrivateData": "@{}", "ComputerName": "'localhost'", "Session": "$null", "AsJob": "",
		"ClrVersion": "'1.0'", "DotNetFrameworkVersion": "'1.0'", "PowerShellHostVersion": "'1.0'",
		// switches
		"IncludeTotalCount": "", "Stack": "", "RequireLicenseAcceptance": "",
	}
	for _, r := range cmdlets.RefusedParams() {
		arg := "-" + r.Param
		what := r.What
		switch {
		case r.When == cmdlets.RefusedOn:
			arg += ":$true"
		case r.When == cmdlets.RefusedOff:
			arg += ":$false"
		case len(r.Values) > 0:
			// each refused value, as typed (a prefix where the
			// parameter takes one), is named in the message
			v := r.Values[0]
			if r.Prefix && len(v) > 4 {
				v = strings.ToLower(v[:4])
			}
			arg += " '" + v + "'"
			if !r.Whole {
				what += " " + v
			}
		default:
			v, ok := values[r.Param]
			if !ok {
				v = "'x'"
			}
			if v != "" {
				arg += " " + v
			}
		}
		src := fmt.Sprintf("%s %s %s", r.Cmdlet, needs[r.Cmdlet], arg)
		if strings.HasPrefix(r.Cmdlet, "Format-") {
			src = "1 | " + src
		}
		var out, errb bytes.Buffer
		s := cmdlets.NewSession(cmdlets.WithIO(nil, &out, &errb))
		if _, err := s.Run(context.Background(), "t.ps1", src, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(errb.String(), "[NotImplemented] "+what+" is not emulated") {
			t.Errorf("%s: the run says\n%s\nthe table says %q", src, errb.String(), what)
		}
		if got, ok := cmdlets.RefusedParameter(strings.ToLower(r.Cmdlet), strings.ToUpper(r.Param)); !ok || got.What != r.What || got.Cmdlet != r.Cmdlet {
			t.Errorf("RefusedParameter(%s, %s) = %v, %v", r.Cmdlet, r.Param, got, ok)
		}
	}
	if _, ok := cmdlets.RefusedParameter("Get-Content", "Path"); ok {
		t.Error("Get-Content -Path is refused")
	}
}
