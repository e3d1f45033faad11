package state

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"
)

// Records are stored in a compact binary form: unsigned varints, length
// prefixed strings and tagged values, followed by a CRC-32 of the key and
// the payload so that a damaged data page is reported, not misread.

const (
	tagNil byte = iota
	tagFalse
	tagTrue
	tagInt
	tagFloat
	tagString
	tagList
	tagObject
)

// maxDepth bounds nested values, on the way in and on the way out.
const maxDepth = 32

// enc appends records to chunks that are never reused, as bbolt keeps the
// key and value slices given to Put until the transaction ends.
type enc struct {
	buf   []byte
	start int
}

const chunkSize = 1 << 20

func (e *enc) begin() {
	if cap(e.buf)-len(e.buf) < 512 {
		e.buf = make([]byte, 0, chunkSize)
	}
	e.start = len(e.buf)
}

func (e *enc) grow(n int) {
	if cap(e.buf)-len(e.buf) >= n {
		return
	}
	// Move the record begun so far into a new chunk.
	rec := e.buf[e.start:]
	size := max(chunkSize, 2*(len(rec)+n))
	nb := make([]byte, len(rec), size)
	copy(nb, rec)
	e.buf = nb
	e.start = 0
}

// end returns the record, with its checksum when key is not nil.
func (e *enc) end(key []byte) []byte {
	if key != nil {
		e.grow(4)
		sum := crc32.Update(crc32.ChecksumIEEE(key), crc32.IEEETable, e.buf[e.start:])
		e.buf = binary.LittleEndian.AppendUint32(e.buf, sum)
	}
	rec := e.buf[e.start:len(e.buf):len(e.buf)]
	e.start = len(e.buf)
	return rec
}

// bytes returns a copy of b that lives in the arena.
func (e *enc) bytes(b ...byte) []byte {
	e.begin()
	e.grow(len(b))
	e.buf = append(e.buf, b...)
	return e.end(nil)
}

func (e *enc) seqKey(prefix string, seq uint64) []byte {
	e.begin()
	e.grow(len(prefix) + 8)
	e.buf = append(e.buf, prefix...)
	e.buf = binary.BigEndian.AppendUint64(e.buf, seq)
	return e.end(nil)
}

func (e *enc) uvarint(v uint64) {
	e.grow(binary.MaxVarintLen64)
	e.buf = binary.AppendUvarint(e.buf, v)
}

func (e *enc) varint(v int64) {
	e.grow(binary.MaxVarintLen64)
	e.buf = binary.AppendVarint(e.buf, v)
}

func (e *enc) byte(b byte) {
	e.grow(1)
	e.buf = append(e.buf, b)
}

func (e *enc) bool(b bool) {
	if b {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

func (e *enc) str(s string) {
	e.grow(binary.MaxVarintLen64 + len(s))
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *enc) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *enc) time(t time.Time) {
	if t.IsZero() {
		e.byte(0)
		return
	}
	e.byte(1)
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

func (e *enc) value(v any, depth int) error {
	if depth > maxDepth {
		return errors.New("value nested too deeply")
	}
	switch x := v.(type) {
	case nil:
		e.byte(tagNil)
	case bool:
		if x {
			e.byte(tagTrue)
		} else {
			e.byte(tagFalse)
		}
	case int64:
		e.byte(tagInt)
		e.varint(x)
	case float64:
		e.byte(tagFloat)
		e.grow(8)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(x))
	case string:
		e.byte(tagString)
		e.str(x)
	case []any:
		e.byte(tagList)
		e.uvarint(uint64(len(x)))
		for _, el := range x {
			if err := e.value(el, depth+1); err != nil {
				return err
			}
		}
	case *Object:
		if x == nil {
			e.byte(tagNil)
			return nil
		}
		e.byte(tagObject)
		return e.object(x, depth+1)
	default:
		return fmt.Errorf("unsupported value type %T", v)
	}
	return nil
}

func (e *enc) object(o *Object, depth int) error {
	e.str(o.Kind)
	e.str(o.Identity)
	e.uvarint(uint64(len(o.Props)))
	for _, p := range o.Props {
		e.str(p.Name)
		if err := e.value(p.Value, depth); err != nil {
			return fmt.Errorf("property %s: %w", p.Name, err)
		}
	}
	return nil
}

func (e *enc) user(u *User) {
	e.str(u.UPN)
	e.str(u.DisplayName)
	e.str(u.Department)
	e.str(u.ObjectID)
	e.bool(u.Enabled)
	e.strs(u.Licenses)
	e.strs(u.Groups)
	e.uvarint(uint64(len(u.Direct)))
	for _, d := range u.Direct {
		e.str(d.PolicyType)
		e.str(d.PolicyName)
	}
}

func (e *enc) group(g *Group) {
	e.str(g.ID)
	e.str(g.DisplayName)
}

func (e *enc) assignments(l []GroupAssignment) {
	e.uvarint(uint64(len(l)))
	for _, a := range l {
		e.str(a.GroupID)
		e.str(a.PolicyType)
		e.str(a.PolicyName)
		e.uvarint(uint64(a.Rank))
		e.time(a.CreatedTime)
		e.str(a.CreatedBy)
	}
}

func (e *enc) grant(g TenantGrant) {
	e.str(g.PolicyType)
	e.str(g.PolicyName)
}

func (e *enc) batch(b *BatchOperation) {
	e.str(b.ID)
	e.str(b.OperationName)
	e.str(b.OverallStatus)
	e.str(b.CreatedBy)
	e.time(b.CreatedTime)
	e.time(b.CompletedTime)
	e.uvarint(uint64(max(b.ErrorCount, 0)))
	e.uvarint(uint64(max(b.CompletedCount, 0)))
	e.uvarint(uint64(len(b.Users)))
	for _, u := range b.Users {
		e.str(u.ID)
		e.str(u.State)
		e.str(u.Result)
	}
}

func (e *enc) change(c *Change, origins bool) {
	e.time(c.Time)
	e.str(c.Cmdlet)
	e.str(c.File)
	e.uvarint(uint64(max(c.Line, 0)))
	e.str(c.Kind)
	e.str(c.Identity)
	e.str(c.Property)
	e.str(c.Old)
	e.str(c.New)
	if origins {
		e.str(c.At)
	}
}

// errCorrupt is what a decoder reports for bytes it cannot read.
var errCorrupt = errors.New("malformed record")

// dec reads a record from a string, so that the strings it returns share
// the memory of one buffer instead of being allocated one by one.
type dec struct {
	s   string
	i   int
	err error
}

// verify checks and strips the checksum of rec, read under key.
func verify(key, rec []byte) ([]byte, error) {
	if len(rec) < 4 {
		return nil, errCorrupt
	}
	body := rec[:len(rec)-4]
	want := binary.LittleEndian.Uint32(rec[len(rec)-4:])
	if crc32.Update(crc32.ChecksumIEEE(key), crc32.IEEETable, body) != want {
		return nil, errors.New("checksum mismatch")
	}
	return body, nil
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.i = len(d.s)
}

func (d *dec) uvarint() uint64 {
	var v uint64
	var shift uint
	for k := 0; ; k++ {
		if d.i >= len(d.s) || k == binary.MaxVarintLen64 {
			d.fail()
			return 0
		}
		b := d.s[d.i]
		d.i++
		if b < 0x80 {
			if k == binary.MaxVarintLen64-1 && b > 1 {
				d.fail()
				return 0
			}
			return v | uint64(b)<<shift
		}
		v |= uint64(b&0x7f) << shift
		shift += 7
	}
}

func (d *dec) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a length that must fit in what is left, each element taking
// at least min bytes.
func (d *dec) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i)/uint64(min) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *dec) byte() byte {
	if d.i >= len(d.s) {
		d.fail()
		return 0
	}
	b := d.s[d.i]
	d.i++
	return b
}

func (d *dec) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *dec) str() string {
	n := d.count(1)
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *dec) int() int {
	v := d.uvarint()
	if v > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *dec) time() time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
		sec := d.varint()
		ns := d.uvarint()
		if ns >= 1e9 {
			d.fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(ns)).UTC()
	}
	d.fail()
	return time.Time{}
}

// strsInto reads a list of strings into the arena and returns a slice of it
// whose capacity ends at its length, so that an append copies.
func (d *dec) strsInto(arena *[]string) []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	start := len(*arena)
	for range n {
		*arena = append(*arena, d.str())
	}
	return (*arena)[start:len(*arena):len(*arena)]
}

func (d *dec) value(depth int) any {
	if depth > maxDepth {
		d.fail()
		return nil
	}
	switch d.byte() {
	case tagNil:
		return nil
	case tagFalse:
		return false
	case tagTrue:
		return true
	case tagInt:
		return d.varint()
	case tagFloat:
		if len(d.s)-d.i < 8 {
			d.fail()
			return nil
		}
		var v uint64
		for k := 7; k >= 0; k-- {
			v = v<<8 | uint64(d.s[d.i+k])
		}
		d.i += 8
		return math.Float64frombits(v)
	case tagString:
		return d.str()
	case tagList:
		n := d.count(1)
		l := make([]any, n)
		for i := range l {
			l[i] = d.value(depth + 1)
		}
		return l
	case tagObject:
		return d.object(depth + 1)
	}
	d.fail()
	return nil
}

func (d *dec) object(depth int) *Object {
	o := &Object{Kind: d.str(), Identity: d.str()}
	n := d.count(2)
	if n > 0 {
		o.Props = make([]Prop, n)
		for i := range o.Props {
			o.Props[i].Name = d.str()
			o.Props[i].Value = d.value(depth)
		}
	}
	return o
}

func (d *dec) done() error {
	if d.err == nil && d.i != len(d.s) {
		d.err = errCorrupt
	}
	return d.err
}
