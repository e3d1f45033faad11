package cmdlets

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/csemu/csemu/parser"
)

// Comment-based help (about_Comment_Based_Help), found and read as pwsh's
// HelpCommentsParser does: a block of comments (one <# #> comment, or
// single-line comments on consecutive lines) whose lines are only help
// keywords (.SYNOPSIS, .PARAMETER Name, ...) and their text.
//
// A function's help is the block that ends at most one blank line before
// the function keyword; else the first block at the start of its body;
// else the last block before the body's closing brace. A script's help is
// the first help block at its start (unless the script starts with a
// function at most one blank line after it: then it is the function's),
// else the last block of the file. A parameter's description may also be
// a comment just before it, or inside its declaration, in the param block.

// helpTok is a token of a source as the help reader sees it: a comment,
// or a piece of code (a word, a string, a bracket or a separator).
type helpTok struct {
	comment   bool
	text      string
	line, end int // first and last line
	off       int // offset in the source
}

// scanHelpTokens splits src into comments and code, as far as help needs:
// strings (including here-strings) are kept whole, so that a '#' or a
// brace in one is not taken for a comment or a bracket.
func scanHelpTokens(src string) []helpTok {
	var toks []helpTok
	line := 1
	i := 0
	n := len(src)
	prevSpace := true
	countLines := func(s string) int { return strings.Count(s, "\n") }
	for i < n {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
			prevSpace = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			prevSpace = true
			continue
		case c == '`' && i+1 < n && (src[i+1] == '\n' || src[i+1] == '\r'):
			// a line continuation
			i++
			continue
		case c == '<' && i+1 < n && src[i+1] == '#':
			j := strings.Index(src[i+2:], "#>")
			end := n
			if j >= 0 {
				end = i + 2 + j + 2
			}
			text := src[i:end]
			toks = append(toks, helpTok{comment: true, text: text, line: line, end: line + countLines(text), off: i})
			line += countLines(text)
			i = end
			prevSpace = true
			continue
		case c == '#' && prevSpace:
			j := strings.IndexByte(src[i:], '\n')
			end := n
			if j >= 0 {
				end = i + j
			}
			text := strings.TrimRight(src[i:end], "\r")
			toks = append(toks, helpTok{comment: true, text: text, line: line, end: line, off: i})
			i = end
			continue
		case c == '@' && i+1 < n && (src[i+1] == '\'' || src[i+1] == '"') && hereStringStart(src[i+2:]):
			q := src[i+1]
			term := "\n" + string(q) + "@"
			end := n
			// the terminator is at the start of a line (after white space)
			for k := i + 2; k < n; k++ {
				if src[k] != '\n' {
					continue
				}
				rest := strings.TrimLeft(src[k+1:], " \t")
				if strings.HasPrefix(rest, term[1:]) {
					end = n - len(rest) + 2
					break
				}
			}
			text := src[i:end]
			toks = append(toks, helpTok{text: text, line: line, end: line + countLines(text), off: i})
			line += countLines(text)
			i = end
			prevSpace = false
			continue
		case c == '\'' || c == '"':
			end := scanQuoted(src, i)
			text := src[i:end]
			toks = append(toks, helpTok{text: text, line: line, end: line + countLines(text), off: i})
			line += countLines(text)
			i = end
			prevSpace = false
			continue
		case strings.IndexByte("{}();,", c) >= 0:
			toks = append(toks, helpTok{text: string(c), line: line, end: line, off: i})
			i++
			prevSpace = true
			continue
		}
		// a word: up to white space, a bracket, a separator or a quote
		start := i
		for i < n {
			c := src[i]
			if c == '`' && i+1 < n && src[i+1] != '\n' && src[i+1] != '\r' {
				i += 2
				continue
			}
			if c == ' ' || c == '\t' || c == '\r' || c == '\n' || strings.IndexByte("{}();,'\"", c) >= 0 ||
				c == '<' && i+1 < n && src[i+1] == '#' {
				break
			}
			i++
		}
		if i == start {
			i++
		}
		toks = append(toks, helpTok{text: src[start:i], line: line, end: line, off: start})
		prevSpace = false
	}
	return toks
}

// hereStringStart reports whether what follows @' or @" ends its line,
// as the opening of a here-string does.
func hereStringStart(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	return rest == "" || rest[0] == '\n' || rest[0] == '\r'
}

// scanQuoted returns the end of the quoted string starting at i.
func scanQuoted(src string, i int) int {
	q := src[i]
	j := i + 1
	for j < len(src) {
		c := src[j]
		switch {
		case c == '`' && q == '"':
			j += 2
			continue
		case c == q:
			if j+1 < len(src) && src[j+1] == q {
				j += 2
				continue
			}
			return j + 1
		}
		j++
	}
	return len(src)
}

// commentBlockAt is HelpCommentsParser.GetCommentBlock: the comments
// from *start on, each on the line of the one before or the next, up to
// the first code; *start moves past them.
func commentBlockAt(toks []helpTok, start *int) []helpTok {
	var out []helpTok
	nextMax := int(^uint(0) >> 1)
	i := *start
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.line > nextMax {
			break
		}
		if !t.comment {
			break
		}
		out = append(out, t)
		nextMax = t.end + 1
	}
	*start = i
	return out
}

// commentBlockBefore is HelpCommentsParser.GetPrecedingCommentBlock: the
// comments that end within proximity lines before toks[idx], each on the
// line of the one after it or the line before.
func commentBlockBefore(toks []helpTok, idx, proximity int) []helpTok {
	if idx > len(toks) || idx < 0 {
		return nil
	}
	line := 0
	if idx < len(toks) {
		line = toks[idx].line
	} else if len(toks) > 0 {
		line = toks[len(toks)-1].end + 1
	}
	minEnd := line - proximity
	var out []helpTok
	for i := idx - 1; i >= 0; i-- {
		t := toks[i]
		if t.end < minEnd || !t.comment {
			break
		}
		out = append(out, t)
		minEnd = t.line - 1
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// commentLines is HelpCommentsParser.CollectCommentText: the lines of
// comments without their <# #> or leading '#' characters.
func commentLines(block []helpTok) []string {
	var lines []string
	for _, t := range block {
		text := t.text
		if strings.HasPrefix(text, "<#") {
			body := strings.TrimSuffix(text[2:], "#>")
			body = strings.ReplaceAll(body, "\r\n", "\n")
			body = strings.ReplaceAll(body, "\r", "\n")
			lines = append(lines, strings.Split(body, "\n")...)
			continue
		}
		lines = append(lines, strings.TrimLeft(text, "#"))
	}
	return lines
}

// helpDirective matches a help keyword line: white space, '.', a word,
// and optionally white space and an argument (the regular expression
// ^\s*\.(\w+)(\s+(\S.*))?\s*$ of HelpCommentsParser).
func helpDirective(line string) (key, arg string, ok bool) {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	i := 0
	for i < len(line) && isSpace(line[i]) {
		i++
	}
	if i >= len(line) || line[i] != '.' {
		return "", "", false
	}
	i++
	start := i
	for i < len(line) && isWord(line[i]) {
		i++
	}
	if i == start {
		return "", "", false
	}
	key = line[start:i]
	rest := line[i:]
	if rest != "" && !isSpace(rest[0]) {
		return "", "", false
	}
	return key, strings.TrimSpace(rest), true
}

// helpBlankLine reports whether a line is only white space.
func helpBlankLine(line string) bool { return strings.TrimSpace(line) == "" }

// helpSection is HelpCommentsParser.GetSection: the lines after a
// keyword up to the next one, without the white space the first of them
// starts with.
func helpSection(lines []string, i *int) string {
	capturing := false
	lead := 0
	var b strings.Builder
	for *i++; *i < len(lines); *i++ {
		line := lines[*i]
		if !capturing && helpBlankLine(line) {
			continue
		}
		if _, _, ok := helpDirective(line); ok {
			*i--
			break
		}
		if !capturing {
			for _, r := range line {
				if r != ' ' && r != '\t' && r != '\u00a0' {
					break
				}
				lead++
			}
		}
		capturing = true
		start := 0
		for k, r := range line {
			if start >= lead || r != ' ' && r != '\t' && r != '\u00a0' {
				break
			}
			start = k + len(string(r))
		}
		b.WriteString(line[start:])
		b.WriteByte('\n')
	}
	return b.String()
}

// commentHelp is what a help block says.
type commentHelp struct {
	synopsis, description, notes    string
	hasSynopsis                     bool
	component, role, functionality  string
	params                          map[string]string // by upper-case name
	examples, inputs, outputs, link []string
	forwardName, forwardCategory    string
	externalHelp                    string
}

// parseCommentHelp is HelpCommentsParser.AnalyzeCommentBlock: the help of
// a block, or false when a line is neither a help keyword, its text, nor
// blank (then the block is no help).
func parseCommentHelp(lines []string) (*commentHelp, bool) {
	h := &commentHelp{params: map[string]string{}}
	found := false
	for i := 0; i < len(lines); i++ {
		key, arg, ok := helpDirective(lines[i])
		if !ok {
			if !helpBlankLine(lines[i]) {
				return nil, false
			}
			continue
		}
		found = true
		key = strings.ToUpper(key)
		if arg != "" {
			switch key {
			case "PARAMETER":
				name := strings.ToUpper(arg)
				section := helpSection(lines, &i)
				if _, ok := h.params[name]; !ok {
					h.params[name] = section
				}
			case "FORWARDHELPTARGETNAME":
				h.forwardName = arg
			case "FORWARDHELPCATEGORY":
				h.forwardCategory = arg
			case "REMOTEHELPRUNSPACE":
			case "EXTERNALHELP":
				h.externalHelp = arg
			default:
				return nil, false
			}
			continue
		}
		switch key {
		case "SYNOPSIS":
			h.synopsis, h.hasSynopsis = helpSection(lines, &i), true
		case "DESCRIPTION":
			h.description = helpSection(lines, &i)
		case "NOTES":
			h.notes = helpSection(lines, &i)
		case "LINK":
			h.link = append(h.link, strings.TrimSpace(helpSection(lines, &i)))
		case "EXAMPLE":
			h.examples = append(h.examples, helpSection(lines, &i))
		case "INPUTS":
			h.inputs = append(h.inputs, helpSection(lines, &i))
		case "OUTPUTS":
			h.outputs = append(h.outputs, helpSection(lines, &i))
		case "COMPONENT":
			h.component = strings.TrimSpace(helpSection(lines, &i))
		case "ROLE":
			h.role = strings.TrimSpace(helpSection(lines, &i))
		case "FUNCTIONALITY":
			h.functionality = strings.TrimSpace(helpSection(lines, &i))
		default:
			return nil, false
		}
	}
	return h, found
}

// helpOfBlock is the help of a comment block, or nil.
func helpOfBlock(block []helpTok) *commentHelp {
	if len(block) == 0 {
		return nil
	}
	h, ok := parseCommentHelp(commentLines(block))
	if !ok {
		return nil
	}
	return h
}

// firstTokenAt is the index of the first token at or after offset off.
func firstTokenAt(toks []helpTok, off int) int {
	for i, t := range toks {
		if t.off >= off {
			return i
		}
	}
	return len(toks)
}

// matchingClose is the index of the bracket that closes toks[open].
func matchingClose(toks []helpTok, open int) int {
	want := map[string]string{"{": "}", "(": ")"}[toks[open].text]
	depth := 0
	for i := open; i < len(toks); i++ {
		if toks[i].comment {
			continue
		}
		switch toks[i].text {
		case toks[open].text:
			depth++
		case want:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks) - 1
}

// functionHelpBlock finds the help of the function defined at offset off
// of src, with the tokens of src.
func functionHelpBlock(toks []helpTok, off int) *commentHelp {
	fi := firstTokenAt(toks, off)
	if fi >= len(toks) {
		return nil
	}
	if h := helpOfBlock(commentBlockBefore(toks, fi, 2)); h != nil {
		return h
	}
	// the body: after the name and any (parameters)
	open := -1
	for i := fi + 1; i < len(toks); i++ {
		t := toks[i]
		if t.comment {
			continue
		}
		if t.text == "(" {
			i = matchingClose(toks, i)
			continue
		}
		if t.text == "{" {
			open = i
			break
		}
	}
	if open < 0 {
		return nil
	}
	return blockHelp(toks, open+1, matchingClose(toks, open), nil)
}

// blockHelp looks for help at the start of the tokens from start on, and
// then before toks[last]; firstFunc, when set, says whether a help block
// at the start belongs to the function that follows it instead (a
// script's).
func blockHelp(toks []helpTok, start, last int, firstFunc func(block []helpTok) (belongs bool)) *commentHelp {
	i := start
	for {
		block := commentBlockAt(toks, &i)
		if len(block) == 0 {
			break
		}
		h := helpOfBlock(block)
		if h == nil {
			continue
		}
		if firstFunc != nil && firstFunc(block) {
			break
		}
		return h
	}
	line := 1
	if last >= 0 && last < len(toks) {
		line = toks[last].line
	} else if len(toks) > 0 {
		line = toks[len(toks)-1].end + 1
	}
	return helpOfBlock(commentBlockBefore(toks, last, line))
}

// scriptHelpBlock finds the help of a script: its text and its parse.
func scriptHelpBlock(src string, script *parser.Script) *commentHelp {
	toks := scanHelpTokens(src)
	firstFunc := func(block []helpTok) bool {
		if script == nil || script.Body == nil || len(script.Body.Named) > 0 || script.Body.Stmts == nil || len(script.Body.Stmts.Stmts) == 0 {
			return false
		}
		fd, ok := script.Body.Stmts.Stmts[0].(*parser.FunctionDefinition)
		if !ok {
			return false
		}
		return fd.Pos.Line-block[len(block)-1].end <= 2
	}
	return blockHelp(toks, 0, len(toks), firstFunc)
}

// paramComments are the descriptions of parameters in their declaration
// (HelpCommentsParser.GetParameterComments): the comment block just
// before each, and the comments inside it. params are those of the param
// block at their offsets in the tokens' source.
func paramComments(toks []helpTok, params []*parser.Parameter) []string {
	out := make([]string, len(params))
	for k, p := range params {
		first := firstTokenAt(toks, p.Pos.Offset)
		var lines []string
		lines = append(lines, commentLines(commentBlockBefore(toks, first, 2))...)
		// the declaration runs to the ',' or ')' that ends it
		depth := 0
		last := first
	scan:
		for i := first; i < len(toks); i++ {
			t := toks[i]
			if t.comment {
				continue
			}
			switch t.text {
			case "(", "{":
				depth++
			case ")", "}":
				if depth == 0 {
					break scan
				}
				depth--
			case ",":
				if depth == 0 {
					break scan
				}
			}
			last = i
		}
		for i := first; i < last; i++ {
			if toks[i].comment {
				lines = append(lines, commentLines(toks[i:i+1])...)
			}
		}
		after := last + 1
		lines = append(lines, commentLines(commentBlockAt(toks, &after))...)
		n := -1
		out[k] = helpSection(lines, &n)
	}
	return out
}

// exampleParts is HelpCommentsParser.GetExampleSections: an example's
// prompt (up to the first '>', else "PS > "), its code (to the first
// blank line) and the remarks after it.
func exampleParts(content string) (prompt, code, remarks string) {
	prompt = "PS > "
	if i := strings.IndexByte(content, '>'); i >= 0 && !strings.Contains(content[:i], "\n") {
		prompt = content[:i+1]
		content = content[i+1:]
	}
	if m := regexp.MustCompile(`(?s)^(.*?)\r?\n\r?\n(.*)$`).FindStringSubmatch(content); m != nil {
		return prompt, strings.TrimSpace(m[1]), m[2]
	}
	return prompt, strings.TrimSpace(content), ""
}

// isAbsoluteURI is Uri.IsWellFormedUriString(s, UriKind.Absolute), as far
// as help links go: a scheme and no spaces.
func isAbsoluteURI(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "")
}
