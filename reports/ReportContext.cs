namespace ResearchPipeline.Reports;

/// <summary>Settings every report needs: where to write, the suppression threshold, the pipeline version and the snapshot it stamps.</summary>
public sealed record ReportContext(string OutputDirectory, int MinCellSize, string PipelineVersion)
{
    /// <summary>SHA-256 of the published snapshot the report corresponds to; null when nothing was published.</summary>
    public string? SnapshotHash { get; init; }

    public string SnapshotStamp => SnapshotHash is null ? "snapshot: not published" : $"snapshot {SnapshotHash[..12]}";
}
