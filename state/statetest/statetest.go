// Package statetest builds tenants for tests and benchmarks.
package statetest

import (
	"fmt"

	"github.com/csemu/csemu/state"
)

// Groups are the groups Directory creates.
var Groups = []string{"sales", "support", "legal", "hr", "it", "ops", "eng", "mkt"}

// Directory fills t with the tenant the 100,000-user benchmarks use: n
// users user<i>@contoso.com, nine in ten a member of one of Groups, a third
// with a TeamsPremium license and one in fifty with a direct grant; a
// dozen meeting policies Tag:P1..Tag:P12 (anonymous join on in the even
// ones, Acs blocked in every fourth), one group assignment per group and
// a tenant-wide grant of P12.
func Directory(t *state.Tenant, n int) error {
	for _, g := range Groups {
		if err := t.PutGroup(&state.Group{ID: g, DisplayName: g}); err != nil {
			return err
		}
	}
	for i := 1; i <= 12; i++ {
		o, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
		o.Identity = fmt.Sprintf("Tag:P%d", i)
		o.Set("AllowAnonymousUsersToJoinMeeting", i%2 == 0)
		o.Set("AutoAdmittedUsers", []string{"Everyone", "EveryoneInCompany", "OrganizerOnly"}[i%3])
		if i%4 == 0 {
			o.Set("BlockedAnonymousJoinClientTypes", []any{"Acs"})
		}
		if err := t.PutObject(o); err != nil {
			return err
		}
	}
	for i, g := range Groups {
		if _, err := t.AddGroupAssignment(state.GroupAssignment{GroupID: g, PolicyType: "TeamsMeetingPolicy", PolicyName: fmt.Sprintf("P%d", i+1)}); err != nil {
			return err
		}
	}
	t.SetTenantGrant("TeamsMeetingPolicy", "P12")
	for i := 0; i < n; i++ {
		u := &state.User{UPN: fmt.Sprintf("user%d@contoso.com", i), DisplayName: fmt.Sprintf("User %d", i), Department: Groups[i%8],
			ObjectID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Enabled: true}
		if i%10 != 0 {
			u.Groups = []string{Groups[i%8]}
		}
		if i%3 == 0 {
			u.Licenses = []string{"TeamsPremium"}
		}
		if i%50 == 0 {
			u.SetPolicy("TeamsMeetingPolicy", "P3")
		}
		if err := t.PutUser(u); err != nil {
			return err
		}
	}
	return nil
}
