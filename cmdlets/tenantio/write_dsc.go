package tenantio

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csemu/csemu/state"
)

// writeDSC writes M365TenantConfig.ps1, a Microsoft365DSC configuration in
// the shape Export-M365DSCConfiguration writes (exports.md sections 3 and
// 6): the objects of the kinds that have a Microsoft365DSC resource, the
// group policy assignments and the users' direct assignments. The kinds
// without a resource are named in a comment at the top. Reading the file
// back with the same organization name gives the same objects, users'
// assignments and group assignments.
func writeDSC(t *state.Tenant, o WriteOptions) ([]*Source, error) {
	w := &dscWriter{org: o.OrganizationName}
	var b strings.Builder
	w.b = &b
	b.WriteString("# Microsoft365DSC configuration of the tenant, as Export-M365DSCConfiguration writes it.\n")
	if missing := dscUnwritten(t); len(missing) > 0 {
		b.WriteString("# Not in this file (Microsoft365DSC has no resource for them): " + strings.Join(missing, ", ") + ".\n")
	}
	b.WriteString(`param (
    [parameter()]
    [System.Management.Automation.PSCredential]
    $Credential
)

Configuration M365TenantConfig
{
    param (
        [parameter()]
        [System.Management.Automation.PSCredential]
        $Credential
    )

    if ($null -eq $Credential)
    {
        <# Credentials #>
        $Credscredential = Get-Credential -Message "Credentials"
    }
    else
    {
        $CredsCredential = $Credential
    }

    $OrganizationName = $CredsCredential.UserName.Split('@')[1]

    Import-DscResource -ModuleName 'Microsoft365DSC'

    Node localhost
    {
`)
	for _, res := range dscResources() {
		for _, obj := range t.Objects(res.Kind) {
			w.object(res, obj)
		}
	}
	for _, ga := range t.GroupAssignments("") {
		w.groupAssignment(t, ga)
	}
	var users []*state.User
	for u := range t.Users() {
		if len(u.Direct) > 0 {
			users = append(users, u)
		}
	}
	sort.SliceStable(users, func(i, j int) bool { return strings.ToLower(users[i].UPN) < strings.ToLower(users[j].UPN) })
	for _, u := range users {
		w.userAssignment(u)
	}
	b.WriteString("    }\n}\n\nM365TenantConfig -Credential $Credential\n")
	return []*Source{{Name: "M365TenantConfig.ps1", Data: []byte(b.String())}}, nil
}

// dscUnwritten returns the kinds of t that have no Microsoft365DSC
// resource, sorted.
func dscUnwritten(t *state.Tenant) []string {
	var out []string
	for _, k := range t.Kinds() {
		if _, ok := dscResourceOfKind(k); !ok {
			out = append(out, k)
		}
	}
	return out
}

// dscResourceOfKind returns the resource of a kind.
func dscResourceOfKind(kind string) (dscResource, bool) {
	for _, r := range dscResources() {
		if strings.EqualFold(r.Kind, kind) {
			return r, true
		}
	}
	return dscResource{}, false
}

// dscPolicyResource reports the resources that take Ensure: the named
// policies (Microsoft365DSC's configurations and apps have none).
func dscPolicyResource(res dscResource) bool {
	return res.Key == "Identity"
}

type dscWriter struct {
	b   *strings.Builder
	org string
}

// dscLine is one property of a resource block: its name and its value as
// PowerShell text.
type dscLine struct{ name, value string }

// block writes a resource block.
func (w *dscWriter) block(resource, instance string, lines []dscLine) {
	width := 0
	for _, l := range lines {
		width = max(width, len(dscKeyText(l.name)))
	}
	fmt.Fprintf(w.b, "        %s %s\n        {\n", resource, dscQuote(resource+"-"+instance))
	for _, l := range lines {
		fmt.Fprintf(w.b, "            %-*s = %s;\n", width, dscKeyText(l.name), l.value)
	}
	w.b.WriteString("        }\n")
}

// object writes the resource block of an object.
func (w *dscWriter) object(res dscResource, obj *state.Object) {
	var lines []dscLine
	switch {
	case res.Key != "":
		lines = append(lines, dscLine{res.Key, w.str(obj.Identity)})
	case res.Kind == KindTeamsOrgWideAppSettings:
		lines = append(lines, dscLine{"IsSingleInstance", `"Yes"`})
	default:
		lines = append(lines, dscLine{"Identity", `"Global"`})
	}
	for _, p := range obj.Props {
		if dscAuth(p.Name) || strings.EqualFold(p.Name, "Ensure") || strings.EqualFold(p.Name, "Identity") ||
			strings.EqualFold(p.Name, res.Key) || strings.EqualFold(p.Name, "IsSingleInstance") {
			continue
		}
		lines = append(lines, dscLine{p.Name, w.prop(res.Kind, p.Name, p.Value)})
	}
	if dscPolicyResource(res) {
		lines = append(lines, dscLine{"Ensure", `"Present"`})
	}
	lines = append(lines, dscLine{"Credential", "$Credscredential"})
	w.block(res.Resource, obj.Identity, lines)
}

// groupAssignment writes a TeamsGroupPolicyAssignment block.
func (w *dscWriter) groupAssignment(t *state.Tenant, ga state.GroupAssignment) {
	name := ga.GroupID
	if g, ok := t.Group(ga.GroupID); ok && g.DisplayName != "" {
		name = g.DisplayName
	}
	lines := []dscLine{
		{"GroupDisplayName", w.str(name)},
		{"GroupId", w.str(ga.GroupID)},
		{"PolicyType", w.str(ga.PolicyType)},
		{"PolicyName", w.str(policyName(ga.PolicyName))},
		{"Priority", strconv.Itoa(ga.Rank)},
		{"Ensure", `"Present"`},
		{"Credential", "$Credscredential"},
	}
	w.block(dscGroupAssignment, name+"-"+ga.PolicyType, lines)
}

// userAssignment writes a TeamsUserPolicyAssignment block.
func (w *dscWriter) userAssignment(u *state.User) {
	lines := []dscLine{{"User", w.str(u.UPN)}}
	for _, d := range u.Direct {
		lines = append(lines, dscLine{d.PolicyType, w.str(policyName(d.PolicyName))})
	}
	lines = append(lines, dscLine{"Credential", "$Credscredential"})
	w.block(dscUserAssignment, u.UPN, lines)
}

// prop returns a property's value as PowerShell text, in Microsoft365DSC's
// form where it differs from the tenant's: BlockedAnonymousJoinClientTypes
// as one comma-separated string, the federation domain lists as arrays of
// plain domains (AllowAllKnownDomains as an empty array).
func (w *dscWriter) prop(kind, name string, v any) string {
	switch {
	case kind == state.KindTeamsMeetingPolicy && strings.EqualFold(name, "BlockedAnonymousJoinClientTypes"):
		if l, ok := v.([]any); ok {
			var parts []string
			all := true
			for _, e := range l {
				s, ok := e.(string)
				if !ok || strings.Contains(s, ",") {
					all = false
					break
				}
				parts = append(parts, s)
			}
			if all {
				return w.str(strings.Join(parts, ","))
			}
		}
	case kind == state.KindTenantFederationConfiguration && strings.EqualFold(name, "AllowedDomains"):
		if s, ok := v.(string); ok && s == allowAll {
			return "@()"
		}
		if o, ok := v.(*state.Object); ok && strings.EqualFold(o.Kind, "AllowList") {
			l, _ := o.Get("AllowedDomain")
			if ds, ok := DomainsOf(l); ok && len(ds) > 0 {
				return w.array(ds)
			}
		}
	case kind == state.KindTenantFederationConfiguration && strings.EqualFold(name, "BlockedDomains"):
		if ds, ok := DomainsOf(v); ok {
			return w.array(ds)
		}
	}
	return w.value(v, 3)
}

// array returns @("a","b").
func (w *dscWriter) array(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = w.str(s)
	}
	return "@(" + strings.Join(parts, ",") + ")"
}

// value returns a stored value as PowerShell text; indent is the
// indentation level of the property, for nested CIM instances.
func (w *dscWriter) value(v any, indent int) string {
	switch x := v.(type) {
	case nil:
		return "$null"
	case bool:
		if x {
			return "$True"
		}
		return "$False"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return w.str(strconv.FormatFloat(x, 'g', -1, 64))
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	case string:
		return w.str(x)
	case []any:
		parts := make([]string, len(x))
		nested := false
		for i, e := range x {
			if _, ok := e.(*state.Object); ok {
				nested = true
			}
			parts[i] = w.value(e, indent+1)
		}
		if nested {
			pad := strings.Repeat("    ", indent+1)
			return "@(\n" + pad + strings.Join(parts, "\n"+pad) + "\n" + strings.Repeat("    ", indent) + ")"
		}
		return "@(" + strings.Join(parts, ",") + ")"
	case *state.Object:
		kind := x.Kind
		if !dscClassName(kind) {
			kind = "MSFT_Object"
		}
		var b strings.Builder
		b.WriteString(kind + "{\n")
		pad := strings.Repeat("    ", indent+1)
		for _, p := range x.Props {
			b.WriteString(pad + dscKeyText(p.Name) + " = " + w.value(p.Value, indent+1) + "\n")
		}
		b.WriteString(strings.Repeat("    ", indent) + "}")
		return b.String()
	}
	return w.str(fmt.Sprint(v))
}

// dscClassName reports whether s can be written as a CIM class name.
func dscClassName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// str returns s as a double-quoted PowerShell string; the organization's
// domain after an '@' (or as the whole value) is written as
// $OrganizationName, as Export-M365DSCConfiguration does.
func (w *dscWriter) str(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		if w.org != "" && strings.HasPrefix(s[i:], w.org) && (i == 0 || s[i-1] == '@') && dscDomainEnds(s, i+len(w.org)) {
			b.WriteString("$OrganizationName")
			i += len(w.org)
			continue
		}
		if r, n := utf8.DecodeRuneInString(s[i:]); r == '\u201C' || r == '\u201D' || r == '\u201E' {
			// PowerShell ends a "..." string at a typographic double quote
			b.WriteByte('`')
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		c := s[i]
		switch c {
		case '"', '`', '$':
			b.WriteByte('`')
			b.WriteByte(c)
		case 0:
			b.WriteString("`0")
		case '\r':
			b.WriteString("`r")
		case '\n':
			b.WriteString("`n")
		case '\t':
			b.WriteString("`t")
		default:
			b.WriteByte(c)
		}
		i++
	}
	b.WriteByte('"')
	return b.String()
}

// dscDomainEnds reports whether a domain ending at i ends there: the end of
// the string or a character that cannot continue a domain name.
func dscDomainEnds(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	c := s[i]
	return !(c == '.' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80)
}

// dscQuote returns s as a double-quoted PowerShell string (an instance
// name: no variable in it).
func dscQuote(s string) string {
	w := &dscWriter{}
	return w.str(s)
}

// dscKeyText returns a property name as a resource block's key: as it is
// when it is a plain word, else single-quoted.
func dscKeyText(name string) string {
	if dscClassName(name) {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
