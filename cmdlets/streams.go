package cmdlets

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/format"
	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// actionFor returns the effective action preference for a stream.
func (s *Session) actionFor(fr frame, explicit, prefVar string) string {
	if explicit != "" {
		return explicit
	}
	return value.ToString(s.prefValue(fr, prefVar))
}

// writeError handles a non-terminating error per -ErrorAction and
// $ErrorActionPreference. It returns a terminating error for Stop.
func (s *Session) writeError(fr frame, rec *ErrorRecord, cp *commonParams) error {
	action := strings.ToLower(s.actionFor(fr, cp.errorAction, "ErrorActionPreference"))
	s.lastOK = false
	s.errorsWritten++
	if action == "ignore" {
		return nil
	}
	if cp.errorVar != "" {
		name := cp.errorVar
		appendTo := strings.HasPrefix(name, "+")
		name = strings.TrimPrefix(name, "+")
		var items []any
		if appendTo {
			old, _ := s.getVar(fr.scope, name)
			items = append(items, value.AsSlice(old)...)
		}
		cp.errItems = append(cp.errItems, rec)
		items = append(items, cp.errItems...)
		_ = s.setVar(fr.scope, name, &value.Array{Items: items, List: true})
	}
	for sc := fr.scope; sc != nil; sc = sc.parent {
		if sc.errVar != "" && sc.parent != nil {
			name := strings.TrimPrefix(sc.errVar, "+")
			old, _ := s.getVar(sc.parent, name)
			items := append(append([]any(nil), value.AsSlice(old)...), rec)
			_ = s.setVar(sc.parent, name, &value.Array{Items: items, List: true})
		}
	}
	if action == "stop" {
		return &psError{kind: scriptTerminating, rec: rec}
	}
	s.recordError(rec)
	if action == "silentlycontinue" || cp.suppressErr {
		return nil
	}
	if cp.mergeErr != nil {
		return cp.mergeErr(rec)
	}
	s.printError(rec)
	return nil
}

// writeWarning writes "WARNING: msg" per -WarningAction and $WarningPreference.
func (s *Session) writeWarning(fr frame, cp *commonParams, msg string) error {
	action := ""
	if cp != nil {
		action = cp.warningAction
	}
	action = strings.ToLower(s.actionFor(fr, action, "WarningPreference"))
	if cp != nil && cp.warningVar != "" {
		old, _ := s.getVar(fr.scope, strings.TrimPrefix(cp.warningVar, "+"))
		items := append([]any(nil), value.AsSlice(old)...)
		_ = s.setVar(fr.scope, strings.TrimPrefix(cp.warningVar, "+"), &value.Array{Items: append(items, msg), List: true})
	}
	switch action {
	case "silentlycontinue", "ignore":
		return nil
	case "stop":
		return &psError{kind: scriptTerminating, rec: &ErrorRecord{ID: "ActionPreferenceStop", Category: OperationStopped,
			Msg: "The running command stopped because the preference variable \"WarningPreference\" or common parameter is set to Stop: " + msg}}
	}
	s.sink.flush()
	fmt.Fprintf(s.errw, "WARNING: %s\n", msg)
	return nil
}

// hostWrite writes text to the host (Write-Host), after pending output.
func (s *Session) hostWrite(text string) {
	s.sink.flush()
	fmt.Fprint(s.out, text)
}

// redirects is the effect of a command's redirections.
type redirects struct {
	out         emitFn
	finish      func() error
	suppressErr bool
	mergeErr    emitFn
}

func (s *Session) redirections(fr frame, rs []*parser.Redirection, emit emitFn) (*redirects, error) {
	r := &redirects{out: emit, finish: func() error { return nil }}
	for _, rd := range rs {
		if rd.Merge != "" {
			if strings.HasPrefix(rd.Merge, "2") || strings.HasPrefix(rd.Merge, "*") {
				r.mergeErr = emit
			}
			continue
		}
		var target any
		if rd.Target != nil {
			v, err := s.evalUnary(fr, rd.Target)
			if err != nil {
				return nil, err
			}
			target = v
		}
		stream := rd.Op[:1]
		appendMode := strings.HasSuffix(rd.Op, ">>")
		if stream == ">" {
			stream = "1"
		}
		switch stream {
		case "1", "*":
			if stream == "*" && target == nil {
				r.suppressErr = true
			}
			if target == nil {
				r.out = func(any) error { return nil }
				continue
			}
			path := value.ToString(target)
			var items []any
			r.out = func(v any) error { items = append(items, v); return nil }
			pos := rd.Pos
			r.finish = func() error {
				var buf bytes.Buffer
				if err := format.Default(&buf, items, s.width); err != nil {
					return err
				}
				return s.writeFile(fr, pos, "Out-File", path, buf.Bytes(), appendMode)
			}
		case "2":
			if target == nil {
				r.suppressErr = true
			}
		}
	}
	return r, nil
}

// writeFile writes or appends a file when writes are allowed; otherwise
// (the session's FS refuses it) it warns and skips. Every file write of a
// script comes here.
func (s *Session) writeFile(fr frame, pos parser.Pos, command, path string, data []byte, appendMode bool) error {
	path = nativePath(path)
	f, err := s.host.files.Create(path, appendMode)
	var off *writesOffError
	if errors.As(err, &off) {
		return s.writeWarning(fr, nil, fmt.Sprintf("%s: skipped writing %q: file writes need --allow-write", command, path))
	}
	if err != nil {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, Command: command, ID: "FileOpenFailure", Category: OpenError(), Msg: err.Error()}}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, Command: command, ID: "FileWriteFailure", Category: WriteError, Msg: err.Error()}}
	}
	return f.Close()
}

// OpenError is the category for a file that cannot be opened.
func OpenError() Category { return "OpenError" }

// nativePath turns a Windows-style path into one the host understands.
func nativePath(p string) string {
	if filepath.Separator == '/' {
		p = strings.ReplaceAll(p, `\`, "/")
	}
	return p
}

// readFileText reads a whole file, dropping a UTF-8 byte-order mark.
func (s *Session) readFileText(path string) (string, error) {
	data, err := s.readFile(nativePath(path))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", &value.RuntimeError{Type: "System.Management.Automation.ItemNotFoundException", Msg: fmt.Sprintf("Cannot find path '%s' because it does not exist.", path)}
		}
		return "", err
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), nil
}

// splitLines splits file text into lines without their endings.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimSuffix(text, "\n")
	return strings.Split(text, "\n")
}
