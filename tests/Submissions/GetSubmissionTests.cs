using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Submissions;

public class GetSubmissionTests(LocalApp app) : IClassFixture<LocalApp>
{
    private static readonly string Village = LocalApp.Villages[0];

    [Fact]
    public async Task Get_returns_the_current_values_revision_and_etag()
    {
        var token = await app.IssueTokenAsync(Village);
        await app.PutSubmissionAsync(Village, "2026-10", token, """{ "values": { "roads.new_km": 0.10, "security.cameras": 18 }, "comment": "按时报送" }""");

        var response = await app.SendAsync(HttpMethod.Get, $"/api/units/{Village}/submissions/2026-10", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.ToString());
        var body = await response.JsonAsync();
        Assert.Equal(0.10m, body.GetProperty("values").GetProperty("roads.new_km").GetDecimal());
        Assert.Equal(18m, body.GetProperty("values").GetProperty("security.cameras").GetDecimal());
        Assert.Equal("按时报送", body.GetProperty("comment").GetString());
        Assert.Equal(1, body.GetProperty("revision").GetInt32());
        Assert.False(body.GetProperty("late").GetBoolean());
        Assert.Equal(app.Clock.Now, body.GetProperty("submittedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_element_left_out_is_not_reported_rather_than_zero()
    {
        await app.PutSubmissionAsync(Village, "2026-09", LocalApp.AdminToken, """{ "values": { "births.male": 0 } }""");

        var body = await (await app.SendAsync(HttpMethod.Get, $"/api/units/{Village}/submissions/2026-09", LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(0m, body.GetProperty("values").GetProperty("births.male").GetDecimal());
        Assert.False(body.GetProperty("values").TryGetProperty("births.female", out _));
    }

    [Fact]
    public async Task A_period_never_submitted_returns_404()
    {
        var response = await app.SendAsync(HttpMethod.Get, $"/api/units/{Village}/submissions/2024-01", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_village_cannot_read_it()
    {
        var other = await app.IssueTokenAsync(LocalApp.Villages[1]);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/units/{Village}/submissions/2026-10", other);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Revisions_are_listed_oldest_first_with_who_and_when()
    {
        await app.PutSubmissionAsync(Village, "2026-06", LocalApp.AdminToken, """{ "values": { "heating.heaters": 1 } }""");
        await app.PutSubmissionAsync(Village, "2026-06", LocalApp.AdminToken, """{ "values": { "heating.heaters": 2 } }""");

        var revisions = await app.RevisionsAsync(Village, "2026-06");

        Assert.Equal([1, 2], revisions.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        Assert.All(revisions.EnumerateArray(), r => Assert.Equal("admin", r.GetProperty("submittedBy").GetString()));
    }
}
