using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using VillageReports.Pdf;
using VillageReports.Tests.Pdf;

namespace VillageReports.Benchmarks;

/// <summary>A 3-page report with a 40-row table and two charts, rendered to PDF bytes in a warm process.</summary>
[MemoryDiagnoser]
public class PdfWarm
{
    [GlobalSetup]
    public void Setup() => PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata);

    [Benchmark]
    public byte[] ThreePageReport() => PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata);
}

/// <summary>The same, as the first render of a fresh process: font files read and parsed, caches empty.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class PdfCold
{
    [Benchmark]
    public byte[] ThreePageReport() => PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata);
}
