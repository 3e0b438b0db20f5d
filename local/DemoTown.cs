using System.Globalization;
using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Local;

/// <summary>A plausible town of twelve villages and its monthly figures, the same every run (seeded by unit, element and month).</summary>
public static class DemoTown
{
    public const string County = "130123000000";
    public const string Town = "130123100000";
    public const string TownName = "青山镇";

    /// <summary>The village the demo leaves out of last month (石桥村).</summary>
    public const string SilentVillage = "130123100207";

    public static readonly IReadOnlyList<(string Code, string Name)> Villages =
    [
        ("130123100201", "东关村"), ("130123100202", "西关村"), ("130123100203", "南庄村"), ("130123100204", "北庄村"),
        ("130123100205", "柳林村"), ("130123100206", "杏园村"), ("130123100207", "石桥村"), ("130123100208", "河湾村"),
        ("130123100209", "前进村"), ("130123100210", "红旗村"), ("130123100211", "新华村"), ("130123100212", "王家庄村"),
    ];

    /// <summary>One unit's figures for one month: every element of its level, within bounds, obeying the catalog's rules.</summary>
    public static SortedDictionary<string, decimal> Figures(ElementCatalog catalog, string unit, UnitLevel level, Period period)
    {
        var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var monthIndex = period.Year * 12 + period.Month;
        foreach (var element in catalog.Elements.Where(e => e.ReportedBy == level))
        {
            // Each unit has its own level for each element; flows vary ±15% month to month, stocks grow slowly.
            var seed = StableHash(unit + "|" + element.Code);
            var (low, high) = Range(element.Code);
            var typical = low + ((decimal)new Random(seed).NextDouble() * (high - low));
            var value = element.Kind == ElementKind.Stock
                ? typical * (1 + (0.004m * (monthIndex % 24)))
                : typical * (0.85m + (0.3m * (decimal)new Random(seed ^ monthIndex).NextDouble()));

            values[element.Code] = decimal.Round(Math.Clamp(value, element.Min, element.Max), element.Decimals);
        }

        if (values.TryGetValue("poverty.registered_households", out var households))
        {
            values["poverty.registered_persons"] = Math.Max(values["poverty.registered_persons"], decimal.Floor(households * 2.6m));
        }

        Share(values, "security.cameras_working", "security.cameras", 0.97m);
        Share(values, "insurance.ncms_enrolled", "insurance.ncms_eligible", 0.985m);
        Share(values, "insurance.pension_enrolled", "insurance.pension_eligible", 0.93m);
        Share(values, "poverty.households_lifted", "poverty.registered_households", 0.1m, onlyWhenAbove: true);
        Share(values, "poverty.persons_lifted", "poverty.registered_persons", 0.1m, onlyWhenAbove: true);
        if (values.TryGetValue("poverty.households_lifted", out var lifted) && values.TryGetValue("poverty.persons_lifted", out var persons) && persons < lifted)
        {
            values["poverty.persons_lifted"] = lifted * 2;
        }

        if (values.TryGetValue("projects.signed_over_100m", out var big))
        {
            values["projects.signed_over_1b"] = Math.Min(values["projects.signed_over_1b"], decimal.Floor(big / 3));
            values["projects.signed_500m_to_1b"] = Math.Min(values["projects.signed_500m_to_1b"], big - values["projects.signed_over_1b"]);
        }

        return values;
    }

    /// <summary>
    /// Sets a part to a plausible share of its whole (cameras working of cameras, enrolled of eligible), always or only
    /// where the generator made the part larger than the whole, which the catalog's rules refuse.
    /// </summary>
    private static void Share(SortedDictionary<string, decimal> values, string part, string whole, decimal share, bool onlyWhenAbove = false)
    {
        if (values.TryGetValue(part, out var p) && values.TryGetValue(whole, out var w) && (!onlyWhenAbove || p > w))
        {
            values[part] = decimal.Floor(w * share);
        }
    }

    // Monthly ranges that look like a North China town of about 25,000 people. Parts of a whole (cameras working,
    // enrolled) are not here: they are set as a share of their whole.
    private static (decimal Low, decimal High) Range(string code) => code switch
    {
        "finance.tax_revenue" => (280m, 520m),
        "investment.domestic" => (0.2m, 0.9m),
        "investment.foreign" => (20m, 90m),
        "projects.signed_over_100m" => (0m, 2.6m),
        "projects.signed_over_1b" or "projects.signed_500m_to_1b" => (0m, 1.4m),
        "projects.signed_under_100m" => (0m, 4m),
        "parks.investment" => (100m, 600m),
        "security.cameras" => (12m, 40m),
        "security.volunteers" => (10m, 45m),
        "security.volunteer_teams" => (1m, 3.4m),
        "party.rooms_investment" or "party.signage_investment" => (0m, 6m),
        "renovation.street_length" => (0m, 300m),
        "renovation.street_area" or "renovation.paving_area" => (0m, 1500m),
        "collective.income" => (0.5m, 4m),
        "poverty.registered_households" => (15m, 60m),
        "poverty.registered_persons" => (40m, 150m),
        "poverty.households_lifted" => (0m, 3.4m),
        "poverty.persons_lifted" => (0m, 8m),
        "poverty.assistance_cadres" => (40m, 80m),
        "welfare.lowincome_topup" => (260m, 340m),
        "roads.maintained_km" => (0m, 3m),
        "roads.new_km" => (0m, 1.2m),
        "insurance.ncms_eligible" or "insurance.pension_eligible" => (900m, 2600m),
        "births.male" or "births.female" => (0m, 3.4m),
        "heating.heaters" => (0m, 6m),
        "agriculture.land_transferred" => (200m, 1500m),
        "nonpublic.enterprises" => (20m, 40m),
        "nonpublic.joint_branches" => (4m, 9m),
        _ => (0m, 2.4m),
    };

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    public static string Json(IReadOnlyDictionary<string, decimal> values) =>
        "{\"values\":{" + string.Join(",", values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"\"{kv.Key}\":{kv.Value}"))) + "}}";
}
