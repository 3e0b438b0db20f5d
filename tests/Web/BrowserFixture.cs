using Microsoft.Playwright;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Web;

/// <summary>Browser tests share one Chromium and run one after another (two cores, shared with the rest of the suite).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Debian's chromium (Playwright's own browser download cannot work here), headless, driven by Playwright; each test
/// opens a phone of its own (a fresh context: no storage, 360×740).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ShotsDirectory = "/tmp/web-shots";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(LaunchOptions);
        Directory.CreateDirectory(ShotsDirectory);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>A phone on the app's origin, its clock at the app's (so "last month" agrees with the server's).</summary>
    public async Task<Phone> PhoneAsync(LocalApp app)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = app.Http.BaseAddress!.ToString(),
            ViewportSize = new() { Width = Phone.Width, Height = Phone.Height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            HasTouch = true,
            IsMobile = true,
            DeviceScaleFactor = 1,
        });
        await context.Clock.SetFixedTimeAsync(app.Clock.Now.UtcDateTime);
        var page = await context.NewPageAsync();
        return new Phone(context, page);
    }
}

/// <summary>One browser context and its page, with what the page did that a test must notice (dialogs, script errors).</summary>
public sealed class Phone : IAsyncDisposable
{
    public const int Width = 360, Height = 740;

    public Phone(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => ScriptErrors.Add(error);
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public List<string> Dialogs { get; } = [];
    public List<string> ScriptErrors { get; } = [];

    public Task<IResponse?> OpenAsync(string path) => Page.GotoAsync(path);

    /// <summary>Signs in as a person does: opening the link from the sign-in card.</summary>
    public async Task SignInAsync(string token, string path = "/")
    {
        await Page.GotoAsync($"{path}#token={Uri.EscapeDataString(token)}");
    }

    /// <summary>
    /// Saves a 360×740 screenshot for a person to look at, and checks what can be checked without one: nothing is
    /// wider than the phone, and no script failed.
    /// </summary>
    public async Task ScreenAsync(string name)
    {
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ShotsDirectory, $"{name}.png"), FullPage = false });
        var width = await Page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
        Assert.True(width <= Width, $"{name}: the page is {width}px wide at {Width}px (horizontal scrolling)");
        Assert.Empty(ScriptErrors);
    }

    public ILocator Status => Page.Locator("#form-status");

    public Task<string?> StoredTokenAsync() => Page.EvaluateAsync<string?>("localStorage.getItem('vr.token')");

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
