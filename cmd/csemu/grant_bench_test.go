//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/csemu/csemu/state"
)

// grantUsers is how many users the grant benchmark creates.
const grantUsers = 100_000

// grantScript writes users.csv with n users and a script that grants each
// of them a policy through Import-Csv | ForEach-Object, in dir. It returns
// the script's path.
func grantScript(tb testing.TB, dir string, n int) string {
	tb.Helper()
	var csv bytes.Buffer
	csv.WriteString("UserPrincipalName,Policy\n")
	for i := range n {
		fmt.Fprintf(&csv, "user%d@contoso.com,Sales\n", i)
	}
	csvPath := filepath.Join(dir, "users.csv")
	if err := os.WriteFile(csvPath, csv.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	script := "New-CsTeamsMeetingPolicy -Identity Sales | Out-Null\n" +
		"Import-Csv '" + strings.ReplaceAll(csvPath, "'", "''") + "' | ForEach-Object { Grant-CsTeamsMeetingPolicy -Identity $_.UserPrincipalName -PolicyName $_.Policy }\n"
	path := filepath.Join(dir, "bench.ps1")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// checkGranted opens the tenant file db and fails unless it holds the n
// users, each granted Sales, and a change log entry for each creation and
// grant.
func checkGranted(tb testing.TB, db string, n int) {
	tb.Helper()
	s, err := state.Open(db, state.Options{ReadOnly: true, MustExist: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	t, err := s.Load()
	if err != nil {
		tb.Fatal(err)
	}
	if got := t.NumUsers(); got != n {
		tb.Fatalf("%d users, want %d", got, n)
	}
	for _, i := range []int{0, n / 2, n - 1} {
		upn := "user" + strconv.Itoa(i) + "@contoso.com"
		u, ok := t.User(upn)
		if !ok || u.Policy("TeamsMeetingPolicy") != "Sales" {
			tb.Fatalf("user %s: found %v, policy %q", upn, ok, u.Policy("TeamsMeetingPolicy"))
		}
	}
	// one entry for the policy, and per user one for its creation and
	// one for the grant
	if got, want := t.NumChanges(), 1+2*n; got != want {
		tb.Fatalf("%d change log entries, want %d", got, want)
	}
}

// resetPeakRSS resets the VmHWM of the process (Linux); it reports
// whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns the VmHWM of the process in bytes, or 0.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// TestGrantScript runs the benchmark's script on a few users, so that the
// script and its checks keep working.
func TestGrantScript(t *testing.T) {
	dir := t.TempDir()
	script := grantScript(t, dir, 50)
	db := filepath.Join(dir, "t.db")
	var stderr bytes.Buffer
	if code := run([]string{"--db", db, script}, strings.NewReader(""), &stderr, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	checkGranted(t, db, 50)
}

// BenchmarkGrant100k runs the script that creates 100,000 users and grants
// each a policy, end to end, into a new tenant file per iteration:
// as a csemu process, and in-process through run as the CLI does. The
// process runs first: a child started later would inherit the test's
// peak RSS in its own.
//
//	go test ./cmd/csemu -run '^$' -bench Grant100k -benchtime 3x
func BenchmarkGrant100k(b *testing.B) {
	dir := b.TempDir()
	script := grantScript(b, dir, grantUsers)

	b.Run("exec", func(b *testing.B) {
		bin := filepath.Join(dir, "csemu")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
		peak := int64(0)
		b.ResetTimer()
		for i := range b.N {
			db := filepath.Join(dir, fmt.Sprintf("exec%d.db", i))
			cmd := exec.Command(bin, "--db", db, script)
			out, err := cmd.CombinedOutput()
			if err != nil || len(out) > 0 {
				b.Fatalf("csemu: %v\n%s", err, out)
			}
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peak = max(peak, ru.Maxrss) // kB on Linux
			}
		}
		b.StopTimer()
		// Checked afterwards: a child started by a big test process would
		// report the parent's peak RSS as its own.
		for i := range b.N {
			db := filepath.Join(dir, fmt.Sprintf("exec%d.db", i))
			checkGranted(b, db, grantUsers)
			os.Remove(db)
		}
		if peak > 0 {
			b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
		}
	})

	b.Run("run", func(b *testing.B) {
		debug.FreeOSMemory()
		hwm := resetPeakRSS()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		allocs, total := ms.Mallocs, ms.TotalAlloc
		peak := 0.0
		b.ResetTimer()
		for i := range b.N {
			db := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
			var stderr bytes.Buffer
			if code := run([]string{"--db", db, script}, strings.NewReader(""), &stderr, &stderr); code != 0 {
				b.Fatalf("exit %d: %s", code, stderr.String())
			}
			b.StopTimer()
			if stderr.Len() > 0 {
				b.Fatalf("output: %s", stderr.String())
			}
			peak = max(peak, peakRSS())
			checkGranted(b, db, grantUsers)
			os.Remove(db)
			// start the next run from the memory a fresh process has
			debug.FreeOSMemory()
			resetPeakRSS()
			b.StartTimer()
		}
		b.StopTimer()
		runtime.ReadMemStats(&ms)
		if hwm {
			b.ReportMetric(peak/(1<<20), "peak-RSS-MB")
		}
		b.ReportMetric(float64(ms.TotalAlloc-total)/float64(b.N)/(1<<20), "alloc-MB/op")
		b.ReportMetric(float64(ms.Mallocs-allocs)/float64(b.N), "mallocs/op")
	})
}
