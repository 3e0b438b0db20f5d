namespace VillageReports.Units;

public sealed record Village(UnitCode Code, string Name, bool Active = true);

/// <summary>A town with its villages. The town office is itself a reporting unit.</summary>
public sealed record Town(UnitCode Code, string Name, UnitCode County, IReadOnlyList<Village> Villages)
{
    public IEnumerable<Village> ActiveVillages => Villages.Where(v => v.Active);

    /// <summary>The units expected to report each month: the town office first, then its active villages in code order.</summary>
    public IReadOnlyList<ReportingUnit> ExpectedUnits =>
        [new ReportingUnit(Code, Name, Catalog.UnitLevel.Town), .. ActiveVillages.OrderBy(v => v.Code.Value, StringComparer.Ordinal).Select(v => new ReportingUnit(v.Code, v.Name, Catalog.UnitLevel.Village))];
}

/// <summary>A unit that posts figures: a village or a town office.</summary>
public sealed record ReportingUnit(UnitCode Code, string Name, Catalog.UnitLevel Level);
