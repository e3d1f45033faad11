<#
.SYNOPSIS
    Plans which Teams meeting policy each user gets, from a CSV export.
.DESCRIPTION
    A typical admin script: it reads users from a CSV file, decides a
    meeting policy per department and role, and prints the plan as a table
    and as JSON. It changes nothing: it only prints what it would grant.
.EXAMPLE
    csemu scripts/meeting-policy-plan.ps1 -CsvPath scripts/users.csv
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string]$CsvPath = (Join-Path $PSScriptRoot 'users.csv'),

    [ValidateSet('Table', 'Json', 'Both')]
    [string]$Output = 'Both'
)

#region Rules
$policies = [ordered]@{
    'Tag:ExternalMeetings' = @{ AllowAnonymousUsersToJoinMeeting = $true;  AutoAdmittedUsers = 'EveryoneInCompany' }
    'Tag:InternalOnly'     = @{ AllowAnonymousUsersToJoinMeeting = $false; AutoAdmittedUsers = 'EveryoneInCompanyExcludingGuests' }
    'Global'               = @{ AllowAnonymousUsersToJoinMeeting = $true;  AutoAdmittedUsers = 'EveryoneInCompany' }
}

function Get-PlannedPolicy {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [string]$Department,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string]$Role = 'Staff'
    )
    process {
        switch -Regex ($Department) {
            '^(Sales|Support)$' { 'Tag:ExternalMeetings'; break }
            '^(Legal|HR)$'      { 'Tag:InternalOnly'; break }
            default             { 'Global' }
        }
    }
}
#endregion

try {
    $users = Import-Csv -Path $CsvPath -ErrorAction Stop
}
catch {
    Write-Error "Cannot read ${CsvPath}: $($_.Exception.Message)"
    exit 2
}
Write-Verbose "Read $($users.Count) users from $CsvPath"

$plan = foreach ($u in $users) {
    $policy = $u | Get-PlannedPolicy
    $settings = $policies[$policy]
    [pscustomobject]@{
        User      = $u.UserPrincipalName
        Policy    = $policy
        Anonymous = $settings.AllowAnonymousUsersToJoinMeeting
        Lobby     = $settings.AutoAdmittedUsers
    }
}

$premium = @($users | Where-Object License -eq 'TeamsPremium').Count
Write-Host ("{0} users, {1} with Teams Premium, {2} policies in use" -f $users.Count, $premium, ($plan.Policy | Sort-Object -Unique).Count)

if ($Output -in 'Table', 'Both') {
    $plan | Format-Table -AutoSize
    $plan | Group-Object Policy | Sort-Object Count -Descending |
        ForEach-Object { '{0,-22} {1} user(s): {2}' -f $_.Name, $_.Count, ($_.Group.User -join ', ') }
}
if ($Output -in 'Json', 'Both') {
    $plan | Where-Object { -not $_.Anonymous } | Select-Object User, Policy | ConvertTo-Json -Compress
}
