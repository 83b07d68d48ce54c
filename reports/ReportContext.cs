namespace ResearchPipeline.Reports;

/// <summary>Settings every report needs: where to write, the suppression threshold, the pipeline version and the snapshot it stamps.</summary>
public sealed record ReportContext(string OutputDirectory, int MinCellSize, string PipelineVersion)
{
    /// <summary>
    /// The content hash (SHA-256 of the data tables' rows) of exactly what the report read; null when it was not taken.
    /// When <see cref="Unpublished"/> is false it is the published snapshot's content hash too.
    /// </summary>
    public string? SnapshotHash { get; init; }

    /// <summary>True when the data read differs from the published snapshot (or nothing was published): the stamp says so.</summary>
    public bool Unpublished { get; init; }

    /// <summary>
    /// True: plotly.js is written once beside the reports (plotly.min.js in <see cref="OutputDirectory"/>) and every
    /// report links to it, instead of carrying its own 3.6 MB copy. The folder then moves as a whole.
    /// </summary>
    public bool SharedPlotly { get; init; }

    public string SnapshotStamp => SnapshotHash is null ? "snapshot: not published"
        : Unpublished ? $"data {SnapshotHash[..12]} (not yet published)" : $"snapshot {SnapshotHash[..12]}";
}
