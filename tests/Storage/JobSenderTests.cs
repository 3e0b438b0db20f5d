using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using VillageReports.Delivery;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Storage;

/// <summary>
/// What the app puts on a queue, read raw as the Functions host reads it: host.json says messageEncoding base64,
/// and a message the host cannot decode is poisoned unread, which no test of the local runner alone would notice.
/// </summary>
public sealed class JobSenderTests : IAsyncLifetime
{
    private readonly string _prefix = TestStorage.NewPrefix();

    [Fact]
    public async Task A_report_job_goes_on_the_queue_as_base64_of_its_json()
    {
        var queue = _prefix + "report-jobs";

        await Sender().SendAsync(Work.ReportJobs, new ReportJob("130123100000", "monthly", "2026-10"), default);

        var json = DecodeBase64(await PeekRawAsync(queue));
        Assert.Equal("130123100000", json.GetProperty("town").GetString());
        Assert.Equal("monthly", json.GetProperty("kind").GetString());
        Assert.Equal("2026-10", json.GetProperty("period").GetString());
    }

    [Fact]
    public async Task A_delivery_job_goes_on_the_queue_as_base64_of_its_json_with_a_numeric_version()
    {
        var queue = _prefix + "deliveries";

        await Sender().SendAsync(Work.Deliveries, new DeliveryJob("130123100000", "annual", "2025", 3, new string('a', 64), 12345), default);

        var json = DecodeBase64(await PeekRawAsync(queue));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("version").ValueKind);
        Assert.Equal(3, json.GetProperty("version").GetInt32());
    }

    private JobSender Sender() => new(TestStorage.Resources(), new StorageNames(_prefix, _prefix + "report-jobs", _prefix + "deliveries", _prefix + "reminders"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    /// <summary>The body exactly as stored, with no client-side decoding.</summary>
    private static async Task<string> PeekRawAsync(string queueName)
    {
        var raw = new QueueClient(TestStorage.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        return Assert.Single((await raw.PeekMessagesAsync(32)).Value).Body.ToString();
    }

    private static JsonElement DecodeBase64(string raw)
    {
        var bytes = new byte[raw.Length];
        Assert.True(Convert.TryFromBase64String(raw, bytes, out var length), $"The host reads base64 messages (host.json), and this is not base64: {raw}");
        return JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 0, length)).RootElement.Clone();
    }
}
