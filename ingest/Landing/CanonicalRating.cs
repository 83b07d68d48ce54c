namespace ResearchPipeline.Ingest.Landing;

/// <summary>A rating that passed validation, in warehouse codes, ready for core.ratings.</summary>
public sealed record CanonicalRating(
    long SourceRow,
    string FrameworkId,
    string NetworkId,
    string UnitId,
    string RoleCode,
    string RaterKey,
    string DimensionCode,
    string WaveId,
    int LevelValue,
    int ProgressRank,
    DateTime? RatedAt,
    bool IsConsensus,
    string? Comment)
{
    /// <summary>The record's number in its batch (see <see cref="LongFormat.LongRecord.RecordNo"/>).</summary>
    public long RecordNo { get; init; } = SourceRow;

    public (string, string, string, string, string, string) NaturalKey =>
        (FrameworkId, UnitId, RoleCode, RaterKey, DimensionCode, WaveId);
}
