package state

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const benchUsers = 100_000

// grantAll creates n users and grants each a meeting policy directly,
// logging the change, as a script of New-CsOnlineUser and
// Grant-CsTeamsMeetingPolicy would.
func grantAll(tn *Tenant, n int) {
	for i := range n {
		upn := "user" + strconv.Itoa(i) + "@contoso.test"
		u := &User{UPN: upn, DisplayName: "User " + strconv.Itoa(i), Department: "Sales", ObjectID: "00000000-0000-0000-0000-" + strconv.FormatInt(100000000000+int64(i), 10), Enabled: true, Licenses: []string{"ENTERPRISEPREMIUM"}}
		tn.PutUser(u)
		u.SetPolicy("TeamsMeetingPolicy", "Tag:Sales")
		tn.PutUser(u)
		tn.AppendChange(Change{Time: t0, Cmdlet: "Grant-CsTeamsMeetingPolicy", File: "onboard.ps1", Line: 12, Kind: "User", Identity: upn, Property: "TeamsMeetingPolicy", Old: "", New: "Tag:Sales"})
	}
}

// BenchmarkCommit100kUsers creates 100,000 users with a direct policy and
// a change log entry each in memory and commits them to a new file.
func BenchmarkCommit100kUsers(b *testing.B) {
	b.ReportAllocs()
	dir := b.TempDir()
	i := 0
	var commit time.Duration
	for b.Loop() {
		i++
		s, err := Open(filepath.Join(dir, strconv.Itoa(i)+".db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		tn, err := s.Load()
		if err != nil {
			b.Fatal(err)
		}
		grantAll(tn, benchUsers)
		start := time.Now()
		if err := s.Commit(tn); err != nil {
			b.Fatal(err)
		}
		commit += time.Since(start)
		s.Close()
	}
	b.ReportMetric(float64(commit.Milliseconds())/float64(i), "commit-ms/op")
}

func benchFile(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "tenant.db")
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	tn, _ := s.Load()
	grantAll(tn, benchUsers)
	if err := s.Commit(tn); err != nil {
		b.Fatal(err)
	}
	s.Close()
	return path
}

// BenchmarkOpen100kUsers opens (inspects and checks) a file of 100,000
// users and 100,000 changes.
func BenchmarkOpen100kUsers(b *testing.B) {
	path := benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkLoad100kUsers loads a tenant of 100,000 users and 100,000
// changes into memory.
func BenchmarkLoad100kUsers(b *testing.B) {
	path := benchFile(b)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		tn, err := s.Load()
		if err != nil || tn.NumUsers() != benchUsers {
			b.Fatal(err)
		}
	}
}

// BenchmarkLastChange asks for the last change of a property, as the
// what-if engine does per rule and organizer.
func BenchmarkLastChange(b *testing.B) {
	tn := NewTenant()
	grantAll(tn, benchUsers)
	tn.LastChange("User", "x", "y")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, ok := tn.LastChange("User", "user"+strconv.Itoa(i%benchUsers)+"@contoso.test", "TeamsMeetingPolicy"); !ok {
			b.Fatal("not found")
		}
	}
}
