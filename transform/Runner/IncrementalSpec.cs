namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// An incremental model's key columns and, position by position, the changed-scope columns
/// (framework_id, network_id, unit_id, wave_id) they correspond to. <see cref="Narrow"/> (changed-scope columns) declares
/// that the model's rows in scope depend only on source rows with the same values of those columns: a refresh then reads
/// each model it refers to (that has those columns) narrowed to the changed scope, instead of all of it.
/// </summary>
public sealed record IncrementalSpec(IReadOnlyList<string> Key, IReadOnlyList<string> Scope)
{
    public IReadOnlyList<string> Narrow { get; init; } = [];

    /// <summary>
    /// The file (beside the model, <c>name.refresh.sql</c>) of statements that refresh the changed scope in place of
    /// delete-and-insert from the model's query: for a model that can read its own earlier rows (<c>{{ this }}</c>) instead
    /// of recomputing them. Null: the model's query, narrowed.
    /// </summary>
    public string? RefreshFile { get; init; }

    /// <summary>
    /// The model's rows for a wave depend on that wave's ratings only (no look-back to earlier waves): a refresh
    /// recomputes the touched unit × waves, not the later waves the changed scope adds for prev_stage.
    /// </summary>
    public bool OwnWaveOnly { get; init; }

    /// <summary>The changed scope this model refreshes: all of it, or only the touched rows.</summary>
    public string ScopeTable => OwnWaveOnly ? "(select * from temp.changed_scope where touched)" : "temp.changed_scope";
}
