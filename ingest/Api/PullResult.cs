using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest.Api;

/// <summary>What one pull of one source did: responses fetched, the batch they landed as (none when nothing was new), the watermark before and after, and the HTTP attempts it took.</summary>
public sealed record PullResult(string Source, string Kind, int Fetched, IngestResult? Batch, string? OldWatermark, string? NewWatermark, int Attempts, string? LandedFile)
{
    /// <summary>Why the watermark did not move although records landed (rows quarantined: the next pull fetches them again); null when it moved.</summary>
    public string? WatermarkKeptBecause { get; init; }
}
