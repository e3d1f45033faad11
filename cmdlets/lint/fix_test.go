package lint

import (
	"testing"
	"unicode/utf8"

	"github.com/csemu/csemu/parser"
)

// fixed applies the safe fixes to src until none is left.
func fixed(t *testing.T, src string) FixResult {
	t.Helper()
	return FixSource("t.ps1", src, testEnv, func(src string, fs []Finding) []Finding { return Suppress(src, fs) })
}

// PowerShell matches cmdlet names, parameter names and the values of a
// ValidateSet without case (about_Command_Syntax, about_Parameters), takes
// the en dash, em dash and horizontal bar before a parameter name and the
// typographic quotes as quotes (about_Special_Characters; the tokenizer's
// CharTraits), so these fixes do not change what a script means.
func TestFixKinds(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"cmdlet casing",
			"set-csteamsmeetingpolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n",
			"Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"},
		{"parameter casing",
			"Set-CsTeamsMeetingPolicy -identity Global -allowanonymoususerstojoinmeeting:$false\n",
			"Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting:$false\n"},
		{"abbreviation kept",
			"Set-CsTeamsMeetingPolicy -Ident Global\n",
			"Set-CsTeamsMeetingPolicy -Ident Global\n"},
		{"documented value casing",
			"Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers 'everyone'\n",
			"Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers 'Everyone'\n"},
		{"one-edit typo of a value",
			"Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyon\n",
			"Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\n"},
		{"far typo not fixed",
			"Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everybody\n",
			"Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everybody\n"},
		{"typographic dashes",
			"Set-CsTeamsMeetingPolicy –Identity Global —AllowAnonymousUsersToJoinMeeting $false\n",
			"Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"},
		{"typographic quotes",
			"Set-CsTeamsMeetingPolicy -Identity ‘Global’ -AutoAdmittedUsers “Everyone”\n",
			"Set-CsTeamsMeetingPolicy -Identity 'Global' -AutoAdmittedUsers \"Everyone\"\n"},
		{"quotes around a variable kept",
			"Set-CsTeamsMeetingPolicy -Identity “$name” -AutoAdmittedUsers Everyone\n",
			"Set-CsTeamsMeetingPolicy -Identity “$name” -AutoAdmittedUsers Everyone\n"},
		{"overlapping fixes",
			"set-csteamsmeetingpolicy –identity ‘Global’ -autoadmittedusers “everyon”\n",
			"Set-CsTeamsMeetingPolicy -Identity 'Global' -AutoAdmittedUsers \"Everyone\"\n"},
		{"suppressed finding not fixed",
			"# csemu-disable-next-line CSE1301\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyon\n",
			"# csemu-disable-next-line CSE1301\nSet-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyon\n"},
		{"crlf kept",
			"get-csteamsmeetingpolicy -identity Global\r\nGet-CsTeamsMeetingPolicy\r\n",
			"Get-CsTeamsMeetingPolicy -Identity Global\r\nGet-CsTeamsMeetingPolicy\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := fixed(t, tc.src)
			if res.Src != tc.want {
				t.Errorf("fixed:\n%q\nwant:\n%q", res.Src, tc.want)
			}
			if res.ParseError {
				t.Errorf("parse error after fixing")
			}
		})
	}
}

// The fix of an undocumented value is on the finding, so that editors can
// offer it; a value two edits away from any allowed value has none.
func TestFindingFix(t *testing.T) {
	src := "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyon\n"
	var fix *Fix
	for _, fd := range Lint("t.ps1", src, testEnv) {
		if fd.Code == "CSE1301" {
			fix = fd.Fix
		}
	}
	if fix == nil || src[fix.Start:fix.End] != "Everyon" || fix.New != "Everyone" {
		t.Fatalf("fix = %+v", fix)
	}
}

func TestApplyFixesOverlap(t *testing.T) {
	src := "abcdef"
	got, n := ApplyFixes(src, []Fix{{1, 3, "X"}, {2, 4, "Y"}, {4, 5, "Z"}, {4, 5, "Z"}})
	if got != "aXdZf" || n != 2 {
		t.Fatalf("got %q, %d", got, n)
	}
}

// A fix that would leave a text that does not parse is flagged so that it
// is not written.
func TestFixNeverUnparsable(t *testing.T) {
	src := "set-csteamsmeetingpolicy -Identity Global\nif ($x) {\n"
	res := fixed(t, src)
	if !res.ParseError || res.Applied != 0 || res.Src != src {
		t.Fatalf("res = %+v", res)
	}
}

// FuzzFix fixes arbitrary text: no panic, every fix lies inside the text,
// and a text that parsed still parses after fixing.
func FuzzFix(f *testing.F) {
	for _, src := range corpus(f, 1) {
		f.Add(src)
	}
	f.Add("set-csteamsmeetingpolicy –identity ‘Global’ -autoadmittedusers “everyon”\n")
	env := newTestEnv()
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		an := Analyze("f.ps1", src, env)
		for _, fx := range SafeFixes(an.Findings, an.Tidy) {
			if fx.Start < 0 || fx.End < fx.Start || fx.End > len(src) {
				t.Fatalf("fix %+v outside the text (%d bytes)", fx, len(src))
			}
		}
		res := FixSource("f.ps1", src, env, nil)
		if _, err := parser.Parse("f.ps1", src); err == nil && res.ParseError {
			t.Fatalf("fixing made the text unparsable:\n%q\n%q", src, res.Src)
		}
	})
}
