package tenantio

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/state"
)

// directoryTenant is a tenant with users, groups and group assignments
// to export.
func directoryTenant(t testing.TB) *state.Tenant {
	tn := state.NewTenant()
	put := func(u *state.User) {
		if err := tn.PutUser(u); err != nil {
			t.Fatal(err)
		}
	}
	put(&state.User{UPN: "ann@contoso.test", DisplayName: `Ann "A" Lee, Jr.`, Department: "Sales", ObjectID: "6f1c0a52-3e1b-4b8e-9a51-2d3c4e5f6a7b",
		Licenses: []string{"MCOEV", "ENTERPRISEPACK"}, Groups: []string{"g-sales", "g-all"}, Enabled: true,
		Direct: []state.DirectPolicy{{PolicyType: "TeamsMeetingPolicy", PolicyName: "AllOn"}, {PolicyType: "TeamsMessagingPolicy", PolicyName: "NoGiphy"}}})
	put(&state.User{UPN: "bo@contoso.test", DisplayName: "Bo\nPark", Groups: []string{"g-all"},
		Direct: []state.DirectPolicy{{PolicyType: "ExternalAccessPolicy", PolicyName: "Federation Only"}}})
	put(&state.User{UPN: "cy@contoso.test"})
	for _, g := range []*state.Group{{ID: "g-sales", DisplayName: "Sales Team"}, {ID: "g-all", DisplayName: "Everyone"}} {
		if err := tn.PutGroup(g); err != nil {
			t.Fatal(err)
		}
	}
	when := time.Date(2026, 4, 6, 17, 19, 7, 0, time.UTC)
	for _, a := range []state.GroupAssignment{
		{GroupID: "g-sales", PolicyType: "TeamsMeetingPolicy", PolicyName: "AllOn", CreatedTime: when, CreatedBy: "admin@contoso.test"},
		{GroupID: "g-all", PolicyType: "TeamsMeetingPolicy", PolicyName: "Restricted", CreatedTime: when, CreatedBy: "admin@contoso.test"},
		{GroupID: "g-all", PolicyType: "TeamsAppPermissionPolicy", PolicyName: "RestrictedApps"},
	} {
		if _, err := tn.AddGroupAssignment(a); err != nil {
			t.Fatal(err)
		}
	}
	return tn
}

// readBack reads written files with Read, recognising their format.
func readBack(t *testing.T, files []*Source, o Options) *Snapshot {
	t.Helper()
	res := Read(files, o)
	for _, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Source.Name, r.Err)
		}
	}
	return Merge(res)
}

// checkDirectory compares the directory of a snapshot with the tenant it
// was written from: every user with its fields and non-empty direct
// assignments, the memberships and the group assignments.
func checkDirectory(t *testing.T, tn *state.Tenant, s *Snapshot) {
	t.Helper()
	var users []*state.User
	for u := range tn.Users() {
		users = append(users, u)
	}
	if len(s.Users) != len(users) {
		t.Fatalf("%d users, want %d", len(s.Users), len(users))
	}
	for i, u := range users {
		got := s.Users[i]
		var direct []state.DirectPolicy
		for _, d := range got.Direct {
			if d.PolicyName != "" {
				direct = append(direct, state.DirectPolicy{PolicyType: d.PolicyType, PolicyName: d.PolicyName})
			}
		}
		want := slices.Clone(u.Direct)
		slices.SortFunc(want, func(a, b state.DirectPolicy) int { return strings.Compare(a.PolicyType, b.PolicyType) })
		slices.SortFunc(direct, func(a, b state.DirectPolicy) int { return strings.Compare(a.PolicyType, b.PolicyType) })
		lic := u.Licenses
		if lic == nil {
			lic = []string{}
		}
		if got.UPN != u.UPN || got.DisplayName != u.DisplayName || got.Department != u.Department || got.ObjectID != u.ObjectID ||
			!reflect.DeepEqual(got.Licenses, lic) || !reflect.DeepEqual(direct, want) {
			t.Errorf("user %d:\n got %+v\nwant %+v", i, got, u)
		}
		for _, k := range []string{"DisplayName", "Department", "Licenses"} {
			if !got.Has[k] {
				t.Errorf("user %s: Has lacks %s", got.UPN, k)
			}
		}
	}
	var members []string
	for _, m := range s.Members {
		members = append(members, m.Group+" "+m.UPN)
	}
	var wantMembers []string
	for _, u := range users {
		for _, g := range u.Groups {
			wantMembers = append(wantMembers, g+" "+u.UPN)
		}
	}
	if !reflect.DeepEqual(members, wantMembers) {
		t.Errorf("members %v, want %v", members, wantMembers)
	}
	var assigns []GroupAssignment
	for _, a := range s.Assignments {
		a.Origin = Origin{}
		assigns = append(assigns, a)
	}
	var wantAssigns []GroupAssignment
	for _, a := range tn.GroupAssignments("") {
		// the creation time comes back to the second (Export-Csv's
		// en-US DateTime text)
		wantAssigns = append(wantAssigns, GroupAssignment{GroupID: a.GroupID, PolicyType: a.PolicyType, PolicyName: a.PolicyName, Rank: a.Rank, CreatedBy: a.CreatedBy, CreatedTime: a.CreatedTime.UTC().Truncate(time.Second)})
	}
	if !reflect.DeepEqual(assigns, wantAssigns) {
		t.Errorf("assignments\n got %+v\nwant %+v", assigns, wantAssigns)
	}
}

// TestWriteDirectoryCSV: the directory files read back (readCSV) to the
// same users, direct assignments, memberships and group assignments.
func TestWriteDirectoryCSV(t *testing.T) {
	tn := directoryTenant(t)
	files, err := writeDirectoryCSV(tn)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, []string{"users.csv", "group-members.csv", "group-assignments.csv", "tenant-grants.csv"}) {
		t.Fatalf("files %v", names)
	}
	// Export-Csv -NoTypeInformation: every field quoted, quotes doubled
	users := string(files[0].Data)
	for _, want := range []string{
		`"UserPrincipalName","DisplayName","Department","ObjectId","Licenses","TeamsMeetingPolicy","ExternalAccessPolicy","TeamsAppPermissionPolicy","ConferencingPolicy","TeamsMessagingPolicy"` + "\r\n",
		`"ann@contoso.test","Ann ""A"" Lee, Jr.","Sales","6f1c0a52-3e1b-4b8e-9a51-2d3c4e5f6a7b","MCOEV;ENTERPRISEPACK","AllOn","","","","NoGiphy"` + "\r\n",
	} {
		if !strings.Contains(users, want) {
			t.Errorf("users.csv lacks %q:\n%s", want, users)
		}
	}
	if got := string(files[2].Data); !strings.Contains(got, `"g-sales","TeamsMeetingPolicy","AllOn","1","4/6/2026 5:19:07 PM","admin@contoso.test"`) {
		t.Errorf("group-assignments.csv:\n%s", got)
	}
	checkDirectory(t, tn, readBack(t, files, Options{}))

	// an empty directory is three header lines
	files, err = writeDirectoryCSV(state.NewTenant())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.Count(string(f.Data), "\n") != 1 {
			t.Errorf("%s: %q", f.Name, f.Data)
		}
	}
	s := readBack(t, files, Options{})
	if len(s.Users)+len(s.Members)+len(s.Assignments) != 0 {
		t.Errorf("empty directory read back as %+v", s)
	}
}

// BenchmarkWriteDirectoryCSV writes 100,000 users with three direct
// assignments.
func BenchmarkWriteDirectoryCSV(b *testing.B) {
	tn := state.NewTenant()
	for i := range 100000 {
		u := &state.User{UPN: fmt.Sprintf("user%06d@contoso.test", i), DisplayName: fmt.Sprintf("User %d", i), Department: fmt.Sprintf("Dept %d", i%40),
			Direct: []state.DirectPolicy{{PolicyType: "TeamsMeetingPolicy", PolicyName: "AllOn"}, {PolicyType: "ExternalAccessPolicy", PolicyName: "FederationOnly"},
				{PolicyType: "TeamsAppPermissionPolicy", PolicyName: "RestrictedApps"}}}
		if err := tn.PutUser(u); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		files, err := writeDirectoryCSV(tn)
		if err != nil || len(files) == 0 || files[0].Name != "users.csv" {
			b.Fatal(err)
		}
	}
}
