<#
.SYNOPSIS
    Sets up a small tenant and asks Test-AnonymousJoin the questions admins ask:
    can an anonymous participant join this organizer's meetings, from which client,
    will they wait in the lobby, and which setting decides it?

.DESCRIPTION
    Run it on a fresh tenant:  csemu --db :memory: scripts/anonymous-join-walkthrough.ps1
    Each step changes one thing and asks again. The answers follow the rules in the reference
    anonymous-join-rules.md, case by case (case 9: external-and-app-rules.md, section A).
#>
[CmdletBinding()]
param(
    # Show every reason Test-AnonymousJoin gives, not just the answer.
    [switch]$Explain
)

$ErrorActionPreference = 'Stop'

function Ask {
    param(
        [Parameter(Mandatory)][string]$Question,
        [Parameter(Mandatory)][hashtable]$Query,
        # Also print the warnings (a change younger than 24 hours, CAPTCHA, preview).
        [switch]$ShowWarnings
    )
    $r = Test-AnonymousJoin @Query
    $verdict = if ($r.Allowed) { "yes ($($r.Outcome))" } else { "no ($($r.Outcome))" }
    Write-Host ("  {0,-62} {1}" -f $Question, $verdict)
    Write-Host ("  {0,-62} decided by {1}" -f '', $r.DecidedBy)
    if ($ShowWarnings -or $Explain) {
        foreach ($w in $r.Warnings) { Write-Host ("  {0,-62} ! {1}" -f '', $w) }
    } elseif ($r.Warnings.Count -gt 0) {
        Write-Host ("  {0,-62} ({1} warning(s); -Explain shows them)" -f '', $r.Warnings.Count)
    }
    if ($Explain) { $r.Reasons | ForEach-Object { Write-Host "      - $_" } }
}

function Step([string]$Title) {
    Write-Host ''
    Write-Host "== $Title"
}

Step 'A small tenant: four people, three groups, one Teams Premium organizer'
$people = @(
    @{ UserPrincipalName = 'ann@contoso.com';  DisplayName = 'Ann Lee';   Department = 'Sales';   Group = 'sales', 'legal'; License = 'TeamsPremium' }
    @{ UserPrincipalName = 'bob@contoso.com';  DisplayName = 'Bob Ruiz';  Department = 'Support'; Group = 'support' }
    @{ UserPrincipalName = 'cara@contoso.com'; DisplayName = 'Cara Diaz'; Department = 'Legal';   Group = 'legal' }
    @{ UserPrincipalName = 'dev@contoso.com';  DisplayName = 'Dev Patel'; Department = 'IT' }
)
foreach ($p in $people) { New-EmuUser @p | Out-Null }
Get-CsOnlineUser | Format-Table UserPrincipalName, DisplayName, Department

Step 'Case 1: a new tenant (Global policy, lobby for anyone outside the org)'
Ask 'Can an anonymous Teams user join a meeting of Dev?' @{ Organizer = 'dev@contoso.com' }
Ask 'And from our Azure Communication Services app?' @{ Organizer = 'dev@contoso.com'; ClientType = 'Acs' }
Ask 'An ACS client in a live event?' @{ Organizer = 'dev@contoso.com'; ClientType = 'Acs'; MeetingType = 'LiveEvent' }

Step 'Case 2: custom policies, assigned to groups with ranks'
New-CsTeamsMeetingPolicy -Identity NoAcs -BlockedAnonymousJoinClientTypes Acs -Description 'Support: no ACS apps' | Out-Null
# csemu-disable-next-line CSE2005 -- case 5 shows the email-code path this leaves open
New-CsTeamsMeetingPolicy -Identity Internal -AllowAnonymousUsersToJoinMeeting $false -Description 'Legal: no anonymous join' | Out-Null
New-CsTeamsMeetingPolicy -Identity OpenDoors -AutoAdmittedUsers Everyone -Description 'Sales: customers skip the lobby' | Out-Null
Grant-CsTeamsMeetingPolicy -Group support -PolicyName NoAcs
Grant-CsTeamsMeetingPolicy -Group legal -PolicyName Internal
Grant-CsTeamsMeetingPolicy -Group sales -PolicyName OpenDoors -Rank 1
Get-CsGroupPolicyAssignment -PolicyType TeamsMeetingPolicy | Format-Table GroupId, PolicyName, Rank

Ask 'Bob (support): an ACS client?' @{ Organizer = 'bob@contoso.com'; ClientType = 'Acs' }
Ask 'Bob (support): the Teams client?' @{ Organizer = 'bob@contoso.com' }
Ask 'Cara (legal): the Teams client?' @{ Organizer = 'cara@contoso.com' }
Ask 'Ann (sales at rank 1, legal at rank 3): the Teams client?' @{ Organizer = 'ann@contoso.com' }

Step 'Case 3: the changes are fresh; the service may need 24 hours'
Ask 'Bob (support): an ACS client, right now?' @{ Organizer = 'bob@contoso.com'; ClientType = 'Acs' } -ShowWarnings
Start-Sleep -Seconds (25 * 3600)
Ask 'Bob (support): an ACS client, a day later?' @{ Organizer = 'bob@contoso.com'; ClientType = 'Acs' } -ShowWarnings

Step 'Case 4: ACS clients wait for a Teams user; town halls have no lobby'
Ask 'Ann: an ACS client before any Teams user joined?' @{ Organizer = 'ann@contoso.com'; ClientType = 'Acs'; TeamsUserPresent = $false }
Ask 'Dev: a town hall?' @{ Organizer = 'dev@contoso.com'; MeetingType = 'TownHall' }

Step 'Case 5: anonymous join off for Ann, but she has Teams Premium (email one-time passcode)'
Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName Internal
Ask 'Ann: an unverified participant?' @{ Organizer = 'ann@contoso.com' } -ShowWarnings
Ask 'Ann: after verifying by email code?' @{ Organizer = 'ann@contoso.com'; Verified = $true }
Ask 'Ann: a webinar (no passcode path)?' @{ Organizer = 'ann@contoso.com'; MeetingType = 'Webinar'; Verified = $true }
Grant-CsTeamsMeetingPolicy -Identity ann@contoso.com -PolicyName $null

Step 'Case 6: a tenant-wide grant for everyone without a group'
New-CsTeamsMeetingPolicy -Identity Captcha -CaptchaVerificationForMeetingJoin AnonymousUsersAndUntrustedOrganizations | Out-Null
Grant-CsTeamsMeetingPolicy -PolicyName Captcha -Global
Ask 'Dev (no group): the Teams client?' @{ Organizer = 'dev@contoso.com' } -ShowWarnings

Step 'Case 7: the org-wide switch beats every policy'
# csemu-disable-next-line CSE2001,CSE2005 -- case 7 shows what the org-wide switch does
Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $true
Ask 'Ann (Premium): the Teams client?' @{ Organizer = 'ann@contoso.com' }
Ask 'Dev: the Teams client?' @{ Organizer = 'dev@contoso.com' }
# csemu-disable-next-line CSE2001
Set-CsTeamsMeetingConfiguration -Identity Global -DisableAnonymousJoin $false

Step 'Case 8: Skype for Business Server'
Ask 'Dev on Skype for Business Server?' @{ Organizer = 'dev@contoso.com'; Service = 'SkypeForBusinessServer' }
Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true
Ask 'After Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $true?' @{ Organizer = 'dev@contoso.com'; Service = 'SkypeForBusinessServer' }

# Ask, for a person signed in to another organization: whether the person
# joins as External or counts as Anonymous, and because of which federation
# or external access setting.
function AskPartner([string]$Question, [hashtable]$Query) {
    Ask $Question $Query
    $r = Test-AnonymousJoin @Query
    $kind = $r.ParticipantKind
    foreach ($line in $r.Reasons) {
        if ($line -match 'counts as Anonymous \(decided by ([^)]+)\)') { $kind = "Anonymous, because of $($Matches[1])" }
    }
    Write-Host ("  {0,-62} joins as {1}" -f '', $kind)
}

Step 'Case 9: people signed in to a partner organization (fabrikam.com)'
AskPartner 'Dev: a person signed in at fabrikam.com?' @{ Organizer = 'dev@contoso.com'; ParticipantDomain = 'fabrikam.com'; RemoteAllowsUs = $true }
Set-CsTenantFederationConfiguration -AllowedDomainsAsAList @('northwind.com')
AskPartner 'Dev, once the tenant allows only northwind.com?' @{ Organizer = 'dev@contoso.com'; ParticipantDomain = 'fabrikam.com'; RemoteAllowsUs = $true }
New-CsExternalAccessPolicy -Identity Partners -CommunicationWithExternalOrgs AllowSpecificExternalDomains -AllowedExternalDomains fabrikam.com | Out-Null
Grant-CsExternalAccessPolicy -Group sales -PolicyName Partners -Rank 1
AskPartner 'Ann (sales: external access policy Partners)?' @{ Organizer = 'ann@contoso.com'; ParticipantDomain = 'fabrikam.com'; RemoteAllowsUs = $true }
AskPartner 'Ann, if fabrikam.com does not allow contoso.com?' @{ Organizer = 'ann@contoso.com'; ParticipantDomain = 'fabrikam.com'; RemoteAllowsUs = $false }

Step 'Every organizer whose meetings an ACS client cannot join'
Get-CsOnlineUser | Test-AnonymousJoin -ClientType Acs | Where-Object { -not $_.Allowed } |
    Format-Table Organizer, Outcome, DecidedBy

# ---------------------------------------------------------------------------
# Apps in meetings: can an anonymous participant use our app?
# (section B of the reference external-and-app-rules.md)

function AskApp {
    param(
        [Parameter(Mandatory)][string]$Question,
        [Parameter(Mandatory)][hashtable]$Query
    )
    $r = Test-AnonymousAppAccess @Query
    $verdict = if ($r.Allowed) { "yes: $($r.Surfaces -join ', ')" } else { "no ($($r.Outcome))" }
    Write-Host ("  {0,-62} {1}" -f $Question, $verdict)
    Write-Host ("  {0,-62} decided by {1}" -f '', $r.DecidedBy)
    if ($Explain) {
        foreach ($w in $r.Warnings) { Write-Host ("  {0,-62} ! {1}" -f '', $w) }
        $r.Reasons | ForEach-Object { Write-Host "      - $_" }
    }
}

Step 'Apps in meetings: our Retro Board app in a meeting of Dev, for anonymous participants'
$retro = Join-Path $PSScriptRoot 'apps/retro-board.json'
$retroOld = Join-Path $PSScriptRoot 'apps/retro-board-1.15.json'
$retroId = '2f1c0f6e-6f47-4a36-9d1e-6a3b2c1d0e9f'
AskApp 'Retro Board (manifest 1.16, supportsAnonymousGuestUsers)?' @{ Organizer = 'dev@contoso.com'; Manifest = $retro }
AskApp 'The same app built from the 1.15 manifest?' @{ Organizer = 'dev@contoso.com'; Manifest = $retroOld }
AskApp 'Its meeting tab, from the 1.15 manifest?' @{ Organizer = 'dev@contoso.com'; Manifest = $retroOld; Surface = 'Tab' }
AskApp 'From our Azure Communication Services app?' @{ Organizer = 'dev@contoso.com'; Manifest = $retro; ClientType = 'Acs' }
Set-CsTeamsAppPermissionPolicy -Identity Global -PrivateCatalogAppsType AllowedAppList
AskApp 'Custom apps limited to an allow list (Global policy)?' @{ Organizer = 'dev@contoso.com'; Manifest = $retro }
Set-CsTeamsAppPermissionPolicy -Identity Global -PrivateCatalogApps @{ Id = $retroId }
AskApp 'With Retro Board on the allow list?' @{ Organizer = 'dev@contoso.com'; Manifest = $retro }
Set-CsTeamsMeetingConfiguration -Identity Global -DisableAppInteractionForAnonymousUsers $true
AskApp 'With the tenant switch for anonymous app interaction on?' @{ Organizer = 'dev@contoso.com'; Manifest = $retro }
Set-CsTeamsMeetingConfiguration -Identity Global -DisableAppInteractionForAnonymousUsers $false
