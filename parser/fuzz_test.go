package parser

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/csemu/csemu/parser/internal/scriptgen"
)

// scriptDir holds the CLI testscripts whose .ps1 files seed the fuzzer.
var scriptDir = filepath.Join("..", "testdata", "script")

// txtarFiles splits a txtar archive: a line "-- name --" starts a file that
// runs to the next such line. The comment before the first file is
// dropped.
func txtarFiles(data string) map[string]string {
	files := map[string]string{}
	var name string
	var body strings.Builder
	inFile := false
	flush := func() {
		if inFile {
			files[name] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) >= 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			inFile = true
			continue
		}
		if inFile {
			body.WriteString(line)
		}
	}
	flush()
	return files
}

// exampleDir holds the example scripts of the repository.
var exampleDir = filepath.Join("..", "scripts")

// scriptSeeds returns every .ps1 file of every testdata/script/*.txtar and
// every scripts/*.ps1.
func scriptSeeds(t testing.TB) []string {
	var out []string
	examples, err := filepath.Glob(filepath.Join(exampleDir, "*.ps1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range examples {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(data))
	}
	paths, err := filepath.Glob(filepath.Join(scriptDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for name, body := range txtarFiles(string(data)) {
			if strings.HasSuffix(strings.ToLower(name), ".ps1") {
				out = append(out, body)
			}
		}
	}
	return out
}

// tableSeeds returns every snippet of the parser test tables.
func tableSeeds() []string {
	var out []string
	for _, c := range validScripts {
		out = append(out, c.src)
	}
	for _, c := range goldenScripts {
		out = append(out, c.src)
	}
	out = append(out, dscM365)
	for _, list := range [][]errCase{errorCases, knownParseDiffs, dscErrorCases} {
		for _, c := range list {
			out = append(out, c.src)
		}
	}
	for _, c := range classCases {
		out = append(out, c.src)
	}
	out = append(out, incompleteInputs...)
	out = append(out, invalidInputs...)
	out = append(out, completeInputs...)
	return out
}

func TestTxtarFiles(t *testing.T) {
	got := txtarFiles("comment\n-- a.ps1 --\nline 1\nline 2\n-- want.txt --\nx\n")
	if got["a.ps1"] != "line 1\nline 2\n" || got["want.txt"] != "x\n" || len(got) != 2 {
		t.Errorf("txtarFiles = %q", got)
	}
	if n := len(scriptSeeds(t)); n == 0 {
		t.Errorf("no .ps1 files found under %s", scriptDir)
	}
}

// TestScriptSeedsDoNotCrash checks the fuzz properties on every
// testscript .ps1 file.
func TestScriptSeedsDoNotCrash(t *testing.T) {
	for _, src := range scriptSeeds(t) {
		if msg := checkParseProperties(src); msg != "" {
			t.Errorf("%s\nsource:\n%s", msg, src)
		}
	}
}

// fuzzTimeout bounds one Parse + Tokenize of a fuzz input.
const fuzzTimeout = 3 * time.Second

// checkParseProperties runs Parse and Tokenize on src and returns a
// description of the first violated property, or "".
func checkParseProperties(src string) string {
	type result struct {
		msg string
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{msg: "panic: " + toString(r)}
			}
		}()
		if _, err := Tokenize("", src); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				done <- result{msg: "Tokenize error is not a *parser.Error: " + err.Error()}
				return
			}
			if msg := checkErrorPositions(src, ErrorList{e}); msg != "" {
				done <- result{msg: "Tokenize: " + msg}
				return
			}
		}
		s, err := Parse("", src)
		if err == nil {
			if s == nil {
				done <- result{msg: "Parse returned neither a script nor an error"}
				return
			}
			done <- result{}
			return
		}
		if s != nil {
			done <- result{msg: "Parse returned a script and an error"}
			return
		}
		if msg := checkErrorPositions(src, err); msg != "" {
			done <- result{msg: "Parse: " + msg}
			return
		}
		done <- result{}
	}()
	select {
	case r := <-done:
		return r.msg
	case <-time.After(fuzzTimeout):
		return "Parse or Tokenize did not return within " + fuzzTimeout.String() + " (infinite loop?)"
	}
}

func toString(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// knownBug reports whether src matches the trigger of a crash already
// recorded in testdata/fuzz/FuzzParse. With CSEMU_FUZZ_SKIP_KNOWN=1 the
// fuzzer skips such inputs, so that a long run can find other bugs:
//
//	CSEMU_FUZZ_SKIP_KNOWN=1 go test ./parser -run '^$' -fuzz FuzzParse
//
// Without the variable the recorded crashers fail as regression seeds.
func knownBug(src string) bool {
	lower := strings.ToLower(src)
	// Tokenize loops forever on a '$' that starts no variable inside a
	// class or enum body ("class C { $ }", "enum {$", "class C { $(1) }").
	if strings.Contains(lower, "class") || strings.Contains(lower, "enum") {
		for i := 0; i < len(src); i++ {
			if src[i] == '$' && !startsVariableName(src[i+1:]) {
				return true
			}
		}
	}
	return false
}

func startsVariableName(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c == '_' || c == '{' || c == '?' || c == '$' || c == '^',
		c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// FuzzParse checks that no input makes Parse or Tokenize panic or hang,
// and that every error is a parser.ErrorList of positioned *Error values
// inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range tableSeeds() {
		f.Add(s)
	}
	for _, s := range scriptSeeds(f) {
		f.Add(s)
	}
	for _, s := range scriptgen.Units() {
		f.Add(s)
	}
	skipKnown := os.Getenv("CSEMU_FUZZ_SKIP_KNOWN") != ""
	f.Fuzz(func(t *testing.T, src string) {
		if skipKnown && knownBug(src) {
			t.Skip("known parser bug")
		}
		if msg := checkParseProperties(src); msg != "" {
			t.Fatalf("%s\ninput: %q", msg, src)
		}
	})
}
