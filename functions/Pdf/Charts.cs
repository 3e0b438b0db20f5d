using System.Globalization;

namespace VillageReports.Pdf;

/// <summary>One named series of a chart; a null value is a gap (not reported), never zero.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>The styles a chart draws with.</summary>
public sealed record ChartStyle(TextStyle Title, TextStyle Label);

/// <summary>
/// A vector chart with a title, a value axis with round ticks, category labels and a legend. Charts do not split:
/// one that does not fit moves to the next page.
/// </summary>
public abstract class Chart(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string unit, double height, ChartStyle style) : Element
{
    protected const double AxisGap = 4;
    private static readonly int[] StepMultipliers = [1, 2, 5, 10];

    protected IReadOnlyList<string> Categories { get; } = categories;
    protected IReadOnlyList<ChartSeries> Series { get; } = series;
    protected ChartStyle Style { get; } = style;

    public override SpacePlan Measure(Size available, LayoutState state) =>
        height <= available.Height + LayoutState.Epsilon ? SpacePlan.Full(available.Width, height) : SpacePlan.Wrap($"{Describe("chart")} needs {height:0.#} pt, {available.Height:0.#} pt left");

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var titleHeight = Style.Title.Leading;
        DrawCentered(canvas, title, Style.Title, available.Width / 2, ReportFonts.Ascent(Style.Title));

        var ticks = Ticks(Series.SelectMany(s => s.Values).Where(v => v.HasValue).Select(v => (double)v!.Value).DefaultIfEmpty(0).Max());
        var labelWidth = ticks.Select(t => ReportFonts.Width(Format(t), Style.Label)).Max();
        var legendHeight = Style.Label.Leading;

        // Category labels keep their size and never collide: when they are wider than a slot they alternate
        // between rows under the axis.
        var slotWidth = (available.Width - 4 - (labelWidth + AxisGap + 2)) / Math.Max(1, Categories.Count);
        var widest = Categories.Select(c => ReportFonts.Width(c, Style.Label)).DefaultIfEmpty(0).Max();
        var labelRows = Math.Max(1, (int)Math.Ceiling((widest + 3) / slotWidth));
        var plot = (Left: labelWidth + AxisGap + 2, Top: titleHeight + legendHeight + 4, Right: available.Width - 4, Bottom: height - (Style.Label.Leading * labelRows) - AxisGap);

        // Legend: the unit, then a swatch per series that has data; one series needs no legend, the title names it.
        var x = plot.Left;
        var legendBaseline = titleHeight + ReportFonts.Ascent(Style.Label);
        canvas.DrawText($"单位：{unit}", Style.Label with { Color = Rgb.Gray }, x, legendBaseline);
        var shown = Enumerable.Range(0, Series.Count).Where(s => Series[s].Values.Any(v => v.HasValue)).ToList();
        x = available.Width;
        for (var k = shown.Count - 1; k >= 0 && shown.Count > 1; k--)
        {
            var s = shown[k];
            x -= ReportFonts.Width(Series[s].Name, Style.Label);
            canvas.DrawText(Series[s].Name, Style.Label, x, legendBaseline);
            x -= 16;
            canvas.FillRectangle(x, legendBaseline - 7, 12, 6, Rgb.Series[s % Rgb.Series.Count]);
            x -= 8;
        }

        // Value axis with gridlines.
        var max = ticks[^1];
        double Y(double value) => plot.Bottom - ((plot.Bottom - plot.Top) * (max == 0 ? 0 : value / max));
        foreach (var tick in ticks)
        {
            var y = Y(tick);
            canvas.DrawLine(plot.Left, y, plot.Right, y, 0.25, Rgb.LightGray);
            var text = Format(tick);
            canvas.DrawText(text, Style.Label, plot.Left - AxisGap - ReportFonts.Width(text, Style.Label), y + (Style.Label.Size * 0.35));
        }

        canvas.DrawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, 0.75, Rgb.Black);
        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, 0.75, Rgb.Black);

        var slot = (plot.Right - plot.Left) / Math.Max(1, Categories.Count);
        for (var i = 0; i < Categories.Count; i++)
        {
            DrawCentered(canvas, Categories[i], Style.Label, plot.Left + (slot * (i + 0.5)), plot.Bottom + AxisGap + ReportFonts.Ascent(Style.Label) + (Style.Label.Leading * (i % labelRows)));
        }

        DrawData(canvas, plot.Left, slot, Y);
    }

    /// <summary>Draws the series: <paramref name="y"/> maps a value to its height on the page.</summary>
    protected abstract void DrawData(ICanvas canvas, double left, double slot, Func<double, double> y);

    protected static void DrawCentered(ICanvas canvas, string text, TextStyle style, double centre, double baseline) =>
        canvas.DrawText(text, style, centre - (ReportFonts.Width(text, style) / 2), baseline);

    /// <summary>Round ticks from 0 (steps of 1, 2 or 5 × 10ⁿ), four to six of them, the last at or above the maximum.</summary>
    public static IReadOnlyList<double> Ticks(double max)
    {
        if (max <= 0)
        {
            return [0, 1];
        }

        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = StepMultipliers.Select(m => m * magnitude).First(s => s >= rough);
        var count = (int)Math.Ceiling(max / step - 1e-9);
        return Enumerable.Range(0, count + 1).Select(i => Math.Round(i * step, 10)).ToList();
    }

    public static string Format(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>A bar per category (e.g. per village) for one series; a missing value is marked with <c>missingLabel</c> at its slot, so it never reads as zero.</summary>
public sealed class BarChart(string title, IReadOnlyList<string> categories, ChartSeries series, string unit, double height, ChartStyle style, string missingLabel)
    : Chart(title, categories, [series], unit, height, style)
{
    protected override void DrawData(ICanvas canvas, double left, double slot, Func<double, double> y)
    {
        var values = Series[0].Values;
        var bar = slot * 0.6;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                // Not reported: no bar, and no zero; the words stand one character a line if the slot is narrow.
                var label = Style.Label with { Color = Rgb.Gray };
                var lines = ReportFonts.Width(missingLabel, label) <= slot ? [missingLabel] : missingLabel.Select(c => c.ToString()).ToArray();
                for (var k = 0; k < lines.Length; k++)
                {
                    DrawCentered(canvas, lines[k], label, left + (slot * (i + 0.5)), y(0) - 3 - (label.Leading * (lines.Length - 1 - k)));
                }

                continue;
            }

            var top = y((double)value);
            canvas.FillRectangle(left + (slot * i) + ((slot - bar) / 2), top, bar, y(0) - top, Rgb.Series[0]);
        }
    }
}

/// <summary>Lines over ordered categories (e.g. twelve months), one per series, broken where a value is missing.</summary>
public sealed class LineChart(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string unit, double height, ChartStyle style)
    : Chart(title, categories, series, unit, height, style)
{
    protected override void DrawData(ICanvas canvas, double left, double slot, Func<double, double> y)
    {
        for (var s = 0; s < Series.Count; s++)
        {
            var color = Rgb.Series[s % Rgb.Series.Count];
            var run = new List<(double X, double Y)>();
            var values = Series[s].Values;
            for (var i = 0; i <= values.Count; i++)
            {
                if (i < values.Count && values[i] is { } value)
                {
                    var point = (left + (slot * (i + 0.5)), y((double)value));
                    run.Add(point);
                    canvas.FillRectangle(point.Item1 - 1.5, point.Item2 - 1.5, 3, 3, color);
                    continue;
                }

                if (run.Count > 1)
                {
                    canvas.DrawPolyline(run, 1.25, color);
                }

                run = [];
            }
        }
    }
}
