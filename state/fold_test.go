package state

import (
	"strings"
	"testing"
)

// TestLookupsFoldCase checks that the lookups by identity compare as
// strings.ToLower does, for ASCII and other names, and that an ASCII
// lookup allocates nothing.
func TestLookupsFoldCase(t *testing.T) {
	tn := NewTenant()
	long := strings.Repeat("Long", 20) + "@contoso.com"
	for _, upn := range []string{"Ann@Contoso.com", "émile@contoso.com", long} {
		if err := tn.PutUser(&User{UPN: upn, ObjectID: "ID-" + upn}); err != nil {
			t.Fatal(err)
		}
	}
	tn.PutGroup(&Group{ID: "Sales-Team"})
	tn.PutObject(&Object{Kind: "TeamsMeetingPolicy", Identity: "Tag:Sales"})
	tn.SetTenantGrant("TeamsMeetingPolicy", "Tag:Sales")

	for _, tc := range []struct {
		id   string
		want string
	}{
		{"ann@contoso.com", "Ann@Contoso.com"},
		{"ANN@CONTOSO.COM", "Ann@Contoso.com"},
		{"id-ann@contoso.com", "Ann@Contoso.com"}, // by ObjectID
		{"ÉMILE@contoso.com", "émile@contoso.com"},
		{strings.ToUpper(long), long},
		{"bob@contoso.com", ""},
		{"", ""},
	} {
		got := ""
		if u, ok := tn.User(tc.id); ok {
			got = u.UPN
		}
		if got != tc.want {
			t.Errorf("User(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
	if g, ok := tn.Group("SALES-team"); !ok || g.ID != "Sales-Team" {
		t.Errorf("Group: %v %v", g, ok)
	}
	if o, ok := tn.Object("TeamsMeetingPolicy", "tag:SALES"); !ok || o.Identity != "Tag:Sales" {
		t.Errorf("Object: %v %v", o, ok)
	}
	if _, ok := tn.Object("NoSuchKind", "x"); ok {
		t.Error("Object of a missing kind found")
	}
	if got := tn.TenantGrant("teamsmeetingPOLICY"); got != "Tag:Sales" {
		t.Errorf("TenantGrant = %q", got)
	}
	allocs := testing.AllocsPerRun(100, func() {
		tn.User("ANN@CONTOSO.COM")
		tn.Object("TeamsMeetingPolicy", "Tag:Sales")
		tn.Group("Sales-Team")
		tn.TenantGrant("TeamsMeetingPolicy")
	})
	if allocs != 0 {
		t.Errorf("lookups allocate %v times", allocs)
	}
}
