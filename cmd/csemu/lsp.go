package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/lint"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/state"
)

const lspUsage = `usage:
  csemu lsp [--db FILE]
                 a Language Server Protocol server over standard input and
                 output: lint findings as diagnostics, completion of cmdlets,
                 parameters, documented values and policy identities, help on
                 hover, and the safe fixes of csemu lint --fix as code actions

flags:
  --db FILE      the tenant file whose policies and users completion offers,
                 read once at start and never written (default: a new tenant)
`

// runLSP serves the language server protocol on stdin and stdout until the
// client sends exit or closes the stream.
func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("csemu lsp", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	db := fset.String("db", "", "tenant file")
	usageErr := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "csemu lsp: "+format+"\n", args...)
		fmt.Fprint(stderr, lspUsage)
		return exitUsage
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, lspUsage)
			return exitOK
		}
		return usageErr("%v", err)
	}
	if fset.NArg() > 0 {
		return usageErr("unexpected argument %q", fset.Arg(0))
	}
	var tenant *state.Tenant
	if *db != "" {
		tf := &tenantFile{path: *db, readOnly: true, named: true}
		t, err := tf.load()
		if tf.store != nil {
			tf.store.Close()
		}
		if err != nil {
			fmt.Fprintf(stderr, "csemu lsp: %v\n", err)
			return exitUsage
		}
		tenant = t
	}
	conn := serveLSP(context.Background(), stdioStream{stdin, stdout}, newLSPServer(tenant))
	<-conn.DisconnectNotify()
	return exitOK
}

// stdioStream is standard input and output as one stream.
type stdioStream struct {
	r io.Reader
	w io.Writer
}

func (s stdioStream) Read(p []byte) (int, error)  { return s.r.Read(p) }
func (s stdioStream) Write(p []byte) (int, error) { return s.w.Write(p) }
func (s stdioStream) Close() error                { return nil }

// serveLSP answers the messages of a client on stream with the server's
// handler, one message at a time, in the order they come.
func serveLSP(ctx context.Context, stream io.ReadWriteCloser, s *lspServer) *jsonrpc2.Conn {
	h := jsonrpc2.HandlerWithError(func(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		gc := &glsp.Context{
			Method: req.Method,
			Notify: func(method string, params any) { _ = conn.Notify(ctx, method, params) },
			Call: func(method string, params any, result any) {
				_ = conn.Call(ctx, method, params, result)
			},
		}
		if req.Params != nil {
			gc.Params = *req.Params
		}
		r, validMethod, validParams, err := s.handler.Handle(gc)
		if req.Method == protocol.MethodExit {
			return nil, conn.Close()
		}
		switch {
		case !validMethod:
			if req.Notif {
				return nil, nil
			}
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
		case !validParams:
			msg := "invalid params"
			if err != nil {
				msg = err.Error()
			}
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
		case err != nil:
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()}
		}
		return r, nil
	})
	return jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(stream, jsonrpc2.VSCodeObjectCodec{}), h)
}

// lspDoc is an open document.
type lspDoc struct {
	uri      protocol.DocumentUri
	path     string
	text     string
	findings []lint.Finding
	tidy     []lint.Fix
}

// lspServer is the state of the language server: the open documents, the
// lint environment and a session for completion and help.
type lspServer struct {
	handler protocol.Handler
	env     *lint.Env
	configs *lint.ConfigFinder
	sess    *cmdlets.Session
	out     *bytes.Buffer // the session's output, for Get-Help
	docs    map[protocol.DocumentUri]*lspDoc
	// known is what exists beyond a script: the policies the other
	// scripts of its folder create (read from disk when a script of the
	// folder is first opened), and those of the tenant file.
	known *lint.Knowledge
	dirs  map[string]bool
}

// newLSPServer returns a server whose completion reads tenant (a new
// tenant in memory when nil).
func newLSPServer(tenant *state.Tenant) *lspServer {
	s := &lspServer{
		env:     lint.NewEnv(cmdlets.NewCommands(teams.Modules(), teams.NewHolder(teams.Config{}).Cmdlets()...)),
		configs: lint.NewConfigFinder(),
		out:     &bytes.Buffer{},
		docs:    map[protocol.DocumentUri]*lspDoc{},
		known:   lint.NewKnowledge(),
		dirs:    map[string]bool{},
	}
	s.env.Known = s.known
	if tenant != nil {
		s.known.AddTenant(tenant)
	}
	// completion of policy identities reads the tenant; no cmdlet runs but
	// Get-Help, and the tenant is never saved
	if tenant == nil {
		t, err := state.NewMemory().Load()
		if err == nil {
			tenant = t
		}
	}
	holder := teams.NewHolder(teams.Config{
		Load: func() (*state.Tenant, error) { return tenant, nil },
		Peek: func() *state.Tenant { return tenant },
	})
	s.sess = cmdlets.NewSession(append([]cmdlets.Option{
		cmdlets.WithIO(strings.NewReader(""), s.out, io.Discard),
		cmdlets.WithNonInteractive(),
		cmdlets.WithWidth(100),
	}, holder.Options()...)...)
	s.handler = protocol.Handler{
		Initialize:             s.initialize,
		Initialized:            func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:               func(*glsp.Context) error { return nil },
		Exit:                   func(*glsp.Context) error { return nil },
		SetTrace:               func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:    s.didOpen,
		TextDocumentDidChange:  s.didChange,
		TextDocumentDidClose:   s.didClose,
		TextDocumentDidSave:    func(*glsp.Context, *protocol.DidSaveTextDocumentParams) error { return nil },
		TextDocumentCompletion: s.completion,
		TextDocumentHover:      s.hover,
		TextDocumentCodeAction: s.codeAction,
	}
	return s
}

func (s *lspServer) initialize(_ *glsp.Context, _ *protocol.InitializeParams) (any, error) {
	caps := s.handler.CreateServerCapabilities()
	caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{"-", ":", " "}}
	kinds := []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, codeActionFixAll}
	caps.CodeActionProvider = protocol.CodeActionOptions{CodeActionKinds: kinds}
	version := csemuVersion
	return protocol.InitializeResult{
		Capabilities: caps,
		ServerInfo:   &protocol.InitializeResultServerInfo{Name: "csemu", Version: &version},
	}, nil
}

// docPath is the file path of a file: URI ("" for another scheme).
func docPath(uri protocol.DocumentUri) string {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return filepath.FromSlash(u.Path)
}

func (s *lspServer) didOpen(ctx *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	d := &lspDoc{uri: p.TextDocument.URI, path: docPath(p.TextDocument.URI), text: p.TextDocument.Text}
	s.docs[d.uri] = d
	s.readFolder(d.path)
	s.lintDoc(ctx, d)
	return nil
}

func (s *lspServer) didChange(ctx *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		return nil
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = c.Text
		case protocol.TextDocumentContentChangeEvent:
			if c.Range == nil {
				d.text = c.Text
				continue
			}
			start, end := offsetOf(d.text, c.Range.Start), offsetOf(d.text, c.Range.End)
			if end < start {
				start, end = end, start
			}
			d.text = d.text[:start] + c.Text + d.text[end:]
		}
	}
	s.lintDoc(ctx, d)
	return nil
}

func (s *lspServer) didClose(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	delete(s.docs, p.TextDocument.URI)
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
		URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	return nil
}

// readFolder notes the policies the other scripts in the folder of path
// create, once per folder, as csemu lint over the folder does.
func (s *lspServer) readFolder(path string) {
	if path == "" {
		return
	}
	dir := filepath.Dir(path)
	if s.dirs[dir] {
		return
	}
	s.dirs[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		p := filepath.Join(dir, e.Name())
		if e.IsDir() || ext != ".ps1" && ext != ".psm1" || p == filepath.Clean(path) {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			s.known.AddScript(p, textenc.Decode(data), s.env)
		}
	}
}

// lintDoc lints a document as csemu lint does (suppression comments, and
// the settings file of its folder) and publishes the findings.
func (s *lspServer) lintDoc(ctx *glsp.Context, d *lspDoc) {
	name := d.path
	if name == "" {
		name = string(d.uri)
	}
	an := lint.Analyze(name, d.text, s.env)
	found := lint.Suppress(d.text, an.Findings)
	if d.path != "" {
		if cfg, err := s.configs.Find(d.path, filepath.Dir(d.path)); err == nil {
			found = cfg.Apply(found)
		}
	}
	d.findings, d.tidy = found, an.Tidy
	diags := make([]protocol.Diagnostic, 0, len(found))
	for _, fd := range found {
		diags = append(diags, diagnostic(d.text, fd))
	}
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: diags})
}

// diagnostic is a finding as an LSP diagnostic.
func diagnostic(text string, fd lint.Finding) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityInformation
	switch fd.Severity {
	case lint.Error:
		sev = protocol.DiagnosticSeverityError
	case lint.Warning:
		sev = protocol.DiagnosticSeverityWarning
	}
	source := "csemu"
	msg := fd.Message
	if fd.Suggestion != "" {
		msg += " (" + fd.Suggestion + ")"
	}
	return protocol.Diagnostic{
		Range:    protocol.Range{Start: lineColPos(text, fd.Pos.Line, fd.Pos.Column), End: lineColPos(text, fd.End.Line, fd.End.Column)},
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: fd.Code},
		Source:   &source,
		Message:  msg,
	}
}

// lineStart is the byte offset where the 1-based line starts (the end of
// text when it has fewer lines).
func lineStart(text string, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// lineColPos turns a 1-based line and character column into an LSP
// position, whose character counts UTF-16 code units.
func lineColPos(text string, line, col int) protocol.Position {
	if line < 1 {
		line = 1
	}
	off := lineStart(text, line)
	units := 0
	for i := 1; i < col && off < len(text) && text[off] != '\n'; i++ {
		r, size := utf8.DecodeRuneInString(text[off:])
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1
		}
		units += n
		off += size
	}
	return protocol.Position{Line: protocol.UInteger(line - 1), Character: protocol.UInteger(units)}
}

// offsetOf turns an LSP position into a byte offset of text (clamped to
// the line and the text).
func offsetOf(text string, p protocol.Position) int {
	off := lineStart(text, int(p.Line)+1)
	units := 0
	for off < len(text) && text[off] != '\n' && units < int(p.Character) {
		r, size := utf8.DecodeRuneInString(text[off:])
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1
		}
		units += n
		off += size
	}
	return off
}

// posOf turns a byte offset of text into an LSP position.
func posOf(text string, off int) protocol.Position {
	off = min(max(off, 0), len(text))
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	units := 0
	for _, r := range text[start:off] {
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1
		}
		units += n
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(units)}
}

// completion completes the word before the cursor as the prompt does.
func (s *lspServer) completion(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		return nil, nil
	}
	cur := offsetOf(d.text, p.Position)
	// the text before the cursor is the context, as the lines of an
	// unfinished input are at the prompt (a line continued with a
	// backtick, an open block)
	start, items := s.sess.Complete(d.text[:cur], cur)
	if start < 0 || start > cur {
		start = cur
	}
	rng := protocol.Range{Start: posOf(d.text, start), End: p.Position}
	out := make([]protocol.CompletionItem, 0, len(items))
	for i, it := range items {
		sortText := fmt.Sprintf("%04d", i)
		out = append(out, protocol.CompletionItem{
			Label:    it,
			SortText: &sortText,
			TextEdit: protocol.TextEdit{Range: rng, NewText: it},
		})
	}
	return protocol.CompletionList{IsIncomplete: false, Items: out}, nil
}

// hover shows the help of the command under the cursor, as Get-Help
// shows it.
func (s *lspServer) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		return nil, nil
	}
	at := offsetOf(d.text, p.Position)
	start, end := at, at
	isWord := func(b byte) bool {
		return b == '-' || b == '_' || b == '\\' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	for start > 0 && isWord(d.text[start-1]) {
		start--
	}
	for end < len(d.text) && isWord(d.text[end]) {
		end++
	}
	word := strings.TrimLeft(d.text[start:end], "-")
	if word == "" || !strings.Contains(word, "-") {
		return nil, nil
	}
	cmd, ok := s.env.Commands.Lookup(word)
	if !ok {
		return nil, nil
	}
	s.out.Reset()
	if _, err := s.sess.RunInGlobal(context.Background(), "<hover>", "Get-Help -Name '"+strings.ReplaceAll(cmd.Name, "'", "''")+"'"); err != nil {
		return nil, nil
	}
	help := strings.TrimSpace(s.out.String())
	if help == "" {
		return nil, nil
	}
	rng := protocol.Range{Start: posOf(d.text, start), End: posOf(d.text, end)}
	return &protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: "```\n" + help + "\n```"},
		Range:    &rng,
	}, nil
}

// codeAction offers the fix of each finding in the range, each tidy fix
// in it, and one action that applies every safe fix of the document.
func (s *lspServer) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		return nil, nil
	}
	from, to := offsetOf(d.text, p.Range.Start), offsetOf(d.text, p.Range.End)
	in := func(f lint.Fix) bool { return f.Start <= to && f.End >= from }
	quick := protocol.CodeActionKindQuickFix
	var out []protocol.CodeAction
	for _, fd := range d.findings {
		if fd.Fix == nil || !in(*fd.Fix) {
			continue
		}
		diag := diagnostic(d.text, fd)
		out = append(out, protocol.CodeAction{
			Title:       fmt.Sprintf("Replace %q with %q (%s)", d.text[fd.Fix.Start:fd.Fix.End], fd.Fix.New, fd.Code),
			Kind:        &quick,
			Diagnostics: []protocol.Diagnostic{diag},
			Edit:        s.edit(d, []lint.Fix{*fd.Fix}),
		})
	}
	for _, f := range d.tidy {
		if !in(f) {
			continue
		}
		out = append(out, protocol.CodeAction{
			Title: fmt.Sprintf("Replace %q with %q", d.text[f.Start:f.End], f.New),
			Kind:  &quick,
			Edit:  s.edit(d, []lint.Fix{f}),
		})
	}
	if all := nonOverlapping(lint.SafeFixes(d.findings, d.tidy)); len(all) > 0 {
		kind := codeActionFixAll
		out = append(out, protocol.CodeAction{
			Title: "Apply every safe csemu fix",
			Kind:  &kind,
			Edit:  s.edit(d, all),
		})
	}
	if only := p.Context.Only; len(only) > 0 {
		kept := out[:0]
		for _, a := range out {
			for _, k := range only {
				if *a.Kind == k || strings.HasPrefix(*a.Kind, k+".") {
					kept = append(kept, a)
					break
				}
			}
		}
		out = kept
	}
	return out, nil
}

// nonOverlapping keeps the fixes (sorted by position) that do not overlap
// one kept before them, as one edit of a document must.
func nonOverlapping(fixes []lint.Fix) []lint.Fix {
	sort.SliceStable(fixes, func(i, j int) bool { return fixes[i].Start < fixes[j].Start })
	var out []lint.Fix
	last := -1
	for _, f := range fixes {
		if f.Start < last || len(out) > 0 && out[len(out)-1] == f {
			continue
		}
		out = append(out, f)
		last = f.End
	}
	return out
}

// edit is a workspace edit of the document made of fixes.
func (s *lspServer) edit(d *lspDoc, fixes []lint.Fix) *protocol.WorkspaceEdit {
	edits := make([]protocol.TextEdit, 0, len(fixes))
	for _, f := range fixes {
		edits = append(edits, protocol.TextEdit{
			Range:   protocol.Range{Start: posOf(d.text, f.Start), End: posOf(d.text, f.End)},
			NewText: f.New,
		})
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{d.uri: edits}}
}

// codeActionFixAll is the kind of the action that applies every safe fix
// (LSP 3.17's source.fixAll).
const codeActionFixAll = protocol.CodeActionKind("source.fixAll")
