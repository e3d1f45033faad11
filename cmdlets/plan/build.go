package plan

import (
	"slices"
	"time"

	"github.com/csemu/csemu/state"
)

// BuildOptions says what a plan is of.
type BuildOptions struct {
	// Script names the script the plan is of; "" for a diff of two
	// tenants.
	Script string
	// Now is the emulated clock the impact pass asks at.
	Now time.Time
	// FromChange is the index in after's change log where the script's
	// run starts; -1 for two unrelated tenants (see [DiffOptions]).
	FromChange int
	// Questions are the questions asked every organizer; nil asks
	// [DefaultQuestions]. Questions join does not take are left out.
	Questions []Question
}

// Build compares before and after: the changes (see [Diff]) and the
// impact on anonymous join (see [Impact]). The caller fills Findings,
// Failed and Atomic, and Before and After for a diff of two files.
func Build(before, after *state.Tenant, o BuildOptions) *Plan {
	qs := o.Questions
	if qs == nil {
		qs = DefaultQuestions()
	}
	var asked []Question
	for _, q := range qs {
		if c, ok := Askable(q); ok && !slices.Contains(asked, c) {
			asked = append(asked, c)
		}
	}
	p := &Plan{Script: o.Script, Questions: asked}
	p.Changes, p.Unchanged = Diff(before, after, DiffOptions{FromChange: o.FromChange})
	p.Impact, p.Organizers = impact(before, after, o.Now, asked, readLog(after, o.FromChange))
	return p
}
