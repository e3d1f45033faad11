package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/csemu/csemu/state"
)

// pipeStream is one end of two pipes.
type pipeStream struct {
	io.Reader
	io.WriteCloser
}

// lspClient speaks the protocol to a server running on pipes.
type lspClient struct {
	t     testing.TB
	conn  *jsonrpc2.Conn
	diags chan protocol.PublishDiagnosticsParams
	raw   chan string // the params of each publishDiagnostics as sent
	done  <-chan struct{}
	// lastRaw is the JSON of the last diagnostics read
	lastRaw string
}

func newLSPClient(t testing.TB) *lspClient {
	t.Helper()
	return newLSPClientOn(t, nil)
}

// newLSPClientOn starts a server whose completion reads tenant.
func newLSPClientOn(t testing.TB, tenant *state.Tenant) *lspClient {
	t.Helper()
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	ctx := context.Background()
	server := serveLSP(ctx, pipeStream{sr, sw}, newLSPServer(tenant))
	c := &lspClient{t: t, diags: make(chan protocol.PublishDiagnosticsParams, 16), raw: make(chan string, 16), done: server.DisconnectNotify()}
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipeStream{cr, cw}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == protocol.ServerTextDocumentPublishDiagnostics && req.Params != nil {
				var p protocol.PublishDiagnosticsParams
				if err := json.Unmarshal(*req.Params, &p); err != nil {
					t.Errorf("publishDiagnostics: %v", err)
				}
				c.raw <- string(*req.Params)
				c.diags <- p
			}
			return nil, nil
		}))
	t.Cleanup(func() {
		c.conn.Close()
		server.Close()
	})
	var init json.RawMessage
	c.call(protocol.MethodInitialize, map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, &init)
	for _, want := range []string{`"completionProvider"`, `"hoverProvider":true`, `"codeActionProvider"`, `"change":2`} {
		if !strings.Contains(string(init), want) {
			t.Errorf("initialize result %s has no %s", init, want)
		}
	}
	c.notify(protocol.MethodInitialized, map[string]any{})
	return c
}

func (c *lspClient) call(method string, params, result any) {
	c.t.Helper()
	if err := c.conn.Call(context.Background(), method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// diagnostics waits for the next diagnostics the server publishes.
func (c *lspClient) diagnostics() protocol.PublishDiagnosticsParams {
	c.t.Helper()
	select {
	case p := <-c.diags:
		c.lastRaw = <-c.raw
		return p
	case <-time.After(30 * time.Second):
		c.t.Fatal("no diagnostics published")
	}
	return protocol.PublishDiagnosticsParams{}
}

const lspURI = "file:///work/scripts/meeting.ps1"

func pos(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

func docAt(line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": lspURI}, "position": pos(line, char)}
}

// The server publishes the lint findings of a document when it is opened
// and after each change, at the positions the protocol counts (UTF-16
// code units).
func TestLSPDiagnostics(t *testing.T) {
	c := newLSPClient(t)
	c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
		"uri": lspURI, "languageId": "powershell", "version": 1,
		"text": "# é😀\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everybody\n"}})
	p := c.diagnostics()
	if p.URI != lspURI || len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics %+v", p)
	}
	d := p.Diagnostics[0]
	if !strings.Contains(c.lastRaw, `"code":"CSE1301"`) || !strings.Contains(c.lastRaw, `"source":"csemu"`) || d.Range.Start != (protocol.Position{Line: 1, Character: 61}) ||
		d.Range.End != (protocol.Position{Line: 1, Character: 70}) || *d.Severity != protocol.DiagnosticSeverityError ||
		!strings.Contains(d.Message, "did you mean Everyone?") {
		t.Errorf("diagnostic %+v", d)
	}
	// change Everybody to Everyone with an edit of part of the line, and a
	// diagnostic position after an astral character
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument": map[string]any{"uri": lspURI, "version": 2},
		"contentChanges": []any{
			map[string]any{"range": map[string]any{"start": pos(1, 66), "end": pos(1, 70)}, "text": "one"},
			map[string]any{"range": map[string]any{"start": pos(0, 5), "end": pos(0, 5)}, "text": " Get-Nothing"},
		}})
	p = c.diagnostics()
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after the change: %+v", p.Diagnostics)
	}
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": lspURI, "version": 3},
		"contentChanges": []any{map[string]any{"text": "$x = '😀'; Get-CsTeamsMeetingPolicyy\n"}}})
	p = c.diagnostics()
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start != (protocol.Position{Line: 0, Character: 11}) {
		t.Fatalf("after the whole change: %+v", p.Diagnostics)
	}
	c.notify(protocol.MethodTextDocumentDidClose, map[string]any{"textDocument": map[string]any{"uri": lspURI}})
	if p = c.diagnostics(); len(p.Diagnostics) != 0 {
		t.Fatalf("after close: %+v", p.Diagnostics)
	}
}

func openDoc(c *lspClient, text string) {
	c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
		"uri": lspURI, "languageId": "powershell", "version": 1, "text": text}})
	c.diagnostics()
}

// Completion offers what the prompt offers: cmdlets, parameters,
// documented values and policy identities.
func TestLSPCompletion(t *testing.T) {
	c := newLSPClient(t)
	openDoc(c, "# settings\nSet-CsTeamsMeetingP\nSet-CsTeamsMeetingPolicy -AutoAdm\nSet-CsTeamsMeetingPolicy -AutoAdmittedUsers Ever\nSet-CsTeamsMeetingPolicy -Identity Gl\nif ($true) {\n  Set-CsTeamsMeetingPolicy -Identity Global `\n    -AutoAdm\n}\n")
	tests := []struct {
		line, char int
		want       string
		start      int
	}{
		{1, 19, "Set-CsTeamsMeetingPolicy", 0},
		{2, 33, "-AutoAdmittedUsers", 25},
		{3, 48, "EveryoneInCompany", 44},
		{4, 37, "Global", 35},
		{7, 12, "-AutoAdmittedUsers", 4},
	}
	for _, tc := range tests {
		var list protocol.CompletionList
		c.call(protocol.MethodTextDocumentCompletion, docAt(tc.line, tc.char), &list)
		found := false
		for _, it := range list.Items {
			if it.Label != tc.want {
				continue
			}
			found = true
			b, _ := json.Marshal(it.TextEdit)
			var te protocol.TextEdit
			_ = json.Unmarshal(b, &te)
			if te.NewText != tc.want || te.Range.Start != (protocol.Position{Line: protocol.UInteger(tc.line), Character: protocol.UInteger(tc.start)}) {
				t.Errorf("line %d: edit %s", tc.line, b)
			}
		}
		if !found {
			var labels []string
			for _, it := range list.Items {
				labels = append(labels, it.Label)
			}
			t.Errorf("line %d: no %s in %v", tc.line, tc.want, labels)
		}
	}
}

// Hover shows the cmdlet's help as Get-Help does.
func TestLSPHover(t *testing.T) {
	c := newLSPClient(t)
	openDoc(c, "set-csteamsmeetingpolicy -Identity Global\n$x = 1\n")
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
		Range    protocol.Range         `json:"range"`
	}
	c.call(protocol.MethodTextDocumentHover, docAt(0, 5), &h)
	if !strings.Contains(h.Contents.Value, "Set-CsTeamsMeetingPolicy") || !strings.Contains(h.Contents.Value, "SYNOPSIS") ||
		h.Range.End != (protocol.Position{Line: 0, Character: 24}) {
		t.Errorf("hover %+v", h)
	}
	var none json.RawMessage
	c.call(protocol.MethodTextDocumentHover, docAt(1, 1), &none)
	if string(none) != "null" {
		t.Errorf("hover on a variable: %s", none)
	}
}

// Code actions are the safe fixes: the fix of a finding, a tidy fix, and
// one action with every safe fix of the document.
func TestLSPCodeActions(t *testing.T) {
	c := newLSPClient(t)
	openDoc(c, "set-csteamsmeetingpolicy -Identity Global -AutoAdmittedUsers Everyon\n")
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": lspURI},
		"range":        map[string]any{"start": pos(0, 62), "end": pos(0, 62)},
		"context":      map[string]any{"diagnostics": []any{}}}, &actions)
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	want := []string{`Replace "Everyon" with "Everyone" (CSE1301)`, "Apply every safe csemu fix"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("actions %q", titles)
	}
	all := actions[1].Edit.Changes[lspURI]
	if len(all) != 2 || all[0].NewText != "Set-CsTeamsMeetingPolicy" || all[0].Range.End.Character != 24 ||
		all[1].NewText != "Everyone" || all[1].Range.Start.Character != 61 {
		t.Errorf("fix all: %+v", all)
	}
	c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": lspURI},
		"range":        map[string]any{"start": pos(0, 2), "end": pos(0, 2)},
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}}}, &actions)
	if len(actions) != 1 || actions[0].Title != `Replace "set-csteamsmeetingpolicy" with "Set-CsTeamsMeetingPolicy"` {
		t.Errorf("quick fixes at the cmdlet: %+v", actions)
	}
}

// The server ends when the client sends exit.
func TestLSPExit(t *testing.T) {
	c := newLSPClient(t)
	var r json.RawMessage
	c.call(protocol.MethodShutdown, nil, &r)
	c.notify(protocol.MethodExit, nil)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop")
	}
}

// csemu lsp speaks on standard input and output, with the protocol's
// Content-Length framing, and ends at exit.
func TestLSPStdio(t *testing.T) {
	var in strings.Builder
	for _, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.ps1","languageId":"powershell","version":1,"text":"Get-CsTeamsMeetingPolicyy\n"}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		in.WriteString("Content-Length: " + strconv.Itoa(len(m)) + "\r\n\r\n" + m)
	}
	var out, errw strings.Builder
	if code := run([]string{"lsp"}, strings.NewReader(in.String()), &out, &errw); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	for _, want := range []string{`"id":1,"result":{"capabilities":`, `"method":"textDocument/publishDiagnostics"`, `"code":"CSE1101"`, `"id":2,"result":null`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %s in:\n%s", want, out.String())
		}
	}
}

// lspFrames frames messages as the protocol does (a Content-Length header
// before each).
func lspFrames(msgs ...string) string {
	var in strings.Builder
	for _, m := range msgs {
		in.WriteString("Content-Length: " + strconv.Itoa(len(m)) + "\r\n\r\n" + m)
	}
	return in.String()
}

// csemu lsp --db completes the policies of a tenant file, which it reads
// and never writes.
func TestLSPTenantFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tenant.db")
	var out, errw strings.Builder
	if code := run([]string{"--db", db, "-c", "New-CsTeamsMeetingPolicy -Identity Sales | Out-Null"}, strings.NewReader(""), &out, &errw); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	in := lspFrames(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.ps1","languageId":"powershell","version":1,"text":"Set-CsTeamsMeetingPolicy -Identity Tag:S"}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///a.ps1"},"position":{"line":0,"character":40}}}`,
		`{"jsonrpc":"2.0","method":"exit"}`)
	out.Reset()
	if code := run([]string{"lsp", "--db", db}, strings.NewReader(in), &out, &errw); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	if !strings.Contains(out.String(), `"label":"Tag:Sales"`) {
		t.Errorf("no Tag:Sales in:\n%s", out.String())
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the tenant file changed")
	}
	out.Reset()
	errw.Reset()
	if code := run([]string{"lsp", "extra"}, strings.NewReader(""), &out, &errw); code != exitUsage || !strings.Contains(errw.String(), `unexpected argument "extra"`) {
		t.Errorf("exit %d, stderr %q", code, errw.String())
	}
}

// A policy another script of the folder creates, or that the tenant file
// holds, is not reported as never created (CSE1401), as csemu lint over
// the folder does.
func TestLSPFolderKnowledge(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "create.ps1"), []byte("New-CsTeamsMeetingPolicy -Identity Partners\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newLSPClient(t)
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "grant.ps1"))}).String()
	c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "powershell", "version": 1,
		"text": "Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Tag:Partners\nGrant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Tag:Others\n"}})
	p := c.diagnostics()
	var codes []string
	for _, d := range p.Diagnostics {
		codes = append(codes, fmt.Sprintf("%d:%s", d.Range.Start.Line, d.Message))
	}
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start.Line != 1 || !strings.Contains(p.Diagnostics[0].Message, "Tag:Others") {
		t.Errorf("diagnostics %q", codes)
	}
}
