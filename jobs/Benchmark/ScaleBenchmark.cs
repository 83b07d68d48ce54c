using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Init;
using ResearchPipeline.Jobs.Commands.Report;
using ResearchPipeline.Jobs.Commands.Transform;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Jobs.Samples;
using ResearchPipeline.Reports;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// <c>rp benchmark</c>: the performance targets (docs/performance.md), measured side by side in one run on the scale data
/// (1,000 partnerships × 24 objectives × 8 raters × 10 waves, and one extra wave in its own file), each printed with
/// its ratio to the target. Run on demand, never in the test suite: it takes minutes and its figures depend on the machine.
/// </summary>
public sealed class ScaleBenchmark(string dataDir, string workDir, int reports, TextWriter output, string chromium = "/usr/bin/chromium")
{
    public sealed record Figure(string Name, double Measured, double Target, string Unit, string Note)
    {
        public double Ratio => Measured / Target;

        public bool Met => Measured <= Target;
    }

    /// <summary>Each report kind's size and, with Chromium, its time to first text: set by <see cref="Run"/>.</summary>
    public List<ReportWeights.Weight> Weights { get; private set; } = [];

    public List<Figure> Run()
    {
        var main = Path.Combine(dataDir, "ilead-ratings.csv");
        var extra = Path.Combine(dataDir, "ilead-ratings-extra-wave.csv");
        if (!File.Exists(main) || !File.Exists(extra))
        {
            output.WriteLine($"Generating the scale data in {dataDir} (rp samples generate --scale) …");
            var written = new SampleGenerator(new SampleOptions(1000, 10, 8, FullResponse: true, ExtraWave: true)).Generate(dataDir);
            output.WriteLine($"  {written.Ratings:N0} rating rows");
        }

        if (Directory.Exists(workDir))
        {
            Directory.Delete(workDir, recursive: true);
        }

        Directory.CreateDirectory(workDir);
        var rows = File.ReadLines(main).LongCount() - 2;
        var megabytes = new FileInfo(main).Length / 1_048_576.0;
        output.WriteLine($"Scale file: {main} ({rows:N0} rows, {megabytes:N0} MB); machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformationText()}");

        // 1. DuckDB's own read_csv of the same file into a table of a fresh database file: the yardstick.
        var baseline = Time(() =>
        {
            using var connection = new DuckDBConnection($"Data Source={Path.Combine(workDir, "read_csv.duckdb")}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                create table ratings as select * from read_csv('{main.Replace("'", "''", StringComparison.Ordinal)}', skip = 1, header = true,
                  columns = {"{"}'network': 'varchar', 'framework': 'varchar', 'wave': 'varchar', 'unit': 'varchar', 'role': 'varchar', 'rater': 'varchar',
                  'dimension': 'varchar', 'level': 'varchar', 'rated_at': 'date', 'is_consensus': 'boolean', 'comment': 'varchar'{"}"})
                """;
            command.ExecuteNonQuery();
        });
        output.WriteLine($"  DuckDB read_csv into a table: {baseline:N2} s");

        // 2. Our ingest of the same file (after the roster and waves it needs).
        var config = PipelineConfig.Defaults(workDir);
        var log = new StringWriter();
        var context = new RpContext(config, log, TimeProvider.System);
        InitCommand.CreateWarehouse(context);
        InitCommand.Init(context);
        IngestCommand.Ingest(context, [Path.Combine(dataDir, "roster.csv"), Path.Combine(dataDir, "waves.csv")]);
        var ingest = Time(() => IngestCommand.Ingest(context, [main]));
        output.WriteLine($"  rp ingest: {ingest:N2} s");

        // 3. Full transform; 4. the extra wave, then an incremental transform.
        var full = Time(() => TransformCommand.Transform(context, full: true));
        output.WriteLine($"  rp transform --full: {full:N2} s");
        var extraIngest = Time(() => IngestCommand.Ingest(context, [extra]));
        var incremental = Time(() => TransformCommand.Transform(context));
        output.WriteLine($"  rp ingest of the extra wave: {extraIngest:N2} s; rp transform (incremental): {incremental:N2} s");

        // 5. Partner reports, each timed on its own (opening the warehouse included); the stamp, the content hash of
        // what they read, is taken once per command, as rp report partner --all does.
        var units = Strings(config.Warehouse, "select distinct unit_id from core.ratings where network_id = 'ilead' order by 1").Take(reports).ToList();
        var reportsOut = Path.Combine(workDir, "reports");
        ReportContext? stamp = null;
        var stampTime = Time(() =>
        {
            using var connection = context.OpenForReading();
            stamp = ReportStamp.For(context, connection, reportsOut);
        });
        var wave = Strings(config.Warehouse, "select wave_id from core.waves where network_id = 'ilead' order by wave_seq desc limit 1")[0];
        var perReport = units.Select(u => Time(() =>
        {
            using var connection = context.OpenForReading();
            PartnerReport.Write(connection, u, wave, stamp!);
        })).ToList();
        output.WriteLine($"  partner reports: {perReport.Count}, mean {perReport.Average():N3} s, slowest {perReport.Max():N3} s; the stamp (content hash) once: {stampTime:N2} s");

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1_073_741_824.0;

        // 6. Reports as readers get them: size, plotly.js bundle, time to first text and to every chart in Chromium.
        output.WriteLine("  weighing the reports (one of each kind from the samples, a partner report at scale) …");
        Weights = ReportWeights.Measure(workDir, units.Count == 0 ? null : Path.Combine(reportsOut, PartnerReport.RelativePath(units[0], wave)), chromium, output);
        return
        [
            new("ingest vs DuckDB read_csv", ingest / baseline, 2.0, "×", $"{ingest:N2} s vs {baseline:N2} s for {rows:N0} rows"),
            new("full transform", full, 15.0, "s", ""),
            new("incremental transform / full", incremental / full, 0.20, "×", $"{incremental:N2} s after one new wave ({extraIngest:N2} s to ingest it)"),
            new("partner report (mean)", perReport.Average(), 0.5, "s", $"slowest {perReport.Max():N3} s of {perReport.Count}"),
            new("peak memory", peak, 1.5, "GB", "peak working set of this process, DuckDB included"),
        ];
    }

    public static void Print(IReadOnlyList<Figure> figures, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"figure",-30} {"measured",12} {"target",10} {"ratio",8}  met");
        foreach (var f in figures)
        {
            output.WriteLine($"{f.Name,-30} {Format(f.Measured, f.Unit),12} {Format(f.Target, f.Unit),10} {f.Ratio,8:N2}  {(f.Met ? "yes" : "NO")}  {f.Note}");
        }
    }

    private static string Format(double value, string unit) => unit switch
    {
        "×" => value.ToString("N2", CultureInfo.InvariantCulture) + "×",
        _ => value.ToString("N2", CultureInfo.InvariantCulture) + " " + unit,
    };

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static List<string> Strings(string warehouse, string sql)
    {
        using var connection = Db.OpenReadOnly(warehouse);
        return Db.Strings(connection, sql);
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
