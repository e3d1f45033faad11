package cmdlets

// federationHandlers returns the handlers of the federation cmdlets
// (New-CsEdge*, allowed and blocked domains), keyed by cmdlet name.
func federationHandlers() map[string]func(c *Call) error {
	return map[string]func(c *Call) error{}
}
