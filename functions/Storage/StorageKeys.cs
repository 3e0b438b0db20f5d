using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Storage;

/// <summary>
/// Every partition and row key, built in one place from validated values only (unit codes are twelve digits,
/// periods <c>YYYY-MM</c>), so no request text ever reaches a key or a filter.
/// </summary>
public static class StorageKeys
{
    // units: one partition per town; the town's own row has its code as row key, villages theirs.
    public static string UnitPartition(UnitCode unit) => unit.Town.Value;
    public static string UnitRow(UnitCode unit) => unit.Value;

    // tokens: one partition per unit, one row per token hash, so revoking is one partition query.
    public static string TokenPartition(UnitCode unit) => unit.Value;
    public static string TokenRow(string tokenHash) => tokenHash;

    // submissions: one partition per unit, holding the current row of each period and every revision,
    // so a new revision and the current row it replaces commit in one batch.
    public static string SubmissionPartition(UnitCode unit) => unit.Value;
    public static string CurrentRow(Period period) => $"cur|{period}";
    public static string RevisionRow(Period period, int revision) => $"rev|{period}|{revision:D6}";
    public static string RevisionRowsFrom(Period period) => $"rev|{period}|";
    public static string RevisionRowsTo(Period period) => $"rev|{period}}}";
    public const string CurrentRowsFrom = "cur|";
    public static string CurrentRowKey(Period period) => CurrentRow(period);

    // periods: one partition per town, one row per month (lock and staleness of its reports).
    public static string PeriodPartition(UnitCode town) => town.Value;
    public static string PeriodRow(Period period) => period.ToString();

    // targets: one partition per town, one row per year.
    public static string TargetPartition(UnitCode town) => town.Value;
    public static string TargetRow(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
