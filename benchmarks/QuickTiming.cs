using System.Diagnostics;
using System.Globalization;
using VillageReports.Pdf;
using VillageReports.Tests.Pdf;

namespace VillageReports.Benchmarks;

/// <summary>A quick split of where a render's time goes: layout alone (recording) versus the whole PDF.</summary>
public static class QuickTiming
{
    public static void Run()
    {
        PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata);
        var layout = Time(() => DocumentRenderer.Render(SampleDocument.Build(), PageSetup.GbT9704, new NullSink()));
        var pdf = Time(() => PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"layout only: {layout:0.0} ms; full PDF: {pdf:0.0} ms"));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            action();
        }

        return watch.Elapsed.TotalMilliseconds / 20;
    }

    private sealed class NullSink : IPageSink, ICanvas
    {
        public ICanvas BeginPage(PageSetup page) => this;
        public void EndPage() { }
        public void Translate(double dx, double dy) { }
        public void DrawText(string text, TextStyle style, double x, double baseline, double characterSpacing = 0) { }
        public void DrawLine(double x1, double y1, double x2, double y2, double width, Rgb color) { }
        public void FillRectangle(double x, double y, double width, double height, Rgb color) { }
        public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, double width, Rgb color) { }
    }
}
