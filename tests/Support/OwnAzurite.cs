using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VillageReports.Tests.Support;

/// <summary>
/// An Azurite of a test's own, persisting to a temporary folder, that the test stops and starts again: storage going
/// down and coming back, with the data it held. The shared in-memory Azurite of ./test.sh is never touched.
/// </summary>
/// <param name="inMemory">Keep nothing on disk (a benchmark's throw-away storage); it then forgets everything when stopped.</param>
public sealed class OwnAzurite(bool inMemory = false) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly int _blob = FreePort(), _queue = FreePort(), _table = FreePort();
    private Process? _process;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{_blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_table}/devstoreaccount1;";

    /// <summary>The processor time the emulator has used so far (a benchmark's measure of the storage work asked of it).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process!.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable(), [
            .. inMemory ? ["--inMemoryPersistence"] : new[] { "--location", _folder },
            "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", $"{_blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{_queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_table}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var ready = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Table service is successfully listening", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Stops Azurite, as an outage would: connections are refused from now on. SIGTERM, not SIGKILL: the emulator
    /// saves its tables only now and then, and a killed one forgets writes it acknowledged, which the real service never does.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Executable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("node_modules/.bin/azurite not found above the test folder: run npm ci (./test.sh does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
