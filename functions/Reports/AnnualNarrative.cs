using System.Globalization;
using Fluid;
using Fluid.Values;
using VillageReports.Catalog;

namespace VillageReports.Reports;

/// <summary>A template that cannot be used; the message names the line, and no PDF is written.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>A narrative template's text and the name its errors are reported under.</summary>
public sealed record NarrativeTemplate(string Name, string Source);

/// <summary>
/// The annual report's narrative: a Liquid template (Fluid) the town office can edit, whose figures come from
/// filters on element codes. Strict: an unknown variable, filter or element code is an error naming its line.
/// </summary>
public sealed class AnnualNarrative
{
    public const string DefaultFile = "annual-report.liquid";

    private static readonly FluidParser Parser = new();
    private readonly string _path;

    public AnnualNarrative(string? path = null) =>
        _path = string.IsNullOrEmpty(path) ? Path.Combine(AppContext.BaseDirectory, "Templates", DefaultFile) : path;

    /// <summary>The template shipped with the app (or named by AnnualTemplatePath), read afresh each time it is asked for.</summary>
    public NarrativeTemplate Default() =>
        File.Exists(_path)
            ? new NarrativeTemplate(_path, File.ReadAllText(_path))
            : throw new TemplateException($"The annual report template {_path} is missing.");

    /// <summary>A town's own template, as stored.</summary>
    public static NarrativeTemplate Town(string source) => new("the town's annual template", source);

    /// <summary>Checks a template by rendering it against a town with no figures: every slot must resolve (to 未报送).</summary>
    public static void Check(string source, Aggregator emptyTown, int year) => Render(new NarrativeTemplate("the template", source), emptyTown, year);

    /// <summary>Renders a template for a year: the paragraphs, headings marked with "#" and "##".</summary>
    public static IReadOnlyList<string> Render(NarrativeTemplate narrative, Aggregator figures, int year)
    {
        var (name, source) = narrative;
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new TemplateException($"{name}: {error}");
        }

        var options = new TemplateOptions { StrictVariables = true, StrictFilters = true, CultureInfo = CultureInfo.InvariantCulture };
        var slots = new Slots(figures, year);
        options.Filters.AddFilter("figure", (input, _, _) => Text(slots.Figure(input.ToStringValue(), withUnit: true)));
        options.Filters.AddFilter("number", (input, _, _) => Text(slots.Figure(input.ToStringValue(), withUnit: false)));
        options.Filters.AddFilter("target_percent", (input, _, _) => Text(slots.TargetPercent(input.ToStringValue())));
        options.Filters.AddFilter("change", (input, _, _) => Text(slots.Change(input.ToStringValue())));
        options.Filters.AddFilter("indicator", (input, _, _) => Text(slots.Indicator(input.ToStringValue())));
        options.Filters.AddFilter("villages_at_least", (input, arguments, _) => Text(slots.VillagesAtLeast(input.ToStringValue(), (decimal)arguments.At(0).ToNumberValue())));

        var context = new TemplateContext(options);
        context.SetValue("town", figures.Data.Town.Name);
        context.SetValue("county", figures.Data.Town.County.Value);
        context.SetValue("year", year.ToString(CultureInfo.InvariantCulture));
        context.SetValue("next_year", (year + 1).ToString(CultureInfo.InvariantCulture));
        context.SetValue("villages", figures.Data.Units.Count(u => u.Level == UnitLevel.Village).ToString(CultureInfo.InvariantCulture));

        string text;
        try
        {
            text = template.Render(context);
        }
        catch (Exception ex)
        {
            throw new TemplateException($"{name}{LineOf(source, ex.Message)}: {ex.Message}", ex);
        }

        return text.Replace("\r", "", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Replace("\n", "", StringComparison.Ordinal))
            .Where(p => p.Length > 0)
            .ToList();
    }

    private static ValueTask<FluidValue> Text(string text) => new(new StringValue(text));

    /// <summary>Names the first line that mentions what the error is about (a code or variable in quotes).</summary>
    private static string LineOf(string source, string message)
    {
        var quoted = System.Text.RegularExpressions.Regex.Match(message, "'([^']+)'");
        if (!quoted.Success)
        {
            return "";
        }

        // Search below the comment block, which names codes as examples.
        var lines = source.Split('\n');
        var start = Array.FindLastIndex(lines, l => l.Contains("endcomment", StringComparison.Ordinal)) + 1;
        var index = Array.FindIndex(lines, start, l => l.Contains(quoted.Groups[1].Value, StringComparison.Ordinal));
        return index < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", line {index + 1}");
    }

    /// <summary>The year's figures as the template's filters show them: formatted, with 未报送 for a figure nobody reported.</summary>
    private sealed class Slots(Aggregator figures, int year)
    {
        public string Figure(string codes, bool withUnit)
        {
            var elements = codes.Split(',', StringSplitOptions.TrimEntries).Select(Element).ToList();
            if (elements.Select(e => e.Unit).Distinct().Count() > 1)
            {
                throw new TemplateException($"'{codes}': only elements of one unit can be added up.");
            }

            decimal? total = null;
            foreach (var value in elements.Select(e => AnnualFigures.Year(figures, e.Code, year)).OfType<decimal>())
            {
                total = (total ?? 0) + value;
            }

            var decimals = elements.Max(e => e.Decimals);
            return withUnit ? ChineseFormat.Amount(total, decimals, elements[0].Unit) : ChineseFormat.Number(total, decimals);
        }

        public string TargetPercent(string code)
        {
            var element = Element(code);
            if (!figures.Data.Targets.TryGetValue(code, out var target))
            {
                return "（未设目标）";
            }

            return AnnualFigures.Year(figures, element.Code, year) is { } value ? ChineseFormat.Percent(Aggregator.PercentOf(value, target)) : ChineseFormat.NotReported;
        }

        public string Change(string code)
        {
            var element = Element(code);
            var change = Reports.Change.Between(AnnualFigures.Year(figures, element.Code, year), AnnualFigures.Year(figures, element.Code, year - 1));
            return change.Mark switch
            {
                ChangeMark.Value => change.Percent >= 0 ? $"比上年增长{change.Percent:0.0}%" : $"比上年下降{-change.Percent:0.0}%",
                ChangeMark.NotReported => "本年未报送",
                _ => "上年无可比数据",
            };
        }

        public string Indicator(string code)
        {
            var indicator = figures.Catalog.Indicators.FirstOrDefault(i => i.Code == code)
                ?? throw new TemplateException($"'{code}' is not an indicator of the catalog.");
            var value = Aggregator.Ratio(indicator, AnnualFigures.Year(figures, indicator.Numerator, year), AnnualFigures.Year(figures, indicator.Denominator, year));
            return value is null ? ChineseFormat.NotReported : ChineseFormat.Number(value, indicator.Decimals) + indicator.Unit;
        }

        public string VillagesAtLeast(string code, decimal threshold)
        {
            var element = Element(code);
            var first = new Period(year, 1);
            var last = new Period(year, 12);
            return figures.Data.Units.Where(u => u.Level == UnitLevel.Village)
                .Count(v => figures.UnitSpan(v.Code, element.Code, first, last) >= threshold)
                .ToString(CultureInfo.InvariantCulture);
        }

        private DataElement Element(string code) =>
            figures.Catalog.Find(code) ?? throw new TemplateException($"'{code}' is not an element of the catalog.");
    }
}
