package cmdlets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
)

// A caller plugs commands into a session: a registered cmdlet runs, a
// core cmdlet of the same name keeps its place, a module's unregistered
// real commands fail with [NotImplemented], and Get-Module lists the module.
func TestWithCommands(t *testing.T) {
	hello := &cmdlets.Cmdlet{Name: "Get-CtsoGreeting", Module: "Contoso", Synopsis: "Greets.",
		Process: func(c *cmdlets.Call) error { return c.Write("hello") }}
	shadow := &cmdlets.Cmdlet{Name: "Write-Output", Module: "Contoso",
		Process: func(c *cmdlets.Call) error { return c.Write("shadowed") }}
	mod := cmdlets.Module{Name: "Contoso", Version: "1.2.3", Real: func(name string) bool { return strings.Contains(strings.ToLower(name), "-ctso") }}
	var out, errb bytes.Buffer
	s := cmdlets.NewSession(cmdlets.WithIO(nil, &out, &errb), cmdlets.WithCommands(hello, shadow), cmdlets.WithModules(mod))
	script := "Get-CtsoGreeting\nWrite-Output core\nGet-CtsoOther\n(Get-Module).Name + ' ' + (Get-Module).Version\n(Get-Command Get-CtsoGreeting).Version\n"
	if _, err := s.Run(context.Background(), "t.ps1", script, nil); err != nil {
		t.Fatal(err)
	}
	if want := "hello\ncore\nContoso 1.2.3\n1.2.3\n"; out.String() != want {
		t.Errorf("stdout %q, want %q", out.String(), want)
	}
	if !strings.Contains(errb.String(), "Get-CtsoOther: [NotImplemented] Get-CtsoOther is not emulated") {
		t.Errorf("stderr %q", errb.String())
	}
	// without the module, the name is not recognized
	out.Reset()
	errb.Reset()
	s = cmdlets.NewSession(cmdlets.WithIO(nil, &out, &errb))
	if _, err := s.Run(context.Background(), "t.ps1", "Get-CtsoOther", nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "is not recognized") {
		t.Errorf("stderr %q", errb.String())
	}
}
