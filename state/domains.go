package state

// The stored forms of the federation domain lists:
// TenantFederationConfiguration.AllowedDomains is the string
// "AllowAllKnownDomains" or an *Object of kind "AllowList" whose
// AllowedDomain property lists "DomainPattern" objects with a Domain
// property; BlockedDomains lists DomainPattern objects.

// DomainPatterns returns the stored form of a list of domains: a list of
// DomainPattern objects.
func DomainPatterns(domains []string) []any {
	out := make([]any, 0, len(domains))
	for _, d := range domains {
		p := &Object{Kind: "DomainPattern"}
		p.Set("Domain", d)
		out = append(out, p)
	}
	return out
}

// AllowList returns the stored form of an allow list of domains (an
// empty list allows no domain).
func AllowList(domains []string) *Object {
	o := &Object{Kind: "AllowList"}
	o.Set("AllowedDomain", DomainPatterns(domains))
	return o
}

// IsGUID reports whether s is a GUID in its 8-4-4-4-12 form, as Entra
// object IDs are written.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
