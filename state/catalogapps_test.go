package state

import (
	"reflect"
	"testing"
)

// TestCatalogAppIDs reads both stored forms of a catalogue app list: the
// objects with an Id of Set-CsTeamsAppPermissionPolicy.md examples 3 to 5
// (New-Object ...DefaultCatalogApp -Property @{Id=...}) and the id
// strings of a Microsoft365DSC TeamsAppPermissionPolicy resource
// (exports.md section 3: "*CatalogApps arrays of app ids").
func TestCatalogAppIDs(t *testing.T) {
	app := &Object{Kind: "DefaultCatalogApp"}
	app.Set("Id", "0d820ecd-def2-4297-adad-78056cde7c78")
	noID := &Object{Kind: "DefaultCatalogApp"}
	tests := []struct {
		name string
		in   any
		want []string
	}{
		{"objects", []any{app}, []string{"0d820ecd-def2-4297-adad-78056cde7c78"}},
		{"strings", []any{"a", " b "}, []string{"a", "b"}},
		{"mixed, empty and id-less items", []any{"", app, noID, nil, " "}, []string{"0d820ecd-def2-4297-adad-78056cde7c78"}},
		{"empty list", []any{}, nil},
		{"not a list", "a", nil},
	}
	for _, tc := range tests {
		if got := CatalogAppIDs(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %#v, want %#v", tc.name, got, tc.want)
		}
	}
}
