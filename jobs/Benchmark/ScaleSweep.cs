using System.Globalization;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Transform;
using ResearchPipeline.Jobs.Samples;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// Cost per row at another scale: the scale data with a multiple of the 1,000 partnerships (generated streaming, one
/// partnership at a time, into its own folder), ingested into a fresh warehouse and built in full; seconds per million
/// rows for each, and the peak memory of each. Flat seconds per million rows and a peak that does not grow with the
/// file are what "scales" means here.
/// </summary>
public static class ScaleSweep
{
    public sealed record Point(double Scale, long Rows, double IngestSeconds, double TransformSeconds, double IngestPeakGigabytes, double TransformPeakGigabytes)
    {
        public double PeakGigabytes => Math.Max(IngestPeakGigabytes, TransformPeakGigabytes);

        public double IngestPerMillion => IngestSeconds / (Rows / 1e6);

        public double TransformPerMillion => TransformSeconds / (Rows / 1e6);
    }

    public static Point Measure(double scale, string dataDir, string workDir, TextWriter output)
    {
        var partnerships = Math.Max(1, (int)Math.Round(1000 * scale));
        var data = Path.Combine(dataDir, "scale-" + scale.ToString("0.##", CultureInfo.InvariantCulture));
        var main = Path.Combine(data, "ilead-ratings.csv");
        if (!File.Exists(main))
        {
            output.WriteLine($"  generating {partnerships:N0} partnerships in {data} …");
            new SampleGenerator(new SampleOptions(partnerships, 10, 8, FullResponse: true)).Generate(data);
        }

        var rows = File.ReadLines(main).LongCount(l => !l.StartsWith('#')) - 1;
        var dir = Path.Combine(workDir, "scale-" + scale.ToString("0.##", CultureInfo.InvariantCulture));
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        var context = BenchmarkRun.FreshWarehouse(dir, data);
        PeakMemory.Reset();
        var ingest = BenchmarkRun.Time(() => IngestCommand.Ingest(context, [main]));
        var peak = PeakMemory.Gigabytes();
        PeakMemory.Reset();
        var transform = BenchmarkRun.Time(() => TransformCommand.Transform(context, full: true));
        var point = new Point(scale, rows, ingest, transform, peak, PeakMemory.Gigabytes());
        output.WriteLine(FormattableString.Invariant(
            $"  {scale:0.##}× ({rows:N0} rows): ingest {ingest:0.00} s (peak {point.IngestPeakGigabytes:0.00} GB), full transform {transform:0.00} s (peak {point.TransformPeakGigabytes:0.00} GB)"));
        Directory.Delete(dir, recursive: true);
        return point;
    }

    public static void Print(IReadOnlyList<Point> points, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"scale",6} {"rows",12} {"ingest",9} {"s / M rows",11} {"transform",10} {"s / M rows",11} {"peaks",18}");
        foreach (var p in points.OrderBy(p => p.Scale))
        {
            output.WriteLine(FormattableString.Invariant(
                $"{p.Scale,5:0.##}× {p.Rows,12:N0} {p.IngestSeconds,7:0.00} s {p.IngestPerMillion,9:0.00} s {p.TransformSeconds,8:0.00} s {p.TransformPerMillion,9:0.00} s {p.IngestPeakGigabytes,5:0.00} / {p.TransformPeakGigabytes,5:0.00} GB"));
        }
    }
}
