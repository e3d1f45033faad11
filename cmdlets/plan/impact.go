package plan

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/state"
)

// MaxExamples is how many organizers an impact group names.
const MaxExamples = 5

// DefaultQuestions are the questions the impact pass asks every
// organizer: Test-AnonymousJoin for the Teams and Acs clients and the
// meeting types Meeting, Webinar and TownHall.
func DefaultQuestions() []Question {
	var qs []Question
	for _, c := range []string{join.ClientTeams, join.ClientAcs} {
		for _, m := range []string{join.MeetingRegular, join.MeetingWebinar, join.MeetingTownHall} {
			qs = append(qs, Question{ClientType: c, MeetingType: m})
		}
	}
	return qs
}

// Askable returns q in the spelling of Test-AnonymousJoin's values and
// whether it is a question join answers: a client type of
// join.ClientTypes and a meeting type of join.MeetingTypes (empty fields
// take the defaults, Teams and Meeting).
func Askable(q Question) (Question, bool) {
	c, okc := pick(q.ClientType, join.ClientTypes, join.ClientTeams)
	m, okm := pick(q.MeetingType, join.MeetingTypes, join.MeetingRegular)
	return Question{ClientType: c, MeetingType: m}, okc && okm
}

func pick(v string, allowed []string, def string) (string, bool) {
	if v == "" {
		return def, true
	}
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return a, true
		}
	}
	return v, false
}

// Impact asks every organizer each question (nil: [DefaultQuestions]) on
// both tenants and groups the (organizer, question) pairs whose outcome
// changed by question, old outcome, new outcome, the setting that decided
// the new one and its cause. It returns the groups, the most organizers first (then by
// question, outcomes and setting), and how many organizers it asked.
//
// The organizers are the users of after; one who is not in before (the
// script created it) is answered on before as Test-AnonymousJoin answers
// for an organizer outside the directory: the tenant default policy and
// no licences. The users only in before (the script removed them) hold no
// meetings after it and are not asked; their removal is among the
// changes. A question join does not take (a client or meeting type it
// does not know) is skipped; Acs TownHall and the other defaults are all
// asked.
//
// The cause is the script line (from after's change log entry
// fromChange on; none when fromChange is -1) behind the change: when the
// organizer's effective TeamsMeetingPolicy changed (another policy, or
// the same through another assignment), the last line that changed an
// assignment it comes from (its direct assignment, the group assignment
// or membership that gives it, the tenant-wide grant), before or after;
// otherwise the last line that set the setting that decided the new
// answer, or else the one that decided the old. Organizers whose answers
// changed the same way for different causes are in different groups.
//
// One join.Evaluator per tenant answers, once per class of organizers
// (the same effective policy and Teams Premium licence, before and
// after): the rules read nothing else of an organizer, so the cost is
// one evaluation per distinct case and two policy resolutions and a map
// lookup per organizer.
func Impact(before, after *state.Tenant, now time.Time, qs []Question, fromChange int) (groups []ImpactGroup, organizers int) {
	groups, organizers, _ = impact(before, after, now, qs, readLog(after, fromChange))
	return groups, organizers
}

type groupKey struct {
	q             int
	before, after string
	decidedBy     string
	cause         Location
	hasCause      bool
}

type groupAcc struct {
	count    int
	examples []string
}

// class is what an organizer's answers depend on, before and after: the
// effective meeting policy and whether the organizer holds Teams
// Premium. The rules read the policy, the tenant configuration, the
// licence and the question, and name the policy's setting in DecidedBy:
// organizers of a class get the same outcomes from the same settings,
// whichever assignment gives them the policy.
type class struct {
	b, a               string // policy identities
	bPremium, aPremium bool
}

// classResult is the effect on one question of a class.
type classResult struct {
	changed       bool
	before, after string
	decidedBy     [2]string // after, before
}

// causeKey is what the cause of a changed answer depends on for an
// organizer with no line of its own (no direct assignment and no
// membership that the script changed): the question, the effective
// policies and the licences.
type causeKey struct {
	q                  int
	b, a               join.Effective
	bPremium, aPremium bool
}

type causeVal struct {
	loc Location
	ok  bool
}

// impact is Impact; it also returns how many organizers have at least one
// changed answer.
func impact(before, after *state.Tenant, now time.Time, qs []Question, sl *scriptLog) (groups []ImpactGroup, organizers, affected int) {
	if qs == nil {
		qs = DefaultQuestions()
	}
	var asked []Question
	var jqs []join.Question
	for _, q := range qs {
		if c, ok := Askable(q); ok {
			asked = append(asked, c)
			jqs = append(jqs, join.Question{ClientType: c.ClientType, MeetingType: c.MeetingType})
		}
	}
	eb, ea := join.NewEvaluator(before, now), join.NewEvaluator(after, now)
	rb := join.NewResolver(before, join.PolicyTeamsMeeting)
	ra := join.NewResolver(after, join.PolicyTeamsMeeting)
	accs := map[groupKey]*groupAcc{}
	classes := map[class][]classResult{}
	causes := map[causeKey]causeVal{}
	for u := range after.Users() {
		bu, _ := userByUPN(before, u.UPN)
		// an organizer outside before's directory: the tenant default
		// policy and no licences, as join answers for one
		effB, effA := rb.Resolve(bu), ra.Resolve(u)
		k := class{b: effB.Identity, a: effA.Identity, aPremium: join.HasLicense(u, join.LicenseTeamsPremium)}
		if bu != nil {
			k.bPremium = join.HasLicense(bu, join.LicenseTeamsPremium)
		}
		rs, ok := classes[k]
		if !ok {
			rs = make([]classResult, len(jqs))
			for i, jq := range jqs {
				ab, aa := eb.Evaluate(u.UPN, jq), ea.Evaluate(u.UPN, jq)
				rs[i] = classResult{changed: ab.Outcome != aa.Outcome, before: ab.Outcome, after: aa.Outcome, decidedBy: [2]string{aa.DecidedBy, ab.DecidedBy}}
			}
			classes[k] = rs
		}
		if anyChanged(rs) {
			affected++
		}
		own := sl.hasDirect(u.UPN) || sl.isMember(effA.GroupID, u.UPN) || sl.isMember(effB.GroupID, u.UPN)
		for i, r := range rs {
			if !r.changed {
				continue
			}
			gk := groupKey{q: i, before: r.before, after: r.after, decidedBy: r.decidedBy[0]}
			var c causeVal
			ck := causeKey{i, effB, effA, k.bPremium, k.aPremium}
			if cached, hit := causes[ck]; hit && !own {
				c = cached
			} else {
				c.loc, c.ok = sl.cause(u.UPN, effB, effA, r.decidedBy)
				if !own {
					causes[ck] = c
				}
			}
			gk.cause, gk.hasCause = c.loc, c.ok
			acc := accs[gk]
			if acc == nil {
				acc = &groupAcc{}
				accs[gk] = acc
			}
			acc.count++
			acc.examples = addExample(acc.examples, u.UPN)
		}
	}

	groups = make([]ImpactGroup, 0, len(accs))
	for k, acc := range accs {
		g := ImpactGroup{Question: asked[k.q], Before: k.before, After: k.after, DecidedBy: k.decidedBy, Count: acc.count, Examples: acc.examples}
		if k.hasCause {
			c := k.cause
			g.Cause = &c
		}
		groups = append(groups, g)
	}
	qi := func(q Question) int { return slices.Index(asked, q) }
	slices.SortFunc(groups, func(a, b ImpactGroup) int {
		return cmp.Or(
			cmp.Compare(b.Count, a.Count),
			cmp.Compare(qi(a.Question), qi(b.Question)),
			cmp.Compare(a.Before, b.Before),
			cmp.Compare(a.After, b.After),
			cmp.Compare(a.DecidedBy, b.DecidedBy),
			compareCause(a.Cause, b.Cause),
		)
	})
	return groups, after.NumUsers(), affected
}

func anyChanged(rs []classResult) bool {
	for _, r := range rs {
		if r.changed {
			return true
		}
	}
	return false
}

func compareCause(a, b *Location) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Cmdlet, b.Cmdlet))
}

// addExample keeps the MaxExamples smallest UPNs, sorted.
func addExample(ex []string, upn string) []string {
	if len(ex) == MaxExamples && upn >= ex[MaxExamples-1] {
		return ex
	}
	i, _ := slices.BinarySearch(ex, upn)
	if len(ex) < MaxExamples {
		return slices.Insert(ex, i, upn)
	}
	copy(ex[i+1:], ex[i:MaxExamples-1])
	ex[i] = upn
	return ex
}

// cause finds the script line behind an organizer's changed answer (see
// Impact): effB and effA are its effective policies, decidedBy the
// settings that decided the answer after and before.
func (sl *scriptLog) cause(upn string, effB, effA join.Effective, decidedBy [2]string) (Location, bool) {
	if len(sl.last) == 0 {
		return Location{}, false
	}
	// a deciding setting outside the meeting policies (the tenant's
	// meeting configuration, say) that the script set is the cause, even
	// when the organizer's policy changed too
	if s, ok := parseSetting(decidedBy[0]); ok && s.kind != lower(join.PolicyTeamsMeeting) {
		if e, ok := sl.last[s]; ok {
			return e.loc, true
		}
	}
	// a rank shifted by another group's assignment gives the same
	// policy the same way
	if effB.Identity != effA.Identity || effB.Source != effA.Source || !strings.EqualFold(effB.GroupID, effA.GroupID) {
		var best logEntry
		found := false
		consider := func(e logEntry, ok bool) {
			if ok && (!found || e.index > best.index) {
				best, found = e, true
			}
		}
		pt := lower(join.PolicyTeamsMeeting)
		// the direct assignment, given or taken away
		e, ok := sl.last[setting{"user", lower(upn), pt}]
		consider(e, ok)
		for _, eff := range []join.Effective{effB, effA} {
			switch eff.Source {
			case join.SourceGroup:
				e, ok := sl.last[setting{"group", lower(eff.GroupID), pt}]
				consider(e, ok)
				e, ok = sl.members[[2]string{lower(eff.GroupID), lower(upn)}]
				consider(e, ok)
			case join.SourceTenant:
				e, ok := sl.last[setting{"tenant", "global", pt}]
				consider(e, ok)
			}
		}
		if found {
			return best.loc, true
		}
	}
	for _, by := range decidedBy {
		if s, ok := parseSetting(by); ok {
			if e, ok := sl.last[s]; ok {
				return e.loc, true
			}
		}
	}
	return Location{}, false
}

// parseSetting reads DecidedBy's Kind[Identity].Property, lower-cased;
// an input name (ClientType, MeetingType) is no setting.
func parseSetting(by string) (setting, bool) {
	i := strings.IndexByte(by, '[')
	j := strings.LastIndex(by, "].")
	if i <= 0 || j < i {
		return setting{}, false
	}
	return setting{lower(by[:i]), lower(by[i+1 : j]), lower(by[j+2:])}, true
}

// isMember reports whether the script added upn to the group.
func (sl *scriptLog) isMember(groupID, upn string) bool {
	if len(sl.members) == 0 || groupID == "" {
		return false
	}
	_, ok := sl.members[[2]string{lower(groupID), lower(upn)}]
	return ok
}

// hasDirect reports whether the script changed upn's direct meeting
// policy assignment.
func (sl *scriptLog) hasDirect(upn string) bool {
	if !sl.direct {
		return false
	}
	_, ok := sl.last[setting{"user", lower(upn), lower(join.PolicyTeamsMeeting)}]
	return ok
}
