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
