package cmdlets

import "strings"

// RefusedWhen says when a refused parameter stops a call.
type RefusedWhen int

// When a call with a refused parameter stops.
const (
	RefusedGiven   RefusedWhen = iota // the parameter is given at all
	RefusedOn                         // the switch or Boolean is true
	RefusedNotNull                    // the value is not $null
	RefusedOff                        // the switch or Boolean is given and false
)

// RefusedParam is a parameter of a core cmdlet that csemu does not
// emulate: a call that gives it stops with [NotImplemented] naming What.
type RefusedParam struct {
	Cmdlet, Param string
	When          RefusedWhen
	What          string
	// Why, when set, follows the message ("...is not emulated: Why").
	Why string
	// Values, when set, limits the refusal to these values of the
	// parameter, compared case-insensitively, or when Prefix is set any
	// non-empty beginning of one (as -ItemType takes them); What is then
	// followed by the value given.
	Values []string
	Prefix bool
	// Whole says What names the construct whole: the value given is not
	// added to it.
	Whole bool
}

// Refuses reports whether value (a parameter's string value) is one the
// entry refuses; an entry without Values refuses any.
func (r RefusedParam) Refuses(value string) bool {
	if len(r.Values) == 0 {
		return true
	}
	v := strings.ToLower(strings.TrimSpace(value))
	for _, x := range r.Values {
		x = strings.ToLower(x)
		if v == x || (r.Prefix && v != "" && strings.HasPrefix(x, v)) {
			return true
		}
	}
	return false
}

// Message is the [NotImplemented] message of a call refused for r.
func (r RefusedParam) Message() string {
	msg := "[NotImplemented] " + r.What + " is not emulated"
	if r.Why != "" {
		msg += ": " + r.Why
	}
	return msg
}

// refusedParams is the table both the cmdlets (Call.refused) and lint
// ([RefusedParameter]) read.
func refusedParams() []RefusedParam {
	var out []RefusedParam
	add := func(cmdlet string, when RefusedWhen, what string, params ...string) {
		for _, p := range params {
			w := what
			if w == "" {
				w = cmdlet + " -" + p
			}
			out = append(out, RefusedParam{Cmdlet: cmdlet, Param: p, When: when, What: w})
		}
	}
	add("Import-Clixml", RefusedGiven, "", "IncludeTotalCount", "Skip", "First")
	add("Get-Content", RefusedGiven, "Get-Content -Stream (alternate data streams)", "Stream")
	add("Get-Content", RefusedOn, "Get-Content -Wait", "Wait")
	for _, c := range []string{"Set-Content", "Add-Content", "Clear-Content", "Get-Item", "Remove-Item"} {
		add(c, RefusedGiven, c+" -Stream (alternate data streams)", "Stream")
	}
	gci := "Get-ChildItem -Attributes, -ReadOnly, -System and -FollowSymlink"
	add("Get-ChildItem", RefusedGiven, gci, "Attributes")
	add("Get-ChildItem", RefusedOn, gci, "ReadOnly", "System", "FollowSymlink")
	add("Copy-Item", RefusedGiven, "Copy-Item -FromSession/-ToSession", "FromSession", "ToSession")
	add("Set-Location", RefusedGiven, "", "StackName")
	add("Get-Location", RefusedGiven, "Get-Location -Stack, -StackName, -PSDrive and -PSProvider", "Stack", "StackName", "PSDrive", "PSProvider")
	add("Get-FileHash", RefusedGiven, "", "InputStream")
	add("Get-Culture", RefusedOn, "", "ListAvailable")
	drive := "New-PSDrive -Persist and -Credential (mapped network drives)"
	add("New-PSDrive", RefusedOn, drive, "Persist")
	add("New-PSDrive", RefusedNotNull, drive, "Credential")
	add("New-Module", RefusedOn, "", "AsCustomObject")
	add("New-ModuleManifest", RefusedGiven, "", "ProcessorArchitecture", "ClrVersion", "DotNetFrameworkVersion", "PowerShellHostName",
		"PowerShellHostVersion", "TypesToProcess", "FormatsToProcess", "RequiredAssemblies", "ModuleList",
		"DscResourcesToExport", "PrivateData", "IconUri", "Prerelease", "RequireLicenseAcceptance",
		"ExternalModuleDependencies", "HelpInfoUri")
	add("Import-Module", RefusedOn, "", "AsCustomObject", "UseWindowsPowerShell")
	add("Import-Module", RefusedGiven, "", "Assembly")
	add("Invoke-Command", RefusedGiven, "Invoke-Command on a remote computer or session", "ComputerName", "Session", "AsJob")
	// refusals of some values only
	out = append(out,
		RefusedParam{Cmdlet: "New-Item", Param: "ItemType", What: "New-Item -ItemType", Values: []string{"SymbolicLink", "Junction", "HardLink"}, Prefix: true},
		RefusedParam{Cmdlet: "Set-Variable", Param: "Visibility", What: "-Visibility", Values: []string{"Private"}},
		RefusedParam{Cmdlet: "New-Variable", Param: "Visibility", What: "-Visibility", Values: []string{"Private"}},
		RefusedParam{Cmdlet: "Copy-Item", Param: "Container", When: RefusedOff, What: "Copy-Item -Container:$false"},
		RefusedParam{Cmdlet: "Set-Location", Param: "Path", What: "Set-Location - and + (the location history)", Values: []string{"-", "+"}, Whole: true},
		RefusedParam{Cmdlet: "Push-Location", Param: "Path", What: "Set-Location - and + (the location history)", Values: []string{"-", "+"}, Whole: true})
	for _, c := range []string{"Format-Table", "Format-List", "Format-Wide"} {
		add(c, RefusedOn, "-DisplayError", "DisplayError")
		add(c, RefusedOn, "-ShowError", "ShowError")
	}
	return out
}

// RefusedIndex returns the table of refused parameters indexed by
// RefusedKey(cmdlet, param), for callers that look up many parameters.
func RefusedIndex() map[string]RefusedParam {
	out := map[string]RefusedParam{}
	for _, r := range refusedParams() {
		out[RefusedKey(r.Cmdlet, r.Param)] = r
	}
	return out
}

// RefusedKey is the key of a cmdlet's parameter in [RefusedIndex].
func RefusedKey(cmdlet, param string) string {
	return strings.ToLower(cmdlet) + "\x00" + strings.ToLower(param)
}

// RefusedParameter returns how csemu refuses parameter param (its
// canonical name) of cmdlet, when it does.
func RefusedParameter(cmdlet, param string) (RefusedParam, bool) {
	for _, r := range refusedParams() {
		if strings.EqualFold(r.Cmdlet, cmdlet) && strings.EqualFold(r.Param, param) {
			return r, true
		}
	}
	return RefusedParam{}, false
}

// refused returns the [NotImplemented] error of the first parameter of
// the table the call gives, or nil.
func (c *Call) refused() error {
	if c.s.refusedByCmd == nil {
		c.s.refusedByCmd = map[string][]RefusedParam{}
		for _, r := range refusedParams() {
			k := strings.ToLower(r.Cmdlet)
			c.s.refusedByCmd[k] = append(c.s.refusedByCmd[k], r)
		}
	}
	return c.refusedBy(c.s.refusedByCmd[strings.ToLower(c.cmd.Name)])
}

// refusedBy returns the [NotImplemented] error of the first parameter of
// list that the call gives, or nil.
func (c *Call) refusedBy(list []RefusedParam) error {
	for _, r := range list {
		if r.Cmdlet != "" && !strings.EqualFold(r.Cmdlet, c.cmd.Name) {
			continue
		}
		v, ok := c.Lookup(r.Param)
		switch {
		case !ok:
			continue
		case r.When == RefusedOn && !c.Bool(r.Param), r.When == RefusedNotNull && v == nil, r.When == RefusedOff && c.Bool(r.Param):
			continue
		case len(r.Values) > 0 && !r.Refuses(c.String(r.Param)):
			continue
		}
		if len(r.Values) > 0 && !r.Whole {
			r.What += " " + c.String(r.Param)
		}
		e := notImplemented(c.Pos, c.cmd.Name, r.What)
		e.rec.Msg = r.Message()
		return e
	}
	return nil
}

// RefusedParams lists the parameters of core cmdlets that csemu refuses.
func RefusedParams() []RefusedParam { return refusedParams() }
