package state

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"
)

// Store keeps a tenant between runs. A run loads the tenant, changes it in
// memory and commits it once: a script run at its end, the REPL after each
// command. Commit writes only what changed, in one transaction.
type Store interface {
	// Load reads the whole tenant.
	Load() (*Tenant, error)
	// Commit saves the changes made to t since it was loaded or last
	// committed, all or nothing, and then marks t clean.
	Commit(t *Tenant) error
	// Close releases the store; uncommitted changes are dropped.
	Close() error
}

// Errors that an [*Error] wraps, to test with errors.Is.
var (
	ErrLocked    = errors.New("tenant file locked")
	ErrNotExist  = errors.New("tenant file does not exist")
	ErrNotTenant = errors.New("not a csemu tenant file")
	ErrSchema    = errors.New("unsupported schema version")
	ErrDamaged   = errors.New("damaged tenant file")
	ErrReadOnly  = errors.New("tenant file opened read-only")
)

// Error is a failure to open, read or write a tenant file.
type Error struct {
	Path string
	Msg  string
	Err  error // one of the Err* values above, or the underlying error
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// DefaultLockTimeout is how long [Open] waits for the file lock by default.
const DefaultLockTimeout = 5 * time.Second

// Options control [Open].
type Options struct {
	// ReadOnly opens the file without writing to it; it must exist.
	ReadOnly bool
	// LockTimeout bounds the wait for another process to release the file
	// (0 means DefaultLockTimeout; a negative value does not wait).
	LockTimeout time.Duration
	// MustExist fails when the file does not exist instead of creating it.
	MustExist bool
	// ExistingDir makes a missing folder of a new file an error
	// (ErrNotExist) instead of creating it, so that a mistyped path does
	// not start an empty tenant somewhere.
	ExistingDir bool
	// Unchanged is the stamp of the file when this process last had it
	// open: when the file still matches it, Open skips the walk over every
	// page that checks a file of unknown history (the schema is still
	// checked).
	Unchanged Stamp
}

// DefaultPath returns the tenant file to use: db (the --db flag) if set,
// else $CSEMU_DB, else $XDG_DATA_HOME/csemu/tenant.db, else
// ~/.local/share/csemu/tenant.db.
func DefaultPath(db string, getenv func(string) string) (string, error) {
	if db != "" {
		return db, nil
	}
	if p := getenv("CSEMU_DB"); p != "" {
		return p, nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "csemu", "tenant.db"), nil
	}
	home := getenv("HOME")
	if home == "" && runtime.GOOS == "windows" {
		home = getenv("USERPROFILE")
	}
	if home == "" {
		return "", errors.New("no tenant file: use --db or set $CSEMU_DB, $XDG_DATA_HOME or $HOME")
	}
	return filepath.Join(home, ".local", "share", "csemu", "tenant.db"), nil
}

// guard turns a panic, or a memory fault on a damaged file, into an error
// naming the file; no panic leaves this package's store methods.
func guard(path string, err *error) {
	if r := recover(); r != nil {
		*err = internalError(path, r)
	}
}

func internalError(path string, r any) error {
	return &Error{Path: path, Msg: fmt.Sprintf("the tenant file is damaged or unreadable (internal error: %v); restore it from a backup", r), Err: ErrDamaged}
}

// faultsPanic makes memory faults in this goroutine recoverable until the
// returned function runs.
func faultsPanic() (restore func()) {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}
