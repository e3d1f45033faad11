package cmdlets_test

import (
	"strings"
	"testing"
)

// TestSteppablePipeline follows ScriptBlock.GetSteppablePipeline's
// reference and PipelineBehaviour.Tests.ps1 "Steppable pipeline": Begin,
// Process and End drive the block's one pipeline and return what it
// wrote since the last call; End runs the clean blocks, so do Clean and
// Dispose when they have not run, and a step that fails runs them before
// its error goes on; a block that is not one pipeline of commands cannot
// be converted. A script file path written with backslashes runs as the
// file written with it (PipelineBehaviour.Tests.ps1 "Exit from a script
// file works the same in 'Clean' block").
func TestSteppablePipeline(t *testing.T) {
	m := newMemFS()
	m.add("/work/keep.txt", "")
	m.add("/work/sub/keep.txt", "")
	out, errs := hermetic(t, m, true, `$log = './log.txt'
$sb = { begin { 'B' } process { "P$_" } end { 'E' } clean { 'cleaned' >> $log } }
$step = { & $sb }.GetSteppablePipeline()
$step.Begin($true)
"process: $($step.Process(1))"
"process: $($step.Process(2))"
"end: $($step.End())"
$step.Dispose()
Get-Content $log
$step = { ForEach-Object { $_ * 2 } | Where-Object { $_ -gt 2 } }.GetSteppablePipeline()
$step.Begin($true); $step.Process(1); $step.Process(2); $step.End()
$step = { & { begin { throw 'begin-error' } clean { 'clean after error' >> $log } } }.GetSteppablePipeline()
try { $step.Begin($false) } catch { $_.Exception.Message }
$step.Clean()
Get-Content $log
try { { 1; 2 }.GetSteppablePipeline() } catch { $_.Exception.InnerException.GetType().Name }
"exit 122" > '/work/sub\exit.ps1'
& '/work/sub\exit.ps1'; $LASTEXITCODE`)
	want := "process: B P1\nprocess: P2\nend: E\ncleaned\n4\nbegin-error\ncleaned\nclean after error\nInvalidOperationException\n122\n"
	if out != want || errs != "" {
		t.Errorf("stdout %q, want %q; stderr %q", out, want, strings.TrimSpace(errs))
	}
}
