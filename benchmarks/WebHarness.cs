using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Benchmarks;

/// <summary>
/// The village clerk's first visit on a weak mobile network: bytes transferred until the form is ready (every
/// response, headers and compressed body, as Chromium counts them) and the time until it can be filled in, unthrottled
/// and under a slow profile (CDP: 400 kbit/s each way, 400 ms round trip). Then a second visit (the versioned files
/// come from the cache). Debian's chromium, as in the browser tests.
/// </summary>
public static class WebHarness
{
    private const string Admin = "bench-admin-token-0123456789-abcdefghij";
    private const int Runs = 3;

    public static async Task RunAsync()
    {
        await using var azurite = new OwnAzurite(inMemory: true);
        await azurite.StartAsync();
        var prefix = "w" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["Storage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["VillageReports:StoragePrefix"] = prefix,
            ["ReportJobsQueue"] = prefix + "report-jobs",
            ["DeliveryQueue"] = prefix + "deliveries",
            ["VillageReports:AdminToken"] = Admin,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var app = LocalHost.Build([], settings);
        await app.StartAsync();
        var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(origin) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Admin);

        // The demo town, and a village with last month's figures (the form shows them beside each input).
        var town = JsonSerializer.Serialize(new { name = DemoTown.TownName, county = DemoTown.County, villages = DemoTown.Villages.Select(v => new { code = v.Code, name = v.Name }) });
        (await http.PutAsync($"api/towns/{DemoTown.Town}", new StringContent(town, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var village = DemoTown.Villages[0].Code;
        var catalog = ElementCatalog.LoadEmbedded();
        var lastMonth = Period.Containing(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous;
        var before = lastMonth.Previous;
        (await http.PutAsync($"api/units/{village}/submissions/{before}", new StringContent(DemoTown.Json(DemoTown.Figures(catalog, village, UnitLevel.Village, before)), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var issued = await (await http.PostAsync($"api/units/{village}/tokens", null)).Content.ReadFromJsonAsync<JsonElement>();
        var link = $"{origin}/#token={issued.GetProperty("token").GetString()}";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        foreach (var slow in new[] { false, true })
        {
            var first = new List<Visit>();
            var second = new List<Visit>();
            for (var run = 0; run < Runs; run++)
            {
                await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, Locale = "zh-CN", IsMobile = true, HasTouch = true });
                var page = await context.NewPageAsync();
                if (slow)
                {
                    var cdp = await context.NewCDPSessionAsync(page);
                    await cdp.SendAsync("Network.enable");
                    await cdp.SendAsync("Network.emulateNetworkConditions", new()
                    {
                        ["offline"] = false,
                        ["latency"] = 400,
                        ["downloadThroughput"] = 400_000 / 8,
                        ["uploadThroughput"] = 400_000 / 8,
                    });
                }

                first.Add(await VisitAsync(page, link));
                second.Add(await VisitAsync(page, origin + "/"));
            }

            var profile = slow ? "slow (400 kbit/s, 400 ms RTT)" : "unthrottled (loopback)";
            Print(profile, "first visit", first);
            Print(profile, "second visit", second);
        }
    }

    private sealed record Visit(long Bytes, int Requests, double Milliseconds, IReadOnlyList<string> Files);

    private static async Task<Visit> VisitAsync(IPage page, string address)
    {
        var sizes = new List<Task<(string, long)>>();
        void Finished(object? sender, IRequest request) => sizes.Add(SizeAsync(request));
        page.RequestFinished += Finished;
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(address, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        // Ready: the form is drawn, its first input can take a figure and 提交 is there.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).WaitForAsync(new() { Timeout = 120_000 });
        await page.Locator("#figures input").First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.RequestFinished -= Finished;
        var done = await Task.WhenAll(sizes);
        return new Visit(done.Sum(d => d.Item2), done.Length, elapsed, done.Select(d => $"{d.Item1} {d.Item2} B").ToList());
    }

    private static async Task<(string, long)> SizeAsync(IRequest request)
    {
        var sizes = await request.SizesAsync();
        var path = new Uri(request.Url).PathAndQuery;
        return (path.Length > 60 ? path[..60] : path, sizes.ResponseHeadersSize + sizes.ResponseBodySize);
    }

    private static void Print(string profile, string visit, List<Visit> visits)
    {
        var times = visits.Select(v => v.Milliseconds).Order().ToList();
        var last = visits[^1];
        Console.WriteLine($"{profile}, {visit}: {last.Requests} requests, {last.Bytes / 1024.0:0.0} KiB transferred; form ready in median {times[times.Count / 2]:0} ms (of {string.Join(", ", times.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))})");
        foreach (var file in last.Files)
        {
            Console.WriteLine($"    {file}");
        }
    }
}
