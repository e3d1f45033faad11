package state

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// newFile creates a tenant file with n users and closes it.
func newFile(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tenant.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		u := &User{UPN: fmt.Sprintf("user%d@x.test", i), DisplayName: fmt.Sprintf("User %d", i), Department: "before", ObjectID: fmt.Sprintf("oid-%d", i), Enabled: true, Licenses: []string{"E5"}}
		u.SetPolicy("TeamsMeetingPolicy", "Tag:Sales")
		tn.PutUser(u)
		tn.AppendChange(Change{Time: t0, Cmdlet: "Grant-CsTeamsMeetingPolicy", File: "seed.ps1", Line: i + 1, Kind: "User", Identity: u.UPN, Property: "TeamsMeetingPolicy", New: "Tag:Sales"})
	}
	if err := s.Commit(tn); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantError checks that err is an *Error for path wrapping target whose
// message contains every part.
func wantError(t *testing.T, err error, path string, target error, parts ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if e.Path != path || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("error %q does not name %s", err, path)
	}
	if !errors.Is(err, target) {
		t.Errorf("error %q is not %v", err, target)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q lacks %q", err, p)
		}
	}
}

func TestOpenNotATenant(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database\n"), 1000), 0o600)
	_, err := Open(garbage, Options{})
	wantError(t, err, garbage, ErrNotTenant)
	if got, want := err.Error(), garbage+": not a csemu tenant file (not a bbolt database)"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("x"), 0o600)
	_, err = Open(small, Options{})
	wantError(t, err, small, ErrNotTenant, "not a bbolt database")

	// A bbolt file of another program.
	other := filepath.Join(dir, "other.db")
	db, err := bolt.Open(other, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("widgets"))
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	_, err = Open(other, Options{})
	wantError(t, err, other, ErrNotTenant, "not a csemu tenant file (a bbolt database without csemu data)")

	dirPath := filepath.Join(dir, "adir")
	os.Mkdir(dirPath, 0o700)
	_, err = Open(dirPath, Options{})
	wantError(t, err, dirPath, ErrNotTenant, "directory")
}

func TestOpenEmptyBoltFileInitialises(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNotTenant) {
		t.Errorf("read-only open of an empty bbolt file: %v", err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tn, err := s.Load()
	if err != nil || len(tn.Objects(KindTeamsMeetingPolicy)) != 1 {
		t.Fatalf("%v", err)
	}
}

func TestOpenMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "tenant.db")
	_, err := Open(path, Options{ReadOnly: true})
	wantError(t, err, path, ErrNotExist, "does not exist")
	_, err = Open(path, Options{MustExist: true})
	wantError(t, err, path, ErrNotExist, "does not exist")
	if _, err := os.Stat(path); err == nil {
		t.Error("a failed open created the file")
	}
}

func TestSchemaVersion(t *testing.T) {
	path := newFile(t, 1)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte(bMeta)).Put([]byte(metaSchema), []byte("7")) })
	db.Close()
	_, err = Open(path, Options{})
	wantError(t, err, path, ErrSchema, "schema version 7", "version 2", "newer")
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrSchema) {
		t.Errorf("read-only: %v", err)
	}
}

func TestDamagedValue(t *testing.T) {
	path := newFile(t, 2000)
	data, _ := os.ReadFile(path)
	// The object ID is stored in the user's record alone (the change log
	// names users by UPN), so the damage always lands in a users record,
	// wherever bbolt placed the pages.
	i := bytes.Index(data, []byte("oid-1234"))
	if i < 0 {
		t.Fatal("user not found in the file")
	}
	data[i+5] ^= 0x20
	os.WriteFile(path, data, 0o600)
	s, err := Open(path, Options{})
	if err == nil {
		defer s.Close()
		_, err = s.Load()
	}
	wantError(t, err, path, ErrDamaged, "damaged", "users record", "checksum mismatch", "restore it from a backup")
}

func TestDamagedStructure(t *testing.T) {
	path := newFile(t, 2000)
	orig, _ := os.ReadFile(path)
	ps := int(binary.LittleEndian.Uint32(orig[16+8:]))
	hwm := max(int(binary.LittleEndian.Uint64(orig[16+40:])), int(binary.LittleEndian.Uint64(orig[ps+16+40:])))
	var leaf, branch int
	for p := 2; p < len(orig)/ps; p++ {
		flags := binary.LittleEndian.Uint16(orig[p*ps+8:])
		if binary.LittleEndian.Uint64(orig[p*ps:]) != uint64(p) {
			continue
		}
		switch {
		case flags == flagLeaf && leaf == 0:
			leaf = p
		case flags == flagBranch && branch == 0:
			branch = p
		}
	}
	if leaf == 0 || branch == 0 {
		t.Fatalf("no leaf (%d) or branch (%d) page", leaf, branch)
	}
	cases := []struct {
		name   string
		change func(d []byte) []byte
		want   string
	}{
		{"truncated", func(d []byte) []byte { return d[:(hwm-1)*ps] }, "truncated"},
		{"leaf count", func(d []byte) []byte { binary.LittleEndian.PutUint16(d[leaf*ps+10:], 0xFFF0); return d }, ""},
		{"branch child", func(d []byte) []byte { binary.LittleEndian.PutUint64(d[branch*ps+16+8:], 1<<40); return d }, "out of range"},
		{"branch cycle", func(d []byte) []byte { binary.LittleEndian.PutUint64(d[branch*ps+16+8:], uint64(branch)); return d }, "used twice"},
		{"page id", func(d []byte) []byte { d[leaf*ps] ^= 0xFF; return d }, "header of page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.change(bytes.Clone(orig))
			os.WriteFile(path, d, 0o600)
			s, err := Open(path, Options{LockTimeout: time.Second})
			if err == nil {
				s.Close()
				t.Fatal("opened a damaged file")
			}
			wantError(t, err, path, ErrDamaged, "the tenant file is damaged", c.want, "restore it from a backup")
		})
	}
}

// TestFlipEveryPage flips bytes all over a file: opening and loading it
// must give a clear error or a tenant, never a panic or a crash.
func TestFlipEveryPage(t *testing.T) {
	path := newFile(t, 300)
	orig, _ := os.ReadFile(path)
	ps := int(binary.LittleEndian.Uint32(orig[16+8:]))
	hwm := max(int(binary.LittleEndian.Uint64(orig[16+40:])), int(binary.LittleEndian.Uint64(orig[ps+16+40:])))
	step := 101
	if testing.Short() {
		step = 397
	}
	var opened, loaded, tries int
	for i := 0; i < hwm*ps; i += step {
		d := bytes.Clone(orig)
		d[i] ^= 0xA5
		os.WriteFile(path, d, 0o600)
		tries++
		s, err := Open(path, Options{ReadOnly: true, LockTimeout: time.Second})
		if err == nil {
			opened++
			_, err = s.Load()
			s.Close()
			if err == nil {
				loaded++
			}
		}
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("byte %d: %v is not an *Error", i, err)
		}
	}
	t.Logf("%d flips in %d pages: %d opened, %d loaded", tries, hwm, opened, loaded)
}

func TestLockTimeout(t *testing.T) {
	path := newFile(t, 0)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		start := time.Now()
		_, err = Open(path, Options{LockTimeout: 200 * time.Millisecond, ReadOnly: ro})
		if d := time.Since(start); d < 200*time.Millisecond || d > 3*time.Second {
			t.Errorf("read-only=%v: waited %v", ro, d)
		}
		wantError(t, err, path, ErrLocked)
		if got, want := err.Error(), path+": the tenant file is locked by another csemu process (waited 200ms)"; got != want {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	}
	// Released on close; the waiting open then succeeds.
	done := make(chan error)
	go func() {
		s2, err := Open(path, Options{LockTimeout: 5 * time.Second})
		if err == nil {
			s2.Close()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	s.Close()
	if err := <-done; err != nil {
		t.Errorf("open after release: %v", err)
	}
}

func TestReadOnly(t *testing.T) {
	path := newFile(t, 10)
	before, _ := os.ReadFile(path)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(path, old, old)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path, Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("second read-only open: %v", err)
	}
	s2.Close()
	tn, err := s.Load()
	if err != nil || tn.NumUsers() != 10 {
		t.Fatal(err)
	}
	if err := s.Commit(tn); err != nil {
		t.Errorf("commit without changes: %v", err)
	}
	tn.PutUser(&User{UPN: "new@x.test"})
	err = s.Commit(tn)
	wantError(t, err, path, ErrReadOnly, "read-only")
	s.Close()
	after, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !info.ModTime().Equal(old) {
		t.Error("a read-only open changed the file")
	}
}

// TestHelperProcess is the child of the kill tests, not a test.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("CSEMU_STATE_HELPER")
	if mode == "" {
		t.Skip("helper process")
	}
	path := os.Getenv("CSEMU_STATE_PATH")
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	tn, err := s.Load()
	if err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	change := func(dept string) {
		for u := range tn.Users() {
			u.Department = dept
			tn.PutUser(u)
			tn.AppendChange(Change{Kind: "User", Identity: u.UPN, Property: "Department", New: dept})
		}
	}
	switch mode {
	case "exit":
		change("after")
		s.inTx = func() {
			fmt.Println("committing")
			os.Exit(1)
		}
		s.Commit(tn)
		os.Exit(4)
	case "loop":
		for round := 1; ; round++ {
			change("round " + strconv.Itoa(round))
			if err := s.Commit(tn); err != nil {
				fmt.Println(err)
				os.Exit(3)
			}
			fmt.Println(round)
		}
	}
}

func helper(t *testing.T, mode, path string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "CSEMU_STATE_HELPER="+mode, "CSEMU_STATE_PATH="+path)
	return cmd
}

func loadFile(t *testing.T, path string) *Tenant {
	t.Helper()
	s, err := Open(path, Options{LockTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

func TestKilledInsideCommit(t *testing.T) {
	path := newFile(t, 1000)
	before, _ := os.ReadFile(path)
	out, err := helper(t, "exit", path).CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "committing") {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Log("file bytes changed (pages written but not committed)")
	}
	tn := loadFile(t, path)
	if tn.NumUsers() != 1000 || tn.NumChanges() != 1000 {
		t.Errorf("%d users, %d changes", tn.NumUsers(), tn.NumChanges())
	}
	for u := range tn.Users() {
		if u.Department != "before" {
			t.Fatalf("%s: department %q", u.UPN, u.Department)
		}
	}
}

func TestKilledDuringCommits(t *testing.T) {
	path := newFile(t, 1000)
	changes := 1000
	for try := range 3 {
		cmd := helper(t, "loop", path)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		last := 0
		for sc.Scan() && last < 2+try {
			n, err := strconv.Atoi(sc.Text())
			if err != nil {
				t.Fatalf("helper: %s", sc.Text())
			}
			last = n
		}
		time.Sleep(time.Duration(try*7) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		tn := loadFile(t, path)
		dept := ""
		for u := range tn.Users() {
			if dept == "" {
				dept = u.Department
			}
			if u.Department != dept {
				t.Fatalf("try %d: half a commit: %q and %q", try, dept, u.Department)
			}
		}
		n, _ := strconv.Atoi(strings.TrimPrefix(dept, "round "))
		if n < last || tn.NumChanges() != changes+1000*n {
			t.Errorf("try %d: department %q after round %d, %d changes", try, dept, last, tn.NumChanges())
		}
		changes = tn.NumChanges()
	}
}

// A change with an origin (an imported value's JSON path) is kept by the
// file, which then says schema version 2; a file without such changes
// stays version 1, readable by a csemu that knows only version 1.
func TestChangeOriginSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tenant.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	tn.AppendChange(Change{Cmdlet: "Set-CsTeamsMeetingPolicy", File: "a.ps1", Line: 3, Kind: "TeamsMeetingPolicy", Identity: "Global", Property: "AllowAnonymousUsersToJoinMeeting", Old: "True", New: "False"})
	if err := s.Commit(tn); err != nil {
		t.Fatal(err)
	}
	schema := func() string {
		t.Helper()
		var v string
		s.db.View(func(tx *bolt.Tx) error {
			v = string(tx.Bucket([]byte(bMeta)).Get([]byte(metaSchema)))
			return nil
		})
		return v
	}
	if v := schema(); v != "1" {
		t.Errorf("schema after a change without origin = %q, want 1", v)
	}
	tn.AppendChange(Change{Cmdlet: "Import-EmuTenant", File: "Get-CsTeamsMeetingPolicy.json", Kind: "TeamsMeetingPolicy", Identity: "Tag:A", Property: "AutoAdmittedUsers", New: "Everyone", At: "$[0].AutoAdmittedUsers"})
	if err := s.Commit(tn); err != nil {
		t.Fatal(err)
	}
	if v := schema(); v != "2" {
		t.Errorf("schema after a change with origin = %q, want 2", v)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	back, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	got := back.Changes(0)
	if len(got) != 2 || got[0].At != "" || got[0].Line != 3 || got[1].At != "$[0].AutoAdmittedUsers" || got[1].New != "Everyone" {
		t.Errorf("changes read back = %+v", got)
	}
}
