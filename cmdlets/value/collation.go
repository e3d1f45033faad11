package value

import (
	"bytes"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collation orders strings as .NET's culture-aware comparison does on Linux
// and macOS, where CompareInfo is ICU's: the invariant culture (PowerShell's
// -lt, -gt, -le, -ge) and en-US (Sort-Object, String.Compare,
// String.CompareTo) both use CLDR root collation. Punctuation sorts before
// digits, digits before letters, letters alphabetically whatever their case
// and accents; then accents decide, then case (lower before upper):
// "_x" < "-y" < "1" < "a" < "A" < "b" < "É" < "z". Case-insensitive
// comparison (CompareOptions.IgnoreCase) stops before the case level.
//
// A Collation keeps the collators it builds; it is not safe for concurrent
// use. The zero value is ready to use.
type Collation struct {
	// tag is the culture's language, language.Und for the invariant
	// culture and those that sort as CLDR root does (en-US)
	tag    language.Tag
	cs, ci *collate.Collator
	// keys caches the sort keys of the strings compared, by level (0 case
	// sensitive, 1 not): a sort compares each string many times.
	keys [2]map[string][]byte
	buf  collate.Buffer
}

// NewCollation returns a collation for many comparisons (a sort): the
// collators are built on first use, and each string's sort key is kept.
func NewCollation() *Collation {
	return &Collation{keys: [2]map[string][]byte{{}, {}}}
}

// NewCultureCollation is NewCollation for the culture named (a -Culture
// argument): its language's CLDR tailoring of root collation, as ICU
// applies it (Swedish sorts "ä" after "z", Lithuanian "y" with "i"). An
// empty name, the invariant culture and English are root collation. ok is
// false for a name that is no culture name.
func NewCultureCollation(name string) (*Collation, bool) {
	c := NewCollation()
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "iv") {
		return c, true
	}
	tag, err := language.Parse(name)
	if err != nil {
		return nil, false
	}
	if base, _ := tag.Base(); base.String() != "en" {
		c.tag = tag
	}
	return c, true
}

// key returns the sort key of s.
func (c *Collation) key(s string, cs bool) []byte {
	level := 0
	if !cs {
		level = 1
	}
	if k, ok := c.keys[level][s]; ok {
		return k
	}
	k := append([]byte(nil), c.collator(cs).KeyFromString(&c.buf, s)...)
	c.buf.Reset()
	c.keys[level][s] = k
	return k
}

func (c *Collation) collator(cs bool) *collate.Collator {
	if cs {
		if c.cs == nil {
			c.cs = collate.New(c.tag)
		}
		return c.cs
	}
	if c.ci == nil {
		c.ci = collate.New(c.tag, collate.IgnoreCase)
	}
	return c.ci
}

// Compare orders a and b: -1, 0 or 1. cs asks for a case-sensitive
// comparison.
func (c *Collation) Compare(a, b string, cs bool) int {
	if c == nil || c.tag == language.Und {
		// root collation orders ASCII letters and digits as compareAlnum
		// does; a tailoring may not
		if r, ok := compareAlnum(a, b, cs); ok {
			return r
		}
	}
	if c == nil {
		c = &Collation{}
	}
	if c.keys[0] != nil {
		return bytes.Compare(c.key(a, cs), c.key(b, cs))
	}
	return c.collator(cs).CompareString(a, b)
}

// alnumWeight is the primary weight root collation gives an ASCII digit or
// letter (digits first, letters in order, case ignored), or -1 for any
// other byte.
func alnumWeight(ch byte) int {
	switch {
	case ch >= '0' && ch <= '9':
		return int(ch - '0')
	case ch >= 'a' && ch <= 'z':
		return int(ch-'a') + 10
	case ch >= 'A' && ch <= 'Z':
		return int(ch-'A') + 10
	}
	return -1
}

// compareAlnum is root collation for strings of ASCII letters and digits,
// without building a collator: first the letters and digits ignoring case
// (a prefix first), then, when case counts, the first case difference
// (lower case first). ok is false when a string holds anything else.
func compareAlnum(a, b string, cs bool) (int, bool) {
	n := min(len(a), len(b))
	primary := 0
	i := 0
	for ; i < n; i++ {
		wa, wb := alnumWeight(a[i]), alnumWeight(b[i])
		if wa < 0 || wb < 0 {
			return 0, false
		}
		if wa != wb {
			primary = -1
			if wa > wb {
				primary = 1
			}
			break
		}
	}
	// the rest of both strings must be letters and digits too
	for j := i; j < len(a); j++ {
		if alnumWeight(a[j]) < 0 {
			return 0, false
		}
	}
	for j := i; j < len(b); j++ {
		if alnumWeight(b[j]) < 0 {
			return 0, false
		}
	}
	if primary != 0 {
		return primary, true
	}
	switch {
	case len(a) < len(b):
		return -1, true
	case len(a) > len(b):
		return 1, true
	}
	if !cs {
		return 0, true
	}
	for j := 0; j < n; j++ {
		if a[j] != b[j] {
			// the same letter in another case: lower case first
			if a[j] >= 'a' {
				return -1, true
			}
			return 1, true
		}
	}
	return 0, true
}
