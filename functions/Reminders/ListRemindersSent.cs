using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reminders;

public sealed class ListRemindersSent(RequestScopes scopes, ReminderSettingsService reminders)
{
    [Function(nameof(ListRemindersSent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/reminders/sent")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var sent = await scope.ThenAsync(s => reminders.ListSentAsync(s, cancellationToken));
        return ApiResults.From(sent, list => ApiResults.Json(new { town, reminders = list }));
    }
}
