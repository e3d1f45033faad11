package plan_test

import (
	"runtime"
	"testing"

	"github.com/csemu/csemu/cmdlets/plan"
	"github.com/csemu/csemu/state"
	"github.com/csemu/csemu/state/statetest"
)

// benchTenants returns the statetest directory of n users and a copy
// changed as a script that sets the Global meeting policy's
// AutoAdmittedUsers to Everyone and grants a new policy blocking Acs to
// the group sales would change it, with its change log entries; and the
// log index where the changes start.
func benchTenants(b *testing.B, n int) (before, after *state.Tenant, from int) {
	b.Helper()
	before = state.NewTenant()
	if err := statetest.Directory(before, n); err != nil {
		b.Fatal(err)
	}
	after = before.Clone()
	from = after.NumChanges()
	change := func(line int, cmdlet, kind, id, prop, old, new string) {
		after.AppendChange(state.Change{Time: testNow, Cmdlet: cmdlet, File: "deploy.ps1", Line: line, Kind: kind, Identity: id, Property: prop, Old: old, New: new})
	}
	g, _ := after.Object(state.KindTeamsMeetingPolicy, "Global")
	old, _ := g.Get("AutoAdmittedUsers")
	g.Set("AutoAdmittedUsers", "Everyone")
	if err := after.PutObject(g); err != nil {
		b.Fatal(err)
	}
	change(1, "Set-CsTeamsMeetingPolicy", state.KindTeamsMeetingPolicy, "Global", "AutoAdmittedUsers", state.Text(old), "Everyone")
	p, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
	p.Identity = "Tag:NoAcs"
	p.Set("BlockedAnonymousJoinClientTypes", []any{"Acs"})
	if err := after.PutObject(p); err != nil {
		b.Fatal(err)
	}
	change(2, "New-CsTeamsMeetingPolicy", state.KindTeamsMeetingPolicy, "Tag:NoAcs", "", "", "created")
	change(2, "New-CsTeamsMeetingPolicy", state.KindTeamsMeetingPolicy, "Tag:NoAcs", "BlockedAnonymousJoinClientTypes", "", "{Acs}")
	ga, _ := after.GroupAssignment("sales", "TeamsMeetingPolicy")
	after.RemoveGroupAssignment("sales", "TeamsMeetingPolicy")
	if _, err := after.AddGroupAssignment(state.GroupAssignment{GroupID: "sales", PolicyType: "TeamsMeetingPolicy", PolicyName: "NoAcs", Rank: ga.Rank}); err != nil {
		b.Fatal(err)
	}
	change(3, "Grant-CsTeamsMeetingPolicy", "Group", "sales", "TeamsMeetingPolicy", ga.PolicyName, "NoAcs")
	return before, after, from
}

func benchPlan(b *testing.B, n int) {
	before, after, from := benchTenants(b, n)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ReportAllocs()
	b.ResetTimer()
	var p *plan.Plan
	for b.Loop() {
		p = plan.Build(before, after, plan.BuildOptions{Script: "deploy.ps1", Now: testNow, FromChange: from})
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	if len(p.Changes) == 0 || len(p.Impact) == 0 || p.Organizers != n {
		b.Fatalf("plan: %d changes, %d groups, %d organizers", len(p.Changes), len(p.Impact), p.Organizers)
	}
	// the heap the two tenants hold plus everything one Build allocates:
	// a bound on the peak heap of a plan
	perOp := (m1.TotalAlloc - m0.TotalAlloc) / uint64(b.N)
	b.ReportMetric(float64(m0.HeapInuse+perOp)/(1<<20), "peak-heap-MB")
}

// BenchmarkPlan100k plans a script that changes the Global meeting policy
// and grants a policy to one group on a tenant of 100,000 users.
func BenchmarkPlan100k(b *testing.B) { benchPlan(b, 100_000) }

// BenchmarkPlan1M is BenchmarkPlan100k on 1,000,000 users.
func BenchmarkPlan1M(b *testing.B) {
	if testing.Short() {
		b.Skip("a million users")
	}
	benchPlan(b, 1_000_000)
}
