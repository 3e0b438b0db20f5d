namespace VillageReports.Pdf;

/// <summary>A font family, size, weight and colour; <see cref="LineHeight"/> is the distance between baselines.</summary>
public sealed record TextStyle(string Family, double Size, bool Bold = false, Rgb Color = default, double LineHeight = 0)
{
    public double Leading => LineHeight > 0 ? LineHeight : Size * 1.5;

    public TextStyle WithSize(double size) => this with { Size = size, LineHeight = LineHeight > 0 ? LineHeight * size / Size : 0 };
}
