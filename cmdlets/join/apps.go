package join

import (
	"strings"
	"time"

	"github.com/csemu/csemu/state"
)

// Apps in meetings for anonymous participants: section B of
// external-and-app-rules.md, rules 1 to 6, one function each.

// Kinds of app-centric management, as the tenant importer writes them.
const (
	KindM365TeamsApp              = "M365TeamsApp"
	KindM365UnifiedTenantSettings = "M365UnifiedTenantSettings"
)

// Outcome of an app question that the join outcomes lack.
const AppAllowed = "Allowed"

// Surfaces of an app in a meeting, in the order the output lists them.
const (
	SurfaceAuto  = "Auto"
	SurfaceTab   = "Tab"
	SurfaceStage = "Stage"
	SurfaceBot   = "Bot"
	SurfaceCards = "Cards"
)

// Catalogues of apps.
const (
	CatalogMicrosoft = "Microsoft"
	CatalogStore     = "Store"
	CatalogCustom    = "Custom"
)

// AppSurfaces, AppCatalogs list the values an [AppQuestion] takes.
var (
	AppSurfaces = []string{SurfaceAuto, SurfaceTab, SurfaceStage, SurfaceBot}
	AppCatalogs = []string{CatalogMicrosoft, CatalogStore, CatalogCustom}
)

// MeetingContexts returns the tab contexts that put a tab in a meeting
// (rule 6).
func MeetingContexts() []string {
	return []string{"meetingSidePanel", "meetingStage", "meetingChatTab", "meetingDetailsTab"}
}

// AppQuestion is what is asked about an app: its id (when no manifest is
// given, or to replace a placeholder id of the manifest), the
// participant's client, the surface asked about and the app's catalogue
// (empty: from the manifest's developer.name).
type AppQuestion struct {
	AppID      string
	ClientType string
	Surface    string
	Catalog    string
}

// AppContext is what the app's context tells of an anonymous participant
// (the developer page "Build apps for anonymous users").
type AppContext struct {
	LicenseType       string
	UserObjectID      string
	LoginHint         string
	UserPrincipalName string
}

// AppAnswer is the answer to an [AppQuestion]: the properties of an
// AnonymousAppAccessResult.
type AppAnswer struct {
	App, AppID, Organizer, ClientType string
	Allowed                           bool
	// Outcome is Allowed, Blocked, NotSupported, or Unknown when no
	// manifest says what the app offers.
	Outcome   string
	DecidedBy string
	// Surfaces lists what works: Tab, Stage, Bot, Cards.
	Surfaces            []string
	Context             AppContext
	RosterRole          string
	CanAuthenticate     bool
	BotCanStartOneToOne bool
	LiveShare           bool
	Reasons, Warnings   []string
}

// appEval is one evaluation of section B.
type appEval struct {
	*evaluation
	m         *Manifest
	q         AppQuestion
	id        string
	catalog   string
	organizer string
}

// EvaluateApp answers whether an anonymous participant can use an app in
// a meeting that organizer organizes, on tenant t at time now. m is the
// app's manifest, nil when only the id is known (q.AppID).
func EvaluateApp(t *state.Tenant, now time.Time, organizer string, m *Manifest, q AppQuestion) *AppAnswer {
	q.ClientType = canonical(q.ClientType, ClientTypes, ClientTeams)
	q.Surface = canonical(q.Surface, AppSurfaces, SurfaceAuto)
	q.Catalog = canonical(q.Catalog, AppCatalogs, "")
	a := &appEval{evaluation: &evaluation{t: t, now: now}, m: m, q: q, id: q.AppID, organizer: organizer}
	name := ""
	if m != nil {
		name = m.Name
		if a.id == "" {
			a.id = m.ID
		}
	}
	surfaces := a.run(organizer)
	a.recentChanges()
	if a.outcome != AppAllowed {
		surfaces = nil
	}
	return &AppAnswer{App: name, AppID: a.id, Organizer: organizer, ClientType: q.ClientType,
		Allowed: a.outcome == AppAllowed, Outcome: a.outcome, DecidedBy: a.decidedBy, Surfaces: surfaces,
		Context:    AppContext{LicenseType: "Anonymous"},
		RosterRole: "anonymous", Reasons: a.reasons, Warnings: a.warnings}
}

// run applies the rules in order and returns the surfaces that work.
func (a *appEval) run(organizer string) []string {
	if a.rule1Join(organizer) || a.rule2Client() || a.rule3TenantSwitch() || a.rule4Permission() {
		return nil
	}
	if a.m == nil {
		a.reason("Rules 5 and 6 (manifest, surface): no manifest was given, so csemu cannot tell whether the app's tabs support anonymous participants nor which meeting surfaces it has; give -Manifest.")
		a.decide(Unknown, "Manifest")
		return nil
	}
	offered := a.rule6Offered()
	left := a.rule5Manifest(offered)
	if a.outcome != "" {
		return nil // rule 5 blocked every surface, or rule 6 found none
	}
	a.decide(AppAllowed, openedBy(left))
	a.explainWhatTheAppSees()
	return left
}

// rule1Join: the meeting must admit the participant at all.
func (a *appEval) rule1Join(organizer string) bool {
	ans := Evaluate(a.t, a.now, organizer, Question{ClientType: a.q.ClientType})
	a.warnings = append(a.warnings, ans.Warnings...)
	a.reason("Rule 1 (the meeting admits the participant): the anonymous-join rules answer %s for a %s client, decided by %s:", ans.Outcome, a.q.ClientType, ans.DecidedBy)
	for _, r := range ans.Reasons {
		a.reason("  %s", r)
	}
	if !ans.Allowed {
		a.decide(Blocked, ans.DecidedBy)
		return true
	}
	return false
}

// rule2Client: Azure Communication Services clients cannot use meeting
// apps.
func (a *appEval) rule2Client() bool {
	if a.q.ClientType == ClientAcs {
		a.reason("Rule 2 (client): an Azure Communication Services client cannot interact with meeting apps, and bots receive no Teams activity events when such a participant joins.")
		a.decide(NotSupported, "ClientType")
		return true
	}
	a.reason("Rule 2 (client): the Teams client can use meeting apps.")
	return false
}

// rule3TenantSwitch: TeamsMeetingConfiguration[Global].DisableAppInteractionForAnonymousUsers.
func (a *appEval) rule3TenantSwitch() bool {
	c := a.object(state.KindTeamsMeetingConfiguration, "Global")
	const setting = "DisableAppInteractionForAnonymousUsers"
	v := a.read(c, setting)
	if truth(v) {
		a.reason("Rule 3 (tenant switch): %s: anonymous participants cannot interact with apps.", a.shown(c, setting, v))
		a.decide(Blocked, by(c, setting))
		return true
	}
	a.reason("Rule 3 (tenant switch): %s.", a.shown(c, setting, v))
	return false
}

// appCatalog decides the app's catalogue: -Catalog, else Microsoft for a
// manifest whose developer.name is Microsoft, else custom.
func (a *appEval) appCatalog() string {
	switch {
	case a.q.Catalog != "":
		a.reason("Rule 4 (catalogue): -Catalog %s.", a.q.Catalog)
		return a.q.Catalog
	case a.m != nil && isMicrosoft(a.m.DeveloperName):
		a.reason("Rule 4 (catalogue): the manifest's developer.name is %q: a Microsoft app.", a.m.DeveloperName)
		return CatalogMicrosoft
	case a.m != nil:
		a.reason("Rule 4 (catalogue): the manifest's developer.name is %q: a custom app (give -Catalog Store for a store app).", a.m.DeveloperName)
	default:
		a.reason("Rule 4 (catalogue): no manifest and no -Catalog: a custom app.")
	}
	return CatalogCustom
}

func isMicrosoft(developer string) bool {
	d := strings.TrimSpace(developer)
	return strings.EqualFold(d, "Microsoft") || strings.EqualFold(d, "Microsoft Corporation")
}

// catalogPrefix is the permission policy's property prefix and the
// unified tenant setting of a catalogue.
func catalogPrefix(catalog string) (policy, setting string) {
	switch catalog {
	case CatalogMicrosoft:
		return "DefaultCatalogApps", "DefaultApp"
	case CatalogStore:
		return "GlobalCatalogApps", "GlobalApp"
	}
	return "PrivateCatalogApps", "PrivateApp"
}

// UsesAppCentricManagement reports whether the tenant manages apps
// app-centrically: any M365TeamsApp entry or unified tenant setting of
// the app catalogues (DefaultApp, GlobalApp, PrivateApp) exists. Other
// unified settings, such as EnableCopilotExtensibility, are not about
// which apps people may use.
func UsesAppCentricManagement(t *state.Tenant) bool {
	if len(t.Objects(KindM365TeamsApp)) > 0 {
		return true
	}
	for _, name := range []string{"DefaultApp", "GlobalApp", "PrivateApp"} {
		if _, ok := t.Object(KindM365UnifiedTenantSettings, name); ok {
			return true
		}
	}
	return false
}

// rule4Permission: the Global app permission policy, or app-centric
// management, must allow the app.
func (a *appEval) rule4Permission() bool {
	a.catalog = a.appCatalog()
	if a.m != nil && a.id != "" && a.m.IDIsPlaceholder() && a.q.AppID == "" {
		a.warn("The manifest's id %q is a template placeholder, which no permission list names; give -AppId with the id the app gets when it is published.", a.id)
	}
	if a.m != nil && a.q.AppID != "" && a.m.ID != "" && !a.m.IDIsPlaceholder() && !strings.EqualFold(a.m.ID, a.q.AppID) {
		a.warn("-AppId %s differs from the manifest's id %s; csemu looked up -AppId.", a.q.AppID, a.m.ID)
	}
	if u, ok := a.t.User(a.organizer); ok {
		if eff := NewResolver(a.t, "TeamsAppPermissionPolicy").Resolve(u); eff.Source != SourceGlobal {
			a.reason("Rule 4: the organizer's own TeamsAppPermissionPolicy %s is not read: anonymous participants always get the Global policy.", eff.Identity)
		}
	}
	if UsesAppCentricManagement(a.t) {
		return a.appCentric()
	}
	return a.permissionPolicy()
}

// permissionPolicy reads the Global TeamsAppPermissionPolicy's list of the
// app's catalogue.
func (a *appEval) permissionPolicy() bool {
	prefix, _ := catalogPrefix(a.catalog)
	p := a.object(state.KindTeamsAppPermissionPolicy, "Global")
	kind := a.read(p, prefix+"Type")
	list := a.read(p, prefix)
	listed := listsApp(list, a.id)
	allowList := strings.EqualFold(state.Text(kind), "AllowedAppList")
	switch {
	case allowList && !listed:
		a.reason("Rule 4 (app permission policy): %s and %s does not list %s: blocked.", a.shown(p, prefix+"Type", kind), a.shown(p, prefix, list), a.shownID())
		a.decide(Blocked, by(p, prefix))
		return true
	case !allowList && listed:
		a.reason("Rule 4 (app permission policy): %s and %s lists %s: blocked.", a.shown(p, prefix+"Type", kind), a.shown(p, prefix, list), a.shownID())
		a.decide(Blocked, by(p, prefix))
		return true
	case allowList:
		a.reason("Rule 4 (app permission policy): %s and %s lists %s: allowed.", a.shown(p, prefix+"Type", kind), a.shown(p, prefix, list), a.shownID())
	default:
		a.reason("Rule 4 (app permission policy): %s and %s does not list %s: allowed.", a.shown(p, prefix+"Type", kind), a.shown(p, prefix, list), a.shownID())
	}
	return false
}

func (a *appEval) shownID() string {
	if a.id == "" {
		return "the app (no id)"
	}
	return a.id
}

// appCentric reads the app's M365TeamsApp entry, or the org-wide default
// of its catalogue.
func (a *appEval) appCentric() bool {
	if a.id != "" {
		if o, ok := a.t.Object(KindM365TeamsApp, a.id); ok {
			blocked := a.read(o, "IsBlocked")
			if truth(blocked) {
				a.reason("Rule 4 (app-centric management): %s: blocked.", a.shown(o, "IsBlocked", blocked))
				a.decide(Blocked, by(o, "IsBlocked"))
				return true
			}
			assignment := a.read(o, "AssignmentType")
			if !strings.EqualFold(state.Text(assignment), "Everyone") {
				a.reason("Rule 4 (app-centric management): %s and %s: only Everyone reaches anonymous participants: blocked.", a.shown(o, "IsBlocked", blocked), a.shown(o, "AssignmentType", assignment))
				a.decide(Blocked, by(o, "AssignmentType"))
				return true
			}
			a.reason("Rule 4 (app-centric management): %s and %s: allowed.", a.shown(o, "IsBlocked", blocked), a.shown(o, "AssignmentType", assignment))
			return false
		}
	}
	_, name := catalogPrefix(a.catalog)
	o, ok := a.t.Object(KindM365UnifiedTenantSettings, name)
	if !ok {
		o = &state.Object{Kind: KindM365UnifiedTenantSettings, Identity: name, Props: []state.Prop{{Name: "SettingValue", Value: "All"}}}
	}
	v := a.read(o, "SettingValue")
	if !strings.EqualFold(state.Text(v), "All") {
		a.reason("Rule 4 (app-centric management): the tenant has no M365TeamsApp entry for %s, and the org-wide default %s: blocked.", a.shownID(), a.shown(o, "SettingValue", v))
		a.decide(Blocked, by(o, "SettingValue"))
		return true
	}
	a.reason("Rule 4 (app-centric management): the tenant has no M365TeamsApp entry for %s, and the org-wide default %s: allowed.", a.shownID(), a.shown(o, "SettingValue", v))
	return false
}

// listsApp reports whether a permission policy's app list names id (in
// either stored form: objects with an Id, or id strings).
func listsApp(list any, id string) bool {
	if id == "" {
		return false
	}
	for _, it := range state.CatalogAppIDs(list) {
		if strings.EqualFold(it, id) {
			return true
		}
	}
	return false
}

// surfaceAsked reports whether the question covers surface s.
func (a *appEval) surfaceAsked(s string) bool {
	switch a.q.Surface {
	case SurfaceAuto:
		return true
	case SurfaceBot:
		return s == SurfaceBot || s == SurfaceCards
	}
	return s == a.q.Surface
}

// rule6Offered lists the meeting surfaces the manifest offers among those
// asked about (rule 6); it decides NotSupported when there is none.
func (a *appEval) rule6Offered() []string {
	var tab, stage bool
	for _, t := range a.m.Tabs {
		for _, c := range t.Contexts {
			for _, mc := range MeetingContexts() {
				if strings.EqualFold(c, mc) {
					tab = true
					stage = stage || mc == "meetingStage"
				}
			}
		}
	}
	bot := false
	for _, b := range a.m.Bots {
		for _, s := range b.Scopes {
			if strings.EqualFold(s, "groupChat") {
				bot = true
				if s != "groupChat" {
					a.warn("bots scope %q: Teams accepts the lower-case spelling, but strict validation against the manifest schema, which spells it groupChat, fails.", s)
				}
			}
		}
	}
	cards := bot || a.m.ComposeExtensions > 0
	var offered []string
	for _, s := range []struct {
		name string
		has  bool
	}{{SurfaceTab, tab}, {SurfaceStage, stage}, {SurfaceBot, bot}, {SurfaceCards, cards}} {
		if s.has && a.surfaceAsked(s.name) {
			offered = append(offered, s.name)
		}
	}
	if len(offered) == 0 {
		return nil
	}
	return offered
}

// rule5Manifest removes the tabs and the stage when the manifest does not
// let anonymous participants use them; it decides Blocked when no surface
// is left, and rule 6 NotSupported when the app offers none.
func (a *appEval) rule5Manifest(offered []string) []string {
	const flag = "meetingExtensionDefinition.supportsAnonymousGuestUsers"
	hasTabs := false
	for _, s := range offered {
		hasTabs = hasTabs || s == SurfaceTab || s == SurfaceStage
	}
	tabsOK := true
	blockedBy := ""
	switch {
	case !a.m.VersionAtLeast116():
		tabsOK, blockedBy = false, "manifest.manifestVersion"
		a.reason("Rule 5 (manifest): manifestVersion %q is before 1.16, which has no %s: tabs and the stage are blocked.", a.m.ManifestVersion, flag)
	case a.m.SupportsAnonymousGuestUsers == nil:
		tabsOK, blockedBy = false, "manifest."+flag
		a.reason("Rule 5 (manifest): manifestVersion %q, %s is absent: tabs and the stage are blocked.", a.m.ManifestVersion, flag)
	case !*a.m.SupportsAnonymousGuestUsers:
		tabsOK, blockedBy = false, "manifest."+flag
		a.reason("Rule 5 (manifest): manifestVersion %q, %s is false: tabs and the stage are blocked.", a.m.ManifestVersion, flag)
	default:
		a.reason("Rule 5 (manifest): manifestVersion %q, %s is true: tabs and the stage are allowed.", a.m.ManifestVersion, flag)
		if hasTabs {
			a.warn("The manifest flag supportsAnonymousGuestUsers is honoured only by the new Teams client; the classic client does not load the app's tabs for anonymous participants.")
		}
	}
	var left []string
	for _, s := range offered {
		if tabsOK || s != SurfaceTab && s != SurfaceStage {
			left = append(left, s)
		}
	}
	switch {
	case len(offered) == 0:
		a.reason("Rule 6 (surface): the manifest offers no %s in a meeting: no configurableTabs or staticTabs entry with a meeting context (%s)%s.",
			surfaceWords(a.q.Surface), strings.Join(MeetingContexts(), ", "), botWords(a.q.Surface))
		a.decide(NotSupported, "Surface")
	case len(left) == 0:
		a.reason("Rule 5: no surface is left for the participant.")
		a.decide(Blocked, blockedBy)
	default:
		a.reason("Rule 6 (surface): the participant can use %s.", strings.Join(left, ", "))
		if !tabsOK && hasTabs {
			a.reason("Rule 5: bots, message extensions and cards need no flag; they still work in the meeting chat.")
		}
	}
	return left
}

func surfaceWords(surface string) string {
	switch surface {
	case SurfaceTab:
		return "tab"
	case SurfaceStage:
		return "stage (a tab with the meetingStage context)"
	case SurfaceBot:
		return "bot or message extension"
	}
	return "meeting surface"
}

func botWords(surface string) string {
	if surface == SurfaceAuto || surface == SurfaceBot {
		return ", no bot in groupChat scope and no message extension"
	}
	return ""
}

// explainWhatTheAppSees gives the reasons for the fixed properties of an
// anonymous participant, and the warning on clients.
func (a *appEval) explainWhatTheAppSees() {
	a.reason("The app sees: context licenseType Anonymous with empty userObjectId, loginHint and userPrincipalName; roster role anonymous.")
	a.reason("The app cannot authenticate the participant: getAuthToken fails with \"User is not authenticated\"; a bot cannot start a one-to-one chat with them; Live Share is not available to them.")
	a.warn("Client support for apps used by anonymous participants is narrow and changes: Microsoft's pages have said mobile only, then the new Teams desktop client and mobile, and in a browser only Edge and Chrome.")
}

// openedBy names the manifest setting that opens the first surface left,
// the one whose change would take the app away.
func openedBy(left []string) string {
	switch left[0] {
	case SurfaceTab, SurfaceStage:
		return "manifest.meetingExtensionDefinition.supportsAnonymousGuestUsers"
	case SurfaceBot:
		return "manifest.bots"
	}
	return "manifest.composeExtensions"
}
