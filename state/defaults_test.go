package state

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// referenceNames maps the kinds whose entry in the reference's "objects"
// has another name.
var referenceNames = map[string]string{
	KindExternalAccessPolicy:    "ExternalAccessPolicy (MicrosoftTeams)",
	KindAccessEdgeConfiguration: "AccessEdgeConfiguration (SfB Server)",
	KindConferencingPolicy:      "ConferencingPolicy (SfB Server)",
	KindSfbExternalAccessPolicy: "ExternalAccessPolicy (SfB Server)",
	KindMeetingConfiguration:    "MeetingConfiguration (SfB Server)",
}

// setCmdlets names the cmdlet whose parameters are the settings of a kind.
var setCmdlets = map[string]string{
	KindTeamsMeetingPolicy:              "Set-CsTeamsMeetingPolicy",
	KindTeamsMeetingConfiguration:       "Set-CsTeamsMeetingConfiguration",
	KindTenantFederationConfiguration:   "Set-CsTenantFederationConfiguration",
	KindTeamsAcsFederationConfiguration: "Set-CsTeamsAcsFederationConfiguration",
	KindExternalAccessPolicy:            "Set-CsExternalAccessPolicy",
	KindTeamsAppPermissionPolicy:        "Set-CsTeamsAppPermissionPolicy",
	KindAccessEdgeConfiguration:         "Set-CsAccessEdgeConfiguration",
	KindConferencingPolicy:              "Set-CsConferencingPolicy",
	KindSfbExternalAccessPolicy:         `SkypeForBusiness\Set-CsExternalAccessPolicy`,
	KindMeetingConfiguration:            "Set-CsMeetingConfiguration",
}

type supplementEntry struct {
	Value        any      `json:"value"`
	Source       string   `json:"source"`
	Quote        string   `json:"quote"`
	Note         string   `json:"note"`
	Reason       string   `json:"reason"`
	Values       []string `json:"values"`
	ValuesSource string   `json:"valuesSource"`
}

func readSupplement(t *testing.T) map[string]map[string]supplementEntry {
	t.Helper()
	data, err := os.ReadFile("reference/defaults-supplement.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		About string                                `json:"about"`
		Kinds map[string]map[string]supplementEntry `json:"kinds"`
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	d.DisallowUnknownFields()
	if err := d.Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s.Kinds
}

// TestDefaultsMatchReference compares the embedded defaults with the
// cmdlet reference and the supplement they are generated from: a default
// the reference knows is kept, one it leaves null takes the supplement's
// value, or stays null with the supplement's reason.
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
	supp := readSupplement(t)
	objs, _ := DefaultObjects()
	for _, o := range objs {
		entries := supp[o.Kind]
		for _, p := range o.Props {
			reason, unknown := UnknownDefault(o.Kind, p.Name)
			e, listed := entries[p.Name]
			switch {
			case p.Value == nil && (!unknown || !listed || reason != e.Reason || reason == ""):
				t.Errorf("%s.%s: null default without the supplement's reason (%q)", o.Kind, p.Name, reason)
			case p.Value != nil && unknown:
				t.Errorf("%s.%s: known default %v also listed as unknown", o.Kind, p.Name, p.Value)
			case listed && !reflect.DeepEqual(p.Value, jsonValue(t, e.Value)):
				t.Errorf("%s.%s = %#v, the supplement says %#v; run go generate ./state", o.Kind, p.Name, p.Value, e.Value)
			}
		}
		if o.Kind == KindTeamsAppPermissionPolicy {
			continue
		}
		name := referenceNames[o.Kind]
		if name == "" {
			name = o.Kind
		}
		entry, _ := ref.(*Object).Get(name)
		if entry == nil {
			t.Errorf("%s: not in the reference", name)
			continue
		}
		g, _ := entry.(*Object).Get("Global defaults")
		want := g.(*Object).Props
		if len(want) != len(o.Props) {
			t.Errorf("%s: %d properties, the reference has %d; run go generate ./state", o.Kind, len(o.Props), len(want))
			continue
		}
		for i, rp := range want {
			got := o.Props[i]
			_, listed := entries[rp.Name]
			switch {
			case got.Name != rp.Name:
				t.Errorf("%s: property %d is %s, the reference has %s; run go generate ./state", o.Kind, i, got.Name, rp.Name)
			case rp.Value != nil && listed:
				t.Errorf("%s.%s: the supplement lists a default the reference knows (%v)", o.Kind, rp.Name, rp.Value)
			case rp.Value != nil && !reflect.DeepEqual(got.Value, rp.Value):
				t.Errorf("%s.%s = %#v, the reference says %#v; run go generate ./state", o.Kind, rp.Name, got.Value, rp.Value)
			case rp.Value == nil && !listed:
				t.Errorf("%s.%s: the reference has no default and the supplement does not list it", o.Kind, rp.Name)
			}
		}
	}
}

// jsonValue converts a value decoded by encoding/json (with UseNumber) to
// the form DecodeJSON gives.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := DecodeJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDefaultsSupplement checks each researched default: a value has a
// source and the sentence that gives it, and fits the parameter of the
// Set- cmdlet in the reference (a Boolean is true or false, a setting with
// documented values takes one of them, an integer is a whole number in its
// documented range); a default left unknown has a reason.
func TestDefaultsSupplement(t *testing.T) {
	data, err := os.ReadFile("reference/cmdlets.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cmdlets map[string]struct {
			Parameters []struct {
				Name   string    `json:"name"`
				Type   string    `json:"type"`
				Values []any     `json:"values"`
				Range  []float64 `json:"range"`
			} `json:"parameters"`
		} `json:"cmdlets"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	supp := readSupplement(t)
	known := 0
	for kind, entries := range supp {
		cmdlet, ok := ref.Cmdlets[setCmdlets[kind]]
		if !ok {
			t.Errorf("%s: no Set- cmdlet in the reference", kind)
			continue
		}
		for name, e := range entries {
			if e.Value == nil {
				if e.Reason == "" {
					t.Errorf("%s.%s: unknown default without a reason", kind, name)
				}
				if e.Source != "" || e.Quote != "" || e.Values != nil {
					t.Errorf("%s.%s: unknown default with a source", kind, name)
				}
				continue
			}
			known++
			if e.Source == "" || e.Quote == "" {
				t.Errorf("%s.%s = %v without a source and the sentence that gives it", kind, name, e.Value)
			}
			if e.Values != nil && e.ValuesSource == "" {
				t.Errorf("%s.%s: values without a source", kind, name)
			}
			found := false
			for _, p := range cmdlet.Parameters {
				if p.Name != name {
					continue
				}
				found = true
				if err := fitsParameter(e, p.Type, p.Values, p.Range); err != nil {
					t.Errorf("%s.%s = %#v: %v", kind, name, e.Value, err)
				}
			}
			if !found {
				t.Errorf("%s.%s: not a parameter of %s", kind, name, setCmdlets[kind])
			}
		}
	}
	if known == 0 {
		t.Error("no known defaults in the supplement")
	}
}

// fitsParameter checks a researched value against the type and the
// documented values or range of its parameter.
func fitsParameter(e supplementEntry, typ string, values []any, rng []float64) error {
	switch typ {
	case "Boolean":
		if _, ok := e.Value.(bool); !ok {
			return fmt.Errorf("not a Boolean")
		}
		return nil
	case "Int32", "Int64", "UInt32":
		n, ok := e.Value.(json.Number)
		if !ok {
			return fmt.Errorf("not a number")
		}
		i, err := n.Int64()
		if err != nil {
			return fmt.Errorf("not a whole number")
		}
		if typ == "UInt32" && i < 0 {
			return fmt.Errorf("negative")
		}
		if len(rng) == 2 && (float64(i) < rng[0] || float64(i) > rng[1]) {
			return fmt.Errorf("outside %v", rng)
		}
		return nil
	}
	s, ok := e.Value.(string)
	if !ok {
		return fmt.Errorf("not a string for a %s parameter", typ)
	}
	if len(values) == 0 && len(e.Values) == 0 {
		if typ != "String" {
			return fmt.Errorf("%s parameter without documented values", typ)
		}
		return nil
	}
	for _, v := range values {
		if v == s {
			return nil
		}
	}
	for _, v := range e.Values {
		if v == s {
			return nil
		}
	}
	return fmt.Errorf("not one of the documented values %v %v", values, e.Values)
}

func TestUnknownDefault(t *testing.T) {
	def, _ := DefaultObject(KindTeamsMeetingPolicy)
	if v, _ := def.Get("AllowAnnotations"); v != true {
		t.Errorf("AllowAnnotations = %#v", v)
	}
	if _, ok := UnknownDefault(KindTeamsMeetingPolicy, "AllowAnnotations"); ok {
		t.Error("AllowAnnotations listed as unknown")
	}
	if v, _ := def.Get("AllowAvatarsInGallery"); v != nil {
		t.Errorf("AllowAvatarsInGallery = %#v", v)
	}
	if r, ok := UnknownDefault(KindTeamsMeetingPolicy, "AllowAvatarsInGallery"); !ok || r == "" {
		t.Errorf("AllowAvatarsInGallery: %q %v", r, ok)
	}
	if _, ok := UnknownDefault("NoSuchKind", "X"); ok {
		t.Error("unknown kind")
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
