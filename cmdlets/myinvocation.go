package cmdlets

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// invocation is how a function, script or script block was called: what
// $MyInvocation describes.
type invocation struct {
	// call is the command element that called it; nil for a script run
	// by the host.
	call *parser.Command
	// callFile is the script the call is in ("" at the prompt).
	callFile string
	// invName is the name the command was called by (an alias, a path as
	// typed, "&" or "." for a script block).
	invName string
	// cmdName and cmdType are MyCommand's Name and CommandType: the
	// function's name and Function or Filter; the file's name and
	// ExternalScript; "" and Script for a script block.
	cmdName, cmdType string
	// defFile is the script that defines the body.
	defFile string
	// path is an external script's full path.
	path string
	fn   *Function
	sb   *ScriptBlock
	// pipePos and pipeLen are the command's place in its pipeline.
	pipePos, pipeLen int
}

// commandName is the name errors and $PSCmdlet give the command.
func (inv *invocation) commandName() string {
	if inv.cmdName != "" {
		return inv.cmdName
	}
	return "<ScriptBlock>"
}

// pos is the position of the call, or of the script's start.
func (inv *invocation) pos() parser.Pos {
	if inv.call != nil {
		return inv.call.Pos
	}
	return parser.Pos{Filename: inv.defFile, Line: 1, Column: 1}
}

// sourceLine returns line n (from 1) of a file's text, without its end of
// line.
func sourceLine(src string, n int) string {
	for i := 1; i < n; i++ {
		j := strings.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := strings.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimSuffix(src, "\r")
}

// lazyInvocation stands for $MyInvocation until something reads it:
// building the object costs more than most function calls (see
// Variable.get).
type lazyInvocation struct {
	s *Session
	// inv is a copy, so that the call's invocation need not be on the
	// heap
	inv     invocation
	bound   *value.Hashtable
	unbound []any
	obj     *value.Object
}

// get returns $MyInvocation, built the first time.
func (l *lazyInvocation) get() *value.Object {
	if l.obj == nil {
		l.obj = l.s.invocationInfo(&l.inv, l.bound, l.unbound)
	}
	return l.obj
}

// invocationInfo builds $MyInvocation: an InvocationInfo whose MyCommand
// describes what runs and whose position members describe the call (the
// calling script, its line and the statement), as PowerShell fills it.
// bound and unbound are $PSBoundParameters and $args.
func (s *Session) invocationInfo(inv *invocation, bound *value.Hashtable, unbound []any) *value.Object {
	mi := value.NewObject("System.Management.Automation.InvocationInfo")
	mi.Set("MyCommand", s.commandInfo(inv))
	if bound == nil {
		bound = value.NewHashtable()
	}
	mi.Set("BoundParameters", bound)
	args := append([]any{}, unbound...)
	mi.Set("UnboundArguments", &value.Array{Items: args, List: true})
	line, col, text, stmt := 0, 0, "", ""
	scriptName := ""
	if c := inv.call; c != nil {
		line, col = c.Pos.Line, c.Pos.Column
		scriptName = inv.callFile
		if strings.HasPrefix(scriptName, "<") {
			scriptName = ""
		}
		src := s.sources[inv.callFile]
		text = sourceLine(src, line)
		if c.EndPos.Offset > c.Pos.Offset && c.EndPos.Offset <= len(src) {
			stmt = src[c.Pos.Offset:c.EndPos.Offset]
		}
	}
	if scriptName != "" {
		if abs, err := s.fullPath(scriptName); err == nil {
			scriptName = abs
		}
	}
	mi.Set("ScriptLineNumber", line)
	mi.Set("OffsetInLine", col)
	mi.Set("HistoryId", 1)
	mi.Set("ScriptName", scriptName)
	mi.Set("Line", text)
	mi.Set("Statement", stmt)
	pm := ""
	if inv.call != nil {
		where := scriptName
		if where == "" {
			where = "line"
		}
		pm = fmt.Sprintf("At %s:%d char:%d\n+ %s\n+ %s%s", where, line, col, text, strings.Repeat(" ", max(col-1, 0)), strings.Repeat("~", max(len([]rune(stmt)), 1)))
		if i := strings.IndexByte(stmt, '\n'); i >= 0 {
			pm = fmt.Sprintf("At %s:%d char:%d\n+ %s\n+ %s%s", where, line, col, text, strings.Repeat(" ", max(col-1, 0)), strings.Repeat("~", max(len([]rune(stmt[:i])), 1)))
		}
	}
	mi.Set("PositionMessage", pm)
	root := ""
	if scriptName != "" {
		root = filepath.Dir(scriptName)
	}
	mi.Set("PSScriptRoot", root)
	if scriptName != "" {
		mi.Set("PSCommandPath", scriptName)
	} else {
		mi.Set("PSCommandPath", nil)
	}
	mi.Set("InvocationName", inv.invName)
	mi.Set("PipelineLength", inv.pipeLen)
	mi.Set("PipelinePosition", inv.pipePos)
	mi.Set("ExpectingInput", inv.pipePos > 1)
	mi.Set("CommandOrigin", "Internal")
	mi.Set("DisplayScriptPosition", nil)
	return mi
}

// commandInfo builds $MyInvocation.MyCommand: a FunctionInfo, an
// ExternalScriptInfo or a ScriptInfo.
func (s *Session) commandInfo(inv *invocation) *value.Object {
	var o *value.Object
	switch inv.cmdType {
	case "Function", "Filter":
		typ := "System.Management.Automation.FunctionInfo"
		if inv.cmdType == "Filter" {
			typ = "System.Management.Automation.FilterInfo"
		}
		o = value.NewObject(typ, "System.Management.Automation.CommandInfo")
		o.Set("Name", inv.cmdName)
		o.Set("CommandType", inv.cmdType)
		def := ""
		if f := inv.fn; f != nil {
			sb := s.functionScriptBlock(f)
			def = sb.Text
			o.Set("ScriptBlock", sb)
		}
		o.Set("Definition", def)
		s.setCommandModule(o, inv.fn.moduleOf())
		if verb, noun, ok := strings.Cut(inv.cmdName, "-"); ok {
			o.Set("Verb", verb)
			o.Set("Noun", noun)
		} else {
			o.Set("Verb", "")
			o.Set("Noun", "")
		}
		o.SetToString(inv.cmdName)
	case "ExternalScript":
		o = value.NewObject("System.Management.Automation.ExternalScriptInfo", "System.Management.Automation.CommandInfo")
		o.Set("Name", inv.cmdName)
		o.Set("CommandType", "ExternalScript")
		o.Set("Path", inv.path)
		o.Set("Definition", inv.path)
		o.Set("Source", inv.path)
		o.Set("ScriptContents", s.sources[inv.defFile])
		o.Set("ModuleName", "")
		o.Set("Module", nil)
		o.SetToString(inv.cmdName)
	default:
		o = value.NewObject("System.Management.Automation.ScriptInfo", "System.Management.Automation.CommandInfo")
		text := ""
		if inv.sb != nil {
			text = inv.sb.Text
			o.Set("ScriptBlock", inv.sb)
		}
		o.Set("Name", inv.cmdName)
		o.Set("CommandType", "Script")
		o.Set("Definition", text)
		var m *psModule
		if inv.sb != nil && inv.sb.bound {
			m = inv.sb.module
		}
		s.setCommandModule(o, m)
		o.SetToString(text)
	}
	return o
}

// setCommandModule sets the Source, ModuleName and Module of a
// CommandInfo: those of the script module that defined the command, or
// empty for the top level.
func (s *Session) setCommandModule(o *value.Object, m *psModule) {
	if m == nil {
		o.Set("Source", "")
		o.Set("ModuleName", "")
		o.Set("Module", nil)
		return
	}
	o.Set("Source", m.name)
	o.Set("ModuleName", m.name)
	o.Set("Module", s.moduleInfo(m))
}

// functionDefinition is a function's Definition: the text of its body
// between the braces (a param block written after the name comes first).
func functionDefinition(f *Function) string {
	src := f.Source
	open := strings.IndexByte(src, '{')
	if open < 0 || !strings.HasSuffix(strings.TrimRight(src, " \t\r\n"), "}") {
		return ""
	}
	body := strings.TrimRight(src, " \t\r\n")
	body = body[open+1 : len(body)-1]
	if len(f.Params) > 0 {
		head := src[:open]
		if i := strings.IndexByte(head, '('); i >= 0 {
			if j := strings.LastIndexByte(head, ')'); j > i {
				return "param(" + head[i+1:j] + ")\n" + body
			}
		}
	}
	return body
}

// callerName is the name of the function or script running in fr, as
// $MyInvocation.MyCommand names it; "" for a script block or the top
// level of a command.
func (s *Session) callerName(fr frame) string {
	mi, ok := s.getVar(fr.scope, "MyInvocation")
	if !ok {
		return ""
	}
	o, ok := mi.(*value.Object)
	if !ok {
		return ""
	}
	cmd, _ := o.Get("MyCommand")
	co, ok := cmd.(*value.Object)
	if !ok {
		return ""
	}
	switch t, _ := co.Get("CommandType"); t {
	case "Function", "Filter", "ExternalScript":
		name, _ := co.Get("Name")
		return value.ToString(name)
	}
	return ""
}
