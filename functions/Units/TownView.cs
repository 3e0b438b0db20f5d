namespace VillageReports.Units;

/// <summary>A town as the API shows it, villages with their active flag.</summary>
public sealed record TownView(string Code, string Name, string County, IReadOnlyList<VillageView> Villages, bool RequireApproval)
{
    public static TownView From(Town town) =>
        new(town.Code.Value, town.Name, town.County.Value, town.Villages.Select(v => new VillageView(v.Code.Value, v.Name, v.Active)).ToList(), town.RequireApproval);
}
