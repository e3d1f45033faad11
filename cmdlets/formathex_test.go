package cmdlets_test

import "testing"

// TestFormatHexInputObjects follows Format-Hex's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-hex)
// and PowerShell's Format-Hex.Tests.ps1: a string is its UTF-8 bytes (or
// -Encoding's); a primitive value is its bytes in memory, little-endian,
// a [bool] four bytes; consecutive values of one type make one group,
// an array is a group by itself; each ByteCollection holds up to sixteen
// bytes, and its text is the offset, the bytes in hexadecimal and their
// characters (0 as a space, a control character as U+FFFD).
func TestFormatHexInputObjects(t *testing.T) {
	runCase(t, newMemFS(), false, "inputs", `
$r = Format-Hex -InputObject 'hello world'
$r.GetType().FullName; $r -is [Microsoft.PowerShell.Commands.ByteCollection]
$r.ToString()
(Format-Hex -InputObject ([Int64]9223372036854775807)).ToString()
$r = 1, 2, 3, 'hello world' | Format-Hex
$r.Count; $r[0].ToString()
$r = [sbyte[]](-15, 18, 21, -5), 'hello', [byte[]](1..6), 1, 2, 3, 4 | Format-Hex
$r | ForEach-Object { $_.Label -replace ' <[0-9A-F]{8}>$', '' }
$r = $true, $false, $true, 123, 100 | Format-Hex
$r.Count; $r[0].HexBytes; $r[1].HexBytes
$r = 'a' * 20 | Format-Hex
$r.Count; $r[1].Offset64; $r[1].HexOffset; $r[1].Ascii
(Format-Hex -InputObject 'hi' -Encoding Unicode).HexBytes
(Format-Hex -InputObject 'hello' -Offset 1 -Count 3).HexBytes
`, "Microsoft.PowerShell.Commands.ByteCollection\nTrue\n"+
		"0000000000000000   68 65 6C 6C 6F 20 77 6F 72 6C 64                 hello world     \n"+
		"0000000000000000   FF FF FF FF FF FF FF 7F                          ÿÿÿÿÿÿÿ\uFFFD        \n"+
		"2\n0000000000000000   01 00 00 00 02 00 00 00 03 00 00 00              \uFFFD   \uFFFD   \uFFFD       \n"+
		"SByte[] (System.SByte[])\nString (System.String)\nByte[] (System.Byte[])\nInt32 (System.Int32)\n"+
		"2\n01 00 00 00 00 00 00 00 01 00 00 00\n7B 00 00 00 64 00 00 00\n"+
		"2\n16\n0000000000000010\naaaa\n"+
		"68 00 69 00\n65 6C 6C\n", "")
}

// TestFormatHexFiles follows Format-Hex.Tests.ps1: -Path (wildcards) and
// -LiteralPath read files, as does a FileInfo piped in; the Label and
// Path are the file's path; -Offset and -Count select the bytes, the
// offsets counting from the file's start; a path that names no file is
// the FileNotFound error and the other paths are still read; an object
// that is no primitive is FormatHexTypeNotSupported.
func TestFormatHexFiles(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "Hello World")
	m.add("/work/b.txt", "More text")
	runCase(t, m, false, "files", `
$r = Format-Hex -Path a.txt
$r.Label; $r.Path; $r.ToString()
(Format-Hex *.txt).Count
(Get-Item b.txt | Format-Hex).Ascii
$r = Format-Hex -LiteralPath a.txt -Offset 6 -Count 3
$r.Offset64; $r.Ascii
$r = Format-Hex -Path nope.txt, a.txt -ErrorVariable e -ErrorAction SilentlyContinue
$r.Ascii; $e[0].FullyQualifiedErrorId
Format-Hex -InputObject @{ a = 1 } -ErrorVariable e2 -ErrorAction SilentlyContinue
$e2[0].FullyQualifiedErrorId; $e2[0].Exception.Message
`, "/work/a.txt\n/work/a.txt\n0000000000000000   48 65 6C 6C 6F 20 57 6F 72 6C 64                 Hello World     \n"+
		"2\nMore text\n6\nWor\nHello World\nFileNotFound,Microsoft.PowerShell.Commands.FormatHex\n"+
		"FormatHexTypeNotSupported,Microsoft.PowerShell.Commands.FormatHex\n"+
		"Cannot display the context of System.Collections.Hashtable as hex. The type is not supported.\n", "")
}

// TestFormatHexView follows the ByteCollection view of pwsh's
// PowerShellCore.format.ps1xml: a table grouped by Label, with the
// columns Offset (right-aligned, 16 wide), Bytes (its label on two
// lines, the second numbering the bytes) and Ascii.
func TestFormatHexView(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "Hello World")
	runCase(t, m, false, "view", `Format-Hex a.txt`, `
   Label: /work/a.txt

          Offset Bytes                                           Ascii
                 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F
          ------ ----------------------------------------------- -----
0000000000000000 48 65 6C 6C 6F 20 57 6F 72 6C 64                Hello World

`, "")
}
