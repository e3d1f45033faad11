package cmdlets

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Test-Json (TestJsonCommand): whether a string or a file is JSON, and
// with -Schema or -SchemaFile whether it is valid against a JSON Schema
// (draft 2020-12 unless the schema's $schema names another). pwsh uses
// JsonSchema.Net; csemu uses the jsonschema module, so the detail in an
// InvalidJsonAgainstSchemaDetailed message is that module's wording; the
// message around it, the ids and the locations ('/ports/1') are pwsh's.

func testJSONCmdlet() *Cmdlet {
	jsonSets := []string{"JsonString", "JsonStringWithSchemaString", "JsonStringWithSchemaFile"}
	pathSets := []string{"JsonPath", "JsonPathWithSchemaString", "JsonPathWithSchemaFile"}
	litSets := []string{"JsonLiteralPath", "JsonLiteralPathWithSchemaString", "JsonLiteralPathWithSchemaFile"}
	return &Cmdlet{
		Name: "Test-Json", Synopsis: "Tests whether a string or file is valid JSON, optionally against a JSON schema.",
		Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/test-json",
		Params: []*ParamDef{
			mand(sets(pipe(p("Json", "string", 0)), jsonSets...)),
			mand(sets(byName(p("Path", "string", 0)), pathSets...)),
			mand(sets(byName(alias(p("LiteralPath", "string", 0), "PSPath", "LP")), litSets...)),
			notNullOrEmpty(mand(sets(p("Schema", "string", 1), "JsonStringWithSchemaString", "JsonPathWithSchemaString", "JsonLiteralPathWithSchemaString"))),
			notNullOrEmpty(mand(sets(p("SchemaFile", "string", 1), "JsonStringWithSchemaFile", "JsonPathWithSchemaFile", "JsonLiteralPathWithSchemaFile"))),
			notNullOrEmpty(values(p("Options", "string[]", -1), "IgnoreComments", "AllowTrailingCommas")),
		},
		DefaultSet: "JsonString",
		Begin:      testJSONBegin,
		Process:    testJSONProcess,
	}
}

// notNullOrEmpty is [ValidateNotNullOrEmpty].
func notNullOrEmpty(d *ParamDef) *ParamDef { d.NotNullOrEmpty = true; return d }

// testJSONState is what Test-Json's begin block prepares: the compiled
// schema, or the error every input reports when its references could
// not be resolved.
type testJSONState struct {
	schema    *jsonschema.Schema
	schemaErr error
	comments  bool
	commas    bool
}

// testJSONBegin reads and compiles the schema.
func testJSONBegin(c *Call) error {
	st := &testJSONState{}
	c.State = st
	for _, o := range c.Strings("Options") {
		switch strings.ToLower(o) {
		case "ignorecomments":
			st.comments = true
		case "allowtrailingcommas":
			st.commas = true
		}
	}
	var text, where string
	switch {
	case c.Has("Schema"):
		text = c.String("Schema")
		loc := c.s.currentLocation()
		dir := loc.path
		if loc.prov != provFS {
			dir, _ = c.s.host.wd()
		}
		where = filepath.Join(dir, "schema.json")
	case c.Has("SchemaFile"):
		pp, err := c.s.parsePSPath(c.fr, c.String("SchemaFile"))
		if err != nil {
			return c.writeProblem(err)
		}
		data, err := c.s.readFile(pp.path)
		if err != nil || c.s.isContainer(pp) {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "JsonSchemaFileOpenFailure",
				Category: OpenError(), Target: pp.path, Exception: "System.Exception", Msg: "Can not open JSON schema file: " + pp.path}}
		}
		text, where = string(data), pp.path
	default:
		return nil
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		return c.WriteError(&ErrorRecord{ID: "InvalidJsonSchema", Category: InvalidData, Target: text, Exception: "System.Exception",
			Msg: "Cannot parse the JSON schema."})
	}
	comp := jsonschema.NewCompiler()
	comp.DefaultDraft(jsonschema.Draft2020)
	comp.UseLoader(sessionSchemaLoader{s: c.s})
	comp.UseRegexpEngine(ecmaRegexp)
	u := fileURL(where)
	if err := comp.AddResource(u, doc); err != nil {
		st.schemaErr = err
		return nil
	}
	st.schema, st.schemaErr = comp.Compile(u)
	return nil
}

// testJSONProcess tests one JSON text or file and writes whether it is
// valid, with an error for each way it is not.
func testJSONProcess(c *Call) error {
	st, _ := c.State.(*testJSONState)
	if st == nil {
		return nil
	}
	text := c.String("Json")
	if !c.Has("Json") {
		path := c.String("Path")
		if c.Has("LiteralPath") {
			path = c.String("LiteralPath")
		}
		pp, target, err := c.outFileTarget(path)
		if err != nil || target == "" {
			return err
		}
		data, rerr := c.s.readFile(pp.path)
		if rerr != nil || c.s.isContainer(pp) {
			rec := pathNotFound(path)
			rec.Pos, rec.Command = c.Pos, c.cmd.Name
			rec.setOrigin(c.cmd.Class)
			return &psError{kind: statementTerminating, rec: rec}
		}
		text = string(data)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(relaxJSON(text, st.comments, st.commas)))
	if err != nil {
		if werr := c.WriteError(&ErrorRecord{ID: "InvalidJson", Category: InvalidData, Target: c.String("Json"), Exception: "System.Exception",
			Msg: "Cannot parse the JSON."}); werr != nil {
			return werr
		}
		return c.Write(false)
	}
	if st.schemaErr != nil {
		if werr := c.WriteError(&ErrorRecord{ID: "InvalidJsonSchema", Category: InvalidData, Exception: "System.Exception",
			Msg: "Cannot parse the JSON schema."}); werr != nil {
			return werr
		}
		return c.Write(false)
	}
	if st.schema == nil {
		return c.Write(true)
	}
	verr := st.schema.Validate(doc)
	if verr == nil {
		return c.Write(true)
	}
	var ve *jsonschema.ValidationError
	if !errors.As(verr, &ve) {
		if werr := c.WriteError(&ErrorRecord{ID: "InvalidJsonSchema", Category: InvalidData, Exception: "System.Exception",
			Msg: "Cannot parse the JSON schema."}); werr != nil {
			return werr
		}
		return c.Write(false)
	}
	pr := message.NewPrinter(language.English)
	for _, leaf := range schemaErrorLeaves(ve, pr) {
		msg := fmt.Sprintf("The JSON is not valid with the schema: %s at '%s'", leaf.ErrorKind.LocalizedString(pr), jsonPointer(leaf.InstanceLocation))
		if werr := c.WriteError(&ErrorRecord{ID: "InvalidJsonAgainstSchemaDetailed", Category: InvalidData, Exception: "System.Exception", Msg: msg}); werr != nil {
			return werr
		}
	}
	return c.Write(false)
}

// schemaErrorLeaves are the errors of a validation that have no causes of
// their own: one for each keyword that failed, as pwsh reports each
// error of its hierarchical results; those of the same location and
// text are reported once.
func schemaErrorLeaves(ve *jsonschema.ValidationError, pr *message.Printer) []*jsonschema.ValidationError {
	var out []*jsonschema.ValidationError
	seen := map[string]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			key := jsonPointer(e.InstanceLocation) + "\x00" + e.ErrorKind.LocalizedString(pr)
			if !seen[key] {
				seen[key] = true
				out = append(out, e)
			}
			return
		}
		for _, cause := range e.Causes {
			walk(cause)
		}
	}
	walk(ve)
	sort.SliceStable(out, func(i, j int) bool {
		return jsonPointer(out[i].InstanceLocation) < jsonPointer(out[j].InstanceLocation)
	})
	return out
}

// jsonPointer is an instance location as a JSON Pointer ("" for the
// document, "/ports/1").
func jsonPointer(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// fileURL is the file: URL of an absolute path.
func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// sessionSchemaLoader loads the schemas a schema refers to: files through
// the session's file system; csemu fetches nothing from the network.
type sessionSchemaLoader struct{ s *Session }

func (l sessionSchemaLoader) Load(u string) (any, error) {
	parsed, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	switch parsed.Scheme {
	case "file":
		data, err := l.s.readFile(filepath.FromSlash(parsed.Path))
		if err != nil {
			return nil, err
		}
		return jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
	case "http", "https":
		return nil, fmt.Errorf("csemu does not fetch %s: schemas on the network are not emulated", u)
	}
	return nil, fmt.Errorf("URI scheme '%s' is not supported. Only HTTP(S) and local file system URIs are allowed.", parsed.Scheme)
}

// ecmaRegexp compiles a schema's "pattern" as the ECMA 262 regular
// expression the JSON Schema specification names.
func ecmaRegexp(s string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return ecmaRE{re}, nil
}

type ecmaRE struct{ re *regexp2.Regexp }

func (r ecmaRE) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return err == nil && ok
}

func (r ecmaRE) String() string { return r.re.String() }

// relaxJSON drops what the System.Text.Json reader options allow:
// comments (IgnoreComments) and a comma before a closing bracket
// (AllowTrailingCommas). Strings are left as they are.
func relaxJSON(text string, comments, commas bool) string {
	if !comments && !commas {
		return text
	}
	var b strings.Builder
	inString := false
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if inString {
			b.WriteByte(ch)
			switch ch {
			case '\\':
				if i+1 < len(text) {
					i++
					b.WriteByte(text[i])
				}
			case '"':
				inString = false
			}
			continue
		}
		switch {
		case ch == '"':
			inString = true
			b.WriteByte(ch)
		case comments && ch == '/' && i+1 < len(text) && text[i+1] == '/':
			for i < len(text) && text[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		case comments && ch == '/' && i+1 < len(text) && text[i+1] == '*':
			end := strings.Index(text[i+2:], "*/")
			if end < 0 {
				// an unclosed comment stays, for the reader to refuse
				b.WriteString(text[i:])
				return b.String()
			}
			i += 2 + end + 1
			b.WriteByte(' ')
		case commas && ch == ',':
			j := i + 1
			for j < len(text) {
				if text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n' {
					j++
					continue
				}
				if comments && strings.HasPrefix(text[j:], "//") {
					for j < len(text) && text[j] != '\n' {
						j++
					}
					continue
				}
				break
			}
			if j < len(text) && (text[j] == '}' || text[j] == ']') {
				continue
			}
			b.WriteByte(ch)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}
