package tenantio

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csemu/csemu/state"
)

// csjsonSeeds adds the fixtures of testdata/import/<dir> to a fuzz
// corpus, in UTF-8 and in UTF-16 LE.
func csjsonSeeds(f *testing.F, dir string, extra ...string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "import", dir, "*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true)
		f.Add(csjsonUTF16(data), false)
	}
	for _, s := range extra {
		f.Add([]byte(s), false)
	}
}

// csjsonCheck runs a reader on data as readOne would, without its recover,
// so that a panic fails the fuzz target, and checks what it returns: an
// *Error with the file and a position, or objects with a kind, an identity
// and origins.
func csjsonCheck(t *testing.T, name string, data []byte, read func(*reader) error) {
	src := &Source{Name: name, Data: data}
	rd := &reader{src: src, text: src.Text(), snap: &Snapshot{}}
	err := read(rd)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is not an *Error", err)
		}
		if e.File != name || e.Line < 1 || e.Col < 1 || e.Path != "" && !strings.HasPrefix(e.Path, "$") {
			t.Fatalf("error without a position: %#v", e)
		}
		return
	}
	for _, it := range rd.snap.Objects {
		if it.Kind == "" || it.Identity == "" || it.Origin.File != name || it.Origin.Line < 1 {
			t.Fatalf("object %+v", it)
		}
		for _, p := range it.Props {
			if p.Origin.Line < 1 || !strings.HasPrefix(p.Origin.Path, it.Origin.Path+".") && !strings.HasPrefix(p.Origin.Path, it.Origin.Path+"[") {
				t.Fatalf("%s: property %s at %v", it.Origin, p.Name, p.Origin)
			}
			if err := csjsonStoredForm(p.Value, 0); err != nil {
				t.Fatalf("%s: property %s: %v", it.Origin, p.Name, err)
			}
		}
	}
}

// csjsonStoredForm checks that v is one of the tenant's stored forms.
func csjsonStoredForm(v any, depth int) error {
	if depth > 32 {
		return errors.New("nested deeper than the store keeps")
	}
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return nil
	case []any:
		for _, e := range x {
			if err := csjsonStoredForm(e, depth+1); err != nil {
				return err
			}
		}
		return nil
	case *state.Object:
		if x == nil {
			return errors.New("a nil object")
		}
		for _, p := range x.Props {
			if err := csjsonStoredForm(p.Value, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("value of type %T", v)
}

func FuzzCsJSON(f *testing.F) {
	csjsonSeeds(f, "csjson",
		`{"Identity": "Global", "AllowedDomains": {"AllowedDomain": "Domain=a.com"}, "BlockedDomains": ["Domain=b.com"]}`,
		`[{"Identity": "Tag:X", "WhenChanged": "/Date(1775495947301+0100)/", "X": 1e308}]`,
		`{"AllowFederatedUsers": true, "AllowedDomains": [{"AllowedDomain": [{"Domain": "a.com"}]}]}`,
		`{"Identity":"\ud800\udc00\u0041","a":-0.5e-3}`)
	f.Fuzz(func(t *testing.T, data []byte, byName bool) {
		name := "backup.json"
		if byName {
			name = "Get-CsTenantFederationConfiguration.json"
		}
		csjsonCheck(t, name, data, readCsJSON)
	})
}

func FuzzScuba(f *testing.F) {
	csjsonSeeds(f, "scuba",
		`{"meeting_policies": {"Identity": "Global"}, "tenant_app_settings": [{"SettingName": "DefaultApp"}], "other": 1}`,
		`{"federation_configuration": [{"Identity": "Global", "AllowedDomains": {}}], "teams_tenant_info": [{}]}`)
	f.Fuzz(func(t *testing.T, data []byte, _ bool) {
		csjsonCheck(t, "ProviderSettingsExport.json", data, readScuba)
	})
}
