package cmdlets_test

import (
	"testing"
)

// utilityTests follow the pages of ConvertFrom-StringData, Get-Unique,
// Get-Verb, Get-Random and Get-SecureRandom
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertfrom-stringdata
// and the others) and PowerShell's tests of them. Random results are
// checked by range and type only.
var utilityTests = []evalCase{
	// ConvertFrom-StringData: name=value lines, comments and blank lines
	// skipped, keys without case, escapes read as Regex.Unescape does;
	// a line without the delimiter is an InvalidOperation error
	{"stringdata", "$h = ConvertFrom-StringData \"a = 1`n# note`n`nB=two\\tx\\u0041\"; $h.A; $h.b; $h.Count; $h.GetType().Name\n" +
		"(ConvertFrom-StringData 'value:10' -Delimiter ':').value\n" +
		"(ConvertFrom-StringData '').Count\n" +
		"try { ConvertFrom-StringData 'novalue' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }\n" +
		"try { ConvertFrom-StringData \"a=1`na=2\" } catch { $_.Exception.Message }",
		"1\ntwo\txA\n2\nHashtable\n10\n0\nInvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand\nData line 'novalue' is not in 'name=value' format. \nData item 'a' in line 'a=2' is already defined. \n", "", 0},
	// Get-Unique drops an item equal to the one before it
	{"unique", `(1, 1, 2, 2, 1, 3 | Get-Unique) -join ','
('a', 'A', 'b' | Get-Unique -AsString) -join ','
('a', 'A', 'b' | Get-Unique -AsString -CaseInsensitive) -join ','
(1, 'x', 2, 3 | Get-Unique -OnType) -join ','
(Get-Unique -InputObject 1, 1, 2).Count`, "1,2,1,3\na,A,b\na,b\n1,x,2\n3\n", "", 0},
	// Get-Verb: the approved verbs, by -Verb pattern and -Group
	{"verb", `$all = Get-Verb; $all.Count; ($all | Group-Object AliasPrefix | Where-Object Count -GT 1).Count
$a = Get-Verb -Verb Add; $a.Verb; $a.AliasPrefix; $a.Group
(Get-Verb -Group Security).Verb -join ','
@(Get-Verb -Verb a*, Add -Group Common).Count
try { Get-Verb -Group Nope } catch { $_.FullyQualifiedErrorId }`,
		"100\n0\nAdd\na\nCommon\nBlock,Grant,Protect,Revoke,Unblock,Unprotect\n1\nParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetVerbCommand\n", "", 0},
	// Get-Random: an [int] below [int]::MaxValue by default, [long] for a
	// [long] bound, [double] for a fractional one; a list gives -Count
	// items, -Shuffle all of them; the same -SetSeed gives the same number
	{"random_numbers", `$n = Get-Random; $n -ge 0 -and $n -lt [int]::MaxValue; $n.GetType().Name
$r = Get-Random -Minimum -100 -Maximum 100 -Count 5; $r.Count; @($r | Where-Object { $_ -lt -100 -or $_ -ge 100 }).Count
(Get-Random -Maximum ([long]100)).GetType().Name; (Get-Random -Maximum 100000000000).GetType().Name
$d = Get-Random -Minimum 10.7 -Maximum 20.93; $d.GetType().Name; $d -ge 10.7 -and $d -lt 20.93
$k = Get-Random -Maximum '1kb'; $k -lt 1024
(Get-Random -SetSeed 7 -Maximum 1000) -eq (Get-Random -SetSeed 7 -Maximum 1000)
try { Get-Random -Minimum 20 -Maximum 20 } catch { $_.FullyQualifiedErrorId }`,
		"True\nInt32\n5\n0\nInt64\nInt64\nDouble\nTrue\nTrue\nTrue\nMinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand\n", "", 0},
	{"random_lists", `$l = 1, 2, 3, 5, 8, 13
(Get-Random -InputObject $l) -in $l
$three = Get-Random -InputObject $l -Count 3; $three.Count; @($three | Where-Object { $_ -notin $l }).Count
(($l | Get-Random -Shuffle | Sort-Object) -join ',')
(Get-Random -InputObject $l -Count 10).Count
(Get-SecureRandom -InputObject 'a', '' -Count 2).Count
try { Get-SecureRandom -SetSeed 1 } catch { $_.FullyQualifiedErrorId }`,
		"True\n3\n0\n1,2,3,5,8,13\n6\n2\nNamedParameterNotFound,Microsoft.PowerShell.Commands.GetSecureRandomCommand\n", "", 0},
}

func TestUtilityCmdlets(t *testing.T) {
	for _, c := range utilityTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestFileHash follows Get-FileHash's page and PowerShell's
// Get-FileHash.Tests.ps1: SHA256 by default, the hash in upper-case
// hexadecimal (Convert.ToHexString), -Algorithm in any case; a path that
// names nothing is FileNotFound and a folder UnauthorizedAccessError,
// both non-terminating.
func TestFileHash(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	m.mkdir("/work/sub")
	m.add("/work/hashable.txt", "Get-Module\n")
	runCase(t, m, false, "hash", `
$r = Get-FileHash hashable.txt; $r.Algorithm; $r.Hash; $r.Path
(Get-FileHash -LiteralPath hashable.txt -Algorithm sHA1).Hash
(Get-FileHash hashable.txt md5).Hash
Get-FileHash nofile.txt -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
Get-FileHash sub -ErrorAction SilentlyContinue -ErrorVariable e2; $e2[0].FullyQualifiedErrorId
try { Get-FileHash hashable.txt -Algorithm nope } catch { $_.FullyQualifiedErrorId }
`, "SHA256\n41620F6C9F3531722EFE90AED9ABBC1D1B31788AA9141982030D3DDE199F770C\n/work/hashable.txt\n"+
		"0C483659B1F2D5A8F116211DE8F58BF45893CFFB\nF9D78BD059AB162BEA21EB02BADDE001\n"+
		"FileNotFound,Microsoft.PowerShell.Commands.GetFileHashCommand\nUnauthorizedAccessError,Microsoft.PowerShell.Commands.GetFileHashCommand\n"+
		"ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetFileHashCommand\n", "")
}

// TestNewTemporaryFile follows New-TemporaryFile's page: an empty file in
// the temporary folder, written out as a FileInfo; -WhatIf makes none,
// and without --allow-write the write is skipped with a warning.
func TestNewTemporaryFile(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	m.mkdir("/tmp")
	runCase(t, m, true, "temp", `
$f = New-TemporaryFile; $f.GetType().FullName; $f.DirectoryName; $f.Name -like 'tmp*.tmp'; $f.Length; Test-Path $f.FullName
New-TemporaryFile -WhatIf; (Get-ChildItem /tmp).Count
`, "System.IO.FileInfo\n/tmp\nTrue\n0\nTrue\nWhat if: Performing the operation \"New-TemporaryFile\" on target \"/tmp/\".\n1\n", "")
	runCase(t, memFSWith("/work", "/tmp"), false, "no_write", `New-TemporaryFile; 'after'`, "after\n", "file writes need --allow-write")
}

// memFSWith is a file system with the folders dirs.
func memFSWith(dirs ...string) *memFS {
	m := newMemFS()
	for _, d := range dirs {
		m.mkdir(d)
	}
	return m
}
