package cmdlets

import (
	"fmt"
	"slices"
	"strconv"
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
	opts := regexp2.None
	if ignoreCase {
		opts |= regexp2.IgnoreCase
	}
	return s.compileRegexOpts(pattern, opts)
}

// compileRegexOpts compiles a .NET regular expression with options,
// caching it.
func (s *Session) compileRegexOpts(pattern string, opts regexp2.RegexOptions) (*regexp2.Regexp, error) {
	key := strconv.Itoa(int(opts)) + "\x00" + pattern
	if s.regexCache == nil {
		s.regexCache = map[string]*regexp2.Regexp{}
	}
	if re, ok := s.regexCache[key]; ok {
		return re, nil
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
	opts := regexp2.None
	if ignoreCase {
		opts |= regexp2.IgnoreCase
	}
	return s.regexSplitOpts(input, pattern, max, opts)
}

// regexSplitOpts is .NET's Regex.Split(input, count) with a count of max (0
// for all); a negative max splits from the right (RegexOptions.RightToLeft),
// as the -split operator does. Captured groups are included in the result.
func (s *Session) regexSplitOpts(input, pattern string, max int, opts regexp2.RegexOptions) ([]string, error) {
	rtl := max < 0
	if rtl {
		max = -max
		opts |= regexp2.RightToLeft
	}
	re, err := s.compileRegexOpts(pattern, opts)
	if err != nil {
		return nil, err
	}
	if max == 1 {
		return []string{input}, nil
	}
	var out []string
	runes := []rune(input)
	count := max - 1 // splits left to make; -1: all
	groups := func(m *regexp2.Match) {
		for _, g := range m.Groups()[1:] {
			if len(g.Captures) > 0 {
				out = append(out, g.String())
			}
		}
	}
	m, err := re.FindStringMatch(input)
	if rtl {
		prev := len(runes)
		for m != nil && err == nil && count != 0 {
			out = append(out, string(runes[m.Index+m.Length:prev]))
			prev = m.Index
			groups(m)
			count--
			m, err = re.FindNextMatch(m)
		}
		if err != nil {
			return nil, &value.RuntimeError{Type: "System.Text.RegularExpressions.RegexMatchTimeoutException", Msg: err.Error()}
		}
		out = append(out, string(runes[:prev]))
		slices.Reverse(out)
		return out, nil
	}
	last := 0
	for m != nil && err == nil && count != 0 {
		if m.Length == 0 && m.Index == last && m.Index != 0 {
			m, err = re.FindNextMatch(m)
			continue
		}
		out = append(out, string(runes[last:m.Index]))
		groups(m)
		last = m.Index + m.Length
		count--
		m, err = re.FindNextMatch(m)
	}
	if err != nil {
		return nil, &value.RuntimeError{Type: "System.Text.RegularExpressions.RegexMatchTimeoutException", Msg: err.Error()}
	}
	out = append(out, string(runes[last:]))
	return out, nil
}

// splitOptions reads the options argument of -split (a SplitOptions value:
// "SimpleMatch, IgnoreCase", a number, ...): whether to match literally,
// and the regex options.
func splitOptions(v any, ignoreCase bool) (simple bool, opts regexp2.RegexOptions, err error) {
	names := []string{"SimpleMatch", "RegexMatch", "CultureInvariant", "IgnorePatternWhitespace", "Multiline", "Singleline", "IgnoreCase", "ExplicitCapture"}
	var flags int
	if n, ok := v.(int); ok {
		flags = n
	} else {
		for _, part := range strings.Split(value.ToString(v), ",") {
			part = strings.TrimSpace(part)
			found := false
			for i, name := range names {
				if strings.EqualFold(part, name) {
					flags |= 1 << i
					found = true
				}
			}
			if !found {
				return false, 0, &value.RuntimeError{Type: "System.Management.Automation.PSInvalidCastException",
					Msg: fmt.Sprintf("Cannot convert value \"%s\" to type \"System.Management.Automation.SplitOptions\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"", value.ToString(v), part, strings.Join(names, ", "))}
			}
		}
	}
	simple = flags&1 != 0
	if simple && flags&^(1|64) != 0 {
		return false, 0, &value.RuntimeError{Type: "System.Management.Automation.ParseException", Msg: "The combination of options with the -split operator is not valid.", ID: "InvalidSplitOptionCombination"}
	}
	if ignoreCase || flags&64 != 0 {
		opts |= regexp2.IgnoreCase
	}
	for bit, o := range map[int]regexp2.RegexOptions{8: regexp2.IgnorePatternWhitespace, 16: regexp2.Multiline, 32: regexp2.Singleline, 128: regexp2.ExplicitCapture} {
		if flags&bit != 0 {
			opts |= o
		}
	}
	return simple, opts, nil
}

// splitPredicate is -split with a script block: each character (as a
// string, with the item and position as $args) that the block finds true
// separates; a negative max counts the parts from the right.
func (s *Session) splitPredicate(fr frame, item string, blk *ScriptBlock, max int) ([]string, error) {
	runes := []rune(item)
	if max == 1 || max == -1 {
		return []string{item}, nil
	}
	isSep := func(i int) (bool, error) {
		v, err := s.invokeScriptBlockValue(fr, blk, string(runes[i]), []any{item, i}, false)
		if err != nil {
			return false, err
		}
		return value.ToBool(v), nil
	}
	var out []string
	if max >= 0 {
		start := 0
		i := 0
		for ; i < len(runes); i++ {
			sep, err := isSep(i)
			if err != nil {
				return nil, err
			}
			if !sep {
				continue
			}
			out = append(out, string(runes[start:i]))
			start = i + 1
			if max == len(out)+1 {
				i++
				break
			}
		}
		return append(out, string(runes[start:])), nil
	}
	end := len(runes)
	i := len(runes) - 1
	for ; i >= 0; i-- {
		sep, err := isSep(i)
		if err != nil {
			return nil, err
		}
		if !sep {
			continue
		}
		out = append(out, string(runes[i+1:end]))
		end = i
		if -max == len(out)+1 {
			break
		}
	}
	out = append(out, string(runes[:end]))
	slices.Reverse(out)
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
