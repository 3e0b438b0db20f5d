using System.Net;
using System.Net.Sockets;
using System.Text;
using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Api;

public class ApiEdgesTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("POST", "/api/reports/2026")]
    public async Task An_unknown_route_answers_404_problem_json(string method, string path)
    {
        var response = await app.SendAsync(new HttpMethod(method), path, LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:village-reports:problem:unknown-route", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_queued_report_answers_202_with_the_location_where_it_will_be()
    {
        (await app.PutSubmissionAsync(LocalApp.Villages[0], "2026-09", LocalApp.AdminToken, """{ "values": { "heating.heaters": 1 } }""")).EnsureSuccessStatusCode();

        var queued = await app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/reports/monthly/2026-09", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var location = queued.Headers.Location?.ToString() ?? "";
        Assert.Equal($"/api/towns/{LocalApp.Town}/reports/monthly/2026-09", location);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage report;
        while ((report = await app.SendAsync(HttpMethod.Get, location, LocalApp.AdminToken)).StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("application/pdf", report.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_token_is_refused_before_the_body_arrives()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Http.BaseAddress!.Host, app.Http.BaseAddress.Port);
        var stream = client.GetStream();
        var head = $"PUT /api/units/{LocalApp.Villages[0]}/submissions/2026-10 HTTP/1.1\r\nHost: localhost\r\n"
            + "Authorization: Bearer vr1.130123100201.not-a-real-token-not-a-real-token-abcdefghi\r\n"
            + "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"values\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // The rest of the body never comes; the answer must not wait for it.
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, timeout.Token);

        Assert.StartsWith("HTTP/1.1 401", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_body_gets_408_problem_json()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Http.BaseAddress!.Host, app.Http.BaseAddress.Port);
        var stream = client.GetStream();
        var head = $"PUT /api/units/{LocalApp.Villages[0]}/submissions/2026-10 HTTP/1.1\r\nHost: localhost\r\n"
            + $"Authorization: Bearer {LocalApp.AdminToken}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{{\"values\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int read;
        while (!answer.ToString().Contains("\r\n\r\n{", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = answer.ToString();
        Assert.StartsWith("HTTP/1.1 408", text, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_without_a_token_and_names_no_secret()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/api/health", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"healthy\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LocalApp.AdminToken, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short-admin-token")]
    [InlineData("change-me-to-a-long-random-secret")]
    public async Task A_short_or_sample_admin_token_stops_the_app_at_start_up(string adminToken)
    {
        var settings = TestStorage.Settings(TestStorage.NewPrefix());
        settings["urls"] = "http://127.0.0.1:0";
        settings["VillageReports:AdminToken"] = adminToken;
        await using var host = LocalHost.Build([], settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("at least 32 characters", error.Message, StringComparison.Ordinal);
    }
}
