namespace ResearchPipeline.Transform.Runner;

/// <summary>A model that failed to build, named: the warehouse's own error says what, this says where.</summary>
public sealed class ModelBuildException(string relation, Exception inner) : Exception($"building {relation}: {inner.Message}", inner)
{
    public string Relation { get; } = relation;
}
