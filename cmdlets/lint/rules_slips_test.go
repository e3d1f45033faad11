package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSlipRules(t *testing.T) {
	stRun(t, "CSE30", []stCase{
		// CSE3001
		{name: "misspelled", src: "$policy = 'Tag:NoAnon'\nGrant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName $polcy\n",
			want:    []string{"CSE3001 2:68-2:74"},
			message: "The variable $polcy is used before it is assigned in this scope; it is $null here.",
			suggest: "did you mean $policy?"},
		{name: "assigned after", src: "Write-Output $total\n$total = 3\n",
			want: []string{"CSE3001 1:14-1:20"}},
		{name: "reported once per scope", src: "$a = $b + $b\nfunction F { $c; $c }\n",
			want: []string{"CSE3001 1:6-1:8", "CSE3001 2:14-2:16"}},
		{name: "in string and braces", src: "\"Empty: [$missing] ${other}\"\n",
			want: []string{"CSE3001 1:10-1:18", "CSE3001 1:20-1:28"}},
		{name: "splat", src: "$params = @{}\nGet-CsOnlineUser @parms\n",
			want:    []string{"CSE3001 2:18-2:24"},
			message: "The variable $parms (splatted as @parms) is used before it is assigned in this scope; it is $null here.",
			suggest: "did you mean $params?"},
		{name: "function local after use", src: "function F {\n    Write-Output $n\n    $n = 1\n}\n",
			want: []string{"CSE3001 2:18-2:20"}},
		{name: "function never assigned", src: "function F { param($Name) \"$Name $Nmae\" }\n",
			want: []string{"CSE3001 1:34-1:39"}},
		{name: "assigned only in function", src: "function F { $x = 1 }\nF\n$x\n",
			want: []string{"CSE3001 3:1-3:3"}},
		{name: "null in comparison", src: "if ($null -eq $undefinedThing) { 'no' }\n",
			want: []string{"CSE3001 1:15-1:30"}},
		{name: "typical admin script", src: slAdminScript},
		{name: "parameters", src: "param($Tenant, [string]$Name = $Tenant)\nfunction G([int]$n) { $n; $Tenant }\n$Name\n"},
		{name: "automatic", src: "$_; $PSItem; $args; $input; $true; $false; $null; $Error; $Matches; $PSScriptRoot; $PSCommandPath\n$PSBoundParameters; $LASTEXITCODE; $Host; $PSVersionTable; $?; $ErrorActionPreference; $WhatIfPreference; $MyInvocation\n"},
		{name: "scoped", src: "$env:CSEMU_NOW; $script:count; $global:x; $using:y; ${env:PATH}\n"},
		{name: "script scope set in function", src: "function Init { $script:cfg = 1 }\nInit\n$cfg\n"},
		{name: "loop body", src: "foreach ($i in 1..3) { if ($prev) { $prev }; $prev = $i }\nwhile (-not $done) { $done = $true }\nfor ($j = 0; $j -lt 3; $j++) { $j }\n"},
		{name: "conditional assignment", src: "if ($true) { $x = 1 } else { $x = 2 }\n$x\n"},
		{name: "foreach-object and pipeline", src: "1..3 | ForEach-Object { $sum += $_ }\n$sum\n1..3 | ForEach-Object -Begin { $n = 0 } -Process { $n++ }\n"},
		{name: "caller variable", src: "function Show { $Config.Name }\n$Config = @{ Name = 'x' }\nShow\n"},
		{name: "script block param and reuse", src: "$sb = { param($u) $u; $later }\n$later = 1\n& $sb 2\n"},
		{name: "error and out variables", src: "Get-Item x -ErrorVariable err -OutVariable +out -ev e2 -ErrorAction SilentlyContinue\n$err; $out; $e2\nGet-Date | Tee-Object -Variable now | Out-Null\n$now\n"},
		{name: "ref and set-variable", src: "[int]::TryParse('1', [ref]$n) | Out-Null\n$n\nSet-Variable -Name a -Value 1\nNew-Variable b 2\nsv -n c 3\n$a; $b; $c\n"},
		{name: "increment and compound", src: "$count++\n$total += 1\n$x ??= 'd'\n$count; $total; $x\n"},
		{name: "multiple and typed targets", src: "$a, $b = 1, 2\n[string[]]$names = 'x'\n$a; $b; $names\n"},
		{name: "dot-sourced", src: ". ./common.ps1\n$fromCommon\n"},
		{name: "invoke-expression", src: "Invoke-Expression '$x = 1'\n$x\n"},
		{name: "computed set-variable", src: "$n = 'x'\nSet-Variable -Name $n -Value 1\n$x\n"},
		{name: "class members", src: "class C { [string]$Name; [string] Hello() { return $this.Name + $suffix } }\n"},
		{name: "dsc", src: "Configuration C { Node $AllNodes.NodeName { File f { DestinationPath = $Node.Path } } }\n"},
		// CSE3002
		{name: "read-host assigned", src: "$name = Read-Host 'Enter name'\n$name\n",
			want:    []string{"CSE3002 1:9-1:18"},
			message: "Read-Host waits for a person to type an answer; in a CI run nobody does: at the end of the input it returns nothing, and with -NonInteractive it fails.",
			suggest: "take the value as a script parameter: param([Parameter(Mandatory)][string]$Name)"},
		{name: "read-host alone", src: "if ((read-host -Prompt 'Continue?') -ne 'y') { exit 1 }\nMicrosoft.PowerShell.Utility\\Read-Host x\n",
			want: []string{"CSE3002 1:6-1:15", "CSE3002 2:1-2:39"}},
		{name: "read-host as text", src: "'Read-Host'\nWrite-Output Read-Host\n"},
		// CSE3003
		{name: "null right", src: "$users = @()\nif ($users -eq $null) { 'none' }\n",
			want:    []string{"CSE3003 2:5-2:21"},
			message: "$null on the right of -eq: with a collection on the left this filters the collection instead of testing for $null; put $null on the left.",
			suggest: "$null -eq $users"},
		{name: "null right ne member and chain", src: "$a = 1\n$a.Count -ne $NULL -and $a\n",
			want: []string{"CSE3003 2:1-2:19"}, suggest: "$NULL -ne $a.Count"},
		{name: "null right case ops", src: "$a = 1\n$r = ($a -ceq ${null})\n(Get-Date) -ine $null\n",
			want: []string{"CSE3003 2:7-2:22", "CSE3003 3:1-3:22"}, suggest: "${null} -ceq $a"},
		{name: "null right nested", src: "$a = 1\nif (($a -eq $null)) { }\n",
			want: []string{"CSE3003 2:6-2:18"}},
		{name: "null left", src: "$a = 1\nif ($null -eq $a) { }\n$null -ne $a\n"},
		{name: "null other ops", src: "$a = 1\n$a -gt $null; $a -like $null; $a = $null\n"},
		{name: "both null", src: "$null -eq $null\n"},
	})
}

// TestSlipRuleExamples checks that each rule's Bad example triggers it and
// its Good example does not.
func TestSlipRuleExamples(t *testing.T) {
	n := 0
	for _, d := range slipRules() {
		n++
		if !strings.HasPrefix(d.Code, "CSE30") || d.Bad == "" || d.Good == "" || d.Summary == "" || d.Help == "" || d.Name == "" {
			t.Errorf("%s: incomplete rule %+v", d.Code, d.Rule)
		}
		if got := stFindings(d.Bad, d.Code); len(got) == 0 {
			t.Errorf("%s: Bad does not trigger it:\n%s", d.Code, d.Bad)
		}
		if got := stFindings(d.Good, d.Code); len(got) != 0 {
			t.Errorf("%s: Good triggers it: %v", d.Code, got)
		}
		if got := stFindings(d.Good, "CSE3"); len(got) != 0 {
			t.Errorf("%s: Good has other slips: %v", d.Code, got)
		}
	}
	if n != 3 {
		t.Errorf("%d slip rules, want 3", n)
	}
}

// TestSlipRulesOnScripts checks that the example admin scripts of the
// repository give no use-before-assignment finding.
func TestSlipRulesOnScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scripts", "*.ps1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no scripts")
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := stFindings(string(src), "CSE3001"); len(got) != 0 {
			t.Errorf("%s: %v", name, got)
		}
	}
}

func TestSlipRulesNoScript(t *testing.T) {
	f := &File{Path: "t.ps1", Src: "{"}
	for _, d := range slipRules() {
		d.check(f, stTestEnv(), func(Finding) { t.Errorf("%s reported on a nil script", d.Code) })
	}
}

// slAdminScript is a typical admin script: it must give no slip.
const slAdminScript = `[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)][string]$CsvPath,
    [string]$PolicyName = 'Tag:NoAnon',
    [switch]$Force
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Write-Log {
    param([string]$Message, [string]$Level = 'Info')
    $stamp = Get-Date -Format 's'
    Write-Host "[$stamp][$Level] $Message"
    $script:logCount++
    if ($LogFile) { Add-Content -Path $LogFile -Value $Message }
}

function Get-Report {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)]$InputObject)
    begin { $rows = @() }
    process { $rows += $InputObject }
    end { $rows | Sort-Object Name; $PSCmdlet.WriteVerbose("done $($rows.Count)") }
}

$LogFile = Join-Path $PSScriptRoot 'run.log'
$users = Import-Csv -Path $CsvPath
$results = @()
$count = 0
foreach ($u in $users) {
    $count++
    try {
        $params = @{
            Identity   = $u.UserPrincipalName
            PolicyName = $PolicyName
        }
        if ($PSCmdlet.ShouldProcess($u.UserPrincipalName, 'Grant')) {
            Grant-CsTeamsMeetingPolicy @params -ErrorVariable grantErr
        }
        $results += [pscustomobject]@{ User = $u.UserPrincipalName; Ok = $true; Err = $grantErr }
    } catch {
        Write-Log -Message "failed for $($u.UserPrincipalName): $($_.Exception.Message)" -Level Error
        $results += [pscustomobject]@{ User = $u.UserPrincipalName; Ok = $false }
    }
}
$enabled = $users | Where-Object { $_.Enabled -eq 'True' } | ForEach-Object { $_.UserPrincipalName }
$users | ForEach-Object -Begin { $n = 0 } -Process { $n++ } -End { "total $n" }
for ($i = 0; $i -lt $results.Count; $i++) { $results[$i].Ok }
$attempt = 0
do { $attempt++; Start-Sleep -Milliseconds 1 } until ($attempt -ge 3)
Write-Output $attempt
while (-not $done) { $done = $true }
switch ($PolicyName) {
    'Tag:NoAnon' { $mode = 'closed' }
    default { $mode = 'open' }
}
Write-Output $mode
$a, $b = 1, 2
[string[]]$names = $users.UserPrincipalName
$map = @{}
$map['x'] = $a + $b
$null = Get-CsTeamsMeetingPolicy -Identity Global -OutVariable pol
$pol | Format-List
Get-CsTeamsMeetingPolicy | Tee-Object -Variable all | Out-Null
$all.Count
if ('abc' -match 'b(c)') { $Matches[1] }
$sb = { param($x) $x * 2 }
& $sb 3
Invoke-Command -ScriptBlock { param($p) "$p $using:PolicyName" } -ArgumentList 1
Set-Variable -Name computed -Value 5
$computed
New-Variable other 3
$other
$env:CSEMU_NOW
$x ??= 'default'
$x
trap { Write-Log $_; continue }
Write-Log "processed $count users, $($enabled.Count) enabled, log $script:logCount, $($names.Count) names"
Get-Report -InputObject $results
$summary = $results | Group-Object Ok | Select-Object Name, Count
$summary | Export-Csv -Path (Join-Path $HOME 'out.csv') -NoTypeInformation
`
