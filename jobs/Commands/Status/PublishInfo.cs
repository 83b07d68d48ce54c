namespace ResearchPipeline.Jobs.Commands.Status;

/// <summary>The published snapshot, as rp status shows it.</summary>
public sealed record PublishInfo(string Snapshot, DateTime PublishedAt, long Ratings, long LastBatchId, string? ContentSha256)
{
    /// <summary>False when manifest.json and the dictionary describe an earlier snapshot (an interrupted publish).</summary>
    public bool ManifestMatches { get; init; } = true;
}
