package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/state"
	bolt "go.etcd.io/bbolt"
)

// The tests in this file run csemu as a separate process (the copy of the
// test binary that TestMain puts on $PATH) and then look at the tenant file
// through the state package.

// csemuCmd returns a csemu command run in dir, with CSEMU_NOW fixed and the
// tenant file given by --db only.
func csemuCmd(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("csemu")
	if err != nil {
		t.Fatalf("csemu is not on $PATH: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CSEMU_NOW=2026-04-01T08:30:00Z", "CSEMU_DB=", "XDG_DATA_HOME="+filepath.Join(dir, ".data"), "HOME="+dir)
	return cmd
}

// runCsemu runs csemu to the end and returns its output and exit code.
func runCsemu(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := csemuCmd(t, dir, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running csemu %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// mustRun runs a script file and fails the test unless it succeeds quietly.
func mustRun(t *testing.T, dir, db, name, script string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCsemu(t, dir, "--db", db, name)
	if code != 0 || errs != "" {
		t.Fatalf("csemu %s: exit %d\nstdout:\n%s\nstderr:\n%s", name, code, out, errs)
	}
	return out
}

// loadTenant opens the tenant file read-only and returns its tenant.
func loadTenant(t *testing.T, path string) *state.Tenant {
	t.Helper()
	s, err := state.Open(path, state.Options{ReadOnly: true, MustExist: true})
	if err != nil {
		t.Fatalf("state.Open: %v", err)
	}
	defer s.Close()
	tn, err := s.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tn
}

// dump renders everything a tenant holds, to compare two tenants.
func dump(tn *state.Tenant) string {
	var b strings.Builder
	for _, k := range tn.Kinds() {
		for _, o := range tn.Objects(k) {
			fmt.Fprintf(&b, "object %s %s\n", o.Kind, o.Identity)
			for _, p := range o.Props {
				fmt.Fprintf(&b, "  %s=%#v\n", p.Name, p.Value)
			}
		}
	}
	for u := range tn.Users() {
		fmt.Fprintf(&b, "user %s %s %v %v %v\n", u.UPN, u.ObjectID, u.Groups, u.Direct, u.Enabled)
	}
	for _, g := range tn.Groups() {
		fmt.Fprintf(&b, "group %s %s\n", g.ID, g.DisplayName)
	}
	for _, ga := range tn.GroupAssignments("") {
		fmt.Fprintf(&b, "assignment %+v\n", ga)
	}
	for _, tg := range tn.TenantGrants() {
		fmt.Fprintf(&b, "grant %+v\n", tg)
	}
	for _, c := range tn.Changes(0) {
		fmt.Fprintf(&b, "change %+v\n", c)
	}
	return b.String()
}

// waitLocked waits until another process holds the lock on path.
func waitLocked(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s, err := state.Open(path, state.Options{ReadOnly: true, LockTimeout: -1})
		if err == nil {
			s.Close()
		} else if errors.Is(err, state.ErrLocked) {
			return
		} else {
			t.Fatalf("state.Open while waiting for the lock: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the child csemu never locked the tenant file")
}

// startHolder starts a csemu that changes the tenant, says so, and then
// loops forever holding the lock. It returns once the child has made its
// changes and holds the lock; the caller kills it.
func startHolder(t *testing.T, dir, db string) *exec.Cmd {
	t.Helper()
	script := `Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false
New-CsTeamsMeetingPolicy -Identity Doomed | Out-Null
Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Doomed
Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true
Write-Warning changed
while ($true) {}
`
	if err := os.WriteFile(filepath.Join(dir, "hold.ps1"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := csemuCmd(t, dir, "--db", db, "hold.ps1")
	// the warning stream is written at once; standard output may wait
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stderr).ReadString('\n')
		line <- l
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case l := <-line:
		if l != "WARNING: changed\n" {
			t.Fatalf("child csemu said %q on stderr", l)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("child csemu did not make its changes")
	}
	waitLocked(t, filepath.Join(dir, db))
	return cmd
}

// TestKilledRun kills a csemu that changed the tenant and still holds the
// lock: the file must hold exactly the tenant from before the run, and be
// usable afterwards.
func TestKilledRun(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustRun(t, dir, "t.db", "setup.ps1", `New-CsTeamsMeetingPolicy -Identity Keep -AutoAdmittedUsers Everyone | Out-Null
Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Keep
`)
	before := dump(loadTenant(t, db))
	beforeBytes, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	child := startHolder(t, dir, "t.db")
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = child.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child csemu: %v, want killed by SIGKILL", err)
	}

	afterBytes, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(beforeBytes, afterBytes) {
		t.Errorf("the killed run changed the file's bytes")
	}
	if after := dump(loadTenant(t, db)); after != before {
		t.Errorf("tenant after the killed run:\n%s\nwant:\n%s", after, before)
	}

	// the file is usable: the lock is free, a commit works and is read back
	s, err := state.Open(db, state.Options{LockTimeout: -1})
	if err != nil {
		t.Fatalf("state.Open after the kill: %v", err)
	}
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	o, ok := tn.Object(state.KindTeamsMeetingPolicy, "Global")
	if !ok {
		t.Fatal("no Global TeamsMeetingPolicy")
	}
	if v, _ := o.Get("AllowAnonymousUsersToJoinMeeting"); v != true {
		t.Errorf("Global AllowAnonymousUsersToJoinMeeting = %v, want the value from before the run (true)", v)
	}
	o.Set("AllowMeetNow", false)
	if err := tn.PutObject(o); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(tn); err != nil {
		t.Fatalf("Commit after the kill: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCsemu(t, dir, "--db", "t.db", "-c", "(Get-CsTeamsMeetingPolicy -Identity Global).AllowMeetNow; (Get-CsTeamsMeetingPolicy -Identity Keep).AutoAdmittedUsers")
	if code != 0 || errs != "" || out != "False\nEveryone\n" {
		t.Errorf("csemu after the kill: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestLockedFile runs a second csemu on a file another csemu holds: it waits
// --lock-timeout, then says which file is locked and exits with 1.
func TestLockedFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustRun(t, dir, "t.db", "setup.ps1", "New-CsTeamsMeetingPolicy -Identity Keep | Out-Null\n")
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	child := startHolder(t, dir, "t.db")

	for _, tc := range []struct {
		timeout string
		wait    time.Duration
		shown   string
	}{
		{"400ms", 400 * time.Millisecond, "400ms"},
		{"0", 0, "0s"},
	} {
		start := time.Now()
		out, errs, code := runCsemu(t, dir, "--db", "t.db", "--lock-timeout", tc.timeout, "-c", `Set-CsTeamsMeetingPolicy -Identity Keep -AllowMeetNow $false; "not reached"`)
		elapsed := time.Since(start)
		if code != exitScript {
			t.Errorf("--lock-timeout %s: exit code %d, want %d", tc.timeout, code, exitScript)
		}
		if out != "" {
			t.Errorf("--lock-timeout %s: stdout %q, want nothing", tc.timeout, out)
		}
		want := fmt.Sprintf("<command>:1:1: Set-CsTeamsMeetingPolicy: t.db: the tenant file is locked by another csemu process (waited %s); see --lock-timeout\n", tc.shown)
		if errs != want {
			t.Errorf("--lock-timeout %s: stderr\n%q\nwant\n%q", tc.timeout, errs, want)
		}
		if elapsed < tc.wait {
			t.Errorf("--lock-timeout %s: gave up after %v", tc.timeout, elapsed)
		}
		if elapsed > tc.wait+10*time.Second {
			t.Errorf("--lock-timeout %s: waited %v", tc.timeout, elapsed)
		}
	}

	// once the holder is gone, a waiting csemu gets the file
	done := make(chan struct{})
	var out, errs string
	var code int
	go func() {
		defer close(done)
		out, errs, code = runCsemu(t, dir, "--db", "t.db", "--lock-timeout", "30s", "-c", "(Get-CsTeamsMeetingPolicy -Identity Keep).Identity")
	}()
	time.Sleep(200 * time.Millisecond)
	_ = child.Process.Kill()
	_ = child.Wait()
	<-done
	if code != 0 || out != "Tag:Keep\n" || errs != "" {
		t.Errorf("waiting csemu: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the runs that failed on the lock, or the killed holder, changed the file")
	}
}

// TestChangeLog checks the change log entries a run writes: the emulated
// time, the cmdlet, the script file and line, and what changed.
func TestChangeLog(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustRun(t, dir, "t.db", "changes.ps1", `Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false -AutoAdmittedUsers Everyone
Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false
New-CsTeamsMeetingPolicy -Identity Sales -AllowMeetNow $false | Out-Null
function Grant-Sales($upn) {
    Grant-CsTeamsMeetingPolicy -Identity $upn -PolicyName Sales
}
Grant-Sales ann@contoso.com
Grant-CsTeamsMeetingPolicy -Group sales-team -PolicyName Sales
Set-CsTeamsMeetingPolicy -Identity Global -WhatIf -AllowMeetNow $false
Remove-CsTeamsMeetingPolicy -Identity Sales -WarningAction SilentlyContinue
Set-CsExternalAccessPolicy -Identity Global -EnableFederationAccess $false
Remove-CsExternalAccessPolicy -Identity Global
Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true
`)
	at := time.Date(2026, 4, 1, 8, 30, 0, 0, time.UTC)
	want := []state.Change{
		{Cmdlet: "Set-CsTeamsMeetingPolicy", Line: 1, Kind: "TeamsMeetingPolicy", Identity: "Global", Property: "AllowAnonymousUsersToJoinMeeting", Old: "True", New: "False"},
		{Cmdlet: "Set-CsTeamsMeetingPolicy", Line: 1, Kind: "TeamsMeetingPolicy", Identity: "Global", Property: "AutoAdmittedUsers", Old: "EveryoneInCompany", New: "Everyone"},
		// line 2 changes nothing
		{Cmdlet: "New-CsTeamsMeetingPolicy", Line: 3, Kind: "TeamsMeetingPolicy", Identity: "Tag:Sales", New: "created"},
		{Cmdlet: "New-CsTeamsMeetingPolicy", Line: 3, Kind: "TeamsMeetingPolicy", Identity: "Tag:Sales", Property: "AllowMeetNow", Old: "True", New: "False"},
		{Cmdlet: "Grant-CsTeamsMeetingPolicy", Line: 5, Kind: "User", Identity: "ann@contoso.com", New: "created"},
		{Cmdlet: "Grant-CsTeamsMeetingPolicy", Line: 5, Kind: "User", Identity: "ann@contoso.com", Property: "TeamsMeetingPolicy", New: "Sales"},
		{Cmdlet: "Grant-CsTeamsMeetingPolicy", Line: 8, Kind: "Group", Identity: "sales-team", New: "created"},
		{Cmdlet: "Grant-CsTeamsMeetingPolicy", Line: 8, Kind: "Group", Identity: "sales-team", Property: "TeamsMeetingPolicy", New: "Sales"},
		// line 9 is -WhatIf
		{Cmdlet: "Remove-CsTeamsMeetingPolicy", Line: 10, Kind: "User", Identity: "ann@contoso.com", Property: "TeamsMeetingPolicy", Old: "Sales"},
		{Cmdlet: "Remove-CsTeamsMeetingPolicy", Line: 10, Kind: "Group", Identity: "sales-team", Property: "TeamsMeetingPolicy", Old: "Sales"},
		{Cmdlet: "Remove-CsTeamsMeetingPolicy", Line: 10, Kind: "TeamsMeetingPolicy", Identity: "Tag:Sales", Old: "created", New: "removed"},
		{Cmdlet: "Set-CsExternalAccessPolicy", Line: 11, Kind: "ExternalAccessPolicy", Identity: "Global", Property: "EnableFederationAccess", Old: "True", New: "False"},
		{Cmdlet: "Remove-CsExternalAccessPolicy", Line: 12, Kind: "ExternalAccessPolicy", Identity: "Global", Property: "EnableFederationAccess", Old: "False", New: "True"},
		{Cmdlet: "Set-CsTeamsMeetingConfiguration", Line: 13, Kind: "TeamsMeetingConfiguration", Identity: "Global", Property: "DisableAnonymousJoin", Old: "False", New: "True"},
	}
	for i := range want {
		want[i].Time, want[i].File = at, "changes.ps1"
	}
	got := loadTenant(t, db).Changes(0)
	if len(got) != len(want) {
		for _, c := range got {
			t.Logf("%+v", c)
		}
		t.Fatalf("%d changes, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) {
			t.Errorf("change %d: time %v, want %v", i, got[i].Time, want[i].Time)
		}
		got[i].Time = want[i].Time
		if got[i] != want[i] {
			t.Errorf("change %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}

	// a second run appends; a run that changes nothing adds nothing
	mustRun(t, dir, "t.db", "more.ps1", "Get-CsTeamsMeetingPolicy | Out-Null\nSet-CsTeamsMeetingPolicy -Identity Global -AllowMeetNow $false\n")
	got = loadTenant(t, db).Changes(0)
	if len(got) != len(want)+1 {
		t.Fatalf("%d changes after the second run, want %d", len(got), len(want)+1)
	}
	last := got[len(got)-1]
	if last.File != "more.ps1" || last.Line != 2 || last.Property != "AllowMeetNow" || last.Cmdlet != "Set-CsTeamsMeetingPolicy" {
		t.Errorf("last change %+v", last)
	}
}

// TestAssignmentsInFile checks, through the state package, the assignments
// that Grant- and Remove- leave in the file.
func TestAssignmentsInFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustRun(t, dir, "t.db", "grant.ps1", `New-CsTeamsMeetingPolicy -Identity Sales | Out-Null
New-CsTeamsMeetingPolicy -Identity Other | Out-Null
Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Sales
Grant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Tag:Sales
Grant-CsTeamsMeetingPolicy -Identity cy@contoso.com -PolicyName Other
Grant-CsTeamsMeetingPolicy -Group sales-team -PolicyName Sales
Grant-CsTeamsMeetingPolicy -Group legal -PolicyName Other -Rank 1
Grant-CsTeamsMeetingPolicy -PolicyName Sales -Global
New-CsExternalAccessPolicy -Identity Fed | Out-Null
Grant-CsExternalAccessPolicy -Identity ann@contoso.com -PolicyName Fed
`)
	tn := loadTenant(t, db)
	policy := func(upn, typ string) string {
		u, ok := tn.User(upn)
		if !ok {
			t.Fatalf("no user %s", upn)
		}
		return u.Policy(typ)
	}
	for upn, want := range map[string]string{"ann@contoso.com": "Sales", "bob@contoso.com": "Sales", "cy@contoso.com": "Other"} {
		if got := policy(upn, "TeamsMeetingPolicy"); got != want {
			t.Errorf("%s TeamsMeetingPolicy = %q, want %q", upn, got, want)
		}
	}
	if got := policy("ann@contoso.com", "ExternalAccessPolicy"); got != "Fed" {
		t.Errorf("ann ExternalAccessPolicy = %q, want Fed", got)
	}
	gas := tn.GroupAssignments("TeamsMeetingPolicy")
	if len(gas) != 2 || gas[0].GroupID != "legal" || gas[0].Rank != 1 || gas[1].GroupID != "sales-team" || gas[1].Rank != 2 || gas[1].PolicyName != "Sales" {
		t.Errorf("group assignments %+v", gas)
	}
	if got := tn.TenantGrant("TeamsMeetingPolicy"); got != "Sales" {
		t.Errorf("tenant grant %q, want Sales", got)
	}

	// $null removes a direct assignment; removing Sales removes its
	// assignments of every kind and leaves the others
	mustRun(t, dir, "t.db", "remove.ps1", `Grant-CsTeamsMeetingPolicy -Identity cy@contoso.com -PolicyName $null
Grant-CsExternalAccessPolicy -Identity ann@contoso.com -PolicyName ''
Remove-CsTeamsMeetingPolicy -Identity Sales -WarningAction SilentlyContinue
`)
	tn = loadTenant(t, db)
	for _, upn := range []string{"ann@contoso.com", "bob@contoso.com", "cy@contoso.com"} {
		if got := policy(upn, "TeamsMeetingPolicy"); got != "" {
			t.Errorf("%s TeamsMeetingPolicy = %q after the removals, want none", upn, got)
		}
	}
	if got := policy("ann@contoso.com", "ExternalAccessPolicy"); got != "" {
		t.Errorf("ann ExternalAccessPolicy = %q, want none", got)
	}
	gas = tn.GroupAssignments("TeamsMeetingPolicy")
	if len(gas) != 1 || gas[0].GroupID != "legal" || gas[0].Rank != 1 || gas[0].PolicyName != "Other" {
		t.Errorf("group assignments after removing Sales: %+v", gas)
	}
	if got := tn.TenantGrant("TeamsMeetingPolicy"); got != "" {
		t.Errorf("tenant grant %q after removing Sales, want none", got)
	}
	if _, ok := tn.Object(state.KindTeamsMeetingPolicy, "Tag:Sales"); ok {
		t.Error("Tag:Sales still exists")
	}
}

// TestDamagedFiles runs csemu on files that are not sound tenant files: the
// message names the file and the problem, there is no panic, the exit code
// is 1 and the file is not modified.
func TestDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "good.db", "setup.ps1", "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers OrganizerOnly\n")
	good, err := os.ReadFile(filepath.Join(dir, "good.db"))
	if err != nil {
		t.Fatal(err)
	}

	// a record whose bytes changed: every copy of a stored string altered
	damaged := bytes.ReplaceAll(good, []byte("OrganizerOnly"), []byte("OrganizerOnlx"))
	if bytes.Equal(damaged, good) {
		t.Fatal("the stored value was not found in the file")
	}
	// a bbolt file without the tenant's buckets
	foreign := filepath.Join(dir, "foreign.db")
	bdb, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("something-else"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"damaged.db":   damaged,
		"truncated.db": good[:len(good)/3],
		"text.db":      []byte("Identity,AllowMeetNow\nGlobal,True\n"),
		"zeros.db":     make([]byte, 32768),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		file, msg string
	}{
		{"damaged.db", "the tenant file is damaged ("},
		{"truncated.db", ""},
		{"text.db", "not a csemu tenant file (not a bbolt database)"},
		{"zeros.db", "not a csemu tenant file"},
		{"foreign.db", "not a csemu tenant file ("},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"--db", c.file, "-c", `Set-CsTeamsMeetingPolicy -Identity Global -AllowMeetNow $false; "not reached"`},
				{"--db", c.file, "--read-only", "-c", `Get-CsTeamsMeetingPolicy | Out-Null; "not reached"`},
			} {
				out, errs, code := runCsemu(t, dir, args...)
				if code != exitScript {
					t.Errorf("%v: exit code %d, want %d; stderr %q", args, code, exitScript, errs)
				}
				if out != "" {
					t.Errorf("%v: stdout %q", args, out)
				}
				prefix := "<command>:1:1: "
				if !strings.HasPrefix(errs, prefix) || !strings.Contains(errs, c.file+": ") || !strings.Contains(errs, c.msg) {
					t.Errorf("%v: stderr %q, want %q naming the file and %q", args, errs, prefix, c.msg)
				}
				if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") || strings.Count(errs, "\n") != 1 {
					t.Errorf("%v: stderr is not one clear line: %q", args, errs)
				}
				after, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(before, after) {
					t.Errorf("%v: the file was modified", args)
				}
			}
		})
	}
}

// A tenant file that csemu may read but not write still serves the
// script's reads: it is opened read-only, a note suggests --read-only, and
// the changes are not saved, as with --read-only itself.
func TestUnwritableTenantFile(t *testing.T) {
	var notes bytes.Buffer
	tf := &tenantFile{path: "/srv/tenant.db", notes: &notes}
	var readOnly []bool
	tf.openFile = func(path string, o state.Options) (state.Store, error) {
		readOnly = append(readOnly, o.ReadOnly)
		if !o.ReadOnly {
			return nil, &state.Error{Path: path, Msg: "permission denied", Err: &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission}}
		}
		return state.NewMemory(), nil
	}
	tn, err := tf.load()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(readOnly) != "[false true]" || !tf.readOnly {
		t.Errorf("opens %v, read-only %v", readOnly, tf.readOnly)
	}
	if !strings.Contains(notes.String(), "/srv/tenant.db: csemu may not write the tenant file") || !strings.Contains(notes.String(), "--read-only") {
		t.Errorf("note %q", notes.String())
	}
	h := teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return tn, nil }})
	s := cmdlets.NewSession(h.Options()...)
	if _, err := s.RunInGlobal(context.Background(), "", "Set-CsTeamsMeetingPolicy -AllowMeetNow $false"); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if !tf.save(h, false, &stderr) || !strings.Contains(stderr.String(), "--read-only: the changes to /srv/tenant.db were not saved") {
		t.Errorf("save: %q", stderr.String())
	}
}
