package tenantio

import (
	"regexp"
	"strings"
)

// Detect recognises the format of a source from its content, and from its
// name where the content allows two formats. It returns the rule that
// decided, for -Verbose, and ok false for a file of no known kind.
func Detect(src *Source, text string) (f Format, rule string, ok bool) {
	body := strings.TrimLeft(text, " \t\r\n\ufeff")
	name := strings.ToLower(src.Base())
	switch {
	case body == "":
		return "", "the file is empty", false
	case strings.HasPrefix(body, "<"):
		if strings.Contains(head(body, 4096), "<Objs") {
			return FormatClixml, "an XML document whose root is a CLIXML <Objs> element", true
		}
		return "", "an XML document that is not CLIXML (no <Objs> root element)", false
	case strings.HasPrefix(body, "{") || strings.HasPrefix(body, "["):
		if strings.HasPrefix(body, "{") && scubaKeys(body) {
			return FormatScuba, "a JSON object with ScubaGear's provider keys (meeting_policies, federation_configuration, ...)", true
		}
		return FormatCsJSON, "a JSON " + map[bool]string{true: "array", false: "object"}[body[0] == '['] + " (Get-Cs* | ConvertTo-Json)", true
	case csvHeader(body):
		// before the Configuration search, which reads the whole text: a
		// CSV file of 100,000 users is known from its first line
		return FormatCSV, "a CSV header with a UserPrincipalName, GroupId or PolicyType column", true
	case dscConfiguration(body):
		return FormatDSC, "a PowerShell Configuration block (Microsoft365DSC)", true
	}
	if strings.HasSuffix(name, ".ps1") || strings.HasSuffix(name, ".psm1") {
		return "", "a PowerShell script without a Configuration block", false
	}
	return "", "neither JSON, CLIXML, a Microsoft365DSC configuration nor CSV", false
}

func head(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// scubaKeys reports whether a JSON object has ScubaGear's Teams provider
// keys near its start or anywhere at its top level.
func scubaKeys(body string) bool {
	for _, k := range []string{`"meeting_policies"`, `"federation_configuration"`, `"teams_tenant_info"`, `"tenant_app_settings"`, `"app_policies"`, `"baseline_version"`, `"module_version"`} {
		if strings.Contains(body, k) {
			return true
		}
	}
	return false
}

// dscConfiguration reports whether text holds a DSC Configuration block:
// the keyword at the start of a line, then a name and a brace.
func dscConfiguration(text string) bool {
	return regexp.MustCompile(`(?im)^[ \t]*Configuration[ \t]+[\w-]+[\s]*\{`).MatchString(text)
}

// csvHeader reports whether the first line that is not a #TYPE line is a
// CSV header with a column csemu reads.
func csvHeader(text string) bool {
	for _, line := range strings.SplitN(text, "\n", 3) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#TYPE") || line == "" {
			continue
		}
		low := strings.ToLower(line)
		if !strings.Contains(low, ",") && !strings.Contains(low, ";") && !strings.Contains(low, "\t") {
			return false
		}
		for _, col := range []string{"userprincipalname", "groupid", "groupname", "policytype", "sipaddress"} {
			if strings.Contains(low, col) {
				return true
			}
		}
		// Get-CsOnlineUser | Export-Csv with Identity as its user column
		return strings.Contains(low, "identity") && (strings.Contains(low, "displayname") || strings.Contains(low, "policy"))
	}
	return false
}
