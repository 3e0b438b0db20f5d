using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Local;

namespace VillageReports.Tests.Support;

/// <summary>
/// The local runner on a free loopback port, against the test Azurite, with its own storage prefix and a clock
/// the tests set. Tests talk to it over real HTTP, as a village clerk's script would.
/// </summary>
public class LocalApp : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-0123456789-abcdefghijklmnop";
    public const string County = "130123000000";
    public const string Town = "130123100000";
    public static readonly string[] Villages = ["130123100201", "130123100202", "130123100203"];

    private WebApplication? _app;

    public string Prefix { get; } = TestStorage.NewPrefix();

    /// <summary>2026-11-03 12:00 China time: October is open and not yet due; December is in the future.</summary>
    public FixedClock Clock { get; } = FixedClock.AtChinaTime(2026, 11, 3);

    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra settings for a fixture that needs them (a webhook, say).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public virtual async Task InitializeAsync()
    {
        var settings = TestStorage.Settings(Prefix);
        settings["urls"] = "http://127.0.0.1:0";
        settings["VillageReports:AdminToken"] = AdminToken;
        // As an app setting overrides host.json in Azure: poll an idle queue often, retry a failed message soon.
        settings["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.100";
        settings["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.200";
        Configure(settings);
        _app = LocalHost.Build([], settings, services => services.AddSingleton<TimeProvider>(Clock));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
        await RegisterTownAsync();
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await TestStorage.DeleteAsync(Prefix);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutSubmissionAsync(string unit, string period, string? token, string json, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Put, $"/api/units/{unit}/submissions/{period}", token, json, configure: configure);

    public async Task<string> IssueTokenAsync(string unit)
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/units/{unit}/tokens", AdminToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A blob of the app's reports container (a version's PDF or JSON), read as the app stored it.</summary>
    public async Task<Azure.Storage.Blobs.BlobClient> ReportBlobAsync(string blobName)
    {
        var container = await Services.GetRequiredService<VillageReports.Storage.StorageResources>().ContainerAsync(Services.GetRequiredService<VillageReports.Storage.StorageNames>().ReportsContainer);
        return container.GetBlobClient(blobName);
    }

    public async Task<JsonElement> RevisionsAsync(string unit, string period)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/units/{unit}/submissions/{period}/revisions", AdminToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revisions");
    }

    private async Task RegisterTownAsync()
    {
        var town = JsonSerializer.Serialize(new
        {
            name = "青山镇",
            county = County,
            villages = Villages.Select((v, i) => new { code = v, name = $"第{i + 1}村" }),
        });
        var response = await SendAsync(HttpMethod.Put, $"/api/towns/{Town}", AdminToken, town);
        response.EnsureSuccessStatusCode();
    }
}

public static class ResponseAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
