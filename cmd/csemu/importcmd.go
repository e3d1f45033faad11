package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/csemu/csemu/state"
)

const importUsage = `usage:
  csemu import [flags] PATH...   load exports of a real tenant into the tenant file
  csemu export [flags] --format F PATH
                                 write the tenant file as exports

PATH is a file, a folder (every file in it) or a zip archive. import reads
Get-Cs* | ConvertTo-Json files (PowerShell 7 or Windows PowerShell 5.1),
Export-Clixml files, Microsoft365DSC configurations, ScubaGear's
ProviderSettingsExport.json and CSV files of users, group members and
assignments; export writes CsJson (a folder of Get-Cs<Noun>.json and CSV
files), M365DSC (M365TenantConfig.ps1) or Clixml (a folder of <Kind>.xml).

flags:
  --db PATH                 tenant file (as for csemu; :memory: imports into a
                            tenant that is not saved, to check the files)
  --format F                import: Auto (default), CsJson, Clixml, M365DSC,
                            ScubaGear, Csv; export: CsJson, M365DSC, Clixml
  --organization-name NAME  the tenant's domain (contoso.com), for
                            $OrganizationName in Microsoft365DSC files
  --replace                 import: start from a new tenant instead of merging
  --what-if                 import: show what would change, change nothing
  --continue                import: import the files that can be read and
                            report the others (default: nothing is imported
                            when a file cannot be read)
  -v, --verbose             say how each file was read
  --lock-timeout D          how long to wait for a locked tenant file
`

// runImportExport runs "csemu import" and "csemu export" as the commands
// Import-EmuTenant and Export-EmuTenant in one run: an import is atomic
// (a failure changes nothing), and an export may write its files.
func runImportExport(sub string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("csemu "+sub, flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	db := fset.String("db", "", "tenant file")
	format := fset.String("format", "", "format")
	org := fset.String("organization-name", "", "domain")
	replace := fset.Bool("replace", false, "replace")
	whatIf := fset.Bool("what-if", false, "what if")
	cont := fset.Bool("continue", false, "import the good files")
	var verbose bool
	fset.BoolVar(&verbose, "v", false, "verbose")
	fset.BoolVar(&verbose, "verbose", false, "verbose")
	timeout := fset.Duration("lock-timeout", state.DefaultLockTimeout, "lock wait")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, importUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "csemu %s: %v\n%s", sub, err, importUsage)
		return exitUsage
	}
	paths := fset.Args()
	var cmd strings.Builder
	runArgs := []string{"--lock-timeout", timeout.String()}
	if *db != "" {
		runArgs = append(runArgs, "--db", *db)
	}
	switch sub {
	case "import":
		if len(paths) == 0 {
			fmt.Fprintf(stderr, "csemu import: no file, folder or zip archive to import\n%s", importUsage)
			return exitUsage
		}
		cmd.WriteString("Import-EmuTenant -Path ")
		cmd.WriteString(quoteList(paths))
		if *format != "" {
			cmd.WriteString(" -Format " + quote(*format))
		}
		if *replace {
			cmd.WriteString(" -Replace")
		}
		if *whatIf {
			cmd.WriteString(" -WhatIf")
		}
		if *cont {
			cmd.WriteString(" -ErrorAction Continue")
		}
		runArgs = append(runArgs, "--atomic")
	case "export":
		if len(paths) != 1 || *format == "" {
			fmt.Fprintf(stderr, "csemu export: give --format and one folder or file to write\n%s", importUsage)
			return exitUsage
		}
		if *replace || *whatIf || *cont {
			fmt.Fprintf(stderr, "csemu export: --replace, --what-if and --continue are import flags\n")
			return exitUsage
		}
		cmd.WriteString("Export-EmuTenant -Path " + quote(paths[0]) + " -Format " + quote(*format))
		runArgs = append(runArgs, "--allow-write", "--read-only")
	}
	if *org != "" {
		cmd.WriteString(" -OrganizationName " + quote(*org))
	}
	if verbose {
		cmd.WriteString(" -Verbose")
	}
	cmd.WriteString(" | Out-Null") // the host lines are the summary
	runArgs = append(runArgs, "-NonInteractive", "-c", cmd.String())
	return run(runArgs, stdin, stdout, stderr)
}

// quote writes s as a single-quoted PowerShell string.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return strings.Join(q, ",")
}
