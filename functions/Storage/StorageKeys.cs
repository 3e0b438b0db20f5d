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
    public static bool IsCurrentRow(string rowKey) => rowKey.StartsWith("cur|", StringComparison.Ordinal);
    public static Period PeriodOfCurrentRow(string rowKey) => Period.Parse(rowKey["cur|".Length..]);
    public static Period PeriodOfRevisionRow(string rowKey) => Period.Parse(rowKey.AsSpan("rev|".Length, "YYYY-MM".Length).ToString());

    // A town's units share its first nine digits (the town is …000, its villages …001 to …999), so their submission
    // partitions are one key range: a town's rows are read in one query across them, with no second layout to keep.
    public static string TownSubmissionPartitionsFrom(UnitCode town) => town.Town.Value;
    public static string TownSubmissionPartitionsTo(UnitCode town) => string.Concat(town.Value.AsSpan(0, 9), "999");

    // periods: one partition per town, one row per month (lock and staleness of its reports).
    public static string PeriodPartition(UnitCode town) => town.Value;
    public static string PeriodRow(Period period) => period.ToString();
    public static Period PeriodOfPeriodRow(string rowKey) => Period.Parse(rowKey);

    // reports: one partition per town, one row per version; blobs under the town, kind and period.
    public static string ReportPartition(UnitCode town) => town.Value;
    public static string ReportRow(ReportPeriod report, int version) => $"{report.Kind.Name()}|{report}|{version:D4}";
    public static string ReportRowsFrom(ReportPeriod report) => $"{report.Kind.Name()}|{report}|";
    public static string ReportRowsTo(ReportPeriod report) => $"{report.Kind.Name()}|{report}}}";
    public static string ReportBlob(UnitCode town, ReportPeriod report, int version, string extension) => $"{town.Value}/{report.Kind.Name()}/{report}/v{version:D3}.{extension}";
    public static string ReportLockBlob(UnitCode town, ReportPeriod report) => $"locks/{town.Value}/{report.Kind.Name()}/{report}";
    public static string AnnualTemplateBlob(UnitCode town) => $"templates/{town.Value}/annual-report.liquid";
    public static string CountyInboxBlob(UnitCode town, ReportPeriod report, int version, string extension) => $"{town.County.Value}/{town.Value}/{report.Kind.Name()}/{report}/v{version:D3}.{extension}";

    // deliveries: one partition per town, one row per version delivered, and one per attempt.
    public static string DeliveryPartition(UnitCode town) => town.Value;
    public static string DeliveryRow(ReportPeriod report, int version) => ReportRow(report, version);
    public static string AttemptRow(ReportPeriod report, int version, DateTimeOffset at, long timestamp) => $"{ReportRow(report, version)}|{at.UtcTicks:D19}.{timestamp:D20}";

    // approvals: one partition per town, one row per report version approved (审核).
    public static string ApprovalPartition(UnitCode town) => town.Value;
    public static string ApprovalRow(ReportPeriod report, int version) => ReportRow(report, version);

    // reminders: one partition per town: its settings, one row per (period, day) reminded, one per attempt.
    public static string ReminderPartition(UnitCode town) => town.Value;
    public const string ReminderSettingsRow = "settings";
    public static string ReminderRow(Period period, DateOnly day) => $"sent|{period}|{day:yyyy-MM-dd}";
    public const string ReminderRowsFrom = "sent|";
    public const string ReminderRowsTo = "sent}";
    public static string ReminderAttemptRow(Period period, DateOnly day, DateTimeOffset at, long timestamp) => $"try|{period}|{day:yyyy-MM-dd}|{at.UtcTicks:D19}.{timestamp:D20}";
    public const string ReminderAttemptRowsFrom = "try|";
    public const string ReminderAttemptRowsTo = "try}";

    // targets: one partition per town, one row per year.
    public static string TargetPartition(UnitCode town) => town.Value;
    public static string TargetRow(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
