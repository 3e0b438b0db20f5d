using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace VillageReports.Web;

/// <summary>
/// The web app's files (<c>wwwroot/</c> beside the app), read once: each text file's references to the others get
/// <c>?v=</c> and the referenced file's content hash, so those can be cached for a year and a deploy still reaches
/// every phone at once; each file is kept compressed (Brotli, gzip) as well as plain. A request path is only ever a
/// key into this table, never a file-system path.
/// </summary>
public sealed partial class WebAssets
{
    public const string Index = "index.html";

    private readonly FrozenDictionary<string, WebAsset> _assets;

    public WebAssets(string root)
    {
        var files = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal)
            : [];

        // Hashes of the files as they will be served: a file's references are versioned before it is hashed, so a
        // change deep in the module graph changes the version of everything that imports it. Modules import each
        // other only downwards (no cycles), so a few passes settle.
        var served = new Dictionary<string, byte[]>(files, StringComparer.Ordinal);
        for (var pass = 0; pass < 8; pass++)
        {
            var versions = served.ToDictionary(f => f.Key, f => Version(f.Value), StringComparer.Ordinal);
            var next = files.ToDictionary(f => f.Key, f => IsText(f.Key) ? Versioned(f.Key, f.Value, versions) : f.Value, StringComparer.Ordinal);
            var settled = next.All(f => f.Value.AsSpan().SequenceEqual(served[f.Key]));
            served = next;
            if (settled)
            {
                break;
            }
        }

        _assets = served.ToFrozenDictionary(f => f.Key, f => WebAsset.Create(f.Key, f.Value, Version(f.Value)), StringComparer.Ordinal);
    }

    public static WebAssets FromAppDirectory() => new(Path.Combine(AppContext.BaseDirectory, "wwwroot"));

    /// <summary>
    /// The file for a path: a known file, or the app's page for an address with no file extension (the app routes in
    /// the browser); null for anything else.
    /// </summary>
    public WebAsset? Find(string? path)
    {
        var key = (path ?? "").TrimStart('/');
        if (key.Length == 0)
        {
            key = Index;
        }

        if (_assets.TryGetValue(key, out var asset))
        {
            return asset;
        }

        return !Path.HasExtension(key) && _assets.TryGetValue(Index, out var page) ? page : null;
    }

    private static bool IsText(string name) => Path.GetExtension(name) is ".html" or ".js" or ".css" or ".webmanifest" or ".svg";

    private static string Version(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private static byte[] Versioned(string name, byte[] content, Dictionary<string, string> versions)
    {
        var folder = Path.GetDirectoryName(name)?.Replace('\\', '/') ?? "";
        var text = Encoding.UTF8.GetString(content);
        var rewritten = Reference().Replace(text, m =>
        {
            var target = m.Groups["path"].Value;
            var key = target.StartsWith('/') ? target[1..] : Normalize(folder, target);
            return versions.TryGetValue(key, out var version) ? $"{m.Groups["quote"].Value}{target}?v={version}{m.Groups["quote"].Value}" : m.Value;
        });
        return Encoding.UTF8.GetBytes(rewritten);
    }

    private static string Normalize(string folder, string relative)
    {
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (var part in relative.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    // A quoted reference to one of our own files: "/app.js", './form.js', "../css/app.css". Never a URL with a scheme.
    [GeneratedRegex("""(?<quote>["'])(?<path>(?:\.{1,2}/|/)?[A-Za-z0-9_\-][A-Za-z0-9_\-./]*\.(?:js|css|svg|png|ico|webmanifest))\k<quote>""")]
    private static partial Regex Reference();
}
