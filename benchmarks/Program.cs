using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using VillageReports.Benchmarks;
using VillageReports.Pdf;
using VillageReports.Tests.Pdf;

// dotnet run -c Release --project benchmarks -- pdf | report | assembly [villages] [rounds] | county [towns] [villages] [http|store] | ingest | faults | import | web | chromium | quick | <BenchmarkDotNet filter args>
var command = args.FirstOrDefault() ?? "pdf";
switch (command)
{
    case "quick":
        QuickTiming.Run();
        break;
    case "assembly":
        await AssemblyHarness.RunAsync(
            villages: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            rounds: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40);
        break;
    case "county":
        await CountyHarness.RunAsync(
            towns: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            villagesPerTown: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
            seedOverHttp: args.Length <= 3 || args[3] != "store");
        break;
    case "ingest":
        await IngestHarness.RunAsync();
        break;
    case "faults":
        await FaultHarness.RunAsync();
        break;
    case "import":
        await ImportHarness.RunAsync();
        break;
    case "report":
        BenchmarkSwitcher.FromTypes([typeof(MonthlyReportWarm), typeof(MonthlyReportCold)]).RunAll(DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator));
        break;
    case "coldstart":
        Environment.ExitCode = await ColdStartHarness.RunAsync(args[1..]);
        break;
    case "web":
        await WebHarness.RunAsync();
        break;
    case "chromium":
        ChromiumBaseline.Run();
        break;
    case "pdf":
        var bytes = PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata);
        Directory.CreateDirectory("out");
        File.WriteAllBytes(Path.Combine("out", "sample-every-element.pdf"), bytes);
        Console.WriteLine($"sample report: {bytes.Length / 1024.0:0.0} KiB, written to out/sample-every-element.pdf (pdftoppm -png to look at it)");
        BenchmarkSwitcher.FromTypes([typeof(PdfWarm), typeof(PdfCold)]).RunAll(DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator));
        ChromiumBaseline.Run();
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(PdfWarm).Assembly).Run(args);
        break;
}
