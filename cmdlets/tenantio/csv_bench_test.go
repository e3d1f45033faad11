package tenantio

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvUsersText is a Get-CsOnlineUser | Export-Csv file of n users with
// three direct-assignment columns, as PowerShell 7 writes it (every field
// quoted, CRLF).
func csvUsersText(n int) string {
	var b strings.Builder
	b.WriteString("\"UserPrincipalName\",\"DisplayName\",\"Department\",\"TeamsMeetingPolicy\",\"ExternalAccessPolicy\",\"TeamsAppPermissionPolicy\"\r\n")
	for i := range n {
		meeting := ""
		if i%3 == 0 {
			meeting = "AllOn"
		}
		fmt.Fprintf(&b, "\"user%06d@contoso.test\",\"User %d\",\"Dept %d\",\"%s\",\"FederationOnly\",\"\"\r\n", i, i, i%40, meeting)
	}
	return b.String()
}

// BenchmarkReadCSVUsers reads 100,000 users with three direct-assignment
// columns, the format recognised from the content as an import does.
func BenchmarkReadCSVUsers(b *testing.B) {
	src := &Source{Name: "users.csv", Data: []byte(csvUsersText(100000))}
	b.SetBytes(int64(len(src.Data)))
	b.ReportAllocs()
	for b.Loop() {
		res := Read([]*Source{src}, Options{})
		if r := res[0]; r.Err != nil || r.Format != FormatCSV || len(r.Snapshot.Users) != 100000 {
			b.Fatal(r.Err)
		}
	}
}

// FuzzCSV: reading any text never panics, and a failure is an *Error of
// the file at a line of it.
func FuzzCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "import", "csv", "*.csv"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(csvUsersText(3)))
	f.Add(utf16LE("GroupId;PolicyType;PolicyName;Rank\r\ng;TeamsMeetingPolicy;A;1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &Source{Name: "f.csv", Data: data}
		rd := &reader{src: src, text: src.Text(), snap: &Snapshot{}}
		err := readCSV(rd)
		if err == nil {
			return
		}
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("error %T %v", err, err)
		}
		lines := strings.Count(rd.text, "\n") + 2
		if e.File != "f.csv" || e.Line < 1 || e.Line > lines || e.Col < 0 || e.Msg == "" {
			t.Fatalf("bad error position: %#v (%d lines)", e, lines)
		}
	})
}
