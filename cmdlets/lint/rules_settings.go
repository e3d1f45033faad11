package lint

// settingRules check settings with no effect or a hidden effect on
// anonymous join.
func settingRules() []ruleDef { return nil }
