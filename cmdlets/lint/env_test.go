package lint

import (
	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
)

// newTestEnv returns an environment with the core cmdlets and the Teams
// and Skype for Business cmdlets, as csemu lint has.
func newTestEnv() *Env {
	return NewEnv(cmdlets.NewCommands(teams.Modules(), teams.NewHolder(teams.Config{}).Cmdlets()...))
}
