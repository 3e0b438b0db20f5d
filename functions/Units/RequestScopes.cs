using Microsoft.AspNetCore.Http;

namespace VillageReports.Units;

/// <summary>
/// "Which town or unit, may this caller act on it, does it exist", answered once per request and in one order that
/// leaks nothing: the route value (400), then the caller (401, 403), then existence (404). The function hands the
/// resulting scope to its service, which never checks access itself.
/// </summary>
public sealed class RequestScopes(Authenticator authenticator, UnitStore units, UnitCache cachedUnits)
{
    public async Task<Result<Caller>> CallerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await authenticator.AuthenticateAsync(BearerToken(request), cancellationToken);
        return caller.IsKnown ? caller : Problem.Unauthenticated;
    }

    public async Task<Result<TownScope>> TownAsync(HttpRequest request, string townRoute, Need need, CancellationToken cancellationToken)
    {
        var code = await AuthorizeAsync(request, UnitCode.TownFromRoute(townRoute), need, cancellationToken);
        if (code.Problem is { } problem)
        {
            return problem;
        }

        var (town, caller) = code.Value;
        return await units.FindTownAsync(town, cancellationToken) is { } found ? new TownScope(found, caller) : Problem.NotFound("Town");
    }

    public async Task<Result<UnitScope>> UnitAsync(HttpRequest request, string unitRoute, Need need, CancellationToken cancellationToken)
    {
        var code = await AuthorizeAsync(request, UnitCode.ReportingUnitFromRoute(unitRoute), need, cancellationToken);
        if (code.Problem is { } problem)
        {
            return problem;
        }

        var (unit, caller) = code.Value;
        return await cachedUnits.FindUnitAsync(unit, cancellationToken) switch
        {
            null => Problem.NotFound($"Unit {unit}"),

            // A village dropped from its town no longer reports; its own token stops there, the town office keeps its history.
            { Active: false } when caller.Unit == unit => new Problem(ProblemKind.Forbidden, "unit-inactive", "This village is no longer on the town's list.", "Ask the town office."),
            var found => new UnitScope(found, caller),
        };
    }

    /// <summary>
    /// A unit that may hold tokens: a registered town or village, or a county once one of its towns is registered (it
    /// reads its towns' reports).
    /// </summary>
    public async Task<Result<UnitCode>> TokenHolderAsync(HttpRequest request, string unitRoute, CancellationToken cancellationToken)
    {
        var code = await AuthorizeAsync(request, UnitCode.FromRoute(unitRoute), Need.UnitTokens, cancellationToken);
        if (code.Problem is { } problem)
        {
            return problem;
        }

        var unit = code.Value.Code;
        var known = unit.IsCounty
            ? (await units.ListTownsAsync(cancellationToken)).Any(t => t.County == unit)
            : await units.FindUnitAsync(unit, cancellationToken) is not null;
        return known ? unit : Problem.NotFound("Unit");
    }

    /// <summary>A town code the deployment admin may register (it need not exist yet).</summary>
    public async Task<Result<UnitCode>> NewTownAsync(HttpRequest request, string townRoute, CancellationToken cancellationToken)
    {
        var code = await AuthorizeAsync(request, UnitCode.TownFromRoute(townRoute), Need.DeploymentAdmin, cancellationToken);
        return code.Problem is { } problem ? problem : code.Value.Code;
    }

    private async Task<Result<(UnitCode Code, Caller Caller)>> AuthorizeAsync(HttpRequest request, Result<UnitCode> route, Need need, CancellationToken cancellationToken)
    {
        if (route.Problem is { } invalid)
        {
            return invalid;
        }

        var caller = await authenticator.AuthenticateAsync(BearerToken(request), cancellationToken);
        return Access.Check(caller, need, route.Value) is { } refused ? refused : (route.Value, caller);
    }

    private static string? BearerToken(HttpRequest request)
    {
        const string bearer = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
    }
}
