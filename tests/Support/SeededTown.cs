using System.Net.Http.Json;
using System.Text.Json;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Submissions;

namespace VillageReports.Tests.Support;

/// <summary>
/// The local app with the demo town (12 villages and the town office) and 14 months of generated figures
/// (2025-09 to 2026-10) posted through the API, each unit with its own token.
/// </summary>
public sealed class SeededTown : IAsyncLifetime
{
    public static readonly Period First = new(2025, 9), Last = new(2026, 10);

    public LocalApp App { get; } = new();
    public ElementCatalog Catalog { get; } = ElementCatalog.LoadEmbedded();
    public Dictionary<string, string> Tokens { get; } = [];

    public static IEnumerable<(string Code, UnitLevel Level)> Units =>
        [(DemoTown.Town, UnitLevel.Town), .. DemoTown.Villages.Select(v => (v.Code, UnitLevel.Village))];

    /// <summary>What the generator posted, recomputed on demand: the independent truth the reports are checked against.</summary>
    public decimal? Posted(string unit, UnitLevel level, string code, Period period) =>
        period < First || period > Last ? null
        : DemoTown.Figures(Catalog, unit, level, period).TryGetValue(code, out var v) ? v : null;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var town = JsonSerializer.Serialize(new { name = DemoTown.TownName, county = DemoTown.County, villages = DemoTown.Villages.Select(v => new { code = v.Code, name = v.Name }) });
        (await App.SendAsync(HttpMethod.Put, $"/api/towns/{DemoTown.Town}", LocalApp.AdminToken, town)).EnsureSuccessStatusCode();
        foreach (var (code, level) in Units)
        {
            Tokens[code] = await App.IssueTokenAsync(code);
            for (var period = First; period <= Last; period = period.Next)
            {
                var response = await App.PutSubmissionAsync(code, period.ToString(), Tokens[code], DemoTown.Json(DemoTown.Figures(Catalog, code, level, period)));
                response.EnsureSuccessStatusCode();
            }
        }
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Waits until the queue has produced <paramref name="version"/> of a report.</summary>
    public async Task<JsonElement> WaitForVersionAsync(string kind, string period, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var listing = await (await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
            var found = listing.GetProperty("reports").EnumerateArray()
                .Where(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("period").GetString() == period && r.GetProperty("version").GetInt32() == version)
                .ToList();
            if (found.Count == 1)
            {
                return found[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{kind} {period} version {version} did not appear within 60 s");
    }
}
