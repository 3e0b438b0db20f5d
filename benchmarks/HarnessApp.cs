using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Benchmarks;

/// <summary>
/// What the timed harnesses share: an Azurite of their own (on disk, so it can be stopped and started, or in memory), the local
/// runner on it, and an HTTP client with the admin token.
/// </summary>
public sealed class HarnessApp : IAsyncDisposable
{
    public const string Town = "130123100000";
    private const string Admin = "harness-admin-token-0123456789-abcdefghij";

    private HarnessApp(OwnAzurite storage, WebApplication app, HttpClient http)
    {
        Storage = storage;
        App = app;
        Http = http;
    }

    public OwnAzurite Storage { get; }
    public WebApplication App { get; }
    public HttpClient Http { get; }

    /// <param name="inMemory">Storage that cannot be stopped and started, but costs no disk time (a throughput run).</param>
    /// <param name="settings">Settings of the run's own on top of the harness's.</param>
    /// <param name="services">Changes to the app's services (a counting policy on the storage clients).</param>
    public static async Task<HarnessApp> StartAsync(TimeSpan requestTimeout, bool inMemory = false, IDictionary<string, string?>? settings = null, Func<OwnAzurite, Action<IServiceCollection>>? services = null)
    {
        var storage = new OwnAzurite(inMemory);
        await storage.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["Storage"] = storage.ConnectionString,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["VillageReports:AdminToken"] = Admin,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = LocalHost.Build([], configuration, services?.Invoke(storage));
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), Timeout = requestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        return new HarnessApp(storage, app, http);
    }

    /// <summary>
    /// Registers town <paramref name="index"/> of the county (<see cref="StoreSeed.Town"/>'s codes; index 0 is
    /// 青山镇, <see cref="Town"/>) with <paramref name="villages"/> villages named as the demo town's; answers the codes.
    /// </summary>
    public async Task<(string Town, List<string> Villages)> RegisterTownAsync(int index, int villages)
    {
        var (town, codes) = StoreSeed.Town(index, villages);
        var body = JsonSerializer.Serialize(new
        {
            name = index == 0 ? "青山镇" : $"第{index}镇",
            county = "130123000000",
            villages = codes.Select((c, i) => new { code = c, name = DemoTown.Villages[i % DemoTown.Villages.Count].Name + (i + 1).ToString(CultureInfo.InvariantCulture) }),
        });
        (await Http.PutAsync($"api/towns/{town}", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return (town, codes);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
