using System.Diagnostics;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Init;
using ResearchPipeline.Jobs.Commands.Report;
using ResearchPipeline.Jobs.Commands.Transform;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Reports;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// One run of the benchmark's sequence on the scale data, every step timed on its own, side by side: the yardstick
/// (DuckDB's read_csv), our ingest, the same file with bad rows, the full build, an incremental build after a new
/// wave and after one partnership's resubmission, partner reports. Each figure is a <see cref="Measure"/>.
/// </summary>
internal sealed class BenchmarkRun(BenchmarkRun.Inputs inputs, string workDir, TextWriter output)
{
    /// <summary>The files a run reads (the scale data and the variants <see cref="BenchmarkFiles"/> writes).</summary>
    public sealed record Inputs(string DataDir, string Main, string ExtraWave, string BadOne, string BadHalf, string Resubmission, int Reports, bool AllReports);

    /// <summary>One measured value of a run, by figure name; where the time went, where known.</summary>
    public sealed record Measure(string Name, double Value, IReadOnlyList<(string Step, double Seconds)>? Profile = null);

    public List<Measure> Execute()
    {
        var measures = new List<Measure>();
        void Add(string name, double value, IReadOnlyList<(string, double)>? profile = null)
        {
            measures.Add(new Measure(name, value, profile));
            output.WriteLine(FormattableString.Invariant($"    {name}: {value:0.000}"));
        }

        PeakMemory.Reset();
        var yardstick = Time(() => ReadCsv(inputs.Main, Path.Combine(workDir, "read_csv.duckdb")));
        Add(Figures.ReadCsv, yardstick);

        // Our ingest of the same file into a fresh warehouse (after the roster and waves it needs).
        var context = FreshWarehouse("warehouse");
        PeakMemory.Reset();
        List<IngestResult> landed = [];
        var ingest = Time(() => landed = IngestCommand.Ingest(context, [inputs.Main]));
        Add(Figures.Ingest, ingest, landed[0].Steps);
        Add(Figures.IngestPeak, PeakMemory.Gigabytes());

        // The same file with 1% and with 50% of its rows naming a wave never loaded, each into a fresh warehouse.
        foreach (var (name, file, peakName) in new[] { (Figures.BadOne, inputs.BadOne, (string?)null), (Figures.BadHalf, inputs.BadHalf, Figures.BadHalfPeak) })
        {
            var bad = FreshWarehouse(name == Figures.BadOne ? "bad-one" : "bad-half");
            PeakMemory.Reset();
            List<IngestResult> badLanded = [];
            Add(name, Time(() => badLanded = IngestCommand.Ingest(bad, [file])), badLanded[0].Steps);
            if (peakName is not null)
            {
                Add(peakName, PeakMemory.Gigabytes());
            }

            if (badLanded[0].RowByRowBecause is { } why)
            {
                output.WriteLine($"    (landed row by row: {why})");
            }
        }

        // Builds: full; after a new wave; after one partnership's resubmission of a middle wave.
        PeakMemory.Reset();
        BuildResult? build = null;
        var full = Time(() => build = TransformCommand.Transform(context, full: true));
        Add(Figures.Full, full, Slowest(build!));
        Add(Figures.FullPeak, PeakMemory.Gigabytes());
        Add(Figures.ExtraIngest, Time(() => IngestCommand.Ingest(context, [inputs.ExtraWave])));
        var afterWave = Time(() => build = TransformCommand.Transform(context));
        Add(Figures.AfterWave, afterWave, Slowest(build!));
        Add(Figures.ResubmissionIngest, Time(() => IngestCommand.Ingest(context, [inputs.Resubmission])));
        var afterResubmission = Time(() => build = TransformCommand.Transform(context));
        Add(Figures.AfterResubmission, afterResubmission, Slowest(build!));

        // Partner reports, each timed on its own (opening the warehouse included); the stamp (the content hash of what
        // they read) is taken once per command, as rp report partner --all does.
        var config = context.Config;
        var units = Strings(config.Warehouse, "select distinct unit_id from core.ratings where network_id = 'ilead' order by 1").Take(inputs.Reports).ToList();
        var reportsOut = Path.Combine(workDir, "reports");
        ReportContext? stamp = null;
        Add(Figures.Stamp, Time(() =>
        {
            using var connection = context.OpenForReading();
            stamp = ReportStamp.For(context, connection, reportsOut);
        }));
        var wave = Strings(config.Warehouse, "select wave_id from core.waves where network_id = 'ilead' order by wave_seq desc limit 1")[0];
        // Each report on the open warehouse, as rp report partner --all and rp run write them; opening it timed on its own.
        var opens = new List<double>();
        List<double> perReport;
        {
            DuckDB.NET.Data.DuckDBConnection? open = null;
            opens.Add(Time(() => open = context.OpenForReading()));
            using var connection = open!;
            perReport = units.Select(u => Time(() => PartnerReport.Write(connection, u, wave, stamp!))).ToList();
        }

        for (var i = 0; i < 4; i++)
        {
            opens.Add(Time(() => context.OpenForReading().Dispose()));
        }

        Add(Figures.Open, opens.Average());
        Add(Figures.Report, perReport.Average());
        Add(Figures.ReportSlowest, perReport.Max());
        if (inputs.AllReports)
        {
            PeakMemory.Reset();
            var all = 0;
            Add(Figures.AllReports, Time(() => all = PartnerCommand.Write(context, null, all: true, wave, Path.Combine(workDir, "all-reports")).Count));
            Add(Figures.AllReportsPeak, PeakMemory.Gigabytes());
            output.WriteLine($"    ({all:N0} partner reports)");
        }

        LastPartnerReport = units.Count == 0 ? null : Path.Combine(reportsOut, PartnerReport.RelativePath(units[0], wave));
        return measures;
    }

    /// <summary>A partner report this run wrote at scale (for the weights of the reports), if any.</summary>
    public string? LastPartnerReport { get; private set; }

    private RpContext FreshWarehouse(string name) => FreshWarehouse(Path.Combine(workDir, name), inputs.DataDir);

    /// <summary>A new warehouse in <paramref name="dir"/> with the roster and waves of the scale data in <paramref name="dataDir"/>.</summary>
    public static RpContext FreshWarehouse(string dir, string dataDir)
    {
        var context = new RpContext(PipelineConfig.Defaults(dir), TextWriter.Null, TimeProvider.System);
        InitCommand.CreateWarehouse(context);
        InitCommand.Init(context);
        IngestCommand.Ingest(context, [Path.Combine(dataDir, "roster.csv"), Path.Combine(dataDir, "waves.csv")]);
        return context;
    }

    /// <summary>DuckDB's own CSV reader, explicit column types, into a table of a fresh database file: the yardstick for ingest.</summary>
    public static void ReadCsv(string file, string database)
    {
        File.Delete(database);
        using var connection = new DuckDBConnection($"Data Source={database};memory_limit={Db.IngestMemoryLimit}{Db.ThreadsOption()}"); // as many threads as the ingest it measures
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            create table ratings as select * from read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', skip = 1, header = true,
              columns = {"{"}'network': 'varchar', 'framework': 'varchar', 'wave': 'varchar', 'unit': 'varchar', 'role': 'varchar', 'rater': 'varchar',
              'dimension': 'varchar', 'level': 'varchar', 'rated_at': 'date', 'is_consensus': 'boolean', 'comment': 'varchar'{"}"})
            """;
        command.ExecuteNonQuery();
    }

    private static List<(string, double)> Slowest(BuildResult build) =>
        [("(before the first model)", build.Setup.TotalSeconds), ("(all the models)", build.Timings.Sum(t => t.Elapsed.TotalSeconds)),
         .. build.Timings.OrderByDescending(t => t.Elapsed).Take(6).Select(t => (t.Relation, t.Elapsed.TotalSeconds))];

    public static double Time(Action action)
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
}
