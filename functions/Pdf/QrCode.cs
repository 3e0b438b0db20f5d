namespace VillageReports.Pdf;

/// <summary>
/// A square matrix of dark and light modules (a QR code's, without its quiet zone) drawn as vector squares
/// <paramref name="size"/> points wide including a light quiet zone of <see cref="QuietZone"/> modules on every side,
/// which scanners need to find the symbol. Dark modules next to each other in a row are one rectangle, so a symbol of a
/// ~100-character link is ~500 rectangles, ~2.5 KB compressed. Placed left, centred or right in the width offered; never split.
/// </summary>
public sealed class QrCode : Element
{
    public const int QuietZone = 4;

    private readonly bool[,] _modules;
    private readonly double _size;
    private readonly TextAlign _align;

    public QrCode(bool[,] modules, double size, TextAlign align = TextAlign.Center)
    {
        if (modules.GetLength(0) != modules.GetLength(1) || modules.GetLength(0) == 0)
        {
            throw new ArgumentException($"A QR code's modules are a non-empty square, not {modules.GetLength(0)}×{modules.GetLength(1)}.", nameof(modules));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _modules = modules;
        _size = size;
        _align = align;
    }

    /// <summary>Modules on a side, quiet zone included.</summary>
    public int ModulesPerSide => _modules.GetLength(0) + (2 * QuietZone);

    /// <summary>The side of one module in points.</summary>
    public double ModuleSize => _size / ModulesPerSide;

    public override SpacePlan Measure(Size available, LayoutState state)
    {
        if (_size > available.Width + LayoutState.Epsilon)
        {
            return SpacePlan.Wrap($"{Describe("QR code")} is {_size:0.#} pt wide, the space {available.Width:0.#} pt");
        }

        return _size <= available.Height + LayoutState.Epsilon
            ? SpacePlan.Full(available.Width, _size)
            : SpacePlan.Wrap($"{Describe("QR code")} needs {_size:0.#} pt, {available.Height:0.#} pt left");
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var left = _align switch
        {
            TextAlign.Center => (available.Width - _size) / 2,
            TextAlign.Right => available.Width - _size,
            _ => 0,
        };
        var module = ModuleSize;
        foreach (var (row, column, length) in DarkRuns(_modules))
        {
            canvas.FillRectangle(left + ((QuietZone + column) * module), (QuietZone + row) * module, length * module, module, Rgb.Black);
        }
    }

    /// <summary>Each row's runs of dark modules: where a run starts and how many modules it covers.</summary>
    public static IEnumerable<(int Row, int Column, int Length)> DarkRuns(bool[,] modules)
    {
        var side = modules.GetLength(1);
        for (var row = 0; row < modules.GetLength(0); row++)
        {
            for (var column = 0; column < side; column++)
            {
                if (!modules[row, column])
                {
                    continue;
                }

                var start = column;
                while (column + 1 < side && modules[row, column + 1])
                {
                    column++;
                }

                yield return (row, start, column - start + 1);
            }
        }
    }
}
