using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Config;

/// <summary>examples/ is read by the same strict readers rp uses: the complete config and a mapping for each source kind.</summary>
public sealed class ExamplesTests
{
    private static readonly string Examples = Path.Combine(Repository.Root, "examples");

    [Fact]
    public void PipelineYaml_LoadsAndNamesEveryKey()
    {
        var path = Path.Combine(Examples, "pipeline.yaml");
        var config = PipelineConfig.Load(path);
        Assert.Equal(["dp-annual-survey", "dp-redcap"], config.Sources.Select(s => s.Name));
        Assert.Equal(2, config.Inbox.Count);
        Assert.Equal(ScheduledJobsNames().Order(), config.Serve.Schedules.Keys.Order());
        Assert.Equal(5, config.MinCellSize);
        Assert.Equal(Path.Combine(Examples, "warehouse", "pipeline.duckdb"), config.Warehouse);

        // Every key the config reader accepts is in the file, set or shown commented out.
        var text = File.ReadAllText(path);
        Assert.All(PipelineConfig.Keys.Concat(["user_env", "password_env", "port", "remote"]), key =>
            Assert.Matches($@"(?m)^[ #]*(- )?{key}:", text));
    }

    [Theory]
    [InlineData("qualtrics")]
    [InlineData("surveymonkey")]
    [InlineData("googleforms")]
    [InlineData("redcap")]
    public void Mapping_ForEachSourceKind_Loads(string kind)
    {
        var mapping = SurveyMappingLoader.Load(Path.Combine(Examples, "mappings", $"{kind}.mapping.yaml"));
        Assert.Equal("ilead-dp-2018", mapping.Framework);
        Assert.Equal(kind, mapping.Kind);
        Assert.True(mapping.DimensionsByQuestionText || mapping.DimensionMap.Count > 0);
    }

    private static string[] ScheduledJobsNames() => ResearchPipeline.Jobs.Serve.ScheduledJobs.Names;
}
