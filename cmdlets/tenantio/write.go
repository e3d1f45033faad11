package tenantio

import (
	"fmt"

	"github.com/csemu/csemu/state"
)

// WriteOptions control [Write].
type WriteOptions struct {
	// EncodeClixml writes PowerShell values as a CLIXML document (the
	// interpreter's Export-Clixml writer); nil makes FormatClixml an error.
	EncodeClixml func(objs []any) (string, error)
	// OrganizationName is the tenant's domain, written by the
	// Microsoft365DSC configuration as $OrganizationName.
	OrganizationName string
}

// Write returns the files that hold t in format f (exports.md section 6),
// named relative to the export folder: for FormatCsJSON one
// Get-Cs<Noun>.json per kind and users.csv, group-members.csv and
// group-assignments.csv; for FormatDSC one M365TenantConfig.ps1; for
// FormatClixml one <Kind>.xml per kind. Reading the files back with
// [Read] and applying them to a new tenant gives back t.
func Write(t *state.Tenant, f Format, o WriteOptions) ([]*Source, error) {
	switch f {
	case FormatCsJSON:
		return writeCsJSON(t, o)
	case FormatDSC:
		return writeDSC(t, o)
	case FormatClixml:
		return writeClixml(t, o)
	}
	return nil, fmt.Errorf("cannot export in the format %q: use CsJson, M365DSC or Clixml", f)
}
