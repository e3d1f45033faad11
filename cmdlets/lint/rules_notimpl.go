package lint

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/value"
)

// refusedParams reports the parameters of a core cmdlet that csemu
// refuses with [NotImplemented] (CSE1104), from the table the cmdlets
// read ([cmdlets.RefusedParameter]). A value not known without running
// the script is not guessed at.
func (a *analyzer) refusedParams(cmd *cmdlets.Cmdlet, args []cmdlets.LintArg, infos []argInfo, b *cmdlets.LintBinding) {
	seen := map[string]bool{}
	for _, p := range cmd.Params {
		i, ok := b.Bound[p.Name]
		if !ok || i < 0 || i >= len(args) {
			continue
		}
		r, ok := a.refused(cmd, p.Name)
		if !ok || seen[r.What] {
			continue
		}
		flag := args[i].Name != "" && !args[i].HasValue // a switch given alone
		if !flag && !args[i].Known {
			continue
		}
		switch r.When {
		case cmdlets.RefusedOn:
			if !flag && !value.ToBool(args[i].Value) {
				continue
			}
		case cmdlets.RefusedNotNull:
			if !flag && args[i].Value == nil {
				continue
			}
		case cmdlets.RefusedOff:
			if flag || value.ToBool(args[i].Value) {
				continue
			}
		}
		if len(r.Values) > 0 {
			sv, ok := args[i].Value.(string)
			if flag || !ok || !r.Refuses(sv) {
				continue
			}
			if !r.Whole {
				r.What += " " + sv
			}
		}
		seen[r.What] = true
		at := infos[i].name
		if infos[i].hasV {
			at.end = infos[i].value.end
		}
		if args[i].Name == "" && i > 0 && args[i-1].Name != "" && !args[i-1].HasValue {
			at.pos = infos[i-1].name.pos // -Name value
		}
		msg := fmt.Sprintf("[NotImplemented] %s is not emulated: csemu will stop this command here", r.What)
		if r.Why != "" {
			msg += " (" + r.Why + ")"
		}
		a.report("CSE1104", at, msg, "")
	}
}

// refused looks a parameter up in the environment's table of refused
// parameters (an Env made without NewEnv reads the cmdlets' table).
func (a *analyzer) refused(cmd *cmdlets.Cmdlet, param string) (cmdlets.RefusedParam, bool) {
	for _, r := range cmd.Refused {
		if strings.EqualFold(r.Param, param) {
			return r, true
		}
	}
	if a.env.refused == nil {
		return cmdlets.RefusedParameter(cmd.Name, param)
	}
	r, ok := a.env.refused[cmdlets.RefusedKey(cmd.Name, param)]
	return r, ok
}
