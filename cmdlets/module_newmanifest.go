package cmdlets

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// New-ModuleManifest writes a module manifest (.psd1) as PowerShell's
// NewModuleManifestCommand does: a commented header, then every manifest
// member with the comment that describes it, those not given commented
// out, and the PSData hashtable of PrivateData.

func newModuleManifestCmdlet() *Cmdlet {
	str := func(name string) *ParamDef { return p(name, "string", -1) }
	strs := func(name string) *ParamDef { return p(name, "string[]", -1) }
	return &Cmdlet{
		Name: "New-ModuleManifest", Module: "Microsoft.PowerShell.Core",
		Synopsis: "Creates a module manifest (.psd1) from its parameters.",
		Doc:      "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/new-modulemanifest",
		Params: []*ParamDef{
			mand(p("Path", "string", 0)), p("NestedModules", "object[]", -1), p("Guid", "guid", -1), str("Author"),
			str("CompanyName"), str("Copyright"), alias(str("RootModule"), "ModuleToProcess"), p("ModuleVersion", "version", -1),
			str("Description"), str("ProcessorArchitecture"), p("PowerShellVersion", "version", -1), p("ClrVersion", "version", -1),
			p("DotNetFrameworkVersion", "version", -1), str("PowerShellHostName"), p("PowerShellHostVersion", "version", -1),
			p("RequiredModules", "object[]", -1), strs("TypesToProcess"), strs("FormatsToProcess"), strs("ScriptsToProcess"),
			strs("RequiredAssemblies"), strs("FileList"), p("ModuleList", "object[]", -1), strs("FunctionsToExport"),
			strs("AliasesToExport"), strs("VariablesToExport"), strs("CmdletsToExport"), strs("DscResourcesToExport"),
			strs("CompatiblePSEditions"), p("PrivateData", "object", -1), strs("Tags"), p("ProjectUri", "uri", -1),
			p("LicenseUri", "uri", -1), p("IconUri", "uri", -1), str("ReleaseNotes"), str("Prerelease"),
			p("RequireLicenseAcceptance", "switch", -1), strs("ExternalModuleDependencies"), str("HelpInfoUri"),
			p("PassThru", "switch", -1), str("DefaultCommandPrefix"),
		},
		ShouldProcess: true, End: newModuleManifestEnd,
		Examples: []string{"New-ModuleManifest -Path ./TeamsHelpers/TeamsHelpers.psd1 -RootModule TeamsHelpers.psm1 -ModuleVersion 1.0.0"},
	}
}

// manifestQuote is a single-quoted PowerShell string.
func manifestQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// manifestQuoteNames quotes a list of names, wrapping past column 80
// (NewModuleManifestCommand.QuoteNames); nil or empty is @().
func manifestQuoteNames(names []string, nl string) string {
	var b strings.Builder
	offset := 15
	for _, n := range names {
		if n == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		q := manifestQuote(n)
		offset += len(q)
		if offset > 80 {
			b.WriteString(nl + "               ")
			offset = 15 + len(q)
		}
		b.WriteString(q)
	}
	if b.Len() == 0 {
		return "@()"
	}
	return b.String()
}

// manifestQuoteModules writes module specifications: a name, or a
// hashtable with the versions given (QuoteModules).
func manifestQuoteModules(specs []any, nl string) string {
	var b strings.Builder
	b.WriteString("@(")
	first := true
	for _, spec := range specs {
		if spec == nil {
			continue
		}
		if !first {
			b.WriteString(", " + nl + "               ")
		}
		first = false
		h, ok := spec.(*value.Hashtable)
		if !ok {
			b.WriteString(manifestQuote(value.ToString(spec)))
			continue
		}
		get := func(k string) string {
			if v, ok := h.Get(k); ok && v != nil {
				return value.ToString(v)
			}
			return ""
		}
		b.WriteString("@{ModuleName = " + manifestQuote(get("ModuleName")) + "; ")
		for _, k := range []string{"GUID", "ModuleVersion", "MaximumVersion", "RequiredVersion"} {
			if v := get(k); v != "" {
				b.WriteString(k + " = " + manifestQuote(v) + "; ")
			}
		}
		b.WriteString("}")
	}
	b.WriteString(")")
	return b.String()
}

func newModuleManifestEnd(c *Call) error {
	s := c.s
	if err := c.refused(); err != nil {
		return err
	}
	path := c.String("Path")
	pp, err := s.parsePSPath(c.fr, path)
	if err != nil || pp.prov != provFS || !strings.EqualFold(filepath.Ext(pp.path), ".psd1") {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Modules_InvalidModuleManifestPath",
			Category: InvalidArgument, Target: path, Exception: "System.InvalidOperationException",
			Msg: fmt.Sprintf("The module manifest path '%s' is not valid. The value of the Path argument must resolve to a single file that has a '.psd1' extension. Change the value of the Path argument to point to a valid psd1 file, and then try again.", path)}}
	}
	file := pp.path
	for _, names := range []string{"FileList", "ScriptsToProcess"} {
		for _, n := range c.Strings(names) {
			if value.HasWildcard(n) {
				return notImplemented(c.Pos, c.cmd.Name, "New-ModuleManifest -"+names+" with wildcards")
			}
		}
	}
	editions := c.Strings("CompatiblePSEditions")
	for i, e := range editions {
		for _, f := range editions[:i] {
			if strings.EqualFold(e, f) {
				return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "Modules_DuplicateEntriesInCompatiblePSEditions",
					Category: InvalidArgument, Exception: "System.InvalidOperationException",
					Msg: fmt.Sprintf("The CompatiblePSEditions parameter contains duplicate entries: %s. Remove the duplicate entries, and then try again.", strings.Join(editions, ","))}}
			}
		}
	}
	if !c.ShouldProcess(file, fmt.Sprintf("Creating the \"%s\" module manifest file.", file)) {
		return nil
	}
	list := func(name string) []string {
		if !c.Has(name) {
			return nil
		}
		v, _ := c.Lookup(name)
		if v == nil {
			return nil
		}
		return c.Strings(name)
	}
	functions, cmdlets, aliases := list("FunctionsToExport"), list("CmdletsToExport"), list("AliasesToExport")
	// with a root, nested or required module the exports default to *
	if c.Has("RootModule") || c.Has("NestedModules") || c.Has("RequiredModules") {
		if !c.Has("FunctionsToExport") {
			functions = []string{"*"}
		}
		if !c.Has("CmdletsToExport") {
			cmdlets = []string{"*"}
		}
		if !c.Has("AliasesToExport") {
			aliases = []string{"*"}
		}
	}
	author := c.String("Author")
	if author == "" {
		if u, ok := s.getEnv("USER"); ok {
			author = value.ToString(u)
		}
	}
	company := c.String("CompanyName")
	if company == "" {
		company = "Unknown"
	}
	copyright := c.String("Copyright")
	if copyright == "" {
		copyright = fmt.Sprintf("(c) %s. All rights reserved.", author)
	}
	guid := ""
	if v, ok := c.Lookup("Guid"); ok && v != nil {
		guid = value.ToString(v)
	} else {
		guid = s.newID()
	}
	ver := func(name, def string) (string, bool) {
		if v, ok := c.Lookup(name); ok && v != nil {
			return value.ToString(v), true
		}
		return def, false
	}
	const nl = "\n"
	var b strings.Builder
	indent := ""
	comment := func(text string) {
		if text != "" {
			text = " " + text
		}
		b.WriteString("#" + text + nl)
	}
	member := func(key, desc string, given bool, val string) {
		if given {
			fmt.Fprintf(&b, "%s# %s%s%s%s = %s%s%s", indent, desc, nl, indent, key, val, nl, nl)
		} else {
			fmt.Fprintf(&b, "%s# %s%s%s# %s = %s%s%s", indent, desc, nl, indent, key, val, nl, nl)
		}
	}
	comment("")
	comment(fmt.Sprintf("Module manifest for module '%s'", strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))))
	comment("")
	comment("Generated by: " + author)
	comment("")
	date, _ := value.FormatDate(s.Now(), "M/d/yyyy")
	comment("Generated on: " + date)
	comment("")
	b.WriteString(nl + "@{" + nl + nl)
	root := c.String("RootModule")
	member("RootModule", "Script module or binary module file associated with this manifest.", root != "", manifestQuote(root))
	mv, _ := ver("ModuleVersion", "0.0.1")
	member("ModuleVersion", "Version number of this module.", true, manifestQuote(mv))
	member("CompatiblePSEditions", "Supported PSEditions", len(editions) > 0, manifestQuoteNames(editions, nl))
	member("GUID", "ID used to uniquely identify this module", true, manifestQuote(guid))
	member("Author", "Author of this module", author != "", manifestQuote(author))
	member("CompanyName", "Company or vendor of this module", true, manifestQuote(company))
	member("Copyright", "Copyright statement for this module", true, manifestQuote(copyright))
	desc := c.String("Description")
	member("Description", "Description of the functionality provided by this module", desc != "", manifestQuote(desc))
	psv, has := ver("PowerShellVersion", "")
	member("PowerShellVersion", "Minimum version of the PowerShell engine required by this module", has, manifestQuote(psv))
	member("PowerShellHostName", "Name of the PowerShell host required by this module", false, "''")
	member("PowerShellHostVersion", "Minimum version of the PowerShell host required by this module", false, "''")
	member("DotNetFrameworkVersion", "Minimum version of Microsoft .NET Framework required by this module. This prerequisite is valid for the PowerShell Desktop edition only.", false, "''")
	member("ClrVersion", "Minimum version of the common language runtime (CLR) required by this module. This prerequisite is valid for the PowerShell Desktop edition only.", false, "''")
	member("ProcessorArchitecture", "Processor architecture (None, X86, Amd64) required by this module", false, "''")
	var required []any
	if v, ok := c.Lookup("RequiredModules"); ok {
		required = value.AsSlice(v)
	}
	member("RequiredModules", "Modules that must be imported into the global environment prior to importing this module", len(required) > 0, manifestQuoteModules(required, nl))
	member("RequiredAssemblies", "Assemblies that must be loaded prior to importing this module", false, "@()")
	scripts := c.Strings("ScriptsToProcess")
	member("ScriptsToProcess", "Script files (.ps1) that are run in the caller's environment prior to importing this module.", c.Has("ScriptsToProcess"), manifestQuoteNames(relativeNames(scripts), nl))
	member("TypesToProcess", "Type files (.ps1xml) to be loaded when importing this module", false, "@()")
	member("FormatsToProcess", "Format files (.ps1xml) to be loaded when importing this module", false, "@()")
	var nested []any
	if v, ok := c.Lookup("NestedModules"); ok {
		for _, it := range value.AsSlice(v) {
			if _, isHash := it.(*value.Hashtable); !isHash && it != nil {
				it = value.ToString(it)
			}
			nested = append(nested, it)
		}
	}
	member("NestedModules", "Modules to import as nested modules of the module specified in RootModule/ModuleToProcess", c.Has("NestedModules"), manifestQuoteModules(nested, nl))
	member("FunctionsToExport", "Functions to export from this module, for best performance, do not use wildcards and do not delete the entry, use an empty array if there are no functions to export.", true, manifestQuoteNames(functions, nl))
	member("CmdletsToExport", "Cmdlets to export from this module, for best performance, do not use wildcards and do not delete the entry, use an empty array if there are no cmdlets to export.", true, manifestQuoteNames(cmdlets, nl))
	variables := c.Strings("VariablesToExport")
	if !c.Has("VariablesToExport") {
		variables = []string{"*"}
	}
	member("VariablesToExport", "Variables to export from this module", len(variables) > 0, manifestQuoteNames(variables, nl))
	member("AliasesToExport", "Aliases to export from this module, for best performance, do not use wildcards and do not delete the entry, use an empty array if there are no aliases to export.", true, manifestQuoteNames(aliases, nl))
	member("DscResourcesToExport", "DSC resources to export from this module", false, "@()")
	member("ModuleList", "List of all modules packaged with this module", false, "@()")
	files := c.Strings("FileList")
	member("FileList", "List of all files packaged with this module", c.Has("FileList"), manifestQuoteNames(relativeNames(files), nl))
	comment("Private data to pass to the module specified in RootModule/ModuleToProcess. This may also contain a PSData hashtable with additional module metadata used by PowerShell.")
	b.WriteString("PrivateData = @{" + nl + nl + "    PSData = @{" + nl + nl)
	indent = "        "
	tags := c.Strings("Tags")
	member("Tags", "Tags applied to this module. These help with module discovery in online galleries.", len(tags) > 0, manifestQuoteNames(tags, nl))
	uri := func(name string) (string, bool) {
		if v, ok := c.Lookup(name); ok && v != nil {
			return manifestQuote(value.ToString(v)), true
		}
		return "''", false
	}
	lic, hasLic := uri("LicenseUri")
	member("LicenseUri", "A URL to the license for this module.", hasLic, lic)
	proj, hasProj := uri("ProjectUri")
	member("ProjectUri", "A URL to the main website for this project.", hasProj, proj)
	member("IconUri", "A URL to an icon representing this module.", false, "''")
	notes := c.String("ReleaseNotes")
	member("ReleaseNotes", "ReleaseNotes of this module", notes != "", manifestQuote(notes))
	member("Prerelease", "Prerelease string of this module", false, "''")
	member("RequireLicenseAcceptance", "Flag to indicate whether the module requires explicit user acceptance for install/update/save", false, "$false")
	member("ExternalModuleDependencies", "External dependent modules of this module", false, "@()")
	b.WriteString("    } ")
	comment("End of PSData hashtable")
	b.WriteString(nl)
	indent = ""
	b.WriteString("} ")
	comment("End of PrivateData hashtable")
	b.WriteString(nl)
	member("HelpInfoURI", "HelpInfo URI of this module", false, "''")
	prefix := c.String("DefaultCommandPrefix")
	member("DefaultCommandPrefix", "Default prefix for commands exported from this module. Override the default prefix using Import-Module -Prefix.", prefix != "", manifestQuote(prefix))
	b.WriteString("}" + nl + nl)
	text := b.String()
	if c.Bool("PassThru") {
		if err := c.Write(text); err != nil {
			return err
		}
	}
	return s.writeFile(c.fr, c.Pos, c.cmd.Name, file, []byte(text), false)
}

// relativeNames drops the ./ or .\ that starts a file name: files of a
// manifest are relative to its folder.
func relativeNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimPrefix(strings.TrimPrefix(n, "./"), ".\\")
	}
	return out
}
