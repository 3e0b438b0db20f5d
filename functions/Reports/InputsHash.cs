using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VillageReports.Catalog;
using VillageReports.Storage;

namespace VillageReports.Reports;

/// <summary>
/// A digest of everything a report is computed from. The same digest means the same figures, so a job run again on
/// unchanged data makes no new version; any new revision, target or unit changes it.
/// </summary>
public static class InputsHash
{
    public static string Compute(ReportPeriod report, ElementCatalog catalog, ReportData data, int dueDay, string? template = null)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"report|{report.Kind.Name()}|{report}|due {dueDay}");
        Line($"town|{data.Town.Code}|{data.Town.Name}|{data.Town.County}");
        foreach (var unit in data.Units)
        {
            Line($"unit|{unit.Code}|{unit.Name}|{unit.Level}");
        }

        foreach (var e in catalog.Elements)
        {
            Line($"element|{e.Code}|{e.Name}|{e.Unit}|{e.Kind}|{e.ReportedBy}|{e.Decimals}|{e.ShownDecimals}|{e.Section}|{e.Key}");
        }

        foreach (var i in catalog.Indicators)
        {
            Line($"indicator|{i.Code}|{i.Numerator}|{i.Denominator}|{i.Factor}|{i.Decimals}");
        }

        foreach (var s in data.Current.Values.OrderBy(s => s.Unit.Value, StringComparer.Ordinal).ThenBy(s => s.Period))
        {
            Line($"submission|{s.Unit}|{s.Period}|{s.Revision}|{s.Late}|{FigureCodec.Encode(s.Values)}|{s.Warnings.Count}");
        }

        Line($"targets|{FigureCodec.Encode(data.Targets)}");
        if (template is not null)
        {
            Line($"template|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)))}");
        }

        foreach (var a in data.Amendments.OrderBy(a => a.Unit.Value, StringComparer.Ordinal).ThenBy(a => a.Period).ThenBy(a => a.Revision))
        {
            Line($"amendment|{a.Unit}|{a.Period}|{a.Revision}|{a.Reason}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
