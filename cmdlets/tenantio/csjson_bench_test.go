package tenantio

import (
	"fmt"
	"testing"

	"github.com/csemu/csemu/state"
)

// csjsonBackup returns a Get-CsTeamsMeetingPolicy.json of n policies with
// every property of the Global default, as PowerShell 7 writes it.
func csjsonBackup(b *testing.B, n int) []byte {
	tn := state.NewTenant()
	g, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
	for i := 1; i < n; i++ {
		o := g.Clone()
		o.Identity = fmt.Sprintf("Tag:Policy %d", i)
		o.Set("AllowAnonymousUsersToJoinMeeting", i%2 == 0)
		if err := tn.PutObject(o); err != nil {
			b.Fatal(err)
		}
	}
	src, err := csjsonFile("Get-CsTeamsMeetingPolicy.json", tn.Objects(state.KindTeamsMeetingPolicy))
	if err != nil {
		b.Fatal(err)
	}
	return src.Data
}

// BenchmarkReadCsJSON reads a backup of 200 meeting policies; the goal is
// well under 100 ms an import.
func BenchmarkReadCsJSON(b *testing.B) {
	data := csjsonBackup(b, 200)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := readOne(&Source{Name: "Get-CsTeamsMeetingPolicy.json", Data: data}, Options{})
		if r.Err != nil || len(r.Snapshot.Objects) != 200 {
			b.Fatal(r.Err)
		}
	}
}
