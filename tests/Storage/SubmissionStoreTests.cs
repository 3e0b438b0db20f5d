using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Storage;

public class SubmissionStoreTests : IAsyncLifetime
{
    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly SubmissionStore _store;

    public SubmissionStoreTests() => _store = new(TestStorage.Resources(), TestStorage.Names(_prefix), new ReportRowsCache());

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);
    private static readonly UnitCode Village = UnitCode.Parse("130123100201");

    private static Submission Revision(int revision, decimal value) =>
        new(Village, new Period(2026, 10), revision, new Dictionary<string, decimal> { ["roads.new_km"] = value, ["collective.income"] = 98765.43m },
            null, null, DateTimeOffset.UnixEpoch, "test", false, []);

    [Fact]
    public async Task Figures_come_back_exactly_as_stored()
    {
        await _store.TrySaveAsync(Revision(1, 0.1m), null, DateTimeOffset.UnixEpoch, default);

        var stored = await _store.GetCurrentAsync(Village, new Period(2026, 10), default);

        Assert.Equal(0.1m, stored!.Submission.Values["roads.new_km"]);
        Assert.Equal(98765.43m, stored.Submission.Values["collective.income"]);
    }

    [Fact]
    public async Task A_row_stored_with_its_figures_as_json_by_an_earlier_release_reads_as_it_did()
    {
        var table = await TestStorage.Resources().TableAsync(TestStorage.Names(_prefix).SubmissionsTable);
        await table.AddEntityAsync(new TableEntity(Village.Value, "cur|2026-10")
        {
            ["Revision"] = 1, ["Values"] = """{"collective.income":"98765.43","roads.new_km":"0.10"}""", ["SubmittedAt"] = DateTimeOffset.UnixEpoch,
            ["FirstSubmittedAt"] = DateTimeOffset.UnixEpoch, ["SubmittedBy"] = "test", ["Late"] = false, ["Warnings"] = "[]",
        });

        var stored = await _store.GetCurrentAsync(Village, new Period(2026, 10), default);
        var (town, _) = await _store.GetTownReportRowsAsync(Village.Town, new Period(2026, 10), new Period(2026, 10), default);

        Assert.Equal("0.10", stored!.Submission.Values["roads.new_km"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(stored.Submission.Values, Assert.Single(town).Values);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_changes_nothing()
    {
        await _store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default);
        var read = await _store.GetCurrentAsync(Village, new Period(2026, 10), default);
        Assert.True(await _store.TrySaveAsync(Revision(2, 2m), read, DateTimeOffset.UnixEpoch, default));

        var lost = await _store.TrySaveAsync(Revision(2, 3m), read, DateTimeOffset.UnixEpoch, default);

        Assert.False(lost);
        var revisions = await _store.GetRevisionsAsync(Village, new Period(2026, 10), default);
        Assert.Equal([1m, 2m], revisions.Select(r => r.Values["roads.new_km"]));
    }

    [Fact]
    public async Task A_second_first_submission_is_refused_whole()
    {
        Assert.True(await _store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default));

        var duplicate = await _store.TrySaveAsync(Revision(1, 9m), null, DateTimeOffset.UnixEpoch, default);

        Assert.False(duplicate);
        Assert.Single(await _store.GetRevisionsAsync(Village, new Period(2026, 10), default));
    }

    [Fact]
    public async Task A_towns_current_rows_are_its_own_units_only()
    {
        var town = UnitCode.Parse("130123100000");
        foreach (var unit in new[] { "130123099999", "130123100000", "130123100201", "130123100999", "130123101000", "130123101001" })
        {
            await _store.TrySaveAsync(Revision(1, 1m) with { Unit = UnitCode.Parse(unit) }, null, DateTimeOffset.UnixEpoch, default);
        }

        var rows = await _store.GetTownCurrentRangeAsync(town, new Period(2026, 10), new Period(2026, 10), default);

        Assert.Equal(["130123100000", "130123100201", "130123100999"], rows.Select(r => r.Unit.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_towns_revisions_with_a_reason_come_back_and_no_others()
    {
        var neighbour = UnitCode.Parse("130123101000");
        await _store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(2, 2m) with { Reason = "更正" }, await _store.GetCurrentAsync(Village, new Period(2026, 10), default), DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(3, 3m), await _store.GetCurrentAsync(Village, new Period(2026, 10), default), DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(1, 4m) with { Period = new Period(2026, 11), Reason = "下月" }, null, DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(1, 5m) with { Unit = neighbour, Reason = "邻镇" }, null, DateTimeOffset.UnixEpoch, default);

        var (current, reasoned) = await _store.GetTownReportRowsAsync(Village.Town, new Period(2026, 1), new Period(2026, 10), default);

        Assert.Equal([(Village, new Period(2026, 10), 2, "更正")], reasoned.Select(r => (r.Unit, r.Period, r.Revision, r.Reason!)));
        Assert.Equal(2m, reasoned[0].Values["roads.new_km"]);
        Assert.Equal([(Village, new Period(2026, 10), 3)], current.Select(c => (c.Unit, c.Period, c.Revision)));
    }

    [Fact]
    public async Task A_towns_report_rows_carry_every_part_of_a_submission()
    {
        var submitted = Revision(1, 1m) with
        {
            Comment = "村委会核实", SubmittedAt = new DateTimeOffset(2026, 11, 7, 9, 30, 0, TimeSpan.Zero), SubmittedBy = "130123100000", Late = true,
            Warnings = [new Warning("roads.new_km", 1m, 0.2m, "超过上月的3倍")],
        };
        await _store.TrySaveAsync(submitted, null, DateTimeOffset.UnixEpoch, default);

        var (current, _) = await _store.GetTownReportRowsAsync(Village.Town, new Period(2026, 1), new Period(2026, 10), default);

        var row = Assert.Single(current);
        Assert.Equal((submitted.Unit, submitted.Period, submitted.Revision, submitted.Comment, submitted.Reason, submitted.SubmittedAt, submitted.SubmittedBy, submitted.Late),
            (row.Unit, row.Period, row.Revision, row.Comment, row.Reason, row.SubmittedAt, row.SubmittedBy, row.Late));
        Assert.Equal(submitted.Values.OrderBy(v => v.Key), row.Values.OrderBy(v => v.Key));
        Assert.Equal(submitted.Warnings, row.Warnings);
    }

    [Fact]
    public async Task A_towns_report_rows_read_again_hold_every_row_written_since()
    {
        // No overlap, and rows older than the storage's time (given to the second) at the first read: the second read
        // then brings only what was written after it, and the rows kept must supply the rest.
        var store = new SubmissionStore(TestStorage.Resources(), TestStorage.Names(_prefix), new ReportRowsCache(overlap: TimeSpan.Zero));
        var (office, neighbour, months) = (UnitCode.Parse("130123100000"), UnitCode.Parse("130123100202"), (From: new Period(2026, 1), To: new Period(2026, 10)));
        await store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default);
        await store.TrySaveAsync(Revision(1, 2m) with { Unit = neighbour, Period = new Period(2026, 9) }, null, DateTimeOffset.UnixEpoch, default);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await store.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);

        await store.TrySaveAsync(Revision(2, 3m) with { Reason = "更正", SubmittedBy = office.Value }, await store.GetCurrentAsync(Village, new Period(2026, 10), default), DateTimeOffset.UnixEpoch, default);
        await store.TrySaveAsync(Revision(1, 4m) with { Unit = office }, null, DateTimeOffset.UnixEpoch, default);
        await store.TrySaveAsync(Revision(1, 5m) with { Unit = neighbour, Period = new Period(2026, 11) }, null, DateTimeOffset.UnixEpoch, default);
        var (current, reasoned) = await store.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);

        var fresh = new SubmissionStore(TestStorage.Resources(), TestStorage.Names(_prefix), new ReportRowsCache());
        var (currentRead, reasonedRead) = await fresh.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);
        Assert.Equal([("130123100000", 4m), ("130123100201", 3m), ("130123100202", 2m)], current.Select(s => (s.Unit.Value, s.Values["roads.new_km"])));
        Assert.Equal(currentRead.Select(s => (s.Unit, s.Period, s.Revision, s.Values["roads.new_km"])), current.Select(s => (s.Unit, s.Period, s.Revision, s.Values["roads.new_km"])));
        Assert.Equal(reasonedRead.Select(s => (s.Unit, s.Period, s.Revision, s.Reason)), reasoned.Select(s => (s.Unit, s.Period, s.Revision, s.Reason)));
        Assert.Equal([(Village, 2, "更正")], reasoned.Select(s => (s.Unit, s.Revision, s.Reason!)));
    }

    [Fact]
    public async Task A_towns_report_rows_read_again_fetch_from_storage_only_the_rows_written_since()
    {
        var recorder = new QueryAnswers();
        var store = StoreThrough(recorder, HttpPipelinePosition.PerRetry);
        var villages = await VillagesSeededBeforeTheReadAsync(5);
        var months = (From: new Period(2026, 1), To: new Period(2026, 10));
        await store.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);
        var amended = villages[0];
        await store.TrySaveAsync(Revision(2, 7m) with { Unit = amended, Reason = "更正", SubmittedBy = "130123100000" }, await store.GetCurrentAsync(amended, new Period(2026, 10), default), DateTimeOffset.UnixEpoch, default);
        var (current, reasoned) = await store.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);

        // The first read carried every current row; the second the amended village's current row and its revision with a reason.
        Assert.Equal([5, 2], recorder.RowsPerQuery);
        Assert.Equal([7m, 1m, 1m, 1m, 1m], current.Select(s => s.Values["roads.new_km"]));
        Assert.Equal([(amended, 2)], reasoned.Select(s => (s.Unit, s.Revision)));
    }

    [Fact]
    public async Task A_row_changed_while_a_slow_read_pages_through_the_town_comes_with_the_next_read()
    {
        // One row a page, and a second's pause after the first: the read is answered over seconds, as a large one may be.
        var pages = new OneRowPages();
        var store = StoreThrough(pages, HttpPipelinePosition.PerCall);
        var villages = await VillagesSeededBeforeTheReadAsync(3);
        var months = (From: new Period(2026, 1), To: new Period(2026, 10));

        // The first village is amended right after the first page brought it, and the last a little later, before its
        // page comes: the read sees the last one's change, stamped after the first one's it missed.
        void Amend(UnitCode village, decimal value) => _store.TrySaveAsync(Revision(2, value) with { Unit = village, Reason = "更正", SubmittedBy = "130123100000" },
            _store.GetCurrentAsync(village, new Period(2026, 10), default).GetAwaiter().GetResult(), DateTimeOffset.UnixEpoch, default).GetAwaiter().GetResult();
        pages.AfterFirstPage = () =>
        {
            Amend(villages[0], 7m);
            Thread.Sleep(50);
            Amend(villages[2], 9m);
        };
        var (first, _) = await store.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);
        var (current, reasoned) = await store.GetTownReportRowsAsync(Village.Town, months.From, months.To, default);

        Assert.Equal([1m, 1m, 9m], first.Select(s => s.Values["roads.new_km"]));
        Assert.Equal([7m, 1m, 9m], current.Select(s => s.Values["roads.new_km"]));
        Assert.Equal([(villages[0], 2), (villages[2], 2)], reasoned.Select(s => (s.Unit, s.Revision)));
    }

    /// <summary>A store whose table requests pass through <paramref name="policy"/>, with no overlap: each read asks for exactly what was written since the last.</summary>
    private SubmissionStore StoreThrough(HttpPipelinePolicy policy, HttpPipelinePosition position)
    {
        var options = new TableClientOptions();
        options.AddPolicy(policy, position);
        var resources = new StorageResources(new TableServiceClient(TestStorage.ConnectionString, options),
            new BlobServiceClient(TestStorage.ConnectionString), new QueueServiceClient(TestStorage.ConnectionString));
        return new SubmissionStore(resources, TestStorage.Names(_prefix), new ReportRowsCache(overlap: TimeSpan.Zero));
    }

    /// <summary>
    /// Villages' first submissions, stored more than a second before the read that follows: storage gives its time to the
    /// second, and a month's rows are older than the read that reports them.
    /// </summary>
    private async Task<List<UnitCode>> VillagesSeededBeforeTheReadAsync(int count)
    {
        var villages = Enumerable.Range(1, count).Select(i => UnitCode.Parse($"1301231002{i:00}")).ToList();
        foreach (var village in villages)
        {
            await _store.TrySaveAsync(Revision(1, 1m) with { Unit = village }, null, DateTimeOffset.UnixEpoch, default);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        return villages;
    }

    /// <summary>Asks for one row a page, and runs <see cref="AfterFirstPage"/> once (then pauses a second) when the first page of a query arrives.</summary>
    private sealed class OneRowPages : HttpPipelineSynchronousPolicy
    {
        public Action? AfterFirstPage { get; set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (IsQuery(message))
            {
                message.Request.Uri.AppendQuery("$top", "1");
            }
        }

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (IsQuery(message) && AfterFirstPage is { } then)
            {
                AfterFirstPage = null;
                then();
                Thread.Sleep(TimeSpan.FromSeconds(1.1));
            }
        }

        private static bool IsQuery(HttpMessage message) =>
            message.Request.Method == RequestMethod.Get && message.Request.Uri.Query.Contains("filter", StringComparison.Ordinal);
    }

    /// <summary>How many rows each query's answer carried.</summary>
    private sealed class QueryAnswers : HttpPipelineSynchronousPolicy
    {
        public List<int> RowsPerQuery { get; } = [];

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Query.Contains("filter", StringComparison.Ordinal) && message.Response.Content is { } content)
            {
                using var answer = System.Text.Json.JsonDocument.Parse(content.ToMemory());
                RowsPerQuery.Add(answer.RootElement.GetProperty("value").GetArrayLength());
            }
        }
    }
}
