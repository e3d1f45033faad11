package lint

import (
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/state"
)

// svOutcome answers q for an organizer on a tenant whose objects have the
// settings given (kind, identity, property, value, ...).
func svOutcome(t *testing.T, q join.Question, premium bool, settings ...any) string {
	t.Helper()
	tn := state.NewTenant()
	u := &state.User{UPN: "org@contoso.com", ObjectID: "oid-org", Enabled: true}
	if premium {
		u.Licenses = []string{"TeamsPremium"}
	}
	tn.PutUser(u)
	for i := 0; i+3 < len(settings); i += 4 {
		kind, id, prop := settings[i].(string), settings[i+1].(string), settings[i+2].(string)
		o, ok := tn.Object(kind, id)
		if !ok {
			o, _ = state.DefaultObject(kind)
			o.Identity = id
		}
		o.Set(prop, settings[i+3])
		tn.PutObject(o)
	}
	a := join.Evaluate(tn, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "org@contoso.com", q)
	return a.Outcome
}

// CSE2008 and CSE2009 say a setting has no effect; the anonymous join
// rules csemu follows give the same answer with the setting either way.
func TestServiceRulesAgreeWithJoin(t *testing.T) {
	sfb := join.Question{Service: join.ServiceSkype}
	for _, anon := range []bool{true, false} {
		got := svOutcome(t, sfb, false,
			state.KindAccessEdgeConfiguration, "Global", "AllowOutsideUsers", false,
			state.KindAccessEdgeConfiguration, "Global", "AllowAnonymousUsers", anon)
		if got != "Blocked" {
			t.Errorf("CSE2008: AllowOutsideUsers $false, AllowAnonymousUsers %v: %s, want Blocked", anon, got)
		}
	}
	for _, premium := range []bool{true, false} {
		for _, verified := range []bool{true, false} {
			q := join.Question{Service: join.ServiceTeams, Verified: verified}
			var outs []string
			for _, allow := range []bool{true, false} {
				outs = append(outs, svOutcome(t, q, premium,
					state.KindTeamsMeetingConfiguration, "Global", "DisableAnonymousJoin", true,
					state.KindTeamsMeetingPolicy, "Global", "AllowAnonymousUsersToJoinMeeting", allow))
			}
			if outs[0] != outs[1] {
				t.Errorf("CSE2009: premium %v, verified %v: AllowAnonymousUsersToJoinMeeting $true gives %s, $false %s", premium, verified, outs[0], outs[1])
			}
		}
	}
}
