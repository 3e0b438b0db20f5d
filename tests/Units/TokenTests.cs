using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Units;

public class TokenTests(LocalApp app) : IClassFixture<LocalApp>
{
    private const string Body = """{ "values": { "births.male": 1 } }""";

    [Fact]
    public async Task An_issued_token_writes_its_unit_until_revoked()
    {
        var village = LocalApp.Villages[0];
        var token = await app.IssueTokenAsync(village);

        var before = await app.PutSubmissionAsync(village, "2026-10", token, Body);
        var revoke = await app.SendAsync(HttpMethod.Delete, $"/api/units/{village}/tokens", LocalApp.AdminToken);
        var after = await app.PutSubmissionAsync(village, "2026-09", token, Body);

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(1, (await revoke.JsonAsync()).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Tokens_are_long_random_and_different_each_time()
    {
        var first = await app.IssueTokenAsync(LocalApp.Villages[1]);
        var second = await app.IssueTokenAsync(LocalApp.Villages[1]);

        Assert.NotEqual(first, second);
        Assert.True(first.Split('.')[2].Length >= 43, "at least 256 bits of base64url");
    }

    [Fact]
    public async Task A_unit_token_cannot_issue_tokens()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[2]);

        var response = await app.SendAsync(HttpMethod.Post, $"/api/units/{LocalApp.Villages[2]}/tokens", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Issuing_for_an_unknown_unit_returns_404()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/units/130123100299/tokens", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_issued()
    {
        var response = await app.SendAsync(HttpMethod.Post, $"/api/units/{LocalApp.Villages[0]}/tokens", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
