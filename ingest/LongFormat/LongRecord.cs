namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>One long-format line as read, before validation (all text, as the file had it).</summary>
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
    string Comment);
