//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package state

import (
	"os"
	"time"
)

// lockFile does nothing here: bbolt takes the lock itself, with the same
// timeout, after the file has been inspected.
func lockFile(*os.File, bool, time.Duration) error { return nil }
