package lint

import "testing"

// CSE1104 reports what a run refuses with [NotImplemented]; each case's
// construct is valid PowerShell (about_Functions_Advanced_Parameters lists
// [ValidateDrive()] and [ValidateUserDrive()]; about_Functions_Advanced_Methods
// dynamicparam; about_Calling_Generic_Methods .M[T]()), and the
// cmdlets package's tests check that a run refuses the same constructs.
func TestNotEmulatedConstructRule(t *testing.T) {
	stRun(t, "CSE1104", []stCase{
		{name: "validate drive", src: "function f { param([ValidateDrive('C')] $p) }\n", want: []string{"CSE1104 1:20-1:20"}},
		{name: "block attribute", src: "function f { [Reflection.AssemblyTitle('x')] param($p) }\n", want: []string{"CSE1104 1:14-1:14"}},
		{name: "parameter argument", src: "function f { param([Parameter(HelpMessageBaseName = 'x')] $p) }\n", want: []string{"CSE1104 1:31-1:31"}},
		{name: "dynamicparam", src: "function f { dynamicparam { } end { } }\n", want: []string{"CSE1104 1:14-1:14"}},
		{name: "generic call", src: "$x = [Linq.Enumerable]::Empty[int]()\n", want: []string{"CSE1104 1:23-1:23"}},
		{name: "honoured attributes", src: "function f { [CmdletBinding(SupportsShouldProcess)] param([Parameter(Mandatory)][ValidateSet('a')][Alias('q')] $p) }\n"},
	})
}
