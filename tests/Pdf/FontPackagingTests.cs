using System.Diagnostics;
using VillageReports.Pdf;
using VillageReports.Tests.Local;

namespace VillageReports.Tests.Pdf;

public class FontPackagingTests
{
    [Fact]
    public void The_fonts_and_their_licence_ship_beside_the_app()
    {
        var fonts = Path.Combine(FunctionMetadataTests.RepositoryRoot(), "functions", "bin", "Release", "net10.0", "Fonts");
        var shipped = Directory.Exists(fonts) ? fonts : ReportFonts.Directory;

        Assert.True(File.Exists(Path.Combine(shipped, "NotoSerifSC_400Regular.ttf")));
        Assert.True(File.Exists(Path.Combine(shipped, "NotoSansSC_700Bold.ttf")));
        Assert.Contains("SIL OPEN FONT LICENSE", File.ReadAllText(Path.Combine(shipped, "OFL.txt")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Building_without_the_fonts_fails_with_a_message_that_says_what_to_do()
    {
        var empty = Directory.CreateTempSubdirectory("no-fonts-");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "msbuild", Path.Combine(FunctionMetadataTests.RepositoryRoot(), "functions", "VillageReports.Functions.csproj"), "-t:CheckReportFonts", $"-p:FontPackages={empty.FullName}", "-nologo", "-v:q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Report font missing", output, StringComparison.Ordinal);
        Assert.Contains("npm ci", output, StringComparison.Ordinal);
    }
}
