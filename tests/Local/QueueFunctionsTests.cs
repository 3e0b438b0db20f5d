using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Local;

public class QueueFunctionsTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task A_message_that_keeps_failing_ends_in_the_poison_queue_intact()
    {
        var names = app.Services.GetRequiredService<StorageNames>();
        var storage = app.Services.GetRequiredService<StorageResources>();
        var jobs = await storage.QueueAsync(names.ReportJobsQueue);
        var poison = await storage.QueueAsync(names.ReportJobsQueue + "-poison");
        const string message = """{"town":"130123999000","kind":"monthly","period":"2026-10"}""";

        await jobs.SendMessageAsync(message);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? poisoned = null;
        while (poisoned is null && DateTime.UtcNow < deadline)
        {
            var peeked = (await poison.PeekMessagesAsync(1)).Value;
            poisoned = peeked.Length > 0 ? peeked[0].Body.ToString() : null;
            await Task.Delay(100);
        }

        Assert.Equal(message, poisoned);
        Assert.Empty((await jobs.PeekMessagesAsync(1)).Value);
        // Peek sees only visible messages; the count also sees one hidden for a retry or left undeleted.
        Assert.Equal(0, (await jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_message_dequeued_more_often_than_max_dequeue_count_is_poisoned_without_running()
    {
        var (queue, poison) = await QueuesAsync("unrun");
        var message = await ReceivedAsync(queue, Job("2026-09"), times: 6);

        await Runner().ProcessAsync(AssembleReport(), queue, poison, message, CancellationToken.None);

        Assert.Null(await LatestReportAsync("2026-09"));
        Assert.Equal(Base64(Job("2026-09")), Assert.Single((await poison.PeekMessagesAsync(32)).Value).Body.ToString());
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_message_on_its_last_allowed_try_still_runs()
    {
        var (queue, poison) = await QueuesAsync("last");
        var message = await ReceivedAsync(queue, Job("2026-08"), times: 5);

        await Runner().ProcessAsync(AssembleReport(), queue, poison, message, CancellationToken.None);

        Assert.NotNull(await LatestReportAsync("2026-08"));
        Assert.Empty((await poison.PeekMessagesAsync(32)).Value);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private async Task<(QueueClient Queue, QueueClient Poison)> QueuesAsync(string name)
    {
        var account = new QueueServiceClient(TestStorage.ConnectionString);
        var queue = account.GetQueueClient(app.Prefix + name);
        var poison = account.GetQueueClient(app.Prefix + name + "-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        return (queue, poison);
    }

    /// <summary>The message as the listener would hold it after its <paramref name="times"/>-th receive.</summary>
    private static async Task<QueueMessage> ReceivedAsync(QueueClient queue, string json, int times)
    {
        await queue.SendMessageAsync(Base64(json));
        QueueMessage message = null!;
        for (var i = 1; i <= times; i++)
        {
            message = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(1))).Value;
            if (i < times)
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }

        Assert.Equal(times, message.DequeueCount);
        return message;
    }

    internal static async Task<List<string>> PoisonedAsync(QueueClient poison, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var bodies = new List<string>();
        while (!bodies.Contains(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            bodies = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
        }

        return bodies;
    }

    private QueueFunctions Runner() => app.Services.GetServices<IHostedService>().OfType<QueueFunctions>().Single();

    private FunctionEntry AssembleReport() => app.Services.GetServices<FunctionEntry>().Single(f => f.Name == nameof(VillageReports.Reports.AssembleReport));

    private Task<ReportVersion?> LatestReportAsync(string period) =>
        app.Services.GetRequiredService<ReportStore>().LatestAsync(UnitCode.Parse(LocalApp.Town), ReportPeriod.Month(Period.Parse(period)), default);

    private static string Job(string period) => $$"""{"town":"{{LocalApp.Town}}","kind":"monthly","period":"{{period}}"}""";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

/// <summary>The local app with a failed message kept hidden for an hour: anything poisoned within the test was poisoned on first sight.</summary>
public sealed class SlowRetryApp : LocalApp
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "01:00:00";
}

public class UndecodableMessageTests(SlowRetryApp app) : IClassFixture<SlowRetryApp>
{
    [Fact]
    public async Task A_message_that_is_not_base64_is_poisoned_at_once_and_the_good_one_behind_it_runs()
    {
        var names = app.Services.GetRequiredService<StorageNames>();
        var raw = new QueueServiceClient(TestStorage.ConnectionString);
        var jobs = raw.GetQueueClient(names.ReportJobsQueue);
        var poison = raw.GetQueueClient(names.ReportJobsQueue + "-poison");
        await jobs.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        const string undecodable = """{"town":"130123100000","kind":"monthly","period":"2026-10"} sent without base64!""";

        await jobs.SendMessageAsync(undecodable);
        await app.Services.GetRequiredService<JobSender>().SendAsync(Work.ReportJobs, new ReportJob(LocalApp.Town, "monthly", "2026-10"), default);

        Assert.Contains(undecodable, await QueueFunctionsTests.PoisonedAsync(poison, undecodable));
        var reports = app.Services.GetRequiredService<ReportStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await reports.LatestAsync(UnitCode.Parse(LocalApp.Town), ReportPeriod.Month(new Period(2026, 10)), default) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.NotNull(await reports.LatestAsync(UnitCode.Parse(LocalApp.Town), ReportPeriod.Month(new Period(2026, 10)), default));
    }
}

/// <summary>Its own app, so its poison queue holds only what this test sent.</summary>
public class UnbindableMessageTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task A_message_that_is_not_json_for_its_record_fails_its_tries_and_is_poisoned()
    {
        var names = app.Services.GetRequiredService<StorageNames>();
        var storage = app.Services.GetRequiredService<StorageResources>();
        var jobs = await storage.QueueAsync(names.ReportJobsQueue);
        var poison = await storage.QueueAsync(names.ReportJobsQueue + "-poison");
        const string message = "assemble the October report, please";

        await jobs.SendMessageAsync(message);

        Assert.Contains(message, await QueueFunctionsTests.PoisonedAsync(poison, message));
    }
}
