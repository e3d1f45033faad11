package teams

import (
	"fmt"
	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"strings"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// The federation objects, as the tenant stores them:
//
//   - TenantFederationConfiguration.AllowedDomains is the string
//     "AllowAllKnownDomains" (every domain not blocked is allowed; the
//     default) or an allow list: an *state.Object of kind "AllowList" whose
//     AllowedDomain property lists *state.Object values of kind
//     "DomainPattern", each with a Domain property. An empty allow list
//     allows no domain at all.
//   - TenantFederationConfiguration.BlockedDomains lists DomainPattern
//     objects; the service reads it only while AllowedDomains is
//     AllowAllKnownDomains.
//   - The Skype for Business Server allowed and blocked domains are
//     objects of kinds state.KindAllowedDomain and state.KindBlockedDomain
//     whose identity is the domain name; a domain is on one list at most.
//
// Sources: Set-CsTenantFederationConfiguration.md, New-CsEdgeAllowList.md,
// New-CsEdgeDomainPattern.md, New-CsAllowedDomain.md and the other pages of
// MicrosoftDocs/office-docs-powershell named in cs_params_gen.go.

// allowAllKnownDomains is how AllowedDomains is stored when every domain
// that is not blocked is allowed.
const allowAllKnownDomains = "AllowAllKnownDomains"

// maxFederationDomains is the documented limit of the allowed and blocked
// lists together.
const maxFederationDomains = 4000

// edgeType is the namespace of the federation types of the real module.
const edgeType = "Microsoft.Rtc.Management.WritableConfig.Settings.Edge."

// federationHandlers returns the handlers of the federation cmdlets
// (New-CsEdge*, the tenant and ACS federation settings, allowed and blocked
// domains), keyed by cmdlet name.
func federationHandlers() map[string]func(c call) error {
	allowed := &domainList{kind: state.KindAllowedDomain, other: state.KindBlockedDomain, noun: "CsAllowedDomain",
		list: "allowed", otherList: "blocked", props: []string{"Comment", "MarkForMonitoring", "ProxyFqdn", "VerificationLevel"}}
	blocked := &domainList{kind: state.KindBlockedDomain, other: state.KindAllowedDomain, noun: "CsBlockedDomain",
		list: "blocked", otherList: "allowed", props: []string{"Comment"}}
	out := map[string]func(c call) error{
		"New-CsEdgeAllowAllKnownDomains":        newAllowAllKnownDomains,
		"New-CsEdgeDomainPattern":               newDomainPattern,
		"New-CsEdgeAllowList":                   newAllowList,
		"Set-CsTenantFederationConfiguration":   setTenantFederation,
		"Set-CsTeamsAcsFederationConfiguration": setAcsFederation,
	}
	for _, l := range []*domainList{allowed, blocked} {
		out["Get-"+l.noun] = l.get
		out["New-"+l.noun] = l.newDomain
		out["Set-"+l.noun] = l.set
		out["Remove-"+l.noun] = l.remove
	}
	return out
}

// federationParams corrects the documented parameter types that the real
// cmdlets do not have, so that the documented examples bind:
// New-CsEdgeAllowList -AllowedDomain takes domain pattern objects (typed
// String in the docs), Set-CsTenantFederationConfiguration
// -BlockAllSubdomains takes $True (a Boolean in the module, a switch in the
// docs), -VerificationLevel is the VerificationLevelType enum, and
// -AllowedAcsResources also takes an @{Add=..} list edit.
func federationParams(facts map[string]*cmdlets.Cmdlet) {
	retype := func(cmdlet, param string, fix func(p *cmdlets.ParamDef)) {
		if cmd, ok := facts[cmdlet]; ok {
			if p := cmd.Param(param); p != nil {
				fix(p)
			}
		}
	}
	retype("New-CsEdgeAllowList", "AllowedDomain", func(p *cmdlets.ParamDef) {
		p.Type, p.DotNet = "object", "System.Collections.Generic.List`1[Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DomainPattern]"
	})
	retype("Set-CsTenantFederationConfiguration", "BlockAllSubdomains", func(p *cmdlets.ParamDef) { p.Type = "bool" })
	retype("Set-CsTeamsAcsFederationConfiguration", "AllowedAcsResources", func(p *cmdlets.ParamDef) { p.Type, p.DotNet = "object", "System.String[]" })
	for _, cmdlet := range []string{"New-CsAllowedDomain", "Set-CsAllowedDomain"} {
		retype(cmdlet, "VerificationLevel", func(p *cmdlets.ParamDef) {
			p.Values, p.Enum = verificationLevels(), "VerificationLevelType"
		})
	}
}

// verificationLevels returns the names of VerificationLevelType
// (New-CsAllowedDomain.md).
func verificationLevels() []string {
	return []string{"AlwaysVerifiable", "AlwaysUnverifiable", "UseSourceVerification"}
}

// checkDomain checks that s is a domain name such as contoso.com and
// returns it trimmed, or a message saying what is wrong.
func checkDomain(s string) (string, string) {
	d := strings.TrimSpace(s)
	bad := func(why string) (string, string) { return "", fmt.Sprintf("%q is not a domain name: %s", s, why) }
	switch {
	case d == "":
		return "", "the domain name is empty"
	case strings.Contains(d, "*"):
		return bad("wildcards are not allowed; give each domain by its full name")
	case strings.Contains(d, "@"):
		return bad(`it looks like an address; give only the part after "@"`)
	case strings.Contains(d, "/") || strings.Contains(d, ":"):
		return bad("it looks like a URL; give only the host name")
	case len(d) > 253:
		return bad("it is longer than 253 characters")
	}
	for _, r := range d {
		if r != '-' && r != '.' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return bad(fmt.Sprintf("%q is not allowed; use letters, digits, hyphens and dots", string(r)))
		}
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return bad("a domain name has at least two labels, such as contoso.com")
	}
	for _, l := range labels {
		switch {
		case l == "":
			return bad("it has an empty label (two dots in a row, or a dot at an end)")
		case len(l) > 63:
			return bad(fmt.Sprintf("the label %q is longer than 63 characters", l))
		case l[0] == '-' || l[len(l)-1] == '-':
			return bad(fmt.Sprintf("the label %q starts or ends with a hyphen", l))
		}
	}
	if strings.IndexFunc(labels[len(labels)-1], func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return bad("it is an IP address, not a domain name")
	}
	return d, ""
}

// domainPatternPS returns a DomainPattern object as New-CsEdgeDomainPattern
// writes it.
func domainPatternPS(domain string) *value.Object {
	o := value.NewObject(edgeType + "DomainPattern")
	o.Set("Domain", domain)
	decorateEdge(o)
	return o
}

// decorateEdge gives the federation objects in v (DomainPattern,
// AllowList, also inside lists) their string form and default view, as
// PowerShell shows them inside a property: {Domain=contoso.com}.
func decorateEdge(v any) {
	switch x := v.(type) {
	case *value.Array:
		for _, it := range x.Items {
			decorateEdge(it)
		}
	case *value.Object:
		switch x.TypeName() {
		case edgeType + "DomainPattern":
			x.SetToStringGetter(func() any {
				d, _ := x.Get("Domain")
				return "Domain=" + value.ToString(d)
			})
			x.DefaultDisplay = []string{"Domain"}
		case edgeType + "AllowList":
			list, _ := x.Get("AllowedDomain")
			decorateEdge(list)
			x.SetToStringGetter(func() any {
				list, _ := x.Get("AllowedDomain")
				var parts []string
				for _, it := range value.AsSlice(list) {
					parts = append(parts, value.ToString(it))
				}
				return strings.Join(parts, ", ")
			})
			x.DefaultDisplay = []string{"AllowedDomain"}
		default:
			for _, p := range x.Props() {
				if p.Getter != nil {
					continue
				}
				if str, ok := p.Value.(string); ok && strings.EqualFold(p.Name, "AllowedDomains") && str == allowAllKnownDomains {
					// the stored choice reads back as the object Set- takes
					x.Set(p.Name, storedAllowAllPS())
					continue
				}
				decorateEdge(p.Value)
			}
		}
	}
}

// storedAllowAllPS is the AllowAllKnownDomains object that
// Get-CsTenantFederationConfiguration shows in AllowedDomains: it reads as
// AllowAllKnownDomains, as the service's object does, and
// Set-CsTenantFederationConfiguration -AllowedDomains takes it back.
func storedAllowAllPS() any { return allowAllValue{} }

// allowAllValue is the AllowAllKnownDomains choice as Get- shows it: an
// object without properties whose text is AllowAllKnownDomains.
type allowAllValue struct{}

// PSString is the object's text.
func (allowAllValue) PSString() string { return allowAllKnownDomains }

// PSTypeName is the object's .NET type.
func (allowAllValue) PSTypeName() string { return edgeType + allowAllKnownDomains }

func newAllowAllKnownDomains(c call) error {
	return c.Write(value.NewObject(edgeType + "AllowAllKnownDomains"))
}

func newDomainPattern(c call) error {
	d, msg := checkDomain(c.String("Domain"))
	if msg != "" {
		return c.Fail("InvalidDomain", cmdlets.InvalidArgument, "%s", msg)
	}
	return c.Write(domainPatternPS(d))
}

func newAllowList(c call) error {
	domains, err := domainItems(c, "AllowedDomain", c.Arg("AllowedDomain"))
	if err != nil {
		return err
	}
	list := &value.Array{List: true}
	for _, d := range domains {
		list.Items = append(list.Items, domainPatternPS(d))
	}
	o := value.NewObject(edgeType + "AllowList")
	o.Set("AllowedDomain", list)
	decorateEdge(o)
	return c.Write(o)
}

// domainOf returns the domain of a list item: a string or an object with
// a Domain property (a DomainPattern). ok is false for anything else.
func domainOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case *value.Object:
		if x.TypeName() == edgeType+"AllowList" || x.TypeName() == edgeType+"AllowAllKnownDomains" {
			return "", false
		}
		if d, ok := x.Get("Domain"); ok {
			return value.ToString(d), true
		}
		return "", false
	case *state.Object:
		if d, ok := x.Get("Domain"); ok {
			return state.Text(d), true
		}
		return "", false
	case *value.Hashtable:
		return "", false
	}
	return value.ToString(v), true
}

// domainItems returns the domains a parameter value lists (a domain, a
// DomainPattern, or a list of them), checked, without duplicates.
func domainItems(c call, param string, v any) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, it := range value.AsSlice(v) {
		if it == nil {
			continue
		}
		s, ok := domainOf(it)
		if !ok {
			return nil, c.Fail("InvalidDomain", cmdlets.InvalidArgument, "%s takes domain names or New-CsEdgeDomainPattern objects, not %s",
				param, value.TypeName(it))
		}
		d, msg := checkDomain(s)
		if msg != "" {
			return nil, c.Fail("InvalidDomain", cmdlets.InvalidArgument, "%s: %s", param, msg)
		}
		if k := strings.ToLower(d); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out, nil
}

// listEdit is the outcome of a list parameter: the new list and which
// edits the value asked for.
type listEdit struct {
	list                  []string
	add, remove, replace  bool
	removedMissing, plain bool
}

// editDomains applies the value of a list parameter to the current list:
// @{Add=..}, @{Remove=..} and @{Replace=..} edit it (in the order Replace,
// Add, Remove); anything else, $null included, replaces it.
func editDomains(c call, param string, cur []string, v any) (listEdit, error) {
	h, ok := v.(*value.Hashtable)
	if !ok {
		list, err := domainItems(c, param, v)
		return listEdit{list: list, plain: true}, err
	}
	var e listEdit
	for _, k := range h.Keys() {
		switch strings.ToLower(value.ToString(k)) {
		case "add", "remove", "replace":
		default:
			return e, c.Fail("InvalidListEdit", cmdlets.InvalidArgument,
				"%s does not take a hashtable with the key %q: use @{Add=...}, @{Remove=...} or @{Replace=...}", param, value.ToString(k))
		}
	}
	e.list = append([]string(nil), cur...)
	if rv, ok := hashGet(h, "Replace"); ok {
		items, err := domainItems(c, param, rv)
		if err != nil {
			return e, err
		}
		e.list, e.replace = items, true
	}
	if av, ok := hashGet(h, "Add"); ok {
		items, err := domainItems(c, param, av)
		if err != nil {
			return e, err
		}
		have := foldSet(e.list)
		for _, d := range items {
			if !have[strings.ToLower(d)] {
				e.list = append(e.list, d)
			}
		}
		e.add = true
	}
	if dv, ok := hashGet(h, "Remove"); ok {
		items, err := domainItems(c, param, dv)
		if err != nil {
			return e, err
		}
		have, drop := foldSet(e.list), foldSet(items)
		for _, d := range items {
			if !have[strings.ToLower(d)] {
				e.removedMissing = true
			}
		}
		kept := e.list[:0:0]
		for _, x := range e.list {
			if !drop[strings.ToLower(x)] {
				kept = append(kept, x)
			}
		}
		e.list, e.remove = kept, true
	}
	return e, nil
}

// foldSet returns the lower-cased domains of list as a set.
func foldSet(list []string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, d := range list {
		out[strings.ToLower(d)] = true
	}
	return out
}

// storedDomains returns the domains of a stored list (DomainPattern
// objects or strings).
func storedDomains(v any) []string {
	items, _ := v.([]any)
	var out []string
	for _, it := range items {
		if d, ok := domainOf(it); ok && d != "" {
			out = append(out, d)
		}
	}
	return out
}

// allowListOf returns the domains of a stored AllowedDomains value, and
// whether it is an allow list (false for AllowAllKnownDomains).
func allowListOf(v any) ([]string, bool) {
	o, ok := v.(*state.Object)
	if !ok || !strings.EqualFold(o.Kind, "AllowList") {
		return nil, false
	}
	list, _ := o.Get("AllowedDomain")
	return storedDomains(list), true
}

// notAllowedChoice is the engine's error for a value that is not an
// IAllowedDomainsChoice (an allow list or AllowAllKnownDomains).
func notAllowedChoice(c call, v any) error {
	return c.FailBinding("CannotConvertArgumentNoMessage",
		"Cannot bind parameter 'AllowedDomains'. Cannot convert the \"%s\" value of type \"%s\" to type \"%sIAllowedDomainsChoice\". Use New-CsEdgeAllowList or New-CsEdgeAllowAllKnownDomains to make the value, or -AllowedDomainsAsAList to give domain names.",
		value.ToString(v), value.TypeName(v), edgeType)
}

// allowedChoice returns the stored form of an -AllowedDomains value: an
// object from New-CsEdgeAllowList or New-CsEdgeAllowAllKnownDomains. $null
// empties the allow list. lenient also takes the string
// "AllowAllKnownDomains" that Get- shows (for -Instance).
func allowedChoice(c call, v any, lenient bool) (any, error) {
	if a, ok := v.(*value.Array); ok && len(a.Items) == 1 {
		v = a.Items[0]
	}
	switch x := v.(type) {
	case nil:
		return state.AllowList(nil), nil
	case allowAllValue:
		return allowAllKnownDomains, nil
	case string:
		if lenient && strings.EqualFold(x, allowAllKnownDomains) {
			return allowAllKnownDomains, nil
		}
	case *value.Object:
		switch x.TypeName() {
		case edgeType + "AllowAllKnownDomains":
			return allowAllKnownDomains, nil
		case edgeType + "AllowList":
			list, _ := x.Get("AllowedDomain")
			domains, err := domainItems(c, "AllowedDomains", list)
			if err != nil {
				return nil, err
			}
			return state.AllowList(domains), nil
		}
	}
	return nil, notAllowedChoice(c, v)
}

// familyOf returns the family of kind.
func familyOf(kind string) *family {
	for _, f := range families() {
		if f.kind == kind {
			return f
		}
	}
	return nil
}

// edgeFromPS converts a value to its stored form like fromPS, keeping the
// federation objects in their stored shape.
func edgeFromPS(v any) any {
	switch x := v.(type) {
	case *value.Array:
		items := make([]any, len(x.Items))
		for i, it := range x.Items {
			items[i] = edgeFromPS(it)
		}
		return items
	case *value.Object:
		switch x.TypeName() {
		case edgeType + "DomainPattern":
			d, _ := domainOf(x)
			return state.DomainPatterns([]string{d})[0]
		case edgeType + "AllowList":
			list, _ := x.Get("AllowedDomain")
			var domains []string
			for _, it := range value.AsSlice(list) {
				if d, ok := domainOf(it); ok {
					domains = append(domains, d)
				}
			}
			return state.AllowList(domains)
		case edgeType + "AllowAllKnownDomains":
			return allowAllKnownDomains
		}
	}
	nv := fromPS(v)
	if a, ok := nv.([]any); ok && a == nil {
		nv = []any{}
	}
	return nv
}

// setTenantFederation is Set-CsTenantFederationConfiguration: the
// generic Set- plus the allowed and blocked domain lists, which it checks
// and stores as federation objects, warning about settings that the
// service ignores.
func setTenantFederation(c call) error {
	f := familyOf(state.KindTenantFederationConfiguration)
	t, o, err := f.existing(c)
	if o == nil {
		return err
	}
	id := o.Identity
	props, fromInstance, err := f.givenProps(c, o)
	if err != nil {
		return err
	}
	fc := newFedChange(o)
	for _, p := range props {
		if err := fc.take(c, p, fromInstance[strings.ToLower(p.Name)]); err != nil {
			return err
		}
	}
	if n := len(fc.allowList) + len(fc.blocked); n > maxFederationDomains {
		return c.Fail("TooManyDomains", cmdlets.LimitsExceeded,
			"the allowed and blocked domain lists hold at most %d domains together; this change makes %d", maxFederationDomains, n)
	}
	dry := !c.ShouldProcess(id, c.Command().Name)
	changed := applyStored(c, t, o, fc.out, dry)
	for _, w := range fc.warnings() {
		c.Verbose("%s", w)
	}
	if changed && !dry {
		if err := t.PutObject(o); err != nil {
			return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
		}
	}
	return nil
}

// fedChange is a Set-CsTenantFederationConfiguration call being worked
// out: the stored values it sets, the domain lists as they will be, and
// what it did, for the warnings.
type fedChange struct {
	o   *state.Object
	out []state.Prop // stored values, in the order given

	allowList                  []string // the allow list, if isAllowList
	isAllowList, wasAllow      bool     // AllowedDomains is (was) an allow list
	blocked                    []string
	setAllowed, setBlocked     bool
	setSubdomains, setTrial    bool
	addedToAll, removedAll     bool // @{Add}/@{Remove} on AllowAllKnownDomains
	allowMissing, blockMissing bool // @{Remove} of a domain not on the list
}

func newFedChange(o *state.Object) *fedChange {
	allowed, _ := o.Get("AllowedDomains")
	blocked, _ := o.Get("BlockedDomains")
	fc := &fedChange{o: o, blocked: storedDomains(blocked)}
	fc.allowList, fc.isAllowList = allowListOf(allowed)
	fc.wasAllow = fc.isAllowList
	return fc
}

func (fc *fedChange) set(name string, v any) {
	fc.out = append(fc.out, state.Prop{Name: name, Value: v})
}

// setAllowedTo records the new AllowedDomains value.
func (fc *fedChange) setAllowedTo(v any) {
	fc.allowList, fc.isAllowList = allowListOf(v)
	fc.set("AllowedDomains", v)
}

// take works out one setting; fromInstance marks a value of -Instance,
// which is taken as Get- shows it rather than as a parameter value.
func (fc *fedChange) take(c call, p state.Prop, fromInstance bool) error {
	name := strings.ToLower(p.Name)
	if fromInstance && name != "alloweddomains" && name != "blockeddomains" {
		fc.set(p.Name, edgeFromPS(p.Value))
		return nil
	}
	switch name {
	case "alloweddomains":
		v, err := allowedChoice(c, p.Value, fromInstance)
		if err != nil {
			return err
		}
		cur, _ := fc.o.Get("AllowedDomains")
		fc.setAllowed = fc.setAllowed || !fromInstance || !sameStored(cur, v)
		fc.setAllowedTo(v)
	case "alloweddomainsasalist":
		e, err := editDomains(c, "AllowedDomainsAsAList", fc.allowList, p.Value)
		if err != nil {
			return err
		}
		if !fc.isAllowList && !e.plain && !e.replace {
			// AllowAllKnownDomains has no list: Add starts one, Remove
			// has nothing to remove from
			switch {
			case e.add:
				fc.addedToAll = true
			case e.remove:
				fc.removedAll = true
				return nil
			default:
				return nil // @{}: no edit
			}
		}
		fc.allowMissing = fc.allowMissing || e.removedMissing && fc.isAllowList
		fc.setAllowed = true
		fc.setAllowedTo(state.AllowList(e.list))
	case "blockeddomains":
		var e listEdit
		var err error
		if fromInstance {
			e.list, err = domainItems(c, "BlockedDomains", p.Value)
			cur, _ := fc.o.Get("BlockedDomains")
			fc.setBlocked = fc.setBlocked || !sameStored(cur, state.DomainPatterns(e.list))
		} else {
			e, err = editDomains(c, "BlockedDomains", fc.blocked, p.Value)
			fc.setBlocked = true
		}
		if err != nil {
			return err
		}
		fc.blockMissing = fc.blockMissing || e.removedMissing
		fc.blocked = e.list
		fc.set("BlockedDomains", state.DomainPatterns(e.list))
	case "allowedtrialtenantdomains":
		cur, _ := fc.o.Get(p.Name)
		var list []string
		for _, it := range value.AsSlice(toPS(cur)) {
			list = append(list, value.ToString(it))
		}
		e, err := editDomains(c, "AllowedTrialTenantDomains", list, p.Value)
		if err != nil {
			return err
		}
		items := make([]any, len(e.list))
		for i, d := range e.list {
			items[i] = d
		}
		fc.setTrial = true
		fc.set(p.Name, items)
	case "blockallsubdomains":
		fc.setSubdomains = true
		fc.set(p.Name, edgeFromPS(p.Value))
	default:
		cur, _ := fc.o.Get(p.Name)
		if nv, edited := applyListEdit(cur, p.Value); edited {
			fc.set(p.Name, nv)
			return nil
		}
		fc.set(p.Name, edgeFromPS(p.Value))
	}
	return nil
}

// final returns the value a property will have after the call.
func (fc *fedChange) final(name string, def any) any {
	for i := len(fc.out) - 1; i >= 0; i-- {
		if strings.EqualFold(fc.out[i].Name, name) {
			return fc.out[i].Value
		}
	}
	if v, ok := fc.o.Get(name); ok {
		return v
	}
	return def
}

// warnings name what the call set that the service ignores, or that does
// something a script may not expect, as Set-CsTenantFederationConfiguration.md
// describes it.
func (fc *fedChange) warnings() []string {
	var w []string
	switch {
	case fc.removedAll:
		w = append(w, "AllowedDomainsAsAList @{Remove=...} has no effect: AllowedDomains is AllowAllKnownDomains, which has no list to remove from.")
	case fc.addedToAll:
		w = append(w, fmt.Sprintf("AllowedDomains was AllowAllKnownDomains; adding to it made it an allow list, so users can now communicate only with %s.", domainsText(fc.allowList)))
	}
	if fc.allowMissing {
		w = append(w, "AllowedDomainsAsAList @{Remove=...} names a domain that is not on the allow list; it was left as it is.")
	}
	if fc.blockMissing {
		w = append(w, "BlockedDomains @{Remove=...} names a domain that is not on the blocked list; it was left as it is.")
	}
	if fc.isAllowList && len(fc.allowList) == 0 && fc.setAllowed {
		w = append(w, "AllowedDomains is an empty allow list: users cannot communicate with any external domain.")
	}
	blocking := fc.setBlocked && len(fc.blocked) > 0
	subdomains := fc.setSubdomains && value.ToBool(toPS(fc.final("BlockAllSubdomains", false)))
	switch {
	case fc.isAllowList && (blocking || subdomains):
		what := "BlockedDomains"
		if !blocking {
			what = "BlockAllSubdomains"
		}
		w = append(w, what+" has no effect: AllowedDomains is an allow list, so users can communicate only with the domains on it and the blocked list is ignored.")
	case fc.isAllowList && !fc.wasAllow && fc.setAllowed && len(fc.blocked) > 0:
		w = append(w, fmt.Sprintf("BlockedDomains (%s) is now ignored: AllowedDomains is an allow list, so users can communicate only with the domains on it.", domainsText(fc.blocked)))
	}
	if (fc.setAllowed || fc.setBlocked) && !value.ToBool(toPS(fc.final("AllowFederatedUsers", true))) {
		w = append(w, "AllowedDomains and BlockedDomains have no effect while AllowFederatedUsers is False: users cannot communicate with any external domain.")
	}
	if fc.setTrial && strings.EqualFold(state.Text(fc.final("ExternalAccessWithTrialTenants", nil)), "Allowed") {
		w = append(w, "AllowedTrialTenantDomains has no effect while ExternalAccessWithTrialTenants is Allowed: the list is not checked.")
	}
	return w
}

// domainsText names up to three domains of a list and counts the rest.
func domainsText(domains []string) string {
	switch n := len(domains); {
	case n == 0:
		return "no domain"
	case n <= 3:
		return strings.Join(domains, ", ")
	default:
		return fmt.Sprintf("%s and %d more", strings.Join(domains[:3], ", "), n-3)
	}
}

// applyStored sets the stored values props on o and records each change;
// with dry set it only shows them, as -WhatIf does. It reports whether
// anything changed.
func applyStored(c call, t *state.Tenant, o *state.Object, props []state.Prop, dry bool) bool {
	changed := false
	for _, p := range props {
		old, _ := o.Get(p.Name)
		if sameStored(old, p.Value) {
			if !dry {
				t.NoteUnchanged()
			}
			continue
		}
		changed = true
		if dry {
			c.WhatIfDetail(fmt.Sprintf("%s: %s -> %s", p.Name, join.ShowValue(old), join.ShowValue(p.Value)))
			continue
		}
		o.Set(p.Name, p.Value)
		c.recordChange(t, o.Kind, o.Identity, p.Name, old, p.Value)
	}
	return changed
}

// setAcsFederation is Set-CsTeamsAcsFederationConfiguration: the generic
// Set- with -AllowedAcsResources read as a list of resource IDs (or an
// @{Add=..} edit of it), warning about settings the service ignores.
func setAcsFederation(c call) error {
	f := familyOf(state.KindTeamsAcsFederationConfiguration)
	if c.Has("AllowedAcsResources") {
		v := c.Arg("AllowedAcsResources")
		ids := func(v any) *value.Array {
			out := &value.Array{List: true}
			for _, it := range value.AsSlice(v) {
				if it != nil {
					out.Items = append(out.Items, strings.TrimSpace(value.ToString(it)))
				}
			}
			return out
		}
		var all []any
		if h, ok := v.(*value.Hashtable); ok {
			edit := value.NewHashtable()
			for _, k := range h.Keys() {
				switch strings.ToLower(value.ToString(k)) {
				case "add", "remove", "replace":
				default:
					return c.Fail("InvalidListEdit", cmdlets.InvalidArgument,
						"AllowedAcsResources does not take a hashtable with the key %q: use @{Add=...}, @{Remove=...} or @{Replace=...}", value.ToString(k))
				}
				hv, _ := h.Get(k)
				a := ids(hv)
				edit.Set(k, a)
				if !strings.EqualFold(value.ToString(k), "remove") {
					all = append(all, a.Items...)
				}
			}
			c.SetArg("allowedacsresources", edit)
		} else {
			a := ids(v)
			c.SetArg("allowedacsresources", a)
			all = a.Items
		}
		for _, it := range all {
			if !value.IsGuid(strings.Trim(value.ToString(it), "{}")) {
				c.Verbose("AllowedAcsResources: %q is not an immutable resource ID; the service expects the GUID of the ACS resource shown in the Azure portal.", value.ToString(it))
			}
		}
	}
	if err := f.set(c); err != nil {
		return err
	}
	if c.WhatIf() {
		return nil
	}
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	o, ok := t.Object(f.kind, "Global")
	if !ok {
		return nil
	}
	enabled, _ := o.Get("EnableAcsUsers")
	resources, _ := o.Get("AllowedAcsResources")
	n := len(value.AsSlice(toPS(resources)))
	if !value.ToBool(enabled) {
		var ignored []string
		for _, name := range []string{"AllowedAcsResources", "RequireAcsFederationForMeeting", "LabelForAllowedAcsUsers", "HideBannerForAllowedAcsUsers"} {
			if c.Has(name) {
				ignored = append(ignored, name)
			}
		}
		if len(ignored) > 0 {
			c.Verbose("%s has no effect while EnableAcsUsers is False: the service ignores the other ACS federation settings.", strings.Join(ignored, ", "))
		}
	} else if n == 0 && (c.Has("EnableAcsUsers") || c.Has("AllowedAcsResources")) {
		c.Verbose("EnableAcsUsers is True but AllowedAcsResources is empty: no ACS resource can connect to Teams until one is listed.")
	}
	return nil
}

// domainList is one of the Skype for Business Server federation lists:
// the allowed domains or the blocked domains.
type domainList struct {
	kind, other     string // state kinds of this list and of the other one
	noun            string // "CsAllowedDomain"
	list, otherList string // "allowed", "blocked"
	props           []string
}

// label is how messages name the kind ("AllowedDomain").
func (l *domainList) label() string { return strings.TrimPrefix(l.noun, "Cs") }

func (l *domainList) otherNoun() string {
	return "Cs" + strings.ToUpper(l.otherList[:1]) + l.otherList[1:] + "Domain"
}

func (l *domainList) psObject(o *state.Object) *value.Object {
	out := value.NewObject(edgeType + l.label())
	out.Set("Identity", o.Identity)
	for _, p := range o.Props {
		out.Set(p.Name, toPS(p.Value))
	}
	return out
}

func (l *domainList) notFound(c call, id string) error {
	return c.Errorf("ObjectNotFound", cmdlets.ObjectNotFound, id, "Cannot find %q %q because it does not exist.", l.label(), id)
}

// defaults returns a new entry for domain with the default values.
func (l *domainList) defaults(domain string) *state.Object {
	o := &state.Object{Kind: l.kind, Identity: domain}
	o.Set("Domain", domain)
	for _, name := range l.props {
		switch name {
		case "MarkForMonitoring":
			o.Set(name, false)
		case "VerificationLevel":
			o.Set(name, "UseSourceVerification")
		default:
			o.Set(name, nil)
		}
	}
	return o
}

// settings returns the properties a New- or Set- call gives, checked.
func (l *domainList) settings(c call, from *value.Object) ([]state.Prop, error) {
	var out []state.Prop
	for _, name := range l.props {
		var v any
		switch {
		case c.Has(name):
			v = c.Arg(name)
		case from != nil:
			iv, ok := from.Get(name)
			if !ok {
				continue
			}
			v = iv
		default:
			continue
		}
		switch name {
		case "MarkForMonitoring":
			v = value.ToBool(v)
		case "VerificationLevel":
			if v == nil {
				v = "UseSourceVerification"
				break
			}
			s := value.ToString(v)
			found := false
			for _, lv := range verificationLevels() {
				if strings.EqualFold(strings.TrimSpace(s), lv) {
					v, found = lv, true
				}
			}
			if !found {
				return nil, c.Fail("InvalidValue", cmdlets.InvalidArgument, "cannot set VerificationLevel to %q: the value must be one of %s",
					s, strings.Join(verificationLevels(), ", "))
			}
		case "ProxyFqdn":
			if v == nil || value.ToString(v) == "" {
				v = nil
				break
			}
			d, msg := checkDomain(value.ToString(v))
			if msg != "" {
				return nil, c.Fail("InvalidValue", cmdlets.InvalidArgument, "ProxyFqdn: %s", msg)
			}
			v = d
		default:
			if v != nil {
				v = value.ToString(v)
			}
		}
		out = append(out, state.Prop{Name: name, Value: v})
	}
	return out, nil
}

// canAdd reports whether domain can be added to the list, writing the
// error when it is there already or on the other list; err is the error
// to return (set with -ErrorAction Stop).
func (l *domainList) canAdd(c call, t *state.Tenant, domain string) (ok bool, err error) {
	if _, exists := t.Object(l.kind, domain); exists {
		return false, c.Errorf("ObjectAlreadyExists", cmdlets.ResourceExists, domain, "Cannot create %q %q because it already exists.", l.label(), domain)
	}
	if _, onOther := t.Object(l.other, domain); onOther {
		return false, c.Errorf("DomainOnOtherList", cmdlets.InvalidOperation, domain,
			"cannot add %q to the %s domains: it is on the %s domains, and a domain cannot be on both lists (remove it first with Remove-%s)",
			domain, l.list, l.otherList, l.otherNoun())
	}
	return true, nil
}

// create stores a new entry, recording the change.
func (l *domainList) create(c call, t *state.Tenant, o *state.Object) error {
	c.recordChange(t, l.kind, o.Identity, "", nil, "created")
	def := l.defaults(o.Identity)
	for _, p := range o.Props {
		if old, _ := def.Get(p.Name); !sameStored(old, p.Value) {
			c.recordChange(t, l.kind, o.Identity, p.Name, old, p.Value)
		}
	}
	if err := t.PutObject(o); err != nil {
		return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	return nil
}

func (l *domainList) get(c call) error {
	return writeObjects(c, l.kind, func() (string, error) { return strings.TrimSpace(c.String("Identity")), nil },
		func(id string) error { return l.notFound(c, id) }, l.psObject)
}

func (l *domainList) newDomain(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	name := c.String("Identity")
	if c.Has("Domain") {
		name = c.String("Domain")
	}
	domain, msg := checkDomain(name)
	if msg != "" {
		return c.Fail("InvalidDomain", cmdlets.InvalidArgument, "%s", msg)
	}
	props, err := l.settings(c, nil)
	if err != nil {
		return err
	}
	o := l.defaults(domain)
	for _, p := range props {
		o.Set(p.Name, p.Value)
	}
	if c.Bool("InMemory") {
		// an object to edit and save with Set- -Instance
		return c.Write(l.psObject(o))
	}
	if ok, err := l.canAdd(c, t, domain); !ok {
		return err
	}
	if !c.ShouldProcess(domain, c.Command().Name) {
		return nil
	}
	if err := l.create(c, t, o); err != nil {
		return err
	}
	return c.Write(l.psObject(o))
}

func (l *domainList) set(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	inst, _ := c.Arg("Instance").(*value.Object)
	if c.Has("Instance") && inst == nil {
		return c.Fail("InvalidInstance", cmdlets.InvalidArgument, "-Instance takes an object from Get-%s or New-%s -InMemory", l.noun, l.noun)
	}
	var id string
	switch {
	case c.Has("Identity") && c.Arg("Identity") != nil:
		id = strings.TrimSpace(c.String("Identity"))
	case inst != nil:
		v, _ := inst.Get("Identity")
		id = strings.TrimSpace(value.ToString(v))
	}
	if id == "" {
		return c.Fail("MissingIdentity", cmdlets.InvalidArgument, "name the domain to change with -Identity or -Instance")
	}
	props, err := l.settings(c, inst)
	if err != nil {
		return err
	}
	o, ok := t.Object(l.kind, id)
	if !ok {
		if inst == nil || inst.TypeName() != edgeType+l.label() {
			return l.notFound(c, id)
		}
		// New-... -InMemory, then Set- -Instance: the domain is added now
		domain, msg := checkDomain(id)
		if msg != "" {
			return c.Fail("InvalidDomain", cmdlets.InvalidArgument, "%s", msg)
		}
		if ok, err := l.canAdd(c, t, domain); !ok {
			return err
		}
		o = l.defaults(domain)
		for _, p := range props {
			o.Set(p.Name, p.Value)
		}
		if !c.ShouldProcess(domain, c.Command().Name) {
			return nil
		}
		return l.create(c, t, o)
	}
	dry := !c.ShouldProcess(o.Identity, c.Command().Name)
	if applyStored(c, t, o, props, dry) && !dry {
		if err := t.PutObject(o); err != nil {
			return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
		}
	}
	return nil
}

func (l *domainList) remove(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	id := strings.TrimSpace(c.String("Identity"))
	o, ok := t.Object(l.kind, id)
	if !ok {
		return l.notFound(c, id)
	}
	if !c.ShouldProcess(o.Identity, c.Command().Name) {
		return nil
	}
	t.DeleteObject(l.kind, o.Identity)
	c.recordChange(t, l.kind, o.Identity, "", "created", "removed")
	return nil
}
