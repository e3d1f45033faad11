package value

// [datetime] support: .NET DateTime formatting with the en-US culture,
// PowerShell's [datetime] cast parsing, ParseExact, Get-Date -UFormat.
//
// A time.Time stands for a DateTime. Its Kind comes from its Location:
//
//	time.UTC         DateTimeKind.Utc
//	UnspecifiedZone  DateTimeKind.Unspecified (what [datetime]'2024-01-02' gives)
//	anything else    DateTimeKind.Local (time.Now(), time.Local, fixed zones)

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// UnspecifiedZone marks a time.Time as DateTimeKind.Unspecified: a wall
// clock with no zone. It has offset 0; conversions treat it as local time,
// as .NET does.
var UnspecifiedZone = time.FixedZone("", 0)

// Kinds returned by DateKind.
const (
	KindUnspecified = "Unspecified"
	KindUtc         = "Utc"
	KindLocal       = "Local"
)

// DateKind returns the DateTimeKind of t: "Utc", "Local" or "Unspecified".
func DateKind(t time.Time) string {
	switch t.Location() {
	case time.UTC:
		return KindUtc
	case UnspecifiedZone:
		return KindUnspecified
	}
	return KindLocal
}

// DateToUniversal is DateTime.ToUniversalTime: an Unspecified time is taken
// as local time.
func DateToUniversal(t time.Time) time.Time {
	switch DateKind(t) {
	case KindUtc:
		return t
	case KindUnspecified:
		return dtWall(t, time.Local).UTC()
	}
	return t.UTC()
}

// DateToLocal is DateTime.ToLocalTime: an Unspecified time is taken as UTC.
func DateToLocal(t time.Time) time.Time {
	if DateKind(t) == KindUnspecified {
		return dtWall(t, time.UTC).In(time.Local)
	}
	return t.In(time.Local)
}

// dtWall keeps t's wall clock in another location.
func dtWall(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// dtOffset is the UTC offset .NET uses for z and K: zero for Utc, the local
// zone's for Unspecified, the time's own otherwise.
func dtOffset(t time.Time) int {
	switch DateKind(t) {
	case KindUtc:
		return 0
	case KindUnspecified:
		_, off := dtWall(t, time.Local).Zone()
		return off
	}
	_, off := t.Zone()
	return off
}

var (
	dtMonthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	dtMonthAbbr  = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	dtDayNames   = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	dtDayAbbr    = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// DayOfWeekName is the DayOfWeek name of t ("Sunday").
func DayOfWeekName(t time.Time) string { return dtDayNames[t.Weekday()] }

// MonthName is the en-US month name of t ("January").
func MonthName(t time.Time) string { return dtMonthNames[t.Month()-1] }

// en-US (ICU) date and time patterns.
const (
	dtShortDate = "M/d/yyyy"
	dtLongDate  = "dddd, MMMM d, yyyy"
	dtShortTime = "h:mm tt"
	dtLongTime  = "h:mm:ss tt"
	dtRoundTrip = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"
	dtRFC1123   = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
	dtSortable  = "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
	dtUniversal = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"
)

// dtStandard expands a one-letter standard format; utc is set for the
// formats that work in UTC (U formats, and r/u parse).
func dtStandard(c rune) (pattern string, utc, ok bool) {
	switch c {
	case 'd':
		return dtShortDate, false, true
	case 'D':
		return dtLongDate, false, true
	case 'f':
		return dtLongDate + " " + dtShortTime, false, true
	case 'F':
		return dtLongDate + " " + dtLongTime, false, true
	case 'g':
		return dtShortDate + " " + dtShortTime, false, true
	case 'G':
		return dtShortDate + " " + dtLongTime, false, true
	case 'm', 'M':
		return "MMMM d", false, true
	case 'o', 'O':
		return dtRoundTrip, false, true
	case 'r', 'R':
		return dtRFC1123, true, true
	case 's':
		return dtSortable, false, true
	case 't':
		return dtShortTime, false, true
	case 'T':
		return dtLongTime, false, true
	case 'u':
		return dtUniversal, true, true
	case 'U':
		return dtLongDate + " " + dtLongTime, true, true
	case 'y', 'Y':
		return "MMMM yyyy", false, true
	}
	return "", false, false
}

// FormatDate is DateTime.ToString(format, en-US). An empty format is "G"
// (M/d/yyyy h:mm:ss tt), what $date.ToString() and "{0}" -f $date give.
// r and u do not convert the time (as for DateTime); U converts to UTC.
func FormatDate(t time.Time, format string) (string, error) {
	if format == "" {
		format = "G"
	}
	if utf8.RuneCountInString(format) == 1 {
		c, _ := utf8.DecodeRuneInString(format)
		p, utc, ok := dtStandard(c)
		if !ok {
			return "", nfError(FormatInvalidMessage)
		}
		if utc && c == 'U' {
			t = DateToUniversal(t)
		}
		format = p
	}
	out, err := dtCustom(nil, t, []rune(format))
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// LongDateTime is how Out-Default shows a [datetime]:
// "Sunday, November 22, 2026 4:34:37 AM".
func LongDateTime(t time.Time) string {
	out, _ := dtCustom(nil, t, []rune(dtLongDate+" "+dtLongTime))
	return string(out)
}

func dtPad(out []byte, v, n int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < n; i++ {
		out = append(out, '0')
	}
	return append(out, s...)
}

func dtRepeat(f []rune, i int) int {
	n := 1
	for i+n < len(f) && f[i+n] == f[i] {
		n++
	}
	return n
}

func dtBadQuote(q rune) error {
	return nfError("Cannot find a matching quote character for the character '" + string(q) + "'.")
}

// dtQuoted reads a quoted literal starting at f[i] (the quote); it returns
// the literal and the token length, quotes included. Backslash escapes work
// inside the quotes.
func dtQuoted(f []rune, i int) (string, int, error) {
	q := f[i]
	var b strings.Builder
	j := i + 1
	for j < len(f) {
		ch := f[j]
		j++
		if ch == q {
			return b.String(), j - i, nil
		}
		if ch == '\\' {
			if j >= len(f) {
				return "", 0, nfError(FormatInvalidMessage)
			}
			b.WriteRune(f[j])
			j++
			continue
		}
		b.WriteRune(ch)
	}
	return "", 0, dtBadQuote(q)
}

// dtCustom is DateTimeFormat.FormatCustomized for en-US.
func dtCustom(out []byte, t time.Time, f []rune) ([]byte, error) {
	for i := 0; i < len(f); {
		ch := f[i]
		n := dtRepeat(f, i)
		switch ch {
		case 'g':
			out = append(out, "A.D."...)
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			out = dtPad(out, h, min(n, 2))
		case 'H':
			out = dtPad(out, t.Hour(), min(n, 2))
		case 'm':
			out = dtPad(out, t.Minute(), min(n, 2))
		case 's':
			out = dtPad(out, t.Second(), min(n, 2))
		case 'f', 'F':
			if n > 7 {
				return nil, nfError(FormatInvalidMessage)
			}
			frac := t.Nanosecond() / 100
			for k := n; k < 7; k++ {
				frac /= 10
			}
			if ch == 'f' {
				out = dtPad(out, frac, n)
				break
			}
			digits := n
			for digits > 0 && frac%10 == 0 {
				frac /= 10
				digits--
			}
			if digits > 0 {
				out = dtPad(out, frac, digits)
			} else if len(out) > 0 && out[len(out)-1] == '.' {
				out = out[:len(out)-1]
			}
		case 't':
			d := "AM"
			if t.Hour() >= 12 {
				d = "PM"
			}
			if n == 1 {
				d = d[:1]
			}
			out = append(out, d...)
		case 'd':
			switch {
			case n <= 2:
				out = dtPad(out, t.Day(), n)
			case n == 3:
				out = append(out, dtDayAbbr[t.Weekday()]...)
			default:
				out = append(out, dtDayNames[t.Weekday()]...)
			}
		case 'M':
			switch {
			case n <= 2:
				out = dtPad(out, int(t.Month()), n)
			case n == 3:
				out = append(out, dtMonthAbbr[t.Month()-1]...)
			default:
				out = append(out, dtMonthNames[t.Month()-1]...)
			}
		case 'y':
			if n <= 2 {
				out = dtPad(out, t.Year()%100, n)
			} else {
				out = dtPad(out, t.Year(), n)
			}
		case 'z':
			off := dtOffset(t)
			if off >= 0 {
				out = append(out, '+')
			} else {
				out = append(out, '-')
				off = -off
			}
			switch n {
			case 1:
				out = strconv.AppendInt(out, int64(off/3600), 10)
			case 2:
				out = dtPad(out, off/3600, 2)
			default:
				out = dtPad(out, off/3600, 2)
				out = append(out, ':')
				out = dtPad(out, off/60%60, 2)
			}
		case 'K':
			n = 1
			switch DateKind(t) {
			case KindUtc:
				out = append(out, 'Z')
			case KindLocal:
				off := dtOffset(t)
				if off >= 0 {
					out = append(out, '+')
				} else {
					out = append(out, '-')
					off = -off
				}
				out = dtPad(out, off/3600, 2)
				out = append(out, ':')
				out = dtPad(out, off/60%60, 2)
			}
		case ':', '/':
			n = 1
			out = append(out, byte(ch))
		case '\'', '"':
			lit, l, err := dtQuoted(f, i)
			if err != nil {
				return nil, err
			}
			out = append(out, lit...)
			n = l
		case '%':
			if i+1 >= len(f) || f[i+1] == '%' {
				return nil, nfError(FormatInvalidMessage)
			}
			var err error
			if out, err = dtCustom(out, t, f[i+1:i+2]); err != nil {
				return nil, err
			}
			n = 2
		case '\\':
			if i+1 >= len(f) {
				return nil, nfError(FormatInvalidMessage)
			}
			out = utf8.AppendRune(out, f[i+1])
			n = 2
		default:
			n = 1
			out = utf8.AppendRune(out, ch)
		}
		i += n
	}
	return out, nil
}

// FormatDateUFormat is Get-Date -UFormat (pwsh 7's strftime emulation):
// %A %a %B %b %h %C %c %D %d %e %F %G %g %H %I %j %k %l %M %m %n %p %R %r
// %S %s %T %t %U %u %V %W %w %X %x %Y %y %Z; an unknown %c gives c, and a
// leading '+' is skipped. pwsh runs the result through String.Format, so a
// brace there fails; here braces are kept as literal text.
func FormatDateUFormat(t time.Time, uformat string) string {
	f := []rune(uformat)
	var out []byte
	cf := func(p string) {
		out, _ = dtCustom(out, t, []rune(p))
	}
	space2 := func(v int) {
		if v < 10 {
			out = append(out, ' ')
		}
		out = strconv.AppendInt(out, int64(v), 10)
	}
	i := 0
	if len(f) > 0 && f[0] == '+' {
		i = 1
	}
	for ; i < len(f); i++ {
		if f[i] != '%' {
			out = utf8.AppendRune(out, f[i])
			continue
		}
		i++
		if i >= len(f) {
			break
		}
		switch f[i] {
		case 'A':
			cf("dddd")
		case 'a':
			cf("ddd")
		case 'B':
			cf("MMMM")
		case 'b', 'h':
			cf("MMM")
		case 'C':
			out = strconv.AppendInt(out, int64(t.Year()/100), 10)
		case 'c':
			cf("ddd dd MMM yyyy HH:mm:ss")
		case 'D', 'x':
			cf("MM/dd/yy")
		case 'd':
			cf("dd")
		case 'e':
			space2(t.Day())
		case 'F':
			cf("yyyy-MM-dd")
		case 'G':
			y, _ := t.ISOWeek()
			out = dtPad(out, y, 4)
		case 'g':
			y, _ := t.ISOWeek()
			out = dtPad(out, y%100, 2)
		case 'H':
			cf("HH")
		case 'I':
			cf("hh")
		case 'j':
			out = dtPad(out, t.YearDay(), 3)
		case 'k':
			space2(t.Hour())
		case 'l':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			space2(h)
		case 'M':
			cf("mm")
		case 'm':
			cf("MM")
		case 'n':
			out = append(out, '\n')
		case 'p':
			cf("tt")
		case 'R':
			cf("HH:mm")
		case 'r':
			cf("hh:mm:ss tt")
		case 'S':
			cf("ss")
		case 's':
			secs := float64(DateToUniversal(t).Sub(time.Unix(0, 0).UTC())) / float64(time.Second)
			s, _ := nfFormatDouble(secs, "0")
			out = append(out, s...)
		case 'T', 'X':
			cf("HH:mm:ss")
		case 't':
			out = append(out, '\t')
		case 'U':
			// pwsh writes DayOfYear / 7 unpadded for %U, as for %W
			// (GetDateCommand.UFormatDateString)
			out = strconv.AppendInt(out, int64(t.YearDay()/7), 10)
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			out = strconv.AppendInt(out, int64(wd), 10)
		case 'V':
			_, w := t.ISOWeek()
			out = dtPad(out, w, 2)
		case 'W':
			out = strconv.AppendInt(out, int64(t.YearDay()/7), 10)
		case 'w':
			out = strconv.AppendInt(out, int64(t.Weekday()), 10)
		case 'Y':
			cf("yyyy")
		case 'y':
			cf("yy")
		case 'Z':
			cf("zz")
		default:
			out = utf8.AppendRune(out, f[i])
		}
	}
	return string(out)
}

// DateParseError is the FormatException DateTime.Parse throws.
type DateParseError struct {
	Input  string
	Reason string // extra text after "DateTime", e.g. " because the day of week was incorrect"
}

func (e *DateParseError) Error() string {
	return "String '" + e.Input + "' was not recognized as a valid DateTime" + e.Reason + "."
}

func dtBad(s string) error { return &DateParseError{Input: s} }

// dtZone is a parsed time zone designator.
type dtZone struct {
	set bool
	off int // seconds east of UTC
	utc bool
}

func (z dtZone) location() *time.Location {
	switch {
	case !z.set:
		return UnspecifiedZone
	case z.utc:
		return time.UTC
	}
	return time.FixedZone("", z.off)
}

// ParseDate parses a string as PowerShell's [datetime] cast does
// (DateTime.Parse with the invariant culture): ISO 8601 forms
// ("2024-01-02", "2024-01-02T10:30:00.5Z", "...+02:00"), month-first
// numeric dates ("01/02/2024", "1/2/24 10:30", "1/2/2024 10:30:00 PM"),
// month names ("January 2, 2024", "2 Jan 2024", "Tue, 02 Jan 2024 10:30:00
// GMT"), and a bare time ("10:30", today's date).
//
// As .NET does, a string with Z, GMT or an offset is converted to local
// time (a time.Time in time.Local, Kind Local); one without is a wall clock
// in UnspecifiedZone (Kind Unspecified). ParseDateKeepZone keeps the zone.
func ParseDate(s string) (time.Time, error) {
	t, zone, err := dtParseLoose(s)
	if err != nil {
		return time.Time{}, err
	}
	if zone.set {
		return t.In(time.Local), nil
	}
	return t, nil
}

// ParseDateKeepZone is ParseDate without the conversion to local time: Z
// and GMT give a time.UTC time, an offset a fixed zone, no zone a time in
// UnspecifiedZone.
func ParseDateKeepZone(s string) (time.Time, error) {
	t, _, err := dtParseLoose(s)
	return t, err
}

type dtTok struct {
	kind byte // 'n' number, 'w' word, ' ' space, 'p' punctuation
	text string
	r    rune // punctuation character
}

func dtTokenize(s string) []dtTok {
	var toks []dtTok
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		j := i + 1
		switch {
		case r >= '0' && r <= '9':
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			toks = append(toks, dtTok{kind: 'n', text: string(rs[i:j])})
		case unicode.IsLetter(r):
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			toks = append(toks, dtTok{kind: 'w', text: string(rs[i:j])})
		case unicode.IsSpace(r):
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
			toks = append(toks, dtTok{kind: ' '})
		default:
			toks = append(toks, dtTok{kind: 'p', r: r})
		}
		i = j
	}
	return toks
}

func dtLookup(word string, full, abbr []string) int {
	for i := range full {
		if strings.EqualFold(word, full[i]) || strings.EqualFold(word, abbr[i]) {
			return i
		}
	}
	return -1
}

// dtYear applies the two-digit year rule (TwoDigitYearMax 2049).
func dtYear(v, digits int) int {
	if digits <= 2 {
		if v <= 49 {
			return 2000 + v
		}
		return 1900 + v
	}
	return v
}

func dtDaysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dtFracTicks turns fraction digits into 100ns ticks (truncating past 7).
func dtFracTicks(d string) int {
	if len(d) > 7 {
		d = d[:7]
	}
	v, _ := strconv.Atoi(d)
	for i := len(d); i < 7; i++ {
		v *= 10
	}
	return v
}

func dtParseLoose(s string) (time.Time, dtZone, error) {
	var zone dtZone
	fail := func() (time.Time, dtZone, error) { return time.Time{}, zone, dtBad(s) }
	toks := dtTokenize(s)
	type num struct{ v, digits int }
	var nums []num
	month, dow, ampm := 0, -1, 0
	timeSet := false
	hour, minute, sec, ticks := 0, 0, 0, 0
	peek := func(i int) (dtTok, int) { // next non-space token from i
		for i < len(toks) && toks[i].kind == ' ' {
			i++
		}
		if i < len(toks) {
			return toks[i], i
		}
		return dtTok{}, i
	}
	isPunct := func(i int, r rune) bool { return i < len(toks) && toks[i].kind == 'p' && toks[i].r == r }
	isNum := func(i int) bool { return i < len(toks) && toks[i].kind == 'n' && len(toks[i].text) <= 9 }
	atoi := func(i int) int { v, _ := strconv.Atoi(toks[i].text); return v }
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		switch tk.kind {
		case ' ':
		case 'n':
			if len(tk.text) > 9 {
				return fail()
			}
			if !timeSet && isPunct(i+1, ':') && isNum(i+2) {
				// h:mm[:ss[.fffffff]]
				hour, minute = atoi(i), atoi(i+2)
				if len(toks[i+2].text) > 2 {
					return fail()
				}
				i += 2
				if isPunct(i+1, ':') && isNum(i+2) {
					sec = atoi(i + 2)
					if len(toks[i+2].text) > 2 {
						return fail()
					}
					i += 2
					if (isPunct(i+1, '.') || isPunct(i+1, ',')) && i+2 < len(toks) && toks[i+2].kind == 'n' {
						ticks = dtFracTicks(toks[i+2].text)
						i += 2
					}
				}
				timeSet = true
				continue
			}
			if next, _ := peek(i + 1); !timeSet && next.kind == 'w' && dtAMPM(next.text) != 0 {
				hour = atoi(i) // "10 PM"
				timeSet = true
				continue
			}
			nums = append(nums, num{atoi(i), len(tk.text)})
		case 'w':
			w := tk.text
			if m := dtLookup(w, dtMonthNames[:], dtMonthAbbr[:]); m >= 0 || strings.EqualFold(w, "Sept") {
				if m < 0 {
					m = 8
				}
				if month != 0 {
					return fail()
				}
				month = m + 1
				continue
			}
			if d := dtLookup(w, dtDayNames[:], dtDayAbbr[:]); d >= 0 {
				if dow >= 0 {
					return fail()
				}
				dow = d
				continue
			}
			if a := dtAMPM(w); a != 0 {
				if ampm != 0 || !timeSet {
					return fail()
				}
				ampm = a
				continue
			}
			switch strings.ToUpper(w) {
			case "T":
				continue
			case "Z", "GMT", "UTC":
				if zone.set {
					return fail()
				}
				zone = dtZone{set: true, utc: true}
				continue
			}
			return fail()
		case 'p':
			switch tk.r {
			case '+', '-':
				if timeSet && isNum(i+1) {
					// UTC offset: +h, +hh, +hhmm, +hh:mm (after GMT too)
					if zone.set && !zone.utc {
						return fail()
					}
					d := toks[i+1].text
					var oh, om int
					switch len(d) {
					case 1, 2:
						oh = atoi(i + 1)
						i++
						if isPunct(i+1, ':') && isNum(i+2) && len(toks[i+2].text) == 2 {
							om = atoi(i + 2)
							i += 2
						}
					case 4:
						oh, om = atoi(i+1)/100, atoi(i+1)%100
						i++
					default:
						return fail()
					}
					if oh > 14 || om > 59 {
						return fail()
					}
					off := (oh*60 + om) * 60
					if tk.r == '-' {
						off = -off
					}
					zone = dtZone{set: true, off: off}
					continue
				}
				if tk.r == '+' {
					return fail()
				}
			case '/', '.', ',':
			default:
				return fail()
			}
		}
	}
	now := time.Now()
	var y, m, d int
	switch {
	case month != 0:
		m = month
		switch len(nums) {
		case 0:
			y, d = now.Year(), 1
		case 1:
			if nums[0].digits >= 3 || nums[0].v > 31 {
				y, d = dtYear(nums[0].v, nums[0].digits), 1
			} else {
				y, d = now.Year(), nums[0].v
			}
		case 2:
			if nums[0].digits >= 3 {
				y, d = nums[0].v, nums[1].v
			} else {
				d, y = nums[0].v, dtYear(nums[1].v, nums[1].digits)
			}
		default:
			return fail()
		}
	case len(nums) == 0:
		if !timeSet {
			return fail()
		}
		y, m, d = now.Year(), int(now.Month()), now.Day()
	case len(nums) == 2:
		if nums[0].digits >= 3 {
			y, m, d = nums[0].v, nums[1].v, 1
		} else {
			y, m, d = now.Year(), nums[0].v, nums[1].v
		}
	case len(nums) == 3:
		if nums[0].digits >= 3 {
			y, m, d = nums[0].v, nums[1].v, nums[2].v
		} else {
			m, d, y = nums[0].v, nums[1].v, dtYear(nums[2].v, nums[2].digits)
		}
	default:
		return fail()
	}
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > dtDaysIn(y, m) {
		return fail()
	}
	switch ampm {
	case 0:
		if hour > 23 {
			return fail()
		}
	default:
		if hour > 12 {
			return fail()
		}
		if ampm == 1 && hour == 12 {
			hour = 0
		} else if ampm == 2 && hour < 12 {
			hour += 12
		}
	}
	if minute > 59 || sec > 59 {
		return fail()
	}
	t := time.Date(y, time.Month(m), d, hour, minute, sec, ticks*100, zone.location())
	if dow >= 0 && int(t.Weekday()) != dow {
		return time.Time{}, zone, &DateParseError{Input: s, Reason: " because the day of week was incorrect"}
	}
	return t, zone, nil
}

// dtAMPM: 1 for AM, 2 for PM, 0 otherwise.
func dtAMPM(w string) int {
	switch strings.ToUpper(w) {
	case "AM":
		return 1
	case "PM":
		return 2
	}
	return 0
}

// ParseDateExact is DateTime.ParseExact(s, format, en-US) with
// DateTimeStyles.None. Format tokens: yyyy yy y MMMM MMM MM M dddd ddd dd d
// HH H hh h mm m ss s f…fffffff F…FFFFFFF tt t z zz zzz K, ':' '/',
// 'literal' "literal", \c, %c and one-letter standard formats. Missing date
// parts default as in .NET (no date at all: today). A zone (z, K, Z, GMT,
// the r/u/U formats) converts the result to local time; otherwise the
// result is in UnspecifiedZone.
func ParseDateExact(s, format string) (time.Time, error) {
	fail := func() (time.Time, error) { return time.Time{}, dtBad(s) }
	f := []rune(format)
	var zone dtZone
	if len(f) == 1 {
		p, utc, ok := dtStandard(f[0])
		if !ok {
			return time.Time{}, nfError(FormatInvalidMessage)
		}
		f = []rune(p)
		if utc {
			zone = dtZone{set: true, utc: true}
		}
	}
	if len(f) == 0 {
		return fail()
	}
	p := &dtExact{in: []rune(s), year: -1, month: -1, day: -1, dow: -1, zone: zone}
	if err := p.run(f); err != nil {
		if _, ok := err.(*FormatError); ok {
			return time.Time{}, err
		}
		return fail()
	}
	if p.pos != len(p.in) {
		return fail()
	}
	// DateTimeParse.CheckDefaultDateTime: no date at all is today; a
	// missing year is this year; a missing month or day is 1.
	now := time.Now()
	if p.year != -1 && p.twoDigitYear {
		p.year = dtYear(p.year, 2)
	}
	if p.year == -1 && p.month == -1 && p.day == -1 {
		p.year, p.month, p.day = now.Year(), int(now.Month()), now.Day()
	}
	if p.year == -1 {
		p.year = now.Year()
	}
	if p.month == -1 {
		p.month = 1
	}
	if p.day == -1 {
		p.day = 1
	}
	y, m, d := p.year, p.month, p.day
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > dtDaysIn(y, m) {
		return fail()
	}
	h := p.hour
	if p.ampm != 0 {
		if h > 12 {
			return fail()
		}
		if p.ampm == 1 && h == 12 {
			h = 0
		} else if p.ampm == 2 && h < 12 {
			h += 12
		}
	}
	if h > 23 || p.minute > 59 || p.sec > 59 {
		return fail()
	}
	t := time.Date(y, time.Month(m), d, h, p.minute, p.sec, p.ticks*100, p.zone.location())
	if p.dow >= 0 && int(t.Weekday()) != p.dow {
		return time.Time{}, &DateParseError{Input: s, Reason: " because the day of week was incorrect"}
	}
	if p.zone.set {
		t = t.In(time.Local)
	}
	return t, nil
}

type dtExact struct {
	in                    []rune
	pos                   int
	year, month, day, dow int
	hour, minute, sec     int
	ticks, ampm           int
	twoDigitYear          bool
	zone                  dtZone
}

var errDtMismatch = &DateParseError{}

// digits reads between lo and hi ASCII digits.
func (p *dtExact) digits(lo, hi int) (int, bool) {
	v, n := 0, 0
	for n < hi && p.pos < len(p.in) && p.in[p.pos] >= '0' && p.in[p.pos] <= '9' {
		v = v*10 + int(p.in[p.pos]-'0')
		p.pos++
		n++
	}
	return v, n >= lo
}

// tokDigits reads the digits of a 1- or 2-letter numeric token.
func (p *dtExact) tokDigits(n int) (int, bool) {
	if n == 1 {
		return p.digits(1, 2)
	}
	return p.digits(2, 2)
}

// word matches the longest of names (case-insensitively); it returns the index.
func (p *dtExact) word(names []string) (int, bool) {
	best, bestLen := -1, 0
	rest := string(p.in[p.pos:])
	for i, nm := range names {
		if len(nm) > bestLen && len(rest) >= len(nm) && strings.EqualFold(rest[:len(nm)], nm) {
			best, bestLen = i, len(nm)
		}
	}
	if best < 0 {
		return 0, false
	}
	p.pos += utf8.RuneCountInString(rest[:bestLen])
	return best, true
}

func (p *dtExact) match(r rune) bool {
	if p.pos < len(p.in) && p.in[p.pos] == r {
		p.pos++
		return true
	}
	return false
}

func (p *dtExact) offset(n int) bool {
	if p.pos >= len(p.in) || (p.in[p.pos] != '+' && p.in[p.pos] != '-') {
		return false
	}
	sign := 1
	if p.in[p.pos] == '-' {
		sign = -1
	}
	p.pos++
	var h, m int
	var ok bool
	switch n {
	case 1:
		h, ok = p.digits(1, 2)
	case 2:
		h, ok = p.digits(2, 2)
	default:
		if h, ok = p.digits(2, 2); ok {
			p.match(':')
			m, ok = p.digits(2, 2)
		}
	}
	if !ok || h > 14 || m > 59 {
		return false
	}
	p.zone = dtZone{set: true, off: sign * (h*3600 + m*60)}
	return true
}

func (p *dtExact) run(f []rune) error {
	for i := 0; i < len(f); {
		ch := f[i]
		n := dtRepeat(f, i)
		ok := true
		var v int
		switch ch {
		case 'y':
			if n <= 2 {
				p.twoDigitYear = true
				v, ok = p.tokDigits(n)
			} else {
				v, ok = p.digits(n, n)
			}
			p.year = v
		case 'M':
			switch {
			case n <= 2:
				v, ok = p.tokDigits(n)
			case n == 3:
				v, ok = p.word(dtMonthAbbr[:])
				v++
			default:
				v, ok = p.word(dtMonthNames[:])
				v++
			}
			p.month = v
		case 'd':
			switch {
			case n <= 2:
				p.day, ok = p.tokDigits(n)
			case n == 3:
				p.dow, ok = p.word(dtDayAbbr[:])
			default:
				p.dow, ok = p.word(dtDayNames[:])
			}
		case 'h', 'H':
			p.hour, ok = p.tokDigits(min(n, 2))
		case 'm':
			p.minute, ok = p.tokDigits(min(n, 2))
		case 's':
			p.sec, ok = p.tokDigits(min(n, 2))
		case 'f', 'F':
			if n > 7 {
				return nfError(FormatInvalidMessage)
			}
			start := p.pos
			lo := n
			if ch == 'F' {
				lo = 0
			}
			_, ok = p.digits(lo, n)
			p.ticks = dtFracTicks(string(p.in[start:p.pos]))
		case 't':
			if n == 1 {
				v, ok = p.word([]string{"A", "P"})
			} else {
				v, ok = p.word([]string{"AM", "PM"})
			}
			p.ampm = v + 1
		case 'z':
			ok = p.offset(n)
		case 'K':
			n = 1
			if p.match('Z') {
				p.zone = dtZone{set: true, utc: true}
			} else if p.pos < len(p.in) && (p.in[p.pos] == '+' || p.in[p.pos] == '-') {
				ok = p.offset(3)
			}
		case 'Z':
			n = 1
			ok = p.match('Z')
			p.zone = dtZone{set: true, utc: true}
		case '\'', '"':
			lit, l, err := dtQuoted(f, i)
			if err != nil {
				return err
			}
			n = l
			for _, r := range lit {
				if !p.match(r) {
					ok = false
					break
				}
			}
			if lit == "GMT" {
				p.zone = dtZone{set: true, utc: true}
			}
		case '%':
			if i+1 >= len(f) || f[i+1] == '%' {
				return nfError(FormatInvalidMessage)
			}
			if err := p.run(f[i+1 : i+2]); err != nil {
				return err
			}
			n = 2
		case '\\':
			if i+1 >= len(f) {
				return nfError(FormatInvalidMessage)
			}
			ok = p.match(f[i+1])
			n = 2
		default:
			n = 1
			ok = p.match(ch)
		}
		if !ok {
			return errDtMismatch
		}
		i += n
	}
	return nil
}
