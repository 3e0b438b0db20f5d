namespace VillageReports.Benchmarks;

/// <summary>The figures the harnesses print: a nearest-rank percentile, and the median as the upper middle of an even count.</summary>
public static class Stats
{
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
