package cmdlets_test

import (
	"strings"
	"testing"
)

// runCase runs one script in a hermetic session and checks its standard
// output exactly and that its error stream holds errSub ("" for none).
func runCase(t *testing.T, m *memFS, allowWrite bool, name, script, want, errSub string) {
	t.Helper()
	out, errs := hermetic(t, m, allowWrite, script)
	if out != want {
		t.Errorf("%s: stdout %q, want %q (stderr %q)", name, out, want, errs)
	}
	if errSub == "" && errs != "" || errSub != "" && !strings.Contains(errs, errSub) {
		t.Errorf("%s: stderr %q, want %q", name, errs, errSub)
	}
}

// TestNewItem follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.management/new-item:
// -ItemType File (the default) or Directory, -Value the file's text,
// -Path with -Name, the new item written out as a FileInfo or
// DirectoryInfo; an existing file is an error unless -Force replaces it,
// and -Force makes the missing folders of the path (FileSystemProvider's
// CreateIntermediateDirectories). A folder that exists is an error
// ("An item with the specified name ... already exists.") unless -Force.
func TestNewItem(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	runCase(t, m, true, "create", `
$f = New-Item -Path notes.txt -ItemType File -Value 'hello'
$f.GetType().FullName; $f.Name; $f.Length
(New-Item -Path /work -Name logs -ItemType Directory).PSIsContainer
New-Item -ItemType Directory sub/deeper | ForEach-Object FullName
(New-Item -Path x/y/z.txt -Force).DirectoryName
Get-Content notes.txt
`, "System.IO.FileInfo\nnotes.txt\n5\nTrue\n/work/sub/deeper\n/work/x/y\nhello\n", "")
	wantFile(t, m, "/work/notes.txt", "hello")

	runCase(t, m, true, "exists", `
New-Item notes.txt -Value again -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
$e[0].FullyQualifiedErrorId
$e[0].Exception.Message
New-Item notes.txt -Value again -Force | Out-Null
Get-Content notes.txt
New-Item -ItemType Directory logs -ErrorAction SilentlyContinue -ErrorVariable e2
$e2[0].FullyQualifiedErrorId
(New-Item -ItemType Directory logs -Force).Name
`, "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand\nThe file '/work/notes.txt' already exists.\nagain\nDirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand\nlogs\n", "")

	// the parent folder must exist without -Force
	runCase(t, m, true, "no parent", `New-Item nope/f.txt; 'after'`, "after\n", "Could not find a part of the path '/work/nope/f.txt'.")
	// links are not emulated
	runCase(t, m, true, "link", `New-Item -ItemType SymbolicLink -Path l -Value notes.txt`, "", "[NotImplemented] New-Item -ItemType SymbolicLink")
}

// TestNewItemWritesOff: without --allow-write, New-Item (like every
// writer) warns and writes nothing.
func TestNewItemWritesOff(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	runCase(t, m, false, "off", `New-Item a.txt -Value x; New-Item -ItemType Directory d; Test-Path a.txt, d`,
		"False\nFalse\n", "WARNING: New-Item: skipped creating \"/work/a.txt\": file writes need --allow-write")
	if _, ok := m.file("/work/a.txt"); ok {
		t.Error("a.txt was written")
	}
}

// TestRemoveItem follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.management/remove-item:
// wildcards with -Include and -Exclude, -Recurse for a folder's
// contents, -LiteralPath taking wildcard characters literally; a path
// that names nothing is the PathNotFound error.
func TestRemoveItem(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "a")
	m.add("/work/b.txt", "b")
	m.add("/work/c.log", "c")
	m.add("/work/x[1].txt", "x")
	m.add("/work/tree/one/two.txt", "2")
	runCase(t, m, true, "remove", `
Remove-Item /work/* -Include *.txt -Exclude b*, x*
(Get-ChildItem -Name) -join ','
Remove-Item -LiteralPath 'x[1].txt'
Remove-Item tree -Recurse
Remove-Item c.log
(Get-ChildItem -Name) -join ','
Remove-Item nosuch.txt -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].FullyQualifiedErrorId
$e[0].Exception.Message
`, "b.txt,c.log,tree,x[1].txt\nb.txt\nPathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand\nCannot find path '/work/nosuch.txt' because it does not exist.\n", "")

	// without -Recurse pwsh asks for confirmation; csemu does not prompt
	m.add("/work/full/f.txt", "f")
	runCase(t, m, true, "prompt", `Remove-Item full`, "", "[NotImplemented] Remove-Item's confirmation prompt")
}

// TestCopyMoveRenameItem follows the Copy-Item, Move-Item and Rename-Item
// pages of Microsoft Learn: an item copied or moved into an existing
// folder keeps its name; -Recurse copies a folder's contents; -PassThru
// writes the new item; Rename-Item takes a new name, not a path.
func TestCopyMoveRenameItem(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "alpha")
	m.add("/work/src/s1.txt", "s1")
	m.add("/work/src/in/s2.txt", "s2")
	m.mkdir("/work/dest")
	runCase(t, m, true, "copy", `
Copy-Item a.txt dest
Copy-Item a.txt b.txt -PassThru | ForEach-Object Name
Copy-Item src copy -Recurse
Copy-Item src shallow
(Get-ChildItem copy -Recurse -Name) -join ','
@(Get-ChildItem shallow).Count
Move-Item b.txt dest/moved.txt
Rename-Item dest/moved.txt renamed.txt -PassThru | ForEach-Object Name
(Get-ChildItem dest -Name) -join ','
Rename-Item a.txt renamed.txt -ErrorAction SilentlyContinue -ErrorVariable e
$e.Count
Move-Item src dest
Test-Path dest/src/in/s2.txt, src
`, "b.txt\nin,in/s2.txt,s1.txt\n0\nrenamed.txt\na.txt,renamed.txt\n0\nTrue\nFalse\n", "")
	wantFile(t, m, "/work/dest/a.txt", "alpha")
	wantFile(t, m, "/work/dest/renamed.txt", "alpha")
	wantFile(t, m, "/work/copy/in/s2.txt", "s2")

	runCase(t, m, true, "rename exists", `New-Item z.txt | Out-Null; Rename-Item z.txt renamed.txt`, "",
		"Cannot create a file when that file already exists.")
	// a folder cannot move into itself (FileSystemProvider's
	// TargetCannotBeSubdirectoryOfSource)
	runCase(t, m, true, "move into itself", `New-Item -ItemType Directory Empty | Out-Null; Move-Item Empty -ErrorAction Stop`, "",
		"Destination path cannot be a subdirectory of the source or the source itself: /work/Empty.")
}

// TestItemsFromPipeline follows about_Pipelines and the Get-Content and
// Remove-Item pages: a FileInfo piped to a cmdlet binds -LiteralPath by
// its PSPath property (ValueFromPipelineByPropertyName, alias PSPath).
func TestItemsFromPipeline(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "alpha")
	m.add("/work/b.log", "beta")
	runCase(t, m, true, "pipeline", `
(Get-Item a.txt).PSPath
Get-Item a.txt | Get-Content
Get-ChildItem *.log | Remove-Item
(Get-ChildItem).Name
`, "Microsoft.PowerShell.Core\\FileSystem::/work/a.txt\nalpha\na.txt\n", "")
}

// TestFlatProviders follows about_Environment_Provider,
// about_Variable_Provider and about_Function_Provider: the Env:,
// Variable: and Function: drives hold items that the item cmdlets read,
// set and remove, and Test-Path finds (Test-Path's Example: Test-Path
// Env:\PATH); Get-ChildItem Env: lists the environment.
func TestFlatProviders(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	runCase(t, m, false, "env", `
Set-Item env:GREETING 'hi'
$env:GREETING
(Get-Item Env:\GREETING).Value
Test-Path env:GREETING, env:NOPE
Remove-Item env:GREETING
Test-Path env:GREETING
(Get-ChildItem env: | Where-Object Name -eq 'USER').Value
New-Item env:FRESH -Value 1 | ForEach-Object Name
Get-Content env:PATH
`, "hi\nhi\nTrue\nFalse\nFalse\nann\nFRESH\n/usr/bin:/opt/tools\n", "")
	runCase(t, m, false, "variable", `
$x = 5
Test-Path variable:x
(Get-Item variable:x).Value
Set-Item variable:x 6; $x
Clear-Item variable:x; $null -eq $x
Remove-Item variable:x
Test-Path variable:x
New-Item variable:made -Value 'v' | Out-Null; $made
Set-Content variable:made 'w'; Get-Content variable:made
Rename-Item variable:made kept; $kept
Copy-Item variable:kept variable:copy; $copy
`, "True\n5\n6\nTrue\nFalse\nv\nw\nw\nw\n", "")
	runCase(t, m, false, "function", `
function Get-Two { 2 }
Test-Path function:Get-Two
(Get-Item function:Get-Two).ScriptBlock.Invoke()
Set-Item function:Get-Three -Value { 3 }
Get-Three
Set-Item function:Get-Four -Value 'return 4'
Get-Four
Remove-Item function:Get-Two
Test-Path function:\Get-Two
`, "True\n2\n3\n4\nFalse\n", "")
	// -Options None is the default; csemu models no other option
	runCase(t, m, false, "options", `Set-Item function:Get-Five -Options None -Value { 5 }; Get-Five; Set-Item function:Get-Six -Options ReadOnly -Value { 6 }`,
		"5\n", "[NotImplemented] Set-Item -Options ReadOnly")
	runCase(t, m, false, "location", `
Set-Location env:
(Get-Location).Path
Test-Path USER
Get-Item USER | ForEach-Object Value
Set-Location /work
$PWD.Path
`, "Env:\\\nTrue\nann\n/work\n", "")
}

// TestTestPath follows Test-Path's page and TestPathCommand: an empty or
// blank path is False, $null is the NullPathNotPermitted error (and no
// output), wildcards match, -LiteralPath does not expand them, -IsValid
// checks syntax only, and a drive that does not exist is False.
func TestTestPath(t *testing.T) {
	m := newMemFS()
	m.add("/work/user.txt", "u")
	runCase(t, m, false, "test-path", `
Test-Path ''
Test-Path '   '
Test-Path u*
Test-Path u[a-z]er.txt
Test-Path -LiteralPath u*
Test-Path nothere/x.txt -IsValid
Test-Path 'C:\Windows'
Test-Path "bad$([char]0)name" -IsValid
Test-Path * -Include user* -PathType Leaf
Test-Path -Path $null -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].FullyQualifiedErrorId
`, "False\nFalse\nTrue\nTrue\nFalse\nTrue\nFalse\nFalse\nTrue\nNullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand\n", "")
}

// TestJoinSplitResolvePath follows the Join-Path, Split-Path and
// Resolve-Path pages and PowerShell's Join-Path.Tests.ps1 and
// Split-Path.Tests.ps1: on Linux the separator is '/'; an empty child
// leaves the parent ending with '/'; -AdditionalChildPath takes the rest
// of the positional arguments; a drive that does not exist is an error;
// Split-Path reads the syntax only (C:\Temp has the parent C:/).
func TestJoinSplitResolvePath(t *testing.T) {
	m := newMemFS()
	m.add("/work/d/a.txt", "a")
	m.add("/work/d/b.txt", "b")
	m.mkdir("/home/ann")
	runCase(t, m, false, "join", `
Join-Path one two three four
Join-Path 'a\b' '\c'
Join-Path one ''
Join-Path Env: foo
Join-Path d *.txt -Resolve
Join-Path bogus:\x y -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
`, "one/two/three/four\na/b/c\none/\nEnv:/foo\n/work/d/a.txt\n/work/d/b.txt\nDriveNotFound,Microsoft.PowerShell.Commands.JoinPathCommand\n", "")
	runCase(t, m, false, "split", `
Split-Path /usr/local/bin
Split-Path 'C:\Temp'
Split-Path 'C:\'
Split-Path -Leaf 'C:\Temp\Folder1'
Split-Path -Qualifier env:PATH
Split-Path -NoQualifier env:PATH
Split-Path env:PATH
Split-Path -IsAbsolute ~/x
Split-Path -LeafBase file...txt
Split-Path -Extension a/b.tar.gz
(Split-Path d/*.txt -Leaf -Resolve) -join ','
`, "/usr/local\nC:/\n\nFolder1\nenv:\nPATH\n\nFalse\nfile..\n.gz\na.txt,b.txt\n", "")
	runCase(t, m, false, "resolve", `
(Resolve-Path d/*.txt).Path
Resolve-Path d/a.txt -Relative
Convert-Path ~/../ann
Resolve-Path nope -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].Exception.Message
`, "/work/d/a.txt\n/work/d/b.txt\n./d/a.txt\n/home/ann\nCannot find path '/work/nope' because it does not exist.\n", "")
}

// TestLocationStack follows the Set-Location, Push-Location and
// Pop-Location pages: the location is the session's (relative paths
// follow it, $PWD shows it) and Push-Location saves it on a stack that
// Pop-Location returns to.
func TestLocationStack(t *testing.T) {
	m := newMemFS()
	m.add("/work/sub/in.txt", "inside")
	runCase(t, m, false, "stack", `
Push-Location sub
Get-Content in.txt
(Get-Location).Path
Pop-Location
$PWD.Path
Set-Location sub -PassThru | ForEach-Object Path
Set-Location nosuch -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
`, "inside\n/work/sub\n/work\n/work/sub\nPathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand\n", "")
}

// TestGetChildItem follows Get-ChildItem's page: -Recurse and -Depth,
// -File and -Directory, -Name (relative names), -Include/-Exclude, a
// wildcard path gives the matching items themselves, a file names
// itself; on Linux names that start with a dot are hidden unless -Force.
func TestGetChildItem(t *testing.T) {
	m := newMemFS()
	m.add("/work/a.txt", "a")
	m.add("/work/.hidden", "h")
	m.add("/work/sub/b.log", "b")
	m.add("/work/sub/deep/c.txt", "c")
	runCase(t, m, false, "gci", `
(Get-ChildItem -Name) -join ','
(Get-ChildItem -Name -Force) -join ','
(Get-ChildItem -Recurse -File -Name) -join ','
(Get-ChildItem -Depth 1 -Name) -join ','
(Get-ChildItem -Recurse -Include *.txt -Name) -join ','
(Get-ChildItem -Directory -Recurse -Name) -join ','
(Get-ChildItem s* | ForEach-Object Name) -join ','
(Get-ChildItem a.txt).Name
`, "a.txt,sub\n.hidden,a.txt,sub\na.txt,sub/b.log,sub/deep/c.txt\na.txt,sub,sub/b.log,sub/deep\na.txt,sub/deep/c.txt\nsub,sub/deep\nsub\na.txt\n", "")
}

// TestPSDrives follows about_PSDrives and the New-PSDrive, Get-PSDrive
// and Remove-PSDrive pages: a file-system drive names a folder; a drive
// made in a function lives in its scope ("PowerShell drives are visible
// in the scope in which they're created"); Get-PSDrive lists the drives
// of the providers.
func TestPSDrives(t *testing.T) {
	m := newMemFS()
	m.add("/data/in.txt", "inside")
	runCase(t, m, true, "drives", `
New-PSDrive -Name Data -PSProvider FileSystem -Root /data | ForEach-Object Root
Get-Content Data:\in.txt
Set-Content Data:/out.txt -Value 'x'
(Get-PSDrive -PSProvider FileSystem).Name -join ','
function f { New-PSDrive -Name Tmp2 -PSProvider FileSystem -Root / | Out-Null; Test-Path Tmp2:\data }
f
Test-Path Tmp2:\data
Remove-PSDrive Data
Test-Path Data:\in.txt
New-PSDrive -Name Bad -PSProvider FileSystem -Root /nope -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId
`, "/data\ninside\n/,Data,Temp\nTrue\nFalse\nFalse\nDriveRootError,Microsoft.PowerShell.Commands.NewPSDriveCommand\n", "")
	wantFile(t, m, "/data/out.txt", "x\n")
}

// TestHiddenAndCredentials: on Linux names that start with a dot are
// hidden, and wildcards skip them unless -Force (about_Providers: -Force
// gets hidden items) or the pattern itself starts with a dot; the
// FileSystem provider takes -Credential only on New-PSDrive
// (SessionStateStrings.FileSystemProviderCredentials_NotSupported).
func TestHiddenAndCredentials(t *testing.T) {
	m := newMemFS()
	m.add("/work/.env", "h")
	m.add("/work/app.txt", "a")
	runCase(t, m, false, "hidden", `
(Get-Item * | ForEach-Object Name) -join ','
(Get-Item * -Force | ForEach-Object Name) -join ','
(Get-Item .e* | ForEach-Object Name) -join ','
Get-Content app.txt -Credential 'ann'
`, "app.txt\n.env,app.txt\n.env\n", "The FileSystem provider supports credentials only on the New-PSDrive cmdlet.")
}
