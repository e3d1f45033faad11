package state

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestResume checks that a tenant kept across a close and reopen is
// committed to the new store while the file is unchanged, and refused
// once another store committed.
func TestResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tenant.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stamp()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if st.Changed() {
		t.Fatal("Changed after a close that wrote nothing")
	}

	// unchanged: the kept tenant commits to the reopened file
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Resume(tn, st) {
		t.Fatal("Resume refused an unchanged file")
	}
	if err := tn.PutUser(&User{UPN: "ann@contoso.com"}); err != nil {
		t.Fatal(err)
	}
	if s.Resume(tn, st) {
		t.Fatal("Resume took a tenant with uncommitted changes")
	}
	if err := s.Commit(tn); err != nil {
		t.Fatal(err)
	}
	st2, err := s.Stamp()
	if err != nil {
		t.Fatal(err)
	}
	if st2.Same(st) {
		t.Fatal("a commit left the stamp alone")
	}
	s.Close()

	// another process commits: the kept tenant is refused
	other, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ot, err := other.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ot.User("ann@contoso.com"); !ok {
		t.Fatal("the resumed commit did not reach the file")
	}
	if err := ot.PutUser(&User{UPN: "bob@contoso.com"}); err != nil {
		t.Fatal(err)
	}
	if err := other.Commit(ot); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if !st2.Changed() {
		t.Log("the file system did not show the commit in size or time; Resume must still see it")
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Resume(tn, st2) {
		t.Fatal("Resume took a tenant that another process's commit made stale")
	}
	if (Stamp{}).Same(Stamp{}) || s.Resume(tn, Stamp{}) {
		t.Fatal("the zero Stamp matched")
	}

	// a file replaced by another (here a longer one) looks changed
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st3, err := s.Stamp()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, make([]byte, 4096)...), 0o600); err != nil {
		t.Fatal(err)
	}
	if !st3.Changed() {
		t.Fatal("Changed missed a replaced file")
	}
}

// TestOpenUnchangedSkipsOnlyKnownFiles checks that Options.Unchanged skips
// the page walk only for the file it stamps: a file damaged since (so its
// stamp differs) is still reported as damaged.
func TestOpenUnchangedSkipsOnlyKnownFiles(t *testing.T) {
	path := newFile(t, 2000)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stamp()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{Unchanged: st})
	if err != nil {
		t.Fatalf("unchanged file: %v", err)
	}
	s.Close()

	// make a branch page point at itself, as TestDamagedStructure does
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := int(binary.LittleEndian.Uint32(data[16+8:]))
	for p := 2; p < len(data)/ps; p++ {
		if binary.LittleEndian.Uint64(data[p*ps:]) == uint64(p) && binary.LittleEndian.Uint16(data[p*ps+8:]) == flagBranch {
			binary.LittleEndian.PutUint64(data[p*ps+16+8:], uint64(p))
			break
		}
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{Unchanged: st})
	if err == nil {
		s.Close()
		t.Fatal("a file damaged since its stamp opened without error")
	}
	wantError(t, err, path, ErrDamaged, "the tenant file is damaged")
}
