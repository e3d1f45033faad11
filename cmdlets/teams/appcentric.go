package teams

// App-centric management and the app lists of app permission policies.
//
// Stored forms (read by the app rules of cmdlets/join and written by the
// tenant importer, cmdlets/tenantio):
//
//   - kind "M365TeamsApp", identity = the app's id: IsBlocked bool,
//     AssignmentType string (Everyone, UsersAndGroups or NoOne), Users []any
//     of strings (user principal names or object IDs, as given), Groups
//     []any of strings (group IDs). Nothing else: exports write the entry
//     as it is (a Microsoft365DSC TeamsM365App resource has exactly these
//     properties); when the availability last changed is read from the
//     change log.
//   - kind "M365UnifiedTenantSettings", identity = SettingName (DefaultApp,
//     GlobalApp, PrivateApp or EnableCopilotExtensibility): SettingValue
//     string (All, None or Some), Users []any, Groups []any of strings.
//   - TeamsAppPermissionPolicy DefaultCatalogApps, GlobalCatalogApps and
//     PrivateCatalogApps: []any whose items are either nested objects of
//     kind DefaultCatalogApp, GlobalCatalogApp or PrivateCatalogApp with an
//     Id property (what Set- and New-CsTeamsAppPermissionPolicy store, and
//     what a Clixml import keeps) or plain app id strings (what a
//     Microsoft365DSC import keeps); state.CatalogAppIDs reads both. The
//     *CatalogAppsType properties are AllowedAppList or BlockedAppList.
//
// Sources: the cmdlet pages Get-M365TeamsApp.md, Get-AllM365TeamsApps.md,
// Update-M365TeamsApp.md, Get-M365UnifiedTenantSettings.md,
// Update-M365UnifiedTenantSettings.md and Set-CsTeamsAppPermissionPolicy.md
// (MicrosoftDocs/office-docs-powershell, teams/teams-ps/MicrosoftTeams).

import (
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// The kinds of app-centric management, as the tenant importer names them
// (tenantio.KindM365TeamsApp and KindM365UnifiedTenantSettings).
const (
	kindM365TeamsApp              = "M365TeamsApp"
	kindM365UnifiedTenantSettings = "M365UnifiedTenantSettings"
)

// catalogAppNamespace is the namespace of the app list item classes of
// Set-CsTeamsAppPermissionPolicy.md.
const catalogAppNamespace = "Microsoft.Teams.Policy.Administration.Cmdlets.Core."

// moduleTypes are the classes of the MicrosoftTeams module that scripts
// create with New-Object: the app list items of the app permission
// policies (Set-CsTeamsAppPermissionPolicy.md examples 3 to 5:
// New-Object -TypeName ...DefaultCatalogApp -Property @{Id="..."}).
func moduleTypes() []cmdlets.ModuleType {
	var out []cmdlets.ModuleType
	for _, k := range []string{"DefaultCatalogApp", "GlobalCatalogApp", "PrivateCatalogApp"} {
		out = append(out, cmdlets.ModuleType{Name: catalogAppNamespace + k, Properties: []string{"Id"}})
	}
	return out
}

// appCentricHandlers returns the bodies of the app-centric management
// cmdlets.
func appCentricHandlers() map[string]func(c call) error {
	return map[string]func(c call) error{
		"Get-M365TeamsApp":                 getM365TeamsApp,
		"Get-AllM365TeamsApps":             getAllM365TeamsApps,
		"Update-M365TeamsApp":              updateM365TeamsApp,
		"Get-M365UnifiedTenantSettings":    getUnifiedTenantSettings,
		"Update-M365UnifiedTenantSettings": updateUnifiedTenantSettings,
	}
}

// appCentricParams adjusts the generated parameter facts: the synopses and
// examples of the app-centric cmdlets, and the catalogue app lists of New- and Set-CsTeamsAppPermissionPolicy take the documented
// item classes (the generated type is "object"; catalogApps converts).
func appCentricParams(facts map[string]*cmdlets.Cmdlet) {
	if cmd, ok := facts["Update-M365TeamsApp"]; ok {
		cmd.Refused = refused("Update-M365TeamsApp", "csemu records who may use an app (-IsBlocked, -AppAssignmentType, -Users, -Groups), not where it is installed", installParams()...)
	}
	const app = "4c4ec2e8-4a2c-4bce-8d8f-00fc664a4e5b"
	for name, h := range map[string]struct {
		synopsis string
		examples []string
	}{
		"Get-M365TeamsApp": {"Returns whether a Teams app is blocked and who may use it (emulated on the local tenant).",
			[]string{"Get-M365TeamsApp -Id " + app, "(Get-M365TeamsApp -Id " + app + ").AvailableTo"}},
		"Get-AllM365TeamsApps": {"Returns every Teams app entry of the emulated tenant: blocked or not, and who may use it.",
			[]string{"Get-AllM365TeamsApps | Select-Object Id, IsBlocked -ExpandProperty AvailableTo"}},
		"Update-M365TeamsApp": {"Blocks or unblocks a Teams app and sets who may use it: everyone, chosen users and groups, or no one (emulated on the local tenant).",
			[]string{"Update-M365TeamsApp -Id " + app + " -IsBlocked $true",
				"Update-M365TeamsApp -Id " + app + " -AppAssignmentType UsersAndGroups -OperationType Add -Users ann@contoso.com -Groups 37da2d58-fc14-453e-9a14-5065ebd63a1d",
				"Update-M365TeamsApp -Id " + app + " -AppAssignmentType Everyone"}},
		"Get-M365UnifiedTenantSettings": {"Returns the org-wide app settings (DefaultApp, GlobalApp, PrivateApp, EnableCopilotExtensibility) of the emulated tenant.",
			[]string{"Get-M365UnifiedTenantSettings", "Get-M365UnifiedTenantSettings -SettingNames DefaultApp,GlobalApp"}},
		"Update-M365UnifiedTenantSettings": {"Changes an org-wide app setting of the emulated tenant.",
			[]string{"Update-M365UnifiedTenantSettings -SettingName GlobalApp -SettingValue None"}},
	} {
		if cmd, ok := facts[name]; ok {
			cmd.Synopsis, cmd.Examples = h.synopsis, h.examples
		}
	}
	for _, verb := range []string{"New-", "Set-"} {
		cmd, ok := facts[verb+"CsTeamsAppPermissionPolicy"]
		if !ok {
			continue
		}
		for _, name := range []string{"DefaultCatalogApps", "GlobalCatalogApps", "PrivateCatalogApps"} {
			if p := cmd.Param(name); p != nil {
				p.Type = "object"
				p.DotNet = catalogAppNamespace + strings.TrimSuffix(name, "s") + "[]"
			}
		}
	}
}

// catalogApps converts the value given to -DefaultCatalogApps,
// -GlobalCatalogApps or -PrivateCatalogApps (param) to a list of the
// parameter's item class, as PowerShell's binder converts to the
// documented array type: an object of that class is kept, a hashtable or
// a custom object is converted property by property (it must give an Id
// and nothing the class lacks), $null and @() give an empty list. A
// string is refused: the class has no documented constructor taking one,
// and PowerShell converts a string to a class only through such a
// constructor (about_Type_Conversion).
func catalogApps(c call, param string, v any) (any, error) {
	class := catalogAppNamespace + strings.TrimSuffix(param, "s")
	items := value.AsSlice(v)
	out := &value.Array{List: true}
	for _, it := range items {
		if it == nil {
			continue
		}
		id, ok := catalogAppID(it, class)
		if ok && strings.TrimSpace(id) == "" {
			return nil, c.Fail("MissingAppId", cmdlets.InvalidArgument, "-%s: each app needs an Id, the app's id (New-Object -TypeName %s -Property @{Id=\"...\"})", param, class)
		}
		if !ok {
			return nil, c.FailBinding("CannotConvertArgument", "Cannot bind parameter '%s'. Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".",
				param, value.ToString(it), value.TypeName(it), class)
		}
		o := value.NewObject(class)
		o.Set("Id", id)
		out.Items = append(out.Items, o)
	}
	return out, nil
}

// catalogAppsPS returns a stored catalogue app list (name) as Get-
// writes it: objects of the list's item class with an Id, also for the id
// strings of a Microsoft365DSC import.
func catalogAppsPS(name string, v any) any {
	class := catalogAppNamespace + strings.TrimSuffix(name, "s")
	items, ok := v.([]any)
	if !ok {
		return toPS(v)
	}
	out := &value.Array{List: true}
	for _, id := range state.CatalogAppIDs(items) {
		o := value.NewObject(class)
		o.Set("Id", id)
		out.Items = append(out.Items, o)
	}
	return out
}

// catalogAppID reads the Id of one item given for a catalogue app list of
// class; ok is false for an item PowerShell would not convert.
func catalogAppID(it any, class string) (string, bool) {
	switch x := it.(type) {
	case *value.Object:
		if !x.IsCustom() && !strings.EqualFold(x.TypeName(), class) {
			return "", false
		}
		for _, p := range x.Props() {
			if !strings.EqualFold(p.Name, "Id") {
				return "", false
			}
		}
		id, _ := x.Get("Id")
		if id == nil {
			return "", true
		}
		return value.ToString(id), true
	case *value.Hashtable:
		if x.Len() != 1 {
			return "", false
		}
		id, ok := hashGet(x, "Id")
		if !ok {
			return "", false
		}
		return value.ToString(id), true
	}
	return "", false
}

// appEntry returns the stored entry of app id.
func appEntry(t *state.Tenant, id string) (*state.Object, bool) {
	return t.Object(kindM365TeamsApp, id)
}

// appObject returns the object Get-M365TeamsApp writes for an entry, with
// the properties of the page's OUTPUTS section: Id, IsBlocked, AvailableTo
// (AssignmentType, Users, Groups, LastUpdatedTimeStamp, AssignedBy) and
// InstalledFor. LastUpdatedTimeStamp is the time of the newest change of
// the app's availability in the change log ($null for none); csemu
// records no installations (InstalledFor is $null) and no signed-in admin
// (AssignedBy is $null).
//
// The page names the first property ID and describes IsBlocked as Blocked
// or Unblocked; -IsBlocked of Update-M365TeamsApp is a Boolean, and the
// object carries it as one (PowerShell property names are not
// case-sensitive, so $app.ID reads Id).
func appObject(t *state.Tenant, o *state.Object) *value.Object {
	out := value.NewObject()
	out.Set("Id", o.Identity)
	blocked, _ := o.Get("IsBlocked")
	out.Set("IsBlocked", value.ToBool(blocked))
	avail := value.NewObject()
	at, _ := o.Get("AssignmentType")
	avail.Set("AssignmentType", canonicalAssignment(state.Text(at)))
	for _, list := range []string{"Users", "Groups"} {
		items := &value.Array{List: true}
		for _, id := range storedStrings(o, list) {
			e := value.NewObject()
			e.Set("Id", id)
			items.Items = append(items.Items, e)
		}
		avail.Set(list, items)
	}
	var stamp any
	for _, prop := range []string{"", "AssignmentType", "Users", "Groups"} {
		if ch, ok := t.LastChange(kindM365TeamsApp, o.Identity, prop); ok {
			if cur, ok := stamp.(time.Time); !ok || ch.Time.After(cur) {
				stamp = ch.Time.UTC()
			}
		}
	}
	avail.Set("LastUpdatedTimeStamp", stamp)
	avail.Set("AssignedBy", nil)
	out.Set("AvailableTo", avail)
	out.Set("InstalledFor", nil)
	return out
}

// storedStrings returns a stored list property as strings.
func storedStrings(o *state.Object, name string) []string {
	v, _ := o.Get(name)
	var out []string
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			if it != nil {
				out = append(out, state.Text(it))
			}
		}
	case nil:
	default:
		if s := state.Text(x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// canonicalAssignment spells an assignment type as the contract stores it
// (Everyone, UsersAndGroups, NoOne), whatever the case of the source.
func canonicalAssignment(s string) string {
	for _, v := range []string{"Everyone", "UsersAndGroups", "NoOne"} {
		if strings.EqualFold(s, v) {
			return v
		}
	}
	return s
}

// getM365TeamsApp is Get-M365TeamsApp -Id. An app the tenant has no entry
// for is an error: the page does not document the service's answer, and
// the emulated tenant holds no app catalogue, so the error says where the
// entries come from.
func getM365TeamsApp(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	id := strings.TrimSpace(c.String("Id"))
	o, ok := appEntry(t, id)
	if !ok {
		return c.Errorf("AppNotFound", cmdlets.ObjectNotFound, id,
			"App with id %q was not found in the tenant. The emulated tenant knows the apps that Update-M365TeamsApp changed or that an import brought in.", id)
	}
	return c.Write(appObject(t, o))
}

// getAllM365TeamsApps is Get-AllM365TeamsApps: every app entry of the
// tenant, in stored order.
func getAllM365TeamsApps(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	for _, o := range t.Objects(kindM365TeamsApp) {
		if err := c.Write(appObject(t, o)); err != nil {
			return err
		}
	}
	return nil
}

// installParams are the parameters of Update-M365TeamsApp that change an
// app's installation, which csemu does not model.
func installParams() []string {
	return []string{"AppInstallType", "InstallForOperationType", "InstallForUsers", "InstallForGroups", "InstallVersion"}
}

// updateM365TeamsApp is Update-M365TeamsApp: it blocks or unblocks an app
// (-IsBlocked) and sets who may use it (-AppAssignmentType, and with
// UsersAndGroups -OperationType Add|Remove of -Users and -Groups).
//
// The page marks -AppAssignmentType and -OperationType Required, but its
// examples 1 and 3 leave them out: only -Id is mandatory, and -OperationType
// is needed exactly when -Users or -Groups are given. An app the tenant has
// no entry for gets one (the real catalogue holds every app; the emulated
// tenant only those an admin changed), starting unblocked and available
// to Everyone, the state of an app no admin has changed. Moving an app to
// Everyone or NoOne clears its user and group lists, which only
// UsersAndGroups reads.
func updateM365TeamsApp(c call) error {
	id := strings.TrimSpace(c.String("Id"))
	if id == "" {
		return c.Fail("InvalidId", cmdlets.InvalidArgument, "-Id is empty: give the app's id, such as 4c4ec2e8-4a2c-4bce-8d8f-00fc664a4e5b")
	}
	users, groups := cleanIDs(c.Strings("Users")), cleanIDs(c.Strings("Groups"))
	listed := c.Has("Users") || c.Has("Groups")
	op, err := documented(c, "OperationType")
	if err != nil {
		return err
	}
	assign, err := documented(c, "AppAssignmentType")
	if err != nil {
		return err
	}
	if listed && op == "" {
		return c.Fail("MissingOperationType", cmdlets.InvalidArgument, "-Users and -Groups need -OperationType Add or Remove")
	}
	if op != "" && !listed {
		return c.Fail("MissingUsersOrGroups", cmdlets.InvalidArgument, "-OperationType %s needs -Users or -Groups: the users and groups to add or remove", op)
	}
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	if strings.EqualFold(op, "Add") {
		if ok, err := checkDirectory(c, t, users, groups); !ok {
			return err
		}
	}
	o, exists := appEntry(t, id)
	if !exists {
		o = &state.Object{Kind: kindM365TeamsApp, Identity: id}
		o.Set("IsBlocked", false)
		o.Set("AssignmentType", "Everyone")
		o.Set("Users", []any{})
		o.Set("Groups", []any{})
	}
	at := canonicalAssignment(state.Text(first(o.Get("AssignmentType"))))
	if assign != "" {
		at = assign
	}
	if listed && at != "UsersAndGroups" {
		return c.Fail("NotUsersAndGroups", cmdlets.InvalidArgument,
			"-Users and -Groups apply to an app available to UsersAndGroups; app %q is available to %s: add -AppAssignmentType UsersAndGroups", id, at)
	}
	var props []state.Prop
	if c.Has("IsBlocked") {
		props = append(props, state.Prop{Name: "IsBlocked", Value: value.ToBool(c.Arg("IsBlocked"))})
	}
	props = append(props, state.Prop{Name: "AssignmentType", Value: at})
	props = append(props, memberLists(o, at == "UsersAndGroups", op, users, groups)...)
	if !exists {
		c.Verbose("Update-M365TeamsApp: the tenant had no entry for app %q; it is created unblocked and available to Everyone before the change.", id)
		c.recordChange(t, kindM365TeamsApp, id, "", nil, "created")
	}
	changed := !exists
	for _, p := range props {
		old, _ := o.Get(p.Name)
		if sameStored(old, p.Value) {
			continue
		}
		changed = true
		o.Set(p.Name, p.Value)
		c.recordChange(t, kindM365TeamsApp, id, p.Name, old, p.Value)
	}
	if !changed {
		t.NoteUnchanged()
		return nil
	}
	if err := t.PutObject(o); err != nil {
		return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	return nil
}

// documented returns the value of string parameter name, checked against
// and spelled as its documented values ("" when it is not given).
func documented(c call, name string) (string, error) {
	v, ok := c.Lookup(name)
	if !ok || v == nil {
		return "", nil
	}
	p := c.Command().Param(name)
	if p == nil {
		return value.ToString(v), nil
	}
	cv, err := checkDocumented(p, value.ToString(v))
	if err != nil {
		return "", c.Fail("InvalidValue", cmdlets.InvalidArgument, "%s", err.Error())
	}
	return value.ToString(cv), nil
}

// checkDirectory reports, when csemu runs with --strict, the first of
// users and groups that the directory lacks, with the errors of the
// directory cmdlets (ensureUser, ensureGroup), and ok is false; otherwise
// they are stored as given, user principal names or object IDs, without
// creating anyone.
func checkDirectory(c call, t *state.Tenant, users, groups []string) (ok bool, err error) {
	if !c.h.strict {
		return true, nil
	}
	for _, id := range users {
		if u, err := ensureUser(c, t, id, false); u == nil {
			return false, err
		}
	}
	for _, id := range groups {
		if g, err := ensureGroup(c, t, id, false); g == nil {
			return false, err
		}
	}
	return true, nil
}

// first returns the value of a two-value lookup.
func first(v any, _ bool) any { return v }

// cleanIDs trims the given ids and drops the empty ones.
func cleanIDs(ids []string) []string {
	var out []string
	for _, s := range ids {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// addIDs appends the ids of add that cur lacks (not case-sensitive).
func addIDs(cur, add []string) []string {
	out := append([]string(nil), cur...)
	for _, s := range add {
		if !containsFold(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// removeIDs drops the ids of remove from cur (not case-sensitive).
func removeIDs(cur, remove []string) []string {
	var out []string
	for _, s := range cur {
		if !containsFold(remove, s) {
			out = append(out, s)
		}
	}
	return out
}

// stringList returns ids as a stored list.
func stringList(ids []string) []any {
	out := make([]any, 0, len(ids))
	for _, s := range ids {
		out = append(out, s)
	}
	return out
}

// unifiedSettingObject returns the object Get-M365UnifiedTenantSettings
// writes: SettingName, SettingValue, Users and Groups (the page's
// OUTPUTS section).
func unifiedSettingObject(o *state.Object) *value.Object {
	out := value.NewObject()
	out.Set("SettingName", o.Identity)
	v, _ := o.Get("SettingValue")
	out.Set("SettingValue", state.Text(v))
	for _, list := range []string{"Users", "Groups"} {
		items := &value.Array{List: true}
		for _, id := range storedStrings(o, list) {
			items.Items = append(items.Items, id)
		}
		out.Set(list, items)
	}
	return out
}

// getUnifiedTenantSettings is Get-M365UnifiedTenantSettings
// [-SettingNames]: the settings the tenant holds, all of them or those
// named. The emulated tenant holds a setting once
// Update-M365UnifiedTenantSettings set it or an import brought it in; a
// named setting it does not hold is reported with a warning rather than
// given a value the service was never asked for.
func getUnifiedTenantSettings(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	if !c.Has("SettingNames") {
		for _, o := range t.Objects(kindM365UnifiedTenantSettings) {
			if err := c.Write(unifiedSettingObject(o)); err != nil {
				return err
			}
		}
		return nil
	}
	p := c.Command().Param("SettingNames")
	for _, given := range c.Strings("SettingNames") {
		cv, err := checkDocumented(p, strings.TrimSpace(given))
		if err != nil {
			return c.Fail("InvalidValue", cmdlets.InvalidArgument, "%s", err.Error())
		}
		name := value.ToString(cv)
		o, ok := t.Object(kindM365UnifiedTenantSettings, name)
		if !ok {
			c.Warning("The tenant holds no value for the setting %s: set it with Update-M365UnifiedTenantSettings -SettingName %s.", name, name)
			continue
		}
		if err := c.Write(unifiedSettingObject(o)); err != nil {
			return err
		}
	}
	return nil
}

// updateUnifiedTenantSettings is Update-M365UnifiedTenantSettings. The
// page marks -Operation Required, but its example 2 leaves it out: it is
// needed exactly when -Users or -Groups are given, which apply only to
// the value Some, and Some only to EnableCopilotExtensibility
// (Get-M365UnifiedTenantSettings.md: "Some (only applicable for
// EnableCopilotExtensibility)"). All and None clear the lists.
func updateUnifiedTenantSettings(c call) error {
	name, err := documented(c, "SettingName")
	if err != nil {
		return err
	}
	val, err := documented(c, "SettingValue")
	if err != nil {
		return err
	}
	if val == "Some" && name != "EnableCopilotExtensibility" {
		return c.Fail("InvalidSettingValue", cmdlets.InvalidArgument,
			"The value Some applies only to EnableCopilotExtensibility; %s takes All or None", name)
	}
	listed := c.Has("Users") || c.Has("Groups")
	op, err := documented(c, "Operation")
	if err != nil {
		return err
	}
	if listed && op == "" {
		return c.Fail("MissingOperation", cmdlets.InvalidArgument, "-Users and -Groups need -Operation Add or Remove")
	}
	if op != "" && !listed {
		return c.Fail("MissingUsersOrGroups", cmdlets.InvalidArgument, "-Operation %s needs -Users or -Groups: the users and groups to add or remove", op)
	}
	if listed && val != "Some" {
		return c.Fail("NotSome", cmdlets.InvalidArgument, "-Users and -Groups apply with -SettingValue Some, not %s", val)
	}
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	if strings.EqualFold(op, "Add") {
		if ok, err := checkDirectory(c, t, cleanIDs(c.Strings("Users")), cleanIDs(c.Strings("Groups"))); !ok {
			return err
		}
	}
	o, exists := t.Object(kindM365UnifiedTenantSettings, name)
	if !exists {
		o = &state.Object{Kind: kindM365UnifiedTenantSettings, Identity: name}
		c.recordChange(t, kindM365UnifiedTenantSettings, name, "", nil, "created")
	}
	props := []state.Prop{{Name: "SettingValue", Value: val}}
	users, groups := cleanIDs(c.Strings("Users")), cleanIDs(c.Strings("Groups"))
	props = append(props, memberLists(o, val == "Some", op, users, groups)...)
	changed := !exists
	for _, p := range props {
		old, had := o.Get(p.Name)
		if had && sameStored(old, p.Value) {
			continue
		}
		changed = true
		o.Set(p.Name, p.Value)
		if exists {
			c.recordChange(t, kindM365UnifiedTenantSettings, name, p.Name, old, p.Value)
		}
	}
	if !changed {
		t.NoteUnchanged()
		return nil
	}
	if !exists {
		c.recordChange(t, kindM365UnifiedTenantSettings, name, "SettingValue", nil, val)
	}
	if err := t.PutObject(o); err != nil {
		return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	return nil
}

// memberLists are the Users and Groups properties of an app entry or a
// unified setting after an update: the stored lists with -Users and
// -Groups added or removed (-OperationType), or empty when the
// assignment does not name people (keep false).
func memberLists(o *state.Object, keep bool, op string, users, groups []string) []state.Prop {
	var out []state.Prop
	for _, l := range []struct {
		name  string
		given []string
	}{{"Users", users}, {"Groups", groups}} {
		cur := storedStrings(o, l.name)
		switch {
		case !keep:
			cur = nil
		case strings.EqualFold(op, "Add"):
			cur = addIDs(cur, l.given)
		case strings.EqualFold(op, "Remove"):
			cur = removeIDs(cur, l.given)
		}
		out = append(out, state.Prop{Name: l.name, Value: stringList(cur)})
	}
	return out
}
