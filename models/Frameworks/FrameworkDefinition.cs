namespace ResearchPipeline.Models.Frameworks;

/// <summary>A validated rubric: one framework version, as loaded from its definition file.</summary>
public sealed record FrameworkDefinition(
    string FrameworkId,
    string Name,
    string Version,
    string Network,
    string LevelTerm,
    string DimensionTerm,
    bool Ascending,
    bool DescriptorsByRole,
    IReadOnlyList<LevelDefinition> Levels,
    IReadOnlyList<GroupDefinition> Groups,
    IReadOnlyList<RoleDefinition> Roles,
    IReadOnlyList<DimensionDefinition> Dimensions)
{
    public int LevelCount => Levels.Count;

    public IEnumerable<DescriptorDefinition> AllDescriptors =>
        Dimensions.SelectMany(d => d.Descriptors);
}

/// <summary>A level as the rubric numbers it, and where it stands from least (1) to most (N) developed.</summary>
public sealed record LevelDefinition(int Value, string Label, int ProgressRank);

public sealed record GroupDefinition(string Code, string Title, string? Description);

public sealed record RoleDefinition(string Code, string Name, string? Description);

public sealed record DimensionDefinition(
    string Code,
    int Number,
    string Title,
    string Group,
    IReadOnlyList<DescriptorDefinition> Descriptors);

/// <summary>One rubric cell. <see cref="RoleCode"/> is null where descriptors do not vary by role.</summary>
public sealed record DescriptorDefinition(string DimensionCode, string? RoleCode, int LevelValue, string Text);
