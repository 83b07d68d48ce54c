using ResearchPipeline.Models;
using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Models.Tests.Yaml;

public sealed class StrictYamlTests
{
    [Theory]
    [InlineData("warehous", "warehouse")]
    [InlineData("schedule", "schedules")]
    [InlineData("dashbord", "dashboard")]
    [InlineData("maping", "mapping")]
    [InlineData("max_attemps", "max_attempts")]
    [InlineData("tabels", "tables")]
    public void Closest_OneSlip_SuggestsTheKeyMeant(string typed, string meant)
    {
        string[] known = ["warehouse", "schedules", "dashboard", "mapping", "max_attempts", "tables", "figures", "path"];
        Assert.Equal(meant, Suggestion.Closest(typed, known));
    }

    [Fact]
    public void Closest_NothingNear_SuggestsNothing() => Assert.Null(Suggestion.Closest("colour_scheme", ["warehouse", "inbox"]));

    [Fact]
    public void AllowOnly_UnknownKeys_EveryOneListedWithLineAndSuggestion()
    {
        var file = StrictYaml.Parse("pipeline.yaml", "warehous: w.duckdb\nmin_cell_size: 5\ndashbord:\n  port: 1\n");
        file.Root!.AllowOnly("warehouse", "min_cell_size", "dashboard");
        var ex = Assert.Throws<PipelineInputException>(() => file.ThrowIfAny("config file"));
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.Equal("pipeline.yaml: 2 problems in the config file; nothing ran.", lines[0]);
        Assert.StartsWith("  line 1, warehous: unknown key \"warehous\"; did you mean \"warehouse\"?", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  line 3, dashbord: unknown key \"dashbord\"; did you mean \"dashboard\"?", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n: abc", "\"abc\" must be a whole number from 1 to 10")]
    [InlineData("n: 11", "\"11\" must be a whole number from 1 to 10")]
    [InlineData("n: [1, 2]", "must be a single value, not a list or map")]
    public void Whole_BadValue_ProblemWithRange(string yaml, string message)
    {
        var file = StrictYaml.Parse("f.yaml", yaml);
        Assert.Null(file.Root!.Whole("n", 1, 10));
        var problem = Assert.Single(file.Problems);
        Assert.Equal(new YamlProblem("f.yaml", "n", 1, message), problem);
    }

    [Fact]
    public void Parse_NotYaml_OneProblemWithTheLine()
    {
        var file = StrictYaml.Parse("f.yaml", "a: 1\nb: [unclosed\n");
        Assert.Null(file.Root);
        Assert.Contains("is not valid YAML", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyFile_ProblemUnlessAllowed()
    {
        Assert.Equal("the file is empty", Assert.Single(StrictYaml.Parse("f.yaml", "# nothing\n").Problems).Message);
        Assert.Empty(StrictYaml.Parse("f.yaml", "# nothing\n", allowEmpty: true).Problems);
    }

    [Fact]
    public void MapList_NestedUnknownKey_PathNamesTheItem()
    {
        var file = StrictYaml.Parse("f.yaml", "inbox:\n  - path: a\n  - path: b\n    maping: m.yaml\n");
        foreach (var item in file.Root!.MapList("inbox"))
        {
            item.AllowOnly("path", "mapping");
        }

        var problem = Assert.Single(file.Problems);
        Assert.Equal("inbox[1].maping", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Contains("did you mean \"mapping\"?", problem.Message, StringComparison.Ordinal);
    }
}
