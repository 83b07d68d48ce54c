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
}
