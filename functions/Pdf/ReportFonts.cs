using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace VillageReports.Pdf;

/// <summary>
/// The CJK faces that ship with the app (Linux Functions plans have none), loaded from bytes through PDFsharp's
/// font resolver; nothing ever falls back to a system font. Also measures text with the same faces.
/// </summary>
public static class ReportFonts
{
    public const string Serif = "Noto Serif SC";
    public const string Sans = "Noto Sans SC";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<(string Family, bool Bold, double Size), XFont> Fonts = new();
    private static readonly ConcurrentDictionary<(string Family, bool Bold, char C), double> EmWidths = new();
    private static XGraphics? _measure;
    private static string? _directory;

    /// <summary>Where the TTF files live: <c>Fonts/</c> beside the app, where the app's build puts them.</summary>
    public static string Directory => _directory ?? Path.Combine(AppContext.BaseDirectory, "Fonts");

    /// <summary>What the app tells someone whose build lacks a font: how that app brings its fonts in.</summary>
    public static string MissingFontHint { get; set; } = "copy the report fonts there";

    /// <summary>Registers the resolver once per process; safe to call from anywhere, any number of times.</summary>
    public static void EnsureInstalled()
    {
        if (_measure is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (_measure is not null)
            {
                return;
            }

            _directory ??= Path.Combine(AppContext.BaseDirectory, "Fonts");
            GlobalFontSettings.FontResolver = new Resolver(_directory);
            _measure = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
        }
    }

    public static XFont Font(TextStyle style)
    {
        EnsureInstalled();
        return Fonts.GetOrAdd((style.Family, style.Bold, style.Size), key =>
            new XFont(key.Family, key.Size, key.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode)));
    }

    public static double CharWidth(char c, TextStyle style) =>
        style.Size * EmWidths.GetOrAdd((style.Family, style.Bold, c), key =>
        {
            var font = Font(new TextStyle(key.Family, 1000, key.Bold));
            lock (Gate)
            {
                return _measure!.MeasureString(key.C.ToString(), font).Width / 1000;
            }
        });

    public static double Width(string text, TextStyle style)
    {
        var width = 0.0;
        foreach (var c in text)
        {
            width += CharWidth(c, style);
        }

        return width;
    }

    /// <summary>Height above the baseline, in points.</summary>
    public static double Ascent(TextStyle style)
    {
        var metrics = Font(style).Metrics;
        return style.Size * metrics.Ascent / metrics.UnitsPerEm;
    }

    /// <summary>Depth below the baseline, in points.</summary>
    public static double Descent(TextStyle style)
    {
        var metrics = Font(style).Metrics;
        return style.Size * Math.Abs(metrics.Descent) / metrics.UnitsPerEm;
    }

    private sealed class Resolver(string directory) : IFontResolver
    {
        private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
        {
            ["NotoSerifSC-Regular"] = "NotoSerifSC_400Regular.ttf",
            ["NotoSerifSC-Bold"] = "NotoSerifSC_700Bold.ttf",
            ["NotoSansSC-Regular"] = "NotoSansSC_400Regular.ttf",
            ["NotoSansSC-Bold"] = "NotoSansSC_700Bold.ttf",
        };

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            var face = familyName switch
            {
                Serif => "NotoSerifSC",
                Sans => "NotoSansSC",
                _ => throw new InvalidOperationException($"Font family '{familyName}' is not shipped with the app; use {Serif} or {Sans}."),
            };
            return new FontResolverInfo(face + (bold ? "-Bold" : "-Regular"));
        }

        public byte[]? GetFont(string faceName)
        {
            var path = Path.Combine(directory, Files[faceName]);
            return File.Exists(path)
                ? File.ReadAllBytes(path)
                : throw new FileNotFoundException($"Report font {path} is missing: {MissingFontHint}.", path);
        }
    }
}
