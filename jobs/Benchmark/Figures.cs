namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// The benchmark's figures: each measured value's name, and the targets (docs/performance.md), each computed from one
/// run's measures (a time, or a ratio of two times measured side by side in the same run).
/// </summary>
internal static class Figures
{
    public const string ReadCsv = "DuckDB read_csv (s)";
    public const string Ingest = "rp ingest (s)";
    public const string IngestPeak = "peak memory, ingest (GB)";
    public const string BadOne = "rp ingest, 1% bad rows (s)";
    public const string BadHalf = "rp ingest, 50% bad rows (s)";
    public const string BadHalfPeak = "peak memory, 50% bad rows (GB)";
    public const string Full = "rp transform --full (s)";
    public const string FullPeak = "peak memory, full transform (GB)";
    public const string ExtraIngest = "rp ingest, the new wave (s)";
    public const string AfterWave = "rp transform after a new wave (s)";
    public const string ResubmissionIngest = "rp ingest, one partnership's resubmission (s)";
    public const string AfterResubmission = "rp transform after the resubmission (s)";
    public const string Stamp = "report stamp, once per command (s)";
    public const string Open = "opening the warehouse to read, mean (s)";
    public const string Report = "partner report, mean (s)";
    public const string ReportSlowest = "partner report, slowest (s)";
    public const string AllReports = "every partner report (s)";
    public const string AllReportsPeak = "peak memory, every partner report (GB)";

    /// <summary>A target: its name, how to compute its value from one run's measures, the limit, and the unit.</summary>
    public sealed record Target(string Name, Func<IReadOnlyDictionary<string, double>, double?> Of, double Limit, string Unit);

    public static readonly Target[] Targets =
    [
        new("ingest / DuckDB read_csv", m => m[Ingest] / m[ReadCsv], 1.5, "×"),
        new("ingest with 1% bad rows / clean", m => m[BadOne] / m[Ingest], 1.3, "×"),
        new("ingest with 50% bad rows / clean", m => m[BadHalf] / m[Ingest], 1.3, "×"),
        new("peak memory, 50% bad rows", m => m[BadHalfPeak], 1.5, "GB"),
        new("full transform", m => m[Full], 6.0, "s"),
        new("incremental after a new wave / full", m => m[AfterWave] / m[Full], 0.15, "×"),
        new("incremental after one partnership / full", m => m[AfterResubmission] / m[Full], 0.05, "×"),
        new("partner report (mean)", m => m[Report], 0.2, "s"),
        new("every partner report", m => m.TryGetValue(AllReports, out var v) ? v : null, 60.0, "s"),
        new("peak memory (any step above)", m => new[] { IngestPeak, BadHalfPeak, FullPeak, AllReportsPeak }.Where(m.ContainsKey).Max(k => m[k]), 1.5, "GB"),
    ];
}
