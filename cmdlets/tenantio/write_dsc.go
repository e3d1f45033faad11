package tenantio

import (
	"fmt"

	"github.com/csemu/csemu/state"
)

// writeDSC writes M365TenantConfig.ps1, a Microsoft365DSC configuration.
func writeDSC(t *state.Tenant, o WriteOptions) ([]*Source, error) {
	return nil, fmt.Errorf("[NotImplemented] exporting M365DSC")
}
