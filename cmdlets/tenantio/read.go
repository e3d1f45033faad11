package tenantio

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/state"
)

// Options control [Read].
type Options struct {
	// Format is the format of every file; FormatAuto (or "") recognises
	// each file's format from its content.
	Format Format
	// OrganizationName is the tenant's domain (contoso.com): it replaces
	// $OrganizationName in Microsoft365DSC configurations. Empty leaves
	// the variable's text and warns.
	OrganizationName string
	// DecodeClixml reads a CLIXML document into PowerShell values (the
	// interpreter's Import-Clixml reader); nil makes CLIXML files an error.
	DecodeClixml func(text string) ([]any, error)
}

// Result is what [Read] made of one file.
type Result struct {
	Source *Source
	Format Format
	// Rule says why the file was read in its format (-Verbose).
	Rule string
	// Snapshot is what the file holds; nil when Err is set.
	Snapshot *Snapshot
	// Warnings are things the reader could not do exactly (a variable it
	// could not resolve, a value it kept as text).
	Warnings []string
	Err      error
}

// Read reads each source in its format. A zip archive is read as the files
// it holds. Each result has a snapshot or an error, so that the caller can
// stop at the first bad file or import the good ones.
func Read(srcs []*Source, o Options) []*Result {
	var out []*Result
	for _, src := range srcs {
		if isZip(src.Data) {
			files, err := Unzip(src)
			if err != nil {
				out = append(out, &Result{Source: src, Err: err})
				continue
			}
			if len(files) == 0 {
				out = append(out, &Result{Source: src, Err: &Error{File: src.Name, Msg: "the zip archive holds no file"}})
				continue
			}
			out = append(out, Read(files, o)...)
			continue
		}
		out = append(out, readOne(src, o))
	}
	return out
}

// readOne reads one file; a panic of a reader is an error of the file,
// never of the caller.
func readOne(src *Source, o Options) (r *Result) {
	r = &Result{Source: src}
	defer func() {
		if p := recover(); p != nil {
			r.Snapshot = nil
			r.Err = &Error{File: src.Name, Msg: fmt.Sprintf("internal error reading the file: %v", p)}
		}
	}()
	text := src.Text()
	f := o.Format
	if f == "" || f == FormatAuto {
		var ok bool
		f, r.Rule, ok = Detect(src, text)
		if !ok {
			r.Err = &Error{File: src.Name, Msg: "unknown kind of file: " + r.Rule}
			return r
		}
	} else {
		r.Rule = "-Format " + string(f)
	}
	r.Format = f
	rd := &reader{src: src, text: text, opt: o, snap: &Snapshot{}}
	var err error
	switch f {
	case FormatCsJSON:
		err = readCsJSON(rd)
	case FormatScuba:
		err = readScuba(rd)
	case FormatClixml:
		err = readClixml(rd)
	case FormatDSC:
		err = readDSC(rd)
	case FormatCSV:
		err = readCSV(rd)
	default:
		err = &Error{File: src.Name, Msg: fmt.Sprintf("unknown format %q", f)}
	}
	r.Warnings = rd.warnings
	if len(rd.rules) > 0 {
		r.Rule += "; " + strings.Join(rd.rules, "; ")
	}
	if err != nil {
		if _, ok := err.(*Error); !ok {
			err = &Error{File: src.Name, Msg: err.Error()}
		}
		r.Err = err
		return r
	}
	r.Snapshot = rd.snap
	return r
}

// reader is the state of reading one file, shared by the format readers.
type reader struct {
	src      *Source
	text     string
	opt      Options
	snap     *Snapshot
	warnings []string
	// rules say how the reader understood the file (which columns made
	// a CSV a list of users), for Result.Rule.
	rules []string
	// kept are the kinds noted as kept but not read (lower case)
	kept map[string]bool
}

// noteKept notes, once a file, that csemu keeps the objects of a kind its
// rules do not read: a kind without a Global default in csemu's tenant,
// such as TeamsMessagingPolicy, unless the kind says the rules read it.
func (rd *reader) noteKept(kind string, at Origin) {
	low := strings.ToLower(kind)
	if rd.kept[low] {
		return
	}
	if rd.kept == nil {
		rd.kept = map[string]bool{}
	}
	rd.kept[low] = true
	if info, ok := kindByName(kind); ok && info.Read {
		return
	}
	if _, ok := state.DefaultObject(kind); ok {
		return
	}
	rd.snap.Notes = append(rd.snap.Notes, Note{Kind: kind, Reason: "kept; csemu's rules do not read it", Origin: at})
}

func (rd *reader) warn(format string, args ...any) {
	rd.warnings = append(rd.warnings, fmt.Sprintf(format, args...))
}

// at returns an origin in the file at a line.
func (rd *reader) at(line int, path string) Origin {
	return Origin{File: rd.src.Name, Line: line, Path: path}
}

// errAt returns an error at a byte offset of the file's text.
func (rd *reader) errAt(off int, format string, args ...any) *Error {
	return errorAt(rd.src.Name, rd.text, off, format, args...)
}

// Merge returns one snapshot of the results that have one, in order.
func Merge(results []*Result) *Snapshot {
	s := &Snapshot{}
	for _, r := range results {
		if r.Snapshot != nil {
			s.merge(r.Snapshot)
		}
	}
	return s
}

// policyName is a policy identity as assignments name it: without Tag:.
func policyName(identity string) string {
	if len(identity) > 4 && strings.EqualFold(identity[:4], "tag:") {
		return identity[4:]
	}
	return identity
}
