package teams

import (
	"fmt"
	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/state"
)

// directoryHandlers returns the handlers of the directory and assignment
// cmdlets, keyed by cmdlet name.
func directoryHandlers() map[string]func(c call) error {
	return map[string]func(c call) error{
		"Get-CsOnlineUser":                     getOnlineUser,
		"Get-CsUserPolicyAssignment":           getUserPolicyAssignment,
		"New-CsGroupPolicyAssignment":          newGroupPolicyAssignment,
		"Get-CsGroupPolicyAssignment":          getGroupPolicyAssignment,
		"Remove-CsGroupPolicyAssignment":       removeGroupPolicyAssignment,
		"New-CsBatchPolicyAssignmentOperation": newBatchOperation,
		"Get-CsBatchPolicyAssignmentOperation": getBatchOperation,
	}
}

// directoryParams adjusts the generated parameters of the directory
// cmdlets where the service accepts more than the docs' metadata says.
func directoryParams(facts map[string]*cmdlets.Cmdlet) {
	// "$null or "" removes the current assignment"
	if cmd, ok := facts["New-CsBatchPolicyAssignmentOperation"]; ok {
		if p := cmd.Param("PolicyName"); p != nil {
			// a mandatory [string] refuses $null even with AllowNull
			p.AllowNull, p.Type, p.DotNet = true, "object", "System.String"
		}
	}
	// Get-CsOnlineUser's objects (Identity = object ID) pipe into
	// Get-CsUserPolicyAssignment
	if cmd, ok := facts["Get-CsUserPolicyAssignment"]; ok {
		if p := cmd.Param("Identity"); p != nil {
			p.ByName = true
		}
	}
}

// emuCmdlets returns the emulator-only directory cmdlets, which fill and
// inspect the emulated tenant: users, group members and the change log.
func (h *Holder) emuCmdlets() []*cmdlets.Cmdlet {
	return []*cmdlets.Cmdlet{
		{Name: "New-EmuUser", Module: "csemu", ShouldProcess: true,
			Synopsis: "Adds a user to the emulated directory.",
			Description: "Creates a directory user with a new object ID. Groups named with -Group are created when missing. " +
				"Every parameter also binds by property name, so `Import-Csv users.csv | New-EmuUser` works; in a CSV cell, " +
				"separate several groups or licenses with ';'.",
			Params: []*cmdlets.ParamDef{
				byName(mand(p("UserPrincipalName", "string", 0))),
				byName(p("DisplayName", "string", -1)),
				byName(p("Department", "string", -1)),
				byName(alias(p("Group", "string[]", -1), "Groups", "MemberOf")),
				byName(alias(p("License", "string[]", -1), "Licenses")),
				byName(p("ObjectId", "string", -1)),
			},
			Process: h.handler(newEmuUser)},
		{Name: "Remove-EmuUser", Module: "csemu", ShouldProcess: true,
			Synopsis: "Removes a user from the emulated directory.",
			Params: []*cmdlets.ParamDef{
				byName(pipe(mand(alias(p("Identity", "string", 0), "UserPrincipalName")))),
			},
			Process: h.handler(removeEmuUser)},
		{Name: "Add-EmuGroupMember", Module: "csemu", ShouldProcess: true,
			Synopsis: "Makes users direct members of a group of the emulated directory.",
			Description: "A missing group or user is created with a verbose message, unless csemu runs with --strict. " +
				"Users also come from the pipeline (Get-CsOnlineUser ... | Add-EmuGroupMember -Group Sales).",
			Params: []*cmdlets.ParamDef{
				mand(alias(p("Group", "string", 0), "GroupId")),
				byName(pipe(mand(alias(p("Member", "string[]", 1), "UserPrincipalName", "Identity")))),
			},
			Process: h.handler(addEmuGroupMember)},
		{Name: "Get-EmuChange", Module: "csemu",
			Synopsis: "Lists the change log of the emulated tenant: what each cmdlet changed, when and where in which script.",
			Params: []*cmdlets.ParamDef{
				p("Last", "int", -1),
				p("Identity", "string", 0),
			},
			Process: h.handler(getEmuChange)},
	}
}

// ---- Get-CsOnlineUser

// getOnlineUser is Get-CsOnlineUser: one user (-Identity) or every user,
// filtered, streamed as the directory holds them.
func getOnlineUser(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	var filter *userFilter
	if raw := c.String("Filter"); strings.TrimSpace(raw) != "" {
		if filter, err = parseUserFilter(raw, userPropertyNames(t)); err != nil {
			return c.Fail("InvalidFilter", cmdlets.InvalidArgument, "%s", err.Error())
		}
	}
	limit := -1
	if c.Has("ResultSize") && c.Arg("ResultSize") != nil {
		if limit, err = parseResultSize(c.String("ResultSize")); err != nil {
			return c.Fail("CannotConvertArgument", cmdlets.InvalidArgument, "%s", err.Error())
		}
	}
	accountType := ""
	if c.Has("AccountType") && c.Arg("AccountType") != nil {
		docs := c.Command().Param("AccountType").Documented
		v, ok := pickName(docs, strings.TrimSpace(c.String("AccountType")))
		if !ok {
			return c.Fail("ParameterArgumentValidationError", cmdlets.InvalidArgument,
				"Cannot validate argument on parameter 'AccountType'. The argument %q does not belong to the set %q specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.",
				c.String("AccountType"), strings.Join(docs, ","))
		}
		accountType = v
	}
	shape, err := onlineUserShape(c, t)
	if err != nil {
		return err
	}
	sortBy, desc, err := onlineUserSort(c, t)
	if err != nil {
		return err
	}
	if c.Bool("SoftDeletedUser") {
		c.Verbose("the emulated directory keeps no soft-deleted users")
		return nil
	}
	match := func(u *state.User) bool {
		if accountType != "" && userAccountType(u) != accountType {
			return false
		}
		return filter == nil || filter.match(t, u)
	}
	if c.Has("Identity") && c.Arg("Identity") != nil {
		id := c.String("Identity")
		u, ok := directoryUser(t, id)
		if !ok {
			return c.Errorf("UserNotFound", cmdlets.ObjectNotFound, id, "[NotFound] : userId was not found (identity %q)", userID(id))
		}
		if !match(u) || limit == 0 {
			return nil
		}
		return c.Write(shape(userObject(t, u)))
	}
	if sortBy != "" {
		var users []*state.User
		for u := range t.Users() {
			if match(u) {
				users = append(users, u)
			}
		}
		sort.SliceStable(users, func(i, j int) bool {
			a, b := userSortKey(t, users[i], sortBy), userSortKey(t, users[j], sortBy)
			if desc {
				return a > b
			}
			return a < b
		})
		if limit >= 0 && len(users) > limit {
			users = users[:limit]
		}
		for _, u := range users {
			if err := c.Write(shape(userObject(t, u))); err != nil {
				return err
			}
		}
		return nil
	}
	n := 0
	for u := range t.Users() {
		if limit >= 0 && n >= limit {
			break
		}
		if !match(u) {
			continue
		}
		n++
		if err := c.Write(shape(userObject(t, u))); err != nil {
			return err
		}
	}
	return nil
}

// directoryUser returns the user that id names: a UPN, a sip: address, an
// object ID or an alias (the UPN's part before the @).
func directoryUser(t *state.Tenant, id string) (*state.User, bool) {
	id = userID(id)
	if id == "" {
		return nil, false
	}
	if u, ok := t.User(id); ok {
		return u, true
	}
	if strings.Contains(id, "@") {
		return nil, false
	}
	var found *state.User
	for u := range t.Users() {
		if alias, _, _ := strings.Cut(u.UPN, "@"); strings.EqualFold(alias, id) {
			if found != nil {
				return nil, false // ambiguous
			}
			found = u
		}
	}
	return found, found != nil
}

// userAccountType is the AccountType of u: a guest's UPN has #EXT#.
func userAccountType(u *state.User) string {
	if strings.Contains(strings.ToUpper(u.UPN), "#EXT#") {
		return "Guest"
	}
	return "User"
}

// parseResultSize parses -ResultSize: a count or Unlimited.
func parseResultSize(s string) (int, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "Unlimited") {
		return -1, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil && strings.TrimLeft(s, "+-0123456789") == "" && s != "":
		return 0, fmt.Errorf("Cannot bind parameter 'ResultSize'. Cannot convert value %q to type \"System.UInt32\". Error: \"Value was either too large or too small for a UInt32.\"", s)
	case err != nil:
		return 0, fmt.Errorf("Cannot bind parameter 'ResultSize'. Cannot convert value %q to type \"System.UInt32\". Error: \"Input string was not in a correct format.\"", s)
	case n < 0 || n > 1<<32-1:
		return 0, fmt.Errorf("Cannot bind parameter 'ResultSize'. Cannot convert value %q to type \"System.UInt32\". Error: \"Value was either too large or too small for a UInt32.\"", s)
	}
	return int(n), nil
}

// alwaysShown are the properties -Properties always keeps.
var alwaysShown = []string{"Identity", "UserPrincipalName", "DisplayName", "AccountEnabled"}

// onlineUserShape returns how -Properties and -SkipUserPolicies trim the
// objects Get-CsOnlineUser writes.
func onlineUserShape(c call, t *state.Tenant) (func(*value.Object) *value.Object, error) {
	keep := map[string]bool{}
	if c.Has("Properties") && c.Arg("Properties") != nil {
		known := userPropertyNames(t)
		fields := strings.FieldsFunc(c.String("Properties"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		for _, s := range fields {
			name, ok := pickName(known, s)
			if !ok {
				return nil, c.Fail("InvalidProperty", cmdlets.InvalidArgument, "-Properties: the user object has no property %q; it has %s", s, strings.Join(known, ", "))
			}
			keep[strings.ToLower(name)] = true
		}
		for _, n := range alwaysShown {
			keep[strings.ToLower(n)] = true
		}
	}
	skipPolicies := c.Bool("SkipUserPolicies")
	if len(keep) == 0 && !skipPolicies {
		return func(o *value.Object) *value.Object { return o }, nil
	}
	return func(o *value.Object) *value.Object {
		for _, n := range o.Names() {
			if len(keep) > 0 && !keep[strings.ToLower(n)] || skipPolicies && isPolicyProperty(n) {
				o.Remove(n)
			}
		}
		var shown []string
		for _, n := range o.DefaultDisplay {
			if _, ok := o.Get(n); ok {
				shown = append(shown, n)
			}
		}
		o.DefaultDisplay = shown
		return o
	}, nil
}

// onlineUserSort parses -Sort ("DisplayName", "DisplayName desc").
func onlineUserSort(c call, t *state.Tenant) (string, bool, error) {
	if !c.Has("Sort") || c.Arg("Sort") == nil {
		return "", false, nil
	}
	f := strings.Fields(c.String("Sort"))
	if len(f) == 0 || len(f) > 2 {
		return "", false, c.Fail("InvalidSort", cmdlets.InvalidArgument, "-Sort %q: use a property name, optionally followed by asc or desc", c.String("Sort"))
	}
	known := userPropertyNames(t)
	name, ok := pickName(known, f[0])
	if !ok {
		return "", false, c.Fail("InvalidSort", cmdlets.InvalidArgument, "-Sort: the user object has no property %q; it has %s", f[0], strings.Join(known, ", "))
	}
	desc := false
	if len(f) == 2 {
		switch strings.ToLower(f[1]) {
		case "asc":
		case "desc":
			desc = true
		default:
			return "", false, c.Fail("InvalidSort", cmdlets.InvalidArgument, "-Sort %q: the direction must be asc or desc", c.String("Sort"))
		}
	}
	return name, desc, nil
}

// userSortKey is the text -Sort orders u by.
func userSortKey(t *state.Tenant, u *state.User, name string) string {
	v, _ := userProperty(t, u, name)
	return strings.ToLower(filterText(v))
}

// userPropertyNames lists the properties of the objects Get-CsOnlineUser
// writes.
func userPropertyNames(t *state.Tenant) []string {
	return userObject(t, &state.User{UPN: "x@x"}).Names()
}

// pickName returns the name in names that s spells, ignoring case.
func pickName(names []string, s string) (string, bool) {
	for _, n := range names {
		if strings.EqualFold(n, s) {
			return n, true
		}
	}
	return "", false
}

// isPolicyProperty reports whether a user property names a policy type.
func isPolicyProperty(name string) bool {
	for _, pt := range policyTypes {
		if strings.EqualFold(pt, name) {
			return true
		}
	}
	return false
}

// userProperty returns property name of the object Get-CsOnlineUser writes
// for u, without making the object for the common properties.
func userProperty(t *state.Tenant, u *state.User, name string) (any, bool) {
	return userPropertyKey(t, u, strings.ToLower(name), name)
}

// userPropertyKey is userProperty with the lower-case name as well.
func userPropertyKey(t *state.Tenant, u *state.User, key, name string) (any, bool) {
	switch key {
	case "identity":
		return u.ObjectID, true
	case "userprincipalname":
		return u.UPN, true
	case "displayname":
		return u.DisplayName, true
	case "department":
		return emptyNil(u.Department), true
	case "sipaddress":
		return "sip:" + u.UPN, true
	case "enabled", "accountenabled":
		return u.Enabled, true
	case "assignedplan":
		return u.Licenses, true
	case "memberof":
		return u.Groups, true
	}
	if isPolicyProperty(name) {
		return emptyNil(u.Policy(name)), true
	}
	v, ok := userObject(t, u).Get(name)
	if a, isArr := v.(*value.Array); isArr {
		items := make([]string, len(a.Items))
		for i, it := range a.Items {
			items[i] = value.ToString(it)
		}
		return items, ok
	}
	return v, ok
}

// ---- -Filter: the OPATH comparisons admin scripts use

// userFilter is a parsed -Filter.
type userFilter struct {
	text string
	root filterNode
}

type filterNode interface {
	eval(t *state.Tenant, u *state.User) bool
}

type filterAnd struct{ a, b filterNode }
type filterOr struct{ a, b filterNode }
type filterNot struct{ a filterNode }

// filterCmp compares a property with a value: a string, a bool or nil
// ($null).
type filterCmp struct {
	prop   string
	key    string // prop in lower case
	op     string // eq ne like notlike gt ge lt le
	val    any
	policy bool // a policy property: "Tag:X" and "X" are the same
	// get reads the property of a user; nil reads Get-CsOnlineUser's
	get func(t *state.Tenant, u *state.User, name string) (any, bool)
}

func (n filterAnd) eval(t *state.Tenant, u *state.User) bool {
	return n.a.eval(t, u) && n.b.eval(t, u)
}
func (n filterOr) eval(t *state.Tenant, u *state.User) bool {
	return n.a.eval(t, u) || n.b.eval(t, u)
}
func (n filterNot) eval(t *state.Tenant, u *state.User) bool { return !n.a.eval(t, u) }

func (f *userFilter) match(t *state.Tenant, u *state.User) bool { return f.root.eval(t, u) }

func (n filterCmp) eval(t *state.Tenant, u *state.User) bool {
	var v any
	if n.get != nil {
		v, _ = n.get(t, u, n.prop)
	} else {
		v, _ = userPropertyKey(t, u, n.key, n.prop)
	}
	if list, ok := v.([]string); ok {
		// a multi-valued property matches when one of its values does;
		// -ne and -notlike when none does
		negated := n.op == "ne" || n.op == "notlike"
		if n.val == nil {
			return (len(list) == 0) != negated
		}
		pos := n
		if negated {
			pos.op = map[string]string{"ne": "eq", "notlike": "like"}[n.op]
		}
		for _, it := range list {
			if pos.one(it) {
				return !negated
			}
		}
		return negated
	}
	return n.one(v)
}

// one compares one property value.
func (n filterCmp) one(v any) bool {
	if s, ok := v.(string); ok && s == "" {
		v = nil
	}
	switch {
	case n.val == nil:
		// $null matches a property with no value
		switch n.op {
		case "eq", "like":
			return v == nil
		case "ne", "notlike":
			return v != nil
		}
		return false
	case v == nil:
		v = ""
	}
	if b, ok := v.(bool); ok {
		want, ok := filterBool(n.val)
		switch n.op {
		case "eq":
			return ok && b == want
		case "ne":
			return !ok || b != want
		}
		v = state.Text(b)
	}
	a, w := filterText(v), filterText(n.val)
	if n.policy {
		a, w = policyName(a), policyName(w)
	}
	switch n.op {
	case "eq":
		return strings.EqualFold(a, w)
	case "ne":
		return !strings.EqualFold(a, w)
	case "like":
		return value.Like(a, w, false)
	case "notlike":
		return !value.Like(a, w, false)
	}
	cmp := compareFilterText(a, w)
	switch n.op {
	case "gt":
		return cmp > 0
	case "ge":
		return cmp >= 0
	case "lt":
		return cmp < 0
	case "le":
		return cmp <= 0
	}
	return false
}

// compareFilterText orders numbers by value and other text
// case-insensitively.
func compareFilterText(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// filterBool reads a filter value as a Boolean.
func filterBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "$true", "1":
			return true, true
		case "false", "$false", "0":
			return false, true
		}
	}
	return false, false
}

// filterText is the text a filter compares for a property value: the
// items of a list (licenses, groups) separated by spaces, else the value as
// state.Text shows it.
func filterText(v any) string {
	if items, ok := v.([]string); ok {
		return strings.Join(items, " ")
	}
	return state.Text(v)
}

// filterToken is a token of a filter; pos counts characters from 1.
type filterToken struct {
	kind   byte // '(' ')' '!' 'w' (word) 's' (quoted string) 'e' (end)
	text   string
	pos    int
	quoted bool
}

// filterError is a filter syntax error at a position.
type filterError struct {
	filter string
	pos    int
	msg    string
}

func (e *filterError) Error() string {
	return fmt.Sprintf("Invalid filter %q: %s at position %d", e.filter, e.msg, e.pos)
}

// tokenizeFilter splits a filter into tokens.
func tokenizeFilter(text string) ([]filterToken, error) {
	rs := []rune(text)
	var out []filterToken
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')' || r == '!':
			out = append(out, filterToken{kind: byte(r), text: string(r), pos: i + 1})
			i++
		case r == '\'' || r == '"' || r == '‘' || r == '’' || r == '“' || r == '”':
			double := r == '"' || r == '“' || r == '”'
			isQuote := func(q rune) bool {
				if double {
					return q == '"' || q == '“' || q == '”'
				}
				return q == '\'' || q == '‘' || q == '’'
			}
			start := i
			var b strings.Builder
			i++
			closed := false
			for i < len(rs) {
				switch {
				case double && rs[i] == '`' && i+1 < len(rs):
					b.WriteRune(rs[i+1])
					i += 2
					continue
				case isQuote(rs[i]) && i+1 < len(rs) && isQuote(rs[i+1]):
					b.WriteRune(rs[i])
					i += 2
					continue
				case isQuote(rs[i]):
					closed = true
				}
				if closed {
					i++
					break
				}
				b.WriteRune(rs[i])
				i++
			}
			if !closed {
				return nil, &filterError{filter: text, pos: start + 1, msg: "the string that starts here is not closed"}
			}
			out = append(out, filterToken{kind: 's', text: b.String(), pos: start + 1, quoted: true})
		default:
			start := i
			for i < len(rs) && !unicode.IsSpace(rs[i]) && !strings.ContainsRune("()'\"‘’“”", rs[i]) {
				i++
			}
			out = append(out, filterToken{kind: 'w', text: string(rs[start:i]), pos: start + 1})
		}
	}
	out = append(out, filterToken{kind: 'e', pos: len(rs) + 1})
	return out, nil
}

// filterOps are the comparison operators of a filter.
var filterOps = map[string]bool{"eq": true, "ne": true, "like": true, "notlike": true, "gt": true, "ge": true, "lt": true, "le": true}

const filterOpList = "-eq, -ne, -like, -notlike, -gt, -ge, -lt, -le"

type filterParser struct {
	text  string
	toks  []filterToken
	i     int
	props []string
	get   func(t *state.Tenant, u *state.User, name string) (any, bool)
}

// parseUserFilter parses a -Filter: comparisons of user properties
// (Department -eq 'Sales') joined with -and, -or, -not and parentheses. A
// script block's braces are dropped, as its text is the filter.
func parseUserFilter(text string, props []string) (*userFilter, error) {
	return parseFilter(text, props, nil)
}

// parseFilter parses a -Filter over the properties props of a user's
// object, which get reads (nil: Get-CsOnlineUser's).
func parseFilter(text string, props []string, get func(t *state.Tenant, u *state.User, name string) (any, bool)) (*userFilter, error) {
	body := strings.TrimSpace(text)
	if strings.HasPrefix(body, "{") && strings.HasSuffix(body, "}") {
		body = strings.TrimSpace(body[1 : len(body)-1])
	}
	toks, err := tokenizeFilter(body)
	if err != nil {
		return nil, err
	}
	p := &filterParser{text: body, toks: toks, props: props, get: get}
	if p.peek().kind == 'e' {
		return nil, &filterError{filter: body, pos: 1, msg: "the filter is empty"}
	}
	root, err := p.or()
	if err != nil {
		return nil, err
	}
	if tk := p.peek(); tk.kind != 'e' {
		return nil, p.errorf(tk, "unexpected %q; join comparisons with -and or -or", tk.text)
	}
	return &userFilter{text: body, root: root}, nil
}

func (p *filterParser) peek() filterToken { return p.toks[p.i] }
func (p *filterParser) next() filterToken {
	tk := p.toks[p.i]
	if tk.kind != 'e' {
		p.i++
	}
	return tk
}

func (p *filterParser) errorf(tk filterToken, format string, args ...any) error {
	return &filterError{filter: p.text, pos: tk.pos, msg: fmt.Sprintf(format, args...)}
}

// isKeyword reports whether tk is the operator -name.
func isFilterKeyword(tk filterToken, name string) bool {
	return tk.kind == 'w' && strings.EqualFold(tk.text, "-"+name)
}

func (p *filterParser) or() (filterNode, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for isFilterKeyword(p.peek(), "or") {
		p.next()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = filterOr{left, right}
	}
	return left, nil
}

func (p *filterParser) and() (filterNode, error) {
	left, err := p.not()
	if err != nil {
		return nil, err
	}
	for isFilterKeyword(p.peek(), "and") {
		p.next()
		right, err := p.not()
		if err != nil {
			return nil, err
		}
		left = filterAnd{left, right}
	}
	return left, nil
}

func (p *filterParser) not() (filterNode, error) {
	if tk := p.peek(); isFilterKeyword(tk, "not") || tk.kind == '!' {
		p.next()
		inner, err := p.not()
		if err != nil {
			return nil, err
		}
		return filterNot{inner}, nil
	}
	return p.primary()
}

// isFilterProperty reports whether s is a property name: a letter or _, then
// letters, digits and _.
func isFilterProperty(s string) bool {
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}

func (p *filterParser) primary() (filterNode, error) {
	tk := p.next()
	switch tk.kind {
	case '(':
		inner, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != ')' {
			if c.kind == 'e' {
				return nil, p.errorf(tk, "the parenthesis opened here is not closed")
			}
			return nil, p.errorf(c, "expected ')', found %q", c.text)
		}
		return inner, nil
	case 'e':
		return nil, p.errorf(tk, "expected a property name, found the end of the filter")
	case ')':
		return nil, p.errorf(tk, "expected a property name, found ')'")
	case 's':
		return nil, p.errorf(tk, "expected a property name, found the string %q", tk.text)
	}
	name := strings.TrimPrefix(tk.text, "$_.")
	if strings.HasPrefix(tk.text, "-") {
		return nil, p.errorf(tk, "expected a property name, found the operator %q", tk.text)
	}
	if !isFilterProperty(name) {
		return nil, p.errorf(tk, "expected a property name, found %q", tk.text)
	}
	prop, ok := pickName(p.props, name)
	if !ok {
		return nil, p.errorf(tk, "unknown property %q (the user object has %s)", name, strings.Join(p.props, ", "))
	}
	opTok := p.next()
	op := strings.ToLower(strings.TrimPrefix(opTok.text, "-"))
	if opTok.kind != 'w' || !strings.HasPrefix(opTok.text, "-") || !filterOps[op] {
		found := fmt.Sprintf("%q", opTok.text)
		if opTok.kind == 'e' {
			found = "the end of the filter"
		}
		return nil, p.errorf(opTok, "expected a comparison operator (%s) after %s, found %s", filterOpList, prop, found)
	}
	valTok := p.next()
	var val any
	switch {
	case valTok.kind == 's':
		val = valTok.text
	case valTok.kind == 'e':
		return nil, p.errorf(valTok, "expected a value after %s, found the end of the filter", opTok.text)
	case valTok.kind != 'w':
		return nil, p.errorf(valTok, "expected a value after %s, found %q", opTok.text, valTok.text)
	case strings.EqualFold(valTok.text, "$true"):
		val = true
	case strings.EqualFold(valTok.text, "$false"):
		val = false
	case strings.EqualFold(valTok.text, "$null"):
		val = nil
	case strings.HasPrefix(valTok.text, "$"):
		return nil, p.errorf(valTok, "variables are not expanded in a filter: use a double-quoted string, -Filter \"%s %s '%s'\"", prop, opTok.text, valTok.text)
	case strings.HasPrefix(valTok.text, "-") && filterOps[strings.ToLower(valTok.text[1:])] ||
		isFilterKeyword(valTok, "and") || isFilterKeyword(valTok, "or") || isFilterKeyword(valTok, "not"):
		return nil, p.errorf(valTok, "expected a value after %s, found the operator %q", opTok.text, valTok.text)
	default:
		val = valTok.text
	}
	return filterCmp{prop: prop, key: strings.ToLower(prop), op: op, val: val, policy: isPolicyProperty(prop), get: p.get}, nil
}

// ---- policy types of the assignment cmdlets

// groupExcludedTypes are the policy types that cannot be assigned to
// groups (policy-assignment-overview, May 2023).
var groupExcludedTypes = []string{"TeamsAppPermissionPolicy", "TeamsNetworkRoamingPolicy", "TeamsEmergencyCallRoutingPolicy",
	"TeamsVoiceApplicationsPolicy", "TeamsUpgradePolicy"}

// assignmentFamilies are the families whose policies the Teams assignment
// cmdlets assign.
func assignmentFamilies() []*family {
	var out []*family
	for _, f := range families() {
		if f.groups && f.qualifier == "" {
			out = append(out, f)
		}
	}
	return out
}

// modeledTypes lists the modeled policy types for messages.
func modeledTypes() string {
	var names []string
	for _, f := range assignmentFamilies() {
		names = append(names, f.policyType)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// knownPolicyType returns the spelling of a policy type that the service
// documents for its assignment cmdlets.
func knownPolicyType(s string) (string, bool) {
	facts := csCmdletFacts()
	for _, key := range []string{"New-CsGroupPolicyAssignment", "New-CsBatchPolicyAssignmentOperation"} {
		if cmd, ok := facts[key]; ok {
			if n, ok := pickName(cmd.Param("PolicyType").Documented, s); ok {
				return n, true
			}
		}
	}
	return pickName(groupExcludedTypes, s)
}

// assignmentType checks the -PolicyType of an assignment cmdlet and returns
// the family of the type. forGroups refuses the types groups cannot get.
func assignmentType(c call, forGroups bool) (*family, error) {
	raw := strings.TrimSpace(c.String("PolicyType"))
	var f *family
	for _, af := range assignmentFamilies() {
		if strings.EqualFold(af.policyType, raw) {
			f = af
		}
	}
	name := raw
	if f != nil {
		name = f.policyType
	} else if n, ok := knownPolicyType(raw); ok {
		name = n
	}
	if forGroups {
		if _, excluded := pickName(groupExcludedTypes, name); excluded || f != nil && !groupAssignable(f.policyType) {
			return nil, c.Errorf("GroupAssignmentNotSupported", cmdlets.InvalidOperation, name,
				"Group policy assignment is not supported for the policy type %q. Assign the policy to users with Grant-Cs%s -Identity or New-CsBatchPolicyAssignmentOperation.", name, name)
		}
	}
	if f != nil {
		return f, nil
	}
	if _, ok := knownPolicyType(raw); ok {
		return nil, c.Fail("NotImplemented", cmdlets.NotImplemented, "[NotImplemented] policy type %q is not emulated: csemu models %s", name, modeledTypes())
	}
	return nil, c.Fail("InvalidPolicyType", cmdlets.InvalidArgument, "%q is not a policy type. The policy types csemu models are %s.", raw, modeledTypes())
}

// ---- Get-CsUserPolicyAssignment

// getUserPolicyAssignment is Get-CsUserPolicyAssignment: for each policy
// type that the user gets directly or from a group, the effective policy
// and every source, strongest first.
func getUserPolicyAssignment(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	fams := assignmentFamilies()
	if c.Has("PolicyType") && c.Arg("PolicyType") != nil {
		f, err := assignmentType(c, false)
		if f == nil {
			return err
		}
		fams = []*family{f}
	}
	id := c.String("Identity")
	if !c.Has("Identity") {
		id = c.String("InputObject")
	}
	u, ok := directoryUser(t, id)
	if !ok {
		return c.Errorf("UserNotFound", cmdlets.ObjectNotFound, id, "[NotFound] : userId was not found (identity %q)", userID(id))
	}
	for _, f := range fams {
		r := join.NewResolver(t, f.policyType)
		eff := r.Resolve(u)
		var sources []any
		if n := u.Policy(f.policyType); n != "" {
			sources = append(sources, policySourceObject("Direct", n, ""))
		}
		for _, a := range r.GroupSources(u) {
			sources = append(sources, policySourceObject("Group", a.PolicyName, a.GroupID))
		}
		if len(sources) == 0 {
			c.Verbose("%s has no %s assigned directly or by group; the tenant default %s applies", u.UPN, f.policyType, eff.Name)
			continue
		}
		o := value.NewObject("Microsoft.Teams.Config.Cmdlets.Models.EffectivePolicy")
		o.Set("PolicyType", f.policyType)
		o.Set("PolicyName", eff.Name)
		o.Set("PolicySource", &value.Array{Items: sources, List: true})
		if err := c.Write(o); err != nil {
			return err
		}
	}
	return nil
}

// policySourceObject is one PolicySource row of Get-CsUserPolicyAssignment.
func policySourceObject(kind, name, ref string) *value.Object {
	o := value.NewObject("Microsoft.Teams.Config.Cmdlets.Models.PolicySource")
	o.Set("AssignmentType", kind)
	o.Set("PolicyName", name)
	o.Set("Reference", emptyNil(ref))
	return o
}

// ---- group policy assignments

// newGroupPolicyAssignment is New-CsGroupPolicyAssignment: it assigns a
// policy to a group at -Rank (the end when not given), shifting the
// assignments at that rank and below down by one.
func newGroupPolicyAssignment(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	f, err := assignmentType(c, true)
	if f == nil {
		return err
	}
	raw := strings.TrimSpace(c.String("PolicyName"))
	id, msg := normalizeIdentity(f.form, raw)
	if msg != "" {
		return c.Fail("InvalidPolicyName", cmdlets.InvalidArgument, "%s", msg)
	}
	if id == "Global" {
		return c.Errorf("NotUserPolicy", cmdlets.InvalidArgument, raw, "Policy \"Global\" cannot be assigned to a group: every user without another assignment already gets it.")
	}
	pol, ok := t.Object(f.kind, id)
	if !ok {
		return c.Errorf("PolicyNotFound", cmdlets.ObjectNotFound, raw, "Provided policy name is not valid: %s %q does not exist", f.policyType, policyName(id))
	}
	a, err := f.assignGroup(c, t, c.String("GroupId"), policyName(pol.Identity), false)
	if a == nil || err != nil || !c.Bool("PassThru") {
		return err
	}
	return c.Write(groupAssignmentObject(*a))
}

// getGroupPolicyAssignment is Get-CsGroupPolicyAssignment.
func getGroupPolicyAssignment(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	policyType := ""
	if c.Has("PolicyType") && c.Arg("PolicyType") != nil {
		f, err := assignmentType(c, false)
		if f == nil {
			return err
		}
		policyType = f.policyType
	}
	group := ""
	if c.Has("GroupId") && c.Arg("GroupId") != nil {
		group = strings.TrimSpace(c.String("GroupId"))
		if g, ok := findGroup(t, group); ok {
			group = g.ID
		} else if !groupHasAssignments(t, group) {
			_, err := ensureGroup(c, t, group, false)
			return err
		}
	}
	for _, a := range t.GroupAssignments(policyType) {
		if group != "" && !strings.EqualFold(a.GroupID, group) {
			continue
		}
		if err := c.Write(groupAssignmentObject(a)); err != nil {
			return err
		}
	}
	return nil
}

// groupHasAssignments reports whether the group has any assignment.
func groupHasAssignments(t *state.Tenant, group string) bool {
	for _, a := range t.GroupAssignments("") {
		if strings.EqualFold(a.GroupID, group) {
			return true
		}
	}
	return false
}

// removeGroupPolicyAssignment is Remove-CsGroupPolicyAssignment: the
// assignments ranked below move up by one.
func removeGroupPolicyAssignment(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	f, err := assignmentType(c, false)
	if f == nil {
		return err
	}
	group := strings.TrimSpace(c.String("GroupId"))
	a, ok := t.GroupAssignment(group, f.policyType)
	if !ok {
		if g, found := findGroup(t, group); found {
			a, ok = t.GroupAssignment(g.ID, f.policyType)
		}
	}
	if !ok {
		return c.Errorf("AssignmentNotFound", cmdlets.ObjectNotFound, group, "[NotFound] : group %q has no %s assignment", group, f.policyType)
	}
	if !c.ShouldProcess(a.GroupID, c.Command().Name) {
		return nil
	}
	t.RemoveGroupAssignment(a.GroupID, f.policyType)
	c.recordChange(t, "Group", a.GroupID, f.policyType, a.PolicyName, nil)
	c.Verbose("removed %s %q from group %q (rank %d); the assignments below it moved up", f.policyType, a.PolicyName, a.GroupID, a.Rank)
	if c.Bool("PassThru") {
		return c.Write(true)
	}
	return nil
}

// groupAssignmentObject is the object Get-CsGroupPolicyAssignment writes.
func groupAssignmentObject(a state.GroupAssignment) *value.Object {
	o := value.NewObject("Microsoft.Teams.Config.Cmdlets.Models.GroupAssignment")
	o.Set("GroupId", a.GroupID)
	o.Set("PolicyType", a.PolicyType)
	o.Set("PolicyName", a.PolicyName)
	o.Set("Rank", a.Rank)
	o.Set("CreatedTime", a.CreatedTime)
	o.Set("CreatedBy", a.CreatedBy)
	o.DefaultDisplay = []string{"GroupId", "PolicyType", "PolicyName", "Rank"}
	return o
}

// ---- batch policy assignment

// maxBatchUsers is the service's limit of users per batch.
const maxBatchUsers = 5000

// newBatchOperation is New-CsBatchPolicyAssignmentOperation. The service
// runs a batch in the background; csemu applies it at once, so the
// operation is complete when the cmdlet returns.
func newBatchOperation(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	f, err := assignmentType(c, false)
	if f == nil {
		return err
	}
	raw := strings.TrimSpace(c.String("PolicyName"))
	name := ""
	if raw != "" {
		id, msg := normalizeIdentity(f.form, raw)
		o, ok := t.Object(f.kind, id)
		if msg != "" || id == "Global" || !ok {
			return c.Errorf("ClientError", cmdlets.InvalidOperation, raw, "Provided policy name is not valid")
		}
		name = policyName(o.Identity)
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range c.Strings("Identity") {
		id = userID(id)
		if id == "" || seen[strings.ToLower(id)] {
			continue
		}
		seen[strings.ToLower(id)] = true
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return c.Fail("NoUsers", cmdlets.InvalidArgument, "-Identity names no users")
	}
	if len(ids) > maxBatchUsers {
		return c.Fail("TooManyUsers", cmdlets.LimitsExceeded, "A batch can assign a policy to at most %d users; this one names %d. Split it into several batches.", maxBatchUsers, len(ids))
	}
	if c.Has("AdditionalParameters") {
		c.Verbose("-AdditionalParameters is accepted and ignored: csemu models no policy type that uses it")
	}
	if !c.ShouldProcess(fmt.Sprintf("%d user(s)", len(ids)), c.Command().Name) {
		return nil
	}
	now := c.Now().UTC()
	op := &state.BatchOperation{ID: c.NewID(), OperationName: c.String("OperationName"), OverallStatus: "Completed",
		CreatedBy: "csemu", CreatedTime: now, CompletedTime: now}
	for _, id := range ids {
		st := state.BatchUserState{ID: id, State: "Completed", Result: "Success"}
		u, ok := t.User(id)
		if !ok && !c.h.strict && !value.IsGuid(id) {
			u, _ = ensureUser(c, t, id, true)
			ok = u != nil
		}
		if !ok {
			st.Result = "UserNotFound: userId was not found"
			op.ErrorCount++
		} else if old := u.SetPolicy(f.policyType, name); old != name {
			if err := t.PutUser(u); err != nil {
				return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
			}
			c.recordChange(t, "User", u.UPN, f.policyType, old, name)
		} else {
			t.NoteUnchanged()
		}
		op.CompletedCount++
		op.Users = append(op.Users, st)
	}
	if err := t.PutBatch(op); err != nil {
		return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	c.recordChange(t, "BatchOperation", op.ID, "OverallStatus", nil, op.OverallStatus)
	if op.ErrorCount > 0 {
		c.Verbose("batch %s: %d of %d user(s) failed; see Get-CsBatchPolicyAssignmentOperation -Identity %s", op.ID, op.ErrorCount, len(ids), op.ID)
	}
	o := value.NewObject("Microsoft.Teams.Config.Cmdlets.Models.BatchAssignmentOperationResponse")
	o.Set("OperationId", op.ID)
	o.SetToString(op.ID) // -Identity $op binds the ID
	o.DefaultDisplay = []string{"OperationId"}
	return c.Write(o)
}

// batchStatuses are the values of -Status.
var batchStatuses = []string{"NotStarted", "InProgress", "Completed"}

// getBatchOperation is Get-CsBatchPolicyAssignmentOperation: one operation
// with its per-user states (-Identity), or the operations, by -Status.
func getBatchOperation(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	if c.Has("Identity") {
		id := batchID(c.Arg("Identity"))
		op, ok := t.Batch(id)
		if !ok {
			return c.Errorf("OperationNotFound", cmdlets.ObjectNotFound, id, "[NotFound] : batch operation %q was not found", id)
		}
		return c.Write(batchObject(op, true))
	}
	status := ""
	if c.Has("Status") && c.Arg("Status") != nil {
		s, ok := pickName(batchStatuses, strings.TrimSpace(c.String("Status")))
		if !ok {
			return c.Fail("InvalidStatus", cmdlets.InvalidArgument, "-Status %q: the status must be one of %s", c.String("Status"), strings.Join(batchStatuses, ", "))
		}
		status = s
	}
	for _, op := range t.Batches() {
		if status != "" && !strings.EqualFold(op.OverallStatus, status) {
			continue
		}
		if err := c.Write(batchObject(op, false)); err != nil {
			return err
		}
	}
	return nil
}

// batchID reads -Identity: an operation ID, or the object
// New-CsBatchPolicyAssignmentOperation wrote.
func batchID(v any) string {
	if o, ok := v.(*value.Object); ok {
		if id, ok := o.Get("OperationId"); ok {
			return strings.TrimSpace(value.ToString(id))
		}
	}
	s := strings.TrimSpace(value.ToString(v))
	// a [pscustomobject] made from the ID converts to "@{OperationId=...}"
	const prefix = "@{operationid="
	if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) && strings.HasSuffix(s, "}") {
		return strings.TrimSpace(s[len(prefix) : len(s)-1])
	}
	return s
}

// batchObject is the object Get-CsBatchPolicyAssignmentOperation writes;
// users adds the per-user states.
func batchObject(op *state.BatchOperation, users bool) *value.Object {
	o := value.NewObject("Microsoft.Teams.Config.Cmdlets.Models.BatchAssignmentOperation")
	o.Set("OperationId", op.ID)
	o.Set("OperationName", op.OperationName)
	o.Set("OverallStatus", op.OverallStatus)
	o.Set("CreatedBy", op.CreatedBy)
	o.Set("CreatedTime", op.CreatedTime)
	o.Set("CompletedTime", op.CompletedTime)
	o.Set("CompletedCount", op.CompletedCount)
	o.Set("ErrorCount", op.ErrorCount)
	o.Set("InProgressCount", 0)
	o.Set("NotStartedCount", 0)
	if users {
		items := make([]any, len(op.Users))
		for i, u := range op.Users {
			s := value.NewObject("Microsoft.Teams.Config.Cmdlets.Models.UserState")
			s.Set("Id", u.ID)
			s.Set("State", u.State)
			s.Set("Result", u.Result)
			items[i] = s
		}
		o.Set("UserState", &value.Array{Items: items, List: true})
	} else {
		o.DefaultDisplay = []string{"OperationId", "OperationName", "OverallStatus", "ErrorCount"}
	}
	return o
}

// ---- emulator-only directory cmdlets

// isUserPrincipalName reports whether s looks like name@domain.tld.
func isUserPrincipalName(s string) bool {
	name, domain, ok := strings.Cut(s, "@")
	if !ok || name == "" || strings.ContainsAny(domain, "@") || strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

// splitCells splits list items given as "a;b" (a CSV cell) into items.
func splitCells(items []string) []string {
	var out []string
	for _, it := range items {
		for _, s := range strings.Split(it, ";") {
			if s = strings.TrimSpace(s); s != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s) }) {
				out = append(out, s)
			}
		}
	}
	return out
}

// newEmuUser is New-EmuUser.
func newEmuUser(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	upn := strings.TrimSpace(c.String("UserPrincipalName"))
	if !isUserPrincipalName(upn) {
		return c.Errorf("InvalidUserPrincipalName", cmdlets.InvalidArgument, upn, "%q is not a valid UserPrincipalName: use name@domain", upn)
	}
	if u, ok := t.User(upn); ok {
		return c.Errorf("UserExists", cmdlets.ResourceExists, upn, "A user with UserPrincipalName %q already exists (object ID %s).", u.UPN, u.ObjectID)
	}
	objectID := strings.TrimSpace(c.String("ObjectId"))
	if objectID != "" {
		if !value.IsGuid(objectID) {
			return c.Errorf("InvalidObjectId", cmdlets.InvalidArgument, objectID, "-ObjectId %q is not a GUID", objectID)
		}
		if u, ok := t.User(objectID); ok {
			return c.Errorf("UserExists", cmdlets.ResourceExists, objectID, "The object ID %s already belongs to %q.", objectID, u.UPN)
		}
	}
	if !c.ShouldProcess(upn, c.Command().Name) {
		return nil
	}
	if objectID == "" {
		objectID = c.NewID()
	}
	u := &state.User{UPN: upn, DisplayName: strings.TrimSpace(c.String("DisplayName")), Department: strings.TrimSpace(c.String("Department")),
		ObjectID: objectID, Enabled: true, Licenses: splitCells(c.Strings("License"))}
	if u.DisplayName == "" {
		u.DisplayName = displayNameOf(upn)
	}
	for _, gid := range splitCells(c.Strings("Group")) {
		g, ok := findGroup(t, gid)
		if !ok {
			g = &state.Group{ID: gid, DisplayName: gid}
			if err := t.PutGroup(g); err != nil {
				return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
			}
			c.recordChange(t, "Group", gid, "", nil, "created")
			c.Verbose("created group %q", gid)
		}
		if !u.InGroup(g.ID) {
			u.Groups = append(u.Groups, g.ID)
		}
	}
	if err := t.PutUser(u); err != nil {
		return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
	}
	c.recordChange(t, "User", u.UPN, "", nil, "created")
	u, _ = t.User(upn)
	return c.Write(userObject(t, u))
}

// removeEmuUser is Remove-EmuUser.
func removeEmuUser(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	id := c.String("Identity")
	u, ok := t.User(userID(id))
	if !ok {
		return c.Errorf("UserNotFound", cmdlets.ObjectNotFound, id, "[NotFound] : userId was not found (identity %q)", userID(id))
	}
	if !c.ShouldProcess(u.UPN, c.Command().Name) {
		return nil
	}
	upn := u.UPN
	t.DeleteUser(upn)
	c.recordChange(t, "User", upn, "", "created", "removed")
	c.Verbose("removed user %q", upn)
	return nil
}

// addEmuGroupMember is Add-EmuGroupMember.
func addEmuGroupMember(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	gid := strings.TrimSpace(c.String("Group"))
	if _, ok := findGroup(t, gid); !ok && (gid == "" || c.h.strict) {
		_, err := ensureGroup(c, t, gid, false)
		return err
	}
	for _, m := range c.Strings("Member") {
		m = userID(m)
		if _, ok := t.User(m); !ok && (m == "" || c.h.strict) {
			if _, err := ensureUser(c, t, m, false); err != nil {
				return err
			}
			continue
		}
		if !c.ShouldProcess(m, c.Command().Name) {
			continue
		}
		g, err := ensureGroup(c, t, gid, true)
		if g == nil {
			return err
		}
		u, err := ensureUser(c, t, m, true)
		if u == nil {
			if err != nil {
				return err
			}
			continue
		}
		if u.InGroup(g.ID) {
			c.Verbose("%s is already a member of %q", u.UPN, g.ID)
			t.NoteUnchanged()
			continue
		}
		u.Groups = append(u.Groups, g.ID)
		if err := t.PutUser(u); err != nil {
			return c.Fail("StoreError", cmdlets.WriteError, "%v", err)
		}
		c.recordChange(t, "Group", g.ID, "Member", nil, u.UPN)
	}
	return nil
}

// getEmuChange is Get-EmuChange: the change log, oldest first.
func getEmuChange(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	n := 0
	if c.Has("Last") {
		n = c.Int("Last", 0)
		if n < 0 {
			return c.Fail("InvalidLast", cmdlets.InvalidArgument, "-Last %d: the count must be 0 or more", n)
		}
		if n == 0 {
			return nil
		}
	}
	pattern := strings.TrimSpace(c.String("Identity"))
	for _, ch := range t.Changes(n) {
		if pattern != "" && !value.Like(ch.Identity, pattern, false) {
			continue
		}
		if err := c.Write(changeObject(ch)); err != nil {
			return err
		}
	}
	return nil
}

// changeObject is the object Get-EmuChange writes for a change.
func changeObject(ch state.Change) *value.Object {
	o := value.NewObject("csemu.Change")
	o.Set("Time", ch.Time.UTC().Truncate(time.Second))
	o.Set("Cmdlet", ch.Cmdlet)
	script := ch.File
	if ch.Line > 0 {
		script = fmt.Sprintf("%s:%d", ch.File, ch.Line)
	}
	if ch.At != "" {
		script += " " + ch.At
	}
	o.Set("Script", script)
	o.Set("Kind", ch.Kind)
	o.Set("Identity", ch.Identity)
	o.Set("Property", emptyNil(ch.Property))
	o.Set("OldValue", emptyNil(ch.Old))
	o.Set("NewValue", emptyNil(ch.New))
	change := ch.Kind + " " + ch.Identity
	if ch.Property != "" {
		change += " " + ch.Property
	}
	switch {
	case ch.Old == ch.New && ch.New != "":
		change += " = " + ch.New // a value an import confirmed
	case ch.Old == "" && ch.New == "":
	case ch.Old == "":
		change += ": " + ch.New
	case ch.New == "":
		change += ": " + ch.Old + " -> (none)"
	default:
		change += ": " + ch.Old + " -> " + ch.New
	}
	o.Set("Change", change)
	o.DefaultDisplay = []string{"Time", "Script", "Cmdlet", "Change"}
	return o
}
