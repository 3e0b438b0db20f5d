using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reminders;

public sealed class RunReminders(RequestScopes scopes, ReminderScheduler scheduler)
{
    /// <summary>Sends today's reminder now, through the same queue job the timer uses (so still at most one a day).</summary>
    [Function(nameof(RunReminders))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/towns/{town}/reminders/run")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var queued = await scope.ThenAsync(s => scheduler.RequestAsync(s, cancellationToken));
        return ApiResults.From(queued, job => new AcceptedResult($"/api/towns/{job.Town}/reminders/sent", new { job.Town, job.Day, status = "queued" }));
    }
}
