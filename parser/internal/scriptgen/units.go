package scriptgen

import (
	"fmt"
	"strings"
)

// bt is the PowerShell backtick (escape and line continuation).
const bt = "`"

// allTemplates lists the unit templates with their weights. Weights follow
// the per-file feature counts of the reference document, scaled so that a
// long script resembles many real ones laid end to end.
func allTemplates() []template {
	return []template{
		{"requires", 0, (*gen).requires},
		{"help", 0, func(g *gen) { g.helpBlock() }},
		{"scriptParam", 0, (*gen).scriptParam},
		{"connect", 4, (*gen).connect},
		{"legacySession", 2, (*gen).legacySession},
		{"csvGrant", 10, (*gen).csvGrant},
		{"filterPipeline", 8, (*gen).filterPipeline},
		{"setMeetingPolicy", 7, (*gen).setMeetingPolicy},
		{"meetingConfig", 3, (*gen).meetingConfig},
		{"federation", 6, (*gen).federation},
		{"splat", 5, (*gen).splat},
		{"policyAudit", 10, (*gen).policyAudit},
		{"switch", 4, (*gen).switchUnit},
		{"reportExport", 6, (*gen).reportExport},
		{"selectReport", 7, (*gen).selectReport},
		{"function", 9, (*gen).function},
		{"logFunction", 2, (*gen).logFunction},
		{"hereString", 1, (*gen).hereString},
		{"scriptBlockCreate", 1, (*gen).scriptBlockCreate},
		{"genericList", 4, (*gen).genericList},
		{"doWhile", 2, (*gen).doWhile},
		{"forLoop", 2, (*gen).forLoop},
		{"whileLoop", 1, (*gen).whileLoop},
		{"region", 3, (*gen).region},
		{"setup", 3, (*gen).setup},
		{"confirm", 3, (*gen).confirm},
		{"newPolicy", 3, (*gen).newPolicy},
		{"sfbServer", 3, (*gen).sfbServer},
		{"voice", 4, (*gen).voice},
		{"valueStatements", 2, (*gen).valueStatements},
		{"misc", 2, (*gen).misc},
		{"summary", 3, (*gen).summary},
	}
}

var loopVars = [][2]string{
	{"$users", "$u"}, {"$users", "$u"}, {"$users", "$user"}, {"$userList", "$entry"}, {"$csv", "$row"},
	{"$accounts", "$account"}, {"$members", "$m"}, {"$targets", "$t"}, {"$rows", "$r"}, {"$allUsers", "$usr"},
}

func (g *gen) loopPair() (string, string) {
	p := loopVars[g.intn(len(loopVars))]
	return p[0], p[1]
}

// ---- header ----

func (g *gen) header() {
	if g.chance(35) {
		g.l(g.pick("#Requires -Version 5.1", "#Requires -Version 7.0", "#Requires -PSEdition Core"))
	}
	if g.chance(45) {
		g.requires()
	}
	if g.chance(65) {
		g.helpBlock()
	}
	if g.chance(65) {
		g.scriptParam()
	}
	if g.chance(40) {
		g.nl()
		g.l("$ErrorActionPreference = " + g.pick("'Stop'", "'Stop'", "\"Stop\"", "'Continue'"))
	}
}

func (g *gen) requires() {
	g.l(g.pick(
		"#Requires -Modules MicrosoftTeams",
		"#Requires -Modules MicrosoftTeams",
		"#Requires -Modules @{ ModuleName = 'MicrosoftTeams'; ModuleVersion = '5.0.0' }",
		"#requires -Modules MicrosoftTeams, ImportExcel",
		"#Requires -RunAsAdministrator",
	))
}

func (g *gen) helpBlock() {
	g.l("<#")
	g.l(".SYNOPSIS")
	syn := g.pick(synopses...)
	g.l("    " + syn)
	if g.chance(70) {
		g.l(".DESCRIPTION")
		g.l("    " + g.pick(synopses...))
		if g.chance(50) {
			g.l("    Run it from a machine with the MicrosoftTeams module installed. Tested on PowerShell 7.4.")
		}
	}
	for _, p := range g.pickN([]string{"TenantId", "PolicyName", "CsvPath", "WhatIf", "OutputPath"}, g.rng(0, 3)) {
		g.l(".PARAMETER " + p)
		g.l("    " + paramHelp[p])
	}
	if g.chance(75) {
		g.l(".EXAMPLE")
		g.lf("    PS C:\\> .\\%s-%s.ps1 -TenantId %s -PolicyName '%s'", g.pick(verbs...), g.pick(nouns...), "00000000-0000-0000-0000-000000000000", g.policy())
	}
	if g.chance(60) {
		g.l(".NOTES")
		g.l("    Author:  " + g.pick(authors...))
		g.lf("    Version: 1.%d", g.rng(0, 9))
		g.lf("    Date:    20%02d-%02d-%02d", g.rng(18, 25), g.rng(1, 12), g.rng(1, 28))
	}
	g.l("#>")
}

var paramHelp = map[string]string{
	"TenantId":   "The tenant to connect to.",
	"PolicyName": "Name of the meeting policy, e.g. Tag:Sales.",
	"CsvPath":    "Path to the input CSV (column UserPrincipalName).",
	"WhatIf":     "Only show what would change.",
	"OutputPath": "Where the report is written.",
}

func (g *gen) scriptParam() {
	cb := g.pick("[CmdletBinding()]", "[CmdletBinding()]", "[CmdletBinding(SupportsShouldProcess = $true)]", "[CmdletBinding(SupportsShouldProcess)]")
	ssp := strings.Contains(cb, "Supports")
	if g.chance(90) {
		g.l(cb)
	}
	var params [][]string
	if g.chance(80) {
		params = append(params, []string{g.pick("[Parameter(Mandatory = $true)]", "[Parameter(Mandatory)]", "[Parameter(Mandatory = $true, HelpMessage = 'Azure AD tenant ID')]"), "[string]$TenantId"})
	}
	vs := g.pickN(meetingPolicies, g.rng(2, 5))
	for i := range vs {
		vs[i] = sq(vs[i])
	}
	pool := [][]string{
		{g.pick("[Parameter(Mandatory = $false)]", "[Parameter()]"), "[ValidateSet(" + strings.Join(vs, ", ") + ")]", "[string]$PolicyName = " + vs[0]},
		{"[Parameter()]", "[ValidateScript({ Test-Path -Path $_ -PathType Leaf })]", "[string]$CsvPath = '.\\users.csv'"},
		{"[ValidateRange(1, 10)]", "[int]$RetryCount = 3"},
		{"[int]$DelaySeconds = 2"},
		{"[string[]]$Domains = @('" + g.domain() + "', '" + g.domain() + "')"},
		{"[Parameter(ValueFromPipelineByPropertyName = $true)]", "[Alias('UPN')]", "[ValidateNotNullOrEmpty()]", "[string]$UserPrincipalName"},
		{"[string]$OutputPath = \"$PSScriptRoot\\TeamsReport.csv\""},
		{"[System.Management.Automation.PSCredential]$Credential"},
		{"[string]$LogFile = \"$env:TEMP\\TeamsPolicy.log\""},
	}
	for _, i := range g.r.Perm(len(pool))[:g.rng(1, 4)] {
		params = append(params, pool[i])
	}
	if g.chance(70) {
		if ssp {
			params = append(params, []string{"[switch]$Force"})
		} else {
			params = append(params, []string{"[switch]$WhatIf"})
		}
	}
	g.l("param(")
	g.ind++
	for i, p := range params {
		last := p[len(p)-1]
		if i < len(params)-1 {
			last += ","
		}
		if len(p) > 1 && g.chance(15) {
			g.l(strings.Join(p[:len(p)-1], "") + last)
		} else {
			for _, a := range p[:len(p)-1] {
				g.l(a)
			}
			g.l(last)
		}
		if i < len(params)-1 && g.chance(50) {
			g.nl()
		}
	}
	g.ind--
	g.l(")")
}

// ---- connecting ----

func (g *gen) connect() {
	g.comment(50, "Connect to Microsoft Teams", "Make sure the module is available", "Connect")
	if g.chance(50) {
		g.open("if (-not (Get-Module -ListAvailable -Name MicrosoftTeams))")
		g.l("Write-Host 'Installing MicrosoftTeams module...' -ForegroundColor Yellow")
		g.l("Install-Module -Name MicrosoftTeams -Scope CurrentUser -Force -AllowClobber")
		g.close()
	}
	g.l(g.pick("Import-Module MicrosoftTeams", "Import-Module MicrosoftTeams -ErrorAction Stop", "Import-Module -Name MicrosoftTeams"))
	var conn string
	switch g.intn(5) {
	case 0:
		conn = "Connect-MicrosoftTeams"
	case 1:
		g.l("$cred = Get-Credential -Message 'Teams administrator'")
		conn = "Connect-MicrosoftTeams -Credential $cred"
	case 2:
		conn = "Connect-MicrosoftTeams -CertificateThumbprint $Thumbprint -ApplicationId $AppId -TenantId $TenantId"
	default:
		conn = "Connect-MicrosoftTeams -TenantId $TenantId"
	}
	if g.chance(60) {
		g.open("try")
		g.l(conn + " -ErrorAction Stop | Out-Null")
		g.l(`Write-Host "Connected to tenant $TenantId" -ForegroundColor Green`)
		g.mid("catch")
		g.l(g.pick(`Write-Error "Failed to connect: $($_.Exception.Message)"`, "Write-Error $_.Exception.Message"))
		g.l("exit 1")
		g.close()
	} else {
		g.l(g.pick("", "$null = ", "$session = ") + conn)
	}
}

func (g *gen) legacySession() {
	g.comment(60, "Skype for Business Online (legacy connector)", "NOTE: New-CsOnlineSession is retired, use Connect-MicrosoftTeams")
	g.l("Import-Module " + g.pick("SkypeOnlineConnector", "MicrosoftTeams"))
	g.l("$cred = Get-Credential")
	g.lf("$session = New-CsOnlineSession -Credential $cred -OverrideAdminDomain %s", sq("contoso.onmicrosoft.com"))
	g.l(g.pick("Import-PSSession $session -AllowClobber | Out-Null", "Import-PSSession -Session $session -AllowClobber", "$null = Import-PSSession $session"))
	if g.chance(40) {
		g.l("Get-CsOnlineUser -Identity " + g.upn() + " | Select-Object SipAddress, TeamsUpgradeEffectiveMode")
		g.l("Remove-PSSession $session")
	}
}

// ---- user loops ----

func (g *gen) csvGrant() {
	coll, it := g.loopPair()
	g.comment(50, "Load users", "Grant the meeting policy to every user in the CSV", "Process the CSV")
	path := g.pick(csvPaths...)
	switch g.intn(5) {
	case 0:
		g.lf("%s = Import-Csv -Path %s -Delimiter ';'", coll, path)
	case 1:
		g.lf("%s = Import-Csv %s", coll, path)
	default:
		g.lf("%s = Import-Csv -Path %s", coll, path)
	}
	if g.chance(25) {
		g.open("if (" + coll + ".Count -eq 0)")
		g.l("Write-Warning 'No users found in the CSV'")
		g.l(g.pick("exit 1", "return"))
		g.close()
	}
	c := itemCtx(it, false)
	c.inLoop, c.canExit = true, true
	if g.chance(30) {
		c.res = "$results"
		g.l("$results = @()")
	}
	counter := g.chance(60)
	if counter {
		g.l("$i = 0")
	}
	g.open(fmt.Sprintf("foreach (%s in %s)", it, coll))
	if counter {
		g.l(g.pick("$i++", "$i += 1"))
		if g.chance(70) {
			g.lf(`Write-Host "Processing $(%s.%s) ($i of $(%s.Count))" -ForegroundColor %s`, it, g.pick("UserPrincipalName", "DisplayName"), coll, g.color())
		} else {
			g.lf("Write-Progress -Activity 'Assigning policies' -Status %s.UserPrincipalName -PercentComplete ($i / %s.Count * 100)", it, coll)
		}
	}
	if g.chance(60) {
		g.open("try")
		gc := grantCmds[g.intn(4)]
		pol := g.pick("$PolicyName", "$PolicyName", it+".PolicyName", g.arg(g.pick(gc.policies...)))
		g.lf("%s -Identity %s.UserPrincipalName -PolicyName %s -ErrorAction Stop", gc.name, it, pol)
		g.l(g.pick("$script:count++", "$script:count++", "$success++"))
		if c.res != "" && g.chance(60) {
			g.resultAdd(c, "'OK'")
		}
		g.mid("catch")
		g.catchBody(c)
		g.close()
	} else {
		g.body(c, g.depth())
	}
	g.close()
	if c.res != "" && g.chance(70) {
		g.l("$results | Export-Csv -Path .\\results.csv -NoTypeInformation")
	}
}

func (g *gen) filterPipeline() {
	g.comment(40, "Only process enabled accounts", "Assign by department")
	d := g.dept()
	filter := g.pick(
		"{Department -eq '"+d+"'}", "{Department -eq '"+d+"'}", `"Department -eq '`+d+`'"`,
		"{UsageLocation -eq 'US'}", "{TeamsMeetingPolicy -eq $null}", `"City -like 'Seattle*'"`,
		"{AccountEnabled -eq $true -and Department -eq '"+d+"'}",
	)
	head := "Get-CsOnlineUser -Filter " + filter + g.pick("", "", " -ResultSize Unlimited")
	where := g.pick(
		"Where-Object { $_.AccountEnabled }", "Where-Object { $_.AccountEnabled }",
		"Where-Object { $_.TeamsMeetingPolicy -ne '"+g.policy()+"' }",
		"? { $_.UserPrincipalName -notlike 'admin*' }", "Where-Object AccountEnabled -eq $true",
		"Where-Object -FilterScript { $_.InterpretedUserType -notmatch 'Guest' }",
	)
	if g.chance(20) {
		gc := grantCmds[g.intn(len(grantCmds))]
		g.lf("%s | %s | %s -PolicyName %s", head, where, gc.name, g.arg(g.pick(gc.policies...)))
		return
	}
	fe := g.pick("ForEach-Object", "ForEach-Object", "ForEach-Object", "%", "foreach")
	c := itemCtx("$_", true)
	if g.chance(10) {
		c = itemCtx("$PSItem", true)
	}
	switch g.intn(4) {
	case 0:
		g.l(head + " |")
		g.ind++
		g.l(where + " |")
		g.openSL(fe)
		g.body(c, g.depth())
		g.close()
		g.ind--
	case 1:
		g.l(head + " " + bt)
		g.ind++
		g.l("| " + where + " " + bt)
		g.openSL("| " + fe)
		g.body(c, g.depth())
		g.close()
		g.ind--
	default:
		v := g.pick("", "", "$updated = ")
		g.openSL(v + head + " | " + where + " | " + fe)
		g.body(c, g.depth())
		g.close()
	}
}

// ---- policy configuration ----

// exprVal turns an argument-mode value into an expression-mode one: bare
// words (enum names) need quotes outside a command's argument list.
func exprVal(v string) string {
	if v == "" || strings.ContainsRune("$'\"0123456789", rune(v[0])) {
		return v
	}
	return sq(v)
}

// propArgs renders "-Name value" pairs.
func (g *gen) propArgs(ps []prop) []string {
	var out []string
	for _, p := range ps {
		v := g.pick(p.vals...)
		if (v == "$true" || v == "$false") && g.chance(12) {
			out = append(out, "-"+p.name+":"+v)
		} else {
			out = append(out, g.param(p.name)+" "+v)
		}
	}
	return out
}

// cmdWithArgs writes a command on one line or continued with backticks.
func (g *gen) cmdWithArgs(head string, args []string) {
	if len(args) < 3 || g.chance(55) {
		g.l(strings.TrimSpace(head + " " + strings.Join(args, " ")))
		return
	}
	g.l(head + " " + bt)
	g.ind++
	for i, a := range args {
		if i < len(args)-1 {
			g.l(a + " " + bt)
		} else {
			g.l(a)
		}
	}
	g.ind--
}

func (g *gen) setMeetingPolicy() {
	g.comment(50, "Lock down the Global policy", "Meeting policy settings", "Block anonymous join")
	id := g.policy()
	args := g.propArgs(g.pickProps(meetingProps, g.rng(1, 6)))
	if g.chance(15) {
		id = "Global"
		args = []string{"-AllowAnonymousUsersToJoinMeeting $false", "-AutoAdmittedUsers EveryoneInCompany"}
	}
	cmd := g.pick("Set-CsTeamsMeetingPolicy", "Set-CsTeamsMeetingPolicy", "Set-CsTeamsMeetingPolicy", "set-csteamsmeetingpolicy", "New-CsTeamsMeetingPolicy")
	if g.chance(10) {
		g.lf("Get-CsTeamsMeetingPolicy -Identity %s | Set-CsTeamsMeetingPolicy %s", g.arg(id), strings.Join(args, " "))
		return
	}
	if g.chance(15) {
		args = append(args, g.pick("-ErrorAction Stop", "-Verbose", "-WhatIf:$WhatIf", "-Confirm:$false"))
	}
	if strings.HasPrefix(cmd, "New-") {
		id = g.pick("Sales Meetings", "NoRecording", "ExternalPresenters", "Executive-Policy", "Frontline")
	}
	head := cmd + " " + g.param("Identity") + " " + g.arg(id)
	if g.chance(20) {
		g.open(fmt.Sprintf("if ($PSCmdlet.ShouldProcess(%s, 'Update meeting policy'))", sq(id)))
		g.cmdWithArgs(head, args)
		g.close()
	} else {
		g.cmdWithArgs(head, args)
	}
	if g.chance(30) {
		g.lf("Get-CsTeamsMeetingPolicy -Identity %s | Select-Object Identity, AllowAnonymousUsersToJoinMeeting, AutoAdmittedUsers", g.arg(id))
	}
}

func (g *gen) meetingConfig() {
	g.comment(40, "Tenant-wide meeting settings")
	args := g.propArgs(g.pickProps(meetingConfigProps, g.rng(1, 4)))
	if !strings.Contains(strings.Join(args, " "), "DisableAnonymousJoin") && g.chance(50) {
		args = append([]string{"-DisableAnonymousJoin $true"}, args...)
	}
	head := "Set-CsTeamsMeetingConfiguration"
	if g.chance(40) {
		head += " -Identity Global"
	}
	g.cmdWithArgs(head, args)
	if g.chance(50) {
		g.l("Get-CsTeamsMeetingConfiguration | Format-List DisableAnonymousJoin, LogoURL, EnableQoS")
	}
}

func (g *gen) federation() {
	g.comment(50, "Allow federation with partner domains", "External access")
	d := g.domain()
	steps := []func(){
		func() {
			g.lf("Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add=%s}", sq(d))
		},
		func() {
			g.lf("$domains = %s, %s", sq(g.domain()), sq(g.domain()))
			g.open("foreach ($d in $domains)")
			g.l("Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add = $d} -ErrorAction Stop")
			g.l(`Write-Host "Running: Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add=` + bt + `$d}"`)
			g.close()
		},
		func() {
			g.lf("Set-CsTenantFederationConfiguration -BlockedDomains @{Remove = %s}", sq("spam."+d))
		},
		func() {
			g.lf("Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Replace = %s, %s}", sq(d), sq(g.domain()))
		},
		func() {
			g.l("Set-CsTenantFederationConfiguration " + strings.Join(g.propArgs(g.pickProps(federationProps, g.rng(1, 3))), " "))
		},
		func() {
			g.l("Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowAllKnownDomains)")
		},
		func() {
			v := g.pick("$fed", "$federation", "$config")
			g.lf("%s = Get-CsTenantFederationConfiguration", v)
			g.open("if (" + v + ".AllowPublicUsers)")
			g.l("Write-Warning 'Public IM (Skype consumer) is enabled'")
			if g.chance(50) {
				g.l("Set-CsTenantFederationConfiguration -AllowPublicUsers $false")
			}
			g.close()
			g.lf(`Write-Host "Allowed domains: $(%s.AllowedDomains -join ', ')"`, v)
		},
		func() {
			g.l("$list = New-Object 'System.Collections.Generic.List[string]'")
			g.lf("$list.Add(%s)", sq(d))
			g.l("Set-CsTenantFederationConfiguration -AllowedDomainsAsAList $list")
		},
		func() {
			g.lf("Get-CsExternalAccessPolicy -Identity Global | Select-Object Identity, EnableFederationAccess, EnablePublicCloudAccess")
		},
	}
	for _, i := range g.r.Perm(len(steps))[:g.rng(1, 3)] {
		steps[i]()
	}
}

func (g *gen) splat() {
	name := g.pick("$params", "$params", "$splat", "$policyParams", "$settings")
	if g.chance(20) {
		g.comment(50, "Pass the script's own parameters through")
		g.lf("%s = [hashtable]::new($PSBoundParameters)", name)
		g.lf("[void]%s.Remove('TenantId')", name)
		g.lf("$null = %s.Remove('CsvPath')", name)
		g.lf("Set-CsTeamsMeetingPolicy @%s -Identity $PolicyName", name[1:])
		return
	}
	g.comment(30, "Build the parameters")
	id := g.policy()
	ps := g.pickProps(meetingProps, g.rng(1, 4))
	if g.chance(35) {
		parts := []string{"Identity = " + sq(id)}
		for _, p := range ps {
			parts = append(parts, p.name+" = "+exprVal(g.pick(p.vals...)))
		}
		g.lf("%s = @{ %s }", name, strings.Join(parts, "; "))
	} else {
		width := len("Identity")
		for _, p := range ps {
			width = max(width, len(p.name))
		}
		align := g.chance(50)
		kv := func(k, v string) {
			if align {
				g.lf("%-*s = %s", width, k, v)
			} else {
				g.l(k + " = " + v)
			}
		}
		g.openHT(name + " = @{")
		kv("Identity", sq(id))
		for _, p := range ps {
			kv(p.name, exprVal(g.pick(p.vals...)))
		}
		g.close()
	}
	switch g.intn(4) {
	case 0:
		g.open("if ($WhatIf)")
		g.lf("%s['WhatIf'] = $true", name)
		g.close()
	case 1:
		g.lf("%s.ErrorAction = 'Stop'", name)
	}
	g.lf("%s @%s%s", g.pick("Set-CsTeamsMeetingPolicy", "Set-CsTeamsMeetingPolicy", "New-CsTeamsMeetingPolicy"), name[1:], g.pick(" -Verbose", "", " -ErrorAction Stop", " -Confirm:$false"))
}

func (g *gen) policyAudit() {
	g.comment(50, "Check the current anonymous join setting", "Audit")
	if g.chance(35) {
		g.l("$policies = Get-CsTeamsMeetingPolicy")
		g.open("foreach ($p in $policies)")
		g.open("if ($p.AllowCloudRecording -and -not $p.AllowTranscription)")
		g.l(`Write-Warning "$($p.Identity) records without transcription"`)
		g.close()
		g.l("$status = if ($p.AllowAnonymousUsersToJoinMeeting) { 'Open' } else { 'Locked' }")
		g.l("'{0,-40} {1}' -f $p.Identity, $status")
		g.close()
		return
	}
	v := g.pick("$policy", "$policy", "$meetingPolicy", "$globalPolicy", "$p")
	g.lf("%s = Get-CsTeamsMeetingPolicy -Identity %s", v, g.arg(g.policy()))
	g.open(fmt.Sprintf("if (%s.AllowAnonymousUsersToJoinMeeting -eq $false)", v))
	g.l(g.pick("Write-Host 'Anonymous join is blocked' -ForegroundColor Green", `Write-Host "$($`+v[1:]+`.Identity) is compliant" -ForegroundColor Green`, "$compliant = $true"))
	if g.chance(30) {
		g.mid(fmt.Sprintf("elseif (%s.AutoAdmittedUsers -eq 'Everyone')", v))
		g.lf(`Write-Warning "Lobby bypass for everyone on $(%s.Identity)"`, v)
	}
	if g.chance(65) {
		g.mid("else")
		g.lf(`Write-Host ("{0}: {1}" -f %s.Identity, %s.AllowAnonymousUsersToJoinMeeting) -ForegroundColor Yellow`, v, v)
		if g.chance(50) {
			g.lf("Set-CsTeamsMeetingPolicy -Identity %s.Identity -AllowAnonymousUsersToJoinMeeting $false", v)
		}
	}
	g.close()
}

func (g *gen) switchUnit() {
	switch g.intn(4) {
	case 0:
		g.open("switch -Regex ($PolicyName)")
		g.l("'^Tag:' { $scope = 'Custom' }")
		g.l("'^Global$' { $scope = 'Default'; break }")
		g.l(`'^\s*$' { throw 'PolicyName is empty' }`)
		g.l("default { $scope = 'Unknown' }")
		g.close()
	case 1:
		g.lf(`$xml = '<Setting Name="%s" Value="%s" />'`, g.pick("AllowIPVideo", "AllowMeetNow", "AllowCloudRecording"), g.pick("true", "false"))
		g.l("$settings = @{}")
		g.open("switch -Regex ($xml)")
		g.l(`'<Setting Name="(\w+)" Value="(\w+)"' { $settings[$Matches[1]] = $Matches[2] }`)
		g.l(`'<Policy' { Write-Verbose 'policy element' }`)
		g.close()
	default:
		coll, it := g.loopPair()
		g.lf("%s = Get-CsOnlineUser -ResultSize %d", coll, g.rng(50, 5000))
		g.open(fmt.Sprintf("foreach (%s in %s)", it, coll))
		c := itemCtx(it, true)
		c.inLoop = true
		g.switchStmt(c)
		g.close()
	}
}

// ---- reports ----

func (g *gen) reportExport() {
	res := g.pick("$results", "$results", "$report", "$output", "$audit")
	out := g.pick("$out", "$reportPath", "$csvFile")
	switch g.intn(6) {
	case 0:
		g.lf(`%s = ".\report-$(Get-Date -Format 'yyyyMMdd-HHmm').csv"`, out)
	case 1:
		g.lf(`%s = "C:\Temp\TeamsReport_$(Get-Date -Format `+bt+`"yyyyMMdd`+bt+`").csv"`, out)
	case 2:
		g.lf("%s = $OutputPath", out)
	default:
		g.lf(`%s = Join-Path -Path $PSScriptRoot -ChildPath "MeetingPolicyReport_$(Get-Date -Format 'yyyyMMdd').csv"`, out)
	}
	coll, it := g.loopPair()
	g.lf("%s = Get-CsOnlineUser -ResultSize Unlimited", coll)
	props := g.pickN(userProps, g.rng(2, 5))
	width := 0
	for _, p := range props {
		width = max(width, len(p))
	}
	fields := func() {
		for _, p := range props {
			v := it + "." + p
			if p == "TeamsMeetingPolicy" {
				switch g.intn(3) {
				case 0:
					v = it + ".TeamsMeetingPolicy ?? 'Global'"
				case 1:
					v = "if (" + it + ".TeamsMeetingPolicy) { " + it + ".TeamsMeetingPolicy } else { 'Global' }"
				}
			}
			g.lf("%-*s = %s", width, p, v)
		}
	}
	switch g.intn(3) {
	case 0: // statement as value
		g.open(fmt.Sprintf("%s = foreach (%s in %s)", res, it, coll))
		g.openHT("[pscustomobject]@{")
		fields()
		g.close()
		g.close()
	case 1:
		g.lf("%s = [System.Collections.Generic.List[object]]::new()", res)
		g.open(fmt.Sprintf("foreach (%s in %s)", it, coll))
		g.openHT(res + ".Add([pscustomobject]@{")
		fields()
		g.closeWith(")")
		g.close()
	default:
		g.lf("%s = @()", res)
		g.open(fmt.Sprintf("foreach (%s in %s)", it, coll))
		g.openHT(res + " += [pscustomobject]@{")
		fields()
		g.close()
		g.close()
	}
	g.lf("%s | Export-Csv -Path %s -NoTypeInformation%s", res, out, g.pick("", " -Encoding UTF8"))
	g.lf(`Write-Host "Report saved to %s" -ForegroundColor Green`, out)
	if g.chance(40) {
		g.lf(`Write-Host ("{0} users exported" -f %s.Count)`, res)
	}
}

func (g *gen) selectReport() {
	calc := g.pick(
		"@{Name='Policy'; Expression={$_.TeamsMeetingPolicy}}",
		"@{Name = 'MeetingPolicy'; Expression = { $_.TeamsMeetingPolicy }}",
		"@{N='Enabled';E={$_.AccountEnabled}}",
		"@{Label = 'Mode'; Expression = { $_.TeamsUpgradeEffectiveMode }}",
	)
	src := g.pick("Get-CsOnlineUser -ResultSize Unlimited", "Get-CsOnlineUser", "$users", "Get-CsOnlineUser -Filter {Department -eq '"+g.dept()+"'}")
	sel := g.pick("Select-Object", "Select-Object", "select")
	switch g.intn(5) {
	case 0:
		g.lf("%s | %s DisplayName, UserPrincipalName, %s | %s DisplayName | %s", src, sel, calc, g.pick("Sort-Object", "sort"), g.pick("Format-Table -AutoSize", "ft -AutoSize", "Format-List"))
	case 1:
		g.lf("$report = %s |", src)
		g.ind++
		g.lf("%s DisplayName,", sel)
		g.ind++
		g.l("UserPrincipalName,")
		g.l(calc)
		g.ind -= 2
		g.lf("$report | Export-Csv -Path .\\users-%s.csv -NoTypeInformation", g.pick("policies", "report", "audit"))
	case 2:
		g.lf("Get-CsTeamsMeetingPolicy | %s Identity, AllowAnonymousUsersToJoinMeeting, AutoAdmittedUsers -AutoSize", g.pick("Format-Table", "ft"))
	case 3:
		g.lf("%s | Group-Object TeamsMeetingPolicy | Sort-Object Count -Descending | Select-Object Name, Count", src)
	default:
		g.lf("$count = (%s | Where-Object { $_.TeamsMeetingPolicy -eq %s } | Measure-Object).Count", src, sq(g.policy()))
		g.l(`echo "Users on policy: $count"`)
	}
}

// ---- functions ----

func (g *gen) function() {
	name := g.pick(verbs...) + "-" + g.pick(nouns...)
	pname := g.pick("UserPrincipalName", "UserPrincipalName", "Identity", "User", "Upn")
	if g.chance(20) {
		g.open(fmt.Sprintf("function %s($%s, $PolicyName = %s)", name, pname, sq(g.policy())))
		c := varCtx("$" + pname)
		c.inFunc = true
		g.body(c, g.depth())
		if g.chance(40) {
			g.l("return $true")
		}
		g.close()
		if g.chance(60) {
			g.lf("%s %s %s", name, sq(g.upn()), g.arg(g.policy()))
		}
		return
	}
	g.open("function " + name)
	if g.chance(25) {
		g.helpBlock()
	}
	ssp := g.chance(20)
	if ssp {
		g.l("[CmdletBinding(SupportsShouldProcess = $true)]")
	} else {
		g.l("[CmdletBinding()]")
	}
	pipe := g.chance(50)
	g.l("param(")
	g.ind++
	if pipe {
		g.l("[Parameter(Mandatory = $true, ValueFromPipeline = $true)]")
	} else {
		g.l(g.pick("[Parameter(Mandatory = $true)]", "[Parameter(Mandatory)]"))
	}
	g.lf("[string]$%s,", pname)
	g.nl()
	g.l("[Parameter()]")
	g.lf("[string]$PolicyName = %s", sq(g.policy()))
	g.ind--
	g.l(")")
	c := varCtx("$" + pname)
	c.inFunc = true
	if g.chance(35) {
		c.res = "$results"
		g.open("begin")
		g.l("$results = @()")
		if g.chance(50) {
			g.l(`Write-Verbose "Starting $($MyInvocation.MyCommand.Name)"`)
		}
		g.close()
		g.open("process")
		if ssp {
			g.open(fmt.Sprintf("if ($PSCmdlet.ShouldProcess($%s, 'Grant policy'))", pname))
			g.body(c, g.depth())
			g.close()
		} else {
			g.body(c, g.depth())
		}
		g.close()
		g.open("end")
		if g.chance(40) {
			g.l(`Write-Verbose "Processed $($results.Count) users"`)
		}
		g.l(g.pick("return $results", "$results"))
		g.close()
	} else {
		g.body(c, g.depth())
		if g.chance(30) {
			g.l(g.pick("return $true", "return", "return ,$list"))
		}
	}
	g.close()
	switch g.intn(5) {
	case 0:
		g.lf("%s -%s %s -PolicyName %s", name, pname, sq(g.upn()), g.arg(g.policy()))
	case 1:
		g.lf("$users | ForEach-Object { %s -%s $_.UserPrincipalName -Verbose }", name, pname)
	case 2:
		if pipe {
			g.lf("%s, %s | %s", sq(g.upn()), sq(g.upn()), name)
		} else {
			g.lf("$result = %s -%s $upn", name, pname)
		}
	}
}

func (g *gen) logFunction() {
	g.open("function Write-Log")
	g.l("param(")
	g.ind++
	g.l("[Parameter(Mandatory = $true)]")
	g.l("[string]$Message,")
	g.nl()
	g.l("[ValidateSet('INFO', 'WARN', 'ERROR')]")
	g.l("[string]$Level = 'INFO'")
	g.ind--
	g.l(")")
	g.l("$stamp = Get-Date -Format 'yyyy-MM-dd HH:mm:ss'")
	g.l(`$line = "[$stamp] [$Level] $Message"`)
	g.l("Add-Content -Path $script:LogFile -Value $line")
	g.open("switch ($Level)")
	g.l("'ERROR' { Write-Host $line -ForegroundColor Red }")
	g.l("'WARN' { Write-Host $line -ForegroundColor Yellow }")
	g.l("default { Write-Verbose $line }")
	g.close()
	g.close()
}

// ---- here-strings and script blocks ----

func (g *gen) hereString() {
	if g.chance(50) {
		g.l(`$body = @"`)
		g.raw("Hello $($u.DisplayName),")
		g.raw("")
		g.raw("Your Teams meeting policy has been changed to $PolicyName.")
		g.raw(`Contact "IT Support" if you have questions.`)
		g.raw(`"@`)
		g.lf("Send-MailMessage -To $u.UserPrincipalName -From %s -Subject 'Teams policy change' -Body $body -SmtpServer smtp.%s", sq("noreply@"+g.domain()), g.domain())
		return
	}
	g.l("$config = @'")
	g.raw("{")
	g.raw(`  "policies": ["Global", "Tag:Sales"],`)
	g.raw(`  "allowAnonymous": false,`)
	g.raw(`  "note": "it's $literal here"`)
	g.raw("}")
	g.raw("'@ | ConvertFrom-Json")
	g.l("foreach ($name in $config.policies) { Set-CsTeamsMeetingPolicy -Identity $name -AllowAnonymousUsersToJoinMeeting $config.allowAnonymous }")
}

func (g *gen) scriptBlockCreate() {
	g.l("$code = @'")
	g.raw("param($Identity)")
	g.raw("Get-CsTeamsMeetingPolicy -Identity $Identity | Select-Object Identity, AllowCloudRecording")
	g.raw("'@")
	g.l("$sb = [ScriptBlock]::Create($code)")
	g.lf("& $sb %s", sq(g.policy()))
	if g.chance(50) {
		g.l("$sb.Invoke('Global') | Out-Null")
	}
}

// ---- collections and strings ----

func (g *gen) genericList() {
	coll, it := g.loopPair()
	g.l("$list = [System.Collections.Generic.List[string]]::new()")
	g.open(fmt.Sprintf("foreach (%s in %s)", it, coll))
	g.open(fmt.Sprintf("if (-not [string]::IsNullOrEmpty(%s.UserPrincipalName))", it))
	g.lf("$list.Add(%s.UserPrincipalName.ToLower())", it)
	g.close()
	g.close()
	g.lf("$exclude = @(%s, %s)", sq(g.upn()), sq("svc-teams@"+g.domain()))
	g.l("$targets = $list | Where-Object { $_ -notin $exclude }")
	g.l(`Write-Host ("Targets: " + ($targets -join ', '))`)
	if g.chance(50) {
		g.lf("$upn = %s", sq(g.upn()))
		g.l("$alias = $upn -replace '@.*$', ''")
		g.open(`if ($upn -match '^(?<name>[^@]+)@(?<domain>.+)$')`)
		g.l("$domain = $Matches['domain']")
		g.close()
	}
	if g.chance(40) {
		g.l("$al = New-Object System.Collections.ArrayList")
		g.l("$null = $al.Add($alias)")
	}
}

// ---- loops ----

func (g *gen) doWhile() {
	g.l("$attempt = 0")
	g.open("do")
	g.l("$attempt++")
	g.open("try")
	g.lf("$policy = Get-CsTeamsMeetingPolicy -Identity %s -ErrorAction Stop", g.arg(g.policy()))
	g.l("$ok = $true")
	g.mid("catch")
	g.l(`Write-Warning "Attempt $attempt failed: $($_.Exception.Message)"`)
	g.l("Start-Sleep -Seconds 2")
	g.l("$ok = $false")
	g.close()
	if g.chance(50) {
		g.closeWith(fmt.Sprintf(" while (-not $ok -and $attempt -lt %d)", g.rng(3, 10)))
	} else {
		g.closeWith(fmt.Sprintf(" until ($ok -or $attempt -ge %d)", g.rng(3, 10)))
	}
}

func (g *gen) forLoop() {
	coll, _ := g.loopPair()
	if g.chance(30) {
		g.lf("$upns = @(%s.UserPrincipalName)", coll)
		g.open("for ($i = 0; $i -lt $upns.Count; $i += 50)")
		g.l("$batch = $upns[$i..([Math]::Min($i + 49, $upns.Count - 1))]")
		g.l(`Write-Verbose "Batch starting at $i"`)
		g.l("$batch | ForEach-Object { Grant-CsTeamsMeetingPolicy -Identity $_ -PolicyName $PolicyName }")
		g.close()
		return
	}
	g.open(fmt.Sprintf("for ($i = 0; $i -lt %s.Count; $i++)", coll))
	g.lf("$u = %s[$i]", coll)
	c := itemCtx("$u", true)
	c.inLoop = true
	g.body(c, g.depth())
	g.close()
}

func (g *gen) whileLoop() {
	g.l("$pending = [System.Collections.Generic.List[string]]::new()")
	g.lf("$pending.Add(%s)", sq(g.upn()))
	g.open("while ($pending.Count -gt 0)")
	g.l("$next = $pending[0]")
	g.l("$pending.RemoveAt(0)")
	c := varCtx("$next")
	c.inLoop = true
	g.body(c, min(g.depth(), 1))
	g.close()
}

// ---- structure ----

func (g *gen) region() {
	if g.inRegion {
		g.csvGrant()
		return
	}
	name := g.pick("Connect", "Functions", "Variables", "Main", "Reporting", "Helpers", "Policy assignment", "Cleanup")
	g.l("#region " + name)
	g.inRegion = true
	saved := g.maxDepth
	g.maxDepth = min(saved, 2) // keeps a region within a few KiB
	for range g.rng(1, min(2, saved)) {
		g.topUnit()
	}
	g.maxDepth = saved
	g.inRegion = false
	g.l(g.pick("#endregion", "#endregion", "#endregion "+name))
}

func (g *gen) setup() {
	g.comment(40, "Set defaults", "Variables")
	g.l("$VerbosePreference = 'Continue'")
	g.l("$logDir = Join-Path $env:TEMP 'TeamsAdmin'")
	g.open("if (-not (Test-Path -Path $logDir))")
	g.l("New-Item -Path $logDir -ItemType Directory | Out-Null")
	g.close()
	g.l(`$script:LogFile = Join-Path $logDir "run_$(Get-Date -Format 'yyyyMMdd').log"`)
	if g.chance(50) {
		g.l(`Start-Transcript -Path "$logDir\transcript.txt" -Append | Out-Null`)
	}
	g.l("$global:StartTime = Get-Date")
	g.l("$script:count = 0")
	g.l("$script:errors = 0")
}

func (g *gen) confirm() {
	if g.chance(30) {
		g.l("Write-Host Continue? [Y] Yes [N] No")
	}
	g.l("$answer = Read-Host -Prompt " + g.pick("'Apply changes to all users? (Y/N)'", `"Grant $PolicyName to $($users.Count) users? (Y/N)"`))
	g.open(g.pick("if ($answer -ne 'Y')", "if ($answer -notmatch '^[Yy]')"))
	g.l("Write-Host 'Aborted by user.' -ForegroundColor Yellow")
	g.l(g.pick("exit 0", "return"))
	g.close()
}

func (g *gen) newPolicy() {
	id := g.pick("Sales Meetings", "NoRecording", "ExternalPresenters", "Contractors", "Frontline")
	g.lf("$existing = Get-CsTeamsMeetingPolicy -Identity %s -ErrorAction SilentlyContinue", sq(id))
	g.open("if ($null -eq $existing)")
	g.lf("New-CsTeamsMeetingPolicy -Identity %s -Description 'Created by script' %s", sq(id), strings.Join(g.propArgs(g.pickProps(meetingProps[:13], g.rng(1, 2))), " "))
	g.close()
	switch g.intn(4) {
	case 0:
		g.lf("Grant-CsTeamsMeetingPolicy -Identity %s -PolicyName %s", g.upn(), sq(id))
	case 1:
		g.lf("Grant-CsTeamsMeetingPolicy -Identity %s -PolicyName $null", sq(g.upn()))
	case 2:
		g.lf("Grant-CsTeamsMeetingPolicy -Group $groupId -PolicyName %s -Rank %d", sq(id), g.rng(1, 5))
	default:
		g.l("New-CsExternalAccessPolicy -Identity FederationOnly -EnableFederationAccess $true -EnablePublicCloudAccess $false")
		g.lf("Grant-CsExternalAccessPolicy -Identity %s -PolicyName FederationOnly", sq(g.upn()))
	}
}

func (g *gen) sfbServer() {
	g.comment(50, "Skype for Business Server")
	g.l(g.pick("Import-Module SkypeForBusiness", "Import-Module Lync", `Import-Module "C:\Program Files\Common Files\Skype for Business Server 2015\Modules\SkypeForBusiness\SkypeForBusiness.psd1"`))
	steps := []string{
		"Get-CsUser -Filter {Department -eq '" + g.dept() + "'} | Grant-CsConferencingPolicy -PolicyName " + sq(g.pick(grantCmds[4].policies...)),
		"Enable-CsUser -Identity 'CONTOSO\\jsmith' -RegistrarPool $pool -SipAddressType EmailAddress",
		"Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true -AllowOutsideUsers $true -UseDnsSrvRouting",
		"Get-CsPool | Where-Object { $_.Services -match 'Registrar' } | Select-Object Identity, Site",
		"Set-CsConferencingConfiguration -Identity Global -MaxContentStorageMb 500",
		"Grant-CsExternalAccessPolicy -Identity " + sq(g.upn()) + " -PolicyName 'Allow Federation'",
		"Move-CsUser -Identity " + sq(g.upn()) + " -Target sipfed.online.lync.com -MoveToTeams -Confirm:$false",
	}
	g.lf("$pool = %s", sq(g.pick("pool01.contoso.local", "fe-pool.fabrikam.lan")))
	for _, i := range g.r.Perm(len(steps))[:g.rng(1, 3)] {
		g.l(steps[i])
	}
}

func (g *gen) voice() {
	upn := g.upn()
	num := fmt.Sprintf("+1425555%04d", g.rng(0, 9999))
	steps := []string{
		fmt.Sprintf("Set-CsPhoneNumberAssignment -Identity %s -PhoneNumber '%s' -PhoneNumberType DirectRouting", sq(upn), num),
		fmt.Sprintf("Grant-CsOnlineVoiceRoutingPolicy -Identity %s -PolicyName 'US-Unrestricted'", sq(upn)),
		fmt.Sprintf("Set-CsUser -Identity %s -EnterpriseVoiceEnabled $true -HostedVoiceMail $true -OnPremLineURI 'tel:%s'", upn, num),
		`New-CsOnlineVoiceRoute -Identity 'Route-US' -NumberPattern '^\+1(\d{10})$' -OnlinePstnGatewayList 'sbc1.` + g.domain() + `' -Priority 1`,
		"Get-CsOnlineVoiceRoutingPolicy | ft Identity, OnlinePstnUsages",
		"Set-CsTeamsCallingPolicy -Identity Global -AllowPrivateCalling $true -AllowVoicemail UserOverride",
		"Get-CsTeamsMessagingPolicy -Identity Global | select AllowGiphy, AllowMemes",
		"Set-CsOnlinePstnUsage -Identity Global -Usage @{Add = 'US and Canada'}",
		"Get-CsOnlineDialInConferencingUser -Identity " + sq(upn) + " | Format-List",
	}
	for _, i := range g.r.Perm(len(steps))[:g.rng(1, 3)] {
		g.l(steps[i])
	}
}

func (g *gen) valueStatements() {
	steps := []func(){
		func() { g.l("$status = if ($policy.AllowCloudRecording) { 'Enabled' } else { 'Disabled' }") },
		func() {
			g.open("$label = switch ($u.Department)")
			for _, d := range g.pickN(departments, 2) {
				g.lf("'%s' { 'Tag:%s' }", d, d)
			}
			g.l("default { 'Global' }")
			g.close()
		},
		func() {
			g.l("$policy = try { Get-CsTeamsMeetingPolicy -Identity $name -ErrorAction Stop } catch { $null }")
		},
		func() { g.l("$upns = foreach ($u in $users) { $u.UserPrincipalName.ToLower() }") },
		func() { g.l("$name = $row.PolicyName ?? 'Global'") },
		func() { g.l("$script:Cache ??= @{}") },
		func() { g.l("$total = $users.Count + $extra.Count - 1") },
		func() { g.l("$first = $users[0].UserPrincipalName") },
	}
	for _, i := range g.r.Perm(len(steps))[:g.rng(1, 3)] {
		steps[i]()
	}
}

func (g *gen) misc() {
	steps := []string{
		"$desktop = [Environment]::GetFolderPath([Environment+SpecialFolder]::Desktop)",
		"$x86 = ${env:ProgramFiles(x86)}",
		`. "$PSScriptRoot\Common.ps1"`,
		`& "$PSScriptRoot\Connect-Tenant.ps1" -TenantId $TenantId`,
		"[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12",
		"$ids = ,$TenantId",
		"$nl = [System.Environment]::NewLine",
		"$cfg = Get-Content -Path .\\config.json -Raw | ConvertFrom-Json",
		`$domains = Get-Content -Path .\domains.txt | Where-Object { $_ -and $_ -notmatch '^\s*#' }`,
		"${script:LogPath} = 'C:\\Temp\\Teams'",
		"Get-Module -Name MicrosoftTeams -ListAvailable | Select-Object Name, Version",
	}
	for _, i := range g.r.Perm(len(steps))[:g.rng(1, 3)] {
		g.l(steps[i])
	}
}

func (g *gen) summary() {
	g.comment(40, "Summary", "Cleanup")
	g.l(`Write-Host "Done. $script:count users updated, $script:errors errors." -ForegroundColor Green`)
	if g.chance(50) {
		g.l("$elapsed = (Get-Date) - $global:StartTime")
		g.l(`Write-Host ("Elapsed: {0:N1} seconds" -f $elapsed.TotalSeconds)`)
	}
	if g.chance(30) {
		g.l("Stop-Transcript | Out-Null")
	}
	if g.chance(30) {
		g.l("Disconnect-MicrosoftTeams -Confirm:$false")
	}
}
