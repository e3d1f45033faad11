package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/state"
)

// memoryDB is the --db value for a tenant kept in memory only: it starts
// from the Global defaults and is gone when csemu ends.
const memoryDB = ":memory:"

// tenantFile opens the tenant when the first Teams or Skype cmdlet needs
// it and saves it when the run ends.
type tenantFile struct {
	path     string
	readOnly bool
	atomic   bool // each REPL command is all or nothing, like a script run
	timeout  time.Duration
	store    state.Store
	// named is set when --db or $CSEMU_DB named the file: its folder must
	// exist (only the default location is created).
	named bool
	// notes receives what csemu tells about the file (standard error).
	notes io.Writer
	// openFile opens the file (state.Open; tests change it).
	openFile func(path string, o state.Options) (state.Store, error)
}

// openStore opens the tenant file, waiting timeout for another process's
// lock (negative: not at all). A file that csemu may read but not write is
// opened read-only, with a note that suggests --read-only: the script's
// reads work, and its changes are not saved.
func (tf *tenantFile) openStore(timeout time.Duration, unchanged state.Stamp) (state.Store, error) {
	open := tf.openFile
	if open == nil {
		open = func(path string, o state.Options) (state.Store, error) { return state.Open(path, o) }
	}
	o := state.Options{ReadOnly: tf.readOnly, LockTimeout: timeout, Unchanged: unchanged, ExistingDir: tf.named}
	s, err := open(tf.path, o)
	if err != nil && !tf.readOnly && errors.Is(err, fs.ErrPermission) {
		o.ReadOnly = true
		if ro, roErr := open(tf.path, o); roErr == nil {
			tf.readOnly = true
			if tf.notes != nil {
				fmt.Fprintf(tf.notes, "csemu: %s: csemu may not write the tenant file; it is open read-only and changes will not be saved (say --read-only to make this explicit)\n", tf.path)
			}
			return ro, nil
		}
	}
	if err != nil {
		if errors.Is(err, state.ErrLocked) {
			return nil, fmt.Errorf("%w; see --lock-timeout", err)
		}
		return nil, err
	}
	return s, nil
}

// newTenantFile resolves the tenant file from --db, $CSEMU_DB and the data
// directory.
func newTenantFile(o options) (*tenantFile, error) {
	tf := &tenantFile{readOnly: o.readOnly, atomic: o.atomic, timeout: o.lockTimeout}
	if o.db == memoryDB {
		tf.path = memoryDB
		return tf, nil
	}
	path, err := state.DefaultPath(o.db, os.Getenv)
	if err != nil {
		return nil, err
	}
	tf.path = path
	tf.named = o.db != "" || os.Getenv("CSEMU_DB") != ""
	return tf, nil
}

// load opens the store and reads the tenant.
func (tf *tenantFile) load() (*state.Tenant, error) {
	if tf.store == nil {
		if tf.path == memoryDB {
			tf.store = state.NewMemory()
		} else {
			timeout := tf.timeout
			if timeout == 0 {
				timeout = -1 // --lock-timeout 0: do not wait
			}
			s, err := tf.openStore(timeout, state.Stamp{})
			if err != nil {
				return nil, err
			}
			tf.store = s
		}
	}
	return tf.store.Load()
}

// save commits what the run changed, unless discard is set (--atomic
// after an uncaught error) or the file is read-only, and closes the
// store. It reports a failure to save on stderr and returns false.
func (tf *tenantFile) save(tenant *teams.Holder, discard bool, stderr io.Writer) bool {
	if tf.store == nil {
		return true
	}
	defer func() {
		tf.store.Close()
		tf.store = nil
		tenant.Drop()
	}()
	t, ok := tenant.Loaded()
	if !ok || !t.Dirty() {
		return true
	}
	switch {
	case discard:
		fmt.Fprintf(stderr, "csemu: the script failed; --atomic: the tenant was not changed\n")
		return true
	case tf.readOnly:
		fmt.Fprintf(stderr, "csemu: --read-only: the changes to %s were not saved\n", tf.path)
		return true
	}
	if err := tf.store.Commit(t); err != nil {
		fmt.Fprintf(stderr, "csemu: saving the tenant: %v\n", err)
		return false
	}
	return true
}
