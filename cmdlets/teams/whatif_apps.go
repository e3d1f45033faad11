package teams

import (
	"errors"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/cmdlets/value"
)

// Test-AnonymousAppAccess answers: can an anonymous participant use this
// app in a meeting that this organizer organizes, and which setting
// decides it? The rules are package join's (EvaluateApp); the cmdlet reads
// the manifest through the session and writes an AnonymousAppAccessResult.

// appWhatIfCmdlets returns Test-AnonymousAppAccess.
func (h *Holder) appWhatIfCmdlets() []*cmdlets.Cmdlet {
	return []*cmdlets.Cmdlet{{
		Name: "Test-AnonymousAppAccess", Module: "csemu",
		Synopsis: "Tells whether an anonymous participant can use an app in a meeting of an organizer, on which surfaces, and which setting decides it.",
		Description: `Test-AnonymousAppAccess evaluates, for an anonymous participant in a meeting that the organizer organizes, the
    rules that decide whether the participant can use an app: the meeting must admit the participant (the rules of
    Test-AnonymousJoin); Azure Communication Services clients cannot use meeting apps; the tenant switch
    TeamsMeetingConfiguration DisableAppInteractionForAnonymousUsers; the Global app permission policy (anonymous
    participants never get the organizer's own policy) for the app's catalogue, or, on a tenant with app-centric
    management, the app's M365TeamsApp entry or the org-wide default of its catalogue; the manifest (tabs and the
    stage need meetingExtensionDefinition.supportsAnonymousGuestUsers true in a manifest of version 1.16 or later,
    bots in groupChat scope, message extensions and cards need no flag); and the meeting surfaces the app has.

    Outcomes: Allowed, Blocked, NotSupported, or Unknown when only -AppId is given and no manifest tells what the
    app offers. DecidedBy names the one setting that decided, as Object[Identity].Property, manifest.<path> for the
    manifest, or the input (ClientType, Surface). Surfaces lists what works (Tab, Stage, Bot, Cards). Context,
    RosterRole, CanAuthenticate, BotCanStartOneToOne and LiveShare tell what the app sees of the participant.
    Reasons lists every rule evaluated with the value read and the script line that last set it; Warnings lists what
    may still surprise.`,
		Params: []*cmdlets.ParamDef{
			help(alias(byName(mand(p("Organizer", "string", 0))), "UserPrincipalName"),
				"The UPN of the organizer; binds from the pipeline by property name UserPrincipalName (Get-CsOnlineUser | Test-AnonymousAppAccess -Manifest ...)."),
			help(p("Manifest", "string", -1), "The app's manifest.json, or its app package (.zip) holding manifest.json at its root. Template placeholders in the id, such as {{TEAMS_APP_ID}}, are accepted."),
			help(p("AppId", "string", -1), "The app's id, as app permission policies and app-centric entries name it; with -Manifest, it replaces the manifest's id (a placeholder)."),
			help(values(p("ClientType", "string", -1), join.ClientTypes...), "The anonymous participant's client: the Teams client or an Azure Communication Services app (default Teams)."),
			help(values(p("Surface", "string", -1), join.AppSurfaces...), "The surface asked about: Auto (default, every surface), Tab, Stage or Bot (a bot, message extensions and cards)."),
			help(values(p("Catalog", "string", -1), join.AppCatalogs...), "The app's catalogue: Microsoft, Store or Custom (default: Microsoft when the manifest's developer.name is Microsoft, else Custom)."),
		},
		Examples: []string{
			"Test-AnonymousAppAccess -Organizer ann@contoso.com -Manifest ./appPackage/manifest.json",
			"Test-AnonymousAppAccess ann@contoso.com -Manifest ./build/app.zip -AppId 2f1c0f6e-6f47-4a36-9d1e-6a3b2c1d0e9f | Format-List",
			"Get-CsOnlineUser | Test-AnonymousAppAccess -AppId 2f1c0f6e-6f47-4a36-9d1e-6a3b2c1d0e9f -Catalog Store | Where-Object Outcome -eq Blocked",
			"Test-AnonymousAppAccess ann@contoso.com -Manifest manifest.json -ClientType Acs",
		},
		Process: h.handler(testAnonymousAppAccess),
	}}
}

// appAccessState keeps the manifest read for the first object of a
// pipeline, so that a pipeline of organizers reads it once.
type appAccessState struct {
	path string
	m    *join.Manifest
}

func testAnonymousAppAccess(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	if !c.Has("Manifest") && !c.Has("AppId") {
		return c.Fail("AppMissing", cmdlets.InvalidArgument, "Test-AnonymousAppAccess needs the app: give -Manifest (manifest.json or an app package .zip) or -AppId.")
	}
	q := join.AppQuestion{
		AppID:      c.String("AppId"),
		ClientType: c.String("ClientType"),
		Surface:    c.String("Surface"),
		Catalog:    c.String("Catalog"),
	}
	if q.AppID != "" && !join.IsAppID(q.AppID) {
		return c.FailBinding("AppIdInvalid", "Cannot validate argument on parameter 'AppId'. %q is not an app id (a GUID).", q.AppID)
	}
	var m *join.Manifest
	if c.Has("Manifest") {
		if m, err = readManifest(c, c.String("Manifest")); err != nil || m == nil {
			return err
		}
	}
	a := join.EvaluateApp(t, c.Now(), userID(c.String("Organizer")), m, q)
	return c.Write(appAccessResult(a))
}

// readManifest reads the manifest at path through the session, once per
// pipeline. A manifest that cannot be read stops the command, with the
// position of the fault.
func readManifest(c call, given string) (*join.Manifest, error) {
	st, _ := c.State.(*appAccessState)
	if st != nil && st.path == given {
		return st.m, nil
	}
	paths, ok, err := c.ResolveFiles(given, false)
	if err != nil || !ok {
		return nil, err
	}
	if len(paths) != 1 {
		return nil, c.Fail("ManifestPathInvalid", cmdlets.InvalidArgument, "-Manifest must name one file (manifest.json or an app package .zip); %q names %d.", given, len(paths))
	}
	if c.IsFolder(paths[0]) {
		return nil, c.Fail("ManifestPathInvalid", cmdlets.InvalidArgument, "-Manifest must name a file (manifest.json or an app package .zip); %q is a folder.", given)
	}
	data, err := c.ReadFile(paths[0])
	if err != nil {
		return nil, c.Fail("FileOpenFailure", cmdlets.ReadError, "%s", cmdlets.FSError(err, paths[0]))
	}
	m, err := join.ParseManifest(data, given)
	if err != nil {
		var me *join.ManifestError
		if errors.As(err, &me) {
			return nil, c.Fail("ManifestInvalid", cmdlets.InvalidData, "The app manifest cannot be read: %s", me.Error())
		}
		return nil, c.Fail("ManifestInvalid", cmdlets.InvalidData, "The app manifest cannot be read: %s", err.Error())
	}
	c.State = &appAccessState{path: given, m: m}
	return m, nil
}

// appAccessResultProps are the properties of an AnonymousAppAccessResult,
// in order; appAccessResultView is its default table.
func appAccessResultProps() []string {
	return []string{"App", "AppId", "Organizer", "ClientType", "Allowed", "Outcome", "DecidedBy", "Surfaces",
		"Context", "RosterRole", "CanAuthenticate", "BotCanStartOneToOne", "LiveShare", "Reasons", "Warnings"}
}

func appAccessResultView() []string { return []string{"App", "Allowed", "Outcome", "DecidedBy"} }

// appAccessResult returns the AnonymousAppAccessResult of answer a.
func appAccessResult(a *join.AppAnswer) *value.Object {
	ctx := value.NewObjectOf([]string{value.PSCustomObjectType, "System.Object"},
		[]string{"licenseType", "userObjectId", "loginHint", "userPrincipalName"},
		[]any{a.Context.LicenseType, a.Context.UserObjectID, a.Context.LoginHint, a.Context.UserPrincipalName})
	o := value.NewObjectOf([]string{"AnonymousAppAccessResult"}, appAccessResultProps(), []any{
		a.App, a.AppID, a.Organizer, a.ClientType, a.Allowed, a.Outcome, a.DecidedBy,
		&value.Array{Items: strings2any(a.Surfaces), Elem: value.TString},
		ctx, a.RosterRole, a.CanAuthenticate, a.BotCanStartOneToOne, a.LiveShare,
		&value.Array{Items: strings2any(a.Reasons), Elem: value.TString},
		&value.Array{Items: strings2any(a.Warnings), Elem: value.TString},
	})
	o.DefaultDisplay = appAccessResultView()
	return o
}
