namespace VillageReports.Local;

/// <summary><c>serve</c> runs the app; <c>demo</c> seeds a demo town and builds its reports; no argument does both and keeps serving.</summary>
public static class LocalProgram
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "all";
        if (command is not ("serve" or "demo" or "all"))
        {
            await Console.Error.WriteLineAsync("usage: VillageReports.Local [serve|demo|all] [--urls http://127.0.0.1:7071]");
            return 2;
        }

        // The demo drives the app's clock month by month, as if the town had been reporting for two years.
        var clock = new DemoClock();
        await using var app = LocalHost.Build(args.Where(a => a != command).ToArray(),
            configureServices: command == "serve" ? null : services => services.AddSingleton<TimeProvider>(clock));
        var adminToken = app.Configuration[LocalHost.AdminTokenKey]!;
        await app.StartAsync();
        var url = app.Urls.First();
        Console.WriteLine($"VillageReports is serving {app.Services.GetRequiredService<IEnumerable<FunctionEntry>>().Count()} functions at {url}/api");
        Console.WriteLine($"Admin token: {adminToken}");

        if (command is "demo" or "all")
        {
            var output = Path.Combine(Directory.GetCurrentDirectory(), "out");
            var ok = await Demo.RunAsync(new Uri(url), adminToken, output, clock, Console.Out, app.Lifetime.ApplicationStopping);
            if (command == "demo")
            {
                await app.StopAsync();
                return ok ? 0 : 1;
            }
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
