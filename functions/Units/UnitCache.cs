using Microsoft.Extensions.Options;
using VillageReports.Storage;

namespace VillageReports.Units;

/// <summary>
/// The units requests act on, remembered for <see cref="VillageReportsOptions.UnitCacheDuration"/>, so a village's
/// submission does not read the units table each time. Saving a town forgets its units here at once; another instance
/// sees a dropped village stop within the duration (its figures are kept and no report counts it). Reports and the
/// town office's screens read the town itself, never this cache.
/// </summary>
public sealed class UnitCache(UnitStore units, TimeProvider clock, IOptions<VillageReportsOptions> options)
{
    private readonly ReadCache<UnitCode, UnitCode, ReportingUnit> _units = new(clock, options.Value.UnitCacheDuration, unit => unit.Code.Town);

    public async Task<ReportingUnit?> FindUnitAsync(UnitCode code, CancellationToken cancellationToken)
    {
        if (_units.TryFind(code, out var known))
        {
            return known;
        }

        var readAt = clock.GetUtcNow();
        var unit = await units.FindUnitAsync(code, cancellationToken);
        if (unit is not null)
        {
            _units.Remember(code, unit, readAt);
        }

        return unit;
    }

    public void ForgetTown(UnitCode town) => _units.ForgetGroup(town);
}
