// Package fold looks strings up in maps keyed by their lower-case form
// without allocating the lower-case key, as the tenant and the engine do
// on every cmdlet call.
package fold

import "strings"

// LowerBuf lower-cases name into buf without allocating. ok is false when
// name is longer than buf or not ASCII (where strings.ToLower has more to
// do).
func LowerBuf(buf *[64]byte, name string) (b []byte, ok bool) {
	if len(name) > len(buf) {
		return nil, false
	}
	b = buf[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b, true
}

// Lookup returns m[strings.ToLower(name)]; for a short ASCII name it does
// not allocate the lower-case key.
func Lookup[V any](m map[string]V, name string) (V, bool) {
	var buf [64]byte
	if b, ok := LowerBuf(&buf, name); ok {
		v, found := m[string(b)]
		return v, found
	}
	v, found := m[strings.ToLower(name)]
	return v, found
}
