namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// What a build did: a full rebuild (and why) or an incremental one, how many framework × unit × wave
/// combinations it recomputed, the newest batch it has now taken in, and how long each model took.
/// </summary>
public sealed record BuildResult(bool Full, string Reason, long ScopeRows, long LastBatchId, int Models)
{
    /// <summary>Each model's build time, in build order (a skipped incremental model with nothing new is not listed).</summary>
    public IReadOnlyList<ModelTiming> Timings { get; init; } = [];

    /// <summary>The time before the first model: the build's state, the fingerprints of the models and reference data, the changed scope.</summary>
    public TimeSpan Setup { get; init; }
}

/// <summary>One model's share of a build.</summary>
public sealed record ModelTiming(string Relation, TimeSpan Elapsed);
