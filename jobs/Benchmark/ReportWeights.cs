using System.Globalization;
using ResearchPipeline.Jobs.Commands.Demo;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// Reports as their readers get them: for each kind (from the samples, built as rp demo builds them) and for a partner
/// report at scale, its size in bytes, the plotly.js bundle it carries, and, in Chromium, the time to its first text
/// and until every chart has drawn.
/// </summary>
public static class ReportWeights
{
    public sealed record Weight(string Kind, long Bytes, string Bundle, BrowserTiming.Timing? Timing);

    public static List<Weight> Measure(string workDir, string? scalePartnerReport, string chromium, TextWriter output)
    {
        var demo = Path.Combine(workDir, "demo");
        if (DemoCommand.Run(demo, null, TextWriter.Null, TimeProvider.System) != 0)
        {
            throw new InvalidOperationException("rp demo failed while building the sample reports to weigh.");
        }

        string First(string folder, string pattern) => Directory.GetFiles(Path.Combine(demo, "reports", folder), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        List<(string Kind, string File)> files =
        [
            ("partner (sample)", First("partner", "*.html")),
            ("hub (sample)", First("hub", "*.html")),
            ("IC map (sample)", First("ic", "*.html")),
            ("paper figure, Sankey (sample)", First("paper", "transitions.html")),
            ("paper figure, bars (sample)", First("paper", "stage_distribution.html")),
        ];
        if (scalePartnerReport is not null)
        {
            files.Insert(1, ("partner (scale)", scalePartnerReport));
        }

        var browser = BrowserTiming.Start(chromium).GetAwaiter().GetResult();
        try
        {
            if (browser is null)
            {
                output.WriteLine($"  no Chromium at {chromium}: time to first text not measured (pass --chromium PATH)");
            }

            return files.Select(f => new Weight(f.Kind, new FileInfo(f.File).Length, BundleOf(f.File),
                browser?.Measure(f.File).GetAwaiter().GetResult())).ToList();
        }
        finally
        {
            browser?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public static void Print(IReadOnlyList<Weight> weights, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"report",-32} {"size",10} {"plotly.js",10} {"first text",11} {"charts drawn",13}");
        foreach (var w in weights)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{w.Kind,-32} {w.Bytes / 1_048_576.0,8:N2} MB {w.Bundle,10} {Ms(w.Timing?.FirstTextMs),11} {Ms(w.Timing?.ChartsDrawnMs),13}"));
        }
    }

    private static string Ms(double? ms) => ms is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) + " ms" : "–";

    private static string BundleOf(string file)
    {
        var text = File.ReadAllText(file);
        return text.Contains("plotly.js (basic - minified)", StringComparison.Ordinal) ? "basic" : text.Contains("* plotly.js v", StringComparison.Ordinal) ? "full" : "none";
    }
}
