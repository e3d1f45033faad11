package state

import "strings"

// CatalogAppIDs returns the app ids of a stored catalogue app list of an
// app permission policy (DefaultCatalogApps, GlobalCatalogApps or
// PrivateCatalogApps). The list holds either nested objects with an Id
// property (kinds DefaultCatalogApp, GlobalCatalogApp and
// PrivateCatalogApp: what Set-CsTeamsAppPermissionPolicy stores and a
// Clixml import keeps) or plain id strings (a Microsoft365DSC import).
// Items without an id are skipped.
func CatalogAppIDs(v any) []string {
	items, _ := v.([]any)
	var out []string
	for _, it := range items {
		var id string
		switch x := it.(type) {
		case string:
			id = x
		case *Object:
			if v, ok := x.Get("Id"); ok && v != nil {
				id = Text(v)
			}
		}
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}
