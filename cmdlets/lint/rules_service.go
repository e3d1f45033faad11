package lint

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/parser"
)

// serviceRules check what the service refuses or ignores although the
// binder accepts it: identities a cmdlet does not take, a policy created
// twice, settings with no effect.
func serviceRules() []ruleDef {
	return []ruleDef{
		{Rule: Rule{Code: "CSE1402", Name: "global-only-identity", Severity: Error,
			Summary: "The configuration exists only as Global; another identity is refused.",
			Help: "Set-CsTeamsMeetingConfiguration, Set-CsTenantFederationConfiguration, " +
				"Set-CsTeamsAcsFederationConfiguration and Set-CsAccessEdgeConfiguration change a configuration " +
				"that a tenant has exactly once, as Global: their cmdlet pages on Microsoft Learn say the only " +
				"valid Identity is Global (or that the parameter is not needed at all). Any other identity, such " +
				"as Tag:Foo, names nothing, and the call fails; csemu refuses it too. Drop -Identity or give Global.",
			Bad:  "Set-CsTeamsMeetingConfiguration -Identity Tag:Foo -DisableAnonymousJoin $false\n",
			Good: "Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $false\n"},
			check: checkGlobalOnly},
		cmdRule(Rule{Code: "CSE1403", Name: "grant-global-to-user", Severity: Error,
			Summary: "Global is not a user policy: it cannot be granted to a user.",
			Help: "Every user without a policy of their own gets the Global policy; it cannot be assigned to " +
				"one user. The service answers \"Policy 'Global' is not a user policy. You can assign only a user " +
				"policy to a specific user\" (quoted on the Grant-CsExternalUserCommunicationPolicy page), and csemu " +
				"does the same. To give a user the Global policy back, remove their assignment with -PolicyName $null.",
			Bad:  "Grant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName Global\n",
			Good: "Grant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName $null\n"}),
		cmdRule(Rule{Code: "CSE1404", Name: "remove-global", Severity: Error,
			Summary: "The Global policy cannot be removed.",
			Help: "A tenant always has the Global policy of each kind: the Remove- cmdlet pages on Microsoft Learn " +
				"(Remove-CsTeamsMeetingPolicy among them) say it cannot be deleted, and csemu refuses it. Change its " +
				"settings with Set- instead. The conferencing policy and the external access policies are the " +
				"exception: removing their Global instance resets it to the defaults (Remove-CsExternalAccessPolicy, " +
				"Remove-CsConferencingPolicy), which this rule does not flag.",
			Bad:  "Remove-CsTeamsMeetingPolicy -Identity Global\n",
			Good: "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"}),
		cmdRule(Rule{Code: "CSE1405", Name: "policy-created-twice", Severity: Error,
			Summary: "New- of a policy that already exists: the script created it before, or it is Global.",
			Help: "New- refuses an identity that already exists (\"If you get an error that the policy already exists, " +
				"it means that the policy already exists for your tenant\", say the New- cmdlet pages), and csemu " +
				"stops with \"Cannot create ... because it already exists\". The rule flags a New- whose policy the same " +
				"block of the script already created, with no Remove- of it in between, and a New- of Global, which " +
				"always exists. Change the policy with Set- the second time.",
			Bad: "New-CsTeamsMeetingPolicy -Identity Partners -AllowAnonymousUsersToJoinMeeting $false\n" +
				"New-CsTeamsMeetingPolicy -Identity Partners -AutoAdmittedUsers EveryoneInCompany\n",
			Good: "New-CsTeamsMeetingPolicy -Identity Partners -AllowAnonymousUsersToJoinMeeting $false\n" +
				"Set-CsTeamsMeetingPolicy -Identity Partners -AutoAdmittedUsers EveryoneInCompany\n"}),
		{Rule: Rule{Code: "CSE2008", Name: "edge-anonymous-outside-off", Severity: Warning,
			Summary: "The Edge admits anonymous users, but outside users are off: nobody gets in from outside.",
			Help: "On Skype for Business Server, Set-CsAccessEdgeConfiguration -AllowOutsideUsers $false closes the " +
				"Edge to everyone connecting over the Internet, anonymous users included: AllowAnonymousUsers $true " +
				"then has no effect (Set-CsAccessEdgeConfiguration on Microsoft Learn; the Skype for Business rule 2 " +
				"of csemu's anonymous join rules, which Test-AnonymousJoin follows, answers Blocked). The rule looks " +
				"at the last AllowOutsideUsers the script sets.",
			Bad:  "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $false -AllowAnonymousUsers $true\n",
			Good: "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $true -AllowAnonymousUsers $true\n"},
			check: checkEdgeOutsideOff},
		{Rule: Rule{Code: "CSE2009", Name: "policy-anonymous-under-org-switch", Severity: Warning,
			Summary: "The meeting policy allows anonymous join, but the script turns it off org-wide.",
			Help: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true turns unverified anonymous join off for " +
				"the whole tenant, whatever the meeting policies say: a policy's AllowAnonymousUsersToJoinMeeting $true " +
				"then has no effect (Set-CsTeamsMeetingConfiguration and Set-CsTeamsMeetingPolicy on Microsoft Learn; " +
				"Teams rule 3 of csemu's anonymous join rules, which Test-AnonymousJoin follows: only the email " +
				"one-time passcode path stays, and it does not depend on that setting). The rule looks at the last " +
				"DisableAnonymousJoin the script sets.",
			Bad: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\n" +
				"Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n",
			Good: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $false\n" +
				"Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n"},
			check: checkPolicyUnderOrgSwitch},
		{Rule: Rule{Code: "CSE2010", Name: "no-op-setting", Severity: Warning,
			Summary: "The setting is documented to have no effect.",
			Help: "The Set-CsTeamsMeetingPolicy page on Microsoft Learn says AllowOrganizersToOverrideLobbySettings " +
				"is deprecated and has no effect, and that AllowUserToJoinExternalMeeting currently has no effect " +
				"(joining other organizations' meetings is decided by their settings). A script that sets them " +
				"changes nothing; the lobby is AutoAdmittedUsers and the organizer's Meeting options.",
			Bad:  "Set-CsTeamsMeetingPolicy -Identity Global -AllowOrganizersToOverrideLobbySettings $true\n",
			Good: "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompany\n"},
			check: checkNoOpSettings},
	}
}

// globalOnlySet reports whether a Set- cmdlet changes a configuration a
// tenant has only as Global (its cmdlet page: "The only valid input is
// Global").
func globalOnlySet(cmdlet string) bool {
	switch strings.ToLower(cmdlet) {
	case "set-csteamsmeetingconfiguration", "set-cstenantfederationconfiguration",
		"set-csteamsacsfederationconfiguration", "set-csaccessedgeconfiguration":
		return true
	}
	return false
}

// resetsGlobal reports whether Remove- of a policy noun's Global instance
// resets it to the defaults instead of failing (Remove-CsExternalAccessPolicy,
// Remove-CsConferencingPolicy).
func resetsGlobal(noun string) bool {
	return noun == "csexternalaccesspolicy" || noun == "csconferencingpolicy"
}

// noOpSettings are the meeting-policy settings documented to have no
// effect (lower-case names), with what the documentation says.
func noOpSettings() [][2]string {
	return [][2]string{
		{"alloworganizerstooverridelobbysettings", "is deprecated and has no effect"},
		{"allowusertojoinexternalmeeting", "currently has no effect"},
	}
}

// svValueSpan returns the span of an argument's value, or of the whole
// argument when there is none.
func svValueSpan(a *setArg) (parser.Pos, parser.Pos) {
	switch {
	case a.value != nil:
		return a.value.Pos, a.end
	case a.expr != nil:
		return a.expr.Pos, a.end
	}
	return a.pos, a.end
}

func checkGlobalOnly(f *File, env *Env, report func(Finding)) {
	for _, c := range setCalls(f, env) {
		if !globalOnlySet(c.cmdlet) || c.identity == "" || c.identity == "global" {
			continue
		}
		var pos, end parser.Pos
		text := ""
		if a, ok := c.args["identity"]; ok {
			pos, end = svValueSpan(a)
			text, _ = setString(a)
		} else {
			// the positional identity: the first argument no parameter took
			taken := map[*parser.Expr]bool{}
			for _, a := range c.args {
				if a.expr != nil {
					taken[a.expr] = true
				}
			}
			for i, el := range c.cmd.Elements {
				if arg, ok := el.(*parser.CommandArgument); ok && !taken[arg.Expr] {
					pos, end = arg.Pos, stElemEnd(f, c.cmd, i)
					text, _ = stUnaryString(arg.Expr.First)
					break
				}
			}
		}
		if pos.Line == 0 {
			continue
		}
		report(Finding{Pos: pos, End: end,
			Message:    fmt.Sprintf("%s changes a configuration that exists only as Global: the identity %q names nothing, and the call fails.", c.cmdlet, text),
			Suggestion: "use -Identity Global, or leave -Identity out"})
	}
}

// serviceChecks reports the policy identities the service refuses
// (CSE1403, CSE1404, CSE1405), from the policy uses the analysis
// collected.
func (a *analyzer) serviceChecks() {
	blocks := svBlocks(a.f.Script)
	for i, u := range a.uses {
		id := normPolicy(u.id)
		switch {
		case u.verb == "grant" && u.toUser && id == "global":
			a.report("CSE1403", u.at, fmt.Sprintf("Policy %q is not a user policy. You can assign only a user policy to a specific user.", "Global"),
				"to give the user the Global policy back, remove the assignment with -PolicyName $null")
		case u.verb == "remove" && id == "global" && !resetsGlobal(u.noun):
			a.report("CSE1404", u.at, fmt.Sprintf("The global %s cannot be removed.", a.nounLabel(u.noun)),
				fmt.Sprintf("change its settings with Set-%s -Identity Global", a.nounName(u.noun)))
		case u.verb == "new" && id == "global":
			a.report("CSE1405", u.at, fmt.Sprintf("Cannot create %q %q because it already exists: every tenant has the Global policy.", a.nounLabel(u.noun), "Global"),
				fmt.Sprintf("change it with Set-%s -Identity Global", a.nounName(u.noun)))
		case u.verb == "new" && id != "":
			if prev := a.createdBefore(i, blocks); prev != nil {
				shown := u.id
				if !strings.Contains(shown, ":") {
					shown = "Tag:" + shown
				}
				a.report("CSE1405", u.at, fmt.Sprintf("Cannot create %q %q because it already exists: this script creates it on line %d.", a.nounLabel(u.noun), shown, prev.at.pos.Line),
					fmt.Sprintf("change it with Set-%s -Identity %s", a.nounName(u.noun), u.id))
			}
		}
	}
}

// createdBefore returns the earlier New- of the same policy in the same
// block as use i, when no Remove- of it (or of a policy named by a value
// not known) comes in between.
func (a *analyzer) createdBefore(i int, blocks map[*parser.Command]*parser.StatementList) *policyUse {
	u := a.uses[i]
	block := blocks[u.cmd]
	if block == nil {
		return nil
	}
	id := normPolicy(u.id)
	var found *policyUse
	for j := 0; j < i; j++ {
		p := &a.uses[j]
		if p.noun != u.noun || normPolicy(p.id) != id {
			continue
		}
		switch p.verb {
		case "new":
			if blocks[p.cmd] == block {
				found = p
			}
		case "remove":
			found = nil
		}
	}
	if found != nil && a.removedBetween(u.noun, found.cmd.Pos, u.cmd.Pos) {
		return nil
	}
	return found
}

// removedBetween reports whether a Remove- of the noun with an identity
// the analysis could not read lies between two positions.
func (a *analyzer) removedBetween(noun string, from, to parser.Pos) bool {
	removed := false
	parser.Walk(a.f.Script, func(n any) bool {
		c, ok := n.(*parser.Command)
		if !ok || removed {
			return !removed
		}
		if before(from, c.Pos) && before(c.Pos, to) {
			if cmd, ok := a.resolve(c.Name); ok && strings.EqualFold(cmd.Name, "Remove-"+noun) {
				removed = true
			}
		}
		return true
	})
	return removed
}

// svBlocks maps each command that starts a statement to the statement
// list holding that statement.
func svBlocks(s *parser.Script) map[*parser.Command]*parser.StatementList {
	out := map[*parser.Command]*parser.StatementList{}
	if s == nil {
		return out
	}
	parser.Walk(s, func(n any) bool {
		l, ok := n.(*parser.StatementList)
		if !ok {
			return true
		}
		for _, st := range l.Stmts {
			if c := firstCommand(st); c != nil {
				out[c] = l
			}
		}
		return true
	})
	return out
}

// nounName returns a policy noun as the cmdlet spells it (CsTeamsMeetingPolicy).
func (a *analyzer) nounName(noun string) string {
	if c, ok := a.cmds.Lookup("New-" + noun); ok {
		if _, n, ok := strings.Cut(c.Name, "-"); ok {
			return n
		}
	}
	return noun
}

// nounLabel is how messages name a policy kind (TeamsMeetingPolicy).
func (a *analyzer) nounLabel(noun string) string {
	return strings.TrimPrefix(a.nounName(noun), "Cs")
}

// nearCreated returns the one policy of u's kind the script creates whose
// name is one edit from u's, as the script spells it; "" when there is
// none or more than one.
func (a *analyzer) nearCreated(u policyUse) string {
	id := normPolicy(u.id)
	found := ""
	seen := map[string]bool{}
	for _, c := range a.uses {
		n := normPolicy(c.id)
		if c.verb != "new" || c.noun != u.noun || seen[n] || n == id || distance(n, id) != 1 {
			continue
		}
		seen[n] = true
		if found != "" {
			return ""
		}
		found = c.id
	}
	if found != "" && !strings.Contains(found, ":") {
		found = "Tag:" + found
	}
	return found
}

// svLastBool returns the last literal value calls of cmdlet give param,
// and the argument that gives it; ok is false when no call sets it, or
// when the last call that may set it (a value not known, or a splat) is
// not literal.
func svLastBool(calls []*setCall, cmdlet, param string) (val bool, at *setArg, ok bool) {
	for _, c := range calls {
		if !strings.EqualFold(c.cmdlet, cmdlet) {
			continue
		}
		a, has := c.args[strings.ToLower(param)]
		if !has {
			if c.splat {
				at, ok = nil, false
			}
			continue
		}
		v, lit := setBool(a)
		val, at, ok = v, a, lit
	}
	return val, at, ok && at != nil
}

func checkEdgeOutsideOff(f *File, env *Env, report func(Finding)) {
	calls := setCalls(f, env)
	outside, off, ok := svLastBool(calls, "Set-CsAccessEdgeConfiguration", "AllowOutsideUsers")
	if !ok || outside {
		return
	}
	for _, c := range calls {
		if !strings.EqualFold(c.cmdlet, "Set-CsAccessEdgeConfiguration") {
			continue
		}
		a, has := c.args["allowanonymoususers"]
		if !has {
			continue
		}
		if v, lit := setBool(a); !lit || !v {
			continue
		}
		report(Finding{Pos: a.pos, End: a.end,
			Message:    fmt.Sprintf("AllowAnonymousUsers has no effect while AllowOutsideUsers is $false (line %d): the Edge lets nobody in from outside, anonymous users included.", off.pos.Line),
			Suggestion: "set -AllowOutsideUsers $true, or drop -AllowAnonymousUsers"})
	}
}

func checkPolicyUnderOrgSwitch(f *File, env *Env, report func(Finding)) {
	calls := setCalls(f, env)
	disabled, at, ok := svLastBool(calls, "Set-CsTeamsMeetingConfiguration", "DisableAnonymousJoin")
	if !ok || !disabled {
		return
	}
	for _, c := range calls {
		if !stIsMeetingPolicy(c) {
			continue
		}
		a, has := c.args["allowanonymoususerstojoinmeeting"]
		if !has {
			continue
		}
		if v, lit := setBool(a); !lit || !v {
			continue
		}
		report(Finding{Pos: a.pos, End: a.end,
			Message:    fmt.Sprintf("AllowAnonymousUsersToJoinMeeting $true has no effect for policy %q: DisableAnonymousJoin $true (line %d) turns unverified anonymous join off for the whole tenant.", stIdentityText(c), at.pos.Line),
			Suggestion: "set -DisableAnonymousJoin $false to let the meeting policies decide"})
	}
}

func checkNoOpSettings(f *File, env *Env, report func(Finding)) {
	for _, c := range setCalls(f, env) {
		if !stIsMeetingPolicy(c) {
			continue
		}
		for _, el := range c.cmd.Elements {
			p, ok := el.(*parser.CommandParameter)
			if !ok {
				continue
			}
			for _, kw := range noOpSettings() {
				key, what := kw[0], kw[1]
				a, has := c.args[key]
				if !has || a.pos != p.Pos {
					continue
				}
				report(Finding{Pos: a.pos, End: a.end,
					Message:    fmt.Sprintf("%s %s (Set-CsTeamsMeetingPolicy documentation): setting it changes nothing.", a.name, what),
					Suggestion: "drop it"})
			}
		}
	}
}
