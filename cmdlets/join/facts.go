package join

import (
	"strings"

	"github.com/csemu/csemu/state"
)

// LicenseTeamsPremium is the licence the verified path needs (rule 3).
const LicenseTeamsPremium = "TeamsPremium"

// BypassesLobby reports whether a meeting policy's AutoAdmittedUsers value
// lets anonymous participants bypass the lobby (Teams rule 5). Only then
// does AllowAnonymousUsersToStartMeeting matter.
func BypassesLobby(autoAdmittedUsers any) bool {
	return strings.EqualFold(state.Text(autoAdmittedUsers), "Everyone")
}

// PasscodePathOpen reports whether an anonymous participant whom unverified
// join turns away can still join after verifying an email one-time
// passcode (Teams rule 3): the organizer's policy sets
// AnonymousUserAuthenticationMethod to OneTimePasscode, the organizer holds
// a Teams Premium licence, and the meeting is a meeting or a channel
// meeting.
func PasscodePathOpen(method any, premium bool, meetingType string) bool {
	return strings.EqualFold(state.Text(method), "OneTimePasscode") && premium &&
		(meetingType == MeetingRegular || meetingType == MeetingChannel)
}

// HasLicense reports whether u holds the licence.
func HasLicense(u *state.User, license string) bool {
	for _, l := range u.Licenses {
		if strings.EqualFold(l, license) {
			return true
		}
	}
	return false
}

// truth reads a stored setting as PowerShell's condition would: $null,
// $false, "", 0 are false; anything else (a list too) is true.
func truth(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int64:
		return x != 0
	case float64:
		return x != 0
	}
	return true
}

// listItems reads a stored list setting; a single string may hold a
// comma-separated list.
func listItems(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	case string:
		var out []any
		for _, s := range strings.Split(x, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return []any{v}
}
