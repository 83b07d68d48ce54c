using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Models.Tests.Frameworks;

public sealed class FrameworkLoaderTests
{
    private static FrameworkDefinition BuiltIn(string id) => ReferenceData.BuiltInFrameworks().Single(f => f.FrameworkId == id);

    [Fact]
    public void BuiltIns_Ilead_HasAllObjectivesAndDescriptors()
    {
        var f = BuiltIn("ilead-dp-2018");
        Assert.Equal(24, f.Dimensions.Count);
        Assert.Equal(92, f.AllDescriptors.Count());
        Assert.Equal(["IHE", "LEA", "PARTNERSHIP"], f.Groups.Select(g => g.Code));
        Assert.Equal(10, f.Dimensions.Count(d => d.Group == "IHE"));
        Assert.Equal(7, f.Dimensions.Count(d => d.Group == "LEA"));
        Assert.Equal(7, f.Dimensions.Count(d => d.Group == "PARTNERSHIP"));
        foreach (var code in new[] { "16", "22", "23", "24" })
        {
            Assert.DoesNotContain(f.AllDescriptors, d => d.DimensionCode == code && d.LevelValue == 1);
            Assert.Equal(3, f.AllDescriptors.Count(d => d.DimensionCode == code));
        }

        Assert.True(f.Ascending);
        Assert.Equal([1, 2, 3, 4], f.Levels.Select(l => l.ProgressRank));
        Assert.StartsWith("Senior district leaders have expressed interest", f.AllDescriptors.Single(d => d.DimensionCode == "11" && d.LevelValue == 1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltIns_Txnsi_ResolvesSourceQuirks()
    {
        var f = BuiltIn("txnsi-ic-2022");
        Assert.Equal(15, f.Dimensions.Count);
        Assert.Equal(5, f.Roles.Count);
        Assert.Equal(5, f.Groups.Count);
        Assert.Equal(374, f.AllDescriptors.Count());
        Assert.DoesNotContain(f.AllDescriptors, d => d.RoleCode == "HUB_TEAM" && d.DimensionCode == "5.2" && d.LevelValue == 5);
        // Level 1 is Ideal: it is the most developed.
        Assert.Equal(5, f.Levels.Single(l => l.Value == 1).ProgressRank);
        Assert.Equal("Level 5 (Entry)", f.Levels.Single(l => l.ProgressRank == 1).Label);
        // The Hub team's 3.3 block carries 3.2's title in the source; the canonical title wins.
        Assert.Equal("Study and act on results", f.Dimensions.Single(d => d.Code == "3.3").Title);
        // A "(continued)" row joins its cell: the improvement facilitator's 1.1 Level 1 has both parts.
        var cell = f.AllDescriptors.Single(d => d.RoleCode == "IMPROVEMENT_FACILITATOR" && d.DimensionCode == "1.1" && d.LevelValue == 1).Text;
        Assert.StartsWith("Facilitates conversations, with school leaders", cell, StringComparison.Ordinal);
        Assert.EndsWith("broad and diverse understanding of the problem around equity and access.", cell, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 15), f.Dimensions.Select(d => d.Number));
    }

    [Fact]
    public void Load_BrokenFile_ReportsEveryProblemWithPath()
    {
        const string yaml = """
            framework_id: Bad Id
            name: Broken
            version: "1"
            network: ilead
            ascending: true
            colour: blue
            levels:
              - { value: 1, label: One, progress_rank: 1 }
              - { value: 2, label: One, progress_rank: 3 }
            groups:
              - { code: G, title: Group }
            dimensions:
              - code: "1"
                number: 1
                title: First
                group: G
                descriptors:
                  "1": "fine"
                  "7": "no such level"
              - code: "2"
                number: 5
                title: Second
                group: NOPE
                descriptors:
                  "2": ""
            """;
        var result = FrameworkLoader.Load("broken.yaml", yaml);
        Assert.False(result.IsValid);
        var messages = result.Problems.Select(p => p.ToString()).ToList();
        Assert.All(result.Problems, p => Assert.Equal("broken.yaml", p.File));
        Assert.Contains(messages, m => m.Contains("$.framework_id", StringComparison.Ordinal) && m.Contains("lower-case", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("unknown key \"colour\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("label \"One\" is used by two levels", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("progress_rank must number the levels 1 to 2", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("$.dimensions[0].descriptors[\"7\"]", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("$.dimensions[1].number", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("group \"NOPE\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("descriptor text is empty", StringComparison.Ordinal));
        Assert.True(result.Problems.Count >= 8, string.Join("\n", messages));
        Assert.All(result.Problems, p => Assert.True(p.Line > 0, p.ToString()));
    }

    [Fact]
    public void Load_NotYaml_OneProblemWithLine()
    {
        var result = FrameworkLoader.Load("x.yaml", "framework_id: [unclosed\n");
        var problem = Assert.Single(result.Problems);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }
}
