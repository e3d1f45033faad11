package tenantio

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

// readDSC reads a Microsoft365DSC configuration (exports.md section 3):
// the file is parsed, never run, and the resource blocks of its
// Configuration statements are read from the syntax tree. Each resource
// type of dscResources gives objects, user policy assignments or group
// policy assignments; other resource types are skipped with one note per
// type.
func readDSC(rd *reader) error {
	s, errs := parser.ParseAll(rd.src.Name, rd.text)
	if len(errs) > 0 {
		e := errs[0]
		return &Error{File: rd.src.Name, Line: e.Pos.Line, Col: e.Pos.Column, Msg: "the configuration does not parse: " + e.Msg}
	}
	if s == nil {
		return &Error{File: rd.src.Name, Msg: "the configuration does not parse"}
	}
	d := &dscReader{rd: rd, skipped: map[string]int{}}
	configs := 0
	parser.Walk(s, func(n any) bool {
		switch x := n.(type) {
		case *parser.ConfigurationDefinition:
			configs++
		case *parser.DynamicKeywordStatement:
			if x.Props != nil {
				d.resource(x)
				return false
			}
		}
		return true
	})
	if configs == 0 {
		return &Error{File: rd.src.Name, Line: 1, Msg: "the file holds no Configuration block"}
	}
	if d.err != nil {
		return d.err
	}
	for _, k := range d.skipOrder {
		n := d.skipped[k]
		what := "resource"
		if n > 1 {
			what = "resources"
		}
		rd.snap.Notes = append(rd.snap.Notes, Note{Kind: k, Skipped: true, Count: n, Origin: d.skipAt[k],
			Reason: fmt.Sprintf("skipped %d %s: not a Teams setting csemu imports", n, what)})
	}
	return nil
}

// dscResource describes a Microsoft365DSC resource type that an import
// reads: the kind it fills and the property that names the instance.
type dscResource struct {
	Resource string
	Kind     string
	// Key is the property that holds the identity; "" for a resource of
	// a configuration (Identity = "Global" or IsSingleInstance = "Yes").
	Key string
}

// dscResources are the resource types of exports.md section 3 (and
// TeamsExternalAccessPolicy, Microsoft365DSC's resource of the external
// access policies), in the order a configuration is written.
func dscResources() []dscResource {
	return []dscResource{
		{"TeamsMeetingPolicy", state.KindTeamsMeetingPolicy, "Identity"},
		{"TeamsMeetingConfiguration", state.KindTeamsMeetingConfiguration, ""},
		{"TeamsFederationConfiguration", state.KindTenantFederationConfiguration, ""},
		{"TeamsExternalAccessPolicy", state.KindExternalAccessPolicy, "Identity"},
		{"TeamsAppPermissionPolicy", state.KindTeamsAppPermissionPolicy, "Identity"},
		{"TeamsOrgWideAppSettings", KindTeamsOrgWideAppSettings, ""},
		{"TeamsM365App", KindM365TeamsApp, "Id"},
	}
}

// The resources of policy assignments.
const (
	dscGroupAssignment = "TeamsGroupPolicyAssignment"
	dscUserAssignment  = "TeamsUserPolicyAssignment"
)

// dscResourceOf returns the resource type named name.
func dscResourceOf(name string) (dscResource, bool) {
	for _, r := range dscResources() {
		if strings.EqualFold(r.Resource, name) {
			return r, true
		}
	}
	return dscResource{}, false
}

// dscAuth reports the properties that authenticate Microsoft365DSC to the
// tenant, and DSC's own meta properties: none is a tenant setting.
func dscAuth(name string) bool {
	switch strings.ToLower(name) {
	case "credential", "globaladminaccount", "applicationid", "tenantid", "certificatethumbprint",
		"applicationsecret", "certificatepath", "certificatepassword", "managedidentity", "accesstokens",
		"dependson", "psdscrunascredential":
		return true
	}
	return false
}

type dscReader struct {
	rd      *reader
	skipped map[string]int
	skipAt  map[string]Origin
	// skipOrder lists the skipped resource types in the order met.
	skipOrder []string
	err       error
}

// dscProp is one property of a resource block: its name, value and where
// the property starts.
type dscProp struct {
	name string
	val  parser.Statement
	line int
}

// props returns the properties of a resource block.
func (d *dscReader) props(st *parser.DynamicKeywordStatement) []dscProp {
	var out []dscProp
	for _, e := range st.Props.Entries {
		name, ok := dscKey(e.Key)
		if !ok {
			d.rd.warn("%s:%d: a %s property whose name is not a plain word is skipped", d.rd.src.Name, e.Pos.Line, st.Keyword)
			continue
		}
		out = append(out, dscProp{name: name, val: e.Value, line: e.Pos.Line})
	}
	return out
}

// dscKey returns the name of a property.
func dscKey(u *parser.Unary) (string, bool) {
	if u == nil || len(u.Prefix) > 0 || len(u.Post) > 0 {
		return "", false
	}
	switch x := u.Primary.(type) {
	case *parser.BareWord:
		return x.Value, true
	case *parser.StringLit:
		return x.Value, true
	}
	return "", false
}

// at returns the origin of a property.
func (d *dscReader) at(line int, resource, name string) Origin {
	path := resource
	if name != "" {
		path += "." + name
	}
	return d.rd.at(line, path)
}

// resource reads one resource block.
func (d *dscReader) resource(st *parser.DynamicKeywordStatement) {
	if d.err != nil {
		return
	}
	switch {
	case strings.EqualFold(st.Keyword, dscGroupAssignment):
		d.groupAssignment(st)
		return
	case strings.EqualFold(st.Keyword, dscUserAssignment):
		d.userAssignment(st)
		return
	}
	res, ok := dscResourceOf(st.Keyword)
	if !ok {
		k := st.Keyword
		if _, seen := d.skipped[k]; !seen {
			d.skipOrder = append(d.skipOrder, k)
			if d.skipAt == nil {
				d.skipAt = map[string]Origin{}
			}
			d.skipAt[k] = d.at(st.Pos.Line, k, "")
		}
		d.skipped[k]++
		return
	}
	it := &Item{Kind: res.Kind, Origin: d.at(st.Pos.Line, st.Keyword, "")}
	id := ""
	for _, p := range d.props(st) {
		switch {
		case dscAuth(p.name):
			continue
		case strings.EqualFold(p.name, "Ensure"):
			v := d.value(p, st.Keyword)
			if s, ok := v.(string); ok && strings.EqualFold(s, "Absent") {
				it.Absent = true
			}
			continue
		case res.Key == "" && (strings.EqualFold(p.name, "Identity") || strings.EqualFold(p.name, "IsSingleInstance")):
			continue
		case res.Key != "" && strings.EqualFold(p.name, res.Key):
			v := d.value(p, st.Keyword)
			id = fmt.Sprint(v)
			if v == nil {
				id = ""
			}
			continue
		}
		v := d.value(p, st.Keyword)
		it.Set(p.name, d.stored(res.Kind, p.name, v), d.at(p.line, st.Keyword, p.name))
	}
	if res.Key == "" {
		id = "Global"
	}
	it.Identity = normIdentity(res.Kind, id)
	if it.Identity == "" {
		d.err = d.errAt(st, "the %s resource has no %s", st.Keyword, res.Key)
		return
	}
	d.rd.noteKept(res.Kind, it.Origin)
	d.rd.snap.Objects = append(d.rd.snap.Objects, it)
}

// errAt returns an error at the start of a resource block.
func (d *dscReader) errAt(st *parser.DynamicKeywordStatement, format string, args ...any) *Error {
	return &Error{File: d.rd.src.Name, Line: st.Pos.Line, Col: st.Pos.Column, Msg: fmt.Sprintf(format, args...)}
}

// stored converts a value to the tenant's stored form of a property:
// BlockedAnonymousJoinClientTypes is a comma-separated string in
// Microsoft365DSC and a list in the tenant; the federation domain lists
// are plain domains; a number takes the type of the tenant's property.
func (d *dscReader) stored(kind, name string, v any) any {
	switch {
	case kind == state.KindTeamsMeetingPolicy && strings.EqualFold(name, "BlockedAnonymousJoinClientTypes"):
		if s, ok := v.(string); ok {
			out := []any{}
			for _, f := range strings.Split(s, ",") {
				if f = strings.TrimSpace(f); f != "" {
					out = append(out, f)
				}
			}
			return out
		}
	case kind == state.KindTenantFederationConfiguration && strings.EqualFold(name, "AllowedDomains"):
		if ds, ok := dscStrings(v); ok {
			if len(ds) == 0 {
				return allowAll
			}
			if len(ds) == 1 && strings.EqualFold(ds[0], allowAll) {
				return allowAll
			}
			return allowList(ds)
		}
	case kind == state.KindTenantFederationConfiguration && strings.EqualFold(name, "BlockedDomains"):
		if ds, ok := dscStrings(v); ok {
			return domainPatterns(ds)
		}
	}
	if def, ok := state.DefaultObject(kind); ok {
		dv, _ := def.Get(name)
		switch dv.(type) {
		case float64:
			if i, ok := v.(int64); ok {
				return float64(i)
			}
		case int64:
			if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
				return int64(f)
			}
		case []any:
			// a one-element array may be written as its element
			if s, ok := v.(string); ok {
				return []any{s}
			}
		}
	}
	return v
}

// dscStrings returns the strings of a list (or of one string).
func dscStrings(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil, true
		}
		return []string{x}, true
	case nil:
		return nil, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, false
}

// groupAssignment reads a TeamsGroupPolicyAssignment resource.
func (d *dscReader) groupAssignment(st *parser.DynamicKeywordStatement) {
	ga := GroupAssignment{Origin: d.at(st.Pos.Line, st.Keyword, "")}
	absent := false
	for _, p := range d.props(st) {
		if dscAuth(p.name) {
			continue
		}
		s := dscText(d.value(p, st.Keyword))
		switch strings.ToLower(p.name) {
		case "groupdisplayname":
			ga.GroupName = s
		case "groupid":
			ga.GroupID = s
		case "policytype":
			ga.PolicyType = s
		case "policyname":
			ga.PolicyName = policyName(s)
		case "priority", "rank":
			if s == "" {
				continue
			}
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 {
				d.err = &Error{File: d.rd.src.Name, Line: p.line, Msg: fmt.Sprintf("%s: Priority must be a whole number, found %q", st.Keyword, s)}
				return
			}
			ga.Rank = n
		case "ensure":
			absent = strings.EqualFold(s, "Absent")
		default:
			d.rd.warn("%s:%d: the %s property %s is not read", d.rd.src.Name, p.line, st.Keyword, p.name)
		}
	}
	switch {
	case ga.GroupID == "" && ga.GroupName == "":
		d.err = d.errAt(st, "the %s resource has neither GroupDisplayName nor GroupId", st.Keyword)
	case ga.PolicyType == "":
		d.err = d.errAt(st, "the %s resource has no PolicyType", st.Keyword)
	case absent:
		d.rd.warn("%s:%d: %s with Ensure = \"Absent\" (remove the assignment) is not imported", d.rd.src.Name, st.Pos.Line, st.Keyword)
	default:
		d.rd.snap.Assignments = append(d.rd.snap.Assignments, ga)
	}
}

// userAssignment reads a TeamsUserPolicyAssignment resource: User and one
// property per policy type naming the directly assigned policy.
func (d *dscReader) userAssignment(st *parser.DynamicKeywordStatement) {
	u := &UserItem{Origin: d.at(st.Pos.Line, st.Keyword, ""), Has: map[string]bool{}}
	for _, p := range d.props(st) {
		if dscAuth(p.name) || strings.EqualFold(p.name, "Ensure") {
			continue
		}
		v := d.value(p, st.Keyword)
		if strings.EqualFold(p.name, "User") {
			u.UPN = dscText(v)
			continue
		}
		if _, isStr := v.(string); !isStr && v != nil {
			d.rd.warn("%s:%d: the %s property %s is not a policy name and is not read", d.rd.src.Name, p.line, st.Keyword, p.name)
			continue
		}
		u.Direct = append(u.Direct, Direct{PolicyType: p.name, PolicyName: policyName(dscText(v)), Origin: d.at(p.line, st.Keyword, p.name)})
	}
	if u.UPN == "" {
		d.err = d.errAt(st, "the %s resource has no User", st.Keyword)
		return
	}
	d.rd.snap.Users = append(d.rd.snap.Users, u)
}

// dscText returns a value as text.
func dscText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// value returns the value of a property, without running anything:
// $True, $False, $null, strings, numbers, arrays and CIM instances. A
// variable other than $OrganizationName, or an expression, keeps its text
// with a warning.
func (d *dscReader) value(p dscProp, resource string) any {
	return d.statement(p.val, p, resource)
}

// statement returns the value of a statement.
func (d *dscReader) statement(st parser.Statement, p dscProp, resource string) any {
	switch x := st.(type) {
	case *parser.DynamicKeywordStatement:
		return d.cimInstance(x, resource)
	case *parser.PipelineStatement:
		if x.Op == "" && x.Right == nil && len(x.Chain) == 0 && !x.Background && x.Left != nil && len(x.Left.Elems) == 1 {
			if ce, ok := x.Left.Elems[0].(*parser.CommandExpression); ok && len(ce.Redirs) == 0 && ce.Expr != nil && ce.Expr.Ternary == nil && ce.Expr.Tree != nil {
				return d.node(ce.Expr.Tree, p, resource)
			}
		}
	}
	return d.kept(parser.StatementPos(st).Offset, parser.StatementEndOffset(st), p, resource)
}

// kept returns the text of what cannot be read as a value, with a warning.
func (d *dscReader) kept(start, end int, p dscProp, resource string) any {
	text := ""
	if start >= 0 && end <= len(d.rd.text) && start < end {
		text = d.rd.text[start:end]
	}
	d.rd.warn("%s:%d: %s.%s = %s is not a plain value: kept as its text", d.rd.src.Name, p.line, resource, p.name, text)
	return text
}

// node returns the value of a folded expression.
func (d *dscReader) node(n parser.Node, p dscProp, resource string) any {
	switch x := n.(type) {
	case *parser.Unary:
		return d.unary(x, p, resource)
	case *parser.ArrayLiteral:
		out := make([]any, 0, len(x.Items))
		for _, it := range x.Items {
			out = append(out, d.node(it, p, resource))
		}
		return out
	case *parser.BinaryExpr:
		return d.kept(x.Pos.Offset, dscNodeEnd(x), p, resource)
	}
	return d.kept(0, 0, p, resource)
}

// dscNodeEnd returns where a folded expression ends.
func dscNodeEnd(n parser.Node) int {
	switch x := n.(type) {
	case *parser.Unary:
		return x.End
	case *parser.BinaryExpr:
		return dscNodeEnd(x.Right)
	case *parser.ArrayLiteral:
		if len(x.Items) > 0 {
			return dscNodeEnd(x.Items[len(x.Items)-1])
		}
	case *parser.TernaryExpr:
		return dscNodeEnd(x.Else)
	}
	return 0
}

// unary returns the value of an operand.
func (d *dscReader) unary(u *parser.Unary, p dscProp, resource string) any {
	if v, ok := u.Primary.(*parser.VarExpr); ok && !v.Splat {
		if len(u.Prefix) == 0 && len(u.Post) == 0 {
			switch strings.ToLower(v.Name) {
			case "true":
				return true
			case "false":
				return false
			case "null":
				return nil
			case "organizationname":
				return d.orgName(p)
			}
		}
		// $ConfigurationData.NonNodeData.TenantId, $Credscredential
		return d.kept(u.Pos.Offset, u.End, p, resource)
	}
	if len(u.Post) > 0 {
		return d.kept(u.Pos.Offset, u.End, p, resource)
	}
	neg := false
	for _, op := range u.Prefix {
		switch op {
		case "-":
			neg = !neg
		case "+":
		default:
			return d.kept(u.Pos.Offset, u.End, p, resource)
		}
	}
	if len(u.Prefix) > 0 {
		if _, ok := u.Primary.(*parser.NumberLit); !ok {
			return d.kept(u.Pos.Offset, u.End, p, resource)
		}
	}
	switch x := u.Primary.(type) {
	case *parser.StringLit:
		return x.Value
	case *parser.BareWord:
		return x.Value
	case *parser.ExpandString:
		return d.expand(x, p, resource)
	case *parser.NumberLit:
		return d.number(x, neg, u, p, resource)
	case *parser.ArrayExpr:
		out := []any{}
		if x.List != nil {
			for _, st := range x.List.Stmts {
				v := d.statement(st, p, resource)
				if l, ok := v.([]any); ok {
					// @(a, b) and @(a; b) are both arrays of a and b
					out = append(out, l...)
					continue
				}
				out = append(out, v)
			}
		}
		return out
	case *parser.ParenExpr:
		if x.Stmt != nil {
			return d.statement(x.Stmt, p, resource)
		}
	}
	return d.kept(u.Pos.Offset, u.End, p, resource)
}

// number returns the value of a number literal: int64 for an integer,
// float64 otherwise.
func (d *dscReader) number(x *parser.NumberLit, neg bool, u *parser.Unary, p dscProp, resource string) any {
	n := x.Value
	switch n.Kind {
	case parser.Double, parser.Decimal:
		if neg {
			return -n.Float
		}
		return n.Float
	case parser.UInt64:
		if n.Uint > math.MaxInt64 {
			return d.kept(u.Pos.Offset, u.End, p, resource)
		}
		v := int64(n.Uint)
		if neg {
			v = -v
		}
		return v
	case parser.BigInt:
		return d.kept(u.Pos.Offset, u.End, p, resource)
	}
	if neg {
		if n.Int == math.MinInt64 {
			return d.kept(u.Pos.Offset, u.End, p, resource)
		}
		return -n.Int
	}
	return n.Int
}

// expand returns the text of a "..." string: $OrganizationName is the
// tenant's domain; other variables and sub-expressions keep their text.
func (d *dscReader) expand(x *parser.ExpandString, p dscProp, resource string) any {
	var b strings.Builder
	for _, part := range x.Parts {
		switch {
		case part.Sub != nil:
			b.WriteString(d.kept(part.Pos.Offset, part.End, p, resource).(string))
		case part.Var != "":
			if strings.EqualFold(part.Var, "OrganizationName") {
				b.WriteString(d.orgName(p))
				continue
			}
			b.WriteString(d.kept(part.Pos.Offset, part.End, p, resource).(string))
		default:
			b.WriteString(part.Text)
		}
	}
	return b.String()
}

// orgName returns the value of $OrganizationName: the import's
// -OrganizationName, or the variable's text with a warning.
func (d *dscReader) orgName(p dscProp) string {
	if d.rd.opt.OrganizationName != "" {
		return d.rd.opt.OrganizationName
	}
	d.rd.warn("%s:%d: $OrganizationName is kept as its text: give the tenant's domain (-OrganizationName contoso.com) to replace it", d.rd.src.Name, p.line)
	return "$OrganizationName"
}

// cimInstance returns a CIM instance nested in a property's value
// (MSFT_TeamsFoo { A = 1 }) as a nested object of that class.
func (d *dscReader) cimInstance(st *parser.DynamicKeywordStatement, resource string) any {
	o := &state.Object{Kind: st.Keyword}
	if st.Props == nil {
		return o
	}
	for _, q := range d.props(st) {
		o.Set(q.name, d.statement(q.val, q, resource+"."+st.Keyword))
	}
	return o
}
