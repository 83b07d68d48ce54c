using System.Globalization;
using ResearchPipeline.Jobs.Samples;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// <c>rp benchmark</c>: the performance targets (docs/performance.md) on the scale data (1,000 partnerships × 24
/// objectives × 8 raters × 10 waves, one extra wave in its own file), measured side by side in each of several runs
/// (<see cref="BenchmarkRun"/>), each target printed with the minimum, median and maximum over the runs and the
/// median's ratio to the target; then cost per row at other scales (<see cref="ScaleSweep"/>) and the reports' weights.
/// Run on demand, never in the test suite: it takes minutes and its figures depend on the machine.
/// </summary>
public sealed class ScaleBenchmark(ScaleBenchmark.Options options, TextWriter output)
{
    public sealed record Options(string DataDir, string WorkDir, int Runs = 3, int Reports = 20, bool AllReports = false, IReadOnlyList<double>? Scales = null,
        string Chromium = "/usr/bin/chromium");

    public sealed record Figure(string Name, double Min, double Median, double Max, double Target, string Unit)
    {
        public double Ratio => Median / Target;

        public bool Met => Median <= Target;
    }

    /// <summary>Each report kind's size and, with Chromium, its time to first text: set by <see cref="Run"/>.</summary>
    public List<ReportWeights.Weight> Weights { get; private set; } = [];

    /// <summary>Cost per row at each scale measured: set by <see cref="Run"/>.</summary>
    public List<ScaleSweep.Point> Sweep { get; private set; } = [];

    public List<Figure> Run()
    {
        var data = options.DataDir;
        var main = Path.Combine(data, "ilead-ratings.csv");
        var extra = Path.Combine(data, "ilead-ratings-extra-wave.csv");
        if (!File.Exists(main) || !File.Exists(extra))
        {
            output.WriteLine($"Generating the scale data in {data} (rp samples generate --scale) …");
            var written = new SampleGenerator(new SampleOptions(1000, 10, 8, FullResponse: true, ExtraWave: true)).Generate(data);
            output.WriteLine($"  {written.Ratings:N0} rating rows");
        }

        if (Directory.Exists(options.WorkDir))
        {
            Directory.Delete(options.WorkDir, recursive: true);
        }

        var inputsDir = Directory.CreateDirectory(Path.Combine(options.WorkDir, "inputs")).FullName;
        var rows = File.ReadLines(main).LongCount(l => !l.StartsWith('#')) - 1;
        output.WriteLine($"Scale file: {main} ({rows:N0} rows, {new FileInfo(main).Length / 1_048_576.0:N0} MB); machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        output.WriteLine($"Load average before: {LoadAverage()}");
        var resubmission = BenchmarkFiles.Resubmission(main, Path.Combine(inputsDir, "resubmission.csv"));
        output.WriteLine($"Variants: 1% and 50% of the rows naming a wave never loaded; {resubmission.Unit}'s {resubmission.Wave} resubmitted ({resubmission.Rows} rows, every stage moved)");
        var inputs = new BenchmarkRun.Inputs(data, main, extra,
            BenchmarkFiles.BadRows(main, Path.Combine(inputsDir, "bad-1pct.csv"), 100),
            BenchmarkFiles.BadRows(main, Path.Combine(inputsDir, "bad-50pct.csv"), 2),
            resubmission.File, Math.Max(1, options.Reports), options.AllReports);

        var runs = new List<IReadOnlyDictionary<string, double>>();
        List<BenchmarkRun.Measure> last = [];
        string? partnerReport = null;
        for (var i = 1; i <= Math.Max(1, options.Runs); i++)
        {
            output.WriteLine($"  run {i} of {options.Runs}:");
            var workDir = Path.Combine(options.WorkDir, "run");
            if (Directory.Exists(workDir))
            {
                Directory.Delete(workDir, recursive: true);
            }

            var run = new BenchmarkRun(inputs, Directory.CreateDirectory(workDir).FullName, output);
            last = run.Execute();
            runs.Add(last.ToDictionary(m => m.Name, m => m.Value));
            partnerReport = run.LastPartnerReport;
        }

        output.WriteLine();
        output.WriteLine("Where the time went in the last run:");
        foreach (var measure in last.Where(m => m.Profile is { Count: > 0 }))
        {
            output.WriteLine(FormattableString.Invariant($"  {measure.Name}: {measure.Value:0.00}"));
            foreach (var (step, seconds) in measure.Profile!)
            {
                output.WriteLine(FormattableString.Invariant($"    {seconds,7:0.00} s  {step}"));
            }
        }

        var figures = new List<Figure>();
        foreach (var target in Figures.Targets)
        {
            var values = runs.Select(target.Of).OfType<double>().Order().ToList();
            if (values.Count > 0)
            {
                figures.Add(new Figure(target.Name, values[0], values[(values.Count - 1) / 2], values[^1], target.Limit, target.Unit));
            }
        }

        var median = (string name) => runs.Select(r => r[name]).Order().ElementAt((runs.Count - 1) / 2);
        Sweep = [new ScaleSweep.Point(1, rows, median(Figures.Ingest), median(Figures.Full), median(Figures.IngestPeak), median(Figures.FullPeak))];
        foreach (var scale in options.Scales ?? [])
        {
            if (scale != 1)
            {
                Sweep.Add(ScaleSweep.Measure(scale, data, options.WorkDir, output));
            }
        }

        if (Sweep.Find(p => p.Scale >= 10) is { } tenfold)
        {
            figures.Add(new Figure($"peak memory at {tenfold.Scale:0.##}× scale", tenfold.PeakGigabytes, tenfold.PeakGigabytes, tenfold.PeakGigabytes, 3.0, "GB"));
        }

        // Reports as readers get them: size, plotly.js bundle, time to first text and to every chart in Chromium.
        output.WriteLine("  weighing the reports (one of each kind from the samples, a partner report at scale) …");
        Weights = ReportWeights.Measure(options.WorkDir, partnerReport, options.Chromium, output);
        output.WriteLine($"Load average after: {LoadAverage()}");
        return figures;
    }

    public static void Print(IReadOnlyList<Figure> figures, int runs, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"target",-42} {"min",10} {"median",10} {"max",10} {"target",10} {"ratio",7}  met   ({runs} run(s); ratio = median / target)");
        foreach (var f in figures)
        {
            output.WriteLine($"{f.Name,-42} {Format(f.Min, f.Unit),10} {Format(f.Median, f.Unit),10} {Format(f.Max, f.Unit),10} {Format(f.Target, f.Unit),10} {f.Ratio,7:N2}  {(f.Met ? "yes" : "NO")}");
        }
    }

    private static string Format(double value, string unit) => unit == "×"
        ? value.ToString("N2", CultureInfo.InvariantCulture) + "×"
        : value.ToString("N2", CultureInfo.InvariantCulture) + " " + unit;

    /// <summary>The machine's load averages (1, 5, 15 minutes), where the system says them.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
