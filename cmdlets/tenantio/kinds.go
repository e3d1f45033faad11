package tenantio

import (
	"path"
	"strings"

	"github.com/csemu/csemu/state"
)

// Kinds that csemu's rules do not read but an import keeps, so that they
// are exported again: app-centric management entries, the org-wide app
// settings and the unified tenant app settings.
const (
	KindM365TeamsApp              = "M365TeamsApp"
	KindTeamsOrgWideAppSettings   = "TeamsOrgWideAppSettings"
	KindM365UnifiedTenantSettings = "M365UnifiedTenantSettings"
)

// kindInfo describes a kind of object an export holds.
type kindInfo struct {
	Kind string
	// Noun is the noun of its Get- cmdlet (CsTeamsMeetingPolicy).
	Noun string
	// Single says only the Global instance exists (a configuration).
	Single bool
	// PolicyType is the policy type assignments name, "" for objects that
	// are not assigned.
	PolicyType string
	// Read says csemu's rules read the kind although it has no Global
	// default (the app rules read the app-centric entries and settings).
	Read bool
}

// knownKinds returns the kinds csemu's tenant knows, in export order.
func knownKinds() []kindInfo {
	return []kindInfo{
		{Kind: state.KindTeamsMeetingPolicy, Noun: "CsTeamsMeetingPolicy", PolicyType: "TeamsMeetingPolicy"},
		{Kind: state.KindTeamsMeetingConfiguration, Noun: "CsTeamsMeetingConfiguration", Single: true},
		{Kind: state.KindTenantFederationConfiguration, Noun: "CsTenantFederationConfiguration", Single: true},
		{Kind: state.KindTeamsAcsFederationConfiguration, Noun: "CsTeamsAcsFederationConfiguration", Single: true},
		{Kind: state.KindExternalAccessPolicy, Noun: "CsExternalAccessPolicy", PolicyType: "ExternalAccessPolicy"},
		{Kind: state.KindTeamsAppPermissionPolicy, Noun: "CsTeamsAppPermissionPolicy", PolicyType: "TeamsAppPermissionPolicy"},
		{Kind: KindM365TeamsApp, Noun: "M365TeamsApp", Read: true},
		{Kind: KindTeamsOrgWideAppSettings, Noun: "CsTeamsSettingsCustomApp", Single: true},
		{Kind: KindM365UnifiedTenantSettings, Noun: "M365UnifiedTenantSettings", Read: true},
		{Kind: state.KindAccessEdgeConfiguration, Noun: "CsAccessEdgeConfiguration", Single: true},
		{Kind: state.KindConferencingPolicy, Noun: "CsConferencingPolicy", PolicyType: "ConferencingPolicy"},
		{Kind: state.KindMeetingConfiguration, Noun: "CsMeetingConfiguration"},
		// SkypeForBusiness\Get-CsExternalAccessPolicy shares its noun with
		// the Teams cmdlet: csemu's exports name its file after the kind
		{Kind: state.KindSfbExternalAccessPolicy, Noun: "CsSfbExternalAccessPolicy", PolicyType: "SfbExternalAccessPolicy"},
		{Kind: state.KindAllowedDomain, Noun: "CsAllowedDomain"},
		{Kind: state.KindBlockedDomain, Noun: "CsBlockedDomain"},
	}
}

// kindByName returns what csemu knows of a kind.
func kindByName(kind string) (kindInfo, bool) {
	for _, k := range knownKinds() {
		if strings.EqualFold(k.Kind, kind) {
			return k, true
		}
	}
	return kindInfo{}, false
}

// KindFromFileName recognises the kind of a Get-Cs export from its file
// name, as backup scripts name files after the cmdlet
// (Get-CsTeamsMeetingPolicy.txt), its noun (CsTeamsMeetingPolicy.json) or
// the kind (TeamsMeetingPolicy.xml). Another Get-Cs<Noun> name gives the
// kind <Noun>, kept but not read by csemu's rules (known is false).
func KindFromFileName(name string) (kind string, known, ok bool) {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	low := strings.ToLower(base)
	low = strings.TrimPrefix(low, "get-")
	for _, k := range knownKinds() {
		noun := strings.ToLower(k.Noun)
		if low == noun || low == strings.ToLower(k.Kind) || low == strings.TrimPrefix(noun, "cs") {
			return k.Kind, true, true
		}
	}
	if strings.HasPrefix(strings.ToLower(base), "get-cs") && len(base) > 6 && isWord(base[6:]) {
		return base[6:], false, true
	}
	return "", false, false
}

func isWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// KindFromProperties recognises the kind of a Get-Cs object from its
// property names (compared case-insensitively), for a file whose name
// says nothing. It returns the rule that decided.
func KindFromProperties(has func(name string) bool) (kind, rule string, ok bool) {
	rules := []struct {
		props []string
		kind  string
	}{
		{[]string{"AutoAdmittedUsers", "AllowAnonymousUsersToJoinMeeting"}, state.KindTeamsMeetingPolicy},
		{[]string{"DisableAnonymousJoin"}, state.KindTeamsMeetingConfiguration},
		{[]string{"AllowFederatedUsers", "AllowedDomains"}, state.KindTenantFederationConfiguration},
		{[]string{"AllowTeamsConsumer", "AllowPublicUsers"}, state.KindTenantFederationConfiguration},
		{[]string{"EnableFederationAccess", "EnablePublicCloudAccess"}, state.KindExternalAccessPolicy},
		{[]string{"DefaultCatalogAppsType", "PrivateCatalogAppsType"}, state.KindTeamsAppPermissionPolicy},
		{[]string{"AllowAnonymousUsers", "AllowOutsideUsers"}, state.KindAccessEdgeConfiguration},
		{[]string{"AllowAnonymousParticipantsInMeetings"}, state.KindConferencingPolicy},
		{[]string{"AdmissionPolicy", "PstnCallersBypassLobby"}, state.KindMeetingConfiguration},
		{[]string{"EnableAcsUsers"}, state.KindTeamsAcsFederationConfiguration},
		{[]string{"AssignmentType", "IsBlocked"}, KindM365TeamsApp},
		{[]string{"IsSideloadedAppsInteractionEnabled"}, KindTeamsOrgWideAppSettings},
	}
	for _, r := range rules {
		all := true
		for _, p := range r.props {
			if !has(p) {
				all = false
				break
			}
		}
		if all {
			return r.kind, "the properties " + strings.Join(r.props, " and ") + " make it a " + r.kind, true
		}
	}
	return "", "", false
}

// normIdentity returns the identity a kind stores: Global for a
// configuration, Tag:Name for a named policy (an export may omit Tag:),
// and the identity as given otherwise.
func normIdentity(kind, id string) string {
	id = strings.TrimSpace(id)
	info, known := kindByName(kind)
	switch {
	case known && info.Single:
		return "Global"
	case strings.EqualFold(id, "Global"):
		return "Global"
	case id == "":
		return ""
	case known && info.PolicyType != "":
		low := strings.ToLower(id)
		if strings.HasPrefix(low, "tag:") {
			return "Tag:" + id[4:]
		}
		if strings.HasPrefix(low, "site:") || strings.HasPrefix(low, "service:") {
			return id
		}
		return "Tag:" + id
	}
	return id
}
