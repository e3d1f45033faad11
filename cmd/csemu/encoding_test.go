package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// TestScriptEncodings: pwsh reads a script by its byte-order mark (Windows
// PowerShell 5.1 saves scripts as UTF-16 LE with a BOM; editors save UTF-8
// with or without one), else as UTF-8 (about_Character_Encoding, "Character
// encoding in Windows PowerShell" and "Character encoding in PowerShell").
func TestScriptEncodings(t *testing.T) {
	script := "$s = 'héllo €'\n\"$($s.Length) $s\"\r\n"
	dir := t.TempDir()
	for _, enc := range []textenc.Encoding{textenc.UTF8NoBOM, textenc.UTF8BOM, textenc.Unicode,
		textenc.BigEndianUnicode, textenc.UTF32, textenc.BigEndianUTF32} {
		path := filepath.Join(dir, enc.WebName()+".ps1")
		if err := os.WriteFile(path, enc.Encode(script), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errw bytes.Buffer
		code := run([]string{"--db", ":memory:", path}, strings.NewReader(""), &out, &errw)
		if code != 0 || out.String() != "7 héllo €\n" || errw.Len() != 0 {
			t.Errorf("%s (bom %v): code %d, stdout %q, stderr %q", enc.WebName(), enc.BOM(), code, out.String(), errw.String())
		}
	}
}
