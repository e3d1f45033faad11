package parser

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// parseTimeout bounds one Parse call in the tests: a tokenizer or parser
// that loops forever must fail the test instead of hanging the run.
const parseTimeout = 5 * time.Second

type parseResult struct {
	script *Script
	err    error
	panic  any
}

// parseGuarded parses src with filename "" on another goroutine, turning a
// panic into a result and a hang into hung == true.
func parseGuarded(src string) (res parseResult, hung bool) {
	done := make(chan parseResult, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- parseResult{panic: r}
			}
		}()
		s, err := Parse("", src)
		done <- parseResult{script: s, err: err}
	}()
	select {
	case r := <-done:
		return r, false
	case <-time.After(parseTimeout):
		// The parsing goroutine cannot be stopped; it spins until the test
		// binary exits.
		return parseResult{}, true
	}
}

// mustParseGuarded parses src, failing t on a panic or a hang. ok is false
// when the caller should stop looking at the result.
func mustParseGuarded(t *testing.T, src string) (s *Script, err error, ok bool) {
	t.Helper()
	r, hung := parseGuarded(src)
	if hung {
		t.Errorf("Parse(%q) did not return within %v (infinite loop?)", src, parseTimeout)
		return nil, nil, false
	}
	if r.panic != nil {
		t.Errorf("Parse(%q) panicked: %v", src, r.panic)
		return nil, nil, false
	}
	return r.script, r.err, true
}

// errorStrings returns the Error() form of every error in err, which must
// be an ErrorList.
func errorStrings(err error) ([]string, error) {
	if err == nil {
		return nil, nil
	}
	var l ErrorList
	if !errors.As(err, &l) {
		return nil, fmt.Errorf("error is %T, not parser.ErrorList: %v", err, err)
	}
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Error()
	}
	return out, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkErrorPositions returns a description of the first problem with err
// for src: err must be nil or an ErrorList of *Error whose positions lie
// inside the input (1 <= Line, 1 <= Column, 0 <= Offset <= len(src)).
func checkErrorPositions(src string, err error) string {
	if err == nil {
		return ""
	}
	var l ErrorList
	if !errors.As(err, &l) {
		return fmt.Sprintf("error is %T, not parser.ErrorList: %v", err, err)
	}
	if len(l) == 0 {
		return "empty ErrorList returned as an error"
	}
	for _, e := range l {
		if e == nil {
			return "nil *Error in ErrorList"
		}
		p := e.Pos
		// PowerShell's end of input is one character past the script
		limit := len(src) + 1
		if p.Line < 1 || p.Column < 1 || p.Offset < 0 || p.Offset > limit {
			return fmt.Sprintf("error %q has position line %d column %d offset %d outside the input (len %d)", e.Msg, p.Line, p.Column, p.Offset, len(src))
		}
		if e.End.Offset < p.Offset || e.End.Offset > limit || e.End.Line < p.Line {
			return fmt.Sprintf("error %q has extent %d..%d (input len %d)", e.Msg, p.Offset, e.End.Offset, len(src))
		}
		if e.Msg == "" {
			return fmt.Sprintf("error at %d:%d has an empty message", p.Line, p.Column)
		}
		if e.ID == "" || errorFormat(e.ID) == "" && e.ID != "InternalError" {
			return fmt.Sprintf("error %q at %d:%d has no known ErrorId (%q)", e.Msg, p.Line, p.Column, e.ID)
		}
	}
	return ""
}
