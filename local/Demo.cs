using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Local;

/// <summary>
/// Seeds the demo town through the HTTP API, as a town office and its village clerks would, printing progress. The
/// app's clock is driven month by month: each unit posts a month's figures on a working day before the due day, the
/// targets are set each January, the annual report is made on 10 January as the timer would, and last month's report
/// the day after it was due (or now, when that day has not come yet).
/// </summary>
public static class Demo
{
    /// <summary>Two full years before last month's year, so the annual report has a year to compare with.</summary>
    public static Period FirstMonth(Period last) => new(last.Year - 2, 1);

    public static async Task<bool> RunAsync(Uri baseAddress, string adminToken, string outputDirectory, DemoClock clock, TextWriter log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var catalog = ElementCatalog.LoadEmbedded();
        var last = Period.Containing(ChinaTime.Today(clock)).Previous;
        var first = FirstMonth(last);
        var annualYear = last.Year - 1;
        Directory.CreateDirectory(outputDirectory);

        clock.Set(ChinaTime.StartOf(first.FirstDay).AddHours(9));
        await log.WriteLineAsync($"demo: {ChinaTime.Today(clock):yyyy-MM-dd}: registering {DemoTown.TownName} ({DemoTown.Town}) with {DemoTown.Villages.Count} villages");
        var town = new { name = DemoTown.TownName, county = DemoTown.County, villages = DemoTown.Villages.Select(v => new { code = v.Code, name = v.Name }) };
        (await http.PutAsJsonAsync($"api/towns/{DemoTown.Town}", town, cancellationToken)).EnsureSuccessStatusCode();

        var units = new List<(string Code, UnitLevel Level)> { (DemoTown.Town, UnitLevel.Town) };
        units.AddRange(DemoTown.Villages.Select(v => (v.Code, UnitLevel.Village)));
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, _) in units)
        {
            var tokenResponse = await http.PostAsync($"api/units/{code}/tokens", null, cancellationToken);
            tokenResponse.EnsureSuccessStatusCode();
            tokens[code] = (await tokenResponse.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken))!.Token;
        }

        await log.WriteLineAsync($"demo: {units.Count} units post {first} to {last} month by month, each on a day before the due day, with its own token");
        var posted = 0;
        var locked = 0;
        for (var period = first; period <= last; period = period.Next)
        {
            if (period.Month == 1)
            {
                clock.Set(ChinaTime.StartOf(period.FirstDay.AddDays(14)).AddHours(10));
                (await http.PutAsJsonAsync($"api/towns/{DemoTown.Town}/targets/{period.Year}", new { targets = DemoTown.Targets }, cancellationToken)).EnsureSuccessStatusCode();
            }

            if (period == new Period(annualYear, 12).Next)
            {
                // The annual report for last year, made on 10 January at 02:00 as the timer would, before January's figures.
                clock.Set(ChinaTime.StartOf(new DateOnly(period.Year, 1, 10)).AddHours(2));
                if (!await AssembleAsync(http, "annual", annualYear.ToString(System.Globalization.CultureInfo.InvariantCulture), outputDirectory, log, cancellationToken))
                {
                    return false;
                }
            }

            foreach (var (code, level, at) in PostingTimes(units, period))
            {
                if (code == DemoTown.SilentVillage && period == last)
                {
                    continue; // one village has not reported last month, so the report shows who is missing
                }

                clock.Set(at);
                using var request = new HttpRequestMessage(HttpMethod.Put, $"api/units/{code}/submissions/{period}")
                {
                    Content = new StringContent(DemoTown.Json(DemoTown.Figures(catalog, code, level, period)), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[code]);
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

            if (period.Month == 12 || period == last)
            {
                await log.WriteLineAsync($"demo: {ChinaTime.Today(clock):yyyy-MM-dd}: figures through {period} are in ({posted} submissions so far)");
            }
        }

        if (locked > 0)
        {
            await log.WriteLineAsync($"demo: {locked} submissions were for months an earlier run's reports locked; kept as they are");
        }

        // Last month's report the day after it was due, at 02:00 as the timer would; if that day has not come, now.
        clock.Set(ChinaTime.StartOf(last.DueDate(5).AddDays(1)).AddHours(2));
        var status = await http.GetFromJsonAsync<JsonElement>($"api/towns/{DemoTown.Town}/periods/{last}/status", cancellationToken);
        await log.WriteLineAsync($"demo: {last}: {status.GetProperty("expected")} units expected, {status.GetProperty("onTime")} on time, {status.GetProperty("late")} late, {status.GetProperty("missing")} missing");
        var assembled = await AssembleAsync(http, "monthly", last.ToString(), outputDirectory, log, cancellationToken);
        clock.Release();

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var deliveries = await http.GetFromJsonAsync<JsonElement>($"api/towns/{DemoTown.Town}/deliveries", cancellationToken);
        foreach (var d in deliveries.GetProperty("deliveries").EnumerateArray())
        {
            await log.WriteLineAsync($"demo: delivery of {d.GetProperty("kind")} {d.GetProperty("period")} v{d.GetProperty("version")}: {d.GetProperty("status")} → county-inbox/{d.GetProperty("inboxPdf")}");
        }

        return assembled;
    }

    /// <summary>
    /// When each unit posts a month: the town office on the 2nd, each village on its own working hour of the 1st to
    /// the 4th of the next month (the due day is the 5th), the same every run.
    /// </summary>
    private static IEnumerable<(string Code, UnitLevel Level, DateTimeOffset At)> PostingTimes(IEnumerable<(string Code, UnitLevel Level)> units, Period period) =>
        units.Select((u, i) =>
        {
            var day = u.Level == UnitLevel.Town ? 1 : (i + period.Month) % 4;
            var minutes = (9 * 60) + ((i * 37 + period.Month * 11) % (8 * 60));
            return (u.Code, u.Level, At: ChinaTime.StartOf(period.Next.FirstDay.AddDays(day)).AddMinutes(minutes));
        }).OrderBy(u => u.At);

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
