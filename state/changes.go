package state

import "time"

// Change is one entry of the change log: a property of an object changed
// by a cmdlet at a script position.
type Change struct {
	Time     time.Time
	Cmdlet   string
	File     string
	Line     int
	Kind     string // object kind, or "User", "Group", ...
	Identity string
	Property string
	Old, New string
	// At is where in File an imported value came from when a line does
	// not say it: a JSON path ($[3].AllowAnonymousUsersToJoinMeeting) or
	// an XML element.
	At string
}

// changeLog keeps changes in chunks, so that appending never copies the
// log and pointers to entries stay valid.
type changeLog struct {
	chunks [][]Change
	n      int
}

const changeChunk = 4096

func (l *changeLog) append(c Change) {
	k := len(l.chunks) - 1
	if k < 0 || len(l.chunks[k]) == cap(l.chunks[k]) {
		l.chunks = append(l.chunks, make([]Change, 0, changeChunk))
		k++
	}
	l.chunks[k] = append(l.chunks[k], c)
	l.n++
}

// at returns entry i; chunks may have different sizes (the first one holds
// what was loaded).
func (l *changeLog) at(i int) *Change {
	for _, c := range l.chunks {
		if i < len(c) {
			return &c[i]
		}
		i -= len(c)
	}
	return nil
}

// each calls fn for entries from..n-1 in order.
func (l *changeLog) each(from int, fn func(i int, c *Change) bool) {
	i := 0
	for _, c := range l.chunks {
		if from >= i+len(c) {
			i += len(c)
			continue
		}
		for j := max(from-i, 0); j < len(c); j++ {
			if !fn(i+j, &c[j]) {
				return
			}
		}
		i += len(c)
	}
}

type changeKey struct{ kind, identity, property string }

func keyOf(kind, identity, property string) changeKey {
	return changeKey{lower(kind), lower(identity), lower(property)}
}

// AppendChange adds c to the change log.
func (t *Tenant) AppendChange(c Change) {
	t.changes.append(c)
	if t.lastChange != nil {
		t.lastChange[keyOf(c.Kind, c.Identity, c.Property)] = t.changes.at(t.changes.n - 1)
	}
}

// Changes returns a copy of the last n changes, oldest first, or of all of
// them when n is 0 or less.
func (t *Tenant) Changes(n int) []Change {
	if n <= 0 || n > t.changes.n {
		n = t.changes.n
	}
	out := make([]Change, 0, n)
	t.changes.each(t.changes.n-n, func(_ int, c *Change) bool {
		out = append(out, *c)
		return true
	})
	return out
}

// NumChanges returns the length of the change log.
func (t *Tenant) NumChanges() int { return t.changes.n }

// LastChange returns the newest change of the property of the object,
// compared case-insensitively. The first call indexes the log; later calls
// are a map lookup. The entry must not be modified.
func (t *Tenant) LastChange(kind, identity, property string) (*Change, bool) {
	if t.lastChange == nil {
		t.lastChange = make(map[changeKey]*Change, t.changes.n)
		cache := make(map[string]string)
		low := func(s string) string {
			if l, ok := cache[s]; ok {
				return l
			}
			l := lower(s)
			if len(cache) < 4096 {
				cache[s] = l
			}
			return l
		}
		t.changes.each(0, func(_ int, c *Change) bool {
			t.lastChange[changeKey{low(c.Kind), lower(c.Identity), low(c.Property)}] = c
			return true
		})
	}
	c, ok := t.lastChange[keyOf(kind, identity, property)]
	return c, ok
}

// NoteUnchanged counts a write that set a value already there (a Set- to
// the current value, a grant of the policy already granted), which the
// change log does not record. The count lives in memory only: it is never
// saved, and a loaded or cloned tenant starts at zero.
func (t *Tenant) NoteUnchanged() { t.unchanged++ }

// Unchanged returns how many writes set a value already there since t was
// loaded, made or cloned.
func (t *Tenant) Unchanged() int { return t.unchanged }
