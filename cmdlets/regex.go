package cmdlets

import (
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/dlclark/regexp2"
)

// regexTimeout bounds one regex match, so that a hostile pattern cannot hang
// a run (.NET's RegexMatchTimeoutException).
const regexTimeout = 2 * time.Second

// compileRegex compiles a .NET regular expression, caching it.
func (s *Session) compileRegex(pattern string, ignoreCase bool) (*regexp2.Regexp, error) {
	key := pattern
	if ignoreCase {
		key = "i\x00" + pattern
	} else {
		key = "c\x00" + pattern
	}
	if s.regexCache == nil {
		s.regexCache = map[string]*regexp2.Regexp{}
	}
	if re, ok := s.regexCache[key]; ok {
		return re, nil
	}
	opts := regexp2.None
	if ignoreCase {
		opts |= regexp2.IgnoreCase
	}
	re, err := regexp2.Compile(pattern, opts)
	if err != nil {
		return nil, &value.RuntimeError{Type: "System.ArgumentException", Msg: "Invalid pattern '" + pattern + "': " + err.Error()}
	}
	re.MatchTimeout = regexTimeout
	if len(s.regexCache) > 1000 {
		s.regexCache = map[string]*regexp2.Regexp{}
	}
	s.regexCache[key] = re
	return re, nil
}

// regexMatch matches str and, on success, sets $Matches.
func (s *Session) regexMatch(fr frame, re *regexp2.Regexp, str string, set bool) (bool, error) {
	m, err := re.FindStringMatch(str)
	if err != nil {
		return false, &value.RuntimeError{Type: "System.Text.RegularExpressions.RegexMatchTimeoutException", Msg: err.Error()}
	}
	if m == nil {
		return false, nil
	}
	if set {
		_ = s.setVar(fr.scope, "Matches", matchTable(re, m))
	}
	return true, nil
}

// matchTable builds the $Matches hashtable: groups by number and name,
// highest first, as PowerShell shows them.
func matchTable(re *regexp2.Regexp, m *regexp2.Match) *value.Hashtable {
	h := value.NewHashtable()
	groups := m.Groups()
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if len(g.Captures) == 0 {
			continue
		}
		name := g.Name
		if n, ok := value.ParseNumber(name); ok {
			h.Set(n, g.String())
		} else {
			h.Set(name, g.String())
		}
	}
	return h
}

// regexReplace is -replace with a .NET substitution string.
func (s *Session) regexReplace(input, pattern, repl string, ignoreCase bool) (string, error) {
	re, err := s.compileRegex(pattern, ignoreCase)
	if err != nil {
		return "", err
	}
	out, err := re.Replace(input, repl, -1, -1)
	if err != nil {
		return "", &value.RuntimeError{Type: "System.Text.RegularExpressions.RegexMatchTimeoutException", Msg: err.Error()}
	}
	return out, nil
}

// regexSplit is -split with a regex.
func (s *Session) regexSplit(input, pattern string, max int, ignoreCase bool) ([]string, error) {
	re, err := s.compileRegex(pattern, ignoreCase)
	if err != nil {
		return nil, err
	}
	var out []string
	runes := []rune(input)
	last := 0
	m, err := re.FindStringMatch(input)
	for m != nil && err == nil {
		if max > 0 && len(out) == max-1 {
			break
		}
		if m.Length == 0 && m.Index == last && m.Index != 0 {
			m, err = re.FindNextMatch(m)
			continue
		}
		out = append(out, string(runes[last:m.Index]))
		// captured groups are included, as .NET Regex.Split does
		for _, g := range m.Groups()[1:] {
			if len(g.Captures) > 0 {
				out = append(out, g.String())
			}
		}
		last = m.Index + m.Length
		m, err = re.FindNextMatch(m)
	}
	if err != nil {
		return nil, &value.RuntimeError{Type: "System.Text.RegularExpressions.RegexMatchTimeoutException", Msg: err.Error()}
	}
	out = append(out, string(runes[last:]))
	return out, nil
}

// escapeRegex is [regex]::Escape.
func escapeRegex(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '+', '?', '|', '{', '[', '(', ')', '^', '$', '.', '#', ' ':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\t':
			b.WriteString("\\t")
		case '\n':
			b.WriteString("\\n")
		case '\r':
			b.WriteString("\\r")
		case '\f':
			b.WriteString("\\f")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
