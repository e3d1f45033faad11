package state

import "iter"

// recHdr is the bookkeeping a tenant keeps inside each stored record.
// It is trusted only while the list's index maps key to the same pointer,
// so a copied struct never aliases the original.
type recHdr struct {
	key   string // lower-cased identity under which the record is indexed
	seq   uint64 // storage key; 0 when not stored in a list
	pos   int    // index in list.items
	dirty bool   // queued in list.dirty
}

type record interface {
	comparable
	hdr() *recHdr
}

// list keeps records in creation order with a case-insensitive index and
// tracks which ones changed since the last commit.
type list[P record] struct {
	items   []P // creation order; the zero P marks a deleted slot
	holes   int
	byKey   map[string]P
	nextSeq uint64
	dirty   []P
	dels    []uint64
	iters   int // running iterations: no compaction under them
}

func (l *list[P]) init() {
	if l.byKey == nil {
		l.byKey = make(map[string]P)
	}
	if l.nextSeq == 0 {
		l.nextSeq = 1
	}
}

func (l *list[P]) len() int { return len(l.items) - l.holes }

func (l *list[P]) get(key string) (P, bool) {
	p, ok := l.byKey[key]
	return p, ok
}

// stored reports whether p itself is the record indexed under its key.
func (l *list[P]) stored(p P) bool {
	h := p.hdr()
	return h.seq != 0 && l.byKey[h.key] == p
}

// put stores p under key. It returns the record whose index entries the
// caller must drop (p itself when p was already stored, possibly under an
// older key), whether such a record exists, and ErrExists when p was
// renamed onto another record's key.
func (l *list[P]) put(p P, key string) (prev P, replaced bool, err error) {
	l.init()
	var zero P
	h := p.hdr()
	cur, exists := l.byKey[key]
	if exists && cur == p { // stored under this key: changed in place
		l.markDirty(p)
		return p, true, nil
	}
	if h.seq != 0 && h.key != key && l.byKey[h.key] == p { // renamed in place
		if exists {
			return zero, false, ErrExists
		}
		delete(l.byKey, h.key)
		h.key = key
		l.byKey[key] = p
		l.markDirty(p)
		return p, true, nil
	}
	*h = recHdr{key: key}
	if exists {
		ch := cur.hdr()
		h.seq, h.pos = ch.seq, ch.pos
		l.items[h.pos] = p
		l.byKey[key] = p
		*ch = recHdr{}
		l.markDirty(p)
		return cur, true, nil
	}
	h.seq = l.nextSeq
	l.nextSeq++
	h.pos = len(l.items)
	l.items = append(l.items, p)
	l.byKey[key] = p
	l.markDirty(p)
	return zero, false, nil
}

// add appends a record read from storage.
func (l *list[P]) add(p P, key string, seq uint64) {
	l.init()
	h := p.hdr()
	*h = recHdr{key: key, seq: seq, pos: len(l.items)}
	l.items = append(l.items, p)
	l.byKey[key] = p
	if seq >= l.nextSeq {
		l.nextSeq = seq + 1
	}
}

func (l *list[P]) del(key string) (P, bool) {
	var zero P
	p, ok := l.byKey[key]
	if !ok {
		return zero, false
	}
	h := p.hdr()
	delete(l.byKey, key)
	l.items[h.pos] = zero
	l.holes++
	l.dels = append(l.dels, h.seq)
	*h = recHdr{}
	if l.iters == 0 && l.holes > 64 && l.holes > len(l.items)/2 {
		l.compact()
	}
	return p, true
}

func (l *list[P]) compact() {
	var zero P
	n := 0
	for _, p := range l.items {
		if p != zero {
			p.hdr().pos = n
			l.items[n] = p
			n++
		}
	}
	clear(l.items[n:])
	l.items = l.items[:n]
	l.holes = 0
}

func (l *list[P]) markDirty(p P) {
	if h := p.hdr(); !h.dirty {
		h.dirty = true
		l.dirty = append(l.dirty, p)
	}
}

func (l *list[P]) isDirty() bool { return len(l.dirty) > 0 || len(l.dels) > 0 }

// all yields the stored records in creation order. Records deleted during
// the iteration are skipped; records added are not visited.
func (l *list[P]) all() iter.Seq[P] {
	return func(yield func(P) bool) {
		var zero P
		l.iters++
		defer func() { l.iters-- }()
		n := len(l.items)
		for i := 0; i < n; i++ {
			p := l.items[i]
			if p != zero && !yield(p) {
				return
			}
		}
	}
}

func (l *list[P]) slice() []P {
	out := make([]P, 0, l.len())
	for p := range l.all() {
		out = append(out, p)
	}
	return out
}

// pending returns the records to write: those still stored among the dirty.
func (l *list[P]) pending(fn func(P) error) error {
	for _, p := range l.dirty {
		if p.hdr().dirty && l.stored(p) {
			if err := fn(p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *list[P]) clean() {
	for _, p := range l.dirty {
		p.hdr().dirty = false
	}
	l.dirty = nil
	l.dels = nil
}
