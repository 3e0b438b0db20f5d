using System.IO.Compression;

namespace VillageReports.Web;

/// <summary>One file of the web app, plain and compressed, with its content version.</summary>
public sealed record WebAsset(string Name, string ContentType, string Version, byte[] Plain, byte[]? Brotli, byte[]? Gzip)
{
    public bool IsPage => Name.EndsWith(".html", StringComparison.Ordinal);

    public static WebAsset Create(string name, byte[] content, string version)
    {
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".ico" => "image/x-icon",
            ".webmanifest" => "application/manifest+json",
            ".json" => "application/json; charset=utf-8",
            _ => "application/octet-stream",
        };
        var compressible = type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal) || type.Contains("svg", StringComparison.Ordinal);
        return new WebAsset(name, type, version, content,
            compressible ? Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize)) : null,
            compressible ? Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize)) : null);
    }

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(content);
        }

        return output.ToArray();
    }
}
