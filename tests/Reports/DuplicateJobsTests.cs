using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reports;

/// <summary>Duplicate jobs for one report (a retried request, a request racing the timer) coalesce: none fails.</summary>
public class DuplicateJobsTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task Concurrent_runs_of_one_report_make_one_version()
    {
        (await app.PutSubmissionAsync(LocalApp.Villages[0], "2026-08", LocalApp.AdminToken, """{ "values": { "heating.heaters": 4 } }""")).EnsureSuccessStatusCode();
        var assembler = app.Services.GetRequiredService<ReportAssembler>();
        var job = new ReportJob(LocalApp.Town, "monthly", "2026-08");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => assembler.AssembleAsync(job, default))));

        Assert.Equal(1, outcomes.Count(o => o.Status == AssemblyStatus.Created));
        Assert.Equal(5, outcomes.Count(o => o.Status == AssemblyStatus.Unchanged));
        Assert.All(outcomes, o => Assert.Equal(1, o.Version!.Version));
    }

    [Fact]
    public async Task Six_queued_jobs_for_one_report_make_one_version_one_delivery_and_nothing_poisoned()
    {
        (await app.PutSubmissionAsync(LocalApp.Villages[1], "2026-07", LocalApp.AdminToken, """{ "values": { "heating.heaters": 5 } }""")).EnsureSuccessStatusCode();
        var names = app.Services.GetRequiredService<StorageNames>();
        var storage = app.Services.GetRequiredService<StorageResources>();
        var sender = app.Services.GetRequiredService<JobSender>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => sender.SendAsync(Work.ReportJobs, new ReportJob(LocalApp.Town, "monthly", "2026-07"), default)));
        await WaitUntilEmptyAsync(await storage.QueueAsync(names.ReportJobsQueue));
        await WaitUntilEmptyAsync(await storage.QueueAsync(names.DeliveryQueue));

        var listing = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/reports", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
        var deliveries = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/deliveries", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(listing.GetProperty("reports").EnumerateArray(), r => r.GetProperty("period").GetString() == "2026-07");
        Assert.Single(deliveries.GetProperty("deliveries").EnumerateArray(), d => d.GetProperty("period").GetString() == "2026-07");
        foreach (var poison in new[] { names.ReportJobsQueue + "-poison", names.DeliveryQueue + "-poison" })
        {
            Assert.Empty((await (await storage.QueueAsync(poison)).PeekMessagesAsync(32)).Value);
        }
    }

    private static async Task WaitUntilEmptyAsync(Azure.Storage.Queues.QueueClient queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{queue.Name} did not drain");
            await Task.Delay(100);
        }

        // The last message may still be running after it stopped being counted: give it time to finish.
        await Task.Delay(1500);
    }
}
