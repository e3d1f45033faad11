package lint

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/teams"
	"github.com/csemu/csemu/parser"
	"github.com/csemu/csemu/state"
)

// want is one expected finding: code, "line:col-line:col", message and
// suggestion.
type want struct {
	code, at, msg, sug string
}

func (w want) String() string { return fmt.Sprintf("%s %s %q (%q)", w.code, w.at, w.msg, w.sug) }

func got(fd Finding) want {
	return want{fd.Code, fmt.Sprintf("%d:%d-%d:%d", fd.Pos.Line, fd.Pos.Column, fd.End.Line, fd.End.Column), fd.Message, fd.Suggestion}
}

var testEnv = newTestEnv()

// commandFindingsOf lints src and keeps the findings of the command rules.
func commandFindingsOf(src string) []want {
	var out []want
	for _, fd := range Lint("t.ps1", src, testEnv) {
		if fd.Code >= "CSE1100" && fd.Code < "CSE1500" {
			out = append(out, got(fd))
		}
	}
	return out
}

const (
	notFound = "The term '%s' is not recognized as a name of a cmdlet, function, script file, or executable program."
	notEmu   = "%s is a real command that csemu does not emulate: csemu will stop here with [NotImplemented]"
	boolMsg  = "Cannot process argument transformation on parameter '%s'. Cannot convert value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."
	autoMsg  = "cannot set AutoAdmittedUsers to %q: the value must be one of EveryoneInCompany, EveryoneInSameAndFederatedCompany, Everyone, OrganizerOnly, EveryoneInCompanyExcludingGuests, InvitedUsers"
	never    = "the policy %s is never created in this script; it must already exist in the tenant"
	ambig    = "Parameter cannot be processed because the parameter name 'AllowAnonymous' is ambiguous. Possible matches include: -AllowAnonymousUsersToDialOut -AllowAnonymousUsersToJoinMeeting -AllowAnonymousUsersToStartMeeting."
	ambigSug = "spell out one of -AllowAnonymousUsersToDialOut, -AllowAnonymousUsersToJoinMeeting, -AllowAnonymousUsersToStartMeeting"
	setMsg   = "Parameter set cannot be resolved using the specified named parameters.One or few of the parameters mentioned cannot be used together.Do a Get-command Grant-CsTeamsMeetingPolicy to see the available parameter sets."
)

var commandCases = []struct {
	name, src string
	want      []want
}{
	{"unknown cmdlet", "Set-CsTeamsMeetingPolicyy -Identity Global\n",
		[]want{{"CSE1101", "1:1-1:26", fmt.Sprintf(notFound, "Set-CsTeamsMeetingPolicyy"), "did you mean Set-CsTeamsMeetingPolicy?"}}},
	{"unknown cmdlet far from any", "Frobnicate-Widget\n",
		[]want{{"CSE1101", "1:1-1:18", fmt.Sprintf(notFound, "Frobnicate-Widget"), ""}}},
	{"unknown alias-like typo in a pipeline", "Get-CsOnlineUser | Where-Objet Department -eq Sales\n",
		[]want{{"CSE1101", "1:20-1:31", fmt.Sprintf(notFound, "Where-Objet"), "did you mean Where-Object?"}}},
	{"known commands", "function Set-Thing { param($X) }\nSet-Thing -X 1\n& $cmd -Anything\n.\\other.ps1 -Y\ngit status\nC:\\tools\\x.exe /q\ngci | ? Name -like 'a*' | % { $_ }\nMicrosoft.PowerShell.Utility\\Write-Output hi\n",
		nil},
	{"commands from elsewhere", ". ./lib.ps1\nGet-Greeting 'x'\n", nil},
	{"commands from a module", "Import-Module ./Tools.psm1\nInvoke-Tool -Now\n", nil},
	{"known module imported", "Import-Module MicrosoftTeams\nInvoke-Tool -Now\n",
		[]want{{"CSE1101", "2:1-2:12", fmt.Sprintf(notFound, "Invoke-Tool"), ""}}},
	{"scoped function", "function global:Get-Other { 'x' }\nGet-Other -Anything\n", nil},
	{"DSC configuration", "Configuration Web\n{\n    Node localhost\n    {\n        File Dir {\n            Type = 'Directory'\n        }\n    }\n}\n",
		[]want{{"CSE1103", "1:1-1:14", fmt.Sprintf(notEmu, "Configuration"), ""}}},
	{"retired session", "$s = New-CsOnlineSession\nImport-PSSession $s\n",
		[]want{
			{"CSE1102", "1:6-1:25", "New-CsOnlineSession is retired in the real modules: the script fails in a real tenant", "connect with Connect-MicrosoftTeams instead"},
			{"CSE1102", "2:1-2:17", "Import-PSSession imports the session of New-CsOnlineSession, which is retired in the real modules: the script fails in a real tenant", "connect with Connect-MicrosoftTeams instead"},
		}},
	{"not retired", "Connect-MicrosoftTeams\n$s = Get-Session\nImport-PSSession $s\n",
		[]want{{"CSE1101", "2:6-2:17", fmt.Sprintf(notFound, "Get-Session"), ""}}},
	{"real Cs cmdlet not emulated", "Get-CsOnlineVoiceRoute\n",
		[]want{{"CSE1103", "1:1-1:23", fmt.Sprintf(notEmu, "Get-CsOnlineVoiceRoute"), ""}}},
	{"real cmdlet not emulated", "Get-Process | Stop-Process\nGet-MgUser -All\n",
		[]want{
			{"CSE1103", "1:1-1:12", fmt.Sprintf(notEmu, "Get-Process"), ""},
			{"CSE1103", "1:15-1:27", fmt.Sprintf(notEmu, "Stop-Process"), ""},
			{"CSE1103", "2:1-2:11", fmt.Sprintf(notEmu, "Get-MgUser"), ""},
		}},
	{"emulated", "Get-CsTeamsMeetingPolicy -Identity Global | Format-List\n", nil},
	{"unknown parameter", "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousJoin $false\n",
		[]want{{"CSE1201", "1:43-1:62", "A parameter cannot be found that matches parameter name 'AllowAnonymousJoin'.", "did you mean -AllowAnonymousUsersToJoinMeeting?"}}},
	{"unknown parameter typo, colon form", "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmitedUsers:Everyone\n",
		[]want{{"CSE1201", "1:43-1:60", "A parameter cannot be found that matches parameter name 'AutoAdmitedUsers'.", "did you mean -AutoAdmittedUsers?"}}},
	{"unknown parameter in a splat", "$p = @{\n    Identity = 'Global'\n    AllowAnonymousJoin = $false\n}\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1201", "3:5-3:23", "A parameter cannot be found that matches parameter name 'AllowAnonymousJoin'.", "did you mean -AllowAnonymousUsersToJoinMeeting?"}}},
	{"extra positional", "Get-CsTeamsMeetingPolicy Global extra\n",
		[]want{{"CSE1201", "1:33-1:38", "A positional parameter cannot be found that accepts argument 'extra'.", "name the parameter the value is for"}}},
	{"known parameters", "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoin:$false -ea Stop -WhatIf -Verbose\n" +
		"Set-CsTeamsMeetingPolicy @later\n$later = @{ Foo = 1 }\n", nil},
	// a hashtable built in several statements binds its keys as
	// parameters when splatted (about_Splatting), so an unknown key is
	// refused like -Foo would be
	{"splat built in several statements", "$q = @{}\n$q.Foo = 1\nSet-CsTeamsMeetingPolicy @q\n" +
		"$r = @{ Foo = 1 }\n$r = @{ Bar = 2 }\nSet-CsTeamsMeetingPolicy @r\n",
		[]want{{"CSE1201", "3:26-3:28", "A parameter cannot be found that matches parameter name 'Foo'. (the key was set on line 2)", "did you mean -Force?"},
			{"CSE1201", "6:26-6:28", "A parameter cannot be found that matches parameter name 'Bar'. (the key was set on line 5)", ""}}},
	{"ambiguous parameter", "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymous $false\n",
		[]want{{"CSE1202", "1:43-1:58", ambig, ambigSug}}},
	{"parameter set conflict", "Grant-CsTeamsMeetingPolicy -PolicyName Tag:AllOn -Global -Group sales@contoso.com\n",
		[]want{{"CSE1203", "1:1-1:27", setMsg, "see Get-Command Grant-CsTeamsMeetingPolicy -Syntax for the parameters that go together"}}},
	{"missing mandatory", "New-CsGroupPolicyAssignment -GroupId sales@contoso.com -PolicyName Tag:AllOn\n",
		[]want{{"CSE1204", "1:1-1:28", "Cannot process command because of one or more missing mandatory parameters: PolicyType.", "add -PolicyType"}}},
	{"missing mandatory in a splat", "$a = @{ GroupId = 'sales@contoso.com'; PolicyName = 'Tag:AllOn' }\nNew-CsGroupPolicyAssignment @a\n",
		[]want{{"CSE1204", "2:1-2:28", "Cannot process command because of one or more missing mandatory parameters: PolicyType.", "add -PolicyType"}}},
	{"mandatory not checked", "$groups | New-CsGroupPolicyAssignment -PolicyName Tag:AllOn\n$p = Get-Content x.json | ConvertFrom-Json\nNew-CsGroupPolicyAssignment @p -PolicyName Tag:AllOn\n", nil},
	{"missing argument and duplicate", "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers\nSet-CsTeamsMeetingPolicy -Identity Global -Identity Tag:A\n",
		[]want{
			{"CSE1205", "1:43-1:61", "Missing an argument for parameter 'AutoAdmittedUsers'. Specify a parameter of type 'System.String' and try again.", ""},
			{"CSE1205", "2:43-2:52", "Cannot bind parameter because parameter 'Identity' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".", ""},
		}},
	{"undocumented value", "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everybody\n",
		[]want{{"CSE1301", "1:62-1:71", fmt.Sprintf(autoMsg, "Everybody"), "did you mean Everyone?"}}},
	{"undocumented value in a splat", "$p = @{ AutoAdmittedUsers = \"EveryoneInCompny\" }\nSet-CsTeamsMeetingPolicy -Identity Global @p\n",
		[]want{{"CSE1301", "1:29-1:47", fmt.Sprintf(autoMsg, "EveryoneInCompny"), "did you mean EveryoneInCompany?"}}},
	{"enum value", "Get-CsTeamsMeetingPolicy -ErrorAction Sometimes\n",
		[]want{{"CSE1301", "1:39-1:48", "Cannot bind parameter 'ErrorAction'. Cannot convert value \"Sometimes\" to type \"System.Management.Automation.ActionPreference\". Error: \"Unable to match the identifier name Sometimes to a valid enumerator name. Specify one of the following enumerator names and try again:\nSilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend, Break\"", ""}}},
	{"documented values", "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers everyone -ErrorAction stop\nSet-CsTeamsMeetingPolicy -AutoAdmittedUsers $who\n", nil},
	{"wrong type", "Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting yes\nSet-CsTeamsMeetingPolicy -AllowAnonymousUsersToStartMeeting:'false'\nSet-CsTeamsMeetingPolicy -MediaBitRateKb abc\n",
		[]want{
			{"CSE1302", "1:77-1:80", fmt.Sprintf(boolMsg, "AllowAnonymousUsersToJoinMeeting"), "use $true or $false"},
			{"CSE1302", "2:61-2:68", fmt.Sprintf(boolMsg, "AllowAnonymousUsersToStartMeeting"), "use $true or $false"},
			{"CSE1302", "3:42-3:45", "Cannot bind parameter 'MediaBitRateKb'. Cannot convert value \"abc\" to type \"System.UInt32\". Error: \"The input string 'abc' was not in a correct format.\"", ""},
		}},
	{"right type", "Set-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting $false -AllowAnonymousUsersToStartMeeting 0 -MediaBitRateKb 5000\nSet-CsTeamsMeetingPolicy -AllowAnonymousUsersToJoinMeeting:$x\n", nil},
	{"policy never created", "Grant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName Tag:NoAnonymous\nSet-CsTeamsMeetingPolicy -Identity 'Old' -AllowAnonymousUsersToJoinMeeting $false\nRemove-CsExternalAccessPolicy \"Tag:Gone\"\n",
		[]want{
			{"CSE1401", "1:68-1:83", fmt.Sprintf(never, "Tag:NoAnonymous"), "create it first with New-CsTeamsMeetingPolicy -Identity NoAnonymous, or check the name"},
			{"CSE1401", "2:36-2:41", fmt.Sprintf(never, "Tag:Old"), "create it first with New-CsTeamsMeetingPolicy -Identity Old, or check the name"},
			{"CSE1401", "3:31-3:41", fmt.Sprintf(never, "Tag:Gone"), "create it first with New-CsExternalAccessPolicy -Identity Gone, or check the name"},
		}},
	{"policy name behind an unknown splat", "Grant-CsTeamsMeetingPolicy @args Tag:Maybe\n", nil},
	{"policies created or built in", "New-CsTeamsMeetingPolicy -Identity NoAnonymous\nGrant-CsTeamsMeetingPolicy -Identity a@contoso.com -PolicyName Tag:NoAnonymous\n" +
		"Set-CsTeamsMeetingPolicy -Identity tag:noanonymous -AllowAnonymousUsersToJoinMeeting $false\n" +
		"Grant-CsTeamsMeetingPolicy -Identity a@contoso.com -PolicyName Tag:AllOn\nGrant-CsTeamsMeetingPolicy -Identity a@contoso.com -PolicyName $null\n" +
		"Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\nRemove-CsTeamsMeetingPolicy -Identity RestrictedAnonymousAccess\n" +
		"foreach ($n in 'A','B') { New-CsExternalAccessPolicy -Identity $n }\nGrant-CsExternalAccessPolicy -Identity a@contoso.com -PolicyName A\n", nil},
}

func TestCommandRules(t *testing.T) {
	for _, tc := range commandCases {
		t.Run(tc.name, func(t *testing.T) {
			g := commandFindingsOf(tc.src)
			if fmt.Sprint(g) != fmt.Sprint(tc.want) {
				t.Errorf("findings:\n got %v\nwant %v", g, tc.want)
			}
		})
	}
}

// TestCommandRulesMatchEngine runs each script whose first finding is a
// binding or value error and checks that the engine stops with the same
// message.
func TestCommandRulesMatchEngine(t *testing.T) {
	checked := 0
	for _, tc := range commandCases {
		if len(tc.want) == 0 {
			continue
		}
		w := tc.want[0]
		if w.code < "CSE1200" || w.code >= "CSE1400" {
			continue
		}
		var out, errb bytes.Buffer
		h := teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return state.NewTenant(), nil }})
		s := cmdlets.NewSession(append([]cmdlets.Option{cmdlets.WithIO(strings.NewReader(""), &out, &errb),
			cmdlets.WithAllowWrite(false)}, h.Options()...)...)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, _ = s.Run(ctx, "t.ps1", tc.src, nil)
		cancel()
		// what lint adds of where a value came from is not the engine's
		msg, _, _ := strings.Cut(w.msg, " (the ")
		if !strings.Contains(errb.String(), msg) {
			t.Errorf("%s: the engine says\n%s\nnot\n%s", tc.name, errb.String(), msg)
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d cases checked against the engine", checked)
	}
}

// TestCommandRuleExamples checks that every rule's Bad example triggers it
// and its Good example does not.
func TestCommandRuleExamples(t *testing.T) {
	rules := commandRules()
	if len(rules) != 11 {
		t.Fatalf("%d command rules", len(rules))
	}
	has := func(src, code string) bool {
		for _, fd := range Lint("t.ps1", src, testEnv) {
			if fd.Code == code {
				return true
			}
		}
		return false
	}
	for _, r := range rules {
		if !has(r.Bad, r.Code) {
			t.Errorf("%s: Bad does not trigger it:\n%s", r.Code, r.Bad)
		}
		if has(r.Good, r.Code) {
			t.Errorf("%s: Good triggers it:\n%s", r.Code, r.Good)
		}
		if r.Summary == "" || r.Help == "" || r.Name == "" {
			t.Errorf("%s: incomplete description", r.Code)
		}
	}
}

func TestCommandRulesNoScript(t *testing.T) {
	// a file that does not parse at all, and no session, give nothing
	if fds := commandFindings(&File{Path: "x.ps1"}, testEnv); len(fds) != 0 {
		t.Errorf("no script: %v", fds)
	}
	if fds := commandFindings(&File{Path: "x.ps1"}, nil); len(fds) != 0 {
		t.Errorf("no env: %v", fds)
	}
}

// BenchmarkCommandRules runs the command analysis on a typical
// 20,000-line admin script, parsed once.
func BenchmarkCommandRules(b *testing.B) {
	block := `$p = @{ Identity = 'Tag:Sales'; AllowAnonymousUsersToJoinMeeting = $false }
New-CsTeamsMeetingPolicy @p
Set-CsTeamsMeetingPolicy -Identity Tag:Sales -AutoAdmittedUsers EveryoneInCompany -AllowAnonymousUsersToStartMeeting $false
foreach ($u in Get-CsOnlineUser -Filter "Department -eq 'Sales'") {
    Grant-CsTeamsMeetingPolicy -Identity $u.UserPrincipalName -PolicyName Tag:Sales
    Write-Output "granted $($u.UserPrincipalName)"
}
Get-CsTeamsMeetingPolicy -Identity Global | Select-Object Identity, AllowAnonymousUsersToJoinMeeting
Set-CsTenantFederationConfiguration -AllowFederatedUsers $true
if ($LASTEXITCODE -ne 0) { Write-Warning 'failed' }

`
	src := strings.Repeat(block, 20000/strings.Count(block, "\n"))
	script, err := parser.Parse("big.ps1", src)
	if err != nil {
		b.Fatal(err)
	}
	f := &File{Path: "big.ps1", Src: src, Script: script}
	env := newTestEnv()
	for b.Loop() {
		if len(analyzeCommands(f, env)) != 0 {
			b.Fatal("findings in the benchmark script")
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "abc", 3}, {"Kitten", "sitting", 3}, {"ABC", "abc", 0}, {"Everybody", "Everyone", 3}} {
		if d := distance(tt.a, tt.b); d != tt.d {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}
