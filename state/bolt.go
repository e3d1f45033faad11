package state

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// initialMmapSize is the address space mapped for a writable file.
const initialMmapSize = 1 << 30

// BoltStore is a [Store] in a bbolt file.
type BoltStore struct {
	db       *bolt.DB
	path     string
	readOnly bool

	writes  int    // puts and deletes of the last commit
	commits int    // commits that wrote something
	inTx    func() // test hook: runs inside the write transaction
}

var _ Store = (*BoltStore)(nil)

// Open opens the tenant file at path, creating it and its directories from
// the Global defaults when it does not exist. It checks that the file is a
// sound tenant file of this schema version; every failure is an [*Error]
// naming path.
func Open(path string, o Options) (s *BoltStore, err error) {
	op := &opener{readOnly: o.ReadOnly}
	var db *bolt.DB
	defer func() {
		if r := recover(); r != nil {
			// Close what bbolt left open, or its lock would outlive the
			// failed open.
			func() {
				defer func() { recover() }()
				if db != nil {
					db.Close()
				} else if op.f != nil {
					op.f.Close()
				}
			}()
			s, err = nil, internalError(path, r)
		}
	}()
	defer faultsPanic()()
	timeout := o.LockTimeout
	if timeout == 0 {
		timeout = DefaultLockTimeout
	}
	fail := func(msg string, err error) (*BoltStore, error) {
		return nil, &Error{Path: path, Msg: msg, Err: err}
	}

	info, statErr := os.Stat(path)
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		if o.ReadOnly {
			return fail("the tenant file does not exist (a read-only open does not create it)", ErrNotExist)
		}
		if o.MustExist {
			return fail("the tenant file does not exist", ErrNotExist)
		}
		dir := filepath.Dir(path)
		if o.ExistingDir {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return fail(fmt.Sprintf("the folder %s does not exist; create it first, or check the path", dir), ErrNotExist)
			}
		} else if err := os.MkdirAll(dir, 0o700); err != nil {
			return fail(fmt.Sprintf("creating the tenant file: %v", err), err)
		}
	case statErr != nil:
		return fail(statErr.Error(), statErr)
	case info.IsDir():
		return fail("is a directory, not a tenant file", ErrNotTenant)
	}

	op.timeout = max(timeout, 0)
	bo := &bolt.Options{
		Timeout:      max(timeout, time.Nanosecond),
		ReadOnly:     o.ReadOnly,
		OpenFile:     op.openFile,
		FreelistType: bolt.FreelistMapType,
	}
	if !o.ReadOnly && runtime.GOOS != "windows" && math.MaxInt > 1<<32 {
		// Each growth of the map copies every node of the write
		// transaction to the heap; reserve address space for a big commit
		// up front. (Windows would grow the file to this size.)
		bo.InitialMmapSize = initialMmapSize
	}
	db, err = bolt.Open(path, 0o600, bo)
	if err != nil {
		return nil, openError(path, timeout, err)
	}
	// With the large map, bbolt would grow the file by 16 MB at a time.
	db.AllocSize = 1 << 16
	s = &BoltStore{db: db, path: path, readOnly: o.ReadOnly}
	if err := s.check(op.kind, o.Unchanged); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// opener opens the file for bbolt: it locks it and inspects it before bbolt
// reads a byte.
type opener struct {
	readOnly bool
	timeout  time.Duration
	kind     fileKind
	f        *os.File
}

func (op *opener) openFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, !op.readOnly, op.timeout); err != nil {
		f.Close()
		return nil, err
	}
	info, err := f.Stat()
	if err == nil {
		op.kind, err = inspect(f, info.Size())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	op.f = f
	return f, nil
}

func openError(path string, timeout time.Duration, err error) error {
	var ie *inspectError
	switch {
	case errors.Is(err, errLockTimeout), errors.Is(err, berrors.ErrTimeout):
		return &Error{Path: path, Msg: fmt.Sprintf("the tenant file is locked by another csemu process (waited %v)", max(timeout, 0)), Err: ErrLocked}
	case errors.As(err, &ie) && ie.notBolt:
		return &Error{Path: path, Msg: "not a csemu tenant file (not a bbolt database)", Err: ErrNotTenant}
	case errors.As(err, &ie) && ie.notTenant:
		return &Error{Path: path, Msg: "not a csemu tenant file (" + ie.msg + ")", Err: ErrNotTenant}
	case errors.As(err, &ie):
		return damagedError(path, err)
	case errors.Is(err, berrors.ErrInvalid):
		return &Error{Path: path, Msg: "not a csemu tenant file (invalid database)", Err: ErrNotTenant}
	case errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return damagedError(path, err)
	case errors.Is(err, fs.ErrPermission):
		return &Error{Path: path, Msg: "permission denied", Err: err}
	}
	return &Error{Path: path, Msg: err.Error(), Err: err}
}

func damagedError(path string, err error) error {
	return &Error{Path: path, Msg: fmt.Sprintf("the tenant file is damaged (%v); restore it from a backup", err), Err: ErrDamaged}
}

// check initialises a new file, or checks the schema and consistency of an
// existing one.
func (s *BoltStore) check(kind fileKind, known Stamp) error {
	if kind != fileTenant {
		if s.readOnly {
			return &Error{Path: s.path, Msg: "not a csemu tenant file (empty database)", Err: ErrNotTenant}
		}
		return s.init()
	}
	checked := false
	if known.info != nil {
		now, err := s.Stamp()
		checked = err == nil && now.Same(known)
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := checkMeta(boltTx{tx: tx}); err != nil {
			return err
		}
		if checked {
			return nil // this process checked and wrote it last
		}
		var first error
		for err := range tx.Check() {
			if first == nil {
				first = err
			}
		}
		return first
	})
	var se *schemaError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return &Error{Path: s.path, Msg: se.Error(), Err: ErrSchema}
	case errors.Is(err, errNoMeta):
		return &Error{Path: s.path, Msg: "not a csemu tenant file (" + err.Error() + ")", Err: ErrNotTenant}
	}
	return damagedError(s.path, err)
}

func (s *BoltStore) init() error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		w := &boltTx{tx: tx}
		for _, b := range allBuckets() {
			if _, err := tx.CreateBucketIfNotExists([]byte(b)); err != nil {
				return err
			}
		}
		var e enc
		if err := writeMeta(w, &e); err != nil {
			return err
		}
		_, err := writeDirty(NewTenant(), w)
		return err
	})
	if err != nil {
		return &Error{Path: s.path, Msg: fmt.Sprintf("creating the tenant file: %v", err), Err: err}
	}
	return nil
}

// Path returns the file's path.
func (s *BoltStore) Path() string { return s.path }

// Load reads the whole tenant into memory.
func (s *BoltStore) Load() (t *Tenant, err error) {
	defer guard(s.path, &err)
	defer faultsPanic()()
	err = s.db.View(func(tx *bolt.Tx) error {
		t, err = load(boltTx{tx: tx})
		return err
	})
	if err != nil {
		return nil, damagedError(s.path, err)
	}
	t.origin = s
	return t, nil
}

// Commit writes what changed in t, which must have been loaded from s, in
// one bbolt transaction.
func (s *BoltStore) Commit(t *Tenant) (err error) {
	if t.origin != Store(s) {
		return &Error{Path: s.path, Msg: "the tenant was not loaded from this file", Err: errForeign}
	}
	if !t.Dirty() {
		return nil
	}
	if s.readOnly {
		return &Error{Path: s.path, Msg: "the tenant file was opened read-only; changes are not saved", Err: ErrReadOnly}
	}
	defer guard(s.path, &err)
	defer faultsPanic()()
	n := 0
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if n, err = writeDirty(t, &boltTx{tx: tx}); err != nil {
			return err
		}
		if s.inTx != nil {
			s.inTx()
		}
		return nil
	})
	if err != nil {
		return &Error{Path: s.path, Msg: fmt.Sprintf("saving the tenant: %v", err), Err: err}
	}
	s.writes, s.commits = n, s.commits+1
	t.markClean()
	return nil
}

// Close closes the file and releases its lock.
func (s *BoltStore) Close() error {
	if err := s.db.Close(); err != nil {
		return &Error{Path: s.path, Msg: fmt.Sprintf("closing: %v", err), Err: err}
	}
	return nil
}

// boltTx reads and writes the buckets of one bbolt transaction.
type boltTx struct {
	tx      *bolt.Tx
	buckets map[string]*bolt.Bucket
}

func (b boltTx) get(bucket string, key []byte) []byte {
	bk := b.tx.Bucket([]byte(bucket))
	if bk == nil {
		return nil
	}
	return bytes.Clone(bk.Get(key))
}

func (b boltTx) forEach(bucket string, fn func(k, v []byte) error) error {
	bk := b.tx.Bucket([]byte(bucket))
	if bk == nil {
		return nil
	}
	c := bk.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			return fmt.Errorf("bucket %q: unexpected nested bucket %q", bucket, k)
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (b *boltTx) bucket(name string) (*bolt.Bucket, error) {
	if bk := b.buckets[name]; bk != nil {
		return bk, nil
	}
	bk, err := b.tx.CreateBucketIfNotExists([]byte(name))
	if err != nil {
		return nil, err
	}
	// Records are mostly appended: pack pages fuller than bbolt's default.
	bk.FillPercent = 0.9
	if b.buckets == nil {
		b.buckets = make(map[string]*bolt.Bucket)
	}
	b.buckets[name] = bk
	return bk, nil
}

func (b *boltTx) put(bucket string, key, value []byte) error {
	bk, err := b.bucket(bucket)
	if err != nil {
		return err
	}
	return bk.Put(key, value)
}

func (b *boltTx) del(bucket string, key []byte) error {
	bk, err := b.bucket(bucket)
	if err != nil {
		return err
	}
	return bk.Delete(key)
}
