package state

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
)

// bbolt trusts the page numbers and offsets it finds in a file: a damaged
// data page can make it read outside the file, which no recover catches.
// inspect walks the file's structure with bounds-checked reads before
// bbolt maps it, mirroring bbolt's own layout (go.etcd.io/bbolt
// internal/common), so that a damaged or foreign file becomes an error.

const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	elemSize       = 16 // branch and leaf elements
	bucketHdrSize  = 16
	metaSize       = 64 // up to and including the checksum
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagFreelist   = 0x10
	leafBucket     = 0x01
	noFreelist     = ^uint64(0)
	maxTreeDepth   = 64
	maxBucketDepth = 16
)

// fileKind is what inspect found.
type fileKind int

const (
	fileEmpty     fileKind = iota // size 0: bbolt initialises it
	fileNoBuckets                 // a bbolt file with nothing in it
	fileTenant                    // a bbolt file with a meta bucket
)

// inspectError explains why a file cannot be opened.
type inspectError struct {
	notBolt   bool // not a bbolt file at all
	notTenant bool // a sound bbolt file of something else
	msg       string
}

func (e *inspectError) Error() string { return e.msg }

func damaged(format string, args ...any) error {
	return &inspectError{msg: fmt.Sprintf(format, args...)}
}

type meta struct {
	magic, version, pageSize uint32
	root, freelist, hwm      uint64
	txid                     uint64
	ok                       bool
}

func readMeta(b []byte) meta {
	if len(b) < pageHeaderSize+metaSize {
		return meta{}
	}
	m := b[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	x := meta{
		magic: le.Uint32(m[0:]), version: le.Uint32(m[4:]), pageSize: le.Uint32(m[8:]),
		root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]), hwm: le.Uint64(m[40:]),
		txid: le.Uint64(m[48:]),
	}
	h := fnv.New64a()
	h.Write(m[:56])
	x.ok = x.magic == boltMagic && x.version == boltVersion && h.Sum64() == le.Uint64(m[56:])
	return x
}

type inspector struct {
	r        io.ReaderAt
	size     int64
	pageSize uint64
	hwm      uint64
	seen     []bool
	data     []byte // the pages below hwm, once the file is known to be a tenant
}

func inspect(r io.ReaderAt, size int64) (kind fileKind, err error) {
	if size == 0 {
		return fileEmpty, nil
	}
	in := &inspector{r: r, size: size}
	m, err := in.meta()
	if err != nil {
		return 0, err
	}
	ps := uint64(m.pageSize)
	if ps < 1024 || ps > 1<<16 || ps&(ps-1) != 0 {
		return 0, damaged("page size %d", ps)
	}
	in.pageSize, in.hwm = ps, m.hwm
	if m.hwm < 3 || m.hwm > uint64(size)/ps {
		return 0, damaged("the file is truncated: %d bytes for %d pages of %d", size, m.hwm, ps)
	}
	in.seen = make([]bool, m.hwm)
	in.seen[0], in.seen[1] = true, true
	if m.freelist != noFreelist {
		if err := in.freelist(m.freelist); err != nil {
			return 0, err
		}
	}
	var names [][]byte
	var buckets [][]byte
	err = in.tree(m.root, 0, func(k []byte, flags uint32, v []byte) error {
		if flags&leafBucket == 0 {
			return damaged("top-level key %q is not a bucket", k)
		}
		names = append(names, k)
		buckets = append(buckets, v)
		return nil
	})
	if err != nil {
		return 0, err
	}
	if len(names) == 0 {
		return fileNoBuckets, nil
	}
	hasMeta := false
	for _, n := range names {
		if string(n) == bMeta {
			hasMeta = true
		}
	}
	if !hasMeta {
		return 0, &inspectError{notTenant: true, msg: "a bbolt database without csemu data"}
	}
	// One read is much faster than a read per page.
	in.data = make([]byte, in.hwm*in.pageSize)
	if _, err := in.r.ReadAt(in.data, 0); err != nil {
		return 0, damaged("reading: %v", err)
	}
	for i, v := range buckets {
		if err := in.bucket(v, 1); err != nil {
			return 0, fmt.Errorf("bucket %q: %w", names[i], err)
		}
	}
	return fileTenant, nil
}

// meta finds the meta page bbolt would use, as bbolt's getPageSize and
// DB.meta do.
func (in *inspector) meta() (meta, error) {
	buf := make([]byte, 0x1000)
	n, _ := in.r.ReadAt(buf, 0)
	first := readMeta(buf[:n])
	var m0, m1 meta
	magic := first.magic == boltMagic
	if first.ok {
		ps := int64(first.pageSize)
		m0 = first
		if n, _ := in.r.ReadAt(buf, ps); n >= pageHeaderSize+metaSize {
			m1 = readMeta(buf[:n])
		}
	} else {
		for i := 0; i <= 14; i++ {
			pos := int64(1024) << i
			if pos >= in.size-1024 {
				break
			}
			n, _ := in.r.ReadAt(buf, pos)
			m := readMeta(buf[:n])
			magic = magic || m.magic == boltMagic
			if m.ok {
				if int64(m.pageSize) != pos {
					return meta{}, damaged("meta page 1 is at offset %d but gives page size %d", pos, m.pageSize)
				}
				m1 = m
				break
			}
		}
	}
	switch {
	case m0.ok && m1.ok && m1.txid > m0.txid:
		return m1, nil
	case m0.ok:
		return m0, nil
	case m1.ok:
		return m1, nil
	case magic:
		return meta{}, damaged("both meta pages are invalid")
	}
	return meta{}, &inspectError{notBolt: true, msg: "not a bbolt database"}
}

// page reads page id and its overflow pages, after checking its header.
func (in *inspector) page(id uint64) (flags uint16, count int, b []byte, err error) {
	if id < 2 || id >= in.hwm {
		return 0, 0, nil, damaged("page %d is out of range", id)
	}
	var hdr []byte
	if in.data != nil {
		hdr = in.data[id*in.pageSize:]
	} else {
		hdr = make([]byte, pageHeaderSize)
		if _, err := in.r.ReadAt(hdr, int64(id*in.pageSize)); err != nil {
			return 0, 0, nil, damaged("page %d: %v", id, err)
		}
	}
	le := binary.LittleEndian
	if le.Uint64(hdr[0:]) != id {
		return 0, 0, nil, damaged("page %d has the header of page %d", id, le.Uint64(hdr[0:]))
	}
	flags = le.Uint16(hdr[8:])
	count = int(le.Uint16(hdr[10:]))
	over := uint64(le.Uint32(hdr[12:]))
	if id+over >= in.hwm {
		return 0, 0, nil, damaged("page %d overflows the file", id)
	}
	for p := id; p <= id+over; p++ {
		if in.seen[p] {
			return 0, 0, nil, damaged("page %d is used twice", p)
		}
		in.seen[p] = true
	}
	if in.data != nil {
		return flags, count, in.data[id*in.pageSize : (id+over+1)*in.pageSize], nil
	}
	b = make([]byte, (over+1)*in.pageSize)
	if _, err := in.r.ReadAt(b, int64(id*in.pageSize)); err != nil {
		return 0, 0, nil, damaged("page %d: %v", id, err)
	}
	return flags, count, b, nil
}

func (in *inspector) freelist(id uint64) error {
	flags, count, b, err := in.page(id)
	if err != nil {
		return err
	}
	if flags != flagFreelist {
		return damaged("page %d is not the freelist", id)
	}
	off := uint64(pageHeaderSize)
	n := uint64(count)
	if count == 0xFFFF {
		if len(b) < pageHeaderSize+8 {
			return damaged("freelist page %d is short", id)
		}
		n = binary.LittleEndian.Uint64(b[off:])
		off += 8
	}
	if n > (uint64(len(b))-off)/8 {
		return damaged("freelist page %d lists too many pages", id)
	}
	for i := range n {
		if p := binary.LittleEndian.Uint64(b[off+8*i:]); p < 2 || p >= in.hwm {
			return damaged("freelist page %d lists page %d, out of range", id, p)
		}
	}
	return nil
}

type leafFunc func(key []byte, flags uint32, value []byte) error

// tree walks the B+tree rooted at page id and calls fn for every leaf entry.
func (in *inspector) tree(id uint64, depth int, fn leafFunc) error {
	if depth > maxTreeDepth {
		return damaged("tree too deep at page %d", id)
	}
	flags, count, b, err := in.page(id)
	if err != nil {
		return err
	}
	switch flags {
	case flagBranch:
		if count == 0 {
			return damaged("branch page %d is empty", id)
		}
		if uint64(pageHeaderSize+count*elemSize) > uint64(len(b)) {
			return damaged("branch page %d: elements overflow the page", id)
		}
		for i := range count {
			e := pageHeaderSize + i*elemSize
			pos := uint64(binary.LittleEndian.Uint32(b[e:]))
			ksize := uint64(binary.LittleEndian.Uint32(b[e+4:]))
			if uint64(e)+pos+ksize > uint64(len(b)) {
				return damaged("branch page %d: key %d overflows the page", id, i)
			}
			if err := in.tree(binary.LittleEndian.Uint64(b[e+8:]), depth+1, fn); err != nil {
				return err
			}
		}
		return nil
	case flagLeaf:
		return leaf(b, count, fmt.Sprintf("leaf page %d", id), fn)
	}
	return damaged("page %d has unexpected type %#x", id, flags)
}

// leaf calls fn for the entries of the leaf page b.
func leaf(b []byte, count int, what string, fn leafFunc) error {
	if uint64(pageHeaderSize+count*elemSize) > uint64(len(b)) {
		return damaged("%s: elements overflow the page", what)
	}
	le := binary.LittleEndian
	for i := range count {
		e := pageHeaderSize + i*elemSize
		flags := le.Uint32(b[e:])
		pos := uint64(le.Uint32(b[e+4:]))
		ksize := uint64(le.Uint32(b[e+8:]))
		vsize := uint64(le.Uint32(b[e+12:]))
		start := uint64(e) + pos
		if start+ksize+vsize > uint64(len(b)) {
			return damaged("%s: entry %d overflows the page", what, i)
		}
		if err := fn(b[start:start+ksize], flags, b[start+ksize:start+ksize+vsize]); err != nil {
			return err
		}
	}
	return nil
}

// bucket checks a bucket whose header and inline page (if any) are v.
func (in *inspector) bucket(v []byte, depth int) error {
	if depth > maxBucketDepth {
		return damaged("buckets nested too deeply")
	}
	if len(v) < bucketHdrSize {
		return damaged("short bucket header")
	}
	sub := func(k []byte, flags uint32, v []byte) error {
		if flags&leafBucket != 0 {
			if err := in.bucket(v, depth+1); err != nil {
				return fmt.Errorf("bucket %q: %w", k, err)
			}
		}
		return nil
	}
	if root := binary.LittleEndian.Uint64(v); root != 0 {
		return in.tree(root, 0, sub)
	}
	p := v[bucketHdrSize:]
	if len(p) < pageHeaderSize {
		return damaged("short inline bucket")
	}
	if flags := binary.LittleEndian.Uint16(p[8:]); flags != flagLeaf {
		return damaged("inline bucket has page type %#x", flags)
	}
	return leaf(p, int(binary.LittleEndian.Uint16(p[10:])), "inline bucket", sub)
}

var errLockTimeout = errors.New("lock timeout")
