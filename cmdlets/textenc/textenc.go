// Package textenc turns the bytes of files into text and back, with the
// encodings of .NET that PowerShell 7 offers: UTF-8 with and without a
// byte-order mark, UTF-16 and UTF-32 in both byte orders, UTF-7, ASCII,
// ISO-8859-1 and Windows-1252.
//
// Every reader of csemu decodes through [Decode] (or [Encoding.Decode]),
// which does what .NET's StreamReader does: a byte-order mark at the start
// of the data names the encoding and is dropped; without one the data is
// read in the encoding asked for, UTF-8 by default. Writers encode through
// [Encoding.Encode], which puts the encoding's byte-order mark first when
// the encoding writes one (its preamble).
package textenc

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is a family of encodings.
type Kind uint8

// The encodings csemu reads and writes.
const (
	UTF8 Kind = iota
	UTF16LE
	UTF16BE
	UTF32LE
	UTF32BE
	UTF7
	ASCII
	Latin1
	Windows1252
)

// Encoding is one .NET encoding: its family, and whether it writes a
// byte-order mark (a non-empty GetPreamble()).
type Encoding uint8

// bomBit marks an encoding that writes its byte-order mark.
const bomBit Encoding = 0x80

// New returns the encoding of family k that writes a byte-order mark when
// withBOM is set.
func New(k Kind, withBOM bool) Encoding {
	if withBOM {
		return Encoding(k) | bomBit
	}
	return Encoding(k)
}

// Kind is the encoding's family.
func (e Encoding) Kind() Kind { return Kind(e &^ bomBit) }

// BOM reports whether the encoding writes its byte-order mark.
func (e Encoding) BOM() bool { return e&bomBit != 0 }

// The encodings that .NET's Encoding class has as static properties, and
// the defaults of PowerShell 7.
const (
	// UTF8NoBOM is Encoding.Default of .NET Core: UTF-8 without a BOM,
	// what PowerShell 7 reads and writes by default.
	UTF8NoBOM = Encoding(UTF8)
	// UTF8BOM is Encoding.UTF8: UTF-8 that writes a BOM.
	UTF8BOM = Encoding(UTF8) | bomBit
	// Unicode is Encoding.Unicode: UTF-16 little-endian with a BOM.
	Unicode = Encoding(UTF16LE) | bomBit
	// BigEndianUnicode is Encoding.BigEndianUnicode.
	BigEndianUnicode = Encoding(UTF16BE) | bomBit
	// UTF32 is Encoding.UTF32: UTF-32 little-endian with a BOM.
	UTF32 = Encoding(UTF32LE) | bomBit
	// BigEndianUTF32 is new UTF32Encoding(bigEndian: true, byteOrderMark: true).
	BigEndianUTF32 = Encoding(UTF32BE) | bomBit
	// ASCIIEnc is Encoding.ASCII.
	ASCIIEnc = Encoding(ASCII)
	// Latin1Enc is Encoding.Latin1.
	Latin1Enc = Encoding(Latin1)
	// UTF7Enc is Encoding.UTF7 (obsolete in .NET 5 and later).
	UTF7Enc = Encoding(UTF7)
	// ANSI is the ANSI code page of the en-US culture, Windows-1252.
	ANSI = Encoding(Windows1252)
)

// info is what .NET shows of an encoding family.
type info struct {
	codePage        int
	webName         string
	encodingName    string
	windowsCodePage int
	singleByte      bool
	typeName        string
	// mailNews and browser flags of .NET, in order: IsBrowserDisplay,
	// IsBrowserSave, IsMailNewsDisplay, IsMailNewsSave.
	flags [4]bool
}

func (e Encoding) info() info {
	switch e.Kind() {
	case UTF16LE:
		return info{1200, "utf-16", "Unicode", 1200, false, "System.Text.UnicodeEncoding", [4]bool{false, true, false, false}}
	case UTF16BE:
		return info{1201, "utf-16BE", "Unicode (Big-Endian)", 1200, false, "System.Text.UnicodeEncoding", [4]bool{false, false, false, false}}
	case UTF32LE:
		return info{12000, "utf-32", "Unicode (UTF-32)", 1200, false, "System.Text.UTF32Encoding", [4]bool{false, false, false, false}}
	case UTF32BE:
		return info{12001, "utf-32BE", "Unicode (UTF-32 Big-Endian)", 1200, false, "System.Text.UTF32Encoding", [4]bool{false, false, false, false}}
	case UTF7:
		return info{65000, "utf-7", "Unicode (UTF-7)", 1200, false, "System.Text.UTF7Encoding", [4]bool{false, false, true, true}}
	case ASCII:
		return info{20127, "us-ascii", "US-ASCII", 1252, true, "System.Text.ASCIIEncoding", [4]bool{false, false, true, true}}
	case Latin1:
		return info{28591, "iso-8859-1", "Western European (ISO)", 1252, true, "System.Text.Latin1Encoding", [4]bool{true, true, true, true}}
	case Windows1252:
		return info{1252, "windows-1252", "Western European (Windows)", 1252, true, "System.Text.SBCSCodePageEncoding", [4]bool{true, true, true, true}}
	}
	return info{65001, "utf-8", "Unicode (UTF-8)", 1200, false, "System.Text.UTF8Encoding", [4]bool{true, true, true, true}}
}

// CodePage is the encoding's code page (65001 for UTF-8).
func (e Encoding) CodePage() int { return e.info().codePage }

// WebName is the encoding's IANA name, as .NET's WebName ("utf-8").
func (e Encoding) WebName() string { return e.info().webName }

// EncodingName is .NET's human-readable name ("Unicode (UTF-8)").
func (e Encoding) EncodingName() string { return e.info().encodingName }

// WindowsCodePage is .NET's WindowsCodePage.
func (e Encoding) WindowsCodePage() int { return e.info().windowsCodePage }

// IsSingleByte reports whether each character is one byte.
func (e Encoding) IsSingleByte() bool { return e.info().singleByte }

// TypeName is the .NET class of the encoding ("System.Text.UTF8Encoding").
func (e Encoding) TypeName() string { return e.info().typeName }

// Flags are .NET's IsBrowserDisplay, IsBrowserSave, IsMailNewsDisplay and
// IsMailNewsSave.
func (e Encoding) Flags() [4]bool { return e.info().flags }

// Preamble is the byte-order mark the encoding writes first, or nil.
func (e Encoding) Preamble() []byte {
	if !e.BOM() {
		return nil
	}
	return bom(e.Kind())
}

// bom is the byte-order mark of a Unicode family.
func bom(k Kind) []byte {
	switch k {
	case UTF8:
		return []byte{0xEF, 0xBB, 0xBF}
	case UTF16LE:
		return []byte{0xFF, 0xFE}
	case UTF16BE:
		return []byte{0xFE, 0xFF}
	case UTF32LE:
		return []byte{0xFF, 0xFE, 0, 0}
	case UTF32BE:
		return []byte{0, 0, 0xFE, 0xFF}
	}
	return nil
}

// Sniff returns the encoding that a byte-order mark at the start of data
// names, and the length of that mark; ok is false when data starts with
// none. UTF-32 little-endian is tried before UTF-16 little-endian, whose
// mark starts it, as .NET's StreamReader does.
func Sniff(data []byte) (enc Encoding, n int, ok bool) {
	for _, k := range []Kind{UTF32LE, UTF32BE, UTF8, UTF16LE, UTF16BE} {
		if b := bom(k); bytes.HasPrefix(data, b) {
			return New(k, true), len(b), true
		}
	}
	return 0, 0, false
}

// Decode reads the bytes of a file as text the way PowerShell 7 reads a
// script or a file with no -Encoding: a byte-order mark chooses the
// encoding (and is dropped), else the bytes are UTF-8.
func Decode(data []byte) string { return UTF8NoBOM.Decode(data) }

// Decode reads data as text: a byte-order mark at its start wins over e
// (and is dropped), as .NET's StreamReader detects it; bytes that are not
// valid in the encoding become U+FFFD (ASCII: '?').
func (e Encoding) Decode(data []byte) string {
	if enc, n, ok := Sniff(data); ok {
		e, data = enc, data[n:]
	}
	return e.DecodeBytes(data)
}

// DecodeBytes reads data as text in e, without looking for a byte-order
// mark (as .NET's Encoding.GetString does: a mark becomes U+FEFF).
func (e Encoding) DecodeBytes(data []byte) string {
	switch e.Kind() {
	case UTF16LE, UTF16BE:
		return decodeUTF16(data, e.Kind() == UTF16BE)
	case UTF32LE, UTF32BE:
		return decodeUTF32(data, e.Kind() == UTF32BE)
	case UTF7:
		return decodeUTF7(data)
	case ASCII:
		var b strings.Builder
		b.Grow(len(data))
		for _, c := range data {
			if c >= 0x80 {
				c = '?'
			}
			b.WriteByte(c)
		}
		return b.String()
	case Latin1:
		var b strings.Builder
		b.Grow(len(data))
		for _, c := range data {
			b.WriteRune(rune(c))
		}
		return b.String()
	case Windows1252:
		var b strings.Builder
		b.Grow(len(data))
		for _, c := range data {
			b.WriteRune(cp1252Rune(c))
		}
		return b.String()
	}
	if utf8.Valid(data) {
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data))
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		b.WriteRune(r) // RuneError for a byte that starts no valid sequence
		data = data[n:]
	}
	return b.String()
}

// Encode is text as the bytes of a file written in e: the byte-order mark
// first when e writes one.
func (e Encoding) Encode(text string) []byte {
	return append(e.Preamble(), e.EncodeBytes(text)...)
}

// EncodeBytes is text in e without a byte-order mark (Encoding.GetBytes).
// A character the encoding has no byte for becomes '?'.
func (e Encoding) EncodeBytes(text string) []byte {
	switch e.Kind() {
	case UTF16LE, UTF16BE:
		units := utf16.Encode([]rune(text))
		out := make([]byte, 2*len(units))
		for i, u := range units {
			if e.Kind() == UTF16BE {
				binary.BigEndian.PutUint16(out[2*i:], u)
			} else {
				binary.LittleEndian.PutUint16(out[2*i:], u)
			}
		}
		return out
	case UTF32LE, UTF32BE:
		runes := []rune(text)
		out := make([]byte, 4*len(runes))
		for i, r := range runes {
			if e.Kind() == UTF32BE {
				binary.BigEndian.PutUint32(out[4*i:], uint32(r))
			} else {
				binary.LittleEndian.PutUint32(out[4*i:], uint32(r))
			}
		}
		return out
	case UTF7:
		return encodeUTF7(text)
	case ASCII, Latin1, Windows1252:
		out := make([]byte, 0, len(text))
		for _, r := range text {
			out = append(out, e.singleByte(r))
		}
		return out
	}
	return []byte(text)
}

// singleByte is the byte of r in a single-byte encoding, or '?'.
func (e Encoding) singleByte(r rune) byte {
	switch e.Kind() {
	case ASCII:
		if r < 0x80 {
			return byte(r)
		}
	case Latin1:
		if r < 0x100 {
			return byte(r)
		}
	case Windows1252:
		if r < 0x80 || (r >= 0xA0 && r < 0x100) {
			return byte(r)
		}
		i := 0
		for _, c := range cp1252High {
			if c == r {
				return byte(0x80 + i)
			}
			i++
		}
	}
	return '?'
}

// CharCount is the number of UTF-16 code units in text, as .NET counts the
// characters of a string.
func CharCount(text string) int {
	n := 0
	for _, r := range text {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func decodeUTF16(data []byte, big bool) string {
	units := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if big {
			units = append(units, binary.BigEndian.Uint16(data[i:]))
		} else {
			units = append(units, binary.LittleEndian.Uint16(data[i:]))
		}
	}
	s := string(utf16.Decode(units))
	if len(data)%2 == 1 {
		s += "\uFFFD"
	}
	return s
}

func decodeUTF32(data []byte, big bool) string {
	var b strings.Builder
	b.Grow(len(data) / 4)
	for i := 0; i+3 < len(data); i += 4 {
		var r uint32
		if big {
			r = binary.BigEndian.Uint32(data[i:])
		} else {
			r = binary.LittleEndian.Uint32(data[i:])
		}
		if r > utf8.MaxRune || (r >= 0xD800 && r < 0xE000) {
			r = utf8.RuneError
		}
		b.WriteRune(rune(r))
	}
	if len(data)%4 != 0 {
		b.WriteRune(utf8.RuneError)
	}
	return b.String()
}

// cp1252High holds the characters of bytes 0x80-0x9F in Windows-1252;
// the five bytes the code page leaves undefined map to the C1 controls,
// as .NET maps them.
const cp1252High = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
	"\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178"

func cp1252Rune(c byte) rune {
	if c >= 0x80 && c < 0xA0 {
		i := 0
		for _, r := range cp1252High {
			if i == int(c-0x80) {
				return r
			}
			i++
		}
	}
	return rune(c)
}

// utf7Direct reports whether UTF-7 writes c as itself: the "directly
// encoded" characters of RFC 2152, and space, tab, CR and LF (.NET's
// UTF7Encoding without optional characters).
func utf7Direct(c rune) bool {
	switch {
	case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return true
	}
	return strings.ContainsRune("'(),-./:? \t\r\n", c)
}

const utf7Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func encodeUTF7(text string) []byte {
	var out []byte
	runes := []rune(text)
	for i := 0; i < len(runes); {
		c := runes[i]
		if utf7Direct(c) {
			out = append(out, byte(c))
			i++
			continue
		}
		if c == '+' {
			out = append(out, '+', '-')
			i++
			continue
		}
		// a run of characters written in modified base64
		j := i
		for j < len(runes) && !utf7Direct(runes[j]) && runes[j] != '+' {
			j++
		}
		units := utf16.Encode(runes[i:j])
		var bits uint32
		nbits := 0
		out = append(out, '+')
		for _, u := range units {
			bits = bits<<16 | uint32(u)
			nbits += 16
			for nbits >= 6 {
				nbits -= 6
				out = append(out, utf7Base64[(bits>>nbits)&0x3F])
			}
		}
		if nbits > 0 {
			out = append(out, utf7Base64[(bits<<(6-nbits))&0x3F])
		}
		// the run ends with '-' when the next character could be read as
		// base64, or always at the end, as .NET writes it
		if j >= len(runes) || strings.ContainsRune(utf7Base64+"-", runes[j]) {
			out = append(out, '-')
		}
		i = j
	}
	return out
}

func decodeUTF7(data []byte) string {
	var b strings.Builder
	for i := 0; i < len(data); {
		c := data[i]
		if c != '+' {
			if c >= 0x80 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteByte(c)
			}
			i++
			continue
		}
		i++
		if i < len(data) && data[i] == '-' {
			b.WriteByte('+')
			i++
			continue
		}
		var bits uint32
		nbits := 0
		var units []uint16
		for i < len(data) {
			k := strings.IndexByte(utf7Base64, data[i])
			if k < 0 {
				break
			}
			bits = bits<<6 | uint32(k)
			nbits += 6
			if nbits >= 16 {
				nbits -= 16
				units = append(units, uint16(bits>>nbits))
			}
			i++
		}
		b.WriteString(string(utf16.Decode(units)))
		if i < len(data) && data[i] == '-' {
			i++
		}
	}
	return b.String()
}

// Lookup returns the encoding that a -Encoding name of PowerShell 7
// (utf8, utf8BOM, utf8NoBOM, unicode, bigendianunicode, utf32,
// bigendianutf32, ascii, ansi, oem, utf7, default, string, unknown) or a
// .NET encoding name (utf-8, utf-16, us-ascii, iso-8859-1,
// windows-1252...) stands for, case-insensitively. utf8, default and oem
// are UTF-8 without a BOM on Linux, as in pwsh 7.
func Lookup(name string) (Encoding, bool) {
	switch strings.ToLower(name) {
	case "utf8", "utf8nobom", "default", "oem":
		return UTF8NoBOM, true
	case "utf8bom", "utf-8", "unicode-1-1-utf-8", "unicode-2-0-utf-8", "x-unicode20utf8":
		return UTF8BOM, true
	case "unicode", "string", "unknown", "utf-16", "utf-16le", "ucs-2", "iso-10646-ucs-2":
		return Unicode, true
	case "bigendianunicode", "utf-16be", "unicodefffe":
		return BigEndianUnicode, true
	case "utf32", "utf-32", "utf-32le":
		return UTF32, true
	case "bigendianutf32", "utf-32be":
		return BigEndianUTF32, true
	case "ascii", "us-ascii", "ansi_x3.4-1968", "ansi_x3.4-1986", "cp367", "csascii", "ibm367", "iso-ir-6",
		"iso646-us", "iso_646.irv:1991", "us":
		return ASCIIEnc, true
	case "iso-8859-1", "latin1", "l1", "cp819", "csisolatin1", "ibm819", "iso-ir-100", "iso8859-1", "iso_8859-1",
		"iso_8859-1:1987":
		return Latin1Enc, true
	case "ansi", "windows-1252", "x-ansi", "cp1252":
		return ANSI, true
	case "utf7", "utf-7", "csunicode11utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "x-unicode-1-1-utf-7",
		"x-unicode-2-0-utf-7":
		return UTF7Enc, true
	}
	return 0, false
}

// FromCodePage returns the encoding of a .NET code page number
// (Encoding.GetEncoding(int)).
func FromCodePage(cp int) (Encoding, bool) {
	switch cp {
	case 65001:
		return UTF8BOM, true
	case 1200:
		return Unicode, true
	case 1201:
		return BigEndianUnicode, true
	case 12000:
		return UTF32, true
	case 12001:
		return BigEndianUTF32, true
	case 20127:
		return ASCIIEnc, true
	case 28591:
		return Latin1Enc, true
	case 1252:
		return ANSI, true
	case 65000:
		return UTF7Enc, true
	}
	return 0, false
}

// IsOtherCodePage reports whether name is the name or number of a code
// page that .NET (with the code-pages provider PowerShell registers)
// knows but csemu does not model.
func IsOtherCodePage(name string) bool {
	l := strings.ToLower(name)
	if n, err := strconv.Atoi(l); err == nil {
		switch {
		case n == 37, n == 437, n == 500, n == 708, n == 720, n == 737, n == 775, n >= 850 && n <= 875 && n != 853,
			n == 932, n == 936, n == 949, n == 950, n >= 1026 && n <= 1047, n >= 1140 && n <= 1149,
			n >= 1250 && n <= 1258 && n != 1252, n == 1361, n >= 10000 && n <= 10082, n >= 20000 && n <= 21027 && n != 20127,
			n >= 28592 && n <= 28605, n == 29001, n >= 38598 && n <= 38598, n >= 50220 && n <= 50229, n >= 51932 && n <= 51950,
			n == 52936, n == 54936, n >= 57002 && n <= 57011:
			return true
		}
		return false
	}
	for _, p := range []string{"windows-125", "iso-8859-", "ibm", "cp", "koi8-", "x-mac-", "macintosh", "ks_c_5601",
		"euc-", "iso-2022-", "gb2312", "gb18030", "gbk", "big5", "shift_jis", "sjis", "x-cp", "dos-", "asmo-", "x-iscii",
		"hz-gb-2312", "johab", "x-ebcdic", "csiso", "x-europa", "tis-620", "windows-874"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}
