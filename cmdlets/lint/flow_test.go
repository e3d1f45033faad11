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
	"github.com/csemu/csemu/state"
)

// The values Set-CsTeamsMeetingPolicy takes for AutoAdmittedUsers are the
// ones its cmdlet page on Microsoft Learn lists; how a value reaches a
// parameter through a variable follows about_Variables, about_Assignment_
// Operators (= and +=), about_Foreach, about_Splatting (a hashtable's keys
// bind as parameter names) and about_Hash_Tables ($h.Key = v and
// $h['Key'] = v add or change an entry).

const flowSet = "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers "

var flowKnown = []struct {
	name, src string
	want      []want
}{
	{"constant", "$v = 'Everybody'\n" + flowSet + "$v\n",
		[]want{{"CSE1301", "2:62-2:64", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 1)", "did you mean Everyone?"}}},
	{"double-quoted constant", "$v = \"Everybody\"\n" + flowSet + "$v\n",
		[]want{{"CSE1301", "2:62-2:64", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 1)", "did you mean Everyone?"}}},
	{"concatenation", "$a = 'Every'\n$v = $a + 'body'\n" + flowSet + "$v\n",
		[]want{{"CSE1301", "3:62-3:64", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 2)", "did you mean Everyone?"}}},
	{"expandable string", "$a = 'Every'\n" + flowSet + "\"${a}body\"\n",
		[]want{{"CSE1301", "2:62-2:72", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 1)", "did you mean Everyone?"}}},
	{"append", "$v = 'Every'\n$v += 'body'\n" + flowSet + "$v\n",
		[]want{{"CSE1301", "3:62-3:64", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 2)", "did you mean Everyone?"}}},
	{"the last assignment counts", "$v = 'Everyone'\n$v = 'Everybody'\n" + flowSet + "$v\n",
		[]want{{"CSE1301", "3:62-3:64", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 2)", "did you mean Everyone?"}}},
	{"copied through another variable", "$a = 'Everybody'\n$v = $a\n" + flowSet + "$v\n",
		[]want{{"CSE1301", "3:62-3:64", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 2)", "did you mean Everyone?"}}},
	{"read in a branch", "$v = 'Everybody'\nif ($true) {\n  " + flowSet + "$v\n}\n",
		[]want{{"CSE1301", "3:64-3:66", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 1)", "did you mean Everyone?"}}},
	{"boolean from a variable", "$b = 'yes'\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $b\n",
		[]want{{"CSE1302", "2:77-2:79", fmt.Sprintf(boolMsg, "AllowAnonymousUsersToJoinMeeting") + " (the value came from line 1)", "use $true or $false"}}},
	{"foreach over a constant list", "foreach ($x in 'Everyone', 'Nobody', 'InvitedUsers') {\n  " + flowSet + "$x\n}\n",
		[]want{{"CSE1301", "2:64-2:66", fmt.Sprintf(autoMsg, "Nobody") + " (the value came from line 1)", ""}}},
	{"foreach over a list in a variable", "$all = @('OrganizerOnly', 'Everybody')\nforeach ($x in $all) {\n  " + flowSet + "$x\n}\n",
		[]want{{"CSE1301", "3:64-3:66", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 2)", "did you mean Everyone?"}}},
	{"splat built in several statements", "$p = @{}\n$p.Identity = 'Global'\n$p['AutoAdmittedUsers'] = 'Everybody'\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1301", "4:26-4:28", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 3)", "did you mean Everyone?"}}},
	{"splat entry changed", "$p = @{ Identity = 'Global'; AutoAdmittedUsers = 'Everyone' }\n$p.AutoAdmittedUsers = 'Everybody'\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1301", "3:26-3:28", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 2)", "did you mean Everyone?"}}},
	{"splat entry from a variable", "$v = 'Everybody'\n$p = @{ Identity = 'Global' }\n$p.AutoAdmittedUsers = $v\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1301", "4:26-4:28", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 3)", "did you mean Everyone?"}}},
	{"splat entry added by Add", "$p = @{}\n$p.Add('Identity', 'Global')\n$p.Add('AutoAdmittedUsers', 'Everybody')\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1301", "4:26-4:28", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 3)", "did you mean Everyone?"}}},
	{"Add does not replace an entry", "$p = @{ Identity = 'Global'; AutoAdmittedUsers = 'Everybody' }\n$p.Add('AutoAdmittedUsers', 'Everyone')\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1301", "3:26-3:28", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 1)", "did you mean Everyone?"}}},
	{"key from a variable", "$k = 'AutoAdmittedUsers'\n$p = @{ Identity = 'Global' }\n$p[$k] = 'Everybody'\nSet-CsTeamsMeetingPolicy @p\n",
		[]want{{"CSE1301", "4:26-4:28", fmt.Sprintf(autoMsg, "Everybody") + " (the value came from line 3)", "did you mean Everyone?"}}},
	{"policy name from a variable", "$n = 'Partners'\nGrant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName \"Tag:$n\"\n",
		[]want{{"CSE1401", "2:68-2:76", fmt.Sprintf(never, "Tag:Partners"), "create it first with New-CsTeamsMeetingPolicy -Identity Partners, or check the name"}}},
}

// TestFlowKnown checks the values the pass follows to a parameter.
func TestFlowKnown(t *testing.T) {
	for _, tc := range flowKnown {
		t.Run(tc.name, func(t *testing.T) {
			g := commandFindingsOf(tc.src)
			if fmt.Sprint(g) != fmt.Sprint(tc.want) {
				t.Errorf("findings:\n got %v\nwant %v", g, tc.want)
			}
		})
	}
}

// TestFlowKnownMatchEngine runs the scripts whose finding is a binding
// error: the engine must stop with the same message.
func TestFlowKnownMatchEngine(t *testing.T) {
	for _, tc := range flowKnown {
		w := tc.want[0]
		if w.code >= "CSE1400" {
			continue
		}
		var out, errb bytes.Buffer
		h := teams.NewHolder(teams.Config{Load: func() (*state.Tenant, error) { return state.NewTenant(), nil }})
		s := cmdlets.NewSession(append([]cmdlets.Option{cmdlets.WithIO(strings.NewReader(""), &out, &errb),
			cmdlets.WithAllowWrite(false)}, h.Options()...)...)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, _ = s.Run(ctx, "t.ps1", tc.src, nil)
		cancel()
		msg, _, _ := strings.Cut(w.msg, " (the ")
		if !strings.Contains(errb.String(), msg) {
			t.Errorf("%s: the engine says\n%s\nnot\n%s", tc.name, errb.String(), msg)
		}
	}
}

// TestFlowUnknown checks that a value the pass cannot be sure of stays
// unknown: nothing is reported.
func TestFlowUnknown(t *testing.T) {
	cases := []struct{ name, src string }{
		{"assigned in a branch", "if ($env:X) { $v = 'Everybody' } else { $v = 'Everyone' }\n" + flowSet + "$v\n"},
		{"changed in a branch", "$v = 'Everybody'\nif ($env:X) { $v = 'Everyone' }\n" + flowSet + "$v\n"},
		{"changed in a loop", "$v = 'Everybody'\nforeach ($i in 1..3) { $v = 'Everyone' }\n" + flowSet + "$v\n"},
		{"assigned in a while loop", "while ($true) { $v = 'Everybody'; break }\n" + flowSet + "$v\n"},
		{"foreach variable changed in its body", "foreach ($x in 'Nobody') { $x = 'Everyone'; " + flowSet + "$x }\n"},
		{"foreach variable after the loop", "foreach ($x in 'Nobody') { }\n" + flowSet + "$x\n"},
		{"foreach over a list from a command", "foreach ($x in (Get-Content x.txt)) { " + flowSet + "$x }\n"},
		{"from a function call", "function Get-Value { 'Everybody' }\n$v = Get-Value\n" + flowSet + "$v\n"},
		{"from a command in parentheses", "$v = (Get-Content x.txt)\n" + flowSet + "$v\n"},
		{"from the pipeline", "$v = 'Everybody' | ForEach-Object { $_ }\n" + flowSet + "$v\n"},
		{"set by Set-Variable", "'Everybody' | Set-Variable v\n" + flowSet + "$v\n"},
		{"set by -OutVariable", "$v = 'Everyone'\nWrite-Output 'Everybody' -OutVariable v\n" + flowSet + "$v\n"},
		{"changed in a called function", "function Reset { $script:v = 'Everyone' }\n$v = 'Everybody'\nReset\n" + flowSet + "$v\n"},
		{"changed in a script block", "$v = 'Everybody'\n1 | ForEach-Object { $v = 'Everyone' }\n" + flowSet + "$v\n"},
		{"of another scope", "$global:v = 'Everybody'\n" + flowSet + "$v\n"},
		{"read from another scope", "$v = 'Everybody'\n" + flowSet + "$global:v\n"},
		{"read in a function", "$v = 'Everybody'\nfunction Apply { " + flowSet + "$v }\n"},
		{"read in a script block", "$v = 'Everybody'\n$sb = { " + flowSet + "$v }\n"},
		{"read before assigned", flowSet + "$v\n$v = 'Everybody'\n"},
		{"a script parameter", "param($v = 'Everybody')\n" + flowSet + "$v\n"},
		{"dot-sourced file", "$v = 'Everybody'\n. ./settings.ps1\n" + flowSet + "$v\n"},
		{"passed by reference", "$v = 'Everybody'\nUpdate-Value ([ref]$v)\n" + flowSet + "$v\n"},
		{"incremented", "$v = 'Everybody'\n$v++\n" + flowSet + "$v\n"},
		{"Invoke-Expression", "$v = 'Everybody'\nInvoke-Expression '$v = \"Everyone\"'\n" + flowSet + "$v\n"},
		{"hashtable aliased", "$p = @{ Identity = 'Global' }\n$p.AutoAdmittedUsers = 'Everybody'\n$q = $p\n$q.AutoAdmittedUsers = 'Everyone'\nSet-CsTeamsMeetingPolicy @p\n"},
		{"hashtable changed by a method", "$p = @{ Identity = 'Global'; AutoAdmittedUsers = 'Everybody' }\n$p.Remove('AutoAdmittedUsers')\nSet-CsTeamsMeetingPolicy @p\n"},
		{"hashtable Add in a branch", "$p = @{ Identity = 'Global' }\nif ($env:X) { $p.Add('AutoAdmittedUsers', 'Everybody') }\nSet-CsTeamsMeetingPolicy @p\n"},
		{"hashtable built in a branch", "$p = @{ Identity = 'Global' }\nif ($env:X) { $p.AutoAdmittedUsers = 'Everybody' }\nSet-CsTeamsMeetingPolicy @p\n"},
		{"hashtable key unknown", "$k = Get-Content k.txt\n$p = @{ Identity = 'Global' }\n$p[$k] = 'Everyone'\nSet-CsTeamsMeetingPolicy @p\n"},
		{"array changed in place", "$a = 'Everyone', 'Everyone'\n$a[1] = 'InvitedUsers'\nforeach ($x in $a) { " + flowSet + "$x }\n"},
		{"foreach with continue", "foreach ($x in 'Everyone', 'Nobody') {\n  if ($x -eq 'Nobody') { continue }\n  " + flowSet + "$x\n}\n"},
		{"foreach value in a branch", "foreach ($x in 'Everyone', 'Nobody') {\n  if ($x -ne 'Nobody') { " + flowSet + "$x }\n}\n"},
		{"foreach value after ||", "foreach ($x in 'Everyone', 'Nobody') {\n  Test-Path $x || " + flowSet + "$x\n}\n"},
		{"set by Get-Variable", "$v = 'Everybody'\n(Get-Variable v).Value = 'Everyone'\n" + flowSet + "$v\n"},
		{"set through the variable drive", "$v = 'Everybody'\nSet-Item variable:v 'Everyone'\n" + flowSet + "$v\n"},
		{"assigned through the variable drive", "$v = 'Everybody'\n${variable:v} = 'Everyone'\n" + flowSet + "$v\n"},
		{"type-constrained", "[string]$v = 'Everybody'\n" + flowSet + "$v\n"},
		{"begin, process and end blocks", "begin { $v = 'Everybody' }\nend { " + flowSet + "$v }\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, fd := range Lint("t.ps1", tc.src, testEnv) {
				if fd.Code == "CSE1301" || fd.Code == "CSE1302" || fd.Code == "CSE1201" {
					t.Errorf("unexpected finding %v", got(fd))
				}
			}
		})
	}
}

// TestFlowSettings checks that the settings rules see a Boolean given
// through a variable: Set-CsAccessEdgeConfiguration's AllowAnonymousUsers
// and Set-CsConferencingPolicy's AllowAnonymousParticipantsInMeetings as
// their cmdlet pages describe them.
func TestFlowSettings(t *testing.T) {
	src := "$off = $false\n$on = 1\n" +
		"Set-CsConferencingPolicy -Identity Global -AllowAnonymousParticipantsInMeetings $off\n" +
		"Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $on\n"
	var spans []string
	for _, f := range stFindings(src, "CSE2003") {
		spans = append(spans, stSpan(f))
	}
	if fmt.Sprint(spans) != "[CSE2003 4:31-4:55]" {
		t.Errorf("got %v", spans)
	}
	// a value changed in a branch is not known
	unknown := "$off = $false\nif ($env:X) { $off = $true }\n" +
		"Set-CsConferencingPolicy -Identity Global -AllowAnonymousParticipantsInMeetings $off\n" +
		"Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n"
	if fs := stFindings(unknown, "CSE2003"); len(fs) != 0 {
		t.Errorf("unexpected %v", fs)
	}
	// an identity and a Boolean given through constants
	for _, tc := range []struct{ src, want string }{
		{"$p = 'X'\nSet-CsTeamsMeetingPolicy -Identity $p -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true\n", "[CSE2002 3:45-3:85]"},
		{"$p = 'Open'\nSet-CsTeamsMeetingPolicy -Identity $p -AutoAdmittedUsers Everyone\nSet-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToStartMeeting $true\n", "[]"},
		{"$off = $false\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $off\n", "[CSE2005 2:43-2:81]"},
	} {
		spans = nil
		for _, f := range stFindings(tc.src, "CSE200") {
			spans = append(spans, stSpan(f))
		}
		if fmt.Sprint(spans) != tc.want {
			t.Errorf("%q: got %v, want %s", tc.src, spans, tc.want)
		}
	}
}
