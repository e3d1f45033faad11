package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
)

// TestREPLHistory follows Get-History's and Invoke-History's pages
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-history):
// the prompt records each command it runs when the command ends (so
// Get-History does not list itself), with its status; Invoke-History
// echoes the command line it runs, which is recorded in its place, and
// Clear-History empties the history, then is recorded itself.
func TestREPLHistory(t *testing.T) {
	f := newFakeREPL(t, options{}, lines(
		"1+1",
		`Get-History | ForEach-Object { "$($_.Id) $($_.CommandLine) $($_.ExecutionStatus)" }`,
		"r 1",
		"Get-History | ForEach-Object CommandLine",
		"Clear-History",
		"(Get-History).CommandLine",
	)...)
	if code := f.run(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	want := "2\n1 1+1 Completed\n1+1\n2\n1+1\n" + `Get-History | ForEach-Object { "$($_.Id) $($_.CommandLine) $($_.ExecutionStatus)" }` + "\n1+1\nClear-History\n"
	if got := f.out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s\nerrors %q", got, want, f.err.String())
	}
}

// TestREPLClearHost: Clear-Host on a terminal (see cmdlets.TestClearHost)
// leaves the cursor at the top left, so the next prompt needs no new
// line first.
func TestREPLClearHost(t *testing.T) {
	tf, err := newTenantFile(options{db: filepath.Join(t.TempDir(), "tenant.db"), lockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeREPL{ed: &fakeEditor{inputs: lines("'a'", "cls", "'b'")}}
	f.l = newREPL(tf, false, &f.out, &f.err, false, cmdlets.WithTerminal(true))
	f.l.ed = f.ed
	if code := f.run(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got, want := f.out.String(), "a\n\x1b[H\x1b[2J\x1b[3Jb\n"; got != want {
		t.Errorf("output %q, want %q; errors %q", got, want, f.err.String())
	}
}
