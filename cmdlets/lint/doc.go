// Package lint checks PowerShell scripts for the mistakes csemu can see
// without running them: syntax errors, unknown cmdlets and parameters,
// values outside the documented ones, settings with no effect on
// anonymous join, and common PowerShell slips.
package lint
