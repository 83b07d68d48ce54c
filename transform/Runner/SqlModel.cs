namespace ResearchPipeline.Transform.Runner;

/// <summary>One SQL model file: its layer (= schema), name, SQL with refs, and what it is declared to be.</summary>
public sealed record SqlModel(
    string Layer,
    string Name,
    string Sql,
    string Materialized,
    string? Description,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<DataTest> Tests)
{
    public string Relation => $"{Layer}.{Name}";

    /// <summary>The model's SQL as written, with its <c>{{ ref('…') }}</c> calls (<see cref="Sql"/> has them resolved).</summary>
    public string SqlWithRefs { get; init; } = "";

    /// <summary>The statements of <see cref="IncrementalSpec.RefreshFile"/>, with <c>{{ this }}</c> resolved and <c>{{ ref('…') }}</c> kept (they are narrowed when run).</summary>
    public string? RefreshSqlWithRefs { get; init; }

    /// <summary>For materialized: incremental, the key columns and the changed-scope columns they match.</summary>
    public IncrementalSpec? Incremental { get; init; }

    /// <summary>
    /// For a view: columns such that its rows with given values of them depend only on its sources' rows with the same
    /// values. An incremental refresh narrowed by some of these columns reads the view as its own query with its
    /// sources narrowed (DuckDB does not carry a narrowed read into a view's grouping: it computes the whole view first).
    /// </summary>
    public IReadOnlyList<string> ScopedBy { get; init; } = [];

    /// <summary>The source tables (<c>{{ source('…', '…') }}</c>) the model's SQL reads, as schema.table.</summary>
    public IReadOnlyList<string> ReadsSources { get; init; } = [];

    /// <summary>Where the model's data comes from, in words, for the data dictionary.</summary>
    public string? Source { get; init; }

    /// <summary>Column descriptions declared next to the model.</summary>
    public IReadOnlyDictionary<string, string> ColumnDescriptions { get; init; } = new Dictionary<string, string>();

    /// <summary>A relation whose column descriptions this model shares (research views over marts and core).</summary>
    public string? ColumnsFrom { get; init; }

    /// <summary>
    /// For materialized: computed, the C# computation (<see cref="Statistics.ComputedModels"/>) that turns the rows of
    /// <see cref="Sql"/> into the table: for what SQL expresses poorly (resampling, say).
    /// </summary>
    public string? Compute { get; init; }
}
