using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Local;

/// <summary>Seeds the demo town through the HTTP API, as a town office and its village clerks would, printing progress.</summary>
public static class Demo
{
    /// <summary>From January of last year to last month, so last year's annual report is complete (at least 13 months).</summary>
    public static int MonthsFor(Period last) => 12 + last.Month;

    public static async Task<bool> RunAsync(Uri baseAddress, string adminToken, string outputDirectory, TimeProvider clock, TextWriter log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var catalog = ElementCatalog.LoadEmbedded();

        await log.WriteLineAsync($"demo: registering {DemoTown.TownName} ({DemoTown.Town}) with {DemoTown.Villages.Count} villages");
        var town = new { name = DemoTown.TownName, county = DemoTown.County, villages = DemoTown.Villages.Select(v => new { code = v.Code, name = v.Name }) };
        (await http.PutAsJsonAsync($"api/towns/{DemoTown.Town}", town, cancellationToken)).EnsureSuccessStatusCode();

        var units = new List<(string Code, UnitLevel Level)> { (DemoTown.Town, UnitLevel.Town) };
        units.AddRange(DemoTown.Villages.Select(v => (v.Code, UnitLevel.Village)));
        var last = Period.Containing(ChinaTime.Today(clock)).Previous;
        var months = MonthsFor(last);
        var periods = last.AddMonths(1 - months).Through(last).ToList();
        await log.WriteLineAsync($"demo: posting {units.Count} units × {months} months ({periods[0]} to {last}), each with its own token");

        var posted = 0;
        var locked = 0;
        foreach (var (code, level) in units)
        {
            var tokenResponse = await http.PostAsync($"api/units/{code}/tokens", null, cancellationToken);
            tokenResponse.EnsureSuccessStatusCode();
            var token = (await tokenResponse.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken))!.Token;
            foreach (var period in periods)
            {
                if (code == DemoTown.SilentVillage && period == last)
                {
                    continue; // one village has not reported last month yet, so the report shows who is missing
                }

                using var request = new HttpRequestMessage(HttpMethod.Put, $"api/units/{code}/submissions/{period}")
                {
                    Content = new StringContent(DemoTown.Json(DemoTown.Figures(catalog, code, level, period)), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.Conflict
                    && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("period-locked", StringComparison.Ordinal))
                {
                    locked++; // an earlier demo run's report locked this month: its figures are in already
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    await log.WriteLineAsync($"demo: {code} {period} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    return false;
                }

                posted++;
            }

            await log.WriteLineAsync($"demo: {code} posted its months ({posted} submissions so far)");
        }

        if (locked > 0)
        {
            await log.WriteLineAsync($"demo: {locked} submissions were for months an earlier run's reports locked; kept as they are");
        }

        var status = await http.GetFromJsonAsync<JsonElement>($"api/towns/{DemoTown.Town}/periods/{last}/status", cancellationToken);
        await log.WriteLineAsync($"demo: {last}: {status.GetProperty("expected")} units expected, {status.GetProperty("onTime")} on time, {status.GetProperty("late")} late, {status.GetProperty("missing")} missing");

        Directory.CreateDirectory(outputDirectory);
        var year = (last.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await log.WriteLineAsync($"demo: setting {year} targets for the town");
        var targets = new { targets = new Dictionary<string, decimal> { ["finance.tax_revenue"] = 4600, ["investment.domestic"] = 6.5m, ["investment.foreign"] = 700, ["poverty.households_lifted"] = 180 } };
        (await http.PutAsJsonAsync($"api/towns/{DemoTown.Town}/targets/{year}", targets, cancellationToken)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/towns/{DemoTown.Town}/targets/{last.Year}", targets, cancellationToken)).EnsureSuccessStatusCode();

        var assembled = await AssembleAsync(http, "monthly", last.ToString(), outputDirectory, log, cancellationToken)
            && await AssembleAsync(http, "annual", year, outputDirectory, log, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var deliveries = await http.GetFromJsonAsync<JsonElement>($"api/towns/{DemoTown.Town}/deliveries", cancellationToken);
        foreach (var d in deliveries.GetProperty("deliveries").EnumerateArray())
        {
            await log.WriteLineAsync($"demo: delivery of {d.GetProperty("kind")} {d.GetProperty("period")} v{d.GetProperty("version")}: {d.GetProperty("status")} → county-inbox/{d.GetProperty("inboxPdf")}");
        }

        return assembled;
    }

    /// <summary>Asks for a report, waits for the queue to produce it, and downloads the PDF into <paramref name="outputDirectory"/>.</summary>
    private static async Task<bool> AssembleAsync(HttpClient http, string kind, string period, string outputDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        var before = await LatestVersionAsync(http, kind, period, cancellationToken);
        await log.WriteLineAsync($"demo: assembling the {kind} report for {period} through the queue");
        (await http.PostAsync($"api/towns/{DemoTown.Town}/reports/{kind}/{period}", null, cancellationToken)).EnsureSuccessStatusCode();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // A first report appears as version 1. Run again on the same data (persistent storage), the job rightly makes
        // no new version, so after a short wait the existing one is the answer.
        var patience = before is null ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(10);
        int? version;
        while ((version = await LatestVersionAsync(http, kind, period, cancellationToken)) == before)
        {
            if (watch.Elapsed > patience)
            {
                if (before is not null)
                {
                    await log.WriteLineAsync($"demo: the data has not changed since version {before}; no new version");
                    break;
                }

                await log.WriteLineAsync($"demo: the {kind} report for {period} did not appear within 2 minutes");
                return false;
            }

            await Task.Delay(200, cancellationToken);
        }

        var pdf = await http.GetByteArrayAsync($"api/towns/{DemoTown.Town}/reports/{kind}/{period}", cancellationToken);
        var path = Path.Combine(outputDirectory, $"{DemoTown.Town}-{kind}-{period}-v{version}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        var timing = version != before ? $", {watch.ElapsedMilliseconds} ms from request to stored" : "";
        await log.WriteLineAsync($"demo: wrote {path} ({pdf.Length / 1024.0:0.0} KiB, version {version}{timing})");
        return true;
    }

    private static async Task<int?> LatestVersionAsync(HttpClient http, string kind, string period, CancellationToken cancellationToken)
    {
        var listing = await http.GetFromJsonAsync<JsonElement>($"api/towns/{DemoTown.Town}/reports", cancellationToken);
        return listing.GetProperty("reports").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("period").GetString() == period)
            .Select(r => (int?)r.GetProperty("version").GetInt32())
            .Max();
    }

    private sealed record TokenAnswer(string Unit, string Token);
}
