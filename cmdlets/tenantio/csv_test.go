package tenantio

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// The fixtures of testdata/import/csv are written for these tests in the
// shapes of exports.md section 5: Get-CsOnlineUser | Export-Csv as
// Windows PowerShell 5.1 writes it (a #TYPE line, every field quoted,
// CRLF) and as PowerShell 7 writes it (no #TYPE line; here with
// -UseQuotes AsNeeded and LF), Export-Csv -UseCulture with ';' and a BOM,
// Get-CsGroupPolicyAssignment | Export-Csv (GroupId, PolicyType,
// PolicyName, Rank, CreatedTime, CreatedBy), Microsoft365DSC's
// TeamsGroupPolicyAssignment columns (GroupDisplayName, Priority),
// Get-CsUserPolicyAssignment rows with the user added, and group members
// (GroupId or GroupName, UserPrincipalName). Export-Csv's quoting follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-csv
// (quotes doubled inside quoted fields; #TYPE line with
// -IncludeTypeInformation in 7, by default in 5.1).

// csvFixture reads a fixture through Read, recognising its format.
func csvFixture(t *testing.T, name string) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", "csv", name))
	if err != nil {
		t.Fatal(err)
	}
	return readOneResult(t, &Source{Name: name, Data: data}, Options{})
}

func readOneResult(t *testing.T, src *Source, o Options) *Result {
	t.Helper()
	res := Read([]*Source{src}, o)
	if len(res) != 1 {
		t.Fatalf("%s: %d results", src.Name, len(res))
	}
	return res[0]
}

func mustSnap(t *testing.T, r *Result) *Snapshot {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("%s: %v", r.Source.Name, r.Err)
	}
	if r.Format != FormatCSV {
		t.Fatalf("%s: format %s", r.Source.Name, r.Format)
	}
	return r.Snapshot
}

// userLine is a user as the tests compare it.
type userLine struct {
	UPN, DisplayName, Department, ObjectID string
	Licenses, Groups                       []string
	Direct                                 []Direct
	Line                                   int
	Path                                   string
}

func usersOf(s *Snapshot) []userLine {
	var out []userLine
	for _, u := range s.Users {
		out = append(out, userLine{UPN: u.UPN, DisplayName: u.DisplayName, Department: u.Department, ObjectID: u.ObjectID,
			Licenses: u.Licenses, Groups: u.Groups, Direct: u.Direct, Line: u.Origin.Line, Path: u.Origin.Path})
	}
	return out
}

func d(file string, line int, typ, name string) Direct {
	return Direct{PolicyType: typ, PolicyName: name, Origin: Origin{File: file, Line: line, Path: typ}}
}

func hasKeys(u *UserItem) []string {
	var out []string
	for _, k := range []string{"DisplayName", "Department", "Licenses", "Groups"} {
		if u.Has[k] {
			out = append(out, k)
		}
	}
	return out
}

func TestReadCSVUsers(t *testing.T) {
	// Windows PowerShell 5.1: #TYPE line, quoted fields, CRLF; Identity is
	// Get-CsOnlineUser's object ID; AssignedPlan holds the text of a list
	const f51 = "users-ps51.csv"
	r := csvFixture(t, f51)
	s := mustSnap(t, r)
	want := []userLine{
		{UPN: "ann@contoso.test", DisplayName: "Ann Lee", Department: "Sales", ObjectID: "6f1c0a52-3e1b-4b8e-9a51-2d3c4e5f6a7b", Line: 3, Path: "UserPrincipalName",
			Direct: []Direct{d(f51, 3, "TeamsMeetingPolicy", "AllOn"), d(f51, 3, "ExternalAccessPolicy", ""), d(f51, 3, "TeamsAppPermissionPolicy", "RestrictedApps")}},
		{UPN: "bo@contoso.test", DisplayName: `Bo "BJ" Park`, ObjectID: "0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e", Line: 4, Path: "UserPrincipalName",
			Direct: []Direct{d(f51, 4, "TeamsMeetingPolicy", ""), d(f51, 4, "ExternalAccessPolicy", "FederationOnly"), d(f51, 4, "TeamsAppPermissionPolicy", "")}},
	}
	if got := usersOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("users:\n got %+v\nwant %+v", got, want)
	}
	// the list text is not a licence: the column is not imported
	if got := hasKeys(s.Users[0]); !reflect.DeepEqual(got, []string{"DisplayName", "Department"}) {
		t.Errorf("Has = %v", got)
	}
	if !strings.Contains(r.Rule, "list of users") {
		t.Errorf("rule %q", r.Rule)
	}
	warn := strings.Join(r.Warnings, "\n")
	for _, w := range []string{"AccountEnabled", `AssignedPlan column holds "System.Object[]"`} {
		if !strings.Contains(warn, w) {
			t.Errorf("warnings %q lack %q", warn, w)
		}
	}

	// PowerShell 7 with -UseQuotes AsNeeded: licences and groups listed
	// with ';', a quoted field over two lines, any *Policy column
	const f7 = "users-ps7.csv"
	s = mustSnap(t, csvFixture(t, f7))
	want = []userLine{
		{UPN: "ann@contoso.test", DisplayName: "Ann Lee", Department: "Sales", Line: 2, Path: "UserPrincipalName",
			Licenses: []string{"MCOEV", "ENTERPRISEPACK"}, Groups: []string{"1a2b3c4d-0000-4000-8000-000000000001"},
			Direct: []Direct{d(f7, 2, "TeamsMeetingPolicy", "AllOn"), d(f7, 2, "ConferencingPolicy", ""), d(f7, 2, "TeamsMessagingPolicy", "NoGiphy")}},
		{UPN: "cy@contoso.test", DisplayName: "Cy, Jr.", Department: "Research\nand Development", Line: 3, Path: "UserPrincipalName",
			Licenses: []string{}, Groups: []string{},
			Direct: []Direct{d(f7, 3, "TeamsMeetingPolicy", ""), d(f7, 3, "ConferencingPolicy", "BposSAllModality"), d(f7, 3, "TeamsMessagingPolicy", "")}},
		{UPN: "dee@contoso.test", DisplayName: "Dee", Line: 5, Path: "UserPrincipalName", Licenses: []string{}, Groups: []string{},
			Direct: []Direct{d(f7, 5, "TeamsMeetingPolicy", ""), d(f7, 5, "ConferencingPolicy", ""), d(f7, 5, "TeamsMessagingPolicy", "")}},
	}
	if got := usersOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("users:\n got %+v\nwant %+v", got, want)
	}
	if got := hasKeys(s.Users[0]); !reflect.DeepEqual(got, []string{"DisplayName", "Department", "Licenses", "Groups"}) {
		t.Errorf("Has = %v", got)
	}

	// Export-Csv -UseCulture (';'), UTF-8 with BOM, CRLF, a blank line;
	// SipAddress names the user without its sip: prefix
	const fsemi = "users-semicolon.csv"
	semiWant := func(file string) []userLine {
		return []userLine{
			{UPN: "dana@contoso.test", DisplayName: "Dana Ölm", Line: 2, Path: "SipAddress", Direct: []Direct{d(file, 2, "TeamsMeetingPolicy", "Kiosk")}},
			{UPN: "eve@contoso.test", DisplayName: "Eve", Line: 4, Path: "SipAddress", Direct: []Direct{d(file, 4, "TeamsMeetingPolicy", "")}},
		}
	}
	s = mustSnap(t, csvFixture(t, fsemi))
	if got := usersOf(s); !reflect.DeepEqual(got, semiWant(fsemi)) {
		t.Errorf("users:\n got %+v\nwant %+v", got, semiWant(fsemi))
	}

	// the same text in UTF-16 LE with a BOM, as Windows PowerShell 5.1's
	// Out-File writes it (exports.md, general rules)
	data, err := os.ReadFile(filepath.Join("testdata", "import", "csv", fsemi))
	if err != nil {
		t.Fatal(err)
	}
	s = mustSnap(t, readOneResult(t, &Source{Name: "users-utf16.csv", Data: utf16LE(strings.TrimPrefix(string(data), "\ufeff"))}, Options{}))
	if got := usersOf(s); !reflect.DeepEqual(got, semiWant("users-utf16.csv")) {
		t.Errorf("UTF-16 users:\n got %+v\nwant %+v", got, semiWant("users-utf16.csv"))
	}
}

// utf16LE encodes text as UTF-16 LE with a byte-order mark.
func utf16LE(text string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestReadCSVGroupAssignments(t *testing.T) {
	const f = "group-assignments.csv"
	r := csvFixture(t, f)
	s := mustSnap(t, r)
	at := func(line int) Origin { return Origin{File: f, Line: line, Path: "PolicyName"} }
	want := []GroupAssignment{
		// Export-Csv writes a DateTime as en-US text, read as UTC
		{GroupID: "1a2b3c4d-0000-4000-8000-000000000001", PolicyType: "TeamsMeetingPolicy", PolicyName: "AllOn", Rank: 1, CreatedBy: "admin@contoso.test", Origin: at(2),
			CreatedTime: time.Date(2026, 4, 6, 17, 19, 7, 0, time.UTC)},
		// policy names in assignments have no Tag: prefix
		{GroupID: "1a2b3c4d-0000-4000-8000-000000000002", PolicyType: "TeamsMeetingPolicy", PolicyName: "Restricted", Rank: 2, CreatedBy: "admin@contoso.test", Origin: at(3),
			CreatedTime: time.Date(2026, 4, 6, 17, 20, 0, 0, time.UTC)},
		// no rank: the assignment goes last
		{GroupID: "1a2b3c4d-0000-4000-8000-000000000002", PolicyType: "ExternalAccessPolicy", PolicyName: "FederationOnly", Origin: at(4)},
	}
	if !reflect.DeepEqual(s.Assignments, want) {
		t.Errorf("assignments:\n got %+v\nwant %+v", s.Assignments, want)
	}
	if !strings.Contains(r.Rule, "group policy assignments") {
		t.Errorf("rule %q", r.Rule)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings %q", r.Warnings)
	}

	// Microsoft365DSC's TeamsGroupPolicyAssignment names the rank Priority
	// and gives the group's display name (exports.md section 3)
	const fd = "group-assignments-dsc.csv"
	s = mustSnap(t, csvFixture(t, fd))
	wantDSC := []GroupAssignment{{GroupID: "1a2b3c4d-0000-4000-8000-000000000001", GroupName: "Sales Team", PolicyType: "TeamsAppPermissionPolicy",
		PolicyName: "RestrictedApps", Rank: 1, Origin: Origin{File: fd, Line: 2, Path: "PolicyName"}}}
	if !reflect.DeepEqual(s.Assignments, wantDSC) {
		t.Errorf("assignments:\n got %+v\nwant %+v", s.Assignments, wantDSC)
	}
}

func TestReadCSVUserAssignments(t *testing.T) {
	// Get-CsUserPolicyAssignment's PolicySource lists {AssignmentType:
	// Direct|Group, PolicyName, Reference} (exports.md section 5): a
	// Direct row is a direct assignment, a Group row is reported
	const f = "user-assignments.csv"
	r := csvFixture(t, f)
	s := mustSnap(t, r)
	at := func(line int) Origin { return Origin{File: f, Line: line, Path: "PolicyName"} }
	want := []userLine{
		{UPN: "ann@contoso.test", Line: 2, Path: "Identity", Direct: []Direct{{PolicyType: "TeamsMeetingPolicy", PolicyName: "AllOn", Origin: at(2)}}},
		{UPN: "bo@contoso.test", Line: 4, Path: "Identity", Direct: []Direct{{PolicyType: "TeamsAppPermissionPolicy", PolicyName: "RestrictedApps", Origin: at(4)}}},
	}
	if got := usersOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("users:\n got %+v\nwant %+v", got, want)
	}
	if len(s.Notes) != 1 || s.Notes[0].Kind != "ExternalAccessPolicy" || !s.Notes[0].Skipped || s.Notes[0].Origin != at(3) ||
		!strings.Contains(s.Notes[0].Reason, "group policy assignment") {
		t.Errorf("notes %+v", s.Notes)
	}
	if got := hasKeys(s.Users[0]); len(got) != 0 {
		t.Errorf("Has = %v", got)
	}
	if !strings.Contains(r.Rule, "user policy assignments") {
		t.Errorf("rule %q", r.Rule)
	}
}

func TestReadCSVMembers(t *testing.T) {
	const f = "group-members.csv"
	r := csvFixture(t, f)
	s := mustSnap(t, r)
	want := []Member{
		// the group's name comes along, so that a new group gets it
		{Group: "1a2b3c4d-0000-4000-8000-000000000001", GroupName: "Sales Team", UPN: "ann@contoso.test", Origin: Origin{File: f, Line: 2, Path: "UserPrincipalName"}},
		// without a GroupId the group is named by its name
		{Group: "Research", GroupName: "Research", UPN: "cy@contoso.test", Origin: Origin{File: f, Line: 3, Path: "UserPrincipalName"}},
	}
	if !reflect.DeepEqual(s.Members, want) {
		t.Errorf("members:\n got %+v\nwant %+v", s.Members, want)
	}
	if !strings.Contains(r.Rule, "group members") {
		t.Errorf("rule %q", r.Rule)
	}
}

// TestReadCSVErrors: every bad file is an *Error naming the file and the
// line (and column, for a field) at fault.
func TestReadCSVErrors(t *testing.T) {
	cases := []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"no PolicyName", "GroupId,PolicyType,Rank\ng1,TeamsMeetingPolicy,1\n", 1, 0, "no PolicyName column"},
		{"no PolicyName after #TYPE", "#TYPE Deserialized.Microsoft.Teams.Config.Cmdlets.Models.GroupAssignment\r\n\"GroupId\",\"PolicyType\"\r\n", 2, 0, "no PolicyName column"},
		{"user assignments without PolicyName", "User,PolicyType\na@x.test,TeamsMeetingPolicy\n", 1, 0, "no PolicyName column"},
		{"rank not a number", "GroupId,PolicyType,PolicyName,Rank\ng1,TeamsMeetingPolicy,A,first\n", 2, 25, `the Rank "first" is not a whole number`},
		{"rank zero", "GroupId,PolicyType,PolicyName,Priority\ng1,TeamsMeetingPolicy,A,0\n", 2, 25, `the Priority "0"`},
		{"extra field", "UserPrincipalName,DisplayName\na@x.test,A,extra\n", 2, 12, "the row has 3 fields, the header 2"},
		{"missing field", "UserPrincipalName,DisplayName\r\na@x.test,A\r\nb@x.test\r\n", 3, 1, "the row has 1 fields, the header 2"},
		{"unclosed quote", "UserPrincipalName\n\"a@x.test\n", 2, 1, "the quoted field is not closed"},
		{"text after quote", "UserPrincipalName,B\n\"a@x.test\"x,b\n", 2, 11, "text after the closing quote"},
		{"duplicate column", "UserPrincipalName,upn,userprincipalname\n", 1, 23, `the column "userprincipalname" appears twice`},
		{"unnamed column", "UserPrincipalName,,B\n", 1, 19, "column 2 of the header has no name"},
		{"PolicyType alone", "PolicyType,PolicyName\nX,Y\n", 1, 1, "needs a GroupId"},
		{"group alone", "Name,GroupId\nX,Y\n", 1, 6, "needs a UserPrincipalName column"},
		{"no known column", "A,B\n1,2\n", 1, 0, "no column says what the file holds"},
		{"empty", "", 1, 0, "no header line"},
		{"only #TYPE", "#TYPE X\n", 2, 0, "no header line"},
		{"no user", "UserPrincipalName,DisplayName\n,Ann\n", 2, 1, "the row names no user"},
		{"object ID only", "Identity,DisplayName\n6f1c0a52-3e1b-4b8e-9a51-2d3c4e5f6a7b,Ann\n", 2, 1, "the row names no user: its Identity is empty or not an address"},
		{"no group", "GroupId,PolicyType,PolicyName\n,TeamsMeetingPolicy,A\n", 2, 1, "the row names no group"},
		{"no policy name", "GroupId,PolicyType,PolicyName\ng,TeamsMeetingPolicy,\n", 2, 22, "the row has no PolicyName"},
		{"no policy type", "UserPrincipalName,PolicyType,PolicyName\na@x.test,,A\n", 2, 10, "the row has no PolicyType"},
		{"member without user", "GroupId,UserPrincipalName\ng1,\n", 2, 4, "the row names no user"},
		{"tenant grant of another scope", "PolicyType,PolicyName,Scope\nTeamsMeetingPolicy,A,User\n", 2, 22, "the Scope of a tenant-wide grant is Global"},
		{"member without group", "GroupName,UserPrincipalName\n,a@x.test\n", 2, 1, "the row names no group"},
	}
	for _, c := range cases {
		r := readOneResult(t, &Source{Name: "bad.csv", Data: []byte(c.text)}, Options{Format: FormatCSV})
		e, ok := r.Err.(*Error)
		if !ok {
			t.Errorf("%s: error %T %v", c.name, r.Err, r.Err)
			continue
		}
		if e.File != "bad.csv" || e.Line != c.line || e.Col != c.col || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("%s: got %s (line %d col %d), want line %d col %d and %q", c.name, e, e.Line, e.Col, c.line, c.col, c.msg)
		}
	}
}

// TestReadCSVQuoting: Export-Csv doubles quotes inside a quoted field;
// a field may hold the delimiter and new lines; blanks around an unquoted
// field are not part of it (Import-Csv).
func TestReadCSVQuoting(t *testing.T) {
	text := "UserPrincipalName,DisplayName,Department\n  a@x.test  ,\"A \"\"the\"\" one, first\", Dept \n\"b@x.test\"  ,\"\",\"x\r\ny\"\nc@x.test,O\"Neil,\n"
	s := mustSnap(t, readOneResult(t, &Source{Name: "q.csv", Data: []byte(text)}, Options{}))
	got := usersOf(s)
	want := []userLine{
		{UPN: "a@x.test", DisplayName: `A "the" one, first`, Department: "Dept", Line: 2, Path: "UserPrincipalName"},
		{UPN: "b@x.test", Department: "x\r\ny", Line: 3, Path: "UserPrincipalName"},
		{UPN: "c@x.test", DisplayName: `O"Neil`, Line: 5, Path: "UserPrincipalName"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("users:\n got %+v\nwant %+v", got, want)
	}
}

// TestReadCSVDelimiters: Export-Csv -Delimiter writes any character;
// ',' ';' and tab are recognised from the header line (the most frequent
// outside quotes), so a ';' file whose names hold commas is read right.
func TestReadCSVDelimiters(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"tab", "UserPrincipalName\tDisplayName\tTeamsMeetingPolicy\na@x.test\tLee, Ann\tAllOn\n"},
		{"semicolon with commas", "\"UserPrincipalName\";\"DisplayName\";\"TeamsMeetingPolicy\"\r\n\"a@x.test\";\"Lee, Ann\";\"AllOn\"\r\n"},
	} {
		s := mustSnap(t, readOneResult(t, &Source{Name: "d.csv", Data: []byte(c.text)}, Options{}))
		want := []userLine{{UPN: "a@x.test", DisplayName: "Lee, Ann", Line: 2, Path: "UserPrincipalName", Direct: []Direct{d("d.csv", 2, "TeamsMeetingPolicy", "AllOn")}}}
		if got := usersOf(s); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, want)
		}
	}
}

// TestDetectCSV: a CSV export is recognised from its header line, and a
// Microsoft365DSC configuration (exports.md section 3) is still one.
func TestDetectCSV(t *testing.T) {
	for _, c := range []struct {
		text string
		want Format
	}{
		{"\"UserPrincipalName\",\"DisplayName\"\r\n\"a@x.test\",\"A\"\r\n", FormatCSV},
		{"#TYPE Deserialized.Microsoft.Teams.Config.Cmdlets.Models.GroupAssignment\r\n\"GroupId\",\"PolicyType\",\"PolicyName\"\r\n", FormatCSV},
		// Get-CsOnlineUser's Identity names the user when no UPN column is kept
		{"Identity,DisplayName,TeamsMeetingPolicy\na@x.test,A,AllOn\n", FormatCSV},
		{"# Generated with Microsoft365DSC version 1.23.1115.1\r\nparam ()\r\nConfiguration M365TenantConfig\r\n{\r\n    Node localhost\r\n    {\r\n    }\r\n}\r\n", FormatDSC},
	} {
		src := &Source{Name: "x", Data: []byte(c.text)}
		if f, rule, ok := Detect(src, src.Text()); !ok || f != c.want {
			t.Errorf("%q: %s (%s), want %s", c.text, f, rule, c.want)
		}
	}
}
