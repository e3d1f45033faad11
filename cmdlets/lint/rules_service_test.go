package lint

import "testing"

// The service's answers these cases rest on are cited in each rule's Help
// (cmdlet pages on Microsoft Learn, and the reference's errors and
// anonymous join rules); csemu's own cmdlets refuse the same calls.
func TestServiceRules(t *testing.T) {
	stRun(t, "CSE14", []stCase{
		// CSE1402: "The only valid input is Global" (Set-CsTeamsMeetingConfiguration)
		{name: "config tag identity", src: "Set-CsTeamsMeetingConfiguration -Identity Tag:Foo -DisableAnonymousJoin $false\n",
			want:    []string{"CSE1402 1:43-1:50"},
			message: `Set-CsTeamsMeetingConfiguration changes a configuration that exists only as Global: the identity "Tag:Foo" names nothing, and the call fails.`,
			suggest: "use -Identity Global, or leave -Identity out"},
		{name: "config positional identity", src: "Set-CsTenantFederationConfiguration Foo -AllowFederatedUsers $true\n",
			want: []string{"CSE1402 1:37-1:40"}},
		{name: "edge colon identity", src: "Set-CsAccessEdgeConfiguration -Identity:'site:Paris' -AllowAnonymousUsers $true\n",
			want: []string{"CSE1402 1:41-1:53"}},
		{name: "config global", src: "Set-CsTeamsMeetingConfiguration -Identity global -DisableAnonymousJoin $false\n"},
		{name: "config no identity", src: "Set-CsTeamsAcsFederationConfiguration -EnableAcsUsers $true\n"},
		{name: "config computed identity", src: "$i = 'Global'\nSet-CsTeamsMeetingConfiguration -Identity $i -DisableAnonymousJoin $false\n"},
		{name: "policy tag identity", src: "New-CsTeamsMeetingPolicy -Identity Foo\nSet-CsTeamsMeetingPolicy -Identity Tag:Foo -AutoAdmittedUsers Everyone\n"},
		// CSE1403: "Policy 'Global' is not a user policy" (errors.md, Grant-CsExternalUserCommunicationPolicy)
		{name: "grant global to user", src: "Grant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName Global\n",
			want:    []string{"CSE1403 1:68-1:74"},
			message: `Policy "Global" is not a user policy. You can assign only a user policy to a specific user.`},
		{name: "grant tag global positional user", src: "Grant-CsConferencingPolicy alice@contoso.com 'Tag:Global'\n",
			want: []string{"CSE1403 1:46-1:58"}},
		{name: "grant global to tenant", src: "Grant-CsTeamsMeetingPolicy -PolicyName Global -Global\n"},
		{name: "grant null to user", src: "Grant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName $null\n"},
		{name: "grant other to user", src: "New-CsTeamsMeetingPolicy -Identity Closed\nGrant-CsTeamsMeetingPolicy -Identity alice@contoso.com -PolicyName Closed\n"},
		// CSE1404: Remove-CsTeamsMeetingPolicy: the global policy cannot be deleted
		{name: "remove global", src: "Remove-CsTeamsMeetingPolicy -Identity Global\n",
			want:    []string{"CSE1404 1:39-1:45"},
			message: "The global TeamsMeetingPolicy cannot be removed.",
			suggest: "change its settings with Set-CsTeamsMeetingPolicy -Identity Global"},
		{name: "remove global positional", src: "Remove-CsTeamsMeetingPolicy global -Confirm:$false\n",
			want: []string{"CSE1404 1:29-1:35"}},
		// Remove-CsConferencingPolicy and Remove-CsExternalAccessPolicy reset Global
		{name: "remove global conferencing resets", src: "Remove-CsConferencingPolicy -Identity Global\n"},
		{name: "remove global external access resets", src: "Remove-CsExternalAccessPolicy -Identity Global\n"},
		{name: "remove custom", src: "New-CsTeamsMeetingPolicy -Identity X\nRemove-CsTeamsMeetingPolicy -Identity X\n"},
		// CSE1405: New- of an identity that exists fails
		{name: "created twice", src: "New-CsTeamsMeetingPolicy -Identity Partners\nNew-CsTeamsMeetingPolicy -Identity tag:partners -AutoAdmittedUsers Everyone\n",
			want:    []string{"CSE1405 2:36-2:48"},
			message: `Cannot create "TeamsMeetingPolicy" "tag:partners" because it already exists: this script creates it on line 1.`,
			suggest: "change it with Set-CsTeamsMeetingPolicy -Identity tag:partners"},
		{name: "created twice untagged", src: "New-CsTeamsMeetingPolicy -Identity Partners\nNew-CsTeamsMeetingPolicy Partners\n",
			want:    []string{"CSE1405 2:26-2:34"},
			message: `Cannot create "TeamsMeetingPolicy" "Tag:Partners" because it already exists: this script creates it on line 1.`},
		{name: "new global", src: "New-CsTeamsMeetingPolicy -Identity Global\n",
			want:    []string{"CSE1405 1:36-1:42"},
			message: `Cannot create "TeamsMeetingPolicy" "Global" because it already exists: every tenant has the Global policy.`},
		{name: "removed in between", src: "New-CsTeamsMeetingPolicy -Identity P\nRemove-CsTeamsMeetingPolicy -Identity P\nNew-CsTeamsMeetingPolicy -Identity P\n"},
		{name: "removed in between computed", src: "New-CsTeamsMeetingPolicy -Identity P\nRemove-CsTeamsMeetingPolicy -Identity $x\nNew-CsTeamsMeetingPolicy -Identity P\n"},
		{name: "if and else", src: "if ($a) { New-CsTeamsMeetingPolicy -Identity P } else { New-CsTeamsMeetingPolicy -Identity P }\n"},
		{name: "inside a block twice", src: "foreach ($x in 1) {\n  New-CsTeamsMeetingPolicy -Identity P\n  New-CsTeamsMeetingPolicy -Identity P\n}\n",
			want: []string{"CSE1405 3:38-3:39"}},
		{name: "other kind same name", src: "New-CsTeamsMeetingPolicy -Identity P\nNew-CsExternalAccessPolicy -Identity P\n"},
		// CSE1401 with the near name the script creates
		{name: "near created name", src: "New-CsTeamsMeetingPolicy -Identity Partners\nGrant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Partner\n",
			want:    []string{"CSE1401 2:66-2:73"},
			message: "the policy Tag:Partner is never created in this script; it must already exist in the tenant",
			suggest: "did you mean Tag:Partners, which this script creates?"},
		{name: "two near created names", src: "New-CsTeamsMeetingPolicy -Identity Partners\nNew-CsTeamsMeetingPolicy -Identity Partnerx\nGrant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Partner\n",
			want:    []string{"CSE1401 3:66-3:73"},
			suggest: "create it first with New-CsTeamsMeetingPolicy -Identity Partner, or check the name"},
		{name: "near name of another kind", src: "New-CsExternalAccessPolicy -Identity Partners\nGrant-CsTeamsMeetingPolicy -Identity bob@contoso.com -PolicyName Partner\n",
			want:    []string{"CSE1401 2:66-2:73"},
			suggest: "create it first with New-CsTeamsMeetingPolicy -Identity Partner, or check the name"},
	})
}

func TestServiceSettingRules(t *testing.T) {
	stRun(t, "CSE20", []stCase{
		// CSE2008: Skype for Business rule 2 (AllowOutsideUsers $false: Blocked)
		{code: "CSE2008", name: "edge outside off same call", src: "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $false -AllowAnonymousUsers $true\n",
			want:    []string{"CSE2008 1:57-1:83"},
			message: "AllowAnonymousUsers has no effect while AllowOutsideUsers is $false (line 1): the Edge lets nobody in from outside, anonymous users included.",
			suggest: "set -AllowOutsideUsers $true, or drop -AllowAnonymousUsers"},
		{code: "CSE2008", name: "edge outside off later call", src: "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers:$true\nSet-CsAccessEdgeConfiguration -AllowOutsideUsers 0\n",
			want: []string{"CSE2008 1:31-1:57"}},
		{code: "CSE2008", name: "edge outside turned back on", src: "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $false\nSet-CsAccessEdgeConfiguration -AllowOutsideUsers $true -AllowAnonymousUsers $true\n"},
		{code: "CSE2008", name: "edge outside computed", src: "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $v -AllowAnonymousUsers $true\n"},
		{code: "CSE2008", name: "edge outside splat after", src: "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $false -AllowAnonymousUsers $true\nSet-CsAccessEdgeConfiguration @p\n"},
		{code: "CSE2008", name: "edge default outside", src: "Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true\n"},
		{code: "CSE2008", name: "edge anonymous off", src: "Set-CsAccessEdgeConfiguration -AllowOutsideUsers $false -AllowAnonymousUsers $false\n"},
		// CSE2009: Teams rule 3 (DisableAnonymousJoin $true blocks unverified join)
		{code: "CSE2009", name: "policy under org switch", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\nSet-CsTeamsMeetingPolicy -Identity Tag:Open -AllowAnonymousUsersToJoinMeeting $true\n",
			want:    []string{"CSE2009 2:45-2:84"},
			message: `AllowAnonymousUsersToJoinMeeting $true has no effect for policy "Tag:Open": DisableAnonymousJoin $true (line 1) turns unverified anonymous join off for the whole tenant.`},
		{code: "CSE2009", name: "policy before org switch", src: "New-CsTeamsMeetingPolicy -Identity Open -AllowAnonymousUsersToJoinMeeting:$true\nSet-CsTeamsMeetingConfiguration -DisableAnonymousJoin 1\n",
			want: []string{"CSE2009 1:41-1:80"}},
		{code: "CSE2009", name: "org switch turned back off", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\nSet-CsTeamsMeetingConfiguration -DisableAnonymousJoin $false\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n"},
		{code: "CSE2009", name: "org switch off", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $false\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n"},
		{code: "CSE2009", name: "policy closed", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $true\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\n"},
		{code: "CSE2009", name: "org switch computed", src: "Set-CsTeamsMeetingConfiguration -DisableAnonymousJoin $d\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $true\n"},
		// CSE2010: Set-CsTeamsMeetingPolicy: documented to have no effect
		{code: "CSE2010", name: "override lobby", src: "Set-CsTeamsMeetingPolicy -Identity Global -AllowOrganizersToOverrideLobbySettings $true\n",
			want:    []string{"CSE2010 1:43-1:88"},
			message: "AllowOrganizersToOverrideLobbySettings is deprecated and has no effect (Set-CsTeamsMeetingPolicy documentation): setting it changes nothing.",
			suggest: "drop it"},
		{code: "CSE2010", name: "join external both", src: "New-CsTeamsMeetingPolicy -Identity X -AllowUserToJoinExternalMeeting Enabled -AllowOrganizersToOverrideLobbySettings:$false\n",
			want: []string{"CSE2010 1:38-1:77", "CSE2010 1:78-1:124"}},
		{code: "CSE2010", name: "other settings", src: "Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers Everyone\n"},
		{code: "CSE2010", name: "read", src: "(Get-CsTeamsMeetingPolicy).AllowOrganizersToOverrideLobbySettings\n"},
	})
}
