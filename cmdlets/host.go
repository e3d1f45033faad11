package cmdlets

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FS is the file system that a session's scripts read and write. The
// session hands it native paths made absolute against its working
// directory (see WithDir), and reports its errors to scripts with the
// paths the scripts gave.
type FS interface {
	// Open opens a file for reading.
	Open(name string) (io.ReadCloser, error)
	// Create opens a file for writing, creating it when it does not exist;
	// it empties the file first unless appendMode is set, when writes go
	// to its end.
	Create(name string, appendMode bool) (io.WriteCloser, error)
	// Stat describes a file or folder, following symbolic links.
	Stat(name string) (fs.FileInfo, error)
	// Lstat describes a file or folder without following a symbolic link
	// that name itself is.
	Lstat(name string) (fs.FileInfo, error)
	// ReadDir lists a folder sorted by name.
	ReadDir(name string) ([]fs.DirEntry, error)
	// Mkdir makes a folder, whose parent must exist.
	Mkdir(name string) error
	// Remove removes a file, a link (not what it points to) or an empty
	// folder.
	Remove(name string) error
	// Rename moves a file or folder to newname, replacing a file there.
	Rename(oldname, newname string) error
}

// OSFS is the file system of the operating system.
type OSFS struct{}

// Open opens a file of the operating system for reading.
func (OSFS) Open(name string) (io.ReadCloser, error) { return os.Open(name) }

// Create opens a file of the operating system for writing, with mode 0644
// when it creates it.
func (OSFS) Create(name string, appendMode bool) (io.WriteCloser, error) {
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendMode {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	return os.OpenFile(name, flags, 0o644)
}

// Stat calls os.Stat.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// Lstat calls os.Lstat.
func (OSFS) Lstat(name string) (fs.FileInfo, error) { return os.Lstat(name) }

// ReadDir calls os.ReadDir.
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Mkdir makes a folder of the operating system with mode 0755.
func (OSFS) Mkdir(name string) error { return os.Mkdir(name, 0o755) }

// Remove calls os.Remove.
func (OSFS) Remove(name string) error { return os.Remove(name) }

// Rename calls os.Rename.
func (OSFS) Rename(oldname, newname string) error { return os.Rename(oldname, newname) }

// WithFS sets the file system scripts read and write (OSFS by default).
// Writes still need WithAllowWrite.
func WithFS(f FS) Option { return func(s *Session) { s.host.fs = f } }

// WithDir sets the working directory: what Get-Location and $PWD show and
// what relative paths start from; dir should be absolute (by default the
// process's working directory, read when needed). Set-Location changes it
// for the session only, never for the process.
func WithDir(dir string) Option {
	return func(s *Session) { s.host.wd = func() (string, error) { return dir, nil } }
}

// WithHome sets the home directory, $HOME (os.UserHomeDir by default).
func WithHome(dir string) Option {
	return func(s *Session) { s.host.home = func() (string, error) { return dir, nil } }
}

// WithEnviron sets how the environment is listed, as "NAME=value"
// strings (os.Environ by default); WithEnv sets how one variable is read.
func WithEnviron(f func() []string) Option { return func(s *Session) { s.host.environ = f } }

// WithPID sets the process ID that $PID shows (os.Getpid by default).
func WithPID(pid int) Option { return func(s *Session) { s.host.pid = &pid } }

// WithHostname sets the computer name that [Environment]::MachineName
// shows (os.Hostname by default).
func WithHostname(name string) Option {
	return func(s *Session) { s.host.hostname = func() (string, error) { return name, nil } }
}

// hostAccess is what a session takes from the machine it runs on; the
// options above set it, and initHost fills in the operating system's
// values for what they leave unset.
type hostAccess struct {
	fs FS
	// wd is the folder of the session's current location on the file
	// system (Set-Location moves it); procWD is the process's working
	// folder, which .NET's relative paths start from and which
	// Set-Location never moves (as in pwsh).
	wd       func() (string, error)
	procWD   func() (string, error)
	home     func() (string, error)
	environ  func() []string
	pid      *int
	hostname func() (string, error)
	// files is fs as the session uses it.
	files *sessionFS
	// loc is the current location when Set-Location has moved it to a
	// drive of another provider than the file system (Env:, Variable:,
	// Function:, Alias:); nil while it is the working directory.
	loc *psPath
	// stacks are the location stacks of Push-Location and Pop-Location,
	// by lower-case name ("" for the default stack).
	stacks map[string][]psPath
	// drives are the drives New-PSDrive made, by the scope they live in.
	drives map[*Scope][]*psDrive
	// mode is what the host lets a script ask the user (see hostMode).
	mode hostMode
}

// initHost fills in the defaults of what the options left unset.
func (s *Session) initHost() {
	h := &s.host
	if h.fs == nil {
		h.fs = OSFS{}
	}
	if h.wd == nil {
		h.wd = os.Getwd
	}
	h.procWD = h.wd
	if h.home == nil {
		h.home = os.UserHomeDir
	}
	if h.environ == nil {
		h.environ = os.Environ
	}
	if h.pid == nil {
		pid := os.Getpid()
		h.pid = &pid
	}
	if h.hostname == nil {
		h.hostname = os.Hostname
	}
	h.files = &sessionFS{fs: h.fs, wd: h.wd, allowWrite: s.allowWrite}
}

// tempDir is the folder for temporary files: $TMPDIR, else /tmp.
func (s *Session) tempDir() string {
	if dir, ok := s.env("TMPDIR"); ok && dir != "" {
		return dir
	}
	return "/tmp"
}

// fullPath is the absolute, clean form of a native path, relative to the
// session's working directory (filepath.Abs with that directory).
func (s *Session) fullPath(p string) (string, error) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	wd, err := s.host.wd()
	if err != nil {
		return "", err
	}
	return filepath.Join(wd, p), nil
}

// dotnetPath is the absolute, clean form of a path a .NET method is
// given: relative to the process's working folder, not to the session's
// location (System.IO resolves against Environment.CurrentDirectory).
func (s *Session) dotnetPath(p string) (string, error) {
	p = nativePath(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	wd, err := s.host.procWD()
	if err != nil {
		return "", err
	}
	return filepath.Join(wd, p), nil
}

// readFile reads a whole file of the session's FS.
func (s *Session) readFile(name string) ([]byte, error) {
	f, err := s.host.files.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// writesOffError is the error of a write to a session that does not
// allow writes.
type writesOffError struct{ name string }

func (e *writesOffError) Error() string {
	return fmt.Sprintf("writing %q: file writes need --allow-write", e.name)
}

// sessionFS is the FS as a session uses it. It makes relative names
// absolute against the working directory, puts back in errors the names
// the script gave, and refuses every write unless writes are allowed: it
// is the one place that checks WithAllowWrite.
type sessionFS struct {
	fs         FS
	wd         func() (string, error)
	allowWrite bool
}

// abs is name made absolute against the working directory; "" stays "".
func (f *sessionFS) abs(name string) string {
	if name == "" || filepath.IsAbs(name) {
		return name
	}
	wd, err := f.wd()
	if err != nil || wd == "" {
		return name
	}
	if strings.HasSuffix(wd, string(filepath.Separator)) {
		return wd + name
	}
	return wd + string(filepath.Separator) + name
}

// named returns err with the name the script gave instead of abs.
func named(err error, name, abs string) error {
	if pe, ok := err.(*fs.PathError); ok && name != abs && pe.Path == abs {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

// Open opens a file for reading.
func (f *sessionFS) Open(name string) (io.ReadCloser, error) {
	abs := f.abs(name)
	r, err := f.fs.Open(abs)
	if err != nil {
		return nil, named(err, name, abs)
	}
	return &namedReader{r, name, abs}, nil
}

// Create opens a file for writing when writes are allowed, and fails with
// a *writesOffError otherwise.
func (f *sessionFS) Create(name string, appendMode bool) (io.WriteCloser, error) {
	if !f.allowWrite {
		return nil, &writesOffError{name: name}
	}
	abs := f.abs(name)
	w, err := f.fs.Create(abs, appendMode)
	if err != nil {
		return nil, named(err, name, abs)
	}
	return &namedWriter{w, name, abs}, nil
}

// Stat describes a file or folder.
func (f *sessionFS) Stat(name string) (fs.FileInfo, error) {
	abs := f.abs(name)
	st, err := f.fs.Stat(abs)
	return st, named(err, name, abs)
}

// Lstat describes a file or folder without following a final link.
func (f *sessionFS) Lstat(name string) (fs.FileInfo, error) {
	abs := f.abs(name)
	st, err := f.fs.Lstat(abs)
	return st, named(err, name, abs)
}

// ReadDir lists a folder; it may return entries with an error.
func (f *sessionFS) ReadDir(name string) ([]fs.DirEntry, error) {
	abs := f.abs(name)
	entries, err := f.fs.ReadDir(abs)
	return entries, named(err, name, abs)
}

// Mkdir makes a folder when writes are allowed.
func (f *sessionFS) Mkdir(name string) error {
	if !f.allowWrite {
		return &writesOffError{name: name}
	}
	abs := f.abs(name)
	return named(f.fs.Mkdir(abs), name, abs)
}

// Remove removes a file or an empty folder when writes are allowed.
func (f *sessionFS) Remove(name string) error {
	if !f.allowWrite {
		return &writesOffError{name: name}
	}
	abs := f.abs(name)
	return named(f.fs.Remove(abs), name, abs)
}

// Rename moves a file or folder when writes are allowed.
func (f *sessionFS) Rename(oldname, newname string) error {
	if !f.allowWrite {
		return &writesOffError{name: oldname}
	}
	return f.fs.Rename(f.abs(oldname), f.abs(newname))
}

// namedReader is a file being read whose errors name the path the script
// gave.
type namedReader struct {
	r         io.ReadCloser
	name, abs string
}

func (r *namedReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		err = named(err, r.name, r.abs)
	}
	return n, err
}

func (r *namedReader) Close() error { return named(r.r.Close(), r.name, r.abs) }

// namedWriter is a file being written whose errors name the path the
// script gave.
type namedWriter struct {
	w         io.WriteCloser
	name, abs string
}

func (w *namedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	return n, named(err, w.name, w.abs)
}

func (w *namedWriter) Close() error { return named(w.w.Close(), w.name, w.abs) }

// walkFolder calls visit for each entry of folder dir in name order and,
// with recurse, for the entries of each subfolder right after the
// subfolder itself. A folder it cannot read (wholly or in part) adds what
// it could read. It stops at the first error visit returns.
func (s *Session) walkFolder(dir string, recurse bool, visit func(path string, d fs.DirEntry) error) error {
	entries, _ := s.host.files.ReadDir(dir)
	for _, d := range entries {
		path := filepath.Join(dir, d.Name())
		if err := visit(path, d); err != nil {
			return err
		}
		if recurse && d.IsDir() {
			if err := s.walkFolder(path, true, visit); err != nil {
				return err
			}
		}
	}
	return nil
}
