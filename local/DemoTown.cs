using System.Globalization;
using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Local;

/// <summary>
/// A plausible town of twelve villages (about 25,000 people in North China) and its monthly figures, the same every
/// run (seeded by unit, element and month). Events that are rare in a village (a bridge, a well, a new activity room)
/// happen in few months; incidents almost never; births split so the sex ratio stays near 105.
/// </summary>
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

    /// <summary>The town's annual targets (the same each year): within reach, some passed and some not.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> Targets = new Dictionary<string, decimal>
    {
        ["finance.tax_revenue"] = 4600, ["investment.domestic"] = 6.5m, ["investment.foreign"] = 700, ["poverty.households_lifted"] = 90,
    };

    /// <summary>The first month the generator has figures for: the town has two full years behind any demo year.</summary>
    private static readonly Period Epoch = new(2020, 1);

    /// <summary>One unit's figures for one month: every element of its level, within bounds, obeying the catalog's rules.</summary>
    public static SortedDictionary<string, decimal> Figures(ElementCatalog catalog, string unit, UnitLevel level, Period period)
    {
        var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var monthIndex = period.Year * 12 + period.Month;
        foreach (var element in catalog.Elements.Where(e => e.ReportedBy == level))
        {
            var seed = StableHash(unit + "|" + element.Code);
            var spec = Spec(element.Code);
            var typical = spec.Low + ((decimal)new Random(seed).NextDouble() * (spec.High - spec.Low));
            var month = new Random(seed ^ monthIndex);
            decimal value;
            if (element.Kind == ElementKind.Stock)
            {
                // A level that grows slowly: about 2‰ a month.
                value = typical * (1 + (0.002m * (monthIndex - (Epoch.Year * 12 + Epoch.Month))));
            }
            else if (spec.Months is { } months && !months.Contains(period.Month) || month.NextDouble() >= spec.Chance)
            {
                value = 0; // an event that did not happen this month
            }
            else
            {
                value = typical * (0.85m + (0.3m * (decimal)month.NextDouble()));
            }

            values[element.Code] = decimal.Round(Math.Clamp(value, element.Min, element.Max), element.Decimals, MidpointRounding.AwayFromZero);
        }

        if (level == UnitLevel.Village)
        {
            Births(catalog, unit, period, values);
            if (values.ContainsKey("party.elections_completed"))
            {
                // Village committees are elected every five years, each village in November or December.
                values["party.elections_completed"] = period.Year % 5 == 0 && period.Month == 11 + (StableHash(unit) & 1) ? 1 : 0;
            }
        }

        Derived(values);
        return values;
    }

    private static void Derived(SortedDictionary<string, decimal> values)
    {
        if (values.TryGetValue("poverty.registered_households", out var households))
        {
            values["poverty.registered_persons"] = decimal.Floor(households * 2.6m);
        }

        if (values.TryGetValue("poverty.households_lifted", out var lifted))
        {
            values["poverty.households_lifted"] = lifted = Math.Min(lifted, households);
            values["poverty.persons_lifted"] = Math.Min(decimal.Floor(lifted * 2.5m), values["poverty.registered_persons"]);
        }

        Share(values, "security.cameras_working", "security.cameras", 0.97m);
        Share(values, "insurance.ncms_enrolled", "insurance.ncms_eligible", 0.985m);
        Share(values, "insurance.pension_enrolled", "insurance.pension_eligible", 0.93m);

        if (values.TryGetValue("party.rooms_built", out var built) && values.TryGetValue("party.rooms_repaired", out var repaired))
        {
            values["party.rooms_investment"] = (built * 22.5m) + (repaired * 4.8m);
        }

        if (values.TryGetValue("renovation.street_length", out var street))
        {
            values["renovation.street_area"] = street * 5;
        }

        if (values.TryGetValue("nonpublic.enterprises", out var enterprises))
        {
            values["nonpublic.joint_branches"] = Math.Max(1, decimal.Floor(enterprises / 5));
        }

        if (values.TryGetValue("projects.signed_over_100m", out var big))
        {
            values["projects.signed_over_1b"] = Math.Min(values["projects.signed_over_1b"], big);
            values["projects.signed_500m_to_1b"] = Math.Min(values["projects.signed_500m_to_1b"], big - values["projects.signed_over_1b"]);
        }
    }

    /// <summary>
    /// A village's births this month, split by sex along the village's running count of births since the epoch, so
    /// the sexes alternate at 105 boys to 100 girls rather than by chance (a town of 25,000 has ~180 births a year).
    /// Each village starts at its own phase, so the villages' roundings cancel out in the town's figure.
    /// </summary>
    private static void Births(ElementCatalog catalog, string unit, Period period, SortedDictionary<string, decimal> values)
    {
        if (catalog.Find("births.male") is null || catalog.Find("births.female") is null)
        {
            return;
        }

        const decimal boys = 105m / 205m;
        int BirthsIn(Period p) => Enumerable.Range(0, 4).Count(i => new Random(StableHash(unit + "|births|" + i) ^ (p.Year * 12 + p.Month)).NextDouble() < 0.31);
        var phase = (decimal)Math.Max(0, Villages.ToList().FindIndex(v => v.Code == unit)) / Villages.Count;
        var before = Epoch.Through(period.Previous).Sum(BirthsIn);
        var now = BirthsIn(period);
        var male = decimal.Floor(((before + now) * boys) + phase) - decimal.Floor((before * boys) + phase);
        values["births.male"] = male;
        values["births.female"] = now - male;
    }

    /// <summary>Sets a part to a plausible share of its whole (cameras working of cameras, enrolled of eligible).</summary>
    private static void Share(SortedDictionary<string, decimal> values, string part, string whole, decimal share)
    {
        if (values.ContainsKey(part) && values.TryGetValue(whole, out var w))
        {
            values[part] = decimal.Floor(w * share);
        }
    }

    /// <summary>A unit's monthly level (low..high), how often in a month the thing happens at all, and in which months.</summary>
    private sealed record Range(decimal Low, decimal High, double Chance = 1, int[]? Months = null);

    // Parts derived from their whole (cameras working, enrolled, persons lifted, street area …) are set in Derived.
    private static Range Spec(string code) => code switch
    {
        // The town office's figures
        "finance.tax_revenue" => new(390m, 420m),
        "investment.domestic" => new(0.45m, 0.65m),
        "investment.foreign" => new(45m, 70m),
        "projects.signed_over_100m" => new(1m, 1.4m, 0.35),
        "projects.signed_over_1b" => new(1m, 1m, 0.08),
        "projects.signed_500m_to_1b" => new(1m, 1m, 0.15),
        "projects.signed_under_100m" => new(1m, 2.4m, 0.5),
        "parks.enterprises_settled" => new(1m, 1.4m, 0.45),
        "parks.investment" => new(250m, 450m),
        "industry.leading_enterprises" => new(2m, 2.4m),
        "industry.leading_output" => new(900m, 1400m),
        "industry.new_products" => new(1m, 1m, 0.25),
        "township.plans_completed" => new(1m, 1m, 0.15),
        "township.construction_investment" => new(60m, 240m, 0.8),
        "township.roads_km" => new(0.3m, 0.9m, 0.3),
        "learning.study_sessions" => new(1m, 1m, 0.95),
        "integrity.education_events" => new(1m, 1m, 0.5),
        "stability.risk_screenings" => new(2m, 2m),
        "stability.petitions_to_beijing" or "stability.serious_cases" => new(1m, 1m, 0.005),
        "party.villages_no_recruit_3y" => new(1m, 1.4m),
        "renovation.lagging_villages" => new(2m, 2.4m),
        "renovation.lagging_transformed" => new(1m, 1m, 0.12),
        "nonpublic.enterprises" => new(24m, 32m),
        "party.cadre_allowance" => new(11m, 13m),
        "party.retired_cadres_supported" => new(36m, 44m),
        "poverty.assistance_cadres" => new(48m, 56m),
        "welfare.lowincome_topup" => new(260m, 340m),
        "poverty.industry_funds" => new(4m, 8m, 0.3),
        "culture.performances" => new(1m, 1m, 0.25),

        // A village's figures
        "security.cameras" => new(18m, 32m),
        "security.volunteers" => new(12m, 30m),
        "security.volunteer_teams" => new(1m, 1.8m),
        "party.rooms_built" => new(1m, 1m, 0.008),
        "party.rooms_repaired" => new(1m, 1m, 0.015),
        "party.signage_investment" => new(0.8m, 1.6m, 0.04),
        "governance.four_two_matters" => new(1m, 1.4m, 0.55),
        "party.new_members" => new(1m, 1m, 0.1),
        "party.elections_completed" => new(0m, 0m),
        "renovation.venues_built" or "renovation.bridges" => new(1m, 1m, 0.01),
        "renovation.fitness_squares" => new(1m, 1m, 0.015),
        "renovation.wells" => new(1m, 1m, 0.03),
        "renovation.street_length" => new(120m, 380m, 0.04),
        "renovation.paving_area" => new(200m, 800m, 0.04),
        "collective.income" => new(0.3m, 1.2m),
        "poverty.registered_households" => new(25m, 50m),
        "poverty.households_lifted" => new(1m, 1.3m, 0.7),
        "housing.dangerous_repaired" => new(1m, 1m, 0.05),
        "roads.maintained_km" => new(0.5m, 1.5m, 0.35),
        "roads.new_km" => new(0.4m, 1.1m, 0.05),
        "insurance.ncms_eligible" or "insurance.pension_eligible" => new(1300m, 2400m),
        "culture.teams_equipped" => new(1m, 1m, 0.03),
        "culture.centers_built" => new(1m, 1m, 0.01),
        "family_planning.long_acting" => new(1m, 1m, 0.1),
        "heating.heaters" => new(2m, 6m, 0.6, [1, 10, 11, 12]),
        "agriculture.land_transferred" => new(400m, 1200m),
        _ => new(0m, 0m),
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
