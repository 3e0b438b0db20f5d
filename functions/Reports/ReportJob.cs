namespace VillageReports.Reports;

/// <summary>A queue message: assemble this town's report for this period (YYYY-MM for monthly, YYYY for annual).</summary>
public sealed record ReportJob(string Town, string Kind, string Period)
{
    public static ReportJob For(UnitCode town, ReportPeriod period) => new(town.Value, period.Kind.Name(), period.ToString());

    /// <summary>Reads the message's values; false for a malformed message, which can only go to the poison queue.</summary>
    public bool TryRead(out UnitCode town, out ReportPeriod period)
    {
        period = default;
        return UnitCode.TryParse(Town, out town) && town.IsTown && ReportPeriod.TryParse(Kind, Period, out period);
    }
}
