using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reminders;

public sealed class GetReminders(RequestScopes scopes, ReminderSettingsService reminders)
{
    [Function(nameof(GetReminders))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/reminders")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var settings = await scope.ThenAsync(s => reminders.GetAsync(s, cancellationToken));
        return ApiResults.From(settings, s => ApiResults.Json(s));
    }
}
