// Package tenantio reads the tenant exports that admins already have and
// writes the tenant back in the same shapes.
//
// Reading is two steps. [Read] turns files (a backup folder, a zip, single
// exports) into a [Snapshot]: the objects, users, group members and group
// assignments the files hold, each value with the [Origin] it came from
// (file and line, or JSON path, or XML element). [Apply] then merges a
// snapshot into a tenant, records every changed value in the tenant's
// change log with its origin, and returns a [Summary] per kind. Nothing
// is applied when reading fails, so one import is one transaction.
//
// The formats (see each reader): Get-Cs* | ConvertTo-Json from
// PowerShell 7 and Windows PowerShell 5.1 ([FormatCsJSON]), Export-Clixml
// ([FormatClixml]), Microsoft365DSC configurations ([FormatDSC]),
// ScubaGear's provider export ([FormatScuba]) and CSV files of users,
// group members and assignments ([FormatCSV]).
//
// [Write] is the other way: a tenant as a CsJson folder, a
// Microsoft365DSC configuration or CLIXML files.
//
// The package reads bytes given to it and returns bytes to write; it opens
// no file itself (the cmdlets and the command line do, through the
// session's file system).
package tenantio
