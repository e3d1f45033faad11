package tenantio

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// writeClixml writes one <Kind>.xml per kind, as Export-Clixml writes it,
// and the directory CSV files.
//
// Each object is written as the Teams module's object would be: its type
// names (without Deserialized., as a live object carries them), its
// Identity first and then its properties in stored order; an int64 that
// fits is an Int32, lists are lists, the federation lists are AllowList,
// DomainPattern and AllowAllKnownDomains objects with the text the module
// gives them. o.EncodeClixml chooses the -Depth (15 keeps every level; the
// reader also reads the text of levels past a lower depth).
func writeClixml(t *state.Tenant, o WriteOptions) ([]*Source, error) {
	if o.EncodeClixml == nil {
		return nil, fmt.Errorf("exporting CLIXML needs the interpreter's CLIXML writer (WriteOptions.EncodeClixml)")
	}
	var out []*Source
	for _, kind := range t.Kinds() {
		objs := t.Objects(kind)
		items := make([]any, len(objs))
		for i, obj := range objs {
			items[i] = clixmlObject(obj)
		}
		doc, err := o.EncodeClixml(items)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", kind, err)
		}
		out = append(out, &Source{Name: kind + ".xml", Data: []byte(doc)})
	}
	dir, err := writeDirectoryCSV(t)
	if err != nil {
		return nil, err
	}
	return append(out, dir...), nil
}

// The namespaces of the Teams module's objects.
const (
	clixmlEdge = "Microsoft.Rtc.Management.WritableConfig.Settings.Edge."
	clixmlCore = "Microsoft.Teams.Policy.Administration.Cmdlets.Core."
)

// clixmlTypeName is the type name of a kind's objects, as cmdlets/teams
// gives the objects Get- writes (the Teams module's types; Get-Cs*
// pages of https://learn.microsoft.com/powershell/module/microsoftteams
// name the Microsoft.Rtc.Management.WritableConfig ones under Outputs).
// A kind without a type of its own is csemu.<Kind>, which the reader
// takes back as that kind.
func clixmlTypeName(kind string) string {
	switch kind {
	case state.KindTeamsMeetingPolicy:
		return clixmlCore + "MeetingPolicy"
	case state.KindTeamsAppPermissionPolicy:
		return clixmlCore + "AppPermissionPolicy"
	case state.KindTeamsMeetingConfiguration, state.KindTeamsAcsFederationConfiguration:
		return clixmlCore + kind
	case state.KindExternalAccessPolicy:
		return "Microsoft.Rtc.Management.WritableConfig.Policy.ExternalAccess.ExternalAccessPolicy"
	case state.KindConferencingPolicy:
		return "Microsoft.Rtc.Management.WritableConfig.Policy.Meeting.MeetingPolicy"
	case state.KindTenantFederationConfiguration:
		return clixmlEdge + "TenantFederationSettings"
	case state.KindAccessEdgeConfiguration:
		return clixmlEdge + "AccessEdgeConfiguration"
	case state.KindMeetingConfiguration:
		return "Microsoft.Rtc.Management.WritableConfig.Settings.UserServices.MeetingConfiguration"
	}
	return "csemu." + kind
}

// clixmlObject is a stored object as the module's object.
func clixmlObject(obj *state.Object) *value.Object {
	o := value.NewObject(clixmlTypeName(obj.Kind), "System.Object")
	o.Set("Identity", obj.Identity)
	for _, p := range obj.Props {
		if strings.EqualFold(p.Name, "Identity") {
			continue
		}
		v := p.Value
		if s, ok := v.(string); ok && s == allowAll && obj.Kind == state.KindTenantFederationConfiguration && strings.EqualFold(p.Name, "AllowedDomains") {
			a := value.NewObject(clixmlEdge+"AllowAllKnownDomains", "System.Object")
			a.SetToString(allowAll)
			o.Set(p.Name, a)
			continue
		}
		o.Set(p.Name, clixmlPS(v))
	}
	o.SetToString(obj.Identity)
	return o
}

// clixmlPS converts a stored value to the value Export-Clixml writes.
func clixmlPS(v any) any {
	switch x := v.(type) {
	case int64:
		return value.NarrowInt(x)
	case []any:
		items := make([]any, len(x))
		for i, it := range x {
			items[i] = clixmlPS(it)
		}
		return &value.Array{Items: items, List: true}
	case *state.Object:
		if x == nil {
			return nil
		}
		if x.Kind == "Hashtable" {
			h := value.NewHashtable()
			for _, p := range x.Props {
				h.Set(p.Name, clixmlPS(p.Value))
			}
			return h
		}
		var t string
		switch x.Kind {
		case "AllowList", "DomainPattern", "AllowAllKnownDomains", "BlockList":
			t = clixmlEdge + x.Kind
		case "DefaultCatalogApp", "GlobalCatalogApp", "PrivateCatalogApp":
			t = clixmlCore + x.Kind
		default:
			t = "csemu." + x.Kind
		}
		o := value.NewObject(t, "System.Object")
		if x.Identity != "" {
			o.Set("Identity", x.Identity)
		}
		for _, p := range x.Props {
			o.Set(p.Name, clixmlPS(p.Value))
		}
		switch x.Kind {
		case "DomainPattern":
			d, _ := x.Get("Domain")
			o.SetToString("Domain=" + value.ToString(d))
		case "AllowList":
			ds, _ := x.Get("AllowedDomain")
			names, _ := DomainsOf(ds)
			parts := make([]string, len(names))
			for i, n := range names {
				parts[i] = "Domain=" + n
			}
			o.SetToString(strings.Join(parts, ", "))
		}
		return o
	}
	return v
}
