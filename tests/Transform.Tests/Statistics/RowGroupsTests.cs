using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Statistics;

/// <summary>RowGroups against LINQ's GroupBy and OrderBy on the same rows: the same groups, in the same order, each row once.</summary>
public sealed class RowGroupsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2000)]
    public void By_RandomRows_GroupsAndOrderOfLinq(int rows)
    {
        var random = new Random(rows);
        string[] Column(params string[] values) => Enumerable.Range(0, rows).Select(_ => values[random.Next(values.Length)]).ToArray();
        var (a, b, item) = (Column("x", "X", "a", "ä", "10", "9"), Column("p", "q"), Column("1.2", "1.10", "B", "a", "b"));
        var groups = RowGroups.By([a, b], item);

        var expected = Enumerable.Range(0, rows)
            .GroupBy(r => (a[r], b[r]))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => item[r], StringComparer.Ordinal).ToArray()) // OrderBy is stable: equal items keep row order
            .ToList();
        Assert.Equal(expected.Count, groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            Assert.Equal(expected[g], groups[g].ToArray());
            Assert.Equal(expected[g][0], groups.FirstRow(g));
        }

        Assert.Equal(Enumerable.Range(0, rows), Enumerable.Range(0, groups.Count).SelectMany(g => groups[g].ToArray()).Order());
    }
}
