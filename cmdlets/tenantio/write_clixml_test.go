package tenantio

import (
	"reflect"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// exportTenant is a tenant with custom policies, a federation allow list
// and a kind csemu's rules do not read, besides its directory.
func exportTenant(t *testing.T) *state.Tenant {
	tn := directoryTenant(t)
	put := func(o *state.Object) {
		if err := tn.PutObject(o); err != nil {
			t.Fatal(err)
		}
	}
	mp, _ := state.DefaultObject(state.KindTeamsMeetingPolicy)
	mp.Identity = "Tag:All On"
	mp.Set("AllowAnonymousUsersToJoinMeeting", false)
	mp.Set("BlockedAnonymousJoinClientTypes", []any{"ACS", "Teams"})
	mp.Set("MediaBitRateKb", int64(9000000000))
	mp.Set("SomeRatio", 0.25)
	mp.Set("Extra", &state.Object{Kind: "Hashtable", Props: []state.Prop{{Name: "a", Value: int64(1)}}})
	put(mp)
	fed, _ := tn.Object(state.KindTenantFederationConfiguration, "Global")
	fed = fed.Clone()
	fed.Set("AllowedDomains", allowList([]string{"contoso.test", "fabrikam.test"}))
	fed.Set("BlockedDomains", domainPatterns([]string{"evil.test"}))
	put(fed)
	app := &state.Object{Kind: state.KindTeamsAppPermissionPolicy, Identity: "Tag:RestrictedApps"}
	a := &state.Object{Kind: "DefaultCatalogApp"}
	a.Set("Id", "26bc2873-6023-480c-a11b-76b66605ce8c")
	app.Set("DefaultCatalogApps", []any{a})
	app.Set("DefaultCatalogAppsType", "AllowedAppList")
	put(app)
	put(&state.Object{Kind: "TeamsMessagingPolicy", Identity: "Tag:NoGiphy", Props: []state.Prop{{Name: "AllowGiphy", Value: false}}})
	return tn
}

// normStored makes an empty list one form ([]any{}), as a list read back
// is.
func normStored(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = normStored(it)
		}
		return out
	case *state.Object:
		c := &state.Object{Kind: x.Kind, Identity: x.Identity}
		for _, p := range x.Props {
			c.Props = append(c.Props, state.Prop{Name: p.Name, Value: normStored(p.Value)})
		}
		return c
	}
	return v
}

// TestWriteClixmlRoundTrip: the files Export-EmuTenant writes as CLIXML
// (exports.md section 6) read back to the same objects, at -Depth 15 and
// at Export-Clixml's default -Depth 2, and to the same directory.
func TestWriteClixmlRoundTrip(t *testing.T) {
	tn := exportTenant(t)
	for _, depth := range []int{15, 2} {
		files, err := Write(tn, FormatClixml, WriteOptions{EncodeClixml: func(objs []any) (string, error) { return cmdlets.FormatClixml(objs, depth) }})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
		}
		var want []string
		for _, k := range tn.Kinds() {
			want = append(want, k+".xml")
		}
		want = append(want, "users.csv", "group-members.csv", "group-assignments.csv", "tenant-grants.csv")
		if !reflect.DeepEqual(names, want) {
			t.Fatalf("files %v, want %v", names, want)
		}
		for _, f := range files {
			if f.Name == "TeamsMeetingPolicy.xml" && !strings.Contains(string(f.Data), "<T>Microsoft.Teams.Policy.Administration.Cmdlets.Core.MeetingPolicy</T>") {
				t.Errorf("type name missing:\n%.600s", f.Data)
			}
		}
		s := readBack(t, files, Options{DecodeClixml: cmdlets.ParseClixml})
		var objs []*state.Object
		for _, k := range tn.Kinds() {
			objs = append(objs, tn.Objects(k)...)
		}
		if len(s.Objects) != len(objs) {
			t.Fatalf("depth %d: %d objects, want %d", depth, len(s.Objects), len(objs))
		}
		for i, o := range objs {
			it := s.Objects[i]
			if it.Kind != o.Kind || it.Identity != o.Identity {
				t.Errorf("depth %d: object %d is %s %q, want %s %q", depth, i, it.Kind, it.Identity, o.Kind, o.Identity)
				continue
			}
			var got []state.Prop
			for _, p := range it.Props {
				got = append(got, state.Prop{Name: p.Name, Value: p.Value})
			}
			want := normStored(&state.Object{Props: o.Props}).(*state.Object).Props
			if !reflect.DeepEqual(got, want) {
				for j := range want {
					if j >= len(got) || !reflect.DeepEqual(got[j], want[j]) {
						t.Errorf("depth %d: %s %s: property %d\n got %#v\nwant %#v", depth, o.Kind, o.Identity, j, got[min(j, len(got)-1)], want[j])
						break
					}
				}
				if len(got) != len(want) {
					t.Errorf("depth %d: %s %s: %d properties, want %d", depth, o.Kind, o.Identity, len(got), len(want))
				}
			}
		}
		checkDirectory(t, tn, s)
	}
	if _, err := Write(tn, FormatClixml, WriteOptions{}); err == nil || !strings.Contains(err.Error(), "EncodeClixml") {
		t.Errorf("no encoder: %v", err)
	}
}
