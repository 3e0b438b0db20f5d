using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reminders;

public sealed class PutReminders(RequestScopes scopes, ApiRequest api, ReminderSettingsService reminders)
{
    [Function(nameof(PutReminders))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/towns/{town}/reminders")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        if (scope.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        var body = await api.JsonBodyAsync(request, cancellationToken);
        var saved = await body.ThenAsync(b => reminders.PutAsync(scope.Value!, b, cancellationToken));
        return ApiResults.From(saved, s => ApiResults.Json(s));
    }
}
