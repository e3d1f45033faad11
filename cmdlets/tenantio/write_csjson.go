package tenantio

import (
	"fmt"

	"github.com/csemu/csemu/state"
)

// writeCsJSON writes one Get-Cs<Noun>.json per kind, as PowerShell 7's
// ConvertTo-Json -Depth 5 lays it out, and the directory CSV files.
func writeCsJSON(t *state.Tenant, o WriteOptions) ([]*Source, error) {
	return nil, fmt.Errorf("[NotImplemented] exporting CsJson")
}
