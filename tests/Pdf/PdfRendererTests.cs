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

    [Fact]
    public void Qpdf_and_mupdf_find_nothing_wrong_with_the_file()
    {
        AssertValid(Sample.Value);
    }

    [Fact]
    public void A_justified_paragraph_extracts_with_no_spaces_between_its_characters()
    {
        var paragraph = string.Concat(Enumerable.Repeat("全镇共完成税收4,812.35万元，占总任务的103.1%，到位内资6.6544亿元、外资518.60万美元。", 6));

        var text = PopplerText(PdfRenderer.Render(Typography.Paragraph(paragraph), SampleDocument.Metadata));

        Assert.Contains(paragraph, JoinLines(text), StringComparison.Ordinal);
    }

    /// <summary>
    /// qpdf checks the syntax and decodes every stream (a zlib stream without its Adler-32 trailer is a warning);
    /// mupdf draws every page and reports what it had to repair. Both must say nothing.
    /// </summary>
    internal static void AssertValid(byte[] pdf)
    {
        var (qpdfCode, qpdfOut, qpdfErr) = Run("qpdf", pdf, path => ["--check", path]);
        Assert.True(qpdfCode == 0, $"qpdf --check exited {qpdfCode}: {qpdfOut}{qpdfErr}");
        Assert.DoesNotContain("WARNING", qpdfOut + qpdfErr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No syntax or stream encoding errors found", qpdfOut, StringComparison.Ordinal);

        // -N: this mupdf build has no colour management, which it would otherwise mention; nothing to do with the file.
        var (drawCode, _, drawErr) = Run("mutool", pdf, path => ["draw", "-N", "-q", "-o", "/dev/null", path]);
        Assert.True(drawCode == 0 && drawErr.Trim().Length == 0, $"mutool draw exited {drawCode}: {drawErr}");
        var (showCode, _, showErr) = Run("mutool", pdf, path => ["show", path, "trailer"]);
        Assert.True(showCode == 0 && showErr.Trim().Length == 0, $"mutool show exited {showCode}: {showErr}");
    }

    /// <summary>pdftotext's text with its lines joined (no space added) and page numbers and page breaks left out.</summary>
    internal static string JoinLines(string text) =>
        string.Concat(text.Split('\n').Select(l => l.Trim('\f')).Where(l => !l.StartsWith('—')));

    /// <summary>pdftotext breaks lines where the layout does; joining them gives back the paragraph.</summary>
    private static string Flatten(string text) => text.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    internal static string PopplerText(byte[] pdf) => Poppler("pdftotext", pdf, "-");

    internal static string Poppler(string tool, byte[] pdf, params string[] extra)
    {
        var (code, output, error) = Run(tool, pdf, path => [path, .. extra]);
        Assert.True(code == 0, $"{tool} failed: {error}");
        return output;
    }

    /// <summary>Runs a PDF tool on the bytes, written to a temporary file whose path <paramref name="arguments"/> places.</summary>
    internal static (int Code, string Output, string Error) Run(string tool, byte[] pdf, Func<string, IEnumerable<string>> arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vr-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in arguments(path))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (./test.sh installs poppler-utils, qpdf and mupdf-tools)");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
