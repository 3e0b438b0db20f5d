using System.Text;
using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Tests.Submissions;

public class SubmissionRulesTests
{
    private readonly ElementCatalog _catalog = ElementCatalog.LoadEmbedded();

    private static (SubmissionDraft? Draft, ValidationErrors Errors) Parse(string json)
    {
        var errors = new ValidationErrors();
        return (SubmissionParser.Parse(Encoding.UTF8.GetBytes(json), errors), errors);
    }

    private ValidationErrors Validate(string json, UnitLevel level = UnitLevel.Village)
    {
        var (draft, errors) = Parse(json);
        SubmissionRules.Validate(_catalog, level, draft!.Values, errors);
        return errors;
    }

    [Fact]
    public void Malformed_json_is_one_error_on_the_body()
    {
        var (draft, errors) = Parse("{\"values\": {");

        Assert.Null(draft);
        Assert.Contains("JSON 格式错误", Assert.Single(errors["body"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_read_exactly_as_decimals()
    {
        var (draft, errors) = Parse("""{ "values": { "roads.new_km": 0.1, "collective.income": 12345.67 }, "comment": "十月" }""");

        Assert.Empty(errors);
        Assert.Equal(0.1m, draft!.Values["roads.new_km"]);
        Assert.Equal(12345.67m, draft.Values["collective.income"]);
        Assert.Equal("十月", draft.Comment);
    }

    [Fact]
    public void Every_problem_is_listed_not_just_the_first()
    {
        var errors = Validate("""
            { "values": {
                "no.such_element": 1,
                "finance.tax_revenue": 10,
                "security.cameras": -1,
                "party.new_members": 1.5,
                "roads.new_km": 1.234,
                "births.male": "3",
                "births.female": 1e400 } }
            """);

        Assert.Contains("未知的指标代码", errors["no.such_element"][0], StringComparison.Ordinal);
        Assert.Contains("由镇党政办报送", errors["finance.tax_revenue"][0], StringComparison.Ordinal);
        Assert.Contains("应在0至10000个之间", errors["security.cameras"][0], StringComparison.Ordinal);
        Assert.Contains("应为整数", errors["party.new_members"][0], StringComparison.Ordinal);
        Assert.Contains("最多保留2位小数", errors["roads.new_km"][0], StringComparison.Ordinal);
        Assert.Contains("应为数字，不能是字符串", errors["births.male"][0], StringComparison.Ordinal);
        Assert.Contains("有限的数值", errors["births.female"][0], StringComparison.Ordinal);
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void A_village_element_posted_by_the_town_office_is_refused()
    {
        var errors = Validate("""{ "values": { "security.cameras": 10 } }""", UnitLevel.Town);

        Assert.Contains("由各村报送", errors["security.cameras"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_zeros_do_not_count_as_decimals()
    {
        Assert.Empty(Validate("""{ "values": { "roads.new_km": 1.500, "party.new_members": 2.0 } }"""));
    }

    [Theory]
    [InlineData("""{ "values": { "poverty.households_lifted": 5, "poverty.registered_households": 4 } }""", "poverty.households_lifted")]
    [InlineData("""{ "values": { "insurance.ncms_enrolled": 1001, "insurance.ncms_eligible": 1000 } }""", "insurance.ncms_enrolled")]
    [InlineData("""{ "values": { "security.cameras_working": 9, "security.cameras": 8 } }""", "security.cameras_working")]
    public void Cross_field_rules_are_enforced(string json, string key)
    {
        Assert.True(Validate(json).ContainsKey(key));
    }

    [Fact]
    public void Unknown_fields_and_duplicate_elements_are_named()
    {
        var (_, errors) = Parse("""{ "values": { "births.male": 1, "births.male": 2 }, "extra": true }""");

        Assert.Contains("重复", errors["births.male"][0], StringComparison.Ordinal);
        Assert.Contains("未知字段", errors["extra"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Values_must_be_present_and_an_object()
    {
        Assert.True(Parse("""{ "comment": "x" }""").Errors.ContainsKey("values"));
        Assert.True(Parse("""{ "values": [1, 2] }""").Errors.ContainsKey("values"));
        Assert.True(Parse("[]").Errors.ContainsKey("body"));
    }

    [Fact]
    public void A_value_three_times_last_months_draws_a_warning()
    {
        var previous = new Dictionary<string, decimal> { ["heating.heaters"] = 10, ["births.male"] = 9, ["roads.new_km"] = 0 };
        var current = new Dictionary<string, decimal> { ["heating.heaters"] = 31, ["births.male"] = 2, ["roads.new_km"] = 5 };

        var warnings = SubmissionRules.Outliers(_catalog, current, previous);

        Assert.Equal(["births.male", "heating.heaters"], warnings.Select(w => w.Element).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Exactly_three_times_is_not_an_outlier()
    {
        var warnings = SubmissionRules.Outliers(_catalog, new Dictionary<string, decimal> { ["heating.heaters"] = 30 }, new Dictionary<string, decimal> { ["heating.heaters"] = 10 });

        Assert.Empty(warnings);
    }

    [Fact]
    public void A_small_change_is_not_an_outlier_however_large_its_ratio()
    {
        var previous = new Dictionary<string, decimal> { ["births.male"] = 1, ["heating.heaters"] = 1, ["roads.new_km"] = 0.4m, ["finance.tax_revenue"] = 3, ["investment.domestic"] = 0.9m };
        var current = new Dictionary<string, decimal> { ["births.male"] = 0, ["heating.heaters"] = 4, ["roads.new_km"] = 0.1m, ["finance.tax_revenue"] = 0, ["investment.domestic"] = 0.2m };

        var warnings = SubmissionRules.Outliers(_catalog, current, previous);

        Assert.Equal(["investment.domestic"], warnings.Select(w => w.Element));
    }

    [Fact]
    public void A_large_change_past_the_floor_is_still_an_outlier()
    {
        var previous = new Dictionary<string, decimal> { ["finance.tax_revenue"] = 400, ["births.male"] = 6 };
        var current = new Dictionary<string, decimal> { ["finance.tax_revenue"] = 90, ["births.male"] = 0 };

        var warnings = SubmissionRules.Outliers(_catalog, current, previous);

        Assert.Equal(["births.male", "finance.tax_revenue"], warnings.Select(w => w.Element).Order(StringComparer.Ordinal));
    }
}
