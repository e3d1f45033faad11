package tenantio

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// The fixtures of testdata/import/clixml are written for these tests in
// the shape Export-Clixml gives Get-Cs* objects (exports.md section 2;
// https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-clixml):
// an Objs root of Obj elements with TN type-name lists (Deserialized.
// names, TNRef for a repeated list), ToString, Props (adapted properties)
// or MS (a PSCustomObject's notes), Ref/RefId, CRLF. The type names are
// those the Teams module gives its objects: the configuration API's
// Microsoft.Rtc.Management.WritableConfig names (the module's
// Get-FormatsForConfig table) and the Microsoft.Teams.Policy.
// Administration.Cmdlets.Core names of the newer cmdlets.

func clixmlOptions() Options { return Options{DecodeClixml: cmdlets.ParseClixml} }

func clixmlFixture(t *testing.T, name string) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", "clixml", name))
	if err != nil {
		t.Fatal(err)
	}
	return readOneResult(t, &Source{Name: name, Data: data}, clixmlOptions())
}

func mustClixml(t *testing.T, r *Result) *Snapshot {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("%s: %v", r.Source.Name, r.Err)
	}
	if r.Format != FormatClixml {
		t.Fatalf("%s: format %s", r.Source.Name, r.Format)
	}
	return r.Snapshot
}

// propMap is an item's properties by name, and the origin paths.
func propMap(it *Item) (map[string]any, map[string]string) {
	vals, paths := map[string]any{}, map[string]string{}
	for _, p := range it.Props {
		vals[p.Name] = p.Value
		paths[p.Name] = p.Origin.String()
	}
	return vals, paths
}

func TestReadClixmlMeetingPolicies(t *testing.T) {
	const f = "TeamsMeetingPolicy.xml"
	r := clixmlFixture(t, f)
	s := mustClixml(t, r)
	if len(s.Objects) != 2 {
		t.Fatalf("%d objects", len(s.Objects))
	}
	g, tag := s.Objects[0], s.Objects[1]
	if g.Kind != state.KindTeamsMeetingPolicy || g.Identity != "Global" || tag.Identity != "Tag:Restricted Anonymous" {
		t.Errorf("items %s %q, %s %q", g.Kind, g.Identity, tag.Kind, tag.Identity)
	}
	if g.Origin != (Origin{File: f, Path: "Obj[0]"}) || tag.Origin != (Origin{File: f, Path: "Obj[1]"}) {
		t.Errorf("origins %v %v", g.Origin, tag.Origin)
	}
	vals, paths := propMap(g)
	want := map[string]any{
		"Description": nil, "AllowAnonymousUsersToJoinMeeting": true, "AutoAdmittedUsers": "EveryoneInCompanyExcludingGuests",
		"MediaBitRateKb": int64(50000), "BlockedAnonymousJoinClientTypes": []any{},
		// an unknown property is kept, its _xHHHH_ escape decoded
		"NewMeetingFeature 2026": "On",
		// a UTC DateTime as PowerShell 7's ConvertTo-Json writes it
		"WhenChanged": "2026-04-06T17:19:07.301Z",
	}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("Global:\n got %#v\nwant %#v", vals, want)
	}
	if paths["AllowAnonymousUsersToJoinMeeting"] != "TeamsMeetingPolicy.xml Obj[0].AllowAnonymousUsersToJoinMeeting" {
		t.Errorf("origin %q", paths["AllowAnonymousUsersToJoinMeeting"])
	}
	vals, _ = propMap(tag)
	if !reflect.DeepEqual(vals["BlockedAnonymousJoinClientTypes"], []any{"ACS", "Teams"}) || vals["WhenChanged"] != "2026-04-06T17:19:07Z" ||
		vals["Description"] != "No anonymous join" || vals["NewMeetingFeature 2026"] != nil {
		t.Errorf("Tag: %#v", vals)
	}
	if !strings.Contains(r.Rule, "the file name TeamsMeetingPolicy.xml") {
		t.Errorf("rule %q", r.Rule)
	}

	// the same document in UTF-16 LE with a BOM
	data, err := os.ReadFile(filepath.Join("testdata", "import", "clixml", f))
	if err != nil {
		t.Fatal(err)
	}
	s16 := mustClixml(t, readOneResult(t, &Source{Name: f, Data: utf16LE(string(data))}, clixmlOptions()))
	if !reflect.DeepEqual(s16, s) {
		t.Errorf("UTF-16 LE reads differently:\n%+v\n%+v", s16, s)
	}
}

// TestReadClixmlFederation: AllowedDomains is an AllowList of
// DomainPattern objects, or past -Depth their text, or an
// AllowAllKnownDomains object; BlockedDomains a list of patterns; the
// configuration store's keys are dropped (exports.md section 1).
func TestReadClixmlFederation(t *testing.T) {
	wantList := allowList([]string{"contoso.test", "fabrikam.test"})
	for _, c := range []struct {
		file    string
		allowed any
		blocked []any
		rule    string
	}{
		{"TenantFederationConfiguration.xml", wantList, domainPatterns([]string{"evil.test"}), "the file name"},
		{"federation-depth1.xml", wantList, domainPatterns([]string{"evil.test"}), "the type name Microsoft.Rtc.Management.WritableConfig.Settings.Edge.TenantFederationSettings"},
		{"federation-allowall.xml", allowAll, []any{}, "TenantFederationSettings"},
	} {
		r := clixmlFixture(t, c.file)
		s := mustClixml(t, r)
		if len(s.Objects) != 1 {
			t.Fatalf("%s: %d objects", c.file, len(s.Objects))
		}
		it := s.Objects[0]
		if it.Kind != state.KindTenantFederationConfiguration || it.Identity != "Global" {
			t.Errorf("%s: %s %q", c.file, it.Kind, it.Identity)
		}
		vals, _ := propMap(it)
		for _, noise := range []string{"Key", "ConfigId", "DataSource"} {
			if _, ok := vals[noise]; ok {
				t.Errorf("%s: %s kept", c.file, noise)
			}
		}
		if !reflect.DeepEqual(vals["AllowedDomains"], c.allowed) {
			t.Errorf("%s: AllowedDomains %#v", c.file, vals["AllowedDomains"])
		}
		if !reflect.DeepEqual(vals["BlockedDomains"], c.blocked) {
			t.Errorf("%s: BlockedDomains %#v", c.file, vals["BlockedDomains"])
		}
		if vals["AllowFederatedUsers"] != true {
			t.Errorf("%s: AllowFederatedUsers %v", c.file, vals["AllowFederatedUsers"])
		}
		if !strings.Contains(r.Rule, c.rule) {
			t.Errorf("%s: rule %q", c.file, r.Rule)
		}
	}
}

// TestReadClixmlMixed: a file whose name says nothing holds an external
// access policy (its type name decides; an enum property keeps its name;
// the remoting session's PSComputerName and RunspaceId are dropped) and a
// PSCustomObject recognised by its properties.
func TestReadClixmlMixed(t *testing.T) {
	r := clixmlFixture(t, "policies-backup.xml")
	s := mustClixml(t, r)
	if len(s.Objects) != 2 {
		t.Fatalf("%d objects", len(s.Objects))
	}
	ea, app := s.Objects[0], s.Objects[1]
	if ea.Kind != state.KindExternalAccessPolicy || ea.Identity != "Tag:FederationOnly" {
		t.Errorf("first: %s %q", ea.Kind, ea.Identity)
	}
	vals, _ := propMap(ea)
	want := map[string]any{"EnableFederationAccess": true, "EnablePublicCloudAccess": false, "CommunicationWithExternalOrgs": "AllowedExternalDomains"}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("external access:\n got %#v\nwant %#v", vals, want)
	}
	// a policy identity without Tag: gets it
	if app.Kind != state.KindTeamsAppPermissionPolicy || app.Identity != "Tag:RestrictedApps" {
		t.Errorf("second: %s %q", app.Kind, app.Identity)
	}
	vals, paths := propMap(app)
	apps := &state.Object{Kind: "DefaultCatalogApp"}
	apps.Set("Id", "26bc2873-6023-480c-a11b-76b66605ce8c")
	want = map[string]any{"DefaultCatalogAppsType": "AllowedAppList", "DefaultCatalogApps": []any{apps}, "PrivateCatalogAppsType": "BlockedAppList", "Rank": int64(9000000000)}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("app permission:\n got %#v\nwant %#v", vals, want)
	}
	if paths["Rank"] != "policies-backup.xml Obj[1].Rank" {
		t.Errorf("origin %q", paths["Rank"])
	}
	for _, rule := range []string{"ExternalAccessPolicy", "the properties DefaultCatalogAppsType and PrivateCatalogAppsType"} {
		if !strings.Contains(r.Rule, rule) {
			t.Errorf("rule %q lacks %q", r.Rule, rule)
		}
	}
}

// TestReadClixmlKeptKind: a Get-Cs export of a kind csemu's rules do not
// read is kept under its kind, with a note.
func TestReadClixmlKeptKind(t *testing.T) {
	s := mustClixml(t, clixmlFixture(t, "Get-CsTeamsMessagingPolicy.xml"))
	if len(s.Objects) != 1 || s.Objects[0].Kind != "TeamsMessagingPolicy" || s.Objects[0].Identity != "Tag:NoGiphy" {
		t.Fatalf("objects %+v", s.Objects)
	}
	want := []Note{{Kind: "TeamsMessagingPolicy", Reason: "kept; csemu's rules do not read it", Origin: Origin{File: "Get-CsTeamsMessagingPolicy.xml", Path: "Obj[0]"}}}
	if !reflect.DeepEqual(s.Notes, want) {
		t.Errorf("notes %+v", s.Notes)
	}
}

func TestReadClixmlErrors(t *testing.T) {
	const objs = `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">`
	custom := func(props string) string {
		return objs + "\n  <Obj RefId=\"0\">\n    <TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T></TN>\n    <MS>" + props + "</MS>\n  </Obj>\n</Objs>"
	}
	cases := []struct {
		name, file, text string
		line             int
		path, msg        string
	}{
		// a Ref to a RefId no object has: at the element
		{"wrong RefId", "TeamsMeetingPolicy.xml", objs + "\n  <Obj RefId=\"0\">\n    <Props>\n      <S N=\"Identity\">Global</S>\n      <Ref N=\"Other\" RefId=\"7\" />\n    </Props>\n  </Obj>\n</Objs>",
			5, "Objs/Obj[1]/Props[1]/Ref[1]", "Ref element refers to an unknown RefId '7'."},
		{"xml syntax", "TeamsMeetingPolicy.xml", objs + "\n  <S>x</T>\n</Objs>", 2, "", "closed by </T>"},
		{"not objs", "TeamsMeetingPolicy.xml", "<Objs>\n  <Foo />\n</Objs>", 2, "Objs/Foo[1]", "Element 'Foo' is not a CLIXML value."},
		{"secure string", "TeamsMeetingPolicy.xml", objs + "<SS>0100</SS></Objs>", 1, "Objs/SS[1]", "[NotImplemented] Import-Clixml of a SecureString"},
		{"unknown kind", "backup.xml", custom(`<S N="Identity">X</S><B N="Foo">true</B>`), 0, "Obj[0]", "cannot tell what kind of object this is"},
		{"no identity", "TeamsMeetingPolicy.xml", custom(`<B N="AllowIPVideo">true</B>`), 0, "Obj[0]", "the TeamsMeetingPolicy has no Identity"},
		{"a string", "TeamsMeetingPolicy.xml", objs + "<S>Global</S></Objs>", 0, "Obj[0]", "a System.String, not a policy or configuration object"},
		{"bad allow list", "TenantFederationConfiguration.xml", custom(`<S N="Identity">Global</S><B N="AllowedDomains">true</B>`), 0, "Obj[0].AllowedDomains", "AllowedDomains is a System.Boolean"},
	}
	for _, c := range cases {
		r := readOneResult(t, &Source{Name: c.file, Data: []byte(c.text)}, clixmlOptions())
		e, ok := r.Err.(*Error)
		if !ok {
			t.Errorf("%s: error %T %v", c.name, r.Err, r.Err)
			continue
		}
		if e.File != c.file || e.Line != c.line || e.Path != c.path || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("%s: got %s (line %d path %q)", c.name, e, e.Line, e.Path)
		}
	}
	// without the interpreter's reader a CLIXML file cannot be read
	r := readOneResult(t, &Source{Name: "TeamsMeetingPolicy.xml", Data: []byte(objs + "</Objs>")}, Options{})
	if r.Err == nil || !strings.Contains(r.Err.Error(), "DecodeClixml") {
		t.Errorf("no decoder: %v", r.Err)
	}
}

// TestReadClixmlRefs: an object may be met again through a Ref (shared)
// but an object that holds itself, or Refs that expand the objects beyond
// the file's size, are errors, never a hang.
func TestReadClixmlRefs(t *testing.T) {
	const head = `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><TN RefId="0"><T>Microsoft.Teams.Policy.Administration.Cmdlets.Core.MeetingPolicy</T></TN><Props><S N="Identity">Global</S>`
	self := head + `<Obj N="Loop" RefId="1"><MS><Ref N="Back" RefId="1" /></MS></Obj></Props></Obj></Objs>`
	r := readOneResult(t, &Source{Name: "a.xml", Data: []byte(self)}, clixmlOptions())
	if e, ok := r.Err.(*Error); !ok || e.Path != "Obj[0].Loop.Back" || !strings.Contains(e.Msg, "holds itself") {
		t.Errorf("self reference: %v", r.Err)
	}
	// each level refers twice to the one below: 2^40 values from a few
	// kilobytes
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(`<Obj N="L0" RefId="l0"><MS><S N="x">leaf</S></MS></Obj>`)
	for i := 1; i <= 40; i++ {
		p := strconv.Itoa(i - 1)
		b.WriteString(`<Obj N="L` + strconv.Itoa(i) + `" RefId="l` + strconv.Itoa(i) + `"><MS><Ref N="a" RefId="l` + p + `" /><Ref N="b" RefId="l` + p + `" /></MS></Obj>`)
	}
	b.WriteString(`</Props></Obj></Objs>`)
	r = readOneResult(t, &Source{Name: "b.xml", Data: []byte(b.String())}, clixmlOptions())
	if r.Err == nil || !strings.Contains(r.Err.Error(), "refer to each other too often") {
		t.Errorf("expansion: %v", r.Err)
	}
	// an object met twice is read twice
	shared := head + `<Obj N="A" RefId="1"><MS><S N="x">y</S></MS></Obj><Ref N="B" RefId="1" /></Props></Obj></Objs>`
	s := mustClixml(t, readOneResult(t, &Source{Name: "c.xml", Data: []byte(shared)}, clixmlOptions()))
	vals, _ := propMap(s.Objects[0])
	if !reflect.DeepEqual(vals["A"], vals["B"]) || vals["A"] == nil {
		t.Errorf("shared: %#v", vals)
	}
}
