package teams

import (
	"slices"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// maxCompletions bounds the users one completion returns (a directory can
// hold many thousand).
const maxCompletions = 100

// userParam reports whether a parameter takes a user of the directory.
func userParam(name string) bool {
	for _, n := range []string{"Organizer", "UserPrincipalName", "Member", "User", "Users"} {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// completer returns the Complete hook of parameter p of cmd, of family
// fam (nil for none): the policy identities and names of its family, the
// policy types, the groups or the users of the tenant at hand; nil when p
// takes none of those.
func (h *Holder) completer(cmd *cmdlets.Cmdlet, fam *family, p *cmdlets.ParamDef) func(cmdlets.CompletionRequest) []string {
	verb, _, _ := strings.Cut(cmd.Name, "-")
	is := func(n string) bool { return strings.EqualFold(p.Name, n) }
	switch {
	case is("identity") && fam != nil && !strings.EqualFold(verb, "Grant") && !strings.EqualFold(verb, "New"):
		return func(cmdlets.CompletionRequest) []string {
			var out []string
			if t := h.completionTenant(); t != nil {
				for _, o := range t.Objects(fam.kind) {
					out = append(out, o.Identity)
				}
			}
			return out
		}
	case is("policyname"):
		return func(r cmdlets.CompletionRequest) []string {
			kind := ""
			if fam != nil {
				kind = fam.kind
			} else if pt := r.Arg("PolicyType"); pt != "" {
				for _, f := range families() {
					if strings.EqualFold(f.policyType, pt) {
						kind = f.kind
					}
				}
			}
			var out []string
			if t := h.completionTenant(); t != nil && kind != "" {
				for _, o := range t.Objects(kind) {
					if o.Identity != "Global" {
						out = append(out, policyName(o.Identity))
					}
				}
			}
			return out
		}
	case is("policytype"):
		return func(cmdlets.CompletionRequest) []string {
			var out []string
			for _, f := range families() {
				if f.policyType != "" {
					out = append(out, f.policyType)
				}
			}
			return out
		}
	case is("group") || is("groupid"):
		return func(cmdlets.CompletionRequest) []string {
			var out []string
			if t := h.completionTenant(); t != nil {
				for _, g := range t.Groups() {
					out = append(out, g.ID)
				}
			}
			return out
		}
	case userParam(p.Name) && !strings.EqualFold(cmd.Name, "New-EmuUser"),
		is("identity") && (strings.EqualFold(verb, "Grant") || strings.Contains(strings.ToLower(cmd.Name), "user")):
		return func(r cmdlets.CompletionRequest) []string {
			t := h.completionTenant()
			if t == nil {
				return nil
			}
			return h.upns.match(t, r.Typed)
		}
	}
	return nil
}

// cmdletFamily returns the family of fams that a Get-, Set-, New-,
// Remove- or Grant- cmdlet manages, or nil.
func cmdletFamily(fams []*family, cmd *cmdlets.Cmdlet) *family {
	verb, noun, ok := strings.Cut(cmd.Name, "-")
	if !ok {
		return nil
	}
	switch strings.ToLower(verb) {
	case "get", "set", "new", "remove", "grant":
	default:
		return nil
	}
	qualifier := ""
	if cmd.Qualified {
		qualifier = cmd.Module + `\`
	}
	for _, f := range fams {
		if strings.EqualFold(f.noun, noun) && strings.EqualFold(f.qualifier, qualifier) {
			return f
		}
	}
	return nil
}

// upnIndex is the directory's user principal names sorted for prefix
// search, rebuilt when the tenant or its directory changes.
type upnIndex struct {
	t       *state.Tenant
	users   int
	changes int
	upns    []string // sorted by lower case
	lower   []string
}

// match returns the UPNs that start with prefix (ignoring case): at most
// maxCompletions of them, the first and the last included, so that their
// common prefix is the common prefix of all.
func (x *upnIndex) match(t *state.Tenant, prefix string) []string {
	if x.t != t || x.users != t.NumUsers() || x.changes != t.NumChanges() {
		x.build(t)
	}
	p := strings.ToLower(prefix)
	lo := sort.SearchStrings(x.lower, p)
	hi := lo + sort.Search(len(x.lower)-lo, func(i int) bool { return !strings.HasPrefix(x.lower[lo+i], p) })
	if hi-lo <= maxCompletions {
		return slices.Clone(x.upns[lo:hi])
	}
	out := slices.Clone(x.upns[lo : lo+maxCompletions-1])
	return append(out, x.upns[hi-1])
}

func (x *upnIndex) build(t *state.Tenant) {
	type pair struct{ lower, upn string }
	pairs := make([]pair, 0, t.NumUsers())
	for u := range t.Users() {
		pairs = append(pairs, pair{strings.ToLower(u.UPN), u.UPN})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].lower < pairs[j].lower })
	x.upns = make([]string, len(pairs))
	x.lower = make([]string, len(pairs))
	for i, p := range pairs {
		x.upns[i], x.lower[i] = p.upn, p.lower
	}
	x.t, x.users, x.changes = t, t.NumUsers(), t.NumChanges()
}
