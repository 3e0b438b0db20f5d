using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Delivery;

public sealed record WebhookCall(byte[] Body, string? Signature, IReadOnlyList<string> InternalHeaders, int Answer)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Period => Json.GetProperty("period").GetString()!;
}

/// <summary>
/// The local app with a county webhook on loopback: for period 2026-10 it refuses twice (503) and then accepts;
/// for 2026-09 it always fails (500); otherwise it accepts.
/// </summary>
public sealed class WebhookApp : LocalApp
{
    public const string Secret = "county-shared-secret";
    private WebApplication? _webhook;
    private string _url = "";

    public ConcurrentQueue<WebhookCall> Calls { get; } = new();

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _webhook = builder.Build();
        var seen = new ConcurrentDictionary<string, int>();
        _webhook.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var period = JsonDocument.Parse(body).RootElement.GetProperty("period").GetString()!;
            var count = seen.AddOrUpdate(period, 1, (_, n) => n + 1);
            var answer = period switch
            {
                "2026-10" when count <= 2 => 503,
                "2026-09" => 500,
                _ => 200,
            };
            Calls.Enqueue(new WebhookCall(body, context.Request.Headers["X-Signature"], context.Request.Headers.Keys.Where(h => h.StartsWith("X-", StringComparison.OrdinalIgnoreCase) && h != "X-Signature").ToList(), answer));
            context.Response.StatusCode = answer;
        });
        await _webhook.StartAsync();
        _url = _webhook.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["VillageReports:Delivery:WebhookUrl"] = _url;
        settings["VillageReports:Delivery:WebhookSecret"] = Secret;
        settings["VillageReports:Delivery:PublicBaseUrl"] = "https://reports.example.cn";
        settings["VillageReports:Delivery:MaxAttempts"] = "4";
        settings["VillageReports:Delivery:FirstRetryDelay"] = "00:00:00.010";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
    }
}
