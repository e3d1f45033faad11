package lint

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

// settingRules check settings with no effect or a hidden effect on
// anonymous join.
func settingRules() []ruleDef {
	return []ruleDef{
		{Rule: Rule{Code: "CSE2001", Name: "org-anonymous-switch", Severity: Info,
			Summary: "DisableAnonymousJoin is the org-wide switch that is going away; use the meeting policy.",
			Help: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin turns anonymous join off for the whole tenant. " +
				"Microsoft says this org-wide switch is going away and recommends leaving it off and controlling " +
				"anonymous join per organizer with the meeting policy's AllowAnonymousUsersToJoinMeeting.",
			Bad:  "Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $true\n",
			Good: "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -AnonymousUserAuthenticationMethod None\n"},
			check: checkOrgSwitch},
		{Rule: Rule{Code: "CSE2002", Name: "start-meeting-without-everyone", Severity: Warning,
			Summary: "AllowAnonymousUsersToStartMeeting has no effect unless AutoAdmittedUsers is Everyone.",
			Help: "AllowAnonymousUsersToStartMeeting lets anonymous and dial-in users start a meeting before a signed-in " +
				"participant, but it only applies when the same meeting policy admits everyone (AutoAdmittedUsers " +
				"Everyone). With any other value anonymous users wait in the lobby anyway. The rule looks for " +
				"-AutoAdmittedUsers Everyone on the same policy in the same call or anywhere else in the script.",
			Bad:  "New-CsTeamsMeetingPolicy -Identity Open -AllowAnonymousUsersToStartMeeting $true\n",
			Good: "New-CsTeamsMeetingPolicy -Identity Open -AllowAnonymousUsersToStartMeeting $true -AutoAdmittedUsers Everyone\n"},
			check: checkStartMeeting},
		{Rule: Rule{Code: "CSE2003", Name: "edge-open-policy-closed", Severity: Warning,
			Summary: "The Edge admits anonymous users but the conferencing policies refuse them.",
			Help: "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true lets unauthenticated users cross the Edge " +
				"into meetings, but a conferencing policy with AllowAnonymousParticipantsInMeetings $false still " +
				"refuses them in every meeting organized by a user with that policy. A script that does both " +
				"probably expects anonymous users to get in where they will not.",
			Bad: "Set-CsConferencingPolicy -Identity Global -AllowAnonymousParticipantsInMeetings $false\n" +
				"Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n",
			Good: "Set-CsConferencingPolicy -Identity Global -AllowAnonymousParticipantsInMeetings $true\n" +
				"Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n"},
			check: checkEdgeVsPolicy},
		{Rule: Rule{Code: "CSE2004", Name: "all-client-types-blocked", Severity: Warning,
			Summary: "Blocking both anonymous client types blocks every anonymous join.",
			Help: "BlockedAnonymousJoinClientTypes takes Acs and Teams. Listing both blocks every anonymous " +
				"participant, which is the same as AllowAnonymousUsersToJoinMeeting $false but harder to read " +
				"and easy to miss when someone later turns anonymous join back on.",
			Bad:  "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs,Teams\n",
			Good: "Set-CsTeamsMeetingPolicy -Identity Global -BlockedAnonymousJoinClientTypes Acs\n"},
			check: checkBlockedClients},
		{Rule: Rule{Code: "CSE2005", Name: "otp-left-open", Severity: Warning,
			Summary: "Anonymous join is turned off but AnonymousUserAuthenticationMethod stays OneTimePasscode.",
			Help: "AnonymousUserAuthenticationMethod defaults to OneTimePasscode: when unverified anonymous join is " +
				"off, organizers with a Teams Premium license still let anonymous people in after they verify an " +
				"email code (MC953756). A script that turns anonymous join off should also set " +
				"-AnonymousUserAuthenticationMethod None on the same policy (on any policy for the org-wide switch).",
			Bad:  "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
			Good: "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -AnonymousUserAuthenticationMethod None\n"},
			check: checkOTPLeftOpen},
		{Rule: Rule{Code: "CSE2006", Name: "federation-list-no-effect", Severity: Warning,
			Summary: "A federation domain setting that does not do what it seems to.",
			Help: "Set-CsTenantFederationConfiguration decides which external domains users can communicate with. " +
				"AllowedDomains is AllowAllKnownDomains in a new tenant: -AllowedDomainsAsAList @{Add=...} then " +
				"turns it into an allow list of only the added domains, cutting users off from every other external " +
				"domain. While AllowedDomains is an allow list, BlockedDomains and BlockAllSubdomains are ignored; " +
				"while AllowFederatedUsers is False, both lists are. csemu tells this on the verbose stream when a " +
				"script runs (the real cmdlet says nothing); this rule tells it before.",
			Bad:  "Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add = 'fabrikam.com'}\n",
			Good: "Set-CsTenantFederationConfiguration -BlockedDomains @{Add = 'spam.example'}\n"},
			check: checkFederationLists},
		{Rule: Rule{Code: "CSE2007", Name: "acs-settings-no-effect", Severity: Warning,
			Summary: "Azure Communication Services federation settings while ACS users are off, or a resource that is not an ID.",
			Help: "Set-CsTeamsAcsFederationConfiguration's AllowedAcsResources, RequireAcsFederationForMeeting, " +
				"LabelForAllowedAcsUsers and HideBannerForAllowedAcsUsers have no effect while EnableAcsUsers is False " +
				"(its default): the service ignores them. AllowedAcsResources takes the immutable resource IDs (GUIDs) " +
				"of ACS resources, as the Azure portal shows them, not their names.",
			Bad:  "Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1'\n",
			Good: "Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1'\n"},
			check: checkAcsSettings},
	}
}

// setArg is one bound parameter of a call.
type setArg struct {
	name     string        // canonical parameter name
	pos, end parser.Pos    // the parameter token through its value
	value    *parser.Unary // -Name:value
	expr     *parser.Expr  // -Name value
	flag     bool          // a switch or a parameter with no value
	cmd      *parser.Command
	// flow is the data-flow pass's facts, for values given through
	// variables.
	flow *flowInfo
}

// setCall is a call of one of the cmdlets the settings rules read.
type setCall struct {
	cmdlet   string // canonical cmdlet name
	cmd      *parser.Command
	args     map[string]*setArg // lower-case canonical name -> argument
	identity string             // normalized identity; "" when not literal
	// splat is set when a splat may bind anything.
	splat bool
}

var setWatched = map[string]bool{
	"set-csteamsmeetingpolicy":              true,
	"new-csteamsmeetingpolicy":              true,
	"set-csteamsmeetingconfiguration":       true,
	"set-csaccessedgeconfiguration":         true,
	"set-csconferencingpolicy":              true,
	"new-csconferencingpolicy":              true,
	"set-cstenantfederationconfiguration":   true,
	"set-csteamsacsfederationconfiguration": true,
}

// setCommonNames are the common parameters, for prefix matching.
var setCommonNames = []string{"Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
	"ProgressAction", "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer",
	"PipelineVariable", "WhatIf", "Confirm"}

// setCalls collects the calls of the watched cmdlets, in source order;
// the rules that read them share one collection per file.
func setCalls(f *File, env *Env) []*setCall {
	if f.Script == nil || env == nil || env.Commands == nil {
		return nil
	}
	if f.setCallsEnv == env {
		return f.setCalls
	}
	f.setCalls, f.setCallsEnv = collectSetCalls(f, env), env
	return f.setCalls
}

func collectSetCalls(f *File, env *Env) []*setCall {
	var out []*setCall
	parser.Walk(f.Script, func(n any) bool {
		cmd, ok := n.(*parser.Command)
		if !ok || cmd.Name == "" {
			return true
		}
		name := cmd.Name
		if i := strings.LastIndex(name, "\\"); i >= 0 {
			name = name[i+1:]
		}
		def, ok := env.Commands.Lookup(name)
		if !ok || !setWatched[strings.ToLower(def.Name)] {
			return true
		}
		c := &setCall{cmdlet: def.Name, cmd: cmd, args: map[string]*setArg{}}
		lookup := func(typed string) (string, bool, bool) {
			// exact name or alias first, then a unique prefix
			lt := strings.ToLower(typed)
			for _, p := range def.Params {
				if strings.ToLower(p.Name) == lt {
					return p.Name, p.IsSwitch(), true
				}
				for _, a := range p.Aliases {
					if strings.ToLower(a) == lt {
						return p.Name, p.IsSwitch(), true
					}
				}
			}
			var found string
			var sw bool
			count := 0
			for _, p := range def.Params {
				if strings.HasPrefix(strings.ToLower(p.Name), lt) {
					found, sw = p.Name, p.IsSwitch()
					count++
				}
			}
			for _, cn := range setCommonNames {
				if strings.HasPrefix(strings.ToLower(cn), lt) {
					count++
				}
			}
			return found, sw, count == 1 && found != ""
		}
		var positional []*parser.CommandArgument
		els := cmd.Elements
		for i := 0; i < len(els); i++ {
			switch e := els[i].(type) {
			case *parser.Splat:
				c.splat = true
			case *parser.CommandArgument:
				positional = append(positional, e)
			case *parser.CommandParameter:
				pname, sw, ok := lookup(e.Name)
				a := &setArg{name: pname, pos: e.Pos, cmd: cmd, flow: flowOf(f)}
				a.end = stTokenEnd(e.Pos, len([]rune(e.Name))+1)
				if e.Arg != nil {
					a.value = e.Arg
					a.end = stElemEnd(f, cmd, i)
				} else if !sw && i+1 < len(els) {
					if next, isArg := els[i+1].(*parser.CommandArgument); isArg {
						a.expr = next.Expr
						i++
						a.end = stElemEnd(f, cmd, i)
					} else {
						a.flag = true
					}
				} else {
					a.flag = true
				}
				if ok {
					c.args[strings.ToLower(pname)] = a
				}
			}
		}
		if a, ok := c.args["identity"]; ok {
			c.identity = setIdentity(a)
		} else if len(positional) > 0 {
			c.identity = setIdentity(&setArg{expr: positional[0].Expr})
		} else if strings.HasPrefix(strings.ToLower(def.Name), "set-") {
			c.identity = "global"
		}
		out = append(out, c)
		return true
	})
	return out
}

// setIdentity normalizes a literal identity; "" when it is not literal.
func setIdentity(a *setArg) string {
	s, ok := setString(a)
	if !ok {
		return ""
	}
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "tag:")
	return s
}

// setUnary returns the argument as a single operand, when it is one.
func setUnary(a *setArg) *parser.Unary {
	if a.value != nil {
		return a.value
	}
	if a.expr != nil && len(a.expr.Rest) == 0 && a.expr.Ternary == nil {
		return a.expr.First
	}
	return nil
}

// setString reads a literal string argument, or the constant string the
// data-flow pass knows reaches it.
func setString(a *setArg) (string, bool) {
	u := setUnary(a)
	if u == nil {
		return "", false
	}
	if s, ok := stUnaryString(u); ok {
		return s, true
	}
	if fv, ok := a.flow.unaryValue(u); ok && fv.alts == nil {
		s, ok := fv.v.(string)
		return s, ok
	}
	return "", false
}

func stUnaryString(u *parser.Unary) (string, bool) {
	if u == nil || len(u.Prefix) != 0 || len(u.Post) != 0 {
		return "", false
	}
	switch p := u.Primary.(type) {
	case *parser.StringLit:
		return p.Value, true
	case *parser.BareWord:
		return p.Value, true
	}
	return "", false
}

// setBool reads a literal Boolean argument: $true, $false, 1 or 0, given
// as it is or through a variable the data-flow pass follows.
func setBool(a *setArg) (val, ok bool) {
	u := setUnary(a)
	if u == nil || len(u.Prefix) != 0 || len(u.Post) != 0 {
		return false, false
	}
	if fv, ok := a.flow.unaryValue(u); ok && fv.alts == nil {
		switch v := fv.v.(type) {
		case bool:
			return v, true
		case int32:
			return v != 0, true
		case int64:
			return v != 0, true
		case int:
			return v != 0, true
		}
		return false, false
	}
	switch p := u.Primary.(type) {
	case *parser.VarExpr:
		switch strings.ToLower(p.Name) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	case *parser.NumberLit:
		if p.Value.Kind == parser.Int32 || p.Value.Kind == parser.Int64 {
			return p.Value.Int != 0, true
		}
	}
	return false, false
}

// setList reads a literal list of strings: a, 'b', @('a','b'). ok is false
// when an item is not literal.
func setList(a *setArg) ([]string, bool) {
	if u := setUnary(a); u != nil {
		return stUnaryList(u)
	}
	if a.expr == nil {
		return nil, false
	}
	return stExprList(a.expr)
}

func stExprList(e *parser.Expr) ([]string, bool) {
	if e.Ternary != nil {
		return nil, false
	}
	var out []string
	items := []*parser.Unary{e.First}
	for _, r := range e.Rest {
		if r.Op != "," {
			return nil, false
		}
		items = append(items, r.Right)
	}
	for _, it := range items {
		s, ok := stUnaryString(it)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func stUnaryList(u *parser.Unary) ([]string, bool) {
	if s, ok := stUnaryString(u); ok {
		return []string{s}, true
	}
	if len(u.Prefix) != 0 || len(u.Post) != 0 {
		return nil, false
	}
	var list *parser.StatementList
	switch p := u.Primary.(type) {
	case *parser.ArrayExpr:
		list = p.List
	case *parser.ParenExpr:
		if p.Stmt == nil {
			return nil, false
		}
		list = &parser.StatementList{Stmts: []parser.Statement{p.Stmt}}
	default:
		return nil, false
	}
	if list == nil || len(list.Stmts) == 0 {
		return nil, true
	}
	if len(list.Stmts) != 1 {
		return nil, false
	}
	ps, ok := list.Stmts[0].(*parser.PipelineStatement)
	if !ok || ps.Op != "" || len(ps.Chain) != 0 || ps.Left == nil || len(ps.Left.Elems) != 1 {
		return nil, false
	}
	ce, ok := ps.Left.Elems[0].(*parser.CommandExpression)
	if !ok || ce.Expr == nil {
		return nil, false
	}
	return stExprList(ce.Expr)
}

// setHash returns the hashtable literal of an argument (@{Add=...}).
func setHash(a *setArg) *parser.HashLiteral {
	u := setUnary(a)
	if u == nil || len(u.Prefix) != 0 || len(u.Post) != 0 {
		return nil
	}
	h, _ := u.Primary.(*parser.HashLiteral)
	return h
}

// stHashList reads the literal list of a hashtable entry value.
func stHashList(st parser.Statement) ([]string, bool) {
	ps, ok := st.(*parser.PipelineStatement)
	if !ok || ps.Op != "" || len(ps.Chain) != 0 || ps.Left == nil || len(ps.Left.Elems) != 1 {
		return nil, false
	}
	ce, ok := ps.Left.Elems[0].(*parser.CommandExpression)
	if !ok || ce.Expr == nil {
		return nil, false
	}
	if len(ce.Expr.Rest) == 0 && ce.Expr.Ternary == nil {
		return stUnaryList(ce.Expr.First)
	}
	return stExprList(ce.Expr)
}

func stIsMeetingPolicy(c *setCall) bool {
	return strings.EqualFold(c.cmdlet, "Set-CsTeamsMeetingPolicy") || strings.EqualFold(c.cmdlet, "New-CsTeamsMeetingPolicy")
}

func stIsConfPolicy(c *setCall) bool {
	return strings.EqualFold(c.cmdlet, "Set-CsConferencingPolicy") || strings.EqualFold(c.cmdlet, "New-CsConferencingPolicy")
}

// stSameIdentity reports whether two calls may name the same policy: equal
// literal identities, or one not literal.
func stSameIdentity(a, b *setCall) bool {
	return a.identity == "" || b.identity == "" || a.identity == b.identity
}

func stIdentityText(c *setCall) string {
	if a, ok := c.args["identity"]; ok {
		if s, ok := setString(a); ok {
			return s
		}
		return "(computed)"
	}
	if c.identity == "global" {
		return "Global"
	}
	return c.identity
}

// stSettingSet reports whether some meeting-policy call that may target c's
// policy (any policy when c is nil) sets param to a value that match
// accepts or that is not literal, or may through a splat.
func stSettingSet(calls []*setCall, c *setCall, param string, match func(v string) bool) bool {
	for _, o := range calls {
		if !stIsMeetingPolicy(o) || (c != nil && !stSameIdentity(c, o)) {
			continue
		}
		if o.splat {
			return true
		}
		a, ok := o.args[strings.ToLower(param)]
		if !ok {
			continue
		}
		s, lit := setString(a)
		if !lit || match(s) {
			return true
		}
	}
	return false
}

func checkOrgSwitch(f *File, env *Env, report func(Finding)) {
	for _, c := range setCalls(f, env) {
		if !strings.EqualFold(c.cmdlet, "Set-CsTeamsMeetingConfiguration") {
			continue
		}
		a, ok := c.args["disableanonymousjoin"]
		if !ok {
			continue
		}
		report(Finding{Pos: a.pos, End: a.end,
			Message:    "DisableAnonymousJoin is the org-wide switch that Microsoft says is going away; control anonymous join with the meeting policy's AllowAnonymousUsersToJoinMeeting instead.",
			Suggestion: "use Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false (and -AnonymousUserAuthenticationMethod None)"})
	}
}

func checkStartMeeting(f *File, env *Env, report func(Finding)) {
	calls := setCalls(f, env)
	for _, c := range calls {
		if !stIsMeetingPolicy(c) {
			continue
		}
		a, ok := c.args["allowanonymoususerstostartmeeting"]
		if !ok {
			continue
		}
		if v, lit := setBool(a); !lit || !v {
			continue
		}
		if stSettingSet(calls, c, "AutoAdmittedUsers", func(v string) bool { return join.BypassesLobby(v) }) {
			continue
		}
		report(Finding{Pos: a.pos, End: a.end,
			Message:    fmt.Sprintf("AllowAnonymousUsersToStartMeeting only applies when AutoAdmittedUsers is Everyone, and this script never sets AutoAdmittedUsers to Everyone for policy %q: anonymous users still wait in the lobby.", stIdentityText(c)),
			Suggestion: "add -AutoAdmittedUsers Everyone to this policy"})
	}
}

func checkEdgeVsPolicy(f *File, env *Env, report func(Finding)) {
	calls := setCalls(f, env)
	var closed *setCall
	for _, c := range calls {
		if !stIsConfPolicy(c) {
			continue
		}
		if a, ok := c.args["allowanonymousparticipantsinmeetings"]; ok {
			if v, lit := setBool(a); lit && !v {
				closed = c
				break
			}
		}
	}
	if closed == nil {
		return
	}
	for _, c := range calls {
		if !strings.EqualFold(c.cmdlet, "Set-CsAccessEdgeConfiguration") {
			continue
		}
		a, ok := c.args["allowanonymoususers"]
		if !ok {
			continue
		}
		if v, lit := setBool(a); !lit || !v {
			continue
		}
		report(Finding{Pos: a.pos, End: a.end,
			Message: fmt.Sprintf("The Edge now lets anonymous users in, but conferencing policy %q (line %d) sets AllowAnonymousParticipantsInMeetings to $false: meetings organized by users with that policy still refuse them.",
				stIdentityText(closed), closed.args["allowanonymousparticipantsinmeetings"].pos.Line),
			Suggestion: "set -AllowAnonymousParticipantsInMeetings $true on the policies of organizers who should admit anonymous users"})
	}
}

func checkBlockedClients(f *File, env *Env, report func(Finding)) {
	for _, c := range setCalls(f, env) {
		if !stIsMeetingPolicy(c) {
			continue
		}
		a, ok := c.args["blockedanonymousjoinclienttypes"]
		if !ok {
			continue
		}
		var lists [][]string
		if h := setHash(a); h != nil {
			for _, e := range h.Entries {
				k, ok := stUnaryString(e.Key)
				if !ok || !(strings.EqualFold(k, "Add") || strings.EqualFold(k, "Replace")) {
					continue
				}
				if l, ok := stHashList(e.Value); ok {
					lists = append(lists, l)
				}
			}
		} else if l, ok := setList(a); ok {
			lists = append(lists, l)
		}
		for _, l := range lists {
			acs, teams := false, false
			for _, v := range l {
				switch strings.ToLower(strings.TrimSpace(v)) {
				case "acs":
					acs = true
				case "teams":
					teams = true
				}
			}
			if acs && teams {
				report(Finding{Pos: a.pos, End: a.end,
					Message:    fmt.Sprintf("Blocking both Acs and Teams clients blocks every anonymous join for policy %q.", stIdentityText(c)),
					Suggestion: "if that is the intent, say it with -AllowAnonymousUsersToJoinMeeting $false"})
				break
			}
		}
	}
}

// allowedKind says what a call does to AllowedDomains: "" nothing,
// "all" AllowAllKnownDomains, "list" an allow list, "add" adds to the
// current value, "?" something not known without running the script.
func allowedKind(c *setCall) string {
	if a, ok := c.args["alloweddomainsasalist"]; ok {
		if h := setHash(a); h != nil {
			kind := "?"
			for _, e := range h.Entries {
				switch k, _ := stUnaryString(e.Key); strings.ToLower(k) {
				case "replace":
					return "list"
				case "add":
					kind = "add"
				}
			}
			return kind
		}
		if _, ok := setList(a); ok {
			return "list"
		}
		return "?"
	}
	a, ok := c.args["alloweddomains"]
	if !ok {
		return ""
	}
	if u := setUnary(a); u != nil && len(u.Prefix) == 0 && len(u.Post) == 0 {
		if pe, ok := u.Primary.(*parser.ParenExpr); ok && pe.Stmt != nil {
			if cmd := firstCommand(pe.Stmt); cmd != nil {
				switch strings.ToLower(cmd.Name) {
				case "new-csedgeallowallknowndomains":
					return "all"
				case "new-csedgeallowlist":
					return "list"
				}
			}
		}
	}
	return "?"
}

func checkFederationLists(f *File, env *Env, report func(Finding)) {
	listBefore := false // an earlier call may have made AllowedDomains an allow list
	for _, c := range setCalls(f, env) {
		if !strings.EqualFold(c.cmdlet, "Set-CsTenantFederationConfiguration") {
			continue
		}
		kind := allowedKind(c)
		if c.splat {
			kind = "?"
		}
		if a, ok := c.args["alloweddomainsasalist"]; ok && kind == "add" && !listBefore {
			report(Finding{Pos: a.pos, End: a.end,
				Message:    "With AllowedDomains at AllowAllKnownDomains (a new tenant's default), @{Add=...} turns it into an allow list of only these domains: users can then communicate with no other external domain.",
				Suggestion: "to allow only these domains, say so with @{Replace=...}; to keep every known domain, add nothing"})
		}
		list := kind == "list" || kind == "add"
		if list {
			for _, name := range []string{"blockeddomains", "blockallsubdomains"} {
				a, ok := c.args[name]
				if !ok {
					continue
				}
				if v, lit := setBool(a); name == "blockallsubdomains" && lit && !v {
					continue
				}
				report(Finding{Pos: a.pos, End: a.end,
					Message:    fmt.Sprintf("%s has no effect while AllowedDomains is an allow list: users can communicate only with the domains on it.", a.name),
					Suggestion: "block domains while AllowedDomains is AllowAllKnownDomains, or leave them off the allow list"})
			}
		}
		if a, ok := c.args["allowfederatedusers"]; ok {
			if v, lit := setBool(a); lit && !v {
				for _, name := range []string{"alloweddomains", "alloweddomainsasalist", "blockeddomains"} {
					if b, ok := c.args[name]; ok {
						report(Finding{Pos: b.pos, End: b.end,
							Message:    fmt.Sprintf("%s has no effect while AllowFederatedUsers is False: users cannot communicate with any external domain.", b.name),
							Suggestion: "drop it, or set -AllowFederatedUsers $true"})
					}
				}
			}
		}
		if kind != "" && kind != "all" {
			listBefore = true
		}
	}
}

func checkAcsSettings(f *File, env *Env, report func(Finding)) {
	calls := setCalls(f, env)
	// on anywhere: some call may turn EnableAcsUsers on (a literal $true, a
	// value not known, or a splat)
	on := false
	def, _ := state.DefaultObject(state.KindTeamsAcsFederationConfiguration)
	if v, _ := def.Get("EnableAcsUsers"); v == true {
		on = true
	}
	for _, c := range calls {
		if !strings.EqualFold(c.cmdlet, "Set-CsTeamsAcsFederationConfiguration") {
			continue
		}
		if c.splat {
			on = true
		}
		if a, ok := c.args["enableacsusers"]; ok {
			if v, lit := setBool(a); !lit || v {
				on = true
			}
		}
	}
	for _, c := range calls {
		if !strings.EqualFold(c.cmdlet, "Set-CsTeamsAcsFederationConfiguration") {
			continue
		}
		off := !on
		if a, ok := c.args["enableacsusers"]; ok {
			if v, lit := setBool(a); lit && !v {
				off = true
			}
		}
		// the settings the service ignores while EnableAcsUsers is False
		for _, name := range []string{"AllowedAcsResources", "RequireAcsFederationForMeeting", "LabelForAllowedAcsUsers", "HideBannerForAllowedAcsUsers"} {
			a, ok := c.args[strings.ToLower(name)]
			if !ok {
				continue
			}
			if off {
				report(Finding{Pos: a.pos, End: a.end,
					Message:    fmt.Sprintf("%s has no effect while EnableAcsUsers is False: the service ignores the other ACS federation settings.", name),
					Suggestion: "add -EnableAcsUsers $true"})
			}
			if name != "AllowedAcsResources" {
				continue
			}
			var items []string
			if h := setHash(a); h != nil {
				for _, e := range h.Entries {
					if l, ok := stHashList(e.Value); ok {
						items = append(items, l...)
					}
				}
			} else if l, ok := setList(a); ok {
				items = l
			}
			for _, it := range items {
				if !state.IsGUID(strings.Trim(strings.TrimSpace(it), "{}")) {
					report(Finding{Pos: a.pos, End: a.end,
						Message:    fmt.Sprintf("AllowedAcsResources: %q is not an immutable resource ID; the service expects the GUID of the ACS resource shown in the Azure portal.", it),
						Suggestion: "give the resource's immutable ID"})
				}
			}
		}
	}
}

// passcodeClosed reports whether an AnonymousUserAuthenticationMethod
// value shuts the email one-time passcode path (join rule 3) even for an
// organizer with Teams Premium.
func passcodeClosed(method string) bool {
	return !join.PasscodePathOpen(method, true, join.MeetingRegular)
}

func checkOTPLeftOpen(f *File, env *Env, report func(Finding)) {
	calls := setCalls(f, env)
	defaultMethod := ""
	// open reports whether the default AnonymousUserAuthenticationMethod,
	// looked up when a script first turns anonymous join off, leaves the
	// passcode path open.
	open := func() bool {
		if defaultMethod == "" {
			def, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
			m, _ := def.Get("AnonymousUserAuthenticationMethod")
			defaultMethod = state.Text(m)
		}
		return !passcodeClosed(defaultMethod)
	}
	for _, c := range calls {
		switch {
		case stIsMeetingPolicy(c):
			a, ok := c.args["allowanonymoususerstojoinmeeting"]
			if !ok {
				continue
			}
			if v, lit := setBool(a); !lit || v || !open() {
				continue
			}
			if stSettingSet(calls, c, "AnonymousUserAuthenticationMethod", passcodeClosed) {
				continue
			}
			report(Finding{Pos: a.pos, End: a.end,
				Message:    fmt.Sprintf("Anonymous join is turned off for policy %q but AnonymousUserAuthenticationMethod stays at its default %s: organizers with Teams Premium still admit anonymous people after an email code (MC953756).", stIdentityText(c), defaultMethod),
				Suggestion: "add -AnonymousUserAuthenticationMethod None"})
		case strings.EqualFold(c.cmdlet, "Set-CsTeamsMeetingConfiguration"):
			a, ok := c.args["disableanonymousjoin"]
			if !ok {
				continue
			}
			if v, lit := setBool(a); !lit || !v || !open() {
				continue
			}
			if stSettingSet(calls, nil, "AnonymousUserAuthenticationMethod", passcodeClosed) {
				continue
			}
			report(Finding{Pos: a.pos, End: a.end,
				Message:    fmt.Sprintf("Anonymous join is turned off org-wide but no meeting policy sets AnonymousUserAuthenticationMethod to None: it stays %s, and organizers with Teams Premium still admit anonymous people after an email code (MC953756).", defaultMethod),
				Suggestion: "add Set-CsTeamsMeetingPolicy -Identity Global -AnonymousUserAuthenticationMethod None"})
		}
	}
}

// stAdvance returns the position of byte offset off, scanning forward from
// the known position from.
func stAdvance(f *File, from parser.Pos, off int) parser.Pos {
	if off > len(f.Src) {
		off = len(f.Src)
	}
	p := from
	if off < p.Offset {
		return p
	}
	for _, r := range f.Src[p.Offset:off] {
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
	}
	p.Offset = off
	return p
}

// stTokenEnd returns the position n runes after p on the same line.
func stTokenEnd(p parser.Pos, n int) parser.Pos {
	return parser.Pos{Filename: p.Filename, Offset: p.Offset + n, Line: p.Line, Column: p.Column + n}
}

// stElemEnd returns where element i of cmd ends: before the next element
// (or the command's end), less trailing blanks and line continuations.
func stElemEnd(f *File, cmd *parser.Command, i int) parser.Pos {
	start := stElemPos(cmd.Elements[i])
	end := cmd.EndPos.Offset
	if i+1 < len(cmd.Elements) {
		if p := stElemPos(cmd.Elements[i+1]); p.Line != 0 {
			end = p.Offset
		}
	}
	if end > len(f.Src) || end <= 0 {
		end = len(f.Src)
	}
	for end > start.Offset && strings.ContainsRune(" \t\r\n`", rune(f.Src[end-1])) {
		end--
	}
	return stAdvance(f, start, end)
}

func stElemPos(e parser.CommandElement) parser.Pos {
	switch e := e.(type) {
	case *parser.CommandParameter:
		return e.Pos
	case *parser.CommandArgument:
		return e.Pos
	case *parser.Splat:
		return e.Pos
	case *parser.Redirection:
		return e.Pos
	}
	return parser.Pos{}
}
