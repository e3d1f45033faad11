package tenantio

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// FuzzRead reads any bytes as an import does (the format recognised from
// the content, a zip archive opened) and applies what it reads to a
// tenant: no reader panics (readOne would turn a panic into an "internal
// error"), every error names the file, and a snapshot applies.
func FuzzRead(f *testing.F) {
	matches, _ := filepath.Glob(filepath.Join("testdata", "import", "*", "*"))
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err == nil {
			f.Add(filepath.Base(m), data)
		}
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("Get-CsTeamsMeetingPolicy.json")
	w.Write([]byte(`[{"Identity":"Tag:A","AutoAdmittedUsers":"Everyone"}]`))
	w, _ = zw.Create("../outside.json")
	w.Write([]byte(`{}`))
	zw.Close()
	f.Add("backup.zip", zb.Bytes())
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if name == "" {
			name = "file"
		}
		results := Read([]*Source{{Name: name, Data: data}}, Options{DecodeClixml: cmdlets.ParseClixml})
		for _, r := range results {
			if r.Err == nil {
				continue
			}
			msg := r.Err.Error()
			if strings.Contains(msg, "internal error") {
				t.Fatalf("a reader panicked: %s", msg)
			}
			if !strings.HasPrefix(msg, name) {
				t.Fatalf("error does not name the file %q: %s", name, msg)
			}
		}
		Apply(state.NewTenant(), Merge(results), ApplyOptions{Now: time.Unix(0, 0)})
	})
}
