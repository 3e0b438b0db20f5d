namespace VillageReports.Units;

/// <summary>
/// A town with its villages. The town office is itself a reporting unit. A town that requires approval (审核) sends
/// a report version to the county only once its office has approved it.
/// </summary>
public sealed record Town(UnitCode Code, string Name, UnitCode County, IReadOnlyList<Village> Villages, bool RequireApproval = false)
{
    public IEnumerable<Village> ActiveVillages => Villages.Where(v => v.Active);

    /// <summary>The units expected to report each month: the town office first, then its active villages in code order.</summary>
    public IReadOnlyList<ReportingUnit> ExpectedUnits =>
        [new ReportingUnit(Code, Name, UnitLevel.Town), .. ActiveVillages.OrderBy(v => v.Code.Value, StringComparer.Ordinal).Select(v => new ReportingUnit(v.Code, v.Name, UnitLevel.Village))];
}
