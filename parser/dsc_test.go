package parser

import (
	"strconv"
	"strings"
	"testing"
)

// A Microsoft365DSC export in the shape Export-M365DSCConfiguration writes
// (exports.md section 3): a configuration whose Node holds resource blocks,
// "Name = value;" properties, variables, expandable strings, arrays and CIM
// instances nested in a property's value.
const dscM365 = "param ([parameter()] [System.Management.Automation.PSCredential] $Credential)\r\n" +
	"Configuration M365TenantConfig\r\n{\r\n" +
	"    param ([parameter()] [System.Management.Automation.PSCredential] $Credential)\r\n" +
	"    $OrganizationName = $Credential.UserName.Split('@')[1]\r\n" +
	"    Import-DscResource -ModuleName 'Microsoft365DSC' -ModuleVersion '1.23.1115.1'\r\n" +
	"    Node localhost\r\n    {\r\n" +
	"        TeamsMeetingPolicy \"TeamsMeetingPolicy-Tag:AllOn\"\r\n        {\r\n" +
	"            Identity                         = \"Tag:AllOn\";\r\n" +
	"            AllowAnonymousUsersToJoinMeeting = $True;\r\n" +
	"            NewMeetingRecordingExpirationDays = -1;\r\n" +
	"            Ensure                           = \"Present\";\r\n" +
	"            Credential                       = $Credscredential;\r\n" +
	"        }\r\n" +
	"        TeamsUserPolicyAssignment 3f2b1c7e-9d1a-4c55-8d1e-2f0e6a1b2c3d\r\n        {\r\n" +
	"            User               = \"john@$OrganizationName\"\r\n" +
	"            TeamsMeetingPolicy = \"AllOn\"\r\n" +
	"            TenantId           = $ConfigurationData.NonNodeData.TenantId\r\n" +
	"        }\r\n" +
	"        TeamsFoo Bar { Rules = @(\r\n            MSFT_TeamsRule{\r\n                A = 1\r\n            }\r\n" +
	"            MSFT_TeamsRule { A = 2 }\r\n        ); One = MSFT_X { B = 'x' } }\r\n" +
	"    }\r\n}\r\n" +
	"M365TenantConfig -ConfigurationData .\\ConfigurationData.psd1 -Credential $Credential\r\n"

// dscStatements returns the dynamic keyword statements of a script, in
// the order Walk finds them.
func dscStatements(s *Script) []*DynamicKeywordStatement {
	var out []*DynamicKeywordStatement
	Walk(s, func(n any) bool {
		if d, ok := n.(*DynamicKeywordStatement); ok {
			out = append(out, d)
		}
		return true
	})
	return out
}

func TestDSCConfigurationTree(t *testing.T) {
	s, err := Parse("M365TenantConfig.ps1", dscM365)
	if err != nil {
		t.Fatal(err)
	}
	stmts := s.Body.Stmts.Stmts
	if len(stmts) != 2 {
		t.Fatalf("%d top-level statements, want 2 (the configuration and its call)", len(stmts))
	}
	cfg, ok := stmts[0].(*ConfigurationDefinition)
	if !ok {
		t.Fatalf("first statement is %T, want *ConfigurationDefinition", stmts[0])
	}
	if cfg.NameText != "M365TenantConfig" || cfg.Pos.Line != 2 || cfg.Pos.Column != 1 {
		t.Errorf("configuration %q at %d:%d, want M365TenantConfig at 2:1", cfg.NameText, cfg.Pos.Line, cfg.Pos.Column)
	}
	if cfg.Body == nil || cfg.Body.Body.Param == nil || len(cfg.Body.Body.Param.Params) != 1 {
		t.Errorf("the configuration's body has no param block of one parameter")
	}
	if _, ok := stmts[1].(*PipelineStatement); !ok {
		t.Errorf("second statement is %T, want the command that calls the configuration", stmts[1])
	}
	var got []string
	for _, d := range dscStatements(s) {
		name := ""
		if d.Name != nil {
			name = dscM365[d.Name.Pos.Offset:d.Name.End]
		}
		body := "props"
		if d.Block != nil {
			body = "block"
		}
		n := 0
		if d.Props != nil {
			n = len(d.Props.Entries)
		}
		got = append(got, d.Keyword+"|"+name+"|"+body+"|"+strconv.Itoa(n)+"|"+strconv.Itoa(d.Pos.Line))
	}
	want := []string{
		"Node|localhost|block|0|7",
		"TeamsMeetingPolicy|\"TeamsMeetingPolicy-Tag:AllOn\"|props|5|9",
		"TeamsUserPolicyAssignment|3f2b1c7e-9d1a-4c55-8d1e-2f0e6a1b2c3d|props|3|17",
		"TeamsFoo|Bar|props|2|23",
		"MSFT_TeamsRule||props|1|24",
		"MSFT_TeamsRule||props|1|27",
		"MSFT_X||props|1|28",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dynamic keywords:\n got  %q\n want %q", got, want)
	}
	// a property's value is the statement after '=', the ';' not included
	mp := dscStatements(s)[1]
	e := mp.Props.Entries[2]
	if k, _ := constantName(e.Key); k != "NewMeetingRecordingExpirationDays" || dscM365[StatementPos(e.Value).Offset:StatementEndOffset(e.Value)] != "-1" {
		t.Errorf("third property %q = %q", dscM365[e.Key.Pos.Offset:e.Key.End], dscM365[StatementPos(e.Value).Offset:StatementEndOffset(e.Value)])
	}
}

// Outside a configuration, Node and resource names are ordinary command
// names: PowerShell loads DSC keywords only while it parses a
// configuration statement (Parser.cs ConfigurationStatementRule), and
// configuration is a keyword only where a statement starts (tokenizer.cs
// keyword table; an argument is never a keyword).
func TestDSCKeywordsOnlyInConfiguration(t *testing.T) {
	for _, src := range []string{
		"Node localhost { 'x' }",
		"File Dir { DestinationPath = 'x' }",
		"Write-Output configuration",
		"$h = @{ configuration = 1 }; $h.configuration",
		"Get-Item x | ForEach-Object { File Dir { } }",
	} {
		s, err := Parse("", src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		var bad []string
		Walk(s, func(n any) bool {
			switch n.(type) {
			case *ConfigurationDefinition, *DynamicKeywordStatement:
				bad = append(bad, strings.TrimPrefix(strings.TrimPrefix(typeName(n), "*"), "parser."))
			}
			return true
		})
		if len(bad) > 0 {
			t.Errorf("Parse(%q) has %v", src, bad)
		}
	}
}

func typeName(n any) string {
	switch n.(type) {
	case *ConfigurationDefinition:
		return "ConfigurationDefinition"
	case *DynamicKeywordStatement:
		return "DynamicKeywordStatement"
	}
	return "?"
}

// Inside a configuration, statements that are not keyword blocks stay
// what they are: assignments, commands (Import-DscResource, a command name
// with a dash), keywords (if, foreach), and a word with arguments but no
// block.
func TestDSCOrdinaryStatementsInConfiguration(t *testing.T) {
	src := "Configuration C {\n" +
		"    $x = 1\n" +
		"    Import-DscResource -ModuleName PSDesiredStateConfiguration\n" +
		"    if ($x) { Write-Verbose 'x' }\n" +
		"    foreach ($n in 1..2) { Node \"n$n\" { File f { DestinationPath = \"c:\\$n\" } } }\n" +
		"    Write-Verbose done\n" +
		"}\n"
	s, err := Parse("", src)
	if err != nil {
		t.Fatal(err)
	}
	cfg := s.Body.Stmts.Stmts[0].(*ConfigurationDefinition)
	var kinds []string
	for _, st := range cfg.Body.Body.Stmts.Stmts {
		switch st.(type) {
		case *PipelineStatement:
			kinds = append(kinds, "pipeline")
		case *IfStatement:
			kinds = append(kinds, "if")
		case *ForeachStatement:
			kinds = append(kinds, "foreach")
		default:
			kinds = append(kinds, "other")
		}
	}
	if strings.Join(kinds, " ") != "pipeline pipeline if foreach pipeline" {
		t.Errorf("statements: %v", kinds)
	}
	if n := len(dscStatements(s)); n != 2 {
		t.Errorf("%d keyword blocks, want 2 (Node and File inside foreach)", n)
	}
}

// The errors of a broken configuration statement are PowerShell's
// (Parser.cs ConfigurationStatementRule and DynamicKeywordStatementRule;
// messages from ParserStrings.resx).
var dscErrorCases = []errCase{
	{name: "configuration without a name", src: "configuration", want: []string{"1:14: The name for the configuration is missing. Provide the missing name as a simple name, string, or string-valued expression."}, incomplete: true},
	{name: "configuration with a block and no name", src: "configuration { }", want: []string{"1:14: The name for the configuration is missing. Provide the missing name as a simple name, string, or string-valued expression."}},
	{name: "configuration without a body", src: "configuration foo", want: []string{"1:18: Missing '{' in configuration statement."}, incomplete: true},
	{name: "configuration with a bad name", src: "configuration 1foo { }", want: []string{"1:15: The configuration name '1foo' is not valid. Standard names may only contain letters (a-z, A-Z), numbers (0-9), period (.), hyphen (-) and underscore (_). The name may not be null or empty, and should start with a letter."}},
	// (a resource's '}' is missing after its '{', as a hash literal's; a
	// script block's at its '{')
	{name: "unclosed resource", src: "configuration C {\n Node x {\n  File f {\n   A = 1\n", want: []string{"3:11: " + msgCurly, "2:9: " + msgCurly, "1:17: " + msgCurly}, incomplete: true},
	{name: "resource property without a value", src: "configuration C { Node x { File f { A = } } }", want: []string{"1:40: Missing statement after '=' in hash literal."}},
}

func TestDSCErrors(t *testing.T) {
	for _, c := range dscErrorCases {
		t.Run(c.name, func(t *testing.T) {
			got, gotInc, ok := checkErrCase(t, c)
			if !ok {
				return
			}
			if !equalStrings(got, c.want) {
				t.Errorf("Parse(%q):\n got  %q\n want %q", c.src, got, c.want)
			}
			if len(got) > 0 && gotInc != c.incomplete {
				t.Errorf("Parse(%q): IsIncomplete = %v, want %v", c.src, gotInc, c.incomplete)
			}
		})
	}
}

// Nesting deeper than maxNesting is one positioned error, not a crash:
// the parser descends once per level (an Export-M365DSCConfiguration file
// nests a few levels; a hostile or truncated file may open thousands).
func TestNestingTooDeep(t *testing.T) {
	src := "$x = 1\n$y = " + strings.Repeat("@(", maxNesting+10) + strings.Repeat(")", maxNesting+10)
	s, errs := ParseAll("deep.ps1", src)
	if s != nil || len(errs) != 1 || errs[0].ID != "NestingTooDeep" {
		t.Fatalf("ParseAll = %v, %v; want one NestingTooDeep error", s != nil, errs)
	}
	if p := errs[0].Pos; p.Line != 2 || p.Column != 6+2*maxNesting {
		t.Errorf("error at %d:%d, want 2:%d (the level too many)", p.Line, p.Column, 6+2*maxNesting)
	}
	ok := "$y = " + strings.Repeat("@(", 200) + strings.Repeat(")", 200)
	if _, err := Parse("", ok); err != nil {
		t.Errorf("200 levels: %v", err)
	}
}
