Configuration Teams {
    Import-DscResource -ModuleName Microsoft365DSC
    $OrganizationName = 'fabrikam.example'

    node localhost {
        TeamsMeetingPolicy AllOn {
            Identity = 'AllOn'
            AllowAnonymousUsersToJoinMeeting = $true
            BlockedAnonymousJoinClientTypes = @('ACS')
            Ensure = 'Present'
        }
        TeamsMeetingPolicy Old {
            Identity = 'Tag:Old'
            Ensure = 'Absent'
        }
        TeamsMeetingConfiguration Config {
            IsSingleInstance = 'Yes'
            DisableAnonymousJoin = $true
        }
        TeamsFederationConfiguration Federation {
            IsSingleInstance = 'Yes'
            AllowedDomains = @()
            BlockedDomains = @()
            AllowFederatedUsers = $true
        }
        TeamsMessagingPolicy Chat {
            Identity = 'Tag:Chat'
            AllowGiphy = $false
        }
        TeamsMeetingPolicy Computed {
            Identity = "Tag:Computed"
            Description = "owned by $Owner"
            MediaBitRateKb = 2 * 1000
            AutoAdmittedUsers = $ConfigurationData.NonNodeData.Lobby
        }
    }
}
