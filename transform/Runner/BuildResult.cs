namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// What a build did: a full rebuild (and why) or an incremental one, how many framework × unit × wave
/// combinations it recomputed, and the newest batch it has now taken in.
/// </summary>
public sealed record BuildResult(bool Full, string Reason, long ScopeRows, long LastBatchId, int Models);
