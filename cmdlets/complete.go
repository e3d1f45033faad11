package cmdlets

import (
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// interactive is what an interactive host sets on a session: how errors
// are shown.
type interactive struct {
	errorView func(w io.Writer, rec *ErrorRecord)
	exited    bool // a run ended with exit
}

// TakeExit reports whether a run has ended with the exit statement since
// the last call; an interactive prompt then ends.
func (s *Session) TakeExit() bool {
	e := s.exited
	s.exited = false
	return e
}

// WithErrorView sets how the session shows an error record on the error
// stream (the one-line form of [ErrorRecord.Error] by default). An
// interactive prompt shows the offending line under the message.
func WithErrorView(f func(w io.Writer, rec *ErrorRecord)) Option {
	return func(s *Session) { s.errorView = f }
}

// maxCompletions bounds the items one completion returns (a directory can
// hold many thousand users).
const maxCompletions = 100

// Complete returns what can replace the word that ends at cursor (a byte
// offset in line): the offset where that word starts and the
// replacements, in the order to offer them. It completes command names
// (any case, aliases and functions too), parameter names, the documented
// values of a parameter, what a parameter's Complete hook offers (policy
// identities, users of a tenant), variables and file paths.
func (s *Session) Complete(line string, cursor int) (start int, items []string) {
	if cursor < 0 || cursor > len(line) {
		cursor = len(line)
	}
	words, cur, comment := scanWords(line[:cursor])
	if comment {
		return cursor, nil
	}
	if i := strings.LastIndexByte(cur.text, '$'); i >= 0 && (cur.quote == 0 && i == 0 || cur.quote == '"') && isVariableStart(cur.text[i:]) {
		return cur.start + i, s.completeVariable(cur.text[i:])
	}
	if cur.quote == 0 && len(cur.text) > 1 && cur.text[0] == '@' && isVariableStart(cur.text) {
		return cur.start, s.completeVariable(cur.text)
	}
	if len(words) > 0 && (words[0].text == "&" || words[0].text == ".") {
		words = words[1:]
	}
	if len(words) == 0 {
		if cur.quote == 0 && !looksLikePath(cur.text) {
			if items := s.completeCommand(cur.text); len(items) > 0 {
				return cur.start, items
			}
		}
		return cur.start, s.completePath(cur)
	}
	cmd := s.completionCommand(words[0].text)
	if cmd == nil {
		return cur.start, s.completePath(cur)
	}
	if cur.quote == 0 && isParamWord(cur.text) && !strings.Contains(cur.text, ":") {
		return cur.start, paramNames(cmd, cur.text[1:])
	}
	// -Name:value
	valueWord := cur
	var param *ParamDef
	if cur.quote == 0 && isParamWord(cur.text) {
		name, rest, _ := strings.Cut(cur.text[1:], ":")
		param = cmd.lookup(name)
		valueWord = word{start: cur.start + len(cur.text) - len(rest), text: rest}
		if rest != "" && (rest[0] == '\'' || rest[0] == '"') {
			valueWord.quote = rest[0]
		}
	} else {
		param = cmd.argumentParam(words[1:])
	}
	// a list: complete the item after the last comma
	if valueWord.quote == 0 {
		if i := strings.LastIndexByte(valueWord.text, ','); i >= 0 {
			valueWord = word{start: valueWord.start + i + 1, text: valueWord.text[i+1:]}
			if valueWord.text != "" && (valueWord.text[0] == '\'' || valueWord.text[0] == '"') {
				valueWord.quote = valueWord.text[0]
			}
		}
	}
	if param != nil {
		if vals := parameterValues(cmd, param, words[1:], unquoted(valueWord)); vals != nil {
			return valueWord.start, matchValues(vals, valueWord)
		}
	}
	return valueWord.start, s.completePath(valueWord)
}

// word is a word of the line being completed, as typed.
type word struct {
	start int
	text  string
	quote byte // the opening quote when the word is a quoted string
}

// scanWords splits the command that the end of src is in into its words
// (the earlier ones) and the word being typed, which may be empty. A
// pipe, semicolon, new line, assignment or opening bracket starts a new
// command; strings, comments and nested brackets are skipped.
func scanWords(src string) (words []word, cur word, comment bool) {
	type frame struct {
		words     []word
		wordStart int // the enclosing word's start, restored at the close
	}
	stack := []*frame{{wordStart: -1}}
	top := stack[0]
	wordStart := -1
	var quote byte
	here := false
	flush := func(end int) {
		if wordStart < 0 {
			return
		}
		w := src[wordStart:end]
		if isAssignOp(w) {
			top.words = nil
		} else {
			top.words = append(top.words, word{start: wordStart, text: w, quote: quoteOf(w)})
		}
		wordStart = -1
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if quote != 0 {
			switch {
			case here:
				if c == '\n' && strings.HasPrefix(src[i+1:], string(quote)+"@") {
					quote, here = 0, false
					i += 2
				}
			case quote == '\'' && c == '\'':
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
				} else {
					quote = 0
				}
			case quote == '"' && c == '`':
				i++
			case quote == '"' && c == '"':
				quote = 0
			}
			continue
		}
		switch c {
		case ' ', '\t', '\r':
			flush(i)
		case '\n', ';', '|':
			flush(i)
			top.words = nil
		case '&':
			if i+1 < len(src) && src[i+1] == '&' {
				flush(i)
				top.words = nil
				i++
			} else if wordStart < 0 {
				top.words = append(top.words, word{start: i, text: "&"})
			}
		case '`':
			if i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r') {
				flush(i)
			} else if wordStart < 0 {
				wordStart = i
			}
			i++
		case '#':
			if wordStart >= 0 {
				continue
			}
			if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
				i += j - 1
			} else {
				return nil, word{start: len(src)}, true
			}
		case '<':
			if wordStart < 0 && i+1 < len(src) && src[i+1] == '#' {
				if j := strings.Index(src[i:], "#>"); j >= 0 {
					i += j + 1
				} else {
					return nil, word{start: len(src)}, true
				}
				continue
			}
			if wordStart < 0 {
				wordStart = i
			}
		case '(', '{':
			if wordStart < 0 {
				wordStart = i
			}
			f := &frame{wordStart: wordStart}
			stack = append(stack, f)
			top = f
			wordStart = -1
		case ')', '}':
			flush(i)
			if len(stack) > 1 {
				wordStart = top.wordStart
				stack = stack[:len(stack)-1]
				top = stack[len(stack)-1]
			}
		case '\'', '"':
			if wordStart < 0 {
				wordStart = i
			}
			quote = c
			if i > 0 && src[i-1] == '@' && i-1 == wordStart {
				if j := strings.IndexAny(src[i+1:], "\n"); j >= 0 && strings.TrimSpace(src[i+1:i+1+j]) == "" {
					here = true
				}
			}
		default:
			if wordStart < 0 {
				wordStart = i
			}
		}
	}
	cur = word{start: len(src)}
	if wordStart >= 0 {
		cur = word{start: wordStart, text: src[wordStart:], quote: quoteOf(src[wordStart:])}
	}
	return top.words, cur, false
}

func quoteOf(w string) byte {
	if w != "" && (w[0] == '\'' || w[0] == '"') {
		return w[0]
	}
	return 0
}

func isAssignOp(w string) bool {
	switch w {
	case "=", "+=", "-=", "*=", "/=", "%=", "??=":
		return true
	}
	return false
}

// isParamWord reports whether w is typed as a parameter name ("-", "-Id").
func isParamWord(w string) bool {
	if len(w) == 0 || w[0] != '-' {
		return false
	}
	if len(w) == 1 {
		return true
	}
	c := w[1]
	return c == '_' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isVariableStart(w string) bool {
	if len(w) < 1 || (w[0] != '$' && w[0] != '@') {
		return false
	}
	for _, r := range w[1:] {
		if !(r == '_' || r == ':' || r == '?' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127) {
			return false
		}
	}
	return true
}

func looksLikePath(w string) bool {
	return strings.HasPrefix(w, ".") || strings.HasPrefix(w, "~") || strings.HasPrefix(w, "/") ||
		strings.ContainsRune(w, '/') || w != "" && (w[0] == '\'' || w[0] == '"')
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// matchName reports whether name completes typed: a prefix, or a wildcard
// pattern when typed has one.
func matchName(name, typed string) bool {
	if value.HasWildcard(typed) {
		return value.Like(name, typed+"*", false)
	}
	return hasPrefixFold(name, typed)
}

// completeCommand completes a command name: cmdlets (module-qualified
// when typed so), functions and aliases.
func (s *Session) completeCommand(typed string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		if matchName(name, typed) && !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			out = append(out, name)
		}
	}
	qualified := strings.ContainsRune(typed, '\\')
	for _, c := range s.commands {
		if c.NotImplemented {
			continue
		}
		if qualified {
			add(c.Module + `\` + c.Name)
		} else {
			add(c.Name)
		}
	}
	if !qualified {
		for sc := s.global; sc != nil; sc = sc.parent {
			for _, f := range sc.funcs {
				add(f.Name)
			}
		}
		for a, to := range s.aliases {
			if c, ok := s.commands[strings.ToLower(to)]; ok && !c.NotImplemented {
				add(a)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// target is the command whose arguments are being completed.
type target struct {
	cmd    *Cmdlet     // nil for a function
	name   string      // as defined
	params []*ParamDef // common parameters included
	own    []*ParamDef // the command's own parameters
}

// completionCommand returns the command that name runs, or nil.
func (s *Session) completionCommand(name string) *target {
	name = strings.Trim(name, `'"`)
	if f, ok := s.lookupFunc(s.global, name); ok {
		sig, err := s.signature(f.Body, f.Params, f.File)
		if err != nil {
			return nil
		}
		defs := sig.defs
		all := defs
		if sig.advanced {
			all = append(slices.Clone(defs), commonParamDefs...)
		}
		return &target{name: f.Name, params: all, own: defs}
	}
	c, ok := s.Command(name)
	if !ok || c.NotImplemented {
		return nil
	}
	all := slices.Clone(c.Params)
	if c.ShouldProcess && c.param("WhatIf") == nil {
		all = append(all, shouldProcessDefs...)
	}
	for _, p := range commonParamDefs {
		if c.param(p.Name) == nil {
			all = append(all, p)
		}
	}
	return &target{cmd: c, name: c.Name, params: all, own: c.Params}
}

// lookup finds a parameter by name, alias or unique prefix.
func (c *target) lookup(name string) *ParamDef {
	var found *ParamDef
	for _, p := range c.params {
		if strings.EqualFold(p.Name, name) {
			return p
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p
			}
		}
		if hasPrefixFold(p.Name, name) {
			if found != nil {
				return nil // ambiguous
			}
			found = p
		}
	}
	return found
}

// argumentParam returns the parameter that the next argument after args
// binds to: the value of a named parameter, or the next positional one.
func (c *target) argumentParam(args []word) *ParamDef {
	npos := 0
	var named map[*ParamDef]bool
	for i := 0; i < len(args); i++ {
		w := args[i].text
		if args[i].quote == 0 && isParamWord(w) && len(w) > 1 {
			name, _, colon := strings.Cut(w[1:], ":")
			p := c.lookup(name)
			if p == nil {
				continue
			}
			if named == nil {
				named = map[*ParamDef]bool{}
			}
			named[p] = true
			if !p.IsSwitch() && !colon {
				if i == len(args)-1 {
					return p
				}
				i++
			}
			continue
		}
		npos++
	}
	var positional []*ParamDef
	for _, p := range c.own {
		if p.Position >= 0 && !named[p] {
			positional = append(positional, p)
		}
	}
	sort.SliceStable(positional, func(i, j int) bool { return positional[i].Position < positional[j].Position })
	if npos < len(positional) {
		return positional[npos]
	}
	if len(positional) > 0 && positional[len(positional)-1].Remaining {
		return positional[len(positional)-1]
	}
	return nil
}

// paramNames completes a parameter name of cmd.
func paramNames(cmd *target, typed string) []string {
	var out []string
	for _, p := range cmd.params {
		if hasPrefixFold(p.Name, typed) {
			out = append(out, "-"+p.Name)
		}
	}
	return out
}

// parameterValues returns the values to offer for param of cmd, or nil
// when it takes something else (a path, a number). typed is the value
// typed so far.
func parameterValues(cmd *target, param *ParamDef, args []word, typed string) []string {
	if len(param.Values)+len(param.Documented)+len(param.Accepted) > 0 {
		var out []string
		seen := map[string]bool{}
		for _, list := range [][]string{param.Values, param.Documented, param.Accepted} {
			for _, v := range list {
				if v != "" && !seen[strings.ToLower(v)] {
					seen[strings.ToLower(v)] = true
					out = append(out, v)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	switch strings.ToLower(param.Type) {
	case "bool", "boolean", "system.boolean":
		return []string{"$true", "$false"}
	case "actionpreference":
		return []string{"Continue", "Ignore", "Inquire", "SilentlyContinue", "Stop", "Suspend"}
	}
	if param.Complete == nil {
		return nil
	}
	out := param.Complete(CompletionRequest{Typed: typed, Arg: func(name string) string { return argValue(cmd, args, name) }})
	if out == nil {
		out = []string{} // not nil: no path for a parameter whose values the hook knows
	}
	return out
}

// argValue returns the value given to parameter name among args, or "".
func argValue(cmd *target, args []word, name string) string {
	for i := 0; i < len(args); i++ {
		w := args[i].text
		if args[i].quote != 0 || !isParamWord(w) || len(w) < 2 {
			continue
		}
		n, v, colon := strings.Cut(w[1:], ":")
		if p := cmd.lookup(n); p != nil && strings.EqualFold(p.Name, name) {
			if colon {
				return strings.Trim(v, `'"`)
			}
			if i+1 < len(args) {
				return strings.Trim(args[i+1].text, `'"`)
			}
		}
	}
	return ""
}

// unquoted returns the text of w without its quotes.
func unquoted(w word) string {
	if w.quote == 0 {
		return w.text
	}
	return strings.TrimSuffix(w.text[1:], string(w.quote))
}

// matchValues returns the values of vals that complete the typed word,
// quoted when they must be. It filters vals in place.
func matchValues(vals []string, w word) []string {
	typed := unquoted(w)
	wild := value.HasWildcard(typed)
	out := vals[:0]
	for _, v := range vals {
		if hasPrefixFold(v, typed) || wild && value.Like(v, typed+"*", false) {
			out = append(out, quoteValue(v, w.quote))
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// QuoteArgument quotes v for the command line when it must be, in single
// quotes, as completion and help show values.
func QuoteArgument(v string) string { return quoteValue(v, 0) }

// quoteValue quotes v for the command line: in the quote the user opened,
// else in single quotes when it holds a character PowerShell would read
// otherwise.
func quoteValue(v string, quote byte) string {
	switch {
	case quote == '"':
		return `"` + strings.NewReplacer("`", "``", `"`, "`\"", "$", "`$").Replace(v) + `"`
	case quote == '\'' || needsQuotes(v):
		if strings.HasPrefix(v, "$") && quote == 0 {
			return v // $true, $false
		}
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return v
}

// needsQuotes reports whether v must be quoted to stay one argument.
func needsQuotes(v string) bool {
	return strings.ContainsAny(v, " \t;|&(){},'\"`$<>") || v != "" && strings.ContainsRune("@#-[", rune(v[0]))
}

// completeVariable completes $name (or @name for splatting) from the
// variables visible at the prompt; $env:NAME from the environment.
func (s *Session) completeVariable(typed string) []string {
	sigil, name := typed[:1], typed[1:]
	var out []string
	if scope, rest, ok := strings.Cut(name, ":"); ok {
		if strings.EqualFold(scope, "env") {
			for _, kv := range s.host.environ() {
				k, _, _ := strings.Cut(kv, "=")
				if hasPrefixFold(k, rest) {
					out = append(out, sigil+scope+":"+k)
				}
			}
			sort.Strings(out)
			return out
		}
		for _, v := range listVars(s.global) {
			if hasPrefixFold(v.Name, rest) {
				out = append(out, sigil+scope+":"+v.Name)
			}
		}
		return out
	}
	for _, v := range listVars(s.global) {
		if hasPrefixFold(v.Name, name) {
			out = append(out, sigil+v.Name)
		}
	}
	return out
}

// completePath completes a file or directory name; a directory ends with
// a slash.
func (s *Session) completePath(w word) []string {
	typed := unquoted(w)
	dir, base := "", typed
	if i := strings.LastIndexAny(typed, `/\`); i >= 0 {
		dir, base = typed[:i+1], typed[i+1:]
	}
	listDir := dir
	if listDir == "" {
		listDir = "."
	} else if strings.HasPrefix(listDir, "~") {
		if home, err := s.host.home(); err == nil {
			listDir = home + listDir[1:]
		}
	}
	entries, err := s.host.files.ReadDir(filepath.FromSlash(listDir))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !hasPrefixFold(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		full := dir + name
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if st, err := s.host.files.Stat(filepath.Join(listDir, name)); err == nil {
				isDir = st.IsDir()
			}
		}
		if isDir {
			full += "/"
		}
		if w.quote != 0 || needsQuotes(full) {
			q := w.quote
			if q == 0 {
				q = '\''
			}
			full = quoteValue(full, q)
		}
		out = append(out, full)
		if len(out) >= maxCompletions {
			break
		}
	}
	return out
}
