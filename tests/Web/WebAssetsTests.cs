using System.Text;
using VillageReports.Web;

namespace VillageReports.Tests.Web;

public sealed class WebAssetsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wwwroot-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, name))!);
        File.WriteAllText(Path.Combine(_root, name), text);
    }

    private static string Text(WebAsset asset) => Encoding.UTF8.GetString(asset.Plain);

    [Fact]
    public void References_to_our_own_files_carry_the_version_of_what_they_reference()
    {
        Write("index.html", """<script type="module" src="/js/app.js"></script><link rel="stylesheet" href="/app.css"><a href="https://example.cn/x.js">x</a>""");
        Write("js/app.js", """import { form } from './form.js'; import('../app.css');""");
        Write("js/form.js", "export const form = 1;");
        Write("app.css", "body { margin: 0 }");

        var assets = new WebAssets(_root);

        var page = Text(assets.Find("/")!);
        var app = Text(assets.Find("js/app.js")!);
        Assert.Contains($"src=\"/js/app.js?v={assets.Find("js/app.js")!.Version}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/app.css?v={assets.Find("app.css")!.Version}\"", page, StringComparison.Ordinal);
        Assert.Contains("https://example.cn/x.js\"", page, StringComparison.Ordinal);
        Assert.Contains($"'./form.js?v={assets.Find("js/form.js")!.Version}'", app, StringComparison.Ordinal);
        Assert.Contains($"'../app.css?v={assets.Find("app.css")!.Version}'", app, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_deep_in_the_modules_changes_the_version_of_everything_that_imports_it()
    {
        Write("index.html", """<script type="module" src="/app.js"></script>""");
        Write("app.js", "import './form.js';");
        Write("form.js", "export const a = 1;");
        var before = new WebAssets(_root).Find("app.js")!.Version;

        Write("form.js", "export const a = 2;");
        var after = new WebAssets(_root).Find("app.js")!.Version;

        Assert.NotEqual(before, after);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/office")]
    [InlineData("form/2026-10")]
    public void Addresses_without_a_file_are_the_apps_page(string path)
    {
        Write("index.html", "<p>页</p>");

        Assert.Equal("index.html", new WebAssets(_root).Find(path)!.Name);
    }

    [Theory]
    [InlineData("missing.js")]
    [InlineData("../secrets.json")]
    [InlineData("wwwroot/../../appsettings.json")]
    public void A_file_that_is_not_ours_is_not_found(string path)
    {
        Write("index.html", "<p>页</p>");

        Assert.Null(new WebAssets(_root).Find(path));
    }
}
