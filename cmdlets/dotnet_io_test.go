package cmdlets_test

import (
	"testing"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// TestDotnetEncodings follows .NET's Encoding class: Encoding.UTF8 writes
// the UTF-8 BOM (GetPreamble), new UTF8Encoding($false) does not,
// GetBytes/GetString convert text and bytes, WebName and CodePage name
// the encoding, and GetEncoding takes .NET's names and code pages.
func TestDotnetEncodings(t *testing.T) {
	m := newMemFS()
	runCase(t, m, false, "encoding", `
$u = [System.Text.Encoding]::UTF8
$u.WebName; $u.CodePage; $u.EncodingName
$u.GetPreamble().Count
([System.Text.UTF8Encoding]::new($false)).GetPreamble().Count
($u.GetBytes('é') | ForEach-Object { '{0:X2}' -f $_ }) -join ' '
$u.GetString([byte[]](104, 105))
[System.Text.Encoding]::Unicode.GetBytes('A').Count
[System.Text.Encoding]::Unicode.GetString([byte[]](65, 0, 66, 0))
[System.Text.Encoding]::ASCII.GetString([byte[]](72, 233))
[System.Text.Encoding]::GetEncoding('iso-8859-1').GetBytes('é')[0]
[System.Text.Encoding]::GetEncoding(1200).WebName
$u -is [System.Text.Encoding]
$u -is [System.Text.UTF8Encoding]
[System.Text.Encoding]::Default.GetPreamble().Count
try { [System.Text.Encoding]::GetEncoding('nosuch') } catch { $_.FullyQualifiedErrorId }
`, "utf-8\n65001\nUnicode (UTF-8)\n3\n0\nC3 A9\nhi\n2\nAB\nH?\n233\nutf-16\nTrue\nTrue\n0\nArgumentException\n", "")
}

// TestDotnetFiles follows .NET's File, Directory and Path classes: the
// file methods go through the session's FS (writes need --allow-write),
// ReadAllText reads by the BOM (UTF-8 without one), WriteAllText writes
// UTF-8 without a BOM unless given an encoding, a missing file is
// FileNotFoundException "Could not find file '<full path>'.", relative
// paths start from the process's folder (not Set-Location's), and
// Path.Combine starts again at a rooted part.
func TestDotnetFiles(t *testing.T) {
	m := newMemFS()
	m.add("/work/u16.txt", string(textenc.Unicode.Encode("héllo\nworld\n")))
	m.mkdir("/work/sub")
	runCase(t, m, true, "files", `
[System.IO.File]::ReadAllText('u16.txt')
([System.IO.File]::ReadAllLines('/work/u16.txt')).Count
[System.IO.File]::Exists('u16.txt'); [System.IO.File]::Exists('sub'); [System.IO.Directory]::Exists('sub')
[System.IO.File]::WriteAllText('plain.txt', 'é')
[System.IO.File]::WriteAllText('bom.txt', 'é', [System.Text.Encoding]::UTF8)
[System.IO.File]::WriteAllLines('lines.txt', [string[]]('a', 'b'))
[System.IO.File]::AppendAllText('lines.txt', 'c')
[System.IO.File]::ReadAllBytes('plain.txt').Count
try { [System.IO.File]::ReadAllText('nope.txt') } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
Set-Location sub
[System.IO.File]::Exists('u16.txt')
[System.IO.File]::WriteAllText('proc.txt', 'p')
[System.IO.Path]::GetFullPath('x.txt')
[System.IO.Path]::Combine('a', '/b', 'c')
[System.IO.Path]::Join('a', '/b')
[System.IO.Path]::GetDirectoryName('/a/b/c.txt')
[System.IO.Path]::GetFileNameWithoutExtension('c.tar.gz')
[System.IO.Path]::ChangeExtension('c.txt', 'log')
([System.IO.Directory]::GetFiles('/work', 'l*.txt') | Sort-Object) -join ','
`, "héllo\nworld\n\n2\nTrue\nFalse\nTrue\n2\nException calling \"ReadAllText\" with \"1\" argument(s): \"Could not find file '/work/nope.txt'.\"\nFileNotFoundException\nTrue\n/work/x.txt\n/b/c\na/b\n/a/b\nc.tar\nc.log\n/work/lines.txt\n", "")
	wantFile(t, m, "/work/plain.txt", "é")
	wantFile(t, m, "/work/bom.txt", "\uFEFFé")
	wantFile(t, m, "/work/lines.txt", "a\nb\nc")
	wantFile(t, m, "/work/proc.txt", "p")
}
