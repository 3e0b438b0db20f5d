using System.Diagnostics;
using System.Text.Json;
using VillageReports.Tests.Local;

namespace VillageReports.Tests.Infra;

/// <summary>The function app's project as MSBuild evaluates it for <c>dotnet publish</c> (azd, the README) and for a build.</summary>
public class PublishSettingsTests
{
    [Fact]
    public void A_publish_is_ReadyToRun_for_linux_x64_and_framework_dependent()
    {
        var properties = Evaluate(publishing: true);

        Assert.Equal("true", properties["PublishReadyToRun"]);
        Assert.Equal("linux-x64", properties["RuntimeIdentifier"]);
        Assert.Equal("false", properties["SelfContained"]);
    }

    [Fact]
    public void A_build_stays_runtime_neutral_so_its_output_and_functions_metadata_stay_where_they_were()
    {
        var properties = Evaluate(publishing: false);

        Assert.Equal("", properties["RuntimeIdentifier"]);
        Assert.NotEqual("true", properties["PublishReadyToRun"]);
        Assert.EndsWith("Release/net10.0/", properties["OutputPath"].Replace('\\', '/'), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Evaluate(bool publishing)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        var project = Path.Combine(FunctionMetadataTests.RepositoryRoot(), "functions", "VillageReports.Functions.csproj");
        string[] arguments = ["msbuild", project, "-nologo", "-p:Configuration=Release", .. publishing ? ["-p:_IsPublishing=true"] : Array.Empty<string>(),
            "-getProperty:PublishReadyToRun", "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained", "-getProperty:OutputPath"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output + errors);
        return JsonDocument.Parse(output).RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
