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
        options.Filters.AddFilter("villages_at_least", (input, arguments, _) => Number(slots.VillagesAtLeast(input.ToStringValue(), (decimal)arguments.At(0).ToNumberValue())));
        options.Filters.AddFilter("villages_with", (input, _, _) => Number(slots.VillagesWith(input.ToStringValue())));

        // Values for conditions ({% if x > 0 %}): a number, or nil when nobody reported it (nil > 0 is false, nil != 0 true).
        options.Filters.AddFilter("value", (input, _, _) => Number(slots.Value(input.ToStringValue())));
        options.Filters.AddFilter("last_year", (input, _, _) => Number(slots.LastYear(input.ToStringValue())));
        options.Filters.AddFilter("percent_of_target", (input, _, _) => Number(slots.PercentOfTarget(input.ToStringValue())));
        options.Filters.AddFilter("indicator_value", (input, _, _) => Number(slots.IndicatorValue(input.ToStringValue())));

        var context = new TemplateContext(options);
        context.SetValue("town", figures.Data.Town.Name);
        context.SetValue("county", figures.Data.Town.County.Value);
        context.SetValue("year", year.ToString(CultureInfo.InvariantCulture));
        context.SetValue("next_year", (year + 1).ToString(CultureInfo.InvariantCulture));
        context.SetValue("villages", figures.Data.Units.Count(u => u.Level == UnitLevel.Village));
        context.SetValue("data_since", slots.DataSinceWithinYear());

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

    private static ValueTask<FluidValue> Number(decimal? value) => new(value is { } v ? NumberValue.Create(v) : NotReportedValue.Instance);

    /// <summary>
    /// A figure nobody reported, in a condition. Fluid's strict mode takes a variable assigned nil for an undefined
    /// one, so this stands in for nil: it equals nil, is false, is neither greater nor less than any number, and
    /// writes 未报送.
    /// </summary>
    private sealed class NotReportedValue : FluidValue
    {
        public static readonly NotReportedValue Instance = new();

        public override FluidValues Type => FluidValues.Nil;

        public override bool Equals(FluidValue other) => other is NotReportedValue || other.IsNil();

        public override bool IsNil() => false; // nil would read as undefined to the strict mode

        public override bool ToBooleanValue() => false;

        public override decimal ToNumberValue() => 0;

        public override string ToStringValue() => ChineseFormat.NotReported;

        public override object ToObjectValue() => ChineseFormat.NotReported;

        public override ValueTask WriteToAsync(TextWriter writer, System.Text.Encodings.Web.TextEncoder encoder, CultureInfo cultureInfo)
        {
            writer.Write(ChineseFormat.NotReported);
            return default;
        }

        public override bool Equals(object? obj) => obj is FluidValue other && Equals(other);

        public override int GetHashCode() => 0;
    }

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
        private readonly Period? _since = MonthlyFigures.FirstReported(figures.Data);

        public string Figure(string codes, bool withUnit)
        {
            var elements = Elements(codes);
            var total = Total(elements, year);
            var decimals = elements.Max(e => e.ShownDecimals);
            return withUnit ? ChineseFormat.Amount(total, decimals, elements[0].Unit) : ChineseFormat.Number(total, decimals);
        }

        /// <summary>The year's figure, rounded as it is shown, so a condition agrees with the words beside it.</summary>
        public decimal? Value(string codes)
        {
            var elements = Elements(codes);
            return Total(elements, year) is { } total ? Aggregator.Round(total, elements.Max(e => e.ShownDecimals)) : null;
        }

        public decimal? LastYear(string codes)
        {
            var elements = Elements(codes);
            return AnnualFigures.YearHasData(_since?.ToString(), year - 1) && Total(elements, year - 1) is { } total
                ? Aggregator.Round(total, elements.Max(e => e.ShownDecimals))
                : null;
        }

        public decimal? PercentOfTarget(string code) =>
            figures.Data.Targets.TryGetValue(Element(code).Code, out var target) ? Aggregator.PercentOf(AnnualFigures.Year(figures, code, year), target) : null;

        public decimal? IndicatorValue(string code)
        {
            var indicator = FindIndicator(code);
            return Aggregator.Ratio(indicator, AnnualFigures.Year(figures, indicator.Numerator, year), AnnualFigures.Year(figures, indicator.Denominator, year));
        }

        /// <summary>"2025年7月" when the town's data begins within the year, so the report can say its figures start there.</summary>
        public string DataSinceWithinYear() =>
            _since is { } since && since.Year == year && since.Month > 1 ? since.ToChinese() : "";

        public int VillagesWith(string code)
        {
            var element = Element(code);
            return figures.Data.Units.Where(u => u.Level == UnitLevel.Village)
                .Count(v => figures.UnitSpan(v.Code, element.Code, new Period(year, 1), new Period(year, 12)) > 0);
        }

        private List<DataElement> Elements(string codes)
        {
            var elements = codes.Split(',', StringSplitOptions.TrimEntries).Select(Element).ToList();
            return elements.Select(e => e.Unit).Distinct().Count() > 1
                ? throw new TemplateException($"'{codes}': only elements of one unit can be added up.")
                : elements;
        }

        private decimal? Total(List<DataElement> elements, int ofYear)
        {
            decimal? total = null;
            foreach (var value in elements.Select(e => AnnualFigures.Year(figures, e.Code, ofYear)).OfType<decimal>())
            {
                total = (total ?? 0) + value;
            }

            return total;
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

        /// <summary>
        /// This year against last in words. Agrees with the annex: 上年无可比数据 only where last year has no data (before
        /// the town began reporting), 上年未报送 where it had data and this figure was not reported.
        /// </summary>
        public string Change(string code)
        {
            var element = Element(code);
            var change = AnnualFigures.ChangeOnLastYear(figures, element.Code, year);
            return change.Mark switch
            {
                ChangeMark.Value when change.Percent == 0 => "与上年持平",
                ChangeMark.Value => change.Percent > 0 ? $"比上年增长{change.Percent:0.0}%" : $"比上年下降{-change.Percent:0.0}%",
                ChangeMark.NotReported => "本年未报送",
                ChangeMark.NoBase => "上年未报送，无法比较",
                ChangeMark.BaseZero => "上年为零",
                ChangeMark.BothZero => "与上年持平",
                _ => "上年无可比数据",
            };
        }

        public string Indicator(string code)
        {
            var indicator = FindIndicator(code);
            return IndicatorValue(code) is { } value ? ChineseFormat.Number(value, indicator.Decimals) + indicator.Unit
                : AnnualFigures.Year(figures, indicator.Denominator, year) == 0 && AnnualFigures.Year(figures, indicator.Numerator, year) is not null ? ChineseFormat.Dash // 0 of 0: nothing to rate
                : ChineseFormat.NotReported;
        }

        public int VillagesAtLeast(string code, decimal threshold)
        {
            var element = Element(code);
            var first = new Period(year, 1);
            var last = new Period(year, 12);
            return figures.Data.Units.Where(u => u.Level == UnitLevel.Village)
                .Count(v => figures.UnitSpan(v.Code, element.Code, first, last) >= threshold);
        }

        private Indicator FindIndicator(string code) =>
            figures.Catalog.Indicators.FirstOrDefault(i => i.Code == code)
                ?? throw new TemplateException($"'{code}' is not an indicator of the catalog.");

        private DataElement Element(string code) =>
            figures.Catalog.Find(code) ?? throw new TemplateException($"'{code}' is not an element of the catalog.");
    }
}
