package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// csemu lint --fix rewrites a script in the encoding it was read in: a
// UTF-16 LE file with a byte-order mark and CRLF line ends (as Windows
// PowerShell 5.1 saves scripts, about_Character_Encoding) stays one.
func TestLintFixKeepsEncoding(t *testing.T) {
	before := "set-csteamsmeetingpolicy –Identity ‘Global’ -AutoAdmittedUsers everyone # é\r\n"
	after := "Set-CsTeamsMeetingPolicy -Identity 'Global' -AutoAdmittedUsers Everyone # é\r\n"
	dir := t.TempDir()
	for _, enc := range []textenc.Encoding{textenc.Unicode, textenc.UTF8BOM, textenc.UTF8NoBOM, textenc.BigEndianUTF32} {
		path := filepath.Join(dir, enc.WebName()+".ps1")
		if err := os.WriteFile(path, enc.Encode(before), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errw bytes.Buffer
		code := runLint([]string{"--fix", path}, &out, &errw)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, enc.Encode(after)) {
			t.Errorf("%s: file is %q", enc.WebName(), data)
		}
		if code != exitOK || out.Len() != 0 || !strings.Contains(errw.String(), ": 5 fixes\n") {
			t.Errorf("%s: code %d, stdout %q, stderr %q", enc.WebName(), code, out.String(), errw.String())
		}
	}
}

// --diff shows the change as a unified diff and writes nothing.
func TestLintDiff(t *testing.T) {
	src := "# one\n# two\n# three\n# four\nget-csteamsmeetingpolicy\n# six\n# seven\n# eight\n# nine\n# ten\n# eleven\n# twelve\nget-cstenant"
	path := filepath.Join(t.TempDir(), "a.ps1")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	code := runLint([]string{"--diff", path}, &out, &errw)
	want := "--- " + path + "\n+++ " + path + "\n" +
		"@@ -2,7 +2,7 @@\n # two\n # three\n # four\n-get-csteamsmeetingpolicy\n+Get-CsTeamsMeetingPolicy\n # six\n # seven\n # eight\n" +
		"@@ -10,4 +10,4 @@\n # ten\n # eleven\n # twelve\n-get-cstenant\n\\ No newline at end of file\n+Get-CsTenant\n\\ No newline at end of file\n"
	if out.String() != want || code != exitLint || errw.Len() != 0 {
		t.Errorf("code %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errw.String(), out.String(), want)
	}
	if data, _ := os.ReadFile(path); string(data) != src {
		t.Errorf("file changed: %q", data)
	}
}

// A file that does not parse is never rewritten.
func TestLintFixParseError(t *testing.T) {
	src := "get-csteamsmeetingpolicy\nif ($x) {\n"
	path := filepath.Join(t.TempDir(), "a.ps1")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	code := runLint([]string{"--fix", path}, &out, &errw)
	if data, _ := os.ReadFile(path); string(data) != src {
		t.Errorf("file changed: %q", data)
	}
	if code != exitLint || !strings.Contains(errw.String(), "not fixed: the script does not parse") || !strings.Contains(out.String(), "[CSE1001]") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out.String(), errw.String())
	}
}
