package lint

import (
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

// Knowledge is what lint knows to exist beyond the script it checks: the
// policies the other scripts of its folder create, and the policies and
// users of a tenant file. The never-created-policy rule (CSE1401) does not
// report a policy it knows.
type Knowledge struct {
	// policies maps a folder ("" for a tenant: every folder) to the
	// policies known there, by policyKey; a key of a noun alone marks a
	// New- of that noun whose identity is not a constant.
	policies map[string]map[string]bool
	users    map[string]bool
}

// NewKnowledge returns an empty Knowledge.
func NewKnowledge() *Knowledge {
	return &Knowledge{policies: map[string]map[string]bool{}, users: map[string]bool{}}
}

// policyNoun is a policy noun as the rules compare it: lower-case, without
// the Cs prefix (CsTeamsMeetingPolicy and the tenant's kind
// TeamsMeetingPolicy alike).
func policyNoun(noun string) string {
	return strings.TrimPrefix(strings.ToLower(noun), "cs")
}

func policyKey(noun, id string) string { return policyNoun(noun) + "\x00" + normPolicy(id) }

func (k *Knowledge) add(dir, key string) {
	m := k.policies[dir]
	if m == nil {
		m = map[string]bool{}
		k.policies[dir] = m
	}
	m[key] = true
}

// AddPolicy notes a policy that exists for every script: noun is the
// cmdlet noun (CsTeamsMeetingPolicy) or the tenant's kind
// (TeamsMeetingPolicy); the identity's Tag: prefix does not matter.
func (k *Knowledge) AddPolicy(noun, identity string) {
	k.add("", policyKey(noun, identity))
}

// AddUser notes a user that exists, by user principal name.
func (k *Knowledge) AddUser(upn string) {
	k.users[strings.ToLower(upn)] = true
}

// AddTenant notes the policies and the users of a tenant. It only reads t.
func (k *Knowledge) AddTenant(t *state.Tenant) {
	for _, kind := range t.Kinds() {
		if !strings.HasSuffix(strings.ToLower(kind), "policy") {
			continue
		}
		for _, o := range t.Objects(kind) {
			k.AddPolicy(kind, o.Identity)
		}
	}
	for u := range t.Users() {
		k.AddUser(u.UPN)
	}
}

// AddScript notes the policies a script creates with New-, for the other
// scripts of its folder. A script that does not parse adds nothing.
func (k *Knowledge) AddScript(path, src string, env *Env) {
	f := &File{Path: path, Src: src}
	script, err := parser.Parse(path, src)
	if err != nil || script == nil || env == nil || env.Commands == nil {
		return
	}
	f.Script = script
	a := runAnalyzer(f, env)
	dir := filepath.Dir(path)
	for _, u := range a.uses {
		if u.verb == "new" && u.known {
			k.add(dir, policyKey(u.noun, u.id))
		}
	}
	for noun := range a.anyNew {
		k.add(dir, policyNoun(noun))
	}
}

// HasPolicy reports whether the policy is known to exist for the script
// at path: created by a script of its folder, or in the tenant.
func (k *Knowledge) HasPolicy(path, noun, identity string) bool {
	if k == nil {
		return false
	}
	key := policyKey(noun, identity)
	if k.policies[""][key] {
		return true
	}
	m := k.policies[filepath.Dir(path)]
	return m[key] || m[policyNoun(noun)]
}

// HasUser reports whether a user of the tenant has the user principal name.
func (k *Knowledge) HasUser(upn string) bool {
	return k != nil && k.users[strings.ToLower(strings.TrimSpace(upn))]
}

// NumUsers is how many users are known.
func (k *Knowledge) NumUsers() int {
	if k == nil {
		return 0
	}
	return len(k.users)
}
