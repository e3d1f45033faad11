package tenantio

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/csemu/csemu/state"
)

// readCSV reads a CSV export (exports.md section 5). The header says what
// the file holds:
//
//   - PolicyType and a group column (GroupId, GroupName,
//     GroupDisplayName): group policy assignments, as
//     Get-CsGroupPolicyAssignment | Export-Csv writes them (PolicyName,
//     Rank or Microsoft365DSC's Priority, CreatedBy);
//   - PolicyType and a user column (UserPrincipalName, User, Identity,
//     SipAddress): user policy assignments, as Get-CsUserPolicyAssignment
//     gives them with the user added; rows whose PolicySource is Direct
//     are direct assignments, rows of a group's assignment are notes;
//   - a group column and a user column: group members;
//   - a user column alone: users, as Get-CsOnlineUser | Export-Csv writes
//     them (DisplayName, Department, licences, groups, and a column per
//     policy type holding the directly assigned policy).
//
// Windows PowerShell's #TYPE line is skipped; fields may be quoted or not;
// the delimiter is ',' or ';' (Export-Csv -UseCulture), or a tab.
func readCSV(rd *reader) error {
	sc := newCSVScanner(rd)
	if err := sc.readHeader(); err != nil {
		return err
	}
	h := &sc.head
	switch {
	case h.policyType >= 0 && h.group >= 0:
		rd.rules = append(rd.rules, fmt.Sprintf("the columns %s and PolicyType make it a list of group policy assignments (Get-CsGroupPolicyAssignment)", h.names[h.group]))
		return readCSVGroupAssignments(rd, sc)
	case h.policyType >= 0 && h.user >= 0:
		rd.rules = append(rd.rules, fmt.Sprintf("the columns %s and PolicyType make it a list of user policy assignments (Get-CsUserPolicyAssignment)", h.names[h.user]))
		return readCSVUserAssignments(rd, sc)
	case h.policyType >= 0 && h.col("Scope") >= 0:
		rd.rules = append(rd.rules, "the columns PolicyType and Scope make it a list of tenant-wide grants (csemu's tenant-grants.csv)")
		return readCSVGrants(rd, sc)
	case h.policyType >= 0:
		return sc.headerError(h.policyType, "the PolicyType column needs a GroupId (or GroupName) column for group policy assignments, or a UserPrincipalName (or Identity) column for user policy assignments")
	case h.group >= 0 && h.user >= 0:
		rd.rules = append(rd.rules, fmt.Sprintf("the columns %s and %s without PolicyType make it a list of group members", h.names[h.group], h.names[h.user]))
		return readCSVMembers(rd, sc)
	case h.user >= 0:
		rd.rules = append(rd.rules, fmt.Sprintf("the column %s without GroupId or PolicyType makes it a list of users (Get-CsOnlineUser | Export-Csv)", h.names[h.user]))
		return readCSVUsers(rd, sc)
	case h.group >= 0:
		return sc.headerError(h.group, "a list of group members needs a UserPrincipalName column beside %s", h.names[h.group])
	}
	return sc.headerError(-1, "no column says what the file holds: a CSV export needs a UserPrincipalName (or Identity, SipAddress), GroupId (or GroupName) or PolicyType column")
}

// csvHead is the header of a CSV file: its column names and where the
// columns csemu reads are (-1 when absent).
type csvHead struct {
	names []string
	offs  []int // byte offset of each name in the text
	line  int
	index map[string]int // lower-case name -> column

	user, group, policyType int
}

// col returns the column of the first of names that the header has, or
// -1.
func (h *csvHead) col(names ...string) int {
	for _, n := range names {
		if i, ok := h.index[strings.ToLower(n)]; ok {
			return i
		}
	}
	return -1
}

// csvUserCols are the columns that name a user, in the order of
// preference; csvGroupCols those that name a group.
func csvUserCols() []string {
	return []string{"UserPrincipalName", "User", "UPN", "Identity", "SipAddress"}
}

func csvGroupCols() []string { return []string{"GroupId", "GroupName", "GroupDisplayName"} }

// csvField is one field of a row: its text and the byte offset where it
// starts.
type csvField struct {
	text string
	off  int
}

// csvScanner reads the rows of a CSV text. Fields are substrings of the
// text (no copy) unless a quoted field holds doubled quotes.
type csvScanner struct {
	rd    *reader
	s     string
	i     int
	line  int // line of s[i]
	delim byte
	head  csvHead
	row   []csvField
}

func newCSVScanner(rd *reader) *csvScanner {
	s := strings.TrimPrefix(rd.text, "\ufeff")
	return &csvScanner{rd: rd, s: s, line: 1, delim: ','}
}

// errAt is an error at a byte offset of the scanned text.
func (sc *csvScanner) errAt(off int, format string, args ...any) *Error {
	// the scanned text is the reader's text without a leading BOM
	shift := len(sc.rd.text) - len(sc.s)
	return sc.rd.errAt(off+shift, format, args...)
}

// headerError is an error of the header line, at column col (-1: the
// line).
func (sc *csvScanner) headerError(col int, format string, args ...any) *Error {
	if col < 0 {
		return &Error{File: sc.rd.src.Name, Line: sc.head.line, Msg: fmt.Sprintf(format, args...)}
	}
	return sc.errAt(sc.head.offs[col], format, args...)
}

// skipBlank skips blank lines, and reports whether a row follows.
func (sc *csvScanner) skipBlank() bool {
	for sc.i < len(sc.s) {
		j := sc.i
		for j < len(sc.s) && (sc.s[j] == ' ' || sc.s[j] == '\t' || sc.s[j] == '\r') {
			j++
		}
		if j < len(sc.s) && sc.s[j] != '\n' {
			return true
		}
		if j == len(sc.s) {
			sc.i = j
			return false
		}
		sc.i = j + 1
		sc.line++
	}
	return false
}

// readHeader reads the #TYPE line, if any, chooses the delimiter and reads
// the column names.
func (sc *csvScanner) readHeader() error {
	if !sc.skipBlank() {
		return &Error{File: sc.rd.src.Name, Line: 1, Msg: "the CSV file has no header line"}
	}
	if rest := sc.s[sc.i:]; len(rest) >= 5 && strings.EqualFold(rest[:5], "#TYPE") {
		// Windows PowerShell's Export-Csv writes the type name first
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 {
			return &Error{File: sc.rd.src.Name, Line: sc.line, Msg: "the CSV file has a #TYPE line and no header line"}
		}
		sc.i += nl + 1
		sc.line++
		if !sc.skipBlank() {
			return &Error{File: sc.rd.src.Name, Line: sc.line, Msg: "the CSV file has a #TYPE line and no header line"}
		}
	}
	sc.delim = csvDelimiter(sc.s[sc.i:])
	h := &sc.head
	h.line = sc.line
	row, err := sc.next(nil)
	if err != nil {
		return err
	}
	h.index = make(map[string]int, len(row))
	for i, f := range row {
		name := strings.TrimSpace(f.text)
		if name == "" {
			return sc.errAt(f.off, "column %d of the header has no name", i+1)
		}
		k := strings.ToLower(name)
		if _, dup := h.index[k]; dup {
			return sc.errAt(f.off, "the column %q appears twice in the header", name)
		}
		h.index[k] = i
		h.names = append(h.names, name)
		h.offs = append(h.offs, f.off)
	}
	h.user = h.col(csvUserCols()...)
	h.group = h.col(csvGroupCols()...)
	h.policyType = h.col("PolicyType")
	return nil
}

// csvDelimiter chooses the delimiter of a CSV text from its first line:
// the one of ',', ';' and tab found most often outside quotes (',' on a
// tie).
func csvDelimiter(s string) byte {
	var comma, semi, tab int
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			i = len(s)
		case c == ',':
			comma++
		case c == ';':
			semi++
		case c == '\t':
			tab++
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// next reads the row at the scanner's position into buf (reused). It
// returns nil at the end of the text.
func (sc *csvScanner) next(buf []csvField) ([]csvField, error) {
	if !sc.skipBlank() {
		return nil, nil
	}
	row := buf[:0]
	s, d := sc.s, sc.delim
	i := sc.i
	for {
		// leading blanks of a field are not part of it (Import-Csv)
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') && s[i] != d {
			i++
		}
		start := i
		var text string
		if i < len(s) && s[i] == '"' {
			i++
			j := i
			doubled := false
			for {
				k := strings.IndexByte(s[j:], '"')
				if k < 0 {
					return nil, sc.errAt(start, "the quoted field is not closed")
				}
				j += k
				if j+1 < len(s) && s[j+1] == '"' {
					doubled = true
					j += 2
					continue
				}
				break
			}
			text = s[i:j]
			sc.line += strings.Count(text, "\n")
			if doubled {
				text = strings.ReplaceAll(text, `""`, `"`)
			}
			i = j + 1
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') && s[i] != d {
				i++
			}
			if i < len(s) && s[i] != d && s[i] != '\n' && s[i] != '\r' {
				return nil, sc.errAt(i, "text after the closing quote of a field")
			}
		} else {
			j := i
			// a quote inside a field that does not start with one is
			// text, as Import-Csv reads it
			for j < len(s) && s[j] != d && s[j] != '\n' && s[j] != '\r' {
				j++
			}
			text = strings.TrimRight(s[i:j], " \t")
			i = j
		}
		row = append(row, csvField{text: text, off: start})
		if i < len(s) && s[i] == d {
			i++
			continue
		}
		// the end of the row: CRLF, LF, a lone CR or the end of the text
		if i < len(s) && s[i] == '\r' {
			i++
		}
		if i < len(s) && s[i] == '\n' {
			i++
			sc.line++
		}
		sc.i = i
		return row, nil
	}
}

// rows calls fn with each row after the header and the line it starts
// on. A row whose field count differs from the header's is an error.
func (sc *csvScanner) rows(fn func(row []csvField, line int) error) error {
	n := len(sc.head.names)
	for {
		if !sc.skipBlank() {
			return nil
		}
		line, start := sc.line, sc.i
		row, err := sc.next(sc.row)
		if err != nil {
			return err
		}
		if row == nil {
			return nil
		}
		sc.row = row
		if len(row) != n {
			off := start
			if len(row) > n {
				off = row[n].off
			}
			return sc.errAt(off, "the row has %d fields, the header %d", len(row), n)
		}
		if err := fn(row, line); err != nil {
			return err
		}
	}
}

// cell returns the text of column col of row, trimmed, or "" when the
// column is absent.
func cell(row []csvField, col int) string {
	if col < 0 {
		return ""
	}
	return strings.TrimSpace(row[col].text)
}

// csvUPN returns the user a row names: its UserPrincipalName (or User,
// UPN), else an Identity or SipAddress that is an address (the sip:
// prefix dropped), and the column it came from.
func (sc *csvScanner) csvUPN(row []csvField, cols []int) (upn string, col int) {
	for _, c := range cols {
		v := cell(row, c)
		if len(v) > 4 && strings.EqualFold(v[:4], "sip:") {
			v = v[4:]
		}
		if v != "" && (strings.IndexByte(v, '@') >= 0 || !sc.isIdentityCol(c)) {
			return v, c
		}
	}
	return "", -1
}

// isIdentityCol reports whether column c is Identity or SipAddress, which
// name a user by address only when they hold one (Get-CsOnlineUser's
// Identity is the object ID).
func (sc *csvScanner) isIdentityCol(c int) bool {
	n := sc.head.names[c]
	return strings.EqualFold(n, "Identity") || strings.EqualFold(n, "SipAddress")
}

// userCols returns the columns that may name a user, in the order of
// preference.
func (h *csvHead) userCols() []int {
	var out []int
	for _, n := range csvUserCols() {
		if c := h.col(n); c >= 0 {
			out = append(out, c)
		}
	}
	return out
}

// csvChunk is how many users, or direct assignments, are allocated at
// once: one allocation for many rows keeps reading a large file cheap.
const csvChunk = 512

// readCSVUsers reads a Get-CsOnlineUser | Export-Csv file.
func readCSVUsers(rd *reader, sc *csvScanner) error {
	h := &sc.head
	ucols := h.userCols()
	display := h.col("DisplayName")
	dept := h.col("Department")
	lic := h.col("Licenses", "AssignedLicenses", "AssignedPlan")
	groups := h.col("Groups", "MemberOf", "GroupIds")
	// ObjectId as written by Export-EmuTenant; Get-CsOnlineUser's
	// Identity is the object ID too
	objectID, anyID := h.col("ObjectId"), true
	if objectID < 0 {
		objectID, anyID = h.col("Identity"), false
	}
	// every user of the file has the same fields: one map serves them all
	has := map[string]bool{}
	if display >= 0 {
		has["DisplayName"] = true
	}
	if dept >= 0 {
		has["Department"] = true
	}
	if lic >= 0 {
		has["Licenses"] = true
	}
	if groups >= 0 {
		has["Groups"] = true
	}
	var policyCols []int
	used := map[int]bool{display: true, dept: true, lic: true, groups: true, objectID: true}
	for _, c := range ucols {
		used[c] = true
	}
	var ignored []string
	for i, n := range h.names {
		switch {
		case csvPolicyColumn(n):
			policyCols = append(policyCols, i)
		case !used[i]:
			ignored = append(ignored, n)
		}
	}
	if len(ignored) > 0 {
		rd.warn("%s: columns not imported (a user has no such field): %s", rd.src.Name, strings.Join(ignored, ", "))
	}
	listCol := func(c int, key string, row []csvField, line int) ([]string, bool) {
		if c < 0 || !has[key] {
			return nil, false
		}
		v := cell(row, c)
		if csvTypeText(v) {
			delete(has, key)
			rd.warn("%s:%d: the %s column holds %q, the text Export-Csv writes for a list: the column is not imported (give the names separated by ';')", rd.src.Name, line, h.names[c], v)
			return nil, false
		}
		return csvList(v), true
	}
	var users []UserItem
	var directs []Direct
	np := len(policyCols)
	if rd.snap.Users == nil {
		rd.snap.Users = make([]*UserItem, 0, strings.Count(sc.s[sc.i:], "\n")+1)
	}
	err := sc.rows(func(row []csvField, line int) error {
		upn, ucol := sc.csvUPN(row, ucols)
		if upn == "" {
			off := row[0].off
			if len(ucols) > 0 {
				off = row[ucols[0]].off
			}
			return sc.errAt(off, "the row names no user: its %s is empty or not an address", h.names[ucols[0]])
		}
		if len(users) == cap(users) {
			users = make([]UserItem, 0, csvChunk)
		}
		users = users[:len(users)+1]
		u := &users[len(users)-1]
		u.UPN = upn
		u.Has = has
		u.Origin = Origin{File: rd.src.Name, Line: line, Path: h.names[ucol]}
		if display >= 0 {
			u.DisplayName = cell(row, display)
		}
		if dept >= 0 {
			u.Department = cell(row, dept)
		}
		if objectID >= 0 {
			if id := cell(row, objectID); anyID && id != "" || state.IsGUID(id) {
				u.ObjectID = id
			}
		}
		if l, ok := listCol(lic, "Licenses", row, line); ok {
			u.Licenses = l
		}
		if g, ok := listCol(groups, "Groups", row, line); ok {
			u.Groups = g
		}
		if np > 0 {
			if len(directs)+np > cap(directs) {
				directs = make([]Direct, 0, csvChunk*np)
			}
			d := directs[len(directs) : len(directs)+np : len(directs)+np]
			directs = directs[:len(directs)+np]
			for i, c := range policyCols {
				d[i] = Direct{PolicyType: h.names[c], PolicyName: policyName(cell(row, c)),
					Origin: Origin{File: rd.src.Name, Line: line, Path: h.names[c]}}
			}
			u.Direct = d
		}
		rd.snap.Users = append(rd.snap.Users, u)
		return nil
	})
	return err
}

// csvPolicyColumn reports whether a users file's column holds the policy
// of a type assigned directly: its name ends in Policy
// (TeamsMeetingPolicy), or it is one of the policy types
// Get-CsOnlineUser shows under a name without it.
func csvPolicyColumn(n string) bool {
	return len(n) > 6 && strings.EqualFold(n[len(n)-6:], "Policy") ||
		strings.EqualFold(n, "TenantDialPlan") || strings.EqualFold(n, "CallingLineIdentity")
}

// csvTypeText reports whether a cell holds the text Export-Csv writes for
// a value that is not a string: a collection's type name.
func csvTypeText(v string) bool {
	return strings.HasSuffix(v, "[]") && !strings.ContainsAny(v, " ;,@") ||
		strings.HasPrefix(v, "System.Collections.") || strings.HasPrefix(v, "Microsoft.")
}

// csvList splits a cell that lists names: separated by ';' (or new lines).
func csvList(v string) []string {
	if v == "" {
		return []string{}
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readCSVGroupAssignments reads a Get-CsGroupPolicyAssignment |
// Export-Csv file.
func readCSVGroupAssignments(rd *reader, sc *csvScanner) error {
	h := &sc.head
	id := h.col("GroupId")
	name := h.col("GroupName", "GroupDisplayName")
	pt := h.policyType
	pn := h.col("PolicyName")
	if pn < 0 {
		return sc.headerError(-1, "the group policy assignments have no PolicyName column")
	}
	rank := h.col("Rank", "Priority")
	by := h.col("CreatedBy")
	created := h.col("CreatedTime")
	warnedTime := false
	return sc.rows(func(row []csvField, line int) error {
		ga := GroupAssignment{GroupID: cell(row, id), GroupName: cell(row, name), PolicyType: cell(row, pt),
			PolicyName: policyName(cell(row, pn)), CreatedBy: cell(row, by),
			Origin: Origin{File: rd.src.Name, Line: line, Path: h.names[pn]}}
		switch {
		case ga.GroupID == "" && ga.GroupName == "":
			return sc.errAt(row[h.group].off, "the row names no group: its %s is empty", h.names[h.group])
		case ga.PolicyType == "":
			return sc.errAt(row[pt].off, "the row has no PolicyType")
		case ga.PolicyName == "":
			return sc.errAt(row[pn].off, "the row has no PolicyName")
		}
		if rank >= 0 {
			if v := cell(row, rank); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return sc.errAt(row[rank].off, "the %s %q is not a whole number of 1 or more", h.names[rank], v)
				}
				ga.Rank = n
			}
		}
		if v := cell(row, created); v != "" {
			if tm, ok := csvTime(v); ok {
				ga.CreatedTime = tm
			} else if !warnedTime {
				warnedTime = true
				rd.warn("%s:%d: the CreatedTime %q is not a date csemu reads (ISO 8601 or en-US M/d/yyyy h:mm:ss tt): such assignments are created at the time of the import", rd.src.Name, line, v)
			}
		}
		rd.snap.Assignments = append(rd.snap.Assignments, ga)
		return nil
	})
}

// readCSVUserAssignments reads Get-CsUserPolicyAssignment rows with the
// user they are of: a Direct row is a direct assignment, a Group row a
// note (the group's assignment gives that policy).
func readCSVUserAssignments(rd *reader, sc *csvScanner) error {
	h := &sc.head
	ucols := h.userCols()
	pt := h.policyType
	pn := h.col("PolicyName")
	if pn < 0 {
		return sc.headerError(-1, "the user policy assignments have no PolicyName column")
	}
	src := h.col("PolicySource", "AssignmentType")
	if src < 0 {
		rd.warn("%s: no PolicySource column: every row is read as a direct assignment", rd.src.Name)
	}
	has := map[string]bool{}
	byUPN := map[string]*UserItem{}
	warnedSource := false
	return sc.rows(func(row []csvField, line int) error {
		upn, ucol := sc.csvUPN(row, ucols)
		if upn == "" {
			return sc.errAt(row[ucols[0]].off, "the row names no user: its %s is empty or not an address", h.names[ucols[0]])
		}
		typ := cell(row, pt)
		if typ == "" {
			return sc.errAt(row[pt].off, "the row has no PolicyType")
		}
		name := policyName(cell(row, pn))
		at := Origin{File: rd.src.Name, Line: line, Path: h.names[pn]}
		direct := true
		if src >= 0 {
			v := cell(row, src)
			d, g := policySourceKinds(v)
			switch {
			case d:
			case g:
				rd.snap.Notes = append(rd.snap.Notes, Note{Kind: typ, Skipped: true, Origin: at,
					Reason: fmt.Sprintf("%s's %s %q comes from a group policy assignment, not a direct one: import the group assignments to give it", upn, typ, name)})
				direct = false
			case !warnedSource:
				warnedSource = true
				rd.warn("%s:%d: the %s %q says neither Direct nor Group: such rows are read as direct assignments", rd.src.Name, line, h.names[src], v)
			}
		}
		u := byUPN[strings.ToLower(upn)]
		if u == nil {
			u = &UserItem{UPN: upn, Has: has, Origin: Origin{File: rd.src.Name, Line: line, Path: h.names[ucol]}}
			byUPN[strings.ToLower(upn)] = u
			rd.snap.Users = append(rd.snap.Users, u)
		}
		if direct {
			u.Direct = append(u.Direct, Direct{PolicyType: typ, PolicyName: name, Origin: at})
		}
		return nil
	})
}

// policySourceKinds reads a PolicySource cell: the words Direct and Group
// (an AssignmentType, "Direct Group", or the text of the source objects:
// "@{AssignmentType=Direct; ...}").
func policySourceKinds(v string) (direct, group bool) {
	for _, w := range strings.FieldsFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		switch {
		case strings.EqualFold(w, "Direct"):
			direct = true
		case strings.EqualFold(w, "Group"):
			group = true
		}
	}
	return direct, group
}

// readCSVMembers reads a file of group members: GroupId (or GroupName)
// and UserPrincipalName.
func readCSVMembers(rd *reader, sc *csvScanner) error {
	h := &sc.head
	ucols := h.userCols()
	id := h.col("GroupId")
	name := h.col("GroupName", "GroupDisplayName")
	return sc.rows(func(row []csvField, line int) error {
		g := cell(row, id)
		if g == "" {
			g = cell(row, name)
		}
		if g == "" {
			return sc.errAt(row[h.group].off, "the row names no group: its %s is empty", h.names[h.group])
		}
		m := Member{Group: g, GroupName: cell(row, name), Origin: Origin{File: rd.src.Name, Line: line}}
		if cell(row, ucols[0]) == "" && len(ucols) == 1 && id >= 0 && name >= 0 {
			// a group without members: csemu's group-members.csv,
			// which has GroupId and GroupName, keeps every group
			rd.snap.Members = append(rd.snap.Members, m)
			return nil
		}
		upn, ucol := sc.csvUPN(row, ucols)
		if upn == "" {
			return sc.errAt(row[ucols[0]].off, "the row names no user: its %s is empty or not an address", h.names[ucols[0]])
		}
		m.UPN, m.Origin.Path = upn, h.names[ucol]
		rd.snap.Members = append(rd.snap.Members, m)
		return nil
	})
}

// readCSVGrants reads csemu's tenant-grants.csv: the policies granted to
// the whole tenant (Grant-Cs*Policy -Global), a row per policy type with
// Scope Global.
func readCSVGrants(rd *reader, sc *csvScanner) error {
	h := &sc.head
	name, scope := h.col("PolicyName"), h.col("Scope")
	if name < 0 {
		return sc.headerError(h.policyType, "a list of tenant-wide grants needs a PolicyName column")
	}
	return sc.rows(func(row []csvField, line int) error {
		if sv := cell(row, scope); !strings.EqualFold(sv, "Global") && !strings.EqualFold(sv, "Tenant") {
			return sc.errAt(row[scope].off, "the Scope of a tenant-wide grant is Global, not %q", sv)
		}
		pt := cell(row, h.policyType)
		if pt == "" {
			return sc.errAt(row[h.policyType].off, "the row names no policy type")
		}
		rd.snap.Grants = append(rd.snap.Grants, TenantGrant{PolicyType: pt, PolicyName: cell(row, name),
			Origin: Origin{File: rd.src.Name, Line: line, Path: "PolicyName"}})
		return nil
	})
}

// csvTime reads a CreatedTime cell: ISO 8601 (ConvertTo-Json, -UseCulture
// in an ISO culture) or the en-US form Export-Csv writes for a DateTime
// ("4/6/2026 5:19:07 PM"), taken as UTC.
func csvTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "1/2/2006 3:04:05 PM", "1/2/2006 15:04:05", "1/2/2006"} {
		if tm, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return tm.UTC(), true
		}
	}
	return time.Time{}, false
}
