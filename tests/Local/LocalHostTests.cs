using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Local;

public class LocalHostTests
{
    [Fact]
    public async Task A_configured_admin_token_is_kept()
    {
        var settings = TestStorage.Settings(TestStorage.NewPrefix());
        settings[LocalHost.AdminTokenKey] = "configured-token-0123456789abcdef";

        await using var app = LocalHost.Build([], settings);

        Assert.Equal("configured-token-0123456789abcdef", app.Configuration[LocalHost.AdminTokenKey]);
    }

    [Fact]
    public async Task Without_one_a_random_admin_token_is_made_for_the_run()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VillageReports__AdminToken")), "the test needs no admin token in the environment");

        await using var first = LocalHost.Build([], TestStorage.Settings(TestStorage.NewPrefix()));
        await using var second = LocalHost.Build([], TestStorage.Settings(TestStorage.NewPrefix()));

        Assert.StartsWith("admin-", first.Configuration[LocalHost.AdminTokenKey], StringComparison.Ordinal);
        Assert.Equal(38, first.Configuration[LocalHost.AdminTokenKey]!.Length);
        Assert.NotEqual(first.Configuration[LocalHost.AdminTokenKey], second.Configuration[LocalHost.AdminTokenKey]);
    }
}
