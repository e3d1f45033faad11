package tenantio

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// roundTrip exports t in format f, reads the files back and applies them
// to a new tenant, which it returns.
func roundTrip(t *testing.T, tn *state.Tenant, f Format, wo WriteOptions, ro Options) *state.Tenant {
	t.Helper()
	files, err := Write(tn, f, wo)
	if err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	results := Read(files, ro)
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("Read %s of %s: %v", r.Source.Name, f, r.Err)
		}
	}
	back := state.NewTenant()
	Apply(back, Merge(results), ApplyOptions{Now: time.Unix(0, 0), Replace: true})
	return back
}

// exports.md section 6: importing an export gives back an identical
// tenant. The property is checked over random tenants for each format
// that carries the whole tenant.
func TestExportImportRoundTrip(t *testing.T) {
	for _, f := range roundTripFormats() {
		t.Run(string(f.format), func(t *testing.T) {
			for seed := range uint64(40) {
				tn := randomTenant(rand.New(rand.NewPCG(seed, 7)))
				back := roundTrip(t, tn, f.format, f.write, f.read)
				if f.scope != nil {
					tn, back = f.scope(tn), f.scope(back)
				}
				if d := diffTenants(tn, back); len(d) > 0 {
					t.Fatalf("seed %d: %d differences:\n%s", seed, len(d), strings.Join(d[:min(len(d), 20)], "\n"))
				}
			}
		})
	}
}

type roundTripFormat struct {
	format Format
	write  WriteOptions
	read   Options
	// scope is the part of a tenant the format carries; nil: all of it
	scope func(*state.Tenant) *state.Tenant
}
