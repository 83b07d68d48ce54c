namespace ResearchPipeline.Transform.Publishing;

/// <summary>Where the snapshot and its dictionary were written, the snapshot's SHA-256, and what it holds.</summary>
public sealed record PublishResult(
    string SnapshotPath,
    string Sha256,
    DateTime PublishedAt,
    long LastBatchId,
    IReadOnlyList<(string Relation, long Rows)> Tables,
    string DictionaryMarkdown,
    string DictionaryHtml,
    IReadOnlyList<DictionaryEntry> Dictionary)
{
    /// <summary>SHA-256 of what the snapshot's data tables hold (not of the file): unchanged data, same hash.</summary>
    public string ContentSha256 { get; init; } = "";
}
