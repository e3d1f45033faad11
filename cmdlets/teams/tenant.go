package teams

import (
	"errors"
	"fmt"
	"github.com/csemu/csemu/cmdlets"
	"reflect"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// Config says where the Teams and Skype for Business cmdlets of a session
// find the tenant they read and change.
type Config struct {
	// Load opens the tenant. It runs once, when the first cmdlet needs the
	// tenant, so that a script that never touches it never opens it. Nil
	// starts a new tenant in memory.
	Load func() (*state.Tenant, error)
	// Peek returns the tenant for completion at the prompt when no cmdlet
	// has loaded it, or nil when it is not at hand.
	Peek func() *state.Tenant
	// Strict makes a user or group that a cmdlet names but the directory
	// lacks an error, as the service reports it, instead of creating it on
	// the fly.
	Strict bool
}

// Holder holds the tenant of one session's Teams and Skype for Business
// cmdlets: it loads it when the first of them runs and keeps it until
// [Holder.Drop].
type Holder struct {
	load   func() (*state.Tenant, error)
	peek   func() *state.Tenant
	strict bool
	tenant *state.Tenant
	err    error
	upns   upnIndex
	dns    dnIndex
}

// NewHolder returns a holder that finds the tenant as cfg says.
func NewHolder(cfg Config) *Holder {
	return &Holder{load: cfg.Load, peek: cfg.Peek, strict: cfg.Strict}
}

// Options returns the session options that register the cmdlets and
// modules of h: a session built with them runs the Teams and Skype for
// Business cmdlets on h's tenant.
func (h *Holder) Options() []cmdlets.Option {
	return []cmdlets.Option{cmdlets.WithCommands(h.Cmdlets()...), cmdlets.WithModules(Modules()...)}
}

// Loaded returns the tenant if a cmdlet has loaded it.
func (h *Holder) Loaded() (*state.Tenant, bool) { return h.tenant, h.tenant != nil }

// Drop forgets the loaded tenant, so that the next cmdlet loads it again
// (the prompt does this after each command, which it commits).
func (h *Holder) Drop() { h.tenant, h.err = nil, nil }

// completionTenant returns the loaded tenant, or the one Peek has at hand,
// or nil.
func (h *Holder) completionTenant() *state.Tenant {
	if h.tenant != nil {
		return h.tenant
	}
	if h.peek != nil {
		return h.peek()
	}
	return nil
}

// call is one run of a Teams or Skype for Business cmdlet: the call and
// the holder of the session's tenant.
type call struct {
	*cmdlets.Call
	h *Holder
}

// handler adapts a cmdlet body to the interpreter's handler type.
func (h *Holder) handler(f func(c call) error) func(*cmdlets.Call) error {
	if f == nil {
		return nil
	}
	return func(c *cmdlets.Call) error { return f(call{Call: c, h: h}) }
}

// Tenant returns the tenant, loading it at the first call. A tenant that
// cannot be opened stops the script: no later cmdlet could work either.
func (c call) Tenant() (*state.Tenant, error) {
	h := c.h
	if h.tenant != nil {
		return h.tenant, nil
	}
	if h.err == nil {
		if h.load == nil {
			h.tenant = state.NewTenant()
			return h.tenant, nil
		}
		t, err := h.load()
		if err == nil && t == nil {
			err = errors.New("no tenant")
		}
		if err != nil {
			h.err = err
		} else {
			h.tenant = t
			return t, nil
		}
	}
	return nil, c.Abort("TenantUnavailable", cmdlets.ResourceUnavailable, "%s", h.err.Error())
}

// recordChange adds an entry to the change log for a property that a
// cmdlet changed, at the script position of the call.
func (c call) recordChange(t *state.Tenant, kind, identity, property string, old, new any) {
	file := c.Pos.Filename
	if file == "" {
		file = "<prompt>" // a command typed at the interactive prompt
	}
	t.AppendChange(state.Change{
		Time: c.Now().UTC(), Cmdlet: c.Command().Name, File: file, Line: c.Pos.Line,
		Kind: kind, Identity: identity, Property: property, Old: state.Text(old), New: state.Text(new),
	})
}

// toPS converts a stored property value to a PowerShell value.
func toPS(v any) any {
	switch x := v.(type) {
	case int64:
		return value.NarrowInt(x)
	case []any:
		items := make([]any, len(x))
		for i, it := range x {
			items[i] = toPS(it)
		}
		return &value.Array{Items: items, List: true}
	case *state.Object:
		o := value.NewObject(nestedTypeName(x.Kind))
		if x.Identity != "" {
			o.Set("Identity", x.Identity)
		}
		for _, p := range x.Props {
			o.Set(p.Name, toPS(p.Value))
		}
		return o
	}
	return v
}

// fromPS converts a PowerShell value to a stored property value.
func fromPS(v any) any {
	switch x := v.(type) {
	case nil, bool, string, int64, float64:
		return x
	case int:
		return int64(x)
	case value.Decimal:
		return x.Float64()
	case rune:
		return string(x)
	case value.Guid:
		return string(x)
	case *value.Array:
		items := make([]any, len(x.Items))
		for i, it := range x.Items {
			items[i] = fromPS(it)
		}
		return items
	case *value.Object:
		o := &state.Object{Kind: shortTypeName(x.TypeName())}
		for _, p := range x.Props() {
			pv, _ := x.Get(p.Name)
			o.Set(p.Name, fromPS(pv))
		}
		return o
	case *value.Hashtable:
		o := &state.Object{Kind: "Hashtable"}
		for _, k := range x.Keys() {
			hv, _ := x.Get(k)
			o.Set(value.ToString(k), fromPS(hv))
		}
		return o
	}
	return value.ToString(v)
}

// nestedTypeName returns the type name of a nested object such as an
// AllowList, as the real module's objects carry it.
func nestedTypeName(kind string) string {
	switch kind {
	case "AllowList", "DomainPattern", "AllowAllKnownDomains", "BlockList":
		return "Microsoft.Rtc.Management.WritableConfig.Settings.Edge." + kind
	case "DefaultCatalogApp", "GlobalCatalogApp", "PrivateCatalogApp":
		return catalogAppNamespace + kind
	}
	return kind
}

func shortTypeName(t string) string {
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// identityForm says which identities a kind accepts.
type identityForm int

const (
	globalOnly  identityForm = iota // configurations: Global
	tagOrGlobal                     // Teams policies: Global, Tag:Name, Name
	siteOrTag                       // Skype for Business Server policies: Global, site:Name, Tag:Name, Name
	siteOnly                        // Skype for Business Server configurations: Global, site:Name
)

// normalizeIdentity returns the stored form of an identity the user typed
// ("Global", "Tag:Name", "site:Name"), or an error message when the kind
// does not accept it.
func normalizeIdentity(form identityForm, id string) (string, string) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", "the identity is empty"
	}
	if strings.EqualFold(id, "Global") {
		return "Global", ""
	}
	scope, name, hasScope := strings.Cut(id, ":")
	switch form {
	case globalOnly:
		return "", fmt.Sprintf("%q is not a valid identity: the only valid identity is Global", id)
	case siteOnly:
		if hasScope && strings.EqualFold(scope, "site") && name != "" {
			return "site:" + name, ""
		}
		return "", fmt.Sprintf("%q is not a valid identity: use Global or site:<SiteName>", id)
	}
	if !hasScope {
		return "Tag:" + id, ""
	}
	switch {
	case strings.EqualFold(scope, "tag") && name != "":
		if strings.EqualFold(name, "Global") {
			return "Global", ""
		}
		return "Tag:" + name, ""
	case form == siteOrTag && strings.EqualFold(scope, "site") && name != "":
		return "site:" + name, ""
	}
	if form == siteOrTag {
		return "", fmt.Sprintf("%q is not a valid identity: use Global, site:<SiteName>, Tag:<Name> or <Name>", id)
	}
	return "", fmt.Sprintf("%q is not a valid identity: use Global, Tag:<Name> or <Name>", id)
}

// policyName returns the name under which a policy identity is assigned
// ("Tag:Sales" and "Sales" are both "Sales").
func policyName(identity string) string {
	if scope, name, ok := strings.Cut(identity, ":"); ok && strings.EqualFold(scope, "tag") {
		return name
	}
	return identity
}

// checkDocumented, the Check hook of the settings with documented values,
// checks the string settings that have documented values
// and returns the values in their documented spelling. A list setting
// checks each item. A wrong value fails with a message that lists the
// allowed values.
func checkDocumented(p *cmdlets.ParamDef, v any) (any, error) {
	if len(p.Documented) == 0 || v == nil {
		return v, nil
	}
	canon := func(s string) (string, bool) {
		for _, list := range [][]string{p.Documented, p.Accepted} {
			for _, d := range list {
				if strings.EqualFold(strings.TrimSpace(s), d) {
					return d, true
				}
			}
		}
		return s, false
	}
	bad := func(s string) error {
		shown := make([]string, 0, len(p.Documented))
		for _, d := range p.Documented {
			if d == "" {
				d = `""`
			}
			shown = append(shown, d)
		}
		return fmt.Errorf("cannot set %s to %q: the value must be one of %s", p.Name, s, strings.Join(shown, ", "))
	}
	switch x := v.(type) {
	case *value.Array:
		out := make([]any, len(x.Items))
		for i, it := range x.Items {
			s := value.ToString(it)
			c, ok := canon(s)
			if !ok {
				return nil, bad(s)
			}
			out[i] = c
		}
		return &value.Array{Items: out, List: true}, nil
	case *value.Hashtable:
		out := value.NewHashtable()
		for _, k := range x.Keys() {
			hv, _ := x.Get(k)
			cv, err := checkDocumented(p, hv)
			if err != nil {
				return nil, err
			}
			out.Set(k, cv)
		}
		return out, nil
	}
	s := value.ToString(v)
	c, ok := canon(s)
	if !ok {
		return nil, bad(s)
	}
	if strings.HasSuffix(p.Type, "[]") || p.Type == "object" && strings.Contains(p.Name, "Types") {
		return &value.Array{Items: []any{c}, List: true}, nil
	}
	return c, nil
}

// applyListEdit applies a value given to a list setting to its current
// value: a hashtable with Add, Remove or Replace keys edits the list, as
// the Skype and Teams cmdlets accept; anything else replaces it.
func applyListEdit(cur any, v any) (any, bool) {
	h, ok := v.(*value.Hashtable)
	if !ok {
		return nil, false
	}
	var keys []string
	for _, k := range h.Keys() {
		keys = append(keys, strings.ToLower(value.ToString(k)))
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "add" && k != "remove" && k != "replace" {
			return nil, false
		}
	}
	items, _ := cur.([]any)
	list := append([]any(nil), items...)
	if rv, ok := hashGet(h, "Replace"); ok {
		list = nil
		for _, it := range value.AsSlice(rv) {
			list = append(list, fromPS(it))
		}
	}
	if av, ok := hashGet(h, "Add"); ok {
		for _, it := range value.AsSlice(av) {
			nv := fromPS(it)
			if !containsValue(list, nv) {
				list = append(list, nv)
			}
		}
	}
	if dv, ok := hashGet(h, "Remove"); ok {
		for _, it := range value.AsSlice(dv) {
			rv := fromPS(it)
			kept := list[:0]
			for _, x := range list {
				if !sameValue(x, rv) {
					kept = append(kept, x)
				}
			}
			list = kept
		}
	}
	if list == nil {
		list = []any{}
	}
	return list, true
}

func hashGet(h *value.Hashtable, key string) (any, bool) {
	for _, k := range h.Keys() {
		if strings.EqualFold(value.ToString(k), key) {
			return h.Get(k)
		}
	}
	return nil, false
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if sameValue(x, v) {
			return true
		}
	}
	return false
}

// sameValue compares stored values, strings case-insensitively.
func sameValue(a, b any) bool {
	if as, ok := a.(string); ok {
		bs, ok := b.(string)
		return ok && strings.EqualFold(as, bs)
	}
	return state.Text(a) == state.Text(b)
}

// sameStored reports whether two stored values are equal (for deciding
// whether a Set changed anything).
func sameStored(a, b any) bool {
	if as, ok := a.(string); ok {
		bs, ok := b.(string)
		return ok && as == bs
	}
	return reflect.TypeOf(a) == reflect.TypeOf(b) && state.Text(a) == state.Text(b)
}
