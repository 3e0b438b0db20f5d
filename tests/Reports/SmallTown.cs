using VillageReports.Catalog;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

/// <summary>A town office and two villages, with just the figures a test gives them.</summary>
public static class SmallTown
{
    public static readonly ElementCatalog Catalog = ElementCatalog.LoadEmbedded();
    public static readonly UnitCode Code = UnitCode.Parse("130123100000");
    public static readonly UnitCode A = UnitCode.Parse("130123100201"), B = UnitCode.Parse("130123100202");
    public static readonly Town Town = new(Code, "青山镇", Code.County, [new Village(A, "甲村"), new Village(B, "乙村")]);

    public static Aggregator With(IReadOnlyDictionary<string, decimal>? targets, params (UnitCode Unit, Period Period, string Code, decimal Value)[] values)
    {
        var current = values.GroupBy(v => (v.Unit, v.Period))
            .ToDictionary(g => g.Key, g => new Submission(g.Key.Unit, g.Key.Period, 1, g.ToDictionary(v => v.Code, v => v.Value), null, null, DateTimeOffset.UnixEpoch, "x", false, []));
        return new Aggregator(Catalog, new ReportData(Town, current, targets ?? new Dictionary<string, decimal>(), []));
    }

    /// <summary>Every unit reports every element of its level each month from <paramref name="from"/> to <paramref name="through"/>.</summary>
    public static Aggregator Reporting(Period from, Period through, Func<DataElement, UnitCode, Period, decimal> value, IReadOnlyDictionary<string, decimal>? targets = null) =>
        With(targets, [.. Town.ExpectedUnits.SelectMany(u => from.Through(through).SelectMany(p =>
            Catalog.Elements.Where(e => e.ReportedBy == u.Level).Select(e => (u.Code, p, e.Code, value(e, u.Code, p)))))]);
}
