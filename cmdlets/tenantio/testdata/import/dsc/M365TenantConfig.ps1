# Generated with Microsoft365DSC version 1.24.1016.1
# For additional information on how to use Microsoft365DSC, please visit https://aka.ms/M365DSC
param (
    [parameter()]
    [System.Management.Automation.PSCredential]
    $Credential
)

Configuration M365TenantConfig
{
    param (
        [parameter()]
        [System.Management.Automation.PSCredential]
        $Credential
    )

    if ($null -eq $Credential)
    {
        <# Credentials #>
        $Credscredential = Get-Credential -Message "Credentials"

    }
    else
    {
        $CredsCredential = $Credential
    }

    $OrganizationName = $CredsCredential.UserName.Split('@')[1]

    Import-DscResource -ModuleName 'Microsoft365DSC' -ModuleVersion '1.24.1016.1'

    Node localhost
    {
        EXOAcceptedDomain "EXOAcceptedDomain-fabrikam.example"
        {
            DomainType           = "Authoritative";
            Ensure               = "Present";
            Identity             = "fabrikam.example";
            Credential           = $Credscredential;
        }
        TeamsMeetingConfiguration "TeamsMeetingConfiguration-Global"
        {
            ClientAudioPort              = 50000;
            ClientMediaPortRangeEnabled  = $True;
            CustomFooterText             = "Fabrikam meetings";
            DisableAnonymousJoin         = $False;
            EnableQoS                    = $False;
            Identity                     = "Global";
            Credential                   = $Credscredential;
        }
        TeamsMeetingPolicy "TeamsMeetingPolicy-Global"
        {
            AllowAnonymousUsersToJoinMeeting           = $True;
            AutoAdmittedUsers                          = "EveryoneInCompany";
            BlockedAnonymousJoinClientTypes            = "";
            Description                                = "Default policy";
            Ensure                                     = "Present";
            Identity                                   = "Global";
            NewMeetingRecordingExpirationDays          = 120;
            Credential                                 = $Credscredential;
        }
        TeamsMeetingPolicy "TeamsMeetingPolicy-Tag:Restricted Externals"
        {
            AllowAnonymousUsersToJoinMeeting           = $False;
            AllowCloudRecording                        = $False;
            AutoAdmittedUsers                          = "OrganizerOnly";
            BlockedAnonymousJoinClientTypes            = "ACS,Teams";
            Ensure                                     = "Present";
            Identity                                   = "Tag:Restricted Externals";
            MediaBitRateKb                             = 50000;
            NewMeetingRecordingExpirationDays          = -1;
            RoomAttributeUserOverride                  = "Off";
            Credential                                 = $Credscredential;
        }
        TeamsFederationConfiguration "TeamsFederationConfiguration-Global"
        {
            AllowedDomains                             = @("contoso.example","partner.example");
            AllowFederatedUsers                        = $True;
            AllowTeamsConsumer                         = $False;
            AllowTeamsConsumerInbound                  = $False;
            BlockedDomains                             = @("spam.example");
            Identity                                   = "Global";
            SharedSipAddressSpace                      = $False;
            Credential                                 = $Credscredential;
        }
        TeamsAppPermissionPolicy "TeamsAppPermissionPolicy-Tag:No third party"
        {
            DefaultCatalogApps                         = @("14d6962d-6eeb-4f48-8890-de55454bb136");
            DefaultCatalogAppsType                     = "AllowedAppList";
            Ensure                                     = "Present";
            GlobalCatalogApps                          = @();
            GlobalCatalogAppsType                      = "AllowedAppList";
            Identity                                   = "Tag:No third party";
            PrivateCatalogApps                         = @();
            PrivateCatalogAppsType                     = "BlockedAppList";
            Credential                                 = $Credscredential;
        }
        TeamsOrgWideAppSettings "TeamsOrgWideAppSettings"
        {
            IsSingleInstance                           = "Yes";
            IsSideloadedAppsInteractionEnabled         = $True;
            Credential                                 = $Credscredential;
        }
        TeamsM365App "TeamsM365App-0d820ecd-def2-4297-adad-78056cde7c78"
        {
            AssignmentType                             = "UsersAndGroups";
            Groups                                     = @("Sales");
            Id                                         = "0d820ecd-def2-4297-adad-78056cde7c78";
            IsBlocked                                  = $False;
            Users                                      = @("ann@$OrganizationName","bob@$OrganizationName");
            Credential                                 = $Credscredential;
        }
        TeamsGroupPolicyAssignment "TeamsGroupPolicyAssignment-Sales-TeamsMeetingPolicy"
        {
            Ensure                                     = "Present";
            GroupDisplayName                           = "Sales";
            GroupId                                    = "5d2c3b71-2b4e-4f4c-9b4a-6b1ad0c0e001";
            PolicyName                                 = "Restricted Externals";
            PolicyType                                 = "TeamsMeetingPolicy";
            Priority                                   = 1;
            Credential                                 = $Credscredential;
        }
        TeamsUserPolicyAssignment "TeamsUserPolicyAssignment-ann@$OrganizationName"
        {
            TeamsAppPermissionPolicy                   = "No third party";
            TeamsMeetingPolicy                         = "Restricted Externals";
            User                                       = "ann@$OrganizationName";
            ApplicationId                              = $ConfigurationData.NonNodeData.ApplicationId;
            TenantId                                   = $OrganizationName;
        }
        TeamsCallQueue "TeamsCallQueue-Helpdesk"
        {
            Name                                       = "Helpdesk";
            RoutingMethod                              = "Attendant";
            Ensure                                     = "Present";
            Credential                                 = $Credscredential;
        }
        TeamsCallQueue "TeamsCallQueue-Sales"
        {
            Name                                       = "Sales";
            Ensure                                     = "Present";
            Credential                                 = $Credscredential;
        }
    }
}

M365TenantConfig -ConfigurationData .\ConfigurationData.psd1 -Credential $Credential
