package lint

import (
	"testing"

	"github.com/csemu/csemu/state"
)

// TestKnowledge checks that CSE1401 does not report a policy another
// script of the folder creates, or one the tenant has, and still reports
// the others (a policy must exist before Grant-, Set- or Remove- can name
// it: Grant-CsTeamsMeetingPolicy on Microsoft Learn).
func TestKnowledge(t *testing.T) {
	env := newTestEnv()
	k := NewKnowledge()
	env.Known = k
	k.AddScript("site/create.ps1", "$n = 'Partners'\nNew-CsTeamsMeetingPolicy -Identity $n\n", env)
	k.AddScript("site/any.ps1", "New-CsExternalAccessPolicy -Identity (Get-Content name.txt)\n", env)
	tn := state.NewTenant()
	if err := tn.PutObject(&state.Object{Kind: "TeamsMeetingPolicy", Identity: "Tag:Existing"}); err != nil {
		t.Fatal(err)
	}
	if err := tn.PutUser(&state.User{UPN: "Alice@contoso.com", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	k.AddTenant(tn)
	if !k.HasUser("alice@CONTOSO.com") || k.HasUser("bob@contoso.com") || k.NumUsers() != 1 {
		t.Errorf("users: alice %v, bob %v, %d", k.HasUser("alice@contoso.com"), k.HasUser("bob@contoso.com"), k.NumUsers())
	}
	src := "Grant-CsTeamsMeetingPolicy -Identity a@contoso.com -PolicyName Tag:Partners\n" +
		"Grant-CsTeamsMeetingPolicy -Identity a@contoso.com -PolicyName Existing\n" +
		"Grant-CsTeamsMeetingPolicy -Identity a@contoso.com -PolicyName Tag:Partner\n" +
		"Grant-CsExternalAccessPolicy -Identity a@contoso.com -PolicyName Tag:Whatever\n"
	lines := func(path string) []int {
		var out []int
		for _, fd := range Lint(path, src, env) {
			if fd.Code == "CSE1401" {
				out = append(out, fd.Pos.Line)
			}
		}
		return out
	}
	if g := lines("site/use.ps1"); len(g) != 1 || g[0] != 3 {
		t.Errorf("same folder: CSE1401 on lines %v, want [3]", g)
	}
	// another folder knows the tenant's policies only
	if g := lines("other/use.ps1"); len(g) != 3 || g[0] != 1 || g[1] != 3 || g[2] != 4 {
		t.Errorf("other folder: CSE1401 on lines %v, want [1 3 4]", g)
	}
}
