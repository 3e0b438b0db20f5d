using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

public class QrCodeTests
{
    /// <summary>A 7×7 pattern with runs of every length, a lone module, and dark modules at every edge.</summary>
    private static readonly bool[,] Pattern = Parse(
        "#######",
        "#.....#",
        "#.###.#",
        "..#.#..",
        "#.###.#",
        "##...##",
        "###.#.#");

    private static bool[,] Parse(params string[] rows)
    {
        var modules = new bool[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                modules[r, c] = rows[r][c] == '#';
            }
        }

        return modules;
    }

    private static List<DrawnRectangle> Draw(bool[,] modules, double size, PageSetup? page = null)
    {
        var (sink, _) = RecordingSink.Render(new QrCode(modules, size, TextAlign.Left), page);
        return sink.Drawn.OfType<DrawnRectangle>().ToList();
    }

    [Fact]
    public void The_squares_drawn_cover_exactly_the_dark_modules_inside_a_four_module_quiet_zone()
    {
        var page = PageSetup.GbT9704;
        var module = 150.0 / (7 + 8);

        var rectangles = Draw(Pattern, 150, page);

        // Paint the rectangles back onto a grid of modules, quiet zone included, and compare.
        var painted = new int[15, 15];
        foreach (var r in rectangles)
        {
            var row = (r.Y - page.Top) / module;
            var column = (r.X - page.Left) / module;
            Assert.Equal(Math.Round(row), row, 6);
            Assert.Equal(Math.Round(column), column, 6);
            Assert.Equal(module, r.Height, 6);
            for (var c = 0; c < (int)Math.Round(r.Width / module); c++)
            {
                painted[(int)Math.Round(row), (int)Math.Round(column) + c]++;
            }
        }

        for (var row = 0; row < 15; row++)
        {
            for (var column = 0; column < 15; column++)
            {
                var inSymbol = row is >= 4 and < 11 && column is >= 4 and < 11;
                var dark = inSymbol && Pattern[row - 4, column - 4];
                Assert.True(painted[row, column] == (dark ? 1 : 0), $"module ({row}, {column}) painted {painted[row, column]} times, dark: {dark}");
            }
        }
    }

    [Fact]
    public void Dark_modules_side_by_side_in_a_row_are_one_rectangle()
    {
        var rectangles = Draw(Pattern, 150);

        // Runs per row: 1, 2, 3, 2, 3, 2, 3.
        Assert.Equal(16, rectangles.Count);
        Assert.Equal(16, QrCode.DarkRuns(Pattern).Count());
        Assert.Equal([(0, 0, 7)], QrCode.DarkRuns(Pattern).Where(r => r.Row == 0));
    }

    [Fact]
    public void A_code_is_centred_in_its_width_by_default()
    {
        var page = PageSetup.GbT9704;
        var (sink, _) = RecordingSink.Render(new QrCode(Pattern, 150));

        var left = sink.Drawn.OfType<DrawnRectangle>().Min(r => r.X);

        Assert.Equal(page.Left + ((page.Content.Width - 150) / 2) + (4 * 10), left, 6);
    }

    [Fact]
    public void A_code_larger_than_the_space_wraps_with_its_reason()
    {
        var code = new QrCode(Pattern, 200) { Name = "登录码" };

        var narrow = code.Measure(new Size(150, 500), new LayoutState());
        var low = code.Measure(new Size(500, 150), new LayoutState());

        Assert.Equal(SpaceKind.Wrap, narrow.Kind);
        Assert.Contains("登录码", narrow.Reason, StringComparison.Ordinal);
        Assert.Equal(SpaceKind.Wrap, low.Kind);
        Assert.Equal(SpacePlan.Full(500, 200), code.Measure(new Size(500, 200), new LayoutState()));
    }

    [Fact]
    public void A_matrix_that_is_not_square_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new QrCode(new bool[3, 4], 100));
    }
}
