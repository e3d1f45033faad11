package teams

import (
	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/plan"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// compareCmdlets returns Compare-EmuTenant: the differences between two
// tenant files, as Compare-Object reports the differences of two lists.
func (h *Holder) compareCmdlets() []*cmdlets.Cmdlet {
	return []*cmdlets.Cmdlet{
		{Name: "Compare-EmuTenant", Module: "csemu",
			Synopsis: "Compares two tenant files: the policies, configurations, users, groups, assignments and grants that differ.",
			Description: "Opens both files read-only and writes one object per differing value, as Compare-Object does for two lists: " +
				"SideIndicator '<=' for a value only the reference tenant has (the value before), '=>' for one only the difference " +
				"tenant has (the value after). A changed property gives both. Kind, Identity and Property say what the value is of; " +
				"Action says whether the object was created, updated or removed. csemu diff shows the same as a plan, with the " +
				"organizers whose anonymous-join answers changed.",
			Params: []*cmdlets.ParamDef{
				mand(p("ReferenceDb", "string", 0)),
				mand(p("DifferenceDb", "string", 1)),
			},
			Examples: []string{
				"Compare-EmuTenant -ReferenceDb monday.db -DifferenceDb tuesday.db | Where-Object SideIndicator -eq '=>'",
			},
			End: h.handler(compareEmuTenant)},
	}
}

// openTenantFile reads a tenant file read-only for Compare-EmuTenant.
func openTenantFile(c call, param string) (*state.Tenant, error) {
	path, err := c.FullPath(c.String(param))
	if err != nil {
		return nil, c.Fail("InvalidPath", cmdlets.InvalidArgument, "-%s: %v", param, err)
	}
	s, err := state.Open(path, state.Options{ReadOnly: true, MustExist: true, LockTimeout: -1})
	if err != nil {
		return nil, c.Fail("TenantUnavailable", cmdlets.ResourceUnavailable, "-%s: %v", param, err)
	}
	defer s.Close()
	t, err := s.Load()
	if err != nil {
		return nil, c.Fail("TenantUnavailable", cmdlets.ResourceUnavailable, "-%s: %v", param, err)
	}
	return t, nil
}

func compareEmuTenant(c call) error {
	ref, err := openTenantFile(c, "ReferenceDb")
	if err != nil {
		return err
	}
	dif, err := openTenantFile(c, "DifferenceDb")
	if err != nil {
		return err
	}
	changes, _ := plan.Diff(ref, dif, plan.DiffOptions{FromChange: -1})
	row := func(ch plan.ObjectChange, prop, val, side string) error {
		o := value.NewObject("csemu.TenantDifference")
		o.Set("Kind", ch.Kind)
		o.Set("Identity", ch.Identity)
		o.Set("Action", string(ch.Action))
		o.Set("Property", emptyNil(prop))
		o.Set("Value", val)
		o.Set("SideIndicator", side)
		o.DefaultDisplay = []string{"Kind", "Identity", "Property", "Value", "SideIndicator"}
		return c.Write(o)
	}
	for _, ch := range changes {
		if len(ch.Props) == 0 {
			side := "=>"
			if ch.Action == plan.Remove {
				side = "<="
			}
			if err := row(ch, "", string(ch.Action), side); err != nil {
				return err
			}
			continue
		}
		for _, pc := range ch.Props {
			if !pc.OldAbsent {
				if err := row(ch, pc.Name, pc.Old, "<="); err != nil {
					return err
				}
			}
			if !pc.NewAbsent {
				if err := row(ch, pc.Name, pc.New, "=>"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
