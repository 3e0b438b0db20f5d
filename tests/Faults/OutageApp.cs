using VillageReports.Tests.Support;

namespace VillageReports.Tests.Faults;

/// <summary>The local app on an Azurite of its own, which its tests stop and start.</summary>
public sealed class OutageApp : LocalApp
{
    public OwnAzurite Storage { get; } = new();

    public override async Task InitializeAsync()
    {
        await Storage.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Storage.DisposeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Storage"] = Storage.ConnectionString;
        settings["AzureWebJobsStorage"] = Storage.ConnectionString;
    }
}
