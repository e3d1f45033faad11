package teams_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
)

// testEnv is what $env: reads in these tests.
var testEnv = map[string]string{
	"CSEMU_TEST": "yes",
	"TENANT":     "contoso",
}

// newHolderSession returns a deterministic session with the Teams cmdlets
// on the tenant cfg names: fixed clock, counting GUIDs, a fixed environment
// and no file writes.
func newHolderSession(stdin string, out, errw *bytes.Buffer, cfg teams.Config) (*cmdlets.Session, *teams.Holder) {
	n := 0
	ids := func() string {
		n++
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	}
	env := func(name string) (string, bool) {
		v, ok := testEnv[strings.ToUpper(name)]
		return v, ok
	}
	h := teams.NewHolder(cfg)
	opts := []cmdlets.Option{
		cmdlets.WithIO(strings.NewReader(stdin), out, errw),
		cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}),
		cmdlets.WithIDs(ids),
		cmdlets.WithEnv(env),
		cmdlets.WithAllowWrite(false),
	}
	return cmdlets.NewSession(append(opts, h.Options()...)...), h
}

// newTestSession is newHolderSession on a new tenant in memory.
func newTestSession(stdin string, out, errw *bytes.Buffer) *cmdlets.Session {
	s, _ := newHolderSession(stdin, out, errw, teams.Config{})
	return s
}
