package cmdlets

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// hostMode is what the session's host lets a script ask the user.
type hostMode uint8

const (
	// hostNoConsole: no console (the default). A missing mandatory
	// parameter is an error; Read-Host reads the session's input.
	hostNoConsole hostMode = iota
	// hostConsole: a console. Missing mandatory parameters are prompted
	// for, reading the session's input.
	hostConsole
	// hostNonInteractive: pwsh -NonInteractive. Read-Host, Get-Credential
	// and the prompts fail.
	hostNonInteractive
)

// WithConsole makes the session's host a console: a command run without
// a mandatory parameter asks for it on the session's input, as pwsh does
// on a terminal.
func WithConsole() Option {
	return func(s *Session) {
		if s.host.mode != hostNonInteractive {
			s.host.mode = hostConsole
		}
	}
}

// WithNonInteractive is pwsh's -NonInteractive: Read-Host, Get-Credential
// and the prompt for missing mandatory parameters fail instead of reading
// the input.
func WithNonInteractive() Option {
	return func(s *Session) { s.host.mode = hostNonInteractive }
}

// msgNonInteractive is what the host says when a script reads or prompts
// in -NonInteractive mode.
const msgNonInteractive = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."

// nonInteractiveError is the error of a cmdlet that reads from the host
// in -NonInteractive mode.
func (c *Call) nonInteractiveError() error {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "InvalidOperation",
		Category: InvalidOperation, Msg: msgNonInteractive, Exception: "System.Management.Automation.PSInvalidOperationException"}}
}

// readLine reads a line of the session's input, without its end of line;
// ok is false at the end of the input.
func (s *Session) readLine() (string, bool) {
	line, err := s.in.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", false
	}
	return strings.TrimRight(line, "\r\n"), true
}

// missingMandatoryParams returns the definitions of the mandatory
// parameters of the chosen set that are not bound; with input set (the
// command gets pipeline input), only those that cannot come from it.
func missingMandatoryParams(spec *bindSpec, res *bindResult, input bool) []*ParamDef {
	var out []*ParamDef
	for _, name := range missingMandatory(spec, res) {
		p := spec.find(name)
		if p == nil || input && (p.Pipeline || p.ByName) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// handleMissingMandatory deals with the mandatory parameters a command's
// arguments leave out, before it runs: on a console it asks for them, as
// PowerShell's host does, and binds what is typed; otherwise (or when
// the prompt is cancelled) binding fails with MissingMandatoryParameter.
// cmdName and pipePos make the prompt's caption; input is set when the
// command gets pipeline input, which may still bind the parameters that
// take it.
func (s *Session) handleMissingMandatory(fr frame, spec *bindSpec, res *bindResult, cmdName string, pipePos int, input bool, pos parser.Pos) error {
	missing := missingMandatoryParams(spec, res, input)
	if len(missing) == 0 {
		return nil
	}
	names := make([]string, len(missing))
	for i, p := range missing {
		names[i] = p.Name
	}
	if s.host.mode != hostConsole {
		return missingMandatoryError(spec, names, pos)
	}
	values, ok := s.promptFields(cmdName, pipePos, missing)
	if !ok {
		return missingMandatoryError(spec, names, pos)
	}
	for i, p := range missing {
		cv, err := convertArg(s, fr, spec, p, values[i], pos)
		if err != nil {
			return err
		}
		key := spec.keyOf(p)
		res.bound[key] = cv
		res.setName(key, p.Name)
	}
	return resolveSet(spec, res, pos)
}

// promptFields asks for the values of parameters as PowerShell's console
// host does: a caption naming the command, then "Name: " for each one
// (Name[0]:, Name[1]:, ... ended by an empty line for a collection). It
// returns false when the input ends first.
func (s *Session) promptFields(cmdName string, pipePos int, params []*ParamDef) ([]any, bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "\ncmdlet %s at command pipeline position %d\nSupply values for the following parameters:\n", cmdName, pipePos)
	for _, p := range params {
		if p.Help != "" {
			b.WriteString("(Type !? for Help.)\n")
			break
		}
	}
	s.hostWrite(b.String())
	out := make([]any, len(params))
	for i, p := range params {
		typ, list := s.promptType(p)
		if !list {
			v, _, ok := s.promptItem(p, p.Name+": ", typ, false)
			if !ok {
				return nil, false
			}
			out[i] = v
			continue
		}
		var items []any
		for {
			v, end, ok := s.promptItem(p, fmt.Sprintf("%s[%d]: ", p.Name, len(items)), typ, true)
			if !ok {
				return nil, false
			}
			if end {
				break
			}
			items = append(items, v)
		}
		out[i] = &value.Array{Items: items}
	}
	return out, true
}

// promptType returns the type a prompted value converts to (nil for a
// string) and whether the parameter takes a collection, asked item by
// item.
func (s *Session) promptType(p *ParamDef) (*value.Type, bool) {
	t, ok := s.resolveType(p.Type)
	if !ok || strings.EqualFold(p.Type, "object") || strings.EqualFold(p.Type, "switch") {
		return nil, false
	}
	if t.Elem != nil {
		if t.Elem.Name == value.TString || t.Elem.Name == value.TObject {
			return nil, true
		}
		return t.Elem, true
	}
	if isCollectionType(t) {
		return nil, true
	}
	if t.Name == value.TString {
		return nil, false
	}
	return t, false
}

// promptItem reads one value at the prompt, with the host's commands:
// "!?" shows the parameter's help message, "!!x" is "!x", `!""` is an
// empty string and "!$null" is $null. In a collection an empty line (or
// "!") ends the list (end). A value that does not convert to typ is
// reported and asked again. ok is false at the end of the input.
func (s *Session) promptItem(p *ParamDef, prompt string, typ *value.Type, list bool) (v any, end, ok bool) {
	for {
		s.hostWrite(prompt)
		line, ok := s.readLine()
		if !ok {
			return nil, false, false
		}
		var in any = line
		if strings.HasPrefix(line, "!") {
			cmd := line[1:]
			switch {
			case strings.HasPrefix(cmd, "!"):
				in = cmd
			case cmd == "?":
				if p.Help == "" {
					s.hostWrite(fmt.Sprintf("No help is available for %s.\n", p.Name))
				} else {
					s.hostWrite(p.Help + "\n")
				}
				continue
			case cmd == `""`:
				in = ""
			case strings.EqualFold(cmd, "$null"):
				in = nil
			case cmd == "" && list:
				return nil, true, true
			default:
				s.hostWrite(fmt.Sprintf("\"%s\" cannot be recognized as a valid Prompt command.\n", line))
				continue
			}
		} else if line == "" && list {
			return nil, true, true
		}
		if typ == nil || in == nil {
			return in, false, true
		}
		cv, err := s.convert(in, typ)
		if err != nil {
			if line != "" {
				s.hostWrite(fmt.Sprintf("Cannot recognize \"%s\" as a %s due to a format error.\n", line, typ.Name))
			}
			continue
		}
		return cv, false, true
	}
}

// choice is one answer of a choice prompt: its hot key, label and help.
type choice struct{ key, label, help string }

// promptChoice asks the user to choose, as the console host's
// PromptForChoice does: the caption and the message, then
// "[Y] Yes  [N] No  [?] Help (default is "Y"): "; "?" lists the choices
// with their help, an empty answer is the default, and an answer that is
// no choice's hot key or label asks again. The end of the input cancels
// the prompt.
func (s *Session) promptChoice(caption, message string, choices []choice, def int) (int, error) {
	var b strings.Builder
	b.WriteString("\n" + caption + "\n" + message + "\n")
	s.hostWrite(b.String())
	for {
		b.Reset()
		for _, c := range choices {
			fmt.Fprintf(&b, "[%s] %s  ", c.key, c.label)
		}
		fmt.Fprintf(&b, "[?] Help (default is \"%s\"): ", choices[def].key)
		s.hostWrite(b.String())
		line, ok := s.readLine()
		if !ok {
			return 0, &methodErr{typ: "System.Management.Automation.Host.PromptingException", msg: "The prompt was canceled."}
		}
		answer := strings.TrimSpace(line)
		switch answer {
		case "":
			return def, nil
		case "?":
			b.Reset()
			for _, c := range choices {
				fmt.Fprintf(&b, "%s - %s\n", c.key, c.help)
			}
			s.hostWrite(b.String())
			continue
		}
		for i, c := range choices {
			if strings.EqualFold(answer, c.key) || strings.EqualFold(answer, c.label) {
				return i, nil
			}
		}
	}
}
