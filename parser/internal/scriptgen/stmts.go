package scriptgen

import (
	"fmt"
	"strings"
)

// ctx describes where nested statements are generated.
type ctx struct {
	item    string // current object: "$u", "$_", "" when none
	isUser  bool   // item is a Get-CsOnlineUser object (else a CSV row)
	upn     string // expression yielding the user's UPN
	upnS    string // the same, usable inside a double-quoted string
	inLoop  bool   // break / continue allowed
	inFunc  bool   // return allowed
	canExit bool   // exit allowed (top level)
	res     string // results array, "" when none
	list    string // list with an Add method, "" when none
}

// itemCtx builds a context for a loop over users (isUser) or CSV rows.
func itemCtx(item string, isUser bool) ctx {
	prop := "UserPrincipalName"
	c := ctx{item: item, isUser: isUser, upn: item + "." + prop, upnS: "$(" + item + "." + prop + ")"}
	return c
}

// varCtx builds a context where the UPN is held in a plain variable.
func varCtx(v string) ctx {
	return ctx{upn: v, upnS: "$(" + v + ")"}
}

// prop returns a random property of the item.
func (g *gen) prop(c ctx) string {
	if c.isUser {
		return c.item + "." + g.pick(userProps...)
	}
	return c.item + "." + g.pick(rowProps...)
}

// cond returns a condition expression.
func (g *gen) cond(c ctx) string {
	if c.item == "" || g.chance(15) {
		return g.pick(
			"$WhatIf", "-not $WhatIf", "$count -gt 0", "$script:errors -ge 1",
			"$PSVersionTable.PSVersion.Major -lt 7", "(Test-Path -Path $logFile)",
			"$policy.AllowAnonymousUsersToJoinMeeting -eq $false", "$null -ne $policy",
			"$env:COMPUTERNAME -like 'SFB*'", "$answer -eq 'Y'", "!$Force",
			"[string]::IsNullOrEmpty("+c.upn+")", "$results.Count -eq 0",
			c.upn+" -match '@"+reEscape(g.domain())+"$'",
		)
	}
	it := c.item
	d := g.dept()
	if c.isUser {
		switch g.intn(16) {
		case 0:
			return it + ".AccountEnabled"
		case 1:
			return g.pick("-not ", "!") + it + ".AccountEnabled"
		case 2:
			return it + ".TeamsMeetingPolicy -ne $PolicyName"
		case 3:
			return "$null -eq " + it + ".TeamsMeetingPolicy"
		case 4:
			return "(" + it + ".Department -eq '" + d + "') -and " + it + ".AccountEnabled"
		case 5:
			return it + ".TeamsUpgradeEffectiveMode -ne 'TeamsOnly'"
		case 6:
			return it + ".EnterpriseVoiceEnabled -eq $false"
		case 7:
			return it + ".InterpretedUserType -like '*Guest*'"
		}
	}
	switch g.intn(11) {
	case 0:
		return it + ".Department -eq '" + d + "'"
	case 1:
		return it + ".Department -ne '" + d + "'"
	case 2:
		return g.pick("", "-not ") + "[string]::IsNullOrEmpty(" + c.upn + ")"
	case 3:
		return c.upn + " -match '@" + reEscape(g.domain()) + "$'"
	case 4:
		return c.upn + " -notmatch '^(admin|svc)'"
	case 5:
		return it + ".Department -notin @('" + d + "', '" + g.dept() + "')"
	case 6:
		return it + ".Department -in $departments"
	case 7:
		return it + ".UsageLocation " + g.pick("-like 'US*'", "-notlike 'GB*'", "-eq 'DE'")
	case 8:
		return it + ".Department -eq '" + d + "' -or " + it + ".Department -eq '" + g.dept() + "'"
	case 9:
		return c.upn + ".EndsWith('@" + g.domain() + "')"
	default:
		return it + ".DisplayName.Length -gt 0"
	}
}

// grantLine returns one Grant- command for the context's user.
func (g *gen) grantLine(c ctx) string {
	gc := grantCmds[g.intn(len(grantCmds))]
	var pol string
	switch n := g.intn(10); {
	case n < 3:
		pol = "$PolicyName"
	case n == 3:
		pol = "$null"
	case n == 4 && c.item != "" && !c.isUser:
		pol = c.item + ".PolicyName"
	default:
		pol = g.arg(g.pick(gc.policies...))
	}
	s := gc.name + " " + g.param("Identity") + " " + c.upn + " -PolicyName " + pol
	switch g.intn(6) {
	case 0, 1:
		s += " -ErrorAction Stop"
	case 2:
		s += " -WhatIf:$WhatIf"
	case 3:
		s += " -ErrorAction SilentlyContinue"
	}
	return s
}

// oneLiner returns a short single-line statement.
func (g *gen) oneLiner(c ctx) string {
	switch g.intn(6) {
	case 0, 1:
		return g.grantLine(c)
	case 2:
		return "$target = " + sq(g.policy())
	case 3:
		return `Write-Verbose "Matched ` + c.upnS + `"`
	case 4:
		return "$script:count++"
	default:
		return "$policyName = " + sq(g.policy())
	}
}

// simple writes one non-compound statement.
func (g *gen) simple(c ctx) {
	switch g.intn(22) {
	case 0, 1, 2, 3:
		g.l(g.grantLine(c))
	case 4, 5:
		msg := g.pick("Processing ", "Granting $PolicyName to ", "Updated ", "Checking ", "Done with ")
		if g.chance(25) {
			g.lf(`Write-Host ("{0} -> {1}" -f %s, $PolicyName)`, c.upn)
		} else {
			g.lf(`Write-Host "%s%s" -ForegroundColor %s`, msg, c.upnS, g.color())
		}
	case 6, 7:
		if g.chance(30) {
			g.lf(`Write-Verbose -Message ("[{0}] {1}" -f (Get-Date -Format 'HH:mm:ss'), %s)`, c.upn)
		} else {
			g.lf(`Write-Verbose "%s %s"`, g.pick("Processing", "Policy assigned to", "Skipped", "Looking up"), c.upnS)
		}
	case 8:
		g.l(g.pick("$script:count++", "$processed++", "$script:updated += 1", "$count = $count + 1", "$global:Total++"))
	case 9:
		if c.res != "" {
			g.resultAdd(c, "'OK'")
		} else {
			g.lf("$current = Get-CsOnlineUser -Identity %s -ErrorAction SilentlyContinue", c.upn)
		}
	case 10:
		if c.list != "" {
			switch g.intn(3) {
			case 0:
				g.lf("$null = %s.Add(%s)", c.list, c.upn)
			case 1:
				g.lf("[void]%s.Add(%s)", c.list, c.upn)
			default:
				g.lf("%s.Add(%s) | Out-Null", c.list, c.upn)
			}
		} else {
			g.lf("$alias = (%s -split '@')[0]", c.upn)
		}
	case 11:
		switch g.intn(4) {
		case 0:
			g.lf(`Add-Content -Path $logFile -Value "$(Get-Date -Format 'yyyy-MM-dd HH:mm:ss') %s updated"`, c.upnS)
		case 1:
			g.lf(`"%s done" | Out-File -FilePath $logFile -Append`, c.upnS)
		case 2:
			g.lf(`"%s done" >> C:\Temp\teams-log.txt`, c.upnS)
		default:
			g.lf(`Write-Log -Message "Granted policy to %s" -Level INFO`, c.upnS)
		}
	case 12:
		g.l(g.pick("Start-Sleep -Seconds 2", "Start-Sleep -Milliseconds 500", "Start-Sleep 1", "Start-Sleep -Seconds $DelaySeconds"))
	case 13:
		g.lf(`Write-Warning "%s %s"`, g.pick("Skipping", "No policy for", "Could not resolve", "Already assigned:"), c.upnS)
	case 14:
		g.lf("$policy = Get-CsTeamsMeetingPolicy -Identity %s -ErrorAction SilentlyContinue", g.arg(g.policy()))
	case 15:
		g.lf("Set-CsUser -Identity %s -EnterpriseVoiceEnabled $true -HostedVoiceMail $true", c.upn)
	case 16:
		g.lf("$upn = %s.Trim().ToLower()", c.upn)
	case 17:
		g.lf("$domain = %s -replace '^.*@', ''", c.upn)
	case 18:
		if c.item != "" && c.isUser {
			g.lf("$byPolicy[[string]%s.TeamsMeetingPolicy] += 1", c.item)
		} else {
			g.lf("$pct = [math]::Round(($i / [math]::Max($total, 1)) * 100, 1)")
		}
	case 19:
		if c.item != "" {
			g.lf("$%s = %s", g.pick("name", "dept", "city", "title"), g.prop(c))
		} else {
			g.l("$stamp = Get-Date -Format 'yyyyMMdd'")
		}
	case 20:
		g.lf("Get-CsOnlineUser -Identity %s | Select-Object DisplayName, TeamsMeetingPolicy | Format-List", c.upn)
	default:
		g.lf("Grant-CsTeamsMeetingPolicy -Identity %s -PolicyName:$PolicyName -Confirm:$false", c.upn)
	}
}

// resultAdd appends a [pscustomobject] to c.res.
func (g *gen) resultAdd(c ctx, status string) {
	if g.chance(40) {
		g.lf("%s += [pscustomobject]@{ UserPrincipalName = %s; Policy = $PolicyName; Status = %s }", c.res, c.upn, status)
		return
	}
	g.openHT(c.res + " += [pscustomobject]@{")
	g.l("UserPrincipalName = " + c.upn)
	if c.item != "" {
		g.l("DisplayName = " + c.item + ".DisplayName")
	}
	g.l("Policy = $PolicyName")
	g.l("Status = " + status)
	if g.chance(30) {
		g.l("Time = Get-Date -Format 's'")
	}
	g.close()
}

// body writes 1-3 statements (more when shallow).
func (g *gen) body(c ctx, depth int) {
	n := g.rng(1, 3)
	if depth >= 2 {
		n = g.rng(1, 2)
	}
	for range n {
		g.stmt(c, depth)
	}
}

// stmt writes a simple or, while depth allows, compound statement.
func (g *gen) stmt(c ctx, depth int) {
	if depth <= 0 || g.chance(50) || g.b.Len()-g.start > unitBudget {
		g.simple(c)
		return
	}
	switch n := g.intn(20); {
	case n < 8:
		g.ifStmt(c, depth-1)
	case n < 14:
		g.tryStmt(c, depth-1)
	case n < 17:
		g.switchStmt(c)
	default:
		g.retryFor(c, depth-1)
	}
}

func (g *gen) ifStmt(c ctx, depth int) {
	g.open("if (" + g.cond(c) + ")")
	g.body(c, depth)
	if c.inLoop && g.chance(25) {
		g.l(g.pick("continue", "continue", "break"))
	} else if c.inFunc && g.chance(20) {
		g.l("return")
	}
	if g.chance(20) {
		g.mid("elseif (" + g.cond(c) + ")")
		g.body(c, depth)
	}
	if g.chance(45) {
		g.mid("else")
		g.body(c, depth)
	}
	g.close()
}

func (g *gen) tryStmt(c ctx, depth int) {
	g.open("try")
	g.l(g.grantLine(c))
	if depth > 0 || g.chance(50) {
		g.body(c, depth)
	}
	if g.chance(8) {
		g.mid("catch [System.Management.Automation.CommandNotFoundException]")
		g.l(`Write-Error "MicrosoftTeams module not loaded"`)
	}
	g.mid("catch")
	g.catchBody(c)
	if g.chance(5) {
		g.mid("finally")
		g.l("$ProgressPreference = 'Continue'")
	}
	g.close()
}

func (g *gen) catchBody(c ctx) {
	switch g.intn(9) {
	case 0, 1, 2:
		g.l("Write-Error $_.Exception.Message")
	case 3:
		g.lf(`Write-Warning "Failed for %s: $($_.Exception.Message)"`, c.upnS)
	case 4:
		g.l(`Write-Host "Error: $($_.Exception.Message)" -ForegroundColor Red`)
	case 5:
		g.l("$script:errors++")
		g.lf(`Write-Error -Message "Could not update %s. $_" -ErrorAction Continue`, c.upnS)
	case 6:
		if c.res != "" {
			g.resultAdd(c, "$_.Exception.Message")
		} else {
			g.l("$failed += " + c.upn)
		}
	case 7:
		if c.inFunc {
			g.l("throw")
		} else {
			g.l("Write-Error $_")
		}
	default:
		g.l("Write-Error $_.Exception.Message")
		if c.canExit && !c.inLoop {
			g.l("exit 1")
		}
	}
}

func (g *gen) switchStmt(c ctx) {
	switch {
	case c.item != "" && g.chance(40):
		// script-block conditions
		g.open("switch (" + c.item + ")")
		for range g.rng(1, 3) {
			cond := strings.ReplaceAll(g.cond(c), c.item+".", "$_.")
			cond = strings.ReplaceAll(cond, c.item+" ", "$_ ")
			g.lf("{ %s } { %s%s }", cond, g.oneLiner(c), g.pick("", "", "; break"))
		}
		g.lf("default { %s }", g.oneLiner(c))
		g.close()
	case c.item != "":
		g.open("switch (" + c.item + "." + g.pick("Department", "UsageLocation") + ")")
		for _, d := range g.pickN(departments, g.rng(1, 3)) {
			if g.chance(70) {
				g.lf("'%s' { %s }", d, g.oneLiner(c))
			} else {
				g.openSL(sq(d))
				g.simple(c)
				g.simple(c)
				g.close()
			}
		}
		g.lf("default { %s }", g.oneLiner(c))
		g.close()
	default:
		g.open("switch -Wildcard (" + c.upn + ")")
		for _, d := range g.pickN(domains, g.rng(1, 3)) {
			g.lf("'*@%s' { %s }", d, g.oneLiner(c))
		}
		g.l("default { Write-Verbose 'Unknown domain' }")
		g.close()
	}
}

// retryFor writes a for loop that retries a Stop-ing command.
func (g *gen) retryFor(c ctx, depth int) {
	g.open("for ($attempt = 1; $attempt -le " + fmt.Sprint(g.rng(2, 5)) + "; $attempt++)")
	g.open("try")
	g.l(g.grantLine(c))
	g.l("break")
	g.mid("catch")
	g.l(`Write-Warning "Attempt $attempt failed: $($_.Exception.Message)"`)
	g.l("Start-Sleep -Seconds (2 * $attempt)")
	g.close()
	g.close()
}
