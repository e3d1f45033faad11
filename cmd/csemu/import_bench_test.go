//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/csemu/csemu/cmdlets/tenantio"
	"github.com/csemu/csemu/state"
)

// backupTenant is a tenant of 200 meeting policies and n users, each
// with three direct policies, for the import and export benchmarks.
func backupTenant(n int) *state.Tenant {
	t := state.NewTenant()
	def, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
	for i := range 200 {
		o := def.Clone()
		o.Identity = fmt.Sprintf("Tag:Policy %d", i)
		o.Set("AllowAnonymousUsersToJoinMeeting", i%2 == 0)
		t.PutObject(o)
	}
	for i := range n {
		t.PutUser(&state.User{UPN: fmt.Sprintf("user%06d@contoso.com", i), DisplayName: fmt.Sprintf("User %d", i), Department: "Sales",
			ObjectID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i), Enabled: true,
			Direct: []state.DirectPolicy{{PolicyType: "TeamsMeetingPolicy", PolicyName: fmt.Sprintf("Policy %d", i%200)},
				{PolicyType: "ExternalAccessPolicy", PolicyName: "Partners"}, {PolicyType: "TeamsAppPermissionPolicy", PolicyName: "Apps"}}})
	}
	return t
}

// writeBackup writes the CsJson export of backupTenant(n) into dir.
func writeBackup(tb testing.TB, dir string, n int) {
	tb.Helper()
	files, err := tenantio.Write(backupTenant(n), tenantio.FormatCsJSON, tenantio.WriteOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkImported opens the tenant file db and fails unless it holds the
// backup's policies and n users with their direct policies.
func checkImported(tb testing.TB, db string, n int) {
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
	if got := len(t.Objects(state.KindTeamsMeetingPolicy)); got != 201 {
		tb.Fatalf("%d meeting policies, want 201", got)
	}
	u, ok := t.User(fmt.Sprintf("user%06d@contoso.com", n-1))
	if !ok || u.Policy("TeamsMeetingPolicy") != fmt.Sprintf("Policy %d", (n-1)%200) || u.Policy("TeamsAppPermissionPolicy") != "Apps" {
		tb.Fatalf("last user: %+v", u)
	}
}

// TestImportBackup imports a small backup folder through the CLI, so that
// the benchmark's files and checks keep working.
func TestImportBackup(t *testing.T) {
	dir := t.TempDir()
	writeBackup(t, dir, 50)
	db := filepath.Join(t.TempDir(), "t.db")
	var out, errw bytes.Buffer
	if code := run([]string{"import", "--db", db, dir}, strings.NewReader(""), &out, &errw); code != 0 || errw.Len() > 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errw.String())
	}
	checkImported(t, db, 50)
	if !strings.Contains(out.String(), "User: 50 imported") {
		t.Errorf("summary:\n%s", out.String())
	}
}

// BenchmarkImportBackup imports a backup folder of 200 meeting policies
// and a 100,000-user CSV with three direct policies per user into a new
// tenant file, as a csemu process (csemu import backup/), and reports its
// peak memory. Target: at most 1 s and 300 MB.
//
//	go test ./cmd/csemu -run '^$' -bench 'ImportBackup|ExportBackup' -benchtime 3x
func BenchmarkImportBackup(b *testing.B) {
	dir := b.TempDir()
	backup := filepath.Join(dir, "backup")
	os.Mkdir(backup, 0o700)
	writeBackup(b, backup, grantUsers)
	bin := buildCsemu(b, dir)
	peak := int64(0)
	b.ResetTimer()
	for i := range b.N {
		db := filepath.Join(dir, fmt.Sprintf("import%d.db", i))
		cmd := exec.Command(bin, "import", "--db", db, backup)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("csemu: %v\n%s", err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss)
		}
	}
	b.StopTimer()
	for i := range b.N {
		db := filepath.Join(dir, fmt.Sprintf("import%d.db", i))
		checkImported(b, db, grantUsers)
		os.Remove(db)
	}
	if peak > 0 {
		b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
	}
}

// BenchmarkExportBackup exports the imported tenant (csemu export
// --format CsJson) as a process. Target: at most 1 s.
func BenchmarkExportBackup(b *testing.B) {
	dir := b.TempDir()
	backup := filepath.Join(dir, "backup")
	os.Mkdir(backup, 0o700)
	writeBackup(b, backup, grantUsers)
	bin := buildCsemu(b, dir)
	db := filepath.Join(dir, "t.db")
	if out, err := exec.Command(bin, "import", "--db", db, backup).CombinedOutput(); err != nil {
		b.Fatalf("csemu import: %v\n%s", err, out)
	}
	peak := int64(0)
	b.ResetTimer()
	for i := range b.N {
		cmd := exec.Command(bin, "export", "--db", db, "--format", "CsJson", filepath.Join(dir, fmt.Sprintf("out%d", i)))
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("csemu export: %v\n%s", err, out)
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

// buildCsemu builds the csemu binary into dir.
func buildCsemu(tb testing.TB, dir string) string {
	tb.Helper()
	bin := filepath.Join(dir, "csemu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
