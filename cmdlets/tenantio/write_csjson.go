package tenantio

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// writeCsJSON writes one Get-Cs<Noun>.json per kind, as PowerShell 7's
// ConvertTo-Json -Depth 5 -AsArray lays it out, and the directory CSV
// files (exports.md section 6). The kinds csemu knows come first in
// their export order, then the others sorted, as Get-Cs<Kind>.json.
func writeCsJSON(t *state.Tenant, o WriteOptions) ([]*Source, error) {
	var out []*Source
	known := map[string]bool{}
	for _, k := range knownKinds() {
		known[k.Kind] = true
		if objs := t.Objects(k.Kind); len(objs) > 0 {
			src, err := csjsonFile("Get-"+k.Noun+".json", objs)
			if err != nil {
				return nil, err
			}
			out = append(out, src)
		}
	}
	for _, kind := range t.Kinds() {
		if known[kind] {
			continue
		}
		if !isWord(kind) {
			return nil, fmt.Errorf("cannot export the kind %q as Get-Cs%s.json: a kind name is letters and digits", kind, kind)
		}
		src, err := csjsonFile("Get-Cs"+kind+".json", t.Objects(kind))
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	dir, err := writeDirectoryCSV(t)
	if err != nil {
		return nil, err
	}
	return append(out, dir...), nil
}

// csjsonFile writes objects as ConvertTo-Json does, with the Identity
// member first. Depth 100 (ConvertTo-Json's largest) has the layout of
// -Depth 5 and writes every stored value in full.
func csjsonFile(name string, objs []*state.Object) (*Source, error) {
	arr := value.NewArray()
	for _, o := range objs {
		names := []string{"Identity"}
		vals := []any{o.Identity}
		for _, p := range o.Props {
			if strings.EqualFold(p.Name, "Identity") {
				continue
			}
			names = append(names, p.Name)
			vals = append(vals, csjsonOut(o.Kind, p.Name, p.Value))
		}
		arr.Items = append(arr.Items, value.NewObjectOf(nil, names, vals))
	}
	text, _, err := format.ToJSON(arr, format.JSONOptions{Depth: 100})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Source{Name: name, Data: []byte(text + "\n")}, nil
}

// csjsonOut returns a stored value as the PowerShell value ConvertTo-Json
// writes. The federation AllowedDomains "AllowAllKnownDomains" is the
// object without properties that Get-CsTenantFederationConfiguration
// shows, which ConvertTo-Json writes as {}.
func csjsonOut(kind, name string, v any) any {
	if s, ok := v.(string); ok && s == allowAll && strings.EqualFold(name, "AllowedDomains") && strings.EqualFold(kind, state.KindTenantFederationConfiguration) {
		return value.NewObjectOf(nil, nil, nil)
	}
	return csjsonValue(v)
}

func csjsonValue(v any) any {
	switch x := v.(type) {
	case []any:
		items := make([]any, len(x))
		for i, el := range x {
			items[i] = csjsonValue(el)
		}
		return value.NewArray(items...)
	case *state.Object:
		if x == nil {
			return nil
		}
		names := make([]string, len(x.Props))
		vals := make([]any, len(x.Props))
		for i, p := range x.Props {
			names[i] = p.Name
			vals[i] = csjsonValue(p.Value)
		}
		return value.NewObjectOf(nil, names, vals)
	}
	return v
}
