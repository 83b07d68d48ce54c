using System.Reflection;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>Dependencies flow one way: Models ← Ingest, Transform, Reports ← Jobs (style.md "Layout").</summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["ResearchPipeline.Models"] = [],
        ["ResearchPipeline.Ingest"] = ["ResearchPipeline.Models"],
        ["ResearchPipeline.Transform"] = ["ResearchPipeline.Models"],
        ["ResearchPipeline.Reports"] = ["ResearchPipeline.Models"],
        ["ResearchPipeline.Jobs"] = ["ResearchPipeline.Models", "ResearchPipeline.Ingest", "ResearchPipeline.Transform", "ResearchPipeline.Reports"],
    };

    [Theory]
    [InlineData("ResearchPipeline.Models")]
    [InlineData("ResearchPipeline.Ingest")]
    [InlineData("ResearchPipeline.Transform")]
    [InlineData("ResearchPipeline.Reports")]
    [InlineData("ResearchPipeline.Jobs")]
    public void References_OnlyAllowedProjects(string assembly)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("ResearchPipeline.", StringComparison.Ordinal)).Order().ToArray();
        Assert.All(references, r => Assert.Contains(r, Allowed[assembly]));
    }

    [Fact]
    public void Jobs_IsTheCompositionRoot()
    {
        var jobs = Assembly.Load("ResearchPipeline.Jobs").GetReferencedAssemblies().Select(a => a.Name).ToHashSet();
        Assert.Superset(new HashSet<string?> { "ResearchPipeline.Ingest", "ResearchPipeline.Transform", "ResearchPipeline.Reports" }, jobs);
    }
}
