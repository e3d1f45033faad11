package cmdlets

import (
	"io/fs"
	"path/filepath"
	"sort"
)

// This file is what cmdlets of other packages use to reach files: the
// session's file system (relative names against the current location,
// writes only with --allow-write) and the resolution of -Path values.

// ErrorActionGiven returns the -ErrorAction the call was given, if any.
func (c *Call) ErrorActionGiven() (string, bool) {
	return c.common.errorAction, c.common.errorAction != ""
}

// ResolveFiles resolves a -Path value (wildcards expanded, relative to
// the current location; literal takes it as it is) to file-system paths.
// A path of another provider or one that names nothing is a
// non-terminating error written for the call, and makes ok false (the
// returned error is non-nil only when the call must stop).
func (c *Call) ResolveFiles(path string, literal bool) (paths []string, ok bool, err error) {
	items, err := c.resolve(path, literal)
	if err != nil {
		return nil, false, c.writeProblem(err)
	}
	ok = true
	for _, it := range items {
		if it.prov != provFS {
			ok = false
			if werr := c.Errorf("NotFileSystemPath", InvalidArgument, it.String(),
				"Cannot use the path %q: it is not a file-system path.", it.String()); werr != nil {
				return nil, false, werr
			}
			continue
		}
		paths = append(paths, it.path)
	}
	return paths, ok, nil
}

// IsFolder reports whether the file-system path names a folder.
func (c *Call) IsFolder(path string) bool {
	st, err := c.s.host.files.Stat(path)
	return err == nil && st.IsDir()
}

// FolderFiles lists the files under a folder, recursively, sorted by path.
func (c *Call) FolderFiles(dir string) []string {
	var out []string
	_ = c.s.walkFolder(dir, true, func(path string, d fs.DirEntry) error {
		if !d.IsDir() {
			out = append(out, path)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// ReadFile reads a whole file through the session's file system.
func (c *Call) ReadFile(path string) ([]byte, error) { return c.s.readFile(path) }

// WriteFile writes a whole file through the session's file system: it
// fails when the session does not allow writes.
func (c *Call) WriteFile(path string, data []byte) error {
	w, err := c.s.host.files.Create(path, false)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// MakeFolder makes a folder and its missing parents through the
// session's file system (writes must be allowed).
func (c *Call) MakeFolder(dir string) error {
	if c.IsFolder(dir) {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir && !c.IsFolder(parent) {
		if err := c.MakeFolder(parent); err != nil {
			return err
		}
	}
	return c.s.host.files.Mkdir(dir)
}

// FullPath makes a path absolute against the current location.
func (c *Call) FullPath(path string) (string, error) { return c.s.fullPath(path) }

// FSError words an error of the file system as pwsh does.
func FSError(err error, path string) string { return fsErrorMessage(err, path) }

// WriteHost writes a line to the host, as Write-Host does: an information
// record tagged PSHOST.
func (c *Call) WriteHost(line string) error {
	msg := hostMessage(line, false, nil, nil)
	rec := c.s.informationRecord(c, msg, []string{"PSHOST"})
	return c.s.writeInformation(c.fr, &c.common, rec, line+"\n")
}
