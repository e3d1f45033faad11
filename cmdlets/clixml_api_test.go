package cmdlets_test

import (
	"strings"
	"testing"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/value"
)

// clixmlPosError is what ParseClixml's errors offer their callers.
type clixmlPosError interface {
	error
	Position() (line, col int)
	Element() string
	Message() string
}

// TestParseClixml reads documents without a command, as Import-Clixml
// does (serialization.cs's InternalDeserializer): the values of the Objs
// root, type names with the Deserialized. prefix, and positioned errors.
func TestParseClixml(t *testing.T) {
	objs, err := cmdlets.ParseClixml(clixmlSample)
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 4 {
		t.Fatalf("got %d objects, want 4", len(objs))
	}
	o, ok := objs[0].(*value.Object)
	if !ok {
		t.Fatalf("first object is %T", objs[0])
	}
	if got := value.ToString(o.PSTypeNames().Items[0]); got != "Deserialized.Contoso.Policy" {
		t.Errorf("type name %q", got)
	}
	if v, _ := o.Get("AllowIPVideo"); v != true {
		t.Errorf("AllowIPVideo = %v", v)
	}
	// a URI element needs no session to convert
	objs, err = cmdlets.ParseClixml(`<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><URI>https://contoso.com/a</URI></Objs>`)
	if err != nil || len(objs) != 1 {
		t.Fatalf("URI: %v %v", objs, err)
	}
	if u, ok := objs[0].(*value.Object); !ok || u.TypeName() != value.TUri {
		t.Errorf("URI: got %T %v", objs[0], objs[0])
	}

	errCases := []struct {
		name, doc, msg, elem string
		line                 int
	}{
		// a Ref names an object read before it (serialization.cs,
		// ReadPSObjectReference); the path counts same-named siblings
		{"unknown ref", "<Objs>\n  <Obj RefId=\"0\">\n    <Props>\n      <S N=\"A\">x</S>\n      <Ref N=\"B\" RefId=\"9\" />\n    </Props>\n  </Obj>\n</Objs>",
			"Ref element refers to an unknown RefId '9'.", "Objs/Obj[1]/Props[1]/Ref[1]", 5},
		// Import-Clixml does not emulate SecureString: without a command
		// the [NotImplemented] error is at the element
		{"secure string", "<Objs>\n<S>a</S>\n<SS>01000000</SS></Objs>", "[NotImplemented] Import-Clixml of a SecureString (SS element) is not emulated", "Objs/SS[1]", 3},
		// MaxDepthBelowTopLevel is 50: ReadOneObject throws
		// DeserializationTooDeep when it reaches it
		{"too deep", "<Objs>" + strings.Repeat(`<Obj><LST>`, 60) + strings.Repeat(`</LST></Obj>`, 60) + "</Objs>", "Serialized XML is nested too deeply.", "", 1},
		{"xml syntax", "<Objs>\n  <S>x</T>\n</Objs>", "", "", 2},
	}
	for _, c := range errCases {
		_, err := cmdlets.ParseClixml(c.doc)
		pe, ok := err.(clixmlPosError)
		if !ok {
			t.Errorf("%s: error %T %v", c.name, err, err)
			continue
		}
		line, col := pe.Position()
		if line != c.line || col < 1 {
			t.Errorf("%s: position %d:%d, want line %d", c.name, line, col, c.line)
		}
		if c.msg != "" && pe.Message() != c.msg {
			t.Errorf("%s: message %q, want %q", c.name, pe.Message(), c.msg)
		}
		if c.elem != "" && pe.Element() != c.elem {
			t.Errorf("%s: element %q, want %q", c.name, pe.Element(), c.elem)
		}
	}
	// 48 nested lists and the string they hold are 49 objects below the
	// root: still read
	deep := "<Objs>" + strings.Repeat(`<Obj><LST>`, 48) + "<S>x</S>" + strings.Repeat(`</LST></Obj>`, 48) + "</Objs>"
	if _, err := cmdlets.ParseClixml(deep); err != nil {
		t.Errorf("48 levels: %v", err)
	}
}

// TestFormatClixml writes objects as Export-Clixml does (serialization.cs;
// https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-clixml):
// an adapted object has its type names, ToString and Props; a property
// bag its notes in MS; -Depth limits how deep adapted objects go.
func TestFormatClixml(t *testing.T) {
	inner := value.NewObject("Contoso.Inner", "System.Object")
	inner.Set("Domain", "contoso.com")
	inner.SetToString("Domain=contoso.com")
	o := value.NewObject("Contoso.Policy", "System.Object")
	o.Set("Identity", "Tag:A")
	o.Set("Enabled", true)
	o.Set("Inner", inner)
	doc, err := cmdlets.FormatClixml([]any{o, "text"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">`,
		`<T>Contoso.Policy</T>`, `<S N="Identity">Tag:A</S>`, `<B N="Enabled">true</B>`, `<S N="Domain">contoso.com</S>`, "\r\n  <S>text</S>"} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q in\n%s", want, doc)
		}
	}
	back, err := cmdlets.ParseClixml(doc)
	if err != nil || len(back) != 2 {
		t.Fatalf("read back: %v %v", back, err)
	}
	bo := back[0].(*value.Object)
	in, _ := bo.Get("Inner")
	if d, _ := in.(*value.Object).Get("Domain"); d != "contoso.com" {
		t.Errorf("Inner.Domain = %v", d)
	}
	// at -Depth 1 the nested adapted object is its text
	doc, err = cmdlets.FormatClixml([]any{o}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc, `<S N="Inner">Domain=contoso.com</S>`) {
		t.Errorf("depth 1:\n%s", doc)
	}
	// a value Export-Clixml does not emulate
	if _, err := cmdlets.FormatClixml([]any{struct{}{}}, 2); err == nil || !strings.HasPrefix(err.Error(), "[NotImplemented]") {
		t.Errorf("unknown value: %v", err)
	}
}

// TestParseClixmlEnum: an enum is written as its type names (System.Enum
// among them), its name as ToString and its number (serialization.cs,
// HandlePrimitiveKnownTypeByConvertingToPSObject); ParseClixml keeps the
// name, which a deserialized PSObject's ToString gives.
func TestParseClixmlEnum(t *testing.T) {
	doc := `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0">
      <T>System.DayOfWeek</T>
      <T>System.Enum</T>
      <T>System.ValueType</T>
      <T>System.Object</T>
    </TN>
    <ToString>Tuesday</ToString>
    <I32>2</I32>
  </Obj>
</Objs>`
	objs, err := cmdlets.ParseClixml(doc)
	if err != nil || len(objs) != 1 {
		t.Fatalf("%v %v", objs, err)
	}
	o, ok := objs[0].(*value.Object)
	if !ok {
		t.Fatalf("got %T %v", objs[0], objs[0])
	}
	if s, _ := o.ToStringValue(); s != "Tuesday" || value.ToString(o.PSTypeNames().Items[0]) != "Deserialized.System.DayOfWeek" {
		t.Errorf("enum: %v %v", s, o.PSTypeNames().Items)
	}
}
