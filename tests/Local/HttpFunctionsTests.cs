using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Local;

public class HttpFunctionsTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Theory]
    [InlineData("DELETE", "/api/catalog")]
    [InlineData("POST", "/api/catalog")]
    [InlineData("HEAD", "/api/catalog")]
    [InlineData("PATCH", "/api/towns/" + LocalApp.Town)]
    [InlineData("GET", "/api/units/" + LocalApp.County + "/tokens")]
    public async Task A_method_a_known_route_does_not_declare_gets_an_empty_404_as_from_the_host(string method, string path)
    {
        using var response = await app.SendAsync(new HttpMethod(method), path, LocalApp.AdminToken);

        // The app's catch-alls are constrained away from every known resource, so nothing of ours answers it.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Each_declared_method_on_a_shared_route_reaches_its_own_function()
    {
        using var revoke = await app.SendAsync(HttpMethod.Delete, $"/api/units/{LocalApp.Villages[0]}/tokens", LocalApp.AdminToken);
        using var issue = await app.SendAsync(HttpMethod.Post, $"/api/units/{LocalApp.Villages[0]}/tokens", LocalApp.AdminToken);

        Assert.True(revoke.IsSuccessStatusCode, revoke.StatusCode.ToString());
        Assert.Contains("token", await issue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
