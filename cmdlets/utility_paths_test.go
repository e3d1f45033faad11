package cmdlets_test

import "testing"

// TestFileCmdletsResolveDrives follows about_Providers and about_PSDrives:
// a path given to a cmdlet that reads or writes a file goes through the
// providers, so a drive New-PSDrive made (Pester's TestDrive:) names its
// folder for every reader and writer alike, as do relative paths and
// -LiteralPath (PowerShell's ImportExportCSV.Delimiter.Tests.ps1 writes
// and reads TESTDRIVE:/File.csv). Redirection (about_Redirection) takes
// the same paths, and so does a script run by its path
// (about_Scripts).
func TestFileCmdletsResolveDrives(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work/td")
	runCase(t, m, true, "drives", `
$null = New-PSDrive -Name TD -PSProvider FileSystem -Root /work/td
[pscustomobject]@{ a = 1; b = 'x' } | Export-Csv TD:/f.csv
[pscustomobject]@{ a = 2; b = 'y' } | Export-Csv -LiteralPath TD:\f.csv -Append
(Import-Csv TD:/f.csv).b -join ','
'one', 'two' | Out-File TD:\o.txt
Get-Content TD:\o.txt -TotalCount 1
'tee' | Tee-Object -FilePath TD:/t.txt | Out-Null
(Select-String -Path TD:/t.txt -Pattern tee).Line
'redir' > TD:\r.txt
'more' >> TD:/r.txt
(Get-Content /work/td/r.txt) -join '+'
Set-Content -Path TD:/s.txt -Value 'set'
Get-Content -LiteralPath TD:/s.txt
Set-Content TD:\run.ps1 -Value '"ran $args"'
& TD:\run.ps1 1
. 'TD:/run.ps1' 2
`, "x,y\none\ntee\nredir+more\nset\nran 1\nran 2\n", "")
	wantFile(t, m, "/work/td/f.csv", "\"a\",\"b\"\n\"1\",\"x\"\n\"2\",\"y\"\n")
}

// TestCharParameterNull follows the parameter binder of pwsh
// (ParameterBinderBase): $null for a cmdlet's [char] parameter such as
// Import-Csv -Delimiter cannot be set, the ParameterBindingFailed error
// that names the parameter (ImportExportCSV.Delimiter.Tests.ps1:
// "Disallow use of null delimiter").
func TestCharParameterNull(t *testing.T) {
	runCase(t, newMemFS(), false, "char-null", `
try { 'a,b' | ConvertFrom-Csv -Delimiter $null } catch { $_.FullyQualifiedErrorId }
`, "ParameterBindingFailed,Microsoft.PowerShell.Commands.ConvertFromCsvCommand\n", "")
}
