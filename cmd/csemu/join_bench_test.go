package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// writeBigTenant writes a tenant file of n users in 8 groups, with a dozen
// meeting policies, a group assignment per group, direct grants and a
// tenant-wide grant.
func writeBigTenant(tb testing.TB, path string, n int) {
	tb.Helper()
	s, err := state.Open(path, state.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	t, err := s.Load()
	if err != nil {
		tb.Fatal(err)
	}
	groups := []string{"sales", "support", "legal", "hr", "it", "ops", "eng", "mkt"}
	for _, g := range groups {
		if err := t.PutGroup(&state.Group{ID: g, DisplayName: g}); err != nil {
			tb.Fatal(err)
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
			tb.Fatal(err)
		}
	}
	for i, g := range groups {
		if _, err := t.AddGroupAssignment(state.GroupAssignment{GroupID: g, PolicyType: "TeamsMeetingPolicy", PolicyName: fmt.Sprintf("P%d", i+1)}); err != nil {
			tb.Fatal(err)
		}
	}
	t.SetTenantGrant("TeamsMeetingPolicy", "P12")
	for i := 0; i < n; i++ {
		u := &state.User{UPN: fmt.Sprintf("user%d@contoso.com", i), DisplayName: fmt.Sprintf("User %d", i), Department: groups[i%8],
			ObjectID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Enabled: true}
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
			tb.Fatal(err)
		}
	}
	if err := s.Commit(t); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkAnonymousJoinCLI runs `csemu --db FILE -c 'Get-CsOnlineUser |
// Test-AnonymousJoin -ClientType Acs'` on a tenant file of 100,000 users,
// end to end: opening and loading the file, the pipeline, and the table on
// standard output. It reports the peak heap beyond the loaded directory,
// sampled during the run, which must not grow with the number of users.
func BenchmarkAnonymousJoinCLI(b *testing.B) {
	cases := []struct {
		users int
		query string
	}{
		{10000, "Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs"},
		{100000, "Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs"},
		// the directory alone: what loading the tenant costs, for comparison
		{100000, "Get-CsTeamsMeetingPolicy -Identity Global | Out-Null"},
	}
	for _, c := range cases {
		n := c.users
		b.Run(fmt.Sprintf("users=%d/%s", n, strings.Fields(c.query)[0]), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "tenant.db")
			writeBigTenant(b, path, n)
			devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer devnull.Close()
			var peak atomic.Uint64
			stop := make(chan struct{})
			go func() {
				var ms runtime.MemStats
				for {
					select {
					case <-stop:
						return
					case <-time.After(5 * time.Millisecond):
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak.Load() {
							peak.Store(ms.HeapInuse)
						}
					}
				}
			}()
			args := []string{"--db", path, "-c", c.query}
			for b.Loop() {
				if code := run(args, strings.NewReader(""), devnull, io.Discard); code != 0 {
					b.Fatalf("exit code %d", code)
				}
			}
			close(stop)
			b.ReportMetric(float64(peak.Load())/(1<<20), "MB-peak-heap")
		})
	}
}
