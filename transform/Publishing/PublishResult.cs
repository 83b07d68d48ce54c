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
    IReadOnlyList<DictionaryEntry> Dictionary);
