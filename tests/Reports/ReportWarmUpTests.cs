using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VillageReports.Pdf;
using VillageReports.Reports;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reports;

/// <summary>Reads of the report fonts are watched, so nothing else in the process may render while these run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FontReadsAlone
{
    public const string Name = "Font reads";
}

[Collection(FontReadsAlone.Name)]
public class ReportWarmUpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_local_runner_renders_a_report_in_the_background_once_started() =>
        Assert.Equal(WarmUpOutcome.Rendered, await OutcomeAsync(enabled: true));

    [Fact]
    public async Task A_setting_switches_the_warm_up_off() =>
        Assert.Equal(WarmUpOutcome.Off, await OutcomeAsync(enabled: false));

    private static async Task<WarmUpOutcome> OutcomeAsync(bool enabled)
    {
        var app = new WarmUpApp(enabled);
        await app.InitializeAsync();
        try
        {
            return await app.Services.GetRequiredService<ReportWarmUp>().Completion.WaitAsync(Patience);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failing_warm_up_leaves_the_host_running()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage"] = TestStorage.ConnectionString,
            ["VillageReports:CatalogPath"] = Path.Combine(Path.GetTempPath(), "no-such-catalog.json"),
        });
        builder.Services.AddVillageReports(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        var outcome = await host.Services.GetRequiredService<ReportWarmUp>().Completion.WaitAsync(Patience);

        Assert.Equal(WarmUpOutcome.Failed, outcome);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }

    [Fact]
    public void The_Functions_worker_host_registers_the_warm_up_with_its_hosted_services()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage"] = TestStorage.ConnectionString,
            // What the Functions host passes a worker it launches; nothing listens there, and the host is never started.
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
            ["Functions:Worker:WorkerId"] = "test-worker",
            ["Functions:Worker:RequestId"] = "test-request",
            ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
        });
        builder.Services.AddVillageReports(builder.Configuration);

        using var host = builder.Build();

        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, host.Services.GetRequiredService<ReportWarmUp>()));
    }

    /// <summary>
    /// The app's assemblies are loaded afresh (their own PDFsharp and ReportFonts statics), as in a new instance: the
    /// warm-up reads the font files, and the report after it reads none.
    /// </summary>
    [Fact]
    public async Task After_the_warm_up_a_report_reads_no_font_file()
    {
        var context = new FreshContext(AppContext.BaseDirectory);
        try
        {
            var functions = context.LoadFromAssemblyPath(typeof(ReportWarmUp).Assembly.Location);
            var catalog = functions.GetType("VillageReports.Catalog.ElementCatalog", true)!.GetMethod("LoadEmbedded")!.Invoke(null, null);
            var narrative = Activator.CreateInstance(functions.GetType("VillageReports.Reports.AnnualNarrative", true)!, [null]);
            var renderer = Activator.CreateInstance(functions.GetType("VillageReports.Reports.ReportRenderer", true)!, [narrative]);
            var renderSample = functions.GetType("VillageReports.Reports.ReportWarmUp", true)!.GetMethod(nameof(ReportWarmUp.RenderSample))!;
            using var reads = new FontReads(ReportFonts.Directory);

            renderSample.Invoke(null, [renderer, catalog]);
            var byWarmUp = await reads.SettledCountAsync();
            var bytes = (int)renderSample.Invoke(null, [renderer, catalog])!;
            var byReport = await reads.SettledCountAsync() - byWarmUp;

            Assert.True(byWarmUp > 0, "the warm-up in a fresh context should read the font files");
            Assert.Equal(0, byReport);
            Assert.True(bytes > 10_000);
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class WarmUpApp(bool enabled) : LocalApp
    {
        protected override void Configure(Dictionary<string, string?> settings) =>
            settings[$"{ReportWarmUpOptions.Section}:{nameof(ReportWarmUpOptions.Enabled)}"] = enabled ? "true" : "false";
    }

    /// <summary>Loads every assembly found beside the tests into itself; the framework's come from the default context.</summary>
    private sealed class FreshContext(string directory) : AssemblyLoadContext("fresh app", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <summary>Counts reads of the files in a directory (inotify's access events).</summary>
    private sealed class FontReads : IDisposable
    {
        private readonly FileSystemWatcher _watcher;
        private int _count;

        public FontReads(string directory)
        {
            _watcher = new FileSystemWatcher(directory) { NotifyFilter = NotifyFilters.LastAccess };
            _watcher.Changed += (_, _) => Interlocked.Increment(ref _count);
            _watcher.EnableRaisingEvents = true;
        }

        /// <summary>The count once no event has arrived for half a second.</summary>
        public async Task<int> SettledCountAsync()
        {
            var last = -1;
            while (Volatile.Read(ref _count) != last)
            {
                last = Volatile.Read(ref _count);
                await Task.Delay(500);
            }

            return last;
        }

        public void Dispose() => _watcher.Dispose();
    }
}
