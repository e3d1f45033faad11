package cmdlets

// directoryHandlers returns the handlers of the directory and assignment
// cmdlets, keyed by cmdlet name.
func directoryHandlers() map[string]func(c *Call) error {
	return map[string]func(c *Call) error{}
}

// emuCmdlets returns the emulator-only directory cmdlets (New-EmuUser...).
func emuCmdlets() []*Cmdlet { return nil }
