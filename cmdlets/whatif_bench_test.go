package cmdlets_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// bigTenant returns a tenant of n users in 8 groups, a dozen meeting
// policies, a group assignment per group and a tenant-wide grant, as a
// committed store would hold it.
func bigTenant(b *testing.B, n int) *state.Tenant {
	b.Helper()
	store := state.NewMemory()
	t, err := store.Load()
	if err != nil {
		b.Fatal(err)
	}
	groups := []string{"sales", "support", "legal", "hr", "it", "ops", "eng", "mkt"}
	for _, g := range groups {
		if err := t.PutGroup(&state.Group{ID: g, DisplayName: g}); err != nil {
			b.Fatal(err)
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
			b.Fatal(err)
		}
	}
	for i, g := range groups {
		if _, err := t.AddGroupAssignment(state.GroupAssignment{GroupID: g, PolicyType: "TeamsMeetingPolicy", PolicyName: fmt.Sprintf("P%d", i+1)}); err != nil {
			b.Fatal(err)
		}
	}
	t.SetTenantGrant("TeamsMeetingPolicy", "P12")
	for i := 0; i < n; i++ {
		u := &state.User{UPN: fmt.Sprintf("u%d@contoso.com", i), DisplayName: fmt.Sprintf("User %d", i), ObjectID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Enabled: true}
		if i%10 != 0 {
			u.Groups = []string{groups[i%8]}
		}
		if i%3 == 0 {
			u.Licenses = []string{"TeamsPremium"}
		}
		if i%50 == 0 {
			u.SetPolicy("TeamsMeetingPolicy", "P3")
		}
		if err := t.PutUser(u); err != nil {
			b.Fatal(err)
		}
	}
	if err := store.Commit(t); err != nil {
		b.Fatal(err)
	}
	t, err = store.Load()
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkAnonymousJoinDirectory runs `Get-CsOnlineUser | Test-AnonymousJoin`
// over 100,000 users end to end, output formatted as a table to a
// discarding writer, and reports the heap growth beyond the directory.
func BenchmarkAnonymousJoinDirectory(b *testing.B) {
	const users = 100000
	t := bigTenant(b, users)
	for _, q := range []string{
		"Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs",
		"Get-CsOnlineUser | Test-AnonymousJoin | Where-Object { -not $_.Allowed } | Measure-Object | Out-Null",
	} {
		b.Run(strings.Fields(q)[2]+"_"+fmt.Sprint(len(q)), func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			peak := uint64(0)
			b.ReportAllocs()
			for b.Loop() {
				s := cmdlets.NewSession(
					cmdlets.WithIO(nil, io.Discard, io.Discard),
					cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}),
					cmdlets.WithTenant(func() (*state.Tenant, error) { return t, nil }),
				)
				if _, err := s.RunInGlobal(context.Background(), "", q); err != nil {
					b.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				if after.HeapInuse > peak {
					peak = after.HeapInuse
				}
			}
			b.ReportMetric(float64(users)*float64(b.N)/b.Elapsed().Seconds(), "users/s")
			if peak > before.HeapInuse {
				b.ReportMetric(float64(peak-before.HeapInuse)/(1<<20), "MB-heap-growth")
			}
		})
	}
}
