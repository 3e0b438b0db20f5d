using VillageReports.Storage;

namespace VillageReports.Tests.Storage;

public class FigureCodecTests
{
    [Fact]
    public void Figures_round_trip_exactly()
    {
        var figures = new Dictionary<string, decimal> { ["a"] = 0.1m, ["b"] = 12345678.9012m, ["c"] = 0m, ["d"] = 1.50m };

        var decoded = FigureCodec.Decode(FigureCodec.Encode(figures));

        Assert.Equal(figures.OrderBy(kv => kv.Key), decoded);
        Assert.Equal("1.50", decoded["d"].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
