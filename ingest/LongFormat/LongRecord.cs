namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// One rating record as read, before validation (all text, as the file had it): a long-format line, or one rating
/// cell of a wide file (survey export, workbook) turned into the same shape.
/// </summary>
public sealed record LongRecord(
    long SourceRow,
    string Network,
    string Framework,
    string Wave,
    string Unit,
    string Role,
    string Rater,
    string Dimension,
    string Level,
    string RatedAt,
    string IsConsensus,
    string Comment)
{
    /// <summary>The record's number in its batch; a long-format line's is its row.</summary>
    public long RecordNo { get; init; } = SourceRow;

    /// <summary>For wide files: the file's own column label for each canonical field (level → "Q3_4").</summary>
    public IReadOnlyDictionary<string, string>? SourceColumns { get; init; }

    /// <summary>True when <see cref="SourceColumns"/> hold locations (Sheet "x" cell D7) rather than column names.</summary>
    public bool SourceColumnsAreLocations { get; init; }

    /// <summary>The part of the file the record came from (a workbook's sheet), for per-part counts.</summary>
    public string? Part { get; init; }

    /// <summary>The zone a rated_at written without one is in (a mapping's <c>time_zone:</c>); null: UTC.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>For wide files: a fingerprint of the whole response the record came from.</summary>
    public string? ResponseKey { get; init; }

    /// <summary>The column name a message should use: the file's own label where it has one.</summary>
    public string ColumnLabel(string field) => SourceColumns?.GetValueOrDefault(field) ?? field;
}
