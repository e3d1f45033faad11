package cmdlets

import "strings"

// csCmdlets returns the Teams and Skype for Business cmdlets: the
// documented parameters of csCmdletFacts with the handlers of each family.
// A documented cmdlet without a handler fails as not emulated.
func csCmdlets() []*Cmdlet {
	facts := csCmdletFacts()
	handle := func(key string, process func(c *Call) error) {
		if cmd, ok := facts[key]; ok {
			cmd.Process = process
		}
	}
	for _, f := range families() {
		handle(f.qualifier+"Get-"+f.noun, f.get)
		handle(f.qualifier+"Set-"+f.noun, f.set)
		if cmd, ok := facts[f.qualifier+"Set-"+f.noun]; ok {
			withInstance(cmd)
		}
		if f.form != globalOnly && f.form != siteOnly {
			handle(f.qualifier+"New-"+f.noun, f.newObject)
			handle(f.qualifier+"Remove-"+f.noun, f.remove)
			if cmd, ok := facts[f.qualifier+"Remove-"+f.noun]; ok {
				// Get-X -Filter Tag:Old* | Remove-X, as scripts do: the
				// objects Get- writes carry their Identity
				if p := cmd.param("Identity"); p != nil {
					p.ByName = true
				}
			}
			handle(f.qualifier+"Grant-"+f.noun, f.grant)
		}
	}
	for key, process := range directoryHandlers() {
		handle(key, process)
	}
	for key, process := range federationHandlers() {
		handle(key, process)
	}
	federationParams(facts)
	directoryParams(facts)
	out := make([]*Cmdlet, 0, len(facts)+8)
	out = append(out, emuCmdlets()...)
	out = append(out, whatIfCmdlets()...)
	for key, cmd := range facts {
		if strings.HasPrefix(key, "Grant-") || strings.Contains(key, `\Grant-`) {
			// the real Grant- cmdlets take users from the pipeline, by
			// value and by property name (Get-CsOnlineUser | Grant-...)
			if p := cmd.param("Identity"); p != nil {
				p.Pipeline, p.ByName = true, true
			}
		}
		if cmd.Process == nil {
			cmd.NotImplemented = true
		}
		cmd.key = strings.ToLower(key)
		out = append(out, cmd)
	}
	return out
}
