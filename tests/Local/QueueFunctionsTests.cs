using Microsoft.Extensions.DependencyInjection;
using VillageReports.Storage;
using VillageReports.Tests.Support;

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
    }
}
