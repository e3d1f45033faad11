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
	"github.com/csemu/csemu/state/statetest"
)

// writeBigTenant writes a tenant file holding statetest.Directory of n users.
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
	if err := statetest.Directory(t, n); err != nil {
		tb.Fatal(err)
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

// BenchmarkJoinExternal100k runs `Get-CsOnlineUser | Test-AnonymousJoin
// -ParticipantDomain fabrikam.com` on a tenant file of 100,000 users whose
// groups have external access policies, end to end as
// BenchmarkAnonymousJoinCLI does, and the same pipeline without
// -ParticipantDomain. It reports both times and their ratio, which the
// speed goal of section A puts at 1.2 at most: the federation rules must
// cost little more than the lobby rules, since organizers who share the
// effective meeting and external access policies share one answer.
func BenchmarkJoinExternal100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "tenant.db")
	writeBigTenant(b, path, 100000)
	addExternalPolicies(b, path)
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devnull.Close()
	queries := []string{"Get-CsOnlineUser | Test-AnonymousJoin", "Get-CsOnlineUser | Test-AnonymousJoin -ParticipantDomain fabrikam.com"}
	var took [2]time.Duration
	round := 0
	for b.Loop() {
		// alternate which pipeline runs first, so that neither always
		// runs after the other's garbage
		round++
		for k := range queries {
			i := (k + round) % 2
			q := queries[i]
			start := time.Now()
			if code := run([]string{"--db", path, "-c", q}, strings.NewReader(""), devnull, io.Discard); code != 0 {
				b.Fatalf("%s: exit code %d", q, code)
			}
			took[i] += time.Since(start)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(took[0].Milliseconds())/n, "ms-without-domain")
	b.ReportMetric(float64(took[1].Milliseconds())/n, "ms-with-domain")
	b.ReportMetric(float64(took[1])/float64(took[0]), "ratio")
}

// addExternalPolicies gives the tenant file external access policies:
// one per group, assigned by rank, a tenant-wide grant, a federation block
// list with BlockAllSubdomains, and a direct assignment for one user in
// fifty.
func addExternalPolicies(tb testing.TB, path string) {
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
	modes := []string{"OrganizationDefault", "AllowAllExternalDomains", "AllowSpecificExternalDomains", "BlockSpecificExternalDomains", "BlockAllExternalDomains"}
	for i, g := range statetest.Groups {
		o, _ := state.DefaultObject(state.KindExternalAccessPolicy)
		o.Identity = fmt.Sprintf("Tag:X%d", i+1)
		o.Set("CommunicationWithExternalOrgs", modes[i%len(modes)])
		o.Set("AllowedExternalDomains", []any{"fabrikam.com"})
		o.Set("BlockedExternalDomains", []any{"northwind.com"})
		o.Set("EnableFederationAccess", i%4 != 3)
		if err := t.PutObject(o); err != nil {
			tb.Fatal(err)
		}
		if _, err := t.AddGroupAssignment(state.GroupAssignment{GroupID: g, PolicyType: "ExternalAccessPolicy", PolicyName: fmt.Sprintf("X%d", i+1)}); err != nil {
			tb.Fatal(err)
		}
	}
	t.SetTenantGrant("ExternalAccessPolicy", "X1")
	fed, _ := t.Object(state.KindTenantFederationConfiguration, "Global")
	if fed == nil {
		fed, _ = state.DefaultObject(state.KindTenantFederationConfiguration)
		fed.Identity = "Global"
	}
	fed.Set("BlockedDomains", state.DomainPatterns([]string{"contoso-partner.com"}))
	fed.Set("BlockAllSubdomains", true)
	if err := t.PutObject(fed); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < 100000; i += 50 {
		u, ok := t.User(fmt.Sprintf("user%d@contoso.com", i))
		if !ok {
			continue
		}
		u.SetPolicy("ExternalAccessPolicy", "X2")
		if err := t.PutUser(u); err != nil {
			tb.Fatal(err)
		}
	}
	if err := s.Commit(t); err != nil {
		tb.Fatal(err)
	}
}
