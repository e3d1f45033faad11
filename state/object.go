package state

import (
	"fmt"
	"strings"
)

// Kinds of the configuration and policy objects that a [Tenant] holds.
const (
	KindTeamsMeetingPolicy              = "TeamsMeetingPolicy"
	KindTeamsMeetingConfiguration       = "TeamsMeetingConfiguration"
	KindTenantFederationConfiguration   = "TenantFederationConfiguration"
	KindTeamsAcsFederationConfiguration = "TeamsAcsFederationConfiguration"
	KindExternalAccessPolicy            = "ExternalAccessPolicy"
	KindTeamsAppPermissionPolicy        = "TeamsAppPermissionPolicy"
	KindAccessEdgeConfiguration         = "AccessEdgeConfiguration"
	KindConferencingPolicy              = "ConferencingPolicy"
	KindSfbExternalAccessPolicy         = "SfbExternalAccessPolicy"
	KindMeetingConfiguration            = "MeetingConfiguration"
	KindAllowedDomain                   = "AllowedDomain"
	KindBlockedDomain                   = "BlockedDomain"
)

// Object is a configuration or policy instance: a kind, an identity and
// properties in the order PowerShell shows them.
//
// A property value is nil, bool, int64, float64, string, []any of such
// values, or *Object (a nested object, such as an allow list).
// [Object.Set] converts other integer and float types, []string and Object.
//
// Objects returned by a [Tenant] belong to it: after changing one, pass it
// to [Tenant.PutObject] so that the change is saved.
type Object struct {
	Kind     string
	Identity string
	Props    []Prop

	rec recHdr
}

// Prop is one property of an [Object].
type Prop struct {
	Name  string
	Value any
}

func (o *Object) hdr() *recHdr { return &o.rec }

// Get returns the value of the property name, compared case-insensitively.
func (o *Object) Get(name string) (any, bool) {
	if i := o.index(name); i >= 0 {
		return o.Props[i].Value, true
	}
	return nil, false
}

// Has reports whether o has the property name.
func (o *Object) Has(name string) bool { return o.index(name) >= 0 }

// Set sets the property name to v. An existing property keeps its position
// and spelling; a new one is appended.
func (o *Object) Set(name string, v any) {
	v = normalize(v)
	if i := o.index(name); i >= 0 {
		o.Props[i].Value = v
		return
	}
	o.Props = append(o.Props, Prop{Name: name, Value: v})
}

// Delete removes the property name and reports whether it was there.
func (o *Object) Delete(name string) bool {
	i := o.index(name)
	if i < 0 {
		return false
	}
	o.Props = append(o.Props[:i], o.Props[i+1:]...)
	return true
}

// Clone returns a deep copy of o that belongs to no tenant.
func (o *Object) Clone() *Object {
	if o == nil {
		return nil
	}
	c := &Object{Kind: o.Kind, Identity: o.Identity}
	if o.Props != nil {
		c.Props = make([]Prop, len(o.Props))
		for i, p := range o.Props {
			c.Props[i] = Prop{Name: p.Name, Value: cloneValue(p.Value)}
		}
	}
	return c
}

func (o *Object) index(name string) int {
	for i := range o.Props {
		if strings.EqualFold(o.Props[i].Name, name) {
			return i
		}
	}
	return -1
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case []any:
		if v == nil {
			return []any(nil)
		}
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = cloneValue(e)
		}
		return c
	case *Object:
		return v.Clone()
	}
	return v
}

// normalize converts the Go types that have an obvious property value
// equivalent; anything else is kept and rejected when the tenant is saved.
func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint:
		if uint64(x) <= 1<<63-1 {
			return int64(x)
		}
	case uint64:
		if x <= 1<<63-1 {
			return int64(x)
		}
	case float32:
		return float64(x)
	case []string:
		if x == nil {
			return []any(nil)
		}
		c := make([]any, len(x))
		for i, s := range x {
			c[i] = s
		}
		return c
	case []*Object:
		if x == nil {
			return []any(nil)
		}
		c := make([]any, len(x))
		for i, o := range x {
			c[i] = o
		}
		return c
	case Object:
		return &x
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	}
	return v
}

// checkValue reports a value that cannot be stored.
func checkValue(v any) error {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return nil
	case []any:
		for _, e := range x {
			if err := checkValue(e); err != nil {
				return err
			}
		}
		return nil
	case *Object:
		if x == nil {
			return nil
		}
		for _, p := range x.Props {
			if err := checkValue(p.Value); err != nil {
				return fmt.Errorf("%s: %w", p.Name, err)
			}
		}
		return nil
	}
	return fmt.Errorf("unsupported value type %T", v)
}
