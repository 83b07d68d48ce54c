namespace ResearchPipeline.Models.Frameworks;

/// <summary>Either a valid framework, or every problem found in its file.</summary>
public sealed record FrameworkLoadResult(FrameworkDefinition? Framework, IReadOnlyList<ResearchPipeline.Models.Yaml.YamlProblem> Problems)
{
    public bool IsValid => Framework is not null && Problems.Count == 0;
}
