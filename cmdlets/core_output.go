package cmdlets

import (
	"bytes"
	"strings"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
)

// outputCmdlets are the Write-* and Out-* cmdlets.
func outputCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Write-Host", Synopsis: "Writes to the host (standard output).",
			Params: []*ParamDef{rest(pipe(p("Object", "object", 0))), p("NoNewline", "switch", -1),
				p("Separator", "object", -1), p("ForegroundColor", "ConsoleColor", -1), p("BackgroundColor", "ConsoleColor", -1)},
			Process: writeHostProcess,
		},
		{
			Name: "Write-Output", Synopsis: "Writes objects to the pipeline.",
			Params:  []*ParamDef{allowNull(mand(rest(pipe(p("InputObject", "object", 0))))), p("NoEnumerate", "switch", -1)},
			Process: writeOutputProcess,
		},
		{
			Name: "Write-Verbose", Synopsis: "Writes to the verbose stream.",
			Params: []*ParamDef{mand(pipe(p("Message", "string", 0)))},
			Process: func(c *Call) error {
				return c.s.writeVerbose(c.fr, &c.common, c.String("Message"))
			},
		},
		{
			Name: "Write-Debug", Synopsis: "Writes to the debug stream.",
			Params:  []*ParamDef{mand(pipe(p("Message", "string", 0)))},
			Process: writeDebugProcess,
		},
		{
			Name: "Write-Warning", Synopsis: "Writes to the warning stream.",
			Params: []*ParamDef{mand(pipe(p("Message", "string", 0)))},
			Process: func(c *Call) error {
				return c.s.writeWarning(c.fr, &c.common, c.String("Message"))
			},
		},
		{
			Name: "Write-Information", Synopsis: "Writes to the information stream.",
			Params:  []*ParamDef{mand(pipe(alias(p("MessageData", "object", 0), "Msg", "Message"))), p("Tags", "string[]", 1)},
			Process: writeInformationProcess,
		},
		{
			Name: "Write-Error", Synopsis: "Writes a non-terminating error.",
			Params: []*ParamDef{
				sets(pipe(alias(p("Message", "string", 0), "Msg")), "NoException"),
				sets(p("Exception", "object", -1), "WithException"),
				sets(p("ErrorRecord", "object", -1), "ErrorRecord"),
				p("Category", "string", -1), p("ErrorId", "string", -1), p("TargetObject", "object", -1),
				p("RecommendedAction", "string", -1), p("CategoryActivity", "string", -1),
				p("CategoryReason", "string", -1), p("CategoryTargetName", "string", -1), p("CategoryTargetType", "string", -1),
			},
			DefaultSet: "NoException",
			Process:    writeErrorProcess,
		},
		{
			Name: "Write-Progress", Synopsis: "Shows progress (nothing is written in csemu).",
			Params: []*ParamDef{p("Activity", "string", 0), p("Status", "string", 1), p("Id", "int", 2),
				p("PercentComplete", "int", -1), p("SecondsRemaining", "int", -1), p("CurrentOperation", "string", -1),
				p("ParentId", "int", -1), p("Completed", "switch", -1), p("SourceId", "int", -1)},
			Process: func(c *Call) error { return c.s.writeProgress(c.fr, &c.common, c.String("Activity")) },
		},
		{
			Name: "Out-Null", Synopsis: "Discards its input.",
			Params:  []*ParamDef{pipe(p("InputObject", "object", -1))},
			Process: func(c *Call) error { return nil },
		},
		{
			Name: "Out-Host", Synopsis: "Writes objects to the host.",
			Params:  []*ParamDef{pipe(p("InputObject", "object", -1)), p("Paging", "switch", -1)},
			Process: outHostProcess,
			End:     func(c *Call) error { c.s.sink.end(); return nil },
		},
		{
			Name: "Out-Default", Synopsis: "Writes objects to the default output.",
			Params:  []*ParamDef{pipe(p("InputObject", "object", -1))},
			Process: outDefaultProcess,
		},
		{
			Name: "Out-String", Synopsis: "Formats objects as text.",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), sets(p("Stream", "switch", -1), "StreamFormatting"), p("Width", "int", -1),
				sets(p("NoNewline", "switch", -1), "NoNewLineFormatting")},
			DefaultSet: "NoNewLineFormatting",
			Process:    collectInput,
			End:        outStringEnd,
		},
	}
}

// writeHostProcess writes -Object to the host, joined with -Separator:
// an information record tagged PSHOST, which the host shows unless the
// information action is Ignore (Write-Host's page: "Starting in Windows
// PowerShell 5.0, Write-Host is a wrapper for Write-Information"; 6>
// redirects it).
func writeHostProcess(c *Call) error {
	text := ""
	if c.HasInput || c.Has("Object") {
		sep := " "
		if c.Has("Separator") {
			sep = c.s.toString(c.Arg("Separator"))
		}
		var parts []string
		for _, it := range value.AsSlice(c.Arg("Object")) {
			if a, ok := it.(*value.Array); ok {
				for _, x := range a.Items {
					parts = append(parts, c.s.toString(x))
				}
				continue
			}
			parts = append(parts, c.s.toString(it))
		}
		text = strings.Join(parts, sep)
	}
	noNewline := c.Bool("NoNewline")
	msg := hostMessage(text, noNewline, c.Arg("ForegroundColor"), c.Arg("BackgroundColor"))
	rec := c.s.informationRecord(c, msg, []string{"PSHOST"})
	if !noNewline {
		text += "\n"
	}
	return c.s.writeInformation(c.fr, &c.common, rec, text)
}

// writeOutputProcess writes -InputObject, enumerating an array unless -NoEnumerate is given.
func writeOutputProcess(c *Call) error {
	v := c.Arg("InputObject")
	if c.Bool("NoEnumerate") {
		return c.Write(v)
	}
	if a, ok := v.(*value.Array); ok {
		return c.WriteAll(a.Items)
	}
	return c.Write(v)
}

// writeDebugProcess writes -Message to the debug stream when debug output is on.
func writeDebugProcess(c *Call) error {
	return c.s.writeDebug(c.fr, &c.common, c.String("Message"))
}

// writeInformationProcess writes -MessageData to the information stream
// per the information preference (Write-Information's page: the record
// goes to the information stream, which the host shows for Continue).
func writeInformationProcess(c *Call) error {
	data := c.Arg("MessageData")
	rec := c.s.informationRecord(c, data, c.Strings("Tags"))
	return c.s.writeInformation(c.fr, &c.common, rec, c.s.toString(data)+"\n")
}

// writeErrorProcess writes a non-terminating error from -Message, -Exception or -ErrorRecord.
func writeErrorProcess(c *Call) error {
	rec := &ErrorRecord{Pos: c.Pos, Command: "Write-Error", ID: "Microsoft.PowerShell.Commands.WriteErrorException", Category: NotSpecified,
		Exception: "Microsoft.PowerShell.Commands.WriteErrorException"}
	switch {
	case c.Has("ErrorRecord"):
		if r, ok := c.Arg("ErrorRecord").(*ErrorRecord); ok {
			cp := *r
			rec = &cp
		}
	case c.Has("Exception"):
		ex := c.Arg("Exception")
		if o, ok := ex.(*value.Object); ok {
			msg, _ := o.Get("Message")
			rec.Msg = value.ToString(msg)
			rec.Exception = o.TypeName()
			rec.Thrown = o
		} else {
			rec.Msg = c.s.toString(ex)
		}
		if c.Has("Message") {
			rec.Msg = c.String("Message")
		}
	default:
		rec.Msg = c.String("Message")
	}
	if c.Has("ErrorId") {
		rec.ID = c.String("ErrorId")
	}
	if c.Has("Category") {
		rec.Category = Category(c.String("Category"))
	}
	if c.Has("TargetObject") {
		rec.Target = c.s.toString(c.Arg("TargetObject"))
	}
	// Write-Error's record names the caller, not Write-Error, in pwsh's
	// concise view; keep the command name for the one-line form. Its
	// FullyQualifiedErrorId names the function or script that called it
	// (Write-Error.Tests.ps1: none at the top level).
	if !rec.originSet {
		rec.setOrigin(c.s.callerName(c.fr))
	}
	// Its InvocationInfo is the caller's $MyInvocation, not Write-Error's
	// (WriteErrorCommand.cs: "set InvocationInfo to the script not the
	// command").
	if mi, ok := c.s.getVar(c.fr.scope, "MyInvocation"); ok && rec.invocation == nil {
		rec.invocation, _ = mi.(*value.Object)
	}
	return c.s.writeError(c.fr, rec, &c.common)
}

// outHostProcess sends one input object to the host's formatting.
func outHostProcess(c *Call) error {
	if c.HasInput || c.Has("InputObject") {
		return emitValue(c.Arg("InputObject"), c.s.sink.write)
	}
	return nil
}

// outDefaultProcess sends one input object to the default output.
func outDefaultProcess(c *Call) error {
	if c.HasInput || c.Has("InputObject") {
		return emitValue(c.Arg("InputObject"), c.s.sink.write)
	}
	return nil
}

// outStringEnd writes the collected input formatted as text, one string or with -Stream one per line.
func outStringEnd(c *Call) error {
	items, _ := c.State.([]any)
	width := c.Int("Width", c.s.width)
	if c.Bool("NoNewline") {
		return c.Write(c.s.outStringNoNewline(items, width))
	}
	var buf bytes.Buffer
	if err := c.s.formatDefault(&buf, items, width); err != nil {
		return err
	}
	text := buf.String()
	if c.Bool("Stream") {
		for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			if err := c.Write(l); err != nil {
				return err
			}
		}
		return nil
	}
	return c.Write(text)
}

// outStringNoNewline is Out-String -NoNewline: the lines of the
// formatted output with no line breaks between them. A string is one line
// as it is, so the line breaks inside it stay (Out-String.Tests.ps1).
func (s *Session) outStringNoNewline(items []any, width int) string {
	var out strings.Builder
	var run []any
	flush := func() {
		if len(run) == 0 {
			return
		}
		var buf bytes.Buffer
		_ = s.formatDefault(&buf, run, width)
		out.WriteString(strings.ReplaceAll(buf.String(), "\n", ""))
		run = nil
	}
	for _, it := range items {
		if text, ok := it.(string); ok {
			flush()
			out.WriteString(text)
			continue
		}
		run = append(run, it)
	}
	flush()
	return out.String()
}

// formatDefault is format.Default for output that may hold what
// Format-Table and Format-List wrote: that is text already formatted,
// which goes out as it is (the formatting objects of pwsh's Out-String
// and Out-File carry their own lines, with no further blank line).
func (s *Session) formatDefault(w *bytes.Buffer, items []any, width int) error {
	start := 0
	for i, it := range items {
		ft, ok := it.(*formattedText)
		if !ok {
			continue
		}
		if i > start {
			if err := format.DefaultStyled(w, items[start:i], width, s.formatStyle()); err != nil {
				return err
			}
		}
		var b strings.Builder
		if err := ft.render(&b, width); err != nil {
			return err
		}
		w.WriteString(b.String())
		start = i + 1
	}
	if start < len(items) {
		return format.DefaultStyled(w, items[start:], width, s.formatStyle())
	}
	return nil
}

// collectInput gathers pipeline input (or -InputObject) into c.State.
func collectInput(c *Call) error {
	items, _ := c.State.([]any)
	if c.HasInput || c.Has("InputObject") {
		v := c.Arg("InputObject")
		if !c.HasInput {
			items = append(items, value.AsSlice(v)...)
		} else {
			items = append(items, v)
		}
	}
	c.State = items
	return nil
}
