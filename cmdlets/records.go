package cmdlets

import (
	"fmt"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// The streams of PowerShell, by the numbers that redirections use
// (about_Redirection): 1 success, 2 error, 3 warning, 4 verbose, 5 debug,
// 6 information; streamAll is "*".
const (
	streamAll         = 0
	streamOutput      = 1
	streamError       = 2
	streamWarning     = 3
	streamVerbose     = 4
	streamDebug       = 5
	streamInformation = 6
)

// streamRecord is a record of the warning, verbose, debug or information
// stream, as a redirection (3>&1, 6>variable:x) or -WarningVariable and
// -InformationVariable hand it to a script: a WarningRecord,
// VerboseRecord, DebugRecord or InformationRecord.
type streamRecord struct {
	stream int
	// msg is the Message of a warning, verbose or debug record.
	msg string
	// The information record's fields.
	data    any
	tags    []string
	source  string
	time    time.Time
	user    string
	machine string
	pid     int
	// command and pos are where the record was written.
	command string
	pos     parser.Pos
}

// PSTypeName is the .NET type of the record.
func (r *streamRecord) PSTypeName() string { return r.PSTypeNames()[0] }

// PSTypeNames lists the record's type and its base types.
func (r *streamRecord) PSTypeNames() []string {
	const ns = "System.Management.Automation."
	switch r.stream {
	case streamWarning:
		return []string{ns + "WarningRecord", ns + "InformationalRecord", "System.Object"}
	case streamVerbose:
		return []string{ns + "VerboseRecord", ns + "InformationalRecord", "System.Object"}
	case streamDebug:
		return []string{ns + "DebugRecord", ns + "InformationalRecord", "System.Object"}
	}
	return []string{ns + "InformationRecord", "System.Object"}
}

// PSString is the record's text: the message, or for an information
// record its message data as text.
func (r *streamRecord) PSString() string {
	if r.stream == streamInformation {
		return value.ToString(r.data)
	}
	return r.msg
}

// hostMessage is the message data of an information record that
// Write-Host wrote (a HostInformationMessage).
func hostMessage(text string, noNewline bool, fg, bg any) *value.Object {
	o := value.NewObject("System.Management.Automation.HostInformationMessage", "System.Object")
	o.Set("Message", text)
	o.Set("NoNewLine", noNewline)
	o.Set("ForegroundColor", fg)
	o.Set("BackgroundColor", bg)
	o.DefaultDisplay = []string{"Message", "NoNewLine", "ForegroundColor", "BackgroundColor"}
	o.SetToString(text)
	return o
}

// recordInvocation is the InvocationInfo of an error, warning or other
// record written at pos by command ("" for an error of the script itself):
// MyCommand is the command's CommandInfo (a CmdletInfo or FunctionInfo,
// $null for a script error), Line the source line and PositionMessage
// the "At file:line char:col" text with the line under it, as
// ErrorRecord.InvocationInfo carries them.
func (s *Session) recordInvocation(command string, pos parser.Pos) *value.Object {
	ii := value.NewObject("System.Management.Automation.InvocationInfo")
	var my any
	if command != "" {
		my = s.commandInfoByName(command)
	}
	line := sourceLine(s.sources[pos.Filename], pos.Line)
	ii.Set("MyCommand", my)
	ii.Set("ScriptLineNumber", pos.Line)
	ii.Set("OffsetInLine", pos.Column)
	script := pos.Filename
	if strings.HasPrefix(script, "<") {
		script = ""
	} else if abs, err := s.fullPath(script); err == nil && script != "" {
		script = abs
	}
	ii.Set("ScriptName", script)
	ii.Set("Line", line)
	ii.Set("PositionMessage", positionMessage(script, pos, line))
	ii.Set("InvocationName", command)
	ii.Set("CommandOrigin", "Internal")
	return ii
}

// positionMessage is InvocationInfo.PositionMessage: where, then the line
// with the part from the position to the line's end underlined.
func positionMessage(script string, pos parser.Pos, line string) string {
	where := script
	if where == "" {
		where = "line"
	}
	if pos.Line <= 0 {
		return ""
	}
	head := fmt.Sprintf("At %s:%d char:%d", where, pos.Line, pos.Column)
	if line == "" {
		return head
	}
	runes := []rune(line)
	start := min(max(pos.Column-1, 0), len(runes))
	rest := strings.TrimRight(string(runes[start:]), " \t\r")
	return head + "\n+ " + line + "\n+ " + strings.Repeat(" ", start) + strings.Repeat("~", max(len([]rune(rest)), 1))
}

// commandInfoByName is the CommandInfo of the command name runs: the
// function or cmdlet Get-Command shows, reduced to the members a record
// needs (Name, CommandType, Source, ModuleName, Definition). A name that
// is not a cmdlet is a function, or a script when it ends in .ps1.
func (s *Session) commandInfoByName(name string) *value.Object {
	kind, module, def := "Cmdlet", "", ""
	if cmd, ok := s.Command(name); ok {
		name, module = cmd.Name, cmd.Module
	} else if strings.HasSuffix(strings.ToLower(name), ".ps1") {
		kind = "ExternalScript"
	} else {
		kind = "Function"
		if f, ok := s.lookupFunc(s.global, name); ok {
			name, module, def = f.Name, moduleName(f), functionDefinition(f)
		}
	}
	o := value.NewObject("System.Management.Automation."+kind+"Info", "System.Management.Automation.CommandInfo")
	o.Set("Name", name)
	o.Set("CommandType", kind)
	o.Set("Source", module)
	o.Set("ModuleName", module)
	o.Set("Definition", def)
	o.DefaultDisplay = []string{"CommandType", "Name", "Version", "Source"}
	o.SetToString(name)
	return o
}

// member returns a property of the record.
func (r *streamRecord) member(lname string) (any, bool) {
	if r.stream == streamInformation {
		switch lname {
		case "messagedata":
			return r.data, true
		case "source":
			return r.source, true
		case "timegenerated":
			return r.time, true
		case "tags":
			items := make([]any, len(r.tags))
			for i, t := range r.tags {
				items[i] = t
			}
			return &value.Array{Items: items, List: true, Elem: "string"}, true
		case "user":
			return r.user, true
		case "computer":
			return r.machine, true
		case "processid":
			return r.pid, true
		case "nativethreadid", "managedthreadid":
			return 1, true
		}
		return nil, false
	}
	switch lname {
	case "message":
		return r.msg, true
	case "pipelineiterationinfo":
		return &value.Array{List: true}, true
	case "fullyqualifiedwarningid":
		if r.stream == streamWarning {
			return "", true
		}
	}
	return nil, false
}

// informationRecord makes the record of Write-Information or Write-Host.
func (s *Session) informationRecord(c *Call, data any, tags []string) *streamRecord {
	source := c.fr.file
	if source == "" || source == "-" || source[0] == '<' {
		source = c.cmd.Name
	} else if abs, err := s.fullPath(source); err == nil {
		source = abs
	}
	user, _ := s.env("USER")
	machine, _ := s.host.hostname()
	return &streamRecord{stream: streamInformation, data: data, tags: tags, source: source, time: s.clock.Now(),
		user: user, machine: machine, pid: *s.host.pid, command: c.cmd.Name, pos: c.Pos}
}
