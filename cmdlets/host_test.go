package cmdlets_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
)

// memFS is an in-memory cmdlets.FS for tests. It holds files by clean
// absolute slash path; its folders are "/", those made with mkdir and the
// parents of its files. It has no links, so Lstat is Stat.
type memFS struct {
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string]bool
}

func newMemFS() *memFS {
	return &memFS{files: map[string][]byte{}, dirs: map[string]bool{"/": true}}
}

// mkdir makes a folder and its parents.
func (m *memFS) mkdir(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mkdirLocked(path.Clean(name))
}

func (m *memFS) mkdirLocked(name string) {
	for d := name; !m.dirs[d]; d = path.Dir(d) {
		m.dirs[d] = true
	}
}

// add makes a file with its folders.
func (m *memFS) add(name, data string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	m.mkdirLocked(path.Dir(name))
	m.files[name] = []byte(data)
}

// file returns the text of a file, and whether it exists.
func (m *memFS) file(name string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[path.Clean(name)]
	return string(data), ok
}

func (m *memFS) Open(name string) (io.ReadCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	if m.dirs[name] {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	data, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return io.NopCloser(bytes.NewReader(bytes.Clone(data))), nil
}

func (m *memFS) Create(name string, appendMode bool) (io.WriteCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	switch {
	case m.dirs[name]:
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("is a directory")}
	case !m.dirs[path.Dir(name)]:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if _, ok := m.files[name]; !ok || !appendMode {
		m.files[name] = []byte{}
	}
	return &memWriter{m: m, name: name}, nil
}

func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	if m.dirs[name] {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	if data, ok := m.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func (m *memFS) Lstat(name string) (fs.FileInfo, error) { return m.Stat(name) }

func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	if !m.dirs[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	var out []fs.DirEntry
	for d := range m.dirs {
		if d != name && path.Dir(d) == name {
			out = append(out, fs.FileInfoToDirEntry(memInfo{name: path.Base(d), dir: true}))
		}
	}
	for f, data := range m.files {
		if path.Dir(f) == name {
			out = append(out, fs.FileInfoToDirEntry(memInfo{name: path.Base(f), size: int64(len(data))}))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (m *memFS) Mkdir(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	switch {
	case m.dirs[name] || m.files[name] != nil:
		return &fs.PathError{Op: "mkdir", Path: name, Err: fs.ErrExist}
	case !m.dirs[path.Dir(name)]:
		return &fs.PathError{Op: "mkdir", Path: name, Err: fs.ErrNotExist}
	}
	m.dirs[name] = true
	return nil
}

func (m *memFS) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	name = path.Clean(name)
	if _, ok := m.files[name]; ok {
		delete(m.files, name)
		return nil
	}
	if !m.dirs[name] {
		return &fs.PathError{Op: "remove", Path: name, Err: fs.ErrNotExist}
	}
	for d := range m.dirs {
		if d != name && path.Dir(d) == name {
			return &fs.PathError{Op: "remove", Path: name, Err: errors.New("directory not empty")}
		}
	}
	for f := range m.files {
		if path.Dir(f) == name {
			return &fs.PathError{Op: "remove", Path: name, Err: errors.New("directory not empty")}
		}
	}
	delete(m.dirs, name)
	return nil
}

func (m *memFS) Rename(oldname, newname string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	oldname, newname = path.Clean(oldname), path.Clean(newname)
	if !m.dirs[path.Dir(newname)] {
		return &fs.PathError{Op: "rename", Path: newname, Err: fs.ErrNotExist}
	}
	if data, ok := m.files[oldname]; ok {
		delete(m.files, oldname)
		m.files[newname] = data
		return nil
	}
	if !m.dirs[oldname] {
		return &fs.PathError{Op: "rename", Path: oldname, Err: fs.ErrNotExist}
	}
	moved := func(p string) (string, bool) {
		if p == oldname {
			return newname, true
		}
		if strings.HasPrefix(p, oldname+"/") {
			return newname + p[len(oldname):], true
		}
		return "", false
	}
	dirs, files := map[string]bool{}, map[string][]byte{}
	for d := range m.dirs {
		if to, ok := moved(d); ok {
			delete(m.dirs, d)
			dirs[to] = true
		}
	}
	for f, data := range m.files {
		if to, ok := moved(f); ok {
			delete(m.files, f)
			files[to] = data
		}
	}
	for d := range dirs {
		m.dirs[d] = true
	}
	for f, data := range files {
		m.files[f] = data
	}
	return nil
}

// memWriter appends to a file of a memFS.
type memWriter struct {
	m    *memFS
	name string
}

func (w *memWriter) Write(p []byte) (int, error) {
	w.m.mu.Lock()
	defer w.m.mu.Unlock()
	w.m.files[w.name] = append(w.m.files[w.name], p...)
	return len(p), nil
}

func (w *memWriter) Close() error { return nil }

// memInfo describes a file or folder of a memFS.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC) }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

// hermetic runs a script in a session that takes nothing from the
// machine: files from m, working folder /work, home /home/ann, a fixed
// environment, process ID and computer name. It returns the standard
// output and error streams.
func hermetic(t *testing.T, m *memFS, allowWrite bool, script string) (string, string) {
	t.Helper()
	env := map[string]string{"PATH": "/usr/bin:/opt/tools", "USER": "ann"}
	var out, errb bytes.Buffer
	s := cmdlets.NewSession(
		cmdlets.WithIO(strings.NewReader(""), &out, &errb),
		cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}),
		cmdlets.WithIDs(func() string { return "00000000-0000-4000-8000-000000000001" }),
		cmdlets.WithFS(m),
		cmdlets.WithDir("/work"),
		cmdlets.WithHome("/home/ann"),
		cmdlets.WithEnv(func(name string) (string, bool) { v, ok := env[strings.ToUpper(name)]; return v, ok }),
		cmdlets.WithEnviron(func() []string {
			var kv []string
			for k, v := range env {
				kv = append(kv, k+"="+v)
			}
			return kv
		}),
		cmdlets.WithPID(4242),
		cmdlets.WithHostname("build-7"),
		cmdlets.WithAllowWrite(allowWrite),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Run(ctx, "t.ps1", script, nil); err != nil && errb.Len() == 0 {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String()
}

// wantFile checks the text of a file of m.
func wantFile(t *testing.T, m *memFS, name, want string) {
	t.Helper()
	got, ok := m.file(name)
	switch {
	case !ok:
		t.Errorf("%s was not written", name)
	case got != want:
		t.Errorf("%s holds %q, want %q", name, got, want)
	}
}

// TestFSGetContent follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-content:
// Get-Content returns a file line by line, -TotalCount the first lines,
// -Tail the last ones, -Raw the whole text with its newlines in one
// string; a relative path is relative to the current location.
func TestFSGetContent(t *testing.T) {
	m := newMemFS()
	m.add("/work/notes.txt", "one\ntwo\nthree\n")
	m.add("/work/sub/deep.txt", "deep\n")
	out, errs := hermetic(t, m, false, `
Get-Content notes.txt | ForEach-Object { "[$_]" }
(Get-Content -Path ./notes.txt).Count
Get-Content notes.txt -TotalCount 2
Get-Content notes.txt -Tail 1
(Get-Content notes.txt -Raw).Length
Get-Content /work/sub/deep.txt
Get-Content sub/deep.txt
`)
	want := "[one]\n[two]\n[three]\n3\none\ntwo\nthree\n14\ndeep\ndeep\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q, want %q; stderr %q", out, want, errs)
	}

	// a path that does not exist is a non-terminating error
	out, errs = hermetic(t, m, false, `Get-Content missing.txt; 'after'`)
	if out != "after\n" || !strings.Contains(errs, "missing.txt' because it does not exist.") {
		t.Errorf("missing file: stdout %q, stderr %q", out, errs)
	}
}

// TestFSImportCsv follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-csv:
// each row becomes an object whose properties are the columns of the
// header row; with -Header the first row is data ("Import-Csv creates an
// extra object from the items in the header row"); -Delimiter sets the
// separator.
func TestFSImportCsv(t *testing.T) {
	m := newMemFS()
	m.add("/work/users.csv", "Name,Dept\nann,Sales\nbob,HR\n")
	m.add("/work/semi.csv", "Name;Dept\ncy;Legal\n")
	out, errs := hermetic(t, m, false, `
$u = Import-Csv users.csv
$u.Count
$u[1].Dept
$u | ForEach-Object Name
$h = Import-Csv users.csv -Header A, B
$h.Count
$h[0].A
(Import-Csv semi.csv -Delimiter ';').Dept
`)
	want := "2\nHR\nann\nbob\n3\nName\nLegal\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q, want %q; stderr %q", out, want, errs)
	}
}

// TestFSTestPath follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.management/test-path:
// $true when the path exists, $false when it does not; -PathType Leaf
// asks for a file and Container for a folder.
func TestFSTestPath(t *testing.T) {
	m := newMemFS()
	m.add("/work/notes.txt", "x\n")
	m.mkdir("/work/empty")
	out, errs := hermetic(t, m, false, `
Test-Path notes.txt
Test-Path nope.txt
Test-Path empty
Test-Path /work/notes.txt -PathType Leaf
Test-Path notes.txt -PathType Container
Test-Path empty -PathType Container
Test-Path empty -PathType Leaf
`)
	want := "True\nFalse\nTrue\nTrue\nFalse\nTrue\nFalse\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q, want %q; stderr %q", out, want, errs)
	}
}

// TestFSOutFile follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/out-file:
// Out-File writes the output as the terminal shows it, replacing the
// file, or with -Append adding to its end.
func TestFSOutFile(t *testing.T) {
	m := newMemFS()
	m.add("/work/old.txt", "stale\n")
	out, errs := hermetic(t, m, true, `
'a', 'b' | Out-File out.txt
'c' | Out-File -FilePath out.txt -Append
'fresh' | Out-File old.txt
'done'
`)
	if out != "done\n" || errs != "" {
		t.Errorf("stdout %q; stderr %q", out, errs)
	}
	wantFile(t, m, "/work/out.txt", "a\nb\nc\n")
	wantFile(t, m, "/work/old.txt", "fresh\n")
}

// TestFSRedirection follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection:
// ">" sends the success stream to a file, overwriting it without
// warning, and ">>" appends to it; "36 > 42" writes 36 to a file named
// 42.
func TestFSRedirection(t *testing.T) {
	m := newMemFS()
	m.add("/work/log.txt", "old\n")
	out, errs := hermetic(t, m, true, `
'first' > log.txt
'second' >> log.txt
if (36 > 42) { 'true' } else { 'false' }
Get-Content log.txt
`)
	if out != "false\nfirst\nsecond\n" || errs != "" {
		t.Errorf("stdout %q; stderr %q", out, errs)
	}
	wantFile(t, m, "/work/log.txt", "first\nsecond\n")
	wantFile(t, m, "/work/42", "36\n")
}

// TestFSContentAndCsv follows
// https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-content
// (Set-Content replaces a file's content with -Value),
// https://learn.microsoft.com/powershell/module/microsoft.powershell.management/add-content
// (Add-Content appends) and
// https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-csv
// (quoted values, a header row, and with -Append rows added under the
// existing header, example 6).
func TestFSContentAndCsv(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	out, errs := hermetic(t, m, true, `
Set-Content -Path list.txt -Value 'a', 'b'
Add-Content -Path list.txt -Value 'c'
[pscustomobject]@{Name = 'ann'; Dept = 'Sales'} | Export-Csv -Path users.csv -NoTypeInformation
[pscustomobject]@{Name = 'bob'; Dept = 'HR'} | Export-Csv -Path users.csv -NoTypeInformation -Append
(Import-Csv users.csv).Name
`)
	if out != "ann\nbob\n" || errs != "" {
		t.Errorf("stdout %q; stderr %q", out, errs)
	}
	wantFile(t, m, "/work/list.txt", "a\nb\nc\n")
	wantFile(t, m, "/work/users.csv", "\"Name\",\"Dept\"\n\"ann\",\"Sales\"\n\"bob\",\"HR\"\n")
}

// TestFSWritesOff checks that without WithAllowWrite(true) no command
// writes a file: each is skipped with csemu's warning (README: "without
// it writes are skipped with a warning") and the script goes on.
func TestFSWritesOff(t *testing.T) {
	m := newMemFS()
	m.add("/work/keep.txt", "kept\n")
	out, errs := hermetic(t, m, false, `
'x' | Out-File out.txt
'x' > redirected.txt
'x' >> keep.txt
Set-Content -Path set.txt -Value x
Add-Content -Path keep.txt -Value x
[pscustomobject]@{A = 1} | Export-Csv -Path e.csv
[System.IO.File]::WriteAllText('net.txt', 'x')
'still running'
`)
	if out != "still running\n" {
		t.Errorf("stdout %q", out)
	}
	for _, cmd := range []string{"Out-File", "Set-Content", "Add-Content", "Export-Csv", "[System.IO.File]::WriteAllText"} {
		if !strings.Contains(errs, "WARNING: "+cmd+": skipped writing") {
			t.Errorf("no warning from %s in %q", cmd, errs)
		}
	}
	if n := strings.Count(errs, "file writes need --allow-write"); n != 7 {
		t.Errorf("%d warnings, want 7:\n%s", n, errs)
	}
	for _, name := range []string{"/work/out.txt", "/work/redirected.txt", "/work/set.txt", "/work/e.csv", "/work/net.txt"} {
		if _, ok := m.file(name); ok {
			t.Errorf("%s was written", name)
		}
	}
	wantFile(t, m, "/work/keep.txt", "kept\n")
}

// TestHermeticSession checks that the working and home folders, $PID,
// the computer name, the files and the native programs on $env:PATH all
// come from the session's options (about_Automatic_Variables,
// https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables:
// $PWD is the current location, $HOME the user's home folder, $PID the
// process ID).
func TestHermeticSession(t *testing.T) {
	m := newMemFS()
	m.add("/work/lib/helpers.ps1", "function Get-Greeting { 'hello from helpers' }\n")
	m.add("/work/sub/a.txt", "1234\n")
	m.add("/work/sub/b.log", "x\n")
	m.add("/work/sub/inner/c.txt", "c\n")
	m.add("/opt/tools/mytool", "")
	out, errs := hermetic(t, m, false, `
"$PWD"
(Get-Location).Path
$HOME
$PID
[Environment]::MachineName
[Environment]::CurrentDirectory
[System.IO.Path]::GetFullPath('sub/../x.txt')
. ./lib/helpers.ps1
Get-Greeting
(Get-Item sub/a.txt).FullName
(Get-Item sub/a.txt).Length
Get-ChildItem sub -File -Name | Sort-Object
(Get-ChildItem sub -Recurse -File).Count
[System.IO.File]::Exists('sub/a.txt')
[System.IO.Directory]::Exists('sub/inner')
`)
	want := "/work\n/work\n/home/ann\n4242\nbuild-7\n/work\n/work/x.txt\nhello from helpers\n/work/sub/a.txt\n5\na.txt\nb.log\n3\nTrue\nTrue\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q, want %q; stderr %q", out, want, errs)
	}

	// mytool is on the session's PATH, not the machine's: csemu knows it
	// as a native program it does not run, not as an unknown command
	_, errs = hermetic(t, m, false, `mytool`)
	if !strings.Contains(errs, "native program 'mytool'") {
		t.Errorf("mytool: stderr %q", errs)
	}
	_, errs = hermetic(t, m, false, `othertool`)
	if !strings.Contains(errs, "The term 'othertool' is not recognized") {
		t.Errorf("othertool: stderr %q", errs)
	}
}

// TestFSErrorsNameScriptPaths checks that an error of the FS names the
// path as the script wrote it, not the absolute one the FS was given.
func TestFSErrorsNameScriptPaths(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work/folder")
	_, errs := hermetic(t, m, true, `'x' | Out-File nodir/x.txt; 'x' | Out-File folder`)
	for _, want := range []string{"open nodir/x.txt: file does not exist", "open folder: is a directory"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	if strings.Contains(errs, "/work/") {
		t.Errorf("stderr names absolute paths: %q", errs)
	}
	if _, ok := m.file("/work/nodir/x.txt"); ok {
		t.Error("nodir/x.txt was written")
	}
}

// Completion at the prompt finds files, the home folder and environment
// variables through the session's hooks too, as PSReadLine's Tab does
// through the PowerShell providers (about_Tab_Expansion).
func TestHermeticCompletion(t *testing.T) {
	m := newMemFS()
	m.add("/work/users.csv", "UPN\n")
	m.add("/work/user notes.txt", "")
	m.add("/home/ann/deploy.ps1", "")
	s := cmdlets.NewSession(cmdlets.WithFS(m), cmdlets.WithDir("/work"), cmdlets.WithHome("/home/ann"),
		cmdlets.WithEnviron(func() []string { return []string{"TENANT_ID=1", "TEAMS_ENV=x", "PATH=/bin"} }))
	for _, c := range []struct {
		line string
		want []string
	}{
		{"Import-Csv us", []string{"'user notes.txt'", "users.csv"}},
		{"Get-Content ~/de", []string{"~/deploy.ps1"}},
		{"$env:TE", []string{"$env:TEAMS_ENV", "$env:TENANT_ID"}},
	} {
		_, items := s.Complete(c.line, len(c.line))
		sort.Strings(items)
		if strings.Join(items, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: %q, want %q", c.line, items, c.want)
		}
	}
}
