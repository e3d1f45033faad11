package state

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Bucket names and the meta keys of a tenant file.
const (
	bMeta    = "meta"
	bObjects = "objects"
	bUsers   = "users"
	bGroups  = "groups"
	bAssign  = "assignments"
	bGrants  = "grants"
	bBatches = "batches"
	bChanges = "changes"

	metaFormat = "format"
	metaSchema = "schema"

	formatName = "csemu tenant"
)

// SchemaVersion is the newest version of the stored layout, which this
// package reads and writes. Version 2 adds the origin of a change (the
// JSON path or element an imported value came from); a file is written
// as version 2 only once it holds such a change, and version 1 files are
// read as they are.
const SchemaVersion = 2

// minSchemaVersion is the oldest version this package reads.
const minSchemaVersion = 1

func allBuckets() []string {
	return []string{bMeta, bObjects, bUsers, bGroups, bAssign, bGrants, bBatches, bChanges}
}

// kvReader and kvWriter are what the bbolt and in-memory stores offer to
// the shared code that reads and writes a tenant.
type kvReader interface {
	get(bucket string, key []byte) []byte
	forEach(bucket string, fn func(k, v []byte) error) error
}

type kvWriter interface {
	kvReader
	put(bucket string, key, value []byte) error
	del(bucket string, key []byte) error
}

// writeMeta stores the format marker and schema version.
func writeMeta(w kvWriter, e *enc) error {
	if err := w.put(bMeta, e.bytes([]byte(metaFormat)...), e.bytes([]byte(formatName)...)); err != nil {
		return err
	}
	return writeSchema(w, e, minSchemaVersion)
}

// writeSchema stores the schema version v.
func writeSchema(w kvWriter, e *enc, v int) error {
	return w.put(bMeta, e.bytes([]byte(metaSchema)...), e.bytes([]byte(strconv.Itoa(v))...))
}

// checkMeta reports whether r holds a tenant of this schema. It returns
// errNoMeta when there is no format marker at all.
func checkMeta(r kvReader) error {
	f := r.get(bMeta, []byte(metaFormat))
	if f == nil {
		return errNoMeta
	}
	if string(f) != formatName {
		return fmt.Errorf("%w (format %q)", errNoMeta, f)
	}
	v, err := strconv.Atoi(string(r.get(bMeta, []byte(metaSchema))))
	if err != nil {
		return &schemaError{raw: string(r.get(bMeta, []byte(metaSchema)))}
	}
	if v < minSchemaVersion || v > SchemaVersion {
		return &schemaError{version: v, known: true}
	}
	return nil
}

var errNoMeta = errors.New("no csemu metadata")

type schemaError struct {
	version int
	known   bool
	raw     string
}

func (e *schemaError) Error() string {
	switch {
	case !e.known:
		return fmt.Sprintf("unreadable schema version %q (this csemu reads version %d)", e.raw, SchemaVersion)
	case e.version > SchemaVersion:
		return fmt.Sprintf("tenant file has schema version %d, newer than version %d that this csemu reads; use a newer csemu", e.version, SchemaVersion)
	}
	return fmt.Sprintf("tenant file has schema version %d, but this csemu reads only versions %d to %d", e.version, minSchemaVersion, SchemaVersion)
}

// writeDirty writes what changed in t and returns the number of puts and
// deletes.
func writeDirty(t *Tenant, w kvWriter) (int, error) {
	var e enc
	n := 0
	put := func(bucket string, k, v []byte) error {
		n++
		return w.put(bucket, k, v)
	}
	del := func(bucket string, k []byte) error {
		n++
		return w.del(bucket, k)
	}
	for kind, l := range t.kinds {
		prefix := kind + "\x00"
		err := l.pending(func(o *Object) error {
			k := e.seqKey(prefix, o.rec.seq)
			e.begin()
			if err := e.object(o, 0); err != nil {
				return fmt.Errorf("%s %q: %w", o.Kind, o.Identity, err)
			}
			return put(bObjects, k, e.end(k))
		})
		if err != nil {
			return n, err
		}
		for _, seq := range l.dels {
			if err := del(bObjects, e.seqKey(prefix, seq)); err != nil {
				return n, err
			}
		}
	}
	err := t.users.pending(func(u *User) error {
		k := e.seqKey("", u.rec.seq)
		e.begin()
		e.user(u)
		return put(bUsers, k, e.end(k))
	})
	if err != nil {
		return n, err
	}
	for _, seq := range t.users.dels {
		if err := del(bUsers, e.seqKey("", seq)); err != nil {
			return n, err
		}
	}
	err = t.groups.pending(func(g *Group) error {
		k := e.seqKey("", g.rec.seq)
		e.begin()
		e.group(g)
		return put(bGroups, k, e.end(k))
	})
	if err != nil {
		return n, err
	}
	for _, seq := range t.groups.dels {
		if err := del(bGroups, e.seqKey("", seq)); err != nil {
			return n, err
		}
	}
	err = t.batches.pending(func(b *BatchOperation) error {
		k := e.seqKey("", b.rec.seq)
		e.begin()
		e.batch(b)
		return put(bBatches, k, e.end(k))
	})
	if err != nil {
		return n, err
	}
	for _, seq := range t.batches.dels {
		if err := del(bBatches, e.seqKey("", seq)); err != nil {
			return n, err
		}
	}
	for pt := range t.dirtyAssign {
		k := e.bytes([]byte(pt)...)
		l := t.assign[pt]
		if len(l) == 0 {
			err = del(bAssign, k)
		} else {
			e.begin()
			e.assignments(l)
			err = put(bAssign, k, e.end(k))
		}
		if err != nil {
			return n, err
		}
	}
	for pt := range t.dirtyGrants {
		k := e.bytes([]byte(pt)...)
		g, ok := t.grants[pt]
		if !ok {
			err = del(bGrants, k)
		} else {
			e.begin()
			e.grant(g)
			err = put(bGrants, k, e.end(k))
		}
		if err != nil {
			return n, err
		}
	}
	// Changes are stored changesPerRecord to a record: the log grows by
	// appending, and a record per change would double the writes of a
	// script that grants a policy to every user.
	// A record whose changes have origins (At) marks its count with
	// withOrigins and is a version 2 record.
	upgraded := false
	for r := t.savedChanges / changesPerRecord; r*changesPerRecord < t.changes.n; r++ {
		k := e.seqKey("", uint64(r))
		from, to := r*changesPerRecord, min((r+1)*changesPerRecord, t.changes.n)
		origins := false
		t.changes.each(from, func(i int, c *Change) bool {
			origins = origins || c.At != ""
			return i+1 < to
		})
		e.begin()
		count := uint64(to - from)
		if origins {
			count |= withOrigins
		}
		e.uvarint(count)
		t.changes.each(from, func(i int, c *Change) bool {
			if i >= to {
				return false
			}
			e.change(c, origins)
			return true
		})
		if err := put(bChanges, k, e.end(k)); err != nil {
			return n, err
		}
		if origins && !upgraded {
			upgraded = true
			var me enc
			if err := writeSchema(w, &me, 2); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// changesPerRecord is how many change log entries one record holds.
const changesPerRecord = 256

// withOrigins marks the count of a change record whose entries carry an
// origin (schema version 2).
const withOrigins = 1 << 20

// corruptError describes a record that cannot be read.
type corruptError struct {
	bucket string
	key    []byte
	err    error
}

func (e *corruptError) Error() string {
	return fmt.Sprintf("%s record %s: %v", e.bucket, printableKey(e.key), e.err)
}

func printableKey(k []byte) string {
	if len(k) >= 10 && k[len(k)-9] == 0 {
		return fmt.Sprintf("%s/%d", k[:len(k)-9], binary.BigEndian.Uint64(k[len(k)-8:]))
	}
	if len(k) == 8 {
		return strconv.FormatUint(binary.BigEndian.Uint64(k), 10)
	}
	return strconv.Quote(string(k))
}

// span locates one verified record inside the string collect returns.
type span struct {
	key      []byte // for keyName buckets only
	prefix   string // for keyPrefixSeq buckets
	seq      uint64
	off, end int
}

// How the keys of a bucket are made.
const (
	keyName      = iota // a name
	keySeq              // a big-endian sequence number
	keyPrefixSeq        // a name, a zero byte and a sequence number
)

// collect copies the verified payloads of a bucket into one string, so that
// decoding allocates no string of its own. A first pass sizes the buffers.
func collect(r kvReader, bucket string, keys int) (string, []span, error) {
	n, size := 0, 0
	r.forEach(bucket, func(_, v []byte) error {
		n++
		size += len(v)
		return nil
	})
	if n == 0 {
		return "", nil, nil
	}
	var buf strings.Builder
	buf.Grow(size)
	spans := make([]span, 0, n)
	err := r.forEach(bucket, func(k, v []byte) error {
		body, err := verify(k, v)
		if err != nil {
			return &corruptError{bucket, bytes.Clone(k), err}
		}
		sp := span{off: buf.Len()}
		switch keys {
		case keyName:
			sp.key = bytes.Clone(k)
		case keySeq:
			if len(k) != 8 {
				return &corruptError{bucket, bytes.Clone(k), errors.New("bad key")}
			}
			sp.seq = binary.BigEndian.Uint64(k)
		case keyPrefixSeq:
			if len(k) < 10 || k[len(k)-9] != 0 {
				return &corruptError{bucket, bytes.Clone(k), errors.New("bad key")}
			}
			sp.prefix = string(k[:len(k)-9])
			sp.seq = binary.BigEndian.Uint64(k[len(k)-8:])
		}
		buf.Write(body)
		sp.end = buf.Len()
		spans = append(spans, sp)
		return nil
	})
	return buf.String(), spans, err
}

// load reads a whole tenant.
func load(r kvReader) (*Tenant, error) {
	t := newTenant()
	steps := []func(kvReader, *Tenant) error{loadObjects, loadUsers, loadGroups, loadAssign, loadGrants, loadBatches, loadChanges}
	for _, step := range steps {
		if err := step(r, t); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func recordErr(bucket string, sp span, err error) error {
	k := sp.key
	if k == nil {
		if sp.prefix != "" {
			k = append([]byte(sp.prefix), 0)
		}
		k = binary.BigEndian.AppendUint64(k, sp.seq)
	}
	return &corruptError{bucket, k, err}
}

func loadObjects(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bObjects, keyPrefixSeq)
	if err != nil {
		return err
	}
	for _, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		o := d.object(0)
		if err := d.done(); err != nil {
			return recordErr(bObjects, sp, err)
		}
		if o.Kind == "" || o.Kind != sp.prefix || o.Identity == "" {
			return recordErr(bObjects, sp, errors.New("key does not match the object"))
		}
		l := t.kinds[o.Kind]
		if l == nil {
			l = &list[*Object]{}
			t.kinds[o.Kind] = l
		}
		key := lower(o.Identity)
		if _, dup := l.byKey[key]; dup || sp.seq == 0 {
			return recordErr(bObjects, sp, errors.New("duplicate identity"))
		}
		l.add(o, key, sp.seq)
	}
	return nil
}

func loadUsers(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bUsers, keySeq)
	if err != nil || len(spans) == 0 {
		return err
	}
	n := len(spans)
	slab := make([]User, n)
	strs := make([]string, 0, 2*n)
	direct := make([]DirectPolicy, 0, n)
	t.users.items = make([]*User, 0, n)
	t.users.byKey = make(map[string]*User, n)
	t.byObjectID = make(map[string]*User, n)
	for i, sp := range spans {
		u := &slab[i]
		d := dec{s: s[sp.off:sp.end]}
		u.UPN = d.str()
		u.DisplayName = d.str()
		u.Department = d.str()
		u.ObjectID = d.str()
		u.Enabled = d.bool()
		u.Licenses = d.strsInto(&strs)
		u.Groups = d.strsInto(&strs)
		if m := d.count(2); m > 0 {
			start := len(direct)
			for range m {
				direct = append(direct, DirectPolicy{PolicyType: d.str(), PolicyName: d.str()})
			}
			u.Direct = direct[start:len(direct):len(direct)]
		}
		if err := d.done(); err != nil {
			return recordErr(bUsers, sp, err)
		}
		key := lower(u.UPN)
		if _, dup := t.users.byKey[key]; dup || u.UPN == "" || sp.seq == 0 {
			return recordErr(bUsers, sp, errors.New("missing or duplicate UPN"))
		}
		t.users.add(u, key, sp.seq)
		t.indexUser(u)
	}
	return nil
}

func loadGroups(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bGroups, keySeq)
	if err != nil {
		return err
	}
	for _, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		g := &Group{ID: d.str(), DisplayName: d.str()}
		if err := d.done(); err != nil {
			return recordErr(bGroups, sp, err)
		}
		key := lower(g.ID)
		if _, dup := t.groups.byKey[key]; dup || g.ID == "" || sp.seq == 0 {
			return recordErr(bGroups, sp, errors.New("missing or duplicate group ID"))
		}
		t.groups.add(g, key, sp.seq)
	}
	return nil
}

func loadAssign(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bAssign, keyName)
	if err != nil {
		return err
	}
	for _, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		n := d.count(6)
		l := make([]GroupAssignment, n)
		for i := range l {
			l[i] = GroupAssignment{GroupID: d.str(), PolicyType: d.str(), PolicyName: d.str(),
				Rank: d.int(), CreatedTime: d.time(), CreatedBy: d.str()}
		}
		if err := d.done(); err != nil {
			return recordErr(bAssign, sp, err)
		}
		for i, a := range l {
			if a.Rank != i+1 || lower(a.PolicyType) != string(sp.key) {
				return recordErr(bAssign, sp, errors.New("inconsistent ranks"))
			}
		}
		if n > 0 {
			t.assign[string(sp.key)] = l
		}
	}
	return nil
}

func loadGrants(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bGrants, keyName)
	if err != nil {
		return err
	}
	for _, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		g := TenantGrant{PolicyType: d.str(), PolicyName: d.str()}
		if err := d.done(); err != nil {
			return recordErr(bGrants, sp, err)
		}
		if lower(g.PolicyType) != string(sp.key) {
			return recordErr(bGrants, sp, errors.New("key does not match the grant"))
		}
		t.grants[string(sp.key)] = g
	}
	return nil
}

func loadBatches(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bBatches, keySeq)
	if err != nil {
		return err
	}
	for _, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		b := &BatchOperation{ID: d.str(), OperationName: d.str(), OverallStatus: d.str(),
			CreatedBy: d.str(), CreatedTime: d.time(), CompletedTime: d.time(),
			ErrorCount: d.int(), CompletedCount: d.int()}
		if n := d.count(3); n > 0 {
			b.Users = make([]BatchUserState, n)
			for i := range b.Users {
				b.Users[i] = BatchUserState{ID: d.str(), State: d.str(), Result: d.str()}
			}
		}
		if err := d.done(); err != nil {
			return recordErr(bBatches, sp, err)
		}
		key := lower(b.ID)
		if _, dup := t.batches.byKey[key]; dup || b.ID == "" || sp.seq == 0 {
			return recordErr(bBatches, sp, errors.New("missing or duplicate ID"))
		}
		t.batches.add(b, key, sp.seq)
	}
	return nil
}

// changeCount reads the count of a change record and whether its entries
// carry an origin.
func changeCount(d *dec) (n int, origins bool) {
	raw := d.uvarint()
	if raw&withOrigins != 0 {
		origins = true
		raw &^= withOrigins
	}
	if raw > uint64(len(d.s)-d.i) {
		d.fail()
		return 0, origins
	}
	return int(raw), origins
}

func loadChanges(r kvReader, t *Tenant) error {
	s, spans, err := collect(r, bChanges, keySeq)
	if err != nil || len(spans) == 0 {
		return err
	}
	total := 0
	for i, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		n, _ := changeCount(&d)
		if sp.seq != uint64(i) || n == 0 || n > changesPerRecord || (n < changesPerRecord && i < len(spans)-1) {
			return recordErr(bChanges, sp, errors.New("gap in the change log"))
		}
		total += n
	}
	slab := make([]Change, total)
	t.changes = changeLog{chunks: [][]Change{slab}, n: total}
	j := 0
	for _, sp := range spans {
		d := dec{s: s[sp.off:sp.end]}
		n, origins := changeCount(&d)
		for range n {
			c := &slab[j]
			j++
			c.Time = d.time()
			c.Cmdlet = d.str()
			c.File = d.str()
			c.Line = d.int()
			c.Kind = d.str()
			c.Identity = d.str()
			c.Property = d.str()
			c.Old = d.str()
			c.New = d.str()
			if origins {
				c.At = d.str()
			}
		}
		if err := d.done(); err != nil {
			return recordErr(bChanges, sp, err)
		}
	}
	t.savedChanges = total
	return nil
}
