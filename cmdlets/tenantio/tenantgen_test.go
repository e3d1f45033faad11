package tenantio

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/csemu/csemu/state"
)

// randomTenant makes a tenant for the round-trip property tests: every
// known kind's Global object with some properties changed, named policies,
// unknown properties, federation allow and block lists, users with direct
// policies, licences and groups, group assignments with ranks and
// tenant-wide grants. Values are those every export format can carry:
// booleans, integers, strings (with quotes, dollars, spaces and
// non-ASCII letters) and lists of strings.
func randomTenant(r *rand.Rand) *state.Tenant {
	t := state.NewTenant()
	words := []string{"Alpha", "Beta", "Gamma team", "Ünïcode", "O'Brien", `say "hi"`, "cost $5", "back`tick", "semi;colon", "a,b"}
	word := func() string { return words[r.IntN(len(words))] }
	mutate := func(o *state.Object) {
		for i := range o.Props {
			if r.IntN(3) != 0 {
				continue
			}
			switch v := o.Props[i].Value.(type) {
			case bool:
				o.Props[i].Value = !v
			case int64:
				o.Props[i].Value = int64(r.IntN(1000))
			case string:
				if o.Props[i].Name != "AllowedDomains" {
					o.Props[i].Value = v // enums keep a valid value
				}
			}
		}
		for range r.IntN(3) {
			name := fmt.Sprintf("FutureSetting%d", r.IntN(100))
			switch r.IntN(4) {
			case 0:
				o.Set(name, r.IntN(2) == 0)
			case 1:
				o.Set(name, int64(r.IntN(100000)))
			case 2:
				o.Set(name, word())
			default:
				o.Set(name, []any{word(), word()})
			}
		}
	}
	for _, k := range t.Kinds() {
		for _, o := range t.Objects(k) {
			mutate(o)
			t.PutObject(o)
		}
	}
	fed, _ := t.Object(state.KindTenantFederationConfiguration, "Global")
	switch r.IntN(3) {
	case 0:
		fed.Set("AllowedDomains", allowList([]string{"contoso.com", "fabrikam.com"}[:1+r.IntN(2)]))
	case 1:
		fed.Set("BlockedDomains", domainPatterns([]string{"evil.example", "spam.example"}[:1+r.IntN(2)]))
	}
	t.PutObject(fed)
	var policies []string
	for i := range 1 + r.IntN(4) {
		for _, kind := range []string{state.KindTeamsMeetingPolicy, state.KindExternalAccessPolicy, state.KindTeamsAppPermissionPolicy} {
			def, _ := state.DefaultObject(kind)
			o := def.Clone()
			o.Identity = fmt.Sprintf("Tag:%s %d", word(), i)
			mutate(o)
			t.PutObject(o)
			if kind == state.KindTeamsMeetingPolicy {
				policies = append(policies, policyName(o.Identity))
			}
		}
	}
	var groups []string
	for i := range 1 + r.IntN(3) {
		g := &state.Group{ID: fmt.Sprintf("%08d-0000-0000-0000-%012d", i, r.IntN(1e9)), DisplayName: fmt.Sprintf("Group %s %d", word(), i)}
		t.PutGroup(g)
		groups = append(groups, g.ID)
	}
	for i := range r.IntN(8) {
		u := &state.User{UPN: fmt.Sprintf("user%d@contoso.com", i), DisplayName: word(), Department: word(),
			ObjectID: fmt.Sprintf("%08d-1111-1111-1111-%012d", i, r.IntN(1e9)), Enabled: true}
		if r.IntN(2) == 0 {
			u.Licenses = []string{"MCOMEETADV", "ENTERPRISEPACK"}[:1+r.IntN(2)]
		}
		for _, g := range groups {
			if r.IntN(2) == 0 {
				u.Groups = append(u.Groups, g)
			}
		}
		if r.IntN(2) == 0 && len(policies) > 0 {
			u.SetPolicy("TeamsMeetingPolicy", policies[r.IntN(len(policies))])
		}
		t.PutUser(u)
	}
	for _, g := range groups {
		if r.IntN(2) == 0 && len(policies) > 0 {
			t.AddGroupAssignment(state.GroupAssignment{GroupID: g, PolicyType: "TeamsMeetingPolicy", PolicyName: policies[r.IntN(len(policies))]})
		}
	}
	if r.IntN(2) == 0 && len(policies) > 0 {
		t.SetTenantGrant("TeamsMeetingPolicy", policies[0])
	}
	return t
}

// diffTenants lists the differences between two tenants' contents
// (objects compared by property name, the directory, assignments and
// grants; the change log is not compared).
func diffTenants(a, b *state.Tenant) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	kinds := slices.Concat(a.Kinds(), b.Kinds())
	sort.Strings(kinds)
	kinds = slices.Compact(kinds)
	for _, k := range kinds {
		for _, o := range a.Objects(k) {
			p, ok := b.Object(k, o.Identity)
			if !ok {
				add("%s %s: missing", k, o.Identity)
				continue
			}
			if p.Identity != o.Identity {
				add("%s %s: identity spelled %q", k, o.Identity, p.Identity)
			}
			for _, pr := range o.Props {
				v, ok := p.Get(pr.Name)
				if !ok {
					add("%s %s.%s: missing (want %s)", k, o.Identity, pr.Name, show(pr.Value))
				} else if !state.Equal(pr.Value, v) {
					add("%s %s.%s = %s, want %s", k, o.Identity, pr.Name, show(v), show(pr.Value))
				}
			}
			for _, pr := range p.Props {
				if !o.Has(pr.Name) {
					add("%s %s.%s: extra (%s)", k, o.Identity, pr.Name, show(pr.Value))
				}
			}
		}
		for _, p := range b.Objects(k) {
			if _, ok := a.Object(k, p.Identity); !ok {
				add("%s %s: extra", k, p.Identity)
			}
		}
	}
	for u := range a.Users() {
		v, ok := b.User(u.UPN)
		if !ok {
			add("user %s: missing", u.UPN)
			continue
		}
		if u.DisplayName != v.DisplayName || u.Department != v.Department || !strings.EqualFold(u.ObjectID, v.ObjectID) || u.Enabled != v.Enabled {
			add("user %s: %+v, want %+v", u.UPN, *v, *u)
		}
		if !slices.Equal(u.Licenses, v.Licenses) {
			add("user %s: licences %v, want %v", u.UPN, v.Licenses, u.Licenses)
		}
		if !sameSet(u.Groups, v.Groups) {
			add("user %s: groups %v, want %v", u.UPN, v.Groups, u.Groups)
		}
		for _, d := range u.Direct {
			if v.Policy(d.PolicyType) != d.PolicyName {
				add("user %s: %s = %q, want %q", u.UPN, d.PolicyType, v.Policy(d.PolicyType), d.PolicyName)
			}
		}
		if len(u.Direct) != len(v.Direct) {
			add("user %s: direct %v, want %v", u.UPN, v.Direct, u.Direct)
		}
	}
	if a.NumUsers() != b.NumUsers() {
		add("users: %d, want %d", b.NumUsers(), a.NumUsers())
	}
	for _, g := range a.Groups() {
		h, ok := b.Group(g.ID)
		if !ok || h.DisplayName != g.DisplayName {
			add("group %s %q: got %+v", g.ID, g.DisplayName, h)
		}
	}
	if len(a.Groups()) != len(b.Groups()) {
		add("groups: %d, want %d", len(b.Groups()), len(a.Groups()))
	}
	ga, gb := a.GroupAssignments(""), b.GroupAssignments("")
	if len(ga) != len(gb) {
		add("group assignments: %+v, want %+v", gb, ga)
	} else {
		for i := range ga {
			x, y := ga[i], gb[i]
			if !strings.EqualFold(x.GroupID, y.GroupID) || x.PolicyType != y.PolicyType || x.PolicyName != y.PolicyName || x.Rank != y.Rank {
				add("group assignment %d: %+v, want %+v", i, y, x)
			}
		}
	}
	if !slices.Equal(a.TenantGrants(), b.TenantGrants()) {
		add("grants: %v, want %v", b.TenantGrants(), a.TenantGrants())
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return strings.EqualFold(x, y) }) {
			return false
		}
	}
	return true
}

func show(v any) string {
	if v == nil {
		return "$null"
	}
	return fmt.Sprintf("%T %s", v, state.Text(v))
}
