package tenantio

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// benchSnapshot is a snapshot of 200 meeting policies and 100,000 users
// with three direct assignments each.
func benchSnapshot() *Snapshot {
	snap := &Snapshot{}
	for i := range 200 {
		it := &Item{Kind: state.KindTeamsMeetingPolicy, Identity: fmt.Sprintf("Tag:Policy %d", i)}
		def, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
		for j, p := range def.Props {
			it.Props = append(it.Props, Prop{Name: p.Name, Value: p.Value, Origin: Origin{File: "Get-CsTeamsMeetingPolicy.json", Path: fmt.Sprintf("$[%d].%s", i, p.Name)}})
			_ = j
		}
		snap.Objects = append(snap.Objects, it)
	}
	for i := range 100000 {
		snap.Users = append(snap.Users, &UserItem{
			UPN: fmt.Sprintf("user%06d@contoso.com", i), DisplayName: fmt.Sprintf("User %d", i), Department: "Sales",
			ObjectID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i),
			Has:      map[string]bool{"DisplayName": true, "Department": true},
			Direct: []Direct{
				{PolicyType: "TeamsMeetingPolicy", PolicyName: fmt.Sprintf("Policy %d", i%200), Origin: Origin{File: "users.csv", Line: i + 2, Path: "TeamsMeetingPolicy"}},
				{PolicyType: "ExternalAccessPolicy", PolicyName: "Partners", Origin: Origin{File: "users.csv", Line: i + 2, Path: "ExternalAccessPolicy"}},
				{PolicyType: "TeamsAppPermissionPolicy", PolicyName: "Apps", Origin: Origin{File: "users.csv", Line: i + 2, Path: "TeamsAppPermissionPolicy"}},
			},
			Origin: Origin{File: "users.csv", Line: i + 2},
		})
	}
	return snap
}

// BenchmarkApplyAndCommit merges the snapshot into a new tenant file and
// commits it (the part of an import after reading the files).
func BenchmarkApplyAndCommit(b *testing.B) {
	snap := benchSnapshot()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "tenant.db")
		st, err := state.Open(path, state.Options{})
		if err != nil {
			b.Fatal(err)
		}
		t, err := st.Load()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		Apply(t, snap, ApplyOptions{Now: time.Unix(0, 0)})
		if err := st.Commit(t); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
