package cmdlets

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// A transcript records what the host shows, as Start-Transcript does:
// from Start-Transcript to Stop-Transcript, everything written to the
// console's output and error goes to the transcript file too, between
// pwsh's prologue and epilogue (InternalHostUserInterfaceStrings:
// TranscriptPrologue, MinimalTranscriptPrologue, TranscriptEpilogue).
type transcript struct {
	path string
	// w is the open file; nil when file writes are off (the transcript
	// still starts and stops, and says it skipped writing).
	w io.WriteCloser
}

// hostWriter is the session's console output or error: what it writes
// also goes to the transcripts being recorded.
type hostWriter struct {
	s *Session
	w io.Writer
}

func (h *hostWriter) Write(p []byte) (int, error) {
	n, err := h.w.Write(p)
	for _, t := range h.s.transcripts {
		if t.w != nil {
			// a transcript that cannot be written is dropped silently,
			// as pwsh ignores its transcript's write errors
			if _, werr := t.w.Write(p); werr != nil {
				t.w.Close()
				t.w = nil
			}
		}
	}
	return n, err
}

// transcriptCmdlets are Start-Transcript and Stop-Transcript.
func transcriptCmdlets() []*Cmdlet {
	return []*Cmdlet{
		{
			Name: "Start-Transcript", Module: "Microsoft.PowerShell.Host", ShouldProcess: true,
			Synopsis: "Records what the console shows to a file (with --allow-write).",
			Params: []*ParamDef{sets(p("Path", "string", 0), "ByPath"), sets(alias(p("LiteralPath", "string", -1), "PSPath", "LP"), "ByLiteralPath"),
				sets(p("OutputDirectory", "string", -1), "ByOutputDirectory"), p("Append", "switch", -1), p("Force", "switch", -1),
				alias(p("NoClobber", "switch", -1), "NoOverwrite"), p("IncludeInvocationHeader", "switch", -1), p("UseMinimalHeader", "switch", -1)},
			DefaultSet: "ByPath",
			Process:    startTranscriptProcess,
		},
		{
			Name: "Stop-Transcript", Module: "Microsoft.PowerShell.Host", ShouldProcess: true,
			Synopsis: "Stops the transcript Start-Transcript started last.",
			Process:  stopTranscriptProcess,
		},
	}
}

// defaultTranscriptPath is pwsh's PowerShell_transcript.HOST.RANDOM.TIME.txt
// in the home folder (GetTranscriptPath), or in dir.
func (s *Session) defaultTranscriptPath(dir string) string {
	home, _ := s.host.home()
	if dir == "" {
		dir = home
	} else if !filepath.IsAbs(dir) {
		dir = filepath.Join(home, dir)
	}
	host, _ := s.host.hostname()
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return filepath.Join(dir, fmt.Sprintf("PowerShell_transcript.%s.%s.%s.txt", host, b, s.clock.Now().Format("20060102150405")))
}

func startTranscriptProcess(c *Call) error {
	s := c.s
	path, shown := c.String("Path"), ""
	switch {
	case c.Has("LiteralPath"):
		path = c.String("LiteralPath")
	case c.Has("Path"):
	default:
		if v, ok := s.getVar(s.global, "TRANSCRIPT"); ok && v != nil {
			path = s.toString(v)
		} else {
			path = s.defaultTranscriptPath(c.String("OutputDirectory"))
		}
	}
	shown = path
	full, err := s.fullPath(nativePath(path))
	if err != nil {
		return c.Fail("CannotStartTranscription", InvalidOperation, "Transcription cannot be started due to the error: %s", err.Error())
	}
	if !c.ShouldProcess(full, "Start-Transcript") {
		return nil
	}
	appendMode := c.Bool("Append")
	if fi, err := s.host.files.Stat(full); err == nil {
		if fi.IsDir() {
			return c.Fail("CannotStartTranscription", InvalidOperation, "Transcription cannot be started due to the error: File path %s resolves to a directory.", full)
		}
		if c.Bool("NoClobber") && !appendMode {
			return c.Fail("NoClobber", ResourceExists, "File %s already exists and NoClobber was specified.", full)
		}
	}
	t := &transcript{path: full}
	w, err := s.host.files.Create(full, appendMode)
	var off *writesOffError
	switch {
	case errors.As(err, &off):
		if err := s.writeWarning(c.fr, nil, fmt.Sprintf("Start-Transcript: skipped writing %q: file writes need --allow-write", full)); err != nil {
			return err
		}
	case err != nil:
		return c.Fail("CannotStartTranscription", InvalidOperation, "Transcription cannot be started due to the error: %s", fsErrorMessage(err, full))
	default:
		t.w = w
	}
	s.transcripts = append(s.transcripts, t)
	if t.w != nil {
		fmt.Fprint(t.w, s.transcriptPrologue(c.Bool("UseMinimalHeader"))+"\n")
	}
	return c.Write("Transcript started, output file is " + shown)
}

func stopTranscriptProcess(c *Call) error {
	s := c.s
	if len(s.transcripts) == 0 {
		return c.Fail("InvalidOperation", InvalidOperation, "An error occurred stopping transcription: The host is not currently transcribing.")
	}
	if !c.ShouldProcess("", "Stop-Transcript") {
		return nil
	}
	t := s.transcripts[len(s.transcripts)-1]
	s.transcripts = s.transcripts[:len(s.transcripts)-1]
	if t.w != nil {
		fmt.Fprintf(t.w, "**********************\nPowerShell transcript end\nEnd time: %s\n**********************\n", s.clock.Now().Format("20060102150405"))
		if err := t.w.Close(); err != nil {
			return c.Fail("InvalidOperation", InvalidOperation, "An error occurred stopping transcription: %s", err.Error())
		}
	}
	return c.Write("Transcript stopped, output file is " + t.path)
}

// transcriptPrologue is the header pwsh writes at the top of a transcript.
func (s *Session) transcriptPrologue(minimal bool) string {
	start := s.clock.Now().Format("20060102150405")
	if minimal {
		return "**********************\nPowerShell transcript start\nStart time: " + start + "\n**********************"
	}
	u, _ := s.getEnv("USER")
	user := value.ToString(u)
	host, _ := s.host.hostname()
	domain := host
	pid := 0
	if s.host.pid != nil {
		pid = *s.host.pid
	}
	var ver strings.Builder
	vt := psVersionTable()
	for _, k := range vt.Keys() {
		v, _ := vt.Get(k)
		text := value.ToString(v)
		if a, ok := v.(*value.Array); ok {
			parts := make([]string, len(a.Items))
			for i, it := range a.Items {
				parts[i] = value.ToString(it)
			}
			text = strings.Join(parts, ", ")
		}
		fmt.Fprintf(&ver, "%s: %s\n", value.ToString(k), text)
	}
	return fmt.Sprintf("**********************\nPowerShell transcript start\nStart time: %s\nUsername: %s\\%s\nRunAs User: %s\\%s\nConfiguration Name: \nMachine: %s (Unix)\nHost Application: csemu\nProcess ID: %d\n%s\n**********************",
		start, domain, user, domain, user, host, pid, strings.TrimRight(ver.String(), "\n"))
}

// Close ends what the session left running: the transcripts a script
// did not stop, as pwsh ends them when it exits.
func (s *Session) Close() {
	for len(s.transcripts) > 0 {
		t := s.transcripts[len(s.transcripts)-1]
		s.transcripts = s.transcripts[:len(s.transcripts)-1]
		if t.w != nil {
			fmt.Fprintf(t.w, "**********************\nPowerShell transcript end\nEnd time: %s\n**********************\n", s.clock.Now().Format("20060102150405"))
			t.w.Close()
		}
	}
}
