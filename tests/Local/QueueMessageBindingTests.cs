using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VillageReports.Delivery;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Local;

/// <summary>Queue messages bind to records as the isolated worker binds them, with the worker's own JSON defaults.</summary>
public class QueueMessageBindingTests
{
    private static readonly Lazy<ObjectSerializer> Worker = new(() =>
        new ServiceCollection().AddFunctionsWorkerDefaults().Services.BuildServiceProvider()
            .GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!);

    private static readonly Lazy<ObjectSerializer> Runner = new(() =>
    {
        using var app = LocalHost.Build([], TestStorage.Settings(TestStorage.NewPrefix()));
        return app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
    });

    public static TheoryData<string> Messages => new()
    {
        """{"town":"130123100000","kind":"monthly","period":"2026-10","version":1}""",
        """{"Town":"130123100000","Kind":"monthly","Period":"2026-10","Version":1}""",
        """{"TOWN":"130123100000","KIND":"monthly","PERIOD":"2026-10","VERSION":1}""",
        """{"town":"130123100000","kind":"monthly","period":"2026-10","version":"1"}""",
        """{"town":"130123100000","kind":"monthly","period":"2026-10","version":1,}""",
        """{"town":"130123100000", /* why */ "kind":"monthly","period":"2026-10","version":1}""",
        """{"town":"130123100000","kind":"monthly"}""",
        "not json",
        "",
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_runner_binds_a_message_exactly_as_the_worker_does(string message)
    {
        var expected = Bind(message, Worker.Value);

        var actual = Bind(message, Runner.Value);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Property_names_match_whatever_their_case()
    {
        var job = FunctionInvoker.FromMessage("""{"TOWN":"130123100000","kind":"annual","Period":"2025"}""", typeof(ReportJob), Runner.Value);

        Assert.Equal(new ReportJob("130123100000", "annual", "2025"), job);
    }

    [Fact]
    public void A_number_written_as_a_string_is_refused_as_the_worker_refuses_it()
    {
        // JsonSerializerOptions.Web would read "1" as 1; the worker's options do not, so neither may the runner.
        Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            FunctionInvoker.FromMessage("""{"town":"130123100000","kind":"monthly","period":"2026-10","version":"1"}""", typeof(DeliveryJob), Runner.Value));
    }

    private static string Bind(string message, ObjectSerializer serializer)
    {
        try
        {
            return FunctionInvoker.FromMessage(message, typeof(DeliveryJob), serializer)?.ToString() ?? "null";
        }
        catch (Exception ex)
        {
            return "refused: " + ex.GetType().Name;
        }
    }
}
