package tenantio

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// readClixml reads an Export-Clixml file (exports.md section 2): the
// objects of its <Objs> root, decoded by the interpreter's Import-Clixml
// reader (Options.DecodeClixml). Each object's kind comes from the file
// name (TeamsMeetingPolicy.xml, Get-CsTeamsMeetingPolicy.xml), else from
// its type names (Deserialized.Microsoft.Teams.Policy.Administration.
// Cmdlets.Core.MeetingPolicy), else from its properties. A list at the top
// (Export-Clixml -InputObject @(...)) is read as its items.
//
// Origins name the object and the property: Obj[3].AllowIPVideo is
// property AllowIPVideo of the fourth top-level object (counted from 0,
// as JSON paths count), Obj[0][2] the third item of a top-level list.
func readClixml(rd *reader) error {
	if rd.opt.DecodeClixml == nil {
		return &Error{File: rd.src.Name, Msg: "reading CLIXML needs the interpreter's CLIXML reader (Options.DecodeClixml)"}
	}
	objs, err := rd.opt.DecodeClixml(rd.text)
	if err != nil {
		return clixmlDecodeError(rd.src.Name, err)
	}
	cr := &clixmlImport{rd: rd, budget: len(rd.text) + 1024, active: map[any]bool{}, ruled: map[string]bool{}}
	cr.fileKind, _, cr.byName = KindFromFileName(rd.src.Base())
	if cr.byName {
		cr.rule("the file name " + rd.src.Base() + " makes its objects " + cr.fileKind + " objects")
	}
	for i, v := range objs {
		if err := cr.top(v, "Obj["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
	}
	return nil
}

// clixmlDecodeError is the *Error of a document the decoder refused: at
// the line and column, and the element, when the decoder gives them.
func clixmlDecodeError(file string, err error) *Error {
	e := &Error{File: file, Msg: err.Error()}
	if pe, ok := err.(interface{ Position() (int, int) }); ok {
		e.Line, e.Col = pe.Position()
	}
	if el, ok := err.(interface{ Element() string }); ok {
		e.Path = el.Element()
	}
	if m, ok := err.(interface{ Message() string }); ok {
		e.Msg = m.Message()
	}
	return e
}

// clixmlImport is the state of reading the objects of one CLIXML file.
type clixmlImport struct {
	rd       *reader
	fileKind string
	byName   bool
	// budget is how many more values may be converted: a document whose
	// Refs make its objects expand beyond its size is refused.
	budget int
	active map[any]bool // the containers being converted (a Ref cycle)
	ruled  map[string]bool
}

func (cr *clixmlImport) rule(r string) {
	if !cr.ruled[r] {
		cr.ruled[r] = true
		cr.rd.rules = append(cr.rd.rules, r)
	}
}

func (cr *clixmlImport) fail(path, format string, args ...any) *Error {
	return &Error{File: cr.rd.src.Name, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// top reads one top-level value: an object, or a list of objects.
func (cr *clixmlImport) top(v any, path string) error {
	switch x := v.(type) {
	case *value.Object:
		return cr.object(x, path)
	case *value.Array:
		for j, it := range x.Items {
			o, ok := it.(*value.Object)
			if !ok {
				return cr.fail(path+"["+strconv.Itoa(j)+"]", "a %s, not a policy or configuration object", value.TypeName(it))
			}
			if err := cr.object(o, path+"["+strconv.Itoa(j)+"]"); err != nil {
				return err
			}
		}
		return nil
	}
	return cr.fail(path, "a %s, not a policy or configuration object", value.TypeName(v))
}

// clixmlTypeNames returns an object's type names without the
// Deserialized. prefix and the #Decorated suffixes of the Teams module.
func clixmlTypeNames(o *value.Object) []string {
	var out []string
	for _, it := range o.PSTypeNames().Items {
		t := value.ToString(it)
		if len(t) > 13 && strings.EqualFold(t[:13], "Deserialized.") {
			t = t[13:]
		}
		if i := strings.IndexByte(t, '#'); i >= 0 {
			t = t[:i]
		}
		// Select-Object's objects carry the type they were made from
		t = strings.TrimPrefix(t, "Selected.")
		out = append(out, t)
	}
	return out
}

// kindOfTypeName returns the kind of a Teams module type name: the
// Microsoft.Rtc.Management.WritableConfig names of the configuration API
// (Policy.Meeting.TeamsMeetingPolicy, Settings.Edge.TenantFederationSettings)
// and the Microsoft.Teams.Policy.Administration.Cmdlets.Core names of the
// newer cmdlets (MeetingPolicy, AppPermissionPolicy), as
// cmdlets/teams names the objects Get- writes. Other Teams type names
// give their last part as the kind (TeamsMessagingPolicy), kept but not
// read by csemu's rules; csemu.<Kind> (written by Export-EmuTenant for a
// kind without a type of its own) gives <Kind>.
func kindOfTypeName(t string) (kind string, ok bool) {
	const (
		rtc  = "Microsoft.Rtc.Management."
		core = "Microsoft.Teams.Policy.Administration.Cmdlets.Core."
	)
	if short, ok := strings.CutPrefix(t, "csemu."); ok && isWord(short) {
		// what Export-EmuTenant writes for a kind without a type
		if k, ok := kindByName(short); ok {
			return k.Kind, true
		}
		return short, true
	}
	if !strings.HasPrefix(t, rtc) && !strings.HasPrefix(t, core) {
		return "", false
	}
	short := t[strings.LastIndexByte(t, '.')+1:]
	switch short {
	case "TenantFederationSettings", "TenantFederationConfiguration":
		return state.KindTenantFederationConfiguration, true
	case "MeetingPolicy":
		if strings.HasPrefix(t, rtc) {
			// Skype for Business Online's conferencing policy
			return state.KindConferencingPolicy, true
		}
		return state.KindTeamsMeetingPolicy, true
	case "AppPermissionPolicy":
		return state.KindTeamsAppPermissionPolicy, true
	}
	if strings.HasPrefix(t, core) && strings.HasSuffix(short, "Policy") && !strings.HasPrefix(short, "Teams") {
		short = "Teams" + short
	}
	if !isWord(short) {
		return "", false
	}
	if k, ok := kindByName(short); ok {
		return k.Kind, true
	}
	return short, true
}

// object reads one top-level object as an Item.
func (cr *clixmlImport) object(o *value.Object, path string) error {
	kind := cr.fileKind
	if !cr.byName {
		for _, t := range clixmlTypeNames(o) {
			if k, ok := kindOfTypeName(t); ok {
				kind = k
				cr.rule("the type name " + t + " makes an object a " + k)
				break
			}
		}
	}
	if kind == "" {
		k, r, ok := KindFromProperties(func(name string) bool { _, has := o.Get(name); return has })
		if !ok {
			return cr.fail(path, "cannot tell what kind of object this is: its type names and properties say nothing (name the file after its cmdlet, e.g. Get-CsTeamsMeetingPolicy.xml)")
		}
		kind = k
		cr.rule(r)
	}
	info, known := kindByName(kind)
	if known {
		kind = info.Kind
	} else {
		cr.rd.noteKept(kind, cr.at(path))
	}
	it := &Item{Kind: kind, Origin: cr.at(path)}
	id, hasID := o.Get("Identity")
	switch {
	case known && info.Single:
		it.Identity = "Global"
	case hasID && id != nil:
		it.Identity = normIdentity(kind, value.ToString(id))
	}
	if it.Identity == "" {
		return cr.fail(path, "the %s has no Identity", kind)
	}
	for _, p := range o.Props() {
		if strings.EqualFold(p.Name, "Identity") || clixmlNoise(p.Name) {
			continue
		}
		ppath := path + "." + p.Name
		v, err := cr.stored(kind, p.Name, p.Get(), ppath)
		if err != nil {
			return err
		}
		it.Props = append(it.Props, Prop{Name: p.Name, Value: v, Origin: cr.at(ppath)})
	}
	cr.rd.snap.Objects = append(cr.rd.snap.Objects, it)
	return nil
}

func (cr *clixmlImport) at(path string) Origin {
	return Origin{File: cr.rd.src.Name, Path: path}
}

// clixmlNoise reports the properties that are not settings
// (exports.md section 1): the configuration store's keys, the remoting
// session's, and the XML members the Teams module hides.
func clixmlNoise(name string) bool {
	switch strings.ToLower(name) {
	case "key", "configmetadata", "configid", "datasource", "pscomputername", "psshowcomputername",
		"runspaceid", "element", "anchor", "xsanyelements", "xsanyattributes":
		return true
	}
	return false
}

// stored converts a property value to the tenant's stored form. The
// federation lists have their own forms (canon.go).
func (cr *clixmlImport) stored(kind, name string, v any, path string) (any, error) {
	if kind == state.KindTenantFederationConfiguration {
		switch {
		case strings.EqualFold(name, "AllowedDomains"):
			return cr.allowedDomains(v, path)
		case strings.EqualFold(name, "BlockedDomains"):
			ds, err := cr.domains(v, path)
			if err != nil {
				return nil, err
			}
			return domainPatterns(ds), nil
		}
	}
	return cr.value(v, path)
}

// allowedDomains reads AllowedDomains: an AllowAllKnownDomains object (or
// its text), or an AllowList whose AllowedDomain lists DomainPattern
// objects; past Export-Clixml's -Depth the list is the text of the
// patterns ("Domain=a.com, Domain=b.com") and the allow list its text.
func (cr *clixmlImport) allowedDomains(v any, path string) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if strings.Contains(strings.ToLower(x), "allowallknowndomains") {
			return allowAll, nil
		}
		return allowList(domainsOfText(x)), nil
	case *value.Object:
		for _, t := range clixmlTypeNames(x) {
			if strings.HasSuffix(t, "AllowAllKnownDomains") {
				return allowAll, nil
			}
		}
		if list, ok := x.Get("AllowedDomain"); ok {
			ds, err := cr.domains(list, path+".AllowedDomain")
			if err != nil {
				return nil, err
			}
			return allowList(ds), nil
		}
		if s, ok := x.ToStringValue(); ok {
			return cr.allowedDomains(value.ToString(s), path)
		}
		if len(x.Props()) == 0 {
			// an object without members, as ConvertTo-Json shows
			// AllowAllKnownDomains ({})
			return allowAll, nil
		}
	}
	return nil, cr.fail(path, "AllowedDomains is a %s, not AllowAllKnownDomains or an allow list", value.TypeName(v))
}

// domains reads a list of domain patterns: DomainPattern objects, their
// text (Domain=contoso.com) or plain domains.
func (cr *clixmlImport) domains(v any, path string) ([]string, error) {
	var out []string
	add := func(it any, p string) error {
		switch x := it.(type) {
		case nil:
		case string:
			out = append(out, domainsOfText(x)...)
		case *value.Object:
			if d, ok := x.Get("Domain"); ok {
				if s := value.ToString(d); s != "" {
					out = append(out, s)
				}
				return nil
			}
			if s, ok := x.ToStringValue(); ok {
				out = append(out, domainsOfText(value.ToString(s))...)
				return nil
			}
			return cr.fail(p, "a domain pattern without a Domain")
		default:
			return cr.fail(p, "a %s, not a domain pattern", value.TypeName(it))
		}
		return nil
	}
	if a, ok := v.(*value.Array); ok {
		for i, it := range a.Items {
			if err := add(it, path+"["+strconv.Itoa(i)+"]"); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if err := add(v, path); err != nil {
		return nil, err
	}
	return out, nil
}

// value converts a deserialized value to a stored one: numbers to int64
// or float64, dates to ISO 8601 text as PowerShell 7's ConvertTo-Json
// writes them, lists to []any, objects and dictionaries to *state.Object
// (kind: the short type name).
func (cr *clixmlImport) value(v any, path string) (any, error) {
	cr.budget--
	if cr.budget < 0 {
		return nil, cr.fail(path, "the objects refer to each other too often: they hold more values than the file has characters")
	}
	switch x := v.(type) {
	case nil, bool, string, int64, float64:
		return x, nil
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), nil
		}
		return float64(x), nil
	case float32:
		return float64(x), nil
	case rune:
		return string(x), nil
	case value.Decimal:
		return x.Float64(), nil
	case value.Guid:
		return string(x), nil
	case time.Time:
		return clixmlDate(x), nil
	case *value.Array:
		if cr.active[x] {
			return nil, cr.fail(path, "the list holds itself")
		}
		cr.active[x] = true
		defer delete(cr.active, x)
		out := make([]any, len(x.Items))
		for i, it := range x.Items {
			c, err := cr.value(it, path+"["+strconv.Itoa(i)+"]")
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case *value.Hashtable:
		if cr.active[x] {
			return nil, cr.fail(path, "the dictionary holds itself")
		}
		cr.active[x] = true
		defer delete(cr.active, x)
		o := &state.Object{Kind: "Hashtable"}
		for i, k := range x.Keys() {
			name := value.ToString(k)
			c, err := cr.value(x.Values()[i], path+"."+name)
			if err != nil {
				return nil, err
			}
			o.Set(name, c)
		}
		return o, nil
	case *value.Object:
		if cr.active[x] {
			return nil, cr.fail(path, "the object holds itself")
		}
		cr.active[x] = true
		defer delete(cr.active, x)
		kind := "PSCustomObject"
		if names := clixmlTypeNames(x); len(names) > 0 {
			kind = names[0][strings.LastIndexByte(names[0], '.')+1:]
		}
		o := &state.Object{Kind: kind}
		for _, p := range x.Props() {
			c, err := cr.value(p.Get(), path+"."+p.Name)
			if err != nil {
				return nil, err
			}
			o.Set(p.Name, c)
		}
		if len(o.Props) == 0 {
			// an object with only its text (a TimeSpan, an enum past
			// the depth) is that text
			if s, ok := x.ToStringValue(); ok {
				return value.ToString(s), nil
			}
		}
		return o, nil
	}
	return value.ToString(v), nil
}

// clixmlDate is a DateTime as PowerShell 7's ConvertTo-Json writes it:
// ISO 8601 with up to seven fraction digits, Z for a UTC time, the offset
// for a local one and nothing for an unspecified one.
func clixmlDate(t time.Time) string {
	var b strings.Builder
	b.WriteString(t.Format("2006-01-02T15:04:05"))
	if frac := t.Nanosecond() / 100; frac != 0 {
		b.WriteString(strings.TrimRight(fmt.Sprintf(".%07d", frac), "0"))
	}
	switch value.DateKind(t) {
	case value.KindUtc:
		b.WriteByte('Z')
	case value.KindLocal:
		b.WriteString(t.Format("-07:00"))
	}
	return b.String()
}
