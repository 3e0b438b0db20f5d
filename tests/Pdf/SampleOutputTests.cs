using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

public class SampleOutputTests
{
    /// <summary>Writes the every-element sample beside the test binaries, for a person to look at (pdftoppm -png).</summary>
    [Fact]
    public void The_sample_document_is_written_for_review()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "sample-every-element.pdf");

        File.WriteAllBytes(path, PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata));

        Assert.True(new FileInfo(path).Length > 10_000);
    }
}
