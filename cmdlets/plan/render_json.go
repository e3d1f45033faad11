package plan

import (
	"encoding/json"
	"io"
)

// JSONVersion is the version of the JSON layout: it changes only when a
// field is removed or changes meaning (new fields keep it).
const JSONVersion = 1

// The JSON layout of a plan, described field by field in the README and
// checked by plan.schema.json. Every field is always written, lists as
// [] when empty, so that readers need no defaults.
type (
	jsonPlan struct {
		Version    int            `json:"version"`
		Script     string         `json:"script"`
		Before     string         `json:"before"`
		After      string         `json:"after"`
		Changes    []jsonChange   `json:"changes"`
		Unchanged  int            `json:"unchanged"`
		Questions  []jsonQuestion `json:"questions"`
		Organizers int            `json:"organizers"`
		Impact     []jsonImpact   `json:"impact"`
		Findings   []jsonFinding  `json:"findings"`
		Failed     *jsonFailure   `json:"failed"`
		Atomic     bool           `json:"atomic"`
		Summary    jsonSummary    `json:"summary"`
	}
	jsonChange struct {
		Kind     string         `json:"kind"`
		Identity string         `json:"identity"`
		Action   Action         `json:"action"`
		Lines    []jsonLocation `json:"lines"`
		Props    []jsonProp     `json:"props"`
	}
	jsonProp struct {
		Name      string         `json:"name"`
		Old       string         `json:"old"`
		New       string         `json:"new"`
		OldAbsent bool           `json:"oldAbsent"`
		NewAbsent bool           `json:"newAbsent"`
		Lines     []jsonLocation `json:"lines"`
	}
	jsonLocation struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Cmdlet string `json:"cmdlet"`
	}
	jsonQuestion struct {
		ClientType  string `json:"clientType"`
		MeetingType string `json:"meetingType"`
	}
	jsonImpact struct {
		ClientType  string        `json:"clientType"`
		MeetingType string        `json:"meetingType"`
		Before      string        `json:"before"`
		After       string        `json:"after"`
		DecidedBy   string        `json:"decidedBy"`
		Cause       *jsonLocation `json:"cause"`
		Count       int           `json:"count"`
		Examples    []string      `json:"examples"`
	}
	jsonFinding struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	}
	jsonFailure struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Message string `json:"message"`
	}
	jsonSummary struct {
		Create             int  `json:"create"`
		Update             int  `json:"update"`
		Remove             int  `json:"remove"`
		Unchanged          int  `json:"unchanged"`
		AffectedOrganizers int  `json:"affectedOrganizers"`
		Findings           int  `json:"findings"`
		Changed            bool `json:"changed"`
	}
)

// JSON writes the plan as one JSON document in the layout of
// plan.schema.json (the README describes each field), indented by two
// spaces and ended by a newline. The same plan always gives the same
// bytes.
func (p *Plan) JSON(w io.Writer) error {
	c := p.Count()
	out := jsonPlan{
		Version:    JSONVersion,
		Script:     p.Script,
		Before:     p.Before,
		After:      p.After,
		Changes:    make([]jsonChange, 0, len(p.Changes)),
		Unchanged:  p.Unchanged,
		Questions:  make([]jsonQuestion, 0, len(p.Questions)),
		Organizers: p.Organizers,
		Impact:     make([]jsonImpact, 0, len(p.Impact)),
		Findings:   make([]jsonFinding, 0, len(p.Findings)),
		Atomic:     p.Atomic,
		Summary: jsonSummary{Create: c.Create, Update: c.Update, Remove: c.Remove, Unchanged: p.Unchanged,
			AffectedOrganizers: p.Affected, Findings: len(p.Findings), Changed: p.Changed()},
	}
	for _, ch := range p.Changes {
		jc := jsonChange{Kind: ch.Kind, Identity: ch.Identity, Action: ch.Action, Lines: jsonLocations(ch.Lines),
			Props: make([]jsonProp, 0, len(ch.Props))}
		if jc.Action != Create && jc.Action != Remove {
			jc.Action = Update
		}
		for _, pc := range ch.Props {
			jc.Props = append(jc.Props, jsonProp{Name: pc.Name, Old: pc.Old, New: pc.New, OldAbsent: pc.OldAbsent,
				NewAbsent: pc.NewAbsent, Lines: jsonLocations(pc.Lines)})
		}
		out.Changes = append(out.Changes, jc)
	}
	for _, q := range p.Questions {
		out.Questions = append(out.Questions, jsonQuestion(q))
	}
	for _, g := range p.Impact {
		ji := jsonImpact{ClientType: g.Question.ClientType, MeetingType: g.Question.MeetingType, Before: g.Before,
			After: g.After, DecidedBy: g.DecidedBy, Count: g.Count, Examples: append([]string{}, g.Examples...)}
		if g.Cause != nil {
			l := jsonLocation(*g.Cause)
			ji.Cause = &l
		}
		out.Impact = append(out.Impact, ji)
	}
	for _, f := range p.Findings {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	if p.Failed != nil {
		f := jsonFailure(*p.Failed)
		out.Failed = &f
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// jsonLocations is a list of script lines, [] when there are none.
func jsonLocations(ls []Location) []jsonLocation {
	out := make([]jsonLocation, len(ls))
	for i, l := range ls {
		out[i] = jsonLocation(l)
	}
	return out
}
