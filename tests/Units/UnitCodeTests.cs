using VillageReports.Units;

namespace VillageReports.Tests.Units;

public class UnitCodeTests
{
    [Fact]
    public void A_village_belongs_to_the_town_of_its_first_nine_digits()
    {
        var village = UnitCode.Parse("130123100201");

        Assert.True(village.IsVillage);
        Assert.Equal("130123100000", village.Town.Value);
        Assert.Equal("130123000000", village.County.Value);
    }

    [Fact]
    public void A_town_ends_in_000_and_a_county_in_000000()
    {
        Assert.True(UnitCode.Parse("130123100000").IsTown);
        Assert.False(UnitCode.Parse("130123100000").IsVillage);
        Assert.True(UnitCode.Parse("130123000000").IsCounty);
        Assert.False(UnitCode.Parse("130123000000").IsTown);
    }

    [Theory]
    [InlineData("13012310020")]
    [InlineData("1301231002011")]
    [InlineData("13012310020a")]
    [InlineData("130123/00201")]
    [InlineData("130123100201\n")]
    [InlineData("１３０１２３１００２０１")]
    [InlineData("")]
    public void Refuses_anything_but_twelve_ascii_digits(string text)
    {
        Assert.False(UnitCode.TryParse(text, out _));
    }
}
