namespace ResearchPipeline.Ingest.Landing;

public enum IngestStatus
{
    Loaded,
    AlreadyIngested,
}

/// <summary>What happened to one file: its batch, counts that reconcile, and the quarantined problems.</summary>
public sealed record IngestResult(
    string FileName,
    SourceKind Kind,
    IngestStatus Status,
    long BatchId,
    long RowsRead,
    long RowsLoaded,
    long RowsQuarantined,
    long RowsSkipped,
    IReadOnlyList<RowProblem> Problems,
    long SupersededRows = 0)
{
    /// <summary>
    /// For a survey export, the responses read (each a data line of the file, preview and test responses included);
    /// RowsRead counts their rating cells. Null for other sources, whose rows are their data lines.
    /// </summary>
    public long? Responses { get; init; }

    /// <summary>
    /// How many problems the file had. <see cref="Problems"/> holds them all, except after the set-based landing of a
    /// long-format file, which keeps the first <see cref="ProblemsKept"/> in memory (ops.quarantine has every one): memory
    /// stays bounded however many rows a file gets wrong.
    /// </summary>
    public long ProblemCount
    {
        get => _problemCount ?? Problems.Count;
        init => _problemCount = value;
    }

    private readonly long? _problemCount;

    /// <summary>How many problems a set-based landing keeps in <see cref="Problems"/>.</summary>
    public const int ProblemsKept = 1_000;

    /// <summary>The problems not in <see cref="Problems"/> (only in ops.quarantine).</summary>
    public long ProblemsLeftOut => Math.Max(0, ProblemCount - Problems.Count);

    /// <summary>What else a reader of the counts should know (responses, previews skipped, resubmissions).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// For a long-format CSV landed row by row rather than by the set-based path (<see cref="LongFormat.LongFormatBulk"/>),
    /// why; null otherwise. Both land the same rows; the row-by-row path is the slower one.
    /// </summary>
    public string? RowByRowBecause { get; init; }

    /// <summary>Where the landing's time went, step by step (the set-based path records it; empty otherwise).</summary>
    public IReadOnlyList<(string Step, double Seconds)> Steps { get; init; } = [];
}
