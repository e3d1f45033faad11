package state

import (
	"bytes"
	"errors"
	"maps"
	"slices"
	"sync"
)

// MemStore is a [Store] in memory, for tests. It stores records exactly as
// a [BoltStore] does, so a tenant loaded from it shares nothing with the
// stored copy.
type MemStore struct {
	mu      sync.Mutex
	data    map[string]map[string][]byte
	closed  bool
	writes  int
	commits int
}

var _ Store = (*MemStore)(nil)

// NewMemory returns a store holding a new tenant (see [NewTenant]).
func NewMemory() *MemStore {
	m := &MemStore{data: make(map[string]map[string][]byte)}
	w := &memTx{m: m}
	var e enc
	if err := writeMeta(w, &e); err != nil {
		panic(err) // memTx does not fail
	}
	if _, err := writeDirty(NewTenant(), w); err != nil {
		panic(err)
	}
	w.apply()
	return m
}

var (
	errClosed  = errors.New("store is closed")
	errForeign = errors.New("tenant from another store")
)

// Load reads the whole tenant.
func (m *MemStore) Load() (t *Tenant, err error) {
	defer guard(":memory:", &err)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, &Error{Path: ":memory:", Msg: errClosed.Error(), Err: errClosed}
	}
	t, err = load(&memTx{m: m})
	if err != nil {
		return nil, damagedError(":memory:", err)
	}
	t.origin = m
	return t, nil
}

// Commit saves what changed in t, which must have been loaded from m, all
// or nothing.
func (m *MemStore) Commit(t *Tenant) (err error) {
	if t.origin != Store(m) {
		return &Error{Path: ":memory:", Msg: "the tenant was not loaded from this store", Err: errForeign}
	}
	if !t.Dirty() {
		return nil
	}
	defer guard(":memory:", &err)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return &Error{Path: ":memory:", Msg: errClosed.Error(), Err: errClosed}
	}
	w := &memTx{m: m}
	n, err := writeDirty(t, w)
	if err != nil {
		return &Error{Path: ":memory:", Msg: "saving the tenant: " + err.Error(), Err: err}
	}
	w.apply()
	m.writes, m.commits = n, m.commits+1
	t.markClean()
	return nil
}

// Close drops the stored tenant.
func (m *MemStore) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed, m.data = true, nil
	return nil
}

// memTx reads the store and queues writes until apply.
type memTx struct {
	m   *MemStore
	ops []memOp
}

type memOp struct {
	bucket, key string
	value       []byte // nil deletes
}

func (w *memTx) get(bucket string, key []byte) []byte {
	return bytes.Clone(w.m.data[bucket][string(key)])
}

func (w *memTx) forEach(bucket string, fn func(k, v []byte) error) error {
	b := w.m.data[bucket]
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if err := fn([]byte(k), b[k]); err != nil {
			return err
		}
	}
	return nil
}

func (w *memTx) put(bucket string, key, value []byte) error {
	w.ops = append(w.ops, memOp{bucket, string(key), bytes.Clone(value)})
	if value != nil && w.ops[len(w.ops)-1].value == nil {
		w.ops[len(w.ops)-1].value = []byte{}
	}
	return nil
}

func (w *memTx) del(bucket string, key []byte) error {
	w.ops = append(w.ops, memOp{bucket, string(key), nil})
	return nil
}

func (w *memTx) apply() {
	for _, op := range w.ops {
		b := w.m.data[op.bucket]
		if b == nil {
			b = make(map[string][]byte)
			w.m.data[op.bucket] = b
		}
		if op.value == nil {
			delete(b, op.key)
		} else {
			b[op.key] = op.value
		}
	}
	w.ops = nil
}
