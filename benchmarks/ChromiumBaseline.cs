using System.Diagnostics;
using System.Globalization;
using System.Text;
using VillageReports.Tests.Pdf;

namespace VillageReports.Benchmarks;

/// <summary>
/// The baseline a user might otherwise pick: the same report as HTML, printed to PDF by headless Chromium.
/// A timed harness (one process per render, as such a service would run), not BenchmarkDotNet.
/// </summary>
public static class ChromiumBaseline
{
    public static void Run(int runs = 5)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Console.WriteLine("chromium baseline: skipped (apt-get install chromium)");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("vr-chromium-");
        var html = Path.Combine(dir.FullName, "report.html");
        File.WriteAllText(html, Html(), Encoding.UTF8);
        var times = new List<double>();
        long size = 0;
        for (var i = 0; i < runs; i++)
        {
            var pdf = Path.Combine(dir.FullName, $"report-{i}.pdf");
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(dir.FullName, "profile" + i)}",
                    "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri,
                },
            };
            var watch = Stopwatch.StartNew();
            using (var process = Process.Start(start)!)
            {
                process.StandardError.ReadToEnd();
                process.WaitForExit();
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            size = File.Exists(pdf) ? new FileInfo(pdf).Length : 0;
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chromium baseline: {runs} renders, median {times[runs / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms, size {size / 1024.0:0.0} KiB"));
    }

    private static string FontUrl(string file) => new Uri(Path.Combine(AppContext.BaseDirectory, "Fonts", file)).AbsoluteUri;

    private static string Html()
    {
        var rows = string.Concat(Enumerable.Range(1, 40).Select(i =>
            $"<tr><td>{i}</td><td>{SampleDocument.Villages[(i - 1) % SampleDocument.Villages.Length]}</td><td>{12.5m * i:N2}</td><td>{i * 3}</td><td>{98.5m - (i % 5):0.0}%</td></tr>"));
        var bars = string.Concat(SampleDocument.Villages.Select((v, i) =>
            $"<rect x='{40 + (i * 36)}' y='{180 - ((12 + (i * 3 % 17)) * 5)}' width='22' height='{(12 + (i * 3 % 17)) * 5}' fill='#b01f24'/><text x='{51 + (i * 36)}' y='196' font-size='8' text-anchor='middle'>{v}</text>"));
        var line = string.Join(" ", Enumerable.Range(1, 12).Select(m => $"{20 + (m * 36)},{200 - ((350 + (m * 13 % 90)) / 3)}"));
        return $$"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>青山镇2026年工作报告</title>
            <style>@font-face { font-family: 'Noto Serif SC'; src: url('{{FontUrl("NotoSerifSC_400Regular.ttf")}}'); }
            @font-face { font-family: 'Noto Serif SC'; font-weight: bold; src: url('{{FontUrl("NotoSerifSC_700Bold.ttf")}}'); }
            @font-face { font-family: 'Noto Sans SC'; src: url('{{FontUrl("NotoSansSC_400Regular.ttf")}}'); }
            @page { size: A4; margin: 37mm 26mm 35mm 28mm; } body { font-family: 'Noto Serif SC', serif; font-size: 16pt; line-height: 28.99pt; }
            h1 { text-align: center; font-size: 22pt; } p { text-indent: 2em; text-align: justify; margin: 0; }
            table { font-family: 'Noto Sans SC'; width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 12.5pt; } td, th { border: 0.5pt solid #999; padding: 3pt 4pt; }</style></head>
            <body><h1>青山镇2026年工作报告</h1><p>{{SampleDocument.Opening}}</p><h2>一、抓学习，促廉洁，保稳定</h2>
            <p>{{string.Concat(Enumerable.Repeat("坚持讲学习、讲党课，把学习贯彻落实到行动中、工作中，提高依法行政、依法办事的能力；", 6))}}</p>
            <table><caption>表1 各村主要指标</caption><thead><tr><th>序号</th><th>村</th><th>集体收入（万元）</th><th>新发展党员（名）</th><th>新农合参合率</th></tr></thead><tbody>{{rows}}</tbody></table>
            <svg width="480" height="210" xmlns="http://www.w3.org/2000/svg">{{bars}}</svg>
            <svg width="480" height="210" xmlns="http://www.w3.org/2000/svg"><polyline points="{{line}}" fill="none" stroke="#1f4e8c"/></svg>
            </body></html>
            """;
    }
}
