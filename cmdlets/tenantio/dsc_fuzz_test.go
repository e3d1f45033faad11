package tenantio

import (
	"errors"
	"testing"
)

// FuzzDSC reads arbitrary bytes as a Microsoft365DSC configuration: the
// reader never panics, a failure is a positioned *Error of the file, and
// every value read has the line it came from. Seeds are the fixtures in
// both encodings and a written configuration.
func FuzzDSC(f *testing.F) {
	for _, name := range []string{"M365TenantConfig.ps1", "handwritten.ps1", "broken.ps1"} {
		data := dscFixture(f, name)
		f.Add(data)
		f.Add(dscUTF16(string(data)))
	}
	f.Add([]byte("Configuration C { Node x { TeamsMeetingPolicy p { Identity = 'Tag:A'; X = @(MSFT_Y { Z = \"a@$OrganizationName\" }) } } }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &Source{Name: "fuzz.ps1", Data: data}
		rd := &reader{src: src, text: src.Text(), opt: Options{OrganizationName: "fabrikam.example"}, snap: &Snapshot{}}
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panic: %v", p)
				}
			}()
			err = readDSC(rd)
		}()
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.ps1" {
				t.Fatalf("error %T %v is not an *Error of the file", err, err)
			}
			return
		}
		for _, it := range rd.snap.Objects {
			if it.Identity == "" || it.Origin.Line <= 0 {
				t.Fatalf("item %s %q at %v", it.Kind, it.Identity, it.Origin)
			}
			for _, p := range it.Props {
				if p.Origin.Line <= 0 {
					t.Fatalf("property %s.%s has no line", it.Kind, p.Name)
				}
			}
		}
		for _, u := range rd.snap.Users {
			if u.UPN == "" || u.Origin.Line <= 0 {
				t.Fatalf("user %q at %v", u.UPN, u.Origin)
			}
		}
	})
}
