using VillageReports.Units;

namespace VillageReports.Tests.Units;

/// <summary>SPEC "Roles" as a table: each role against each need, on its own unit or town and on another's.</summary>
public class AccessTests
{
    private static readonly UnitCode County = UnitCode.Parse("130123000000");
    private static readonly UnitCode Town = UnitCode.Parse("130123100000");
    private static readonly UnitCode Village = UnitCode.Parse("130123100201");
    private static readonly UnitCode Neighbour = UnitCode.Parse("130123100202");
    private static readonly UnitCode OtherTown = UnitCode.Parse("130123200000");
    private static readonly UnitCode OtherVillage = UnitCode.Parse("130123200201");
    private static readonly UnitCode OtherCounty = UnitCode.Parse("130124000000");
    private static readonly UnitCode OtherCountysTown = UnitCode.Parse("130124100000");

    private static readonly Caller TownOffice = Caller.ForUnit(Town);
    private static readonly Caller VillageClerk = Caller.ForUnit(Village);
    private static readonly Caller CountyReader = Caller.ForUnit(County);

    // caller, need, target, allowed
    public static TheoryData<string, Need, string, bool> Table => new()
    {
        // The deployment admin: everything.
        { "admin", Need.DeploymentAdmin, "other town", true },
        { "admin", Need.TownOffice, "other town", true },
        { "admin", Need.UnitFigures, "other village", true },
        { "admin", Need.UnitTokens, "county", true },

        // The town office: everything for its own town and villages, nothing of another town, no registering.
        { "town office", Need.Anyone, "other town", true },
        { "town office", Need.UnitFigures, "town", true },
        { "town office", Need.UnitFigures, "village", true },
        { "town office", Need.UnitFigures, "other village", false },
        { "town office", Need.TownOffice, "town", true },
        { "town office", Need.TownOffice, "other town", false },
        { "town office", Need.TownReader, "town", true },
        { "town office", Need.TownReader, "other town", false },
        { "town office", Need.UnitTokens, "village", true },
        { "town office", Need.UnitTokens, "other village", false },
        { "town office", Need.UnitTokens, "town", false },
        { "town office", Need.UnitTokens, "county", false },
        { "town office", Need.DeploymentAdmin, "town", false },

        // A village: its own figures and the catalog.
        { "village", Need.Anyone, "town", true },
        { "village", Need.UnitFigures, "village", true },
        { "village", Need.UnitFigures, "neighbour", false },
        { "village", Need.UnitFigures, "town", false },
        { "village", Need.TownOffice, "town", false },
        { "village", Need.TownReader, "town", false },
        { "village", Need.UnitTokens, "village", false },
        { "village", Need.DeploymentAdmin, "town", false },

        // The county: reads its own towns, writes nothing.
        { "county", Need.Anyone, "town", true },
        { "county", Need.TownReader, "town", true },
        { "county", Need.TownReader, "other town", true },
        { "county", Need.TownReader, "other county's town", false },
        { "county", Need.TownOffice, "town", false },
        { "county", Need.UnitFigures, "village", false },
        { "county", Need.UnitTokens, "county", false },
        { "county", Need.DeploymentAdmin, "town", false },

        // Nobody known: nothing.
        { "anonymous", Need.Anyone, "town", false },
        { "anonymous", Need.UnitFigures, "village", false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_role_may_do_what_the_table_says(string caller, Need need, string target, bool allowed)
    {
        var problem = Access.Check(CallerNamed(caller), need, UnitNamed(target));

        if (allowed)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Equal(caller == "anonymous" ? ProblemKind.Unauthenticated : ProblemKind.Forbidden, problem?.Kind);
        }
    }

    [Fact]
    public void A_tokens_code_decides_its_role()
    {
        Assert.Equal(CallerRole.TownOffice, TownOffice.Role);
        Assert.Equal(CallerRole.Village, VillageClerk.Role);
        Assert.Equal(CallerRole.County, CountyReader.Role);
    }

    private static Caller CallerNamed(string name) => name switch
    {
        "admin" => Caller.Admin,
        "town office" => TownOffice,
        "village" => VillageClerk,
        "county" => CountyReader,
        _ => Caller.Anonymous,
    };

    private static UnitCode UnitNamed(string name) => name switch
    {
        "county" => County,
        "town" => Town,
        "village" => Village,
        "neighbour" => Neighbour,
        "other town" => OtherTown,
        "other village" => OtherVillage,
        "other county's town" => OtherCountysTown,
        _ => OtherCounty,
    };
}
