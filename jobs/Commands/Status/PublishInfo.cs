namespace ResearchPipeline.Jobs.Commands.Status;

/// <summary>The published snapshot, as rp status shows it.</summary>
public sealed record PublishInfo(string Snapshot, DateTime PublishedAt, long Ratings, long LastBatchId, string? ContentSha256);
