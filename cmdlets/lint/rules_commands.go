package lint

// commandRules check cmdlets, parameters, values and policy identities.
func commandRules() []ruleDef { return nil }
