package tenantio

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// The stored forms of the federation lists (see cmdlets/teams
// cs_federation.go): AllowedDomains is the string "AllowAllKnownDomains"
// or an *state.Object of kind "AllowList" whose AllowedDomain property
// lists "DomainPattern" objects with a Domain property; BlockedDomains
// lists DomainPattern objects.

// allowAll is the stored AllowedDomains value that allows every domain
// that is not blocked.
const allowAll = "AllowAllKnownDomains"

// domainPatterns returns the stored form of a list of domains.
func domainPatterns(domains []string) []any { return state.DomainPatterns(domains) }

// allowList returns the stored form of an allow list of domains (an empty
// list allows no domain).
func allowList(domains []string) *state.Object { return state.AllowList(domains) }

// domainsOfText returns the domains of the text that ConvertTo-Json
// writes for a domain pattern list nested deeper than its -Depth:
// "Domain=contoso.com" or "Domain=a.com Domain=b.com" (commas and
// semicolons are accepted too). Text without "Domain=" is read as plain
// domains separated by spaces, commas or semicolons.
func domainsOfText(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\t' || r == '\n' || r == '\r' })
	var out []string
	for _, w := range f {
		if i := strings.IndexByte(w, '='); i >= 0 {
			if !strings.EqualFold(w[:i], "Domain") {
				continue
			}
			w = w[i+1:]
		}
		w = strings.Trim(w, `"'{}`)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// DomainsOf returns the domains of a stored AllowedDomain or
// BlockedDomains list, and whether v is such a list.
func DomainsOf(v any) ([]string, bool) {
	items, ok := v.([]any)
	if !ok {
		return nil, false
	}
	var out []string
	for _, it := range items {
		switch x := it.(type) {
		case *state.Object:
			if d, ok := x.Get("Domain"); ok {
				if s, ok := d.(string); ok && s != "" {
					out = append(out, s)
				}
			}
		case string:
			out = append(out, x)
		}
	}
	return out, true
}
