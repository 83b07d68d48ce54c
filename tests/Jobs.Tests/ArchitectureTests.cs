using System.Reflection;
using DuckDB.NET.Data;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// The project graph (Models ← Warehouse ← Ingest, Transform, Reports ← Jobs), and one home for what must not exist
/// twice: the DuckDB helpers, the writer lock and the run log live in ResearchPipeline.Warehouse only.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["ResearchPipeline.Models"] = [],
        ["ResearchPipeline.Warehouse"] = ["ResearchPipeline.Models"],
        ["ResearchPipeline.Ingest"] = ["ResearchPipeline.Models", "ResearchPipeline.Warehouse"],
        ["ResearchPipeline.Transform"] = ["ResearchPipeline.Models", "ResearchPipeline.Warehouse"],
        ["ResearchPipeline.Reports"] = ["ResearchPipeline.Models", "ResearchPipeline.Warehouse"],
        ["ResearchPipeline.Jobs"] = ["ResearchPipeline.Models", "ResearchPipeline.Warehouse", "ResearchPipeline.Ingest", "ResearchPipeline.Transform", "ResearchPipeline.Reports"],
    };

    public static TheoryData<string> Assemblies => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Assemblies))]
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
        Assert.Superset(new HashSet<string?> { "ResearchPipeline.Ingest", "ResearchPipeline.Transform", "ResearchPipeline.Reports", "ResearchPipeline.Warehouse" }, jobs);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void DuckDbHelpers_ExistOnlyInTheWarehouseProject(string assembly)
    {
        // A static method that takes a connection and is named like one of Db's helpers is a copy of it.
        var helpers = typeof(ResearchPipeline.Warehouse.Db).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet();
        var copies = Assembly.Load(assembly).GetTypes()
            .Where(t => t.Namespace?.StartsWith("ResearchPipeline.Warehouse", StringComparison.Ordinal) != true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => helpers.Contains(m.Name) && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(DuckDBConnection))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();
        Assert.Empty(copies);
    }

    [Theory]
    [InlineData("ops.runs", "warehouse/Runs/RunLog.cs")]
    [InlineData(".writer.lock", "warehouse/Runs/WriterLock.cs")]
    [InlineData("AcquireDistributedLock", "jobs/Serve/PipelineJobs.cs")]
    public void RunRecordingAndLocking_WrittenInOnePlace(string marker, string home)
    {
        // Writing ops.runs or taking a lock anywhere else would be a second set of rules for who may write.
        var writers = Directory.GetFiles(Repository.Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal)
                && (marker != "ops.runs" || l.Contains("insert into ops.runs", StringComparison.OrdinalIgnoreCase) || l.Contains("update ops.runs", StringComparison.OrdinalIgnoreCase))))
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .ToList();
        Assert.Equal([home], writers);
    }

    [Fact]
    public void Reports_ReadOnlyMartsAndResearchViews()
    {
        // What a report shows is computed in tested, documented marts; the report only lays it out.
        var reads = Directory.GetFiles(Path.Combine(Repository.Root, "reports"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .SelectMany(l => System.Text.RegularExpressions.Regex.Matches(l, @"\b(core|ops|raw|staging|intermediate)\.[a-z_]+\b").Select(m => $"{Path.GetFileName(f)}: {m.Value}")))
            .ToList();
        Assert.Empty(reads);
    }
}
