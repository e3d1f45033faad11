package tenantio

import (
	"fmt"

	"github.com/csemu/csemu/state"
)

// writeClixml writes one <Kind>.xml per kind, as Export-Clixml writes it,
// and the directory CSV files.
func writeClixml(t *state.Tenant, o WriteOptions) ([]*Source, error) {
	return nil, fmt.Errorf("[NotImplemented] exporting Clixml")
}
