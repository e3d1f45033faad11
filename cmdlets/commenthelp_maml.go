package cmdlets

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/textenc"
	"github.com/csemu/csemu/cmdlets/value"
)

// Help from a MAML file named by .EXTERNALHELP (about_Comment_Based_Help):
// the file is looked for in the UI culture's folder beside it, then
// where the path says, relative to the script that defines the function.
// The <command:command> whose details name the function is its help,
// read as pwsh's MamlNode reads MAML: an element is an object of its
// children (repeated children an array), an element of text its text,
// and maml:para paragraphs objects with a Text property.

// xmlNode is an element of an XML document: its local name, children and
// text.
type xmlNode struct {
	local    string
	attrs    []*xmlNode // attributes, as nodes of text
	children []*xmlNode
	text     strings.Builder
}

// parseXMLTree reads an XML document into its root element.
func parseXMLTree(data []byte) (*xmlNode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	// the text is already decoded: an encoding the declaration names is read as is
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	root := &xmlNode{}
	stack := []*xmlNode{root}
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{local: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				// an attribute is a property, as MamlNode reads it
				an := &xmlNode{local: a.Name.Local}
				an.text.WriteString(a.Value)
				n.attrs = append(n.attrs, an)
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top.text.Write(t)
		}
	}
	return root, nil
}

// child is n's first child named local, or nil.
func (n *xmlNode) child(local string) *xmlNode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if strings.EqualFold(c.local, local) {
			return c
		}
	}
	for _, a := range n.attrs {
		if strings.EqualFold(a.local, local) {
			return a
		}
	}
	return nil
}

// find is every element named local under n, in document order.
func (n *xmlNode) find(local string) []*xmlNode {
	var out []*xmlNode
	for _, c := range n.children {
		if strings.EqualFold(c.local, local) {
			out = append(out, c)
			continue
		}
		out = append(out, c.find(local)...)
	}
	return out
}

// mamlValue is the value pwsh's MamlNode makes of an element.
func mamlValue(n *xmlNode) any {
	if strings.EqualFold(n.local, "para") {
		return helpPara(strings.TrimSpace(n.text.String()))
	}
	text := strings.TrimSpace(n.text.String())
	if len(n.children) == 0 && len(n.attrs) == 0 {
		return text
	}
	if len(n.children) == 0 {
		// attributes and text: an object with both, shown as its text
		o := helpObj("MamlCommandHelpInfo#" + n.local)
		for _, a := range n.attrs {
			o.Set(a.local, strings.TrimSpace(a.textOf()))
		}
		o.Set("#text", text)
		o.SetToString(text)
		return o
	}
	allParas := len(n.attrs) == 0
	for _, c := range n.children {
		if !strings.EqualFold(c.local, "para") {
			allParas = false
		}
	}
	if allParas {
		items := make([]any, len(n.children))
		for i, c := range n.children {
			items[i] = mamlValue(c)
		}
		return &value.Array{Items: items}
	}
	o := helpObj("MamlCommandHelpInfo#" + n.local)
	for _, a := range n.attrs {
		o.Set(a.local, strings.TrimSpace(a.textOf()))
	}
	var order []string
	groups := map[string][]any{}
	for _, c := range n.children {
		if _, ok := groups[c.local]; !ok {
			order = append(order, c.local)
		}
		groups[c.local] = append(groups[c.local], mamlValue(c))
	}
	for _, name := range order {
		o.Set(name, oneOrMany(groups[name]))
	}
	return o
}

// mamlSyntaxLines are the lines of a MAML syntax: each item's name and
// its parameters, as pwsh's help view writes them.
func mamlSyntaxLines(syntax *xmlNode) []string {
	var lines []string
	for _, item := range syntax.find("syntaxItem") {
		parts := []string{strings.TrimSpace(item.child("name").text.String())}
		for _, p := range item.find("parameter") {
			part := "-" + strings.TrimSpace(p.child("name").textOf())
			if pos := strings.TrimSpace(p.child("position").textOf()); pos != "" && !strings.EqualFold(pos, "named") {
				part = "[" + part + "]"
			}
			if v := p.child("parameterValue"); v != nil {
				part += " <" + strings.TrimSpace(v.textOf()) + ">"
			}
			if !strings.EqualFold(strings.TrimSpace(p.child("required").textOf()), "true") {
				part = "[" + part + "]"
			}
			parts = append(parts, part)
		}
		lines = append(lines, strings.Join(append(parts, "[<CommonParameters>]"), " "))
	}
	return lines
}

// mamlHelpObject is the help object of the command called name in a MAML
// document, or nil.
func mamlHelpObject(root *xmlNode, name, category string) *value.Object {
	for _, cmd := range root.find("command") {
		details := cmd.child("details")
		if details == nil || !strings.EqualFold(strings.TrimSpace(details.child("name").textOf()), name) {
			continue
		}
		o := value.NewObject("MamlCommandHelpInfo", "HelpInfo", "System.Management.Automation.PSObject")
		o.Set("Name", name)
		o.Set("Category", category)
		o.Set("Synopsis", paraText(mamlValue(detailsDescription(details))))
		o.Set("Component", nil)
		o.Set("Role", nil)
		o.Set("Functionality", nil)
		o.Set("ModuleName", "")
		for _, c := range cmd.children {
			v := mamlValue(c)
			if c.local == "syntax" {
				if so, ok := v.(*value.Object); ok {
					lines := mamlSyntaxLines(c)
					so.SetToString(strings.Join(lines, "\n"))
				}
			}
			o.Set(c.local, v)
		}
		return o
	}
	return nil
}

// detailsDescription is the description element of a command's details
// (its synopsis), or an empty one.
func detailsDescription(details *xmlNode) *xmlNode {
	if d := details.child("description"); d != nil {
		return d
	}
	return &xmlNode{local: "description"}
}

// textOf is the text of an element ("" for nil).
func (n *xmlNode) textOf() string {
	if n == nil {
		return ""
	}
	return n.text.String()
}

// externalHelp is the help object .EXTERNALHELP file gives the subject,
// or nil when no such file, or no help for it in the file, is found.
func (c *Call) externalHelp(h *scriptHelpSubject, file string) (*value.Object, error) {
	base := filepath.Dir(h.file)
	if h.file == "" {
		base = ""
	}
	rel := strings.ReplaceAll(file, `\`, "/")
	if !filepath.IsAbs(rel) && base != "" {
		rel = filepath.Join(base, rel)
	}
	culture := "en-US"
	if v, ok := c.s.getVar(c.fr.scope, "PSUICulture"); ok && value.ToString(v) != "" {
		culture = value.ToString(v)
	}
	dir, name := filepath.Dir(rel), filepath.Base(rel)
	candidates := []string{filepath.Join(dir, culture, name)}
	if i := strings.IndexByte(culture, '-'); i > 0 {
		candidates = append(candidates, filepath.Join(dir, culture[:i], name))
	}
	candidates = append(candidates, rel)
	for _, path := range candidates {
		data, err := c.s.readFile(path)
		if err != nil {
			// MUIFileSearcher matches the file's name in any case
			entries, _ := c.s.host.files.ReadDir(filepath.Dir(path))
			for _, e := range entries {
				if !e.IsDir() && strings.EqualFold(e.Name(), filepath.Base(path)) {
					data, err = c.s.readFile(filepath.Join(filepath.Dir(path), e.Name()))
					break
				}
			}
		}
		if err != nil {
			continue
		}
		root, err := parseXMLTree([]byte(textenc.Decode(data)))
		if err != nil {
			return nil, c.Fail("HelpFileNotValid", InvalidData, "%s", fmt.Sprintf("The help file %s is not valid XML: %s", path, err))
		}
		if o := mamlHelpObject(root, h.name, h.category); o != nil {
			return o, nil
		}
	}
	return nil, nil
}
