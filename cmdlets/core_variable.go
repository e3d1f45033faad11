package cmdlets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// variableCmdlets are Get-, Set-, New-, Clear- and Remove-Variable, as
// the Utility module's Var.cs has them.
func variableCmdlets() []*Cmdlet {
	scope := func() *ParamDef { return notNullOrEmpty(p("Scope", "string", -1)) }
	filters := func() []*ParamDef { return []*ParamDef{p("Include", "string[]", -1), p("Exclude", "string[]", -1)} }
	return []*Cmdlet{
		{
			Name: "Get-Variable", Synopsis: "Gets the variables in the current console.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-variable",
			Params: append([]*ParamDef{notNullOrEmpty(byName(pipe(p("Name", "string[]", 0)))), p("ValueOnly", "switch", -1), scope()},
				filters()...),
			Process: getVariableProcess,
		},
		{
			Name: "Set-Variable", Synopsis: "Sets the value of a variable. Creates the variable if one with the requested name does not exist.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable",
			// (Name takes input by property name too, in pwsh; here it does
			// not, so that a pipeline without it prompts for it)
			Params: append([]*ParamDef{mand(p("Name", "string[]", 0)), byName(pipe(p("Value", "object", 1))), scope(),
				p("Description", "string", -1), p("Option", "object", -1), p("Force", "switch", -1), values(p("Visibility", "string", -1), "Public", "Private"),
				p("PassThru", "switch", -1), p("Append", "switch", -1)}, filters()...),
			ShouldProcess: true, Begin: setVariableBegin,
			Process: setVariableProcess, End: setVariableEnd,
		},
		{
			Name: "New-Variable", Synopsis: "Creates a new variable.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-variable",
			Params: []*ParamDef{mand(byName(p("Name", "string", 0))), byName(pipe(p("Value", "object", 1))), scope(),
				p("Description", "string", -1), p("Option", "object", -1), p("Force", "switch", -1), values(p("Visibility", "string", -1), "Public", "Private"),
				p("PassThru", "switch", -1)},
			ShouldProcess: true,
			Process:       newVariableProcess,
		},
		{
			Name: "Remove-Variable", Synopsis: "Deletes a variable and its value.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/remove-variable",
			Params: append([]*ParamDef{mand(byName(p("Name", "string[]", 0))), scope(), p("Force", "switch", -1)},
				filters()...),
			ShouldProcess: true,
			Process:       removeVariableProcess,
		},
		{
			Name: "Clear-Variable", Synopsis: "Deletes the value of a variable.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/clear-variable",
			Params: append([]*ParamDef{mand(byName(p("Name", "string[]", 0))), scope(), p("Force", "switch", -1), p("PassThru", "switch", -1)},
				filters()...),
			ShouldProcess: true,
			Process:       clearVariableProcess,
		},
	}
}

// variableTable lists the variables code running in sc sees (all true:
// the nearest of each name, a private one only in its own scope), or
// those of sc's own table.
func variableTable(sc *Scope, all bool) []*Variable {
	if !all {
		out := make([]*Variable, 0, len(sc.vars))
		for _, v := range sc.vars {
			v.get()
			out = append(out, v)
		}
		return out
	}
	seen := map[string]bool{}
	var out []*Variable
	for x := sc; x != nil; x = x.parent {
		for k, v := range x.vars {
			if seen[k] || v.Options&optPrivate != 0 && x != sc {
				continue
			}
			seen[k] = true
			v.get()
			out = append(out, v)
		}
	}
	return out
}

// matchingVariables is VariableCommandBase.GetMatchingVariables: the
// variables of the table whose names match name and -Include but not
// -Exclude, sorted by name; filtered reports that -Include or -Exclude
// left a name out (no VariableNotFound error then).
func (c *Call) matchingVariables(name string, sc *Scope, all bool) (out []*Variable, filtered bool) {
	if name == "" {
		name = "*"
	}
	include, exclude := c.Strings("Include"), c.Strings("Exclude")
	passes := func(n string) bool {
		return (len(include) == 0 || likeAnyOf(n, include)) && !likeAnyOf(n, exclude)
	}
	wild := value.HasWildcard(name)
	if !wild && !passes(name) {
		return nil, true
	}
	for _, v := range variableTable(sc, all) {
		if !value.Like(v.Name, name, false) {
			if wild {
				filtered = true
			}
			continue
		}
		if !passes(v.Name) {
			filtered = true
			continue
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, filtered
}

// variableNotFound is the VariableNotFound error of a name no variable has.
func variableNotFound(name string) *ErrorRecord {
	return &ErrorRecord{ID: "VariableNotFound", Category: ObjectNotFound, Target: name,
		Exception: "System.Management.Automation.ItemNotFoundException",
		Msg:       fmt.Sprintf("Cannot find a variable with the name '%s'.", name)}
}

// variableNotWritable is the error of assigning a read-only or constant
// variable.
func variableNotWritable(c *Call, name string) *ErrorRecord {
	return unauthorized(c, "VariableNotWritable", name, fmt.Sprintf("Cannot overwrite variable %s because it is read-only or constant.", name))
}

// optScope is the scope a variable command works in: -Scope's, or with
// none def's ("" for the whole visible table).
func (c *Call) optScope(def string) (sc *Scope, all bool, err error) {
	if !c.Has("Scope") {
		if def == "" {
			return c.fr.scope, true, nil
		}
		return c.fr.scope, false, nil
	}
	sc, err = c.scopeArg()
	return sc, false, err
}

// getVariableProcess writes the variables (or with -ValueOnly their
// values) -Name matches.
func getVariableProcess(c *Call) error {
	sc, all, err := c.optScope("")
	if err != nil {
		return err
	}
	names := c.Strings("Name")
	if !c.Has("Name") {
		names = []string{"*"}
	}
	for _, n := range names {
		vars, filtered := c.matchingVariables(n, sc, all)
		for _, v := range vars {
			var err error
			if c.Bool("ValueOnly") {
				err = c.Write(v.Value)
			} else {
				err = c.Write(variableObject(v))
			}
			if err != nil {
				return err
			}
		}
		if len(vars) == 0 && !filtered && !value.HasWildcard(n) {
			if err := c.WriteError(variableNotFound(n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// setState is what Set-Variable keeps between its blocks: whether -Value
// was given as an argument, and the values piped to it.
type setState struct {
	formal bool
	piped  []any
	any    bool
	// base is what -Append adds to: the variable's value, or its items
	// when it is a list
	base []any
}

// setVariableBegin notes whether -Value was given as an argument, and
// for -Append, which takes one name, the value it adds to.
func setVariableBegin(c *Call) error {
	st := &setState{formal: c.Has("Value")}
	c.State = st
	if c.Bool("Append") {
		names := c.Strings("Name")
		if len(names) != 1 {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "SetVariableAppend", Category: InvalidOperation,
				Exception: "System.InvalidOperationException", Msg: "SetVariableAppend"}}
		}
		st.base = []any{}
		if v, ok := c.s.lookupVar(c.fr.scope, names[0]); ok {
			if a, isList := v.Value.(*value.Array); isList && a.Kind == "" && (a.Elem == "" || a.Elem == value.TObject) {
				st.base = append(st.base, a.Items...)
			} else {
				st.base = append(st.base, v.Value)
			}
		}
	}
	return visibilityArg(c)
}

// setVariableProcess collects the values piped to Set-Variable: with
// -Value given as an argument it waits for the end.
func setVariableProcess(c *Call) error {
	st := c.State.(*setState)
	if c.HasInput && !st.formal && c.Has("Value") {
		st.any = true
		st.piped = append(st.piped, c.Arg("Value"))
	}
	return nil
}

// visibilityArg checks -Visibility: Public is what every variable has; a
// Private one (hidden from commands typed at the host's prompt) is not
// emulated.
func visibilityArg(c *Call) error {
	return c.refused() // -Visibility Private, from the refused-parameter table
}

// scopedName splits a scope prefix (global:, script:, local:, private:)
// off a variable name given to -Name, and returns the scope it names
// (sc when it has none).
func (c *Call) scopedName(sc *Scope, name string) (*Scope, string) {
	i := strings.IndexByte(name, ':')
	if i <= 0 {
		return sc, name
	}
	switch strings.ToLower(name[:i]) {
	case "global":
		return c.s.global, name[i+1:]
	case "script":
		return c.s.scriptScope(c.fr.scope), name[i+1:]
	case "local", "private":
		return c.fr.scope, name[i+1:]
	}
	return sc, name
}

// setVariableEnd sets the variables once the input is read.
func setVariableEnd(c *Call) error {
	st := c.State.(*setState)
	var val any
	hasValue := st.formal
	if st.any {
		switch len(st.piped) {
		case 1:
			val = st.piped[0]
		default:
			val = &value.Array{Items: st.piped}
		}
		hasValue = true
	} else if hasValue {
		val = c.Arg("Value")
	}
	if c.Bool("Append") {
		// the value given is added whole, as one item, to a
		// List[object]; piped values are added one by one, and the
		// result is an array (or the one value)
		items := st.base
		if st.formal {
			val = &value.Array{Items: append(items, c.Arg("Value")), List: true, Elem: value.TObject}
		} else {
			items = append(items, st.piped...)
			switch len(items) {
			case 0:
				val = nil
			case 1:
				val = items[0]
			default:
				val = &value.Array{Items: items}
			}
		}
		hasValue = true
	}
	opts, err := c.optionArg()
	if err != nil {
		return err
	}
	sc, _, err := c.optScope("local")
	if err != nil {
		return err
	}
	for _, n := range c.Strings("Name") {
		sc, n := c.scopedName(sc, n)
		vars, filtered := c.matchingVariables(n, sc, false)
		if len(vars) == 0 {
			if filtered {
				continue
			}
			newOpts := opts
			if strings.EqualFold(c.String("Scope"), "private") {
				newOpts |= optPrivate
			}
			if !c.ShouldProcess(fmt.Sprintf("Name: %s Value: %s", n, value.ToString(val)), "Set variable") {
				continue
			}
			v, err := c.s.putVariable(c, sc, &Variable{Name: n, Value: val, Description: c.String("Description")}, newOpts, c.Bool("Force"))
			if err != nil {
				if err := c.WriteError(err); err != nil {
					return err
				}
				continue
			}
			if c.Bool("PassThru") {
				if err := c.Write(variableObject(v)); err != nil {
					return err
				}
			}
			continue
		}
		for _, v := range vars {
			if !c.ShouldProcess(fmt.Sprintf("Name: %s Value: %s", v.Name, value.ToString(val)), "Set variable") {
				continue
			}
			if rec := c.s.updateVariable(c, sc, v, val, hasValue, opts); rec != nil {
				if err := c.WriteError(rec); err != nil {
					return err
				}
				continue
			}
			if c.Bool("PassThru") {
				if err := c.Write(variableObject(v)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// updateVariable changes variable v of scope sc as Set-Variable does: its
// value (when given: a read-only one only with -Force, a constant one
// never), -Description and -Option (an existing variable cannot be made
// constant).
func (s *Session) updateVariable(c *Call, sc *Scope, v *Variable, val any, hasValue bool, opts scopedOpts) *ErrorRecord {
	force := c.Bool("Force")
	if v.Options&optConstant != 0 || v.ReadOnly && !force {
		if hasValue || c.Has("Option") {
			return variableNotWritable(c, v.Name)
		}
	}
	if hasValue {
		nv := val
		if v.Type != nil {
			cv, err := s.convert(val, v.Type)
			if err != nil {
				return &ErrorRecord{ID: "SetVariableError", Category: InvalidData, Target: v.Name, Msg: err.Error(),
					Exception: "System.Management.Automation.ArgumentTransformationMetadataException"}
			}
			nv = cv
		}
		v.Value = nv
	}
	if c.Has("Description") {
		v.Description = c.String("Description")
	}
	if c.Has("Option") {
		if opts&optConstant != 0 && v.Options&optConstant == 0 {
			return unauthorized(c, "VariableCannotBeMadeConstant", v.Name,
				fmt.Sprintf("Existing variable %s cannot be made constant. Variables can be made constant only at creation time.", v.Name))
		}
		v.Options = opts
		v.ReadOnly = opts&(optReadOnly|optConstant) != 0
	}
	return nil
}

// putVariable makes variable v in scope sc with options opts, replacing
// one of that name unless it is constant, or read-only without force
// (SessionState.NewVariableAtScope).
func (s *Session) putVariable(c *Call, sc *Scope, v *Variable, opts scopedOpts, force bool) (*Variable, *ErrorRecord) {
	key := strings.ToLower(v.Name)
	if old, ok := sc.vars[key]; ok {
		if old.Options&optConstant != 0 || old.ReadOnly && !force || key == "true" || key == "false" || key == "null" {
			return nil, variableNotWritable(c, v.Name)
		}
	}
	v.Options = opts
	v.ReadOnly = opts&(optReadOnly|optConstant) != 0
	sc.vars[key] = v
	return v, nil
}

// newVariableProcess is New-Variable: a variable of that name in the
// scope is VariableAlreadyExists, unless -Force replaces it.
func newVariableProcess(c *Call) error {
	opts, err := c.optionArg()
	if err != nil {
		return err
	}
	sc, _, err := c.optScope("local")
	if err != nil {
		return err
	}
	if err := visibilityArg(c); err != nil {
		return err
	}
	sc, name := c.scopedName(sc, c.String("Name"))
	if _, exists := sc.vars[strings.ToLower(name)]; exists && !c.Bool("Force") {
		return c.WriteError(&ErrorRecord{ID: "VariableAlreadyExists", Category: ResourceExists, Target: name,
			Exception: "System.Management.Automation.SessionStateException",
			Msg:       fmt.Sprintf("A variable with name '%s' already exists.", name)})
	}
	val := c.Arg("Value")
	if !c.ShouldProcess(fmt.Sprintf("Name: %s Value: %s", name, value.ToString(val)), "New variable") {
		return nil
	}
	v, rec := c.s.putVariable(c, sc, &Variable{Name: name, Value: val, Description: c.String("Description")}, opts, c.Bool("Force"))
	if rec != nil {
		return c.WriteError(rec)
	}
	if c.Bool("PassThru") {
		return c.Write(variableObject(v))
	}
	return nil
}

// removeVariableProcess is Remove-Variable: the variables -Name matches
// in the scope (the current one without -Scope); a constant one is never
// removed, a read-only one only with -Force.
func removeVariableProcess(c *Call) error {
	sc, _, err := c.optScope("local")
	if err != nil {
		return err
	}
	return c.eachVariable(sc, false, "Remove variable", func(v *Variable) error {
		key := strings.ToLower(v.Name)
		if v.Options&optConstant != 0 || v.ReadOnly && !c.Bool("Force") || key == "true" || key == "false" || key == "null" {
			return c.WriteError(unauthorized(c, "VariableNotRemovable", v.Name,
				fmt.Sprintf("Cannot remove variable %s because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.", v.Name)))
		}
		delete(sc.vars, key)
		return nil
	})
}

// eachVariable calls fn for each variable that -Name matches in sc (all:
// in the scopes above it too) and that ShouldProcess lets through with
// the action; a name that matches nothing is VariableNotFound, unless it
// was a wildcard or -Include/-Exclude left it out.
func (c *Call) eachVariable(sc *Scope, all bool, action string, fn func(v *Variable) error) error {
	for _, n := range c.Strings("Name") {
		vars, filtered := c.matchingVariables(n, sc, all)
		if len(vars) == 0 && !filtered {
			if err := c.WriteError(variableNotFound(n)); err != nil {
				return err
			}
			continue
		}
		for _, v := range vars {
			if !c.ShouldProcess("Name: "+v.Name, action) {
				continue
			}
			if err := fn(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// clearVariableProcess is Clear-Variable: each variable -Name matches is
// set to $null (a read-only one only with -Force). Without -Scope the
// $null is set as an assignment would, in the current scope.
func clearVariableProcess(c *Call) error {
	sc, all, err := c.optScope("")
	if err != nil {
		return err
	}
	return c.eachVariable(sc, all, "Clear variable", func(v *Variable) error {
		if v.Options&optConstant != 0 || v.ReadOnly && !c.Bool("Force") {
			return c.WriteError(variableNotWritable(c, v.Name))
		}
		result := v
		if all {
			// -Force clears a read-only one: its option is lifted for
			// the assignment, then put back
			ro := v.ReadOnly
			v.ReadOnly = false
			err := c.s.setVar(sc, v.Name, nil)
			v.ReadOnly = ro
			if err != nil {
				return c.WriteError(variableNotWritable(c, v.Name))
			}
			result, _ = c.s.lookupVar(sc, v.Name)
		} else {
			v.Value = nil
		}
		if c.Bool("PassThru") {
			return c.Write(variableObject(result))
		}
		return nil
	})
}
