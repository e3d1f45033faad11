package join

import (
	"fmt"
	"strings"
	"time"

	"github.com/csemu/csemu/state"
)

// evaluation is one evaluation of a question: what the rules read, the
// reasons and warnings they gave and the outcome they reached.
type evaluation struct {
	t         *state.Tenant
	now       time.Time
	reasons   []string
	warnings  []string
	path      []Setting // settings on the deciding path, in order
	outcome   string
	decidedBy string
	resolved  Effective // the organizer's effective policy
	external  Effective // the organizer's effective ExternalAccessPolicy, when the participant names a domain
	kind      string    // the participant kind: Anonymous or External
}

// read returns a setting's value and records it on the deciding path.
func (e *evaluation) read(o *state.Object, property string) any {
	e.path = append(e.path, Setting{o.Kind, o.Identity, property})
	v, _ := o.Get(property)
	return v
}

// valueOf returns a setting's value without putting it on the deciding
// path (capabilities and warnings do not decide the outcome).
func (e *evaluation) valueOf(o *state.Object, property string) any {
	v, _ := o.Get(property)
	return v
}

// shown describes a setting and its value for Reasons: the value and the
// script line that last set it, or that it is the default.
func (e *evaluation) shown(o *state.Object, property string, v any) string {
	ref := Setting{o.Kind, o.Identity, property}
	return fmt.Sprintf("%s = %s (%s)", ref, ShowValue(v), e.origin(ref))
}

// ImportCmdlet is the cmdlet that the change log names for the values an
// import of a tenant export set.
const ImportCmdlet = "Import-EmuTenant"

// ShowValue writes a stored value for a message: $null for nil, else as
// [state.Text] does.
func ShowValue(v any) string {
	if v == nil {
		return "$null"
	}
	return state.Text(v)
}

// origin tells where a setting's value comes from.
func (e *evaluation) origin(ref Setting) string {
	ch, ok := e.t.LastChange(ref.Kind, ref.Identity, ref.Property)
	if !ok {
		if ref.Property == "" {
			return "default"
		}
		if ch, ok = e.t.LastChange(ref.Kind, ref.Identity, ""); ok {
			if ch.Cmdlet == ImportCmdlet && (ref.Kind == "User" || ref.Kind == "Group") {
				// a user imported with its direct policies: one entry
				// names the line that gave them all
				return ChangeWhere(ch)
			}
			if ref.Kind == KindM365TeamsApp || ref.Kind == KindM365UnifiedTenantSettings {
				return "default of the entry created by " + ChangeWhere(ch)
			}
			return "default of the policy created by " + ChangeWhere(ch)
		}
		return "default"
	}
	if ch.Cmdlet == ImportCmdlet {
		return ChangeWhere(ch)
	}
	return "set by " + ChangeWhere(ch)
}

// ChangeWhere renders where a change was made: the cmdlet at file:line,
// or for an imported value the file and the line or JSON path it came
// from ("imported from Get-CsTeamsMeetingPolicy.json
// $[3].AllowAnonymousUsersToJoinMeeting").
func ChangeWhere(ch *state.Change) string {
	if ch.Cmdlet == ImportCmdlet {
		where := "imported from " + ch.File
		if ch.Line > 0 {
			where = fmt.Sprintf("imported from %s:%d", ch.File, ch.Line)
		}
		if ch.At != "" {
			where += " " + ch.At
		}
		return where
	}
	where := ch.Cmdlet
	if ch.File != "" {
		where = fmt.Sprintf("%s at %s:%d", ch.Cmdlet, ch.File, ch.Line)
	} else if ch.Line > 0 {
		where = fmt.Sprintf("%s at line %d", ch.Cmdlet, ch.Line)
	}
	return where
}

func (e *evaluation) reason(format string, args ...any) {
	e.reasons = append(e.reasons, fmt.Sprintf(format, args...))
}

func (e *evaluation) warn(format string, args ...any) {
	e.warnings = append(e.warnings, fmt.Sprintf(format, args...))
}

func (e *evaluation) decide(outcome, by string) {
	e.outcome, e.decidedBy = outcome, by
}

// recentChanges warns about the settings on the deciding path that changed
// less than 24 hours ago by the emulated clock.
func (e *evaluation) recentChanges() {
	seen := map[Setting]bool{}
	for _, ref := range e.path {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		ch, ok := e.t.LastChange(ref.Kind, ref.Identity, ref.Property)
		if !ok || ch.Cmdlet == ImportCmdlet {
			// an imported value is what the live tenant already has
			continue
		}
		age := e.now.Sub(ch.Time)
		if age < 0 || age >= PropagationDelay {
			continue
		}
		name := ref.String()
		if ref.Kind == "User" || ref.Kind == "Group" || ref.Kind == "Tenant" {
			name = fmt.Sprintf("The %s assignment of %s %s", ref.Property, strings.ToLower(ref.Kind), ref.Identity)
			if ref.Kind == "Tenant" {
				name = fmt.Sprintf("The tenant-wide %s grant", ref.Property)
			}
		}
		e.warn("%s changed %s ago (%s); the live service may take up to 24 hours to apply it, so real meetings may still behave as before.",
			name, ageText(age), ChangeWhere(ch))
	}
}

// ageText renders a duration the way a person would say it.
func ageText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	default:
		return plural(int(d/time.Hour), "hour")
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// answer ends the evaluation: it adds the warnings about recent changes
// and returns the answer.
func (e *evaluation) answer(q Question, policy, source string, chat, apps bool) *Answer {
	allowed := e.outcome == Admitted || e.outcome == Lobby
	if !allowed {
		chat, apps = false, false
	}
	e.recentChanges()
	kind := e.kind
	if kind == "" && e.outcome != Unknown {
		kind = KindAnonymous
	}
	return &Answer{Service: q.Service, ClientType: q.ClientType, MeetingType: q.MeetingType, ParticipantKind: kind, Allowed: allowed,
		Outcome: e.outcome, DecidedBy: e.decidedBy, PolicyName: policy, PolicySource: source, Chat: chat, AppInteraction: apps,
		Reasons: e.reasons, Warnings: e.warnings}
}

// object returns a stored object, or its defaults when the tenant lacks it.
func (e *evaluation) object(kind, identity string) *state.Object {
	if o, ok := e.t.Object(kind, identity); ok {
		return o
	}
	o, ok := state.DefaultObject(kind)
	if !ok {
		o = &state.Object{Kind: kind}
	}
	o.Identity = identity
	return o
}

// policy returns the organizer's effective policy of kind and explains
// where it comes from. A policy that is assigned but does not exist is
// evaluated as Global, with a warning.
func (e *evaluation) policy(u *state.User, kind, policyType string) (*state.Object, string) {
	return e.policyOf(u, e.resolved, kind, policyType)
}

// policyOf explains the effective policy eff of kind and returns it.
func (e *evaluation) policyOf(u *state.User, eff Effective, kind, policyType string) (*state.Object, string) {
	switch eff.Source {
	case SourceDirect:
		e.path = append(e.path, Setting{"User", u.UPN, policyType})
		e.reason("Policy: %s %s is assigned directly to %s (%s).", policyType, eff.Identity, u.UPN, e.origin(Setting{"User", u.UPN, policyType}))
	case SourceGroup:
		e.path = append(e.path, Setting{"Group", eff.GroupID, policyType})
		e.reason("Policy: %s %s comes from group %s at rank %d, the best rank among the organizer's groups (%s).",
			policyType, eff.Identity, eff.GroupID, eff.Rank, e.origin(Setting{"Group", eff.GroupID, policyType}))
	case SourceTenant:
		e.path = append(e.path, Setting{"Tenant", "Global", policyType})
		e.reason("Policy: %s %s is granted to the whole tenant with -Global (%s).", policyType, eff.Identity, e.origin(Setting{"Tenant", "Global", policyType}))
	default:
		e.reason("Policy: the organizer has no %s assigned directly, by group or tenant-wide, so Global applies.", policyType)
	}
	o, ok := e.t.Object(kind, eff.Identity)
	if !ok {
		e.warn("The %s %s assigned to the organizer does not exist; csemu evaluated Global.", policyType, eff.Identity)
		o = e.object(kind, "Global")
		eff.Identity, eff.Source = "Global", SourceGlobal
	}
	return o, string(eff.Source)
}
