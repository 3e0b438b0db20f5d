namespace VillageReports.Delivery;

/// <summary>
/// A queue message: deliver this version of a report to the county. It carries all Delivery needs to know of the
/// version, so Delivery reads nothing of Reports but the blobs the version's keys name.
/// </summary>
public sealed record DeliveryJob(string Town, string Kind, string Period, int Version, string Sha256, long Size)
{
    /// <summary>Reads the message's values; false for a malformed message, which can only go to the poison queue.</summary>
    public bool TryRead(out UnitCode town, out ReportPeriod report)
    {
        report = default;
        return UnitCode.TryParse(Town, out town) && town.IsTown && ReportPeriod.TryParse(Kind, Period, out report) && Version > 0;
    }

    public override string ToString() => $"{Town} {Kind} {Period} v{Version}";
}
