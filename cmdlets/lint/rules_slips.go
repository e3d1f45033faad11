package lint

// slipRules check common PowerShell slips.
func slipRules() []ruleDef { return nil }
