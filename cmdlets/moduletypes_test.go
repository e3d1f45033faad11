package cmdlets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
)

// TestModuleTypes checks the classes a registered module defines, created
// as PowerShell creates objects of a class with a constructor without
// arguments and settable properties: New-Object -TypeName T -Property
// @{...} sets each property (New-Object.md, -Property: "the properties
// and values of the new object"; a property the object lacks is an
// error), [T]::new() calls the constructor, and a cast of a hashtable
// [T]@{...} creates the object and sets the properties the keys name
// (about_Object_Creation, "Create objects from hash tables").
func TestModuleTypes(t *testing.T) {
	const typ = "Contoso.Admin.AppRef"
	tests := []struct {
		name, script, want, wantErr string
	}{
		{"new-object property", "$a = New-Object -TypeName " + typ + " -Property @{Id='x'}\n$a.GetType().FullName\n$a.Id", typ + "\nx\n", ""},
		{"new-object case-insensitive name", "(New-Object contoso.admin.appref).GetType().FullName", typ + "\n", ""},
		{"properties start null", "$null -eq (New-Object " + typ + ").Id", "True\n", ""},
		{"constructor", "$a = [" + typ + "]::new(); $a.Id = 'y'; $a.Id", "y\n", ""},
		{"hashtable cast", "$a = [" + typ + "]@{Id='z'}; $a.GetType().FullName; $a.Id", typ + "\nz\n", ""},
		{"unknown property", "New-Object " + typ + " -Property @{Name='x'}", "", "The property 'Name' cannot be found"},
		{"cast with unknown key", "[" + typ + "]@{Name='x'}", "", "Cannot convert"},
		{"unknown class", "New-Object Contoso.Admin.Other", "", "Cannot find type [Contoso.Admin.Other]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			s := cmdlets.NewSession(
				cmdlets.WithIO(strings.NewReader(""), &out, &errb),
				cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}),
				cmdlets.WithAllowWrite(false),
				cmdlets.WithModules(cmdlets.Module{Name: "ContosoAdmin", Version: "1.0.0", Types: []cmdlets.ModuleType{{Name: typ, Properties: []string{"Id"}}}}),
			)
			if _, err := s.Run(context.Background(), "t.ps1", tc.script, nil); err != nil && errb.Len() == 0 {
				t.Fatalf("run: %v", err)
			}
			if out.String() != tc.want {
				t.Errorf("output %q, want %q (errors %q)", out.String(), tc.want, errb.String())
			}
			if tc.wantErr == "" && errb.Len() > 0 || tc.wantErr != "" && !strings.Contains(errb.String(), tc.wantErr) {
				t.Errorf("errors %q, want %q", errb.String(), tc.wantErr)
			}
		})
	}
}
