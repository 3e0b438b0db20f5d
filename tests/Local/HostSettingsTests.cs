using Microsoft.Extensions.Configuration;
using VillageReports.Local;

namespace VillageReports.Tests.Local;

/// <summary>The local runner reads the host.json the app ships, with the Functions host's defaults and app-setting overrides.</summary>
public class HostSettingsTests
{
    [Fact]
    public void The_shipped_host_json_sets_the_route_prefix_and_the_queue_trigger()
    {
        var settings = Read(HostJson());

        Assert.Equal("", settings.RoutePrefix);
        Assert.Equal(4, settings.Queues.BatchSize);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Queues.VisibilityTimeout);
        Assert.True(settings.Queues.Base64Messages);
    }

    [Fact]
    public void What_host_json_leaves_out_takes_the_hosts_defaults()
    {
        var settings = Read("""{ "version": "2.0" }""");

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(16, settings.Queues.BatchSize);
        Assert.Equal(8 * Environment.ProcessorCount, settings.Queues.NewBatchThreshold);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.Queues.MaxPollingInterval);
        Assert.True(settings.Queues.Base64Messages);
    }

    [Fact]
    public void New_batch_threshold_defaults_to_half_the_batch_per_processor()
    {
        var settings = Read("""{ "version": "2.0", "extensions": { "queues": { "batchSize": 4 } } }""");

        Assert.Equal(2 * Environment.ProcessorCount, settings.Queues.NewBatchThreshold);
    }

    [Fact]
    public void Every_queue_setting_and_the_route_prefix_are_read_from_host_json()
    {
        var settings = Read("""
            { "version": "2.0", "extensions": {
                "http": { "routePrefix": "" },
                "queues": { "batchSize": 7, "newBatchThreshold": 3, "maxDequeueCount": 2, "visibilityTimeout": "00:01:00",
                            "maxPollingInterval": "00:00:02", "messageEncoding": "none" } } }
            """);

        Assert.Equal("", settings.RoutePrefix);
        Assert.Equal(new QueueTriggerSettings(7, 3, 2, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), Base64Messages: false), settings.Queues);
    }

    [Fact]
    public void An_app_setting_overrides_host_json_as_in_azure()
    {
        var settings = Read(HostJson(), new() { ["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = "9" });

        Assert.Equal(9, settings.Queues.MaxDequeueCount);
    }

    [Theory]
    [InlineData("batchSize", "33")]
    [InlineData("batchSize", "0")]
    [InlineData("maxDequeueCount", "0")]
    [InlineData("maxPollingInterval", "00:00:00.050")]
    [InlineData("messageEncoding", "utf8")]
    public void A_value_the_host_refuses_is_refused(string key, string value)
    {
        Assert.Throws<InvalidOperationException>(() => Read($$"""{ "version": "2.0", "extensions": { "queues": { "{{key}}": "{{value}}" } } }"""));
    }

    internal static string HostJson() => File.ReadAllText(Path.Combine(FunctionMetadataTests.RepositoryRoot(), "host.json"));

    private static HostSettings Read(string hostJson, Dictionary<string, string?>? environment = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, hostJson);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(HostSettings.ReadHostJson(path))
                .AddInMemoryCollection((environment ?? []).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
                .Build();
            return HostSettings.From(configuration);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
