using System.Net.Http.Json;
using System.Text.Json;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Web;

/// <summary>A town of a test's own (its own codes), so browser tests sharing an app do not see each other's figures.</summary>
public sealed record WebTown(string Code, string Name, IReadOnlyList<(string Code, string Name)> Villages)
{
    private static int _next = 110;

    public string Village(int index) => Villages[index].Code;

    public static async Task<WebTown> RegisterAsync(LocalApp app, params string[] villageNames)
    {
        var number = Interlocked.Increment(ref _next);
        var code = $"130123{number:D3}000";
        var name = $"测试{number}镇";
        var villages = villageNames.Select((n, i) => (Code: $"130123{number:D3}{201 + i}", Name: n)).ToList();
        var body = JsonSerializer.Serialize(new { name, county = LocalApp.County, villages = villages.Select(v => new { code = v.Code, name = v.Name }) });
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{code}", LocalApp.AdminToken, body)).EnsureSuccessStatusCode();
        return new WebTown(code, name, villages);
    }

    public static async Task<JsonElement?> CurrentAsync(LocalApp app, string unit, string period)
    {
        using var response = await app.SendAsync(HttpMethod.Get, $"/api/units/{unit}/submissions/{period}", LocalApp.AdminToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    public static async Task PostAsync(LocalApp app, string unit, string period, string json)
    {
        using var response = await app.PutSubmissionAsync(unit, period, LocalApp.AdminToken, json);
        response.EnsureSuccessStatusCode();
    }
}
