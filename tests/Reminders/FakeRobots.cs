using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using VillageReports.Reminders;

namespace VillageReports.Tests.Reminders;

public sealed record RobotCall(string Robot, string Path, string Query, JsonElement Body, bool SignatureValid)
{
    /// <summary>The message as people read it: WeCom's markdown.content or DingTalk's markdown.text.</summary>
    public string Text => Body.GetProperty("markdown").TryGetProperty("content", out var content) ? content.GetString()! : Body.GetProperty("markdown").GetProperty("text").GetString()!;
}

/// <summary>
/// A WeCom group robot and a DingTalk custom robot on loopback, answering as theirs do ({"errcode":0} is success):
/// the DingTalk one checks the 加签 signature and refuses a wrong one; "/refusing/{n}" refuses its first n calls.
/// </summary>
public sealed class FakeRobots : IAsyncDisposable
{
    public const string DingTalkSecret = "SEC-test-dingtalk-secret";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _seen = new();

    private FakeRobots(WebApplication app) => _app = app;

    public ConcurrentQueue<RobotCall> Calls { get; } = new();

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeRobots> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var robots = new FakeRobots(builder.Build());
        robots._app.MapPost("/wecom/{key}", async (HttpContext c) => await robots.AnswerAsync(c, "wecom", signatureValid: true));
        robots._app.MapPost("/dingtalk", async (HttpContext c) =>
        {
            var timestamp = c.Request.Query["timestamp"].ToString();
            var valid = timestamp.Length > 0 && c.Request.Query["sign"].ToString() == RobotClient.DingTalkSign(timestamp, DingTalkSecret);
            await robots.AnswerAsync(c, "dingtalk", valid);
        });
        robots._app.MapPost("/refusing/{times:int}", async (HttpContext c, int times) =>
            await robots.AnswerAsync(c, "refusing", signatureValid: true, refuseFirst: times));
        await robots._app.StartAsync();
        return robots;
    }

    private async Task AnswerAsync(HttpContext context, string robot, bool signatureValid, int refuseFirst = 0)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        Calls.Enqueue(new RobotCall(robot, context.Request.Path, context.Request.QueryString.Value ?? "", body.RootElement.Clone(), signatureValid));
        var count = _seen.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
        var refused = !signatureValid || count <= refuseFirst;
        await context.Response.WriteAsJsonAsync(refused ? new { errcode = signatureValid ? 93000 : 310000, errmsg = "refused" } : new { errcode = 0, errmsg = "ok" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
