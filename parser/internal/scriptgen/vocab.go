package scriptgen

import "strings"

// Word lists the generator draws from. They follow the names, values and
// spellings seen in public Teams and Skype for Business admin scripts.

var domains = []string{
	"contoso.com", "fabrikam.com", "northwindtraders.com", "adatum.com",
	"tailspintoys.com", "woodgrovebank.com", "litwareinc.com", "contoso.onmicrosoft.com",
}

var userPrefixes = []string{
	"user", "user", "user", "admin", "svc-teams", "room", "test", "guest",
	"j.smith", "a.khan", "m.garcia", "l.chen", "p.novak", "s.okafor",
}

var departments = []string{
	"Sales", "Marketing", "Finance", "HR", "Engineering", "Legal", "Support", "Operations",
}

var meetingPolicies = []string{
	"Global", "Global", "Tag:Sales", "Tag:Marketing", "Tag:Executives", "Tag:AllOn",
	"Tag:AllOff", "RestrictedAnonymousAccess", "Tag:Contractors", "Tag:Education_Teacher",
	"Sales Meetings", "NoRecording", "ExternalPresenters", "Executive-Policy", "Frontline",
}

var colors = []string{"Cyan", "Green", "Yellow", "Red", "Magenta", "Gray", "White", "DarkGray", "DarkYellow"}

// grantCmd is a Grant- cmdlet and policy names it is used with.
type grantCmd struct {
	name     string
	policies []string
}

var grantCmds = []grantCmd{
	{"Grant-CsTeamsMeetingPolicy", meetingPolicies},
	{"Grant-CsTeamsMeetingPolicy", meetingPolicies},
	{"Grant-CsTeamsMeetingPolicy", meetingPolicies},
	{"Grant-CsExternalAccessPolicy", []string{"FederationAndPICDefault", "FederationOnly", "NoFederationAndPIC", "Tag:FederationOnly"}},
	{"Grant-CsConferencingPolicy", []string{"BposSAllModality", "BposSAllModalityNoFT", "BposSAllModalityMinVideoBW"}},
	{"Grant-CsTeamsMessagingPolicy", []string{"Global", "Tag:RestrictedMessaging", "EduStudent"}},
	{"Grant-CsTeamsCallingPolicy", []string{"AllowCalling", "DisallowCalling", "Tag:AllowCalling"}},
	{"Grant-CsTeamsUpgradePolicy", []string{"UpgradeToTeams", "SfBWithTeamsCollab", "Islands"}},
	{"Grant-CsTeamsAppSetupPolicy", []string{"Global", "FirstLineWorker", "Tag:Pinned"}},
	{"Grant-CsOnlineVoiceRoutingPolicy", []string{"US-Unrestricted", "EMEA-National", "Tag:International"}},
	{"Grant-CsTeamsMeetingBroadcastPolicy", []string{"Default", "Tag:LiveEvents"}},
}

// prop is a policy property with literal values (PowerShell source text).
type prop struct {
	name string
	vals []string
}

var boolVals = []string{"$true", "$false"}

var meetingProps = []prop{
	{"AllowAnonymousUsersToJoinMeeting", boolVals},
	{"AllowAnonymousUsersToJoinMeeting", boolVals},
	{"AllowCloudRecording", boolVals},
	{"AllowTranscription", boolVals},
	{"AllowMeetNow", boolVals},
	{"AllowIPVideo", boolVals},
	{"AllowPSTNUsersToBypassLobby", boolVals},
	{"AllowExternalParticipantGiveRequestControl", boolVals},
	{"AllowPrivateMeetingScheduling", boolVals},
	{"AllowChannelMeetingScheduling", boolVals},
	{"AllowWhiteboard", boolVals},
	{"AllowSharedNotes", boolVals},
	{"AllowPowerPointSharing", boolVals},
	{"AutoAdmittedUsers", []string{"EveryoneInCompany", "EveryoneInSameAndFederatedCompany", "OrganizerOnly", "Everyone", "EveryoneInCompanyExcludingGuests", "InvitedUsers"}},
	{"AutoAdmittedUsers", []string{"EveryoneInCompany", "'EveryoneInCompany'", "\"OrganizerOnly\""}},
	{"ScreenSharingMode", []string{"EntireScreen", "SingleApplication", "Disabled"}},
	{"MeetingChatEnabledType", []string{"Enabled", "Disabled", "EnabledExceptAnonymous"}},
	{"DesignatedPresenterRoleMode", []string{"EveryoneUserOverride", "EveryoneInCompanyUserOverride", "OrganizerOnlyUserOverride"}},
	{"IPAudioMode", []string{"EnabledOutgoingIncoming", "Disabled"}},
	{"IPVideoMode", []string{"EnabledOutgoingIncoming", "Disabled"}},
	{"LiveCaptionsEnabledType", []string{"DisabledUserOverride", "Disabled"}},
	{"MediaBitRateKb", []string{"50000", "10000", "2000"}},
	{"Description", []string{"'Set by script'", "\"Sales team meetings\"", "'No anonymous join'"}},
}

var federationProps = []prop{
	{"AllowFederatedUsers", boolVals},
	{"AllowPublicUsers", boolVals},
	{"AllowTeamsConsumer", boolVals},
	{"AllowTeamsConsumerInbound", boolVals},
	{"TreatDiscoveredPartnersAsUnverified", boolVals},
	{"SharedSipAddressSpace", boolVals},
	{"RestrictTeamsConsumerToExternalUserProfiles", boolVals},
}

var meetingConfigProps = []prop{
	{"DisableAnonymousJoin", boolVals},
	{"DisableAnonymousJoin", boolVals},
	{"DisableAppInteractionForAnonymousUsers", boolVals},
	{"EnableQoS", boolVals},
	{"ClientMediaPortRangeEnabled", boolVals},
	{"ClientAudioPort", []string{"50000", "50010"}},
	{"ClientAudioPortRange", []string{"20", "10"}},
	{"ClientVideoPort", []string{"50020"}},
	{"LogoURL", []string{"'https://contoso.com/logo.png'", "\"https://cdn.fabrikam.com/img/teams.png\""}},
	{"LegalURL", []string{"'https://contoso.com/legal'"}},
	{"HelpURL", []string{"'https://support.contoso.com/teams'"}},
	{"CustomFooterText", []string{"'Contoso IT - internal use only'", "\"Fabrikam meeting\""}},
}

var userProps = []string{
	"DisplayName", "UserPrincipalName", "Department", "AccountEnabled", "TeamsMeetingPolicy",
	"UsageLocation", "SipAddress", "City", "Title", "ExternalAccessPolicy", "TeamsUpgradeEffectiveMode",
	"EnterpriseVoiceEnabled", "LineURI", "InterpretedUserType",
}

var rowProps = []string{"UserPrincipalName", "DisplayName", "Department", "PolicyName", "UsageLocation", "PhoneNumber"}

var verbs = []string{"Set", "Get", "Grant", "Test", "Update", "Export", "Invoke", "Remove", "New", "Sync"}

var nouns = []string{
	"MeetingPolicy", "UserPolicy", "TeamsUser", "FederationDomain", "PolicyReport", "TenantConnection",
	"PolicyAssignment", "ExternalAccess", "AnonymousJoin", "VoiceUser", "UserBatch", "AuditEntry",
}

var synopses = []string{
	"Assigns a Teams meeting policy to users listed in a CSV file.",
	"Audits Teams meeting policies for anonymous join settings.",
	"Configures tenant federation and external access for Microsoft Teams.",
	"Exports the meeting policy assignment of every Teams user.",
	"Migrates Skype for Business Online users to Teams Only mode.",
	"Blocks anonymous users from joining Teams meetings.",
	"Adds allowed federated domains from a text file.",
	"Enables Enterprise Voice and assigns phone numbers.",
}

var authors = []string{"Contoso IT", "J. Smith", "Teams Admin Team", "M. Garcia", "UC Operations", "L. Chen"}

var comments = []string{
	"Connect to Microsoft Teams",
	"Grant the meeting policy to every user in the CSV",
	"Check the current anonymous join setting",
	"Build the report",
	"Export results",
	"TODO: add retry logic",
	"Only process enabled accounts",
	"Skip service accounts",
	"Allow federation with partner domains",
	"Lock down the Global policy",
	"Load users",
	"Requires Teams administrator role",
	"Wait for replication",
	"NOTE: New-CsOnlineSession is retired, use Connect-MicrosoftTeams",
	"Variables",
	"Main",
	"Cleanup",
	"Set defaults",
}

var csvPaths = []string{
	`.\users.csv`, `.\users.csv`, `$CsvPath`, `'C:\Temp\users.csv'`, `"$PSScriptRoot\users.csv"`,
	`$PSScriptRoot\UserList.csv`, `.\input\TeamsUsers.csv`, `'\\fileserver\it$\teams\users.csv'`,
}

// isBare reports whether s can be written as an unquoted argument.
func isBare(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.ContainsRune(":-_.@", c):
		default:
			return false
		}
	}
	return s[0] != '-' && s[0] != '@' && s[0] != '.'
}

// sq single-quotes s.
func sq(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// reEscape escapes the dots of a domain for a regex.
func reEscape(s string) string { return strings.ReplaceAll(s, ".", `\.`) }
