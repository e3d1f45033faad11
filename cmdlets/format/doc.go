// Package format renders PowerShell values as pwsh 7 does: the default output view, Format-Table, Format-List, JSON and CSV.
//
// The layout code follows the PowerShell 7.4 formatting engine
// (Microsoft.PowerShell.Commands.Internal.Format: OutCommandInner,
// InnerFormatShapeCommand, TableWriter, ColumnWidthManager, ListWriter,
// ComplexWriter and StringManipulationHelper) closely, so that the output is
// byte-for-byte what pwsh prints for the en-US culture. The main rules it
// reproduces are:
//
//   - A pipeline's output forms at most one "document". The first object that
//     is not a scalar chooses the view (a table for objects with 4 or fewer
//     properties, a list for 5 or more, or the built-in view of a known .NET
//     type: hashtable entries, [timespan], [datetime], [guid], [type]).
//   - Scalars (strings, numbers, bool, char, and objects without
//     properties) are always written "out of band" as their string form,
//     wherever they occur, even in the middle of a table; they never end it.
//   - A view built from properties accepts every later object: objects of a
//     different shape become rows of the first table (with blank cells) or
//     entries of the list. A built-in view accepts only its own type; other
//     objects are written out of band as a list.
//   - Table column widths come from the header and every value of the table
//     (pwsh caches the first 300ms of objects, which is all of them for an
//     in-memory pipeline), then the ColumnWidthManager shrinks or drops the
//     right-most columns to fit the console width minus one.
//
// Numbers are formatted as pwsh does: [double] with 15 significant digits
// (the "G15" format PowerShell uses for PSObject.ToString), and, in tables
// built from properties, [double], [single] and [decimal] with two
// decimals ("F", since pwsh 7.3).
package format
