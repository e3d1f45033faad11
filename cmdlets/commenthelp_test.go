package cmdlets_test

import "testing"

// TestCommentHelpPlacement follows about_Comment_Based_Help
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help),
// "Syntax for comment-based help in functions": the help of a function
// is a comment block that ends at most one blank line before the
// function keyword, or at the start of its body, or at the end of its
// body; a block may be <# #> or single-line comments; more than one
// blank line between the block and the function detaches it, and a
// block that is not help (a line that is no keyword) is ignored. A
// function without help gets help made from its syntax, whose synopsis
// is that syntax (PowerShell's ScriptHelp.Tests.ps1, "get-help
// missingHelp": a simple function shows no [<CommonParameters>]).
func TestCommentHelpPlacement(t *testing.T) {
	script := `
<#
.SYNOPSIS
    Detached.
#>


function far { }

# .SYNOPSIS
#    Before it.
function near { }

function inside {
    <#
    .SYNOPSIS
    At the start.
    #>
    param($a)
}

function atEnd {
    param($a)
    $a
    # .SYNOPSIS
    #   At the end.
}

function notHelp {
    # just a comment
    param($a)
}
(Get-Help far).Synopsis
(Get-Help near).Synopsis
(Get-Help inside).Synopsis
(Get-Help atEnd).Synopsis
(Get-Help notHelp).Synopsis
(Get-Help inside).Category
filter fl {
    # .SYNOPSIS
    # A filter.
}
(Get-Help fl).Category
`
	runCase(t, newMemFS(), false, "placement", script,
		"far\nBefore it.\nAt the start.\nAt the end.\nnotHelp [[-a] <Object>]\nFunction\nFilter\n", "")
}

// TestCommentHelpObject follows about_Comment_Based_Help's keywords
// (.SYNOPSIS, .DESCRIPTION, .PARAMETER, .EXAMPLE, .INPUTS, .OUTPUTS,
// .NOTES, .LINK, .COMPONENT, .ROLE, .FUNCTIONALITY) and the help object
// PowerShell's ScriptHelp.Tests.ps1 reads: parameters with required,
// position (1-based or "named"), pipelineInput, globbing
// ([SupportsWildcards()]), defaultValue (the default as written, or
// [PSDefaultValue(Help=...)]) and a description from .PARAMETER or from
// a comment before the parameter; -WhatIf and -Confirm of
// SupportsShouldProcess are listed; an example's introduction is its text
// up to the first '>' ("PS > " when there is none), its code runs to the
// first blank line and its remarks are five paragraphs; a .LINK that is an
// absolute URI is a uri, any other a linkText.
func TestCommentHelpObject(t *testing.T) {
	script := `
function Grant-Thing {
    <#
    .SYNOPSIS
    Grants a thing.
    .DESCRIPTION
    Grants it to a user.
    .PARAMETER Identity
    The user.
    .EXAMPLE
    PS C:\> Grant-Thing -Identity ann

    Grants ann the thing.
    .EXAMPLE
    Grant-Thing bob
    .LINK
    https://example.com/grant
    .LINK
    Revoke-Thing
    .INPUTS
    System.String
    .OUTPUTS
    None
    .NOTES
    Needs admin rights.
    .COMPONENT
    Teams
    .ROLE
    Admin
    .FUNCTIONALITY
    Policies
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [string]$Identity,
        # How many times.
        [int]$Count = 2 * 3,
        [SupportsWildcards()]
        [string]$Filter,
        [PSDefaultValue(Help = 'the current policy')]
        $Policy = (Get-Date),
        [switch]$Force
    )
}
$h = Get-Help Grant-Thing
$h.Name; $h.Category; $h.Synopsis; $h.description[0].Text
$h.Component; $h.Role; $h.Functionality
$h.parameters.parameter | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $_.name, $_.required, $_.position, $_.pipelineInput, $_.globbing, $_.defaultValue, $_.type.name }
$h.parameters.parameter[0].description[0].Text
$h.parameters.parameter[1].description[0].Text
$h.examples.example.Count
$h.examples.example[0].introduction[0].Text
$h.examples.example[0].code
$h.examples.example[0].remarks[0].Text
$h.examples.example[0].remarks.Length
$h.examples.example[1].introduction[0].Text
$h.examples.example[1].code
$h.relatedLinks.navigationLink[0].uri
$h.relatedLinks.navigationLink[1].linkText
$h.inputTypes.inputType.type.name
$h.returnValues.returnValue.type.name
$h.alertSet.alert[0].Text
($h.syntax | Out-String -Width 200).Trim()
$h.syntax.syntaxItem.parameter.Count
`
	want := "Grant-Thing\nFunction\nGrants a thing.\nGrants it to a user.\nTeams\nAdmin\nPolicies\n" +
		"Identity|true|1|true (ByPropertyName)|false||String\n" +
		"Count|false|2|false|false|2 * 3|Int32\n" +
		"Filter|false|3|false|true||String\n" +
		"Policy|false|4|false|false|the current policy|Object\n" +
		"Force|false|named|false|false||SwitchParameter\n" +
		"WhatIf|false|named|false|false||SwitchParameter\n" +
		"Confirm|false|named|false|false||SwitchParameter\n" +
		"The user.\nHow many times.\n2\nPS C:\\>\nGrant-Thing -Identity ann\nGrants ann the thing.\n5\nPS > \nGrant-Thing bob\n" +
		"https://example.com/grant\nRevoke-Thing\nSystem.String\nNone\nNeeds admin rights.\n" +
		"Grant-Thing [-Identity] <String> [[-Count] <Int32>] [[-Filter] <String>] [[-Policy] <Object>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]\n7\n"
	runCase(t, newMemFS(), false, "object", script, want, "")
}

// TestCommentHelpViews follows Get-Help's page
// (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-help):
// the default view shows NAME, SYNOPSIS, SYNTAX, DESCRIPTION, RELATED
// LINKS and REMARKS; -Full adds PARAMETERS (with Required?, Position?,
// Default value, ...), INPUTS, OUTPUTS, NOTES and EXAMPLES; -Parameter
// shows the named parameters, and a name that matches none is the
// NoParmsFound error; -Component, -Role and -Functionality keep only help
// that matches them (else HelpNotFound).
func TestCommentHelpViews(t *testing.T) {
	script := `
function Set-Thing {
    <#
    .SYNOPSIS
    Sets a thing.
    .DESCRIPTION
    Sets it now.
    .PARAMETER Name
    The thing's name.
    .EXAMPLE
    Set-Thing -Name a
    .NOTES
    A note.
    .COMPONENT
    Teams
    #>
    param([string]$Name)
}
(Get-Help Set-Thing | Out-String).Trim()
'=='
(Get-Help Set-Thing -Full | Out-String).Trim()
'=='
(Get-Help Set-Thing -Parameter Name | Out-String).TrimEnd()
'=='
(Get-Help Set-Thing -Component Tea*).Name
Get-Help Set-Thing -Component Skype -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].FullyQualifiedErrorId
Get-Help Set-Thing -Parameter nope -ErrorAction SilentlyContinue -ErrorVariable e2
$e2[0].FullyQualifiedErrorId
`
	want := `NAME
    Set-Thing

SYNOPSIS
    Sets a thing.

SYNTAX
    Set-Thing [[-Name] <String>] [<CommonParameters>]

DESCRIPTION
    Sets it now.

RELATED LINKS

REMARKS
    To see the examples, type: "get-help Set-Thing -examples".
    For more information, type: "get-help Set-Thing -detailed".
    For technical information, type: "get-help Set-Thing -full".
==
NAME
    Set-Thing

SYNOPSIS
    Sets a thing.

SYNTAX
    Set-Thing [[-Name] <String>] [<CommonParameters>]

DESCRIPTION
    Sets it now.

PARAMETERS
    -Name <String>
        The thing's name.

        Required?                    false
        Position?                    1
        Default value                
        Accept pipeline input?       false
        Aliases                      
        Accept wildcard characters?  false

    <CommonParameters>
        This cmdlet supports the common parameters: Verbose, Debug,
        ErrorAction, ErrorVariable, WarningAction, WarningVariable,
        OutBuffer, PipelineVariable, and OutVariable. For more information, see
        about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).

NOTES
    A note.

    -------------------------- EXAMPLE 1 --------------------------

    PS > Set-Thing -Name a
==
    -Name <String>
        The thing's name.

        Required?                    false
        Position?                    1
        Default value                
        Accept pipeline input?       false
        Aliases                      
        Accept wildcard characters?  false
==
Set-Thing
HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand
NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand
`
	out, _ := hermeticOut(t, script)
	if out != want {
		t.Errorf("views:\n%s\nwant:\n%s", out, want)
	}
}

// TestCommentHelpScripts follows about_Comment_Based_Help, "Syntax for
// comment-based help in scripts": a script's help is at its start (or
// its end); help at the start that is followed, within one blank line, by
// a function is that function's, not the script's. Get-Help of a script
// path gives an ExternalScript help named by the script's full path.
// .FORWARDHELPTARGETNAME sends Get-Help to another command's help.
func TestCommentHelpScripts(t *testing.T) {
	m := newMemFS()
	m.add("/work/s.ps1", "<#\n.SYNOPSIS\n    Script synopsis.\n#>\nparam([string]$Path)\n'ran'\n")
	m.add("/work/s2.ps1", "<#\n.SYNOPSIS\n    Function help.\n#>\nfunction f { }\n")
	runCase(t, m, false, "scripts", `
$h = Get-Help ./s.ps1
$h.Synopsis; $h.Category; $h.Name
(Get-Help ./s2.ps1).Synopsis
function fw {
    # .FORWARDHELPTARGETNAME Get-Date
    # .FORWARDHELPCATEGORY Cmdlet
}
(Get-Help fw).Name
`, "Script synopsis.\nExternalScript\n/work/s.ps1\n/work/s2.ps1\nGet-Date\n", "")
}

// hermeticOut runs a script in the hermetic session and returns stdout,
// failing on anything written to stderr.
func hermeticOut(t *testing.T, script string) (string, string) {
	t.Helper()
	out, errs := hermetic(t, newMemFS(), false, script)
	if errs != "" {
		t.Errorf("stderr: %s", errs)
	}
	return out, errs
}

// TestCommentHelpExternal follows about_Comment_Based_Help's
// .EXTERNALHELP: the help of the function is read from a MAML file, looked
// for in the UI culture's folder (en-US) and then where the path says,
// relative to the script, its name matched in any case (pwsh's
// MUIFileSearcher); the help object has the MAML's parts as properties
// (PowerShell's ScriptHelp.Tests.ps1, helpFunc5 and helpFunc6).
func TestCommentHelpExternal(t *testing.T) {
	maml := func(name, synopsis string) string {
		return `<?xml version="1.0" encoding="utf-8" ?>
<helpItems schema="maml">
<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10">
  <command:details>
    <command:name>
       ` + name + `
    </command:name>
    <maml:description><maml:para>` + synopsis + `</maml:para></maml:description>
  </command:details>
  <command:parameters>
    <command:parameter required="true" position="1">
      <maml:name>Path</maml:name>
      <maml:description><maml:para>Where.</maml:para></maml:description>
      <command:parameterValue required="true">String</command:parameterValue>
    </command:parameter>
  </command:parameters>
</command:command>
</helpItems>`
	}
	m := newMemFS()
	m.add("/work/en-US/culture.xml", maml("fromCulture", "Found in en-US."))
	m.add("/work/Plain.XML", maml("plain", "Found beside the script."))
	runCase(t, m, false, "external", `
function fromCulture { param($Path) <# .EXTERNALHELP culture.xml #> }
function plain {
    # .EXTERNALHELP plain.xml
    param($Path)
}
(Get-Help fromCulture).Synopsis
$h = Get-Help plain
$h.Synopsis
$h.parameters.parameter.name; $h.parameters.parameter.required; $h.parameters.parameter.description[0].Text
"$($h.parameters.parameter.parameterValue)"
`, "Found in en-US.\nFound beside the script.\nPath\ntrue\nWhere.\nString\n", "")
}

// TestHelpWithoutComments follows pwsh's DefaultCommandHelpObjectBuilder
// and the ReducedDefaultCommandHelp view of HelpV3.format.ps1xml: a
// function with no comment-based help shows NAME, SYNTAX (no
// [<CommonParameters>] for a simple function), ALIASES (None) and
// REMARKS (None); ALIASES lists the aliases of the function, a line each.
func TestHelpWithoutComments(t *testing.T) {
	runCase(t, newMemFS(), false, "nohelp", `
function nohelp { param($abc) }
function adv { [CmdletBinding()] param([string]$Name) }
(Get-Help nohelp | Out-String).TrimEnd()
(Get-Help adv).Synopsis
Set-Alias nh adv
(Get-Help adv).aliases
`, `
NAME
    nohelp

SYNTAX
    nohelp [[-abc] <Object>]


ALIASES
    None


REMARKS
    None
adv [[-Name] <String>] [<CommonParameters>]
nh

`, "")
}
