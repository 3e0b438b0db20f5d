using System.Text.Json;
using System.Text.Json.Serialization;
using VillageReports.Pdf;
using VillageReports.Submissions;

namespace VillageReports.Reports;

/// <summary>Turns a town's figures into a report: the PDF and the JSON of exactly the figures it shows.</summary>
public sealed class ReportRenderer
{
    private readonly AnnualNarrative _narrative;

    public ReportRenderer(AnnualNarrative narrative)
    {
        _narrative = narrative;
        ReportFonts.MissingFontHint = "run 'npm ci' at the repository root and rebuild (./run.sh and ./test.sh do both)";
    }

    /// <summary>A report's PDF settings: the app's name, Chinese, and the GB/T 9704 page.</summary>
    public static DocumentSettings Document(string title, string author, string subject, DateTimeOffset created) =>
        new(title, author, subject, created, "VillageReports", "zh-CN", PageSetup.GbT9704);

    public static JsonSerializerOptions FiguresJson { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Renders a report. A template error throws before any PDF exists, so nothing half-written is ever stored.</summary>
    /// <param name="template">The annual narrative; the shipped default when not given.</param>
    public (byte[] Pdf, byte[] Json) Render(ReportPeriod report, Aggregator figures, DateTimeOffset generatedAt, NarrativeTemplate? template = null)
    {
        if (report.Kind == ReportKind.Monthly)
        {
            var monthly = MonthlyFigures.Compute(figures, report.Start, generatedAt);
            var (body, metadata) = MonthlyReportDocument.Compose(monthly);
            return (PdfRenderer.Render(body, metadata), JsonSerializer.SerializeToUtf8Bytes(monthly, FiguresJson));
        }

        var annual = AnnualFigures.Compute(figures, report.Year, generatedAt, AnnualNarrative.Render(template ?? _narrative.Default(), figures, report.Year));
        var (annualBody, annualMetadata) = AnnualReportDocument.Compose(annual);
        return (PdfRenderer.Render(annualBody, annualMetadata), JsonSerializer.SerializeToUtf8Bytes(annual, FiguresJson));
    }
}
