package teams

import (
	"strings"

	"github.com/csemu/csemu/cmdlets"
)

// synopsis makes the synopsis of a Teams or Skype for Business cmdlet
// that has none, from its family f (nil for none) or its name.
func synopsis(cmd *cmdlets.Cmdlet, f *family) string {
	verb, noun, _ := strings.Cut(cmd.Name, "-")
	if f != nil {
		what := f.label()
		a := "a "
		if strings.ContainsRune("AEIOU", rune(what[0])) {
			a = "an "
		}
		switch verb {
		case "Get":
			return "Returns the " + what + " objects of the emulated tenant, or the one -Identity names."
		case "Set":
			return "Changes the settings of " + a + what + " in the emulated tenant."
		case "New":
			return "Creates " + a + what + " in the emulated tenant."
		case "Remove":
			if f.resetGlobal {
				return "Removes " + a + what + " from the emulated tenant; removing Global resets it to its defaults."
			}
			return "Removes " + a + what + " from the emulated tenant."
		case "Grant":
			if f.groups {
				return "Assigns " + a + what + " to a user, to the members of a group (-Group) or to the whole tenant (-Global)."
			}
			return "Assigns " + a + what + " to a user."
		}
	}
	verbs := map[string]string{"Get": "Gets", "Set": "Sets", "New": "Creates", "Remove": "Removes", "Grant": "Grants",
		"Connect": "Connects to", "Disconnect": "Disconnects from", "Test": "Tests", "Add": "Adds"}
	v := verbs[verb]
	if v == "" {
		v = verb
	}
	return v + " " + splitWords(strings.TrimPrefix(noun, "Cs")) + " (emulated on the local tenant)."
}

// splitWords turns "OnlineUser" into "online user".
func splitWords(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

// examples makes the Get-Help examples of a cmdlet of family f.
func examples(cmd *cmdlets.Cmdlet, f *family) []string {
	if f == nil {
		return nil
	}
	name := f.qualifier + cmd.Name
	named := "Tag:Sales"
	switch f.form {
	case siteOnly:
		named = "site:Redmond"
	case globalOnly:
		named = "Global"
	}
	verb, _, _ := strings.Cut(cmd.Name, "-")
	switch verb {
	case "Get":
		return []string{name, name + " -Identity " + named}
	case "Set":
		ex := name + " -Identity " + named
		for _, p := range cmd.Params {
			switch {
			case len(p.Documented) > 0:
				return []string{ex + " -" + p.Name + " " + cmdlets.QuoteArgument(p.Documented[0])}
			case len(p.Values) > 0:
				return []string{ex + " -" + p.Name + " " + cmdlets.QuoteArgument(p.Values[0])}
			case strings.EqualFold(p.Type, "bool"):
				return []string{ex + " -" + p.Name + " $false"}
			}
		}
		return []string{ex}
	case "New":
		return []string{name + " -Identity " + strings.TrimPrefix(named, "Tag:")}
	case "Remove":
		return []string{name + " -Identity " + named}
	case "Grant":
		out := []string{name + " -Identity ann@contoso.com -PolicyName Sales", name + " -Identity ann@contoso.com -PolicyName $null"}
		if f.groups {
			out = append(out, name+" -Group sales -PolicyName Sales -Rank 1", name+" -Global -PolicyName Sales")
		}
		return out
	}
	return nil
}
