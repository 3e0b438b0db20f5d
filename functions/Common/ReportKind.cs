namespace VillageReports.Common;

/// <summary>The two reports a town issues; routes, keys and queue messages write them <c>monthly</c> and <c>annual</c>.</summary>
public enum ReportKind { Monthly, Annual }

public static class ReportKinds
{
    public static string Name(this ReportKind kind) => kind == ReportKind.Monthly ? "monthly" : "annual";

    public static bool TryParse(string? text, out ReportKind kind)
    {
        (var known, kind) = text switch
        {
            "monthly" => (true, ReportKind.Monthly),
            "annual" => (true, ReportKind.Annual),
            _ => (false, default),
        };
        return known;
    }
}
