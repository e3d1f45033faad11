package tenantio

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/csemu/csemu/state"
)

// readCsJSON reads a Get-Cs* | ConvertTo-Json export (exports.md section
// 1): one JSON object, or an array of them. The file name gives the kind
// (Get-CsTeamsMeetingPolicy.json, TeamsMeetingPolicy.json); when it says
// nothing, each object's properties do (KindFromProperties), and the rule
// that decided is added to the file's rule for -Verbose.
func readCsJSON(rd *reader) error {
	if err := csjsonEncodingError(rd.src); err != nil {
		return err
	}
	root, err := decodeCsJSON(rd.src.Name, rd.text)
	if err != nil {
		return err
	}
	c := newCsjsonReader(rd)
	fileKind, _, byName := KindFromFileName(rd.src.Base())
	if byName {
		c.rule(fmt.Sprintf("the file name %s gives the kind %s", rd.src.Base(), fileKind))
	}
	read := func(n *csjsonNode, path csjsonPath) error {
		if n.kind != csjsonObject {
			return c.errAt(n.off, path, "expected an object (Get-Cs* | ConvertTo-Json writes one per policy or configuration), found %s", csjsonKindName(n))
		}
		kind := fileKind
		if !byName {
			k, rule, ok := KindFromProperties(func(name string) bool {
				_, ok := n.member(name)
				return ok && !isCsjsonNoise(name)
			})
			if !ok {
				return c.errAt(n.off, path, "cannot tell which Get-Cs cmdlet wrote this object: name the file after the cmdlet (Get-CsTeamsMeetingPolicy.json) or the kind (TeamsMeetingPolicy.json)")
			}
			c.rule(rule)
			kind = k
		}
		it, err := c.item(n, path, kind, "Identity", "")
		if err != nil {
			return err
		}
		rd.snap.Objects = append(rd.snap.Objects, it)
		return nil
	}
	switch root.kind {
	case csjsonObject:
		if err := read(root, "$"); err != nil {
			return err
		}
	case csjsonArray:
		for i, el := range root.items {
			if err := read(el, csjsonPath("$").index(i)); err != nil {
				return err
			}
		}
	default:
		return c.errAt(root.off, "$", "expected an object or an array of objects (Get-Cs* | ConvertTo-Json), found %s", csjsonKindName(root))
	}
	c.finish()
	return nil
}

// csjsonReader reads Get-Cs objects out of decoded JSON by the rules of
// exports.md section 1; the ScubaGear reader uses it too.
type csjsonReader struct {
	rd        *reader
	lines     []int // byte offsets where lines start
	flattened bool  // warned that -Depth flattened objects into type names
	shapes    map[string]bool
	defaults  map[string]*state.Object
	types     map[string]map[string]any // kind → lower-case property → its Global default
	rules     []string
}

func newCsjsonReader(rd *reader) *csjsonReader {
	c := &csjsonReader{rd: rd, lines: []int{0}, shapes: map[string]bool{}, defaults: map[string]*state.Object{}, types: map[string]map[string]any{}}
	for i := 0; i < len(rd.text); i++ {
		if rd.text[i] == '\n' {
			c.lines = append(c.lines, i+1)
		}
	}
	return c
}

// line returns the 1-based line of a byte offset.
func (c *csjsonReader) line(off int) int {
	return sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off })
}

func (c *csjsonReader) at(off int, path csjsonPath) Origin {
	return c.rd.at(c.line(off), string(path))
}

func (c *csjsonReader) errAt(off int, path csjsonPath, format string, args ...any) *Error {
	e := c.rd.errAt(off, format, args...)
	e.Path = string(path)
	return e
}

// rule records a rule that decided a kind, once.
func (c *csjsonReader) rule(r string) {
	for _, x := range c.rules {
		if x == r {
			return
		}
	}
	c.rules = append(c.rules, r)
}

// finish hands the rules to the reader, for the file's -Verbose rule.
func (c *csjsonReader) finish() {
	c.rd.rules = append(c.rd.rules, c.rules...)
}

// isCsjsonNoise reports whether name is a key of configuration objects or
// remoting sessions that is not a setting (exports.md section 1).
func isCsjsonNoise(name string) bool {
	for _, k := range [...]string{"Key", "ConfigMetadata", "ConfigId", "DataSource", "PSComputerName", "PSShowComputerName", "RunspaceId", "Element", "Anchor"} {
		if len(k) == len(name) && strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

func csjsonKindName(n *csjsonNode) string {
	switch n.kind {
	case csjsonNull:
		return "null"
	case csjsonBool:
		return "a boolean"
	case csjsonNumber:
		return "a number"
	case csjsonString:
		return "a string"
	case csjsonArray:
		return "an array"
	}
	return "an object"
}

// item reads one object of kind. idKey names the member that holds the
// identity ("Identity" is not kept as a property; another key is);
// defaultID is the identity when the object lacks it ("" makes that an
// error, except for a configuration, which is Global).
func (c *csjsonReader) item(n *csjsonNode, path csjsonPath, kind, idKey, defaultID string) (*Item, error) {
	it := &Item{Kind: kind, Origin: c.at(n.off, path)}
	id := defaultID
	if v, ok := n.member(idKey); ok && v.kind != csjsonNull {
		if v.kind != csjsonString {
			return nil, c.errAt(v.off, path.key(idKey), "%s must be a string, found %s", idKey, csjsonKindName(v))
		}
		id = v.s
	}
	it.Identity = normIdentity(kind, id)
	if it.Identity == "" {
		return nil, c.errAt(n.off, path, "the %s object has no %s", kind, idKey)
	}
	c.rd.noteKept(kind, it.Origin)
	for _, m := range n.members {
		if isCsjsonNoise(m.name) || idKey == "Identity" && strings.EqualFold(m.name, "Identity") {
			continue
		}
		mpath := path.key(m.name)
		v := c.prop(kind, m.name, m.val, mpath)
		it.Props = append(it.Props, Prop{Name: m.name, Value: v, Origin: c.at(m.val.off, mpath)})
	}
	return it, nil
}

// defaultOf returns the Global default object of kind, if the tenant has
// one.
func (c *csjsonReader) defaultOf(kind string) (*state.Object, bool) {
	if o, ok := c.defaults[kind]; ok {
		return o, o != nil
	}
	o, _ := state.DefaultObject(kind)
	c.defaults[kind] = o
	return o, o != nil
}

// prop returns the stored form of a property value.
func (c *csjsonReader) prop(kind, name string, n *csjsonNode, path csjsonPath) any {
	if strings.EqualFold(kind, state.KindTenantFederationConfiguration) {
		switch strings.ToLower(name) {
		case "alloweddomains":
			return c.allowedDomains(n, path)
		case "blockeddomains":
			if n.kind == csjsonNull {
				return domainPatterns(nil)
			}
			if ds, ok := c.domainList(n, path); ok {
				return domainPatterns(ds)
			}
			return c.plain(n, path)
		}
	}
	v := c.plain(n, path)
	// A number takes the tenant's type of the property: 3.0 for an
	// integer property is 3, 3 for a floating-point one is 3.0.
	if _, ok := v.(string); !ok && v != nil {
		switch c.defaultValue(kind, name).(type) {
		case float64:
			if i, ok := v.(int64); ok {
				return float64(i)
			}
		case int64:
			if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
				return int64(f)
			}
		}
	}
	return v
}

// defaultValue returns the Global default of a property of kind, nil
// when there is none.
func (c *csjsonReader) defaultValue(kind, name string) any {
	m, ok := c.types[kind]
	if !ok {
		if d, ok := c.defaultOf(kind); ok {
			m = make(map[string]any, len(d.Props))
			for _, p := range d.Props {
				m[strings.ToLower(p.Name)] = p.Value
			}
		}
		c.types[kind] = m
	}
	return m[strings.ToLower(name)]
}

// plain returns the stored form of a JSON value: objects become nested
// objects, Windows PowerShell 5.1's "/Date(ms)/" dates the ISO 8601 text
// that PowerShell 7 writes.
func (c *csjsonReader) plain(n *csjsonNode, path csjsonPath) any {
	switch n.kind {
	case csjsonNull:
		return nil
	case csjsonBool:
		return n.b
	case csjsonNumber:
		return n.num
	case csjsonString:
		if d, ok := csjsonMSDate(n.s); ok {
			return d
		}
		if csjsonTypeName(n.s) {
			c.flattenedAt(path)
		}
		return n.s
	case csjsonArray:
		out := make([]any, len(n.items))
		for i, el := range n.items {
			out[i] = c.plain(el, path.index(i))
		}
		return out
	}
	o := &state.Object{}
	for _, m := range n.members {
		o.Props = append(o.Props, state.Prop{Name: m.name, Value: c.plain(m.val, path.key(m.name))})
	}
	return o
}

// flattenedAt warns, once a file, that ConvertTo-Json's -Depth wrote
// nested objects as their type names.
func (c *csjsonReader) flattenedAt(path csjsonPath) {
	if c.flattened {
		return
	}
	c.flattened = true
	c.rd.warn("%s: values such as %s are .NET type names: ConvertTo-Json wrote objects nested deeper than its -Depth (2 by default) as their type name; they are kept as text (export with ConvertTo-Json -Depth 5 to keep them)", c.rd.src.Name, path)
}

// shapeAt warns, once a property, that a value has a shape the reader does
// not know and is kept as given.
func (c *csjsonReader) shapeAt(path csjsonPath, what string) {
	key := what + string(path)
	if c.shapes[key] {
		return
	}
	c.shapes[key] = true
	c.rd.warn("%s %s: %s has a shape csemu does not know; it is kept as given", c.rd.src.Name, path, what)
}

// csjsonTypeName reports whether s is a .NET type name, as ConvertTo-Json
// writes an object nested deeper than -Depth:
// Microsoft.Rtc.Management...AllowList, Deserialized.Microsoft...,
// System.Collections.Generic.List`1[System.String].
func csjsonTypeName(s string) bool {
	if len(s) > 1024 {
		return false
	}
	s = strings.TrimPrefix(s, "Deserialized.")
	if !strings.HasPrefix(s, "Microsoft.") && !strings.HasPrefix(s, "System.") {
		return false
	}
	if i := strings.IndexByte(s, '`'); i >= 0 {
		rest := s[i+1:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == 0 || !strings.HasPrefix(rest[j:], "[") || !strings.HasSuffix(rest, "]") {
			return false
		}
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if !isPathName(p) {
			return false
		}
	}
	return true
}

// allowedDomains returns the stored form of the federation AllowedDomains:
// "AllowAllKnownDomains" or an allow list (canon.go), from the shapes
// exports.md section 1 lists.
func (c *csjsonReader) allowedDomains(n *csjsonNode, path csjsonPath) any {
	switch n.kind {
	case csjsonNull:
		return nil
	case csjsonString:
		s := strings.TrimSpace(n.s)
		low := strings.ToLower(s)
		switch {
		case low == strings.ToLower(allowAll) || strings.HasSuffix(low, ".allowallknowndomains"):
			return allowAll
		case csjsonTypeName(s):
			c.flattenedAt(path)
			return n.s
		case s == "":
			c.shapeAt(path, "AllowedDomains")
			return n.s
		}
		return allowList(domainsOfText(s))
	case csjsonArray:
		// An array of allow lists, as ScubaGear's own test data writes it:
		// [{"AllowedDomain": ["Domain=a.com"]}].
		lists := len(n.items) > 0
		for _, el := range n.items {
			if _, ok := el.member("AllowedDomain"); !ok || el.kind != csjsonObject {
				lists = false
			}
		}
		if lists {
			var all []string
			for i, el := range n.items {
				v, _ := el.member("AllowedDomain")
				ds, ok := c.domainList(v, path.index(i).key("AllowedDomain"))
				if !ok {
					return c.plain(n, path)
				}
				all = append(all, ds...)
			}
			return allowList(all)
		}
		if ds, ok := c.domainList(n, path); ok {
			return allowList(ds)
		}
	case csjsonObject:
		if len(n.members) == 0 {
			return allowAll // AllowAllKnownDomains has no properties
		}
		if v, ok := n.member("AllowedDomain"); ok {
			if ds, ok := c.domainList(v, path.key("AllowedDomain")); ok {
				return allowList(ds)
			}
			return c.plain(n, path)
		}
		if _, ok := n.member("AllowAllKnownDomains"); ok {
			return allowAll
		}
	}
	c.shapeAt(path, "AllowedDomains")
	return c.plain(n, path)
}

// domainList returns the domains of a domain pattern list: null, the
// "Domain=a.com Domain=b.com" text of a list nested deeper than -Depth,
// or an array of such strings, plain domains or {"Domain": "a.com"}
// objects. ok is false for a shape it does not know.
func (c *csjsonReader) domainList(n *csjsonNode, path csjsonPath) (out []string, ok bool) {
	one := func(el *csjsonNode, p csjsonPath) bool {
		switch el.kind {
		case csjsonString:
			if csjsonTypeName(el.s) {
				c.flattenedAt(p)
				return false
			}
			out = append(out, domainsOfText(el.s)...)
			return true
		case csjsonObject:
			d, ok := el.member("Domain")
			if !ok || d.kind != csjsonString {
				break
			}
			out = append(out, domainsOfText(d.s)...)
			return true
		case csjsonNull:
			return true
		}
		c.shapeAt(p, "the domain list")
		return false
	}
	if n.kind == csjsonArray {
		for i, el := range n.items {
			if !one(el, path.index(i)) {
				return nil, false
			}
		}
		return out, true
	}
	if !one(n, path) {
		return nil, false
	}
	return out, true
}

// csjsonMSDate returns the ISO 8601 text of a date as Windows PowerShell
// 5.1's ConvertTo-Json writes it, "/Date(1775495947301)/" (milliseconds
// since 1970 UTC; some serializers add the local offset,
// "/Date(1775495947301+0100)/"), in UTC as PowerShell 7's ConvertTo-Json
// writes a UTC DateTime.
func csjsonMSDate(s string) (string, bool) {
	body, ok := strings.CutPrefix(s, "/Date(")
	if !ok {
		return "", false
	}
	body, ok = strings.CutSuffix(body, ")/")
	if !ok || body == "" {
		return "", false
	}
	if i := strings.LastIndexAny(body, "+-"); i > 0 {
		off := body[i+1:]
		if len(off) != 4 || !csjsonDigits(off) {
			return "", false
		}
		body = body[:i]
	}
	digits := strings.TrimPrefix(body, "-")
	if len(digits) == 0 || len(digits) > 15 || !csjsonDigits(digits) {
		return "", false
	}
	ms, err := strconv.ParseInt(body, 10, 64)
	if err != nil {
		return "", false
	}
	t := time.UnixMilli(ms).UTC()
	if t.Year() < 1 || t.Year() > 9999 {
		return "", false
	}
	return isoUTC(t), true
}

func csjsonDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isoUTC is a UTC time as PowerShell 7's ConvertTo-Json (Newtonsoft.Json)
// writes it: yyyy-MM-ddTHH:mm:ss, the fraction of a second without
// trailing zeros, then Z.
func isoUTC(t time.Time) string {
	s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second())
	if frac := t.Nanosecond() / 100; frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%07d", frac), "0")
	}
	return s + "Z"
}
