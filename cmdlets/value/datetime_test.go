package value

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	now := time.Now()
	u := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, UnspecifiedZone)
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-01-02", u(2024, 1, 2, 0, 0, 0, 0)},
		{"2024-01-02T10:30", u(2024, 1, 2, 10, 30, 0, 0)},
		{"2024-01-02T10:30:00", u(2024, 1, 2, 10, 30, 0, 0)},
		{"2024-01-02 10:30:00", u(2024, 1, 2, 10, 30, 0, 0)},
		{"2024-01-02T10:30:00.5", u(2024, 1, 2, 10, 30, 0, 500000000)},
		{"2024-01-02T10:30:00.1234567", u(2024, 1, 2, 10, 30, 0, 123456700)},
		{"2024-01-02T10:30:00.123456789", u(2024, 1, 2, 10, 30, 0, 123456700)},
		{"  2024-1-2  ", u(2024, 1, 2, 0, 0, 0, 0)},
		{"2024/01/02", u(2024, 1, 2, 0, 0, 0, 0)},
		{"01/02/2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"1/2/2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"1/2/2024 10:30", u(2024, 1, 2, 10, 30, 0, 0)},
		{"1/2/2024 10:30:00 AM", u(2024, 1, 2, 10, 30, 0, 0)},
		{"1/2/2024 10:30:00 PM", u(2024, 1, 2, 22, 30, 0, 0)},
		{"1/2/2024 12:15 AM", u(2024, 1, 2, 0, 15, 0, 0)},
		{"1/2/2024 12:15 pm", u(2024, 1, 2, 12, 15, 0, 0)},
		{"1/2/2024 10 PM", u(2024, 1, 2, 22, 0, 0, 0)},
		{"12/31/99", u(1999, 12, 31, 0, 0, 0, 0)},
		{"1/2/24", u(2024, 1, 2, 0, 0, 0, 0)},
		{"01-02-2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"01.02.2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"January 2, 2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"january 2 2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"2 Jan 2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"2-Jan-2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"Jan 2 2024 10:30", u(2024, 1, 2, 10, 30, 0, 0)},
		{"Sept 5, 2023", u(2023, 9, 5, 0, 0, 0, 0)},
		{"2024 Feb 29", u(2024, 2, 29, 0, 0, 0, 0)},
		{"January 2024", u(2024, 1, 1, 0, 0, 0, 0)},
		{"Tuesday, January 2, 2024", u(2024, 1, 2, 0, 0, 0, 0)},
		{"Tuesday, January 2, 2024 4:05:06 PM", u(2024, 1, 2, 16, 5, 6, 0)},
		{"Jan 2", u(now.Year(), 1, 2, 0, 0, 0, 0)},
		{"3/4", u(now.Year(), 3, 4, 0, 0, 0, 0)},
		{"10:30", u(now.Year(), int(now.Month()), now.Day(), 10, 30, 0, 0)},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) || DateKind(got) != KindUnspecified {
			t.Errorf("ParseDate(%q) = %v (%s), want %v", tc.in, got, DateKind(got), tc.want)
		}
	}
}

func TestParseDateZones(t *testing.T) {
	tests := []struct {
		in       string
		instant  time.Time
		keepKind string
		offset   int
	}{
		{"2024-01-02T10:30:00Z", time.Date(2024, 1, 2, 10, 30, 0, 0, time.UTC), KindUtc, 0},
		{"2024-01-02T10:30:00.25Z", time.Date(2024, 1, 2, 10, 30, 0, 250000000, time.UTC), KindUtc, 0},
		{"2024-01-02T10:30:00+02:00", time.Date(2024, 1, 2, 8, 30, 0, 0, time.UTC), KindLocal, 7200},
		{"2024-01-02T10:30:00-0530", time.Date(2024, 1, 2, 16, 0, 0, 0, time.UTC), KindLocal, -19800},
		{"2024-01-02 10:30 +5", time.Date(2024, 1, 2, 5, 30, 0, 0, time.UTC), KindLocal, 18000},
		{"Tue, 02 Jan 2024 10:30:00 GMT", time.Date(2024, 1, 2, 10, 30, 0, 0, time.UTC), KindUtc, 0},
		{"1/2/2024 10:30 UTC", time.Date(2024, 1, 2, 10, 30, 0, 0, time.UTC), KindUtc, 0},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.instant) || got.Location() != time.Local {
			t.Errorf("ParseDate(%q) = %v, want %v in time.Local", tc.in, got, tc.instant)
		}
		kept, err := ParseDateKeepZone(tc.in)
		if err != nil || !kept.Equal(tc.instant) || DateKind(kept) != tc.keepKind {
			t.Errorf("ParseDateKeepZone(%q) = %v (%s), %v", tc.in, kept, DateKind(kept), err)
		}
		if _, off := kept.Zone(); off != tc.offset {
			t.Errorf("ParseDateKeepZone(%q) offset = %d, want %d", tc.in, off, tc.offset)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "abc", "13/01/2024", "2/30/2023", "2024-13-01", "2024-01-32",
		"25:00", "1/2/2024 13:00 PM", "1/2/2024 10:60", "1/2/2024 10:30:61", "5", "1/2/3/4",
		"January February 2024", "PM 1/2/2024", "1/2/2024 +02:00x", "10000-01-01", "2024-01-02T10:30:00++02",
		"2024-01-02 ~", "12345678901/2/3"} {
		got, err := ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", in, got)
			continue
		}
		want := "String '" + in + "' was not recognized as a valid DateTime."
		if err.Error() != want {
			t.Errorf("ParseDate(%q) error = %q, want %q", in, err, want)
		}
	}
	_, err := ParseDate("Wednesday, January 2, 2024")
	if err == nil || err.Error() != "String 'Wednesday, January 2, 2024' was not recognized as a valid DateTime because the day of week was incorrect." {
		t.Errorf("day of week mismatch: %v", err)
	}
}

func TestParseDateExact(t *testing.T) {
	now := time.Now()
	u := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, UnspecifiedZone)
	}
	tests := []struct {
		in, format string
		want       time.Time
	}{
		{"20240102", "yyyyMMdd", u(2024, 1, 2, 0, 0, 0, 0)},
		{"02/01/2024 15:04", "dd/MM/yyyy HH:mm", u(2024, 1, 2, 15, 4, 0, 0)},
		{"2/1/24", "d/M/yy", u(2024, 1, 2, 0, 0, 0, 0)},
		{"2/1/75", "d/M/y", u(1975, 1, 2, 0, 0, 0, 0)},
		{"Tuesday, January 2, 2024", "dddd, MMMM d, yyyy", u(2024, 1, 2, 0, 0, 0, 0)},
		{"tue jan 02 2024", "ddd MMM dd yyyy", u(2024, 1, 2, 0, 0, 0, 0)},
		{"Jan", "MMM", u(now.Year(), 1, 1, 0, 0, 0, 0)},
		{"3:04 PM", "h:mm tt", u(now.Year(), int(now.Month()), now.Day(), 15, 4, 0, 0)},
		{"12:04 A", "h:mm t", u(now.Year(), int(now.Month()), now.Day(), 0, 4, 0, 0)},
		{"2024-01-02 10:30:00.123", "yyyy-MM-dd HH:mm:ss.fff", u(2024, 1, 2, 10, 30, 0, 123000000)},
		{"10:30:00.5", "HH:mm:ss.FFF", u(now.Year(), int(now.Month()), now.Day(), 10, 30, 0, 500000000)},
		{"2024-01", "yyyy-MM", u(2024, 1, 1, 0, 0, 0, 0)},
		{"Year 2024", "'Year' yyyy", u(2024, 1, 1, 0, 0, 0, 0)},
		{"d2024", `\dyyyy`, u(2024, 1, 1, 0, 0, 0, 0)},
		{"5", "%d", u(now.Year(), 1, 5, 0, 0, 0, 0)},
		{"1/2/2024", "d", u(2024, 1, 2, 0, 0, 0, 0)},
		{"2024-01-02T10:30:00", "s", u(2024, 1, 2, 10, 30, 0, 0)},
		{"2024-01-02T10:30:00.1234567", "o", u(2024, 1, 2, 10, 30, 0, 123456700)},
	}
	for _, tc := range tests {
		got, err := ParseDateExact(tc.in, tc.format)
		if err != nil {
			t.Errorf("ParseDateExact(%q, %q): %v", tc.in, tc.format, err)
			continue
		}
		if !got.Equal(tc.want) || DateKind(got) != KindUnspecified {
			t.Errorf("ParseDateExact(%q, %q) = %v (%s), want %v", tc.in, tc.format, got, DateKind(got), tc.want)
		}
	}
	zoned := []struct {
		in, format string
		want       time.Time
	}{
		{"2024-01-02T10:30:00.0000000Z", "o", time.Date(2024, 1, 2, 10, 30, 0, 0, time.UTC)},
		{"2024-01-02T10:30:00.0000000+02:00", "o", time.Date(2024, 1, 2, 8, 30, 0, 0, time.UTC)},
		{"2024-01-02 10:30:00Z", "u", time.Date(2024, 1, 2, 10, 30, 0, 0, time.UTC)},
		{"Tue, 02 Jan 2024 10:30:00 GMT", "r", time.Date(2024, 1, 2, 10, 30, 0, 0, time.UTC)},
		{"2024-01-02 10:30 -05", "yyyy-MM-dd HH:mm zz", time.Date(2024, 1, 2, 15, 30, 0, 0, time.UTC)},
		{"2024-01-02 10:30 +1", "yyyy-MM-dd HH:mm z", time.Date(2024, 1, 2, 9, 30, 0, 0, time.UTC)},
		{"10:30Z", "HH:mmK", time.Date(now.Year(), now.Month(), now.Day(), 10, 30, 0, 0, time.UTC)},
	}
	for _, tc := range zoned {
		got, err := ParseDateExact(tc.in, tc.format)
		if err != nil || !got.Equal(tc.want) || got.Location() != time.Local {
			t.Errorf("ParseDateExact(%q, %q) = %v, %v; want %v local", tc.in, tc.format, got, err, tc.want)
		}
	}
	bad := [][2]string{
		{"2024-1-02", "yyyy-MM-dd"}, {"20240102x", "yyyyMMdd"}, {"2024010", "yyyyMMdd"},
		{"2024-02-30", "yyyy-MM-dd"}, {"13:00 PM", "HH:mm tt"}, {"Wed 2024-01-02", "ddd yyyy-MM-dd"},
		{"2024", "'Y'yyyy"}, {"", "yyyy"}, {"x", ""}, {"2024-01-02", "yyyy/MM/dd"},
	}
	for _, b := range bad {
		if got, err := ParseDateExact(b[0], b[1]); err == nil {
			t.Errorf("ParseDateExact(%q, %q) = %v, want error", b[0], b[1], got)
		}
	}
	if _, err := ParseDateExact("x", "'x"); err == nil || !strings.Contains(err.Error(), "matching quote") {
		t.Errorf("bad quote: %v", err)
	}
	if _, err := ParseDateExact("2024", "yyyZ"); err == nil {
		t.Error("yyyZ should fail")
	}
}

// Formats whose output the [datetime] cast reads back.
var dtLooseOK = map[string]bool{"yyyy-MM-dd HH:mm:ss": true, "s": true, "G": true, "F": true,
	"dddd, MMMM d, yyyy h:mm:ss tt": true, "MM/dd/yyyy HH:mm:ss": true, "ddd, dd MMM yyyy HH':'mm':'ss": true}

// Formatting then parsing with the same format gives the time back.
func TestDateRoundTrip(t *testing.T) {
	times := []time.Time{
		time.Date(2024, 1, 2, 15, 4, 5, 0, UnspecifiedZone),
		time.Date(1999, 12, 31, 0, 0, 59, 0, UnspecifiedZone),
		time.Date(2026, 11, 22, 12, 34, 37, 0, UnspecifiedZone),
		time.Date(2000, 2, 29, 23, 59, 0, 0, UnspecifiedZone),
	}
	formats := []string{"yyyy-MM-dd HH:mm:ss", "s", "G", "dddd, MMMM d, yyyy h:mm:ss tt",
		"MM/dd/yyyy HH:mm:ss", "yyyyMMddTHHmmss", "F", "ddd, dd MMM yyyy HH':'mm':'ss", "d/M/yyyy H:m:s"}
	for _, tm := range times {
		for _, f := range formats {
			s, err := FormatDate(tm, f)
			if err != nil {
				t.Fatalf("FormatDate(%v, %q): %v", tm, f, err)
			}
			back, err := ParseDateExact(s, f)
			if err != nil || !back.Equal(tm) {
				t.Errorf("ParseDateExact(%q, %q) = %v, %v; want %v", s, f, back, err, tm)
			}
			if dtLooseOK[f] {
				loose, err := ParseDate(s)
				if err != nil || !loose.Equal(tm) {
					t.Errorf("ParseDate(%q) = %v, %v; want %v", s, loose, err, tm)
				}
			}
		}
		frac := tm.Add(1234567 * 100)
		s, _ := FormatDate(frac, "o")
		if back, err := ParseDateExact(s, "o"); err != nil || !back.Equal(frac) {
			t.Errorf("round trip o %q: %v, %v", s, back, err)
		}
		if back, err := ParseDate(s); err != nil || !back.Equal(frac) {
			t.Errorf("ParseDate(%q): %v, %v", s, back, err)
		}
		if back, err := ParseDate(ToString(tm)); err != nil || !back.Equal(tm) {
			t.Errorf("ParseDate(ToString) %q: %v, %v", ToString(tm), back, err)
		}
	}
	utc := time.Date(2024, 5, 6, 7, 8, 9, 100, time.UTC)
	s, _ := FormatDate(utc, "o")
	if back, err := ParseDate(s); err != nil || !back.Equal(utc) {
		t.Errorf("ParseDate(%q) = %v, %v", s, back, err)
	}
}

func TestFormatDateUFormat(t *testing.T) {
	d := time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC) // a Tuesday
	tests := map[string]string{
		"%Y-%m-%d":    "2024-01-02",
		"+%Y":         "2024",
		"%A %a %B %b": "Tuesday Tue January Jan",
		"%h":          "Jan",
		"%H:%M:%S":    "15:04:05",
		"%I %l %k %p": "03  3 15 PM",
		"%j":          "002",
		"%s":          "1704207845",
		"%Z":          "+00",
		"%u %w":       "2 2",
		"%V %G %g":    "01 2024 24",
		// %U is DayOfYear / 7 unpadded, as %W (Get-Date.Tests.ps1:
		// "using -uformat 'sStTuUVwWxXyYZ'" expects 0 for January 1)
		"%U %W":       "0 0",
		"%e":          " 2",
		"%c":          "Tue 02 Jan 2024 15:04:05",
		"%D %x":       "01/02/24 01/02/24",
		"%F":          "2024-01-02",
		"%C %y":       "20 24",
		"%n%t":        "\n\t",
		"%R %r %T %X": "15:04 03:04:05 PM 15:04:05 15:04:05",
		"%q %%":       "q %",
		"day %d.":     "day 02.",
		"trailing %":  "trailing ",
		"":            "",
	}
	for f, want := range tests {
		if got := FormatDateUFormat(d, f); got != want {
			t.Errorf("FormatDateUFormat(%q) = %q, want %q", f, got, want)
		}
	}
	sun := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC) // Sunday; ISO week 52 of 2022
	if got := FormatDateUFormat(sun, "%u %w %V %G %U %l"); got != "7 0 52 2022 0 12" {
		t.Errorf("Sunday UFormat = %q", got)
	}
	if got := FormatDateUFormat(time.Date(2024, 1, 2, 0, 0, 0, 600000000, time.UTC), "%s"); got != "1704153601" {
		t.Errorf("%%s rounding = %q", got)
	}
}

func TestLongDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 22, 4, 34, 37, 0, time.UTC), "Sunday, November 22, 2026 4:34:37 AM"},
		{time.Date(2024, 1, 2, 0, 0, 0, 0, UnspecifiedZone), "Tuesday, January 2, 2024 12:00:00 AM"},
		{time.Date(1999, 12, 31, 23, 59, 59, 999, time.Local), "Friday, December 31, 1999 11:59:59 PM"},
	}
	for _, tc := range tests {
		if got := LongDateTime(tc.t); got != tc.want {
			t.Errorf("LongDateTime(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
	if DayOfWeekName(tests[0].t) != "Sunday" || MonthName(tests[0].t) != "November" {
		t.Error("DayOfWeekName / MonthName")
	}
}

func TestDateKindConversions(t *testing.T) {
	u := time.Date(2024, 1, 2, 10, 0, 0, 0, UnspecifiedZone)
	if DateKind(u) != KindUnspecified || DateKind(u.UTC()) != KindUtc || DateKind(time.Now()) != KindLocal {
		t.Error("DateKind")
	}
	wantUTC := time.Date(2024, 1, 2, 10, 0, 0, 0, time.Local).UTC()
	if got := DateToUniversal(u); !got.Equal(wantUTC) || got.Location() != time.UTC {
		t.Errorf("DateToUniversal(unspecified) = %v, want %v", got, wantUTC)
	}
	if got := DateToLocal(u); !got.Equal(time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)) || got.Location() != time.Local {
		t.Errorf("DateToLocal(unspecified) = %v", got)
	}
	utc := time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)
	if DateToUniversal(utc) != utc || !DateToLocal(utc).Equal(utc) {
		t.Error("UTC conversions")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-01-02", "2024-01-02T10:30:00.1234567+02:00", "1/2/2024 10:30:00 PM",
		"January 2, 2024", "2 Jan 2024", "Tue, 02 Jan 2024 10:30:00 GMT", "10:30", "12/31/99", "Sept 5",
		"2024-01-02 10:30 -0530", "Wednesday, 1/2/2024", "٣/٤/٢٠٢٤", "+", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseDate(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "String '") {
				t.Fatalf("ParseDate(%q) error %q", s, err)
			}
			return
		}
		if tm.Year() < 1 || tm.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %v out of range", s, tm)
		}
		// What ParseDate accepts formats and parses back in the "o" form.
		kept, err := ParseDateKeepZone(s)
		if err != nil || !kept.Equal(tm) {
			t.Fatalf("ParseDateKeepZone(%q) = %v, %v; ParseDate gave %v", s, kept, err, tm)
		}
		o, err := FormatDate(kept, "o")
		if err != nil {
			t.Fatalf("FormatDate(%v, o): %v", kept, err)
		}
		if back, err := ParseDateExact(o, "o"); err != nil || !back.Equal(kept) {
			t.Fatalf("ParseDateExact(%q, o) = %v, %v; want %v", o, back, err, kept)
		}
	})
}
