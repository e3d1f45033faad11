// Package cmdlets is csemu's PowerShell interpreter: it runs the syntax
// trees of package parser with PowerShell 7's semantics, and knows nothing
// of Teams. Callers plug families of commands in, as package teams does.
//
// Where each part of the house is:
//
//   - engine.go: [Session], its options ([WithIO], [WithClock], [WithIDs],
//     ...), scopes and variables, [Session.Run] and the output of a run.
//   - host.go: what a session takes from the machine, all through options:
//     files ([FS], [WithFS]; --allow-write is [WithAllowWrite], checked in
//     one place), the working and home folders, the environment.
//   - registry.go: the command table ([Commands]) of the core cmdlets and
//     of those callers register with [WithCommands] and [WithModules].
//   - command.go: what a cmdlet declares ([Cmdlet], [ParamDef], with the
//     Check and Complete hooks a family sets) and what its handler gets:
//     a [Call], with the clock, new IDs, -WhatIf and the output streams.
//   - binder.go, bind_index.go: the one binder, for cmdlets, functions and
//     script blocks; lintbind.go: the same binder run statically by lint
//     ([Checker]), whose problems are data ([BindProblem]); paramattrs.go:
//     what a script's param block declares (its attributes);
//     validate.go: the validation attributes; prompt.go: what the host
//     may ask the user ([WithConsole], [WithNonInteractive]): missing
//     mandatory parameters, confirmations.
//   - exec.go (statements), expr.go (expressions), pipeline.go (pipelines
//     and command lookup), streams.go (redirection and the other streams),
//     stageio.go (what a pipeline stage does with its streams: its
//     redirections and common parameters), records.go (the records of
//     the warning, verbose, debug and information streams), errors.go
//     ([ErrorRecord], terminating errors), classes.go (script classes and
//     enums), pscmdlet.go ($PSCmdlet), myinvocation.go ($MyInvocation).
//   - members.go (members of .NET and PowerShell values), statics.go
//     (static members of .NET types, a table by type), regex.go.
//   - core_*.go: the core PowerShell cmdlets: output and formatting,
//     objects (Select-Object, Sort-Object, ...), data (Import-Csv,
//     ConvertTo-Json; clixml.go: Import-Clixml, Export-Clixml), items (New-Item, Get-ChildItem, Test-Path, ...),
//     content (Get-Content, Set-Content, Out-File, ...), text
//     (Compare-Object, Join-String, Tee-Object; core_selectstring.go:
//     Select-String), history (Get-History, ..., Clear-Host, help), and
//     the rest (Get-Help, Get-Command, ...).
//   - paths.go, drives.go: the providers (the file system, Env:,
//     Variable:, Function:, Alias:) and PSDrives; culture.go,
//     encodings.go, dotnet_io.go, psstyle.go: CultureInfo, .NET
//     encodings, [System.IO.File] and [System.IO.Directory], $PSStyle.
//   - modules.go, module_manifest.go, module_cmdlets.go: script
//     modules: Import-Module of .psm1 files, .psd1 manifests, folders
//     and names on $env:PSModulePath, module scopes (a module's
//     functions and bound script blocks run in its session state),
//     exports and imports, Get-Module, Remove-Module, New-Module,
//     using module and autoloading.
//   - complete.go: tab completion for the prompt.
//
// The subpackages: value (PowerShell values and conversions), format
// (Format-Table, Format-List, CSV and JSON), textenc (the one decoder of
// the text of files, and the encodings -Encoding names), join (the anonymous-join
// rules, pure functions of a tenant), teams (the Teams and Skype for
// Business cmdlets), lint (static checks of scripts).
package cmdlets
