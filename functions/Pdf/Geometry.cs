namespace VillageReports.Pdf;

/// <summary>A width and height in PDF points (1/72 inch).</summary>
public readonly record struct Size(double Width, double Height)
{
    public static Size Zero { get; } = new(0, 0);
}

/// <summary>An sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Black { get; } = new(0, 0, 0);
    public static Rgb Gray { get; } = new(110, 110, 110);
    public static Rgb LightGray { get; } = new(200, 200, 200);

    /// <summary>A small palette that stays distinct in greyscale print.</summary>
    public static IReadOnlyList<Rgb> Series { get; } =
    [
        new(0xB0, 0x1F, 0x24), new(0x1F, 0x4E, 0x8C), new(0x3A, 0x7D, 0x44), new(0xC7, 0x7C, 0x1E), new(0x6B, 0x4C, 0x9A),
    ];
}

public enum SpaceKind { Empty, Wrap, Partial, Full }

/// <summary>
/// What an element needs from the space offered: nothing (Empty), more than there is (Wrap, with the reason),
/// some of it now and the rest on the next page (Partial), or all of itself (Full).
/// </summary>
public readonly record struct SpacePlan(SpaceKind Kind, Size Size, string? Reason = null)
{
    public static SpacePlan Empty { get; } = new(SpaceKind.Empty, Size.Zero);
    public static SpacePlan Wrap(string reason) => new(SpaceKind.Wrap, Size.Zero, reason);
    public static SpacePlan Partial(double width, double height) => new(SpaceKind.Partial, new Size(width, height));
    public static SpacePlan Full(double width, double height) => new(SpaceKind.Full, new Size(width, height));

    /// <summary>Whether something is drawn now (Partial or Full).</summary>
    public bool Draws => Kind is SpaceKind.Partial or SpaceKind.Full;
}

/// <summary>Content that can never fit the page: an over-wide table, a word wider than a line, a row taller than a page.</summary>
public sealed class LayoutException : Exception
{
    public LayoutException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
