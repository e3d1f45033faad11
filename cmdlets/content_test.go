package cmdlets_test

import (
	"testing"

	"github.com/csemu/csemu/cmdlets/textenc"
)

// TestContentParameterSets follows the Set-Content and Add-Content pages:
// -LiteralPath is a parameter set of its own (Set-Content's syntax
// "LiteralPath" set), so it needs no -Path; -NoNewline joins the values;
// -PassThru writes them.
func TestContentParameterSets(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	runCase(t, m, true, "literal", `
Set-Content -LiteralPath 'a[1].txt' -Value 'y'
Add-Content -LiteralPath 'a[1].txt' -Value 'z' -PassThru
Get-Content -LiteralPath 'a[1].txt'
Set-Content n.txt -Value 'a', 'b' -NoNewline
'p', 'q' | Add-Content n.txt
`, "z\ny\nz\n", "")
	wantFile(t, m, "/work/a[1].txt", "y\nz\n")
	wantFile(t, m, "/work/n.txt", "abp\nq\n")
}

// TestGetContentParameters follows Get-Content's page: -Raw returns the
// whole text (nothing for an empty file), -Delimiter splits at a string
// and drops it, -ReadCount sends arrays of that many lines (0: all in
// one), -TotalCount with -Tail is the TailAndHeadCannotCoexist error,
// -AsByteStream reads bytes; a folder is the GetContainerContentException
// error (PowerShell's Get-Content.Tests.ps1). Lines end at "\n", "\r\n"
// or "\r", as StreamReader.ReadLine reads them.
func TestGetContentParameters(t *testing.T) {
	m := newMemFS()
	m.add("/work/t.txt", "one\r\ntwo\rthree\n")
	m.add("/work/d.txt", "a,b,c")
	m.add("/work/empty.txt", "")
	runCase(t, m, false, "get-content", `
(Get-Content t.txt) -join '|'
(Get-Content d.txt -Delimiter ',') -join '|'
$null -eq (Get-Content empty.txt -Raw)
(Get-Content t.txt -ReadCount 2 | ForEach-Object { $_.Count }) -join ','
(Get-Content t.txt -ReadCount 0).Count
(Get-Content d.txt -AsByteStream -TotalCount 3) -join ','
(Get-Content d.txt -AsByteStream -Raw).GetType().Name
Get-Content t.txt -Tail 1 -TotalCount 1 -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
Get-Content /work -ErrorAction SilentlyContinue -ErrorVariable e2; $e2[0].FullyQualifiedErrorId
Get-Content t.txt -TotalCount -2 -ErrorAction SilentlyContinue
`, "one|two|three\na|b|c\nTrue\n2,1\n3\n97,44,98\nByte[]\nTailAndHeadCannotCoexist,Microsoft.PowerShell.Commands.GetContentCommand\nGetContainerContentException,Microsoft.PowerShell.Commands.GetContentCommand\n",
		"Cannot validate argument on parameter 'TotalCount'. The -2 argument is less than the minimum allowed range of -1.")
}

// TestEncodings follows about_Character_Encoding: pwsh 7 writes
// utf8NoBOM by default; unicode is UTF-16 LE with a BOM, bigendianunicode
// UTF-16 BE, utf32 UTF-32 LE, utf8BOM writes the UTF-8 BOM, ascii turns
// what it cannot hold into '?'. Readers take the encoding a BOM names
// (StreamReader), whatever -Encoding says; -Encoding reads a BOM-less
// file in that encoding. Add-Content to a file with a BOM keeps its
// encoding (FileSystemContentReaderWriter reads the file's encoding
// before it appends).
func TestEncodings(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	m.add("/work/le.txt", string(textenc.Unicode.Encode("héllo\nwörld\n")))
	m.add("/work/nobom16.txt", string(textenc.New(textenc.UTF16LE, false).Encode("plain")))
	m.add("/work/users.csv", string(textenc.BigEndianUnicode.Encode("Name,Dept\nann,Sales\n")))
	m.add("/work/data.json", string(textenc.Unicode.Encode(`{"a": [1, 2]}`)))
	runCase(t, m, true, "encodings", `
Get-Content le.txt
Get-Content nobom16.txt -Encoding unicode
(Import-Csv users.csv).Dept
(Get-Content data.json -Raw | ConvertFrom-Json).a -join '+'
Set-Content u16.txt -Value 'é' -Encoding unicode
Set-Content def.txt -Value 'é'
Set-Content bom.txt -Value 'é' -Encoding utf8BOM
Set-Content be.txt -Value 'a' -Encoding BigEndianUnicode
Set-Content a.txt -Value 'é€' -Encoding ascii
Add-Content u16.txt -Value 'z'
Get-Content u16.txt
'x' | Out-File o32.txt -Encoding utf32 -NoNewline
Set-Content cp.txt -Value 'é' -Encoding 1252
Set-Content obj.txt -Value 'é' -Encoding ([System.Text.Encoding]::Unicode)
`, "héllo\nwörld\nplain\nSales\n1+2\né\nz\n", "")
	wantFile(t, m, "/work/u16.txt", string(textenc.Unicode.Encode("é\nz\n")))
	wantFile(t, m, "/work/def.txt", "é\n")
	wantFile(t, m, "/work/bom.txt", "\uFEFFé\n")
	wantFile(t, m, "/work/be.txt", "\xFE\xFF\x00a\x00\n")
	wantFile(t, m, "/work/a.txt", "??\n")
	wantFile(t, m, "/work/o32.txt", "\xFF\xFE\x00\x00x\x00\x00\x00")
	wantFile(t, m, "/work/cp.txt", "\xE9\n")
	wantFile(t, m, "/work/obj.txt", string(textenc.Unicode.Encode("é\n")))
}

// TestUnknownEncoding: -Encoding goes through PowerShell's
// ArgumentToEncodingTransformationAttribute, which calls
// Encoding.GetEncoding(name): a name no encoding has fails binding with
// ParameterArgumentTransformationError; UTF-7 works but warns that it is
// obsolete (EncodingConversion, PathUtilsStrings.Utf7EncodingObsolete).
func TestUnknownEncoding(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "a")
	runCase(t, m, false, "unknown", `
try { Get-Content a.txt -Encoding nosuch } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
Get-Content a.txt -Encoding utf7
`, "ParameterArgumentTransformationError,Microsoft.PowerShell.Commands.GetContentCommand\nCannot process argument transformation on parameter 'Encoding'. 'nosuch' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')\na\n",
		"WARNING: Encoding 'UTF-7' is obsolete, please use UTF-8.")
	runCase(t, m, false, "other code page", `Get-Content a.txt -Encoding windows-1251`, "", "[NotImplemented] -Encoding windows-1251")
}

// TestOutFileOptions follows Out-File's page: -Append adds to the end,
// -NoClobber refuses an existing file ("File ... already exists and
// NoClobber was specified.", PathUtilsStrings.UtilityFileExistsNoClobber),
// -NoNewline writes the string forms joined.
func TestOutFileOptions(t *testing.T) {
	m := newMemFS()
	m.add("/work/o.txt", "old\n")
	runCase(t, m, true, "out-file", `
'a' | Out-File o.txt -Append
1, 2 | Out-File n.txt -NoNewline
try { 'b' | Out-File o.txt -NoClobber } catch { $_.FullyQualifiedErrorId }
'c' | Out-File -LiteralPath 'l[1].txt'
`, "NoClobber,Microsoft.PowerShell.Commands.OutFileCommand\n", "")
	wantFile(t, m, "/work/o.txt", "old\na\n")
	wantFile(t, m, "/work/n.txt", "12")
	wantFile(t, m, "/work/l[1].txt", "c\n")
}
