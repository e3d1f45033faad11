package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// validScripts must parse without error: one snippet per construct,
// covering every row of powershell-in-the-wild.md and every "construct
// that trips parsers".
var validScripts = []struct{ name, src string }{
	// variables, assignment, scopes
	{"assign number", "$a = 1"},
	{"assign string", "$name = 'Global'"},
	{"assign expandable", `$msg = "Hello $name"`},
	{"assign command", "$users = Get-CsOnlineUser"},
	{"assign pipeline", "$users = Get-CsOnlineUser | Where-Object { $_.Enabled }"},
	{"multiple assignment", "$a, $b = 1, 2"},
	{"chained assignment", "$a = $b = 3"},
	{"typed assignment", "[int]$count = 0"},
	{"scoped variables", "$script:total = 0\n$global:Tenant = 'contoso'\n$local:x = 1\n$private:y = 2"},
	{"env variable", "$env:PSModulePath\n$env:TEMP = 'C:\\Temp'"},
	{"braced variable", "${my var} = 5\n${env:ProgramFiles(x86)}"},
	{"automatic variables", "$true; $false; $null; $_; $PSItem; $args; $input; $PSScriptRoot; $MyInvocation.MyCommand.Name"},
	{"special variables", "$?; $$; $^; $LASTEXITCODE"},
	{"ErrorActionPreference", "$ErrorActionPreference = 'Stop'"},
	{"variable without dollar is a command", "count = 5"},
	{"variable without dollar with plus", "total += 1"},

	// strings
	{"double quoted", `"plain text"`},
	{"single quoted", `'it''s'`},
	{"double quoted escaped quote", "\"say \"\"hi\"\"\""},
	{"double quoted backtick quote", "\"say `\"hi`\"\""},
	{"variable expansion", `"User: $user"`},
	{"member expansion", `"Name: $($user.DisplayName)"`},
	{"subexpression with command", `"Today: $(Get-Date -Format 'yyyy-MM-dd')"`},
	{"scoped variable in string", `"$env:USERNAME on $env:COMPUTERNAME"`},
	{"braced variable in string", `"${name}_suffix"`},
	{"backtick escapes", "\"tab`there`nnewline`r`0`a`b`f`v`e `$notvar\""},
	{"unicode escape", "\"`u{2713} done\""},
	{"escaped dollar with hashtable text", "Write-Host \"Use `$x = @{Add='a.com'} to add\""},
	{"escaped quotes in subexpression", "\"$(Get-Date -Format `\"yyyyMMdd`\")\""},
	{"string with hash sign", `"C# is # not a comment"`},
	{"dollar at end of string", `"cost: 5$"`},
	{"empty strings", `''; ""`},
	{"string member call", `'abc'.ToUpper()`},
	{"string method chain", `"  x ".Trim().Length`},

	// here-strings
	{"expandable here-string", "$body = @\"\nHello $name\nTotal: $($items.Count)\n\"@"},
	{"literal here-string", "$xml = @'\n<root attr=\"1\">$notexpanded</root>\n'@"},
	{"here-string with quotes inside", "$s = @\"\nsay \"hi\" and 'bye'\n\"@"},
	{"here-string as argument", "Write-Host @'\nline one\nline two\n'@"},
	{"here-string to ScriptBlock Create", "$code = @'\nparam($x)\n$x * 2\n'@\n$sb = [ScriptBlock]::Create($code)\n& $sb 21"},
	{"here-string with csharp for Add-Type", "Add-Type -TypeDefinition @\"\nusing System;\npublic static class Helper {\n    public static int Twice(int x) { return x * 2; }\n}\n\"@ -Language CSharp"},
	{"empty here-string", "$e = @\"\n\"@"},

	// comments
	{"line comment", "# a comment\nGet-Date # trailing"},
	{"block comment", "<# block\n   comment #>\nGet-Date"},
	{"inline block comment", "Get-Date <# inline #> -Format o"},
	{"comment-based help", "<#\n.SYNOPSIS\n  Grants a policy.\n.PARAMETER Identity\n  The user.\n.EXAMPLE\n  ./grant.ps1 -Identity ann@x.test\n#>\nparam([string]$Identity)"},
	{"function help inside", "function Get-Thing {\n    <#\n    .SYNOPSIS\n    Gets a thing.\n    #>\n    param($Name)\n    $Name\n}"},
	{"requires and region", "#Requires -Version 5.1\n#Requires -Modules MicrosoftTeams\n#region Setup\n$x = 1\n#endregion"},

	// commands and arguments
	{"simple command", "Get-CsTeamsMeetingPolicy"},
	{"command with bare word", "Get-CsTeamsMeetingPolicy -Identity Global"},
	{"command with named args", "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false"},
	{"command switch parameter", "Get-ChildItem -Recurse -Force"},
	{"parameter colon value", "Get-ChildItem -Recurse:$false -Path:C:\\Temp"},
	{"parameter colon expression", "Set-Thing -Enabled:($x -eq 1) -Count:3"},
	{"parameter name prefix and case", "grant-cstEAMSmeetingpolicy -identity ann@x.test -policy AllOn"},
	{"cmdlet names in any case", "GET-DATE; get-date; Get-date"},
	{"unquoted prose arguments", "Write-Host Continue? [Y] Yes [N] No"},
	{"words with a quote glued on", "Write-Host O'Brien's account"},
	{"bare word with dots and slashes", "Import-Module .\\Modules\\Teams.psd1\nStart-Process ./run.sh"},
	{"url argument", "Invoke-WebRequest https://example.com/a?b=1 -OutFile out.html"},
	{"email argument", "Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName RestrictedAnonymous"},
	{"policy name null", "Grant-CsTeamsMeetingPolicy -Identity ann@x.test -PolicyName $null"},
	{"filter scriptblock", "Get-CsOnlineUser -Filter { Department -eq 'Sales' }"},
	{"filter string", "Get-CsOnlineUser -Filter \"Department -eq 'Sales'\""},
	{"glued variable and quoted", "& $Dir'sub\\file.exe'"},
	{"glued word quote variable", "Show-Args pre'fix'$x"},
	{"quote then variable is two args", `Show-Args "Path: "$file`},
	{"quote then word is two args", "Show-Args 'a'b"},
	{"subexpression then word", "Show-Args $(1 + 1)px"},
	{"variable then dash word", "Show-Args $x-suffix"},
	{"word with embedded double quotes", `Show-Args a"b c"d`},
	{"braced variable then colon", "Show-Args ${x}:tail"},
	{"variable member in argument", "Show-Args $x.txt"},
	{"comma list of bare words", "Select-Object DisplayName, UserPrincipalName, Department"},
	{"comma list continued on next line", "Select-Object DisplayName,\n    UserPrincipalName,\n    Department"},
	{"array argument", "Set-Thing -Domains a.com, b.com -Count 2"},
	{"typographic en dash parameter", "Get-CsOnlineUser –Identity ann@x.test"},
	{"typographic em dash parameter", "Get-CsOnlineUser —Identity ann@x.test"},
	{"typographic horizontal bar parameter", "Get-CsOnlineUser ―Identity ann@x.test"},
	{"typographic double quotes", "Write-Host “Hello $name”"},
	{"typographic single quotes", "Write-Host ‘Hello’"},
	{"typographic mixed quotes", "$s = “a” + ‘b’"},
	{"number argument", "Start-Sleep -Seconds 5; Start-Sleep 1.5"},
	{"negative number argument", "Set-Thing -Offset -1"},
	{"double dash", "git log -- file.txt"},
	{"stop parsing token", "icacls.exe C:\\Temp --% /grant Users:F"},

	// pipelines
	{"pipeline", "Get-CsOnlineUser | Select-Object DisplayName"},
	{"long pipeline", "Get-CsOnlineUser | Where-Object { $_.Enabled } | Sort-Object DisplayName | Select-Object -First 10 | Format-Table"},
	{"trailing pipe continuation", "Get-CsOnlineUser |\n    Where-Object { $_.Enabled } |\n    Select-Object DisplayName"},
	{"leading pipe continuation", "Get-CsOnlineUser\n    | Where-Object Enabled\n    | Select-Object DisplayName"},
	{"expression piped", "1..10 | ForEach-Object { $_ * 2 }"},
	{"array piped", "@('a', 'b') | Out-Null"},
	{"aliases", "gci | ? { $_.Length -gt 0 } | % { $_.Name } | select -First 1 | ft\necho hi"},
	{"where-object simple syntax", "Get-Process | Where-Object Name -like 'pw*'"},
	{"foreach-object member", "Get-Process | ForEach-Object Name"},
	{"out-null", "$list.Add($x) | Out-Null\n[void]$list.Add($y)\n$null = $list.Add($z)"},
	{"pipeline chain operators", "Get-Item x && Write-Host ok || Write-Host failed"},
	{"backtick line continuation", "Set-CsTeamsMeetingPolicy -Identity Global `\n    -AllowAnonymousUsersToJoinMeeting $false `\n    -AllowCloudRecording $true"},
	{"background job operator", "Start-Sleep 1 &"},

	// redirections
	{"append redirection to bare path", "\"done\" >> C:\\Temp\\log.txt"},
	{"redirection to file", "Get-Date > out.txt"},
	{"error redirection", "Get-Item nope 2> $null"},
	{"stream merge", "Get-Item nope 2>&1 | Out-String"},
	{"all streams redirection", "Do-Thing *> all.log"},
	{"redirection to variable path", "Get-Date >> $logFile"},

	// operators
	{"arithmetic", "$x = (1 + 2) * 3 / 4 % 5 - -6"},
	{"comparison operators", "$a -eq 1; $a -ne 1; $a -gt 1; $a -lt 1; $a -ge 1; $a -le 1"},
	{"case-sensitive operators", "$a -ceq 'A'; $a -ieq 'a'; $a -cne 'b'"},
	{"like and match", "$a -like 'ab*'; $a -notlike '*x'; $a -match '^a'; $a -notmatch 'z$'"},
	{"containment", "$a -in $list; $a -notin $list; $list -contains $a; $list -notcontains $a"},
	{"replace", "$s -replace 'a', 'b'\n$s -creplace '\\s+'"},
	{"split and join", "$parts = $s -split ','\n$s = $parts -join ';'\n-split 'a b'\n-join ('a', 'b')"},
	{"logical operators", "$a -and $b -or -not $c -xor $d"},
	{"bang not", "if (!$x) { 'no' }"},
	{"bitwise operators", "$f -band 4; $f -bor 1; $f -bxor 2; -bnot $f; $f -shl 2; $f -shr 1"},
	{"is and as", "$x -is [string]; $x -isnot [int]; $x -as [int]"},
	{"format operator", "'{0} has {1:N0} users' -f $tenant, $count"},
	{"range operator", "$r = 1..10\n$letters = 'a'..'e'"},
	{"increment decrement", "$i++; $i--; ++$i; --$i"},
	{"compound assignment", "$x += 1; $x -= 1; $x *= 2; $x /= 2; $x %= 3"},
	{"null coalescing", "$v = $x ?? 'default'"},
	{"null coalescing assignment", "$cfg ??= @{}"},
	{"ternary", "$label = $n -gt 1 ? 'users' : 'user'"},
	{"null conditional member", "${x}?.Name; ${list}?[0]"},
	{"unary comma", "$single = ,$x\n$pair = ,(1, 2)"},
	{"cast chain", "[int][string]'5'"},
	{"numbers", "0x1F; 1kb; 2MB; 1.5e3; 10l; 3.14d; .5; 1e-3"},

	// member access, methods, indexing
	{"member access", "$user.DisplayName"},
	{"nested member access", "$user.Policy.Name.Length"},
	{"method call", "$list.Add('x')"},
	{"method call multiple args", "$s.Substring(0, 3)"},
	{"method call newline args", "$s.Replace(\n    'a',\n    'b')"},
	{"static method", "[System.IO.Path]::Combine($a, $b)"},
	{"static property", "[DateTime]::Now; [int]::MaxValue"},
	{"static method new", "[System.Collections.Generic.List[string]]::new()"},
	{"nested type literal", "[Namespace.Outer+Inner]::Value"},
	{"generic dictionary", "$d = [System.Collections.Generic.Dictionary[string, int]]::new()"},
	{"array type", "[string[]]$names = @('a')"},
	{"index", "$users[0]"},
	{"negative index", "$users[-1]"},
	{"index range", "$users[0..2]"},
	{"hashtable index", "$h['key']"},
	{"indexed assignment", "$users[0] = 'x'\n$h['key'] = 1"},
	{"property assignment", "$o.Name = 'x'\n$o.Policy.Enabled = $true"},
	{"dynamic member", "$o.$prop; $o.'quoted name'; $o.\"$x\""},
	{"method on paren expression", "(Get-Date).AddDays(-1).ToString('o')"},
	{"where method", "$users.Where({ $_.Enabled })\n$users.ForEach({ $_.Name })"},

	// arrays and hashtables
	{"comma array", "$a = 1, 2, 3"},
	{"array subexpression", "$a = @()\n$b = @(Get-Date)\n$c = @(\n  'x'\n  'y'\n)"},
	{"nested arrays", "$a = @(@(1, 2), @(3))"},
	{"trailing comma continuation", "$domains = 'a.com',\n    'b.com',\n    'c.com'"},
	{"hashtable", "$h = @{ Name = 'x'; Count = 2 }"},
	{"hashtable multiline", "$h = @{\n    Name  = 'x'\n    Count = 2\n    'quoted key' = 3\n    1 = 'one'\n}"},
	{"ordered hashtable", "$h = [ordered]@{ a = 1; b = 2 }"},
	{"pscustomobject", "[pscustomobject]@{ Name = $u.DisplayName; Upn = $u.UserPrincipalName }"},
	{"list modifier add", "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add = 'a.com'}"},
	{"list modifier remove", "Set-CsTenantFederationConfiguration -BlockedDomains @{Remove = $d}"},
	{"list modifier replace", "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Replace = 'a.com', 'b.com'}"},
	{"hashtable with statement values", "$h = @{\n    a = if ($x) { 1 } else { 2 }\n    b = Get-Date\n}"},
	{"empty hashtable", "$h = @{}"},
	{"subexpression outside string", "$n = $($users.Count)"},

	// splatting
	{"splatting", "$params = @{ Identity = 'Global'; AllowIPVideo = $false }\nSet-CsTeamsMeetingPolicy @params"},
	{"splatting with named args", "Set-CsTeamsMeetingPolicy @params -Confirm:$false"},
	{"splat PSBoundParameters", "$p = $PSBoundParameters\n$null = $p.Remove('WhatIf')\nGrant-CsTeamsMeetingPolicy @p -PolicyName AllOn"},
	{"splat array", "$argList = 'a', 'b'\nWrite-Host @argList"},

	// script blocks, call operators, dot-sourcing
	{"scriptblock value", "$sb = { param($x) $x * 2 }"},
	{"invoke scriptblock", "& $sb 3\n& { 'inline' }"},
	{"call operator with string", "& 'C:\\Program Files\\tool.exe' -arg 1"},
	{"call operator with variable command", "& $cmd @args"},
	{"dot source", ". .\\helpers.ps1\n. $PSScriptRoot\\lib.ps1"},
	{"dot source scriptblock", ". { $x = 1 }"},
	{"scriptblock invoke method", "$sb.Invoke(1)\n$sb.InvokeReturnAsIs()"},

	// if / else / elseif
	{"if", "if ($x -eq 1) { 'one' }"},
	{"if else", "if ($x) { 'yes' } else { 'no' }"},
	{"if elseif else", "if ($x -eq 1) {\n    'one'\n}\nelseif ($x -eq 2) {\n    'two'\n}\nelse {\n    'many'\n}"},
	{"if else on separate lines", "if ($x)\n{\n    1\n}\nelse\n{\n    2\n}"},
	{"if with command condition", "if (Get-Module -ListAvailable -Name MicrosoftTeams) { Import-Module MicrosoftTeams }"},
	{"if with pipeline condition", "if ($users | Where-Object { $_.Enabled }) { 'some' }"},
	{"if with assignment condition", "if ($u = Get-CsOnlineUser ann) { $u }"},
	{"if as value", "$mode = if ($x) { 'on' } else { 'off' }"},
	{"if compare with false", "if ($policy.AllowAnonymousUsersToJoinMeeting -eq $false) { 'locked' }"},

	// loops
	{"foreach statement", "foreach ($u in $users) { $u.DisplayName }"},
	{"foreach with command", "foreach ($u in Get-CsOnlineUser) { $u }"},
	{"foreach as value", "$names = foreach ($u in $users) { $u.Name }"},
	{"for loop", "for ($i = 0; $i -lt 10; $i++) { $i }"},
	{"for loop empty parts", "for (;;) { break }"},
	{"while loop", "while ($i -lt 3) { $i++ }"},
	{"do while", "do { $i++ } while ($i -lt 3)"},
	{"do until", "do {\n    $i++\n} until ($i -ge 3)"},
	{"break continue", "foreach ($x in 1..5) { if ($x -eq 2) { continue }; if ($x -eq 4) { break } }"},
	{"labels", ":outer foreach ($a in 1..3) {\n    foreach ($b in 1..3) {\n        if ($b -eq 2) { continue outer }\n        if ($a -eq 3) { break outer }\n    }\n}"},
	{"labeled while", ":retry while ($true) { break retry }"},

	// switch
	{"switch", "switch ($x) {\n    1 { 'one' }\n    2 { 'two'; break }\n    default { 'other' }\n}"},
	{"switch regex", "switch -regex ($upn) {\n    '@contoso\\.com$' { 'internal' }\n    '^admin' { 'admin' }\n}"},
	{"switch wildcard", "switch -Wildcard ($name) {\n    'Tag*' { 1 }\n    '*Test' { 2 }\n}"},
	{"switch casesensitive exact", "switch -casesensitive -exact ($s) { 'A' { 1 } }"},
	{"switch scriptblock conditions", "switch ($n) {\n    { $_ -gt 10 } { 'big' }\n    { $_ -lt 0 } { 'negative' }\n    default { 'small' }\n}"},
	{"switch with xml in single quotes", "switch ($kind) {\n    'xml' { $x = '<policy name=\"a\"><allow/></policy>' }\n    'json' { $x = '{\"a\": 1}' }\n}"},
	{"switch on array", "switch (1, 2, 3) { 2 { 'two' } }"},
	{"switch file", "switch -file C:\\list.txt { 'x' { 1 } }"},
	{"switch as value", "$kind = switch ($x) { 1 { 'a' } default { 'b' } }"},
	{"switch bare word clauses", "switch ($policy) {\n    Global { 1 }\n    RestrictedAnonymous { 2 }\n}"},

	// try / catch / finally / trap / throw / exit
	{"try catch", "try { Get-Item nope -ErrorAction Stop } catch { Write-Warning $_.Exception.Message }"},
	{"try catch finally", "try {\n    1\n}\ncatch {\n    2\n}\nfinally {\n    3\n}"},
	{"try finally", "try { 1 } finally { 2 }"},
	{"typed catch", "try { 1 } catch [System.IO.IOException] { 'io' } catch [System.Management.Automation.ItemNotFoundException], [System.ArgumentException] { 'nf' } catch { 'other' }"},
	{"try as value", "$r = try { Get-Item x -ErrorAction Stop } catch { $null }"},
	{"trap", "trap { Write-Warning $_; continue }\ntrap [System.Exception] { break }"},
	{"throw", "throw 'bad thing'\nthrow\nthrow [System.ArgumentException]::new('x')"},
	{"exit", "exit\nexit 1\nexit $code"},
	{"return", "return\nreturn $x\nreturn ,$list"},

	// functions and parameters
	{"function simple", "function Get-Foo { 'foo' }"},
	{"function inline params", "function Add-Two($a, $b) { $a + $b }"},
	{"function inline typed params", "function Add([int]$a = 1, [int]$b = 2) { $a + $b }"},
	{"function param block", "function Grant-It {\n    param(\n        [Parameter(Mandatory)]\n        [string]$Identity,\n        [string]$PolicyName = 'Global'\n    )\n    Grant-CsTeamsMeetingPolicy -Identity $Identity -PolicyName $PolicyName\n}"},
	{"advanced function", "function Set-It {\n    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]\n    [OutputType([string])]\n    param(\n        [Parameter(Mandatory = $true, ValueFromPipeline = $true, Position = 0, HelpMessage = 'id')]\n        [ValidateNotNullOrEmpty()]\n        [Alias('Id')]\n        [string[]]$Identity,\n        [ValidateSet('AllOn', 'RestrictedAnonymous')]\n        [string]$Policy,\n        [ValidateRange(1, 10)][int]$Count = 1,\n        [ValidatePattern('^\\w+$')]$Name,\n        [switch]$Force\n    )\n    process { $Identity }\n}"},
	{"begin process end", "function Measure-It {\n    param([Parameter(ValueFromPipeline)]$InputObject)\n    begin { $n = 0 }\n    process { $n++ }\n    end { $n }\n}"},
	{"dynamicparam and clean blocks", "function f {\n    dynamicparam { $null }\n    begin {}\n    process {}\n    end {}\n    clean {}\n}"},
	{"filter", "filter Get-Even { if ($_ % 2 -eq 0) { $_ } }"},
	{"function with scope name", "function global:Get-X { 1 }\nfunction script:Get-Y { 2 }"},
	{"function called with parens style", "function f($a, $b) { $a }\nf(1, 2)"},
	{"script-level param", "[CmdletBinding()]\nparam(\n    [Parameter(Mandatory)][string]$TenantId,\n    [switch]$WhatIf\n)\nConnect-MicrosoftTeams -TenantId $TenantId"},
	{"script param after help", "<#\n.SYNOPSIS\nx\n#>\n[CmdletBinding()]\nParam (\n    $Path = \"$PSScriptRoot\\users.csv\"\n)\n$Path"},
	{"param with newline before paren", "param\n(\n    $a\n)\n$a"},
	{"attribute on variable", "[ValidateNotNullOrEmpty()][string]$name = 'x'"},
	{"scriptblock with param and named blocks", "$sb = {\n    param($x)\n    begin { }\n    process { $x }\n}"},

	// statements as values
	{"while as value", "$n = while ($false) { 1 }"},
	{"for as value", "$squares = for ($i = 0; $i -lt 3; $i++) { $i * $i }"},

	// classes, enums, using
	{"using namespace", "using namespace System.Collections.Generic\n$l = [List[string]]::new()"},
	{"using module", "using module MicrosoftTeams\nGet-Date"},
	{"class", "class Policy {\n    [string]$Name\n    [bool]$Enabled = $true\n    hidden [int]$Id\n    static [int]$Count = 0\n\n    Policy() { }\n    Policy([string]$name) { $this.Name = $name }\n\n    [string] ToString() { return $this.Name }\n    static [Policy] New([string]$n) { return [Policy]::new($n) }\n}"},
	{"class inheritance", "class Policy { [string]$Name }\nclass MeetingPolicy : Policy {\n    [void] Apply() { Write-Host $this.Name }\n}"},
	{"class with interface", "class Cmp : System.IComparable {\n    [int] CompareTo([object]$o) { return 0 }\n}"},
	{"enum", "enum Color { Red; Green = 5; Blue }"},
	{"enum multiline", "enum Mode {\n    Off\n    On = 1\n}"},
	{"flags enum", "[Flags()] enum Perm {\n    Read = 1\n    Write = 2\n}"},

	// DSC
	{"dsc configuration", "Configuration Teams {\n    param([string]$Node = 'localhost')\n    Import-DscResource -ModuleName PSDesiredStateConfiguration\n    Node $Node {\n        File Dir {\n            DestinationPath = 'C:\\Teams'\n            Type = 'Directory'\n            Ensure = 'Present'\n        }\n    }\n}"},

	// file-level encoding and line endings
	{"utf8 bom", "\ufeffGet-Date"},
	{"bom with param", "\ufeff[CmdletBinding()]\nparam($x)\n$x"},
	{"crlf", "$a = 1\r\nif ($a) {\r\n    'yes'\r\n}\r\nelse {\r\n    'no'\r\n}\r\n"},
	{"crlf here-string", "$s = @\"\r\nline\r\n\"@\r\n$s"},
	{"crlf backtick continuation", "Get-Date `\r\n    -Format o\r\n"},
	{"bom and crlf", "\ufeff# comment\r\nGet-Date\r\n"},
	{"tabs and blank lines", "\tGet-Date\n\n\n\t\t$x = 1\n"},
	{"semicolons", "$a = 1; $b = 2;; ; $c = 3;"},
	{"empty script", ""},
	{"only whitespace", "  \n\t\n"},

	// real-world admin snippets
	{"connect and import", "Import-Module MicrosoftTeams -ErrorAction Stop\nConnect-MicrosoftTeams -Credential (Get-Credential)"},
	{"legacy session", "$session = New-CsOnlineSession -Credential $cred\nImport-PSSession $session -AllowClobber | Out-Null"},
	{"csv grant", "Import-Csv .\\users.csv | ForEach-Object {\n    Grant-CsTeamsMeetingPolicy -Identity $_.UserPrincipalName -PolicyName $_.Policy -ErrorAction Continue\n}"},
	{"audit export", "Get-CsTeamsMeetingPolicy | Select-Object Identity, AllowAnonymousUsersToJoinMeeting |\n    Export-Csv -Path \"$env:TEMP\\policies.csv\" -NoTypeInformation"},
	{"read-host confirm", "$answer = Read-Host 'Continue? [Y] Yes [N] No'\nif ($answer -ne 'Y') { exit }"},
	{"write verbose warning error", "Write-Verbose \"Processing $upn\"\nWrite-Warning 'careful'\nWrite-Error -Message 'bad' -Category InvalidArgument"},
	{"new-object", "$cred = New-Object System.Management.Automation.PSCredential ($user, $pass)\n$list = New-Object -TypeName System.Collections.ArrayList"},
	{"get-date format", "$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'\nStart-Transcript -Path \"C:\\Logs\\run-$stamp.log\""},
	{"measure and sort", "($users | Measure-Object).Count\n$users | Sort-Object -Property DisplayName -Descending"},
	{"test-path get-content", "if (Test-Path $file) { $lines = Get-Content $file }\nSet-Content -Path $file -Value $lines"},
	{"error action on many", "Get-CsOnlineUser -Identity $u -ErrorAction SilentlyContinue -ErrorVariable err -WarningAction Ignore"},
}

// goldenScripts are dumped with dumpAST and compared with
// testdata/parse/<name>.golden (relative to the module root);
// UPDATE_GOLDEN=1 go test ./parser rewrites them.
var goldenScripts = []struct{ name, src string }{
	// operator precedence (Expr.Tree)
	{"prec_mul_over_add", "1 + 2 * 3"},
	{"prec_format_over_mul", `"{0}" -f 5 * 2`},
	{"prec_comma_over_add", "1,2 + 3"},
	{"prec_not_and", "-not $a -and $b"},
	{"prec_band_eq", "$a -band 4 -eq 4"},
	{"prec_and_or_left_assoc", "$a -or $b -and $c"},
	{"prec_range_add", "1..3 + 4"},
	{"prec_coalesce", "$a ?? $b + 1\n$a ?? $b -eq 1"},
	{"prec_ternary", "$n -gt 1 ? 'users' : 'user'"},
	{"prec_unary_minus", "1 - -2\n-$x * 3"},
	{"prec_split_join", "-split $s -join ','\n$s -split ',' -replace 'a', 'b'"},
	{"prec_comma_array_args", "$a = 1, 2, 3\n$b = 1, (2, 3)\n$c = ,1"},
	{"prec_mixed", "$a -eq 1 -or $b -eq 2\n2 * -3 + 1\n1,2 + 3,4\n$a -contains 1, 2\n!$a -and $b\n$a -is [string] -and $b\n$x -replace 'a','b' -replace 'c','d'"},
	{"cast_and_type", "[int]$x + 1\n[void]$list.Add(1)\n[int[]]$a = 1, 2"},
	{"assignments", "$x += 1\n$a, $b = 1, 2\n$h['k'].Name = $null\n$cfg ??= @{}"},

	// commands
	{"cmd_parameters", "Set-CsTeamsMeetingPolicy -Identity Global -AllowIPVideo $false -Confirm:$false"},
	{"cmd_param_colon", "Get-ChildItem -Recurse:$false -Path:C:\\Temp -Depth:(1 + 1)"},
	{"cmd_compound_args", "Show-Args pre'fix'$x $Dir'sub\\file.exe' \"Path: \"$file 'a'b $(1 + 1)px $x-suffix ${x}:tail"},
	{"cmd_bareword_list", "Select-Object DisplayName,\n    UserPrincipalName, Department"},
	{"cmd_splat", "Set-CsTeamsMeetingPolicy @params -Identity Global"},
	{"cmd_typographic", "Get-CsOnlineUser –Identity “ann@x.test” —Verbose"},
	{"cmd_prose", "Write-Host Continue? [Y] Yes [N] No"},
	{"cmd_variable_without_dollar", "count = 5"},
	{"cmd_redirections", "\"done\" >> C:\\Temp\\log.txt\nGet-Item x 2>&1 > out.txt"},
	{"cmd_call_and_dot", "& $sb 1 2\n& 'C:\\tool.exe' -x\n. .\\lib.ps1"},
	{"pipeline", "Get-CsOnlineUser | Where-Object { $_.Enabled -eq $true } | Select-Object DisplayName, UserPrincipalName"},
	{"pipeline_chain", "Get-Item x && Write-Host ok || exit 1"},
	{"list_modifier_hash", "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add = 'a.com', 'b.com'}"},

	// strings
	{"string_expansion", "\"User ${name}: $($u.DisplayName) at $env:COMPUTERNAME `$literal\""},
	{"string_here", "$s = @\"\nHello $name\n\"@\n$t = @'\nraw $x\n'@"},
	{"string_escaped_subexpr", "\"$(Get-Date -Format `\"yyyyMMdd`\")\""},

	// members
	{"member_chain", "$users[0].Policy.ToString().Length\n[System.Collections.Generic.List[string]]::new()\n$o.$p; $o.'a b'"},

	// statements
	{"stmt_if", "if ($x -eq 1) { 'one' } elseif ($x -eq 2) { 'two' } else { 'many' }"},
	{"stmt_value", "$mode = if ($x) { 'on' } else { 'off' }\n$n = foreach ($u in $users) { $u }\n$r = try { 1 } catch { 2 }"},
	{"stmt_loops", ":outer foreach ($a in 1..3) { continue outer }\nfor ($i = 0; $i -lt 3; $i++) { }\nwhile ($true) { break }\ndo { $i-- } until ($i -le 0)"},
	{"stmt_switch", "switch -regex ($upn) {\n    '@contoso\\.com$' { 'internal' }\n    { $_ -like 'admin*' } { 'admin' }\n    default { 'other' }\n}"},
	{"stmt_try", "try { Get-Item x -ErrorAction Stop }\ncatch [System.IO.IOException], [System.ArgumentException] { $_ }\ncatch { throw }\nfinally { exit 1 }"},
	{"stmt_trap_return", "trap [System.Exception] { continue }\nreturn ,$list"},

	// declarations
	{"func_params", "function Grant-It {\n    [CmdletBinding(SupportsShouldProcess)]\n    param(\n        [Parameter(Mandatory = $true, Position = 0)]\n        [ValidateSet('A', 'B')]\n        [string]$Policy = 'A',\n        [switch]$Force\n    )\n    process { $Policy }\n}"},
	{"func_inline_params", "function Add-Two([int]$a, $b = 2) { $a + $b }\nfilter Even { $_ }"},
	{"script_param_help", "<#\n.SYNOPSIS\nx\n#>\n[CmdletBinding()]\nparam([string]$TenantId)\nbegin { $n = 0 }\nprocess { $n++ }\nend { $n }"},
	{"class_enum_using", "using namespace System.Text\nclass P : Base {\n    [string]$Name = 'x'\n    static [int]$N\n    P([string]$n) { $this.Name = $n }\n    [string] Get() { return $this.Name }\n}\nenum Color { Red; Green = 5 }"},
	{"dsc_configuration", "Configuration C {\n    Node 'localhost' {\n        File Dir {\n            DestinationPath = 'C:\\x'\n            Ensure = 'Present'\n        }\n    }\n}"},
	// a Microsoft365DSC resource: an instance name in quotes, properties
	// ending with ';', a CIM instance nested in an array (Parser.cs
	// DynamicKeywordStatementRule reads a resource's body as a hash
	// literal: HashExpressionRule(lCurly, parsingSchemaElement: true))
	{"dsc_m365_resource", "Configuration M365TenantConfig\r\n{\r\n    Node localhost\r\n    {\r\n        TeamsMeetingPolicy \"TeamsMeetingPolicy-Tag:AllOn\"\r\n        {\r\n            Identity = \"Tag:AllOn\";\r\n            Users    = @(\"a@$OrganizationName\");\r\n            Rules    = @(\r\n                MSFT_Rule{\r\n                    A = 1\r\n                }\r\n            )\r\n        }\r\n    }\r\n}\r\n"},
	{"bom_crlf", "\ufeff$a = 1\r\nGet-Date `\r\n    -Format o\r\n"},

	// a type name may name its assembly after a comma (Parser.cs TypeNameRule:
	// "type-name: namespace-type-name ',' assembly-name-spec"; Language/Parser/
	// Parsing.Tests.ps1 resolves [System.Collections.Generic.List[string],
	// System.Private.CoreLib])
	{"type_assembly_qualified", "[System.Int32, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]'42'\n" +
		"[System.Collections.Generic.List[string], System.Private.CoreLib]::new()\n" +
		"[System.Collections.Generic.List[[System.Int32, mscorlib]]]"},
	// class members: the body of a method or constructor on the next line, a
	// constructor chaining to : base(...) across newlines, attributes and the
	// type of a property on lines of their own (Language/Classes/
	// scripting.Classes.inheritance.tests.ps1 "inheritance syntax allows
	// newlines in various places", Scripting.Classes.BasicParsing.Tests.ps1
	// "Positive ParseProperty Attributes Test", MSFT_778492.psm1)
	{"class_members_multiline", "class A { A($a, $b) {} A() {} }\nclass B : A\n{\n    [ValidateNotNull()]\n    [int]\n    hidden\n    $x\n" +
		"    [string] F()\n    {\n        return 'f'\n    }\n" +
		"    B([int]$a)\n    :\n    base($a * 2, 'two')\n    {\n    }\n    B() : base() {}\n}"},
	// enum Name : underlying-type (Language/Classes/scripting.enums.tests.ps1)
	{"enum_underlying_type", "enum EX1 : byte { A; B }\nenum EX5:int { A }"},
	// dynamic member names: $o.$name, $o.$($expr), $o.(expr), $o."a$b", and
	// a script block's text, also as assignment targets and method names
	// (Language/Scripting/PSSerializer.Tests.ps1 $Breakpoint.$($property.Name);
	// Classes/scripting.Classes.inheritance.tests.ps1 $o.{.ctor}())
	{"member_dynamic", "$o.$name = 1\n$o.$($p.Name)\n$o.$($n)(1)\n$o.\"a$b\"\n$o.{.ctor}()"},
	// .M{ } calls M with the script block as its argument (Parser.cs
	// MemberInvokeRule: "$x.methodName{2+2} as though it had been written
	// $x.methodName({2+2})"; Language/Scripting/Requires.Tests.ps1 .ForEach{ },
	// Classes/Scripting.Classes.BasicParsing.Tests.ps1 .Where{ })
	{"member_script_block_argument", "$a.ForEach{ $_ * 2 }.Count\n$a.Where{ $_ }[0]"},
	// generic method calls .M[T]() and ::M[T1, T2]() (Language/Parser/
	// MethodInvocation.Tests.ps1 [Array]::Empty[string](), $d.AddOrUpdate[float]())
	{"member_generic_method", "[Array]::Empty[string]()\n$d.AddOrUpdate[float]($k, 1)\n$x.M[System.Collections.Generic.List[int], string]{ 1 }"},
	// outside command arguments white space and newlines may follow the
	// member operator (Parser.cs CheckPostPrimaryExpressionOperators: "allow
	// newlines after the member access operator"; tokenizer.cs
	// GetMemberAccessOperator ends member access at white space only in
	// command mode; Language/Interop/DotNet/DotNetInterop.Tests.ps1 ends a
	// line with ').')
	{"member_space_after_dot", "$x. Count\n$ps.AddCommand('a').\n    AddParameter('b', 1). # next\n    Invoke()\n[int]:: MaxValue"},
	// a member name may start with a digit (Modules/Microsoft.PowerShell.Utility/
	// Add-Member.Tests.ps1 "$results.23" after Add-Member ... 23 Any)
	{"member_digit_name", "$results.23\n$x.1.Length"},
	// redirections of an expression: a stream merge after a parenthesised
	// pipeline, and '>' after 1..3 where '3>' is not a redirection
	// (Language/Scripting/OutErrorVariable.Tests.ps1 "(a | b) 2>&1 > $null";
	// Parser/RedirectionOperator.Tests.ps1 "1..3>variable:a")
	{"redirect_expression", "(a | b) 2>&1 > $null\n(a) > out.txt\n$x 2>&1\n1..3>variable:a"},
	// '*>' after an expression redirects all its streams: the tokenizer
	// reads '*>' as a redirection before it reads '*' as multiplication
	// (tokenizer.cs, case '*'); 2 * 3 and $a *= 3 stay operators
	{"redirect_expression_all_streams", "(a) *>&1\n'x' *> $null\n$x *>> log.txt\n2 * 3\n$a *= 3"},
	// a statement may follow the block of another on the same line
	// (Language/Scripting/TryCatch.Tests.ps1 "trap { ... } try { ... } catch { ... }")
	{"statement_after_block", "trap { 'trapped' } try { 1 } catch { 2 }\nif ($x) { 1 } Write-Host 2"},
	// `u{hex} escapes in names (Language/Parser/Parser.Tests.ps1 "a Unicode
	// escape sequence can be used in a command name / in a variable name")
	{"unicode_escape_names", "function xyzzy`u{2195}($p) { $p }\nxyzzy`u{2195} 42\n${fooxyzzy`u{2195}} = 42\nWrite-Output `u{a9}` Acme"},
	// a here-string whose lines end in a lone CR (Language/Scripting/
	// LineEndings.Tests.ps1 "CR in double quotes here string")
	{"here_string_bare_cr", "@\"\rThis\ris $a\r\"@\n@'\rx\ry\r'@"},
	// a label on a line of its own before its loop (Language/Classes/
	// Scripting.Classes.Break.Tests.ps1 ":label1" then "foreach")
	{"label_own_line", ":outer\nforeach ($i in 1..3) { continue outer }"},
}

// ---- AST dumper (test only) ----

// dumpAST prints n one node per line: the field label, the node's type and
// its position (line:col), then its non-empty fields indented below it.
// Expressions are printed as their folded Tree.
func dumpAST(n any) string {
	var b strings.Builder
	d := &dumper{b: &b}
	d.value("", reflect.ValueOf(n), 0)
	return b.String()
}

type dumper struct{ b *strings.Builder }

var (
	posType    = reflect.TypeOf(Pos{})
	numberType = reflect.TypeOf(Number{})
	exprType   = reflect.TypeOf(Expr{})
	scriptType = reflect.TypeOf(Script{})
)

func (d *dumper) line(depth int, s string) {
	d.b.WriteString(strings.Repeat("  ", depth))
	d.b.WriteString(s)
	d.b.WriteByte('\n')
}

func label(name string) string {
	if name == "" {
		return ""
	}
	return name + ": "
}

// empty reports whether v holds nothing worth printing.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

func numberString(n Number) string {
	kinds := map[NumKind]string{Int32: "Int32", Int64: "Int64", Double: "Double", Decimal: "Decimal"}
	k, ok := kinds[n.Kind]
	if !ok {
		k = fmt.Sprintf("NumKind(%d)", n.Kind)
	}
	switch n.Kind {
	case Int32, Int64:
		return fmt.Sprintf("%s %d", k, n.Int)
	}
	return fmt.Sprintf("%s %s", k, strconv.FormatFloat(n.Float, 'g', -1, 64))
}

func (d *dumper) value(name string, v reflect.Value, depth int) {
	for v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Elem().Kind() != reflect.Struct {
			d.value(name, v.Elem(), depth)
			return
		}
		d.node(name, v.Elem(), depth)
	case reflect.Struct:
		if v.Type() == numberType {
			d.line(depth, label(name)+numberString(v.Interface().(Number)))
			return
		}
		if v.Type() == posType {
			return
		}
		d.node(name, v, depth)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			parts := make([]string, v.Len())
			for i := range parts {
				parts[i] = strconv.Quote(v.Index(i).String())
			}
			d.line(depth, label(name)+"["+strings.Join(parts, " ")+"]")
			return
		}
		for i := 0; i < v.Len(); i++ {
			d.value(fmt.Sprintf("%s[%d]", name, i), v.Index(i), depth)
		}
	case reflect.String:
		d.line(depth, label(name)+strconv.Quote(v.String()))
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		d.line(depth, label(name)+fmt.Sprint(v.Interface()))
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			d.value(fmt.Sprintf("%s[%v]", name, k), v.MapIndex(k), depth)
		}
	default:
		d.line(depth, label(name)+fmt.Sprintf("<%s>", v.Kind()))
	}
}

// node prints a struct: its header line, then its exported, non-empty
// fields except positions.
func (d *dumper) node(name string, v reflect.Value, depth int) {
	t := v.Type()
	head := label(name) + t.Name()
	if f := v.FieldByName("Pos"); f.IsValid() && f.Type() == posType {
		p := f.Interface().(Pos)
		head += fmt.Sprintf(" %d:%d", p.Line, p.Column)
	}
	d.line(depth, head)
	if t == exprType {
		if tree := v.FieldByName("Tree"); !empty(tree) {
			d.value("Tree", tree, depth+1)
			return
		}
		// not folded: print the flat form
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Type == posType || isOffsetField(sf) {
			continue
		}
		if t == scriptType && (sf.Name == "Source" || sf.Name == "File") {
			continue
		}
		if t == exprType && sf.Name == "Tree" {
			continue
		}
		fv := v.Field(i)
		if empty(fv) {
			continue
		}
		d.value(sf.Name, fv, depth+1)
	}
}

// isOffsetField reports the fields that hold byte offsets (End, NameAt,
// TypeSpans, ...) and the script block's Source those offsets index: like
// positions, the dump leaves them out.
func isOffsetField(sf reflect.StructField) bool {
	switch sf.Type.Kind() {
	case reflect.String:
		return sf.Name == "Source"
	}
	switch sf.Type.Kind() {
	case reflect.Int:
		return sf.Name == "End" || sf.Name == "Open" || strings.HasSuffix(sf.Name, "At") || strings.HasSuffix(sf.Name, "End")
	case reflect.Slice:
		return strings.HasSuffix(sf.Name, "Spans") || strings.HasSuffix(sf.Name, "At")
	}
	return false
}

// ---- tests ----

func TestParseValid(t *testing.T) {
	if len(validScripts) < 150 {
		t.Fatalf("only %d valid snippets", len(validScripts))
	}
	seen := map[string]bool{}
	for _, c := range validScripts {
		if seen[c.name] {
			t.Errorf("duplicate snippet name %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			s, err, ok := mustParseGuarded(t, c.src)
			if !ok {
				return
			}
			if err != nil {
				t.Errorf("Parse(%q):\n%v", c.src, err)
				return
			}
			if s == nil || s.Body == nil {
				t.Errorf("Parse(%q) returned no script body", c.src)
			}
		})
	}
}

// goldenDir is where the golden dumps live, relative to this package.
var goldenDir = filepath.Join("..", "testdata", "parse")

func goldenText(src, dump string) string {
	var b strings.Builder
	b.WriteString("-- src --\n")
	if strings.ContainsAny(src, "\r\ufeff") {
		// keep the file free of CRLF and BOM bytes
		b.WriteString(strconv.Quote(src) + "\n")
	} else {
		b.WriteString(src)
		if !strings.HasSuffix(src, "\n") {
			b.WriteString("\n")
		}
	}
	b.WriteString("-- ast --\n")
	b.WriteString(dump)
	return b.String()
}

func TestParseGolden(t *testing.T) {
	update := os.Getenv("UPDATE_GOLDEN") != ""
	seen := map[string]bool{}
	for _, c := range goldenScripts {
		if seen[c.name] {
			t.Errorf("duplicate golden name %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			s, err, ok := mustParseGuarded(t, c.src)
			if !ok {
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q):\n%v", c.src, err)
			}
			got := goldenText(c.src, dumpAST(s))
			path := filepath.Join(goldenDir, c.name+".golden")
			if update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run UPDATE_GOLDEN=1 go test ./parser)", err)
			}
			if got != string(want) {
				t.Errorf("AST of %q differs from %s:\n%s", c.src, path, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first differing lines of want and got.
func lineDiff(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(no difference)"
}

// TestDumpSkipsPositions checks the dumper's contract on a small tree.
func TestDumpSkipsPositions(t *testing.T) {
	s, err := Parse("", "$a")
	if err != nil {
		t.Fatal(err)
	}
	got := dumpAST(s)
	for _, bad := range []string{"EndPos", "Offset", "Source", "Filename"} {
		if strings.Contains(got, bad) {
			t.Errorf("dump mentions %s:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, "VarExpr 1:1") || !strings.Contains(got, `Name: "a"`) {
		t.Errorf("dump lacks the variable:\n%s", got)
	}
}
