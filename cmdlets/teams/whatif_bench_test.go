package teams_test

import (
	"context"
	"fmt"
	"github.com/csemu/csemu/cmdlets/teams"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
	"github.com/csemu/csemu/state/statetest"
)

// bigTenant returns statetest.Directory of n users, as a store loads it.
func bigTenant(b *testing.B, n int) *state.Tenant {
	b.Helper()
	store := state.NewMemory()
	t, err := store.Load()
	if err != nil {
		b.Fatal(err)
	}
	if err := statetest.Directory(t, n); err != nil {
		b.Fatal(err)
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
				s := cmdlets.NewSession(append([]cmdlets.Option{
					cmdlets.WithIO(nil, io.Discard, io.Discard),
					cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}),
				}, teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return t, nil }}).Options()...)...)
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
