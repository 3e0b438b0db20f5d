using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Submissions;

public class PutSubmissionTests(LocalApp app) : IClassFixture<LocalApp>
{
    private static readonly string V0 = LocalApp.Villages[0], V1 = LocalApp.Villages[1], V2 = LocalApp.Villages[2];
    private const string Admin = LocalApp.AdminToken;

    private static string Values(params (string Code, decimal Value)[] values) =>
        JsonSerializer.Serialize(new { values = values.ToDictionary(v => v.Code, v => v.Value) });

    [Fact]
    public async Task First_put_returns_201_with_revision_1_and_an_etag()
    {
        var response = await app.PutSubmissionAsync(V0, "2026-10", Admin, Values(("security.cameras", 20), ("roads.new_km", 1.25m)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("revision").GetInt32());
        Assert.False(body.GetProperty("late").GetBoolean());
        Assert.Equal("\"1\"", response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Changed_values_make_a_new_revision_and_keep_the_old_one()
    {
        await app.PutSubmissionAsync(V0, "2026-09", Admin, Values(("heating.heaters", 4)));

        var response = await app.PutSubmissionAsync(V0, "2026-09", Admin, Values(("heating.heaters", 5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.JsonAsync()).GetProperty("revision").GetInt32());
        var revisions = await app.RevisionsAsync(V0, "2026-09");
        Assert.Equal([4m, 5m], revisions.EnumerateArray().Select(r => r.GetProperty("values").GetProperty("heating.heaters").GetDecimal()));
    }

    [Fact]
    public async Task A_retried_identical_put_makes_no_new_revision()
    {
        var body = Values(("births.male", 2), ("births.female", 3));
        await app.PutSubmissionAsync(V0, "2026-08", Admin, body);

        var retried = await app.PutSubmissionAsync(V0, "2026-08", Admin, body);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, (await retried.JsonAsync()).GetProperty("revision").GetInt32());
        Assert.Equal(1, (await app.RevisionsAsync(V0, "2026-08")).GetArrayLength());
    }

    [Fact]
    public async Task A_submission_after_the_due_day_is_accepted_and_marked_late()
    {
        var response = await app.PutSubmissionAsync(V0, "2026-07", Admin, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task Dry_run_answers_as_if_saving_and_writes_nothing()
    {
        var response = await app.PutSubmissionAsync(V1, "2026-10?dryRun=true", Admin, Values(("security.cameras", 12)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("revision").ValueKind);
        Assert.Null(response.Headers.ETag);
        Assert.Equal(0, (await app.RevisionsAsync(V1, "2026-10")).GetArrayLength());
    }

    [Fact]
    public async Task Invalid_values_return_400_listing_every_problem_and_write_nothing()
    {
        var response = await app.PutSubmissionAsync(V1, "2026-09", Admin,
            """{ "values": { "security.cameras": -3, "party.new_members": 0.5, "finance.tax_revenue": 1, "unknown.code": 1, "births.male": "2" } }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("urn:village-reports:problem:validation", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(5, errors.EnumerateObject().Count());
        Assert.Equal(0, (await app.RevisionsAsync(V1, "2026-09")).GetArrayLength());
    }

    [Theory]
    [InlineData("{ \"values\": { ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_returns_400(string body)
    {
        var response = await app.PutSubmissionAsync(V1, "2026-08", Admin, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("vr1.130123100201.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Missing_or_unknown_token_returns_401(string? token)
    {
        var response = await app.PutSubmissionAsync(V1, "2026-07", token, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await app.RevisionsAsync(V1, "2026-07")).GetArrayLength());
    }

    [Fact]
    public async Task Another_units_token_returns_403()
    {
        var token = await app.IssueTokenAsync(V2);

        var response = await app.PutSubmissionAsync(V1, "2026-06", token, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, (await app.RevisionsAsync(V1, "2026-06")).GetArrayLength());
    }

    [Fact]
    public async Task Unknown_unit_returns_404()
    {
        var response = await app.PutSubmissionAsync("130123100299", "2026-10", Admin, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_future_period_returns_409()
    {
        var response = await app.PutSubmissionAsync(V1, "2026-12", Admin, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("urn:village-reports:problem:period-in-future", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_locked_period_refuses_the_village_and_lets_the_admin_amend_with_a_reason()
    {
        var token = await app.IssueTokenAsync(V2);
        await app.PutSubmissionAsync(V2, "2026-05", token, Values(("heating.heaters", 3)));
        var periods = app.Services.GetRequiredService<PeriodStore>();
        await periods.LockAsync(UnitCode.Parse(LocalApp.Town), new Period(2026, 5), default);

        var byVillage = await app.PutSubmissionAsync(V2, "2026-05", token, Values(("heating.heaters", 4)));
        var withoutReason = await app.PutSubmissionAsync(V2, "2026-05", Admin, Values(("heating.heaters", 4)));
        var amended = await app.PutSubmissionAsync(V2, "2026-05", Admin, """{ "values": { "heating.heaters": 4 }, "reason": "村文书录入错误" }""");

        Assert.Equal(HttpStatusCode.Conflict, byVillage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.True((await withoutReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var state = await periods.GetAsync(UnitCode.Parse(LocalApp.Town), new Period(2026, 5), default);
        Assert.True(state.Locked);
        Assert.True(state.Stale);
        var revisions = await app.RevisionsAsync(V2, "2026-05");
        Assert.Equal("村文书录入错误", revisions[1].GetProperty("reason").GetString());
        Assert.Equal("admin", revisions[1].GetProperty("submittedBy").GetString());
    }

    [Fact]
    public async Task Put_with_stale_etag_returns_412()
    {
        await app.PutSubmissionAsync(V2, "2026-04", Admin, Values(("heating.heaters", 1)));
        await app.PutSubmissionAsync(V2, "2026-04", Admin, Values(("heating.heaters", 2)));

        var stale = await app.PutSubmissionAsync(V2, "2026-04", Admin, Values(("heating.heaters", 3)), r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        var fresh = await app.PutSubmissionAsync(V2, "2026-04", Admin, Values(("heating.heaters", 3)), r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(3, (await app.RevisionsAsync(V2, "2026-04")).GetArrayLength());
    }

    [Fact]
    public async Task A_body_over_64_KiB_returns_413()
    {
        var huge = "{ \"values\": {}, \"comment\": \"" + new string('x', 70 * 1024) + "\" }";

        var response = await app.PutSubmissionAsync(V2, "2026-03", Admin, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await app.RevisionsAsync(V2, "2026-03")).GetArrayLength());
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_returns_413_without_being_read_whole()
    {
        var huge = System.Text.Encoding.UTF8.GetBytes("{ \"values\": {}, \"comment\": \"" + new string('x', 200 * 1024) + "\" }");
        using var content = new StreamContent(new UnseekableStream(huge));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/units/{V2}/submissions/2026-03") { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Admin);

        var response = await app.Http.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A stream of unknown length, so the client sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_body_that_starts_with_a_byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Values(("births.male", 2)))).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/units/{V1}/submissions/2025-10") { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Admin);

        var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_returns_415()
    {
        var response = await app.SendAsync(HttpMethod.Put, $"/api/units/{V2}/submissions/2026-03", Admin, "values=1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("13012310020", "2026-10")]
    [InlineData("130123100201%2F..", "2026-10")]
    [InlineData("%27%20or%201%20eq%201", "2026-10")]
    [InlineData("130123100201", "2026-13")]
    [InlineData("130123100201", "2026-10%23x")]
    [InlineData("130123100201", "2026-1%0A")]
    [InlineData("130123000000", "2026-10")]
    public async Task Hostile_route_values_return_400_and_write_nothing(string unit, string period)
    {
        var response = await app.SendAsync(HttpMethod.Put, $"/api/units/{unit}/submissions/{period}", Admin, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:village-reports:problem:invalid-route", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_null_byte_in_the_path_is_refused_before_it_reaches_the_app()
    {
        var response = await app.SendAsync(HttpMethod.Put, "/api/units/130123100201%00/submissions/2026-10", Admin, Values(("births.male", 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await app.RevisionsAsync(V0, "2026-10")).EnumerateArray().Count(r => r.GetProperty("values").TryGetProperty("births.male", out _)));
    }

    [Fact]
    public async Task Of_racing_writers_with_the_same_if_match_exactly_one_wins()
    {
        await app.PutSubmissionAsync(V0, "2026-02", Admin, Values(("heating.heaters", 1)));

        var responses = await Task.WhenAll(Enumerable.Range(2, 8).Select(n =>
            app.PutSubmissionAsync(V0, "2026-02", Admin, Values(("heating.heaters", n)), r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        Assert.Equal(2, (await app.RevisionsAsync(V0, "2026-02")).GetArrayLength());
    }

    [Fact]
    public async Task Racing_writers_without_if_match_each_get_their_own_revision()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(n =>
            app.PutSubmissionAsync(V1, "2026-01", Admin, Values(("heating.heaters", n)))));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var revisions = await app.RevisionsAsync(V1, "2026-01");
        Assert.Equal([1, 2, 3, 4, 5, 6], revisions.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal([1m, 2m, 3m, 4m, 5m, 6m], revisions.EnumerateArray().Select(r => r.GetProperty("values").GetProperty("heating.heaters").GetDecimal()).Order());
    }

    [Fact]
    public async Task A_value_far_from_last_month_is_accepted_with_a_warning()
    {
        await app.PutSubmissionAsync(V2, "2025-11", Admin, Values(("heating.heaters", 10)));

        var response = await app.PutSubmissionAsync(V2, "2025-12", Admin, Values(("heating.heaters", 40)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single((await response.JsonAsync()).GetProperty("warnings").EnumerateArray());
        Assert.Equal("heating.heaters", warning.GetProperty("element").GetString());
    }

    [Fact]
    public async Task The_town_office_posts_town_figures_under_the_towns_code()
    {
        var token = await app.IssueTokenAsync(LocalApp.Town);

        var response = await app.PutSubmissionAsync(LocalApp.Town, "2026-10", token, Values(("finance.tax_revenue", 412.35m), ("investment.domestic", 0.4512m)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
