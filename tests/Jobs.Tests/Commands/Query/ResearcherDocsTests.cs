using System.Text.RegularExpressions;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Query;

/// <summary>Every SQL example of docs/researchers.md runs against a published snapshot and returns rows.</summary>
public sealed partial class ResearcherDocsTests(SmallWarehouseFixture fixture) : IClassFixture<SmallWarehouseFixture>
{
    public static TheoryData<int> Examples() => new(Enumerable.Range(0, SqlBlocks().Count));

    private static List<string> SqlBlocks() =>
        SqlBlock().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "researchers.md"))).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void Docs_HaveSqlExamples() => Assert.True(SqlBlocks().Count >= 5);

    [Theory]
    [MemberData(nameof(Examples))]
    public void SqlExample_RunsOnTheSnapshot(int index)
    {
        var sql = SqlBlocks()[index];
        var output = RpCli.Ok("query", sql, "--format", "csv", "--warehouse", fixture.Warehouse.Warehouse);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2 || sql.Contains("role_divergence", StringComparison.Ordinal), $"no rows from:\n{sql}"); // the small warehouse has no LEA raters
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
