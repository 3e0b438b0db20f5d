using System.Text;
using VillageReports.Catalog;

namespace VillageReports.Tests.Catalog;

public class ElementCatalogTests
{
    private readonly ElementCatalog _catalog = ElementCatalog.LoadEmbedded();

    [Fact]
    public void Ships_at_least_forty_elements_with_unique_codes()
    {
        Assert.True(_catalog.Elements.Count >= 40, $"only {_catalog.Elements.Count} elements");
        Assert.Equal(_catalog.Elements.Count, _catalog.Elements.Select(e => e.Code).Distinct().Count());
    }

    // One element (or indicator) for each figure the seed work report leaves as XX.
    [Theory]
    [InlineData("finance.tax_revenue")]
    [InlineData("investment.domestic")]
    [InlineData("investment.foreign")]
    [InlineData("projects.signed_over_100m")]
    [InlineData("projects.signed_over_1b")]
    [InlineData("projects.signed_under_100m")]
    [InlineData("security.cameras")]
    [InlineData("security.camera_usage_rate")]
    [InlineData("security.volunteer_teams")]
    [InlineData("security.volunteers")]
    [InlineData("party.rooms_built")]
    [InlineData("party.rooms_repaired")]
    [InlineData("party.rooms_investment")]
    [InlineData("governance.four_two_matters")]
    [InlineData("party.new_members")]
    [InlineData("renovation.bridges")]
    [InlineData("renovation.wells")]
    [InlineData("collective.income")]
    [InlineData("nonpublic.joint_branches")]
    [InlineData("poverty.registered_households")]
    [InlineData("poverty.persons_lifted")]
    [InlineData("poverty.assistance_cadres")]
    [InlineData("welfare.lowincome_topup")]
    [InlineData("housing.dangerous_repaired")]
    [InlineData("roads.maintained_km")]
    [InlineData("roads.new_km")]
    [InlineData("insurance.ncms_rate")]
    [InlineData("insurance.pension_rate")]
    [InlineData("culture.teams_equipped")]
    [InlineData("births.sex_ratio")]
    [InlineData("family_planning.long_acting")]
    [InlineData("heating.heaters")]
    [InlineData("industry.leading_enterprises")]
    [InlineData("township.construction_investment")]
    [InlineData("party.cadre_allowance")]
    [InlineData("party.retired_cadres_supported")]
    [InlineData("party.elections_completed")]
    [InlineData("poverty.industry_funds")]
    [InlineData("culture.centers_built")]
    public void Covers_the_seed_reports_figures(string code)
    {
        Assert.True(_catalog.Find(code) is not null || _catalog.Indicators.Any(i => i.Code == code), $"{code} is not in the catalog");
    }

    [Fact]
    public void Has_elements_for_both_villages_and_the_town_office()
    {
        Assert.Contains(_catalog.Elements, e => e.ReportedBy == UnitLevel.Town);
        Assert.Contains(_catalog.Elements, e => e.ReportedBy == UnitLevel.Village);
        Assert.Contains(_catalog.Elements, e => e.Kind == ElementKind.Stock);
        Assert.Contains(_catalog.Elements, e => e.Kind == ElementKind.Flow);
    }

    [Fact]
    public void A_catalog_that_names_an_unknown_element_is_refused_with_its_name()
    {
        const string json = """
            { "sections": [ { "code": "s", "name": "S" } ],
              "elements": [ { "code": "a", "name": "A", "unit": "个", "type": "integer", "decimals": 0, "min": 0, "max": 9, "kind": "flow", "reportedBy": "village", "section": "s" } ],
              "indicators": [ { "code": "r", "name": "R", "unit": "%", "numerator": "a", "denominator": "missing", "factor": 100, "decimals": 1, "section": "s" } ],
              "rules": [] }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => ElementCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));

        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_in_yi_yuan_are_shown_with_two_decimals_whatever_they_are_posted_with()
    {
        var domestic = _catalog.Find("investment.domestic")!;

        Assert.Equal(4, domestic.Decimals);
        Assert.Equal(2, domestic.ShownDecimals);
        Assert.All(_catalog.Elements.Where(e => e.Unit is "亿元" or "万元"), e => Assert.Equal(2, e.ShownDecimals));
        Assert.All(_catalog.Elements.Where(e => e.Type == FigureType.Integer), e => Assert.Equal(0, e.ShownDecimals));
    }

    [Fact]
    public void A_display_precision_finer_than_the_posted_one_is_refused()
    {
        const string json = """
            { "sections": [ { "code": "s", "name": "S" } ],
              "elements": [ { "code": "a", "name": "A", "unit": "万元", "type": "decimal", "decimals": 2, "displayDecimals": 3, "min": 0, "max": 9, "kind": "flow", "reportedBy": "village", "section": "s" } ],
              "indicators": [], "rules": [] }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => ElementCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));

        Assert.Contains("'a' shows 3 decimals", error.Message, StringComparison.Ordinal);
    }
}
