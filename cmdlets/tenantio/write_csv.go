package tenantio

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/csemu/csemu/state"
)

// writeDirectoryCSV writes the directory of t as users.csv (one row per
// user, a column per policy type with the directly assigned policy),
// group-members.csv (GroupId, GroupName, UserPrincipalName) and
// group-assignments.csv (GroupId, PolicyType, PolicyName, Rank,
// CreatedTime, CreatedBy), as Export-Csv -NoTypeInformation writes them.
// Files with no rows are still written (a header only).
//
// users.csv has the columns UserPrincipalName, DisplayName, Department,
// ObjectId, Licenses (separated by ';'), then the policy types
// Get-CsOnlineUser shows (TeamsMeetingPolicy, ExternalAccessPolicy,
// TeamsAppPermissionPolicy, ConferencingPolicy) and any other type a user
// has a direct assignment of, sorted. Memberships are in
// group-members.csv only. Every field is quoted, quotes doubled, lines end
// in CRLF, the text is UTF-8 without a BOM (PowerShell 7's Export-Csv).
func writeDirectoryCSV(t *state.Tenant) ([]*Source, error) {
	return []*Source{
		{Name: "users.csv", Data: writeUsersCSV(t)},
		{Name: "group-members.csv", Data: writeMembersCSV(t)},
		{Name: "group-assignments.csv", Data: writeAssignmentsCSV(t)},
		{Name: "tenant-grants.csv", Data: writeGrantsCSV(t)},
	}, nil
}

// writeGrantsCSV writes the policies granted to the whole tenant
// (Grant-Cs*Policy -Global): PolicyType, PolicyName and Scope Global.
func writeGrantsCSV(t *state.Tenant) []byte {
	w := &csvWriter{}
	w.row("PolicyType", "PolicyName", "Scope")
	for _, g := range t.TenantGrants() {
		w.row(g.PolicyType, g.PolicyName, "Global")
	}
	return w.b
}

// csvWriter writes quoted CSV rows.
type csvWriter struct{ b []byte }

func (w *csvWriter) row(fields ...string) {
	for i, f := range fields {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.field(f)
	}
	w.b = append(w.b, '\r', '\n')
}

func (w *csvWriter) field(f string) {
	w.b = append(w.b, '"')
	for {
		i := strings.IndexByte(f, '"')
		if i < 0 {
			break
		}
		w.b = append(w.b, f[:i+1]...)
		w.b = append(w.b, '"')
		f = f[i+1:]
	}
	w.b = append(w.b, f...)
	w.b = append(w.b, '"')
}

// userPolicyTypes returns the policy columns of users.csv: those
// Get-CsOnlineUser shows, then the other types users have, sorted.
func userPolicyTypes(t *state.Tenant) []string {
	types := []string{"TeamsMeetingPolicy", "ExternalAccessPolicy", "TeamsAppPermissionPolicy", "ConferencingPolicy"}
	known := len(types)
	for u := range t.Users() {
		for _, d := range u.Direct {
			if !slices.ContainsFunc(types, func(pt string) bool { return strings.EqualFold(pt, d.PolicyType) }) {
				types = append(types, d.PolicyType)
			}
		}
	}
	more := types[known:]
	sort.Slice(more, func(i, j int) bool { return strings.ToLower(more[i]) < strings.ToLower(more[j]) })
	return types
}

func writeUsersCSV(t *state.Tenant) []byte {
	types := userPolicyTypes(t)
	w := &csvWriter{b: make([]byte, 0, 64+t.NumUsers()*(100+12*len(types)))}
	head := append([]string{"UserPrincipalName", "DisplayName", "Department", "ObjectId", "Licenses"}, types...)
	w.row(head...)
	fields := make([]string, len(head))
	for u := range t.Users() {
		fields[0], fields[1], fields[2], fields[3] = u.UPN, u.DisplayName, u.Department, u.ObjectID
		fields[4] = strings.Join(u.Licenses, ";")
		for i, pt := range types {
			fields[5+i] = u.Policy(pt)
		}
		w.row(fields...)
	}
	return w.b
}

func writeMembersCSV(t *state.Tenant) []byte {
	w := &csvWriter{}
	w.row("GroupId", "GroupName", "UserPrincipalName")
	listed := map[string]bool{}
	for u := range t.Users() {
		for _, g := range u.Groups {
			name := ""
			if grp, ok := t.Group(g); ok {
				name = grp.DisplayName
			}
			listed[strings.ToLower(g)] = true
			w.row(g, name, u.UPN)
		}
	}
	// a group without members is a row without a user, so that every
	// group and its name come back
	for _, g := range t.Groups() {
		if !listed[strings.ToLower(g.ID)] {
			w.row(g.ID, g.DisplayName, "")
		}
	}
	return w.b
}

func writeAssignmentsCSV(t *state.Tenant) []byte {
	w := &csvWriter{}
	w.row("GroupId", "PolicyType", "PolicyName", "Rank", "CreatedTime", "CreatedBy")
	for _, a := range t.GroupAssignments("") {
		created := ""
		if !a.CreatedTime.IsZero() {
			// Export-Csv writes a DateTime in the culture's format
			// (en-US here)
			created = a.CreatedTime.Format("1/2/2006 3:04:05 PM")
		}
		w.row(a.GroupID, a.PolicyType, a.PolicyName, strconv.Itoa(a.Rank), created, a.CreatedBy)
	}
	return w.b
}
