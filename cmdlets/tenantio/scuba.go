package tenantio

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// scubaSection is a Teams key of ScubaGear's ProviderSettingsExport.json:
// the kind of its objects and the member that names each.
type scubaSection struct {
	key, kind string
	idKey     string
	defaultID string
}

// scubaSections returns the Teams keys of ScubaGear's export (exports.md
// section 4), in the order the provider writes them.
func scubaSections() []scubaSection {
	return []scubaSection{
		{"meeting_policies", state.KindTeamsMeetingPolicy, "Identity", ""},
		{"federation_configuration", state.KindTenantFederationConfiguration, "Identity", ""},
		{"client_configuration", "TeamsClientConfiguration", "Identity", "Global"},
		{"app_policies", state.KindTeamsAppPermissionPolicy, "Identity", ""},
		{"broadcast_policies", "TeamsMeetingBroadcastPolicy", "Identity", ""},
		{"tenant_app_settings", KindM365UnifiedTenantSettings, "SettingName", ""},
		{"teams_tenant_info", "TenantInfo", "TenantId", "Global"},
	}
}

// readScuba reads ScubaGear's provider export (exports.md section 4): one
// JSON object whose Teams keys hold arrays of Get-Cs* objects, read by the
// rules of the Get-Cs JSON exports with paths such as
// $.meeting_policies[2].AllowAnonymousUsersToJoinMeeting. Other keys are
// skipped with a note each.
func readScuba(rd *reader) error {
	if err := csjsonEncodingError(rd.src); err != nil {
		return err
	}
	root, err := decodeCsJSON(rd.src.Name, rd.text)
	if err != nil {
		return err
	}
	c := newCsjsonReader(rd)
	if root.kind != csjsonObject {
		return c.errAt(root.off, "$", "expected ScubaGear's provider export, a JSON object, found %s", csjsonKindName(root))
	}
	for _, m := range root.members {
		path := csjsonPath("$").key(m.name)
		sec, ok := scubaSectionOf(m.name)
		if !ok {
			rd.snap.Notes = append(rd.snap.Notes, Note{Kind: m.name, Reason: "skipped; ScubaGear's " + m.name + " is not a Teams setting csemu imports", Origin: c.at(m.off, path), Skipped: true})
			continue
		}
		var els []*csjsonNode
		var paths []csjsonPath
		switch m.val.kind {
		case csjsonNull:
		case csjsonObject:
			els, paths = append(els, m.val), append(paths, path)
		case csjsonArray:
			for i, el := range m.val.items {
				if el.kind == csjsonNull {
					continue
				}
				els, paths = append(els, el), append(paths, path.index(i))
			}
		default:
			return c.errAt(m.val.off, path, "expected an array of objects, found %s", csjsonKindName(m.val))
		}
		for i, el := range els {
			if el.kind != csjsonObject {
				return c.errAt(el.off, paths[i], "expected an object, found %s", csjsonKindName(el))
			}
			it, err := c.item(el, paths[i], sec.kind, sec.idKey, sec.defaultID)
			if err != nil {
				return err
			}
			rd.snap.Objects = append(rd.snap.Objects, it)
		}
	}
	file := Origin{File: rd.src.Name}
	rd.snap.Notes = append(rd.snap.Notes,
		Note{Kind: state.KindTeamsMeetingConfiguration, Reason: "ScubaGear's export has no meeting configuration", Origin: file},
		Note{Kind: "PolicyAssignments", Reason: "ScubaGear's export has no policy assignments", Origin: file},
	)
	c.finish()
	return nil
}

func scubaSectionOf(key string) (scubaSection, bool) {
	for _, s := range scubaSections() {
		if strings.EqualFold(s.key, key) {
			return s, true
		}
	}
	return scubaSection{}, false
}
