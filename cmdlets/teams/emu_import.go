package teams

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/csemu/csemu/cmdlets"
	"github.com/csemu/csemu/cmdlets/join"
	"github.com/csemu/csemu/cmdlets/tenantio"
	"github.com/csemu/csemu/cmdlets/value"
)

// importCmdlets returns Import-EmuTenant and Export-EmuTenant, which load
// the exports admins have of their real tenant and write the tenant back
// in those shapes (see package tenantio).
func (h *Holder) importCmdlets() []*cmdlets.Cmdlet {
	formats := make([]string, 0, 6)
	for _, f := range tenantio.Formats() {
		formats = append(formats, string(f))
	}
	format := p("Format", "string", -1)
	format.Values = formats
	exportFormat := p("Format", "string", 1)
	exportFormat.Values = []string{string(tenantio.FormatCsJSON), string(tenantio.FormatDSC), string(tenantio.FormatClixml)}
	exportFormat.Mandatory = true
	return []*cmdlets.Cmdlet{
		{Name: "Import-EmuTenant", Module: "csemu", ShouldProcess: true,
			Synopsis: "Loads exports of a real tenant (Get-Cs JSON, CLIXML, Microsoft365DSC, ScubaGear, CSV) into the emulated tenant.",
			Description: "Reads files, folders (every file in them) and zip archives, recognises each file's format from its content " +
				"(-Format Auto) and merges what they hold into the tenant: policies and configurations, users with their direct " +
				"assignments, group members and group assignments. Unknown properties are kept; properties an export lacks keep " +
				"the tenant's value and are listed in the summary. Every imported value remembers the file and the line or JSON " +
				"path it came from (Get-EmuChange, Test-AnonymousJoin's Reasons). One import is one transaction: when a file " +
				"cannot be read nothing is imported, unless -ErrorAction Continue imports the files that can. -Replace starts " +
				"from a new tenant (the Global defaults, no directory).",
			Params: []*cmdlets.ParamDef{
				byName(pipe(mand(alias(p("Path", "string[]", 0), "FullName", "PSPath")))),
				format,
				p("OrganizationName", "string", -1),
				p("Replace", "switch", -1),
			},
			Examples: []string{
				"Import-EmuTenant -Path ./backup",
				"Import-EmuTenant ./M365TenantConfig.ps1 -OrganizationName contoso.com -Replace",
				"Get-ChildItem ./exports/*.json | Import-EmuTenant -WhatIf",
			},
			Process: h.handler(importEmuTenantProcess),
			End:     h.handler(importEmuTenantEnd)},
		{Name: "Export-EmuTenant", Module: "csemu", Writes: true,
			Synopsis: "Writes the emulated tenant as Get-Cs JSON files, a Microsoft365DSC configuration or CLIXML files.",
			Description: "CsJson writes a folder with one Get-Cs<Noun>.json per kind (PowerShell 7's ConvertTo-Json layout) and " +
				"users.csv, group-members.csv and group-assignments.csv; M365DSC writes M365TenantConfig.ps1; Clixml writes one " +
				"<Kind>.xml per kind and the same CSV files. Import-EmuTenant reads each of them back to the same tenant. Writing " +
				"files needs --allow-write.",
			Params: []*cmdlets.ParamDef{
				mand(p("Path", "string", 0)),
				exportFormat,
				p("OrganizationName", "string", -1),
			},
			Examples: []string{"Export-EmuTenant -Path ./snapshot -Format CsJson"},
			End:      h.handler(exportEmuTenant)},
	}
}

// importState is what Import-EmuTenant collects from its input.
type importState struct {
	srcs []*tenantio.Source
	seen map[string]bool
}

func importEmuTenantProcess(c call) error {
	st, _ := c.State.(*importState)
	if st == nil {
		st = &importState{seen: map[string]bool{}}
		c.State = st
	}
	for _, given := range c.Strings("Path") {
		paths, ok, err := c.ResolveFiles(given, false)
		if err != nil {
			return err
		}
		if !ok {
			st.srcs = append(st.srcs, nil) // a path that failed: nothing is imported
		}
		for _, p := range paths {
			files := []string{p}
			if c.IsFolder(p) {
				files = c.FolderFiles(p)
				if len(files) == 0 {
					c.Warning("the folder %s holds no file", shownPath(c, p))
				}
			}
			for _, f := range files {
				if st.seen[f] {
					continue
				}
				st.seen[f] = true
				data, err := c.ReadFile(f)
				if err != nil {
					if werr := c.Errorf("FileOpenFailure", cmdlets.ReadError, f, "%s", cmdlets.FSError(err, f)); werr != nil {
						return werr
					}
					st.srcs = append(st.srcs, nil) // a file that failed: nothing is imported
					continue
				}
				st.srcs = append(st.srcs, &tenantio.Source{Name: shownPath(c, f), Data: data})
			}
		}
	}
	return nil
}

// shownPath is a file's path as messages show it: relative to the
// current location when it is below it.
func shownPath(c call, abs string) string {
	wd, err := c.FullPath(".")
	if err != nil {
		return abs
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return abs
}

// continues reports whether the call was told to go on after an error
// (-ErrorAction Continue, SilentlyContinue, Ignore).
func continues(c call) bool {
	ea, ok := c.ErrorActionGiven()
	if !ok {
		return false
	}
	switch strings.ToLower(ea) {
	case "continue", "silentlycontinue", "ignore":
		return true
	}
	return false
}

func importEmuTenantEnd(c call) error {
	st, _ := c.State.(*importState)
	if st == nil || len(st.srcs) == 0 {
		return nil
	}
	unreadable := 0
	var srcs []*tenantio.Source
	for _, s := range st.srcs {
		if s == nil {
			unreadable++
			continue
		}
		srcs = append(srcs, s)
	}
	f := tenantio.FormatAuto
	if c.Has("Format") {
		f, _ = tenantio.ParseFormat(c.String("Format"))
	}
	opt := tenantio.Options{Format: f, OrganizationName: strings.TrimSpace(c.String("OrganizationName")), DecodeClixml: decodeClixml}
	results := tenantio.Read(srcs, opt)
	bad := unreadable
	for _, r := range results {
		if r.Err != nil {
			bad++
			if err := c.Errorf("ImportFileInvalid", cmdlets.InvalidData, r.Source.Name, "%s", r.Err.Error()); err != nil {
				return err
			}
			continue
		}
		c.Verbose("%s: read as %s (%s)", r.Source.Name, r.Format, r.Rule)
		for i, w := range r.Warnings {
			if i > 0 && w == r.Warnings[i-1] {
				continue // one warning for two values of a line
			}
			if !strings.HasPrefix(w, r.Source.Name) {
				w = r.Source.Name + ": " + w
			}
			c.Warning("%s", w)
		}
	}
	total := len(results) + unreadable
	if bad > 0 && !continues(c) {
		return c.Abort("ImportFailed", cmdlets.InvalidData,
			"nothing was imported: %d of %d %s could not be read (-ErrorAction Continue imports the others)", bad, total, plural(total, "file", "files"))
	}
	if bad == total {
		return nil
	}
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	target := t
	whatIf := !c.ShouldProcess(fmt.Sprintf("the tenant, from %d %s", total-bad, plural(total-bad, "file", "files")), "Import-EmuTenant")
	if whatIf {
		target = t.Clone()
	}
	snap := tenantio.Merge(results)
	sums := tenantio.Apply(target, snap, tenantio.ApplyOptions{
		Now: c.Now(), Cmdlet: join.ImportCmdlet, Replace: c.Bool("Replace"), NewID: c.NewID,
	})
	for _, s := range sums {
		line := s.Line()
		if whatIf {
			c.WhatIfDetail(line)
		} else if err := c.WriteHost(line); err != nil {
			return err
		}
		if len(s.NotInExport) > 0 && !slices.Contains(s.NotInExport, "(the whole kind)") {
			c.Verbose("%s: not in the export, kept as the tenant has them: %s", s.Kind, strings.Join(s.NotInExport, ", "))
		}
	}
	for _, s := range sums {
		if err := c.Write(summaryObject(s)); err != nil {
			return err
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// summaryObject is the object Import-EmuTenant writes for one kind.
func summaryObject(s *tenantio.Summary) *value.Object {
	o := value.NewObject("csemu.ImportSummary")
	o.Set("Kind", s.Kind)
	o.Set("Imported", s.Imported)
	o.Set("Updated", s.Updated)
	o.Set("Unchanged", s.Unchanged)
	o.Set("Removed", s.Removed)
	o.Set("Skipped", s.Skipped)
	o.Set("NotInExport", stringArray(s.NotInExport))
	o.Set("Notes", stringArray(s.Notes))
	o.DefaultDisplay = []string{"Kind", "Imported", "Updated", "Unchanged", "Skipped", "NotInExport"}
	return o
}

func stringArray(ss []string) *value.Array {
	items := make([]any, len(ss))
	for i, s := range ss {
		items[i] = s
	}
	return &value.Array{Items: items}
}

// decodeClixml reads a CLIXML document for the importer, as
// Import-Clixml does.
func decodeClixml(text string) ([]any, error) { return cmdlets.ParseClixml(text) }

// encodeClixml writes values as a CLIXML document for the exporter, as
// Export-Clixml -Depth 15 does (the depth backup scripts use).
func encodeClixml(objs []any) (string, error) { return cmdlets.FormatClixml(objs, 15) }

// exportEmuTenant is Export-EmuTenant: the tenant as files in -Format.
func exportEmuTenant(c call) error {
	t, err := c.Tenant()
	if err != nil {
		return err
	}
	f, _ := tenantio.ParseFormat(c.String("Format"))
	if c.Has("OrganizationName") && f != tenantio.FormatDSC {
		// only a Microsoft365DSC configuration writes the domain as
		// $OrganizationName: the other formats would drop it
		return c.Fail("OrganizationNameNotUsed", cmdlets.InvalidArgument,
			"-OrganizationName is used by -Format M365DSC only (it writes the domain as $OrganizationName); %s keeps every value as it is", f)
	}
	files, err := tenantio.Write(t, f, tenantio.WriteOptions{EncodeClixml: encodeClixml, OrganizationName: strings.TrimSpace(c.String("OrganizationName"))})
	if err != nil {
		return c.Fail("ExportFailed", cmdlets.InvalidOperation, "%v", err)
	}
	return writeExport(c, c.String("Path"), f, files)
}

// writeExport writes the files of an export: into the folder -Path, or,
// for a single-file export whose -Path names a file, to that file.
func writeExport(c call, path string, f tenantio.Format, files []*tenantio.Source) error {
	abs, err := c.FullPath(path)
	if err != nil {
		return c.Fail("InvalidPath", cmdlets.InvalidArgument, "%v", err)
	}
	single := len(files) == 1 && !c.IsFolder(abs) && filepath.Ext(abs) != ""
	if !single {
		if err := c.MakeFolder(abs); err != nil {
			return c.Fail("ExportFailed", cmdlets.WriteError, "%s", cmdlets.FSError(err, path))
		}
	}
	for _, file := range files {
		dst := abs
		if !single {
			dst = filepath.Join(abs, filepath.FromSlash(file.Name))
		}
		if err := c.WriteFile(dst, file.Data); err != nil {
			return c.Fail("ExportFailed", cmdlets.WriteError, "%s", cmdlets.FSError(err, dst))
		}
		c.Verbose("wrote %s", shownPath(c, dst))
		o := value.NewObject("csemu.ExportedFile")
		o.Set("Path", dst)
		o.Set("Format", string(f))
		o.Set("Length", len(file.Data))
		if err := c.Write(o); err != nil {
			return err
		}
	}
	return nil
}
