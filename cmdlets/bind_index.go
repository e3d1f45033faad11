package cmdlets

import (
	"github.com/csemu/csemu/state/fold"
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// bindIndex is what binding looks up in a cmdlet's parameters, computed
// once per cmdlet and session instead of at every call: a cmdlet called
// once per pipeline object would otherwise rebuild it each time.
type bindIndex struct {
	// exact maps the lower-case name or alias of every parameter the
	// command takes (its own and the common ones) to the first parameter
	// that has it, as lookup scans them.
	exact map[string]paramRef
	// keys are the lower-case names of the parameters.
	keys map[*ParamDef]string
	// byKey maps a lower-case name to the first of spec.params with it
	// (what find returns).
	byKey map[string]*ParamDef
	// posParams are the positional parameters in position order.
	posParams []*ParamDef
	// sets are the lower-case parameter set names, sorted; setsOf holds a
	// bit per set for each parameter that names sets. Nil sets means the
	// command has none.
	sets       []string
	all        uint64
	setsOf     map[*ParamDef]uint64
	defaultBit uint64
}

// paramRef is a parameter with its lower-case name.
type paramRef struct {
	p   *ParamDef
	key string
}

// isASCII reports whether s is ASCII, where strings.ToLower and
// strings.EqualFold agree.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// newBindIndex indexes spec. It returns nil when a name is not ASCII or
// there are more than 64 parameter sets; binding then scans the
// parameters as it does for a script's.
func newBindIndex(spec *bindSpec) *bindIndex {
	ix := &bindIndex{
		exact: make(map[string]paramRef),
		keys:  make(map[*ParamDef]string),
		byKey: make(map[string]*ParamDef, len(spec.params)),
	}
	for _, p := range spec.allParams() {
		if !isASCII(p.Name) {
			return nil
		}
		k := strings.ToLower(p.Name)
		ix.keys[p] = k
		if _, ok := ix.exact[k]; !ok {
			ix.exact[k] = paramRef{p, k}
		}
		for _, a := range p.Aliases {
			if !isASCII(a) {
				return nil
			}
			if la := strings.ToLower(a); ix.exact[la].p == nil {
				ix.exact[la] = paramRef{p, k}
			}
		}
	}
	names := map[string]bool{}
	for _, p := range spec.params {
		k := ix.keys[p]
		if _, ok := ix.byKey[k]; !ok {
			ix.byKey[k] = p
		}
		if p.Position >= 0 {
			ix.posParams = append(ix.posParams, p)
		}
		for _, ps := range p.Sets {
			if !isASCII(ps) {
				return nil
			}
			names[strings.ToLower(ps)] = true
		}
	}
	sort.SliceStable(ix.posParams, func(i, j int) bool { return ix.posParams[i].Position < ix.posParams[j].Position })
	if len(names) == 0 {
		return ix
	}
	d := strings.ToLower(spec.defaultSet)
	if d != "" && d != "__allparametersets" {
		if !isASCII(d) {
			return nil
		}
		// the default set exists even when no parameter names it
		names[d] = true
	}
	if len(names) > 64 {
		return nil
	}
	for n := range names {
		ix.sets = append(ix.sets, n)
	}
	slices.Sort(ix.sets)
	bit := func(name string) uint64 {
		i, ok := slices.BinarySearch(ix.sets, name)
		if !ok {
			return 0
		}
		return 1 << i
	}
	ix.all = 1<<len(ix.sets) - 1
	if len(ix.sets) == 64 {
		ix.all = ^uint64(0)
	}
	ix.defaultBit = bit(d)
	ix.setsOf = make(map[*ParamDef]uint64)
	for _, p := range spec.params {
		var m uint64
		for _, ps := range p.Sets {
			m |= bit(strings.ToLower(ps))
		}
		if m != 0 {
			ix.setsOf[p] = m
		}
	}
	return ix
}

// lookup is bindSpec.lookup for a name that is an exact name or alias;
// ix may be nil.
func (ix *bindIndex) lookup(name string) (paramRef, bool) {
	if ix == nil {
		return paramRef{}, false
	}
	return fold.Lookup(ix.exact, name)
}

// candidates returns the parameter sets still possible given what is
// bound, as bits of ix.sets.
func (ix *bindIndex) candidates(res *bindResult) uint64 {
	m := ix.all
	for key := range res.bound {
		if ps := ix.setsOf[ix.byKey[key]]; ps != 0 {
			m &= ps
		}
	}
	return m
}

// inCompatibleSet is Session.inCompatibleSet on the index.
func (ix *bindIndex) inCompatibleSet(res *bindResult, p *ParamDef) bool {
	if len(p.Sets) == 0 || ix.sets == nil {
		return true
	}
	ps, ok := ix.setsOf[p]
	if !ok {
		// not one of the spec's parameters
		for _, name := range p.Sets {
			if i, found := slices.BinarySearch(ix.sets, strings.ToLower(name)); found {
				ps |= 1 << i
			}
		}
	}
	return ix.candidates(res)&ps != 0
}

// resolveSet is Session.resolveSet on the index; ok is false when no set
// is possible.
func (ix *bindIndex) resolveSet(res *bindResult) (ok bool) {
	if ix.sets == nil {
		return true
	}
	m := ix.candidates(res)
	switch {
	case m == 0:
		return false
	case m&(m-1) == 0, m&ix.defaultBit == 0:
		// one set, or the first by name when the default set is out
		res.set = ix.sets[bits.TrailingZeros64(m)]
	default:
		res.set = ix.sets[bits.TrailingZeros64(ix.defaultBit)]
	}
	return true
}

// keyOf returns the lower-case name of p, the key of res.bound.
func (b *bindSpec) keyOf(p *ParamDef) string {
	if b.idx != nil {
		if k, ok := b.idx.keys[p]; ok {
			return k
		}
	}
	return strings.ToLower(p.Name)
}

// positional returns the positional parameters in position order.
func (b *bindSpec) positional() []*ParamDef {
	if b.idx != nil {
		return b.idx.posParams
	}
	var ps []*ParamDef
	for _, p := range b.params {
		if p.Position >= 0 {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Position < ps[j].Position })
	return ps
}
