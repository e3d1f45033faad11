package cmdlets

import (
	"fmt"
	"strings"
	"time"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// historyEntry is a command of the session's history (a HistoryInfo).
type historyEntry struct {
	id          int
	commandLine string
	status      string
	start, end  time.Time
}

// sessionHistory is the history of the commands a session ran at its
// prompt (pwsh's History): what the host adds, and Add-History.
type sessionHistory struct {
	entries []*historyEntry // by id, oldest first
	lastID  int
	// invoking holds the entries Invoke-History is running (a loop
	// check); replaced is the command line Invoke-History ran, which the
	// host records instead of the line typed.
	invoking map[int]bool
	replaced string
}

// Now returns the time on the session's emulated clock.
func (s *Session) Now() time.Time { return s.clock.Now() }

// AddHistory records a command that the host ran (the prompt adds each
// command it runs when it ends, as pwsh's interactive host does; a script
// run adds none): its text, when it started and ended, and how it ended
// (status "Completed", "Failed" or "Stopped"). A command that ran
// Invoke-History is recorded as the command it ran.
func (s *Session) AddHistory(commandLine string, start, end time.Time, status string) {
	if s.history.replaced != "" {
		commandLine, s.history.replaced = s.history.replaced, ""
	}
	s.addHistoryEntry(commandLine, start, end, status)
}

func (s *Session) addHistoryEntry(commandLine string, start, end time.Time, status string) *historyEntry {
	h := &s.history
	h.lastID++
	e := &historyEntry{id: h.lastID, commandLine: commandLine, status: status, start: start, end: end}
	h.entries = append(h.entries, e)
	limit := 4096
	if v, ok := s.getVar(s.global, "MaximumHistoryCount"); ok {
		if n, err := value.ToInt(v); err == nil && n > 0 {
			limit = n
		}
	}
	if len(h.entries) > limit {
		h.entries = h.entries[len(h.entries)-limit:]
	}
	return e
}

// historyEntryByID returns the entry of an id, or nil.
func (s *Session) historyEntryByID(id int) *historyEntry {
	for _, e := range s.history.entries {
		if e.id == id {
			return e
		}
	}
	return nil
}

// object is the HistoryInfo object of an entry.
func (e *historyEntry) object() *value.Object {
	o := value.NewObject("Microsoft.PowerShell.Commands.HistoryInfo", "System.Object")
	o.Set("Id", e.id)
	o.Set("CommandLine", e.commandLine)
	o.Set("ExecutionStatus", e.status)
	o.Set("StartExecutionTime", e.start)
	o.Set("EndExecutionTime", e.end)
	o.Set("Duration", e.end.Sub(e.start))
	o.SetToString(e.commandLine)
	return o
}

// historyRange returns, oldest first, count entries ending at id (or with
// newest, starting at it); id 0 means from the newest (or with newest
// unset, the oldest) end of the history. A negative count means all.
func (s *Session) historyRange(id, count int, newest bool) []*historyEntry {
	all := s.history.entries
	if count < 0 || count > len(all) {
		count = len(all)
	}
	if count == 0 {
		return nil
	}
	switch {
	case id > 0 && !newest:
		var out []*historyEntry
		for i := len(all) - 1; i >= 0 && len(out) < count; i-- {
			if all[i].id <= id {
				out = append([]*historyEntry{all[i]}, out...)
			}
		}
		return out
	case id > 0:
		var out []*historyEntry
		for _, e := range all {
			if e.id >= id && len(out) < count {
				out = append(out, e)
			}
		}
		return out
	case newest:
		return all[len(all)-count:]
	}
	return all[:count]
}

// clearHistoryEntries removes entries from the history.
func (s *Session) clearHistoryEntries(gone []*historyEntry) {
	drop := map[*historyEntry]bool{}
	for _, e := range gone {
		drop[e] = true
	}
	kept := s.history.entries[:0]
	for _, e := range s.history.entries {
		if !drop[e] {
			kept = append(kept, e)
		}
	}
	s.history.entries = kept
}

// historyCmdlets are the history cmdlets, Clear-Host and help.
func historyCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Get-History", Module: "Microsoft.PowerShell.Core", Synopsis: "Gets the commands run at the prompt of this session.",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-history",
			Params:  []*ParamDef{pipe(p("Id", "long[]", 0)), p("Count", "int", 1)},
			Process: getHistoryProcess,
		},
		{
			Name: "Add-History", Module: "Microsoft.PowerShell.Core", Synopsis: "Adds entries to the session history.",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/add-history",
			Params:  []*ParamDef{pipe(p("InputObject", "object[]", 0)), p("Passthru", "switch", -1)},
			Process: addHistoryProcess,
		},
		{
			Name: "Clear-History", Module: "Microsoft.PowerShell.Core", Synopsis: "Deletes entries from the session history.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/clear-history", ShouldProcess: true,
			Params: []*ParamDef{sets(p("Id", "int[]", 0), "IDParameter"), sets(p("CommandLine", "string[]", -1), "CommandLineParameter"),
				p("Count", "int", 1), p("Newest", "switch", -1)},
			DefaultSet: "IDParameter",
			Process:    clearHistoryProcess,
		},
		{
			Name: "Invoke-History", Module: "Microsoft.PowerShell.Core", Synopsis: "Runs a command of the session history again.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/invoke-history", ShouldProcess: true,
			Params:  []*ParamDef{byName(p("Id", "string", 0))},
			Process: invokeHistoryProcess,
			End:     invokeHistoryEnd,
		},
		{
			Name: "help", Module: "Microsoft.PowerShell.Core", Synopsis: "Displays information about a command, as Get-Help does.",
			Doc:    "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-help",
			Params: helpParams(),
			// a function in pwsh: its errors are those of the Get-Help it runs
			Class:   "Microsoft.PowerShell.Commands.GetHelpCommand",
			Process: getHelp,
		},
		{
			Name: "Clear-Host", Module: "Microsoft.PowerShell.Core", Synopsis: "Clears the terminal (nothing when the output is not a terminal).",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/functions/clear-host",
			Process: clearHostProcess,
		},
	}
}

// historyIDError is the error of an id the history does not hold.
func historyIDError(c *Call, id int) error {
	return c.Errorf("GetHistoryNoHistoryForId", ObjectNotFound, fmt.Sprint(id), "Cannot locate the history for Id %d.", id)
}

// getHistoryProcess is Get-History (pwsh's GetHistoryCommand): the last
// -Count entries (all by default), oldest first; with -Id the entries of
// those ids, or with -Count the -Count entries up to that id.
func getHistoryProcess(c *Call) error {
	var ids []int
	for _, v := range value.AsSlice(c.Arg("Id")) {
		id, err := value.ToInt(v)
		if err != nil || id < 1 {
			return c.FailBinding("ParameterArgumentValidationError",
				"Cannot validate argument on parameter 'Id'. The %s argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.", value.ToString(v))
		}
		ids = append(ids, id)
	}
	count := -1
	if c.Has("Count") {
		count = c.Int("Count", 0)
		if count < 0 || count > 32767 {
			return c.FailBinding("ParameterArgumentValidationError",
				"Cannot validate argument on parameter 'Count'. The %d argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.", count)
		}
	}
	var out []*historyEntry
	switch {
	case len(ids) == 0:
		out = c.s.historyRange(0, count, true)
	case !c.Has("Count"):
		for _, id := range ids {
			e := c.s.historyEntryByID(id)
			if e == nil {
				if err := historyIDError(c, id); err != nil {
					return err
				}
				continue
			}
			if err := c.Write(e.object()); err != nil {
				return err
			}
		}
		return nil
	case len(ids) > 1:
		return c.Fail("GetHistoryNoCountWithMultipleIds", InvalidArgument, "The count cannot be combined with multiple Ids.")
	default:
		out = c.s.historyRange(ids[0], count, false)
	}
	for _, e := range out {
		if err := c.Write(e.object()); err != nil {
			return err
		}
	}
	return nil
}

// addHistoryProcess adds objects with the properties of a HistoryInfo
// (CommandLine, ExecutionStatus, StartExecutionTime, EndExecutionTime)
// to the history, under new ids.
func addHistoryProcess(c *Call) error {
	for _, in := range value.AsSlice(c.Arg("InputObject")) {
		e, ok := historyInput(c, in)
		if !ok {
			if err := c.Errorf("AddHistoryInvalidInput", InvalidData, c.s.toString(in),
				"Cannot add history because the input object has a format that is not valid."); err != nil {
				return err
			}
			continue
		}
		added := c.s.addHistoryEntry(e.commandLine, e.start, e.end, e.status)
		if c.Bool("Passthru") {
			if err := c.Write(added.object()); err != nil {
				return err
			}
		}
	}
	return nil
}

// historyInput reads a history entry from an object's properties.
func historyInput(c *Call, in any) (*historyEntry, bool) {
	prop := func(name string) (any, bool) {
		if _, isObj := in.(*value.Object); !isObj {
			if _, isHash := in.(*value.Hashtable); !isHash {
				return nil, false
			}
		}
		return c.s.getMember(in, name)
	}
	cl, ok := prop("CommandLine")
	line, isStr := cl.(string)
	if !ok || !isStr {
		return nil, false
	}
	st, ok := prop("ExecutionStatus")
	status := ""
	for _, s := range []string{"NotStarted", "Running", "Stopping", "Stopped", "Completed", "Failed", "Disconnected"} {
		if ok && strings.EqualFold(value.ToString(st), s) {
			status = s
		}
	}
	if status == "" {
		return nil, false
	}
	e := &historyEntry{commandLine: line, status: status}
	for _, f := range []struct {
		name string
		to   *time.Time
	}{{"StartExecutionTime", &e.start}, {"EndExecutionTime", &e.end}} {
		v, ok := prop(f.name)
		if !ok || v == nil {
			return nil, false
		}
		t, err := c.s.convert(v, &value.Type{Name: value.TDateTime})
		tt, isTime := t.(time.Time)
		if err != nil || !isTime {
			return nil, false
		}
		*f.to = tt
	}
	return e, true
}

// clearHistoryProcess is Clear-History (pwsh's ClearHistoryCommand):
// without parameters it clears the whole history; -Id the entries of
// those ids (or with -Count, that many up to the id, or from it with
// -Newest); -Count alone the oldest (-Newest: newest) entries;
// -CommandLine the oldest entry with that command line, or with a
// wildcard every match (-Count and -Newest limit them).
func clearHistoryProcess(c *Call) error {
	count := c.Int("Count", 32)
	if c.Has("Count") && count < 1 {
		return c.FailBinding("ParameterArgumentValidationError",
			"Cannot validate argument on parameter 'Count'. The %d argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.", count)
	}
	newest := c.Bool("Newest")
	if c.Has("CommandLine") {
		lines := c.Strings("CommandLine")
		if c.Has("Count") && len(lines) > 1 {
			return c.Fail("NoCountWithMultipleCmdLine ", InvalidArgument, "The count cannot be combined with multiple CommandLine parameters.")
		}
		for _, pat := range lines {
			n := 1
			switch {
			case c.Has("Count"):
				n = count
			case value.HasWildcard(pat):
				n = 0
			}
			var matched []*historyEntry
			for _, e := range c.s.history.entries {
				if value.Like(e.commandLine, pat, false) {
					matched = append(matched, e)
				}
			}
			if n > 0 && n < len(matched) {
				if newest {
					matched = matched[len(matched)-n:]
				} else {
					matched = matched[:n]
				}
			}
			c.s.clearHistoryEntries(matched)
		}
		return nil
	}
	var ids []int
	for _, v := range value.AsSlice(c.Arg("Id")) {
		id, err := value.ToInt(v)
		if err != nil || id < 1 {
			return c.FailBinding("ParameterArgumentValidationError",
				"Cannot validate argument on parameter 'Id'. The %s argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.", value.ToString(v))
		}
		ids = append(ids, id)
	}
	switch {
	case len(ids) > 0 && !c.Has("Count"):
		for _, id := range ids {
			e := c.s.historyEntryByID(id)
			if e == nil {
				if err := historyIDError(c, id); err != nil {
					return err
				}
				continue
			}
			c.s.clearHistoryEntries([]*historyEntry{e})
		}
	case len(ids) > 1:
		return c.Fail("GetHistoryNoCountWithMultipleIds", InvalidArgument, "The count cannot be combined with multiple Ids.")
	case len(ids) == 1:
		if c.s.historyEntryByID(ids[0]) == nil {
			if err := historyIDError(c, ids[0]); err != nil {
				return err
			}
		}
		c.s.clearHistoryEntries(c.s.historyRange(ids[0], count, newest))
	case !c.Has("Count"):
		if !c.ShouldProcess("This command will clear all the entries from the session history.", "Clear-History") {
			return nil
		}
		c.s.clearHistoryEntries(c.s.history.entries)
	default:
		c.s.clearHistoryEntries(c.s.historyRange(0, count, newest))
	}
	return nil
}

// invokeHistoryProcess keeps the -Id of each record: Invoke-History runs
// one command, when it ends.
func invokeHistoryProcess(c *Call) error {
	ids, _ := c.State.([]string)
	if c.Has("Id") {
		ids = append(ids, c.String("Id"))
	}
	c.State = ids
	return nil
}

// invokeHistoryEnd is Invoke-History (pwsh's InvokeHistoryCommand): it
// finds the entry (the last one, the one of an id, or the newest whose
// command line starts with the text given), writes its command line to
// the host and runs it in the global scope.
func invokeHistoryEnd(c *Call) error {
	ids, _ := c.State.([]string)
	if len(ids) > 1 {
		return c.Fail("InvokeHistoryMultipleCommandsError", InvalidArgument, "Cannot process multiple history commands. You can only run a single command by using Invoke-History.")
	}
	entries := c.s.history.entries
	var entry *historyEntry
	switch {
	case len(ids) == 0:
		if len(entries) == 0 {
			return c.Fail("InvokeHistoryNoLastHistoryEntryFound", InvalidOperation, "Cannot locate most recent history.")
		}
		entry = entries[len(entries)-1]
	default:
		id, err := value.ToInt(ids[0])
		if err != nil {
			for i := len(entries) - 1; i >= 0; i-- {
				if strings.HasPrefix(entries[i].commandLine, ids[0]) {
					entry = entries[i]
					break
				}
			}
			if entry == nil {
				return c.Fail("InvokeHistoryNoHistoryForCommandline", ObjectNotFound, "Cannot locate the history for command line %s.", ids[0])
			}
			break
		}
		if id <= 0 {
			return c.Fail("InvokeHistoryInvalidIdGetHistory", InvalidArgument,
				"The identifier %d is not a valid value for a History identifier. Specify a positive number, and then try again.", id)
		}
		if entry = c.s.historyEntryByID(id); entry == nil {
			return c.Fail("InvokeHistoryNoHistoryForId", ObjectNotFound, "Cannot locate the history for Id %d.", id)
		}
	}
	if !c.ShouldProcess(entry.commandLine, "Invoke-History") {
		return nil
	}
	h := &c.s.history
	if h.invoking[entry.id] {
		return c.Fail("InvokeHistoryLoopDetected", InvalidOperation, "The Invoke-History cmdlet is called repeatedly, in a loop.")
	}
	if h.invoking == nil {
		h.invoking = map[int]bool{}
	}
	h.invoking[entry.id] = true
	defer delete(h.invoking, entry.id)
	h.replaced = entry.commandLine
	c.s.hostWrite(entry.commandLine + "\n")
	script, err := parser.Parse("", entry.commandLine)
	if err != nil {
		return c.Fail("ParseException", ParserError, "%s", err.Error())
	}
	_, err = c.s.invokeBody(frame{scope: c.s.global, file: c.fr.file}, script.Body, nil, nil, c.Write, invokeOpts{dot: true})
	return err
}

// clearHostProcess writes the terminal's clear sequence (what pwsh's
// Clear-Host writes through the clear program on Linux and macOS) when
// the output is a terminal, and nothing otherwise.
func clearHostProcess(c *Call) error {
	if c.s.terminal {
		c.s.hostWrite("\x1b[H\x1b[2J\x1b[3J")
	}
	return nil
}

// WithTerminal tells the session that its standard output is a terminal
// (Clear-Host then clears it).
func WithTerminal(ok bool) Option { return func(s *Session) { s.terminal = ok } }

// helpParams are the parameters of Get-Help and help.
func helpParams() []*ParamDef {
	return []*ParamDef{p("Name", "string", 0), p("Full", "switch", -1), p("Detailed", "switch", -1), p("Examples", "switch", -1),
		p("Parameter", "string[]", -1), p("Online", "switch", -1), p("ShowWindow", "switch", -1), p("Category", "string[]", -1),
		p("Component", "string[]", -1), p("Role", "string[]", -1), p("Functionality", "string[]", -1)}
}

// helpRequested reports whether a command's arguments ask for its help
// with -? (pwsh's IsHelpRequested: a parameter named "?" anywhere).
func helpRequested(raw []rawArg) bool {
	for _, a := range raw {
		if a.name == "?" {
			return true
		}
	}
	return false
}

// helpStage is "NAME -?": Get-Help for the command as it was invoked. A
// function shows its comment-based help; one that has none takes the -?
// as an argument (ok is false), as pwsh does.
func (s *Session) helpStage(fr frame, name string, f *Function, inv *invocation, emit emitFn, r stageOut) (st stage, ok bool, err error) {
	if f != nil {
		src, off := f.Root, f.Offset
		if src == "" {
			src, off = f.Source, 0
		}
		if functionHelpBlock(scanHelpTokens(src), off) == nil {
			return nil, false, nil
		}
	}
	help := s.commands["get-help"]
	hinv := *inv
	hinv.invName = "Get-Help"
	st, err = s.cmdletStage(fr, help, "Get-Help", []rawArg{{value: name, pos: inv.pos()}}, &hinv, emit, r)
	return st, true, err
}
