//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/csemu/csemu/state"
)

// planTenantFile writes a tenant file of n users, a tenth of them in the
// group sales, and returns its path.
func planTenantFile(tb testing.TB, dir string, n int) string {
	tb.Helper()
	t := state.NewTenant()
	t.PutGroup(&state.Group{ID: "sales", DisplayName: "Sales"})
	for i := range n {
		u := &state.User{UPN: fmt.Sprintf("user%07d@contoso.com", i), ObjectID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i), Enabled: true}
		if i%10 == 0 {
			u.Groups = []string{"sales"}
		}
		t.PutUser(u)
	}
	path := filepath.Join(dir, fmt.Sprintf("plan%d.db", n))
	s, err := state.Open(path, state.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	lt, err := s.Load()
	if err != nil {
		tb.Fatal(err)
	}
	for _, g := range t.Groups() {
		lt.PutGroup(g)
	}
	for u := range t.Users() {
		lt.PutUser(u.Clone())
	}
	if err := s.Commit(lt); err != nil {
		tb.Fatal(err)
	}
	return path
}

// TestPlanTenantFile writes the benchmark's tenant file when
// CSEMU_PLAN_GEN names a folder (CSEMU_PLAN_USERS users): the benchmark
// runs it as a process of its own, so that the csemu it measures does not
// start from the peak memory of a test process that built a big tenant.
func TestPlanTenantFile(t *testing.T) {
	dir := os.Getenv("CSEMU_PLAN_GEN")
	if dir == "" {
		t.Skip("CSEMU_PLAN_GEN not set")
	}
	n, err := strconv.Atoi(os.Getenv("CSEMU_PLAN_USERS"))
	if err != nil {
		t.Fatal(err)
	}
	planTenantFile(t, dir, n)
}

// benchPlan runs csemu plan, as a process, of a script that changes the
// Global meeting policy and grants a new policy to one group, on a tenant
// of n users; it reports the peak memory.
func benchPlan(b *testing.B, n int) {
	dir := b.TempDir()
	gen := exec.Command(os.Args[0], "-test.run", "^TestPlanTenantFile$", "-test.timeout", "600s")
	gen.Env = append(os.Environ(), "CSEMU_PLAN_GEN="+dir, "CSEMU_PLAN_USERS="+strconv.Itoa(n))
	if out, err := gen.CombinedOutput(); err != nil {
		b.Fatalf("writing the tenant file: %v\n%s", err, out)
	}
	db := filepath.Join(dir, fmt.Sprintf("plan%d.db", n))
	script := filepath.Join(dir, "deploy.ps1")
	os.WriteFile(script, []byte("Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\n"+
		"New-CsTeamsMeetingPolicy -Identity NoAcs -BlockedAnonymousJoinClientTypes Acs | Out-Null\n"+
		"Grant-CsTeamsMeetingPolicy -Group sales -PolicyName NoAcs -Rank 1\n"), 0o600)
	bin := buildCsemu(b, dir)
	peak := int64(0)
	b.ResetTimer()
	for range b.N {
		cmd := exec.Command(bin, "plan", "--db", db, script)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("csemu plan: %v\n%s", err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss)
		}
	}
	b.StopTimer()
	if peak > 0 {
		b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
	}
}

// BenchmarkPlanCLI100k: target at most 1.5 s end to end.
//
//	go test ./cmd/csemu -run '^$' -bench PlanCLI -benchtime 3x
func BenchmarkPlanCLI100k(b *testing.B) { benchPlan(b, 100_000) }

// BenchmarkPlanCLI1M: target at most 15 s and 1 GB.
func BenchmarkPlanCLI1M(b *testing.B) { benchPlan(b, 1_000_000) }
