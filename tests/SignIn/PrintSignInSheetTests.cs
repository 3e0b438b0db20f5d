using System.Net;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.SignIn;

public partial class PrintSignInSheetTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task Printing_gives_every_village_a_fresh_link_that_works_and_the_old_ones_stop()
    {
        var office = await app.IssueTokenAsync(LocalApp.Town);
        var old = await app.IssueTokenAsync(LocalApp.Villages[0]);

        var response = await app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/signin-sheet", office);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = Regex.Replace(string.Concat(pdf.GetPages().Select(p => p.Text)), @"\s+", "");
        var tokens = Token().Matches(text).Select(m => m.Groups["token"].Value).Distinct().ToList();
        Assert.Equal(LocalApp.Villages.Length, tokens.Count);
        Assert.All(LocalApp.Villages.Select((_, i) => $"第{i + 1}村"), name => Assert.Contains(name, text, StringComparison.Ordinal));
        foreach (var token in tokens)
        {
            var unit = token.Split('.')[1];
            Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, $"/api/units/{unit}/form/2026-10", token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/api/catalog", old)).StatusCode);
    }

    [Fact]
    public async Task A_village_cannot_print_the_sheet()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[1]);

        var response = await app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/signin-sheet", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [GeneratedRegex(@"/#token=(?<token>vr1\.\d{12}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex Token();
}
