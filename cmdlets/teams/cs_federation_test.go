package teams_test

import (
	"bytes"
	"context"
	"github.com/csemu/csemu/cmdlets/teams"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// fedCase runs script on a new in-memory tenant. out is the exact
// standard output; each of errs must appear in the error stream, which must
// be empty when errs is; check, when set, looks at the tenant afterwards.
type fedCase struct {
	name   string
	script string
	out    string
	errs   []string
	check  func(t *testing.T, tn *state.Tenant)
}

// fedPrelude defines fed, which prints the domain lists of the tenant
// federation configuration on one line.
const fedPrelude = `function fed {
    $c = Get-CsTenantFederationConfiguration
    "allowed=$($c.AllowedDomains) | blocked=$(@($c.BlockedDomains.Domain) -join ',')"
}
`

func runFed(t *testing.T, c fedCase) {
	t.Helper()
	tn := state.NewTenant()
	var out, errb bytes.Buffer
	h := teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return tn, nil }})
	s := cmdlets.NewSession(append([]cmdlets.Option{
		cmdlets.WithIO(strings.NewReader(""), &out, &errb),
		cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}),
		cmdlets.WithAllowWrite(false),
	}, h.Options()...)...)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// csemu's notes on settings that have no effect are its advice, not
	// the service's: they are on the verbose stream, never warnings
	prelude := fedPrelude
	for _, e := range c.errs {
		if strings.HasPrefix(e, "VERBOSE: ") {
			prelude = "$VerbosePreference = 'Continue'\n" + fedPrelude
			break
		}
	}
	_, err := s.Run(ctx, "t.ps1", prelude+c.script, nil)
	if err != nil && errb.Len() == 0 {
		errb.WriteString(err.Error())
	}
	if got := out.String(); got != c.out {
		t.Errorf("script:\n%s\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", c.script, got, c.out, errb.String())
	}
	got := errb.String()
	if strings.Contains(got, "WARNING:") {
		t.Errorf("script:\n%s\nwrites a warning:\n%s", c.script, got)
	}
	if len(c.errs) == 0 && got != "" {
		t.Errorf("script:\n%s\nunexpected stderr:\n%s", c.script, got)
	}
	for _, e := range c.errs {
		if !strings.Contains(got, e) {
			t.Errorf("script:\n%s\nstderr:\n%s\nwant it to contain:\n%s", c.script, got, e)
		}
	}
	if strings.Count(got, "\n") > len(c.errs) && len(c.errs) > 0 && !strings.Contains(strings.Join(c.errs, ""), "\n") {
		t.Errorf("script:\n%s\nstderr has more lines than expected:\n%s", c.script, got)
	}
	if c.check != nil {
		c.check(t, tn)
	}
}

// changes lists the change log entries of a kind as "identity property:
// old -> new", with runs of spaces collapsed.
func changes(tn *state.Tenant, kind string) []string {
	var out []string
	for _, ch := range tn.Changes(0) {
		if ch.Kind == kind {
			out = append(out, strings.Join(strings.Fields(ch.Identity+" "+ch.Property+": "+ch.Old+" -> "+ch.New), " "))
		}
	}
	return out
}

func wantChanges(kind string, want ...string) func(t *testing.T, tn *state.Tenant) {
	return func(t *testing.T, tn *state.Tenant) {
		t.Helper()
		got := changes(tn, kind)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("changes of %s:\n%s\nwant:\n%s", kind, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

var fedTests = []struct {
	group string
	cases []fedCase
}{
	{"edge_objects", []fedCase{
		{name: "domain pattern", script: `$x = New-CsEdgeDomainPattern -Domain " Contoso.com "
$x.PSObject.TypeNames[0]; $x.Domain; "$x"; $x`,
			out: "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DomainPattern\nContoso.com\nDomain=Contoso.com\n\nDomain\n------\nContoso.com\n\n"},
		{name: "allow list of patterns and names", script: `$x = New-CsEdgeDomainPattern -Domain contoso.com
$l = New-CsEdgeAllowList -AllowedDomain $x, 'fabrikam.com', 'CONTOSO.com'
$l.PSObject.TypeNames[0]; $l.AllowedDomain.Count; $l.AllowedDomain.Domain -join ','; "$l"; $l`,
			out: "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList\n2\ncontoso.com,fabrikam.com\nDomain=contoso.com, Domain=fabrikam.com\n\nAllowedDomain\n-------------\n{Domain=contoso.com, Domain=fabrikam.com}\n\n"},
		// The documented members of a DomainPattern and an AllowList are
		// Domain and AllowedDomain (New-CsEdgeDomainPattern, New-CsEdgeAllowList
		// pages): what "$x" prints is the object's ToString(), not a property
		// that Get-Member, Format-List * or ConvertTo-Json would show.
		{name: "text is no property", script: `$x = New-CsEdgeDomainPattern -Domain contoso.com
$l = New-CsEdgeAllowList -AllowedDomain $x
$x.PSObject.Properties.Name -join ','; $l.PSObject.Properties.Name -join ','
$x | ConvertTo-Json -Compress
@($x | Get-Member -MemberType Property).Count
$x.ToString()`,
			out: "Domain\nAllowedDomain\n{\"Domain\":\"contoso.com\"}\n1\nDomain=contoso.com\n"},
		{name: "empty allow list", script: `$l = New-CsEdgeAllowList -AllowedDomain $null; $l.AllowedDomain.Count
$m = New-CsEdgeAllowList; $m.AllowedDomain.Count`, out: "0\n0\n"},
		{name: "allow all known domains", script: `$a = New-CsEdgeAllowAllKnownDomains; $a.PSObject.TypeNames[0]; $a`,
			out: "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains\nMicrosoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains\n"},
		{name: "wildcard", script: `New-CsEdgeDomainPattern -Domain '*.contoso.com'; 'next'`, out: "next\n",
			errs: []string{`t.ps1:5:1: New-CsEdgeDomainPattern: "*.contoso.com" is not a domain name: wildcards are not allowed; give each domain by its full name`}},
		{name: "address", script: `New-CsEdgeDomainPattern -Domain ann@contoso.com`,
			errs: []string{`"ann@contoso.com" is not a domain name: it looks like an address; give only the part after "@"`}},
		{name: "url", script: `New-CsEdgeDomainPattern -Domain https://contoso.com`,
			errs: []string{`"https://contoso.com" is not a domain name: it looks like a URL; give only the host name`}},
		{name: "one label", script: `New-CsEdgeDomainPattern -Domain contoso`,
			errs: []string{`"contoso" is not a domain name: a domain name has at least two labels, such as contoso.com`}},
		{name: "empty label", script: `New-CsEdgeDomainPattern -Domain contoso..com`,
			errs: []string{`"contoso..com" is not a domain name: it has an empty label (two dots in a row, or a dot at an end)`}},
		{name: "hyphen", script: `New-CsEdgeDomainPattern -Domain -contoso.com`,
			errs: []string{`"-contoso.com" is not a domain name: the label "-contoso" starts or ends with a hyphen`}},
		{name: "space", script: `New-CsEdgeDomainPattern -Domain 'con toso.com'`,
			errs: []string{`"con toso.com" is not a domain name: " " is not allowed; use letters, digits, hyphens and dots`}},
		{name: "ip address", script: `New-CsEdgeDomainPattern -Domain 10.0.0.1`,
			errs: []string{`"10.0.0.1" is not a domain name: it is an IP address, not a domain name`}},
		{name: "long label", script: `New-CsEdgeDomainPattern -Domain (('a' * 64) + '.com')`,
			errs: []string{`is longer than 63 characters`}},
		{name: "too long", script: `New-CsEdgeDomainPattern -Domain ((('a' * 60) + '.') * 5 + 'com')`,
			errs: []string{`is not a domain name: it is longer than 253 characters`}},
		{name: "blank", script: `New-CsEdgeDomainPattern -Domain ' '`,
			errs: []string{`New-CsEdgeDomainPattern: the domain name is empty`}},
		{name: "empty string", script: `New-CsEdgeDomainPattern -Domain ''`,
			errs: []string{`Cannot bind argument to parameter 'Domain' because it is an empty string.`}},
		{name: "allow list with a bad item", script: `New-CsEdgeAllowList -AllowedDomain @{Domain='x.com'}`,
			errs: []string{`New-CsEdgeAllowList: AllowedDomain takes domain names or New-CsEdgeDomainPattern objects, not System.Collections.Hashtable`}},
		{name: "allow list with a bad domain", script: `New-CsEdgeAllowList -AllowedDomain 'contoso.com', 'nope'`,
			errs: []string{`New-CsEdgeAllowList: AllowedDomain: "nope" is not a domain name`}},
	}},
	{"tenant_allowed_domains", []fedCase{
		{name: "default allows all known domains", script: `fed; (Get-CsTenantFederationConfiguration).AllowedDomains`,
			out: "allowed=AllowAllKnownDomains | blocked=\nAllowAllKnownDomains\n"},
		{name: "allow list", script: `$x = New-CsEdgeDomainPattern -Domain contoso.com
$y = New-CsEdgeDomainPattern -Domain fabrikam.com
Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain $x,$y)
fed
(Get-CsTenantFederationConfiguration).AllowedDomains.AllowedDomain.Domain
(Get-CsTenantFederationConfiguration).AllowedDomains`,
			out: "allowed=Domain=contoso.com, Domain=fabrikam.com | blocked=\ncontoso.com\nfabrikam.com\n\nAllowedDomain\n-------------\n{Domain=contoso.com, Domain=fabrikam.com}\n\n",
			check: wantChanges(state.KindTenantFederationConfiguration,
				"Global AllowedDomains: AllowAllKnownDomains -> AllowList{AllowedDomain={DomainPattern{Domain=contoso.com}, DomainPattern{Domain=fabrikam.com}}}")},
		{name: "the Get line", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain contoso.com) -BlockedDomains $null
Get-CsTenantFederationConfiguration | Format-List Identity, AllowedDomains, BlockedDomains`,
			out: "\nIdentity       : Global\nAllowedDomains : Domain=contoso.com\nBlockedDomains : {}\n\n"},
		{name: "back to allow all", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain contoso.com)
Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowAllKnownDomains)
fed`, out: "allowed=AllowAllKnownDomains | blocked=\n",
			check: wantChanges(state.KindTenantFederationConfiguration,
				"Global AllowedDomains: AllowAllKnownDomains -> AllowList{AllowedDomain={DomainPattern{Domain=contoso.com}}}",
				"Global AllowedDomains: AllowList{AllowedDomain={DomainPattern{Domain=contoso.com}}} -> AllowAllKnownDomains")},
		{name: "same value twice changes nothing", script: `$l = New-CsEdgeAllowList -AllowedDomain contoso.com
Set-CsTenantFederationConfiguration -AllowedDomains $l
Set-CsTenantFederationConfiguration -AllowedDomains $l
Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowAllKnownDomains)
Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowAllKnownDomains)`,
			check: func(t *testing.T, tn *state.Tenant) {
				if n := len(changes(tn, state.KindTenantFederationConfiguration)); n != 2 {
					t.Errorf("%d changes, want 2", n)
				}
			}},
		{name: "a string is refused", script: `Set-CsTenantFederationConfiguration -AllowedDomains "fabrikam.com"; fed`,
			out:  "allowed=AllowAllKnownDomains | blocked=\n",
			errs: []string{`t.ps1:5:1: Set-CsTenantFederationConfiguration: Cannot bind parameter 'AllowedDomains'. Cannot convert the "fabrikam.com" value of type "System.String" to type "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.IAllowedDomainsChoice". Use New-CsEdgeAllowList or New-CsEdgeAllowAllKnownDomains to make the value, or -AllowedDomainsAsAList to give domain names.`}},
		{name: "a list edit is refused", script: `$x = New-CsEdgeDomainPattern -Domain test.com; Set-CsTenantFederationConfiguration -AllowedDomains @{Add=$x}`,
			errs: []string{`Cannot convert the "System.Collections.Hashtable" value of type "System.Collections.Hashtable" to type "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.IAllowedDomainsChoice".`}},
		{name: "a domain pattern is refused", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeDomainPattern -Domain test.com)`,
			errs: []string{`Cannot convert the "Domain=test.com" value of type "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DomainPattern" to type "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.IAllowedDomainsChoice".`}},
		{name: "null empties the allow list", script: `Set-CsTenantFederationConfiguration -AllowedDomains $null; fed
(Get-CsTenantFederationConfiguration).AllowedDomains.AllowedDomain.Count`,
			out:  "allowed= | blocked=\n0\n",
			errs: []string{"VERBOSE: AllowedDomains is an empty allow list: users cannot communicate with any external domain."}},
		{name: "an empty allow list warns", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList)`,
			errs: []string{"VERBOSE: AllowedDomains is an empty allow list: users cannot communicate with any external domain."}},
		{name: "WhatIf changes nothing", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain contoso.com) -WhatIf; fed`,
			out:   "What if: Performing the operation \"Set-CsTenantFederationConfiguration\" on target \"Global\".\nWhat if:     AllowedDomains: AllowAllKnownDomains -> AllowList{AllowedDomain={DomainPattern{Domain=contoso.com}}}\nallowed=AllowAllKnownDomains | blocked=\n",
			check: wantChanges(state.KindTenantFederationConfiguration)},
		{name: "only Global", script: `Set-CsTenantFederationConfiguration -Identity site:x -AllowFederatedUsers $false`,
			errs: []string{`"site:x" is not a valid identity: the only valid identity is Global`}},
	}},
	{"tenant_allowed_as_a_list", []fedCase{
		{name: "a list replaces", script: `$list = New-Object Collections.Generic.List[String]
$list.Add("contoso.com"); $list.Add("fabrikam.com")
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList $list; fed
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com'; fed
(Get-CsTenantFederationConfiguration).AllowedDomainsAsAList -eq $null`,
			out: "allowed=Domain=contoso.com, Domain=fabrikam.com | blocked=\nallowed=Domain=a.com | blocked=\nTrue\n"},
		{name: "add remove replace", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com'
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add='b.com','A.COM'}; fed
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add=(New-CsEdgeDomainPattern -Domain c.com)}; fed
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Remove='A.com'}; fed
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Replace='x.com','y.com'}; fed
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add='z.com'; Remove='x.com'}; fed
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{}; fed`,
			out: "allowed=Domain=a.com, Domain=b.com | blocked=\nallowed=Domain=a.com, Domain=b.com, Domain=c.com | blocked=\nallowed=Domain=b.com, Domain=c.com | blocked=\n" +
				"allowed=Domain=x.com, Domain=y.com | blocked=\nallowed=Domain=y.com, Domain=z.com | blocked=\nallowed=Domain=y.com, Domain=z.com | blocked=\n"},
		{name: "add to allow all starts an allow list", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add='contoso.com'}; fed`,
			out:  "allowed=Domain=contoso.com | blocked=\n",
			errs: []string{"VERBOSE: AllowedDomains was AllowAllKnownDomains; adding to it made it an allow list, so users can now communicate only with contoso.com."}},
		{name: "remove from allow all does nothing", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Remove='contoso.com'}; fed`,
			out:   "allowed=AllowAllKnownDomains | blocked=\n",
			errs:  []string{"VERBOSE: AllowedDomainsAsAList @{Remove=...} has no effect: AllowedDomains is AllowAllKnownDomains, which has no list to remove from."},
			check: wantChanges(state.KindTenantFederationConfiguration)},
		{name: "remove a missing domain", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com'
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Remove='b.com'}; fed`,
			out:  "allowed=Domain=a.com | blocked=\n",
			errs: []string{"VERBOSE: AllowedDomainsAsAList @{Remove=...} names a domain that is not on the allow list; it was left as it is."}},
		{name: "removing the last domain", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com'
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Remove='a.com'}; fed`,
			out:  "allowed= | blocked=\n",
			errs: []string{"VERBOSE: AllowedDomains is an empty allow list"}},
		{name: "many domains are named briefly", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add='a.com','b.com','c.com','d.com','e.com'}`,
			errs: []string{"VERBOSE: AllowedDomains was AllowAllKnownDomains; adding to it made it an allow list, so users can now communicate only with a.com, b.com, c.com and 2 more."}},
		{name: "bad key", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Domain='a.com'}`,
			errs: []string{`Set-CsTenantFederationConfiguration: AllowedDomainsAsAList does not take a hashtable with the key "Domain": use @{Add=...}, @{Remove=...} or @{Replace=...}`}},
		{name: "bad domain", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com', 'b'; fed`,
			out:  "allowed=AllowAllKnownDomains | blocked=\n",
			errs: []string{`Set-CsTenantFederationConfiguration: AllowedDomainsAsAList: "b" is not a domain name: a domain name has at least two labels, such as contoso.com`}},
		{name: "at most 4000 domains", script: `$list = 1..3999 | ForEach-Object { "d$_.com" }
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList $list
Set-CsTenantFederationConfiguration -BlockedDomains 'x.com', 'y.com'
(Get-CsTenantFederationConfiguration).AllowedDomains.AllowedDomain.Count`,
			out:  "3999\n",
			errs: []string{"Set-CsTenantFederationConfiguration: the allowed and blocked domain lists hold at most 4000 domains together; this change makes 4001"}},
	}},
	{"tenant_blocked_domains", []fedCase{
		{name: "examples 1 to 5", script: `$x = New-CsEdgeDomainPattern -Domain "fabrikam.com"
Set-CsTenantFederationConfiguration -BlockedDomains @{Replace=$x}; fed
Set-CsTenantFederationConfiguration -BlockedDomains @{Add='contoso.com'}; fed
Set-CsTenantFederationConfiguration -BlockedDomains @{Remove=$x}; fed
Set-CsTenantFederationConfiguration -BlockedDomains @{Add=$x}; fed
Set-CsTenantFederationConfiguration -BlockedDomains $Null; fed`,
			out: "allowed=AllowAllKnownDomains | blocked=fabrikam.com\nallowed=AllowAllKnownDomains | blocked=fabrikam.com,contoso.com\n" +
				"allowed=AllowAllKnownDomains | blocked=contoso.com\nallowed=AllowAllKnownDomains | blocked=contoso.com,fabrikam.com\nallowed=AllowAllKnownDomains | blocked=\n",
			check: wantChanges(state.KindTenantFederationConfiguration,
				"Global BlockedDomains: {} -> {DomainPattern{Domain=fabrikam.com}}",
				"Global BlockedDomains: {DomainPattern{Domain=fabrikam.com}} -> {DomainPattern{Domain=fabrikam.com}, DomainPattern{Domain=contoso.com}}",
				"Global BlockedDomains: {DomainPattern{Domain=fabrikam.com}, DomainPattern{Domain=contoso.com}} -> {DomainPattern{Domain=contoso.com}}",
				"Global BlockedDomains: {DomainPattern{Domain=contoso.com}} -> {DomainPattern{Domain=contoso.com}, DomainPattern{Domain=fabrikam.com}}",
				"Global BlockedDomains: {DomainPattern{Domain=contoso.com}, DomainPattern{Domain=fabrikam.com}} -> {}")},
		{name: "example 10: a list and BlockAllSubdomains $True", script: `$list = New-Object Collections.Generic.List[String]
$list.add("contoso.com")
$list.add("fabrikam.com")
Set-CsTenantFederationConfiguration -BlockedDomains $list
Set-CsTenantFederationConfiguration -BlockAllSubdomains $True
fed; (Get-CsTenantFederationConfiguration).BlockAllSubdomains
Get-CsTenantFederationConfiguration | Format-List BlockedDomains`,
			out: "allowed=AllowAllKnownDomains | blocked=contoso.com,fabrikam.com\nTrue\n\nBlockedDomains : {Domain=contoso.com, Domain=fabrikam.com}\n\n"},
		{name: "remove a missing domain", script: `Set-CsTenantFederationConfiguration -BlockedDomains @{Remove='x.com'}; fed`,
			out:  "allowed=AllowAllKnownDomains | blocked=\n",
			errs: []string{"VERBOSE: BlockedDomains @{Remove=...} names a domain that is not on the blocked list; it was left as it is."}},
		{name: "bad domain", script: `Set-CsTenantFederationConfiguration -BlockedDomains @{Add='bad domain.com'}`,
			errs: []string{`Set-CsTenantFederationConfiguration: BlockedDomains: "bad domain.com" is not a domain name: " " is not allowed; use letters, digits, hyphens and dots`}},
		{name: "bad item", script: `Set-CsTenantFederationConfiguration -BlockedDomains (New-CsEdgeAllowAllKnownDomains)`,
			errs: []string{`BlockedDomains takes domain names or New-CsEdgeDomainPattern objects, not Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains`}},
		{name: "bad key", script: `Set-CsTenantFederationConfiguration -BlockedDomains @{Append='x.com'}`,
			errs: []string{`BlockedDomains does not take a hashtable with the key "Append"`}},
	}},
	{"tenant_ignored_settings", []fedCase{
		{name: "blocked domains under an allow list", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com'
Set-CsTenantFederationConfiguration -BlockedDomains @{Add='x.com'}; fed`,
			out:  "allowed=Domain=a.com | blocked=x.com\n",
			errs: []string{"VERBOSE: BlockedDomains has no effect: AllowedDomains is an allow list, so users can communicate only with the domains on it and the blocked list is ignored."}},
		{name: "both in one call warn once", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain a.com) -BlockedDomains x.com`,
			errs: []string{"VERBOSE: BlockedDomains has no effect: AllowedDomains is an allow list"}},
		{name: "an allow list makes the blocked list ignored", script: `Set-CsTenantFederationConfiguration -BlockedDomains 'x.com','y.com'
Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain a.com)`,
			errs: []string{"VERBOSE: BlockedDomains (x.com, y.com) is now ignored: AllowedDomains is an allow list, so users can communicate only with the domains on it."}},
		{name: "editing an allow list does not warn again", script: `Set-CsTenantFederationConfiguration -BlockedDomains 'x.com'
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com' -WarningAction SilentlyContinue
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Add='b.com'}`},
		{name: "clearing the blocked list under an allow list does not warn", script: `Set-CsTenantFederationConfiguration -BlockedDomains 'x.com'
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com' -WarningAction SilentlyContinue
Set-CsTenantFederationConfiguration -BlockedDomains $null -BlockAllSubdomains $false; fed`, out: "allowed=Domain=a.com | blocked=\n"},
		{name: "BlockAllSubdomains under an allow list", script: `Set-CsTenantFederationConfiguration -AllowedDomains (New-CsEdgeAllowList -AllowedDomain a.com)
Set-CsTenantFederationConfiguration -BlockAllSubdomains $true`,
			errs: []string{"VERBOSE: BlockAllSubdomains has no effect: AllowedDomains is an allow list"}},
		{name: "blocked domains with allow all do not warn", script: `Set-CsTenantFederationConfiguration -BlockedDomains 'x.com' -BlockAllSubdomains $true`},
		{name: "federation off", script: `Set-CsTenantFederationConfiguration -AllowFederatedUsers $false -BlockedDomains x.com`,
			errs: []string{"VERBOSE: AllowedDomains and BlockedDomains have no effect while AllowFederatedUsers is False: users cannot communicate with any external domain."}},
		{name: "federation turned off before", script: `Set-CsTenantFederationConfiguration -AllowFederatedUsers $false
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @{Replace='a.com'}`,
			errs: []string{"VERBOSE: AllowedDomains and BlockedDomains have no effect while AllowFederatedUsers is False"}},
		{name: "federation back on", script: `Set-CsTenantFederationConfiguration -AllowFederatedUsers $false
Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -BlockedDomains x.com`},
		{name: "trial tenant domains", script: `Set-CsTenantFederationConfiguration -AllowedTrialTenantDomains @("contoso.com", "fabrikam.com")
Set-CsTenantFederationConfiguration -AllowedTrialTenantDomains @{Add='x.com'; Remove='contoso.com'}
(Get-CsTenantFederationConfiguration).AllowedTrialTenantDomains -join ','
Set-CsTenantFederationConfiguration -ExternalAccessWithTrialTenants Allowed -AllowedTrialTenantDomains @()
(Get-CsTenantFederationConfiguration).AllowedTrialTenantDomains.Count`,
			out:  "fabrikam.com,x.com\n0\n",
			errs: []string{"VERBOSE: AllowedTrialTenantDomains has no effect while ExternalAccessWithTrialTenants is Allowed: the list is not checked."}},
		{name: "trial tenant domains are checked", script: `Set-CsTenantFederationConfiguration -AllowedTrialTenantDomains 'x'`,
			errs: []string{`AllowedTrialTenantDomains: "x" is not a domain name`}},
	}},
	{"tenant_instance", []fedCase{
		{name: "unchanged instance changes nothing", script: `Set-CsTenantFederationConfiguration -AllowedDomainsAsAList 'a.com' -BlockedDomains 'x.com' -WarningAction SilentlyContinue
$c = Get-CsTenantFederationConfiguration
Set-CsTenantFederationConfiguration -Instance $c -WarningAction SilentlyContinue
fed`,
			out: "allowed=Domain=a.com | blocked=x.com\n",
			check: func(t *testing.T, tn *state.Tenant) {
				if n := len(changes(tn, state.KindTenantFederationConfiguration)); n != 2 {
					t.Errorf("%d changes, want 2: %v", n, changes(tn, state.KindTenantFederationConfiguration))
				}
			}},
		{name: "edited instance", script: `$c = Get-CsTenantFederationConfiguration
$c.AllowFederatedUsers = $false
$c.AllowedDomains = New-CsEdgeAllowList -AllowedDomain contoso.com
$c.BlockedDomains = 'x.com'
Set-CsTenantFederationConfiguration -Instance $c
fed; (Get-CsTenantFederationConfiguration).AllowFederatedUsers
$c = Get-CsTenantFederationConfiguration
$c.AllowedDomains = 'AllowAllKnownDomains'
Set-CsTenantFederationConfiguration -Instance $c
fed`,
			out: "allowed=Domain=contoso.com | blocked=x.com\nFalse\nallowed=AllowAllKnownDomains | blocked=x.com\n",
			errs: []string{"VERBOSE: BlockedDomains has no effect: AllowedDomains is an allow list",
				"VERBOSE: AllowedDomains and BlockedDomains have no effect while AllowFederatedUsers is False",
				"VERBOSE: AllowedDomains and BlockedDomains have no effect while AllowFederatedUsers is False"}},
	}},
	{"acs", []fedCase{
		{name: "example 2 and list edits", script: `$allowlist = @('faced04c-2ced-433d-90db-063e424b87b1')
Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $True -AllowedAcsResources $allowlist
Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources @{Add='0b0e5f3a-1111-4c8e-9a55-0123456789ab'}
(Get-CsTeamsAcsFederationConfiguration).AllowedAcsResources -join ','
Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources @{Remove='FACED04C-2CED-433D-90DB-063E424B87B1'}
(Get-CsTeamsAcsFederationConfiguration).AllowedAcsResources -join ','
Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources @{Replace='faced04c-2ced-433d-90db-063e424b87b1'}
(Get-CsTeamsAcsFederationConfiguration).AllowedAcsResources -join ','
Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1'
(Get-CsTeamsAcsFederationConfiguration).AllowedAcsResources.Count
(Get-CsTeamsAcsFederationConfiguration).EnableAcsUsers`,
			out: "faced04c-2ced-433d-90db-063e424b87b1,0b0e5f3a-1111-4c8e-9a55-0123456789ab\n0b0e5f3a-1111-4c8e-9a55-0123456789ab\n" +
				"faced04c-2ced-433d-90db-063e424b87b1\n1\nTrue\n",
			check: wantChanges(state.KindTeamsAcsFederationConfiguration,
				"Global EnableAcsUsers: False -> True",
				"Global AllowedAcsResources: {} -> {faced04c-2ced-433d-90db-063e424b87b1}",
				"Global AllowedAcsResources: {faced04c-2ced-433d-90db-063e424b87b1} -> {faced04c-2ced-433d-90db-063e424b87b1, 0b0e5f3a-1111-4c8e-9a55-0123456789ab}",
				"Global AllowedAcsResources: {faced04c-2ced-433d-90db-063e424b87b1, 0b0e5f3a-1111-4c8e-9a55-0123456789ab} -> {0b0e5f3a-1111-4c8e-9a55-0123456789ab}",
				"Global AllowedAcsResources: {0b0e5f3a-1111-4c8e-9a55-0123456789ab} -> {faced04c-2ced-433d-90db-063e424b87b1}")},
		{name: "not a resource id", script: `Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true -AllowedAcsResources @{Add='contoso'}
Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources @{Remove='other'}`,
			errs: []string{`VERBOSE: AllowedAcsResources: "contoso" is not an immutable resource ID; the service expects the GUID of the ACS resource shown in the Azure portal.`}},
		{name: "disabled ignores the rest", script: `Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1' -LabelForAllowedAcsUsers external
(Get-CsTeamsAcsFederationConfiguration).LabelForAllowedAcsUsers`,
			out:  "External\n",
			errs: []string{"VERBOSE: AllowedAcsResources, LabelForAllowedAcsUsers has no effect while EnableAcsUsers is False: the service ignores the other ACS federation settings."}},
		{name: "enabled without resources", script: `Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true`,
			errs: []string{"VERBOSE: EnableAcsUsers is True but AllowedAcsResources is empty: no ACS resource can connect to Teams until one is listed."}},
		{name: "disable", script: `Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $False; (Get-CsTeamsAcsFederationConfiguration).EnableAcsUsers`,
			out: "False\n"},
		{name: "null empties", script: `Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources 'faced04c-2ced-433d-90db-063e424b87b1' -WarningAction SilentlyContinue
Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources $null -WarningAction SilentlyContinue
(Get-CsTeamsAcsFederationConfiguration).AllowedAcsResources.Count`, out: "0\n"},
		{name: "bad key", script: `Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources @{Foo='x'}`,
			errs: []string{`Set-CsTeamsAcsFederationConfiguration: AllowedAcsResources does not take a hashtable with the key "Foo": use @{Add=...}, @{Remove=...} or @{Replace=...}`}},
		{name: "WhatIf", script: `Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true -WhatIf; (Get-CsTeamsAcsFederationConfiguration).EnableAcsUsers`,
			out: "What if: Performing the operation \"Set-CsTeamsAcsFederationConfiguration\" on target \"Global\".\nWhat if:     EnableAcsUsers: False -> True\nFalse\n"},
	}},
	{"sfb_domains", []fedCase{
		{name: "new with identity and with domain", script: `New-CsAllowedDomain -Identity fabrikam.com | Out-Null
New-CsAllowedDomain -Domain contoso.com -ProxyFqdn sip.contoso.com -MarkForMonitoring $true -Comment "Ken" -VerificationLevel alwaysverifiable | Out-Null
New-CsBlockedDomain spam.com -Comment "no" | Out-Null
Get-CsAllowedDomain | Format-List
Get-CsBlockedDomain | Format-List
(Get-CsAllowedDomain -Identity CONTOSO.com).PSObject.TypeNames[0]
(Get-CsBlockedDomain spam.com).PSObject.TypeNames[0]`,
			out: "\nIdentity          : fabrikam.com\nDomain            : fabrikam.com\nComment           : \nMarkForMonitoring : False\nProxyFqdn         : \nVerificationLevel : UseSourceVerification\n\n" +
				"Identity          : contoso.com\nDomain            : contoso.com\nComment           : Ken\nMarkForMonitoring : True\nProxyFqdn         : sip.contoso.com\nVerificationLevel : AlwaysVerifiable\n\n\n" +
				"Identity : spam.com\nDomain   : spam.com\nComment  : no\n\n" +
				"Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowedDomain\nMicrosoft.Rtc.Management.WritableConfig.Settings.Edge.BlockedDomain\n",
			check: func(t *testing.T, tn *state.Tenant) {
				wantChanges(state.KindAllowedDomain,
					"fabrikam.com : -> created",
					"contoso.com : -> created",
					"contoso.com Comment: -> Ken",
					"contoso.com MarkForMonitoring: False -> True",
					"contoso.com ProxyFqdn: -> sip.contoso.com",
					"contoso.com VerificationLevel: UseSourceVerification -> AlwaysVerifiable")(t, tn)
				wantChanges(state.KindBlockedDomain, "spam.com : -> created", "spam.com Comment: -> no")(t, tn)
			}},
		{name: "new writes the object", script: `$d = New-CsBlockedDomain -Identity spam.com; $d.Identity + ' ' + $d.Domain`, out: "spam.com spam.com\n"},
		{name: "filter", script: `'a.fabrikam.com','b.fabrikam.com','contoso.com' | ForEach-Object { New-CsAllowedDomain -Identity $_ | Out-Null }
(Get-CsAllowedDomain -Filter '*.FABRIKAM.com').Identity -join ','
@(Get-CsAllowedDomain).Count
@(Get-CsBlockedDomain).Count`, out: "a.fabrikam.com,b.fabrikam.com\n3\n0\n"},
		{name: "get a missing domain", script: `Get-CsAllowedDomain -Identity nope.com; Get-CsBlockedDomain -Identity nope.com; 'next'`, out: "next\n",
			errs: []string{`t.ps1:5:1: Get-CsAllowedDomain: Cannot find "AllowedDomain" "nope.com" because it does not exist.`,
				`t.ps1:5:41: Get-CsBlockedDomain: Cannot find "BlockedDomain" "nope.com" because it does not exist.`}},
		{name: "new of an existing domain", script: `New-CsAllowedDomain -Identity fabrikam.com | Out-Null; New-CsAllowedDomain -Identity FABRIKAM.com
New-CsBlockedDomain -Identity x.com | Out-Null; New-CsBlockedDomain -Domain x.com`,
			errs: []string{`t.ps1:5:56: New-CsAllowedDomain: Cannot create "AllowedDomain" "FABRIKAM.com" because it already exists.`,
				`t.ps1:6:49: New-CsBlockedDomain: Cannot create "BlockedDomain" "x.com" because it already exists.`}},
		{name: "a domain cannot be on both lists", script: `New-CsAllowedDomain -Identity contoso.com | Out-Null
New-CsBlockedDomain -Identity spam.com | Out-Null
New-CsBlockedDomain -Identity contoso.com
New-CsAllowedDomain -Identity SPAM.com
(Get-CsAllowedDomain).Identity -join ','; (Get-CsBlockedDomain).Identity -join ','`,
			out: "contoso.com\nspam.com\n",
			errs: []string{`t.ps1:7:1: New-CsBlockedDomain: cannot add "contoso.com" to the blocked domains: it is on the allowed domains, and a domain cannot be on both lists (remove it first with Remove-CsAllowedDomain)`,
				`t.ps1:8:1: New-CsAllowedDomain: cannot add "SPAM.com" to the allowed domains: it is on the blocked domains, and a domain cannot be on both lists (remove it first with Remove-CsBlockedDomain)`}},
		{name: "move between lists", script: `New-CsAllowedDomain -Identity contoso.com | Out-Null
Remove-CsAllowedDomain -Identity contoso.com
New-CsBlockedDomain -Identity contoso.com | Out-Null
(Get-CsBlockedDomain).Identity; @(Get-CsAllowedDomain).Count`, out: "contoso.com\n0\n",
			check: wantChanges(state.KindAllowedDomain, "contoso.com : -> created", "contoso.com : created -> removed")},
		{name: "set", script: `New-CsAllowedDomain -Identity fabrikam.com | Out-Null
Set-CsAllowedDomain -Identity fabrikam.com -Comment "changed" -VerificationLevel AlwaysUnverifiable -ProxyFqdn sip.fabrikam.com
Set-CsAllowedDomain fabrikam.com -MarkForMonitoring $true
Set-CsAllowedDomain fabrikam.com -ProxyFqdn $null
$d = Get-CsAllowedDomain fabrikam.com; "$($d.Comment) $($d.VerificationLevel) $($d.MarkForMonitoring) [$($d.ProxyFqdn)]"`,
			out: "changed AlwaysUnverifiable True []\n",
			check: wantChanges(state.KindAllowedDomain,
				"fabrikam.com : -> created",
				"fabrikam.com Comment: -> changed",
				"fabrikam.com ProxyFqdn: -> sip.fabrikam.com",
				"fabrikam.com VerificationLevel: UseSourceVerification -> AlwaysUnverifiable",
				"fabrikam.com MarkForMonitoring: False -> True",
				"fabrikam.com ProxyFqdn: sip.fabrikam.com ->")},
		{name: "set blocked through the pipeline", script: `New-CsBlockedDomain -Identity spam.com | Out-Null
Get-CsBlockedDomain spam.com | Set-CsBlockedDomain -Comment 'spam'
(Get-CsBlockedDomain spam.com).Comment`, out: "spam\n"},
		{name: "set a missing domain", script: `Set-CsAllowedDomain -Identity nope.com -Comment x; Set-CsBlockedDomain -Identity nope.com -Comment x`,
			errs: []string{`Set-CsAllowedDomain: Cannot find "AllowedDomain" "nope.com" because it does not exist.`,
				`Set-CsBlockedDomain: Cannot find "BlockedDomain" "nope.com" because it does not exist.`}},
		{name: "set without identity", script: `Set-CsAllowedDomain -Comment x`,
			errs: []string{`Set-CsAllowedDomain: name the domain to change with -Identity or -Instance`}},
		{name: "set with a bad instance", script: `Set-CsBlockedDomain -Instance 'spam.com'`,
			errs: []string{`Set-CsBlockedDomain: -Instance takes an object from Get-CsBlockedDomain or New-CsBlockedDomain -InMemory`}},
		{name: "example 3: InMemory then Set -Instance", script: `$x = New-CsAllowedDomain -Identity "fabrikam.com" -InMemory
$x.ProxyFqdn = "proxyserver.fabrikam.com"
$x.MarkForMonitoring = $True
$x.Comment = "Contact: Ken Myer (kenmyer@fabrikam.com)"
@(Get-CsAllowedDomain).Count
Set-CsAllowedDomain -Instance $x
$d = Get-CsAllowedDomain fabrikam.com; "$($d.ProxyFqdn) $($d.MarkForMonitoring) $($d.Comment)"`,
			out: "0\nproxyserver.fabrikam.com True Contact: Ken Myer (kenmyer@fabrikam.com)\n"},
		{name: "InMemory then Set -Instance onto the other list", script: `New-CsBlockedDomain -Identity fabrikam.com | Out-Null
$x = New-CsAllowedDomain -Identity "fabrikam.com" -InMemory
Set-CsAllowedDomain -Instance $x
@(Get-CsAllowedDomain).Count`, out: "0\n",
			errs: []string{`Set-CsAllowedDomain: cannot add "fabrikam.com" to the allowed domains: it is on the blocked domains`}},
		{name: "instance with a bad verification level", script: `$x = New-CsAllowedDomain -Identity "fabrikam.com" -InMemory
$x.VerificationLevel = 'Sometimes'
Set-CsAllowedDomain -Instance $x`,
			errs: []string{`Set-CsAllowedDomain: cannot set VerificationLevel to "Sometimes": the value must be one of AlwaysVerifiable, AlwaysUnverifiable, UseSourceVerification`}},
		{name: "bad verification level", script: `New-CsAllowedDomain -Identity x.com -VerificationLevel Bogus`,
			errs: []string{"New-CsAllowedDomain: Cannot bind parameter 'VerificationLevel'. Cannot convert value \"Bogus\" to type \"VerificationLevelType\". Error: \"Unable to match the identifier name Bogus to a valid enumerator name. Specify one of the following enumerator names and try again:\nAlwaysVerifiable, AlwaysUnverifiable, UseSourceVerification\""}},
		{name: "bad domain", script: `New-CsAllowedDomain -Identity fabrikam; New-CsBlockedDomain -Domain 'x@y.com'; @(Get-CsAllowedDomain).Count`,
			out: "0\n",
			errs: []string{`New-CsAllowedDomain: "fabrikam" is not a domain name: a domain name has at least two labels, such as contoso.com`,
				`New-CsBlockedDomain: "x@y.com" is not a domain name: it looks like an address; give only the part after "@"`}},
		{name: "bad proxy", script: `New-CsAllowedDomain -Identity fabrikam.com -ProxyFqdn 'proxy'`,
			errs: []string{`New-CsAllowedDomain: ProxyFqdn: "proxy" is not a domain name`}},
		{name: "missing identity", script: `New-CsAllowedDomain`,
			errs: []string{"Cannot process command because of one or more missing mandatory parameters: Identity."}},
		{name: "remove", script: `'a.com','b.com' | ForEach-Object { New-CsBlockedDomain -Identity $_ | Out-Null }
Remove-CsBlockedDomain -Identity A.COM
(Get-CsBlockedDomain).Identity
Get-CsBlockedDomain | Remove-CsBlockedDomain
@(Get-CsBlockedDomain).Count`, out: "b.com\n0\n",
			check: wantChanges(state.KindBlockedDomain, "a.com : -> created", "b.com : -> created", "a.com : created -> removed", "b.com : created -> removed")},
		{name: "remove a missing domain", script: `Remove-CsAllowedDomain -Identity nope.com; Remove-CsBlockedDomain nope.com -ErrorAction Stop; 'not reached'`,
			errs: []string{`Remove-CsAllowedDomain: Cannot find "AllowedDomain" "nope.com" because it does not exist.`,
				`Remove-CsBlockedDomain: Cannot find "BlockedDomain" "nope.com" because it does not exist.`}},
		{name: "WhatIf", script: `New-CsAllowedDomain -Identity a.com -WhatIf
New-CsBlockedDomain -Identity b.com | Out-Null
Set-CsBlockedDomain -Identity b.com -Comment x -WhatIf
Remove-CsBlockedDomain -Identity b.com -WhatIf
@(Get-CsAllowedDomain).Count; (Get-CsBlockedDomain b.com).Comment -eq $null`,
			out: "What if: Performing the operation \"New-CsAllowedDomain\" on target \"a.com\".\n" +
				"What if: Performing the operation \"Set-CsBlockedDomain\" on target \"b.com\".\nWhat if:     Comment: $null -> x\n" +
				"What if: Performing the operation \"Remove-CsBlockedDomain\" on target \"b.com\".\n0\nTrue\n",
			check: wantChanges(state.KindBlockedDomain, "b.com : -> created")},
	}},
}

func TestFederation(t *testing.T) {
	for _, g := range fedTests {
		t.Run(g.group, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					runFed(t, c)
				})
			}
		})
	}
}
