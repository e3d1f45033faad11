package textenc

import (
	"bytes"
	"testing"
)

// .NET's StreamReader (which Get-Content and the script reader use) lets a
// byte-order mark name the encoding and drops it; without one, pwsh 7
// reads UTF-8 (about_Character_Encoding: "PowerShell defaults to utf8NoBOM
// for all output" and reads files without a BOM as UTF-8).
func TestDecodeByteOrderMarks(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf8 no bom", []byte("héllo"), "héllo"},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "héllo"...), "héllo"},
		{"utf16le bom", []byte{0xFF, 0xFE, 'h', 0, 0xE9, 0, '\n', 0}, "hé\n"},
		{"utf16be bom", []byte{0xFE, 0xFF, 0, 'h', 0, 0xE9}, "hé"},
		{"utf32le bom", []byte{0xFF, 0xFE, 0, 0, 'h', 0, 0, 0, 0x48, 0x03, 0x01, 0}, "h\U00010348"},
		{"utf32be bom", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, 'h'}, "h"},
		{"invalid utf8", []byte{'a', 0xFF, 'b'}, "a\uFFFDb"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		if got := Decode(tt.data); got != tt.want {
			t.Errorf("%s: Decode = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A BOM wins over the -Encoding asked for, as StreamReader's detection
// does; without one the asked encoding reads the bytes.
func TestDecodeAskedEncoding(t *testing.T) {
	le := []byte{'h', 0, 'i', 0}
	if got := Unicode.Decode(le); got != "hi" {
		t.Errorf("Unicode.Decode = %q", got)
	}
	if got := BigEndianUnicode.Decode(append([]byte{0xFF, 0xFE}, le...)); got != "hi" {
		t.Errorf("BOM did not win: %q", got)
	}
	if got := ASCIIEnc.Decode([]byte{'a', 0xE9}); got != "a?" {
		t.Errorf("ASCII.Decode = %q", got)
	}
	if got := ANSI.Decode([]byte{0x80, 0xE9}); got != "€é" {
		t.Errorf("ANSI.Decode = %q", got)
	}
	if got := Latin1Enc.Decode([]byte{0x80, 0xE9}); got != "\u0080é" {
		t.Errorf("Latin1.Decode = %q", got)
	}
}

// The preambles and bytes of the encodings -Encoding names
// (about_Character_Encoding's table of values).
func TestEncode(t *testing.T) {
	tests := []struct {
		enc  Encoding
		text string
		want []byte
	}{
		{UTF8NoBOM, "é", []byte{0xC3, 0xA9}},
		{UTF8BOM, "a", []byte{0xEF, 0xBB, 0xBF, 'a'}},
		{Unicode, "a€", []byte{0xFF, 0xFE, 'a', 0, 0xAC, 0x20}},
		{BigEndianUnicode, "a", []byte{0xFE, 0xFF, 0, 'a'}},
		{UTF32, "a", []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0}},
		{BigEndianUTF32, "a", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, 'a'}},
		{ASCIIEnc, "aé", []byte{'a', '?'}},
		{ANSI, "€é", []byte{0x80, 0xE9}},
		{Latin1Enc, "é€", []byte{0xE9, '?'}},
		// RFC 2152's examples; '!' is an optional character that .NET's
		// UTF7Encoding() writes in base64
		{UTF7Enc, "A\u2262\u0391.", []byte("A+ImIDkQ.")},
		{UTF7Enc, "Hi Mom -\u263A-!", []byte("Hi Mom -+Jjo--+ACE-")},
		{UTF7Enc, "1+1", []byte("1+-1")},
	}
	for _, tt := range tests {
		got := tt.enc.Encode(tt.text)
		if !bytes.Equal(got, tt.want) {
			t.Errorf("%s Encode(%q) = % x, want % x", tt.enc.WebName(), tt.text, got, tt.want)
		}
		if back := tt.enc.Decode(got); tt.enc.Kind() != ASCII && tt.enc.Kind() != Latin1 && back != tt.text {
			t.Errorf("%s round trip of %q = %q", tt.enc.WebName(), tt.text, back)
		}
	}
}

// The -Encoding names of pwsh 7 (EncodingConversion in PowerShell's
// source: on Unix, utf8, default and oem are UTF-8 without a BOM).
func TestLookup(t *testing.T) {
	tests := map[string]Encoding{
		"utf8": UTF8NoBOM, "UTF8NoBOM": UTF8NoBOM, "utf8BOM": UTF8BOM, "oem": UTF8NoBOM, "Default": UTF8NoBOM,
		"unicode": Unicode, "String": Unicode, "BigEndianUnicode": BigEndianUnicode, "utf32": UTF32,
		"BigEndianUTF32": BigEndianUTF32, "ascii": ASCIIEnc, "ANSI": ANSI, "utf7": UTF7Enc, "utf-8": UTF8BOM,
		"windows-1252": ANSI, "iso-8859-1": Latin1Enc, "us-ascii": ASCIIEnc,
	}
	for name, want := range tests {
		got, ok := Lookup(name)
		if !ok || got != want {
			t.Errorf("Lookup(%q) = %v %v, want %v", name, got, ok, want)
		}
	}
	if _, ok := Lookup("nosuch"); ok {
		t.Error("Lookup(nosuch) succeeded")
	}
	if !IsOtherCodePage("windows-1251") || !IsOtherCodePage("437") || IsOtherCodePage("nosuch") {
		t.Error("IsOtherCodePage")
	}
	if e, ok := FromCodePage(1200); !ok || e != Unicode {
		t.Error("FromCodePage(1200)")
	}
}

func TestCharCount(t *testing.T) {
	if n := CharCount("a\U00010348é"); n != 4 {
		t.Errorf("CharCount = %d", n)
	}
}
