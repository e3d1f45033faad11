package state

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FuzzOpen writes arbitrary bytes to a file and opens and loads it: the
// answer must be a tenant or an *Error, never a panic or a crash.
func FuzzOpen(f *testing.F) {
	valid := smallFile(f)
	f.Add(valid)
	f.Add([]byte{})
	f.Add([]byte("not a database"))
	f.Add(valid[:2048])
	f.Add(valid[:len(valid)/2])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{true, false} {
			s, err := Open(path, Options{ReadOnly: ro, LockTimeout: time.Second})
			if err == nil {
				_, err = s.Load()
				s.Close()
			}
			var e *Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("read-only=%v: %v (%T) is not an *Error", ro, err, err)
			}
			// A recovered panic means that inspect let a damaged file
			// through to bbolt.
			if err != nil && strings.Contains(err.Error(), "internal error") {
				t.Fatalf("read-only=%v: %v", ro, err)
			}
		}
	})
}

// smallFile returns a compact tenant file with 1 KB pages and a few
// records of each kind, as a seed that the fuzzer can mutate quickly.
func smallFile(tb testing.TB) []byte {
	dir := tb.TempDir()
	src, err := bolt.Open(filepath.Join(dir, "src.db"), 0o600, &bolt.Options{PageSize: 1024})
	if err != nil {
		tb.Fatal(err)
	}
	s := &BoltStore{db: src, path: "src.db"}
	if err := s.init(); err != nil {
		tb.Fatal(err)
	}
	tn, _ := s.Load()
	for _, k := range tn.Kinds() {
		for _, o := range tn.Objects(k) {
			if k != KindTeamsAcsFederationConfiguration {
				tn.DeleteObject(k, o.Identity)
			}
		}
	}
	tn.PutObject(&Object{Kind: KindAllowedDomain, Identity: "a.test", Props: []Prop{{"List", []any{1.5, int64(-2), nil, &Object{Kind: "K"}}}}})
	tn.PutUser(&User{UPN: "a@x.test", ObjectID: "1", Groups: []string{"g"}, Direct: []DirectPolicy{{"T", "P"}}})
	tn.PutGroup(&Group{ID: "g"})
	tn.AddGroupAssignment(GroupAssignment{GroupID: "g", PolicyType: "T", PolicyName: "P", CreatedTime: t0})
	tn.SetTenantGrant("T", "P")
	tn.PutBatch(&BatchOperation{ID: "b", Users: []BatchUserState{{"a", "b", "c"}}})
	tn.AppendChange(Change{Time: t0, Kind: "User", Identity: "a@x.test"})
	if err := s.Commit(tn); err != nil {
		tb.Fatal(err)
	}
	dst, err := bolt.Open(filepath.Join(dir, "dst.db"), 0o600, &bolt.Options{PageSize: 1024})
	if err != nil {
		tb.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 0); err != nil {
		tb.Fatal(err)
	}
	src.Close()
	dst.Close()
	data, err := os.ReadFile(filepath.Join(dir, "dst.db"))
	if err != nil {
		tb.Fatal(err)
	}
	hwm := max(binary.LittleEndian.Uint64(data[16+40:]), binary.LittleEndian.Uint64(data[1024+16+40:]))
	return data[:hwm*1024]
}

// FuzzDecode feeds arbitrary records to the decoders through the memory
// store, which does not check the bbolt structure.
func FuzzDecode(f *testing.F) {
	s := NewMemory()
	tn, _ := s.Load()
	tn.PutUser(&User{UPN: "a@x.test", Groups: []string{"g"}, Direct: []DirectPolicy{{"T", "P"}}})
	tn.AppendChange(Change{Time: t0, Kind: "User", Identity: "a@x.test"})
	tn.PutBatch(&BatchOperation{ID: "b", Users: []BatchUserState{{"a", "b", "c"}}})
	tn.AddGroupAssignment(GroupAssignment{GroupID: "g", PolicyType: "T", PolicyName: "P"})
	s.Commit(tn)
	for _, b := range allBuckets() {
		for k, v := range s.data[b] {
			f.Add(b, []byte(k), v)
		}
	}
	f.Fuzz(func(t *testing.T, bucket string, key, payload []byte) {
		m := &MemStore{data: map[string]map[string][]byte{}}
		var e enc
		w := &memTx{m: m}
		writeMeta(w, &e)
		// Give the payload a valid checksum so that the decoder sees it.
		e.begin()
		e.grow(len(payload))
		e.buf = append(e.buf, payload...)
		w.put(bucket, key, e.end(key))
		w.apply()
		tn, err := m.Load()
		var se *Error
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("%v (%T) is not an *Error", err, err)
		}
		if err == nil {
			// What loads must commit and load again.
			for u := range tn.Users() {
				tn.PutUser(u)
			}
			if err := m.Commit(tn); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Load(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestSmallFileOpens(t *testing.T) {
	data := smallFile(t)
	path := filepath.Join(t.TempDir(), "small.db")
	os.WriteFile(path, data, 0o600)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tn, err := s.Load()
	if err != nil || tn.NumUsers() != 1 || len(tn.Kinds()) != 2 {
		t.Fatalf("%v %d %v", err, tn.NumUsers(), tn.Kinds())
	}
	t.Logf("seed file: %d bytes", len(data))
}
