package tenantio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
)

// FuzzClixmlImport: reading any document never panics, and a failure is
// an *Error of the file, at a line of it when it has one.
func FuzzClixmlImport(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "import", "clixml", "*.xml"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><TN RefId="0"><T>Microsoft.Teams.Policy.Administration.Cmdlets.Core.MeetingPolicy</T></TN><Props><S N="Identity">Global</S><Obj N="L" RefId="1"><MS><Ref N="B" RefId="1" /></MS></Obj></Props></Obj></Objs>`))
	f.Add(utf16LE(`<Objs><Obj RefId="0"><MS><S N="Identity">Tag:A</S><B N="AllowFederatedUsers">true</B><S N="AllowedDomains">Domain=a.test</S></MS></Obj></Objs>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &Source{Name: "f.xml", Data: data}
		rd := &reader{src: src, text: src.Text(), snap: &Snapshot{}, opt: Options{DecodeClixml: cmdlets.ParseClixml}}
		err := readClixml(rd)
		if err == nil {
			return
		}
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("error %T %v", err, err)
		}
		lines := strings.Count(rd.text, "\n") + 2
		if e.File != "f.xml" || e.Line < 0 || e.Line > lines || e.Msg == "" {
			t.Fatalf("bad error: %#v (%d lines)", e, lines)
		}
	})
}
