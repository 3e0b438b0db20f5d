using VillageReports.Reports;
using VillageReports.Submissions;

namespace VillageReports.Tests.Reports;

/// <summary>
/// The inputs hash decides whether a job makes a new version: the same inputs give the same digest (and the digest of
/// versions already stored stays valid across releases), and any change a report shows gives another.
/// </summary>
public class InputsHashTests
{
    private static readonly ReportPeriod October = ReportPeriod.Month(new Period(2026, 10));

    private static ReportData Data(decimal value = 3, string reason = "更正", decimal target = 4600, int revision = 2)
    {
        var figures = SmallTown.Reporting(new Period(2025, 1), new Period(2026, 10), (e, u, p) => e.Decimals > 0 ? 1.25m + p.Month : p.Month + u.Value[^1] - '0', new Dictionary<string, decimal> { ["finance.tax_revenue"] = target }).Data;
        var current = figures.Current.ToDictionary(c => c.Key, c => c.Value);
        var amended = current[(SmallTown.A, new Period(2026, 10))];
        current[(SmallTown.A, new Period(2026, 10))] = amended with
        {
            Revision = revision,
            Values = new Dictionary<string, decimal>(amended.Values) { ["roads.new_km"] = value },
            Reason = reason,
            SubmittedBy = SmallTown.Code.Value,
            Warnings = [new Warning("roads.new_km", value, 1, "超过上月的3倍")],
        };
        return figures with { Current = current, Amendments = [current[(SmallTown.A, new Period(2026, 10))]] };
    }

    [Fact]
    public void The_digest_of_the_same_inputs_is_the_one_stored_versions_carry()
    {
        // Computed by the release that stored the first versions: a different digest would make every town's report anew.
        Assert.Equal("63bf493752f973a2c2816ae45d5840266a9bdc6d01136425b9238b2abad83728", InputsHash.Compute(October, SmallTown.Catalog, Data(), 5));
        Assert.Equal(InputsHash.Compute(October, SmallTown.Catalog, Data(), 5), InputsHash.Compute(October, SmallTown.Catalog, Data(), 5));
    }

    [Fact]
    public void The_digest_of_figures_of_every_sign_and_scale_of_escaped_codes_and_of_long_lines_is_the_one_the_earlier_release_computed()
    {
        var figures = SmallTown.Reporting(new Period(2025, 1), new Period(2026, 10), (e, u, p) => (p.Month % 3) switch
        {
            0 => -1.50m * p.Month,
            1 => 0.0000000000000000000000000001m * (u.Value[^1] - '0'),
            _ => 79228162514264337593543950335m / (p.Month + 1),
        }).Data;
        var current = figures.Current.ToDictionary(c => c.Key, c => c.Value);
        var key = (SmallTown.A, new Period(2026, 10));
        // A code the JSON writer escapes, and a line longer than the digest's buffer.
        current[key] = current[key] with { Values = new Dictionary<string, decimal>(current[key].Values) { ["a<b"] = 1m, ["名"] = -2m, [new string('x', 20000)] = 3m } };

        var digest = InputsHash.Compute(October, SmallTown.Catalog, figures with { Current = current }, 5, "模板");

        // Computed by the release before the digest was streamed (352095e).
        Assert.Equal("326e41ecd50acaa4ca7a338c8da7791cf35f5c12c783f1ba28730664f92186bf", digest);
    }

    [Fact]
    public void A_figure_a_revision_a_reason_a_target_the_due_day_or_the_wording_changes_the_digest()
    {
        var digests = new[]
        {
            InputsHash.Compute(October, SmallTown.Catalog, Data(), 5),
            InputsHash.Compute(October, SmallTown.Catalog, Data(value: 4), 5),
            InputsHash.Compute(October, SmallTown.Catalog, Data(revision: 3), 5),
            InputsHash.Compute(October, SmallTown.Catalog, Data(reason: "补报"), 5),
            InputsHash.Compute(October, SmallTown.Catalog, Data(target: 4700), 5),
            InputsHash.Compute(October, SmallTown.Catalog, Data(), 6),
            InputsHash.Compute(October, SmallTown.Catalog, Data(), 5, "新的年度报告措辞"),
        };

        Assert.Equal(digests.Length, digests.Distinct().Count());
    }
}
