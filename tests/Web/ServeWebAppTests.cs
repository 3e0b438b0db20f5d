using System.Net;
using System.Net.Http.Headers;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Web;

/// <summary>The app the Function App ships, served at the root of the same origin as the API.</summary>
public class ServeWebAppTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_policy_that_allows_only_our_origin()
    {
        using var response = await app.Http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_page_travels_compressed_when_the_browser_accepts_it_and_revalidates_with_its_etag()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await app.Http.SendAsync(request);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(compressed.Headers.ETag!);
        using var revalidated = await app.Http.SendAsync(again);

        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Api_addresses_are_not_the_page()
    {
        using var unknownApi = await app.Http.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        using var missingFile = await app.Http.GetAsync(new Uri("/no-such-file.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
    }
}
