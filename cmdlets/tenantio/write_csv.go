package tenantio

import "github.com/csemu/csemu/state"

// writeDirectoryCSV writes the directory of t as users.csv (one row per
// user, a column per policy type with the directly assigned policy),
// group-members.csv (GroupId, GroupName, UserPrincipalName) and
// group-assignments.csv (GroupId, PolicyType, PolicyName, Rank,
// CreatedTime, CreatedBy), as Export-Csv -NoTypeInformation writes them.
// Files with no rows are still written (a header only).
func writeDirectoryCSV(t *state.Tenant) ([]*Source, error) {
	return nil, nil
}
