package cmdlets_test

import (
	"strings"
	"testing"
)

// clixmlSample is a CLIXML document written for these tests from the
// format serialization.cs reads: a property bag with note (MS) and adapted
// (Props) properties, a type-name list and a TNRef to it, a Ref back to an
// earlier object, a list, a dictionary, escaped strings and the primitive
// elements.
const clixmlSample = `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0">
      <T>Contoso.Policy</T>
      <T>System.Object</T>
    </TN>
    <ToString>Tag:Global</ToString>
    <Props>
      <S N="Identity">Global</S>
      <B N="AllowIPVideo">true</B>
      <I32 N="Limit">42</I32>
      <Nil N="Description" />
    </Props>
    <MS>
      <S N="Note_x0020_Name">a_x000A_b</S>
      <Obj N="Tags" RefId="1">
        <TN RefId="1">
          <T>System.Object[]</T>
          <T>System.Array</T>
          <T>System.Object</T>
        </TN>
        <LST>
          <S>x</S>
          <I64>9000000000</I64>
        </LST>
      </Obj>
      <Obj N="Map" RefId="2">
        <TN RefId="2">
          <T>System.Collections.Hashtable</T>
          <T>System.Object</T>
        </TN>
        <DCT>
          <En>
            <S N="Key">k</S>
            <Db N="Value">1.5</Db>
          </En>
        </DCT>
      </Obj>
    </MS>
  </Obj>
  <Obj RefId="3">
    <TNRef RefId="0" />
    <Props>
      <DT N="When">2024-06-15T10:30:00Z</DT>
      <TS N="Span">PT1H30M</TS>
      <G N="Id">1c3e2a56-0b6e-4c4b-9d0e-1f2a3b4c5d6e</G>
      <C N="Letter">65</C>
      <D N="Price">1.50</D>
      <U8 N="Byte">7</U8>
      <Version N="Ver">1.2.3</Version>
      <BA N="Bytes">AQID</BA>
      <Ref N="Same" RefId="1" />
    </Props>
  </Obj>
  <S>plain</S>
  <I32>5</I32>
</Objs>`

// TestImportClixmlSample follows Import-Clixml's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-clixml):
// each object of the file comes back as a deserialized object whose type
// names start with "Deserialized." and whose properties hold the values;
// primitive types come back as themselves (serialization.cs,
// ReadOneObject and the KnownTypes table).
func TestImportClixmlSample(t *testing.T) {
	m := newMemFS()
	m.add("/work/sample.xml", clixmlSample)
	out, errs := hermetic(t, m, false, `
$o = Import-Clixml sample.xml
$o.Count
$o[0].PSTypeNames -join ','
$o[0].GetType().FullName
"$($o[0].Identity) $($o[0].AllowIPVideo) $($o[0].Limit) $($null -eq $o[0].Description)"
$o[0].'Note Name' -eq "a`+"`"+`nb"
$o[0].Tags.GetType().FullName
$o[0].Tags[1].GetType().Name
$o[0].Map.GetType().FullName
$o[0].Map.k
$o[0].ToString()
$o[1].PSTypeNames[0]
$o[1].When.Kind
$o[1].When.ToString('o')
$o[1].Span.TotalMinutes
$o[1].Id.GetType().Name
$o[1].Letter.GetType().Name + $o[1].Letter
$o[1].Price.GetType().Name + $o[1].Price
$o[1].Byte.GetType().Name
$o[1].Ver.Minor
$o[1].Bytes -join ','
[object]::ReferenceEquals($o[1].Same, $o[0].Tags)
$o[2]
$o[3].GetType().Name
Import-Clixml -LiteralPath sample.xml | Measure-Object | ForEach-Object Count
`)
	want := strings.Join([]string{"4",
		"Deserialized.Contoso.Policy,Deserialized.System.Object",
		"System.Management.Automation.PSCustomObject",
		"Global True 42 True", "True",
		"System.Collections.ArrayList", "Int64", "System.Collections.Hashtable", "1.5",
		"Tag:Global", "Deserialized.Contoso.Policy", "Utc", "2024-06-15T10:30:00.0000000Z", "90",
		"Guid", "CharA", "Decimal1.50", "Byte", "2", "1,2,3", "True", "plain", "Int32", "4"}, "\n") + "\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q\nwant   %q; stderr %q", out, want, errs)
	}
}

// TestImportClixmlErrors: a file that is not well-formed XML is an
// XmlException error naming its line and position (XmlException's
// message ends "Line n, position m."), and a SecureString element is not
// emulated.
func TestImportClixmlErrors(t *testing.T) {
	m := newMemFS()
	m.add("/work/bad.xml", "<Objs>\n  <S>x</T>\n</Objs>")
	m.add("/work/ss.xml", `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><SS>01000000</SS></Objs>`)
	m.add("/work/notclixml.xml", `<root/>`)
	_, errs := hermetic(t, m, false, `Import-Clixml bad.xml`)
	if !strings.Contains(errs, "Line 2, position") {
		t.Errorf("malformed: stderr %q", errs)
	}
	_, errs = hermetic(t, m, false, `Import-Clixml ss.xml`)
	if !strings.Contains(errs, "[NotImplemented]") {
		t.Errorf("SS: stderr %q", errs)
	}
	_, errs = hermetic(t, m, false, `Import-Clixml notclixml.xml`)
	if !strings.Contains(errs, "Objs") {
		t.Errorf("root: stderr %q", errs)
	}
}

// TestExportClixml follows Export-Clixml's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-clixml)
// and serialization.cs: the document is an Objs element of version
// 1.1.0.1; a property bag's notes go in <MS>; an object met again is a
// <Ref> to its RefId and a repeated type-name list a <TNRef>; strings
// escape control characters and "_x" as _xHHHH_ (EncodeString); past
// -Depth an adapted object is its text; -NoClobber refuses an existing
// file; -Depth is at least 1; a deserialized type name is not prefixed
// again (AddDeserializationPrefix).
func TestExportClixml(t *testing.T) {
	m := newMemFS()
	m.add("/work/old.xml", "keep")
	out, errs := hermetic(t, m, true, `
$inner = [pscustomobject]@{ v = "a_xb`+"`"+`n" }
[pscustomobject]@{ one = $inner; two = $inner; ver = [version]'1.2' } | Export-Clixml o.xml
$r = Import-Clixml o.xml
$r.one.v -eq "a_xb`+"`"+`n"
[object]::ReferenceEquals($r.one, $r.two)
$r.ver.GetType().Name
$r.PSTypeNames -join ','
Export-Clixml -InputObject ([version]'1.0') -Path v.xml -Depth 1
(Import-Clixml v.xml).Major
$r | Export-Clixml again.xml
(Import-Clixml again.xml).PSTypeNames[0]
try { 1 | Export-Clixml old.xml -NoClobber } catch { $_.FullyQualifiedErrorId }
try { 1 | Export-Clixml n.xml -Depth 0 } catch { $_.FullyQualifiedErrorId }
@() | Export-Clixml none.xml
@(Import-Clixml none.xml).Count
`)
	want := "True\nTrue\nVersion\nDeserialized.System.Management.Automation.PSCustomObject,Deserialized.System.Object\n1\n" +
		"Deserialized.System.Management.Automation.PSCustomObject\n" +
		"NoClobber,Microsoft.PowerShell.Commands.ExportClixmlCommand\nParameterArgumentValidationError,Microsoft.PowerShell.Commands.ExportClixmlCommand\n0\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q\nwant   %q; stderr %q", out, want, errs)
	}
	doc, _ := m.file("/work/o.xml")
	for _, s := range []string{
		`<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">`,
		`<S N="v">a_x005F_xb_x000A_</S>`, `<Ref N="two" RefId="1" />`, `<TNRef RefId="0" />`, `<Version N="ver">1.2</Version>`, "<MS>"} {
		if !strings.Contains(doc, s) {
			t.Errorf("o.xml lacks %q:\n%s", s, doc)
		}
	}
	if none, _ := m.file("/work/none.xml"); none != `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04" />` {
		t.Errorf("none.xml is %q", none)
	}
	if strings.HasPrefix(doc, "\ufeff") {
		t.Errorf("o.xml starts with a BOM")
	}
}

// TestClixmlPathErrors follows PowerShell's clixml.tests.ps1 (the "with
// path as Null / Empty string / non filesystem provider" cases of both
// cmdlets): a null or empty path fails binding, and a path of another
// provider stops the command with ReadWriteFileNotFileSystemProvider.
func TestClixmlPathErrors(t *testing.T) {
	out, errs := hermetic(t, newMemFS(), true, `
foreach ($p in @($null, '', 'env:\')) {
    try { Export-Clixml -Depth 1 -LiteralPath $p -InputObject 1 -Force; 'no error' } catch { $_.FullyQualifiedErrorId }
    try { Import-Clixml -LiteralPath $p; 'no error' } catch { $_.FullyQualifiedErrorId }
}
`)
	want := strings.Join([]string{
		"ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.ExportClixmlCommand",
		"ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.ImportClixmlCommand",
		"ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ExportClixmlCommand",
		"ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ImportClixmlCommand",
		"ReadWriteFileNotFileSystemProvider,Microsoft.PowerShell.Commands.ExportClixmlCommand",
		"ReadWriteFileNotFileSystemProvider,Microsoft.PowerShell.Commands.ImportClixmlCommand"}, "\n") + "\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q\nwant   %q; stderr %q", out, want, errs)
	}
}

// TestImportClixmlMalformed: each malformed document is an error that
// says where, never a crash or a silent partial result.
func TestImportClixmlMalformed(t *testing.T) {
	docs := []string{
		"",
		"<Objs><Obj><TNRef RefId='9'/></Obj></Objs>",
		"<Objs><I32>x</I32></Objs>",
		"<Objs><U8>300</U8></Objs>",
		"<Objs><Ref RefId='1'/></Objs>",
		"<Objs><Obj><DCT><En><Nil N='Key'/></En></DCT></Obj></Objs>",
		"<Objs><Obj><Props><S>no name</S></Props></Obj></Objs>",
		"<Objs><Bogus/></Objs>",
		"<Objs><DT>yesterday</DT></Objs>",
		"<Objs><TS>P1X</TS></Objs>",
		"<Objs><S>unclosed</Objs>",
	}
	for _, d := range docs {
		m := newMemFS()
		m.add("/work/m.xml", d)
		out, errs := hermetic(t, m, false, `try { Import-Clixml m.xml; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }`)
		if !strings.HasPrefix(out, "System.Xml.XmlException,Microsoft.PowerShell.Commands.ImportClixmlCommand\n") ||
			(!strings.Contains(out, "Line ") && !strings.Contains(out, "Root element")) || errs != "" {
			t.Errorf("%q: stdout %q, stderr %q", d, out, errs)
		}
	}
}
