using System.Diagnostics;
using UglyToad.PdfPig;
using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

/// <summary>Real PDF bytes, read back with PdfPig and poppler.</summary>
public class PdfRendererTests
{
    private static readonly Lazy<byte[]> Sample = new(() => PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata));

    [Fact]
    public void Renders_A4_pages_with_metadata()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        Assert.True(pdf.NumberOfPages >= 3);
        var page = pdf.GetPage(1);
        Assert.Equal(595.3, page.Width, 0);
        Assert.Equal(841.9, page.Height, 0);
        Assert.Equal("青山镇2026年工作报告", pdf.Information.Title);
        Assert.Equal("青山镇", pdf.Information.Author);
        Assert.Equal("示例文档", pdf.Information.Subject);
        Assert.StartsWith("D:20261126180000", pdf.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chinese_text_extracts_exactly()
    {
        var text = PopplerText(Sample.Value);

        Assert.Contains("青山镇2026年工作报告", text, StringComparison.Ordinal);
        Assert.Contains("全年共完成税收4,812.35万元，占总任务的103.1%。", Flatten(text), StringComparison.Ordinal);
        Assert.Contains("“抓学习、促廉洁、保稳定”", Flatten(text), StringComparison.Ordinal);
        Assert.Contains("续表1 各村主要指标", text, StringComparison.Ordinal);
        Assert.Contains("—2—", Flatten(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_font_is_embedded_and_subset()
    {
        var fonts = Poppler("pdffonts", Sample.Value).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, line =>
        {
            Assert.Matches(@"^[A-Z]{6}\+Noto", line);
            Assert.Matches(@"\byes\s+yes\s+yes\b", line); // emb, sub, uni
        });
    }

    [Fact]
    public void The_same_inputs_give_byte_identical_files()
    {
        var again = PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata);

        Assert.Equal(Sample.Value, again);
    }

    [Fact]
    public void One_tree_rendered_twice_gives_the_same_file_as_a_fresh_tree()
    {
        var document = SampleDocument.Build();

        var first = PdfRenderer.Render(document, SampleDocument.Metadata);
        var second = PdfRenderer.Render(document, SampleDocument.Metadata);

        Assert.Equal(Sample.Value, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Another_clock_gives_another_file()
    {
        var later = PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata with { Created = SampleDocument.Metadata.Created.AddDays(1) });

        Assert.NotEqual(Sample.Value, later);
    }

    [Fact]
    public void A_report_is_kilobytes_not_megabytes()
    {
        Assert.True(Sample.Value.Length < 1024 * 1024, $"{Sample.Value.Length / 1024} KiB");
    }

    [Fact]
    public void PdfPig_reads_the_same_words()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        var firstPage = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));

        Assert.Contains("青山镇2026年工作报告", firstPage, StringComparison.Ordinal);
    }

    /// <summary>pdftotext breaks lines where the layout does; joining them gives back the paragraph.</summary>
    private static string Flatten(string text) => text.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    internal static string PopplerText(byte[] pdf) => Poppler("pdftotext", pdf, "-");

    internal static string Poppler(string tool, byte[] pdf, params string[] extra)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vr-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(path);
            foreach (var arg in extra)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils)");
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {process.StandardError.ReadToEnd()}");
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
