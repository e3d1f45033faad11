package state

import (
	"os"
	"reflect"
	"testing"
)

func TestDefaultObjects(t *testing.T) {
	objs, err := DefaultObjects()
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 10 {
		t.Errorf("%d default objects", len(objs))
	}
	for _, o := range objs {
		if o.Identity != "Global" || len(o.Props) == 0 {
			t.Errorf("%s %q has %d properties", o.Kind, o.Identity, len(o.Props))
		}
		for _, p := range o.Props {
			if err := checkValue(p.Value); err != nil {
				t.Errorf("%s.%s: %v", o.Kind, p.Name, err)
			}
		}
	}
	a, ok := DefaultObject(KindTeamsAppPermissionPolicy)
	if !ok || a.Props[0].Name != "DefaultCatalogApps" {
		t.Fatalf("TeamsAppPermissionPolicy %+v", a)
	}
	if v, _ := a.Get("DefaultCatalogAppsType"); v != "BlockedAppList" {
		t.Errorf("DefaultCatalogAppsType = %v", v)
	}
	// Copies are independent.
	a.Set("Description", "changed")
	b, _ := DefaultObject(KindTeamsAppPermissionPolicy)
	if v, _ := b.Get("Description"); v != nil {
		t.Error("DefaultObject returned shared data")
	}
}

// TestDefaultsMatchReference compares the embedded defaults with the
// cmdlet reference they are generated from.
func TestDefaultsMatchReference(t *testing.T) {
	data, err := os.ReadFile("reference/cmdlets.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := DecodeJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := v.(*Object).Get("objects")
	names := map[string]string{
		KindExternalAccessPolicy:    "ExternalAccessPolicy (MicrosoftTeams)",
		KindAccessEdgeConfiguration: "AccessEdgeConfiguration (SfB Server)",
		KindConferencingPolicy:      "ConferencingPolicy (SfB Server)",
		KindSfbExternalAccessPolicy: "ExternalAccessPolicy (SfB Server)",
		KindMeetingConfiguration:    "MeetingConfiguration (SfB Server)",
	}
	objs, _ := DefaultObjects()
	for _, o := range objs {
		if o.Kind == KindTeamsAppPermissionPolicy {
			continue
		}
		name := names[o.Kind]
		if name == "" {
			name = o.Kind
		}
		entry, _ := ref.(*Object).Get(name)
		if entry == nil {
			t.Errorf("%s: not in the reference", name)
			continue
		}
		g, _ := entry.(*Object).Get("Global defaults")
		if !reflect.DeepEqual(g.(*Object).Props, o.Props) {
			t.Errorf("%s: defaults differ from the reference; run go generate ./state", o.Kind)
		}
	}
}

func TestDecodeJSON(t *testing.T) {
	v, err := DecodeJSON([]byte(`{"b":1,"a":[1.5,"x",null,true,{"z":2e3}],"c":-7}`))
	if err != nil {
		t.Fatal(err)
	}
	want := &Object{Props: []Prop{
		{"b", int64(1)},
		{"a", []any{1.5, "x", nil, true, &Object{Props: []Prop{{"z", 2000.0}}}}},
		{"c", int64(-7)},
	}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v", v)
	}
	for _, bad := range []string{`{`, `{"a":1}x`, `[1,]`, ``} {
		if _, err := DecodeJSON([]byte(bad)); err == nil {
			t.Errorf("DecodeJSON(%q) succeeded", bad)
		}
	}
}
