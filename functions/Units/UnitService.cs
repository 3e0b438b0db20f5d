namespace VillageReports.Units;

/// <summary>Registering towns and villages, issuing and revoking tokens. Callers come resolved and allowed.</summary>
public sealed class UnitService(UnitStore units, UnitCache cachedUnits, TokenStore tokens)
{
    public async Task<Result<TownSaved>> PutTownAsync(UnitCode code, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (TownParser.Parse(code, body, errors) is not { } town)
        {
            return errors.ToProblem("The town is not valid.");
        }

        var created = await units.SaveAsync(town, cancellationToken);
        cachedUnits.ForgetTown(town.Code);
        return new TownSaved(town, created);
    }

    public async Task<IssuedToken> IssueTokenAsync(UnitCode unit, CancellationToken cancellationToken) =>
        new(unit.Value, await tokens.IssueAsync(unit, cancellationToken));

    public async Task<RevokedTokens> RevokeTokensAsync(UnitCode unit, CancellationToken cancellationToken) =>
        new(unit.Value, await tokens.RevokeAllAsync(unit, cancellationToken));
}
