namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// An incremental model's key columns and, position by position, the changed-scope columns
/// (framework_id, network_id, unit_id, wave_id) they correspond to.
/// </summary>
public sealed record IncrementalSpec(IReadOnlyList<string> Key, IReadOnlyList<string> Scope);
