using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Catalog;
using VillageReports.Common;
using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Benchmarks;

/// <summary>
/// A whole town's month in one CSV: 400 villages × every village element, checked (dryRun) and then imported over
/// HTTP. Prints the seconds and the bytes this process allocated for each (server and client share the process).
/// </summary>
public static class ImportHarness
{
    private const string Town = HarnessApp.Town;
    private const string Period = "2025-06";

    public static async Task RunAsync(int villages = 400)
    {
        await using var harness = await HarnessApp.StartAsync(TimeSpan.FromMinutes(5));
        var http = harness.Http;
        var (_, codes) = await harness.RegisterTownAsync(0, villages);

        var catalog = ElementCatalog.LoadEmbedded();
        var csv = Csv(catalog, codes);
        Console.WriteLine($"import: {villages} villages × {catalog.Elements.Count(e => e.ReportedBy == UnitLevel.Village)} village elements, {csv.Length / 1024.0:0} KiB of CSV");
        await TimeAsync(http, csv, "dry run", "?dryRun=true");
        await TimeAsync(http, csv, "import", "");
        await TimeAsync(http, csv, "again (unchanged)", "");
    }

    /// <summary>Every village element for every village, each figure inside its range and every cross-field rule kept.</summary>
    private static byte[] Csv(ElementCatalog catalog, IReadOnlyList<string> villages)
    {
        var elements = catalog.Elements.Where(e => e.ReportedBy == UnitLevel.Village).ToList();
        var parts = catalog.Rules.SelectMany(r => r.Left).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder("unit,").AppendJoin(',', elements.Select(e => e.Code)).Append("\r\n");
        foreach (var village in villages)
        {
            text.Append(village);
            foreach (var element in elements)
            {
                // A part (left side of a rule) at its minimum never exceeds the whole it belongs to.
                var value = parts.Contains(element.Code) ? element.Min : Math.Min(element.Max, element.Min + 1 + (village[^1] - '0'));
                text.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            }

            text.Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task TimeAsync(HttpClient http, byte[] csv, string name, string query)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.PostAsync($"api/towns/{Town}/periods/{Period}/imports{query}", content);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode} {body}");
        using var summary = JsonDocument.Parse(body);
        var root = summary.RootElement;
        int Count(string property) => root.GetProperty(property).GetInt32();
        Console.WriteLine($"import: {name,-18} {watch.Elapsed.TotalSeconds,6:0.00} s, {bytes / 1048576.0,7:0.0} MiB allocated; created {Count("created")}, updated {Count("updated")}, unchanged {Count("unchanged")}, refused {Count("refused")}, problems {root.GetProperty("problems").GetArrayLength()}");
    }
}
