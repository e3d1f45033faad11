package state

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// Stamp identifies what a tenant file holds at one moment: bbolt's
// transaction ID, which every commit increments, and the file's identity,
// size and modification time, which change when the file is replaced.
// The zero Stamp matches no file.
type Stamp struct {
	txid int
	path string
	info os.FileInfo
}

// Stamp returns the stamp of the file as it is now. Take it while s is
// open, right after [BoltStore.Load] or [BoltStore.Commit], so that no
// other process can have written in between.
func (s *BoltStore) Stamp() (st Stamp, err error) {
	defer guard(s.path, &err)
	defer faultsPanic()()
	err = s.db.View(func(tx *bolt.Tx) error {
		st.txid = tx.ID()
		return nil
	})
	if err != nil {
		return Stamp{}, &Error{Path: s.path, Msg: err.Error(), Err: err}
	}
	info, err := os.Stat(s.path)
	if err != nil {
		return Stamp{}, &Error{Path: s.path, Msg: err.Error(), Err: err}
	}
	st.path, st.info = s.path, info
	return st, nil
}

// Changed reports, without opening or locking the file, whether it looks
// changed since the stamp: replaced, resized or modified. It is a cheap
// hint (a commit within the file system's time granularity that keeps
// the size goes unseen); [BoltStore.Resume] checks for sure.
func (a Stamp) Changed() bool {
	if a.info == nil {
		return true
	}
	now, err := os.Stat(a.path)
	return err != nil || !os.SameFile(a.info, now) || a.info.Size() != now.Size() || !a.info.ModTime().Equal(now.ModTime())
}

// Same reports whether a and b stamp the same content of the same file.
func (a Stamp) Same(b Stamp) bool {
	if a.info == nil || b.info == nil {
		return false
	}
	return a.txid == b.txid && os.SameFile(a.info, b.info) &&
		a.info.Size() == b.info.Size() && a.info.ModTime().Equal(b.info.ModTime())
}

// Resume ties t, a clean tenant loaded from or committed to an earlier
// open of the same file when it was stamped st, to s, so that
// [BoltStore.Commit] accepts it: a process that closes the file between
// commands keeps its tenant instead of loading it again. It reports false,
// and leaves t alone, when the file changed since st (another process
// committed, or the file was replaced) or t has uncommitted changes; load
// the tenant again then.
func (s *BoltStore) Resume(t *Tenant, st Stamp) bool {
	if t == nil || t.Dirty() {
		return false
	}
	now, err := s.Stamp()
	if err != nil || !now.Same(st) {
		return false
	}
	t.origin = s
	return true
}
