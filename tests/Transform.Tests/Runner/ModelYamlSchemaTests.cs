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
}
