using ResearchPipeline.Models;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

public sealed class ModelYamlSchemaTests
{
    [Fact]
    public void Read_TestsKeyMisspelt_RefusedInsteadOfDroppingTheModelsTests()
    {
        const string yaml = """
            models:
              - name: stage_history
                materialised: table
                columns:
                  - name: unit_id
                    tets: [not_null]
            """;
        var ex = Assert.Throws<PipelineInputException>(() => ModelYamlSchema.Read("_marts__models.yml", yaml));
        Assert.Contains("line 3, models[0].materialised: unknown key \"materialised\"; did you mean \"materialized\"?", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 6, models[0].columns[0].tets: unknown key \"tets\"; did you mean \"tests\"?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShippedModels_AllReadStrictly() => Assert.NotEmpty(ModelCatalog.Load());

    [Fact]
    public void RenderSources_UndeclaredTable_RefusedNamingTheModel()
    {
        var sources = new HashSet<string>(StringComparer.Ordinal) { "core.levels" };
        Assert.Equal("select * from core.levels", ModelCatalog.RenderSources("select * from {{ source('core', 'levels') }}", "staging.x", sources));
        var ex = Assert.Throws<InvalidOperationException>(() => ModelCatalog.RenderSources("select * from {{ source('core', 'level') }}", "staging.x", sources));
        Assert.Contains("Model staging.x reads {{ source('core', 'level') }}, which sql/_sources.yml does not declare", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedModels_ReadLandedTablesOnlyThroughSource()
    {
        // A model that names core.*, ops.* or raw.* directly would escape the check that its sources are declared.
        var direct = Directory.GetFiles(Path.Combine(TestSupport.Repository.Root, "transform", "sql"), "*.sql", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))
                .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\b(core|ops|raw)\.[a-z_]+")).Select(l => $"{Path.GetFileName(f)}: {l.Trim()}"))
            .ToList();
        Assert.Empty(direct);
    }
}
