package teams

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/state"
)

// A script that reads a setting and writes it back unchanged must work on
// the real service, and so here: Get-X | Set-X -Instance, and each setting
// given back by name (Set-X -Setting $o.Setting, Global when -Identity is
// left out), change nothing and fail on nothing, for every family and every
// setting Set- takes
// (Set-CsTeamsMeetingPolicy.md: "-Instance ... allows you to pass a
// reference to an object to the cmdlet rather than set individual
// parameter values"). Every setting with a known Global default is written
// back; a setting is left out only where the default is unknown (null), and
// then the researched defaults (state/reference/defaults-supplement.json)
// must give the reason.
func TestReadModifyWriteRoundTrips(t *testing.T) {
	facts := csCmdletFacts()
	for _, f := range families() {
		set, ok := facts[f.qualifier+"Set-"+f.noun]
		if !ok {
			continue
		}
		t.Run(f.noun, func(t *testing.T) {
			get := f.qualifier + "Get-" + f.noun
			setName := f.qualifier + "Set-" + f.noun
			var b strings.Builder
			fmt.Fprintf(&b, "$o = %s -Identity Global\n", get)
			fmt.Fprintf(&b, "%s -Instance $o\n", setName)
			def, _ := state.DefaultObject(f.kind)
			n := 0
			for _, p := range set.Params {
				v, ok := def.Get(p.Name)
				if !ok || notSettable[strings.ToLower(p.Name)] || p.IsSwitch() {
					continue
				}
				if v == nil {
					if reason, listed := state.UnknownDefault(f.kind, p.Name); !listed || reason == "" {
						t.Errorf("%s: the Global default is null but the supplement gives no reason", p.Name)
					}
					continue
				}
				fmt.Fprintf(&b, "%s -%s $o.%s\n", setName, p.Name, p.Name)
				n++
			}
			b.WriteString("@(Get-EmuChange).Count\n")
			var out, errb bytes.Buffer
			h := NewHolder(Config{})
			s := cmdlets.NewSession(append([]cmdlets.Option{cmdlets.WithIO(strings.NewReader(""), &out, &errb)}, h.Options()...)...)
			if _, err := s.Run(context.Background(), "rt.ps1", b.String(), nil); err != nil {
				t.Fatal(err)
			}
			if errb.Len() > 0 || out.String() != "0\n" {
				t.Errorf("%d settings written back; stdout %q, stderr:\n%s\nscript:\n%s", n, out.String(), errb.String(), b.String())
			}
		})
	}
}
