Configuration Broken
{
    Node localhost
    {
        TeamsMeetingPolicy "x"
        {
            Identity = "Global"
            AllowIPVideo = 
        }
    }
}
