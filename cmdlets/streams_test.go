package cmdlets_test

import (
	"strings"
	"testing"
)

// redirectionTests follow about_Redirection
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection),
// PowerShell's test/powershell/Language/Parser/RedirectionOperator.Tests.ps1
// ("Redirection and Set-Variable -append tests") and
// Modules/Microsoft.PowerShell.Utility/Write-Stream.Tests.ps1. Where the
// documents are silent they follow the engine (MshCommandRuntime's
// WriteWarning/WriteInformation: a warning, verbose or debug record goes
// to a redirection only when its preference shows it, an information
// record whenever the action is not Ignore; MiscOps: the commands a
// command runs take its redirections).
var redirectionTests = []evalCase{
	// "n>&1 redirects the specified stream to the Success stream": the
	// records are objects of their stream's type
	{"warning_merge", `$x = Write-Warning w 3>&1; $x.GetType().FullName; $x.Message; "$x"`,
		"System.Management.Automation.WarningRecord\nw\nw\n", "", 0},
	{"error_merge_mixes_records", `$r = & { Write-Error e1; 'out'; Write-Error e2 } 2>&1
$r.Count; $r | ForEach-Object { $_.GetType().Name }; $r[0].Exception.Message`,
		"3\nErrorRecord\nString\nErrorRecord\ne1\n", "", 0},
	{"verbose_merge_when_shown", `$v = Write-Verbose v -Verbose 4>&1; $v.GetType().Name; $v.Message
$n = Write-Verbose quiet 4>&1; $null -eq $n`,
		"VerboseRecord\nv\nTrue\n", "", 0},
	{"debug_merge", `$d = Write-Debug d -Debug 5>&1; $d.GetType().Name; "$d"; $d -is [System.Management.Automation.InformationalRecord]`,
		"DebugRecord\nd\nTrue\n", "", 0},
	{"information_merge_unless_ignore", `$i = Write-Information i 6>&1; $i.GetType().Name; $i.MessageData
$j = Write-Information j -InformationAction Ignore 6>&1; $null -eq $j`,
		"InformationRecord\ni\nTrue\n", "", 0},
	// about_Redirection example 5: 6> $null suppresses Write-Host
	{"host_is_information", `Write-Host hidden 6>$null; $h = Write-Host hi 6>&1; $h.Tags -join ','; "$h"; $h.MessageData.Message`,
		"PSHOST\nhi\nhi\n", "", 0},
	{"all_merge", `$all = & { 'o'; Write-Error e; Write-Warning w; Write-Verbose v -Verbose; Write-Debug d -Debug; Write-Information i } *>&1
($all | ForEach-Object { $_.GetType().Name }) -join ','`,
		"String,ErrorRecord,WarningRecord,VerboseRecord,DebugRecord,InformationRecord\n", "", 0},
	{"all_to_null", `& { 'o'; Write-Error e; Write-Warning w; Write-Host h; Write-Verbose v -Verbose } *>$null; 'after'`,
		"after\n", "", 0},
	// a redirected error is still an error: $? is false and $Error has it
	{"error_to_null", `Write-Error gone 2>$null; $?; $Error.Count; $Error[0].Exception.Message`,
		"False\n1\ngone\n", "", 0},
	{"nested_commands_take_redirection", `function f { Write-Warning inner; 'x' }; $r = f 3>&1; $r.Count; $r[0].Message`,
		"2\ninner\n", "", 0},
	{"statement_error_in_function", `function f { Get-Date -NoSuchParameter }; f 2>$null; 'after'`,
		"after\n", "", 0},
	// a record merged into the output shows as its stream shows it
	{"merged_warning_shown", `Write-Warning shown 3>&1`, "", "WARNING: shown", 0},
	{"merged_error_shown", `Write-Error oops 2>&1`, "", "Write-Error: oops", 0},
	{"merged_information_shown", `Write-Information info 6>&1`, "info\n", "", 0},
	// RedirectionOperator.Tests.ps1: "variable redirection should work"
	{"variable_created", `1..3>variable:a; $a -join ''`, "123\n", "", 0},
	{"variable_appended", `1..3>variable:a; 4..6>>variable:a; $a -join ''`, "123456\n", "", 0},
	{"variable_keeps_type", `@{one=1}>variable:a; $a.GetType().Name`, "Hashtable\n", "", 0},
	{"variable_multiple_types", `@{one=1}>variable:a;@{two=2}>>variable:a;1>>variable:a;"string">>variable:a
$a.Count; $a.GetType().Name; ($a | ForEach-Object { $_.GetType().Name }) -join ','; $a[1].two`,
		"4\nObject[]\nHashtable,Hashtable,Int32,String\n2\n", "", 0},
	{"variable_error_stream", `write-error bad 2>variable:a; $a.GetType().Name; $a.Exception.Message`,
		"ErrorRecord\nbad\n", "", 0},
	{"variable_warning_stream", `write-warning warn 3>variable:a; $a.GetType().Name; $a.Message`,
		"WarningRecord\nwarn\n", "", 0},
	{"variable_verbose_stream", `write-verbose -verbose verb 4>variable:a; $a.GetType().Name; $a.Message`,
		"VerboseRecord\nverb\n", "", 0},
	{"variable_debug_stream", `write-debug -debug deb 5>variable:a; $a.GetType().Name; $a.Message`,
		"DebugRecord\ndeb\n", "", 0},
	{"variable_information_stream", `write-information info 6>variable:a; $a.GetType().Name; $a.MessageData`,
		"InformationRecord\ninfo\n", "", 0},
	{"variable_all_streams", `. { write-error bad; write-information info } *>variable:a
$a.Count; $a[0].GetType().Name; $a[1].MessageData`,
		"2\nErrorRecord\ninfo\n", "", 0},
	{"variable_several_streams", `. { write-error bad; write-information info } 2>variable:e 6>variable:i
$e.Exception.Message; $i.MessageData`,
		"bad\ninfo\n", "", 0},
	// a command's redirections take effect in the order of their streams:
	// "3>&1 > file" sends the warnings to the file (Write-Stream.Tests.ps1)
	{"merge_then_output_redirect", `& { Write-Warning w; 'o' } 3>&1 > variable:v; $v.Count; $v[0].GetType().Name`,
		"2\nWarningRecord\n", "", 0},
	// redirections after an expression, as after a command: an expression
	// in ( ) or $( ) takes them for the commands it runs (about_Redirection:
	// "n>&1 Redirects the specified stream to the Success stream", "*>&1
	// Redirects all streams to the Success stream", "2> $null" suppresses
	// the errors)
	{"expression_warning_merge", `$x = (Write-Warning w) 3>&1; $x.GetType().FullName; $x.Message`,
		"System.Management.Automation.WarningRecord\nw\n", "", 0},
	{"expression_warning_merge_shown", `(Write-Warning w) 3>&1`, "", "WARNING: w", 0},
	{"expression_value_merge", `'x' 2>&1; $r = 'x' 2>&1; $r.GetType().Name`, "x\nString\n", "", 0},
	{"expression_error_merge", `$r = (Get-Item nosuch) 2>&1; $r.GetType().Name; $r.CategoryInfo.Category; $r.Exception.Message -like '*nosuch*'; $Error.Count`,
		"ErrorRecord\nObjectNotFound\nTrue\n1\n", "", 0},
	{"expression_error_merge_shown", `(Get-Item nosuch) 2>&1; 'after'`, "after\n", "Cannot find path", 0},
	{"expression_error_to_null", `(Get-Item nosuch) 2>$null; 'after'`, "after\n", "", 0},
	// the records are written while the expression runs, its value after
	{"expression_all_merge", `$all = $(Write-Warning w; Write-Error e; 'o'; Write-Information i) *>&1
($all | ForEach-Object { $_.GetType().Name }) -join ','`,
		"WarningRecord,ErrorRecord,InformationRecord,String\n", "", 0},
	{"expression_all_to_null", `(& { 'o'; Write-Error e; Write-Warning w; Write-Host h }) *>$null; 'after'`, "after\n", "", 0},
	{"expression_warning_to_variable", `(Write-Warning w) 3>variable:v; $v.GetType().Name; $v.Message`, "WarningRecord\nw\n", "", 0},
	// commands in ( ) that write nothing send nothing down the pipeline
	// (not $null, which would run the script block once)
	{"expression_no_output", `(Get-Item nosuch) 2>$null | ForEach-Object { 'ran' }; @((Write-Output @())).Count`, "0\n", "", 0},
	// pwsh's parser refuses these (ParserStrings StreamAlreadyRedirected,
	// RedirectionNotSupported; Parser.cs RedirectionRule), so the script
	// does not run: exit code 1
	{"stream_redirected_twice", `Write-Output x 2>&1 2>$null`, "", "The error stream for this command is already redirected.", 1},
	{"merge_to_error_stream", `Write-Output x 1>&2`, "", "The '1>&2' operator is reserved for future use.", 1},
	{"other_drive_not_emulated", `'x' > env:FOO`, "", "[NotImplemented] redirection to the env: drive", 0},
}

// streamActionTests follow about_CommonParameters
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters):
// the action Stop shows the record and stops the command with
// ActionPreferenceStopException's message.
var streamActionTests = []evalCase{
	{"warning_stop", "Write-Warning w -WarningAction Stop\n'after'", "",
		"The running command stopped because the preference variable \"WarningPreference\" or common parameter is set to Stop: w", 1},
	{"verbose_stop", "$VerbosePreference = 'Stop'; Write-Verbose v\n'after'", "",
		"VERBOSE: v", 1},
	{"information_continue", `Write-Information shown -InformationAction Continue; Write-Information hidden`, "shown\n", "", 0},
	{"information_stop", "Write-Information i -InformationAction Stop\n'after'", "i\n",
		"The running command stopped because the preference variable \"InformationPreference\" or common parameter is set to Stop: i", 1},
	{"host_ignore", `Write-Host shown; Write-Host hidden -InformationAction Ignore; $InformationPreference = 'Ignore'; Write-Host hidden2`, "shown\n", "", 0},
	{"progress_stop", "Write-Progress -Activity act -ProgressAction Stop\n'after'", "",
		"The running command stopped because the preference variable \"ProgressPreference\" or common parameter is set to Stop: act", 1},
	{"progress_silent", `Write-Progress -Activity act; $ProgressPreference = 'SilentlyContinue'; Write-Progress -Activity b; 'done'`, "done\n", "", 0},
}

func TestRedirection(t *testing.T) {
	for _, c := range redirectionTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

func TestStreamActions(t *testing.T) {
	for _, c := range streamActionTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// TestFSStreamRedirection follows about_Redirection: examples 1 and 3
// ("3>&1 2>&1 > file" puts the warnings, errors and output in the file),
// example 4 ("*> file" sends every stream), "n>>" appends, and a record
// in a file is its message (the WarningRecord format view shows Message);
// like every file a script writes, the redirections go through the
// session's files and need --allow-write.
func TestFSStreamRedirection(t *testing.T) {
	m := newMemFS()
	m.mkdir("/work")
	out, errs := hermetic(t, m, true, `
& { Write-Warning hello; Write-Error oops; 'hi' } 3>&1 2>&1 > r.log
& { 'o'; Write-Warning w; Write-Verbose v -Verbose; Write-Information i } *> all.txt
Write-Warning first 3> w.txt
Write-Warning second 3>> w.txt
Write-Error nothing 2> empty.txt -ErrorAction SilentlyContinue
'done'
`)
	if out != "done\n" || errs != "" {
		t.Errorf("stdout %q; stderr %q", out, errs)
	}
	log, _ := m.file("/work/r.log")
	if lines := strings.Split(log, "\n"); len(lines) != 4 || lines[0] != "hello" || !strings.HasSuffix(lines[1], "Write-Error: oops") || lines[2] != "hi" {
		t.Errorf("r.log holds %q", log)
	}
	wantFile(t, m, "/work/all.txt", "o\nw\nv\ni\n")
	wantFile(t, m, "/work/w.txt", "first\nsecond\n")
	wantFile(t, m, "/work/empty.txt", "")

	out, errs = hermetic(t, newMemFS(), false, `Write-Error e 2> e.txt; 'after'`)
	if out != "after\n" || !strings.Contains(errs, `skipped writing "e.txt": file writes need --allow-write`) {
		t.Errorf("writes off: stdout %q; stderr %q", out, errs)
	}
}
